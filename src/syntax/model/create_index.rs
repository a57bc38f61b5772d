//! `CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON t
//! [USING method] (keys) [INCLUDE (…)] [NULLS [NOT] DISTINCT] [WITH (…)]
//! [TABLESPACE s] [WHERE …]`: the index node. The token scan locates each
//! part; from the AST, sqlparser decides which parts are there (it has no
//! spans for them) and where operator classes stand.

use std::ops::Range;

use sqlparser::tokenizer::Token as SqlToken;

use super::Identifier;
use crate::syntax::statement::StatementTokens;

/// One `CREATE INDEX` statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateIndex {
    /// From `CREATE` to the `ON` before the table.
    pub head: Range<usize>,
    /// The index's (possibly qualified) name; `None` for `CREATE INDEX ON t …`.
    pub name: Option<Range<usize>>,
    pub unique: bool,
    pub concurrently: bool,
    pub if_not_exists: bool,
    /// `USING method` before the keys.
    pub using: Option<IndexMethod>,
    /// PostgreSQL operator classes of the keys (`name text_pattern_ops`).
    pub operator_classes: Vec<Identifier>,
    /// The clauses after the keys that SQLite does not know.
    pub clauses: Vec<IndexClause>,
}

/// `USING gin`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexMethod {
    /// The method, lower-cased.
    pub name: String,
    /// From `USING` to the method.
    pub span: Range<usize>,
    /// What removing it removes: up to the next token.
    pub removal: Range<usize>,
}

/// A clause after the key list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexClause {
    pub kind: ClauseKind,
    /// The clause's first word, as written.
    pub keyword: Range<usize>,
    /// The whole clause (`INCLUDE (a, b)`, `TABLESPACE fast`).
    pub span: Range<usize>,
    /// The clause with the space before it.
    pub removal: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClauseKind {
    /// `INCLUDE (…)`.
    Include,
    /// `NULLS NOT DISTINCT`.
    NullsNotDistinct,
    /// `WITH (storage parameters)`.
    With,
    /// `TABLESPACE name`.
    Tablespace,
}

impl CreateIndex {
    pub fn clauses_of(&self, kind: ClauseKind) -> impl Iterator<Item = &IndexClause> {
        self.clauses.iter().filter(move |c| c.kind == kind)
    }
}

/// The index node from the tokens alone.
pub(super) fn from_tokens(view: &StatementTokens) -> Option<CreateIndex> {
    if !view.is_word(0, "CREATE") {
        return None;
    }
    let unique = view.is_word(1, "UNIQUE");
    let mut i = 1 + usize::from(unique);
    if !view.is_word(i, "INDEX") {
        return None;
    }
    i += 1;
    let concurrently = view.is_word(i, "CONCURRENTLY");
    i += usize::from(concurrently);
    let if_not_exists = view.words_at(i, &["IF", "NOT", "EXISTS"]);
    if if_not_exists {
        i += 3;
    }
    let on = (i..view.tokens.len()).find(|&k| view.is_word(k, "ON"))?;
    let name = (on > i).then(|| view.token_span(i, on - 1));
    let open = (on..view.tokens.len()).find(|&k| view.tokens[k].kind == SqlToken::LParen);
    let keys_start = open.unwrap_or(view.tokens.len());
    let using = (on..keys_start)
        .find(|&k| view.is_word(k, "USING"))
        .and_then(|k| method(view, k));
    let close = open.and_then(|o| view.matching_paren(o));
    let (operator_classes, clauses) = match (open, close) {
        (Some(open), Some(close)) => (
            operator_classes(view, open + 1..close),
            clauses(view, close + 1),
        ),
        _ => (Vec::new(), Vec::new()),
    };
    Some(CreateIndex {
        head: view.token_span(0, on),
        name,
        unique,
        concurrently,
        if_not_exists,
        using,
        operator_classes,
        clauses,
    })
}

