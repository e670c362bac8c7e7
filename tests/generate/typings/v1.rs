//! The old 1.x client's surfaces (`client.IaaS.server()` ...), from [`source::v1_surfaces`]
//! (`model/surfaces.toml`): each method is its model action, resolving to the answer without its
//! wrapper (the whole body for `PaaS.geoLocation().geoLocation`); a method 1.1.4 declared but could not
//! call rejects with `ERR_UNSUPPORTED`.

use super::source::{self, params_name, response_name};
use super::writer::pascal;
use super::Gen;
use crate::words;
use ncloud::catalog::Req;
use ncloud::compat::table::V1Shape;
use std::collections::BTreeMap;

/// `IaaS.server()` -> `V1Server`; `IaaS` -> `V1IaaS`.
fn node_name(path: &str) -> String {
    let last = path.rsplit('.').next().unwrap_or(path);
    format!("V1{}", pascal(last.trim_end_matches("()")))
}

impl Gen {
    pub(super) fn v1(&mut self) {
        let surfaces = source::v1_surfaces();
        self.w.blank();
        self.w.doc(
            0,
            &[
                "A method the old 1.x client declared but could not call (`PaaS.containerRegistry()` returned `undefined`"
                    .into(),
                "in 1.1.4): it rejects with `ERR_UNSUPPORTED`.".into(),
            ],
        );
        self.w.export("V1Unsupported");
        self.w.line(
            0,
            "export type V1Unsupported = (params?: Record<string, unknown>) => Promise<never>;",
        );
        // Every node (`IaaS`, `IaaS.server()`) with its children, in the order the surfaces are listed.
        let mut nodes: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        for s in &surfaces {
            let mut path = String::new();
            for seg in s.path.split('.') {
                let parent = path.clone();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(seg);
                if !nodes.contains_key(&path) {
                    nodes.insert(path.clone(), Vec::new());
                    order.push(path.clone());
                    if !parent.is_empty() {
                        nodes.get_mut(&parent).expect("parents come first").push(path.clone());
                    }
                }
            }
        }
        for path in order {
            let name = node_name(&path);
            let served = surfaces.iter().find(|s| s.path == path);
            self.w.blank();
            self.w.doc(
                0,
                &[self.v1_doc(&path, served.map(|s| s.methods.iter().all(|(_, a, _)| a.is_none())))],
            );
            self.w.export(&name);
            self.w.line(0, &format!("export interface {name} {{"));
            for child in &nodes[&path] {
                let seg = child.rsplit('.').next().unwrap_or(child);
                let member = match seg.strip_suffix("()") {
                    Some(getter) => format!("{getter}(): {};", node_name(child)),
                    None => format!("readonly {seg}: {};", node_name(child)),
                };
                let served = surfaces.iter().find(|s| s.path == *child);
                let doc = match served {
                    Some(s) => {
                        let api = s.methods.iter().find_map(|(_, a, _)| a.map(|a| a.api.title));
                        match api {
                            Some(api) => format!(
                                "The old 1.x client's `client.{child}`: the {api} API's actions as 1.1.4 named them, each resolving to the API's answer (a fresh object each call, as in 1.x)."
                            ),
                            None => format!(
                                "The old 1.x client's `client.{child}`, which 1.1.4 could not call: its methods reject with `ERR_UNSUPPORTED`."
                            ),
                        }
                    }
                    None => format!("The old 1.x client's `client.{child}`."),
                };
                self.w.doc(1, &[doc]);
                self.w.line(1, &member);
            }
            if let Some(s) = served {
                for (method, action, row) in &s.methods {
                    let Some(action) = action else {
                        self.w.doc(
                            1,
                            &[
                                format!("`client.{path}.{method}` of the old 1.x client, which 1.1.4 declared but could not call."),
                                "It rejects with `ERR_UNSUPPORTED`.".into(),
                                format!("@see {}", crate::reference::old_link(&format!("{path}.{method}"))),
                            ],
                        );
                        self.w.line(
                            1,
                            &format!("{method}(params?: Record<string, unknown>): Promise<never>;"),
                        );
                        continue;
                    };
                    let required = action.params.iter().any(|p| p.req == Req::Yes);
                    let q = if required { "" } else { "?" };
                    let (result, resolves) = match row.shape {
                        V1Shape::Body => (
                            format!(
                                "Omit<{}, 'returnCode'> & {{ returnCode: number }}",
                                response_name(action)
                            ),
                            "the whole answer body, `returnCode` a number",
                        ),
                        V1Shape::Response => (
                            response_name(action).to_string(),
                            "the answer without its wrapper, ids as text",
                        ),
                    };
                    let mut doc = vec![
                        action.summary.to_string(),
                        String::new(),
                        format!(
                            "The old 1.x client's `{path}.{method}` (1.1.4): calls `{}` and resolves to {resolves}; the values given to `client.setConfig` go under the call's own parameters, and the declared types of the keys given are checked as 1.x checked them (thrown at once).",
                            words::path(action)
                        ),
                    ];
                    if let Some(w) = row.wraps {
                        doc.push(format!("1.x's hand-written method over `{w}`."));
                    }
                    doc.push(match row.differs {
                        Some(d) => format!("Unlike 1.1.4: {d}."),
                        None => "Unlike 1.1.4, errors are `NcloudError`s; they carry axios's `err.response` as 1.x code reads it.".into(),
                    });
                    doc.push(format!("@see {}", words::action_link(action)));
                    self.w.doc(1, &doc);
                    self.w.line(
                        1,
                        &format!("{method}(params{q}: {}): Promise<{result}>;", params_name(action)),
                    );
                }
            }
            self.w.line(0, "}");
        }
    }

    fn v1_doc(&self, path: &str, empty: Option<bool>) -> String {
        match empty {
            None => format!("`client.{path}` of the old 1.x client."),
            Some(true) => format!("`client.{path}` of the old 1.x client (1.1.4 could call none of its methods)."),
            Some(false) => format!(
                "`client.{path}` of the old 1.x client: a method resolves to the API's answer without its wrapper; the values given to `client.setConfig` go under each call's own parameters."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::writer::read::{declares, interfaces};
    use super::*;

    /// Every 1.x method of the list is declared on its surface, which its root's getter returns.
    #[test]
    fn every_v1_method_is_typed() {
        let all = interfaces(&crate::typings::generate());
        let surfaces = source::v1_surfaces();
        assert!(surfaces.iter().any(|s| !s.methods.is_empty()));
        for s in &surfaces {
            for (name, _, _) in &s.methods {
                assert!(
                    declares(&all, &node_name(&s.path), name),
                    "{}.{name} is not typed",
                    s.path
                );
            }
            let (root, getter) = s.path.split_once('.').expect("1.x surfaces are `Root.getter()`");
            assert!(
                declares(&all, &node_name(root), getter.trim_end_matches("()")),
                "{}",
                s.path
            );
        }
    }
}
