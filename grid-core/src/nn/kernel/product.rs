//! Products of strided f32 matrices through `gemm` 0.19, one single-threaded call per tile of
//! the output. Products big enough to share ([`PARALLEL_MULADDS`]) are split into blocks of
//! [`BLOCK`] output columns or rows; the split depends on the shapes alone, so every output
//! element is computed the same way whatever the number of threads. Inside a rayon pool the
//! blocks go to rayon, elsewhere they run in turn on the calling thread.

use rayon::prelude::*;

/// Rows or columns per block of a shared product.
const BLOCK: usize = 128;
/// Multiply-adds from which a product is split into blocks (about 10 µs of work): below it,
/// rayon's cost would outweigh what a second thread brings.
const PARALLEL_MULADDS: usize = 1 << 20;

/// A read-only strided matrix: element `(i, j)` at `data[i * rs + j * cs]`.
#[derive(Clone, Copy)]
pub(crate) struct View<'a> {
    data: &'a [f32],
    rs: usize,
    cs: usize,
}

impl<'a> View<'a> {
    /// A row-major matrix whose rows are `stride` values apart (its number of columns, or
    /// more for padded rows).
    pub(crate) fn rows(data: &'a [f32], stride: usize) -> Self {
        View { data, rs: stride, cs: 1 }
    }

    /// The transpose of a row-major matrix whose rows are `stride` values apart.
    pub(crate) fn transposed(data: &'a [f32], stride: usize) -> Self {
        View { data, rs: 1, cs: stride }
    }

    /// The rows from `first` on.
    fn skip_rows(self, first: usize) -> Self {
        View { data: &self.data[first * self.rs..], ..self }
    }

    /// The columns from `first` on.
    fn skip_cols(self, first: usize) -> Self {
        View { data: &self.data[first * self.cs..], ..self }
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
    let out = Out(c.as_mut_ptr());
    let tiles = tiles(m, n, k);
    let run = |t: &Tile| {
        let (rows, cols) = (t.rows.clone(), t.cols.clone());
        // SAFETY: the tiles cover disjoint parts of `c`, each inside its m x n values, and
        // `c` stays borrowed mutably until every tile is done.
        unsafe {
            block(
                (rows.len(), cols.len(), k),
                a.skip_rows(rows.start),
                b.skip_cols(cols.start),
                out.at(rows.start * n + cols.start),
                n,
                accumulate,
            );
        }
    };
    if tiles.len() > 1 && rayon::current_thread_index().is_some() {
        tiles.par_iter().for_each(run);
    } else {
        tiles.iter().for_each(run);
    }
}

/// A part of a product's output: these rows of these columns.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Tile {
    rows: std::ops::Range<usize>,
    cols: std::ops::Range<usize>,
}

/// The parts an `m x n x k` product is computed in, one `gemm` call each: the whole output
/// below [`PARALLEL_MULADDS`], else blocks of [`BLOCK`] columns (when `m <= n`) or rows.
/// Each call packs the whole of the operand the blocks share (`a` for column blocks, `b`
/// for row blocks), so the split repacks the smaller one: at 256 x 512 x 512, 128-column
/// blocks cost 2 % over one call, 128-row blocks 8 %.
fn tiles(m: usize, n: usize, k: usize) -> Vec<Tile> {
    if m * n * k < PARALLEL_MULADDS {
        return vec![Tile { rows: 0..m, cols: 0..n }];
    }
    let bounds = |len: usize| (0..len).step_by(BLOCK).map(move |start| start..(start + BLOCK).min(len));
    if m <= n {
        bounds(n).map(|cols| Tile { rows: 0..m, cols }).collect()
    } else {
        bounds(m).map(|rows| Tile { rows, cols: 0..n }).collect()
    }
}

/// The output of a product, shared by the threads that write its disjoint tiles.
#[derive(Clone, Copy)]
struct Out(*mut f32);

// SAFETY: `product` hands each thread a different tile of the output, so no two threads
// write (or read) one element.
unsafe impl Sync for Out {}

impl Out {
    /// The output from element `offset` on.
    ///
    /// # Safety
    /// `offset` is inside the output.
    unsafe fn at(self, offset: usize) -> *mut f32 {
        // SAFETY: the caller keeps `offset` inside the output.
        unsafe { self.0.add(offset) }
    }
}

/// One single-threaded `gemm` call: `c (m x n, rows `c_rs` apart) (+)= a b`.
///
/// # Safety
/// `c` points to `m` rows of `n` writable values, `c_rs` apart, that nothing else reads
/// or writes during the call.
unsafe fn block(
    (m, n, k): (usize, usize, usize),
    a: View<'_>,
    b: View<'_>,
    c: *mut f32,
    c_rs: usize,
    accumulate: bool,
) {
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 {
        if !accumulate {
            for i in 0..m {
                // SAFETY: row i's n values are the caller's.
                unsafe { std::slice::from_raw_parts_mut(c.add(i * c_rs), n) }.fill(0.0);
            }
        }
        return;
    }
    // The last element each operand reads is inside its slice.
    assert!((m - 1) * a.rs + (k - 1) * a.cs < a.data.len(), "a holds m x k values");
    assert!((k - 1) * b.rs + (n - 1) * b.cs < b.data.len(), "b holds k x n values");
    // SAFETY: the asserts above keep every read inside `a` and `b`; the caller gives `c`'s
    // m x n values, which do not overlap `a` or `b` (shared borrows).
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            c,
            1,
            c_rs as isize,
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
        for &(m, n, k) in &[(3, 5, 7), (130, 70, 120), (70, 130, 120)] {
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
        // Row blocks (m > n) and column blocks (m <= n), each with a partial last block.
        for (m, n, k) in [(300, 96, 80), (96, 300, 80)] {
            assert!(m * n * k >= PARALLEL_MULADDS);
            assert!(tiles(m, n, k).len() > 2);
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

    #[test]
    fn tiles_cover_the_output_once() {
        for (m, n, k) in [(1, 1, 1), (256, 512, 512), (512, 512, 256), (1000, 64, 50), (130, 129, 4096)] {
            let mut hits = vec![0u8; m * n];
            for t in tiles(m, n, k) {
                assert!(t.rows.len() <= BLOCK.max(m) && t.cols.len() <= BLOCK.max(n), "{t:?}");
                for i in t.rows.clone() {
                    for j in t.cols.clone() {
                        hits[i * n + j] += 1;
                    }
                }
            }
            assert!(hits.iter().all(|h| *h == 1), "{m} x {n} x {k}");
        }
        // The split repacks the smaller operand: columns when m <= n, rows otherwise.
        assert!(tiles(256, 512, 512).iter().all(|t| t.rows == (0..256)));
        assert!(tiles(1000, 64, 50).iter().all(|t| t.cols == (0..64)));
    }
}
