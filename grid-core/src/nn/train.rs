//! The training loop: seeded initialization, per-epoch shuffling, minibatch steps on dfdx
//! (traced forward pass, `backward()`, optimizer `try_update`), validation, early stopping and
//! divergence detection.
//!
//! The step loop allocates nothing of its own: the shuffled order, the minibatch buffers and
//! the batch tensors are made once per fit and refilled in place (dfdx still allocates the
//! outputs and gradients of its ops).

use dfdx::tensor::{AsArray, Cpu, CpuError, NoneTape, TensorFromVec, Trace, ZerosTensor};
use dfdx::tensor_ops::Backward;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use super::config::FitParams;
use super::early_stopping::{Stopper, Verdict};
use super::history::History;
use super::network::{Matrix, Network};
use super::objective::{loss_of, metric_sum};
use super::rows::Rows;
use super::sequential::Sequential;
use super::updater::Updater;
use super::validate::{Head, TrainLoss};
use crate::error::{Error, Result};

/// Everything one fit needs, checked.
pub(crate) struct Job<'s, 'a> {
    pub(crate) spec: &'s Sequential,
    pub(crate) head: Head,
    pub(crate) loss: TrainLoss,
    pub(crate) params: &'s FitParams,
    pub(crate) train: Rows<'a>,
    pub(crate) validation: Option<Rows<'a>>,
    pub(crate) seed: u64,
}

/// A dfdx device error, typed, with what the fit was doing.
fn device_error(during: impl Into<String>, e: CpuError) -> Error {
    Error::Device { during: during.into(), reason: e.to_string() }
}

/// Why a training step failed.
#[derive(Debug)]
enum StepError {
    /// The batch loss is not finite.
    Diverged(f64),
    /// The device failed (allocating gradients or in the optimizer update).
    Device(CpuError),
}

impl From<CpuError> for StepError {
    fn from(e: CpuError) -> Self {
        StepError::Device(e)
    }
}

impl StepError {
    /// The crate's error for a step of `epoch` that failed this way.
    fn in_epoch(self, epoch: usize) -> Error {
        match self {
            StepError::Diverged(loss) => Error::Diverged { epoch, loss },
            StepError::Device(e) => device_error(format!("training epoch {epoch}"), e),
        }
    }
}

impl Job<'_, '_> {
    /// Trains a fresh network; every random draw derives from `seed` alone: the weights, the
    /// shuffling (from one generator, in that order) and dropout (from a device seeded by it).
    pub(crate) fn run(self) -> Result<(Network, History)> {
        let Job { spec, head, loss, params, train, validation, seed } = self;
        let mut rng = StdRng::seed_from_u64(seed);
        // dfdx's allocation cache stays off: measured, it makes small steps slower.
        let dev = Cpu::seed_from_u64(rng.gen());
        let net = Network::init(spec, head, dev, &mut rng);
        let mut trainer = Trainer::new(net, params, loss, train)
            .map_err(|e| device_error("allocating the training buffers and optimizer state", e))?;
        let mut validation = validation
            .map(|rows| Validation::new(&trainer.net, rows))
            .transpose()
            .map_err(|e| device_error("allocating the validation tensors", e))?;
        let mut stopper = params.early_stopping.map(Stopper::new);
        let mut history = History {
            metric_name: if head == Head::Values { "mse" } else { "accuracy" }.to_string(),
            ..History::default()
        };

        for epoch in 0..params.epochs {
            if params.shuffle {
                trainer.order.shuffle(&mut rng);
            }
            let (loss, metric) = trainer.epoch(epoch)?;
            history.loss.push(loss);
            history.metric.push(metric);
            if let Some(v) = &mut validation {
                let (val_loss, val_metric) = v.evaluate(&trainer.net, trainer.loss);
                if !val_loss.is_finite() {
                    return Err(Error::Diverged { epoch, loss: val_loss });
                }
                history.val_loss.push(val_loss);
                history.val_metric.push(val_metric);
            }
            if let Some(stopper) = &mut stopper {
                let current = *history.monitored().last().expect("one value per epoch");
                let verdict = stopper.observe(epoch, current, &trainer.net.dense);
                history.best_epoch = Some(stopper.best_epoch());
                if verdict == Verdict::Stop {
                    history.stopped_epoch = Some(epoch);
                    break;
                }
            }
        }
        // Keras 3's `on_train_end`: the best weights come back whenever they were kept.
        if let Some(best) = stopper.and_then(Stopper::into_best_weights) {
            trainer.net.dense = best;
        }
        if !trainer.net.is_finite() {
            let epoch = history.epochs().saturating_sub(1);
            return Err(Error::Diverged { epoch, loss: f64::NAN });
        }
        Ok((trainer.net, history))
    }
}

