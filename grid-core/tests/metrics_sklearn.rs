//! Every metric against scikit-learn 1.9.1 (numbers computed with /work/venv-sk/bin/python; the
//! Python that produced each is in the comment above it). Tolerance 1e-9.
//!
//! Shared Python preamble:
//! ```python
//! import numpy as np
//! from sklearn.metrics import *
//! eps32 = np.finfo(np.float32).eps
//! ```

use grid_core::metrics::{
    accuracy, balanced_accuracy, f1, log_loss, mean_absolute_error, mean_squared_error, precision, r2_score,
    recall, roc_auc, root_mean_squared_error, Average,
};
use ndarray::{array, Array2};

#[track_caller]
fn close(got: f64, expected: f64) {
    assert!((got - expected).abs() < 1e-9, "got {got}, scikit-learn gives {expected}");
}

/// Checks the four regression metrics against (mse, rmse, mae, r2).
#[track_caller]
fn regression(t: &Array2<f64>, p: &Array2<f64>, expected: [f64; 4]) {
    close(mean_squared_error(t.view(), p.view()).unwrap(), expected[0]);
    close(root_mean_squared_error(t.view(), p.view()).unwrap(), expected[1]);
    close(mean_absolute_error(t.view(), p.view()).unwrap(), expected[2]);
    close(r2_score(t.view(), p.view()).unwrap(), expected[3]);
}

#[test]
fn regression_single_output() {
    // t = [3.0, -0.5, 2.0, 7.0, 4.2]; p = [2.5, 0.0, 2.1, 7.8, 3.9]
    // [mean_squared_error(t, p), root_mean_squared_error(t, p), mean_absolute_error(t, p), r2_score(t, p)]
    let t = array![[3.0], [-0.5], [2.0], [7.0], [4.2]];
    let p = array![[2.5], [0.0], [2.1], [7.8], [3.9]];
    regression(&t, &p, [0.24799999999999994, 0.49799598391954925, 0.44000000000000006, 0.9594665271966527]);
}

#[test]
fn regression_multi_output_with_a_mispredicted_constant_output() {
    // t = [[0.5, 10.0, 3.0], [1.5, -20.0, 3.0], [2.5, 35.5, 3.0], [-1.0, 4.0, 3.0], [0.0, 8.25, 3.0], [4.0, -1.5, 3.0]]
    // p = [[0.7, 12.0, 3.0], [1.1, -18.0, 2.5], [2.4, 30.0, 3.0], [-0.5, 5.0, 3.5], [0.3, 9.0, 3.0], [3.0, 0.5, 3.0]]
    // same four metrics; r2_score(t, p, multioutput="raw_values") = [0.90534351 0.97308074 0.]
    let t = array![
        [0.5, 10.0, 3.0],
        [1.5, -20.0, 3.0],
        [2.5, 35.5, 3.0],
        [-1.0, 4.0, 3.0],
        [0.0, 8.25, 3.0],
        [4.0, -1.5, 3.0]
    ];
    let p = array![
        [0.7, 12.0, 3.0],
        [1.1, -18.0, 2.5],
        [2.4, 30.0, 3.0],
        [-0.5, 5.0, 3.5],
        [0.3, 9.0, 3.0],
        [3.0, 0.5, 3.0]
    ];
    regression(&t, &p, [2.5479166666666666, 1.1663922950586232, 0.9305555555555555, 0.6261414166780055]);
}

#[test]
fn regression_multi_output_with_a_perfect_constant_output() {
    // t = [[1.0, 2.0], [1.0, 4.0], [1.0, 9.0]]; p = [[1.0, 2.5], [1.0, 3.0], [1.0, 10.0]]
    let t = array![[1.0, 2.0], [1.0, 4.0], [1.0, 9.0]];
    let p = array![[1.0, 2.5], [1.0, 3.0], [1.0, 10.0]];
    regression(&t, &p, [0.375, 0.4330127018922193, 0.4166666666666667, 0.9567307692307692]);
}

