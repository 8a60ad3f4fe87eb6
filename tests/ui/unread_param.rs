//! Issue 11 (5): a tunable parameter the body never reads is an error at the parameter (the
//! grid would search it for nothing); `_name` opts out.
use gridcv::prelude::*;

#[tunable]
fn create_model(meta: &Meta, lr: f64, _seed_only: u64) -> Sequential {
    Sequential::new(meta.n_features).dense(1, Activation::Linear)
}

fn main() {
    let _grid = grid!(create_model { lr: [0.1, 0.01] });
}