/// Reusable tensors for minibatches of one size.
struct Batch {
    x: Matrix,
    targets: Matrix,
}

impl Batch {
    fn new(dev: &Cpu, rows: usize, n_inputs: usize, width: usize) -> Result<Self, CpuError> {
        Ok(Batch { x: dev.try_zeros_like(&(rows, n_inputs))?, targets: dev.try_zeros_like(&(rows, width))? })
    }
}

/// The network, its optimizer and every buffer the steps reuse.
struct Trainer<'a> {
    net: Network,
    updater: Updater,
    loss: TrainLoss,
    train: Rows<'a>,
    /// Row order of the current epoch.
    order: Vec<usize>,
    batch_size: usize,
    full: Batch,
    /// For the last, smaller minibatch of an epoch, if the rows do not divide evenly.
    tail: Option<Batch>,
    x: Vec<f32>,
    targets: Vec<f32>,
    labels: Vec<usize>,
    /// Outputs read back for the metric (empty when the metric is the loss itself).
    outputs: Vec<f32>,
}

impl<'a> Trainer<'a> {
    fn new(net: Network, params: &FitParams, loss: TrainLoss, train: Rows<'a>) -> Result<Self, CpuError> {
        let updater = Updater::new(params, &net.dense, &net.dev)?;
        let n = train.len();
        let n_inputs = train.n_features + usize::from(net.ones_column());
        let width = train.width;
        let batch_size = params.batch_size.min(n);
        let full = Batch::new(&net.dev, batch_size, n_inputs, width)?;
        let tail = (!n.is_multiple_of(batch_size))
            .then(|| Batch::new(&net.dev, n % batch_size, n_inputs, width))
            .transpose()?;
        let outputs = vec![0.0; if loss == TrainLoss::Mse { 0 } else { batch_size * width }];
        Ok(Trainer {
            net,
            updater,
            loss,
            order: (0..n).collect(),
            batch_size,
            full,
            tail,
            x: vec![0.0; batch_size * n_inputs],
            targets: vec![0.0; batch_size * width],
            labels: vec![0; if train.labels.is_some() { batch_size } else { 0 }],
            outputs,
            train,
        })
    }

    /// One pass over the rows in `order`: the mean loss and metric over the minibatches
    /// (weighted by their sizes), or the divergence.
    fn epoch(&mut self, epoch: usize) -> Result<(f64, f64)> {
        let (mut loss_sum, mut metric_sum_all) = (0.0, 0.0);
        for start in (0..self.order.len()).step_by(self.batch_size) {
            let end = (start + self.batch_size).min(self.order.len());
            let (loss, metric) = self.step(start..end).map_err(|e| e.in_epoch(epoch))?;
            loss_sum += loss * (end - start) as f64;
            metric_sum_all += metric;
        }
        let n = self.order.len() as f64;
        Ok((loss_sum / n, metric_sum_all / n))
    }

