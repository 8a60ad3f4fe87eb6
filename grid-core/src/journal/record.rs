//! The lines of a journal: a header, a session line per run, one fit line per finished cell.
//! Scores are JSON numbers, written so that they read back bit for bit; NaN is `null` and
//! infinities are the strings `"inf"` and `"-inf"`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::fingerprint::{Fingerprints, SettingsDetail};
use super::shard::Shard;
use crate::search::engine::Outcome;

/// The version of the journal format.
pub(crate) const VERSION: u32 = 1;

/// The first line of a journal: what search wrote it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Header {
    /// The format version.
    pub(crate) gridcv_journal: u32,
    pub(crate) fingerprints: Fingerprints,
    pub(crate) settings: SettingsDetail,
    pub(crate) n_candidates: usize,
    pub(crate) n_splits: usize,
    pub(crate) metrics: Vec<String>,
    pub(crate) refit_metric: usize,
    pub(crate) param_names: Vec<String>,
    pub(crate) shard: Shard,
}

/// One finished (candidate, split) fit.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct FitRecord {
    pub(crate) candidate: usize,
    pub(crate) split: usize,
    /// The candidate's parameters, as JSON.
    pub(crate) params: Value,
    /// The axes the candidate's branch sets (a union grid), `null` when all apply.
    pub(crate) grid_params: Option<Vec<String>>,
    /// One test score per metric.
    pub(crate) test: Vec<Value>,
    /// One train score per metric, when asked for.
    pub(crate) train: Option<Vec<Value>>,
    pub(crate) fit_time: f64,
    pub(crate) score_time: f64,
    /// Why the fit failed, `null` when it succeeded.
    pub(crate) error: Option<String>,
    /// Seconds since the Unix epoch when the fit finished.
    pub(crate) finished_at: f64,
    pub(crate) fingerprints: Fingerprints,
}

/// A line of a journal.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Line {
    Header(Header),
    /// A run of the search opened the journal: when, and how many cells it already held.
    Session {
        started_at: f64,
        cells_done: usize,
        threads: usize,
    },
    Fit(FitRecord),
}

impl FitRecord {
    /// The outcome this record holds; `line` names it in errors.
    pub(crate) fn outcome(&self, path: &std::path::Path, line: usize) -> crate::Result<Outcome> {
        let scores = |values: &[Value]| -> crate::Result<Vec<f64>> {
            values
                .iter()
                .map(|v| {
                    score_from_json(v).ok_or_else(|| crate::Error::Journal {
                        path: path.to_path_buf(),
                        line: Some(line),
                        reason: format!("damaged line: {v} is not a score"),
                    })
                })
                .collect()
        };
        Ok(Outcome {
            test: scores(&self.test)?,
            train: self.train.as_deref().map(scores).transpose()?,
            fit_time: self.fit_time,
            score_time: self.score_time,
            error: self.error.clone().map(crate::Error::RecordedFailure),
        })
    }
}

/// A score as JSON: a number, `null` for NaN, `"inf"`/`"-inf"`.
pub(crate) fn score_to_json(x: f64) -> Value {
    if x.is_nan() {
        Value::Null
    } else if x.is_infinite() {
        Value::from(if x > 0.0 { "inf" } else { "-inf" })
    } else {
        serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
    }
}

/// The inverse of [`score_to_json`]; `None` for anything else.
pub(crate) fn score_from_json(v: &Value) -> Option<f64> {
    match v {
        Value::Null => Some(f64::NAN),
        Value::Number(n) => n.as_f64(),
        Value::String(s) if s == "inf" => Some(f64::INFINITY),
        Value::String(s) if s == "-inf" => Some(f64::NEG_INFINITY),
        _ => None,
    }
}

/// Seconds since the Unix epoch.
pub(crate) fn now() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_round_trip_bit_for_bit() {
        for x in [0.1, -1.0 / 3.0, f64::MIN_POSITIVE, 1e300, f64::INFINITY, f64::NEG_INFINITY, -0.0] {
            let text = serde_json::to_string(&score_to_json(x)).unwrap();
            let back = score_from_json(&serde_json::from_str(&text).unwrap()).unwrap();
            assert_eq!(back.to_bits(), x.to_bits(), "{x} -> {text}");
        }
        assert!(score_from_json(&Value::Null).unwrap().is_nan());
        assert_eq!(score_from_json(&Value::from("x")), None);
    }
}
