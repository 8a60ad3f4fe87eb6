//! The mistakes `grid!` can see itself: a repeated axis, an empty value list. Each is reported
//! at its token and the axis dropped, so the rest still expands without cascading errors.
//! Unknown axes and wrong-typed values are left to rustc, which reports them at the user's
//! tokens in the struct literal `expand` writes.

use super::parse::{AxisInput, BranchInput};
use crate::errors::Errors;

/// One branch after the checks: its axes sorted by name, without repeats, none empty.
pub(crate) struct Branch {
    pub brace: proc_macro2::Span,
    pub axes: Vec<AxisInput>,
}

/// Checks every branch.
pub(crate) fn branches(branches: Vec<BranchInput>, errors: &mut Errors) -> Vec<Branch> {
    branches.into_iter().map(|branch| check_branch(branch, errors)).collect()
}

fn check_branch(branch: BranchInput, errors: &mut Errors) -> Branch {
    let mut axes: Vec<AxisInput> = Vec::with_capacity(branch.axes.len());
    let mut seen: Vec<String> = Vec::with_capacity(branch.axes.len());
    for axis in branch.axes {
        if seen.contains(&axis.name) {
            errors.at(&axis.ident, format_args!("the axis `{}` is given twice in this grid", axis.name));
            continue;
        }
        seen.push(axis.name.clone());
        if axis.values.is_empty() && axis.runtime.is_none() {
            let message =
                format!("the axis `{}` has no value: give at least one, as `{0}: [a, b]`", axis.name);
            errors.push(syn::Error::new(axis.bracket, message));
        } else {
            axes.push(axis);
        }
    }
    // scikit-learn's ParameterGrid order: axes sorted by name (Python compares code points,
    // as Rust's `str` order does).
    axes.sort_by(|a, b| a.name.cmp(&b.name));
    Branch { brace: branch.brace, axes }
}
