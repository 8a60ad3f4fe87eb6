//! scikit-learn's cross-validation functions, on the same engine as the search:
//! `cross_validate`, `cross_val_score`, `cross_val_predict`, `validation_curve`.

use ndarray::Array2;

use super::engine::{guarded, run_parallel, Engine, EngineSettings};
use super::options::FitOptions;
use super::settings::{Cv, Refit, Scorers};
use super::GridSearchCV;
use crate::data::Target;
use crate::error::{Error, Result};
use crate::estimator::{Estimator, Predictor};
use crate::grid::{ParamGrid, Params};
use crate::results::CandidateResult;

/// Scores one candidate on every split (scikit-learn's `cross_validate`), with train scores.
/// Failed fits score NaN with a warning, as there.
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
pub fn cross_validate<E, P, Y>(
    estimator: &E,
    params: P,
    x: &Array2<f32>,
    y: &Y,
    cv: impl Into<Cv>,
    scoring: impl Into<Scorers>,
) -> Result<CandidateResult<P>>
where
    P: Params,
    Y: Target,
    E: Estimator<P, Y>,
{
    let search = GridSearchCV::new(estimator, vec![params])
        .cv(cv)
        .scoring(scoring)
        .refit(false)
        .return_train_score(true);
    let mut results = search.fit(x, y)?.cv_results;
    Ok(results.candidates.remove(0))
}

/// The default score of one candidate on each split (scikit-learn's `cross_val_score`).
///
/// ```
/// use grid_core::estimator::{DummyRegressor, Strategy};
/// let x = ndarray::Array2::<f32>::zeros((6, 1));
/// let y = ndarray::array![1.0_f32, 3.0, 1.0, 3.0, 1.0, 3.0];
/// let r2 = grid_core::search::cross_val_score(&DummyRegressor, Strategy::Constant(2.0), &x, &y, 3)?;
/// assert_eq!(r2, vec![0.0, 0.0, 0.0]); // predicting the mean scores R² = 0
/// # Ok::<(), grid_core::Error>(())
/// ```
pub fn cross_val_score<E, P, Y>(
    estimator: &E,
    params: P,
    x: &Array2<f32>,
    y: &Y,
    cv: impl Into<Cv>,
) -> Result<Vec<f64>>
where
    P: Params,
    Y: Target,
    E: Estimator<P, Y>,
{
    let row = cross_validate(estimator, params, x, y, cv, Scorers::default())?;
    Ok(row.test.into_iter().next().map(|s| s.splits).unwrap_or_default())
}

/// Out-of-fold predictions: each row predicted by the model fitted without its fold
/// (scikit-learn's `cross_val_predict`). The test folds must partition the rows.
///
/// ```
/// use grid_core::estimator::{DummyRegressor, Strategy};
/// let x = ndarray::Array2::<f32>::zeros((4, 1));
/// let y = ndarray::array![0.0_f32, 2.0, 4.0, 6.0];
/// let pred = grid_core::search::cross_val_predict(&DummyRegressor, Strategy::Mean, &x, &y, 2)?;
/// assert_eq!(pred, ndarray::array![5.0_f32, 5.0, 1.0, 1.0]);
/// # Ok::<(), grid_core::Error>(())
/// ```
pub fn cross_val_predict<E, P, Y>(
    estimator: &E,
    params: P,
    x: &Array2<f32>,
    y: &Y,
    cv: impl Into<Cv>,
) -> Result<Y>
where
    P: Params,
    Y: Target,
    E: Estimator<P, Y>,
{
    let cv = cv.into();
    let resolved = cv.resolve(estimator.task());
    let settings = EngineSettings {
        splitter: resolved.splitter(),
        scorers: Vec::new(),
        seed: 0,
        return_train_score: false,
        error_value: f64::NAN,
    };
    let (engine, _) = Engine::prepare(x, y, &FitOptions::new(), settings)?;
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
    let n_jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let parts = run_parallel(engine.folds.len(), n_jobs, |k| {
        engine
            .fit_fold(estimator, &params, 0, k)
            .and_then(|model| guarded(|| model.predict(engine.test_x(k))))
    })?
    .into_iter()
    .collect::<Result<Vec<Y>>>()?;
    let order: Vec<usize> = engine.folds.iter().flat_map(|f| f.split.test.iter().copied()).collect();
    let mut position = vec![0; order.len()];
    for (p, &row) in order.iter().enumerate() {
        position[row] = p;
    }
    Ok(Y::concat(&parts)?.select(&position))
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
/// `scoring` (the estimator's default when empty).
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
pub fn validation_curve<E, G, Y>(
    estimator: &E,
    grid: G,
    x: &Array2<f32>,
    y: &Y,
    cv: impl Into<Cv>,
    scoring: impl Into<Scorers>,
) -> Result<ValidationCurve<G::Params>>
where
    G: ParamGrid,
    Y: Target,
    E: Estimator<G::Params, Y>,
{
    let search =
        GridSearchCV::new(estimator, grid).cv(cv).scoring(scoring).refit(Refit::No).return_train_score(true);
    let results = search.fit(x, y)?.cv_results;
    let mut curve = ValidationCurve { params: Vec::new(), train_scores: Vec::new(), test_scores: Vec::new() };
    for row in results.candidates {
        curve.test_scores.push(row.test[0].splits.clone());
        curve.train_scores.push(row.train.map(|t| t[0].splits.clone()).unwrap_or_default());
        curve.params.push(row.params);
    }
    Ok(curve)
}
