//! The code `grid!` writes, for `grid!(create_model { units: [5, 10], epochs: [10] })`:
//!
//! ```text
//! {
//!     type __Params = create_model;   // the #[tunable] alias: one "cannot find" if unknown
//!     trait __GridAxis_epochs { .. }  // per axis name, the fallback of `axis::fallback`
//!     const __BRANCHES: &[Branch] =
//!         &[Branch::new(&[Axis::new("epochs", 1usize), Axis::new("units", 2usize)])];
//!     const __SHAPE: Shape<{ count_candidates(__BRANCHES) }> = Shape::new(__BRANCHES);
//!     Grid::new(__SHAPE, move |__branch: usize, __digits: Digits| -> __Params {
//!         match __branch {
//!             0usize => {
//!                 let mut __digits = __digits;
//!                 let mut __candidate = __Params {
//!                     __set_by_grid: SetByGrid::new(&["epochs", "units"]),
//!                     ..Default::default()
//!                 };
//!                 {
//!                     let __slot = __candidate.__grid_axis_epochs(); // a fit parameter (Deref)
//!                     match Iterator::next(&mut __digits) {
//!                         Some(0usize) => *__slot = { use grid_values::*; 10 },
//!                         _ => unreachable!(),
//!                     }
//!                 }
//!                 {
//!                     let __slot = __candidate.__grid_axis_units();  // the function's own
//!                     match Iterator::next(&mut __digits) {
//!                         Some(0usize) => *__slot = { use grid_values::*; 5 },
//!                         Some(1usize) => *__slot = { use grid_values::*; 10 },
//!                         _ => unreachable!(),
//!                     }
//!                 }
//!                 __candidate
//!             }
//!             _ => unreachable!(),
//!         }
//!     })
//! }
//! ```
//!
//! Accessor names carry the user's span, so an axis that is neither a parameter of the
//! function nor a fit parameter of its output is one error at the axis (from the fallback's
//! unmet bound, saying why); values keep their spans, so a wrong-typed value is rustc's
//! "mismatched types" at the value. A value is evaluated only when a candidate that uses it is
//! asked for.

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::check::{self, Branch};
use super::parse::GridInput;
use crate::{axis, paths, spans, values};

