//! The core's layers, checked: each top-level module of `src/` may use only the modules listed for it
//! here (its own submodules aside). A `use crate::…` or `crate::…::` path to anything else fails this
//! test, so that a lower layer never reaches up into a higher one (the emulator, in particular, keeps
//! its own reading of requests: it never uses the client's validation, service or transport).
//! Test code (from a `#[cfg(test)]` line on) is not checked.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Module -> the modules it may use, lowest layers first.
const ALLOWED: &[(&str, &[&str])] = &[
    // The core's allocator (Linux, glibc): below everything, using nothing.
    ("alloc", &[]),
    ("error", &[]),
    // NCP's sites (the catalog's hosts are indexed by them): using nothing.
    ("site", &[]),
    ("catalog", &["site"]),
    ("validate", &["catalog", "error"]),
    // The old clients' tables, checks and result shapes (their calls are the service's).
    ("compat", &["catalog", "error", "validate"]),
    ("encoding", &["catalog", "validate", "error"]),
    ("signing", &["encoding"]),
    ("wire", &["catalog", "compat", "error"]),
    ("retry", &["error"]),
    // The per-thread closing of clients and emulators (a Node environment's clean-up hook).
    ("lifetime", &[]),
    (
        "transport",
        &[
            "catalog", "encoding", "error", "lifetime", "retry", "signing", "site", "wire",
        ],
    ),
    (
        "service",
        &[
            "catalog",
            "compat",
            "encoding",
            "error",
            "transport",
            "validate",
            "wire",
        ],
    ),
    (
        "emulator",
        &["catalog", "encoding", "error", "lifetime", "signing", "site", "wire"],
    ),
    ("typings", &["catalog", "compat", "service", "wire"]),
    (
        "bindings",
        &[
            "catalog",
            "compat",
            "emulator",
            "encoding",
            "error",
            "lifetime",
            "retry",
            "service",
            "signing",
            "site",
            "transport",
            "typings",
            "validate",
            "wire",
        ],
    ),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// `src/wire/out.rs` -> `wire`; `src/lib.rs` -> `lib`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src");
    let first = rel.components().next().expect("a component");
    let name = first.as_os_str().to_string_lossy();
    name.trim_end_matches(".rs").to_string()
}

/// Every `crate::name` in the file's non-test code, with its line number.
fn uses(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push((n + 1, name));
            }
        }
        // `use crate::{a, b}` lists.
        if let Some(at) = code.find("crate::{") {
            let inner = &code[at + "crate::{".len()..];
            for part in inner.split([',', '}']) {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.push((n + 1, name));
                }
            }
        }
    }
    out
}

#[test]
fn no_module_reaches_above_its_layer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("src");
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut failures = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        if module == "lib" {
            continue;
        }
        let Some(may) = allowed.get(module.as_str()) else {
            failures.push(format!(
                "{}: module '{module}' is not in tests/layers.rs",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("readable source");
        for (line, used) in uses(&text) {
            if used == module || used.is_empty() {
                continue;
            }
            if !may.contains(&used.as_str()) {
                failures.push(format!(
                    "{}:{line}: '{module}' uses crate::{used}, which is not below it",
                    file.strip_prefix(root).unwrap_or(file).display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
