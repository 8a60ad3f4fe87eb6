use gridcv::prelude::*;

#[tunable]
fn create_model(meta: &Meta, name: &str) -> Vec<usize> {
    vec![meta.n_features, name.len()]
}

fn main() {}
