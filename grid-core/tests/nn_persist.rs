//! Saving and loading fitted networks: exact round trips, and errors (never panics) on missing,
//! corrupt or mismatched files.

mod nn_support;

use std::fs;

use grid_core::estimator::{Estimator, TrainSet};
use grid_core::nn::{
    Activation, FitParams, FittedClassifier, FittedRegressor, NeuralClassifier, NeuralRegressor,
};
use grid_core::Error;
use ndarray::Array1;
use nn_support::{blobs, linear, temp_dir, Mlp};

fn regressor(hidden: Vec<usize>) -> FittedRegressor {
    let (x, y) = linear(60, 0.1, 31);
    let p = Mlp {
        hidden,
        dropout: 0.1,
        fit: FitParams { epochs: 5, batch_size: 8, validation_split: 0.2, ..FitParams::default() },
        ..Mlp::default()
    };
    NeuralRegressor::new().fit(&p, &TrainSet::new(x.view(), &y)).unwrap()
}

fn classifier() -> FittedClassifier<u8> {
    let (x, y) = blobs(10, 32);
    let p = Mlp {
        output: Activation::Softmax,
        fit: FitParams { epochs: 5, batch_size: 8, ..FitParams::default() },
        ..Mlp::default()
    };
    NeuralClassifier::new().fit(&p, &TrainSet::new(x.view(), &y)).unwrap()
}

#[test]
fn nn_regressor_round_trip_predicts_identically() {
    let dir = temp_dir("regressor");
    let model = regressor(vec![7, 4]);
    model.save(&dir).unwrap();
    assert!(dir.join("weights.safetensors").is_file() && dir.join("model.json").is_file());
    let loaded = FittedRegressor::load(&dir).unwrap();
    let (x, _) = linear(40, 0.1, 33);
    let a: Array1<f32> = model.predict(x.view()).unwrap();
    let b: Array1<f32> = loaded.predict(x.view()).unwrap();
    assert_eq!(a, b);
    assert_eq!(loaded.weights(), model.weights());
    assert_eq!(loaded.spec(), model.spec());
    assert_eq!(loaded.fit_params(), model.fit_params());
    assert_eq!(loaded.history(), model.history());
    // Saving over an existing model replaces it.
    let other = regressor(vec![3]);
    other.save(&dir).unwrap();
    assert_eq!(FittedRegressor::load(&dir).unwrap().weights(), other.weights());
}

#[test]
fn nn_classifier_round_trip_predicts_identically() {
    let dir = temp_dir("classifier");
    let model = classifier();
    model.save(&dir).unwrap();
    let loaded = FittedClassifier::<u8>::load(&dir).unwrap();
    let (x, _) = blobs(10, 34);
    assert_eq!(loaded.classes(), model.classes());
    assert_eq!(loaded.predict(x.view()).unwrap(), model.predict(x.view()).unwrap());
    assert_eq!(loaded.predict_proba(x.view()).unwrap(), model.predict_proba(x.view()).unwrap());
    assert_eq!(loaded.history(), model.history());
}

#[test]
fn nn_missing_files_are_io_errors() {
    let dir = temp_dir("missing");
    assert!(matches!(FittedRegressor::load(dir.join("nothing")), Err(Error::Io { .. })));
    regressor(vec![4]).save(&dir).unwrap();
    fs::remove_file(dir.join("weights.safetensors")).unwrap();
    assert!(matches!(FittedRegressor::load(&dir), Err(Error::Io { .. })));
}

#[test]
fn nn_corrupt_files_are_parse_errors() {
    let dir = temp_dir("corrupt");
    let model = regressor(vec![4]);
    model.save(&dir).unwrap();
    let weights = fs::read(dir.join("weights.safetensors")).unwrap();
    let manifest = fs::read_to_string(dir.join("model.json")).unwrap();

    // Garbage, truncation, an empty file.
    for bad in [b"not a safetensors file at all".to_vec(), weights[..weights.len() / 2].to_vec(), Vec::new()]
    {
        fs::write(dir.join("weights.safetensors"), bad).unwrap();
        let e = FittedRegressor::load(&dir).unwrap_err();
        assert!(matches!(e, Error::Parse { .. }), "{e}");
    }
    fs::write(dir.join("weights.safetensors"), &weights).unwrap();

    // Broken JSON, and JSON of the wrong shape.
    for bad in ["{", "[]", "{\"format\": \"gridcv-nn\"}", &manifest.replace("gridcv-nn", "other")] {
        fs::write(dir.join("model.json"), bad).unwrap();
        let e = FittedRegressor::load(&dir).unwrap_err();
        assert!(matches!(e, Error::Parse { .. }), "{e}");
    }
    fs::write(dir.join("model.json"), &manifest).unwrap();

    // A non-finite weight.
    let mut nan = weights.clone();
    let n = nan.len();
    nan[n - 4..].copy_from_slice(&f32::NAN.to_le_bytes());
    fs::write(dir.join("weights.safetensors"), nan).unwrap();
    let e = FittedRegressor::load(&dir).unwrap_err();
    assert!(e.to_string().contains("non-finite"), "{e}");

    fs::write(dir.join("weights.safetensors"), &weights).unwrap();
    assert!(FittedRegressor::load(&dir).is_ok());
}

#[test]
fn nn_mismatched_files_are_errors() {
    // Weights of another architecture beside this description.
    let dir = temp_dir("mismatch-a");
    let other = temp_dir("mismatch-b");
    regressor(vec![4]).save(&dir).unwrap();
    regressor(vec![6]).save(&other).unwrap();
    fs::copy(other.join("weights.safetensors"), dir.join("weights.safetensors")).unwrap();
    let e = FittedRegressor::load(&dir).unwrap_err();
    assert!(matches!(e, Error::Parse { .. }) && e.to_string().contains("shape"), "{e}");

    // More layers in the file than in the description.
    regressor(vec![4, 4]).save(&other).unwrap();
    fs::copy(other.join("weights.safetensors"), dir.join("weights.safetensors")).unwrap();
    assert!(matches!(FittedRegressor::load(&dir), Err(Error::Parse { .. })));

    // A classifier is not a regressor, and labels must have the saved type.
    let cdir = temp_dir("mismatch-c");
    classifier().save(&cdir).unwrap();
    let e = FittedRegressor::load(&cdir).unwrap_err();
    assert!(matches!(e, Error::Parse { .. }), "{e}");
    assert!(matches!(FittedClassifier::<String>::load(&cdir), Err(Error::Parse { .. })));
    assert!(matches!(FittedClassifier::<u8>::load(&dir), Err(Error::Parse { .. })));

    // Classes that do not fit the output layer.
    let json = fs::read_to_string(cdir.join("model.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut fewer = v.clone();
    fewer["classes"] = serde_json::json!([0, 1, 2, 3]);
    fs::write(cdir.join("model.json"), fewer.to_string()).unwrap();
    let e = FittedClassifier::<u8>::load(&cdir).unwrap_err();
    assert!(matches!(e, Error::Parse { .. }) && e.to_string().contains("classes"), "{e}");
    let mut unsorted = v;
    unsorted["classes"] = serde_json::json!([2, 1, 0]);
    fs::write(cdir.join("model.json"), unsorted.to_string()).unwrap();
    assert!(matches!(FittedClassifier::<u8>::load(&cdir), Err(Error::Parse { .. })));
}
