//! Checks and building blocks shared by the splitters (private to the module).

use super::{Split, SplitInput};
use crate::error::{Error, Result};

/// scikit-learn's `_BaseKFold` rule: at least two folds.
pub(super) fn check_n_splits(n_splits: usize) -> Result<()> {
    if n_splits < 2 {
        return Err(Error::invalid(
            "n_splits",
            format!(
                "k-fold cross-validation needs at least one train/test split: \
                 set n_splits=2 or more, got n_splits={n_splits}"
            ),
        ));
    }
    Ok(())
}

/// scikit-learn's `_BaseKFold.split` rule: no more folds than samples.
pub(super) fn check_splits_vs_samples(n_splits: usize, n_samples: usize) -> Result<()> {
    if n_splits > n_samples {
        return Err(Error::invalid(
            "n_splits",
            format!(
                "cannot have number of splits n_splits={n_splits} greater than the number \
                 of samples: n_samples={n_samples}"
            ),
        ));
    }
    Ok(())
}

/// scikit-learn refuses a `random_state` when `shuffle` is off: the seed would be ignored.
pub(super) fn check_seed_needs_shuffle(shuffle: bool, seed: Option<u64>) -> Result<()> {
    if let (false, Some(seed)) = (shuffle, seed) {
        return Err(Error::invalid(
            "seed",
            format!(
                "seed={seed} has no effect since shuffle is false: leave the seed unset \
                 or call .shuffle(true)"
            ),
        ));
    }
    Ok(())
}

/// The class of each sample, checked against the number of samples.
pub(super) fn labels<'a>(input: &SplitInput<'a>, splitter: &str) -> Result<&'a [usize]> {
    let labels = input.labels.ok_or_else(|| {
        Error::invalid(
            "labels",
            format!(
                "{splitter} stratifies by class and needs the class of each sample \
                 (a classification target), but no labels were given"
            ),
        )
    })?;
    check_len("labels (one per sample)", input.n_samples, labels.len())?;
    Ok(labels)
}

/// The group of each sample, checked against the number of samples.
pub(super) fn groups<'a>(input: &SplitInput<'a>, splitter: &str) -> Result<&'a [usize]> {
    let groups = input.groups.ok_or_else(|| {
        Error::invalid(
            "groups",
            format!("{splitter} needs the group of each sample, but no groups were given"),
        )
    })?;
    check_len("groups (one per sample)", input.n_samples, groups.len())?;
    Ok(groups)
}

/// A per-sample input must have one entry per sample.
pub(super) fn check_len(what: &str, expected: usize, got: usize) -> Result<()> {
    if expected != got {
        return Err(Error::ShapeMismatch { what: what.into(), expected, got });
    }
    Ok(())
}

/// One split per fold: fold `f` tests the samples with `fold_of[i] == f` and trains on the
/// others, both in increasing order (scikit-learn's `BaseCrossValidator.split`). Samples with
/// `fold_of[i] >= n_folds` are always trained on.
pub(super) fn splits_from_folds(fold_of: &[usize], n_folds: usize) -> Vec<Split> {
    (0..n_folds)
        .map(|f| {
            let (test, train) = (0..fold_of.len()).partition(|&i| fold_of[i] == f);
            Split { train, test }
        })
        .collect()
}

/// Refuses sizes whose result (`count` values of `T`, or a product that overflows: `None`)
/// cannot be held in memory, with an [`Error::InvalidParameter`] naming `name` and `what`:
/// the size must fit the address space and the allocator must be able to reserve it (a
/// reservation that is given back at once), so absurd sizes fail cleanly instead of aborting.
pub(crate) fn check_capacity<T>(
    name: &str,
    what: impl FnOnce() -> String,
    count: Option<usize>,
) -> Result<()> {
    let reserved = count.is_some_and(|count| Vec::<T>::new().try_reserve_exact(count).is_ok());
    if !reserved {
        return Err(Error::invalid(name, format!("{} is too large to be held in memory", what())));
    }
    Ok(())
}

/// `n_splits` splits of `n_samples` indices each must fit in memory.
pub(super) fn check_output_size(n_splits: usize, n_samples: usize) -> Result<()> {
    check_capacity::<usize>(
        "n_splits",
        || format!("the output of n_splits={n_splits} splits of n_samples={n_samples} samples"),
        n_splits.checked_mul(n_samples),
    )
}

/// Classes numbered in order of first appearance (scikit-learn's `StratifiedKFold` encoding):
/// returns the new class of each sample and the size of each class.
pub(super) fn encode_by_first_appearance(labels: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let mut code_of = std::collections::HashMap::new();
    let mut counts = Vec::new();
    let encoded = labels
        .iter()
        .map(|label| {
            let code = *code_of.entry(*label).or_insert_with(|| {
                counts.push(0);
                counts.len() - 1
            });
            counts[code] += 1;
            code
        })
        .collect();
    (encoded, counts)
}
