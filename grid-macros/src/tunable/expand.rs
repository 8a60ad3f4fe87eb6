//! The code `#[tunable]` writes, for `fn create_model(meta: &Meta, #[default(10)] units: usize)
//! -> R`:
//!
//! ```text
//! fn create_model(meta: &Meta, units: usize) -> R { .. }      // unchanged, attributes removed
//!
//! #[derive(Deserialize)]
//! #[serde(crate = "::gridcv::__private::serde", default)]
//! pub struct CreateModelParams {                              // the function's visibility
//!     pub units: usize,                                       // the function's parameters
//!     pub epochs: usize, pub batch_size: usize, ..            // the fit parameters
//!     #[doc(hidden)] #[serde(skip)]
//!     pub __set_by_grid: SetByGrid,                           // axes a grid set, for Display
//! }
//! #[doc(hidden)] #[allow(unused_imports)]
//! pub use CreateModelParams as create_model;                  // what `grid!` names
//! const _: () = {
//!     impl Default ..      // `#[default]`, else the type's; fit parameters from FitParams
//!     impl Clone ..        // each field's clone at its type, as `build`'s
//!     impl Debug ..        // without the hidden field
//!     impl Serialize ..    // without the hidden field
//!     impl PartialEq ..    // without the hidden field
//!     impl Display ..      // {units: 10}, plus fit parameters set by a grid or not default
//!     impl Tunable { type Output = R; fn build(&self, meta) -> R { create_model(meta, self.units.clone()) } }
//!     impl HasFitParams { fn fit_params(&self) -> FitParams { FitParams { epochs: .., .. } } }
//! };
//! ```

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;

use super::ast::{Input, Param};
use super::check;
use super::model::Model;
use crate::errors::Errors;
use crate::fit_params::{self, FitParam};
use crate::{paths, spans};

