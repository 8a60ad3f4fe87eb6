//! The search engine, proven with closed-form estimators against scikit-learn's numbers.

mod common;

use common::*;
use grid_core::metrics::Scoring;
use grid_core::search::{
    cross_val_predict, cross_val_score, cross_validate, validation_curve, ErrorScore, FitOptions,
    GridSearchCV,
};
use grid_core::split::KFold;
use grid_core::Error;
use ndarray::{array, Array1, Array2};

fn alphas() -> Vec<RidgeParams> {
    [0.0, 1.0, 10.0, 100.0].iter().map(|&alpha| RidgeParams { alpha }).collect()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(1.0)
}

// GridSearchCV(Ridge(), {'alpha': [0.0, 1.0, 10.0, 100.0]}, cv=3,
//              scoring='neg_mean_squared_error', return_train_score=True).fit(X, y)  (scikit-learn 1.9.1)
const SPLIT_SCORES: [[f64; 4]; 3] = [
    [-2.458899127518049, -2.939223625657121, -18.594547751184336, -209.92706977333688],
    [-1.5724267669981178, -1.570215950147063, -2.3777190182762755, -6.550060294580089],
    [-1.5265452653485951, -1.9191518956819715, -13.43633854485104, -171.2234271631175],
];
const MEAN: [f64; 4] = [-1.8526237199549207, -2.1428638238287183, -11.46953510477055, -129.2335190770115];
const STD: [f64; 4] = [0.4291104600684863, 0.5808503961134424, 6.764989301152045, 88.17753410758058];
const MEAN_TRAIN: [f64; 4] =
    [-1.2613811238439436, -1.3002880443809886, -3.373657202738715, -28.90210667436251];

#[test]
fn ridge_search_matches_scikit_learn() {
    let (x, y) = ridge_data();
    let search = GridSearchCV::new(Ridge, alphas())
        .cv(3)
        .scoring(Scoring::NegMeanSquaredError)
        .return_train_score(true)
        .verbose(0)
        .fit(&x, &y)
        .unwrap();
    let results = search.cv_results();
    for (c, row) in results.candidates.iter().enumerate() {
        for (s, expected) in SPLIT_SCORES.iter().enumerate() {
            assert!(close(row.test[0].splits[s], expected[c], 1e-4), "candidate {c} split {s}");
        }
        assert!(close(row.test[0].mean, MEAN[c], 1e-4));
        assert!(close(row.test[0].std, STD[c], 1e-3));
        assert!(close(row.train.as_ref().unwrap()[0].mean, MEAN_TRAIN[c], 1e-4));
        assert_eq!(row.rank[0], c + 1);
    }
    assert_eq!(search.best_index(), 0);
    assert_eq!(search.best_params().alpha, 0.0);
    assert!(close(search.best_score(), MEAN[0], 1e-4));
    assert_eq!(search.splits().iter().map(|s| s.test.len()).collect::<Vec<_>>(), vec![5, 5, 4]);
    // refitted on all 14 rows: the model predicts the training data well
    let model = search.best_estimator().unwrap();
    assert_eq!(model.weights.len(), 2);
    assert!(search.score(x.view(), &y).unwrap() > -2.0);
}

#[test]
fn nearest_centroid_on_string_labels_uses_stratified_folds() {
    // X = c_[i, (i*5)%7], y = list('bacbacabcabcac'); GridSearchCV(NearestCentroid(), ..., cv=3)
    // gives split test scores [0.4, 0.4, 0.25] on StratifiedKFold(3)'s folds
    // [[0,1,2,3,5], [4,6,7,8,11], [9,10,12,13]].
    let x = Array2::from_shape_fn((14, 2), |(i, j)| if j == 0 { i as f32 } else { ((i * 5) % 7) as f32 });
    let y: Array1<String> = "bacbacabcabcac".chars().map(String::from).collect();
    let search = GridSearchCV::new(NearestCentroid, vec![NoParams]).cv(3).verbose(0).fit(&x, &y).unwrap();
    let tests: Vec<Vec<usize>> = search.splits().iter().map(|s| s.test.clone()).collect();
    assert_eq!(tests, vec![vec![0, 1, 2, 3, 5], vec![4, 6, 7, 8, 11], vec![9, 10, 12, 13]]);
    let scores = &search.cv_results().candidates[0].test[0].splits;
    assert_eq!(scores, &vec![0.4, 0.4, 0.25]);
    assert_eq!(search.cv_results().metrics, vec!["accuracy"]);
}

