//! The macros of gridcv: `#[tunable]` turns a build function into a typed parameter struct,
//! and `grid!` builds a typed grid of such structs. Use them through the facade crate
//! `gridcv` (`use gridcv::prelude::*;`): the code they generate names `::gridcv::__private::..`
//! paths, so their examples (compiled by `cargo test`) use `gridcv`, a dev-dependency here.
//!
//! Layout (as serde_derive / thiserror): this file only dispatches; each macro has its
//! modules by phase: `ast`/`parse` (what was written), `attr` (the `#[default]` attribute),
//! `check` (the mistakes the macro can see) and `expand` (the generated code).

#![warn(missing_docs)]

mod axis;
mod errors;
mod fit_params;
mod grid;
mod paths;
mod space;
mod spans;
mod tunable;
mod values;

use proc_macro::TokenStream;

/// Turns a build function into a typed parameter struct.
///
/// On `fn create_model(meta: &Meta, #[default(10)] units: usize) -> Sequential`, it keeps the
/// function (without the `#[default]` attributes) and generates `CreateModelParams`: one public
/// field per parameter of the function except the `&Meta` context, and the fit parameters of
/// the return type (`<Sequential as TrainedWith>::FitParams`, the neural `FitParams`: `epochs`,
/// `batch_size`, `optimizer`, ...), read as fields through `Deref` and reached generically
/// through `HasFitParams`. It implements `Clone`, `Debug`, `PartialEq`, `Default` (from
/// `#[default(expr)]`, else the type's `Default`), serde's `Serialize` / `Deserialize` (the fit
/// parameters flattened), `Display` (`{activation: Relu, units: 10}`; a grid's candidate shows
/// the axes searched), `Tunable` (whose `build` calls the function) and `HasFitParams`. A hidden
/// import named like the function lets `grid!(create_model { .. })` name the struct, and
/// `use models::create_model;` bring both.
///
/// ```
/// use gridcv::prelude::*;
///
/// #[tunable]
/// fn create_model(meta: &Meta, #[default(10)] units: usize) -> Sequential {
///     Sequential::new(meta.n_features).dense(units, Activation::Relu).dense(1, Activation::Linear)
/// }
///
/// let params = CreateModelParams::default();
/// assert_eq!((params.units, params.epochs, params.batch_size), (10, 100, 32));
/// assert_eq!(params.to_string(), "{units: 10}");
/// let meta = Meta { n_features: 4, ..Meta::default() };
/// assert_eq!(params.build(&meta).n_features(), 4);
/// assert_eq!(create_model(&meta, 3).layers().len(), 2); // still a function
/// ```
///
/// A parameter the body never reads is a compile error at the parameter (a grid would search
/// it for nothing; `_name` opts out), and so is one named like a fit parameter of the output
/// (one name, two values).
///
/// ```compile_fail
/// use gridcv::prelude::*;
///
/// #[tunable]
/// fn create_model(meta: &Meta, lr: f64) -> Sequential { // error: never reads `lr`
///     Sequential::new(meta.n_features).dense(1, Activation::Linear)
/// }
/// ```
///
/// The function must be a free function (not generic, `async` or `unsafe`) whose parameters
/// are plain names of owned types, apart from the `&Meta` context, and whose return type can
/// be named (`impl Trait` cannot: return a concrete type or a `Box<dyn ..>`). Each parameter's
/// type needs `Clone`, `Debug`, `PartialEq`, serde's `Serialize` and `Deserialize`, and
/// `Default` unless it has a `#[default(..)]`; a missing one is one error, at the type.
///
/// It cannot go on an associated function inside an `impl` or a `trait` block (the struct it
/// generates cannot be declared there): that is one error, saying to move the function out.
///
/// ```compile_fail
/// use gridcv::prelude::*;
///
/// struct Builder;
///
/// impl Builder {
///     #[tunable] // error: move the function out of the block
///     fn create_model(meta: &Meta, #[default(10)] units: usize) -> Vec<usize> {
///         vec![meta.n_features, units]
///     }
/// }
/// ```
#[proc_macro_attribute]
pub fn tunable(args: TokenStream, input: TokenStream) -> TokenStream {
    let args = proc_macro2::TokenStream::from(args);
    let input = syn::parse_macro_input!(input as tunable::ast::Input);
    let site = proc_macro::Span::call_site();
    let associated = site.local_file().is_some_and(|file| {
        tunable::context::in_impl_or_trait(&file, site.line(), site.column().saturating_sub(1))
    });
    tunable::expand::expand(args, input, associated).unwrap_or_else(syn::Error::into_compile_error).into()
}

