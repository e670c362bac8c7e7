//! VPC init scripts (what a server runs at its first boot). NCP's reference: content required, an
//! OS type `LNX` or `WND`, a name of 3 to 30 lower-case letters, digits or `-`, a description of at
//! most 1000 bytes.

use crate::emulator::handler::prelude::*;

pub fn find<'a>(state: &'a State, no: &str, region: &str) -> Result<&'a Entry<InitScript>, ApiFault> {
    state
        .vpc
        .init_scripts
        .find(no, Some(region))
        .ok_or_else(|| faults::not_found(Kind::InitScript, no))
}

/// `createInitScript`
pub fn create_init_script(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let region = cx.region().to_string();
    let state = &mut *cx.state;
    let name = match p.str("initScriptName") {
        Some(n) => n.to_string(),
        None => crate::emulator::vpc::auto_name(state, "init"),
    };
    if state
        .vpc
        .init_scripts
        .in_region(&region)
        .any(|e| is(&e.rec.init_script_name, &name))
    {
        return Err(faults::name_in_use(&name));
    }
    let script = InitScript {
        init_script_no: Some(state.next_id()),
        init_script_name: Some(name),
        create_date: Some(state.create_date()),
        init_script_description: Some(p.str("initScriptDescription").unwrap_or("").to_string()),
        init_script_content: p.str("initScriptContent").map(str::to_string),
        os_type: p.str("osTypeCode").map(|c| Code::of(names::INIT_SCRIPT_OS_TYPE, c)),
        region_code: Some(region),
    };
    let answer = state.vpc.init_scripts.push(Entry::new(script, cx.now)).wire();
    cx.list(vec![answer])
}

/// `deleteInitScripts`: every number must exist; answers the scripts deleted.
pub fn delete_init_scripts(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let region = cx.region().to_string();
    let nos = p.list("initScriptNoList");
    for no in &nos {
        find(cx.state, no, &region)?;
    }
    let items = nos
        .iter()
        .filter_map(|no| cx.state.vpc.init_scripts.remove(no, Some(&region)))
        .map(|r| wire(&r))
        .collect();
    cx.list(items)
}
