//! `load_csv`: a numeric table with a header row, one column of which is the target.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use ndarray::{Array1, Array2};

use super::Dataset;
use crate::data::Target;
use crate::error::{Error, Result};

/// Starts loading the CSV file at `path`: set options on the returned [`LoadCsv`], then call
/// [`build`](LoadCsv::build) (numeric target) or [`build_labels`](LoadCsv::build_labels)
/// (class target).
///
/// The first row must be a header naming the columns. Every column but the target is a
/// feature and must hold finite numbers; the target is the last column unless
/// [`target`](LoadCsv::target) or [`target_index`](LoadCsv::target_index) says otherwise.
/// Fields are trimmed; blank lines are skipped.
///
/// ```no_run
/// let data = grid_core::datasets::load_csv("examples/data/housing_small.csv").target("price").build()?;
/// println!("{} houses, features {:?}", data.n_samples(), data.feature_names);
/// # Ok::<(), grid_core::Error>(())
/// ```
pub fn load_csv(path: impl AsRef<Path>) -> LoadCsv {
    LoadCsv::new(Source::File(path.as_ref().to_path_buf()))
}

/// Like [`load_csv`], reading the CSV from `text` instead of a file (errors name it
/// "CSV text").
///
/// ```
/// let data = grid_core::datasets::load_csv_str("a,b,y\n1,2,3\n4,5,6\n").build()?;
/// assert_eq!(data.x, ndarray::array![[1.0_f32, 2.0], [4.0, 5.0]]);
/// assert_eq!(data.y, ndarray::array![3.0_f32, 6.0]);
/// assert_eq!(data.feature_names, ["a", "b"]);
/// assert_eq!(data.target_names, ["y"]);
/// # Ok::<(), grid_core::Error>(())
/// ```
pub fn load_csv_str(text: impl Into<String>) -> LoadCsv {
    LoadCsv::new(Source::Text(text.into()))
}

/// Options of [`load_csv`] and [`load_csv_str`].
///
/// ```
/// let data = grid_core::datasets::load_csv_str("kind;width\ncat;1.5\ndog;3\n")
///     .delimiter(b';')
///     .target("kind")
///     .build_labels()?;
/// assert_eq!(data.y, ndarray::array!["cat".to_string(), "dog".to_string()]);
/// assert_eq!(data.target_names, ["cat", "dog"]);
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct LoadCsv {
    source: Source,
    target: TargetColumn,
    delimiter: u8,
}

#[derive(Clone, Debug, PartialEq)]
enum Source {
    File(PathBuf),
    Text(String),
}

#[derive(Clone, Debug, PartialEq)]
enum TargetColumn {
    Last,
    Name(String),
    Index(usize),
}

/// A parsed table before the target is converted.
struct Table {
    x: Array2<f32>,
    targets: Vec<String>,
    lines: Vec<usize>,
    feature_names: Vec<String>,
    target_name: String,
    source_name: String,
}

impl LoadCsv {
    fn new(source: Source) -> Self {
        LoadCsv { source, target: TargetColumn::Last, delimiter: b',' }
    }

