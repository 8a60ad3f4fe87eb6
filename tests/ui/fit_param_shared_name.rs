//! A parameter of the build function named like a fit parameter of its output: one error at
//! the parameter (an axis `optimizer` would set one of the two and not the other).
use gridcv::prelude::*;

#[tunable]
fn create_model(meta: &Meta, #[default(10)] units: usize, optimizer: String) -> Sequential {
    let _ = optimizer;
    Sequential::new(meta.n_features).dense(units, Activation::Relu)
}

fn main() {
    let _grid = grid!(create_model { units: [10, 20] });
}
