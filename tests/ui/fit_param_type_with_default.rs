use gridcv::prelude::*;

#[tunable]
fn create_model(meta: &Meta, #[default(String::new())] optimizer: String) -> Vec<usize> {
    vec![meta.n_features, optimizer.len()]
}


fn main() {}
