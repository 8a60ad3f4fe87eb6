//! A readable table of the results, for `println!("{}", search.cv_results())`.

use std::fmt;

use super::CvResults;
use crate::grid::Params;

impl<P: Params> fmt::Display for CvResults<P> {
    /// One line per candidate in grid order: rank, mean ± std of the first metric's test
    /// score, mean fit time, and the parameters.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let metric = self.metrics.first().map_or("score", String::as_str);
        let score_head = format!("mean_test_{metric}");
        let width = score_head.len().max(12);
        writeln!(
            f,
            "{:>4}  {:>4}  {:>width$}  {:>10}  {:>9}  params",
            "#", "rank", score_head, "std", "fit_time"
        )?;
        for row in &self.candidates {
            let test = &row.test[0];
            writeln!(
                f,
                "{:>4}  {:>4}  {:>width$.6}  {:>10.4}  {:>8.4}s  {}",
                row.index, row.rank[0], test.mean, test.std, row.fit_time.mean, row.params
            )?;
        }
        Ok(())
    }
}
