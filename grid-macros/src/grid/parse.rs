//! Reading `grid!(path { axis: [v, ..], .. } | { .. })`.
//!
//! The outer structure (the path, the braces, the `|`) must be right; inside the braces each
//! malformed axis is reported at its token and skipped, so that every mistake is reported.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{braced, bracketed, Expr, Ident, Path, Token};

use crate::errors::Errors;

/// A whole `grid!` call.
pub(crate) struct GridInput {
    /// The function (its `#[tunable]` alias) or the parameter struct.
    pub path: Path,
    /// The branches of the union, in order; one for a plain product.
    pub branches: Vec<BranchInput>,
    /// Mistakes found inside the braces.
    pub errors: Errors,
}

/// One `{ .. }`.
pub(crate) struct BranchInput {
    /// The span of its `{ .. }`, given to the braces of the struct literal so that rustc's
    /// "a field with a similar name exists" help applies to the user's fields.
    pub brace: Span,
    /// The axes as written (before `check`).
    pub axes: Vec<AxisInput>,
}

/// One `name: [values]`.
pub(crate) struct AxisInput {
    /// The name, with the user's span: the field of the struct literal.
    pub ident: Ident,
    /// The name without `r#`.
    pub name: String,
    /// The span of `[..]`.
    pub bracket: Span,
    /// The values.
    pub values: Vec<Expr>,
    /// `[..collection]`: the values are those of a collection known at run time.
    pub runtime: Option<Expr>,
}

impl Parse for GridInput {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let path = input.call(Path::parse_mod_style)?;
        let mut errors = Errors::default();
        let mut branches = Vec::new();
        loop {
            if branches.is_empty() && input.is_empty() {
                return Err(syn::Error::new_spanned(
                    &path,
                    "expected the axes in braces after the function, as \
                     `grid!(create_model { units: [5, 10] })`",
                ));
            }
            let content;
            let brace = braced!(content in input).span.join();
            let tokens: TokenStream = content.parse()?;
            branches.push(BranchInput { brace, axes: parse_axes(tokens, &mut errors) });
            if input.is_empty() {
                break;
            }
            if !input.peek(Token![|]) {
                return Err(input.error("expected `|` and another `{ .. }` of axes (a union of grids)"));
            }
            input.parse::<Token![|]>()?;
        }
        Ok(GridInput { path, branches, errors })
    }
}

/// The axes of one branch: its tokens split at the top-level commas, each piece read alone.
fn parse_axes(tokens: TokenStream, errors: &mut Errors) -> Vec<AxisInput> {
    let mut axes = Vec::new();
    let mut piece = Vec::new();
    for token in tokens {
        match token {
            TokenTree::Punct(comma) if comma.as_char() == ',' => {
                match parse_axis(std::mem::take(&mut piece), Some(comma.span())) {
                    Ok(axis) => axes.push(axis),
                    Err(error) => errors.push(error),
                }
            }
            token => piece.push(token),
        }
    }
    if !piece.is_empty() {
        match parse_axis(piece, None) {
            Ok(axis) => axes.push(axis),
            Err(error) => errors.push(error),
        }
    }
    axes
}

/// `name: [values]`, from the tokens between two commas (`comma` is the one after them).
fn parse_axis(piece: Vec<TokenTree>, comma: Option<Span>) -> syn::Result<AxisInput> {
    let mut tokens = piece.into_iter();
    const EXAMPLE: &str = "as `units: [5, 10]`";
    let Some(first) = tokens.next() else {
        let span = comma.unwrap_or_else(Span::call_site);
        return Err(syn::Error::new(span, format!("expected an axis before this comma, {EXAMPLE}")));
    };
    if !matches!(first, TokenTree::Ident(_)) {
        return Err(syn::Error::new(first.span(), format!("expected an axis name, {EXAMPLE}")));
    }
    let ident: Ident = syn::parse2(first.into())?;
    let name = syn::ext::IdentExt::unraw(&ident).to_string();
    match tokens.next() {
        Some(TokenTree::Punct(colon)) if colon.as_char() == ':' => {}
        Some(other) => {
            let message = format!("expected `:` after `{name}`, as `{name}: [a, b]`");
            return Err(syn::Error::new(other.span(), message));
        }
        None => {
            let message = format!("expected `:` and the values of `{name}`, as `{name}: [a, b]`");
            return Err(syn::Error::new(ident.span(), message));
        }
    }
    let group = match tokens.next() {
        Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Bracket => group,
        other => {
            let span = other.map_or(ident.span(), |token| token.span());
            let message = format!("expected the values of `{name}` in brackets, as `{name}: [a, b]`");
            return Err(syn::Error::new(span, message));
        }
    };
    if let Some(extra) = tokens.next() {
        let message = format!("expected `,` after the values of `{name}`");
        return Err(syn::Error::new(extra.span(), message));
    }
    let bracket = group.span();
    let values = (|input: ParseStream| {
        let content;
        bracketed!(content in input);
        Punctuated::<Expr, Token![,]>::parse_terminated(&content)
    })
    .parse2(TokenTree::Group(group).into())?;
    let mut values: Vec<Expr> = values.into_iter().collect();
    let runtime = match values.as_slice() {
        [Expr::Range(syn::ExprRange {
            start: None,
            limits: syn::RangeLimits::HalfOpen(_),
            end: Some(_),
            ..
        })] => match values.pop() {
            Some(Expr::Range(range)) => range.end.map(|end| *end),
            _ => None,
        },
        _ => None,
    };
    Ok(AxisInput { ident, name, bracket, values, runtime })
}
