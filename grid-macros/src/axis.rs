//! How `grid!` reaches an axis: through a hidden accessor named after it, which `#[tunable]`
//! gives each parameter of the build function and `#[derive(FitParamSet)]` each fit parameter.
//! The parameter struct derefs to its fit parameters, so a method call finds the build
//! function's parameter first, then the fit parameter; an axis that is neither finds the
//! fallback `grid!` defines (`fallback`), whose unmet bound is one error at the axis saying why.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::{paths, spans};

/// `__grid_axis_units` for the parameter `units` (`r#type` gives `__grid_axis_type`).
pub(crate) fn accessor(name: &Ident) -> Ident {
    let unraw = syn::ext::IdentExt::unraw(name).to_string();
    format_ident!("__grid_axis_{}", unraw, span = name.span())
}

/// The fallback for axis `name` of the grid of `function`, defined in the grid's block: a
/// trait with the accessor's name implemented for every fit-parameter struct, which a method
/// call reaches only when neither the build function nor its output's fit parameters have
/// that name. Its bound is never met, and the error says why.
pub(crate) fn fallback(name: &Ident, function: &str) -> TokenStream {
    let grid = paths::grid();
    let unraw = syn::ext::IdentExt::unraw(name).to_string();
    let accessor = accessor(name);
    let (trait_ident, why) =
        (format_ident!("__GridAxis_{}", unraw), format_ident!("__GridAxisWhy_{}", unraw));
    let message = format!(
        "`{unraw}` is neither a parameter of `{function}` nor a fit parameter of what it returns: \
         the grid would search it for nothing"
    );
    let label = format!("`{function}` returns `{{R}}`, trained with `{{F}}`, which has no `{unraw}`");
    // At the axis, so that the notes rustc adds about the fallback point there too.
    let fallback = quote! {
        #[allow(non_camel_case_types)]
        #[diagnostic::on_unimplemented(message = #message, label = #label)]
        trait #why<R: ?Sized, F: ?Sized> {}
        #[allow(non_camel_case_types)]
        trait #trait_ident {
            fn #accessor<__W>(&mut self) -> &mut __W
            where
                (): #why<<__Params as #grid::Tunable>::Output, Self>;
        }
        impl<__F: #grid::FitParamSet> #trait_ident for __F {
            fn #accessor<__W>(&mut self) -> &mut __W
            where
                (): #why<<__Params as #grid::Tunable>::Output, Self>,
            {
                ::core::unreachable!()
            }
        }
    };
    spans::respan(fallback, name.span())
}
