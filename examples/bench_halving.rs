//! Halving and randomized search against the full grid, on seed 2's 64-candidate grid and on
//! a 288-candidate grid (seed 2's axes, three widths, three learning rates): fits, epochs
//! trained, wall time, and the quality of the candidate each method picks, measured as that
//! candidate's mean CV score in the full grid of the same seed, averaged over seeds.
//!
//! Run: `cargo run --release --example bench_halving [-- --seeds 3] [--only a|b]`

use std::time::Instant;

use gridcv::prelude::*;
use gridcv::search::{HalvingGridSearchCV, RandomizedSearchCV};

#[allow(dead_code)]
mod regressor_architecture;

use regressor_architecture::{deep_model, DeepModelParams};

/// What one method did on one seed.
struct Run {
    fits: usize,
    epochs: usize,
    wall: f64,
    /// The method's own best score (on its own CV: smaller data or fewer epochs for halving).
    own_best: f64,
    /// The picked candidate, with the epochs of a full training.
    picked: DeepModelParams,
}

/// A run, the picked candidate's (score, rank) in the full grid, and the full grid's best.
type Measured = (Run, (f64, f64), f64);

/// Fits and epochs of a search's rows (plus the refit), and its pick.
fn summarize(
    results: &CvResults<DeepModelParams>,
    best: &DeepModelParams,
    own_best: f64,
    wall: f64,
    full_epochs: Option<usize>,
) -> Run {
    let n_splits = results.n_splits;
    let fits = results.len() * n_splits + 1;
    let epochs = results.candidates.iter().map(|r| r.params.epochs * n_splits).sum::<usize>() + best.epochs;
    let mut picked = best.clone();
    if let Some(e) = full_epochs {
        picked.epochs = e;
    }
    Run { fits, epochs, wall, own_best, picked }
}

fn data(rows: usize) -> gridcv::Result<Dataset<ndarray::Array1<f32>>> {
    datasets::make_regression(rows, 5).noise(0.1).seed(42).build()
}

/// One scenario: every method on every seed, then the table.
fn scenario<G, H, S>(
    name: &str,
    rows: usize,
    seeds: u64,
    grid: impl Fn() -> G,
    grid_without_epochs: impl Fn() -> H,
    space: impl Fn() -> S,
    n_iter: usize,
) -> gridcv::Result<()>
where
    G: gridcv::grid::ParamGrid<Params = DeepModelParams>,
    H: gridcv::grid::ParamGrid<Params = DeepModelParams>,
    S: gridcv::space::ParamSpace<Params = DeepModelParams>,
{
    let data = data(rows)?;
    let (x, y) = (&data.x, &data.y);
    let methods = ["full grid", "halving n_samples", "halving epochs", "randomized"];
    let mut runs: Vec<Vec<Measured>> = (0..methods.len()).map(|_| Vec::new()).collect();
    let n_candidates = grid().len();
    for seed in 0..seeds {
        let est = NeuralRegressor::new();
        let t = Instant::now();
        let full = GridSearchCV::new(est, grid())
            .cv(3)
            .scoring(Scoring::NegMeanSquaredError)
            .seed(seed)
            .verbose(0)
            .fit(x, y)?;
        let full_run = summarize(
            full.cv_results(),
            full.best_params(),
            full.best_score(),
            t.elapsed().as_secs_f64(),
            None,
        );
        let score_in_full = |p: &DeepModelParams| {
            full.cv_results()
                .candidates
                .iter()
                .find(|r| r.params == *p)
                .map_or((f64::NAN, f64::NAN), |r| (r.mean_test_score(), r.rank[0] as f64))
        };
        let best = full.best_score();

        let t = Instant::now();
        let halving = HalvingGridSearchCV::new(est, grid())
            .cv(3)
            .scoring(Scoring::NegMeanSquaredError)
            .return_train_score(false)
            .seed(seed)
            .verbose(0)
            .fit(x, y)?;
        let halving_run = summarize(
            halving.cv_results(),
            halving.best_params(),
            halving.best_score(),
            t.elapsed().as_secs_f64(),
            None,
        );

        let t = Instant::now();
        let by_epochs = HalvingGridSearchCV::new(est, grid_without_epochs())
            .resource("epochs")
            .max_resources(100)
            .cv(3)
            .scoring(Scoring::NegMeanSquaredError)
            .return_train_score(false)
            .seed(seed)
            .verbose(0)
            .fit(x, y)?;
        let epochs_run = summarize(
            by_epochs.cv_results(),
            by_epochs.best_params(),
            by_epochs.best_score(),
            t.elapsed().as_secs_f64(),
            Some(100),
        );

        let t = Instant::now();
        let random = RandomizedSearchCV::new(est, space())
            .n_iter(n_iter)
            .cv(3)
            .scoring(Scoring::NegMeanSquaredError)
            .seed(seed)
            .verbose(0)
            .fit(x, y)?;
        let random_run = summarize(
            random.cv_results(),
            random.best_params(),
            random.best_score(),
            t.elapsed().as_secs_f64(),
            None,
        );
        for (k, run) in [full_run, halving_run, epochs_run, random_run].into_iter().enumerate() {
            let picked = score_in_full(&run.picked);
            runs[k].push((run, picked, best));
        }
        eprintln!("{name}: seed {seed} done");
    }
    let mean = |v: Vec<f64>| v.iter().sum::<f64>() / v.len() as f64;
    let full_wall = mean(runs[0].iter().map(|(r, _, _)| r.wall).collect());
    println!("\n({name}) {n_candidates} candidates, {rows} rows, cv=3, neg MSE, mean over {seeds} seeds");
    println!(
        "{:<18} {:>6} {:>8} {:>9} {:>7} {:>12} {:>14} {:>8} {:>6}",
        "method", "fits", "epochs", "time (s)", "x less", "own best", "picked (full)", "gap %", "rank"
    );
    for (k, method) in methods.iter().enumerate() {
        let rows = &runs[k];
        let wall = mean(rows.iter().map(|(r, _, _)| r.wall).collect());
        let picked = mean(rows.iter().map(|(_, p, _)| p.0).collect());
        let rank = mean(rows.iter().map(|(_, p, _)| p.1).collect());
        let best = mean(rows.iter().map(|(_, _, b)| *b).collect());
        println!(
            "{:<18} {:>6.0} {:>8.0} {:>9.2} {:>7.1} {:>12.1} {:>14.1} {:>8.2} {:>6.1}",
            method,
            mean(rows.iter().map(|(r, _, _)| r.fits as f64).collect()),
            mean(rows.iter().map(|(r, _, _)| r.epochs as f64).collect()),
            wall,
            full_wall / wall,
            mean(rows.iter().map(|(r, _, _)| r.own_best).collect()),
            picked,
            100.0 * (best - picked) / best.abs(),
            rank,
        );
    }
    Ok(())
}

