//! Scoring: scikit-learn's metrics, with its sign convention (greater is better, so errors are
//! negated) and its values to 1e-9.
//!
//! The metric functions ([`mean_squared_error`], [`f1`], [`roc_auc`], ...) are plain functions of
//! the neutral data (real values as `n_samples x n_outputs`, classes as indices). A [`Scoring`]
//! names one of them the way scikit-learn's `scoring=` does and applies it to an [`Evaluation`].

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use ndarray::ArrayView2;

use crate::data::Encoded;
use crate::error::{Error, Result};

mod check;
mod classification;
mod probabilistic;
mod ranking;
mod regression;
mod score;

pub use classification::{accuracy, balanced_accuracy, f1, precision, recall};
pub use probabilistic::log_loss;
pub use ranking::roc_auc;
pub use regression::{mean_absolute_error, mean_squared_error, r2_score, root_mean_squared_error};

/// What a scorer sees of one evaluation: true and predicted targets (encoded), and the
/// predicted class probabilities when the scorer needs them.
#[derive(Clone, Copy, Debug)]
pub struct Evaluation<'a> {
    /// True targets.
    pub y_true: &'a Encoded,
    /// Predicted targets.
    pub y_pred: &'a Encoded,
    /// Class probabilities (`n_samples x n_classes`), for scorers that need them.
    pub proba: Option<ArrayView2<'a, f32>>,
}

/// Averaging of a per-class metric (scikit-learn's `average=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Average {
    /// The positive class only: the greater of two classes in sorted order (index 1). For
    /// labels `{0, 1}` or `{false, true}` that is scikit-learn's `pos_label=1`; for other label
    /// pairs (say `{1, 2}`, where scikit-learn's default `pos_label=1` is the smaller one) encode
    /// the positive class as the greater label.
    Binary,
    /// Unweighted mean over classes.
    Macro,
    /// Mean over classes weighted by their support.
    Weighted,
}

/// A user-defined score: a name and a function of the evaluation (greater is better).
#[derive(Clone)]
pub struct CustomScorer {
    name: String,
    needs_proba: bool,
    func: Arc<dyn Fn(&Evaluation<'_>) -> f64 + Send + Sync>,
}

impl fmt::Debug for CustomScorer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CustomScorer").field("name", &self.name).finish_non_exhaustive()
    }
}

/// A scoring rule. Values follow scikit-learn's names and signs.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Scoring {
    /// `neg_mean_squared_error`.
    NegMeanSquaredError,
    /// `neg_root_mean_squared_error`.
    NegRootMeanSquaredError,
    /// `neg_mean_absolute_error`.
    NegMeanAbsoluteError,
    /// `r2`, averaged uniformly over outputs.
    R2,
    /// `accuracy`.
    Accuracy,
    /// `balanced_accuracy`.
    BalancedAccuracy,
    /// `neg_log_loss` (needs probabilities).
    NegLogLoss,
    /// `f1`, `f1_macro`, `f1_weighted`.
    F1(Average),
    /// `precision_*`.
    Precision(Average),
    /// `recall_*`.
    Recall(Average),
    /// `roc_auc`: area under the ROC curve for two classes; for more, the macro mean of the
    /// one-vs-rest areas (where scikit-learn's `roc_auc` refuses them). Needs probabilities.
    RocAuc,
    /// `roc_auc_ovr`: the same value as [`Scoring::RocAuc`] (one-vs-rest, macro mean), under
    /// scikit-learn's name for it, so `refit("roc_auc_ovr")` and the result columns match it.
    RocAucOvr,
    /// A user's function.
    Custom(CustomScorer),
}

impl Scoring {
    /// scikit-learn's default: accuracy for classifiers, R² for regressors.
    ///
    /// ```
    /// use grid_core::metrics::Scoring;
    /// assert_eq!(Scoring::default_for(true).name(), "accuracy");
    /// ```
    pub fn default_for(classification: bool) -> Scoring {
        if classification {
            Scoring::Accuracy
        } else {
            Scoring::R2
        }
    }

