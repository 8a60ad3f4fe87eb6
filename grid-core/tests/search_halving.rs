//! Successive halving against scikit-learn: the schedules of `fixtures/halving_schedules.json`
//! (written by `halving_schedules.py` with scikit-learn 1.9.1), through `Schedule` alone and
//! through whole searches, and the rows, columns and rounds a halving search reports.

use grid_core::estimator::{DummyRegressor, Estimator, Predictor, Strategy, Task, TrainSet};
use grid_core::metrics::Scoring;
use grid_core::search::{
    HalvingGridSearchCV, HalvingRandomSearchCV, MinResources, NCandidates, Resource, Schedule,
};
use grid_core::space::{Space, SpaceAxis};
use grid_core::split::{KFold, StratifiedKFold};
use grid_core::Error;
use ndarray::{Array1, Array2, ArrayView2};
use serde_json::Value;

fn cases() -> Vec<Value> {
    let text = include_str!("fixtures/halving_schedules.json");
    let json: Value = serde_json::from_str(text).unwrap();
    json["cases"].as_array().unwrap().clone()
}

fn usizes(v: &Value) -> Vec<usize> {
    v.as_array().unwrap().iter().map(|n| n.as_u64().unwrap() as usize).collect()
}

/// `min_resources` of a case: the number, or (smallest or exhaust) the base `base`.
fn min_of(case: &Value, base: usize) -> (MinResources, usize, bool) {
    match &case["min_resources"] {
        Value::String(s) if s == "exhaust" => (MinResources::Exhaust, base, true),
        Value::String(_) => (MinResources::Smallest, base, false),
        n => {
            let n = n.as_u64().unwrap() as usize;
            (MinResources::Value(n), n, false)
        }
    }
}

fn check_schedule(s: &Schedule, case: &Value) {
    let what = format!("{case:?}").chars().take(200).collect::<String>();
    assert_eq!(s.n_candidates, usizes(&case["n_candidates_"]), "{what}");
    assert_eq!(s.n_resources, usizes(&case["n_resources_"]), "{what}");
    assert_eq!(s.n_iterations, case["n_iterations_"].as_u64().unwrap() as usize, "{what}");
    assert_eq!(s.n_possible_iterations, case["n_possible_iterations_"].as_u64().unwrap() as usize, "{what}");
    assert_eq!(s.n_required_iterations, case["n_required_iterations_"].as_u64().unwrap() as usize, "{what}");
    assert_eq!(s.min_resources, case["min_resources_"].as_u64().unwrap() as usize, "{what}");
    assert_eq!(s.max_resources, case["max_resources_"].as_u64().unwrap() as usize, "{what}");
    assert_eq!(
        s.n_remaining_candidates,
        case["n_remaining_candidates_"].as_u64().unwrap() as usize,
        "{what}"
    );
}

#[test]
fn schedules_match_scikit_learn() {
    let mut checked = 0;
    for case in cases().iter().filter(|c| c["kind"] == "grid" && c["resource"] == "epochs") {
        let n = case["n_candidates"].as_u64().unwrap() as usize;
        let (_, min, exhaust) = min_of(case, 1);
        let max = case["max_resources"].as_u64().unwrap() as usize;
        let factor = case["factor"].as_f64().unwrap();
        let aggressive = case["aggressive_elimination"].as_bool().unwrap();
        check_schedule(&Schedule::new(n, factor, min, exhaust, max, aggressive).unwrap(), case);
        checked += 1;
    }
    assert_eq!(checked, 16);
}

/// A parameter struct with an `epochs` field: the resource of the searches below.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Fake {
    a: usize,
    epochs: usize,
}

impl std::fmt::Display for Fake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{{a: {}, epochs: {}}}", self.a, self.epochs)
    }
}

/// Predicts the training mean plus an offset that shrinks with `epochs` and depends on `a`:
/// candidates closer to `a = 7` score better, and more epochs always help.
struct Trainer;
struct Constant(f32);

impl Estimator<Fake, Array1<f32>> for Trainer {
    type Fitted = Constant;
    fn task(&self) -> Task {
        Task::Regression
    }
    fn fit(&self, p: &Fake, data: &TrainSet<'_, Array1<f32>>) -> grid_core::Result<Constant> {
        let offset = (p.a as f32 - 7.0).abs() + 1.0 + 10.0 / p.epochs as f32;
        Ok(Constant(data.y().mean().unwrap_or(0.0) + offset))
    }
}

