//! The result of a search: best candidate, refitted model, `cv_results`.

use ndarray::Array2;

use super::refit::NoModel;
use crate::data::Target;
use crate::error::{Error, Result};
use crate::estimator::Predictor;
use crate::grid::Params;
use crate::input::{IntoFeatures, IntoTarget};
use crate::metrics::{Evaluation, Scoring};
use crate::results::CvResults;
use crate::split::Split;

/// A finished search, as scikit-learn's fitted `GridSearchCV`: the best candidate by the refit
/// metric, the model refitted on all the data with it, and every candidate's results.
///
/// ```
/// use grid_core::estimator::{DummyRegressor, Strategy};
/// use grid_core::metrics::Scoring;
/// use grid_core::search::GridSearchCV;
/// let x = ndarray::Array2::<f32>::zeros((6, 1));
/// let y = ndarray::array![1.0_f32, 2.0, 3.0, 1.0, 2.0, 9.0];
/// let grid = vec![Strategy::Mean, Strategy::Median, Strategy::Constant(0.0)];
/// let search = GridSearchCV::new(DummyRegressor, grid)
///     .cv(3)
///     .scoring(Scoring::NegMeanAbsoluteError)
///     .verbose(0)
///     .fit(&x, &y)?;
/// assert_eq!(*search.best_params(), Strategy::Median);       // robust to the outlier
/// assert_eq!(search.best_index(), 1);
/// assert_eq!(search.splits().len(), 3);
/// assert!(search.best_score() > search.cv_results().candidates[2].mean_test_score());
/// assert_eq!(search.best_estimator()?.0, 2.0);                // refitted on all six rows
/// assert_eq!(search.predict(x.view())?, ndarray::Array1::from_elem(6, 2.0_f32));
/// assert!(search.warnings().is_empty());
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Debug)]
pub struct FittedSearch<P, M, Y: Target> {
    pub(crate) cv_results: CvResults<P>,
    pub(crate) best_index: usize,
    pub(crate) refit_metric: usize,
    pub(crate) scorer: Scoring,
    pub(crate) best_estimator: std::result::Result<M, NoModel>,
    pub(crate) refit_time: f64,
    pub(crate) refit_train_score: Option<f64>,
    pub(crate) warnings: Vec<String>,
    pub(crate) splits: Vec<Split>,
    /// The classes of the data the search ran on (scikit-learn's `classes_`).
    pub(crate) classes: Y::Classes,
}

impl<P: Params, M: Predictor<Y>, Y: Target> FittedSearch<P, M, Y> {
    /// The best candidate's parameters (the typed struct).
    pub fn best_params(&self) -> &P {
        &self.cv_results.candidates[self.best_index].params
    }

    /// The best candidate's mean test score for the refit metric.
    pub fn best_score(&self) -> f64 {
        self.cv_results.candidates[self.best_index].test[self.refit_metric].mean
    }

    /// The best candidate's index in the grid (the first of those ranked 1).
    pub fn best_index(&self) -> usize {
        self.best_index
    }

    /// The best candidate refitted on all the data. An error if the search ran with
    /// `refit(false)`, if the refit failed ([`Error::RefitFailed`](crate::Error::RefitFailed), with its cause: the
    /// cross-validation results are kept), or if no candidate succeeded on every split
    /// ([`Error::NoCompleteCandidate`](crate::Error::NoCompleteCandidate)).
    pub fn best_estimator(&self) -> Result<&M> {
        self.best_estimator.as_ref().map_err(NoModel::error)
    }

    /// Takes the refitted model out of the search (the errors of
    /// [`best_estimator`](Self::best_estimator)).
    pub fn into_best_estimator(self) -> Result<M> {
        self.best_estimator.map_err(|e| e.error())
    }

