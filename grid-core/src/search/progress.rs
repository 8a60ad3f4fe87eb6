//! Progress and warnings: an `indicatif` bar (fits done/total, ETA, best mean score so far)
//! when stderr is a terminal, and warnings printed above it as they happen.

use std::io::IsTerminal;
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressStyle};

/// Per-candidate tallies, to report the best mean score of the candidates finished so far.
struct Tally {
    done: Vec<usize>,
    sums: Vec<f64>,
    best: f64,
}

/// Reports the progress of a search's fits.
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    print_warnings: bool,
    n_splits: usize,
    tally: Mutex<Tally>,
}

impl Progress {
    /// A bar for `n_candidates x n_splits` fits, shown when `verbose > 0` and stderr is a
    /// terminal; warnings are printed when `verbose > 0`.
    pub(crate) fn new(n_candidates: usize, n_splits: usize, verbose: u8) -> Self {
        let bar = (verbose > 0 && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new((n_candidates * n_splits) as u64);
            if let Ok(style) = ProgressStyle::with_template(
                "{bar:30} {pos}/{len} fits  {elapsed_precise} (ETA {eta})  {msg}",
            ) {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            print_warnings: verbose > 0,
            n_splits,
            tally: Mutex::new(Tally {
                done: vec![0; n_candidates],
                sums: vec![0.0; n_candidates],
                best: f64::NAN,
            }),
        }
    }

    /// Records one finished fit of `candidate` with its test score (first metric).
    pub(crate) fn fit_done(&self, candidate: usize, score: f64) {
        let mut t = self.tally.lock().unwrap_or_else(|e| e.into_inner());
        t.done[candidate] += 1;
        t.sums[candidate] += score;
        if t.done[candidate] == self.n_splits {
            let mean = t.sums[candidate] / self.n_splits as f64;
            if mean.is_finite() && (t.best.is_nan() || mean > t.best) {
                t.best = mean;
                if let Some(bar) = &self.bar {
                    bar.set_message(format!("best {mean:.6} (candidate {candidate})"));
                }
            }
        }
        drop(t);
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Prints a warning (above the bar) when warnings are shown.
    pub(crate) fn warn(&self, message: &str) {
        if self.print_warnings {
            match &self.bar {
                Some(bar) => bar.suspend(|| eprintln!("warning: {message}")),
                None => eprintln!("warning: {message}"),
            }
        }
    }

    /// Removes the bar.
    pub(crate) fn finish(self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
