//! What one fit is estimated to need (`Estimator::memory_estimate`, what a search plans its fits
//! by) against what it really takes: the growth of the process's peak resident memory
//! (`VmHWM` of `/proc/self/status`) over the fit. The network has two hidden layers of `WIDTH`
//! units (default 2000) on 20 features; 64 rows, batch 32, one epoch, Adam.
//!
//! Run: `cargo run --example fit_memory -- 16000` (the network of issue 12: about 5 GB; it
//! allocates them).

use gridcv::nn::{FitParams, NetParams};
use gridcv::prelude::*;
use ndarray::{Array1, Array2};

/// Peak resident memory of this process so far, in bytes (Linux).
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.split_whitespace().nth(1)?.parse::<u64>().ok()? * 1024)
}

fn main() -> gridcv::Result<()> {
    let width: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(2000);
    let x = Array2::from_shape_fn((64, 20), |(i, j)| ((i * 7 + j * 3) % 11) as f32 / 11.0 - 0.5);
    let y: Array1<f32> = x.rows().into_iter().map(|r| r.sum()).collect();
    let spec = Sequential::new(20)
        .dense(width, Activation::Relu)
        .dense(width, Activation::Relu)
        .dense(1, Activation::Linear);
    let params = NetParams::new(spec, FitParams { epochs: 1, batch_size: 32, ..FitParams::default() });
    let data = TrainSet::new(x.view(), &y);
    let estimate = NeuralRegressor::new().memory_estimate(&params, &data).unwrap_or(0);
    let before = peak_rss().unwrap_or(0);
    let start = std::time::Instant::now();
    let model = NeuralRegressor::new().fit(&params, &data)?;
    let seconds = start.elapsed().as_secs_f64();
    let after = peak_rss().unwrap_or(0);
    let measured = after.saturating_sub(before);
    println!(
        "width {width}: estimated {}, peak resident memory grew by {} ({:.2} of the estimate), fit in {seconds:.1} s, {} epoch",
        gridcv::memory::human(estimate),
        gridcv::memory::human(measured),
        measured as f64 / estimate.max(1) as f64,
        model.history().epochs()
    );
    Ok(())
}
