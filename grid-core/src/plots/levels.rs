//! The distinct values a parameter takes in a search, in the order the pictures show them.

use serde_json::Value;

use crate::error::{Error, Result};
use crate::grid::Params;
use crate::results::{CandidateResult, CvResults, Scores};

/// The values of one parameter: numbers in increasing order, anything else in the order the
/// grid first sets it.
pub(crate) struct Levels {
    /// The parameter's name.
    pub name: String,
    /// The distinct values.
    pub values: Vec<Value>,
}

impl Levels {
    /// The values `name` takes among the rows that set it; an error naming `name` when it is
    /// not a parameter of the search.
    pub fn of<P: Params>(results: &CvResults<P>, name: &str) -> Result<Levels> {
        if !results.param_names.iter().any(|n| n == name) {
            return Err(Error::invalid(
                name,
                format!(
                    "not a parameter of the search; its parameters are {}",
                    results.param_names.join(", ")
                ),
            ));
        }
        let mut values: Vec<Value> = Vec::new();
        for row in &results.candidates {
            if let Some(v) = results.grid_param(row, name) {
                if !values.contains(&v) {
                    values.push(v);
                }
            }
        }
        if values.iter().all(Value::is_number) {
            values.sort_by(|a, b| a.as_f64().unwrap_or(f64::NAN).total_cmp(&b.as_f64().unwrap_or(f64::NAN)));
        }
        Ok(Levels { name: name.to_string(), values })
    }

    /// As [`of`](Self::of), and an error when the parameter takes fewer than two values (there
    /// is nothing to compare along it).
    pub fn varying<P: Params>(results: &CvResults<P>, name: &str) -> Result<Levels> {
        let levels = Self::of(results, name)?;
        match levels.values.len() {
            0 | 1 => Err(Error::invalid(
                name,
                format!(
                    "takes {} value{} in the search ({}); a picture along it needs at least two",
                    levels.values.len(),
                    if levels.values.len() == 1 { "" } else { "s" },
                    levels.labels().join(", ")
                ),
            )),
            _ => Ok(levels),
        }
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// The values as the axis shows them: strings bare, `null` as `None`.
    pub fn labels(&self) -> Vec<String> {
        self.values.iter().map(label).collect()
    }

    /// Position of `row`'s value among the levels (`None` when its branch does not set it).
    pub fn position<P: Params>(&self, results: &CvResults<P>, row: &CandidateResult<P>) -> Option<usize> {
        let v = results.grid_param(row, &self.name)?;
        self.values.iter().position(|x| *x == v)
    }
}

/// Whether a parameter other than `except` takes two values or more (a picture along `except`
/// then shows, at each point, the best of several candidates).
pub(crate) fn others_vary<P: Params>(results: &CvResults<P>, except: &[&str]) -> bool {
    results
        .param_names
        .iter()
        .filter(|n| !except.contains(&n.as_str()))
        .any(|n| Levels::of(results, n).is_ok_and(|l| l.len() > 1))
}

/// A parameter value as a label.
pub(crate) fn label(v: &Value) -> String {
    crate::grid::json_label(v)
}

/// The scorer the pictures draw, named in their titles: the search's refit metric (the one
/// its best candidate is chosen by).
pub(crate) fn metric<P>(results: &CvResults<P>) -> &str {
    results.metrics.get(results.refit_metric).map_or("score", String::as_str)
}

/// `row`'s test scores for the metric the pictures draw.
pub(crate) fn test_scores<'r, P>(results: &CvResults<P>, row: &'r CandidateResult<P>) -> Option<&'r Scores> {
    row.test.get(results.refit_metric)
}

/// `row`'s train scores for the metric the pictures draw, when the search kept them.
pub(crate) fn train_scores<'r, P>(results: &CvResults<P>, row: &'r CandidateResult<P>) -> Option<&'r Scores> {
    row.train.as_ref()?.get(results.refit_metric)
}

/// `row`'s mean test score for the metric the pictures draw (NaN when it has none).
pub(crate) fn mean_test<P>(results: &CvResults<P>, row: &CandidateResult<P>) -> f64 {
    test_scores(results, row).map_or(f64::NAN, |s| s.mean)
}
