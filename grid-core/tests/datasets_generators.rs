//! `make_regression` and `make_classification`: shapes, structure, determinism, validation.

// In a module named `datasets` so that `cargo test -p grid-core datasets` selects these tests.
mod datasets {
    use grid_core::datasets::{make_classification, make_regression};
    use grid_core::Error;
    use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};

    /// Least-squares coefficients of `y` on the columns of `x` plus an intercept (last entry),
    /// by the normal equations solved with partial pivoting, in f64.
    fn least_squares(x: ArrayView2<f32>, y: ArrayView1<f32>) -> Vec<f64> {
        let (n, p) = x.dim();
        let design =
            Array2::from_shape_fn((n, p + 1), |(i, j)| if j < p { f64::from(x[[i, j]]) } else { 1.0 });
        let target = y.mapv(f64::from);
        let mut a = design.t().dot(&design);
        let mut b = design.t().dot(&target);
        let m = p + 1;
        for col in 0..m {
            let pivot = (col..m).max_by(|&r, &s| a[[r, col]].abs().total_cmp(&a[[s, col]].abs())).unwrap();
            for k in 0..m {
                a.swap([col, k], [pivot, k]);
            }
            b.swap(col, pivot);
            for row in col + 1..m {
                let f = a[[row, col]] / a[[col, col]];
                for k in col..m {
                    a[[row, k]] -= f * a[[col, k]];
                }
                b[row] -= f * b[col];
            }
        }
        let mut coef = vec![0.0; m];
        for row in (0..m).rev() {
            let tail: f64 = (row + 1..m).map(|k| a[[row, k]] * coef[k]).sum();
            coef[row] = (b[row] - tail) / a[[row, row]];
        }
        coef
    }

    fn variance(v: &Array1<f32>) -> f64 {
        let n = v.len() as f64;
        let mean = v.iter().map(|&a| f64::from(a)).sum::<f64>() / n;
        v.iter().map(|&a| (f64::from(a) - mean).powi(2)).sum::<f64>() / n
    }

    fn count(y: &Array1<usize>, class: usize) -> usize {
        y.iter().filter(|&&c| c == class).count()
    }

    // ---------- make_regression ----------

    #[test]
    fn regression_shapes_and_names() {
        let data = make_regression(100, 5).noise(0.1).seed(42).build().unwrap();
        assert_eq!(data.x.dim(), (100, 5));
        assert_eq!(data.y.len(), 100);
        assert_eq!(data.feature_names, ["x0", "x1", "x2", "x3", "x4"]);
        assert_eq!(data.target_names, ["y"]);
        let multi = make_regression(30, 4).n_targets(3).build_multi().unwrap();
        assert_eq!(multi.y.dim(), (30, 3));
        assert_eq!(multi.target_names, ["y0", "y1", "y2"]);
    }

    #[test]
    fn regression_without_noise_is_exactly_linear_with_n_informative_nonzero_coefficients() {
        let (data, coef) =
            make_regression(200, 8).n_informative(3).bias(5.0).seed(7).build_with_coef().unwrap();
        let fitted = least_squares(data.x.view(), data.y.view());
        let nonzero: Vec<usize> = (0..8).filter(|&j| fitted[j].abs() > 0.01).collect();
        assert_eq!(nonzero.len(), 3, "recovered {fitted:?}");
        for j in 0..8 {
            assert!(
                (fitted[j] - f64::from(coef[j])).abs() < 0.01,
                "feature {j}: {} vs {}",
                fitted[j],
                coef[j]
            );
            assert!((0.0..100.0).contains(&coef[j]));
        }
        assert!((fitted[8] - 5.0).abs() < 0.01, "intercept {}", fitted[8]);
        // y = x @ coef + bias, up to f32 rounding.
        let predicted = data.x.dot(&coef) + 5.0;
        for (p, y) in predicted.iter().zip(&data.y) {
            assert!((p - y).abs() < 1e-3 * (1.0 + y.abs()), "{p} vs {y}");
        }
    }

    #[test]
    fn regression_unshuffled_has_the_informative_features_first() {
        let (data, coef) = make_regression(50, 6).n_informative(2).shuffle(false).build_with_coef().unwrap();
        assert!(coef[0] > 0.0 && coef[1] > 0.0);
        assert!(coef.iter().skip(2).all(|&c| c == 0.0));
        let fitted = least_squares(data.x.view(), data.y.view());
        assert!(fitted[2..6].iter().all(|c| c.abs() < 0.01), "{fitted:?}");
    }

    #[test]
    fn regression_n_informative_defaults_to_10_capped_at_n_features() {
        let (_, coef) = make_regression(20, 5).build_with_coef().unwrap();
        assert_eq!(coef.iter().filter(|&&c| c != 0.0).count(), 5);
        let (_, coef) = make_regression(20, 30).build_with_coef().unwrap();
        assert_eq!(coef.iter().filter(|&&c| c != 0.0).count(), 10);
    }

    #[test]
    fn regression_noise_has_the_requested_scale() {
        let (data, coef) = make_regression(2000, 3).noise(2.0).seed(3).build_with_coef().unwrap();
        let residual = &data.y - &data.x.dot(&coef);
        let sd = variance(&residual).sqrt();
        assert!((sd - 2.0).abs() < 0.15, "residual sd {sd}");
    }

    #[test]
    fn regression_target_variance_is_in_sklearns_range() {
        // sklearn: np.mean([make_regression(100, 5, noise=0.1, random_state=s)[1].var() for s in range(50)])
        // -> 14526.19 (and 19573.7 for random_state=42); the expectation is 5 * E[(100 U)^2] = 16 667.
        let mean: f64 = (0..50)
            .map(|s| variance(&make_regression(100, 5).noise(0.1).seed(s).build().unwrap().y))
            .sum::<f64>()
            / 50.0;
        assert!((11_000.0..22_000.0).contains(&mean), "mean var(y) {mean}");
    }

    #[test]
    fn regression_is_deterministic_by_seed() {
        let a = make_regression(40, 4).noise(1.0).seed(11).build().unwrap();
        let b = make_regression(40, 4).noise(1.0).seed(11).build().unwrap();
        let c = make_regression(40, 4).noise(1.0).seed(12).build().unwrap();
        assert_eq!(a, b);
        assert_ne!(a.x, c.x);
    }

    #[test]
    fn regression_rejects_bad_options() {
        let name = |e: Error| match e {
            Error::InvalidParameter { name, .. } => name,
            other => panic!("unexpected {other}"),
        };
        assert_eq!(name(make_regression(0, 3).build().unwrap_err()), "n_samples");
        assert_eq!(name(make_regression(3, 0).build().unwrap_err()), "n_features");
        assert_eq!(name(make_regression(3, 3).n_targets(0).build_multi().unwrap_err()), "n_targets");
        assert_eq!(name(make_regression(3, 3).n_targets(2).build().unwrap_err()), "n_targets");
        assert_eq!(name(make_regression(3, 3).noise(-0.5).build().unwrap_err()), "noise");
        assert_eq!(name(make_regression(3, 3).noise(f64::NAN).build().unwrap_err()), "noise");
        assert_eq!(name(make_regression(3, 3).bias(f64::INFINITY).build().unwrap_err()), "bias");
        let message = make_regression(3, 3).n_targets(2).build().unwrap_err().to_string();
        assert!(message.contains("build_multi"), "{message}");
    }

    // ---------- make_classification ----------

    #[test]
    fn classification_shapes_names_and_label_range() {
        let data = make_classification(100, 20).seed(0).build().unwrap();
        assert_eq!(data.x.dim(), (100, 20));
        assert_eq!(data.y.len(), 100);
        assert_eq!(data.feature_names.len(), 20);
        assert_eq!(data.target_names, ["0", "1"]);
        assert!(data.y.iter().all(|&c| c < 2));
    }

    #[test]
    fn classification_classes_are_balanced_by_default() {
        let data = make_classification(100, 5).flip_y(0.0).seed(4).build().unwrap();
        assert_eq!((count(&data.y, 0), count(&data.y, 1)), (50, 50));
    }

    /// n_samples, n_classes (= n_informative), n_clusters_per_class, weights, class sizes.
    type WeightCase = (usize, usize, usize, &'static [f64], &'static [usize]);

    #[test]
    fn classification_class_sizes_follow_weights_as_sklearn() {
        // sklearn: np.bincount(make_classification(flip_y=0, random_state=0, **kw)[1]) for each kw.
        let cases: [WeightCase; 5] = [
            (1000, 2, 2, &[0.1], &[100, 900]),
            (100, 2, 2, &[0.8], &[81, 19]),
            (100, 3, 1, &[0.2, 0.5, 0.3], &[20, 50, 30]),
            (37, 4, 2, &[0.5, 0.25, 0.125], &[19, 9, 5, 4]),
            (50, 3, 2, &[0.6, 0.3, 0.05], &[32, 15, 3]),
        ];
        for (n, classes, clusters, weights, expected) in cases {
            let data = make_classification(n, 20)
                .n_classes(classes)
                .n_informative(classes)
                .n_clusters_per_class(clusters)
                .weights(weights)
                .flip_y(0.0)
                .build()
                .unwrap();
            let counts: Vec<usize> = (0..classes).map(|k| count(&data.y, k)).collect();
            assert_eq!(counts, expected, "n={n} weights={weights:?}");
        }
        // sklearn: make_classification(101, n_classes=3, n_informative=3, flip_y=0) -> [34 34 33]
        let data = make_classification(101, 20).n_classes(3).n_informative(3).flip_y(0.0).build().unwrap();
        assert_eq!([count(&data.y, 0), count(&data.y, 1), count(&data.y, 2)], [34, 34, 33]);
    }

    #[test]
    fn classification_without_label_noise_is_separable_by_class_means() {
        let data = make_classification(400, 2)
            .n_informative(2)
            .n_redundant(0)
            .n_clusters_per_class(1)
            .class_sep(4.0)
            .flip_y(0.0)
            .seed(5)
            .build()
            .unwrap();
        let means: Vec<Array1<f32>> = (0..2)
            .map(|k| {
                let rows: Vec<usize> = (0..400).filter(|&i| data.y[i] == k).collect();
                data.x.select(Axis(0), &rows).mean_axis(Axis(0)).unwrap()
            })
            .collect();
        let correct = (0..400)
            .filter(|&i| {
                let row = data.x.row(i);
                let d: Vec<f32> = means.iter().map(|m| (&row - m).mapv(|v| v * v).sum()).collect();
                (d[1] < d[0]) == (data.y[i] == 1)
            })
            .count();
        assert!(correct >= 380, "{correct} of 400 nearest-mean correct");
    }

    #[test]
    fn classification_flip_y_redraws_about_that_fraction_of_labels() {
        let base = make_classification(2000, 4).flip_y(0.0).shuffle(false).seed(9).build().unwrap();
        let flipped = make_classification(2000, 4).flip_y(0.5).shuffle(false).seed(9).build().unwrap();
        assert_eq!(base.x, flipped.x);
        // Half are redrawn, half of those land on the other class: about 25% change.
        let changed = base.y.iter().zip(&flipped.y).filter(|(a, b)| a != b).count();
        assert!((400..600).contains(&changed), "{changed} labels changed");
    }

    #[test]
    fn classification_unshuffled_columns_are_informative_redundant_repeated_then_noise() {
        let data = make_classification(300, 9)
            .n_informative(3)
            .n_redundant(2)
            .n_repeated(2)
            .shuffle(false)
            .seed(2)
            .build()
            .unwrap();
        let informative = data.x.slice(ndarray::s![.., ..3]);
        for j in 3..5 {
            // Redundant: an exact linear combination of the informative columns.
            let fitted = least_squares(informative, data.x.column(j));
            let predicted =
                informative.dot(&ndarray::arr1(&fitted[..3]).mapv(|v| v as f32)) + fitted[3] as f32;
            let worst = (&predicted - &data.x.column(j)).mapv(f32::abs).fold(0.0_f32, |a, &b| a.max(b));
            assert!(worst < 1e-3, "column {j} residual {worst}");
        }
        for j in 5..7 {
            assert!((0..5).any(|k| data.x.column(k) == data.x.column(j)), "column {j} repeats none of 0..5");
        }
        for j in 7..9 {
            let noise = data.x.column(j).to_owned();
            let mean = noise.mean().unwrap();
            let var = variance(&noise);
            assert!(mean.abs() < 0.25 && (0.7..1.3).contains(&var), "column {j}: mean {mean}, var {var}");
        }
    }

    #[test]
    fn classification_with_many_informative_features_does_not_panic() {
        let data = make_classification(50, 40).n_informative(35).n_classes(5).build().unwrap();
        assert_eq!(data.x.dim(), (50, 40));
    }

    #[test]
    fn classification_is_deterministic_by_seed() {
        let a = make_classification(60, 6).seed(21).build().unwrap();
        let b = make_classification(60, 6).seed(21).build().unwrap();
        let c = make_classification(60, 6).seed(22).build().unwrap();
        assert_eq!(a, b);
        assert_ne!(a.x, c.x);
    }

    #[test]
    fn classification_rejects_what_sklearn_rejects_naming_the_option() {
        let fails = |b: grid_core::datasets::MakeClassification, option: &str, words: &str| {
            let e = b.build().unwrap_err();
            assert!(
                matches!(&e, Error::InvalidParameter { name, .. } if name == option)
                    && e.to_string().contains(words),
                "expected `{option}` error containing {words:?}, got: {e}"
            );
        };
        fails(make_classification(0, 5), "n_samples", "at least 1");
        fails(make_classification(10, 0), "n_features", "at least 1");
        fails(
            make_classification(10, 3),
            "n_features",
            "n_informative (2) + n_redundant (2) + n_repeated (0) = 4",
        );
        fails(make_classification(10, 5).n_classes(3), "n_informative", "2^n_informative = 2^2 = 4");
        fails(make_classification(10, 5).n_informative(0), "n_informative", "at least 1");
        fails(make_classification(10, 5).n_classes(0), "n_classes", "at least 1");
        fails(make_classification(10, 5).n_clusters_per_class(0), "n_clusters_per_class", "at least 1");
        fails(
            make_classification(10, 5).weights([0.2, 0.3, 0.5]),
            "weights",
            "3 weights given for 2 classes",
        );
        fails(make_classification(10, 5).weights([0.7, 0.6]), "weights", "sum to at most 1");
        fails(make_classification(10, 5).weights([1.5]), "weights", "sum to at most 1");
        fails(make_classification(10, 5).weights([-0.1, 0.5]), "weights", "at least 0");
        fails(make_classification(10, 5).flip_y(-0.1), "flip_y", "[0, 1]");
        fails(make_classification(10, 5).class_sep(0.0), "class_sep", "greater than 0");
        fails(make_classification(10, 5).scale(f64::NAN), "scale", "finite");
        fails(make_classification(10, 5).shift(f64::INFINITY), "shift", "finite");
    }
}
