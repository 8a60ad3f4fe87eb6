//! The journals of one search read together, without its types: what `gridcv report` and
//! `gridcv merge` show. Parameters are JSON values.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::Value;

use super::stored::StoredParams;

use super::file;
use super::record::{FitRecord, Header};
use super::search::missing_cells;
use super::shard::Shard;
use crate::error::{Error, Result};
use crate::results::{CandidateResult, CvResults};
use crate::search::driver::{Cell, CellTable};
use crate::search::run::Layout;
use crate::search::settings::ErrorScore;

/// The journals of one search (one per shard, or one), read and checked together.
///
/// ```
/// use grid_core::estimator::{DummyRegressor, Strategy};
/// use grid_core::journal::JournalSet;
/// use grid_core::search::GridSearchCV;
/// let dir = std::env::temp_dir().join(format!("gridcv-doc-set-{}", std::process::id()));
/// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![1.0_f32, 2.0, 3.0, 4.0]);
/// let search = GridSearchCV::new(DummyRegressor, vec![Strategy::Mean, Strategy::Constant(9.0)])
///     .cv(2).verbose(0).journal(dir.join("s.jsonl"));
/// let one = search.fit(&x, &y)?;
/// let set = JournalSet::read(&[dir.join("s.jsonl")])?;
/// assert_eq!(set.summary().left, 0);
/// let merged = set.merge()?;
/// assert_eq!(merged.best_index, one.best_index());
/// assert_eq!(merged.cv_results.candidates[1].test, one.cv_results().candidates[1].test);
/// # std::fs::remove_dir_all(dir).ok();
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Debug)]
pub struct JournalSet {
    files: Vec<PathBuf>,
    header: Header,
    shards: Vec<Shard>,
    records: BTreeMap<Cell, FitRecord>,
    warnings: Vec<String>,
    threads: Option<usize>,
}

/// How far a search is: cells done, failed and left, and an estimate of the time left.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Candidates of the grid.
    pub n_candidates: usize,
    /// Splits of the data.
    pub n_splits: usize,
    /// The number of shards the search was cut into (1: not sharded).
    pub shard_count: usize,
    /// The shards whose journals were read.
    pub shards: Vec<Shard>,
    /// The cells of those shards.
    pub cells: usize,
    /// Cells with a result (failed ones included).
    pub done: usize,
    /// Cells whose fit failed.
    pub failed: usize,
    /// Cells of those shards without a result.
    pub left: usize,
    /// Mean seconds of fitting and scoring one cell.
    pub mean_cell_seconds: f64,
    /// Threads of the latest run (from its journal).
    pub threads: usize,
    /// `left` cells at `mean_cell_seconds` each, on `threads` threads per shard.
    pub seconds_left: f64,
}

/// The results of a finished search, merged from its journals.
#[derive(Debug)]
pub struct Merged {
    /// Every candidate's results; parameters as the journal stores them.
    pub cv_results: CvResults<StoredParams>,
    /// The grid index of the best candidate by the refit metric.
    pub best_index: usize,
    /// The metric that picks the best candidate.
    pub refit_metric: usize,
    /// Warnings of the merge (failed fits, non-finite means).
    pub warnings: Vec<String>,
}

impl Merged {
    /// The best candidate's row.
    pub fn best(&self) -> &CandidateResult<StoredParams> {
        let rows = &self.cv_results.candidates;
        rows.iter().find(|r| r.index == self.best_index).unwrap_or(&rows[0])
    }
}

