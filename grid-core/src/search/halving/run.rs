//! The halving driver: resolve the resources, run each round through the grid's search, keep
//! the best third (or `1 / factor`), then rank every row and refit the best of the last round.

use ndarray::ArrayView2;

use super::fitted::FittedHalving;
use super::resource::{read_resource, with_resource, Resource};
use super::schedule::{keep, Schedule};
use super::splits::{subsample, FixedSplits};
use crate::data::{check_xy, Encoded, Target};
use crate::error::{Error, Result};
use crate::estimator::{Estimator, Task, TrainSet};
use crate::grid::Params;
use crate::results::{rank, CvResults};
use crate::search::engine::guarded;
use crate::search::fit_seed;
use crate::search::grid_search::search;
use crate::search::options::FitOptions;
use crate::search::refit::NoModel;
use crate::search::settings::{Cv, Refit, SearchSettings};
use crate::search::FittedSearch;
use crate::space::SampledGrid;
use crate::split::{Split, SplitInput};

/// The first round's resource (scikit-learn's `min_resources`).
///
/// ```
/// use grid_core::search::MinResources;
/// assert_eq!(MinResources::from(6), MinResources::Value(6));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MinResources {
    /// As much as lets the last round use nearly `max_resources` (the grid search's default).
    Exhaust,
    /// `n_splits * 2` samples (times the number of classes for a classifier), or 1 for a
    /// parameter (the random search's default).
    Smallest,
    /// This much.
    Value(usize),
}

impl From<usize> for MinResources {
    fn from(value: usize) -> Self {
        MinResources::Value(value)
    }
}

/// The most resource a round may use (scikit-learn's `max_resources`).
///
/// ```
/// use grid_core::search::MaxResources;
/// assert_eq!(MaxResources::from(100), MaxResources::Value(100));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaxResources {
    /// The number of samples for `n_samples`; for a parameter, its value in the candidates
    /// (the `epochs` a candidate would train for without halving). scikit-learn requires a
    /// number for a parameter.
    Auto,
    /// This much.
    Value(usize),
}

impl From<usize> for MaxResources {
    fn from(value: usize) -> Self {
        MaxResources::Value(value)
    }
}

/// How many candidates a `HalvingRandomSearchCV` draws (scikit-learn's `n_candidates`).
///
/// ```
/// use grid_core::search::NCandidates;
/// assert_eq!(NCandidates::from(20), NCandidates::Value(20));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NCandidates {
    /// `max_resources // min_resources`, so the last round uses as much as it can (default).
    Exhaust,
    /// This many.
    Value(usize),
}

impl From<usize> for NCandidates {
    fn from(value: usize) -> Self {
        NCandidates::Value(value)
    }
}

/// The settings of successive halving.
#[derive(Clone, Debug)]
pub(crate) struct HalvingSettings {
    pub(crate) factor: f64,
    pub(crate) resource: Resource,
    pub(crate) min_resources: MinResources,
    pub(crate) max_resources: MaxResources,
    pub(crate) aggressive_elimination: bool,
}

/// The resources resolved against the data, before the candidates are made.
pub(crate) struct Resolved {
    /// `min_resources_` before `exhaust` raises it.
    pub(crate) min_resources: usize,
    pub(crate) max_resources: usize,
}

/// The candidates of the first round and the names of the axes they vary.
pub(crate) struct FirstRound<P> {
    pub(crate) candidates: Vec<P>,
    pub(crate) axes: Vec<&'static str>,
    pub(crate) warning: Option<String>,
}

