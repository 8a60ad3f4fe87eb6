use gridcv::prelude::*;

/// A fit parameter taken with its type and a default of the wrong type: one error, at the
/// default.
#[tunable]
fn create_model(meta: &Meta, #[default("sgd")] optimizer: Optimizer) -> Vec<usize> {
    vec![meta.n_features, optimizer as usize]
}

fn main() {}
