//! What a search makes of failures and of its settings (issue 12): a failed candidate is never
//! the best, a failed refit keeps the results, a refit far worse than its folds warns, scorers
//! by name and without duplicates, the table by the refit metric, one warning per candidate.

mod common;

use common::*;
use grid_core::estimator::{DummyRegressor, Estimator, Strategy, Task, TrainSet};
use grid_core::metrics::Scoring;
use grid_core::search::{CrossValidation, ErrorScore, GridSearchCV};
use grid_core::{Error, Result};
use ndarray::{Array1, Array2};
use serde::Serialize;

/// A candidate of [`RefitTrouble`]: how its fit on all the rows (the refit) behaves.
#[derive(Clone, Debug, PartialEq, Serialize)]
enum OnAllRows {
    /// As on the folds: ridge regression.
    Fine,
    /// Panics (as a build function that breaks on the refit's row count).
    Panics,
    /// Diverges.
    Diverges,
    /// Trains, but gets stuck: predicts the mean.
    Stuck,
}

impl std::fmt::Display for OnAllRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

/// Ridge regression (alpha 1) on the folds; on all 14 rows of `ridge_data`, what its candidate says.
struct RefitTrouble;

impl Estimator<OnAllRows, Array1<f32>> for RefitTrouble {
    type Fitted = RidgeModel;
    fn task(&self) -> Task {
        Task::Regression
    }
    fn fit(&self, p: &OnAllRows, data: &TrainSet<'_, Array1<f32>>) -> Result<RidgeModel> {
        let ridge = Ridge.fit(&RidgeParams { alpha: 1.0 }, data)?;
        if data.x().nrows() < 14 {
            return Ok(ridge);
        }
        match p {
            OnAllRows::Fine => Ok(ridge),
            OnAllRows::Panics => panic!("the build function broke on the refit"),
            OnAllRows::Diverges => Err(Error::Diverged { epoch: 7, loss: f64::NAN }),
            OnAllRows::Stuck => {
                let mean = data.y().iter().map(|&v| f64::from(v)).sum::<f64>() / data.y().len() as f64;
                Ok(RidgeModel { weights: vec![0.0; data.x().ncols()], intercept: mean })
            }
        }
    }
}

#[test]
fn a_failed_candidate_is_never_the_best_whatever_the_error_score() {
    let (x, y) = ridge_data();
    // +inf ranks the failed candidate first (as scikit-learn ranks it), but it is not refitted.
    let search = GridSearchCV::new(Flaky, vec![Behaviour::Fails, Behaviour::Noisy])
        .cv(3)
        .error_score(ErrorScore::Value(f64::INFINITY))
        .verbose(0)
        .fit(&x, &y)
        .unwrap();
    let rows = &search.cv_results().candidates;
    assert_eq!((rows[0].rank[0], rows[1].rank[0]), (1, 2), "ranks follow scikit-learn");
    assert_eq!(search.best_index(), 1);
    assert_eq!(*search.best_params(), Behaviour::Noisy);
    assert!(search.best_score().is_finite());
    assert!(search.best_estimator().is_ok());
    assert!(search.warnings().iter().any(|w| w.contains("candidates [0] rank above the best")));
    // 0.0 under a negated error beats every real score; a candidate failing one split of three
    // has a mean pulled towards 0 too.
    let grid = vec![Behaviour::Noisy, Behaviour::Fails, Behaviour::FailsOnFirstSplit];
    let search = GridSearchCV::new(Flaky, grid)
        .cv(3)
        .scoring(Scoring::NegMeanSquaredError)
        .error_score(ErrorScore::Value(0.0))
        .verbose(0)
        .fit(&x, &y)
        .unwrap();
    assert_eq!(search.cv_results().candidates[1].rank[0], 1);
    assert_eq!(search.best_index(), 0);
    assert!(search.best_estimator().is_ok());
}

#[test]
fn without_a_candidate_that_succeeded_everywhere_the_results_are_kept_and_nothing_refitted() {
    let (x, y) = ridge_data();
    let search = GridSearchCV::new(Flaky, vec![Behaviour::Fails, Behaviour::FailsOnFirstSplit])
        .cv(3)
        .verbose(0)
        .fit(&x, &y)
        .unwrap();
    assert_eq!(search.best_index(), 1, "the fewest failed fits");
    let err = search.best_estimator().unwrap_err();
    assert!(matches!(err, Error::NoCompleteCandidate { candidates: 2 }), "{err}");
    assert!(search.cv_results().candidates[1].test[0].splits[1].is_finite());
}

