//! Bare names that PostgreSQL reserves: `CREATE TABLE user`, `desc TEXT`,
//! `UPDATE t SET order = 1`, `User.id`. SQLite lets most keywords be names;
//! PostgreSQL's reserved words must be double-quoted.

use std::ops::ControlFlow;
use std::sync::LazyLock;

use sqlparser::ast::{Expr, visit_expressions};

use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::diagnostic::{Applicability, Edit, Engine, Fix, Severity};
use crate::rules::context::{StatementCtx, double_quoted};
use crate::rules::{FixAvailability, Rule, Sink};
use crate::syntax::gate::WordSet;
use crate::syntax::model::clauses::{ClauseKind, clauses_of};

pub static RULE: Rule = Rule {
    id: "reserved-word-identifier",
    group: "sqlite_only",
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "bare names PostgreSQL reserves (`user`, `desc`, `order`, `end`…): quote or rename them",
    fix: FixAvailability::Unsafe,
    check,
    ..Rule::DEFAULT
};

/// PostgreSQL 15's reserved key words and those that may only name a function
/// or type (`pg_get_keywords()` categories R and T), neither of which names a
/// table or column there, kept to those SQLite 3.40 accepts as names: the
/// others (`from`, `order`, `where`…) are broken SQL on both engines.
const POSTGRES_RESERVED: &[&str] = &[
    "analyse",
    "analyze",
    "any",
    "array",
    "asc",
    "asymmetric",
    "both",
    "cast",
    "column",
    "current_catalog",
    "current_date",
    "current_role",
    "current_time",
    "current_timestamp",
    "current_user",
    "desc",
    "do",
    "end",
    "false",
    "fetch",
    "for",
    "grant",
    "initially",
    "lateral",
    "leading",
    "localtime",
    "localtimestamp",
    "offset",
    "only",
    "placing",
    "session_user",
    "some",
    "symmetric",
    "trailing",
    "true",
    "user",
    "variadic",
    "window",
    "with",
    "authorization",
    "binary",
    "collation",
    "concurrently",
    "cross",
    "current_schema",
    "freeze",
    "full",
    "ilike",
    "inner",
    "left",
    "like",
    "natural",
    "outer",
    "overlaps",
    "right",
    "similar",
    "tablesample",
    "verbose",
];

/// Reserved words that PostgreSQL reads as a function call where a table
/// may stand: `FROM user` runs, and returns the current role.
const VALUE_FUNCTIONS: &[&str] = &[
    "user",
    "current_user",
    "session_user",
    "current_role",
    "current_catalog",
    "current_schema",
    "current_date",
    "current_time",
    "current_timestamp",
    "localtime",
    "localtimestamp",
];

static RESERVED_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(POSTGRES_RESERVED));
static NEVER_AN_OPERAND_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(NEVER_AN_OPERAND));

fn check(ctx: &StatementCtx, out: &mut Sink) {
    // One cheap pass first: most statements hold no reserved word at all.
    if !ctx.tokens.iter().any(|t| RESERVED_SET.matches(t)) {
        return;
    }
    let mut names = name_tokens(ctx);
    names.extend(qualifiers(ctx));
    names.extend(expression_operands(ctx));
    names.extend(lateral_columns(ctx));
    names.sort_unstable();
    names.dedup();
    for i in names {
        let Some(word) = ctx.bare_word(i) else {
            continue;
        };
        let lower = word.to_ascii_lowercase();
        if !POSTGRES_RESERVED.contains(&lower.as_str()) {
            continue;
        }
        // `SELECT * FROM user` runs on PostgreSQL (one row: the role);
        // `SELECT id FROM user` fails there, as does any non-SELECT use.
        let read_as_function = VALUE_FUNCTIONS.contains(&lower.as_str())
            && after_from_or_join(ctx, i)
            && is_query(ctx)
            && !names_a_column(ctx, i);
        let column_of_function = VALUE_FUNCTIONS.contains(&lower.as_str())
            && after_from_or_join(ctx, i)
            && is_query(ctx)
            && !read_as_function;
        let quoted = double_quoted(word);
        let diagnostic = out.report(
            ctx.tokens[i].span.clone(),
            if read_as_function {
                format!("`{word}` names a table here, but PostgreSQL reads it as its `{lower}` function and returns one row with a role or date")
            } else if column_of_function {
                format!("`{word}` names a table here, but PostgreSQL reads it as its `{lower}` function, whose one row has none of the columns named here: `column … does not exist`")
            } else {
                format!("`{word}` is a reserved word in PostgreSQL, which rejects it as a bare name; SQLite accepts it")
            },
            format!("rename it (`users`, `description`, `sort_order`…), or write {quoted} here and at every other use, on both engines"),
        );
        if read_as_function {
            // Both engines run it; the result differs.
            diagnostic.severity = Severity::Warning;
        }
        diagnostic.with_fix(Fix {
            // Quoting one use is not enough: every reference must be quoted the same way.
            applicability: Applicability::Unsafe,
            message: format!("quote `{word}` as {quoted}"),
            edits: vec![Edit {
                span: ctx.tokens[i].span.clone(),
                replacement: quoted,
            }],
        });
    }
}