/// Runs successive halving. `probe` is one candidate (to read a parameter resource's value
/// for `MaxResources::Auto`); `first_round` makes the candidates once the resources are known.
#[allow(clippy::too_many_arguments)]
pub(crate) fn run<'d, E, P, Y>(
    estimator: &E,
    probe: impl FnOnce() -> Result<P>,
    first_round: impl FnOnce(&Resolved) -> Result<FirstRound<P>>,
    settings: &SearchSettings,
    halving: &HalvingSettings,
    x: ArrayView2<'_, f32>,
    y: &Y,
    options: FitOptions<'d, Y>,
) -> Result<FittedHalving<P, E::Fitted, Y>>
where
    P: Params + serde::de::DeserializeOwned,
    Y: Target,
    E: Estimator<P, Y>,
{
    check_xy(&x, y)?;
    let task = estimator.task();
    let names: Vec<String> = settings.scorers.resolve(task)?.iter().map(|s| s.name()).collect();
    let refit_metric = refit_metric(&settings.refit, &names)?;
    let (splits, mut warnings) = base_splits(settings, task, x.nrows(), y, &options)?;
    let n_samples = x.nrows();
    let resolved = resolve(halving, task, &splits, n_samples, y, probe)?;
    let FirstRound { candidates, axes, warning } = first_round(&resolved)?;
    warnings.extend(warning);
    let resource = halving.resource.name().to_string();
    let mut axes = axes;
    if let Resource::Param(name) = &halving.resource {
        if axes.contains(name) {
            return Err(Error::invalid(
                "resource",
                format!("cannot use the parameter `{name}` as the resource: it is one of the searched axes"),
            ));
        }
    }
    let exhaust = halving.min_resources == MinResources::Exhaust;
    let schedule = Schedule::new(
        candidates.len(),
        halving.factor,
        resolved.min_resources,
        exhaust,
        resolved.max_resources,
        halving.aggressive_elimination,
    )?;
    if let Resource::Param(name) = &halving.resource {
        // The resource is a `param_<name>` column too, as scikit-learn sets it on each candidate.
        if let Some(with_resource_axis) = axes_with(&axes, name) {
            axes = with_resource_axis;
        }
    }

    let mut current: Vec<(usize, P)> = candidates.into_iter().enumerate().collect();
    let (mut rows, mut iters, mut row_resources, mut ids) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut last: Option<FittedSearch<P, E::Fitted, Y>> = None;
    let mut param_names = Vec::new();
    for (itr, &n_resources) in schedule.n_resources.iter().enumerate() {
        let (round_splits, round_params) = match &halving.resource {
            Resource::NSamples => {
                let fraction = n_resources as f64 / n_samples as f64;
                (
                    subsample(&splits, fraction, settings.seed),
                    current.iter().map(|(_, p)| p.clone()).collect(),
                )
            }
            Resource::Param(name) => (
                splits.clone(),
                current
                    .iter()
                    .map(|(_, p)| with_resource(p, name, n_resources))
                    .collect::<Result<Vec<P>>>()?,
            ),
        };
        let grid = SampledGrid { candidates: round_params, axes: axes.clone(), exhausted: None };
        let round_settings = SearchSettings {
            cv: Cv::Splitter(Box::new(FixedSplits(round_splits))),
            scorers: settings.scorers.clone(),
            refit: Refit::No,
            n_jobs: settings.n_jobs,
            error_score: settings.error_score,
            return_train_score: settings.return_train_score,
            seed: settings.seed,
            verbose: settings.verbose,
            memory_limit: settings.memory_limit,
        };
        let mut fitted = search(
            estimator,
            &grid,
            &round_settings,
            settings.return_train_score,
            x.reborrow(),
            y,
            options.clone(),
        )?;
        let round_rows = std::mem::take(&mut fitted.cv_results.candidates);
        param_names = fitted.cv_results.param_names.clone();
        let scores: Vec<f64> = round_rows.iter().map(|r| r.test[refit_metric].mean).collect();
        for (k, mut row) in round_rows.into_iter().enumerate() {
            row.index = rows.len();
            rows.push(row);
            iters.push(itr);
            row_resources.push(n_resources);
            ids.push(current[k].0);
        }
        warnings.extend(
            fitted.warnings.drain(..).map(|w| format!("round {itr} ({resource} = {n_resources}): {w}")),
        );
        let kept = top_k(&scores, keep(current.len(), halving.factor));
        current = kept.into_iter().map(|k| current[k].clone()).collect();
        last = Some(fitted);
    }
    let last = last.ok_or_else(|| Error::Empty("the rounds of the halving search".into()))?;

    // Ranked together, all rounds, as scikit-learn ranks its halving `cv_results_`.
    for row in &mut rows {
        row.rank.clear();
    }
    for m in 0..names.len() {
        let ranks = rank(&rows.iter().map(|r| r.test[m].mean).collect::<Vec<_>>());
        for (row, r) in rows.iter_mut().zip(ranks) {
            row.rank.push(r);
        }
    }
    let best = best_of_last_round(&rows, &iters, refit_metric);
    let last_round = iters.iter().copied().max();
    let best_index = best.unwrap_or_else(|| iters.iter().position(|&i| Some(i) == last_round).unwrap_or(0));
    let n_splits = splits.len();
    let cv_results = CvResults { metrics: names, param_names, n_splits, candidates: rows, refit_metric };
    let (best_estimator, refit_time) = match (&settings.refit, best) {
        (Refit::No, _) => (Err(NoModel::NotAsked), 0.0),
        (_, None) => (Err(NoModel::NoCompleteCandidate { candidates: cv_results.candidates.len() }), 0.0),
        (_, Some(best_index)) => {
            let start = std::time::Instant::now();
            let params = &cv_results.candidates[best_index].params;
            let data = TrainSet::new(x.view(), y).with_classes(last.classes.clone()).with_seed(fit_seed(
                settings.seed,
                best_index,
                n_splits,
            ));
            let data = match &options.validation {
                Some((vx, vy)) => data.with_validation(vx.view(), vy.as_ref()),
                None => data,
            };
            // A failed refit keeps the rounds' results: `best_estimator()` returns its error.
            let model = guarded(|| estimator.fit(params, &data)).map_err(|e| {
                let params = params.to_string();
                warnings.push(format!(
                    "the refit of candidate {best_index} ({params}) on all the data failed: {e}; the \
                     cross-validation results are kept, and best_estimator() returns this error"
                ));
                NoModel::Failed { candidate: best_index, params, error: std::sync::Arc::new(e) }
            });
            (model, start.elapsed().as_secs_f64())
        }
    };
    let search = FittedSearch {
        cv_results,
        best_index,
        refit_metric,
        scorer: last.scorer.clone(),
        best_estimator,
        refit_time,
        refit_train_score: None,
        warnings,
        splits,
        classes: last.classes,
    };
    Ok(FittedHalving { search, schedule, iters, row_resources, candidate_ids: ids, resource })
}

