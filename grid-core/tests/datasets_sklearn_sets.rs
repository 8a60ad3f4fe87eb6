//! The embedded scikit-learn data sets against scikit-learn 1.9.1's loaders. Python:
//! ```python
//! from sklearn.datasets import load_diabetes, load_breast_cancer, load_wine
//! d = load_diabetes(); d.data[0], d.target[:3]      # the scaled first row, [151, 75, 141]
//! b = load_breast_cancer(); b.data[0][:5], b.data[568][-3:], b.data.sum()
//! w = load_wine(); w.data[177], w.data.sum()
//! ```

mod datasets {
    use grid_core::datasets::{load_breast_cancer, load_diabetes, load_diabetes_raw, load_wine};

    #[track_caller]
    fn close(got: &[f32], expected: &[f64]) {
        assert_eq!(got.len(), expected.len());
        for (g, e) in got.iter().zip(expected) {
            assert!((f64::from(*g) - e).abs() <= 1e-6 * e.abs().max(1.0), "got {g}, scikit-learn gives {e}");
        }
    }

    #[test]
    fn diabetes_is_scikit_learns_scaled_table() {
        let d = load_diabetes();
        assert_eq!((d.x.dim(), d.y.len()), ((442, 10), 442));
        assert_eq!(d.feature_names, ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]);
        close(
            &d.x.row(0).to_vec(),
            &[
                0.038075906433423026,
                0.05068011873981862,
                0.061696206518683294,
                0.0218723855140367,
                -0.04422349842444599,
                -0.03482076283769895,
                -0.04340084565202491,
                -0.002592261998183278,
                0.019907486170462722,
                -0.01764612515980379,
            ],
        );
        assert_eq!(d.y.slice(ndarray::s![..3]).to_vec(), [151.0, 75.0, 141.0]);
        for column in d.x.columns() {
            let norm: f64 = column.iter().map(|&v| f64::from(v).powi(2)).sum();
            assert!((norm - 1.0).abs() < 1e-5, "unit norm: {norm}");
        }
        assert_eq!(load_diabetes_raw().x[[441, 9]], 92.0); // the last line of diabetes_data_raw.csv
    }

    #[test]
    fn breast_cancer_and_wine_are_scikit_learns_tables() {
        let b = load_breast_cancer();
        assert_eq!((b.x.dim(), b.feature_names.len()), ((569, 30), 30));
        assert_eq!(
            (b.feature_names[0].as_str(), b.feature_names[29].as_str()),
            ("mean radius", "worst fractal dimension")
        );
        close(&b.x.row(0).to_vec()[..5], &[17.99, 10.38, 122.8, 1001.0, 0.1184]);
        close(&b.x.row(568).to_vec()[27..], &[0.0, 0.2871, 0.07039]);
        close(&[b.x.iter().map(|&v| f64::from(v)).sum::<f64>() as f32], &[1056474.4596356]);
        assert_eq!((b.y.iter().filter(|&&c| c == 1).count(), b.target_names[1].as_str()), (357, "benign"));

        let w = load_wine();
        assert_eq!(w.x.dim(), (178, 13));
        close(
            &w.x.row(177).to_vec(),
            &[14.13, 4.1, 2.74, 24.5, 96.0, 2.05, 0.76, 0.56, 1.35, 9.2, 0.61, 1.6, 560.0],
        );
        close(&[w.x.iter().map(|&v| f64::from(v)).sum::<f64>() as f32], &[159975.295999]);
        let counts: Vec<usize> = (0..3).map(|k| w.y.iter().filter(|&&c| c == k).count()).collect();
        assert_eq!(counts, [59, 71, 48]);
    }
}