/// The index node of a parsed `CREATE INDEX`: the tree says which parts
/// are there, the tokens where.
pub(super) fn from_ast(
    view: &StatementTokens,
    index: &sqlparser::ast::CreateIndex,
) -> Option<CreateIndex> {
    let mut node = from_tokens(view)?;
    node.unique = index.unique;
    node.concurrently = index.concurrently;
    node.if_not_exists = index.if_not_exists;
    if index.name.is_none() {
        node.name = None;
    }
    let method_named = index.using.is_some()
        || index
            .index_options
            .iter()
            .any(|o| matches!(o, sqlparser::ast::IndexOption::Using(_)));
    if !method_named {
        node.using = None;
    }
    node.operator_classes = index
        .columns
        .iter()
        .filter_map(|c| c.operator_class.as_ref()?.0.last()?.as_ident())
        .filter_map(|ident| {
            Some(Identifier {
                span: view.file.range(ident.span).filter(|s| !s.is_empty())?,
                value: ident.value.clone(),
                quote: ident.quote_style,
            })
        })
        .collect();
    node.clauses.retain(|c| match c.kind {
        ClauseKind::Include => !index.include.is_empty(),
        ClauseKind::NullsNotDistinct => index.nulls_distinct == Some(false),
        ClauseKind::With => !index.with.is_empty(),
        // sqlparser has no field for it: it parsed only if the tokens hold it.
        ClauseKind::Tablespace => true,
    });
    Some(node)
}

fn method(view: &StatementTokens, using: usize) -> Option<IndexMethod> {
    let method = view.tokens.get(using + 1)?;
    let SqlToken::Word(word) = &method.kind else {
        return None;
    };
    let end = view
        .tokens
        .get(using + 2)
        .map_or(method.span.end, |t| t.span.start);
    Some(IndexMethod {
        name: word.value.to_ascii_lowercase(),
        span: view.token_span(using, using + 1),
        removal: view.tokens[using].span.start..end,
    })
}

/// `expr opclass [ASC|DESC]`: an unquoted word ending in `_ops` after a
/// key's first token.
fn operator_classes(view: &StatementTokens, keys: Range<usize>) -> Vec<Identifier> {
    let mut found = Vec::new();
    for key in view.split_top_level(keys) {
        let class = key.clone().skip(1).find(|&i| is_operator_class(view, i));
        if let Some(class) = class
            && let SqlToken::Word(w) = &view.tokens[class].kind
        {
            found.push(Identifier {
                span: view.tokens[class].span.clone(),
                value: w.value.clone(),
                quote: None,
            });
        }
    }
    found
}

fn is_operator_class(view: &StatementTokens, i: usize) -> bool {
    matches!(&view.tokens[i].kind, SqlToken::Word(w)
        if w.quote_style.is_none() && w.value.to_ascii_lowercase().ends_with("_ops"))
        && !matches!(
            view.tokens[i - 1].kind,
            SqlToken::Period | SqlToken::LParen | SqlToken::Comma
        )
}

/// The clauses from token `start` on, up to `WHERE`.
fn clauses(view: &StatementTokens, start: usize) -> Vec<IndexClause> {
    let mut found = Vec::new();
    let mut i = start;
    let opens = |k: usize| {
        view.tokens
            .get(k)
            .is_some_and(|t| t.kind == SqlToken::LParen)
    };
    while i < view.tokens.len() && !view.is_word(i, "WHERE") {
        let clause = if view.is_word(i, "INCLUDE") && opens(i + 1) {
            view.matching_paren(i + 1)
                .map(|end| (ClauseKind::Include, end))
        } else if view.words_at(i, &["NULLS", "NOT", "DISTINCT"]) {
            Some((ClauseKind::NullsNotDistinct, i + 2))
        } else if view.is_word(i, "WITH") && opens(i + 1) {
            view.matching_paren(i + 1)
                .map(|end| (ClauseKind::With, end))
        } else if view.is_word(i, "TABLESPACE") && i + 1 < view.tokens.len() {
            Some((ClauseKind::Tablespace, i + 1))
        } else {
            None
        };
        let Some((kind, last)) = clause else {
            i += 1;
            continue;
        };
        let span = view.token_span(i, last);
        let before = view.tokens[i - 1].span.end;
        found.push(IndexClause {
            kind,
            keyword: view.tokens[i].span.clone(),
            removal: before..span.end,
            span,
        });
        i = last + 1;
    }
    found
}
