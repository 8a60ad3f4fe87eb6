//! The runtime of gridcv: typed grids, estimator traits, splitters, metrics, the search engine,
//! its results, the dfdx neural estimators and datasets.
//!
//! Data flows one way: a typed grid ([`grid`]) becomes a search plan of (candidate, split)
//! tasks ([`search`]) over the splits of [`split`]; each task fits an [`estimator`], is scored
//! by [`metrics`], and lands in [`results`]. The dfdx backend lives in [`nn`] alone.
//!
//! Most users depend on the `gridcv` facade and `use gridcv::prelude::*`.

#![warn(missing_docs)]

pub mod data;
pub mod datasets;
pub mod error;
pub mod estimator;
pub mod grid;
pub mod journal;
pub mod metrics;
pub mod nn;
pub mod results;
pub mod rng;
pub mod search;
pub mod split;

pub use error::{Error, Result};

/// Everything a user of the search needs, in one `use`.
pub mod prelude {
    pub use crate::data::{Label, Target};
    pub use crate::datasets::{self, train_test_split, Dataset, TrainTestSplit};
    pub use crate::error::{Error, Result};
    pub use crate::estimator::{Estimator, Predictor, Task, TrainSet};
    pub use crate::grid::{Meta, Tunable};
    pub use crate::metrics::{Average, Scoring};
    pub use crate::nn::Activation::{self, Gelu, LeakyRelu, Linear, Relu, Sigmoid, Softmax, Tanh};
    pub use crate::nn::Optimizer::{self, Adam, AdamW, RmsProp, Sgd};
    pub use crate::nn::{
        EarlyStopping, FitParams, FittedClassifier, FittedRegressor, History, Loss, NetParams,
        NeuralClassifier, NeuralRegressor, Sequential,
    };
    pub use crate::results::CvResults;
    pub use crate::search::{
        cross_val_predict, cross_val_score, cross_validate, validation_curve, CrossValidation, Cv,
        ErrorScore, FitOptions, GridSearchCV, Refit,
    };
    pub use crate::split::*;
}
