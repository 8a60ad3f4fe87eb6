//! An ordinary CSV with a text column and missing cells, prepared inside each fold as
//! scikit-learn's `ColumnTransformer` would: numeric columns imputed (median) and scaled, the
//! `city` column imputed (most frequent) and one-hot encoded, the target scaled. The fitted
//! pipeline is saved, loaded and asked about raw rows, text included.
//!
//! Run: `cargo run --release --example csv_pipeline`

use gridcv::prelude::*;

#[tunable]
pub fn create_model(meta: &Meta, #[default(32)] units: usize) -> Sequential {
    Sequential::new(meta.n_features).dense(units, Activation::Relu).dense(1, Activation::Linear)
}

/// What the example measured.
pub struct Outcome {
    /// Mean R² of the best candidate in cross-validation.
    pub best_cv_r2: f64,
    /// R² of the refitted pipeline on the held-out rows.
    pub test_r2: f64,
    /// Names of the columns the network saw.
    pub network_columns: Vec<String>,
    /// The loaded pipeline's prediction for a raw row (`area 85, rooms 3, Lyon, 1990`).
    pub raw_prediction: f32,
    /// The loaded pipeline's error for a city unseen in training, with `handle_unknown` error.
    pub unseen_city: String,
}

/// Runs the example on the CSV at `path` (target `price`).
pub fn run(path: &str, epochs_divisor: usize) -> gridcv::Result<Outcome> {
    let data = datasets::load_csv(path).target("price").build()?;
    for column in data.columns() {
        println!("  {:<11} {:?}", column.name, column.kind);
    }
    let (train, test) = data.train_test_split(0.25, 0)?;
    let prepare = ColumnTransformer::new()
        .add_steps(
            "num",
            ["area", "rooms", "year_built"],
            vec![SimpleImputer::new(Imputation::Median).into(), StandardScaler::default().into()],
        )
        .add_steps(
            "cat",
            ["city"],
            vec![SimpleImputer::new(Imputation::MostFrequent).into(), OneHotEncoder::default().into()],
        );
    let pipeline = Pipeline::new(NeuralRegressor::new())
        .columns(data.columns())
        .step(prepare)
        .target_scaler(StandardScaler::default());
    let grid = grid!(create_model {
        units: [16, 64],
        learning_rate: [Some(0.01)],
        epochs: [(300 / epochs_divisor).max(1)],
        batch_size: [16],
    });
    let search =
        GridSearchCV::new(pipeline, grid).cv(3).scoring(Scoring::R2).seed(1).fit(&train.x, &train.y)?;
    println!("Best CV R²: {:.4} using {}", search.best_score(), search.best_params());
    let model = search.best_estimator()?;
    let test_r2 = model.score(test.x.view(), &test.y)?;
    println!("Test R² of the refitted pipeline: {test_r2:.4}");
    let network_columns: Vec<String> = model.columns_out().into_iter().map(|c| c.name).collect();
    println!("The network sees {} columns: {network_columns:?}", network_columns.len());

    let dir = std::env::temp_dir().join(format!("gridcv-csv-pipeline-{}", std::process::id()));
    model.save(&dir)?;
    let loaded = FittedPipeline::<FittedRegressor>::load(&dir)?;
    let raw: ndarray::Array1<f32> = loaded.predict_rows(&[["85", "3", "Lyon", "1990"]])?;
    println!("Loaded pipeline, raw row (85 m², 3 rooms, Lyon, 1990): {:.1} thousand", raw[0]);
    let unseen = loaded.predict_rows::<ndarray::Array1<f32>, _, _>(&[["85", "3", "Nantes", "1990"]]);
    let unseen_city = unseen.err().map(|e| e.to_string()).unwrap_or_default();
    println!("A city unseen in training: {unseen_city}");
    std::fs::remove_dir_all(&dir).map_err(|source| gridcv::Error::Io { path: dir, source })?;
    Ok(Outcome {
        best_cv_r2: search.best_score(),
        test_r2,
        network_columns,
        raw_prediction: raw[0],
        unseen_city,
    })
}

#[allow(dead_code)]
fn main() -> gridcv::Result<()> {
    run(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/apartments.csv"), 1).map(drop)
}
