//! The macros of gridcv: `#[tunable]` turns a build function into a typed parameter struct,
//! and `grid!` builds a typed grid of such structs. Use them through the facade crate
//! `gridcv` (`use gridcv::prelude::*;`), whose documentation has compiled examples: the code
//! they generate names `::gridcv::__private::..` paths.
//!
//! Layout (as serde_derive / thiserror): this file only dispatches; each macro has its
//! modules by phase: `ast`/`parse` (what was written), `attr` (the `#[default]` attribute),
//! `check` (the mistakes the macro can see) and `expand` (the generated code).

#![warn(missing_docs)]

mod errors;
mod fit_params;
mod grid;
mod paths;
mod spans;
mod tunable;

use proc_macro::TokenStream;

/// Turns a build function into a typed parameter struct.
///
/// On `fn create_model(meta: &Meta, #[default(10)] units: usize) -> Sequential`, it keeps the
/// function (without the `#[default]` attributes) and generates `CreateModelParams`: one public
/// field per parameter of the function except the `&Meta` context, plus the fit parameters of
/// `FitParams` (`epochs`, `batch_size`, `optimizer`, ...); a parameter of the function named
/// like a fit parameter is one field, and must have the fit parameter's type. It implements
/// `Clone`, `Debug`, `PartialEq`, `Default` (from `#[default(expr)]`, else the type's
/// `Default`, fit parameters from `FitParams::default()`), serde's `Serialize` /
/// `Deserialize`, `Display` (`{activation: Relu, units: 10}`), `Tunable` (whose `build` calls
/// the function) and `HasFitParams`. A hidden type alias named like the function lets
/// `grid!(create_model { .. })` name the struct.
///
/// ```text
/// #[tunable]
/// fn create_model(meta: &Meta, #[default(10)] units: usize, optimizer: Optimizer) -> Vec<usize> {
///     vec![meta.n_features, units]
/// }
/// ```
#[proc_macro_attribute]
pub fn tunable(args: TokenStream, input: TokenStream) -> TokenStream {
    let args = proc_macro2::TokenStream::from(args);
    let input = syn::parse_macro_input!(input as tunable::ast::Input);
    tunable::expand::expand(args, input).unwrap_or_else(syn::Error::into_compile_error).into()
}

/// A typed grid of the parameters of a `#[tunable]` function, in scikit-learn's
/// `ParameterGrid` order.
///
/// `grid!(create_model { batch_size: [10, 20, 30], epochs: [50, 100] })` is the Cartesian
/// product of its axes, and `grid!(create_model { .. } | { .. })` a union (scikit-learn's list
/// of dicts). Values are expressions of the field's type, evaluated for each candidate when it
/// is asked for; they may use local variables (the grid moves them in). Axes not named keep
/// their default. The grid is a `grid_core::grid::Grid` whose number of candidates is a
/// compile-time constant; candidate `i` is computed from `i` alone, axes sorted by name, the
/// last one varying fastest.
///
/// It is written `grid!(f { .. })` rather than `grid!<f>{ .. }` because a macro call must be
/// delimited by `()`, `[]` or `{}`; inside, `f { field: .. }` reads as the struct literal each
/// candidate is: misspelled fields and wrong-typed values are reported by rustc at your token.
///
/// ```text
/// let grid = grid!(create_model { batch_size: [10, 20, 30], epochs: [50, 100] });
/// assert_eq!(grid.len(), 6);
/// ```
#[proc_macro]
pub fn grid(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as grid::parse::GridInput);
    grid::expand::expand(input).unwrap_or_else(syn::Error::into_compile_error).into()
}
