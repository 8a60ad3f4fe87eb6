//! Keras' `EarlyStopping` callback: watch the monitored loss at the end of each epoch, stop
//! after `patience` epochs without an improvement larger than `min_delta`, and optionally put
//! back the best weights when training ends, stopped early or not (Keras 3's `on_train_end`).

use super::config::EarlyStopping;
use super::network::Dense;

/// What to do after an epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Train another epoch.
    Continue,
    /// Stop training.
    Stop,
}

/// Early-stopping state.
pub(crate) struct Stopper {
    settings: EarlyStopping,
    best: f64,
    best_epoch: usize,
    wait: usize,
    best_weights: Option<Vec<Dense>>,
}

impl Stopper {
    pub(crate) fn new(settings: EarlyStopping) -> Self {
        Stopper { settings, best: f64::INFINITY, best_epoch: 0, wait: 0, best_weights: None }
    }

    /// Zero-based epoch with the best monitored value so far.
    pub(crate) fn best_epoch(&self) -> usize {
        self.best_epoch
    }

    /// Records the monitored value `current` of `epoch` for the network's weights `dense`
    /// (cheap to clone: the tensors share their buffers until the next update).
    pub(crate) fn observe(&mut self, epoch: usize, current: f64, dense: &[Dense]) -> Verdict {
        // As Keras: the first observed epoch's weights are the best until one improves.
        if self.settings.restore_best && self.best_weights.is_none() {
            self.best_weights = Some(dense.to_vec());
            self.best_epoch = epoch;
        }
        self.wait += 1;
        if current + self.settings.min_delta < self.best {
            self.best = current;
            self.best_epoch = epoch;
            self.wait = 0;
            if self.settings.restore_best {
                self.best_weights = Some(dense.to_vec());
            }
            return Verdict::Continue;
        }
        if self.wait >= self.settings.patience && epoch > 0 {
            return Verdict::Stop;
        }
        Verdict::Continue
    }

    /// At the end of training: the best epoch's weights to put back, when `restore_best` is on
    /// (whether training stopped early or ran every epoch).
    pub(crate) fn into_best_weights(self) -> Option<Vec<Dense>> {
        self.best_weights
    }
}
