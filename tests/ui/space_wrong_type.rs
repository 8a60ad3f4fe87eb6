use gridcv::prelude::*;

#[tunable]
fn create_model(meta: &Meta, #[default(10)] units: usize, #[default(Relu)] activation: Activation) -> Vec<usize> {
    let _ = (meta, units, activation);
    vec![]
}

fn main() {
    // A float distribution for an integer field, and a list value of the wrong type.
    let _space = space!(create_model { units: log_uniform(1e-4, 1e-1), activation: [Relu, 3] });
}
