//! The engine: splits computed once and their data gathered once, then every (candidate, split)
//! fit run as an independent task on a thread pool, failures caught and kept per task.

use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;
use std::time::Instant;

use ndarray::{Array2, ArrayView2, Axis, CowArray, Ix2};
use rayon::prelude::*;

use super::options::FitOptions;
use super::seed::fit_seed;
use crate::data::{check_xy, check_xy_missing, Encoded, Target};
use crate::error::{Error, Result};
use crate::estimator::{Estimator, Predictor, TrainSet};
use crate::metrics::{Evaluation, Scoring};
use crate::split::{Split, SplitInput, Splitter};

/// Rows a fold's scoring copies out of `x` at a time.
const SCORE_ROWS: usize = 4096;

/// One split with its targets gathered, shared by every candidate. Its feature rows stay in
/// the one `x` and are read by index (fits through [`TrainSet`], scoring through copies of a
/// few thousand rows at a time), so memory does not grow with the folds.
pub(crate) struct Fold<Y: Target> {
    pub(crate) split: Split,
    y_train: Y,
    y_test: Encoded,
    y_train_encoded: Option<Encoded>,
}

/// What one (candidate, split) task produced.
pub(crate) struct Outcome {
    /// One test score per scorer (the error score if the fit failed).
    pub(crate) test: Vec<f64>,
    /// One train score per scorer, when asked for.
    pub(crate) train: Option<Vec<f64>>,
    pub(crate) fit_time: f64,
    pub(crate) score_time: f64,
    pub(crate) error: Option<Error>,
}

/// The data and settings every task of a search reads.
pub(crate) struct Engine<'a, Y: Target> {
    /// The features, in row-major order (a copy only when the caller's `x` is not): every
    /// fold reads its rows from here.
    pub(crate) x: CowArray<'a, f32, Ix2>,
    pub(crate) y: &'a Y,
    pub(crate) classes: Y::Classes,
    pub(crate) folds: Vec<Fold<Y>>,
    pub(crate) scorers: Vec<Scoring>,
    validation: Option<(ArrayView2<'a, f32>, &'a Y)>,
    seed: u64,
    return_train_score: bool,
    /// Train scores computed for the refit's check only: a failure there is no fit failure.
    train_scores_for_refit: bool,
    error_value: f64,
}

/// Settings of [`Engine::prepare`].
pub(crate) struct EngineSettings<'s> {
    pub(crate) splitter: &'s dyn Splitter,
    pub(crate) scorers: Vec<Scoring>,
    pub(crate) seed: u64,
    pub(crate) return_train_score: bool,
    /// Also score each fit on its training rows, for the refit's check, without reporting the
    /// scores or failing the fit when they cannot be computed.
    pub(crate) train_scores_for_refit: bool,
    pub(crate) error_value: f64,
    /// The estimator fills missing values (NaN in `x`) itself: `x` may hold NaN, not infinity.
    pub(crate) allow_missing: bool,
}

