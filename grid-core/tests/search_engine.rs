//! The engine's plumbing: validation data, probability and custom scorers, the training classes
//! of `FittedSearch::score`, `ErrorScore::Raise` across thread counts, union grids and NaN in
//! the exports, the `CrossValidation` builder, and quiet panics under `verbose(0)`.

mod common;

use std::collections::HashSet;
use std::sync::Mutex;

use common::*;
use grid_core::estimator::{Estimator, Predictor, Task, TrainSet};
use grid_core::grid::{Axis, Branch, Grid, Shape};
use grid_core::metrics::{log_loss, roc_auc, Scoring};
use grid_core::search::{cross_validate, CrossValidation, ErrorScore, FitOptions, GridSearchCV};
use grid_core::split::{GroupKFold, KFold, StratifiedKFold};
use grid_core::{Error, Result};
use ndarray::{Array1, Array2, Axis as Rows};
use serde::Serialize;

/// A 3-class problem with overlapping classes: `y = i % 3`, 15 rows.
fn three_classes() -> (Array2<f32>, Array1<i32>) {
    three_classes_of(15)
}

/// The same problem with `n` rows.
fn three_classes_of(n: usize) -> (Array2<f32>, Array1<i32>) {
    let x = Array2::from_shape_fn((n, 2), |(i, j)| {
        if j == 0 {
            (i % 3) as f32 * 0.5 + ((i * 7) % 5) as f32 * 0.4
        } else {
            ((i * 3) % 4) as f32 * 0.5
        }
    });
    let y = (0..n as i32).map(|i| i % 3).collect();
    (x, y)
}

/// The validation data one fit saw.
type Seen = Option<(Array2<f32>, Array1<f32>)>;

/// Records the validation data of every fit, and predicts the training mean.
struct ValidationProbe {
    seen: Mutex<Vec<Seen>>,
}

impl Estimator<NoParams, Array1<f32>> for ValidationProbe {
    type Fitted = FlakyModel;
    fn task(&self) -> Task {
        Task::Regression
    }
    fn fit(&self, _: &NoParams, data: &TrainSet<'_, Array1<f32>>) -> Result<FlakyModel> {
        let seen = data.validation().map(|(x, y)| (x.to_owned(), y.clone()));
        self.seen.lock().unwrap().push(seen);
        Ok(FlakyModel(data.y().mean().unwrap_or(0.0)))
    }
}

#[test]
fn validation_data_reaches_every_fit_from_the_fit_options() {
    let (x, y) = ridge_data();
    // Values no fold of x or y holds, so a test fold passed instead would show.
    let x_val = Array2::from_elem((3, 2), 42.0_f32);
    let y_val = Array1::from_elem(3, -7.0_f32);
    let probe = ValidationProbe { seen: Mutex::new(Vec::new()) };
    let options = FitOptions::new().validation_data(&x_val, &y_val);
    GridSearchCV::new(&probe, vec![NoParams, NoParams]).cv(3).verbose(0).fit_with(&x, &y, options).unwrap();
    let seen = probe.seen.lock().unwrap().drain(..).collect::<Vec<_>>();
    assert_eq!(seen.len(), 2 * 3 + 1, "every fit of the search and the refit");
    for fit in &seen {
        let (xv, yv) = fit.as_ref().expect("validation data in every fit");
        assert_eq!((xv, yv), (&x_val, &y_val));
    }

    let options = FitOptions::new().validation_data(&x_val, &y_val);
    CrossValidation::new(&probe).cv(3).verbose(0).validate_with(NoParams, &x, &y, options).unwrap();
    let options = FitOptions::new().validation_data(&x_val, &y_val);
    CrossValidation::new(&probe).cv(3).verbose(0).predict_with(NoParams, &x, &y, options).unwrap();
    let seen = probe.seen.lock().unwrap().drain(..).collect::<Vec<_>>();
    assert_eq!(seen.len(), 6);
    assert!(seen.iter().all(|fit| fit.as_ref().is_some_and(|(xv, yv)| xv == x_val && yv == y_val)));

    // Without validation data, no fit sees any.
    GridSearchCV::new(&probe, vec![NoParams]).cv(3).verbose(0).fit(&x, &y).unwrap();
    assert!(probe.seen.lock().unwrap().iter().all(Option::is_none));
}

