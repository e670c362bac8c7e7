//! TypeScript declarations generated from the model (`generated/api.d.ts`). A test keeps the committed
//! file equal to what the model says; `UPDATE_TYPINGS=1 cargo test typings` rewrites it.
//!
//! Everything comes from the tables: the item models, inputs, actions (their parameters, answers and
//! method paths), waiters and paginators of the catalog, and the old clients' method lists
//! ([`source`]); the old client's result shapes are found by running its conversions ([`probe`]). No
//! action, method or surface is named here: a surface that appears in the model appears in the typings.
//!
//! - [`writer`]: text, doc comments, names (a name generated twice is an error);
//! - [`options`]: the shared declarations (callback, call options, generic method types, envelope);
//! - [`models`]: item models, code sets, the old client's shapes; [`actions`]: parameters and answers;
//! - [`surfaces`]: the client's surfaces from the method paths, with [`waiters`] and paginators;
//!   [`v0`]: the old 0.1.x client's methods (helpers, items, parameters); [`v1`]: the old 1.x client's
//!   surfaces.
//!
//! Typing choices:
//! - result ids (`...No`) are `string`, as the API and the decoder give them; the old client's methods
//!   give them as numbers (`NumericId`), as it did;
//! - 64-bit fields (sizes) are `Long` (`number`): the decoder hands a value beyond 2^53 - 1 over as
//!   text, which no real size reaches, so one alias says so instead of every caller narrowing;
//! - result fields are optional (`?:`) except those the API always returns and the lists, which the
//!   decoder always sets;
//! - parameters: see [`actions`]. Every surface member is one line of a shared generic type
//!   (`Method<P, R>` ...), so that ~200 actions stay cheap to read and to type-check.

mod actions;
mod models;
mod options;
mod probe;
mod source;
mod surfaces;
mod v0;
mod v1;
mod waiters;
mod writer;

use crate::catalog::ACTIONS;
use probe::Struct;
use std::collections::HashMap;

#[derive(Default)]
struct Gen {
    w: writer::Writer,
    /// The old 0.1.x client's methods (`compute.*`, `management.monitoring.*` ...).
    compat: Vec<source::CompatMethod>,
    /// Interfaces made for the old client's shapes: (name, shape, doc), written in order.
    shapes: Vec<(String, Struct, Vec<String>)>,
    emitted_shapes: usize,
    /// The models' own shapes, probed once each.
    plain: HashMap<&'static str, Struct>,
}

/// Builds the text of `generated/api.d.ts`.
pub fn generate() -> String {
    let mut g = Gen {
        compat: source::compat_methods(),
        ..Gen::default()
    };
    g.header();
    g.waiter_options();
    g.v0_helpers();
    g.action_names();
    g.codes();
    g.models();
    g.compat_shapes();
    g.inputs();
    for action in ACTIONS {
        g.params(action);
        g.response(action);
    }
    g.compat_params();
    g.v0_params();
    g.surfaces();
    g.v1();
    assert_eq!(
        g.emitted_shapes,
        g.shapes.len(),
        "typings: a shape of the old client was named after its interfaces were written"
    );
    g.w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typings_are_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("generated/api.d.ts");
        let text = generate();
        if std::env::var("UPDATE_TYPINGS").as_deref() == Ok("1") {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &text).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == text,
            "generated/api.d.ts is not what the model says: run `UPDATE_TYPINGS=1 cargo test typings` and commit the result"
        );
    }
}
