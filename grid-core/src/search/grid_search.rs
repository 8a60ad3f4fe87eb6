//! `GridSearchCV`: the builder and the search itself.

use ndarray::ArrayView2;

use super::driver::{Cell, NoSink};
use super::fitted::FittedSearch;
use super::options::FitOptions;
use super::run::SearchRun;
use super::settings::SearchSettings;
use crate::data::Target;
use crate::error::Result;
use crate::estimator::Estimator;
use crate::grid::ParamGrid;
use crate::input::{IntoFeatures, IntoTarget};

/// Exhaustive search over a grid with cross-validation, as scikit-learn's `GridSearchCV`:
/// every candidate is fitted on every split (in parallel, deterministically), scored, ranked,
/// and the best one is refitted on all the data.
///
/// ```
/// use grid_core::estimator::{DummyRegressor, Strategy};
/// use grid_core::search::GridSearchCV;
///
/// let x = ndarray::Array2::<f32>::zeros((6, 1));
/// let y = ndarray::array![1.0_f32, 2.0, 3.0, 1.0, 2.0, 3.0];
/// let grid = vec![Strategy::Constant(0.0), Strategy::Constant(2.0), Strategy::Median];
/// let search = GridSearchCV::new(DummyRegressor, grid)
///     .cv(3)
///     .scoring(grid_core::metrics::Scoring::NegMeanSquaredError)
///     .fit(&x, &y)?;
/// assert_eq!(*search.best_params(), Strategy::Constant(2.0));
/// assert_eq!(search.cv_results().candidates[1].rank[0], 1);
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Debug)]
pub struct GridSearchCV<E, G> {
    pub(crate) estimator: E,
    pub(crate) grid: G,
    pub(crate) settings: SearchSettings,
    /// The journal and the shard, when set (see [`journal`](Self::journal)).
    pub(crate) journal: crate::journal::JournalConfig,
}

impl<E, G: ParamGrid> GridSearchCV<E, G> {
    /// A search of `grid` with `estimator`: 5 folds, the estimator's default score, refit,
    /// all cores, NaN for failed fits, seed 0, progress bar on a terminal.
    pub fn new(estimator: E, grid: G) -> Self {
        GridSearchCV { estimator, grid, settings: SearchSettings::default(), journal: Default::default() }
    }

    super::setters::search_setters!();

    /// The grid searched.
    pub fn grid(&self) -> &G {
        &self.grid
    }

    /// Runs the search on `x` and `y`: owned arrays, references or views, of `f32` or `f64`
    /// (see [`IntoFeatures`] and [`IntoTarget`]; `f64` is converted to `f32` once).
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// use grid_core::search::GridSearchCV;
    /// // Rows 0..6 of a larger f64 table, used in place.
    /// let table = ndarray::Array2::<f64>::zeros((100, 2));
    /// let y = ndarray::array![1.0_f64, 2.0, 3.0, 1.0, 2.0, 3.0];
    /// let search = GridSearchCV::new(DummyRegressor, vec![Strategy::Mean, Strategy::Median])
    ///     .cv(3)
    ///     .verbose(0)
    ///     .fit(table.slice(ndarray::s![..6, ..]), &y)?;
    /// assert_eq!(search.predict(table.slice(ndarray::s![..2, ..]))?, ndarray::array![2.0_f32, 2.0]);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn fit<'d, Y: Target>(
        &self,
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
    ) -> Result<FittedSearch<G::Params, E::Fitted, Y>>
    where
        E: Estimator<G::Params, Y>,
    {
        self.fit_with(x, y, FitOptions::new())
    }

    /// Runs the search with fit-time data: validation data handed to every fit, groups.
    pub fn fit_with<'d, Y: Target>(
        &self,
        x: impl IntoFeatures<'d>,
        y: impl IntoTarget<'d, Y>,
        options: FitOptions<'d, Y>,
    ) -> Result<FittedSearch<G::Params, E::Fitted, Y>>
    where
        E: Estimator<G::Params, Y>,
    {
        let (x, y) = (x.into_features(), y.into_target());
        if self.journal.is_set() {
            return crate::journal::fit_journaled(self, x.view(), y.as_ref(), options);
        }
        let settings = &self.settings;
        search(
            &self.estimator,
            &self.grid,
            settings,
            settings.return_train_score,
            x.view(),
            y.as_ref(),
            options,
        )
    }
}

/// Runs a search of `grid` with `estimator` under `settings` (train scores when
/// `return_train_score`): every cell, no journal. The engine of [`GridSearchCV`] and of the
/// cross-validation functions.
pub(crate) fn search<E, G, Y>(
    estimator: &E,
    grid: &G,
    settings: &SearchSettings,
    return_train_score: bool,
    x: ArrayView2<'_, f32>,
    y: &Y,
    options: FitOptions<'_, Y>,
) -> Result<FittedSearch<G::Params, E::Fitted, Y>>
where
    G: ParamGrid,
    Y: Target,
    E: Estimator<G::Params, Y>,
{
    let mut run =
        SearchRun::prepare(estimator, grid, settings, return_train_score, x.reborrow(), y, &options)?;
    let table = run.empty_table();
    let plan: Vec<Cell> = table.all_cells().collect();
    let table = run.fit_cells(estimator, grid, &plan, table, &NoSink)?;
    run.finish(estimator, grid, table)
}
