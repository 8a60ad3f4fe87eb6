//! One run of a search, in three steps every search shares: [`SearchRun::prepare`] (scorers,
//! refit metric, splits and their data), the driver's [`FitCells`] over a plan of cells, and
//! [`SearchRun::finish`], which turns a full [`CellTable`] into a [`FittedSearch`] (rows,
//! ranks, best candidate, refit).

use ndarray::ArrayView2;

use super::best::{best_candidate, ranking_warnings};
use super::driver::{Cell, CellTable, FitCells};
use super::engine::{run_parallel, Engine, EngineSettings, Outcome};
use super::failures::failure_summary;
use super::fitted::FittedSearch;
use super::memory_plan::MemoryPlan;
use super::options::FitOptions;
use super::progress::Progress;
use super::refit::{refit_best, NoModel};
use super::settings::{ErrorScore, Refit, SearchSettings};
use crate::data::Target;
use crate::error::{Error, Result};
use crate::estimator::Estimator;
use crate::grid::{ParamGrid, Params};
use crate::results::{rank, CandidateResult, CvResults, Scores, Timing};

/// A search ready to fit its cells.
pub(crate) struct SearchRun<'d, Y: Target> {
    pub(crate) engine: Engine<'d, Y>,
    /// The scorers' names, in order.
    pub(crate) names: Vec<String>,
    /// Index of the scorer that picks the best candidate.
    pub(crate) refit_metric: usize,
    pub(crate) n_candidates: usize,
    pub(crate) n_jobs: usize,
    pub(crate) error_score: ErrorScore,
    pub(crate) refit: Refit,
    pub(crate) verbose: u8,
    pub(crate) return_train_score: bool,
    /// Warnings so far (the splitter's, the memory plan's, the journal's).
    pub(crate) warnings: Vec<String>,
    /// How many fits may run at once in the memory available, and which may not run at all.
    pub(crate) memory: MemoryPlan,
}

impl<'d, Y: Target> SearchRun<'d, Y> {
    /// Checks the settings against the grid and the estimator, splits the data and gathers
    /// each fold's rows.
    pub(crate) fn prepare<E, G>(
        estimator: &E,
        grid: &G,
        settings: &SearchSettings,
        return_train_score: bool,
        x: ArrayView2<'d, f32>,
        y: &'d Y,
        options: &'d FitOptions<'_, Y>,
    ) -> Result<Self>
    where
        G: ParamGrid,
        E: Estimator<G::Params, Y>,
    {
        let n_candidates = grid.len();
        if n_candidates == 0 {
            return Err(Error::Empty("the grid".into()));
        }
        let n_jobs = settings.threads()?;
        let task = estimator.task();
        let scorers = settings.scorers.resolve(task)?;
        let names: Vec<String> = scorers.iter().map(|s| s.name()).collect();
        let refit_metric = match &settings.refit {
            Refit::Metric(name) => names.iter().position(|n| n == name).ok_or_else(|| {
                Error::invalid("refit", format!("no scorer is named `{name}`; the scorers are {names:?}"))
            })?,
            // scikit-learn refuses `refit=True` with several scorers: which one picks the best?
            Refit::First if names.len() > 1 => {
                return Err(Error::invalid(
                    "refit",
                    format!("with several scorers, name the one that picks the best: one of {names:?}"),
                ))
            }
            Refit::First | Refit::No => 0,
        };
        let resolved = settings.cv.resolve(task);
        let engine_settings = EngineSettings {
            splitter: resolved.splitter(),
            scorers,
            seed: settings.seed,
            return_train_score,
            train_scores_for_refit: settings.refit != Refit::No,
            error_value: settings.error_score.value(),
            allow_missing: estimator.allows_missing(),
        };
        let (engine, mut warnings) = Engine::prepare(x, y, options, engine_settings)?;
        let n_splits = engine.folds.len();
        let memory = MemoryPlan::new(n_candidates * n_splits, n_jobs, settings.memory_available(), |t| {
            grid.get(t / n_splits)
                .and_then(|params| engine.memory_estimate(estimator, &params, Some(t % n_splits)))
        });
        warnings.extend(memory.warning(n_jobs));
        Ok(SearchRun {
            engine,
            names,
            refit_metric,
            n_candidates,
            n_jobs,
            error_score: settings.error_score,
            refit: settings.refit.clone(),
            verbose: settings.verbose,
            return_train_score,
            warnings,
            memory,
        })
    }

    /// Number of splits.
    pub(crate) fn n_splits(&self) -> usize {
        self.engine.folds.len()
    }

    /// A table with no outcome yet.
    pub(crate) fn empty_table(&self) -> CellTable {
        CellTable::empty(self.n_candidates, self.n_splits())
    }

