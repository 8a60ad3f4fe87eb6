//! `Pipeline` inside the search: steps fitted on each fold's training rows only, the estimator
//! seeing the columns after the steps, target scaling, saving with the fitted steps.

use std::sync::{Arc, Mutex};

use grid_core::estimator::{Estimator, Predictor, Task, TrainSet};
use grid_core::metrics::Scoring;
use grid_core::nn::{Activation, FitParams, FittedRegressor, NetParams, NeuralRegressor, Sequential};
use grid_core::pipeline::{FittedPipeline, Pipeline};
use grid_core::preprocess::{
    Column, ColumnTransformer, HandleUnknown, Imputation, OneHotEncoder, Remainder, SimpleImputer,
    StandardScaler, Transform, Transformer,
};
use grid_core::search::GridSearchCV;
use grid_core::split::{KFold, SplitInput, Splitter};
use grid_core::Error;
use ndarray::{Array1, Array2, ArrayView2};

/// What a recording estimator saw: the rows of each fit and of each prediction, and the
/// `Meta` of each fit.
#[derive(Clone, Default)]
struct Seen {
    fits: Arc<Mutex<Vec<Array2<f32>>>>,
    predictions: Arc<Mutex<Vec<Array2<f32>>>>,
    n_features: Arc<Mutex<Vec<usize>>>,
}

/// Predicts 0 and records what it is given.
struct Record(Seen);
struct Recorded(Seen);

impl Estimator<f64, Array1<f32>> for Record {
    type Fitted = Recorded;
    fn task(&self) -> Task {
        Task::Regression
    }
    fn fit(&self, _: &f64, data: &TrainSet<'_, Array1<f32>>) -> grid_core::Result<Recorded> {
        self.0.fits.lock().unwrap().push(data.x().to_owned());
        self.0.n_features.lock().unwrap().push(data.meta().n_features);
        Ok(Recorded(self.0.clone()))
    }
}

impl Predictor<Array1<f32>> for Recorded {
    fn predict(&self, x: ArrayView2<'_, f32>) -> grid_core::Result<Array1<f32>> {
        self.0.predictions.lock().unwrap().push(x.to_owned());
        Ok(Array1::zeros(x.nrows()))
    }
}

fn data() -> (Array2<f32>, Array1<f32>) {
    let x = Array2::from_shape_fn((30, 2), |(i, j)| {
        ((i * 7 + j * 13) % 17) as f32 * (j as f32 * 9.0 + 1.0) + 3.0
    });
    let y = x.column(0).to_owned();
    (x, y)
}

fn scaled(train: &Array2<f32>, rows: &Array2<f32>) -> Array2<f32> {
    let columns = grid_core::preprocess::numeric_columns(train.ncols());
    StandardScaler::default().fit(train.view(), &columns).unwrap().transform(rows.view()).unwrap()
}

#[test]
fn each_fold_scales_with_its_own_training_rows_only() {
    let (x, y) = data();
    let seen = Seen::default();
    let pipeline = Pipeline::new(Record(seen.clone())).step(StandardScaler::default());
    GridSearchCV::new(&pipeline, vec![0.0_f64])
        .cv(3)
        .n_jobs(1)
        .scoring(Scoring::NegMeanSquaredError)
        .fit(&x, &y)
        .unwrap();

    let splits = KFold::new(3).split(&SplitInput::new(x.nrows())).unwrap();
    let fits = seen.fits.lock().unwrap().clone();
    // With refit on, each fold's model also predicts its training rows (the refit's check):
    // the test rows' predictions are those of a test fold's size.
    let predictions: Vec<Array2<f32>> =
        seen.predictions.lock().unwrap().iter().filter(|p| p.nrows() == x.nrows() / 3).cloned().collect();
    let on_all_rows = scaled(&x, &x);
    assert_eq!(fits.len(), 4, "three folds and the refit");
    for (k, split) in splits.iter().enumerate() {
        let train = x.select(ndarray::Axis(0), &split.train);
        let test = x.select(ndarray::Axis(0), &split.test);
        // The fold's model trained on its rows scaled by a scaler fitted on exactly them...
        assert_eq!(fits[k], scaled(&train, &train), "fold {k}: training rows");
        // ... and was scored on the test rows transformed by that same scaler.
        assert_eq!(predictions[k], scaled(&train, &test), "fold {k}: test rows");
        // A scaler fitted on all rows (the leak) gives other values.
        let leaked = on_all_rows.select(ndarray::Axis(0), &split.train);
        let gap = (&fits[k] - &leaked).mapv(f32::abs).fold(0.0_f32, |a, &b| a.max(b));
        assert!(gap > 1e-3, "fold {k}: the fold's scaling must differ from the all-rows one ({gap})");
    }
    // The refit scales with all rows.
    assert_eq!(fits[3], on_all_rows);
}