    /// One gradient step on the rows `order[range]`: the batch loss and the metric summed over
    /// its rows, or why the step failed.
    fn step(&mut self, range: std::ops::Range<usize>) -> Result<(f64, f64), StepError> {
        let rows = range.len();
        let ones = self.net.ones_column();
        let width = self.train.width;
        let x = &mut self.x[..rows * (self.train.n_features + usize::from(ones))];
        let targets = &mut self.targets[..rows * width];
        let n_labels = rows.min(self.labels.len());
        let labels = &mut self.labels[..n_labels];
        self.train.gather(&self.order[range], ones, x, targets, labels);
        let batch =
            if rows == self.batch_size { &mut self.full } else { self.tail.as_mut().expect("a tail batch") };
        // dfdx 0.13 has no public `&mut [f32]` into a CPU tensor (only a per-element
        // `IndexMut`, each call an `Arc::make_mut`): one memcpy from the reused buffers.
        batch.x.copy_from(x);
        batch.targets.copy_from(targets);

        let out = self.net.forward(batch.x.clone().leaky_traced(), true);
        let kept = (!self.outputs.is_empty()).then(|| out.retaped::<NoneTape>());
        let loss = loss_of(self.loss, out, batch.targets.clone());
        let value = f64::from(loss.array());
        if !value.is_finite() {
            return Err(StepError::Diverged(value));
        }
        let mut grads = loss.try_backward()?;
        self.updater.update(&mut self.net.dense, &mut grads)?;

        let metric = match kept {
            Some(out) => {
                let o = &mut self.outputs[..rows * width];
                out.copy_into(o);
                let labels = self.train.labels.is_some().then_some(&self.labels[..n_labels]);
                metric_sum(self.net.head(), o, &self.targets[..rows * width], labels, width)
            }
            // The MSE loss is the metric.
            None => value * rows as f64,
        };
        Ok((value, metric))
    }
}

/// Validation rows as tensors, made once per fit, and the buffer their outputs are read into.
struct Validation<'a> {
    rows: Rows<'a>,
    x: Matrix,
    targets: Matrix,
    outputs: Vec<f32>,
}

impl<'a> Validation<'a> {
    fn new(net: &Network, rows: Rows<'a>) -> Result<Self, CpuError> {
        let ones = net.ones_column();
        let x = net
            .dev
            .try_tensor_from_vec(rows.features(ones), (rows.len(), rows.n_features + usize::from(ones)))?;
        let targets = net.dev.try_tensor_from_vec(rows.targets.clone(), (rows.len(), rows.width))?;
        let outputs = vec![0.0; rows.len() * net.n_outputs()];
        Ok(Validation { rows, x, targets, outputs })
    }

    /// Loss and metric of `net` on the validation rows, without dropout.
    fn evaluate(&mut self, net: &Network, loss: TrainLoss) -> (f64, f64) {
        let out = net.forward(self.x.clone(), false);
        out.copy_into(&mut self.outputs);
        let value = f64::from(loss_of(loss, out, self.targets.clone()).array());
        let r = &self.rows;
        let metric = metric_sum(net.head(), &self.outputs, &r.targets, r.labels.as_deref(), r.width);
        (value, metric / r.len() as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::super::kernel;
    use super::super::network::Products;
    use super::*;
    use crate::nn::{Activation, FitParams};
    use ndarray::{s, Axis};

    #[test]
    fn step_errors_keep_their_kind() {
        // A device error is reported as itself, not as a panic and not always as out of memory.
        match StepError::from(CpuError::WrongNumElements).in_epoch(3) {
            Error::Device { during, reason } => {
                assert_eq!(during, "training epoch 3");
                assert_eq!(reason, "CpuError::WrongNumElements");
            }
            other => panic!("{other:?}"),
        }
        let e = StepError::Device(CpuError::OutOfMemory).in_epoch(0);
        assert!(e.to_string().ends_with("CpuError::OutOfMemory"), "{e}");
        assert!(matches!(
            StepError::Diverged(f64::INFINITY).in_epoch(7),
            Error::Diverged { epoch: 7, loss } if loss == f64::INFINITY
        ));
    }

    /// `n` rows of `make_regression` with `features` columns, the target scaled down to
    /// about 1 (one column).
    fn regression(n: usize, features: usize, seed: u64) -> (ndarray::Array2<f32>, ndarray::Array2<f32>) {
        let data =
            crate::datasets::make_regression(n, features).noise(0.5).seed(seed).build().expect("the data");
        let y = data.y.insert_axis(Axis(1)) / 100.0;
        (data.x, y)
    }

    /// A trainer of a fresh `spec` network (weights from `seed`) on `x` and `y`, its dense
    /// layers on `products`.
    fn trainer<'a>(
        spec: &Sequential,
        params: &FitParams,
        (x, y): &'a (ndarray::Array2<f32>, ndarray::Array2<f32>),
        seed: u64,
        products: Products,
    ) -> Trainer<'a> {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut net = Network::init(spec, Head::Values, Cpu::seed_from_u64(1), &mut rng);
        net.products = products;
        Trainer::new(net, params, TrainLoss::Mse, Rows::values(x.view(), None, y.view())).expect("buffers")
    }