/// The mean probability given to the true class: a custom probability scorer.
fn mean_true_proba(eval: &grid_core::metrics::Evaluation<'_>) -> f64 {
    let grid_core::data::Encoded::Labels { labels, .. } = eval.y_true else { return f64::NAN };
    let proba = eval.proba.expect("probabilities");
    labels.iter().enumerate().map(|(i, &l)| f64::from(proba[[i, l]])).sum::<f64>() / labels.len() as f64
}

#[test]
fn probability_and_custom_scorers_score_each_split_as_the_metrics_do() {
    let (x, y) = three_classes();
    let scorers = [
        Scoring::NegLogLoss,
        Scoring::RocAucOvr,
        Scoring::custom_proba("mean_true_proba", mean_true_proba),
        Scoring::custom("n_test", |e| e.y_true.len() as f64),
    ];
    let search = GridSearchCV::new(NearestCentroid, vec![NoParams])
        .cv(3)
        .scoring(scorers)
        .refit("roc_auc_ovr")
        .verbose(0)
        .fit(&x, &y)
        .unwrap();
    let results = search.cv_results();
    assert_eq!(results.metrics, ["neg_log_loss", "roc_auc_ovr", "mean_true_proba", "n_test"]);
    let row = &results.candidates[0];
    assert_eq!(search.best_score(), row.test[1].mean, "refit by roc_auc_ovr");
    assert_eq!(search.classes(), &vec![0, 1, 2]);
    let model_classes = vec![0, 1, 2];
    for (s, split) in search.splits().iter().enumerate() {
        let x_train = x.select(Rows(0), &split.train);
        let y_train: Array1<i32> = split.train.iter().map(|&i| y[i]).collect();
        let data = TrainSet::new(x_train.view(), &y_train);
        assert_eq!(data.classes(), &model_classes);
        let model = NearestCentroid.fit(&NoParams, &data).unwrap();
        let proba = model.predict_proba(x.select(Rows(0), &split.test).view()).unwrap().unwrap();
        let labels: Vec<usize> = split.test.iter().map(|&i| y[i] as usize).collect();
        let loss = log_loss(&labels, proba.view(), 3).unwrap();
        let auc = roc_auc(&labels, proba.view(), 3).unwrap();
        let true_proba = labels.iter().enumerate().map(|(i, &l)| f64::from(proba[[i, l]])).sum::<f64>()
            / labels.len() as f64;
        assert_eq!(row.test[0].splits[s], -loss, "neg_log_loss, split {s}");
        assert_eq!(row.test[1].splits[s], auc, "roc_auc_ovr, split {s}");
        assert_eq!(row.test[2].splits[s], true_proba, "custom, split {s}");
        assert_eq!(row.test[3].splits[s], split.test.len() as f64, "custom, split {s}");
        // Not a degenerate problem: classes overlap, probabilities are not one-hot.
        assert!(auc > 0.0 && auc < 1.0 && loss > 0.01, "{auc} {loss}");
    }
    let columns: Vec<String> = results.columns().into_iter().map(|(name, _)| name).collect();
    assert!(columns.iter().any(|c| c == "mean_test_roc_auc_ovr"));
    assert!(columns.iter().any(|c| c == "rank_test_mean_true_proba"));
}

#[test]
fn folds_larger_than_a_scoring_chunk_score_as_all_their_rows_at_once() {
    // 2 folds of 5 000 test and train rows: the engine copies them out 4 096 rows at a time.
    let (x, y) = three_classes_of(10_000);
    let search = GridSearchCV::new(NearestCentroid, vec![NoParams])
        .cv(2)
        .scoring([Scoring::NegLogLoss, Scoring::Accuracy, Scoring::custom("n", |e| e.y_true.len() as f64)])
        .refit("accuracy")
        .return_train_score(true)
        .verbose(0)
        .fit(&x, &y)
        .unwrap();
    let row = &search.cv_results().candidates[0];
    let train = row.train.as_ref().expect("train scores");
    for (s, split) in search.splits().iter().enumerate() {
        assert!(split.test.len() > 4096 && split.train.len() > 4096);
        let y_train: Array1<i32> = split.train.iter().map(|&i| y[i]).collect();
        let x_train = x.select(Rows(0), &split.train);
        let model = NearestCentroid.fit(&NoParams, &TrainSet::new(x_train.view(), &y_train)).unwrap();
        for (rows, scores, what) in [(&split.test, &row.test, "test"), (&split.train, train, "train")] {
            let proba = model.predict_proba(x.select(Rows(0), rows).view()).unwrap().unwrap();
            let labels: Vec<usize> = rows.iter().map(|&i| y[i] as usize).collect();
            let predicted = model.predict(x.select(Rows(0), rows).view()).unwrap();
            let hits = rows.iter().zip(&predicted).filter(|(&i, p)| y[i] == **p).count();
            assert_eq!(scores[0].splits[s], -log_loss(&labels, proba.view(), 3).unwrap(), "{what} {s}");
            assert_eq!(scores[1].splits[s], hits as f64 / rows.len() as f64, "{what} {s}");
            assert_eq!(scores[2].splits[s], rows.len() as f64, "{what} {s}");
        }
    }
}

