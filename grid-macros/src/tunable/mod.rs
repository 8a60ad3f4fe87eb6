//! `#[tunable]`: from a build function to a typed parameter struct.
//!
//! `ast` is what the macro reads, `attr` the `#[default(..)]` attribute, `check` sorts the
//! function's parameters and reports what cannot be turned into fields, `model` works out the
//! struct's fields, `expand` writes the struct, its impls and the alias `grid!` names it
//! through.

pub(crate) mod ast;
mod attr;
mod check;
pub(crate) mod context;
pub(crate) mod expand;
mod model;
