use gridcv::prelude::*;

#[tunable]
fn create_model(meta: &Meta, #[default(10)] units: usize) -> Sequential {
    Sequential::new(meta.n_features).dense(units, Activation::Relu)
}

fn main() {
    let _grid = grid!(create_model { units: [], epochs: [5, 10] });
}