/// Derives `gridcv::grid::FitParamSet` on a struct of fit parameters (as
/// `gridcv::nn::FitParams`), so that the fields of the fit parameters of a build function's
/// output (its `TrainedWith::FitParams`) can be axes of a grid. Import it with the trait,
/// `use gridcv::grid::FitParamSet;`.
///
/// ```
/// use gridcv::prelude::*;
/// use gridcv::grid::{FitParamSet, TrainedWith};
///
/// /// How a boosted model is trained.
/// #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, FitParamSet)]
/// #[serde(default)]
/// pub struct BoostFit {
///     pub n_rounds: usize,
///     pub shrinkage: f64,
/// }
/// impl Default for BoostFit {
///     fn default() -> Self { BoostFit { n_rounds: 100, shrinkage: 0.1 } }
/// }
///
/// pub struct Boosted { pub depth: usize }
/// impl TrainedWith for Boosted {
///     type FitParams = BoostFit;
/// }
///
/// #[tunable]
/// fn boosted(#[default(3)] depth: usize) -> Boosted {
///     Boosted { depth }
/// }
///
/// let grid = grid!(boosted { depth: [2, 4], n_rounds: [50, 200] });
/// let last = grid.get(3).unwrap();
/// assert_eq!((last.depth, last.n_rounds, last.shrinkage), (4, 200, 0.1));
/// assert_eq!(last.to_string(), "{depth: 4, n_rounds: 200}");
/// assert_eq!(BoostFit::NAMES, ["n_rounds", "shrinkage"]);
/// ```
///
/// A field's `#[fit_params(show = path)]` names a `fn(&T) -> String` that shows it in results
/// (default: its `Debug`).
#[proc_macro_derive(FitParamSet, attributes(fit_params))]
pub fn derive_fit_param_set(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    fit_params::expand(input).unwrap_or_else(syn::Error::into_compile_error).into()
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
///                 #[default(Activation::Relu)] activation: Activation) -> Sequential {
///     Sequential::new(meta.n_features).dense(units, activation).dense(1, Activation::Linear)
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
/// assert_eq!(union.get(2).unwrap().activation, Activation::Tanh);
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
/// Values known only at run time (read from a config file or the command line) are written
/// `axis: [..collection]`: any `IntoIterator` whose items have the parameter's type (checked by
/// the compiler, at the collection), collected once when the grid is built. The grid's size is
/// then a run-time value: `grid!` returns `Result<RuntimeGrid, Error>`, an error naming an axis
/// whose collection is empty.
///
/// ```
/// use gridcv::prelude::*;
///
/// #[tunable]
/// fn create_model(meta: &Meta, #[default(10)] units: usize) -> Sequential {
///     Sequential::new(meta.n_features).dense(units, Activation::Relu).dense(1, Activation::Linear)
/// }
///
/// let widths: Vec<usize> = "8,16,32".split(',').map(|w| w.parse().unwrap()).collect();
/// let grid = grid!(create_model { units: [..widths], epochs: [50, 100] })?;
/// assert_eq!(grid.to_string(), "6 candidates: epochs(2) x units(3)");
/// assert_eq!(grid.get(5).unwrap().units, 32);
/// # Ok::<(), gridcv::Error>(())
/// ```
///
/// It is written `grid!(f { .. })` rather than `grid!<f>{ .. }` because a macro call must be
/// delimited by `()`, `[]` or `{}`; inside, `f { field: .. }` reads as a struct literal of the
/// candidate. Mistakes are reported at your token: an axis that is neither a parameter of `f`
/// nor a fit parameter of what `f` returns (a misspelling, or `epochs` for a model that is not
/// trained with it) says so, and a wrong-typed value is rustc's "mismatched types". In the
/// values, the variants of the settings enums (`Relu`, `Adam`, `Mse`, ...) are in scope.
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
///                 #[default(Relu)] activation: Activation) -> Sequential {
///     Sequential::new(meta.n_features).dense(units, activation).dense(1, Activation::Linear)
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
/// # fn create_model(meta: &Meta, #[default(10)] units: usize) -> Vec<usize> { vec![meta.n_features, units] }
/// let space = space!(create_model { units: 64..=8 }); // error: the range of `units` is reversed
/// ```
#[proc_macro]
pub fn space(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as space::parse::SpaceInput);
    space::expand::expand(input).unwrap_or_else(syn::Error::into_compile_error).into()
}
