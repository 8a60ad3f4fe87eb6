//! Neural estimators on dfdx: the network spec build functions return ([`Sequential`]), the fit
//! parameters a grid can tune ([`FitParams`]), and `NeuralRegressor` / `NeuralClassifier`.
//!
//! dfdx is used inside this module only: the search engine sees the estimator traits.

mod config;

pub use config::{Activation, EarlyStopping, FitParams, HasFitParams, Loss, Optimizer};
