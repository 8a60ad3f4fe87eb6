//! The `Dataset` struct every loader and generator returns.

use ndarray::Array2;

use super::train_test::TrainTestSplit;
use crate::data::Target;
use crate::error::Result;
use crate::preprocess::{Column, ColumnKind};

/// A table of samples: features `x` (one row per sample), target `y`, and their names.
///
/// `Y` is any [`Target`]: `Array1<usize>` or `Array1<String>` for classes, `Array1<f32>` for one
/// real-valued output, `Array2<f32>` for several.
///
/// ```
/// let iris = grid_core::datasets::load_iris();
/// assert_eq!(iris.n_samples(), 150);
/// assert_eq!(iris.n_features(), 4);
/// assert_eq!(iris.target_names, ["setosa", "versicolor", "virginica"]);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset<Y> {
    /// Features, `n_samples x n_features`.
    pub x: Array2<f32>,
    /// Target, one entry (or row) per sample.
    pub y: Y,
    /// One name per column of `x`.
    pub feature_names: Vec<String>,
    /// One kind per column of `x`: numeric, or categorical with its categories (the column
    /// then holds category codes). [`Dataset::columns`] pairs them with the names.
    pub feature_kinds: Vec<ColumnKind>,
    /// For a classifier, the class names (entry `k` names class `k`); for a regressor, the
    /// name of each target column.
    pub target_names: Vec<String>,
}

impl<Y> Dataset<Y> {
    /// Number of samples (rows of `x`).
    ///
    /// ```
    /// assert_eq!(grid_core::datasets::load_iris().n_samples(), 150);
    /// ```
    pub fn n_samples(&self) -> usize {
        self.x.nrows()
    }

    /// Number of features (columns of `x`).
    ///
    /// ```
    /// assert_eq!(grid_core::datasets::load_iris().n_features(), 4);
    /// ```
    pub fn n_features(&self) -> usize {
        self.x.ncols()
    }

    /// The columns of `x`, names and kinds, as a [`Pipeline`](crate::pipeline::Pipeline)
    /// takes them.
    ///
    /// ```
    /// let data = grid_core::datasets::load_csv_str("city,y\nParis,1\nLyon,2\n").build()?;
    /// assert_eq!(data.columns(), [grid_core::preprocess::Column::categorical("city", ["Lyon", "Paris"])]);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn columns(&self) -> Vec<Column> {
        self.feature_names
            .iter()
            .zip(&self.feature_kinds)
            .map(|(name, kind)| Column { name: name.clone(), kind: kind.clone() })
            .collect()
    }

    /// Numeric kinds for `n` columns (what generated data sets have).
    pub(crate) fn numeric_kinds(n: usize) -> Vec<ColumnKind> {
        vec![ColumnKind::Numeric; n]
    }
}

impl<Y: Target> Dataset<Y> {
    /// Splits the rows into a shuffled train set and a test set holding
    /// `ceil(test_size * n_samples)` rows, as [`train_test_split`](super::train_test_split);
    /// names are kept. See [`TrainTestSplit`] for stratification and other options.
    ///
    /// ```
    /// let (train, test) = grid_core::datasets::load_iris().train_test_split(0.2, 42)?;
    /// assert_eq!((train.n_samples(), test.n_samples()), (120, 30));
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn train_test_split(&self, test_size: f64, seed: u64) -> Result<(Dataset<Y>, Dataset<Y>)> {
        let (x_train, x_test, y_train, y_test) =
            TrainTestSplit::new(test_size).seed(seed).split(&self.x, &self.y)?;
        let part = |x, y| Dataset {
            x,
            y,
            feature_names: self.feature_names.clone(),
            feature_kinds: self.feature_kinds.clone(),
            target_names: self.target_names.clone(),
        };
        Ok((part(x_train, y_train), part(x_test, y_test)))
    }
}
