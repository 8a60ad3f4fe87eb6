//! The network specification build functions return: a stack of dense and dropout layers.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::config::Activation;

/// One layer of a [`Sequential`] network.
///
/// ```
/// use grid_core::nn::{Activation, Layer, Sequential};
/// let net = Sequential::new(4).dense(8, Activation::Relu).dropout(0.5);
/// assert_eq!(net.layers()[1], Layer::Dropout { rate: 0.5 });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Layer {
    /// A fully connected layer (Keras' `Dense`): `activation(x W + b)`, with Glorot-uniform
    /// weights and zero biases at initialization.
    Dense {
        /// Number of outputs of the layer.
        units: usize,
        /// Activation applied to the outputs.
        activation: Activation,
    },
    /// Inverted dropout (Keras' `Dropout`): during training each value is zeroed with
    /// probability `rate` and the others scaled by `1 / (1 - rate)`; identity when predicting.
    Dropout {
        /// Probability of dropping a value, in `[0, 1)`.
        rate: f64,
    },
}

/// A feed-forward network specification, as Keras' `Sequential`: what a build function returns.
///
/// Building never fails; a specification that cannot be trained (zero units, a dropout rate
/// outside `[0, 1)`, an output width that does not fit the task, ...) is reported when the
/// network is fitted, as [`Error::InvalidSpec`](crate::Error::InvalidSpec) naming the layer.
///
/// ```
/// use grid_core::nn::{Activation, Sequential};
/// let net = Sequential::new(5)
///     .dense(10, Activation::Relu)
///     .dropout(0.2)
///     .dense(1, Activation::Linear);
/// assert_eq!(net.n_features(), 5);
/// assert_eq!(net.output_width(), Some(1));
/// assert_eq!(net.to_string(), "Sequential(5 -> Dense(10, Relu) -> Dropout(0.2) -> Dense(1, Linear))");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sequential {
    n_features: usize,
    layers: Vec<Layer>,
}

impl Sequential {
    /// An empty network taking `n_features` inputs (usually `meta.n_features`).
    ///
    /// ```
    /// use grid_core::nn::Sequential;
    /// let net = Sequential::new(4);
    /// assert_eq!((net.n_features(), net.layers().len(), net.output_width()), (4, 0, None));
    /// ```
    pub fn new(n_features: usize) -> Self {
        Sequential { n_features, layers: Vec::new() }
    }

    /// Appends a dense layer of `units` outputs with `activation`. Any size builds; one with
    /// zero units or more than [`MAX_PARAMETERS`](crate::nn::MAX_PARAMETERS) weights is an
    /// error at fit time.
    ///
    /// ```
    /// use grid_core::nn::{Activation, Layer, Sequential};
    /// let net = Sequential::new(4).dense(8, Activation::Relu).dense(3, Activation::Softmax);
    /// assert_eq!(net.layers()[0], Layer::Dense { units: 8, activation: Activation::Relu });
    /// assert_eq!(net.output_width(), Some(3));
    /// ```
    pub fn dense(mut self, units: usize, activation: Activation) -> Self {
        self.layers.push(Layer::Dense { units, activation });
        self
    }

    /// Appends a dropout layer that drops values with probability `rate` during training (a
    /// rate outside `[0, 1)` is an error at fit time).
    ///
    /// ```
    /// use grid_core::nn::{Activation, Layer, Sequential};
    /// let net = Sequential::new(4).dense(8, Activation::Relu).dropout(0.25).dense(1, Activation::Linear);
    /// assert_eq!(net.layers()[1], Layer::Dropout { rate: 0.25 });
    /// // Dropout does not change the output width.
    /// assert_eq!(net.output_width(), Some(1));
    /// ```
    pub fn dropout(mut self, rate: f64) -> Self {
        self.layers.push(Layer::Dropout { rate });
        self
    }

    /// Appends any layer.
    ///
    /// ```
    /// use grid_core::nn::{Activation, Layer, Sequential};
    /// let net = Sequential::new(3).layer(Layer::Dense { units: 2, activation: Activation::Tanh });
    /// assert_eq!(net.layers().len(), 1);
    /// ```
    pub fn layer(mut self, layer: Layer) -> Self {
        self.layers.push(layer);
        self
    }

    /// Number of input features the network expects.
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// The layers, in order (indices are those of [`Error::InvalidSpec`](crate::Error::InvalidSpec)).
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// Width of the last dense layer, if there is one.
    pub fn output_width(&self) -> Option<usize> {
        self.last_dense().map(|(_, units, _)| units)
    }

    /// Index, units and activation of the last dense layer.
    pub(crate) fn last_dense(&self) -> Option<(usize, usize, Activation)> {
        self.layers.iter().enumerate().rev().find_map(|(i, layer)| match *layer {
            Layer::Dense { units, activation } => Some((i, units, activation)),
            Layer::Dropout { .. } => None,
        })
    }

    /// `(fan_in, fan_out)` of every dense layer, in order.
    pub(crate) fn dense_shapes(&self) -> Vec<(usize, usize)> {
        let mut width = self.n_features;
        let mut shapes = Vec::new();
        for layer in &self.layers {
            if let Layer::Dense { units, .. } = *layer {
                shapes.push((width, units));
                width = units;
            }
        }
        shapes
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Layer::Dense { units, activation } => write!(f, "Dense({units}, {activation})"),
            Layer::Dropout { rate } => write!(f, "Dropout({rate})"),
        }
    }
}

impl fmt::Display for Sequential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sequential({}", self.n_features)?;
        for layer in &self.layers {
            write!(f, " -> {layer}")?;
        }
        write!(f, ")")
    }
}
