//! Classic instance tags, kept on the servers they tag (`instanceTagList`, instance type `SVR`; NCP's
//! reference: tags are for servers only, a new tag names its key and value): a key given again replaces
//! its value; deleting without tags removes every tag of the instances. At most 50 tags per instance
//! (the emulator's bound, `25036`: NCP publishes none).

use super::common;
use crate::emulator::handler::prelude::*;

const MAX_TAGS: usize = 50;

/// `getInstanceTagList`
pub fn get_instance_tag_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let (nos, keys, values) = (p.list("instanceNoList"), p.list("tagKeyList"), p.list("tagValueList"));
    let items = cx
        .state
        .classic
        .servers
        .iter()
        .filter(|e| nos.is_empty() || nos.iter().any(|n| n == e.rec.no()))
        .flat_map(|e| e.rec.instance_tag_list.iter().flatten())
        .filter(|t| text_in(&t.tag_key, &keys) && text_in(&t.tag_value, &values))
        .map(wire)
        .collect();
    cx.page(items, &p)
}

/// `createInstanceTags`: every tag on every instance named; answers the tags made.
pub fn create_instance_tags(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let nos = p.list("instanceNoList");
    let given_keys: Vec<&str> = p
        .objects("instanceTagList")
        .iter()
        .filter_map(|t| t.str("tagKey"))
        .collect();
    for no in &nos {
        let tags = common::server(cx.state, no)?
            .rec
            .instance_tag_list
            .as_deref()
            .unwrap_or_default();
        let kept = tags
            .iter()
            .filter(|t| !given_keys.iter().any(|k| is(&t.tag_key, k)))
            .count();
        if kept + given_keys.len() > MAX_TAGS {
            return Err(faults::limit("tags per instance", MAX_TAGS));
        }
    }
    let given: Vec<(String, String)> = p
        .objects("instanceTagList")
        .into_iter()
        .map(|t| (t.text("tagKey"), t.text("tagValue")))
        .collect();
    let mut items = Vec::new();
    for no in &nos {
        let Some(e) = cx.state.classic.servers.find_mut(no, None) else {
            continue;
        };
        let tags = e.rec.instance_tag_list.get_or_insert_with(Vec::new);
        for (k, v) in &given {
            tags.retain(|t| !is(&t.tag_key, k));
            let tag = ClassicInstanceTag {
                instance_no: Some(no.clone()),
                instance_type: Some(Code::new("SVR", "Server")),
                tag_key: Some(k.clone()),
                tag_value: Some(v.clone()),
            };
            items.push(wire(&tag));
            tags.push(tag);
        }
    }
    cx.list(items)
}

/// `deleteInstanceTags`: the tags named (by key, and value when given), or all of them.
pub fn delete_instance_tags(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let nos = p.list("instanceNoList");
    for no in &nos {
        common::server(cx.state, no)?;
    }
    let given: Vec<(Option<String>, Option<String>)> = p
        .objects("instanceTagList")
        .into_iter()
        .map(|t| {
            (
                t.str("tagKey").map(str::to_string),
                t.str("tagValue").map(str::to_string),
            )
        })
        .collect();
    let mut removed = 0usize;
    for no in &nos {
        let Some(e) = cx.state.classic.servers.find_mut(no, None) else {
            continue;
        };
        let tags = e.rec.instance_tag_list.get_or_insert_with(Vec::new);
        let before = tags.len();
        if given.is_empty() {
            tags.clear();
        } else {
            tags.retain(|t| {
                !given.iter().any(|(k, v)| {
                    k.as_ref().is_none_or(|k| is(&t.tag_key, k)) && v.as_ref().is_none_or(|v| is(&t.tag_value, v))
                })
            });
        }
        removed += before - tags.len();
    }
    let mut f = Fields::new();
    f.insert("totalRows".into(), Value::from(removed));
    Ok(f)
}
