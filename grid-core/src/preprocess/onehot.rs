//! `OneHotEncoder`: one 0/1 column per category of each categorical column.

use std::borrow::Cow;

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use super::columns::{check_width, Column, ColumnKind};
use super::{Transform, Transformer};
use crate::error::{Error, Result};

/// What transforming a category unseen in training does (scikit-learn's `handle_unknown`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HandleUnknown {
    /// An [`Error::UnknownCategory`] naming the column and the category (the default).
    #[default]
    Error,
    /// All the column's outputs are 0.
    Ignore,
}

/// Which category of each column gets no output column (scikit-learn's `drop`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OneHotDrop {
    /// Keep every category (the default).
    #[default]
    None,
    /// Drop the first category (in sorted order) of each column.
    First,
}

/// Encodes each categorical column as one 0/1 column per category seen in training, as
/// scikit-learn's `OneHotEncoder(sparse_output=False)`: categories in sorted order, a missing
/// cell its own category `nan` (last), output columns named `{column}_{category}` as
/// `get_feature_names_out`. A numeric column's categories are its distinct values in increasing
/// order, named as numpy prints a float32 (`1.0`, `0.25`), as scikit-learn does on float32
/// data.
///
/// ```
/// use grid_core::preprocess::{Column, OneHotEncoder, Transform, Transformer};
/// let columns = [Column::categorical("city", ["Lyon", "Paris"])];
/// let x = ndarray::array![[1.0_f32], [0.0], [1.0]];
/// let fitted = OneHotEncoder::default().fit(x.view(), &columns)?;
/// let names: Vec<String> = fitted.columns_out().into_iter().map(|c| c.name).collect();
/// assert_eq!(names, ["city_Lyon", "city_Paris"]);
/// assert_eq!(fitted.transform(x.view())?, ndarray::array![[0.0_f32, 1.0], [1.0, 0.0], [0.0, 1.0]]);
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OneHotEncoder {
    /// Unseen categories: error (default) or ignore.
    pub handle_unknown: HandleUnknown,
    /// Categories without an output column: none (default) or the first.
    pub drop: OneHotDrop,
}

/// A fitted [`OneHotEncoder`]: scikit-learn's `categories_` (`None` stands for missing).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FittedOneHotEncoder {
    /// The settings it was fitted with.
    pub settings: OneHotEncoder,
    /// The categories seen in training, per column, sorted, missing last.
    pub categories: Vec<Vec<Option<String>>>,
    /// The input columns.
    pub columns_in: Vec<Column>,
}

impl Transformer for OneHotEncoder {
    type Fitted = FittedOneHotEncoder;

    fn fit(&self, x: ArrayView2<'_, f32>, columns: &[Column]) -> Result<FittedOneHotEncoder> {
        check_width("OneHotEncoder", columns.len(), x.ncols())?;
        let mut categories = Vec::with_capacity(columns.len());
        for (j, column) in columns.iter().enumerate() {
            let mut seen: Vec<Option<String>> = if column.kind.is_numeric() {
                let mut values: Vec<f32> =
                    x.column(j).iter().filter(|v| !v.is_nan()).map(|&v| v + 0.0).collect();
                values.sort_by(f32::total_cmp);
                values.dedup();
                values.into_iter().map(|v| Some(number_label(v))).collect()
            } else {
                let mut seen: Vec<String> = x
                    .column(j)
                    .iter()
                    .filter(|v| !v.is_nan())
                    .map(|&v| category_of(&column.kind, v))
                    .collect::<Result<_>>()?;
                seen.sort();
                seen.dedup();
                seen.into_iter().map(Some).collect()
            };
            // The missing category last, as scikit-learn puts `nan` last.
            if x.column(j).iter().any(|v| v.is_nan()) {
                seen.push(None);
            }
            categories.push(seen);
        }
        Ok(FittedOneHotEncoder { settings: *self, categories, columns_in: columns.to_vec() })
    }
}

/// The category of a categorical column's code; a code outside its categories is an error.
fn category_of(kind: &ColumnKind, v: f32) -> Result<String> {
    kind.category(v)
        .map(str::to_string)
        .ok_or_else(|| Error::invalid("x", format!("{v} is not a category code")))
}

/// A numeric category's name, as numpy prints a float32: `1.0`, `0.25`, `-3.5`.
fn number_label(v: f32) -> String {
    let v = v + 0.0; // -0.0 is 0.0
    if v.fract() == 0.0 && v.abs() < 1e16 {
        format!("{v:.1}")
    } else {
        v.to_string()
    }
}

/// The category of cell value `v` of `column` (`None` for a missing cell or an unknown code).
fn label_of(kind: &ColumnKind, v: f32) -> Option<Cow<'_, str>> {
    if v.is_nan() {
        None
    } else if kind.is_numeric() {
        Some(Cow::Owned(number_label(v)))
    } else {
        kind.category(v).map(Cow::Borrowed)
    }
}

impl FittedOneHotEncoder {
    /// Index of the first output category of column `j` (1 with `drop` first).
    fn first_kept(&self) -> usize {
        match self.settings.drop {
            OneHotDrop::None => 0,
            OneHotDrop::First => 1,
        }
    }
}

impl Transform for FittedOneHotEncoder {
    fn columns_out(&self) -> Vec<Column> {
        let skip = self.first_kept();
        self.columns_in
            .iter()
            .zip(&self.categories)
            .flat_map(|(column, cats)| {
                cats.iter().skip(skip).map(move |c| {
                    Column::numeric(format!("{}_{}", column.name, c.as_deref().unwrap_or("nan")))
                })
            })
            .collect()
    }

    fn transform(&self, x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
        check_width("OneHotEncoder", self.columns_in.len(), x.ncols())?;
        let skip = self.first_kept();
        let widths: Vec<usize> = self.categories.iter().map(|c| c.len().saturating_sub(skip)).collect();
        let mut out = Array2::zeros((x.nrows(), widths.iter().sum()));
        for (r, row) in x.rows().into_iter().enumerate() {
            let mut offset = 0;
            for (j, &v) in row.iter().enumerate() {
                let column = &self.columns_in[j];
                let category = label_of(&column.kind, v);
                let known = (v.is_nan() || category.is_some())
                    .then(|| self.categories[j].iter().position(|c| c.as_deref() == category.as_deref()))
                    .flatten();
                match known {
                    Some(k) if k >= skip => out[[r, offset + k - skip]] = 1.0,
                    Some(_) => {}
                    None if self.settings.handle_unknown == HandleUnknown::Ignore => {}
                    None => {
                        return Err(Error::UnknownCategory {
                            column: column.name.clone(),
                            category: match category {
                                Some(c) => c.to_string(),
                                None if v.is_nan() => "nan (a missing cell)".to_string(),
                                None => format!("code {v}"),
                            },
                            row: r,
                        })
                    }
                }
                offset += widths[j];
            }
        }
        Ok(out)
    }
}
