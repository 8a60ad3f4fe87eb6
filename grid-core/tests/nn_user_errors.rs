//! What a new user hits at run time with the networks (issue 12): non-finite outputs, a
//! regressor built from `meta.n_classes`, loading a saved model as the other kind, fits that
//! would not fit in memory.

mod nn_support;

use grid_core::estimator::{Estimator, Predictor, TrainSet};
use grid_core::grid::{Meta, Tunable};
use grid_core::nn::{
    Activation, FitParams, FittedClassifier, FittedRegressor, HasFitParams, NeuralClassifier,
    NeuralRegressor, Sequential,
};
use grid_core::search::GridSearchCV;
use grid_core::Error;
use ndarray::{Array1, Array2};
use nn_support::{blobs, linear, Mlp};

fn quick(output: Activation) -> Mlp {
    Mlp {
        hidden: vec![16, 16],
        output,
        fit: FitParams { epochs: 3, batch_size: 16, ..FitParams::default() },
        ..Mlp::default()
    }
}

/// `x` with rows 1 and 3 replaced by finite but extreme values.
fn with_extreme_rows(x: &Array2<f32>) -> Array2<f32> {
    let mut x = x.slice(ndarray::s![..5, ..]).to_owned();
    x.row_mut(1).fill(3e38);
    x.row_mut(3).fill(-3e38);
    x
}

fn assert_names_rows(result: grid_core::Result<impl std::fmt::Debug>) {
    match result {
        Err(Error::NonFiniteOutput { rows, n_rows }) => assert_eq!((rows, n_rows), (vec![1, 3], 5)),
        other => panic!("expected NonFiniteOutput naming rows 1 and 3, got {other:?}"),
    }
}

#[test]
fn a_classifier_with_non_finite_outputs_is_an_error_naming_the_rows() {
    let (x, y) = blobs(10, 3);
    let model =
        NeuralClassifier::new().fit(&quick(Activation::Softmax), &TrainSet::new(x.view(), &y)).unwrap();
    let extreme = with_extreme_rows(&x);
    assert_names_rows(model.predict(extreme.view()));
    assert_names_rows(model.predict_proba(extreme.view()));
    assert_names_rows(Predictor::predict_proba(&model, extreme.view()));
    assert_names_rows(model.score(extreme.view(), &y.slice(ndarray::s![..5]).to_owned()));
    let e = model.predict(extreme.view()).unwrap_err().to_string();
    assert!(e.contains("2 of 5 rows of x (rows [1, 3])"), "{e}");
    // The ordinary rows still predict.
    assert_eq!(model.predict(x.view()).unwrap().len(), x.nrows());
}

#[test]
fn a_regressor_with_non_finite_outputs_is_an_error_naming_the_rows() {
    let (x, y) = linear(40, 0.1, 1);
    let model = NeuralRegressor::new().fit(&quick(Activation::Linear), &TrainSet::new(x.view(), &y)).unwrap();
    let extreme = with_extreme_rows(&x);
    let pred: grid_core::Result<Array1<f32>> = model.predict(extreme.view());
    assert_names_rows(pred);
    assert_names_rows(model.predict_matrix(extreme.view()));
    assert_names_rows(model.score(extreme.view(), &y.slice(ndarray::s![..5]).to_owned()));
}

/// A regressor's build function that sizes its output layer by `meta.n_classes`, as a
/// classifier's would.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
struct ByClasses(FitParams);

impl Default for ByClasses {
    fn default() -> Self {
        ByClasses(FitParams { epochs: 1, ..FitParams::default() })
    }
}

impl std::fmt::Display for ByClasses {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("{}")
    }
}

impl Tunable for ByClasses {
    type Output = Sequential;
    fn build(&self, meta: &Meta) -> Sequential {
        Sequential::new(meta.n_features).dense(8, Activation::Relu).dense(meta.n_classes, Activation::Linear)
    }
}

impl HasFitParams for ByClasses {
    type FitParams = FitParams;
    fn fit_params(&self) -> &FitParams {
        &self.0
    }
    fn fit_params_mut(&mut self) -> &mut FitParams {
        &mut self.0
    }
}

#[test]
fn a_regressor_sized_by_n_classes_is_told_to_use_n_outputs() {
    let (x, y) = linear(20, 0.1, 2);
    let e = NeuralRegressor::new().fit(&ByClasses::default(), &TrainSet::new(x.view(), &y)).unwrap_err();
    let text = e.to_string();
    assert!(matches!(e, Error::InvalidSpec { layer: 1, .. }), "{e:?}");
    assert!(text.contains("`meta.n_classes` is 0 for a regressor"), "{text}");
    assert!(text.contains("meta.n_outputs"), "{text}");
}

