//! Every splitter error: a typed error naming the parameter and the values, never a panic.
//! Where scikit-learn 1.9.1 raises for the same input, its message is quoted.

use grid_core::split::{
    GroupKFold, KFold, LeaveOneOut, PredefinedSplit, RepeatedKFold, RepeatedStratifiedKFold, ShuffleSplit,
    SplitInput, Splitter, StratifiedKFold, StratifiedShuffleSplit, TimeSeriesSplit,
};
use grid_core::Error;

/// The splitter fails with `InvalidParameter { name }` and a message containing each of
/// `parts`.
fn assert_invalid(splitter: &dyn Splitter, input: &SplitInput<'_>, name: &str, parts: &[&str]) {
    match splitter.split(input) {
        Err(Error::InvalidParameter { name: got, reason }) => {
            assert_eq!(got, name, "{splitter:?}: {reason}");
            for part in parts {
                assert!(reason.contains(part), "{splitter:?}: {reason:?} lacks {part:?}");
            }
        }
        other => panic!("{splitter:?}: expected an invalid `{name}`, got {other:?}"),
    }
}

/// The splitter fails with `ShapeMismatch` about `what`.
fn assert_shape(splitter: &dyn Splitter, input: &SplitInput<'_>, what: &str, expected: usize, got: usize) {
    match splitter.split(input) {
        Err(Error::ShapeMismatch { what: w, expected: e, got: g }) => {
            assert!(w.contains(what), "{w}");
            assert_eq!((e, g), (expected, got));
        }
        other => panic!("{splitter:?}: expected a shape mismatch, got {other:?}"),
    }
}

fn with_labels(labels: &[usize]) -> SplitInput<'_> {
    SplitInput { labels: Some(labels), ..SplitInput::new(labels.len()) }
}

fn with_groups(groups: &[usize]) -> SplitInput<'_> {
    SplitInput { groups: Some(groups), ..SplitInput::new(groups.len()) }
}

/// scikit-learn: `KFold(1)` -> "k-fold cross-validation requires at least one train/test
/// split by setting n_splits=2 or more, got n_splits=1."
#[test]
fn fewer_than_two_folds() {
    let labels = [0, 1, 0, 1];
    let groups = [0, 1, 2, 3];
    let input = SplitInput { labels: Some(&labels), groups: Some(&groups), ..SplitInput::new(4) };
    for k in [0, 1] {
        let n = format!("n_splits={k}");
        assert_invalid(&KFold::new(k), &input, "n_splits", &[&n, "at least"]);
        assert_invalid(&KFold::new(k).shuffle(true), &input, "n_splits", &[&n]);
        assert_invalid(&StratifiedKFold::new(k), &input, "n_splits", &[&n]);
        assert_invalid(&GroupKFold::new(k), &input, "n_splits", &[&n]);
        assert_invalid(&TimeSeriesSplit::new(k), &input, "n_splits", &[&n]);
        assert_invalid(&RepeatedKFold::new(k), &input, "n_splits", &[&n]);
        assert_invalid(&RepeatedStratifiedKFold::new(k), &input, "n_splits", &[&n]);
    }
}

/// scikit-learn: `next(KFold(5).split(np.zeros(3)))` -> "Cannot have number of splits
/// n_splits=5 greater than the number of samples: n_samples=3."
#[test]
fn more_folds_than_samples() {
    let labels = [0, 0, 0];
    let groups = [0, 1, 2];
    let input = SplitInput { labels: Some(&labels), groups: Some(&groups), ..SplitInput::new(3) };
    let parts: &[&str] = &["n_splits=5", "n_samples=3"];
    assert_invalid(&KFold::new(5), &input, "n_splits", parts);
    assert_invalid(&StratifiedKFold::new(5), &input, "n_splits", parts);
    assert_invalid(&GroupKFold::new(5), &input, "n_splits", parts);
    assert_invalid(&RepeatedKFold::new(5), &input, "n_splits", parts);
    assert_invalid(&RepeatedStratifiedKFold::new(5), &input, "n_splits", parts);
    assert_invalid(&KFold::new(2), &SplitInput::new(0), "n_splits", &["n_samples=0"]);
}

/// scikit-learn: `KFold(3, random_state=0)` -> "Setting a random_state has no effect since
/// shuffle is False. ..."
#[test]
fn seed_without_shuffle() {
    let labels = [0, 1, 0, 1, 0, 1];
    let input = with_labels(&labels);
    assert_invalid(&KFold::new(3).seed(7), &input, "seed", &["seed=7", "shuffle"]);
    assert_invalid(&StratifiedKFold::new(3).seed(7), &input, "seed", &["seed=7", "shuffle"]);
    assert!(KFold::new(3).seed(7).shuffle(true).split(&input).is_ok());
}

