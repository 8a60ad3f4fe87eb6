//! Seed 2: the architecture as a hyperparameter: 64 candidates over batch_size, epochs,
//! optimizer, units, num_layers and activation, cv=3, neg MSE.
//!
//! Run: `cargo run --release --example regressor_architecture`

use gridcv::prelude::*;
use gridcv::search::FittedSearch;
use ndarray::Array1;

/// `num_layers` hidden layers of `units` units, then one linear output.
#[tunable]
pub fn deep_model(
    meta: &Meta,
    #[default(10)] units: usize,
    #[default(2)] num_layers: usize,
    #[default(Activation::Relu)] activation: Activation,
) -> Sequential {
    let mut net = Sequential::new(meta.n_features);
    for _ in 0..num_layers {
        net = net.dense(units, activation);
    }
    net.dense(1, Activation::Linear)
}

/// A finished search of this example.
pub type Search = FittedSearch<DeepModelParams, FittedRegressor, Array1<f32>>;

/// Runs the seed's search and prints the best candidate, the top 5 and the cv_results table;
/// `epochs_divisor` shortens training (the test suite passes 25).
pub fn run(epochs_divisor: usize) -> gridcv::Result<Search> {
    let data = datasets::make_regression(100, 5).noise(0.1).seed(42).build()?;
    let e = |n: usize| (n / epochs_divisor).max(1);
    let grid = grid!(deep_model {
        batch_size: [10, 20],
        epochs: [e(50), e(100)],
        optimizer: [Adam, RmsProp],
        units: [10, 20],
        num_layers: [2, 3],
        activation: [Relu, Tanh],
    });
    println!("{grid}");
    let search = GridSearchCV::new(NeuralRegressor::new(), grid)
        .cv(3)
        .scoring(Scoring::NegMeanSquaredError)
        .seed(42)
        .fit(&data.x, &data.y)?;
    println!("Best Score: {} using {}", search.best_score(), search.best_params());
    println!("Top 5:");
    for row in search.cv_results().ranked().into_iter().take(5) {
        println!("  rank {:>2}  {:>12.3}  {}", row.rank[0], row.mean_test_score(), row.params);
    }
    println!("{}", search.cv_results());
    Ok(search)
}

#[allow(dead_code)]
fn main() -> gridcv::Result<()> {
    run(1).map(drop)
}
