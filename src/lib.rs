//! gridcv: scikit-learn's `GridSearchCV` over Keras-style networks, in Rust, with grids the
//! compiler checks. See the README for a tour; everything is in [`prelude`].

pub use grid_core::*;
pub use grid_macros::{grid, tunable};

/// Everything a user needs: `use gridcv::prelude::*;`.
pub mod prelude {
    pub use grid_core::prelude::*;
    pub use grid_macros::{grid, tunable};
}

/// Paths the macros expand to. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use grid_core;
    pub use serde;
}
