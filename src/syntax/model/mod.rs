//! The typed model of one statement: what rules ask about, named.
//!
//! Built once per statement, on first use (`StatementCtx::model`): from
//! sqlparser's AST when a dialect parsed the statement (`from_ast`), else
//! from the tokens (`fallback`, which owns the keyword lists in `words`).
//! Every node keeps its byte span in the file. Where sqlparser has no span
//! (data types, column options, ALTER actions), the AST decides what is
//! there and the tokens say where (`locate`).

pub mod arrays;
pub mod cast_operators;
pub mod clauses;
pub mod column_type;
mod conditions;
pub mod conflict_clauses;
mod create_index;
mod create_table_as;
pub mod default_value;
pub mod dml_target;
pub mod drop_behavior;
mod fallback;
mod from_ast;
pub mod generated_column;
pub use create_index::{ClauseKind, CreateIndex, IndexClause, IndexMethod};
mod table_options;
pub use table_options::{TableOption, TableOptionKind};
mod column_options;
pub use column_options::{Collation, Identity};
pub mod head;
pub mod in_lists;
pub mod index_hints;
pub mod is_comparison;
pub mod key_columns;
mod locate;
mod nulls_distinct;
pub mod only_markers;
pub mod order_by;
mod postfix_null;
pub mod qualified_names;
pub mod relations;
pub mod row_ids;
pub mod standard_calls;
pub mod statement_conflict;
mod token_shapes;
pub use token_shapes::is_create_table;
pub mod type_name;
pub mod typed_literals;
mod upsert_after_from;
pub mod value_keywords;
pub mod words;

use std::ops::Range;

use sqlparser::ast::Statement;

use crate::syntax::dialect::ParseDialect;
use crate::syntax::statement::StatementTokens;

/// What the model was built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// sqlparser's AST, from the dialect that parsed the statement.
    Parsed(ParseDialect),
    /// The tokens: no dialect parsed the statement.
    Tokens,
}

