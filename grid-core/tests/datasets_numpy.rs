//! numpy's legacy `RandomState` and the seeded datasets built on it: every expected number
//! below was printed by numpy 2 / scikit-learn 1.9.1 (`/work/venv-sk/bin/python`), with the
//! Python given next to it.

// In a module named `datasets` so that `cargo test -p grid-core datasets` selects these tests.
mod datasets {
    use grid_core::datasets::{load_iris, make_regression, train_test_split, TrainTestSplit};
    use grid_core::rng::RandomState;
    use ndarray::{array, Array1, Array2};

    /// `n` draws of `draw`.
    fn draws(n: usize, mut draw: impl FnMut() -> f64) -> Vec<f64> {
        (0..n).map(|_| draw()).collect()
    }

    #[test]
    fn rng_words_match_mt19937_as_numpy_seeds_it() {
        // np.random.RandomState(42).randint(0, 2**32, size=3, dtype=np.uint32)
        let mut rng = RandomState::new(42);
        assert_eq!(
            [rng.next_u32(), rng.next_u32(), rng.next_u32()],
            [1_608_637_542, 3_421_126_067, 4_083_286_876]
        );
        // np.random.RandomState(5489).randint(0, 2**32, size=2, dtype=np.uint32): the MT19937 reference
        let mut rng = RandomState::new(5489);
        assert_eq!([rng.next_u32(), rng.next_u32()], [3_499_211_612, 581_869_302]);
    }

    #[test]
    fn rng_random_sample_and_uniform_match_numpy() {
        // np.random.RandomState(42).uniform(size=5)  (== .random_sample(5))
        let expected = [
            0.3745401188473625,
            0.9507143064099162,
            0.7319939418114051,
            0.5986584841970366,
            0.15601864044243652,
        ];
        let mut rng = RandomState::new(42);
        assert_eq!(draws(5, || rng.uniform(0.0, 1.0)), expected);
        let mut rng = RandomState::new(42);
        assert_eq!(draws(5, || rng.random_sample()), expected);
        // np.random.RandomState(0).uniform(-2.0, 3.0, size=3)
        let mut rng = RandomState::new(0);
        assert_eq!(
            draws(3, || rng.uniform(-2.0, 3.0)),
            [0.7440675196366238, 1.5759468318620975, 1.0138168803582195]
        );
        // np.random.RandomState(2**32 - 1).random_sample(2): the largest seed numpy takes
        let mut rng = RandomState::new(u64::from(u32::MAX));
        assert_eq!(draws(2, || rng.random_sample()), [0.0976320289940138, 0.9123828453026218]);
    }

    #[test]
    fn rng_seeds_above_32_bits_are_numpys_two_word_array_seeds() {
        // np.random.RandomState([7, 256]).random_sample()  (7 + 256 * 2**32, low word first)
        assert_eq!(RandomState::new(7 + (256 << 32)).random_sample(), 0.6137037779936511);
    }

    #[test]
    fn rng_standard_normal_and_normal_match_numpy_with_the_cached_second_value() {
        // np.random.RandomState(42).standard_normal(7)
        let mut rng = RandomState::new(42);
        assert_eq!(
            draws(7, || rng.standard_normal()),
            [
                0.4967141530112327,
                -0.13826430117118466,
                0.6476885381006925,
                1.5230298564080254,
                -0.23415337472333597,
                -0.23413695694918055,
                1.5792128155073915
            ]
        );
        // np.random.RandomState(1).normal(5.0, 2.0, size=3)
        let mut rng = RandomState::new(1);
        assert_eq!(
            draws(3, || rng.normal(5.0, 2.0)),
            [8.248690727326483, 3.7764871726998495, 3.9436564954730886]
        );
        // r = np.random.RandomState(42); r.standard_normal(); r.permutation(5); r.standard_normal()
        // -> 0.4967141530112327, [1, 4, 0, 3, 2], -0.13826430117118466 (the cached value survives)
        let mut rng = RandomState::new(42);
        assert_eq!(rng.standard_normal(), 0.4967141530112327);
        assert_eq!(rng.permutation(5), [1, 4, 0, 3, 2]);
        assert_eq!(rng.standard_normal(), -0.13826430117118466);
    }

