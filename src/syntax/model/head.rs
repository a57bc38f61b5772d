//! What a statement is: its verb, the kind of object a CREATE/ALTER/DROP/
//! COMMENT/REFRESH/REINDEX acts on, the clauses of its head (`OR REPLACE`,
//! `IF NOT EXISTS`, `CONCURRENTLY`…) and the names it acts on. From the AST
//! the statement's variant says what it is (`from_ast`); the leading words say
//! where (sqlparser keeps no span for them), and say what it is when no
//! dialect parsed the statement (`scan`). The head's word lists live here.

use std::ops::Range;

use sqlparser::ast::{ObjectType, SqliteOnConflict, Statement, UserDefinedTypeRepresentation};
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token as SqlToken;

use crate::syntax::model::words::DDL_MODIFIERS;
use crate::syntax::statement::StatementTokens;

/// The statement's head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub verb: Verb,
    /// The first word.
    pub verb_span: Range<usize>,
    /// What a CREATE/ALTER/DROP/COMMENT ON/REFRESH/REINDEX acts on.
    pub object: Option<ObjectKind>,
    /// From the first word through the object kind's words (`CREATE OR
    /// REPLACE TEMP VIEW`); the first word alone without an object kind.
    pub span: Range<usize>,
    pub clauses: Vec<HeadClause>,
    /// The (possibly qualified) names the statement acts on, in order.
    pub names: Vec<Range<usize>>,
    /// The commas between `names` (`DROP TABLE a, b`).
    pub separators: Vec<Range<usize>>,
}

impl Head {
    /// The object kind of a CREATE, ALTER or DROP.
    pub fn ddl_object(&self) -> Option<ObjectKind> {
        matches!(self.verb, Verb::Create | Verb::Alter | Verb::Drop)
            .then_some(self.object)
            .flatten()
    }

    /// Where the head has a clause of this kind.
    pub fn clause(&self, kind: ClauseKind) -> Option<Range<usize>> {
        self.clauses
            .iter()
            .find(|c| c.kind == kind)
            .map(|c| c.span.clone())
    }

    pub fn has(&self, kind: ClauseKind) -> bool {
        self.clause(kind).is_some()
    }

    /// From the first word through the first name (or, without a name,
    /// through the head and its `IF [NOT] EXISTS`).
    pub fn through_name(&self) -> Range<usize> {
        let guard = self
            .clause(ClauseKind::IfExists)
            .or_else(|| self.clause(ClauseKind::IfNotExists));
        let end = self
            .names
            .first()
            .map(|n| n.end)
            .or(guard.map(|g| g.end))
            .unwrap_or(self.span.end);
        self.span.start..end.max(self.span.end)
    }
}

/// The statement's first word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Select,
    Insert,
    /// `REPLACE INTO` (SQLite).
    Replace,
    Update,
    Delete,
    Merge,
    Create,
    Alter,
    Drop,
    Comment,
    Grant,
    Revoke,
    Reassign,
    /// `SECURITY LABEL`.
    SecurityLabel,
    Truncate,
    Lock,
    Set,
    Reset,
    Pragma,
    Do,
    Call,
    Reindex,
    Vacuum,
    Analyze,
    Attach,
    Detach,
    Begin,
    Refresh,
    Cluster,
    Copy,
    Notify,
    Listen,
    Unlisten,
    Discard,
    Checkpoint,
    Import,
    Prepare,
    Execute,
    Other,
}

/// What a CREATE/ALTER/DROP… acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectKind {
    Table,
    /// `VIRTUAL TABLE` (SQLite).
    VirtualTable,
    View,
    MaterializedView,
    Index,
    Trigger,
    Function,
    Procedure,
    /// A composite or other type.
    Type,
    /// `TYPE … AS ENUM`.
    EnumType,
    Domain,
    Extension,
    Schema,
    Role,
    User,
    Group,
    Policy,
    /// `DROP OWNED`.
    Owned,
    Sequence,
    /// PostgreSQL server objects (`STATISTICS`, `PUBLICATION`, `DATABASE`,
    /// `TEXT SEARCH`, `DEFAULT PRIVILEGES`…): `SERVER_OBJECTS`.
    Server,
    Other,
}

