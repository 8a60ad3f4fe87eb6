//! The typed rows of a search: one per candidate, with its per-split scores and timings.

use crate::grid::Params;

/// The scores of one candidate for one metric.
#[derive(Clone, Debug, PartialEq)]
pub struct Scores {
    /// One score per split (the error score where the fit failed).
    pub splits: Vec<f64>,
    /// Mean over splits (NaN if any split is NaN, as numpy).
    pub mean: f64,
    /// Population standard deviation over splits.
    pub std: f64,
}

impl Scores {
    /// Scores with their mean and standard deviation.
    ///
    /// ```
    /// let s = grid_core::results::Scores::new(vec![1.0, 3.0]);
    /// assert_eq!((s.mean, s.std), (2.0, 1.0));
    /// ```
    pub fn new(splits: Vec<f64>) -> Self {
        Scores { mean: super::mean(&splits), std: super::std(&splits), splits }
    }
}

/// Mean and standard deviation of a time in seconds over splits.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Timing {
    /// Mean seconds.
    pub mean: f64,
    /// Population standard deviation of the seconds.
    pub std: f64,
}

impl Timing {
    /// The mean and std of `seconds`.
    ///
    /// ```
    /// let t = grid_core::results::Timing::of(&[0.5, 1.5]);
    /// assert_eq!((t.mean, t.std), (1.0, 0.5));
    /// ```
    pub fn of(seconds: &[f64]) -> Self {
        Timing { mean: super::mean(seconds), std: super::std(seconds) }
    }
}

/// One candidate's row of [`CvResults`].
#[derive(Clone, Debug, PartialEq)]
pub struct CandidateResult<P> {
    /// The candidate's index in the grid.
    pub index: usize,
    /// The candidate's parameters.
    pub params: P,
    /// The names of the parameters the candidate's branch of the grid sets, for a union of
    /// branches; the other `param_<name>` columns are left empty for this row and its `params`
    /// omits them, as scikit-learn masks them. `None`: every parameter column applies.
    pub grid_params: Option<Vec<&'static str>>,
    /// Test scores, one entry per metric (in the order of [`CvResults::metrics`]).
    pub test: Vec<Scores>,
    /// Rank of the mean test score, one entry per metric (1 is best).
    pub rank: Vec<usize>,
    /// Train scores per metric, when the search was asked for them.
    pub train: Option<Vec<Scores>>,
    /// Time to fit, over splits.
    pub fit_time: Timing,
    /// Time to predict and score, over splits.
    pub score_time: Timing,
    /// Why each split's fit failed (`None` where it succeeded).
    pub errors: Vec<Option<String>>,
}

impl<P> CandidateResult<P> {
    /// Mean test score for the first metric.
    pub fn mean_test_score(&self) -> f64 {
        self.test.first().map_or(f64::NAN, |s| s.mean)
    }

    /// `true` when every split's fit succeeded.
    pub fn succeeded(&self) -> bool {
        self.errors.iter().all(Option::is_none)
    }
}

/// Everything a search measured, as scikit-learn's `cv_results_`, but typed: one
/// [`CandidateResult`] per candidate, in grid order.
#[derive(Clone, Debug, PartialEq)]
pub struct CvResults<P> {
    /// Metric names (scikit-learn's scorer names), in the order of each row's score vectors.
    pub metrics: Vec<String>,
    /// Names of the parameters shown as `param_<name>` columns (the grid's axes).
    pub param_names: Vec<String>,
    /// Number of splits.
    pub n_splits: usize,
    /// One row per candidate.
    pub candidates: Vec<CandidateResult<P>>,
    /// Index in [`metrics`](Self::metrics) of the metric that picks the best candidate (the
    /// `refit` metric; 0 with one metric): the table shows and sorts by it.
    pub refit_metric: usize,
}

impl<P: Params> CvResults<P> {
    /// Number of candidates.
    pub fn len(&self) -> usize {
        self.candidates.len()
    }

    /// `true` when there is no candidate.
    pub fn is_empty(&self) -> bool {
        self.candidates.is_empty()
    }

    /// Index of `metric` among the metrics.
    pub fn metric_index(&self, metric: &str) -> Option<usize> {
        self.metrics.iter().position(|m| m == metric)
    }

    /// The rows sorted by rank of the [refit metric](Self::refit_metric) (best first; ties in
    /// grid order).
    pub fn ranked(&self) -> Vec<&CandidateResult<P>> {
        let mut rows: Vec<_> = self.candidates.iter().collect();
        rows.sort_by_key(|r| (r.rank.get(self.refit_metric).copied().unwrap_or(usize::MAX), r.index));
        rows
    }

    /// The value of parameter `name` of a row, as JSON (for `param_<name>` columns); `None`
    /// when the row's branch of the grid does not set it (scikit-learn's masked cell).
    ///
    /// ```
    /// use grid_core::results::{CandidateResult, CvResults};
    /// #[derive(Clone, Debug, serde::Serialize)]
    /// struct P { a: u8, b: u8 }
    /// impl std::fmt::Display for P {
    ///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { write!(f, "{self:?}") }
    /// }
    /// let row = CandidateResult {
    ///     index: 0, params: P { a: 1, b: 2 }, grid_params: Some(vec!["a"]), test: vec![], rank: vec![],
    ///     train: None, fit_time: Default::default(), score_time: Default::default(), errors: vec![],
    /// };
    /// let results = CvResults { metrics: vec![], param_names: vec!["a".into(), "b".into()], n_splits: 0, candidates: vec![], refit_metric: 0 };
    /// assert_eq!(results.grid_param(&row, "a"), Some(serde_json::json!(1)));
    /// assert_eq!(results.grid_param(&row, "b"), None);
    /// ```
    pub fn grid_param(&self, row: &CandidateResult<P>, name: &str) -> Option<serde_json::Value> {
        match &row.grid_params {
            Some(set) if !set.contains(&name) => None,
            _ => Some(self.param_value(row, name)),
        }
    }

    /// The value of parameter `name` of a row, as JSON, whether or not its branch sets it.
    pub fn param_value(&self, row: &CandidateResult<P>, name: &str) -> serde_json::Value {
        match serde_json::to_value(&row.params) {
            Ok(serde_json::Value::Object(map)) => map.get(name).cloned().unwrap_or(serde_json::Value::Null),
            Ok(other) if name == "value" => other,
            _ => serde_json::Value::Null,
        }
    }
}
