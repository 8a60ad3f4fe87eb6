//! The settings of a search that are not the estimator or the grid: how to split, how to score,
//! what to refit, what a failed fit scores.

use crate::error::{Error, Result};
use crate::estimator::Task;
use crate::metrics::Scoring;
use crate::split::{KFold, Splitter, StratifiedKFold};

/// The cross-validation strategy: a number of folds (`StratifiedKFold` for classifiers, `KFold`
/// otherwise, as scikit-learn's `cv=k`), or any splitter.
///
/// ```
/// use grid_core::search::Cv;
/// use grid_core::split::KFold;
/// let by_count: Cv = 3.into();
/// let explicit: Cv = KFold::new(5).into();
/// assert!(matches!(by_count, Cv::Folds(3)));
/// assert!(matches!(explicit, Cv::Splitter(_)));
/// ```
#[derive(Debug)]
pub enum Cv {
    /// `k` folds, stratified for classifiers.
    Folds(usize),
    /// A splitter of your choice.
    Splitter(Box<dyn Splitter>),
}

impl Default for Cv {
    /// 5 folds, as scikit-learn.
    fn default() -> Self {
        Cv::Folds(5)
    }
}

impl From<usize> for Cv {
    fn from(k: usize) -> Self {
        Cv::Folds(k)
    }
}

impl<S: Splitter + 'static> From<S> for Cv {
    fn from(splitter: S) -> Self {
        Cv::Splitter(Box::new(splitter))
    }
}

impl Cv {
    /// The splitter this strategy means for a task.
    pub(crate) fn resolve(&self, task: Task) -> ResolvedCv<'_> {
        match (self, task) {
            (Cv::Splitter(s), _) => ResolvedCv::Borrowed(s.as_ref()),
            (Cv::Folds(k), Task::Classification) => ResolvedCv::Owned(Box::new(StratifiedKFold::new(*k))),
            (Cv::Folds(k), Task::Regression) => ResolvedCv::Owned(Box::new(KFold::new(*k))),
        }
    }
}

/// A splitter owned or borrowed from a [`Cv`].
pub(crate) enum ResolvedCv<'a> {
    Owned(Box<dyn Splitter>),
    Borrowed(&'a dyn Splitter),
}

impl ResolvedCv<'_> {
    pub(crate) fn splitter(&self) -> &dyn Splitter {
        match self {
            ResolvedCv::Owned(s) => s.as_ref(),
            ResolvedCv::Borrowed(s) => *s,
        }
    }
}

/// One or several scorers (scikit-learn's `scoring=` as a string, list or dict): [`Scoring`]
/// values or scikit-learn's scorer names, checked when the search starts (an unknown name is an
/// error listing the valid ones, and so are two scorers of the same name).
///
/// ```
/// use grid_core::metrics::Scoring;
/// use grid_core::search::Scorers;
/// let one: Scorers = Scoring::R2.into();
/// let two: Scorers = [Scoring::R2, Scoring::NegMeanSquaredError].into();
/// let by_name: Scorers = ["accuracy", "f1_macro"].into();
/// assert_eq!((one.len(), two.len(), by_name.len()), (1, 2, 2));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Scorers(Vec<ScorerSpec>);

/// A scorer as the user gave it: a value, or a name resolved when the search starts.
#[derive(Clone, Debug)]
enum ScorerSpec {
    Scoring(Scoring),
    Name(String),
}

impl Scorers {
    /// Number of scorers (0 means the estimator's default).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// `true` when no scorer was chosen (the estimator's default is used).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The scorers to use for a task: those chosen, or the task's default. A name that is no
    /// built-in scorer's, or two scorers of one name (their columns and `refit` would be
    /// ambiguous), is an error.
    pub(crate) fn resolve(&self, task: Task) -> Result<Vec<Scoring>> {
        if self.0.is_empty() {
            return Ok(vec![Scoring::default_for(task == Task::Classification)]);
        }
        let scorers = self
            .0
            .iter()
            .map(|spec| match spec {
                ScorerSpec::Scoring(s) => Ok(s.clone()),
                ScorerSpec::Name(name) => name.parse::<Scoring>(),
            })
            .collect::<Result<Vec<_>>>()?;
        let names: Vec<String> = scorers.iter().map(Scoring::name).collect();
        if let Some((i, name)) = names.iter().enumerate().find(|(i, n)| names[..*i].contains(n)) {
            let first = names.iter().position(|n| n == name).unwrap_or(0);
            return Err(Error::invalid(
                "scoring",
                format!(
                    "scorers {first} and {i} are both named `{name}`: the result columns and `refit` \
                     name scorers, so each name must be unique (the scorers are {names:?})"
                ),
            ));
        }
        Ok(scorers)
    }
}

impl From<Scoring> for Scorers {
    fn from(s: Scoring) -> Self {
        Scorers(vec![ScorerSpec::Scoring(s)])
    }
}

