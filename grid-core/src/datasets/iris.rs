//! Fisher's Iris table, embedded in the crate.

use ndarray::{Array1, Array2};

use super::Dataset;

/// The 150 rows of scikit-learn's `iris.csv` (the corrected copy: samples 35 and 38 as Fisher
/// published them), under a header of our own; the last column is the class index.
const IRIS_CSV: &str = include_str!("data/iris.csv");

const FEATURE_NAMES: [&str; 4] =
    ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"];
const CLASS_NAMES: [&str; 3] = ["setosa", "versicolor", "virginica"];

/// Fisher's Iris data set: 150 flowers, 4 measurements in cm, 3 species of 50 flowers each.
///
/// The table is embedded in the binary (no download). Classes `0, 1, 2` are setosa, versicolor
/// and virginica; feature names are scikit-learn's (`"sepal length (cm)"`, ...). The rows are
/// those of scikit-learn's `load_iris()`, in the same order.
///
/// ```
/// let iris = grid_core::datasets::load_iris();
/// assert_eq!(iris.x.dim(), (150, 4));
/// assert_eq!(iris.x.row(0).to_vec(), [5.1, 3.5, 1.4, 0.2]);
/// assert_eq!(iris.y[0], 0);
/// assert_eq!(iris.target_names[iris.y[149]], "virginica");
/// ```
pub fn load_iris() -> Dataset<Array1<usize>> {
    let mut values = Vec::with_capacity(150 * 4);
    let mut classes = Vec::with_capacity(150);
    for line in IRIS_CSV.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let mut fields = line.split(',');
        for _ in 0..FEATURE_NAMES.len() {
            let cell = fields.next().expect("the embedded iris.csv has 5 columns");
            values.push(cell.trim().parse::<f32>().expect("the embedded iris.csv holds numbers"));
        }
        let class = fields.next().expect("the embedded iris.csv has 5 columns");
        classes.push(class.trim().parse::<usize>().expect("the embedded iris.csv holds class indices"));
    }
    let x = Array2::from_shape_vec((classes.len(), FEATURE_NAMES.len()), values)
        .expect("the embedded iris.csv is rectangular");
    Dataset {
        x,
        y: Array1::from(classes),
        feature_names: FEATURE_NAMES.iter().map(|s| s.to_string()).collect(),
        feature_kinds: Dataset::<()>::numeric_kinds(FEATURE_NAMES.len()),
        target_names: CLASS_NAMES.iter().map(|s| s.to_string()).collect(),
    }
}
