use gridcv::prelude::*;

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
struct Layers(usize);

#[tunable]
fn create_model(meta: &Meta, #[default(Layers(2))] layers: Layers) -> Vec<usize> {
    vec![meta.n_features, layers.0]
}

fn main() {}
