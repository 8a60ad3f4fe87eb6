//! `ColumnTransformer`: different steps for different columns, chosen by name.

use ndarray::{concatenate, Array2, ArrayView2, Axis};
use serde::{Deserialize, Serialize};

use super::columns::{check_width, positions, Column};
use super::step::{fit_steps, transform_steps, FittedStep, Step};
use super::{Transform, Transformer};
use crate::error::{Error, Result};

/// What happens to the columns no transformer names (scikit-learn's `remainder`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Remainder {
    /// Left out of the output (the default).
    #[default]
    Drop,
    /// Passed through unchanged, after the transformers' outputs.
    Passthrough,
}

/// One entry of a [`ColumnTransformer`]: a name, the columns it takes and its steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnSteps {
    /// The name, which prefixes its output columns (`num__age`).
    pub name: String,
    /// The input columns it takes, by name.
    pub columns: Vec<String>,
    /// Its steps, fitted in order on those columns.
    pub steps: Vec<Step>,
}

/// Applies steps to named columns and puts the outputs side by side, as scikit-learn's
/// `ColumnTransformer`: outputs in the order of the entries, then the remainder; output
/// columns named `{entry}__{column}` (`verbose_feature_names_out=True`).
///
/// ```
/// use grid_core::preprocess::{Column, ColumnTransformer, OneHotEncoder, StandardScaler, Transform, Transformer};
/// let columns = [Column::numeric("age"), Column::categorical("city", ["Lyon", "Paris"])];
/// let x = ndarray::array![[20.0_f32, 1.0], [40.0, 0.0]];
/// let prep = ColumnTransformer::new()
///     .add("num", ["age"], StandardScaler::default())
///     .add("cat", ["city"], OneHotEncoder::default());
/// let fitted = prep.fit(x.view(), &columns)?;
/// let names: Vec<String> = fitted.columns_out().into_iter().map(|c| c.name).collect();
/// assert_eq!(names, ["num__age", "cat__city_Lyon", "cat__city_Paris"]);
/// assert_eq!(fitted.transform(x.view())?, ndarray::array![[-1.0_f32, 0.0, 1.0], [1.0, 1.0, 0.0]]);
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ColumnTransformer {
    /// The entries, in output order.
    pub transformers: Vec<ColumnSteps>,
    /// The columns no entry names: dropped (default) or passed through.
    pub remainder: Remainder,
}

impl ColumnTransformer {
    /// No entries; the remainder is dropped.
    pub fn new() -> Self {
        ColumnTransformer::default()
    }

    /// Adds an entry `name` applying `step` to `columns`.
    pub fn add<S: Into<String>>(
        self,
        name: impl Into<String>,
        columns: impl IntoIterator<Item = S>,
        step: impl Into<Step>,
    ) -> Self {
        self.add_steps(name, columns, vec![step.into()])
    }

    /// Adds an entry `name` applying `steps`, in order, to `columns` (scikit-learn's
    /// `make_pipeline` inside a `ColumnTransformer`).
    pub fn add_steps<S: Into<String>>(
        mut self,
        name: impl Into<String>,
        columns: impl IntoIterator<Item = S>,
        steps: Vec<Step>,
    ) -> Self {
        let columns = columns.into_iter().map(Into::into).collect();
        self.transformers.push(ColumnSteps { name: name.into(), columns, steps });
        self
    }

    /// What to do with the columns no entry names.
    pub fn remainder(mut self, remainder: Remainder) -> Self {
        self.remainder = remainder;
        self
    }
}

/// One fitted entry of a [`FittedColumnTransformer`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FittedColumnSteps {
    /// The entry's name.
    pub name: String,
    /// Positions of its input columns.
    pub positions: Vec<usize>,
    /// Its fitted steps.
    pub steps: Vec<FittedStep>,
    /// Its output columns (without the prefix).
    pub columns: Vec<Column>,
}

/// A fitted [`ColumnTransformer`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FittedColumnTransformer {
    /// The fitted entries.
    pub transformers: Vec<FittedColumnSteps>,
    /// Positions of the columns passed through (empty when the remainder is dropped).
    pub remainder: Vec<usize>,
    /// The input columns.
    pub columns_in: Vec<Column>,
}

impl Transformer for ColumnTransformer {
    type Fitted = FittedColumnTransformer;

    fn fit(&self, x: ArrayView2<'_, f32>, columns: &[Column]) -> Result<FittedColumnTransformer> {
        check_width("ColumnTransformer", columns.len(), x.ncols())?;
        if self.transformers.is_empty() {
            return Err(Error::invalid("ColumnTransformer", "has no entries (add one with .add)"));
        }
        let mut used = vec![false; columns.len()];
        let mut transformers = Vec::with_capacity(self.transformers.len());
        for entry in &self.transformers {
            let step = format!("ColumnTransformer entry `{}`", entry.name);
            let at = positions(&step, &entry.columns, columns)?;
            let sub_columns: Vec<Column> = at.iter().map(|&j| columns[j].clone()).collect();
            let (steps, _, out) = fit_steps(&entry.steps, x.select(Axis(1), &at).view(), &sub_columns)?;
            at.iter().for_each(|&j| used[j] = true);
            transformers.push(FittedColumnSteps {
                name: entry.name.clone(),
                positions: at,
                steps,
                columns: out,
            });
        }
        let remainder = match self.remainder {
            Remainder::Drop => Vec::new(),
            Remainder::Passthrough => (0..columns.len()).filter(|&j| !used[j]).collect(),
        };
        Ok(FittedColumnTransformer { transformers, remainder, columns_in: columns.to_vec() })
    }
}

impl Transform for FittedColumnTransformer {
    fn columns_out(&self) -> Vec<Column> {
        let mut out: Vec<Column> = self
            .transformers
            .iter()
            .flat_map(|t| {
                t.columns
                    .iter()
                    .map(|c| Column { name: format!("{}__{}", t.name, c.name), kind: c.kind.clone() })
            })
            .collect();
        out.extend(self.remainder.iter().map(|&j| {
            let c = &self.columns_in[j];
            Column { name: format!("remainder__{}", c.name), kind: c.kind.clone() }
        }));
        out
    }

    fn transform(&self, x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
        check_width("ColumnTransformer", self.columns_in.len(), x.ncols())?;
        let mut parts = Vec::with_capacity(self.transformers.len() + 1);
        for t in &self.transformers {
            parts.push(transform_steps(&t.steps, x.select(Axis(1), &t.positions).view())?);
        }
        parts.push(x.select(Axis(1), &self.remainder));
        let views: Vec<_> = parts.iter().map(|p| p.view()).collect();
        Ok(concatenate(Axis(1), &views).expect("every part has the rows of x"))
    }
}
