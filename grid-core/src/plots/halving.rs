//! The candidates' scores per round of successive halving, from plain rows.

use std::collections::BTreeMap;
use std::path::Path;

use plotters::prelude::*;

use super::canvas::{self, categories, category_label, tick, Area, Drawn, FONT, MISSING, TEST};
use crate::error::{Error, Result};

/// One candidate's mean test score in one round of successive halving (a row of
/// `HalvingGridSearchCV`'s `cv_results_`: its `iter`, `n_resources`, candidate and score).
///
/// ```
/// use grid_core::plots::HalvingScore;
/// let row = HalvingScore { iter: 1, n_resources: 90, candidate: 4, score: 0.82 };
/// assert_eq!(row.n_resources, 90);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HalvingScore {
    /// The round (scikit-learn's `iter`), from 0.
    pub iter: usize,
    /// The resource each candidate had in this round (epochs or samples).
    pub n_resources: usize,
    /// The candidate's index in the grid (or the space's draw).
    pub candidate: usize,
    /// Its mean test score in this round (NaN where its fits failed).
    pub score: f64,
}

/// Writes an SVG of successive halving: one column per round (labelled with its resource), a
/// dot per candidate and round, and a line following each candidate through the rounds it
/// survived; the candidates of the last round are coloured, the others grey.
///
/// Errors: [`Error::Empty`] when `scores` is, [`Error::InvalidParameter`] when one round gives
/// two resources or one candidate two scores, [`Error::Io`] when `path` cannot be written.
///
/// ```
/// use grid_core::plots::{plot_halving, HalvingScore};
/// let row = |iter, n_resources, candidate, score| HalvingScore { iter, n_resources, candidate, score };
/// let rows = [row(0, 10, 0, 0.5), row(0, 10, 1, 0.7), row(0, 10, 2, 0.6), row(1, 30, 1, 0.8)];
/// plot_halving(&rows, std::env::temp_dir().join("gridcv_doc_halving.svg"))?;
/// # Ok::<(), grid_core::Error>(())
/// ```
pub fn plot_halving(scores: &[HalvingScore], path: impl AsRef<Path>) -> Result<()> {
    canvas::write(path.as_ref(), &halving_svg(scores)?)
}

/// The SVG text of [`plot_halving`].
pub fn halving_svg(scores: &[HalvingScore]) -> Result<String> {
    if scores.is_empty() {
        return Err(Error::Empty("the halving scores".into()));
    }
    let mut rounds: BTreeMap<usize, usize> = BTreeMap::new();
    let mut seen = std::collections::BTreeSet::new();
    for s in scores {
        if *rounds.entry(s.iter).or_insert(s.n_resources) != s.n_resources {
            return Err(Error::invalid(
                "n_resources",
                format!("round {} has two resources, {} and {}", s.iter, rounds[&s.iter], s.n_resources),
            ));
        }
        if !seen.insert((s.iter, s.candidate)) {
            return Err(Error::invalid(
                "candidate",
                format!("candidate {} has two scores in round {}", s.candidate, s.iter),
            ));
        }
    }
    canvas::render("halving rounds", |root| draw(root, scores, &rounds))
}

fn draw(root: &Area<'_>, scores: &[HalvingScore], rounds: &BTreeMap<usize, usize>) -> Drawn {
    let column: BTreeMap<usize, usize> = rounds.keys().enumerate().map(|(k, &iter)| (iter, k)).collect();
    let labels: Vec<String> = rounds.iter().map(|(iter, n)| format!("{iter} ({n})")).collect();
    let last = rounds.keys().next_back().copied().unwrap_or(0);
    let finalists: Vec<usize> = scores.iter().filter(|s| s.iter == last).map(|s| s.candidate).collect();
    let (lo, hi) = canvas::span(scores.iter().map(|s| s.score), 0.08).unwrap_or((0.0, 1.0));
    let n_candidates = scores.iter().filter(|s| s.iter == *rounds.keys().next().unwrap_or(&0)).count();
    let title = format!("Successive halving: {n_candidates} candidates, {} rounds", rounds.len());
    let area = root.titled(&title, (FONT, 24))?;
    let mut chart = ChartBuilder::on(&area)
        .margin(16)
        .x_label_area_size(56)
        .y_label_area_size(90)
        .build_cartesian_2d(categories(labels.len()), lo..hi)?;
    let x_fmt = |v: &f64| category_label(&labels, *v);
    chart
        .configure_mesh()
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&|v| tick(*v))
        .y_labels(8)
        .x_desc("round (n_resources)")
        .y_desc("mean test score")
        .label_style((FONT, 15))
        .axis_desc_style((FONT, 18))
        .light_line_style(WHITE)
        .bold_line_style(BLACK.mix(0.08))
        .draw()?;
    let mut by_candidate: BTreeMap<usize, Vec<(f64, f64)>> = BTreeMap::new();
    for s in scores.iter().filter(|s| s.score.is_finite()) {
        by_candidate.entry(s.candidate).or_default().push((column[&s.iter] as f64, s.score));
    }
    for points in by_candidate.values_mut() {
        points.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    // Eliminated candidates first, so the finalists' lines are drawn on top.
    let mut order: Vec<_> = by_candidate.iter().collect();
    order.sort_by_key(|(c, _)| finalists.contains(c));
    for (candidate, points) in order {
        let finalist = finalists.contains(candidate);
        let color = if finalist { TEST.to_rgba() } else { MISSING.mix(0.9) };
        let line = if finalist { color.stroke_width(2) } else { color.stroke_width(1) };
        chart.draw_series(LineSeries::new(points.iter().copied(), line))?;
        chart.draw_series(
            points.iter().map(|&p| Circle::new(p, if finalist { 5 } else { 3 }, color.filled())),
        )?;
    }
    let legend = [(TEST.to_rgba(), "in the last round"), (MISSING.mix(0.9), "eliminated")];
    for (color, name) in legend {
        chart
            .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())?
            .label(name)
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 24, y)], color.stroke_width(3)));
    }
    let lines: Vec<Vec<(f64, f64)>> = by_candidate.values().cloned().collect();
    let corner = canvas::legend_corner(&lines, (-0.5, labels.len() as f64 - 0.5), (lo, hi));
    canvas::draw_legend(&mut chart, corner)
}
