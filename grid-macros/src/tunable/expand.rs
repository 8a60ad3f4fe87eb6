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
//!     #[doc(hidden)] #[serde(flatten)]
//!     pub __fit: <R as TrainedWith>::FitParams,               // what trains the output
//!     #[doc(hidden)] #[serde(skip)]
//!     pub __set_by_grid: SetByGrid,                           // axes a grid set, for Display
//! }
//! #[doc(hidden)] #[allow(unused_imports)]
//! pub use CreateModelParams as create_model;                  // what `grid!` names
//! const _: () = {
//!     impl CreateModelParams { fn __grid_axis_units(&mut self) -> &mut usize }  // for grid!
//!     impl Deref, DerefMut { type Target = <R as TrainedWith>::FitParams }      // params.epochs
//!     impl Default ..      // `#[default]`, else the type's
//!     impl Clone ..        // each field's clone at its type, as `build`'s
//!     impl Debug ..        // without the hidden field
//!     impl Serialize ..    // a map: the parameters, then the fit parameters flattened
//!     impl PartialEq ..    // without the hidden field
//!     impl Display ..      // {units: 10}: the axes a grid searched (see grid::ParamEntries)
//!     impl Tunable { type Output = R; fn build(&self, meta) -> R { create_model(meta, self.units.clone()) } }
//!     impl HasFitParams { type FitParams = <R as TrainedWith>::FitParams; .. }
//!     const _: () = assert!(!names_contain(FitParams::NAMES, "units"), "..");  // no shared name
//! };
//! ```

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;

use super::ast::{Input, Param};
use super::check;
use super::model::Model;
use crate::errors::Errors;
use crate::{axis, paths, spans};

