//! The one place where dense layers' products leave dfdx's own matmul: `gemm` 0.19, whose
//! f32 kernels are picked at run time from the CPU's features (AVX-512 when present, built on
//! stable Rust by its `x86-v4` feature; AVX2 + FMA; a portable fallback), against dfdx 0.13's
//! `gemm` 0.15, which runs AVX2 kernels at best on stable Rust.
//!
//! [`dense`] joins dfdx's tape from outside the crate: the forward product is computed here,
//! and a backward op registered with [`Tape::add_backward_op`] adds the kernel, bias and input
//! gradients into dfdx's [`Gradients`], where the optimizers read them as usual.
//!
//! Products big enough to share ([`PARALLEL_MULADDS`]) are split into blocks of
//! [`BLOCK_ROWS`] output rows, each computed by one single-threaded `gemm` call. The split
//! depends on the shapes alone, so every output element is computed the same way whatever
//! the number of threads: results are bit-identical for every `n_jobs`. Inside a rayon pool
//! (a search's tasks) the blocks go to rayon, and threads left idle (the refit, a small grid,
//! a search's last tasks) take some; elsewhere they run in turn on the calling thread.

use dfdx::shapes::HasShape;
use dfdx::tensor::{Cpu, Gradients, PutTape, SplitTape, Tape, TensorFromVec};
use rayon::prelude::*;

use super::network::{Matrix, Vector};

/// Output rows per block of a shared product.
pub(crate) const BLOCK_ROWS: usize = 128;
/// Multiply-adds from which a product is split into blocks (about 10 µs of work): below it,
/// rayon's cost would outweigh what a second thread brings.
pub(crate) const PARALLEL_MULADDS: usize = 1 << 20;
/// Multiply-adds of a layer's forward product from which [`dense`] is used: below it, dfdx's
/// own ops are as fast (the seed networks), and the copies this op pays cost more.
pub(crate) const FAST_MULADDS: usize = 1 << 14;

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

/// A read-only strided matrix: element `(i, j)` at `data[i * rs + j * cs]`.
#[derive(Clone, Copy)]
pub(crate) struct View<'a> {
    data: &'a [f32],
    rs: usize,
    cs: usize,
}

impl<'a> View<'a> {
    /// A row-major matrix with `cols` columns.
    pub(crate) fn rows(data: &'a [f32], cols: usize) -> Self {
        View { data, rs: cols, cs: 1 }
    }

    /// The transpose of a row-major matrix with `cols` columns.
    pub(crate) fn transposed(data: &'a [f32], cols: usize) -> Self {
        View { data, rs: 1, cs: cols }
    }

    /// The rows from `first` on.
    fn skip_rows(self, first: usize) -> Self {
        View { data: &self.data[first * self.rs..], ..self }
    }
}

/// `c (m x n, row-major) = a (m x k) b (k x n)`, or `c += a b` when `accumulate`.
pub(crate) fn product(
    m: usize,
    n: usize,
    k: usize,
    a: View<'_>,
    b: View<'_>,
    c: &mut [f32],
    accumulate: bool,
) {
    assert_eq!(c.len(), m * n, "the output holds m x n values");
    if m == 0 || n == 0 {
        return;
    }
    if m * n * k < PARALLEL_MULADDS {
        return block(m, n, k, a, b, c, accumulate);
    }
    let run = |(i, c): (usize, &mut [f32])| {
        block(c.len() / n, n, k, a.skip_rows(i * BLOCK_ROWS), b, c, accumulate);
    };
    if rayon::current_thread_index().is_some() {
        c.par_chunks_mut(BLOCK_ROWS * n).enumerate().for_each(run);
    } else {
        c.chunks_mut(BLOCK_ROWS * n).enumerate().for_each(run);
    }
}

/// One single-threaded `gemm` call.
fn block(m: usize, n: usize, k: usize, a: View<'_>, b: View<'_>, c: &mut [f32], accumulate: bool) {
    if k == 0 {
        if !accumulate {
            c.fill(0.0);
        }
        return;
    }
    // The last element each operand reads is inside its slice.
    assert!((m - 1) * a.rs + (k - 1) * a.cs < a.data.len(), "a holds m x k values");
    assert!((k - 1) * b.rs + (n - 1) * b.cs < b.data.len(), "b holds k x n values");
    // SAFETY: the asserts above keep every read inside `a` and `b`, `c` holds exactly m x n
    // row-major values, and the three do not overlap (`c` is borrowed mutably).
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            c.as_mut_ptr(),
            1,
            n as isize,
            accumulate,
            a.data.as_ptr(),
            a.cs as isize,
            a.rs as isize,
            b.data.as_ptr(),
            b.cs as isize,
            b.rs as isize,
            1.0,
            1.0,
            false,
            false,
            false,
            gemm::Parallelism::None,
        );
    }
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

