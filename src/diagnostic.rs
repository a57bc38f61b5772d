//! The one finding type every rule produces and every reporter prints.
//!
//! Three pillars, as in Biome: *what* is wrong (`message` at `span`), *why*
//! (`targets`: the engines that reject it or run it differently, and the rule's
//! page), *what to do* (`help`, and a `fix` when one exists).

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// An engine rejects the statement.
    Error,
    /// Both engines run it, but the results differ.
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A database engine a migration must run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn as_str(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }

    /// The same list of engines as a static slice, when it is one of the
    /// lists rules use (so a finding need not allocate its own).
    pub fn static_list(engines: &[Engine]) -> Option<&'static [Engine]> {
        const LISTS: [&[Engine]; 5] = [
            &[],
            &[Engine::Sqlite],
            &[Engine::Postgres],
            &[Engine::Sqlite, Engine::Postgres],
            &[Engine::Postgres, Engine::Sqlite],
        ];
        LISTS.into_iter().find(|list| *list == engines)
    }

    /// The other of the two engines.
    pub fn other(self) -> Engine {
        match self {
            Engine::Sqlite => Engine::Postgres,
            Engine::Postgres => Engine::Sqlite,
        }
    }

    /// The engine's name in prose.
    pub fn display_name(self) -> &'static str {
        match self {
            Engine::Sqlite => "SQLite",
            Engine::Postgres => "PostgreSQL",
        }
    }
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether applying a fix keeps the migration's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// The rewrite means the same on both engines.
    Safe,
    /// The rewrite is what a person would usually write, but needs a look.
    Unsafe,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    #[serde(serialize_with = "serialize_range")]
    pub span: Range<usize>,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    /// What the fix does, in a few words ("replace `?1` with `$1`").
    pub message: String,
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix that only deletes `span` (a keyword, a hint, a clause, with the
    /// space before it when the rule includes it in `span`).
    pub fn removal(
        applicability: Applicability,
        message: impl Into<String>,
        span: Range<usize>,
    ) -> Fix {
        Fix {
            applicability,
            message: message.into(),
            edits: vec![Edit {
                span,
                replacement: String::new(),
            }],
        }
    }
}

/// A secondary span with its own note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    #[serde(serialize_with = "serialize_range")]
    pub span: Range<usize>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    // Most messages and helps are static text and most targets a rule's own
    // static list: borrowing them spares every finding two or three allocations.
    pub message: Cow<'static, str>,
    pub help: Cow<'static, str>,
    /// Engines the statement fails or differs on.
    pub targets: Cow<'static, [Engine]>,
    /// Byte range into the file, end exclusive.
    pub span: Range<usize>,
    pub labels: Vec<Label>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn with_label(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_targets(&mut self, targets: &[Engine]) -> &mut Self {
        self.targets = Engine::static_list(targets)
            .map_or_else(|| Cow::Owned(targets.to_vec()), Cow::Borrowed);
        self
    }

    pub fn with_fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    /// Moves every span (labels' and edits' too) `by` bytes later: a part
    /// of a large file reports file offsets.
    pub fn shift(&mut self, by: usize) {
        let moved = |span: &mut Range<usize>| *span = span.start + by..span.end + by;
        moved(&mut self.span);
        self.labels.iter_mut().for_each(|l| moved(&mut l.span));
        let edits = self.fix.iter_mut().flat_map(|f| &mut f.edits);
        edits.for_each(|e| moved(&mut e.span));
    }
}

/// Serializes a byte range as `{"start": …, "end": …}`.
pub fn serialize_range<S: serde::Serializer>(
    range: &Range<usize>,
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut state = s.serialize_struct("Span", 2)?;
    state.serialize_field("start", &range.start)?;
    state.serialize_field("end", &range.end)?;
    state.end()
}
