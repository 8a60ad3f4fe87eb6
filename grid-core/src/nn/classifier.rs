//! `NeuralClassifier` (Keras' `KerasClassifier`) and the model it fits.

use std::path::Path;

use ndarray::{Array1, Array2, ArrayView2};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::config::FitParams;
use super::model::{memory_estimate, model_accessors, FitRequest, Model};
use super::objective::predicted_class;
use super::persist;
use super::regressor::in_validation;
use super::rows::Rows;
use super::sequential::Sequential;
use super::validate::{Head, Problem};
use crate::data::{check_xy, Encoded, Label, Target};
use crate::error::Result;
use crate::estimator::{Estimator, Predictor, Task, TrainSet};
use crate::grid::{HasFitParams, Tunable};
use crate::input::{IntoFeatures, IntoTarget};

/// A dfdx network classifier: fits the [`Sequential`] network a candidate's build function
/// returns to class labels (`Array1<L>` for any [`Label`]), minimizing the cross-entropy.
///
/// The output layer has one unit per class with Softmax (or Linear, read as logits): the
/// softmax is folded into the loss. For two classes a single unit with Sigmoid (or Linear)
/// works too, trained with the binary cross-entropy. Classes come from
/// [`TrainSet::classes`], so a training fold that lacks a class still gets a full-width output.
///
/// ```
/// use grid_core::estimator::{Estimator, Predictor, TrainSet};
/// use grid_core::nn::{Activation, FitParams, NetParams, NeuralClassifier, Sequential};
/// let x = ndarray::Array2::from_shape_fn((40, 1), |(i, _)| i as f32 / 40.0 - 0.5);
/// let y: ndarray::Array1<&str> = x.column(0).iter().map(|&v| if v > 0.0 { "up" } else { "down" }).collect();
/// let params = NetParams::new(
///     Sequential::new(1).dense(2, Activation::Softmax),
///     FitParams { epochs: 5, batch_size: 8, ..FitParams::default() },
/// );
/// let model = NeuralClassifier::new().fit(&params, &TrainSet::new(x.view(), &y)).unwrap();
/// assert_eq!(model.classes(), &["down", "up"]);
/// let proba = model.predict_proba(&x).unwrap();
/// assert_eq!(proba.dim(), (40, 2));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NeuralClassifier;

impl NeuralClassifier {
    /// The classifier (all its settings are the candidate's parameters).
    ///
    /// ```
    /// use grid_core::estimator::{Estimator, Task};
    /// use grid_core::nn::{NetParams, NeuralClassifier};
    /// let classifier = NeuralClassifier::new();
    /// assert_eq!(Estimator::<NetParams, ndarray::Array1<u8>>::task(&classifier), Task::Classification);
    /// ```
    pub fn new() -> Self {
        NeuralClassifier
    }
}

/// A fitted [`NeuralClassifier`]: predicted labels ([`predict`](Self::predict)), class
/// probabilities ([`predict_proba`](Self::predict_proba)), the classes, history, spec, fit
/// parameters and weights, and [`save`](Self::save) / [`load`](Self::load).
///
/// ```
/// use grid_core::estimator::{Estimator, Predictor, TrainSet};
/// use grid_core::nn::{Activation, FitParams, NetParams, NeuralClassifier, Sequential};
/// let x = ndarray::Array2::from_shape_fn((12, 2), |(i, j)| (i * (j + 1)) as f32 / 12.0);
/// let y: ndarray::Array1<char> = (0..12).map(|i| if i < 6 { 'a' } else { 'b' }).collect();
/// let spec = Sequential::new(2).dense(2, Activation::Softmax);
/// let params = NetParams::new(spec.clone(), FitParams { epochs: 3, ..FitParams::default() });
/// let model = NeuralClassifier::new().fit(&params, &TrainSet::new(x.view(), &y)).unwrap();
///
/// assert_eq!(model.classes(), &['a', 'b']);
/// let labels = model.predict(&x).unwrap();
/// assert!(labels.iter().all(|c| model.classes().contains(c)));
/// let proba = model.predict_proba(&x).unwrap();
/// assert_eq!(proba.dim(), (12, 2));
/// assert!(proba.rows().into_iter().all(|r| (r.sum() - 1.0).abs() < 1e-5));
/// assert_eq!(model.history().epochs(), 3);
/// assert_eq!(model.history().metric_name, "accuracy");
/// assert_eq!(model.spec(), &spec);
/// assert_eq!(model.fit_params().epochs, 3);
/// assert_eq!(model.weights()[0].0.dim(), (2, 2));
/// ```
#[derive(Clone, Debug)]
pub struct FittedClassifier<L> {
    model: Model,
    classes: Vec<L>,
}

fn labels_of<L: Label>(y: &Array1<L>, classes: &Vec<L>) -> Result<Vec<usize>> {
    match y.encode(classes)? {
        Encoded::Labels { labels, .. } => Ok(labels),
        Encoded::Values(_) => unreachable!("labels encode as labels"),
    }
}

