//! Root-cause categories of engine failures, close to the corpus's
//! `tools/summarize.py` (`pg_category`, `sqlite_category`), so the recall
//! table reads like the corpus SUMMARY.md.
//!
//! The statement is seen through dal-audit's tokens: comments are gone,
//! whitespace collapsed to one space, string literals blanked to `''` (in
//! `sn`/`up`), so a pattern inside a string or comment never decides a
//! category. The patterns then run over that token text, as summarize.py's do.

use std::ops::Range;

use dal_audit::SourceFile;
use dal_audit::syntax::dialect::lint_dialect;
use dal_audit::syntax::lexer::lex;
use regex::Regex;

/// A regex compiled once per call site.
macro_rules! re {
    ($pattern:expr) => {{
        static RE: std::sync::LazyLock<Regex> =
            std::sync::LazyLock::new(|| Regex::new($pattern).expect("valid pattern"));
        &*RE
    }};
}

/// One statement in the forms the category patterns look at.
pub struct StatementText {
    /// The raw bytes (placeholders like `${x}` hide in comments and strings).
    raw: String,
    /// Tokens, comments dropped, whitespace collapsed.
    s: String,
    /// As `s`, string literals blanked to `''`.
    sn: String,
    /// `sn` upper-cased.
    up: String,
    /// `s` upper-cased.
    sup: String,
    /// The first word, upper-cased.
    kw: String,
}

impl StatementText {
    pub fn new(file: &SourceFile, span: Range<usize>) -> StatementText {
        let lexed = lex(file, span.clone(), lint_dialect());
        let mut s = String::new();
        let mut sn = String::new();
        let mut previous_end = None;
        for token in &lexed.tokens {
            if previous_end.is_some_and(|end| end < token.span.start) {
                s.push(' ');
                sn.push(' ');
            }
            let text = &file.text[token.span.clone()];
            s.push_str(text);
            sn.push_str(&blank_string(text));
            previous_end = Some(token.span.end);
        }
        let up = sn.to_uppercase();
        let kw = up
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect::<String>();
        StatementText {
            raw: file.text[span].to_string(),
            sup: s.to_uppercase(),
            s,
            sn,
            up,
            kw,
        }
    }
}

/// `'abc'` → `''`, `E'a\'b'` → `E''`, `X'00'` → `X''`; other tokens unchanged.
fn blank_string(token: &str) -> std::borrow::Cow<'_, str> {
    match token.find('\'') {
        Some(quote) if token.ends_with('\'') && token.len() > quote + 1 => {
            format!("{}''", &token[..quote]).into()
        }
        _ => token.into(),
    }
}

/// Categories that are environment effects, not portability problems
/// (corpus README "Measuring"): left out of recall.
pub fn is_environment(category: &str) -> bool {
    const PREFIXES: [&str; 6] = [
        "missing prerequisite",
        "migration-tool placeholder left in SQL",
        "object from an extension that the migrations never create",
        "PostgreSQL-version dependent",
        "column does not exist (other)",
        "references a table that does not exist",
    ];
    const APP_FUNCTIONS: [&str; 2] = ["(normalize)", "(bin2b64)"];
    PREFIXES.iter().any(|p| category.starts_with(p))
        || APP_FUNCTIONS.iter().any(|f| category.ends_with(f))
}

pub const MISSING_PREREQ: &str = "missing prerequisite (object created outside these files)";

const PG_RESERVED: &[&str] = &[
    "user",
    "desc",
    "asc",
    "order",
    "group",
    "limit",
    "offset",
    "table",
    "column",
    "default",
    "check",
    "primary",
    "references",
    "end",
    "from",
    "to",
    "where",
    "select",
    "union",
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "both",
    "case",
    "cast",
    "collate",
    "constraint",
    "create",
    "current_date",
    "current_role",
    "current_time",
    "current_timestamp",
    "current_user",
    "distinct",
    "do",
    "else",
    "except",
    "false",
    "fetch",
    "for",
    "foreign",
    "grant",
    "having",
    "in",
    "initially",
    "intersect",
    "into",
    "lateral",
    "leading",
    "localtime",
    "localtimestamp",
    "not",
    "null",
    "on",
    "only",
    "or",
    "placing",
    "returning",
    "session_user",
    "some",
    "symmetric",
    "then",
    "trailing",
    "true",
    "unique",
    "using",
    "variadic",
    "when",
    "window",
    "with",
    "authorization",
    "binary",
    "collation",
    "concurrently",
    "cross",
    "freeze",
    "full",
    "ilike",
    "inner",
    "is",
    "isnull",
    "join",
    "left",
    "like",
    "natural",
    "notnull",
    "outer",
    "overlaps",
    "right",
    "similar",
    "tablesample",
    "verbose",
];