/// One statement's typed model.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub origin: Origin,
    /// Every call `name(…)`, in source order.
    pub calls: Vec<Call>,
    /// `CAST(x AS t)` and `x::t`.
    pub casts: Vec<Cast>,
    /// Unary and binary operators with their operands.
    pub operators: Vec<Operator>,
    /// `LIKE`, `ILIKE`, `GLOB`, `SIMILAR TO` with the whole pattern expression.
    pub matches: Vec<PatternMatch>,
    /// Subqueries in `FROM`/`JOIN`.
    pub derived_tables: Vec<DerivedTable>,
    /// Column definitions of `CREATE TABLE` and `ALTER TABLE … ADD`.
    pub columns: Vec<ColumnDef>,
    /// `CONSTRAINT …`, `PRIMARY KEY (…)`, `FOREIGN KEY …` of `CREATE TABLE`.
    pub table_constraints: Vec<TableConstraint>,
    /// `ALTER TABLE name action, …`.
    pub alter_table: Option<AlterTable>,
    /// String, number, boolean and NULL literals and placeholders.
    pub literals: Vec<Literal>,
    /// Names, with their quoting.
    pub identifiers: Vec<Identifier>,
    /// The values of `LIMIT` and `OFFSET` (and of `LIMIT offset, count`).
    pub limits: Vec<Limit>,
    /// `DISTINCT ON`, `LATERAL`, `DELETE … USING`, `RETURNING`, `LEFT`/`RIGHT`/`FULL JOIN`.
    pub clauses: Vec<clauses::Clause>,
    /// `CREATE INDEX …`.
    pub create_index: Option<CreateIndex>,
    /// The `AS` of `CREATE TABLE t [(a, b)] AS query`.
    pub create_table_as: Option<Range<usize>>,
    /// `CREATE TABLE` options outside the column list (`STRICT`, `INHERITS (…)`…).
    pub table_options: Vec<TableOption>,
    /// `COLLATE name`, wherever it stands.
    pub collations: Vec<Collation>,
    /// `GENERATED … AS IDENTITY`.
    pub identities: Vec<Identity>,
    /// Each `NULLS NOT DISTINCT` (unique constraints and indexes).
    pub nulls_not_distinct: Vec<Range<usize>>,
    /// What the statement is: its verb, object kind, head clauses and names.
    pub head: Option<head::Head>,
    /// SQLite's `INDEXED BY name` / `NOT INDEXED` after a table.
    pub index_hints: Vec<index_hints::IndexHint>,
    /// Qualified names (`s.t`): the qualifier, and whether a table is named.
    pub qualified_names: Vec<qualified_names::QualifiedName>,
    /// SQLite's `a IS [NOT] b` with a value `b`.
    pub is_comparisons: Vec<is_comparison::IsComparison>,
    /// The target table of an UPDATE or DELETE, with its alias.
    pub dml_target: Option<dml_target::DmlTarget>,
    /// PostgreSQL's `ONLY` before a table name.
    pub only_markers: Vec<only_markers::OnlyMarker>,
    /// `DATE '…'`, `TIMESTAMP '…'`, `INTERVAL '…'` and the like.
    pub typed_literals: Vec<typed_literals::TypedLiteral>,
    /// SQLite's postfix `x NOT NULL`: each `NOT NULL`.
    pub postfix_null_tests: Vec<Range<usize>>,
    /// SQLite's `ON CONFLICT REPLACE|IGNORE|…` of a constraint.
    pub conflict_clauses: Vec<conflict_clauses::ConflictClause>,
    /// The `ON CONFLICT` of `INSERT … SELECT … FROM u ON CONFLICT …`, right
    /// after the FROM clause.
    pub upsert_after_from: Option<Range<usize>>,
    /// SQLite's `INSERT OR …` / `UPDATE OR …`.
    pub statement_conflict: Option<statement_conflict::StatementConflict>,
    /// `CASCADE`/`RESTRICT` closing a DROP or an ALTER TABLE … DROP.
    pub drop_behavior: Option<drop_behavior::DropBehavior>,
    /// `ARRAY[…]`, `ARRAY(…)` and `x op ANY|SOME|ALL (…)`.
    pub arrays: Vec<arrays::ArrayUse>,
    /// `EXTRACT(…)`, `SUBSTRING(…)`, `POSITION(…)`, `TRIM(…)`, `OVERLAY(…)`.
    pub standard_calls: Vec<standard_calls::StandardCall>,
    /// Each `::` as written, with its operand and type.
    pub cast_operators: Vec<cast_operators::CastOperator>,
    /// Each unquoted `rowid`/`_rowid_` standing as a name (SQLite's hidden row id).
    pub row_ids: Vec<Range<usize>>,
    /// Each expression read as true or false (`WHERE`, `HAVING`, `JOIN … ON`,
    /// a searched `CASE`'s `WHEN`, a trigger's `WHEN`, the operands of
    /// `AND`, `OR` and `NOT`), down to its terms: `a = 1 AND NOT b` holds
    /// `a = 1` and `b` (`conditions`).
    pub conditions: Vec<Range<usize>>,
    /// `x [NOT] IN (a, b, …)` with a list of values.
    pub in_lists: Vec<in_lists::InList>,
    /// `CURRENT_USER`, `LOCALTIMESTAMP`, `CURRENT_TIMESTAMP(3)`… standing as values.
    pub value_keywords: Vec<value_keywords::ValueKeyword>,
    /// The keys of every `ORDER BY` (queries, windows, aggregates), in order.
    pub order_by: Vec<order_by::SortKey>,
    /// The last part of each table or view name the statement reads or
    /// writes (`t` of `s.t`), in order.
    pub relations: Vec<Identifier>,
}

impl Model {
    /// The model of one statement: from `parsed` when a dialect parsed it.
    pub fn build(view: &StatementTokens, parsed: Option<(&Statement, ParseDialect)>) -> Model {
        match parsed {
            Some((ast, dialect)) => from_ast::build(view, ast, dialect),
            None => fallback::build(view),
        }
    }

    /// The model built from the tokens alone, whatever parsed (for the
    /// corpus comparison of the two builders).
    pub fn from_tokens(view: &StatementTokens) -> Model {
        fallback::build(view)
    }
}

/// A call `name(…)` found in a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The unqualified name, lower-cased.
    pub name: String,
    pub name_span: Range<usize>,
    /// From the name to the closing parenthesis.
    pub span: Range<usize>,
    /// Token indices between the parentheses (`None` without a closing `)`).
    pub arguments: Option<Range<usize>>,
    /// Each argument's shape (`None` without a closing `)`). A call among
    /// them keeps its name, not its own arguments: those are on its own
    /// `Call`, and reading them again for every enclosing call would be
    /// quadratic on nested calls.
    pub args: Option<Vec<Expr>>,
}

impl Call {
    /// How many arguments the call passes (`f()`: 0, `round(x, 2)`: 2);
    /// `None` without a closing `)`.
    pub fn argument_count(&self) -> Option<usize> {
        self.args.as_ref().map(Vec::len)
    }
}

