use gridcv::prelude::*;

#[tunable]
fn create_model(meta: &Meta, #[default(10)] units: usize) -> impl Iterator<Item = usize> {
    vec![meta.n_features, units].into_iter()
}

fn main() {
    let _grid = grid!(create_model { units: [10, 20] });
}

/// Nested in the return type, it is found too.
#[tunable]
fn counter(#[default(1)] start: usize) -> Option<impl Fn() -> usize> {
    Some(move || start)
}
