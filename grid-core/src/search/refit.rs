//! The refit of the best candidate on all the data: a failure is kept (the search and its
//! results are not lost), and a refit that trains clearly worse than its candidate did in
//! cross-validation is a warning.

use std::sync::Arc;
use std::time::Instant;

use super::engine::Engine;
use crate::data::Target;
use crate::error::Error;
use crate::estimator::Estimator;
use crate::results::Scores;

/// A refit's training score is "clearly worse" when it falls below the candidate's mean train
/// score in cross-validation by more than this many standard deviations of those train scores
/// across splits ...
pub(crate) const REFIT_GAP_STDS: f64 = 3.0;
/// ... and by more than this fraction of that mean's magnitude (0.05 is 5 points of accuracy
/// at 1.0); both must hold, so neither a tiny spread nor a score near 0 warns on noise.
pub(crate) const REFIT_GAP_RELATIVE: f64 = 0.05;

/// Why a search has no refitted model; [`NoModel::error`] is what `best_estimator()` returns.
#[derive(Debug)]
pub(crate) enum NoModel {
    /// The search ran with `refit(false)`.
    NotAsked,
    /// The refit failed.
    Failed { candidate: usize, params: String, error: Arc<Error> },
    /// Every candidate had a failed fit, so none was refitted.
    NoCompleteCandidate { candidates: usize },
}

impl NoModel {
    /// The error `best_estimator()` returns, made anew at each call.
    pub(crate) fn error(&self) -> Error {
        match self {
            NoModel::NotAsked => Error::invalid("refit", "the search ran with refit(false)"),
            NoModel::Failed { candidate, params, error } => Error::RefitFailed {
                candidate: *candidate,
                params: params.clone(),
                source: Arc::clone(error),
            },
            NoModel::NoCompleteCandidate { candidates } => {
                Error::NoCompleteCandidate { candidates: *candidates }
            }
        }
    }
}

/// What the refit produced.
pub(crate) struct Refitted<M> {
    pub(crate) model: Result<M, NoModel>,
    /// Seconds spent refitting.
    pub(crate) time: f64,
    /// The refitted model's score of the refit metric on all the data it was trained on.
    pub(crate) train_score: Option<f64>,
    /// A failed refit, or one that trained clearly worse than its candidate's folds.
    pub(crate) warning: Option<String>,
}

/// Refits `params` (candidate `candidate`) on all the data and scores it there with scorer
/// `metric`, comparing that score with `cv_train`, the candidate's train scores in
/// cross-validation (when they could be computed).
pub(crate) fn refit_best<P, Y, E>(
    engine: &Engine<'_, Y>,
    estimator: &E,
    params: &P,
    candidate: usize,
    metric: usize,
    cv_train: Option<&Scores>,
    fits_in_memory: crate::error::Result<()>,
) -> Refitted<E::Fitted>
where
    P: std::fmt::Display,
    Y: Target,
    E: Estimator<P, Y>,
{
    let start = Instant::now();
    let fitted = fits_in_memory.and_then(|()| engine.fit_all(estimator, params, candidate));
    let time = start.elapsed().as_secs_f64();
    match fitted {
        Ok(model) => {
            let train_score = engine.score_on_all(&model, metric).ok();
            let warning = match (train_score, cv_train) {
                (Some(refit), Some(cv)) => {
                    refit_gap_warning(candidate, params, &engine.scorers[metric].name(), refit, cv)
                }
                _ => None,
            };
            Refitted { model: Ok(model), time, train_score, warning }
        }
        Err(error) => {
            let params = params.to_string();
            let warning = format!(
                "the refit of candidate {candidate} ({params}) on all the data failed: {error}; the \
                 cross-validation results are kept, and best_estimator() returns this error"
            );
            let model = Err(NoModel::Failed { candidate, params, error: Arc::new(error) });
            Refitted { model, time, train_score: None, warning: Some(warning) }
        }
    }
}

/// The warning for a refit whose training score `refit` is clearly below `cv`, the mean of its
/// candidate's train scores over the splits (see [`REFIT_GAP_STDS`], [`REFIT_GAP_RELATIVE`]).
pub(crate) fn refit_gap_warning(
    candidate: usize,
    params: &impl std::fmt::Display,
    metric: &str,
    refit: f64,
    cv: &Scores,
) -> Option<String> {
    let gap = cv.mean - refit;
    let clearly_worse = gap > REFIT_GAP_STDS * cv.std && gap > REFIT_GAP_RELATIVE * cv.mean.abs();
    (cv.mean.is_finite() && clearly_worse).then(|| {
        format!(
            "the refit of candidate {candidate} {params} trained clearly worse than its \
             cross-validation fits: {metric} {refit:.4} on all the data, against a mean of {:.4} \
             (std {:.4}) on the training rows of its {} splits; the refitted model may be stuck \
             (try another .seed(..))",
            cv.mean,
            cv.std,
            cv.splits.len()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refit_far_below_its_folds_warns_and_one_within_their_spread_does_not() {
        let cv = Scores::new(vec![0.98, 0.97, 0.99]);
        let w = refit_gap_warning(3, &"{units: 5}", "accuracy", 0.69, &cv).unwrap();
        assert!(w.contains("candidate 3 {units: 5} trained clearly worse") && w.contains("accuracy 0.6900"));
        assert_eq!(refit_gap_warning(3, &"{}", "accuracy", 0.95, &cv), None, "within 5 % of 0.98");
        assert_eq!(refit_gap_warning(3, &"{}", "accuracy", 1.0, &cv), None, "better is fine");
        // A wide spread across splits (std 0.08): 0.4 below the mean warns, 0.2 is within 3 std.
        let wide = Scores::new(vec![0.8, 0.9, 1.0]);
        assert!(refit_gap_warning(0, &"{}", "r2", 0.5, &wide).is_some());
        assert!(refit_gap_warning(0, &"{}", "r2", 0.7, &wide).is_none());
        // Negated errors: -17 000 against a mean of -16 000 is 6 % worse.
        let mse = Scores::new(vec![-16_000.0, -16_100.0, -15_900.0]);
        assert!(refit_gap_warning(0, &"{}", "neg_mean_squared_error", -17_000.0, &mse).is_some());
        assert!(refit_gap_warning(0, &"{}", "neg_mean_squared_error", -16_400.0, &mse).is_none());
    }
}
