//! Time per training step of `NeuralRegressor::fit` on a `features -> width -> width -> 1`
//! ReLU network (Adam, MSE) over `make_regression` rows, and the single-core speed of
//! `gemm` 0.19 on a `width`-cubed f32 product, as one JSON line per configuration.
//! `benches/peers/step_speed.py` runs it beside a plain PyTorch loop.
//!
//! ```sh
//! cargo run --release -p grid-core --example step_speed -- --width 256 --batch 256 --threads 1
//! ```
//!
//! Step time: (the best fit of `--epochs` epochs minus the best fit of 1 epoch) divided by
//! the extra steps, so the per-fit setup cancels out; best of `--rounds` rounds each.
//! `--threads n` runs the fits inside a rayon pool of `n` threads (what a fit sees when a
//! search has fewer tasks left than threads).

use std::hint::black_box;
use std::time::Instant;

use grid_core::datasets::make_regression;
use grid_core::estimator::{Estimator, TrainSet};
use grid_core::nn::{Activation, FitParams, NetParams, NeuralRegressor, Optimizer, Sequential};
use ndarray::Array2;

struct Args {
    width: usize,
    batch: usize,
    threads: usize,
    rows: usize,
    features: usize,
    epochs: usize,
    rounds: usize,
}

fn parse() -> Args {
    let mut a = Args { width: 256, batch: 256, threads: 1, rows: 20_000, features: 50, epochs: 3, rounds: 3 };
    let argv: Vec<String> = std::env::args().skip(1).collect();
    for pair in argv.chunks(2) {
        let value = || -> usize {
            pair.get(1).and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("{} needs a number", pair[0]))
        };
        match pair[0].as_str() {
            "--width" => a.width = value(),
            "--batch" => a.batch = value(),
            "--threads" => a.threads = value(),
            "--rows" => a.rows = value(),
            "--features" => a.features = value(),
            "--epochs" => a.epochs = value().max(2),
            "--rounds" => a.rounds = value().max(1),
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

/// Best seconds of `rounds` calls of `f`.
fn best(rounds: usize, mut f: impl FnMut()) -> f64 {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// GFLOP/s of `gemm` 0.19 on one thread for an `n x n x n` product (best of a few rounds).
fn gemm_gflops(n: usize) -> f64 {
    let a: Vec<f32> = (0..n * n).map(|i| (i % 7) as f32 * 0.1).collect();
    let mut c = vec![0.0_f32; n * n];
    let reps = (2_000_000_000 / (2 * n * n * n)).max(1);
    let t = best(5, || {
        for _ in 0..reps {
            // SAFETY: `a` and `c` hold n x n row-major values each; `c` is not read.
            unsafe {
                gemm::gemm(
                    n,
                    n,
                    n,
                    c.as_mut_ptr(),
                    1,
                    n as isize,
                    false,
                    a.as_ptr(),
                    1,
                    n as isize,
                    a.as_ptr(),
                    1,
                    n as isize,
                    0.0,
                    1.0,
                    false,
                    false,
                    false,
                    gemm::Parallelism::None,
                );
            }
            black_box(&c);
        }
    });
    2.0 * (n * n * n * reps) as f64 / t / 1e9
}

fn main() {
    let args = parse();
    let data = make_regression(args.rows, args.features).noise(1.0).seed(0).build().expect("the data");
    let y: Array2<f32> = data.y.clone().insert_axis(ndarray::Axis(1));
    let spec = Sequential::new(args.features)
        .dense(args.width, Activation::Relu)
        .dense(args.width, Activation::Relu)
        .dense(1, Activation::Linear);
    let params = |epochs| {
        NetParams::new(
            spec.clone(),
            FitParams { epochs, batch_size: args.batch, optimizer: Optimizer::Adam, ..FitParams::default() },
        )
    };
    let (long, short) = (params(args.epochs), params(1));
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads).build().expect("a thread pool");
    let fit = |p: &NetParams| {
        let set = TrainSet::new(data.x.view(), &y);
        pool.install(|| black_box(NeuralRegressor::new().fit(p, &set).expect("the network trains")));
    };
    fit(&short);
    let t_long = best(args.rounds, || fit(&long));
    let t_short = best(args.rounds, || fit(&short));
    let steps_per_epoch = args.rows.div_ceil(args.batch);
    let step = (t_long - t_short) / ((args.epochs - 1) * steps_per_epoch) as f64;
    // Multiply-adds x 2 of the products a step needs: forward and weight gradient of every
    // layer, input gradient of every layer but the first (PyTorch's count too).
    let (f, w, b) = (args.features as f64, args.width as f64, args.batch as f64);
    let flops = 2.0 * b * (3.0 * w * w + 2.0 * f * w + 3.0 * w);
    println!(
        "{{\"side\": \"gridcv\", \"width\": {}, \"batch\": {}, \"threads\": {}, \"features\": {}, \
         \"step_s\": {:e}, \"step_gflops\": {:.3}, \"gemm_gflops_1t\": {:.3}, \"gemm_n\": {}, \"isa\": \"{}\"}}",
        args.width,
        args.batch,
        args.threads,
        args.features,
        step,
        flops / step / 1e9,
        gemm_gflops(args.width.max(64)),
        args.width.max(64),
        grid_core::nn::matmul_isa()
    );
}
