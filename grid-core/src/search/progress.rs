//! Progress and warnings: an `indicatif` bar (fits done/total, ETA, best mean score so far of
//! the refit metric) when stderr is a terminal, and warnings printed above it as they happen.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressStyle};

/// Per-candidate tallies, to report the best mean score of the candidates finished so far.
struct Tally {
    done: Vec<usize>,
    sums: Vec<f64>,
    /// The best mean so far and its candidate.
    best: Option<(f64, usize)>,
}

/// Where warnings go.
type Sink = Mutex<Box<dyn Write + Send>>;

/// Reports the progress of a search's fits.
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    /// Where warnings are written; `None` when they are not shown.
    warnings: Option<Sink>,
    n_splits: usize,
    /// The metric whose best mean is shown (the refit metric).
    metric: usize,
    tally: Mutex<Tally>,
}

impl Progress {
    /// A bar for `n_candidates x n_splits` fits showing the best mean of scorer `metric`, shown
    /// when `verbose > 0` and stderr is a terminal; warnings go to stderr when `verbose > 0`.
    pub(crate) fn new(n_candidates: usize, n_splits: usize, metric: usize, verbose: u8) -> Self {
        let bar = (verbose > 0 && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new((n_candidates * n_splits) as u64);
            if let Ok(style) = ProgressStyle::with_template(
                "{bar:30} {pos}/{len} fits  {elapsed_precise} (ETA {eta})  {msg}",
            ) {
                bar.set_style(style);
            }
            bar
        });
        Self::with(bar, n_candidates, n_splits, metric, verbose, Box::new(std::io::stderr()))
    }

    fn with(
        bar: Option<ProgressBar>,
        n_candidates: usize,
        n_splits: usize,
        metric: usize,
        verbose: u8,
        sink: Box<dyn Write + Send>,
    ) -> Self {
        Progress {
            bar,
            warnings: (verbose > 0).then(|| Mutex::new(sink)),
            n_splits,
            metric,
            tally: Mutex::new(Tally {
                done: vec![0; n_candidates],
                sums: vec![0.0; n_candidates],
                best: None,
            }),
        }
    }

    /// Records one finished fit of `candidate` with its test scores (one per scorer).
    pub(crate) fn fit_done(&self, candidate: usize, scores: &[f64]) {
        let score = scores.get(self.metric).copied().unwrap_or(f64::NAN);
        let mut t = self.tally.lock().unwrap_or_else(|e| e.into_inner());
        t.done[candidate] += 1;
        t.sums[candidate] += score;
        if t.done[candidate] == self.n_splits {
            let mean = t.sums[candidate] / self.n_splits as f64;
            if mean.is_finite() && t.best.is_none_or(|(best, _)| mean > best) {
                t.best = Some((mean, candidate));
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
        if let Some(sink) = &self.warnings {
            let write = || {
                let mut sink = sink.lock().unwrap_or_else(|e| e.into_inner());
                // A warning that cannot be written is not worth failing the search for.
                let _ = writeln!(sink, "warning: {message}");
            };
            match &self.bar {
                Some(bar) => bar.suspend(write),
                None => write(),
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

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    /// A sink the test can read back.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn text(sink: &Shared) -> String {
        String::from_utf8(sink.0.lock().unwrap().clone()).unwrap()
    }

    #[test]
    fn verbose_0_has_no_bar_and_writes_no_warning() {
        let quiet = Progress::new(2, 3, 0, 0);
        assert!(quiet.bar.is_none() && quiet.warnings.is_none());
        let sink = Shared::default();
        let quiet = Progress::with(None, 2, 3, 0, 0, Box::new(sink.clone()));
        quiet.warn("candidate 0 failed");
        quiet.fit_done(0, &[1.0]);
        quiet.finish();
        assert_eq!(text(&sink), "");
        let loud = Progress::with(None, 2, 3, 0, 1, Box::new(sink.clone()));
        loud.warn("candidate 0 failed");
        assert_eq!(text(&sink), "warning: candidate 0 failed\n");
    }

    #[test]
    fn best_so_far_follows_the_refit_metric() {
        // Two scorers that disagree: candidate 0 is best by the first, candidate 1 by the second.
        let progress = Progress::with(None, 2, 2, 1, 0, Box::new(std::io::sink()));
        for _ in 0..2 {
            progress.fit_done(0, &[0.9, 0.1]);
            progress.fit_done(1, &[0.2, 0.8]);
        }
        assert_eq!(progress.tally.lock().unwrap().best, Some((0.8, 1)));
        let first = Progress::with(None, 2, 2, 0, 0, Box::new(std::io::sink()));
        for _ in 0..2 {
            first.fit_done(0, &[0.9, 0.1]);
            first.fit_done(1, &[0.2, 0.8]);
        }
        assert_eq!(first.tally.lock().unwrap().best, Some((0.9, 0)));
    }
}
