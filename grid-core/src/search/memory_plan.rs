//! Fits planned against the available memory, before any runs: how many at once, and which
//! cannot run at all (see [`crate::memory`]).

use crate::error::Result;
use crate::memory::{check, human, jobs_within};

/// The memory plan of the tasks of one search.
pub(crate) struct MemoryPlan {
    /// Bytes available to the fits (`None`: unknown, nothing is limited).
    pub(crate) available: Option<u64>,
    /// Each task's estimate, in task order (empty when nothing is limited).
    estimates: Vec<Option<u64>>,
    /// Fits to run at once.
    pub(crate) n_jobs: usize,
}

impl MemoryPlan {
    /// Plans `n_tasks` tasks on `n_jobs` threads within `available` bytes, the estimate of task
    /// `t` being `estimate(t)` (asked only when `available` is known).
    pub(crate) fn new(
        n_tasks: usize,
        n_jobs: usize,
        available: Option<u64>,
        estimate: impl Fn(usize) -> Option<u64>,
    ) -> Self {
        let estimates: Vec<Option<u64>> = match available {
            Some(_) => (0..n_tasks).map(estimate).collect(),
            None => Vec::new(),
        };
        let n_jobs = jobs_within(&estimates, n_jobs, available).min(n_jobs.max(1));
        MemoryPlan { available, estimates, n_jobs }
    }

    /// [`Error::OutOfMemory`](crate::Error::OutOfMemory) when task `t` cannot run even alone.
    pub(crate) fn check_task(&self, t: usize) -> Result<()> {
        check(self.estimates.get(t).copied().flatten(), self.available)
    }

    /// The warning to give when fewer than `asked` fits run at once.
    pub(crate) fn warning(&self, asked: usize) -> Option<String> {
        if self.n_jobs >= asked {
            return None;
        }
        let available = self.available?;
        let largest = self.estimates.iter().flatten().filter(|&&e| e <= available).max()?;
        Some(format!(
            "running {} fit{} at once instead of {asked}: the largest fits need about {} each and {} \
             of memory is available",
            self.n_jobs,
            if self.n_jobs == 1 { "" } else { "s" },
            human(*largest),
            human(available)
        ))
    }
}
