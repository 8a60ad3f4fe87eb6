//! Seed 3: a regressor trained with explicit validation data and early stopping
//! (Keras' `fit(..., validation_data=(x_val, y_val), callbacks=[EarlyStopping(...)])`).
//!
//! Run: `cargo run --release --example regressor_validation`

use gridcv::prelude::*;

#[tunable]
pub fn create_model(meta: &Meta, #[default(32)] units: usize) -> Sequential {
    Sequential::new(meta.n_features)
        .dense(units, Activation::Relu)
        .dense(units, Activation::Relu)
        .dense(1, Activation::Linear)
}

/// What the example measured.
pub struct Outcome {
    /// The best mean cross-validated score (neg MSE).
    pub best_score: f64,
    /// Epochs the refitted best model trained before early stopping ended it.
    pub epochs_trained: usize,
    /// The epoch budget of the best candidate.
    pub max_epochs: usize,
    /// Epochs with a validation loss in the refit's history (validation data reached it).
    pub validation_epochs: usize,
    /// Whether early stopping ended the refit before its budget.
    pub stopped_early: bool,
    /// R² of the refitted best model on the validation data.
    pub validation_r2: f64,
}

/// Runs the search and prints the best candidate, the refit's early stopping and the
/// cv_results table; `epochs_divisor` shortens training (the test suite passes 25).
pub fn run(epochs_divisor: usize) -> gridcv::Result<Outcome> {
    let data = datasets::make_regression(400, 8).noise(5.0).seed(7).build()?;
    let (x_train, x_val, y_train, y_val) = train_test_split(&data.x, &data.y, 0.25, 7)?;
    let stop = EarlyStopping { patience: 20, min_delta: 0.0, restore_best: true };
    let grid = grid!(create_model {
        units: [16, 32],
        learning_rate: [Some(0.01), Some(0.003)],
        epochs: [(1000 / epochs_divisor).max(1)],
        early_stopping: [Some(stop)],
    });
    println!("{grid}");
    let search = GridSearchCV::new(NeuralRegressor::new(), grid)
        .cv(3)
        .scoring(Scoring::NegMeanSquaredError)
        .seed(7)
        .fit_with(&x_train, &y_train, FitOptions::new().validation_data(&x_val, &y_val))?;
    println!("Best Score: {} using {}", search.best_score(), search.best_params());
    let best = search.best_estimator()?;
    let history = best.history();
    println!(
        "The refit stopped after {} of {} epochs; best val_loss {:.3}",
        history.loss.len(),
        search.best_params().epochs,
        history.val_loss.iter().copied().fold(f64::INFINITY, f64::min)
    );
    let validation_r2 = best.score(x_val.view(), &y_val)?;
    println!("Validation R²: {validation_r2:.4}");
    println!("{}", search.cv_results());
    Ok(Outcome {
        best_score: search.best_score(),
        epochs_trained: history.loss.len(),
        max_epochs: search.best_params().epochs,
        validation_epochs: history.val_loss.len(),
        stopped_early: history.stopped_epoch.is_some(),
        validation_r2,
    })
}

#[allow(dead_code)]
fn main() -> gridcv::Result<()> {
    run(1).map(drop)
}
