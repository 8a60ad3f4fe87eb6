//! Cost of a training step of the neural estimators, and how close it is to the matrix products.
//!
//! - `seed_net`: the seed scenario's 5 -> 10 -> 1 network, batch 10, Adam: steps per second
//!   through `NeuralRegressor::fit`, and a naive dfdx step (fresh tensors per step, gradients
//!   cloned out, moments in `Gradients` maps) for comparison.
//! - `large_net`: 50 -> 256 -> 256 -> 2, batch 256: training steps, and the nine dfdx matrix
//!   products of its forward and backward passes timed alone.
//!
//! Step times through `fit` are the difference of two fits on the same data, one of `epochs`
//! epochs and one of a single epoch, divided by the difference in steps: the per-fit setup
//! (checks, copying the rows, initialization, optimizer state) cancels out.
//!
//! FLOPs are 2 x the multiply-adds of the nine products a dfdx step runs: per dense layer the
//! forward product and both operand gradients, the first layer's input gradient included
//! (dfdx's matmul backward always computes both; Keras would skip that one), with the first
//! layer's bias folded in as an extra input column of ones (as training does).
//!
//! A summary with steps/s, GFLOP/s and the training / matmul-alone ratio is printed at the end
//! of `cargo bench` runs only (not for `cargo test --benches` or `--list`).
//! Run: `cargo bench -p grid-core --bench train_step`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{criterion_group, BenchmarkGroup, Criterion, SamplingMode, Throughput};
use dfdx::prelude::{
    mse_loss, AdamConfig, Axis, Backward, BroadcastTo, Cpu, Gradients, HasShape, Tensor, TensorFromVec,
    Trace, TryMatMul, ZerosTensor,
};
use grid_core::estimator::{Estimator, TrainSet};
use grid_core::nn::{Activation, FitParams, NetParams, NeuralRegressor, Optimizer, Sequential};
use ndarray::Array2;

type Matrix = Tensor<(usize, usize), f32, Cpu>;
type T = dfdx::prelude::OwnedTape<f32, Cpu>;

/// `n` rows of `features` columns, a linear target with `outputs` columns (deterministic).
fn data(n: usize, features: usize, outputs: usize) -> (Array2<f32>, Array2<f32>) {
    let x = Array2::from_shape_fn((n, features), |(i, j)| (((i * 31 + j * 17) % 97) as f32 / 48.5) - 1.0);
    let w = Array2::from_shape_fn((features, outputs), |(i, j)| ((i + 2 * j) % 5) as f32 / 5.0 - 0.4);
    let y = x.dot(&w);
    (x, y)
}

struct Setup {
    name: &'static str,
    /// `epochs` epochs, and a single one.
    long: NetParams,
    short: NetParams,
    x: Array2<f32>,
    y: Array2<f32>,
    /// Steps of the long fit minus steps of the short one.
    extra_steps: usize,
    /// Multiply-adds x 2 of the nine matmuls of one step.
    flops_per_step: f64,
}

/// A network `widths[0] -> ... -> widths[last]` (ReLU hidden layers), trained on `n` rows for
/// `epochs` (at least 2) and for 1 epoch.
fn setup(name: &'static str, widths: &[usize], batch: usize, n: usize, epochs: usize) -> Setup {
    assert!(epochs >= 2);
    let mut spec = Sequential::new(widths[0]);
    for (i, &w) in widths[1..].iter().enumerate() {
        let last = i + 2 == widths.len();
        spec = spec.dense(w, if last { Activation::Linear } else { Activation::Relu });
    }
    let fit =
        |epochs| FitParams { epochs, batch_size: batch, optimizer: Optimizer::Adam, ..FitParams::default() };
    let (x, y) = data(n, widths[0], *widths.last().unwrap());
    Setup {
        name,
        long: NetParams::new(spec.clone(), fit(epochs)),
        short: NetParams::new(spec, fit(1)),
        x,
        y,
        extra_steps: (epochs - 1) * n.div_ceil(batch),
        flops_per_step: step_flops(&trained_shapes(widths), batch),
    }
}

/// `(inputs, units)` of each dense layer as training multiplies them: the first layer reads
/// the input plus a column of ones (its bias).
fn trained_shapes(widths: &[usize]) -> Vec<(usize, usize)> {
    widths.windows(2).enumerate().map(|(i, w)| (w[0] + usize::from(i == 0), w[1])).collect()
}

/// FLOPs of the matmuls of one training step: per layer the forward product and the two
/// gradient products (the first layer's input gradient included: dfdx computes it), each
/// `2 * batch * fan_in * fan_out`.
fn step_flops(shapes: &[(usize, usize)], batch: usize) -> f64 {
    shapes.iter().map(|&(k, n)| 3.0 * 2.0 * (batch * k * n) as f64).sum()
}

