//! scikit-learn's cross-validation functions, on the same engine as the search:
//! `cross_validate`, `cross_val_score`, `cross_val_predict`, `validation_curve`, as functions
//! with scikit-learn's defaults and as the methods of [`CrossValidation`], which takes every
//! setting of a search (threads, seed, verbosity, error score) and fit-time data.

use crate::input::{IntoFeatures, IntoTarget};

use super::driver::{run_cells, Cell};
use super::engine::{predicted, Engine, EngineSettings};
use super::grid_search::search;
use super::memory_plan::MemoryPlan;
use super::options::FitOptions;
use super::progress::Progress;
use super::settings::{Cv, ErrorScore, Refit, Scorers, SearchSettings};
use crate::data::Target;
use crate::error::{Error, Result};
use crate::estimator::{Estimator, Predictor};
use crate::grid::{ParamGrid, Params};
use crate::results::CandidateResult;

/// Cross-validation of one estimator with all the settings of a search: scikit-learn's
/// `cross_validate`, `cross_val_score`, `cross_val_predict` and `validation_curve`, each with a
/// `_with` variant taking [`FitOptions`] (groups for `GroupKFold`, validation data).
///
/// The defaults are those of [`GridSearchCV`](crate::search::GridSearchCV): 5 folds (stratified
/// for classifiers), the estimator's default score, all cores, seed 0, NaN for failed fits,
/// warnings and a progress bar on a terminal; [`validate`](Self::validate) returns no train
/// scores unless asked, as scikit-learn's `cross_validate`.
///
/// ```
/// use grid_core::estimator::{DummyRegressor, Strategy};
/// use grid_core::metrics::Scoring;
/// use grid_core::search::{CrossValidation, FitOptions};
/// use grid_core::split::GroupKFold;
/// let x = ndarray::Array2::<f32>::zeros((4, 1));
/// let y = ndarray::array![1.0_f32, 1.0, 3.0, 3.0];
/// let cv = CrossValidation::new(DummyRegressor)
///     .cv(GroupKFold::new(2))
///     .scoring(Scoring::NegMeanAbsoluteError)
///     .n_jobs(1)
///     .seed(7)
///     .verbose(0);
/// let groups = FitOptions::new().groups(&["a", "a", "b", "b"]);
/// let row = cv.validate_with(Strategy::Mean, &x, &y, groups)?;
/// assert_eq!(row.test[0].splits, vec![-2.0, -2.0]); // each group predicted by the other's mean
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Debug)]
pub struct CrossValidation<E> {
    estimator: E,
    settings: SearchSettings,
}

