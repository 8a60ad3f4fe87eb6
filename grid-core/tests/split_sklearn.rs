//! Unshuffled splitters against scikit-learn 1.9.1: the exact train/test indices.
//!
//! Every expected value below was printed by `/work/venv-sk/bin/python` with this helper:
//!
//! ```python
//! import numpy as np, warnings
//! from sklearn.model_selection import (KFold, StratifiedKFold, GroupKFold, TimeSeriesSplit,
//!                                      LeaveOneOut, PredefinedSplit)
//! def show(name, cv, n, y=None, groups=None):
//!     with warnings.catch_warnings(record=True) as w:
//!         warnings.simplefilter("always")
//!         s = [(tr.tolist(), te.tolist()) for tr, te in cv.split(np.zeros((n, 1)), y, groups)]
//!     print(name, [str(x.message) for x in w])
//!     for tr, te in s: print("   (&%s, &%s)," % (tr, te))
//! ```
//!
//! and the call given above each test.

use grid_core::split::{
    GroupKFold, KFold, LeaveOneOut, PredefinedSplit, Split, SplitInput, Splitter, StratifiedKFold,
    TimeSeriesSplit,
};

type Expected<'a> = &'a [(&'a [usize], &'a [usize])];

fn check(splitter: &dyn Splitter, input: &SplitInput<'_>, expected: Expected<'_>) {
    let got = splitter.split(input).unwrap();
    let expected: Vec<Split> =
        expected.iter().map(|(train, test)| Split { train: train.to_vec(), test: test.to_vec() }).collect();
    assert_eq!(got, expected, "{splitter:?}");
}

fn with_labels(labels: &[usize]) -> SplitInput<'_> {
    SplitInput { labels: Some(labels), ..SplitInput::new(labels.len()) }
}

fn with_groups(groups: &[usize]) -> SplitInput<'_> {
    SplitInput { groups: Some(groups), ..SplitInput::new(groups.len()) }
}

/// `show("kfold 10 3", KFold(3), 10)`, `show("kfold 7 2", KFold(2), 7)`,
/// `show("kfold 5 5", KFold(5), 5)`
#[test]
fn kfold_matches_sklearn() {
    check(
        &KFold::new(3),
        &SplitInput::new(10),
        &[
            (&[4, 5, 6, 7, 8, 9], &[0, 1, 2, 3]),
            (&[0, 1, 2, 3, 7, 8, 9], &[4, 5, 6]),
            (&[0, 1, 2, 3, 4, 5, 6], &[7, 8, 9]),
        ],
    );
    check(&KFold::new(2), &SplitInput::new(7), &[(&[4, 5, 6], &[0, 1, 2, 3]), (&[0, 1, 2, 3], &[4, 5, 6])]);
    check(
        &KFold::new(5),
        &SplitInput::new(5),
        &[
            (&[1, 2, 3, 4], &[0]),
            (&[0, 2, 3, 4], &[1]),
            (&[0, 1, 3, 4], &[2]),
            (&[0, 1, 2, 4], &[3]),
            (&[0, 1, 2, 3], &[4]),
        ],
    );
    check(
        &KFold::default(),
        &SplitInput::new(5),
        &[
            (&[1, 2, 3, 4], &[0]),
            (&[0, 2, 3, 4], &[1]),
            (&[0, 1, 3, 4], &[2]),
            (&[0, 1, 2, 4], &[3]),
            (&[0, 1, 2, 3], &[4]),
        ],
    );
}

/// Classes first appear in the order 2, 0, 1 (not sorted), sizes 6, 3, 3:
/// `show("skf y1 k3", StratifiedKFold(3), 12, [2,2,0,1,0,2,1,1,2,0,2,2])` (no warning)
#[test]
fn stratified_kfold_classes_in_order_of_first_appearance() {
    let y = [2, 2, 0, 1, 0, 2, 1, 1, 2, 0, 2, 2];
    let skf = StratifiedKFold::new(3);
    check(
        &skf,
        &with_labels(&y),
        &[
            (&[4, 5, 6, 7, 8, 9, 10, 11], &[0, 1, 2, 3]),
            (&[0, 1, 2, 3, 7, 9, 10, 11], &[4, 5, 6, 8]),
            (&[0, 1, 2, 3, 4, 5, 6, 8], &[7, 9, 10, 11]),
        ],
    );
    assert!(skf.warnings(&with_labels(&y)).is_empty());
}

