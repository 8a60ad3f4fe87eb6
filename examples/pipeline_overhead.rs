//! What a pipeline costs per fit: the same network fitted alone and inside a pipeline that
//! standardizes the inputs and the target (seed 1's data, 100 x 5), and the steps alone
//! (fitting both scalers and transforming the rows, without the network). The fits alternate,
//! so that the load of a shared machine weighs on both alike; the steps' own time is the
//! steadier figure.
//!
//! Run: `cargo run --release --example pipeline_overhead`

use std::time::Instant;

use gridcv::nn::{FitParams, NetParams};
use gridcv::prelude::*;
use gridcv::preprocess::{fit_steps, numeric_columns, Transform, Transformer};

fn mean_time(runs: usize, mut f: impl FnMut()) -> f64 {
    f(); // warm-up
    let start = Instant::now();
    for _ in 0..runs {
        f();
    }
    start.elapsed().as_secs_f64() / runs as f64
}

fn main() -> gridcv::Result<()> {
    let data = datasets::make_regression(100, 5).noise(0.1).seed(42).build()?;
    let spec = Sequential::new(5).dense(10, Activation::Relu).dense(1, Activation::Linear);
    let params = NetParams::new(spec, FitParams { epochs: 50, batch_size: 10, ..FitParams::default() });
    let train = TrainSet::new(data.x.view(), &data.y);
    let alone = NeuralRegressor::new();
    let pipeline = Pipeline::new(NeuralRegressor::new())
        .step(StandardScaler::default())
        .target_scaler(StandardScaler::default());
    let runs = 200;
    // Alternated, so that the machine's load drifts alike for both.
    let (mut t_alone, mut t_pipeline) = (0.0, 0.0);
    for _ in 0..runs {
        t_alone += mean_time(1, || drop(alone.fit(&params, &train).unwrap())) / runs as f64;
        t_pipeline += mean_time(1, || drop(pipeline.fit(&params, &train).unwrap())) / runs as f64;
    }
    let steps = [Step::from(StandardScaler::default())];
    let y = data.y.clone().insert_axis(ndarray::Axis(1));
    let t_steps = mean_time(10 * runs, || {
        let (_, xt, _) = fit_steps(&steps, data.x.view(), &numeric_columns(5)).unwrap();
        let target = StandardScaler::default().fit(y.view(), &numeric_columns(1)).unwrap();
        drop((xt, target.transform(y.view()).unwrap()));
    });
    println!("one fit (100 rows x 5, 50 epochs, batch 10), mean of {runs}:");
    println!("  network alone:                      {:8.1} µs", t_alone * 1e6);
    println!("  in a pipeline (x and y scaled):     {:8.1} µs", t_pipeline * 1e6);
    println!("  the steps alone (fit + transform):  {:8.1} µs", t_steps * 1e6);
    println!(
        "  overhead: {:.1} µs per fit ({:.2} % of the fit)",
        (t_pipeline - t_alone) * 1e6,
        100.0 * (t_pipeline - t_alone) / t_alone
    );
    Ok(())
}
