//! A journal and shards for [`GridSearchCV`]: the builder methods, opening a journal against a
//! search (resume, fingerprint checks, reuse), the sink that appends each finished cell, and
//! the merge of shards' journals into one search's results.

use std::path::{Path, PathBuf};

use ndarray::ArrayView2;

use crate::input::{IntoFeatures, IntoTarget};

use super::file::{self, Writer};
use super::fingerprint::{Fingerprints, Fnv, SettingsDetail};
use super::record::{now, score_to_json, FitRecord, Header, Line, VERSION};
use super::shard::Shard;
use crate::data::{Encoded, Target};
use crate::error::{Error, Result};
use crate::estimator::Estimator;
use crate::grid::ParamGrid;
use crate::search::driver::{Cell, CellSink, CellTable};
use crate::search::engine::Outcome;
use crate::search::run::{param_names, SearchRun};
use crate::search::settings::ErrorScore;
use crate::search::{FitOptions, FittedSearch, GridSearchCV};

/// Where a search journals its cells, and which shard of them it runs.
#[derive(Clone, Debug, Default)]
pub struct JournalConfig {
    path: Option<PathBuf>,
    reuse: bool,
    shard: Option<(usize, usize)>,
    /// Skip the fsync of each record (`journal_fsync(false)`).
    no_fsync: bool,
}

impl JournalConfig {
    /// `true` when a journal or a shard was asked for.
    pub(crate) fn is_set(&self) -> bool {
        self.path.is_some() || self.shard.is_some()
    }

    fn shard(&self) -> Result<Shard> {
        match self.shard {
            Some((index, count)) => Shard::new(index, count),
            None => Ok(Shard::default()),
        }
    }

    fn path(&self) -> Result<&Path> {
        self.path.as_deref().ok_or_else(|| {
            Error::invalid("shard", "a shard writes its cells to a journal: set one with `.journal(path)`")
        })
    }
}

/// What one shard's run did ([`GridSearchCV::fit_shard`]).
#[derive(Clone, Debug, PartialEq)]
pub struct ShardRun {
    /// The shard.
    pub shard: Shard,
    /// Its journal file.
    pub journal: PathBuf,
    /// How many cells the shard owns.
    pub cells: usize,
    /// How many of them the journal already held.
    pub already_done: usize,
    /// How many were fitted by this run.
    pub ran: usize,
    /// How many of the shard's cells failed (error score), old and new.
    pub failed: usize,
    /// The warnings of the run (torn journal line, failed fits, unrecorded cells).
    pub warnings: Vec<String>,
}

