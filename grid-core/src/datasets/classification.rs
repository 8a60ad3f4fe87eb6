//! `make_classification`: Gaussian clusters on the vertices of a hypercube, as scikit-learn
//! generates them (Guyon's "Madelon" design).

use ndarray::{s, Array1, Array2, Axis};
use rand::rngs::StdRng;
use rand::Rng;

use super::random::{normal_matrix, permutation, seeded, uniform_matrix};
use super::Dataset;
use crate::error::{Error, Result};
use crate::split::check_capacity;

/// Starts a random classification problem of `n_samples` rows and `n_features` columns; set
/// options on the returned [`MakeClassification`] and call
/// [`build`](MakeClassification::build).
///
/// scikit-learn's algorithm with this crate's random generator: each class is made of
/// `n_clusters_per_class` Gaussian clusters centred on distinct vertices of a hypercube of side
/// `2 * class_sep` in the `n_informative` first dimensions, each with a random covariance; then
/// come `n_redundant` random linear combinations of the informative features, `n_repeated`
/// copies of informative or redundant ones, and pure noise for the rest. A fraction `flip_y`
/// of the labels is redrawn at random. Rows and features are shuffled unless told otherwise.
///
/// Unlike [`make_regression`](super::make_regression), the draws are not numpy's: the same seed
/// gives other values than scikit-learn's, from the same distribution.
///
/// ```
/// let data = grid_core::datasets::make_classification(200, 6).n_informative(3).n_classes(3).seed(1).build()?;
/// assert_eq!(data.x.dim(), (200, 6));
/// assert!(data.y.iter().all(|&c| c < 3));
/// assert_eq!(data.target_names, ["0", "1", "2"]);
/// # Ok::<(), grid_core::Error>(())
/// ```
pub fn make_classification(n_samples: usize, n_features: usize) -> MakeClassification {
    MakeClassification {
        n_samples,
        n_features,
        n_informative: 2,
        n_redundant: 2,
        n_repeated: 0,
        n_classes: 2,
        n_clusters_per_class: 2,
        weights: None,
        flip_y: 0.01,
        class_sep: 1.0,
        hypercube: true,
        shift: 0.0,
        scale: 1.0,
        shuffle: true,
        seed: 0,
    }
}

/// Options of [`make_classification`]; defaults are scikit-learn's, except the seed (0 rather
/// than random, so that runs repeat).
///
/// ```
/// let data = grid_core::datasets::make_classification(100, 20)
///     .n_informative(5)
///     .n_redundant(3)
///     .n_repeated(1)
///     .weights([0.75])
///     .flip_y(0.0)
///     .build()?;
/// assert_eq!(data.y.iter().filter(|&&c| c == 0).count(), 75);
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct MakeClassification {
    n_samples: usize,
    n_features: usize,
    n_informative: usize,
    n_redundant: usize,
    n_repeated: usize,
    n_classes: usize,
    n_clusters_per_class: usize,
    weights: Option<Vec<f64>>,
    flip_y: f64,
    class_sep: f64,
    hypercube: bool,
    shift: f64,
    scale: f64,
    shuffle: bool,
    seed: u64,
}

