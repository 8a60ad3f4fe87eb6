//! What `fit`, `validation_data`, `predict` and `score` accept: features and targets as owned
//! arrays, references to them or views (a slice of a larger table is never copied), in `f32` or
//! `f64`. `f32` data is borrowed as it is; `f64` data (what most ndarray and Python data is) is
//! converted to `f32` once, when the call starts.
//!
//! ```
//! use grid_core::input::{IntoFeatures, IntoTarget};
//! let table = ndarray::Array2::<f64>::from_shape_fn((10, 3), |(i, j)| (i * j) as f64);
//! let x = table.slice(ndarray::s![2..6, ..]).into_features();   // a view of f64, converted
//! assert_eq!(x.dim(), (4, 3));
//! let y = ndarray::array![1.0_f64, 2.0];
//! let y: std::borrow::Cow<'_, ndarray::Array1<f32>> = (&y).into_target();
//! assert_eq!(*y, ndarray::array![1.0_f32, 2.0]);
//! ```

use std::borrow::Cow;

use ndarray::{
    Array, Array1, Array2, ArrayBase, ArrayView, ArrayView1, ArrayView2, CowArray, Data, Dimension, Ix1, Ix2,
};

use crate::data::{Label, Target};

/// An element type features may come in: `f32` (used as it is) or `f64` (converted).
pub trait FeatureElement: Clone + 'static {
    /// The values as `f32`, borrowed when they already are.
    fn to_f32(view: ArrayView2<'_, Self>) -> CowArray<'_, f32, Ix2>;
    /// Owned values as `f32`, without a copy when they already are.
    fn owned_to_f32(array: Array2<Self>) -> Array2<f32>;
}

impl FeatureElement for f32 {
    fn to_f32(view: ArrayView2<'_, f32>) -> CowArray<'_, f32, Ix2> {
        CowArray::from(view)
    }
    fn owned_to_f32(array: Array2<f32>) -> Array2<f32> {
        array
    }
}

impl FeatureElement for f64 {
    fn to_f32(view: ArrayView2<'_, f64>) -> CowArray<'_, f32, Ix2> {
        CowArray::from(view.mapv(|v| v as f32))
    }
    fn owned_to_f32(array: Array2<f64>) -> Array2<f32> {
        array.mapv(|v| v as f32)
    }
}

/// Features `x` (one row per sample): `&Array2`, `ArrayView2` or `Array2`, of `f32` or `f64`.
/// An `f64` value beyond `f32`'s range becomes infinite and is rejected as
/// [`Error::NonFinite`](crate::Error::NonFinite), naming its row and column.
///
/// ```
/// use grid_core::input::IntoFeatures;
/// let x = ndarray::Array2::<f32>::zeros((3, 2));
/// assert!((&x).into_features().is_view()); // f32: borrowed, not copied
/// assert_eq!(x.view().into_features().dim(), (3, 2));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the features `x`",
    label = "expected a 2-D array of f32 or f64",
    note = "features are `&Array2<f32>`, `ArrayView2<f32>` or `Array2<f32>` (or the same of f64)"
)]
pub trait IntoFeatures<'a> {
    /// The features as `f32`, borrowed when possible.
    fn into_features(self) -> CowArray<'a, f32, Ix2>;
}

impl<'a, A: FeatureElement, S: Data<Elem = A>> IntoFeatures<'a> for &'a ArrayBase<S, Ix2> {
    fn into_features(self) -> CowArray<'a, f32, Ix2> {
        A::to_f32(self.view())
    }
}

impl<'a, A: FeatureElement> IntoFeatures<'a> for ArrayView2<'a, A> {
    fn into_features(self) -> CowArray<'a, f32, Ix2> {
        A::to_f32(self)
    }
}

impl<'a, A: FeatureElement> IntoFeatures<'a> for Array2<A> {
    fn into_features(self) -> CowArray<'a, f32, Ix2> {
        CowArray::from(A::owned_to_f32(self))
    }
}

/// An element of a one-dimensional target, and the target it makes: a real value (`f32` as it
/// is, `f64` converted) for `Array1<f32>`, or a class [`Label`] for `Array1<L>`.
pub trait TargetElement: Clone + 'static {
    /// The target an `Array1` of this element is read as.
    type Target: Target;
    /// The target, borrowed when it already is one.
    fn borrow_target(y: &Array1<Self>) -> Cow<'_, Self::Target>;
    /// The target, owned.
    fn owned_target(y: ArrayView1<'_, Self>) -> Self::Target;
}

