//! The one place where dense layers' products leave dfdx's own matmul: `gemm` 0.19, whose
//! f32 kernels are picked at run time from the CPU's features (AVX-512 when present, built on
//! stable Rust by its `x86-v4` feature; AVX2 + FMA; a portable fallback), against dfdx 0.13's
//! `gemm` 0.15, which runs AVX2 kernels at best on stable Rust.
//!
//! [`dense`] joins dfdx's tape from outside the crate: the forward product is computed here,
//! and a backward op registered with [`Tape::add_backward_op`] adds the kernel, bias and input
//! gradients into dfdx's [`Gradients`], where the optimizers read them as usual.
//!
//! [`dense`] also applies ReLU itself, so a hidden ReLU layer costs dfdx no op of its own.
//!
//! Products big enough to share are split into blocks of output columns or rows, each
//! computed by one single-threaded `gemm` call ([`product`]). The split depends on the
//! shapes alone, so every output element is computed the same way whatever
//! the number of threads: results are bit-identical for every `n_jobs`. Inside a rayon pool
//! (a search's tasks) the blocks go to rayon, and threads left idle (the refit, a small grid,
//! a search's last tasks) take some; elsewhere they run in turn on the calling thread.

mod product;

use dfdx::shapes::HasShape;
use dfdx::tensor::{Cpu, Gradients, PutTape, SplitTape, Tape, TensorFromVec};
use std::sync::Arc;

use super::network::{Matrix, Vector};
use product::{product, View};

/// Multiply-adds of a layer's forward product from which [`dense`] is used: below it, dfdx's
/// own ops are as fast (the seed networks), and the copies this op pays cost more.
pub(crate) const FAST_MULADDS: usize = 1 << 14;

/// Values of the largest tensor [`Values::of`] reads through a kept buffer (4 MiB a thread).
const KEPT_BUFFER: usize = 1 << 20;

/// The instruction set the dense layers' fast products run with on this CPU: `"avx512f"`,
/// `"avx2+fma"` or `"portable"` (what `gemm` 0.19 picks at run time).
///
/// ```
/// let isa = grid_core::nn::matmul_isa();
/// assert!(["avx512f", "avx2+fma", "portable"].contains(&isa));
/// ```
pub fn matmul_isa() -> &'static str {
    #[cfg(any(target_arch = "x86_64", target_arch = "x86"))]
    {
        if std::arch::is_x86_feature_detected!("avx512f") {
            return "avx512f";
        }
        if std::arch::is_x86_feature_detected!("fma") {
            return "avx2+fma";
        }
    }
    "portable"
}

#[cfg(test)]
thread_local! {
    /// Calls of [`dense`] on this thread, so tests can tell which path ran.
    pub(crate) static FAST_CALLS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The values of a tensor (one memcpy: dfdx's `as_vec` walks them index by index).
fn read<S: dfdx::shapes::Shape, T>(t: &dfdx::tensor::Tensor<S, f32, Cpu, T>) -> Vec<f32> {
    let mut v = vec![0.0; t.shape().num_elements()];
    t.copy_into(&mut v);
    v
}

/// The row stride a copy of a matrix with `cols` columns gets: rows a power-of-two number of
/// bytes apart map a column's values onto a few cache sets, and `gemm` then reads a
/// transposed operand at about 70 % of its speed (measured at 512 columns: 0.79 ms against
/// 0.63 ms for 256 x 512 x 512). Rows padded to a 64-byte multiple that is not one of 512
/// bytes read at full speed.
pub(crate) fn padded_stride(cols: usize) -> usize {
    if cols < 64 {
        return cols;
    }
    let stride = cols.next_multiple_of(16);
    if stride.is_multiple_of(128) {
        stride + 16
    } else {
        stride
    }
}

/// A matrix's values as [`dense`] reads them: row-major, rows [`padded_stride`] apart.
#[derive(Clone)]
pub(crate) struct Values {
    data: Arc<Vec<f32>>,
    stride: usize,
}

impl Values {
    /// A copy of the row-major `rows x cols` values in `dense`.
    fn padded(dense: &[f32], cols: usize) -> Self {
        let stride = padded_stride(cols);
        let mut data = Vec::with_capacity(dense.len() / cols * stride);
        for row in dense.chunks_exact(cols) {
            data.extend_from_slice(row);
            data.resize(data.len() + stride - cols, 0.0);
        }
        Values { data: Arc::new(data), stride }
    }

    /// The values of `t`, read through a buffer this thread keeps for tensors up to
    /// [`KEPT_BUFFER`] values (dfdx copies a tensor out only into an initialized slice: this
    /// way it is zeroed once, not at every read).
    fn of(t: &Matrix<impl Tape<f32, Cpu>>) -> Self {
        thread_local! {
            static BUFFER: std::cell::RefCell<Vec<f32>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let (rows, cols) = *t.shape();
        if rows * cols > KEPT_BUFFER {
            return Values::padded(&read(t), cols);
        }
        BUFFER.with_borrow_mut(|buffer| {
            if buffer.len() < rows * cols {
                buffer.resize(rows * cols, 0.0);
            }
            let dense = &mut buffer[..rows * cols];
            t.copy_into(dense);
            Values::padded(dense, cols)
        })
    }

    fn rows(&self) -> View<'_> {
        View::rows(&self.data, self.stride)
    }

    fn transposed(&self) -> View<'_> {
        View::transposed(&self.data, self.stride)
    }
}

/// `true` when a dense layer of `fan_in x units` on `batch` rows goes through [`dense`].
pub(crate) fn worth_it(batch: usize, fan_in: usize, units: usize) -> bool {
    batch * fan_in * units >= FAST_MULADDS
}

/// The activation [`dense`] applies itself (others run as dfdx ops after it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fused {
    /// None: the layer's output is `x kernel + bias`.
    Identity,
    /// `max(z, 0)`, with dfdx's derivative (1 where `z > 0`, else 0).
    Relu,
}