#[test]
fn r2_of_a_constant_target() {
    // r2_score([0.1]*10, [0.1]*9 + [0.2]) -> 0.0 ; r2_score([0.1]*10, [0.1]*10) -> 1.0
    let t = Array2::from_elem((10, 1), 0.1);
    let mut p = t.clone();
    close(r2_score(t.view(), p.view()).unwrap(), 1.0);
    p[[9, 0]] = 0.2;
    close(r2_score(t.view(), p.view()).unwrap(), 0.0);
    // Deliberate difference: r2_score([0.1]*3, [0.1, 0.1, 0.2]) gives -1.7307656195116095e+31 in
    // scikit-learn, whose float mean of [0.1]*3 is not 0.1, so SS_tot is a round-off residue
    // instead of 0. We apply its documented rule for a constant y_true (0.0 when mispredicted).
    let t = array![[0.1], [0.1], [0.1]];
    close(r2_score(t.view(), array![[0.1], [0.1], [0.2]].view()).unwrap(), 0.0);
}

#[test]
fn regression_on_values_that_come_from_f32() {
    // t = np.array([0.1, 0.2, 0.3, 0.7], dtype=np.float32).astype(np.float64)
    // p = np.array([0.15, 0.1, 0.35, 0.9], dtype=np.float32).astype(np.float64)
    let t = array![[0.1_f32], [0.2], [0.3], [0.7]].mapv(f64::from);
    let p = array![[0.15_f32], [0.1], [0.35], [0.9]].mapv(f64::from);
    regression(&t, &p, [0.013749998547136905, 0.11726038780055652, 0.09999999403953552, 0.7349397730526224]);
}

#[test]
fn regression_forty_samples_two_outputs() {
    // t = np.array([[((i*37 + j*11) % 17) / 4 - 2 for j in range(2)] for i in range(40)])
    // p = np.array([[((i*13 + j*5) % 19) / 8 - 1 for j in range(2)] for i in range(40)])
    let t = Array2::from_shape_fn((40, 2), |(i, j)| ((i * 37 + j * 11) % 17) as f64 / 4.0 - 2.0);
    let p = Array2::from_shape_fn((40, 2), |(i, j)| ((i * 13 + j * 5) % 19) as f64 / 8.0 - 1.0);
    regression(&t, &p, [2.096484375, 1.4475374501099192, 1.215625, -0.39186248158924797]);
}

/// Expected (precision, recall, f1) for one average.
type Prf = [f64; 3];

#[track_caller]
fn classification(t: &[usize], p: &[usize], n: usize, acc: f64, bal: f64, by_average: &[(Average, Prf)]) {
    close(accuracy(t, p, n).unwrap(), acc);
    close(balanced_accuracy(t, p, n).unwrap(), bal);
    for &(average, [pr, re, f]) in by_average {
        close(precision(t, p, n, average).unwrap(), pr);
        close(recall(t, p, n, average).unwrap(), re);
        close(f1(t, p, n, average).unwrap(), f);
    }
}

#[test]
fn classification_imbalanced_binary() {
    // t = [0,0,0,0,0,0,0,1,1,1]; p = [0,0,0,0,0,1,0,1,0,0]
    // accuracy_score(t, p), balanced_accuracy_score(t, p),
    // then for avg in ["binary", "macro", "weighted"]:
    //   precision_score(t, p, average=avg), recall_score(...), f1_score(...)
    let t = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1];
    let p = [0, 0, 0, 0, 0, 1, 0, 1, 0, 0];
    classification(
        &t,
        &p,
        2,
        0.7,
        0.5952380952380952,
        &[
            (Average::Binary, [0.5, 0.3333333333333333, 0.4]),
            (Average::Macro, [0.625, 0.5952380952380952, 0.6000000000000001]),
            (Average::Weighted, [0.675, 0.7, 0.68]),
        ],
    );
}

#[test]
fn classification_class_never_predicted() {
    // t = [0,1,2,2,1,0,2,1,1,0,2]; p = [0,1,1,0,1,0,1,1,0,0,1]   (class 2 is never predicted)
    // same calls, avg in ["macro", "weighted"]
    let t = [0, 1, 2, 2, 1, 0, 2, 1, 1, 0, 2];
    let p = [0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1];
    classification(
        &t,
        &p,
        3,
        0.5454545454545454,
        0.5833333333333334,
        &[
            (Average::Macro, [0.3666666666666667, 0.5833333333333334, 0.45]),
            (Average::Weighted, [0.34545454545454546, 0.5454545454545454, 0.4227272727272728]),
        ],
    );
}

