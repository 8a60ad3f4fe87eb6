//! Weight updates through the dfdx optimizer configs' `try_update`, with Keras' hyperparameters,
//! and the optimizer state (moments, velocities) this fit owns.

use dfdx::optim::{Momentum, WeightDecay};
use dfdx::shapes::HasShape;
use dfdx::tensor::{Cpu, CpuError, Gradients, Storage};
use dfdx::tensor_ops::{AdamConfig, RMSpropConfig, SgdConfig};

use super::config::{FitParams, Optimizer};
use super::network::Dense;

/// Keras' epsilon for Adam, AdamW and RMSprop.
const KERAS_EPSILON: f64 = 1e-7;
/// Keras' Adam betas.
const BETAS: [f64; 2] = [0.9, 0.999];
/// Keras' RMSprop rho.
const RHO: f64 = 0.9;
/// Keras' AdamW weight decay.
const ADAMW_DECAY: f64 = 0.004;

type Buffer = <Cpu as Storage<f32>>::Vec;

/// Per-parameter state buffers: up to three per kernel and bias (Adam: two moments; SGD: one
/// velocity; RMSprop: mean square, mean gradient and momentum, as dfdx's kernel wants them).
struct State {
    buffers: [Buffer; 3],
}

/// Applies one optimizer step to a network's dense layers.
pub(crate) struct Updater {
    kind: Kind,
    step: i32,
    /// One entry per kernel and bias, in layer order.
    state: Vec<State>,
}

#[derive(Clone, Copy)]
enum Kind {
    Adam(AdamConfig),
    Sgd(SgdConfig),
    RmsProp(RMSpropConfig),
}

impl Updater {
    /// State for `dense` under `params` (already checked).
    pub(crate) fn new(params: &FitParams, dense: &[Dense], dev: &Cpu) -> Result<Self, CpuError> {
        let lr = params.effective_learning_rate();
        let adam = |weight_decay| AdamConfig { lr, betas: BETAS, eps: KERAS_EPSILON, weight_decay };
        let kind = match params.optimizer {
            Optimizer::Adam => Kind::Adam(adam(None)),
            Optimizer::AdamW => Kind::Adam(adam(Some(WeightDecay::Decoupled(ADAMW_DECAY)))),
            Optimizer::Sgd => Kind::Sgd(SgdConfig {
                lr,
                momentum: (params.momentum > 0.0).then_some(if params.nesterov {
                    Momentum::Nesterov(params.momentum)
                } else {
                    Momentum::Classic(params.momentum)
                }),
                weight_decay: None,
            }),
            Optimizer::RmsProp => Kind::RmsProp(RMSpropConfig {
                lr,
                alpha: RHO,
                eps: KERAS_EPSILON,
                momentum: None,
                centered: false,
                weight_decay: None,
            }),
        };
        let mut state = Vec::with_capacity(2 * dense.len());
        for layer in dense {
            let kernel = layer.kernel.shape().0 * layer.kernel.shape().1;
            for len in std::iter::once(kernel).chain(layer.bias.as_ref().map(|b| b.shape().0)) {
                state.push(State {
                    buffers: [dev.try_alloc_len(len)?, dev.try_alloc_len(len)?, dev.try_alloc_len(len)?],
                });
            }
        }
        Ok(Updater { kind, step: 0, state })
    }

    /// Updates every kernel and bias of `dense` from `grads` (the gradients of one backward pass).
    pub(crate) fn update(
        &mut self,
        dense: &mut [Dense],
        grads: &mut Gradients<f32, Cpu>,
    ) -> Result<(), CpuError> {
        self.step = self.step.saturating_add(1);
        let kind = match self.kind {
            // Keras' Adam puts epsilon outside the bias correction of the second moment:
            // lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps). dfdx divides by
            // sqrt(v / (1 - b2^t)) + eps', which is the same with eps' = eps / sqrt(1 - b2^t).
            Kind::Adam(cfg) => {
                let correction = (1.0 - BETAS[1].powi(self.step)).sqrt();
                Kind::Adam(AdamConfig { eps: KERAS_EPSILON / correction, ..cfg })
            }
            other => other,
        };
        let mut state = self.state.iter_mut();
        for layer in dense {
            let s = state.next().expect("one state per kernel");
            apply(kind, self.step, &mut layer.kernel, s, grads)?;
            if let Some(bias) = &mut layer.bias {
                let s = state.next().expect("one state per bias");
                apply(kind, self.step, bias, s, grads)?;
            }
        }
        Ok(())
    }
}

fn apply<S: dfdx::shapes::Shape>(
    kind: Kind,
    step: i32,
    param: &mut dfdx::tensor::Tensor<S, f32, Cpu>,
    state: &mut State,
    grads: &mut Gradients<f32, Cpu>,
) -> Result<(), CpuError> {
    let grad = grads.get_or_alloc_mut(param)?;
    let [a, b, c] = &mut state.buffers;
    match kind {
        Kind::Adam(cfg) => cfg.try_update(step, param, a, b, grad),
        Kind::Sgd(cfg) => cfg.try_update(param, a, grad),
        Kind::RmsProp(cfg) => cfg.try_update(param, a, b, c, grad),
    }
}