/// The index of the scorer that picks the best, by the rule of `GridSearchCV`.
fn refit_metric(refit: &Refit, names: &[String]) -> Result<usize> {
    match refit {
        Refit::Metric(name) => names.iter().position(|n| n == name).ok_or_else(|| {
            Error::invalid("refit", format!("no scorer is named `{name}`; the scorers are {names:?}"))
        }),
        Refit::First if names.len() > 1 => Err(Error::invalid(
            "refit",
            format!("with several scorers, name the one that picks the best: one of {names:?}"),
        )),
        Refit::First | Refit::No => Ok(0),
    }
}

/// The search's splits of all the data, computed once (and the splitter's warnings).
fn base_splits<Y: Target>(
    settings: &SearchSettings,
    task: Task,
    n_samples: usize,
    y: &Y,
    options: &FitOptions<'_, Y>,
) -> Result<(Vec<Split>, Vec<String>)> {
    let encoded = y.encode(&y.classes())?;
    let labels = match &encoded {
        Encoded::Labels { labels, .. } => Some(labels.as_slice()),
        Encoded::Values(_) => None,
    };
    let input = SplitInput { n_samples, labels, groups: options.groups.as_deref(), seed: settings.seed };
    let resolved = settings.cv.resolve(task);
    let splitter = resolved.splitter();
    let warnings = splitter.warnings(&input);
    let splits = splitter.split(&input)?;
    if splits.is_empty() {
        return Err(Error::Empty("the cross-validation splits".into()));
    }
    Ok((splits, warnings))
}