#[test]
fn refit_by_a_scorer_parsed_from_its_sklearn_name() {
    let (x, y) = three_classes();
    for name in ["roc_auc_ovr", "neg_log_loss", "balanced_accuracy", "f1_macro", "f1_weighted"] {
        let scoring: Scoring = name.parse().unwrap();
        let search = GridSearchCV::new(NearestCentroid, vec![NoParams])
            .cv(3)
            .scoring([Scoring::Accuracy, scoring])
            .refit(name)
            .verbose(0)
            .fit(&x, &y)
            .unwrap_or_else(|e| panic!("refit({name:?}): {e}"));
        assert_eq!(search.cv_results().metrics[1], name);
        assert_eq!(search.best_score(), search.cv_results().candidates[0].test[1].mean);
    }
}

#[test]
fn fitted_search_scores_with_the_classes_it_was_fitted_on() {
    let (x, y) = three_classes();
    let search = GridSearchCV::new(NearestCentroid, vec![NoParams])
        .cv(3)
        .scoring(Scoring::NegLogLoss)
        .verbose(0)
        .fit(&x, &y);
    let search = search.unwrap();
    let model = search.best_estimator().unwrap();
    // Rows of classes 0 and 1 that the model does not predict as class 2: neither the truth
    // nor the predictions name class 2, yet predict_proba has its column.
    let pred = model.predict(x.view()).unwrap();
    let rows: Vec<usize> = (0..15).filter(|&i| y[i] != 2 && pred[i] != 2).collect();
    assert!(rows.len() >= 4, "{rows:?}");
    let (x_sub, y_sub) = (x.select(Rows(0), &rows), rows.iter().map(|&i| y[i]).collect::<Array1<i32>>());
    let proba = model.predict_proba(x_sub.view()).unwrap().unwrap();
    assert_eq!(proba.ncols(), 3);
    let labels: Vec<usize> = y_sub.iter().map(|&l| l as usize).collect();
    let expected = -log_loss(&labels, proba.view(), 3).unwrap();
    assert_eq!(search.score(x_sub.view(), &y_sub).unwrap(), expected);
    // RocAuc still needs every class in y (as scikit-learn's roc_auc_ovr), but scores a
    // sample that has them.
    let auc = GridSearchCV::new(NearestCentroid, vec![NoParams])
        .cv(3)
        .scoring(Scoring::RocAuc)
        .verbose(0)
        .fit(&x, &y)
        .unwrap();
    let all: Vec<usize> = y.iter().map(|&l| l as usize).collect();
    let direct = roc_auc(&all, model.predict_proba(x.view()).unwrap().unwrap().view(), 3).unwrap();
    assert_eq!(auc.score(x.view(), &y).unwrap(), direct);
    assert!(auc.score(x_sub.view(), &y_sub).is_err());
    // A label unknown to training counts as wrong for a label scorer.
    let accuracy = GridSearchCV::new(NearestCentroid, vec![NoParams]).cv(3).verbose(0).fit(&x, &y).unwrap();
    let y_unknown: Array1<i32> = y.iter().map(|&l| if l == 2 { 9 } else { l }).collect();
    let score = accuracy.score(x.view(), &y_unknown).unwrap();
    let right = (0..15).filter(|&i| pred[i] == y_unknown[i]).count();
    assert_eq!(score, right as f64 / 15.0);
    // ... and is an error for a probability scorer, which never sees columns that do not match.
    let unknown = search.score(x.view(), &y_unknown).unwrap_err();
    assert!(matches!(unknown, Error::UnknownLabel(_)), "{unknown}");
}

