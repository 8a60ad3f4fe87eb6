//! `Scoring`: dispatch on the evaluation, scikit-learn's signs (greater is better), names.
//! Expected numbers are scikit-learn 1.9.1's, with the Python in the comments.

use grid_core::data::{Encoded, Target};
use grid_core::metrics::{Average, Evaluation, Scoring};
use grid_core::Error;
use ndarray::{array, Array2};

#[track_caller]
fn close(got: f64, expected: f64) {
    assert!((got - expected).abs() < 1e-9, "got {got}, scikit-learn gives {expected}");
}

fn labels(labels: &[usize], n_classes: usize) -> Encoded {
    Encoded::Labels { labels: labels.to_vec(), n_classes }
}

#[test]
fn regression_scorers_negate_errors() {
    // As the estimator pipeline builds them: f32 targets encoded to f64 columns.
    // t = [3.0, -0.5, 2.0, 7.0, 4.2]; p = [2.5, 0.0, 2.1, 7.8, 3.9]   (values as float32)
    // t = np.array(t, dtype=np.float32).astype(float); p likewise
    // -mean_squared_error(t, p), -root_mean_squared_error(t, p), -mean_absolute_error(t, p), r2_score(t, p)
    let t = array![3.0_f32, -0.5, 2.0, 7.0, 4.2].encode(&()).unwrap();
    let p = array![2.5_f32, 0.0, 2.1, 7.8, 3.9].encode(&()).unwrap();
    let eval = Evaluation { y_true: &t, y_pred: &p, proba: None };
    close(Scoring::NegMeanSquaredError.score(&eval).unwrap(), -0.24800002288820905);
    close(Scoring::NegRootMeanSquaredError.score(&eval).unwrap(), -0.4979960068998637);
    close(Scoring::NegMeanAbsoluteError.score(&eval).unwrap(), -0.43999996185302737);
    close(Scoring::R2.score(&eval).unwrap(), 0.9594665229200092);
}

#[test]
fn classification_scorers() {
    // t = [0,0,0,0,0,0,0,1,1,1]; p = [0,0,0,0,0,1,0,1,0,0]
    let t = labels(&[0, 0, 0, 0, 0, 0, 0, 1, 1, 1], 2);
    let p = labels(&[0, 0, 0, 0, 0, 1, 0, 1, 0, 0], 2);
    let eval = Evaluation { y_true: &t, y_pred: &p, proba: None };
    let expected = [
        ("accuracy", 0.7),
        ("balanced_accuracy", 0.5952380952380952),
        ("f1", 0.4),
        ("f1_macro", 0.6000000000000001),
        ("f1_weighted", 0.68),
        ("precision", 0.5),
        ("precision_macro", 0.625),
        ("precision_weighted", 0.675),
        ("recall", 0.3333333333333333),
        ("recall_macro", 0.5952380952380952),
        ("recall_weighted", 0.7),
    ];
    for (name, value) in expected {
        close(Scoring::from_name(name).unwrap().score(&eval).unwrap(), value);
    }
}

#[test]
fn probability_scorers() {
    // t = [0,1,1,0]; p32 = np.array([[1,0],[0.3,0.7],[1,0],[0.55,0.45]], dtype=np.float32)
    // -log_loss(t, np.clip(p32, eps32, 1 - eps32).astype(np.float64)); roc_auc_score(t, p32[:, 1])
    // (eps32 = np.finfo(np.float32).eps)
    let t = labels(&[0, 1, 1, 0], 2);
    let p = labels(&[0, 1, 0, 0], 2);
    let proba = array![[1.0_f32, 0.0], [0.3, 0.7], [1.0, 0.0], [0.55, 0.45]];
    let eval = Evaluation { y_true: &t, y_pred: &p, proba: Some(proba.view()) };
    close(Scoring::NegLogLoss.score(&eval).unwrap(), -4.224224303034469);
    close(Scoring::RocAuc.score(&eval).unwrap(), 0.625);
    close(Scoring::RocAucOvr.score(&eval).unwrap(), 0.625); // roc_auc_ovr of a binary y is roc_auc
}

#[test]
fn custom_scorers_see_the_evaluation() {
    let t = labels(&[0, 1, 1], 2);
    let p = labels(&[0, 1, 0], 2);
    let proba = array![[0.9_f32, 0.1], [0.2, 0.8], [0.6, 0.4]];
    let eval = Evaluation { y_true: &t, y_pred: &p, proba: Some(proba.view()) };
    let n = Scoring::custom("n_samples", |e| e.y_true.len() as f64);
    assert_eq!(n.score(&eval).unwrap(), 3.0);
    let top = Scoring::custom_proba("p00", |e| f64::from(e.proba.unwrap()[[0, 0]]));
    assert_eq!(top.score(&eval).unwrap(), f64::from(0.9_f32));
    assert!(top.needs_proba() && !n.needs_proba());
}

#[test]
fn non_finite_scores_are_errors() {
    let t = labels(&[0, 1], 2);
    let eval = Evaluation { y_true: &t, y_pred: &t, proba: None };
    for (value, shown) in [(f64::NAN, "NaN"), (f64::NEG_INFINITY, "-inf")] {
        let err = Scoring::custom("broken", move |_| value).score(&eval).unwrap_err();
        assert!(matches!(&err, Error::NonFiniteScore { metric, .. } if metric == "broken"), "{err:?}");
        assert_eq!(err.to_string(), format!("the score `broken` is not finite ({shown})"));
    }
}

