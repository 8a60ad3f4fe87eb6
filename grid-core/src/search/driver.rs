//! The driver: the one place that turns a plan of (candidate, split) cells into outcomes.
//!
//! Every search plugs into it the same way: it chooses the cells to run (all of a grid, a
//! shard's share, the cells a journal does not hold yet), hands over the outcomes it already
//! has, and may attach a [`CellSink`] that sees each cell as it finishes (the journal). The
//! driver runs the cells in parallel, deterministically, and returns a [`CellTable`] holding
//! every outcome, old and new, which [`assemble`](super::assemble) turns into results.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::engine::{run_parallel, Engine, Outcome};
use super::memory_plan::MemoryPlan;
use super::progress::Progress;
use crate::data::Target;
use crate::error::{Error, Result};
use crate::estimator::Estimator;
use crate::grid::ParamGrid;

/// One fit of a search: a candidate of the grid on a split of the data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Cell {
    /// Index of the candidate in the grid.
    pub(crate) candidate: usize,
    /// Index of the split.
    pub(crate) split: usize,
}

/// Sees every cell the driver runs, as soon as it finishes, from the worker thread that ran
/// it (so it must be `Sync`). An error is reported as a warning: the outcome is kept.
pub(crate) trait CellSink<P>: Sync {
    /// Records a finished cell.
    fn cell_done(&self, cell: Cell, params: &P, outcome: &Outcome) -> Result<()>;
}

/// A sink that records nothing.
pub(crate) struct NoSink;

impl<P> CellSink<P> for NoSink {
    fn cell_done(&self, _: Cell, _: &P, _: &Outcome) -> Result<()> {
        Ok(())
    }
}

/// The outcome of every cell of a search, `None` where a cell has not run (yet).
pub(crate) struct CellTable {
    n_splits: usize,
    outcomes: Vec<Option<Outcome>>,
}

impl CellTable {
    /// A table with no outcome yet.
    pub(crate) fn empty(n_candidates: usize, n_splits: usize) -> Self {
        let outcomes = std::iter::repeat_with(|| None).take(n_candidates * n_splits).collect();
        CellTable { n_splits, outcomes }
    }

    fn slot(&self, cell: Cell) -> usize {
        cell.candidate * self.n_splits + cell.split
    }

    /// Number of splits.
    pub(crate) fn n_splits(&self) -> usize {
        self.n_splits
    }

    /// Every cell, in (candidate, split) order.
    pub(crate) fn all_cells(&self) -> impl Iterator<Item = Cell> + '_ {
        (0..self.outcomes.len()).map(|t| Cell { candidate: t / self.n_splits, split: t % self.n_splits })
    }

    /// `true` when `cell` has an outcome.
    pub(crate) fn has(&self, cell: Cell) -> bool {
        self.get(cell).is_some()
    }

    /// The outcome of `cell`, if it has one.
    pub(crate) fn get(&self, cell: Cell) -> Option<&Outcome> {
        self.outcomes.get(self.slot(cell)).and_then(Option::as_ref)
    }

    /// `true` when `cell` has an outcome that is a failure.
    pub(crate) fn failed(&self, cell: Cell) -> bool {
        self.get(cell).is_some_and(|o| o.error.is_some())
    }

    /// Sets the outcome of `cell` (a cell outside the table is ignored).
    pub(crate) fn set(&mut self, cell: Cell, outcome: Outcome) {
        let slot = self.slot(cell);
        if let Some(place) = self.outcomes.get_mut(slot) {
            *place = Some(outcome);
        }
    }

    /// Takes the outcomes of one candidate's splits, in split order.
    pub(crate) fn take_candidate(&mut self, candidate: usize) -> Vec<Option<Outcome>> {
        let start = candidate * self.n_splits;
        self.outcomes[start..start + self.n_splits].iter_mut().map(Option::take).collect()
    }
}

/// Runs `task` on every cell of `plan` on `n_jobs` threads; the results come back in plan
/// order. With `stop_at_failure`, a cell is skipped (`None`) only when a cell earlier in the
/// plan has failed, so every cell before the earliest failing one runs: which failure is
/// reported does not depend on the number of threads or their timing.
pub(crate) fn run_cells<T: Send>(
    plan: &[Cell],
    n_jobs: usize,
    stop_at_failure: bool,
    task: impl Fn(Cell) -> T + Send + Sync,
    failed: impl Fn(&T) -> bool + Send + Sync,
) -> Result<Vec<Option<T>>> {
    let earliest_failure = AtomicUsize::new(usize::MAX);
    run_parallel(plan.len(), n_jobs, |i| {
        if stop_at_failure && i > earliest_failure.load(Ordering::Relaxed) {
            return None;
        }
        let out = task(plan[i]);
        if stop_at_failure && failed(&out) {
            earliest_failure.fetch_min(i, Ordering::Relaxed);
        }
        Some(out)
    })
}