/// A clause of the head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadClause {
    pub kind: ClauseKind,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClauseKind {
    OrReplace,
    IfExists,
    IfNotExists,
    Concurrently,
    /// `INTO` after the verb (`MERGE INTO`, `REPLACE INTO`, `VACUUM INTO`).
    Into,
    /// `VACUUM FULL`, `ANALYZE VERBOSE`, `REINDEX (…)`, `VACUUM (…)`.
    Options,
    /// A column list after a name of `ANALYZE`/`VACUUM`.
    ColumnList,
    /// `BEGIN DEFERRED|IMMEDIATE|EXCLUSIVE` (SQLite).
    TransactionMode,
    /// `DROP TRIGGER … ON table` (PostgreSQL).
    OnTable,
    /// A trigger's `EXECUTE FUNCTION|PROCEDURE` (PostgreSQL).
    ExecuteFunction,
    /// A trigger's `BEGIN … END` body (SQLite).
    BeginBody,
    /// `ALTER … OWNER TO role`, through the role.
    OwnerTo,
    /// The module of `CREATE VIRTUAL TABLE … USING module`.
    Module,
}

const VERBS: &[(&str, Verb)] = &[
    ("SELECT", Verb::Select),
    ("WITH", Verb::Select),
    ("VALUES", Verb::Select),
    ("INSERT", Verb::Insert),
    ("REPLACE", Verb::Replace),
    ("UPDATE", Verb::Update),
    ("DELETE", Verb::Delete),
    ("MERGE", Verb::Merge),
    ("CREATE", Verb::Create),
    ("ALTER", Verb::Alter),
    ("DROP", Verb::Drop),
    ("COMMENT", Verb::Comment),
    ("GRANT", Verb::Grant),
    ("REVOKE", Verb::Revoke),
    ("REASSIGN", Verb::Reassign),
    ("SECURITY", Verb::SecurityLabel),
    ("TRUNCATE", Verb::Truncate),
    ("LOCK", Verb::Lock),
    ("SET", Verb::Set),
    ("RESET", Verb::Reset),
    ("PRAGMA", Verb::Pragma),
    ("DO", Verb::Do),
    ("CALL", Verb::Call),
    ("REINDEX", Verb::Reindex),
    ("VACUUM", Verb::Vacuum),
    ("ANALYZE", Verb::Analyze),
    ("ATTACH", Verb::Attach),
    ("DETACH", Verb::Detach),
    ("BEGIN", Verb::Begin),
    ("REFRESH", Verb::Refresh),
    ("CLUSTER", Verb::Cluster),
    ("COPY", Verb::Copy),
    ("NOTIFY", Verb::Notify),
    ("LISTEN", Verb::Listen),
    ("UNLISTEN", Verb::Unlisten),
    ("DISCARD", Verb::Discard),
    ("CHECKPOINT", Verb::Checkpoint),
    ("IMPORT", Verb::Import),
    ("PREPARE", Verb::Prepare),
    ("EXECUTE", Verb::Execute),
];

/// Object kinds written as two words.
const TWO_WORD_OBJECTS: &[(&str, &str, ObjectKind)] = &[
    ("VIRTUAL", "TABLE", ObjectKind::VirtualTable),
    ("MATERIALIZED", "VIEW", ObjectKind::MaterializedView),
];

const OBJECTS: &[(&str, ObjectKind)] = &[
    ("TABLE", ObjectKind::Table),
    ("VIEW", ObjectKind::View),
    ("INDEX", ObjectKind::Index),
    ("TRIGGER", ObjectKind::Trigger),
    ("FUNCTION", ObjectKind::Function),
    ("PROCEDURE", ObjectKind::Procedure),
    ("TYPE", ObjectKind::Type),
    ("DOMAIN", ObjectKind::Domain),
    ("EXTENSION", ObjectKind::Extension),
    ("SCHEMA", ObjectKind::Schema),
    ("ROLE", ObjectKind::Role),
    ("USER", ObjectKind::User),
    ("GROUP", ObjectKind::Group),
    ("POLICY", ObjectKind::Policy),
    ("OWNED", ObjectKind::Owned),
    ("SEQUENCE", ObjectKind::Sequence),
];

/// PostgreSQL's server objects (the first word of their kind).
const SERVER_OBJECTS: &[&str] = &[
    "STATISTICS",
    "PUBLICATION",
    "SUBSCRIPTION",
    "AGGREGATE",
    "OPERATOR",
    "COLLATION",
    "TEXT",
    "RULE",
    "EVENT",
    "FOREIGN",
    "SERVER",
    "CAST",
    "TABLESPACE",
    "DATABASE",
    "LANGUAGE",
    "CONVERSION",
    "ACCESS",
    "TRANSFORM",
    "DEFAULT",
    "ROUTINE",
];

