//! [`Draw`]: what the closure of a `space!` reads each axis' value from.

use super::{Distribution, SpaceRng};
use crate::error::{Error, Result};

/// The source of one candidate's values: a random generator, or, when every axis of the space
/// is a list and candidates are drawn without replacement, the value index of each list.
///
/// ```
/// use grid_core::space::{Draw, SpaceRng};
/// let mut draw = Draw::random(SpaceRng::new(1));
/// assert!(draw.choice(3) < 3);
/// let units: usize = draw.sample("units", &(8_usize..=64))?;
/// assert!((8..=64).contains(&units));
/// let mut fixed = Draw::indices(vec![2, 0]);
/// assert_eq!((fixed.choice(3), fixed.choice(2)), (2, 0));
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Debug)]
pub struct Draw {
    rng: SpaceRng,
    indices: Option<std::vec::IntoIter<usize>>,
}

impl Draw {
    /// Every value drawn from `rng`.
    pub fn random(rng: SpaceRng) -> Self {
        Draw { rng, indices: None }
    }

    /// List axes take these value indices, in axis order.
    pub fn indices(indices: Vec<usize>) -> Self {
        Draw { rng: SpaceRng::new(0), indices: Some(indices.into_iter()) }
    }

    /// The index of the value a list axis of `n` values takes.
    pub fn choice(&mut self, n: usize) -> usize {
        match self.indices.as_mut().and_then(Iterator::next) {
            Some(index) if index < n => index,
            _ => self.rng.below(n as u64) as usize,
        }
    }

    /// A value of the axis `axis` drawn from `distribution`, or the error that says why it
    /// cannot be drawn (a range reversed at run time, a non-positive log bound).
    pub fn sample<T, D: Distribution<T> + ?Sized>(
        &mut self,
        axis: &'static str,
        distribution: &D,
    ) -> Result<T> {
        distribution.check().map_err(|reason| Error::invalid(format!("space axis `{axis}`"), reason))?;
        Ok(distribution.sample(&mut self.rng))
    }
}
