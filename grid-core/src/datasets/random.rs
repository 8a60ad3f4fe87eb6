//! The random draws of `make_classification` (rand 0.8 `StdRng`, rand_distr 0.4).
//!
//! `make_regression` and the train/test split draw with numpy's generator instead
//! ([`crate::rng::RandomState`]), to be bit-identical to scikit-learn.

use ndarray::Array2;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_distr::StandardNormal;

/// The generator for `seed`.
pub(crate) fn seeded(seed: u64) -> StdRng {
    StdRng::seed_from_u64(seed)
}

/// A `rows x columns` matrix of standard normal draws, filled row by row.
pub(crate) fn normal_matrix(rng: &mut StdRng, rows: usize, columns: usize) -> Array2<f64> {
    Array2::from_shape_simple_fn((rows, columns), || rng.sample(StandardNormal))
}

/// A `rows x columns` matrix of `U[0, 1)` draws, filled row by row.
pub(crate) fn uniform_matrix(rng: &mut StdRng, rows: usize, columns: usize) -> Array2<f64> {
    Array2::from_shape_simple_fn((rows, columns), || rng.gen::<f64>())
}

/// A random permutation of `0..n`.
pub(crate) fn permutation(rng: &mut StdRng, n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(rng);
    order
}
