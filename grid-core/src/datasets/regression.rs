//! `make_regression`: a random linear regression problem, as scikit-learn generates it.

use ndarray::{s, Array1, Array2, Axis};

use super::Dataset;
use crate::error::{Error, Result};
use crate::rng::RandomState;
use crate::split::check_capacity;

/// Starts a random linear regression problem of `n_samples` rows and `n_features` columns;
/// set options on the returned [`MakeRegression`] and call [`build`](MakeRegression::build).
///
/// Bit-identical to scikit-learn's `make_regression(..., random_state=seed)` for the same
/// seed: the same draws of numpy's `RandomState` (see [`crate::rng`]) in the same order.
/// `x ~ N(0, 1)`; the ground-truth coefficients are `100 * U[0, 1)` for the first
/// `n_informative` features and zero for the others; `y = x @ coef + bias + noise * N(0, 1)`;
/// then rows and features are shuffled. Everything is computed in f64 as scikit-learn does;
/// `x`, `y` and the coefficients are f32 copies of scikit-learn's f64 arrays.
///
/// ```
/// let data = grid_core::datasets::make_regression(100, 5).noise(0.1).seed(42).build()?;
/// assert_eq!(data.x.dim(), (100, 5));
/// assert_eq!(data.y.len(), 100);
/// # Ok::<(), grid_core::Error>(())
/// ```
pub fn make_regression(n_samples: usize, n_features: usize) -> MakeRegression {
    MakeRegression {
        n_samples,
        n_features,
        n_informative: 10,
        n_targets: 1,
        bias: 0.0,
        noise: 0.0,
        shuffle: true,
        seed: 0,
    }
}

/// Options of [`make_regression`]; defaults are scikit-learn's, except the seed (0 rather than
/// random, so that runs repeat): seed `s` is scikit-learn's `random_state=s`.
///
/// ```
/// let data = grid_core::datasets::make_regression(50, 8).n_informative(3).bias(2.0).build()?;
/// assert_eq!(data.feature_names[0], "x0");
/// assert_eq!(data.target_names, ["y"]);
/// # Ok::<(), grid_core::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct MakeRegression {
    n_samples: usize,
    n_features: usize,
    n_informative: usize,
    n_targets: usize,
    bias: f64,
    noise: f64,
    shuffle: bool,
    seed: u64,
}

/// The generated data in f64, before conversion: `x`, `y` (`n_samples x n_targets`) and the
/// ground-truth coefficients (`n_features x n_targets`).
struct Generated {
    x: Array2<f64>,
    y: Array2<f64>,
    coef: Array2<f64>,
}

impl MakeRegression {
    /// Number of features with a nonzero coefficient (default 10; capped at `n_features`, as
    /// scikit-learn does).
    ///
    /// ```
    /// let b = grid_core::datasets::make_regression(10, 4).n_informative(2);
    /// assert!(b.build().is_ok());
    /// ```
    pub fn n_informative(mut self, n_informative: usize) -> Self {
        self.n_informative = n_informative;
        self
    }

    /// Number of target columns (default 1); more than one needs
    /// [`build_multi`](Self::build_multi).
    ///
    /// ```
    /// let data = grid_core::datasets::make_regression(10, 4).n_targets(3).build_multi()?;
    /// assert_eq!(data.y.dim(), (10, 3));
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn n_targets(mut self, n_targets: usize) -> Self {
        self.n_targets = n_targets;
        self
    }

    /// Constant added to every target (default 0).
    ///
    /// ```
    /// let data = grid_core::datasets::make_regression(10, 3).n_informative(0).bias(7.0).build()?;
    /// assert!(data.y.iter().all(|&v| v == 7.0));
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn bias(mut self, bias: f64) -> Self {
        self.bias = bias;
        self
    }

    /// Standard deviation of the Gaussian noise added to the targets (default 0: `y` is exactly
    /// linear in `x`).
    ///
    /// ```
    /// assert!(grid_core::datasets::make_regression(10, 3).noise(-1.0).build().is_err());
    /// ```
    pub fn noise(mut self, noise: f64) -> Self {
        self.noise = noise;
        self
    }

