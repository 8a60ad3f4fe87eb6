//! The parameter struct to generate, worked out from the function and its sorted parameters.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{ItemFn, ReturnType, Visibility};

use super::ast::{Param, ValueParam};
use crate::fit_params::FitParam;
use crate::{paths, spans};

/// The parameter struct of one build function.
pub(crate) struct Model<'a> {
    pub vis: &'a Visibility,
    /// The function's name (also the alias' name).
    pub fn_ident: &'a Ident,
    /// `CreateModelParams`, spanned at the function's name.
    pub struct_ident: Ident,
    /// The function's parameters in order (`build` passes them).
    pub params: &'a [Param],
    /// The fields: the function's tunable parameters in order, then the fit parameters it does
    /// not take itself.
    pub fields: Vec<Field<'a>>,
    /// The function's return type.
    pub output: TokenStream,
}

/// One field of the parameter struct.
pub(crate) struct Field<'a> {
    pub ident: Ident,
    /// The name without `r#`, as `Display` and serde show it.
    pub name: String,
    pub ty: TokenStream,
    /// Where a missing trait of the type is reported: the user's type, for a parameter of the
    /// function.
    pub ty_span: Span,
    /// Expression of the default value (`__fit` is `FitParams::default()`).
    pub default: TokenStream,
    /// A parameter of the build function (always displayed).
    pub own: bool,
    /// The fit parameter it is, if any.
    pub fit: Option<&'a FitParam>,
}

impl<'a> Model<'a> {
    pub(crate) fn new(function: &'a ItemFn, params: &'a [Param], fit: &'a [FitParam]) -> Self {
        let fn_ident = &function.sig.ident;
        let struct_ident =
            format_ident!("{}Params", upper_camel(&fn_ident.to_string()), span = fn_ident.span());
        let mut fields: Vec<Field> = params
            .iter()
            .filter_map(|param| match param {
                Param::Meta => None,
                Param::Value(value) => Some(own_field(value, fit)),
            })
            .collect();
        for param in fit {
            if fields.iter().all(|field| field.name != param.name) {
                fields.push(fit_field(param));
            }
        }
        let output = match &function.sig.output {
            ReturnType::Default => quote!(()),
            ReturnType::Type(_, ty) => ty.to_token_stream(),
        };
        Model { vis: &function.vis, fn_ident, struct_ident, params, fields, output }
    }

    /// The field holding fit parameter `param`.
    pub(crate) fn field_of(&self, param: &FitParam) -> &Field<'a> {
        let field = self.fields.iter().find(|field| field.name == param.name);
        field.expect("every fit parameter has a field")
    }
}

impl Field<'_> {
    /// The field's name spanned at its type: `self.#ident` in a generated impl then reports
    /// a missing trait of the type at the type alone, not at `name: Type`.
    pub(crate) fn ident_at_ty(&self) -> Ident {
        let mut ident = self.ident.clone();
        ident.set_span(self.ty_span);
        ident
    }
}

/// The field of a parameter of the function. Named like a fit parameter, it has the fit
/// parameter's type and default (unless `#[default]` says otherwise).
fn own_field<'a>(value: &ValueParam, fit: &'a [FitParam]) -> Field<'a> {
    let fit = value.fit.map(|index| &fit[index]);
    let ident = &value.ident;
    let ty = match fit {
        Some(param) => param.ty.clone(),
        None => value.ty.to_token_stream(),
    };
    let default = match (&value.default, fit) {
        // The default is a value of the type the user declared, converted as `build` converts
        // the field back: a declared type that differs from the fit parameter's is then one
        // error (rustc merges the two identical ones, both at the type), not a second one at
        // the default.
        (Some(expr), Some(param)) => {
            let (grid, fit_ty, ty) = (paths::grid(), &param.ty, &value.ty);
            let from = quote!(<#fit_ty as #grid::FitParamType<#ty>>::from_param);
            let from = spans::respan(from, ty.span());
            quote!({
                let __default: #ty = #expr;
                #from(__default)
            })
        }
        (Some(expr), None) => expr.to_token_stream(),
        (None, Some(_)) => quote!(__fit.#ident),
        // A type without `Default` is reported at the user's type.
        (None, None) => quote_spanned!(value.ty.span()=> ::core::default::Default::default()),
    };
    let ty_span = value.ty.span();
    Field { ident: ident.clone(), name: value.name.clone(), ty, ty_span, default, own: true, fit }
}

/// The field of a fit parameter the function does not take.
fn fit_field(param: &FitParam) -> Field<'_> {
    let ident = format_ident!("{}", param.name);
    Field {
        default: quote!(__fit.#ident),
        ident,
        name: param.name.to_string(),
        ty: param.ty.clone(),
        ty_span: Span::call_site(),
        own: false,
        fit: Some(param),
    }
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
