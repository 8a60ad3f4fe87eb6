//! What every picture shares: its size, fonts and colours, rendering to a string, writing a file.

use std::path::Path;

use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::error::{Error, Result};

/// Width and height of every picture, in pixels.
pub(crate) const SIZE: (u32, u32) = (820, 560);
/// The font family of every text (the viewer's own sans-serif font).
pub(crate) const FONT: &str = "sans-serif";
/// Colour of the test score (and of the loss of held-out data).
pub(crate) const TEST: RGBColor = RGBColor(31, 119, 180);
/// Colour of the train score (and of the training loss).
pub(crate) const TRAIN: RGBColor = RGBColor(214, 39, 40);
/// Cells and marks without a finite score.
pub(crate) const MISSING: RGBColor = RGBColor(200, 200, 200);

/// The drawing area of one picture.
pub(crate) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// What a drawing step may fail with: plotters' errors, kept as their messages.
pub(crate) type Drawn = std::result::Result<(), Box<dyn std::error::Error>>;

/// Draws a picture on a white canvas of [`SIZE`] and returns its SVG text; `plot` names the
/// picture in the error.
pub(crate) fn render(plot: &str, draw: impl FnOnce(&Area<'_>) -> Drawn) -> Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        let drawn = root
            .fill(&WHITE)
            .map_err(Into::into)
            .and_then(|()| draw(&root))
            .and_then(|()| root.present().map_err(Into::into));
        drawn.map_err(|e| Error::Plot { plot: plot.to_string(), reason: e.to_string() })?;
    }
    Ok(svg)
}

/// An axis of `n` categories: category `i` sits at `i`, in a slot from `i - 0.5` to `i + 0.5`,
/// and has the axis' only tick.
#[derive(Clone)]
pub(crate) struct Categories {
    n: usize,
    inner: RangedCoordf64,
}

/// The axis of `n` categories.
pub(crate) fn categories(n: usize) -> Categories {
    Categories { n, inner: (-0.5..n as f64 - 0.5).into() }
}

impl Ranged for Categories {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.inner.map(value, limit)
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            return Vec::new();
        }
        (0..self.n).map(|i| i as f64).collect()
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.inner.range()
    }
}

impl ValueFormatter<f64> for Categories {
    fn format(value: &f64) -> String {
        short(*value)
    }
}

/// The label of the category a tick of [`categories`] stands at.
pub(crate) fn category_label(labels: &[String], at: f64) -> String {
    let i = at.round();
    if i < 0.0 || (i - at).abs() > 1e-6 {
        return String::new();
    }
    labels.get(i as usize).cloned().unwrap_or_default()
}

/// Longest category label shown, in characters (longer ones end in `…`).
const MAX_LABEL: usize = 22;
/// Estimated width of a character of the 15-pixel label font, in pixels.
const CHAR_PX: f64 = 8.5;

/// Category labels fitted to their axis: shortened to [`MAX_LABEL`] characters, and for the x
/// axis turned upright when they would overlap side by side.
pub(crate) struct Fitted {
    /// The labels as shown.
    pub labels: Vec<String>,
    /// Whether the x labels are drawn upright.
    pub upright: bool,
    /// Room the labels need beside the axis, in pixels.
    pub area: u32,
}

/// Fits `labels` to an x axis of about `width` pixels.
pub(crate) fn fit_x(labels: &[String], width: u32) -> Fitted {
    let labels = shorten(labels);
    let longest = widest(&labels);
    let slot = f64::from(width) / labels.len().max(1) as f64;
    let upright = longest > 0.9 * slot;
    let area = if upright { 36 + longest as u32 } else { 56 };
    Fitted { labels, upright, area }
}

/// Fits `labels` to a y axis.
pub(crate) fn fit_y(labels: &[String]) -> Fitted {
    let labels = shorten(labels);
    let area = (48.0 + widest(&labels)).max(90.0) as u32;
    Fitted { labels, upright: false, area }
}

impl Fitted {
    /// The label plotters draws at a tick of [`categories`]: none when upright, as
    /// [`draw_upright`](Self::draw_upright) draws those.
    pub fn at(&self, tick: f64) -> String {
        if self.upright {
            String::new()
        } else {
            category_label(&self.labels, tick)
        }
    }