fn fit(s: &Setup, params: &NetParams) {
    let data = TrainSet::new(s.x.view(), &s.y);
    let model = NeuralRegressor::new().fit(params, &data).expect("the benchmark network trains");
    black_box(model);
}

/// Criterion timing of `s.extra_steps` steps: `iters` long fits minus `iters` short ones.
fn bench_steps(group: &mut BenchmarkGroup<'_, WallTime>, id: &str, s: &Setup) {
    group.bench_function(id, |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                fit(s, &s.long);
            }
            let long = start.elapsed();
            let start = Instant::now();
            for _ in 0..iters {
                fit(s, &s.short);
            }
            long.saturating_sub(start.elapsed())
        })
    });
}

/// The matmuls of one training step of a network, timed alone on dfdx tensors.
struct Matmuls {
    products: Vec<(Matrix, Matrix)>,
}

impl Matmuls {
    fn new(widths: &[usize], batch: usize) -> Self {
        let dev = Cpu::default();
        let t = |r: usize, c: usize| -> Matrix {
            dev.tensor_from_vec((0..r * c).map(|i| ((i % 13) as f32) / 13.0 - 0.5).collect(), (r, c))
        };
        let mut products = Vec::new();
        for (k, n) in trained_shapes(widths) {
            products.push((t(batch, k), t(k, n))); // forward: x W
            products.push((t(batch, n), t(n, k))); // input gradient: dZ W^T
            products.push((t(k, batch), t(batch, n))); // weight gradient: X^T dZ
        }
        Matmuls { products }
    }

    fn run(&self) {
        for (a, b) in &self.products {
            black_box(a.clone().matmul(b.clone()));
        }
    }
}

/// A naive runtime-shaped dfdx loop over a 5 -> 10 -> 1 network: fresh batch tensors from new
/// Vecs every step, gradients cloned out, Adam moments in `Gradients` maps.
struct NaiveLoop {
    dev: Cpu,
    w1: Matrix,
    b1: Tensor<(usize,), f32, Cpu>,
    w2: Matrix,
    b2: Tensor<(usize,), f32, Cpu>,
    m: Gradients<f32, Cpu>,
    v: Gradients<f32, Cpu>,
    t: i32,
    x: Array2<f32>,
    y: Array2<f32>,
}

impl NaiveLoop {
    fn new() -> Self {
        let dev = Cpu::seed_from_u64(0);
        let (x, y) = data(1000, 5, 1);
        NaiveLoop {
            w1: dev.tensor_from_vec(vec![0.1; 50], (5, 10)),
            b1: dev.zeros_like(&(10,)),
            w2: dev.tensor_from_vec(vec![0.1; 10], (10, 1)),
            b2: dev.zeros_like(&(1,)),
            m: Gradients::leaky(),
            v: Gradients::leaky(),
            t: 0,
            dev,
            x,
            y,
        }
    }

    fn step(&mut self, start: usize) {
        let rows: Vec<usize> = (start..start + 10).map(|i| i % 1000).collect();
        let (xs, ys) = (self.x.as_slice().unwrap(), self.y.as_slice().unwrap());
        let xb: Vec<f32> = rows.iter().flat_map(|&i| xs[i * 5..(i + 1) * 5].iter().copied()).collect();
        let yb: Vec<f32> = rows.iter().map(|&i| ys[i]).collect();
        let x: Matrix = self.dev.tensor_from_vec(xb, (10, 5));
        let y: Matrix = self.dev.tensor_from_vec(yb, (10, 1));
        let h = x.leaky_trace().matmul(self.w1.retaped::<T>());
        let s = *h.shape();
        let h = (h + self.b1.retaped::<T>().broadcast_like::<_, Axis<0>>(&s)).relu();
        let o = h.matmul(self.w2.retaped::<T>());
        let s = *o.shape();
        let o = o + self.b2.retaped::<T>().broadcast_like::<_, Axis<0>>(&s);
        let mut grads = mse_loss(o, y).backward();
        self.t += 1;
        let cfg = AdamConfig::default();
        macro_rules! update {
            ($p:expr) => {{
                let g = grads.get_or_alloc_mut(&$p).unwrap();
                let m = self.m.get_or_alloc_mut(&$p).unwrap();
                let v = self.v.get_or_alloc_mut(&$p).unwrap();
                cfg.try_update(self.t, &mut $p, m, v, g).unwrap();
            }};
        }
        update!(self.w1);
        update!(self.b1);
        update!(self.w2);
        update!(self.b2);
    }
}

fn seed_net(c: &mut Criterion) {
    let s = setup("seed 5-10-1 b10", &[5, 10, 1], 10, 1000, 5);
    let mut group = c.benchmark_group("seed_net");
    group.throughput(Throughput::Elements(s.extra_steps as u64));
    bench_steps(&mut group, "fit_steps", &s);
    let mut naive = NaiveLoop::new();
    group.throughput(Throughput::Elements(100));
    group.bench_function("naive_steps", |b| {
        b.iter(|| {
            for i in 0..100 {
                naive.step(i * 10);
            }
        })
    });
    group.finish();
}

