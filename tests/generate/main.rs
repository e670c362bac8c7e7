//! What is generated from the model for people to read: the TypeScript declarations
//! (`generated/api.d.ts`, whose doc comments are what an editor shows on hover) and the reference
//! (`docs/reference/*.md`). One generator, a test target that links the crate, so that none of it is
//! compiled into the library that ships.
//!
//! It reads the catalog the build made from `model/*.toml` (`build.rs`), the old clients' tables
//! (`model/surfaces.toml`, through `ncloud::compat::table`) and the words of `model/descriptions.toml`
//! ([`descriptions`]). `cargo test --test generate` fails when a committed file is not what the model
//! says; `UPDATE_GENERATED=1 cargo test --test generate` rewrites them.
//!
//! - [`typings`] writes `generated/api.d.ts`;
//! - [`reference`] writes one page per API, a page of the old clients' methods and an index;
//! - [`descriptions`] reads the parameters' and fields' descriptions, and tests that every one has one;
//! - [`words`] holds the sentences both say alike.

mod descriptions;
mod reference;
mod typings;
mod words;

use std::path::{Path, PathBuf};

/// Every generated file: its path from the repository's root and its text.
fn generated() -> Vec<(PathBuf, String)> {
    let mut out = vec![(PathBuf::from("generated/api.d.ts"), typings::generate())];
    out.extend(reference::pages());
    out
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn generated_files_are_current() {
    let update = std::env::var("UPDATE_GENERATED").as_deref() == Ok("1");
    let files = generated();
    let mut stale = Vec::new();
    for (path, text) in &files {
        let full = root().join(path);
        let committed = std::fs::read_to_string(&full).unwrap_or_default();
        if committed == *text {
            continue;
        }
        if update {
            std::fs::create_dir_all(full.parent().expect("a directory")).expect("a writable directory");
            std::fs::write(&full, text).expect("a writable file");
        } else {
            stale.push(path.display().to_string());
        }
    }
    // A page the model no longer makes (an API removed) is removed too.
    let dir = root().join(reference::DIR);
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let path = Path::new(reference::DIR).join(entry.file_name());
        if !files.iter().any(|(p, _)| *p == path) {
            if update {
                std::fs::remove_file(entry.path()).expect("a removable file");
            } else {
                stale.push(format!("{} (not generated any more)", path.display()));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "not what the model says: {}\nrun `UPDATE_GENERATED=1 cargo test --test generate` and commit the result",
        stale.join(", ")
    );
}
