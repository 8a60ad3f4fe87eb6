//! Whether `#[tunable]` sits on an associated function: an attribute is not told whether it is
//! in an `impl` or a `trait` block, so this reads the source file where the attribute is
//! written and finds the innermost `{ .. }` block around it.
//!
//! That is enough to give one error, saying to move the function out, instead of rustc's
//! cascade about the struct the macro would declare there. When the file cannot be read (code
//! written by another macro), the answer is "no", and rustc's errors follow as before.

/// `true` when the attribute at `line` (1-based) and `column` (0-based, in chars) of the file
/// `path` is directly inside an `impl` or a `trait` block.
pub(crate) fn in_impl_or_trait(path: &std::path::Path, line: usize, column: usize) -> bool {
    let Ok(source) = std::fs::read_to_string(path) else { return false };
    let Some(offset) = offset_of(&source, line, column) else { return false };
    innermost_block_is_impl(&source[..offset])
}

/// The byte offset of (`line`, `column`).
fn offset_of(source: &str, line: usize, column: usize) -> Option<usize> {
    let start: usize = source.split_inclusive('\n').take(line.checked_sub(1)?).map(str::len).sum();
    let rest = source.get(start..)?;
    let within = rest.char_indices().nth(column).map_or(rest.len(), |(i, _)| i);
    Some(start + within)
}

/// Scans `before` (the source up to the attribute) keeping, for each open `{`, whether the
/// item it opens starts with `impl` or `trait`, skipping comments, strings and characters.
fn innermost_block_is_impl(before: &str) -> bool {
    let bytes = before.as_bytes();
    let mut open: Vec<bool> = Vec::new();
    // The words since the last `;`, `{` or `}`: the head of the item a `{` opens.
    let mut head: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let mut depth = 0;
                while i < bytes.len() {
                    if bytes[i..].starts_with(b"/*") {
                        depth += 1;
                        i += 2;
                    } else if bytes[i..].starts_with(b"*/") {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                continue;
            }
            b'"' => i = skip_string(bytes, i + 1),
            b'r' if raw_string_start(bytes, i).is_some() => {
                let hashes = raw_string_start(bytes, i).unwrap_or(0);
                let close: Vec<u8> = std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
                i += 2 + hashes;
                while i < bytes.len() && !bytes[i..].starts_with(&close) {
                    i += 1;
                }
                i += close.len();
                continue;
            }
            b'\'' => i = skip_char(bytes, i),
            b'{' => {
                open.push(is_impl_head(&head));
                head.clear();
            }
            b'}' => {
                open.pop();
                head.clear();
            }
            b';' => head.clear(),
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                head.push(&before[start..i]);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    open.last().copied().unwrap_or(false)
}

/// The head's first keyword, past attributes' words, `pub`, `unsafe` and `default`.
fn is_impl_head(head: &[&str]) -> bool {
    head.iter()
        .find(|word| !matches!(**word, "pub" | "crate" | "super" | "in" | "unsafe" | "default" | "auto"))
        .is_some_and(|word| matches!(*word, "impl" | "trait"))
}

/// The index past the closing `"` of a string whose content starts at `i`.
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    i
}

/// The number of `#` of a raw string starting at `i` (`r"`, `r#"`, ...), if one does.
fn raw_string_start(bytes: &[u8], i: usize) -> Option<usize> {
    if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_') {
        return None;
    }
    let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
    (bytes.get(i + 1 + hashes) == Some(&b'"')).then_some(hashes)
}

/// Past a character literal at `i` (`'a'`, `'\n'`, `'\u{1F600}'`), or just past the `'` of
/// a lifetime.
fn skip_char(bytes: &[u8], i: usize) -> usize {
    if bytes.get(i + 1) == Some(&b'\\') {
        let mut j = i + 2;
        while j < bytes.len() && bytes[j] != b'\'' {
            j += 1;
        }
        return j;
    }
    // One (possibly multi-byte) character then `'`.
    let len = match bytes.get(i + 1) {
        Some(&b) if b >= 0xF0 => 4,
        Some(&b) if b >= 0xE0 => 3,
        Some(&b) if b >= 0xC0 => 2,
        _ => 1,
    };
    if bytes.get(i + 1 + len) == Some(&b'\'') {
        i + 1 + len
    } else {
        i
    }
}

#[cfg(test)]
mod tests {
    use super::innermost_block_is_impl;

    #[test]
    fn finds_the_innermost_block() {
        assert!(innermost_block_is_impl("struct B;\nimpl B {\n    "));
        assert!(innermost_block_is_impl("unsafe impl<T> Tr for B<T> where T: Copy {\n fn a() {}\n"));
        assert!(innermost_block_is_impl("pub(crate) trait T {\n"));
        assert!(!innermost_block_is_impl("impl B {}\n"));
        assert!(!innermost_block_is_impl("fn f() -> impl Fn() {\n"));
        assert!(!innermost_block_is_impl("impl B { fn f() {\n"));
        assert!(!innermost_block_is_impl("mod m {\n"));
        assert!(!innermost_block_is_impl(
            "impl B { fn f() {} }\n// impl C {\nconst S: &str = \"impl D {\";\n"
        ));
        assert!(innermost_block_is_impl("impl B { const C: char = '{'; fn f<'a>(x: &'a str) {} /* } */\n"));
        assert!(!innermost_block_is_impl("const R: &str = r#\"impl X { \"#;\n"));
    }
}
