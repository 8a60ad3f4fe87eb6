//! Column statistics over the present (non-NaN) values, in f64, as numpy's `nan*` functions.

use ndarray::ArrayView2;

use super::columns::Column;
use crate::error::{Error, Result};

/// The present values of column `j`, in f64.
pub(crate) fn present(x: ArrayView2<'_, f32>, j: usize) -> Vec<f64> {
    x.column(j).iter().filter(|v| !v.is_nan()).map(|&v| f64::from(v)).collect()
}

/// The present values of column `j`, or an error naming the column when it has none.
pub(crate) fn present_or_err(
    step: &str,
    x: ArrayView2<'_, f32>,
    columns: &[Column],
    j: usize,
) -> Result<Vec<f64>> {
    let values = present(x, j);
    if values.is_empty() {
        return Err(Error::AllMissing {
            column: columns[j].name.clone(),
            context: format!("the rows {step} is fitted on"),
        });
    }
    Ok(values)
}

/// Mean and population variance (ddof 0).
pub(crate) fn mean_var(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
    (mean, var)
}

/// numpy's `percentile` with linear interpolation, `q` in 0..=100, of unsorted `values`.
pub(crate) fn percentile(values: &[f64], q: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let pos = q / 100.0 * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    let frac = pos - lo as f64;
    sorted[lo] + (sorted[hi] - sorted[lo]) * frac
}

/// The most frequent value, the smallest among ties (scikit-learn's `most_frequent`).
pub(crate) fn most_frequent(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let (mut best, mut best_count) = (sorted[0], 0);
    let mut i = 0;
    while i < sorted.len() {
        let j = sorted[i..].iter().position(|&v| v != sorted[i]).map_or(sorted.len(), |k| i + k);
        if j - i > best_count {
            (best, best_count) = (sorted[i], j - i);
        }
        i = j;
    }
    best
}

/// A scale of (nearly) zero becomes 1, as scikit-learn's `_handle_zeros_in_scale`.
pub(crate) fn nonzero_scale(scale: f64) -> f64 {
    if scale < 10.0 * f64::EPSILON {
        1.0
    } else {
        scale
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_interpolates_as_numpy() {
        // numpy.percentile([1, 2, 3, 4], [25, 50, 75]) == [1.75, 2.5, 3.25]
        let v = [4.0, 1.0, 3.0, 2.0];
        assert_eq!([percentile(&v, 25.0), percentile(&v, 50.0), percentile(&v, 75.0)], [1.75, 2.5, 3.25]);
    }

    #[test]
    fn most_frequent_takes_the_smallest_tie() {
        assert_eq!(most_frequent(&[3.0, 1.0, 3.0, 1.0, 2.0]), 1.0);
        assert_eq!(most_frequent(&[5.0, 2.0, 5.0]), 5.0);
    }
}
