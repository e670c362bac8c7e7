//! The core's layers, checked: each top-level module of `src/` may use only the modules listed for it
//! here (its own submodules aside). A `use crate::…` or `crate::…::` path to anything else fails this
//! test, so that a lower layer never reaches up into a higher one (the emulator, in particular, keeps
//! its own reading of requests: it never uses the client's validation, service or transport).
//! Inside `src/emulator` the same holds one level down ([`EMULATOR`]): every module path (`super::…`,
//! `crate::emulator::…`, `self::…`) is resolved to the file it names; a module may use only those
//! below it, and no files use each other in a circle.
//! Test code (from a `#[cfg(test)]` line on, and modules declared `#[cfg(test)]`) is not checked.

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
            "validate",
            "wire",
        ],
    ),
];

/// The emulator's modules, lowest first: each may use only those before it (and its own submodules).
const EMULATOR: &[&str] = &[
    // Declarations: the records and kinds the model generates, the codes, the request checks.
    "model",
    "how",
    "crypto",
    "faults",
    "rules",
    // The NCP site it plays: its regions (under the default state) and the hosts it answers on.
    "site",
    // State and its life cycles.
    "state",
    "shared",
    // Answers, and what every handler works with.
    "reply",
    "render",
    "handler",
    "lookup",
    // The APIs, each above those it builds on (the VPC server API on the VPC network and on the
    // Classic look-ups it shares).
    "geolocation",
    "vpc",
    "server",
    "vserver",
    "loadbalancer",
    "monitoring",
    // Routing a call to its handler, the gateway, chaos, the call, the HTTP side.
    "route",
    "gateway",
    "chaos",
    "call",
    // What the owner does to a running emulator, and the console that does it from a browser.
    "control",
    "console",
    "http",
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

/// A file's module path below `src/` (`src/emulator/vserver/acgs.rs` -> `[emulator, vserver, acgs]`;
/// a `mod.rs` is its directory's module).
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The file of a module path, the longest prefix of it that is one.
fn file_of(src: &Path, path: &[String]) -> Option<PathBuf> {
    (1..=path.len()).rev().find_map(|k| {
        let base = path[..k].iter().fold(src.to_path_buf(), |p, seg| p.join(seg));
        let file = base.with_extension("rs");
        let dir = base.join("mod.rs");
        [file, dir].into_iter().find(|f| f.is_file())
    })
}

/// The modules a file declares `#[cfg(test)]` (test code, not checked).
fn test_modules(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    lines
        .windows(2)
        .filter(|w| w[0] == "#[cfg(test)]")
        .filter_map(|w| {
            let rest = w[1].strip_prefix("pub ").unwrap_or(w[1]);
            let name = rest.strip_prefix("mod ")?.trim_end_matches(';');
            (!name.contains('{')).then(|| name.trim().to_string())
        })
        .collect()
}

/// Every module path a file's non-test code names: `crate::emulator::a::b`, `super::…`, `self::…`,
/// and the names of a `{ … }` list after one, resolved against the module the line is in (the
/// file's own, or an inline `mod name { … }` inside it).
fn paths(module: &[String], text: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    // Inline modules open on this line: (name, the brace depth they close at).
    let mut inline: Vec<(String, i32)> = Vec::new();
    let mut depth = 0i32;
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let code = line.split("//").next().unwrap_or_default();
        let here: Vec<String> = module
            .iter()
            .cloned()
            .chain(inline.iter().map(|(m, _)| m.clone()))
            .collect();
        let chars: Vec<char> = code.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let starts_word = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_' || chars[i - 1] == ':');
            let rest: String = chars[i..].iter().collect();
            if !(starts_word && ["crate::", "super::", "self::"].iter().any(|p| rest.starts_with(p))) {
                i += 1;
                continue;
            }
            // The path: identifiers joined by `::`, up to a `{` list or anything else.
            let mut segs: Vec<String> = Vec::new();
            let mut j = i;
            loop {
                let ident: String = chars[j..]
                    .iter()
                    .take_while(|c| c.is_alphanumeric() || **c == '_')
                    .collect();
                if ident.is_empty() {
                    break;
                }
                j += ident.chars().count();
                segs.push(ident);
                if chars[j..].starts_with(&[':', ':']) {
                    j += 2;
                } else {
                    break;
                }
            }
            if let Some(base) = resolve(&here, &segs) {
                if chars.get(j) == Some(&'{') {
                    let list: String = chars[j + 1..].iter().take_while(|c| **c != '}').collect();
                    for item in list.split(',') {
                        let name: String = item
                            .trim()
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        if !name.is_empty() && name != "self" {
                            out.push((n + 1, base.iter().cloned().chain([name]).collect()));
                        }
                    }
                }
                out.push((n + 1, base));
            }
            i = j.max(i + 1);
        }
        // `mod name {` opens an inline module; braces close it.
        let words: Vec<&str> = code.split_whitespace().collect();
        if let Some(at) = words.iter().position(|w| *w == "mod") {
            if words.get(at + 2) == Some(&"{") {
                inline.push((words[at + 1].to_string(), depth));
            }
        }
        depth += code.matches('{').count() as i32 - code.matches('}').count() as i32;
        while inline.last().is_some_and(|(_, d)| depth <= *d) {
            inline.pop();
        }
    }
    out
}

