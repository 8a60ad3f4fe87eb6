//! `OneHotEncoder`: one 0/1 column per category of each categorical column.

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
/// `get_feature_names_out`. Numeric columns are refused (select the categorical ones with a
/// [`ColumnTransformer`](super::ColumnTransformer)).
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
            if column.kind.is_numeric() {
                return Err(Error::invalid(
                    "OneHotEncoder",
                    format!("column `{}` is numeric; give the encoder only categorical columns", column.name),
                ));
            }
            let mut seen: Vec<Option<String>> =
                x.column(j).iter().map(|&v| category_of(&column.kind, v)).collect::<Result<_>>()?;
            // Sorted with the missing category last, as scikit-learn puts `nan` last.
            seen.sort_by(|a, b| match (a, b) {
                (Some(a), Some(b)) => a.cmp(b),
                (a, b) => a.is_none().cmp(&b.is_none()),
            });
            seen.dedup();
            categories.push(seen);
        }
        Ok(FittedOneHotEncoder { settings: *self, categories, columns_in: columns.to_vec() })
    }
}

/// The category of a code (`None` for a missing cell); a code outside the column's categories
/// is an error.
fn category_of(kind: &ColumnKind, v: f32) -> Result<Option<String>> {
    if v.is_nan() {
        return Ok(None);
    }
    kind.category(v)
        .map(|c| Some(c.to_string()))
        .ok_or_else(|| Error::invalid("x", format!("{v} is not a category code")))
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
                let category = if v.is_nan() { None } else { column.kind.category(v) };
                let known = (v.is_nan() || category.is_some())
                    .then(|| self.categories[j].iter().position(|c| c.as_deref() == category))
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
