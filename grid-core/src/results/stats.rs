//! Means, standard deviations and ranks, as numpy and scikit-learn compute them.

/// Arithmetic mean; NaN if any value is NaN (as `np.mean`), NaN for no values.
///
/// ```
/// assert_eq!(grid_core::results::mean(&[1.0, 2.0, 6.0]), 3.0);
/// assert!(grid_core::results::mean(&[1.0, f64::NAN]).is_nan());
/// ```
pub fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.iter().sum::<f64>() / values.len() as f64
}

/// Population standard deviation (`np.std`, `ddof = 0`).
///
/// ```
/// assert_eq!(grid_core::results::std(&[1.0, 3.0]), 1.0);
/// ```
pub fn std(values: &[f64]) -> f64 {
    let m = mean(values);
    (values.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / values.len() as f64).sqrt()
}

/// Ranks as scikit-learn's `GridSearchCV`: the greatest mean is rank 1, ties share the lowest
/// rank (`method="min"`), NaN means rank after every number (all sharing one rank), and if
/// every mean is NaN every rank is 1.
///
/// ```
/// let ranks = grid_core::results::rank(&[0.5, f64::NAN, 0.9, 0.5]);
/// assert_eq!(ranks, vec![2, 4, 1, 2]);
/// ```
pub fn rank(means: &[f64]) -> Vec<usize> {
    means
        .iter()
        .map(|&m| {
            if m.is_nan() {
                1 + means.iter().filter(|v| !v.is_nan()).count()
            } else {
                1 + means.iter().filter(|&&v| v > m).count()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // scipy.stats.rankdata(-np.array(means), method="min") after sklearn's NaN replacement
    #[test]
    fn ranks_ties_and_nan_as_sklearn() {
        assert_eq!(rank(&[1.0, 1.0, 0.0]), vec![1, 1, 3]);
        assert_eq!(rank(&[f64::NAN, f64::NAN]), vec![1, 1]);
        assert_eq!(rank(&[f64::NAN, -3.0, f64::NAN, -1.0]), vec![3, 2, 3, 1]);
        assert_eq!(rank(&[f64::NEG_INFINITY, -1.0]), vec![2, 1]);
    }

    #[test]
    fn std_is_population_std() {
        // np.std([1, 2, 3, 4]) == 1.118033988749895
        assert!((std(&[1.0, 2.0, 3.0, 4.0]) - 1.118033988749895).abs() < 1e-15);
        assert_eq!(std(&[5.0]), 0.0);
    }
}
