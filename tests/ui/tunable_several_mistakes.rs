use gridcv::prelude::*;

#[tunable(units = 3)]
fn create_model(meta: Meta, #[default] units: usize, (a, b): (u8, u8), #[default(1)] #[default(2)] depth: usize) -> Vec<usize> {
    vec![meta.n_features, units, a.into(), b.into(), depth]
}

fn main() {
    let _grid = grid!(create_model { units: [1, 2], depth: [3] });
}
