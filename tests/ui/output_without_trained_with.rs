//! An output type that does not say which fit parameters train it: one error, at the return
//! type, saying what to write.
use gridcv::prelude::*;

pub struct Ridge {
    pub alpha: f64,
}

#[tunable]
fn ridge(#[default(1.0)] alpha: f64) -> Ridge {
    Ridge { alpha }
}

fn main() {
    let _grid = grid!(ridge { alpha: [0.1, 1.0] });
}
