//! `GridSearchCV`: the builder and the search itself.

use std::sync::atomic::{AtomicUsize, Ordering};

use ndarray::Array2;

use super::engine::{run_parallel, Engine, EngineSettings, Outcome};
use super::fitted::FittedSearch;
use super::options::FitOptions;
use super::progress::Progress;
use super::settings::{Cv, ErrorScore, Refit, Scorers, SearchSettings};
use crate::data::Target;
use crate::error::{Error, Result};
use crate::estimator::Estimator;
use crate::grid::ParamGrid;
use crate::results::{rank, CandidateResult, CvResults, Scores, Timing};

/// Exhaustive search over a grid with cross-validation, as scikit-learn's `GridSearchCV`:
/// every candidate is fitted on every split (in parallel, deterministically), scored, ranked,
/// and the best one is refitted on all the data.
///
/// ```
/// use grid_core::estimator::{DummyRegressor, Strategy};
/// use grid_core::search::GridSearchCV;
///
/// let x = ndarray::Array2::<f32>::zeros((6, 1));
/// let y = ndarray::array![1.0_f32, 2.0, 3.0, 1.0, 2.0, 3.0];
/// let grid = vec![Strategy::Constant(0.0), Strategy::Constant(2.0), Strategy::Median];
/// let search = GridSearchCV::new(DummyRegressor, grid)
///     .cv(3)
///     .scoring(grid_core::metrics::Scoring::NegMeanSquaredError)
///     .fit(&x, &y)?;
/// assert_eq!(*search.best_params(), Strategy::Constant(2.0));
/// assert_eq!(search.cv_results().candidates[1].rank[0], 1);
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Debug)]
pub struct GridSearchCV<E, G> {
    estimator: E,
    grid: G,
    settings: SearchSettings,
}

impl<E, G: ParamGrid> GridSearchCV<E, G> {
    /// A search of `grid` with `estimator`: 5 folds, the estimator's default score, refit,
    /// all cores, NaN for failed fits, seed 0, progress bar on a terminal.
    pub fn new(estimator: E, grid: G) -> Self {
        GridSearchCV { estimator, grid, settings: SearchSettings::default() }
    }

    /// Folds (`3`) or a splitter (`KFold::new(5).shuffle(true)`).
    pub fn cv(mut self, cv: impl Into<Cv>) -> Self {
        self.settings.cv = cv.into();
        self
    }

    /// One scorer or several (`[Scoring::R2, Scoring::NegMeanSquaredError]`).
    pub fn scoring(mut self, scoring: impl Into<Scorers>) -> Self {
        self.settings.scorers = scoring.into();
        self
    }

    /// `true` (default), `false`, or the name of the scorer that picks the best candidate.
    pub fn refit(mut self, refit: impl Into<Refit>) -> Self {
        self.settings.refit = refit.into();
        self
    }

    /// Number of fits run at once (default: all cores). Results do not depend on it. With 1,
    /// every fit runs on the calling thread, in grid order; with more, on a pool of that many
    /// threads built for the search.
    pub fn n_jobs(mut self, n_jobs: usize) -> Self {
        self.settings.n_jobs = Some(n_jobs);
        self
    }

    /// What a failed fit scores: NaN (default), a value, or `Raise` to stop at the first failure
    /// (the failing fit of lowest (candidate, split), whatever `n_jobs`).
    pub fn error_score(mut self, error_score: ErrorScore) -> Self {
        self.settings.error_score = error_score;
        self
    }

    /// Also score each fit on its training rows.
    pub fn return_train_score(mut self, yes: bool) -> Self {
        self.settings.return_train_score = yes;
        self
    }

    /// The search seed: every fit's seed is derived from it, its candidate and its split.
    pub fn seed(mut self, seed: u64) -> Self {
        self.settings.seed = seed;
        self
    }

    /// 0: silent; 1 (default): warnings, and a progress bar when stderr is a terminal.
    pub fn verbose(mut self, level: u8) -> Self {
        self.settings.verbose = level;
        self
    }

    /// The grid searched.
    pub fn grid(&self) -> &G {
        &self.grid
    }

