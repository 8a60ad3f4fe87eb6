//! `GridSearchCV`: the builder and the search itself.

use std::sync::atomic::{AtomicUsize, Ordering};

use ndarray::ArrayView2;

use super::best::{best_candidate, ranking_warnings};
use super::engine::{run_parallel, Engine, EngineSettings, Outcome};
use super::failures::failure_summary;
use super::fitted::FittedSearch;
use super::memory_plan::MemoryPlan;
use super::options::FitOptions;
use super::progress::Progress;
use super::refit::{refit_best, NoModel};
use super::settings::{Cv, ErrorScore, Refit, Scorers, SearchSettings};
use crate::data::Target;
use crate::error::{Error, Result};
use crate::estimator::Estimator;
use crate::grid::ParamGrid;
use crate::input::{IntoFeatures, IntoTarget};
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

    /// One scorer or several (`[Scoring::R2, Scoring::NegMeanSquaredError]`), or scikit-learn's
    /// scorer names (`"f1_macro"`, `["accuracy", "f1_macro"]`). An unknown name, or two scorers
    /// of one name, is an error of `fit`.
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

    /// The memory, in bytes, the fits may use at once (default: `MemAvailable` of
    /// `/proc/meminfo` when the search starts). Fits the estimator can size (the neural
    /// estimators can) run fewer at once when they would not fit together, with a warning; a
    /// fit that would not fit alone fails with [`Error::OutOfMemory`] and scores
    /// `error_score`, as any failed fit. Nothing is allocated to find out.
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// use grid_core::search::GridSearchCV;
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![1.0_f32, 2.0, 3.0, 4.0]);
    /// // The dummy estimator cannot size its fits: a limit changes nothing for it.
    /// let search = GridSearchCV::new(DummyRegressor, vec![Strategy::Mean]).cv(2).memory_limit(1).verbose(0);
    /// assert!(search.fit(&x, &y)?.warnings().is_empty());
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn memory_limit(mut self, bytes: u64) -> Self {
        self.settings.memory_limit = Some(bytes);
        self
    }

    /// The grid searched.
    pub fn grid(&self) -> &G {
        &self.grid
    }

    /// Runs the search on `x` and `y`: owned arrays, references or views, of `f32` or `f64`
    /// (see [`IntoFeatures`] and [`IntoTarget`]; `f64` is converted to `f32` once).
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// use grid_core::search::GridSearchCV;
    /// // Rows 0..6 of a larger f64 table, used in place.
    /// let table = ndarray::Array2::<f64>::zeros((100, 2));
    /// let y = ndarray::array![1.0_f64, 2.0, 3.0, 1.0, 2.0, 3.0];
    /// let search = GridSearchCV::new(DummyRegressor, vec![Strategy::Mean, Strategy::Median])
    ///     .cv(3)
    ///     .verbose(0)
    ///     .fit(table.slice(ndarray::s![..6, ..]), &y)?;
    /// assert_eq!(search.predict(table.slice(ndarray::s![..2, ..]))?, ndarray::array![2.0_f32, 2.0]);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn fit<'d, Y: Target>(
        &self,
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
    ) -> Result<FittedSearch<G::Params, E::Fitted, Y>>
    where
        E: Estimator<G::Params, Y>,
    {
        self.fit_with(x, y, FitOptions::new())
    }

    /// Runs the search with fit-time data: validation data handed to every fit, groups.
    pub fn fit_with<'d, Y: Target>(
        &self,
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
        options: FitOptions<'d, Y>,
    ) -> Result<FittedSearch<G::Params, E::Fitted, Y>>
    where
        E: Estimator<G::Params, Y>,
    {
        let (x, y) = (x.into_features(), y.into_target());
        let settings = &self.settings;
        search(
            &self.estimator,
            &self.grid,
            settings,
            settings.return_train_score,
            x.view(),
            y.as_ref(),
            options,
        )
    }
}

