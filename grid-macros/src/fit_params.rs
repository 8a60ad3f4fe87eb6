//! The one table of the neural fit parameters (`grid_core::nn::FitParams`) that `#[tunable]`
//! adds to every parameter struct.
//!
//! The generated `impl HasFitParams` builds a `FitParams { .. }` literal naming every entry, so
//! a name or type that drifts from the struct is a compile error in the first expansion.

use proc_macro2::TokenStream;
use quote::quote;

use crate::paths;

/// A fit parameter: its field name and its type.
pub(crate) struct FitParam {
    pub name: &'static str,
    pub ty: TokenStream,
}

/// The fit parameters, in the order of `FitParams`' fields.
pub(crate) fn table() -> Vec<FitParam> {
    let nn = paths::nn();
    let option = quote!(::core::option::Option);
    let entries = [
        ("epochs", quote!(usize)),
        ("batch_size", quote!(usize)),
        ("optimizer", quote!(#nn::Optimizer)),
        ("learning_rate", quote!(#option<f64>)),
        ("momentum", quote!(f64)),
        ("nesterov", quote!(bool)),
        ("loss", quote!(#nn::Loss)),
        ("validation_split", quote!(f64)),
        ("early_stopping", quote!(#option<#nn::EarlyStopping>)),
        ("shuffle", quote!(bool)),
    ];
    entries.into_iter().map(|(name, ty)| FitParam { name, ty }).collect()
}
