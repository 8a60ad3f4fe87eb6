//! Reading `space!(path { axis: value, .. })`.

use proc_macro2::{Span, TokenTree};
use syn::parse::{Parse, ParseStream};
use syn::{braced, Expr, Ident, Path, Token};

use crate::errors::Errors;

/// A whole `space!` call.
pub(crate) struct SpaceInput {
    /// The function (its `#[tunable]` alias) or the parameter struct.
    pub path: Path,
    /// The span of `{ .. }`, given to the struct literals.
    pub brace: Span,
    /// The axes as written (before `check`).
    pub axes: Vec<AxisInput>,
    /// Mistakes found inside the braces.
    pub errors: Errors,
}

/// One `name: value`.
pub(crate) struct AxisInput {
    /// The name, with the user's span: the field of the struct literal.
    pub ident: Ident,
    /// The name without `r#`.
    pub name: String,
    /// What the axis draws from.
    pub value: AxisValue,
}

/// The value of an axis.
pub(crate) enum AxisValue {
    /// `[a, b, ..]`: one of these values, each checked against the field's type.
    List { bracket: Span, values: Vec<Expr> },
    /// Anything else: an expression whose type implements `Distribution<field type>`.
    Distribution(Expr),
}

impl Parse for SpaceInput {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let path = input.call(Path::parse_mod_style)?;
        if input.is_empty() {
            return Err(syn::Error::new_spanned(
                &path,
                "expected the axes in braces after the function, as \
                 `space!(create_model { units: 8..=64, activation: [Relu, Tanh] })`",
            ));
        }
        let content;
        let brace = braced!(content in input).span.join();
        let mut errors = Errors::default();
        let mut axes = Vec::new();
        while !content.is_empty() {
            match parse_axis(&content) {
                Ok(axis) => axes.push(axis),
                Err(error) => {
                    errors.push(error);
                    skip_to_comma(&content)?;
                }
            }
            if content.is_empty() {
                break;
            }
            if content.peek(Token![,]) {
                content.parse::<Token![,]>()?;
            } else {
                errors.push(content.error("expected `,` after the axis"));
                skip_to_comma(&content)?;
                if content.peek(Token![,]) {
                    content.parse::<Token![,]>()?;
                }
            }
        }
        if !input.is_empty() {
            return Err(input.error("expected the end of `space!` after the axes (a space is one `{ .. }`)"));
        }
        Ok(SpaceInput { path, brace, axes, errors })
    }
}

/// `name: value`.
fn parse_axis(input: ParseStream) -> syn::Result<AxisInput> {
    const EXAMPLE: &str = "as `units: 8..=64` or `activation: [Relu, Tanh]`";
    if input.peek(Token![,]) {
        return Err(input.error(format!("expected an axis before this comma, {EXAMPLE}")));
    }
    let ident: Ident = input
        .call(syn::ext::IdentExt::parse_any)
        .map_err(|e| syn::Error::new(e.span(), format!("expected an axis name, {EXAMPLE}")))?;
    let name = syn::ext::IdentExt::unraw(&ident).to_string();
    if !input.peek(Token![:]) {
        let message = format!("expected `:` and what `{name}` is drawn from, {EXAMPLE}");
        return Err(if input.is_empty() {
            syn::Error::new(ident.span(), message)
        } else {
            input.error(message)
        });
    }
    input.parse::<Token![:]>()?;
    if input.is_empty() || input.peek(Token![,]) {
        return Err(syn::Error::new(
            ident.span(),
            format!("expected what `{name}` is drawn from, {EXAMPLE}"),
        ));
    }
    let value = match input.parse::<Expr>()? {
        Expr::Array(array) => AxisValue::List {
            bracket: array.bracket_token.span.join(),
            values: array.elems.into_iter().collect(),
        },
        other => AxisValue::Distribution(other),
    };
    Ok(AxisInput { ident, name, value })
}

/// Skips the tokens of a malformed axis, up to (not including) the next top-level comma.
fn skip_to_comma(input: ParseStream) -> syn::Result<()> {
    input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tree, next)) = rest.token_tree() {
            if matches!(&tree, TokenTree::Punct(p) if p.as_char() == ',') {
                return Ok(((), rest));
            }
            rest = next;
        }
        Ok(((), rest))
    })
}
