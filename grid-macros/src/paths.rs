//! Paths the expansions use. Users depend on the facade `gridcv`, which re-exports what the
//! macros need under `gridcv::__private`.

use proc_macro2::TokenStream;
use quote::quote;

/// `grid_core::grid`.
pub(crate) fn grid() -> TokenStream {
    quote!(::gridcv::__private::grid_core::grid)
}

/// The serde crate, as a path for `#[serde(crate = "..")]`.
pub(crate) const SERDE: &str = "::gridcv::__private::serde";

/// The serde crate, as tokens.
pub(crate) fn serde() -> TokenStream {
    quote!(::gridcv::__private::serde)
}
