//! What a `space!` axis draws from: ranges, `uniform`, `log_uniform`, lists, or any type
//! implementing [`Distribution`].

use std::ops::{Range, RangeInclusive};

use super::SpaceRng;

/// A distribution of values of type `T`: the small trait behind every `space!` axis that is not
/// a list. Implement it to sample a type of your own.
///
/// ```
/// use grid_core::space::{Distribution, SpaceRng};
///
/// /// Powers of two from 2^lo to 2^hi.
/// struct PowerOfTwo { lo: u32, hi: u32 }
/// impl Distribution<usize> for PowerOfTwo {
///     fn sample(&self, rng: &mut SpaceRng) -> usize {
///         1 << (self.lo + rng.below(u64::from(self.hi - self.lo + 1)) as u32)
///     }
///     fn check(&self) -> Result<(), String> {
///         if self.lo <= self.hi { Ok(()) } else { Err(format!("{} > {}", self.lo, self.hi)) }
///     }
/// }
/// let units = PowerOfTwo { lo: 3, hi: 6 }.sample(&mut SpaceRng::new(1));
/// assert!([8, 16, 32, 64].contains(&units));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot draw values of type `{T}`",
    label = "this does not draw `{T}` values",
    note = "a `space!` axis takes a list `[a, b]`, an integer range `8..=64`, a float range \
            `0.0..0.5`, `uniform(a, b)` or `log_uniform(a, b)` (floats), or any type implementing \
            `Distribution<{T}>`"
)]
pub trait Distribution<T>: Send + Sync {
    /// One value.
    fn sample(&self, rng: &mut SpaceRng) -> T;

    /// Why the distribution cannot be sampled (an empty range, a non-positive log bound);
    /// checked before any candidate is drawn. `Ok` by default.
    fn check(&self) -> Result<(), String> {
        Ok(())
    }
}

/// Uniform on `[low, high)` (scipy's `uniform(loc=low, scale=high - low)`); build with
/// [`uniform`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Uniform {
    /// Lower bound, included.
    pub low: f64,
    /// Upper bound, excluded.
    pub high: f64,
}

/// Log-uniform on `[low, high)`, `0 < low < high` (scipy's `loguniform(low, high)`): every
/// decade equally likely, the usual law for learning rates; build with [`log_uniform`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LogUniform {
    /// Lower bound, positive, included.
    pub low: f64,
    /// Upper bound, excluded.
    pub high: f64,
}

/// [`Uniform`] on `[low, high)`.
///
/// ```
/// use grid_core::space::{uniform, Distribution, SpaceRng};
/// let dropout: f64 = uniform(0.0, 0.5).sample(&mut SpaceRng::new(3));
/// assert!((0.0..0.5).contains(&dropout));
/// assert!(Distribution::<f64>::check(&uniform(1, 0)).is_err());
/// ```
pub fn uniform(low: impl Into<f64>, high: impl Into<f64>) -> Uniform {
    Uniform { low: low.into(), high: high.into() }
}

/// [`LogUniform`] on `[low, high)`.
///
/// ```
/// use grid_core::space::{log_uniform, Distribution, SpaceRng};
/// let rate: f64 = log_uniform(1e-4, 1e-1).sample(&mut SpaceRng::new(3));
/// assert!((1e-4..1e-1).contains(&rate));
/// assert!(Distribution::<f64>::check(&log_uniform(0.0, 1.0)).is_err());
/// ```
pub fn log_uniform(low: impl Into<f64>, high: impl Into<f64>) -> LogUniform {
    LogUniform { low: low.into(), high: high.into() }
}

fn check_bounds(low: f64, high: f64) -> Result<(), String> {
    if !(low.is_finite() && high.is_finite()) {
        Err(format!("the bounds must be finite, got {low} and {high}"))
    } else if low >= high {
        Err(format!("the lower bound {low} must be below the upper bound {high}"))
    } else {
        Ok(())
    }
}

