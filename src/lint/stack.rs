//! Stack room for sqlparser's worst cases, by design rather than by luck.
//!
//! sqlparser parses a flat chain (`a OR b OR …`, `x || y || …`) iteratively,
//! so its recursion limit never fires, but the AST it builds is one level
//! deeper per term, and dropping, cloning, comparing or `span()`-ing it
//! recurses that deep. `lint::MAX_PARSED_TOKENS` bounds the depth; this
//! module makes sure the lint work runs on a stack sized for that bound,
//! whoever calls the library: the CLI's worker pool is built with
//! `LINT_STACK_SIZE` and marks its threads, and any other caller (a test on
//! its 2 MiB thread, an editor plugin) gets a scoped thread of that size.

use std::cell::Cell;

/// Reserved address space, not committed memory: pages are only touched as
/// deep as the recursion actually goes.
pub const LINT_STACK_SIZE: usize = 256 << 20;

thread_local! {
    static ON_LINT_STACK: Cell<bool> = const { Cell::new(false) };
}

/// Declares that the current thread was created with `LINT_STACK_SIZE`.
pub fn mark_lint_stack() {
    ON_LINT_STACK.with(|flag| flag.set(true));
}

/// Runs `work` on a thread with `LINT_STACK_SIZE` of stack: here when this
/// thread has it, else on a scoped thread. A panic in `work` is re-raised.
pub fn on_lint_stack<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    if ON_LINT_STACK.with(Cell::get) {
        return work();
    }
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("dal-audit-lint".into())
            .stack_size(LINT_STACK_SIZE)
            .spawn_scoped(scope, || {
                mark_lint_stack();
                work()
            });
        match spawned {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(error) => {
                panic!("cannot start a lint thread with a {LINT_STACK_SIZE}-byte stack: {error}")
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_runs_on_a_marked_thread_and_nested_calls_stay_there() {
        let outer = std::thread::current().id();
        let (first, nested) = on_lint_stack(|| {
            let here = std::thread::current().id();
            (here, on_lint_stack(|| std::thread::current().id()))
        });
        assert_ne!(first, outer);
        assert_eq!(first, nested);
    }
}
