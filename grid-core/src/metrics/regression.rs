//! Regression metrics on `n_samples x n_outputs` arrays, averaged uniformly over outputs
//! (scikit-learn's default `multioutput="uniform_average"`).

use ndarray::{ArrayView2, Axis, Zip};

use super::check::{self, metric_error};
use crate::error::Result;

/// Per-output mean of `f(true, pred)` over the samples.
fn per_output_mean(
    y_true: &ArrayView2<'_, f64>,
    y_pred: &ArrayView2<'_, f64>,
    f: impl Fn(f64, f64) -> f64,
) -> Vec<f64> {
    let n = y_true.nrows() as f64;
    y_true
        .axis_iter(Axis(1))
        .zip(y_pred.axis_iter(Axis(1)))
        .map(|(t, p)| Zip::from(&t).and(&p).fold(0.0, |acc, &t, &p| acc + f(t, p)) / n)
        .collect()
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// Mean squared error, as scikit-learn's `mean_squared_error` (lower is better).
///
/// # Errors
/// [`Error::Metric`](crate::Error::Metric) when the shapes differ, the input is empty or holds
/// a non-finite value.
///
/// ```
/// use grid_core::metrics::mean_squared_error;
/// let y_true = ndarray::array![[3.0], [-0.5], [2.0], [7.0]];
/// let y_pred = ndarray::array![[2.5], [0.0], [2.0], [8.0]];
/// assert!((mean_squared_error(y_true.view(), y_pred.view()).unwrap() - 0.375).abs() < 1e-12);
/// ```
pub fn mean_squared_error(y_true: ArrayView2<'_, f64>, y_pred: ArrayView2<'_, f64>) -> Result<f64> {
    check::values("mean_squared_error", &y_true, &y_pred)?;
    Ok(mean(&per_output_mean(&y_true, &y_pred, |t, p| (t - p) * (t - p))))
}

/// Root mean squared error, as scikit-learn's `root_mean_squared_error`: the square root is taken
/// per output, then the outputs are averaged (lower is better).
///
/// # Errors
/// As [`mean_squared_error`].
///
/// ```
/// use grid_core::metrics::root_mean_squared_error;
/// // Output 0 has RMSE 1, output 1 has RMSE 3: the score is their mean, 2.
/// let y_true = ndarray::array![[0.0, 0.0], [0.0, 0.0]];
/// let y_pred = ndarray::array![[1.0, 3.0], [-1.0, -3.0]];
/// assert_eq!(root_mean_squared_error(y_true.view(), y_pred.view()).unwrap(), 2.0);
/// ```
pub fn root_mean_squared_error(y_true: ArrayView2<'_, f64>, y_pred: ArrayView2<'_, f64>) -> Result<f64> {
    check::values("root_mean_squared_error", &y_true, &y_pred)?;
    let mse = per_output_mean(&y_true, &y_pred, |t, p| (t - p) * (t - p));
    Ok(mean(&mse.iter().map(|m| m.sqrt()).collect::<Vec<_>>()))
}

/// Mean absolute error, as scikit-learn's `mean_absolute_error` (lower is better).
///
/// # Errors
/// As [`mean_squared_error`].
///
/// ```
/// use grid_core::metrics::mean_absolute_error;
/// let y_true = ndarray::array![[3.0], [-0.5], [2.0], [7.0]];
/// let y_pred = ndarray::array![[2.5], [0.0], [2.0], [8.0]];
/// assert_eq!(mean_absolute_error(y_true.view(), y_pred.view()).unwrap(), 0.5);
/// ```
pub fn mean_absolute_error(y_true: ArrayView2<'_, f64>, y_pred: ArrayView2<'_, f64>) -> Result<f64> {
    check::values("mean_absolute_error", &y_true, &y_pred)?;
    Ok(mean(&per_output_mean(&y_true, &y_pred, |t, p| (t - p).abs())))
}

/// Coefficient of determination R², as scikit-learn's `r2_score` with its defaults
/// (`multioutput="uniform_average"`, `force_finite=True`): per output
/// `1 - SS_res / SS_tot`, except that an output whose `y_true` is constant scores 1.0 when
/// predicted perfectly and 0.0 otherwise; then the outputs are averaged.
///
/// A column counts as constant when all its values are equal. (scikit-learn tests its computed
/// `SS_tot` against zero, which for a few values such as `[0.1, 0.1, 0.1]` is a round-off residue
/// instead; values that come from `f32` targets never hit this.)
///
/// # Errors
/// As [`mean_squared_error`], and when there are fewer than two samples (scikit-learn returns
/// NaN with a warning: R² is not defined there).
///
/// ```
/// use grid_core::metrics::r2_score;
/// let y_true = ndarray::array![[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]];
/// let y_pred = ndarray::array![[1.0, 5.0], [2.0, 5.0], [2.0, 4.0]];
/// // Output 0: 1 - 1/2 = 0.5; output 1 is constant and mispredicted: 0.0.
/// assert_eq!(r2_score(y_true.view(), y_pred.view()).unwrap(), 0.25);
/// ```
pub fn r2_score(y_true: ArrayView2<'_, f64>, y_pred: ArrayView2<'_, f64>) -> Result<f64> {
    const METRIC: &str = "r2_score";
    check::values(METRIC, &y_true, &y_pred)?;
    if y_true.nrows() < 2 {
        return Err(metric_error(METRIC, "R² is not defined with fewer than two samples"));
    }
    let n = y_true.nrows() as f64;
    let scores: Vec<f64> = y_true
        .axis_iter(Axis(1))
        .zip(y_pred.axis_iter(Axis(1)))
        .map(|(t, p)| {
            let residual: f64 = Zip::from(&t).and(&p).fold(0.0, |acc, &t, &p| acc + (t - p) * (t - p));
            let constant = t.iter().all(|&v| v == t[0]);
            let total = if constant {
                0.0
            } else {
                let m = t.sum() / n;
                t.fold(0.0, |acc, &v| acc + (v - m) * (v - m))
            };
            match (residual != 0.0, total != 0.0) {
                (false, _) => 1.0,
                (true, false) => 0.0,
                (true, true) => 1.0 - residual / total,
            }
        })
        .collect();
    Ok(mean(&scores))
}
