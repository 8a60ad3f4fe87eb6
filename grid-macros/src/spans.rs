//! Giving generated tokens the span of a user's token, so that rustc reports an error about
//! them there.

use proc_macro2::{Group, Span, TokenStream, TokenTree};

/// `tokens`, every one of them (nested ones too) spanned at `span`.
pub(crate) fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|token| match token {
            TokenTree::Group(group) => {
                let mut respanned = Group::new(group.delimiter(), respan(group.stream(), span));
                respanned.set_span(span);
                TokenTree::Group(respanned)
            }
            mut token => {
                token.set_span(span);
                token
            }
        })
        .collect()
}
