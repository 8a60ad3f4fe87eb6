//! `NeuralRegressor` (Keras' `KerasRegressor`) and the model it fits.

use std::marker::PhantomData;
use std::path::Path;

use ndarray::{Array1, Array2, ArrayView2, Axis};

use super::config::FitParams;
use super::model::{memory_estimate, model_accessors, FitRequest, Model};
use super::persist;
use super::rows::Rows;
use super::sequential::Sequential;
use super::validate::Problem;
use crate::data::{check_xy, Target};
use crate::error::{Error, Result};
use crate::estimator::{Estimator, Predictor, Task, TrainSet};
use crate::grid::{HasFitParams, Tunable};
use crate::input::{IntoFeatures, IntoTarget};

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

/// A fitted [`NeuralRegressor`]: predictions ([`predict`](Self::predict)), the history, spec,
/// fit parameters and weights, and [`save`](Self::save) / [`load`](Self::load).
///
/// `Y` is the target it was fitted on, and what `predict` returns: `Array1<f32>` (one output,
/// the default: `FittedRegressor` is `FittedRegressor<Array1<f32>>`) or `Array2<f32>`
/// (several outputs), so `predict` needs no type annotation.
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
/// let pred = model.predict(&x).unwrap(); // an Array1<f32>: the target was one
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
pub struct FittedRegressor<Y = Array1<f32>> {
    model: Model,
    target: PhantomData<fn() -> Y>,
}

impl<Y> FittedRegressor<Y> {
    fn new(model: Model) -> Self {
        FittedRegressor { model, target: PhantomData }
    }
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

/// [`Estimator::memory_estimate`] of a regressor.
fn values_memory<P, Y>(params: &P, data: &TrainSet<'_, Y>) -> Option<u64>
where
    P: Tunable<Output = Sequential> + HasFitParams<FitParams = FitParams>,
    Y: ValueTarget,
{
    let problem = Problem::Regression { n_outputs: data.y().matrix().ncols() };
    let validation_rows = data.validation().map(|(vx, _)| vx.nrows());
    memory_estimate(
        &params.build(&data.meta()),
        params.fit_params(),
        problem,
        data.n_samples(),
        validation_rows,
    )
}

fn fit_values<P, Y>(params: &P, data: &TrainSet<'_, Y>) -> Result<FittedRegressor<Y>>
where
    P: Tunable<Output = Sequential> + HasFitParams<FitParams = FitParams>,
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
        fit_params: params.fit_params().clone(),
        problem: Problem::Regression { n_outputs: y.ncols() },
        n_features: data.n_features(),
        n_samples: data.n_samples(),
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
    Ok(FittedRegressor::new(model))
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

impl<P: Tunable<Output = Sequential> + HasFitParams<FitParams = FitParams>> Estimator<P, Array1<f32>>
    for NeuralRegressor
{
    type Fitted = FittedRegressor;

    fn task(&self) -> Task {
        Task::Regression
    }

    fn fit(&self, params: &P, data: &TrainSet<'_, Array1<f32>>) -> Result<FittedRegressor> {
        fit_values(params, data)
    }

    fn memory_estimate(&self, params: &P, data: &TrainSet<'_, Array1<f32>>) -> Option<u64> {
        values_memory(params, data)
    }
}

impl<P: Tunable<Output = Sequential> + HasFitParams<FitParams = FitParams>> Estimator<P, Array2<f32>>
    for NeuralRegressor
{
    type Fitted = FittedRegressor<Array2<f32>>;

    fn task(&self) -> Task {
        Task::Regression
    }

    fn fit(&self, params: &P, data: &TrainSet<'_, Array2<f32>>) -> Result<FittedRegressor<Array2<f32>>> {
        fit_values(params, data)
    }

    fn memory_estimate(&self, params: &P, data: &TrainSet<'_, Array2<f32>>) -> Option<u64> {
        values_memory(params, data)
    }
}

impl<Y> FittedRegressor<Y> {
    model_accessors!();

    /// Number of outputs (columns of the predictions).
    pub fn n_outputs(&self) -> usize {
        self.model.net.n_outputs()
    }

    /// Predictions as an `n x outputs` matrix, whatever the number of outputs.
    pub fn predict_matrix<'x>(&self, x: impl IntoFeatures<'x>) -> Result<Array2<f32>> {
        self.model.outputs(x.into_features().view())
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
}

impl<Y: Target> FittedRegressor<Y>
where
    Self: Predictor<Y>,
{
    /// Predictions for the rows of `x` (owned, a reference or a view, `f32` or `f64`): an
    /// `Array1<f32>` for a regressor fitted on one, an `Array2<f32>` for several outputs.
    ///
    /// ```
    /// # use grid_core::estimator::{Estimator, TrainSet};
    /// # use grid_core::nn::{Activation, FitParams, NetParams, NeuralRegressor, Sequential};
    /// let x = ndarray::Array2::from_shape_fn((10, 2), |(i, j)| (i + j) as f32);
    /// let y = ndarray::Array2::from_shape_fn((10, 3), |(i, j)| (i * j) as f32);
    /// let params = NetParams::new(Sequential::new(2).dense(3, Activation::Linear),
    ///     FitParams { epochs: 2, ..FitParams::default() });
    /// let model = NeuralRegressor::new().fit(&params, &TrainSet::new(x.view(), &y)).unwrap();
    /// assert_eq!(model.predict(&x).unwrap().dim(), (10, 3)); // an Array2<f32>, no annotation
    /// ```
    pub fn predict<'x>(&self, x: impl IntoFeatures<'x>) -> Result<Y> {
        Predictor::predict(self, x.into_features().view())
    }

    /// R² of the predictions for `x` against `y` (averaged over outputs), as scikit-learn's
    /// `score`.
    pub fn score<'x>(&self, x: impl IntoFeatures<'x>, y: impl IntoTarget<'x, Y>) -> Result<f64> {
        Predictor::score(self, x.into_features().view(), &y.into_target())
    }
}

impl FittedRegressor {
    /// The same model, predicting an `Array2<f32>` (one column per output): what a
    /// multi-output model [`load`](Self::load)ed from a file needs.
    ///
    /// ```
    /// # use grid_core::estimator::{Estimator, TrainSet};
    /// # use grid_core::nn::{Activation, FitParams, FittedRegressor, NetParams, NeuralRegressor, Sequential};
    /// # let x = ndarray::Array2::from_shape_fn((10, 2), |(i, j)| (i + j) as f32);
    /// # let y = ndarray::Array2::from_shape_fn((10, 2), |(i, j)| (i * j) as f32);
    /// # let params = NetParams::new(Sequential::new(2).dense(2, Activation::Linear),
    /// #     FitParams { epochs: 2, ..FitParams::default() });
    /// let model = NeuralRegressor::new().fit(&params, &TrainSet::new(x.view(), &y)).unwrap();
    /// let dir = std::env::temp_dir().join("gridcv-doc-multi-output");
    /// model.save(&dir).unwrap();
    /// let loaded = FittedRegressor::load(&dir).unwrap().into_multi_output();
    /// assert_eq!(loaded.predict(&x).unwrap(), model.predict(&x).unwrap());
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn into_multi_output(self) -> FittedRegressor<Array2<f32>> {
        FittedRegressor::new(self.model)
    }

