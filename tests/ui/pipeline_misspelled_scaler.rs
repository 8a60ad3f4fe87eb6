use gridcv::prelude::*;

#[tunable]
fn create_model(meta: &Meta, #[default(10)] units: usize, scaler: Scaler) -> Sequential {
    let _ = scaler;
    Sequential::new(meta.n_features).dense(units, Activation::Relu).dense(1, Activation::Linear)
}

fn main() {
    let _grid = grid!(create_model { scaler: [Scaler::None, Scaler::Standrad] });
}
