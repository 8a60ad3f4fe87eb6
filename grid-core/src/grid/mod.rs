//! Typed hyperparameter grids: the [`Tunable`] parameter structs that `#[tunable]` generates and
//! the [`ParamGrid`]s that `grid!` builds from them.
//!
//! `grid!(f { a: [..], b: [..] } | { .. })` expands to a [`Grid`]: a static [`Shape`] (its
//! [`Branch`]es and their [`Axis`]es, sorted by name) and a closure building candidate `i`
//! from its branch and the value index of each axis ([`Digits`]), in scikit-learn's
//! `ParameterGrid` order. The number of candidates is the const parameter `N` of the type.

mod axis;
mod candidates;
mod display;
mod fit;
mod params;
mod product;
mod runtime;
mod set_by_grid;
mod shape;

pub use axis::{count_candidates, Axis, Branch, Digits};
pub use candidates::Candidates;
pub(crate) use display::json_label;
pub use display::{write_params, ParamEntries};
pub use fit::{names_contain, FitParamSet, HasFitParams, NoFitParams, TrainedWith};
/// The derive of [`FitParamSet`] (its doc has an example), under the trait's name as serde's.
pub use grid_macros::FitParamSet;
pub use params::{Meta, Params, Tunable};
pub use product::Grid;
pub use runtime::RuntimeGrid;
pub use set_by_grid::SetByGrid;
pub use shape::Shape;

/// A finite, indexable set of candidate parameters, enumerated in scikit-learn's
/// `ParameterGrid` order.
///
/// `grid!` builds one without materializing its product; a `Vec` of parameters is a grid too.
///
/// ```
/// use grid_core::grid::ParamGrid;
/// let grid = vec![0.1_f64, 1.0, 10.0];
/// assert_eq!(grid.len(), 3);
/// assert_eq!(grid.get(2), Some(10.0));
/// assert_eq!(grid.get(3), None);
/// ```
pub trait ParamGrid: Send + Sync {
    /// The typed parameters of one candidate.
    type Params: Params;

    /// Number of candidates.
    ///
    /// ```
    /// use grid_core::grid::ParamGrid;
    /// assert_eq!(ParamGrid::len(&vec![1_u8, 2, 3]), 3);
    /// ```
    fn len(&self) -> usize;

    /// Candidate `index`, computed on demand; `None` past the end.
    ///
    /// ```
    /// use grid_core::grid::{Axis, Branch, Grid, ParamGrid, Shape};
    /// const SHAPE: Shape<2> = Shape::new(&[Branch::new(&[Axis::new("alpha", 2)])]);
    /// let grid = Grid::new(SHAPE, |_, mut digits| [0.1, 1.0][digits.next().unwrap()]);
    /// assert_eq!(ParamGrid::get(&grid, 1), Some(1.0));
    /// assert_eq!(ParamGrid::get(&grid, 2), None);
    /// ```
    fn get(&self, index: usize) -> Option<Self::Params>;

    /// The names of the axes the grid varies, sorted and without repeats (for a union, the
    /// names of every branch). Empty for a plain list of candidates.
    ///
    /// ```
    /// use grid_core::grid::{Axis, Branch, Grid, ParamGrid, Shape};
    /// const SHAPE: Shape<3> = Shape::new(&[
    ///     Branch::new(&[Axis::new("beta", 1), Axis::new("gamma", 1)]),
    ///     Branch::new(&[Axis::new("alpha", 2)]),
    /// ]);
    /// let grid = Grid::new(SHAPE, |branch, _| branch);
    /// assert_eq!(ParamGrid::axis_names(&grid), ["alpha", "beta", "gamma"]);
    /// assert!(ParamGrid::axis_names(&vec![0.5_f64]).is_empty());
    /// ```
    fn axis_names(&self) -> Vec<&'static str> {
        Vec::new()
    }

    /// The axes the grid sets on candidate `index`: those of the candidate's branch, so that
    /// for a union (scikit-learn's list of dicts) the parameters of the other branches can be
    /// left empty in `cv_results`, as scikit-learn masks them. `None` past the end, and for a
    /// grid that does not know (a plain list of candidates: every parameter column applies).
    ///
    /// ```
    /// use grid_core::grid::{Axis, Branch, Grid, ParamGrid, Shape};
    /// const SHAPE: Shape<3> = Shape::new(&[
    ///     Branch::new(&[Axis::new("alpha", 2)]),
    ///     Branch::new(&[Axis::new("beta", 1)]),
    /// ]);
    /// let grid = Grid::new(SHAPE, |branch, _| branch);
    /// assert_eq!(grid.axes_of(1).unwrap()[0].name, "alpha");
    /// assert_eq!(grid.axes_of(2).unwrap()[0].name, "beta");
    /// assert!(grid.axes_of(3).is_none());
    /// assert!(vec![1.0_f64].axes_of(0).is_none());
    /// ```
    fn axes_of(&self, _index: usize) -> Option<&'static [Axis]> {
        None
    }

    /// `true` when the grid has no candidate.
    ///
    /// ```
    /// use grid_core::grid::ParamGrid;
    /// assert!(ParamGrid::is_empty(&Vec::<f64>::new()));
    /// assert!(!ParamGrid::is_empty(&vec![0.5_f64]));
    /// ```
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The candidates in order, computed one at a time. (Not named `iter`: with the trait in
    /// scope, a method on `Vec` would shadow the slice's `iter`.)
    ///
    /// ```
    /// use grid_core::grid::ParamGrid;
    /// let grid = vec![0.1_f64, 1.0];
    /// assert_eq!(grid.candidates().collect::<Vec<_>>(), [0.1, 1.0]);
    /// ```
    fn candidates(&self) -> Candidates<'_, Self> {
        Candidates::new(self)
    }
}

impl<P: Params> ParamGrid for Vec<P> {
    type Params = P;

    fn len(&self) -> usize {
        <[P]>::len(self)
    }

    fn get(&self, index: usize) -> Option<P> {
        <[P]>::get(self, index).cloned()
    }
}
