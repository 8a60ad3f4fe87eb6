//! What the search, the cross-validation functions and the fitted models accept and return
//! (issues 11 and 12): views of a larger table as well as owned arrays, `f64` data converted
//! once, predictions typed by the target (no annotation), and `predict_proba` by one name.

use gridcv::prelude::*;
use gridcv::search::{CrossValidation, FittedSearch};
use ndarray::{s, Array1, Array2, Axis};

#[tunable]
fn small(meta: &Meta, #[default(6)] units: usize) -> Sequential {
    Sequential::new(meta.n_features).dense(units, Activation::Relu).dense(meta.n_outputs, Activation::Linear)
}

#[tunable]
fn small_classifier(meta: &Meta, #[default(6)] units: usize) -> Sequential {
    Sequential::new(meta.n_features).dense(units, Activation::Relu).dense(meta.n_classes, Activation::Softmax)
}

/// A table of 60 rows in f64: 4 feature columns and the target in the last one.
fn table() -> Array2<f64> {
    let data = datasets::make_regression(60, 4).noise(0.1).seed(3).build().unwrap();
    let y = data.y.mapv(f64::from).insert_axis(Axis(1));
    ndarray::concatenate(Axis(1), &[data.x.mapv(f64::from).view(), y.view()]).unwrap()
}

fn regression_search() -> GridSearchCV<NeuralRegressor, impl gridcv::grid::ParamGrid<Params = SmallParams>> {
    let grid = grid!(small { units: [3, 6], epochs: [3], batch_size: [8] });
    GridSearchCV::new(NeuralRegressor::new(), grid).cv(3).seed(5).verbose(0)
}

#[test]
fn the_search_takes_views_and_f64_and_gives_what_owned_f32_gives() {
    let table = table();
    // Rows 10..50 of the table, features and target, used in place.
    let (x_view, y_view) = (table.slice(s![10..50, ..4]), table.slice(s![10..50, 4]));
    let (x32, y32) = (x_view.mapv(|v| v as f32), y_view.mapv(|v| v as f32));

    let owned = regression_search().fit(&x32, &y32).unwrap();
    let of_views = regression_search().fit(x32.view(), y32.view()).unwrap();
    let of_f64 = regression_search().fit(x_view, y_view).unwrap();
    let (x64, y64) = (x_view.to_owned(), y_view.to_owned());
    let of_owned_f64 = regression_search().fit(&x64, &y64).unwrap();
    let scores = |search: &FittedSearch<SmallParams, FittedRegressor, Array1<f32>>| -> Vec<Vec<f64>> {
        search.cv_results().candidates.iter().map(|c| c.test[0].splits.clone()).collect()
    };
    assert!(scores(&owned).iter().flatten().all(|s| s.is_finite()));
    for other in [&of_views, &of_f64, &of_owned_f64] {
        assert_eq!(scores(other), scores(&owned));
    }
    // The fitted search and the model predict and score from f64 views too.
    let expected = owned.predict(&x32).unwrap();
    assert_eq!(of_f64.predict(x_view).unwrap(), expected);
    assert_eq!(of_f64.best_estimator().unwrap().predict(x_view).unwrap(), expected);
    assert_eq!(of_f64.score(x_view, y_view).unwrap(), owned.score(&x32, &y32).unwrap());
    // A value beyond f32's range is named where it is.
    let mut huge = x_view.to_owned();
    huge[[2, 1]] = 1e300;
    let e = regression_search().fit(&huge, y_view).unwrap_err().to_string();
    assert!(e.contains("x holds a non-finite value (inf) at row 2, column 1"), "{e}");
}

