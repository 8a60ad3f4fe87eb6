//! Group k-fold: the samples of one group are never split between train and test.

use super::common::{check_n_splits, check_output_size, check_splits_vs_samples, groups, splits_from_folds};
use super::{Split, SplitInput, Splitter};
use crate::error::{Error, Result};

/// K-fold cross-validation over groups, as scikit-learn's `GroupKFold` (unshuffled): each
/// group lands in exactly one test fold, and the folds are balanced by number of samples.
/// Needs the group of each sample ([`SplitInput::groups`]).
///
/// Groups are taken from the largest to the smallest (among groups of equal size, the one
/// with the larger group index first, as scikit-learn's reversed stable sort does), each
/// into the fold holding the fewest samples so far (the first such fold on ties). Train and
/// test indices come in increasing order.
///
/// ```
/// use grid_core::split::{GroupKFold, SplitInput, Splitter};
/// let groups = [0, 0, 0, 1, 1, 2];
/// let input = SplitInput { groups: Some(&groups), ..SplitInput::new(6) };
/// let splits = GroupKFold::new(2).split(&input).unwrap();
/// assert_eq!(splits[0].test, [0, 1, 2]);
/// assert_eq!(splits[1].test, [3, 4, 5]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupKFold {
    n_splits: usize,
}

impl GroupKFold {
    /// `n_splits` folds (at least 2, and no more than there are groups).
    pub fn new(n_splits: usize) -> Self {
        GroupKFold { n_splits }
    }
}

impl Default for GroupKFold {
    /// Five folds (scikit-learn's default).
    fn default() -> Self {
        GroupKFold::new(5)
    }
}

impl Splitter for GroupKFold {
    fn split(&self, input: &SplitInput<'_>) -> Result<Vec<Split>> {
        let k = self.n_splits;
        check_n_splits(k)?;
        check_splits_vs_samples(k, input.n_samples)?;
        let groups = groups(input, "GroupKFold")?;
        check_output_size(k, input.n_samples)?;

        // Distinct groups in increasing order (np.unique) and the rank of each sample's group.
        let mut unique = groups.to_vec();
        unique.sort_unstable();
        unique.dedup();
        if k > unique.len() {
            return Err(Error::invalid(
                "n_splits",
                format!(
                    "cannot have number of splits n_splits={k} greater than the number of \
                     groups: {}",
                    unique.len()
                ),
            ));
        }
        let rank = |g: &usize| unique.binary_search(g).unwrap_or_default();
        let mut size = vec![0_usize; unique.len()];
        for g in groups {
            size[rank(g)] += 1;
        }

        // Stable ascending sort by size, then reversed: largest first, ties by larger rank.
        let mut order: Vec<usize> = (0..unique.len()).collect();
        order.sort_by_key(|&r| size[r]);
        order.reverse();

        let mut fold_load = vec![0_usize; k];
        let mut fold_of_group = vec![0_usize; unique.len()];
        for r in order {
            let lightest = (0..k).min_by_key(|&f| fold_load[f]).unwrap_or_default();
            fold_load[lightest] += size[r];
            fold_of_group[r] = lightest;
        }
        let fold_of: Vec<usize> = groups.iter().map(|g| fold_of_group[rank(g)]).collect();
        Ok(splits_from_folds(&fold_of, k))
    }
}