/// Expands a `grid!` call; the mistakes `parse` and `check` found are emitted beside the grid
/// built from the rest.
pub(crate) fn expand(input: GridInput) -> syn::Result<TokenStream> {
    let GridInput { path, branches, mut errors } = input;
    let branches = check::branches(branches, &mut errors);
    let grid = paths::grid();

    // The number of candidates is computed once, by grid-core's `count_candidates` (checked
    // arithmetic): a grid too large for `usize` is a compile error naming the cause, at the
    // branch whose product overflows (or at the call, for a union whose sum does).
    let shape_branches = branches.iter().map(|branch| {
        let axes = branch.axes.iter().map(|axis| {
            let (name, len) = (&axis.name, axis.values.len());
            quote!(#grid::Axis::new(#name, #len))
        });
        spans::respan(quote!(#grid::Branch::new(&[#(#axes),*])), branch.brace)
    });
    let params = Ident::new("__Params", path_span(&path));
    let arms = branches.iter().enumerate().map(|(position, branch)| {
        let body = candidate(position, branch, &params);
        quote!(#position => #body,)
    });
    let errors = errors.to_compile_errors();
    let function = path.segments.last().map(|segment| segment.ident.to_string()).unwrap_or_default();
    let mut names: Vec<&Ident> =
        branches.iter().flat_map(|branch| branch.axes.iter().map(|axis| &axis.ident)).collect();
    names.sort_by_key(|ident| syn::ext::IdentExt::unraw(*ident).to_string());
    names.dedup_by_key(|ident| syn::ext::IdentExt::unraw(*ident).to_string());
    let fallbacks = names.iter().map(|name| axis::fallback(name, &function));
    let make = quote! {
        move |__branch: usize, __digits: #grid::Digits| -> __Params {
            match __branch {
                #(#arms)*
                _ => ::core::unreachable!(),
            }
        }
    };
    let runtime = branches.iter().any(|branch| branch.axes.iter().any(|axis| axis.runtime.is_some()));
    if runtime {
        return Ok(runtime_grid(&branches, errors, &path, fallbacks.collect(), make));
    }
    Ok(quote! {{
        #errors
        type __Params = #path;
        #(#fallbacks)*
        const __BRANCHES: &[#grid::Branch] = &[#(#shape_branches),*];
        const __SHAPE: #grid::Shape<{ #grid::count_candidates(__BRANCHES) }> =
            #grid::Shape::new(__BRANCHES);
        #grid::Grid::new(__SHAPE, #make)
    }})
}

/// A grid with an axis whose values are a run-time collection (`units: [..widths]`): each
/// collection is collected into a `Vec` once (its items must have the parameter's type), and
/// the grid is a `Result<RuntimeGrid, Error>` (an empty collection is an error naming its axis).
fn runtime_grid(
    branches: &[Branch],
    errors: TokenStream,
    path: &syn::Path,
    fallbacks: Vec<TokenStream>,
    make: TokenStream,
) -> TokenStream {
    let grid = paths::grid();
    let mut collections = Vec::new();
    let lens = branches.iter().enumerate().map(|(position, branch)| {
        let axes = branch.axes.iter().enumerate().map(|(k, axis)| {
            let name = &axis.name;
            match &axis.runtime {
                Some(expr) => {
                    let values = runtime_values(position, k);
                    let collection = values::scoped(expr);
                    collections.push(quote_spanned! {expr.span()=>
                        let #values: ::std::vec::Vec<_> =
                            ::core::iter::Iterator::collect(::core::iter::IntoIterator::into_iter(#collection));
                    });
                    quote!((#name, #values.len()))
                }
                None => {
                    let len = axis.values.len();
                    quote!((#name, #len))
                }
            }
        });
        quote!(::std::vec![#(#axes),*])
    });
    let lens: Vec<TokenStream> = lens.collect();
    quote! {{
        #errors
        type __Params = #path;
        #(#fallbacks)*
        #(#collections)*
        #grid::RuntimeGrid::new(::std::vec![#(#lens),*], #make)
    }}
}

/// The `Vec` holding the run-time values of axis `k` of branch `branch`.
fn runtime_values(branch: usize, k: usize) -> Ident {
    quote::format_ident!("__values_{}_{}", branch, k)
}

/// One candidate of `branch`: the defaults, then each axis set through its accessor to the
/// value the axis' digit selects. Each value is assigned to the accessor's `&mut` on its own,
/// so rustc checks it against the parameter's type (one "mismatched types" at the value).
fn candidate(position: usize, branch: &Branch, params: &Ident) -> TokenStream {
    let grid = paths::grid();
    let names = branch.axes.iter().map(|axis| &axis.name);
    let base = literal(
        params,
        branch.brace,
        quote! {
            __set_by_grid: #grid::SetByGrid::new(&[#(#names),*]),
            ..::core::default::Default::default()
        },
    );
    let updates = branch.axes.iter().enumerate().map(|(k, axis)| {
        let accessor = axis::accessor(&axis.ident);
        // The whole call at the axis: an axis that reaches the fallback is an error there.
        let slot = spans::respan(quote!(__candidate.#accessor()), axis.ident.span());
        let arms: Vec<TokenStream> = match &axis.runtime {
            // A clone of the collected value, at the user's collection: an item of another
            // type is one "mismatched types" there.
            Some(expr) => {
                let values = runtime_values(position, k);
                let value = spans::respan(quote!(#values[__k].clone()), expr.span());
                vec![quote!(::core::option::Option::Some(__k) => *__slot = #value,)]
            }
            None => axis
                .values
                .iter()
                .enumerate()
                .map(|(k, value)| {
                    let value = values::scoped(value);
                    quote!(::core::option::Option::Some(#k) => *__slot = #value,)
                })
                .collect(),
        };
        quote! {
            {
                let __slot = #slot;
                // A run-time value is cloned out of its collection, whatever its type.
                #[allow(clippy::clone_on_copy)]
                match ::core::iter::Iterator::next(&mut __digits) {
                    #(#arms)*
                    _ => ::core::unreachable!(),
                }
            }
        }
    });
    let digits = if branch.axes.is_empty() { None } else { Some(quote!(let mut __digits = __digits;)) };
    quote!({
        #digits
        #[allow(unused_mut)]
        let mut __candidate = #base;
        #(#updates)*
        __candidate
    })
}

/// `params { fields }` with braces spanned at `brace`, the user's braces or brackets: rustc
/// suggests similar field names only for a literal whose span is in the user's code.
fn literal(params: &Ident, brace: Span, fields: TokenStream) -> TokenStream {
    let mut group = Group::new(Delimiter::Brace, fields);
    group.set_span(brace);
    quote!(#params #group)
}

/// The span of the user's path, given to `__Params` in the literals (see [`literal`]).
fn path_span(path: &syn::Path) -> Span {
    path.segments.last().map_or_else(Span::call_site, |segment| segment.ident.span())
}