/// Unbalanced classes (7 ones, 3 zeros) and n % k != 0:
/// `show("skf y2 k3", StratifiedKFold(3), 10, [1,1,1,1,1,1,1,0,0,0])` (no warning)
#[test]
fn stratified_kfold_unbalanced() {
    let y = [1, 1, 1, 1, 1, 1, 1, 0, 0, 0];
    check(
        &StratifiedKFold::new(3),
        &with_labels(&y),
        &[
            (&[3, 4, 5, 6, 8, 9], &[0, 1, 2, 7]),
            (&[0, 1, 2, 5, 6, 7, 9], &[3, 4, 8]),
            (&[0, 1, 2, 3, 4, 7, 8], &[5, 6, 9]),
        ],
    );
}

/// A class smaller than n_splits: scikit-learn splits and warns
/// `show("skf y3 k3", StratifiedKFold(3), 10, [0,0,0,0,0,1,1,1,1,2])`
/// -> ['The least populated class in y has only 1 members, which is less than n_splits=3.']
#[test]
fn stratified_kfold_small_class_warns() {
    let y = [0, 0, 0, 0, 0, 1, 1, 1, 1, 2];
    let skf = StratifiedKFold::new(3);
    check(
        &skf,
        &with_labels(&y),
        &[
            (&[2, 3, 4, 6, 7, 8], &[0, 1, 5, 9]),
            (&[0, 1, 4, 5, 7, 8, 9], &[2, 3, 6]),
            (&[0, 1, 2, 3, 5, 6, 9], &[4, 7, 8]),
        ],
    );
    assert_eq!(
        skf.warnings(&with_labels(&y)),
        ["The least populated class in y has only 1 members, which is less than n_splits=3."]
    );
}

/// Sparse class indices (3, 5, 9), interleaved, first appearance 5, 9, 3:
/// `show("skf y4 k4", StratifiedKFold(4), 11, [5,9,5,3,3,9,3,5,5,9,3])`
/// -> ['The least populated class in y has only 3 members, which is less than n_splits=4.']
#[test]
fn stratified_kfold_sparse_interleaved_labels() {
    let y = [5, 9, 5, 3, 3, 9, 3, 5, 5, 9, 3];
    let skf = StratifiedKFold::new(4);
    check(
        &skf,
        &with_labels(&y),
        &[
            (&[2, 4, 5, 6, 7, 8, 9, 10], &[0, 1, 3]),
            (&[0, 1, 3, 6, 7, 8, 9, 10], &[2, 4, 5]),
            (&[0, 1, 2, 3, 4, 5, 8, 10], &[6, 7, 9]),
            (&[0, 1, 2, 3, 4, 5, 6, 7, 9], &[8, 10]),
        ],
    );
    assert_eq!(
        skf.warnings(&with_labels(&y)),
        ["The least populated class in y has only 3 members, which is less than n_splits=4."]
    );
}

/// Group sizes 2, 2, 2, 3, 1 (ties among groups 0, 1, 2):
/// `show("gkf g1 k2", GroupKFold(2), 10, groups=[0,0,1,1,2,2,3,3,3,4])` and the same with
/// `GroupKFold(3)`.
#[test]
fn group_kfold_ties_in_group_sizes() {
    let g = [0, 0, 1, 1, 2, 2, 3, 3, 3, 4];
    check(
        &GroupKFold::new(2),
        &with_groups(&g),
        &[(&[2, 3, 4, 5, 9], &[0, 1, 6, 7, 8]), (&[0, 1, 6, 7, 8], &[2, 3, 4, 5, 9])],
    );
    check(
        &GroupKFold::new(3),
        &with_groups(&g),
        &[
            (&[0, 1, 2, 3, 4, 5, 9], &[6, 7, 8]),
            (&[2, 3, 6, 7, 8, 9], &[0, 1, 4, 5]),
            (&[0, 1, 4, 5, 6, 7, 8], &[2, 3, 9]),
        ],
    );
}

