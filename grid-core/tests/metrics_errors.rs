//! Every way a metric can refuse its input: a typed `Error::Metric` naming the metric and the
//! fault, never a panic.

use grid_core::metrics::{
    accuracy, balanced_accuracy, f1, log_loss, mean_absolute_error, mean_squared_error, precision, r2_score,
    recall, roc_auc, root_mean_squared_error, Average,
};
use grid_core::{Error, Result};
use ndarray::{array, Array2};

/// Asserts a `Metric` error for `metric` whose reason mentions `fragment`.
#[track_caller]
fn fails(result: Result<f64>, metric: &str, fragment: &str) {
    match result {
        Err(Error::Metric { metric: m, reason }) => {
            assert_eq!(m, metric, "wrong metric named (reason: {reason})");
            assert!(reason.contains(fragment), "reason {reason:?} does not mention {fragment:?}");
        }
        other => panic!("expected a `{metric}` error mentioning {fragment:?}, got {other:?}"),
    }
}

type Regression = fn(ndarray::ArrayView2<'_, f64>, ndarray::ArrayView2<'_, f64>) -> Result<f64>;
const REGRESSION: [(Regression, &str); 4] = [
    (mean_squared_error, "mean_squared_error"),
    (root_mean_squared_error, "root_mean_squared_error"),
    (mean_absolute_error, "mean_absolute_error"),
    (r2_score, "r2_score"),
];

#[test]
fn regression_rejects_shape_mismatches() {
    let t = array![[1.0], [2.0], [3.0]];
    for (metric, name) in REGRESSION {
        fails(metric(t.view(), array![[1.0], [2.0]].view()), name, "y_true is 3 x 1 but y_pred is 2 x 1");
        fails(metric(t.view(), array![[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]].view()), name, "3 x 2");
    }
}

#[test]
fn regression_rejects_empty_input() {
    let none = Array2::<f64>::zeros((0, 1));
    let no_outputs = Array2::<f64>::zeros((3, 0));
    for (metric, name) in REGRESSION {
        fails(metric(none.view(), none.view()), name, "empty");
        fails(metric(no_outputs.view(), no_outputs.view()), name, "no output columns");
    }
}

#[test]
fn regression_rejects_non_finite_values() {
    let t = array![[1.0, 2.0], [3.0, f64::NAN]];
    let p = array![[1.0, 2.0], [f64::INFINITY, 4.0]];
    let ok = array![[1.0, 2.0], [3.0, 4.0]];
    for (metric, name) in REGRESSION {
        fails(metric(t.view(), ok.view()), name, "y_true holds a non-finite value (NaN) at row 1, column 1");
        fails(metric(ok.view(), p.view()), name, "y_pred holds a non-finite value (inf) at row 1, column 0");
    }
}

#[test]
fn r2_needs_two_samples() {
    fails(r2_score(array![[1.0]].view(), array![[1.0]].view()), "r2_score", "fewer than two samples");
    // The other regression metrics are defined on one sample.
    assert_eq!(mean_squared_error(array![[1.0]].view(), array![[3.0]].view()).unwrap(), 4.0);
}

type Classification = fn(&[usize], &[usize], usize) -> Result<f64>;
const CLASSIFICATION: [(Classification, &str); 5] = [
    (accuracy, "accuracy"),
    (balanced_accuracy, "balanced_accuracy"),
    (|t, p, n| precision(t, p, n, Average::Macro), "precision"),
    (|t, p, n| recall(t, p, n, Average::Weighted), "recall"),
    (|t, p, n| f1(t, p, n, Average::Binary), "f1"),
];

#[test]
fn classification_rejects_length_mismatch_and_empty_input() {
    for (metric, name) in CLASSIFICATION {
        fails(metric(&[0, 1, 1], &[0, 1], 2), name, "y_true has 3 samples but y_pred has 2");
        fails(metric(&[], &[], 2), name, "y_true is empty");
    }
}

