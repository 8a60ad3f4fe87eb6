//! `train_test_split`: one shuffled (optionally stratified) hold-out split, as scikit-learn's.

use ndarray::{Array2, ArrayBase, Axis, Data, Ix2};

use super::stratify::class_members;
use crate::data::{check_xy_missing, Encoded, Target};
use crate::error::{Error, Result};
use crate::rng::RandomState;
use crate::split::{stratified_split, Split};

/// The four parts of a split: `(x_train, x_test, y_train, y_test)`.
pub type TrainTest<Y> = (Array2<f32>, Array2<f32>, Y, Y);

/// Splits `x` and `y` into a shuffled train part and a test part of
/// `ceil(test_size * n_samples)` rows, bit-identical to scikit-learn's
/// `train_test_split(x, y, test_size=test_size, random_state=seed)`: the same rows, in the same
/// order. See [`TrainTestSplit`] for stratification and an unshuffled split.
///
/// # Errors
/// [`Error::InvalidParameter`] when `test_size` is not strictly between 0 and 1 or leaves no
/// training row; [`Error::Empty`] for no rows or no columns; [`Error::ShapeMismatch`] when `y`
/// does not have one entry per row of `x`; [`Error::NonFinite`] for an infinite value in `x`
/// or a NaN or infinite value in a real-valued `y` (the checks of
/// [`check_xy_missing`](crate::data::check_xy_missing): NaN in `x` is a missing value, split
/// like any other, as scikit-learn does).
///
/// ```
/// use grid_core::datasets::{load_iris, train_test_split};
/// let iris = load_iris();
/// let (x_train, x_test, y_train, y_test) = train_test_split(&iris.x, &iris.y, 0.2, 42)?;
/// assert_eq!((x_train.nrows(), x_test.nrows()), (120, 30));
/// assert_eq!((y_train.len(), y_test.len()), (120, 30));
/// # Ok::<(), grid_core::Error>(())
/// ```
pub fn train_test_split<S, Y>(x: &ArrayBase<S, Ix2>, y: &Y, test_size: f64, seed: u64) -> Result<TrainTest<Y>>
where
    S: Data<Elem = f32>,
    Y: Target,
{
    TrainTestSplit::new(test_size).seed(seed).split(x, y)
}

/// Options of a train/test split: test fraction, seed, shuffling and stratification.
///
/// Sizes are scikit-learn's: `n_test = ceil(test_size * n_samples)`, `n_train` the rest.
/// Shuffled (the default), the test rows are the first `n_test` of numpy's
/// `RandomState(seed).permutation(n_samples)` and the train rows the others (scikit-learn's
/// `ShuffleSplit`); unshuffled, the train rows are the first `n_train` rows in order and the
/// test rows the last `n_test`. Stratified, each class gets its share by scikit-learn's
/// `StratifiedShuffleSplit` (class proportions kept, remainders assigned to the classes with
/// the largest fractional parts, ties broken at random), with the same draws. Shuffled or
/// stratified, the split is bit-identical to scikit-learn's for the same seed (`random_state`);
/// for a stratified 2-d real-valued `y`, scikit-learn orders the classes by their text and this
/// crate by value, so that case may differ.
///
/// ```
/// use grid_core::datasets::{load_iris, TrainTestSplit};
/// let iris = load_iris();
/// let (_, _, _, y_test) = TrainTestSplit::new(0.2).seed(42).stratify(true).split(&iris.x, &iris.y)?;
/// for class in 0..3 {
///     assert_eq!(y_test.iter().filter(|&&c| c == class).count(), 10);
/// }
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct TrainTestSplit {
    test_size: f64,
    seed: u64,
    shuffle: bool,
    stratify: bool,
}

