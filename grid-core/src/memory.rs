//! Memory a fit needs against memory the machine has: fits are run fewer at once, or fail with
//! [`Error::OutOfMemory`], rather than abort the process when an
//! allocation fails (which no error handling can catch).
//!
//! Estimators tell what one fit needs ([`Estimator::memory_estimate`]); the available memory
//! is `MemAvailable` of `/proc/meminfo` when the search starts, or what
//! [`GridSearchCV::memory_limit`](crate::search::GridSearchCV::memory_limit) says.
//!
//! ```
//! // Linux reports it; elsewhere it is unknown and nothing is limited.
//! if let Some(bytes) = grid_core::memory::available() {
//!     assert!(bytes > 0);
//! }
//! ```
//!
//! [`Estimator::memory_estimate`]: crate::estimator::Estimator::memory_estimate

use crate::error::{Error, Result};

/// The memory available to new allocations, in bytes: `MemAvailable` of `/proc/meminfo`, or
/// `None` where it cannot be read.
pub fn available() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    parse_mem_available(&text)
}

/// `MemAvailable` (in kB in the file) in bytes.
fn parse_mem_available(meminfo: &str) -> Option<u64> {
    let line = meminfo.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    kb.checked_mul(1024)
}

/// `bytes` for people: `4.10 GB`, `512 kB` (powers of 1000, as `free -H`).
///
/// ```
/// assert_eq!(grid_core::memory::human(4_100_000_000), "4.10 GB");
/// assert_eq!(grid_core::memory::human(999), "999 B");
/// ```
pub fn human(bytes: u64) -> String {
    let units = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")];
    let b = bytes as f64;
    match units.iter().find(|(size, _)| b >= *size) {
        Some((size, unit)) => format!("{:.2} {unit}", b / size),
        None => format!("{bytes} B"),
    }
}

/// [`Error::OutOfMemory`] when a fit needing `needed` bytes cannot have them out of `available`.
pub(crate) fn check(needed: Option<u64>, available: Option<u64>) -> Result<()> {
    match (needed, available) {
        (Some(needed), Some(available)) if needed > available => {
            Err(Error::OutOfMemory { needed, available })
        }
        _ => Ok(()),
    }
}

/// How many of `estimates` (one per task, `None` when unknown) may run at once within
/// `available` bytes, at most `n_jobs` and at least 1: the most such that the largest that
/// many estimates, among those that fit alone, sum to no more than `available`.
pub(crate) fn jobs_within(estimates: &[Option<u64>], n_jobs: usize, available: Option<u64>) -> usize {
    let Some(available) = available else { return n_jobs.max(1) };
    let mut fitting: Vec<u64> = estimates.iter().flatten().copied().filter(|&e| e <= available).collect();
    fitting.sort_unstable_by(|a, b| b.cmp(a));
    let mut total = 0_u64;
    let mut jobs = 0;
    for &e in fitting.iter().take(n_jobs) {
        total = total.saturating_add(e);
        if total > available {
            break;
        }
        jobs += 1;
    }
    // Fewer known estimates than jobs: the rest are unknown (or absent) and not limited.
    if jobs == fitting.len().min(n_jobs) {
        jobs = n_jobs;
    }
    jobs.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GB: u64 = 1_000_000_000;

    #[test]
    fn mem_available_is_read_in_bytes() {
        let meminfo =
            "MemTotal:       32000000 kB\nMemFree:         1000000 kB\nMemAvailable:   23958584 kB\n";
        assert_eq!(parse_mem_available(meminfo), Some(23_958_584 * 1024));
        assert_eq!(parse_mem_available("MemTotal: 5 kB\n"), None);
    }

    #[test]
    fn fewer_fits_run_at_once_when_they_would_not_fit_together() {
        let four = [Some(4 * GB); 6];
        assert_eq!(jobs_within(&four, 2, Some(6 * GB)), 1);
        assert_eq!(jobs_within(&four, 2, Some(9 * GB)), 2);
        assert_eq!(jobs_within(&four, 8, Some(13 * GB)), 3);
        // The largest fits decide; one that cannot fit even alone fails on its own.
        let mixed = [Some(GB), Some(5 * GB), Some(GB), Some(20 * GB)];
        assert_eq!(jobs_within(&mixed, 2, Some(6 * GB)), 2);
        assert_eq!(jobs_within(&mixed, 3, Some(6 * GB)), 2);
        assert_eq!(jobs_within(&mixed, 3, Some(7 * GB)), 3);
        // Unknown memory or unknown estimates limit nothing; the answer is never 0.
        assert_eq!(jobs_within(&four, 2, None), 2);
        assert_eq!(jobs_within(&[None, None], 2, Some(1)), 2);
        assert_eq!(jobs_within(&[Some(20 * GB)], 2, Some(GB)), 2);
        assert_eq!(jobs_within(&four, 0, Some(GB)), 1);
    }

    #[test]
    fn a_fit_larger_than_the_memory_is_a_typed_error() {
        assert!(check(Some(GB), Some(2 * GB)).is_ok());
        assert!(check(Some(GB), None).is_ok());
        assert!(check(None, Some(1)).is_ok());
        match check(Some(4 * GB), Some(3 * GB)) {
            Err(Error::OutOfMemory { needed, available }) => {
                assert_eq!((needed, available), (4 * GB, 3 * GB))
            }
            other => panic!("{other:?}"),
        }
    }
}