impl<E> CrossValidation<E> {
    /// Cross-validation of `estimator` with the defaults above.
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// let x = ndarray::Array2::<f32>::zeros((6, 1));
    /// let y = ndarray::array![1.0_f32, 3.0, 1.0, 3.0, 1.0, 3.0];
    /// let cv = grid_core::search::CrossValidation::new(DummyRegressor).cv(3).verbose(0);
    /// assert_eq!(cv.score(Strategy::Constant(2.0), &x, &y)?, vec![0.0, 0.0, 0.0]);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn new(estimator: E) -> Self {
        CrossValidation {
            estimator,
            settings: SearchSettings { refit: Refit::No, ..SearchSettings::default() },
        }
    }

    /// Folds (`3`) or a splitter (`KFold::new(5).shuffle(true)`).
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((6, 1)), ndarray::Array1::<f32>::zeros(6));
    /// let cv = grid_core::search::CrossValidation::new(DummyRegressor).cv(grid_core::split::KFold::new(2));
    /// assert_eq!(cv.verbose(0).validate(Strategy::Mean, &x, &y)?.test[0].splits.len(), 2);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn cv(mut self, cv: impl Into<Cv>) -> Self {
        self.settings.cv = cv.into();
        self
    }

    /// One scorer or several; [`score`](Self::score) and [`curve`](Self::curve) report the first.
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// use grid_core::metrics::Scoring;
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![0.0_f32, 0.0, 2.0, 2.0]);
    /// let cv = grid_core::search::CrossValidation::new(DummyRegressor).cv(2).verbose(0);
    /// let row = cv.scoring([Scoring::NegMeanAbsoluteError, Scoring::NegMeanSquaredError])
    ///     .validate(Strategy::Constant(1.0), &x, &y)?;
    /// assert_eq!((row.test[0].mean, row.test[1].mean), (-1.0, -1.0));
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn scoring(mut self, scoring: impl Into<Scorers>) -> Self {
        self.settings.scorers = scoring.into();
        self
    }

    /// Number of fits run at once (default: all cores); results do not depend on it.
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((6, 1)), ndarray::array![1.0_f32, 2.0, 3.0, 4.0, 5.0, 6.0]);
    /// let cv = |n| grid_core::search::CrossValidation::new(DummyRegressor).cv(3).n_jobs(n).verbose(0);
    /// assert_eq!(cv(1).predict(Strategy::Mean, &x, &y)?, cv(2).predict(Strategy::Mean, &x, &y)?);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn n_jobs(mut self, n_jobs: usize) -> Self {
        self.settings.n_jobs = Some(n_jobs);
        self
    }

    /// The seed every fit's seed derives from (with its candidate and split), and the seed of
    /// shuffled splitters (default 0).
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// use grid_core::split::KFold;
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((6, 1)), ndarray::array![1.0_f32, 2.0, 3.0, 4.0, 5.0, 6.0]);
    /// let cv = |seed| grid_core::search::CrossValidation::new(DummyRegressor)
    ///     .cv(KFold::new(3).shuffle(true)).seed(seed).verbose(0);
    /// assert_eq!(cv(1).predict(Strategy::Mean, &x, &y)?, cv(1).predict(Strategy::Mean, &x, &y)?);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn seed(mut self, seed: u64) -> Self {
        self.settings.seed = seed;
        self
    }

    /// 0: silent; 1 (default): warnings, and a progress bar when stderr is a terminal.
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![1.0_f32, 2.0, 3.0, 4.0]);
    /// let quiet = grid_core::search::CrossValidation::new(DummyRegressor).cv(2).verbose(0);
    /// assert_eq!(quiet.score(Strategy::Mean, &x, &y)?.len(), 2);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn verbose(mut self, level: u8) -> Self {
        self.settings.verbose = level;
        self
    }

    /// What a failed fit scores: NaN (default), a value, or `Raise` to return the first
    /// failure's error (scikit-learn's `error_score`). [`predict`](Self::predict) always
    /// returns a failure's error.
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// use grid_core::search::ErrorScore;
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![1.0_f32, 2.0, 3.0, 4.0]);
    /// let cv = grid_core::search::CrossValidation::new(DummyRegressor).cv(2).verbose(0);
    /// assert!(cv.error_score(ErrorScore::Raise).score(Strategy::Mean, &x, &y).is_ok());
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn error_score(mut self, error_score: ErrorScore) -> Self {
        self.settings.error_score = error_score;
        self
    }

    /// Also score each fit on its training rows in [`validate`](Self::validate) (default
    /// `false`, as scikit-learn's `cross_validate`; [`curve`](Self::curve) always does).
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![1.0_f32, 2.0, 3.0, 4.0]);
    /// let cv = grid_core::search::CrossValidation::new(DummyRegressor).cv(2).verbose(0);
    /// assert!(cv.validate(Strategy::Mean, &x, &y)?.train.is_none());
    /// let cv = cv.return_train_score(true);
    /// assert!(cv.validate(Strategy::Mean, &x, &y)?.train.is_some());
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn return_train_score(mut self, yes: bool) -> Self {
        self.settings.return_train_score = yes;
        self
    }

    /// The memory, in bytes, the fits may use at once (default: `MemAvailable` of
    /// `/proc/meminfo`), as [`GridSearchCV::memory_limit`](crate::search::GridSearchCV::memory_limit):
    /// fewer fits at once, or [`Error::OutOfMemory`] for a fit too large to run alone.
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![1.0_f32, 2.0, 3.0, 4.0]);
    /// let cv = grid_core::search::CrossValidation::new(DummyRegressor).cv(2).memory_limit(1 << 30).verbose(0);
    /// assert_eq!(cv.score(Strategy::Mean, &x, &y)?.len(), 2);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn memory_limit(mut self, bytes: u64) -> Self {
        self.settings.memory_limit = Some(bytes);
        self
    }

    /// Scores `params` on every split (scikit-learn's `cross_validate`): per-split test scores
    /// of every scorer, their mean and std, fit and score times, and the failures.
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// use grid_core::metrics::Scoring;
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![1.0_f32, 1.0, 3.0, 3.0]);
    /// let cv = grid_core::search::CrossValidation::new(DummyRegressor).cv(2).verbose(0);
    /// let row = cv.scoring(Scoring::NegMeanAbsoluteError).validate(Strategy::Constant(2.0), &x, &y)?;
    /// assert_eq!(row.test[0].splits, vec![-1.0, -1.0]);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn validate<'d, P, Y>(
        &self,
        params: P,
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
    ) -> Result<CandidateResult<P>>
    where
        P: Params,
        Y: Target,
        E: Estimator<P, Y>,
    {
        self.validate_with(params, x, y, FitOptions::new())
    }

    /// [`validate`](Self::validate) with fit-time data (groups, validation data).
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// use grid_core::search::{CrossValidation, FitOptions};
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![1.0_f32, 1.0, 3.0, 3.0]);
    /// let cv = CrossValidation::new(DummyRegressor).cv(grid_core::split::GroupKFold::new(2)).verbose(0);
    /// let row = cv.validate_with(Strategy::Mean, &x, &y, FitOptions::new().groups(&[1, 1, 2, 2]))?;
    /// assert_eq!(row.test[0].splits.len(), 2);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn validate_with<'d, P, Y>(
        &self,
        params: P,
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
        options: FitOptions<'d, Y>,
    ) -> Result<CandidateResult<P>>
    where
        P: Params,
        Y: Target,
        E: Estimator<P, Y>,
    {
        let (x, y) = (x.into_features(), y.into_target());
        let settings = &self.settings;
        let mut results = search(
            &self.estimator,
            &vec![params],
            settings,
            settings.return_train_score,
            x.view(),
            y.as_ref(),
            options,
        )?
        .cv_results;
        Ok(results.candidates.remove(0))
    }

    /// The first scorer's test score of `params` on each split (scikit-learn's
    /// `cross_val_score`).
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((6, 1)), ndarray::array![1.0_f32, 3.0, 1.0, 3.0, 1.0, 3.0]);
    /// let cv = grid_core::search::CrossValidation::new(DummyRegressor).cv(3).verbose(0);
    /// assert_eq!(cv.score(Strategy::Constant(2.0), &x, &y)?, vec![0.0, 0.0, 0.0]); // R² = 0
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn score<'d, P, Y>(
        &self,
        params: P,
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
    ) -> Result<Vec<f64>>
    where
        P: Params,
        Y: Target,
        E: Estimator<P, Y>,
    {
        self.score_with(params, x, y, FitOptions::new())
    }

    /// [`score`](Self::score) with fit-time data (groups, validation data).
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// use grid_core::search::{CrossValidation, FitOptions};
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![1.0_f32, 1.0, 3.0, 3.0]);
    /// let cv = CrossValidation::new(DummyRegressor).cv(grid_core::split::GroupKFold::new(2)).verbose(0);
    /// let r2 = cv.score_with(Strategy::Mean, &x, &y, FitOptions::new().groups(&[1, 1, 2, 2]))?;
    /// assert_eq!(r2.len(), 2);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn score_with<'d, P, Y>(
        &self,
        params: P,
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
        options: FitOptions<'d, Y>,
    ) -> Result<Vec<f64>>
    where
        P: Params,
        Y: Target,
        E: Estimator<P, Y>,
    {
        let row = self.validate_with(params, x, y, options)?;
        Ok(row.test.into_iter().next().map(|s| s.splits).unwrap_or_default())
    }

    /// Out-of-fold predictions: each row predicted by the model fitted without its fold
    /// (scikit-learn's `cross_val_predict`). The test folds must partition the rows; a failed
    /// fit is an error.
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![0.0_f32, 2.0, 4.0, 6.0]);
    /// let cv = grid_core::search::CrossValidation::new(DummyRegressor).cv(2).verbose(0);
    /// assert_eq!(cv.predict(Strategy::Mean, &x, &y)?, ndarray::array![5.0_f32, 5.0, 1.0, 1.0]);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn predict<'d, P, Y>(
        &self,
        params: P,
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
    ) -> Result<Y>
    where
        P: Params,
        Y: Target,
        E: Estimator<P, Y>,
    {
        self.predict_with(params, x, y, FitOptions::new())
    }

    /// [`predict`](Self::predict) with fit-time data (groups, validation data).
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// use grid_core::search::{CrossValidation, FitOptions};
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![0.0_f32, 2.0, 4.0, 6.0]);
    /// let cv = CrossValidation::new(DummyRegressor).cv(grid_core::split::GroupKFold::new(2)).verbose(0);
    /// let pred = cv.predict_with(Strategy::Mean, &x, &y, FitOptions::new().groups(&[0, 0, 1, 1]))?;
    /// assert_eq!(pred, ndarray::array![5.0_f32, 5.0, 1.0, 1.0]);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn predict_with<'d, P, Y>(
        &self,
        params: P,
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
        options: FitOptions<'d, Y>,
    ) -> Result<Y>
    where
        P: Params,
        Y: Target,
        E: Estimator<P, Y>,
    {
        let n_jobs = self.settings.threads()?;
        let task = self.estimator.task();
        let resolved = self.settings.cv.resolve(task);
        let settings = EngineSettings {
            splitter: resolved.splitter(),
            scorers: Vec::new(),
            seed: self.settings.seed,
            return_train_score: false,
            train_scores_for_refit: false,
            error_value: f64::NAN,
            allow_missing: self.estimator.allows_missing(),
        };
        let (x, y) = (x.into_features(), y.into_target());
        let (engine, mut warnings) = Engine::prepare(x.view(), y.as_ref(), &options, settings)?;
        let mut seen = vec![false; x.nrows()];
        for fold in &engine.folds {
            for &i in &fold.split.test {
                if std::mem::replace(&mut seen[i], true) {
                    return Err(Error::invalid(
                        "cv",
                        format!("row {i} is in several test folds: not a partition"),
                    ));
                }
            }
        }
        if let Some(i) = seen.iter().position(|s| !s) {
            return Err(Error::invalid("cv", format!("row {i} is in no test fold: not a partition")));
        }
        let n_splits = engine.folds.len();
        let memory = MemoryPlan::new(n_splits, n_jobs, self.settings.memory_available(), |k| {
            engine.memory_estimate(&self.estimator, &params, Some(k))
        });
        warnings.extend(memory.warning(n_jobs));
        let progress = Progress::new(1, n_splits, 0, self.settings.verbose);
        for w in &warnings {
            progress.warn(w);
        }
        let plan: Vec<Cell> = (0..n_splits).map(|split| Cell { candidate: 0, split }).collect();
        let parts = run_cells(
            &plan,
            memory.n_jobs,
            true,
            |cell| {
                let part = memory
                    .check_task(cell.split)
                    .and_then(|()| engine.fit_fold(&self.estimator, &params, 0, cell.split))
                    .and_then(|model| predicted(|| model.predict(engine.test_x(cell.split).view())));
                progress.fit_done(0, &[]);
                part
            },
            Result::is_err,
        );
        progress.finish();
        // Under `stop_at_failure`, a skipped split follows a failed one, whose error comes first.
        let parts = parts?
            .into_iter()
            .enumerate()
            .map_while(|(split, part)| part.map(|p| (split, p)))
            .map(|(split, part)| {
                part.map_err(|e| Error::CandidateFailed {
                    candidate: 0,
                    params: params.to_string(),
                    split,
                    source: Box::new(e),
                })
            })
            .collect::<Result<Vec<Y>>>()?;
        let order: Vec<usize> = engine.folds.iter().flat_map(|f| f.split.test.iter().copied()).collect();
        let mut position = vec![0; order.len()];
        for (p, &row) in order.iter().enumerate() {
            position[row] = p;
        }
        Ok(Y::concat(&parts)?.select(&position))
    }

    /// Fits every candidate of `grid` on every split and returns the train and test scores of
    /// the first scorer (scikit-learn's `validation_curve`, for a grid of one axis or more).
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// use grid_core::metrics::Scoring;
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![1.0_f32, 1.0, 1.0, 1.0]);
    /// let cv = grid_core::search::CrossValidation::new(DummyRegressor).cv(2).verbose(0);
    /// let grid = vec![Strategy::Constant(0.0), Strategy::Constant(1.0)];
    /// let curve = cv.scoring(Scoring::NegMeanAbsoluteError).curve(grid, &x, &y)?;
    /// assert_eq!(curve.test_scores, vec![vec![-1.0, -1.0], vec![0.0, 0.0]]);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn curve<'d, G, Y>(
        &self,
        grid: G,
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
    ) -> Result<ValidationCurve<G::Params>>
    where
        G: ParamGrid,
        Y: Target,
        E: Estimator<G::Params, Y>,
    {
        self.curve_with(grid, x, y, FitOptions::new())
    }

    /// [`curve`](Self::curve) with fit-time data (groups, validation data).
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// use grid_core::search::{CrossValidation, FitOptions};
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![1.0_f32, 1.0, 3.0, 3.0]);
    /// let cv = CrossValidation::new(DummyRegressor).cv(grid_core::split::GroupKFold::new(2)).verbose(0);
    /// let groups = FitOptions::new().groups(&["a", "a", "b", "b"]);
    /// let curve = cv.curve_with(vec![Strategy::Mean, Strategy::Median], &x, &y, groups)?;
    /// assert_eq!(curve.train_scores[0], vec![1.0, 1.0]); // the mean is perfect on constant training rows
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn curve_with<'d, G, Y>(
        &self,
        grid: G,
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
        options: FitOptions<'d, Y>,
    ) -> Result<ValidationCurve<G::Params>>
    where
        G: ParamGrid,
        Y: Target,
        E: Estimator<G::Params, Y>,
    {
        let (x, y) = (x.into_features(), y.into_target());
        let results =
            search(&self.estimator, &grid, &self.settings, true, x.view(), y.as_ref(), options)?.cv_results;
        let mut curve =
            ValidationCurve { params: Vec::new(), train_scores: Vec::new(), test_scores: Vec::new() };
        for row in results.candidates {
            curve.test_scores.push(row.test[0].splits.clone());
            curve.train_scores.push(row.train.map(|t| t[0].splits.clone()).unwrap_or_default());
            curve.params.push(row.params);
        }
        Ok(curve)
    }
}

