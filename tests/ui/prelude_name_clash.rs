//! Issue 11 (2): a build function named `net` generates `NetParams`, which the prelude used to
//! export: rustc said "`NetParams` is ambiguous" and the grid's own error was lost. Now the
//! grid's error is the only one.
use gridcv::prelude::*;

#[tunable]
fn net(meta: &Meta, #[default(10)] units: usize) -> Sequential {
    Sequential::new(meta.n_features).dense(units, Activation::Relu)
}

fn main() {
    let _params = NetParams::default();
    let _grid = grid!(net { unit: [10, 20] });
}
