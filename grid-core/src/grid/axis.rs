//! The static description of a grid: its axes and its branches.

/// One axis of a grid: the name of the parameter it varies and how many values it takes.
///
/// ```
/// use grid_core::grid::Axis;
/// const UNITS: Axis = Axis::new("units", 3);
/// assert_eq!((UNITS.name, UNITS.len), ("units", 3));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Axis {
    /// The parameter's name (a field of the parameter struct).
    pub name: &'static str,
    /// How many values the axis takes (at least one).
    pub len: usize,
}

impl Axis {
    /// An axis named `name` with `len` values.
    ///
    /// # Panics
    ///
    /// When `len` is 0 (scikit-learn rejects an empty value list too); in a `const` item this
    /// is a compile error.
    ///
    /// ```
    /// let axis = grid_core::grid::Axis::new("epochs", 2);
    /// assert_eq!(axis.len, 2);
    /// ```
    pub const fn new(name: &'static str, len: usize) -> Self {
        assert!(len > 0, "a grid axis needs at least one value");
        Axis { name, len }
    }
}

/// One branch of a grid (one dict of scikit-learn's list of dicts): the Cartesian product of
/// its axes, which are sorted by name, the last one varying fastest.
///
/// ```
/// use grid_core::grid::{Axis, Branch};
/// const B: Branch = Branch::new(&[Axis::new("epochs", 2), Axis::new("units", 3)]);
/// assert_eq!(B.len(), 6);
/// assert_eq!(B.axes()[1].name, "units");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Branch {
    axes: &'static [Axis],
    len: usize,
}

impl Branch {
    /// The product of `axes`. A branch without axes has one candidate: every parameter at its
    /// default, as scikit-learn's `ParameterGrid([{}])`.
    ///
    /// # Panics
    ///
    /// When the axes are not sorted by name without repeats (the order decides which axis
    /// varies fastest), or when the product overflows `usize`; in a `const` item both are
    /// compile errors.
    ///
    /// ```
    /// use grid_core::grid::{Axis, Branch};
    /// assert_eq!(Branch::new(&[]).len(), 1);
    /// ```
    pub const fn new(axes: &'static [Axis]) -> Self {
        let mut len: usize = 1;
        let mut i = 0;
        while i < axes.len() {
            if i > 0 {
                assert!(
                    str_less(axes[i - 1].name, axes[i].name),
                    "the axes of a grid branch must be sorted by name, without repeats"
                );
            }
            len = match len.checked_mul(axes[i].len) {
                Some(len) => len,
                None => panic!("the grid has more candidates than `usize` can count"),
            };
            i += 1;
        }
        Branch { axes, len }
    }

    /// Number of candidates of the branch (the product of its axes' lengths).
    ///
    /// ```
    /// use grid_core::grid::{Axis, Branch};
    /// const B: Branch = Branch::new(&[Axis::new("a", 4), Axis::new("b", 5)]);
    /// assert_eq!(B.len(), 20);
    /// ```
    #[allow(clippy::len_without_is_empty)] // a branch always has a candidate
    pub const fn len(&self) -> usize {
        self.len
    }

    /// The axes, sorted by name.
    ///
    /// ```
    /// use grid_core::grid::{Axis, Branch};
    /// const B: Branch = Branch::new(&[Axis::new("a", 1), Axis::new("b", 2)]);
    /// let names: Vec<_> = B.axes().iter().map(|axis| axis.name).collect();
    /// assert_eq!(names, ["a", "b"]);
    /// ```
    pub const fn axes(&self) -> &'static [Axis] {
        self.axes
    }

    /// The value index of each axis for candidate `offset` of this branch (`offset < len()`).
    pub(crate) fn digits(&self, offset: usize) -> Digits {
        Digits { axes: self.axes.iter(), rest: offset, stride: self.len }
    }
}