fn noisy_scores(n_jobs: usize, seed: u64) -> Vec<Vec<f64>> {
    let (x, y) = ridge_data();
    let grid = vec![Behaviour::Noisy; 8];
    let search = GridSearchCV::new(Flaky, grid)
        .cv(KFold::new(4))
        .n_jobs(n_jobs)
        .seed(seed)
        .verbose(0)
        .fit(&x, &y)
        .unwrap();
    search.cv_results().candidates.iter().map(|r| r.test[0].splits.clone()).collect()
}

#[test]
fn results_are_bit_identical_across_thread_counts_and_runs() {
    let one = noisy_scores(1, 7);
    let all = std::thread::available_parallelism().map_or(4, |n| n.get()).max(3);
    for n_jobs in [2, all, 1] {
        let other = noisy_scores(n_jobs, 7);
        let bits = |v: &Vec<Vec<f64>>| v.iter().flatten().map(|f| f.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&one), bits(&other), "n_jobs = {n_jobs}");
    }
    // The fit seeds differ by candidate, so identical candidates score differently ...
    assert_ne!(one[0], one[1]);
    // ... and the search seed changes them.
    assert_ne!(one, noisy_scores(1, 8));
}

#[test]
fn failing_candidates_score_nan_rank_last_and_keep_the_others() {
    let (x, y) = ridge_data();
    let grid = vec![
        Behaviour::Fails,
        Behaviour::Noisy,
        Behaviour::Panics,
        Behaviour::PredictsNan,
        Behaviour::FailsOnFirstSplit,
    ];
    let search = GridSearchCV::new(Flaky, grid).cv(3).verbose(0).n_jobs(2).fit(&x, &y).unwrap();
    let rows = &search.cv_results().candidates;
    assert!(rows[1].succeeded() && rows[1].test[0].mean.is_finite());
    for c in [0, 2, 3, 4] {
        assert!(rows[c].test[0].mean.is_nan(), "candidate {c}");
        assert_eq!(rows[c].rank[0], 2, "NaN ranks after the one finite candidate");
    }
    assert_eq!(search.best_index(), 1);
    assert!(rows[0].errors[0].as_deref().unwrap().contains("diverged"));
    assert!(rows[2].errors[1].as_deref().unwrap().contains("build function exploded"));
    assert!(rows[3].errors[2].as_deref().unwrap().contains("non-finite"), "{:?}", rows[3].errors);
    assert_eq!(rows[4].errors.iter().map(Option::is_some).collect::<Vec<_>>(), vec![true, false, false]);
    assert!(rows[4].test[0].splits[1].is_finite());
    let warnings = search.warnings();
    assert!(warnings
        .iter()
        .any(|w| w.starts_with("candidate 2 Panics failed on 3 of 3 splits") && w.contains("panicked")));
    assert!(warnings.iter().any(|w| w.contains("non-finite mean test score") && w.contains("[0, 2, 3, 4]")));
}

#[test]
fn error_score_value_replaces_failures() {
    let (x, y) = ridge_data();
    let search = GridSearchCV::new(Flaky, vec![Behaviour::Fails, Behaviour::Noisy])
        .cv(3)
        .error_score(ErrorScore::Value(-1e9))
        .verbose(0)
        .fit(&x, &y)
        .unwrap();
    assert_eq!(search.cv_results().candidates[0].test[0].splits, vec![-1e9; 3]);
    assert_eq!(search.best_index(), 1);
}

#[test]
fn every_fit_failing_is_an_error_that_says_why() {
    let (x, y) = ridge_data();
    let err = GridSearchCV::new(Flaky, vec![Behaviour::Fails, Behaviour::Panics])
        .cv(3)
        .verbose(0)
        .fit(&x, &y)
        .unwrap_err();
    match &err {
        Error::AllFitsFailed { fits: 6, first } => {
            assert!(matches!(**first, Error::CandidateFailed { candidate: 0, split: 0, .. }))
        }
        other => panic!("unexpected {other}"),
    }
    // The cause is the error's source chain, not repeated in each message.
    assert_eq!(err.to_string(), "all 6 fits failed");
    let chain: Vec<String> = std::iter::successors(Some(&err as &dyn std::error::Error), |e| e.source())
        .map(|e| e.to_string())
        .collect();
    assert_eq!(chain.len(), 3, "{chain:?}");
    assert!(chain[1].starts_with("candidate 0 (") && chain[1].ends_with("failed on split 0"), "{chain:?}");
    assert!(chain[2].contains("diverged"), "{chain:?}");
}

