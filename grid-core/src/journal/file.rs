//! Reading a journal (a torn last line is dropped with a warning, a damaged line elsewhere is
//! an error naming it) and appending to it, one fsynced line per record.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::record::{FitRecord, Header, Line};
use crate::error::{Error, Result};

/// What a journal file holds.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub(crate) header: Option<Header>,
    /// The fit records with their one-based line numbers.
    pub(crate) fits: Vec<(usize, FitRecord)>,
    /// Threads of the last session line.
    pub(crate) threads: Option<usize>,
    /// The length in bytes of the complete lines (where appending resumes).
    pub(crate) valid_len: u64,
    /// The warning about a torn last line, if there was one.
    pub(crate) torn: Option<String>,
}

fn journal_error(path: &Path, line: Option<usize>, reason: impl Into<String>) -> Error {
    Error::Journal { path: path.to_path_buf(), line, reason: reason.into() }
}

/// Reads the journal at `path`: `None` when there is no file. A path that is not a regular
/// file (a device such as `/dev/full`) holds nothing to read.
pub(crate) fn read(path: &Path) -> Result<Option<Loaded>> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(Error::Io { path: path.to_path_buf(), source }),
    };
    if meta.is_dir() {
        return Err(journal_error(path, None, "is a directory, not a journal file"));
    }
    if !meta.is_file() {
        return Ok(Some(Loaded::default()));
    }
    let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    parse(path, &bytes).map(Some)
}

/// Parses a journal's bytes.
pub(crate) fn parse(path: &Path, bytes: &[u8]) -> Result<Loaded> {
    let mut loaded = Loaded::default();
    let mut start = 0;
    let mut number = 0;
    while start < bytes.len() {
        number += 1;
        let Some(end) = bytes[start..].iter().position(|&b| b == b'\n').map(|e| start + e) else {
            // No newline: the process was killed while writing this line.
            loaded.torn = Some(format!(
                "journal {}: line {number} is incomplete (the run was stopped while writing it); \
                 it is ignored and its fit runs again",
                path.display()
            ));
            break;
        };
        let text = std::str::from_utf8(&bytes[start..end])
            .map_err(|_| journal_error(path, Some(number), "damaged line: not UTF-8 text"))?;
        start = end + 1;
        loaded.valid_len = start as u64;
        if text.trim().is_empty() {
            continue;
        }
        let line: Line = serde_json::from_str(text)
            .map_err(|e| journal_error(path, Some(number), format!("damaged line: {e}")))?;
        match line {
            Line::Header(header) if number == 1 => {
                if header.gridcv_journal != super::record::VERSION {
                    return Err(journal_error(
                        path,
                        Some(number),
                        format!(
                            "journal format {} (this gridcv reads {})",
                            header.gridcv_journal,
                            super::record::VERSION
                        ),
                    ));
                }
                loaded.header = Some(header);
            }
            Line::Header(_) => return Err(journal_error(path, Some(number), "a second header")),
            _ if loaded.header.is_none() => {
                return Err(journal_error(path, Some(number), "the journal does not start with its header"))
            }
            Line::Session { threads, .. } => loaded.threads = Some(threads),
            Line::Fit(record) => {
                let header = loaded.header.as_ref().expect("checked above");
                if record.fingerprints != header.fingerprints {
                    return Err(journal_error(
                        path,
                        Some(number),
                        "this record's fingerprints differ from the header's (lines of another search)",
                    ));
                }
                if record.candidate >= header.n_candidates || record.split >= header.n_splits {
                    return Err(journal_error(
                        path,
                        Some(number),
                        format!(
                            "candidate {} split {} is outside the grid's {} candidates x {} splits",
                            record.candidate, record.split, header.n_candidates, header.n_splits
                        ),
                    ));
                }
                // Every score must read back, so that a record never fails later.
                record.outcome(path, number)?;
                loaded.fits.push((number, record));
            }
        }
    }
    Ok(loaded)
}

/// A journal open for appending; shared by the worker threads.
#[derive(Debug)]
pub(crate) struct Writer {
    path: PathBuf,
    file: Mutex<File>,
    /// A second handle to the file, to fsync outside the lock: fsyncs of several threads
    /// overlap (the filesystem commits them together) while their writes stay whole lines.
    sync: Option<File>,
}

impl Writer {
    /// Opens `path` for appending (creating it and its directory), dropping anything past
    /// `keep` bytes (a torn last line).
    pub(crate) fn open(path: &Path, keep: u64) -> Result<Self> {
        let io = |source| Error::Io { path: path.to_path_buf(), source };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io { path: dir.to_path_buf(), source })?;
        }
        let file = OpenOptions::new().create(true).append(true).open(path).map_err(io)?;
        let meta = file.metadata().map_err(io)?;
        if meta.is_file() && meta.len() > keep {
            file.set_len(keep).map_err(io)?;
        }
        let sync = Some(file.try_clone().map_err(io)?);
        Ok(Writer { path: path.to_path_buf(), file: Mutex::new(file), sync })
    }

    /// With `false`, lines are written to the operating system but not fsynced: they survive
    /// the process being killed, not the machine losing power.
    pub(crate) fn with_fsync(mut self, fsync: bool) -> Self {
        if !fsync {
            self.sync = None;
        }
        self
    }

    /// Appends one line and waits until it is on disk.
    pub(crate) fn append(&self, line: &Line) -> Result<()> {
        let mut text = serde_json::to_string(line).map_err(|e| Error::Journal {
            path: self.path.clone(),
            line: None,
            reason: format!("cannot write a record: {e}"),
        })?;
        text.push('\n');
        let io = |source| Error::Io { path: self.path.clone(), source };
        {
            let mut file = self.file.lock().unwrap_or_else(|p| p.into_inner());
            file.write_all(text.as_bytes()).map_err(io)?;
            file.flush().map_err(io)?;
        }
        let Some(file) = &self.sync else { return Ok(()) };
        match file.sync_data() {
            Ok(()) => Ok(()),
            // Devices and some special files cannot be synced; what was written stands.
            Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => Ok(()),
            Err(source) => Err(io(source)),
        }
    }

    /// The file written.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }
}

/// Replaces the journal at `path` by `lines` (written beside it, synced, then renamed over
/// it), keeping the old file as `<path>.before-reuse`.
pub(crate) fn rewrite(path: &Path, lines: &[Line]) -> Result<()> {
    fn io(p: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
        move |source| Error::Io { path: p.to_path_buf(), source }
    }
    let mut backup = path.as_os_str().to_owned();
    backup.push(".before-reuse");
    let backup = PathBuf::from(backup);
    std::fs::copy(path, &backup).map_err(io(&backup))?;
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    {
        let writer = Writer::open(&tmp, 0)?;
        for line in lines {
            writer.append(line)?;
        }
    }
    std::fs::rename(&tmp, path).map_err(io(path))
}