/// `true` when a dense layer of `fan_in x units` on `batch` rows goes through [`dense`].
pub(crate) fn worth_it(batch: usize, fan_in: usize, units: usize) -> bool {
    batch * fan_in * units >= FAST_MULADDS
}

/// `x kernel + bias` (bias broadcast over the rows) on `x`'s tape. The backward op adds
/// `x^T dz` to the kernel's gradient, the column sums of `dz` to the bias', and, when
/// `input_grad`, `dz kernel^T` to `x`'s (the first layer's input needs none).
pub(crate) fn dense<T: Tape<f32, Cpu>>(
    x: Matrix<T>,
    kernel: &Matrix,
    bias: Option<&Vector>,
    input_grad: bool,
) -> Matrix<T> {
    let (m, k) = *x.shape();
    let n = kernel.shape().1;
    debug_assert_eq!(kernel.shape().0, k, "the kernel has one row per input column");
    #[cfg(test)]
    FAST_CALLS.with(|c| c.set(c.get() + 1));
    let (x, mut tape) = x.split_tape();
    let xs = read(&x);
    let ws = read(kernel);
    let mut z = vec![0.0; m * n];
    let bs = bias.map(read);
    if let Some(bs) = &bs {
        for row in z.chunks_exact_mut(n) {
            row.copy_from_slice(bs);
        }
    }
    product(m, n, k, View::rows(&xs, k), View::rows(&ws, n), &mut z, bs.is_some());
    let out: Matrix = kernel.device().tensor_from_vec(z, (m, n));
    if T::OWNS_TAPE {
        let (xg, kg, bg, zg) = (x.ghost(), kernel.ghost(), bias.map(|b| b.ghost()), out.ghost());
        tape.add_backward_op(move |grads: &mut Gradients<f32, Cpu>| {
            // Borrow dz out of the gradients (put back below) while the others are written.
            let dz: Vec<f32> = std::mem::take(&mut **grads.get_or_alloc_mut(&zg)?);
            product(
                k,
                n,
                m,
                View::transposed(&xs, k),
                View::rows(&dz, n),
                grads.get_or_alloc_mut(&kg)?,
                true,
            );
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
                product(m, k, n, View::rows(&dz, n), View::transposed(&ws, n), dx, true);
            }
            **grads.get_or_alloc_mut(&zg)? = dz;
            Ok(())
        });
    }
    out.put_tape(tape)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The naive triple loop, in f64.
    fn reference(m: usize, n: usize, k: usize, a: View<'_>, b: View<'_>) -> Vec<f64> {
        let mut c = vec![0.0; m * n];
        for i in 0..m {
            for j in 0..n {
                c[i * n + j] = (0..k)
                    .map(|p| f64::from(a.data[i * a.rs + p * a.cs]) * f64::from(b.data[p * b.rs + j * b.cs]))
                    .sum();
            }
        }
        c
    }

    fn values(len: usize, salt: usize) -> Vec<f32> {
        (0..len).map(|i| ((i * 37 + salt * 11) % 29) as f32 / 14.5 - 1.0).collect()
    }

    #[test]
    fn products_match_the_naive_loop_in_every_layout() {
        // Shapes on both sides of the parallel threshold, with a partial last block.
        for &(m, n, k) in &[(3, 5, 7), (130, 70, 120)] {
            let (a, at) = (values(m * k, 1), values(k * m, 2));
            let (b, bt) = (values(k * n, 3), values(n * k, 4));
            for (av, bv) in
                [(View::rows(&a, k), View::rows(&b, n)), (View::transposed(&at, m), View::transposed(&bt, k))]
            {
                let want = reference(m, n, k, av, bv);
                let mut c = vec![1.0; m * n];
                product(m, n, k, av, bv, &mut c, true);
                for (got, want) in c.iter().zip(&want) {
                    assert!(
                        (f64::from(*got) - (want + 1.0)).abs() < 1e-4 * (1.0 + want.abs()),
                        "{got} vs {want}"
                    );
                }
                let mut fresh = vec![f32::NAN; m * n];
                product(m, n, k, av, bv, &mut fresh, false);
                assert!(fresh
                    .iter()
                    .zip(&want)
                    .all(|(g, w)| (f64::from(*g) - w).abs() < 1e-4 * (1.0 + w.abs())));
            }
        }
    }

    #[test]
    fn products_are_bit_identical_on_any_number_of_threads() {
        let (m, n, k) = (300, 96, 80);
        assert!(m * n * k >= PARALLEL_MULADDS);
        let (a, b) = (values(m * k, 5), values(k * n, 6));
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a pool");
            let mut c = vec![0.0; m * n];
            pool.install(|| product(m, n, k, View::rows(&a, k), View::rows(&b, n), &mut c, false));
            c
        };
        let mut alone = vec![0.0; m * n];
        product(m, n, k, View::rows(&a, k), View::rows(&b, n), &mut alone, false);
        assert_eq!(run(1), alone);
        assert_eq!(run(3), alone);
        assert!(alone.iter().any(|v| *v != 0.0));
    }
}
