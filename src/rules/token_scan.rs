//! Token-stream searches the semantics and versions rules share. They work
//! whether or not sqlparser parsed the statement, and never look inside
//! strings or comments (those are single tokens or no tokens at all).

use sqlparser::keywords::Keyword;

use std::ops::Range;

use crate::columns::ColumnDef;
use crate::context::StatementCtx;

/// Start indices of every place where `sequence` occurs as unquoted keywords.
pub fn keyword_runs(ctx: &StatementCtx, sequence: &[Keyword]) -> Vec<usize> {
    (0..ctx.tokens.len())
        .filter(|&start| {
            sequence
                .iter()
                .enumerate()
                .all(|(k, keyword)| ctx.keyword(start + k) == Some(*keyword))
        })
        .collect()
}

/// Whether the statement is DML (`INSERT`, `UPDATE`, `DELETE`, `REPLACE`,
/// possibly behind a `WITH` clause).
pub fn is_dml(ctx: &StatementCtx) -> bool {
    let verbs = [
        Keyword::INSERT,
        Keyword::UPDATE,
        Keyword::DELETE,
        Keyword::REPLACE,
    ];
    match ctx.keyword(0) {
        Some(Keyword::WITH) => {
            (1..ctx.tokens.len()).any(|i| ctx.keyword(i).is_some_and(|k| verbs.contains(&k)))
        }
        Some(first) => verbs.contains(&first),
        None => false,
    }
}

/// The text of word token `i` when it is a word (quoted or not).
pub fn word<'a>(ctx: &StatementCtx<'a>, i: usize) -> Option<&'a str> {
    match &ctx.tokens.get(i)?.kind {
        sqlparser::tokenizer::Token::Word(w) => Some(w.value.as_str()),
        _ => None,
    }
}

/// The first word of a column's type, upper-cased (`VARCHAR` for
/// `varchar(10)`), or `None` when the column has no type.
pub fn type_name(ctx: &StatementCtx, column: &ColumnDef) -> Option<String> {
    if column.data_type.is_empty() {
        return None;
    }
    word(ctx, column.data_type.start).map(str::to_ascii_uppercase)
}

/// Whether the keywords occur in order somewhere in the token range.
pub fn has_keywords(ctx: &StatementCtx, range: Range<usize>, sequence: &[Keyword]) -> bool {
    range.clone().any(|start| {
        start + sequence.len() <= range.end
            && sequence
                .iter()
                .enumerate()
                .all(|(k, keyword)| ctx.keyword(start + k) == Some(*keyword))
    })
}

/// Whether the statement is a `CREATE [TEMP] TABLE`.
pub fn is_create_table(ctx: &StatementCtx) -> bool {
    ctx.keyword(0) == Some(Keyword::CREATE)
        && (1..ctx.tokens.len().min(4)).any(|i| ctx.keyword(i) == Some(Keyword::TABLE))
}

/// Whether the project targets both engines: a difference in meaning between
/// them only matters then (a PostgreSQL-only project never sees SQLite's).
pub fn targets_both_engines(ctx: &StatementCtx) -> bool {
    ctx.targets.includes(crate::diagnostic::Engine::Sqlite)
        && ctx.targets.includes(crate::diagnostic::Engine::Postgres)
}
