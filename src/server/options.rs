//! What a host of the server can tune (`run`), apart from the loop that
//! reads it so the session can hold it without importing the server.

use std::time::Duration;

use crate::server::lint::{LintFn, lint_document};

/// What a host of the server can tune.
#[derive(Debug, Clone, Copy)]
pub struct ServerOptions {
    /// How long after the last change a document is linted while typing.
    pub debounce: Duration,
    /// The library call that lints a document (tests replace it to make it panic).
    pub lint: LintFn,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            debounce: Duration::from_millis(200),
            lint: lint_document,
        }
    }
}