#[test]
fn classification_macro_over_labels_in_true_or_predicted_only() {
    // Four classes: 2 occurs nowhere (left out of the macro mean), 3 is only predicted
    // (in the macro mean, out of balanced accuracy, weight 0 in the weighted mean).
    // t = [0,1,1,0,1,0,0]; p = [0,3,1,1,1,0,3]; avg in ["macro", "weighted"]
    let t = [0, 1, 1, 0, 1, 0, 0];
    let p = [0, 3, 1, 1, 1, 0, 3];
    classification(
        &t,
        &p,
        4,
        0.5714285714285714,
        0.5833333333333333,
        &[
            (Average::Macro, [0.5555555555555555, 0.38888888888888884, 0.4444444444444444]),
            (Average::Weighted, [0.8571428571428571, 0.5714285714285714, 0.6666666666666666]),
        ],
    );
}

#[test]
fn classification_positive_class_never_predicted() {
    // t = [1,0,1,0,0]; p = [0,0,0,0,0]; avg in ["binary", "macro", "weighted"]  (zero_division -> 0)
    let t = [1, 0, 1, 0, 0];
    let p = [0, 0, 0, 0, 0];
    classification(
        &t,
        &p,
        2,
        0.6,
        0.5,
        &[
            (Average::Binary, [0.0, 0.0, 0.0]),
            (Average::Macro, [0.3, 0.5, 0.375]),
            (Average::Weighted, [0.36, 0.6, 0.45]),
        ],
    );
}

#[test]
fn classification_binary_with_the_positive_class_absent_everywhere() {
    // precision_score([0,0,0], [0,0,0]), recall_score(...), f1_score(...) -> 0.0 0.0 0.0
    classification(&[0, 0, 0], &[0, 0, 0], 2, 1.0, 1.0, &[(Average::Binary, [0.0, 0.0, 0.0])]);
}

fn sixty_labels() -> (Vec<usize>, Vec<usize>) {
    ((0..60).map(|i| (i * 7) % 3).collect(), (0..60).map(|i| (i * i * 5 + i / 7) % 3).collect())
}

#[test]
fn classification_sixty_samples_three_classes() {
    // n = 60; yt = [(i*7) % 3 for i in range(n)]; yp = [(i*i*5 + i // 7) % 3 for i in range(n)]
    // same calls, avg in ["macro", "weighted"]
    let (t, p) = sixty_labels();
    classification(
        &t,
        &p,
        3,
        0.3333333333333333,
        0.3333333333333333,
        &[
            (Average::Macro, [0.33036635706914347, 0.3333333333333333, 0.32994182994182997]),
            (Average::Weighted, [0.33036635706914347, 0.3333333333333333, 0.3299418299418299]),
        ],
    );
}

// Log loss: scikit-learn clips float32 probabilities with float32's eps and then works in float32;
// we clip the same way and work in f64, which is scikit-learn on the clipped values as float64
// (the 1e-9 check). scikit-learn's own float32 result is checked to float32 precision (1e-6).

#[track_caller]
fn log_loss_case(t: &[usize], p: &Array2<f32>, n: usize, clipped_f64: f64, sklearn_f32: f64) {
    let got = log_loss(t, p.view(), n).unwrap();
    close(got, clipped_f64);
    assert!((got - sklearn_f32).abs() < 1e-6, "got {got}, scikit-learn in float32 gives {sklearn_f32}");
}

#[test]
fn log_loss_clips_certain_wrong_probabilities() {
    // t = [0,1,1,0]; p32 = np.array([[1,0],[0.3,0.7],[1,0],[0.55,0.45]], dtype=np.float32)
    // log_loss(t, np.clip(p32, eps32, 1 - eps32).astype(np.float64), labels=[0, 1])
    // log_loss(t, p32, labels=[0, 1])
    let p = array![[1.0_f32, 0.0], [0.3, 0.7], [1.0, 0.0], [0.55, 0.45]];
    log_loss_case(&[0, 1, 1, 0], &p, 2, 4.224224303034469, 4.224224090576172);
}

