//! What journaling costs per fit: a search of 1 000 near-free fits (a constant predictor)
//! with and without a journal (one JSON line written, flushed and fsynced per fit), against
//! one fit of the seed network (seed 1's `create_model`, batch_size 10, 50 epochs, Adam, on
//! `make_regression(100, 5)`).
//!
//! Run: `cargo run --release --example journal_overhead [DIR]` (DIR: where the journal is
//! written, default the system's temporary directory; put it on the filesystem you will use).

use std::time::Instant;

use gridcv::estimator::{DummyRegressor, Strategy};
use gridcv::prelude::*;

#[tunable]
fn create_model(
    meta: &Meta,
    #[default(10)] units: usize,
    #[default(Relu)] activation: Activation,
) -> Sequential {
    Sequential::new(meta.n_features).dense(units, activation).dense(1, Activation::Linear)
}

fn main() -> gridcv::Result<()> {
    let dir = std::env::args().nth(1).map(std::path::PathBuf::from).unwrap_or_else(std::env::temp_dir);
    let dir = dir.join(format!("gridcv-overhead-{}", std::process::id()));
    let data = datasets::make_regression(100, 5).noise(0.1).seed(42).build()?;

    // One fit of the seed network: the mean fit time over 5 folds, best of 3 searches.
    let seed_grid = grid!(create_model { batch_size: [10], epochs: [50], optimizer: [Adam] });
    let mut seed_fit = f64::INFINITY;
    for _ in 0..3 {
        let s = GridSearchCV::new(NeuralRegressor::new(), seed_grid.clone())
            .cv(5)
            .n_jobs(1)
            .refit(false)
            .verbose(0);
        let fitted = s.fit(&data.x, &data.y)?;
        seed_fit = seed_fit.min(fitted.cv_results().candidates[0].fit_time.mean);
    }

    // 200 candidates x 5 folds of a constant predictor, with and without a journal.
    let grid: Vec<Strategy> = (0..200).map(|i| Strategy::Constant(i as f32)).collect();
    let cells = grid.len() * 5;
    let y = data.y.clone();
    let run = |journal: Option<std::path::PathBuf>, fsync: bool| -> gridcv::Result<f64> {
        let mut search =
            GridSearchCV::new(DummyRegressor, grid.clone()).cv(5).n_jobs(1).refit(false).verbose(0);
        if let Some(path) = journal {
            search = search.journal(path).journal_fsync(fsync);
        }
        let start = Instant::now();
        search.fit(&data.x, &y)?;
        Ok(start.elapsed().as_secs_f64())
    };
    let (mut plain, mut journaled, mut resumed, mut unsynced) =
        (f64::INFINITY, f64::INFINITY, f64::INFINITY, f64::INFINITY);
    for round in 0..5 {
        plain = plain.min(run(None, true)?);
        let path = dir.join(format!("round{round}.jsonl"));
        journaled = journaled.min(run(Some(path.clone()), true)?);
        resumed = resumed.min(run(Some(path), true)?); // every cell read back
        unsynced = unsynced.min(run(Some(dir.join(format!("unsynced{round}.jsonl"))), false)?);
    }
    std::fs::remove_dir_all(&dir).ok();
    let per_fit = (journaled - plain) / cells as f64;
    println!("seed network, one fit (batch_size 10, 50 epochs, 100x5 rows): {:.3} ms", seed_fit * 1e3);
    println!(
        "search of {cells} constant fits: {:.2} ms without a journal, {:.2} ms with",
        plain * 1e3,
        journaled * 1e3
    );
    println!("journaling per fit (write + flush + fsync): {:.1} us", per_fit * 1e6);
    println!(
        "ratio to one seed-network fit: {:.4} ({:.2} %)",
        per_fit / seed_fit,
        100.0 * per_fit / seed_fit
    );
    let per_fit_unsynced = (unsynced - plain) / cells as f64;
    println!(
        "with journal_fsync(false) (write + flush, no fsync): {:.1} us per fit, ratio {:.5} ({:.3} %)",
        per_fit_unsynced * 1e6,
        per_fit_unsynced / seed_fit,
        100.0 * per_fit_unsynced / seed_fit
    );
    println!(
        "rerun reading all {cells} cells back: {:.2} ms ({:.1} us per cell)",
        resumed * 1e3,
        resumed / cells as f64 * 1e6
    );
    println!("journal directory: {}", dir.parent().map_or(String::new(), |d| d.display().to_string()));
    Ok(())
}
