use gridcv::prelude::*;

#[tunable]
fn create_model(meta: &Meta, #[default(10)] units: usize, #[default(Relu)] activation: Activation) -> Vec<usize> {
    let _ = (meta, units, activation);
    vec![]
}

fn main() {
    let _space = space!(create_model { units: 8..=64, activation: [] });
}
