use gridcv::prelude::*;

#[tunable]
fn create_model<T: Default>(meta: &Meta, units: usize) -> (Vec<usize>, T) {
    (vec![meta.n_features, units], T::default())
}

fn main() {}
