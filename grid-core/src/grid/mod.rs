//! Typed hyperparameter grids: the [`Tunable`] parameter structs that `#[tunable]` generates and
//! the [`ParamGrid`]s that `grid!` builds from them.

mod params;

pub use params::{Meta, Params, Tunable};

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
    fn len(&self) -> usize;

    /// Candidate `index`, computed on demand; `None` past the end.
    fn get(&self, index: usize) -> Option<Self::Params>;

    /// The names of the axes the grid varies, sorted and without repeats (for a union, the
    /// names of every branch). Empty for a plain list of candidates.
    fn axis_names(&self) -> Vec<&'static str> {
        Vec::new()
    }

    /// `true` when the grid has no candidate.
    fn is_empty(&self) -> bool {
        self.len() == 0
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