    /// A progress bar over every cell, showing the warnings so far.
    pub(crate) fn progress(&self) -> Progress {
        let progress = Progress::new(self.n_candidates, self.n_splits(), self.refit_metric, self.verbose);
        for w in &self.warnings {
            progress.warn(w);
        }
        progress
    }

    /// Fits the cells of `plan` that `table` lacks (see [`FitCells::run`]), with a progress bar,
    /// and keeps the sink's warnings.
    pub(crate) fn fit_cells<E, G>(
        &mut self,
        estimator: &E,
        grid: &G,
        plan: &[Cell],
        table: CellTable,
        sink: &dyn super::driver::CellSink<G::Params>,
    ) -> Result<CellTable>
    where
        G: ParamGrid,
        E: Estimator<G::Params, Y>,
    {
        let progress = self.progress();
        let driver = FitCells {
            engine: &self.engine,
            estimator,
            grid,
            n_jobs: self.memory.n_jobs,
            memory: &self.memory,
            raise: self.error_score == ErrorScore::Raise,
            progress: &progress,
        };
        let result = driver.run(plan, table, sink);
        progress.finish();
        let (table, sink_warnings) = result?;
        self.warnings.extend(sink_warnings);
        Ok(table)
    }

    /// Turns the outcome of every cell into the search's results: rows in grid order, ranks,
    /// the best candidate, and its refit on all the data unless `refit(false)`.
    pub(crate) fn finish<E, G>(
        self,
        estimator: &E,
        grid: &G,
        mut table: CellTable,
    ) -> Result<FittedSearch<G::Params, E::Fitted, Y>>
    where
        G: ParamGrid,
        E: Estimator<G::Params, Y>,
    {
        let SearchRun {
            engine,
            names,
            refit_metric,
            n_candidates,
            error_score,
            refit,
            verbose,
            return_train_score,
            warnings,
            memory,
            n_jobs,
            ..
        } = self;
        let n_splits = engine.folds.len();
        let layout =
            Layout { n_candidates, n_scorers: engine.scorers.len(), return_train_score, error_score };
        let Assembled { mut rows, first_error, mut warnings, refit_train } = layout.rows(
            &mut table,
            warnings,
            refit_metric,
            verbose,
            |c| grid.get(c).ok_or_else(|| Error::Empty(format!("candidate {c}"))),
            |c| grid.axes_of(c).map(|axes| axes.iter().map(|a| a.name).collect()),
        )?;
        let best = layout.rank(&mut rows, refit_metric, n_splits, first_error, verbose, &mut warnings)?;
        let best_index = best.index;
        let param_names = param_names(grid, &rows[0].params);
        let cv_results = CvResults { metrics: names, param_names, n_splits, candidates: rows, refit_metric };
        let refitted = match refit {
            Refit::No => None,
            _ if !best.complete => None,
            _ => {
                let params = &cv_results.candidates[best_index].params;
                let cv_train = refit_train[best_index].as_ref();
                // On the search's threads: a lone fit's large products use the idle ones.
                let refit = run_parallel(1, n_jobs, |_| {
                    let needed = engine.memory_estimate(estimator, params, None);
                    let fits_in_memory = crate::memory::check(needed, memory.available);
                    refit_best(&engine, estimator, params, best_index, refit_metric, cv_train, fits_in_memory)
                })?;
                refit.into_iter().next()
            }
        };
        let (best_estimator, refit_time, refit_train_score) = match refitted {
            Some(r) => {
                if let Some(w) = r.warning {
                    progress_free_warn(verbose, &w);
                    warnings.push(w);
                }
                (r.model, r.time, r.train_score)
            }
            None if refit == Refit::No => (Err(NoModel::NotAsked), 0.0, None),
            None => (Err(NoModel::NoCompleteCandidate { candidates: n_candidates }), 0.0, None),
        };
        Ok(FittedSearch {
            cv_results,
            best_index,
            refit_metric,
            scorer: engine.scorers[refit_metric].clone(),
            best_estimator,
            refit_time,
            refit_train_score,
            warnings,
            splits: engine.folds.into_iter().map(|f| f.split).collect(),
            classes: engine.classes,
        })
    }
}

/// The rows of a search, before ranking, with the first failure.
pub(crate) struct Assembled<P> {
    pub(crate) rows: Vec<CandidateResult<P>>,
    pub(crate) first_error: Option<Error>,
    pub(crate) warnings: Vec<String>,
    /// Each candidate's train scores of the refit metric, for the refit's check.
    pub(crate) refit_train: Vec<Option<Scores>>,
}

/// What turning a table into rows needs to know of the search (shared by a search and by a
/// merge of journals, which has no grid type).
pub(crate) struct Layout {
    pub(crate) n_candidates: usize,
    pub(crate) n_scorers: usize,
    pub(crate) return_train_score: bool,
    pub(crate) error_score: ErrorScore,
}

