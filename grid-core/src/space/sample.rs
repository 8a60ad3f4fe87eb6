//! Drawing `n_iter` candidates from a space, as scikit-learn's `ParameterSampler`.

use std::collections::HashSet;

use super::{Draw, ParamSpace, SpaceRng};
use crate::error::{Error, Result};
use crate::grid::{ParamGrid, Params};

/// `n_iter` candidates drawn from a space, with the space's axis names: a [`ParamGrid`], so the
/// grid's search engine runs them and its results have a `param_<axis>` column per axis.
///
/// ```
/// use grid_core::grid::ParamGrid;
/// use grid_core::space::{SampledGrid, Space, SpaceAxis};
/// const AXES: &[SpaceAxis] = &[SpaceAxis::distribution("alpha")];
/// let space = Space::new(AXES, |draw| draw.sample::<f64, _>("alpha", &(0.0..1.0)));
/// let sampled = SampledGrid::sample(&space, 5, 42)?;
/// assert_eq!((sampled.len(), sampled.axis_names()), (5, vec!["alpha"]));
/// assert_eq!(sampled.candidates, SampledGrid::sample(&space, 5, 42)?.candidates);
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct SampledGrid<P> {
    /// The candidates, in the order drawn.
    pub candidates: Vec<P>,
    /// The names of the space's axes, sorted.
    pub axes: Vec<&'static str>,
    /// The space's number of distinct candidates when it is smaller than the `n_iter` asked
    /// for (a space of lists only): every one of them was drawn, once.
    pub exhausted: Option<usize>,
}

impl<P: Params> SampledGrid<P> {
    /// `n_iter` candidates of `space` drawn with `seed`. As scikit-learn's `ParameterSampler`:
    /// when every axis is a list, candidates are drawn without replacement from the grid the
    /// lists make (all of it, in a random order, when it has fewer than `n_iter`); otherwise
    /// each candidate draws every axis independently. Candidate `i` depends on `seed` and `i`
    /// alone (not on the other draws, nor on threads), except for the distinct grid indices of a
    /// space of lists, which are drawn in sequence from `seed`.
    pub fn sample<S: ParamSpace<Params = P> + ?Sized>(space: &S, n_iter: usize, seed: u64) -> Result<Self> {
        if n_iter == 0 {
            return Err(Error::invalid("n_iter", "must be at least 1"));
        }
        let axes = space.axis_names();
        let (candidates, exhausted) = match space.grid_len() {
            Some(total) => {
                let n = n_iter.min(total);
                let lists: Vec<usize> = space.axes().iter().filter_map(|a| a.choices).collect();
                let picks = distinct_indices(total, n, seed);
                let candidates = picks
                    .into_iter()
                    .map(|flat| space.draw(&mut Draw::indices(decode(flat, &lists))))
                    .collect::<Result<Vec<P>>>()?;
                (candidates, (total < n_iter).then_some(total))
            }
            None => {
                let candidates = (0..n_iter)
                    .map(|i| space.draw(&mut Draw::random(SpaceRng::for_candidate(seed, i))))
                    .collect::<Result<Vec<P>>>()?;
                (candidates, None)
            }
        };
        Ok(SampledGrid { candidates, axes, exhausted })
    }

    /// The warning scikit-learn gives when the space is smaller than `n_iter`.
    pub(crate) fn exhausted_warning(&self, n_iter: usize) -> Option<String> {
        self.exhausted.map(|total| {
            format!(
                "the space has {total} distinct candidates, fewer than n_iter = {n_iter}: each is \
                 searched once (an exhaustive search is GridSearchCV's job)"
            )
        })
    }
}

impl<P: Params> ParamGrid for SampledGrid<P> {
    type Params = P;

    fn len(&self) -> usize {
        self.candidates.len()
    }

    fn get(&self, index: usize) -> Option<P> {
        <[P]>::get(&self.candidates, index).cloned()
    }

    fn axis_names(&self) -> Vec<&'static str> {
        self.axes.clone()
    }
}

/// `n` distinct integers below `total`, in the order drawn (Floyd's algorithm, then a
/// shuffle), from `seed` alone. `n <= total`.
fn distinct_indices(total: usize, n: usize, seed: u64) -> Vec<usize> {
    let mut rng = SpaceRng::new(seed);
    let mut chosen = HashSet::with_capacity(n);
    let mut order = Vec::with_capacity(n);
    for j in (total - n)..total {
        let t = rng.below(j as u64 + 1) as usize;
        let pick = if chosen.contains(&t) { j } else { t };
        chosen.insert(pick);
        order.push(pick);
    }
    // Floyd's order is biased towards large indices late: shuffle it (Fisher-Yates).
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i as u64 + 1) as usize);
    }
    order
}

/// The value index of each list for grid index `flat`, the last list varying fastest (the
/// order of `grid!`).
fn decode(flat: usize, lists: &[usize]) -> Vec<usize> {
    let mut digits = vec![0; lists.len()];
    let mut rest = flat;
    for (digit, &len) in digits.iter_mut().zip(lists).rev() {
        *digit = rest % len;
        rest /= len;
    }
    digits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_indices_are_distinct_and_cover_when_asked_for_all() {
        let picks = distinct_indices(10, 10, 3);
        let mut sorted = picks.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..10).collect::<Vec<_>>());
        assert_ne!(picks, sorted, "a random order");
        let some = distinct_indices(1_000_000, 50, 3);
        assert_eq!(some.iter().collect::<HashSet<_>>().len(), 50);
        assert_eq!(some, distinct_indices(1_000_000, 50, 3));
    }

    #[test]
    fn decode_is_mixed_radix_last_fastest() {
        assert_eq!(decode(0, &[2, 3]), [0, 0]);
        assert_eq!(decode(1, &[2, 3]), [0, 1]);
        assert_eq!(decode(3, &[2, 3]), [1, 0]);
        assert_eq!(decode(5, &[2, 3]), [1, 2]);
    }
}
