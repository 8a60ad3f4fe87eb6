//! `NeuralRegressor` (Keras' `KerasRegressor`) and the model it fits.

use std::path::Path;

use ndarray::{Array1, Array2, ArrayView2, Axis};

use super::config::HasFitParams;
use super::model::{model_accessors, FitRequest, Model};
use super::persist;
use super::rows::Rows;
use super::sequential::Sequential;
use super::validate::Problem;
use crate::data::{check_xy, Target};
use crate::error::{Error, Result};
use crate::estimator::{Estimator, Predictor, Task, TrainSet};
use crate::grid::Tunable;

/// A dfdx network regressor: fits the [`Sequential`] network a candidate's build function
/// returns, with the candidate's [`FitParams`](super::FitParams), to real-valued targets
/// (`Array1<f32>` for one output, `Array2<f32>` for several).
///
/// The loss is MSE unless `loss` says Mae or Huber; the history's metric is the MSE.
///
/// ```
/// use grid_core::estimator::{Estimator, Predictor, TrainSet};
/// use grid_core::nn::{Activation, FitParams, NetParams, NeuralRegressor, Sequential};
/// let x = ndarray::Array2::from_shape_fn((40, 2), |(i, j)| (i * (j + 1)) as f32 / 40.0);
/// let y = x.column(0).to_owned() * 2.0 - x.column(1).to_owned();
/// let params = NetParams::new(
///     Sequential::new(2).dense(8, Activation::Relu).dense(1, Activation::Linear),
///     FitParams { epochs: 20, batch_size: 8, ..FitParams::default() },
/// );
/// let model = NeuralRegressor::new().fit(&params, &TrainSet::new(x.view(), &y)).unwrap();
/// assert_eq!(model.history().epochs(), 20);
/// let pred: ndarray::Array1<f32> = model.predict(x.view()).unwrap();
/// assert_eq!(pred.len(), 40);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NeuralRegressor;

impl NeuralRegressor {
    /// The regressor (all its settings are the candidate's parameters).
    ///
    /// ```
    /// use grid_core::estimator::{Estimator, Task};
    /// use grid_core::nn::{NetParams, NeuralRegressor};
    /// let regressor = NeuralRegressor::new();
    /// assert_eq!(Estimator::<NetParams, ndarray::Array1<f32>>::task(&regressor), Task::Regression);
    /// ```
    pub fn new() -> Self {
        NeuralRegressor
    }
}

/// A fitted [`NeuralRegressor`]: predictions ([`Predictor::predict`] as `Array1<f32>` for one
/// output or `Array2<f32>`), the history, spec, fit parameters and weights, and
/// [`save`](Self::save) / [`load`](Self::load).
///
/// ```
/// use grid_core::estimator::{Estimator, Predictor, TrainSet};
/// use grid_core::nn::{Activation, FitParams, NetParams, NeuralRegressor, Sequential};
/// let x = ndarray::Array2::from_shape_fn((12, 2), |(i, j)| (i + j) as f32 / 12.0);
/// let y = x.column(0).to_owned();
/// let spec = Sequential::new(2).dense(4, Activation::Relu).dense(1, Activation::Linear);
/// let params = NetParams::new(spec.clone(), FitParams { epochs: 3, ..FitParams::default() });
/// let model = NeuralRegressor::new().fit(&params, &TrainSet::new(x.view(), &y)).unwrap();
///
/// let pred: ndarray::Array1<f32> = model.predict(x.view()).unwrap();
/// assert_eq!(pred.len(), 12);
/// assert_eq!(model.predict_matrix(x.view()).unwrap().dim(), (12, 1));
/// assert_eq!(model.n_outputs(), 1);
/// assert_eq!(model.history().epochs(), 3);
/// assert_eq!(model.history().metric_name, "mse");
/// assert_eq!(model.spec(), &spec);
/// assert_eq!(model.fit_params().epochs, 3);
/// let weights = model.weights();
/// assert_eq!((weights[0].0.dim(), weights[1].0.dim()), ((2, 4), (4, 1)));
/// ```
#[derive(Clone, Debug)]
pub struct FittedRegressor {
    model: Model,
}

/// Real-valued targets seen as an `n x outputs` matrix.
trait ValueTarget: Target {
    fn matrix(&self) -> ArrayView2<'_, f32>;
}

impl ValueTarget for Array1<f32> {
    fn matrix(&self) -> ArrayView2<'_, f32> {
        self.view().insert_axis(Axis(1))
    }
}

impl ValueTarget for Array2<f32> {
    fn matrix(&self) -> ArrayView2<'_, f32> {
        self.view()
    }
}