    /// The fast kernel (gemm 0.19, through `kernel::dense`) and dfdx's own matmul train the
    /// same network from the same weights on the same batches to the same weights, up to float
    /// rounding, over 300 Adam steps (every layer large enough to take the fast path, a
    /// partial last batch included).
    #[test]
    fn fast_products_follow_the_dfdx_path() {
        let data = regression(250, 20, 3);
        // ReLU fused into the fast op on the input layer and on a hidden layer (which also
        // takes its input's values from the layer before), tanh run by dfdx after it.
        let spec = Sequential::new(20)
            .dense(64, Activation::Relu)
            .dense(64, Activation::Relu)
            .dense(48, Activation::Tanh)
            .dense(1, Activation::Linear);
        let params = FitParams { batch_size: 32, ..FitParams::default() };
        let train = |products: Products| {
            let mut trainer = trainer(&spec, &params, &data, 9, products);
            let mut order_rng = StdRng::seed_from_u64(5);
            let mut losses = Vec::new();
            for epoch in 0..38 {
                trainer.order.shuffle(&mut order_rng);
                losses.push(trainer.epoch(epoch).expect("a finite epoch").0);
            }
            (trainer.net, losses)
        };
        let calls = || kernel::FAST_CALLS.with(|c| c.get());
        let before = calls();
        let (fast_net, fast_losses) = train(Products::Fast);
        let fast_calls = calls() - before;
        let (slow_net, slow_losses) = train(Products::Dfdx);
        let (fast, slow) = (fast_net.weights(), slow_net.weights());
        // Each path ran as named: the three wide layers of every step (38 epochs of 8
        // batches) of the Fast fit went through the fast kernel, none of the Dfdx fit's.
        assert_eq!((fast_calls, calls() - before), (38 * 8 * 3, 38 * 8 * 3));
        // Real training happened.
        assert!(slow_losses[37] < 0.05 * slow_losses[0], "{slow_losses:?}");
        for (a, b) in fast_losses.iter().zip(&slow_losses) {
            assert!((a - b).abs() <= 1e-5 * b.abs(), "loss {a} against dfdx's {b}");
        }
        for ((ka, ba), (kb, bb)) in fast.iter().zip(&slow) {
            let scale = kb.iter().chain(bb).fold(0.0_f32, |m, v| m.max(v.abs()));
            for (a, b) in ka.iter().chain(ba).zip(kb.iter().chain(bb)) {
                assert!((a - b).abs() <= 1e-5 * scale, "weight {a} against dfdx's {b} (scale {scale})");
            }
        }
        // Predictions (no tape) through each path agree too.
        let (a, b) =
            (fast_net.outputs(data.0.view()).expect("fast"), slow_net.outputs(data.0.view()).expect("dfdx"));
        let scale = b.iter().fold(0.0_f32, |m, v| m.max(v.abs()));
        assert!(a.iter().zip(&b).all(|(a, b)| (a - b).abs() <= 1e-5 * scale), "{a} against {b}");
    }

    /// A network whose products are split into blocks (at least 2^20 multiply-adds) trains to
    /// the same weights, bit for bit, alone and inside rayon pools of 1 and 3 threads, where
    /// idle threads take blocks.
    #[test]
    fn shared_products_train_the_same_on_any_number_of_threads() {
        let data = regression(300, 40, 4);
        let spec = Sequential::new(40)
            .dense(160, Activation::Relu)
            .dense(140, Activation::Relu)
            .dense(1, Activation::Linear);
        // 128 x 160 x 140 multiply-adds in the hidden layer's products: split in blocks.
        let params = FitParams { batch_size: 128, ..FitParams::default() };
        let train = || {
            let mut trainer = trainer(&spec, &params, &data, 2, Products::Fast);
            for epoch in 0..4 {
                trainer.epoch(epoch).expect("a finite epoch");
            }
            trainer.net.weights()
        };
        let in_pool = |threads: usize| {
            rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a pool").install(train)
        };
        let alone = train();
        assert_eq!(in_pool(1), alone);
        assert_eq!(in_pool(3), alone);
        assert!(alone[1].0.iter().any(|w| *w != 0.0));
    }

