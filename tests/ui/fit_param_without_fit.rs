//! Issue 11 (1): fit parameters on a model that is not trained with them, each one error at its
//! axis saying why (they compiled, and were ignored: 8 candidates of which 2 differed).
use gridcv::grid::{NoFitParams, TrainedWith};
use gridcv::prelude::*;

pub struct Ridge {
    pub alpha: f64,
}

impl TrainedWith for Ridge {
    type FitParams = NoFitParams;
}

#[tunable]
fn ridge(#[default(1.0)] alpha: f64) -> Ridge {
    Ridge { alpha }
}

fn main() {
    let _grid = grid!(ridge { alpha: [0.1, 1.0], epochs: [1, 1000], optimizer: [Adam, Sgd] });
}