#[test]
fn raise_stops_at_the_first_failure() {
    let (x, y) = ridge_data();
    let err = GridSearchCV::new(Flaky, vec![Behaviour::Noisy, Behaviour::Panics, Behaviour::Fails])
        .cv(3)
        .n_jobs(1)
        .error_score(ErrorScore::Raise)
        .verbose(0)
        .fit(&x, &y)
        .unwrap_err();
    assert!(
        matches!(&err, Error::CandidateFailed { candidate: 1, split: 0, source, .. } if matches!(**source, Error::Panicked(_))),
        "{err}"
    );
}

#[test]
fn bad_input_is_a_typed_error_naming_the_problem() {
    let (x, y) = ridge_data();
    let search = || GridSearchCV::new(Ridge, alphas()).verbose(0);
    let msg = |r: grid_core::Result<_>| r.err().map(|e: Error| e.to_string()).unwrap_or_default();
    assert!(msg(search().cv(3).fit(&x, &y.slice(ndarray::s![..10]).to_owned()))
        .contains("number of samples in y"));
    assert!(msg(search().cv(3).fit(Array2::<f32>::zeros((0, 2)), &Array1::<f32>::zeros(0)))
        .contains("x is empty"));
    let mut bad = x.clone();
    bad[[3, 1]] = f32::NAN;
    assert!(msg(search().cv(3).fit(&bad, &y)).contains("x holds a non-finite value (NaN) at row 3, column 1"));
    let mut bad_y = y.clone();
    bad_y[5] = f32::INFINITY;
    assert!(msg(search().cv(3).fit(&x, &bad_y)).contains("y holds a non-finite value"));
    assert!(msg(search().cv(1).fit(&x, &y)).contains("n_splits"));
    assert!(msg(search().cv(15).fit(&x, &y)).contains("n_splits"));
    assert!(
        msg(GridSearchCV::new(Ridge, Vec::<RidgeParams>::new()).fit(&x, &y)).contains("the grid is empty")
    );
    assert!(msg(search().n_jobs(0).fit(&x, &y)).contains("n_jobs"));
    assert!(msg(search().refit("accuracy").fit(&x, &y)).contains("no scorer is named `accuracy`"));
    let two = [Scoring::R2, Scoring::NegMeanSquaredError];
    assert!(msg(search().cv(3).scoring(two).fit(&x, &y)).contains("with several scorers, name the one"));
    assert!(msg(search().cv(OutOfRange).fit(&x, &y)).contains("split 0 holds row 99, but x has 14 rows"));
    let groups = FitOptions::new().groups(&[1, 2, 3]);
    assert!(msg(search().cv(3).fit_with(&x, &y, groups)).contains("number of groups"));
    let (xv, yv) = (Array2::<f32>::zeros((3, 5)), Array1::<f32>::zeros(3));
    assert!(msg(search().cv(3).fit_with(&x, &y, FitOptions::new().validation_data(&xv, &yv)))
        .contains("validation x"));
}

