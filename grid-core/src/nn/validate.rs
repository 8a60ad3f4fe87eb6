//! Checks done once at fit time: the network spec against the problem, and the fit parameters.
//! What comes out (`Head`, `TrainLoss`) is what the training loop relies on without re-checking.

use serde::{Deserialize, Serialize};

use super::config::{Activation, FitParams, Loss, Optimizer};
use super::sequential::{Layer, Sequential};
use crate::error::{Error, Result};

/// What a network is fitted to: real values with `n_outputs` columns, or `n_classes` classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    Regression { n_outputs: usize },
    Classification { n_classes: usize },
}

/// How the output layer is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Head {
    /// The last layer's activation is applied; outputs are the predictions.
    Values,
    /// The last dense layer gives logits (its Softmax is folded into the cross-entropy).
    SoftmaxLogits,
    /// One logit for two classes (its Sigmoid is folded into the binary cross-entropy).
    SigmoidLogit,
}

/// The loss actually minimized.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TrainLoss {
    Mse,
    Mae,
    Huber,
    SoftmaxCrossEntropy,
    SigmoidCrossEntropy,
}

/// Most weights (kernels and biases, all layers together) a network may have: 2^28, 1 GiB of
/// `f32` weights, about 5 GiB with their gradients, Adam's two moments and the fast op's
/// copies of the kernels. Larger networks are rejected as [`Error::InvalidSpec`] before
/// anything is allocated (an allocation failure aborts the process, which no error handling
/// can catch).
///
/// The activations of one training step, `min(batch_size, rows) x` the widest layer, are
/// capped at the same number of values (an [`Error::InvalidParameter`] on `batch_size`).
///
/// ```
/// use grid_core::nn::MAX_PARAMETERS;
/// assert_eq!(MAX_PARAMETERS, 1 << 28);
/// ```
pub const MAX_PARAMETERS: usize = 1 << 28;

fn spec_error(layer: usize, reason: impl Into<String>) -> Error {
    Error::InvalidSpec { layer, reason: reason.into() }
}

/// Checks `spec` for a problem with `n_features` input columns and tells how its output is read.
pub(crate) fn check_spec(spec: &Sequential, problem: Problem, n_features: usize) -> Result<Head> {
    for (i, layer) in spec.layers().iter().enumerate() {
        match *layer {
            Layer::Dense { units: 0, .. } => {
                // A classifier's build function reused for regression sizes its output by
                // `meta.n_classes`, which a regressor's targets make 0.
                let hint = match problem {
                    Problem::Regression { .. } => {
                        " (`meta.n_classes` is 0 for a regressor: size its output layer by \
                         `meta.n_outputs`)"
                    }
                    Problem::Classification { .. } => "",
                };
                return Err(spec_error(i, format!("a dense layer needs at least 1 unit, got 0{hint}")));
            }
            Layer::Dropout { rate } if !(0.0..1.0).contains(&rate) => {
                return Err(spec_error(i, format!("the dropout rate must be in [0, 1), got {rate}")));
            }
            _ => {}
        }
    }
    check_sizes(spec)?;
    let Some((last, units, activation)) = spec.last_dense() else {
        return Err(spec_error(
            0,
            "the network has no dense layer: add one with `.dense(units, activation)`",
        ));
    };
    if spec.n_features() != n_features {
        return Err(spec_error(
            0,
            format!(
                "the network takes {} input features (`Sequential::new({})`) but x has {} columns",
                spec.n_features(),
                spec.n_features(),
                n_features
            ),
        ));
    }
    match problem {
        Problem::Regression { n_outputs } => {
            if units != n_outputs {
                return Err(spec_error(
                    last,
                    format!(
                        "the output layer has {units} units but the target has {n_outputs} \
                         column{}",
                        if n_outputs == 1 { "" } else { "s" }
                    ),
                ));
            }
            Ok(Head::Values)
        }
        Problem::Classification { n_classes } => classifier_head(last, units, activation, n_classes),
    }
}

/// Rejects a layer whose weights (`(fan_in + 1) x units`) overflow or take the network past
/// [`MAX_PARAMETERS`].
fn check_sizes(spec: &Sequential) -> Result<()> {
    let mut fan_in = spec.n_features();
    let mut total = 0_usize;
    for (i, layer) in spec.layers().iter().enumerate() {
        let Layer::Dense { units, .. } = *layer else { continue };
        let count = fan_in.checked_add(1).and_then(|rows| rows.checked_mul(units));
        let Some(total_after) = count.and_then(|c| c.checked_add(total)).filter(|&t| t <= MAX_PARAMETERS)
        else {
            let size = match count {
                Some(c) => format!("{c} parameters"),
                None => "more parameters than a usize can count".to_string(),
            };
            return Err(spec_error(
                i,
                format!(
                    "a dense layer of {units} units on {fan_in} inputs has {size} ({total} before \
                     it); a network may have at most {MAX_PARAMETERS} parameters (MAX_PARAMETERS)"
                ),
            ));
        };
        total = total_after;
        fan_in = units;
    }
    Ok(())
}