#[test]
fn log_loss_does_not_renormalise_rows() {
    // t = [0,2,1,2,0]; p32 = [[0.2,0.3,0.4],[0.1,0.1,0.8],[0.25,0.5,0.25],[0.6,0.3,0.1],[0.7,0.2,0.1]]
    // (row 0 sums to 0.9), labels=[0, 1, 2]
    let p = array![[0.2_f32, 0.3, 0.4], [0.1, 0.1, 0.8], [0.25, 0.5, 0.25], [0.6, 0.3, 0.1], [0.7, 0.2, 0.1]];
    log_loss_case(&[0, 2, 1, 2, 0], &p, 3, 1.0369977307134897, 1.0369977951049805);
}

#[test]
fn log_loss_with_a_class_absent_from_y_true() {
    // t = [0,1,1,0,1]; p32 = [[0.8,0.15,0.05],[0.3,0.6,0.1],[0.1,0.2,0.7],[0.5,0.25,0.25],[0.0,1.0,0.0]]
    // labels=[0, 1, 2]
    let p =
        array![[0.8_f32, 0.15, 0.05], [0.3, 0.6, 0.1], [0.1, 0.2, 0.7], [0.5, 0.25, 0.25], [0.0, 1.0, 0.0]];
    log_loss_case(&[0, 1, 1, 0, 1], &p, 3, 0.6073108635489584, 0.6073108911514282);
}

/// `raw / raw.sum(axis=1, keepdims=True)` in float32, as numpy computes it.
fn sixty_proba(columns: usize) -> Array2<f32> {
    let raw = |i: usize, j: usize| [i % 5 + 1, i * 3 % 7 + 1, i * 11 % 4 + 1][j] as f32;
    Array2::from_shape_fn((60, columns), |(i, j)| raw(i, j) / (0..columns).map(|k| raw(i, k)).sum::<f32>())
}

#[test]
fn log_loss_sixty_samples() {
    // raw = np.array([[i % 5 + 1, i*3 % 7 + 1, i*11 % 4 + 1] for i in range(60)], dtype=np.float32)
    // pr = raw / raw.sum(axis=1, keepdims=True)     (float32); yt as in the classification test
    // log_loss(yt, np.clip(pr, eps32, 1-eps32).astype(np.float64)); log_loss(yt, pr)
    let (t, _) = sixty_labels();
    log_loss_case(&t, &sixty_proba(3), 3, 1.1993344832195232, 1.1993345022201538);
    // yb = [int((i*i) % 7 < 3) for i in range(60)]; pb = raw[:, :2] / raw[:, :2].sum(axis=1, keepdims=True)
    // log_loss(yb, pb.astype(np.float64))   (no value is clipped)
    let yb: Vec<usize> = (0..60).map(|i| usize::from((i * i) % 7 < 3)).collect();
    close(log_loss(&yb, sixty_proba(2).view(), 2).unwrap(), 0.754280061764756);
}

/// Two-column probabilities `[1 - s, s]` in float32.
fn binary_proba(scores: &[f32]) -> Array2<f32> {
    Array2::from_shape_fn((scores.len(), 2), |(i, j)| if j == 1 { scores[i] } else { 1.0 - scores[i] })
}

#[test]
fn roc_auc_binary() {
    // s32 = np.array(s, dtype=np.float32); roc_auc_score(t, s32)
    // t = [0,1,1,0,1,0]; s = [0.1,0.9,0.35,0.4,0.8,0.2]
    let p = binary_proba(&[0.1, 0.9, 0.35, 0.4, 0.8, 0.2]);
    close(roc_auc(&[0, 1, 1, 0, 1, 0], p.view(), 2).unwrap(), 0.888888888888889);
    // Imbalanced, with a tie across the classes at 0.6:
    // t = [0,0,0,0,0,0,0,0,1,1]; s = [0.3,0.1,0.7,0.2,0.2,0.05,0.6,0.4,0.6,0.9]
    let p = binary_proba(&[0.3, 0.1, 0.7, 0.2, 0.2, 0.05, 0.6, 0.4, 0.6, 0.9]);
    close(roc_auc(&[0, 0, 0, 0, 0, 0, 0, 0, 1, 1], p.view(), 2).unwrap(), 0.90625);
}

