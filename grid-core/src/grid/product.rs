//! The grid `grid!` builds: a static [`Shape`] and a closure that makes one candidate.

use std::fmt;
use std::marker::PhantomData;

use super::axis::Digits;
use super::candidates::Candidates;
use super::shape::Shape;
use super::{ParamGrid, Params};

/// A grid of `N` candidates of type `P`, computed on demand: `get(i)` locates candidate `i` in
/// the [`Shape`] and asks `make` for it, given the branch and the value index of each of its
/// axes. The Cartesian product is never materialized: building the grid and getting a
/// candidate allocate nothing of the grid's size.
///
/// This is what `grid!(f { .. })` expands to, with a `make` that builds one struct literal per
/// branch; it can be written by hand too:
///
/// ```
/// use grid_core::grid::{Axis, Branch, Grid, ParamGrid, Shape};
/// const SHAPE: Shape<6> = Shape::new(&[Branch::new(&[Axis::new("a", 2), Axis::new("b", 3)])]);
/// let grid = Grid::new(SHAPE, |_branch, mut digits| {
///     let a = [1, 2][digits.next().unwrap()];
///     let b = [10, 20, 30][digits.next().unwrap()];
///     a * b
/// });
/// assert_eq!(grid.len(), 6);
/// assert_eq!(grid.iter().collect::<Vec<_>>(), [10, 20, 30, 20, 40, 60]);
/// assert_eq!(grid.get(6), None);
/// ```
pub struct Grid<P, F, const N: usize> {
    shape: Shape<N>,
    make: F,
    params: PhantomData<fn() -> P>,
}

impl<P, F, const N: usize> Grid<P, F, N>
where
    F: Fn(usize, Digits) -> P,
{
    /// Number of candidates, known at compile time.
    ///
    /// ```
    /// use grid_core::grid::{Axis, Branch, Digits, Grid, Shape};
    /// type G = Grid<usize, fn(usize, Digits) -> usize, 7>;
    /// assert_eq!(G::LEN, 7);
    /// ```
    pub const LEN: usize = N;

    /// The grid of `shape` whose candidate is `make(branch, digits)`.
    ///
    /// ```
    /// use grid_core::grid::{Axis, Branch, Grid, ParamGrid, Shape};
    /// const SHAPE: Shape<3> = Shape::new(&[Branch::new(&[Axis::new("alpha", 3)])]);
    /// let alphas = [0.1, 1.0, 10.0];
    /// let grid = Grid::new(SHAPE, move |_, mut digits| alphas[digits.next().unwrap()]);
    /// assert_eq!(grid.get(1), Some(1.0));
    /// ```
    pub fn new(shape: Shape<N>, make: F) -> Self {
        Grid { shape, make, params: PhantomData }
    }

    /// The grid's shape: its branches and axes.
    ///
    /// ```
    /// use grid_core::grid::{Axis, Branch, Grid, Shape};
    /// const SHAPE: Shape<2> = Shape::new(&[Branch::new(&[Axis::new("alpha", 2)])]);
    /// let grid = Grid::new(SHAPE, |_, _| 0);
    /// assert_eq!(grid.shape().branches()[0].axes()[0].name, "alpha");
    /// ```
    pub fn shape(&self) -> &Shape<N> {
        &self.shape
    }
}

