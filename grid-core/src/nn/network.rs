//! A built network: runtime-shaped dfdx weights, Keras initialization, and the forward pass
//! shared by training (on a traced tape) and prediction.

use dfdx::shapes::{Axis, HasShape};
use dfdx::tensor::{Cpu, Tape, Tensor, TensorFromVec};
use dfdx::tensor_ops::{BroadcastTo, TryMatMul};
use ndarray::{Array1, Array2, ArrayView2};
use rand::distributions::{Distribution, Uniform};
use rand::Rng;

use super::config::Activation;
use super::kernel;
use super::sequential::{Layer, Sequential};
use super::validate::Head;
use crate::error::{Error, Result};

/// Rows per forward pass when predicting.
const PREDICT_ROWS: usize = 4096;

/// A runtime-shaped matrix on the CPU.
pub(crate) type Matrix<T = dfdx::tensor::NoneTape> = Tensor<(usize, usize), f32, Cpu, T>;
/// A runtime-shaped vector on the CPU.
pub(crate) type Vector = Tensor<(usize,), f32, Cpu>;

/// Weights of one dense layer: kernel `fan_in x units` (as Keras) and bias.
///
/// A first layer that reads the input directly keeps its bias as an extra last row of the
/// kernel (`bias` is `None`) and the input gets a column of ones: `[x 1] [W; b] = x W + b`
/// with one tensor op fewer per step (a broadcast add and its backward cost about as much as
/// a small matmul). The optimizers update every weight elementwise, so this is the same fit.
#[derive(Clone, Debug)]
pub(crate) struct Dense {
    pub(crate) kernel: Matrix,
    pub(crate) bias: Option<Vector>,
}

/// Which kernel the dense layers' products run on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Products {
    /// [`kernel::dense`] for layers big enough to gain from it, dfdx's matmul for the others.
    Fast,
    /// dfdx's matmul and broadcast add everywhere (the reference the fast path is tested on).
    #[cfg_attr(not(test), allow(dead_code))]
    Dfdx,
}

/// One step of the forward pass.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Step {
    /// Dense layer `index` of `Network::dense`, then the activation (`None` when it is folded
    /// into the loss).
    Dense { index: usize, activation: Option<Activation> },
    /// Dropout with this rate (training only).
    Dropout { rate: f64 },
}

/// A network with its weights, ready to train or predict.
#[derive(Clone, Debug)]
pub(crate) struct Network {
    pub(crate) dev: Cpu,
    pub(crate) dense: Vec<Dense>,
    steps: Vec<Step>,
    n_features: usize,
    n_outputs: usize,
    head: Head,
    /// The input carries a column of ones holding the first layer's bias.
    ones_column: bool,
    /// The kernel of the dense layers' products.
    pub(crate) products: Products,
}

impl Network {
    /// A network shaped by a checked `spec`, with Glorot-uniform kernels and zero biases drawn
    /// from `rng` (layer by layer, kernel row-major), on device `dev`.
    pub(crate) fn init(spec: &Sequential, head: Head, dev: Cpu, rng: &mut impl Rng) -> Self {
        let weights = spec
            .dense_shapes()
            .into_iter()
            .map(|(fan_in, fan_out)| {
                let limit = (6.0 / (fan_in + fan_out) as f64).sqrt() as f32;
                let uniform = Uniform::new(-limit, limit);
                let kernel: Vec<f32> = (0..fan_in * fan_out).map(|_| uniform.sample(rng)).collect();
                (kernel, vec![0.0; fan_out])
            })
            .collect();
        Self::from_weights(spec, head, dev, weights)
    }