/// Candidate 0 sleeps on split 0 then fails on split 1; every other candidate fails at once.
struct SlowThenFail;

impl Estimator<u8, Array1<f32>> for SlowThenFail {
    type Fitted = FlakyModel;
    fn task(&self) -> Task {
        Task::Regression
    }
    fn fit(&self, candidate: &u8, data: &TrainSet<'_, Array1<f32>>) -> Result<FlakyModel> {
        // With KFold(3) on ridge_data, only split 0 trains without row 0 (x[0, 0] == 0).
        let split_0 = !data.x().column(0).iter().any(|&v| v == 0.0);
        match (candidate, split_0) {
            (0, true) => {
                std::thread::sleep(std::time::Duration::from_millis(300));
                Ok(FlakyModel(0.0))
            }
            (0, false) => Err(Error::invalid("probe", "candidate 0 fails after split 0")),
            _ => Err(Error::invalid("probe", "a later candidate fails")),
        }
    }
}

#[test]
fn raise_returns_the_failure_of_lowest_candidate_and_split_whatever_n_jobs() {
    let (x, y) = ridge_data();
    for n_jobs in [1, 2, 4] {
        let err = GridSearchCV::new(SlowThenFail, vec![0_u8, 1, 2, 3])
            .cv(KFold::new(3))
            .n_jobs(n_jobs)
            .error_score(ErrorScore::Raise)
            .verbose(0)
            .fit(&x, &y)
            .unwrap_err();
        assert!(
            matches!(&err, Error::CandidateFailed { candidate: 0, split: 1, .. }),
            "n_jobs = {n_jobs}: {err}"
        );
        assert!(err.full_message().contains("candidate 0 fails after split 0"), "{err}");
    }
}

/// Two parameters, set by different branches of a union grid.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
struct Ab {
    a: f64,
    b: f64,
}

impl std::fmt::Display for Ab {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{{a: {}, b: {}}}", self.a, self.b)
    }
}

/// Predicts the training mean plus `a + b`.
struct MeanPlus;

impl Estimator<Ab, Array1<f32>> for MeanPlus {
    type Fitted = FlakyModel;
    fn task(&self) -> Task {
        Task::Regression
    }
    fn fit(&self, p: &Ab, data: &TrainSet<'_, Array1<f32>>) -> Result<FlakyModel> {
        Ok(FlakyModel(data.y().mean().unwrap_or(0.0) + (p.a + p.b) as f32))
    }
}

/// `[{'a': [0.0, 1.0]}, {'b': [5.0]}]`, the defaults of `Ab` elsewhere.
fn union_grid() -> impl grid_core::grid::ParamGrid<Params = Ab> {
    const SHAPE: Shape<3> =
        Shape::new(&[Branch::new(&[Axis::new("a", 2)]), Branch::new(&[Axis::new("b", 1)])]);
    Grid::new(SHAPE, |branch, mut digits| match branch {
        0 => Ab { a: [0.0, 1.0][digits.next().unwrap()], ..Ab::default() },
        _ => Ab { b: [5.0][digits.next().unwrap()], ..Ab::default() },
    })
}

