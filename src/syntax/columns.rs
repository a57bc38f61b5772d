//! Column definitions located in the token stream.
//!
//! sqlparser's `DataType` carries no span and column options mostly have
//! empty spans, so rules about types and column constraints find them here:
//! `CREATE TABLE … (…)` and `ALTER TABLE … ADD [COLUMN] …`, parsed or not.

use std::ops::Range;

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::{StatementCtx, keyword};

/// One column definition, as token index ranges into `StatementCtx::tokens`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnDef {
    /// The column name's token.
    pub name: usize,
    /// The type's tokens (`DOUBLE PRECISION`, `VARCHAR(10)[]`); empty when the column has no type.
    pub data_type: Range<usize>,
    /// Everything after the type up to the `,` or `)` that ends the definition.
    pub constraints: Range<usize>,
}

/// Words that end a column's type and start its constraints.
const CONSTRAINT_START: &[Keyword] = &[
    Keyword::CONSTRAINT,
    Keyword::PRIMARY,
    Keyword::NOT,
    Keyword::NULL,
    Keyword::UNIQUE,
    Keyword::CHECK,
    Keyword::DEFAULT,
    Keyword::REFERENCES,
    Keyword::COLLATE,
    Keyword::GENERATED,
    Keyword::AS,
    Keyword::ON,
    Keyword::AUTOINCREMENT,
];

/// Words that open a table constraint instead of a column.
const TABLE_CONSTRAINT_START: &[Keyword] = &[
    Keyword::CONSTRAINT,
    Keyword::PRIMARY,
    Keyword::UNIQUE,
    Keyword::CHECK,
    Keyword::FOREIGN,
    Keyword::EXCLUDE,
    Keyword::LIKE,
];

pub fn column_definitions(ctx: &StatementCtx) -> Vec<ColumnDef> {
    if is_create_table(ctx) {
        create_table_columns(ctx)
    } else if ctx.starts_with(&[Keyword::ALTER, Keyword::TABLE]) {
        added_columns(ctx)
    } else {
        Vec::new()
    }
}

pub fn is_create_table(ctx: &StatementCtx) -> bool {
    // `CREATE VIRTUAL TABLE t USING fts5(…)` lists module arguments, not columns.
    ctx.keyword(0) == Some(Keyword::CREATE)
        && ctx.keyword(1) != Some(Keyword::VIRTUAL)
        && (1..ctx.tokens.len().min(4)).any(|i| ctx.keyword(i) == Some(Keyword::TABLE))
}

/// Columns between the table's parentheses: elements split at depth-1 commas.
fn create_table_columns(ctx: &StatementCtx) -> Vec<ColumnDef> {
    let Some(open) = ctx.tokens.iter().position(|t| t.kind == SqlToken::LParen) else {
        return Vec::new();
    };
    // `CREATE TABLE t AS SELECT (…)` has no column list, and PostgreSQL's
    // `PARTITION OF p (…)` / `OF type (…)` only add constraints to inherited columns.
    if (0..open).any(|i| matches!(ctx.keyword(i), Some(Keyword::AS | Keyword::OF))) {
        return Vec::new();
    }
    let close = ctx.matching_paren(open).unwrap_or(ctx.tokens.len());
    split_top_level(ctx, open + 1..close)
        .into_iter()
        .filter_map(|element| column_at(ctx, element))
        .collect()
}

/// `ALTER TABLE t ADD [COLUMN] [IF NOT EXISTS] c type …, ADD …`.
fn added_columns(ctx: &StatementCtx) -> Vec<ColumnDef> {
    split_top_level(ctx, 0..ctx.tokens.len())
        .into_iter()
        .filter_map(|action| {
            let add = action
                .clone()
                .find(|&i| ctx.keyword(i) == Some(Keyword::ADD))?;
            let mut start = add + 1;
            if ctx.keyword(start) == Some(Keyword::COLUMN) {
                start += 1;
            }
            while matches!(
                ctx.keyword(start),
                Some(Keyword::IF | Keyword::NOT | Keyword::EXISTS)
            ) {
                start += 1;
            }
            column_at(ctx, start..action.end)
        })
        .collect()
}

fn column_at(ctx: &StatementCtx, element: Range<usize>) -> Option<ColumnDef> {
    let name = element.start;
    if element.is_empty()
        || keyword(&ctx.tokens[name]).is_some_and(|k| TABLE_CONSTRAINT_START.contains(&k))
    {
        return None;
    }
    let mut type_end = name + 1;
    let mut depth = 0usize;
    while type_end < element.end {
        match &ctx.tokens[type_end].kind {
            SqlToken::LParen | SqlToken::LBracket => depth += 1,
            SqlToken::RParen | SqlToken::RBracket => depth = depth.saturating_sub(1),
            _ if depth == 0
                && ctx
                    .keyword(type_end)
                    .is_some_and(|k| CONSTRAINT_START.contains(&k)) =>
            {
                break;
            }
            _ => {}
        }
        type_end += 1;
    }
    Some(ColumnDef {
        name,
        data_type: name + 1..type_end,
        constraints: type_end..element.end,
    })
}

/// Splits token indices `range` at commas outside parentheses and brackets.
pub(crate) fn split_top_level(ctx: &StatementCtx, range: Range<usize>) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let mut start = range.start;
    let mut depth = 0usize;
    for i in range.clone() {
        match ctx.tokens[i].kind {
            SqlToken::LParen | SqlToken::LBracket => depth += 1,
            SqlToken::RParen | SqlToken::RBracket => depth = depth.saturating_sub(1),
            SqlToken::Comma if depth == 0 => {
                parts.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(start..range.end);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::with_statement;

    fn columns(sql: &str) -> Vec<(String, String, String)> {
        with_statement(sql, |ctx| {
            column_definitions(ctx)
                .into_iter()
                .map(|c| {
                    let text = |r: Range<usize>| {
                        if r.is_empty() {
                            String::new()
                        } else {
                            ctx.text(&ctx.token_span(r.start, r.end - 1)).to_string()
                        }
                    };
                    (
                        text(c.name..c.name + 1),
                        text(c.data_type),
                        text(c.constraints),
                    )
                })
                .collect()
        })
    }

    #[test]
    fn finds_types_and_constraints_of_created_columns() {
        let got = columns(
            "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY AUTOINCREMENT, at TIMESTAMP WITH TIME ZONE NOT NULL, \
             tags VARCHAR(10)[], bare, CONSTRAINT pk UNIQUE (at, tags))",
        );
        let expected = [
            ("id", "INTEGER", "PRIMARY KEY AUTOINCREMENT"),
            ("at", "TIMESTAMP WITH TIME ZONE", "NOT NULL"),
            ("tags", "VARCHAR(10)[]", ""),
            ("bare", "", ""),
        ];
        let expected: Vec<(String, String, String)> = expected
            .iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn partitions_and_typed_tables_declare_no_columns() {
        assert!(columns("CREATE TABLE m_2020 PARTITION OF m FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')").is_empty());
        assert!(columns("CREATE TABLE typed OF pair (a PRIMARY KEY)").is_empty());
    }

    #[test]
    fn finds_columns_added_by_alter_table() {
        let got = columns(
            "ALTER TABLE t ADD COLUMN IF NOT EXISTS a BLOB, ADD b DOUBLE DEFAULT 0, DROP COLUMN c",
        );
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].0.as_str(), got[0].1.as_str()), ("a", "BLOB"));
        assert_eq!(
            (got[1].0.as_str(), got[1].1.as_str(), got[1].2.as_str()),
            ("b", "DOUBLE", "DEFAULT 0")
        );
    }
}
