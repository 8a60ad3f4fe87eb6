//! Shuffling splitters: these tests check the invariants (exact equality with scikit-learn's
//! splits is in `split_numpy*.rs`): partitions, sizes, per-class counts equal to scikit-learn 1.9.1's,
//! determinism by seed, and that different seeds give different splits.

use std::collections::{BTreeSet, HashSet};

use grid_core::split::{
    KFold, RepeatedKFold, RepeatedStratifiedKFold, ShuffleSplit, Split, SplitInput, Splitter,
    StratifiedKFold, StratifiedShuffleSplit,
};

fn with_labels(labels: &[usize]) -> SplitInput<'_> {
    SplitInput { labels: Some(labels), ..SplitInput::new(labels.len()) }
}

/// The test sets are disjoint and cover `0..n`; each train set is the sorted complement.
fn assert_partition(splits: &[Split], n: usize) {
    let mut seen = vec![false; n];
    for s in splits {
        for &i in &s.test {
            assert!(!seen[i], "sample {i} is in two test folds");
            seen[i] = true;
        }
        let test: HashSet<usize> = s.test.iter().copied().collect();
        let complement: Vec<usize> = (0..n).filter(|i| !test.contains(i)).collect();
        assert_eq!(s.train, complement);
        assert!(s.test.windows(2).all(|w| w[0] < w[1]), "test indices are sorted");
    }
    assert!(seen.iter().all(|&s| s), "every sample is tested once");
}

/// The test indices of each split (`Split` is not `Hash`).
fn test_sets(splits: &[Split]) -> Vec<Vec<usize>> {
    splits.iter().map(|s| s.test.clone()).collect()
}

/// Per test fold, the number of samples of each class `0..n_classes`.
fn class_counts(indices: &[usize], labels: &[usize], n_classes: usize) -> Vec<usize> {
    let mut counts = vec![0; n_classes];
    for &i in indices {
        counts[labels[i]] += 1;
    }
    counts
}

fn test_counts(splits: &[Split], labels: &[usize], n_classes: usize) -> Vec<Vec<usize>> {
    splits.iter().map(|s| class_counts(&s.test, labels, n_classes)).collect()
}

/// scikit-learn: `{tuple(len(te) for _, te in KFold(3, shuffle=True, random_state=r)
/// .split(np.zeros(10))) for r in range(5)}` -> {(4, 3, 3)}
#[test]
fn shuffled_kfold_partitions_with_sklearn_sizes() {
    for seed in 0..5 {
        let splits = KFold::new(3).shuffle(true).seed(seed).split(&SplitInput::new(10)).unwrap();
        assert_partition(&splits, 10);
        assert_eq!(splits.iter().map(|s| s.test.len()).collect::<Vec<_>>(), [4, 3, 3]);
    }
}

#[test]
fn shuffled_kfold_is_deterministic_and_seed_dependent() {
    let input = SplitInput::new(50);
    let a = KFold::new(5).shuffle(true).seed(1).split(&input).unwrap();
    assert_eq!(a, KFold::new(5).shuffle(true).seed(1).split(&input).unwrap());
    assert_ne!(a, KFold::new(5).shuffle(true).seed(2).split(&input).unwrap());
    assert_ne!(a, KFold::new(5).split(&input).unwrap(), "shuffling changes the folds");
}

#[test]
fn shuffled_kfold_uses_the_search_seed_unless_given_its_own() {
    let input = |seed| SplitInput { seed, ..SplitInput::new(50) };
    let unseeded = KFold::new(5).shuffle(true);
    assert_eq!(unseeded.split(&input(9)).unwrap(), unseeded.split(&input(9)).unwrap());
    assert_ne!(unseeded.split(&input(9)).unwrap(), unseeded.split(&input(10)).unwrap());
    let own = KFold::new(5).shuffle(true).seed(3);
    assert_eq!(own.split(&input(9)).unwrap(), own.split(&input(10)).unwrap());
    assert_eq!(own.split(&input(0)).unwrap(), unseeded.split(&input(3)).unwrap());
}

/// scikit-learn: `y = np.array([2,2,0,1,0,2,1,1,2,0,2,2])`;
/// `{tuple(tuple(np.bincount(y[te], minlength=3)) for _, te in StratifiedKFold(3,
/// shuffle=True, random_state=r).split(np.zeros(12), y)) for r in range(20)}`
/// -> {((1, 1, 2), (1, 1, 2), (1, 1, 2))}
#[test]
fn shuffled_stratified_kfold_keeps_sklearn_class_counts() {
    let y = [2, 2, 0, 1, 0, 2, 1, 1, 2, 0, 2, 2];
    let mut distinct = HashSet::new();
    for seed in 0..20 {
        let splits = StratifiedKFold::new(3).shuffle(true).seed(seed).split(&with_labels(&y)).unwrap();
        assert_partition(&splits, y.len());
        assert_eq!(test_counts(&splits, &y, 3), [[1, 1, 2], [1, 1, 2], [1, 1, 2]]);
        distinct.insert(test_sets(&splits));
    }
    assert!(distinct.len() > 1, "different seeds give different folds");
}

