//! The seed scenarios end to end through `GridSearchCV` with the dfdx networks, with few epochs:
//! the basic regressor grid (seed 1), validation data and early stopping (seed 3), the Iris
//! classifier (seed 4). Seed 2's architecture grid is checked on its example's own search, in
//! `tests/examples.rs`.

use gridcv::nn::Optimizer;
use gridcv::prelude::*;

#[tunable]
fn create_model(
    meta: &Meta,
    #[default(10)] units: usize,
    #[default(Activation::Relu)] activation: Activation,
) -> Sequential {
    Sequential::new(meta.n_features).dense(units, activation).dense(meta.n_outputs, Activation::Linear)
}

#[tunable]
fn classifier(meta: &Meta, #[default(10)] units: usize) -> Sequential {
    Sequential::new(meta.n_features).dense(units, Activation::Relu).dense(meta.n_classes, Activation::Softmax)
}

fn regression_scores(n_jobs: usize) -> Vec<u64> {
    let data = datasets::make_regression(100, 5).noise(0.1).seed(42).build().unwrap();
    let grid = grid!(create_model { batch_size: [10, 30], epochs: [3, 5], optimizer: [Adam, Sgd] });
    let search = GridSearchCV::new(NeuralRegressor::new(), grid)
        .cv(3)
        .scoring(Scoring::NegMeanSquaredError)
        .n_jobs(n_jobs)
        .seed(42)
        .verbose(0)
        .fit(&data.x, &data.y)
        .unwrap();
    let rows = &search.cv_results().candidates;
    assert_eq!(rows.len(), 8);
    // SGD at Keras' learning rate 0.01 diverges on these unscaled targets, as it does in Keras:
    // those candidates score NaN and rank last, the Adam ones are kept.
    for row in rows {
        let sgd = row.params.optimizer == Optimizer::Sgd;
        assert_eq!(row.test[0].mean.is_nan(), sgd, "{}", row.params);
        if sgd {
            assert!(row.errors.iter().flatten().all(|e| e.contains("diverged")), "{:?}", row.errors);
            assert_eq!(row.rank[0], 5);
        }
    }
    assert_eq!(search.best_params().optimizer, Optimizer::Adam);
    rows.iter().flat_map(|r| r.test[0].splits.iter().map(|s| s.to_bits())).collect()
}

#[test]
fn regressor_grid_is_bit_identical_for_one_and_two_jobs() {
    assert_eq!(regression_scores(1), regression_scores(2));
}

#[test]
fn classifier_grid_uses_stratified_folds_and_string_labels() {
    let iris = datasets::load_iris();
    let names = ["setosa", "versicolor", "virginica"];
    let labels: ndarray::Array1<String> = iris.y.iter().map(|&c| names[c].to_string()).collect();
    let grid = grid!(classifier { units: [4, 8], epochs: [100], batch_size: [8] });
    let search =
        GridSearchCV::new(NeuralClassifier::new(), grid).cv(3).verbose(0).fit(&iris.x, &labels).unwrap();
    // Iris is sorted by class: unstratified folds would each miss a class entirely.
    for split in search.splits() {
        let mut counts = std::collections::BTreeMap::new();
        for &i in &split.test {
            *counts.entry(labels[i].as_str()).or_insert(0) += 1;
        }
        assert_eq!(counts.len(), 3, "{counts:?}");
        assert!(counts.values().all(|&c| c == 16 || c == 17), "{counts:?}");
    }
    let model = search.best_estimator().unwrap();
    assert_eq!(model.classes(), &names.map(String::from));
    let proba = model.predict_proba(iris.x.view()).unwrap();
    assert_eq!(proba.dim(), (150, 3));
    assert!(search.best_score() > 0.9, "{}", search.best_score());
}

#[test]
fn validation_data_and_early_stopping_through_the_search() {
    let data = datasets::make_regression(200, 4).noise(1.0).seed(3).build().unwrap();
    let (x_train, x_val, y_train, y_val) = train_test_split(&data.x, &data.y, 0.25, 3).unwrap();
    let stop = EarlyStopping { patience: 3, min_delta: 1e9, restore_best: true };
    let grid =
        grid!(create_model { epochs: [500], early_stopping: [Some(stop)], learning_rate: [Some(0.01)] });
    let search = GridSearchCV::new(NeuralRegressor::new(), grid)
        .cv(3)
        .verbose(0)
        .fit_with(&x_train, &y_train, FitOptions::new().validation_data(&x_val, &y_val))
        .unwrap();
    let history = search.best_estimator().unwrap().history();
    // No epoch improves val_loss by 1e9, so training stops after 1 + patience epochs.
    assert_eq!(history.loss.len(), 4);
    assert_eq!(history.val_loss.len(), 4);
    assert!(history.stopped_epoch.is_some());
}