/// Sparse group ids, not sorted: `show("gkf g2 k3", GroupKFold(3), 10,
/// groups=[7,7,3,3,5,5,5,1,9,9])`; all-tied sizes but one:
/// `show("gkf g3 k4", GroupKFold(4), 12, groups=[4,4,2,2,0,0,1,1,3,3,3,3])`
#[test]
fn group_kfold_sparse_unsorted_groups() {
    check(
        &GroupKFold::new(3),
        &with_groups(&[7, 7, 3, 3, 5, 5, 5, 1, 9, 9]),
        &[
            (&[0, 1, 2, 3, 7, 8, 9], &[4, 5, 6]),
            (&[0, 1, 4, 5, 6, 7], &[2, 3, 8, 9]),
            (&[2, 3, 4, 5, 6, 8, 9], &[0, 1, 7]),
        ],
    );
    check(
        &GroupKFold::new(4),
        &with_groups(&[4, 4, 2, 2, 0, 0, 1, 1, 3, 3, 3, 3]),
        &[
            (&[0, 1, 2, 3, 4, 5, 6, 7], &[8, 9, 10, 11]),
            (&[2, 3, 6, 7, 8, 9, 10, 11], &[0, 1, 4, 5]),
            (&[0, 1, 4, 5, 6, 7, 8, 9, 10, 11], &[2, 3]),
            (&[0, 1, 2, 3, 4, 5, 8, 9, 10, 11], &[6, 7]),
        ],
    );
}

/// `show("tss 10 3", TimeSeriesSplit(3), 10)`, `show("tss 6 5", TimeSeriesSplit(5), 6)`
#[test]
fn time_series_split_defaults() {
    check(
        &TimeSeriesSplit::new(3),
        &SplitInput::new(10),
        &[(&[0, 1, 2, 3], &[4, 5]), (&[0, 1, 2, 3, 4, 5], &[6, 7]), (&[0, 1, 2, 3, 4, 5, 6, 7], &[8, 9])],
    );
    check(
        &TimeSeriesSplit::default(),
        &SplitInput::new(6),
        &[(&[0], &[1]), (&[0, 1], &[2]), (&[0, 1, 2], &[3]), (&[0, 1, 2, 3], &[4]), (&[0, 1, 2, 3, 4], &[5])],
    );
}

/// `show("tss 12 3 gap2", TimeSeriesSplit(3, gap=2), 12)`,
/// `show("tss 10 3 ts2 mts3", TimeSeriesSplit(3, test_size=2, max_train_size=3), 10)`
#[test]
fn time_series_split_gap_test_size_max_train_size() {
    check(
        &TimeSeriesSplit::new(3).gap(2),
        &SplitInput::new(12),
        &[(&[0], &[3, 4, 5]), (&[0, 1, 2, 3], &[6, 7, 8]), (&[0, 1, 2, 3, 4, 5, 6], &[9, 10, 11])],
    );
    check(
        &TimeSeriesSplit::new(3).test_size(2).max_train_size(3),
        &SplitInput::new(10),
        &[(&[1, 2, 3], &[4, 5]), (&[3, 4, 5], &[6, 7]), (&[5, 6, 7], &[8, 9])],
    );
}

/// `show("loo 4", LeaveOneOut(), 4)`
#[test]
fn leave_one_out_matches_sklearn() {
    check(
        &LeaveOneOut::new(),
        &SplitInput::new(4),
        &[(&[1, 2, 3], &[0]), (&[0, 2, 3], &[1]), (&[0, 1, 3], &[2]), (&[0, 1, 2], &[3])],
    );
}

/// Folds not in order of appearance, -1 always trained on:
/// `show("predef", PredefinedSplit([1,-1,0,1,2,0,-1]), 7)`
#[test]
fn predefined_split_matches_sklearn() {
    check(
        &PredefinedSplit::new(vec![1, -1, 0, 1, 2, 0, -1]),
        &SplitInput::new(7),
        &[(&[0, 1, 3, 4, 6], &[2, 5]), (&[1, 2, 4, 5, 6], &[0, 3]), (&[0, 1, 2, 3, 5, 6], &[4])],
    );
}
