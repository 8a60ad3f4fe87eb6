//! The estimator traits: small enough that the dfdx networks are one implementation among others.

mod dummy;

pub use dummy::{DummyModel, DummyRegressor, Strategy};

use ndarray::{Array2, ArrayView2};

use crate::data::{Encoded, Target};
use crate::error::Result;

/// Whether an estimator predicts real values or classes. Decides what `cv(k)` means
/// (`KFold` or `StratifiedKFold`) and the default score (R² or accuracy), as in scikit-learn.
///
/// ```
/// use grid_core::estimator::Task;
/// assert_ne!(Task::Regression, Task::Classification);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// Real-valued targets.
    Regression,
    /// Class labels.
    Classification,
}

/// The data one fit learns from.
///
/// ```
/// use grid_core::estimator::TrainSet;
/// let x = ndarray::Array2::<f32>::zeros((2, 3));
/// let y = ndarray::array![1_u8, 2];
/// let data = TrainSet::new(x.view(), &y);
/// assert_eq!(data.classes, vec![1, 2]);
/// assert_eq!(data.meta().n_classes, 2);
/// ```
#[derive(Clone, Debug)]
pub struct TrainSet<'a, Y: Target> {
    /// Features, one row per sample.
    pub x: ArrayView2<'a, f32>,
    /// Targets, one per row of `x`.
    pub y: &'a Y,
    /// Classes of the whole data set (a training fold may lack some of them).
    pub classes: Y::Classes,
    /// Explicit validation data (Keras' `validation_data`), if any.
    pub validation: Option<(ArrayView2<'a, f32>, &'a Y)>,
    /// Seed of this fit: weights, shuffling and dropout derive from it alone.
    pub seed: u64,
}

impl<'a, Y: Target> TrainSet<'a, Y> {
    /// Training data with classes taken from `y`, no validation data and seed 0.
    pub fn new(x: ArrayView2<'a, f32>, y: &'a Y) -> Self {
        TrainSet { x, y, classes: y.classes(), validation: None, seed: 0 }
    }

    /// The same data with another seed.
    ///
    /// ```
    /// # let x = ndarray::Array2::<f32>::zeros((1, 1)); let y = ndarray::array![1.0_f32];
    /// let data = grid_core::estimator::TrainSet::new(x.view(), &y).with_seed(7);
    /// assert_eq!(data.seed, 7);
    /// ```
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// The same data with explicit validation data.
    ///
    /// ```
    /// # let x = ndarray::Array2::<f32>::zeros((1, 1)); let y = ndarray::array![1.0_f32];
    /// let data = grid_core::estimator::TrainSet::new(x.view(), &y).with_validation(x.view(), &y);
    /// assert!(data.validation.is_some());
    /// ```
    pub fn with_validation(mut self, x: ArrayView2<'a, f32>, y: &'a Y) -> Self {
        self.validation = Some((x, y));
        self
    }

    /// The problem's shape, as build functions see it.
    pub fn meta(&self) -> crate::grid::Meta {
        crate::grid::Meta {
            n_features: self.x.ncols(),
            n_outputs: self.y.n_outputs(&self.classes),
            n_classes: Y::n_classes(&self.classes),
        }
    }
}

/// An unfitted estimator: learns a [`Predictor`] from data and one candidate's parameters `P`.
///
/// `Y` is the target type it accepts; an estimator may accept several (a regressor takes
/// `Array1<f32>` and `Array2<f32>`).
///
/// ```
/// use grid_core::estimator::{Estimator, Predictor, Task, TrainSet};
/// use ndarray::{Array1, ArrayView2};
/// /// Predicts the training mean plus an offset taken from the candidate.
/// struct Mean;
/// struct Fitted(f32);
/// impl Estimator<f32, Array1<f32>> for Mean {
///     type Fitted = Fitted;
///     fn task(&self) -> Task { Task::Regression }
///     fn fit(&self, offset: &f32, data: &TrainSet<'_, Array1<f32>>) -> grid_core::Result<Fitted> {
///         Ok(Fitted(data.y.mean().unwrap_or(0.0) + offset))
///     }
/// }
/// impl Predictor<Array1<f32>> for Fitted {
///     fn predict(&self, x: ArrayView2<'_, f32>) -> grid_core::Result<Array1<f32>> {
///         Ok(Array1::from_elem(x.nrows(), self.0))
///     }
/// }
/// let x = ndarray::Array2::<f32>::zeros((2, 1));
/// let y = ndarray::array![1.0_f32, 3.0];
/// let model = Mean.fit(&0.5, &TrainSet::new(x.view(), &y)).unwrap();
/// assert_eq!(model.predict(x.view()).unwrap(), ndarray::array![2.5_f32, 2.5]);
/// ```
pub trait Estimator<P, Y: Target>: Send + Sync {
    /// The fitted model.
    type Fitted: Predictor<Y>;