fn main() -> gridcv::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let seeds: u64 = value("--seeds").and_then(|s| s.parse().ok()).unwrap_or(3);
    let only = value("--only");
    if only.as_deref().is_none_or(|o| o == "a") {
        scenario(
            "a: seed 2",
            100,
            seeds,
            || {
                grid!(deep_model {
                    batch_size: [10, 20],
                    epochs: [50, 100],
                    optimizer: [Adam, RmsProp],
                    units: [10, 20],
                    num_layers: [2, 3],
                    activation: [Relu, Tanh],
                })
            },
            || {
                grid!(deep_model {
                    batch_size: [10, 20],
                    optimizer: [Adam, RmsProp],
                    units: [10, 20],
                    num_layers: [2, 3],
                    activation: [Relu, Tanh],
                })
            },
            || {
                space!(deep_model {
                    batch_size: [10, 20],
                    epochs: [50, 100],
                    optimizer: [Adam, RmsProp],
                    units: [10, 20],
                    num_layers: [2, 3],
                    activation: [Relu, Tanh],
                })
            },
            16,
        )?;
    }
    if only.as_deref().is_none_or(|o| o == "b") {
        scenario(
            "b: 288 candidates",
            100,
            seeds,
            || {
                grid!(deep_model {
                    batch_size: [10, 20],
                    epochs: [50, 100],
                    learning_rate: [Some(1e-3), Some(3e-3), Some(1e-2)],
                    optimizer: [Adam, RmsProp],
                    units: [10, 20, 40],
                    num_layers: [2, 3],
                    activation: [Relu, Tanh],
                })
            },
            || {
                grid!(deep_model {
                    batch_size: [10, 20],
                    learning_rate: [Some(1e-3), Some(3e-3), Some(1e-2)],
                    optimizer: [Adam, RmsProp],
                    units: [10, 20, 40],
                    num_layers: [2, 3],
                    activation: [Relu, Tanh],
                })
            },
            || {
                space!(deep_model {
                    batch_size: [10, 20],
                    epochs: [50, 100],
                    learning_rate: [Some(1e-3), Some(3e-3), Some(1e-2)],
                    optimizer: [Adam, RmsProp],
                    units: [10, 20, 40],
                    num_layers: [2, 3],
                    activation: [Relu, Tanh],
                })
            },
            36,
        )?;
    }
    println!(
        "\nfits: (candidate, split) fits plus the refit; epochs: epochs trained over those fits; \
         x less: full grid time / method time; own best: the method's best_score on its own CV \
         (halving's last round: fewer samples or epochs); picked (full): the full grid's mean CV \
         score of the candidate the method picked (halving epochs: with 100 epochs); gap %: how \
         much worse than the full grid's best, relative; rank: the picked candidate's rank in the \
         full grid (1 = its best), mean over seeds."
    );
    Ok(())
}
