//! Fit parameters: the settings that train a build function's output (a network's `epochs`,
//! `optimizer`, ...), declared by the output's type, so that a grid can tune them beside the
//! build function's own parameters only where they mean something.
//!
//! A build function's return type names its fit parameters with [`TrainedWith`]: the neural
//! [`Sequential`](crate::nn::Sequential) is trained with [`nn::FitParams`](crate::nn::FitParams),
//! a model that takes none with [`NoFitParams`]. `#[tunable]` stores them in its parameter
//! struct (reachable as fields through `Deref`, and through [`HasFitParams`]); `grid!` sets an
//! axis on them when the build function has no parameter of that name, and an axis that is
//! neither is a compile error at the axis.

use std::fmt::Debug;

use serde::de::DeserializeOwned;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};

/// The fit parameters a build function's output is trained with: implemented by the type a
/// `#[tunable]` function returns. An estimator that takes no fit parameters says so with
/// [`NoFitParams`]; gridcv implements it so for the standard library's types (numbers,
/// `String`, `Vec`, `Box`, `Option`, tuples, arrays).
///
/// ```
/// use grid_core::grid::{NoFitParams, TrainedWith};
///
/// /// A ridge regression: its only parameter is the build function's `alpha`.
/// pub struct Ridge { pub alpha: f64 }
///
/// impl TrainedWith for Ridge {
///     type FitParams = NoFitParams;
/// }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not say which fit parameters train it",
    label = "the return type of a `#[tunable]` function must implement `TrainedWith`",
    note = "write `impl gridcv::grid::TrainedWith for {Self} {{ type FitParams = gridcv::grid::NoFitParams; }}` \
            for a model without fit parameters"
)]
pub trait TrainedWith {
    /// The fit-parameter struct ([`NoFitParams`] for none).
    type FitParams: FitParamSet;
}

/// A struct of fit parameters, as [`nn::FitParams`](crate::nn::FitParams). Derive it with
/// `#[derive(FitParamSet)]` (from `gridcv`), which also gives each field the hidden accessor
/// `grid!` sets it through.
///
/// ```
/// use grid_core::grid::FitParamSet;
/// use grid_core::nn::FitParams;
/// assert!(FitParams::NAMES.contains(&"epochs"));
/// assert_eq!(FitParams::default().show("epochs").as_deref(), Some("100"));
/// assert_eq!(FitParams::default().show("units"), None);
/// ```
pub trait FitParamSet:
    Clone + Debug + Default + PartialEq + Serialize + DeserializeOwned + Send + Sync + 'static
{
    /// The field names, in declaration order.
    const NAMES: &'static [&'static str];

    /// Field `name` as the results show it (`None` for a name that is not a field).
    ///
    /// ```
    /// use grid_core::grid::{FitParamSet, NoFitParams};
    /// assert_eq!(NoFitParams.show("epochs"), None);
    /// ```
    fn show(&self, name: &str) -> Option<String>;

    /// Writes every field into `map`, as serde would write them flattened into the parameter
    /// struct that holds them.
    ///
    /// ```
    /// use grid_core::grid::FitParamSet;
    /// use grid_core::nn::FitParams;
    /// use serde::ser::{SerializeMap, Serializer};
    /// let mut out = Vec::new();
    /// let mut serializer = serde_json::Serializer::new(&mut out);
    /// let mut map = serializer.serialize_map(None).unwrap();
    /// FitParams::default().serialize_fields(&mut map).unwrap();
    /// map.end().unwrap();
    /// assert!(String::from_utf8(out).unwrap().starts_with(r#"{"epochs":100,"batch_size":32"#));
    /// ```
    fn serialize_fields<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

/// The fit parameters of a model that takes none: a `grid!` axis that is not a parameter of
/// its build function is then a compile error.
///
/// ```
/// use grid_core::grid::{FitParamSet, NoFitParams};
/// assert!(NoFitParams::NAMES.is_empty());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NoFitParams;

impl FitParamSet for NoFitParams {
    const NAMES: &'static [&'static str] = &[];

    fn show(&self, _name: &str) -> Option<String> {
        None
    }

    fn serialize_fields<M: SerializeMap>(&self, _map: &mut M) -> Result<(), M::Error> {
        Ok(())
    }
}

/// Reading and setting a candidate's fit parameters generically: every `#[tunable]` struct
/// implements it (with its output's [`TrainedWith::FitParams`]), and so do
/// [`nn::NetParams`](crate::nn::NetParams) and [`nn::FitParams`](crate::nn::FitParams) itself.
/// Estimators read the fit parameters through it; a wrapper of candidates or a search that
/// sets a resource (`epochs`) on a candidate writes them through it.
///
/// ```
/// use grid_core::grid::HasFitParams;
/// use grid_core::nn::FitParams;
///
/// fn with_epochs<P: HasFitParams<FitParams = FitParams>>(mut candidate: P, epochs: usize) -> P {
///     candidate.fit_params_mut().epochs = epochs;
///     candidate
/// }
/// assert_eq!(with_epochs(FitParams::default(), 7).fit_params().epochs, 7);
/// ```
pub trait HasFitParams {
    /// The fit-parameter struct.
    type FitParams: FitParamSet;

    /// This candidate's fit parameters.
    ///
    /// ```
    /// use grid_core::grid::HasFitParams;
    /// assert_eq!(grid_core::nn::FitParams::default().fit_params().batch_size, 32);
    /// ```
    fn fit_params(&self) -> &Self::FitParams;

    /// This candidate's fit parameters, to change them.
    ///
    /// ```
    /// use grid_core::grid::HasFitParams;
    /// let mut params = grid_core::nn::FitParams::default();
    /// params.fit_params_mut().batch_size = 8;
    /// assert_eq!(params.batch_size, 8);
    /// ```
    fn fit_params_mut(&mut self) -> &mut Self::FitParams;
}

macro_rules! trained_without_fit_params {
    ($($ty:ty),* $(,)?) => {$(
        impl TrainedWith for $ty {
            type FitParams = NoFitParams;
        }
    )*};
}
trained_without_fit_params!(
    (),
    bool,
    char,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    f32,
    f64,
    String,
    &'static str,
);

impl<T> TrainedWith for Vec<T> {
    type FitParams = NoFitParams;
}

impl<T: ?Sized> TrainedWith for Box<T> {
    type FitParams = NoFitParams;
}

impl<T> TrainedWith for Option<T> {
    type FitParams = NoFitParams;
}

impl<T, const N: usize> TrainedWith for [T; N] {
    type FitParams = NoFitParams;
}

macro_rules! trained_without_fit_params_tuple {
    ($(($($t:ident),+)),* $(,)?) => {$(
        impl<$($t),+> TrainedWith for ($($t,)+) {
            type FitParams = NoFitParams;
        }
    )*};
}
trained_without_fit_params_tuple!((A), (A, B), (A, B, C), (A, B, C, D));

/// `true` when `names` holds `name`, usable in `const` (the check `#[tunable]` makes that a
/// parameter of a build function is not also a fit parameter of its output).
///
/// ```
/// const CLASH: bool = grid_core::grid::names_contain(&["epochs", "batch_size"], "epochs");
/// assert!(CLASH);
/// assert!(!grid_core::grid::names_contain(&[], "epochs"));
/// ```
pub const fn names_contain(names: &[&str], name: &str) -> bool {
    let mut i = 0;
    while i < names.len() {
        if str_eq(names[i], name) {
            return true;
        }
        i += 1;
    }
    false
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}