    /// The target is the column with this header name.
    ///
    /// ```
    /// let data = grid_core::datasets::load_csv_str("y,a\n1,2\n").target("y").build()?;
    /// assert_eq!(data.feature_names, ["a"]);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn target(mut self, name: impl Into<String>) -> Self {
        self.target = TargetColumn::Name(name.into());
        self
    }

    /// The target is the column at this zero-based position.
    ///
    /// ```
    /// let data = grid_core::datasets::load_csv_str("y,a\n1,2\n").target_index(0).build()?;
    /// assert_eq!(data.target_names, ["y"]);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn target_index(mut self, index: usize) -> Self {
        self.target = TargetColumn::Index(index);
        self
    }

    /// The field separator (default `b','`).
    ///
    /// ```
    /// let data = grid_core::datasets::load_csv_str("a\ty\n1\t2\n").delimiter(b'\t').build()?;
    /// assert_eq!(data.y[0], 2.0);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn delimiter(mut self, delimiter: u8) -> Self {
        self.delimiter = delimiter;
        self
    }

    /// Loads the table with a numeric target; `target_names` holds the target column's name.
    ///
    /// # Errors
    /// [`Error::Io`] (with the path) when the file cannot be read; [`Error::Parse`] naming the
    /// file, line and column for a row whose length differs from the header's, a cell that is
    /// not a finite number, or a duplicated column name; [`Error::InvalidParameter`] for a
    /// target column that does not exist (listing those that do); [`Error::Empty`] for a file
    /// without a header, without data rows, or without feature columns.
    ///
    /// ```
    /// let err = grid_core::datasets::load_csv_str("a,y\n1,2\n3,x\n").build().unwrap_err();
    /// assert_eq!(err.to_string(), "CSV text, line 3: column `y`: cannot read \"x\" as a number");
    /// ```
    pub fn build(&self) -> Result<Dataset<Array1<f32>>> {
        let table = self.read()?;
        let y = table
            .targets
            .iter()
            .zip(&table.lines)
            .map(|(cell, &line)| {
                parse_number(cell).map_err(|reason| table.cell_error(line, &table.target_name, reason))
            })
            .collect::<Result<Array1<f32>>>()?;
        Ok(Dataset {
            x: table.x,
            y,
            feature_names: table.feature_names,
            target_names: vec![table.target_name],
        })
    }

    /// Loads the table with a class target kept as text; `target_names` holds the distinct
    /// classes in sorted order (the order estimators number them in).
    ///
    /// # Errors
    /// As [`build`](Self::build), with an empty target cell an [`Error::Parse`].
    ///
    /// ```
    /// let data = grid_core::datasets::load_csv_str("x,label\n1,b\n2,a\n3,b\n").build_labels()?;
    /// assert_eq!(data.target_names, ["a", "b"]);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn build_labels(&self) -> Result<Dataset<Array1<String>>> {
        let table = self.read()?;
        if let Some(i) = table.targets.iter().position(|cell| cell.is_empty()) {
            return Err(table.cell_error(table.lines[i], &table.target_name, "empty label".into()));
        }
        let y = Array1::from(table.targets);
        let target_names = y.classes();
        Ok(Dataset { x: table.x, y, feature_names: table.feature_names, target_names })
    }

    fn source_name(&self) -> String {
        match &self.source {
            Source::File(path) => path.display().to_string(),
            Source::Text(_) => "CSV text".to_string(),
        }
    }

    fn open(&self) -> Result<Box<dyn Read + '_>> {
        match &self.source {
            Source::File(path) => match File::open(path) {
                Ok(file) => Ok(Box::new(file)),
                Err(source) => Err(Error::Io { path: path.clone(), source }),
            },
            Source::Text(text) => Ok(Box::new(text.as_bytes())),
        }
    }

    fn csv_error(&self, error: csv::Error) -> Error {
        let line = error.position().map(|p| p.line() as usize);
        match (error.into_kind(), &self.source) {
            (csv::ErrorKind::Io(source), Source::File(path)) => Error::Io { path: path.clone(), source },
            (kind, _) => Error::Parse { source_name: self.source_name(), line, reason: csv_reason(kind) },
        }
    }

    fn read(&self) -> Result<Table> {
        let source_name = self.source_name();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .trim(csv::Trim::All)
            .delimiter(self.delimiter)
            .from_reader(self.open()?);
        let header: Vec<String> =
            reader.headers().map_err(|e| self.csv_error(e))?.iter().map(str::to_string).collect();
        if header.is_empty() {
            return Err(Error::Empty(format!("{source_name} (it has no header row)")));
        }
        check_distinct(&header, &source_name)?;
        let target = self.target_position(&header, &source_name)?;
        if header.len() == 1 {
            return Err(Error::Empty(format!(
                "the feature columns of {source_name} (its only column is the target `{}`)",
                header[0]
            )));
        }
        let mut table = Table {
            x: Array2::zeros((0, 0)),
            targets: Vec::new(),
            lines: Vec::new(),
            feature_names: header
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != target)
                .map(|(_, h)| h.clone())
                .collect(),
            target_name: header[target].clone(),
            source_name,
        };
        let mut values = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| self.csv_error(e))?;
            let line = record.position().map_or(0, |p| p.line() as usize);
            if record.len() != header.len() {
                return Err(table.ragged(line, &header, record.len()));
            }
            for (j, cell) in record.iter().enumerate() {
                if j == target {
                    table.targets.push(cell.to_string());
                } else {
                    values.push(
                        parse_number(cell).map_err(|reason| table.cell_error(line, &header[j], reason))?,
                    );
                }
            }
            table.lines.push(line);
        }
        if table.lines.is_empty() {
            return Err(Error::Empty(format!("{} (it has a header but no data rows)", table.source_name)));
        }
        table.x = Array2::from_shape_vec((table.lines.len(), header.len() - 1), values)
            .expect("every row was checked to have the header's length");
        Ok(table)
    }

    fn target_position(&self, header: &[String], source_name: &str) -> Result<usize> {
        let listing = || header.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ");
        match &self.target {
            TargetColumn::Last => Ok(header.len() - 1),
            TargetColumn::Name(name) => header.iter().position(|h| h == name).ok_or_else(|| {
                Error::invalid("target", format!("{source_name} has no column `{name}`; its columns are {}", listing()))
            }),
            TargetColumn::Index(index) if *index < header.len() => Ok(*index),
            TargetColumn::Index(index) => Err(Error::invalid(
                "target_index",
                format!(
                    "{source_name} has {} columns (indices 0 to {}), there is no column {index}; its columns are {}",
                    header.len(),
                    header.len() - 1,
                    listing()
                ),
            )),
        }
    }
}

impl Table {
    fn cell_error(&self, line: usize, column: &str, reason: String) -> Error {
        Error::Parse {
            source_name: self.source_name.clone(),
            line: Some(line),
            reason: format!("column `{column}`: {reason}"),
        }
    }

    fn ragged(&self, line: usize, header: &[String], found: usize) -> Error {
        let detail = if found < header.len() {
            format!("no value for column `{}`", header[found])
        } else {
            format!("extra field after the last column `{}`", header[header.len() - 1])
        };
        Error::Parse {
            source_name: self.source_name.clone(),
            line: Some(line),
            reason: format!("found {found} fields where the header has {} ({detail})", header.len()),
        }
    }
}

fn check_distinct(header: &[String], source_name: &str) -> Result<()> {
    for (j, name) in header.iter().enumerate() {
        if let Some(first) = header[..j].iter().position(|h| h == name) {
            return Err(Error::Parse {
                source_name: source_name.to_string(),
                line: Some(1),
                reason: format!("column `{name}` appears twice in the header (columns {first} and {j})"),
            });
        }
    }
    Ok(())
}

fn parse_number(cell: &str) -> std::result::Result<f32, String> {
    if cell.is_empty() {
        return Err("empty cell (missing values are not supported)".into());
    }
    match cell.parse::<f32>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(v) => Err(format!("{cell:?} is not a finite number ({v})")),
        Err(_) => Err(format!("cannot read {cell:?} as a number")),
    }
}

fn csv_reason(kind: csv::ErrorKind) -> String {
    match kind {
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 in field {}", err.field() + 1),
        csv::ErrorKind::Io(e) => e.to_string(),
        other => format!("{other:?}"),
    }
}
