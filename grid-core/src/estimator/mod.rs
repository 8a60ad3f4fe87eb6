//! The estimator traits: small enough that the dfdx networks are one implementation among others.

mod dummy;

pub use dummy::{DummyModel, DummyRegressor, Strategy};

use std::borrow::Cow;

use ndarray::{Array2, ArrayView1, ArrayView2, Axis, CowArray, Ix2};

use crate::data::{check_xy, Encoded, Target};
use crate::error::{Error, Result};

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

/// The data one fit learns from: rows of a feature matrix, their targets, the classes of the
/// whole problem, optional validation data and the fit's seed.
///
/// The rows may be a subset of a larger `x` picked by index (a cross-validation fold): they
/// are read in place, never copied, so a search's memory does not grow with its folds. Read
/// them through [`n_samples`](Self::n_samples), [`row`](Self::row) and
/// [`gather_rows`](Self::gather_rows) (no copy beyond what you ask for), or as one matrix with
/// [`x`](Self::x) (borrowed when the rows are all of `x` in order, a copy otherwise).
///
/// ```
/// use grid_core::estimator::TrainSet;
/// let x = ndarray::array![[1.0_f32, 2.0], [3.0, 4.0], [5.0, 6.0]];
/// let y = ndarray::array![1_u8, 2, 1];
/// let data = TrainSet::new(x.view(), &y);
/// assert_eq!(data.classes(), &vec![1, 2]);
/// assert_eq!(data.meta().n_classes, 2);
/// // Rows 2 and 0 only, read in place.
/// let fold = data.select(&[2, 0]);
/// assert_eq!((fold.n_samples(), fold.n_features()), (2, 2));
/// assert_eq!(fold.row(0), ndarray::array![5.0_f32, 6.0]);
/// assert_eq!(fold.y(), &ndarray::array![1_u8, 1]);
/// assert_eq!(fold.x(), ndarray::array![[5.0_f32, 6.0], [1.0, 2.0]]);
/// ```
#[derive(Clone, Debug)]
pub struct TrainSet<'a, Y: Target> {
    /// The matrix the rows are read from.
    source: ArrayView2<'a, f32>,
    /// Which rows of `source`, in order; all of them when `None`.
    rows: Option<Cow<'a, [usize]>>,
    y: Targets<'a, Y>,
    classes: Y::Classes,
    validation: Option<(ArrayView2<'a, f32>, &'a Y)>,
    seed: u64,
}

/// The targets of a [`TrainSet`]: borrowed, or selected for a subset.
#[derive(Clone, Debug)]
enum Targets<'a, Y> {
    Borrowed(&'a Y),
    Owned(Y),
}

impl<'a, Y: Target> TrainSet<'a, Y> {
    /// Training data with classes taken from `y`, no validation data and seed 0.
    pub fn new(x: ArrayView2<'a, f32>, y: &'a Y) -> Self {
        TrainSet {
            source: x,
            rows: None,
            y: Targets::Borrowed(y),
            classes: y.classes(),
            validation: None,
            seed: 0,
        }
    }

    /// The rows `rows` of `x` (read in place), with their targets `y` (one per index, in the
    /// same order) and the classes of the whole problem.
    ///
    /// ```
    /// # use grid_core::estimator::TrainSet;
    /// let x = ndarray::array![[1.0_f32], [2.0], [3.0]];
    /// let y = ndarray::array![0.5_f32, 1.5];
    /// let data = TrainSet::from_rows(x.view(), &[2, 1], &y, ());
    /// assert_eq!(data.x(), ndarray::array![[3.0_f32], [2.0]]);
    /// ```
    ///
    /// # Panics
    /// When an index is not a row of `x` (the search engine checks its splits before).
    pub fn from_rows(x: ArrayView2<'a, f32>, rows: &'a [usize], y: &'a Y, classes: Y::Classes) -> Self {
        assert!(rows.iter().all(|&r| r < x.nrows()), "every index of a TrainSet is a row of x");
        TrainSet {
            source: x,
            rows: Some(Cow::Borrowed(rows)),
            y: Targets::Borrowed(y),
            classes,
            validation: None,
            seed: 0,
        }
    }

