//! `load_csv`: a numeric table with a header row, one column of which is the target.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use ndarray::{Array1, Array2};

use super::Dataset;
use crate::data::Target;
use crate::error::{Error, Result};
use crate::preprocess::ColumnKind;

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
    categorical: Vec<String>,
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
    feature_kinds: Vec<ColumnKind>,
    target_name: String,
    source_name: String,
}

impl LoadCsv {
    fn new(source: Source) -> Self {
        LoadCsv { source, target: TargetColumn::Last, delimiter: b',', categorical: Vec::new() }
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

    /// These feature columns are categorical even if their cells are numbers (codes such as
    /// zip codes); a column named here that the file lacks is an error.
    ///
    /// ```
    /// let data = grid_core::datasets::load_csv_str("zip,y\n75001,1\n69001,2\n").categorical(["zip"]).build()?;
    /// assert_eq!(data.columns()[0], grid_core::preprocess::Column::categorical("zip", ["69001", "75001"]));
    /// assert_eq!(data.x.column(0).to_vec(), [1.0, 0.0]);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn categorical<S: Into<String>>(mut self, columns: impl IntoIterator<Item = S>) -> Self {
        self.categorical.extend(columns.into_iter().map(Into::into));
        self
    }

    /// Loads the table with a numeric target; `target_names` holds the target column's name.
    ///
    /// Feature columns may be numeric (an empty cell is missing: NaN in `x`) or text: a column
    /// whose non-empty cells are mostly not numbers is categorical, its cells coded in `x` by
    /// their position among the column's sorted distinct values ([`Dataset::columns`] gives
    /// the names and categories, for a [`Pipeline`](crate::pipeline::Pipeline)). An unnamed
    /// first column holding `0, 1, 2, ...` is the row index pandas writes: it is dropped, with
    /// a note on stderr.
    ///
    /// # Errors
    /// [`Error::Io`] (with the path) when the file cannot be read; [`Error::Parse`] naming the
    /// file, line and column for a row whose length differs from the header's, a cell of a
    /// numeric column that is not a finite number, an empty target cell, an unnamed column or a
    /// duplicated column name (and, for a header that reads as one column holding `;` or a tab,
    /// a hint to set [`delimiter`](Self::delimiter)); [`Error::InvalidParameter`] for a target
    /// column that does not exist (listing those that do); [`Error::AllMissing`] for a column
    /// whose every cell is empty; [`Error::Empty`] for a file without a header, without data
    /// rows, or without feature columns.
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
                parse_number(cell)
                    .map_err(|reason| table.cell_error(line, &table.target_name, reason))?
                    .ok_or_else(|| {
                        table.cell_error(
                            line,
                            &table.target_name,
                            "empty cell (a target cannot be missing)".into(),
                        )
                    })
            })
            .collect::<Result<Array1<f32>>>()?;
        Ok(Dataset {
            x: table.x,
            y,
            feature_names: table.feature_names,
            feature_kinds: table.feature_kinds,
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
        Ok(Dataset {
            x: table.x,
            y,
            feature_names: table.feature_names,
            feature_kinds: table.feature_kinds,
            target_names,
        })
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
        if header.len() == 1 {
            if let Some(sep) = [";", "\t", "|"].into_iter().find(|sep| header[0].contains(sep)) {
                return Err(Error::Parse {
                    source_name,
                    line: Some(1),
                    reason: format!(
                        "the header reads as one column `{}`, whose names look separated by {sep:?}: \
                         load it with `.delimiter(b'{}')`",
                        header[0],
                        sep.escape_default()
                    ),
                });
            }
        }
        check_distinct(&header, &source_name)?;
        let target = self.target_position(&header, &source_name)?;
        if header.len() == 1 {
            return Err(Error::Empty(format!(
                "the feature columns of {source_name} (its only column is the target `{}`)",
                header[0]
            )));
        }
        let features: Vec<usize> = (0..header.len()).filter(|&j| j != target).collect();
        let mut table = Table {
            x: Array2::zeros((0, 0)),
            targets: Vec::new(),
            lines: Vec::new(),
            feature_names: features.iter().map(|&j| header[j].clone()).collect(),
            feature_kinds: Vec::new(),
            target_name: header[target].clone(),
            source_name,
        };
        for name in &self.categorical {
            if !table.feature_names.contains(name) {
                return Err(Error::invalid(
                    "categorical",
                    format!(
                        "{} has no feature column `{name}`; its features are {}",
                        table.source_name,
                        listing(&table.feature_names)
                    ),
                ));
            }
        }
        let mut cells: Vec<Vec<String>> = vec![Vec::new(); features.len()];
        for record in reader.records() {
            let record = record.map_err(|e| self.csv_error(e))?;
            let line = record.position().map_or(0, |p| p.line() as usize);
            if record.len() != header.len() {
                return Err(table.ragged(line, &header, record.len()));
            }
            table.targets.push(record[target].to_string());
            for (column, &j) in cells.iter_mut().zip(&features) {
                column.push(record[j].to_string());
            }
            table.lines.push(line);
        }
        if table.lines.is_empty() {
            return Err(Error::Empty(format!("{} (it has a header but no data rows)", table.source_name)));
        }
        if table.feature_names[0].is_empty() && features[0] == 0 && is_row_index(&cells[0]) {
            eprintln!(
                "note: {}: the unnamed first column holds the row numbers 0, 1, 2, ... (the index pandas \
                 writes); it is not loaded as a feature (write the file with `index=False` to leave it out)",
                table.source_name
            );
            cells.remove(0);
            table.feature_names.remove(0);
        }
        if let Some(j) = table.feature_names.iter().position(String::is_empty) {
            return Err(Error::Parse {
                source_name: table.source_name.clone(),
                line: Some(1),
                reason: format!("column {} has no name in the header; name it", features[j]),
            });
        }
        if table.feature_names.is_empty() {
            return Err(Error::Empty(format!("the feature columns of {}", table.source_name)));
        }
        let mut x = Array2::zeros((table.lines.len(), cells.len()));
        for (j, column) in cells.iter().enumerate() {
            let name = &table.feature_names[j];
            if column.iter().all(String::is_empty) {
                return Err(Error::AllMissing { column: name.clone(), context: table.source_name.clone() });
            }
            let kind = if self.categorical.contains(name) || is_text(column) {
                let mut categories: Vec<String> = column.iter().filter(|c| !c.is_empty()).cloned().collect();
                categories.sort_unstable();
                categories.dedup();
                for (i, cell) in column.iter().enumerate() {
                    x[[i, j]] = categories.binary_search(cell).map_or(f32::NAN, |k| k as f32);
                }
                ColumnKind::Categorical(categories)
            } else {
                for (i, cell) in column.iter().enumerate() {
                    x[[i, j]] = parse_number(cell)
                        .map_err(|reason| table.cell_error(table.lines[i], name, reason))?
                        .unwrap_or(f32::NAN);
                }
                ColumnKind::Numeric
            };
            table.feature_kinds.push(kind);
        }
        table.x = x;
        Ok(table)
    }

    fn target_position(&self, header: &[String], source_name: &str) -> Result<usize> {
        let listing = || listing(header);
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

/// `names` as `` `a`, `b` ``.
fn listing(names: &[String]) -> String {
    names.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ")
}

/// A text column: most of its non-empty cells are not numbers. (A numeric column with a few
/// bad cells stays numeric, so that each bad cell is an error naming it.)
fn is_text(cells: &[String]) -> bool {
    let present = cells.iter().filter(|c| !c.is_empty());
    let (n, numbers) = present.fold((0, 0), |(n, k), c| (n + 1, k + usize::from(c.parse::<f32>().is_ok())));
    2 * numbers < n
}

/// Cells `0, 1, 2, ...`: the row index pandas writes first.
fn is_row_index(cells: &[String]) -> bool {
    cells.iter().enumerate().all(|(i, c)| c.parse::<usize>() == Ok(i))
}

/// A cell of a numeric column: `None` when empty (missing).
fn parse_number(cell: &str) -> std::result::Result<Option<f32>, String> {
    if cell.is_empty() {
        return Ok(None);
    }
    match cell.parse::<f32>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
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
