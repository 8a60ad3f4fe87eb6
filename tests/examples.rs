//! Every seed example runs here with fewer epochs, so none of them can rot.

use gridcv::nn::Layer;
use gridcv::prelude::*;

#[allow(dead_code)]
#[path = "../examples/regressor_basic.rs"]
mod regressor_basic;

#[allow(dead_code)]
#[path = "../examples/regressor_architecture.rs"]
mod regressor_architecture;

#[allow(dead_code)]
#[path = "../examples/regressor_validation.rs"]
mod regressor_validation;

#[allow(dead_code)]
#[path = "../examples/iris_classifier.rs"]
mod iris_classifier;

#[allow(dead_code)]
#[path = "../examples/csv_regression.rs"]
mod csv_regression;

#[allow(dead_code)]
#[path = "../examples/regressor_pipeline.rs"]
mod regressor_pipeline;

#[allow(dead_code)]
#[path = "../examples/csv_pipeline.rs"]
mod csv_pipeline;

#[allow(dead_code)]
#[path = "../examples/diabetes_pipeline.rs"]
mod diabetes_pipeline;

/// The best score of a search is the best finite mean test score of its rows.
fn best_finite<P>(rows: &[gridcv::results::CandidateResult<P>]) -> f64 {
    rows.iter().map(|r| r.mean_test_score()).filter(|s| s.is_finite()).fold(f64::NEG_INFINITY, f64::max)
}

#[test]
fn regressor_basic_runs_the_seed_grid() {
    let search = regressor_basic::run(25).unwrap();
    let results = search.cv_results();
    assert_eq!((results.len(), search.splits().len()), (12, 3));
    assert_eq!(search.best_score(), best_finite(&results.candidates));
    assert!(search.best_score() < 0.0, "neg MSE is negative: {}", search.best_score());
    // Adam never diverges on this grid; only SGD candidates may score NaN.
    let adam = results.candidates.iter().filter(|r| r.params.optimizer == Adam);
    assert!(adam.clone().count() == 6 && adam.into_iter().all(|r| r.succeeded()));
}

#[test]
fn regressor_architecture_runs_the_64_candidates() {
    let search = regressor_architecture::run(25).unwrap();
    let results = search.cv_results();
    assert_eq!(results.len(), 64);
    assert_eq!(search.best_score(), best_finite(&results.candidates));
    assert_eq!(results.ranked()[0].index, search.best_index());
    assert!([2, 3].contains(&search.best_params().num_layers));
    let rows = &results.candidates;
    for row in rows {
        assert_eq!(
            row.grid_params.as_deref(),
            Some(&["activation", "batch_size", "epochs", "num_layers", "optimizer", "units"][..]),
            "the six axes of seed 2"
        );
        assert!(row.errors.iter().all(Option::is_none), "{}: {:?}", row.params, row.errors);
        assert!(row.mean_test_score().is_finite() && row.mean_test_score() < 0.0, "{}", row.params);
    }
    assert_eq!(rows.iter().filter(|r| r.params.num_layers == 3).count(), 32);
    // 64 = 2^6: two values on each of the six axes.
    for axis in ["activation", "batch_size", "epochs", "num_layers", "optimizer", "units"] {
        let values: std::collections::BTreeSet<String> =
            rows.iter().map(|r| results.param_value(r, axis).to_string()).collect();
        assert_eq!(values.len(), 2, "{axis}: {values:?}");
    }

    // The refitted best model has the best candidate's architecture.
    let best = search.best_params();
    let model = search.best_estimator().unwrap();
    let layers = model.spec().layers();
    assert_eq!(layers.len(), best.num_layers + 1, "{best}");
    for layer in &layers[..best.num_layers] {
        assert_eq!(*layer, Layer::Dense { units: best.units, activation: best.activation }, "{best}");
    }
    let weights = model.weights();
    assert_eq!(weights.len(), best.num_layers + 1);
    assert_eq!(weights[0].0.dim(), (5, best.units));
    assert_eq!(weights[best.num_layers].0.dim(), (best.units, 1));
    assert_eq!(model.history().epochs(), best.epochs);
}

