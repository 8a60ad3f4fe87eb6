use gridcv::prelude::*;

#[tunable]
fn create_model(meta: &Meta, (units, depth): (usize, usize)) -> Vec<usize> {
    vec![meta.n_features, units, depth]
}

fn main() {
    let _grid = grid!(create_model { epochs: [10, 20] });
}
