//! The result of a halving search: the search's rows (one per candidate and round), the
//! schedule, and the rounds in the form the pictures take.

use std::ops::Deref;
use std::path::Path;

use serde_json::Value;

use super::Schedule;
use crate::data::Target;
use crate::error::Result;
use crate::grid::Params;
use crate::results::{export, Scores};
use crate::search::FittedSearch;

/// A finished halving search, as scikit-learn's fitted `HalvingGridSearchCV`.
///
/// It dereferences to the [`FittedSearch`] of all its rounds: `cv_results()` has one row per
/// (candidate, round), in the order they ran, ranked together; `best_params`, `best_score`,
/// `best_estimator`, `predict` are those of the best candidate of the last round (scikit-learn's
/// `best_index_` for successive halving). On top, per row, the round ([`iters`](Self::iters))
/// and its resource ([`row_resources`](Self::row_resources)), exported as the `iter` and
/// `n_resources` columns; the [`Schedule`] (`n_candidates_`, `n_resources_`, ...); and the
/// rounds as plain data ([`rounds`](Self::rounds)).
#[derive(Debug)]
pub struct FittedHalving<P, M, Y: Target> {
    pub(crate) search: FittedSearch<P, M, Y>,
    pub(crate) schedule: Schedule,
    pub(crate) iters: Vec<usize>,
    pub(crate) row_resources: Vec<usize>,
    pub(crate) candidate_ids: Vec<usize>,
    pub(crate) resource: String,
}

/// One round of a halving search, for plotting the candidates' scores per round.
#[derive(Clone, Debug, PartialEq)]
pub struct HalvingRound {
    /// The round, from 0 (scikit-learn's `iter`).
    pub iter: usize,
    /// The resource every candidate of the round had (`n_resources`).
    pub n_resources: usize,
    /// The name of the resource (`"epochs"`, `"n_samples"`).
    pub resource: String,
    /// The round's candidates, in the order they ran.
    pub candidates: Vec<RoundCandidate>,
}

/// One candidate in one round.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundCandidate {
    /// The candidate's index among the candidates of the first round (the grid's index for
    /// `HalvingGridSearchCV`, the draw's for `HalvingRandomSearchCV`): the same in every round.
    pub candidate: usize,
    /// Its row in `cv_results()`.
    pub row: usize,
    /// Its parameters, displayed.
    pub params: String,
    /// Its test scores for the metric that picks the best (per split, mean, std).
    pub test: Scores,
    /// Its train scores for that metric, when the search computed them.
    pub train: Option<Scores>,
    /// Whether it went on to the next round (for the last round: whether it is among the
    /// `n_remaining_candidates` best).
    pub kept: bool,
}

impl<P, M, Y: Target> Deref for FittedHalving<P, M, Y> {
    type Target = FittedSearch<P, M, Y>;

    fn deref(&self) -> &Self::Target {
        &self.search
    }
}

impl<P: Params, M, Y: Target> FittedHalving<P, M, Y> {
    /// The search of all rounds (what this dereferences to).
    pub fn search(&self) -> &FittedSearch<P, M, Y> {
        &self.search
    }

    /// Takes the search of all rounds out.
    pub fn into_search(self) -> FittedSearch<P, M, Y> {
        self.search
    }

    /// The schedule run: `n_candidates_`, `n_resources_`, `n_iterations_`, ...
    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    /// scikit-learn's `n_candidates_`: the candidates of each round.
    pub fn n_candidates(&self) -> &[usize] {
        &self.schedule.n_candidates
    }

    /// scikit-learn's `n_resources_`: the resource of each round.
    pub fn n_resources(&self) -> &[usize] {
        &self.schedule.n_resources
    }

    /// The round of each row of `cv_results()` (the `iter` column).
    pub fn iters(&self) -> &[usize] {
        &self.iters
    }

    /// The resource of each row of `cv_results()` (the `n_resources` column).
    pub fn row_resources(&self) -> &[usize] {
        &self.row_resources
    }

    /// The index among the first round's candidates of each row of `cv_results()`.
    pub fn candidate_ids(&self) -> &[usize] {
        &self.candidate_ids
    }

    /// The name of the resource (`"epochs"`, `"n_samples"`).
    pub fn resource(&self) -> &str {
        &self.resource
    }

