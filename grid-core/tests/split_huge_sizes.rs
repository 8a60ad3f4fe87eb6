//! Sizes near `usize::MAX` are refused with an `InvalidParameter` naming the parameter, never
//! a panic, an overflow or an allocation failure.

use grid_core::split::{
    GroupKFold, KFold, LeaveOneOut, PredefinedSplit, RepeatedKFold, RepeatedStratifiedKFold, ShuffleSplit,
    SplitInput, Splitter, StratifiedShuffleSplit, TimeSeriesSplit,
};
use grid_core::Error;

fn assert_invalid(splitter: &dyn Splitter, input: &SplitInput<'_>, param: &str) {
    match splitter.split(input) {
        Err(Error::InvalidParameter { name, .. }) => assert_eq!(name, param, "{splitter:?}"),
        other => panic!("{splitter:?}: expected InvalidParameter({param}), got {other:?}"),
    }
}

#[test]
fn time_series_split_with_usize_max_splits_is_an_error() {
    assert_invalid(&TimeSeriesSplit::new(usize::MAX), &SplitInput::new(10), "n_splits");
    assert_invalid(&TimeSeriesSplit::new(usize::MAX), &SplitInput::new(usize::MAX), "n_splits");
}

#[test]
fn repeated_splitters_with_huge_repeats_are_errors() {
    let input = SplitInput::new(10);
    assert_invalid(&RepeatedKFold::new(2).n_repeats(usize::MAX), &input, "n_repeats");
    assert_invalid(&RepeatedKFold::new(5).n_repeats(usize::MAX / 4), &input, "n_repeats");
    let y = [0, 0, 0, 1, 1, 1];
    let labelled = SplitInput { labels: Some(&y), ..SplitInput::new(6) };
    assert_invalid(&RepeatedStratifiedKFold::new(2).n_repeats(usize::MAX), &labelled, "n_repeats");
    assert_invalid(&RepeatedKFold::new(usize::MAX).n_repeats(usize::MAX), &input, "n_splits");
}

#[test]
fn shuffle_splits_with_huge_counts_are_errors() {
    let input = SplitInput::new(10);
    assert_invalid(&ShuffleSplit::new(usize::MAX), &input, "n_splits");
    let y = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
    let labelled = SplitInput { labels: Some(&y), ..SplitInput::new(10) };
    assert_invalid(&StratifiedShuffleSplit::new(usize::MAX).test_size(0.5), &labelled, "n_splits");
    let huge = SplitInput::new(usize::MAX);
    let ss = ShuffleSplit::new(1).test_count(usize::MAX - 1).train_count(usize::MAX - 1);
    assert_invalid(&ss, &huge, "train_size");
    assert_invalid(&ShuffleSplit::new(2), &huge, "n_splits");
}

#[test]
fn splitters_on_usize_max_samples_are_errors() {
    let huge = SplitInput::new(usize::MAX);
    assert_invalid(&KFold::new(2), &huge, "n_splits");
    assert_invalid(&KFold::new(2).shuffle(true), &huge, "n_splits");
    assert_invalid(&LeaveOneOut::new(), &huge, "n_splits");
    assert_invalid(&TimeSeriesSplit::new(2), &huge, "n_splits");
    // More folds than samples is refused before anything is allocated.
    assert_invalid(&KFold::new(usize::MAX), &SplitInput::new(10), "n_splits");
    let groups = [0, 1, 2];
    assert_invalid(
        &GroupKFold::new(usize::MAX),
        &SplitInput { groups: Some(&groups), ..SplitInput::new(3) },
        "n_splits",
    );
    assert!(PredefinedSplit::new(vec![0, 1]).split(&SplitInput::new(2)).is_ok());
}
