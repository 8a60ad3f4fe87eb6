use gridcv::prelude::*;

#[tunable]
fn create_model(meta: &Meta, #[default(10)] units: usize) -> Vec<usize> {
    let _ = (meta, units);
    vec![]
}

fn main() {
    // Each mistake once, at its token: a repeated axis, a missing value, a missing colon.
    let _space = space!(create_model { units: 8..=64, units: [4], epochs: , batch_size [8] });
}
