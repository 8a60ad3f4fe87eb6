//! Every picture of a search, and one self-contained HTML file with the results table, the
//! best parameters and the pictures inline.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::canvas::{self, short};
use super::halving::{halving_svg, HalvingScore};
use super::history::history_svg;
use super::levels::{label, mean_test, metric, Levels};
use crate::error::{Error, Result};
use crate::grid::Params;
use crate::results::CvResults;

/// One picture of a report.
#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    /// The file name [`Report::write_plots`] gives it, e.g. `validation_curve_units.svg`.
    pub file: String,
    /// What it shows, one sentence.
    pub caption: String,
    /// The SVG text.
    pub svg: String,
}

/// The pictures and HTML report of a search.
///
/// The pictures chosen: a heatmap over the two parameters along which the best score changes
/// most, a validation curve along every parameter that takes two values or more (test only
/// when the search kept no train scores), and, when given, the training history of the best
/// estimator and the rounds of successive halving.
///
/// ```
/// use grid_core::estimator::{DummyRegressor, Strategy};
/// use grid_core::plots::Report;
/// use grid_core::search::GridSearchCV;
/// let x = ndarray::Array2::<f32>::zeros((6, 1));
/// let y = ndarray::array![1.0_f32, 2.0, 3.0, 1.0, 2.0, 9.0];
/// let grid = vec![Strategy::Mean, Strategy::Median];
/// let search = GridSearchCV::new(DummyRegressor, grid).cv(3).verbose(0).fit(&x, &y)?;
/// let report = Report::new(search.cv_results()).title("Dummy regressors").history(&[2.0, 1.0], &[]);
/// let html = report.html()?;
/// assert!(html.contains("<h1>Dummy regressors</h1>") && html.matches("<svg").count() == 2);
/// let dir = std::env::temp_dir().join("gridcv_doc_report");
/// let files = report.write_plots(&dir)?;
/// assert!(files.iter().any(|f| f.ends_with("report.html")));
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Report<'a, P> {
    results: &'a CvResults<P>,
    title: String,
    history: Option<(Vec<f64>, Vec<f64>)>,
    halving: Vec<HalvingScore>,
}

impl<'a, P: Params> Report<'a, P> {
    /// A report of `results`, titled "Grid search report".
    pub fn new(results: &'a CvResults<P>) -> Self {
        Report { results, title: "Grid search report".into(), history: None, halving: Vec::new() }
    }

    /// Sets the title of the HTML page.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }

    /// Adds the training history of the best estimator (for a network,
    /// `search.best_estimator()?.history()`'s `loss` and `val_loss`).
    pub fn history(mut self, loss: &[f64], val_loss: &[f64]) -> Self {
        self.history = Some((loss.to_vec(), val_loss.to_vec()));
        self
    }

    /// Adds the rounds of a successive-halving search.
    pub fn halving(mut self, scores: &[HalvingScore]) -> Self {
        self.halving = scores.to_vec();
        self
    }

    /// The pictures, in the order of the report.
    pub fn pictures(&self) -> Result<Vec<Picture>> {
        let results = self.results;
        let varying = varying(results);
        let mut pictures = Vec::new();
        if let [(x, _), (y, _), ..] = varying.as_slice() {
            pictures.push(Picture {
                file: format!("heatmap_{x}_{y}.svg"),
                caption: format!(
                    "Mean test {} over {x} and {y}, the two parameters that change it most.",
                    metric(results)
                ),
                svg: results.heatmap_svg(x, y)?,
            });
        }
        let has_train = results.candidates.iter().any(|r| r.train.is_some());
        for (name, _) in &varying {
            pictures.push(Picture {
                file: format!("validation_curve_{name}.svg"),
                caption: if has_train {
                    format!("Train and test scores along {name}.")
                } else {
                    format!("Test score along {name} (the search kept no train scores).")
                },
                svg: super::curve::svg(results, name, false)?,
            });
        }
        if let Some((loss, val_loss)) = &self.history {
            pictures.push(Picture {
                file: "history.svg".into(),
                caption: "Loss per epoch of the best estimator, refitted on all the data.".into(),
                svg: history_svg(loss, val_loss)?,
            });
        }
        if !self.halving.is_empty() {
            pictures.push(Picture {
                file: "halving.svg".into(),
                caption: "Each candidate's score in every round of successive halving it reached.".into(),
                svg: halving_svg(&self.halving)?,
            });
        }
        Ok(pictures)
    }

