//! The shape of a grid with `N` candidates: where candidate `i` lies, and the summary line.

use std::fmt;

use itertools::Itertools;

use super::axis::{count_candidates, Branch, Digits};

/// The static shape of a grid of `N` candidates: a union of [`Branch`]es enumerated in order,
/// as scikit-learn's `ParameterGrid` enumerates a list of dicts.
///
/// `N` is part of the type, so the number of candidates of a `grid!` is a compile-time
/// constant.
///
/// ```
/// use grid_core::grid::{Axis, Branch, Shape};
/// const SHAPE: Shape<14> = Shape::new(&[
///     Branch::new(&[Axis::new("batch_size", 3), Axis::new("epochs", 2), Axis::new("optimizer", 2)]),
///     Branch::new(&[Axis::new("units", 2)]),
/// ]);
/// assert_eq!(SHAPE.to_string(), "14 candidates: batch_size(3) x epochs(2) x optimizer(2) | units(2)");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Shape<const N: usize> {
    branches: &'static [Branch],
}

impl<const N: usize> Shape<N> {
    /// The union of `branches`.
    ///
    /// # Panics
    ///
    /// When the branches do not have `N` candidates in all; in a `const` item (as `grid!`
    /// writes it) this is a compile error.
    ///
    /// ```
    /// use grid_core::grid::{Axis, Branch, Shape};
    /// const SHAPE: Shape<3> = Shape::new(&[Branch::new(&[Axis::new("units", 3)])]);
    /// assert_eq!(SHAPE.len(), 3);
    /// ```
    pub const fn new(branches: &'static [Branch]) -> Self {
        assert!(
            count_candidates(branches) == N,
            "the branches of a grid shape must have `N` candidates in all"
        );
        Shape { branches }
    }

    /// Number of candidates, `N`.
    ///
    /// ```
    /// use grid_core::grid::Shape;
    /// const EMPTY: Shape<0> = Shape::new(&[]);
    /// assert_eq!(EMPTY.len(), 0);
    /// ```
    pub const fn len(&self) -> usize {
        N
    }

    /// `true` when the grid has no candidate (a union of no branch).
    ///
    /// ```
    /// use grid_core::grid::{Branch, Shape};
    /// const DEFAULTS: Shape<1> = Shape::new(&[Branch::new(&[])]);
    /// assert!(!DEFAULTS.is_empty());
    /// ```
    pub const fn is_empty(&self) -> bool {
        N == 0
    }

    /// The branches, in order.
    ///
    /// ```
    /// use grid_core::grid::{Axis, Branch, Shape};
    /// const SHAPE: Shape<3> = Shape::new(&[Branch::new(&[Axis::new("a", 2)]), Branch::new(&[])]);
    /// assert_eq!(SHAPE.branches().len(), 2);
    /// ```
    pub const fn branches(&self) -> &'static [Branch] {
        self.branches
    }

    /// Where candidate `index` lies: its branch, and the value index of each axis of that
    /// branch ([`Digits`]). `None` past the end. O(branches + axes), no allocation.
    ///
    /// ```
    /// use grid_core::grid::{Axis, Branch, Shape};
    /// const SHAPE: Shape<5> = Shape::new(&[
    ///     Branch::new(&[Axis::new("a", 2), Axis::new("b", 2)]),
    ///     Branch::new(&[Axis::new("c", 1)]),
    /// ]);
    /// let (branch, digits) = SHAPE.locate(2).unwrap();
    /// assert_eq!((branch, digits.collect::<Vec<_>>()), (0, vec![1, 0]));
    /// let (branch, digits) = SHAPE.locate(4).unwrap();
    /// assert_eq!((branch, digits.collect::<Vec<_>>()), (1, vec![0]));
    /// assert!(SHAPE.locate(5).is_none());
    /// ```
    pub fn locate(&self, index: usize) -> Option<(usize, Digits)> {
        locate(self.branches, index)
    }

    /// The names of the axes of every branch, sorted, without repeats.
    ///
    /// ```
    /// use grid_core::grid::{Axis, Branch, Shape};
    /// const SHAPE: Shape<4> = Shape::new(&[
    ///     Branch::new(&[Axis::new("units", 2)]),
    ///     Branch::new(&[Axis::new("epochs", 1), Axis::new("units", 2)]),
    /// ]);
    /// assert_eq!(SHAPE.axis_names(), ["epochs", "units"]);
    /// ```
    pub fn axis_names(&self) -> Vec<&'static str> {
        axis_names(self.branches)
    }
}

/// Where candidate `index` of the union of `branches` lies (see [`Shape::locate`]).
pub(crate) fn locate(branches: &'static [Branch], index: usize) -> Option<(usize, Digits)> {
    let mut offset = index;
    for (position, branch) in branches.iter().enumerate() {
        if offset < branch.len() {
            return Some((position, branch.digits(offset)));
        }
        offset -= branch.len();
    }
    None
}

/// The names of the axes of every branch, sorted, without repeats.
pub(crate) fn axis_names(branches: &[Branch]) -> Vec<&'static str> {
    branches.iter().flat_map(|branch| branch.axes()).map(|axis| axis.name).sorted_unstable().dedup().collect()
}

/// `12 candidates: batch_size(3) x epochs(2) x optimizer(2)`, branches of a union joined with
/// ` | `, a branch without axes written `defaults`.
pub(crate) fn fmt_summary(f: &mut fmt::Formatter<'_>, len: usize, branches: &[Branch]) -> fmt::Result {
    let branch = |branch: &Branch, f: &mut dyn FnMut(&dyn fmt::Display) -> fmt::Result| {
        if branch.axes().is_empty() {
            return f(&"defaults");
        }
        f(&branch.axes().iter().format_with(" x ", |axis, f| f(&format_args!("{}({})", axis.name, axis.len))))
    };
    let plural = if len == 1 { "" } else { "s" };
    write!(f, "{len} candidate{plural}: {}", branches.iter().format_with(" | ", branch))
}

/// One line, as `fmt_summary` writes it.
impl<const N: usize> fmt::Display for Shape<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_summary(f, N, self.branches)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::Axis;

    #[test]
    fn display_of_one_candidate_and_of_defaults() {
        const ONE: Shape<1> = Shape::new(&[Branch::new(&[])]);
        assert_eq!(ONE.to_string(), "1 candidate: defaults");
        const UNION: Shape<3> = Shape::new(&[Branch::new(&[]), Branch::new(&[Axis::new("a", 2)])]);
        assert_eq!(UNION.to_string(), "3 candidates: defaults | a(2)");
    }

    #[test]
    #[should_panic(expected = "`N` candidates")]
    fn a_wrong_count_is_rejected() {
        static BRANCHES: [Branch; 1] = [Branch::new(&[Axis::new("a", 2)])];
        let _ = Shape::<3>::new(&BRANCHES);
    }
}