impl TrainTestSplit {
    /// A split holding out the fraction `test_size` (strictly between 0 and 1) of the rows;
    /// shuffled, seed 0, not stratified.
    ///
    /// ```
    /// let split = grid_core::datasets::TrainTestSplit::new(0.25);
    /// assert_eq!(split.split_indices(&ndarray::array![1.0_f32, 2.0, 3.0, 4.0])?.test.len(), 1);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn new(test_size: f64) -> Self {
        TrainTestSplit { test_size, seed: 0, shuffle: true, stratify: false }
    }

    /// Seed of the shuffle (default 0).
    ///
    /// ```
    /// use grid_core::datasets::TrainTestSplit;
    /// let y = ndarray::Array1::<f32>::zeros(20);
    /// assert_eq!(TrainTestSplit::new(0.5).seed(9).split_indices(&y)?, TrainTestSplit::new(0.5).seed(9).split_indices(&y)?);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Whether to shuffle before splitting (default `true`). Unshuffled, the test set is the
    /// last rows.
    ///
    /// ```
    /// let y = ndarray::Array1::<f32>::zeros(10);
    /// let split = grid_core::datasets::TrainTestSplit::new(0.3).shuffle(false).split_indices(&y)?;
    /// assert_eq!(split.test, [7, 8, 9]);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn shuffle(mut self, shuffle: bool) -> Self {
        self.shuffle = shuffle;
        self
    }

    /// Whether to keep the class proportions of `y` in both parts (default `false`). Classes
    /// come from [`Target::encode`]; a real-valued `y` is stratified by its distinct values.
    /// Needs shuffling, at least 2 samples per class, and at least as many train and test rows
    /// as classes, as scikit-learn.
    ///
    /// ```
    /// let y = ndarray::array!["a", "a", "a", "a", "b", "b", "b", "b"];
    /// let split = grid_core::datasets::TrainTestSplit::new(0.5).stratify(true).split_indices(&y)?;
    /// assert_eq!(split.test.iter().filter(|&&i| y[i] == "a").count(), 2);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn stratify(mut self, stratify: bool) -> Self {
        self.stratify = stratify;
        self
    }

    /// Splits `x` and `y` into `(x_train, x_test, y_train, y_test)`.
    ///
    /// # Errors
    /// As [`train_test_split`], plus for stratification: [`Error::InvalidParameter`] when
    /// shuffling is off, a class has fewer than 2 samples, or a part would have fewer rows
    /// than there are classes.
    ///
    /// ```
    /// let x = ndarray::Array2::<f32>::zeros((10, 2));
    /// let y = ndarray::Array1::<f32>::zeros(9);
    /// assert!(grid_core::datasets::TrainTestSplit::new(0.2).split(&x, &y).is_err());
    /// ```
    pub fn split<S, Y>(&self, x: &ArrayBase<S, Ix2>, y: &Y) -> Result<TrainTest<Y>>
    where
        S: Data<Elem = f32>,
        Y: Target,
    {
        check_xy_missing(&x.view(), y)?;
        let Split { train, test } = self.split_indices(y)?;
        Ok((x.select(Axis(0), &train), x.select(Axis(0), &test), y.select(&train), y.select(&test)))
    }

    /// The row indices of the train and test parts for this `y` (only its length and, when
    /// stratifying, its classes are read).
    ///
    /// # Errors
    /// As [`split`](Self::split).
    ///
    /// ```
    /// let y = ndarray::Array1::<f32>::zeros(150);
    /// let split = grid_core::datasets::TrainTestSplit::new(0.2).split_indices(&y)?;
    /// assert_eq!((split.train.len(), split.test.len()), (120, 30));
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn split_indices<Y: Target>(&self, y: &Y) -> Result<Split> {
        let n = y.n_samples();
        if n == 0 {
            return Err(Error::Empty("y".into()));
        }
        let (n_train, n_test) = self.sizes(n)?;
        if !self.shuffle {
            if self.stratify {
                return Err(Error::invalid(
                    "stratify",
                    "a stratified split needs shuffle(true), as in scikit-learn",
                ));
            }
            return Ok(Split { train: (0..n_train).collect(), test: (n_train..n).collect() });
        }
        let mut rng = RandomState::new(self.seed);
        if self.stratify {
            let classes = y.classes();
            let listing = if Y::IS_LABELS { format!(" of {classes:?}") } else { String::new() };
            return stratified(&mut rng, &y.encode(&classes)?, n_train, n_test, &listing);
        }
        let order = rng.permutation(n);
        Ok(Split { train: order[n_test..].to_vec(), test: order[..n_test].to_vec() })
    }

    /// `(n_train, n_test)` for `n` samples.
    fn sizes(&self, n: usize) -> Result<(usize, usize)> {
        let t = self.test_size;
        if !(t.is_finite() && t > 0.0 && t < 1.0) {
            return Err(Error::invalid(
                "test_size",
                format!("must be a fraction strictly between 0 and 1, got {t}"),
            ));
        }
        let n_test = (t * n as f64).ceil() as usize;
        if n_test >= n {
            return Err(Error::invalid(
                "test_size",
                format!("with {n} samples and test_size = {t}, the test set takes all {n_test} rows and the train set is empty"),
            ));
        }
        Ok((n - n_test, n_test))
    }
}

/// scikit-learn's `StratifiedShuffleSplit` for one split: its checks, with messages naming
/// the classes, then the split itself.
///
/// `listing` names the classes in errors (empty for real values).
fn stratified(
    rng: &mut RandomState,
    encoded: &Encoded,
    n_train: usize,
    n_test: usize,
    listing: &str,
) -> Result<Split> {
    let members = class_members(encoded);
    if let Some(small) = members.iter().position(|m| m.len() < 2) {
        return Err(Error::invalid(
            "stratify",
            format!(
                "class {small} (counting from 0 in sorted order{listing}, first seen at row {}) has only 1 sample; \
                 every class needs at least 2",
                members[small][0]
            ),
        ));
    }
    let n_classes = members.len();
    for (part, size) in [("train", n_train), ("test", n_test)] {
        if size < n_classes {
            return Err(Error::invalid(
                "test_size",
                format!(
                    "the {part} set would hold {size} rows, fewer than the {n_classes} classes to stratify"
                ),
            ));
        }
    }
    Ok(stratified_split(rng, &members, n_train, n_test))
}
