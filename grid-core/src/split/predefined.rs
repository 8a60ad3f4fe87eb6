//! Predefined splits: the user says which test fold each sample belongs to.

use super::common::{check_len, check_output_size, splits_from_folds};
use super::{Split, SplitInput, Splitter};
use crate::error::{Error, Result};

/// Cross-validation over folds chosen in advance, as scikit-learn's `PredefinedSplit`:
/// `test_fold[i]` is the test fold of sample `i`, or `-1` for a sample that is always trained
/// on. There is one split per distinct fold value other than `-1`, in increasing order of the
/// value; train and test indices come in increasing order. `test_fold` must have one entry
/// per sample and at least one entry other than `-1`.
///
/// ```
/// use grid_core::split::{PredefinedSplit, SplitInput, Splitter};
/// let splits = PredefinedSplit::new(vec![0, 1, -1, 1]).split(&SplitInput::new(4)).unwrap();
/// assert_eq!(splits[0].test, [0]);
/// assert_eq!(splits[0].train, [1, 2, 3]);
/// assert_eq!(splits[1].test, [1, 3]);
/// assert_eq!(splits[1].train, [0, 2]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PredefinedSplit {
    test_fold: Vec<i64>,
}

impl PredefinedSplit {
    /// Splits from the test fold of each sample (`-1`: always in the training set).
    pub fn new(test_fold: impl Into<Vec<i64>>) -> Self {
        PredefinedSplit { test_fold: test_fold.into() }
    }
}

impl Splitter for PredefinedSplit {
    fn split(&self, input: &SplitInput<'_>) -> Result<Vec<Split>> {
        check_len("test_fold (one per sample)", input.n_samples, self.test_fold.len())?;
        let mut folds: Vec<i64> = self.test_fold.iter().copied().filter(|&f| f != -1).collect();
        folds.sort_unstable();
        folds.dedup();
        if folds.is_empty() {
            return Err(Error::invalid(
                "test_fold",
                "every sample is -1 (always trained on): there is no test fold",
            ));
        }
        check_output_size(folds.len(), input.n_samples)?;
        // Rank of each sample's fold among the distinct folds; -1 gets a rank past the last.
        let fold_of: Vec<usize> =
            self.test_fold.iter().map(|f| folds.binary_search(f).unwrap_or(folds.len())).collect();
        Ok(splits_from_folds(&fold_of, folds.len()))
    }
}
