//! `train_test_split` and `TrainTestSplit`: scikit-learn's sizes and stratified allocation.

// In a module named `datasets` so that `cargo test -p grid-core datasets` selects these tests.
mod datasets {
    use std::collections::BTreeSet;

    use grid_core::datasets::{load_iris, train_test_split, TrainTestSplit};
    use grid_core::Error;
    use ndarray::{Array1, Array2};

    /// Row `i` of x is `[i, 10 i]`, y is `i`, so every output row tells where it came from.
    fn numbered(n: usize) -> (Array2<f32>, Array1<f32>) {
        let x = Array2::from_shape_fn((n, 2), |(i, j)| (i * if j == 0 { 1 } else { 10 }) as f32);
        (x, (0..n).map(|i| i as f32).collect())
    }

    /// `labels` repeated as `counts` say: class k appears counts[k] times, in blocks.
    fn blocks(counts: &[usize]) -> Array1<usize> {
        counts.iter().enumerate().flat_map(|(k, &c)| std::iter::repeat_n(k, c)).collect()
    }

    fn class_counts(y: &Array1<usize>, n_classes: usize) -> Vec<usize> {
        (0..n_classes).map(|k| y.iter().filter(|&&c| c == k).count()).collect()
    }

    #[test]
    fn sizes_are_sklearns() {
        // sklearn: a, b = train_test_split(np.arange(n), test_size=t, random_state=0); len(a), len(b)
        let cases = [
            (150, 0.2, 120, 30),
            (10, 0.25, 7, 3),
            (7, 0.3, 4, 3),
            (100, 0.33, 67, 33),
            (3, 0.5, 1, 2),
            (11, 0.1, 9, 2),
            (1000, 0.15, 850, 150),
        ];
        for (n, t, n_train, n_test) in cases {
            let (x, y) = numbered(n);
            let (x_train, x_test, y_train, y_test) = train_test_split(&x, &y, t, 0).unwrap();
            assert_eq!((x_train.nrows(), x_test.nrows()), (n_train, n_test), "n={n} test_size={t}");
            assert_eq!((y_train.len(), y_test.len()), (n_train, n_test));
        }
    }

    #[test]
    fn the_parts_partition_the_rows_and_keep_x_and_y_together() {
        let (x, y) = numbered(50);
        let (x_train, x_test, y_train, y_test) = train_test_split(&x, &y, 0.3, 5).unwrap();
        for (xs, ys) in [(&x_train, &y_train), (&x_test, &y_test)] {
            for (row, &label) in xs.outer_iter().zip(ys) {
                assert_eq!(row.to_vec(), [label, 10.0 * label]);
            }
        }
        let all: BTreeSet<u32> = y_train.iter().chain(&y_test).map(|&v| v as u32).collect();
        assert_eq!(all.len(), 50);
        assert_eq!(all, (0..50).collect());
        // Shuffled: the test part is not simply the last rows.
        assert_ne!(y_test.to_vec(), (35..50).map(|i| i as f32).collect::<Vec<_>>());
    }

    #[test]
    fn the_same_seed_gives_the_same_split_and_another_seed_another() {
        let (x, y) = numbered(40);
        let a = train_test_split(&x, &y, 0.25, 1).unwrap();
        let b = train_test_split(&x, &y, 0.25, 1).unwrap();
        let c = train_test_split(&x, &y, 0.25, 2).unwrap();
        assert_eq!(a, b);
        assert_ne!(a.3, c.3);
    }

