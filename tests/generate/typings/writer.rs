//! The text of the declarations: lines, doc comments, quoting, names, and the register of exported
//! names (a name generated twice is an error: two model entries would otherwise merge silently).

use std::collections::BTreeSet;

#[derive(Default)]
pub struct Writer {
    out: String,
    names: BTreeSet<String>,
}

/// A doc comment longer than this is written over several lines.
const DOC_WIDTH: usize = 110;

impl Writer {
    pub fn line(&mut self, indent: usize, text: &str) {
        for _ in 0..indent {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    pub fn blank(&mut self) {
        self.out.push('\n');
    }

    /// A doc comment: one line when it has no block tag (`@deprecated` ...) and one entry or a short text,
    /// else one entry a line with the tags last (a tag takes the lines after it). An empty entry between
    /// others is a paragraph break; an entry may hold several lines (an `@example`'s code).
    pub fn doc(&mut self, indent: usize, lines: &[String]) {
        let (tags, text): (Vec<&String>, Vec<&String>) = lines.iter().partition(|l| l.starts_with('@'));
        // Paragraph breaks only between entries.
        let mut text: Vec<&String> = text
            .into_iter()
            .skip_while(|l| l.is_empty())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .skip_while(|l| l.is_empty())
            .collect();
        text.reverse();
        text.dedup_by(|a, b| a.is_empty() && b.is_empty());
        if text.is_empty() && tags.is_empty() {
            return;
        }
        let multi = text.iter().any(|l| l.is_empty() || l.contains('\n'));
        let joined = text.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ");
        assert!(
            !lines.iter().any(|l| l.contains("*/")),
            "typings: a doc text contains '*/': {lines:?}"
        );
        if tags.is_empty() && !multi && joined.len() <= DOC_WIDTH {
            self.line(indent, &format!("/** {joined} */"));
            return;
        }
        if let ([], [tag]) = (text.as_slice(), tags.as_slice()) {
            if !tag.contains('\n') {
                self.line(indent, &format!("/** {tag} */"));
                return;
            }
        }
        self.line(indent, "/**");
        for entry in text.into_iter().chain(tags) {
            // An entry of several lines (code) and a tag (a link) are kept as they are; text is wrapped.
            let lines = if entry.contains('\n') || entry.starts_with('@') {
                entry.split('\n').map(str::to_string).collect()
            } else {
                wrap(entry, DOC_WIDTH)
            };
            for l in lines {
                if l.is_empty() {
                    self.line(indent, " *");
                } else {
                    self.line(indent, &format!(" * {l}"));
                }
            }
        }
        self.line(indent, " */");
    }

    /// Registers an exported name; a second one of the same name stops the generation.
    pub fn export(&mut self, name: &str) {
        assert!(
            self.names.insert(name.to_string()),
            "typings: '{name}' is generated twice (two model entries or surfaces give the same TypeScript name)"
        );
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// Words of `text` in lines of at most `width` characters (a longer word stands alone).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split(' ') {
        if !cur.is_empty() && cur.len() + 1 + word.len() > width {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    out.push(cur);
    out
}

/// `getServerImageList` -> `GetServerImageList`.
pub fn pascal(name: &str) -> String {
    let mut c = name.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A TypeScript name from a dotted path (`compute.vpc` -> `ComputeVpc`, `IaaS.server()` -> `IaaSServer`).
pub fn path_name(path: &str) -> String {
    path.split('.').map(|seg| pascal(seg.trim_end_matches("()"))).collect()
}

pub fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// `'A' | 'B'`.
pub fn literals(values: &[&str]) -> String {
    values.iter().map(|v| quote(v)).collect::<Vec<_>>().join(" | ")
}

/// `| 'a' | 'b'` lines of at most `width` characters (a long union stays readable and short).
pub fn union_lines(values: &[&str], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for v in values {
        let item = format!("| {}", quote(v));
        if !cur.is_empty() && cur.len() + 1 + item.len() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(&item);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Reading the generated text back, for the tests: interface name -> (bases, member names).
#[cfg(test)]
pub mod read {
    use std::collections::HashMap;

    /// The interfaces of the generated text: name -> (bases, member names).
    pub fn interfaces(text: &str) -> HashMap<String, (Vec<String>, Vec<String>)> {
        let mut out = HashMap::new();
        let mut current: Option<String> = None;
        for line in text.lines() {
            if let Some(head) = line.strip_prefix("export interface ") {
                let head = head.trim_end_matches(" {").trim_end_matches(" {}");
                let (name, bases) = match head.split_once(" extends ") {
                    Some((n, b)) => (n, b.split(", ").map(str::to_string).collect()),
                    None => (head, Vec::new()),
                };
                let name = name.split('<').next().unwrap_or(name).to_string();
                out.insert(name.clone(), (bases, Vec::new()));
                current = line.ends_with('{').then_some(name);
            } else if line == "}" {
                current = None;
            } else if let (Some(name), Some(member)) = (&current, line.strip_prefix("  ")) {
                let key: String = member
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !key.is_empty() {
                    out.get_mut(name).unwrap().1.push(key);
                }
            }
        }
        out
    }

    pub fn declares(all: &HashMap<String, (Vec<String>, Vec<String>)>, interface: &str, key: &str) -> bool {
        let Some((bases, members)) = all.get(interface) else {
            return false;
        };
        members.iter().any(|m| m == key) || bases.iter().any(|b| declares(all, b, key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_docs() {
        assert_eq!(path_name("compute.vpc"), "ComputeVpc");
        assert_eq!(path_name("IaaS.server()"), "IaaSServer");
        let mut w = Writer::default();
        w.doc(0, &["One.".into(), "Two.".into()]);
        w.doc(1, &["@deprecated old".into(), "Text.".into()]);
        w.doc(
            0,
            &["Summary.".into(), "".into(), "More.".into(), "@example\nf();".into()],
        );
        assert_eq!(
            w.finish(),
            "/** One. Two. */\n  /**\n   * Text.\n   * @deprecated old\n   */\n/**\n * Summary.\n *\n * More.\n * @example\n * f();\n */\n"
        );
        assert_eq!(union_lines(&["a", "b", "c"], 12), vec!["| 'a' | 'b'", "| 'c'"]);
    }

    #[test]
    #[should_panic(expected = "generated twice")]
    fn a_name_twice_is_an_error() {
        let mut w = Writer::default();
        w.export("ServerImage");
        w.export("ServerImage");
    }
}
