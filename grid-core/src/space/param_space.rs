//! The space `space!` builds: its axes and the closure drawing one candidate.

use std::fmt;
use std::marker::PhantomData;

use super::Draw;
use crate::error::Result;
use crate::grid::Params;

/// One axis of a space: its name, and its number of values when it is a list.
///
/// ```
/// use grid_core::space::SpaceAxis;
/// const UNITS: SpaceAxis = SpaceAxis::distribution("units");
/// const ACTIVATION: SpaceAxis = SpaceAxis::list("activation", 2);
/// assert_eq!((UNITS.choices, ACTIVATION.choices), (None, Some(2)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SpaceAxis {
    /// The parameter's name.
    pub name: &'static str,
    /// `Some(n)` for a list of `n` values, `None` for a distribution.
    pub choices: Option<usize>,
}

impl SpaceAxis {
    /// A list of `n` values.
    ///
    /// # Panics
    ///
    /// When `n` is 0 (a compile error in a `const`; `space!` reports an empty list itself).
    pub const fn list(name: &'static str, n: usize) -> Self {
        assert!(n > 0, "a space axis needs at least one value");
        SpaceAxis { name, choices: Some(n) }
    }

    /// A distribution.
    pub const fn distribution(name: &'static str) -> Self {
        SpaceAxis { name, choices: None }
    }
}

/// A space of candidates to sample from: what [`RandomizedSearchCV`] and
/// `HalvingRandomSearchCV` take (scikit-learn's `param_distributions`).
///
/// [`RandomizedSearchCV`]: crate::search::RandomizedSearchCV
pub trait ParamSpace: Send + Sync {
    /// The typed parameters of one candidate.
    type Params: Params;

    /// The axes, sorted by name.
    fn axes(&self) -> &[SpaceAxis];

    /// One candidate, its values read from `draw` axis by axis in [`axes`](Self::axes) order.
    fn draw(&self, draw: &mut Draw) -> Result<Self::Params>;

    /// The names of the axes, sorted.
    fn axis_names(&self) -> Vec<&'static str> {
        self.axes().iter().map(|axis| axis.name).collect()
    }

    /// The number of distinct candidates when every axis is a list (the size of the grid they
    /// make); `None` when an axis is a distribution or the count overflows.
    fn grid_len(&self) -> Option<usize> {
        self.axes().iter().try_fold(1_usize, |n, axis| n.checked_mul(axis.choices?))
    }
}

/// The space of `space!(f { .. })`: static axes and a closure that draws a candidate.
///
/// ```
/// use grid_core::space::{ParamSpace, Space, SpaceAxis, Draw, SpaceRng};
/// const AXES: &[SpaceAxis] = &[SpaceAxis::list("a", 2), SpaceAxis::distribution("b")];
/// let space = Space::new(AXES, |draw: &mut Draw| {
///     let a = [1, 2][draw.choice(2)];
///     let b: i32 = draw.sample("b", &(10..20))?;
///     Ok(a * b)
/// });
/// let value = space.draw(&mut Draw::random(SpaceRng::new(0)))?;
/// assert!((10..40).contains(&value));
/// assert_eq!(space.grid_len(), None);
/// assert_eq!(space.to_string(), "space: a(2) x b(~)");
/// # Ok::<(), grid_core::Error>(())
/// ```
pub struct Space<P, F> {
    axes: &'static [SpaceAxis],
    make: F,
    params: PhantomData<fn() -> P>,
}

impl<P, F> Space<P, F>
where
    F: Fn(&mut Draw) -> Result<P>,
{
    /// The space of `axes` whose candidate is `make(draw)`.
    pub fn new(axes: &'static [SpaceAxis], make: F) -> Self {
        Space { axes, make, params: PhantomData }
    }
}

impl<P: Params, F> ParamSpace for Space<P, F>
where
    F: Fn(&mut Draw) -> Result<P> + Send + Sync,
{
    type Params = P;

    fn axes(&self) -> &[SpaceAxis] {
        self.axes
    }

    fn draw(&self, draw: &mut Draw) -> Result<P> {
        (self.make)(draw)
    }
}

/// `space: activation(2) x learning_rate(~) x units(~)`: lists with their length, `~` for a
/// distribution.
impl<P, F> fmt::Display for Space<P, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("space:")?;
        if self.axes.is_empty() {
            f.write_str(" defaults")?;
        }
        for (k, axis) in self.axes.iter().enumerate() {
            let sep = if k == 0 { " " } else { " x " };
            match axis.choices {
                Some(n) => write!(f, "{sep}{}({n})", axis.name)?,
                None => write!(f, "{sep}{}(~)", axis.name)?,
            }
        }
        Ok(())
    }
}

impl<P, F> fmt::Debug for Space<P, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Space").field("axes", &self.axes).finish_non_exhaustive()
    }
}