    /// The refitted model's score of the refit metric on all the data it was refitted on, to
    /// compare with the best candidate's train scores in cross-validation (a refit clearly
    /// below them is a warning). `None` without a refitted model or when it cannot be scored.
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// use grid_core::search::GridSearchCV;
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![1.0_f32, 2.0, 3.0, 4.0]);
    /// let search = GridSearchCV::new(DummyRegressor, vec![Strategy::Mean]).cv(2).verbose(0).fit(&x, &y)?;
    /// assert_eq!(search.refit_train_score(), Some(0.0)); // the mean of y has R² 0 on y
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn refit_train_score(&self) -> Option<f64> {
        self.refit_train_score
    }

    /// Every candidate's results.
    pub fn cv_results(&self) -> &CvResults<P> {
        &self.cv_results
    }

    /// Seconds spent refitting the best candidate.
    pub fn refit_time(&self) -> f64 {
        self.refit_time
    }

    /// Warnings of the search (small classes, one line per candidate with failed fits, non-finite
    /// scores, a failed refit or one that trained clearly worse than its folds), in that order.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The splits every candidate was evaluated on.
    pub fn splits(&self) -> &[Split] {
        &self.splits
    }

    /// Predictions of the refitted best model, for `x` owned, a reference or a view, `f32` or
    /// `f64`.
    pub fn predict<'x>(&self, x: impl IntoFeatures<'x>) -> Result<Y> {
        Predictor::predict(self.best_estimator()?, x.into_features().view())
    }

    /// Class probabilities of the refitted best model (scikit-learn's `predict_proba`),
    /// `n_samples x n_classes`, columns in the order of [`classes`](Self::classes); an error
    /// for an estimator without probabilities (a regressor).
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// use grid_core::search::GridSearchCV;
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![1.0_f32, 2.0, 3.0, 4.0]);
    /// let search = GridSearchCV::new(DummyRegressor, vec![Strategy::Mean]).cv(2).verbose(0).fit(&x, &y)?;
    /// assert!(search.predict_proba(&x).unwrap_err().to_string().contains("no class probabilities"));
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn predict_proba<'x>(&self, x: impl IntoFeatures<'x>) -> Result<Array2<f32>> {
        Predictor::predict_proba(self.best_estimator()?, x.into_features().view())?.ok_or_else(|| {
            Error::invalid(
                "predict_proba",
                "the best estimator has no class probabilities (it is not a classifier)",
            )
        })
    }

    /// The classes of the data the search was fitted on (scikit-learn's `classes_`), in sorted
    /// order: the columns of `predict_proba`. `()` for real-valued targets.
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// use grid_core::search::GridSearchCV;
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![1.0_f32, 2.0, 3.0, 4.0]);
    /// let search = GridSearchCV::new(DummyRegressor, vec![Strategy::Mean]).cv(2).verbose(0).fit(&x, &y)?;
    /// assert_eq!(search.classes(), &());
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn classes(&self) -> &Y::Classes {
        &self.classes
    }

    /// The refit metric's score of the refitted best model on `x`, `y` (scikit-learn's
    /// `GridSearchCV.score`). Labels are numbered by the classes the search was fitted on, as
    /// the search scores its splits, so a probability scorer reads `predict_proba`'s columns
    /// right even when `y` lacks a class: `neg_log_loss` is `-log_loss(y, proba,
    /// labels=classes_)`, where scikit-learn's scorer, which takes the labels from `y`, refuses
    /// such a `y`. A label of `y` unknown to training counts as a wrong prediction, or is an
    /// error for a probability scorer (`predict_proba` has no column for it).
    pub fn score<'x>(&self, x: impl IntoFeatures<'x>, y: impl IntoTarget<'x, Y>) -> Result<f64> {
        let (x, y) = (x.into_features(), y.into_target());
        let (x, y) = (x.view(), y.as_ref());
        let model = self.best_estimator()?;
        let pred = model.predict(x)?;
        let proba = if self.scorer.needs_proba() { model.predict_proba(x)? } else { None };
        // With probabilities, only the training classes (the columns of `proba`) number the
        // labels: a label unknown to training is an error before any scorer (a user's closure
        // too) sees mismatched columns. Without, unknown labels are merely wrong predictions.
        let merged;
        let classes = if proba.is_some() {
            &self.classes
        } else {
            merged = Y::merge_classes(&self.classes, &Y::merge_classes(&y.classes(), &pred.classes()));
            &merged
        };
        let (y_true, y_pred) = (y.encode(classes)?, pred.encode(classes)?);
        self.scorer.score(&Evaluation {
            y_true: &y_true,
            y_pred: &y_pred,
            proba: proba.as_ref().map(|p| p.view()),
        })
    }
}
