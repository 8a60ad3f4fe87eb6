//! Every example runs here with fewer epochs, so none of them can rot.

#[allow(dead_code)]
#[path = "../examples/regressor_basic.rs"]
mod regressor_basic;

#[allow(dead_code)]
#[path = "../examples/regressor_architecture.rs"]
mod regressor_architecture;

#[allow(dead_code)]
#[path = "../examples/regressor_validation.rs"]
mod regressor_validation;

#[allow(dead_code)]
#[path = "../examples/iris_classifier.rs"]
mod iris_classifier;

#[allow(dead_code)]
#[path = "../examples/csv_regression.rs"]
mod csv_regression;

#[test]
fn regressor_basic_runs() {
    regressor_basic::run(25).unwrap();
}

#[test]
fn regressor_architecture_runs() {
    regressor_architecture::run(25).unwrap();
}

#[test]
fn regressor_validation_runs() {
    regressor_validation::run(25).unwrap();
}

#[test]
fn iris_classifier_runs_and_learns() {
    // The full example (100 epochs, it takes well under a second): 28 of the 30 held-out
    // flowers or more on this machine; chance is 1/3.
    let accuracy = iris_classifier::run(1).unwrap();
    assert!(accuracy >= 0.9, "test accuracy {accuracy}");
}

#[test]
fn csv_regression_runs_on_the_sample_file() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/housing_small.csv");
    let r2 = csv_regression::run(path, "price", 4).unwrap();
    assert!(r2.is_finite());
    let missing = csv_regression::run("/nonexistent/file.csv", "price", 4).unwrap_err();
    assert!(missing.to_string().contains("/nonexistent/file.csv"), "{missing}");
}
