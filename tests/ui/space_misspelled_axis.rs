use gridcv::prelude::*;

#[tunable]
fn create_model(meta: &Meta, #[default(10)] units: usize) -> Vec<usize> {
    let _ = (meta, units);
    vec![]
}

fn main() {
    let _space = space!(create_model { unit: 8..=64 });
}
