//! The code `grid!` writes, for `grid!(create_model { units: [5, 10], epochs: [10] })`:
//!
//! ```text
//! {
//!     type __Params = create_model;   // the #[tunable] alias: one "cannot find" if unknown
//!     const __BRANCHES: &[Branch] =
//!         &[Branch::new(&[Axis::new("epochs", 1usize), Axis::new("units", 2usize)])];
//!     const __SHAPE: Shape<{ count_candidates(__BRANCHES) }> = Shape::new(__BRANCHES);
//!     Grid::new(__SHAPE, move |__branch: usize, __digits: Digits| -> __Params {
//!         match __branch {
//!             0usize => {
//!                 let mut __digits = __digits;
//!                 let __candidate = __Params {
//!                     __set_by_grid: SetByGrid::new(&["epochs", "units"]),
//!                     ..Default::default()
//!                 };
//!                 let __candidate = match Iterator::next(&mut __digits) {
//!                     Some(0usize) => __Params { epochs: 10, ..__candidate },
//!                     _ => unreachable!(),
//!                 };
//!                 let __candidate = match Iterator::next(&mut __digits) {
//!                     Some(0usize) => __Params { units: 5, ..__candidate },
//!                     Some(1usize) => __Params { units: 10, ..__candidate },
//!                     _ => unreachable!(),
//!                 };
//!                 __candidate
//!             }
//!             _ => unreachable!(),
//!         }
//!     })
//! }
//! ```
//!
//! Field names are the user's idents and values the user's expressions, with their spans, so
//! rustc reports a misspelled axis (with "a field with a similar name exists") or a
//! wrong-typed value at the user's token. A value is evaluated only when a candidate that
//! uses it is asked for.

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream};
use quote::quote;

use super::check::{self, Branch};
use super::parse::GridInput;
use crate::{paths, spans};

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
        let body = candidate(branch, &params);
        quote!(#position => #body,)
    });
    let errors = errors.to_compile_errors();
    Ok(quote! {{
        #errors
        type __Params = #path;
        const __BRANCHES: &[#grid::Branch] = &[#(#shape_branches),*];
        const __SHAPE: #grid::Shape<{ #grid::count_candidates(__BRANCHES) }> =
            #grid::Shape::new(__BRANCHES);
        #grid::Grid::new(__SHAPE, move |__branch: usize, __digits: #grid::Digits| -> __Params {
            match __branch {
                #(#arms)*
                _ => ::core::unreachable!(),
            }
        })
    }})
}

/// One candidate of `branch`: the defaults, then one struct update per axis, choosing the
/// value the axis' digit selects. Each value is a field of a struct literal, so rustc checks
/// it against the field's type on its own (one "mismatched types" at the value), and each
/// field name is the user's ident (one E0560 with the similar-name help if misspelled).
fn candidate(branch: &Branch, params: &Ident) -> TokenStream {
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
    let updates = branch.axes.iter().map(|axis| {
        let ident = &axis.ident;
        let arms = axis.values.iter().enumerate().map(|(k, value)| {
            let update = literal(params, axis.bracket, quote!(#ident: #value, ..__candidate));
            quote!(::core::option::Option::Some(#k) => #update,)
        });
        // `units: [units]` is the user's own shorthand-looking code: not clippy's business here.
        quote! {
            #[allow(clippy::redundant_field_names)]
            let __candidate = match ::core::iter::Iterator::next(&mut __digits) {
                #(#arms)*
                _ => ::core::unreachable!(),
            };
        }
    });
    let digits = if branch.axes.is_empty() { None } else { Some(quote!(let mut __digits = __digits;)) };
    quote!({
        #digits
        let __candidate = #base;
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
