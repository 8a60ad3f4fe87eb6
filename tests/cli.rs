//! The `gridcv` command: `report` and `merge` on journals written by a search, its one-line
//! errors with exit code 1, and `--help` on every subcommand.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use gridcv::estimator::{DummyRegressor, Strategy};
use gridcv::prelude::*;

fn gridcv(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gridcv")).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gridcv-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn grid() -> Vec<Strategy> {
    vec![Strategy::Mean, Strategy::Median, Strategy::Constant(2.0), Strategy::Constant(9.0)]
}

fn data() -> (ndarray::Array2<f32>, ndarray::Array1<f32>) {
    (ndarray::Array2::zeros((9, 1)), ndarray::array![1.0_f32, 2.0, 3.0, 1.0, 2.0, 9.0, 2.0, 2.0, 4.0])
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn merge_writes_the_cv_results_of_the_search_and_report_shows_progress() {
    let dir = dir("merge");
    let (x, y) = data();
    let journal = dir.join("s.jsonl");
    let search = GridSearchCV::new(DummyRegressor, grid()).cv(3).n_jobs(1).verbose(0).journal(&journal);
    let one = search.fit(&x, &y).unwrap();

    let csv = dir.join("out.csv");
    let out = gridcv(&["merge", path(&journal), "--out", path(&csv)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Same journal, same times: the whole file is the search's own export.
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), one.cv_results().to_csv_string());
    assert!(text(&out.stdout).contains("best: candidate 1 "), "{}", text(&out.stdout));
    let json = dir.join("out.json");
    assert!(gridcv(&["merge", path(&journal), "--out", path(&json)]).status.success());
    let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(value, one.cv_results().to_json_value());

    let report = gridcv(&["report", path(&journal)]);
    let stdout = text(&report.stdout);
    assert!(report.status.success());
    assert!(stdout.contains("4 candidates x 3 splits = 12 fits\ndone 12 (failed 0), left 0\n"), "{stdout}");
    assert!(
        // The parameters as the journal stores them (JSON), shown bare: the search's best.
        stdout.contains(&format!("best params: {:?} (mean_test_r2", one.best_params()))
            && stdout.contains("  Median\n"),
        "{stdout}"
    );

    // `--plots DIR`: the pictures of the merged results and the HTML report, files named.
    let plots = dir.join("plots");
    let drawn = gridcv(&["report", path(&journal), "--plots", path(&plots)]);
    assert!(drawn.status.success(), "{}", text(&drawn.stderr));
    let report_html = plots.join("report.html");
    assert!(
        text(&drawn.stdout).contains(&format!("wrote {}", report_html.display())),
        "{}",
        text(&drawn.stdout)
    );
    let html = std::fs::read_to_string(&report_html).unwrap();
    assert!(html.contains("<svg") && !html.contains("<script"), "one self-contained file");

    // Half a journal: counts, a time estimate, the complete candidates only.
    let full = std::fs::read_to_string(&journal).unwrap();
    let half: String = full.lines().take(2 + 6).map(|l| format!("{l}\n")).collect();
    let partial = dir.join("half.jsonl");
    std::fs::write(&partial, half).unwrap();
    let stdout = text(&gridcv(&["report", path(&partial)]).stdout);
    assert!(stdout.contains("done 6 (failed 0), left 6\ntime left: about"), "{stdout}");
    assert!(stdout.contains("best params so far: "), "{stdout}");
    let out = gridcv(&["merge", path(&partial), "--out", path(&csv)]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "gridcv: 6 of 12 fits have no result in the journals: candidate 2 split 0; candidate 2 split 1; \
         candidate 2 split 2; candidate 3 split 0; candidate 3 split 1; candidate 3 split 2\n"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn errors_are_one_line_naming_the_file_with_exit_code_1() {
    let dir = dir("errors");
    let missing = dir.join("missing.jsonl");
    let out = gridcv(&["report", path(&missing)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1);
    let named = format!("gridcv: cannot read or write `{}`: ", missing.display());
    assert!(stderr.starts_with(&named), "{stderr}");

    let damaged = dir.join("damaged.jsonl");
    std::fs::write(&damaged, "{\"kind\":\"header\"}\n").unwrap();
    let out = gridcv(&["merge", path(&damaged), "--out", path(&dir.join("o.csv"))]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(&format!("gridcv: journal {}, line 1: damaged line", damaged.display())),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);

    let out = gridcv(&["merge", path(&damaged), "--out", "results.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("results.txt: the file must end in .csv or .json"));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn every_subcommand_has_help() {
    for args in [&["--help"][..], &["report", "--help"], &["merge", "--help"]] {
        let out = gridcv(args);
        assert!(out.status.success(), "{args:?}");
        assert!(text(&out.stdout).contains("Usage: gridcv"), "{args:?}");
    }
    assert!(text(&gridcv(&["merge", "--help"]).stdout).contains("--out <OUT>"));
}
