//! Mean test score over two parameters, as a grid of coloured cells with a colour scale.

use std::path::Path;

use plotters::prelude::*;
use plotters::style::colors::colormaps::ViridisRGB;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::canvas::{self, categories, category_label, short, tick, Area, Drawn, FONT, MISSING};
use super::levels::{mean_test, metric, others_vary, Levels};
use crate::error::{Error, Result};
use crate::grid::Params;
use crate::results::CvResults;

/// Steps of the colour scale beside the heatmap.
const SCALE_STEPS: usize = 64;

/// The cells of a heatmap: `cells[j][i]` is the best mean test score of the candidates with
/// the `i`th value of `x` and the `j`th of `y` (`NaN` where none has a finite score).
struct Cells {
    x: Levels,
    y: Levels,
    cells: Vec<Vec<f64>>,
    /// Whether other parameters vary too (a cell is then the best of several candidates).
    others_vary: bool,
}

impl Cells {
    fn of<P: Params>(results: &CvResults<P>, x: &str, y: &str) -> Result<Cells> {
        if x == y {
            return Err(Error::invalid(
                y,
                "is also the heatmap's x parameter; choose two different parameters",
            ));
        }
        let (xs, ys) = (Levels::varying(results, x)?, Levels::varying(results, y)?);
        let mut cells = vec![vec![f64::NAN; xs.len()]; ys.len()];
        for row in &results.candidates {
            let (Some(i), Some(j)) = (xs.position(results, row), ys.position(results, row)) else { continue };
            let score = mean_test(results, row);
            if score.is_finite() && (cells[j][i].is_nan() || score > cells[j][i]) {
                cells[j][i] = score;
            }
        }
        let others_vary = others_vary(results, &[x, y]);
        Ok(Cells { x: xs, y: ys, cells, others_vary })
    }
}

impl<P: Params> CvResults<P> {
    /// Writes an SVG heatmap of the mean test score (of the refit metric) over parameters `x`
    /// and `y`: one cell per pair of values, coloured on a viridis scale drawn beside it, with
    /// the score written in the cell. When other parameters vary too, a cell shows the best
    /// score among its candidates (the subtitle says so); a cell with no finite score is grey.
    ///
    /// Errors: [`Error::InvalidParameter`] naming `x` or `y` when it is not a parameter of the
    /// search, takes a single value, or both are the same; [`Error::Io`] when `path` cannot be
    /// written.
    ///
    /// ```
    /// # use grid_core::results::{CandidateResult, CvResults, Scores};
    /// # #[derive(Clone, Debug, serde::Serialize)] struct P { units: u32, epochs: u32 }
    /// # impl std::fmt::Display for P { fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { write!(f, "{self:?}") } }
    /// # let row = |index, units, epochs, score| CandidateResult {
    /// #     index, params: P { units, epochs }, grid_params: None, test: vec![Scores::new(vec![score])],
    /// #     rank: vec![1], train: None, fit_time: Default::default(), score_time: Default::default(), errors: vec![None],
    /// # };
    /// let results = CvResults {
    ///     metrics: vec!["r2".into()], param_names: vec!["epochs".into(), "units".into()], n_splits: 1,
    ///     candidates: vec![row(0, 8, 10, 0.5), row(1, 8, 20, 0.6), row(2, 16, 10, 0.7), row(3, 16, 20, 0.9)],
    ///     refit_metric: 0,
    /// };
    /// let dir = std::env::temp_dir();
    /// results.plot_heatmap("units", "epochs", dir.join("gridcv_doc_heatmap.svg"))?;
    /// assert!(results.plot_heatmap("unit", "epochs", dir.join("x.svg")).unwrap_err().to_string().contains("`unit`"));
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn plot_heatmap(&self, x: &str, y: &str, path: impl AsRef<Path>) -> Result<()> {
        canvas::write(path.as_ref(), &self.heatmap_svg(x, y)?)
    }

    /// The SVG text of [`plot_heatmap`](Self::plot_heatmap).
    pub fn heatmap_svg(&self, x: &str, y: &str) -> Result<String> {
        let cells = Cells::of(self, x, y)?;
        let metric = metric(self).to_string();
        canvas::render("heatmap", |root| draw(root, &cells, &metric))
    }
}

