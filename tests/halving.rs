//! Halving over `epochs` with real networks: the same results on any number of threads, and
//! each row a fresh cross-validation of its parameters (no warm start between rounds).

use gridcv::prelude::*;
use gridcv::search::FittedHalving;
use ndarray::Array1;

#[tunable]
fn create_model(
    meta: &Meta,
    #[default(4)] units: usize,
    #[default(Relu)] activation: Activation,
) -> Sequential {
    Sequential::new(meta.n_features).dense(units, activation).dense(1, Activation::Linear)
}

type Search = FittedHalving<CreateModelParams, FittedRegressor, Array1<f32>>;

fn halving(n_jobs: usize) -> Search {
    let data = datasets::make_regression(40, 3).noise(0.1).seed(1).build().unwrap();
    let space = space!(create_model {
        units: 2..=12,
        activation: [Relu, Tanh],
        learning_rate: log_uniform(1e-3, 1e-1)
    });
    HalvingRandomSearchCV::new(NeuralRegressor::new(), space)
        .n_candidates(9)
        .resource("epochs")
        .max_resources(9)
        .cv(2)
        .scoring(Scoring::NegMeanSquaredError)
        .seed(3)
        .n_jobs(n_jobs)
        .verbose(0)
        .fit(&data.x, &data.y)
        .unwrap()
}

fn bits(search: &Search) -> Vec<u64> {
    let rows = &search.cv_results().candidates;
    rows.iter()
        .flat_map(|r| r.test[0].splits.iter().chain(&r.train.as_ref().unwrap()[0].splits))
        .map(|s| s.to_bits())
        .collect()
}

#[test]
fn halving_is_the_same_on_any_number_of_threads() {
    let (one, two) = (halving(1), halving(2));
    assert_eq!((one.n_candidates(), one.n_resources()), (&[9, 3, 1][..], &[1, 3, 9][..]));
    assert_eq!(bits(&one), bits(&two));
    assert_eq!(one.candidate_ids(), two.candidate_ids());
    assert_eq!(one.best_index(), two.best_index());
}

#[test]
fn each_row_is_a_fresh_cross_validation_of_its_parameters() {
    let search = halving(2);
    let data = datasets::make_regression(40, 3).noise(0.1).seed(1).build().unwrap();
    // The first row of each round was fitted with the seeds of a one-candidate search: a grid
    // search of its parameters alone scores the same, bit for bit, whatever ran before it.
    for iter in 0..3 {
        let row = search.iters().iter().position(|&i| i == iter).unwrap();
        let params = search.cv_results().candidates[row].params.clone();
        assert_eq!(params.epochs, search.n_resources()[iter]);
        let alone = GridSearchCV::new(NeuralRegressor::new(), vec![params])
            .cv(2)
            .scoring(Scoring::NegMeanSquaredError)
            .seed(3)
            .refit(false)
            .verbose(0)
            .fit(&data.x, &data.y)
            .unwrap();
        assert_eq!(
            alone.cv_results().candidates[0].test[0].splits,
            search.cv_results().candidates[row].test[0].splits
        );
    }
}