impl<E, G: ParamGrid> GridSearchCV<E, G> {
    /// Journals the search to `path` (JSON Lines, one fsynced line per finished fit): a
    /// rerun with the same journal skips every fit already done and gives the same results,
    /// bit for bit. A journal of another grid, other settings or other data is an error
    /// ([`Error::FingerprintMismatch`]), and so is a path that cannot be written, before any
    /// fit starts.
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// use grid_core::search::GridSearchCV;
    /// let dir = std::env::temp_dir().join(format!("gridcv-doc-journal-{}", std::process::id()));
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![1.0_f32, 2.0, 3.0, 4.0]);
    /// let search = GridSearchCV::new(DummyRegressor, vec![Strategy::Mean, Strategy::Median])
    ///     .cv(2).verbose(0).journal(dir.join("search.jsonl"));
    /// let first = search.fit(&x, &y)?;
    /// let again = search.fit(&x, &y)?; // every fit read back from the journal
    /// assert_eq!(first.cv_results(), again.cv_results());
    /// # std::fs::remove_dir_all(dir).ok();
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn journal(mut self, path: impl Into<PathBuf>) -> Self {
        self.journal.path = Some(path.into());
        self
    }

    /// With `true`, a journal written for another grid (same settings, same data) is reused:
    /// every cell whose candidate is still in the grid, matched by its parameters, is kept
    /// (the old file is kept as `<journal>.before-reuse`). A grid that gained a value reuses
    /// every old cell. The kept cells keep the seeds they were fitted with, which for a
    /// candidate whose index moved differ from a fresh search's.
    pub fn reuse_matching_cells(mut self, yes: bool) -> Self {
        self.journal.reuse = yes;
        self
    }

    /// With `false`, each record is written to the operating system but not fsynced: it
    /// survives the process being killed (SIGKILL, OOM killer, preemption), not the machine
    /// crashing. The default, `true`, fsyncs every record, which costs a few milliseconds per
    /// fit on some disks (see the `journal_overhead` example).
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// use grid_core::search::GridSearchCV;
    /// let dir = std::env::temp_dir().join(format!("gridcv-doc-fsync-{}", std::process::id()));
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![1.0_f32, 2.0, 3.0, 4.0]);
    /// let search = GridSearchCV::new(DummyRegressor, vec![Strategy::Mean])
    ///     .cv(2).verbose(0).journal(dir.join("s.jsonl")).journal_fsync(false);
    /// let first = search.fit(&x, &y)?;
    /// let lines = std::fs::read_to_string(dir.join("s.jsonl")).unwrap();
    /// assert_eq!(lines.lines().filter(|l| l.contains(r#""kind":"fit""#)).count(), 2);
    /// assert_eq!(search.fit(&x, &y)?.cv_results(), first.cv_results());
    /// # std::fs::remove_dir_all(dir).ok();
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn journal_fsync(mut self, fsync: bool) -> Self {
        self.journal.no_fsync = !fsync;
        self
    }

    /// Runs only shard `index` of `count` of the cells (a deterministic, balanced share; see
    /// [`Shard`]) with [`fit_shard`](Self::fit_shard), journaled to
    /// `<stem>.shard-<index>-of-<count>.<ext>` beside the journal's path. Merge the shards'
    /// journals with [`merge_journals`](Self::merge_journals) or `gridcv merge`.
    pub fn shard(mut self, index: usize, count: usize) -> Self {
        self.journal.shard = Some((index, count));
        self
    }

    /// The shard from a Slurm job array or a Kubernetes Indexed Job (see [`Shard::from_env`];
    /// `count` is the Job's `completions` for Kubernetes); unchanged when neither is set.
    pub fn shard_from_env(mut self, count: Option<usize>) -> Result<Self> {
        if let Some(shard) = Shard::from_env(count)? {
            self.journal.shard = Some((shard.index, shard.count));
        }
        Ok(self)
    }

    /// Fits this process's shard of the cells (all of them without [`shard`](Self::shard)),
    /// resuming from its journal, and reports what it did. No ranking, no refit: those come
    /// from the merge of every shard's journal.
    pub fn fit_shard<'d, Y: Target>(
        &self,
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
    ) -> Result<ShardRun>
    where
        E: Estimator<G::Params, Y>,
    {
        self.fit_shard_with(x, y, FitOptions::new())
    }

    /// [`fit_shard`](Self::fit_shard) with fit-time data (validation data, groups).
    pub fn fit_shard_with<'d, Y: Target>(
        &self,
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
        options: FitOptions<'d, Y>,
    ) -> Result<ShardRun>
    where
        E: Estimator<G::Params, Y>,
    {
        let shard = self.journal.shard()?;
        let base = self.journal.path()?;
        let (x, y) = (x.into_features(), y.into_target());
        let (mut run, opened) = open_for(self, x.view(), y.as_ref(), &options, shard, base)?;
        let already_done = opened.done;
        let plan = opened.plan.clone();
        let sink = JournalSink {
            writer: &opened.writer,
            grid: &self.grid,
            fingerprints: opened.fingerprints.clone(),
        };
        let table = run.fit_cells(&self.estimator, &self.grid, &plan, opened.table, &sink)?;
        let failed = plan.iter().filter(|&&c| table.failed(c)).count();
        Ok(ShardRun {
            shard,
            journal: opened.writer.path().to_path_buf(),
            cells: plan.len(),
            already_done,
            ran: plan.iter().filter(|&&c| table.has(c)).count() - already_done,
            failed,
            warnings: run.warnings,
        })
    }

    /// The results of the whole search from the journals of its shards, as one process would
    /// have computed them (bit for bit), refitted unless `refit(false)`. Every journal must
    /// come from this search (same fingerprints); a cell no journal holds is an error
    /// ([`Error::MissingCells`]) naming it by candidate and split.
    pub fn merge_journals<'d, Y: Target>(
        &self,
        journals: &[impl AsRef<Path>],
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
    ) -> Result<FittedSearch<G::Params, E::Fitted, Y>>
    where
        E: Estimator<G::Params, Y>,
    {
        self.merge_journals_with(journals, x, y, FitOptions::new())
    }

    /// [`merge_journals`](Self::merge_journals) with fit-time data (validation data, groups).
    pub fn merge_journals_with<'d, Y: Target>(
        &self,
        journals: &[impl AsRef<Path>],
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
        options: FitOptions<'d, Y>,
    ) -> Result<FittedSearch<G::Params, E::Fitted, Y>>
    where
        E: Estimator<G::Params, Y>,
    {
        let (x, y) = (x.into_features(), y.into_target());
        let (x, y) = (x.view(), y.as_ref());
        let settings = &self.settings;
        let run = SearchRun::prepare(
            &self.estimator,
            &self.grid,
            settings,
            settings.return_train_score,
            x,
            y,
            &options,
        )?;
        let (fingerprints, _) = fingerprints(&self.grid, &run, settings.seed, x, y, &options);
        let mut table = run.empty_table();
        for path in journals {
            let path = path.as_ref();
            let loaded = file::read(path)?.ok_or_else(|| Error::Io {
                path: path.to_path_buf(),
                source: std::io::Error::from(std::io::ErrorKind::NotFound),
            })?;
            let header = loaded.header.as_ref().ok_or_else(|| Error::Journal {
                path: path.into(),
                line: None,
                reason: "holds no header".into(),
            })?;
            let which = header.fingerprints.differences(&fingerprints);
            if !which.is_empty() {
                return Err(Error::FingerprintMismatch {
                    path: path.into(),
                    which: which.join(", "),
                    detail: "it is not a journal of this search".into(),
                });
            }
            for (line, record) in &loaded.fits {
                let cell = Cell { candidate: record.candidate, split: record.split };
                if !table.has(cell) {
                    table.set(cell, record.outcome(path, *line)?);
                }
            }
        }
        let missing: Vec<Cell> = table.all_cells().filter(|&c| !table.has(c)).collect();
        if !missing.is_empty() {
            let params = |c: usize| self.grid.get(c).map(|p| format!(" {p}")).unwrap_or_default();
            return Err(missing_cells(&missing, run.n_candidates * run.n_splits(), params));
        }
        run.finish(&self.estimator, &self.grid, table)
    }
}

