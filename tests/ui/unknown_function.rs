use gridcv::prelude::*;

#[tunable]
fn create_model(meta: &Meta, #[default(10)] units: usize) -> Vec<usize> {
    vec![meta.n_features, units]
}

fn main() {
    let grid = grid!(create_modle { units: [10, 20] } | { units: [5] });
    assert_eq!(grid.len(), 3);
}
