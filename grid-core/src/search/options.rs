//! Fit-time data that is not `x` and `y`: validation data and groups.

use std::borrow::Cow;

use ndarray::{CowArray, Ix2};

use crate::data::{Label, Target};
use crate::input::{IntoFeatures, IntoTarget};

/// Extra data for [`GridSearchCV::fit_with`](crate::search::GridSearchCV::fit_with).
///
/// ```
/// use grid_core::search::FitOptions;
/// let (x_val, y_val) = (ndarray::Array2::<f32>::zeros((2, 3)), ndarray::array![1.0_f32, 2.0]);
/// let options = FitOptions::new().validation_data(&x_val, &y_val).groups(&["a", "b", "a"]);
/// assert!(options.groups.is_some());
/// ```
#[derive(Clone, Debug)]
pub struct FitOptions<'a, Y: Clone> {
    /// Validation data handed to every fit (Keras' `validation_data`), as `f32`: borrowed
    /// when it was given as `f32`, converted once otherwise.
    pub validation: Option<(CowArray<'a, f32, Ix2>, Cow<'a, Y>)>,
    /// Group index of each row (for `GroupKFold`), numbered in sorted order of the groups.
    pub groups: Option<Vec<usize>>,
}

impl<Y: Clone> Default for FitOptions<'_, Y> {
    fn default() -> Self {
        FitOptions { validation: None, groups: None }
    }
}

impl<'a, Y: Target> FitOptions<'a, Y> {
    /// No validation data, no groups.
    pub fn new() -> Self {
        Self::default()
    }

    /// Validation data handed to every fit; it is never split or scored by the search. As
    /// `fit`, it takes owned arrays, references or views, of `f32` or `f64`
    /// ([`IntoFeatures`], [`IntoTarget`]).
    ///
    /// ```
    /// use grid_core::search::FitOptions;
    /// let table = ndarray::Array2::<f32>::zeros((10, 3));
    /// let y = ndarray::Array1::<f64>::zeros(10);
    /// let options = FitOptions::new().validation_data(table.slice(ndarray::s![6.., ..]), y.slice(ndarray::s![6..]));
    /// let (x_val, y_val) = options.validation.as_ref().unwrap();
    /// assert!(x_val.is_view()); // the slice of the table is not copied
    /// assert_eq!(y_val.len(), 4);
    /// ```
    pub fn validation_data(mut self, x: impl IntoFeatures<'a>, y: impl IntoTarget<'a, Y>) -> Self {
        self.validation = Some((x.into_features(), y.into_target()));
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