/// [`Error::MissingCells`] for `missing`, naming the first ones.
pub(crate) fn missing_cells(missing: &[Cell], total: usize, params: impl Fn(usize) -> String) -> Error {
    const SHOWN: usize = 12;
    let mut cells: Vec<String> = missing
        .iter()
        .take(SHOWN)
        .map(|c| format!("candidate {}{} split {}", c.candidate, params(c.candidate), c.split))
        .collect();
    if missing.len() > SHOWN {
        cells.push(format!("and {} more", missing.len() - SHOWN));
    }
    Error::MissingCells { count: missing.len(), total, cells: cells.join("; ") }
}

/// A journaled search run by `fit`: the whole grid, resumed from the journal, then finished.
pub(crate) fn fit_journaled<E, G, Y>(
    search: &GridSearchCV<E, G>,
    x: ArrayView2<'_, f32>,
    y: &Y,
    options: FitOptions<'_, Y>,
) -> Result<FittedSearch<G::Params, E::Fitted, Y>>
where
    G: ParamGrid,
    Y: Target,
    E: Estimator<G::Params, Y>,
{
    let shard = search.journal.shard()?;
    if shard.count > 1 {
        return Err(Error::invalid(
            "shard",
            format!(
                "shard {} of {} runs part of the grid: call `fit_shard`, then merge the shards' journals \
                 with `merge_journals` or `gridcv merge`",
                shard.index, shard.count
            ),
        ));
    }
    let base = search.journal.path()?;
    let (mut run, opened) = open_for(search, x.reborrow(), y, &options, shard, base)?;
    let sink =
        JournalSink { writer: &opened.writer, grid: &search.grid, fingerprints: opened.fingerprints.clone() };
    let table = run.fit_cells(&search.estimator, &search.grid, &opened.plan, opened.table, &sink)?;
    run.finish(&search.estimator, &search.grid, table)
}

/// A journal opened for a search.
struct Opened {
    writer: Writer,
    table: CellTable,
    /// The cells this process runs (its shard's).
    plan: Vec<Cell>,
    /// How many of them the journal held.
    done: usize,
    fingerprints: Fingerprints,
}