#[test]
fn the_estimator_sees_the_columns_after_the_steps() {
    let columns = vec![Column::numeric("area"), Column::categorical("city", ["Lyon", "Nice", "Paris"])];
    let x = Array2::from_shape_fn((12, 2), |(i, j)| if j == 0 { i as f32 } else { (i % 3) as f32 });
    let y = x.column(0).to_owned();
    let seen = Seen::default();
    let prep = ColumnTransformer::new().add("num", ["area"], StandardScaler::default()).add(
        "cat",
        ["city"],
        OneHotEncoder::default(),
    );
    let pipeline = Pipeline::new(Record(seen.clone())).columns(columns).step(prep);
    let fitted = pipeline.fit(&0.0, &TrainSet::new(x.view(), &y)).unwrap();
    assert_eq!(*seen.n_features.lock().unwrap(), [4], "1 numeric column + 3 one-hot columns");
    let names: Vec<String> = fitted.columns_out().into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["num__area", "cat__city_Lyon", "cat__city_Nice", "cat__city_Paris"]);
    // Rows with another number of columns than fitted are an error, not a guess.
    let err = fitted.predict(Array2::zeros((2, 3)).view()).unwrap_err();
    assert!(matches!(err, Error::ShapeMismatch { expected: 2, got: 3, .. }), "{err}");
}

#[test]
fn missing_cells_reach_an_imputing_pipeline_and_are_refused_without_one() {
    let (mut x, y) = data();
    x[[4, 1]] = f32::NAN;
    let imputing = Pipeline::new(NeuralRegressor::new())
        .step(SimpleImputer::new(Imputation::Median))
        .step(StandardScaler::default());
    let params = NetParams::new(
        Sequential::new(2).dense(1, Activation::Linear),
        FitParams { epochs: 2, ..FitParams::default() },
    );
    let search = GridSearchCV::new(&imputing, vec![params.clone()]).cv(3).fit(&x, &y).unwrap();
    assert!(search.best_score().is_finite());
    // Without the pipeline, NaN in x is an error before any fit, naming the cell.
    let err = GridSearchCV::new(NeuralRegressor::new(), vec![params]).cv(3).fit(&x, &y).unwrap_err();
    assert!(matches!(err, Error::NonFinite { row: 4, column: 1, .. }), "{err}");
}