impl Layout {
    /// One row per candidate, in grid order; under `ErrorScore::Raise`, the first failure.
    pub(crate) fn rows<P: Params>(
        &self,
        table: &mut CellTable,
        mut warnings: Vec<String>,
        refit_metric: usize,
        verbose: u8,
        params_of: impl Fn(usize) -> Result<P>,
        grid_params_of: impl Fn(usize) -> Option<Vec<&'static str>>,
    ) -> Result<Assembled<P>> {
        let raise = self.error_score == ErrorScore::Raise;
        let mut first_error = None;
        let mut rows = Vec::with_capacity(self.n_candidates);
        let mut refit_train = Vec::with_capacity(self.n_candidates);
        for candidate in 0..self.n_candidates {
            let params = params_of(candidate)?;
            let mut done = Vec::with_capacity(table.n_splits());
            let mut errors = Vec::with_capacity(table.n_splits());
            for (split, outcome) in table.take_candidate(candidate).into_iter().enumerate() {
                // Skipped tasks only exist after a failure of lower index under `ErrorScore::Raise`.
                let Some(mut outcome) = outcome else {
                    errors.push(Some("not run: the search stopped at an earlier failure".to_string()));
                    continue;
                };
                let error = outcome.error.take();
                errors.push(error.as_ref().map(Error::to_string));
                if let Some(e) = error {
                    if first_error.is_none() {
                        let params = params.to_string();
                        first_error =
                            Some(Error::CandidateFailed { candidate, params, split, source: Box::new(e) });
                    }
                }
                done.push(outcome);
            }
            if raise {
                if let Some(e) = first_error.take() {
                    return Err(e);
                }
            }
            // A failure's warning is one line per candidate, its fits counted.
            if let Some(w) = failure_summary(candidate, &params, &errors, self.error_score) {
                progress_free_warn(verbose, &w);
                warnings.push(w);
            }
            let per_metric = |get: &dyn Fn(&Outcome) -> Option<&Vec<f64>>| -> Option<Vec<Scores>> {
                (0..self.n_scorers)
                    .map(|m| {
                        Some(Scores::new(done.iter().map(|o| get(o).map(|v| v[m])).collect::<Option<_>>()?))
                    })
                    .collect()
            };
            let train = per_metric(&|o| o.train.as_ref());
            refit_train.push(train.as_ref().and_then(|t| t.get(refit_metric).cloned()));
            rows.push(CandidateResult {
                index: candidate,
                grid_params: grid_params_of(candidate),
                params,
                test: per_metric(&|o| Some(&o.test)).unwrap_or_default(),
                rank: Vec::new(),
                train: if self.return_train_score { train } else { None },
                fit_time: Timing::of(&done.iter().map(|o| o.fit_time).collect::<Vec<_>>()),
                score_time: Timing::of(&done.iter().map(|o| o.score_time).collect::<Vec<_>>()),
                errors,
            });
        }
        Ok(Assembled { rows, first_error, warnings, refit_train })
    }

    /// Ranks the rows per metric and returns the best candidate by `refit_metric` (never one
    /// with a failed fit: see [`best_candidate`]); an error when every fit failed.
    pub(crate) fn rank<P>(
        &self,
        rows: &mut [CandidateResult<P>],
        refit_metric: usize,
        n_splits: usize,
        first_error: Option<Error>,
        verbose: u8,
        warnings: &mut Vec<String>,
    ) -> Result<super::best::BestChoice> {
        let n_candidates = self.n_candidates;
        let fits = n_candidates * n_splits;
        if rows.iter().all(|r| r.errors.iter().all(Option::is_some)) {
            let first = first_error.unwrap_or_else(|| Error::Empty("the fits".into()));
            return Err(Error::AllFitsFailed { fits, first: Box::new(first) });
        }
        for m in 0..self.n_scorers {
            let ranks = rank(&rows.iter().map(|r| r.test[m].mean).collect::<Vec<_>>());
            for (row, r) in rows.iter_mut().zip(ranks) {
                row.rank.push(r);
            }
        }
        let best = best_candidate(rows, refit_metric);
        for w in ranking_warnings(rows, refit_metric, best) {
            progress_free_warn(verbose, &w);
            warnings.push(w);
        }
        Ok(best)
    }
}

fn progress_free_warn(verbose: u8, message: &str) {
    if verbose > 0 {
        eprintln!("warning: {message}");
    }
}

/// The `param_<name>` columns: the grid's axes, or every field of a candidate for a plain list.
pub(crate) fn param_names<G: ParamGrid>(grid: &G, first: &G::Params) -> Vec<String> {
    let axes = grid.axis_names();
    if !axes.is_empty() {
        return axes.into_iter().map(String::from).collect();
    }
    match serde_json::to_value(first) {
        Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
        _ => vec!["value".into()],
    }
}
