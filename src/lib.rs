//! gridcv: scikit-learn's `GridSearchCV` over Keras-style networks, in Rust, with grids the
//! compiler checks. See the README for a tour; everything is in [`prelude`].
//!
//! # Typed grids: `#[tunable]` and `grid!`
//!
//! `#[tunable]` on a build function generates a parameter struct (`CreateModelParams` for
//! `create_model`) with one public field per parameter except the `&Meta` context. Defaults come
//! from `#[default(..)]`, else the type's `Default`. The function stays callable, and may return
//! anything: a network, or a model of your own. What trains the output is declared by its type
//! ([`grid::TrainedWith`]): a [`nn::Sequential`] is trained with [`nn::FitParams`] (`epochs`,
//! `batch_size`, `optimizer`, ...), which the struct then carries too (read them as fields) and
//! a grid can search beside the function's own parameters.
//!
//! `grid!(create_model { axis: [values], .. })` is the Cartesian product of the axes, in
//! scikit-learn's `ParameterGrid` order (axes sorted by name, the last one varying fastest);
//! `grid!(f { .. } | { .. })` a union. Its size is a compile-time constant and candidate `i`
//! is computed on demand: the product is never materialized. In the values, the variants of
//! the settings enums are in scope (`Relu`, `Adam`, `Mse`, ...); elsewhere write them
//! qualified (`Activation::Relu`): the prelude exports the enums, not their variants.
//!
//! ```
//! use gridcv::nn::Optimizer;
//! use gridcv::prelude::*;
//!
//! #[tunable]
//! fn create_model(meta: &Meta, #[default(10)] units: usize,
//!                 #[default(Activation::Relu)] activation: Activation) -> Sequential {
//!     Sequential::new(meta.n_features).dense(units, activation).dense(1, Activation::Linear)
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
//! assert_eq!((last.batch_size, last.epochs, last.optimizer), (30, 100, Optimizer::Sgd));
//! assert_eq!(last.units, 10); // not searched: its default
//! assert_eq!(last.to_string(), "{batch_size: 30, epochs: 100, optimizer: Sgd}"); // the searched axes
//! let meta = Meta { n_features: 4, ..Meta::default() };
//! assert_eq!(last.build(&meta).to_string(), "Sequential(4 -> Dense(10, Relu) -> Dense(1, Linear))");
//! assert_eq!(create_model(&meta, 5, Activation::Tanh).layers().len(), 2); // still a function
//!
//! let union = grid!(create_model { units: [5, 10] } | { units: [1], activation: [Tanh] });
//! assert_eq!(union.to_string(), "3 candidates: units(2) | activation(1) x units(1)");
//! ```
//!
//! Mistakes are compile errors at your token: an axis that is neither a parameter of the
//! function nor a fit parameter of what it returns says so (and that the grid would search it
//! for nothing), a value of the wrong type gets "expected `usize`", and a repeated axis or an
//! empty list is reported by the macro itself.
//!
//! ```compile_fail,E0277
//! use gridcv::prelude::*;
//!
//! #[tunable]
//! fn create_model(meta: &Meta, #[default(10)] units: usize) -> Vec<usize> {
//!     vec![meta.n_features, units]
//! }
//!
//! let grid = grid!(create_model { units: [10, 20], epochs: [10, 100] }); // a `Vec` is not trained
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

    /// The names in scope in a grid's values, and only there: the variants of the settings
    /// enums, so that `activation: [Relu, Tanh]` and `optimizer: [Adam, Sgd]` need no import.
    pub mod grid_values {
        pub use grid_core::nn::Activation::*;
        pub use grid_core::nn::Loss::*;
        pub use grid_core::nn::Optimizer::*;
    }
}

/// The README's Rust blocks, compiled and run by `cargo test` so the quick start cannot rot.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