/// Expands `#[tunable(args)] input`; `associated` when the attribute is on an associated
/// function. Mistakes are reported together with a stub of the output (the function, and the
/// struct with the parameters that could be read) so that they do not cascade into the user's
/// other code.
pub(crate) fn expand(args: TokenStream, input: Input, associated: bool) -> syn::Result<TokenStream> {
    let mut errors = Errors::default();
    if !args.is_empty() {
        errors.at(&args, "`#[tunable]` takes no arguments");
    }
    let output = match input {
        Input::Fn(mut function) if associated => {
            check::associated(&function.sig, &mut errors);
            check::params(&mut function.sig, &mut Errors::default());
            function.into_token_stream()
        }
        Input::Fn(mut function) => {
            let callable = check::signature(&function.sig, &mut errors);
            let nameable = check::output(&function.sig, &mut errors);
            let params = check::params(&mut function.sig, &mut errors);
            check::unread(&params, &function.body, &mut errors);
            if callable {
                let model = Model::new(&function, &params, nameable);
                let generated = generate(&model, errors.is_empty() && nameable);
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
fn generate(model: &Model, complete: bool) -> TokenStream {
    let definition = struct_definition(model);
    let alias = alias(model);
    let impls = [
        impl_accessors(model),
        impl_deref(model),
        impl_default(model),
        impl_clone(model),
        impl_debug(model),
        impl_serialize(model),
        impl_partial_eq(model),
        impl_display(model),
        impl_tunable(model, complete),
        impl_has_fit_params(model),
        no_shared_names(model),
    ];
    quote! {
        #definition
        #alias
        const _: () = { #(#impls)* };
    }
}

fn struct_definition(model: &Model) -> TokenStream {
    let (grid, serde, serde_path) = (paths::grid(), paths::serde(), paths::SERDE);
    let Model { vis, struct_ident, fn_ident, fit, .. } = model;
    let fn_name = fn_ident.to_string();
    let fields = model.fields.iter().map(|field| {
        let (ident, ty, name) = (&field.ident, &field.ty, &field.name);
        let doc = format!("Parameter `{name}` of [`{fn_name}()`].");
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
         parameters with their defaults, and (through `Deref`) the fit parameters of what it \
         returns. `grid!({fn_name} {{ .. }})` makes a grid of them."
    );
    quote! {
        #[doc = #doc]
        #[derive(#serde::Deserialize)]
        #[serde(crate = #serde_path, default)]
        #vis struct #struct_ident {
            #(#fields)*
            /// The fit parameters of the output (read them as fields, through `Deref`).
            #[doc(hidden)]
            #[serde(flatten)]
            pub __fit: #fit,
            /// The axes a grid set on this candidate (for `Display`).
            #[doc(hidden)]
            #[serde(skip)]
            pub __set_by_grid: #grid::SetByGrid,
        }
    }
}

/// The alias named like the function, in the type namespace: `grid!(create_model { .. })`
/// names the struct through it, and `use models::create_model;` imports both.
fn alias(model: &Model) -> TokenStream {
    let Model { vis, fn_ident, struct_ident, .. } = model;
    quote! {
        /// Lets `grid!` name the parameter struct by the function's name.
        #[doc(hidden)]
        #[allow(unused_imports)]
        #vis use #struct_ident as #fn_ident;
    }
}

/// The hidden accessor of each parameter, that `grid!` sets an axis through (see `axis`).
fn impl_accessors(model: &Model) -> TokenStream {
    let struct_ident = &model.struct_ident;
    let accessors = model.fields.iter().map(|field| {
        let (ident, ty) = (&field.ident, &field.ty);
        let accessor = axis::accessor(ident);
        quote! {
            #[doc(hidden)]
            #[allow(dead_code)]
            pub fn #accessor(&mut self) -> &mut #ty {
                &mut self.#ident
            }
        }
    });
    quote! {
        impl #struct_ident {
            #(#accessors)*
        }
    }
}

/// `params.epochs` reads the fit parameter; a grid's method call on an axis that is not a
/// parameter of the function goes on to the fit parameters.
fn impl_deref(model: &Model) -> TokenStream {
    let Model { struct_ident, fit, .. } = model;
    quote! {
        impl ::core::ops::Deref for #struct_ident {
            type Target = #fit;

            fn deref(&self) -> &Self::Target {
                &self.__fit
            }
        }

        impl ::core::ops::DerefMut for #struct_ident {
            fn deref_mut(&mut self) -> &mut Self::Target {
                &mut self.__fit
            }
        }
    }
}

fn impl_default(model: &Model) -> TokenStream {
    let struct_ident = &model.struct_ident;
    let fields = model.fields.iter().map(|field| {
        // A default is a grid value: the settings' variants are in scope (`#[default(Relu)]`).
        let (ident, default) = (&field.ident, crate::values::scoped(&field.default));
        quote!(#ident: #default,)
    });
    quote! {
        impl ::core::default::Default for #struct_ident {
            fn default() -> Self {
                Self {
                    #(#fields)*
                    __fit: ::core::default::Default::default(),
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
                    __fit: ::core::clone::Clone::clone(&self.__fit),
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
                f.debug_struct(#struct_name) #(#fields)* .field("fit", &self.__fit).finish()
            }
        }
    }
}

/// A map of the parameters then the fit parameters (serde's `flatten`), with each field's call
/// spanned at its type: a type without `Serialize` is one error, there.
fn impl_serialize(model: &Model) -> TokenStream {
    let (serde, grid) = (paths::serde(), paths::grid());
    let struct_ident = &model.struct_ident;
    let fields = model.fields.iter().map(|field| {
        let (ident, name) = (field.ident_at_ty(), &field.name);
        quote_spanned! {field.ty_span=>
            #serde::ser::SerializeMap::serialize_entry(&mut __map, #name, &self.#ident)?;
        }
    });
    quote! {
        impl #serde::Serialize for #struct_ident {
            fn serialize<__S>(&self, __serializer: __S)
                -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: #serde::Serializer,
            {
                let mut __map = #serde::Serializer::serialize_map(__serializer, ::core::option::Option::None)?;
                #(#fields)*
                #grid::FitParamSet::serialize_fields(&self.__fit, &mut __map)?;
                #serde::ser::SerializeMap::end(__map)
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
                true #(#fields)* && self.__fit == other.__fit
            }
        }
    }
}

/// `{name: value, ..}` in name order: the axes a grid searched, or for a candidate built by
/// hand, the function's parameters and the fit parameters that differ from their defaults.
fn impl_display(model: &Model) -> TokenStream {
    let grid = paths::grid();
    let struct_ident = &model.struct_ident;
    let entries = model.fields.iter().map(|field| {
        let (ident, name) = (field.ident_at_ty(), &field.name);
        // Spanned as in `impl_debug`: a type without `Debug` is one error (rustc merges the
        // two identical ones), at the user's type.
        quote_spanned!(field.ty_span=> __entries.own(#name, &self.#ident);)
    });
    quote! {
        impl ::core::fmt::Display for #struct_ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                let mut __entries = #grid::ParamEntries::new(self.__set_by_grid);
                #(#entries)*
                __entries.fit(&self.__fit);
                ::core::fmt::Display::fmt(&__entries, f)
            }
        }
    }
}

/// `build` calls the function with `meta` for the `&Meta` parameters and clones of the fields
/// for the others.
fn impl_tunable(model: &Model, complete: bool) -> TokenStream {
    let grid = paths::grid();
    let Model { struct_ident, fn_ident, output, .. } = model;
    let body = if complete {
        let args = model.params.iter().map(|param| match param {
            Param::Meta => quote!(__meta),
            // As in `impl_clone`, so that a type without `Clone` is one error.
            Param::Value(value) => {
                let ty_span = value.ty.span();
                let mut ident = value.ident.clone();
                ident.set_span(ty_span);
                quote_spanned!(ty_span=> ::core::clone::Clone::clone(&self.#ident))
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

fn impl_has_fit_params(model: &Model) -> TokenStream {
    let grid = paths::grid();
    let Model { struct_ident, fit, .. } = model;
    quote! {
        impl #grid::HasFitParams for #struct_ident {
            type FitParams = #fit;

            fn fit_params(&self) -> &Self::FitParams {
                &self.__fit
            }

            fn fit_params_mut(&mut self) -> &mut Self::FitParams {
                &mut self.__fit
            }
        }
    }
}

/// A parameter of the function named like a fit parameter of its output would be one axis
/// setting two values, one of which `grid!` could not reach: a compile error at the parameter.
fn no_shared_names(model: &Model) -> TokenStream {
    let grid = paths::grid();
    let Model { fn_ident, fit, .. } = model;
    let checks = model.fields.iter().map(|field| {
        let name = &field.name;
        let message = format!(
            "`{name}` is also a fit parameter of what `{fn_ident}` returns: a grid axis `{name}` \
             would set this parameter and leave the fit parameter at its default; rename the \
             parameter (the fit parameter is read where the model is trained)"
        );
        // Everything at the parameter except the output's path, whose missing `TrainedWith`
        // is reported once, at the return type.
        let span = field.ident.span();
        let assert = spans::respan(
            quote!(::core::assert!(!#grid::names_contain(<__Fit as #grid::FitParamSet>::NAMES, #name), #message);),
            span,
        );
        let mut body = proc_macro2::Group::new(proc_macro2::Delimiter::Brace, quote!(type __Fit = #fit; #assert));
        body.set_span(span);
        let head = spans::respan(quote!(const _: () =), span);
        quote!(#head #body;)
    });
    quote!(#(#checks)*)
}
