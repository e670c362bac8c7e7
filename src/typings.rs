//! TypeScript declarations generated from the catalog (`generated/api.d.ts`). A test keeps the
//! committed file equal to what the catalog says; `UPDATE_TYPINGS=1 cargo test` rewrites it.

pub fn generate() -> String {
    String::new()
}
