use gridcv::prelude::*;

#[tunable]
fn create_model(meta: &Meta, #[default("ten")] units: usize) -> Sequential {
    Sequential::new(meta.n_features).dense(units, Activation::Relu)
}

fn main() {
    let _grid = grid!(create_model { epochs: [10, 20] });
}
