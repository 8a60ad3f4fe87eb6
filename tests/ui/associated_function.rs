use gridcv::prelude::*;

struct Builder;

impl Builder {
    #[tunable]
    fn create_model(meta: &Meta, #[default(10)] units: usize) -> Vec<usize> {
        vec![meta.n_features, units]
    }
}

fn main() {
    let _layers = Builder::create_model(&Meta::default(), 3);
}