impl Predictor<Array1<f32>> for Constant {
    fn predict(&self, x: ArrayView2<'_, f32>) -> grid_core::Result<Array1<f32>> {
        Ok(Array1::from_elem(x.nrows(), self.0))
    }
}

/// Predicts the most frequent training class.
struct Majority;
struct Class(usize);

impl Estimator<usize, Array1<usize>> for Majority {
    type Fitted = Class;
    fn task(&self) -> Task {
        Task::Classification
    }
    fn fit(&self, _: &usize, data: &TrainSet<'_, Array1<usize>>) -> grid_core::Result<Class> {
        let mut counts = std::collections::BTreeMap::new();
        for &label in data.y() {
            *counts.entry(label).or_insert(0) += 1;
        }
        Ok(Class(counts.into_iter().max_by_key(|&(_, c)| c).map_or(0, |(l, _)| l)))
    }
}

impl Predictor<Array1<usize>> for Class {
    fn predict(&self, x: ArrayView2<'_, f32>) -> grid_core::Result<Array1<usize>> {
        Ok(Array1::from_elem(x.nrows(), self.0))
    }
}

fn check_rows(iters: &[usize], resources: &[usize], case: &Value) {
    if case.get("iter").is_some() {
        assert_eq!(iters, usizes(&case["iter"]));
        assert_eq!(resources, usizes(&case["n_resources"]));
    }
}

#[test]
fn n_samples_searches_follow_scikit_learn() {
    let mut checked = 0;
    for case in cases().iter().filter(|c| c["resource"] == "n_samples") {
        let n = case["n_candidates"].as_u64().unwrap() as usize;
        let n_samples = case["n_samples"].as_u64().unwrap() as usize;
        let n_splits = case["n_splits"].as_u64().unwrap() as usize;
        let n_classes = case["n_classes"].as_u64().unwrap() as usize;
        let (min, _, _) = min_of(case, 0);
        let aggressive = case["aggressive_elimination"].as_bool().unwrap();
        let x = Array2::<f32>::zeros((n_samples, 1));
        let (iters, resources, schedule) = if n_classes > 0 {
            let y = Array1::from_iter((0..n_samples).map(|i| i % n_classes));
            let search = HalvingGridSearchCV::new(Majority, (0..n).collect::<Vec<usize>>())
                .cv(StratifiedKFold::new(n_splits))
                .min_resources(min)
                .aggressive_elimination(aggressive)
                .verbose(0)
                .fit(&x, &y)
                .unwrap();
            (search.iters().to_vec(), search.row_resources().to_vec(), search.schedule().clone())
        } else {
            let y = Array1::from_iter((0..n_samples).map(|i| i as f32));
            let grid: Vec<Strategy> = (0..n).map(|c| Strategy::Constant(c as f32)).collect();
            let search = HalvingGridSearchCV::new(DummyRegressor, grid)
                .cv(KFold::new(n_splits))
                .scoring(Scoring::NegMeanSquaredError)
                .min_resources(min)
                .aggressive_elimination(aggressive)
                .verbose(0)
                .fit(&x, &y)
                .unwrap();
            // Every row ran on the subsample of its round: `n_resources * (k-1)/k` training rows.
            assert_eq!(search.cv_results().len(), search.n_candidates().iter().sum::<usize>());
            (search.iters().to_vec(), search.row_resources().to_vec(), search.schedule().clone())
        };
        check_schedule(&schedule, case);
        check_rows(&iters, &resources, case);
        checked += 1;
    }
    assert_eq!(checked, 7);
}

