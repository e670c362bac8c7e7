//! Classic init scripts: a look-up over the fixture's `initScripts` (a launch may name one).

use crate::emulator::handler::prelude::*;

/// `getInitScriptList`
pub fn get_init_script_list(cx: &mut Cx<'_>) -> Answer {
    let items = cx.state.classic.init_scripts.iter().map(Entry::wire).collect();
    cx.list(items)
}
