//! Compile errors of `#[tunable]` and `grid!`: each mistake is reported once, at the user's
//! token, without cascading errors. The expected messages are the `.stderr` files beside each
//! case (regenerate with `TRYBUILD=overwrite cargo test -p gridcv --test ui`, then read them).
//! They are rustc's output verbatim, so they hold for the toolchain `rust-toolchain.toml` pins.

#[test]
fn ui() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}

/// The `.stderr` files were written with the pinned toolchain: the one running must be it (a
/// newer rustc words its errors differently, and would fail `ui` for every contributor).
#[test]
fn the_toolchain_is_the_pinned_one() {
    let root = env!("CARGO_MANIFEST_DIR");
    let pin = std::fs::read_to_string(format!("{root}/rust-toolchain.toml")).expect("rust-toolchain.toml");
    let channel = pin
        .lines()
        .find_map(|line| line.trim().strip_prefix("channel = "))
        .map(|value| value.trim_matches('"').to_string())
        .expect("a `channel = \"..\"` line");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let output = std::process::Command::new(rustc).current_dir(root).arg("--version").output().unwrap();
    let version = String::from_utf8(output.stdout).unwrap();
    assert!(version.starts_with(&format!("rustc {channel} ")), "pinned {channel}, running {version}");
}
