//! What a pipeline needs of a target: its values as a matrix, for target scaling.

use ndarray::{Array1, Array2, Axis};

use crate::data::{Label, Target};
use crate::error::{Error, Result};

/// A target a [`Pipeline`](super::Pipeline) accepts: real values can be scaled (as
/// scikit-learn's `TransformedTargetRegressor`), labels cannot.
///
/// ```
/// use grid_core::pipeline::PipelineTarget;
/// let y = ndarray::array![1.0_f32, 2.0];
/// let m = y.values().unwrap();
/// assert_eq!(m.dim(), (2, 1));
/// assert_eq!(<ndarray::Array1<f32>>::from_values(m).unwrap(), y);
/// assert!(ndarray::array![1_u8, 2].values().is_none());
/// ```
pub trait PipelineTarget: Target {
    /// The values as `n_samples x n_outputs`, `None` for labels.
    fn values(&self) -> Option<Array2<f32>>;
    /// The target from such a matrix (an error for labels).
    fn from_values(values: Array2<f32>) -> Result<Self>;
}

impl PipelineTarget for Array1<f32> {
    fn values(&self) -> Option<Array2<f32>> {
        Some(self.clone().insert_axis(Axis(1)))
    }
    fn from_values(values: Array2<f32>) -> Result<Self> {
        if values.ncols() != 1 {
            return Err(Error::ShapeMismatch {
                what: "columns of a one-dimensional target".into(),
                expected: 1,
                got: values.ncols(),
            });
        }
        Ok(values.index_axis_move(Axis(1), 0))
    }
}

impl PipelineTarget for Array2<f32> {
    fn values(&self) -> Option<Array2<f32>> {
        Some(self.clone())
    }
    fn from_values(values: Array2<f32>) -> Result<Self> {
        Ok(values)
    }
}

impl<L: Label> PipelineTarget for Array1<L> {
    fn values(&self) -> Option<Array2<f32>> {
        None
    }
    fn from_values(_: Array2<f32>) -> Result<Self> {
        Err(no_labels())
    }
}

/// The error of a target scaler on class labels.
pub(crate) fn no_labels() -> Error {
    Error::invalid("target_scaler", "class labels cannot be scaled: scale the target of a regressor only")
}
