//! Ranking metrics of predicted scores: area under the ROC curve.

use ndarray::{ArrayView1, ArrayView2};

use super::check::{self, metric_error};
use crate::error::Result;

const METRIC: &str = "roc_auc";

/// Area under the ROC curve of `scores` for the samples where `positive` holds, by the trapezoid
/// rule over the distinct score thresholds (tied scores form one diagonal step), as
/// scikit-learn's `roc_curve` + `auc`. `None` when one of the two classes is absent.
fn binary_auc(positive: &[bool], scores: ArrayView1<'_, f32>) -> Option<f64> {
    let mut order: Vec<usize> = (0..positive.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    let (mut tp, mut fp, mut twice_area) = (0.0_f64, 0.0_f64, 0.0_f64);
    let mut start = 0;
    while start < order.len() {
        let threshold = scores[order[start]];
        let end = start + order[start..].iter().take_while(|&&i| scores[i] == threshold).count();
        let pos = order[start..end].iter().filter(|&&i| positive[i]).count() as f64;
        let neg = (end - start) as f64 - pos;
        twice_area += neg * (2.0 * tp + pos);
        tp += pos;
        fp += neg;
        start = end;
    }
    (tp > 0.0 && fp > 0.0).then(|| twice_area / (2.0 * tp * fp))
}

/// Area under the ROC curve, as scikit-learn's `roc_auc_score` (the scorers `roc_auc` and
/// `roc_auc_ovr`).
///
/// With two classes, the score of a sample is its probability of class index 1 (`proba[:, 1]`);
/// ties are handled as scikit-learn does (one threshold per distinct score, trapezoid rule).
/// With more classes, it is the unweighted mean of the one-vs-rest AUCs (`multi_class="ovr"`,
/// `average="macro"`); as scikit-learn requires then, every class must occur in `y_true` and each
/// row of `proba` must sum to 1 (`np.allclose`: within `1e-8 + 1e-5 * sum`).
///
/// # Errors
/// [`Error::Metric`](crate::Error::Metric) when `y_true` is empty, holds an index not below
/// `n_classes`, when `proba` is not `y_true.len() x n_classes` or holds a non-finite value, when
/// `n_classes < 2`, when `y_true` holds a single class (two classes; scikit-learn returns NaN with
/// a warning), or when a class is missing from `y_true` or a row does not sum to 1 (more classes).
///
/// ```
/// use grid_core::metrics::roc_auc;
/// let proba = ndarray::array![[0.9_f32, 0.1], [0.6, 0.4], [0.65, 0.35], [0.2, 0.8]];
/// assert_eq!(roc_auc(&[0, 0, 1, 1], proba.view(), 2).unwrap(), 0.75);
/// ```
pub fn roc_auc(y_true: &[usize], proba: ArrayView2<'_, f32>, n_classes: usize) -> Result<f64> {
    if n_classes < 2 {
        return Err(metric_error(METRIC, format!("needs at least two classes, got {n_classes}")));
    }
    check::proba(METRIC, y_true, &proba, n_classes)?;
    if n_classes == 2 {
        let positive: Vec<bool> = y_true.iter().map(|&l| l == 1).collect();
        return binary_auc(&positive, proba.column(1)).ok_or_else(|| {
            metric_error(
                METRIC,
                format!("y_true holds only class {}: ROC AUC is not defined with a single class", y_true[0]),
            )
        });
    }
    one_vs_rest(y_true, proba, n_classes)
}

/// Macro average of the one-vs-rest AUCs, with scikit-learn's multiclass checks.
fn one_vs_rest(y_true: &[usize], proba: ArrayView2<'_, f32>, n_classes: usize) -> Result<f64> {
    let mut support = vec![0_usize; n_classes];
    for &l in y_true {
        support[l] += 1;
    }
    if let Some(missing) = support.iter().position(|&s| s == 0) {
        return Err(metric_error(
            METRIC,
            format!(
                "one-vs-rest ROC AUC needs every class in y_true, but class index {missing} \
                 of {n_classes} is absent"
            ),
        ));
    }
    for (row, p) in proba.rows().into_iter().enumerate() {
        let sum: f64 = p.iter().map(|&v| f64::from(v)).sum();
        if (1.0 - sum).abs() > 1e-8 + 1e-5 * sum.abs() {
            return Err(metric_error(
                METRIC,
                format!(
                    "multiclass ROC AUC needs probabilities, but row {row} of proba sums to {sum} \
                     instead of 1"
                ),
            ));
        }
    }
    let mut total = 0.0;
    for class in 0..n_classes {
        let positive: Vec<bool> = y_true.iter().map(|&l| l == class).collect();
        // Every class is present and there are at least three, so both sides are non-empty.
        total += binary_auc(&positive, proba.column(class)).unwrap_or(f64::NAN);
    }
    Ok(total / n_classes as f64)
}
