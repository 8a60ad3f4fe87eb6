//! The resource halving gives more of each round, and the one place it is set on a candidate.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, Result};

/// What successive halving gives more of to the candidates that survive a round
/// (scikit-learn's `resource`): the number of training samples, or an integer parameter of
/// the candidates, such as the fit parameter `epochs` of a network.
///
/// ```
/// use grid_core::search::Resource;
/// assert_eq!(Resource::from("n_samples"), Resource::NSamples);
/// assert_eq!(Resource::from("epochs"), Resource::Param("epochs"));
/// assert_eq!(Resource::default(), Resource::NSamples);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Resource {
    /// Each round trains (and scores) on a seeded subsample of every split, as scikit-learn
    /// does (the default).
    #[default]
    NSamples,
    /// Each round sets this integer parameter of the candidates (`"epochs"`).
    Param(&'static str),
}

impl Resource {
    /// `epochs`: each round trains every candidate for that many epochs.
    pub fn epochs() -> Self {
        Resource::Param("epochs")
    }

    /// The name, as scikit-learn writes it.
    pub fn name(&self) -> &str {
        match self {
            Resource::NSamples => "n_samples",
            Resource::Param(name) => name,
        }
    }
}

impl From<&'static str> for Resource {
    fn from(name: &'static str) -> Self {
        match name {
            "n_samples" => Resource::NSamples,
            other => Resource::Param(other),
        }
    }
}

/// The candidate `params` with its integer parameter `name` set to `value`: the one place the
/// halving search writes a candidate's resource. It goes through the candidate's serde form
/// (every `#[tunable]` struct has one), so any integer field works, the fit parameters
/// (`epochs`) as the build function's own.
///
/// ```
/// use grid_core::search::with_resource;
/// #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
/// struct Fit { epochs: usize, units: usize }
/// let p = with_resource(&Fit { epochs: 100, units: 8 }, "epochs", 9)?;
/// assert_eq!(p, Fit { epochs: 9, units: 8 });
/// assert!(with_resource(&p, "epoch", 9).is_err());
/// # Ok::<(), grid_core::Error>(())
/// ```
pub fn with_resource<P: Serialize + DeserializeOwned>(params: &P, name: &str, value: usize) -> Result<P> {
    let mut json = to_object(params, name)?;
    let slot = json.get_mut(name).ok_or_else(|| no_such_param(name))?;
    if !slot.is_u64() {
        return Err(Error::invalid("resource", format!("the parameter `{name}` is not an integer ({slot})")));
    }
    *slot = Value::from(value);
    serde_json::from_value(Value::Object(json))
        .map_err(|e| Error::invalid("resource", format!("cannot set `{name}` to {value}: {e}")))
}

/// The value of the integer parameter `name` of `params`.
pub(crate) fn read_resource<P: Serialize>(params: &P, name: &str) -> Result<usize> {
    let json = to_object(params, name)?;
    let value = json.get(name).ok_or_else(|| no_such_param(name))?;
    value.as_u64().and_then(|v| usize::try_from(v).ok()).ok_or_else(|| {
        Error::invalid("resource", format!("the parameter `{name}` is not an integer ({value})"))
    })
}

fn to_object<P: Serialize>(params: &P, name: &str) -> Result<serde_json::Map<String, Value>> {
    match serde_json::to_value(params) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(no_such_param(name)),
    }
}

fn no_such_param(name: &str) -> Error {
    Error::invalid(
        "resource",
        format!("the candidates have no parameter `{name}`: use `n_samples` or one of their integer fields"),
    )
}