#[test]
fn a_failed_refit_keeps_the_results_and_best_estimator_returns_its_error() {
    let (x, y) = ridge_data();
    for (trouble, cause) in
        [(OnAllRows::Panics, "the build function broke on the refit"), (OnAllRows::Diverges, "diverged")]
    {
        let search = GridSearchCV::new(RefitTrouble, vec![trouble.clone()]).cv(3).verbose(0).fit(&x, &y);
        let search = search.unwrap_or_else(|e| panic!("{trouble}: the search was lost: {e}"));
        let row = &search.cv_results().candidates[0];
        assert!(row.succeeded() && row.test[0].splits.iter().all(|s| s.is_finite()));
        let err = search.best_estimator().unwrap_err();
        let text = err.full_message();
        assert!(matches!(err, Error::RefitFailed { candidate: 0, .. }), "{text}");
        assert!(text.starts_with("the refit of candidate 0") && text.contains(cause), "{text}");
        assert!(!text.contains("split"), "the refit is no split: {text}");
        assert!(search.predict(x.view()).is_err());
        assert!(search.warnings().iter().any(|w| w.starts_with("the refit of candidate 0")));
        assert!(matches!(search.into_best_estimator(), Err(Error::RefitFailed { .. })));
    }
}

#[test]
fn a_refit_that_trains_clearly_worse_than_its_folds_is_a_warning() {
    let (x, y) = ridge_data();
    let search =
        GridSearchCV::new(RefitTrouble, vec![OnAllRows::Stuck]).cv(3).verbose(0).fit(&x, &y).unwrap();
    let refit = search.refit_train_score().unwrap();
    assert!(refit.abs() < 1e-9, "the mean has R² 0 on the rows it was fitted on: {refit}");
    let w = search.warnings().iter().find(|w| w.contains("trained clearly worse")).expect("a warning");
    assert!(w.starts_with("the refit of candidate 0 Stuck") && w.contains("fits: r2 "), "{w}");
    // Train scores were computed for the check, not reported.
    assert!(search.cv_results().candidates[0].train.is_none());
    let fine = GridSearchCV::new(RefitTrouble, vec![OnAllRows::Fine]).cv(3).verbose(0).fit(&x, &y).unwrap();
    assert!(fine.warnings().is_empty(), "{:?}", fine.warnings());
    assert!(fine.refit_train_score().unwrap() > 0.9);
}

#[test]
fn two_scorers_of_one_name_are_an_error() {
    let (x, y) = ridge_data();
    let custom_r2 = Scoring::custom("r2", |_| 1.0);
    let err = GridSearchCV::new(Ridge, vec![RidgeParams { alpha: 1.0 }])
        .scoring([Scoring::R2, custom_r2])
        .refit("r2")
        .verbose(0)
        .fit(&x, &y)
        .unwrap_err();
    assert!(matches!(&err, Error::InvalidParameter { name, .. } if name == "scoring"), "{err}");
    assert!(err.to_string().contains("both named `r2`"), "{err}");
    let cv = CrossValidation::new(Ridge).verbose(0).scoring(["r2", "r2"]);
    assert!(cv.score(RidgeParams { alpha: 1.0 }, &x, &y).is_err());
}

