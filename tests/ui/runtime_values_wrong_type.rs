//! Values from a run-time collection are type-checked: one error at the collection.
use gridcv::prelude::*;

#[tunable]
fn create_model(meta: &Meta, #[default(10)] units: usize) -> Sequential {
    Sequential::new(meta.n_features).dense(units, Activation::Relu)
}

fn main() {
    let widths: Vec<String> = vec!["5".into(), "10".into()];
    let _grid = grid!(create_model { units: [..widths], epochs: [5] });
}
