//! Measures how a refit's training score compares with its candidate's train scores in
//! cross-validation, over search seeds: the figures behind the "refit trained clearly worse"
//! warning's threshold (`grid-core/src/search/refit.rs`: 3 std and 5 % of the mean).
//!
//! For each seed, the quick start's search (Iris, 6 candidates, cv 3, 100 epochs) and seed 1's
//! regression grid (12 candidates, neg MSE): the best candidate's mean and std of the train score
//! over its 3 folds, the refit's score on all the training rows, the gap (mean - refit) in
//! stds and in % of |mean|, and whether the search warned.
//!
//! Run: `cargo run --release --example refit_gap -- [seeds] [first]` (default 20 seeds from 0)

use gridcv::prelude::*;
use gridcv::search::FittedSearch;

#[tunable]
fn classifier(
    meta: &Meta,
    #[default(10)] units: usize,
    #[default(Relu)] activation: Activation,
) -> Sequential {
    Sequential::new(meta.n_features).dense(units, activation).dense(meta.n_classes, Activation::Softmax)
}

#[tunable]
fn regressor(meta: &Meta, #[default(10)] units: usize) -> Sequential {
    Sequential::new(meta.n_features).dense(units, Activation::Relu).dense(1, Activation::Linear)
}

/// Prints one line of figures for a finished search; returns (gap in stds, gap in %, warned).
fn report<P: gridcv::grid::Params, M: Predictor<Y>, Y: Target>(
    what: &str,
    seed: u64,
    search: &FittedSearch<P, M, Y>,
) -> (f64, f64, bool) {
    let best = &search.cv_results().candidates[search.best_index()];
    let train = &best.train.as_ref().expect("train scores")[0];
    let refit = search.refit_train_score().unwrap_or(f64::NAN);
    let gap = train.mean - refit;
    let (in_std, in_pct) = (gap / train.std, 100.0 * gap / train.mean.abs());
    let warned = search.warnings().iter().any(|w| w.contains("trained clearly worse"));
    println!(
        "{what:<10} seed {seed:>3}  cv {:>10.4}  train {:>10.4} ± {:>8.4}  refit {:>10.4}  gap {in_std:>7.2} std \
         {in_pct:>6.2} %  {}",
        search.best_score(),
        train.mean,
        train.std,
        refit,
        if warned { "WARNED" } else { "" }
    );
    (in_std, in_pct, warned)
}

fn main() -> gridcv::Result<()> {
    let arg =
        |i: usize, default: u64| std::env::args().nth(i).map_or(default, |s| s.parse().expect("a number"));
    let (seeds, first) = (arg(1, 20), arg(2, 0));
    let iris = datasets::load_iris();
    let (x_train, _, y_train, _) = train_test_split(&iris.x, &iris.y, 0.2, 42)?;
    let data = datasets::make_regression(100, 5).noise(0.1).seed(42).build()?;
    let mut all = Vec::new();
    for seed in first..first + seeds {
        let grid = grid!(classifier {
            units: [5, 10, 15],
            activation: [Relu, Sigmoid],
            epochs: [100],
            batch_size: [8],
        });
        let search = GridSearchCV::new(NeuralClassifier::new(), grid)
            .cv(3)
            .seed(seed)
            .return_train_score(true)
            .verbose(0)
            .fit(&x_train, &y_train)?;
        all.push(("iris", report("iris", seed, &search)));
        let grid = grid!(regressor { batch_size: [10, 20, 30], epochs: [50, 100], optimizer: [Adam, Sgd] });
        let search = GridSearchCV::new(NeuralRegressor::new(), grid)
            .cv(3)
            .scoring(Scoring::NegMeanSquaredError)
            .seed(seed)
            .return_train_score(true)
            .verbose(0)
            .fit(&data.x, &data.y)?;
        all.push(("regression", report("regression", seed, &search)));
    }
    for what in ["iris", "regression"] {
        let runs: Vec<_> = all.iter().filter(|(w, _)| *w == what).map(|(_, r)| *r).collect();
        let warned = runs.iter().filter(|r| r.2).count();
        let max_quiet = runs.iter().filter(|r| !r.2).map(|r| r.1).fold(f64::NEG_INFINITY, f64::max);
        println!(
            "{what}: {warned} of {} seeds warned; largest gap without a warning {max_quiet:.2} %",
            runs.len()
        );
    }
    Ok(())
}