#[test]
fn shuffled_stratified_kfold_is_deterministic() {
    let y: Vec<usize> = (0..60).map(|i| (i * 7 % 11) % 3).collect();
    let skf = StratifiedKFold::new(4).shuffle(true).seed(5);
    let a = skf.split(&with_labels(&y)).unwrap();
    assert_eq!(a, skf.split(&with_labels(&y)).unwrap());
    assert_ne!(a, StratifiedKFold::new(4).shuffle(true).seed(6).split(&with_labels(&y)).unwrap());
}

#[test]
fn repeated_kfold_repeats_distinct_partitions() {
    let input = SplitInput::new(40);
    let splits = RepeatedKFold::new(4).n_repeats(3).seed(11).split(&input).unwrap();
    assert_eq!(splits.len(), 12);
    let repetitions: Vec<&[Split]> = splits.chunks(4).collect();
    for rep in &repetitions {
        assert_partition(rep, 40);
        assert!(rep.iter().all(|s| s.test.len() == 10));
    }
    assert_ne!(repetitions[0], repetitions[1]);
    assert_ne!(repetitions[1], repetitions[2]);
    assert_eq!(splits, RepeatedKFold::new(4).n_repeats(3).seed(11).split(&input).unwrap());
    assert_ne!(splits, RepeatedKFold::new(4).n_repeats(3).seed(12).split(&input).unwrap());
    // More repetitions extend the list: the repetitions draw from one generator, in order.
    let five = RepeatedKFold::new(4).n_repeats(5).seed(11).split(&input).unwrap();
    assert_eq!(five[..12], splits[..]);
    assert_eq!(RepeatedKFold::default().split(&input).unwrap().len(), 50);
}

/// scikit-learn: `y = np.array([1,1,1,1,1,1,1,0,0,0])`;
/// `{tuple(tuple(np.bincount(y[te], minlength=2)) for _, te in
/// RepeatedStratifiedKFold(n_splits=3, n_repeats=4, random_state=r).split(np.zeros(10), y))
/// for r in range(20)}` -> {((1, 3), (1, 2), (1, 2)) repeated 4 times}
#[test]
fn repeated_stratified_kfold_keeps_sklearn_class_counts() {
    let y = [1, 1, 1, 1, 1, 1, 1, 0, 0, 0];
    let rskf = RepeatedStratifiedKFold::new(3).n_repeats(4).seed(2);
    let splits = rskf.split(&with_labels(&y)).unwrap();
    assert_eq!(splits.len(), 12);
    for rep in splits.chunks(3) {
        assert_partition(rep, 10);
        assert_eq!(test_counts(rep, &y, 2), [[1, 3], [1, 2], [1, 2]]);
    }
    assert_eq!(splits, rskf.split(&with_labels(&y)).unwrap());
    let distinct: HashSet<Vec<Vec<usize>>> = splits.chunks(3).map(test_sets).collect();
    assert!(distinct.len() > 1, "repetitions are shuffled differently");
    assert!(rskf.warnings(&with_labels(&y)).is_empty());
    assert_eq!(
        RepeatedStratifiedKFold::new(4).warnings(&with_labels(&y)),
        ["The least populated class in y has only 3 members, which is less than n_splits=4."]
    );
}

/// Train and test are disjoint, of the given sizes, without duplicates.
fn assert_shuffle_split(splits: &[Split], n: usize, n_train: usize, n_test: usize) {
    for s in splits {
        assert_eq!((s.train.len(), s.test.len()), (n_train, n_test));
        let train: BTreeSet<usize> = s.train.iter().copied().collect();
        let test: BTreeSet<usize> = s.test.iter().copied().collect();
        assert_eq!(train.len(), n_train, "no duplicate in train");
        assert_eq!(test.len(), n_test, "no duplicate in test");
        assert!(train.is_disjoint(&test));
        assert!(train.iter().chain(&test).all(|&i| i < n));
    }
}

/// scikit-learn: `len(tr), len(te)` of `next(ShuffleSplit(1, <sizes>, random_state=0)
/// .split(np.zeros(n)))` gives, for n=7: test_size=0.25 -> (5, 2), test_size=0.3 -> (4, 3);
/// n=10, train_size=0.7 -> (7, 3); n=11, train_size=0.3, test_size=0.2 -> (3, 3);
/// n=11, train_size=4, test_size=3 -> (4, 3); n=30, default -> (27, 3).
#[test]
fn shuffle_split_sizes_match_sklearn() {
    let run = |ss: ShuffleSplit, n| ss.seed(0).split(&SplitInput::new(n)).unwrap();
    assert_shuffle_split(&run(ShuffleSplit::new(4).test_size(0.25), 7), 7, 5, 2);
    assert_shuffle_split(&run(ShuffleSplit::new(4).test_size(0.3), 7), 7, 4, 3);
    assert_shuffle_split(&run(ShuffleSplit::new(4).train_size(0.7), 10), 10, 7, 3);
    assert_shuffle_split(&run(ShuffleSplit::new(4).train_size(0.3).test_size(0.2), 11), 11, 3, 3);
    assert_shuffle_split(&run(ShuffleSplit::new(4).train_count(4).test_count(3), 11), 11, 4, 3);
    assert_shuffle_split(&run(ShuffleSplit::default(), 30), 30, 27, 3);
    assert_eq!(run(ShuffleSplit::default(), 30).len(), 10);
}