/// Options of `VACUUM` written without parentheses.
const VACUUM_OPTIONS: [&str; 5] = ["FULL", "FREEZE", "VERBOSE", "ANALYZE", "ANALYSE"];

/// The databases SQLite itself names: the main file and the temporary one.
pub const SQLITE_SCHEMAS: [&str; 2] = ["main", "temp"];

/// SQLite's transaction modes after `BEGIN`.
const TRANSACTION_MODES: [&str; 3] = ["DEFERRED", "IMMEDIATE", "EXCLUSIVE"];

/// The kinds `REINDEX` names before its target (PostgreSQL).
const REINDEX_OBJECTS: &[(&str, ObjectKind)] = &[
    ("INDEX", ObjectKind::Index),
    ("TABLE", ObjectKind::Table),
    ("SCHEMA", ObjectKind::Schema),
    ("DATABASE", ObjectKind::Server),
    ("SYSTEM", ObjectKind::Other),
];

// ---- From the AST ---------------------------------------------------------

/// The head of a parsed statement: what it is from the AST's variant, where
/// from the leading words.
pub fn from_ast(view: &StatementTokens, ast: &Statement) -> Option<Head> {
    let mut head = scan(view)?;
    if let Some((verb, object)) = kind_of(ast, head.verb) {
        head.verb = verb;
        head.object = object.or(head.object);
    }
    Some(head)
}

/// The verb and object kind the AST's variant says, for the variants rules ask about.
fn kind_of(ast: &Statement, scanned: Verb) -> Option<(Verb, Option<ObjectKind>)> {
    use ObjectKind as O;
    let create = |o| Some((Verb::Create, Some(o)));
    Some(match ast {
        Statement::Query(_) => (Verb::Select, None),
        // SQLite's dialect reads `REPLACE INTO` as `INSERT OR REPLACE`: the
        // tree says it replaces, the first word how it is spelled.
        Statement::Insert(insert)
            if (insert.replace_into || insert.or == Some(SqliteOnConflict::Replace))
                && scanned == Verb::Replace =>
        {
            (Verb::Replace, None)
        }
        Statement::Insert(_) => (Verb::Insert, None),
        Statement::Update(_) => (Verb::Update, None),
        Statement::Delete(_) => (Verb::Delete, None),
        Statement::Merge(_) => (Verb::Merge, None),
        Statement::CreateTable(_) => return create(O::Table),
        Statement::CreateVirtualTable { .. } => return create(O::VirtualTable),
        Statement::CreateView(view) if view.materialized => return create(O::MaterializedView),
        Statement::CreateView(_) => return create(O::View),
        Statement::CreateIndex(_) => return create(O::Index),
        Statement::CreateTrigger(_) => return create(O::Trigger),
        Statement::CreateFunction(_) => return create(O::Function),
        Statement::CreateProcedure { .. } => return create(O::Procedure),
        Statement::CreateType {
            representation: Some(UserDefinedTypeRepresentation::Enum { .. }),
            ..
        } => return create(O::EnumType),
        Statement::CreateType { .. } => return create(O::Type),
        Statement::CreateDomain(_) => return create(O::Domain),
        Statement::CreateExtension(_) => return create(O::Extension),
        Statement::CreateSchema { .. } => return create(O::Schema),
        Statement::CreateRole(_) => return create(O::Role),
        Statement::CreatePolicy(_) => return create(O::Policy),
        Statement::CreateSequence { .. } => return create(O::Sequence),
        Statement::AlterTable(_) => (Verb::Alter, Some(O::Table)),
        Statement::AlterIndex { .. } => (Verb::Alter, Some(O::Index)),
        Statement::AlterView(view) if view.materialized => (Verb::Alter, Some(O::MaterializedView)),
        Statement::AlterView(_) => (Verb::Alter, Some(O::View)),
        Statement::AlterType(_) => (Verb::Alter, Some(O::Type)),
        Statement::AlterSchema(_) => (Verb::Alter, Some(O::Schema)),
        Statement::AlterTrigger(_) => (Verb::Alter, Some(O::Trigger)),
        Statement::Drop { object_type, .. } => (Verb::Drop, dropped(*object_type)),
        Statement::DropTrigger(_) => (Verb::Drop, Some(O::Trigger)),
        Statement::DropFunction(_) => (Verb::Drop, Some(O::Function)),
        Statement::DropProcedure { .. } => (Verb::Drop, Some(O::Procedure)),
        Statement::DropDomain(_) => (Verb::Drop, Some(O::Domain)),
        Statement::DropExtension(_) => (Verb::Drop, Some(O::Extension)),
        Statement::DropPolicy(_) => (Verb::Drop, Some(O::Policy)),
        Statement::RefreshMaterializedView(_) => (Verb::Refresh, Some(O::MaterializedView)),
        Statement::Truncate(_) => (Verb::Truncate, None),
        Statement::Lock(_) => (Verb::Lock, None),
        Statement::Set(_) => (Verb::Set, None),
        Statement::Reset(_) => (Verb::Reset, None),
        Statement::Pragma { .. } => (Verb::Pragma, None),
        Statement::Call(_) => (Verb::Call, None),
        Statement::Comment { .. } => (Verb::Comment, None),
        Statement::Grant(_) | Statement::GrantRole(_) => (Verb::Grant, None),
        Statement::Revoke(_) | Statement::RevokeRole(_) => (Verb::Revoke, None),
        Statement::StartTransaction { begin: true, .. } => (Verb::Begin, None),
        Statement::Vacuum(_) => (Verb::Vacuum, None),
        Statement::Analyze(_) => (Verb::Analyze, None),
        Statement::AttachDatabase { .. } => (Verb::Attach, None),
        Statement::Copy { .. } => (Verb::Copy, None),
        Statement::NOTIFY { .. } => (Verb::Notify, None),
        Statement::LISTEN { .. } => (Verb::Listen, None),
        Statement::UNLISTEN { .. } => (Verb::Unlisten, None),
        Statement::Discard { .. } => (Verb::Discard, None),
        Statement::Prepare { .. } => (Verb::Prepare, None),
        Statement::Execute { .. } => (Verb::Execute, None),
        _ => return None,
    })
}

