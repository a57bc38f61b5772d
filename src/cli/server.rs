//! `dal-audit server`: the language server over stdio (`src/server/`).

use crate::cli::exit;

/// Serves an editor until it exits. The status is 0 after the protocol's
/// `shutdown` then `exit`, 1 for an `exit` (or a closed input) without
/// `shutdown`, 2 when the connection itself failed.
pub fn server() -> Result<u8, String> {
    let clean = crate::server::run_stdio()?;
    Ok(if clean { exit::CLEAN } else { exit::FINDINGS })
}
