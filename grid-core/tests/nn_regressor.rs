//! NeuralRegressor: learning, determinism, validation, early stopping, divergence.

mod nn_support;

use grid_core::estimator::{Estimator, Task, TrainSet};
use grid_core::nn::{
    Activation, EarlyStopping, FitParams, FittedRegressor, Loss, NeuralRegressor, Optimizer,
};
use grid_core::Error;
use ndarray::{Array1, Array2, Axis};
use nn_support::{linear, mse, split, Mlp};

fn fit(params: &Mlp, x: &Array2<f32>, y: &Array1<f32>, seed: u64) -> grid_core::Result<FittedRegressor> {
    NeuralRegressor::new().fit(params, &TrainSet::new(x.view(), y).with_seed(seed))
}

fn quick(epochs: usize) -> Mlp {
    Mlp {
        fit: FitParams { epochs, batch_size: 16, learning_rate: Some(0.01), ..FitParams::default() },
        ..Mlp::default()
    }
}

#[test]
fn nn_fits_a_noisy_linear_target_to_near_noise_mse() {
    // Noise of standard deviation 0.1: the best possible MSE is about 0.01.
    let (x, y) = linear(300, 0.1, 1);
    let (x_train, y_train, x_test, y_test) = split(&x, &y, 240);
    let model = fit(&quick(100), &x_train, &y_train, 0).unwrap();
    let pred: Array1<f32> = model.predict(x_test.view()).unwrap();
    let test_mse = mse(&pred, &y_test);
    assert!(test_mse < 0.02, "hold-out MSE {test_mse}");
    let baseline = mse(&Array1::from_elem(y_test.len(), y_train.mean().unwrap()), &y_test);
    assert!(baseline > 1.0, "the target varies: {baseline}");
    let h = model.history();
    assert_eq!(h.epochs(), 100);
    assert_eq!(h.metric_name, "mse");
    assert!(h.loss[99] < h.loss[0] / 20.0, "loss {} -> {}", h.loss[0], h.loss[99]);
    // With the MSE loss the metric is the loss.
    assert_eq!(h.loss, h.metric);
    assert!(h.val_loss.is_empty() && h.val_metric.is_empty());
}

#[test]
fn nn_every_optimizer_and_loss_learns() {
    let (x, y) = linear(200, 0.05, 2);
    for optimizer in [Optimizer::Adam, Optimizer::Sgd, Optimizer::RmsProp, Optimizer::AdamW] {
        for loss in [Loss::Auto, Loss::Mse, Loss::Mae, Loss::Huber] {
            let mut p = quick(40);
            p.fit.optimizer = optimizer;
            p.fit.loss = loss;
            p.fit.momentum = 0.9;
            p.fit.nesterov = optimizer == Optimizer::Sgd;
            p.fit.learning_rate = Some(if optimizer == Optimizer::Sgd { 0.01 } else { 0.005 });
            let model = fit(&p, &x, &y, 3).unwrap();
            let pred: Array1<f32> = model.predict(x.view()).unwrap();
            let err = mse(&pred, &y);
            assert!(err < 0.05, "{optimizer:?} {loss:?}: training MSE {err}");
            let h = model.history();
            // The metric is the MSE whatever the loss: it matches the fit's end state roughly.
            assert!(h.metric[39] < 0.2, "{optimizer:?} {loss:?}: metric {}", h.metric[39]);
            if matches!(loss, Loss::Mae | Loss::Huber) {
                assert_ne!(h.loss, h.metric);
            }
        }
    }
}

#[test]
fn nn_other_activations_and_dropout_train() {
    let (x, y) = linear(200, 0.05, 4);
    for activation in [
        Activation::Tanh,
        Activation::Sigmoid,
        Activation::LeakyRelu,
        Activation::Gelu,
        Activation::Softmax,
        Activation::Linear,
    ] {
        let p = Mlp { activation, hidden: vec![16], ..quick(60) };
        let model = fit(&p, &x, &y, 5).unwrap();
        let h = model.history();
        assert!(h.loss[59] < h.loss[0] / 3.0, "{activation:?}: {} -> {}", h.loss[0], h.loss[59]);
    }
    let p = Mlp { dropout: 0.3, hidden: vec![32], ..quick(60) };
    let model = fit(&p, &x, &y, 5).unwrap();
    // Dropout is off when predicting: predictions are deterministic.
    let a: Array1<f32> = model.predict(x.view()).unwrap();
    let b: Array1<f32> = model.predict(x.view()).unwrap();
    assert_eq!(a, b);
    assert!(mse(&a, &y) < 0.3, "{}", mse(&a, &y));
}

