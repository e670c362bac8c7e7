//! The members of the waiters (`waitFor…`, declared in the model with their acceptors) and paginators
//! (`paginate…`, one per read action taking `pageNo` and `pageSize`) on the surfaces.

use super::source::{answer_list, params_name};
use crate::words;
use ncloud::catalog::{waiters, Action, Waiter};

/// `90 s`, `10 min`, `1 h`.
fn duration(ms: u64) -> String {
    match ms {
        ms if ms % 3_600_000 == 0 => format!("{} h", ms / 3_600_000),
        ms if ms % 60_000 == 0 => format!("{} min", ms / 60_000),
        ms if ms % 1_000 == 0 => format!("{} s", ms / 1_000),
        ms => format!("{ms} ms"),
    }
}

/// A waiter as a method named `key`: its doc (the goal, the acceptors in words, the default timeout,
/// an example) and its signature; it resolves with the item, or `null` when success means it is gone.
pub fn waiter(w: &Waiter, key: &str) -> (Vec<String>, Vec<String>) {
    let (_, item) = answer_list(w.action).expect("the model checks that a waiter's action has a list");
    let gone = waiters::resolves_null(w);
    let result = if gone { "null" } else { item.name };
    let at = w.methods.first().copied().unwrap_or(key);
    let (status, _, _) = waiters::state_fields(w);
    let poll = match status {
        Some(_) => "onPoll: ({ attempt, status }) => console.log(attempt, status)",
        None => "onPoll: ({ attempt }) => console.log(attempt)",
    };
    let example = if gone {
        format!(
            "@example\nawait client.{at}({}, {{ timeoutMs: 600_000 }}); // null once it is gone",
            w.id_param
        )
    } else {
        format!(
            "@example\nconst item = await client.{at}({}, {{ {poll} }});",
            w.id_param
        )
    };
    let doc = vec![
        waiters::summary(w),
        String::new(),
        format!(
            "Its first argument is the `{}` to wait for; it resolves with {}. Polls at once, then after `minDelayMs` (default {} ms), each delay 1.5 times the last, up to `maxDelayMs` ({} ms). Gives up with `ERR_TIMEOUT` after {} unless `timeoutMs` says otherwise.",
            w.id_param,
            if gone { "`null`".to_string() } else { format!("the item as `{}` gives it", w.action.name) },
            waiters::WAIT_MIN_DELAY_MS,
            waiters::WAIT_MAX_DELAY_MS,
            duration(w.timeout_ms)
        ),
        format!("@see {}", words::action_link(w.action)),
        example,
    ];
    let line = format!(
        "{key}({}: string | number, options?: WaitOptions<{}>): Promise<{result}>;",
        w.id_param, item.name
    );
    (doc, vec![line])
}

/// The paginator of `action` as a method named `key` (its options: `PaginateOptions`).
pub fn paginator(action: &'static Action, key: &str) -> (Vec<String>, Vec<String>) {
    let (list, item) = answer_list(action).expect("the model checks that a paginated action has a list");
    let at = action.paginators.first().copied().unwrap_or(key);
    let doc = vec![
        format!(
            "Every item of `{}` (its `{list}`), page by page: an async iterator that asks page 1, 2, … of `pageSize` items (default {}) and yields them one by one.",
            action.name,
            waiters::PAGE_SIZE
        ),
        String::new(),
        format!("It takes the action's parameters except `pageNo` and `pageSize`, and stops after a short page or once `totalRows` items came; it never yields an item twice, and asks at most `maxPages` pages (default {}). Leaving the loop early asks no further page.", waiters::MAX_PAGES),
        format!("@see {}", words::action_link(action)),
        format!("@example\nfor await (const item of client.{at}()) console.log(item);"),
    ];
    let line = format!(
        "{key}(params?: Omit<{}, 'pageNo' | 'pageSize'>, options?: PaginateOptions): AsyncIterableIterator<{}>;",
        params_name(action),
        item.name
    );
    (doc, vec![line])
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