fn dropped(object: ObjectType) -> Option<ObjectKind> {
    use ObjectKind as O;
    Some(match object {
        ObjectType::Table => O::Table,
        ObjectType::View => O::View,
        ObjectType::MaterializedView => O::MaterializedView,
        ObjectType::Index => O::Index,
        ObjectType::Schema => O::Schema,
        ObjectType::Role => O::Role,
        ObjectType::User => O::User,
        ObjectType::Group => O::Group,
        ObjectType::Sequence => O::Sequence,
        ObjectType::Type => O::Type,
        ObjectType::Database | ObjectType::Collation | ObjectType::ForeignTable => O::Server,
        _ => return None,
    })
}

// ---- From the tokens ------------------------------------------------------

/// The head from the leading words (`None` for a statement without tokens).
pub fn scan(view: &StatementTokens) -> Option<Head> {
    let first = view.tokens.first()?;
    let verb = verb_at(view);
    let mut scan = Scan {
        view,
        at: 1,
        head: Head {
            verb,
            verb_span: first.span.clone(),
            object: None,
            span: first.span.clone(),
            clauses: Vec::new(),
            names: Vec::new(),
            separators: Vec::new(),
        },
    };
    match verb {
        Verb::Create | Verb::Alter | Verb::Drop | Verb::Refresh => scan.ddl(),
        Verb::Comment if view.is_word(1, "ON") => {
            scan.at = 2;
            scan.object();
        }
        Verb::Reindex => scan.reindex(),
        Verb::Vacuum | Verb::Analyze => scan.maintenance(),
        Verb::Merge | Verb::Replace | Verb::Insert => scan.clause_word("INTO", ClauseKind::Into),
        Verb::Truncate => {
            if view.is_word(1, "TABLE") {
                scan.head.object = Some(ObjectKind::Table);
                scan.head.span.end = view.tokens[1].span.end;
                scan.at = 2;
            }
            scan.names(true);
        }
        Verb::Begin => scan.any_word_of(&TRANSACTION_MODES, ClauseKind::TransactionMode),
        _ => {}
    }
    Some(scan.head)
}

fn verb_at(view: &StatementTokens) -> Verb {
    let found = VERBS.iter().find(|(word, _)| view.is_word(0, word));
    match found {
        Some((_, Verb::SecurityLabel)) if !view.is_word(1, "LABEL") => Verb::Other,
        Some((_, verb)) => *verb,
        None => Verb::Other,
    }
}

struct Scan<'v, 'a> {
    view: &'v StatementTokens<'a>,
    /// The next token to read.
    at: usize,
    head: Head,
}

