//! Training rows in the form the loop reads: contiguous row-major features and target rows
//! (values, one-hot rows or 0/1), plus class indices for the accuracy.

use ndarray::ArrayView2;

use super::validate::Head;

/// Rows of features and targets, both row-major.
#[derive(Clone, Debug)]
pub(crate) struct Rows {
    pub(crate) x: Vec<f32>,
    pub(crate) n_features: usize,
    pub(crate) targets: Vec<f32>,
    pub(crate) width: usize,
    /// Class index of each row (classifiers only).
    pub(crate) labels: Option<Vec<usize>>,
}

impl Rows {
    /// Regression rows: `y` is `n x width`.
    pub(crate) fn values(x: ArrayView2<'_, f32>, y: ArrayView2<'_, f32>) -> Self {
        Rows {
            x: x.iter().copied().collect(),
            n_features: x.ncols(),
            targets: y.iter().copied().collect(),
            width: y.ncols(),
            labels: None,
        }
    }

    /// Classification rows from class indices, encoded for `head`: one-hot rows of
    /// `n_classes` for a softmax output, one 0/1 column for a single sigmoid output.
    pub(crate) fn classes(x: ArrayView2<'_, f32>, labels: Vec<usize>, n_classes: usize, head: Head) -> Self {
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
        Rows { x: x.iter().copied().collect(), n_features: x.ncols(), targets, width, labels: Some(labels) }
    }

    /// Number of rows.
    pub(crate) fn len(&self) -> usize {
        self.targets.len() / self.width
    }

    /// Splits off the rows from `at` on (Keras' `validation_split` takes the last rows).
    pub(crate) fn split_off(&mut self, at: usize) -> Rows {
        Rows {
            x: self.x.split_off(at * self.n_features),
            n_features: self.n_features,
            targets: self.targets.split_off(at * self.width),
            width: self.width,
            labels: self.labels.as_mut().map(|l| l.split_off(at)),
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
            x_row[..f].copy_from_slice(&self.x[i * f..(i + 1) * f]);
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
        if !ones {
            return self.x.clone();
        }
        let f = self.n_features;
        let mut x = Vec::with_capacity(self.len() * (f + 1));
        for row in self.x.chunks_exact(f) {
            x.extend_from_slice(row);
            x.push(1.0);
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
        let rows = Rows::classes(x.view(), vec![2, 0, 1], 3, Head::SoftmaxLogits);
        let (mut bx, mut bt, mut bl) = (vec![9.0; 6], vec![9.0; 6], vec![9; 2]);
        rows.gather(&[2, 0], true, &mut bx, &mut bt, &mut bl);
        assert_eq!(bx, [5.0, 6.0, 1.0, 1.0, 2.0, 1.0]);
        assert_eq!(bt, [0.0, 1.0, 0.0, 0.0, 0.0, 1.0]);
        assert_eq!(bl, [1, 2]);
        let (mut bx, mut bt) = (vec![9.0; 2], vec![9.0; 3]);
        rows.gather(&[1], false, &mut bx, &mut bt, &mut []);
        assert_eq!((bx, bt), (vec![3.0, 4.0], vec![1.0, 0.0, 0.0]));
    }
}