#[test]
fn nn_several_outputs_with_array2_targets() {
    let (x, y) = linear(200, 0.05, 6);
    let y2 = ndarray::stack(Axis(1), &[y.view(), (y.mapv(|v| -2.0 * v + 1.0)).view()]).unwrap();
    let model = NeuralRegressor::new().fit(&quick(80), &TrainSet::new(x.view(), &y2)).unwrap();
    assert_eq!(model.n_outputs(), 2);
    let pred: Array2<f32> = model.predict(x.view()).unwrap();
    assert_eq!(pred.dim(), (200, 2));
    for j in 0..2 {
        let err = mse(&pred.column(j).to_owned(), &y2.column(j).to_owned());
        assert!(err < 0.1, "output {j}: MSE {err}");
    }
    // A two-output model predicts an Array2 by its type. Loaded from a file (one output by
    // default), it cannot give one-dimensional predictions, and `into_multi_output` is the way.
    let dir = std::env::temp_dir().join(format!("gridcv-two-outputs-{}", std::process::id()));
    model.save(&dir).unwrap();
    let loaded = FittedRegressor::load(&dir).unwrap();
    let one = loaded.predict(x.view());
    assert!(matches!(one, Err(Error::ShapeMismatch { expected: 1, got: 2, .. })), "{one:?}");
    assert_eq!(loaded.into_multi_output().predict(x.view()).unwrap(), pred);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn nn_same_seed_same_weights_other_seed_other_weights() {
    let (x, y) = linear(100, 0.1, 7);
    let p = Mlp { dropout: 0.2, ..quick(5) };
    let a = fit(&p, &x, &y, 11).unwrap();
    let b = fit(&p, &x, &y, 11).unwrap();
    let c = fit(&p, &x, &y, 12).unwrap();
    assert_eq!(a.weights(), b.weights());
    assert_eq!(a.history(), b.history());
    let (pa, pb, pc): (Array1<f32>, Array1<f32>, Array1<f32>) =
        (a.predict(x.view()).unwrap(), b.predict(x.view()).unwrap(), c.predict(x.view()).unwrap());
    assert_eq!(pa, pb);
    assert_ne!(a.weights(), c.weights());
    assert_ne!(pa, pc);
    // Parallel fits with the same seed agree too: each fit owns its generator and device.
    let weights: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4).map(|_| s.spawn(|| fit(&p, &x, &y, 11).unwrap().weights())).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(weights.iter().all(|w| *w == a.weights()));
}

#[test]
fn nn_keras_initialization_glorot_uniform_and_zero_biases() {
    let (x, y) = linear(20, 0.1, 8);
    // One step with learning rate ~0 leaves the initial weights (almost) untouched.
    let p = Mlp {
        hidden: vec![30],
        fit: FitParams { epochs: 1, batch_size: 20, learning_rate: Some(1e-30), ..FitParams::default() },
        ..Mlp::default()
    };
    let w = fit(&p, &x, &y, 9).unwrap().weights();
    let (k0, b0) = &w[0];
    assert_eq!(k0.dim(), (5, 30));
    let limit = (6.0_f32 / 35.0).sqrt();
    assert!(k0.iter().all(|v| v.abs() <= limit));
    assert!(k0.iter().any(|v| v.abs() > 0.8 * limit));
    assert!(b0.iter().all(|v| v.abs() < 1e-20));
    assert_eq!(w[1].0.dim(), (30, 1));
}

#[test]
fn nn_validation_split_takes_the_last_rows() {
    let (x, y) = linear(100, 0.1, 10);
    let mut p = quick(30);
    p.fit.validation_split = 0.2;
    let model = fit(&p, &x, &y, 1).unwrap();
    let h = model.history();
    assert_eq!(h.val_loss.len(), 30);
    assert_eq!(h.val_metric.len(), 30);
    // The validation loss of the last epoch is the MSE of the final model on the last 20 rows.
    let tail = x.slice_axis(Axis(0), (80..).into());
    let pred: Array1<f32> = model.predict(tail).unwrap();
    let expected = mse(&pred, &y.slice_axis(Axis(0), (80..).into()).to_owned());
    assert!(
        (h.val_loss[29] - expected).abs() <= 1e-5 * expected.max(1e-3),
        "{} vs {expected}",
        h.val_loss[29]
    );

    // Training on the first 80 rows with those 20 as explicit validation data is the same fit.
    let (x80, y80, x20, y20) = split(&x, &y, 80);
    let mut q = p.clone();
    q.fit.validation_split = 0.0;
    let data = TrainSet::new(x80.view(), &y80).with_validation(x20.view(), &y20).with_seed(1);
    let explicit = NeuralRegressor::new().fit(&q, &data).unwrap();
    assert_eq!(explicit.weights(), model.weights());
    assert_eq!(explicit.history().val_loss, h.val_loss);
}

