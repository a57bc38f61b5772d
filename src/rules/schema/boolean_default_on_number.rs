//! `NUMERIC DEFAULT FALSE` (any number type with a `TRUE`/`FALSE` default):
//! SQLite stores the boolean as 0 or 1; PostgreSQL refuses the default
//! (`column "…" is of type numeric but default expression is of type
//! boolean`). The reverse, `BOOLEAN DEFAULT 0`, is `boolean-integer-literal`'s.

use sqlparser::ast::{
    AlterTableOperation, ColumnDef, ColumnOption, DataType, Expr, Statement, Value,
};

use crate::diagnostic::{Engine, Severity};
use crate::rules::set_context::SchemaCtx;
use crate::rules::{Rule, RuleKind, SetSink};

pub static RULE: Rule = Rule {
    id: "boolean-default-on-number",
    group: "schema",
    kind: RuleKind::History,
    severity: Severity::Error,
    targets: &[Engine::Postgres],
    summary: "`NUMERIC DEFAULT FALSE`: SQLite stores 0, PostgreSQL refuses a boolean default on a number column",
    check_schema: Some(check_schema),
    ..Rule::DEFAULT
};

fn check_schema(ctx: &SchemaCtx, out: &mut SetSink) {
    for column in defined_columns(ctx.ast) {
        if !is_number(&column.data_type) {
            continue;
        }
        for option in &column.options {
            let ColumnOption::Default(Expr::Value(literal)) = &option.option else {
                continue;
            };
            let Value::Boolean(value) = literal.value else {
                continue;
            };
            let Some(span) = ctx.span_of(literal.span) else {
                continue;
            };
            out.report(
                &ctx.file.path,
                span,
                format!(
                    "`{}` is `{}` with a boolean default: SQLite stores {}, PostgreSQL refuses the column (default expression is of type boolean)",
                    column.name, column.data_type, u8::from(value)
                ),
                format!("write the number: `DEFAULT {}`", u8::from(value)),
            );
        }
    }
}

/// The columns a `CREATE TABLE` or `ALTER TABLE … ADD COLUMN` defines.
fn defined_columns(statement: &Statement) -> Vec<&ColumnDef> {
    match statement {
        Statement::CreateTable(create) => create.columns.iter().collect(),
        Statement::AlterTable(alter) => alter
            .operations
            .iter()
            .filter_map(|op| match op {
                AlterTableOperation::AddColumn { column_def, .. } => Some(column_def),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn is_number(data_type: &DataType) -> bool {
    matches!(
        data_type,
        DataType::Numeric(_)
            | DataType::Decimal(_)
            | DataType::Dec(_)
            | DataType::Int(_)
            | DataType::Integer(_)
            | DataType::Int2(_)
            | DataType::Int4(_)
            | DataType::Int8(_)
            | DataType::SmallInt(_)
            | DataType::BigInt(_)
            | DataType::Real
            | DataType::Float(_)
            | DataType::Double(_)
            | DataType::DoublePrecision
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::flagged_in_sqlx_set;

    /// The flagged texts, whatever the file.
    fn flagged(files: &[(&str, &str)]) -> Vec<String> {
        flagged_in_sqlx_set(&RULE, files)
            .into_iter()
            .map(|(_, text)| text)
            .collect()
    }

    #[test]
    fn flags_boolean_defaults_on_number_columns() {
        let found = flagged(&[(
            "1_a.sql",
            "CREATE TABLE p (price NUMERIC DEFAULT FALSE, n INTEGER DEFAULT TRUE, ok BOOLEAN DEFAULT FALSE, m INTEGER DEFAULT 0); \
             ALTER TABLE p ADD COLUMN q REAL DEFAULT true;",
        )]);
        assert_eq!(found, ["FALSE", "TRUE", "true"]);
    }
}