/// Expands `#[tunable(args)] input`. Mistakes are reported together with a stub of the output
/// (the function, and the struct with the parameters that could be read) so that they do not
/// cascade into the user's other code.
pub(crate) fn expand(args: TokenStream, input: Input) -> syn::Result<TokenStream> {
    let mut errors = Errors::default();
    if !args.is_empty() {
        errors.at(&args, "`#[tunable]` takes no arguments");
    }
    let output = match input {
        Input::Fn(mut function) => {
            let fit = fit_params::table();
            let callable = check::signature(&function.sig, &mut errors);
            let nameable = check::output(&function.sig, &mut errors);
            let params = check::params(&mut function.sig, &fit, &mut errors);
            if callable {
                let mut model = Model::new(&function, &params, &fit);
                if !nameable {
                    // The struct is still generated (a `grid!` of it is not a second error),
                    // with a stub `build`.
                    model.output = quote!(());
                }
                let generated = generate(&model, &fit, errors.is_empty());
                quote!(#function #generated)
            } else {
                function.into_token_stream()
            }
        }
        Input::Other(item) => {
            check::not_a_function(&item, &mut errors);
            item.into_token_stream()
        }
        Input::Unparsed(tokens) => {
            check::not_an_item(&tokens, &mut errors);
            tokens
        }
    };
    let errors = errors.to_compile_errors();
    Ok(quote!(#output #errors))
}

/// The struct, the alias and the impls. With `complete == false` (the macro reported a
/// mistake), `build` is a stub: the program does not compile anyway.
fn generate(model: &Model, fit: &[FitParam], complete: bool) -> TokenStream {
    let definition = struct_definition(model);
    let alias = alias(model);
    let impls = [
        impl_default(model),
        impl_clone(model),
        impl_debug(model),
        impl_serialize(model),
        impl_partial_eq(model),
        impl_display(model),
        impl_tunable(model, fit, complete),
        impl_has_fit_params(model, fit),
    ];
    quote! {
        #definition
        #alias
        const _: () = { #(#impls)* };
    }
}

fn struct_definition(model: &Model) -> TokenStream {
    let (grid, serde, serde_path) = (paths::grid(), paths::serde(), paths::SERDE);
    let Model { vis, struct_ident, fn_ident, .. } = model;
    let fn_name = fn_ident.to_string();
    let fields = model.fields.iter().map(|field| {
        let (ident, ty, name) = (&field.ident, &field.ty, &field.name);
        let doc = match (field.own, field.fit.is_some()) {
            (true, false) => format!("Parameter `{name}` of [`{fn_name}()`]."),
            (true, true) => format!("Parameter `{name}` of [`{fn_name}()`], also a fit parameter."),
            (false, _) => format!("Fit parameter `{name}` (see `FitParams`)."),
        };
        // A type without `Deserialize` is one error at the user's type: serde's derive then
        // calls the trait through this path, spanned there (its own calls would report it
        // twice). `Serialize` is written by hand (`impl_serialize`) for the same reason.
        let de = format!("{serde_path}::Deserialize::deserialize");
        let de = syn::LitStr::new(&de, field.ty_span);
        quote_spanned! {field.ty_span=>
            #[doc = #doc]
            #[serde(deserialize_with = #de)]
            pub #ident: #ty,
        }
    });
    let doc = format!(
        "The parameters of [`{fn_name}()`], generated by `#[tunable]`: its tunable \
         parameters and the fit parameters, with their defaults. `grid!({fn_name} {{ .. }})` \
         makes a grid of them."
    );
    quote! {
        #[doc = #doc]
        #[derive(#serde::Deserialize)]
        #[serde(crate = #serde_path, default)]
        #vis struct #struct_ident {
            #(#fields)*
            /// The axes a grid set on this candidate (for `Display`).
            #[doc(hidden)]
            #[serde(skip)]
            pub __set_by_grid: #grid::SetByGrid,
        }
    }
}

/// The alias named like the function, in the type namespace: `grid!(create_model { .. })`
/// names the struct through it, and `use models::create_model;` imports both.
///
/// It is an import rather than a type alias: inside an `impl` block (where the macro cannot
/// tell it is), an import is dropped with one "not supported" error, while a type alias would
/// add an unstable-feature error and a clash with the function.
fn alias(model: &Model) -> TokenStream {
    let Model { vis, fn_ident, struct_ident, .. } = model;
    quote! {
        /// Lets `grid!` name the parameter struct by the function's name.
        #[doc(hidden)]
        #[allow(unused_imports)]
        #vis use #struct_ident as #fn_ident;
    }
}

fn impl_default(model: &Model) -> TokenStream {
    let nn = paths::nn();
    let struct_ident = &model.struct_ident;
    let fields = model.fields.iter().map(|field| {
        let (ident, default) = (&field.ident, &field.default);
        quote!(#ident: #default,)
    });
    quote! {
        impl ::core::default::Default for #struct_ident {
            fn default() -> Self {
                let __fit = <#nn::FitParams as ::core::default::Default>::default();
                Self {
                    #(#fields)*
                    __set_by_grid: ::core::default::Default::default(),
                }
            }
        }
    }
}

/// As the derive would write it, with each field's clone spanned at its type: a type without
/// `Clone` is one error there (rustc merges it with the identical one of `build`).
fn impl_clone(model: &Model) -> TokenStream {
    let fields = model.fields.iter().map(|field| {
        let (ident, at_ty) = (&field.ident, field.ident_at_ty());
        quote_spanned!(field.ty_span=> #ident: ::core::clone::Clone::clone(&self.#at_ty),)
    });
    let struct_ident = &model.struct_ident;
    quote! {
        impl ::core::clone::Clone for #struct_ident {
            fn clone(&self) -> Self {
                Self {
                    #(#fields)*
                    __set_by_grid: ::core::clone::Clone::clone(&self.__set_by_grid),
                }
            }
        }
    }
}

fn impl_debug(model: &Model) -> TokenStream {
    let struct_ident = &model.struct_ident;
    let struct_name = struct_ident.to_string();
    let fields = model.fields.iter().map(|field| {
        let (ident, name) = (field.ident_at_ty(), &field.name);
        quote_spanned!(field.ty_span=> .field(#name, &self.#ident))
    });
    quote! {
        impl ::core::fmt::Debug for #struct_ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#struct_name) #(#fields)* .finish()
            }
        }
    }
}

/// As serde's derive would write it (fields in order, the hidden one skipped), with each
/// field's call spanned at its type: a type without `Serialize` is one error, there.
fn impl_serialize(model: &Model) -> TokenStream {
    let serde = paths::serde();
    let struct_ident = &model.struct_ident;
    let struct_name = struct_ident.to_string();
    let len = model.fields.len();
    let fields = model.fields.iter().map(|field| {
        let (ident, name) = (field.ident_at_ty(), &field.name);
        quote_spanned! {field.ty_span=>
            #serde::ser::SerializeStruct::serialize_field(&mut __state, #name, &self.#ident)?;
        }
    });
    quote! {
        impl #serde::Serialize for #struct_ident {
            fn serialize<__S>(&self, __serializer: __S)
                -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: #serde::Serializer,
            {
                let mut __state = #serde::Serializer::serialize_struct(__serializer, #struct_name, #len)?;
                #(#fields)*
                #serde::ser::SerializeStruct::end(__state)
            }
        }
    }
}

fn impl_partial_eq(model: &Model) -> TokenStream {
    let struct_ident = &model.struct_ident;
    let fields = model.fields.iter().map(|field| {
        let ident = field.ident_at_ty();
        quote_spanned!(field.ty_span=> && self.#ident == other.#ident)
    });
    quote! {
        impl ::core::cmp::PartialEq for #struct_ident {
            fn eq(&self, other: &Self) -> bool {
                true #(#fields)*
            }
        }
    }
}

/// `{name: value, ..}` in name order: the function's parameters, and the fit parameters the
/// grid set or that differ from their defaults.
fn impl_display(model: &Model) -> TokenStream {
    let nn = paths::nn();
    let struct_ident = &model.struct_ident;
    let mut sorted: Vec<_> = model.fields.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let entries = sorted.iter().map(|field| {
        let (ident, name) = (field.ident_at_ty(), &field.name);
        // Spanned as in `impl_debug`: a type without `Debug` is one error (rustc merges the
        // two identical ones), at the user's type.
        let entry = quote_spanned!(field.ty_span=>
            map.entry(&::core::format_args!(#name), &self.#ident););
        if field.own {
            entry
        } else {
            quote!(if self.__set_by_grid.contains(#name) || self.#ident != __fit.#ident { #entry })
        }
    });
    quote! {
        impl ::core::fmt::Display for #struct_ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                let __fit = <#nn::FitParams as ::core::default::Default>::default();
                let mut map = f.debug_map();
                #(#entries)*
                map.finish()
            }
        }
    }
}

/// `build` calls the function with `meta` for the `&Meta` parameters and clones of the fields
/// for the others.
fn impl_tunable(model: &Model, fit: &[FitParam], complete: bool) -> TokenStream {
    let grid = paths::grid();
    let Model { struct_ident, fn_ident, output, .. } = model;
    let body = if complete {
        let args = model.params.iter().map(|param| match param {
            Param::Meta => quote!(__meta),
            Param::Value(value) => {
                let ident = &value.ident;
                match value.fit {
                    // The field has the fit parameter's type; passing it through
                    // `FitParamType` makes a parameter declared with another type one error,
                    // at that type, naming the type it must be.
                    Some(index) => {
                        let (fit_ty, ty) = (&fit[index].ty, &value.ty);
                        let call = quote!(<#fit_ty as #grid::FitParamType<#ty>>::into_param(
                            ::core::clone::Clone::clone(&self.#ident)));
                        spans::respan(call, ty.span())
                    }
                    // As in `impl_clone`, so that a type without `Clone` is one error.
                    None => {
                        let ty_span = value.ty.span();
                        let mut ident = ident.clone();
                        ident.set_span(ty_span);
                        quote_spanned!(ty_span=> ::core::clone::Clone::clone(&self.#ident))
                    }
                }
            }
        });
        quote!(#fn_ident(#(#args),*))
    } else {
        quote!({
            let _ = (self, __meta);
            ::core::unreachable!("`#[tunable]` reported an error")
        })
    };
    quote! {
        impl #grid::Tunable for #struct_ident {
            type Output = #output;

            fn build(&self, __meta: &#grid::Meta) -> Self::Output {
                #body
            }
        }
    }
}

/// A `FitParams` literal naming every entry of the table: a table that drifts from the struct
/// is a compile error.
fn impl_has_fit_params(model: &Model, fit: &[FitParam]) -> TokenStream {
    let nn = paths::nn();
    let struct_ident = &model.struct_ident;
    let fields = fit.iter().map(|param| {
        let name = quote::format_ident!("{}", param.name);
        let field = &model.field_of(param).ident;
        quote!(#name: ::core::clone::Clone::clone(&self.#field),)
    });
    quote! {
        impl #nn::HasFitParams for #struct_ident {
            fn fit_params(&self) -> #nn::FitParams {
                #nn::FitParams { #(#fields)* }
            }
        }
    }
}
