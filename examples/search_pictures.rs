//! Pictures of a search: a heatmap of the test score over two parameters, a validation curve,
//! the best estimator's training history, the rounds of a successive halving, and one HTML
//! report with them all (what `gridcv report --plots DIR` writes).
//!
//! Run: `cargo run --release --example search_pictures -- [DIR]` (default `target/pictures`).

use std::path::{Path, PathBuf};

use gridcv::plots::{HalvingScore, Report};
use gridcv::prelude::*;

/// One hidden layer of `units` ReLU units and a linear output.
#[tunable]
pub fn create_model(meta: &Meta, #[default(16)] units: usize) -> Sequential {
    Sequential::new(meta.n_features).dense(units, Activation::Relu).dense(1, Activation::Linear)
}

/// What the example wrote and measured.
pub struct Outcome {
    /// Every file written, the report last.
    pub files: Vec<PathBuf>,
    /// Candidates of the grid search.
    pub n_candidates: usize,
    /// Epochs in the best estimator's history.
    pub history_epochs: usize,
    /// The rows of the successive halving: (round, epochs, candidate, score).
    pub halving: Vec<HalvingScore>,
}

/// Runs a 12-candidate grid search (units × epochs, with train scores and a validation split)
/// and a 9-candidate successive halving over units (factor 3, the resource is epochs), and
/// draws them into `dir`; `epochs_divisor` shortens training (the test suite passes 10).
pub fn run(epochs_divisor: usize, dir: &Path) -> gridcv::Result<Outcome> {
    std::fs::create_dir_all(dir).map_err(|source| gridcv::Error::Io { path: dir.to_path_buf(), source })?;
    let data = datasets::make_regression(200, 5).noise(20.0).seed(3).build()?;
    let e = |n: usize| (n / epochs_divisor).max(1);
    let grid = grid!(create_model {
        units: [2, 4, 8, 16],
        epochs: [e(20), e(60), e(180)],
        learning_rate: [Some(0.01)],
        validation_split: [0.2],
    });
    let search = GridSearchCV::new(NeuralRegressor::new(), grid)
        .cv(3)
        .scoring(Scoring::R2)
        .return_train_score(true)
        .seed(3)
        .verbose(0)
        .fit(&data.x, &data.y)?;
    println!("Best R²: {:.4} using {}", search.best_score(), search.best_params());
    let results = search.cv_results();
    let history = search.best_estimator()?.history();
    let mut files = vec![dir.join("heatmap.svg"), dir.join("validation_curve.svg"), dir.join("history.svg")];
    results.plot_heatmap("units", "epochs", &files[0])?;
    results.plot_validation_curve("units", &files[1])?;
    history.plot(&files[2])?;

    let halving = successive_halving(&data, e(10))?;
    files.push(dir.join("halving.svg"));
    gridcv::plots::plot_halving(&halving, &files[3])?;

    let report = Report::new(results)
        .title("gridcv: units × epochs on make_regression(200, 5)")
        .history(&history.loss, &history.val_loss)
        .halving(&halving);
    files.push(dir.join("report.html"));
    report.write_html(&files[4])?;
    for f in &files {
        println!("wrote {}", f.display());
    }
    Ok(Outcome { files, n_candidates: results.len(), history_epochs: history.epochs(), halving })
}

/// Successive halving by hand (the library's `HalvingGridSearchCV` is another issue): nine
/// widths trained for `min_epochs`, the best third kept and trained three times longer, twice.
fn successive_halving(
    data: &Dataset<ndarray::Array1<f32>>,
    min_epochs: usize,
) -> gridcv::Result<Vec<HalvingScore>> {
    const WIDTHS: [usize; 9] = [1, 2, 3, 4, 6, 8, 12, 16, 24];
    let mut alive: Vec<usize> = (0..WIDTHS.len()).collect();
    let mut rows = Vec::new();
    let mut epochs = min_epochs;
    for iter in 0..3 {
        let grid: Vec<CreateModelParams> = alive
            .iter()
            .map(|&c| {
                let mut params = CreateModelParams { units: WIDTHS[c], ..Default::default() };
                (params.epochs, params.learning_rate) = (epochs, Some(0.01));
                params
            })
            .collect();
        let search = GridSearchCV::new(NeuralRegressor::new(), grid)
            .cv(3)
            .scoring(Scoring::R2)
            .refit(false)
            .seed(3)
            .verbose(0)
            .fit(&data.x, &data.y)?;
        let ranked = search.cv_results().ranked();
        for row in &search.cv_results().candidates {
            let candidate = alive[row.index];
            rows.push(HalvingScore { iter, n_resources: epochs, candidate, score: row.mean_test_score() });
        }
        alive = ranked.iter().take((alive.len() / 3).max(1)).map(|r| alive[r.index]).collect();
        epochs *= 3;
    }
    Ok(rows)
}

#[allow(dead_code)]
fn main() -> gridcv::Result<()> {
    let dir = std::env::args().nth(1).map_or_else(|| PathBuf::from("target/pictures"), PathBuf::from);
    run(1, &dir).map(drop)
}
