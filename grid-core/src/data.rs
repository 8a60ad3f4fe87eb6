//! Targets (`y`) and labels: what estimators learn to predict, and the neutral form metrics read.

use std::fmt::Debug;
use std::hash::Hash;

use ndarray::{Array1, Array2, Axis};

use crate::error::{Error, Result};

/// A class label: any ordered, hashable value (integers, strings, `bool`, `char`, or your own enum
/// once you write `impl Label for MyEnum {}`). Classes are numbered in sorted order, as
/// scikit-learn's `LabelEncoder` does.
///
/// ```
/// use grid_core::data::Label;
/// #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
/// enum Species { Setosa, Versicolor }
/// impl Label for Species {}
/// ```
pub trait Label: Clone + Ord + Hash + Debug + Send + Sync + 'static {}

macro_rules! impl_label {
    ($($t:ty),*) => { $(impl Label for $t {})* };
}
impl_label!(bool, char, u8, u16, u32, u64, usize, i8, i16, i32, i64, isize, String, &'static str);

/// A target in the form metrics and splitters read: real values (one column per output) or
/// class indices into the sorted class list.
///
/// ```
/// use grid_core::data::{Encoded, Target};
/// let y = ndarray::array![2_u8, 0, 2];
/// let classes = y.classes();
/// assert_eq!(classes, vec![0, 2]);
/// assert!(matches!(y.encode(&classes).unwrap(), Encoded::Labels { ref labels, n_classes: 2 } if labels == &[1, 0, 1]));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Encoded {
    /// Real-valued targets, `n_samples x n_outputs`.
    Values(Array2<f64>),
    /// Class indices in `0..n_classes`.
    Labels {
        /// One class index per sample.
        labels: Vec<usize>,
        /// Number of classes of the whole data set (not only those present here).
        n_classes: usize,
    },
}

impl Encoded {
    /// Number of samples.
    ///
    /// ```
    /// use grid_core::data::Encoded;
    /// assert_eq!(Encoded::Labels { labels: vec![0, 1], n_classes: 2 }.len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        match self {
            Encoded::Values(v) => v.nrows(),
            Encoded::Labels { labels, .. } => labels.len(),
        }
    }

    /// `true` when there are no samples.
    ///
    /// ```
    /// use grid_core::data::Encoded;
    /// assert!(Encoded::Labels { labels: vec![], n_classes: 2 }.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends the samples of `more` (predictions of further rows): an error when it is not
    /// the same kind, width or number of classes.
    pub(crate) fn append(&mut self, more: Encoded) -> Result<()> {
        let mismatch =
            || Error::invalid("predict", "predictions of one model differ in kind or width between rows");
        match (self, more) {
            (Encoded::Values(all), Encoded::Values(v)) => {
                all.append(Axis(0), v.view()).map_err(|_| mismatch())
            }
            (Encoded::Labels { labels, n_classes }, Encoded::Labels { labels: more, n_classes: n })
                if *n_classes == n =>
            {
                labels.extend(more);
                Ok(())
            }
            _ => Err(mismatch()),
        }
    }
}

/// What an estimator learns to predict: the `y` of `fit(&x, &y)`.
///
/// Implemented for `Array1<f32>` (one regression output), `Array2<f32>` (several outputs) and
/// `Array1<L>` for any [`Label`] (classification).
///
/// ```
/// use grid_core::data::Target;
/// let y = ndarray::array![1.0_f32, 2.0, 3.0];
/// assert_eq!(Target::select(&y, &[2, 0]), ndarray::array![3.0_f32, 1.0]);
/// assert!(ndarray::array![1.0_f32, f32::NAN].check("y").is_err());
/// ```
pub trait Target: Clone + Debug + Send + Sync + 'static {
    /// The classes of a classification target (sorted, distinct); `()` for regression.
    type Classes: Clone + Debug + PartialEq + Send + Sync + 'static;
    /// `true` for class labels, `false` for real values.
    const IS_LABELS: bool;

    /// Number of samples (rows).
    fn n_samples(&self) -> usize;
    /// The rows at `indices`, in that order.
    fn select(&self, indices: &[usize]) -> Self;
    /// The rows of several targets, one after the other (inverse of `select` over a partition).
    fn concat(parts: &[Self]) -> Result<Self>;
    /// Rejects NaN and infinite values, naming `what` in the error.
    fn check(&self, what: &str) -> Result<()>;
    /// The sorted distinct classes (for regression, `()`).
    fn classes(&self) -> Self::Classes;
    /// The sorted union of two class lists.
    fn merge_classes(a: &Self::Classes, b: &Self::Classes) -> Self::Classes;
    /// Output width a model needs: number of columns, or number of classes.
    fn n_outputs(&self, classes: &Self::Classes) -> usize;
    /// Number of classes (0 for regression).
    fn n_classes(classes: &Self::Classes) -> usize;
    /// The neutral form metrics and stratified splitters read, numbering labels as in `classes`.
    fn encode(&self, classes: &Self::Classes) -> Result<Encoded>;
}

fn check_finite<'a>(what: &str, values: impl Iterator<Item = (usize, usize, &'a f32)>) -> Result<()> {
    for (row, column, &v) in values {
        if !v.is_finite() {
            return Err(Error::NonFinite { what: what.to_string(), row, column, value: v as f64 });
        }
    }
    Ok(())
}

impl Target for Array1<f32> {
    type Classes = ();
    const IS_LABELS: bool = false;

