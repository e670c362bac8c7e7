//! VPC init scripts (what a server runs at its first boot). NCP's reference: content required, an
//! OS type `LNX` or `WND`, a name of 3 to 30 lower-case letters, digits or `-`, a description of at
//! most 1000 bytes.

use crate::emulator::handler::prelude::*;
use crate::emulator::vpc;

/// `createInitScript`
pub fn create_init_script(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let state = &mut *cx.state;
    let given = p.str("initScriptName");
    let name = vpc::new_name(state, |s| &s.vpc.init_scripts, given, "init", &region)?;
    let script = InitScript {
        init_script_no: Some(state.next_id()),
        init_script_name: Some(name),
        create_date: Some(state.create_date()),
        init_script_description: Some(p.str("initScriptDescription").unwrap_or("").to_string()),
        init_script_content: p.str("initScriptContent").map(str::to_string),
        os_type: p.str("osTypeCode").map(|c| Code::of(names::INIT_SCRIPT_OS_TYPE, c)),
        region_code: Some(region),
    };
    one(
        cx.action,
        state.vpc.init_scripts.push(Entry::new(script, cx.now)).wire(),
    )
}

/// `deleteInitScripts`: every number must exist; answers the scripts deleted.
pub fn delete_init_scripts(cx: &mut Cx<'_>) -> Answer {
    let (p, region, _) = cx.start();
    let nos = p.list("initScriptNoList");
    for no in &nos {
        cx.state.vpc.init_scripts.found(no, Some(&region))?;
    }
    let items = nos
        .iter()
        .filter_map(|no| cx.state.vpc.init_scripts.remove(no, Some(&region)))
        .map(|r| wire(&r))
        .collect();
    cx.list(items)
}