const SQLITE_TIME_FUNCTIONS: &[&str] = &[
    "strftime",
    "datetime",
    "julianday",
    "unixepoch",
    "date",
    "time",
];

const SQLITE_SCALAR_FUNCTIONS: &[&str] = &[
    "ifnull",
    "instr",
    "substr",
    "printf",
    "randomblob",
    "hex",
    "unhex",
    "group_concat",
    "char",
    "iif",
    "total",
    "likelihood",
    "zeroblob",
    "typeof",
    "last_insert_rowid",
    "changes",
    "glob",
];

fn upper_in(token: Option<&str>, words: &[&str]) -> bool {
    token.is_some_and(|t| words.iter().any(|w| t.eq_ignore_ascii_case(w)))
}

fn is_word(token: Option<&str>) -> bool {
    token.is_some_and(|t| re!(r"^\w+$").is_match(t))
}

/// Root cause of a PostgreSQL failure; `error` is `SQLSTATE: message`.
pub fn pg_category(st: &StatementText, error: &str) -> String {
    let (code, msg) = error.split_once(": ").unwrap_or(("", error));
    pg_category_of(st, code, msg).into()
}

fn pg_category_of(st: &StatementText, code: &str, msg: &str) -> std::borrow::Cow<'static, str> {
    let (s, sn, up) = (&st.s, &st.sn, &st.up);
    let tok = re!(r#"at or near "(.*)"$"#)
        .captures(msg)
        .map(|c| c.get(1).unwrap().as_str());
    let tok_up = tok.map(str::to_uppercase);
    let tok_is = |word: &str| tok_up.as_deref() == Some(word);
    let syntax = code == "42601";
    if re!(r"\$\{[^}]*\}|/\* TEMPLATE").is_match(&st.raw)
        && (matches!(tok, Some("$" | "{")) || msg.contains("TEMPLATE") || code == "42602")
    {
        return "migration-tool placeholder left in SQL (${...}, /* TEMPLATE */)".into();
    }
    if st.kw == "PRAGMA" {
        return "PRAGMA statement".into();
    }
    if tok == Some("`")
        || sn.contains('`') && syntax && tok.is_some_and(|t| t.trim_matches('`') != t)
    {
        return "backtick-quoted identifiers".into();
    }
    if tok_is("AUTOINCREMENT") {
        return "AUTOINCREMENT".into();
    }
    if tok_is("STRICT") {
        return "STRICT tables".into();
    }
    if tok_is("ROWID") || re!(r"WITHOUT\s+ROWID").is_match(up) && syntax {
        return "WITHOUT ROWID tables".into();
    }
    if re!(r"^\s*CREATE\s+(TEMP\w*\s+)?TRIGGER").is_match(up)
        && (upper_in(
            tok,
            &[
                "BEGIN", "FOR", "WHEN", "INSERT", "UPDATE", "DELETE", "SELECT", ";",
            ],
        ) || syntax)
    {
        return "SQLite trigger body (CREATE TRIGGER ... BEGIN ... END)".into();
    }
    if re!(r"^\s*CREATE\s+VIRTUAL\s+TABLE").is_match(up) {
        return "CREATE VIRTUAL TABLE (FTS/R*Tree)".into();
    }
    if re!(r"^\s*(INSERT\s+OR\s+(IGNORE|REPLACE|ABORT|FAIL|ROLLBACK)|REPLACE\s+INTO)").is_match(up)
    {
        return "INSERT OR IGNORE/REPLACE, REPLACE INTO".into();
    }
    if re!(r"^\s*UPDATE\s+OR\s+").is_match(up) {
        return "UPDATE OR IGNORE/REPLACE".into();
    }
    if re!(r"\bON\s+CONFLICT\s+(REPLACE|IGNORE|ABORT|FAIL|ROLLBACK)\b").is_match(up) && syntax {
        return "column-level ON CONFLICT clause".into();
    }
    if let Some(c) = re!(r#"^type "([^"]+)" does not exist"#).captures(msg) {
        let t = c[1].to_lowercase();
        return if t == "datetime" {
            "DATETIME type".into()
        } else if t.contains("blob") {
            "BLOB/LONGBLOB type".into()
        } else {
            format!("type name not known to PostgreSQL ({t})").into()
        };
    }
    if re!(r#"^schema "(main|temp)" does not exist"#).is_match(msg) {
        return "main./temp. schema qualifier".into();
    }
    if re!(r#"relation "(sqlite_\w+)""#).is_match(msg) {
        return "SQLite internal tables (sqlite_master, sqlite_sequence)".into();
    }
    if code == "42883"
        && let Some(c) =
            re!(r#"^(?:function|could not find a function named) "?([\w.]+)"#).captures(msg)
    {
        let f = c[1].to_lowercase();
        return if SQLITE_TIME_FUNCTIONS.contains(&f.as_str()) {
            "SQLite date/time functions (strftime, datetime, julianday, unixepoch)".into()
        } else if f.starts_with("json") {
            "SQLite JSON functions / JSON on TEXT (json_each, json_extract, json_array_length(text))"
                .into()
        } else if SQLITE_SCALAR_FUNCTIONS.contains(&f.as_str()) {
            format!("SQLite-only scalar function ({f}())").into()
        } else {
            format!("function missing / signature mismatch in PostgreSQL ({f})").into()
        };
    }
    if code == "42883" && msg.contains("operator does not exist") {
        if re!(r"boolean (=|<>) integer|integer (=|<>) boolean").is_match(msg) {
            return "boolean vs integer (0/1 used for booleans)".into();
        }
        if msg.contains("text") || msg.contains("character varying") {
            return "implicit type coercion (text vs number/timestamp comparison)".into();
        }
        let operator = msg.rsplit("operator does not exist: ").next().unwrap_or("");
        let operator: String = operator.chars().take(40).collect();
        return format!("operator missing in PostgreSQL ({operator})").into();
    }
    if code == "42804" && msg.contains("boolean") {
        return "boolean vs integer (0/1 used for booleans)".into();
    }
    if code == "42804" {
        return "type mismatch in DEFAULT/assignment (SQLite is dynamically typed)".into();
    }
    if matches!(code, "22P02" | "22007" | "22008") {
        return "invalid literal for the declared type (SQLite stores anything)".into();
    }
    if msg.contains("zero-length delimited identifier") {
        return "double-quoted string literal (\"...\")".into();
    }
    if let Some(c) = re!(r#"^column "([^"]+)" does not exist"#).captures(msg) {
        let used_as_value = format!(
            r#"(?i)(=|,|\(|VALUES|DEFAULT|SET|THEN|ELSE|IN)\s*"{}""#,
            regex::escape(&c[1])
        );
        if Regex::new(&used_as_value).is_ok_and(|r| r.is_match(s)) {
            return "double-quoted string literal (\"...\")".into();
        }
    }
    if code == "0A000" && msg.contains("column reference") {
        return "double-quoted string literal (\"...\")".into();
    }
    if let Some(t) = tok {
        let lower = t.to_lowercase();
        let bare = Regex::new(&format!(r"\b{}\b", regex::escape(t))).is_ok_and(|r| r.is_match(sn));
        if PG_RESERVED.contains(&lower.as_str()) && bare && syntax {
            if t.eq_ignore_ascii_case("OR") && re!(r"\bOR\s+(IGNORE|REPLACE)\b").is_match(up) {
                return "INSERT OR IGNORE/REPLACE, REPLACE INTO".into();
            }
            if [
                "user", "desc", "order", "group", "end", "table", "column", "default", "offset",
                "limit", "check",
            ]
            .contains(&lower.as_str())
            {
                return "reserved word used as bare identifier (user, desc, order, ...)".into();
            }
        }
    }
    if re!(r#"^\s*DROP\s+TRIGGER\s+(IF\s+EXISTS\s+)?[\w"]+\s*;?\s*$"#).is_match(up) {
        return "DROP TRIGGER without ON <table>".into();
    }
    if tok == Some(",")
        && re!(r"^\s*CREATE\s+TABLE").is_match(up)
        && re!(r#"[(,]\s*[\w"]+\s*,"#).is_match(sn)
    {
        return "column definition without a type".into();
    }
    if tok_is("NOT") && re!(r"\w\s+NOT\s+NULL\b").is_match(up) && re!(r"\bWHERE\b").is_match(up) {
        return "postfix NOT NULL operator (x NOT NULL)".into();
    }
    if tok == Some(".")
        && let Some(c) = re!(r"(\w+)\s*\.\s*\w+").captures(sn)
        && PG_RESERVED.contains(&c[1].to_lowercase().as_str())
    {
        return "reserved word used as bare identifier (user, desc, order, ...)".into();
    }
    let create_table = re!(r"^\s*CREATE\s+TABLE").is_match(up);
    if create_table && matches!(tok, Some("(" | "INT" | "CHARACTER")) {
        return "type name not known to PostgreSQL (TINY INT, VARYING CHARACTER, FOO(1), ...)"
            .into();
    }
    if tok_is("GLOB") {
        return "GLOB operator".into();
    }
    if tok == Some("'nfc'")
        || sn.to_lowercase().contains("normalize") && tok.is_some_and(|t| t.starts_with('\''))
    {
        return "normalize(x, 'NFC') string form argument".into();
    }
    if re!(r"\bDROP\s+COLUMN\b").is_match(up) && syntax {
        return "other ALTER TABLE syntax".into();
    }
    if re!(r"\bDEFAULT\s*\(\s*(STRFTIME|DATETIME|DATE|TIME|JULIANDAY)").is_match(up)
        || re!(r"\b(STRFTIME|JULIANDAY)\s*\(").is_match(up)
        || re!(r"\bDATETIME\s*\(").is_match(up)
        || re!(r"CURRENT_TIMESTAMP\s*\)").is_match(up) && syntax
    {
        return "SQLite date/time functions (strftime, datetime, julianday, unixepoch)".into();
    }
    if code == "42704" && re!(r"operator class|extension").is_match(msg) {
        return "object from an extension that the migrations never create (e.g. pg_trgm's gin_trgm_ops)".into();
    }
    if msg.contains("subquery in FROM must have an alias") {
        return "PostgreSQL-version dependent: subquery without alias (accepted from PG 16)".into();
    }
    match code {
        "42P01" => {
            "references a table that does not exist (forward reference / table made elsewhere)"
                .into()
        }
        "42703" => "column does not exist (other)".into(),
        "42P07" | "42710" | "42701" => "object already exists (non-cascade)".into(),
        "42P16" | "42P10" | "42830" => "invalid table/constraint definition for PostgreSQL".into(),
        c if c.starts_with("23") => "constraint violation while migrating data".into(),
        "42601" => match tok {
            Some(t) => format!("other syntax error (near \"{t}\")").into(),
            None => "other syntax error".into(),
        },
        c => format!("other ({c})").into(),
    }
}

/// Root cause of a SQLite failure.
pub fn sqlite_category(st: &StatementText, msg: &str) -> String {
    sqlite_category_of(st, msg).into()
}

fn sqlite_category_of(st: &StatementText, msg: &str) -> std::borrow::Cow<'static, str> {
    let (sn, up, sup, kw) = (&st.sn, &st.up, &st.sup, st.kw.as_str());
    let tok = re!(r#"(?s)near "(.*)": syntax error"#)
        .captures(msg)
        .map(|c| c.get(1).unwrap().as_str());
    let tok_up = tok.map(str::to_uppercase).unwrap_or_default();
    let tok_in = |words: &[&str]| tok.is_some() && words.contains(&tok_up.as_str());
    if re!(r"\$\{[^}]*\}|/\* TEMPLATE").is_match(&st.raw)
        && (tok.is_some_and(|t| t.contains('$')) || msg.contains("unrecognized token: \"$"))
    {
        return "migration-tool placeholder left in SQL (${...}, /* TEMPLATE */)".into();
    }
    if msg.contains("generated columns cannot be part of the PRIMARY KEY") {
        return "generated column used as PRIMARY KEY".into();
    }
    if let Some(c) = re!(r"^no such (index|table): (\w+)").captures(msg)
        && c[2].len() == 63
    {
        return "identifier longer than 63 bytes (PostgreSQL silently truncates it)".into();
    }
    if re!(r"^(CREATE (OR REPLACE )?(FUNCTION|PROCEDURE)|(DROP|ALTER) (FUNCTION|PROCEDURE))")
        .is_match(up)
    {
        return "CREATE/DROP FUNCTION (PL/pgSQL, SQL functions)".into();
    }
    if kw == "DO" {
        return "DO $$ ... $$ anonymous blocks".into();
    }
    if re!(r"^CREATE (OR REPLACE )?(CONSTRAINT )?TRIGGER").is_match(up)
        || re!(r"^DROP TRIGGER (IF EXISTS )?\S+ ON").is_match(up)
        || re!(r"^ALTER TRIGGER").is_match(up)
    {
        return "PostgreSQL triggers (EXECUTE FUNCTION, DROP TRIGGER ... ON, REFERENCING)".into();
    }
    if re!(r"^CREATE OR REPLACE").is_match(up) {
        return "CREATE OR REPLACE VIEW".into();
    }
    if re!(r"^(CREATE|ALTER|DROP) TYPE").is_match(up) || re!(r"^CREATE DOMAIN").is_match(up) {
        return "enum/composite types (CREATE/ALTER/DROP TYPE)".into();
    }
    if re!(r"^(CREATE|DROP|ALTER) EXTENSION").is_match(up) {
        return "CREATE EXTENSION".into();
    }
    if kw == "COMMENT" {
        return "COMMENT ON".into();
    }
    if re!(r"^(CREATE|DROP|ALTER|REFRESH) MATERIALIZED VIEW").is_match(up) {
        return "materialized views".into();
    }
    if re!(r"^(CREATE|ALTER|DROP) SEQUENCE").is_match(up)
        || re!(r"\b(SETVAL|NEXTVAL|CURRVAL)\s*\(").is_match(up)
    {
        return "sequences (CREATE SEQUENCE, nextval/setval)".into();
    }
    if re!(r"\b(CREATE|DROP)( UNIQUE)? INDEX CONCURRENTLY\b|\bREINDEX\b").is_match(up) {
        return "CREATE/DROP INDEX CONCURRENTLY, REINDEX".into();
    }
    if kw == "LOCK" {
        return "LOCK TABLE".into();
    }
    if kw == "TRUNCATE" {
        return "TRUNCATE".into();
    }
    if matches!(kw, "SET" | "RESET" | "GRANT" | "REVOKE")
        || re!(r"^(CREATE|ALTER|DROP) (ROLE|USER|POLICY|SCHEMA|STATISTICS|PUBLICATION|AGGREGATE|OPERATOR|COLLATION|TEXT SEARCH|RULE)").is_match(up)
        || re!(r"\b(OWNER TO|ENABLE ROW LEVEL|FORCE ROW LEVEL|SET SCHEMA|SET TABLESPACE|SET \()").is_match(up)
    {
        return "roles/schemas/policies/statistics/session SET (server-level DDL)".into();
    }
    if re!(r"^ALTER INDEX").is_match(up) {
        return "ALTER INDEX".into();
    }
    if re!(r"^CREATE (UNIQUE )?INDEX (CONCURRENTLY )?(IF NOT EXISTS )?ON ").is_match(up) {
        return "CREATE INDEX without an index name".into();
    }
    let drop_object = re!(r"^DROP (TABLE|VIEW|INDEX|TYPE|SEQUENCE)\b").is_match(up);
    if drop_object
        && (re!(r"\b(CASCADE|RESTRICT)\s*;?\s*$").is_match(up) || tok_in(&["CASCADE", "RESTRICT"]))
    {
        return "DROP ... CASCADE/RESTRICT".into();
    }
    if re!(r"^DROP (TABLE|VIEW|INDEX|TYPE|SEQUENCE) (IF EXISTS )?[^,;]+,").is_match(up)
        && tok == Some(",")
    {
        return "DROP of several objects in one statement".into();
    }
    if re!(r"^(WITH .*\)\s*)?INSERT INTO").is_match(up)
        && re!(r"\bSELECT\b").is_match(up)
        && re!(r"\bON CONFLICT\b").is_match(up)
        && tok_in(&["DO", "ON", "CONFLICT"])
    {
        return "INSERT ... SELECT ... ON CONFLICT (SQLite needs a WHERE clause before ON CONFLICT)"
            .into();
    }
    if tok == Some("(") && re!(r"\bDEFAULT\s+[A-Z_][\w.]*\s*\(").is_match(up) {
        return "DEFAULT with a bare function call (DEFAULT now(), gen_random_uuid()) - SQLite needs DEFAULT (expr)".into();
    }
    if tok_in(&["FROM", "IN"])
        && re!(r"\b(EXTRACT|SUBSTRING|POSITION|TRIM|OVERLAY)\s*\(").is_match(up)
    {
        return "SQL-standard function syntax (EXTRACT(x FROM y), SUBSTRING(x FROM y), POSITION(x IN y))".into();
    }
    if re!(r"^CREATE (TEMP |TEMPORARY )?TABLE").is_match(up)
        && let Some(t) = tok
        && re!(r#"^[\w"]+$"#).is_match(t)
        && tok_up != "NULL"
    {
        let name = tok_up.trim_matches('"');
        let before = up.find(&format!(" {name}")).map_or("", |k| &up[..k]);
        if (tok_up == "PRIMARY"
            || re!(r"(PRIMARY KEY|FOREIGN KEY|UNIQUE|CHECK)\s*\(").is_match(before))
            && tok_up != "INDEX"
        {
            return "table constraint placed before/between column definitions".into();
        }
    }
    if re!(r"^(DELETE FROM|UPDATE) \S+ (AS )?(\w+) (WHERE|USING|SET)").is_match(up)
        && is_word(tok)
        && !tok_in(&["WHERE", "USING", "SET", "AS"])
        || re!(r"^WITH .* (UPDATE|DELETE FROM) \S+ (AS )?\w+ (SET|WHERE)").is_match(up)
            && is_word(tok)
    {
        return "table alias in UPDATE/DELETE".into();
    }
    if msg.contains("unrecognized token: \":\"") {
        return ":: type casts".into();
    }
    if re!(r"\bLATERAL\b").is_match(up) && tok_in(&["SELECT", "LATERAL", "(", "JOIN"]) {
        return "LATERAL joins".into();
    }
    if re!(r"\bDISTINCT ON\s*\(").is_match(up) && tok_in(&["ON"]) {
        return "SELECT DISTINCT ON (...)".into();
    }
    if tok == Some("(")
        && re!(r"\b(LEFT|RIGHT)\s*\(").is_match(up)
        && !re!(r"\b(LEFT|RIGHT)\s+(OUTER\s+)?JOIN").is_match(up)
    {
        return "LEFT()/RIGHT() string functions".into();
    }
    if kw == "ANALYZE" {
        return "ANALYZE with column list / several tables".into();
    }
    if re!(r"\bDROP (COLUMN )?\S+ (CASCADE|RESTRICT)\b").is_match(up) {
        return "DROP ... CASCADE/RESTRICT".into();
    }
    if tok == Some("(")
        && (re!(r"^CREATE (TEMP |TEMPORARY )?TABLE \S+ AS \(").is_match(up)
            || re!(r"^INSERT INTO \S+\s*(\([^)]*\))?\s*\(\s*SELECT").is_match(up))
    {
        return "parenthesised SELECT in CREATE TABLE AS / INSERT INTO ... (SELECT ...)".into();
    }
    if re!(r"DELETE FROM \S+( AS \w+| \w+)? USING").is_match(up) {
        return "DELETE ... USING".into();
    }
    if re!(r"^WITH ").is_match(up) && tok_in(&["INSERT", "UPDATE", "DELETE"]) {
        return "data-modifying CTE (WITH x AS (INSERT/UPDATE/DELETE ...))".into();
    }
    if tok_in(&["INDEX", "ORDER", "GROUP", "TRANSACTION", "KEY"])
        && re!(r"^CREATE TABLE").is_match(up)
    {
        return "SQLite keyword used as bare column name (index, ...)".into();
    }
    if re!(r"^CREATE UNLOGGED").is_match(up)
        || re!(r"\bPARTITION (BY|OF)\b").is_match(up)
        || re!(r"\bINHERITS\b").is_match(up)
        || re!(r"^ALTER TABLE \S+ (ATTACH|DETACH) PARTITION").is_match(up)
    {
        return "UNLOGGED / partitioned / inherited tables".into();
    }
    if re!(r"cannot drop (UNIQUE|PRIMARY KEY) column|Cannot add a (UNIQUE|PRIMARY KEY) column|Cannot add a column with non-constant default|Cannot add a NOT NULL column with default value NULL|after drop column|after rename").is_match(msg) {
        return "SQLite ALTER TABLE ADD/DROP COLUMN restrictions".into();
    }
    if re!(r"^ALTER TABLE").is_match(up) {
        if re!(r"\b(ADD|DROP|RENAME|VALIDATE|ALTER) CONSTRAINT\b|\bADD (PRIMARY KEY|FOREIGN KEY|UNIQUE|CHECK|EXCLUDE)\b|\bDROP PRIMARY KEY\b").is_match(up) {
            return "ALTER TABLE ADD/DROP CONSTRAINT (incl. PRIMARY/FOREIGN KEY)".into();
        }
        if re!(r"\bALTER (COLUMN )?\S+ (SET DATA )?TYPE\b").is_match(up) {
            return "ALTER COLUMN ... TYPE".into();
        }
        if re!(r"\bALTER (COLUMN )?\S+ (SET|DROP) (DEFAULT|NOT NULL)\b|\bALTER (COLUMN )?\S+ (ADD|DROP|SET) (GENERATED|IDENTITY|EXPRESSION|STATISTICS|STORAGE)").is_match(up) {
            return "ALTER COLUMN SET/DROP DEFAULT / NOT NULL".into();
        }
        if re!(r"\b(ENABLE|DISABLE) (ALWAYS |REPLICA )?TRIGGER\b").is_match(up) {
            return "ALTER TABLE ENABLE/DISABLE TRIGGER".into();
        }
        if re!(r"\b(ADD|DROP) (COLUMN )?IF (NOT )?EXISTS\b|ALTER TABLE IF EXISTS").is_match(up) {
            return "IF [NOT] EXISTS on ALTER TABLE / ADD/DROP COLUMN".into();
        }
        let flat = re!(r"\([^()]*\)").replace_all(sn, "()");
        let flat = re!(r"\([^()]*\)").replace_all(&flat, "()");
        if flat.contains(',') {
            return "multi-action ALTER TABLE (comma-separated actions)".into();
        }
        if re!(r"\bALTER COLUMN\b").is_match(up) {
            return "ALTER COLUMN (other)".into();
        }
    }
    if sn.contains("::") && tok.is_some_and(|t| t.starts_with(':')) {
        return ":: type casts".into();
    }
    if tok.is_some_and(|t| {
        re!(r"(?i)^'\s*-?\d+\s*(second|minute|hour|day|week|month|year)s?\s*'").is_match(t)
    }) || re!(r"\bINTERVAL\s*'").is_match(up)
    {
        return "INTERVAL literals".into();
    }
    if let Some(t) = tok
        && t.starts_with('\'')
        && Regex::new(&format!(
            r"\b(DATE|TIMESTAMP|TIME|TIMESTAMPTZ)\s*{}",
            regex::escape(&tok_up)
        ))
        .is_ok_and(|r| r.is_match(sup))
    {
        return "typed literals (DATE 'today', TIMESTAMP '...')".into();
    }
    if re!(r"(^|[^A-Za-z0-9_])E'").is_match(&st.s) && tok.is_some_and(|t| t.starts_with('\'')) {
        return "E'...' escape-string literals".into();
    }
    if re!(r"\bUSING\s+(GIN|GIST|BRIN|HASH|BTREE|SPGIST|IVFFLAT|HNSW|BLOOM)\b").is_match(up) {
        return "index access method (USING gin/gist/btree/...)".into();
    }
    if re!(r"^DELETE FROM \S+( AS)? \S+ USING|^DELETE FROM \S+ USING").is_match(up) {
        return "DELETE ... USING".into();
    }
    if re!(r"\bINCLUDE\s*\(").is_match(up) && re!(r"^CREATE( UNIQUE)? INDEX").is_match(up) {
        return "covering index INCLUDE (...)".into();
    }
    if msg.contains("NULLS LAST") || msg.contains("NULLS FIRST") || tok == Some("NULLS") {
        return "NULLS FIRST/LAST".into();
    }
    if re!(r"\bGENERATED (ALWAYS|BY DEFAULT) AS IDENTITY\b").is_match(up) || tok_in(&["IDENTITY"]) {
        return "GENERATED ... AS IDENTITY".into();
    }
    if re!(r"\[\]|\bARRAY\s*\[").is_match(up) || tok.is_some_and(|t| t.starts_with('[')) {
        return "array types / ARRAY[...] literals".into();
    }
    if re!(r"\bEXCLUDE\b").is_match(up) && tok_in(&["EXCLUDE"]) {
        return "EXCLUDE constraints".into();
    }
    if matches!(
        tok,
        Some("~" | "~*" | "!~" | "?" | "@>" | "<@" | "#>>" | "?|" | "?&")
    ) || re!(r#"unrecognized token: "[@#^?]"#).is_match(msg)
    {
        return "PostgreSQL operators (~, @>, ?, #>>, ^@ ...)".into();
    }
    if let Some(c) = re!(r"^no such function: (\w+)").captures(msg) {
        let f = c[1].to_lowercase();
        let f = f.as_str();
        return if [
            "now",
            "clock_timestamp",
            "statement_timestamp",
            "transaction_timestamp",
            "timezone",
            "date_trunc",
            "to_timestamp",
            "to_char",
            "extract",
            "age",
            "make_interval",
            "date_part",
            "to_date",
        ]
        .contains(&f)
        {
            "PG date/time functions (now(), date_trunc, to_timestamp, ...)".into()
        } else if [
            "gen_random_uuid",
            "uuid_generate_v4",
            "uuid_generate_v1",
            "uuidv7",
            "gen_random_bytes",
            "digest",
            "encode",
            "decode",
            "md5",
            "crypt",
            "gen_salt",
        ]
        .contains(&f)
        {
            "PG uuid/crypto functions (gen_random_uuid, uuid_generate_v4, md5, encode ...)".into()
        } else if f.starts_with("json")
            || f.starts_with("to_json")
            || f.starts_with("array")
            || [
                "unnest",
                "string_to_array",
                "regexp_replace",
                "regexp_split_to_array",
                "split_part",
                "string_agg",
                "array_agg",
                "cardinality",
                "to_tsvector",
                "setweight",
                "coalesce",
            ]
            .contains(&f)
        {
            "PG JSON/array/text functions (jsonb_*, unnest, string_agg, regexp_*, ...)".into()
        } else {
            format!("function not available in SQLite ({f})").into()
        };
    }
    if re!(r"^unknown database").is_match(msg)
        || tok == Some(".") && re!(r#""?\w+"?\s*\.\s*"?\w+"#).is_match(up)
    {
        return "schema-qualified names (public.x)".into();
    }
    if re!(r"^no such (table|column|index)").is_match(msg)
        && re!(r"\b(PG_\w+|INFORMATION_SCHEMA)\b").is_match(up)
    {
        return "PG catalogs (pg_*, information_schema)".into();
    }
    if re!(r"^UPDATE \S+ (AS )?\w+ SET").is_match(up)
        && tok.is_some()
        && tok_up != "SET"
        && Regex::new(&format!(r"^UPDATE \S+ {}\b", regex::escape(&tok_up)))
            .is_ok_and(|r| r.is_match(up))
    {
        return "UPDATE with table alias".into();
    }
    if re!(r"\bONLY\b").is_match(up) && tok_in(&["ONLY"]) {
        return "ONLY keyword (inheritance)".into();
    }
    if re!(r"\bRETURNING\b").is_match(up) && tok_in(&["RETURNING"]) {
        return "RETURNING".into();
    }
    if re!(r"\bIS (NOT )?DISTINCT FROM\b").is_match(up) && tok_in(&["DISTINCT"]) {
        return "IS DISTINCT FROM".into();
    }
    if re!(r"\bFILTER\s*\(").is_match(up)
        || re!(r"\bLATERAL\b").is_match(up) && tok_in(&["LATERAL"])
    {
        return "LATERAL / FILTER".into();
    }
    if re!(r"^no such table").is_match(msg) {
        return "references a table that does not exist (forward reference / table made elsewhere)"
            .into();
    }
    if re!(r"^no such column").is_match(msg) {
        return "column does not exist (other)".into();
    }
    if msg.contains("already exists") {
        return "object already exists (non-cascade)".into();
    }
    if msg.contains("constraint failed") {
        return "constraint violation while migrating data".into();
    }
    if let Some(t) = tok {
        let short: String = t.chars().take(30).collect();
        return format!("other syntax error (near \"{short}\")").into();
    }
    let generic = re!(r#"\w+\.\w+|: [\w"]+$"#).replace_all(msg, "X");
    let generic: String = generic.chars().take(60).collect();
    format!("other: {generic}").into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(sql: &str) -> StatementText {
        StatementText::new(&SourceFile::new("t.sql", sql), 0..sql.len())
    }

    #[test]
    fn postgres_failures_are_categorised_by_error_and_tokens() {
        let cases = [
            (
                "CREATE TABLE `a` (id INTEGER);",
                "42601: syntax error at or near \"`\"",
                "backtick-quoted identifiers",
            ),
            (
                "CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT);",
                "42601: syntax error at or near \"AUTOINCREMENT\"",
                "AUTOINCREMENT",
            ),
            (
                "CREATE TABLE a (at DATETIME);",
                "42704: type \"datetime\" does not exist",
                "DATETIME type",
            ),
            (
                "INSERT OR IGNORE INTO a VALUES (1);",
                "42601: syntax error at or near \"OR\"",
                "INSERT OR IGNORE/REPLACE, REPLACE INTO",
            ),
        ];
        for (sql, error, category) in cases {
            assert_eq!(pg_category(&text(sql), error), category, "{sql}");
        }
    }

    #[test]
    fn sqlite_failures_are_categorised_by_error_and_tokens() {
        let cases = [
            (
                "ALTER TABLE t DROP CONSTRAINT t_pkey;",
                "near \"CONSTRAINT\": syntax error",
                "ALTER TABLE ADD/DROP CONSTRAINT (incl. PRIMARY/FOREIGN KEY)",
            ),
            (
                "CREATE INDEX ON t (a);",
                "near \"ON\": syntax error",
                "CREATE INDEX without an index name",
            ),
            (
                "SELECT a::text FROM t;",
                "unrecognized token: \":\"",
                ":: type casts",
            ),
            (
                "CREATE TABLE t (at TIMESTAMP DEFAULT now());",
                "near \"(\": syntax error",
                "DEFAULT with a bare function call (DEFAULT now(), gen_random_uuid()) - SQLite needs DEFAULT (expr)",
            ),
        ];
        for (sql, error, category) in cases {
            assert_eq!(sqlite_category(&text(sql), error), category, "{sql}");
        }
    }

    #[test]
    fn words_in_strings_and_comments_decide_nothing() {
        let st = text("/* PRAGMA */ SELECT 'CREATE INDEX ON x' -- PRAGMA\n;");
        assert_eq!(st.kw, "SELECT");
        assert_eq!(st.up, "SELECT '' ;");
    }

    #[test]
    fn environment_effects_are_left_out() {
        assert!(is_environment(MISSING_PREREQ));
        assert!(is_environment("function not available in SQLite (bin2b64)"));
        assert!(is_environment(
            "PostgreSQL-version dependent: subquery without alias (accepted from PG 16)"
        ));
        assert!(!is_environment("AUTOINCREMENT"));
    }
}