/// Prepares the search and opens its shard's journal: everything that can fail does so here,
/// before any fit.
fn open_for<'d, E, G, Y>(
    search: &GridSearchCV<E, G>,
    x: ArrayView2<'d, f32>,
    y: &'d Y,
    options: &'d FitOptions<'_, Y>,
    shard: Shard,
    base: &Path,
) -> Result<(SearchRun<'d, Y>, Opened)>
where
    G: ParamGrid,
    Y: Target,
    E: Estimator<G::Params, Y>,
{
    let settings = &search.settings;
    let mut run = SearchRun::prepare(
        &search.estimator,
        &search.grid,
        settings,
        settings.return_train_score,
        x,
        y,
        options,
    )?;
    let (fingerprints, detail) = fingerprints(&search.grid, &run, settings.seed, x, y, options);
    let first = search.grid.get(0).ok_or_else(|| Error::Empty("the grid".into()))?;
    let header = Header {
        gridcv_journal: VERSION,
        fingerprints: fingerprints.clone(),
        settings: detail,
        n_candidates: run.n_candidates,
        n_splits: run.n_splits(),
        metrics: run.names.clone(),
        refit_metric: run.refit_metric,
        param_names: param_names(&search.grid, &first),
        shard,
    };
    let path = shard.journal_path(base);
    let (writer, table, warnings) =
        open(&path, &header, search.journal.reuse, &search.grid, run.empty_table())?;
    let writer = writer.with_fsync(!search.journal.no_fsync);
    for w in &warnings {
        run.warnings.push(w.clone());
    }
    let plan: Vec<Cell> =
        table.all_cells().enumerate().filter(|(t, _)| shard.owns(*t)).map(|(_, c)| c).collect();
    let done = plan.iter().filter(|&&c| table.has(c)).count();
    // A line before any fit: a full disk or a read-only file fails here.
    writer.append(&Line::Session { started_at: now(), cells_done: done, threads: run.n_jobs })?;
    Ok((run, Opened { writer, table, plan, done, fingerprints }))
}

/// Opens the journal at `path` for the search described by `ours`: a new journal gets its
/// header, a journal of this search fills `table`, another search's is an error (or, with
/// `reuse` and only the grid changed, gives its matching cells).
fn open<G: ParamGrid>(
    path: &Path,
    ours: &Header,
    reuse: bool,
    grid: &G,
    mut table: CellTable,
) -> Result<(Writer, CellTable, Vec<String>)> {
    let loaded = file::read(path)?.unwrap_or_default();
    let mut warnings: Vec<String> = loaded.torn.iter().cloned().collect();
    let Some(theirs) = &loaded.header else {
        let writer = Writer::open(path, 0)?;
        writer.append(&Line::Header(ours.clone()))?;
        return Ok((writer, table, warnings));
    };
    if theirs.shard != ours.shard {
        return Err(Error::Journal {
            path: path.into(),
            line: Some(1),
            reason: format!(
                "written by shard {} of {}, but this search is shard {} of {}",
                theirs.shard.index, theirs.shard.count, ours.shard.index, ours.shard.count
            ),
        });
    }
    let which = theirs.fingerprints.differences(&ours.fingerprints);
    if which.is_empty() {
        for (line, record) in &loaded.fits {
            table
                .set(Cell { candidate: record.candidate, split: record.split }, record.outcome(path, *line)?);
        }
        return Ok((Writer::open(path, loaded.valid_len)?, table, warnings));
    }
    let mut details = Vec::new();
    if which.contains(&"grid") {
        details.push(format!(
            "grid: the journal's has {} candidates, this search's {}",
            theirs.n_candidates, ours.n_candidates
        ));
    }
    if which.contains(&"settings") {
        details.push(format!("settings: {}", theirs.settings.describe_differences(&ours.settings)));
    }
    if which.contains(&"data") {
        details.push("data: x, y or the validation data changed".to_string());
    }
    let advice = if which == ["grid"] {
        "pass `reuse_matching_cells(true)` to keep the cells of candidates still in the grid, or use another journal"
    } else {
        "use another journal: fits depend on the settings and the data, so none of its cells can be reused"
    };
    if !reuse || which != ["grid"] {
        return Err(Error::FingerprintMismatch {
            path: path.into(),
            which: which.join(", "),
            detail: format!("{}; {advice}", details.join("; ")),
        });
    }
    // Only the grid changed: keep the cells whose candidate is still in it.
    let mut index = std::collections::HashMap::new();
    for (c, params) in grid.candidates().enumerate() {
        let names = grid.axes_of(c).map(|axes| axes.iter().map(|a| a.name.to_string()).collect::<Vec<_>>());
        index.entry(candidate_key(&to_json(&params), names.as_deref())).or_insert(c);
    }
    let mut lines = vec![Line::Header(ours.clone())];
    for (line, record) in &loaded.fits {
        if let Some(&candidate) = index.get(&candidate_key(&record.params, record.grid_params.as_deref())) {
            let cell = Cell { candidate, split: record.split };
            if !table.has(cell) {
                table.set(cell, record.outcome(path, *line)?);
                let mut moved = record.clone();
                moved.candidate = candidate;
                moved.fingerprints = ours.fingerprints.clone();
                lines.push(Line::Fit(moved));
            }
        }
    }
    let kept = lines.len() - 1;
    warnings.push(format!(
        "journal {}: the grid changed; {kept} of its {} fits are of candidates still in the grid and are reused \
         (the old journal is kept as {}.before-reuse)",
        path.display(),
        loaded.fits.len(),
        path.display()
    ));
    file::rewrite(path, &lines)?;
    Ok((Writer::open(path, u64::MAX)?, table, warnings))
}

/// What identifies a candidate across grids: its parameters as JSON and its branch's axes.
fn candidate_key(params: &serde_json::Value, axes: Option<&[String]>) -> String {
    match axes {
        Some(names) => format!("{params}\u{0}{}", names.join(",")),
        None => params.to_string(),
    }
}

/// A candidate's parameters as JSON (objects with sorted keys, as read back from a journal).
fn to_json(params: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(params).unwrap_or(serde_json::Value::Null)
}

/// The fingerprints of a prepared search.
fn fingerprints<G: ParamGrid, Y: Target>(
    grid: &G,
    run: &SearchRun<'_, Y>,
    seed: u64,
    x: ArrayView2<'_, f32>,
    y: &Y,
    options: &FitOptions<'_, Y>,
) -> (Fingerprints, SettingsDetail) {
    let mut g = Fnv::default();
    g.u64(grid.len() as u64);
    for (c, params) in grid.candidates().enumerate() {
        let names = grid.axes_of(c).map(|axes| axes.iter().map(|a| a.name.to_string()).collect::<Vec<_>>());
        g.str(&candidate_key(&to_json(&params), names.as_deref()));
    }
    let mut s = Fnv::default();
    for fold in &run.engine.folds {
        s.u64(fold.split.train.len() as u64);
        for &i in fold.split.train.iter().chain(&fold.split.test) {
            s.u64(i as u64);
        }
    }
    let detail = SettingsDetail {
        splits: s.hex(),
        scoring: run.names.clone(),
        seed,
        error_score: match run.error_score {
            ErrorScore::Nan => "nan".into(),
            ErrorScore::Raise => "raise".into(),
            ErrorScore::Value(v) => format!("{v:?}"),
        },
        return_train_score: run.return_train_score,
    };
    let mut d = Fnv::default();
    hash_xy(&mut d, x, y);
    if let Some((xv, yv)) = &options.validation {
        d.str("validation");
        hash_xy(&mut d, xv.view(), yv.as_ref());
    }
    let fingerprints = Fingerprints { grid: g.hex(), settings: detail.fingerprint(), data: d.hex() };
    (fingerprints, detail)
}

fn hash_xy<Y: Target>(h: &mut Fnv, x: ndarray::ArrayView2<'_, f32>, y: &Y) {
    h.u64(x.nrows() as u64).u64(x.ncols() as u64);
    for v in x.iter() {
        h.bytes(&v.to_bits().to_le_bytes());
    }
    let classes = y.classes();
    h.str(&format!("{classes:?}"));
    match y.encode(&classes) {
        Ok(Encoded::Values(values)) => {
            h.u64(values.nrows() as u64).u64(values.ncols() as u64);
            for v in values.iter() {
                h.bytes(&v.to_bits().to_le_bytes());
            }
        }
        Ok(Encoded::Labels { labels, n_classes }) => {
            h.u64(n_classes as u64);
            for l in labels {
                h.u64(l as u64);
            }
        }
        Err(e) => {
            h.str(&e.to_string());
        }
    }
}

/// Appends every finished cell to the journal.
struct JournalSink<'a, G> {
    writer: &'a Writer,
    grid: &'a G,
    fingerprints: Fingerprints,
}

impl<G: ParamGrid> CellSink<G::Params> for JournalSink<'_, G> {
    fn cell_done(&self, cell: Cell, params: &G::Params, outcome: &Outcome) -> Result<()> {
        let record = FitRecord {
            candidate: cell.candidate,
            split: cell.split,
            params: to_json(params),
            grid_params: self
                .grid
                .axes_of(cell.candidate)
                .map(|a| a.iter().map(|a| a.name.to_string()).collect()),
            test: outcome.test.iter().map(|&v| score_to_json(v)).collect(),
            train: outcome.train.as_ref().map(|t| t.iter().map(|&v| score_to_json(v)).collect()),
            fit_time: outcome.fit_time,
            score_time: outcome.score_time,
            error: outcome.error.as_ref().map(Error::to_string),
            finished_at: now(),
            fingerprints: self.fingerprints.clone(),
        };
        self.writer.append(&Line::Fit(record))
    }
}