    /// Whether to shuffle the rows and the features (default `true`). Unshuffled, the
    /// informative features are the first `n_informative` columns.
    ///
    /// ```
    /// let data = grid_core::datasets::make_regression(10, 3).shuffle(false).build()?;
    /// assert_eq!(data.n_samples(), 10);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn shuffle(mut self, shuffle: bool) -> Self {
        self.shuffle = shuffle;
        self
    }

    /// Seed of the random generator (default 0); the same seed gives the same data.
    ///
    /// ```
    /// use grid_core::datasets::make_regression;
    /// assert_eq!(make_regression(5, 2).seed(3).build()?, make_regression(5, 2).seed(3).build()?);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Generates one target column.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for zero samples or features, a negative or non-finite noise,
    /// a non-finite bias, `n_targets` other than 1, or sizes whose arrays
    /// (`n_samples x n_features`, ...) could not be held in memory.
    ///
    /// ```
    /// let data = grid_core::datasets::make_regression(20, 2).build()?;
    /// assert_eq!(data.y.len(), 20);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn build(&self) -> Result<Dataset<Array1<f32>>> {
        self.build_with_coef().map(|(data, _)| data)
    }

    /// Generates one target column and also returns the ground-truth coefficients, one per
    /// column of `x` (in `x`'s column order), as scikit-learn's `coef=True`.
    ///
    /// ```
    /// let (data, coef) = grid_core::datasets::make_regression(20, 6).n_informative(2).build_with_coef()?;
    /// assert_eq!(coef.iter().filter(|&&c| c != 0.0).count(), 2);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn build_with_coef(&self) -> Result<(Dataset<Array1<f32>>, Array1<f32>)> {
        if self.n_targets != 1 {
            return Err(Error::invalid(
                "n_targets",
                format!(
                    "build() makes one target column, {} were asked for: use build_multi()",
                    self.n_targets
                ),
            ));
        }
        let g = self.generate()?;
        let y = g.y.column(0).mapv(|v| v as f32);
        let coef = g.coef.column(0).mapv(|v| v as f32);
        Ok((self.dataset(g.x, y), coef))
    }

    /// Generates `n_targets` target columns (`n_samples x n_targets`), named `y0, y1, ...`.
    ///
    /// ```
    /// let data = grid_core::datasets::make_regression(10, 4).n_targets(2).build_multi()?;
    /// assert_eq!(data.target_names, ["y0", "y1"]);
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn build_multi(&self) -> Result<Dataset<Array2<f32>>> {
        let g = self.generate()?;
        Ok(self.dataset(g.x, g.y.mapv(|v| v as f32)))
    }

    fn dataset<Y>(&self, x: Array2<f64>, y: Y) -> Dataset<Y> {
        let target_names = if self.n_targets == 1 {
            vec!["y".to_string()]
        } else {
            (0..self.n_targets).map(|t| format!("y{t}")).collect()
        };
        Dataset {
            x: x.mapv(|v| v as f32),
            y,
            feature_names: (0..self.n_features).map(|j| format!("x{j}")).collect(),
            feature_kinds: Dataset::<()>::numeric_kinds(self.n_features),
            target_names,
        }
    }

    fn validate(&self) -> Result<()> {
        let at_least_one = |name: &str, value: usize| {
            if value == 0 {
                Err(Error::invalid(name, "must be at least 1, got 0"))
            } else {
                Ok(())
            }
        };
        at_least_one("n_samples", self.n_samples)?;
        at_least_one("n_features", self.n_features)?;
        at_least_one("n_targets", self.n_targets)?;
        let (n, p, t) = (self.n_samples, self.n_features, self.n_targets);
        for (name, what, rows, columns) in [
            ("n_samples", "x (n_samples x n_features)", n, p),
            ("n_targets", "the coefficients (n_features x n_targets)", p, t),
            ("n_targets", "y (n_samples x n_targets)", n, t),
        ] {
            check_capacity::<f64>(
                name,
                || format!("{what} = {rows} x {columns}"),
                rows.checked_mul(columns),
            )?;
        }
        if !self.bias.is_finite() {
            return Err(Error::invalid("bias", format!("must be finite, got {}", self.bias)));
        }
        if !(self.noise.is_finite() && self.noise >= 0.0) {
            return Err(Error::invalid(
                "noise",
                format!("must be finite and at least 0, got {}", self.noise),
            ));
        }
        Ok(())
    }

    fn generate(&self) -> Result<Generated> {
        self.validate()?;
        let (n, p, t) = (self.n_samples, self.n_features, self.n_targets);
        let informative = self.n_informative.min(p);
        // The draws of scikit-learn's make_regression, in its order.
        let mut rng = RandomState::new(self.seed);
        let mut x = Array2::from_shape_simple_fn((n, p), || rng.standard_normal());
        let mut coef = Array2::<f64>::zeros((p, t));
        coef.slice_mut(s![..informative, ..])
            .assign(&Array2::from_shape_simple_fn((informative, t), || 100.0 * rng.uniform(0.0, 1.0)));
        let mut y = numpy_dot(&x, &coef) + self.bias;
        if self.noise > 0.0 {
            y.iter_mut().for_each(|v| *v += rng.normal(0.0, self.noise));
        }
        if self.shuffle {
            let rows = rng.permutation(n);
            x = x.select(Axis(0), &rows);
            y = y.select(Axis(0), &rows);
            let columns = rng.permutation(p);
            x = x.select(Axis(1), &columns);
            coef = coef.select(Axis(0), &columns);
        }
        Ok(Generated { x, y, coef })
    }
}

/// `x @ coef` summed in the order of numpy's `np.dot` on OpenBLAS (x86-64 with FMA), so that
/// `y` matches scikit-learn's to the last bit in f64 for the usual sizes.
///
/// One target column is a matrix-vector product (OpenBLAS `dgemv_t`): four fused
/// multiply-add lanes over the multiples of 4, summed as `(l0 + l2) + (l1 + l3)`, then the last
/// one to three products. Several columns are a matrix product (`dgemm`): one fused
/// multiply-add after the other. (Other kernels, used for very small or very large sizes, sum
/// in other orders; the f64 results may then differ in the last bit, which the f32 copy
/// almost never sees.)
fn numpy_dot(x: &Array2<f64>, coef: &Array2<f64>) -> Array2<f64> {
    Array2::from_shape_fn((x.nrows(), coef.ncols()), |(i, j)| {
        let (row, w) = (x.row(i), coef.column(j));
        if coef.ncols() > 1 {
            return row.iter().zip(w).fold(0.0, |sum, (a, b)| a.mul_add(*b, sum));
        }
        let blocked = row.len() / 4 * 4;
        let mut lanes = [0.0_f64; 4];
        for k in (0..blocked).step_by(4) {
            for (l, lane) in lanes.iter_mut().enumerate() {
                *lane = row[k + l].mul_add(w[k + l], *lane);
            }
        }
        let sum = (lanes[0] + lanes[2]) + (lanes[1] + lanes[3]);
        let (a, b) = (row.slice(s![blocked..]), w.slice(s![blocked..]));
        match a.len() {
            1 => a[0].mul_add(b[0], sum),
            2 => sum + a[0].mul_add(b[0], a[1] * b[1]),
            3 => sum + a[2].mul_add(b[2], a[0].mul_add(b[0], a[1] * b[1])),
            _ => sum,
        }
    })
}
