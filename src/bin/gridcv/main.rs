//! `gridcv`: the journals of a search, read from the command line.
//!
//! `gridcv report JOURNAL...` prints the results table, the best parameters and how far the
//! search is (`--plots DIR` also draws it); `gridcv merge JOURNAL... --out results.csv|.json` writes the merged
//! `cv_results`. Errors are one line naming the file, with exit code 1.

mod merge;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Reads the journals of a gridcv search (one per shard, or one): reports on them, merges them.
#[derive(Debug, Parser)]
#[command(name = "gridcv", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Prints the results table, the best parameters and the cells done, failed and left,
    /// with an estimate of the time left.
    Report {
        /// The journals of one search (JSON Lines files written by `GridSearchCV::journal`).
        #[arg(required = true)]
        journals: Vec<PathBuf>,
        /// Also write the pictures of the search (SVG: heatmap, validation curves) and a
        /// self-contained HTML report (`report.html`) into this directory.
        #[arg(long, value_name = "DIR")]
        plots: Option<PathBuf>,
    },
    /// Merges the journals of every shard into one `cv_results`, as one process would have
    /// computed it; a cell no journal holds is an error naming it.
    Merge {
        /// The journals of one search, one per shard.
        #[arg(required = true)]
        journals: Vec<PathBuf>,
        /// Where to write `cv_results`: `.csv` (pandas' `to_csv` layout) or `.json`.
        #[arg(long)]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Report { journals, plots } => report::run(journals, plots.as_deref()),
        Command::Merge { journals, out } => merge::run(journals, out),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gridcv: {}", e.full_message());
            ExitCode::FAILURE
        }
    }
}
