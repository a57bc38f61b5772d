//! Column and CAST types that SQLite accepts (it accepts any name) and
//! PostgreSQL does not know: `DATETIME`, `BLOB`, `DOUBLE`, `TINYINT`,
//! `TINY INT`, `INT UNSIGNED`, `FOO(1)`…

use sqlparser::keywords::Keyword;
use std::ops::Range;

use sqlparser::tokenizer::Token as SqlToken;

use crate::rules::context::StatementCtx;
use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::{FixAvailability, Rule, Sink};

pub static RULE: Rule = Rule {
    id: "sqlite-type-name",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "type names PostgreSQL does not know (`DATETIME`, `BLOB`, `DOUBLE`, `TINYINT`…)",
    fix: FixAvailability::Unsafe,
    check,
    // Column definitions (`CREATE TABLE` / `ALTER TABLE`) or `CAST(… AS type)`.
    triggers: &[Keyword::TABLE, Keyword::CAST],
    ..Rule::DEFAULT
};

/// One-word type names PostgreSQL knows (built in or from common extensions).
const POSTGRES_TYPES: &[&str] = &[
    "int", "integer", "int2", "int4", "int8", "smallint", "bigint", "real", "float", "float4", "float8",
    "numeric", "decimal", "dec", "boolean", "bool", "text", "varchar", "char", "character", "bpchar", "nchar",
    "name", "date", "time", "timestamp", "timestamptz", "timetz", "interval", "bytea", "uuid", "json", "jsonb",
    "jsonpath", "xml", "serial", "bigserial", "smallserial", "serial2", "serial4", "serial8", "money", "inet",
    "cidr", "macaddr", "macaddr8", "bit", "varbit", "tsvector", "tsquery", "point", "line", "lseg", "box", "path",
    "polygon", "circle", "oid", "regclass", "regtype", "regproc", "int4range", "int8range", "numrange", "tsrange",
    "tstzrange", "daterange", "citext", "hstore", "ltree", "geometry", "geography", "vector", "pg_lsn",
];

/// Several-word names PostgreSQL knows.
const POSTGRES_MULTI_WORD_TYPES: &[&str] = &[
    "double precision", "character varying", "char varying", "national character", "national char",
    "national character varying", "national char varying", "nchar varying", "bit varying",
    "timestamp with time zone", "timestamp without time zone", "time with time zone", "time without time zone",
];

/// Known types that take a length or precision; the others reject one (`INT(11)`).
const TAKES_MODIFIERS: &[&str] = &[
    "varchar", "char", "character", "nchar", "bpchar", "numeric", "decimal", "dec", "float", "time", "timestamp",
    "timestamptz", "timetz", "interval", "bit", "varbit", "vector", "geometry", "geography",
];

/// Words that end a type in PostgreSQL without being part of its name.
const AFTER_TYPE: &[&str] = &["array", "compression", "storage"];

/// Names SQLite and MySQL users write that PostgreSQL lacks, with the
/// replacement and whether SQLite gives the replacement the same affinity.
const REPLACEMENTS: &[(&str, &str, Applicability)] = &[
    ("datetime", "TIMESTAMP", Applicability::Safe),
    ("double", "DOUBLE PRECISION", Applicability::Safe),
    ("blob", "BYTEA", Applicability::Unsafe),
    ("tinyblob", "BYTEA", Applicability::Unsafe),
    ("mediumblob", "BYTEA", Applicability::Unsafe),
    ("longblob", "BYTEA", Applicability::Unsafe),
    ("tinyint", "SMALLINT", Applicability::Unsafe),
    ("mediumint", "INTEGER", Applicability::Safe),
    ("nvarchar", "VARCHAR", Applicability::Safe),
    ("clob", "TEXT", Applicability::Safe),
    ("tinytext", "TEXT", Applicability::Safe),
    ("mediumtext", "TEXT", Applicability::Safe),
    ("longtext", "TEXT", Applicability::Safe),
    ("number", "NUMERIC", Applicability::Safe),
    ("string", "TEXT", Applicability::Unsafe),
    ("datetime2", "TIMESTAMP", Applicability::Safe),
    ("smalldatetime", "TIMESTAMP", Applicability::Safe),
];