impl From<Vec<Scoring>> for Scorers {
    fn from(v: Vec<Scoring>) -> Self {
        Scorers(v.into_iter().map(ScorerSpec::Scoring).collect())
    }
}

impl<const N: usize> From<[Scoring; N]> for Scorers {
    fn from(v: [Scoring; N]) -> Self {
        Scorers(v.into_iter().map(ScorerSpec::Scoring).collect())
    }
}

/// A scorer by its scikit-learn name (`"f1_macro"`), as `scoring="f1_macro"`.
impl From<&str> for Scorers {
    fn from(name: &str) -> Self {
        Scorers(vec![ScorerSpec::Name(name.to_string())])
    }
}

impl From<String> for Scorers {
    fn from(name: String) -> Self {
        Scorers(vec![ScorerSpec::Name(name)])
    }
}

/// Scorers by their scikit-learn names, as `scoring=["accuracy", "f1_macro"]`.
impl<const N: usize> From<[&str; N]> for Scorers {
    fn from(names: [&str; N]) -> Self {
        Scorers(names.into_iter().map(|n| ScorerSpec::Name(n.to_string())).collect())
    }
}

impl From<&[&str]> for Scorers {
    fn from(names: &[&str]) -> Self {
        Scorers(names.iter().map(|n| ScorerSpec::Name(n.to_string())).collect())
    }
}

impl From<Vec<&str>> for Scorers {
    fn from(names: Vec<&str>) -> Self {
        names.as_slice().into()
    }
}

impl From<Vec<String>> for Scorers {
    fn from(names: Vec<String>) -> Self {
        Scorers(names.into_iter().map(ScorerSpec::Name).collect())
    }
}

/// Whether to refit the best candidate on all the data, and which metric picks it when there
/// are several (scikit-learn's `refit=True/False/"name"`).
///
/// ```
/// use grid_core::search::Refit;
/// assert_eq!(Refit::from(true), Refit::First);
/// assert_eq!(Refit::from("r2"), Refit::Metric("r2".into()));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Refit {
    /// Refit, picking the best by the first scorer (the default).
    #[default]
    First,
    /// Refit, picking the best by the scorer of this name.
    Metric(String),
    /// Do not refit; the best candidate is still picked by the first scorer.
    No,
}

impl From<bool> for Refit {
    fn from(b: bool) -> Self {
        if b {
            Refit::First
        } else {
            Refit::No
        }
    }
}

impl From<&str> for Refit {
    fn from(name: &str) -> Self {
        Refit::Metric(name.to_string())
    }
}

impl From<Scoring> for Refit {
    fn from(s: Scoring) -> Self {
        Refit::Metric(s.name())
    }
}

/// What a failed fit scores (scikit-learn's `error_score`).
///
/// ```
/// use grid_core::search::ErrorScore;
/// assert_eq!(ErrorScore::default(), ErrorScore::Nan);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum ErrorScore {
    /// NaN, with a warning; the candidate ranks last (the default).
    #[default]
    Nan,
    /// This value, with a warning.
    Value(f64),
    /// Stop the search at the first failure and return its error.
    Raise,
}

impl ErrorScore {
    pub(crate) fn value(self) -> f64 {
        match self {
            ErrorScore::Value(v) => v,
            ErrorScore::Nan | ErrorScore::Raise => f64::NAN,
        }
    }
}

/// Everything a search or a cross-validation is told besides the estimator and the grid.
#[derive(Debug)]
pub(crate) struct SearchSettings {
    pub(crate) cv: Cv,
    pub(crate) scorers: Scorers,
    pub(crate) refit: Refit,
    pub(crate) n_jobs: Option<usize>,
    pub(crate) error_score: ErrorScore,
    pub(crate) return_train_score: bool,
    pub(crate) seed: u64,
    pub(crate) verbose: u8,
    /// Bytes the fits may use at once (`None`: `MemAvailable` when the search starts).
    pub(crate) memory_limit: Option<u64>,
}

impl Default for SearchSettings {
    /// 5 folds, the estimator's default score, refit, all cores, NaN for failed fits, no train
    /// scores, seed 0, warnings and a progress bar on a terminal.
    fn default() -> Self {
        SearchSettings {
            cv: Cv::default(),
            scorers: Scorers::default(),
            refit: Refit::default(),
            n_jobs: None,
            error_score: ErrorScore::default(),
            return_train_score: false,
            seed: 0,
            verbose: 1,
            memory_limit: None,
        }
    }
}

impl SearchSettings {
    /// The memory the fits may use: the limit set, else `MemAvailable` now.
    pub(crate) fn memory_available(&self) -> Option<u64> {
        self.memory_limit.or_else(crate::memory::available)
    }

    /// The number of threads to run fits on: the one asked for, or every core.
    pub(crate) fn threads(&self) -> crate::Result<usize> {
        match self.n_jobs {
            Some(0) => Err(crate::Error::invalid("n_jobs", "must be at least 1")),
            Some(n) => Ok(n),
            None => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
        }
    }
}
