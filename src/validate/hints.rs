//! "Did you mean": for a key an action does not take, the parameter it most likely stands for, from the
//! action's declared parameters (the model's names, after the caller's renames). The validator appends
//! the note to its message so that the wrong key is always named, with the fix when there is one.

use crate::catalog::{Action, Env};
use serde_json::{Map, Value};

/// Longest key looked at: longer ones are named without a suggestion (bounded work on hostile input).
const MAX_KEY: usize = 100;
/// Unknown keys described in one message; the others are counted.
const MAX_NOTES: usize = 5;

/// Levenshtein distance (ASCII-lowercased by the caller; both sides are at most [`MAX_KEY`] long).
fn distance(a: &[u8], b: &[u8]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The candidate `key` most likely stands for: the same name in another case; the Classic/VPC twin
/// (`regionNo` -> `regionCode`, `zoneCode` -> `zoneNo`); `…Number` or `…Id` for `…No`; the list form (`serverImageTypeCode` ->
/// `serverImageTypeCodeList`) or the reverse; a name it starts, or that starts it (`serverImageNumber`
/// -> `serverImageNo`); else the closest by edit distance within a quarter of its length (at least 2).
pub fn suggest<'a>(key: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if key.is_empty() || key.len() > MAX_KEY {
        return None;
    }
    let find = |name: &str| candidates.iter().copied().find(|c| c.eq_ignore_ascii_case(name));
    if let Some(c) = find(key) {
        return Some(c);
    }
    let twins = [
        ("Number", "No"),
        ("Id", "No"),
        ("ID", "No"),
        ("No", "Code"),
        ("Code", "No"),
        ("", "List"),
        ("List", ""),
        ("s", "List"),
    ];
    for (from, to) in twins {
        if let Some(stem) = key.strip_suffix(from) {
            if !stem.is_empty() {
                if let Some(c) = find(&format!("{stem}{to}")) {
                    return Some(c);
                }
            }
        }
    }
    let lower = key.to_ascii_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates.iter().copied() {
        let cl = c.to_ascii_lowercase();
        let prefix = cl.len().min(lower.len());
        let score = if (cl.starts_with(&lower) || lower.starts_with(&cl)) && prefix * 3 >= lower.len().max(cl.len()) * 2
        {
            1
        } else {
            distance(lower.as_bytes(), cl.as_bytes()) + 1
        };
        if best.is_none_or(|(s, _)| score < s) {
            best = Some((score, c));
        }
    }
    let limit = (key.len() / 4).max(2) + 1;
    best.filter(|(s, _)| *s <= limit).map(|(_, c)| c)
}

/// The note on the keys of `input` that `action` does not take: each named, with the parameter it most
/// likely stands for (`'serverImageNumber' is not a parameter of getServerImageDetail: did you mean
/// 'serverImageNo'?`). `None` when every key is declared. `renames` maps a caller's key to the
/// parameter it stands for; suggestions use the caller's names. With `only_suggestions` (the message
/// names the keys already: `Invalid Parameters : foo`), keys without a suggestion are left out.
pub fn unknown_keys_note(
    action: &Action,
    input: &Map<String, Value>,
    renames: &[(&str, &str)],
    only_suggestions: bool,
) -> Option<String> {
    let mut candidates: Vec<&str> = action.params.iter().map(|p| p.name).collect();
    for (user, _) in renames {
        candidates.push(user);
    }
    let declared = |key: &str| {
        let name = renames.iter().find(|(u, _)| *u == key).map_or(key, |(_, p)| *p);
        action.param(name).is_some()
    };
    let unknown: Vec<&String> = input
        .iter()
        .filter(|(k, v)| !v.is_null() && !declared(k))
        .map(|(k, _)| k)
        .collect();
    if unknown.is_empty() {
        return None;
    }
    // The region parameter of the other generation (`regionNo` on a VPC action): said as such.
    let (own, other) = match action.env {
        Env::Vpc => ("regionCode", "regionNo"),
        Env::Classic => ("regionNo", "regionCode"),
    };
    let mut notes: Vec<String> = Vec::new();
    for key in unknown.iter().take(MAX_NOTES) {
        let name: String = key.chars().take(MAX_KEY).collect();
        if key.as_str() == other && candidates.contains(&own) {
            let why = if own == "regionCode" {
                "a VPC action takes regionCode ('KR'), which the client's 'region' option sets by default"
            } else {
                "a Classic action takes regionNo ('1'), from getRegionList"
            };
            notes.push(format!(
                "'{other}' is not a parameter of {}: did you mean '{own}'? ({why})",
                action.name
            ));
            continue;
        }
        match suggest(key, &candidates) {
            Some(s) => notes.push(format!(
                "'{name}' is not a parameter of {}: did you mean '{s}'?",
                action.name
            )),
            None if !only_suggestions => notes.push(format!("'{name}' is not a parameter of {}", action.name)),
            None => {}
        }
    }
    if notes.is_empty() {
        return None;
    }
    if unknown.len() > MAX_NOTES && !only_suggestions {
        notes.push(format!("and {} more unknown keys", unknown.len() - MAX_NOTES));
    }
    Some(notes.join("; "))
}

#[cfg(test)]
mod tests {
    use super::suggest;

    /// Every parameter of every action, written in another case or with its list suffix dropped, is
    /// suggested back, and the note names the key given.
    #[test]
    fn every_action_suggests_its_own_parameters() {
        for action in crate::catalog::ACTIONS.iter() {
            let names: Vec<&str> = action.params.iter().map(|p| p.name).collect();
            for p in action.params {
                let wrong = p.name.to_ascii_lowercase();
                if wrong != p.name {
                    assert_eq!(suggest(&wrong, &names), Some(p.name), "{}.{}", action.name, p.name);
                }
                let mut input = serde_json::Map::new();
                input.insert(format!("{}Zz", p.name), serde_json::Value::from("1"));
                let note = super::unknown_keys_note(action, &input, &[], false).unwrap_or_default();
                assert!(
                    note.contains(&format!("'{}Zz' is not a parameter of {}", p.name, action.name)),
                    "{note}"
                );
            }
        }
    }

    #[test]
    fn suggestions() {
        let c = [
            "serverImageNo",
            "regionCode",
            "zoneCode",
            "serverImageTypeCodeList",
            "pageNo",
            "pageSize",
        ];
        assert_eq!(suggest("serverImageNumber", &c), Some("serverImageNo"));
        assert_eq!(suggest("serverImageTypeCode", &c), Some("serverImageTypeCodeList"));
        assert_eq!(suggest("regionNo", &c), Some("regionCode"));
        assert_eq!(suggest("zoneNo", &c), Some("zoneCode"));
        assert_eq!(suggest("pagesize", &c), Some("pageSize"));
        assert_eq!(suggest("pageNumber", &c), Some("pageNo"));
        assert_eq!(suggest("serverImageId", &c), Some("serverImageNo"));
        assert_eq!(suggest("somethingElse", &c), None);
        assert_eq!(suggest(&"x".repeat(200), &c), None);
    }
}
