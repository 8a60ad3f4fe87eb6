//! One full-batch step of each optimizer on a linear model, against the update computed by hand
//! from the gradient of the MSE and Keras' update rules (its default hyperparameters).

mod nn_support;

use grid_core::estimator::{Estimator, TrainSet};
use grid_core::nn::{Activation, FitParams, NetParams, NeuralRegressor, Optimizer, Sequential};
use ndarray::{array, Array1, Array2};

/// Weights `(kernel column, bias)` after one full-batch step with `fit`.
fn one_step(fit: FitParams, x: &Array2<f32>, y: &Array1<f32>) -> (Vec<f64>, f64) {
    let p = NetParams::new(Sequential::new(3).dense(1, Activation::Linear), fit);
    let model = NeuralRegressor::new().fit(&p, &TrainSet::new(x.view(), y).with_seed(5)).unwrap();
    let (kernel, bias) = &model.weights()[0];
    (kernel.column(0).iter().map(|&v| f64::from(v)).collect(), f64::from(bias[0]))
}

/// Six rows of three features; `scale` shrinks features and targets (and so the gradient).
fn data(scale: f32) -> (Array2<f32>, Array1<f32>) {
    let x = array![
        [0.5_f32, -1.0, 2.0],
        [1.5, 0.3, -0.7],
        [-0.2, 0.8, 0.1],
        [0.9, -0.4, -1.2],
        [-1.1, 0.6, 0.4],
        [0.3, 1.7, -0.5],
    ];
    let y = array![1.0_f32, -2.0, 0.5, 3.0, -1.0, 0.25];
    (x * scale, y * scale)
}

/// Gradient of the MSE at (w, b): 2/n X^T r and 2/n sum r with r = X w + b - y.
fn gradient(x: &Array2<f32>, y: &Array1<f32>, w: &[f64], b: f64) -> (Vec<f64>, f64) {
    let n = x.nrows() as f64;
    let r: Vec<f64> = (0..x.nrows())
        .map(|i| (0..3).map(|j| f64::from(x[[i, j]]) * w[j]).sum::<f64>() + b - f64::from(y[i]))
        .collect();
    let gw =
        (0..3).map(|j| 2.0 / n * (0..x.nrows()).map(|i| f64::from(x[[i, j]]) * r[i]).sum::<f64>()).collect();
    (gw, 2.0 / n * r.iter().sum::<f64>())
}

fn params(optimizer: Optimizer, lr: f64) -> FitParams {
    FitParams {
        epochs: 1,
        batch_size: 6,
        optimizer,
        learning_rate: Some(lr),
        shuffle: false,
        ..FitParams::default()
    }
}

/// Checks that one step of `fit` moves every weight by `expected(gradient, weight)`.
#[track_caller]
fn check(fit: FitParams, expected: impl Fn(f64, f64) -> f64) {
    check_scaled(1.0, fit, expected)
}

#[track_caller]
fn check_scaled(scale: f32, fit: FitParams, expected: impl Fn(f64, f64) -> f64) {
    let (x, y) = data(scale);
    // The initial weights: the same seed, a step too small to move them.
    let mut still = fit.clone();
    still.learning_rate = Some(1e-30);
    let (w0, b0) = one_step(still, &x, &y);
    let (w1, b1) = one_step(fit.clone(), &x, &y);
    let (gw, gb) = gradient(&x, &y, &w0, b0);
    for ((&before, &after), &g) in
        w0.iter().chain([&b0]).zip(w1.iter().chain([&b1])).zip(gw.iter().chain([&gb]))
    {
        let step = before - after;
        let want = expected(g, before);
        assert!(
            (step - want).abs() <= 1e-4 * want.abs() + 1e-7,
            "{:?}: step {step}, expected {want}",
            fit.optimizer
        );
    }
}

#[test]
fn nn_sgd_step_is_lr_times_gradient() {
    check(params(Optimizer::Sgd, 0.1), |g, _| 0.1 * g);
    // Momentum starts from a zero velocity: the first step is plain SGD...
    check(FitParams { momentum: 0.9, ..params(Optimizer::Sgd, 0.1) }, |g, _| 0.1 * g);
    // ...and Keras' Nesterov step is lr (1 + momentum) g.
    check(FitParams { momentum: 0.9, nesterov: true, ..params(Optimizer::Sgd, 0.1) }, |g, _| 0.1 * 1.9 * g);
}

#[test]
fn nn_adam_step_follows_keras_epsilon() {
    // Keras: lr sqrt(1 - b2) / (1 - b1) * m / (sqrt(v) + eps) with m = (1 - b1) g and
    // v = (1 - b2) g^2, so lr g / (|g| + eps / sqrt(1 - b2)) with eps = 1e-7.
    let eps_hat = 1e-7 / (1.0_f64 - 0.999).sqrt();
    check(params(Optimizer::Adam, 0.01), |g, _| 0.01 * g / (g.abs() + eps_hat));
    // AdamW adds the decoupled decay lr * 0.004 * w.
    check(params(Optimizer::AdamW, 0.01), |g, w| 0.01 * g / (g.abs() + eps_hat) + 0.01 * 0.004 * w);
    // With gradients near 1e-6 the epsilon is felt: Keras' placement moves weights about a
    // quarter as far as a plain 1e-7 would.
    check_scaled(1e-3, params(Optimizer::Adam, 0.01), |g, _| 0.01 * g / (g.abs() + eps_hat));
}

#[test]
fn nn_rmsprop_step_follows_keras() {
    // Keras: v = (1 - rho) g^2 with rho = 0.9, step lr g / sqrt(v + eps), eps = 1e-7.
    check(params(Optimizer::RmsProp, 0.01), |g, _| 0.01 * g / (0.1 * g * g + 1e-7).sqrt());
}
