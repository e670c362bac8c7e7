//! The TypeScript declarations (`generated/api.d.ts`), with the doc comments an editor shows on hover:
//! every method's (what it does, what it calls and resolves to, how it is retried, its reference entry)
//! and every parameter's and field's (`model/descriptions.toml`, with the rules of the model).
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
//! - parameters: see [`actions`]. Every surface member is a method with overloads (see [`options`]),
//!   so that its doc comment shows where it is called.

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

use ncloud::catalog::ACTIONS;
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