#[test]
fn nn_early_stopping_stops_and_restores_the_best_weights() {
    let (x, y) = linear(100, 0.1, 12);
    let tail_x = x.slice_axis(Axis(0), (75..).into()).to_owned();
    let tail_y = y.slice_axis(Axis(0), (75..).into()).to_owned();
    let val_mse = |m: &FittedRegressor| mse(&m.predict(tail_x.view()).unwrap(), &tail_y);

    // A min_delta no epoch can beat: epoch 0 is the best, training stops `patience` epochs later.
    let mut p = quick(50);
    p.fit.validation_split = 0.25;
    p.fit.early_stopping = Some(EarlyStopping { patience: 3, min_delta: 1e9, restore_best: true });
    let model = fit(&p, &x, &y, 2).unwrap();
    let h = model.history();
    assert_eq!(h.epochs(), 4);
    assert_eq!(h.stopped_epoch, Some(3));
    assert_eq!(h.best_epoch, Some(0));
    let restored = val_mse(&model);
    assert!((restored - h.val_loss[0]).abs() <= 1e-5 * h.val_loss[0], "{restored} vs {:?}", h.val_loss);
    assert!(h.val_loss[3] < h.val_loss[0]);

    // Without restore_best the last weights stay.
    p.fit.early_stopping = Some(EarlyStopping { patience: 3, min_delta: 1e9, restore_best: false });
    let model = fit(&p, &x, &y, 2).unwrap();
    let h = model.history();
    assert_eq!(h.epochs(), 4);
    assert!((val_mse(&model) - h.val_loss[3]).abs() <= 1e-5 * h.val_loss[3]);

    // A real plateau: with a large learning rate the validation loss stops improving early,
    // and the restored weights are those of the best epoch.
    let mut p = quick(400);
    p.hidden = vec![64, 64];
    p.fit.learning_rate = Some(0.05);
    p.fit.validation_split = 0.25;
    p.fit.early_stopping = Some(EarlyStopping { patience: 5, ..EarlyStopping::default() });
    let model = fit(&p, &x, &y, 3).unwrap();
    let h = model.history();
    assert!(h.epochs() < 400, "ran {} epochs", h.epochs());
    let best = h.best_epoch.unwrap();
    let min = h.val_loss.iter().cloned().fold(f64::INFINITY, f64::min);
    assert_eq!(h.val_loss[best], min);
    assert_eq!(h.stopped_epoch, Some(best + 5));
    assert!((val_mse(&model) - min).abs() <= 1e-5 * min.max(1e-3));
}

#[test]
fn nn_early_stopping_monitors_the_training_loss_without_validation() {
    let (x, y) = linear(60, 0.1, 13);
    let mut p = quick(30);
    p.fit.early_stopping = Some(EarlyStopping { patience: 0, min_delta: 1e9, restore_best: false });
    let model = fit(&p, &x, &y, 0).unwrap();
    assert_eq!(model.history().epochs(), 2);
    assert_eq!(model.history().stopped_epoch, Some(1));
}

#[test]
fn nn_divergence_is_an_error_not_nan_predictions() {
    let (x, y) = linear(100, 0.1, 14);
    let y = y.mapv(|v| v * 1000.0);
    let mut p = quick(50);
    p.fit.optimizer = Optimizer::Sgd;
    p.fit.learning_rate = Some(10.0);
    match fit(&p, &x, &y, 0) {
        Err(Error::Diverged { epoch, loss }) => {
            assert!(epoch < 50);
            assert!(!loss.is_finite());
        }
        other => panic!("expected divergence, got {:?}", other.map(|m| m.history().clone())),
    }
}

#[test]
fn nn_task_and_prediction_input_checks() {
    assert_eq!(
        <NeuralRegressor as Estimator<Mlp, Array1<f32>>>::task(&NeuralRegressor::new()),
        Task::Regression
    );
    let (x, y) = linear(30, 0.1, 15);
    let model = fit(&quick(2), &x, &y, 0).unwrap();
    let wrong = Array2::<f32>::zeros((3, 4));
    let r: grid_core::Result<Array1<f32>> = model.predict(wrong.view());
    assert!(matches!(r, Err(Error::ShapeMismatch { expected: 5, got: 4, .. })));
    let mut bad = Array2::<f32>::zeros((3, 5));
    bad[[1, 2]] = f32::NAN;
    let r: grid_core::Result<Array1<f32>> = model.predict(bad.view());
    assert!(matches!(r, Err(Error::NonFinite { row: 1, column: 2, .. })));
    let empty = Array2::<f32>::zeros((0, 5));
    let r: Array1<f32> = model.predict(empty.view()).unwrap();
    assert!(r.is_empty());
    assert_eq!(model.spec().n_features(), 5);
    assert_eq!(model.fit_params().epochs, 2);
}