    /// Loads a model saved by [`FittedRegressor::save`], predicting `Array1<f32>`; a
    /// multi-output model then takes [`into_multi_output`](Self::into_multi_output). Missing,
    /// corrupt or mismatched files are errors.
    ///
    /// ```
    /// use grid_core::nn::FittedRegressor;
    /// let missing = std::env::temp_dir().join("gridcv-doc-no-such-model");
    /// assert!(matches!(FittedRegressor::load(&missing), Err(grid_core::Error::Io { .. })));
    /// ```
    pub fn load(dir: impl AsRef<Path>) -> Result<Self> {
        let (model, _) = persist::load::<()>(dir.as_ref(), persist::Kind::Regressor)?;
        Ok(FittedRegressor::new(model))
    }
}

impl Predictor<Array1<f32>> for FittedRegressor {
    fn predict(&self, x: ArrayView2<'_, f32>) -> Result<Array1<f32>> {
        if self.n_outputs() != 1 {
            return Err(Error::ShapeMismatch {
                what: "outputs of the network (a one-dimensional prediction needs one; \
                       `into_multi_output()` predicts an Array2)"
                    .into(),
                expected: 1,
                got: self.n_outputs(),
            });
        }
        Ok(self.predict_matrix(x)?.index_axis_move(Axis(1), 0))
    }
}

impl Predictor<Array2<f32>> for FittedRegressor<Array2<f32>> {
    fn predict(&self, x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
        self.predict_matrix(x)
    }
}
