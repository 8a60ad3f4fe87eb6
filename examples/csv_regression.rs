//! A user's own CSV file: `cargo run --release --example csv_regression -- PATH TARGET_COLUMN`.
//! Without arguments it reads the sample `examples/data/housing_small.csv` (target `price`).

use gridcv::prelude::*;

#[tunable]
pub fn create_model(meta: &Meta, #[default(16)] units: usize) -> Sequential {
    Sequential::new(meta.n_features).dense(units, Activation::Relu).dense(1, Activation::Linear)
}

/// Searches a small grid on the CSV at `path`, predicting `target`. Inside each fold, numeric
/// columns are imputed (median) and standardized, text columns imputed (most frequent) and
/// one-hot encoded, and the target standardized, so any ordinary CSV loads as it is.
pub fn run(path: &str, target: &str, epochs_divisor: usize) -> gridcv::Result<f64> {
    let data = datasets::load_csv(path).target(target).build()?;
    println!("{path}: {} rows, features {:?}, target {target}", data.x.nrows(), data.feature_names);
    let columns = data.columns();
    let names = |numeric: bool| -> Vec<String> {
        columns.iter().filter(|c| c.kind.is_numeric() == numeric).map(|c| c.name.clone()).collect()
    };
    let mut prepare = ColumnTransformer::new();
    if !names(true).is_empty() {
        let steps = vec![SimpleImputer::new(Imputation::Median).into(), StandardScaler::default().into()];
        prepare = prepare.add_steps("num", names(true), steps);
    }
    if !names(false).is_empty() {
        let encoder = OneHotEncoder { handle_unknown: HandleUnknown::Ignore, ..OneHotEncoder::default() };
        prepare = prepare.add_steps(
            "cat",
            names(false),
            vec![SimpleImputer::new(Imputation::MostFrequent).into(), encoder.into()],
        );
    }
    let pipeline = Pipeline::new(NeuralRegressor::new())
        .columns(columns)
        .step(prepare)
        .target_scaler(StandardScaler::default());
    let grid = grid!(create_model {
        units: [8, 32],
        learning_rate: [Some(0.01), Some(0.001)],
        epochs: [(200 / epochs_divisor).max(1)],
    });
    let search = GridSearchCV::new(pipeline, grid).cv(3).fit(&data.x, &data.y)?;
    println!("Best Score: {:.4} (R²) using {}", search.best_score(), search.best_params());
    println!("{}", search.cv_results());
    Ok(search.best_score())
}

const USAGE: &str = "usage: cargo run --release --example csv_regression -- [PATH [TARGET_COLUMN]]\n\
                     (default: the sample examples/data/housing_small.csv, target `price`)";

#[allow(dead_code)]
fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() > 2 || args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!("{USAGE}");
        return std::process::ExitCode::from(2);
    }
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/housing_small.csv");
    let path = args.first().map_or(sample, String::as_str);
    let target = args.get(1).map_or("price", String::as_str);
    match run(path, target, 1) {
        Ok(_) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
