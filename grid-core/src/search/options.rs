//! Fit-time data that is not `x` and `y`: validation data and groups.

use ndarray::ArrayView2;

use crate::data::{Label, Target};

/// Extra data for [`GridSearchCV::fit_with`](crate::search::GridSearchCV::fit_with).
///
/// ```
/// use grid_core::search::FitOptions;
/// let (x_val, y_val) = (ndarray::Array2::<f32>::zeros((2, 3)), ndarray::array![1.0_f32, 2.0]);
/// let options = FitOptions::new().validation_data(&x_val, &y_val).groups(&["a", "b", "a"]);
/// assert!(options.groups.is_some());
/// ```
#[derive(Clone, Debug)]
pub struct FitOptions<'a, Y> {
    /// Validation data handed to every fit (Keras' `validation_data`).
    pub validation: Option<(ArrayView2<'a, f32>, &'a Y)>,
    /// Group index of each row (for `GroupKFold`), numbered in sorted order of the groups.
    pub groups: Option<Vec<usize>>,
}

impl<Y> Default for FitOptions<'_, Y> {
    fn default() -> Self {
        FitOptions { validation: None, groups: None }
    }
}

impl<'a, Y: Target> FitOptions<'a, Y> {
    /// No validation data, no groups.
    pub fn new() -> Self {
        Self::default()
    }

    /// Validation data handed to every fit; it is never split or scored by the search.
    pub fn validation_data(mut self, x: &'a ndarray::Array2<f32>, y: &'a Y) -> Self {
        self.validation = Some((x.view(), y));
        self
    }

    /// The group of each row, of any label type.
    pub fn groups<G: Label>(mut self, groups: &[G]) -> Self {
        let mut distinct: Vec<&G> = groups.iter().collect();
        distinct.sort_unstable();
        distinct.dedup();
        // Every group is in `distinct`, so the search always finds it.
        self.groups = Some(groups.iter().map(|g| distinct.binary_search(&g).unwrap_or_else(|i| i)).collect());
        self
    }
}
