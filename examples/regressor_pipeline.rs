//! Seed 1's grid (`examples/regressor_basic.rs`) inside a pipeline that scales the inputs and
//! the target in every fold, as scikit-learn's
//! `Pipeline([("scale", StandardScaler()), ("model", TransformedTargetRegressor(KerasRegressor(..),
//! transformer=StandardScaler()))])`: the scalers are two more axes of the same typed grid, so
//! one search compares the seed unscaled with the seed scaled.
//!
//! Run: `cargo run --release --example regressor_pipeline`

use gridcv::prelude::*;
use gridcv::search::FittedSearch;
use ndarray::Array1;

/// Seed 1's network; `scaler` and `target_scaler` are read by the pipeline, not by the network.
#[tunable]
pub fn create_model(
    meta: &Meta,
    #[default(10)] units: usize,
    #[default(Activation::Relu)] activation: Activation,
    scaler: Scaler,
    target_scaler: Scaler,
) -> Sequential {
    let _ = (scaler, target_scaler);
    Sequential::new(meta.n_features).dense(units, activation).dense(1, Activation::Linear)
}

/// A finished search of this example.
pub type Search = FittedSearch<CreateModelParams, FittedPipeline<FittedRegressor>, Array1<f32>>;

/// What the example prints.
pub struct Outcome {
    /// The search (all four scaling choices).
    pub search: Search,
    /// The best mean R² over the candidates without any scaling (seed 1 as it is).
    pub unscaled_r2: f64,
    /// The best mean R² over the candidates scaling inputs and target.
    pub scaled_r2: f64,
}

/// The best mean test score among the candidates `keep` selects.
fn best_of(search: &Search, keep: impl Fn(&CreateModelParams) -> bool) -> f64 {
    search
        .cv_results()
        .candidates
        .iter()
        .filter(|r| keep(&r.params))
        .map(|r| r.mean_test_score())
        .filter(|s| s.is_finite())
        .fold(f64::NEG_INFINITY, f64::max)
}

/// Runs seed 1's grid crossed with input scaling (none or standard) and target scaling (none or
/// standard), scored by R², and prints the best unscaled and scaled R².
pub fn run(epochs_divisor: usize) -> gridcv::Result<Outcome> {
    let data = datasets::make_regression(100, 5).noise(0.1).seed(42).build()?;
    let e = |n: usize| (n / epochs_divisor).max(1);
    let grid = grid!(create_model {
        batch_size: [10, 20, 30],
        epochs: [e(50), e(100)],
        optimizer: [Adam, Sgd],
        scaler: [Scaler::None, Scaler::Standard],
        target_scaler: [Scaler::None, Scaler::Standard],
    });
    println!("{grid}");
    let pipeline = Pipeline::new(NeuralRegressor::new())
        .step_from(|p: &CreateModelParams| p.scaler)
        .target_scaler_from(|p: &CreateModelParams| p.target_scaler);
    let search =
        GridSearchCV::new(pipeline, grid).cv(3).scoring(Scoring::R2).seed(42).fit(&data.x, &data.y)?;
    let unscaled_r2 = best_of(&search, |p| p.scaler == Scaler::None && p.target_scaler == Scaler::None);
    let scaled_r2 = best_of(&search, |p| p.scaler == Scaler::Standard && p.target_scaler == Scaler::Standard);
    println!("Best R² unscaled (seed 1 as it is): {unscaled_r2:.4}");
    println!("Best R² with input and target scaling: {scaled_r2:.4}");
    println!("Best Score: {:.4} using {}", search.best_score(), search.best_params());
    Ok(Outcome { search, unscaled_r2, scaled_r2 })
}

#[allow(dead_code)]
fn main() -> gridcv::Result<()> {
    run(1).map(drop)
}
