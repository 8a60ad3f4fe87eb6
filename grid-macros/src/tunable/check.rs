//! What `#[tunable]` can see is wrong, each reported at the user's token.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::ext::IdentExt;
use syn::{
    FnArg, GenericArgument, Item, Pat, PathArguments, ReturnType, Signature, Type, TypeImplTrait,
    TypeParamBound,
};

use super::ast::{Param, ValueParam};
use super::attr;
use crate::errors::Errors;

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

/// Reports an `impl Trait` in the return type, which the generated `Tunable` impl cannot name
/// as its `Output`. `false` when there is one.
pub(crate) fn output(sig: &Signature, errors: &mut Errors) -> bool {
    let ReturnType::Type(_, ty) = &sig.output else { return true };
    match impl_trait_in(ty) {
        Some(impl_trait) => {
            errors.at(
                impl_trait,
                "`#[tunable]` needs a nameable return type, not `impl Trait`: it is the `Output` \
                 of the parameter struct's `Tunable` impl (return a concrete type or a `Box<dyn ..>`)",
            );
            false
        }
        None => true,
    }
}

/// The first `impl Trait` in `ty`, however deeply nested (`Vec<impl Trait>` is one too).
fn impl_trait_in(ty: &Type) -> Option<&TypeImplTrait> {
    match ty {
        Type::ImplTrait(impl_trait) => Some(impl_trait),
        Type::Array(array) => impl_trait_in(&array.elem),
        Type::Group(group) => impl_trait_in(&group.elem),
        Type::Paren(paren) => impl_trait_in(&paren.elem),
        Type::Ptr(ptr) => impl_trait_in(&ptr.elem),
        Type::Reference(reference) => impl_trait_in(&reference.elem),
        Type::Slice(slice) => impl_trait_in(&slice.elem),
        Type::Tuple(tuple) => tuple.elems.iter().find_map(impl_trait_in),
        Type::TraitObject(object) => object.bounds.iter().find_map(|bound| match bound {
            TypeParamBound::Trait(bound) => impl_trait_in_path(&bound.path),
            _ => None,
        }),
        Type::Path(path) => {
            let qself = path.qself.as_ref().and_then(|qself| impl_trait_in(&qself.ty));
            qself.or_else(|| impl_trait_in_path(&path.path))
        }
        _ => None,
    }
}

/// The first `impl Trait` in the generic arguments of `path`.
fn impl_trait_in_path(path: &syn::Path) -> Option<&TypeImplTrait> {
    path.segments.iter().find_map(|segment| match &segment.arguments {
        PathArguments::AngleBracketed(args) => args.args.iter().find_map(|arg| match arg {
            GenericArgument::Type(ty) => impl_trait_in(ty),
            GenericArgument::AssocType(assoc) => impl_trait_in(&assoc.ty),
            _ => None,
        }),
        PathArguments::Parenthesized(args) => {
            let output = match &args.output {
                ReturnType::Type(_, ty) => impl_trait_in(ty),
                ReturnType::Default => None,
            };
            args.inputs.iter().find_map(impl_trait_in).or(output)
        }
        PathArguments::None => None,
    })
}

/// Sorts the parameters into the `&Meta` context and tunable values, removing the
/// `#[default(..)]` attributes; a parameter that cannot become a field is reported and left
/// out.
pub(crate) fn params(sig: &mut Signature, errors: &mut Errors) -> Vec<Param> {
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
        params.push(Param::Value(Box::new(ValueParam { ident, name, ty: (*typed.ty).clone(), default })));
    }
    params
}

/// Reports each tunable parameter that `body` never reads (a name starting with `_` opts out):
/// the grid would search it for nothing. The check is on tokens: the name anywhere in the body
/// (or as `{name}` in a format string) counts as a read.
pub(crate) fn unread(params: &[Param], body: &proc_macro2::Group, errors: &mut Errors) {
    for param in params {
        let Param::Value(value) = param else { continue };
        if value.name.starts_with('_') || mentions(body.stream(), &value.name) {
            continue;
        }
        errors.at(
            &value.ident,
            format_args!(
                "the build function never reads `{0}`: a grid would search it for nothing (every \
                 candidate builds the same model); use it, remove it, or name it `_{0}`",
                value.name
            ),
        );
    }
}

/// `true` when `tokens` hold the identifier `name`, or `{name}` / `{name:..}` in a literal.
fn mentions(tokens: TokenStream, name: &str) -> bool {
    tokens.into_iter().any(|token| match token {
        proc_macro2::TokenTree::Ident(ident) => ident.unraw() == name,
        proc_macro2::TokenTree::Group(group) => mentions(group.stream(), name),
        proc_macro2::TokenTree::Literal(literal) => {
            let text = literal.to_string();
            text.contains(&format!("{{{name}}}")) || text.contains(&format!("{{{name}:"))
        }
        proc_macro2::TokenTree::Punct(_) => false,
    })
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

/// The one error for `#[tunable]` on an associated function (in an `impl` or a `trait`), at
/// the function's name.
pub(crate) fn associated(sig: &Signature, errors: &mut Errors) {
    errors.at(
        &sig.ident,
        "`#[tunable]` goes on a free function, not an associated function: the parameter struct \
         it generates cannot be declared inside an `impl` or a `trait`; move the function out of \
         the block (to the module)",
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

#[cfg(test)]
mod tests {
    use super::impl_trait_in;

    fn has_impl_trait(ty: &str) -> bool {
        impl_trait_in(&syn::parse_str(ty).unwrap()).is_some()
    }

    #[test]
    fn impl_trait_is_found_wherever_it_is_nested() {
        for ty in ["impl Fn()", "Vec<impl Fn()>", "(u8, &[impl Sized; 2])", "Box<dyn Fn(impl Sized)>"] {
            assert!(has_impl_trait(ty), "{ty}");
        }
        assert!(has_impl_trait("Option<Box<dyn Iterator<Item = impl Sized>>>"));
        for ty in ["Vec<usize>", "Box<dyn Fn() -> usize>", "(usize, [f32; 3])", "<T as Tr>::Out"] {
            assert!(!has_impl_trait(ty), "{ty}");
        }
    }
}
