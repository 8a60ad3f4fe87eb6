//! `gridcv merge`: every shard's journal into one `cv_results` file.

use std::path::{Path, PathBuf};

use gridcv::journal::JournalSet;
use gridcv::{Error, Result};

/// Merges `journals` and writes `out` (its extension picks CSV or JSON).
pub fn run(journals: &[PathBuf], out: &Path) -> Result<()> {
    let format = out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if !matches!(format.as_deref(), Some("csv" | "json")) {
        return Err(Error::invalid(
            "--out",
            format!("{}: the file must end in .csv or .json", out.display()),
        ));
    }
    let set = JournalSet::read(journals)?;
    for w in set.warnings() {
        eprintln!("warning: {w}");
    }
    let merged = set.merge()?;
    match format.as_deref() {
        Some("json") => merged.cv_results.to_json(out)?,
        _ => merged.cv_results.to_csv(out)?,
    }
    let metric = &merged.cv_results.metrics[merged.refit_metric];
    let best = merged.best();
    println!(
        "merged {} journals: {} candidates x {} splits -> {}",
        set.files().len(),
        merged.cv_results.len(),
        merged.cv_results.n_splits,
        out.display()
    );
    println!(
        "best: candidate {} {} (mean_test_{metric} {})",
        merged.best_index, best.params, best.test[merged.refit_metric].mean
    );
    Ok(())
}