    #[test]
    fn rng_shuffle_and_permutation_match_numpy() {
        // a = np.arange(10); np.random.RandomState(42).shuffle(a); np.random.RandomState(42).permutation(10)
        let mut items: Vec<usize> = (0..10).collect();
        RandomState::new(42).shuffle(&mut items);
        assert_eq!(items, [8, 1, 5, 0, 7, 2, 9, 4, 3, 6]);
        assert_eq!(RandomState::new(42).permutation(10), [8, 1, 5, 0, 7, 2, 9, 4, 3, 6]);
        // np.random.RandomState(0).permutation(150)
        let expected = [
            114, 62, 33, 107, 7, 100, 40, 86, 76, 71, 134, 51, 73, 54, 63, 37, 78, 90, 45, 16, 121, 66, 24,
            8, 126, 22, 44, 97, 93, 26, 137, 84, 27, 127, 132, 59, 18, 83, 61, 92, 112, 2, 141, 43, 10, 60,
            116, 144, 119, 108, 69, 135, 56, 80, 123, 133, 106, 146, 50, 147, 85, 30, 101, 94, 64, 89, 91,
            125, 48, 13, 111, 95, 20, 15, 52, 3, 149, 98, 6, 68, 109, 96, 12, 102, 120, 104, 128, 46, 11,
            110, 124, 41, 148, 1, 113, 139, 42, 4, 129, 17, 38, 5, 53, 143, 105, 0, 34, 28, 55, 75, 35, 23,
            74, 31, 118, 57, 131, 65, 32, 138, 14, 122, 19, 29, 130, 49, 136, 99, 82, 79, 115, 145, 72, 77,
            25, 81, 140, 142, 39, 58, 88, 70, 87, 36, 21, 9, 103, 67, 117, 47,
        ];
        assert_eq!(RandomState::new(0).permutation(150), expected);
        assert_eq!(RandomState::new(0).permutation(0), Vec::<usize>::new());
        assert_eq!(RandomState::new(0).permutation(1), [0]);
    }

    fn variance(v: &Array1<f32>) -> f64 {
        let n = v.len() as f64;
        let mean = v.iter().map(|&x| f64::from(x)).sum::<f64>() / n;
        v.iter().map(|&x| (f64::from(x) - mean).powi(2)).sum::<f64>() / n
    }

    #[test]
    fn make_regression_is_sklearns_for_the_peers_benchmark() {
        // X, y = make_regression(n_samples=100, n_features=5, noise=0.1, random_state=42)
        // X.astype(np.float32)[:3], y.astype(np.float32)[:5]
        let data = make_regression(100, 5).noise(0.1).seed(42).build().unwrap();
        let expected_x: Array2<f32> = array![
            [0.975_119_7, -0.677_161_7, -0.012_246_773, -0.897_254_35, 0.075_804_56],
            [0.081_874_14, -0.485_363_54, 0.758_969_25, -0.772_825_24, -0.236_818_61],
            [-1.412_303_7, -0.908_024_1, -0.562_287_5, -1.012_831_1, 0.314_247_34],
        ];
        assert_eq!(data.x.slice(ndarray::s![..3, ..]), expected_x);
        let expected_y: Array1<f32> = array![-57.195_76, -46.546_48, -258.133_45, 115.850_75, -123.767_715];
        assert_eq!(data.y.slice(ndarray::s![..5]), expected_y);
        // np.var(y.astype(np.float32).astype(np.float64)) -> 19573.721573176073 (np.var(y) 19573.72154...)
        let var = variance(&data.y);
        assert!((var - 19_573.721_573_176_073).abs() < 1e-7, "var(y) = {var}");
    }

    #[test]
    fn make_regression_unshuffled_with_few_informative_features_is_sklearns() {
        // X, y, c = make_regression(n_samples=20, n_features=6, n_informative=2, bias=3.5, noise=0.5,
        //                           shuffle=False, random_state=7, coef=True); cast to np.float32
        let (data, coef) = make_regression(20, 6)
            .n_informative(2)
            .bias(3.5)
            .noise(0.5)
            .shuffle(false)
            .seed(7)
            .build_with_coef()
            .unwrap();
        assert_eq!(
            data.x.row(0),
            array![1.690_525_7_f32, -0.465_937_38, 0.032_820_165, 0.407_516_27, -0.788_923, 0.002_065_573]
        );
        assert_eq!(
            data.x.row(19),
            array![-1.233_524_f32, 0.182_900_7, 0.022_244_738, -0.429_068_6, -0.648_105_26, 1.747_577_2]
        );
        assert_eq!(
            data.y.slice(ndarray::s![..4]),
            array![11.128_867_f32, -54.590_725, 1.601_696_6, -42.998_42]
        );
        assert_eq!(coef, array![13.457_046_f32, 33.135_72, 0.0, 0.0, 0.0, 0.0]);
    }