/// Asserts a `Metric` error for `scoring` whose reason mentions `fragment`.
#[track_caller]
fn refuses(scoring: &Scoring, eval: &Evaluation<'_>, fragment: &str) {
    match scoring.score(eval) {
        Err(Error::Metric { metric, reason }) => {
            assert_eq!(metric, scoring.name());
            assert!(reason.contains(fragment), "reason {reason:?} does not mention {fragment:?}");
        }
        other => panic!("{scoring} should refuse with {fragment:?}, got {other:?}"),
    }
}

#[test]
fn scorers_refuse_the_wrong_kind_of_target() {
    let values = Encoded::Values(array![[1.0], [2.0]]);
    let classes = labels(&[0, 1], 2);
    let on_values = Evaluation { y_true: &values, y_pred: &values, proba: None };
    let on_labels = Evaluation { y_true: &classes, y_pred: &classes, proba: None };
    let pred_labels = Evaluation { y_true: &values, y_pred: &classes, proba: None };
    let pred_values = Evaluation { y_true: &classes, y_pred: &values, proba: None };
    for name in ["neg_mean_squared_error", "neg_root_mean_squared_error", "neg_mean_absolute_error", "r2"] {
        let s = Scoring::from_name(name).unwrap();
        refuses(&s, &on_labels, "is a regression scorer but y_true holds class labels");
        refuses(&s, &pred_labels, "y_pred holds class labels");
    }
    for name in ["accuracy", "balanced_accuracy", "f1", "precision_macro", "recall_weighted"] {
        let s = Scoring::from_name(name).unwrap();
        refuses(&s, &on_values, "is a classification scorer but y_true holds real values");
        refuses(&s, &pred_values, "y_pred holds real values");
    }
    let proba = Array2::<f32>::from_elem((2, 2), 0.5);
    let values_with_proba = Evaluation { proba: Some(proba.view()), ..on_values };
    refuses(&Scoring::NegLogLoss, &values_with_proba, "y_true holds real values");
    refuses(&Scoring::RocAuc, &values_with_proba, "y_true holds real values");
}

#[test]
fn scorers_refuse_inconsistent_class_counts() {
    let t = labels(&[0, 1], 2);
    let p = labels(&[0, 1], 3);
    refuses(
        &Scoring::Accuracy,
        &Evaluation { y_true: &t, y_pred: &p, proba: None },
        "y_true is encoded with 2 classes but y_pred with 3",
    );
}

#[test]
fn probability_scorers_refuse_missing_probabilities() {
    let t = labels(&[0, 1], 2);
    let eval = Evaluation { y_true: &t, y_pred: &t, proba: None };
    refuses(&Scoring::NegLogLoss, &eval, "needs class probabilities");
    refuses(&Scoring::RocAuc, &eval, "needs class probabilities");
    refuses(&Scoring::custom_proba("mine", |_| 1.0), &eval, "needs class probabilities");
}

#[test]
fn metric_errors_pass_through() {
    let t = labels(&[0, 1, 2], 3);
    let eval = Evaluation { y_true: &t, y_pred: &t, proba: None };
    let err = Scoring::F1(Average::Binary).score(&eval).unwrap_err();
    assert_eq!(
        err.to_string(),
        "metric `f1`: average Binary needs at most 2 classes, got 3; use Average::Macro or Average::Weighted"
    );
}

#[test]
fn names_round_trip() {
    for &name in Scoring::BUILTIN_NAMES {
        let scoring = Scoring::from_name(name).unwrap_or_else(|| panic!("{name} is not recognised"));
        // Every scikit-learn name comes back as asked: `refit("roc_auc_ovr")` and the
        // `mean_test_roc_auc_ovr` column depend on it.
        assert_eq!(scoring.name(), name);
        assert_eq!(scoring.to_string(), name);
        assert_eq!(name.parse::<Scoring>().unwrap().name(), name);
    }
    assert_eq!(Scoring::BUILTIN_NAMES.len(), 18);
    assert!(matches!(Scoring::from_name("roc_auc_ovr"), Some(Scoring::RocAucOvr)));
    assert!(matches!(Scoring::from_name("roc_auc"), Some(Scoring::RocAuc)));
    assert!(matches!(Scoring::from_name("recall"), Some(Scoring::Recall(Average::Binary))));
    assert!(matches!(Scoring::from_name("precision_weighted"), Some(Scoring::Precision(Average::Weighted))));
}

#[test]
fn unknown_names_are_refused() {
    for name in ["", "mse", "f1_micro", "precision_samples", "recall_", "roc_auc_ovo", "R2", "neg_log_loss "]
    {
        assert!(Scoring::from_name(name).is_none(), "{name:?} should not be a scorer");
        let err = name.parse::<Scoring>().unwrap_err();
        assert!(matches!(&err, Error::InvalidParameter { name, .. } if name == "scoring"), "{err:?}");
        assert!(err.to_string().contains("neg_mean_squared_error, "), "{err}");
    }
}

#[test]
fn defaults_follow_scikit_learn() {
    assert_eq!(Scoring::default_for(true).to_string(), "accuracy");
    assert_eq!(Scoring::default_for(false).to_string(), "r2");
}
