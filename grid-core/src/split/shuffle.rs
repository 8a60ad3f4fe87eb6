//! Random train/test splits drawn independently: `ShuffleSplit` and its stratified variant.

use super::common::{check_output_size, labels};
use super::stratify::stratified_split;
use super::{Split, SplitInput, Splitter};
use crate::error::{Error, Result};
use crate::rng::RandomState;

/// A train or test size: a fraction of the samples or a number of samples.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Size {
    Fraction(f64),
    Count(usize),
}

/// The sizes a shuffle splitter was given, and scikit-learn's rules to turn them into counts.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
struct Sizes {
    test: Option<Size>,
    train: Option<Size>,
}

impl Sizes {
    /// `(n_train, n_test)` for `n` samples, by scikit-learn's `_validate_shuffle_split`: the
    /// test size defaults to 0.1 when neither is given, a fraction `f` means `ceil(f * n)`
    /// test or `floor(f * n)` train samples, a missing size is the complement of the other.
    fn resolve(&self, n: usize) -> Result<(usize, usize)> {
        let test = match (self.test, self.train) {
            (None, None) => Some(Size::Fraction(0.1)),
            (test, _) => test,
        };
        check_size("test", test, n)?;
        check_size("train", self.train, n)?;
        if let (Some(Size::Fraction(te)), Some(Size::Fraction(tr))) = (test, self.train) {
            if te + tr > 1.0 {
                return Err(Error::invalid(
                    "test_size",
                    format!(
                        "the sum of test_size={te} and train_size={tr} is {}: it should be in \
                         the (0, 1) range; reduce test_size and/or train_size",
                        te + tr
                    ),
                ));
            }
        }
        let count = |size: Option<Size>, round: fn(f64) -> f64| match size {
            Some(Size::Fraction(f)) => Some(round(f * n as f64) as usize),
            Some(Size::Count(c)) => Some(c),
            None => None,
        };
        let (given_test, given_train) = (count(test, f64::ceil), count(self.train, f64::floor));
        // A missing size is the complement of the other (one of them is always given here).
        let n_test = given_test.or(given_train.map(|tr| n.saturating_sub(tr))).unwrap_or(0);
        let n_train = given_train.unwrap_or(n.saturating_sub(n_test));
        let total = n_train as u128 + n_test as u128;
        if total > n as u128 {
            return Err(Error::invalid(
                "train_size",
                format!(
                    "the sum of train and test sizes is {n_train} + {n_test} = {total}, more \
                     than the number of samples {n}; reduce test_size and/or train_size"
                ),
            ));
        }
        if n_train == 0 {
            return Err(Error::invalid(
                "train_size",
                format!(
                    "with n_samples={n}, {} and {}, the train set would be empty",
                    describe("test", test),
                    describe("train", self.train)
                ),
            ));
        }
        Ok((n_train, n_test))
    }
}

/// `test_size=0.2`, `test_count=3` or `train_size unset`.
fn describe(which: &str, size: Option<Size>) -> String {
    match size {
        Some(Size::Fraction(f)) => format!("{which}_size={f}"),
        Some(Size::Count(c)) => format!("{which}_count={c}"),
        None => format!("{which}_size unset"),
    }
}

/// scikit-learn's range rules: a count in `1..n`, a fraction in the open interval (0, 1).
fn check_size(which: &str, size: Option<Size>, n: usize) -> Result<()> {
    match size {
        Some(Size::Count(c)) if c == 0 || c >= n => Err(Error::invalid(
            format!("{which}_count"),
            format!("{which}_count={c} should be positive and smaller than the number of samples {n}"),
        )),
        Some(Size::Fraction(f)) if !(f > 0.0 && f < 1.0) => Err(Error::invalid(
            format!("{which}_size"),
            format!("{which}_size={f} should be a fraction in the (0, 1) range"),
        )),
        _ => Ok(()),
    }
}

