//! Successive halving: [`HalvingGridSearchCV`] and [`HalvingRandomSearchCV`].
//!
//! `schedule` computes scikit-learn's rounds, `run` drives them through the grid search's own
//! `search`, `splits` subsamples the folds for the `n_samples` resource, `resource` sets a
//! parameter resource on a candidate, `fitted` holds the result.
//!
//! Rounds retrain every candidate from scratch with the round's resource rather than
//! continuing from the previous round's weights (warm start): each row is then exactly a
//! cross-validation of its parameters, reproducible alone, independent of the rounds before
//! and of the number of threads; the cost is at most `factor / (factor - 1)` times the epochs
//! (1.5x with factor 3) of a warm start, and scikit-learn retrains from scratch too.

mod builders;
mod fitted;
mod resource;
pub(crate) mod run;
mod schedule;
mod splits;

pub use builders::{HalvingGridSearchCV, HalvingRandomSearchCV};
pub use fitted::{FittedHalving, HalvingRound, RoundCandidate};
pub use resource::{with_resource, Resource};
pub use run::{MaxResources, MinResources, NCandidates};
pub use schedule::Schedule;
