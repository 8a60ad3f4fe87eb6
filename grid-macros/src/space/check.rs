//! The mistakes `space!` can see itself: a repeated axis, an empty list, and what literal
//! bounds show wrong (a reversed or empty range, `uniform(b, a)`, a `log_uniform` bound not
//! above 0). Each is reported at its token and the axis dropped, so the rest still expands.
//! Unknown axes and wrong types are left to rustc, at the user's tokens.

use syn::{Expr, ExprCall, ExprRange, Lit, RangeLimits, UnOp};

use super::parse::{AxisInput, AxisValue};
use crate::errors::Errors;

/// The axes after the checks, sorted by name.
pub(crate) fn axes(axes: Vec<AxisInput>, errors: &mut Errors) -> Vec<AxisInput> {
    let mut kept: Vec<AxisInput> = Vec::with_capacity(axes.len());
    let mut seen: Vec<String> = Vec::with_capacity(axes.len());
    for axis in axes {
        if seen.contains(&axis.name) {
            errors.at(&axis.ident, format_args!("the axis `{}` is given twice in this space", axis.name));
            continue;
        }
        seen.push(axis.name.clone());
        let ok = match &axis.value {
            AxisValue::List { bracket, values } if values.is_empty() => {
                let message = format!(
                    "the axis `{}` has no value: give at least one, as `{0}: [a, b]`, or a distribution",
                    axis.name
                );
                errors.push(syn::Error::new(*bracket, message));
                false
            }
            AxisValue::List { .. } => true,
            AxisValue::Distribution(expr) => check_distribution(&axis.name, expr, errors),
        };
        if ok {
            kept.push(axis);
        }
    }
    // scikit-learn's ParameterSampler draws the axes in sorted order.
    kept.sort_by(|a, b| a.name.cmp(&b.name));
    kept
}

/// `true` when nothing is visibly wrong with the distribution.
fn check_distribution(name: &str, expr: &Expr, errors: &mut Errors) -> bool {
    match expr {
        Expr::Range(range) => check_range(name, range, errors),
        Expr::Call(call) => match helper(call) {
            Some(helper) => check_helper(name, helper, call, errors),
            None => true,
        },
        Expr::Paren(inner) => check_distribution(name, &inner.expr, errors),
        _ => true,
    }
}

fn check_range(name: &str, range: &ExprRange, errors: &mut Errors) -> bool {
    let (Some(start), Some(end)) = (&range.start, &range.end) else {
        errors.at(range, format_args!("the range of `{name}` needs both ends, as `{name}: 8..=64`"));
        return false;
    };
    let (Some(low), Some(high)) = (number(start), number(end)) else {
        return true; // bounds computed at run time are checked before any draw
    };
    let inclusive = matches!(range.limits, RangeLimits::Closed(_));
    let empty = if inclusive { low > high } else { low >= high };
    if empty {
        let what = if low > high { "reversed" } else { "empty" };
        errors.at(range, format_args!("the range of `{name}` is {what}: it has no value to draw"));
        return false;
    }
    true
}

/// The distributions `space!` knows by name, written without a path.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Helper {
    Uniform,
    LogUniform,
}

/// `uniform(..)` or `log_uniform(..)`, called by its bare name.
pub(crate) fn helper(call: &ExprCall) -> Option<Helper> {
    let Expr::Path(path) = &*call.func else { return None };
    if path.qself.is_some() || path.path.segments.len() != 1 {
        return None;
    }
    match path.path.segments[0].ident.to_string().as_str() {
        "uniform" => Some(Helper::Uniform),
        "log_uniform" => Some(Helper::LogUniform),
        _ => None,
    }
}

fn check_helper(name: &str, helper: Helper, call: &ExprCall, errors: &mut Errors) -> bool {
    let function = if helper == Helper::Uniform { "uniform" } else { "log_uniform" };
    if call.args.len() != 2 {
        errors.at(call, format_args!("`{function}` takes two bounds, as `{name}: {function}(1e-4, 1e-1)`"));
        return false;
    }
    let (Some(low), Some(high)) = (number(&call.args[0]), number(&call.args[1])) else {
        return true;
    };
    if helper == Helper::LogUniform && low <= 0.0 {
        errors.at(&call.args[0], format_args!("the lower bound of `{function}` must be above 0, as `1e-4`"));
        return false;
    }
    if low >= high {
        let what = if low > high { "reversed" } else { "empty" };
        errors.at(
            &call.args,
            format_args!("the bounds of `{name}` are {what}: `{function}(low, high)` needs low < high"),
        );
        return false;
    }
    true
}

/// The value of a numeric literal, possibly negated.
fn number(expr: &Expr) -> Option<f64> {
    match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Int(int) => int.base10_parse::<i128>().ok().map(|v| v as f64),
            Lit::Float(float) => float.base10_parse::<f64>().ok(),
            _ => None,
        },
        Expr::Unary(unary) if matches!(unary.op, UnOp::Neg(_)) => number(&unary.expr).map(|v| -v),
        Expr::Paren(inner) => number(&inner.expr),
        Expr::Group(group) => number(&group.expr),
        _ => None,
    }
}