    /// Regression or classification.
    fn task(&self) -> Task;

    /// Fits a fresh model on `data` with the candidate's parameters.
    fn fit(&self, params: &P, data: &TrainSet<'_, Y>) -> Result<Self::Fitted>;

    /// About how many bytes fitting `params` on `data` allocates at its peak, if the estimator
    /// can tell (the default: `None`, unknown). A search runs fewer fits at once when their
    /// estimates would not fit in the available memory together, and fails a fit that would
    /// not fit alone with [`Error::OutOfMemory`](crate::Error::OutOfMemory), rather than let
    /// an allocation abort the process (see [`memory`](crate::memory)).
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Estimator, Strategy, TrainSet};
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![1.0_f32, 2.0, 3.0, 4.0]);
    /// assert_eq!(DummyRegressor.memory_estimate(&Strategy::Mean, &TrainSet::new(x.view(), &y)), None);
    /// ```
    fn memory_estimate(&self, _params: &P, _data: &TrainSet<'_, Y>) -> Option<u64> {
        None
    }

    /// `true` when `fit` takes missing values (NaN in `x`) and fills them itself, as a
    /// [`Pipeline`](crate::pipeline::Pipeline) does; the search then lets NaN through its
    /// checks of `x` (default `false`: NaN in `x` is an error before any fit).
    fn allows_missing(&self) -> bool {
        false
    }
}

/// A fitted model.
pub trait Predictor<Y: Target>: Send + Sync {
    /// Predicted targets, one per row of `x`.
    fn predict(&self, x: ArrayView2<'_, f32>) -> Result<Y>;

    /// Class probabilities (`n_samples x n_classes`, columns in sorted class order), for
    /// classifiers that have them; `None` otherwise.
    fn predict_proba(&self, _x: ArrayView2<'_, f32>) -> Result<Option<Array2<f32>>> {
        Ok(None)
    }

    /// The default score, as scikit-learn's `score`: R² (averaged over outputs) for real
    /// values, accuracy for labels.
    fn score(&self, x: ArrayView2<'_, f32>, y: &Y) -> Result<f64> {
        let pred = self.predict(x)?;
        // Number the classes of both sides, so a predicted label absent from `y` counts as wrong.
        let classes = Y::merge_classes(&y.classes(), &pred.classes());
        default_score(&y.encode(&classes)?, &pred.encode(&classes)?)
    }
}

fn default_score(truth: &Encoded, pred: &Encoded) -> Result<f64> {
    crate::metrics::Scoring::default_for(matches!(truth, Encoded::Labels { .. }))
        .score(&crate::metrics::Evaluation { y_true: truth, y_pred: pred, proba: None })
}

impl<P, Y: Target, E: Estimator<P, Y>> Estimator<P, Y> for &E {
    type Fitted = E::Fitted;

    fn task(&self) -> Task {
        (**self).task()
    }

    fn fit(&self, params: &P, data: &TrainSet<'_, Y>) -> Result<Self::Fitted> {
        (**self).fit(params, data)
    }

    fn memory_estimate(&self, params: &P, data: &TrainSet<'_, Y>) -> Option<u64> {
        (**self).memory_estimate(params, data)
    }

    fn allows_missing(&self) -> bool {
        (**self).allows_missing()
    }
}