    /// Runs the search on `x` and `y`.
    pub fn fit<Y: Target>(&self, x: &Array2<f32>, y: &Y) -> Result<FittedSearch<G::Params, E::Fitted, Y>>
    where
        E: Estimator<G::Params, Y>,
    {
        self.fit_with(x, y, FitOptions::new())
    }

    /// Runs the search with fit-time data: validation data handed to every fit, groups.
    pub fn fit_with<'d, Y: Target>(
        &self,
        x: &'d Array2<f32>,
        y: &'d Y,
        options: FitOptions<'d, Y>,
    ) -> Result<FittedSearch<G::Params, E::Fitted, Y>>
    where
        E: Estimator<G::Params, Y>,
    {
        search(&self.estimator, &self.grid, &self.settings, self.settings.return_train_score, x, y, options)
    }
}

/// Runs a search of `grid` with `estimator` under `settings` (train scores when
/// `return_train_score`): the engine of [`GridSearchCV`] and of the cross-validation functions.
pub(crate) fn search<'d, E, G, Y>(
    estimator: &E,
    grid: &G,
    settings: &SearchSettings,
    return_train_score: bool,
    x: &'d Array2<f32>,
    y: &'d Y,
    options: FitOptions<'d, Y>,
) -> Result<FittedSearch<G::Params, E::Fitted, Y>>
where
    G: ParamGrid,
    Y: Target,
    E: Estimator<G::Params, Y>,
{
    let n_candidates = grid.len();
    if n_candidates == 0 {
        return Err(Error::Empty("the grid".into()));
    }
    let n_jobs = settings.threads()?;
    let task = estimator.task();
    let scorers = settings.scorers.resolve(task);
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
        error_value: settings.error_score.value(),
    };
    let (engine, mut warnings) = Engine::prepare(x, y, &options, engine_settings)?;
    let n_splits = engine.folds.len();
    let progress = Progress::new(n_candidates, n_splits, refit_metric, settings.verbose);
    for w in &warnings {
        progress.warn(w);
    }

    // Under `Raise`, a task is skipped only when a task of lower index has failed, so every
    // task below the lowest failing one runs: the error returned is that of the failing task
    // of lowest (candidate, split), whatever the number of threads and their timing.
    let raise = settings.error_score == ErrorScore::Raise;
    let lowest_failure = AtomicUsize::new(usize::MAX);
    let outcomes = run_parallel(n_candidates * n_splits, n_jobs, |t| {
        if raise && t > lowest_failure.load(Ordering::Relaxed) {
            return None;
        }
        let (candidate, split) = (t / n_splits, t % n_splits);
        let params = grid.get(candidate);
        let outcome = match &params {
            Some(params) => engine.run_task(estimator, params, candidate, split),
            None => unreachable_candidate(candidate, engine.scorers.len()),
        };
        if let Some(error) = &outcome.error {
            if raise {
                lowest_failure.fetch_min(t, Ordering::Relaxed);
            } else if let Some(params) = &params {
                progress.warn(&failure_message(candidate, params, split, error, settings.error_score));
            }
        }
        progress.fit_done(candidate, &outcome.test);
        Some(outcome)
    });
    progress.finish();
    let outcomes = outcomes?;

    let mut first_error = None;
    let mut rows = Vec::with_capacity(n_candidates);
    let mut outcomes = outcomes.into_iter();
    for candidate in 0..n_candidates {
        let params = grid.get(candidate).ok_or_else(|| Error::Empty(format!("candidate {candidate}")))?;
        let mut done = Vec::with_capacity(n_splits);
        let mut errors = Vec::with_capacity(n_splits);
        for (split, outcome) in outcomes.by_ref().take(n_splits).enumerate() {
            // Skipped tasks only exist after a failure of lower index under `ErrorScore::Raise`.
            let Some(mut outcome) = outcome else {
                errors.push(Some("not run: the search stopped at an earlier failure".to_string()));
                continue;
            };
            let error = outcome.error.take();
            errors.push(error.as_ref().map(Error::to_string));
            if let Some(e) = error {
                warnings.push(failure_message(candidate, &params, split, &e, settings.error_score));
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
        let per_metric = |get: &dyn Fn(&Outcome) -> Option<&Vec<f64>>| -> Option<Vec<Scores>> {
            (0..engine.scorers.len())
                .map(|m| Some(Scores::new(done.iter().map(|o| get(o).map(|v| v[m])).collect::<Option<_>>()?)))
                .collect()
        };
        rows.push(CandidateResult {
            index: candidate,
            grid_params: grid.axes_of(candidate).map(|axes| axes.iter().map(|a| a.name).collect()),
            params,
            test: per_metric(&|o| Some(&o.test)).unwrap_or_default(),
            rank: Vec::new(),
            train: if return_train_score { per_metric(&|o| o.train.as_ref()) } else { None },
            fit_time: Timing::of(&done.iter().map(|o| o.fit_time).collect::<Vec<_>>()),
            score_time: Timing::of(&done.iter().map(|o| o.score_time).collect::<Vec<_>>()),
            errors,
        });
    }
    let fits = n_candidates * n_splits;
    if rows.iter().all(|r| r.errors.iter().all(Option::is_some)) {
        let first = first_error.unwrap_or_else(|| Error::Empty("the fits".into()));
        return Err(Error::AllFitsFailed { fits, first: Box::new(first) });
    }
    for m in 0..engine.scorers.len() {
        let ranks = rank(&rows.iter().map(|r| r.test[m].mean).collect::<Vec<_>>());
        for (row, r) in rows.iter_mut().zip(ranks) {
            row.rank.push(r);
        }
    }
    let non_finite: Vec<usize> =
        rows.iter().filter(|r| !r.test[refit_metric].mean.is_finite()).map(|r| r.index).collect();
    if !non_finite.is_empty() {
        let w = format!(
            "{} of {n_candidates} candidates have a non-finite mean test score and rank last: {non_finite:?}",
            non_finite.len()
        );
        progress_free_warn(settings.verbose, &w);
        warnings.push(w);
    }
    let best_index = rows.iter().position(|r| r.rank[refit_metric] == 1).unwrap_or(0);
    let param_names = param_names(grid, &rows[0].params);
    let cv_results = CvResults { metrics: names, param_names, n_splits, candidates: rows };
    let (best_estimator, refit_time) = match settings.refit {
        Refit::No => (None, 0.0),
        _ => {
            let start = std::time::Instant::now();
            let params = &cv_results.candidates[best_index].params;
            // On the search's threads: a lone fit's large products use the idle ones.
            let refit = run_parallel(1, n_jobs, |_| engine.fit_all(estimator, params, best_index))?;
            let model = refit.into_iter().next().expect("one refit").map_err(|e| Error::CandidateFailed {
                candidate: best_index,
                params: params.to_string(),
                split: n_splits,
                source: Box::new(e),
            })?;
            (Some(model), start.elapsed().as_secs_f64())
        }
    };
    Ok(FittedSearch {
        cv_results,
        best_index,
        refit_metric,
        scorer: engine.scorers[refit_metric].clone(),
        best_estimator,
        refit_time,
        warnings,
        splits: engine.folds.into_iter().map(|f| f.split).collect(),
        classes: engine.classes,
    })
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

fn failure_message(
    candidate: usize,
    params: &impl std::fmt::Display,
    split: usize,
    error: &Error,
    error_score: ErrorScore,
) -> String {
    format!(
        "candidate {candidate} {params} failed on split {split} and scores {}: {error}",
        error_score.value()
    )
}

fn progress_free_warn(verbose: u8, message: &str) {
    if verbose > 0 {
        eprintln!("warning: {message}");
    }
}

/// The `param_<name>` columns: the grid's axes, or every field of a candidate for a plain list.
fn param_names<G: ParamGrid>(grid: &G, first: &G::Params) -> Vec<String> {
    let axes = grid.axis_names();
    if !axes.is_empty() {
        return axes.into_iter().map(String::from).collect();
    }
    match serde_json::to_value(first) {
        Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
        _ => vec!["value".into()],
    }
}
