//! The journal, shards and merge, end to end: a search killed with SIGKILL and resumed, three
//! shard processes side by side merged, torn and damaged lines, fingerprint mismatches, paths
//! that cannot be written. Child processes are this test binary itself, running the ignored
//! test `child_search` with its instructions in the environment.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use grid_core::estimator::{DummyModel, Estimator, Task, TrainSet};
use grid_core::journal::JournalSet;
use grid_core::results::CvResults;
use grid_core::search::{FittedSearch, GridSearchCV};
use grid_core::{Error, Result};
use ndarray::{Array1, Array2};

/// Predicts its parameter plus a little of its fit's seed (so that results show every fit
/// got its own seed), after sleeping; a negative parameter fails. Counts its fits.
#[derive(Clone, Default)]
struct Slow {
    delay_ms: u64,
    fits: Arc<AtomicUsize>,
}

impl Estimator<f64, Array1<f32>> for Slow {
    type Fitted = DummyModel;

    fn task(&self) -> Task {
        Task::Regression
    }

    fn fit(&self, param: &f64, data: &TrainSet<'_, Array1<f32>>) -> Result<DummyModel> {
        std::thread::sleep(Duration::from_millis(self.delay_ms));
        self.fits.fetch_add(1, Ordering::SeqCst);
        if *param < 0.0 {
            return Err(Error::invalid("param", "negative"));
        }
        let mean = data.y().iter().sum::<f32>() / data.y().len() as f32;
        Ok(DummyModel(mean * *param as f32 + (data.seed() % 1000) as f32 * 1e-4))
    }
}

fn data() -> (Array2<f32>, Array1<f32>) {
    let y: Array1<f32> = (0..12).map(|i| ((i * 7) % 5) as f32).collect();
    (Array2::zeros((12, 1)), y)
}

fn grid() -> Vec<f64> {
    vec![0.5, 1.0, -1.0, 0.9, 1.1, 0.0, 1.5, 0.8]
}