#[test]
fn missing_labels() {
    let input = SplitInput::new(10);
    assert_invalid(&StratifiedKFold::new(2), &input, "labels", &["StratifiedKFold", "no labels"]);
    assert_invalid(&RepeatedStratifiedKFold::new(2), &input, "labels", &["StratifiedKFold"]);
    assert_invalid(&StratifiedShuffleSplit::new(2), &input, "labels", &["StratifiedShuffleSplit"]);
    assert!(StratifiedKFold::new(2).warnings(&input).is_empty());
}

#[test]
fn labels_of_the_wrong_length() {
    let labels = [0, 1, 0];
    let input = SplitInput { labels: Some(&labels), ..SplitInput::new(4) };
    assert_shape(&StratifiedKFold::new(2), &input, "labels", 4, 3);
    assert_shape(&RepeatedStratifiedKFold::new(2), &input, "labels", 4, 3);
    assert_shape(&StratifiedShuffleSplit::new(2), &input, "labels", 4, 3);
}

/// scikit-learn: `next(StratifiedKFold(3).split(np.zeros(6), [0,0,1,1,2,2]))` ->
/// "n_splits=3 cannot be greater than the number of members in each class."
#[test]
fn stratified_kfold_more_folds_than_every_class() {
    let y = [0, 0, 1, 1, 2, 2];
    let parts: &[&str] = &["n_splits=3 cannot be greater than the number of members in each class"];
    assert_invalid(&StratifiedKFold::new(3), &with_labels(&y), "n_splits", parts);
    assert_invalid(&RepeatedStratifiedKFold::new(3), &with_labels(&y), "n_splits", parts);
}

#[test]
fn missing_groups_and_groups_of_the_wrong_length() {
    assert_invalid(&GroupKFold::new(2), &SplitInput::new(4), "groups", &["GroupKFold", "no groups"]);
    let groups = [0, 1, 2];
    let input = SplitInput { groups: Some(&groups), ..SplitInput::new(5) };
    assert_shape(&GroupKFold::new(2), &input, "groups", 5, 3);
}

/// scikit-learn: `next(GroupKFold(3).split(np.zeros(4), groups=[0,0,1,1]))` -> "Cannot have
/// number of splits n_splits=3 greater than the number of groups: 2."
#[test]
fn group_kfold_fewer_groups_than_folds() {
    let parts: &[&str] = &["n_splits=3", "number of groups: 2"];
    assert_invalid(&GroupKFold::new(3), &with_groups(&[0, 0, 1, 1]), "n_splits", parts);
}

/// scikit-learn: `TimeSeriesSplit(3)` on 3 samples -> "Cannot have number of folds=4 greater
/// than the number of samples=3."; `TimeSeriesSplit(3, gap=2)` on 8 -> "Too many splits=3 for
/// number of samples=8 with test_size=2 and gap=2."; `TimeSeriesSplit(2, test_size=4)` on 8
/// -> "Too many splits=2 for number of samples=8 with test_size=4 and gap=0."
#[test]
fn time_series_split_too_few_samples() {
    let tss = TimeSeriesSplit::new(3);
    assert_invalid(&tss, &SplitInput::new(3), "n_splits", &["folds=4", "samples=3"]);
    let parts: &[&str] = &["splits=3", "samples=8", "test_size=2", "gap=2"];
    assert_invalid(&tss.gap(2), &SplitInput::new(8), "n_splits", parts);
    let parts: &[&str] = &["splits=2", "samples=8", "test_size=4", "gap=0"];
    assert_invalid(&TimeSeriesSplit::new(2).test_size(4), &SplitInput::new(8), "n_splits", parts);
    let huge = TimeSeriesSplit::new(2).test_size(usize::MAX).gap(usize::MAX);
    assert_invalid(&huge, &SplitInput::new(8), "n_splits", &["splits=2"]);
}

#[test]
fn time_series_split_zero_sizes() {
    let input = SplitInput::new(10);
    assert_invalid(&TimeSeriesSplit::new(2).test_size(0), &input, "test_size", &["test_size=0"]);
    let zero_train = TimeSeriesSplit::new(2).max_train_size(0);
    assert_invalid(&zero_train, &input, "max_train_size", &["max_train_size=0"]);
}

#[test]
fn repeats_must_be_positive() {
    let y = [0, 1, 0, 1];
    let parts: &[&str] = &["n_repeats=0"];
    assert_invalid(&RepeatedKFold::new(2).n_repeats(0), &with_labels(&y), "n_repeats", parts);
    let rskf = RepeatedStratifiedKFold::new(2).n_repeats(0);
    assert_invalid(&rskf, &with_labels(&y), "n_repeats", parts);
}

