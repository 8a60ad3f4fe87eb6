//! Steps of each optimizer on a linear model, against the updates computed by hand from the
//! gradient of the MSE and Keras' update rules (its default hyperparameters): one full-batch
//! step, with given and default learning rates, and two steps of three rows each (Adam's bias
//! correction at t = 2, SGD's velocity, RMSprop's mean square carried between steps).

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

#[test]
fn nn_default_learning_rates_are_keras() {
    // `learning_rate: None` takes Keras' defaults: 0.01 for SGD, 0.001 for the others.
    let default = |optimizer| FitParams { learning_rate: None, ..params(optimizer, 1.0) };
    let eps_hat = 1e-7 / (1.0_f64 - 0.999).sqrt();
    check(default(Optimizer::Sgd), |g, _| 0.01 * g);
    check(default(Optimizer::Adam), |g, _| 0.001 * g / (g.abs() + eps_hat));
    check(default(Optimizer::AdamW), |g, w| 0.001 * g / (g.abs() + eps_hat) + 0.001 * 0.004 * w);
    check(default(Optimizer::RmsProp), |g, _| 0.001 * g / (0.1 * g * g + 1e-7).sqrt());
}

/// Keras 3's update rules, written out in f64 for the multi-step checks.
#[derive(Clone, Copy, Debug)]
enum Keras {
    /// `v = momentum v - lr g`; `w += v`, or `w += momentum v - lr g` with Nesterov.
    Sgd { lr: f64, momentum: f64, nesterov: bool },
    /// Adam (`decay` 0) or AdamW (`w -= lr decay w` before the Adam step).
    Adam { lr: f64, decay: f64 },
    /// `v = rho v + (1 - rho) g^2`; `w -= lr g / sqrt(v + eps)`.
    RmsProp { lr: f64 },
}

impl Keras {
    /// Weight `w` after step `t` (from 1) with gradient `g`; `state` starts at zero.
    fn step(self, t: i32, g: f64, w: f64, state: &mut [f64; 2]) -> f64 {
        let [a, b] = state;
        match self {
            Keras::Sgd { lr, momentum, nesterov } => {
                *a = momentum * *a - lr * g;
                if nesterov {
                    w + momentum * *a - lr * g
                } else {
                    w + *a
                }
            }
            Keras::Adam { lr, decay } => {
                let (b1, b2) = (0.9_f64, 0.999_f64);
                let alpha = lr * (1.0 - b2.powi(t)).sqrt() / (1.0 - b1.powi(t));
                *a += (g - *a) * (1.0 - b1);
                *b += (g * g - *b) * (1.0 - b2);
                let w = w - w * decay * lr;
                w - *a * alpha / (b.sqrt() + 1e-7)
            }
            Keras::RmsProp { lr } => {
                *a = 0.9 * *a + 0.1 * g * g;
                w - lr * g / (*a + 1e-7).sqrt()
            }
        }
    }
}

/// Runs one epoch of `fit` (batches of `fit.batch_size` rows in order, no shuffling) on the six
/// rows of `data(scale)` and compares every weight with Keras' rule applied step by step from
/// the same initial weights.
#[track_caller]
fn check_steps(scale: f32, fit: FitParams, rule: Keras) {
    check_steps_with(scale, fit, &format!("{rule:?}"), |t, g, w, s| rule.step(t, g, w, s))
}

/// [`check_steps`] with the rule as a function `(t, g, w, state) -> new w`.
#[track_caller]
fn check_steps_with(
    scale: f32,
    fit: FitParams,
    rule: &str,
    step: impl Fn(i32, f64, f64, &mut [f64; 2]) -> f64,
) {
    assert!(!fit.shuffle && fit.epochs == 1);
    let (x, y) = data(scale);
    let mut still = fit.clone();
    still.learning_rate = Some(1e-30);
    let (w0, b0) = one_step(still, &x, &y);
    let (w_end, b_end) = one_step(fit.clone(), &x, &y);

    let mut p: Vec<f64> = w0.iter().copied().chain([b0]).collect();
    let mut state = vec![[0.0; 2]; p.len()];
    let batch = fit.batch_size;
    let mut steps = 0;
    for (t, start) in (0..x.nrows()).step_by(batch).enumerate() {
        let rows = start..(start + batch).min(x.nrows());
        let xb = x.slice(ndarray::s![rows.clone(), ..]).to_owned();
        let yb = y.slice(ndarray::s![rows]).to_owned();
        let (gw, gb) = gradient(&xb, &yb, &p[..3], p[3]);
        for (i, g) in gw.into_iter().chain([gb]).enumerate() {
            p[i] = step(t as i32 + 1, g, p[i], &mut state[i]);
        }
        steps += 1;
    }
    assert!(steps >= 2, "the check needs several steps");
    let start: Vec<f64> = w0.iter().copied().chain([b0]).collect();
    let end: Vec<f64> = w_end.iter().copied().chain([b_end]).collect();
    for i in 0..p.len() {
        let (moved, want) = (start[i] - end[i], start[i] - p[i]);
        assert!(
            (moved - want).abs() <= 1e-4 * want.abs() + 2e-7,
            "{rule}, weight {i}: moved {moved}, Keras moves {want}"
        );
    }
}

