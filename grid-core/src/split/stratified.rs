//! Stratified k-fold: every test fold holds the classes in about the proportions of the whole.

use super::common::{
    check_n_splits, check_output_size, check_seed_needs_shuffle, check_splits_vs_samples,
    encode_by_first_appearance, labels, splits_from_folds,
};
use super::{Split, SplitInput, Splitter};
use crate::error::{Error, Result};
use crate::rng::RandomState;

/// Stratified k-fold cross-validation, as scikit-learn's `StratifiedKFold` (the algorithm of
/// scikit-learn 0.22 and later): test folds whose sizes differ by at most one and whose class
/// counts follow the classes' proportions. Needs the class of each sample
/// ([`SplitInput::labels`]).
///
/// Classes are numbered in order of first appearance; the per-fold count of each class comes
/// from dealing the sorted labels round-robin over the folds, and the samples of each class
/// fill the folds in order (fold 0 first), so unshuffled folds equal scikit-learn's. With
/// `.shuffle(true)` the folds of each class are shuffled (one `rng.shuffle` per class, classes
/// in order of first appearance) by numpy's generator ([`crate::rng::RandomState`]) seeded
/// with `.seed(..)` or the search's seed, which keeps the per-class counts: shuffled folds are
/// bit-identical to scikit-learn's `StratifiedKFold(n_splits, shuffle=True,
/// random_state=seed)` for the same seed.
///
/// Fails when `n_splits` exceeds the size of every class; warns (see
/// [`Splitter::warnings`]) when the smallest class has fewer members than `n_splits`.
///
/// ```
/// use grid_core::split::{SplitInput, Splitter, StratifiedKFold};
/// let labels = [0, 0, 0, 0, 1, 1];
/// let input = SplitInput { labels: Some(&labels), ..SplitInput::new(6) };
/// let splits = StratifiedKFold::new(2).split(&input).unwrap();
/// assert_eq!(splits[0].test, [0, 1, 4]);
/// assert_eq!(splits[1].test, [2, 3, 5]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StratifiedKFold {
    n_splits: usize,
    shuffle: bool,
    seed: Option<u64>,
}

impl StratifiedKFold {
    /// `n_splits` folds (at least 2), not shuffled.
    pub fn new(n_splits: usize) -> Self {
        StratifiedKFold { n_splits, shuffle: false, seed: None }
    }

    /// Whether to permute, within each class, which samples go to which fold.
    pub fn shuffle(mut self, shuffle: bool) -> Self {
        self.shuffle = shuffle;
        self
    }

    /// Seed of the permutation (only with `.shuffle(true)`).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// The splits, shuffling (if at all) with draws from `rng`: scikit-learn's
    /// `StratifiedKFold` given a `RandomState` instance as `random_state`, as
    /// `RepeatedStratifiedKFold` does.
    pub(super) fn split_drawing_from(
        &self,
        input: &SplitInput<'_>,
        rng: &mut RandomState,
    ) -> Result<Vec<Split>> {
        let folds = self.test_folds(input, rng)?;
        Ok(splits_from_folds(&folds, self.n_splits))
    }

    /// The test fold of each sample.
    fn test_folds(&self, input: &SplitInput<'_>, rng: &mut RandomState) -> Result<Vec<usize>> {
        check_n_splits(self.n_splits)?;
        check_seed_needs_shuffle(self.shuffle, self.seed)?;
        check_splits_vs_samples(self.n_splits, input.n_samples)?;
        check_output_size(self.n_splits, input.n_samples)?;
        let labels = labels(input, "StratifiedKFold")?;
        let k = self.n_splits;
        let (encoded, counts) = encode_by_first_appearance(labels);
        if counts.iter().all(|&c| c < k) {
            return Err(Error::invalid(
                "n_splits",
                format!(
                    "n_splits={k} cannot be greater than the number of members in each class \
                     (the largest class has {} members)",
                    counts.iter().max().copied().unwrap_or(0)
                ),
            ));
        }

        // allocation[f][c]: members of class c in fold f, from dealing the sorted labels
        // round-robin (sorted position p goes to fold p % k).
        let mut allocation = vec![vec![0_usize; counts.len()]; k];
        let mut position = 0;
        for (class, &count) in counts.iter().enumerate() {
            for p in position..position + count {
                allocation[p % k][class] += 1;
            }
            position += count;
        }

        let mut folds_by_class: Vec<std::vec::IntoIter<usize>> = (0..counts.len())
            .map(|class| {
                let mut folds: Vec<usize> =
                    (0..k).flat_map(|fold| std::iter::repeat_n(fold, allocation[fold][class])).collect();
                if self.shuffle {
                    rng.shuffle(&mut folds);
                }
                folds.into_iter()
            })
            .collect();
        // Every class has exactly `counts[class]` folds to hand out, one per member.
        Ok(encoded.iter().map(|&class| folds_by_class[class].next().unwrap_or(k)).collect())
    }
}

impl Default for StratifiedKFold {
    /// Five folds, not shuffled (scikit-learn's default).
    fn default() -> Self {
        StratifiedKFold::new(5)
    }
}

impl Splitter for StratifiedKFold {
    fn split(&self, input: &SplitInput<'_>) -> Result<Vec<Split>> {
        self.split_drawing_from(input, &mut RandomState::new(self.seed.unwrap_or(input.seed)))
    }

    fn warnings(&self, input: &SplitInput<'_>) -> Vec<String> {
        let Some(labels) = input.labels else { return Vec::new() };
        let (_, counts) = encode_by_first_appearance(labels);
        match counts.iter().min() {
            Some(&least) if least < self.n_splits => vec![format!(
                "The least populated class in y has only {least} members, which is less than \
                 n_splits={}.",
                self.n_splits
            )],
            _ => Vec::new(),
        }
    }
}
