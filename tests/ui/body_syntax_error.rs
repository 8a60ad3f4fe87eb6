//! Issue 11 (3): a syntax error in the body is rustc's own error only.
use gridcv::prelude::*;

#[tunable]
fn create_model(meta: &Meta, #[default(10)] units: usize) -> Sequential {
    let net = Sequential::new(meta.n_features)
    net.dense(units, Activation::Relu)
}

fn main() {
    let _grid = grid!(create_model { units: [10, 20] });
}
