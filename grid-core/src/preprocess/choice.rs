//! `Scaler`: which scaler a candidate uses, as a value a grid axis can take.

use serde::{Deserialize, Serialize};

use super::scalers::{MaxAbsScaler, MinMaxScaler, RobustScaler, StandardScaler};
use super::step::Step;

/// A choice of scaler with its default settings, for a grid axis
/// (`scaler: [Scaler::None, Scaler::Standard]`): a parameter of this type in a `#[tunable]`
/// build function, read by the pipeline's [`step_from`](crate::pipeline::Pipeline::step_from).
///
/// ```
/// use grid_core::preprocess::{Scaler, Step, StandardScaler};
/// assert_eq!(Scaler::default(), Scaler::None);
/// assert_eq!(Scaler::None.step(), None);
/// assert_eq!(Scaler::Standard.step(), Some(Step::from(StandardScaler::default())));
/// assert_eq!(Scaler::MinMax.to_string(), "MinMax");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scaler {
    /// No scaling (the default).
    #[default]
    None,
    /// [`StandardScaler`].
    Standard,
    /// [`MinMaxScaler`].
    MinMax,
    /// [`RobustScaler`].
    Robust,
    /// [`MaxAbsScaler`].
    MaxAbs,
}

impl Scaler {
    /// The step, `None` for no scaling.
    pub fn step(self) -> Option<Step> {
        match self {
            Scaler::None => None,
            Scaler::Standard => Some(StandardScaler::default().into()),
            Scaler::MinMax => Some(MinMaxScaler::default().into()),
            Scaler::Robust => Some(RobustScaler::default().into()),
            Scaler::MaxAbs => Some(MaxAbsScaler.into()),
        }
    }
}

impl From<Scaler> for Option<Step> {
    fn from(scaler: Scaler) -> Option<Step> {
        scaler.step()
    }
}

impl std::fmt::Display for Scaler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}
