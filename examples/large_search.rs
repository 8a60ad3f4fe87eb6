//! A search on a large table, for its time and peak memory: 4 candidates (two widths of a
//! `features -> units -> units -> 1` ReLU network, two batch sizes), 5-fold CV, 2 epochs of
//! Adam, on rows read from `.npy` files (f32, C order), then the refit on all rows.
//!
//! The folds read their rows from the one `x` by index, so memory stays near the size of `x`
//! whatever the number of folds. `benches/peers/large_search.py` writes the data
//! (`make_regression(200_000, 50)`), runs this under `/usr/bin/time -v` and skorch on the same
//! search.
//!
//! Run: `cargo run --release --example large_search -- X.npy Y.npy [n_jobs]`

use std::io::{BufReader, Read};

use gridcv::prelude::*;
use ndarray::{Array1, Array2};

/// One hidden width, repeated twice.
#[tunable]
pub fn two_layers(meta: &Meta, #[default(64)] units: usize) -> Sequential {
    Sequential::new(meta.n_features)
        .dense(units, Activation::Relu)
        .dense(units, Activation::Relu)
        .dense(1, Activation::Linear)
}

/// The shape and f32 values of a C-order little-endian `.npy` file, read in chunks (no
/// second copy of the data in memory).
fn read_npy(path: &str) -> std::io::Result<(Vec<usize>, Vec<f32>)> {
    let bad = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, format!("{path}: {what}"));
    let mut r = BufReader::new(std::fs::File::open(path)?);
    let mut magic = [0u8; 8];
    r.read_exact(&mut magic)?;
    if &magic[..6] != b"\x93NUMPY" {
        return Err(bad("not a .npy file"));
    }
    let header_len = if magic[6] == 1 {
        let mut n = [0u8; 2];
        r.read_exact(&mut n)?;
        usize::from(u16::from_le_bytes(n))
    } else {
        let mut n = [0u8; 4];
        r.read_exact(&mut n)?;
        u32::from_le_bytes(n) as usize
    };
    let mut header = vec![0u8; header_len];
    r.read_exact(&mut header)?;
    let header = String::from_utf8_lossy(&header);
    if !header.contains("'descr': '<f4'") || !header.contains("'fortran_order': False") {
        return Err(bad("expected float32 ('<f4') in C order"));
    }
    let shape = header
        .split("'shape': (")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .ok_or_else(|| bad("no shape"))?
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse::<usize>().map_err(|_| bad("bad shape")))
        .collect::<std::io::Result<Vec<_>>>()?;
    let n: usize = shape.iter().product();
    let mut values = Vec::with_capacity(n);
    let mut chunk = vec![0u8; 1 << 16];
    while values.len() < n {
        let want = ((n - values.len()) * 4).min(chunk.len());
        r.read_exact(&mut chunk[..want])?;
        values.extend(chunk[..want].chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])));
    }
    Ok((shape, values))
}

/// Peak resident memory of this process so far, MiB (`VmHWM`).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(x_path), Some(y_path)) = (args.first(), args.get(1)) else {
        return Err("usage: large_search X.npy Y.npy [n_jobs]".into());
    };
    let n_jobs: usize = args.get(2).map(|s| s.parse()).transpose()?.unwrap_or(1);
    let (shape, values) = read_npy(x_path)?;
    let [rows, cols] = shape[..] else { return Err("x must be 2-D".into()) };
    let x = Array2::from_shape_vec((rows, cols), values)?;
    let (_, y) = read_npy(y_path)?;
    let y = Array1::from(y);
    let after_load = peak_rss_mib();

    let grid = grid!(two_layers { units: [64, 128], batch_size: [128, 256], epochs: [2] });
    let start = std::time::Instant::now();
    let search = GridSearchCV::new(NeuralRegressor::new(), grid)
        .cv(5)
        .n_jobs(n_jobs)
        .seed(0)
        .verbose(0)
        .fit(&x, &y)?;
    let wall = start.elapsed().as_secs_f64();
    let x_mib = (rows * cols * 4) as f64 / (1024.0 * 1024.0);
    println!(
        "{{\"side\": \"gridcv\", \"rows\": {rows}, \"features\": {cols}, \"n_jobs\": {n_jobs}, \"n_fits\": 21, \
         \"grid_fit_wall_s\": {wall:.3}, \"best_score\": {}, \"best_params\": \"{}\", \"x_mib\": {x_mib:.1}, \
         \"peak_rss_after_load_mib\": {:.1}, \"peak_rss_mib\": {:.1}, \"matmul_isa\": \"{}\"}}",
        search.best_score(),
        search.best_params(),
        after_load.unwrap_or(f64::NAN),
        peak_rss_mib().unwrap_or(f64::NAN),
        gridcv::nn::matmul_isa(),
    );
    Ok(())
}
