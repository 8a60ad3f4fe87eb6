//! The parameter struct to generate, worked out from the function and its sorted parameters.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::{ReturnType, Visibility};

use super::ast::{Function, Param, ValueParam};
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
    /// The fields: the function's tunable parameters in order.
    pub fields: Vec<Field>,
    /// The function's return type.
    pub output: TokenStream,
    /// The fit parameters of the output, `<Output as TrainedWith>::FitParams`, spanned at the
    /// return type (an output that does not implement `TrainedWith` is one error there).
    pub fit: TokenStream,
}

/// One field of the parameter struct: a parameter of the build function.
pub(crate) struct Field {
    pub ident: Ident,
    /// The name without `r#`, as `Display` and serde show it.
    pub name: String,
    pub ty: TokenStream,
    /// Where a missing trait of the type is reported: the user's type.
    pub ty_span: Span,
    /// Expression of the default value.
    pub default: TokenStream,
}

impl<'a> Model<'a> {
    pub(crate) fn new(function: &'a Function, params: &'a [Param], nameable: bool) -> Self {
        let fn_ident = &function.sig.ident;
        let struct_ident =
            format_ident!("{}Params", upper_camel(&fn_ident.to_string()), span = fn_ident.span());
        let fields = params
            .iter()
            .filter_map(|param| match param {
                Param::Meta => None,
                Param::Value(value) => Some(own_field(value)),
            })
            .collect();
        let grid = paths::grid();
        let (output, fit) = match &function.sig.output {
            // The struct is still generated for an unnameable output (a `grid!` of it is not a
            // second error), with a stub `build`.
            _ if !nameable => (quote!(()), quote!(#grid::NoFitParams)),
            ReturnType::Default => (quote!(()), quote!(#grid::NoFitParams)),
            ReturnType::Type(_, ty) => {
                let fit = spans::respan(quote!(<#ty as #grid::TrainedWith>::FitParams), ty.span());
                (ty.to_token_stream(), fit)
            }
        };
        Model { vis: &function.vis, fn_ident, struct_ident, params, fields, output, fit }
    }
}

impl Field {
    /// The field's name spanned at its type: `self.#ident` in a generated impl then reports
    /// a missing trait of the type at the type alone, not at `name: Type`.
    pub(crate) fn ident_at_ty(&self) -> Ident {
        let mut ident = self.ident.clone();
        ident.set_span(self.ty_span);
        ident
    }
}

/// The field of a parameter of the function.
fn own_field(value: &ValueParam) -> Field {
    let default = match &value.default {
        Some(expr) => expr.to_token_stream(),
        // A type without `Default` is reported at the user's type.
        None => quote_spanned!(value.ty.span()=> ::core::default::Default::default()),
    };
    Field {
        ident: value.ident.clone(),
        name: value.name.clone(),
        ty: value.ty.to_token_stream(),
        ty_span: value.ty.span(),
        default,
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