    fn concat(parts: &[Self]) -> Result<Self> {
        Ok(parts.iter().flat_map(|p| p.iter().copied()).collect())
    }

    fn n_samples(&self) -> usize {
        self.len()
    }
    fn select(&self, indices: &[usize]) -> Self {
        ndarray::ArrayBase::select(self, Axis(0), indices)
    }
    fn check(&self, what: &str) -> Result<()> {
        check_finite(what, self.iter().enumerate().map(|(i, v)| (i, 0, v)))
    }
    fn classes(&self) {}
    fn merge_classes(_: &(), _: &()) {}
    fn n_outputs(&self, _: &()) -> usize {
        1
    }
    fn n_classes(_: &()) -> usize {
        0
    }
    fn encode(&self, _: &()) -> Result<Encoded> {
        Ok(Encoded::Values(self.mapv(f64::from).insert_axis(Axis(1))))
    }
}

impl Target for Array2<f32> {
    type Classes = ();
    const IS_LABELS: bool = false;

    fn concat(parts: &[Self]) -> Result<Self> {
        let views: Vec<_> = parts.iter().map(|p| p.view()).collect();
        ndarray::concatenate(Axis(0), &views).map_err(|e| Error::invalid("y", e.to_string()))
    }

    fn n_samples(&self) -> usize {
        self.nrows()
    }
    fn select(&self, indices: &[usize]) -> Self {
        ndarray::ArrayBase::select(self, Axis(0), indices)
    }
    fn check(&self, what: &str) -> Result<()> {
        check_finite(what, self.indexed_iter().map(|((r, c), v)| (r, c, v)))
    }
    fn classes(&self) {}
    fn merge_classes(_: &(), _: &()) {}
    fn n_outputs(&self, _: &()) -> usize {
        self.ncols()
    }
    fn n_classes(_: &()) -> usize {
        0
    }
    fn encode(&self, _: &()) -> Result<Encoded> {
        Ok(Encoded::Values(self.mapv(f64::from)))
    }
}

impl<L: Label> Target for Array1<L> {
    type Classes = Vec<L>;
    const IS_LABELS: bool = true;

    fn concat(parts: &[Self]) -> Result<Self> {
        Ok(parts.iter().flat_map(|p| p.iter().cloned()).collect())
    }

    fn n_samples(&self) -> usize {
        self.len()
    }
    fn select(&self, indices: &[usize]) -> Self {
        indices.iter().map(|&i| self[i].clone()).collect()
    }
    fn check(&self, _: &str) -> Result<()> {
        Ok(())
    }
    fn classes(&self) -> Vec<L> {
        let mut classes: Vec<L> = self.iter().cloned().collect();
        classes.sort_unstable();
        classes.dedup();
        classes
    }
    fn merge_classes(a: &Vec<L>, b: &Vec<L>) -> Vec<L> {
        let mut all: Vec<L> = a.iter().chain(b).cloned().collect();
        all.sort_unstable();
        all.dedup();
        all
    }
    fn n_outputs(&self, classes: &Vec<L>) -> usize {
        classes.len()
    }
    fn n_classes(classes: &Vec<L>) -> usize {
        classes.len()
    }
    fn encode(&self, classes: &Vec<L>) -> Result<Encoded> {
        let labels = self
            .iter()
            .map(|l| classes.binary_search(l).map_err(|_| Error::UnknownLabel(format!("{l:?}"))))
            .collect::<Result<Vec<_>>>()?;
        Ok(Encoded::Labels { labels, n_classes: classes.len() })
    }
}

/// As [`check_xy`], with NaN allowed in `x` (a missing value, for estimators that fill them
/// in, such as a pipeline with an imputer); infinities are still errors.
///
/// ```
/// use grid_core::data::check_xy_missing;
/// let y = ndarray::array![1.0_f32, 2.0];
/// assert!(check_xy_missing(&ndarray::array![[f32::NAN], [1.0]].view(), &y).is_ok());
/// assert!(check_xy_missing(&ndarray::array![[f32::INFINITY], [1.0]].view(), &y).is_err());
/// ```
pub fn check_xy_missing<Y: Target>(x: &ndarray::ArrayView2<'_, f32>, y: &Y) -> Result<()> {
    let present = x.mapv(|v| if v.is_nan() { 0.0 } else { v });
    check_xy(&present.view(), y)
}

/// Checks that `x` is non-empty, finite, and has as many rows as `y` has samples.
///
/// ```
/// use grid_core::data::check_xy;
/// let x = ndarray::Array2::<f32>::zeros((3, 2));
/// assert!(check_xy(&x.view(), &ndarray::array![1.0_f32, 2.0, 3.0]).is_ok());
/// assert!(check_xy(&x.view(), &ndarray::array![1.0_f32]).is_err());
/// ```
pub fn check_xy<Y: Target>(x: &ndarray::ArrayView2<'_, f32>, y: &Y) -> Result<()> {
    if x.nrows() == 0 {
        return Err(Error::Empty("x".into()));
    }
    if x.ncols() == 0 {
        return Err(Error::Empty("x (it has no feature columns)".into()));
    }
    if y.n_samples() != x.nrows() {
        return Err(Error::ShapeMismatch {
            what: "number of samples in y (must equal the rows of x)".into(),
            expected: x.nrows(),
            got: y.n_samples(),
        });
    }
    check_finite("x", x.indexed_iter().map(|((r, c), v)| (r, c, v)))?;
    y.check("y")
}
