//! Searches that survive and spread: a resumable journal of finished fits, shards of a search
//! for many processes (Slurm job arrays, Kubernetes Indexed Jobs), and their merge.
//!
//! A journal is a JSON Lines file: a header (the fingerprints of the grid, the settings and
//! the data, the grid's size, the metrics, the shard), a `session` line each time a run opens
//! it, and one `fit` line per finished (candidate, split) fit with its scores, times, error
//! and parameters, each line flushed and fsynced before the next fit is counted done. A run
//! killed at any moment loses only the fits in flight; rerun, it fits only the cells the
//! journal lacks. Each shard writes its own file, so no file is ever written by two
//! processes and no lock is needed on a shared filesystem.
//!
//! The search plugs the journal into the search driver as a sink of finished cells, and the
//! journal's records as the cells already done.

mod file;
mod fingerprint;
mod record;
mod search;
mod set;
mod shard;
mod stored;

pub use fingerprint::{Fingerprints, SettingsDetail};
pub(crate) use search::fit_journaled;
pub use search::{JournalConfig, ShardRun};
pub use set::{JournalSet, Merged, Summary};
pub use shard::Shard;
pub use stored::StoredParams;
