//! Seed 1: `GridSearchCV(KerasRegressor(build_fn=create_model), {'batch_size': [10, 20, 30],
//! 'epochs': [50, 100], 'optimizer': ['adam', 'sgd']}, cv=3, scoring='neg_mean_squared_error')`
//! on `make_regression(n_samples=100, n_features=5, noise=0.1)`.
//!
//! Run: `cargo run --release --example regressor_basic`

use gridcv::prelude::*;
use gridcv::search::FittedSearch;
use ndarray::Array1;

/// The seed's network: 5 inputs, one hidden layer of 10 ReLU units, one linear output.
#[tunable]
pub fn create_model(
    meta: &Meta,
    #[default(10)] units: usize,
    #[default(Activation::Relu)] activation: Activation,
) -> Sequential {
    Sequential::new(meta.n_features).dense(units, activation).dense(1, Activation::Linear)
}

/// A finished search of this example.
pub type Search = FittedSearch<CreateModelParams, FittedRegressor, Array1<f32>>;

/// Runs the seed's search and prints what the seed prints, then the cv_results table;
/// `epochs_divisor` shortens training (the test suite passes 25).
pub fn run(epochs_divisor: usize) -> gridcv::Result<Search> {
    let data = datasets::make_regression(100, 5).noise(0.1).seed(42).build()?;
    let e = |n: usize| (n / epochs_divisor).max(1);
    let grid =
        grid!(create_model { batch_size: [10, 20, 30], epochs: [e(50), e(100)], optimizer: [Adam, Sgd] });
    println!("{grid}");
    let search = GridSearchCV::new(NeuralRegressor::new(), grid)
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
    run(1).map(drop)
}