/// Scores one candidate on every split (scikit-learn's `cross_validate`), with train scores.
/// Failed fits score NaN with a warning, as there. Runs on all cores with seed 0 and warnings
/// on; [`CrossValidation::validate`] takes every setting and fit-time data.
///
/// ```
/// use grid_core::estimator::{DummyRegressor, Strategy};
/// use grid_core::metrics::Scoring;
/// let x = ndarray::Array2::<f32>::zeros((4, 1));
/// let y = ndarray::array![1.0_f32, 1.0, 3.0, 3.0];
/// let row = grid_core::search::cross_validate(&DummyRegressor, Strategy::Constant(2.0), &x, &y, 2, Scoring::NegMeanAbsoluteError)?;
/// assert_eq!(row.test[0].splits, vec![-1.0, -1.0]);
/// # Ok::<(), grid_core::Error>(())
/// ```
pub fn cross_validate<'d, E, P, Y>(
    estimator: &E,
    params: P,
    x: impl IntoFeatures<'d>,
    y: impl IntoTarget<'d, Y>,
    cv: impl Into<Cv>,
    scoring: impl Into<Scorers>,
) -> Result<CandidateResult<P>>
where
    P: Params,
    Y: Target,
    E: Estimator<P, Y>,
{
    CrossValidation::new(estimator).cv(cv).scoring(scoring).return_train_score(true).validate(params, x, y)
}

