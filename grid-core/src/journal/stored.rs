//! A candidate's parameters as a journal stores them: JSON, shown as the search shows its own.

use std::fmt;

use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::grid::json_label;
use crate::grid::write_params;

/// The parameters of a candidate read back from a journal: the JSON its record holds, shown
/// as `{activation: Relu, units: 10}` with the axes its grid (or its branch of a union) searched,
/// as the search's own parameters show them. It serializes as that JSON, so the exports of a
/// merge equal the search's.
///
/// ```
/// use grid_core::journal::StoredParams;
/// let stored = StoredParams::new(
///     serde_json::json!({"activation": "Relu", "epochs": 100, "units": 10}),
///     ["units", "activation"],
/// );
/// assert_eq!(stored.to_string(), "{activation: Relu, units: 10}");
/// assert_eq!(serde_json::to_value(&stored).unwrap()["epochs"], 100);
/// // Parameters that are not a struct show as their value.
/// assert_eq!(StoredParams::new(serde_json::json!("Median"), ["value"]).to_string(), "Median");
/// let constant = StoredParams::new(serde_json::json!({"Constant": 2.0}), ["value"]);
/// assert_eq!(constant.to_string(), r#"{"Constant":2.0}"#);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct StoredParams {
    value: Value,
    shown: Vec<String>,
}

impl StoredParams {
    /// `value`, showing the parameters `shown` (sorted by name when shown).
    pub fn new(value: Value, shown: impl IntoIterator<Item = impl Into<String>>) -> Self {
        let mut shown: Vec<String> = shown.into_iter().map(Into::into).collect();
        shown.sort();
        StoredParams { value, shown }
    }

    /// The JSON the journal holds.
    pub fn value(&self) -> &Value {
        &self.value
    }
}

impl fmt::Display for StoredParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.value {
            // A parameter struct: the searched fields.
            Value::Object(map)
                if !self.shown.is_empty() && self.shown.iter().all(|n| map.contains_key(n)) =>
            {
                let entries: Vec<(&str, String)> =
                    self.shown.iter().map(|name| (name.as_str(), json_label(&map[name]))).collect();
                write_params(f, entries.iter().map(|(name, shown)| (*name, shown.as_str())))
            }
            // Anything else (an enum, a number): the value itself.
            other => f.write_str(&json_label(other)),
        }
    }
}

impl Serialize for StoredParams {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}