    /// A scorer from a function of the evaluation; greater must be better.
    ///
    /// ```
    /// use grid_core::metrics::Scoring;
    /// let s = Scoring::custom("zero", |_| 0.0);
    /// assert_eq!(s.name(), "zero");
    /// ```
    pub fn custom(
        name: impl Into<String>,
        func: impl Fn(&Evaluation<'_>) -> f64 + Send + Sync + 'static,
    ) -> Scoring {
        Scoring::Custom(CustomScorer { name: name.into(), needs_proba: false, func: Arc::new(func) })
    }

    /// As [`Scoring::custom`], for a function that reads the class probabilities
    /// ([`Scoring::score`] refuses an evaluation without them).
    ///
    /// ```
    /// use grid_core::metrics::Scoring;
    /// let s = Scoring::custom_proba("mean_top_proba", |e| {
    ///     let p = e.proba.unwrap();
    ///     p.rows().into_iter().map(|r| r.fold(0.0_f32, |a, &b| a.max(b)) as f64).sum::<f64>() / p.nrows() as f64
    /// });
    /// assert!(s.needs_proba());
    /// ```
    pub fn custom_proba(
        name: impl Into<String>,
        func: impl Fn(&Evaluation<'_>) -> f64 + Send + Sync + 'static,
    ) -> Scoring {
        Scoring::Custom(CustomScorer { name: name.into(), needs_proba: true, func: Arc::new(func) })
    }

    /// scikit-learn's name for the scorer (`neg_mean_squared_error`, `f1_macro`, ...).
    ///
    /// ```
    /// use grid_core::metrics::{Average, Scoring};
    /// assert_eq!(Scoring::Precision(Average::Weighted).name(), "precision_weighted");
    /// ```
    pub fn name(&self) -> String {
        let avg = |base: &str, a: &Average| match a {
            Average::Binary => base.to_string(),
            Average::Macro => format!("{base}_macro"),
            Average::Weighted => format!("{base}_weighted"),
        };
        match self {
            Scoring::NegMeanSquaredError => "neg_mean_squared_error".into(),
            Scoring::NegRootMeanSquaredError => "neg_root_mean_squared_error".into(),
            Scoring::NegMeanAbsoluteError => "neg_mean_absolute_error".into(),
            Scoring::R2 => "r2".into(),
            Scoring::Accuracy => "accuracy".into(),
            Scoring::BalancedAccuracy => "balanced_accuracy".into(),
            Scoring::NegLogLoss => "neg_log_loss".into(),
            Scoring::F1(a) => avg("f1", a),
            Scoring::Precision(a) => avg("precision", a),
            Scoring::Recall(a) => avg("recall", a),
            Scoring::RocAuc => "roc_auc".into(),
            Scoring::RocAucOvr => "roc_auc_ovr".into(),
            Scoring::Custom(c) => c.name.clone(),
        }
    }

    /// `true` when the scorer reads class probabilities.
    pub fn needs_proba(&self) -> bool {
        match self {
            Scoring::NegLogLoss | Scoring::RocAuc | Scoring::RocAucOvr => true,
            Scoring::Custom(c) => c.needs_proba,
            _ => false,
        }
    }

    /// Every built-in scorer name [`Scoring::from_name`] accepts, as scikit-learn spells them.
    pub const BUILTIN_NAMES: &'static [&'static str] = &[
        "neg_mean_squared_error",
        "neg_root_mean_squared_error",
        "neg_mean_absolute_error",
        "r2",
        "accuracy",
        "balanced_accuracy",
        "neg_log_loss",
        "f1",
        "f1_macro",
        "f1_weighted",
        "precision",
        "precision_macro",
        "precision_weighted",
        "recall",
        "recall_macro",
        "recall_weighted",
        "roc_auc",
        "roc_auc_ovr",
    ];

    /// The built-in scorer scikit-learn calls `name`, whose [`name`](Scoring::name) is `name`
    /// again; `None` for any other name.
    ///
    /// ```
    /// use grid_core::metrics::{Average, Scoring};
    /// assert!(matches!(Scoring::from_name("f1_macro"), Some(Scoring::F1(Average::Macro))));
    /// assert_eq!(Scoring::from_name("roc_auc_ovr").unwrap().name(), "roc_auc_ovr");
    /// assert!(Scoring::from_name("mse").is_none());
    /// ```
    pub fn from_name(name: &str) -> Option<Scoring> {
        let averaged = |base: &str| -> Option<Average> {
            match name.strip_prefix(base)? {
                "" => Some(Average::Binary),
                "_macro" => Some(Average::Macro),
                "_weighted" => Some(Average::Weighted),
                _ => None,
            }
        };
        Some(match name {
            "neg_mean_squared_error" => Scoring::NegMeanSquaredError,
            "neg_root_mean_squared_error" => Scoring::NegRootMeanSquaredError,
            "neg_mean_absolute_error" => Scoring::NegMeanAbsoluteError,
            "r2" => Scoring::R2,
            "accuracy" => Scoring::Accuracy,
            "balanced_accuracy" => Scoring::BalancedAccuracy,
            "neg_log_loss" => Scoring::NegLogLoss,
            "roc_auc" => Scoring::RocAuc,
            "roc_auc_ovr" => Scoring::RocAucOvr,
            _ => {
                if let Some(a) = averaged("f1") {
                    Scoring::F1(a)
                } else if let Some(a) = averaged("precision") {
                    Scoring::Precision(a)
                } else {
                    Scoring::Recall(averaged("recall")?)
                }
            }
        })
    }
}

/// Displays [`Scoring::name`].
///
/// ```
/// use grid_core::metrics::Scoring;
/// assert_eq!(Scoring::NegLogLoss.to_string(), "neg_log_loss");
/// ```
impl fmt::Display for Scoring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// Parses a built-in scorer name, as [`Scoring::from_name`], with an error listing the names.
///
/// ```
/// use grid_core::metrics::Scoring;
/// let s: Scoring = "neg_mean_absolute_error".parse().unwrap();
/// assert_eq!(s.name(), "neg_mean_absolute_error");
/// assert!("mae".parse::<Scoring>().is_err());
/// ```
impl FromStr for Scoring {
    type Err = Error;

    fn from_str(name: &str) -> Result<Scoring> {
        Scoring::from_name(name).ok_or_else(|| {
            Error::invalid(
                "scoring",
                format!("unknown scorer `{name}`; expected one of {}", Scoring::BUILTIN_NAMES.join(", ")),
            )
        })
    }
}
