//! Classification metrics on class indices (`0..n_classes`), as scikit-learn computes them.

use super::check::{self, metric_error};
use super::Average;
use crate::error::Result;

/// Per-class tallies of one evaluation.
struct Counts {
    /// Samples of the class predicted as the class.
    hits: Vec<usize>,
    /// Samples predicted as the class.
    predicted: Vec<usize>,
    /// Samples of the class (the support).
    actual: Vec<usize>,
}

impl Counts {
    fn tally(y_true: &[usize], y_pred: &[usize], n_classes: usize) -> Counts {
        let mut counts =
            Counts { hits: vec![0; n_classes], predicted: vec![0; n_classes], actual: vec![0; n_classes] };
        for (&t, &p) in y_true.iter().zip(y_pred) {
            counts.actual[t] += 1;
            counts.predicted[p] += 1;
            if t == p {
                counts.hits[t] += 1;
            }
        }
        counts
    }
}

/// `num / den`, or 0 when `den` is 0 (scikit-learn's `zero_division="warn"` result).
fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// A per-class score `(hits, predicted, actual) -> score` averaged as scikit-learn does.
fn averaged(
    metric: &str,
    y_true: &[usize],
    y_pred: &[usize],
    n_classes: usize,
    average: Average,
    per_class: impl Fn(usize, usize, usize) -> f64,
) -> Result<f64> {
    check::label_pair(metric, y_true, y_pred, n_classes)?;
    let c = Counts::tally(y_true, y_pred, n_classes);
    let score = |k: usize| per_class(c.hits[k], c.predicted[k], c.actual[k]);
    match average {
        Average::Binary => {
            if n_classes > 2 {
                return Err(metric_error(
                    metric,
                    format!(
                        "average Binary needs at most 2 classes, got {n_classes}; \
                         use Average::Macro or Average::Weighted"
                    ),
                ));
            }
            // With fewer than two classes the positive class (index 1) is never seen: 0/0 -> 0.
            Ok(if n_classes == 2 { score(1) } else { 0.0 })
        }
        Average::Macro => {
            let present: Vec<usize> = (0..n_classes).filter(|&k| c.actual[k] + c.predicted[k] > 0).collect();
            Ok(present.iter().map(|&k| score(k)).sum::<f64>() / present.len() as f64)
        }
        Average::Weighted => {
            let total: usize = c.actual.iter().sum();
            Ok((0..n_classes).map(|k| score(k) * c.actual[k] as f64).sum::<f64>() / total as f64)
        }
    }
}

/// Fraction of samples predicted correctly, as scikit-learn's `accuracy_score`.
///
/// # Errors
/// [`Error::Metric`](crate::Error::Metric) when the lengths differ, the input is empty or a
/// class index is not below `n_classes`.
///
/// ```
/// use grid_core::metrics::accuracy;
/// assert_eq!(accuracy(&[0, 1, 2, 1], &[0, 2, 2, 1], 3).unwrap(), 0.75);
/// ```
pub fn accuracy(y_true: &[usize], y_pred: &[usize], n_classes: usize) -> Result<f64> {
    check::label_pair("accuracy", y_true, y_pred, n_classes)?;
    let hits = y_true.iter().zip(y_pred).filter(|(t, p)| t == p).count();
    Ok(hits as f64 / y_true.len() as f64)
}

/// Mean recall over the classes present in `y_true`, as scikit-learn's `balanced_accuracy_score`
/// (`adjusted=False`). Classes that are only predicted are left out, as scikit-learn does after
/// warning "y_pred contains classes not in y_true".
///
/// # Errors
/// As [`accuracy`].
///
/// ```
/// use grid_core::metrics::balanced_accuracy;
/// // Recall of class 0: 2/3, of class 1: 1/1.
/// let b = balanced_accuracy(&[0, 0, 0, 1], &[0, 0, 1, 1], 2).unwrap();
/// assert!((b - 5.0 / 6.0).abs() < 1e-12);
/// ```
pub fn balanced_accuracy(y_true: &[usize], y_pred: &[usize], n_classes: usize) -> Result<f64> {
    check::label_pair("balanced_accuracy", y_true, y_pred, n_classes)?;
    let c = Counts::tally(y_true, y_pred, n_classes);
    let recalls: Vec<f64> =
        (0..n_classes).filter(|&k| c.actual[k] > 0).map(|k| ratio(c.hits[k], c.actual[k])).collect();
    Ok(recalls.iter().sum::<f64>() / recalls.len() as f64)
}

/// Precision `tp / (tp + fp)`, as scikit-learn's `precision_score`.
///
/// `average`: [`Average::Binary`] scores class index 1 (scikit-learn's `pos_label=1`) and needs at
/// most two classes; [`Average::Macro`] averages over the classes present in `y_true` or
/// `y_pred`; [`Average::Weighted`] weights them by their support in `y_true`. A class never
/// predicted has precision 0 (scikit-learn's default `zero_division="warn"`).
///
/// # Errors
/// As [`accuracy`], and [`Average::Binary`] with more than two classes.
///
/// ```
/// use grid_core::metrics::{precision, Average};
/// let (t, p) = ([0, 1, 1, 1], [1, 1, 0, 1]);
/// assert!((precision(&t, &p, 2, Average::Binary).unwrap() - 2.0 / 3.0).abs() < 1e-12);
/// ```
pub fn precision(y_true: &[usize], y_pred: &[usize], n_classes: usize, average: Average) -> Result<f64> {
    averaged("precision", y_true, y_pred, n_classes, average, |hits, predicted, _| ratio(hits, predicted))
}

/// Recall `tp / (tp + fn)`, as scikit-learn's `recall_score`; `average` as in [`precision`].
///
/// # Errors
/// As [`precision`].
///
/// ```
/// use grid_core::metrics::{recall, Average};
/// let (t, p) = ([0, 1, 1, 1], [1, 1, 0, 1]);
/// assert!((recall(&t, &p, 2, Average::Binary).unwrap() - 2.0 / 3.0).abs() < 1e-12);
/// ```
pub fn recall(y_true: &[usize], y_pred: &[usize], n_classes: usize, average: Average) -> Result<f64> {
    averaged("recall", y_true, y_pred, n_classes, average, |hits, _, actual| ratio(hits, actual))
}

/// F1 score `2 tp / (2 tp + fp + fn)`, as scikit-learn's `f1_score` (0 when the class is neither
/// present nor predicted); `average` as in [`precision`].
///
/// # Errors
/// As [`precision`].
///
/// ```
/// use grid_core::metrics::{f1, Average};
/// let (t, p) = ([0, 1, 2, 2], [0, 2, 2, 2]);
/// // Per class: 1, 0, 0.8; macro mean 0.6.
/// assert!((f1(&t, &p, 3, Average::Macro).unwrap() - 0.6).abs() < 1e-12);
/// ```
pub fn f1(y_true: &[usize], y_pred: &[usize], n_classes: usize, average: Average) -> Result<f64> {
    averaged("f1", y_true, y_pred, n_classes, average, |hits, predicted, actual| {
        ratio(2 * hits, predicted + actual)
    })
}
