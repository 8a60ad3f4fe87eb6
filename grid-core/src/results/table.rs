//! A readable table of the results, for `println!("{}", search.cv_results())`.

use std::fmt;

use super::CvResults;
use crate::grid::Params;

impl<P: Params> fmt::Display for CvResults<P> {
    /// One line per candidate in grid order: rank, mean ± std of the test score of the metric
    /// that picks the best (the refit metric; with several metrics a first line says which),
    /// mean fit time, and the parameters.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.refit_metric;
        let metric = self.metrics.get(m).map_or("score", String::as_str);
        if self.metrics.len() > 1 {
            let others: Vec<&str> =
                self.metrics.iter().enumerate().filter(|(i, _)| *i != m).map(|(_, n)| n.as_str()).collect();
            writeln!(f, "ranked by {metric}, the refit metric (also scored: {})", others.join(", "))?;
        }
        let score_head = format!("mean_test_{metric}");
        let width = score_head.len().max(12);
        writeln!(
            f,
            "{:>4}  {:>4}  {:>width$}  {:>10}  {:>9}  params",
            "#", "rank", score_head, "std", "fit_time"
        )?;
        for row in &self.candidates {
            let (mean, std) = row.test.get(m).map_or((f64::NAN, f64::NAN), |t| (t.mean, t.std));
            let rank = row.rank.get(m).map_or_else(|| "-".to_string(), usize::to_string);
            writeln!(
                f,
                "{:>4}  {:>4}  {:>width$.6}  {:>10.4}  {:>8.4}s  {}",
                row.index, rank, mean, std, row.fit_time.mean, row.params
            )?;
        }
        Ok(())
    }
}