fn search(est: &Slow, grid: Vec<f64>, journal: &Path) -> GridSearchCV<Slow, Vec<f64>> {
    GridSearchCV::new(est.clone(), grid).cv(3).seed(7).n_jobs(1).verbose(0).journal(journal)
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gridcv-journal-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Everything of the results but the measured times, compared exactly (bit for bit).
fn assert_same_results(a: &CvResults<f64>, b: &CvResults<f64>) {
    assert_eq!((&a.metrics, &a.param_names, a.n_splits), (&b.metrics, &b.param_names, b.n_splits));
    assert_eq!(a.candidates.len(), b.candidates.len());
    for (ra, rb) in a.candidates.iter().zip(&b.candidates) {
        let bits = |r: &grid_core::results::CandidateResult<f64>| -> Vec<u64> {
            r.test
                .iter()
                .flat_map(|s| s.splits.iter().chain([&s.mean, &s.std]).map(|v| v.to_bits()))
                .collect()
        };
        assert_eq!(bits(ra), bits(rb), "candidate {}", ra.index);
        assert_eq!((ra.index, ra.params, &ra.rank, &ra.errors), (rb.index, rb.params, &rb.rank, &rb.errors));
    }
}

fn assert_same_search(
    a: &FittedSearch<f64, DummyModel, Array1<f32>>,
    b: &FittedSearch<f64, DummyModel, Array1<f32>>,
) {
    assert_same_results(a.cv_results(), b.cv_results());
    assert_eq!(a.best_index(), b.best_index());
    assert_eq!(a.best_estimator().unwrap().0.to_bits(), b.best_estimator().unwrap().0.to_bits());
}

fn fit_lines(path: &Path) -> usize {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.split_inclusive('\n').filter(|l| l.ends_with('\n') && l.contains("\"kind\":\"fit\"")).count()
}

/// Starts this test binary as a child running `child_search` with `vars`.
fn spawn_child(vars: &[(&str, String)]) -> Child {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command.args(["--ignored", "--exact", "child_search", "--test-threads", "1", "--quiet"]);
    for (k, v) in vars {
        command.env(k, v);
    }
    command.stdout(std::process::Stdio::null());
    command.spawn().unwrap()
}

/// The search a child process runs: the whole search with a journal, or one shard of it.
#[test]
#[ignore = "run by the other tests as a child process"]
fn child_search() {
    let journal = PathBuf::from(std::env::var("GRIDCV_TEST_JOURNAL").expect("run by the journal tests"));
    let delay_ms = std::env::var("GRIDCV_TEST_DELAY_MS").unwrap().parse().unwrap();
    let est = Slow { delay_ms, ..Slow::default() };
    let (x, y) = data();
    let search = search(&est, grid(), &journal).shard_from_env(Some(3)).unwrap();
    if std::env::var("JOB_COMPLETION_INDEX").is_ok() {
        let run = search.fit_shard(&x, &y).unwrap();
        assert_eq!(run.ran + run.already_done, run.cells);
    } else {
        search.fit(&x, &y).unwrap();
    }
}

#[test]
fn a_search_killed_mid_fits_resumes_with_identical_results_and_refits_nothing_done() {
    let dir = temp_dir("kill");
    let journal = dir.join("search.jsonl");
    let (x, y) = data();
    let mut child = spawn_child(&[
        ("GRIDCV_TEST_JOURNAL", journal.display().to_string()),
        ("GRIDCV_TEST_DELAY_MS", "40".into()),
    ]);
    let start = Instant::now();
    while fit_lines(&journal) < 8 {
        assert!(start.elapsed() < Duration::from_secs(60), "the child wrote no journal");
        assert!(child.try_wait().unwrap().is_none(), "the child finished before it was killed");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let done = fit_lines(&journal);
    assert!((8..24).contains(&done), "{done} fits journaled before the kill");

    let resumed_est = Slow::default();
    let resumed = search(&resumed_est, grid(), &journal).fit(&x, &y).unwrap();
    // Only the cells the journal lacked ran again, plus the refit.
    assert_eq!(resumed_est.fits.load(Ordering::SeqCst), 24 - done + 1);
    eprintln!("killed with {done} of 24 fits journaled; the rerun fitted {} cells and the refit", 24 - done);

    let fresh = search(&Slow::default(), grid(), &dir.join("fresh.jsonl")).fit(&x, &y).unwrap();
    let plain =
        GridSearchCV::new(Slow::default(), grid()).cv(3).seed(7).n_jobs(2).verbose(0).fit(&x, &y).unwrap();
    assert_same_search(&resumed, &fresh);
    assert_same_search(&resumed, &plain);
    // A third run reads every cell back, times included.
    let again_est = Slow::default();
    let again = search(&again_est, grid(), &journal).fit(&x, &y).unwrap();
    assert_eq!(again_est.fits.load(Ordering::SeqCst), 1);
    // Debug prints floats exactly (shortest round-trip form), and NaN equal to NaN.
    assert_eq!(format!("{:?}", again.cv_results()), format!("{:?}", resumed.cv_results()));
    assert!(resumed.cv_results().candidates[2].errors.iter().all(Option::is_some));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn three_shard_processes_side_by_side_merge_to_one_process_results() {
    let dir = temp_dir("shards");
    let base = dir.join("grid.jsonl");
    let (x, y) = data();
    let children: Vec<Child> = (0..3)
        .map(|i| {
            spawn_child(&[
                ("GRIDCV_TEST_JOURNAL", base.display().to_string()),
                ("GRIDCV_TEST_DELAY_MS", "5".into()),
                ("JOB_COMPLETION_INDEX", i.to_string()),
            ])
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let journals: Vec<PathBuf> = (0..3).map(|i| dir.join(format!("grid.shard-{i}-of-3.jsonl"))).collect();
    assert_eq!(journals.iter().map(|j| fit_lines(j)).collect::<Vec<_>>(), [8, 8, 8]);

    let est = Slow::default();
    let merged = search(&est, grid(), &base).merge_journals(&journals, &x, &y).unwrap();
    assert_eq!(est.fits.load(Ordering::SeqCst), 1, "a merge fits only the refit");
    let one = GridSearchCV::new(Slow::default(), grid()).cv(3).seed(7).verbose(0).fit(&x, &y).unwrap();
    assert_same_search(&merged, &one);

    // Without types: the same columns, bit for bit, but for the measured times.
    let set = JournalSet::read(&journals).unwrap();
    let untyped = set.merge().unwrap();
    assert_eq!(untyped.best_index, one.best_index());
    let strip = |csv: String| -> Vec<String> {
        csv.lines().map(|l| l.split(',').skip(4).collect::<Vec<_>>().join(",")).collect()
    };
    assert_eq!(strip(untyped.cv_results.to_csv_string()), strip(one.cv_results().to_csv_string()));
    let summary = set.summary();
    assert_eq!((summary.done, summary.failed, summary.left, summary.cells), (24, 3, 0, 24));

    // Two shards of three: the missing cells are named, never averaged over.
    let err = search(&est, grid(), &base).merge_journals(&journals[..2], &x, &y).unwrap_err();
    match &err {
        Error::MissingCells { count: 8, total: 24, cells } => {
            assert!(cells.starts_with("candidate 0 0.5 split 2; candidate 1 1 split 2"), "{cells}")
        }
        other => panic!("{other}"),
    }
    let err = JournalSet::read(&journals[1..]).unwrap().merge().unwrap_err();
    assert!(err.to_string().starts_with("8 of 24 fits have no result in the journals: candidate 0"), "{err}");
    assert_eq!(JournalSet::read(&journals[1..]).unwrap().summary().left, 0);
    std::fs::remove_dir_all(dir).ok();
}

/// A finished journal of the standard search in a fresh directory.
fn finished_journal(name: &str) -> (PathBuf, PathBuf, FittedSearch<f64, DummyModel, Array1<f32>>) {
    let dir = temp_dir(name);
    let journal = dir.join("search.jsonl");
    let (x, y) = data();
    let first = search(&Slow::default(), grid(), &journal).fit(&x, &y).unwrap();
    (dir, journal, first)
}

#[test]
fn a_torn_last_line_is_reported_and_its_fit_runs_again() {
    let (dir, journal, first) = finished_journal("torn");
    let text = std::fs::read_to_string(&journal).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let last = lines.len();
    let torn = format!("{}\n{}", lines[..last - 1].join("\n"), &lines[last - 1][..40]);
    std::fs::write(&journal, torn).unwrap();

    let (x, y) = data();
    let est = Slow::default();
    let resumed = search(&est, grid(), &journal).fit(&x, &y).unwrap();
    assert_eq!(est.fits.load(Ordering::SeqCst), 2, "the torn cell and the refit");
    let warning = resumed.warnings().iter().find(|w| w.contains("incomplete")).expect("a warning");
    assert!(warning.contains(&format!("line {last} is incomplete")), "{warning}");
    assert_same_search(&resumed, &first);
    // The fragment is gone: every line of the journal parses.
    let text = std::fs::read_to_string(&journal).unwrap();
    assert!(text.ends_with('\n'));
    assert!(text.lines().all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()));
    assert_eq!(fit_lines(&journal), 24);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_damaged_middle_line_is_an_error_naming_it() {
    let (dir, journal, _) = finished_journal("damaged");
    let text = std::fs::read_to_string(&journal).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    lines[4] = lines[4].replace("\"test\":[", "\"test\":[oops");
    std::fs::write(&journal, lines.join("\n") + "\n").unwrap();
    let (x, y) = data();
    let est = Slow::default();
    let err = search(&est, grid(), &journal).fit(&x, &y).unwrap_err();
    assert!(matches!(&err, Error::Journal { line: Some(5), .. }), "{err}");
    assert!(
        err.to_string().starts_with(&format!("journal {}, line 5: damaged line", journal.display())),
        "{err}"
    );
    assert_eq!(est.fits.load(Ordering::SeqCst), 0);
    let err = JournalSet::read(&[&journal]).unwrap_err();
    assert!(matches!(err, Error::Journal { line: Some(5), .. }));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_journal_of_another_grid_settings_or_data_is_an_error_naming_the_fingerprint() {
    let (dir, journal, first) = finished_journal("mismatch");
    let (x, y) = data();
    let est = Slow::default();
    let which = |err: Error| match err {
        Error::FingerprintMismatch { which, detail, .. } => (which, detail),
        other => panic!("{other}"),
    };
    let mut more = grid();
    more.push(1.2);
    let (w, detail) = which(search(&est, more.clone(), &journal).fit(&x, &y).unwrap_err());
    assert_eq!(w, "grid");
    assert!(detail.contains("reuse_matching_cells(true)"), "{detail}");
    let (w, detail) = which(search(&est, grid(), &journal).seed(8).fit(&x, &y).unwrap_err());
    assert_eq!(w, "settings");
    assert!(detail.contains("seed (journal: 7, search: 8)"), "{detail}");
    let (w, detail) = which(
        search(&est, grid(), &journal)
            .scoring(grid_core::metrics::Scoring::NegMeanAbsoluteError)
            .fit(&x, &y)
            .unwrap_err(),
    );
    assert_eq!(w, "settings");
    assert!(detail.contains("scoring"), "{detail}");
    let y2 = y.mapv(|v| v + 1.0);
    let (w, _) = which(search(&est, grid(), &journal).fit(&x, &y2).unwrap_err());
    assert_eq!(w, "data");
    // Reuse does not apply when the data changed: fits depend on it.
    let (w, _) = which(search(&est, grid(), &journal).reuse_matching_cells(true).fit(&x, &y2).unwrap_err());
    assert_eq!(w, "data");
    assert_eq!(est.fits.load(Ordering::SeqCst), 0, "no fit before the check");

    // A grid that gained a value reuses every old cell and fits only the new candidate.
    let reused = search(&est, more.clone(), &journal).reuse_matching_cells(true).fit(&x, &y).unwrap();
    assert_eq!(est.fits.load(Ordering::SeqCst), 3 + 1);
    assert!(reused.warnings().iter().any(|w| w.contains("24 of its 24 fits")));
    for (a, b) in first.cv_results().candidates.iter().zip(&reused.cv_results().candidates) {
        assert_eq!(format!("{:?}", (a.params, &a.test)), format!("{:?}", (b.params, &b.test)));
    }
    assert!(dir.join("search.jsonl.before-reuse").exists());
    // The rewritten journal is the new grid's: a rerun fits nothing but the refit.
    let est = Slow::default();
    let again = search(&est, more, &journal).fit(&x, &y).unwrap();
    assert_eq!(est.fits.load(Ordering::SeqCst), 1);
    assert_eq!(format!("{:?}", again.cv_results()), format!("{:?}", reused.cv_results()));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn an_unwritable_or_full_journal_path_is_an_error_before_any_fit() {
    let dir = temp_dir("readonly");
    let (x, y) = data();
    let est = Slow::default();
    let locked = dir.join("locked");
    std::fs::create_dir_all(&locked).unwrap();
    let mut perms = std::fs::metadata(&locked).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o555);
    std::fs::set_permissions(&locked, perms).unwrap();
    // As root, permissions do not stop writes: /proc refuses new files to everyone.
    let read_only_dir = if std::fs::write(locked.join("probe"), "x").is_ok() {
        PathBuf::from("/proc")
    } else {
        locked.clone()
    };
    let err = search(&est, grid(), &read_only_dir.join("search.jsonl")).fit(&x, &y).unwrap_err();
    assert!(matches!(&err, Error::Io { path, .. } if path.starts_with(&read_only_dir)), "{err}");
    // A full device: the header cannot be written.
    let err = search(&est, grid(), Path::new("/dev/full")).fit(&x, &y).unwrap_err();
    match &err {
        Error::Io { path, source } => {
            assert_eq!(path, Path::new("/dev/full"));
            assert_eq!(source.kind(), std::io::ErrorKind::StorageFull);
        }
        other => panic!("{other}"),
    }
    assert_eq!(est.fits.load(Ordering::SeqCst), 0);
    let mut perms = std::fs::metadata(&locked).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&locked, perms).unwrap();
    std::fs::remove_dir_all(dir).ok();
}
