//! Sources: what is read before any SQL is lexed: files as bytes, decoded
//! so every byte offset is kept (`input`), and held as a `SourceFile` with
//! its line index (`file`).

pub mod file;
pub mod input;
pub mod load;
pub mod rust;
