//! `NetParams`: a fixed network and fit parameters, for fitting without a grid or a
//! `#[tunable]` build function.

use std::fmt;

use serde::Serialize;

use super::config::FitParams;
use super::sequential::Sequential;
use crate::grid::{HasFitParams, Meta, Tunable};

/// One fixed candidate: a network spec and its fit parameters. Its build function ignores the
/// problem's [`Meta`] and returns `spec` as is, so `spec` must already take the data's number of
/// features and give the right output width.
///
/// ```
/// use grid_core::grid::{Meta, Tunable};
/// use grid_core::nn::{Activation, FitParams, NetParams, Sequential};
/// let p = NetParams::new(Sequential::new(3).dense(1, Activation::Linear), FitParams::default());
/// assert_eq!(p.build(&Meta::default()).n_features(), 3);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct NetParams {
    /// The network.
    pub spec: Sequential,
    /// How to train it.
    pub fit: FitParams,
}

impl NetParams {
    /// Bundles a spec and fit parameters.
    pub fn new(spec: Sequential, fit: FitParams) -> Self {
        NetParams { spec, fit }
    }
}

impl fmt::Display for NetParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{spec: {}, fit: {:?}}}", self.spec, self.fit)
    }
}

impl Tunable for NetParams {
    type Output = Sequential;

    fn build(&self, _meta: &Meta) -> Sequential {
        self.spec.clone()
    }
}

impl HasFitParams for NetParams {
    type FitParams = FitParams;

    fn fit_params(&self) -> &FitParams {
        &self.fit
    }

    fn fit_params_mut(&mut self) -> &mut FitParams {
        &mut self.fit
    }
}
