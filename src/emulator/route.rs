//! Routing one call: its parameters checked against the model, then its handler, or the one look-up
//! for the actions that are look-ups by convention. The `match` over every action is generated from
//! the model (`build/emit.rs`, `$OUT_DIR/dispatch.rs`), so an action that is not a look-up does not
//! compile without its handler `<api>::<group>::<action in snake case>`.

use super::handler::{Answer, Cx};
use super::lookup::{Filter, How, Lookup};
use super::model::Kind;
use super::state::{Row, Rows};

mod generated {
    use super::*;
    use crate::catalog::ActionId;
    include!(concat!(env!("OUT_DIR"), "/dispatch.rs"));
}

pub use generated::BY_CONVENTION;

/// A store's or a list's rows, for a look-up.
fn rows<R: Rows>(r: &R) -> Vec<Row<'_>> {
    r.rows()
}

/// Answers one call: its parameters checked against the model, then its handler or look-up.
pub fn dispatch(cx: &mut Cx<'_>) -> Answer {
    cx.check()?;
    generated::dispatch(cx)
}

#[cfg(test)]
mod tests {
    use super::BY_CONVENTION;

    /// A look-up by convention is answered by `lookup::answer`: a handler written for it would never
    /// run, so none may exist.
    #[test]
    fn a_look_up_by_convention_has_no_handler() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/emulator");
        let mut stray = Vec::new();
        for (api, group, handler) in BY_CONVENTION {
            let file = root.join(api).join(format!("{group}.rs"));
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            if text.contains(&format!("fn {handler}(")) {
                stray.push(format!("{}: {handler}", file.display()));
            }
        }
        assert!(BY_CONVENTION.len() > 20, "{}", BY_CONVENTION.len());
        assert!(
            stray.is_empty(),
            "handlers of look-ups by convention (delete them): {stray:#?}"
        );
    }
}
