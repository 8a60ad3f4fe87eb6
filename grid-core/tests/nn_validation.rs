//! Bad network specs and bad fit parameters are errors at fit time, naming the layer or the
//! parameter at fault.

mod nn_support;

use grid_core::estimator::{Estimator, TrainSet};
use grid_core::nn::{
    Activation, EarlyStopping, FitParams, Layer, Loss, NetParams, NeuralClassifier, NeuralRegressor,
    Optimizer, Sequential,
};
use grid_core::Error;
use ndarray::{Array1, Array2};
use nn_support::{blobs, linear, Mlp};

fn regress(spec: Sequential) -> grid_core::Result<()> {
    let (x, y) = linear(20, 0.1, 41);
    let p = NetParams::new(spec, FitParams { epochs: 1, ..FitParams::default() });
    NeuralRegressor::new().fit(&p, &TrainSet::new(x.view(), &y)).map(|_| ())
}

fn classify(spec: Sequential) -> grid_core::Result<()> {
    let (x, y) = blobs(5, 42);
    let p = NetParams::new(spec, FitParams { epochs: 1, ..FitParams::default() });
    NeuralClassifier::new().fit(&p, &TrainSet::new(x.view(), &y)).map(|_| ())
}

fn binary(spec: Sequential) -> grid_core::Result<()> {
    let (x, y) = blobs(5, 43);
    let y: Array1<bool> = y.mapv(|c| c == 0);
    let p = NetParams::new(spec, FitParams { epochs: 1, ..FitParams::default() });
    NeuralClassifier::new().fit(&p, &TrainSet::new(x.view(), &y)).map(|_| ())
}

#[track_caller]
fn assert_layer(result: grid_core::Result<()>, layer: usize, words: &str) {
    match result {
        Err(Error::InvalidSpec { layer: l, reason }) => {
            assert_eq!(l, layer, "{reason}");
            assert!(reason.contains(words), "{reason:?} should mention {words:?}");
        }
        other => panic!("expected an invalid spec at layer {layer}, got {other:?}"),
    }
}

use Activation::{Linear, Relu, Sigmoid, Softmax, Tanh};

#[test]
fn nn_bad_specs_name_the_layer() {
    assert_layer(regress(Sequential::new(5).dense(0, Relu).dense(1, Linear)), 0, "at least 1 unit");
    assert_layer(
        regress(Sequential::new(5).dense(4, Relu).dropout(0.5).dense(0, Linear)),
        2,
        "at least 1 unit",
    );
    for rate in [1.0, 1.5, -0.1, f64::NAN, f64::INFINITY] {
        assert_layer(
            regress(Sequential::new(5).dense(4, Relu).dropout(rate).dense(1, Linear)),
            1,
            "dropout rate",
        );
    }
    assert_layer(regress(Sequential::new(5)), 0, "no dense layer");
    assert_layer(regress(Sequential::new(5).dropout(0.2)), 0, "no dense layer");
    assert_layer(regress(Sequential::new(4).dense(3, Relu).dense(1, Linear)), 0, "x has 5 columns");
    assert_layer(regress(Sequential::new(5).dense(3, Relu).dense(2, Linear)), 1, "target has 1 column");
    assert_layer(regress(Sequential::new(5).dense(3, Relu).dense(2, Linear).dropout(0.1)), 1, "2 units");
    assert_layer(classify(Sequential::new(4).dense(8, Relu).dense(2, Softmax)), 1, "3 classes");
    assert_layer(classify(Sequential::new(4).dense(8, Relu).dense(3, Relu)), 1, "Softmax");
    assert_layer(classify(Sequential::new(4).dense(8, Relu).dense(1, Sigmoid)), 1, "3 classes");
    assert_layer(binary(Sequential::new(4).dense(1, Tanh)), 0, "Sigmoid");
    assert_layer(binary(Sequential::new(4).dense(3, Softmax)), 0, "1 unit with Sigmoid");
    // A dropout rate of 0 and a dropout as the last layer are fine.
    regress(Sequential::new(5).dropout(0.0).dense(2, Relu).dense(1, Linear).dropout(0.3)).unwrap();
    binary(Sequential::new(4).dense(2, Softmax)).unwrap();
    binary(Sequential::new(4).layer(Layer::Dense { units: 1, activation: Linear })).unwrap();
}

#[test]
fn nn_a_build_function_with_zero_units_errors_too() {
    let (x, y) = linear(20, 0.1, 44);
    let p = Mlp { hidden: vec![4, 0], ..Mlp::default() };
    assert_layer(NeuralRegressor::new().fit(&p, &TrainSet::new(x.view(), &y)).map(|_| ()), 1, "unit");
    let p = Mlp { dropout: 1.0, ..Mlp::default() };
    assert_layer(NeuralRegressor::new().fit(&p, &TrainSet::new(x.view(), &y)).map(|_| ()), 1, "dropout");
}

