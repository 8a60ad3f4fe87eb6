//! `gridcv report`: the results so far, the best parameters, and how far the search is.

use std::path::{Path, PathBuf};

use gridcv::journal::JournalSet;
use gridcv::Result;

/// Prints the report of `journals`, and draws its pictures into `plots` when given.
pub fn run(journals: &[PathBuf], plots: Option<&Path>) -> Result<()> {
    let set = JournalSet::read(journals)?;
    for w in set.warnings() {
        eprintln!("warning: {w}");
    }
    let s = set.summary();
    let total = s.n_candidates * s.n_splits;
    println!("{} candidates x {} splits = {total} fits", s.n_candidates, s.n_splits);
    if s.shard_count > 1 {
        let mut given: Vec<usize> = s.shards.iter().map(|sh| sh.index).collect();
        given.sort_unstable();
        println!("shards read: {given:?} of {} ({} of the search's fits)", s.shard_count, s.cells);
    }
    println!("done {} (failed {}), left {}", s.done, s.failed, s.left);
    if s.left > 0 && s.mean_cell_seconds.is_finite() {
        println!(
            "time left: about {} ({} fits at {:.3}s each, on {} threads per shard)",
            duration(s.seconds_left),
            s.left,
            s.mean_cell_seconds,
            s.threads
        );
    }
    let finished = set.missing().is_empty();
    let results = if finished { Some(set.merge()?) } else { set.partial()? };
    match results {
        None => println!("no candidate has finished every split yet"),
        Some(merged) => {
            if !finished {
                println!("the candidates that finished every split, ranked among themselves:");
            }
            print!("{}", merged.cv_results);
            let metric = &merged.cv_results.metrics[merged.refit_metric];
            let best = merged.best();
            println!(
                "best params{}: {} (mean_test_{metric} {})",
                if finished { "" } else { " so far" },
                best.params,
                best.test[merged.refit_metric].mean
            );
            if let Some(dir) = plots {
                for file in gridcv::plots::write_plots(&merged.cv_results, dir)? {
                    println!("wrote {}", file.display());
                }
            }
        }
    }
    Ok(())
}

/// `3h 02m`, `4m 10s`, `12s`.
fn duration(seconds: f64) -> String {
    let s = seconds.round() as u64;
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m {:02}s", s / 60, s % 60),
        _ => format!("{}h {:02}m", s / 3600, (s % 3600) / 60),
    }
}
