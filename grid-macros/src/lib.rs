//! The macros of gridcv: `#[tunable]` turns a build function into a typed parameter struct,
//! and `grid!` builds a typed grid of such structs. Use them through the facade crate
//! `gridcv` (`use gridcv::prelude::*;`): the code they generate names `::gridcv::__private::..`
//! paths, so their examples (compiled by `cargo test`) use `gridcv`, a dev-dependency here.
//!
//! Layout (as serde_derive / thiserror): this file only dispatches; each macro has its
//! modules by phase: `ast`/`parse` (what was written), `attr` (the `#[default]` attribute),
//! `check` (the mistakes the macro can see) and `expand` (the generated code).

#![warn(missing_docs)]

mod errors;
mod fit_params;
mod grid;
mod paths;
mod space;
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
/// the function) and `HasFitParams`. A hidden import named like the function lets
/// `grid!(create_model { .. })` name the struct, and `use models::create_model;` bring both.
///
/// ```
/// use gridcv::prelude::*;
///
/// #[tunable]
/// fn create_model(meta: &Meta, #[default(10)] units: usize, optimizer: Optimizer) -> Vec<usize> {
///     vec![meta.n_features, units]
/// }
///
/// let params = CreateModelParams::default();
/// assert_eq!((params.units, params.optimizer, params.epochs, params.batch_size), (10, Adam, 100, 32));
/// assert_eq!(params.to_string(), "{optimizer: Adam, units: 10}");
/// let meta = Meta { n_features: 4, ..Meta::default() };
/// assert_eq!(params.build(&meta), [4, 10]);
/// assert_eq!(create_model(&meta, 3, Sgd), [4, 3]); // still a function
/// ```
///
/// The function must be a free function (not generic, `async` or `unsafe`) whose parameters
/// are plain names of owned types, apart from the `&Meta` context, and whose return type can
/// be named (`impl Trait` cannot: return a concrete type or a `Box<dyn ..>`). Each parameter's
/// type needs `Clone`, `Debug`, `PartialEq`, serde's `Serialize` and `Deserialize`, and
/// `Default` unless it has a `#[default(..)]`; a missing one is one error, at the type.
///
/// It cannot go on an associated function inside an `impl` block: an attribute cannot see
/// that it is in one, and the struct it generates is not allowed there. rustc then reports
/// "struct is not supported in `trait`s or `impl`s" and a few errors that follow from it, all
/// at `#[tunable]` or the function's name: move the function out of the `impl`.
///
/// ```compile_fail
/// use gridcv::prelude::*;
///
/// struct Builder;
///
/// impl Builder {
///     #[tunable] // error: struct is not supported in `trait`s or `impl`s
///     fn create_model(meta: &Meta, #[default(10)] units: usize) -> Vec<usize> {
///         vec![meta.n_features, units]
///     }
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
/// of dicts). Axes not named keep their default. The grid is a `gridcv::grid::Grid` whose
/// number of candidates is a compile-time constant; candidate `i` is computed from `i` alone,
/// axes sorted by name, the last one varying fastest.
///
/// ```
/// use gridcv::prelude::*;
///
/// #[tunable]
/// fn create_model(meta: &Meta, #[default(10)] units: usize,
///                 #[default(Relu)] activation: Activation) -> Vec<usize> {
///     vec![meta.n_features, units]
/// }
///
/// let grid = grid!(create_model { epochs: [50, 100], batch_size: [10, 20, 30] });
/// assert_eq!(grid.len(), 6);
/// assert_eq!(grid.to_string(), "6 candidates: batch_size(3) x epochs(2)");
/// let second = grid.get(1).unwrap(); // batch_size first (sorted), epochs fastest
/// assert_eq!((second.batch_size, second.epochs, second.units), (10, 100, 10));
///
/// let union = grid!(create_model { units: [5, 10] } | { activation: [Tanh] });
/// assert_eq!(union.len(), 3);
/// assert_eq!(union.get(2).unwrap().activation, Tanh);
/// ```
///
/// Values are expressions of the field's type, evaluated each time a candidate that uses them
/// is asked for. They may use local variables: the grid's closure captures them by move, so a
/// local that is not `Copy` is written `local.clone()` (using it by value would move it out of
/// the closure, a compile error).
///
/// ```
/// use gridcv::prelude::*;
///
/// #[tunable]
/// fn named(#[default(String::from("net"))] name: String, #[default(1)] depth: usize) -> String {
///     format!("{name}-{depth}")
/// }
///
/// let base = String::from("deep");
/// let depth = 3; // `Copy`: used as is
/// let grid = grid!(named { name: [base.clone(), format!("{base}-wide")], depth: [depth] });
/// let names: Vec<String> = grid.iter().map(|p| p.build(&Meta::default())).collect();
/// assert_eq!(names, ["deep-3", "deep-wide-3"]);
/// ```
///
/// ```compile_fail,E0507
/// # use gridcv::prelude::*;
/// # #[tunable]
/// # fn named(#[default(String::from("net"))] name: String) -> String { name }
/// let base = String::from("deep");
/// let grid = grid!(named { name: [base] }); // error: cannot move out of `base`: `base.clone()`
/// ```
///
/// It is written `grid!(f { .. })` rather than `grid!<f>{ .. }` because a macro call must be
/// delimited by `()`, `[]` or `{}`; inside, `f { field: .. }` reads as the struct literal each
/// candidate is: misspelled fields and wrong-typed values are reported by rustc at your token.
/// `f` must be a `#[tunable]` function (or its parameter struct): for a plain function, rustc
/// says "expected type, found function `f`".
#[proc_macro]
pub fn grid(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as grid::parse::GridInput);
    grid::expand::expand(input).unwrap_or_else(syn::Error::into_compile_error).into()
}

