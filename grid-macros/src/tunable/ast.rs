//! What `#[tunable]` reads: the item, and the build function's parameters once sorted.
//!
//! A function's signature is parsed precisely and its body kept as raw tokens (as
//! tracing-attributes' `#[instrument]` does), so that a syntax error in the body is rustc's own
//! error about the body, and not a cascade from the macro.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::{ToTokens, TokenStreamExt};
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Expr, Ident, Item, Signature, Type, Visibility};

/// The item under `#[tunable]`.
pub(crate) enum Input {
    /// A function: what `#[tunable]` is for.
    Fn(Function),
    /// Any other item: an error, re-emitted unchanged.
    Other(Item),
    /// Tokens that are not an item (e.g. a trait method without body): an error, re-emitted.
    Unparsed(TokenStream),
}

/// A function with its body unparsed.
pub(crate) struct Function {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub sig: Signature,
    /// The `{ .. }` body, as written.
    pub body: Group,
}

impl Parse for Input {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        // Read everything first: an item that fails to parse is reported by `check`, at its
        // first token, rather than by syn.
        let tokens: TokenStream = input.parse()?;
        if let Ok(function) = syn::parse2::<Function>(tokens.clone()) {
            return Ok(Input::Fn(function));
        }
        Ok(match syn::parse2::<Item>(tokens.clone()) {
            Ok(item) => Input::Other(item),
            Err(_) => Input::Unparsed(tokens),
        })
    }
}

impl Parse for Function {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis = input.parse()?;
        let sig = input.parse()?;
        let body = match input.parse::<TokenTree>()? {
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => group,
            other => return Err(syn::Error::new(other.span(), "expected the function's body")),
        };
        if !input.is_empty() {
            return Err(input.error("unexpected tokens after the function"));
        }
        Ok(Function { attrs, vis, sig, body })
    }
}

impl ToTokens for Function {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.append_all(&self.attrs);
        self.vis.to_tokens(tokens);
        self.sig.to_tokens(tokens);
        self.body.to_tokens(tokens);
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
}