#[test]
fn random_halving_draws_max_over_min_candidates() {
    let mut checked = 0;
    for case in cases().iter().filter(|c| c["kind"] == "random") {
        const AXES: &[SpaceAxis] = &[SpaceAxis::distribution("a")];
        let space =
            Space::new(AXES, |draw| Ok(Fake { a: draw.sample("a", &(0..10_000_usize))?, epochs: 100 }));
        let (min, _, _) = min_of(case, 0);
        let max = case["max_resources"].as_u64().unwrap() as usize;
        let (x, y) = (Array2::<f32>::zeros((10, 1)), Array1::from_iter((0..10).map(|i| i as f32)));
        let search = HalvingRandomSearchCV::new(Trainer, space)
            .resource("epochs")
            .min_resources(min)
            .max_resources(max)
            .cv(KFold::new(2))
            .scoring(Scoring::NegMeanSquaredError)
            .verbose(0)
            .fit(&x, &y)
            .unwrap();
        check_schedule(search.schedule(), case);
        check_rows(search.iters(), search.row_resources(), case);
        checked += 1;
    }
    assert_eq!(checked, 3);
}

fn epochs_search() -> grid_core::search::FittedHalving<Fake, Constant, Array1<f32>> {
    let grid: Vec<Fake> = (0..12).map(|a| Fake { a, epochs: 100 }).collect();
    let (x, y) = (Array2::<f32>::zeros((30, 1)), Array1::from_iter((0..30).map(|i| (i % 5) as f32)));
    HalvingGridSearchCV::new(Trainer, grid)
        .resource(Resource::epochs())
        .min_resources(4)
        .cv(3)
        .scoring(Scoring::NegMeanSquaredError)
        .verbose(0)
        .fit(&x, &y)
        .unwrap()
}

#[test]
fn the_epochs_resource_is_set_on_each_row_and_exported() {
    let search = epochs_search();
    // 12 candidates from 4 epochs up to the candidates' own 100: 12 x 4, 4 x 12, 2 x 36.
    assert_eq!(search.n_candidates(), [12, 4, 2]);
    assert_eq!(search.n_resources(), [4, 12, 36]);
    let rows = &search.cv_results().candidates;
    assert_eq!(rows.len(), 18);
    for (row, &n) in rows.iter().zip(search.row_resources()) {
        assert_eq!(row.params.epochs, n, "{}", row.params);
    }
    // The best of the last round: the candidate nearest a = 7, with 36 epochs.
    assert_eq!(*search.best_params(), Fake { a: 7, epochs: 36 });
    assert_eq!(search.best_index(), 17, "the last round runs the kept candidates worst first");
    assert_eq!(search.cv_results().candidates[17].rank[0], 1);
    let kept: Vec<usize> = rows[12..16].iter().map(|r| r.params.a).collect();
    assert_eq!(kept, [9, 6, 8, 7], "the best third of round 0 in ascending score: 5 and 9 tie, 9 is later");
    let columns: Vec<String> = search.columns().into_iter().map(|(name, _)| name).collect();
    assert_eq!(&columns[..2], ["iter", "n_resources"]);
    assert!(
        columns.contains(&"param_epochs".to_string()) && columns.contains(&"mean_train_score".to_string())
    );
    let csv = search.to_csv_string();
    assert_eq!(csv.lines().count(), 19);
    assert!(csv.lines().nth(18).unwrap().starts_with("2,36,"));
    assert!(search.best_estimator().is_ok());
}

#[test]
fn rounds_hold_each_candidates_scores_and_fate() {
    let search = epochs_search();
    let rounds = search.rounds();
    assert_eq!(rounds.len(), 3);
    assert_eq!(rounds.iter().map(|r| r.candidates.len()).collect::<Vec<_>>(), [12, 4, 2]);
    assert_eq!(rounds.iter().map(|r| r.n_resources).collect::<Vec<_>>(), [4, 12, 36]);
    for (k, round) in rounds.iter().enumerate() {
        assert_eq!((round.iter, round.resource.as_str()), (k, "epochs"));
        let kept: Vec<usize> = round.candidates.iter().filter(|c| c.kept).map(|c| c.candidate).collect();
        let expected = if k + 1 < rounds.len() {
            let mut next: Vec<usize> = rounds[k + 1].candidates.iter().map(|c| c.candidate).collect();
            next.sort_unstable();
            next
        } else {
            vec![7]
        };
        let mut kept_sorted = kept.clone();
        kept_sorted.sort_unstable();
        assert_eq!(kept_sorted, expected, "round {k}");
        for c in &round.candidates {
            let row = &search.cv_results().candidates[c.row];
            assert_eq!(c.test.mean, row.mean_test_score());
            assert_eq!(c.test.splits.len(), 3);
            assert!(c.train.is_some());
            assert_eq!(c.params, row.params.to_string());
        }
    }
    // A candidate's score improves with the resource (10 / epochs shrinks).
    let seven: Vec<f64> = rounds
        .iter()
        .flat_map(|r| r.candidates.iter().filter(|c| c.candidate == 7).map(|c| c.test.mean))
        .collect();
    assert!(seven.windows(2).all(|w| w[0] < w[1]), "{seven:?}");
}

