//! Which parameters of a candidate a grid set, for the candidate's `Display`.

use std::fmt;

/// The names of the axes a grid set on one candidate. `#[tunable]` structs carry it in a hidden
/// field that `grid!` fills, so that their `Display` shows the fit parameters the grid varied
/// even when a value equals the default. It is not part of the candidate's value: the
/// generated `PartialEq` ignores it, serde skips it, and it defaults to no names.
///
/// ```
/// use grid_core::grid::SetByGrid;
/// let set = SetByGrid::new(&["epochs", "units"]);
/// assert!(set.contains("epochs"));
/// assert!(!set.contains("batch_size"));
/// assert!(!SetByGrid::default().contains("epochs"));
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct SetByGrid(&'static [&'static str]);

impl SetByGrid {
    /// The axes named `names`.
    ///
    /// ```
    /// use grid_core::grid::SetByGrid;
    /// assert_eq!(SetByGrid::new(&["units"]).names(), ["units"]);
    /// ```
    pub const fn new(names: &'static [&'static str]) -> Self {
        SetByGrid(names)
    }

    /// The names.
    ///
    /// ```
    /// use grid_core::grid::SetByGrid;
    /// assert!(SetByGrid::default().names().is_empty());
    /// ```
    pub const fn names(&self) -> &'static [&'static str] {
        self.0
    }

    /// `true` when the grid set the parameter `name`.
    ///
    /// ```
    /// use grid_core::grid::SetByGrid;
    /// assert!(SetByGrid::new(&["a", "b"]).contains("b"));
    /// ```
    pub fn contains(&self, name: &str) -> bool {
        self.0.contains(&name)
    }
}

impl fmt::Debug for SetByGrid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SetByGrid").field(&self.0).finish()
    }
}