/// An expression operand, as much of it as rules ask about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expr {
    pub span: Range<usize>,
    pub kind: ExprKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExprKind {
    /// A string literal (`'x'`, `E'x'`, `N'x'`), with its value.
    String(String),
    /// A call, lower-cased name and arguments.
    Call(String, Vec<Expr>),
    /// `a || b || …`, flattened.
    Concat(Vec<Expr>),
    /// A column or other name.
    Name,
    /// A placeholder (`?`, `$1`, `:name`).
    Placeholder,
    /// A number, with its sign (`2`, `-1.5`).
    Number,
    /// `ARRAY[…]`.
    Array,
    /// Anything else (arithmetic, subqueries, `NULL`…).
    Other,
}

/// `CAST(x AS t)` or `x::t`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cast {
    pub span: Range<usize>,
    /// Whether it is PostgreSQL's `::`.
    pub double_colon: bool,
    pub operand: Range<usize>,
    /// The type as written (upper-cased words, as sqlparser prints it when parsed).
    pub data_type: String,
    /// Where the type is written.
    pub data_type_span: Range<usize>,
    /// The type's words and parentheses, unless a user defined it.
    pub type_name: Option<type_name::TypeName>,
}

/// An operator and its operands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    /// The operator as written (`~`, `@>`, `AT TIME ZONE`), words upper-cased.
    pub spelling: String,
    /// The operator's own tokens.
    pub span: Range<usize>,
    pub arity: Arity,
    /// One operand for a unary operator, two for a binary one.
    pub operands: Vec<Range<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arity {
    Unary,
    Binary,
}

/// `x [NOT] LIKE|ILIKE|GLOB|SIMILAR TO pattern`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternMatch {
    pub kind: MatchKind,
    pub negated: bool,
    /// `[NOT] LIKE`: the operator's words.
    pub operator: Range<usize>,
    /// `LIKE` of `NOT LIKE`: the operator's words without `NOT`.
    pub keyword: Range<usize>,
    pub subject: Expr,
    /// The whole pattern expression (`'%' || name || '%'`).
    pub pattern: Expr,
    /// Whether an `ESCAPE 'c'` clause follows the pattern.
    pub escape: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    Like,
    ILike,
    Glob,
    SimilarTo,
}

/// A subquery in `FROM`/`JOIN`: `(SELECT …) [AS] alias`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerivedTable {
    /// From the outermost `(` to its `)`.
    pub span: Range<usize>,
    pub alias: Option<Identifier>,
    pub lateral: bool,
}

/// One column definition. Token index ranges index the statement's tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnDef {
    /// The column name's token.
    pub name: usize,
    pub ident: Identifier,
    /// The type's tokens (`DOUBLE PRECISION`, `VARCHAR(10)[]`); empty when the column has no type.
    pub data_type: Range<usize>,
    /// Everything after the type up to the `,` or `)` that ends the definition.
    pub constraints: Range<usize>,
    /// Each constraint of `constraints`, in order.
    pub constraint_list: Vec<ColumnConstraint>,
    /// Whether the definition is an `ALTER TABLE … ADD [COLUMN]`.
    pub added: bool,
    /// The type: its first word, whether it is that word alone, its time zone.
    pub column_type: Option<column_type::ColumnType>,
    /// The type's words and parentheses, unless a user defined it.
    pub type_name: Option<type_name::TypeName>,
    /// The first `DEFAULT` and its value's first token.
    pub default: Option<column_type::ColumnDefault>,
    /// `[GENERATED ALWAYS] AS (expr) [STORED|VIRTUAL]`.
    pub generated: Option<generated_column::GeneratedColumn>,
}

/// One column constraint (`NOT NULL`, `DEFAULT 0`, `REFERENCES t (id)`…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnConstraint {
    pub kind: ConstraintKind,
    /// Token indices, from the constraint's first word to its last token.
    pub tokens: Range<usize>,
    pub span: Range<usize>,
    /// The words naming the kind: `PRIMARY KEY`, `NOT NULL`, `ON CONFLICT`,
    /// else the first word (`DEFAULT`, `REFERENCES`…).
    pub keyword: Range<usize>,
    /// A `DEFAULT`'s value and its shape (`None` for other kinds).
    pub default_value: Option<default_value::DefaultValue>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConstraintKind {
    /// `CONSTRAINT name` (the name of the constraint that follows).
    Name,
    PrimaryKey,
    NotNull,
    Null,
    Unique,
    Check,
    Default,
    References,
    Collate,
    Generated,
    Autoincrement,
    /// `ON CONFLICT …` (SQLite).
    OnConflict,
    ForeignKey,
    Exclude,
    /// `LIKE other` in a `CREATE TABLE` list (PostgreSQL's table copy).
    Like,
    Other,
}

