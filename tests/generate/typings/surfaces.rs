//! The client's surfaces, from the method paths of the model (`compute.getServerImageList`,
//! `compute.classic.getZoneList`, `loadBalancer.classic.…`): one interface per path prefix
//! (`ComputeMethods`, `ComputeClassicMethods` ...), nested as the paths nest, under `ClientSurfaces`.
//!
//! A member on several surfaces (`compute.x` and `compute.vpc.x`) is declared once: the members that
//! exactly the same surfaces share form one interface those surfaces extend (the interface of one of
//! them, when it has nothing else), so the file grows with the actions, not with the surfaces.

use super::options::overloads;
use super::source::{params_name, response_name};
use super::writer::path_name;
use super::{waiters, Gen};
use crate::words;
use crate::words::code_list as join_code;
use ncloud::catalog::{waiters::paginated, Action, Req, ACTIONS, WAITERS};
use std::collections::{BTreeMap, BTreeSet};

/// Where a member comes from. The order of the variants is the order of members in a surface.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Origin {
    /// `ACTIONS[i]`.
    Action(usize),
    /// `Gen::compat[i]` (the old 0.1.x client's methods).
    Compat(usize),
    /// `WAITERS[i]`.
    Waiter(usize),
    /// The paginator of `ACTIONS[i]`.
    Paginator(usize),
}

/// A member: where it comes from and its name on the surface.
type Member = (Origin, String);

/// `compute.vpc.getZoneList` -> (`compute.vpc`, `getZoneList`).
fn split(path: &str) -> (String, String) {
    match path.rsplit_once('.') {
        Some((surface, key)) => (surface.to_string(), key.to_string()),
        None => panic!("typings: method path '{path}' has no surface (expected e.g. compute.{path})"),
    }
}

fn interface_name(surface: &str) -> String {
    format!("{}Methods", path_name(surface))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Action,
    Compat,
    Waiter,
    Paginator,
}

fn kind(origin: Origin) -> Kind {
    match origin {
        Origin::Action(_) => Kind::Action,
        Origin::Compat(_) => Kind::Compat,
        Origin::Waiter(_) => Kind::Waiter,
        Origin::Paginator(_) => Kind::Paginator,
    }
}

/// The earlier typings split `client.compute` by kind; their names are kept for code that imports
/// them: (name, surface, the kind of member it held).
const EARLIER_NAMES: &[(&str, &str, Kind)] = &[
    ("VpcMethods", "compute.vpc", Kind::Action),
    ("ClassicMethods", "compute.classic", Kind::Action),
    ("CompatMethods", "compute", Kind::Compat),
    ("WaiterMethods", "compute", Kind::Waiter),
    ("VpcPaginators", "compute.vpc", Kind::Paginator),
    ("ClassicPaginators", "compute.classic", Kind::Paginator),
];

struct Tree {
    /// Every surface with the members on it, ancestors of a surface included.
    surfaces: BTreeMap<String, BTreeSet<Member>>,
}

impl Tree {
    fn children(&self, surface: &str) -> Vec<&str> {
        self.surfaces
            .keys()
            .filter(|s| s.rsplit_once('.').map(|(parent, _)| parent) == Some(surface))
            .map(|s| s.as_str())
            .collect()
    }

    /// Members with the set of surfaces each is on.
    fn placements(&self) -> BTreeMap<&Member, BTreeSet<&str>> {
        let mut out: BTreeMap<&Member, BTreeSet<&str>> = BTreeMap::new();
        for (surface, members) in &self.surfaces {
            for m in members {
                out.entry(m).or_default().insert(surface);
            }
        }
        out
    }
}

impl Gen {
    fn tree(&self) -> Tree {
        let mut paths: Vec<(String, Origin)> = Vec::new();
        for (i, a) in ACTIONS.iter().enumerate() {
            paths.extend(a.methods.iter().map(|p| (p.to_string(), Origin::Action(i))));
        }
        for (i, m) in self.compat.iter().enumerate() {
            paths.push((m.path.clone(), Origin::Compat(i)));
        }
        for (i, w) in WAITERS.iter().enumerate() {
            paths.extend(w.methods.iter().map(|p| (p.to_string(), Origin::Waiter(i))));
        }
        for a in paginated() {
            let i = a.id as usize;
            paths.extend(a.paginators.iter().map(|p| (p.to_string(), Origin::Paginator(i))));
        }
        let mut surfaces: BTreeMap<String, BTreeSet<Member>> = BTreeMap::new();
        for (path, origin) in paths {
            let (surface, key) = split(&path);
            let mut prefix = surface.as_str();
            while let Some((parent, _)) = prefix.rsplit_once('.') {
                surfaces.entry(parent.to_string()).or_default();
                prefix = parent;
            }
            let members = surfaces.entry(surface).or_default();
            if let Some((other, _)) = members.iter().find(|(_, k)| *k == key) {
                panic!(
                    "typings: {path} is declared by two entries ({:?} and {:?})",
                    kind(*other),
                    kind(origin)
                );
            }
            members.insert((origin, key));
        }
        Tree { surfaces }
    }