impl<P: Tunable<Output = Sequential> + HasFitParams<FitParams = FitParams>, L: Label> Estimator<P, Array1<L>>
    for NeuralClassifier
{
    type Fitted = FittedClassifier<L>;

    fn task(&self) -> Task {
        Task::Classification
    }

    fn fit(&self, params: &P, data: &TrainSet<'_, Array1<L>>) -> Result<FittedClassifier<L>> {
        data.check()?;
        if let Some((vx, vy)) = &data.validation() {
            check_xy(vx, *vy).map_err(in_validation)?;
        }
        let classes = data.classes().clone();
        let n_classes = classes.len();
        let request = FitRequest {
            spec: params.build(&data.meta()),
            fit_params: params.fit_params().clone(),
            problem: Problem::Classification { n_classes },
            n_features: data.n_features(),
            n_samples: data.n_samples(),
            validation_x: data.validation().map(|(vx, _)| vx),
            seed: data.seed(),
        };
        let (x, index) = data.source_rows();
        let mut index = Some(index);
        let model = request.run(|head, validation| match (data.validation(), validation) {
            (Some((vx, vy)), true) => Ok(Rows::classes(vx, None, labels_of(vy, &classes)?, n_classes, head)),
            _ => Ok(Rows::classes(x, index.take(), labels_of(data.y(), &classes)?, n_classes, head)),
        })?;
        Ok(FittedClassifier { model, classes })
    }

    fn memory_estimate(&self, params: &P, data: &TrainSet<'_, Array1<L>>) -> Option<u64> {
        let problem = Problem::Classification { n_classes: data.classes().len() };
        let validation_rows = data.validation().map(|(vx, _)| vx.nrows());
        memory_estimate(
            &params.build(&data.meta()),
            params.fit_params(),
            problem,
            data.n_samples(),
            validation_rows,
        )
    }
}

impl<L: Label> FittedClassifier<L> {
    /// The classes, sorted: column `j` of [`predict_proba`](Self::predict_proba) is
    /// `classes()[j]`. They come from [`TrainSet::classes`], so a class the training rows
    /// lack still has its column.
    ///
    /// ```
    /// # use grid_core::estimator::{Estimator, TrainSet};
    /// # use grid_core::nn::{Activation, FitParams, NetParams, NeuralClassifier, Sequential};
    /// # let x = ndarray::Array2::from_shape_fn((6, 1), |(i, _)| i as f32);
    /// let y = ndarray::array![3_u8, 1, 2, 1, 3, 2];
    /// # let params = NetParams::new(Sequential::new(1).dense(3, Activation::Softmax),
    /// #     FitParams { epochs: 1, ..FitParams::default() });
    /// let model = NeuralClassifier::new().fit(&params, &TrainSet::new(x.view(), &y)).unwrap();
    /// assert_eq!(model.classes(), &[1, 2, 3]);
    /// ```
    pub fn classes(&self) -> &[L] {
        &self.classes
    }

    model_accessors!();