/// `act(x kernel + bias)` (bias broadcast over the rows) on `x`'s tape, `act` being
/// [`Fused`]. The backward op zeroes the output gradient where the activation is flat, then
/// adds `x^T dz` to the kernel's gradient, the column sums of `dz` to the bias', and, when
/// `input_grad`, `dz kernel^T` to `x`'s (the first layer's input needs none).
///
/// dfdx's own ops would allocate, fill and walk two more `batch x units` buffers per layer
/// and step (the activation's output and its gradient); here the activation is applied in
/// place and its derivative kept beside the backward op.
///
/// `x_values` are `x`'s values when the caller has them (the previous layer's
/// `keep_output`); the output's values come back when `keep_output`, for the next layer.
pub(crate) fn dense<T: Tape<f32, Cpu>>(
    x: Matrix<T>,
    x_values: Option<Values>,
    layer: Layer<'_>,
    keep_output: bool,
) -> (Matrix<T>, Option<Values>) {
    let Layer { kernel, bias, activation, input_grad } = layer;
    let (m, k) = *x.shape();
    let n = kernel.shape().1;
    debug_assert_eq!(kernel.shape().0, k, "the kernel has one row per input column");
    #[cfg(test)]
    FAST_CALLS.with(|c| c.set(c.get() + 1));
    let (x, mut tape) = x.split_tape();
    let xs = x_values.unwrap_or_else(|| Values::of(&x));
    debug_assert_eq!(xs.data.len(), m * xs.stride, "the given values are x's");
    let ws = Values::of(kernel);
    // The bias in every row, for the product to add onto.
    let bs = bias.map(read);
    let mut z = bs.as_ref().map_or_else(|| vec![0.0; m * n], |bs| bs.repeat(m));
    product(m, n, k, xs.rows(), ws.rows(), &mut z, bs.is_some());
    // The activation's derivative at each value (dfdx's: 1 where z > 0, else 0), for the
    // backward op (none without a tape: predictions, validation).
    let derivative: Vec<f32> = match activation {
        Fused::Relu if T::OWNS_TAPE => z.iter().map(|v| if *v > 0.0 { 1.0 } else { 0.0 }).collect(),
        _ => Vec::new(),
    };
    if activation == Fused::Relu {
        z.iter_mut().for_each(|v| *v = v.max(0.0));
    }
    let kept = keep_output.then(|| Values::padded(&z, n));
    let out: Matrix = kernel.device().tensor_from_vec(z, (m, n));
    if T::OWNS_TAPE {
        let (xg, kg, bg, zg) = (x.ghost(), kernel.ghost(), bias.map(|b| b.ghost()), out.ghost());
        tape.add_backward_op(move |grads: &mut Gradients<f32, Cpu>| {
            // Borrow dz out of the gradients (put back below) while the others are written.
            let mut dz: Vec<f32> = std::mem::take(&mut **grads.get_or_alloc_mut(&zg)?);
            if !derivative.is_empty() {
                dz.iter_mut().zip(&derivative).for_each(|(d, slope)| *d *= slope);
            }
            product(k, n, m, xs.transposed(), View::rows(&dz, n), grads.get_or_alloc_mut(&kg)?, true);
            if let Some(bg) = &bg {
                let db = grads.get_or_alloc_mut(bg)?;
                for row in dz.chunks_exact(n) {
                    for (d, g) in db.iter_mut().zip(row) {
                        *d += g;
                    }
                }
            }
            if input_grad {
                let dx = grads.get_or_alloc_mut(&xg)?;
                product(m, k, n, View::rows(&dz, n), ws.transposed(), dx, true);
            }
            **grads.get_or_alloc_mut(&zg)? = dz;
            Ok(())
        });
    }
    (out.put_tape(tape), kept)
}

/// One dense layer as [`dense`] computes it.
#[derive(Clone, Copy)]
pub(crate) struct Layer<'a> {
    pub(crate) kernel: &'a Matrix,
    pub(crate) bias: Option<&'a Vector>,
    pub(crate) activation: Fused,
    /// Whether the input's gradient is needed (not for the first layer's input).
    pub(crate) input_grad: bool,
}
