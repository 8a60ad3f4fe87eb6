//! The neural estimators through `GridSearchCV` beyond the seed scenarios: several outputs, and
//! `validation_split` inside cross-validation.

use std::collections::HashMap;
use std::sync::Mutex;

use gridcv::nn::HasFitParams;
use gridcv::prelude::*;
use ndarray::{Array1, Array2, Axis};

#[tunable]
fn two_layer(meta: &Meta, #[default(8)] units: usize) -> Sequential {
    Sequential::new(meta.n_features).dense(units, Relu).dense(meta.n_outputs, Linear)
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

impl<P: Tunable<Output = Sequential> + HasFitParams> Estimator<P, Array1<f32>> for Recording {
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
