//! The code `space!` writes, for
//! `space!(create_model { units: 8..=64, activation: [Relu, Tanh] })`:
//!
//! ```text
//! {
//!     type __Params = create_model;   // the #[tunable] alias
//!     const __AXES: &[SpaceAxis] =
//!         &[SpaceAxis::list("activation", 2usize), SpaceAxis::distribution("units")];
//!     Space::new(__AXES, move |__draw: &mut Draw| -> Result<__Params> {
//!         let __candidate = __Params {
//!             __set_by_grid: SetByGrid::new(&["activation", "units"]),
//!             ..Default::default()
//!         };
//!         let __candidate = match Draw::choice(__draw, 2usize) {
//!             0usize => __Params { activation: Relu, ..__candidate },
//!             1usize => __Params { activation: Tanh, ..__candidate },
//!             _ => unreachable!(),
//!         };
//!         let __candidate = __Params { units: Draw::sample(__draw, "units", &(8..=64))?, ..__candidate };
//!         Ok(__candidate)
//!     })
//! }
//! ```
//!
//! As in `grid!`, field names are the user's idents and list values the user's expressions in
//! struct literals, so rustc reports a misspelled axis or a wrong-typed value at the user's
//! token. A distribution's call to `Draw::sample` is spanned at the user's expression, so a
//! distribution that cannot give the field's type (`units: log_uniform(..)` for a `usize`) is
//! one "cannot draw values of type `usize`" there. `uniform(..)` and `log_uniform(..)` written
//! bare are grid-core's.

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream};
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::Expr;

use super::check::{self, Helper};
use super::parse::{AxisInput, AxisValue, SpaceInput};
use crate::{axis, spans, values};

fn space_path() -> TokenStream {
    quote!(::gridcv::__private::grid_core::space)
}

fn grid_path() -> TokenStream {
    quote!(::gridcv::__private::grid_core::grid)
}

/// Expands a `space!` call; the mistakes `parse` and `check` found are emitted beside the space
/// built from the rest.
pub(crate) fn expand(input: SpaceInput) -> syn::Result<TokenStream> {
    let SpaceInput { path, brace, axes, mut errors } = input;
    let axes = check::axes(axes, &mut errors);
    let (space, grid) = (space_path(), grid_path());
    let statics = axes.iter().map(|axis| {
        let name = &axis.name;
        match &axis.value {
            AxisValue::List { values, .. } => {
                let n = values.len();
                quote!(#space::SpaceAxis::list(#name, #n))
            }
            AxisValue::Distribution(_) => quote!(#space::SpaceAxis::distribution(#name)),
        }
    });
    let params = Ident::new("__Params", path_span(&path));
    let names = axes.iter().map(|axis| &axis.name);
    let base = literal(
        &params,
        brace,
        quote! {
            __set_by_grid: #grid::SetByGrid::new(&[#(#names),*]),
            ..::core::default::Default::default()
        },
    );
    let updates = axes.iter().map(update);
    let errors = errors.to_compile_errors();
    let function = path.segments.last().map(|segment| segment.ident.to_string()).unwrap_or_default();
    let fallbacks = axes.iter().map(|axis| axis::fallback(&axis.ident, &function));
    Ok(quote! {{
        #errors
        type __Params = #path;
        #(#fallbacks)*
        const __AXES: &[#space::SpaceAxis] = &[#(#statics),*];
        #space::Space::new(
            __AXES,
            move |__draw: &mut #space::Draw| -> ::gridcv::__private::grid_core::Result<__Params> {
                let mut __candidate = #base;
                #(#updates)*
                ::core::result::Result::Ok(__candidate)
            },
        )
    }})
}

/// The statement that sets one axis on `__candidate`, through the axis' accessor as `grid!`
/// does (a build-function parameter or a fit parameter of its output; anything else is one
/// error at the axis). List values are grid values: the settings' variants are in scope.
fn update(axis: &AxisInput) -> TokenStream {
    let space = space_path();
    let name = &axis.name;
    let accessor = axis::accessor(&axis.ident);
    let slot = spans::respan(quote!(__candidate.#accessor()), axis.ident.span());
    match &axis.value {
        AxisValue::List { values, .. } => {
            let n = values.len();
            let arms = values.iter().enumerate().map(|(k, value)| {
                let value = values::scoped(value);
                quote!(#k => *__slot = #value,)
            });
            quote! {
                {
                    let __slot = #slot;
                    match #space::Draw::choice(__draw, #n) {
                        #(#arms)*
                        _ => ::core::unreachable!(),
                    }
                }
            }
        }
        AxisValue::Distribution(expr) => {
            let span = expr.span();
            let distribution = distribution(expr);
            let space = spans::respan(space, span);
            let value = quote_spanned!(span=> #space::Draw::sample(__draw, #name, &(#distribution))?);
            quote! {
                {
                    let __slot = #slot;
                    *__slot = #value;
                }
            }
        }
    }
}

/// The user's expression, with a bare `uniform(..)` / `log_uniform(..)` made grid-core's.
fn distribution(expr: &Expr) -> TokenStream {
    match expr {
        Expr::Call(call) => match check::helper(call) {
            Some(helper) => {
                let space = spans::respan(space_path(), call.func.span());
                let function = match helper {
                    Helper::Uniform => quote_spanned!(call.func.span()=> uniform),
                    Helper::LogUniform => quote_spanned!(call.func.span()=> log_uniform),
                };
                let args = &call.args;
                let mut group = Group::new(Delimiter::Parenthesis, args.to_token_stream());
                group.set_span(call.paren_token.span.join());
                quote!(#space::#function #group)
            }
            None => expr.to_token_stream(),
        },
        other => other.to_token_stream(),
    }
}

/// `params { fields }` with braces spanned at `brace`, the user's tokens (see `grid!`).
fn literal(params: &Ident, brace: Span, fields: TokenStream) -> TokenStream {
    let mut group = Group::new(Delimiter::Brace, fields);
    group.set_span(brace);
    quote!(#params #group)
}

/// The span of the user's path, given to `__Params` in the literals.
fn path_span(path: &syn::Path) -> Span {
    path.segments.last().map_or_else(Span::call_site, |segment| segment.ident.span())
}
