//! Which parameters of a candidate a grid set, for the candidate's `Display`.

use std::fmt;

/// The names of the axes a grid set on one candidate (those of its branch, for a union).
/// `#[tunable]` structs carry it in a hidden field that `grid!` fills, so that their `Display`
/// shows the searched axes only, as scikit-learn's `best_params_`. It is not part of the
/// candidate's value: the generated `PartialEq` ignores it, serde skips it, and it defaults to
/// "not from a grid" (then `Display` shows every parameter of the build function).
///
/// ```
/// use grid_core::grid::SetByGrid;
/// let set = SetByGrid::new(&["epochs", "units"]);
/// assert!(set.contains("epochs"));
/// assert!(!set.contains("batch_size"));
/// assert!(set.from_grid());
/// assert!(!SetByGrid::default().contains("epochs"));
/// assert!(!SetByGrid::default().from_grid());
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct SetByGrid(Option<&'static [&'static str]>);

impl SetByGrid {
    /// The axes named `names` (none, for a branch of defaults only).
    ///
    /// ```
    /// use grid_core::grid::SetByGrid;
    /// assert_eq!(SetByGrid::new(&["units"]).names(), ["units"]);
    /// assert!(SetByGrid::new(&[]).from_grid());
    /// ```
    pub const fn new(names: &'static [&'static str]) -> Self {
        SetByGrid(Some(names))
    }

    /// The names.
    ///
    /// ```
    /// use grid_core::grid::SetByGrid;
    /// assert!(SetByGrid::default().names().is_empty());
    /// ```
    pub const fn names(&self) -> &'static [&'static str] {
        match self.0 {
            Some(names) => names,
            None => &[],
        }
    }

    /// `true` when the candidate came from a grid (even one that set no axis).
    ///
    /// ```
    /// use grid_core::grid::SetByGrid;
    /// assert!(SetByGrid::new(&["a"]).from_grid());
    /// ```
    pub const fn from_grid(&self) -> bool {
        self.0.is_some()
    }

    /// `true` when the grid set the parameter `name`.
    ///
    /// ```
    /// use grid_core::grid::SetByGrid;
    /// assert!(SetByGrid::new(&["a", "b"]).contains("b"));
    /// ```
    pub fn contains(&self, name: &str) -> bool {
        self.names().contains(&name)
    }
}

impl fmt::Debug for SetByGrid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SetByGrid").field(&self.0).finish()
    }
}