#[test]
fn validation_data_and_the_cross_validation_functions_take_views() {
    let table = table();
    let (x, y) = (table.slice(s![..45, ..4]), table.slice(s![..45, 4]));
    let (x_val, y_val) = (table.slice(s![45.., ..4]), table.slice(s![45.., 4]));
    let (x32, y32) = (x.mapv(|v| v as f32), y.mapv(|v| v as f32));
    let (xv32, yv32) = (x_val.mapv(|v| v as f32), y_val.mapv(|v| v as f32));

    let with_views =
        regression_search().fit_with(x, y, FitOptions::new().validation_data(x_val, y_val)).unwrap();
    let with_owned =
        regression_search().fit_with(&x32, &y32, FitOptions::new().validation_data(&xv32, &yv32)).unwrap();
    let history = |s: &FittedSearch<SmallParams, FittedRegressor, Array1<f32>>| {
        s.best_estimator().unwrap().history().val_loss.clone()
    };
    assert_eq!(history(&with_views).len(), 3, "the validation data reached the fits");
    assert_eq!(history(&with_views), history(&with_owned));

    let mut params = SmallParams::default();
    (params.epochs, params.batch_size) = (2, 8);
    let cv = CrossValidation::new(NeuralRegressor::new()).cv(3).verbose(0);
    assert_eq!(cv.score(params.clone(), x, y).unwrap(), cv.score(params.clone(), &x32, &y32).unwrap());
    assert_eq!(cv.predict(params.clone(), x, y).unwrap(), cv.predict(params.clone(), &x32, &y32).unwrap());
    let pred = cross_val_predict(&NeuralRegressor::new(), params.clone(), x, y, 3).unwrap();
    assert_eq!(pred, cv.predict(params, &x32, &y32).unwrap());
}

#[test]
fn a_regressor_predicts_without_a_type_annotation_one_and_several_outputs() {
    let data = datasets::make_regression(30, 3).n_targets(2).noise(0.1).seed(1).build_multi().unwrap();
    let grid = || grid!(small { epochs: [2], batch_size: [8] });
    let one_y = data.y.column(0).to_owned();
    let one =
        GridSearchCV::new(NeuralRegressor::new(), grid()).cv(2).verbose(0).fit(&data.x, &one_y).unwrap();
    let pred = one.best_estimator().unwrap().predict(&data.x).unwrap();
    assert_eq!(pred.len(), 30);
    assert_eq!(pred, one.predict(&data.x).unwrap());

    let several =
        GridSearchCV::new(NeuralRegressor::new(), grid()).cv(2).verbose(0).fit(&data.x, &data.y).unwrap();
    let pred = several.best_estimator().unwrap().predict(&data.x).unwrap();
    assert_eq!(pred.dim(), (30, 2));
    assert_eq!(pred, several.predict(data.x.view()).unwrap());
}

#[test]
fn predict_proba_is_one_name_on_the_model_and_the_search() {
    let iris = datasets::load_iris();
    let grid = grid!(small_classifier { epochs: [3], batch_size: [16] });
    let search =
        GridSearchCV::new(NeuralClassifier::new(), grid).cv(2).verbose(0).fit(&iris.x, &iris.y).unwrap();
    let proba = search.predict_proba(&iris.x).unwrap();
    assert_eq!(proba.dim(), (150, 3));
    assert!(proba.rows().into_iter().all(|r| (r.sum() - 1.0).abs() < 1e-5));
    let model = search.best_estimator().unwrap();
    assert_eq!(model.predict_proba(iris.x.view()).unwrap(), proba);
    // The trait's form, for code generic over estimators, agrees.
    assert_eq!(Predictor::predict_proba(model, iris.x.view()).unwrap(), Some(proba));

    let regression = regression_search().fit(&iris.x, &iris.x.column(0).to_owned()).unwrap();
    let e = regression.predict_proba(&iris.x).unwrap_err().to_string();
    assert!(e.contains("no class probabilities"), "{e}");
}

#[test]
fn the_target_type_follows_from_any_form_of_y_without_annotations() {
    let table = table();
    let x = table.slice(s![..30, ..4]);
    let y64 = table.slice(s![..30, 4]).to_owned();
    let y32 = y64.mapv(|v| v as f32);
    let by_ref = regression_search().fit(x, &y64).unwrap().predict(x).unwrap();
    let by_view = regression_search().fit(x, y64.view()).unwrap().predict(x).unwrap();
    let x_owned = x.to_owned();
    let by_f32 = regression_search().fit(x, y32.view()).unwrap().predict(&x_owned).unwrap();
    assert_eq!(by_ref, by_view);
    assert_eq!(by_view, by_f32);
    let labels = datasets::load_iris();
    let grid = grid!(small_classifier { epochs: [1] });
    let search = GridSearchCV::new(NeuralClassifier::new(), grid).cv(2).verbose(0);
    let pred = search.fit(labels.x.view(), labels.y.view()).unwrap().predict(&labels.x).unwrap();
    assert!(pred.iter().all(|c| *c < 3));
}
