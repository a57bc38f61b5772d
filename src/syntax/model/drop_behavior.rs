//! `CASCADE` or `RESTRICT` ending a statement (`DROP TABLE t CASCADE`,
//! `ALTER TABLE t DROP COLUMN c RESTRICT`): the word, and what removing it
//! removes. The last token says where, after a DROP or an ALTER TABLE whose
//! last action drops something; from the AST, only when the tree holds it
//! too (the DROP's flag, or the last action's drop behaviour).

use std::ops::Range;

use sqlparser::ast::{AlterTableOperation, DropBehavior as TreeBehavior, Statement};
use sqlparser::keywords::Keyword;

use super::{Action, ActionKind, AlterTable, ConstraintChange};
use crate::syntax::statement::StatementTokens;

/// The statement's closing `CASCADE` or `RESTRICT`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DropBehavior {
    pub kind: DropBehaviorKind,
    /// The word.
    pub span: Range<usize>,
    /// The word with the space before it.
    pub removal: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropBehaviorKind {
    Cascade,
    Restrict,
}

/// The closing word of a DROP, or of an ALTER TABLE whose last action drops
/// a column or a constraint.
pub(super) fn from_tokens(
    view: &StatementTokens,
    alter_table: Option<&AlterTable>,
) -> Option<DropBehavior> {
    let drops = view.keyword(0) == Some(Keyword::DROP)
        || alter_table
            .and_then(|t| t.actions.last())
            .is_some_and(drops_something);
    if drops { closing_word(view) } else { None }
}

/// The tokens' closing word, kept when the tree holds it (a DROP's flag, an
/// ALTER TABLE's last action's drop behaviour).
pub(super) fn from_ast(view: &StatementTokens, ast: &Statement) -> Option<DropBehavior> {
    let located = closing_word(view)?;
    let cascade = located.kind == DropBehaviorKind::Cascade;
    let kept = match ast {
        Statement::Drop {
            cascade: c,
            restrict: r,
            ..
        } => (cascade && *c) || (!cascade && *r),
        Statement::AlterTable(alter) => match alter.operations.last() {
            Some(
                AlterTableOperation::DropColumn { drop_behavior, .. }
                | AlterTableOperation::DropConstraint { drop_behavior, .. },
            ) => matches!(
                (drop_behavior, cascade),
                (Some(TreeBehavior::Cascade), true) | (Some(TreeBehavior::Restrict), false)
            ),
            _ => false,
        },
        // `DROP FUNCTION f() CASCADE` and the other DROP statements.
        _ => view.keyword(0) == Some(Keyword::DROP),
    };
    kept.then_some(located)
}

fn drops_something(action: &Action) -> bool {
    action.kind == ActionKind::DropColumn
        || action.constraint_change == Some(ConstraintChange::Drop)
}

/// The statement's last token, when it is `CASCADE` or `RESTRICT`.
fn closing_word(view: &StatementTokens) -> Option<DropBehavior> {
    let last = view.tokens.len().checked_sub(1)?;
    let kind = match view.keyword(last)? {
        Keyword::CASCADE => DropBehaviorKind::Cascade,
        Keyword::RESTRICT => DropBehaviorKind::Restrict,
        _ => return None,
    };
    let span = view.tokens[last].span.clone();
    let start = last
        .checked_sub(1)
        .map_or(span.start, |before| view.tokens[before].span.end);
    Some(DropBehavior {
        kind,
        removal: start..span.end,
        span,
    })
}

#[cfg(test)]
mod tests {
    use super::DropBehaviorKind;
    use crate::syntax::model::Model;
    use crate::testing::both_models;

    /// (word, removal) from the AST and from the tokens.
    type Seen = Option<(DropBehaviorKind, String)>;

    fn both(sql: &str) -> [Seen; 2] {
        both_models(sql, |m: &Model| {
            m.drop_behavior
                .as_ref()
                .map(|d| (d.kind, sql[d.removal.clone()].to_string()))
        })
    }

    #[test]
    fn drops_and_dropped_columns() {
        let cascade = Some((DropBehaviorKind::Cascade, " CASCADE".to_string()));
        assert_eq!(
            both("DROP TABLE t CASCADE"),
            [cascade.clone(), cascade.clone()]
        );
        assert_eq!(
            both("ALTER TABLE t DROP COLUMN c CASCADE"),
            [cascade.clone(), cascade]
        );
        let restrict = Some((DropBehaviorKind::Restrict, "  RESTRICT".to_string()));
        assert_eq!(both("DROP VIEW v  RESTRICT"), [restrict.clone(), restrict]);
    }

    #[test]
    fn a_foreign_key_action_is_none() {
        let sql = "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u ON DELETE CASCADE";
        assert_eq!(both(sql), [None, None]);
        assert_eq!(both("DROP TABLE t"), [None, None]);
    }
}
