//! What one fit allocates at its peak, estimated from the spec, the fit parameters and the
//! number of rows before anything is allocated (see [`crate::memory`]).
//!
//! Counted, in `f32` values: the weights, their gradients, the optimizer state the update rule
//! touches (Adam and AdamW two moments, SGD with momentum one velocity, RMSprop one mean square;
//! the other zeroed buffers dfdx hands out are never written, so the system never commits
//! them), a copy of the weights for early stopping's `restore_best`, the copy of each kernel
//! the fast dense op holds for its backward pass (layers wide enough for it), the activations of one
//! training step and of the validation pass with their gradients, and the training and
//! validation rows. The end of training copies one layer's weights to check them, while the
//! gradients, larger, are already freed: it is not the peak.

use super::config::{FitParams, Optimizer};
use super::kernel;
use super::sequential::{Layer, Sequential};

/// Values kept per unit and row of a training step: a dense layer's product, bias sum and
/// activation, each with its gradient.
const STEP_VALUES_PER_UNIT: u64 = 6;

/// About how many bytes training `spec` with `params` on `n_rows` rows of `n_features`
/// features and `width` target columns allocates, with `validation_rows` validation rows
/// (explicit or split off).
pub(crate) fn fit_bytes(
    spec: &Sequential,
    params: &FitParams,
    n_rows: usize,
    validation_rows: usize,
    width: usize,
) -> u64 {
    let n_features = spec.n_features() as u64;
    let shapes = spec.dense_shapes();
    let layer_sizes: Vec<u64> =
        shapes.iter().map(|&(fan_in, units)| (fan_in as u64 + 1) * units as u64).collect();
    let weights: u64 = layer_sizes.iter().sum();
    let units: u64 = shapes.iter().map(|&(_, units)| units as u64).sum();
    let dropout_units: u64 = spec
        .layers()
        .windows(2)
        .filter(|w| matches!(w[1], Layer::Dropout { .. }))
        .map(|w| match w[0] {
            Layer::Dense { units, .. } => units as u64,
            Layer::Dropout { .. } => 0,
        })
        .sum();
    let optimizer_slots = match params.optimizer {
        Optimizer::Adam | Optimizer::AdamW => 2,
        Optimizer::Sgd if params.momentum > 0.0 => 1,
        Optimizer::Sgd => 0,
        Optimizer::RmsProp => 1,
    };
    let best_copy = u64::from(params.early_stopping.is_some_and(|es| es.restore_best));
    let batch = params.batch_size.min(n_rows).max(1) as u64;
    let (rows, validation, width) = (n_rows as u64, validation_rows as u64, width as u64);
    let input = n_features + 1;
    // The fast op's kernel copies, rows padded (the first layer's kernel holds its bias row).
    let ones_column = matches!(spec.layers().first(), Some(Layer::Dense { .. }));
    let kernel_copies: u64 = shapes
        .iter()
        .enumerate()
        .map(|(i, &(fan_in, units))| (fan_in + usize::from(i == 0 && ones_column), units))
        .filter(|&(rows, units)| kernel::worth_it(batch as usize, rows, units))
        .map(|(rows, units)| (rows * kernel::padded_stride(units)) as u64)
        .sum();

    let values = weights.saturating_mul(2 + optimizer_slots + best_copy)
        + kernel_copies
        + batch * (STEP_VALUES_PER_UNIT * units + 2 * dropout_units + 2 * input + 3 * width)
        + validation * (2 * units + input + 3 * width)
        + (rows + validation) * (n_features + width);
    // Labels of a classifier: one index per row.
    let labels = (rows + validation) * std::mem::size_of::<usize>() as u64;
    values.saturating_mul(4).saturating_add(labels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::{Activation, EarlyStopping};

    /// The network of the issue: two hidden layers of 16 000 units on 20 features.
    fn wide() -> Sequential {
        Sequential::new(20)
            .dense(16_000, Activation::Relu)
            .dense(16_000, Activation::Relu)
            .dense(1, Activation::Linear)
    }

    #[test]
    fn two_wide_layers_with_adam_need_about_five_gigabytes() {
        let weights = 21 * 16_000 + 16_001 * 16_000 + 16_001_u64;
        let adam = fit_bytes(&wide(), &FitParams::default(), 1000, 0, 1);
        // Weights, gradients, two moments and the fast op's kernel copies: 20 bytes a
        // weight, plus a little.
        assert!(adam >= 20 * weights, "{adam}");
        assert!(adam < 21 * weights, "{adam}");
        let sgd =
            fit_bytes(&wide(), &FitParams { optimizer: Optimizer::Sgd, ..FitParams::default() }, 1000, 0, 1);
        assert!(sgd >= 12 * weights && sgd < 13 * weights, "{sgd}");
        let keep_best = FitParams { early_stopping: Some(EarlyStopping::default()), ..FitParams::default() };
        assert!(fit_bytes(&wide(), &keep_best, 1000, 0, 1) >= 24 * weights);
    }

    #[test]
    fn rows_and_batch_size_count_too() {
        let small = Sequential::new(10).dense(64, Activation::Relu).dense(1, Activation::Linear);
        let params = |batch_size| FitParams { batch_size, ..FitParams::default() };
        let few = fit_bytes(&small, &params(32), 100, 0, 1);
        assert!(fit_bytes(&small, &params(32), 100_000, 0, 1) > few + 100_000 * 11 * 4);
        assert!(fit_bytes(&small, &params(32), 100, 50, 1) > few);
        assert!(
            fit_bytes(&small, &params(4096), 100_000, 0, 1) > fit_bytes(&small, &params(32), 100_000, 0, 1)
        );
        // A batch larger than the rows is the rows.
        assert_eq!(fit_bytes(&small, &params(4096), 100, 0, 1), fit_bytes(&small, &params(100), 100, 0, 1));
    }
}
