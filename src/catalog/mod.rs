//! The one declaration of every action, response model and waiter: `model/*.toml`, turned into the
//! static tables of [`generated`] by `build.rs`. Validation, request encoding, response decoding, the
//! emulator's dispatch and the TypeScript typings are all driven by these tables.

pub mod checks;
pub mod generated;
pub mod types;
pub mod waiters;

pub use generated::{ActionId, ACTIONS, ALL_MODELS, APIS, CODE_SETS, WAITERS};
pub use types::*;

impl ActionId {
    /// The declaration of this action.
    pub fn action(self) -> &'static Action {
        ACTIONS[self as usize]
    }
}

/// The action of that environment and name (action names are unique within an environment).
pub fn action(env: Env, name: &str) -> Option<&'static Action> {
    ACTIONS.iter().copied().find(|a| a.env == env && a.name == name)
}

/// The action of that API (`server`, `vserver` ...) and name.
pub fn action_of(api: &str, name: &str) -> Option<&'static Action> {
    ACTIONS.iter().copied().find(|a| a.api.name == api && a.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_ids_index_the_table() {
        for (i, a) in ACTIONS.iter().enumerate() {
            assert_eq!(a.id as usize, i, "{}", a.name);
            assert_eq!(a.env, a.api.env, "{}", a.name);
        }
    }
}
