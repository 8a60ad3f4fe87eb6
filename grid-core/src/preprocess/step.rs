//! `Step` and `FittedStep`: every step as one serializable value, so a pipeline can hold a
//! list of them, choose them per candidate and save them with the model.

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use super::column_transformer::{ColumnTransformer, FittedColumnTransformer};
use super::columns::Column;
use super::imputer::{FittedSimpleImputer, SimpleImputer};
use super::onehot::{FittedOneHotEncoder, OneHotEncoder};
use super::scalers::{
    FittedMaxAbsScaler, FittedMinMaxScaler, FittedRobustScaler, FittedStandardScaler, MaxAbsScaler,
    MinMaxScaler, RobustScaler, StandardScaler,
};
use super::{Transform, Transformer};
use crate::error::Result;

macro_rules! steps {
    ($($variant:ident($step:ty => $fitted:ty)),* $(,)?) => {
        /// Any step, before fitting: what a [`Pipeline`](crate::pipeline::Pipeline) holds.
        ///
        /// ```
        /// use grid_core::preprocess::{numeric_columns, StandardScaler, Step, Transform, Transformer};
        /// let step: Step = StandardScaler::default().into();
        /// let x = ndarray::array![[1.0_f32], [3.0]];
        /// let fitted = step.fit(x.view(), &numeric_columns(1))?;
        /// assert_eq!(fitted.transform(x.view())?, ndarray::array![[-1.0_f32], [1.0]]);
        /// # Ok::<(), grid_core::Error>(())
        /// ```
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        pub enum Step {
            $(
                #[doc = concat!("A [`", stringify!($step), "`].")]
                $variant($step),
            )*
        }

        /// Any fitted step, as [`Step::fit`] returns it.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        pub enum FittedStep {
            $(
                #[doc = concat!("A [`", stringify!($fitted), "`].")]
                $variant($fitted),
            )*
        }

        $(
            impl From<$step> for Step {
                fn from(step: $step) -> Step {
                    Step::$variant(step)
                }
            }
        )*

        impl Transformer for Step {
            type Fitted = FittedStep;

            fn fit(&self, x: ArrayView2<'_, f32>, columns: &[Column]) -> Result<FittedStep> {
                Ok(match self {
                    $(Step::$variant(step) => FittedStep::$variant(step.fit(x, columns)?),)*
                })
            }
        }

        impl Transform for FittedStep {
            fn columns_out(&self) -> Vec<Column> {
                match self {
                    $(FittedStep::$variant(step) => step.columns_out(),)*
                }
            }

            fn transform(&self, x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
                match self {
                    $(FittedStep::$variant(step) => step.transform(x),)*
                }
            }

            fn inverse_transform(&self, x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
                match self {
                    $(FittedStep::$variant(step) => step.inverse_transform(x),)*
                }
            }
        }
    };
}

steps! {
    Standard(StandardScaler => FittedStandardScaler),
    MinMax(MinMaxScaler => FittedMinMaxScaler),
    Robust(RobustScaler => FittedRobustScaler),
    MaxAbs(MaxAbsScaler => FittedMaxAbsScaler),
    Impute(SimpleImputer => FittedSimpleImputer),
    OneHot(OneHotEncoder => FittedOneHotEncoder),
    Columns(ColumnTransformer => FittedColumnTransformer),
}

/// Steps fitted one after the other, each on the previous one's output.
///
/// ```
/// use grid_core::preprocess::{fit_steps, numeric_columns, Imputation, SimpleImputer, StandardScaler, Step};
/// let steps: Vec<Step> = vec![SimpleImputer::new(Imputation::Mean).into(), StandardScaler::default().into()];
/// let x = ndarray::array![[1.0_f32], [f32::NAN], [3.0]];
/// let (fitted, xt, _) = fit_steps(&steps, x.view(), &numeric_columns(1))?;
/// assert_eq!((fitted.len(), xt[[1, 0]]), (2, 0.0));
/// # Ok::<(), grid_core::Error>(())
/// ```
pub fn fit_steps(
    steps: &[Step],
    x: ArrayView2<'_, f32>,
    columns: &[Column],
) -> Result<(Vec<FittedStep>, Array2<f32>, Vec<Column>)> {
    let mut fitted = Vec::with_capacity(steps.len());
    let mut x = x.to_owned();
    let mut columns = columns.to_vec();
    for step in steps {
        let f = step.fit(x.view(), &columns)?;
        x = f.transform(x.view())?;
        columns = f.columns_out();
        fitted.push(f);
    }
    Ok((fitted, x, columns))
}

/// `x` through fitted steps, in order.
///
/// ```
/// use grid_core::preprocess::{fit_steps, numeric_columns, transform_steps, MaxAbsScaler, Step};
/// let x = ndarray::array![[2.0_f32], [-4.0]];
/// let (fitted, _, _) = fit_steps(&[Step::from(MaxAbsScaler)], x.view(), &numeric_columns(1))?;
/// assert_eq!(transform_steps(&fitted, ndarray::array![[8.0_f32]].view())?, ndarray::array![[2.0_f32]]);
/// # Ok::<(), grid_core::Error>(())
/// ```
pub fn transform_steps(fitted: &[FittedStep], x: ArrayView2<'_, f32>) -> Result<Array2<f32>> {
    let mut x = x.to_owned();
    for step in fitted {
        x = step.transform(x.view())?;
    }
    Ok(x)
}