fn fit_values<P, Y>(params: &P, data: &TrainSet<'_, Y>) -> Result<FittedRegressor>
where
    P: Tunable<Output = Sequential> + HasFitParams,
    Y: ValueTarget,
{
    data.check()?;
    let y = data.y().matrix();
    if let Some((vx, vy)) = &data.validation() {
        check_xy(vx, *vy).map_err(in_validation)?;
        if vy.matrix().ncols() != y.ncols() {
            return Err(Error::ShapeMismatch {
                what: "number of columns of the validation y (columns of y)".into(),
                expected: y.ncols(),
                got: vy.matrix().ncols(),
            });
        }
    }
    let request = FitRequest {
        spec: params.build(&data.meta()),
        fit_params: params.fit_params(),
        problem: Problem::Regression { n_outputs: y.ncols() },
        n_features: data.n_features(),
        validation_x: data.validation().map(|(vx, _)| vx),
        seed: data.seed(),
    };
    let (x, index) = data.source_rows();
    let mut index = Some(index);
    let model = request.run(|_, validation| {
        Ok(match (data.validation(), validation) {
            (Some((vx, vy)), true) => Rows::values(vx, None, vy.matrix()),
            _ => Rows::values(x, index.take(), y),
        })
    })?;
    Ok(FittedRegressor { model })
}

/// Names the validation data in errors about it.
pub(crate) fn in_validation(e: Error) -> Error {
    match e {
        Error::Empty(what) => Error::Empty(format!("validation {what}")),
        Error::NonFinite { what, row, column, value } => {
            Error::NonFinite { what: format!("validation {what}"), row, column, value }
        }
        Error::ShapeMismatch { what, expected, got } => {
            Error::ShapeMismatch { what: format!("validation data: {what}"), expected, got }
        }
        other => other,
    }
}

impl<P: Tunable<Output = Sequential> + HasFitParams> Estimator<P, Array1<f32>> for NeuralRegressor {
    type Fitted = FittedRegressor;

    fn task(&self) -> Task {
        Task::Regression
    }

    fn fit(&self, params: &P, data: &TrainSet<'_, Array1<f32>>) -> Result<FittedRegressor> {
        fit_values(params, data)
    }
}

impl<P: Tunable<Output = Sequential> + HasFitParams> Estimator<P, Array2<f32>> for NeuralRegressor {
    type Fitted = FittedRegressor;

    fn task(&self) -> Task {
        Task::Regression
    }

    fn fit(&self, params: &P, data: &TrainSet<'_, Array2<f32>>) -> Result<FittedRegressor> {
        fit_values(params, data)
    }
}

impl FittedRegressor {
    model_accessors!();

    /// Number of outputs (columns of the predictions).
    pub fn n_outputs(&self) -> usize {
        self.model.net.n_outputs()
    }

    /// Predictions as an `n x outputs` matrix, whatever the number of outputs.
    pub fn predict_matrix(&self, x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
        self.model.net.outputs(x)
    }

    /// Saves the model into the directory `dir` (created if needed): `weights.safetensors`
    /// holds the weights, `model.json` the spec, fit parameters and history.
    ///
    /// ```
    /// # use grid_core::estimator::{Estimator, Predictor, TrainSet};
    /// # use grid_core::nn::{Activation, FitParams, FittedRegressor, NetParams, NeuralRegressor, Sequential};
    /// # let x = ndarray::Array2::from_shape_fn((10, 2), |(i, j)| (i + j) as f32);
    /// # let y = x.column(0).to_owned();
    /// # let params = NetParams::new(Sequential::new(2).dense(1, Activation::Linear),
    /// #     FitParams { epochs: 2, ..FitParams::default() });
    /// let model = NeuralRegressor::new().fit(&params, &TrainSet::new(x.view(), &y)).unwrap();
    /// let dir = std::env::temp_dir().join("gridcv-doc-regressor");
    /// model.save(&dir).unwrap();
    /// let loaded = FittedRegressor::load(&dir).unwrap();
    /// let (a, b): (ndarray::Array1<f32>, ndarray::Array1<f32>) =
    ///     (model.predict(x.view()).unwrap(), loaded.predict(x.view()).unwrap());
    /// assert_eq!(a, b);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn save(&self, dir: impl AsRef<Path>) -> Result<()> {
        persist::save(dir.as_ref(), &self.model, persist::Kind::Regressor, None::<&()>)
    }

    /// Loads a model saved by [`FittedRegressor::save`]. Missing, corrupt or mismatched files
    /// are errors.
    ///
    /// ```
    /// use grid_core::nn::FittedRegressor;
    /// let missing = std::env::temp_dir().join("gridcv-doc-no-such-model");
    /// assert!(matches!(FittedRegressor::load(&missing), Err(grid_core::Error::Io { .. })));
    /// ```
    pub fn load(dir: impl AsRef<Path>) -> Result<Self> {
        let (model, _) = persist::load::<()>(dir.as_ref(), persist::Kind::Regressor)?;
        Ok(FittedRegressor { model })
    }
}

impl Predictor<Array1<f32>> for FittedRegressor {
    fn predict(&self, x: ArrayView2<'_, f32>) -> Result<Array1<f32>> {
        if self.n_outputs() != 1 {
            return Err(Error::ShapeMismatch {
                what: "outputs of the network (a one-dimensional prediction needs one; use Array2)".into(),
                expected: 1,
                got: self.n_outputs(),
            });
        }
        Ok(self.predict_matrix(x)?.index_axis_move(Axis(1), 0))
    }
}

impl Predictor<Array2<f32>> for FittedRegressor {
    fn predict(&self, x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
        self.predict_matrix(x)
    }
}
