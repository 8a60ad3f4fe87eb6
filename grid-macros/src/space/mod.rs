//! `space!`: a typed search space over the parameters of a `#[tunable]` function.
//!
//! `parse` reads `path { axis: value, .. }` where a value is a list `[a, b]` or any
//! expression (a distribution), recovering after a malformed axis; `check` drops repeated
//! axes and empty lists and reports what literals show wrong (a reversed range, a
//! non-positive log bound); `expand` writes the static axes and the closure drawing one
//! candidate as a struct literal.

mod check;
pub(crate) mod expand;
pub(crate) mod parse;