#[test]
fn shuffle_split_is_deterministic_and_seed_dependent() {
    let input = SplitInput::new(40);
    let a = ShuffleSplit::new(5).test_size(0.2).seed(4).split(&input).unwrap();
    assert_eq!(a, ShuffleSplit::new(5).test_size(0.2).seed(4).split(&input).unwrap());
    assert_ne!(a, ShuffleSplit::new(5).test_size(0.2).seed(5).split(&input).unwrap());
    let distinct: HashSet<Vec<Vec<usize>>> = a.iter().map(|s| test_sets(std::slice::from_ref(s))).collect();
    assert_eq!(distinct.len(), 5, "the splits of one run differ from each other");
    let search_seeded =
        |seed| ShuffleSplit::new(5).test_size(0.2).split(&SplitInput { seed, ..SplitInput::new(40) });
    assert_eq!(search_seeded(4).unwrap(), a);
}

/// The set of (train counts per class, test counts per class) over 30 seeds x 5 splits.
fn stratified_outcomes(sss: StratifiedShuffleSplit, y: &[usize]) -> HashSet<(Vec<usize>, Vec<usize>)> {
    let mut outcomes = HashSet::new();
    for seed in 0..30 {
        for s in sss.seed(seed).split(&with_labels(y)).unwrap() {
            let train = class_counts(&s.train, y, 3);
            let test = class_counts(&s.test, y, 3);
            assert_shuffle_split(&[s], y.len(), train.iter().sum(), test.iter().sum());
            outcomes.insert((train, test));
        }
    }
    outcomes
}

/// scikit-learn: for `y` below, the set over `random_state in range(30)` of
/// `(np.bincount(y[tr]), np.bincount(y[te]))` for the 5 splits of
/// `StratifiedShuffleSplit(5, random_state=rs, <sizes>)`:
/// yA=[0]*7+[1]*5+[2]*3, test_size=0.3 -> {((5,3,2), (2,2,1))};
/// yB=[2,0,1,2,0,2,1,2,2,0,2,1,2,2,0,0,2,2,2,1], test_size=0.25 -> {((4,3,8), (1,1,3))}.
#[test]
fn stratified_shuffle_split_counts_match_sklearn() {
    let ya: Vec<usize> = [vec![0; 7], vec![1; 5], vec![2; 3]].concat();
    let expected = HashSet::from([(vec![5, 3, 2], vec![2, 2, 1])]);
    assert_eq!(stratified_outcomes(StratifiedShuffleSplit::new(5).test_size(0.3), &ya), expected);

    let yb = [2, 0, 1, 2, 0, 2, 1, 2, 2, 0, 2, 1, 2, 2, 0, 0, 2, 2, 2, 1];
    let expected = HashSet::from([(vec![4, 3, 8], vec![1, 1, 3])]);
    assert_eq!(stratified_outcomes(StratifiedShuffleSplit::new(5).test_size(0.25), &yb), expected);
}

/// Ties in `_approximate_mode` are broken at random; scikit-learn (same command as above)
/// gives, for yB with train_size=0.5,
/// {((3,2,5), (2,2,6)), ((2,2,6), (3,2,5))}, and with test_size=6, train_size=10,
/// {((3,2,5), (1,1,4)), ((2,2,6), (2,1,3))}: we must produce exactly these outcomes.
#[test]
fn stratified_shuffle_split_ties_give_sklearn_outcomes() {
    let yb = [2, 0, 1, 2, 0, 2, 1, 2, 2, 0, 2, 1, 2, 2, 0, 0, 2, 2, 2, 1];
    let expected = HashSet::from([(vec![3, 2, 5], vec![2, 2, 6]), (vec![2, 2, 6], vec![3, 2, 5])]);
    assert_eq!(stratified_outcomes(StratifiedShuffleSplit::new(5).train_size(0.5), &yb), expected);
    let expected = HashSet::from([(vec![3, 2, 5], vec![1, 1, 4]), (vec![2, 2, 6], vec![2, 1, 3])]);
    let sss = StratifiedShuffleSplit::new(5).test_count(6).train_count(10);
    assert_eq!(stratified_outcomes(sss, &yb), expected);
}

#[test]
fn stratified_shuffle_split_is_deterministic_and_seed_dependent() {
    let y: Vec<usize> = (0..60).map(|i| i % 3).collect();
    let sss = StratifiedShuffleSplit::new(4).test_size(0.2);
    let a = sss.seed(8).split(&with_labels(&y)).unwrap();
    assert_eq!(a, sss.seed(8).split(&with_labels(&y)).unwrap());
    assert_ne!(a, sss.seed(9).split(&with_labels(&y)).unwrap());
    assert_eq!(StratifiedShuffleSplit::default().split(&with_labels(&y)).unwrap().len(), 10);
}
