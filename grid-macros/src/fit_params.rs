//! `#[derive(FitParamSet)]`: a struct of fit parameters (as `grid_core::nn::FitParams`) that a
//! build function's output is trained with. It gives each field the hidden accessor `grid!`
//! sets an axis through (`axis::accessor`), and implements `grid::FitParamSet`.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::{Data, DeriveInput, Fields, Path};

use crate::axis;
use crate::errors::Errors;

/// Expands the derive on `input`.
pub(crate) fn expand(input: DeriveInput) -> syn::Result<TokenStream> {
    let mut errors = Errors::default();
    let krate = container_crate(&input, &mut errors);
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new_spanned(&input.ident, "`FitParamSet` is derived on a struct"));
    };
    let Fields::Named(fields) = &data.fields else {
        return Err(syn::Error::new_spanned(&input.ident, "`FitParamSet` needs named fields"));
    };
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let mut accessors = Vec::new();
    let mut names = Vec::new();
    let mut shows = Vec::new();
    let mut entries = Vec::new();
    for field in &fields.named {
        let field_ident = field.ident.as_ref().expect("named field");
        let name = syn::ext::IdentExt::unraw(field_ident).to_string();
        let ty = &field.ty;
        let accessor = axis::accessor(field_ident);
        accessors.push(quote! {
            #[doc(hidden)]
            pub fn #accessor(&mut self) -> &mut #ty {
                &mut self.#field_ident
            }
        });
        let show = match field_show(field, &mut errors) {
            Some(path) => quote!(#path(&self.#field_ident)),
            None => quote!(::std::format!("{:?}", self.#field_ident)),
        };
        shows.push(quote!(#name => ::core::option::Option::Some(#show),));
        entries.push(
            quote!(#krate::__serde::ser::SerializeMap::serialize_entry(map, #name, &self.#field_ident)?;),
        );
        names.push(name);
    }
    let errors = errors.to_compile_errors();
    Ok(quote! {
        #errors
        impl #impl_generics #ident #ty_generics #where_clause {
            #(#accessors)*
        }

        impl #impl_generics #krate::grid::FitParamSet for #ident #ty_generics #where_clause {
            const NAMES: &'static [&'static str] = &[#(#names),*];

            fn show(&self, name: &str) -> ::core::option::Option<::std::string::String> {
                match name {
                    #(#shows)*
                    _ => ::core::option::Option::None,
                }
            }

            fn serialize_fields<__M: #krate::__serde::ser::SerializeMap>(
                &self,
                map: &mut __M,
            ) -> ::core::result::Result<(), __M::Error> {
                #(#entries)*
                ::core::result::Result::Ok(())
            }
        }
    })
}

/// `#[fit_params(crate = path)]`: the path of grid-core (`crate` inside it); by default the
/// facade's.
fn container_crate(input: &DeriveInput, errors: &mut Errors) -> TokenStream {
    let mut krate = quote!(::gridcv::__private::grid_core);
    for attr in input.attrs.iter().filter(|attr| attr.path().is_ident("fit_params")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                krate = meta.value()?.parse::<Path>()?.to_token_stream();
                Ok(())
            } else {
                Err(meta.error("expected `crate = path`"))
            }
        });
        if let Err(error) = result {
            errors.push(error);
        }
    }
    krate
}

/// `#[fit_params(show = path)]` on a field: a `fn(&T) -> String` that shows it in results.
fn field_show(field: &syn::Field, errors: &mut Errors) -> Option<Path> {
    let mut show = None;
    for attr in field.attrs.iter().filter(|attr| attr.path().is_ident("fit_params")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("show") {
                show = Some(meta.value()?.parse::<Path>()?);
                Ok(())
            } else {
                Err(meta.error("expected `show = path`"))
            }
        });
        if let Err(error) = result {
            errors.push(error);
        }
    }
    show
}
