//! What the Classic NAS volume handlers start from: a volume found (not being deleted), at rest for an
//! action, and its answer (its access list embedded as the model declares).

use crate::emulator::handler::prelude::*;

/// A volume that exists and is not being deleted: `10404` otherwise.
pub fn found<'a>(state: &'a State, no: &str) -> Result<&'a Entry<NasVolumeInstance>, ApiFault> {
    state.classic.nas_volumes.live(no, None)
}

/// A volume that `action` may change now, as its life says (created, with no operation running;
/// `25013` otherwise).
pub fn at_rest<'a>(state: &'a State, no: &str, action: &str) -> Result<&'a Entry<NasVolumeInstance>, ApiFault> {
    let e = found(state, no)?;
    e.permit(action)?;
    Ok(e)
}

/// The answer listing one volume.
pub fn answer_of(cx: &Cx<'_>, no: &str) -> Answer {
    let items = cx
        .state
        .classic
        .nas_volumes
        .find(no, None)
        .map(Entry::wire)
        .into_iter()
        .collect();
    cx.list(items)
}
