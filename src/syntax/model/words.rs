//! The grammar's word lists, in one place: what the fallback builder (and
//! the few token rules that still need a word list) read statements with.

use sqlparser::keywords::Keyword;

/// Words that end a column's type and start its constraints.
pub const CONSTRAINT_START: &[Keyword] = &[
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

/// Words that open a table element other than a column: a table
/// constraint, or PostgreSQL's `LIKE other`.
pub const TABLE_CONSTRAINT_START: &[Keyword] = &[
    Keyword::CONSTRAINT,
    Keyword::PRIMARY,
    Keyword::UNIQUE,
    Keyword::CHECK,
    Keyword::FOREIGN,
    Keyword::EXCLUDE,
    Keyword::LIKE,
];

/// After `ALTER TABLE t ADD`, the words that make the action a constraint.
pub const ADDED_CONSTRAINT_START: [&str; 6] = [
    "CONSTRAINT",
    "PRIMARY",
    "FOREIGN",
    "UNIQUE",
    "CHECK",
    "EXCLUDE",
];

/// Keywords before `name(` that make it a name being declared or
/// referenced (`CREATE TABLE t(`, `REFERENCES t(`), not a call.
pub const NOT_BEFORE_A_CALL: &[Keyword] = &[
    Keyword::NoKeyword,
    Keyword::TABLE,
    Keyword::INTO,
    Keyword::REFERENCES,
    Keyword::ON,
    Keyword::INDEX,
    Keyword::VIEW,
    Keyword::TRIGGER,
    Keyword::FUNCTION,
    Keyword::PROCEDURE,
    Keyword::EXISTS,
    Keyword::KEY,
    Keyword::USING,
];

/// `CAST(x AS t)` and its variants: a cast, not a call.
pub const CAST_FUNCTIONS: &[Keyword] = &[Keyword::CAST, Keyword::TRY_CAST, Keyword::SAFE_CAST];

/// Keywords that take a parenthesis without being a call (`VALUES (…)`,
/// `UNIQUE (…)`, `x IN (…)`, `EXISTS (…)`).
pub const NOT_A_CALL: &[Keyword] = &[
    Keyword::CAST,
    Keyword::TRY_CAST,
    Keyword::SAFE_CAST,
    Keyword::VALUES,
    Keyword::UNIQUE,
    Keyword::CHECK,
    Keyword::IN,
    Keyword::AS,
    Keyword::EXISTS,
    Keyword::KEY,
    Keyword::ON,
    Keyword::USING,
    Keyword::OVER,
    Keyword::FILTER,
    Keyword::INTO,
    Keyword::TABLE,
    Keyword::AND,
    Keyword::OR,
    Keyword::NOT,
    Keyword::ANY,
    Keyword::ALL,
    Keyword::SOME,
    Keyword::INCLUDE,
    Keyword::REFERENCES,
    Keyword::WITHIN,
    Keyword::FROM,
    Keyword::WHERE,
    Keyword::SELECT,
    Keyword::RETURNING,
];

/// What may follow a derived table's `)` when it has no alias.
pub const AFTER_UNALIASED_TABLE: &[Keyword] = &[
    Keyword::WHERE,
    Keyword::GROUP,
    Keyword::ORDER,
    Keyword::LIMIT,
    Keyword::OFFSET,
    Keyword::HAVING,
    Keyword::WINDOW,
    Keyword::UNION,
    Keyword::EXCEPT,
    Keyword::INTERSECT,
    Keyword::JOIN,
    Keyword::INNER,
    Keyword::LEFT,
    Keyword::RIGHT,
    Keyword::FULL,
    Keyword::CROSS,
    Keyword::NATURAL,
    Keyword::ON,
    Keyword::RETURNING,
];

/// Keywords after which an operator is unary (`SELECT ~x`, `WHERE -x`).
pub const BEFORE_AN_OPERAND: &[Keyword] = &[
    Keyword::SELECT,
    Keyword::DISTINCT,
    Keyword::ALL,
    Keyword::WHERE,
    Keyword::AND,
    Keyword::OR,
    Keyword::NOT,
    Keyword::ON,
    Keyword::WHEN,
    Keyword::THEN,
    Keyword::ELSE,
    Keyword::SET,
    Keyword::BY,
    Keyword::AS,
    Keyword::IN,
    Keyword::IS,
    Keyword::CASE,
    Keyword::RETURNING,
    Keyword::HAVING,
    Keyword::VALUES,
    Keyword::LIMIT,
    Keyword::OFFSET,
    Keyword::FROM,
    Keyword::DEFAULT,
    Keyword::LIKE,
    Keyword::ILIKE,
    Keyword::GLOB,
];

/// Words that end an operand of `LIKE` (the next clause or operator).
pub const ENDS_AN_OPERAND: &[Keyword] = &[
    Keyword::AND,
    Keyword::OR,
    Keyword::ESCAPE,
    Keyword::THEN,
    Keyword::WHEN,
    Keyword::ELSE,
    Keyword::END,
    Keyword::FROM,
    Keyword::WHERE,
    Keyword::GROUP,
    Keyword::ORDER,
    Keyword::LIMIT,
    Keyword::HAVING,
    Keyword::UNION,
    Keyword::EXCEPT,
    Keyword::INTERSECT,
    Keyword::RETURNING,
    Keyword::AS,
    Keyword::ON,
    Keyword::IS,
    Keyword::NOT,
    Keyword::LIKE,
    Keyword::ILIKE,
    Keyword::GLOB,
    Keyword::COLLATE,
];

/// Words that end a `LIMIT`/`OFFSET` value.
pub const ENDS_A_LIMIT: &[Keyword] = &[
    Keyword::OFFSET,
    Keyword::LIMIT,
    Keyword::ROW,
    Keyword::ROWS,
    Keyword::FETCH,
    Keyword::FOR,
    Keyword::UNION,
    Keyword::EXCEPT,
    Keyword::INTERSECT,
    Keyword::RETURNING,
];

/// Binary operators spelled in words.
pub const WORD_OPERATORS: &[&[&str]] = &[
    &["AT", "TIME", "ZONE"],
    &["IS", "DISTINCT", "FROM"],
    &["IS", "NOT", "DISTINCT", "FROM"],
];

/// Words after `ALTER TABLE t DROP` that name no column (`DROP INDEX i`,
/// `DROP PARTITION p`, `DROP DEFAULT`…); constraints are told apart first.
pub const DROPPED_NOT_A_COLUMN: [&str; 7] = [
    "INDEX",
    "KEY",
    "PARTITION",
    "DEFAULT",
    "NOT",
    "IDENTITY",
    "ROW",
];

/// Words between CREATE/ALTER/DROP and the object kind (`CREATE OR REPLACE
/// TEMP VIEW`, `CREATE UNIQUE INDEX`, `CREATE TRUSTED LANGUAGE`…).
pub const DDL_MODIFIERS: [&str; 10] = [
    "OR",
    "REPLACE",
    "TEMP",
    "TEMPORARY",
    "UNIQUE",
    "UNLOGGED",
    "GLOBAL",
    "LOCAL",
    "TRUSTED",
    "RECURSIVE",
];

/// Statements whose `IS` gives a text, no comparison: `COMMENT ON … IS 'text'`,
/// `SECURITY LABEL … IS 'text'`.
pub const IS_LABEL_STATEMENTS: [&str; 2] = ["COMMENT", "SECURITY"];

/// Words after `IS [NOT]` that make a test of their own in SQLite too
/// (`IS NULL`, `IS TRUE`, `IS DISTINCT FROM`), no comparison with a value.
pub const IS_TEST_WORDS: [&str; 4] = ["NULL", "TRUE", "FALSE", "DISTINCT"];

/// Words after `IS [NOT]` that PostgreSQL reads as a test of its own
/// (`IS UNKNOWN`, `IS DOCUMENT`, `IS JSON`, `IS [NFC] NORMALIZED`, `IS OF (…)`)
/// where SQLite reads a column of that name.
pub const IS_PREDICATE_WORDS: [&str; 9] = [
    "UNKNOWN",
    "DOCUMENT",
    "JSON",
    "NORMALIZED",
    "OF",
    "NFC",
    "NFD",
    "NFKC",
    "NFKD",
];

/// The verbs that can follow a `WITH` clause at the top level.
pub const WITH_BODY_VERBS: [&str; 5] = ["SELECT", "INSERT", "UPDATE", "DELETE", "VALUES"];

/// Words that open a query in parentheses (`IN (SELECT …)`).
pub const QUERY_STARTS: [Keyword; 3] = [Keyword::SELECT, Keyword::WITH, Keyword::VALUES];

/// Words a table name follows, where PostgreSQL's `ONLY` may stand between.
pub const BEFORE_ONLY: [&str; 4] = ["FROM", "UPDATE", "JOIN", "TABLE"];

/// The date and time types whose typed literals (`DATE '2024-01-01'`,
/// `INTERVAL '1 day'`) PostgreSQL reads.
pub const TEMPORAL_LITERAL_TYPES: [&str; 6] = [
    "INTERVAL",
    "DATE",
    "TIME",
    "TIMESTAMP",
    "TIMESTAMPTZ",
    "TIMETZ",
];

/// Statements made of expressions, where `NOT NULL` is never a column
/// constraint (a `CREATE` only of the objects in `EXPRESSION_OBJECTS`).
pub const POSTFIX_NULL_STATEMENTS: [&str; 8] = [
    "SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "REPLACE", "VALUES", "CREATE",
];

/// The objects a `CREATE` builds from expressions (a view's query, an
/// index's `WHERE`, a trigger's body).
pub const EXPRESSION_OBJECTS: [&str; 3] = ["VIEW", "INDEX", "TRIGGER"];

/// Words before a parenthesised expression in a table definition:
/// `CHECK (…)`, `DEFAULT (…)`, `AS (…)` of a generated column.
pub const EXPRESSION_GROUP_WORDS: [&str; 3] = ["CHECK", "DEFAULT", "AS"];

/// Words after which `NOT NULL` starts a new operand rather than testing one.
pub const NOT_AN_OPERAND_END: [&str; 14] = [
    "IS", "NOT", "AND", "OR", "WHERE", "WHEN", "THEN", "ELSE", "SET", "ON", "SELECT", "DEFAULT",
    "CHECK", "RETURN",
];

/// SQLite's conflict resolutions (`ON CONFLICT REPLACE`, `INSERT OR IGNORE`).
pub const CONFLICT_RESOLUTIONS: [&str; 5] = ["ROLLBACK", "ABORT", "FAIL", "IGNORE", "REPLACE"];

/// The words that open a query's top-level clauses, up to an upsert's `ON
/// CONFLICT` (`INSERT … SELECT … FROM u WHERE … ON CONFLICT`).
pub const QUERY_CLAUSE_WORDS: [&str; 9] = [
    "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "WINDOW", "VALUES", "SELECT",
];

/// The SQL standard's functions with keyword-separated arguments.
pub const STANDARD_FUNCTIONS: [&str; 5] = ["EXTRACT", "SUBSTRING", "POSITION", "TRIM", "OVERLAY"];

/// The keywords between their arguments (`SUBSTRING(x FROM a FOR b)`).
pub const KEYWORD_ARGUMENT_SEPARATORS: [&str; 4] = ["FROM", "IN", "FOR", "PLACING"];

/// Words that continue a type name after its first word (`character
/// varying`, `double precision`, `timestamp with time zone`).
pub const CAST_TYPE_CONTINUATION: [&str; 5] = ["WITH", "WITHOUT", "PRECISION", "VARYING", "TIME"];

/// Words after which an operand is a whole condition (`WHERE`, `AND`…);
/// `ON` only of a join, `WHEN` only of a searched `CASE` or a trigger.
pub const CONDITION_START: [Keyword; 7] = [
    Keyword::WHERE,
    Keyword::HAVING,
    Keyword::AND,
    Keyword::OR,
    Keyword::NOT,
    Keyword::WHEN,
    Keyword::ON,
];

/// Words that end a condition at its own level.
pub const CONDITION_END: [Keyword; 22] = [
    Keyword::AND,
    Keyword::OR,
    Keyword::THEN,
    Keyword::GROUP,
    Keyword::ORDER,
    Keyword::LIMIT,
    Keyword::UNION,
    Keyword::EXCEPT,
    Keyword::INTERSECT,
    Keyword::WINDOW,
    Keyword::RETURNING,
    Keyword::HAVING,
    Keyword::ON,
    Keyword::WHERE,
    Keyword::JOIN,
    Keyword::LEFT,
    Keyword::RIGHT,
    Keyword::INNER,
    Keyword::CROSS,
    Keyword::FULL,
    Keyword::NATURAL,
    // A trigger's `WHEN cond BEGIN`.
    Keyword::BEGIN,
];

/// Words that end a type's name without being part of it (`text ARRAY`,
/// PostgreSQL's `COMPRESSION pglz` and `STORAGE external`).
pub const AFTER_A_TYPE_NAME: [&str; 3] = ["ARRAY", "COMPRESSION", "STORAGE"];

/// Keywords whose parenthesised group is not an operand of its own
/// (`EXISTS (…)`, `IN (…)`, `ANY (…)`).
pub const GROUP_OWNERS: [Keyword; 7] = [
    Keyword::EXISTS,
    Keyword::ANY,
    Keyword::ALL,
    Keyword::SOME,
    Keyword::ARRAY,
    Keyword::IN,
    Keyword::VALUES,
];

/// Keywords before `(` that open a group rather than name a function.
pub const NOT_A_FUNCTION_NAME: &[Keyword] = &[
    Keyword::IN,
    Keyword::VALUES,
    Keyword::AND,
    Keyword::OR,
    Keyword::NOT,
    Keyword::SELECT,
    Keyword::WHERE,
    Keyword::ON,
    Keyword::THEN,
    Keyword::ELSE,
    Keyword::WHEN,
    Keyword::AS,
    Keyword::BY,
    Keyword::FROM,
    Keyword::SET,
    Keyword::RETURNING,
    Keyword::IS,
    Keyword::LIKE,
    Keyword::ILIKE,
    Keyword::BETWEEN,
    Keyword::DEFAULT,
    Keyword::USING,
    Keyword::CHECK,
    Keyword::EXISTS,
    Keyword::ANY,
    Keyword::ALL,
    Keyword::DISTINCT,
    Keyword::CASE,
    Keyword::END,
    Keyword::JOIN,
    Keyword::INTO,
    Keyword::TABLE,
    Keyword::ARRAY,
];

/// The current date and time keywords (`DEFAULT CURRENT_TIMESTAMP`).
pub const CURRENT_TIME_KEYWORDS: [Keyword; 3] = [
    Keyword::CURRENT_TIMESTAMP,
    Keyword::CURRENT_DATE,
    Keyword::CURRENT_TIME,
];

/// The words that start what an `ALTER [COLUMN] c …` action changes.
pub const COLUMN_CHANGE_WORDS: [&str; 5] = ["TYPE", "SET", "DROP", "ADD", "RESET"];

/// The names of SQLite's hidden row id column (`oid` is left out: it names
/// a real column type and system column on PostgreSQL).
pub const ROW_ID_NAMES: [&str; 2] = ["rowid", "_rowid_"];

/// SQL value keywords: words that stand for a value of the session or the
/// clock, written without parentheses (`CURRENT_USER`, `LOCALTIMESTAMP`).
pub const VALUE_KEYWORDS: [&str; 10] = [
    "CURRENT_TIMESTAMP",
    "CURRENT_TIME",
    "CURRENT_DATE",
    "LOCALTIMESTAMP",
    "LOCALTIME",
    "CURRENT_USER",
    "SESSION_USER",
    "CURRENT_ROLE",
    "CURRENT_CATALOG",
    "CURRENT_SCHEMA",
];

/// The value keywords that take a precision in parentheses (`CURRENT_TIMESTAMP(3)`).
pub const PRECISION_VALUE_KEYWORDS: [&str; 4] = [
    "CURRENT_TIMESTAMP",
    "CURRENT_TIME",
    "LOCALTIMESTAMP",
    "LOCALTIME",
];

/// Words that end an `ORDER BY` list at its own nesting level.
pub const ENDS_AN_ORDER_BY: &[Keyword] = &[
    Keyword::LIMIT,
    Keyword::OFFSET,
    Keyword::FETCH,
    Keyword::FOR,
    Keyword::UNION,
    Keyword::EXCEPT,
    Keyword::INTERSECT,
    Keyword::ROWS,
    Keyword::RANGE,
    Keyword::GROUPS,
    Keyword::WINDOW,
    Keyword::RETURNING,
    Keyword::ON,
];