impl<'a, Y: Target> Engine<'a, Y> {
    /// Checks the data, splits it once and gathers each fold's rows. Returns the engine and
    /// the splitter's warnings.
    pub(crate) fn prepare(
        x: ArrayView2<'a, f32>,
        y: &'a Y,
        options: &'a FitOptions<'_, Y>,
        settings: EngineSettings<'_>,
    ) -> Result<(Self, Vec<String>)> {
        let check = if settings.allow_missing { check_xy_missing::<Y> } else { check_xy::<Y> };
        check(&x, y)?;
        if let Some((xv, yv)) = &options.validation {
            check(&xv.view(), yv.as_ref()).map_err(|e| Error::invalid("validation_data", e.to_string()))?;
            if xv.ncols() != x.ncols() {
                return Err(Error::ShapeMismatch {
                    what: "columns of the validation x (must equal the columns of x)".into(),
                    expected: x.ncols(),
                    got: xv.ncols(),
                });
            }
        }
        if let Some(groups) = &options.groups {
            if groups.len() != x.nrows() {
                return Err(Error::ShapeMismatch {
                    what: "number of groups (must equal the rows of x)".into(),
                    expected: x.nrows(),
                    got: groups.len(),
                });
            }
        }
        let classes = y.classes();
        let encoded = y.encode(&classes)?;
        let labels = match &encoded {
            Encoded::Labels { labels, .. } => Some(labels.as_slice()),
            Encoded::Values(_) => None,
        };
        let input = SplitInput {
            n_samples: x.nrows(),
            labels,
            groups: options.groups.as_deref(),
            seed: settings.seed,
        };
        let warnings = settings.splitter.warnings(&input);
        let splits = settings.splitter.split(&input)?;
        if splits.is_empty() {
            return Err(Error::Empty("the cross-validation splits".into()));
        }
        let folds = splits
            .into_iter()
            .enumerate()
            .map(|(i, split)| {
                if split.train.is_empty() || split.test.is_empty() {
                    return Err(Error::Empty(format!(
                        "the {} set of split {i}",
                        if split.train.is_empty() { "training" } else { "test" }
                    )));
                }
                // A user's splitter may hand out any index: check before gathering rows.
                if let Some(&row) = split.train.iter().chain(&split.test).find(|&&r| r >= x.nrows()) {
                    return Err(Error::invalid(
                        "cv",
                        format!("split {i} holds row {row}, but x has {} rows", x.nrows()),
                    ));
                }
                let y_test = y.select(&split.test).encode(&classes)?;
                let y_train = y.select(&split.train);
                let y_train_encoded = (settings.return_train_score || settings.train_scores_for_refit)
                    .then(|| y_train.encode(&classes))
                    .transpose()?;
                Ok(Fold { y_train, y_test, y_train_encoded, split })
            })
            .collect::<Result<Vec<_>>>()?;
        let engine = Engine {
            x: if x.is_standard_layout() {
                CowArray::from(x)
            } else {
                CowArray::from(x.as_standard_layout().into_owned())
            },
            y,
            classes,
            folds,
            scorers: settings.scorers,
            validation: options.validation.as_ref().map(|(x, y)| (x.view(), y.as_ref())),
            seed: settings.seed,
            return_train_score: settings.return_train_score,
            train_scores_for_refit: settings.train_scores_for_refit,
            error_value: settings.error_value,
        };
        Ok((engine, warnings))
    }

    /// Fits `params` on fold `split` and scores it; never panics, whatever the estimator does.
    pub(crate) fn run_task<P, E: Estimator<P, Y>>(
        &self,
        estimator: &E,
        params: &P,
        candidate: usize,
        split: usize,
    ) -> Outcome {
        let fold = &self.folds[split];
        let start = Instant::now();
        let fitted = self.fit_fold(estimator, params, candidate, split);
        let fit_time = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let scored = fitted.and_then(|model| {
            let test = self.score_rows(&model, &fold.split.test, &fold.y_test)?;
            let train = match &fold.y_train_encoded {
                Some(y) if self.return_train_score => Some(self.score_rows(&model, &fold.split.train, y)?),
                Some(y) if self.train_scores_for_refit => self.score_rows(&model, &fold.split.train, y).ok(),
                _ => None,
            };
            Ok((test, train))
        });
        let score_time = start.elapsed().as_secs_f64();
        match scored {
            Ok((test, train)) => Outcome { test, train, fit_time, score_time, error: None },
            Err(error) => {
                let failed = vec![self.error_value; self.scorers.len()];
                Outcome {
                    train: self.return_train_score.then(|| failed.clone()),
                    test: failed,
                    fit_time,
                    score_time,
                    error: Some(error),
                }
            }
        }
    }

    /// Fits `params` on the training rows of fold `split`.
    pub(crate) fn fit_fold<P, E: Estimator<P, Y>>(
        &self,
        estimator: &E,
        params: &P,
        candidate: usize,
        split: usize,
    ) -> Result<E::Fitted> {
        let fold = &self.folds[split];
        let data = TrainSet::from_rows(self.x.view(), &fold.split.train, &fold.y_train, self.classes.clone());
        let data = self.with_validation(data.with_seed(fit_seed(self.seed, candidate, split)));
        guarded(|| estimator.fit(params, &data))
    }

    /// [`Estimator::memory_estimate`] of `params` on fold `split`'s training rows, or on all
    /// the data (the refit) for `None`; `None` when unknown or when asking panicked.
    pub(crate) fn memory_estimate<P, E: Estimator<P, Y>>(
        &self,
        estimator: &E,
        params: &P,
        split: Option<usize>,
    ) -> Option<u64> {
        let data = match split {
            Some(split) => {
                let fold = &self.folds[split];
                TrainSet::from_rows(self.x.view(), &fold.split.train, &fold.y_train, self.classes.clone())
            }
            None => TrainSet::new(self.x.view(), self.y),
        };
        let data = self.with_validation(data);
        guarded(|| Ok(estimator.memory_estimate(params, &data))).ok().flatten()
    }

