//! `Pipeline`: preprocessing steps then an estimator, fitted as one estimator, as
//! scikit-learn's `Pipeline` (with `TransformedTargetRegressor`'s target scaling).
//!
//! In every fit, and so in every fold of a search, the steps are fitted on that fit's
//! training rows only; the rows scored are only transformed. The estimator (and its build
//! function's [`Meta`](crate::grid::Meta)) sees the columns after the steps. A step can be the
//! same for every candidate ([`step`](Pipeline::step)) or read from the candidate's parameters
//! ([`step_from`](Pipeline::step_from)), so that the scaler is an axis of the grid.
//!
//! ```
//! use grid_core::estimator::{DummyRegressor, Estimator, Predictor, Strategy, TrainSet};
//! use grid_core::pipeline::Pipeline;
//! use grid_core::preprocess::StandardScaler;
//! let x = ndarray::array![[1.0_f32], [2.0], [3.0], [4.0]];
//! let y = ndarray::array![10.0_f32, 20.0, 30.0, 40.0];
//! let pipeline = Pipeline::new(DummyRegressor).step(StandardScaler::default()).target_scaler(StandardScaler::default());
//! let fitted = pipeline.fit(&Strategy::Mean, &TrainSet::new(x.view(), &y))?;
//! // The dummy predicts the scaled target's mean, 0, which is 25 in the user's units.
//! assert_eq!(fitted.predict(x.view())?, ndarray::array![25.0_f32, 25.0, 25.0, 25.0]);
//! # Ok::<(), grid_core::Error>(())
//! ```

mod fitted;
mod persist;
mod target;

pub use fitted::FittedPipeline;
pub use target::PipelineTarget;

use std::fmt;
use std::sync::Arc;

use ndarray::{Array2, CowArray, Ix2};

use crate::error::{Error, Result};
use crate::estimator::{Estimator, Task, TrainSet};
use crate::preprocess::{
    fit_steps, numeric_columns, transform_steps, Column, FittedStep, Step, Transform, Transformer,
};

type Choose<P> = Arc<dyn Fn(&P) -> Option<Step> + Send + Sync>;

/// A step of every candidate, or one the candidate's parameters choose.
enum Source<P> {
    Fixed(Step),
    Chosen(Choose<P>),
}

impl<P> Clone for Source<P> {
    fn clone(&self) -> Self {
        match self {
            Source::Fixed(step) => Source::Fixed(step.clone()),
            Source::Chosen(f) => Source::Chosen(Arc::clone(f)),
        }
    }
}

impl<P> Source<P> {
    fn resolve(&self, params: &P) -> Option<Step> {
        match self {
            Source::Fixed(step) => Some(step.clone()),
            Source::Chosen(f) => f(params),
        }
    }
}

impl<P> fmt::Debug for Source<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Fixed(step) => step.fmt(f),
            Source::Chosen(_) => f.write_str("<chosen per candidate>"),
        }
    }
}

/// Preprocessing steps, then an estimator `E`; itself an [`Estimator`] for the same
/// parameters `P`, so [`GridSearchCV`](crate::search::GridSearchCV), `cross_validate` and the
/// rest take it unchanged.
///
/// - [`step`](Self::step) / [`step_from`](Self::step_from): the input steps, in order;
/// - [`target_scaler`](Self::target_scaler) / [`target_scaler_from`](Self::target_scaler_from):
///   scale a regressor's target for training and invert its predictions, so that scores and
///   predictions are in the user's units (scikit-learn's `TransformedTargetRegressor`);
/// - [`columns`](Self::columns): the names and kinds of the columns of `x` (by default all
///   numeric, named `x0`, `x1`, ...), from [`Dataset::columns`](crate::datasets::Dataset::columns).
///
/// See the [module documentation](self) for an example.
pub struct Pipeline<E, P> {
    estimator: E,
    steps: Vec<Source<P>>,
    target: Option<Source<P>>,
    columns: Option<Vec<Column>>,
}

impl<E: Clone, P> Clone for Pipeline<E, P> {
    fn clone(&self) -> Self {
        Pipeline {
            estimator: self.estimator.clone(),
            steps: self.steps.clone(),
            target: self.target.clone(),
            columns: self.columns.clone(),
        }
    }
}

impl<E: fmt::Debug, P> fmt::Debug for Pipeline<E, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pipeline")
            .field("steps", &self.steps)
            .field("target", &self.target)
            .field("estimator", &self.estimator)
            .finish()
    }
}

impl<E, P> Pipeline<E, P> {
    /// A pipeline without steps around `estimator`.
    pub fn new(estimator: E) -> Self {
        Pipeline { estimator, steps: Vec::new(), target: None, columns: None }
    }

    /// Adds a step that every candidate uses.
    pub fn step(mut self, step: impl Into<Step>) -> Self {
        self.steps.push(Source::Fixed(step.into()));
        self
    }