#[test]
fn target_scaling_trains_on_scaled_targets_and_predicts_in_the_users_units() {
    let (x, _) = data();
    let y: Array1<f32> = x.column(0).mapv(|v| 1000.0 + 150.0 * v);
    let target_seen = Arc::new(Mutex::new(Vec::new()));
    struct Targets(Arc<Mutex<Vec<Array1<f32>>>>);
    impl Estimator<f64, Array1<f32>> for Targets {
        type Fitted = grid_core::estimator::DummyModel;
        fn task(&self) -> Task {
            Task::Regression
        }
        fn fit(&self, _: &f64, data: &TrainSet<'_, Array1<f32>>) -> grid_core::Result<Self::Fitted> {
            self.0.lock().unwrap().push(data.y().clone());
            grid_core::estimator::DummyRegressor.fit(&grid_core::estimator::Strategy::Mean, data)
        }
    }
    let pipeline = Pipeline::new(Targets(target_seen.clone())).target_scaler(StandardScaler::default());
    let fitted = pipeline.fit(&0.0, &TrainSet::new(x.view(), &y)).unwrap();
    let trained_on = target_seen.lock().unwrap()[0].clone();
    let mean = trained_on.mean().unwrap();
    let std = trained_on.mapv(|v| (v - mean).powi(2)).mean().unwrap().sqrt();
    assert!(mean.abs() < 1e-5 && (std - 1.0).abs() < 1e-5, "the estimator trains on a standardized target");
    // The dummy predicts the scaled mean 0, which is y's mean in the user's units.
    let pred = fitted.predict(x.view()).unwrap();
    assert!((pred[0] - y.mean().unwrap()).abs() < 1e-2, "{} vs {}", pred[0], y.mean().unwrap());
    // A target scaler on class labels is a typed error.
    let labels = ndarray::array![0_u8, 1, 0, 1];
    let classifier =
        Pipeline::new(grid_core::nn::NeuralClassifier::new()).target_scaler(StandardScaler::default());
    let params = NetParams::new(Sequential::new(2).dense(2, Activation::Softmax), FitParams::default());
    let err = classifier.fit(&params, &TrainSet::new(x.slice(ndarray::s![..4, ..]), &labels)).unwrap_err();
    assert!(err.to_string().contains("target_scaler"), "{err}");
}

#[test]
fn a_saved_pipeline_predicts_from_raw_rows_with_text_columns() {
    let columns = vec![Column::numeric("area"), Column::categorical("city", ["Lyon", "Nice", "Paris"])];
    let x =
        Array2::from_shape_fn((24, 2), |(i, j)| if j == 0 { (i % 7) as f32 * 10.0 } else { (i % 3) as f32 });
    let y: Array1<f32> = x.rows().into_iter().map(|r| 100.0 + r[0] * 3.0 + r[1] * 50.0).collect();
    let prep = |unknown| {
        ColumnTransformer::new()
            .add_steps(
                "num",
                ["area"],
                vec![SimpleImputer::default().into(), StandardScaler::default().into()],
            )
            .add("cat", ["city"], OneHotEncoder { handle_unknown: unknown, ..OneHotEncoder::default() })
            .remainder(Remainder::Drop)
    };
    let params = NetParams::new(
        Sequential::new(4).dense(1, Activation::Linear),
        FitParams { epochs: 3, ..FitParams::default() },
    );
    let dir = std::env::temp_dir().join(format!("gridcv-test-pipeline-{}", std::process::id()));
    for unknown in [HandleUnknown::Error, HandleUnknown::Ignore] {
        let pipeline = Pipeline::new(NeuralRegressor::new())
            .columns(columns.clone())
            .step(prep(unknown))
            .target_scaler(StandardScaler::default());
        let model = pipeline.fit(&params, &TrainSet::new(x.view(), &y)).unwrap();
        model.save(&dir).unwrap();
        let loaded = FittedPipeline::<FittedRegressor>::load(&dir).unwrap();
        let raw = [["20", "Nice"], ["", "Paris"]];
        let from_raw: Array1<f32> = loaded.predict_rows(&raw).unwrap();
        let codes = ndarray::array![[20.0_f32, 1.0], [f32::NAN, 2.0]];
        let direct: Array1<f32> = model.predict(codes.view()).unwrap();
        assert_eq!(
            from_raw, direct,
            "the loaded pipeline predicts raw rows as the fitted one predicts codes"
        );
        let unseen = loaded.predict_rows::<Array1<f32>, _, _>(&[["20", "Lille"]]);
        match unknown {
            HandleUnknown::Error => {
                let err = unseen.unwrap_err();
                assert!(
                    matches!(&err, Error::UnknownCategory { column, category, row: 0 } if column == "city" && category == "Lille"),
                    "{err}"
                );
            }
            HandleUnknown::Ignore => assert!(unseen.unwrap()[0].is_finite()),
        }
        let bad = loaded.predict_rows::<Array1<f32>, _, _>(&[["twenty", "Nice"]]).unwrap_err();
        assert!(bad.to_string().contains("column `area`") && bad.to_string().contains("\"twenty\""), "{bad}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