/// The default score of one candidate on each split (scikit-learn's `cross_val_score`), with
/// [`CrossValidation`]'s defaults; [`CrossValidation::score`] takes every setting.
///
/// ```
/// use grid_core::estimator::{DummyRegressor, Strategy};
/// let x = ndarray::Array2::<f32>::zeros((6, 1));
/// let y = ndarray::array![1.0_f32, 3.0, 1.0, 3.0, 1.0, 3.0];
/// let r2 = grid_core::search::cross_val_score(&DummyRegressor, Strategy::Constant(2.0), &x, &y, 3)?;
/// assert_eq!(r2, vec![0.0, 0.0, 0.0]); // predicting the mean scores R² = 0
/// # Ok::<(), grid_core::Error>(())
/// ```
pub fn cross_val_score<'d, E, P, Y>(
    estimator: &E,
    params: P,
    x: impl IntoFeatures<'d>,
    y: impl IntoTarget<'d, Y>,
    cv: impl Into<Cv>,
) -> Result<Vec<f64>>
where
    P: Params,
    Y: Target,
    E: Estimator<P, Y>,
{
    CrossValidation::new(estimator).cv(cv).score(params, x, y)
}

/// Out-of-fold predictions: each row predicted by the model fitted without its fold
/// (scikit-learn's `cross_val_predict`). The test folds must partition the rows. Uses
/// [`CrossValidation`]'s defaults; [`CrossValidation::predict`] takes every setting.
///
/// ```
/// use grid_core::estimator::{DummyRegressor, Strategy};
/// let x = ndarray::Array2::<f32>::zeros((4, 1));
/// let y = ndarray::array![0.0_f32, 2.0, 4.0, 6.0];
/// let pred = grid_core::search::cross_val_predict(&DummyRegressor, Strategy::Mean, &x, &y, 2)?;
/// assert_eq!(pred, ndarray::array![5.0_f32, 5.0, 1.0, 1.0]);
/// # Ok::<(), grid_core::Error>(())
/// ```
pub fn cross_val_predict<'d, E, P, Y>(
    estimator: &E,
    params: P,
    x: impl IntoFeatures<'d>,
    y: impl IntoTarget<'d, Y>,
    cv: impl Into<Cv>,
) -> Result<Y>
where
    P: Params,
    Y: Target,
    E: Estimator<P, Y>,
{
    CrossValidation::new(estimator).cv(cv).predict(params, x, y)
}