    #[test]
    fn make_regression_with_several_targets_is_sklearns() {
        // X, y, c = make_regression(n_samples=10, n_features=4, n_informative=3, n_targets=2, noise=1.0,
        //                           random_state=3, coef=True); cast to np.float32
        let data =
            make_regression(10, 4).n_informative(3).n_targets(2).noise(1.0).seed(3).build_multi().unwrap();
        assert_eq!(data.x.row(0), array![-0.545_359_97_f32, -1.546_477_3, 0.982_367_46, -1.101_067_7]);
        assert_eq!(
            data.y.slice(ndarray::s![..2, ..]),
            array![[-53.294_09_f32, -67.102_07], [-67.599_014, -50.760_68]]
        );
    }

    // Iris rows 0..150 as sklearn's load_iris; expected indices from
    // train_test_split(np.arange(150), test_size=0.2, random_state=42)
    const IRIS_TEST_42: [usize; 30] = [
        73, 18, 118, 78, 76, 31, 64, 141, 68, 82, 110, 12, 36, 9, 19, 56, 104, 69, 55, 132, 29, 127, 26, 128,
        131, 145, 108, 143, 45, 30,
    ];

    #[test]
    fn train_test_split_on_iris_takes_sklearns_rows_in_sklearns_order() {
        let iris = load_iris();
        let split = TrainTestSplit::new(0.2).seed(42).split_indices(&iris.y).unwrap();
        assert_eq!(split.test, IRIS_TEST_42);
        // ... train[:10] and train[-5:] of the same call
        assert_eq!(split.train[..10], [22, 15, 65, 11, 42, 146, 51, 27, 4, 32]);
        assert_eq!(split.train[115..], [71, 106, 14, 92, 102]);
        let (x_train, x_test, y_train, y_test) = train_test_split(&iris.x, &iris.y, 0.2, 42).unwrap();
        assert_eq!(x_test.row(0), iris.x.row(73));
        assert_eq!(x_train.row(0), iris.x.row(22));
        assert_eq!(y_test[29], iris.y[30]);
        assert_eq!(y_train[119], iris.y[102]);
    }

    #[test]
    fn stratified_train_test_split_is_sklearns() {
        let iris = load_iris();
        // train_test_split(np.arange(150), test_size=0.2, random_state=42, stratify=iris.target)
        let split = TrainTestSplit::new(0.2).seed(42).stratify(true).split_indices(&iris.y).unwrap();
        assert_eq!(
            split.test,
            [
                38, 127, 57, 93, 42, 56, 22, 20, 147, 84, 107, 141, 104, 51, 7, 49, 14, 69, 63, 138, 10, 140,
                58, 134, 132, 77, 75, 18, 116, 28
            ]
        );
        assert_eq!(split.train[..10], [8, 106, 76, 9, 89, 146, 94, 133, 135, 117]);
        // y7 = np.array([0]*7 + [1]*5 + [2]*3)
        // train_test_split(np.arange(15), test_size=0.4, random_state=3, stratify=y7)
        let y7: Array1<usize> = (0..15).map(|i| usize::from(i >= 7) + usize::from(i >= 12)).collect();
        let split = TrainTestSplit::new(0.4).seed(3).stratify(true).split_indices(&y7).unwrap();
        assert_eq!(split.train, [3, 5, 6, 13, 11, 4, 10, 12, 9]);
        assert_eq!(split.test, [8, 14, 7, 0, 2, 1]);
    }

    #[test]
    fn stratified_train_test_split_breaks_ties_with_sklearns_draws() {
        // y = np.array([0]*3 + [1]*3 + [2]*3): every class ties for the extra train and test rows.
        // train_test_split(np.arange(9), test_size=0.5, random_state=0 / 1, stratify=y)
        let y: Array1<usize> = (0..9).map(|i| i / 3).collect();
        let split = TrainTestSplit::new(0.5).seed(0).stratify(true).split_indices(&y).unwrap();
        assert_eq!((split.train, split.test), (vec![3, 6, 8, 2], vec![4, 1, 5, 7, 0]));
        let split = TrainTestSplit::new(0.5).seed(1).stratify(true).split_indices(&y).unwrap();
        assert_eq!((split.train, split.test), (vec![3, 2, 6, 1], vec![4, 0, 5, 8, 7]));
    }
}