impl JournalSet {
    /// Reads `paths`, which must be journals of one search (same fingerprints).
    pub fn read(paths: &[impl AsRef<Path>]) -> Result<Self> {
        let mut set: Option<JournalSet> = None;
        for path in paths {
            let path = path.as_ref();
            let loaded = file::read(path)?.ok_or_else(|| Error::Io {
                path: path.to_path_buf(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            })?;
            let header = loaded.header.clone().ok_or_else(|| Error::Journal {
                path: path.to_path_buf(),
                line: None,
                reason: "holds no header: empty, or not a gridcv journal".into(),
            })?;
            let set = match &mut set {
                None => set.insert(JournalSet {
                    files: Vec::new(),
                    header: header.clone(),
                    shards: Vec::new(),
                    records: BTreeMap::new(),
                    warnings: Vec::new(),
                    threads: None,
                }),
                Some(set) => {
                    let which = set.header.fingerprints.differences(&header.fingerprints);
                    if !which.is_empty() {
                        return Err(Error::FingerprintMismatch {
                            path: path.to_path_buf(),
                            which: which.join(", "),
                            detail: format!(
                                "it is not a journal of the search of {}",
                                set.files[0].display()
                            ),
                        });
                    }
                    if header.shard.count != set.header.shard.count {
                        return Err(Error::Journal {
                            path: path.to_path_buf(),
                            line: Some(1),
                            reason: format!(
                                "a shard of {} shards, but {} is a shard of {}",
                                header.shard.count,
                                set.files[0].display(),
                                set.header.shard.count
                            ),
                        });
                    }
                    set
                }
            };
            set.files.push(path.to_path_buf());
            if !set.shards.contains(&header.shard) {
                set.shards.push(header.shard);
            }
            set.warnings.extend(loaded.torn);
            set.threads = loaded.threads.or(set.threads);
            for (_, record) in loaded.fits {
                set.records
                    .entry(Cell { candidate: record.candidate, split: record.split })
                    .or_insert(record);
            }
        }
        set.ok_or_else(|| Error::invalid("journals", "no journal given"))
    }

    /// The files read.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// Warnings from reading (torn last lines).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The metrics' names.
    pub fn metrics(&self) -> &[String] {
        &self.header.metrics
    }

    fn table(&self) -> CellTable {
        CellTable::empty(self.header.n_candidates, self.header.n_splits)
    }

    /// Cells done, failed and left, and the time left.
    pub fn summary(&self) -> Summary {
        let h = &self.header;
        let table = self.table();
        let owned: Vec<Cell> = table
            .all_cells()
            .enumerate()
            .filter(|(t, _)| self.shards.iter().any(|s| s.owns(*t)))
            .map(|(_, c)| c)
            .collect();
        let done = owned.iter().filter(|c| self.records.contains_key(c)).count();
        let failed = owned.iter().filter(|c| self.records.get(c).is_some_and(|r| r.error.is_some())).count();
        let seconds: f64 = self.records.values().map(|r| r.fit_time + r.score_time).sum();
        let mean_cell_seconds =
            if self.records.is_empty() { f64::NAN } else { seconds / self.records.len() as f64 };
        let threads = self.threads.unwrap_or(1).max(1);
        let left = owned.len() - done;
        let per_shard_left = left.div_ceil(self.shards.len().max(1));
        Summary {
            n_candidates: h.n_candidates,
            n_splits: h.n_splits,
            shard_count: h.shard.count,
            shards: self.shards.clone(),
            cells: owned.len(),
            done,
            failed,
            left,
            mean_cell_seconds,
            threads,
            seconds_left: per_shard_left as f64 * mean_cell_seconds / threads as f64,
        }
    }

    /// The cells of the whole search that no journal holds, in (candidate, split) order.
    pub fn missing(&self) -> Vec<(usize, usize)> {
        self.table()
            .all_cells()
            .filter(|c| !self.records.contains_key(c))
            .map(|c| (c.candidate, c.split))
            .collect()
    }

    /// The results of the complete candidates so far, ranked among themselves (the table of
    /// `gridcv report` for an unfinished search); `None` when no candidate is complete.
    pub fn partial(&self) -> Result<Option<Merged>> {
        let complete: Vec<usize> = (0..self.header.n_candidates)
            .filter(|&c| {
                (0..self.header.n_splits).all(|s| self.records.contains_key(&Cell { candidate: c, split: s }))
            })
            .collect();
        if complete.is_empty() {
            return Ok(None);
        }
        self.assemble(&complete, ErrorScore::Nan).map(Some)
    }

    /// The full results, as one process would have computed them (bit for bit, times
    /// included); an error naming the missing cells when a journal is missing or unfinished.
    pub fn merge(&self) -> Result<Merged> {
        let missing: Vec<Cell> = self.table().all_cells().filter(|c| !self.records.contains_key(c)).collect();
        if !missing.is_empty() {
            let params = |c: usize| {
                self.records
                    .range(Cell { candidate: c, split: 0 }..Cell { candidate: c + 1, split: 0 })
                    .next()
                    .map(|(_, r)| format!(" {}", r.params))
                    .unwrap_or_default()
            };
            return Err(missing_cells(&missing, self.header.n_candidates * self.header.n_splits, params));
        }
        let all: Vec<usize> = (0..self.header.n_candidates).collect();
        let error_score = match self.header.settings.error_score.as_str() {
            "nan" => ErrorScore::Nan,
            "raise" => ErrorScore::Raise,
            v => ErrorScore::Value(v.parse().unwrap_or(f64::NAN)),
        };
        self.assemble(&all, error_score)
    }

    /// Rows for `candidates` (each complete), renumbered as in the grid.
    fn assemble(&self, candidates: &[usize], error_score: ErrorScore) -> Result<Merged> {
        let h = &self.header;
        let first_file = &self.files[0];
        let mut table = CellTable::empty(candidates.len(), h.n_splits);
        for (row, &c) in candidates.iter().enumerate() {
            for split in 0..h.n_splits {
                if let Some(record) = self.records.get(&Cell { candidate: c, split }) {
                    table.set(Cell { candidate: row, split }, record.outcome(first_file, 0)?);
                }
            }
        }
        let record_of = |row: usize| self.records.get(&Cell { candidate: candidates[row], split: 0 });
        let layout = Layout {
            n_candidates: candidates.len(),
            n_scorers: h.metrics.len(),
            return_train_score: h.settings.return_train_score,
            error_score,
        };
        let assembled = layout.rows(
            &mut table,
            Vec::new(),
            h.refit_metric,
            0,
            |row| {
                let record = record_of(row);
                let value = record.map_or(Value::Null, |r| r.params.clone());
                // The axes the row's branch searched, or the grid's.
                let shown =
                    record.and_then(|r| r.grid_params.clone()).unwrap_or_else(|| h.param_names.clone());
                Ok(StoredParams::new(value, shown))
            },
            |row| {
                record_of(row)
                    .and_then(|r| r.grid_params.as_ref())
                    .map(|names| names.iter().map(|n| intern(n)).collect())
            },
        )?;
        let mut rows = assembled.rows;
        for (row, &c) in rows.iter_mut().zip(candidates) {
            row.index = c;
        }
        let mut warnings = assembled.warnings;
        let best =
            layout.rank(&mut rows, h.refit_metric, h.n_splits, assembled.first_error, 0, &mut warnings)?;
        let cv_results = CvResults {
            metrics: h.metrics.clone(),
            param_names: h.param_names.clone(),
            n_splits: h.n_splits,
            candidates: rows,
            refit_metric: h.refit_metric,
        };
        // The rows carry their grid index, so the best is named by it.
        let best_index = best.index;
        Ok(Merged { best_index, cv_results, refit_metric: h.refit_metric, warnings })
    }
}

/// A parameter name as the `&'static str` of [`CandidateResult::grid_params`]: each distinct
/// name is allocated once per process.
///
/// [`CandidateResult::grid_params`]: crate::results::CandidateResult::grid_params
fn intern(name: &str) -> &'static str {
    static NAMES: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);
    let mut names = NAMES.lock().unwrap_or_else(|p| p.into_inner());
    let names = names.get_or_insert_with(HashSet::new);
    if let Some(&known) = names.get(name) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
    names.insert(leaked);
    leaked
}
