//! Compile errors of `#[tunable]` and `grid!`: each mistake is reported once, at the user's
//! token, without cascading errors. The expected messages are the `.stderr` files beside each
//! case (regenerate with `TRYBUILD=overwrite cargo test -p gridcv --test ui`, then read them).

#[test]
fn ui() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
