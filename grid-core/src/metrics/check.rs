//! Input checks shared by the metric functions: every failure is an [`Error::Metric`] naming the
//! metric and the input at fault.

use ndarray::ArrayView2;

use crate::error::{Error, Result};

/// Builds an [`Error::Metric`].
pub(crate) fn metric_error(metric: &str, reason: impl Into<String>) -> Error {
    Error::Metric { metric: metric.to_string(), reason: reason.into() }
}

/// Real-valued targets: same shape, at least one sample and one output, all finite.
pub(crate) fn values(metric: &str, y_true: &ArrayView2<'_, f64>, y_pred: &ArrayView2<'_, f64>) -> Result<()> {
    if y_true.dim() != y_pred.dim() {
        return Err(metric_error(
            metric,
            format!(
                "y_true is {} x {} but y_pred is {} x {} (samples x outputs must agree)",
                y_true.nrows(),
                y_true.ncols(),
                y_pred.nrows(),
                y_pred.ncols()
            ),
        ));
    }
    if y_true.nrows() == 0 {
        return Err(metric_error(metric, "y_true and y_pred are empty (no samples)"));
    }
    if y_true.ncols() == 0 {
        return Err(metric_error(metric, "y_true and y_pred have no output columns"));
    }
    finite(metric, "y_true", y_true)?;
    finite(metric, "y_pred", y_pred)
}

fn finite(metric: &str, what: &str, array: &ArrayView2<'_, f64>) -> Result<()> {
    match array.indexed_iter().find(|(_, v)| !v.is_finite()) {
        Some(((row, column), value)) => Err(metric_error(
            metric,
            format!("{what} holds a non-finite value ({value}) at row {row}, column {column}"),
        )),
        None => Ok(()),
    }
}

/// Class indices: at least one sample, every index below `n_classes`.
pub(crate) fn labels(metric: &str, what: &str, labels: &[usize], n_classes: usize) -> Result<()> {
    if labels.is_empty() {
        return Err(metric_error(metric, format!("{what} is empty (no samples)")));
    }
    if let Some((row, &label)) = labels.iter().enumerate().find(|(_, &l)| l >= n_classes) {
        return Err(metric_error(
            metric,
            format!("{what} holds class index {label} at row {row}, but there are only {n_classes} classes"),
        ));
    }
    Ok(())
}

/// True and predicted class indices of equal, non-zero length, all below `n_classes`.
pub(crate) fn label_pair(metric: &str, y_true: &[usize], y_pred: &[usize], n_classes: usize) -> Result<()> {
    if y_true.len() != y_pred.len() {
        return Err(metric_error(
            metric,
            format!("y_true has {} samples but y_pred has {}", y_true.len(), y_pred.len()),
        ));
    }
    labels(metric, "y_true", y_true, n_classes)?;
    labels(metric, "y_pred", y_pred, n_classes)
}

/// Class probabilities: one row per sample of `y_true`, one column per class, all finite.
pub(crate) fn proba(
    metric: &str,
    y_true: &[usize],
    proba: &ArrayView2<'_, f32>,
    n_classes: usize,
) -> Result<()> {
    labels(metric, "y_true", y_true, n_classes)?;
    if proba.nrows() != y_true.len() {
        return Err(metric_error(
            metric,
            format!("proba has {} rows but y_true has {} samples", proba.nrows(), y_true.len()),
        ));
    }
    if proba.ncols() != n_classes {
        return Err(metric_error(
            metric,
            format!("proba has {} columns but there are {n_classes} classes", proba.ncols()),
        ));
    }
    if let Some(((row, column), value)) = proba.indexed_iter().find(|(_, v)| !v.is_finite()) {
        return Err(metric_error(
            metric,
            format!("proba holds a non-finite value ({value}) at row {row}, column {column}"),
        ));
    }
    Ok(())
}