/// One setter per option, each with its documentation.
macro_rules! setter {
    ($(#[$doc:meta])* $name:ident: $ty:ty) => {
        $(#[$doc])*
        pub fn $name(mut self, $name: $ty) -> Self {
            self.$name = $name;
            self
        }
    };
}

impl MakeClassification {
    setter!(
        /// Number of informative features (default 2): the dimensions of the hypercube.
        ///
        /// ```
        /// assert!(grid_core::datasets::make_classification(10, 5).n_informative(3).build().is_ok());
        /// ```
        n_informative: usize
    );
    setter!(
        /// Number of redundant features (default 2): random linear combinations of the
        /// informative ones.
        ///
        /// ```
        /// assert!(grid_core::datasets::make_classification(10, 5).n_redundant(0).build().is_ok());
        /// ```
        n_redundant: usize
    );
    setter!(
        /// Number of repeated features (default 0): copies of informative or redundant ones.
        ///
        /// ```
        /// assert!(grid_core::datasets::make_classification(10, 5).n_repeated(1).build().is_ok());
        /// ```
        n_repeated: usize
    );
    setter!(
        /// Number of classes (default 2), labelled `0..n_classes`.
        ///
        /// ```
        /// // 3 classes x 2 clusters need 6 <= 2^n_informative vertices: 2 informative are too few.
        /// assert!(grid_core::datasets::make_classification(10, 5).n_classes(3).build().is_err());
        /// ```
        n_classes: usize
    );
    setter!(
        /// Number of Gaussian clusters making up each class (default 2).
        ///
        /// ```
        /// assert!(grid_core::datasets::make_classification(10, 5).n_clusters_per_class(1).build().is_ok());
        /// ```
        n_clusters_per_class: usize
    );
    setter!(
        /// Fraction of labels redrawn uniformly at random (default 0.01), in `[0, 1]`. A redrawn
        /// label may come out unchanged.
        ///
        /// ```
        /// assert!(grid_core::datasets::make_classification(10, 5).flip_y(1.5).build().is_err());
        /// ```
        flip_y: f64
    );
    setter!(
        /// Half the side of the hypercube (default 1.0), `> 0`: larger is easier.
        ///
        /// ```
        /// assert!(grid_core::datasets::make_classification(10, 5).class_sep(2.0).build().is_ok());
        /// ```
        class_sep: f64
    );
    setter!(
        /// Cluster centres on the vertices of a hypercube (default `true`); `false` scales each
        /// vertex and each dimension by a random factor (a random polytope).
        ///
        /// ```
        /// assert!(grid_core::datasets::make_classification(10, 5).hypercube(false).build().is_ok());
        /// ```
        hypercube: bool
    );
    setter!(
        /// Value added to every feature (default 0.0), before scaling.
        ///
        /// ```
        /// assert!(grid_core::datasets::make_classification(10, 5).shift(3.0).build().is_ok());
        /// ```
        shift: f64
    );
    setter!(
        /// Factor multiplying every feature (default 1.0), `> 0`, after shifting.
        ///
        /// ```
        /// assert!(grid_core::datasets::make_classification(10, 5).scale(0.0).build().is_err());
        /// ```
        scale: f64
    );
    setter!(
        /// Whether to shuffle the rows and the features (default `true`). Unshuffled, the
        /// columns are informative, redundant, repeated, then noise, and rows are grouped by
        /// cluster.
        ///
        /// ```
        /// let data = grid_core::datasets::make_classification(10, 5).shuffle(false).flip_y(0.0).build()?;
        /// assert_eq!(data.y[0], 0);
        /// # Ok::<(), grid_core::Error>(())
        /// ```
        shuffle: bool
    );
    setter!(
        /// Seed of the random generator (default 0); the same seed gives the same data.
        ///
        /// ```
        /// use grid_core::datasets::make_classification;
        /// assert_eq!(make_classification(9, 4).seed(5).build()?, make_classification(9, 4).seed(5).build()?);
        /// # Ok::<(), grid_core::Error>(())
        /// ```
        seed: u64
    );

    /// Proportion of samples in each class (default equal): `n_classes` values, or
    /// `n_classes - 1` values with the last class getting the rest, as scikit-learn. Each
    /// cluster of class `k` gets `floor(n_samples * weights[k] / n_clusters_per_class)` samples
    /// and the remainder is dealt to the clusters in turn.
    ///
    /// ```
    /// let data = grid_core::datasets::make_classification(100, 4).weights([0.3, 0.7]).flip_y(0.0).build()?;
    /// assert_eq!(data.y.iter().filter(|&&c| c == 1).count(), 70);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn weights(mut self, weights: impl AsRef<[f64]>) -> Self {
        self.weights = Some(weights.as_ref().to_vec());
        self
    }

    /// Generates the data set; features are named `x0, x1, ...`, classes `"0", "1", ...`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] naming the option at fault when scikit-learn would refuse
    /// it: zero samples, features, informative features, classes or clusters; more
    /// informative + redundant + repeated features than `n_features`; more clusters
    /// (`n_classes * n_clusters_per_class`) than the `2^n_informative` hypercube vertices;
    /// weights of the wrong length, negative, or summing above 1; `flip_y` outside `[0, 1]`;
    /// `class_sep` or `scale` not positive; sizes whose arrays (`n_samples x n_features`,
    /// `n_informative x n_informative`, ...) could not be held in memory.
    ///
    /// ```
    /// let err = grid_core::datasets::make_classification(10, 3).build().unwrap_err();
    /// assert!(err.to_string().contains("n_features"));
    /// ```
    pub fn build(&self) -> Result<Dataset<Array1<usize>>> {
        let weights = self.validate()?;
        let (x, y) = self.generate(&weights)?;
        Ok(Dataset {
            x: x.mapv(|v| v as f32),
            y,
            feature_names: (0..self.n_features).map(|j| format!("x{j}")).collect(),
            feature_kinds: Dataset::<()>::numeric_kinds(self.n_features),
            target_names: (0..self.n_classes).map(|k| k.to_string()).collect(),
        })
    }

    /// Checks the options and returns the class weights, completed to `n_classes` values.
    fn validate(&self) -> Result<Vec<f64>> {
        for (name, value) in [
            ("n_samples", self.n_samples),
            ("n_features", self.n_features),
            ("n_informative", self.n_informative),
            ("n_classes", self.n_classes),
            ("n_clusters_per_class", self.n_clusters_per_class),
        ] {
            if value == 0 {
                return Err(Error::invalid(name, "must be at least 1, got 0"));
            }
        }
        let used = self.n_informative.saturating_add(self.n_redundant).saturating_add(self.n_repeated);
        if used > self.n_features {
            return Err(Error::invalid(
                "n_features",
                format!(
                    "n_informative ({}) + n_redundant ({}) + n_repeated ({}) = {used} must be at most n_features ({})",
                    self.n_informative, self.n_redundant, self.n_repeated, self.n_features
                ),
            ));
        }
        let vertices = 1_u128.checked_shl(self.n_informative as u32).filter(|_| self.n_informative < 128);
        let clusters = (self.n_classes as u128) * (self.n_clusters_per_class as u128);
        if vertices.is_some_and(|v| clusters > v) {
            return Err(Error::invalid(
                "n_informative",
                format!(
                    "n_classes ({}) * n_clusters_per_class ({}) = {clusters} clusters need distinct hypercube \
                     vertices, but 2^n_informative = 2^{} = {} are available",
                    self.n_classes,
                    self.n_clusters_per_class,
                    self.n_informative,
                    vertices.unwrap_or_default()
                ),
            ));
        }
        if clusters > 1 << 30 {
            return Err(Error::invalid(
                "n_classes",
                format!("n_classes * n_clusters_per_class = {clusters} clusters: at most 2^30 are supported"),
            ));
        }
        let (n, p, informative) = (self.n_samples, self.n_features, self.n_informative);
        let n_clusters = clusters as usize;
        for (name, what, rows, columns) in [
            ("n_samples", "x (n_samples x n_features)", n, p),
            (
                "n_informative",
                "the cluster covariances (n_informative x n_informative)",
                informative,
                informative,
            ),
            ("n_redundant", "the redundant mix (n_informative x n_redundant)", informative, self.n_redundant),
            (
                "n_informative",
                "the centroids (n_classes * n_clusters_per_class x n_informative)",
                n_clusters,
                informative,
            ),
        ] {
            check_capacity::<f64>(
                name,
                || format!("{what} = {rows} x {columns}"),
                rows.checked_mul(columns),
            )?;
        }
        if !(0.0..=1.0).contains(&self.flip_y) {
            return Err(Error::invalid("flip_y", format!("must be in [0, 1], got {}", self.flip_y)));
        }
        for (name, value) in [("class_sep", self.class_sep), ("scale", self.scale)] {
            if !(value.is_finite() && value > 0.0) {
                return Err(Error::invalid(name, format!("must be finite and greater than 0, got {value}")));
            }
        }
        if !self.shift.is_finite() {
            return Err(Error::invalid("shift", format!("must be finite, got {}", self.shift)));
        }
        self.class_weights()
    }

    fn class_weights(&self) -> Result<Vec<f64>> {
        let k = self.n_classes;
        let Some(given) = &self.weights else {
            return Ok(vec![1.0 / k as f64; k]);
        };
        if given.len() != k && given.len() + 1 != k {
            return Err(Error::invalid(
                "weights",
                format!("{} weights given for {k} classes: give {k} or {}", given.len(), k - 1),
            ));
        }
        if let Some(bad) = given.iter().find(|w| !(w.is_finite() && **w >= 0.0)) {
            return Err(Error::invalid("weights", format!("must be finite and at least 0, got {bad}")));
        }
        let mut weights = given.clone();
        let sum: f64 = weights.iter().sum();
        if weights.len() < k {
            weights.push(1.0 - sum);
        }
        if sum > 1.0 + 1e-9 {
            return Err(Error::invalid(
                "weights",
                format!("must sum to at most 1, got {weights:?} (sum {sum})"),
            ));
        }
        Ok(weights)
    }

    /// Number of samples in each cluster; cluster `c` belongs to class `c % n_classes`.
    fn cluster_sizes(&self, weights: &[f64]) -> Result<Vec<usize>> {
        let n_clusters = self.n_classes * self.n_clusters_per_class;
        let mut sizes: Vec<usize> = (0..n_clusters)
            .map(|c| {
                (self.n_samples as f64 * weights[c % self.n_classes] / self.n_clusters_per_class as f64)
                    as usize
            })
            .collect();
        let assigned: usize = sizes.iter().sum();
        if assigned > self.n_samples {
            return Err(Error::invalid(
                "weights",
                format!("{weights:?} give {assigned} samples, more than n_samples ({})", self.n_samples),
            ));
        }
        for i in 0..self.n_samples - assigned {
            sizes[i % n_clusters] += 1;
        }
        Ok(sizes)
    }

    fn generate(&self, weights: &[f64]) -> Result<(Array2<f64>, Array1<usize>)> {
        let (n, p, informative) = (self.n_samples, self.n_features, self.n_informative);
        let (redundant, repeated) = (self.n_redundant, self.n_repeated);
        let n_random = p - informative - redundant - repeated;
        let n_clusters = self.n_classes * self.n_clusters_per_class;
        let sizes = self.cluster_sizes(weights)?;
        let mut rng = seeded(self.seed);

        let mut centroids = hypercube_vertices(&mut rng, n_clusters, informative) * (2.0 * self.class_sep);
        centroids -= self.class_sep;
        if !self.hypercube {
            centroids *= &uniform_matrix(&mut rng, n_clusters, 1);
            centroids *= &uniform_matrix(&mut rng, 1, informative);
        }

        let mut x = Array2::<f64>::zeros((n, p));
        x.slice_mut(s![.., ..informative]).assign(&normal_matrix(&mut rng, n, informative));
        let mut y = Array1::<usize>::zeros(n);
        let mut stop = 0;
        for (c, centroid) in centroids.outer_iter().enumerate() {
            let start = stop;
            stop += sizes[c];
            y.slice_mut(s![start..stop]).fill(c % self.n_classes);
            let covariance = uniform_matrix(&mut rng, informative, informative) * 2.0 - 1.0;
            let mut cluster = x.slice_mut(s![start..stop, ..informative]);
            let moved = cluster.dot(&covariance) + centroid;
            cluster.assign(&moved);
        }

        if redundant > 0 {
            let mix = uniform_matrix(&mut rng, informative, redundant) * 2.0 - 1.0;
            let combined = x.slice(s![.., ..informative]).dot(&mix);
            x.slice_mut(s![.., informative..informative + redundant]).assign(&combined);
        }
        let sources = informative + redundant;
        for j in 0..repeated {
            let source = ((sources - 1) as f64 * rng.gen::<f64>() + 0.5) as usize;
            let copy = x.column(source).to_owned();
            x.column_mut(sources + j).assign(&copy);
        }
        if n_random > 0 {
            x.slice_mut(s![.., p - n_random..]).assign(&normal_matrix(&mut rng, n, n_random));
        }

        let flipped: Vec<bool> = (0..n).map(|_| rng.gen::<f64>() < self.flip_y).collect();
        for (label, _) in y.iter_mut().zip(&flipped).filter(|(_, &f)| f) {
            *label = rng.gen_range(0..self.n_classes);
        }
        x += self.shift;
        x *= self.scale;

        if self.shuffle {
            let rows = permutation(&mut rng, n);
            x = x.select(Axis(0), &rows);
            y = rows.iter().map(|&r| y[r]).collect();
            let columns = permutation(&mut rng, p);
            x = x.select(Axis(1), &columns);
        }
        Ok((x, y))
    }
}

/// `count` distinct vertices of the unit hypercube in `dimensions` dimensions, one per row
/// (coordinates 0 or 1); past 30 dimensions the extra coordinates are drawn independently and
/// only the last 30 are kept distinct, as scikit-learn does.
fn hypercube_vertices(rng: &mut StdRng, count: usize, dimensions: usize) -> Array2<f64> {
    let distinct = dimensions.min(30);
    let free = dimensions - distinct;
    let mut vertices = Array2::<f64>::zeros((count, dimensions));
    if free > 0 {
        vertices
            .slice_mut(s![.., ..free])
            .assign(&Array2::from_shape_simple_fn((count, free), || f64::from(rng.gen::<bool>())));
    }
    let codes = rand::seq::index::sample(rng, 1_usize << distinct, count);
    for (row, code) in codes.iter().enumerate() {
        for bit in 0..distinct {
            // Most significant bit first, as numpy's unpackbits.
            vertices[[row, free + bit]] = ((code >> (distinct - 1 - bit)) & 1) as f64;
        }
    }
    vertices
}