fn check_n_splits(n_splits: usize) -> Result<()> {
    if n_splits == 0 {
        return Err(Error::invalid("n_splits", "needs at least 1 split, got n_splits=0"));
    }
    Ok(())
}

/// The size and seed builder methods of a shuffle splitter (a struct with `sizes: Sizes` and
/// `seed: Option<u64>` fields), and its scikit-learn default.
macro_rules! size_builders {
    ($name:ident) => {
        impl $name {
            /// `n_splits` random splits (at least 1) with a test size of 0.1.
            pub fn new(n_splits: usize) -> Self {
                $name { n_splits, sizes: Sizes::default(), seed: None }
            }

            /// Fraction of the samples to test on, in (0, 1): `ceil(fraction * n_samples)` samples.
            pub fn test_size(mut self, fraction: f64) -> Self {
                self.sizes.test = Some(Size::Fraction(fraction));
                self
            }

            /// Number of samples to test on, in `1..n_samples`.
            pub fn test_count(mut self, count: usize) -> Self {
                self.sizes.test = Some(Size::Count(count));
                self
            }

            /// Fraction of the samples to train on, in (0, 1): `floor(fraction * n_samples)` samples.
            pub fn train_size(mut self, fraction: f64) -> Self {
                self.sizes.train = Some(Size::Fraction(fraction));
                self
            }

            /// Number of samples to train on, in `1..n_samples`.
            pub fn train_count(mut self, count: usize) -> Self {
                self.sizes.train = Some(Size::Count(count));
                self
            }

            /// Seed of the random splits.
            pub fn seed(mut self, seed: u64) -> Self {
                self.seed = Some(seed);
                self
            }
        }

        impl Default for $name {
            /// Ten splits, test size 0.1 (scikit-learn's default).
            fn default() -> Self {
                $name::new(10)
            }
        }
    };
}

/// Random permutation cross-validation, as scikit-learn's `ShuffleSplit`: `n_splits`
/// independent random splits, each testing `n_test` samples and training on `n_train` others
/// (samples in neither are left out).
///
/// Sizes follow scikit-learn: `.test_size(f)` tests `ceil(f * n)` samples, `.train_size(f)`
/// trains on `floor(f * n)`, `.test_count(c)` / `.train_count(c)` give numbers of samples;
/// an unset size is the complement of the other, and with neither the test size is 0.1.
/// Indices come in random order, drawn by numpy's generator ([`crate::rng::RandomState`])
/// seeded with `.seed(..)` or the search's seed: the splits are bit-identical to
/// scikit-learn's `ShuffleSplit(n_splits, random_state=seed)` for the same sizes.
///
/// ```
/// use grid_core::split::{ShuffleSplit, SplitInput, Splitter};
/// let splits = ShuffleSplit::new(3).test_size(0.25).seed(0).split(&SplitInput::new(10)).unwrap();
/// assert_eq!(splits.len(), 3);
/// assert!(splits.iter().all(|s| s.test.len() == 3 && s.train.len() == 7));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShuffleSplit {
    n_splits: usize,
    sizes: Sizes,
    seed: Option<u64>,
}

size_builders!(ShuffleSplit);

impl Splitter for ShuffleSplit {
    fn split(&self, input: &SplitInput<'_>) -> Result<Vec<Split>> {
        check_n_splits(self.n_splits)?;
        let n = input.n_samples;
        let (n_train, n_test) = self.sizes.resolve(n)?;
        check_output_size(self.n_splits, n)?;
        let mut rng = RandomState::new(self.seed.unwrap_or(input.seed));
        Ok((0..self.n_splits)
            .map(|_| {
                let permutation = rng.permutation(n);
                Split {
                    test: permutation[..n_test].to_vec(),
                    train: permutation[n_test..n_test + n_train].to_vec(),
                }
            })
            .collect())
    }
}