impl TargetElement for f32 {
    type Target = Array1<f32>;
    fn borrow_target(y: &Array1<f32>) -> Cow<'_, Array1<f32>> {
        Cow::Borrowed(y)
    }
    fn owned_target(y: ArrayView1<'_, f32>) -> Array1<f32> {
        y.to_owned()
    }
}

impl TargetElement for f64 {
    type Target = Array1<f32>;
    fn borrow_target(y: &Array1<f64>) -> Cow<'_, Array1<f32>> {
        Cow::Owned(y.mapv(|v| v as f32))
    }
    fn owned_target(y: ArrayView1<'_, f64>) -> Array1<f32> {
        y.mapv(|v| v as f32)
    }
}

impl<L: Label> TargetElement for L {
    type Target = Array1<L>;
    fn borrow_target(y: &Array1<L>) -> Cow<'_, Array1<L>> {
        Cow::Borrowed(y)
    }
    fn owned_target(y: ArrayView1<'_, L>) -> Array1<L> {
        y.to_owned()
    }
}

/// A target `y` of type `Y`: a reference to or a view of an `Array1` of `f32`, `f64` (converted
/// once) or a [`Label`] type, or of an `Array2` of `f32` or `f64` (several outputs). Each of
/// them makes one target type, so `Y` never needs to be written.
///
/// ```
/// use grid_core::input::IntoTarget;
/// let labels = ndarray::array!["a", "b", "a"];
/// let y: std::borrow::Cow<'_, ndarray::Array1<&str>> = labels.slice(ndarray::s![1..]).into_target();
/// assert_eq!(*y, ndarray::array!["b", "a"]);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the target `y`",
    label = "not a target",
    note = "regression targets are `&Array1<f32>` or `&Array2<f32>` (f64 works too, converted), \
            classification targets `&Array1<L>` of a `Label` type; views of either work as well"
)]
pub trait IntoTarget<'a, Y: Target> {
    /// The target, borrowed when it already is a `Y`.
    fn into_target(self) -> Cow<'a, Y>;
}

/// How an array of this element with dimension `D` reads as a target: a one-dimensional array
/// of any [`TargetElement`], a two-dimensional one of `f32` or `f64` (several outputs). One
/// trait over the dimension, so an array whose dimension is still being inferred (the view
/// `s![..]` slices out) picks its target type without an annotation.
pub trait TargetOf<D: Dimension>: Clone + 'static {
    /// The target an array of this element and dimension is read as.
    type Target: Target;
    /// The target, borrowed when it already is one.
    fn borrow_target(y: &Array<Self, D>) -> Cow<'_, Self::Target>;
    /// The target, owned.
    fn owned_target(y: ArrayView<'_, Self, D>) -> Self::Target;
}

impl<A: TargetElement> TargetOf<Ix1> for A {
    type Target = A::Target;
    fn borrow_target(y: &Array1<A>) -> Cow<'_, A::Target> {
        TargetElement::borrow_target(y)
    }
    fn owned_target(y: ArrayView1<'_, A>) -> A::Target {
        TargetElement::owned_target(y)
    }
}

impl TargetOf<Ix2> for f32 {
    type Target = Array2<f32>;
    fn borrow_target(y: &Array2<f32>) -> Cow<'_, Array2<f32>> {
        Cow::Borrowed(y)
    }
    fn owned_target(y: ArrayView2<'_, f32>) -> Array2<f32> {
        y.to_owned()
    }
}

impl TargetOf<Ix2> for f64 {
    type Target = Array2<f32>;
    fn borrow_target(y: &Array2<f64>) -> Cow<'_, Array2<f32>> {
        Cow::Owned(y.mapv(|v| v as f32))
    }
    fn owned_target(y: ArrayView2<'_, f64>) -> Array2<f32> {
        y.mapv(|v| v as f32)
    }
}

impl<'a, A: TargetOf<D>, D: Dimension> IntoTarget<'a, A::Target> for &'a Array<A, D> {
    fn into_target(self) -> Cow<'a, A::Target> {
        A::borrow_target(self)
    }
}

impl<'a, A: TargetOf<D>, D: Dimension> IntoTarget<'a, A::Target> for ArrayView<'a, A, D> {
    fn into_target(self) -> Cow<'a, A::Target> {
        Cow::Owned(A::owned_target(self))
    }
}