    /// Adds a step that each candidate chooses from its parameters: `choose` returns the
    /// step, or `None` (or [`Scaler::None`](crate::preprocess::Scaler::None)) for none.
    ///
    /// ```
    /// use grid_core::estimator::DummyRegressor;
    /// use grid_core::pipeline::Pipeline;
    /// use grid_core::preprocess::Scaler;
    /// /// A candidate's parameters: here a pair (scaler, strategy of the dummy).
    /// let pipeline = Pipeline::new(DummyRegressor).step_from(|p: &(Scaler, u8)| p.0);
    /// assert_eq!(pipeline.steps_for(&(Scaler::None, 0)).len(), 0);
    /// assert_eq!(pipeline.steps_for(&(Scaler::Standard, 0)).len(), 1);
    /// ```
    pub fn step_from<S: Into<Option<Step>>>(
        mut self,
        choose: impl Fn(&P) -> S + Send + Sync + 'static,
    ) -> Self {
        self.steps.push(Source::Chosen(Arc::new(move |p| choose(p).into())));
        self
    }

    /// Scales the target with `scaler` (fitted on the training targets) for every candidate.
    pub fn target_scaler(mut self, scaler: impl Into<Step>) -> Self {
        self.target = Some(Source::Fixed(scaler.into()));
        self
    }

    /// Scales the target with the scaler each candidate chooses (`None` for none).
    pub fn target_scaler_from<S: Into<Option<Step>>>(
        mut self,
        choose: impl Fn(&P) -> S + Send + Sync + 'static,
    ) -> Self {
        self.target = Some(Source::Chosen(Arc::new(move |p| choose(p).into())));
        self
    }

    /// The names and kinds of the columns of `x` (category codes in categorical columns).
    pub fn columns(mut self, columns: Vec<Column>) -> Self {
        self.columns = Some(columns);
        self
    }

    /// The input steps candidate `params` uses, in order.
    pub fn steps_for(&self, params: &P) -> Vec<Step> {
        self.steps.iter().filter_map(|s| s.resolve(params)).collect()
    }

    /// The target scaler candidate `params` uses, if any.
    pub fn target_scaler_for(&self, params: &P) -> Option<Step> {
        self.target.as_ref().and_then(|s| s.resolve(params))
    }

    /// The estimator at the end.
    pub fn estimator(&self) -> &E {
        &self.estimator
    }

    fn columns_for(&self, n: usize) -> Result<Vec<Column>> {
        match &self.columns {
            None => Ok(numeric_columns(n)),
            Some(columns) if columns.len() == n => Ok(columns.clone()),
            Some(columns) => Err(Error::ShapeMismatch {
                what: "columns of x (the columns the pipeline was given)".into(),
                expected: columns.len(),
                got: n,
            }),
        }
    }
}

/// The rows one fit trains on. (The one place a pipeline reads a [`TrainSet`]'s rows.)
fn training_rows<'d, 'a, Y: PipelineTarget>(data: &'d TrainSet<'a, Y>) -> (CowArray<'a, f32, Ix2>, &'d Y) {
    (data.x(), data.y())
}

/// A target through a fitted target scaler.
fn scale_target<Y: PipelineTarget>(scaler: &FittedStep, y: &Y) -> Result<Y> {
    let values = y.values().ok_or_else(target::no_labels)?;
    Y::from_values(scaler.transform(values.view())?)
}

impl<P, Y, E> Estimator<P, Y> for Pipeline<E, P>
where
    P: Send + Sync,
    Y: PipelineTarget,
    E: Estimator<P, Y>,
{
    type Fitted = FittedPipeline<E::Fitted>;

    fn task(&self) -> Task {
        self.estimator.task()
    }

    fn allows_missing(&self) -> bool {
        true
    }

    fn fit(&self, params: &P, data: &TrainSet<'_, Y>) -> Result<Self::Fitted> {
        let (x, y) = training_rows(data);
        let columns = self.columns_for(x.ncols())?;
        let (steps, xt, _) = fit_steps(&self.steps_for(params), x.view(), &columns)?;
        let target = match self.target_scaler_for(params) {
            None => None,
            Some(step) => {
                let values = y.values().ok_or_else(target::no_labels)?;
                Some(step.fit(values.view(), &numeric_columns(values.ncols()))?)
            }
        };
        let yt = target.as_ref().map(|t| scale_target(t, y)).transpose()?;
        let validation: Option<(Array2<f32>, Option<Y>)> = match data.validation() {
            None => None,
            Some((vx, vy)) => Some((
                transform_steps(&steps, vx)?,
                target.as_ref().map(|t| scale_target(t, vy)).transpose()?,
            )),
        };
        let inner = TrainSet::new(xt.view(), yt.as_ref().unwrap_or(y))
            .with_classes(data.classes().clone())
            .with_seed(data.seed());
        let inner = match validation.as_ref().zip(data.validation()) {
            Some(((vx, vyt), (_, vy))) => inner.with_validation(vx.view(), vyt.as_ref().unwrap_or(vy)),
            None => inner,
        };
        let model = self.estimator.fit(params, &inner)?;
        Ok(FittedPipeline::new(columns, steps, target, model))
    }
}
