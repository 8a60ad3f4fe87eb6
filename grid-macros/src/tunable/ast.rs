//! What `#[tunable]` reads: the item, and the build function's parameters once sorted.

use proc_macro2::TokenStream;
use syn::parse::{Parse, ParseStream};
use syn::{Expr, Ident, Item, ItemFn, Type};

/// The item under `#[tunable]`.
pub(crate) enum Input {
    /// A function: what `#[tunable]` is for.
    Fn(ItemFn),
    /// Any other item: an error, re-emitted unchanged.
    Other(Item),
    /// Tokens that are not an item (e.g. a trait method without body): an error, re-emitted.
    Unparsed(TokenStream),
}

impl Parse for Input {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        // Read everything first: an item that fails to parse is reported by `check`, at its
        // first token, rather than by syn.
        let tokens: TokenStream = input.parse()?;
        Ok(match syn::parse2::<Item>(tokens.clone()) {
            Ok(Item::Fn(function)) => Input::Fn(function),
            Ok(item) => Input::Other(item),
            Err(_) => Input::Unparsed(tokens),
        })
    }
}

/// One parameter of the build function.
pub(crate) enum Param {
    /// The `&Meta` context: passed through, not a field.
    Meta,
    /// A tunable parameter: a field of the struct.
    Value(Box<ValueParam>),
}

/// A tunable parameter of the build function.
pub(crate) struct ValueParam {
    /// The parameter's name, with the user's span: the field's name.
    pub ident: Ident,
    /// The name as a string, without `r#`.
    pub name: String,
    /// The type the user wrote.
    pub ty: Type,
    /// The expression of `#[default(..)]`.
    pub default: Option<Expr>,
    /// Index in the fit-parameter table when the name is a fit parameter's.
    pub fit: Option<usize>,
}
