//! Issue 11 (2): `gridcv::prelude::*` collides with nothing a user brings beside it. Build
//! functions named after every `*Params` type the crates export (`NetParams`, `FitParams`,
//! `HasFitParams`, `NoFitParams`) generate structs of those names, and dfdx's prelude is imported
//! next to ours: every name of our prelude is resolved below, so any name both preludes export,
//! or a generated struct the prelude also exports, is an "ambiguous" compile error here.
//! (Before issue 11: `NetParams` and `FitParams` were ambiguous; beside dfdx, `Optimizer`
//! resolved to dfdx's trait and `Adam`, `Sgd`, `Linear`, `Sigmoid`, `Tanh` and `Softmax` were
//! ambiguous.)

#![deny(ambiguous_glob_imports, ambiguous_glob_reexports)]

use dfdx::prelude::*;
use gridcv::prelude::*;

#[tunable]
fn net(
    meta: &Meta,
    #[default(4)] units: usize,
    #[default(Activation::Tanh)] activation: Activation,
) -> Sequential {
    Sequential::new(meta.n_features).dense(units, activation).dense(meta.n_outputs, Activation::Linear)
}

#[tunable]
fn fit(meta: &Meta, #[default(3)] units: usize) -> Sequential {
    Sequential::new(meta.n_features)
        .dense(units, Activation::Sigmoid)
        .dense(meta.n_outputs, Activation::Linear)
}

#[tunable]
fn has_fit(meta: &Meta, #[default(2)] units: usize) -> Sequential {
    Sequential::new(meta.n_features).dense(units, Activation::Relu)
}

#[tunable]
fn no_fit(#[default(1.0)] alpha: f64) -> f64 {
    alpha
}

/// Every name of `gridcv::prelude`, resolved here (a name both globs bring is an error).
#[allow(unused_imports)]
mod every_name {
    use super::*;
    use super::{
        cross_val_predict as _, cross_val_score as _, cross_validate as _, datasets as _, grid as _,
        train_test_split as _, tunable as _, validation_curve as _, Activation as _, Average as _,
        CrossValidation as _, Cv as _, CvResults as _, Dataset as _, EarlyStopping as _, Error as _,
        ErrorScore as _, Estimator as _, FitOptions as _, FittedClassifier as _, FittedRegressor as _,
        GridSearchCV as _, GroupKFold as _, History as _, KFold as _, Label as _, LeaveOneOut as _,
        Loss as _, Meta as _, NeuralClassifier as _, NeuralRegressor as _, PredefinedSplit as _,
        Predictor as _, Refit as _, RepeatedKFold as _, RepeatedStratifiedKFold as _, Result as _,
        Scoring as _, Sequential as _, ShuffleSplit as _, Split as _, SplitInput as _, Splitter as _,
        StratifiedKFold as _, StratifiedShuffleSplit as _, Target as _, Task as _, TimeSeriesSplit as _,
        TrainSet as _, TrainTestSplit as _, Tunable as _,
    };
}

#[test]
fn generated_structs_named_like_exported_params_types_resolve_to_the_users() {
    let meta = Meta { n_features: 3, n_outputs: 1, n_classes: 0 };
    let grid = grid!(net { units: [5, 6], activation: [Linear, Tanh], optimizer: [Adam, Sgd] });
    let last = grid.get(7).unwrap();
    assert_eq!(
        (last.units, last.activation, last.optimizer),
        (6, Activation::Tanh, gridcv::nn::Optimizer::Sgd)
    );
    assert_eq!(last.build(&meta).layers().len(), 2);
    let params: NetParams = NetParams::default();
    assert_eq!(params.units, 4);
    assert_eq!(FitParams::default().units, 3);
    assert_eq!(HasFitParams::default().units, 2);
    assert_eq!(NoFitParams::default().alpha, 1.0);
    assert_eq!(grid!(fit { units: [1], epochs: [2] }).get(0).unwrap().epochs, 2);
    assert_eq!(grid!(has_fit { batch_size: [7] }).get(0).unwrap().batch_size, 7);
    assert_eq!(grid!(no_fit { alpha: [0.5] }).get(0).unwrap().build(&meta), 0.5);
}

/// dfdx's `Optimizer` trait and its `Linear`, `Tanh`, `Sigmoid` and `Softmax` layers are the ones
/// in scope outside grid values (each was ambiguous, or shadowed by ours, before).
#[allow(dead_code)]
fn dfdx_optimizer<O: Optimizer<(), Cpu, f32>>(_: O) {}

#[allow(dead_code)]
type DfdxLayers = (Linear<2, 3>, Tanh, Sigmoid, Softmax);

#[test]
fn dfdx_s_names_and_ours_side_by_side() {
    let _layer: Option<Linear<2, 3>> = None;
    assert_eq!(std::mem::size_of::<(Tanh, Sigmoid, Softmax)>(), 0);
    assert_eq!(format!("{:?}", Activation::Softmax), "Softmax");
}
