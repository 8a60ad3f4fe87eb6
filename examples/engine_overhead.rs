//! Measures the search engine itself, without a neural network:
//! - its overhead per fit, with an estimator that does (almost) nothing;
//! - the speed-up of `n_jobs(2)` over `n_jobs(1)` with an estimator that does fixed CPU work.
//!
//! Run: `cargo run --release --example engine_overhead`

use std::time::Instant;

use gridcv::prelude::*;
use ndarray::{Array1, Array2, ArrayView2};

/// Predicts a constant; `work` rounds of arithmetic stand in for training.
struct Busy;

struct Constant(f32);

impl Estimator<u32, Array1<f32>> for Busy {
    type Fitted = Constant;
    fn task(&self) -> Task {
        Task::Regression
    }
    fn fit(&self, work: &u32, data: &TrainSet<'_, Array1<f32>>) -> gridcv::Result<Constant> {
        let mut acc = data.seed() as f32 * 1e-20;
        for i in 0..*work {
            acc = (acc + i as f32).sqrt();
        }
        Ok(Constant(data.y().mean().unwrap_or(0.0) + acc * 1e-30))
    }
}

impl Predictor<Array1<f32>> for Constant {
    fn predict(&self, x: ArrayView2<'_, f32>) -> gridcv::Result<Array1<f32>> {
        Ok(Array1::from_elem(x.nrows(), self.0))
    }
}

fn time_search(grid: Vec<u32>, n_jobs: usize, x: &Array2<f32>, y: &Array1<f32>) -> (f64, usize) {
    let search = GridSearchCV::new(Busy, grid).cv(3).n_jobs(n_jobs).verbose(0);
    let start = Instant::now();
    let fitted = search.fit(x, y).expect("the search runs");
    let fits = fitted.cv_results().len() * fitted.splits().len() + 1;
    (start.elapsed().as_secs_f64(), fits)
}

fn main() {
    let x = Array2::from_shape_fn((100, 5), |(i, j)| ((i * 7 + j * 3) % 11) as f32);
    let y: Array1<f32> = (0..100).map(|i| (i % 13) as f32).collect();

    // Engine overhead: 1000 candidates x 3 folds of an estimator that does nothing.
    let (secs, fits) = time_search(vec![0; 1000], 1, &x, &y);
    println!(
        "engine overhead: {fits} trivial fits in {secs:.4} s = {:.2} us per fit (n_jobs 1)",
        secs / fits as f64 * 1e6
    );

    // Parallel speed-up: 64 candidates x 3 folds of ~2 ms of work each.
    let work = vec![400_000; 64];
    let (t1, fits) = time_search(work.clone(), 1, &x, &y);
    let (t2, _) = time_search(work, 2, &x, &y);
    println!("{fits} busy fits: n_jobs 1 {t1:.3} s, n_jobs 2 {t2:.3} s, speed-up {:.2}x", t1 / t2);
}