/// A table constraint of `CREATE TABLE` (`[CONSTRAINT n] PRIMARY KEY (…)`…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableConstraint {
    /// The kind after an optional `CONSTRAINT name`.
    pub kind: ConstraintKind,
    pub name: Option<Identifier>,
    pub tokens: Range<usize>,
    pub span: Range<usize>,
    /// The word naming the kind (`EXCLUDE`, `PRIMARY`…).
    pub keyword: Range<usize>,
    /// The index method of `EXCLUDE USING gist (…)`.
    pub using: Option<Identifier>,
    /// SQLite's `PRIMARY KEY (id AUTOINCREMENT)`: the keyword.
    pub autoincrement: Option<Range<usize>>,
    /// `DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]` (not `NOT DEFERRABLE`).
    pub deferrable: Option<Range<usize>>,
    /// The `( … )` of `PRIMARY KEY`, `UNIQUE` or `FOREIGN KEY`.
    pub column_list: Option<Range<usize>>,
    /// The elements of `column_list`.
    pub columns: Vec<key_columns::KeyColumn>,
}

/// One `ALTER TABLE` statement, as token index ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlterTable {
    /// `IF EXISTS` after `ALTER TABLE`, when present.
    pub if_exists: Option<Range<usize>>,
    /// The table's (possibly qualified) name.
    pub name: Range<usize>,
    /// Each comma-separated action.
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub kind: ActionKind,
    pub tokens: Range<usize>,
    /// `IF [NOT] EXISTS` of an `ADD`/`DROP [COLUMN]`, as token indices.
    pub guard: Option<Range<usize>>,
    /// What an `ALTER [COLUMN] c …` changes.
    pub column_change: Option<ColumnChange>,
    /// What a constraint action does.
    pub constraint_change: Option<ConstraintChange>,
    /// Whether a `Rename` action renames a column (`RENAME [COLUMN] a TO b`),
    /// not the table (`RENAME TO t`).
    pub renames_column: bool,
    /// The comma before the action (none before the first).
    pub comma: Option<Range<usize>>,
    /// From the action's first token to its last.
    pub span: Range<usize>,
    /// An `ALTER [COLUMN] c …` action from its start through the words
    /// naming its change (`ALTER COLUMN c SET NOT NULL`, `ALTER c TYPE BIGINT`).
    pub change_words: Option<Range<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnChange {
    /// `TYPE t` / `SET DATA TYPE t`.
    Type,
    SetDefault,
    DropDefault,
    SetNotNull,
    DropNotNull,
    /// `ADD GENERATED …`, `SET STATISTICS`…
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConstraintChange {
    /// `ADD [CONSTRAINT n] CHECK (…)`.
    AddCheck,
    /// `ADD [CONSTRAINT n] PRIMARY KEY|UNIQUE|FOREIGN KEY|EXCLUDE …`.
    Add,
    /// `DROP CONSTRAINT n`.
    Drop,
    /// `DROP PRIMARY KEY`, `VALIDATE`, `RENAME`, `ALTER CONSTRAINT`…
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    /// `ADD [COLUMN] [IF NOT EXISTS] def`: SQLite knows it.
    AddColumn,
    /// `DROP [COLUMN] [IF EXISTS] c`: SQLite knows it (3.35+).
    DropColumn,
    /// `RENAME TO t` / `RENAME [COLUMN] a TO b`: SQLite knows it.
    Rename,
    /// `ADD CONSTRAINT`, `ADD PRIMARY KEY`, `DROP CONSTRAINT`, `VALIDATE CONSTRAINT`…
    Constraint,
    /// `ALTER [COLUMN] c TYPE|SET|DROP …`.
    AlterColumn,
    /// `ENABLE|DISABLE [ALWAYS|REPLICA] TRIGGER …`.
    TriggerToggle,
    /// Anything else (`OWNER TO`, `SET SCHEMA`, `ATTACH PARTITION`…).
    Other,
}

/// A `LIMIT` or `OFFSET` value (`LIMIT ALL` has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limit {
    pub kind: LimitKind,
    /// The clause's keyword: `LIMIT` or `OFFSET` (`LIMIT` for both values
    /// of `LIMIT offset, count`).
    pub keyword: Range<usize>,
    /// The value expression, with parentheses around it.
    pub value: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitKind {
    /// How many rows.
    Limit,
    /// How many rows to skip.
    Offset,
}

/// A literal value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    pub span: Range<usize>,
    pub kind: LiteralKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiteralKind {
    /// A string literal's value.
    String(String),
    Number,
    Boolean,
    Null,
    Placeholder,
}

/// A name as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identifier {
    pub span: Range<usize>,
    pub value: String,
    /// `"`, `` ` ``, `[` or none.
    pub quote: Option<char>,
}

#[cfg(test)]
mod column_options_tests;
#[cfg(test)]
mod create_index_tests;
#[cfg(test)]
mod table_options_tests;
#[cfg(test)]
mod tests;

#[cfg(test)]
mod head_tests;
