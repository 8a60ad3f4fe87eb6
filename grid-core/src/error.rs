//! The one error type of the crate.

use std::path::PathBuf;

/// Everything that can go wrong in gridcv, each variant naming the input at fault.
///
/// ```
/// use grid_core::Error;
/// let e = Error::InvalidParameter { name: "cv".into(), reason: "needs at least 2 folds, got 1".into() };
/// assert_eq!(e.to_string(), "invalid parameter `cv`: needs at least 2 folds, got 1");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Two inputs that must agree in length (or width) do not.
    #[error("{what}: expected {expected}, got {got}")]
    ShapeMismatch {
        /// What was measured, e.g. "rows of y (rows of x)".
        what: String,
        /// The length the other input implies.
        expected: usize,
        /// The length found.
        got: usize,
    },
    /// An input that must hold data holds none.
    #[error("{0} is empty")]
    Empty(String),
    /// NaN or infinity where only finite numbers are allowed.
    #[error("{what} holds a non-finite value ({value}) at row {row}, column {column}")]
    NonFinite {
        /// Which input, e.g. "x".
        what: String,
        /// Row of the first bad value.
        row: usize,
        /// Column of the first bad value.
        column: usize,
        /// The value itself.
        value: f64,
    },
    /// A setting out of its allowed range.
    #[error("invalid parameter `{name}`: {reason}")]
    InvalidParameter {
        /// The parameter's name, as the user wrote it.
        name: String,
        /// Why it is rejected.
        reason: String,
    },
    /// A network specification that cannot be trained.
    #[error("invalid network at layer {layer}: {reason}")]
    InvalidSpec {
        /// Zero-based index of the layer at fault.
        layer: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// The training loss became NaN or infinite.
    #[error("training diverged at epoch {epoch}: the loss is {loss}")]
    Diverged {
        /// Zero-based epoch in which the loss stopped being finite.
        epoch: usize,
        /// The loss value seen.
        loss: f64,
    },
    /// The tensor backend (dfdx's CPU device) failed during a fit's allocations, backward pass
    /// or optimizer update, e.g. an allocation it could not make (a failure inside the forward
    /// pass's operations is still a panic, caught as [`Error::Panicked`]). Like any fit error,
    /// the search turns it into `error_score`.
    ///
    /// ```
    /// use grid_core::Error;
    /// let e = Error::Device { during: "training epoch 3".into(), reason: "CpuError::OutOfMemory".into() };
    /// assert_eq!(e.to_string(), "tensor device error in training epoch 3: CpuError::OutOfMemory");
    /// ```
    #[error("tensor device error in {during}: {reason}")]
    Device {
        /// What the fit was doing, e.g. "training epoch 3".
        during: String,
        /// The device's own error.
        reason: String,
    },
    /// A fit (or the user's build function) panicked; the message is the panic payload.
    #[error("the fit panicked: {0}")]
    Panicked(String),
    /// A fitted model's `predict` or `predict_proba` panicked while the search scored it; the
    /// message is the panic payload.
    ///
    /// ```
    /// let e = grid_core::Error::PredictPanicked("index out of bounds".into());
    /// assert_eq!(e.to_string(), "the prediction panicked: index out of bounds");
    /// ```
    #[error("the prediction panicked: {0}")]
    PredictPanicked(String),
    /// A score came out NaN or infinite.
    #[error("the score `{metric}` is not finite ({value})")]
    NonFiniteScore {
        /// The metric's name.
        metric: String,
        /// The value computed.
        value: f64,
    },
    /// One candidate failed on one split (returned when `error_score` is `Raise`). The failure
    /// itself is its [`source`](std::error::Error::source), not repeated in the message.
    ///
    /// ```
    /// use std::error::Error as _;
    /// let e = grid_core::Error::CandidateFailed {
    ///     candidate: 2, params: "{units: 5}".into(), split: 1,
    ///     source: Box::new(grid_core::Error::Diverged { epoch: 3, loss: f64::NAN }),
    /// };
    /// assert_eq!(e.to_string(), "candidate 2 ({units: 5}) failed on split 1");
    /// assert_eq!(e.source().unwrap().to_string(), "training diverged at epoch 3: the loss is NaN");
    /// ```
    #[error("candidate {candidate} ({params}) failed on split {split}")]
    CandidateFailed {
        /// Index of the candidate in the grid.
        candidate: usize,
        /// The candidate's parameters, displayed.
        params: String,
        /// Index of the split.
        split: usize,
        /// What went wrong.
        source: Box<Error>,
    },
    /// The refit of the best candidate on all the data failed (an error, a divergence, a
    /// panic). The search keeps its cross-validation results; `best_estimator()` returns this.
    ///
    /// The failure itself is its [`source`](std::error::Error::source).
    ///
    /// ```
    /// use std::error::Error as _;
    /// use grid_core::Error;
    /// let source = std::sync::Arc::new(Error::Diverged { epoch: 4, loss: f64::NAN });
    /// let e = Error::RefitFailed { candidate: 2, params: "{units: 5}".into(), source };
    /// assert_eq!(e.to_string(), "the refit of candidate 2 ({units: 5}) on all the data failed");
    /// assert_eq!(e.source().unwrap().to_string(), "training diverged at epoch 4: the loss is NaN");
    /// ```
    #[error("the refit of candidate {candidate} ({params}) on all the data failed")]
    RefitFailed {
        /// Index of the refitted candidate in the grid.
        candidate: usize,
        /// The candidate's parameters, displayed.
        params: String,
        /// What went wrong, shared by every call of `best_estimator()`.
        source: std::sync::Arc<Error>,
    },
    /// Every candidate had a failed fit, so none was picked as the best and refitted; the
    /// search keeps its results, and `best_estimator()` returns this.
    #[error(
        "none of the {candidates} candidates succeeded on every split, so none was refitted \
         (see the search's warnings and cv_results())"
    )]
    NoCompleteCandidate {
        /// Number of candidates of the search.
        candidates: usize,
    },
    /// No fit of the search succeeded. The first failure is its
    /// [`source`](std::error::Error::source).
    #[error("all {fits} fits failed")]
    AllFitsFailed {
        /// How many fits were attempted.
        fits: usize,
        /// The first failure, with its candidate and split.
        #[source]
        first: Box<Error>,
    },
    /// A label that the fitted model never saw.
    #[error("unknown label {0}: not among the classes seen in training")]
    UnknownLabel(String),
    /// A metric that cannot be computed on these inputs.
    #[error("metric `{metric}`: {reason}")]
    Metric {
        /// The metric's name.
        metric: String,
        /// Why it cannot be computed.
        reason: String,
    },
    /// A file could not be read or written. The operating system's error is its
    /// [`source`](std::error::Error::source).
    ///
    /// ```
    /// use std::error::Error as _;
    /// let source = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
    /// let e = grid_core::Error::Io { path: "data.csv".into(), source };
    /// assert_eq!(e.to_string(), "cannot read or write `data.csv`");
    /// assert_eq!(e.source().unwrap().to_string(), "no such file");
    /// ```
    #[error("cannot read or write `{}`", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A file or text could be read but its content is not what was expected.
    #[error("{source_name}{}: {reason}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Parse {
        /// The file (or other source) being read.
        source_name: String,
        /// One-based line, when known.
        line: Option<usize>,
        /// What is wrong there.
        reason: String,
    },
    /// A fitted network's outputs are NaN or infinite for some rows of `x` (finite but extreme
    /// inputs, e.g. 3e38, overflow inside the network): no prediction or score is made from them.
    ///
    /// ```
    /// use grid_core::Error;
    /// let e = Error::NonFiniteOutput { rows: vec![2, 5], n_rows: 6 };
    /// assert!(e.to_string().starts_with("the network's outputs are not finite for 2 of 6 rows of x (rows [2, 5])"));
    /// ```
    #[error(
        "the network's outputs are not finite for {} of {n_rows} rows of x (rows {}): their \
         values overflow inside the network; scale the features",
        rows.len(),
        format_rows(rows)
    )]
    NonFiniteOutput {
        /// The rows of `x` whose outputs are not finite (all of them, in order).
        rows: Vec<usize>,
        /// Number of rows of `x`.
        n_rows: usize,
    },
    /// A fit would need more memory than is available (estimated before anything is
    /// allocated: an allocation that fails aborts the process). The search runs fewer fits at
    /// once when that is enough, and fails only the fits too large to run alone.
    ///
    /// ```
    /// use grid_core::Error;
    /// let e = Error::OutOfMemory { needed: 4_100_000_000, available: 3_000_000_000 };
    /// assert!(e.to_string().starts_with("the fit needs about 4.10 GB of memory but 3.00 GB are available"));
    /// ```
    #[error(
        "the fit needs about {} of memory but {} are available: use smaller layers, a smaller \
         batch_size or fewer rows",
        crate::memory::human(*needed),
        crate::memory::human(*available)
    )]
    OutOfMemory {
        /// Bytes the fit was estimated to need.
        needed: u64,
        /// Bytes available when it was to start.
        available: u64,
    },
    /// A picture could not be drawn (plotters refused it); the path is not written.
    ///
    /// ```
    /// use grid_core::Error;
    /// let e = Error::Plot { plot: "heatmap".into(), reason: "General Error".into() };
    /// assert_eq!(e.to_string(), "could not draw the heatmap: General Error");
    /// ```
    #[error("could not draw the {plot}: {reason}")]
    Plot {
        /// Which picture, e.g. "heatmap".
        plot: String,
        /// The drawing library's error.
        reason: String,
    },
    /// A category that a fitted one-hot encoder (with `handle_unknown` error) never saw.
    ///
    /// ```
    /// let e = grid_core::Error::UnknownCategory { column: "city".into(), category: "Lyon".into(), row: 3 };
    /// assert_eq!(e.to_string(), "column `city`, row 3: category `Lyon` was not seen in training (handle_unknown is Error)");
    /// ```
    #[error("column `{column}`, row {row}: category `{category}` was not seen in training (handle_unknown is Error)")]
    UnknownCategory {
        /// The column's name.
        column: String,
        /// The category (or a description of the cell).
        category: String,
        /// Zero-based row of the transformed data.
        row: usize,
    },
    /// A preprocessing step names a column the data does not have.
    ///
    /// ```
    /// let e = grid_core::Error::UnknownColumn { step: "ColumnTransformer entry `num`".into(), column: "agee".into(), available: "`age`, `city`".into() };
    /// assert_eq!(e.to_string(), "ColumnTransformer entry `num`: no column `agee`; the columns are `age`, `city`");
    /// ```
    #[error("{step}: no column `{column}`; the columns are {available}")]
    UnknownColumn {
        /// The step naming it.
        step: String,
        /// The name it gave.
        column: String,
        /// The names that exist, listed.
        available: String,
    },
    /// A column with no value at all where one is needed (every cell missing).
    ///
    /// ```
    /// let e = grid_core::Error::AllMissing { column: "age".into(), context: "data.csv".into() };
    /// assert_eq!(e.to_string(), "column `age` has no value in data.csv (every cell is missing)");
    /// ```
    #[error("column `{column}` has no value in {context} (every cell is missing)")]
    AllMissing {
        /// The column's name.
        column: String,
        /// Where: the file, or the rows a step was fitted on.
        context: String,
    },
    /// A journal file that cannot be used: a damaged line (named), a missing header, a
    /// journal of another shard.
    ///
    /// ```
    /// let e = grid_core::Error::Journal { path: "a.jsonl".into(), line: Some(3), reason: "damaged line".into() };
    /// assert_eq!(e.to_string(), "journal a.jsonl, line 3: damaged line");
    /// ```
    #[error("journal {}{}: {reason}", path.display(), line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Journal {
        /// The journal file.
        path: PathBuf,
        /// One-based line, when the problem is on one line.
        line: Option<usize>,
        /// What is wrong.
        reason: String,
    },
    /// A journal written by another search: another grid, other settings or other data.
    #[error("journal {} was written by another search: its {which} fingerprint differs ({detail})", path.display())]
    FingerprintMismatch {
        /// The journal file.
        path: PathBuf,
        /// Which fingerprints differ: `grid`, `settings`, `data`, joined by `, `.
        which: String,
        /// What differs, and what to do.
        detail: String,
    },
    /// Cells of a search that no journal holds (merging the journals of unfinished shards).
    #[error("{count} of {total} fits have no result in the journals: {cells}")]
    MissingCells {
        /// How many (candidate, split) cells are missing.
        count: usize,
        /// How many cells the search has.
        total: usize,
        /// The first missing cells, by candidate and split.
        cells: String,
    },
    /// The failure of a fit as a journal recorded it (its message, unchanged).
    #[error("{0}")]
    RecordedFailure(String),
}

