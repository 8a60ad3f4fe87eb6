//! The small real data sets that ship with scikit-learn, embedded in the crate (see
//! `data/README.md` for their source and license): diabetes, breast cancer, wine.

use ndarray::{Array1, Array2};

use super::Dataset;

const DIABETES_X: &str = include_str!("data/diabetes_data_raw.csv");
const DIABETES_Y: &str = include_str!("data/diabetes_target.csv");
const BREAST_CANCER: &str = include_str!("data/breast_cancer.csv");
const WINE: &str = include_str!("data/wine_data.csv");

const DIABETES_FEATURES: [&str; 10] = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"];

const BREAST_CANCER_FEATURES: [&str; 30] = [
    "mean radius",
    "mean texture",
    "mean perimeter",
    "mean area",
    "mean smoothness",
    "mean compactness",
    "mean concavity",
    "mean concave points",
    "mean symmetry",
    "mean fractal dimension",
    "radius error",
    "texture error",
    "perimeter error",
    "area error",
    "smoothness error",
    "compactness error",
    "concavity error",
    "concave points error",
    "symmetry error",
    "fractal dimension error",
    "worst radius",
    "worst texture",
    "worst perimeter",
    "worst area",
    "worst smoothness",
    "worst compactness",
    "worst concavity",
    "worst concave points",
    "worst symmetry",
    "worst fractal dimension",
];

const WINE_FEATURES: [&str; 13] = [
    "alcohol",
    "malic_acid",
    "ash",
    "alcalinity_of_ash",
    "magnesium",
    "total_phenols",
    "flavanoids",
    "nonflavanoid_phenols",
    "proanthocyanins",
    "color_intensity",
    "hue",
    "od280/od315_of_diluted_wines",
    "proline",
];

fn names(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

/// The numbers of each non-blank line of an embedded file, split on `sep`.
fn numbers(text: &str, sep: char, skip: usize) -> Vec<Vec<f64>> {
    text.lines()
        .skip(skip)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            l.split(sep)
                .filter(|c| !c.is_empty())
                .map(|c| c.trim().parse::<f64>().expect("the embedded data files hold numbers"))
                .collect()
        })
        .collect()
}

fn matrix(rows: &[Vec<f64>], n_features: usize) -> Array2<f64> {
    Array2::from_shape_fn((rows.len(), n_features), |(i, j)| rows[i][j])
}

/// scikit-learn's `load_breast_cancer` / `load_wine` files: a first line
/// `n_samples,n_features,class names...`, then rows ending with the class index.
fn classification(text: &str, features: &[&str]) -> Dataset<Array1<usize>> {
    let first = text.lines().next().expect("the embedded file has a header");
    let class_names: Vec<String> = first.split(',').skip(2).map(|s| s.trim().to_string()).collect();
    let rows = numbers(text, ',', 1);
    let x = matrix(&rows, features.len()).mapv(|v| v as f32);
    let y = rows.iter().map(|r| r[features.len()] as usize).collect();
    Dataset {
        x,
        y,
        feature_names: names(features),
        feature_kinds: Dataset::<()>::numeric_kinds(features.len()),
        target_names: class_names,
    }
}

/// The diabetes data set, as scikit-learn's `load_diabetes()`: 442 patients, 10 baseline
/// variables (`age`, `sex`, `bmi`, `bp`, `s1`..`s6`), target a measure of disease progression
/// one year later (25 to 346). As scikit-learn's default (`scaled=True`), each feature is
/// mean-centered and divided by its standard deviation times `sqrt(442)` (so each column has
/// unit Euclidean norm); [`load_diabetes_raw`] gives the original values.
///
/// ```
/// let data = grid_core::datasets::load_diabetes();
/// assert_eq!(data.x.dim(), (442, 10));
/// assert_eq!(data.feature_names[2], "bmi");
/// assert_eq!(data.y[0], 151.0);
/// assert!((data.x[[0, 0]] - 0.038075906).abs() < 1e-6);
/// ```
pub fn load_diabetes() -> Dataset<Array1<f32>> {
    let raw = matrix(&numbers(DIABETES_X, ' ', 0), DIABETES_FEATURES.len());
    let n = raw.nrows() as f64;
    let mut scaled = raw.clone();
    for mut column in scaled.columns_mut() {
        let mean = column.sum() / n;
        let std = (column.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
        column.mapv_inplace(|v| (v - mean) / std / n.sqrt());
    }
    diabetes(scaled)
}

/// The diabetes data set with its original values (scikit-learn's
/// `load_diabetes(scaled=False)`): age in years, sex 1 or 2, bmi, blood pressure, six blood
/// serum measurements.
///
/// ```
/// let data = grid_core::datasets::load_diabetes_raw();
/// assert_eq!(data.x.row(0).to_vec(), [59.0, 2.0, 32.1, 101.0, 157.0, 93.2, 38.0, 4.0, 4.8598, 87.0]);
/// ```
pub fn load_diabetes_raw() -> Dataset<Array1<f32>> {
    diabetes(matrix(&numbers(DIABETES_X, ' ', 0), DIABETES_FEATURES.len()))
}

fn diabetes(x: Array2<f64>) -> Dataset<Array1<f32>> {
    let y = numbers(DIABETES_Y, ' ', 0).iter().map(|r| r[0] as f32).collect();
    Dataset {
        x: x.mapv(|v| v as f32),
        y,
        feature_names: names(&DIABETES_FEATURES),
        feature_kinds: Dataset::<()>::numeric_kinds(DIABETES_FEATURES.len()),
        target_names: vec!["target".into()],
    }
}

/// The breast cancer Wisconsin (diagnostic) data set, as scikit-learn's
/// `load_breast_cancer()`: 569 tumours, 30 features computed from a digitized image, classes
/// `0` malignant (212) and `1` benign (357).
///
/// ```
/// let data = grid_core::datasets::load_breast_cancer();
/// assert_eq!(data.x.dim(), (569, 30));
/// assert_eq!(data.target_names, ["malignant", "benign"]);
/// assert_eq!(data.y.iter().filter(|&&c| c == 0).count(), 212);
/// ```
pub fn load_breast_cancer() -> Dataset<Array1<usize>> {
    classification(BREAST_CANCER, &BREAST_CANCER_FEATURES)
}

/// The wine recognition data set, as scikit-learn's `load_wine()`: 178 wines, 13 chemical
/// measurements, three cultivars `class_0` (59), `class_1` (71), `class_2` (48).
///
/// ```
/// let data = grid_core::datasets::load_wine();
/// assert_eq!(data.x.dim(), (178, 13));
/// assert_eq!(data.feature_names[12], "proline");
/// assert_eq!(data.target_names, ["class_0", "class_1", "class_2"]);
/// ```
pub fn load_wine() -> Dataset<Array1<usize>> {
    classification(WINE, &WINE_FEATURES)
}