impl<P, F, const N: usize> Grid<P, F, N>
where
    P: Params,
    F: Fn(usize, Digits) -> P + Send + Sync,
{
    /// The candidates in order, computed one at a time.
    ///
    /// ```
    /// use grid_core::grid::{Axis, Branch, Grid, Shape};
    /// const SHAPE: Shape<3> = Shape::new(&[Branch::new(&[Axis::new("alpha", 3)])]);
    /// let grid = Grid::new(SHAPE, |_, mut digits| [0.1, 1.0, 10.0][digits.next().unwrap()]);
    /// assert_eq!(grid.iter().rev().collect::<Vec<_>>(), [10.0, 1.0, 0.1]);
    /// ```
    pub fn iter(&self) -> Candidates<'_, Self> {
        Candidates::new(self)
    }

    /// Number of candidates (the constant `N`), without importing [`ParamGrid`].
    ///
    /// ```
    /// use grid_core::grid::{Axis, Branch, Grid, Shape};
    /// const SHAPE: Shape<2> = Shape::new(&[Branch::new(&[Axis::new("alpha", 2)])]);
    /// assert_eq!(Grid::new(SHAPE, |_, _| 0).len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        N
    }

    /// The names of the grid's axes, sorted, without repeats (see [`ParamGrid::axis_names`]).
    ///
    /// ```
    /// use grid_core::grid::{Axis, Branch, Grid, Shape};
    /// const SHAPE: Shape<4> = Shape::new(&[Branch::new(&[Axis::new("b", 2), Axis::new("c", 2)])]);
    /// assert_eq!(Grid::new(SHAPE, |_, _| 0).axis_names(), ["b", "c"]);
    /// ```
    pub fn axis_names(&self) -> Vec<&'static str> {
        self.shape.axis_names()
    }

    /// `true` for a grid without candidates.
    ///
    /// ```
    /// use grid_core::grid::{Axis, Branch, Grid, Shape};
    /// const EMPTY: Shape<0> = Shape::new(&[]);
    /// assert!(Grid::new(EMPTY, |_, _| 0).is_empty());
    /// const ONE: Shape<1> = Shape::new(&[Branch::new(&[Axis::new("a", 1)])]);
    /// assert!(!Grid::new(ONE, |_, _| 0).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        N == 0
    }

    /// Candidate `index`, computed on demand; `None` past the end.
    ///
    /// ```
    /// use grid_core::grid::{Axis, Branch, Grid, Shape};
    /// const SHAPE: Shape<2> = Shape::new(&[Branch::new(&[Axis::new("alpha", 2)])]);
    /// let grid = Grid::new(SHAPE, |_, mut d| [0.5, 2.0][d.next().unwrap()]);
    /// assert_eq!((grid.get(1), grid.get(2)), (Some(2.0), None));
    /// ```
    pub fn get(&self, index: usize) -> Option<P> {
        let (branch, digits) = self.shape.locate(index)?;
        Some((self.make)(branch, digits))
    }
}

impl<P, F, const N: usize> ParamGrid for Grid<P, F, N>
where
    P: Params,
    F: Fn(usize, Digits) -> P + Send + Sync,
{
    type Params = P;

    fn len(&self) -> usize {
        N
    }

    fn get(&self, index: usize) -> Option<P> {
        Grid::get(self, index)
    }

    fn axis_names(&self) -> Vec<&'static str> {
        self.shape.axis_names()
    }

    fn axes_of(&self, index: usize) -> Option<&'static [super::Axis]> {
        let (branch, _) = self.shape.locate(index)?;
        Some(self.shape.branches()[branch].axes())
    }
}

/// The shape's summary: `12 candidates: batch_size(3) x epochs(2) x optimizer(2)`.
///
/// ```
/// use grid_core::grid::{Axis, Branch, Grid, Shape};
/// const SHAPE: Shape<2> = Shape::new(&[Branch::new(&[Axis::new("alpha", 2)])]);
/// assert_eq!(Grid::new(SHAPE, |_, _| 0).to_string(), "2 candidates: alpha(2)");
/// ```
impl<P, F, const N: usize> fmt::Display for Grid<P, F, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.shape, f)
    }
}

impl<P, F, const N: usize> fmt::Debug for Grid<P, F, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Grid").field("shape", &self.shape).finish_non_exhaustive()
    }
}

impl<P, F: Clone, const N: usize> Clone for Grid<P, F, N> {
    fn clone(&self) -> Self {
        Grid { shape: self.shape, make: self.make.clone(), params: PhantomData }
    }
}
