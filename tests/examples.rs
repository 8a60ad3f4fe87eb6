//! Every seed example runs here with fewer epochs, so none of them can rot.

use gridcv::nn::Layer;
use gridcv::nn::Optimizer;

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
#[path = "../examples/search_pictures.rs"]
mod search_pictures;

#[allow(dead_code)]
#[path = "../examples/random_search.rs"]
mod random_search;

#[allow(dead_code)]
#[path = "../examples/halving_search.rs"]
mod halving_search;

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
    let adam = results.candidates.iter().filter(|r| r.params.optimizer == Optimizer::Adam);
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
    assert_eq!(model.steps().len(), usize::from(best.scaler != gridcv::preprocess::Scaler::None));
    assert_eq!(model.target_scaler().is_some(), best.target_scaler != gridcv::preprocess::Scaler::None);
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

#[test]
fn search_pictures_draws_each_picture_and_the_report() {
    let dir = std::env::temp_dir().join(format!("gridcv-search-pictures-{}", std::process::id()));
    let outcome = search_pictures::run(10, &dir).unwrap();
    let names: Vec<_> =
        outcome.files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["heatmap.svg", "validation_curve.svg", "history.svg", "halving.svg", "report.html"]);
    let read = |k: usize| std::fs::read_to_string(&outcome.files[k]).unwrap();
    let count = |svg: &str, tag: &str| {
        let doc = roxmltree::Document::parse(svg).unwrap();
        doc.descendants().filter(|n| n.has_tag_name(tag)).count()
    };
    // 4 units × 3 epochs: a cell per candidate (and the white background).
    assert_eq!(outcome.n_candidates, 12);
    assert_eq!(count(&read(0), "rect"), 12 + 1);
    // A train and a test dot per value of units.
    assert_eq!(count(&read(1), "circle"), 2 * 4);
    // A dot per epoch of loss and val_loss (the best candidate trained 18 epochs or fewer).
    assert_eq!(count(&read(2), "circle"), 2 * outcome.history_epochs);
    // Halving: 9, then 3, then 1 candidates, each round three times the epochs.
    let per_round: Vec<(usize, usize)> = (0..3)
        .map(|i| {
            let rows: Vec<_> = outcome.halving.iter().filter(|r| r.iter == i).collect();
            (rows.len(), rows[0].n_resources)
        })
        .collect();
    assert_eq!(per_round, [(9, 1), (3, 3), (1, 9)]);
    assert_eq!(count(&read(3), "circle"), 13);
    let html = read(4);
    assert_eq!(html.matches("<svg").count(), 5, "heatmap, two curves, history, halving");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn random_search_draws_its_candidates_from_the_space() {
    let search = random_search::run(6, 3).unwrap();
    let results = search.cv_results();
    assert_eq!((results.len(), search.splits().len()), (6, 3));
    assert_eq!(search.best_score(), best_finite(&results.candidates));
    for row in &results.candidates {
        let p = &row.params;
        assert!((8..=64).contains(&p.units) && [10, 20].contains(&p.batch_size) && p.epochs == 3, "{p}");
        assert!((1e-4..1e-1).contains(&p.learning_rate.unwrap()), "{p}");
    }
    let again = random_search::run(6, 3).unwrap();
    let params = |s: &random_search::Search| {
        s.cv_results().candidates.iter().map(|r| r.params.clone()).collect::<Vec<_>>()
    };
    assert_eq!(params(&search), params(&again), "seed 42 draws the same candidates");
}

#[test]
fn halving_search_halves_over_epochs_and_samples() {
    let search = halving_search::run_grid(4).unwrap();
    // 32 candidates with 1 epoch, the best 11 with 3 (exhaust: 4 // 3 would be below 1).
    assert_eq!((search.n_candidates(), search.n_resources()), (&[32, 11][..], &[1, 3][..]));
    let rows = &search.cv_results().candidates;
    assert_eq!(rows.len(), 43);
    assert!(rows.iter().zip(search.row_resources()).all(|(r, &n)| r.params.epochs == n));
    assert_eq!(search.iters()[search.best_index()], 1, "the best is from the last round");
    assert_eq!(search.best_params().epochs, 3);
    let names: Vec<String> = search.columns().into_iter().map(|(n, _)| n).collect();
    assert_eq!(&names[..2], ["iter", "n_resources"]);
    // Its rounds drawn: a dot per (round, candidate), 32 + 11.
    let svg = std::env::temp_dir().join(format!("gridcv-halving-{}.svg", std::process::id()));
    search.plot_rounds(&svg).unwrap();
    let text = std::fs::read_to_string(&svg).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("circle")).count(), 43);
    std::fs::remove_file(&svg).unwrap();

    let search = halving_search::run_random(2).unwrap();
    assert_eq!((search.n_candidates(), search.n_resources()), (&[12, 4, 2][..], &[33, 99, 297][..]));
    assert_eq!(search.rounds().iter().map(|r| r.candidates.len()).collect::<Vec<_>>(), [12, 4, 2]);
    assert!(search.best_estimator().is_ok());
}
