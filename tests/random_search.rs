//! `space!` and `RandomizedSearchCV` end to end: the seed alone decides the candidates and the
//! results, whatever the number of threads; draws stay in their distributions; mistakes that
//! only show at run time are typed errors.

use gridcv::prelude::*;
use gridcv::search::{FittedSearch, RandomizedSearchCV};
use gridcv::space::{Distribution, ParamSpace, SampledGrid, SpaceRng};
use ndarray::Array1;

#[tunable]
fn create_model(
    meta: &Meta,
    #[default(4)] units: usize,
    #[default(Relu)] activation: Activation,
) -> Sequential {
    Sequential::new(meta.n_features).dense(units, activation).dense(1, Activation::Linear)
}

type Search = FittedSearch<CreateModelParams, FittedRegressor, Array1<f32>>;

fn search(seed: u64, n_jobs: usize) -> Search {
    let data = datasets::make_regression(40, 3).noise(0.1).seed(1).build().unwrap();
    let space = space!(create_model {
        units: 2..=16,
        learning_rate: log_uniform(1e-3, 1e-1),
        activation: [Relu, Tanh],
        epochs: [3],
    });
    RandomizedSearchCV::new(NeuralRegressor::new(), space)
        .n_iter(6)
        .cv(2)
        .scoring(Scoring::NegMeanSquaredError)
        .seed(seed)
        .n_jobs(n_jobs)
        .verbose(0)
        .fit(&data.x, &data.y)
        .unwrap()
}

fn scores(search: &Search) -> Vec<u64> {
    search.cv_results().candidates.iter().flat_map(|r| r.test[0].splits.iter().map(|s| s.to_bits())).collect()
}

#[test]
fn the_seed_alone_decides_candidates_and_scores_on_any_thread_count() {
    let (one, two) = (search(5, 1), search(5, 2));
    let params = |s: &Search| s.cv_results().candidates.iter().map(|r| r.params.clone()).collect::<Vec<_>>();
    assert_eq!(params(&one), params(&two));
    assert_eq!(scores(&one), scores(&two), "bit for bit");
    assert_eq!(one.best_index(), two.best_index());
    assert_eq!(one.cv_results().to_csv_string().lines().count(), 7);
    let other = search(6, 2);
    assert_ne!(params(&one), params(&other), "another seed, other candidates");
    // The grid's columns: one `param_<axis>` per axis of the space.
    let columns: Vec<String> = one.cv_results().columns().into_iter().map(|(name, _)| name).collect();
    for axis in ["activation", "epochs", "learning_rate", "units"] {
        assert!(columns.contains(&format!("param_{axis}")), "{columns:?}");
    }
    assert!(!columns.contains(&"param_batch_size".to_string()));
}

#[test]
fn draws_stay_in_their_distributions_and_cover_them() {
    let space = space!(create_model {
        units: 8..=64,
        learning_rate: log_uniform(1e-4, 1e-1),
        activation: [Relu, Tanh],
        validation_split: 0.0..0.5,
    });
    let drawn = SampledGrid::sample(&space, 300, 3).unwrap().candidates;
    assert!(drawn.iter().all(|p| (8..=64).contains(&p.units)));
    assert!(drawn.iter().any(|p| p.units == 8) && drawn.iter().any(|p| p.units == 64));
    let rates: Vec<f64> = drawn.iter().map(|p| p.learning_rate.unwrap()).collect();
    assert!(rates.iter().all(|r| (1e-4..1e-1).contains(r)));
    assert!(rates.iter().any(|&r| r < 1e-3) && rates.iter().any(|&r| r > 1e-2), "every decade");
    assert!(drawn.iter().all(|p| (0.0..0.5).contains(&p.validation_split)));
    let tanh = drawn.iter().filter(|p| p.activation == Activation::Tanh).count();
    assert!((100..200).contains(&tanh), "{tanh} of 300");
    // Axes not named keep their default.
    assert!(drawn.iter().all(|p| p.epochs == 100 && p.batch_size == 32));
    // Candidate i depends on (seed, i) alone: the first draws of a longer sample are the same.
    assert_eq!(SampledGrid::sample(&space, 10, 3).unwrap().candidates, drawn[..10]);
}

#[test]
fn a_space_of_lists_is_drawn_without_replacement() {
    let space = space!(create_model { units: [1, 2, 3], activation: [Relu, Tanh] });
    assert_eq!(space.grid_len(), Some(6));
    let four = RandomizedSearchCV::new(NeuralRegressor::new(), space).n_iter(4).seed(9).candidates().unwrap();
    let mut seen: Vec<String> = four.candidates.iter().map(|p| p.to_string()).collect();
    seen.sort();
    seen.dedup();
    assert_eq!((seen.len(), four.exhausted), (4, None));
    let space = space!(create_model { units: [1, 2, 3], activation: [Relu, Tanh] });
    let all = SampledGrid::sample(&space, 10, 9).unwrap();
    let mut seen: Vec<String> = all.candidates.iter().map(|p| p.to_string()).collect();
    seen.sort();
    seen.dedup();
    assert_eq!((seen.len(), all.exhausted), (6, Some(6)), "all six, once");
}

/// Powers of two between two exponents: a distribution of the user's own.
struct PowerOfTwo(u32, u32);

impl Distribution<usize> for PowerOfTwo {
    fn sample(&self, rng: &mut SpaceRng) -> usize {
        1 << (self.0 + rng.below(u64::from(self.1 - self.0 + 1)) as u32)
    }
}

#[test]
fn any_type_implementing_distribution_is_an_axis() {
    let space = space!(create_model { units: PowerOfTwo(2, 5), batch_size: [16, 32] });
    let drawn = SampledGrid::sample(&space, 50, 1).unwrap().candidates;
    assert!(drawn.iter().all(|p| [4, 8, 16, 32].contains(&p.units)));
    assert!(drawn.iter().any(|p| p.units == 4) && drawn.iter().any(|p| p.units == 32));
}

#[test]
fn bounds_known_only_at_run_time_are_checked_before_fitting() {
    let high = 4_usize;
    let space = space!(create_model { units: 8..=high });
    let data = datasets::make_regression(20, 2).seed(1).build().unwrap();
    let error =
        RandomizedSearchCV::new(NeuralRegressor::new(), space).verbose(0).fit(&data.x, &data.y).unwrap_err();
    match error {
        Error::InvalidParameter { name, reason } => {
            assert_eq!(name, "space axis `units`");
            assert!(reason.contains("8..=4"), "{reason}");
        }
        other => panic!("{other}"),
    }
    let space = space!(create_model { learning_rate: log_uniform(-(high as f64), 1.0) });
    assert!(SampledGrid::sample(&space, 1, 0).is_err());
    let space = space!(create_model { units: [3] });
    assert!(RandomizedSearchCV::new(NeuralRegressor::new(), space).n_iter(0).candidates().is_err());
}