    /// Draws upright labels on `root` below the axis points `anchors` (in pixels of `root`, one
    /// per label), each ending at its tick and reading upwards. Plotters centres a turned
    /// label on its tick, across the axis; these hang below it.
    pub fn draw_upright(&self, root: &Area<'_>, anchors: impl IntoIterator<Item = (i32, i32)>) -> Drawn {
        if !self.upright {
            return Ok(());
        }
        let style = (FONT, 15)
            .into_font()
            .transform(FontTransform::Rotate270)
            .color(&BLACK)
            .pos(Pos::new(HPos::Right, VPos::Center));
        for (label, (x, y)) in self.labels.iter().zip(anchors) {
            root.draw_text(label, &style, (x, y + 10))?;
        }
        Ok(())
    }
}

fn shorten(labels: &[String]) -> Vec<String> {
    labels
        .iter()
        .map(|l| {
            if l.chars().count() > MAX_LABEL {
                l.chars().take(MAX_LABEL - 1).chain(['…']).collect()
            } else {
                l.clone()
            }
        })
        .collect()
}

fn widest(labels: &[String]) -> f64 {
    labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64 * CHAR_PX
}

/// Writes an SVG (or any text) to `path`.
pub(crate) fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(|source| Error::Io { path: path.to_path_buf(), source })
}

/// A score for a label: four significant digits, without an exponent for ordinary sizes.
pub(crate) fn short(x: f64) -> String {
    if !x.is_finite() {
        return "n/a".to_string();
    }
    let magnitude = if x == 0.0 { 0 } else { x.abs().log10().floor() as i32 };
    if !(-4..6).contains(&magnitude) {
        return format!("{x:.3e}");
    }
    let decimals = (3 - magnitude).max(0) as usize;
    format!("{x:.decimals$}")
}

/// A tick label: the value rounded to four significant digits, without trailing zeros.
pub(crate) fn tick(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return if x == 0.0 { "0".into() } else { short(x) };
    }
    let magnitude = x.abs().log10().floor() as i32;
    if !(-4..6).contains(&magnitude) {
        return format!("{x:.2e}");
    }
    let scale = 10f64.powi(3 - magnitude);
    format!("{}", (x * scale).round() / scale)
}

/// A logarithmic axis from `lo` to `hi` (both positive), with ticks at 1, 2 and 5 times the
/// powers of ten between them (the powers alone when that would be more than ten ticks).
#[derive(Clone)]
pub(crate) struct LogAxis {
    lo: f64,
    hi: f64,
    inner: RangedCoordf64,
}

/// The logarithmic axis over `[lo, hi]`.
pub(crate) fn log_axis(lo: f64, hi: f64) -> LogAxis {
    LogAxis { lo, hi, inner: (lo.log10()..hi.log10()).into() }
}

impl Ranged for LogAxis {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.inner.map(&value.log10(), limit)
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            return Vec::new();
        }
        let (first, last) = (self.lo.log10().floor() as i32, self.hi.log10().ceil() as i32);
        let within = |steps: &[f64]| -> Vec<f64> {
            (first..=last)
                .flat_map(|p| steps.iter().map(move |s| s * 10f64.powi(p)))
                .filter(|v| (self.lo..=self.hi).contains(v))
                .collect()
        };
        let fine = within(&[1.0, 2.0, 5.0]);
        if fine.len() <= 10 {
            fine
        } else {
            within(&[1.0])
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.lo..self.hi
    }
}

impl ValueFormatter<f64> for LogAxis {
    fn format(value: &f64) -> String {
        tick(*value)
    }
}

