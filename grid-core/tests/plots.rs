//! Each picture is a valid SVG with its title, axis labels and one mark per candidate; bad
//! input is a typed error naming what is wrong; the HTML report is one file with them inline.

use grid_core::plots::{self, HalvingScore, Report};
use grid_core::results::{CandidateResult, CvResults, Scores};
use grid_core::Error;
use roxmltree::{Document, Node};

#[derive(Clone, Debug, serde::Serialize)]
struct P {
    units: u32,
    epochs: u32,
    activation: &'static str,
}

impl std::fmt::Display for P {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

/// Candidates over `units` × `epochs` × `activations`, in grid order; the score rises with
/// units and epochs, relu beats tanh; train scores when `train`.
fn results(units: &[u32], epochs: &[u32], activations: &[&'static str], train: bool) -> CvResults<P> {
    let mut candidates = Vec::new();
    for &activation in activations {
        for &e in epochs {
            for &u in units {
                let base = 0.1 * f64::from(u).log2() + 0.002 * f64::from(e)
                    - if activation == "tanh" { 0.05 } else { 0.0 };
                let splits = vec![base - 0.02, base, base + 0.02];
                candidates.push(CandidateResult {
                    index: candidates.len(),
                    params: P { units: u, epochs: e, activation },
                    grid_params: None,
                    test: vec![Scores::new(splits.clone())],
                    rank: vec![],
                    train: train.then(|| vec![Scores::new(splits.iter().map(|s| s + 0.05).collect())]),
                    fit_time: Default::default(),
                    score_time: Default::default(),
                    errors: vec![None; 3],
                });
            }
        }
    }
    let means: Vec<f64> = candidates.iter().map(|c| c.mean_test_score()).collect();
    for (c, r) in candidates.iter_mut().zip(grid_core::results::rank(&means)) {
        c.rank = vec![r];
    }
    CvResults {
        metrics: vec!["r2".into()],
        param_names: vec!["activation".into(), "epochs".into(), "units".into()],
        n_splits: 3,
        candidates,
        refit_metric: 0,
    }
}

/// Every `<text>` of the SVG.
fn texts(doc: &Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(|t| t.trim().to_string())
        .collect()
}

fn elements<'a>(doc: &'a Document<'a>, tag: &str) -> Vec<Node<'a, 'a>> {
    doc.descendants().filter(|n| n.has_tag_name(tag)).collect()
}

/// Parses `svg`, checks it is an 820×560 `<svg>` and that it shows every text of `expect`.
fn check<'a>(svg: &'a str, expect: &[&str]) -> Document<'a> {
    let doc = Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!((root.attribute("width"), root.attribute("height")), (Some("820"), Some("560")));
    let shown = texts(&doc);
    for e in expect {
        assert!(shown.iter().any(|t| t == e), "no text {e:?} among {shown:?}");
    }
    doc
}

/// The rectangles other than the white background.
fn cells<'a>(doc: &'a Document<'a>) -> Vec<Node<'a, 'a>> {
    elements(doc, "rect").into_iter().filter(|r| r.attribute("width") != Some("820")).collect()
}

#[test]
fn heatmap_has_one_cell_per_candidate_coloured_by_score() {
    let results = results(&[1, 8, 32], &[10, 20], &["relu"], false);
    let svg = results.heatmap_svg("units", "epochs").unwrap();
    let doc = check(
        &svg,
        &["Mean test r2 by units and epochs", "units", "epochs", "mean test r2", "8", "32", "20"],
    );
    let cells = cells(&doc);
    assert_eq!(cells.len(), results.len(), "one cell per candidate");
    // The best candidate (32 units, 20 epochs) is viridis' yellow, the worst its purple.
    let fills: Vec<&str> = cells.iter().filter_map(|c| c.attribute("fill")).collect();
    assert!(fills.contains(&"#FEE825") && fills.contains(&"#440154"), "{fills:?}");
    assert_eq!(fills.iter().filter(|f| **f == "#FEE825").count(), 1);
    // The scale: one band per step.
    assert_eq!(elements(&doc, "polygon").len(), 64);
    // Cells are annotated with their scores.
    let best = results.candidates.iter().map(|c| c.mean_test_score()).fold(f64::MIN, f64::max);
    assert!(texts(&doc).contains(&format!("{best:.4}")), "{best}");
    // Every cell with one number of decimals, from the largest score: 0.0200, not 0.02000.
    let worst = results.candidates.iter().map(|c| c.mean_test_score()).fold(f64::MAX, f64::min);
    assert!(texts(&doc).contains(&format!("{worst:.4}")), "{worst}");
}

