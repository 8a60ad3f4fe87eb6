//! The scalers: `StandardScaler`, `MinMaxScaler`, `RobustScaler` and `MaxAbsScaler`, with
//! scikit-learn's defaults. Missing values (NaN) are ignored when fitting and stay NaN.

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use super::columns::{check_width, Column};
use super::stats::{mean_var, nonzero_scale, percentile, present_or_err};
use super::{Transform, Transformer};
use crate::error::{Error, Result};

/// Applies `f(column, value)` to every present value of `x`.
fn map_values(x: ArrayView2<'_, f32>, f: impl Fn(usize, f64) -> f64) -> Array2<f32> {
    let mut out = x.to_owned();
    for ((_, j), v) in out.indexed_iter_mut() {
        if !v.is_nan() {
            *v = f(j, f64::from(*v)) as f32;
        }
    }
    out
}

/// Scalers accept numeric columns only.
fn numeric_only(step: &str, columns: &[Column]) -> Result<()> {
    match columns.iter().find(|c| !c.kind.is_numeric()) {
        None => Ok(()),
        Some(c) => Err(Error::invalid(
            step,
            format!(
                "column `{}` is categorical: one-hot encode it (OneHotEncoder) or give {step} only the \
                 numeric columns (ColumnTransformer)",
                c.name
            ),
        )),
    }
}

/// Per-column statistics of the present values, after the checks every scaler makes.
fn fit_columns<T>(
    step: &str,
    x: ArrayView2<'_, f32>,
    columns: &[Column],
    stat: impl Fn(&[f64]) -> T,
) -> Result<Vec<T>> {
    check_width(step, columns.len(), x.ncols())?;
    numeric_only(step, columns)?;
    (0..x.ncols()).map(|j| present_or_err(step, x, columns, j).map(|v| stat(&v))).collect()
}

/// scikit-learn's `_is_constant_feature`: a variance within the rounding error of its
/// computation counts as zero.
fn is_constant(var: f64, mean: f64, n: usize) -> bool {
    let n = n as f64;
    let eps = f64::EPSILON;
    var <= n * eps * var + (n * mean * eps).powi(2)
}

/// Standardizes each column to mean 0 and variance 1, as scikit-learn's `StandardScaler`:
/// `(x - mean) / scale` with the population standard deviation; a constant column gets scale 1.
///
/// ```
/// use grid_core::preprocess::{numeric_columns, StandardScaler, Transform, Transformer};
/// let x = ndarray::array![[1.0_f32, 5.0], [3.0, 5.0]];
/// let fitted = StandardScaler::default().fit(x.view(), &numeric_columns(2))?;
/// assert_eq!((fitted.mean.clone(), fitted.scale.clone()), (vec![2.0, 5.0], vec![1.0, 1.0]));
/// assert_eq!(fitted.transform(x.view())?, ndarray::array![[-1.0_f32, 0.0], [1.0, 0.0]]);
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandardScaler {
    /// Subtract the mean (default true).
    pub with_mean: bool,
    /// Divide by the standard deviation (default true).
    pub with_std: bool,
}

impl Default for StandardScaler {
    fn default() -> Self {
        StandardScaler { with_mean: true, with_std: true }
    }
}

/// A fitted [`StandardScaler`]: scikit-learn's `mean_`, `var_` and `scale_`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FittedStandardScaler {
    /// The settings it was fitted with.
    pub settings: StandardScaler,
    /// Mean of each column.
    pub mean: Vec<f64>,
    /// Population variance of each column.
    pub var: Vec<f64>,
    /// What each column is divided by: its standard deviation, 1 for a constant column (all 1
    /// when `with_std` is false).
    pub scale: Vec<f64>,
    /// The columns, unchanged by scaling.
    pub columns: Vec<Column>,
}

impl Transformer for StandardScaler {
    type Fitted = FittedStandardScaler;

    fn fit(&self, x: ArrayView2<'_, f32>, columns: &[Column]) -> Result<FittedStandardScaler> {
        let stats = fit_columns("StandardScaler", x, columns, |v| {
            let (mean, var) = mean_var(v);
            (mean, var, if is_constant(var, mean, v.len()) { 1.0 } else { var.sqrt() })
        })?;
        Ok(FittedStandardScaler {
            settings: *self,
            mean: stats.iter().map(|s| s.0).collect(),
            var: stats.iter().map(|s| s.1).collect(),
            scale: stats.iter().map(|s| if self.with_std { s.2 } else { 1.0 }).collect(),
            columns: columns.to_vec(),
        })
    }
}

