//! What `#[tunable]` can see is wrong, each reported at the user's token.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::ext::IdentExt;
use syn::{FnArg, Item, Pat, Signature, Type};

use super::ast::{Param, ValueParam};
use super::attr;
use crate::errors::Errors;
use crate::fit_params::FitParam;

/// Reports what keeps the function from being called as `f(meta, values..)` by the generated
/// `build`: a receiver, generics, `async`, `unsafe`. `false` when there is any.
pub(crate) fn signature(sig: &Signature, errors: &mut Errors) -> bool {
    let mut ok = true;
    let mut report = |at: &dyn ToTokens, message: &str| {
        errors.at(at.to_token_stream(), message);
        ok = false;
    };
    if let Some(FnArg::Receiver(receiver)) = sig.inputs.first() {
        report(
            receiver,
            "`#[tunable]` goes on a free function, not a method: the parameter struct calls it as \
             `f(meta, ..)`",
        );
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        report(
            &sig.generics,
            "a `#[tunable]` function cannot be generic: its parameters become the fields of a \
             struct",
        );
    }
    if let Some(token) = &sig.asyncness {
        report(token, "a `#[tunable]` function cannot be `async`: `build` calls it directly");
    }
    if let Some(token) = &sig.unsafety {
        report(token, "a `#[tunable]` function cannot be `unsafe`: `build` calls it directly");
    }
    if let Some(variadic) = &sig.variadic {
        report(variadic, "a `#[tunable]` function cannot be variadic");
    }
    ok
}

/// Sorts the parameters into the `&Meta` context and tunable values, removing the
/// `#[default(..)]` attributes; a parameter that cannot become a field is reported and left
/// out.
pub(crate) fn params(sig: &mut Signature, fit: &[FitParam], errors: &mut Errors) -> Vec<Param> {
    let mut params = Vec::new();
    for input in &mut sig.inputs {
        let FnArg::Typed(typed) = input else { continue };
        let default = attr::take_default(&mut typed.attrs, errors);
        if is_meta_ref(&typed.ty) {
            if let Some(default) = default {
                errors.at(default, "the `&Meta` context has no default: the search passes it");
            }
            params.push(Param::Meta);
            continue;
        }
        if let Some(message) = unstorable(&typed.ty) {
            errors.at(&typed.ty, message);
            continue;
        }
        let ident = match &*typed.pat {
            Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => pat.ident.clone(),
            pat => {
                errors.at(
                    pat,
                    "`#[tunable]` needs a plain name here: each parameter becomes a field of \
                     the parameter struct, named like it",
                );
                continue;
            }
        };
        let name = ident.unraw().to_string();
        let fit = fit.iter().position(|param| param.name == name);
        params.push(Param::Value(Box::new(ValueParam {
            ident,
            name,
            ty: (*typed.ty).clone(),
            default,
            fit,
        })));
    }
    params
}

/// The error for an item that is not a function, at its keyword and name.
pub(crate) fn not_a_function(item: &Item, errors: &mut Errors) {
    let (kind, head): (&str, TokenStream) = match item {
        Item::Struct(syn::ItemStruct { struct_token, ident, .. }) => {
            ("a struct", quote!(#struct_token #ident))
        }
        Item::Enum(syn::ItemEnum { enum_token, ident, .. }) => ("an enum", quote!(#enum_token #ident)),
        Item::Impl(item) => ("an impl block", item.impl_token.to_token_stream()),
        Item::Trait(syn::ItemTrait { trait_token, ident, .. }) => ("a trait", quote!(#trait_token #ident)),
        Item::Mod(syn::ItemMod { mod_token, ident, .. }) => ("a module", quote!(#mod_token #ident)),
        item => ("this item", item.to_token_stream().into_iter().take(2).collect()),
    };
    errors.at(
        head,
        format_args!(
            "`#[tunable]` goes on a build function (`fn name(meta: &Meta, ..) -> ..`), not on {kind}"
        ),
    );
}

/// The error for tokens that are not an item, at the first one.
pub(crate) fn not_an_item(tokens: &TokenStream, errors: &mut Errors) {
    let first: TokenStream = tokens.clone().into_iter().take(1).collect();
    errors.at(
        first,
        "`#[tunable]` goes on a build function with a body (`fn name(meta: &Meta, ..) -> .. { .. }`)",
    );
}

/// `&Meta` (any path ending in `Meta`), detected syntactically.
fn is_meta_ref(ty: &Type) -> bool {
    match ty {
        Type::Reference(reference) => reference.mutability.is_none() && is_meta(&reference.elem),
        Type::Group(group) => is_meta_ref(&group.elem),
        Type::Paren(paren) => is_meta_ref(&paren.elem),
        _ => false,
    }
}

/// A path whose last segment is `Meta`.
fn is_meta(ty: &Type) -> bool {
    match ty {
        Type::Path(path) => {
            path.qself.is_none()
                && path
                    .path
                    .segments
                    .last()
                    .is_some_and(|last| last.ident == "Meta" && last.arguments.is_empty())
        }
        Type::Group(group) => is_meta(&group.elem),
        Type::Paren(paren) => is_meta(&paren.elem),
        _ => false,
    }
}

/// Why a parameter of this type cannot be a field of the struct, if it cannot.
fn unstorable(ty: &Type) -> Option<&'static str> {
    match ty {
        Type::Reference(reference) if is_meta(&reference.elem) => {
            Some("take the context as `&Meta`: the search lends it to the build function")
        }
        _ if is_meta(ty) => Some("take the context by reference, as `&Meta`"),
        Type::Reference(_) => Some(
            "a tunable parameter must own its value (the parameter struct stores it): only the \
             `&Meta` context is taken by reference",
        ),
        Type::ImplTrait(_) => Some("a tunable parameter needs a concrete type, not `impl Trait`"),
        Type::Group(group) => unstorable(&group.elem),
        _ => None,
    }
}