/// The corner of the chart where the legend hides the least of `lines` (each a polyline in
/// data coordinates, over the ranges `x` and `y`): upper right, then lower right, upper left and
/// lower left, the first that covers the fewest points of the lines (sampled between their
/// vertices).
pub(crate) fn legend_corner(lines: &[Vec<(f64, f64)>], x: (f64, f64), y: (f64, f64)) -> SeriesLabelPosition {
    let unit = |v: f64, (lo, hi): (f64, f64)| if hi > lo { (v - lo) / (hi - lo) } else { 0.5 };
    let mut samples = Vec::new();
    for line in lines {
        for pair in line.windows(2) {
            let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
            samples.extend((0..16).map(|k| {
                let t = f64::from(k) / 16.0;
                (x0 + t * (x1 - x0), y0 + t * (y1 - y0))
            }));
        }
        samples.extend(line.last().copied());
    }
    let covered = |right: bool, upper: bool| {
        samples
            .iter()
            .filter(|&&(a, b)| {
                let (a, b) = (unit(a, x), unit(b, y));
                (if right { a > 0.6 } else { a < 0.4 }) && (if upper { b > 0.8 } else { b < 0.2 })
            })
            .count()
    };
    let corners = [
        (SeriesLabelPosition::UpperRight, true, true),
        (SeriesLabelPosition::LowerRight, true, false),
        (SeriesLabelPosition::UpperLeft, false, true),
        (SeriesLabelPosition::LowerLeft, false, false),
    ];
    let mut best = (SeriesLabelPosition::UpperRight, usize::MAX);
    for (corner, right, upper) in corners {
        let n = covered(right, upper);
        if n < best.1 {
            best = (corner, n);
        }
    }
    best.0
}

/// Draws the chart's legend in `corner`, in the one legend style of every picture.
pub(crate) fn draw_legend<'a, DB, CT>(
    chart: &mut ChartContext<'a, DB, CT>,
    corner: SeriesLabelPosition,
) -> Drawn
where
    DB: DrawingBackend + 'a,
    DB::ErrorType: 'static,
    CT: CoordTranslate,
{
    chart
        .configure_series_labels()
        .position(corner)
        .label_font((FONT, 15))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .draw()?;
    Ok(())
}

/// The range `[lo, hi]` of the finite values, padded by `pad` of its width on each side (and
/// widened when every value is the same); `None` when no value is finite.
pub(crate) fn span(values: impl IntoIterator<Item = f64>, pad: f64) -> Option<(f64, f64)> {
    let (lo, hi) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if lo > hi {
        return None;
    }
    if hi > lo {
        let width = hi - lo;
        Some((lo - pad * width, hi + pad * width))
    } else {
        let width = lo.abs().max(1.0) * 0.05;
        Some((lo - width, hi + width))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::coord::ranged1d::BoldPoints;

    #[test]
    fn short_keeps_four_significant_digits() {
        assert_eq!(short(0.912345), "0.9123");
        assert_eq!(short(-17598.4), "-17598");
        assert_eq!(short(12.5), "12.50");
        assert_eq!(short(f64::NAN), "n/a");
        assert_eq!(short(1.5e-7), "1.500e-7");
    }

    #[test]
    fn tick_drops_trailing_zeros() {
        assert_eq!(tick(0.8), "0.8");
        assert_eq!(tick(0.30000000000000004), "0.3");
        assert_eq!(tick(-17598.4), "-17600");
        assert_eq!(tick(0.0), "0");
        assert_eq!(tick(2.5e7), "2.50e7");
    }

    #[test]
    fn log_axis_ticks_at_one_two_five() {
        assert_eq!(log_axis(0.15, 12.0).key_points(BoldPoints(20)), [0.2, 0.5, 1.0, 2.0, 5.0, 10.0]);
        assert_eq!(log_axis(0.5, 5e4).key_points(BoldPoints(20)), [1.0, 10.0, 100.0, 1000.0, 10000.0]);
    }

    #[test]
    fn legend_goes_where_the_lines_are_not() {
        let falling = vec![vec![(0.0, 1.0), (1.0, 0.0)]];
        assert!(matches!(legend_corner(&falling, (0.0, 1.0), (0.0, 1.0)), SeriesLabelPosition::UpperRight));
        let rising = vec![vec![(0.0, 0.0), (1.0, 1.0)]];
        assert!(matches!(legend_corner(&rising, (0.0, 1.0), (0.0, 1.0)), SeriesLabelPosition::LowerRight));
        let both = vec![vec![(0.0, 0.0), (1.0, 1.0)], vec![(0.0, 0.05), (1.0, 0.05)]];
        assert!(matches!(legend_corner(&both, (0.0, 1.0), (0.0, 1.0)), SeriesLabelPosition::UpperLeft));
    }

    #[test]
    fn span_pads_and_widens() {
        assert_eq!(span([1.0, 3.0, f64::NAN], 0.5), Some((0.0, 4.0)));
        assert_eq!(span([2.0, 2.0], 0.0), Some((1.9, 2.1)));
        assert_eq!(span([f64::NAN], 0.1), None);
    }
}
