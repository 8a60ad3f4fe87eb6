//! `FittedPipeline`: the fitted steps, the fitted target scaler and the fitted estimator.

use ndarray::{Array2, ArrayView2};

use super::target::PipelineTarget;
use crate::error::{Error, Result};
use crate::estimator::Predictor;
use crate::preprocess::{transform_steps, Column, ColumnKind, FittedStep, Transform};

/// A fitted [`Pipeline`](super::Pipeline): predicts from raw rows (the columns it was fitted
/// on) by transforming them with the fitted steps, predicting with the fitted model and, with
/// a target scaler, inverting the predictions into the target's units.
///
/// ```
/// use grid_core::estimator::{DummyRegressor, Estimator, Predictor, Strategy, TrainSet};
/// use grid_core::pipeline::Pipeline;
/// use grid_core::preprocess::{Column, OneHotEncoder};
/// let columns = vec![Column::categorical("city", ["Lyon", "Paris"])];
/// let x = ndarray::array![[0.0_f32], [1.0]];
/// let y = ndarray::array![1.0_f32, 3.0];
/// let fitted = Pipeline::new(DummyRegressor).columns(columns).step(OneHotEncoder::default())
///     .fit(&Strategy::Mean, &TrainSet::new(x.view(), &y))?;
/// assert_eq!(fitted.columns_out().len(), 2);
/// let pred: ndarray::Array1<f32> = fitted.predict_rows(&[["Paris"]])?;
/// assert_eq!(pred, ndarray::array![2.0_f32]);
/// let err = fitted.predict_rows::<ndarray::Array1<f32>, _, _>(&[["Nice"]]).unwrap_err();
/// assert!(matches!(err, grid_core::Error::UnknownCategory { ref category, .. } if category == "Nice"));
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct FittedPipeline<F> {
    pub(crate) columns: Vec<Column>,
    pub(crate) steps: Vec<FittedStep>,
    pub(crate) target: Option<FittedStep>,
    pub(crate) model: F,
}

impl<F> FittedPipeline<F> {
    pub(crate) fn new(
        columns: Vec<Column>,
        steps: Vec<FittedStep>,
        target: Option<FittedStep>,
        model: F,
    ) -> Self {
        FittedPipeline { columns, steps, target, model }
    }

    /// The fitted estimator at the end.
    pub fn model(&self) -> &F {
        &self.model
    }

    /// The fitted steps, in order.
    pub fn steps(&self) -> &[FittedStep] {
        &self.steps
    }

    /// The fitted target scaler, if any.
    pub fn target_scaler(&self) -> Option<&FittedStep> {
        self.target.as_ref()
    }

    /// The columns the pipeline was fitted on.
    pub fn columns_in(&self) -> &[Column] {
        &self.columns
    }

    /// The columns the estimator sees (after the steps).
    pub fn columns_out(&self) -> Vec<Column> {
        self.steps.last().map_or_else(|| self.columns.clone(), |s| s.columns_out())
    }

    /// `x` through the fitted steps: what the estimator sees.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] when `x` has another number of columns than was fitted, and
    /// the steps' own errors.
    pub fn transform(&self, x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
        crate::preprocess::check_width("the pipeline", self.columns.len(), x.ncols())?;
        transform_steps(&self.steps, x)
    }

    /// Raw rows of text cells (one cell per input column, in order) as `x`: numbers in numeric
    /// columns, category codes in categorical ones, NaN for an empty cell. A category not among
    /// the column's categories gets a code past them, which the one-hot encoder treats as
    /// unseen (`handle_unknown`), and names in its error.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] for a row with another number of cells; [`Error::Parse`]
    /// naming the row and column for a numeric cell that is not a number.
    pub fn encode<R: AsRef<[S]>, S: AsRef<str>>(&self, rows: &[R]) -> Result<Array2<f32>> {
        let mut x = Array2::zeros((rows.len(), self.columns.len()));
        for (r, row) in rows.iter().enumerate() {
            let row = row.as_ref();
            if row.len() != self.columns.len() {
                return Err(Error::ShapeMismatch {
                    what: format!("cells in row {r} (the columns the pipeline was fitted on)"),
                    expected: self.columns.len(),
                    got: row.len(),
                });
            }
            for (j, (cell, column)) in row.iter().zip(&self.columns).enumerate() {
                let cell = cell.as_ref().trim();
                x[[r, j]] = match &column.kind {
                    _ if cell.is_empty() => f32::NAN,
                    ColumnKind::Numeric => match cell.parse::<f32>() {
                        Ok(v) if v.is_finite() => v,
                        _ => {
                            return Err(Error::Parse {
                                source_name: "the rows given".into(),
                                line: None,
                                reason: format!(
                                    "row {r}, column `{}`: cannot read {cell:?} as a number",
                                    column.name
                                ),
                            })
                        }
                    },
                    ColumnKind::Categorical(categories) => categories
                        .iter()
                        .position(|c| c == cell)
                        .unwrap_or(categories.len() + unseen_index(rows, j, cell, categories))
                        as f32,
                };
            }
        }
        Ok(x)
    }

    /// Predicts from raw rows of text cells, as [`encode`](Self::encode) reads them; an
    /// error about a category unseen in training names the category as written.
    ///
    /// # Errors
    /// Those of [`encode`](Self::encode) and [`Predictor::predict`].
    pub fn predict_rows<Y, R, S>(&self, rows: &[R]) -> Result<Y>
    where
        Y: PipelineTarget,
        F: Predictor<Y>,
        R: AsRef<[S]>,
        S: AsRef<str>,
    {
        let x = self.encode(rows)?;
        self.predict(x.view()).map_err(|e| match e {
            Error::UnknownCategory { column, category, row } => {
                let j = self.columns.iter().position(|c| c.name == column);
                let text = j
                    .filter(|_| category.starts_with("code "))
                    .map(|j| rows[row].as_ref()[j].as_ref().trim().to_string());
                Error::UnknownCategory { column, category: text.unwrap_or(category), row }
            }
            other => other,
        })
    }
}

/// The index of `cell` among the unseen categories of column `j` in `rows`, first seen first.
fn unseen_index<R: AsRef<[S]>, S: AsRef<str>>(
    rows: &[R],
    j: usize,
    cell: &str,
    categories: &[String],
) -> usize {
    let mut unseen: Vec<&str> = Vec::new();
    for row in rows {
        let c = row.as_ref()[j].as_ref().trim();
        if !c.is_empty() && !categories.iter().any(|k| k == c) && !unseen.contains(&c) {
            unseen.push(c);
        }
    }
    unseen.iter().position(|&u| u == cell).unwrap_or(0)
}

impl<Y: PipelineTarget, F: Predictor<Y>> Predictor<Y> for FittedPipeline<F> {
    fn predict(&self, x: ArrayView2<'_, f32>) -> Result<Y> {
        let pred: Y = self.model.predict(self.transform(x)?.view())?;
        match &self.target {
            None => Ok(pred),
            Some(scaler) => {
                let values = pred.values().ok_or_else(super::target::no_labels)?;
                Y::from_values(scaler.inverse_transform(values.view())?)
            }
        }
    }

    fn predict_proba(&self, x: ArrayView2<'_, f32>) -> Result<Option<Array2<f32>>> {
        self.model.predict_proba(self.transform(x)?.view())
    }
}
