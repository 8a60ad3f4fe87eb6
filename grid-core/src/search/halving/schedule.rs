//! The schedule of successive halving: how many rounds, how many candidates and how much
//! resource in each, by scikit-learn's rule (`BaseSuccessiveHalving._run_search`).

use crate::error::{Error, Result};

/// The rounds of a successive-halving search, as scikit-learn reports them on a fitted
/// `HalvingGridSearchCV` (`n_candidates_`, `n_resources_`, `n_iterations_`, ...).
///
/// With `n` candidates and factor `f`: `n_required_iterations = 1 + floor(log_f(n))` rounds
/// would bring them down to one; `n_possible_iterations = 1 + floor(log_f(max // min))` fit
/// between the resources. Without aggressive elimination the search runs the smaller of the
/// two; round `i` gives `min_resources * f^i` (at most `max_resources`) to `ceil(n / f^i)`
/// candidates, keeping the best `ceil(n_i / f)` for the next. With `min_resources = exhaust`,
/// `min_resources` is raised to `max_resources // f^(n_required_iterations - 1)` so that the
/// last round uses as much resource as possible. With aggressive elimination every required
/// round runs, the first ones at `min_resources` until the rest fit.
///
/// ```
/// use grid_core::search::Schedule;
/// // 64 candidates, factor 3, epochs from 1 (the smallest) to 100, as exhaust raises them.
/// let s = Schedule::new(64, 3.0, 1, true, 100, false)?;
/// assert_eq!((s.min_resources, s.n_iterations), (3, 4));
/// assert_eq!(s.n_candidates, [64, 22, 8, 3]);
/// assert_eq!(s.n_resources, [3, 9, 27, 81]);
/// assert_eq!(s.n_remaining_candidates, 1);
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    /// The factor each round divides the candidates by and multiplies the resource by.
    pub factor: f64,
    /// scikit-learn's `min_resources_`: the resource of the first round.
    pub min_resources: usize,
    /// scikit-learn's `max_resources_`: the most any round may use.
    pub max_resources: usize,
    /// `n_required_iterations_`: rounds needed to bring the candidates down to one.
    pub n_required_iterations: usize,
    /// `n_possible_iterations_`: rounds the resources allow.
    pub n_possible_iterations: usize,
    /// `n_iterations_`: rounds run.
    pub n_iterations: usize,
    /// `n_candidates_`: candidates of each round.
    pub n_candidates: Vec<usize>,
    /// `n_resources_`: resource of each round.
    pub n_resources: Vec<usize>,
    /// `n_remaining_candidates_`: candidates kept after the last round.
    pub n_remaining_candidates: usize,
}

impl Schedule {
    /// The schedule of `n_candidates` candidates with `factor`, starting from `min_resources`
    /// (the value of `"smallest"` or a number; `exhaust` raises it as scikit-learn's
    /// `min_resources="exhaust"`), up to `max_resources`, with or without aggressive
    /// elimination.
    ///
    /// Errors: no candidate, `factor` not above 1 (scikit-learn accepts any positive factor, but
    /// one of at most 1 never halves anything), `min_resources` 0 or above `max_resources`.
    pub fn new(
        n_candidates: usize,
        factor: f64,
        min_resources: usize,
        exhaust: bool,
        max_resources: usize,
        aggressive_elimination: bool,
    ) -> Result<Self> {
        if n_candidates == 0 {
            return Err(Error::Empty("the candidates of the halving search".into()));
        }
        if !(factor.is_finite() && factor > 1.0) {
            return Err(Error::invalid("factor", format!("must be a finite number above 1, got {factor}")));
        }
        if min_resources == 0 {
            return Err(Error::invalid("min_resources", "must be at least 1 (is the data empty?)"));
        }
        if min_resources > max_resources {
            return Err(Error::invalid(
                "min_resources",
                format!("min_resources_={min_resources} is greater than max_resources_={max_resources}"),
            ));
        }
        let n_required_iterations = 1 + floor_log(n_candidates, factor);
        let mut min_resources = min_resources;
        if exhaust {
            let last_iteration = n_required_iterations - 1;
            min_resources = min_resources.max(floor_div_pow(max_resources, factor, last_iteration));
        }
        let n_possible_iterations = 1 + floor_log(max_resources / min_resources, factor);
        let n_iterations = if aggressive_elimination {
            n_required_iterations
        } else {
            n_possible_iterations.min(n_required_iterations)
        };
        let mut n_candidates_per_round = Vec::with_capacity(n_iterations);
        let mut n_resources = Vec::with_capacity(n_iterations);
        let mut n = n_candidates;
        for itr in 0..n_iterations {
            let power = if aggressive_elimination {
                (itr + n_possible_iterations).saturating_sub(n_required_iterations)
            } else {
                itr
            };
            let resources = (pow(factor, power) * min_resources as f64) as usize;
            n_resources.push(resources.min(max_resources));
            n_candidates_per_round.push(n);
            n = keep(n, factor);
        }
        Ok(Schedule {
            factor,
            min_resources,
            max_resources,
            n_required_iterations,
            n_possible_iterations,
            n_iterations,
            n_candidates: n_candidates_per_round,
            n_resources,
            n_remaining_candidates: n,
        })
    }
}

/// How many of `n` candidates a round keeps: `ceil(n / factor)`.
pub(crate) fn keep(n: usize, factor: f64) -> usize {
    (n as f64 / factor).ceil() as usize
}

/// Python's `floor(log(x, factor))`: `ln x / ln factor`, rounded down as computed in floats
/// (so `log(243, 3)` is `4.999..` and gives 4, as in scikit-learn).
fn floor_log(x: usize, factor: f64) -> usize {
    ((x as f64).ln() / factor.ln()).floor().max(0.0) as usize
}

/// `factor ** k` as Python computes it: exactly for an integral factor (while it fits).
fn pow(factor: f64, k: usize) -> f64 {
    factor.powi(i32::try_from(k).unwrap_or(i32::MAX))
}

/// Python's `max_resources // factor ** k`: integer division for an integral factor, floored
/// float division otherwise.
fn floor_div_pow(max: usize, factor: f64, k: usize) -> usize {
    if factor.fract() == 0.0 && factor < u64::MAX as f64 {
        let base = factor as u128;
        let divisor = u32::try_from(k).ok().and_then(|k| base.checked_pow(k));
        divisor.map_or(0, |d| (max as u128 / d) as usize)
    } else {
        (max as f64 / pow(factor, k)).floor() as usize
    }
}