    /// Predicted labels for the rows of `x` (owned, a reference or a view, `f32` or `f64`).
    ///
    /// ```
    /// # use grid_core::estimator::{Estimator, TrainSet};
    /// # use grid_core::nn::{Activation, FitParams, NetParams, NeuralClassifier, Sequential};
    /// let x = ndarray::Array2::from_shape_fn((6, 1), |(i, _)| i as f64);
    /// # let y = ndarray::array!['a', 'b', 'a', 'b', 'a', 'b'];
    /// # let params = NetParams::new(Sequential::new(1).dense(2, Activation::Softmax),
    /// #     FitParams { epochs: 1, ..FitParams::default() });
    /// # let x32 = x.mapv(|v| v as f32);
    /// let model = NeuralClassifier::new().fit(&params, &TrainSet::new(x32.view(), &y)).unwrap();
    /// assert_eq!(model.predict(&x).unwrap(), model.predict(x32.view()).unwrap());
    /// ```
    pub fn predict<'x>(&self, x: impl IntoFeatures<'x>) -> Result<Array1<L>> {
        Predictor::predict(self, x.into_features().view())
    }

    /// Accuracy of the predictions for `x` against `y`, as scikit-learn's `score`.
    pub fn score<'x>(&self, x: impl IntoFeatures<'x>, y: impl IntoTarget<'x, Array1<L>>) -> Result<f64> {
        Predictor::score(self, x.into_features().view(), &y.into_target())
    }

    /// Class probabilities, `n_samples x n_classes`, columns in the order of
    /// [`classes`](Self::classes), as scikit-learn's `predict_proba` (the trait's
    /// [`Predictor::predict_proba`] returns them in a `Some`).
    ///
    /// ```
    /// # use grid_core::estimator::{Estimator, TrainSet};
    /// # use grid_core::nn::{Activation, FitParams, NetParams, NeuralClassifier, Sequential};
    /// # let x = ndarray::Array2::from_shape_fn((6, 1), |(i, _)| i as f32);
    /// # let y = ndarray::array![true, false, true, false, true, false];
    /// // Two classes with one sigmoid unit: the probabilities are (1 - p, p).
    /// let params = NetParams::new(Sequential::new(1).dense(1, Activation::Sigmoid),
    ///     FitParams { epochs: 1, ..FitParams::default() });
    /// let model = NeuralClassifier::new().fit(&params, &TrainSet::new(x.view(), &y)).unwrap();
    /// let proba = model.predict_proba(x.view()).unwrap();
    /// assert_eq!(proba.dim(), (6, 2));
    /// assert!(proba.iter().all(|&p| (0.0..=1.0).contains(&p)));
    /// ```
    pub fn predict_proba<'x>(&self, x: impl IntoFeatures<'x>) -> Result<Array2<f32>> {
        let logits = self.model.outputs(x.into_features().view())?;
        Ok(match self.model.net.head() {
            Head::SigmoidLogit => {
                let mut proba = Array2::zeros((logits.nrows(), 2));
                for (mut row, &z) in proba.rows_mut().into_iter().zip(logits.column(0)) {
                    let p = 1.0 / (1.0 + (-z).exp());
                    row[0] = 1.0 - p;
                    row[1] = p;
                }
                proba
            }
            Head::SoftmaxLogits | Head::Values => {
                let mut proba = logits;
                for mut row in proba.rows_mut() {
                    let max = row.fold(f32::NEG_INFINITY, |m, &v| m.max(v));
                    row.mapv_inplace(|v| (v - max).exp());
                    let sum = row.sum();
                    row /= sum;
                }
                proba
            }
        })
    }

    /// Saves the model into the directory `dir` (created if needed): `weights.safetensors`
    /// holds the weights, `model.json` the spec, fit parameters, classes and history (see
    /// [`load`](Self::load) for an example).
    pub fn save(&self, dir: impl AsRef<Path>) -> Result<()>
    where
        L: Serialize,
    {
        persist::save(dir.as_ref(), &self.model, persist::Kind::Classifier, Some(&self.classes))
    }

    /// Loads a model saved by [`FittedClassifier::save`] with the same label type. Missing,
    /// corrupt or mismatched files are errors.
    ///
    /// ```
    /// # use grid_core::estimator::{Estimator, Predictor, TrainSet};
    /// # use grid_core::nn::{Activation, FitParams, FittedClassifier, NetParams, NeuralClassifier, Sequential};
    /// # let x = ndarray::Array2::from_shape_fn((10, 2), |(i, j)| (i + j) as f32);
    /// # let y: ndarray::Array1<u8> = (0..10).map(|i| (i % 3) as u8).collect();
    /// # let params = NetParams::new(Sequential::new(2).dense(3, Activation::Softmax),
    /// #     FitParams { epochs: 2, ..FitParams::default() });
    /// let model = NeuralClassifier::new().fit(&params, &TrainSet::new(x.view(), &y)).unwrap();
    /// let dir = std::env::temp_dir().join("gridcv-doc-classifier");
    /// model.save(&dir).unwrap();
    /// let loaded = FittedClassifier::<u8>::load(&dir).unwrap();
    /// assert_eq!(loaded.classes(), &[0, 1, 2]);
    /// assert_eq!(loaded.predict(x.view()).unwrap(), model.predict(x.view()).unwrap());
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn load(dir: impl AsRef<Path>) -> Result<Self>
    where
        L: DeserializeOwned,
    {
        let (model, classes) = persist::load::<Vec<L>>(dir.as_ref(), persist::Kind::Classifier)?;
        let classes =
            classes.ok_or_else(|| persist::parse_error(dir.as_ref(), "the model has no classes"))?;
        let sorted = classes.windows(2).all(|w| w[0] < w[1]);
        if !sorted {
            return Err(persist::parse_error(dir.as_ref(), "the classes are not sorted and distinct"));
        }
        Ok(FittedClassifier { model, classes })
    }
}

impl<L: Label> Predictor<Array1<L>> for FittedClassifier<L> {
    fn predict(&self, x: ArrayView2<'_, f32>) -> Result<Array1<L>> {
        let logits = self.model.outputs(x)?;
        let head = self.model.net.head();
        Ok(logits
            .rows()
            .into_iter()
            .map(|row| {
                let row = row.as_slice().expect("outputs are in standard layout");
                self.classes[predicted_class(head, row)].clone()
            })
            .collect())
    }

    fn predict_proba(&self, x: ArrayView2<'_, f32>) -> Result<Option<Array2<f32>>> {
        FittedClassifier::predict_proba(self, x).map(Some)
    }
}
