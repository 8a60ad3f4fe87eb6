//! `RandomizedSearchCV`: `n_iter` candidates drawn from a typed space, searched as a grid.

use crate::input::{IntoFeatures, IntoTarget};

use super::fitted::FittedSearch;
use super::grid_search::search;
use super::options::FitOptions;
use super::settings::SearchSettings;
use crate::data::Target;
use crate::error::Result;
use crate::estimator::Estimator;
use crate::space::{ParamSpace, SampledGrid};

/// Randomized search with cross-validation, as scikit-learn's `RandomizedSearchCV`: `n_iter`
/// candidates (default 10) are drawn from a [`ParamSpace`] (what `space!` builds) with the
/// search seed, then searched exactly as [`GridSearchCV`](super::GridSearchCV) searches a grid:
/// same engine, same [`FittedSearch`], same `cv_results` columns and exports. The candidates
/// depend on the seed alone: the same seed gives the same candidates and results on any number
/// of threads.
///
/// ```
/// use grid_core::estimator::{DummyRegressor, Strategy};
/// use grid_core::search::RandomizedSearchCV;
/// use grid_core::space::{Space, SpaceAxis};
///
/// const AXES: &[SpaceAxis] = &[SpaceAxis::distribution("value")];
/// let space = Space::new(AXES, |draw| Ok(Strategy::Constant(draw.sample("value", &(0.0_f32..4.0))?)));
/// let (x, y) = (ndarray::Array2::<f32>::zeros((6, 1)), ndarray::array![1.0_f32, 2.0, 3.0, 1.0, 2.0, 3.0]);
/// let search = RandomizedSearchCV::new(DummyRegressor, space).n_iter(8).cv(3).seed(7).verbose(0).fit(&x, &y)?;
/// assert_eq!(search.cv_results().len(), 8);
/// let Strategy::Constant(best) = *search.best_params() else { unreachable!() };
/// assert!((best - 2.0).abs() < 1.0, "{best}"); // the constant nearest the mean scores best
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Debug)]
pub struct RandomizedSearchCV<E, S> {
    estimator: E,
    space: S,
    n_iter: usize,
    settings: SearchSettings,
}

impl<E, S: ParamSpace> RandomizedSearchCV<E, S> {
    /// A search of 10 candidates of `space` with `estimator`: 5 folds, the estimator's default
    /// score, refit, all cores, NaN for failed fits, seed 0.
    pub fn new(estimator: E, space: S) -> Self {
        RandomizedSearchCV { estimator, space, n_iter: 10, settings: SearchSettings::default() }
    }

    /// How many candidates to draw (scikit-learn's `n_iter`, default 10). A space of lists
    /// only is drawn without replacement, and searched whole (with a warning) when it has fewer.
    pub fn n_iter(mut self, n_iter: usize) -> Self {
        self.n_iter = n_iter;
        self
    }

    super::setters::search_setters!();

    /// The space searched.
    pub fn space(&self) -> &S {
        &self.space
    }

    /// The candidates the search will fit, drawn from the seed (what `fit` searches).
    ///
    /// ```
    /// use grid_core::search::RandomizedSearchCV;
    /// use grid_core::space::{Space, SpaceAxis};
    /// const AXES: &[SpaceAxis] = &[SpaceAxis::list("a", 3)];
    /// let space = Space::new(AXES, |draw| Ok([10_u8, 20, 30][draw.choice(3)]));
    /// let search = RandomizedSearchCV::new((), space).n_iter(5).seed(1);
    /// let mut drawn = search.candidates()?.candidates;
    /// drawn.sort();
    /// assert_eq!(drawn, [10, 20, 30]); // all three, once: a space of lists is drawn without replacement
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn candidates(&self) -> Result<SampledGrid<S::Params>> {
        SampledGrid::sample(&self.space, self.n_iter, self.settings.seed)
    }

    /// Draws the candidates and runs the search on `x` and `y`.
    pub fn fit<'d, Y: Target>(
        &self,
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
    ) -> Result<FittedSearch<S::Params, E::Fitted, Y>>
    where
        E: Estimator<S::Params, Y>,
    {
        self.fit_with(x, y, FitOptions::new())
    }

    /// Draws the candidates and runs the search with fit-time data (validation data, groups).
    pub fn fit_with<'d, Y: Target>(
        &self,
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
        options: FitOptions<'d, Y>,
    ) -> Result<FittedSearch<S::Params, E::Fitted, Y>>
    where
        E: Estimator<S::Params, Y>,
    {
        let grid = self.candidates()?;
        let (x, y) = (x.into_features(), y.into_target());
        let settings = &self.settings;
        let mut fitted = search(
            &self.estimator,
            &grid,
            settings,
            settings.return_train_score,
            x.view(),
            y.as_ref(),
            options,
        )?;
        if let Some(warning) = grid.exhausted_warning(self.n_iter) {
            if self.settings.verbose > 0 {
                eprintln!("warning: {warning}");
            }
            fitted.warnings.insert(0, warning);
        }
        Ok(fitted)
    }
}