/// Stratified random splits, as scikit-learn's `StratifiedShuffleSplit`: like
/// [`ShuffleSplit`], but the number of train and test samples of each class follows the
/// classes' proportions. Needs the class of each sample ([`SplitInput::labels`]).
///
/// Per-class counts come from scikit-learn's `_approximate_mode` rule (floor of the
/// proportional share, the remaining samples given to the classes with the largest
/// remainders, ties broken at random); the draws are numpy's ([`crate::rng::RandomState`]),
/// so the splits are bit-identical to scikit-learn's `StratifiedShuffleSplit(n_splits,
/// random_state=seed)`. Every class needs at least 2 members, and both sets at least one
/// sample per class.
///
/// ```
/// use grid_core::split::{SplitInput, Splitter, StratifiedShuffleSplit};
/// let labels = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1];
/// let input = SplitInput { labels: Some(&labels), ..SplitInput::new(10) };
/// let splits = StratifiedShuffleSplit::new(4).test_size(0.5).seed(3).split(&input).unwrap();
/// for s in &splits {
///     assert_eq!(s.test.iter().filter(|&&i| labels[i] == 1).count(), 2);
///     assert_eq!(s.train.iter().filter(|&&i| labels[i] == 1).count(), 2);
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StratifiedShuffleSplit {
    n_splits: usize,
    sizes: Sizes,
    seed: Option<u64>,
}

size_builders!(StratifiedShuffleSplit);

impl Splitter for StratifiedShuffleSplit {
    fn split(&self, input: &SplitInput<'_>) -> Result<Vec<Split>> {
        check_n_splits(self.n_splits)?;
        let n = input.n_samples;
        let labels = labels(input, "StratifiedShuffleSplit")?;
        let (n_train, n_test) = self.sizes.resolve(n)?;

        // Classes in sorted order (np.unique), each with its members in increasing order.
        let mut members = std::collections::BTreeMap::<usize, Vec<usize>>::new();
        for (i, &label) in labels.iter().enumerate() {
            members.entry(label).or_default().push(i);
        }
        let too_few: Vec<usize> = members.iter().filter(|(_, m)| m.len() < 2).map(|(&c, _)| c).collect();
        if !too_few.is_empty() {
            return Err(Error::invalid(
                "labels",
                format!(
                    "the least populated classes have only 1 member, which is too few: every \
                     class needs at least 2; classes with too few members: {too_few:?}"
                ),
            ));
        }
        let members: Vec<Vec<usize>> = members.into_values().collect();
        let n_classes = members.len();
        for (which, size) in [("train", n_train), ("test", n_test)] {
            if size < n_classes {
                return Err(Error::invalid(
                    format!("{which}_size"),
                    format!(
                        "the {which} set would hold {size} samples, fewer than the number of \
                         classes {n_classes}"
                    ),
                ));
            }
        }
        check_output_size(self.n_splits, n)?;
        let mut rng = RandomState::new(self.seed.unwrap_or(input.seed));
        Ok((0..self.n_splits).map(|_| stratified_split(&mut rng, &members, n_train, n_test)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Float products round as in Python: `0.07 * 100` is 7.000000000000001 and `0.57 * 100`
    /// is 56.99999999999999, so scikit-learn 1.9.1 splits 100 samples as
    /// `ShuffleSplit(test_size=0.07)` -> 92 train / 8 test and `ShuffleSplit(train_size=0.57)`
    /// -> 56 train / 44 test (`len(tr), len(te)` of `next(ShuffleSplit(1, test_size=0.07,
    /// random_state=0).split(np.zeros(100)))`); the default on 30 samples is 27 / 3.
    #[test]
    fn sizes_round_like_python() {
        let test = |f| Sizes { test: Some(Size::Fraction(f)), train: None };
        let train = |f| Sizes { test: None, train: Some(Size::Fraction(f)) };
        assert_eq!(test(0.07).resolve(100).unwrap(), (92, 8));
        assert_eq!(train(0.57).resolve(100).unwrap(), (56, 44));
        assert_eq!(Sizes::default().resolve(30).unwrap(), (27, 3));
    }
}
