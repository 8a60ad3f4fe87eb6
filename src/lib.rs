//! gridcv: scikit-learn's `GridSearchCV` over Keras-style networks, in Rust, with grids the
//! compiler checks. See the README for a tour; everything is in [`prelude`].
//!
//! # Typed grids: `#[tunable]` and `grid!`
//!
//! `#[tunable]` on a build function generates a parameter struct (`CreateModelParams` for
//! `create_model`) with one public field per parameter except the `&Meta` context, plus the fit
//! parameters of [`nn::FitParams`] (`epochs`, `batch_size`, `optimizer`, ...). Defaults come
//! from `#[default(..)]`, else the type's `Default`. The function stays callable, and may return
//! anything: a network, or as here a plain value.
//!
//! `grid!(create_model { axis: [values], .. })` is the Cartesian product of the axes, in
//! scikit-learn's `ParameterGrid` order (axes sorted by name, the last one varying fastest);
//! `grid!(f { .. } | { .. })` a union. Its size is a compile-time constant and candidate `i`
//! is computed on demand: the product is never materialized.
//!
//! ```
//! use gridcv::prelude::*;
//!
//! #[tunable]
//! fn create_model(meta: &Meta, #[default(10)] units: usize,
//!                 #[default(Relu)] activation: Activation) -> Vec<usize> {
//!     vec![meta.n_features, units]
//! }
//!
//! let grid = grid!(create_model {
//!     batch_size: [10, 20, 30],
//!     epochs: [50, 100],
//!     optimizer: [Adam, Sgd],
//! });
//! assert_eq!(grid.len(), 12);
//! assert_eq!(grid.to_string(), "12 candidates: batch_size(3) x epochs(2) x optimizer(2)");
//!
//! let last = grid.get(11).unwrap();
//! assert_eq!((last.batch_size, last.epochs, last.optimizer), (30, 100, Sgd));
//! assert_eq!(last.to_string(),
//!            "{activation: Relu, batch_size: 30, epochs: 100, optimizer: Sgd, units: 10}");
//! let meta = Meta { n_features: 4, ..Meta::default() };
//! assert_eq!(last.build(&meta), [4, 10]);
//! assert_eq!(create_model(&meta, 5, Tanh), [4, 5]); // still a function
//!
//! let union = grid!(create_model { units: [5, 10] } | { units: [1], activation: [Tanh] });
//! assert_eq!(union.to_string(), "3 candidates: units(2) | activation(1) x units(1)");
//! ```
//!
//! Each candidate is a struct literal of your function's struct, so mistakes are compile
//! errors at your token: a misspelled axis gets "a field with a similar name exists: `units`",
//! a value of the wrong type "expected `usize`", and a repeated axis or an empty list is
//! reported by the macro itself.
//!
//! ```compile_fail,E0560
//! use gridcv::prelude::*;
//!
//! #[tunable]
//! fn create_model(meta: &Meta, #[default(10)] units: usize) -> Vec<usize> {
//!     vec![meta.n_features, units]
//! }
//!
//! let grid = grid!(create_model { unit: [10, 20] });
//! ```
//!
//! Why `grid!(create_model { .. })` and not `grid!<create_model> { .. }`: a macro call is
//! delimited by `()`, `[]` or `{}`, so the function is named inside the call, where
//! `create_model { units: [..] }` reads as the struct literal each candidate is.

#![warn(missing_docs)]

pub use grid_core::*;
pub use grid_macros::space;
pub use grid_macros::{grid, tunable};

/// Everything a user needs: `use gridcv::prelude::*;`.
pub mod prelude {
    pub use grid_core::prelude::*;
    pub use grid_macros::space;
    pub use grid_macros::{grid, tunable};
}

/// Paths the macros expand to. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use grid_core;
    pub use serde;
}

/// The README's Rust blocks, compiled and run by `cargo test` so the quick start cannot rot.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
