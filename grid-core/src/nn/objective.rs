//! What training minimizes and reports: the loss on dfdx tensors, the metric on plain outputs,
//! and how a row of outputs names a class.

use dfdx::losses::{
    binary_cross_entropy_with_logits_loss, cross_entropy_with_logits_loss, huber_loss, mae_loss, mse_loss,
};
use dfdx::shapes::Rank0;
use dfdx::tensor::{Cpu, Tape, Tensor};

use super::network::Matrix;
use super::validate::{Head, TrainLoss};

/// The loss of `out` against `target` (Keras' definitions, averaged over rows and outputs),
/// recorded on `out`'s tape.
pub(crate) fn loss_of<T: Tape<f32, Cpu>>(
    loss: TrainLoss,
    out: Matrix<T>,
    target: Matrix,
) -> Tensor<Rank0, f32, Cpu, T> {
    match loss {
        TrainLoss::Mse => mse_loss(out, target),
        TrainLoss::Mae => mae_loss(out, target),
        // Keras' Huber loss has delta 1.
        TrainLoss::Huber => huber_loss(out, target, 1.0),
        TrainLoss::SoftmaxCrossEntropy => cross_entropy_with_logits_loss(out, target),
        TrainLoss::SigmoidCrossEntropy => binary_cross_entropy_with_logits_loss(out, target),
    }
}

/// Sum over rows of the metric: the squared error averaged over outputs (regression, `labels`
/// is `None`), or 1 per correct prediction (classification).
pub(crate) fn metric_sum(
    head: Head,
    out: &[f32],
    targets: &[f32],
    labels: Option<&[usize]>,
    width: usize,
) -> f64 {
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

/// The class a row of outputs predicts: the largest logit (the first one on ties, as numpy's
/// `argmax`), or a positive single logit for class 1.
pub(crate) fn predicted_class(head: Head, row: &[f32]) -> usize {
    match head {
        Head::SigmoidLogit => usize::from(row[0] > 0.0),
        Head::SoftmaxLogits | Head::Values => {
            let mut best = 0;
            for (i, &v) in row.iter().enumerate() {
                if v > row[best] {
                    best = i;
                }
            }
            best
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predicted_class_takes_the_first_largest_logit() {
        assert_eq!(predicted_class(Head::SoftmaxLogits, &[0.1, 0.7, 0.7, -1.0]), 1);
        assert_eq!(predicted_class(Head::SigmoidLogit, &[0.2]), 1);
        assert_eq!(predicted_class(Head::SigmoidLogit, &[-0.2]), 0);
    }

    #[test]
    fn metric_is_accuracy_or_mean_squared_error() {
        let out = [2.0, 1.0, 0.0, 3.0];
        assert_eq!(metric_sum(Head::SoftmaxLogits, &out, &[], Some(&[0, 0]), 2), 1.0);
        // Rows (2, 1) and (0, 3) against (1, 1) and (0, 1): squared errors 1 and 4, over 2 outputs.
        assert_eq!(metric_sum(Head::Values, &out, &[1.0, 1.0, 0.0, 1.0], None, 2), 2.5);
    }
}
