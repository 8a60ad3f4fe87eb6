//! The `Display` of a parameter struct: `{activation: Relu, units: 10}`.

use std::fmt::{self, Debug};

use itertools::Itertools;

use super::{FitParamSet, SetByGrid};

/// The entries a `#[tunable]` struct's `Display` shows, sorted by name: for a candidate of a
/// grid, the axes its branch searched (as scikit-learn's `best_params_`); otherwise every
/// parameter of the build function and the fit parameters that differ from their defaults.
///
/// ```
/// use grid_core::grid::{ParamEntries, SetByGrid};
/// use grid_core::nn::FitParams;
/// let fit = FitParams { epochs: 5, ..FitParams::default() };
///
/// let mut searched = ParamEntries::new(SetByGrid::new(&["epochs"]));
/// searched.own("units", &10);
/// searched.fit(&fit);
/// assert_eq!(searched.to_string(), "{epochs: 5}");
///
/// let mut by_hand = ParamEntries::new(SetByGrid::default());
/// by_hand.own("units", &10);
/// by_hand.fit(&fit);
/// assert_eq!(by_hand.to_string(), "{epochs: 5, units: 10}");
/// ```
#[derive(Debug)]
pub struct ParamEntries {
    set: SetByGrid,
    entries: Vec<(&'static str, String)>,
}

impl ParamEntries {
    /// No entries yet, for a candidate whose grid set `set`.
    pub fn new(set: SetByGrid) -> Self {
        ParamEntries { set, entries: Vec::new() }
    }

    /// A parameter of the build function, shown with `Debug` (when it is to be shown).
    pub fn own(&mut self, name: &'static str, value: &dyn Debug) {
        if !self.set.from_grid() || self.set.contains(name) {
            self.entries.push((name, format!("{value:?}")));
        }
    }

    /// The fit parameters (those to be shown).
    pub fn fit<F: FitParamSet>(&mut self, fit: &F) {
        let defaults = F::default();
        for &name in F::NAMES {
            let shown = fit.show(name);
            let keep =
                if self.set.from_grid() { self.set.contains(name) } else { shown != defaults.show(name) };
            if let (true, Some(shown)) = (keep, shown) {
                self.entries.push((name, shown));
            }
        }
    }
}

impl fmt::Display for ParamEntries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut entries: Vec<&(&str, String)> = self.entries.iter().collect();
        entries.sort_by_key(|(name, _)| *name);
        write_params(f, entries.iter().map(|(name, shown)| (*name, shown.as_str())))
    }
}

/// Writes `{name: value, ..}`.
///
/// ```
/// struct Two;
/// impl std::fmt::Display for Two {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         grid_core::grid::write_params(f, [("a", "1"), ("b", "Relu")])
///     }
/// }
/// assert_eq!(Two.to_string(), "{a: 1, b: Relu}");
/// ```
pub fn write_params<'a>(
    f: &mut fmt::Formatter<'_>,
    entries: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> fmt::Result {
    let entries =
        entries.into_iter().format_with(", ", |(name, shown), f| f(&format_args!("{name}: {shown}")));
    write!(f, "{{{entries}}}")
}

/// A parameter value stored as JSON, as a search shows it: strings bare, `null` as `None`,
/// anything else as JSON.
pub(crate) fn json_label(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "None".to_string(),
        other => other.to_string(),
    }
}