#[test]
fn bad_settings_are_typed_errors() {
    let grid: Vec<Fake> = (0..4).map(|a| Fake { a, epochs: 10 }).collect();
    let (x, y) = (Array2::<f32>::zeros((12, 1)), Array1::from_iter((0..12).map(|i| i as f32)));
    let run =
        |search: HalvingGridSearchCV<Trainer, Vec<Fake>>| search.cv(2).verbose(0).fit(&x, &y).err().unwrap();
    let invalid = |e: Error, name: &str, words: &str| match e {
        Error::InvalidParameter { name: n, reason } => {
            assert_eq!(n, name);
            assert!(reason.contains(words), "{reason}");
        }
        other => panic!("{other}"),
    };
    invalid(
        run(HalvingGridSearchCV::new(Trainer, grid.clone()).resource("epochs").factor(1.0)),
        "factor",
        "above 1",
    );
    invalid(
        run(HalvingGridSearchCV::new(Trainer, grid.clone()).resource("epoch")),
        "resource",
        "no parameter `epoch`",
    );
    invalid(
        run(HalvingGridSearchCV::new(Trainer, grid.clone()).resource("epochs").min_resources(20)),
        "min_resources",
        "greater than max_resources_=10",
    );
    invalid(
        run(HalvingGridSearchCV::new(Trainer, grid.clone()).max_resources(13)),
        "max_resources",
        "12 samples",
    );
    const AXES: &[SpaceAxis] = &[SpaceAxis::distribution("a")];
    let space = Space::new(AXES, |draw| Ok(Fake { a: draw.sample("a", &(0..10_usize))?, epochs: 10 }));
    let e = HalvingRandomSearchCV::new(Trainer, space)
        .n_candidates(NCandidates::Exhaust)
        .min_resources(MinResources::Exhaust)
        .verbose(0)
        .fit(&x, &y)
        .err()
        .unwrap();
    invalid(e, "n_candidates", "cannot both be exhaust");
}

#[test]
fn halving_searches_take_the_inputs_grid_search_takes() {
    // f64 features and target, and views, as `GridSearchCV::fit` takes them: the same rows.
    let grid: Vec<Fake> = (0..12).map(|a| Fake { a, epochs: 100 }).collect();
    let x = Array2::<f64>::from_shape_fn((30, 1), |(i, _)| i as f64 / 4.0);
    let y = Array1::from_iter((0..30).map(|i| (i % 5) as f64));
    let search = |x: Array2<f32>, y: Array1<f32>| {
        HalvingGridSearchCV::new(Trainer, grid.clone())
            .resource(Resource::epochs())
            .min_resources(4)
            .cv(3)
            .verbose(0)
            .fit(&x, &y)
            .unwrap()
    };
    let reference = search(x.mapv(|v| v as f32), y.mapv(|v| v as f32));
    let halving =
        || HalvingGridSearchCV::new(Trainer, grid.clone()).resource(Resource::epochs()).min_resources(4);
    let from_f64 = halving().cv(3).verbose(0).fit(&x, &y).unwrap();
    let from_views = halving().cv(3).verbose(0).fit(x.view(), y.view()).unwrap();
    for other in [&from_f64, &from_views] {
        assert_eq!(other.n_resources(), reference.n_resources());
        let scores = |s: &grid_core::search::FittedHalving<Fake, Constant, Array1<f32>>| -> Vec<f64> {
            s.cv_results().candidates.iter().map(|c| c.test[0].mean).collect()
        };
        assert_eq!(scores(other), scores(&reference));
    }
    assert_eq!(from_f64.best_index(), reference.best_index());
}
