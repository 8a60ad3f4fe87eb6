//! Per-fit seeds: a hash of (search seed, candidate, split), never a shared RNG, so a fit's
//! randomness does not depend on which thread runs it or when.

/// SplitMix64's finalizer: a bijective, well-mixing hash of a `u64`.
fn mix(z: u64) -> u64 {
    crate::rng::splitmix64(z)
}

/// The seed of the fit of `candidate` on `split` in a search seeded with `search_seed`.
/// The refit on all the data uses `split = n_splits`.
///
/// ```
/// use grid_core::search::fit_seed;
/// assert_eq!(fit_seed(42, 3, 1), fit_seed(42, 3, 1));
/// assert_ne!(fit_seed(42, 3, 1), fit_seed(42, 1, 3));
/// ```
pub fn fit_seed(search_seed: u64, candidate: usize, split: usize) -> u64 {
    mix(mix(mix(search_seed) ^ candidate as u64) ^ (split as u64).rotate_left(32))
}

#[cfg(test)]
mod tests {
    use super::fit_seed;

    #[test]
    fn seeds_differ_across_candidates_splits_and_searches() {
        let mut seen = std::collections::HashSet::new();
        for s in 0..3 {
            for c in 0..50 {
                for k in 0..10 {
                    assert!(seen.insert(fit_seed(s, c, k)), "collision at {s} {c} {k}");
                }
            }
        }
    }
}