    /// A network shaped by a checked `spec` with the given `(kernel, bias)` of each dense layer
    /// (kernel row-major `fan_in x units`); the lengths must match the spec.
    pub(crate) fn from_weights(
        spec: &Sequential,
        head: Head,
        dev: Cpu,
        weights: Vec<(Vec<f32>, Vec<f32>)>,
    ) -> Self {
        let shapes = spec.dense_shapes();
        let ones_column = matches!(spec.layers().first(), Some(Layer::Dense { .. }));
        let dense = shapes
            .iter()
            .zip(weights)
            .enumerate()
            .map(|(i, (&(fan_in, fan_out), (mut kernel, bias)))| {
                if i == 0 && ones_column {
                    kernel.extend_from_slice(&bias);
                    Dense { kernel: dev.tensor_from_vec(kernel, (fan_in + 1, fan_out)), bias: None }
                } else {
                    Dense {
                        kernel: dev.tensor_from_vec(kernel, (fan_in, fan_out)),
                        bias: Some(dev.tensor_from_vec(bias, (fan_out,))),
                    }
                }
            })
            .collect();
        let last = shapes.len() - 1;
        let mut index = 0;
        let steps = spec
            .layers()
            .iter()
            .map(|layer| match *layer {
                Layer::Dense { activation, .. } => {
                    let folded = index == last && head != Head::Values;
                    index += 1;
                    Step::Dense { index: index - 1, activation: (!folded).then_some(activation) }
                }
                Layer::Dropout { rate } => Step::Dropout { rate },
            })
            .collect();
        let n_outputs = shapes[last].1;
        Network {
            dev,
            dense,
            steps,
            n_features: spec.n_features(),
            n_outputs,
            head,
            ones_column,
            products: Products::Fast,
        }
    }

    /// `true` when the input rows must end with a column of ones (see [`Dense`]).
    pub(crate) fn ones_column(&self) -> bool {
        self.ones_column
    }

    /// Width of the output.
    pub(crate) fn n_outputs(&self) -> usize {
        self.n_outputs
    }

    /// How the output is read.
    pub(crate) fn head(&self) -> Head {
        self.head
    }

    /// The forward pass on `x` (`batch x n_features`, plus the column of ones when
    /// [`ones_column`](Self::ones_column)), recording on `x`'s tape. Dropout is applied only
    /// when `training`.
    pub(crate) fn forward<T: Tape<f32, Cpu>>(&self, x: Matrix<T>, training: bool) -> Matrix<T> {
        let batch = x.shape().0;
        let mut h = x;
        // `h`'s values, when the fast op that made it kept them for the next one.
        let mut values = None;
        for (position, step) in self.steps.iter().enumerate() {
            h = match *step {
                Step::Dense { index, activation } => {
                    let layer = &self.dense[index];
                    if self.fast(batch, index) {
                        // ReLU and the identity are applied inside the fast op, others after it.
                        let (fused, rest) = match activation {
                            None | Some(Activation::Linear) => (kernel::Fused::Identity, None),
                            Some(Activation::Relu) => (kernel::Fused::Relu, None),
                            other => (kernel::Fused::Identity, other),
                        };
                        let next_is_fast = matches!(
                            self.steps.get(position + 1),
                            Some(Step::Dense { index: next, .. }) if self.fast(batch, *next)
                        );
                        let spec = kernel::Layer {
                            kernel: &layer.kernel,
                            bias: layer.bias.as_ref(),
                            activation: fused,
                            input_grad: index > 0,
                        };
                        let (z, kept) = kernel::dense(h, values.take(), spec, next_is_fast && rest.is_none());
                        values = kept;
                        match rest {
                            Some(activation) => activate(z, activation),
                            None => z,
                        }
                    } else {
                        values = None;
                        let z = h.matmul(layer.kernel.retaped::<T>());
                        let z = match &layer.bias {
                            Some(bias) => {
                                let shape = *z.shape();
                                z + bias.retaped::<T>().broadcast_like::<_, Axis<0>>(&shape)
                            }
                            None => z,
                        };
                        match activation {
                            Some(activation) => activate(z, activation),
                            None => z,
                        }
                    }
                }
                Step::Dropout { rate } if training && rate > 0.0 => {
                    values = None;
                    h.dropout(rate)
                }
                Step::Dropout { .. } => h,
            };
        }
        h
    }

    /// `true` when dense layer `index` runs through [`kernel::dense`] on `batch` rows.
    fn fast(&self, batch: usize, index: usize) -> bool {
        let (fan_in, units) = *self.dense[index].kernel.shape();
        self.products == Products::Fast && kernel::worth_it(batch, fan_in, units)
    }