/// `min_resources_` (before `exhaust`) and `max_resources_`, as scikit-learn's
/// `_check_input_parameters`.
fn resolve<P: Params, Y: Target>(
    halving: &HalvingSettings,
    task: Task,
    splits: &[Split],
    n_samples: usize,
    y: &Y,
    probe: impl FnOnce() -> Result<P>,
) -> Result<Resolved> {
    let min_resources = match (halving.min_resources, &halving.resource) {
        (MinResources::Value(v), _) => v,
        (_, Resource::NSamples) => {
            let n_classes = if task == Task::Classification { Y::n_classes(&y.classes()).max(1) } else { 1 };
            splits.len() * 2 * n_classes
        }
        (_, Resource::Param(_)) => 1,
    };
    let max_resources = match (halving.max_resources, &halving.resource) {
        (MaxResources::Value(v), Resource::NSamples) if v > n_samples => {
            return Err(Error::invalid(
                "max_resources",
                format!("the resource is n_samples: at most the {n_samples} samples, got {v}"),
            ))
        }
        (MaxResources::Value(v), _) => v,
        (MaxResources::Auto, Resource::NSamples) => n_samples,
        (MaxResources::Auto, Resource::Param(name)) => read_resource(&probe()?, name)?,
    };
    if min_resources > max_resources {
        return Err(Error::invalid(
            "min_resources",
            format!("min_resources_={min_resources} is greater than max_resources_={max_resources}"),
        ));
    }
    Ok(Resolved { min_resources, max_resources })
}

/// `axes` with `name` inserted in sorted place, or `None` if it is there already.
fn axes_with(axes: &[&'static str], name: &'static str) -> Option<Vec<&'static str>> {
    if axes.contains(&name) {
        return None;
    }
    let mut all = axes.to_vec();
    all.push(name);
    all.sort_unstable();
    Some(all)
}

/// The `k` best of `scores`, as scikit-learn's `_top_k`: sorted by score ascending with NaN
/// first (ties in order), the last `k`. So the next round runs them worst first, best last.
pub(crate) fn top_k(scores: &[f64], k: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |s: f64| if s.is_nan() { f64::NEG_INFINITY } else { s };
        key(scores[a]).total_cmp(&key(scores[b])).then((scores[b].is_nan()).cmp(&scores[a].is_nan()))
    });
    order.split_off(order.len().saturating_sub(k))
}

/// scikit-learn's `_select_best_index` for halving: the best mean test score among the rows of
/// the last round (the first of them if all are NaN).
fn best_of_last_round<P>(
    rows: &[crate::results::CandidateResult<P>],
    iters: &[usize],
    metric: usize,
) -> Option<usize> {
    let last = iters.iter().copied().max().unwrap_or(0);
    let mut best: Option<(usize, f64)> = None;
    for (row, &iter) in rows.iter().zip(iters) {
        // A candidate with a failed fit is never the best, whatever its error score.
        if iter != last || !row.succeeded() {
            continue;
        }
        let score = row.test[metric].mean;
        match best {
            None => best = Some((row.index, score)),
            Some((_, b)) if b.is_nan() && !score.is_nan() => best = Some((row.index, score)),
            Some((_, b)) if score > b => best = Some((row.index, score)),
            _ => {}
        }
    }
    best.map(|(index, _)| index)
}

#[cfg(test)]
mod tests {
    use super::top_k;

    #[test]
    fn top_k_keeps_the_best_worst_first_and_nan_last_chosen() {
        assert_eq!(top_k(&[0.5, 0.9, f64::NAN, 0.1], 2), [0, 1]);
        assert_eq!(top_k(&[0.5, 0.9, f64::NAN, 0.1], 4), [2, 3, 0, 1]);
        assert_eq!(top_k(&[0.2, 0.2, 0.2], 1), [2]);
    }
}