/// `Result` with gridcv's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Shorthand for [`Error::InvalidParameter`].
    ///
    /// ```
    /// let e = grid_core::Error::invalid("batch_size", "must be at least 1");
    /// assert!(e.to_string().contains("batch_size"));
    /// ```
    pub fn invalid(name: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidParameter { name: name.into(), reason: reason.into() }
    }

    /// The message followed by each of its causes ([`source`](std::error::Error::source)),
    /// joined with `: `, as anyhow's `{:#}` prints an error: for a log line or a test.
    ///
    /// ```
    /// let e = grid_core::Error::AllFitsFailed {
    ///     fits: 6,
    ///     first: Box::new(grid_core::Error::Panicked("boom".into())),
    /// };
    /// assert_eq!(e.to_string(), "all 6 fits failed");
    /// assert_eq!(e.full_message(), "all 6 fits failed: the fit panicked: boom");
    /// ```
    pub fn full_message(&self) -> String {
        let mut message = self.to_string();
        let mut cause = std::error::Error::source(self);
        while let Some(error) = cause {
            message = format!("{message}: {error}");
            cause = error.source();
        }
        message
    }
}

/// At most the first ten rows of a list, and how many more there are.
fn format_rows(rows: &[usize]) -> String {
    const SHOWN: usize = 10;
    if rows.len() <= SHOWN {
        format!("{rows:?}")
    } else {
        format!("{:?} and {} more", &rows[..SHOWN], rows.len() - SHOWN)
    }
}
