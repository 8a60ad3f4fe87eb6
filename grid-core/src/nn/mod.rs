//! Neural estimators on dfdx: the network spec build functions return ([`Sequential`]), the fit
//! parameters a grid can tune ([`FitParams`]), and [`NeuralRegressor`] / [`NeuralClassifier`]
//! (Keras' `KerasRegressor` / `KerasClassifier`).
//!
//! dfdx is used inside this module only: the search engine sees the estimator traits.
//!
//! A fit owns everything it draws from: a random generator and a dfdx device seeded from
//! [`TrainSet::seed`](crate::estimator::TrainSet::seed) alone, so two fits with the same seed
//! give bit-identical weights on any thread. Weights are runtime-shaped dfdx tensors, the
//! forward pass runs tensor ops on a traced copy, `backward()` gives the gradients and the
//! dfdx optimizer configs' `try_update` applies Keras' update rules.

mod classifier;
mod config;
mod early_stopping;
mod history;
mod kernel;
mod memory;
mod model;
mod network;
mod objective;
mod params;
mod persist;
mod regressor;
mod rows;
mod sequential;
mod train;
mod updater;
mod validate;

/// The trait lives in [`grid`](crate::grid); re-exported here, where it used to be.
pub use crate::grid::HasFitParams;
pub use classifier::{FittedClassifier, NeuralClassifier};
pub use config::{Activation, EarlyStopping, FitParams, Loss, Optimizer};
pub use history::History;
pub use kernel::matmul_isa;
pub use params::NetParams;
pub use regressor::{FittedRegressor, NeuralRegressor};
pub use sequential::{Layer, Sequential};
pub use validate::MAX_PARAMETERS;
