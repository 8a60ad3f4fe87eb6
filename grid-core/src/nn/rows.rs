//! Training rows in the form the loop reads: contiguous row-major features and target rows
//! (values, one-hot rows or 0/1), plus class indices for the accuracy.

use ndarray::{Array2, ArrayView2, CowArray, Ix2};

use super::validate::Head;

/// `x` as a source of contiguous rows, and the rows `index` of it (all, in order, when `None`):
/// `x` itself when its rows are contiguous (row-major), else a row-major copy of those rows.
fn contiguous(x: ArrayView2<'_, f32>, index: Option<Vec<usize>>) -> (CowArray<'_, f32, Ix2>, Vec<usize>) {
    let index = index.unwrap_or_else(|| (0..x.nrows()).collect());
    if x.is_standard_layout() {
        return (CowArray::from(x), index);
    }
    let mut values = Vec::with_capacity(index.len() * x.ncols());
    for &i in &index {
        values.extend(x.row(i).iter());
    }
    let copy = Array2::from_shape_vec((index.len(), x.ncols()), values).expect("n x f values");
    (CowArray::from(copy), (0..index.len()).collect())
}

/// Rows of features, read in place from a matrix by index, and their targets (row-major).
#[derive(Clone, Debug)]
pub(crate) struct Rows<'a> {
    /// The matrix the feature rows are read from: borrowed when its rows are contiguous,
    /// else a row-major copy of the rows used.
    source: CowArray<'a, f32, Ix2>,
    /// The row of `source` of each row, in order.
    index: Vec<usize>,
    pub(crate) n_features: usize,
    pub(crate) targets: Vec<f32>,
    pub(crate) width: usize,
    /// Class index of each row (classifiers only).
    pub(crate) labels: Option<Vec<usize>>,
}

impl<'a> Rows<'a> {
    /// Regression rows: rows `index` of `x` (all of them, in order, when `None`), and `y`,
    /// `n x width`, one row per index.
    pub(crate) fn values(x: ArrayView2<'a, f32>, index: Option<Vec<usize>>, y: ArrayView2<'_, f32>) -> Self {
        let (source, index) = contiguous(x, index);
        debug_assert_eq!(index.len(), y.nrows());
        Rows {
            source,
            index,
            n_features: x.ncols(),
            targets: y.iter().copied().collect(),
            width: y.ncols(),
            labels: None,
        }
    }

    /// Classification rows (rows `index` of `x`) from class indices, encoded for `head`:
    /// one-hot rows of `n_classes` for a softmax output, one 0/1 column for a single sigmoid
    /// output.
    pub(crate) fn classes(
        x: ArrayView2<'a, f32>,
        index: Option<Vec<usize>>,
        labels: Vec<usize>,
        n_classes: usize,
        head: Head,
    ) -> Self {
        let (targets, width) = match head {
            Head::SigmoidLogit => (labels.iter().map(|&l| l as f32).collect(), 1),
            Head::SoftmaxLogits | Head::Values => {
                let mut t = vec![0.0; labels.len() * n_classes];
                for (row, &l) in labels.iter().enumerate() {
                    t[row * n_classes + l] = 1.0;
                }
                (t, n_classes)
            }
        };
        let (source, index) = contiguous(x, index);
        debug_assert_eq!(index.len(), labels.len());
        Rows { source, index, n_features: x.ncols(), targets, width, labels: Some(labels) }
    }

    /// Number of rows.
    pub(crate) fn len(&self) -> usize {
        self.index.len()
    }

