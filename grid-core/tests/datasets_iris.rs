//! The embedded Iris table against scikit-learn's `load_iris()`.

// In a module named `datasets` so that `cargo test -p grid-core datasets` selects these tests.
mod datasets {
    use grid_core::datasets::load_iris;

    #[test]
    fn iris_has_150_rows_4_features_and_3_named_classes() {
        let iris = load_iris();
        assert_eq!(iris.x.dim(), (150, 4));
        assert_eq!(iris.y.len(), 150);
        assert_eq!(iris.target_names, ["setosa", "versicolor", "virginica"]);
        // sklearn: load_iris().feature_names
        assert_eq!(
            iris.feature_names,
            ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]
        );
    }

    #[test]
    fn iris_has_50_flowers_per_class_in_blocks() {
        let iris = load_iris();
        for class in 0..3 {
            let rows: Vec<usize> = (0..150).filter(|&i| iris.y[i] == class).collect();
            assert_eq!(rows.len(), 50, "class {class}");
            assert_eq!(rows, (50 * class..50 * (class + 1)).collect::<Vec<_>>());
        }
    }

    #[test]
    fn iris_rows_are_sklearns_including_the_corrected_samples() {
        // sklearn: d = load_iris(); d.data[0], d.data[-1], d.data[34], d.data[37]
        let iris = load_iris();
        assert_eq!(iris.x.row(0).to_vec(), [5.1, 3.5, 1.4, 0.2]);
        assert_eq!(iris.x.row(149).to_vec(), [5.9, 3.0, 5.1, 1.8]);
        // Samples 35 and 38 as Fisher published them (the UCI copy has them wrong).
        assert_eq!(iris.x.row(34).to_vec(), [4.9, 3.1, 1.5, 0.2]);
        assert_eq!(iris.x.row(37).to_vec(), [4.9, 3.6, 1.4, 0.1]);
    }

    #[test]
    fn iris_column_means_match_sklearn() {
        // sklearn: load_iris().data.mean(0) -> [5.84333333, 3.05733333, 3.758, 1.19933333]
        let expected = [5.843_333_33, 3.057_333_33, 3.758, 1.199_333_33];
        let iris = load_iris();
        for (j, want) in expected.iter().enumerate() {
            let mean = iris.x.column(j).iter().map(|&v| f64::from(v)).sum::<f64>() / 150.0;
            assert!((mean - want).abs() < 1e-5, "column {j}: mean {mean}, sklearn {want}");
        }
    }
}
