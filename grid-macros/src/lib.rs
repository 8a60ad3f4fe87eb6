//! The macros of gridcv: `#[tunable]` and `grid!`.

use proc_macro::TokenStream;

/// Placeholder.
#[proc_macro_attribute]
pub fn tunable(_args: TokenStream, input: TokenStream) -> TokenStream {
    input
}

/// Placeholder.
#[proc_macro]
pub fn grid(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}