    #[test]
    fn unshuffled_the_test_part_is_the_last_rows() {
        let (x, y) = numbered(10);
        let (_, x_test, y_train, y_test) = TrainTestSplit::new(0.25).shuffle(false).split(&x, &y).unwrap();
        assert_eq!(y_train.to_vec(), [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        assert_eq!(y_test.to_vec(), [7.0, 8.0, 9.0]);
        assert_eq!(x_test.row(0).to_vec(), [7.0, 70.0]);
    }

    /// Class sizes, test_size, train class counts, test class counts.
    type StratifiedCase = (&'static [usize], f64, &'static [usize], &'static [usize]);
    /// Class sizes, test_size, the two test class counts sklearn gives.
    type TiedCase = (&'static [usize], f64, [&'static [usize]; 2]);

    #[test]
    fn stratified_class_counts_are_sklearns() {
        // sklearn: y = np.repeat(np.arange(len(counts)), counts);
        // a, b = train_test_split(y, test_size=t, random_state=s, stratify=y); np.bincount(a), np.bincount(b)
        // gave one answer for every random_state in 0..100:
        let cases: [StratifiedCase; 4] = [
            (&[50, 50, 50], 0.2, &[40, 40, 40], &[10, 10, 10]),
            (&[7, 5, 3], 0.3, &[5, 3, 2], &[2, 2, 1]),
            (&[12, 30, 8], 0.2, &[10, 24, 6], &[2, 6, 2]),
            (&[6, 9], 0.4, &[4, 5], &[2, 4]),
        ];
        for (counts, t, train_counts, test_counts) in cases {
            let y = blocks(counts);
            let x = Array2::<f32>::zeros((y.len(), 1));
            for seed in 0..10 {
                let (_, _, y_train, y_test) =
                    TrainTestSplit::new(t).seed(seed).stratify(true).split(&x, &y).unwrap();
                assert_eq!(class_counts(&y_train, counts.len()), train_counts, "{counts:?} {t} seed {seed}");
                assert_eq!(class_counts(&y_test, counts.len()), test_counts, "{counts:?} {t} seed {seed}");
            }
        }
    }

    #[test]
    fn stratified_ties_are_broken_among_sklearns_answers() {
        // Same Python; with ties in the remainders sklearn's answer depends on random_state:
        // (10, 20, 70), 0.25 -> test counts (2, 5, 18) or (3, 5, 17);
        // (3, 3, 4), 0.5 -> test counts (1, 2, 2) or (2, 1, 2);
        // (30, 10), 0.25 -> test counts (8, 2) or (7, 3).
        let cases: [TiedCase; 3] = [
            (&[10, 20, 70], 0.25, [&[2, 5, 18], &[3, 5, 17]]),
            (&[3, 3, 4], 0.5, [&[1, 2, 2], &[2, 1, 2]]),
            (&[30, 10], 0.25, [&[8, 2], &[7, 3]]),
        ];
        for (counts, t, answers) in cases {
            let y = blocks(counts);
            let mut seen = BTreeSet::new();
            for seed in 0..40 {
                let split = TrainTestSplit::new(t).seed(seed).stratify(true).split_indices(&y).unwrap();
                let test = class_counts(&split.test.iter().map(|&i| y[i]).collect(), counts.len());
                assert!(answers.contains(&&test[..]), "{counts:?}: {test:?}");
                seen.insert(test);
            }
            assert_eq!(seen.len(), 2, "both tie breaks occur over 40 seeds for {counts:?}");
        }
    }

    #[test]
    fn stratified_iris_keeps_the_rows_and_is_deterministic() {
        let iris = load_iris();
        let split = TrainTestSplit::new(0.2).seed(42).stratify(true);
        let (x_train, x_test, y_train, y_test) = split.split(&iris.x, &iris.y).unwrap();
        assert_eq!(class_counts(&y_test, 3), [10, 10, 10]);
        assert_eq!(class_counts(&y_train, 3), [40, 40, 40]);
        assert_eq!(split.split(&iris.x, &iris.y).unwrap(), (x_train.clone(), x_test, y_train, y_test));
        let indices = split.split_indices(&iris.y).unwrap();
        let mut all: Vec<usize> = indices.train.iter().chain(&indices.test).copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..150).collect::<Vec<_>>());
        assert_eq!(x_train.row(0), iris.x.row(indices.train[0]));
    }

    #[test]
    fn string_labels_and_real_values_can_be_stratified() {
        let y: Array1<String> =
            ["b", "a", "b", "a", "b", "a", "b", "b"].iter().map(|s| s.to_string()).collect();
        let x = Array2::<f32>::zeros((8, 1));
        let (_, _, _, y_test) = TrainTestSplit::new(0.5).stratify(true).split(&x, &y).unwrap();
        assert_eq!(y_test.iter().filter(|s| *s == "a").count(), 2);
        let values = ndarray::array![0.0_f32, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0];
        let (_, _, _, v_test) =
            TrainTestSplit::new(0.5).stratify(true).split(&Array2::<f32>::zeros((8, 1)), &values).unwrap();
        assert_eq!(v_test.len(), 4);
        assert_eq!(v_test.iter().filter(|&&v| v == 1.0).count(), 2);
    }

