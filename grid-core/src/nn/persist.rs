//! Saving and loading fitted networks: a directory with `weights.safetensors` (one kernel and
//! one bias per dense layer, f32) and `model.json` (spec, fit parameters, classes, history).

use std::fs;
use std::path::{Path, PathBuf};

use dfdx::tensor::Cpu;
use safetensors::tensor::{Dtype, SafeTensors, TensorView};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::config::FitParams;
use super::history::History;
use super::model::Model;
use super::network::Network;
use super::sequential::Sequential;
use super::validate::{check_spec, Problem};
use crate::error::{Error, Result};

/// File of the weights inside a model directory.
pub(crate) const WEIGHTS_FILE: &str = "weights.safetensors";
/// File of the description inside a model directory.
pub(crate) const MANIFEST_FILE: &str = "model.json";
const FORMAT: &str = "gridcv-nn";
const VERSION: u32 = 1;

/// Which estimator saved the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Kind {
    Regressor,
    Classifier,
}

/// The fields of [`Manifest`] that say what the file is, read before the rest.
#[derive(Deserialize)]
struct Header {
    format: String,
    version: u32,
    kind: Kind,
}

#[derive(Serialize, Deserialize)]
struct Manifest<C> {
    format: String,
    version: u32,
    kind: Kind,
    spec: Sequential,
    fit_params: FitParams,
    classes: Option<C>,
    history: History,
}

/// A [`Error::Parse`] about the model saved at `path`.
pub(crate) fn parse_error(path: &Path, reason: impl Into<String>) -> Error {
    Error::Parse { source_name: path.display().to_string(), line: None, reason: reason.into() }
}

fn io_error(path: PathBuf) -> impl FnOnce(std::io::Error) -> Error {
    move |source| Error::Io { path, source }
}

fn kernel_name(i: usize) -> String {
    format!("dense.{i}.kernel")
}

fn bias_name(i: usize) -> String {
    format!("dense.{i}.bias")
}

