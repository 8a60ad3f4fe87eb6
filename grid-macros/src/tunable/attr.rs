//! The `#[default(expr)]` attribute on a build function's parameter.

use syn::{Attribute, Expr, Meta};

use crate::errors::Errors;

/// Removes every `#[default ..]` from `attrs` and returns the expression of the first
/// well-formed one; a malformed or repeated one is an error at its tokens.
pub(crate) fn take_default(attrs: &mut Vec<Attribute>, errors: &mut Errors) -> Option<Expr> {
    let mut default = None;
    let mut seen = false;
    attrs.retain(|attr| {
        if !attr.path().is_ident("default") {
            return true;
        }
        if seen {
            errors.at(attr, "a parameter takes one `#[default(..)]`");
            return false;
        }
        seen = true;
        match &attr.meta {
            Meta::List(_) => match attr.parse_args::<Expr>() {
                Ok(expr) => default = Some(expr),
                Err(error) => errors.push(error),
            },
            _ => errors.at(attr, "expected `#[default(value)]`, e.g. `#[default(10)]`"),
        }
        false
    });
    default
}
