//! Loss and val_loss per epoch of one fit (Keras' `History`), from plain series.

use std::path::Path;

use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::prelude::*;

use super::canvas::{self, short, tick, Area, Drawn, FONT, TEST, TRAIN};
use crate::error::{Error, Result};

/// Loss of the last epoch over the first above which the loss axis is logarithmic.
const LOG_RATIO: f64 = 30.0;
/// Most epochs drawn with a dot each.
const MAX_DOTS: usize = 60;

/// Writes an SVG of a training history: `loss` and, when not empty, `val_loss` against the
/// epoch (1-based), with a dot per epoch for short fits and the epoch of the lowest `val_loss`
/// marked. The loss axis is logarithmic when the losses are positive and span more than a factor
/// of 30. Takes plain series, so any estimator's history can be drawn; for a network,
/// [`History::plot`](crate::nn::History::plot) passes its own.
///
/// Errors: [`Error::Empty`] when `loss` is, [`Error::ShapeMismatch`] when `val_loss` is neither
/// empty nor as long as `loss`, [`Error::Io`] when `path` cannot be written.
///
/// ```
/// let path = std::env::temp_dir().join("gridcv_doc_history.svg");
/// grid_core::plots::plot_history(&[3.0, 2.0, 1.5], &[3.5, 2.6, 2.4], &path)?;
/// assert!(std::fs::read_to_string(&path)?.contains("val_loss"));
/// assert!(grid_core::plots::plot_history(&[], &[], &path).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn plot_history(loss: &[f64], val_loss: &[f64], path: impl AsRef<Path>) -> Result<()> {
    canvas::write(path.as_ref(), &history_svg(loss, val_loss)?)
}

/// The SVG text of [`plot_history`].
pub fn history_svg(loss: &[f64], val_loss: &[f64]) -> Result<String> {
    if loss.is_empty() {
        return Err(Error::Empty("the training history (no epoch of loss)".into()));
    }
    if !val_loss.is_empty() && val_loss.len() != loss.len() {
        return Err(Error::ShapeMismatch {
            what: "epochs of val_loss (epochs of loss)".into(),
            expected: loss.len(),
            got: val_loss.len(),
        });
    }
    let all = || loss.iter().chain(val_loss).copied().filter(|v| v.is_finite());
    let (lo, hi) = canvas::span(all(), 0.0).unwrap_or((0.0, 1.0));
    let positive = all().all(|v| v > 0.0);
    let lines = |f: fn(f64) -> f64| -> Vec<Vec<(f64, f64)>> {
        [loss, val_loss].iter().map(|s| epochs(s).into_iter().map(|(e, v)| (e, f(v))).collect()).collect()
    };
    let x = 0.5..loss.len() as f64 + 0.5;
    let xs = (x.start, x.end);
    canvas::render("training history", |root| {
        if positive && all().fold(f64::INFINITY, f64::min) * LOG_RATIO < hi {
            let (lo, hi) = (all().fold(f64::INFINITY, f64::min) / 1.25, hi * 1.25);
            let corner = canvas::legend_corner(&lines(f64::log10), xs, (lo.log10(), hi.log10()));
            draw(root, x, canvas::log_axis(lo, hi), corner, loss, val_loss)
        } else {
            let pad = 0.06 * (hi - lo);
            let (lo, hi) = (lo - pad, hi + pad);
            let corner = canvas::legend_corner(&lines(|v| v), xs, (lo, hi));
            draw(root, x, lo..hi, corner, loss, val_loss)
        }
    })
}

/// The finite values of a series, at their 1-based epochs.
fn epochs(series: &[f64]) -> Vec<(f64, f64)> {
    series.iter().enumerate().filter(|(_, v)| v.is_finite()).map(|(e, &v)| (e as f64 + 1.0, v)).collect()
}

fn draw<Y>(
    root: &Area<'_>,
    x: std::ops::Range<f64>,
    y: Y,
    corner: SeriesLabelPosition,
    loss: &[f64],
    val_loss: &[f64],
) -> Drawn
where
    Y: AsRangedCoord<Value = f64>,
    Y::CoordDescType: ValueFormatter<f64>,
{
    let area = root.titled("Training history of the best estimator", (FONT, 24))?;
    let mut chart = ChartBuilder::on(&area)
        .margin(16)
        .x_label_area_size(56)
        .y_label_area_size(90)
        .build_cartesian_2d(x, y)?;
    chart
        .configure_mesh()
        .x_labels(loss.len().min(12))
        .x_label_formatter(&|v| format!("{}", v.round()))
        .y_label_formatter(&|v| tick(*v))
        .x_desc("epoch")
        .y_desc("loss")
        .label_style((FONT, 15))
        .axis_desc_style((FONT, 18))
        .light_line_style(WHITE)
        .bold_line_style(BLACK.mix(0.08))
        .draw()?;
    for (series, color, name) in [(loss, TRAIN, "loss"), (val_loss, TEST, "val_loss")] {
        let points = epochs(series);
        if points.is_empty() {
            continue;
        }
        chart
            .draw_series(LineSeries::new(points.iter().copied(), color.stroke_width(2)))?
            .label(name)
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 24, y)], color.stroke_width(3)));
        if points.len() <= MAX_DOTS {
            chart.draw_series(points.iter().map(|&p| Circle::new(p, 3, color.filled())))?;
        }
    }
    let best = epochs(val_loss).into_iter().min_by(|a, b| a.1.total_cmp(&b.1));
    if let Some((epoch, value)) = best {
        chart
            .draw_series([Cross::new((epoch, value), 8, BLACK.stroke_width(2))])?
            .label(format!("lowest val_loss: {} at epoch {epoch}", short(value)))
            .legend(|(x, y)| Cross::new((x + 12, y), 6, BLACK.stroke_width(2)));
    }
    canvas::draw_legend(&mut chart, corner)
}