/// Other one-word names PostgreSQL rejects although it has no replacement for them.
const UNKNOWN_TO_POSTGRES: &[&str] = &["year", "unsigned", "any", "nclob", "varchar2", "nvarchar2", "ntext", "image"];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let mut types: Vec<Range<usize>> = ctx
        .column_definitions()
        .iter()
        .map(|c| c.data_type.clone())
        .collect();
    types.extend(cast_types(ctx));
    for range in types {
        check_type(ctx, out, range);
    }
}

fn check_type(ctx: &StatementCtx, out: &mut Sink, range: Range<usize>) {
    let Some(words) = type_words(ctx, &range) else {
        return;
    };
    let Some(&first) = words.first() else {
        return;
    };
    let name = words
        .iter()
        .map(|&i| ctx.bare_word(i).unwrap_or("").to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    let has_arguments = range.clone().any(|i| ctx.tokens[i].kind == SqlToken::LParen);
    let known = if words.len() == 1 {
        POSTGRES_TYPES.contains(&name.as_str())
    } else {
        POSTGRES_MULTI_WORD_TYPES.contains(&name.as_str()) || name.starts_with("interval ")
    };
    let replacement = REPLACEMENTS.iter().find(|(n, ..)| *n == name);
    // `INT(11)`, `TEXT(100)`: MySQL display widths, which SQLite ignores.
    let needless_modifier = known
        && has_arguments
        && !TAKES_MODIFIERS.contains(&ctx.bare_word(first).unwrap_or("").to_ascii_lowercase().as_str());
    if needless_modifier {
        report_needless_modifier(ctx, out, &range, first);
        return;
    }
    let rejected = !known
        && (words.len() > 1
            || replacement.is_some()
            || UNKNOWN_TO_POSTGRES.contains(&name.as_str())
            // A user-defined type (an enum, a domain) never takes a length.
            || has_arguments);
    if !rejected {
        return;
    }
    let last = words.last().copied().unwrap_or(first).max(range.end - 1);
    let span = ctx.token_span(first, last);
    let written = ctx.text(&span);
    let help = match replacement {
        Some((_, portable, _)) => format!(
            "write `{portable}`: PostgreSQL knows it, and SQLite accepts any type name{}",
            if matches!(replacement, Some((_, _, Applicability::Safe))) {
                " and gives this one the same affinity"
            } else {
                " (check the column's affinity: SQLite derives it from the name)"
            }
        ),
        None => "use a type both engines name the same way: INTEGER, BIGINT, SMALLINT, REAL, DOUBLE PRECISION, \
                 NUMERIC(p, s), TEXT, VARCHAR(n), BOOLEAN, TIMESTAMP, DATE, BYTEA"
            .to_string(),
    };
    let diagnostic = out.report(
        span.clone(),
        format!("PostgreSQL has no type `{written}`; SQLite accepts any type name, PostgreSQL rejects this one"),
        help,
    );
    if let Some((_, portable, applicability)) = replacement {
        diagnostic.with_fix(Fix {
            applicability: *applicability,
            message: format!("write `{portable}`"),
            edits: vec![Edit {
                span: ctx.tokens[first].span.clone(),
                replacement: portable.to_string(),
            }],
        });
    }
}

fn report_needless_modifier(ctx: &StatementCtx, out: &mut Sink, range: &Range<usize>, first: usize) {
    let Some(open) = range.clone().find(|&i| ctx.tokens[i].kind == SqlToken::LParen) else {
        return;
    };
    let Some(close) = ctx.matching_paren(open) else {
        return;
    };
    let span = ctx.token_span(first, close);
    let without = ctx.text(&ctx.token_span(first, open - 1)).to_string();
    out.report(
        span.clone(),
        format!("`{}`: PostgreSQL's {without} takes no length or precision and rejects the parentheses", ctx.text(&span)),
        format!("write `{without}`: SQLite ignored the number anyway"),
    )
    .with_fix(Fix::removal(
        Applicability::Safe,
        format!("write `{without}`"),
        ctx.tokens[open - 1].span.end..ctx.tokens[close].span.end,
    ));
}

/// The bare words that name a type (outside its parentheses), or `None` when
/// the type is quoted or schema-qualified: a user-defined type.
fn type_words(ctx: &StatementCtx, range: &Range<usize>) -> Option<Vec<usize>> {
    let mut words = Vec::new();
    let mut depth = 0usize;
    for i in range.clone() {
        match &ctx.tokens[i].kind {
            SqlToken::LParen | SqlToken::LBracket => depth += 1,
            SqlToken::RParen | SqlToken::RBracket => depth = depth.saturating_sub(1),
            SqlToken::Period => return None,
            SqlToken::Word(w) if depth == 0 => {
                if w.quote_style.is_some() {
                    // `text[]` reaches us as a bracket-quoted empty name.
                    if w.quote_style == Some('[') {
                        continue;
                    }
                    return None;
                }
                if AFTER_TYPE.iter().any(|a| w.value.eq_ignore_ascii_case(a)) {
                    break;
                }
                words.push(i);
            }
            _ => {}
        }
    }
    Some(words)
}

/// The type tokens of every `CAST(x AS type)`.
fn cast_types(ctx: &StatementCtx) -> Vec<Range<usize>> {
    let mut types = Vec::new();
    for i in 0..ctx.tokens.len() {
        if !ctx.is_word(i, "CAST") || ctx.tokens.get(i + 1).is_none_or(|t| t.kind != SqlToken::LParen) {
            continue;
        }
        let Some(close) = ctx.matching_paren(i + 1) else {
            continue;
        };
        let mut depth = 0usize;
        for j in i + 2..close {
            match ctx.tokens[j].kind {
                SqlToken::LParen => depth += 1,
                SqlToken::RParen => depth = depth.saturating_sub(1),
                _ if depth == 0 && ctx.is_word(j, "AS") => {
                    types.push(j + 1..close);
                    break;
                }
                _ => {}
            }
        }
    }
    types
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, fixed, flagged};

    #[test]
    fn flags_sqlite_only_names() {
        let sql = "CREATE TABLE t (a DATETIME NOT NULL, b BLOB, c DOUBLE, d TINY INT, e INT UNSIGNED, f LOL_T(1), \
                   g NVARCHAR(10) DEFAULT '', h DOUBLE PRECISION, i TIMESTAMP(3) WITH TIME ZONE, j text[], k my_enum);";
        assert_eq!(
            flagged(&super::RULE, sql),
            ["DATETIME", "BLOB", "DOUBLE", "TINY INT", "INT UNSIGNED", "LOL_T(1)", "NVARCHAR(10)"]
        );
    }

    #[test]
    fn flags_lengths_on_types_that_take_none() {
        let sql = "CREATE TABLE t (a INT(11), b BIGINT(20) NOT NULL, c VARCHAR(10), d NUMERIC(10, 2), e FLOAT(10));";
        assert_eq!(flagged(&super::RULE, sql), ["INT(11)", "BIGINT(20)"]);
        assert_eq!(
            fixed(&super::RULE, sql),
            "CREATE TABLE t (a INT, b BIGINT NOT NULL, c VARCHAR(10), d NUMERIC(10, 2), e FLOAT(10));"
        );
    }

    #[test]
    fn flags_cast_targets_and_added_columns() {
        assert_eq!(flagged(&super::RULE, "SELECT CAST(x AS DATETIME) FROM t;"), ["DATETIME"]);
        assert_eq!(flagged(&super::RULE, "ALTER TABLE t ADD COLUMN b blob;"), ["blob"]);
        assert!(flagged(&super::RULE, "SELECT CAST(x AS BIGINT), 'BLOB' FROM t -- DATETIME\n;").is_empty());
    }

    #[test]
    fn fixes_with_the_portable_name() {
        assert_eq!(
            fixed(&super::RULE, "CREATE TABLE t (a DATETIME, b DOUBLE, c BLOB);"),
            "CREATE TABLE t (a TIMESTAMP, b DOUBLE PRECISION, c BYTEA);"
        );
        let blob = &findings(&super::RULE, "CREATE TABLE t (c BLOB);")[0];
        assert_eq!(blob.fix.as_ref().unwrap().applicability, crate::diagnostic::Applicability::Unsafe);
    }

    #[test]
    fn flags_unparsable_statements() {
        assert_eq!(flagged(&super::RULE, "CREATE TABLE t (a DATETIME, b, c INT) STRICT, WITHOUT ROWID ((;"), ["DATETIME"]);
    }
}
