use gridcv::prelude::*;

#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
struct Layers(usize);

#[tunable]
fn create_model(meta: &Meta, #[default(10)] units: usize, layers: Layers) -> Vec<usize> {
    vec![meta.n_features, units, layers.0]
}

fn main() {}
