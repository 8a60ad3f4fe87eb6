//! A grid whose values are known only at run time (read from a config file or the command
//! line): `grid!(f { units: [..widths], epochs: [10, 20] })`.

use std::fmt;
use std::marker::PhantomData;

use super::axis::{Axis, Branch, Digits};
use super::candidates::Candidates;
use super::shape::{axis_names, fmt_summary, locate};
use super::{ParamGrid, Params};
use crate::error::{Error, Result};

/// A grid whose axes' lengths are known at run time: what `grid!` builds when an axis takes its
/// values from a collection (`units: [..widths]`). Each candidate is still a typed struct
/// literal checked by the compiler; only the number of candidates is a run-time value. Built
/// with [`RuntimeGrid::new`], which is an error for an axis without values, so `grid!` returns a
/// `Result` for such a grid.
///
/// ```
/// use grid_core::grid::{ParamGrid, RuntimeGrid};
/// let alphas = vec![0.1, 1.0, 10.0]; // read at run time
/// let n = alphas.len();
/// let grid = RuntimeGrid::new(vec![vec![("alpha", n)]], move |_, mut digits| alphas[digits.next().unwrap()])?;
/// assert_eq!((grid.len(), grid.get(2)), (3, Some(10.0)));
/// assert_eq!(grid.to_string(), "3 candidates: alpha(3)");
/// assert!(RuntimeGrid::new(vec![vec![("alpha", 0)]], |_, _| 0.0).is_err());
/// # Ok::<(), grid_core::Error>(())
/// ```
pub struct RuntimeGrid<P, F> {
    branches: &'static [Branch],
    len: usize,
    make: F,
    params: PhantomData<fn() -> P>,
}

impl<P, F> RuntimeGrid<P, F>
where
    F: Fn(usize, Digits) -> P,
{
    /// The union of `branches`, each a list of (axis name, number of values) sorted by name,
    /// whose candidate is `make(branch, digits)`.
    ///
    /// # Errors
    ///
    /// [`Error::Empty`] naming an axis without values; [`Error::InvalidParameter`] for a grid
    /// of more candidates than `usize` counts, or axes not sorted by name without repeats.
    ///
    /// ```
    /// use grid_core::grid::RuntimeGrid;
    /// let err = RuntimeGrid::new(vec![vec![("units", 2), ("depth", 0)]], |_, _| 0).err().unwrap();
    /// assert_eq!(err.to_string(), "the value list of the grid axis `depth` is empty");
    /// ```
    pub fn new(branches: Vec<Vec<(&'static str, usize)>>, make: F) -> Result<Self> {
        let mut len: usize = 0;
        let mut checked = Vec::with_capacity(branches.len());
        for axes in branches {
            let mut product: usize = 1;
            for (k, &(name, n)) in axes.iter().enumerate() {
                if n == 0 {
                    return Err(Error::Empty(format!("the value list of the grid axis `{name}`")));
                }
                if k > 0 && axes[k - 1].0 >= name {
                    return Err(Error::invalid(
                        "grid",
                        "the axes of a branch must be sorted by name, without repeats",
                    ));
                }
                product = product.checked_mul(n).ok_or_else(too_many)?;
            }
            len = len.checked_add(product).ok_or_else(too_many)?;
            // The axes live as long as the grid's candidates may name them (`axes_of` gives
            // `'static` names, as for a `grid!` whose axes are constants): a few bytes a grid.
            let axes: &'static [Axis] =
                Box::leak(axes.into_iter().map(|(name, n)| Axis::new(name, n)).collect());
            checked.push(Branch::new(axes));
        }
        Ok(RuntimeGrid { branches: Box::leak(checked.into_boxed_slice()), len, make, params: PhantomData })
    }
}

fn too_many() -> Error {
    Error::invalid("grid", "the grid has more candidates than `usize` can count")
}

impl<P, F> RuntimeGrid<P, F>
where
    P: Params,
    F: Fn(usize, Digits) -> P + Send + Sync,
{
    /// Number of candidates.
    #[allow(clippy::len_without_is_empty)] // a grid of `new` always has a candidate
    pub fn len(&self) -> usize {
        self.len
    }

    /// Candidate `index`, computed on demand; `None` past the end.
    pub fn get(&self, index: usize) -> Option<P> {
        let (branch, digits) = locate(self.branches, index)?;
        Some((self.make)(branch, digits))
    }

    /// The candidates in order, computed one at a time.
    pub fn iter(&self) -> Candidates<'_, Self> {
        Candidates::new(self)
    }

    /// The names of the grid's axes, sorted, without repeats.
    pub fn axis_names(&self) -> Vec<&'static str> {
        axis_names(self.branches)
    }
}

impl<P, F> ParamGrid for RuntimeGrid<P, F>
where
    P: Params,
    F: Fn(usize, Digits) -> P + Send + Sync,
{
    type Params = P;

    fn len(&self) -> usize {
        self.len
    }

    fn get(&self, index: usize) -> Option<P> {
        RuntimeGrid::get(self, index)
    }

    fn axis_names(&self) -> Vec<&'static str> {
        axis_names(self.branches)
    }

    fn axes_of(&self, index: usize) -> Option<&'static [Axis]> {
        let (branch, _) = locate(self.branches, index)?;
        Some(self.branches[branch].axes())
    }
}

/// `6 candidates: units(3) x epochs(2)`, as a `grid!` of constant values.
impl<P, F> fmt::Display for RuntimeGrid<P, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_summary(f, self.len, self.branches)
    }
}

impl<P, F> fmt::Debug for RuntimeGrid<P, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuntimeGrid").field("branches", &self.branches).finish_non_exhaustive()
    }
}
