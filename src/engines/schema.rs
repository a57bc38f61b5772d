//! The schema an engine ends with, normalized so that SQLite's and
//! PostgreSQL's can be compared: names lower-cased, types mapped to one
//! family across engines (`int8` and `BIGINT` and `INTEGER` are integers),
//! primary-key columns counted as NOT NULL on both (SQLite lets a non-integer
//! key hold NULL, a legacy quirk every table would otherwise report).

use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schema {
    pub tables: BTreeMap<String, Table>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub primary_key: Vec<String>,
    /// Indexes other than the primary key's, unique constraints' included.
    pub indexes: BTreeSet<Index>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    /// The type as the engine reports it (`BIGINT`, `timestamp with time zone`).
    pub declared: String,
    pub not_null: bool,
    pub default: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Index {
    pub unique: bool,
    pub columns: Vec<String>,
}

impl Index {
    fn describe(&self) -> String {
        let kind = if self.unique { "unique index" } else { "index" };
        format!("{kind} on ({})", self.columns.join(", "))
    }
}

/// A type's family across engines.
pub fn type_family(declared: &str) -> String {
    let lower = declared.to_ascii_lowercase();
    let base = lower.split('(').next().unwrap_or("").trim();
    let family = match base {
        "" => "none",
        b if b.starts_with("interval") => "interval",
        b if b.contains("serial") || b.contains("int") => "integer",
        b if b.starts_with("timestamp") && b.contains("with time zone") => "timestamptz",
        "timestamptz" => "timestamptz",
        b if b.starts_with("timestamp") || b == "datetime" => "timestamp",
        b if b.starts_with("time") => "time",
        "date" => "date",
        "bool" | "boolean" => "boolean",
        "real" | "float" | "float4" | "float8" | "double" | "double precision" => "real",
        "numeric" | "decimal" => "numeric",
        "blob" | "bytea" => "blob",
        "json" | "jsonb" => "json",
        "uuid" => "uuid",
        b if b.contains("char") || b.contains("clob") || b.contains("text") => "text",
        other => return other.to_string(),
    };
    family.to_string()
}

/// A default's text without casts, outer parentheses and case:
/// `'x'::text` and `('x')` are both `'x'`.
fn normalized_default(default: &str) -> String {
    let mut text = default.trim().to_string();
    while text.starts_with('(') && text.ends_with(')') && balanced(&text[1..text.len() - 1]) {
        text = text[1..text.len() - 1].trim().to_string();
    }
    if let Some(cast) = text.find("::")
        && !text[..cast].contains('(')
    {
        text.truncate(cast);
    }
    match text.to_ascii_lowercase().as_str() {
        "true" | "'t'" => "1".into(),
        "false" | "'f'" => "0".into(),
        "now()" | "current_timestamp" => "current_timestamp".into(),
        other => other.to_string(),
    }
}

fn balanced(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        depth += match c {
            '(' => 1,
            ')' => -1,
            _ => 0,
        };
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

/// One difference between two schemas: which table (and column), what
/// differs, and each side's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub table: String,
    pub column: Option<String>,
    pub what: &'static str,
    pub left: String,
    pub right: String,
}

/// Every difference between `left` and `right` (tables missing on a side,
/// columns, type families, nullability, defaults, primary keys, indexes).
pub fn compare(left: &Schema, right: &Schema) -> Vec<Difference> {
    let mut out = Vec::new();
    let names: BTreeSet<&String> = left.tables.keys().chain(right.tables.keys()).collect();
    for name in names {
        match (left.tables.get(name), right.tables.get(name)) {
            (Some(a), Some(b)) => compare_tables(name, a, b, &mut out),
            (a, _) => out.push(Difference {
                table: name.clone(),
                column: None,
                what: "table",
                left: present(a.is_some()),
                right: present(a.is_none()),
            }),
        }
    }
    out
}

fn present(yes: bool) -> String {
    if yes {
        "exists".into()
    } else {
        "missing".into()
    }
}

fn compare_tables(table: &str, a: &Table, b: &Table, out: &mut Vec<Difference>) {
    let mut differ = |column: Option<&str>, what, left: String, right: String| {
        out.push(Difference {
            table: table.to_string(),
            column: column.map(str::to_string),
            what,
            left,
            right,
        })
    };
    let names: BTreeSet<&String> = a
        .columns
        .iter()
        .chain(&b.columns)
        .map(|c| &c.name)
        .collect();
    for name in names {
        let (x, y) = (
            a.columns.iter().find(|c| &c.name == name),
            b.columns.iter().find(|c| &c.name == name),
        );
        let (Some(x), Some(y)) = (x, y) else {
            differ(
                Some(name),
                "column",
                present(x.is_some()),
                present(y.is_some()),
            );
            continue;
        };
        if type_family(&x.declared) != type_family(&y.declared) {
            differ(Some(name), "type", x.declared.clone(), y.declared.clone());
        }
        if x.not_null != y.not_null {
            let show = |n: bool| if n { "NOT NULL" } else { "nullable" }.to_string();
            differ(
                Some(name),
                "nullability",
                show(x.not_null),
                show(y.not_null),
            );
        }
        let defaults = (
            x.default.as_deref().map(normalized_default),
            y.default.as_deref().map(normalized_default),
        );
        if defaults.0 != defaults.1 {
            let show = |d: &Option<String>| d.clone().unwrap_or_else(|| "no default".into());
            differ(Some(name), "default", show(&x.default), show(&y.default));
        }
    }
    if a.primary_key != b.primary_key {
        let show = |k: &[String]| format!("({})", k.join(", "));
        differ(
            None,
            "primary key",
            show(&a.primary_key),
            show(&b.primary_key),
        );
    }
    for index in a.indexes.symmetric_difference(&b.indexes) {
        let here = a.indexes.contains(index);
        differ(None, "index", side(index, here), side(index, !here));
    }
}

fn side(index: &Index, present: bool) -> String {
    if present {
        index.describe()
    } else {
        "missing".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_map_to_one_family_across_engines() {
        assert_eq!(type_family("BIGINT"), type_family("integer"));
        assert_eq!(type_family("VARCHAR(20)"), type_family("character varying"));
        assert_eq!(
            type_family("TIMESTAMP"),
            type_family("timestamp without time zone")
        );
        assert_ne!(
            type_family("TIMESTAMPTZ"),
            type_family("timestamp without time zone")
        );
        assert_eq!(type_family("timestamp with time zone"), "timestamptz");
        assert_eq!(type_family("interval"), "interval");
        assert_eq!(normalized_default("'x'::text"), normalized_default("('x')"));
        assert_eq!(
            normalized_default("CURRENT_TIMESTAMP"),
            normalized_default("now()")
        );
    }

    #[test]
    fn differences_name_table_column_and_both_sides() {
        let column = |name: &str, declared: &str| Column {
            name: name.into(),
            declared: declared.into(),
            not_null: false,
            default: None,
        };
        let mut a = Schema::default();
        a.tables.insert(
            "t".into(),
            Table {
                columns: vec![column("id", "INTEGER"), column("at", "DATETIME")],
                ..Table::default()
            },
        );
        let mut b = Schema::default();
        b.tables.insert(
            "t".into(),
            Table {
                columns: vec![column("id", "bigint"), column("at", "text")],
                ..Table::default()
            },
        );
        b.tables.insert("u".into(), Table::default());
        let found = compare(&a, &b);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            (
                found[0].what,
                found[0].left.as_str(),
                found[0].right.as_str()
            ),
            ("type", "DATETIME", "text")
        );
        assert_eq!(
            (found[1].table.as_str(), found[1].left.as_str()),
            ("u", "missing")
        );
    }
}
