//! The training loop: seeded initialization, per-epoch shuffling, minibatch steps on dfdx
//! (traced forward pass, `backward()`, optimizer `try_update`), validation, early stopping and
//! divergence detection.
//!
//! The step loop allocates nothing of its own: the shuffled order, the minibatch buffers and
//! the batch tensors are made once per fit and refilled in place.

use dfdx::losses::{
    binary_cross_entropy_with_logits_loss, cross_entropy_with_logits_loss, huber_loss, mae_loss, mse_loss,
};
use dfdx::shapes::Rank0;
use dfdx::tensor::{AsArray, Cpu, CpuError, NoneTape, Tape, Tensor, TensorFromVec, Trace, ZerosTensor};
use dfdx::tensor_ops::Backward;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use super::config::FitParams;
use super::history::History;
use super::network::{Dense, Matrix, Network};
use super::rows::Rows;
use super::sequential::Sequential;
use super::updater::Updater;
use super::validate::{Head, TrainLoss};
use crate::error::{Error, Result};

/// Everything one fit needs, checked.
pub(crate) struct Job<'a> {
    pub(crate) spec: &'a Sequential,
    pub(crate) head: Head,
    pub(crate) loss: TrainLoss,
    pub(crate) params: &'a FitParams,
    pub(crate) train: Rows,
    pub(crate) validation: Option<Rows>,
    pub(crate) seed: u64,
}

fn device_error(e: CpuError) -> Error {
    Error::Panicked(format!("dfdx device error: {e}"))
}

/// The loss of `out` against `target`, recorded on `out`'s tape.
fn loss_of<T: Tape<f32, Cpu>>(loss: TrainLoss, out: Matrix<T>, target: Matrix) -> Tensor<Rank0, f32, Cpu, T> {
    match loss {
        TrainLoss::Mse => mse_loss(out, target),
        TrainLoss::Mae => mae_loss(out, target),
        // Keras' Huber loss has delta 1.
        TrainLoss::Huber => huber_loss(out, target, 1.0),
        TrainLoss::SoftmaxCrossEntropy => cross_entropy_with_logits_loss(out, target),
        TrainLoss::SigmoidCrossEntropy => binary_cross_entropy_with_logits_loss(out, target),
    }
}

/// Sum over rows of the metric: squared error averaged over outputs (regression) or 1 per
/// correct prediction (classification).
fn metric_sum(head: Head, out: &[f32], targets: &[f32], labels: Option<&[usize]>, width: usize) -> f64 {
    match labels {
        Some(labels) => {
            out.chunks_exact(width).zip(labels).filter(|&(row, &l)| predicted_class(head, row) == l).count()
                as f64
        }
        None => {
            let sq: f64 = out.iter().zip(targets).map(|(&o, &t)| f64::from(o - t).powi(2)).sum();
            sq / width as f64
        }
    }
}

/// Index of the first largest value (as numpy's `argmax`).
pub(crate) fn argmax(row: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in row.iter().enumerate() {
        if v > row[best] {
            best = i;
        }
    }
    best
}

/// Reusable tensors for minibatches of one size.
struct Batch {
    x: Matrix,
    targets: Matrix,
}

impl Batch {
    fn new(dev: &Cpu, rows: usize, n_features: usize, width: usize) -> Self {
        Batch { x: dev.zeros_like(&(rows, n_features)), targets: dev.zeros_like(&(rows, width)) }
    }
}

/// Early-stopping state (Keras' `EarlyStopping` callback).
struct Stopper {
    patience: usize,
    min_delta: f64,
    restore_best: bool,
    best: f64,
    wait: usize,
    best_weights: Option<Vec<Dense>>,
}

