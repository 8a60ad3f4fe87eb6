//! The neural estimators through `GridSearchCV` beyond the seed scenarios: several outputs, and
//! `validation_split` inside cross-validation.

use std::collections::HashMap;
use std::sync::Mutex;

use gridcv::nn::{FitParams, HasFitParams};
use gridcv::prelude::*;
use ndarray::{Array1, Array2, Axis};

#[tunable]
fn two_layer(meta: &Meta, #[default(8)] units: usize) -> Sequential {
    Sequential::new(meta.n_features).dense(units, Activation::Relu).dense(meta.n_outputs, Activation::Linear)
}

#[test]
fn multi_output_regressor_through_the_search() {
    let data = datasets::make_regression(90, 4).n_targets(2).noise(0.1).seed(7).build_multi().unwrap();
    assert_eq!(data.y.dim(), (90, 2));
    let grid =
        grid!(two_layer { units: [4, 16], epochs: [60], batch_size: [10], learning_rate: [Some(0.02)] });
    let search =
        GridSearchCV::new(NeuralRegressor::new(), grid).cv(3).seed(1).verbose(0).fit(&data.x, &data.y);
    let search = search.unwrap();
    let rows = &search.cv_results().candidates;
    assert_eq!(rows.len(), 2);
    for row in rows {
        assert!(row.errors.iter().all(Option::is_none), "{:?}", row.errors);
        assert_eq!(row.test[0].splits.len(), 3);
        // R² averaged over the two outputs, on held-out folds: the networks learn both columns.
        assert!(row.mean_test_score() > 0.8, "{}: {}", row.params, row.mean_test_score());
    }
    let model = search.best_estimator().unwrap();
    assert_eq!(model.n_outputs(), 2);
    assert_eq!(model.spec().output_width(), Some(2));
    let pred: Array2<f32> = search.predict(data.x.view()).unwrap();
    assert_eq!(pred.dim(), (90, 2));
    // Each output column is fitted to its own target (not, say, both to the first one).
    for j in 0..2 {
        let (p, t) = (pred.column(j), data.y.column(j));
        let mse = (&p - &t).mapv(|d| f64::from(d).powi(2)).mean().unwrap();
        let var = t.mapv(f64::from).var(0.0);
        assert!(mse < 0.1 * var, "output {j}: mse {mse}, variance {var}");
    }
    assert!(search.best_score().is_finite());
    assert!((search.score(data.x.view(), &data.y).unwrap() - 1.0).abs() < 0.1);
}

/// What one fit was given and what it produced.
struct FitRecord {
    x: Array2<f32>,
    y: Array1<f32>,
    had_validation_data: bool,
    model: FittedRegressor,
}

/// `NeuralRegressor`, recording every fit the search makes.
#[derive(Default)]
struct Recording(Mutex<Vec<FitRecord>>);

impl<P: Tunable<Output = Sequential> + HasFitParams<FitParams = FitParams>> Estimator<P, Array1<f32>>
    for Recording
{
    type Fitted = FittedRegressor;

    fn task(&self) -> Task {
        Task::Regression
    }

    fn fit(&self, params: &P, data: &TrainSet<'_, Array1<f32>>) -> Result<FittedRegressor> {
        let model = NeuralRegressor::new().fit(params, data)?;
        self.0.lock().unwrap().push(FitRecord {
            x: data.x().to_owned(),
            y: data.y().clone(),
            had_validation_data: data.validation().is_some(),
            model: model.clone(),
        });
        Ok(model)
    }
}

fn mse(model: &FittedRegressor, x: &Array2<f32>, y: &Array1<f32>, rows: &[usize]) -> f64 {
    let pred: Array1<f32> = model.predict(x.select(Axis(0), rows).view()).unwrap();
    pred.iter().zip(rows).map(|(&p, &i)| f64::from(p - y[i]).powi(2)).sum::<f64>() / rows.len() as f64
}

