//! Repeated k-fold: several shuffled k-fold partitions, one after the other.

use super::common::repetition_seed;
use super::{KFold, Split, SplitInput, Splitter, StratifiedKFold};
use crate::error::{Error, Result};

fn check_n_repeats(n_repeats: usize) -> Result<()> {
    if n_repeats == 0 {
        return Err(Error::invalid(
            "n_repeats",
            "the number of repetitions must be greater than 0, got n_repeats=0",
        ));
    }
    Ok(())
}

/// Repeated k-fold cross-validation, as scikit-learn's `RepeatedKFold`: `n_repeats` shuffled
/// [`KFold`] partitions, `n_splits * n_repeats` splits in all (repetition after repetition).
///
/// Repetition `r` is a `KFold::new(n_splits).shuffle(true)` seeded from the base seed
/// (`.seed(..)`, or the search's seed) and `r`, so the splits are deterministic and each
/// repetition is shuffled differently.
///
/// ```
/// use grid_core::split::{RepeatedKFold, SplitInput, Splitter};
/// let splits = RepeatedKFold::new(3).n_repeats(2).seed(7).split(&SplitInput::new(9)).unwrap();
/// assert_eq!(splits.len(), 6);
/// assert!(splits.iter().all(|s| s.test.len() == 3 && s.train.len() == 6));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RepeatedKFold {
    n_splits: usize,
    n_repeats: usize,
    seed: Option<u64>,
}

impl RepeatedKFold {
    /// `n_splits` folds (at least 2), repeated 10 times (scikit-learn's default).
    pub fn new(n_splits: usize) -> Self {
        RepeatedKFold { n_splits, n_repeats: 10, seed: None }
    }

    /// How many shuffled partitions to make (at least 1).
    pub fn n_repeats(mut self, n_repeats: usize) -> Self {
        self.n_repeats = n_repeats;
        self
    }

    /// Base seed of the repetitions.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }
}

impl Default for RepeatedKFold {
    /// Five folds, ten repetitions (scikit-learn's default).
    fn default() -> Self {
        RepeatedKFold::new(5)
    }
}

impl Splitter for RepeatedKFold {
    fn split(&self, input: &SplitInput<'_>) -> Result<Vec<Split>> {
        check_n_repeats(self.n_repeats)?;
        let base = self.seed.unwrap_or(input.seed);
        let mut splits = Vec::with_capacity(self.n_splits * self.n_repeats);
        for r in 0..self.n_repeats {
            let kfold = KFold::new(self.n_splits).shuffle(true).seed(repetition_seed(base, r));
            splits.extend(kfold.split(input)?);
        }
        Ok(splits)
    }
}

/// Repeated stratified k-fold cross-validation, as scikit-learn's `RepeatedStratifiedKFold`:
/// `n_repeats` shuffled [`StratifiedKFold`] partitions, seeded like [`RepeatedKFold`]'s.
/// Needs the class of each sample ([`SplitInput::labels`]).
///
/// ```
/// use grid_core::split::{RepeatedStratifiedKFold, SplitInput, Splitter};
/// let labels = [0, 0, 0, 0, 1, 1, 1, 1];
/// let input = SplitInput { labels: Some(&labels), ..SplitInput::new(8) };
/// let splits = RepeatedStratifiedKFold::new(2).n_repeats(3).seed(1).split(&input).unwrap();
/// assert_eq!(splits.len(), 6);
/// for s in &splits {
///     assert_eq!(s.test.iter().filter(|&&i| labels[i] == 1).count(), 2);
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RepeatedStratifiedKFold {
    n_splits: usize,
    n_repeats: usize,
    seed: Option<u64>,
}

impl RepeatedStratifiedKFold {
    /// `n_splits` folds (at least 2), repeated 10 times (scikit-learn's default).
    pub fn new(n_splits: usize) -> Self {
        RepeatedStratifiedKFold { n_splits, n_repeats: 10, seed: None }
    }

    /// How many shuffled partitions to make (at least 1).
    pub fn n_repeats(mut self, n_repeats: usize) -> Self {
        self.n_repeats = n_repeats;
        self
    }

    /// Base seed of the repetitions.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }
}

impl Default for RepeatedStratifiedKFold {
    /// Five folds, ten repetitions (scikit-learn's default).
    fn default() -> Self {
        RepeatedStratifiedKFold::new(5)
    }
}

impl Splitter for RepeatedStratifiedKFold {
    fn split(&self, input: &SplitInput<'_>) -> Result<Vec<Split>> {
        check_n_repeats(self.n_repeats)?;
        let base = self.seed.unwrap_or(input.seed);
        let mut splits = Vec::with_capacity(self.n_splits * self.n_repeats);
        for r in 0..self.n_repeats {
            let skf = StratifiedKFold::new(self.n_splits).shuffle(true).seed(repetition_seed(base, r));
            splits.extend(skf.split(input)?);
        }
        Ok(splits)
    }

    fn warnings(&self, input: &SplitInput<'_>) -> Vec<String> {
        StratifiedKFold::new(self.n_splits).warnings(input)
    }
}
