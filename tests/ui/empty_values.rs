use gridcv::prelude::*;

#[tunable]
fn create_model(meta: &Meta, #[default(10)] units: usize) -> Vec<usize> {
    vec![meta.n_features, units]
}

fn main() {
    let _grid = grid!(create_model { units: [], epochs: [5, 10] });
}
