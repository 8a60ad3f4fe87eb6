//! K-fold cross-validation: consecutive blocks of samples as test folds.

use super::common::{
    check_n_splits, check_output_size, check_seed_needs_shuffle, check_splits_vs_samples, splits_from_folds,
};
use super::{Split, SplitInput, Splitter};
use crate::error::Result;
use crate::rng::RandomState;

/// K-fold cross-validation, as scikit-learn's `KFold`: `n_splits` consecutive test folds, the
/// first `n_samples % n_splits` of them one sample larger than the others; each split trains
/// on the other folds. Train and test indices come in increasing order.
///
/// With `.shuffle(true)` the samples are permuted before they are cut into folds, by numpy's
/// generator ([`crate::rng::RandomState`]) seeded with `.seed(..)` or, without it, with the
/// search's seed ([`SplitInput::seed`]): the folds are bit-identical to scikit-learn's
/// `KFold(n_splits, shuffle=True, random_state=seed)` for the same seed. A seed without
/// `.shuffle(true)` is refused, as in scikit-learn.
///
/// ```
/// use grid_core::split::{KFold, SplitInput, Splitter};
/// let splits = KFold::new(3).split(&SplitInput::new(5)).unwrap();
/// assert_eq!(splits[0].test, [0, 1]);
/// assert_eq!(splits[0].train, [2, 3, 4]);
/// assert_eq!(splits[2].test, [4]);
///
/// let shuffled = KFold::new(3).shuffle(true).seed(42).split(&SplitInput::new(5)).unwrap();
/// assert_eq!(shuffled.iter().map(|s| s.test.len()).collect::<Vec<_>>(), [2, 2, 1]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KFold {
    n_splits: usize,
    shuffle: bool,
    seed: Option<u64>,
}

impl KFold {
    /// `n_splits` folds (at least 2), not shuffled.
    pub fn new(n_splits: usize) -> Self {
        KFold { n_splits, shuffle: false, seed: None }
    }

    /// Whether to permute the samples before cutting them into folds.
    pub fn shuffle(mut self, shuffle: bool) -> Self {
        self.shuffle = shuffle;
        self
    }

    /// Seed of the permutation (only with `.shuffle(true)`).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }
}

impl Default for KFold {
    /// Five folds, not shuffled (scikit-learn's default).
    fn default() -> Self {
        KFold::new(5)
    }
}

impl Splitter for KFold {
    fn split(&self, input: &SplitInput<'_>) -> Result<Vec<Split>> {
        self.split_drawing_from(input, &mut RandomState::new(self.seed.unwrap_or(input.seed)))
    }
}

impl KFold {
    /// The splits, shuffling (if at all) with draws from `rng`: scikit-learn's `KFold` given a
    /// `RandomState` instance as `random_state`, as `RepeatedKFold` does.
    pub(super) fn split_drawing_from(
        &self,
        input: &SplitInput<'_>,
        rng: &mut RandomState,
    ) -> Result<Vec<Split>> {
        check_n_splits(self.n_splits)?;
        check_seed_needs_shuffle(self.shuffle, self.seed)?;
        let n = input.n_samples;
        check_splits_vs_samples(self.n_splits, n)?;
        check_output_size(self.n_splits, n)?;

        let mut order: Vec<usize> = (0..n).collect();
        if self.shuffle {
            rng.shuffle(&mut order);
        }
        let (base, larger) = (n / self.n_splits, n % self.n_splits);
        let mut fold_of = vec![0; n];
        let mut position = 0;
        for fold in 0..self.n_splits {
            let size = base + usize::from(fold < larger);
            for &sample in &order[position..position + size] {
                fold_of[sample] = fold;
            }
            position += size;
        }
        Ok(splits_from_folds(&fold_of, self.n_splits))
    }
}