    /// The outcome of a task that did not run because of `error`.
    pub(crate) fn not_run(&self, error: Error) -> Outcome {
        let failed = vec![self.error_value; self.scorers.len()];
        Outcome {
            train: self.return_train_score.then(|| failed.clone()),
            test: failed,
            fit_time: 0.0,
            score_time: 0.0,
            error: Some(error),
        }
    }

    /// A copy of the test rows of fold `split` (made when it is scored, dropped after).
    pub(crate) fn test_x(&self, split: usize) -> Array2<f32> {
        self.x.select(Axis(0), &self.folds[split].split.test)
    }

    /// `data` with the search's validation data, if any.
    fn with_validation<'d>(&self, data: TrainSet<'d, Y>) -> TrainSet<'d, Y>
    where
        'a: 'd,
    {
        match self.validation {
            Some((x, y)) => data.with_validation(x.reborrow(), y),
            None => data,
        }
    }

    /// Fits `params` on all the data (the refit), with the refit's own seed.
    pub(crate) fn fit_all<P, E: Estimator<P, Y>>(
        &self,
        estimator: &E,
        params: &P,
        candidate: usize,
    ) -> Result<E::Fitted> {
        let data =
            TrainSet::new(self.x.view(), self.y).with_seed(fit_seed(self.seed, candidate, self.folds.len()));
        let data = self.with_validation(data);
        guarded(|| estimator.fit(params, &data))
    }

    /// Scorer `metric`'s value for `model` on all the data (the refit's training score).
    pub(crate) fn score_on_all<M: Predictor<Y>>(&self, model: &M, metric: usize) -> Result<f64> {
        let y_true = self.y.encode(&self.classes)?;
        let scores = self.score(model, self.x.view(), &y_true)?;
        scores.get(metric).copied().ok_or_else(|| Error::Empty(format!("the scores of scorer {metric}")))
    }

    /// Every scorer's value for `model` on `x` against `y_true`; a non-finite score is an error,
    /// and so is a panicking scorer, named.
    fn score<M: Predictor<Y>>(
        &self,
        model: &M,
        x: ArrayView2<'_, f32>,
        y_true: &Encoded,
    ) -> Result<Vec<f64>> {
        guarded(|| {
            let y_pred = predicted(|| model.predict(x))?.encode(&self.classes)?;
            let proba = if self.scorers.iter().any(Scoring::needs_proba) {
                predicted(|| model.predict_proba(x))?
            } else {
                None
            };
            self.evaluate(y_true, &y_pred, proba.as_ref())
        })
    }

    /// As [`score`](Self::score), on the rows `rows` of `x`, copied out [`SCORE_ROWS`] at a
    /// time: scoring a fold's rows never holds a copy of the fold. Rows whose predictions are
    /// not finite are named by their index in `x`, all of them.
    fn score_rows<M: Predictor<Y>>(&self, model: &M, rows: &[usize], y_true: &Encoded) -> Result<Vec<f64>> {
        guarded(|| {
            let needs_proba = self.scorers.iter().any(Scoring::needs_proba);
            let (mut y_pred, mut proba): (Option<Encoded>, Option<Array2<f32>>) = (None, None);
            let mut non_finite: Vec<usize> = Vec::new();
            for chunk in rows.chunks(SCORE_ROWS) {
                let x = self.x.select(Axis(0), chunk);
                let part = match predicted(|| model.predict(x.view())) {
                    Err(Error::NonFiniteOutput { rows: bad, .. }) => {
                        non_finite.extend(bad.iter().filter_map(|&r| chunk.get(r)));
                        continue;
                    }
                    other => other?.encode(&self.classes)?,
                };
                match &mut y_pred {
                    Some(all) => all.append(part)?,
                    None => y_pred = Some(part),
                }
                if needs_proba {
                    if let Some(p) = predicted(|| model.predict_proba(x.view()))? {
                        match &mut proba {
                            Some(all) => all.append(Axis(0), p.view()).map_err(|e| {
                                Error::invalid("predict_proba", format!("the chunks' widths differ: {e}"))
                            })?,
                            None => proba = Some(p),
                        }
                    }
                }
            }
            if !non_finite.is_empty() {
                return Err(Error::NonFiniteOutput { rows: non_finite, n_rows: self.x.nrows() });
            }
            let y_pred = match y_pred {
                Some(y_pred) => y_pred,
                None => {
                    predicted(|| model.predict(self.x.select(Axis(0), rows).view()))?.encode(&self.classes)?
                }
            };
            self.evaluate(y_true, &y_pred, proba.as_ref())
        })
    }

    /// Every scorer's value for the predictions `y_pred` (and `proba`) against `y_true`.
    fn evaluate(&self, y_true: &Encoded, y_pred: &Encoded, proba: Option<&Array2<f32>>) -> Result<Vec<f64>> {
        self.scorers
            .iter()
            .map(|scorer| {
                let eval = Evaluation { y_true, y_pred, proba: proba.map(|p| p.view()) };
                let value = guarded(|| scorer.score(&eval)).map_err(|e| scorer_panic(scorer, e))?;
                if value.is_finite() {
                    Ok(value)
                } else {
                    Err(Error::NonFiniteScore { metric: scorer.name(), value })
                }
            })
            .collect()
    }
}

