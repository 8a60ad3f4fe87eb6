use gridcv::prelude::*;

trait Builds {
    #[tunable]
    fn create_model(meta: &Meta, #[default(10)] units: usize) -> Vec<usize> {
        vec![meta.n_features, units]
    }
}

fn main() {}
