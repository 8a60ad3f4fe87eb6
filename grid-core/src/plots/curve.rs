//! Train and test score against one parameter, with a band of one standard deviation.

use std::path::Path;

use plotters::prelude::*;

use super::canvas::{self, categories, tick, Area, Drawn, FONT, TEST, TRAIN};
use super::levels::{mean_test, metric, others_vary, test_scores, train_scores, Levels};
use crate::error::{Error, Result};
use crate::grid::Params;
use crate::results::{CvResults, Scores};

/// One point of a curve: mean and std over splits, at the position of its value.
#[derive(Clone, Copy)]
struct Point {
    at: f64,
    mean: f64,
    std: f64,
}

/// The two curves along a parameter: at each value, the scores of its best candidate.
struct Curves {
    levels: Levels,
    test: Vec<Point>,
    train: Vec<Point>,
    others_vary: bool,
}

impl Curves {
    fn of<P: Params>(results: &CvResults<P>, name: &str, need_train: bool) -> Result<Curves> {
        let levels = Levels::varying(results, name)?;
        let has_train = results.candidates.iter().any(|r| r.train.is_some());
        if need_train && !has_train {
            return Err(Error::invalid(
                "return_train_score",
                format!(
                    "the search kept no train scores, which a validation curve along `{name}` draws: \
                     run it with .return_train_score(true)"
                ),
            ));
        }
        let mut best: Vec<Option<usize>> = vec![None; levels.len()];
        for (k, row) in results.candidates.iter().enumerate() {
            let Some(i) = levels.position(results, row) else { continue };
            let score = mean_test(results, row);
            let better = match best[i] {
                None => score.is_finite(),
                Some(b) => score > mean_test(results, &results.candidates[b]),
            };
            if better {
                best[i] = Some(k);
            }
        }
        let point = |i: usize, s: Option<&Scores>| {
            s.filter(|s| s.mean.is_finite()).map(|s| Point { at: i as f64, mean: s.mean, std: s.std })
        };
        let rows = best.iter().enumerate().filter_map(|(i, b)| Some((i, &results.candidates[(*b)?])));
        let test = rows.clone().filter_map(|(i, r)| point(i, test_scores(results, r))).collect();
        let train = rows.filter_map(|(i, r)| point(i, train_scores(results, r))).collect();
        let others_vary = others_vary(results, &[name]);
        Ok(Curves { levels, test, train, others_vary })
    }
}

impl<P: Params> CvResults<P> {
    /// Writes an SVG validation curve along parameter `name`: the mean train and test scores
    /// (of the refit metric) at each of its values, a dot per value, with a band of one
    /// standard deviation over the splits, as scikit-learn's `ValidationCurveDisplay`. When other
    /// parameters vary too, each value shows its best candidate by mean test score (the
    /// subtitle says so). Values are evenly spaced, numbers in increasing order.
    ///
    /// Errors: [`Error::InvalidParameter`] naming `name` when it is not a parameter of the
    /// search or takes a single value, or naming `return_train_score` when the search kept no
    /// train scores; [`Error::Io`] when `path` cannot be written.
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// use grid_core::search::GridSearchCV;
    /// let x = ndarray::Array2::<f32>::zeros((6, 1));
    /// let y = ndarray::array![1.0_f32, 2.0, 3.0, 1.0, 2.0, 9.0];
    /// let grid = vec![Strategy::Mean, Strategy::Median];
    /// let fit = |train| GridSearchCV::new(DummyRegressor, grid.clone()).cv(3).return_train_score(train).verbose(0).fit(&x, &y);
    /// let path = std::env::temp_dir().join("gridcv_doc_curve.svg");
    /// fit(true)?.cv_results().plot_validation_curve("value", &path)?;
    /// let err = fit(false)?.cv_results().plot_validation_curve("value", &path).unwrap_err();
    /// assert!(err.to_string().contains("return_train_score"));
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn plot_validation_curve(&self, name: &str, path: impl AsRef<Path>) -> Result<()> {
        canvas::write(path.as_ref(), &self.validation_curve_svg(name)?)
    }

    /// The SVG text of [`plot_validation_curve`](Self::plot_validation_curve).
    pub fn validation_curve_svg(&self, name: &str) -> Result<String> {
        svg(self, name, true)
    }
}

/// The SVG text of a validation curve; without `need_train`, a search without train scores
/// gets the test curve alone.
pub(crate) fn svg<P: Params>(results: &CvResults<P>, name: &str, need_train: bool) -> Result<String> {
    let curves = Curves::of(results, name, need_train)?;
    let metric = metric(results).to_string();
    canvas::render("validation curve", |root| draw(root, &curves, &metric))
}

fn draw(root: &Area<'_>, curves: &Curves, metric: &str) -> Drawn {
    let area = root.titled(&format!("Validation curve along {}", curves.levels.name), (FONT, 24))?;
    let area = if curves.others_vary {
        let (note, rest) = area.split_vertically(24);
        note.draw_text(
            "at each value: its best candidate by mean test score",
            &(FONT, 15).into_font().color(&BLACK.mix(0.7)),
            (20, 2),
        )?;
        rest
    } else {
        area
    };
    let both = curves.test.iter().chain(&curves.train);
    let (lo, hi) =
        canvas::span(both.flat_map(|p| [p.mean - p.std, p.mean + p.std]), 0.08).unwrap_or((0.0, 1.0));
    let fit = canvas::fit_x(&curves.levels.labels(), canvas::SIZE.0 - 140);
    let labels = &fit.labels;
    let mut chart = ChartBuilder::on(&area)
        .margin(16)
        .x_label_area_size(fit.area)
        .y_label_area_size(90)
        .build_cartesian_2d(categories(labels.len()), lo..hi)?;
    let x_fmt = |v: &f64| fit.at(*v);
    chart
        .configure_mesh()
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&|v| tick(*v))
        .y_labels(8)
        .x_desc(curves.levels.name.as_str())
        .y_desc(format!("mean {metric}"))
        .label_style((FONT, 15))
        .axis_desc_style((FONT, 18))
        .light_line_style(WHITE)
        .bold_line_style(BLACK.mix(0.08))
        .draw()?;
    for (points, color, name) in [(&curves.train, TRAIN, "train"), (&curves.test, TEST, "test")] {
        if points.is_empty() {
            continue;
        }
        let upper = points.iter().map(|p| (p.at, p.mean + p.std));
        let lower = points.iter().rev().map(|p| (p.at, p.mean - p.std));
        chart
            .draw_series([Polygon::new(upper.chain(lower).collect::<Vec<_>>(), color.mix(0.18).filled())])?;
        chart
            .draw_series(LineSeries::new(points.iter().map(|p| (p.at, p.mean)), color.stroke_width(2)))?
            .label(format!("{name} (mean ± std)"))
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 24, y)], color.stroke_width(3)));
        chart.draw_series(points.iter().map(|p| Circle::new((p.at, p.mean), 4, color.filled())))?;
    }
    fit.draw_upright(root, (0..labels.len()).map(|i| chart.backend_coord(&(i as f64, lo))))?;
    let lines: Vec<Vec<(f64, f64)>> = [&curves.train, &curves.test]
        .iter()
        .flat_map(|ps| {
            [
                ps.iter().map(|p| (p.at, p.mean + p.std)).collect(),
                ps.iter().map(|p| (p.at, p.mean - p.std)).collect(),
            ]
        })
        .collect();
    let corner = canvas::legend_corner(&lines, (-0.5, labels.len() as f64 - 0.5), (lo, hi));
    canvas::draw_legend(&mut chart, corner)
}