/// A typed search space over the parameters of a `#[tunable]` function, for
/// `RandomizedSearchCV` and `HalvingRandomSearchCV` (scikit-learn's `param_distributions`).
///
/// Each axis is a list (`activation: [Relu, Tanh]`, each value equally likely) or a
/// distribution: an integer range (`units: 8..=64`, both ends included, or `8..65`), a float
/// range (`dropout: 0.0..0.5`), `uniform(low, high)`, `log_uniform(low, high)` (every decade
/// equally likely, for learning rates), or any expression whose type implements
/// `gridcv::space::Distribution<T>` for the field's type `T`. Axes not named keep their
/// default. The result is a `gridcv::space::Space`; a space of lists only is drawn without
/// replacement, as scikit-learn does.
///
/// ```
/// use gridcv::prelude::*;
/// use gridcv::space::{ParamSpace, SampledGrid};
///
/// #[tunable]
/// fn create_model(meta: &Meta, #[default(10)] units: usize,
///                 #[default(Relu)] activation: Activation) -> Vec<usize> {
///     vec![meta.n_features, units]
/// }
///
/// let space = space!(create_model {
///     units: 8..=64,
///     learning_rate: log_uniform(1e-4, 1e-1),
///     activation: [Relu, Tanh],
/// });
/// assert_eq!(space.to_string(), "space: activation(2) x learning_rate(~) x units(~)");
/// let drawn = SampledGrid::sample(&space, 20, 42)?.candidates;
/// assert_eq!(drawn, SampledGrid::sample(&space, 20, 42)?.candidates); // the seed decides
/// for p in &drawn {
///     assert!((8..=64).contains(&p.units));
///     assert!((1e-4..1e-1).contains(&p.learning_rate.unwrap()));
/// }
/// # Ok::<(), gridcv::Error>(())
/// ```
///
/// As in `grid!`, each candidate is a struct literal of your function's struct: a misspelled
/// axis, a list value of the wrong type, or a distribution that cannot give the field's type
/// is a compile error at your token; a repeated axis, an empty list, and a range or bounds
/// written with literals that are reversed or empty are reported by the macro itself.
///
/// ```compile_fail
/// # use gridcv::prelude::*;
/// # #[tunable]
/// # fn create_model(meta: &Meta, #[default(10)] units: usize) -> Vec<usize> { vec![units] }
/// let space = space!(create_model { units: 64..=8 }); // error: the range of `units` is reversed
/// ```
#[proc_macro]
pub fn space(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as space::parse::SpaceInput);
    space::expand::expand(input).unwrap_or_else(syn::Error::into_compile_error).into()
}
