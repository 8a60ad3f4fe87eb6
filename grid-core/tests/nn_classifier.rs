//! NeuralClassifier: accuracy on the real Iris hold-out and an Iris-like problem, probabilities, classes, binary outputs.

mod nn_support;

use grid_core::datasets::{load_iris, train_test_split};
use grid_core::estimator::{Estimator, Task, TrainSet};
use grid_core::nn::{Activation, FitParams, FittedClassifier, NetParams, NeuralClassifier, Sequential};
use grid_core::Error;
use ndarray::{Array1, Array2};
use nn_support::{blobs, split, Mlp};

fn classifier(epochs: usize) -> Mlp {
    Mlp {
        output: Activation::Softmax,
        fit: FitParams { epochs, batch_size: 8, learning_rate: Some(0.01), ..FitParams::default() },
        ..Mlp::default()
    }
}

fn accuracy<L: PartialEq>(pred: &Array1<L>, truth: &Array1<L>) -> f64 {
    pred.iter().zip(truth).filter(|(p, t)| p == t).count() as f64 / truth.len() as f64
}

#[test]
fn nn_reaches_iris_like_accuracy_on_a_hold_out() {
    let (x, y) = blobs(50, 21);
    let (x_train, y_train, x_test, y_test) = split(&x, &y, 120);
    for seed in 0..4 {
        let data = TrainSet::new(x_train.view(), &y_train).with_seed(seed);
        let model = NeuralClassifier::new().fit(&classifier(150), &data).unwrap();
        let acc = accuracy(&model.predict(x_test.view()).unwrap(), &y_test);
        assert!(acc >= 0.93, "seed {seed}: hold-out accuracy {acc}");
        let h = model.history();
        assert_eq!(h.metric_name, "accuracy");
        assert_eq!(h.epochs(), 150);
        assert!(h.metric.iter().all(|&a| (0.0..=1.0).contains(&a)));
        assert!(h.metric[149] > 0.9, "training accuracy {}", h.metric[149]);
        assert!(h.metric[0] < 0.9, "the first epoch is not already trained: {}", h.metric[0]);
        assert!(h.loss[149] < h.loss[0] / 5.0);
    }
}

#[test]
fn nn_reaches_093_on_the_real_iris_hold_out() {
    // The criterion on the real data: Iris, 20 % held out with seed 42 (30 flowers),
    // 4 -> 16 ReLU -> 3 softmax, Keras' default Adam (lr 0.001), batch 8, 150 epochs.
    let iris = load_iris();
    let (x_train, x_test, y_train, y_test) = train_test_split(&iris.x, &iris.y, 0.2, 42).unwrap();
    assert_eq!((x_train.nrows(), x_test.nrows()), (120, 30));
    let p = NetParams::new(
        Sequential::new(4).dense(16, Activation::Relu).dense(3, Activation::Softmax),
        FitParams { epochs: 150, batch_size: 8, ..FitParams::default() },
    );
    for seed in [0, 1, 42] {
        let data = TrainSet::new(x_train.view(), &y_train).with_seed(seed);
        let model = NeuralClassifier::new().fit(&p, &data).unwrap();
        let acc = accuracy(&model.predict(x_test.view()).unwrap(), &y_test);
        assert!(acc >= 0.93, "seed {seed}: Iris hold-out accuracy {acc}");
        // The score the search would use agrees with the accuracy computed here.
        assert!((model.score(x_test.view(), &y_test).unwrap() - acc).abs() < 1e-12);
        let h = model.history();
        assert!(h.metric[0] < 0.9, "seed {seed}: trained after one epoch already ({})", h.metric[0]);
    }
}

#[test]
fn nn_probabilities_are_in_sorted_class_order_and_agree_with_predict() {
    let (x, y) = blobs(30, 22);
    // Labels as strings, not in sorted order of appearance.
    let names = ["virginica", "setosa", "versicolor"];
    let y: Array1<String> = y.iter().map(|&c| names[c as usize].to_string()).collect();
    let model = NeuralClassifier::new().fit(&classifier(40), &TrainSet::new(x.view(), &y)).unwrap();
    assert_eq!(model.classes(), &["setosa", "versicolor", "virginica"]);
    let proba = model.predict_proba(x.view()).unwrap();
    assert_eq!(proba.dim(), (90, 3));
    let pred = model.predict(x.view()).unwrap();
    for (row, label) in proba.rows().into_iter().zip(&pred) {
        assert!((row.sum() - 1.0).abs() < 1e-5);
        assert!(row.iter().all(|&p| (0.0..=1.0).contains(&p)));
        let best = (0..3).fold(0, |b, j| if row[j] > row[b] { j } else { b });
        assert_eq!(&model.classes()[best], label);
    }
    // The class whose rows are labelled "setosa" (blob 1) gets column 0.
    let setosa_rows: Vec<usize> = (0..90).filter(|&i| y[i] == "setosa").collect();
    let mean_p0 = setosa_rows.iter().map(|&i| proba[[i, 0]]).sum::<f32>() / setosa_rows.len() as f32;
    assert!(mean_p0 > 0.8, "{mean_p0}");
    assert!(accuracy(&pred, &y) > 0.9);
}