/// `crate::a::b` / `super::…` / `self::…` as an absolute module path from `src/` (`None` when it
/// leaves the crate).
fn resolve(here: &[String], segs: &[String]) -> Option<Vec<String>> {
    let mut it = segs.iter().peekable();
    let mut base: Vec<String> = match it.next()?.as_str() {
        "crate" => Vec::new(),
        "self" => here.to_vec(),
        "super" => here.get(..here.len().checked_sub(1)?)?.to_vec(),
        _ => return None,
    };
    while it.peek().is_some_and(|s| s.as_str() == "super") {
        it.next();
        base.pop();
    }
    base.extend(it.cloned());
    Some(base)
}

/// The layer of an emulator file: its module below `emulator` (`None` for `emulator/mod.rs`).
fn layer(path: &[String]) -> Option<&str> {
    (path.first().map(String::as_str) == Some("emulator")).then(|| path.get(1).map(String::as_str))?
}

#[test]
fn inside_the_emulator_no_module_reaches_up_and_no_files_go_round_in_a_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("src");
    let mut files = Vec::new();
    rust_files(&src.join("emulator"), &mut files);
    files.sort();
    // Modules declared for tests only, and everything below them.
    let mut test_only: Vec<Vec<String>> = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable source");
        let module = module_path(&src, file);
        for m in test_modules(&text) {
            // `mod b;` in `a.rs` or `a/mod.rs` declares `a::b`.
            test_only.push(module.iter().cloned().chain([m]).collect());
        }
    }
    let is_test = |m: &[String]| test_only.iter().any(|t| m.starts_with(t));
    let rank = |l: &str| EMULATOR.iter().position(|x| *x == l);
    let mut failures = Vec::new();
    let mut edges: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for file in &files {
        let module = module_path(&src, file);
        let Some(from) = layer(&module) else { continue };
        if is_test(&module) {
            continue;
        }
        let Some(from_rank) = rank(from) else {
            failures.push(format!(
                "{}: module '{from}' is not in tests/layers.rs EMULATOR",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("readable source");
        for (line, path) in paths(&module, &text) {
            let Some(to) = layer(&path) else { continue };
            let Some(target) = file_of(&src, &path) else { continue };
            let out = edges.entry(file.clone()).or_default();
            if &target != file && !out.contains(&target) {
                out.push(target.clone());
            }
            if to == from {
                continue;
            }
            match rank(to) {
                Some(r) if r < from_rank => {}
                _ => failures.push(format!(
                    "{}:{line}: '{from}' uses {} ('{to}' is not below it)",
                    file.strip_prefix(root).unwrap_or(file).display(),
                    path.join("::")
                )),
            }
        }
    }
    // Circles between files (a file and its own mod.rs re-exporting it aside: `pub mod` is no use).
    let mut state: BTreeMap<PathBuf, u8> = BTreeMap::new();
    fn visit(
        f: &PathBuf,
        edges: &BTreeMap<PathBuf, Vec<PathBuf>>,
        state: &mut BTreeMap<PathBuf, u8>,
        stack: &mut Vec<PathBuf>,
        out: &mut Vec<String>,
    ) {
        state.insert(f.clone(), 1);
        stack.push(f.clone());
        for t in edges.get(f).into_iter().flatten() {
            match state.get(t).copied().unwrap_or(0) {
                0 => visit(t, edges, state, stack, out),
                1 => {
                    let at = stack.iter().position(|x| x == t).unwrap_or(0);
                    let circle: Vec<String> = stack[at..]
                        .iter()
                        .chain(std::iter::once(t))
                        .map(|p| p.display().to_string())
                        .collect();
                    out.push(format!("a circle: {}", circle.join(" -> ")));
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(f.clone(), 2);
    }
    let nodes: Vec<PathBuf> = edges.keys().cloned().collect();
    for f in &nodes {
        if state.get(f).copied().unwrap_or(0) == 0 {
            visit(f, &edges, &mut state, &mut Vec::new(), &mut failures);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
