//! What regressor and classifier share: the checks before training, and the fitted network with
//! the spec, fit parameters and history it came from.

use ndarray::{Array1, Array2, ArrayView2};

use super::config::FitParams;
use super::history::History;
use super::network::Network;
use super::rows::Rows;
use super::sequential::Sequential;
use super::train::Job;
use super::validate::{check_batch, check_fit_params, check_spec, split_rows, Head, Problem};
use crate::error::{Error, Result};

/// A trained network and where it came from.
#[derive(Clone, Debug)]
pub(crate) struct Model {
    pub(crate) net: Network,
    pub(crate) spec: Sequential,
    pub(crate) fit_params: FitParams,
    pub(crate) history: History,
}

impl Model {
    /// Kernel and bias of every dense layer.
    pub(crate) fn weights(&self) -> Vec<(Array2<f32>, Array1<f32>)> {
        self.net.weights()
    }

    /// The network's outputs for the rows of `x`; outputs that are not finite (extreme inputs
    /// overflowing inside the network) are [`Error::NonFiniteOutput`] naming their rows, never
    /// a prediction.
    pub(crate) fn outputs(&self, x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
        let out = self.net.outputs(x)?;
        let rows: Vec<usize> = out
            .rows()
            .into_iter()
            .enumerate()
            .filter(|(_, row)| row.iter().any(|v| !v.is_finite()))
            .map(|(i, _)| i)
            .collect();
        if rows.is_empty() {
            Ok(out)
        } else {
            Err(Error::NonFiniteOutput { rows, n_rows: out.nrows() })
        }
    }
}

/// The accessors [`FittedRegressor`](super::FittedRegressor) and
/// [`FittedClassifier`](super::FittedClassifier) share, read from their `model: Model` field:
/// expanded inside each one's `impl` block, so both keep inherent methods with these docs.
macro_rules! model_accessors {
    () => {
        /// Per-epoch losses and metric of the fit (MSE for a regressor, accuracy for a
        /// classifier), as Keras' `History`.
        pub fn history(&self) -> &$crate::nn::History {
            &self.model.history
        }

        /// The network specification that was trained.
        pub fn spec(&self) -> &$crate::nn::Sequential {
            &self.model.spec
        }

        /// The fit parameters used.
        pub fn fit_params(&self) -> &$crate::nn::FitParams {
            &self.model.fit_params
        }

        /// Kernel (`inputs x units`) and bias of every dense layer, as Keras' `get_weights()`.
        pub fn weights(&self) -> Vec<(::ndarray::Array2<f32>, ::ndarray::Array1<f32>)> {
            self.model.weights()
        }
    };
}
pub(crate) use model_accessors;

/// About how many bytes a fit of `spec` with `fit_params` allocates for `problem` on `n_rows`
/// rows (and `validation_rows` explicit validation rows, if any); `None` when the spec or the
/// fit parameters are invalid (the fit reports that).
pub(crate) fn memory_estimate(
    spec: &Sequential,
    fit_params: &FitParams,
    problem: Problem,
    n_rows: usize,
    validation_rows: Option<usize>,
) -> Option<u64> {
    let head = check_spec(spec, problem, spec.n_features()).ok()?;
    check_fit_params(fit_params, head).ok()?;
    let validation = match validation_rows {
        Some(rows) => rows,
        None => n_rows - split_rows(n_rows, fit_params.validation_split).unwrap_or(n_rows),
    };
    let width = match (problem, head) {
        (_, Head::SigmoidLogit) => 1,
        (Problem::Regression { n_outputs }, _) => n_outputs,
        (Problem::Classification { n_classes }, _) => n_classes,
    };
    Some(super::memory::fit_bytes(spec, fit_params, n_rows - validation, validation, width))
}

/// One fit, before the rows are encoded: `encode` turns (features, which rows) into `Rows` once
/// the head of the network is known.
pub(crate) struct FitRequest<'a> {
    pub(crate) spec: Sequential,
    pub(crate) fit_params: FitParams,
    pub(crate) problem: Problem,
    /// Number of feature columns.
    pub(crate) n_features: usize,
    /// Number of training rows (validation rows included, when split off them).
    pub(crate) n_samples: usize,
    /// Explicit validation features, when given.
    pub(crate) validation_x: Option<ArrayView2<'a, f32>>,
    pub(crate) seed: u64,
}

impl<'a> FitRequest<'a> {
    /// Checks everything, encodes the rows with `encode(head, is_validation)` and trains.
    pub(crate) fn run(
        self,
        mut encode: impl FnMut(super::validate::Head, bool) -> Result<Rows<'a>>,
    ) -> Result<Model> {
        let FitRequest { spec, fit_params, problem, n_features, n_samples, validation_x, seed } = self;
        let head = check_spec(&spec, problem, n_features)?;
        let loss = check_fit_params(&fit_params, head)?;
        // Before any allocation of the fit: one that fails would abort the process.
        let needed = memory_estimate(&spec, &fit_params, problem, n_samples, validation_x.map(|v| v.nrows()));
        crate::memory::check(needed, crate::memory::available())?;
        let mut train = encode(head, false)?;
        let validation = match validation_x {
            Some(vx) => {
                if vx.ncols() != n_features {
                    return Err(Error::ShapeMismatch {
                        what: "number of columns of the validation x (columns of x)".into(),
                        expected: n_features,
                        got: vx.ncols(),
                    });
                }
                Some(encode(head, true)?)
            }
            None if fit_params.validation_split > 0.0 => {
                let n_train = split_rows(train.len(), fit_params.validation_split)?;
                Some(train.split_off(n_train))
            }
            None => None,
        };
        check_batch(&spec, fit_params.batch_size, train.len())?;
        let job = Job { spec: &spec, head, loss, params: &fit_params, train, validation, seed };
        let (net, history) = job.run()?;
        Ok(Model { net, spec, fit_params, history })
    }
}
