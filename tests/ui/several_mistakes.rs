use gridcv::prelude::*;

#[tunable]
fn create_model(meta: &Meta, #[default(10)] units: usize, #[default(Activation::Relu)] activation: Activation) -> Sequential {
    let _ = activation;
    Sequential::new(meta.n_features).dense(units, Activation::Relu)
}

fn main() {
    let _grid = grid!(create_model {
        unit: [10, 20],
        activation: [Relu, "tanh"],
        epochs: [],
        activation: [Sigmoid],
        batch_size: 32,
    } | {
        units: [5],
        optimizer: [Adam, Sgd],
        optimizer: [RmsProp],
    });
}