/// Weights and predictions of a fit with validation data whose target is the negated one, so
/// the validation loss is best early and worse at the end.
fn fit_against_the_validation(epochs: usize, es: Option<EarlyStopping>) -> FittedRegressor {
    let (x, y) = linear(80, 0.1, 21);
    let (vx, vy) = linear(20, 0.1, 22);
    let vy = -vy;
    let p = Mlp { fit: FitParams { early_stopping: es, ..quick(epochs).fit }, ..quick(epochs) };
    let data = TrainSet::new(x.view(), &y).with_validation(vx.view(), &vy).with_seed(7);
    NeuralRegressor::new().fit(&p, &data).unwrap()
}

#[test]
fn nn_restore_best_also_restores_when_training_runs_every_epoch() {
    // Keras 3: `on_train_end` restores the best weights whenever `restore_best_weights` is set,
    // whether or not training stopped early.
    let es = EarlyStopping { patience: 1000, min_delta: 0.0, restore_best: true };
    let model = fit_against_the_validation(15, Some(es));
    let h = model.history();
    assert_eq!((h.epochs(), h.stopped_epoch), (15, None));
    let best = h.best_epoch.unwrap();
    let min = h.val_loss.iter().cloned().fold(f64::INFINITY, f64::min);
    assert_eq!(h.val_loss[best], min);
    assert!(best < 14, "the test needs a best epoch before the last: {:?}", h.val_loss);
    // The weights are those at the end of the best epoch: those of a fit that ends there.
    let short = fit_against_the_validation(best + 1, None);
    assert_eq!(model.weights(), short.weights());
    // Without restore_best the last weights stay.
    let es = EarlyStopping { restore_best: false, ..es };
    let last = fit_against_the_validation(15, Some(es));
    assert_eq!(last.weights(), fit_against_the_validation(15, None).weights());
    assert_ne!(last.weights(), model.weights());
}

/// `erf` by its Taylor series (accurate to about 1e-9 for |t| <= 4; beyond, 1 - erf < 2e-8).
fn erf(t: f64) -> f64 {
    if t.abs() > 4.0 {
        return t.signum();
    }
    let (mut term, mut sum) = (t, t);
    for n in 1..200 {
        term *= -t * t / n as f64;
        sum += term / (2 * n + 1) as f64;
    }
    sum * 2.0 / std::f64::consts::PI.sqrt()
}

#[test]
fn nn_gelu_is_the_exact_erf_form_as_keras_default() {
    // Keras' `gelu(x, approximate=False)`: x * (1 + erf(x / sqrt 2)) / 2.
    let x = Array2::from_shape_fn((161, 1), |(i, _)| i as f32 / 8.0 - 10.0);
    let y = x.column(0).to_owned();
    let spec = grid_core::nn::Sequential::new(1).dense(1, Activation::Gelu);
    let p = grid_core::nn::NetParams::new(spec, FitParams { epochs: 1, ..FitParams::default() });
    let model = NeuralRegressor::new().fit(&p, &TrainSet::new(x.view(), &y).with_seed(3)).unwrap();
    let (kernel, bias) = &model.weights()[0];
    let pred: Array1<f32> = model.predict(x.view()).unwrap();
    let (mut worst, mut approx_gap) = (0.0_f64, 0.0_f64);
    for (xi, &p) in x.column(0).iter().zip(&pred) {
        let z = f64::from(*xi) * f64::from(kernel[[0, 0]]) + f64::from(bias[0]);
        let exact = 0.5 * z * (1.0 + erf(z / std::f64::consts::SQRT_2));
        let tanh =
            0.5 * z * (1.0 + ((2.0 / std::f64::consts::PI).sqrt() * (z + 0.044715 * z.powi(3))).tanh());
        worst = worst.max((f64::from(p) - exact).abs() / exact.abs().max(1.0));
        approx_gap = approx_gap.max((tanh - exact).abs());
    }
    assert!(approx_gap > 1e-4, "the inputs must tell the two forms apart: {approx_gap}");
    assert!(worst < 1e-5, "off the exact gelu by {worst}");
}
