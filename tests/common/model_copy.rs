// A copy of the model with one edit, loaded by the build's reader: how the build tests check that a
// broken entry is refused with the entry named. Included after `build_modules.rs` (it needs `model`).

/// The model's directory in the source tree.
#[allow(dead_code)]
fn model_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("model")
}

/// Loads a copy of the model with the first `from` replaced by `to` in `file`.
#[allow(dead_code)]
fn load_with(file: &str, from: &str, to: &str) -> Result<model::Set, String> {
    let dir = std::env::temp_dir().join(format!("ncloud-model-{}-{}", std::process::id(), fastrand::u64(..)));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for entry in std::fs::read_dir(model_dir()).expect("model/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|x| x == "toml") {
            let name = path.file_name().expect("name");
            let mut text = std::fs::read_to_string(&path).expect("read");
            if name == file {
                assert!(text.contains(from), "{file} has no '{from}'");
                text = text.replacen(from, to, 1);
            }
            std::fs::write(dir.join(name), text).expect("write");
        }
    }
    let out = model::load(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    out
}
