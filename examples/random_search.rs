//! Randomized search over a typed space: `space!` draws `n_iter` candidates (integer range,
//! log-uniform learning rate, a list of activations), searched with the grid's engine.
//!
//! Run: `cargo run --release --example random_search`

use gridcv::prelude::*;
use gridcv::search::{FittedSearch, RandomizedSearchCV};
use ndarray::Array1;

/// Two hidden layers of `units` units, then one linear output.
#[tunable]
pub fn create_model(
    meta: &Meta,
    #[default(10)] units: usize,
    #[default(Relu)] activation: Activation,
) -> Sequential {
    Sequential::new(meta.n_features)
        .dense(units, activation)
        .dense(units, activation)
        .dense(1, Activation::Linear)
}

/// A finished search of this example.
pub type Search = FittedSearch<CreateModelParams, FittedRegressor, Array1<f32>>;

/// Draws `n_iter` candidates with seed 42 and searches them; `epochs` per fit.
pub fn run(n_iter: usize, epochs: usize) -> gridcv::Result<Search> {
    let data = datasets::make_regression(100, 5).noise(0.1).seed(42).build()?;
    let space = space!(create_model {
        units: 8..=64,
        learning_rate: log_uniform(1e-4, 1e-1),
        activation: [Relu, Tanh],
        batch_size: [10, 20],
        epochs: [epochs],
    });
    println!("{space}");
    let search = RandomizedSearchCV::new(NeuralRegressor::new(), space)
        .n_iter(n_iter)
        .cv(3)
        .scoring(Scoring::NegMeanSquaredError)
        .seed(42)
        .fit(&data.x, &data.y)?;
    println!("Best Score: {} using {}", search.best_score(), search.best_params());
    println!("{}", search.cv_results());
    Ok(search)
}

#[allow(dead_code)]
fn main() -> gridcv::Result<()> {
    run(20, 100).map(drop)
}
