use gridcv::prelude::*;

// `grid!` names a `#[tunable]` function: a plain one is one error, at its name (rustc's
// wording cannot mention `#[tunable]`).

fn plain(meta: &Meta, units: usize) -> Vec<usize> {
    vec![meta.n_features, units]
}

fn main() {
    let _ = plain(&Meta::default(), 3);
    let _grid = grid!(plain { units: [10, 20] });
}