impl FittedStandardScaler {
    fn center(&self, j: usize) -> f64 {
        if self.settings.with_mean {
            self.mean[j]
        } else {
            0.0
        }
    }
}

impl Transform for FittedStandardScaler {
    fn columns_out(&self) -> Vec<Column> {
        self.columns.clone()
    }

    fn transform(&self, x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
        check_width("StandardScaler", self.columns.len(), x.ncols())?;
        Ok(map_values(x, |j, v| (v - self.center(j)) / self.scale[j]))
    }

    fn inverse_transform(&self, x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
        check_width("StandardScaler", self.columns.len(), x.ncols())?;
        Ok(map_values(x, |j, v| v * self.scale[j] + self.center(j)))
    }
}

/// Scales each column to `feature_range` (default `(0, 1)`), as scikit-learn's
/// `MinMaxScaler`: `x * scale + min` with `scale = (hi - lo) / (max - min)`.
///
/// ```
/// use grid_core::preprocess::{numeric_columns, MinMaxScaler, Transform, Transformer};
/// let x = ndarray::array![[1.0_f32], [3.0], [5.0]];
/// let fitted = MinMaxScaler::default().fit(x.view(), &numeric_columns(1))?;
/// assert_eq!(fitted.transform(x.view())?, ndarray::array![[0.0_f32], [0.5], [1.0]]);
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MinMaxScaler {
    /// The range the training values are mapped onto (default `(0.0, 1.0)`).
    pub feature_range: (f64, f64),
}

impl Default for MinMaxScaler {
    fn default() -> Self {
        MinMaxScaler { feature_range: (0.0, 1.0) }
    }
}

/// A fitted [`MinMaxScaler`]: scikit-learn's `data_min_`, `data_max_`, `scale_` and `min_`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FittedMinMaxScaler {
    /// Smallest training value of each column.
    pub data_min: Vec<f64>,
    /// Largest training value of each column.
    pub data_max: Vec<f64>,
    /// What each column is multiplied by.
    pub scale: Vec<f64>,
    /// What is then added.
    pub min: Vec<f64>,
    /// The columns, unchanged by scaling.
    pub columns: Vec<Column>,
}

impl Transformer for MinMaxScaler {
    type Fitted = FittedMinMaxScaler;

    fn fit(&self, x: ArrayView2<'_, f32>, columns: &[Column]) -> Result<FittedMinMaxScaler> {
        let (lo, hi) = self.feature_range;
        if lo.partial_cmp(&hi) != Some(std::cmp::Ordering::Less) {
            return Err(Error::invalid(
                "feature_range",
                format!("the minimum must be smaller than the maximum, got ({lo}, {hi})"),
            ));
        }
        let stats = fit_columns("MinMaxScaler", x, columns, |v| {
            let min = v.iter().copied().fold(f64::INFINITY, f64::min);
            let max = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            (min, max)
        })?;
        let scale: Vec<f64> = stats.iter().map(|&(min, max)| (hi - lo) / nonzero_scale(max - min)).collect();
        Ok(FittedMinMaxScaler {
            data_min: stats.iter().map(|s| s.0).collect(),
            data_max: stats.iter().map(|s| s.1).collect(),
            min: stats.iter().zip(&scale).map(|(s, sc)| lo - s.0 * sc).collect(),
            scale,
            columns: columns.to_vec(),
        })
    }
}

impl Transform for FittedMinMaxScaler {
    fn columns_out(&self) -> Vec<Column> {
        self.columns.clone()
    }

    fn transform(&self, x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
        check_width("MinMaxScaler", self.columns.len(), x.ncols())?;
        Ok(map_values(x, |j, v| v * self.scale[j] + self.min[j]))
    }

    fn inverse_transform(&self, x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
        check_width("MinMaxScaler", self.columns.len(), x.ncols())?;
        Ok(map_values(x, |j, v| (v - self.min[j]) / self.scale[j]))
    }
}

/// Centers each column on its median and divides by its interquartile range, as
/// scikit-learn's `RobustScaler` (`quantile_range` default `(25, 75)`, numpy's linear
/// percentiles); a zero range gets scale 1.
///
/// ```
/// use grid_core::preprocess::{numeric_columns, RobustScaler, Transform, Transformer};
/// let x = ndarray::array![[1.0_f32], [2.0], [3.0], [4.0], [100.0]];
/// let fitted = RobustScaler::default().fit(x.view(), &numeric_columns(1))?;
/// assert_eq!((fitted.center[0], fitted.scale[0]), (3.0, 2.0));
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RobustScaler {
    /// Subtract the median (default true).
    pub with_centering: bool,
    /// Divide by the quantile range (default true).
    pub with_scaling: bool,
    /// The percentiles whose difference is the scale (default `(25.0, 75.0)`).
    pub quantile_range: (f64, f64),
}