    fn api_of(&self, origin: Origin) -> &'static str {
        match origin {
            Origin::Action(i) | Origin::Paginator(i) => ACTIONS[i].api.name,
            Origin::Compat(i) => self.compat[i].method.map_or("storage", |m| m.action.api.name),
            Origin::Waiter(i) => WAITERS[i].action.api.name,
        }
    }

    /// A member's doc and its lines (a method's overloads).
    fn member(&mut self, (origin, key): &Member) -> (Vec<String>, Vec<String>) {
        match *origin {
            Origin::Action(i) => {
                let (mut doc, lines) = action_member(ACTIONS[i], key);
                // An action whose name an old 0.1.x method has: that method keeps `compute.<name>`.
                let old = format!("compute.{key}");
                if !ACTIONS[i].methods.contains(&old.as_str()) && self.compat.iter().any(|m| m.path == old) {
                    let at = doc.iter().position(|l| l.starts_with('@')).unwrap_or(doc.len());
                    doc.insert(
                        at,
                        format!("`client.{old}` is the old 0.1.x client's method of this name."),
                    );
                }
                (doc, lines)
            }
            Origin::Paginator(i) => waiters::paginator(ACTIONS[i], key),
            Origin::Waiter(i) => waiters::waiter(&WAITERS[i], key),
            Origin::Compat(i) => self.v0_member(i, key),
        }
    }

    fn members(&mut self, members: &[&Member]) {
        for m in members {
            let (doc, lines) = self.member(m);
            self.w.doc(1, &doc);
            for line in lines {
                self.w.line(1, &line);
            }
        }
    }

    /// Every surface, the interfaces of shared members, `ClientSurfaces`, the earlier names.
    pub(super) fn surfaces(&mut self) {
        let tree = self.tree();
        let placements = tree.placements();
        // Members on two surfaces or more, by the set of their surfaces.
        let mut shared: BTreeMap<BTreeSet<&str>, Vec<&Member>> = BTreeMap::new();
        for (m, on) in &placements {
            if on.len() > 1 {
                shared.entry(on.clone()).or_default().push(m);
            }
        }
        // Each shared set: the surface that holds it as its own interface, or a named interface.
        let mut extends: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        let mut holds: BTreeMap<&str, Vec<&Member>> = BTreeMap::new();
        for (on, members) in &shared {
            let owner = on
                .iter()
                .copied()
                .find(|s| tree.children(s).is_empty() && tree.surfaces[*s].len() == members.len());
            let name = match owner {
                Some(s) => {
                    holds.entry(s).or_default().extend(members.iter().copied());
                    interface_name(s)
                }
                None => {
                    let mut apis: Vec<&str> = Vec::new();
                    for m in members {
                        let api = self.api_of(m.0);
                        if !apis.contains(&api) {
                            apis.push(api);
                        }
                    }
                    let name = format!("{}Methods", apis.iter().map(|a| path_name(a)).collect::<String>());
                    let places: Vec<String> = on.iter().map(|s| format!("client.{s}")).collect();
                    self.w.blank();
                    self.w.doc(0, &[format!("The methods {} share.", join_code(&places))]);
                    self.w.export(&name);
                    self.w.line(0, &format!("export interface {name} {{"));
                    self.members(members);
                    self.w.line(0, "}");
                    name
                }
            };
            for s in on.iter().filter(|s| Some(**s) != owner) {
                extends.entry(s).or_default().push(name.clone());
            }
        }
        for (surface, members) in &tree.surfaces {
            let name = interface_name(surface);
            let mut own: Vec<&Member> = members.iter().filter(|m| placements[m].len() == 1).collect();
            own.extend(holds.get(surface.as_str()).into_iter().flatten());
            own.sort();
            let parents = extends
                .get(surface.as_str())
                .map(|e| format!(" extends {}", e.join(", ")));
            self.w.blank();
            self.w.doc(0, &[format!("The methods of `client.{surface}`.")]);
            self.w.export(&name);
            self.w
                .line(0, &format!("export interface {name}{} {{", parents.unwrap_or_default()));
            self.members(&own);
            for child in tree.children(surface) {
                let (_, key) = split(child);
                assert!(
                    !members.iter().any(|(_, k)| *k == key),
                    "typings: `{surface}.{key}` is both a method and a surface"
                );
                self.w.line(1, &format!("{key}: {};", interface_name(child)));
            }
            self.w.line(0, "}");
        }
        self.w.blank();
        self.w
            .doc(0, &["The surfaces of a client (`client.compute` ...).".into()]);
        self.w.export("ClientSurfaces");
        self.w.line(0, "export interface ClientSurfaces {");
        for root in tree.surfaces.keys().filter(|s| !s.contains('.')) {
            self.w.line(1, &format!("{root}: {};", interface_name(root)));
        }
        self.w.line(0, "}");
        self.earlier_names(&tree);
    }

    fn earlier_names(&mut self, tree: &Tree) {
        self.w.blank();
        self.w.line(
            0,
            "// The names of earlier releases, which split `client.compute` by kind of method.",
        );
        for (name, surface, wanted) in EARLIER_NAMES {
            let Some(members) = tree.surfaces.get(*surface) else {
                panic!("typings: the earlier name {name} stands for `{surface}`, which the model no longer has");
            };
            let keys = |keep: &dyn Fn(Kind) -> bool| -> Vec<String> {
                members
                    .iter()
                    .filter(|(o, _)| keep(kind(*o)))
                    .map(|(_, k)| format!("'{k}'"))
                    .collect()
            };
            let interface = interface_name(surface);
            // The actions were most of a surface: the surface itself (a plain alias costs nothing to
            // check, where `Omit` over a few hundred keys would). The other kinds are a few keys each.
            let (ty, doc) = if *wanted == Kind::Action {
                (
                    interface.clone(),
                    format!("@deprecated The whole `client.{surface}`: `{interface}`."),
                )
            } else {
                let keep = keys(&|k| k == *wanted);
                let ty = if keep.is_empty() {
                    "{}".to_string()
                } else {
                    format!("Pick<{interface}, {}>", keep.join(" | "))
                };
                (ty, format!("@deprecated Part of `{interface}`."))
            };
            self.w.doc(0, &[doc]);
            self.w.export(name);
            self.w.line(0, &format!("export type {name} = {ty};"));
        }
    }
}

