//! Time-series splits: train on the past, test on the block that follows.

use super::common::{check_n_splits, check_output_size};
use super::{Split, SplitInput, Splitter};
use crate::error::{Error, Result};

/// Time-series cross-validation, as scikit-learn's `TimeSeriesSplit`: the samples are in time
/// order; split `i` tests a block of `test_size` samples and trains on everything before it
/// (minus a `gap`), so training sets grow and test blocks never overlap.
///
/// The `n_splits` test blocks are the last `n_splits * test_size` samples; `test_size`
/// defaults to `n_samples / (n_splits + 1)` (rounded down). Split `i` trains on the samples
/// before its test block minus the `gap` samples just before it, keeping only the last
/// `max_train_size` of them when set. Fails when `n_splits + 1 > n_samples` or when
/// `n_samples - gap - n_splits * test_size` leaves no training sample.
///
/// ```
/// use grid_core::split::{SplitInput, Splitter, TimeSeriesSplit};
/// let splits = TimeSeriesSplit::new(3).gap(1).split(&SplitInput::new(8)).unwrap();
/// assert_eq!(splits[0].train, [0]);
/// assert_eq!(splits[0].test, [2, 3]);
/// assert_eq!(splits[2].train, [0, 1, 2, 3, 4]);
/// assert_eq!(splits[2].test, [6, 7]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeSeriesSplit {
    n_splits: usize,
    gap: usize,
    test_size: Option<usize>,
    max_train_size: Option<usize>,
}

impl TimeSeriesSplit {
    /// `n_splits` splits (at least 2), no gap, default test size, unbounded training sets.
    pub fn new(n_splits: usize) -> Self {
        TimeSeriesSplit { n_splits, gap: 0, test_size: None, max_train_size: None }
    }

    /// Samples left out between the end of each training set and its test block.
    pub fn gap(mut self, gap: usize) -> Self {
        self.gap = gap;
        self
    }

    /// Samples in each test block (at least 1); default `n_samples / (n_splits + 1)`.
    pub fn test_size(mut self, test_size: usize) -> Self {
        self.test_size = Some(test_size);
        self
    }

    /// Keep only the last `max_train_size` samples (at least 1) of each training set.
    pub fn max_train_size(mut self, max_train_size: usize) -> Self {
        self.max_train_size = Some(max_train_size);
        self
    }
}

impl Default for TimeSeriesSplit {
    /// Five splits (scikit-learn's default).
    fn default() -> Self {
        TimeSeriesSplit::new(5)
    }
}

impl Splitter for TimeSeriesSplit {
    fn split(&self, input: &SplitInput<'_>) -> Result<Vec<Split>> {
        let (k, n, gap) = (self.n_splits, input.n_samples, self.gap);
        check_n_splits(k)?;
        if self.test_size == Some(0) {
            return Err(Error::invalid("test_size", "must be at least 1, got test_size=0"));
        }
        if self.max_train_size == Some(0) {
            return Err(Error::invalid("max_train_size", "must be at least 1, got max_train_size=0"));
        }
        let n_folds = k.checked_add(1).ok_or_else(|| {
            Error::invalid("n_splits", format!("n_splits={k} is too large: n_splits + 1 folds overflow"))
        })?;
        let test_size = self.test_size.unwrap_or(n / n_folds);
        if n_folds > n {
            return Err(Error::invalid(
                "n_splits",
                format!(
                    "cannot have number of folds={n_folds} (n_splits={k} + 1) greater than the \
                     number of samples={n}"
                ),
            ));
        }
        let needed = gap.saturating_add(test_size.saturating_mul(k));
        if n <= needed {
            return Err(Error::invalid(
                "n_splits",
                format!(
                    "too many splits={k} for number of samples={n} with test_size={test_size} \
                     and gap={gap}"
                ),
            ));
        }
        check_output_size(k, n)?;
        Ok((0..k)
            .map(|i| {
                let test_start = n - (k - i) * test_size;
                let train_end = test_start - gap;
                let train_start = match self.max_train_size {
                    Some(max) if max < train_end => train_end - max,
                    _ => 0,
                };
                Split {
                    train: (train_start..train_end).collect(),
                    test: (test_start..test_start + test_size).collect(),
                }
            })
            .collect())
    }
}
