//! Generates the catalog from the model (`model/*.toml`, see `model/README.md`): `build/model.rs`
//! reads and checks it, `build/emit.rs` writes it as Rust into `$OUT_DIR`; `build/kinds.rs` and
//! `build/emit_kinds.rs` do the same for the emulator's resource kinds (records, stores, facts); `build/surfaces.rs` and
//! `build/emit_surfaces.rs` do the same for the old clients' methods (`model/surfaces.toml`).

#[path = "build/checks.rs"]
mod checks;
#[path = "build/emit.rs"]
mod emit;
#[path = "build/emit_console.rs"]
mod emit_console;
#[path = "build/emit_kinds.rs"]
mod emit_kinds;
#[path = "build/emit_surfaces.rs"]
mod emit_surfaces;
#[path = "build/kinds.rs"]
mod kinds;
#[path = "build/life.rs"]
mod life;
#[path = "build/lookups.rs"]
mod lookups;
#[path = "build/model.rs"]
mod model;
/// NCP's sites: the model's `[api] hosts` name them (the crate's own declaration, read here too).
#[path = "src/site.rs"]
#[allow(dead_code)]
mod site;
#[path = "build/specs.rs"]
mod specs;
#[path = "build/surfaces.rs"]
mod surfaces;
#[path = "build/surfaces_v1.rs"]
mod surfaces_v1;

use std::path::Path;

fn main() {
    napi_build::setup();
    println!("cargo:rerun-if-changed=model");
    println!("cargo:rerun-if-changed=build");
    // Read at run time: the build script's binary may be shared between checkouts.
    let root = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&root).join("model");
    let set = match model::load(&dir) {
        Ok(set) => set,
        Err(e) => {
            // One line naming the file and entry; the build stops here.
            eprintln!("error: {e}");
            println!("cargo:warning=model: {e}");
            std::process::exit(1);
        }
    };
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let catalog = emit::catalog(&set).unwrap_or_else(|e| {
        println!("cargo:warning=model: {e}");
        std::process::exit(1);
    });
    write(&out.join("catalog.rs"), &catalog);
    write(&out.join("dispatch.rs"), &emit::dispatch(&set));
    write(&out.join("lookups.rs"), &emit::lookups(&set));
    write(&out.join("records.rs"), &emit_kinds::records(&set));
    write(&out.join("world.rs"), &emit_kinds::world(&set));
    write(&out.join("console.rs"), &emit_console::console(&set));
    // The old clients' methods, checked against the model.
    let old = surfaces::load(&dir, &set).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        println!("cargo:warning=model: {e}");
        std::process::exit(1);
    });
    write(&out.join("surfaces.rs"), &emit_surfaces::surfaces(&set, &old));
}

/// Writes only when the text changed, so that an unchanged model does not rebuild the crate.
fn write(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() == Some(text) {
        return;
    }
    if let Err(e) = std::fs::write(path, text) {
        println!("cargo:warning=could not write {}: {e}", path.display());
        std::process::exit(1);
    }
}
