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
    /// A score came out NaN or infinite.
    #[error("the score `{metric}` is not finite ({value})")]
    NonFiniteScore {
        /// The metric's name.
        metric: String,
        /// The value computed.
        value: f64,
    },
    /// One candidate failed on one split (returned when `error_score` is `Raise`).
    #[error("candidate {candidate} ({params}) failed on split {split}: {source}")]
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
    /// No fit of the search succeeded.
    #[error("all {fits} fits failed; the first failure was: {first}")]
    AllFitsFailed {
        /// How many fits were attempted.
        fits: usize,
        /// The first failure, with its candidate and split.
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
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
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
}