impl Default for RobustScaler {
    fn default() -> Self {
        RobustScaler { with_centering: true, with_scaling: true, quantile_range: (25.0, 75.0) }
    }
}

/// A fitted [`RobustScaler`]: scikit-learn's `center_` and `scale_`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FittedRobustScaler {
    /// What is subtracted from each column (the median, or 0 without centering).
    pub center: Vec<f64>,
    /// What each column is then divided by (the quantile range, or 1 without scaling).
    pub scale: Vec<f64>,
    /// The columns, unchanged by scaling.
    pub columns: Vec<Column>,
}

impl Transformer for RobustScaler {
    type Fitted = FittedRobustScaler;

    fn fit(&self, x: ArrayView2<'_, f32>, columns: &[Column]) -> Result<FittedRobustScaler> {
        let (q_lo, q_hi) = self.quantile_range;
        if !(0.0 <= q_lo && q_lo <= q_hi && q_hi <= 100.0) {
            return Err(Error::invalid(
                "quantile_range",
                format!("needs 0 <= low <= high <= 100, got ({q_lo}, {q_hi})"),
            ));
        }
        let stats = fit_columns("RobustScaler", x, columns, |v| {
            (percentile(v, 50.0), nonzero_scale(percentile(v, q_hi) - percentile(v, q_lo)))
        })?;
        Ok(FittedRobustScaler {
            center: stats.iter().map(|s| if self.with_centering { s.0 } else { 0.0 }).collect(),
            scale: stats.iter().map(|s| if self.with_scaling { s.1 } else { 1.0 }).collect(),
            columns: columns.to_vec(),
        })
    }
}

impl Transform for FittedRobustScaler {
    fn columns_out(&self) -> Vec<Column> {
        self.columns.clone()
    }

    fn transform(&self, x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
        check_width("RobustScaler", self.columns.len(), x.ncols())?;
        Ok(map_values(x, |j, v| (v - self.center[j]) / self.scale[j]))
    }

    fn inverse_transform(&self, x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
        check_width("RobustScaler", self.columns.len(), x.ncols())?;
        Ok(map_values(x, |j, v| v * self.scale[j] + self.center[j]))
    }
}

/// Divides each column by its largest absolute value, as scikit-learn's `MaxAbsScaler`
/// (a column of zeros gets scale 1).
///
/// ```
/// use grid_core::preprocess::{numeric_columns, MaxAbsScaler, Transform, Transformer};
/// let x = ndarray::array![[-4.0_f32], [2.0]];
/// let fitted = MaxAbsScaler.fit(x.view(), &numeric_columns(1))?;
/// assert_eq!(fitted.transform(x.view())?, ndarray::array![[-1.0_f32], [0.5]]);
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaxAbsScaler;

/// A fitted [`MaxAbsScaler`]: scikit-learn's `max_abs_` and `scale_`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FittedMaxAbsScaler {
    /// Largest absolute training value of each column.
    pub max_abs: Vec<f64>,
    /// What each column is divided by.
    pub scale: Vec<f64>,
    /// The columns, unchanged by scaling.
    pub columns: Vec<Column>,
}

impl Transformer for MaxAbsScaler {
    type Fitted = FittedMaxAbsScaler;

    fn fit(&self, x: ArrayView2<'_, f32>, columns: &[Column]) -> Result<FittedMaxAbsScaler> {
        let max_abs =
            fit_columns("MaxAbsScaler", x, columns, |v| v.iter().fold(0.0_f64, |m, a| m.max(a.abs())))?;
        Ok(FittedMaxAbsScaler {
            scale: max_abs.iter().map(|&m| nonzero_scale(m)).collect(),
            max_abs,
            columns: columns.to_vec(),
        })
    }
}

impl Transform for FittedMaxAbsScaler {
    fn columns_out(&self) -> Vec<Column> {
        self.columns.clone()
    }

    fn transform(&self, x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
        check_width("MaxAbsScaler", self.columns.len(), x.ncols())?;
        Ok(map_values(x, |j, v| v / self.scale[j]))
    }

    fn inverse_transform(&self, x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
        check_width("MaxAbsScaler", self.columns.len(), x.ncols())?;
        Ok(map_values(x, |j, v| v * self.scale[j]))
    }
}