fn large_net(c: &mut Criterion) {
    let widths = [50, 256, 256, 2];
    let s = setup("large 50-256-256-2 b256", &widths, 256, 2048, 4);
    let mm = Matmuls::new(&widths, 256);
    let mut group = c.benchmark_group("large_net");
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    group.throughput(Throughput::Elements((s.flops_per_step * s.extra_steps as f64) as u64));
    bench_steps(&mut group, "fit_flops", &s);
    group.throughput(Throughput::Elements(s.flops_per_step as u64));
    group.bench_function("matmuls_alone_flops", |b| b.iter(|| mm.run()));
    group.finish();
}

/// Fewest seconds per call of `f` over `rounds` timed rounds of about `budget` (the least
/// disturbed round: other processes share the cores).
fn best_time(mut f: impl FnMut(), rounds: usize, budget: Duration) -> f64 {
    f();
    let start = Instant::now();
    f();
    let once = start.elapsed().as_secs_f64().max(1e-9);
    let reps = ((budget.as_secs_f64() / rounds as f64 / once) as usize).max(1);
    let mut times: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..reps {
                f();
            }
            start.elapsed().as_secs_f64() / reps as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[0]
}

/// Seconds per step of `s` through `fit`: the best long fit minus the best short fit.
fn step_time(s: &Setup, rounds: usize, budget: Duration) -> f64 {
    let long = best_time(|| fit(s, &s.long), rounds, budget);
    let short = best_time(|| fit(s, &s.short), rounds, budget / 4);
    (long - short) / s.extra_steps as f64
}

fn summary() {
    println!("\n== train_step summary (best of timed rounds: the machine is shared) ==");
    println!("step times: (fit of E epochs - fit of 1 epoch) / extra steps, so setup is not counted");
    let seed = setup("seed 5-10-1 b10", &[5, 10, 1], 10, 1000, 5);
    let t = step_time(&seed, 9, Duration::from_secs(3));
    println!(
        "{}: {:.2} us/step, {:.0} steps/s, matmuls at {:.2} GFLOP/s",
        seed.name,
        t * 1e6,
        1.0 / t,
        seed.flops_per_step / t / 1e9
    );
    let mut naive = NaiveLoop::new();
    let mut i = 0;
    let tn = best_time(
        || {
            naive.step(i * 10);
            i += 1;
        },
        9,
        Duration::from_secs(2),
    );
    println!("naive dfdx loop, same network: {:.2} us/step ({:.2}x ours)", tn * 1e6, tn / t);
    let seed_mm = Matmuls::new(&[5, 10, 1], 10);
    let tm = best_time(|| seed_mm.run(), 9, Duration::from_secs(2));
    println!("  its six matmuls alone: {:.2} us/step ({:.0}% of the step)", tm * 1e6, 100.0 * tm / t);

    let widths = [50, 256, 256, 2];
    let large = setup("large 50-256-256-2 b256", &widths, 256, 2048, 4);
    let t = step_time(&large, 7, Duration::from_secs(8));
    let mm = Matmuls::new(&widths, 256);
    let tm = best_time(|| mm.run(), 7, Duration::from_secs(4));
    let (g_train, g_mm) = (large.flops_per_step / t / 1e9, large.flops_per_step / tm / 1e9);
    println!(
        "{}: {:.3} ms/step, {:.0} steps/s, training {:.1} GFLOP/s vs matmuls alone {:.1} GFLOP/s: ratio {:.0}%",
        large.name,
        t * 1e3,
        1.0 / t,
        g_train,
        g_mm,
        100.0 * g_train / g_mm
    );
    println!(
        "  FLOPs: {:.1} MFLOP/step = 9 matmuls x 2 x multiply-adds (input gradient of layer 0 included: \
         dfdx's matmul backward always computes both operand gradients; layer 0 is {} wide with its \
         bias as a column of ones)",
        large.flops_per_step / 1e6,
        widths[0] + 1
    );
}

criterion_group!(benches, seed_net, large_net);

fn main() {
    // Fixed work for counting instructions (`perf stat`), immune to other load on the machine:
    // TRAIN_STEP_FITS=n runs n fits of the seed network (500 steps each) and exits.
    if let Some(n) = std::env::var("TRAIN_STEP_FITS").ok().and_then(|v| v.parse::<usize>().ok()) {
        let seed = setup("seed", &[5, 10, 1], 10, 1000, 5);
        for _ in 0..n {
            fit(&seed, &seed.long);
        }
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
    // Only `cargo bench` passes `--bench`: `cargo test --benches` runs each benchmark once and
    // `--list` lists them, both without the ~20 s summary. Profiling runs (`--profile-time`)
    // time one benchmark alone.
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--profile-time") {
        summary();
    }
}
