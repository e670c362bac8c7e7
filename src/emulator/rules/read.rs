//! The emulator's own reading of a request's form pairs (query and body), without the client's catalog:
//! `name=v` is a value, `name.N=v` the N-th item of a list, `name.N.field=v` a field of the N-th object
//! of a list, and so on to any depth within bounds (`networkInterfaceList.1.accessControlGroupNoList.2`).
//! Every value stays text: each action's rules (see the parent module) say which are numbers or booleans.

use super::Failure;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// List indexes run from 1 to this (the body is at most 1 MiB; no list of the API is this long).
pub const MAX_INDEX: usize = 1000;
/// Lists within lists at most this deep (`a.1.b.2.c.3.d.4`: NCP's deepest is two).
pub const MAX_DEPTH: usize = 4;

/// A value being built: text, a list by index, or an object by field (fields in arrival order).
enum Node {
    Text(String),
    List(BTreeMap<usize, Node>),
    Obj(Vec<(String, Node)>),
}

impl Node {
    fn into_value(self) -> Value {
        match self {
            Node::Text(t) => Value::String(t),
            Node::List(items) => Value::Array(items.into_values().map(Node::into_value).collect()),
            Node::Obj(fields) => Value::Object(fields.into_iter().map(|(k, v)| (k, v.into_value())).collect()),
        }
    }
}

fn invalid(param: &str, reason: String) -> Failure {
    Failure::Invalid {
        param: param.to_string(),
        reason,
    }
}

/// The path of a key: its name, then alternately list indexes and field names. `None` when the key
/// is not a list key (its second part is not a number: a plain name with a dot, kept as it is).
fn path(key: &str) -> Result<Option<(&str, Vec<Seg<'_>>)>, Failure> {
    let mut parts = key.split('.');
    let name = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    if rest.is_empty() || rest[0].parse::<usize>().is_err() {
        return Ok(None);
    }
    let mut segs = Vec::new();
    let mut i = 0;
    while i < rest.len() {
        // An index, then (if anything follows) a field name.
        let index: usize = rest[i]
            .parse()
            .map_err(|_| invalid(name, format!("'{key}': '{}' must be a list index", rest[i])))?;
        if index == 0 || index > MAX_INDEX {
            return Err(invalid(
                name,
                format!("'{key}': list indexes run from 1 to {MAX_INDEX}"),
            ));
        }
        segs.push(Seg::Index(index));
        if segs.iter().filter(|s| matches!(s, Seg::Index(_))).count() > MAX_DEPTH {
            return Err(invalid(
                name,
                format!("'{key}': lists are nested at most {MAX_DEPTH} deep"),
            ));
        }
        i += 1;
        if i < rest.len() {
            // The field name runs to the next numeric part (or to the end).
            let start = i;
            while i + 1 < rest.len() && rest[i + 1].parse::<usize>().is_err() {
                i += 1;
            }
            let field = &key[offset(key, &rest, start)..offset(key, &rest, i) + rest[i].len()];
            if field.is_empty() {
                return Err(invalid(name, format!("'{key}': an empty field name")));
            }
            segs.push(Seg::Field(field));
            i += 1;
        }
    }
    Ok(Some((name, segs)))
}

/// The byte offset of `rest[i]` within `key` (parts are slices of `key`).
fn offset(key: &str, rest: &[&str], i: usize) -> usize {
    rest[i].as_ptr() as usize - key.as_ptr() as usize
}

#[derive(Debug, Clone, Copy)]
enum Seg<'a> {
    Index(usize),
    Field(&'a str),
}

/// The slot of `field` in an object (created empty when absent).
fn field_slot<'n>(fields: &'n mut Vec<(String, Node)>, field: &str, next: Seg<'_>) -> &'n mut Node {
    let i = match fields.iter().position(|(k, _)| k == field) {
        Some(i) => i,
        None => {
            fields.push((field.to_string(), empty(next)));
            fields.len() - 1
        }
    };
    &mut fields[i].1
}

fn empty(next: Seg<'_>) -> Node {
    match next {
        Seg::Index(_) => Node::List(BTreeMap::new()),
        Seg::Field(_) => Node::Obj(Vec::new()),
    }
}

