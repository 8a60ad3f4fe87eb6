//! scikit-learn's diabetes data (442 patients, 10 variables in their original units), with the
//! scaler of the inputs an axis of the grid and the target scaled in every fold.
//!
//! Run: `cargo run --release --example diabetes_pipeline`

use gridcv::prelude::*;

/// One hidden layer; `scaler` is read by the pipeline.
#[tunable]
pub fn create_model(meta: &Meta, #[default(16)] units: usize, scaler: Scaler) -> Sequential {
    let _ = scaler;
    Sequential::new(meta.n_features).dense(units, Activation::Relu).dense(1, Activation::Linear)
}

/// Runs a 5-fold search and returns the best mean R² and its candidate's scaler.
pub fn run(epochs_divisor: usize) -> gridcv::Result<(f64, Scaler)> {
    let data = datasets::load_diabetes_raw();
    println!("diabetes: {} patients, features {:?}", data.n_samples(), data.feature_names);
    let pipeline = Pipeline::new(NeuralRegressor::new())
        .step_from(|p: &CreateModelParams| p.scaler)
        .target_scaler(StandardScaler::default());
    let grid = grid!(create_model {
        scaler: [Scaler::Standard, Scaler::Robust, Scaler::MinMax],
        units: [8, 32],
        epochs: [(100 / epochs_divisor).max(1)],
        learning_rate: [Some(0.01)],
    });
    let search =
        GridSearchCV::new(pipeline, grid).cv(5).scoring(Scoring::R2).seed(0).fit(&data.x, &data.y)?;
    println!("{}", search.cv_results());
    println!("Best R²: {:.4} using {}", search.best_score(), search.best_params());
    Ok((search.best_score(), search.best_params().scaler))
}

#[allow(dead_code)]
fn main() -> gridcv::Result<()> {
    run(1).map(drop)
}
