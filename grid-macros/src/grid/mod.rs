//! `grid!`: a typed grid of the parameters of a `#[tunable]` function.
//!
//! `parse` reads `path { axis: [values], .. } | { .. }`, recovering after a malformed axis;
//! `check` drops duplicate axes and empty value lists; `expand` writes the static shape and
//! the closure building one candidate as a struct literal.

mod check;
pub(crate) mod expand;
pub(crate) mod parse;
