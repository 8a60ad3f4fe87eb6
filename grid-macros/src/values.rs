//! The scope a grid's values are written in: the variants of the crate's setting enums
//! (`Relu`, `Adam`, `Mse`, ...) are in scope there, so that `activation: [Relu, Tanh]` reads
//! as in Keras, while `gridcv::prelude` exports the enums only (it does not collide with
//! dfdx's prelude, nor with the user's names outside grid values). The facade lists the
//! variants in `gridcv::__private::grid_values`. Any macro that takes grid values (`grid!`,
//! and a sampler's `space!`) writes each value through [`scoped`].

use proc_macro2::TokenStream;
use quote::quote;

/// `value`, evaluated where the variants are in scope (a user's own names still resolve, except
/// one named exactly like a variant: write that one qualified, `my::Mode::Linear`).
pub(crate) fn scoped(value: &impl quote::ToTokens) -> TokenStream {
    quote!({
        #[allow(unused_imports)]
        use ::gridcv::__private::grid_values::*;
        #value
    })
}