fn to_bytes(values: &[f32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// Writes `model` (and its classes, for a classifier) into `dir`.
pub(crate) fn save<C: Serialize>(dir: &Path, model: &Model, kind: Kind, classes: Option<&C>) -> Result<()> {
    fs::create_dir_all(dir).map_err(io_error(dir.to_path_buf()))?;
    let weights: Vec<(String, Vec<usize>, Vec<u8>)> = model
        .net
        .weights()
        .iter()
        .enumerate()
        .flat_map(|(i, (kernel, bias))| {
            [
                (
                    kernel_name(i),
                    kernel.shape().to_vec(),
                    to_bytes(&kernel.iter().copied().collect::<Vec<_>>()),
                ),
                (bias_name(i), bias.shape().to_vec(), to_bytes(&bias.to_vec())),
            ]
        })
        .collect();
    let views = weights
        .iter()
        .map(|(name, shape, bytes)| {
            TensorView::new(Dtype::F32, shape.clone(), bytes)
                .map(|view| (name.clone(), view))
                .map_err(|e| parse_error(dir, format!("cannot describe tensor {name}: {e}")))
        })
        .collect::<Result<Vec<_>>>()?;
    let bytes = safetensors::serialize(views, &None)
        .map_err(|e| parse_error(dir, format!("cannot serialize the weights: {e}")))?;
    let weights_path = dir.join(WEIGHTS_FILE);
    fs::write(&weights_path, bytes).map_err(io_error(weights_path))?;

    let manifest = Manifest {
        format: FORMAT.to_string(),
        version: VERSION,
        kind,
        spec: model.spec.clone(),
        fit_params: model.fit_params.clone(),
        classes,
        history: model.history.clone(),
    };
    let json = serde_json::to_string_pretty(&manifest)
        .map_err(|e| parse_error(dir, format!("cannot write the description: {e}")))?;
    let manifest_path = dir.join(MANIFEST_FILE);
    fs::write(&manifest_path, json).map_err(io_error(manifest_path))
}

/// Reads a model of `kind` from `dir`; its classes (if any) come back beside it. The network
/// is checked as a regressor with the spec's output width, or as a classifier of the saved
/// classes by [`check_head`] afterwards.
pub(crate) fn load<C: DeserializeOwned + ClassCount>(dir: &Path, kind: Kind) -> Result<(Model, Option<C>)> {
    let manifest_path = dir.join(MANIFEST_FILE);
    let text = fs::read_to_string(&manifest_path).map_err(io_error(manifest_path.clone()))?;
    let json_error = |e: serde_json::Error| Error::Parse {
        source_name: manifest_path.display().to_string(),
        line: Some(e.line()),
        reason: e.to_string(),
    };
    // The header first: what the file is decides how the rest (the classes) reads.
    let header: Header = serde_json::from_str(&text).map_err(json_error)?;
    if header.format != FORMAT || header.version != VERSION {
        return Err(parse_error(
            &manifest_path,
            format!(
                "not a gridcv network (format {:?} version {}, expected {FORMAT:?} version {VERSION})",
                header.format, header.version
            ),
        ));
    }
    if header.kind != kind {
        return Err(parse_error(
            &manifest_path,
            format!("this is a saved {:?}, not a {kind:?}", header.kind),
        ));
    }
    let manifest: Manifest<C> = serde_json::from_str(&text).map_err(json_error)?;
    let problem = match (&manifest.classes, kind) {
        (Some(classes), Kind::Classifier) => Problem::Classification { n_classes: classes.count() },
        (None, Kind::Regressor) => {
            Problem::Regression { n_outputs: manifest.spec.output_width().unwrap_or(0) }
        }
        _ => return Err(parse_error(&manifest_path, "the classes do not fit the kind of model")),
    };
    let head = check_spec(&manifest.spec, problem, manifest.spec.n_features())
        .map_err(|e| parse_error(&manifest_path, format!("the saved network is invalid: {e}")))?;

    let weights_path = dir.join(WEIGHTS_FILE);
    let bytes = fs::read(&weights_path).map_err(io_error(weights_path.clone()))?;
    let tensors = SafeTensors::deserialize(&bytes)
        .map_err(|e| parse_error(&weights_path, format!("not a safetensors file: {e}")))?;
    let shapes = manifest.spec.dense_shapes();
    if tensors.len() != 2 * shapes.len() {
        return Err(parse_error(
            &weights_path,
            format!("holds {} tensors, the network has {}", tensors.len(), 2 * shapes.len()),
        ));
    }
    let mut weights = Vec::with_capacity(shapes.len());
    for (i, &(fan_in, units)) in shapes.iter().enumerate() {
        let kernel = read_tensor(&weights_path, &tensors, &kernel_name(i), &[fan_in, units])?;
        let bias = read_tensor(&weights_path, &tensors, &bias_name(i), &[units])?;
        weights.push((kernel, bias));
    }
    let net = Network::from_weights(&manifest.spec, head, Cpu::default(), weights);
    let model =
        Model { net, spec: manifest.spec, fit_params: manifest.fit_params, history: manifest.history };
    Ok((model, manifest.classes))
}

/// Something that holds classes and can count them.
pub(crate) trait ClassCount {
    fn count(&self) -> usize;
}

impl ClassCount for () {
    fn count(&self) -> usize {
        0
    }
}

impl<L> ClassCount for Vec<L> {
    fn count(&self) -> usize {
        self.len()
    }
}

fn read_tensor(path: &Path, tensors: &SafeTensors<'_>, name: &str, shape: &[usize]) -> Result<Vec<f32>> {
    let view = tensors.tensor(name).map_err(|e| parse_error(path, format!("tensor {name}: {e}")))?;
    if view.dtype() != Dtype::F32 {
        return Err(parse_error(path, format!("tensor {name} is {:?}, expected F32", view.dtype())));
    }
    if view.shape() != shape {
        return Err(parse_error(
            path,
            format!("tensor {name} has shape {:?}, the network needs {shape:?}", view.shape()),
        ));
    }
    let values: Vec<f32> =
        view.data().chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
    if let Some(v) = values.iter().find(|v| !v.is_finite()) {
        return Err(parse_error(path, format!("tensor {name} holds a non-finite value ({v})")));
    }
    Ok(values)
}