/// Train and test scores of every candidate of a grid, split by split (scikit-learn's
/// `validation_curve`, for a grid of one axis or more).
#[derive(Clone, Debug, PartialEq)]
pub struct ValidationCurve<P> {
    /// The candidates, in grid order.
    pub params: Vec<P>,
    /// `train_scores[candidate][split]`.
    pub train_scores: Vec<Vec<f64>>,
    /// `test_scores[candidate][split]`.
    pub test_scores: Vec<Vec<f64>>,
}

/// Fits every candidate of `grid` on every split and returns the train and test scores of
/// `scoring` (the estimator's default when empty), with [`CrossValidation`]'s defaults;
/// [`CrossValidation::curve`] takes every setting.
///
/// ```
/// use grid_core::estimator::{DummyRegressor, Strategy};
/// use grid_core::metrics::Scoring;
/// let x = ndarray::Array2::<f32>::zeros((4, 1));
/// let y = ndarray::array![1.0_f32, 1.0, 1.0, 1.0];
/// let grid = vec![Strategy::Constant(0.0), Strategy::Constant(1.0)];
/// let curve = grid_core::search::validation_curve(&DummyRegressor, grid, &x, &y, 2, Scoring::NegMeanAbsoluteError)?;
/// assert_eq!(curve.test_scores, vec![vec![-1.0, -1.0], vec![0.0, 0.0]]);
/// # Ok::<(), grid_core::Error>(())
/// ```
pub fn validation_curve<'d, E, G, Y>(
    estimator: &E,
    grid: G,
    x: impl IntoFeatures<'d>,
    y: impl IntoTarget<'d, Y>,
    cv: impl Into<Cv>,
    scoring: impl Into<Scorers>,
) -> Result<ValidationCurve<G::Params>>
where
    G: ParamGrid,
    Y: Target,
    E: Estimator<G::Params, Y>,
{
    CrossValidation::new(estimator).cv(cv).scoring(scoring).curve(grid, x, y)
}
