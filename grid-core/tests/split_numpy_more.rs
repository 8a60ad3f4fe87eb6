//! `ShuffleSplit`, `StratifiedShuffleSplit` and the repeated splitters draw with numpy's
//! `RandomState` as scikit-learn does, so their splits are scikit-learn 1.9.1's for the same
//! seed. Expected values printed by `/work/venv-sk/bin/python` with
//! `import numpy as np; from sklearn.model_selection import ShuffleSplit,
//! StratifiedShuffleSplit, RepeatedKFold, RepeatedStratifiedKFold`.

use grid_core::split::{
    RepeatedKFold, RepeatedStratifiedKFold, ShuffleSplit, Split, SplitInput, Splitter, StratifiedShuffleSplit,
};

fn pairs(splits: Vec<Split>) -> Vec<(Vec<usize>, Vec<usize>)> {
    splits.into_iter().map(|s| (s.train, s.test)).collect()
}

fn tests(splits: Vec<Split>) -> Vec<Vec<usize>> {
    splits.into_iter().map(|s| s.test).collect()
}

#[test]
fn shuffle_split_is_sklearns() {
    // [(tr.tolist(), te.tolist()) for tr, te in
    //  ShuffleSplit(3, test_size=0.3, random_state=7).split(np.zeros(8))]
    let expected = vec![
        (vec![6, 3, 1, 4, 7], vec![2, 5, 0]),
        (vec![4, 2, 1, 0, 6], vec![3, 5, 7]),
        (vec![5, 7, 0, 4, 6], vec![1, 3, 2]),
    ];
    let splits = ShuffleSplit::new(3).test_size(0.3).seed(7).split(&SplitInput::new(8)).unwrap();
    assert_eq!(pairs(splits), expected);
}

#[test]
fn stratified_shuffle_split_is_sklearns() {
    // y = np.array([2,0,1,2,0,2,1,2,2,0,2,1,2,2,0,0,2,2,2,1]);
    // [(tr.tolist(), te.tolist()) for tr, te in
    //  StratifiedShuffleSplit(2, train_size=0.5, random_state=3).split(np.zeros(20), y)]
    let y = [2, 0, 1, 2, 0, 2, 1, 2, 2, 0, 2, 1, 2, 2, 0, 0, 2, 2, 2, 1];
    let expected = vec![
        (vec![18, 0, 14, 11, 5, 16, 3, 19, 9, 8], vec![7, 17, 2, 10, 1, 4, 13, 15, 12, 6]),
        (vec![5, 19, 6, 7, 15, 18, 16, 9, 3, 17], vec![8, 4, 1, 12, 10, 2, 11, 14, 13, 0]),
    ];
    let input = SplitInput { labels: Some(&y), ..SplitInput::new(20) };
    let splits = StratifiedShuffleSplit::new(2).train_size(0.5).seed(3).split(&input).unwrap();
    assert_eq!(pairs(splits), expected);
}

#[test]
fn repeated_kfold_is_sklearns() {
    // [te.tolist() for _, te in RepeatedKFold(n_splits=3, n_repeats=2, random_state=42).split(np.zeros(7))]
    let expected = vec![vec![0, 1, 5], vec![2, 4], vec![3, 6], vec![0, 3, 5], vec![1, 2], vec![4, 6]];
    let splits = RepeatedKFold::new(3).n_repeats(2).seed(42).split(&SplitInput::new(7)).unwrap();
    assert_eq!(tests(splits), expected);
}

#[test]
fn repeated_stratified_kfold_is_sklearns() {
    // y2 = np.array([0,0,0,0,1,1,1,1,1,2,2,2,1,0,2]); [te.tolist() for _, te in
    //  RepeatedStratifiedKFold(n_splits=3, n_repeats=2, random_state=5).split(np.zeros(15), y2)]
    let y = [0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 1, 0, 2];
    let expected = vec![
        vec![1, 2, 8, 11, 12],
        vec![3, 4, 6, 9, 13],
        vec![0, 5, 7, 10, 14],
        vec![1, 8, 9, 12, 13],
        vec![0, 3, 4, 7, 11],
        vec![2, 5, 6, 10, 14],
    ];
    let input = SplitInput { labels: Some(&y), ..SplitInput::new(15) };
    let splits = RepeatedStratifiedKFold::new(3).n_repeats(2).seed(5).split(&input).unwrap();
    assert_eq!(tests(splits), expected);
}
