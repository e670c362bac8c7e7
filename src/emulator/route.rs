//! Routing one call: its parameters checked against the model, then its handler, or the one look-up
//! for the actions that are look-ups by convention. The `match` over every action is generated from
//! the model (`build/emit.rs`, `$OUT_DIR/dispatch.rs`), so an action that is not a look-up does not
//! compile without its handler `<api>::<group>::<action in snake case>`.

use super::handler::{Answer, Cx};

mod generated {
    use super::*;
    use crate::catalog::ActionId;
    include!(concat!(env!("OUT_DIR"), "/dispatch.rs"));
}

pub use generated::BY_CONVENTION;

/// Answers one call: its parameters checked against the model, then its handler or look-up.
pub fn dispatch(cx: &mut Cx<'_>) -> Answer {
    cx.check()?;
    generated::dispatch(cx)
}

#[cfg(test)]
mod tests {
    use super::BY_CONVENTION;
    use crate::catalog::ACTIONS;
    use crate::emulator::lookup;

    /// The text of every file of an API's handlers (a group's module may re-export another file's).
    fn api_text(root: &std::path::Path, api: &str) -> String {
        let mut text = String::new();
        for entry in std::fs::read_dir(root.join(api)).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if name.ends_with(".rs") && !name.starts_with("tests") {
                text.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
                text.push('\n');
            }
        }
        text
    }

    /// `getServerInstanceList` -> `get_server_instance_list`.
    fn snake(name: &str) -> String {
        let mut out = String::new();
        for c in name.chars() {
            if c.is_ascii_uppercase() {
                out.push('_');
                out.push(c.to_ascii_lowercase());
            } else {
                out.push(c);
            }
        }
        out
    }

    /// The body of a handler function, from its `fn` line to the closing brace at its start.
    fn body(text: &str, handler: &str) -> Option<String> {
        let at = text.find(&format!("fn {handler}("))?;
        let rest = &text[at..];
        let end = rest.find("\n}\n").map_or(rest.len(), |e| e + 2);
        Some(rest[..end].to_string())
    }

    /// A handler that answers with the look-up (`lookup::answer_where`) judges the parameters the
    /// convention leaves to it, each of them, and no other: a filter the convention already applies
    /// is not written again.
    #[test]
    fn a_handler_completing_a_look_up_judges_only_what_the_convention_leaves() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/emulator");
        let mut wrong = Vec::new();
        let mut seen = 0;
        for a in ACTIONS {
            let Some(l) = lookup::of(a.id) else { continue };
            let handler = snake(a.name);
            let text = api_text(&root, a.api.name);
            let Some(body) = body(&text, &handler) else { continue };
            if !body.contains("lookup::answer_where") {
                continue;
            }
            seen += 1;
            for f in l.filters {
                if body.contains(&format!("\"{}\"", f.param)) {
                    wrong.push(format!("{handler}: '{}' is the look-up's", f.param));
                }
            }
            for p in l.rest {
                if !body.contains(&format!("\"{p}\"")) {
                    wrong.push(format!("{handler}: '{p}' is judged by no one"));
                }
            }
        }
        assert!(seen >= 5, "{seen}");
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    /// A look-up by convention is answered by `lookup::answer`: a handler written for it would never
    /// run, so none may exist.
    #[test]
    fn a_look_up_by_convention_has_no_handler() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/emulator");
        let mut stray = Vec::new();
        for (api, group, handler) in BY_CONVENTION {
            let text = api_text(&root, api);
            if text.contains(&format!("fn {handler}(")) {
                stray.push(format!("{api}/{group}: {handler}"));
            }
        }
        assert!(BY_CONVENTION.len() > 20, "{}", BY_CONVENTION.len());
        assert!(
            stray.is_empty(),
            "handlers of look-ups by convention (delete them): {stray:#?}"
        );
    }
}