/// `low + (high - low) * u`, kept below `high` when rounding reaches it.
fn between(low: f64, high: f64, u: f64) -> f64 {
    let value = low + (high - low) * u;
    if value < high {
        value
    } else {
        low
    }
}

impl Uniform {
    fn draw(&self, rng: &mut SpaceRng) -> f64 {
        between(self.low, self.high, rng.next_f64())
    }
}

impl LogUniform {
    fn draw(&self, rng: &mut SpaceRng) -> f64 {
        let value = between(self.low.ln(), self.high.ln(), rng.next_f64()).exp();
        value.clamp(self.low, self.high)
    }

    fn validate(&self) -> Result<(), String> {
        check_bounds(self.low, self.high)?;
        if self.low <= 0.0 {
            return Err(format!("the lower bound of a log-uniform must be positive, got {}", self.low));
        }
        Ok(())
    }
}

/// Float distributions give `f64`, `f32` and their `Option`s (the fit parameter
/// `learning_rate` is an `Option<f64>`).
macro_rules! float_distributions {
    ($($float:ty),*) => {$(
        impl Distribution<$float> for Uniform {
            fn sample(&self, rng: &mut SpaceRng) -> $float {
                self.draw(rng) as $float
            }
            fn check(&self) -> Result<(), String> {
                check_bounds(self.low, self.high)
            }
        }
        impl Distribution<Option<$float>> for Uniform {
            fn sample(&self, rng: &mut SpaceRng) -> Option<$float> {
                Some(self.draw(rng) as $float)
            }
            fn check(&self) -> Result<(), String> {
                check_bounds(self.low, self.high)
            }
        }
        impl Distribution<$float> for LogUniform {
            fn sample(&self, rng: &mut SpaceRng) -> $float {
                self.draw(rng) as $float
            }
            fn check(&self) -> Result<(), String> {
                self.validate()
            }
        }
        impl Distribution<Option<$float>> for LogUniform {
            fn sample(&self, rng: &mut SpaceRng) -> Option<$float> {
                Some(self.draw(rng) as $float)
            }
            fn check(&self) -> Result<(), String> {
                self.validate()
            }
        }
        /// Uniform on `[start, end)`.
        impl Distribution<$float> for Range<$float> {
            fn sample(&self, rng: &mut SpaceRng) -> $float {
                uniform(self.start, self.end).draw(rng) as $float
            }
            fn check(&self) -> Result<(), String> {
                check_bounds(self.start.into(), self.end.into())
            }
        }
        impl Distribution<Option<$float>> for Range<$float> {
            fn sample(&self, rng: &mut SpaceRng) -> Option<$float> {
                Some(Distribution::<$float>::sample(self, rng))
            }
            fn check(&self) -> Result<(), String> {
                Distribution::<$float>::check(self)
            }
        }
    )*};
}

float_distributions!(f64, f32);

/// Integer ranges are uniform over their integers, both ends included for `a..=b`.
macro_rules! integer_ranges {
    ($($int:ty),*) => {$(
        impl Distribution<$int> for RangeInclusive<$int> {
            fn sample(&self, rng: &mut SpaceRng) -> $int {
                let (low, high) = (*self.start() as i128, *self.end() as i128);
                let span = (high - low + 1) as u128;
                let offset = if span > u128::from(u64::MAX) { rng.next_u64() } else { rng.below(span as u64) };
                (low + i128::from(offset)) as $int
            }
            fn check(&self) -> Result<(), String> {
                if self.start() <= self.end() {
                    Ok(())
                } else {
                    Err(format!("the range {}..={} is empty (reversed)", self.start(), self.end()))
                }
            }
        }
        impl Distribution<$int> for Range<$int> {
            fn sample(&self, rng: &mut SpaceRng) -> $int {
                // `check` ensures `start < end`, so `end - 1` does not overflow.
                (self.start..=self.end.saturating_sub(1)).sample(rng)
            }
            fn check(&self) -> Result<(), String> {
                if self.start < self.end {
                    Ok(())
                } else {
                    Err(format!("the range {}..{} is empty", self.start, self.end))
                }
            }
        }
        impl Distribution<Option<$int>> for RangeInclusive<$int> {
            fn sample(&self, rng: &mut SpaceRng) -> Option<$int> {
                Some(Distribution::<$int>::sample(self, rng))
            }
            fn check(&self) -> Result<(), String> {
                Distribution::<$int>::check(self)
            }
        }
        impl Distribution<Option<$int>> for Range<$int> {
            fn sample(&self, rng: &mut SpaceRng) -> Option<$int> {
                Some(Distribution::<$int>::sample(self, rng))
            }
            fn check(&self) -> Result<(), String> {
                Distribution::<$int>::check(self)
            }
        }
    )*};
}