/// The words that may precede `TABLE`, `INDEX`, `VIEW` or `TRIGGER` in a statement that names one.
fn is_statement_verb(k: Keyword) -> bool {
    matches!(
        k,
        Keyword::CREATE
            | Keyword::DROP
            | Keyword::ALTER
            | Keyword::LOCK
            | Keyword::TRUNCATE
            | Keyword::UNIQUE
            | Keyword::OR
            | Keyword::REPLACE
            | Keyword::TEMP
            | Keyword::TEMPORARY
            | Keyword::MATERIALIZED
            | Keyword::RECURSIVE
            | Keyword::UNLOGGED
            | Keyword::GLOBAL
            | Keyword::LOCAL
            | Keyword::CONSTRAINT
    )
}

/// A query: what PostgreSQL may run with a value function in its FROM.
fn is_query(ctx: &StatementCtx) -> bool {
    matches!(kw(ctx, 0), Keyword::SELECT | Keyword::WITH)
}

/// Whether the query names a column, which the one-row result of a value
/// function read from `FROM user` (token `at`) does not have: a bare column
/// (`SELECT id`, `WHERE id = 1`) or one qualified by `user` or its alias
/// (`u.id`). Read from the AST; a statement that did not parse names none.
fn names_a_column(ctx: &StatementCtx, at: usize) -> bool {
    let Some(ast) = ctx.ast else {
        return false;
    };
    let alias = match kw(ctx, at + 1) {
        Keyword::AS => ctx.bare_word(at + 2),
        Keyword::NoKeyword => ctx.bare_word(at + 1),
        _ => None,
    };
    let function = ctx.bare_word(at).unwrap_or_default();
    // With other tables (a join, a subquery), a bare column may be theirs.
    let only_table = (0..ctx.tokens.len())
        .filter(|&i| matches!(kw(ctx, i), Keyword::FROM | Keyword::JOIN))
        .count()
        == 1;
    let found = visit_expressions(ast, |expr| {
        let column = match expr {
            Expr::Identifier(_) => only_table,
            Expr::CompoundIdentifier(parts) => parts.first().is_some_and(|q| {
                q.value.eq_ignore_ascii_case(function)
                    || alias.is_some_and(|a| q.value.eq_ignore_ascii_case(a))
            }),
            _ => false,
        };
        if column {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    found.is_break()
}

fn after_from_or_join(ctx: &StatementCtx, i: usize) -> bool {
    i.checked_sub(1)
        .is_some_and(|p| matches!(kw(ctx, p), Keyword::FROM | Keyword::JOIN))
}

/// The keyword of token `i` (`NoKeyword` for anything else). Every word this
/// rule looks for is a sqlparser keyword, and a token's keyword is `K`
/// exactly when it is the unquoted word `K`, so one integer compare stands
/// for a case-insensitive string compare.
fn kw(ctx: &StatementCtx, i: usize) -> Keyword {
    ctx.keyword(i).unwrap_or(Keyword::NoKeyword)
}

/// Tokens that stand where a table, index or column name must: after
/// `TABLE`, `INTO`, `FROM`, `JOIN`, `UPDATE`, `REFERENCES`, `INDEX`…, column
/// definitions, column lists, `SET col =`, `RENAME … TO name`.
pub(crate) fn name_tokens(ctx: &StatementCtx) -> Vec<usize> {
    let mut names: Vec<usize> = ctx.column_definitions().iter().map(|c| c.name).collect();
    let renames = (0..ctx.tokens.len()).any(|i| kw(ctx, i) == Keyword::RENAME);
    let defines_trigger_or_index =
        (1..4).any(|i| matches!(kw(ctx, i), Keyword::INDEX | Keyword::TRIGGER));
    for i in 0..ctx.tokens.len() {
        if !introduces_name(ctx, i, renames, defines_trigger_or_index) {
            continue;
        }
        let mut name = i + 1;
        // `UPDATE OR IGNORE t`: the name follows the conflict clause.
        if kw(ctx, i) == Keyword::UPDATE && kw(ctx, name) == Keyword::OR {
            name += 2;
        }
        while matches!(
            kw(ctx, name),
            Keyword::IF
                | Keyword::NOT
                | Keyword::EXISTS
                | Keyword::COLUMN
                | Keyword::ONLY
                | Keyword::LATERAL
                | Keyword::CONCURRENTLY
        ) {
            name += 1;
        }
        // `CREATE INDEX ON t (…)`: PostgreSQL's unnamed index.
        if name >= ctx.tokens.len() || kw(ctx, name) == Keyword::ON {
            continue;
        }
        names.push(name);
        // `t (a, b)`: the column list that follows a table name.
        if ctx
            .tokens
            .get(name + 1)
            .is_some_and(|t| t.kind == SqlToken::LParen)
            && !is_column_definitions(ctx, i)
        {
            names.extend(list_elements(ctx, name + 1));
        }
    }
    for i in 0..ctx.tokens.len() {
        let k = kw(ctx, i);
        let key_list = matches!(k, Keyword::KEY | Keyword::UNIQUE)
            && ctx
                .tokens
                .get(i + 1)
                .is_some_and(|t| t.kind == SqlToken::LParen);
        if key_list {
            names.extend(list_elements(ctx, i + 1));
        }
        if k == Keyword::SET {
            names.extend(assignment_targets(ctx, i + 1));
        }
    }
    names
}

/// Whether token `i` is a word after which a name stands.
fn introduces_name(
    ctx: &StatementCtx,
    i: usize,
    renames: bool,
    defines_trigger_or_index: bool,
) -> bool {
    match kw(ctx, i) {
        // `CREATE [UNIQUE] INDEX`, `DROP VIEW`…, not `RETURNS TRIGGER` or `RETURNS TABLE (…)`.
        Keyword::TABLE | Keyword::INDEX | Keyword::VIEW | Keyword::TRIGGER
            if (0..i).all(|p| is_statement_verb(kw(ctx, p))) =>
        {
            true
        }
        Keyword::INTO | Keyword::JOIN | Keyword::REFERENCES => true,
        Keyword::FROM => {
            !in_special_call(ctx, i) && kw(ctx, i.wrapping_sub(1)) != Keyword::DISTINCT
        }
        Keyword::UPDATE => i == 0,
        Keyword::ON => defines_trigger_or_index,
        Keyword::TO => renames,
        Keyword::DROP | Keyword::RENAME => kw(ctx, i + 1) == Keyword::COLUMN,
        _ => false,
    }
}

/// `CREATE TABLE t (…)` and `ALTER TABLE`: the parentheses hold column
/// definitions, which `column_definitions` already found.
fn is_column_definitions(ctx: &StatementCtx, introducer: usize) -> bool {
    kw(ctx, introducer) == Keyword::TABLE && kw(ctx, 0) != Keyword::LOCK
}

/// The first token of each element of the list opened at `open`.
fn list_elements(ctx: &StatementCtx, open: usize) -> Vec<usize> {
    let Some(close) = ctx.matching_paren(open) else {
        return Vec::new();
    };
    let mut elements = vec![open + 1];
    let mut depth = 0usize;
    for i in open + 1..close {
        match ctx.tokens[i].kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen => depth = depth.saturating_sub(1),
            SqlToken::Comma if depth == 0 => elements.push(i + 1),
            _ => {}
        }
    }
    // `(lower(a), left(b, 3))`: an expression element, not a name.
    elements.retain(|&e| {
        e < close
            && ctx
                .tokens
                .get(e + 1)
                .is_none_or(|t| t.kind != SqlToken::LParen)
    });
    elements
}

/// `SET a = …, b = …`: each name directly followed by `=`.
fn assignment_targets(ctx: &StatementCtx, start: usize) -> Vec<usize> {
    let mut targets = Vec::new();
    let mut depth = 0usize;
    let mut element_start = true;
    for i in start..ctx.tokens.len() {
        match ctx.tokens[i].kind {
            SqlToken::LParen => depth += 1,
            SqlToken::RParen if depth == 0 => break,
            SqlToken::RParen => depth -= 1,
            SqlToken::Comma if depth == 0 => {
                element_start = true;
                continue;
            }
            _ if depth == 0
                && matches!(
                    kw(ctx, i),
                    Keyword::WHERE | Keyword::FROM | Keyword::RETURNING
                ) =>
            {
                break;
            }
            _ => {}
        }
        if element_start
            && ctx
                .tokens
                .get(i + 1)
                .is_some_and(|t| t.kind == SqlToken::Eq)
        {
            targets.push(i);
        }
        element_start = false;
    }
    targets
}

/// `EXTRACT(x FROM y)`, `SUBSTRING(x FROM n)`, `TRIM(BOTH FROM x)`: a FROM
/// inside these calls introduces a value, not a table.
fn in_special_call(ctx: &StatementCtx, from: usize) -> bool {
    let mut depth = 0usize;
    for p in (0..from).rev() {
        match ctx.tokens[p].kind {
            SqlToken::RParen => depth += 1,
            SqlToken::LParen if depth > 0 => depth -= 1,
            SqlToken::LParen => {
                return matches!(
                    kw(ctx, p.wrapping_sub(1)),
                    Keyword::EXTRACT
                        | Keyword::SUBSTRING
                        | Keyword::TRIM
                        | Keyword::OVERLAY
                        | Keyword::POSITION
                        | Keyword::NORMALIZE
                );
            }
            _ => {}
        }
    }
    false
}

/// Reserved words that can never start a PostgreSQL operand, unlike `user`,
/// `true`, `array`, `case` or the `left(…)` function.
const NEVER_AN_OPERAND: &[&str] = &[
    "desc",
    "asc",
    "end",
    "column",
    "offset",
    "do",
    "analyze",
    "analyse",
    "window",
    "freeze",
    "verbose",
    "tablesample",
    "authorization",
    "collation",
    "concurrently",
    "fetch",
    "grant",
    "binary",
    "outer",
    "inner",
    "cross",
    "natural",
    "full",
    "left",
    "right",
    "symmetric",
    "asymmetric",
];

/// Statements whose parenthesised option lists hold such words as options.
const OPTION_STATEMENTS: &[&str] = &[
    "VACUUM", "EXPLAIN", "ANALYZE", "ANALYSE", "COPY", "CLUSTER", "REINDEX", "GRANT", "REVOKE",
    "DO",
];

/// `SELECT desc FROM t`, `WHERE offset > 1`, `max(left)`: a column used as
/// an operand, where PostgreSQL expects an expression.
fn expression_operands(ctx: &StatementCtx) -> Vec<usize> {
    if OPTION_STATEMENTS.iter().any(|w| ctx.is_word(0, w)) {
        return Vec::new();
    }
    (1..ctx.tokens.len())
        .filter(|&i| {
            NEVER_AN_OPERAND_SET.matches(&ctx.tokens[i])
                && starts_operand(ctx, i - 1)
                && ctx
                    .tokens
                    .get(i + 1)
                    .is_none_or(|t| !matches!(t.kind, SqlToken::LParen | SqlToken::Period))
        })
        .collect()
}

/// `SELECT lateral FROM t`: a column named `lateral`, which PostgreSQL
/// rejects as a syntax error. `lateral` may start an operand's place as a
/// keyword too (`FROM a, LATERAL f(a.x)`), so the token position cannot
/// tell; the model can: the word is one of its identifiers, and no
/// `LATERAL` clause of its query. A statement no dialect parsed says nothing.
fn lateral_columns(ctx: &StatementCtx) -> Vec<usize> {
    if ctx.ast.is_none() {
        return Vec::new();
    }
    let model = ctx.model();
    let clause_at =
        |start: usize| clauses_of(model, ClauseKind::Lateral).any(|c| c.span.start == start);
    model
        .identifiers
        .iter()
        .filter(|ident| ident.quote.is_none() && ident.value.eq_ignore_ascii_case("lateral"))
        .filter(|ident| !clause_at(ident.span.start))
        .filter_map(|ident| {
            ctx.tokens
                .iter()
                .position(|t| t.span.start == ident.span.start)
        })
        .collect()
}

/// Whether an operand can start right after token `i`.
fn starts_operand(ctx: &StatementCtx, i: usize) -> bool {
    match &ctx.tokens[i].kind {
        SqlToken::Comma
        | SqlToken::LParen
        | SqlToken::Eq
        | SqlToken::Neq
        | SqlToken::Lt
        | SqlToken::Gt
        | SqlToken::LtEq
        | SqlToken::GtEq
        | SqlToken::Plus
        | SqlToken::Minus
        | SqlToken::Mul
        | SqlToken::Div
        | SqlToken::StringConcat => true,
        SqlToken::Word(w) if w.quote_style.is_none() => matches!(
            w.keyword,
            Keyword::SELECT
                | Keyword::DISTINCT
                | Keyword::WHERE
                | Keyword::AND
                | Keyword::OR
                | Keyword::NOT
                | Keyword::THEN
                | Keyword::ELSE
                | Keyword::WHEN
                | Keyword::HAVING
                | Keyword::RETURNING
                | Keyword::BY
        ),
        _ => false,
    }
}

/// `User.id`: a bare word that qualifies a name (the part after a dot may be any word).
fn qualifiers(ctx: &StatementCtx) -> Vec<usize> {
    (0..ctx.tokens.len().saturating_sub(2))
        .filter(|&i| {
            ctx.tokens[i + 1].kind == SqlToken::Period
                && matches!(ctx.tokens[i + 2].kind, SqlToken::Word(_) | SqlToken::Mul)
                && (i == 0 || ctx.tokens[i - 1].kind != SqlToken::Period)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, fixed, flagged};

    #[test]
    fn flags_reserved_names_in_name_positions() {
        assert_eq!(
            flagged(
                &super::RULE,
                "CREATE TABLE user (id INT, desc TEXT, \"order\" INT);"
            ),
            ["user", "desc"]
        );
        assert_eq!(
            flagged(
                &super::RULE,
                "ALTER TABLE user ADD `role` text DEFAULT 'user';"
            ),
            ["user"]
        );
        assert_eq!(
            flagged(
                &super::RULE,
                "UPDATE User SET desc = 1, b = 2 WHERE end = 3;"
            ),
            ["User", "desc", "end"]
        );
        assert_eq!(
            flagged(
                &super::RULE,
                "INSERT INTO t (id, desc) SELECT id, 'x' || User.id FROM \"User\";"
            ),
            ["desc", "User"]
        );
        assert_eq!(
            flagged(&super::RULE, "CREATE INDEX idx ON user(email);"),
            ["user"]
        );
        assert!(flagged(&super::RULE, "UPDATE OR IGNORE t SET a = 1;").is_empty());
        assert_eq!(
            fixed(&super::RULE, "CREATE TABLE t (desc TEXT);"),
            "CREATE TABLE t (\"desc\" TEXT);"
        );
    }

    #[test]
    fn flags_columns_used_as_operands() {
        let sql = "SELECT desc, max(left), t.end FROM t WHERE offset > 1 ORDER BY column;";
        assert_eq!(
            flagged(&super::RULE, sql),
            ["desc", "left", "offset", "column"]
        );
        let fine = "SELECT left(a, 2), CASE WHEN a THEN b ELSE c END FROM t ORDER BY a DESC, b ASC \
                    OFFSET 2 FETCH FIRST 1 ROWS ONLY;";
        assert!(flagged(&super::RULE, fine).is_empty());
        assert!(flagged(&super::RULE, "VACUUM (ANALYZE, VERBOSE) t;").is_empty());
        let fk = "CREATE TABLE u (a INT, CONSTRAINT x UNIQUE (a) DEFERRABLE INITIALLY DEFERRED);";
        assert!(flagged(&super::RULE, fk).is_empty());
    }

    #[test]
    fn flags_a_column_named_lateral_but_not_the_lateral_keyword() {
        // PostgreSQL 15: `SELECT lateral FROM t` is a syntax error at "lateral".
        assert_eq!(
            flagged(&super::RULE, "SELECT lateral FROM t WHERE lateral > 1;"),
            ["lateral", "lateral"]
        );
        let keyword = "SELECT * FROM t, LATERAL generate_series(1, t.n) AS g CROSS JOIN LATERAL (SELECT 1) AS x;";
        assert!(flagged(&super::RULE, keyword).is_empty());
    }

    #[test]
    fn silent_on_keywords_in_their_own_role() {
        let sql = "SELECT t.user, extract(epoch FROM current_timestamp), a IS DISTINCT FROM NULL FROM t \
                   LEFT JOIN LATERAL (SELECT 1) x ON true ORDER BY a DESC;";
        assert!(flagged(&super::RULE, sql).is_empty());
        let fk = "CREATE TABLE u (id INT, FOREIGN KEY (id) REFERENCES t (id) ON DELETE SET NULL);";
        assert!(flagged(&super::RULE, fk).is_empty());
        assert!(flagged(&super::RULE, "CREATE INDEX i ON t (a DESC, b);").is_empty());
        assert!(flagged(&super::RULE, "CREATE INDEX i ON t (left(name, 3));").is_empty());
    }

    #[test]
    fn silent_on_sql_broken_on_both_engines() {
        assert!(flagged(&super::RULE, "SELECT FROM WHERE;").is_empty());
    }

    #[test]
    fn from_user_is_a_warning_postgres_runs_it() {
        for sql in [
            "SELECT * FROM user;",
            "SELECT count(*) FROM user",
            "SELECT u.* FROM user u",
            "SELECT 1 FROM user AS u",
        ] {
            let found = findings(&super::RULE, sql);
            assert_eq!(found.len(), 1, "{sql}");
            assert_eq!(found[0].severity, crate::Severity::Warning, "{sql}");
        }
        // `name` may be a column of `t`: not claimed for the function.
        let found = findings(&super::RULE, "SELECT name FROM t JOIN user ON t.uid = 1");
        assert_eq!(found[0].severity, crate::Severity::Warning);
    }

    #[test]
    fn from_user_naming_a_column_is_an_error_postgres_rejects() {
        for sql in [
            "SELECT id FROM user",
            "SELECT * FROM user WHERE id = 1",
            "SELECT u.id FROM user u",
            "DELETE FROM user",
        ] {
            let found = findings(&super::RULE, sql);
            assert!(!found.is_empty(), "{sql}");
            assert!(
                found.iter().all(|d| d.severity == crate::Severity::Error),
                "{sql}"
            );
        }
        let found = findings(&super::RULE, "SELECT id FROM user");
        assert!(
            found[0].message.contains("none of the columns named here"),
            "{}",
            found[0].message
        );
    }
}
