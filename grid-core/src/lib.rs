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
pub mod input;
pub mod journal;
pub mod memory;
pub mod metrics;
pub mod nn;
pub mod pipeline;
pub mod plots;
pub mod preprocess;
pub mod results;
pub mod rng;
pub mod search;
pub mod space;
pub mod split;

pub use error::{Error, Result};

/// serde, for the code `#[derive(FitParamSet)]` writes. Not a public API.
#[doc(hidden)]
pub use serde as __serde;

/// Everything a user of the search needs, in one `use`.
pub mod prelude {
    pub use crate::data::{Label, Target};
    pub use crate::datasets::{self, train_test_split, Dataset, TrainTestSplit};
    pub use crate::error::{Error, Result};
    pub use crate::estimator::{Estimator, Predictor, Task, TrainSet};
    pub use crate::grid::{Meta, Tunable};
    pub use crate::metrics::{Average, Scoring};
    // No enum variants (grid values have them in scope, see `gridcv::__private::grid_values`),
    // no `*Params` (a `#[tunable]` function's struct may be named so) and no name of dfdx's
    // prelude (`Optimizer` is its trait): `use dfdx::prelude::*;` can sit beside this one.
    pub use crate::nn::{
        Activation, EarlyStopping, FittedClassifier, FittedRegressor, History, Loss, NeuralClassifier,
        NeuralRegressor, Sequential,
    };
    pub use crate::pipeline::{FittedPipeline, Pipeline};
    pub use crate::preprocess::{
        Column, ColumnTransformer, HandleUnknown, Imputation, MaxAbsScaler, MinMaxScaler, OneHotEncoder,
        Remainder, RobustScaler, Scaler, SimpleImputer, StandardScaler, Step,
    };
    pub use crate::results::CvResults;
    pub use crate::search::{
        cross_val_predict, cross_val_score, cross_validate, validation_curve, CrossValidation, Cv,
        ErrorScore, FitOptions, GridSearchCV, Refit,
    };
    pub use crate::search::{HalvingGridSearchCV, HalvingRandomSearchCV, RandomizedSearchCV};
    pub use crate::split::*;
}
