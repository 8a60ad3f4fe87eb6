//! `HalvingGridSearchCV` and `HalvingRandomSearchCV`: the builders.

use crate::input::{IntoFeatures, IntoTarget};
use serde::de::DeserializeOwned;

use super::fitted::FittedHalving;
use super::resource::Resource;
use super::run::{run, FirstRound, HalvingSettings, MaxResources, MinResources, NCandidates};
use crate::data::Target;
use crate::error::{Error, Result};
use crate::estimator::Estimator;
use crate::grid::ParamGrid;
use crate::search::options::FitOptions;
use crate::search::settings::SearchSettings;
use crate::space::{ParamSpace, SampledGrid};

/// The setters of successive halving, shared by both builders.
macro_rules! halving_setters {
    () => {
        /// The factor each round divides the candidates by and multiplies the resource by
        /// (default 3): the best `ceil(n / factor)` go on to the next round.
        pub fn factor(mut self, factor: f64) -> Self {
            self.halving.factor = factor;
            self
        }

        /// What each round gives more of: `"n_samples"` (default) or an integer parameter of
        /// the candidates, `"epochs"` for networks.
        pub fn resource(mut self, resource: impl Into<Resource>) -> Self {
            self.halving.resource = resource.into();
            self
        }

        /// The first round's resource: a number, [`MinResources::Smallest`] or
        /// [`MinResources::Exhaust`].
        pub fn min_resources(mut self, min_resources: impl Into<MinResources>) -> Self {
            self.halving.min_resources = min_resources.into();
            self
        }

        /// The most resource a round may use: a number or [`MaxResources::Auto`] (default: all
        /// the samples, or the parameter's own value in the candidates).
        pub fn max_resources(mut self, max_resources: impl Into<MaxResources>) -> Self {
            self.halving.max_resources = max_resources.into();
            self
        }

        /// Run every round needed to bring the candidates down to one, the first ones at
        /// `min_resources`, even when the resources do not allow it (default `false`).
        pub fn aggressive_elimination(mut self, yes: bool) -> Self {
            self.halving.aggressive_elimination = yes;
            self
        }
    };
}

fn settings() -> SearchSettings {
    // scikit-learn's halving searches return train scores by default.
    SearchSettings { return_train_score: true, ..SearchSettings::default() }
}

fn halving(min_resources: MinResources) -> HalvingSettings {
    HalvingSettings {
        factor: 3.0,
        resource: Resource::NSamples,
        min_resources,
        max_resources: MaxResources::Auto,
        aggressive_elimination: false,
    }
}

/// Successive halving over a grid, as scikit-learn's `HalvingGridSearchCV`: every candidate
/// is cross-validated with a little resource (samples, or `epochs`), the best `1 / factor` of
/// them with `factor` times more, and so on (see [`Schedule`](super::Schedule) for the rule).
/// Each round is a search of the engine of [`GridSearchCV`](crate::search::GridSearchCV) on the
/// same splits; candidates are retrained from scratch each round (no warm start), so a row's
/// scores are those a plain cross-validation of its parameters gives, whatever happened in
/// earlier rounds and on any number of threads.
///
/// Defaults as scikit-learn's: `factor` 3, resource `n_samples`, `min_resources` exhaust,
/// `max_resources` auto, train scores returned.
///
/// ```
/// use grid_core::estimator::{DummyRegressor, Strategy};
/// use grid_core::search::HalvingGridSearchCV;
/// let x = ndarray::Array2::<f32>::zeros((60, 1));
/// let y = ndarray::Array1::from_iter((0..60).map(|i| if i % 2 == 0 { 2.4 } else { 2.6 }));
/// let grid: Vec<Strategy> = (0..9).map(|c| Strategy::Constant(c as f32 * 0.5)).collect();
/// let search = HalvingGridSearchCV::new(DummyRegressor, grid)
///     .cv(3)
///     .scoring(grid_core::metrics::Scoring::NegMeanSquaredError)
///     .verbose(0)
///     .fit(&x, &y)?;
/// // 9 candidates on 6 samples, 3 on 18, 1 on 54 (`exhaust`: 60 // 3^2 to start).
/// assert_eq!(search.n_candidates(), [9, 3, 1]);
/// assert_eq!(search.n_resources(), [6, 18, 54]);
/// assert_eq!(search.cv_results().len(), 13);
/// assert_eq!(*search.best_params(), Strategy::Constant(2.5)); // nearest the mean of y
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Debug)]
pub struct HalvingGridSearchCV<E, G> {
    estimator: E,
    grid: G,
    settings: SearchSettings,
    halving: HalvingSettings,
}

impl<E, G: ParamGrid> HalvingGridSearchCV<E, G> {
    /// A halving search of `grid` with `estimator`.
    pub fn new(estimator: E, grid: G) -> Self {
        HalvingGridSearchCV { estimator, grid, settings: settings(), halving: halving(MinResources::Exhaust) }
    }

    crate::search::setters::search_setters!();
    halving_setters!();