#[test]
fn several_metrics_refit_by_name_and_export_sklearn_columns() {
    let (x, y) = ridge_data();
    let search = GridSearchCV::new(Ridge, alphas())
        .cv(3)
        .scoring([Scoring::R2, Scoring::NegMeanSquaredError])
        .refit("neg_mean_squared_error")
        .return_train_score(true)
        .verbose(0)
        .fit(&x, &y)
        .unwrap();
    assert!(close(search.best_score(), MEAN[0], 1e-4));
    let results = search.cv_results();
    // list(GridSearchCV(Ridge(), {'alpha': [...]}, cv=3, scoring=['r2', 'neg_mean_squared_error'],
    //      refit='r2', return_train_score=True).fit(X, y).cv_results_)
    let expected = "mean_fit_time,std_fit_time,mean_score_time,std_score_time,param_alpha,params,\
        split0_test_r2,split1_test_r2,split2_test_r2,mean_test_r2,std_test_r2,rank_test_r2,\
        split0_train_r2,split1_train_r2,split2_train_r2,mean_train_r2,std_train_r2,\
        split0_test_neg_mean_squared_error,split1_test_neg_mean_squared_error,split2_test_neg_mean_squared_error,\
        mean_test_neg_mean_squared_error,std_test_neg_mean_squared_error,rank_test_neg_mean_squared_error,\
        split0_train_neg_mean_squared_error,split1_train_neg_mean_squared_error,split2_train_neg_mean_squared_error,\
        mean_train_neg_mean_squared_error,std_train_neg_mean_squared_error";
    let csv = results.to_csv_string();
    let mut lines = csv.lines();
    assert_eq!(lines.next().unwrap(), expected);
    let first: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(first[4], "0.0");
    let json = results.to_json_value();
    assert_eq!(json["param_alpha"][3], 100.0);
    assert_eq!(json["rank_test_neg_mean_squared_error"][0], 1);
    let dir = std::env::temp_dir().join(format!("gridcv-search-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    results.to_csv(dir.join("r.csv")).unwrap();
    results.to_json(dir.join("r.json")).unwrap();
    assert_eq!(std::fs::read_to_string(dir.join("r.csv")).unwrap(), csv);
    let back: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("r.json")).unwrap()).unwrap();
    assert_eq!(back, json);
    assert!(matches!(results.to_csv("/nonexistent-dir/r.csv"), Err(Error::Io { .. })));
    let table = results.to_string();
    // The table shows the refit metric, and says so.
    assert!(table.starts_with("ranked by neg_mean_squared_error, the refit metric (also scored: r2)\n"));
    assert!(table.lines().nth(1).unwrap().contains("mean_test_neg_mean_squared_error"));
    assert_eq!(table.lines().count(), 6);
}

#[test]
fn cross_validation_functions() {
    let (x, y) = ridge_data();
    let scores = cross_val_score(&Ridge, RidgeParams { alpha: 1.0 }, &x, &y, 3).unwrap();
    assert_eq!(scores.len(), 3);
    let row =
        cross_validate(&Ridge, RidgeParams { alpha: 1.0 }, &x, &y, 3, Scoring::NegMeanSquaredError).unwrap();
    for (score, expected) in row.test[0].splits.iter().zip(&SPLIT_SCORES) {
        assert!(close(*score, expected[1], 1e-4));
    }
    assert!(row.train.is_some());
    let pred = cross_val_predict(&Ridge, RidgeParams { alpha: 0.0 }, &x, &y, 3).unwrap();
    // out-of-fold squared errors averaged per fold give back the split scores
    let fold_mse = |rows: std::ops::Range<usize>| -> f64 {
        let n = rows.len() as f64;
        -rows.map(|i| f64::from(pred[i] - y[i]).powi(2)).sum::<f64>() / n
    };
    assert!(close(fold_mse(0..5), SPLIT_SCORES[0][0], 1e-4));
    assert!(close(fold_mse(10..14), SPLIT_SCORES[2][0], 1e-4));
    let curve = validation_curve(&Ridge, alphas(), &x, &y, 3, Scoring::NegMeanSquaredError).unwrap();
    assert_eq!(curve.test_scores.len(), 4);
    assert!(close(curve.test_scores[3][0], SPLIT_SCORES[0][3], 1e-4));
    assert!(curve.train_scores[0][0] > curve.train_scores[3][0]);
}

#[test]
fn refit_false_keeps_results_but_has_no_model() {
    let (x, y) = ridge_data();
    let search = GridSearchCV::new(Ridge, alphas()).cv(3).refit(false).verbose(0).fit(&x, &y).unwrap();
    assert_eq!(search.best_index(), 0);
    assert!(search.best_estimator().is_err());
    assert!(search.predict(x.view()).is_err());
}

#[test]
fn a_plain_list_of_values_is_a_grid_with_a_value_column() {
    let x = Array2::<f32>::zeros((4, 1));
    let y = array![1.0_f32, 2.0, 3.0, 4.0];
    let search = GridSearchCV::new(Flaky, vec![Behaviour::Noisy]).cv(2).verbose(0).fit(&x, &y).unwrap();
    assert!(search
        .cv_results()
        .to_csv_string()
        .starts_with("mean_fit_time,std_fit_time,mean_score_time,std_score_time,param_value,params"));
}

