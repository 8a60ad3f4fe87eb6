//! Shared by the `nn*` tests: a hand-written candidate type (what `#[tunable]` generates) and
//! small seeded data sets.
#![allow(dead_code)]

use std::fmt;

use grid_core::grid::{Meta, Tunable};
use grid_core::nn::{Activation, FitParams, HasFitParams, Sequential};
use ndarray::{Array1, Array2, Axis};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_distr::{Distribution, Normal};
use serde::Serialize;

/// An MLP candidate: hidden widths, their activation, the output activation, dropout after each
/// hidden layer, and the fit parameters.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mlp {
    pub hidden: Vec<usize>,
    pub activation: Activation,
    pub output: Activation,
    pub dropout: f64,
    pub fit: FitParams,
}

impl Default for Mlp {
    fn default() -> Self {
        Mlp {
            hidden: vec![10],
            activation: Activation::Relu,
            output: Activation::Linear,
            dropout: 0.0,
            fit: FitParams::default(),
        }
    }
}

impl fmt::Display for Mlp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{hidden: {:?}, activation: {}, output: {}}}", self.hidden, self.activation, self.output)
    }
}

impl Tunable for Mlp {
    type Output = Sequential;

    fn build(&self, meta: &Meta) -> Sequential {
        let mut net = Sequential::new(meta.n_features);
        for &units in &self.hidden {
            net = net.dense(units, self.activation);
            if self.dropout > 0.0 {
                net = net.dropout(self.dropout);
            }
        }
        net.dense(meta.n_outputs, self.output)
    }
}

impl HasFitParams for Mlp {
    type FitParams = FitParams;

    fn fit_params(&self) -> &FitParams {
        &self.fit
    }

    fn fit_params_mut(&mut self) -> &mut FitParams {
        &mut self.fit
    }
}

/// `n` rows of 5 features uniform in [-1, 1], and `y = x . w + 0.3 + noise` with noise of
/// standard deviation `noise`.
pub fn linear(n: usize, noise: f32, seed: u64) -> (Array2<f32>, Array1<f32>) {
    let mut rng = StdRng::seed_from_u64(seed);
    let x = Array2::from_shape_fn((n, 5), |_| rng.gen_range(-1.0..1.0));
    let w = ndarray::array![1.5_f32, -2.0, 0.5, 1.0, -0.7];
    let normal = Normal::new(0.0, noise).unwrap();
    let y = x.dot(&w).mapv(|v| v + 0.3 + normal.sample(&mut rng));
    (x, y)
}

/// An Iris-like problem: 3 Gaussian blobs in 4 dimensions, `per_class` rows each, labels
/// `0, 1, 2`, rows shuffled.
pub fn blobs(per_class: usize, seed: u64) -> (Array2<f32>, Array1<u8>) {
    let mut rng = StdRng::seed_from_u64(seed);
    let centers = [[5.0_f32, 3.4, 1.5, 0.2], [5.9, 2.8, 4.3, 1.3], [6.6, 3.0, 5.6, 2.0]];
    let spread = Normal::new(0.0_f32, 0.35).unwrap();
    let mut rows: Vec<(Vec<f32>, u8)> = Vec::new();
    for (class, c) in centers.iter().enumerate() {
        for _ in 0..per_class {
            rows.push((c.iter().map(|&m| m + spread.sample(&mut rng)).collect(), class as u8));
        }
    }
    use rand::seq::SliceRandom;
    rows.shuffle(&mut rng);
    let x = Array2::from_shape_vec((rows.len(), 4), rows.iter().flat_map(|r| r.0.clone()).collect()).unwrap();
    let y = rows.iter().map(|r| r.1).collect();
    (x, y)
}

/// Mean squared error of two vectors.
pub fn mse(a: &Array1<f32>, b: &Array1<f32>) -> f64 {
    a.iter().zip(b).map(|(&p, &t)| f64::from(p - t).powi(2)).sum::<f64>() / a.len() as f64
}

/// The first `n` rows and the rest.
pub fn split<T: Clone>(
    x: &Array2<f32>,
    y: &Array1<T>,
    n: usize,
) -> (Array2<f32>, Array1<T>, Array2<f32>, Array1<T>) {
    (
        x.slice_axis(Axis(0), (..n).into()).to_owned(),
        y.slice_axis(Axis(0), (..n).into()).to_owned(),
        x.slice_axis(Axis(0), (n..).into()).to_owned(),
        y.slice_axis(Axis(0), (n..).into()).to_owned(),
    )
}

/// A fresh empty directory under the system's temporary directory, removed when dropped.
pub struct TempDir(std::path::PathBuf);

impl std::ops::Deref for TempDir {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl AsRef<std::path::Path> for TempDir {
    fn as_ref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn temp_dir(name: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("gridcv-nn-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}