#[test]
fn regressor_validation_uses_the_validation_data_and_generalizes() {
    let outcome = regressor_validation::run(25).unwrap();
    // Every epoch of the refit was validated on the validation data, and early stopping ended
    // it exactly when it trained fewer epochs than its budget.
    assert_eq!(outcome.validation_epochs, outcome.epochs_trained);
    assert_eq!(outcome.stopped_early, outcome.epochs_trained < outcome.max_epochs);
    assert!(outcome.best_score.is_finite() && outcome.best_score < 0.0);
    assert!(outcome.validation_r2 > 0.5, "validation R² {}", outcome.validation_r2);
}

#[test]
fn iris_classifier_runs_and_learns() {
    // The full example (100 epochs, it takes well under a second); the bar is the issue's
    // 0.93 (28 of the 30 held-out flowers); chance is 1/3.
    let accuracy = iris_classifier::run(1).unwrap();
    assert!(accuracy >= 0.93, "test accuracy {accuracy}");
}

#[test]
fn csv_regression_runs_on_the_sample_file() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/housing_small.csv");
    let r2 = csv_regression::run(path, "price", 4).unwrap();
    assert!(r2.is_finite());
    let missing = csv_regression::run("/nonexistent/file.csv", "price", 4).unwrap_err();
    assert!(missing.to_string().contains("/nonexistent/file.csv"), "{missing}");
    let unknown = csv_regression::run(path, "prices", 4).unwrap_err().to_string();
    assert!(unknown.contains("`prices`") && unknown.contains("`area`"), "{unknown}");
    // A file with a text column and missing cells goes through the same program.
    let mixed = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/apartments.csv");
    let r2 = csv_regression::run(mixed, "price", 4).unwrap();
    assert!(r2 > 0.5, "R² {r2}");
}

#[test]
fn regressor_pipeline_scales_inside_the_folds_and_reaches_the_issue_bar() {
    // The full example: seed 1's grid (its epochs unshortened) crossed with the two scalers.
    let outcome = regressor_pipeline::run(1).unwrap();
    let results = outcome.search.cv_results();
    assert_eq!(results.len(), 48);
    assert!(outcome.scaled_r2 >= 0.95, "R² with scaling {}", outcome.scaled_r2);
    assert!(
        outcome.scaled_r2 > outcome.unscaled_r2 + 0.2,
        "{} vs {}",
        outcome.scaled_r2,
        outcome.unscaled_r2
    );
    assert_eq!(outcome.search.best_score(), best_finite(&results.candidates));
    // The refitted pipeline carries the best candidate's fitted scalers.
    let best = outcome.search.best_params();
    let model = outcome.search.best_estimator().unwrap();
    assert_eq!(model.steps().len(), usize::from(best.scaler != Scaler::None));
    assert_eq!(model.target_scaler().is_some(), best.target_scaler != Scaler::None);
}

#[test]
fn csv_pipeline_loads_text_and_missing_cells_and_predicts_raw_rows() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/apartments.csv");
    let outcome = csv_pipeline::run(path, 6).unwrap();
    // 3 numeric columns and the 5 cities one-hot encoded.
    assert_eq!(outcome.network_columns.len(), 8, "{:?}", outcome.network_columns);
    assert!(outcome.network_columns.contains(&"cat__city_Paris".to_string()));
    assert!(outcome.best_cv_r2 > 0.8 && outcome.test_r2 > 0.8, "{} {}", outcome.best_cv_r2, outcome.test_r2);
    // An 85 m² flat in Lyon (5.2 per m², built 1990) costs about 5.2 * 85 * 1.08 + 12 = 489.
    assert!((outcome.raw_prediction - 489.0).abs() < 150.0, "{}", outcome.raw_prediction);
    assert!(outcome.unseen_city.contains("`Nantes`"), "{}", outcome.unseen_city);
}

#[test]
fn diabetes_pipeline_runs_on_the_embedded_data() {
    let (r2, _) = diabetes_pipeline::run(10).unwrap();
    // scikit-learn's linear regression scores a 5-fold R² of about 0.48 here; chance is 0.
    assert!(r2 > 0.3, "R² {r2}");
}