/// What the driver needs to fit the cells of one search.
pub(crate) struct FitCells<'r, 'd, E, G: ParamGrid, Y: Target> {
    pub(crate) engine: &'r Engine<'d, Y>,
    pub(crate) estimator: &'r E,
    pub(crate) grid: &'r G,
    pub(crate) n_jobs: usize,
    /// Which fits would not fit in the memory available (they fail without running).
    pub(crate) memory: &'r MemoryPlan,
    /// Stop at the first failure (`ErrorScore::Raise`).
    pub(crate) raise: bool,
    pub(crate) progress: &'r Progress,
}

impl<E, G, Y> FitCells<'_, '_, E, G, Y>
where
    G: ParamGrid,
    Y: Target,
    E: Estimator<G::Params, Y>,
{
    /// Fits the cells of `plan` that `table` does not hold, records each in `sink` as it
    /// finishes, and returns `table` with their outcomes added (skipped cells stay `None`).
    /// Returns the sink's errors as warnings, one per distinct message.
    pub(crate) fn run(
        &self,
        plan: &[Cell],
        mut table: CellTable,
        sink: &dyn CellSink<G::Params>,
    ) -> Result<(CellTable, Vec<String>)> {
        let todo: Vec<Cell> = plan.iter().copied().filter(|&c| !table.has(c)).collect();
        // The cells already done count on the progress bar (and in its best score so far).
        for &cell in plan.iter().filter(|&&c| table.has(c)) {
            if let Some(outcome) = table.get(cell) {
                self.progress.fit_done(cell.candidate, &outcome.test);
            }
        }
        let n_scorers = self.engine.scorers.len();
        let sink_errors = std::sync::Mutex::new(Vec::<String>::new());
        let outcomes = run_cells(
            &todo,
            self.n_jobs,
            self.raise,
            |cell| {
                let params = self.grid.get(cell.candidate);
                let task = cell.candidate * self.engine.folds.len() + cell.split;
                let outcome = match (&params, self.memory.check_task(task)) {
                    (Some(_), Err(too_big)) => self.engine.not_run(too_big),
                    (Some(params), Ok(())) => {
                        self.engine.run_task(self.estimator, params, cell.candidate, cell.split)
                    }
                    (None, _) => unreachable_candidate(cell.candidate, n_scorers),
                };
                // A failure's warning is printed once per candidate, its fits counted, after the fits.
                if let Some(params) = &params {
                    if let Err(e) = sink.cell_done(cell, params, &outcome) {
                        let message = format!(
                            "candidate {} split {} was not recorded: {e}",
                            cell.candidate, cell.split
                        );
                        let mut errors = sink_errors.lock().unwrap_or_else(|p| p.into_inner());
                        if errors.is_empty() {
                            self.progress.warn(&message);
                        }
                        errors.push(message);
                    }
                }
                // A failed fit's error score never makes its candidate the bar's best so far.
                let failed = [f64::NAN];
                self.progress
                    .fit_done(cell.candidate, if outcome.error.is_some() { &failed } else { &outcome.test });
                outcome
            },
            |outcome| outcome.error.is_some(),
        )?;
        for (cell, outcome) in todo.into_iter().zip(outcomes) {
            if let Some(outcome) = outcome {
                table.set(cell, outcome);
            }
        }
        let mut warnings = sink_errors.into_inner().unwrap_or_else(|p| p.into_inner());
        if warnings.len() > 1 {
            let n = warnings.len();
            warnings.truncate(1);
            warnings.push(format!("{} more cells were not recorded", n - 1));
        }
        Ok((table, warnings))
    }
}

/// The outcome of a candidate index the grid does not have (a grid whose `get` disagrees with
/// its `len`): a failure, not a panic.
fn unreachable_candidate(candidate: usize, n_scorers: usize) -> Outcome {
    Outcome {
        test: vec![f64::NAN; n_scorers],
        train: None,
        fit_time: 0.0,
        score_time: 0.0,
        error: Some(Error::Empty(format!("candidate {candidate} of the grid"))),
    }
}