/// Puts `text` at `segs` under `node`; a node of another shape on the way is replaced (the last key wins).
fn put(node: &mut Node, segs: &[Seg<'_>], text: &str) {
    let Some((&seg, rest)) = segs.split_first() else {
        *node = Node::Text(text.to_string());
        return;
    };
    let fits = matches!(
        (&*node, seg),
        (Node::List(_), Seg::Index(_)) | (Node::Obj(_), Seg::Field(_))
    );
    if !fits {
        *node = empty(seg);
    }
    let next = rest.first().copied();
    let child = match (node, seg) {
        (Node::List(items), Seg::Index(i)) => items.entry(i).or_insert_with(|| match next {
            Some(n) => empty(n),
            None => Node::Text(String::new()),
        }),
        (Node::Obj(fields), Seg::Field(f)) => match next {
            Some(n) => field_slot(fields, f, n),
            None => field_slot(fields, f, Seg::Field("")),
        },
        _ => return,
    };
    put(child, rest, text);
}

/// The form pairs as parameters. The last of repeated keys wins; `responseFormatType` is the
/// gateway's, not a parameter.
pub fn parse(pairs: &[(String, String)]) -> Result<Map<String, Value>, Failure> {
    let mut top: Vec<(String, Node)> = Vec::new();
    for (key, value) in pairs {
        if key == "responseFormatType" {
            continue;
        }
        match path(key)? {
            None => {
                let slot = field_slot(&mut top, key, Seg::Field(""));
                *slot = Node::Text(value.clone());
            }
            Some((name, segs)) => {
                let slot = field_slot(&mut top, name, segs[0]);
                put(slot, &segs, value);
            }
        }
    }
    Ok(top.into_iter().map(|(k, v)| (k, v.into_value())).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(q: &str) -> Vec<(String, String)> {
        form_urlencoded::parse(q.as_bytes()).into_owned().collect()
    }

    #[test]
    fn lists_and_objects_by_index_at_any_depth() {
        let p = parse(&pairs(
            "a.2=y&a.1=x&b.1.order=0&b.1.noBlockStorage=TRUE&b.2.order=1&pageNo=2&responseFormatType=json\
             &networkInterfaceList.1.order=0&networkInterfaceList.1.accessControlGroupNoList.2=g2\
             &networkInterfaceList.1.accessControlGroupNoList.1=g1&networkInterfaceList.2.order=1",
        ))
        .unwrap();
        assert_eq!(p["a"], json!(["x", "y"]));
        assert_eq!(
            p["b"],
            json!([{"order": "0", "noBlockStorage": "TRUE"}, {"order": "1"}])
        );
        assert_eq!(p["pageNo"], json!("2"));
        assert_eq!(
            p["networkInterfaceList"],
            json!([{"order": "0", "accessControlGroupNoList": ["g1", "g2"]}, {"order": "1"}])
        );
        assert!(!p.contains_key("responseFormatType"));
    }

    #[test]
    fn bounds_and_odd_keys() {
        assert!(matches!(parse(&pairs("a.0=x")), Err(Failure::Invalid { .. })));
        assert!(matches!(parse(&pairs("a.1001=x")), Err(Failure::Invalid { .. })));
        assert!(parse(&pairs("a.1.b.2.c.3.d.4=x")).is_ok());
        assert!(matches!(
            parse(&pairs("a.1.b.2.c.3.d.4.e.5=x")),
            Err(Failure::Invalid { .. })
        ));
        // A dotted name that is not a list stays a plain parameter.
        assert_eq!(parse(&pairs("x.y=1")).unwrap()["x.y"], json!("1"));
        // Sparse indexes are compacted in order; the last of repeated keys wins.
        assert_eq!(parse(&pairs("a.7=c&a.3=b&a.3=B")).unwrap()["a"], json!(["B", "c"]));
        // A later key of another shape replaces the earlier value.
        assert_eq!(parse(&pairs("a=1&a.1=x")).unwrap()["a"], json!(["x"]));
    }
}