/// scikit-learn: `ShuffleSplit(test_size=10)` on 10 samples -> "test_size=10 should be either
/// positive and smaller than the number of samples 10 or a float in the (0, 1) range".
#[test]
fn shuffle_split_sizes_out_of_range() {
    let input = SplitInput::new(10);
    for f in [0.0, 1.0, 1.5, -0.1, f64::NAN] {
        let s = format!("test_size={f}");
        assert_invalid(&ShuffleSplit::new(2).test_size(f), &input, "test_size", &[&s, "(0, 1)"]);
        let s = format!("train_size={f}");
        assert_invalid(&ShuffleSplit::new(2).train_size(f), &input, "train_size", &[&s]);
    }
    for c in [0, 10, 11] {
        let s = format!("test_count={c}");
        assert_invalid(&ShuffleSplit::new(2).test_count(c), &input, "test_count", &[&s, "10"]);
        let s = format!("train_count={c}");
        assert_invalid(&ShuffleSplit::new(2).train_count(c), &input, "train_count", &[&s]);
    }
    let sss = StratifiedShuffleSplit::new(2).test_size(1.0);
    let y = [0, 0, 1, 1, 0, 0, 1, 1, 0, 1];
    assert_invalid(&sss, &with_labels(&y), "test_size", &["test_size=1"]);
}

/// scikit-learn on 10 samples: `test_size=0.6, train_size=0.5` -> "The sum of test_size and
/// train_size = 1.1, should be in the (0, 1) range."; `test_size=6, train_size=5` -> "The sum
/// of train_size and test_size = 11, should be smaller than the number of samples 10.";
/// `test_size=0.95` -> "With n_samples=10, test_size=0.95 and train_size=None, the resulting
/// train set will be empty."
#[test]
fn shuffle_split_sizes_that_do_not_fit() {
    let input = SplitInput::new(10);
    let ss = ShuffleSplit::new(2).test_size(0.6).train_size(0.5);
    assert_invalid(&ss, &input, "test_size", &["test_size=0.6", "train_size=0.5", "1.1"]);
    let ss = ShuffleSplit::new(2).test_count(6).train_count(5);
    assert_invalid(&ss, &input, "train_size", &["= 11", "number of samples 10"]);
    let ss = ShuffleSplit::new(2).test_size(0.95);
    assert_invalid(&ss, &input, "train_size", &["n_samples=10", "test_size=0.95", "empty"]);
    assert_invalid(&ShuffleSplit::new(2), &SplitInput::new(0), "train_size", &["n_samples=0"]);
    assert_invalid(&ShuffleSplit::new(0), &input, "n_splits", &["n_splits=0"]);
    assert_invalid(&StratifiedShuffleSplit::new(0), &input, "n_splits", &["n_splits=0"]);
}

/// scikit-learn: `StratifiedShuffleSplit(1, test_size=0.5)` on y=[0,0,1,1,2] -> "The least
/// populated classes in y have only 1 member, which is too few. ... Classes with too few
/// members are: [2]"; on yB (20 samples, 3 classes) with the default test size -> "The
/// test_size = 2 should be greater or equal to the number of classes = 3", with test_size=0.9
/// -> "The train_size = 2 should be greater or equal to the number of classes = 3".
#[test]
fn stratified_shuffle_split_class_errors() {
    let sss = StratifiedShuffleSplit::new(1).test_size(0.5);
    assert_invalid(&sss, &with_labels(&[0, 0, 1, 1, 2]), "labels", &["1 member", "[2]"]);
    let yb = [2, 0, 1, 2, 0, 2, 1, 2, 2, 0, 2, 1, 2, 2, 0, 0, 2, 2, 2, 1];
    let parts: &[&str] = &["2 samples", "classes 3"];
    assert_invalid(&StratifiedShuffleSplit::new(1), &with_labels(&yb), "test_size", parts);
    let sss = StratifiedShuffleSplit::new(1).test_size(0.9);
    assert_invalid(&sss, &with_labels(&yb), "train_size", parts);
}

/// scikit-learn: `LeaveOneOut` on 1 sample -> "Cannot perform LeaveOneOut with n_samples=1."
#[test]
fn leave_one_out_needs_two_samples() {
    for n in [0, 1] {
        let s = format!("n_samples={n}");
        assert_invalid(&LeaveOneOut::new(), &SplitInput::new(n), "n_samples", &[&s]);
    }
}

#[test]
fn predefined_split_errors() {
    let ps = PredefinedSplit::new(vec![0, 1, 0]);
    assert_shape(&ps, &SplitInput::new(4), "test_fold", 4, 3);
    let all_train = PredefinedSplit::new([-1, -1, -1]);
    assert_invalid(&all_train, &SplitInput::new(3), "test_fold", &["-1", "no test fold"]);
}