#[test]
fn validation_split_inside_cv_comes_from_the_training_fold() {
    let data = datasets::make_regression(60, 3).noise(0.5).seed(11).build().unwrap();
    // Every row is identifiable by its features.
    let key = |row: ndarray::ArrayView1<'_, f32>| row.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
    let ids: HashMap<Vec<u32>, usize> =
        data.x.rows().into_iter().enumerate().map(|(i, r)| (key(r), i)).collect();
    assert_eq!(ids.len(), 60);

    let grid = grid!(two_layer { epochs: [6], batch_size: [8], validation_split: [0.25] });
    let recording = Recording::default();
    let search = GridSearchCV::new(&recording, grid).cv(3).verbose(0).fit(&data.x, &data.y).unwrap();
    let splits = search.splits();
    let fits = recording.0.into_inner().unwrap();
    // Three fold fits and the refit on all 60 rows.
    assert_eq!(fits.len(), 4);

    let mut folds_seen = vec![false; splits.len()];
    for fit in &fits {
        assert!(!fit.had_validation_data, "validation_split needs no validation data from the search");
        let rows: Vec<usize> = fit.x.rows().into_iter().map(|r| ids[&key(r)]).collect();
        for (k, &i) in rows.iter().enumerate() {
            assert_eq!(fit.y[k], data.y[i], "targets travel with their rows");
        }
        // Keras' split: the first floor(0.75 n) rows train, the last ones validate.
        let n_train = (rows.len() as f64 * 0.75).floor() as usize;
        let validation = &rows[n_train..];
        let h = fit.model.history();
        assert_eq!((h.loss.len(), h.val_loss.len(), h.val_metric.len()), (6, 6, 6));
        assert!(h.val_loss.iter().all(|v| v.is_finite()));
        // The last val_metric is the final model's MSE on exactly those rows...
        let on_validation = mse(&fit.model, &data.x, &data.y, validation);
        let last = h.val_metric[5];
        assert!((last - on_validation).abs() <= 1e-4 * on_validation, "{last} vs {on_validation}");

        if rows.len() == 60 {
            continue; // the refit
        }
        // ...and a fold fit's rows are exactly its split's training rows: the test rows are
        // neither trained on nor used for validation.
        let k = splits.iter().position(|s| s.train == rows).expect("a fit on one split's training rows");
        folds_seen[k] = true;
        let test = &splits[k].test;
        assert!(test.iter().all(|i| !rows.contains(i)));
        assert_eq!(rows.len() + test.len(), 60);
        let on_test = mse(&fit.model, &data.x, &data.y, test);
        assert!((last - on_test).abs() > 1e-3 * on_test, "val_metric {last} matches the test fold {on_test}");
    }
    assert!(folds_seen.iter().all(|&s| s), "every split fitted once: {folds_seen:?}");
}

#[tunable]
fn quick_start(
    meta: &Meta,
    #[default(10)] units: usize,
    #[default(Relu)] activation: Activation,
) -> Sequential {
    Sequential::new(meta.n_features).dense(units, activation).dense(meta.n_classes, Activation::Softmax)
}

/// The README's quick start without `.seed(42)` (so at seed 0): its refit on all the training
/// rows gets stuck at 0.69 training accuracy where the same candidate's folds train to 0.975,
/// and the search says so (issue 12; `examples/refit_gap.rs` measures 60 seeds, and only this
/// one and seed 19 fall clearly below their folds).
#[test]
fn the_quick_start_at_seed_0_warns_that_its_refit_trained_clearly_worse() {
    let iris = datasets::load_iris();
    let (x_train, _, y_train, _) = train_test_split(&iris.x, &iris.y, 0.2, 42).unwrap();
    let grid = grid!(quick_start {
        units: [5, 10, 15],
        activation: [Relu, Sigmoid],
        epochs: [100],
        batch_size: [8]
    });
    let search =
        GridSearchCV::new(NeuralClassifier::new(), grid).cv(3).verbose(0).fit(&x_train, &y_train).unwrap();
    let refit = search.refit_train_score().unwrap();
    assert!(refit < 0.8, "the refit at seed 0 trains to {refit}");
    let warning = search.warnings().iter().find(|w| w.contains("trained clearly worse"));
    let warning = warning.unwrap_or_else(|| panic!("no warning in {:?}", search.warnings()));
    assert!(warning.starts_with(&format!("the refit of candidate {} ", search.best_index())), "{warning}");
    assert!(warning.contains(&format!("accuracy {refit:.4} on all the data")), "{warning}");
}

#[test]
fn best_params_and_the_table_show_the_searched_axes_only() {
    // Issue 11 (4): `{activation: Relu, batch_size: 10, epochs: 100, optimizer: Adam, units: 10}`
    // was printed for a grid over batch_size, epochs and optimizer; scikit-learn prints the
    // searched keys only.
    let data = datasets::make_regression(30, 3).noise(0.1).seed(3).build().unwrap();
    let grid = grid!(two_layer { batch_size: [10], epochs: [2, 3], optimizer: [Adam] } | { units: [2] });
    let search =
        GridSearchCV::new(NeuralRegressor::new(), grid).cv(2).verbose(0).fit(&data.x, &data.y).unwrap();
    let best = search.best_params().to_string();
    assert!(
        [
            "{batch_size: 10, epochs: 2, optimizer: Adam}",
            "{batch_size: 10, epochs: 3, optimizer: Adam}",
            "{units: 2}"
        ]
        .contains(&best.as_str()),
        "{best}"
    );
    let table = search.cv_results().to_string();
    let rows: Vec<&str> = table.lines().skip(1).collect();
    assert!(rows[0].ends_with("  {batch_size: 10, epochs: 2, optimizer: Adam}"), "{table}");
    assert!(rows[1].ends_with("  {batch_size: 10, epochs: 3, optimizer: Adam}"), "{table}");
    assert!(rows[2].ends_with("  {units: 2}"), "{table}");
    // The typed struct keeps every field.
    assert_eq!(search.cv_results().candidates[2].params.epochs, FitParams::default().epochs);
}
