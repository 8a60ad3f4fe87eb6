//! scikit-learn's stratified draws, shared by [`StratifiedShuffleSplit`](super::StratifiedShuffleSplit)
//! and the stratified `train_test_split` of [`crate::datasets`].

use super::Split;
use crate::rng::RandomState;

/// scikit-learn's `_approximate_mode`: how many of `n_draws` samples to take from each class
/// of sizes `counts`. Each class gets the floor of its proportional share; the rest go to the
/// classes with the largest fractional parts, ties broken at random with scikit-learn's draws
/// (`rng.choice(tied, take, replace=False)`, that is the first `take` of a permutation of the
/// tied classes, drawn even when all of them are taken). The arithmetic is numpy's
/// (`counts / counts.sum() * n_draws`), so the remainders compare the same.
pub(crate) fn approximate_mode(rng: &mut RandomState, counts: &[usize], n_draws: usize) -> Vec<usize> {
    let total: usize = counts.iter().sum();
    let continuous: Vec<f64> = counts.iter().map(|&c| c as f64 / total as f64 * n_draws as f64).collect();
    let mut allocated: Vec<usize> = continuous.iter().map(|c| c.floor() as usize).collect();
    let mut need = n_draws.saturating_sub(allocated.iter().sum());
    let remainders: Vec<f64> = continuous.iter().map(|c| c - c.floor()).collect();
    let mut values = remainders.clone();
    values.sort_by(|a, b| b.total_cmp(a));
    values.dedup();
    for value in values {
        if need == 0 {
            break;
        }
        let tied: Vec<usize> = (0..counts.len()).filter(|&k| remainders[k] == value).collect();
        let take = tied.len().min(need);
        for &i in &rng.permutation(tied.len())[..take] {
            allocated[tied[i]] += 1;
        }
        need -= take;
    }
    allocated
}

/// One split of scikit-learn's `StratifiedShuffleSplit._iter_indices`, drawing from `rng`:
/// `members` holds the samples of each class (classes in sorted order, samples in increasing
/// order); the caller has checked scikit-learn's rules (every class has 2 samples or more,
/// `n_train` and `n_test` are at least the number of classes and add up to at most the
/// number of samples).
pub(crate) fn stratified_split(
    rng: &mut RandomState,
    members: &[Vec<usize>],
    n_train: usize,
    n_test: usize,
) -> Split {
    let counts: Vec<usize> = members.iter().map(Vec::len).collect();
    let train_counts = approximate_mode(rng, &counts, n_train);
    let remaining: Vec<usize> = counts.iter().zip(&train_counts).map(|(c, t)| c - t).collect();
    let test_counts = approximate_mode(rng, &remaining, n_test);
    let (mut train, mut test) = (Vec::with_capacity(n_train), Vec::with_capacity(n_test));
    for ((rows, &k_train), &k_test) in members.iter().zip(&train_counts).zip(&test_counts) {
        let order = rng.permutation(rows.len());
        let shuffled: Vec<usize> = order.iter().map(|&i| rows[i]).collect();
        train.extend_from_slice(&shuffled[..k_train]);
        test.extend_from_slice(&shuffled[k_train..k_train + k_test]);
    }
    // numpy's rng.permutation(list): the list shuffled as arange(len) would be.
    rng.shuffle(&mut train);
    rng.shuffle(&mut test);
    Split { train, test }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// scikit-learn 1.9.1's docstring examples of `_approximate_mode` without ties (their
    /// result does not depend on the generator): `[4, 2], 3 -> [2, 1]`, `[5, 2], 4 -> [3, 1]`.
    #[test]
    fn approximate_mode_matches_sklearn_without_ties() {
        let mut rng = RandomState::new(0);
        assert_eq!(approximate_mode(&mut rng, &[4, 2], 3), [2, 1]);
        assert_eq!(approximate_mode(&mut rng, &[5, 2], 4), [3, 1]);
    }

    /// Ties are broken by scikit-learn's draws:
    /// `[_approximate_mode(np.array([2, 2, 2, 1]), 2, np.random.RandomState(s)).tolist()
    /// for s in range(6)]` -> [[0,1,1,0], [1,0,1,0], [0,1,1,0], [1,1,0,0], [1,1,0,0], [1,1,0,0]]
    /// (scikit-learn 1.9.1, `from sklearn.utils.extmath import _approximate_mode`).
    #[test]
    fn approximate_mode_breaks_ties_as_sklearn() {
        let got: Vec<Vec<usize>> =
            (0..6).map(|s| approximate_mode(&mut RandomState::new(s), &[2, 2, 2, 1], 2)).collect();
        let expected = [[0, 1, 1, 0], [1, 0, 1, 0], [0, 1, 1, 0], [1, 1, 0, 0], [1, 1, 0, 0], [1, 1, 0, 0]];
        assert_eq!(got, expected);
    }
}