    /// The HTML page: one file, the pictures inline, no script and nothing fetched.
    pub fn html(&self) -> Result<String> {
        let pictures = self.pictures()?;
        let results = self.results;
        let mut out = String::new();
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n\
             <style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
            escape(&self.title),
            escape(&self.title)
        );
        let fits = results.len() * results.n_splits;
        let failed: usize = results.candidates.iter().map(|r| r.errors.iter().flatten().count()).sum();
        let _ = writeln!(
            out,
            "<p>{} candidates × {} splits = {fits} fits ({failed} failed); scored by {}.</p>",
            results.len(),
            results.n_splits,
            escape(&results.metrics.join(", "))
        );
        self.best(&mut out);
        if !pictures.is_empty() {
            out.push_str("<h2>Pictures</h2>\n");
        }
        for p in &pictures {
            let _ = writeln!(
                out,
                "<figure>\n{}\n<figcaption>{}</figcaption>\n</figure>",
                p.svg.trim(),
                escape(&p.caption)
            );
        }
        self.table(&mut out);
        out.push_str("</body>\n</html>\n");
        Ok(out)
    }

    /// Writes [`html`](Self::html) to `path`.
    pub fn write_html(&self, path: impl AsRef<Path>) -> Result<()> {
        canvas::write(path.as_ref(), &self.html()?)
    }

    /// Writes every picture as an SVG file and the report as `report.html` into `dir` (made if
    /// missing); returns the paths written, the report last.
    pub fn write_plots(&self, dir: impl AsRef<Path>) -> Result<Vec<PathBuf>> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|source| Error::Io { path: dir.to_path_buf(), source })?;
        let mut written = Vec::new();
        for p in self.pictures()? {
            let path = dir.join(&p.file);
            canvas::write(&path, &p.svg)?;
            written.push(path);
        }
        let path = dir.join("report.html");
        self.write_html(&path)?;
        written.push(path);
        Ok(written)
    }

    /// The best candidate: its parameters and scores.
    fn best(&self, out: &mut String) {
        let results = self.results;
        let Some(best) = results.ranked().into_iter().next() else { return };
        let _ = writeln!(out, "<h2>Best candidate (#{})</h2>\n<table class=\"best\">", best.index);
        for name in &results.param_names {
            let value = results.grid_param(best, name).map_or("—".to_string(), |v| label(&v));
            let _ = writeln!(out, "<tr><th>{}</th><td>{}</td></tr>", escape(name), escape(&value));
        }
        for (m, scores) in results.metrics.iter().zip(&best.test) {
            let _ = writeln!(
                out,
                "<tr><th>mean test {}</th><td>{} ± {}</td></tr>",
                escape(m),
                short(scores.mean),
                short(scores.std)
            );
        }
        out.push_str("</table>\n");
    }

    /// Every candidate, best first.
    fn table(&self, out: &mut String) {
        let results = self.results;
        let has_train = results.candidates.iter().any(|r| r.train.is_some());
        out.push_str("<h2>All candidates</h2>\n<table class=\"results\">\n<thead><tr>");
        let _ = write!(out, "<th>rank ({})</th><th>#</th>", escape(metric(results)));
        for name in &results.param_names {
            let _ = write!(out, "<th>{}</th>", escape(name));
        }
        for m in &results.metrics {
            let _ = write!(out, "<th>mean test {}</th>", escape(m));
            if has_train {
                let _ = write!(out, "<th>mean train {}</th>", escape(m));
            }
        }
        out.push_str("<th>fit time (s)</th><th>failed fits</th></tr></thead>\n<tbody>\n");
        for row in results.ranked() {
            // Ranked, as the rows are ordered, by the refit metric.
            let by_refit = row.rank.get(results.refit_metric);
            let rank = by_refit.map_or("-".to_string(), usize::to_string);
            let class = if by_refit == Some(&1) { " class=\"top\"" } else { "" };
            let _ = write!(out, "<tr{class}><td>{rank}</td><td>{}</td>", row.index);
            for name in &results.param_names {
                let value = results.grid_param(row, name).map_or(String::new(), |v| label(&v));
                let _ = write!(out, "<td>{}</td>", escape(&value));
            }
            for m in 0..results.metrics.len() {
                let cell = |s: Option<&crate::results::Scores>| {
                    s.map_or(String::new(), |s| format!("{} ± {}", short(s.mean), short(s.std)))
                };
                let _ = write!(out, "<td>{}</td>", cell(row.test.get(m)));
                if has_train {
                    let _ = write!(out, "<td>{}</td>", cell(row.train.as_ref().and_then(|t| t.get(m))));
                }
            }
            let failed = row.errors.iter().flatten().count();
            let _ = writeln!(out, "<td>{:.3}</td><td>{failed}</td></tr>", row.fit_time.mean);
        }
        out.push_str("</tbody>\n</table>\n");
    }
}

