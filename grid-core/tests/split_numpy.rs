//! Shuffled `KFold` and `StratifiedKFold` draw with numpy's `RandomState`, so their folds are
//! scikit-learn 1.9.1's for the same seed; expected folds printed by `/work/venv-sk/bin/python`.

use grid_core::split::{KFold, SplitInput, Splitter, StratifiedKFold};

fn test_folds(splitter: &dyn Splitter, input: &SplitInput<'_>) -> Vec<Vec<usize>> {
    splitter.split(input).unwrap().into_iter().map(|s| s.test).collect()
}

#[test]
fn shuffled_kfold_is_sklearns() {
    // [te.tolist() for _, te in KFold(3, shuffle=True, random_state=42).split(np.zeros(10))]
    let expected = vec![vec![0, 1, 5, 8], vec![2, 7, 9], vec![3, 4, 6]];
    assert_eq!(test_folds(&KFold::new(3).shuffle(true).seed(42), &SplitInput::new(10)), expected);
    // Without a seed of its own, the search's seed stands for random_state.
    let input = SplitInput { seed: 42, ..SplitInput::new(10) };
    assert_eq!(test_folds(&KFold::new(3).shuffle(true), &input), expected);
    // Train folds are the complement, in increasing order.
    let first = &KFold::new(3).shuffle(true).seed(42).split(&SplitInput::new(10)).unwrap()[0];
    assert_eq!(first.train, [2, 3, 4, 6, 7, 9]);
}

#[test]
fn shuffled_stratified_kfold_is_sklearns() {
    // lab = np.array([0,0,0,0,1,1,1,1,1,2,2,2,1,0,2])
    // [te.tolist() for _, te in StratifiedKFold(3, shuffle=True, random_state=5).split(np.zeros(15), lab)]
    let labels = [0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 1, 0, 2];
    let input = SplitInput { labels: Some(&labels), ..SplitInput::new(15) };
    assert_eq!(
        test_folds(&StratifiedKFold::new(3).shuffle(true).seed(5), &input),
        vec![vec![1, 2, 8, 11, 12], vec![3, 4, 6, 9, 13], vec![0, 5, 7, 10, 14]]
    );
}