/// Rejects a `batch_size` whose training step holds more than [`MAX_PARAMETERS`] activations
/// in one layer of a checked `spec`, for `n_rows` training rows.
pub(crate) fn check_batch(spec: &Sequential, batch_size: usize, n_rows: usize) -> Result<()> {
    let rows = batch_size.min(n_rows);
    let widest = spec.dense_shapes().iter().map(|&(fan_in, units)| fan_in.max(units)).max().unwrap_or(0);
    match rows.checked_mul(widest) {
        Some(values) if values <= MAX_PARAMETERS => Ok(()),
        values => Err(Error::invalid(
            "batch_size",
            format!(
                "{rows} rows per step through a layer {widest} wide hold {} activations; at most \
                 {MAX_PARAMETERS} (MAX_PARAMETERS) are allowed: lower batch_size",
                values.map_or("more than usize::MAX".to_string(), |v| v.to_string())
            ),
        )),
    }
}

fn classifier_head(last: usize, units: usize, activation: Activation, n_classes: usize) -> Result<Head> {
    if n_classes < 2 {
        return Err(Error::invalid("y", format!("a classifier needs at least 2 classes, got {n_classes}")));
    }
    if units == n_classes {
        return match activation {
            Activation::Softmax | Activation::Linear => Ok(Head::SoftmaxLogits),
            other => Err(spec_error(
                last,
                format!(
                    "the output layer of a classifier must use Softmax (or Linear, read as \
                     logits), got {other}"
                ),
            )),
        };
    }
    if units == 1 && n_classes == 2 {
        return match activation {
            Activation::Sigmoid | Activation::Linear => Ok(Head::SigmoidLogit),
            other => Err(spec_error(
                last,
                format!(
                    "a one-unit output for two classes must use Sigmoid (or Linear, read as a \
                     logit), got {other}"
                ),
            )),
        };
    }
    let binary_hint = if n_classes == 2 { ", or 1 unit with Sigmoid" } else { "" };
    Err(spec_error(
        last,
        format!(
            "the output layer has {units} units but there are {n_classes} classes (use \
             {n_classes} units with Softmax{binary_hint})"
        ),
    ))
}

/// Checks the fit parameters (alone: `validation_split` against the data is checked where the
/// rows are known) and resolves the loss for `head`.
pub(crate) fn check_fit_params(params: &FitParams, head: Head) -> Result<TrainLoss> {
    if params.epochs == 0 {
        return Err(Error::invalid("epochs", "must be at least 1, got 0"));
    }
    if params.batch_size == 0 {
        return Err(Error::invalid("batch_size", "must be at least 1, got 0"));
    }
    if let Some(lr) = params.learning_rate {
        if !(lr.is_finite() && lr > 0.0) {
            return Err(Error::invalid(
                "learning_rate",
                format!("must be a finite number greater than 0, got {lr}"),
            ));
        }
    }
    if params.optimizer == Optimizer::Sgd && !(0.0..=1.0).contains(&params.momentum) {
        return Err(Error::invalid("momentum", format!("must be in [0, 1], got {}", params.momentum)));
    }
    if !(0.0..1.0).contains(&params.validation_split) {
        return Err(Error::invalid(
            "validation_split",
            format!("must be in [0, 1), got {}", params.validation_split),
        ));
    }
    if let Some(es) = &params.early_stopping {
        if !(es.min_delta.is_finite() && es.min_delta >= 0.0) {
            return Err(Error::invalid(
                "early_stopping.min_delta",
                format!("must be a finite number >= 0, got {}", es.min_delta),
            ));
        }
    }
    resolve_loss(params.loss, head)
}

fn resolve_loss(loss: Loss, head: Head) -> Result<TrainLoss> {
    match (head, loss) {
        (Head::Values, Loss::Auto | Loss::Mse) => Ok(TrainLoss::Mse),
        (Head::Values, Loss::Mae) => Ok(TrainLoss::Mae),
        (Head::Values, Loss::Huber) => Ok(TrainLoss::Huber),
        (Head::Values, Loss::CrossEntropy) => Err(Error::invalid(
            "loss",
            "CrossEntropy is a classification loss; a regressor takes Mse, Mae or Huber",
        )),
        (Head::SoftmaxLogits, Loss::Auto | Loss::CrossEntropy) => Ok(TrainLoss::SoftmaxCrossEntropy),
        (Head::SigmoidLogit, Loss::Auto | Loss::CrossEntropy) => Ok(TrainLoss::SigmoidCrossEntropy),
        (_, other) => Err(Error::invalid(
            "loss",
            format!("{other} is a regression loss; a classifier takes CrossEntropy (or Auto)"),
        )),
    }
}

/// Number of training rows left by Keras' `validation_split` on `n_rows` rows: the first
/// `floor(n_rows * (1 - split))`; the rest is validation data.
pub(crate) fn split_rows(n_rows: usize, split: f64) -> Result<usize> {
    if split == 0.0 {
        return Ok(n_rows);
    }
    let n_train = (n_rows as f64 * (1.0 - split)).floor() as usize;
    if n_train == 0 || n_train >= n_rows {
        return Err(Error::invalid(
            "validation_split",
            format!(
                "{split} of {n_rows} rows leaves {n_train} training and {} validation rows; both \
                 must be at least 1",
                n_rows - n_train.min(n_rows)
            ),
        ));
    }
    Ok(n_train)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_rows_follows_keras() {
        assert_eq!(split_rows(10, 0.0).unwrap(), 10);
        assert_eq!(split_rows(10, 0.25).unwrap(), 7);
        assert_eq!(split_rows(100, 0.2).unwrap(), 80);
        assert_eq!(split_rows(3, 0.1).unwrap(), 2);
        assert!(split_rows(3, 1e-20).is_err());
        assert!(split_rows(1, 0.5).is_err());
    }
}
