use gridcv::prelude::*;

#[tunable]
fn create_model(meta: &Meta, #[default(10)] units: usize, optimizer: String) -> Vec<usize> {
    vec![meta.n_features, units, optimizer.len()]
}

fn main() {
    let _grid = grid!(create_model { units: [10, 20] });
}