    /// The raw outputs (values, or logits for a classifier) for the rows of `x`, which must
    /// have `n_features` finite columns.
    pub(crate) fn outputs(&self, x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
        if x.ncols() != self.n_features {
            return Err(Error::ShapeMismatch {
                what: "number of columns of x (features the network was fitted on)".into(),
                expected: self.n_features,
                got: x.ncols(),
            });
        }
        if let Some(((row, column), v)) = x.indexed_iter().find(|(_, v)| !v.is_finite()) {
            return Err(Error::NonFinite { what: "x".into(), row, column, value: f64::from(*v) });
        }
        if x.nrows() == 0 {
            return Ok(Array2::zeros((0, self.n_outputs)));
        }
        let width = x.ncols() + usize::from(self.ones_column);
        // In chunks of rows, so the activations held at once stay small whatever `x`'s size.
        let mut out = Vec::with_capacity(x.nrows() * self.n_outputs);
        let mut input = Vec::with_capacity(PREDICT_ROWS.min(x.nrows()) * width);
        for chunk in x.axis_chunks_iter(ndarray::Axis(0), PREDICT_ROWS) {
            input.clear();
            for row in chunk.rows() {
                input.extend(row.iter());
                if self.ones_column {
                    input.push(1.0);
                }
            }
            let tensor = self.dev.tensor_from_vec(input.clone(), (chunk.nrows(), width));
            let chunk_out = self.forward(tensor, false);
            let start = out.len();
            out.resize(start + chunk.nrows() * self.n_outputs, 0.0);
            chunk_out.copy_into(&mut out[start..]);
        }
        Ok(Array2::from_shape_vec((x.nrows(), self.n_outputs), out)
            .expect("the forward pass keeps the batch size and the output width"))
    }

    /// Kernel (`fan_in x units`) and bias of every dense layer, as ndarray values.
    pub(crate) fn weights(&self) -> Vec<(Array2<f32>, Array1<f32>)> {
        self.dense
            .iter()
            .map(|d| {
                let (rows, units) = *d.kernel.shape();
                let mut kernel = d.kernel.as_vec();
                let bias = match &d.bias {
                    Some(bias) => bias.as_vec(),
                    None => kernel.split_off((rows - 1) * units),
                };
                let fan_in = kernel.len() / units;
                let kernel = Array2::from_shape_vec((fan_in, units), kernel)
                    .expect("a kernel holds fan_in x units values");
                (kernel, Array1::from(bias))
            })
            .collect()
    }

    /// `true` when every weight is finite.
    pub(crate) fn is_finite(&self) -> bool {
        self.dense.iter().all(|d| {
            d.kernel.as_vec().iter().all(|v| v.is_finite())
                && d.bias.as_ref().is_none_or(|b| b.as_vec().iter().all(|v| v.is_finite()))
        })
    }
}

/// Applies `activation` (Keras' definitions; LeakyRelu with slope 0.2, Gelu exact with erf as
/// Keras' default, Softmax over each row).
pub(crate) fn activate<T: Tape<f32, Cpu>>(z: Matrix<T>, activation: Activation) -> Matrix<T> {
    match activation {
        Activation::Linear => z,
        Activation::Relu => z.relu(),
        Activation::Tanh => z.tanh(),
        Activation::Sigmoid => z.sigmoid(),
        Activation::LeakyRelu => dfdx::tensor_ops::leakyrelu(z, 0.2),
        Activation::Gelu => z.accurate_gelu(),
        Activation::Softmax => z.softmax::<Axis<1>>(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn predictions_in_chunks_equal_predictions_row_by_row() {
        let spec = Sequential::new(3).dense(4, Activation::Tanh).dense(2, Activation::Linear);
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        let net = Network::init(&spec, Head::Values, Cpu::default(), &mut rng);
        let n = PREDICT_ROWS + 7;
        let x = Array2::from_shape_fn((n, 3), |(i, j)| ((i * 7 + j * 3) % 11) as f32 / 5.0 - 1.0);
        let all = net.outputs(x.view()).expect("outputs");
        assert_eq!(all.dim(), (n, 2));
        for i in [0, PREDICT_ROWS - 1, PREDICT_ROWS, n - 1] {
            let one = net.outputs(x.slice(ndarray::s![i..i + 1, ..])).expect("one row");
            // Equal to float rounding (a one-row product may take another kernel).
            for (a, b) in one.row(0).iter().zip(all.row(i)) {
                assert!((a - b).abs() <= 1e-6 * (1.0 + b.abs()), "row {i}: {a} alone, {b} in a chunk");
            }
        }
        assert!(all.iter().any(|v| *v != 0.0));
    }
}