#[test]
fn groups_reach_the_splitter_and_no_group_straddles_train_and_test() {
    let (x, y) = ridge_data();
    let groups: Vec<&str> = (0..14).map(|i| ["a", "b", "c", "d", "e"][i % 5]).collect();
    let search = GridSearchCV::new(Ridge, alphas())
        .cv(grid_core::split::GroupKFold::new(5))
        .verbose(0)
        .fit_with(&x, &y, FitOptions::new().groups(&groups))
        .unwrap();
    assert_eq!(search.splits().len(), 5);
    for split in search.splits() {
        let test_groups: std::collections::HashSet<_> = split.test.iter().map(|&i| groups[i]).collect();
        assert_eq!(test_groups.len(), 1);
        assert!(split.train.iter().all(|&i| !test_groups.contains(groups[i])));
    }
    let missing =
        GridSearchCV::new(Ridge, alphas()).cv(grid_core::split::GroupKFold::new(5)).verbose(0).fit(&x, &y);
    assert!(missing.unwrap_err().to_string().contains("groups"));
}

#[test]
fn a_class_smaller_than_k_is_a_warning_as_in_sklearn() {
    let x = Array2::from_shape_fn((10, 1), |(i, _)| i as f32);
    let y = array![0, 0, 0, 0, 0, 1, 1, 1, 1, 2];
    let search = GridSearchCV::new(NearestCentroid, vec![NoParams]).cv(3).verbose(0).fit(&x, &y).unwrap();
    assert!(
        search.warnings().iter().any(|w| w.contains("The least populated class in y has only 1 members")),
        "{:?}",
        search.warnings()
    );
}

/// A user's splitter with a bug: it hands out a row that does not exist.
#[derive(Debug)]
struct OutOfRange;

impl grid_core::split::Splitter for OutOfRange {
    fn split(
        &self,
        input: &grid_core::split::SplitInput<'_>,
    ) -> grid_core::Result<Vec<grid_core::split::Split>> {
        Ok(vec![grid_core::split::Split { train: (0..input.n_samples).collect(), test: vec![99] }])
    }
}

#[test]
fn a_hand_built_result_without_scores_prints_and_exports_without_panicking() {
    let results = grid_core::results::CvResults {
        metrics: vec!["r2".into()],
        param_names: vec!["alpha".into()],
        n_splits: 2,
        candidates: vec![grid_core::results::CandidateResult {
            index: 0,
            params: RidgeParams { alpha: 1.0 },
            grid_params: None,
            test: vec![grid_core::results::Scores::new(vec![0.5])],
            rank: vec![],
            train: None,
            fit_time: Default::default(),
            score_time: Default::default(),
            errors: vec![None],
        }],
        refit_metric: 0,
    };
    assert!(results.to_string().contains("{alpha: 1}"));
    // The missing split and its NaN std are empty cells, as pandas writes NaN.
    assert!(
        results.to_csv_string().lines().nth(1).unwrap().ends_with(",0.5,,0.5,0.0,"),
        "{}",
        results.to_csv_string()
    );
}

/// The memory limit every search builder takes (one setter, shared): an estimator that cannot
/// size its fits runs as without a limit, and the randomized and halving searches take it too.
#[test]
fn a_memory_limit_changes_nothing_for_an_estimator_that_cannot_size_its_fits() {
    use grid_core::estimator::{DummyRegressor, Strategy};
    let (x, y) = (Array2::<f32>::zeros((4, 1)), array![1.0_f32, 2.0, 3.0, 4.0]);
    let search = GridSearchCV::new(DummyRegressor, vec![Strategy::Mean]).cv(2).memory_limit(1).verbose(0);
    assert!(search.fit(&x, &y).unwrap().warnings().is_empty());
    let space = grid_core::space::Space::new(&[], |_| Ok(Strategy::Mean));
    let random =
        grid_core::search::RandomizedSearchCV::new(DummyRegressor, space).n_iter(1).cv(2).memory_limit(1);
    assert!(random.verbose(0).fit(&x, &y).is_ok());
}