#[track_caller]
fn assert_param(fit: FitParams, name: &str) {
    let (x, y) = linear(10, 0.1, 45);
    let p = Mlp { fit, ..Mlp::default() };
    match NeuralRegressor::new().fit(&p, &TrainSet::new(x.view(), &y)) {
        Err(Error::InvalidParameter { name: n, reason }) => assert_eq!(n, name, "{reason}"),
        other => panic!("expected invalid `{name}`, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn nn_bad_fit_params_name_the_parameter() {
    let ok = FitParams { epochs: 1, ..FitParams::default() };
    assert_param(FitParams { epochs: 0, ..ok.clone() }, "epochs");
    assert_param(FitParams { batch_size: 0, ..ok.clone() }, "batch_size");
    for lr in [0.0, -0.1, f64::NAN, f64::INFINITY] {
        assert_param(FitParams { learning_rate: Some(lr), ..ok.clone() }, "learning_rate");
    }
    for split in [1.0, -0.1, f64::NAN, 2.0] {
        assert_param(FitParams { validation_split: split, ..ok.clone() }, "validation_split");
    }
    // 10 rows: 0.95 leaves no training row, 1e-20 leaves no validation row.
    assert_param(FitParams { validation_split: 0.95, ..ok.clone() }, "validation_split");
    assert_param(FitParams { validation_split: 1e-20, ..ok.clone() }, "validation_split");
    for momentum in [-0.5, 1.5, f64::NAN] {
        assert_param(FitParams { optimizer: Optimizer::Sgd, momentum, ..ok.clone() }, "momentum");
    }
    for min_delta in [-1.0, f64::NAN] {
        let es = EarlyStopping { min_delta, ..EarlyStopping::default() };
        assert_param(FitParams { early_stopping: Some(es), ..ok.clone() }, "early_stopping.min_delta");
    }
    assert_param(FitParams { loss: Loss::CrossEntropy, ..ok.clone() }, "loss");

    let (x, y) = blobs(5, 46);
    let p = Mlp { output: Softmax, fit: FitParams { loss: Loss::Mse, ..ok.clone() }, ..Mlp::default() };
    let r = NeuralClassifier::new().fit(&p, &TrainSet::new(x.view(), &y));
    assert!(matches!(r, Err(Error::InvalidParameter { ref name, .. }) if name == "loss"));
}

#[test]
fn nn_bad_data_is_an_error() {
    let p = Mlp { fit: FitParams { epochs: 1, ..FitParams::default() }, ..Mlp::default() };
    let x = Array2::<f32>::zeros((0, 5));
    let y = Array1::<f32>::zeros(0);
    assert!(matches!(NeuralRegressor::new().fit(&p, &TrainSet::new(x.view(), &y)), Err(Error::Empty(_))));
    let (mut x, y) = linear(10, 0.1, 47);
    x[[3, 1]] = f32::INFINITY;
    let r = NeuralRegressor::new().fit(&p, &TrainSet::new(x.view(), &y));
    assert!(matches!(r, Err(Error::NonFinite { row: 3, column: 1, .. })));
    let (x, mut y) = linear(10, 0.1, 47);
    let short = y.slice(ndarray::s![..5]).to_owned();
    assert!(matches!(
        NeuralRegressor::new().fit(&p, &TrainSet::new(x.view(), &short)),
        Err(Error::ShapeMismatch { .. })
    ));
    // Bad validation data names the validation data.
    y[0] = f32::NAN;
    let (x2, y2) = linear(10, 0.1, 48);
    let r = NeuralRegressor::new().fit(&p, &TrainSet::new(x2.view(), &y2).with_validation(x.view(), &y));
    match r {
        Err(Error::NonFinite { what, row: 0, .. }) => assert!(what.contains("validation"), "{what}"),
        other => panic!("{:?}", other.map(|_| ())),
    }
}

#[test]
fn nn_overflowing_layer_sizes_are_spec_errors_not_panics() {
    // fan_in * fan_out overflows usize: an error naming the layer and its size.
    assert_layer(regress(Sequential::new(5).dense(usize::MAX / 2, Relu).dense(1, Linear)), 0, "parameters");
    assert_layer(regress(Sequential::new(5).dense(4, Relu).dense(usize::MAX, Linear)), 1, "parameters");
}

#[test]
fn nn_layers_beyond_the_parameter_cap_are_spec_errors() {
    use grid_core::nn::MAX_PARAMETERS;
    // One layer beyond the cap (it would allocate gigabytes before training).
    let units = MAX_PARAMETERS / 5 + 1;
    assert_layer(regress(Sequential::new(5).dense(units, Relu).dense(1, Linear)), 0, "parameters");
    // Layers each under the cap whose total is over it: the layer that crosses it is named.
    // Parameters: 6 * 8192, then 8193 * 8192 per layer; the cap 2^28 is crossed at layer 4.
    let mut spec = Sequential::new(5);
    for _ in 0..6 {
        spec = spec.dense(8192, Relu);
    }
    assert_layer(regress(spec.dense(1, Linear)), 4, "parameters");
}

#[test]
fn nn_a_batch_of_activations_beyond_the_cap_is_a_batch_size_error() {
    // 2^20 units (6 * 2^20 parameters, under the cap) but 512 rows of 2^20 activations per step.
    let (x, y) = linear(600, 0.1, 45);
    let spec = Sequential::new(5).dense(1 << 20, Relu).dense(1, Linear);
    let p = NetParams::new(spec, FitParams { epochs: 1, batch_size: 512, ..FitParams::default() });
    match NeuralRegressor::new().fit(&p, &TrainSet::new(x.view(), &y)) {
        Err(Error::InvalidParameter { name, reason }) => {
            assert_eq!(name, "batch_size", "{reason}");
            assert!(reason.contains("activations"), "{reason}");
        }
        other => panic!("expected a batch_size error, got {:?}", other.map(|_| ())),
    }
}
