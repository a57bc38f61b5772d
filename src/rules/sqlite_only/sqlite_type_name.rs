//! Column and CAST types that SQLite accepts (it accepts any name) and
//! PostgreSQL does not know: `DATETIME`, `BLOB`, `DOUBLE`, `TINYINT`,
//! `TINY INT`, `INT UNSIGNED`, `FOO(1)`…

use sqlparser::keywords::Keyword;

use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::context::StatementCtx;
use crate::rules::{FixAvailability, Rule, Sink};
use crate::syntax::model::type_name::{Modifiers, TypeName};

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
    "int",
    "integer",
    "int2",
    "int4",
    "int8",
    "smallint",
    "bigint",
    "real",
    "float",
    "float4",
    "float8",
    "numeric",
    "decimal",
    "dec",
    "boolean",
    "bool",
    "text",
    "varchar",
    "char",
    "character",
    "bpchar",
    "nchar",
    "name",
    "date",
    "time",
    "timestamp",
    "timestamptz",
    "timetz",
    "interval",
    "bytea",
    "uuid",
    "json",
    "jsonb",
    "jsonpath",
    "xml",
    "serial",
    "bigserial",
    "smallserial",
    "serial2",
    "serial4",
    "serial8",
    "money",
    "inet",
    "cidr",
    "macaddr",
    "macaddr8",
    "bit",
    "varbit",
    "tsvector",
    "tsquery",
    "point",
    "line",
    "lseg",
    "box",
    "path",
    "polygon",
    "circle",
    "oid",
    "regclass",
    "regtype",
    "regproc",
    "int4range",
    "int8range",
    "numrange",
    "tsrange",
    "tstzrange",
    "daterange",
    "citext",
    "hstore",
    "ltree",
    "geometry",
    "geography",
    "vector",
    "pg_lsn",
];

/// Several-word names PostgreSQL knows.
const POSTGRES_MULTI_WORD_TYPES: &[&str] = &[
    "double precision",
    "character varying",
    "char varying",
    "national character",
    "national char",
    "national character varying",
    "national char varying",
    "nchar varying",
    "bit varying",
    "timestamp with time zone",
    "timestamp without time zone",
    "time with time zone",
    "time without time zone",
];

/// Known types that take a length or precision; the others reject one (`INT(11)`).
const TAKES_MODIFIERS: &[&str] = &[
    "varchar",
    "char",
    "character",
    "nchar",
    "bpchar",
    "numeric",
    "decimal",
    "dec",
    "float",
    "time",
    "timestamp",
    "timestamptz",
    "timetz",
    "interval",
    "bit",
    "varbit",
    "vector",
    "geometry",
    "geography",
];

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
const UNKNOWN_TO_POSTGRES: &[&str] = &[
    "year",
    "unsigned",
    "any",
    "nclob",
    "varchar2",
    "nvarchar2",
    "ntext",
    "image",
];

fn check(ctx: &StatementCtx, out: &mut Sink) {
    let model = ctx.model();
    let columns = model.columns.iter().filter_map(|c| c.type_name.as_ref());
    // `x::t` is `postgres-cast-operator`'s: PostgreSQL syntax to begin with.
    let casts = model
        .casts
        .iter()
        .filter(|c| !c.double_colon)
        .filter_map(|c| c.type_name.as_ref());
    for type_name in columns.chain(casts) {
        check_type(ctx, out, type_name);
    }
}

fn check_type(ctx: &StatementCtx, out: &mut Sink, type_name: &TypeName) {
    let name = type_name.name.as_str();
    let first_word = name.split(' ').next().unwrap_or(name);
    let known = if type_name.words == 1 {
        POSTGRES_TYPES.contains(&name)
    } else {
        POSTGRES_MULTI_WORD_TYPES.contains(&name) || name.starts_with("interval ")
    };
    let replacement = REPLACEMENTS.iter().find(|(n, ..)| *n == name);
    // `INT(11)`, `TEXT(100)`: MySQL display widths, which SQLite ignores.
    if let Some(modifiers) = &type_name.modifiers
        && known
        && !TAKES_MODIFIERS.contains(&first_word)
    {
        report_needless_modifier(ctx, out, modifiers);
        return;
    }
    let rejected = !known
        && (type_name.words > 1
            || replacement.is_some()
            || UNKNOWN_TO_POSTGRES.contains(&name)
            // A user-defined type (an enum, a domain) never takes a length.
            || type_name.modifiers.is_some());
    if !rejected {
        return;
    }
    let span = type_name.span.clone();
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
        span,
        format!("PostgreSQL has no type `{written}`; SQLite accepts any type name, PostgreSQL rejects this one"),
        help,
    );
    if let Some((_, portable, applicability)) = replacement {
        diagnostic.with_fix(Fix {
            applicability: *applicability,
            message: format!("write `{portable}`"),
            edits: vec![Edit {
                span: type_name.first_word.clone(),
                replacement: portable.to_string(),
            }],
        });
    }
}

fn report_needless_modifier(ctx: &StatementCtx, out: &mut Sink, modifiers: &Modifiers) {
    let without = ctx.text(&modifiers.before).to_string();
    out.report(
        modifiers.span.clone(),
        format!(
            "`{}`: PostgreSQL's {without} takes no length or precision and rejects the parentheses",
            ctx.text(&modifiers.span)
        ),
        format!("write `{without}`: SQLite ignored the number anyway"),
    )
    .with_fix(Fix::removal(
        Applicability::Safe,
        format!("write `{without}`"),
        modifiers.removal.clone(),
    ));
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
            [
                "DATETIME",
                "BLOB",
                "DOUBLE",
                "TINY INT",
                "INT UNSIGNED",
                "LOL_T(1)",
                "NVARCHAR(10)"
            ]
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
        assert_eq!(
            flagged(&super::RULE, "SELECT CAST(x AS DATETIME) FROM t;"),
            ["DATETIME"]
        );
        assert_eq!(
            flagged(&super::RULE, "ALTER TABLE t ADD COLUMN b blob;"),
            ["blob"]
        );
        assert!(
            flagged(
                &super::RULE,
                "SELECT CAST(x AS BIGINT), 'BLOB' FROM t -- DATETIME\n;"
            )
            .is_empty()
        );
    }

    #[test]
    fn fixes_with_the_portable_name() {
        assert_eq!(
            fixed(
                &super::RULE,
                "CREATE TABLE t (a DATETIME, b DOUBLE, c BLOB);"
            ),
            "CREATE TABLE t (a TIMESTAMP, b DOUBLE PRECISION, c BYTEA);"
        );
        let blob = &findings(&super::RULE, "CREATE TABLE t (c BLOB);")[0];
        assert_eq!(
            blob.fix.as_ref().unwrap().applicability,
            crate::diagnostic::Applicability::Unsafe
        );
    }

    #[test]
    fn flags_unparsable_statements() {
        assert_eq!(
            flagged(
                &super::RULE,
                "CREATE TABLE t (a DATETIME, b, c INT) STRICT, WITHOUT ROWID ((;"
            ),
            ["DATETIME"]
        );
    }
}
