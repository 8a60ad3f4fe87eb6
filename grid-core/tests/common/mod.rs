//! Small closed-form estimators that prove the engine works without dfdx.
#![allow(dead_code)]

use grid_core::estimator::{Estimator, Predictor, Task, TrainSet};
use grid_core::Result;
use ndarray::{Array1, ArrayView2};
use serde::Serialize;

/// Ridge regression with an intercept, as scikit-learn's `Ridge(alpha)`: centers x and y,
/// solves `(XcᵀXc + αI) w = Xcᵀ yc`, intercept `ȳ - x̄ᵀw`.
pub struct Ridge;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RidgeParams {
    pub alpha: f64,
}

impl std::fmt::Display for RidgeParams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{{alpha: {}}}", self.alpha)
    }
}

#[derive(Debug)]
pub struct RidgeModel {
    pub weights: Vec<f64>,
    pub intercept: f64,
}

impl Estimator<RidgeParams, Array1<f32>> for Ridge {
    type Fitted = RidgeModel;
    fn task(&self) -> Task {
        Task::Regression
    }
    fn fit(&self, p: &RidgeParams, data: &TrainSet<'_, Array1<f32>>) -> Result<RidgeModel> {
        let x = data.x().mapv(f64::from);
        let y = data.y().mapv(f64::from);
        let (n, d) = x.dim();
        let xm = x.mean_axis(ndarray::Axis(0)).unwrap();
        let ym = y.mean().unwrap();
        let xc = &x - &xm;
        let yc = &y - ym;
        let mut a = xc.t().dot(&xc);
        for j in 0..d {
            a[[j, j]] += p.alpha;
        }
        let b = xc.t().dot(&yc);
        let w = solve(a, b.to_vec());
        let intercept = ym - xm.iter().zip(&w).map(|(m, w)| m * w).sum::<f64>();
        let _ = n;
        Ok(RidgeModel { weights: w, intercept })
    }
}

fn solve(mut a: ndarray::Array2<f64>, mut b: Vec<f64>) -> Vec<f64> {
    let d = b.len();
    for col in 0..d {
        let pivot = (col..d).max_by(|&i, &j| a[[i, col]].abs().total_cmp(&a[[j, col]].abs())).unwrap();
        for k in 0..d {
            a.swap([col, k], [pivot, k]);
        }
        b.swap(col, pivot);
        for row in 0..d {
            if row != col {
                let f = a[[row, col]] / a[[col, col]];
                for k in 0..d {
                    a[[row, k]] -= f * a[[col, k]];
                }
                b[row] -= f * b[col];
            }
        }
    }
    (0..d).map(|i| b[i] / a[[i, i]]).collect()
}

impl Predictor<Array1<f32>> for RidgeModel {
    fn predict(&self, x: ArrayView2<'_, f32>) -> Result<Array1<f32>> {
        Ok(x.rows()
            .into_iter()
            .map(|r| {
                (self.intercept + r.iter().zip(&self.weights).map(|(x, w)| f64::from(*x) * w).sum::<f64>())
                    as f32
            })
            .collect())
    }
}

/// A candidate without parameters.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NoParams;

impl std::fmt::Display for NoParams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("{}")
    }
}

/// Nearest-centroid classifier, as scikit-learn's `NearestCentroid()`, for any label type.
pub struct NearestCentroid;

#[derive(Debug)]
pub struct Centroids<L> {
    /// The classes of the training fold, one per centroid.
    pub classes: Vec<L>,
    pub centroids: Vec<Vec<f64>>,
    /// The classes of the whole data set: the columns of `predict_proba`.
    pub all_classes: Vec<L>,
}

impl<L: grid_core::data::Label> Estimator<NoParams, Array1<L>> for NearestCentroid {
    type Fitted = Centroids<L>;
    fn task(&self) -> Task {
        Task::Classification
    }
    fn fit(&self, _: &NoParams, data: &TrainSet<'_, Array1<L>>) -> Result<Centroids<L>> {
        let present: Vec<L> = {
            let mut v: Vec<L> = data.y().iter().cloned().collect();
            v.sort();
            v.dedup();
            v
        };
        let centroids = present
            .iter()
            .map(|c| {
                let rows: Vec<usize> = (0..data.y().len()).filter(|&i| &data.y()[i] == c).collect();
                (0..data.n_features())
                    .map(|j| rows.iter().map(|&i| f64::from(data.row(i)[j])).sum::<f64>() / rows.len() as f64)
                    .collect()
            })
            .collect();
        Ok(Centroids { classes: present, centroids, all_classes: data.classes().clone() })
    }
}