#[test]
fn scorers_by_name_wherever_a_scorer_is_accepted() {
    let x = Array2::from_shape_fn((14, 2), |(i, j)| if j == 0 { i as f32 } else { ((i * 5) % 7) as f32 });
    let y: Array1<String> = "bacbacabcabcac".chars().map(String::from).collect();
    let search = GridSearchCV::new(NearestCentroid, vec![NoParams])
        .cv(3)
        .scoring(["accuracy", "f1_macro"])
        .refit("f1_macro")
        .verbose(0)
        .fit(&x, &y)
        .unwrap();
    assert_eq!(search.cv_results().metrics, ["accuracy", "f1_macro"]);
    // The splits of `nearest_centroid_on_string_labels_uses_stratified_folds`.
    assert_eq!(search.cv_results().candidates[0].test[0].splits, vec![0.4, 0.4, 0.25]);
    let one = CrossValidation::new(NearestCentroid).cv(3).verbose(0).scoring("accuracy");
    assert_eq!(one.score(NoParams, &x, &y).unwrap(), vec![0.4, 0.4, 0.25]);
    let names = vec!["accuracy".to_string()];
    assert!(CrossValidation::new(NearestCentroid)
        .cv(3)
        .verbose(0)
        .scoring(names)
        .score(NoParams, &x, &y)
        .is_ok());
    let curve = grid_core::search::validation_curve(&NearestCentroid, vec![NoParams], &x, &y, 3, "accuracy");
    assert_eq!(curve.unwrap().test_scores, vec![vec![0.4, 0.4, 0.25]]);
    // An unknown name is an error of the search, listing the valid names.
    let err = GridSearchCV::new(NearestCentroid, vec![NoParams])
        .scoring(["accuracy", "f1_mcaro"])
        .verbose(0)
        .fit(&x, &y)
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("unknown scorer `f1_mcaro`") && text.contains("f1_macro, f1_weighted"), "{text}");
}

#[test]
fn a_panicking_scorer_is_named_not_reported_as_the_fit() {
    let (x, y) = ridge_data();
    let explodes = Scoring::custom("explodes", |_| panic!("the scorer blew up"));
    let search = GridSearchCV::new(Ridge, vec![RidgeParams { alpha: 1.0 }, RidgeParams { alpha: 2.0 }])
        .cv(3)
        .scoring([Scoring::R2, explodes])
        .refit("r2")
        .verbose(0)
        .fit(&x, &y);
    let err = search.unwrap_err();
    let text = err.full_message();
    assert!(text.contains("metric `explodes`: the scorer panicked: the scorer blew up"), "{text}");
    assert!(!text.contains("the fit panicked"), "{text}");
}

#[test]
fn the_table_shows_and_ranks_by_the_refit_metric_and_says_which() {
    // y with an outlier: the mean is best by R² (squared errors), the median by absolute error.
    let x = Array2::<f32>::zeros((6, 1));
    let y = ndarray::array![1.0_f32, 2.0, 3.0, 1.0, 2.0, 9.0];
    let grid = vec![Strategy::Mean, Strategy::Median];
    let search = |refit: &str| {
        GridSearchCV::new(DummyRegressor, grid.clone())
            .cv(3)
            .scoring(["r2", "neg_mean_absolute_error"])
            .refit(refit)
            .verbose(0)
            .fit(&x, &y)
            .unwrap()
    };
    let by_mae = search("neg_mean_absolute_error");
    assert_eq!(by_mae.best_index(), 1);
    let results = by_mae.cv_results();
    let table = results.to_string();
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], "ranked by neg_mean_absolute_error, the refit metric (also scored: r2)");
    assert!(lines[1].contains("mean_test_neg_mean_absolute_error"), "{table}");
    let mae = |c: usize| format!("{:.6}", results.candidates[c].test[1].mean);
    assert!(lines[2].contains(&mae(0)) && lines[3].contains(&mae(1)), "{table}");
    assert!(lines[3].trim_start().starts_with("1     1"), "the median ranks 1 by MAE: {table}");
    assert_eq!(results.ranked()[0].index, 1);
    let by_r2 = search("r2");
    assert!(by_r2.cv_results().to_string().starts_with("ranked by r2, the refit metric"));
    assert_eq!(by_r2.cv_results().ranked()[0].index, by_r2.best_index());
}

#[test]
fn a_candidate_whose_fits_fail_is_one_warning_line_with_its_fits_counted() {
    let (x, y) = ridge_data();
    let grid = vec![Behaviour::Fails, Behaviour::Noisy, Behaviour::Fails, Behaviour::Fails];
    let search = GridSearchCV::new(Flaky, grid).cv(5).n_jobs(2).verbose(0).fit(&x, &y).unwrap();
    let failures: Vec<&String> = search.warnings().iter().filter(|w| w.contains(" failed on ")).collect();
    assert_eq!(failures.len(), 3, "{failures:#?}");
    assert_eq!(
        failures[0].as_str(),
        "candidate 0 Fails failed on 5 of 5 splits and scores NaN there: splits 0, 1, 2, 3, 4: training \
         diverged at epoch 3: the loss is inf"
    );
    assert!(failures[1].starts_with("candidate 2 Fails") && failures[2].starts_with("candidate 3 Fails"));
}
