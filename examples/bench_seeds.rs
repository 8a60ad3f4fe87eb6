//! Times the seed grids whole, as the Python peers in `../shared/peers` time theirs:
//! (a) 12 candidates x 3 folds + refit, (b) the 64-candidate architecture grid, (c) Iris.
//! Each runs with `n_jobs` 1 and 2. Prints a table, or one JSON object per line with `--json`
//! (the format `benches/peers/compare.sh` reads).
//!
//! Run: `cargo run --release --example bench_seeds [-- --json] [--only a|b|c] [--seed N]`

use std::time::Instant;

use gridcv::prelude::*;

// The seeds' build functions, from their examples.
#[allow(dead_code)]
mod iris_classifier;
#[allow(dead_code)]
mod regressor_architecture;
#[allow(dead_code)]
mod regressor_basic;

use iris_classifier::create_model as iris_model;
use regressor_architecture::deep_model;
use regressor_basic::create_model;

/// The seeds' search settings: 3 folds, `n_jobs`, the search seed, no progress bar.
fn search<E, G: gridcv::grid::ParamGrid>(
    estimator: E,
    grid: G,
    n_jobs: usize,
    seed: u64,
) -> GridSearchCV<E, G> {
    GridSearchCV::new(estimator, grid).cv(3).n_jobs(n_jobs).seed(seed).verbose(0)
}

/// One timed run.
struct Run {
    scenario: &'static str,
    n_jobs: usize,
    wall: f64,
    fits: usize,
    best_score: f64,
    best_params: String,
    test_accuracy: Option<f64>,
    peak_rss_mib: f64,
}

/// Resets the kernel's peak-RSS counter of this process (Linux), so each run reports its own peak.
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Peak resident memory of this process since the last reset, in MiB (VmHWM).
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

fn timed<P, M, Y>(
    scenario: &'static str,
    n_jobs: usize,
    search: impl FnOnce() -> gridcv::Result<gridcv::search::FittedSearch<P, M, Y>>,
    test: impl FnOnce(&gridcv::search::FittedSearch<P, M, Y>) -> Option<f64>,
) -> gridcv::Result<Run>
where
    P: gridcv::grid::Params,
    M: Predictor<Y>,
    Y: Target,
{
    reset_peak_rss();
    let start = Instant::now();
    let fitted = search()?;
    let wall = start.elapsed().as_secs_f64();
    Ok(Run {
        scenario,
        n_jobs,
        wall,
        fits: fitted.cv_results().len() * fitted.splits().len() + 1,
        best_score: fitted.best_score(),
        best_params: fitted.best_params().to_string(),
        test_accuracy: test(&fitted),
        peak_rss_mib: peak_rss_mib(),
    })
}

fn main() -> gridcv::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let json = args.iter().any(|a| a == "--json");
    let only = args.iter().position(|a| a == "--only").and_then(|i| args.get(i + 1)).cloned();
    let wanted = |s: &str| only.as_deref().is_none_or(|o| s.starts_with(o));
    // The search seed (every fit's seed derives from it); 42 as in the peers' scripts.
    let seed: u64 = args
        .iter()
        .position(|a| a == "--seed")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(42);
    let data = datasets::make_regression(100, 5).noise(0.1).seed(42).build()?;
    let iris = datasets::load_iris();
    let (x_train, x_test, y_train, y_test) = train_test_split(&iris.x, &iris.y, 0.2, 42)?;

    let mut runs = Vec::new();
    for n_jobs in [1, 2] {
        if wanted("a") {
            runs.push(timed(
                "a_regressor_basic",
                n_jobs,
                || {
                    let grid = grid!(create_model {
                        batch_size: [10, 20, 30],
                        epochs: [50, 100],
                        optimizer: [Adam, Sgd]
                    });
                    search(NeuralRegressor::new(), grid, n_jobs, seed)
                        .scoring(Scoring::NegMeanSquaredError)
                        .fit(&data.x, &data.y)
                },
                |_| None,
            )?);
        }
        if wanted("b") {
            runs.push(timed(
                "b_regressor_arch",
                n_jobs,
                || {
                    let grid = grid!(deep_model {
                        batch_size: [10, 20],
                        epochs: [50, 100],
                        optimizer: [Adam, RmsProp],
                        units: [10, 20],
                        num_layers: [2, 3],
                        activation: [Relu, Tanh],
                    });
                    search(NeuralRegressor::new(), grid, n_jobs, seed)
                        .scoring(Scoring::NegMeanSquaredError)
                        .fit(&data.x, &data.y)
                },
                |_| None,
            )?);
        }
        if wanted("c") {
            runs.push(timed(
                "c_classifier_iris",
                n_jobs,
                || {
                    let grid = grid!(iris_model {
                        units: [5, 10, 15],
                        activation: [Relu, Sigmoid],
                        epochs: [100],
                        batch_size: [8]
                    });
                    search(NeuralClassifier::new(), grid, n_jobs, seed).fit(&x_train, &y_train)
                },
                |search| search.score(x_test.view(), &y_test).ok(),
            )?);
        }
    }

    for r in &runs {
        if json {
            let mut line = serde_json::json!({
                "implementation": "gridcv",
                "scenario": r.scenario,
                "n_jobs": r.n_jobs,
                "grid_fit_wall_s": r.wall,
                "n_fits": r.fits,
                "fits_per_s": r.fits as f64 / r.wall,
                "best_score": r.best_score,
                "best_params": r.best_params,
                "peak_rss_mib": r.peak_rss_mib,
            });
            if let Some(acc) = r.test_accuracy {
                line["test_accuracy"] = acc.into();
            }
            println!("{line}");
        } else {
            println!(
                "{:<18} n_jobs {}  {:>8.3} s  {:>4} fits  {:>8.1} fits/s  best {:>12.4}  peak RSS {:>6.1} MiB{}  {}",
                r.scenario,
                r.n_jobs,
                r.wall,
                r.fits,
                r.fits as f64 / r.wall,
                r.best_score,
                r.peak_rss_mib,
                r.test_accuracy.map(|a| format!("  test acc {a:.3}")).unwrap_or_default(),
                r.best_params
            );
        }
    }
    for scenario in ["a_regressor_basic", "b_regressor_arch", "c_classifier_iris"] {
        let wall = |n| runs.iter().find(|r| r.scenario == scenario && r.n_jobs == n).map(|r| r.wall);
        if let (Some(one), Some(two), false) = (wall(1), wall(2), json) {
            println!("{scenario}: n_jobs 2 is {:.2}x faster than n_jobs 1", one / two);
        }
    }
    Ok(())
}
