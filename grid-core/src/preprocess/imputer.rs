//! `SimpleImputer`: fills missing cells (NaN) with a statistic of the training rows.

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use super::columns::{check_width, Column, ColumnKind};
use super::stats::{mean_var, most_frequent, percentile, present_or_err};
use super::{Transform, Transformer};
use crate::error::{Error, Result};

/// What a missing cell is replaced with (scikit-learn's `strategy`).
///
/// ```
/// use grid_core::preprocess::Imputation;
/// assert_eq!(Imputation::default(), Imputation::Mean);
/// assert_eq!(Imputation::MostFrequent.to_string(), "MostFrequent");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Imputation {
    /// The column's mean (numeric columns; the default).
    #[default]
    Mean,
    /// The column's median (numeric columns).
    Median,
    /// The column's most frequent value or category, the smallest among ties.
    MostFrequent,
    /// `fill_value` in numeric columns, `fill_text` in categorical ones.
    Constant,
}

impl std::fmt::Display for Imputation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}

/// Replaces missing cells (NaN) column by column, as scikit-learn's `SimpleImputer`
/// (`missing_values=np.nan`). Mean and median need numeric columns; most frequent and constant
/// take categorical ones too. A column with no value in the training rows is an error naming
/// it (scikit-learn drops it with a warning), except for `Constant`.
///
/// ```
/// use grid_core::preprocess::{numeric_columns, Imputation, SimpleImputer, Transform, Transformer};
/// let x = ndarray::array![[1.0_f32], [f32::NAN], [5.0]];
/// let fitted = SimpleImputer::new(Imputation::Median).fit(x.view(), &numeric_columns(1))?;
/// assert_eq!(fitted.transform(x.view())?, ndarray::array![[1.0_f32], [3.0], [5.0]]);
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimpleImputer {
    /// The statistic (default mean).
    pub strategy: Imputation,
    /// Fill value of numeric columns for `Constant` (default 0).
    pub fill_value: f64,
    /// Fill category of categorical columns for `Constant` (default `"missing_value"`, as
    /// scikit-learn for text); added to the column's categories when it is not one of them.
    pub fill_text: String,
}

impl Default for SimpleImputer {
    fn default() -> Self {
        SimpleImputer { strategy: Imputation::Mean, fill_value: 0.0, fill_text: "missing_value".into() }
    }
}

impl SimpleImputer {
    /// An imputer with this strategy and the default fill values.
    pub fn new(strategy: Imputation) -> Self {
        SimpleImputer { strategy, ..SimpleImputer::default() }
    }
}

/// A fitted [`SimpleImputer`]: scikit-learn's `statistics_` (for a categorical column, the
/// code of the fill category among the output column's categories).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FittedSimpleImputer {
    /// The value each column's missing cells get.
    pub statistics: Vec<f64>,
    /// The input columns.
    pub columns_in: Vec<Column>,
    /// The output columns (a constant fill may add a category).
    pub columns: Vec<Column>,
}

impl Transformer for SimpleImputer {
    type Fitted = FittedSimpleImputer;

    fn fit(&self, x: ArrayView2<'_, f32>, columns: &[Column]) -> Result<FittedSimpleImputer> {
        check_width("SimpleImputer", columns.len(), x.ncols())?;
        let mut out = columns.to_vec();
        let mut statistics = Vec::with_capacity(columns.len());
        for (j, column) in out.iter_mut().enumerate() {
            let statistic = match (self.strategy, &mut column.kind) {
                (Imputation::Constant, ColumnKind::Numeric) => self.fill_value,
                (Imputation::Constant, ColumnKind::Categorical(categories)) => {
                    match categories.iter().position(|c| c == &self.fill_text) {
                        Some(k) => k as f64,
                        None => {
                            categories.push(self.fill_text.clone());
                            (categories.len() - 1) as f64
                        }
                    }
                }
                (Imputation::MostFrequent, _) => {
                    most_frequent(&present_or_err("SimpleImputer", x, columns, j)?)
                }
                (strategy, ColumnKind::Categorical(_)) => {
                    return Err(Error::invalid(
                        "SimpleImputer",
                        format!(
                            "strategy {strategy} needs numeric columns, `{}` is categorical (use \
                             MostFrequent or Constant for it)",
                            columns[j].name
                        ),
                    ))
                }
                (Imputation::Mean, ColumnKind::Numeric) => {
                    mean_var(&present_or_err("SimpleImputer", x, columns, j)?).0
                }
                (Imputation::Median, ColumnKind::Numeric) => {
                    percentile(&present_or_err("SimpleImputer", x, columns, j)?, 50.0)
                }
            };
            statistics.push(statistic);
        }
        Ok(FittedSimpleImputer { statistics, columns_in: columns.to_vec(), columns: out })
    }
}

impl Transform for FittedSimpleImputer {
    fn columns_out(&self) -> Vec<Column> {
        self.columns.clone()
    }

    fn transform(&self, x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
        check_width("SimpleImputer", self.columns.len(), x.ncols())?;
        let mut out = x.to_owned();
        for ((_, j), v) in out.indexed_iter_mut() {
            if v.is_nan() {
                *v = self.statistics[j] as f32;
            }
        }
        Ok(out)
    }
}
