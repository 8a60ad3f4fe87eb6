//! Leave-one-out: every sample is a test set of its own.

use super::common::check_output_size;
use super::{Split, SplitInput, Splitter};
use crate::error::{Error, Result};

/// Leave-one-out cross-validation, as scikit-learn's `LeaveOneOut`: `n_samples` splits, split
/// `i` testing sample `i` alone and training on all the others (in increasing order). Needs at
/// least 2 samples.
///
/// ```
/// use grid_core::split::{LeaveOneOut, SplitInput, Splitter};
/// let splits = LeaveOneOut::new().split(&SplitInput::new(3)).unwrap();
/// assert_eq!(splits.len(), 3);
/// assert_eq!(splits[1].test, [1]);
/// assert_eq!(splits[1].train, [0, 2]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LeaveOneOut;

impl LeaveOneOut {
    /// The leave-one-out splitter (it has no parameters).
    pub fn new() -> Self {
        LeaveOneOut
    }
}

impl Splitter for LeaveOneOut {
    fn split(&self, input: &SplitInput<'_>) -> Result<Vec<Split>> {
        let n = input.n_samples;
        if n <= 1 {
            return Err(Error::invalid(
                "n_samples",
                format!("cannot perform LeaveOneOut with n_samples={n}: it needs at least 2"),
            ));
        }
        check_output_size(n, n)?;
        Ok((0..n).map(|i| Split { train: (0..n).filter(|&j| j != i).collect(), test: vec![i] }).collect())
    }
}
