//! What happened during a fit, epoch by epoch (Keras' `History`).

use serde::{Deserialize, Serialize};

/// Per-epoch losses and metric of one fit, as Keras' `History.history`.
///
/// The training loss and metric of an epoch are averaged over its minibatches (weighted by
/// their sizes) while the weights change, as Keras reports them; validation values are
/// computed at the end of the epoch, without dropout.
///
/// ```
/// use grid_core::nn::History;
/// let h = History::default();
/// assert_eq!(h.epochs(), 0);
/// assert!(h.val_loss.is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    /// Training loss of each epoch.
    pub loss: Vec<f64>,
    /// Validation loss of each epoch (empty without validation data).
    pub val_loss: Vec<f64>,
    /// Name of the metric: `"mse"` for regressors, `"accuracy"` for classifiers.
    pub metric_name: String,
    /// The metric on the training data of each epoch.
    pub metric: Vec<f64>,
    /// The metric on the validation data of each epoch (empty without validation data).
    pub val_metric: Vec<f64>,
    /// Zero-based epoch at which early stopping ended the fit, if it did (`None` when the fit
    /// ran all its epochs).
    pub stopped_epoch: Option<usize>,
    /// Zero-based epoch with the best monitored loss, when early stopping was on (`None`
    /// otherwise). With [`EarlyStopping::restore_best`](crate::nn::EarlyStopping::restore_best)
    /// the fitted weights are this epoch's, whether the fit stopped early or not.
    pub best_epoch: Option<usize>,
}

impl History {
    /// Number of epochs run.
    pub fn epochs(&self) -> usize {
        self.loss.len()
    }

    /// The loss early stopping watches: validation loss when there is one, else training loss.
    ///
    /// ```
    /// use grid_core::nn::History;
    /// let h = History { loss: vec![2.0, 1.0], val_loss: vec![3.0, 2.5], ..History::default() };
    /// assert_eq!(h.monitored(), &[3.0, 2.5]);
    /// ```
    pub fn monitored(&self) -> &[f64] {
        if self.val_loss.is_empty() {
            &self.loss
        } else {
            &self.val_loss
        }
    }

    /// Writes an SVG of the loss and val_loss per epoch
    /// ([`plots::plot_history`](crate::plots::plot_history)).
    ///
    /// ```
    /// use grid_core::nn::History;
    /// let h = History { loss: vec![2.0, 1.0], val_loss: vec![3.0, 2.5], ..History::default() };
    /// h.plot(std::env::temp_dir().join("gridcv_doc_history_method.svg"))?;
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn plot(&self, path: impl AsRef<std::path::Path>) -> crate::Result<()> {
        crate::plots::plot_history(&self.loss, &self.val_loss, path)
    }
}