    /// The rows [`plots::plot_halving`](crate::plots::plot_halving) draws: per round and
    /// candidate, its stable index and mean test score of the refit metric.
    pub fn halving_scores(&self) -> Vec<crate::plots::HalvingScore> {
        self.rounds()
            .iter()
            .flat_map(|round| {
                round.candidates.iter().map(|c| crate::plots::HalvingScore {
                    iter: round.iter,
                    n_resources: round.n_resources,
                    candidate: c.candidate,
                    score: c.test.mean,
                })
            })
            .collect()
    }

    /// Writes the candidates' scores per round as an SVG
    /// ([`plots::plot_halving`](crate::plots::plot_halving)).
    pub fn plot_rounds(&self, path: impl AsRef<Path>) -> Result<()> {
        crate::plots::plot_halving(&self.halving_scores(), path)
    }

    /// The rounds as plain data: per round its resource and, per candidate, its stable index,
    /// row, scores for the refit metric and whether it was kept.
    pub fn rounds(&self) -> Vec<HalvingRound> {
        let results = &self.search.cv_results;
        let metric = self.search.refit_metric;
        let mut rounds: Vec<HalvingRound> = (0..self.schedule.n_iterations)
            .map(|iter| HalvingRound {
                iter,
                n_resources: self.schedule.n_resources[iter],
                resource: self.resource.clone(),
                candidates: Vec::new(),
            })
            .collect();
        for (row, result) in results.candidates.iter().enumerate() {
            let iter = self.iters[row];
            let id = self.candidate_ids[row];
            let kept = match self
                .iters
                .iter()
                .zip(&self.candidate_ids)
                .position(|(&i, &c)| i == iter + 1 && c == id)
            {
                Some(_) => true,
                None => iter + 1 == self.schedule.n_iterations && self.survivors().contains(&row),
            };
            if let Some(round) = rounds.get_mut(iter) {
                round.candidates.push(RoundCandidate {
                    candidate: id,
                    row,
                    params: result.params.to_string(),
                    test: result.test[metric].clone(),
                    train: result.train.as_ref().map(|t| t[metric].clone()),
                    kept,
                });
            }
        }
        rounds
    }

    /// The rows of the last round among its `n_remaining_candidates` best.
    fn survivors(&self) -> Vec<usize> {
        let last = self.schedule.n_iterations.saturating_sub(1);
        let rows: Vec<usize> = (0..self.iters.len()).filter(|&r| self.iters[r] == last).collect();
        let scores: Vec<f64> = rows
            .iter()
            .map(|&r| self.search.cv_results.candidates[r].test[self.search.refit_metric].mean)
            .collect();
        super::run::top_k(&scores, self.schedule.n_remaining_candidates)
            .into_iter()
            .map(|k| rows[k])
            .collect()
    }

    /// The columns of scikit-learn's `cv_results_` for successive halving: `iter` and
    /// `n_resources`, then those of [`CvResults::columns`](crate::results::CvResults::columns).
    pub fn columns(&self) -> Vec<(String, Vec<Value>)> {
        let mut columns = vec![
            ("iter".to_string(), self.iters.iter().map(|&i| Value::from(i)).collect()),
            ("n_resources".to_string(), self.row_resources.iter().map(|&n| Value::from(n)).collect()),
        ];
        columns.extend(self.search.cv_results.columns());
        columns
    }

    /// The columns as one JSON object of arrays.
    pub fn to_json_value(&self) -> Value {
        export::json_object(self.columns())
    }

    /// Writes [`columns`](Self::columns) as a JSON object of arrays.
    pub fn to_json(&self, path: impl AsRef<Path>) -> Result<()> {
        export::write_json(&self.to_json_value(), path.as_ref())
    }

    /// The CSV text of [`columns`](Self::columns), written as `CvResults::to_csv_string` writes
    /// its own (strings bare, NaN empty).
    pub fn to_csv_string(&self) -> String {
        export::csv_text(&self.columns(), self.iters.len())
    }

    /// Writes [`to_csv_string`](Self::to_csv_string) to `path`.
    pub fn to_csv(&self, path: impl AsRef<Path>) -> Result<()> {
        export::write_text(&self.to_csv_string(), path.as_ref())
    }
}