#[test]
fn a_union_grid_leaves_the_parameters_of_other_branches_empty_as_sklearn() {
    let (x, y) = ridge_data();
    let search = GridSearchCV::new(MeanPlus, union_grid()).cv(3).verbose(0).fit(&x, &y).unwrap();
    let results = search.cv_results();
    assert_eq!(results.param_names, ["a", "b"]);
    // pd.DataFrame(GridSearchCV(est, [{'a': [0.0, 1.0]}, {'b': [5.0]}], cv=3).fit(X, y).cv_results_)
    // has param_a = [0.0, 1.0, masked], param_b = [masked, masked, 5.0] and params
    // [{'a': 0.0}, {'a': 1.0}, {'b': 5.0}]; to_csv writes the masked cells empty.
    let json = results.to_json_value();
    assert_eq!(json["param_a"], serde_json::json!([0.0, 1.0, null]));
    assert_eq!(json["param_b"], serde_json::json!([null, null, 5.0]));
    assert_eq!(json["params"], serde_json::json!([{"a": 0.0}, {"a": 1.0}, {"b": 5.0}]));
    let csv = results.to_csv_string();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let cells = |name: &str| rows.iter().map(|r| r[column(name)].to_string()).collect::<Vec<_>>();
    assert_eq!(cells("param_a"), ["0.0", "1.0", ""]);
    assert_eq!(cells("param_b"), ["", "", "5.0"]);
    assert_eq!(cells("params"), [r#"{"a":0.0}"#, r#"{"a":1.0}"#, r#"{"b":5.0}"#]);
    // A single-branch grid and a plain list fill every cell.
    let list = GridSearchCV::new(MeanPlus, vec![Ab::default()]).cv(3).verbose(0).fit(&x, &y).unwrap();
    assert_eq!(list.cv_results().to_json_value()["params"], serde_json::json!([{"a": 0.0, "b": 0.0}]));
}

#[test]
fn nan_is_an_empty_csv_cell_and_json_null_as_pandas_writes_them() {
    let (x, y) = ridge_data();
    let search = GridSearchCV::new(Flaky, vec![Behaviour::Fails, Behaviour::Noisy])
        .cv(3)
        .return_train_score(true)
        .verbose(0)
        .fit(&x, &y)
        .unwrap();
    let csv = search.cv_results().to_csv_string();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    for (name, failed) in header.iter().zip(rows[0].iter()) {
        if name.contains("_test_score") && !name.starts_with("rank") || name.contains("_train_score") {
            assert_eq!(failed, "", "{name}");
        }
    }
    for (name, ok) in header.iter().zip(rows[1].iter()) {
        assert!(!ok.is_empty() && ok != "nan", "{name}: {ok:?}");
    }
    assert!(!csv.contains("nan") && !csv.contains("NaN"), "{csv}");
    let json = search.cv_results().to_json_value();
    assert_eq!(json["split0_test_score"][0], serde_json::Value::Null);
    assert_eq!(json["mean_train_score"][0], serde_json::Value::Null);
    assert!(json["mean_test_score"][1].is_f64());
    assert_eq!(json["rank_test_score"], serde_json::json!([2, 1]));
}

/// Records which rows (by `x[:, 0]`) each fit trained on, and predicts the training mean.
struct RowProbe {
    trained_on: Mutex<Vec<HashSet<usize>>>,
}

impl Estimator<NoParams, Array1<f32>> for RowProbe {
    type Fitted = FlakyModel;
    fn task(&self) -> Task {
        Task::Regression
    }
    fn fit(&self, _: &NoParams, data: &TrainSet<'_, Array1<f32>>) -> Result<FlakyModel> {
        self.trained_on.lock().unwrap().push(data.x().column(0).iter().map(|&v| v as usize).collect());
        Ok(FlakyModel(data.y().mean().unwrap_or(0.0)))
    }
}

#[test]
fn groups_reach_group_kfold_through_the_cross_validation_functions() {
    let (x, y) = ridge_data();
    let groups: Vec<&str> = (0..14).map(|i| ["a", "b", "c", "d"][i % 4]).collect();
    let probe = RowProbe { trained_on: Mutex::new(Vec::new()) };
    let cv = CrossValidation::new(&probe).cv(GroupKFold::new(4)).verbose(0);
    let row = cv.validate_with(NoParams, &x, &y, FitOptions::new().groups(&groups)).unwrap();
    assert_eq!(row.test[0].splits.len(), 4);
    cv.predict_with(NoParams, &x, &y, FitOptions::new().groups(&groups)).unwrap();
    cv.curve_with(vec![NoParams], &x, &y, FitOptions::new().groups(&groups)).unwrap();
    let trained_on = probe.trained_on.lock().unwrap();
    assert_eq!(trained_on.len(), 12);
    for train in trained_on.iter() {
        let train_groups: HashSet<&str> = train.iter().map(|&i| groups[i]).collect();
        assert_eq!(train_groups.len(), 3, "one group held out");
        assert!((0..14).filter(|i| !train.contains(i)).all(|i| !train_groups.contains(groups[i])));
    }
    let missing = cv.validate(NoParams, &x, &y).unwrap_err();
    assert!(missing.to_string().contains("groups"), "{missing}");
}

fn bits(v: &[f64]) -> Vec<u64> {
    v.iter().map(|f| f.to_bits()).collect()
}

#[test]
fn the_cross_validation_seed_and_threads_are_settable_and_results_deterministic() {
    let (x, y) = ridge_data();
    let cv = |seed, n_jobs| CrossValidation::new(Flaky).cv(3).seed(seed).n_jobs(n_jobs).verbose(0);
    let scores = |seed, n_jobs| cv(seed, n_jobs).score(Behaviour::Noisy, &x, &y).unwrap();
    assert_eq!(bits(&scores(7, 1)), bits(&scores(7, 2)));
    assert_eq!(bits(&scores(7, 1)), bits(&scores(7, 1)));
    assert_ne!(bits(&scores(7, 1)), bits(&scores(8, 1)));
    let predict = |seed, n_jobs| cv(seed, n_jobs).predict(Behaviour::Noisy, &x, &y).unwrap();
    assert_eq!(predict(7, 1), predict(7, 2));
    assert_ne!(predict(7, 1), predict(8, 1), "cross_val_predict follows the seed");
    // The seed also drives shuffled splitters.
    let shuffled = |seed| {
        CrossValidation::new(Ridge)
            .cv(KFold::new(3).shuffle(true))
            .seed(seed)
            .verbose(0)
            .score(RidgeParams { alpha: 1.0 }, &x, &y)
            .unwrap()
    };
    assert_eq!(bits(&shuffled(1)), bits(&shuffled(1)));
    assert_ne!(bits(&shuffled(1)), bits(&shuffled(2)));
    // The functions keep scikit-learn's defaults: seed 0, train scores.
    let row = cross_validate(&Flaky, Behaviour::Noisy, &x, &y, 3, Scoring::R2).unwrap();
    assert_eq!(
        bits(&row.test[0].splits),
        bits(&cv(0, 1).scoring(Scoring::R2).score(Behaviour::Noisy, &x, &y).unwrap())
    );
    assert!(row.train.is_some());
    assert!(matches!(
        cv(0, 1).n_jobs(0).score(Behaviour::Noisy, &x, &y),
        Err(Error::InvalidParameter { .. })
    ));
    // Raise and a failure: the error, as scikit-learn's error_score="raise".
    let raise = cv(0, 2).error_score(ErrorScore::Raise).score(Behaviour::Fails, &x, &y).unwrap_err();
    assert!(matches!(raise, Error::CandidateFailed { split: 0, .. }), "{raise}");
    let failed = cv(0, 2).predict(Behaviour::Panics, &x, &y).unwrap_err();
    assert!(failed.full_message().contains("build function exploded"), "{failed}");
    // The caught panic prints nothing, so its error says where it was raised.
    assert!(failed.full_message().contains("common/mod.rs:"), "{failed}");
}

#[test]
fn stratified_cv_through_the_builder_on_labels() {
    // Class-sorted labels: KFold(3) would put one whole class in each test fold.
    let (x, _) = three_classes();
    let y: Array1<i32> = (0..15).map(|i| i / 5).collect();
    let scores = CrossValidation::new(NearestCentroid).cv(StratifiedKFold::new(3)).verbose(0);
    let by_count = CrossValidation::new(NearestCentroid).cv(3).verbose(0);
    let plain = CrossValidation::new(NearestCentroid).cv(KFold::new(3)).verbose(0);
    let stratified = scores.score(NoParams, &x, &y).unwrap();
    assert_eq!(by_count.score(NoParams, &x, &y).unwrap(), stratified);
    assert_ne!(plain.score(NoParams, &x, &y).unwrap(), stratified);
}

/// Runs this test binary again with only `child` (an ignored test), and returns its stderr.
fn run_child(child: &str, verbose: u8) -> String {
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([child, "--exact", "--ignored", "--nocapture", "--test-threads", "1"])
        .env("GRIDCV_CHILD_VERBOSE", verbose.to_string())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "child failed: {stderr}");
    stderr
}

/// Searches and cross-validates with failing and panicking candidates at the verbosity the
/// parent asks for, then panics outside the engine (caught here).
#[test]
#[ignore = "run by `verbose_0_is_silent_and_caught_panics_print_nothing`"]
fn noisy_child() {
    let verbose = std::env::var("GRIDCV_CHILD_VERBOSE").map_or(1, |v| v.parse().unwrap());
    let (x, y) = ridge_data();
    let grid = vec![Behaviour::Panics, Behaviour::Fails, Behaviour::Noisy];
    let search = GridSearchCV::new(Flaky, grid).cv(3).n_jobs(2).verbose(verbose).fit(&x, &y).unwrap();
    assert!(search.cv_results().candidates[0].errors[0]
        .as_deref()
        .unwrap()
        .contains("build function exploded"));
    let row =
        CrossValidation::new(Flaky).cv(3).n_jobs(2).verbose(verbose).validate(Behaviour::Panics, &x, &y);
    assert!(row.unwrap_err().full_message().contains("build function exploded"));
    let outside = std::panic::catch_unwind(|| panic!("a panic outside the engine"));
    assert!(outside.is_err());
}

#[test]
fn verbose_0_is_silent_and_caught_panics_print_nothing() {
    let quiet = run_child("noisy_child", 0);
    assert!(!quiet.contains("warning"), "{quiet}");
    assert!(!quiet.contains("build function exploded"), "a caught panic printed: {quiet}");
    // The hook hands panics outside the engine to the previous (default) hook.
    assert!(quiet.contains("a panic outside the engine"), "{quiet}");
    assert_eq!(quiet.matches("panicked at").count(), 1, "{quiet}");
    let loud = run_child("noisy_child", 1);
    assert!(loud.contains("warning: candidate 0 Panics failed on 3 of 3 splits"), "{loud}");
    // The panic's message reaches the warning, not a panic report: the one report is that of
    // the panic outside the engine.
    assert_eq!(loud.matches("panicked at").count(), 1, "{loud}");
    assert!(loud.contains("a panic outside the engine"), "{loud}");
}

/// Fits nothing; its model predicts with the function it holds.
#[derive(Clone, Copy)]
struct PredictsWith(fn(ndarray::ArrayView2<'_, f32>) -> Result<Array1<f32>>);

#[derive(Debug)]
struct WithFunction(fn(ndarray::ArrayView2<'_, f32>) -> Result<Array1<f32>>);

impl Estimator<NoParams, Array1<f32>> for PredictsWith {
    type Fitted = WithFunction;
    fn task(&self) -> Task {
        Task::Regression
    }
    fn fit(&self, _: &NoParams, _: &TrainSet<'_, Array1<f32>>) -> Result<WithFunction> {
        Ok(WithFunction(self.0))
    }
}

impl Predictor<Array1<f32>> for WithFunction {
    fn predict(&self, x: ndarray::ArrayView2<'_, f32>) -> Result<Array1<f32>> {
        (self.0)(x)
    }
}

#[test]
fn a_panic_in_predict_is_named_as_the_prediction_not_the_fit() {
    let (x, y) = ridge_data();
    let panics = PredictsWith(|_| panic!("no prediction today"));
    let e = GridSearchCV::new(panics, vec![NoParams]).cv(3).verbose(0).fit(&x, &y).unwrap_err();
    let message = e.full_message();
    assert!(message.contains("the prediction panicked: no prediction today"), "{message}");
    assert!(!message.contains("the fit panicked"), "{message}");
    // cross_val_predict names it the same way.
    let e = grid_core::search::cross_val_predict(&panics, NoParams, &x, &y, 3).unwrap_err();
    assert!(e.full_message().contains("the prediction panicked"), "{}", e.full_message());
}

/// Predicts 0, and reports the rows whose first feature is above 1e30 as non-finite outputs,
/// as the neural estimators do.
fn overflows_on_huge_rows(x: ndarray::ArrayView2<'_, f32>) -> Result<Array1<f32>> {
    let rows: Vec<usize> = (0..x.nrows()).filter(|&i| x[[i, 0]] > 1e30).collect();
    if rows.is_empty() {
        Ok(Array1::zeros(x.nrows()))
    } else {
        Err(Error::NonFiniteOutput { rows, n_rows: x.nrows() })
    }
}

#[test]
fn non_finite_predictions_name_their_rows_of_x_across_scoring_chunks() {
    // 10 000 rows in 2 folds (KFold: rows 0..5000 are the first test fold); rows 7 and 4 500 of
    // x sit in different 4 096-row chunks of that fold.
    let mut x = Array2::<f32>::zeros((10_000, 1));
    x[[7, 0]] = 1e31;
    x[[4500, 0]] = 1e31;
    let y = Array1::from_iter((0..10_000).map(|i| (i % 7) as f32));
    let e = GridSearchCV::new(PredictsWith(overflows_on_huge_rows), vec![NoParams])
        .cv(KFold::new(2))
        .error_score(ErrorScore::Raise)
        .verbose(0)
        .fit(&x, &y)
        .unwrap_err();
    let message = e.full_message();
    assert!(message.contains("for 2 of 10000 rows of x (rows [7, 4500])"), "{message}");
}