#[test]
fn roc_auc_binary_with_ties() {
    // t = [0,0,1,1,0,1,1,0]; s = [0.1,0.4,0.4,0.8,0.8,0.8,0.2,0.2]
    let p = binary_proba(&[0.1, 0.4, 0.4, 0.8, 0.8, 0.8, 0.2, 0.2]);
    close(roc_auc(&[0, 0, 1, 1, 0, 1, 1, 0], p.view(), 2).unwrap(), 0.6875);
    // yb, pb as in log_loss_sixty_samples: roc_auc_score(yb, pb[:, 1])
    let yb: Vec<usize> = (0..60).map(|i| usize::from((i * i) % 7 < 3)).collect();
    close(roc_auc(&yb, sixty_proba(2).view(), 2).unwrap(), 0.4507523939808482);
}

#[test]
fn roc_auc_three_classes_one_vs_rest() {
    // t = [0,1,2,2,1,0,2,1,0]
    // p = np.array([[0.5,0.25,0.25],[0.25,0.5,0.25],[0.25,0.25,0.5],[0.5,0.25,0.25],[0.25,0.5,0.25],
    //               [0.2,0.3,0.5],[0.1,0.1,0.8],[0.25,0.5,0.25],[0.7,0.2,0.1]], dtype=np.float32)
    // roc_auc_score(t, p, multi_class="ovr")
    let p = array![
        [0.5_f32, 0.25, 0.25],
        [0.25, 0.5, 0.25],
        [0.25, 0.25, 0.5],
        [0.5, 0.25, 0.25],
        [0.25, 0.5, 0.25],
        [0.2, 0.3, 0.5],
        [0.1, 0.1, 0.8],
        [0.25, 0.5, 0.25],
        [0.7, 0.2, 0.1]
    ];
    close(roc_auc(&[0, 1, 2, 2, 1, 0, 2, 1, 0], p.view(), 3).unwrap(), 0.8333333333333334);
    // yt, pr as in log_loss_sixty_samples: roc_auc_score(yt, pr, multi_class="ovr")
    let (t, _) = sixty_labels();
    close(roc_auc(&t, sixty_proba(3).view(), 3).unwrap(), 0.5264583333333334);
}

#[test]
fn roc_auc_four_classes_one_vs_rest() {
    // t = [0,1,2,3,3,2,1,0,1,2]
    // p = np.array([[0.4,0.3,0.2,0.1],[0.1,0.6,0.2,0.1],[0.3,0.3,0.3,0.1],[0.1,0.2,0.3,0.4],
    //               [0.25,0.25,0.25,0.25],[0.1,0.1,0.7,0.1],[0.3,0.3,0.3,0.1],[0.7,0.1,0.1,0.1],
    //               [0.2,0.2,0.2,0.4],[0.05,0.15,0.6,0.2]], dtype=np.float32)
    // roc_auc_score(t, p, multi_class="ovr")
    let p = array![
        [0.4_f32, 0.3, 0.2, 0.1],
        [0.1, 0.6, 0.2, 0.1],
        [0.3, 0.3, 0.3, 0.1],
        [0.1, 0.2, 0.3, 0.4],
        [0.25, 0.25, 0.25, 0.25],
        [0.1, 0.1, 0.7, 0.1],
        [0.3, 0.3, 0.3, 0.1],
        [0.7, 0.1, 0.1, 0.1],
        [0.2, 0.2, 0.2, 0.4],
        [0.05, 0.15, 0.6, 0.2]
    ];
    close(roc_auc(&[0, 1, 2, 3, 3, 2, 1, 0, 1, 2], p.view(), 4).unwrap(), 0.9110863095238095);
}