impl Scan<'_, '_> {
    fn word(&self, word: &str) -> bool {
        self.view.is_word(self.at, word)
    }

    fn push(&mut self, kind: ClauseKind, first: usize, last: usize) {
        let span = self.view.token_span(first, last);
        self.head.clauses.push(HeadClause { kind, span });
    }

    /// Whether the word here is one between the verb and the object kind
    /// (`CONSTRAINT` of `CREATE CONSTRAINT TRIGGER` among them).
    fn modifier(&self) -> bool {
        DDL_MODIFIERS.iter().any(|m| self.word(m)) || self.word("CONSTRAINT")
    }

    /// `CREATE|ALTER|DROP|REFRESH [modifiers] kind [CONCURRENTLY] [IF [NOT] EXISTS] names`.
    fn ddl(&mut self) {
        let limit = self.view.tokens.len().min(6);
        while self.at < limit && self.modifier() {
            if self.word("OR") && self.view.is_word(self.at + 1, "REPLACE") {
                self.push(ClauseKind::OrReplace, self.at, self.at + 1);
            }
            self.at += 1;
        }
        if self.at >= limit || !self.object() {
            return;
        }
        self.clause_word("CONCURRENTLY", ClauseKind::Concurrently);
        self.guard();
        self.names(self.head.verb == Verb::Drop);
        self.trailing_clauses();
    }

    /// The object kind at `at`; whether there is one.
    fn object(&mut self) -> bool {
        let view = self.view;
        let two = TWO_WORD_OBJECTS
            .iter()
            .find(|(a, b, _)| self.word(a) && view.is_word(self.at + 1, b));
        let (kind, words) = if let Some((_, _, kind)) = two {
            (*kind, 2)
        } else if let Some((_, kind)) = OBJECTS.iter().find(|(w, _)| self.word(w)) {
            (*kind, 1)
        } else if SERVER_OBJECTS.iter().any(|w| self.word(w))
            // `DEFAULT VALUES` is no object.
            && !view.is_word(self.at + 1, "VALUES")
        {
            (ObjectKind::Server, 1)
        } else if matches!(
            view.tokens.get(self.at).map(|t| &t.kind),
            Some(SqlToken::Word(_))
        ) {
            (ObjectKind::Other, 1)
        } else {
            return false;
        };
        self.head.object = Some(kind);
        self.head.span.end = view.tokens[self.at + words - 1].span.end;
        self.at += words;
        true
    }

    /// A clause of one word at `at`.
    fn clause_word(&mut self, word: &str, kind: ClauseKind) {
        if self.word(word) {
            self.push(kind, self.at, self.at);
            self.at += 1;
        }
    }

    fn any_word_of(&mut self, words: &[&str], kind: ClauseKind) {
        if words.iter().any(|w| self.word(w)) {
            self.push(kind, self.at, self.at);
            self.at += 1;
        }
    }

    /// `IF EXISTS` / `IF NOT EXISTS`.
    fn guard(&mut self) {
        let view = self.view;
        if view.words_at(self.at, &["IF", "EXISTS"]) {
            self.push(ClauseKind::IfExists, self.at, self.at + 1);
            self.at += 2;
        } else if view.words_at(self.at, &["IF", "NOT", "EXISTS"]) {
            self.push(ClauseKind::IfNotExists, self.at, self.at + 2);
            self.at += 3;
        }
    }

    /// A name at `at` (`a`, `s.a`, `"s"."a"`), and with `list` the names
    /// after its commas.
    fn names(&mut self, list: bool) {
        while let Some(end) = self.name_end(self.at) {
            self.head.names.push(self.view.token_span(self.at, end));
            self.at = end + 1;
            let comma = self
                .view
                .tokens
                .get(self.at)
                .filter(|t| t.kind == SqlToken::Comma);
            match comma {
                Some(comma) if list && self.name_end(self.at + 1).is_some() => {
                    self.head.separators.push(comma.span.clone());
                    self.at += 1;
                }
                _ => return,
            }
        }
    }

    /// The last token of a qualified name starting at `i`.
    fn name_end(&self, mut i: usize) -> Option<usize> {
        let is_word = |i: usize| {
            matches!(
                self.view.tokens.get(i).map(|t| &t.kind),
                Some(SqlToken::Word(_))
            )
        };
        if !is_word(i) {
            return None;
        }
        while self
            .view
            .tokens
            .get(i + 1)
            .is_some_and(|t| t.kind == SqlToken::Period)
            && is_word(i + 2)
        {
            i += 2;
        }
        Some(i)
    }