    /// Runs the search on `x` and `y`, taken as [`GridSearchCV::fit`](crate::search::GridSearchCV::fit)
    /// takes them (`f32` or `f64`, arrays or views; see [`IntoFeatures`] and [`IntoTarget`]).
    pub fn fit<'d, Y: Target>(
        &self,
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
    ) -> Result<FittedHalving<G::Params, E::Fitted, Y>>
    where
        E: Estimator<G::Params, Y>,
        G::Params: DeserializeOwned,
    {
        self.fit_with(x, y, FitOptions::new())
    }

    /// Runs the search with fit-time data (validation data, groups).
    pub fn fit_with<'d, Y: Target>(
        &self,
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
        options: FitOptions<'d, Y>,
    ) -> Result<FittedHalving<G::Params, E::Fitted, Y>>
    where
        E: Estimator<G::Params, Y>,
        G::Params: DeserializeOwned,
    {
        let grid = &self.grid;
        let probe = || grid.get(0).ok_or_else(|| Error::Empty("the grid".into()));
        let first_round = |_: &super::run::Resolved| {
            let candidates = grid.candidates().collect();
            Ok(FirstRound { candidates, axes: grid.axis_names(), warning: None })
        };
        let (x, y) = (x.into_features(), y.into_target());
        run(&self.estimator, probe, first_round, &self.settings, &self.halving, x.view(), y.as_ref(), options)
    }
}

/// Successive halving over candidates drawn from a space, as scikit-learn's
/// `HalvingRandomSearchCV`: `n_candidates` (default: `max_resources // min_resources`) are drawn
/// as [`RandomizedSearchCV`](crate::search::RandomizedSearchCV) draws them, then halved as
/// [`HalvingGridSearchCV`] halves a grid. Default `min_resources`: smallest.
///
/// ```
/// use grid_core::estimator::{DummyRegressor, Strategy};
/// use grid_core::search::HalvingRandomSearchCV;
/// use grid_core::space::{Space, SpaceAxis};
/// const AXES: &[SpaceAxis] = &[SpaceAxis::distribution("value")];
/// let space = Space::new(AXES, |draw| Ok(Strategy::Constant(draw.sample("value", &(0.0_f32..5.0))?)));
/// let x = ndarray::Array2::<f32>::zeros((60, 1));
/// let y = ndarray::Array1::from_iter((0..60).map(|i| (i % 6) as f32));
/// let search = HalvingRandomSearchCV::new(DummyRegressor, space).cv(3).seed(4).verbose(0).fit(&x, &y)?;
/// assert_eq!(search.n_candidates(), [10, 4, 2]); // 60 // 6 candidates, from 6 samples
/// assert_eq!(search.n_resources(), [6, 18, 54]);
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Debug)]
pub struct HalvingRandomSearchCV<E, S> {
    estimator: E,
    space: S,
    n_candidates: NCandidates,
    settings: SearchSettings,
    halving: HalvingSettings,
}

impl<E, S: ParamSpace> HalvingRandomSearchCV<E, S> {
    /// A halving search of candidates drawn from `space` with `estimator`.
    pub fn new(estimator: E, space: S) -> Self {
        HalvingRandomSearchCV {
            estimator,
            space,
            n_candidates: NCandidates::Exhaust,
            settings: settings(),
            halving: halving(MinResources::Smallest),
        }
    }

    /// How many candidates to draw: a number or [`NCandidates::Exhaust`] (default).
    pub fn n_candidates(mut self, n_candidates: impl Into<NCandidates>) -> Self {
        self.n_candidates = n_candidates.into();
        self
    }

    crate::search::setters::search_setters!();
    halving_setters!();

    /// Draws the candidates and runs the search on `x` and `y` (taken as
    /// [`HalvingGridSearchCV::fit`] takes them).
    pub fn fit<'d, Y: Target>(
        &self,
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
    ) -> Result<FittedHalving<S::Params, E::Fitted, Y>>
    where
        E: Estimator<S::Params, Y>,
        S::Params: DeserializeOwned,
    {
        self.fit_with(x, y, FitOptions::new())
    }

    /// Draws the candidates and runs the search with fit-time data (validation data, groups).
    pub fn fit_with<'d, Y: Target>(
        &self,
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
        options: FitOptions<'d, Y>,
    ) -> Result<FittedHalving<S::Params, E::Fitted, Y>>
    where
        E: Estimator<S::Params, Y>,
        S::Params: DeserializeOwned,
    {
        if self.n_candidates == NCandidates::Exhaust && self.halving.min_resources == MinResources::Exhaust {
            return Err(Error::invalid(
                "n_candidates",
                "n_candidates and min_resources cannot both be exhaust",
            ));
        }
        let (space, seed, n_candidates) = (&self.space, self.settings.seed, self.n_candidates);
        let probe = || {
            let mut one = SampledGrid::sample(space, 1, seed)?;
            one.candidates.pop().ok_or_else(|| Error::Empty("the space".into()))
        };
        let first_round = |resolved: &super::run::Resolved| {
            let n = match n_candidates {
                NCandidates::Value(n) => n,
                NCandidates::Exhaust => resolved.max_resources / resolved.min_resources,
            };
            let sampled = SampledGrid::sample(space, n, seed)?;
            let warning = sampled.exhausted_warning(n);
            Ok(FirstRound { axes: sampled.axes, candidates: sampled.candidates, warning })
        };
        let (x, y) = (x.into_features(), y.into_target());
        run(&self.estimator, probe, first_round, &self.settings, &self.halving, x.view(), y.as_ref(), options)
    }
}
