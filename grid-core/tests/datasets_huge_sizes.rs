//! Generator sizes whose arrays cannot be held in memory are refused with an
//! `InvalidParameter` naming the parameter, never a panic, an overflow or an abort.

use grid_core::datasets::{make_classification, make_regression};
use grid_core::Error;

fn param_of<T: std::fmt::Debug>(result: grid_core::Result<T>) -> String {
    match result {
        Err(Error::InvalidParameter { name, .. }) => name,
        other => panic!("expected InvalidParameter, got {other:?}"),
    }
}

#[test]
fn make_regression_with_huge_sizes_is_an_error() {
    assert_eq!(param_of(make_regression(usize::MAX, usize::MAX).build()), "n_samples");
    assert_eq!(param_of(make_regression(usize::MAX, 2).build()), "n_samples");
    // Fits the address space (2^40 cells) but not in memory.
    assert_eq!(param_of(make_regression(1 << 20, 1 << 20).build()), "n_samples");
    assert_eq!(param_of(make_regression(10, 2).n_targets(usize::MAX).build_multi()), "n_targets");
}

#[test]
fn make_classification_with_huge_sizes_is_an_error() {
    assert_eq!(param_of(make_classification(usize::MAX, usize::MAX).build()), "n_samples");
    assert_eq!(param_of(make_classification(1 << 20, 1 << 20).build()), "n_samples");
    // One sample: x is small, but the n_informative^2 = 2^40 covariance cells are not.
    let wide = make_classification(1, 1 << 20).n_informative(1 << 20).n_redundant(0);
    assert_eq!(param_of(wide.build()), "n_informative");
    // x (2^27 + 2^13 cells) and the covariances (2^26) fit, the 2^40-cell redundant mix does not.
    let mixed = make_classification(1, (1 << 27) + (1 << 13)).n_informative(1 << 13).n_redundant(1 << 27);
    assert_eq!(param_of(mixed.build()), "n_redundant");
}
