//! One grid over many machines: the seed network's search cut into shards, one per Slurm
//! array task or Kubernetes Indexed Job pod, each journaling its own cells to a shared
//! directory, then merged with `gridcv merge`. See `examples/cluster/` and the README.
//!
//! ```text
//! cluster_search shard DIR     # this process's shard (from SLURM_ARRAY_* or
//!                              # JOB_COMPLETION_INDEX + GRIDCV_SHARDS), journal DIR/search.jsonl
//! cluster_search single OUT    # the same search in one process, cv_results written to OUT
//! ```
//!
//! Run: `cargo run --release --example cluster_search -- single results.csv`

use std::path::PathBuf;

use gridcv::prelude::*;

/// The seed's network: one hidden layer of 10 ReLU units, one linear output.
#[tunable]
pub fn create_model(
    meta: &Meta,
    #[default(10)] units: usize,
    #[default(Relu)] activation: Activation,
) -> Sequential {
    Sequential::new(meta.n_features).dense(units, activation).dense(1, Activation::Linear)
}

fn main() -> gridcv::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), Some(path)) = (args.first(), args.get(1)) else {
        return Err(Error::invalid("arguments", "usage: cluster_search shard DIR | single OUT"));
    };
    let data = datasets::make_regression(100, 5).noise(0.1).seed(42).build()?;
    let grid = grid!(create_model { batch_size: [10, 20, 30], epochs: [10, 20], optimizer: [Adam, Sgd] });
    let search = GridSearchCV::new(NeuralRegressor::new(), grid)
        .cv(3)
        .scoring(Scoring::NegMeanSquaredError)
        .seed(42)
        .n_jobs(1)
        .verbose(0);
    match mode.as_str() {
        "shard" => {
            // Kubernetes does not export the number of completions: the manifest sets it.
            let count = std::env::var("GRIDCV_SHARDS").ok().and_then(|c| c.parse().ok());
            let search = search.journal(PathBuf::from(path).join("search.jsonl")).shard_from_env(count)?;
            let run = search.fit_shard(&data.x, &data.y)?;
            println!(
                "shard {} of {}: {} cells, {} already in {}, {} fitted now, {} failed",
                run.shard.index,
                run.shard.count,
                run.cells,
                run.already_done,
                run.journal.display(),
                run.ran,
                run.failed
            );
        }
        "single" => {
            let fitted = search.fit(&data.x, &data.y)?;
            fitted.cv_results().to_csv(path)?;
            println!("one process: best {} using {} -> {path}", fitted.best_score(), fitted.best_params());
        }
        other => return Err(Error::invalid("mode", format!("`{other}`: expected `shard` or `single`"))),
    }
    Ok(())
}