/// Runs a search of `grid` with `estimator` under `settings` (train scores when
/// `return_train_score`): the engine of [`GridSearchCV`] and of the cross-validation functions.
pub(crate) fn search<E, G, Y>(
    estimator: &E,
    grid: &G,
    settings: &SearchSettings,
    return_train_score: bool,
    x: ArrayView2<'_, f32>,
    y: &Y,
    options: FitOptions<'_, Y>,
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
    let (engine, mut warnings) = Engine::prepare(x.reborrow(), y, &options, engine_settings)?;
    let n_splits = engine.folds.len();
    let memory = MemoryPlan::new(n_candidates * n_splits, n_jobs, settings.memory_available(), |t| {
        grid.get(t / n_splits)
            .and_then(|params| engine.memory_estimate(estimator, &params, Some(t % n_splits)))
    });
    warnings.extend(memory.warning(n_jobs));
    let progress = Progress::new(n_candidates, n_splits, refit_metric, settings.verbose);
    for w in &warnings {
        progress.warn(w);
    }

    // Under `Raise`, a task is skipped only when a task of lower index has failed, so every
    // task below the lowest failing one runs: the error returned is that of the failing task
    // of lowest (candidate, split), whatever the number of threads and their timing.
    let raise = settings.error_score == ErrorScore::Raise;
    let lowest_failure = AtomicUsize::new(usize::MAX);
    let outcomes = run_parallel(n_candidates * n_splits, memory.n_jobs, |t| {
        if raise && t > lowest_failure.load(Ordering::Relaxed) {
            return None;
        }
        let (candidate, split) = (t / n_splits, t % n_splits);
        let params = grid.get(candidate);
        let outcome = match (&params, memory.check_task(t)) {
            (Some(_), Err(too_big)) => engine.not_run(too_big),
            (Some(params), Ok(())) => engine.run_task(estimator, params, candidate, split),
            (None, _) => unreachable_candidate(candidate, engine.scorers.len()),
        };
        // A failure's warning is printed once per candidate, its fits counted, after the fits.
        if raise && outcome.error.is_some() {
            lowest_failure.fetch_min(t, Ordering::Relaxed);
        }
        // A failed fit's error score never makes its candidate the bar's best so far.
        let failed = [f64::NAN];
        progress.fit_done(candidate, if outcome.error.is_some() { &failed } else { &outcome.test });
        Some(outcome)
    });
    progress.finish();
    let outcomes = outcomes?;

    let mut first_error = None;
    let mut rows = Vec::with_capacity(n_candidates);
    // Each candidate's train scores of the refit metric, for the refit's check.
    let mut refit_train = Vec::with_capacity(n_candidates);
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
        if let Some(w) = failure_summary(candidate, &params, &errors, settings.error_score) {
            progress_free_warn(settings.verbose, &w);
            warnings.push(w);
        }
        let per_metric = |get: &dyn Fn(&Outcome) -> Option<&Vec<f64>>| -> Option<Vec<Scores>> {
            (0..engine.scorers.len())
                .map(|m| Some(Scores::new(done.iter().map(|o| get(o).map(|v| v[m])).collect::<Option<_>>()?)))
                .collect()
        };
        let train = per_metric(&|o| o.train.as_ref());
        refit_train.push(train.as_ref().and_then(|t| t.get(refit_metric).cloned()));
        rows.push(CandidateResult {
            index: candidate,
            grid_params: grid.axes_of(candidate).map(|axes| axes.iter().map(|a| a.name).collect()),
            params,
            test: per_metric(&|o| Some(&o.test)).unwrap_or_default(),
            rank: Vec::new(),
            train: if return_train_score { train } else { None },
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
    let best = best_candidate(&rows, refit_metric);
    for w in ranking_warnings(&rows, refit_metric, best) {
        progress_free_warn(settings.verbose, &w);
        warnings.push(w);
    }
    let best_index = best.index;
    let param_names = param_names(grid, &rows[0].params);
    let cv_results = CvResults { metrics: names, param_names, n_splits, candidates: rows, refit_metric };
    let refitted = match settings.refit {
        Refit::No => None,
        _ if !best.complete => None,
        _ => {
            let params = &cv_results.candidates[best_index].params;
            let cv_train = refit_train[best_index].as_ref();
            let needed = engine.memory_estimate(estimator, params, None);
            let fits_in_memory = crate::memory::check(needed, memory.available);
            Some(refit_best(&engine, estimator, params, best_index, refit_metric, cv_train, fits_in_memory))
        }
    };
    let (best_estimator, refit_time, refit_train_score) = match refitted {
        Some(r) => {
            if let Some(w) = r.warning {
                progress_free_warn(settings.verbose, &w);
                warnings.push(w);
            }
            (r.model, r.time, r.train_score)
        }
        None if settings.refit == Refit::No => (Err(NoModel::NotAsked), 0.0, None),
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
