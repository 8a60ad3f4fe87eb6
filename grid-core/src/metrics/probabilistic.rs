//! Metrics of predicted class probabilities: log loss.

use ndarray::ArrayView2;

use super::check::{self, metric_error};
use crate::error::Result;

/// Rejects probabilities outside `[0, 1]`, as scikit-learn does (the first offending value is named).
pub(crate) fn check_unit_interval(metric: &str, proba: &ArrayView2<'_, f32>) -> Result<()> {
    match proba.indexed_iter().find(|(_, &p)| !(0.0..=1.0).contains(&p)) {
        Some(((row, column), value)) => Err(metric_error(
            metric,
            format!("proba holds {value} at row {row}, column {column}: probabilities must lie in [0, 1]"),
        )),
        None => Ok(()),
    }
}

/// Mean cross-entropy `-ln p(true class)`, as scikit-learn's `log_loss(y_true, proba,
/// labels=range(n_classes))` (lower is better).
///
/// As scikit-learn 1.9 does, probabilities are clipped to `[eps, 1 - eps]` with `eps` the machine
/// epsilon of their type (here `f32::EPSILON`, as for the `float32` output of a network) and rows
/// are *not* renormalised (scikit-learn only warns when they do not sum to one). The logarithms
/// and the mean are computed in `f64`, where scikit-learn stays in `float32`; the results agree
/// to float32 precision, and exactly with scikit-learn on the same clipped values as `float64`.
///
/// # Errors
/// [`Error::Metric`](crate::Error::Metric) when `y_true` is empty, holds an index not below
/// `n_classes`, when `n_classes < 2`, when `proba` is not `y_true.len() x n_classes` or holds a
/// value that is non-finite or outside `[0, 1]`.
///
/// ```
/// use grid_core::metrics::log_loss;
/// let proba = ndarray::array![[0.9_f32, 0.1], [0.2, 0.8]];
/// let loss = log_loss(&[0, 1], proba.view(), 2).unwrap();
/// let expected = -(0.9_f32 as f64).ln() / 2.0 - (0.8_f32 as f64).ln() / 2.0;
/// assert!((loss - expected).abs() < 1e-12);
/// ```
pub fn log_loss(y_true: &[usize], proba: ArrayView2<'_, f32>, n_classes: usize) -> Result<f64> {
    const METRIC: &str = "log_loss";
    if n_classes < 2 {
        return Err(metric_error(METRIC, format!("needs at least two classes, got {n_classes}")));
    }
    check::proba(METRIC, y_true, &proba, n_classes)?;
    check_unit_interval(METRIC, &proba)?;
    let eps = f64::from(f32::EPSILON);
    let total: f64 = y_true
        .iter()
        .zip(proba.rows())
        .map(|(&label, row)| -f64::from(row[label]).clamp(eps, 1.0 - eps).ln())
        .sum();
    Ok(total / y_true.len() as f64)
}
