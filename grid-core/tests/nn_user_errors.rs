//! What a new user hits at run time with the networks (issue 12): non-finite outputs, a
//! regressor built from `meta.n_classes`, loading a saved model as the other kind.

mod nn_support;

use grid_core::estimator::{Estimator, Predictor, TrainSet};
use grid_core::grid::{Meta, Tunable};
use grid_core::nn::{
    Activation, FitParams, FittedClassifier, FittedRegressor, HasFitParams, NeuralClassifier,
    NeuralRegressor, Sequential,
};
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
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
struct ByClasses;

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
    fn fit_params(&self) -> FitParams {
        FitParams { epochs: 1, ..FitParams::default() }
    }
}

#[test]
fn a_regressor_sized_by_n_classes_is_told_to_use_n_outputs() {
    let (x, y) = linear(20, 0.1, 2);
    let e = NeuralRegressor::new().fit(&ByClasses, &TrainSet::new(x.view(), &y)).unwrap_err();
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