#[test]
fn heatmap_cell_is_the_best_over_the_other_parameters() {
    let results = results(&[8, 16], &[10, 20, 40], &["relu", "tanh"], false);
    let svg = results.heatmap_svg("epochs", "units").unwrap();
    let doc = check(
        &svg,
        &[
            "Mean test r2 by epochs and units",
            "each cell: the best candidate among those with these two values",
        ],
    );
    assert_eq!(cells(&doc).len(), 6, "3 epochs × 2 units");
    let relu_best =
        results.candidates.iter().filter(|c| c.params.activation == "relu").map(|c| c.mean_test_score());
    let shown = texts(&doc);
    for s in relu_best {
        assert!(shown.contains(&format!("{s:.4}")), "{s} not in {shown:?}");
    }
}

#[test]
fn heatmap_errors_name_the_parameter() {
    let results = results(&[8, 16], &[10], &["relu"], false);
    let dir = std::env::temp_dir();
    match results.heatmap_svg("unit", "epochs") {
        Err(Error::InvalidParameter { name, reason }) => {
            assert_eq!(name, "unit");
            assert!(reason.contains("activation, epochs, units"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    match results.heatmap_svg("units", "epochs") {
        Err(Error::InvalidParameter { name, reason }) => {
            assert_eq!(name, "epochs");
            assert!(reason.contains("takes 1 value in the search (10)"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    let two = self::results(&[8, 16], &[10, 20], &["relu"], false);
    assert!(
        matches!(two.heatmap_svg("units", "units"), Err(Error::InvalidParameter { name, .. }) if name == "units")
    );
    let path = dir.join("gridcv-no-such-dir").join("heatmap.svg");
    match two.plot_heatmap("units", "epochs", &path) {
        Err(Error::Io { path: p, .. }) => assert_eq!(p, path),
        other => panic!("{other:?}"),
    }
}

#[test]
fn validation_curve_has_a_dot_per_value_for_train_and_test_and_two_bands() {
    let results = results(&[2, 4, 8, 16, 32], &[10], &["relu"], true);
    let svg = results.validation_curve_svg("units").unwrap();
    let doc = check(
        &svg,
        &[
            "Validation curve along units",
            "units",
            "mean r2",
            "train (mean ± std)",
            "test (mean ± std)",
            "2",
            "32",
        ],
    );
    let dots = elements(&doc, "circle");
    assert_eq!(dots.len(), 2 * results.len(), "a train and a test dot per candidate");
    assert_eq!(elements(&doc, "polygon").len(), 2, "a std band per curve");
    // The test dots rise with units (higher score, smaller y).
    let test_y: Vec<f64> = dots
        .iter()
        .filter(|c| c.attribute("fill") == Some("#1F77B4"))
        .map(|c| c.attribute("cy").unwrap().parse().unwrap())
        .collect();
    assert_eq!(test_y.len(), 5);
    assert!(test_y.windows(2).all(|w| w[1] < w[0]), "{test_y:?}");
}

#[test]
fn validation_curve_needs_train_scores_and_two_values() {
    let no_train = results(&[2, 4], &[10], &["relu"], false);
    match no_train.validation_curve_svg("units") {
        Err(Error::InvalidParameter { name, reason }) => {
            assert_eq!(name, "return_train_score");
            assert!(reason.contains("along `units`"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    let train = results(&[2, 4], &[10], &["relu"], true);
    assert!(
        matches!(train.validation_curve_svg("epochs"), Err(Error::InvalidParameter { name, .. }) if name == "epochs")
    );
    assert!(
        matches!(train.validation_curve_svg("lr"), Err(Error::InvalidParameter { name, .. }) if name == "lr")
    );
}

#[test]
fn history_draws_loss_and_val_loss_with_a_dot_per_epoch() {
    let loss = [1.0, 0.6, 0.4, 0.3, 0.25];
    let val_loss = [1.1, 0.7, 0.5, 0.45, 0.47];
    let svg = plots::history_svg(&loss, &val_loss).unwrap();
    let doc = check(
        &svg,
        &[
            "Training history of the best estimator",
            "epoch",
            "loss",
            "val_loss",
            "lowest val_loss: 0.4500 at epoch 4",
        ],
    );
    assert_eq!(elements(&doc, "circle").len(), 10, "a dot per epoch of each series");
    // Without validation data: the loss alone.
    let doc_text = plots::history_svg(&loss, &[]).unwrap();
    let doc = check(&doc_text, &["loss"]);
    assert_eq!(elements(&doc, "circle").len(), 5);
    assert!(!texts(&doc).iter().any(|t| t.contains("val_loss")));
}

#[test]
fn history_spanning_decades_has_a_log_axis() {
    let loss: Vec<f64> = (0..30).map(|e| 5000.0 * 0.8_f64.powi(e)).collect();
    let svg = plots::history_svg(&loss, &[]).unwrap();
    let doc = check(&svg, &["1000", "100", "10"]);
    assert!(!texts(&doc).contains(&"1500".to_string()));
}

#[test]
fn history_errors() {
    assert!(matches!(plots::history_svg(&[], &[]), Err(Error::Empty(_))));
    assert!(matches!(
        plots::history_svg(&[1.0, 0.5], &[1.0]),
        Err(Error::ShapeMismatch { expected: 2, got: 1, .. })
    ));
}

/// Nine values with long names, too wide to stand side by side under a picture.
const LONG_NAMES: [&str; 9] = [
    "relu",
    "tanh",
    "sigmoid_with_a_long_name",
    "leaky_relu",
    "gelu_exact",
    "linear",
    "a_very_long_activation_name_indeed",
    "softplus",
    "swish",
];

#[test]
fn crowded_labels_are_shortened_and_stand_upright() {
    let results = results(&[4, 8], &[10], &LONG_NAMES, true);
    for svg in [
        results.validation_curve_svg("activation").unwrap(),
        results.heatmap_svg("activation", "units").unwrap(),
    ] {
        let doc = check(&svg, &["relu", "a_very_long_activatio…", "sigmoid_with_a_long_n…"]);
        let labels: Vec<_> = doc
            .descendants()
            .filter(|n| {
                n.has_tag_name("text")
                    && n.text().is_some_and(|t| {
                        let t = t.trim().trim_end_matches('…');
                        !t.is_empty() && LONG_NAMES.iter().any(|l| l.starts_with(t))
                    })
            })
            .collect();
        assert_eq!(
            labels.len(),
            9,
            "one label per value: {:?}",
            labels.iter().map(|n| n.text()).collect::<Vec<_>>()
        );
        for label in labels {
            // Turned a quarter, hanging from the axis.
            assert!(label.attribute("transform").is_some_and(|t| t.starts_with("rotate(270")), "{label:?}");
            assert_eq!(label.attribute("text-anchor"), Some("end"));
        }
    }
    // A few short labels stay level.
    let level =
        self::results(&[4, 8], &[10], &["relu", "tanh"], true).validation_curve_svg("activation").unwrap();
    let doc = Document::parse(&level).unwrap();
    let relu =
        doc.descendants().find(|n| n.has_tag_name("text") && n.text().is_some_and(|t| t.trim() == "relu"));
    assert_eq!(relu.unwrap().attribute("transform"), None);
}

fn halving_rows() -> Vec<HalvingScore> {
    let row = |iter, n_resources, candidate, score| HalvingScore { iter, n_resources, candidate, score };
    let mut rows: Vec<_> = (0..9).map(|c| row(0, 10, c, 0.05 * c as f64)).collect();
    rows.extend([row(1, 30, 6, 0.5), row(1, 30, 7, 0.6), row(1, 30, 8, 0.55), row(2, 90, 7, 0.8)]);
    rows
}

#[test]
fn halving_has_a_dot_per_candidate_and_round() {
    let rows = halving_rows();
    let svg = plots::halving_svg(&rows).unwrap();
    let doc = check(
        &svg,
        &[
            "Successive halving: 9 candidates, 3 rounds",
            "round (n_resources)",
            "mean test score",
            "0 (10)",
            "2 (90)",
            "in the last round",
        ],
    );
    let dots = elements(&doc, "circle");
    assert_eq!(dots.len(), rows.len());
    // The finalist's three dots are coloured, the other ten grey.
    assert_eq!(dots.iter().filter(|c| c.attribute("fill") == Some("#1F77B4")).count(), 3);
}

#[test]
fn halving_errors() {
    assert!(matches!(plots::halving_svg(&[]), Err(Error::Empty(_))));
    let mut rows = halving_rows();
    rows[1].n_resources = 11;
    assert!(
        matches!(plots::halving_svg(&rows), Err(Error::InvalidParameter { name, .. }) if name == "n_resources")
    );
    let mut rows = halving_rows();
    rows[1].candidate = 0;
    assert!(
        matches!(plots::halving_svg(&rows), Err(Error::InvalidParameter { name, .. }) if name == "candidate")
    );
}

#[test]
fn report_is_one_html_file_with_every_picture_inline() {
    let results = results(&[4, 8, 16], &[10, 20], &["relu", "tanh"], true);
    let report = Report::new(&results)
        .title("A <test> report")
        .history(&[1.0, 0.5], &[1.2, 0.7])
        .halving(&halving_rows());
    let html = report.html().unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<h1>A &lt;test&gt; report</h1>"));
    // No file or address outside the page.
    assert!(!html.contains("src=") && !html.contains("<link") && !html.contains("<script"));
    let pictures = report.pictures().unwrap();
    let files: Vec<&str> = pictures.iter().map(|p| p.file.as_str()).collect();
    // units changes the best score most (by 0.2), then activation (0.05), then epochs (0.02);
    // then one curve per parameter, in that order.
    assert_eq!(
        files,
        [
            "heatmap_units_activation.svg",
            "validation_curve_units.svg",
            "validation_curve_activation.svg",
            "validation_curve_epochs.svg",
            "history.svg",
            "halving.svg",
        ]
    );
    let inline: Vec<&str> = html.split("<svg").skip(1).map(|s| s.split("</svg>").next().unwrap()).collect();
    assert_eq!(inline.len(), pictures.len());
    for (svg, picture) in inline.iter().zip(&pictures) {
        let svg = format!("<svg{svg}</svg>");
        Document::parse(&svg).unwrap_or_else(|e| panic!("{}: {e}", picture.file));
        assert_eq!(svg, picture.svg.trim());
    }
    // The table: a row per candidate, best first, and the best candidate's parameters.
    let body = html.split("<tbody>").nth(1).unwrap().split("</tbody>").next().unwrap();
    assert_eq!(body.matches("<tr").count(), results.len());
    assert!(
        body.starts_with("\n<tr class=\"top\"><td>1</td><td>5</td><td>relu</td><td>20</td><td>16</td>"),
        "{body}"
    );
    assert!(html.contains("<h2>Best candidate (#5)</h2>"));
}

#[test]
fn write_plots_writes_the_svgs_and_the_report() {
    let results = results(&[4, 8], &[10, 20], &["relu"], false);
    let dir = std::env::temp_dir().join(format!("gridcv-plots-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let written = plots::write_plots(&results, dir.join("nested")).unwrap();
    let names: Vec<String> =
        written.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(
        names,
        [
            "heatmap_units_epochs.svg",
            "validation_curve_units.svg",
            "validation_curve_epochs.svg",
            "report.html"
        ]
    );
    for path in &written[..3] {
        let text = std::fs::read_to_string(path).unwrap();
        Document::parse(&text).unwrap();
    }
    // Without train scores the report's curves are the test score alone.
    let curve = std::fs::read_to_string(&written[1]).unwrap();
    let doc = check(&curve, &["test (mean ± std)"]);
    assert!(!texts(&doc).iter().any(|t| t.starts_with("train")));
    assert_eq!(elements(&doc, "circle").len(), 2);
    let html = std::fs::read_to_string(&written[3]).unwrap();
    assert_eq!(html.matches("<svg").count(), 3);
    results.to_html(dir.join("to_html.html")).unwrap();
    assert_eq!(std::fs::read_to_string(dir.join("to_html.html")).unwrap(), html);
    let blocked = dir.join("a-file");
    std::fs::write(&blocked, "").unwrap();
    assert!(matches!(plots::write_plots(&results, blocked.join("sub")), Err(Error::Io { .. })));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `GRIDCV_PICTURES=DIR cargo test -p grid-core --test plots` writes this test's pictures to
/// DIR to look at them.
#[test]
fn pictures_can_be_written_for_a_look() {
    let Some(dir) = std::env::var_os("GRIDCV_PICTURES") else { return };
    let results = results(&[4, 8, 16, 32], &[10, 20, 40], &["relu", "tanh"], true);
    let dir = std::path::PathBuf::from(dir);
    Report::new(&results)
        .history(&[1.0, 0.6, 0.4], &[1.1, 0.7, 0.6])
        .halving(&halving_rows())
        .write_plots(&dir)
        .unwrap();
    let crowded = self::results(&[4, 8], &[10, 20], &LONG_NAMES, true);
    Report::new(&crowded).write_plots(dir.join("crowded")).unwrap();
}

#[test]
fn a_failed_candidate_is_a_grey_cell_marked_n_a() {
    let mut results = results(&[4, 8], &[10, 20], &["relu"], true);
    results.candidates[1].test = vec![Scores::new(vec![f64::NAN, 0.5, 0.5])];
    results.candidates[1].errors[0] = Some("training diverged".into());
    let svg = results.heatmap_svg("units", "epochs").unwrap();
    let doc = check(&svg, &["n/a"]);
    let grey: Vec<_> = cells(&doc).into_iter().filter(|c| c.attribute("fill") == Some("#C8C8C8")).collect();
    assert_eq!(grey.len(), 1);
    // Its point is left out of the curve, the others stay.
    let curve = results.validation_curve_svg("epochs").unwrap();
    let doc = check(&curve, &[]);
    assert_eq!(elements(&doc, "circle").len(), 4, "both epochs still have a finite best candidate");
    let html = Report::new(&results).html().unwrap();
    assert!(html.contains("4 candidates × 3 splits = 12 fits (1 failed)"), "{html}");
}

/// Results whose parameters are plain JSON (as a command-line tool reads them back from a
/// journal or an export) draw the same pictures.
#[test]
fn untyped_results_draw_the_same_pictures() {
    let typed = results(&[4, 8], &[10, 20], &["relu", "tanh"], true);
    let untyped = CvResults {
        metrics: typed.metrics.clone(),
        param_names: typed.param_names.clone(),
        n_splits: typed.n_splits,
        refit_metric: typed.refit_metric,
        candidates: typed
            .candidates
            .iter()
            .map(|c| CandidateResult {
                index: c.index,
                params: serde_json::to_value(&c.params).unwrap(),
                grid_params: c.grid_params.clone(),
                test: c.test.clone(),
                rank: c.rank.clone(),
                train: c.train.clone(),
                fit_time: c.fit_time,
                score_time: c.score_time,
                errors: c.errors.clone(),
            })
            .collect(),
    };
    assert_eq!(
        untyped.heatmap_svg("units", "epochs").unwrap(),
        typed.heatmap_svg("units", "epochs").unwrap()
    );
    assert_eq!(
        untyped.validation_curve_svg("activation").unwrap(),
        typed.validation_curve_svg("activation").unwrap()
    );
    assert_eq!(Report::new(&untyped).html().unwrap(), Report::new(&typed).html().unwrap());
}

/// `results` with a second metric, `loss`, that ranks the candidates the other way round
/// (its score is the negated first), refitted by `loss`.
fn refitted_by_the_second_metric(train: bool) -> CvResults<P> {
    let mut results = results(&[1, 8, 32], &[10, 20], &["relu", "tanh"], train);
    let negated = |s: &Scores| Scores::new(s.splits.iter().map(|v| -v).collect());
    for c in &mut results.candidates {
        let second = negated(&c.test[0]);
        c.test.push(second);
        if let Some(train) = &mut c.train {
            let second = negated(&train[0]);
            train.push(second);
        }
    }
    let second: Vec<f64> = results.candidates.iter().map(|c| c.test[1].mean).collect();
    for (c, r) in results.candidates.iter_mut().zip(grid_core::results::rank(&second)) {
        c.rank.push(r);
    }
    results.metrics.push("loss".into());
    results.refit_metric = 1;
    results
}

#[test]
fn pictures_draw_the_refit_metric() {
    let results = refitted_by_the_second_metric(true);
    // The heatmap: titled by the refit metric, each cell the best candidate by it.
    let svg = results.heatmap_svg("units", "epochs").unwrap();
    let doc = check(&svg, &["Mean test loss by units and epochs", "mean test loss"]);
    let shown = texts(&doc);
    // By `loss`, tanh beats relu everywhere: the cells are tanh's, not relu's.
    for c in &results.candidates {
        let score = format!("{:.4}", c.test[1].mean);
        assert_eq!(shown.contains(&score), c.params.activation == "tanh", "{score} in {shown:?}");
    }
    // The validation curve along units: the refit metric's name and scores.
    let svg = results.validation_curve_svg("units").unwrap();
    check(&svg, &["mean loss"]);
    assert!(!texts(&Document::parse(&svg).unwrap()).iter().any(|t| t.contains("r2")));
    // The report: ranks and the highlighted best row by `loss` (the worst by r2).
    let html = Report::new(&results).html().unwrap();
    assert!(html.contains("<th>rank (loss)</th>"), "{html}");
    let body = html.split("<tbody>").nth(1).unwrap();
    let best_by_loss = results.candidates.iter().find(|c| c.rank[1] == 1).unwrap();
    assert_eq!(best_by_loss.rank[0], results.len());
    assert!(
        body.starts_with(&format!("\n<tr class=\"top\"><td>1</td><td>{}</td>", best_by_loss.index)),
        "{body}"
    );
}
