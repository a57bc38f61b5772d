//! The options of `CREATE TABLE` outside its column list: SQLite's
//! `STRICT` and `WITHOUT ROWID` (comma-separated after the list),
//! PostgreSQL's `UNLOGGED`, `PARTITION BY`, `PARTITION OF`, `INHERITS`,
//! `TABLESPACE`, `WITH (…)`, `ON COMMIT`. The token scan locates them; from
//! the AST, sqlparser decides which are there (it gives them no spans).

use std::ops::Range;

use sqlparser::tokenizer::Token as SqlToken;

use crate::syntax::statement::StatementTokens;

/// One table option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableOption {
    pub kind: TableOptionKind,
    /// The option's words (`WITHOUT ROWID`, `PARTITION BY`, `INHERITS`, `WITH`).
    pub span: Range<usize>,
    /// What removing a SQLite option removes: the option with the comma
    /// that joins it to its neighbours.
    pub removal: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableOptionKind {
    Strict,
    WithoutRowid,
    Unlogged,
    PartitionBy,
    PartitionOf,
    Inherits,
    Tablespace,
    /// `WITH (storage parameters)`.
    With,
    OnCommit,
}

/// The table options from the tokens alone.
pub(super) fn from_tokens(view: &StatementTokens) -> Vec<TableOption> {
    let Some(kind) = view.creates("TABLE") else {
        return Vec::new();
    };
    let mut options: Vec<TableOption> = (1..kind)
        .filter(|&i| view.is_word(i, "UNLOGGED"))
        .map(|i| plain(view, TableOptionKind::Unlogged, i, i))
        .collect();
    // Options sit outside the column list: after its `)`, or instead of it (`PARTITION OF`).
    let open = (kind..view.tokens.len()).find(|&i| view.tokens[i].kind == SqlToken::LParen);
    let close = open.and_then(|o| view.matching_paren(o));
    let after = close.map_or(kind + 1, |c| c + 1);
    let before_columns = kind + 1..open.unwrap_or(view.tokens.len());
    for range in [before_columns, after..view.tokens.len()] {
        options.extend(range.filter_map(|i| postgres_option_at(view, i)));
    }
    if let Some(close) = close {
        options.extend(sqlite_options(view, close));
    }
    options.sort_by_key(|o| o.span.start);
    options
}

/// The table options of a parsed `CREATE TABLE`: those the tree holds.
pub(super) fn from_ast(
    view: &StatementTokens,
    table: &sqlparser::ast::CreateTable,
) -> Vec<TableOption> {
    use sqlparser::ast::{CreateTableOptions, SqliteTableOption};
    let sqlite = |option: SqliteTableOption| table.sqlite_table_options.options.contains(&option);
    let mut options = from_tokens(view);
    options.retain(|o| match o.kind {
        TableOptionKind::Strict => sqlite(SqliteTableOption::Strict),
        TableOptionKind::WithoutRowid => sqlite(SqliteTableOption::WithoutRowid),
        TableOptionKind::Unlogged => table.unlogged,
        TableOptionKind::PartitionBy => table.partition_by.is_some(),
        TableOptionKind::PartitionOf => table.partition_of.is_some(),
        TableOptionKind::Inherits => table.inherits.is_some(),
        TableOptionKind::With => matches!(table.table_options, CreateTableOptions::With(_)),
        TableOptionKind::OnCommit => table.on_commit.is_some(),
        // sqlparser keeps it among the plain options, when it parses it at all.
        TableOptionKind::Tablespace => true,
    });
    options
}

fn plain(view: &StatementTokens, kind: TableOptionKind, first: usize, last: usize) -> TableOption {
    let span = view.token_span(first, last);
    TableOption {
        kind,
        removal: span.clone(),
        span,
    }
}

/// A PostgreSQL option starting at token `i`.
fn postgres_option_at(view: &StatementTokens, i: usize) -> Option<TableOption> {
    let two_words = [
        (["PARTITION", "BY"], TableOptionKind::PartitionBy),
        (["PARTITION", "OF"], TableOptionKind::PartitionOf),
        (["ON", "COMMIT"], TableOptionKind::OnCommit),
    ];
    if let Some((_, kind)) = two_words.iter().find(|(words, _)| view.words_at(i, words)) {
        return Some(plain(view, *kind, i, i + 1));
    }
    let opens = view
        .tokens
        .get(i + 1)
        .is_some_and(|t| t.kind == SqlToken::LParen);
    let kind = if view.is_word(i, "INHERITS") {
        TableOptionKind::Inherits
    } else if view.is_word(i, "TABLESPACE") {
        TableOptionKind::Tablespace
    } else if view.is_word(i, "WITH") && opens {
        TableOptionKind::With
    } else {
        return None;
    };
    Some(plain(view, kind, i, i))
}

/// SQLite's comma-separated options after the column list's `)` at `close`.
fn sqlite_options(view: &StatementTokens, close: usize) -> Vec<TableOption> {
    let end = view
        .tokens
        .iter()
        .rposition(|t| t.kind != SqlToken::SemiColon)
        .map_or(0, |i| i + 1);
    let mut options = Vec::new();
    let mut start = close + 1;
    for i in close + 1..=end {
        if i < end && view.tokens[i].kind != SqlToken::Comma {
            continue;
        }
        let option = start..i;
        let kind = if option.len() == 1 && view.is_word(start, "STRICT") {
            Some(TableOptionKind::Strict)
        } else if option.len() == 2 && view.words_at(start, &["WITHOUT", "ROWID"]) {
            Some(TableOptionKind::WithoutRowid)
        } else {
            None
        };
        if let Some(kind) = kind {
            options.push(TableOption {
                kind,
                span: view.token_span(option.start, option.end - 1),
                removal: removal(view, &option),
            });
        }
        start = i + 1;
    }
    options
}

/// One SQLite option with the comma that joins it to its neighbours.
fn removal(view: &StatementTokens, option: &Range<usize>) -> Range<usize> {
    let tokens = view.tokens;
    let before = option.start - 1;
    let last = option.end - 1;
    let followed_by_comma = tokens
        .get(option.end)
        .is_some_and(|t| t.kind == SqlToken::Comma);
    if tokens[before].kind == SqlToken::Comma {
        // `…, STRICT`: drop from the end of the previous option.
        tokens[before - 1].span.end..tokens[last].span.end
    } else if let Some(next) = tokens.get(option.end + 1).filter(|_| followed_by_comma) {
        // `) STRICT, WITHOUT ROWID`: drop up to the next option.
        tokens[option.start].span.start..next.span.start
    } else {
        tokens[before].span.end..tokens[last].span.end
    }
}
