//! The code `#[tunable]` writes: the function (without its `#[default]` attributes), the
//! parameter struct, its impls, and the alias `grid!` names the struct through.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{ItemFn, ReturnType};

use super::ast::{Input, Param};
use super::check;
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
            let params = check::params(&mut function.sig, &fit, &mut errors);
            if callable {
                let generated = generate(&function, &params, &fit, errors.is_empty());
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

/// One field of the parameter struct.
struct Field<'a> {
    ident: Ident,
    name: String,
    ty: TokenStream,
    /// Expression of the field's default value (`__fit` is `FitParams::default()`).
    default: TokenStream,
    /// A parameter of the build function (always displayed).
    own: bool,
    /// The fit parameter it is, if any.
    fit: Option<&'a FitParam>,
}

/// The struct, its impls and the alias. With `complete == false` (the macro reported a
/// mistake), `build` is a stub that is never compiled into a program.
fn generate(function: &ItemFn, params: &[Param], fit: &[FitParam], complete: bool) -> TokenStream {
    let grid = paths::grid();
    let nn = paths::nn();
    let serde = paths::serde();
    let serde_path = paths::SERDE;
    let vis = &function.vis;
    let fn_ident = &function.sig.ident;
    let fn_name = fn_ident.to_string();
    let struct_ident = format_ident!("{}Params", upper_camel(&fn_name), span = fn_ident.span());
    let struct_name = struct_ident.to_string();
    let fields = fields(params, fit);

    let field_defs = fields.iter().map(|field| {
        let Field { ident, ty, .. } = field;
        let doc = match (field.own, field.fit.is_some()) {
            (true, false) => format!("Parameter `{}` of [`{fn_name}()`].", field.name),
            (true, true) => {
                format!("Parameter `{}` of [`{fn_name}()`], also a fit parameter.", field.name)
            }
            (false, _) => format!("Fit parameter `{}` (see `FitParams`).", field.name),
        };
        quote!(#[doc = #doc] pub #ident: #ty,)
    });
    let defaults = fields.iter().map(|Field { ident, default, .. }| quote!(#ident: #default,));
    let debug_fields = fields.iter().map(|Field { ident, name, .. }| quote!(.field(#name, &self.#ident)));
    let eq_fields = fields.iter().map(|Field { ident, .. }| quote!(&& self.#ident == other.#ident));

    let mut sorted: Vec<&Field> = fields.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let display_entries = sorted.iter().map(|Field { ident, name, own, .. }| {
        let entry = quote!(map.entry(&::core::format_args!(#name), &self.#ident););
        if *own {
            entry
        } else {
            quote!(if self.__set_by_grid.contains(#name) || self.#ident != __fit.#ident { #entry })
        }
    });
    let fit_fields = fit.iter().map(|param| {
        let field = fields.iter().find(|field| field.name == param.name).expect("fit fields");
        let ident = format_ident!("{}", param.name);
        let access = &field.ident;
        quote!(#ident: ::core::clone::Clone::clone(&self.#access),)
    });

    let output = match &function.sig.output {
        ReturnType::Default => quote!(()),
        ReturnType::Type(_, ty) => ty.to_token_stream(),
    };
    let build_body = if complete {
        let args = params.iter().map(|param| match param {
            Param::Meta => quote!(__meta),
            Param::Value(value) => {
                let ident = &value.ident;
                match value.fit {
                    // The field has the fit parameter's type: a function that declares the
                    // parameter with another type gets one "mismatched types", at its type.
                    Some(index) => {
                        let fit_ty = &fit[index].ty;
                        let ty = &value.ty;
                        let call = quote!(<#fit_ty as #grid::FitParamType<#ty>>::into_param(
                            ::core::clone::Clone::clone(&self.#ident)));
                        spans::respan(call, value.ty.span())
                    }
                    None => quote!(::core::clone::Clone::clone(&self.#ident)),
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

    let struct_doc = format!(
        "The parameters of [`{fn_name}()`], generated by `#[tunable]`: its tunable \
         parameters and the fit parameters, with their defaults. `grid!({fn_name} {{ .. }})` \
         makes a grid of them."
    );
    quote! {
        #[doc = #struct_doc]
        #[derive(::core::clone::Clone, #serde::Serialize, #serde::Deserialize)]
        #[serde(crate = #serde_path, default)]
        #vis struct #struct_ident {
            #(#field_defs)*
            /// The axes a grid set on this candidate (for `Display`).
            #[doc(hidden)]
            #[serde(skip)]
            pub __set_by_grid: #grid::SetByGrid,
        }

        /// Lets `grid!` name the parameter struct by the function's name.
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #vis type #fn_ident = #struct_ident;

        const _: () = {
            impl ::core::default::Default for #struct_ident {
                fn default() -> Self {
                    let __fit = <#nn::FitParams as ::core::default::Default>::default();
                    #struct_ident {
                        #(#defaults)*
                        __set_by_grid: ::core::default::Default::default(),
                    }
                }
            }

            impl ::core::fmt::Debug for #struct_ident {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct(#struct_name) #(#debug_fields)* .finish()
                }
            }

            impl ::core::cmp::PartialEq for #struct_ident {
                fn eq(&self, other: &Self) -> bool {
                    true #(#eq_fields)*
                }
            }

            /// `{name: value, ..}` in name order: the function's parameters, and the fit
            /// parameters the grid set or that differ from their defaults.
            impl ::core::fmt::Display for #struct_ident {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    let __fit = <#nn::FitParams as ::core::default::Default>::default();
                    let mut map = f.debug_map();
                    #(#display_entries)*
                    map.finish()
                }
            }

            impl #grid::Tunable for #struct_ident {
                type Output = #output;

                fn build(&self, __meta: &#grid::Meta) -> Self::Output {
                    #build_body
                }
            }

            impl #nn::HasFitParams for #struct_ident {
                fn fit_params(&self) -> #nn::FitParams {
                    #nn::FitParams { #(#fit_fields)* }
                }
            }
        };
    }
}

/// The fields: the function's tunable parameters in order, then the fit parameters it does
/// not take itself.
fn fields<'a>(params: &[Param], fit: &'a [FitParam]) -> Vec<Field<'a>> {
    let mut fields: Vec<Field> = params
        .iter()
        .filter_map(|param| match param {
            Param::Meta => None,
            Param::Value(value) => Some(value),
        })
        .map(|value| {
            let fit = value.fit.map(|index| &fit[index]);
            let ident = &value.ident;
            let ty = match fit {
                Some(param) => param.ty.clone(),
                None => value.ty.to_token_stream(),
            };
            let default = match (&value.default, fit) {
                (Some(expr), _) => expr.to_token_stream(),
                (None, Some(_)) => quote!(__fit.#ident),
                (None, None) => {
                    quote_spanned!(value.ty.span()=> ::core::default::Default::default())
                }
            };
            Field { ident: ident.clone(), name: value.name.clone(), ty, default, own: true, fit }
        })
        .collect();
    for param in fit {
        if fields.iter().all(|field| field.name != param.name) {
            let ident = format_ident!("{}", param.name);
            fields.push(Field {
                default: quote!(__fit.#ident),
                ident,
                name: param.name.to_string(),
                ty: param.ty.clone(),
                own: false,
                fit: Some(param),
            });
        }
    }
    fields
}

/// `create_model` -> `CreateModel`.
fn upper_camel(snake: &str) -> String {
    let snake = snake.strip_prefix("r#").unwrap_or(snake);
    snake
        .split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .concat()
}

#[cfg(test)]
mod tests {
    use super::upper_camel;

    #[test]
    fn upper_camel_joins_capitalized_words() {
        assert_eq!(upper_camel("create_model"), "CreateModel");
        assert_eq!(upper_camel("_deep__model2"), "DeepModel2");
        assert_eq!(upper_camel("r#type"), "Type");
    }
}
