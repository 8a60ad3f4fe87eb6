//! Successive halving, on seed 2's architecture grid: `HalvingGridSearchCV` with `epochs` as
//! the resource (every candidate trains a few epochs, the best third three times more, ...),
//! and `HalvingRandomSearchCV` over a `space!` with the number of samples as the resource.
//!
//! Run: `cargo run --release --example halving_search`

use gridcv::prelude::*;
use gridcv::search::{FittedHalving, HalvingGridSearchCV, HalvingRandomSearchCV, MinResources};
use ndarray::Array1;

/// `num_layers` hidden layers of `units` units, then one linear output (seed 2's model).
#[tunable]
pub fn deep_model(
    meta: &Meta,
    #[default(10)] units: usize,
    #[default(2)] num_layers: usize,
    #[default(Relu)] activation: Activation,
) -> Sequential {
    let mut net = Sequential::new(meta.n_features);
    for _ in 0..num_layers {
        net = net.dense(units, activation);
    }
    net.dense(1, Activation::Linear)
}

/// A finished halving search of this example.
pub type Search = FittedHalving<DeepModelParams, FittedRegressor, Array1<f32>>;

/// Prints a halving search's schedule, its rounds and its best candidate.
fn report(search: &Search) {
    let schedule = search.schedule();
    println!(
        "resource {}: n_candidates_ {:?}, n_resources_ {:?} (min {}, max {}, {} of {} required rounds)",
        search.resource(),
        schedule.n_candidates,
        schedule.n_resources,
        schedule.min_resources,
        schedule.max_resources,
        schedule.n_iterations,
        schedule.n_required_iterations,
    );
    for round in search.rounds() {
        let best = round.candidates.iter().map(|c| c.test.mean).fold(f64::NEG_INFINITY, f64::max);
        let kept = round.candidates.iter().filter(|c| c.kept).count();
        println!(
            "  iter {}: {:>2} candidates at {} = {:>3}, best {:>10.3}, {kept} kept",
            round.iter,
            round.candidates.len(),
            round.resource,
            round.n_resources,
            best
        );
    }
    println!("Best Score: {} using {}", search.best_score(), search.best_params());
}

/// Seed 2's grid without its `epochs` axis (32 candidates), halved over `epochs` up to
/// `max_epochs`.
pub fn run_grid(max_epochs: usize) -> gridcv::Result<Search> {
    let data = datasets::make_regression(100, 5).noise(0.1).seed(42).build()?;
    let grid = grid!(deep_model {
        batch_size: [10, 20],
        optimizer: [Adam, RmsProp],
        units: [10, 20],
        num_layers: [2, 3],
        activation: [Relu, Tanh],
    });
    println!("{grid}");
    let search = HalvingGridSearchCV::new(NeuralRegressor::new(), grid)
        .resource("epochs")
        .max_resources(max_epochs)
        .factor(3.0)
        .cv(3)
        .scoring(Scoring::NegMeanSquaredError)
        .seed(42)
        .fit(&data.x, &data.y)?;
    report(&search);
    Ok(search)
}

/// 12 candidates drawn from a space, halved over the number of samples (`epochs` fixed),
/// starting from as many as lets the last round use nearly all of them (`exhaust`).
pub fn run_random(epochs: usize) -> gridcv::Result<Search> {
    let data = datasets::make_regression(300, 5).noise(0.1).seed(42).build()?;
    let space = space!(deep_model {
        units: 4..=32,
        num_layers: [1, 2, 3],
        activation: [Relu, Tanh],
        learning_rate: log_uniform(1e-3, 3e-2),
        epochs: [epochs],
    });
    println!("{space}");
    let search = HalvingRandomSearchCV::new(NeuralRegressor::new(), space)
        .n_candidates(12)
        .resource("n_samples")
        .min_resources(MinResources::Exhaust)
        .cv(3)
        .scoring(Scoring::NegMeanSquaredError)
        .seed(42)
        .fit(&data.x, &data.y)?;
    report(&search);
    Ok(search)
}

#[allow(dead_code)]
fn main() -> gridcv::Result<()> {
    run_grid(100)?;
    run_random(50)?;
    Ok(())
}
