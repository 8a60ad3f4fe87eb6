//! Seed 4: `GridSearchCV(KerasClassifier(build_fn=create_model), {'units': [5, 10, 15],
//! 'activation': ['relu', 'sigmoid']}, cv=3)` on Iris with a 20 % hold-out test set.
//!
//! Run: `cargo run --release --example iris_classifier`

use gridcv::prelude::*;

/// One hidden layer, and a softmax over the classes.
#[tunable]
pub fn create_model(
    meta: &Meta,
    #[default(5)] units: usize,
    #[default(Activation::Relu)] activation: Activation,
) -> Sequential {
    Sequential::new(meta.n_features).dense(units, activation).dense(meta.n_classes, Activation::Softmax)
}

/// Runs the seed; `epochs_divisor` shortens training (the test suite passes a larger one).
/// Returns the test accuracy.
pub fn run(epochs_divisor: usize) -> gridcv::Result<f64> {
    let iris = datasets::load_iris();
    let (x_train, x_test, y_train, y_test) = train_test_split(&iris.x, &iris.y, 0.2, 42)?;
    let epochs = (100 / epochs_divisor).max(1);
    let grid = grid!(create_model {
        units: [5, 10, 15],
        activation: [Relu, Sigmoid],
        epochs: [epochs],
        batch_size: [8],
    });
    println!("{grid}");
    let search = GridSearchCV::new(NeuralClassifier::new(), grid).cv(3).seed(42).fit(&x_train, &y_train)?;
    println!("Best Parameters: {}", search.best_params());
    println!("Best Score: {}", search.best_score());
    let accuracy = search.best_estimator()?.score(x_test.view(), &y_test)?;
    println!("Test Accuracy: {accuracy}");
    println!("{}", search.cv_results());
    Ok(accuracy)
}

#[allow(dead_code)]
fn main() -> gridcv::Result<()> {
    run(1).map(|_| ())
}