    /// The same data with the classes of the whole problem (a training subset may lack some).
    ///
    /// ```
    /// # let x = ndarray::Array2::<f32>::zeros((2, 1)); let y = ndarray::array![1_u8, 1];
    /// let data = grid_core::estimator::TrainSet::new(x.view(), &y).with_classes(vec![0, 1]);
    /// assert_eq!(data.classes(), &vec![0, 1]);
    /// ```
    pub fn with_classes(mut self, classes: Y::Classes) -> Self {
        self.classes = classes;
        self
    }

    /// The same data with another seed.
    ///
    /// ```
    /// # let x = ndarray::Array2::<f32>::zeros((1, 1)); let y = ndarray::array![1.0_f32];
    /// let data = grid_core::estimator::TrainSet::new(x.view(), &y).with_seed(7);
    /// assert_eq!(data.seed(), 7);
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
    /// assert!(data.validation().is_some());
    /// ```
    pub fn with_validation(mut self, x: ArrayView2<'a, f32>, y: &'a Y) -> Self {
        self.validation = Some((x, y));
        self
    }

    /// The rows at positions `positions` of this set (a subset, in that order), read in place;
    /// their targets are selected, everything else is kept.
    ///
    /// ```
    /// # let x = ndarray::array![[1.0_f32], [2.0], [3.0]]; let y = ndarray::array![1.0_f32, 2.0, 3.0];
    /// let data = grid_core::estimator::TrainSet::new(x.view(), &y).with_seed(4);
    /// let half = data.select(&[1, 2]).select(&[1]);
    /// assert_eq!(half.x(), ndarray::array![[3.0_f32]]);
    /// assert_eq!((half.y(), half.seed()), (&ndarray::array![3.0_f32], 4));
    /// ```
    ///
    /// # Panics
    /// When a position is not below [`n_samples`](Self::n_samples).
    pub fn select(&self, positions: &[usize]) -> TrainSet<'a, Y> {
        let rows = positions.iter().map(|&p| self.source_row(p)).collect::<Vec<_>>();
        TrainSet {
            source: self.source,
            rows: Some(Cow::Owned(rows)),
            y: Targets::Owned(self.y().select(positions)),
            classes: self.classes.clone(),
            validation: self.validation,
            seed: self.seed,
        }
    }

    /// Number of rows (samples).
    pub fn n_samples(&self) -> usize {
        self.rows.as_ref().map_or(self.source.nrows(), |r| r.len())
    }

    /// Number of feature columns.
    pub fn n_features(&self) -> usize {
        self.source.ncols()
    }

    /// The features of row `i` (`0..n_samples()`), read in place.
    ///
    /// # Panics
    /// When `i` is not below [`n_samples`](Self::n_samples).
    pub fn row(&self, i: usize) -> ArrayView1<'a, f32> {
        self.source.index_axis_move(Axis(0), self.source_row(i))
    }

    /// Copies the rows at `positions` into `out`, row-major (`positions.len() x n_features()`
    /// values): a minibatch without copying the whole set.
    ///
    /// ```
    /// # let x = ndarray::array![[1.0_f32, 2.0], [3.0, 4.0]]; let y = ndarray::array![1.0_f32, 2.0];
    /// let data = grid_core::estimator::TrainSet::new(x.view(), &y);
    /// let mut batch = [0.0; 4];
    /// data.gather_rows(&[1, 0], &mut batch);
    /// assert_eq!(batch, [3.0, 4.0, 1.0, 2.0]);
    /// ```
    ///
    /// # Panics
    /// When `out` has another length or a position is not below `n_samples()`.
    pub fn gather_rows(&self, positions: &[usize], out: &mut [f32]) {
        let f = self.n_features();
        assert_eq!(out.len(), positions.len() * f, "out holds positions.len() x n_features() values");
        for (&p, dst) in positions.iter().zip(out.chunks_exact_mut(f.max(1))) {
            let src = self.row(p);
            match src.as_slice() {
                Some(s) => dst.copy_from_slice(s),
                None => dst.iter_mut().zip(src.iter()).for_each(|(d, s)| *d = *s),
            }
        }
    }

    /// All the rows as one matrix: borrowed when they are all of `x` in order, else a copy
    /// (prefer [`row`](Self::row) or [`gather_rows`](Self::gather_rows) on large data).
    pub fn x(&self) -> CowArray<'a, f32, Ix2> {
        match &self.rows {
            None => CowArray::from(self.source),
            Some(rows) => CowArray::from(self.source.select(Axis(0), rows)),
        }
    }

    /// The targets, one per row.
    pub fn y(&self) -> &Y {
        match &self.y {
            Targets::Borrowed(y) => y,
            Targets::Owned(y) => y,
        }
    }

    /// The classes of the whole data set (a training fold may lack some of them).
    pub fn classes(&self) -> &Y::Classes {
        &self.classes
    }

    /// Explicit validation data (Keras' `validation_data`), if any.
    pub fn validation(&self) -> Option<(ArrayView2<'a, f32>, &'a Y)> {
        self.validation
    }

    /// Seed of this fit: weights, shuffling and dropout derive from it alone.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Checks the rows and targets as [`check_xy`] checks a matrix:
    /// rows and columns present, one target per row, every value finite (rows are numbered
    /// within this set).
    ///
    /// ```
    /// # let x = ndarray::array![[1.0_f32], [f32::NAN]]; let y = ndarray::array![1.0_f32, 2.0];
    /// let data = grid_core::estimator::TrainSet::new(x.view(), &y);
    /// assert!(data.select(&[0]).check().is_ok());
    /// assert!(data.check().is_err());
    /// ```
    pub fn check(&self) -> Result<()> {
        if self.rows.is_none() {
            return check_xy(&self.source, self.y());
        }
        if self.n_samples() == 0 {
            return Err(Error::Empty("x".into()));
        }
        if self.n_features() == 0 {
            return Err(Error::Empty("x (it has no feature columns)".into()));
        }
        if self.y().n_samples() != self.n_samples() {
            return Err(Error::ShapeMismatch {
                what: "number of samples in y (must equal the rows of x)".into(),
                expected: self.n_samples(),
                got: self.y().n_samples(),
            });
        }
        for row in 0..self.n_samples() {
            if let Some((column, v)) = self.row(row).iter().enumerate().find(|(_, v)| !v.is_finite()) {
                return Err(Error::NonFinite { what: "x".into(), row, column, value: f64::from(*v) });
            }
        }
        self.y().check("y")
    }

    /// The problem's shape, as build functions see it.
    pub fn meta(&self) -> crate::grid::Meta {
        crate::grid::Meta {
            n_features: self.n_features(),
            n_outputs: self.y().n_outputs(&self.classes),
            n_classes: Y::n_classes(&self.classes),
        }
    }

    /// The matrix the rows are read from and the row of it each row of this set is.
    pub(crate) fn source_rows(&self) -> (ArrayView2<'a, f32>, Vec<usize>) {
        let index = match &self.rows {
            None => (0..self.source.nrows()).collect(),
            Some(rows) => rows.to_vec(),
        };
        (self.source, index)
    }

    /// The row of `source` holding row `i` of this set.
    fn source_row(&self, i: usize) -> usize {
        match &self.rows {
            None => {
                assert!(i < self.source.nrows(), "row {i} of a TrainSet of {} rows", self.source.nrows());
                i
            }
            Some(rows) => rows[i],
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
///         Ok(Fitted(data.y().mean().unwrap_or(0.0) + offset))
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
    /// not fit alone with [`Error::OutOfMemory`], rather than let
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
