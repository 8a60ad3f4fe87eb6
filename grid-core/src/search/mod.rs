//! The search engine: [`GridSearchCV`] and the cross-validation functions, for any estimator;
//! [`RandomizedSearchCV`] (candidates drawn from a [`space`](crate::space)) and successive
//! halving ([`HalvingGridSearchCV`], [`HalvingRandomSearchCV`]) run on the same engine.
//!
//! A search computes its splits once, then runs every (candidate, split) fit as an independent
//! task on a thread pool. Each fit's seed is a hash of the search seed, the candidate and the
//! split, so results are bit-identical whatever the number of threads. A fit that errors,
//! diverges, scores NaN or panics gets the error score with a warning; the others are kept.

mod best;
mod engine;
mod failures;
mod fitted;
mod functions;
mod grid_search;
mod halving;
mod memory_plan;
mod options;
mod progress;
mod randomized;
mod refit;
mod seed;
mod setters;
mod settings;

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
