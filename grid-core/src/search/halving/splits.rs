//! The splits of each round: the search's splits, computed once, subsampled for `n_samples`.

use crate::error::Result;
use crate::split::{Split, SplitInput, Splitter};

/// Splits fixed in advance: what each round of a halving search is cross-validated on.
#[derive(Clone, Debug)]
pub(crate) struct FixedSplits(pub(crate) Vec<Split>);

impl Splitter for FixedSplits {
    fn split(&self, _input: &SplitInput<'_>) -> Result<Vec<Split>> {
        Ok(self.0.clone())
    }
}

/// Each split's train and test rows subsampled to `fraction` of their size (rounded down), as
/// scikit-learn's `_SubsampleMetaSplitter` with `subsample_test=True`. The rows kept are the
/// first of a permutation seeded by `(seed, split)` and the same in every round, so a larger
/// fraction keeps a superset of the rows of a smaller one; they are returned sorted.
pub(crate) fn subsample(splits: &[Split], fraction: f64, seed: u64) -> Vec<Split> {
    let pick = |rows: &[usize], salt: u64| -> Vec<usize> {
        let n = ((fraction * rows.len() as f64) as usize).min(rows.len());
        let mut rng = crate::space::SpaceRng::new(crate::rng::splitmix64(seed ^ salt));
        let mut order = rows.to_vec();
        // A partial Fisher-Yates shuffle: its first `n` entries are a uniform sample, and the
        // shuffle draws the same numbers whatever `n`, so samples are nested.
        for i in 0..n {
            let j = i + rng.below((order.len() - i) as u64) as usize;
            order.swap(i, j);
        }
        order.truncate(n);
        order.sort_unstable();
        order
    };
    splits
        .iter()
        .enumerate()
        .map(|(k, split)| Split {
            train: pick(&split.train, (k as u64) << 1),
            test: pick(&split.test, ((k as u64) << 1) | 1),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsamples_are_nested_sorted_and_sized_as_scikit_learn() {
        let splits = vec![Split { train: (0..90).collect(), test: (90..120).collect() }];
        let small = subsample(&splits, 1.0 / 3.0, 5);
        let large = subsample(&splits, 2.0 / 3.0, 5);
        assert_eq!((small[0].train.len(), small[0].test.len()), (30, 10));
        assert_eq!((large[0].train.len(), large[0].test.len()), (60, 20));
        assert!(small[0].train.windows(2).all(|w| w[0] < w[1]));
        assert!(small[0].train.iter().all(|r| large[0].train.contains(r)));
        assert!(small[0].test.iter().all(|r| (90..120).contains(r)));
        assert_eq!(subsample(&splits, 1.0, 5), splits);
    }
}
