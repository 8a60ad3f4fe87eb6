//! The best candidate: ranks as scikit-learn computes them, but the best is never a candidate
//! with a failed fit, whatever its error score makes of its rank.

use crate::results::CandidateResult;

/// The candidate a search picks as the best, and whether it may be refitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct BestChoice {
    /// The candidate's index in the grid.
    pub(crate) index: usize,
    /// `true` when every fit of the candidate succeeded; `false` when no candidate did, and
    /// `index` is only the candidate with the fewest failed fits (it is not refitted).
    pub(crate) complete: bool,
}

/// The best candidate by `metric`: the best-ranked candidate whose every fit succeeded, the
/// first in grid order on a tie. A failed fit scores the error score, which may rank its
/// candidate first (`ErrorScore::Value(f64::INFINITY)`, or `Value(0.0)` with a negated error):
/// its mean is not a measure of the candidate, so it is never the best. When every candidate
/// has a failed fit, the one with the fewest failures is named (ties by rank, then grid order)
/// but marked incomplete.
pub(crate) fn best_candidate<P>(rows: &[CandidateResult<P>], metric: usize) -> BestChoice {
    let failures = |r: &CandidateResult<P>| r.errors.iter().filter(|e| e.is_some()).count();
    let rank = |r: &CandidateResult<P>| r.rank.get(metric).copied().unwrap_or(usize::MAX);
    let complete = rows.iter().filter(|r| failures(r) == 0).min_by_key(|r| (rank(r), r.index));
    match complete {
        Some(row) => BestChoice { index: row.index, complete: true },
        None => BestChoice {
            index: rows.iter().min_by_key(|r| (failures(r), rank(r), r.index)).map_or(0, |r| r.index),
            complete: false,
        },
    }
}

/// The warnings of the ranking: candidates whose mean test score is not finite (NaN ranks last,
/// an infinite error score ranks by its sign), and a failed candidate ranked above the best.
pub(crate) fn ranking_warnings<P>(
    rows: &[CandidateResult<P>],
    metric: usize,
    best: BestChoice,
) -> Vec<String> {
    let mut warnings = Vec::new();
    let non_finite: Vec<usize> =
        rows.iter().filter(|r| !r.test[metric].mean.is_finite()).map(|r| r.index).collect();
    if !non_finite.is_empty() {
        warnings.push(format!(
            "{} of {} candidates have a non-finite mean test score: {non_finite:?} (NaN ranks last; a \
             candidate with a failed fit is never picked as the best)",
            non_finite.len(),
            rows.len()
        ));
    }
    let best_rank = rows[best.index].rank[metric];
    let above: Vec<usize> =
        rows.iter().filter(|r| r.rank[metric] < best_rank && !r.succeeded()).map(|r| r.index).collect();
    if best.complete && !above.is_empty() {
        warnings.push(format!(
            "candidates {above:?} rank above the best (candidate {}, rank {best_rank}) only by the error \
             score of their failed fits; the best is the best-ranked candidate whose every fit succeeded",
            best.index
        ));
    }
    if !best.complete {
        warnings.push(format!(
            "no candidate succeeded on every split: candidate {} (the fewest failed fits) is reported as \
             the best, and nothing is refitted",
            best.index
        ));
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::{rank, Scores, Timing};

    fn row(index: usize, mean: f64, failed: usize) -> CandidateResult<usize> {
        CandidateResult {
            index,
            params: index,
            grid_params: None,
            test: vec![Scores::new(vec![mean; 3])],
            rank: Vec::new(),
            train: None,
            fit_time: Timing::default(),
            score_time: Timing::default(),
            errors: (0..3).map(|s| (s < failed).then(|| "failed".to_string())).collect(),
        }
    }

    fn ranked(mut rows: Vec<CandidateResult<usize>>) -> Vec<CandidateResult<usize>> {
        let ranks = rank(&rows.iter().map(|r| r.test[0].mean).collect::<Vec<_>>());
        for (r, k) in rows.iter_mut().zip(ranks) {
            r.rank = vec![k];
        }
        rows
    }

    #[test]
    fn a_failed_candidate_ranked_first_by_its_error_score_is_not_the_best() {
        // ErrorScore::Value(inf): the failed candidate 0 ranks 1, as in scikit-learn.
        let rows = ranked(vec![row(0, f64::INFINITY, 3), row(1, 0.5, 0), row(2, 0.9, 0)]);
        assert_eq!(rows[0].rank[0], 1);
        assert_eq!(best_candidate(&rows, 0), BestChoice { index: 2, complete: true });
        let warnings = ranking_warnings(&rows, 0, best_candidate(&rows, 0));
        assert!(warnings.iter().any(|w| w.contains("candidates [0] rank above the best")), "{warnings:?}");
        // Value(0.0) under a negated error: a partly failed candidate's mean is pulled up to 0.
        let rows = ranked(vec![row(0, -3.0, 0), row(1, 0.0, 1), row(2, -2.0, 0)]);
        assert_eq!(best_candidate(&rows, 0), BestChoice { index: 2, complete: true });
    }

    #[test]
    fn without_a_complete_candidate_the_fewest_failures_is_named_but_incomplete() {
        let rows = ranked(vec![row(0, f64::NAN, 3), row(1, f64::NAN, 1), row(2, f64::NAN, 2)]);
        assert_eq!(best_candidate(&rows, 0), BestChoice { index: 1, complete: false });
        let rows = ranked(vec![row(0, 0.9, 0), row(1, 0.9, 0)]);
        assert_eq!(best_candidate(&rows, 0), BestChoice { index: 0, complete: true }, "ties: grid order");
    }
}