/// Writes every picture of `results` and `report.html` into `dir` (what
/// `gridcv report --plots DIR` does); returns the paths written.
///
/// ```
/// use grid_core::estimator::{DummyRegressor, Strategy};
/// use grid_core::search::GridSearchCV;
/// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![1.0_f32, 2.0, 3.0, 4.0]);
/// let search = GridSearchCV::new(DummyRegressor, vec![Strategy::Mean, Strategy::Median]).cv(2).verbose(0).fit(&x, &y)?;
/// let files = grid_core::plots::write_plots(search.cv_results(), std::env::temp_dir().join("gridcv_doc_plots"))?;
/// assert_eq!(files.len(), 2); // the validation curve along `value`, and the report
/// # Ok::<(), grid_core::Error>(())
/// ```
pub fn write_plots<P: Params>(results: &CvResults<P>, dir: impl AsRef<Path>) -> Result<Vec<PathBuf>> {
    Report::new(results).write_plots(dir)
}

impl<P: Params> CvResults<P> {
    /// Writes the HTML report of these results ([`Report`] with its defaults) to `path`.
    ///
    /// ```
    /// use grid_core::estimator::{DummyRegressor, Strategy};
    /// use grid_core::search::GridSearchCV;
    /// let (x, y) = (ndarray::Array2::<f32>::zeros((4, 1)), ndarray::array![1.0_f32, 2.0, 3.0, 4.0]);
    /// let search = GridSearchCV::new(DummyRegressor, vec![Strategy::Mean, Strategy::Median]).cv(2).verbose(0).fit(&x, &y)?;
    /// let path = std::env::temp_dir().join("gridcv_doc_report.html");
    /// search.cv_results().to_html(&path)?;
    /// assert!(std::fs::read_to_string(&path)?.contains("<h2>All candidates</h2>"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_html(&self, path: impl AsRef<Path>) -> Result<()> {
        Report::new(self).write_html(path)
    }
}

/// The parameters that take two values or more, with how much the best score changes along
/// each (the best score at its best value less the best at its worst), most first; ties keep
/// the order of the parameters.
fn varying<P: Params>(results: &CvResults<P>) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    for name in &results.param_names {
        let Ok(levels) = Levels::of(results, name) else { continue };
        if levels.len() < 2 {
            continue;
        }
        let mut best = vec![f64::NEG_INFINITY; levels.len()];
        for row in &results.candidates {
            if let Some(i) = levels.position(results, row) {
                let s = mean_test(results, row);
                if s.is_finite() && s > best[i] {
                    best[i] = s;
                }
            }
        }
        let finite: Vec<f64> = best.into_iter().filter(|s| s.is_finite()).collect();
        let spread = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max)
            - finite.iter().copied().fold(f64::INFINITY, f64::min);
        out.push((name.clone(), if spread.is_finite() { spread } else { 0.0 }));
    }
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    out
}

/// Text as HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

const STYLE: &str = "body{font-family:sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222}\
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em}\
figure{margin:1.5em 0}figure svg{max-width:100%;height:auto;border:1px solid #ddd}\
figcaption{color:#555;font-size:.95em}\
table{border-collapse:collapse;font-size:.9em}th,td{padding:.25em .6em;border-bottom:1px solid #e4e4e4;text-align:left}\
table.results td{font-variant-numeric:tabular-nums}tr.top{background:#eef5fb}\
table.best th{font-weight:normal;color:#555}";
