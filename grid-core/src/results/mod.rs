//! What a search produces: typed per-candidate rows ([`CvResults`]), exported with scikit-learn's
//! `cv_results_` column names (CSV, JSON) or printed as a table.

mod cv_results;
pub(crate) mod export;
mod stats;
mod table;

pub use cv_results::{CandidateResult, CvResults, Scores, Timing};
pub use stats::{mean, rank, std};