#[test]
fn classification_rejects_class_indices_out_of_range() {
    for (metric, name) in CLASSIFICATION {
        fails(metric(&[0, 2], &[0, 1], 2), name, "y_true holds class index 2 at row 1, but there are only 2");
        fails(metric(&[0, 1], &[5, 1], 2), name, "y_pred holds class index 5 at row 0");
    }
}

#[test]
fn binary_average_needs_at_most_two_classes() {
    let (t, p) = ([0, 1, 2], [0, 1, 1]);
    fails(precision(&t, &p, 3, Average::Binary), "precision", "at most 2 classes, got 3");
    fails(recall(&t, &p, 3, Average::Binary), "recall", "at most 2 classes, got 3");
    fails(f1(&t, &p, 3, Average::Binary), "f1", "at most 2 classes, got 3");
    // Even when this evaluation shows only two of the three classes.
    fails(f1(&[0, 1], &[0, 1], 3, Average::Binary), "f1", "at most 2 classes, got 3");
}

type Probabilistic = fn(&[usize], ndarray::ArrayView2<'_, f32>, usize) -> Result<f64>;
const PROBABILISTIC: [(Probabilistic, &str); 2] = [(log_loss, "log_loss"), (roc_auc, "roc_auc")];

#[test]
fn probability_metrics_reject_bad_shapes() {
    let p = array![[0.8_f32, 0.2], [0.4, 0.6]];
    for (metric, name) in PROBABILISTIC {
        fails(metric(&[0, 1, 1], p.view(), 2), name, "proba has 2 rows but y_true has 3 samples");
        fails(metric(&[0, 1], p.view(), 3), name, "proba has 2 columns but there are 3 classes");
        fails(metric(&[], Array2::<f32>::zeros((0, 2)).view(), 2), name, "y_true is empty");
        fails(metric(&[0, 2], p.view(), 2), name, "class index 2");
        fails(metric(&[0, 0], array![[1.0_f32], [1.0]].view(), 1), name, "at least two classes, got 1");
    }
}

#[test]
fn probability_metrics_reject_non_finite_probabilities() {
    let p = array![[0.8_f32, 0.2], [f32::NAN, 0.6]];
    for (metric, name) in PROBABILISTIC {
        fails(metric(&[0, 1], p.view(), 2), name, "proba holds a non-finite value (NaN) at row 1, column 0");
    }
}

#[test]
fn log_loss_rejects_values_outside_the_unit_interval() {
    // scikit-learn: "y_prob contains values greater than 1" / "lower than 0".
    fails(
        log_loss(&[0, 1], array![[0.5_f32, 0.5], [-0.1, 1.1]].view(), 2),
        "log_loss",
        "holds -0.1 at row 1",
    );
    fails(log_loss(&[0, 1], array![[0.5_f32, 0.5], [0.0, 1.5]].view(), 2), "log_loss", "must lie in [0, 1]");
}

#[test]
fn roc_auc_needs_both_classes() {
    let p = array![[0.8_f32, 0.2], [0.4, 0.6]];
    fails(roc_auc(&[1, 1], p.view(), 2), "roc_auc", "only class 1");
    fails(roc_auc(&[0, 0], p.view(), 2), "roc_auc", "only class 0");
}

#[test]
fn roc_auc_one_vs_rest_needs_every_class_and_probabilities() {
    let p = array![[0.5_f32, 0.25, 0.25], [0.25, 0.5, 0.25], [0.25, 0.25, 0.5]];
    fails(roc_auc(&[0, 2, 2], p.view(), 3), "roc_auc", "class index 1 of 3 is absent");
    let not_summing = array![[0.5_f32, 0.25, 0.25], [0.25, 0.5, 0.25], [0.25, 0.25, 0.6]];
    fails(roc_auc(&[0, 1, 2], not_summing.view(), 3), "roc_auc", "row 2 of proba sums to");
    // Binary scores need not be probabilities (scikit-learn does not check them either).
    assert_eq!(roc_auc(&[0, 1], array![[3.0_f32, -2.0], [7.0, 5.0]].view(), 2).unwrap(), 1.0);
}