/// Runs a model's `predict` or `predict_proba`: a panic there is [`Error::PredictPanicked`],
/// not "the fit panicked".
pub(crate) fn predicted<T>(predict: impl FnOnce() -> Result<T>) -> Result<T> {
    guarded(predict).map_err(|e| match e {
        Error::Panicked(message) => Error::PredictPanicked(message),
        other => other,
    })
}

/// A scorer's panic as an error naming the scorer (not "the fit panicked"); other errors as
/// they are.
fn scorer_panic(scorer: &Scoring, error: Error) -> Error {
    match error {
        Error::Panicked(message) => {
            Error::Metric { metric: scorer.name(), reason: format!("the scorer panicked: {message}") }
        }
        other => other,
    }
}

thread_local! {
    /// How many [`guarded`] calls the current thread is inside.
    static GUARD_DEPTH: Cell<usize> = const { Cell::new(0) };
    /// Where the last panic caught by [`guarded`] on this thread was raised (`file:line`).
    static PANIC_LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs, once per process, a panic hook that stays silent for panics raised inside
/// [`guarded`] on the panicking thread (they are caught and reported as warnings or errors;
/// the hook only notes where they were raised) and hands every other panic to the hook that
/// was installed before it. Under `panic = "abort"` nothing can be caught, so every panic goes
/// to the previous hook.
fn install_quiet_panic_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if cfg!(panic = "abort") || GUARD_DEPTH.with(Cell::get) == 0 {
                previous(info);
            } else {
                let location = info.location().map(|l| format!("{}:{}", l.file(), l.line()));
                PANIC_LOCATION.with(|p| *p.borrow_mut() = location);
            }
        }));
    });
}

/// Marks the current thread as inside [`guarded`] while alive, also when unwinding.
struct GuardDepth;

impl GuardDepth {
    fn enter() -> Self {
        GUARD_DEPTH.with(|d| d.set(d.get() + 1));
        GuardDepth
    }
}

impl Drop for GuardDepth {
    fn drop(&mut self) {
        GUARD_DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// Runs `f`, turning a panic into [`Error::Panicked`] with the panic's message and where it
/// was raised. The panic prints nothing (no message, no backtrace): the error's text says it.
pub(crate) fn guarded<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    install_quiet_panic_hook();
    let depth = GuardDepth::enter();
    let caught = catch_unwind(AssertUnwindSafe(f));
    drop(depth);
    caught.unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".into());
        match PANIC_LOCATION.with(|p| p.borrow_mut().take()) {
            Some(location) => Err(Error::Panicked(format!("{message} (at {location})"))),
            None => Err(Error::Panicked(message)),
        }
    })
}

/// Runs `task(i)` for `i` in `0..n`, results in index order: on the calling thread, in index
/// order, when `n_jobs <= 1`; otherwise on a pool of `n_jobs` threads built for the call.
pub(crate) fn run_parallel<T: Send>(
    n: usize,
    n_jobs: usize,
    task: impl Fn(usize) -> T + Send + Sync,
) -> Result<Vec<T>> {
    if n_jobs <= 1 {
        return Ok((0..n).map(task).collect());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(n_jobs)
        .build()
        .map_err(|e| Error::invalid("n_jobs", format!("cannot start {n_jobs} threads: {e}")))?;
    Ok(pool.install(|| (0..n).into_par_iter().with_max_len(1).map(task).collect()))
}