integer_ranges!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

/// A list: each value equally likely (in `space!`, a list `[a, b]` is an axis of choices).
///
/// ```
/// use grid_core::space::{Distribution, SpaceRng};
/// let batch: usize = [16, 32, 64].sample(&mut SpaceRng::new(0));
/// assert!([16, 32, 64].contains(&batch));
/// assert!(Distribution::<usize>::check(&Vec::<usize>::new()).is_err());
/// ```
impl<T: Clone + Send + Sync, const N: usize> Distribution<T> for [T; N] {
    fn sample(&self, rng: &mut SpaceRng) -> T {
        self.as_slice().sample(rng)
    }
    fn check(&self) -> Result<(), String> {
        self.as_slice().check()
    }
}

impl<T: Clone + Send + Sync> Distribution<T> for Vec<T> {
    fn sample(&self, rng: &mut SpaceRng) -> T {
        self.as_slice().sample(rng)
    }
    fn check(&self) -> Result<(), String> {
        self.as_slice().check()
    }
}

impl<T: Clone + Send + Sync> Distribution<T> for [T] {
    fn sample(&self, rng: &mut SpaceRng) -> T {
        // `check` ensures the list is not empty.
        self[rng.below(self.len() as u64) as usize].clone()
    }
    fn check(&self) -> Result<(), String> {
        if self.is_empty() {
            Err("the list of values is empty".into())
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_ranges_reach_both_ends_and_nothing_else() {
        let mut rng = SpaceRng::new(5);
        let draws: Vec<u8> = (0..400).map(|_| (3_u8..=6).sample(&mut rng)).collect();
        for v in 3..=6 {
            assert!(draws.contains(&v), "{v} never drawn");
        }
        assert!(draws.iter().all(|v| (3..=6).contains(v)));
        let full: i64 = (i64::MIN..=i64::MAX).sample(&mut rng);
        let _ = full;
        assert!(Distribution::<usize>::check(&(5_usize..std::hint::black_box(5))).is_err());
        let five = std::hint::black_box(5_usize);
        assert!(Distribution::<usize>::check(&(6_usize..=five)).is_err());
    }

    #[test]
    fn log_uniform_spreads_over_decades() {
        let mut rng = SpaceRng::new(11);
        let d = log_uniform(1e-4, 1e-1);
        let draws: Vec<f64> = (0..3000).map(|_| d.sample(&mut rng)).collect();
        assert!(draws.iter().all(|v| (1e-4..1e-1).contains(v)));
        for decade in [1e-4, 1e-3, 1e-2] {
            let share = draws.iter().filter(|&&v| v >= decade && v < decade * 10.0).count() as f64 / 3000.0;
            assert!((share - 1.0 / 3.0).abs() < 0.05, "decade {decade}: {share}");
        }
    }

    #[test]
    fn below_is_roughly_uniform() {
        let mut rng = SpaceRng::new(1);
        let mut counts = [0_usize; 3];
        for _ in 0..3000 {
            counts[rng.below(3) as usize] += 1;
        }
        assert!(counts.iter().all(|&c| (900..1100).contains(&c)), "{counts:?}");
    }
}
