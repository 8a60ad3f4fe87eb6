//! `cv_results_` as columns with scikit-learn's names, written as CSV or JSON.

use std::path::Path;

use serde_json::{Map, Number, Value};

use super::{CandidateResult, CvResults, Scores};
use crate::error::{Error, Result};
use crate::grid::Params;

/// A named column of the export.
pub(crate) type Column = (String, Vec<Value>);

fn number(x: f64) -> Value {
    Number::from_f64(x).map_or(Value::Null, Value::Number)
}

impl<P: Params> CvResults<P> {
    /// The columns of scikit-learn's `cv_results_`, in its order: `mean_fit_time`,
    /// `std_fit_time`, `mean_score_time`, `std_score_time`, `param_<name>`..., `params`, then
    /// per metric `split<i>_test_<m>`, `mean_test_<m>`, `std_test_<m>`, `rank_test_<m>` and,
    /// with train scores, `split<i>_train_<m>`, `mean_train_<m>`, `std_train_<m>`. `<m>` is
    /// `score` for a single metric and the metric's name otherwise. NaN becomes `null`, and so
    /// does a parameter the row's branch of a union grid does not set (scikit-learn masks it);
    /// `params` holds only the parameters the row's branch sets.
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// use grid_core::search::GridSearchCV;
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![1.0_f32, 2.0, 3.0, 4.0]);
    /// let search = GridSearchCV::new(DummyRegressor, vec![Strategy::Mean]).cv(2).verbose(0).fit(&x, &y)?;
    /// let names: Vec<String> = search.cv_results().columns().into_iter().map(|(name, _)| name).collect();
    /// assert_eq!(names, [
    ///     "mean_fit_time", "std_fit_time", "mean_score_time", "std_score_time", "param_value", "params",
    ///     "split0_test_score", "split1_test_score", "mean_test_score", "std_test_score", "rank_test_score",
    /// ]);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn columns(&self) -> Vec<Column> {
        let rows = &self.candidates;
        let col = |name: String, f: &dyn Fn(&CandidateResult<P>) -> Value| -> Column {
            (name, rows.iter().map(f).collect())
        };
        let mut cols = vec![
            col("mean_fit_time".into(), &|r| number(r.fit_time.mean)),
            col("std_fit_time".into(), &|r| number(r.fit_time.std)),
            col("mean_score_time".into(), &|r| number(r.score_time.mean)),
            col("std_score_time".into(), &|r| number(r.score_time.std)),
        ];
        for name in &self.param_names {
            cols.push(col(format!("param_{name}"), &|r| self.grid_param(r, name).unwrap_or(Value::Null)));
        }
        cols.push(col("params".into(), &|r| {
            Value::Object(
                self.param_names
                    .iter()
                    .filter_map(|n| Some((n.clone(), self.grid_param(r, n)?)))
                    .collect::<Map<_, _>>(),
            )
        }));
        let has_train = rows.iter().any(|r| r.train.is_some());
        for (m, metric) in self.metrics.iter().enumerate() {
            let suffix = if self.metrics.len() == 1 { "score" } else { metric.as_str() };
            self.score_columns(&mut cols, "test", suffix, |r| r.test.get(m));
            cols.push(col(format!("rank_test_{suffix}"), &|r| {
                r.rank.get(m).map_or(Value::Null, |&k| Value::from(k))
            }));
            if has_train {
                self.score_columns(&mut cols, "train", suffix, |r| r.train.as_ref().and_then(|t| t.get(m)));
            }
        }
        cols
    }

    /// Appends `split<i>_<kind>_<suffix>`, `mean_<kind>_<suffix>` and `std_<kind>_<suffix>`.
    fn score_columns(
        &self,
        cols: &mut Vec<Column>,
        kind: &str,
        suffix: &str,
        get: impl Fn(&CandidateResult<P>) -> Option<&Scores>,
    ) {
        let column = |name: String, f: &dyn Fn(&Scores) -> f64| -> Column {
            (name, self.candidates.iter().map(|r| get(r).map_or(Value::Null, |s| number(f(s)))).collect())
        };
        for split in 0..self.n_splits {
            cols.push(column(format!("split{split}_{kind}_{suffix}"), &|s| {
                s.splits.get(split).copied().unwrap_or(f64::NAN)
            }));
        }
        cols.push(column(format!("mean_{kind}_{suffix}"), &|s| s.mean));
        cols.push(column(format!("std_{kind}_{suffix}"), &|s| s.std));
    }

    /// The columns as one JSON object of arrays (what `pd.DataFrame(cv_results_)` is built from).
    pub fn to_json_value(&self) -> Value {
        json_object(self.columns())
    }

    /// Writes [`columns`](Self::columns) as a JSON object of arrays.
    pub fn to_json(&self, path: impl AsRef<Path>) -> Result<()> {
        write_json(&self.to_json_value(), path.as_ref())
    }

    /// The CSV text of [`columns`](Self::columns): a header, then one line per candidate.
    /// Strings are written bare, `params` as a JSON object, and NaN and masked parameters as
    /// an empty cell, as pandas' `pd.DataFrame(cv_results_).to_csv()` writes them.
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// use grid_core::search::GridSearchCV;
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![1.0_f32, 2.0, 3.0, 4.0]);
    /// let search = GridSearchCV::new(DummyRegressor, vec![Strategy::Mean]).cv(2).verbose(0).fit(&x, &y)?;
    /// let csv = search.cv_results().to_csv_string();
    /// assert!(csv.lines().next().unwrap().ends_with("mean_test_score,std_test_score,rank_test_score"));
    /// // Predicting the training mean scores R² = -16 on both folds.
    /// assert!(csv.lines().nth(1).unwrap().ends_with(",-16.0,-16.0,-16.0,0.0,1"));
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn to_csv_string(&self) -> String {
        csv_text(&self.columns(), self.candidates.len())
    }

    /// Writes [`to_csv_string`](Self::to_csv_string) to `path`.
    pub fn to_csv(&self, path: impl AsRef<Path>) -> Result<()> {
        write_text(&self.to_csv_string(), path.as_ref())
    }
}

/// Columns as one JSON object of arrays.
pub(crate) fn json_object(columns: Vec<Column>) -> Value {
    Value::Object(columns.into_iter().map(|(n, v)| (n, Value::Array(v))).collect())
}

/// Writes `value` as pretty JSON to `path`.
pub(crate) fn write_json(value: &Value, path: &Path) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::Parse {
        source_name: path.display().to_string(),
        line: None,
        reason: e.to_string(),
    })?;
    write_text(&text, path)
}

/// The CSV text of `rows` rows of `columns`: a header, then a line per row; strings bare, `null`
/// an empty cell, anything else as JSON (as pandas writes a frame of them).
pub(crate) fn csv_text(columns: &[Column], rows: usize) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let cell = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    // Writing to a Vec cannot fail.
    let _ = out.write_record(columns.iter().map(|(n, _)| n.as_str()));
    for row in 0..rows {
        let _ = out.write_record(columns.iter().map(|(_, v)| cell(&v[row])));
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Writes `text` to `path`, an [`Error::Io`] naming the path when it cannot.
pub(crate) fn write_text(text: &str, path: &Path) -> Result<()> {
    std::fs::write(path, text).map_err(|source| Error::Io { path: path.to_path_buf(), source })
}