    /// What the rest of a DDL statement says about its form: a trigger's
    /// body or table, an owner change, a virtual table's module.
    fn trailing_clauses(&mut self) {
        let view = self.view;
        let rest = self.at..view.tokens.len();
        match (self.head.verb, self.head.object) {
            (Verb::Drop, Some(ObjectKind::Trigger)) => {
                if let Some(on) = rest.clone().find(|&i| view.keyword(i) == Some(Keyword::ON)) {
                    self.push(ClauseKind::OnTable, on, on);
                }
            }
            (Verb::Create, Some(ObjectKind::Trigger)) => {
                if let Some(at) = rest
                    .clone()
                    .find(|&i| view.keyword(i) == Some(Keyword::EXECUTE))
                {
                    self.push(ClauseKind::ExecuteFunction, at, at);
                }
                if let Some(at) = rest
                    .clone()
                    .find(|&i| view.keyword(i) == Some(Keyword::BEGIN))
                {
                    self.push(ClauseKind::BeginBody, at, at);
                }
            }
            (Verb::Create, Some(ObjectKind::VirtualTable)) => {
                let using = rest.clone().find(|&i| view.is_word(i, "USING"));
                if let Some(module) = using.map(|i| i + 1).filter(|&i| i < view.tokens.len()) {
                    self.push(ClauseKind::Module, module, module);
                }
            }
            (Verb::Create, Some(ObjectKind::Type))
                if view.find_words(rest.clone(), &["AS", "ENUM"]).is_some() =>
            {
                self.head.object = Some(ObjectKind::EnumType);
            }
            (Verb::Alter, object) if object != Some(ObjectKind::Table) => {
                if let Some(owner) = view.find_words(rest.clone(), &["OWNER", "TO"]) {
                    self.push(
                        ClauseKind::OwnerTo,
                        owner,
                        (owner + 2).min(view.tokens.len() - 1),
                    );
                }
            }
            _ => {}
        }
    }

    /// `REINDEX [(…)] [INDEX|TABLE|…] [CONCURRENTLY] name` or SQLite's `REINDEX [name]`.
    fn reindex(&mut self) {
        self.parenthesised_options();
        let kind = REINDEX_OBJECTS.iter().find(|(w, _)| self.word(w));
        if let Some((_, kind)) = kind {
            self.head.object = Some(*kind);
            self.head.span.end = self.view.tokens[self.at].span.end;
            self.at += 1;
        }
        self.clause_word("CONCURRENTLY", ClauseKind::Concurrently);
        self.names(false);
    }

    /// `VACUUM|ANALYZE [FULL…|(…)] [INTO 'file'] [names [(columns)], …]`.
    fn maintenance(&mut self) {
        // `ANALYZE full` analyzes a table called `full`.
        let options: &[&str] = if self.head.verb == Verb::Vacuum {
            &VACUUM_OPTIONS
        } else {
            &["VERBOSE"]
        };
        if !self.parenthesised_options() {
            while options.iter().any(|w| self.word(w)) {
                self.push(ClauseKind::Options, self.at, self.at);
                self.at += 1;
            }
        }
        self.clause_word("INTO", ClauseKind::Into);
        while let Some(end) = self.name_end(self.at) {
            self.head.names.push(self.view.token_span(self.at, end));
            self.at = end + 1;
            if self
                .view
                .tokens
                .get(self.at)
                .is_some_and(|t| t.kind == SqlToken::LParen)
            {
                let close = self
                    .view
                    .matching_paren(self.at)
                    .unwrap_or(self.view.tokens.len() - 1);
                self.push(ClauseKind::ColumnList, self.at, close);
                self.at = close + 1;
            }
            match self.view.tokens.get(self.at) {
                Some(comma) if comma.kind == SqlToken::Comma => {
                    self.head.separators.push(comma.span.clone());
                    self.at += 1;
                }
                _ => return,
            }
        }
    }

    /// `(…)` at `at`: an options list; whether there was one.
    fn parenthesised_options(&mut self) -> bool {
        if self
            .view
            .tokens
            .get(self.at)
            .is_none_or(|t| t.kind != SqlToken::LParen)
        {
            return false;
        }
        let close = self
            .view
            .matching_paren(self.at)
            .unwrap_or(self.view.tokens.len() - 1);
        self.push(ClauseKind::Options, self.at, close);
        self.at = close + 1;
        true
    }
}