impl<L: grid_core::data::Label> Predictor<Array1<L>> for Centroids<L> {
    fn predict(&self, x: ArrayView2<'_, f32>) -> Result<Array1<L>> {
        Ok(x.rows()
            .into_iter()
            .map(|r| {
                let dist = |c: &Vec<f64>| {
                    c.iter().zip(r.iter()).map(|(c, x)| (c - f64::from(*x)).powi(2)).sum::<f64>()
                };
                let best = (0..self.centroids.len())
                    .min_by(|&a, &b| dist(&self.centroids[a]).total_cmp(&dist(&self.centroids[b])))
                    .unwrap();
                self.classes[best].clone()
            })
            .collect())
    }

    /// Softmax of the negative squared distances to the centroids; a class without a centroid
    /// (absent from the training fold) has probability 0.
    fn predict_proba(&self, x: ArrayView2<'_, f32>) -> Result<Option<ndarray::Array2<f32>>> {
        let mut proba = ndarray::Array2::zeros((x.nrows(), self.all_classes.len()));
        for (i, r) in x.rows().into_iter().enumerate() {
            let neg: Vec<f64> = self
                .centroids
                .iter()
                .map(|c| -c.iter().zip(r.iter()).map(|(c, x)| (c - f64::from(*x)).powi(2)).sum::<f64>())
                .collect();
            let top = neg.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let total: f64 = neg.iter().map(|v| (v - top).exp()).sum();
            for (class, v) in self.classes.iter().zip(&neg) {
                let column = self.all_classes.binary_search(class).expect("a training class");
                proba[[i, column]] = ((v - top).exp() / total) as f32;
            }
        }
        Ok(Some(proba))
    }
}

/// How a [`Flaky`] fit behaves.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Behaviour {
    /// Predicts the training mean plus noise drawn from the fit's seed.
    Noisy,
    /// Returns an error.
    Fails,
    /// Panics inside the fit (as a user's build function might).
    Panics,
    /// Predicts NaN.
    PredictsNan,
    /// Fails when its training rows lack row 0 of `ridge_data` (split 0 of 3 unshuffled folds).
    FailsOnFirstSplit,
}

impl std::fmt::Display for Behaviour {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

/// An estimator whose candidates misbehave on purpose, and whose predictions depend on the
/// fit's seed, to test failure handling and determinism.
pub struct Flaky;

#[derive(Debug)]
pub struct FlakyModel(pub f32);

impl Estimator<Behaviour, Array1<f32>> for Flaky {
    type Fitted = FlakyModel;
    fn task(&self) -> Task {
        Task::Regression
    }
    fn fit(&self, b: &Behaviour, data: &TrainSet<'_, Array1<f32>>) -> Result<FlakyModel> {
        let mean = data.y().mean().unwrap_or(0.0);
        let noise = (data.seed() % 1000) as f32 / 1000.0;
        match b {
            Behaviour::Noisy => Ok(FlakyModel(mean + noise)),
            Behaviour::Fails => Err(grid_core::Error::Diverged { epoch: 3, loss: f64::INFINITY }),
            Behaviour::Panics => panic!("build function exploded"),
            Behaviour::PredictsNan => Ok(FlakyModel(f32::NAN)),
            Behaviour::FailsOnFirstSplit if !data.x().column(0).iter().any(|&v| v == 0.0) => {
                Err(grid_core::Error::invalid("flaky", "no row 0 to train on"))
            }
            Behaviour::FailsOnFirstSplit => Ok(FlakyModel(mean)),
        }
    }
}

impl Predictor<Array1<f32>> for FlakyModel {
    fn predict(&self, x: ArrayView2<'_, f32>) -> Result<Array1<f32>> {
        Ok(Array1::from_elem(x.nrows(), self.0))
    }
}

/// The 14-row regression problem the sklearn reference values below were computed on:
/// `i = arange(14); X = c_[i, (i*7)%5]; y = 3*X[:,0] - 2*X[:,1] + ((i*3)%4 - 1.5)`.
pub fn ridge_data() -> (ndarray::Array2<f32>, Array1<f32>) {
    let x = ndarray::Array2::from_shape_fn(
        (14, 2),
        |(i, j)| if j == 0 { i as f32 } else { ((i * 7) % 5) as f32 },
    );
    let y = (0..14).map(|i| 3.0 * x[[i, 0]] - 2.0 * x[[i, 1]] + ((i * 3) % 4) as f32 - 1.5).collect();
    (x, y)
}