/// An action as a method: its doc (what it does, what it calls and resolves to, how it is retried,
/// the waiters, paginator and old methods over it, its reference entry) and its overloads.
fn action_member(action: &'static Action, key: &str) -> (Vec<String>, Vec<String>) {
    let mut doc = vec![
        action.summary.to_string(),
        String::new(),
        format!(
            "Calls `{}` ({}) and resolves to {}. {}",
            words::path(action),
            words::api_name(action),
            words::answer(action),
            words::retries(action)
        ),
    ];
    let waiters = words::waiters_of(action);
    if !waiters.is_empty() {
        doc.push(format!("Waiters polling it: {}.", join_code(&waiters)));
    }
    if let Some(p) = action.paginators.first() {
        doc.push(format!("Every item, page by page: `client.{p}`."));
    }
    let old = words::old_methods(action);
    if !old.is_empty() {
        doc.push(format!("The old clients' methods over it: {}.", old.join(", ")));
    }
    doc.push(format!("@see {}", words::action_link(action)));
    let required = action.params.iter().any(|p| p.req == Req::Yes);
    let lines = overloads(key, &params_name(action), response_name(action), required);
    (doc, lines)
}

#[cfg(test)]
mod tests {
    use super::super::writer::read::{declares, interfaces};
    use super::*;

    /// Every method path of the model and of the old client is a member of its surface's interface,
    /// and every surface is reachable from `ClientSurfaces` by its path.
    #[test]
    fn every_method_path_is_typed_where_it_is() {
        let text = crate::typings::generate();
        let all = interfaces(&text);
        let mut paths: Vec<String> = Vec::new();
        for a in ACTIONS {
            paths.extend(a.methods.iter().chain(a.paginators).map(|p| p.to_string()));
        }
        for w in WAITERS {
            paths.extend(w.methods.iter().map(|p| p.to_string()));
        }
        paths.extend(super::super::source::compat_methods().into_iter().map(|m| m.path));
        assert!(paths.len() > ACTIONS.len());
        for path in &paths {
            let (surface, key) = split(path);
            assert!(declares(&all, &interface_name(&surface), &key), "{path} is not typed");
            let mut parent = "ClientSurfaces".to_string();
            let mut prefix = String::new();
            for seg in surface.split('.') {
                assert!(declares(&all, &parent, seg), "`{seg}` of {path} is not on {parent}");
                prefix = if prefix.is_empty() {
                    seg.to_string()
                } else {
                    format!("{prefix}.{seg}")
                };
                parent = interface_name(&prefix);
            }
        }
    }
}
