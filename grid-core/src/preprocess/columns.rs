//! What a step knows of its input: each column's name and kind (numeric, or categorical with the
//! category behind each code).

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The kind of a column of `x`.
///
/// A categorical column holds, in `x`, the code of each row's category: `k as f32` for
/// `categories[k]`, NaN for a missing cell (as a numeric column holds NaN for a missing value).
///
/// ```
/// use grid_core::preprocess::ColumnKind;
/// let city = ColumnKind::Categorical(vec!["Lyon".into(), "Paris".into()]);
/// assert_eq!(city.category(1.0), Some("Paris"));
/// assert_eq!(city.category(f32::NAN), None);
/// assert!(ColumnKind::Numeric.is_numeric());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ColumnKind {
    /// Real values.
    Numeric,
    /// Category codes into this list of categories.
    Categorical(Vec<String>),
}

impl ColumnKind {
    /// `true` for a numeric column.
    pub fn is_numeric(&self) -> bool {
        matches!(self, ColumnKind::Numeric)
    }

    /// The category of `code` (`None` for NaN, a numeric column, or a code past the list).
    pub fn category(&self, code: f32) -> Option<&str> {
        match self {
            ColumnKind::Categorical(categories) if code >= 0.0 && code.fract() == 0.0 => {
                categories.get(code as usize).map(String::as_str)
            }
            _ => None,
        }
    }
}

/// One column of `x`: its name and kind.
///
/// ```
/// use grid_core::preprocess::{Column, ColumnKind};
/// let c = Column::numeric("age");
/// assert_eq!((c.name.as_str(), &c.kind), ("age", &ColumnKind::Numeric));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// The column's name (a CSV header, or `x0`, `x1`... as scikit-learn names unnamed columns).
    pub name: String,
    /// Numeric or categorical.
    pub kind: ColumnKind,
}

impl Column {
    /// A numeric column.
    pub fn numeric(name: impl Into<String>) -> Self {
        Column { name: name.into(), kind: ColumnKind::Numeric }
    }

    /// A categorical column with these categories (code `k` is `categories[k]`).
    ///
    /// ```
    /// let c = grid_core::preprocess::Column::categorical("city", ["Lyon", "Paris"]);
    /// assert_eq!(c.kind.category(0.0), Some("Lyon"));
    /// ```
    pub fn categorical<S: Into<String>>(
        name: impl Into<String>,
        categories: impl IntoIterator<Item = S>,
    ) -> Self {
        Column {
            name: name.into(),
            kind: ColumnKind::Categorical(categories.into_iter().map(Into::into).collect()),
        }
    }
}

/// `n` numeric columns named `x0`, `x1`, ... (scikit-learn's names for unnamed features).
///
/// ```
/// let columns = grid_core::preprocess::numeric_columns(2);
/// assert_eq!(columns[1].name, "x1");
/// ```
pub fn numeric_columns(n: usize) -> Vec<Column> {
    (0..n).map(|j| Column::numeric(format!("x{j}"))).collect()
}

/// Numeric columns with these names.
///
/// ```
/// let columns = grid_core::preprocess::named_columns(&["a".to_string(), "b".to_string()]);
/// assert_eq!(columns[0], grid_core::preprocess::Column::numeric("a"));
/// ```
pub fn named_columns(names: &[String]) -> Vec<Column> {
    names.iter().map(Column::numeric).collect()
}

/// Fails unless `x` has as many columns as the step was fitted on.
pub(crate) fn check_width(step: &str, expected: usize, got: usize) -> Result<()> {
    if expected == got {
        return Ok(());
    }
    Err(Error::ShapeMismatch {
        what: format!("number of columns given to {step} (the columns it was fitted on)"),
        expected,
        got,
    })
}

/// The position of each name among `columns`, or an error naming the missing one and listing
/// those that exist.
pub(crate) fn positions(step: &str, names: &[String], columns: &[Column]) -> Result<Vec<usize>> {
    names
        .iter()
        .map(|name| {
            columns.iter().position(|c| &c.name == name).ok_or_else(|| Error::UnknownColumn {
                step: step.to_string(),
                column: name.clone(),
                available: columns.iter().map(|c| format!("`{}`", c.name)).collect::<Vec<_>>().join(", "),
            })
        })
        .collect()
}