    #[test]
    fn multi_output_targets_are_split_by_rows() {
        let (x, _) = numbered(20);
        let y = Array2::from_shape_fn((20, 3), |(i, j)| (i * 3 + j) as f32);
        let (x_train, _, y_train, y_test) = train_test_split(&x, &y, 0.2, 3).unwrap();
        assert_eq!(y_test.dim(), (4, 3));
        for (xr, yr) in x_train.outer_iter().zip(y_train.outer_iter()) {
            assert_eq!(yr[0], xr[0] * 3.0);
        }
    }

    #[test]
    fn bad_sizes_and_shapes_are_errors() {
        let (x, y) = numbered(10);
        for t in [0.0, 1.0, -0.2, 1.5, f64::NAN] {
            let e = train_test_split(&x, &y, t, 0).unwrap_err();
            assert!(matches!(&e, Error::InvalidParameter { name, .. } if name == "test_size"), "{t}: {e}");
        }
        let (x1, y1) = numbered(1);
        let e = train_test_split(&x1, &y1, 0.5, 0).unwrap_err();
        assert!(e.to_string().contains("train set is empty"), "{e}");
        let (x0, y0) = numbered(0);
        assert!(matches!(train_test_split(&x0, &y0, 0.5, 0), Err(Error::Empty(_))));
        let short = Array1::<f32>::zeros(9);
        let e = train_test_split(&x, &short, 0.2, 0).unwrap_err();
        assert!(matches!(e, Error::ShapeMismatch { expected: 10, got: 9, .. }), "{e}");
        // The checks of data::check_xy: no feature column, non-finite values.
        let no_columns = ndarray::Array2::<f32>::zeros((10, 0));
        assert!(matches!(train_test_split(&no_columns, &y, 0.2, 0), Err(Error::Empty(_))));
        let mut with_inf = x.clone();
        with_inf[[3, 0]] = f32::INFINITY;
        let e = train_test_split(&with_inf, &y, 0.2, 0).unwrap_err();
        assert!(matches!(e, Error::NonFinite { row: 3, column: 0, .. }), "{e}");
        // NaN is a missing value, split like any other (as scikit-learn does).
        with_inf[[3, 0]] = f32::NAN;
        let (train, test, _, _) = train_test_split(&with_inf, &y, 0.2, 0).unwrap();
        assert_eq!(train.iter().chain(test.iter()).filter(|v| v.is_nan()).count(), 1);
    }

    #[test]
    fn bad_stratification_is_an_error() {
        let x = Array2::<f32>::zeros((9, 1));
        let lonely = blocks(&[4, 4, 1]);
        let e = TrainTestSplit::new(0.4).stratify(true).split(&x, &lonely).unwrap_err();
        assert!(e.to_string().contains("class 2") && e.to_string().contains("row 8"), "{e}");
        let three = blocks(&[3, 3, 3]);
        let e = TrainTestSplit::new(0.2).stratify(true).split(&x, &three).unwrap_err();
        assert!(e.to_string().contains("test set would hold 2 rows, fewer than the 3 classes"), "{e}");
        let e = TrainTestSplit::new(0.8).stratify(true).split(&x, &three).unwrap_err();
        assert!(e.to_string().contains("train set would hold 1 rows"), "{e}");
        let e = TrainTestSplit::new(0.3).shuffle(false).stratify(true).split(&x, &three).unwrap_err();
        assert!(matches!(&e, Error::InvalidParameter { name, .. } if name == "stratify"), "{e}");
    }

    #[test]
    fn datasets_split_into_named_parts() {
        let iris = load_iris();
        let (train, test) = iris.train_test_split(0.2, 7).unwrap();
        assert_eq!((train.n_samples(), test.n_samples()), (120, 30));
        assert_eq!(test.feature_names, iris.feature_names);
        assert_eq!(train.target_names, iris.target_names);
    }
}