#[test]
fn loading_a_saved_model_as_the_other_kind_says_what_it_is() {
    let dir = std::env::temp_dir().join(format!("gridcv-kinds-{}", std::process::id()));
    let (x, y) = blobs(5, 1);
    let classifier =
        NeuralClassifier::new().fit(&quick(Activation::Softmax), &TrainSet::new(x.view(), &y)).unwrap();
    classifier.save(dir.join("classifier")).unwrap();
    let (xr, yr) = linear(20, 0.1, 2);
    let regressor =
        NeuralRegressor::new().fit(&quick(Activation::Linear), &TrainSet::new(xr.view(), &yr)).unwrap();
    regressor.save(dir.join("regressor")).unwrap();

    let e = FittedRegressor::load(dir.join("classifier")).unwrap_err().to_string();
    assert!(e.contains("this is a saved Classifier, not a Regressor"), "{e}");
    let e = FittedClassifier::<u8>::load(dir.join("regressor")).unwrap_err().to_string();
    assert!(e.contains("this is a saved Regressor, not a Classifier"), "{e}");
    // A classifier loaded with another label type is still a plain parse error.
    assert!(matches!(FittedClassifier::<String>::load(dir.join("classifier")), Err(Error::Parse { .. })));
    assert!(FittedClassifier::<u8>::load(dir.join("classifier")).is_ok());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The network of issue 12: two hidden layers of 16 000 units, about 5 GB per fit with Adam
/// (weights, gradients, two moments and the fast op's kernel copies).
/// Its fits are planned, never allocated, here.
fn wide() -> Mlp {
    Mlp { hidden: vec![16_000, 16_000], ..quick(Activation::Linear) }
}

#[test]
fn fits_that_would_not_fit_in_memory_run_fewer_at_once_or_fail_typed() {
    let (x, y) = linear(30, 0.1, 4);
    let estimator = NeuralRegressor::new();
    // What one fold's fit needs: cv(3) of 30 rows trains on 20.
    let (x20, y20) = (x.slice(ndarray::s![..20, ..]), y.slice(ndarray::s![..20]).to_owned());
    let need = |p: &Mlp| estimator.memory_estimate(p, &TrainSet::new(x20, &y20)).expect("an estimate");
    let (small_bytes, wide_bytes) = (need(&quick(Activation::Linear)), need(&wide()));
    assert!(wide_bytes > 5_000_000_000 && wide_bytes < 5_500_000_000, "{wide_bytes}");

    // Room for one small fit at a time, not two, and never for a wide one.
    let grid = vec![quick(Activation::Linear), wide()];
    let search =
        GridSearchCV::new(estimator, grid).cv(3).n_jobs(2).memory_limit(small_bytes * 3 / 2).verbose(0);
    let search = search.fit(&x, &y).unwrap();
    let rows = &search.cv_results().candidates;
    assert!(rows[0].errors.iter().all(Option::is_none), "{:?}", rows[0].errors);
    for error in &rows[1].errors {
        let error = error.as_deref().unwrap_or_default();
        assert!(error.starts_with("the fit needs about 5."), "{error}");
    }
    assert!(
        search.warnings().iter().any(|w| w.starts_with("running 1 fit at once instead of 2")),
        "{:?}",
        search.warnings()
    );
    assert_eq!(search.best_index(), 0);
    // The small candidate's scores are those of a search with room for everything.
    let free = GridSearchCV::new(estimator, vec![quick(Activation::Linear)]).cv(3).n_jobs(2).verbose(0);
    let free = free.fit(&x, &y).unwrap();
    assert_eq!(free.cv_results().candidates[0].test[0].splits, rows[0].test[0].splits);
    assert!(free.warnings().is_empty(), "{:?}", free.warnings());

    // Room for a fold's fit but not for the refit on all 30 rows: the refit is the typed error.
    let tight = GridSearchCV::new(estimator, vec![quick(Activation::Linear)]).cv(3).memory_limit(small_bytes);
    let error = match tight.verbose(0).fit(&x, &y) {
        Err(e) => e,
        Ok(search) => search.best_estimator().map(|_| ()).unwrap_err(),
    };
    assert!(error.full_message().contains("the fit needs about"), "{}", error.full_message());
}

#[test]
fn cross_val_predict_plans_its_fits_too() {
    let (x, y) = linear(30, 0.1, 5);
    let cv = grid_core::search::CrossValidation::new(NeuralRegressor::new()).cv(3).verbose(0);
    let e = cv.memory_limit(1_000_000_000).predict(wide(), &x, &y).unwrap_err();
    assert!(
        matches!(&e, Error::CandidateFailed { source, .. } if matches!(**source, Error::OutOfMemory { .. })),
        "{e:?}"
    );
}
