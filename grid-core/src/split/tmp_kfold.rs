//! TEMPORARY stand-in until the real splitters land.
#![allow(missing_docs)]
use super::{Split, SplitInput, Splitter};
#[derive(Debug)]
pub struct KFold(usize);
impl KFold {
    pub fn new(k: usize) -> Self {
        KFold(k)
    }
}
impl Splitter for KFold {
    fn split(&self, input: &SplitInput<'_>) -> crate::Result<Vec<Split>> {
        let (n, k) = (input.n_samples, self.0);
        if k < 2 || k > n {
            return Err(crate::Error::invalid("n_splits", format!("bad k={k} for n={n}")));
        }
        let mut start = 0;
        Ok((0..k)
            .map(|i| {
                let size = n / k + usize::from(i < n % k);
                let test: Vec<usize> = (start..start + size).collect();
                let train = (0..n).filter(|j| !(start..start + size).contains(j)).collect();
                start += size;
                Split { train, test }
            })
            .collect())
    }
}
pub type StratifiedKFold = KFold;