impl Job<'_> {
    /// Trains a fresh network; every random draw derives from `seed` alone.
    pub(crate) fn run(self) -> Result<(Network, History)> {
        let Job { spec, head, loss, params, train, validation, seed } = self;
        let mut rng = StdRng::seed_from_u64(seed);
        let dev = Cpu::seed_from_u64(rng.gen());
        // dfdx's allocation cache stays off: measured, it makes small steps slower.
        let mut net = Network::init(spec, head, dev.clone(), &mut rng);
        let mut updater = Updater::new(params, &net.dense, &dev).map_err(device_error)?;

        let n = train.len();
        let ones = net.ones_column();
        let (f, w) = (train.n_features + usize::from(ones), train.width);
        let batch_size = params.batch_size.min(n);
        let mut full = Batch::new(&dev, batch_size, f, w);
        let mut tail = (n % batch_size != 0).then(|| Batch::new(&dev, n % batch_size, f, w));
        let val = validation.as_ref().map(|v| {
            let x = dev.tensor_from_vec(v.features(ones), (v.len(), f));
            let t = dev.tensor_from_vec(v.targets.clone(), (v.len(), w));
            (v, x, t)
        });

        let mut order: Vec<usize> = (0..n).collect();
        let mut xbuf = Vec::with_capacity(batch_size * f);
        let mut tbuf = Vec::with_capacity(batch_size * w);
        let mut lbuf = Vec::with_capacity(batch_size);
        // Outputs are read back only when the metric is not the loss itself.
        let read_outputs = loss != TrainLoss::Mse;
        let mut obuf = vec![0.0; if read_outputs { batch_size * w } else { 0 }];

        let mut history = History {
            metric_name: if head == Head::Values { "mse" } else { "accuracy" }.to_string(),
            ..History::default()
        };
        let mut stopper = params.early_stopping.map(|es| Stopper {
            patience: es.patience,
            min_delta: es.min_delta,
            restore_best: es.restore_best,
            best: f64::INFINITY,
            wait: 0,
            best_weights: None,
        });

        for epoch in 0..params.epochs {
            if params.shuffle {
                order.shuffle(&mut rng);
            }
            let (mut loss_sum, mut metric_total) = (0.0_f64, 0.0_f64);
            for chunk in order.chunks(batch_size) {
                train.gather(chunk, ones, &mut xbuf, &mut tbuf, &mut lbuf);
                let batch =
                    if chunk.len() == batch_size { &mut full } else { tail.as_mut().expect("a tail batch") };
                batch.x.copy_from(&xbuf);
                batch.targets.copy_from(&tbuf);

                let out = net.forward(batch.x.clone().leaky_traced(), true);
                let out_values = read_outputs.then(|| out.retaped::<NoneTape>());
                let batch_loss = loss_of(loss, out, batch.targets.clone());
                let value = batch_loss.array();
                if !value.is_finite() {
                    return Err(Error::Diverged { epoch, loss: f64::from(value) });
                }
                let mut grads = batch_loss.backward();
                updater.update(&mut net.dense, &mut grads).map_err(device_error)?;

                let rows = chunk.len() as f64;
                loss_sum += f64::from(value) * rows;
                metric_total += match out_values {
                    Some(out) => {
                        let o = &mut obuf[..chunk.len() * w];
                        out.copy_into(o);
                        let labels = train.labels.is_some().then_some(&lbuf[..]);
                        metric_sum(head, o, &tbuf, labels, w)
                    }
                    None => f64::from(value) * rows,
                };
            }
            let epoch_loss = loss_sum / n as f64;
            history.loss.push(epoch_loss);
            history.metric.push(metric_total / n as f64);

            if let Some((v, x, t)) = &val {
                let out = net.forward(x.clone(), false);
                let values = out.as_vec();
                let val_loss = f64::from(loss_of(loss, out, t.clone()).array());
                if !val_loss.is_finite() {
                    return Err(Error::Diverged { epoch, loss: val_loss });
                }
                history.val_loss.push(val_loss);
                let m = metric_sum(head, &values, &v.targets, v.labels.as_deref(), w);
                history.val_metric.push(m / v.len() as f64);
            }

            if let Some(s) = stopper.as_mut() {
                let current = *history.monitored().last().expect("one value per epoch");
                if s.restore_best && s.best_weights.is_none() {
                    s.best_weights = Some(net.dense.clone());
                    history.best_epoch = Some(epoch);
                }
                s.wait += 1;
                if current + s.min_delta < s.best {
                    s.best = current;
                    s.wait = 0;
                    history.best_epoch = Some(epoch);
                    if s.restore_best {
                        s.best_weights = Some(net.dense.clone());
                    }
                } else if s.wait >= s.patience && epoch > 0 {
                    history.stopped_epoch = Some(epoch);
                    if let Some(best) = s.best_weights.take() {
                        net.dense = best;
                    }
                    break;
                }
            }
        }
        if !net.is_finite() {
            let epoch = history.epochs().saturating_sub(1);
            return Err(Error::Diverged { epoch, loss: f64::NAN });
        }
        Ok((net, history))
    }
}

/// The class a row of outputs predicts.
pub(crate) fn predicted_class(head: Head, row: &[f32]) -> usize {
    match head {
        Head::SigmoidLogit => usize::from(row[0] > 0.0),
        Head::SoftmaxLogits | Head::Values => argmax(row),
    }
}
