//! Saving a fitted pipeline: the model's own files, and `pipeline.json` with the input columns,
//! the fitted steps and the fitted target scaler.

use std::fs;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::fitted::FittedPipeline;
use crate::data::Label;
use crate::error::{Error, Result};
use crate::nn::{FittedClassifier, FittedRegressor};
use crate::preprocess::{Column, FittedStep};

/// File of the steps inside a model directory.
const PIPELINE_FILE: &str = "pipeline.json";
const FORMAT: &str = "gridcv-pipeline";
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Manifest {
    format: String,
    version: u32,
    columns: Vec<Column>,
    steps: Vec<FittedStep>,
    target: Option<FittedStep>,
}

fn save_steps<F>(dir: &Path, pipeline: &FittedPipeline<F>) -> Result<()> {
    let manifest = Manifest {
        format: FORMAT.into(),
        version: VERSION,
        columns: pipeline.columns.clone(),
        steps: pipeline.steps.clone(),
        target: pipeline.target.clone(),
    };
    let path = dir.join(PIPELINE_FILE);
    let json = serde_json::to_string_pretty(&manifest).map_err(|e| Error::Parse {
        source_name: path.display().to_string(),
        line: None,
        reason: format!("cannot write the steps: {e}"),
    })?;
    fs::write(&path, json).map_err(|source| Error::Io { path, source })
}

fn load_steps<F>(dir: &Path, model: F) -> Result<FittedPipeline<F>> {
    let path = dir.join(PIPELINE_FILE);
    let text = fs::read_to_string(&path).map_err(|source| Error::Io { path: path.clone(), source })?;
    let parse = |line, reason| Error::Parse { source_name: path.display().to_string(), line, reason };
    let m: Manifest = serde_json::from_str(&text).map_err(|e| parse(Some(e.line()), e.to_string()))?;
    if m.format != FORMAT || m.version != VERSION {
        return Err(parse(
            None,
            format!(
                "not a gridcv pipeline (format {:?} version {}, expected {FORMAT:?} version {VERSION})",
                m.format, m.version
            ),
        ));
    }
    Ok(FittedPipeline::new(m.columns, m.steps, m.target, model))
}

impl FittedPipeline<FittedRegressor> {
    /// Saves the pipeline into `dir`: the network as [`FittedRegressor::save`] does, and
    /// `pipeline.json` with the input columns (and their categories), the fitted steps and the
    /// fitted target scaler, so that the loaded pipeline predicts from raw rows.
    ///
    /// ```
    /// # use grid_core::estimator::{Estimator, Predictor, TrainSet};
    /// # use grid_core::nn::{Activation, FitParams, FittedRegressor, NetParams, NeuralRegressor, Sequential};
    /// use grid_core::pipeline::{FittedPipeline, Pipeline};
    /// use grid_core::preprocess::StandardScaler;
    /// let x = ndarray::Array2::from_shape_fn((10, 2), |(i, j)| (i + j) as f32);
    /// let y = x.column(0).to_owned() * 100.0;
    /// let params = NetParams::new(Sequential::new(2).dense(1, Activation::Linear), FitParams { epochs: 2, ..FitParams::default() });
    /// let pipeline = Pipeline::new(NeuralRegressor::new()).step(StandardScaler::default()).target_scaler(StandardScaler::default());
    /// let model = pipeline.fit(&params, &TrainSet::new(x.view(), &y))?;
    /// let dir = std::env::temp_dir().join("gridcv-doc-pipeline");
    /// model.save(&dir)?;
    /// let loaded = FittedPipeline::<FittedRegressor>::load(&dir)?;
    /// let (a, b): (ndarray::Array1<f32>, ndarray::Array1<f32>) = (model.predict(x.view())?, loaded.predict(x.view())?);
    /// assert_eq!(a, b);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok::<(), grid_core::Error>(())
    /// ```
    pub fn save(&self, dir: impl AsRef<Path>) -> Result<()> {
        self.model.save(dir.as_ref())?;
        save_steps(dir.as_ref(), self)
    }

    /// Loads a pipeline saved by [`save`](Self::save).
    pub fn load(dir: impl AsRef<Path>) -> Result<Self> {
        let model = FittedRegressor::load(dir.as_ref())?;
        load_steps(dir.as_ref(), model)
    }
}

impl<L: Label> FittedPipeline<FittedClassifier<L>> {
    /// Saves the pipeline into `dir`: the network as [`FittedClassifier::save`] does, and
    /// `pipeline.json` with the input columns, the fitted steps and target scaler.
    pub fn save(&self, dir: impl AsRef<Path>) -> Result<()>
    where
        L: Serialize,
    {
        self.model.save(dir.as_ref())?;
        save_steps(dir.as_ref(), self)
    }

    /// Loads a pipeline saved by [`save`](Self::save) with the same label type.
    pub fn load(dir: impl AsRef<Path>) -> Result<Self>
    where
        L: DeserializeOwned,
    {
        let model = FittedClassifier::load(dir.as_ref())?;
        load_steps(dir.as_ref(), model)
    }
}