fn draw(root: &Area<'_>, cells: &Cells, metric: &str) -> Drawn {
    let title = format!("Mean test {metric} by {} and {}", cells.x.name, cells.y.name);
    let area = root.titled(&title, (FONT, 24))?;
    let (area, note) = if cells.others_vary {
        let (note, rest) = area.split_vertically(24);
        (rest, Some(note))
    } else {
        (area, None)
    };
    if let Some(note) = note {
        note.draw_text(
            "each cell: the best candidate among those with these two values",
            &(FONT, 15).into_font().color(&BLACK.mix(0.7)),
            (20, 2),
        )?;
    }
    let (lo, hi) = canvas::span(cells.cells.iter().flatten().copied(), 0.0).unwrap_or((0.0, 1.0));
    let (plot, scale) = area.split_horizontally(canvas::SIZE.0 - 150);
    let (nx, ny) = (cells.x.len(), cells.y.len());
    let y_fit = canvas::fit_y(&cells.y.labels());
    let x_fit = canvas::fit_x(&cells.x.labels(), plot.dim_in_pixel().0 - y_fit.area - 24);
    let y_labels = &y_fit.labels;
    let mut chart = ChartBuilder::on(&plot)
        .margin(12)
        .x_label_area_size(x_fit.area)
        .y_label_area_size(y_fit.area)
        .build_cartesian_2d(categories(nx), categories(ny))?;
    let x_fmt = |v: &f64| x_fit.at(*v);
    let y_fmt = |v: &f64| category_label(y_labels, *v);
    chart
        .configure_mesh()
        .disable_mesh()
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .x_desc(cells.x.name.as_str())
        .y_desc(cells.y.name.as_str())
        .label_style((FONT, 15))
        .axis_desc_style((FONT, 18))
        .draw()?;
    let cell_px = chart.plotting_area().dim_in_pixel();
    let wide = cell_px.0 as usize / nx >= 56 && cell_px.1 as usize / ny >= 22;
    // One number of decimals for every cell: four significant digits of the largest score.
    let largest = cells.cells.iter().flatten().filter(|s| s.is_finite()).fold(0.0_f64, |m, s| m.max(s.abs()));
    let decimals = if largest > 0.0 { (3 - largest.log10().floor() as i32).clamp(0, 6) as usize } else { 4 };
    for (j, row) in cells.cells.iter().enumerate() {
        for (i, &score) in row.iter().enumerate() {
            let color =
                if score.is_finite() { ViridisRGB::get_color_normalized(score, lo, hi) } else { MISSING };
            let (x, y) = (i as f64, j as f64);
            chart.draw_series([Rectangle::new([(x - 0.5, y - 0.5), (x + 0.5, y + 0.5)], color.filled())])?;
            if wide {
                let light = score.is_finite() && (score - lo) < 0.6 * (hi - lo);
                let ink = if light { WHITE } else { BLACK };
                let style = (FONT, 14).into_font().color(&ink).pos(Pos::new(HPos::Center, VPos::Center));
                let text = if score.is_finite() { format!("{score:.decimals$}") } else { short(score) };
                chart.draw_series([Text::new(text, (x, y), style)])?;
            }
        }
    }
    let bottom = -0.5;
    x_fit.draw_upright(root, (0..nx).map(|i| chart.backend_coord(&(i as f64, bottom))))?;
    draw_scale(&scale, lo, hi, &format!("mean test {metric}"))
}

/// The colour scale: `SCALE_STEPS` bands from `lo` (bottom) to `hi` (top), with score ticks.
fn draw_scale(area: &Area<'_>, lo: f64, hi: f64, desc: &str) -> Drawn {
    let mut chart = ChartBuilder::on(area)
        .margin_top(12)
        .margin_bottom(68)
        .margin_left(4)
        .right_y_label_area_size(72)
        .build_cartesian_2d(0.0..1.0, lo..hi)?
        .set_secondary_coord(0.0..1.0, lo..hi);
    chart
        .configure_secondary_axes()
        .y_labels(6)
        .y_label_formatter(&|v| tick(*v))
        .y_desc(desc)
        .label_style((FONT, 13))
        .axis_desc_style((FONT, 15))
        .draw()?;
    let step = (hi - lo) / SCALE_STEPS as f64;
    chart.draw_series((0..SCALE_STEPS).map(|k| {
        let (a, b) = (lo + k as f64 * step, lo + (k + 1) as f64 * step);
        let color = ViridisRGB::get_color_normalized(0.5 * (a + b), lo, hi);
        // Polygons, not rectangles: a picture's rectangles are its cells.
        Polygon::new(vec![(0.0, a), (1.0, a), (1.0, b), (0.0, b)], color.filled())
    }))?;
    Ok(())
}