#[test]
fn nn_classes_of_the_whole_data_set_give_a_full_width_output() {
    let (x, y) = blobs(20, 23);
    let keep: Vec<usize> = (0..60).filter(|&i| y[i] != 2).collect();
    let y_fold: Array1<u8> = keep.iter().map(|&i| y[i]).collect();
    // The fold's rows read in place from x, with the classes of the whole data set.
    let data = TrainSet::from_rows(x.view(), &keep, &y_fold, vec![0, 1, 2]);
    assert_eq!(data.meta().n_outputs, 3);
    let model = NeuralClassifier::new().fit(&classifier(10), &data).unwrap();
    assert_eq!(model.classes(), &[0, 1, 2]);
    assert_eq!(model.predict_proba(x.view()).unwrap().ncols(), 3);
    assert_eq!(model.spec().output_width(), Some(3));
}

#[test]
fn nn_binary_with_one_sigmoid_unit_or_two_softmax_units() {
    let (x, y) = blobs(30, 24);
    let keep: Vec<usize> = (0..90).filter(|&i| y[i] != 1).collect();
    let x2 = x.select(ndarray::Axis(0), &keep);
    let y2: Array1<bool> = keep.iter().map(|&i| y[i] == 2).collect();
    let fit = FitParams { epochs: 40, batch_size: 8, learning_rate: Some(0.01), ..FitParams::default() };
    for output in [Activation::Sigmoid, Activation::Linear] {
        let p = grid_core::nn::NetParams::new(
            Sequential::new(4).dense(8, Activation::Relu).dense(1, output),
            fit.clone(),
        );
        let model = NeuralClassifier::new().fit(&p, &TrainSet::new(x2.view(), &y2)).unwrap();
        let proba = model.predict_proba(x2.view()).unwrap();
        assert_eq!(proba.ncols(), 2);
        for row in proba.rows() {
            assert!((row[0] + row[1] - 1.0).abs() < 1e-6);
        }
        let pred = model.predict(x2.view()).unwrap();
        assert!(accuracy(&pred, &y2) > 0.95, "{output:?}: {}", accuracy(&pred, &y2));
        for (row, &label) in proba.rows().into_iter().zip(&pred) {
            assert_eq!(row[1] > 0.5, label);
        }
    }
    let two = Mlp { output: Activation::Softmax, fit, ..Mlp::default() };
    let model = NeuralClassifier::new().fit(&two, &TrainSet::new(x2.view(), &y2)).unwrap();
    assert!(accuracy(&model.predict(x2.view()).unwrap(), &y2) > 0.95);
}

#[test]
fn nn_validation_data_and_seeds() {
    let (x, y) = blobs(30, 25);
    let (x_train, y_train, x_val, y_val) = split(&x, &y, 60);
    let p = Mlp { dropout: 0.1, ..classifier(15) };
    let data = TrainSet::new(x_train.view(), &y_train).with_validation(x_val.view(), &y_val).with_seed(4);
    let a = NeuralClassifier::new().fit(&p, &data).unwrap();
    let b = NeuralClassifier::new().fit(&p, &data).unwrap();
    let c = NeuralClassifier::new().fit(&p, &data.clone().with_seed(5)).unwrap();
    assert_eq!(a.weights(), b.weights());
    assert_ne!(a.weights(), c.weights());
    let h = a.history();
    assert_eq!(h.val_loss.len(), 15);
    // The last validation accuracy is the final model's accuracy on the validation rows.
    let acc = accuracy(&a.predict(x_val.view()).unwrap(), &y_val);
    assert!((h.val_metric[14] - acc).abs() < 1e-9, "{} vs {acc}", h.val_metric[14]);

    // A validation label the training classes do not have is an error.
    let y_bad: Array1<u8> = y_val.mapv(|v| v + 5);
    let data = TrainSet::new(x_train.view(), &y_train).with_validation(x_val.view(), &y_bad);
    assert!(matches!(NeuralClassifier::new().fit(&p, &data), Err(Error::UnknownLabel(_))));
    // Validation rows of another width are an error.
    let narrow = Array2::<f32>::zeros((30, 3));
    let data = TrainSet::new(x_train.view(), &y_train).with_validation(narrow.view(), &y_val);
    assert!(matches!(NeuralClassifier::new().fit(&p, &data), Err(Error::ShapeMismatch { .. })));
}

#[test]
fn nn_one_class_is_an_error_and_the_task_is_classification() {
    let x = Array2::<f32>::zeros((5, 2));
    let y = Array1::from_elem(5, 1_u8);
    let p = Mlp { output: Activation::Softmax, ..Mlp::default() };
    let r = NeuralClassifier::new().fit(&p, &TrainSet::new(x.view(), &y));
    assert!(matches!(r, Err(Error::InvalidParameter { ref name, .. }) if name == "y"));
    let est = NeuralClassifier::new();
    assert_eq!(<NeuralClassifier as Estimator<Mlp, Array1<u8>>>::task(&est), Task::Classification);
    let _: Option<FittedClassifier<u8>> = None;
}