/// Two steps of three rows each, in order.
fn two_steps(optimizer: Optimizer, lr: f64) -> FitParams {
    FitParams { batch_size: 3, ..params(optimizer, lr) }
}

#[test]
fn nn_second_steps_follow_keras() {
    // Adam at t = 2: the bias corrections sqrt(1 - b2^2) / (1 - b1^2) and Keras' epsilon.
    for scale in [1.0, 1e-3] {
        check_steps(scale, two_steps(Optimizer::Adam, 0.01), Keras::Adam { lr: 0.01, decay: 0.0 });
        check_steps(scale, two_steps(Optimizer::AdamW, 0.01), Keras::Adam { lr: 0.01, decay: 0.004 });
    }
    // SGD: the velocity of step 1 carries into step 2 (classic and Nesterov), or nothing does.
    for (momentum, nesterov) in [(0.0, false), (0.9, false), (0.9, true), (0.5, true)] {
        let fit = FitParams { momentum, nesterov, ..two_steps(Optimizer::Sgd, 0.05) };
        check_steps(1.0, fit, Keras::Sgd { lr: 0.05, momentum, nesterov });
    }
    // RMSprop: the mean square decays by rho = 0.9 between the steps.
    check_steps(1.0, two_steps(Optimizer::RmsProp, 0.01), Keras::RmsProp { lr: 0.01 });
    // Default learning rates over several steps too.
    let fit = FitParams { learning_rate: None, ..two_steps(Optimizer::Adam, 1.0) };
    check_steps(1.0, fit, Keras::Adam { lr: 0.001, decay: 0.0 });
    let fit = FitParams { learning_rate: None, momentum: 0.9, ..two_steps(Optimizer::Sgd, 1.0) };
    check_steps(1.0, fit, Keras::Sgd { lr: 0.01, momentum: 0.9, nesterov: false });
}

#[test]
fn nn_multi_step_check_can_fail() {
    // Near misses of Keras' rules that agree on the first step are told apart on the second:
    // Adam with t stuck at 1 (no t = 2 bias correction), and every optimizer with its state
    // (moments, velocity, mean square) reset before each step.
    let fails = |f: fn()| std::panic::catch_unwind(f).is_err();
    assert!(fails(|| {
        let adam = Keras::Adam { lr: 0.01, decay: 0.0 };
        check_steps_with(1.0, two_steps(Optimizer::Adam, 0.01), "t = 1", |_, g, w, s| adam.step(1, g, w, s))
    }));
    fn forgetting(fit: FitParams, rule: Keras) {
        check_steps_with(1.0, fit, "no state", |t, g, w, s| {
            *s = [0.0; 2];
            rule.step(t, g, w, s)
        })
    }
    assert!(fails(|| forgetting(two_steps(Optimizer::Adam, 0.01), Keras::Adam { lr: 0.01, decay: 0.0 })));
    assert!(fails(|| {
        let fit = FitParams { momentum: 0.9, ..two_steps(Optimizer::Sgd, 0.05) };
        forgetting(fit, Keras::Sgd { lr: 0.05, momentum: 0.9, nesterov: false })
    }));
    assert!(fails(|| {
        let fit = FitParams { momentum: 0.9, nesterov: true, ..two_steps(Optimizer::Sgd, 0.05) };
        forgetting(fit, Keras::Sgd { lr: 0.05, momentum: 0.9, nesterov: true })
    }));
    assert!(fails(|| forgetting(two_steps(Optimizer::RmsProp, 0.01), Keras::RmsProp { lr: 0.01 })));
}
