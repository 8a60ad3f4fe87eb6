//! Preprocessing steps fitted on training rows and applied to any rows, as scikit-learn's
//! transformers: scalers, an imputer, a one-hot encoder and a column selector.
//!
//! A step is a [`Transformer`] (settings) whose [`fit`](Transformer::fit) on the training rows
//! returns a [`Transform`] (the fitted statistics), which transforms any rows and, for the
//! scalers, inverts. Steps see each column's name and kind ([`Column`]): a categorical column
//! holds category codes (`k as f32` for its `k`-th category), a missing cell is NaN. Statistics
//! are computed in f64 over the present values and equal scikit-learn's on the same data
//! (`grid-core/tests/fixtures/preprocess.py` generates the fixtures the tests compare with).
//!
//! [`Step`] holds any step (and [`FittedStep`] any fitted one) so that a
//! [`Pipeline`](crate::pipeline::Pipeline) can list them, choose them per candidate and save
//! them with the model; [`Scaler`] is the choice of scaler as a grid axis.
//!
//! ```
//! use grid_core::preprocess::{numeric_columns, StandardScaler, Transform, Transformer};
//! let train = ndarray::array![[1.0_f32], [2.0], [3.0]];
//! let fitted = StandardScaler::default().fit(train.view(), &numeric_columns(1))?;
//! let test = fitted.transform(ndarray::array![[4.0_f32]].view())?;
//! assert!((test[[0, 0]] - 2.0 / (2.0_f32 / 3.0).sqrt()).abs() < 1e-6);
//! assert_eq!(fitted.inverse_transform(test.view())?, ndarray::array![[4.0_f32]]);
//! # Ok::<(), grid_core::Error>(())
//! ```

mod choice;
mod column_transformer;
mod columns;
mod imputer;
mod onehot;
mod scalers;
mod stats;
mod step;

pub use choice::Scaler;
pub use column_transformer::{
    ColumnSteps, ColumnTransformer, FittedColumnSteps, FittedColumnTransformer, Remainder,
};
pub use columns::{named_columns, numeric_columns, Column, ColumnKind};
pub use imputer::{FittedSimpleImputer, Imputation, SimpleImputer};
pub use onehot::{FittedOneHotEncoder, HandleUnknown, OneHotDrop, OneHotEncoder};
pub use scalers::{
    FittedMaxAbsScaler, FittedMinMaxScaler, FittedRobustScaler, FittedStandardScaler, MaxAbsScaler,
    MinMaxScaler, RobustScaler, StandardScaler,
};
pub use step::{fit_steps, transform_steps, FittedStep, Step};

pub(crate) use columns::check_width;

use ndarray::{Array2, ArrayView2};

use crate::error::{Error, Result};

/// A step's settings: fitting them on the training rows gives the fitted step.
pub trait Transformer {
    /// The fitted step.
    type Fitted: Transform;

    /// Learns the step's statistics from `x`, whose columns are described by `columns`.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] when `columns` does not describe `x`; [`Error::AllMissing`]
    /// for a column without a value; [`Error::InvalidParameter`] for a setting out of range or
    /// a column of the wrong kind.
    fn fit(&self, x: ArrayView2<'_, f32>, columns: &[Column]) -> Result<Self::Fitted>;
}

/// A fitted step.
pub trait Transform {
    /// The output columns (scikit-learn's `get_feature_names_out`, with their kinds).
    fn columns_out(&self) -> Vec<Column>;

    /// Transforms rows with the fitted statistics.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] when `x` has another number of columns than was fitted;
    /// [`Error::UnknownCategory`] for a category unseen in training (one-hot encoding with
    /// `handle_unknown` error).
    fn transform(&self, x: ArrayView2<'_, f32>) -> Result<Array2<f32>>;

    /// Undoes [`transform`](Self::transform), for the steps that can (the scalers).
    fn inverse_transform(&self, _x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
        Err(Error::invalid("inverse_transform", "this step cannot be inverted (only the scalers can)"))
    }
}
