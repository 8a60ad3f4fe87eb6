//! Cross-validation splitters with scikit-learn's semantics: unshuffled, their folds are the
//! same as scikit-learn's for the same inputs.
//!
//! | splitter | scikit-learn | needs |
//! |---|---|---|
//! | [`KFold`] | `KFold` | |
//! | [`StratifiedKFold`] | `StratifiedKFold` | labels |
//! | [`RepeatedKFold`] | `RepeatedKFold` | |
//! | [`RepeatedStratifiedKFold`] | `RepeatedStratifiedKFold` | labels |
//! | [`ShuffleSplit`] | `ShuffleSplit` | |
//! | [`StratifiedShuffleSplit`] | `StratifiedShuffleSplit` | labels |
//! | [`GroupKFold`] | `GroupKFold` | groups |
//! | [`TimeSeriesSplit`] | `TimeSeriesSplit` | |
//! | [`LeaveOneOut`] | `LeaveOneOut` | |
//! | [`PredefinedSplit`] | `PredefinedSplit` | |
//!
//! Splitters that shuffle use their own seed (`.seed(..)`) or else the search's
//! ([`SplitInput::seed`]); the same seed gives the same splits. Every shuffling splitter draws
//! from numpy's legacy generator ([`crate::rng::RandomState`]) as scikit-learn does, so its
//! splits equal scikit-learn's with `random_state` = the seed.

mod common;
mod group;
mod kfold;
mod leave_one_out;
mod predefined;
mod repeated;
mod shuffle;
mod stratified;
mod stratify;
mod time_series;

pub use group::GroupKFold;
pub use kfold::KFold;
pub use leave_one_out::LeaveOneOut;
pub use predefined::PredefinedSplit;
pub use repeated::{RepeatedKFold, RepeatedStratifiedKFold};
pub use shuffle::{ShuffleSplit, StratifiedShuffleSplit};
pub use stratified::StratifiedKFold;
pub use time_series::TimeSeriesSplit;

pub(crate) use common::check_capacity;
pub(crate) use stratify::stratified_split;

/// One train/test split: indices into the rows of `x`.
///
/// ```
/// let s = grid_core::split::Split { train: vec![1, 2], test: vec![0] };
/// assert_eq!(s.test, [0]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    /// Rows to train on, in increasing order unless the splitter shuffles.
    pub train: Vec<usize>,
    /// Rows to score on.
    pub test: Vec<usize>,
}

/// What a splitter may look at: the number of samples, the class of each sample (for
/// stratification), the group of each sample, and the search's seed for splitters that
/// shuffle without a seed of their own.
///
/// ```
/// let input = grid_core::split::SplitInput::new(10);
/// assert_eq!(input.n_samples, 10);
/// assert!(input.labels.is_none());
/// ```
#[derive(Clone, Copy, Debug)]
pub struct SplitInput<'a> {
    /// Number of rows.
    pub n_samples: usize,
    /// Class index of each row (classification targets only).
    pub labels: Option<&'a [usize]>,
    /// Group index of each row, when groups were given.
    pub groups: Option<&'a [usize]>,
    /// Seed for splitters that shuffle and were given no seed of their own.
    pub seed: u64,
}

impl<'a> SplitInput<'a> {
    /// Input with `n_samples` rows, no labels, no groups, seed 0.
    pub fn new(n_samples: usize) -> Self {
        SplitInput { n_samples, labels: None, groups: None, seed: 0 }
    }
}

/// A cross-validation strategy. Implement it to bring your own.
///
/// ```
/// use grid_core::split::{Split, SplitInput, Splitter};
/// /// Tests on the last row only, trains on the rest.
/// #[derive(Debug)]
/// struct HoldOutLast;
/// impl Splitter for HoldOutLast {
///     fn split(&self, input: &SplitInput<'_>) -> grid_core::Result<Vec<Split>> {
///         let n = input.n_samples;
///         if n < 2 {
///             return Err(grid_core::Error::invalid("cv", "needs two rows"));
///         }
///         Ok(vec![Split { train: (0..n - 1).collect(), test: vec![n - 1] }])
///     }
/// }
/// assert_eq!(HoldOutLast.split(&SplitInput::new(3))?[0].test, [2]);
/// # Ok::<(), grid_core::Error>(())
/// ```
pub trait Splitter: std::fmt::Debug + Send + Sync {
    /// The splits, in scikit-learn's order. Errors name the problem (too few samples,
    /// missing labels or groups, ...).
    fn split(&self, input: &SplitInput<'_>) -> crate::Result<Vec<Split>>;

    /// Warnings about the input that do not prevent splitting (scikit-learn warns, for
    /// example, when a class has fewer members than there are folds).
    fn warnings(&self, _input: &SplitInput<'_>) -> Vec<String> {
        Vec::new()
    }
}