    /// Keras 3 trained scenario (a)'s network for 100 epochs (700 Adam steps, the last of each
    /// epoch on 6 rows) from its own initial weights, in recorded row orders
    /// (`tests/fixtures/keras_adam_trajectory.py`). From the same weights and orders, our
    /// trainer follows the same path: the forward pass, the loss, the gradients, the partial
    /// batch and Adam's update all agree to float rounding, step after step.
    #[test]
    fn follows_keras_adam_trajectory_for_700_steps() {
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/keras_adam_trajectory.json"))
                .expect("the fixture is JSON");
        let floats = |v: &serde_json::Value| -> Vec<f32> {
            v.as_array().expect("an array").iter().map(|x| x.as_f64().expect("a number") as f32).collect()
        };
        let nested = |key: &str| -> Vec<serde_json::Value> { fixture[key].as_array().expect(key).clone() };
        let initial = nested("initial_weights");
        let orders: Vec<Vec<usize>> = nested("orders")
            .iter()
            .map(|o| {
                o.as_array()
                    .expect("an order")
                    .iter()
                    .map(|i| i.as_u64().expect("an index") as usize)
                    .collect()
            })
            .collect();
        let keras_mse: Vec<f64> =
            nested("epoch_train_mse").iter().map(|v| v.as_f64().expect("a number")).collect();
        let keras_final: Vec<Vec<f32>> = nested("final_weights").iter().map(floats).collect();

        let data = crate::datasets::make_regression(100, 5).noise(0.1).seed(42).build().expect("the data");
        let x = data.x.slice(s![34.., ..]).to_owned();
        let y = data.y.slice(s![34..]).to_owned().insert_axis(Axis(1));
        let spec = Sequential::new(5).dense(10, Activation::Relu).dense(1, Activation::Linear);
        let weights =
            vec![(floats(&initial[0]), floats(&initial[1])), (floats(&initial[2]), floats(&initial[3]))];
        let net = Network::from_weights(&spec, Head::Values, Cpu::default(), weights);
        let params = FitParams { batch_size: 10, ..FitParams::default() };
        let mut trainer = Trainer::new(net, &params, TrainLoss::Mse, Rows::values(x.view(), None, y.view()))
            .expect("buffers");
        assert_eq!((orders.len(), keras_mse.len()), (100, 100));

        for (epoch, order) in orders.into_iter().enumerate() {
            assert_eq!(order.len(), 66);
            trainer.order = order;
            trainer.epoch(epoch).expect("a finite epoch");
            let predicted = trainer.net.outputs(x.view()).expect("predictions");
            let mse = predicted.iter().zip(&y).map(|(p, t)| f64::from(p - t).powi(2)).sum::<f64>() / 66.0;
            let relative = (mse - keras_mse[epoch]).abs() / keras_mse[epoch];
            assert!(relative < 1e-5, "epoch {epoch}: training MSE {mse} against Keras' {}", keras_mse[epoch]);
        }
        // The loss fell by about 12 %: the comparison covers real training, not a flat start.
        assert!(keras_mse[99] < 0.9 * keras_mse[0]);
        let ours = trainer.net.weights();
        let ours: Vec<Vec<f32>> =
            ours.iter().flat_map(|(k, b)| [k.iter().copied().collect(), b.to_vec()]).collect();
        for (name, (a, b)) in
            ["kernel 0", "bias 0", "kernel 1", "bias 1"].iter().zip(ours.iter().zip(&keras_final))
        {
            assert_eq!(a.len(), b.len(), "{name}");
            for (a, b) in a.iter().zip(b) {
                assert!((a - b).abs() <= 1e-4 * b.abs().max(1.0), "{name}: {a} against Keras' {b}");
            }
        }
    }
}
