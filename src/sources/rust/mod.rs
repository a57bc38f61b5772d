//! Rust sources: the SQL inside them, and what the boundary rules need.
//! `scan` parses a file with syn and visits it once; `literal` maps a
//! literal's value back to the file's bytes; `apis` names the calls and
//! types of the database crates.

pub mod apis;
pub mod fields;
pub mod literal;
pub mod scan;

pub use scan::{Scan, scan};