/// Total number of candidates of a union of branches: the one computation of a grid's size,
/// which `grid!` uses for the `N` of its [`Shape`](super::Shape).
///
/// # Panics
///
/// When the sum overflows `usize` (a compile error in a `const`, saying so; an overflowing
/// product of axes is caught before, by [`Branch::new`]).
///
/// ```
/// use grid_core::grid::{count_candidates, Axis, Branch};
/// const BRANCHES: &[Branch] = &[Branch::new(&[Axis::new("a", 3)]), Branch::new(&[])];
/// const N: usize = count_candidates(BRANCHES);
/// assert_eq!(N, 4);
/// ```
pub const fn count_candidates(branches: &[Branch]) -> usize {
    let mut total: usize = 0;
    let mut i = 0;
    while i < branches.len() {
        total = match total.checked_add(branches[i].len) {
            Some(total) => total,
            None => panic!("the grid has more candidates than `usize` can count"),
        };
        i += 1;
    }
    total
}

/// The value index of each axis of a branch for one candidate, in the branch's axis order:
/// a mixed-radix decoding of the candidate's offset where the last axis varies fastest.
/// Each step is O(1); nothing is allocated.
///
/// ```
/// use grid_core::grid::{Axis, Branch, Shape};
/// const SHAPE: Shape<6> = Shape::new(&[Branch::new(&[Axis::new("a", 2), Axis::new("b", 3)])]);
/// let (branch, digits) = SHAPE.locate(4).unwrap();
/// assert_eq!(branch, 0);
/// assert_eq!(digits.collect::<Vec<_>>(), [1, 1]); // 4 = 1 * 3 + 1
/// ```
#[derive(Clone, Debug)]
pub struct Digits {
    axes: std::slice::Iter<'static, Axis>,
    /// Offset still to decode, below `stride`.
    rest: usize,
    /// Product of the lengths of the axes not yet decoded.
    stride: usize,
}

impl Iterator for Digits {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let axis = self.axes.next()?;
        self.stride /= axis.len;
        let digit = self.rest / self.stride;
        self.rest %= self.stride;
        Some(digit)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.axes.size_hint()
    }
}

impl ExactSizeIterator for Digits {}

/// `a < b` in byte order (which is Python's code-point order for `sorted`), usable in `const`.
const fn str_less(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
        i += 1;
    }
    a.len() < b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn str_less_is_byte_order() {
        assert!(str_less("a", "b"));
        assert!(str_less("a", "ab"));
        assert!(!str_less("ab", "ab"));
        assert!(str_less("Z", "a"));
        assert!(!str_less("b", "a"));
    }

    #[test]
    fn digits_decode_with_last_axis_fastest() {
        const B: Branch = Branch::new(&[Axis::new("a", 2), Axis::new("b", 3), Axis::new("c", 2)]);
        let all: Vec<Vec<usize>> = (0..B.len()).map(|i| B.digits(i).collect()).collect();
        assert_eq!(all[0], [0, 0, 0]);
        assert_eq!(all[1], [0, 0, 1]);
        assert_eq!(all[2], [0, 1, 0]);
        assert_eq!(all[6], [1, 0, 0]);
        assert_eq!(all[11], [1, 2, 1]);
    }

    #[test]
    #[should_panic(expected = "sorted by name")]
    fn unsorted_axes_are_rejected() {
        static AXES: [Axis; 2] = [Axis::new("b", 1), Axis::new("a", 1)];
        Branch::new(&AXES);
    }

    #[test]
    #[should_panic(expected = "more candidates than `usize` can count")]
    fn an_overflowing_product_is_rejected() {
        static AXES: [Axis; 2] = [Axis::new("a", usize::MAX / 2 + 1), Axis::new("b", 2)];
        Branch::new(&AXES);
    }

    #[test]
    #[should_panic(expected = "more candidates than `usize` can count")]
    fn an_overflowing_union_is_rejected() {
        static AXES: [Axis; 1] = [Axis::new("a", usize::MAX)];
        count_candidates(&[Branch::new(&AXES), Branch::new(&[])]);
    }

    #[test]
    fn the_largest_counts_are_exact() {
        static AXES: [Axis; 2] = [Axis::new("a", usize::MAX / 2), Axis::new("b", 2)];
        assert_eq!(count_candidates(&[Branch::new(&AXES), Branch::new(&[])]), usize::MAX);
    }

    #[test]
    #[should_panic(expected = "without repeats")]
    fn repeated_axes_are_rejected() {
        static AXES: [Axis; 2] = [Axis::new("a", 1), Axis::new("a", 2)];
        Branch::new(&AXES);
    }
}
