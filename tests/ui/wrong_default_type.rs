use gridcv::prelude::*;

#[tunable]
fn create_model(meta: &Meta, #[default("ten")] units: usize) -> Vec<usize> {
    vec![meta.n_features, units]
}

fn main() {
    let _grid = grid!(create_model { epochs: [10, 20] });
}
