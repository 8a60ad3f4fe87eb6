//! Repeated k-fold: several shuffled k-fold partitions, one after the other.

use super::common::check_capacity;
use super::{KFold, Split, SplitInput, Splitter, StratifiedKFold};
use crate::error::{Error, Result};
use crate::rng::RandomState;

/// What the two repeated splitters share: scikit-learn's `_RepeatedSplits`. One generator,
/// `RandomState(seed)`, is drawn from by every repetition in turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Repeated {
    n_splits: usize,
    n_repeats: usize,
    seed: Option<u64>,
}

impl Repeated {
    fn new(n_splits: usize) -> Self {
        Repeated { n_splits, n_repeats: 10, seed: None }
    }

    /// `n_repeats` repetitions of `one`, all drawing from the same generator.
    fn split(
        &self,
        input: &SplitInput<'_>,
        one: impl Fn(&SplitInput<'_>, &mut RandomState) -> Result<Vec<Split>>,
    ) -> Result<Vec<Split>> {
        if self.n_repeats == 0 {
            return Err(Error::invalid(
                "n_repeats",
                "the number of repetitions must be greater than 0, got n_repeats=0",
            ));
        }
        let mut rng = RandomState::new(self.seed.unwrap_or(input.seed));
        // The first repetition validates n_splits against the input; then the whole output
        // must fit in memory.
        let mut splits = one(input, &mut rng)?;
        let n_repeats = self.n_repeats;
        check_capacity::<usize>(
            "n_repeats",
            || {
                format!(
                    "the output of n_repeats={n_repeats} repetitions of n_splits={} splits of \
                     n_samples={} samples",
                    self.n_splits, input.n_samples
                )
            },
            splits.len().checked_mul(n_repeats).and_then(|total| total.checked_mul(input.n_samples)),
        )?;
        for _ in 1..n_repeats {
            splits.extend(one(input, &mut rng)?);
        }
        Ok(splits)
    }
}

/// The builder methods of a repeated splitter (a wrapper of [`Repeated`]).
macro_rules! repeated_builders {
    ($name:ident) => {
        impl $name {
            /// `n_splits` folds (at least 2), repeated 10 times (scikit-learn's default).
            pub fn new(n_splits: usize) -> Self {
                $name(Repeated::new(n_splits))
            }

            /// How many shuffled partitions to make (at least 1).
            pub fn n_repeats(mut self, n_repeats: usize) -> Self {
                self.0.n_repeats = n_repeats;
                self
            }

            /// Seed of the generator the repetitions draw from.
            pub fn seed(mut self, seed: u64) -> Self {
                self.0.seed = Some(seed);
                self
            }
        }

        impl Default for $name {
            /// Five folds, ten repetitions (scikit-learn's default).
            fn default() -> Self {
                $name::new(5)
            }
        }
    };
}

/// Repeated k-fold cross-validation, as scikit-learn's `RepeatedKFold`: `n_repeats` shuffled
/// [`KFold`] partitions, `n_splits * n_repeats` splits in all (repetition after repetition).
///
/// One numpy generator ([`crate::rng::RandomState`]) seeded with `.seed(..)` (or the
/// search's seed) shuffles every repetition in turn, so the splits are bit-identical to
/// scikit-learn's `RepeatedKFold(n_splits, n_repeats, random_state=seed)`, and more
/// repetitions extend the list.
///
/// ```
/// use grid_core::split::{RepeatedKFold, SplitInput, Splitter};
/// let splits = RepeatedKFold::new(3).n_repeats(2).seed(7).split(&SplitInput::new(9)).unwrap();
/// assert_eq!(splits.len(), 6);
/// assert!(splits.iter().all(|s| s.test.len() == 3 && s.train.len() == 6));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RepeatedKFold(Repeated);

repeated_builders!(RepeatedKFold);

impl Splitter for RepeatedKFold {
    fn split(&self, input: &SplitInput<'_>) -> Result<Vec<Split>> {
        let kfold = KFold::new(self.0.n_splits).shuffle(true);
        self.0.split(input, |input, rng| kfold.split_drawing_from(input, rng))
    }
}

/// Repeated stratified k-fold cross-validation, as scikit-learn's `RepeatedStratifiedKFold`:
/// `n_repeats` shuffled [`StratifiedKFold`] partitions drawing from one generator, as
/// [`RepeatedKFold`]'s, so bit-identical to scikit-learn's for the same seed. Needs the
/// class of each sample ([`SplitInput::labels`]).
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
pub struct RepeatedStratifiedKFold(Repeated);

repeated_builders!(RepeatedStratifiedKFold);

impl Splitter for RepeatedStratifiedKFold {
    fn split(&self, input: &SplitInput<'_>) -> Result<Vec<Split>> {
        let skf = StratifiedKFold::new(self.0.n_splits).shuffle(true);
        self.0.split(input, |input, rng| skf.split_drawing_from(input, rng))
    }

    fn warnings(&self, input: &SplitInput<'_>) -> Vec<String> {
        StratifiedKFold::new(self.0.n_splits).warnings(input)
    }
}
