//! Classic access control groups and their rules: read-only look-ups over the fixture's groups
//! (`accessControlGroups`) and rules (`accessControlRules`, each naming its group); a group's servers
//! are those whose `accessControlGroupList` holds it (chosen at launch).

use crate::emulator::handler::prelude::*;

fn group<'a>(state: &'a State, no: &str) -> Result<&'a Entry<ClassicAccessControlGroup>, ApiFault> {
    state.classic.access_control_groups.found(no, None)
}

/// `getAccessControlGroupServerInstanceList`
pub fn get_access_control_group_server_instance_list(cx: &mut Cx<'_>) -> Answer {
    let p = cx.params();
    let no = p.str("accessControlGroupConfigurationNo").unwrap_or_default();
    group(cx.state, no)?;
    let items = cx
        .state
        .classic
        .servers
        .iter()
        .filter(|e| {
            e.rec
                .access_control_group_list
                .iter()
                .flatten()
                .any(|g| is(&g.access_control_group_configuration_no, no))
        })
        .map(Entry::wire)
        .collect();
    cx.list(items)
}