    /// Splits off the rows from `at` on (Keras' `validation_split` takes the last rows).
    pub(crate) fn split_off(&mut self, at: usize) -> Rows<'a> {
        Rows {
            source: self.source.clone(),
            index: self.index.split_off(at),
            n_features: self.n_features,
            targets: self.targets.split_off(at * self.width),
            width: self.width,
            labels: self.labels.as_mut().map(|l| l.split_off(at)),
        }
    }

    /// Copies the features of row `i` into `dst`.
    fn copy_row(&self, i: usize, dst: &mut [f32]) {
        let f = self.n_features;
        let start = self.index[i] * f;
        match self.source.as_slice() {
            // Always so: `contiguous` keeps only row-major sources.
            Some(all) => dst.copy_from_slice(&all[start..start + f]),
            None => dst.iter_mut().zip(self.source.row(self.index[i])).for_each(|(d, s)| *d = *s),
        }
    }

    /// Copies the rows at `indices` into `x` (each row followed by a 1 when `ones`), `targets`
    /// and `labels` (left alone for regression rows), which hold exactly that many rows.
    pub(crate) fn gather(
        &self,
        indices: &[usize],
        ones: bool,
        x: &mut [f32],
        targets: &mut [f32],
        labels: &mut [usize],
    ) {
        let (f, w) = (self.n_features, self.width);
        debug_assert_eq!(x.len(), indices.len() * (f + usize::from(ones)));
        debug_assert_eq!(targets.len(), indices.len() * w);
        let rows = x.chunks_exact_mut(f + usize::from(ones)).zip(targets.chunks_exact_mut(w));
        for (&i, (x_row, t_row)) in indices.iter().zip(rows) {
            self.copy_row(i, &mut x_row[..f]);
            if ones {
                x_row[f] = 1.0;
            }
            t_row.copy_from_slice(&self.targets[i * w..(i + 1) * w]);
        }
        if let Some(all) = &self.labels {
            for (label, &i) in labels.iter_mut().zip(indices) {
                *label = all[i];
            }
        }
    }

    /// All the features, each row followed by a 1 when `ones`.
    pub(crate) fn features(&self, ones: bool) -> Vec<f32> {
        let width = self.n_features + usize::from(ones);
        let mut x = vec![1.0; self.len() * width];
        for (i, row) in x.chunks_exact_mut(width.max(1)).enumerate() {
            self.copy_row(i, &mut row[..self.n_features]);
        }
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn gather_fills_the_buffers_row_by_row() {
        let x = array![[1.0_f32, 2.0], [3.0, 4.0], [5.0, 6.0]];
        let rows = Rows::classes(x.view(), None, vec![2, 0, 1], 3, Head::SoftmaxLogits);
        let (mut bx, mut bt, mut bl) = (vec![9.0; 6], vec![9.0; 6], vec![9; 2]);
        rows.gather(&[2, 0], true, &mut bx, &mut bt, &mut bl);
        assert_eq!(bx, [5.0, 6.0, 1.0, 1.0, 2.0, 1.0]);
        assert_eq!(bt, [0.0, 1.0, 0.0, 0.0, 0.0, 1.0]);
        assert_eq!(bl, [1, 2]);
        let (mut bx, mut bt) = (vec![9.0; 2], vec![9.0; 3]);
        rows.gather(&[1], false, &mut bx, &mut bt, &mut []);
        assert_eq!((bx, bt), (vec![3.0, 4.0], vec![1.0, 0.0, 0.0]));
        assert_eq!(rows.features(true), [1.0, 2.0, 1.0, 3.0, 4.0, 1.0, 5.0, 6.0, 1.0]);
    }

    #[test]
    fn rows_picked_by_index_are_read_in_place() {
        let x = array![[1.0_f32, 2.0], [3.0, 4.0], [5.0, 6.0]];
        let y = array![[10.0_f32], [30.0]];
        let mut rows = Rows::values(x.view(), Some(vec![2, 0]), y.view());
        let (mut bx, mut bt) = (vec![9.0; 4], vec![9.0; 2]);
        rows.gather(&[1, 0], false, &mut bx, &mut bt, &mut []);
        assert_eq!((bx, bt), (vec![1.0, 2.0, 5.0, 6.0], vec![30.0, 10.0]));
        let tail = rows.split_off(1);
        assert_eq!((rows.features(false), tail.features(false)), (vec![5.0, 6.0], vec![1.0, 2.0]));
        assert_eq!((rows.targets, tail.targets), (vec![10.0], vec![30.0]));
        // A column view (rows not contiguous) is read through a row-major copy of its rows.
        let t = x.t();
        let cols = Rows::values(t, Some(vec![1]), array![[0.0_f32]].view());
        assert_eq!(cols.features(false), [2.0, 4.0, 6.0]);
    }
}
