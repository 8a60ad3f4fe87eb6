//! A baseline regressor that ignores the features, as scikit-learn's `DummyRegressor`: the
//! score any real model must beat, and the smallest estimator to show the engine with.

use ndarray::{Array1, ArrayView2};
use serde::{Deserialize, Serialize};

use super::{Estimator, Predictor, Task, TrainSet};
use crate::error::{Error, Result};

/// What [`DummyRegressor`] predicts.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Strategy {
    /// The mean of the training targets.
    Mean,
    /// The median of the training targets.
    Median,
    /// A fixed value.
    Constant(f32),
}

impl std::fmt::Display for Strategy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Strategy::Mean => f.write_str("mean"),
            Strategy::Median => f.write_str("median"),
            Strategy::Constant(c) => write!(f, "constant {c}"),
        }
    }
}

/// Predicts one value for every row, chosen by its [`Strategy`] candidate.
///
/// ```
/// use grid_core::estimator::{DummyRegressor, Estimator, Predictor, Strategy, TrainSet};
/// let x = ndarray::Array2::<f32>::zeros((3, 1));
/// let y = ndarray::array![1.0_f32, 2.0, 9.0];
/// let model = DummyRegressor.fit(&Strategy::Median, &TrainSet::new(x.view(), &y))?;
/// assert_eq!(model.predict(x.view())?, ndarray::array![2.0_f32, 2.0, 2.0]);
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct DummyRegressor;

/// A fitted [`DummyRegressor`]: the value it predicts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DummyModel(pub f32);

impl Estimator<Strategy, Array1<f32>> for DummyRegressor {
    type Fitted = DummyModel;

    fn task(&self) -> Task {
        Task::Regression
    }

    fn fit(&self, strategy: &Strategy, data: &TrainSet<'_, Array1<f32>>) -> Result<DummyModel> {
        if data.y().is_empty() {
            return Err(Error::Empty("y".into()));
        }
        let value = match *strategy {
            Strategy::Mean => {
                data.y().iter().map(|&v| f64::from(v)).sum::<f64>() as f32 / data.y().len() as f32
            }
            Strategy::Median => {
                let mut v = data.y().to_vec();
                v.sort_by(f32::total_cmp);
                let mid = v.len() / 2;
                if v.len() % 2 == 1 {
                    v[mid]
                } else {
                    (v[mid - 1] + v[mid]) / 2.0
                }
            }
            Strategy::Constant(c) => c,
        };
        Ok(DummyModel(value))
    }
}

impl Predictor<Array1<f32>> for DummyModel {
    fn predict(&self, x: ArrayView2<'_, f32>) -> Result<Array1<f32>> {
        Ok(Array1::from_elem(x.nrows(), self.0))
    }
}
