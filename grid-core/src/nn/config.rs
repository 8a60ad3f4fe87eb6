//! Training settings: activations, optimizers, losses, early stopping, and the fit parameters
//! that a grid tunes beside the build function's own.

use serde::{Deserialize, Serialize};

use super::sequential::Sequential;
use crate::grid::{HasFitParams, TrainedWith};

/// Activation of a dense layer.
///
/// ```
/// use grid_core::nn::Activation;
/// assert_eq!(Activation::default(), Activation::Linear);
/// assert_eq!(Activation::Relu.to_string(), "Relu");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Activation {
    /// Identity (Keras' `None` / `"linear"`): the default, as for a Keras `Dense` layer.
    #[default]
    Linear,
    /// `max(0, x)`.
    Relu,
    /// Hyperbolic tangent.
    Tanh,
    /// Logistic sigmoid.
    Sigmoid,
    /// `x` for `x > 0`, `0.2 x` otherwise (Keras' `leaky_relu` slope).
    LeakyRelu,
    /// Gaussian error linear unit, exact: `x * (1 + erf(x / sqrt 2)) / 2`, as Keras' default
    /// `gelu` (`approximate=False`); dfdx's `accurate_gelu`, not its tanh approximation
    /// (`fast_gelu`, which differs by up to about 5e-4).
    Gelu,
    /// Softmax over the layer's outputs; on an output layer it is folded into the
    /// cross-entropy loss.
    Softmax,
}

/// Optimizer, with Keras' defaults.
///
/// ```
/// use grid_core::nn::Optimizer;
/// assert_eq!(Optimizer::default(), Optimizer::Adam);
/// assert_eq!(Optimizer::Sgd.default_learning_rate(), 0.01);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Optimizer {
    /// Adam: learning rate 0.001, betas 0.9 / 0.999, epsilon 1e-7.
    #[default]
    Adam,
    /// Stochastic gradient descent: learning rate 0.01, with the fit parameters `momentum`
    /// (default 0) and `nesterov` (default false).
    Sgd,
    /// RMSprop: learning rate 0.001, rho 0.9, epsilon 1e-7.
    RmsProp,
    /// AdamW: as Adam, with decoupled weight decay 0.004.
    AdamW,
}

impl Optimizer {
    /// The learning rate Keras uses when none is given.
    ///
    /// ```
    /// use grid_core::nn::Optimizer;
    /// assert_eq!(Optimizer::Adam.default_learning_rate(), 0.001);
    /// assert_eq!(Optimizer::Sgd.default_learning_rate(), 0.01);
    /// ```
    pub fn default_learning_rate(self) -> f64 {
        match self {
            Optimizer::Sgd => 0.01,
            Optimizer::Adam | Optimizer::RmsProp | Optimizer::AdamW => 0.001,
        }
    }
}

/// Training loss.
///
/// ```
/// use grid_core::nn::Loss;
/// assert_eq!(Loss::default(), Loss::Auto);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Loss {
    /// Mean squared error for regressors, cross-entropy for classifiers.
    #[default]
    Auto,
    /// Mean squared error (regression).
    Mse,
    /// Mean absolute error (regression).
    Mae,
    /// Huber loss with Keras' `delta = 1.0` (regression).
    Huber,
    /// Categorical cross-entropy on the logits (classification).
    CrossEntropy,
}

/// Stops training when the monitored loss (`val_loss` when there is validation data, the
/// training loss otherwise) has not improved by more than `min_delta` for `patience` epochs,
/// and (with `restore_best`) ends every fit on the best epoch's weights, as Keras 3's
/// `EarlyStopping(restore_best_weights=True)` (with `start_from_epoch = 0`).
///
/// ```
/// use grid_core::nn::EarlyStopping;
/// let es = EarlyStopping { patience: 5, ..EarlyStopping::default() };
/// assert!(es.restore_best);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct EarlyStopping {
    /// Epochs without improvement before stopping (Keras' default is 0; ours is 10, which
    /// gives a noisy loss a chance).
    pub patience: usize,
    /// Smallest decrease that counts as an improvement (default 0).
    pub min_delta: f64,
    /// At the end of training, put back the weights of the epoch with the best monitored loss
    /// (default true; Keras' default is false, which keeps the last weights). As Keras 3's
    /// `restore_best_weights`, this happens whether training stopped early or ran all
    /// `epochs`: the fitted model is always the best epoch's (see [`History::best_epoch`]).
    ///
    /// [`History::best_epoch`]: crate::nn::History::best_epoch
    pub restore_best: bool,
}

impl Default for EarlyStopping {
    fn default() -> Self {
        EarlyStopping { patience: 10, min_delta: 0.0, restore_best: true }
    }
}

