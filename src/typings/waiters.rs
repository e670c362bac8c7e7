//! The members of the waiters (`waitFor…`, declared in the model with their acceptors) and paginators
//! (`paginate…`, one per read action taking `pageNo` and `pageSize`) on the surfaces.

use super::source::{answer_list, params_name};
use crate::catalog::{waiters, Action, Waiter};

/// `90 s`, `10 min`, `1 h`.
fn duration(ms: u64) -> String {
    match ms {
        ms if ms % 3_600_000 == 0 => format!("{} h", ms / 3_600_000),
        ms if ms % 60_000 == 0 => format!("{} min", ms / 60_000),
        ms if ms % 1_000 == 0 => format!("{} s", ms / 1_000),
        ms => format!("{ms} ms"),
    }
}

/// A waiter as a member named `key`: its doc (the goal, the acceptors in words, the default timeout)
/// and its signature; it resolves with the item, or `null` when success means the item is gone.
pub fn waiter(w: &Waiter, key: &str) -> (Vec<String>, String) {
    let (_, item) = answer_list(w.action).expect("the model checks that a waiter's action has a list");
    let result = if waiters::resolves_null(w) { "null" } else { item.name };
    let doc = vec![
        waiters::summary(w),
        format!(
            "Gives up after {} unless `timeoutMs` says otherwise.",
            duration(w.timeout_ms)
        ),
    ];
    let line = format!(
        "{key}({}: string | number, options?: WaitOptions<{}>): Promise<{result}>;",
        w.id_param, item.name
    );
    (doc, line)
}

/// The paginator of `action` as a member named `key`.
pub fn paginator(action: &Action, key: &str) -> (Vec<String>, String) {
    let (_, item) = answer_list(action).expect("the model checks that a paginated action has a list");
    let doc = vec![format!("Every item of `{}`, page by page.", action.name)];
    let line = format!("{key}: Paginator<{}, {}>;", params_name(action), item.name);
    (doc, line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_write_them() {
        assert_eq!(duration(1_800_000), "30 min");
        assert_eq!(duration(3_600_000), "1 h");
        assert_eq!(duration(90_000), "90 s");
        assert_eq!(duration(1_500), "1500 ms");
    }
}
