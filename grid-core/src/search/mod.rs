//! The search engine: [`GridSearchCV`] and the cross-validation functions, for any estimator;
//! [`RandomizedSearchCV`] (candidates drawn from a [`space`](crate::space)) and successive
//! halving ([`HalvingGridSearchCV`], [`HalvingRandomSearchCV`]) run on the same engine.
//!
//! A search computes its splits once, then runs every (candidate, split) fit as an independent
//! task on a thread pool. Each fit's seed is a hash of the search seed, the candidate and the
//! split, so results are bit-identical whatever the number of threads. A fit that errors,
//! diverges, scores NaN or panics gets the error score with a warning; the others are kept.

mod best;
pub(crate) mod driver;
pub(crate) mod engine;
mod failures;
pub(crate) mod fitted;
mod functions;
pub(crate) mod grid_search;
mod halving;
mod memory_plan;
pub(crate) mod options;
pub(crate) mod progress;
mod randomized;
pub(crate) mod refit;
pub(crate) mod run;
mod seed;
mod setters;
pub(crate) mod settings;

pub use fitted::FittedSearch;
pub use functions::{
    cross_val_predict, cross_val_score, cross_validate, validation_curve, CrossValidation, ValidationCurve,
};
pub use grid_search::GridSearchCV;
pub use halving::{
    with_resource, FittedHalving, HalvingGridSearchCV, HalvingRandomSearchCV, HalvingRound, MaxResources,
    MinResources, NCandidates, Resource, RoundCandidate, Schedule,
};
pub use options::FitOptions;
pub use randomized::RandomizedSearchCV;
pub use seed::fit_seed;
pub use settings::{Cv, ErrorScore, Refit, Scorers};