/// The fit parameters of the neural estimators, tunable in the same grid as the build
/// function's own parameters: [`Sequential`] is [`TrainedWith`] them, so `#[tunable]` adds them
/// to the struct of a build function that returns one.
///
/// Defaults follow Keras' `fit`/`compile` except `epochs`: Keras' 1 epoch leaves a network
/// untrained, so ours is 100.
///
/// ```
/// use grid_core::nn::{FitParams, Optimizer};
/// let p = FitParams::default();
/// assert_eq!((p.epochs, p.batch_size, p.optimizer), (100, 32, Optimizer::Adam));
/// assert_eq!(p.effective_learning_rate(), 0.001);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, grid_macros::FitParamSet)]
#[serde(default)]
#[fit_params(crate = crate)]
pub struct FitParams {
    /// Passes over the training data (default 100).
    pub epochs: usize,
    /// Rows per gradient step (default 32, as Keras).
    pub batch_size: usize,
    /// The optimizer (default Adam).
    pub optimizer: Optimizer,
    /// Learning rate; `None` (the default) takes the optimizer's Keras default.
    pub learning_rate: Option<f64>,
    /// SGD momentum (default 0, as Keras).
    pub momentum: f64,
    /// Nesterov momentum for SGD (default false).
    pub nesterov: bool,
    /// Training loss (default: MSE for regressors, cross-entropy for classifiers).
    pub loss: Loss,
    /// Fraction of the training rows held out, from the end, as validation data (default 0;
    /// inside cross-validation it is taken from the training fold).
    pub validation_split: f64,
    /// Early stopping (default none). The results show it short: `EarlyStopping(5)`.
    #[fit_params(show = show_early_stopping)]
    pub early_stopping: Option<EarlyStopping>,
    /// Shuffle the training rows before each epoch (default true).
    pub shuffle: bool,
}

impl Default for FitParams {
    fn default() -> Self {
        FitParams {
            epochs: 100,
            batch_size: 32,
            optimizer: Optimizer::Adam,
            learning_rate: None,
            momentum: 0.0,
            nesterov: false,
            loss: Loss::Auto,
            validation_split: 0.0,
            early_stopping: None,
            shuffle: true,
        }
    }
}

impl FitParams {
    /// The learning rate used: the one given, or the optimizer's default.
    ///
    /// ```
    /// use grid_core::nn::{FitParams, Optimizer};
    /// let sgd = FitParams { optimizer: Optimizer::Sgd, ..FitParams::default() };
    /// assert_eq!(sgd.effective_learning_rate(), 0.01);
    /// let given = FitParams { learning_rate: Some(0.5), ..sgd };
    /// assert_eq!(given.effective_learning_rate(), 0.5);
    /// ```
    pub fn effective_learning_rate(&self) -> f64 {
        self.learning_rate.unwrap_or_else(|| self.optimizer.default_learning_rate())
    }
}

impl TrainedWith for Sequential {
    type FitParams = FitParams;
}

impl HasFitParams for FitParams {
    type FitParams = FitParams;

    fn fit_params(&self) -> &FitParams {
        self
    }

    fn fit_params_mut(&mut self) -> &mut FitParams {
        self
    }
}

/// `None`, `EarlyStopping(5)`, or with the settings that differ from the defaults,
/// `EarlyStopping(5, min_delta: 0.01, restore_best: false)`.
fn show_early_stopping(early_stopping: &Option<EarlyStopping>) -> String {
    let Some(es) = early_stopping else { return "None".into() };
    let defaults = EarlyStopping::default();
    let mut shown = format!("EarlyStopping({}", es.patience);
    if es.min_delta != defaults.min_delta {
        shown += &format!(", min_delta: {:?}", es.min_delta);
    }
    if es.restore_best != defaults.restore_best {
        shown += &format!(", restore_best: {}", es.restore_best);
    }
    shown + ")"
}

macro_rules! display_as_debug {
    ($($t:ty),*) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(self, f)
            }
        }
    )*};
}
display_as_debug!(Activation, Optimizer, Loss, EarlyStopping);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::FitParamSet;

    #[test]
    fn early_stopping_shows_short() {
        let show =
            |early_stopping| FitParams { early_stopping, ..FitParams::default() }.show("early_stopping");
        assert_eq!(show(None).as_deref(), Some("None"));
        let five = EarlyStopping { patience: 5, ..EarlyStopping::default() };
        assert_eq!(show(Some(five)).as_deref(), Some("EarlyStopping(5)"));
        let odd = EarlyStopping { patience: 2, min_delta: 0.01, restore_best: false };
        assert_eq!(
            show(Some(odd)).as_deref(),
            Some("EarlyStopping(2, min_delta: 0.01, restore_best: false)")
        );
    }
}
