//! [`Scoring::score`]: checks that an evaluation carries what the scorer reads, calls the metric
//! and applies scikit-learn's sign (errors negated, so greater is always better).

use ndarray::ArrayView2;

use super::check::metric_error;
use super::{
    accuracy, balanced_accuracy, f1, log_loss, mean_absolute_error, mean_squared_error, precision, r2_score,
    recall, roc_auc, root_mean_squared_error, Evaluation, Scoring,
};
use crate::data::Encoded;
use crate::error::{Error, Result};

/// Class indices and class count of a classification target.
type Labels<'a> = (&'a [usize], usize);

impl Scoring {
    /// Scores one evaluation; greater is better (error metrics come negated, as scikit-learn's
    /// `neg_*` scorers).
    ///
    /// Regression scorers read [`Encoded::Values`], classification scorers [`Encoded::Labels`];
    /// [`Scoring::NegLogLoss`], [`Scoring::RocAuc`], [`Scoring::RocAucOvr`] and scorers made by
    /// [`Scoring::custom_proba`] also read [`Evaluation::proba`]. See the metric functions of this
    /// module ([`mean_squared_error`], [`f1`], [`roc_auc`], ...) for the exact definitions.
    ///
    /// # Errors
    /// [`Error::Metric`] when the evaluation lacks what the scorer reads (the wrong kind of target,
    /// no probabilities) or the metric cannot be computed on it; [`Error::NonFiniteScore`] when the
    /// score (of a custom function, typically) is NaN or infinite.
    ///
    /// ```
    /// use grid_core::data::Encoded;
    /// use grid_core::metrics::{Evaluation, Scoring};
    /// let y_true = Encoded::Values(ndarray::array![[1.0], [2.0]]);
    /// let y_pred = Encoded::Values(ndarray::array![[1.5], [2.0]]);
    /// let eval = Evaluation { y_true: &y_true, y_pred: &y_pred, proba: None };
    /// assert_eq!(Scoring::NegMeanSquaredError.score(&eval).unwrap(), -0.125);
    /// assert!(Scoring::Accuracy.score(&eval).is_err());
    /// ```
    pub fn score(&self, eval: &Evaluation<'_>) -> Result<f64> {
        let score = match self {
            Scoring::NegMeanSquaredError => self.on_values(eval, mean_squared_error).map(|v| -v),
            Scoring::NegRootMeanSquaredError => self.on_values(eval, root_mean_squared_error).map(|v| -v),
            Scoring::NegMeanAbsoluteError => self.on_values(eval, mean_absolute_error).map(|v| -v),
            Scoring::R2 => self.on_values(eval, r2_score),
            Scoring::Accuracy => self.on_labels(eval, accuracy),
            Scoring::BalancedAccuracy => self.on_labels(eval, balanced_accuracy),
            Scoring::F1(a) => self.on_labels(eval, |t, p, n| f1(t, p, n, *a)),
            Scoring::Precision(a) => self.on_labels(eval, |t, p, n| precision(t, p, n, *a)),
            Scoring::Recall(a) => self.on_labels(eval, |t, p, n| recall(t, p, n, *a)),
            Scoring::NegLogLoss => self.on_proba(eval, log_loss).map(|v| -v),
            Scoring::RocAuc | Scoring::RocAucOvr => self.on_proba(eval, roc_auc),
            Scoring::Custom(c) => {
                if c.needs_proba && eval.proba.is_none() {
                    return Err(self.missing_proba());
                }
                Ok((c.func)(eval))
            }
        }?;
        if score.is_finite() {
            Ok(score)
        } else {
            Err(Error::NonFiniteScore { metric: self.name(), value: score })
        }
    }

    fn on_values(
        &self,
        eval: &Evaluation<'_>,
        metric: fn(ArrayView2<'_, f64>, ArrayView2<'_, f64>) -> Result<f64>,
    ) -> Result<f64> {
        metric(self.values("y_true", eval.y_true)?, self.values("y_pred", eval.y_pred)?)
    }

    fn values<'a>(&self, what: &str, y: &'a Encoded) -> Result<ArrayView2<'a, f64>> {
        match y {
            Encoded::Values(v) => Ok(v.view()),
            Encoded::Labels { .. } => Err(metric_error(
                &self.name(),
                format!("is a regression scorer but {what} holds class labels; it needs real values"),
            )),
        }
    }

    fn labels<'a>(&self, what: &str, y: &'a Encoded) -> Result<Labels<'a>> {
        match y {
            Encoded::Labels { labels, n_classes } => Ok((labels, *n_classes)),
            Encoded::Values(_) => Err(metric_error(
                &self.name(),
                format!("is a classification scorer but {what} holds real values; it needs class labels"),
            )),
        }
    }

    fn on_labels(
        &self,
        eval: &Evaluation<'_>,
        metric: impl Fn(&[usize], &[usize], usize) -> Result<f64>,
    ) -> Result<f64> {
        let (y_true, n_classes) = self.labels("y_true", eval.y_true)?;
        let (y_pred, n_pred) = self.labels("y_pred", eval.y_pred)?;
        if n_pred != n_classes {
            return Err(metric_error(
                &self.name(),
                format!("y_true is encoded with {n_classes} classes but y_pred with {n_pred}"),
            ));
        }
        metric(y_true, y_pred, n_classes)
    }

    fn on_proba(
        &self,
        eval: &Evaluation<'_>,
        metric: fn(&[usize], ArrayView2<'_, f32>, usize) -> Result<f64>,
    ) -> Result<f64> {
        let (y_true, n_classes) = self.labels("y_true", eval.y_true)?;
        let proba = eval.proba.ok_or_else(|| self.missing_proba())?;
        metric(y_true, proba, n_classes)
    }

    fn missing_proba(&self) -> Error {
        metric_error(&self.name(), "needs class probabilities, but the evaluation has none (proba is None)")
    }
}
