//! The human report's text wrapping, done once per distinct text.
//!
//! miette wraps each report's message and help with textwrap as it renders
//! it; with many findings that was a fifth of a whole run's CPU, spent
//! wrapping the same few dozen texts again and again. So the human reporter
//! turns miette's wrapping off and hands it text already broken into lines:
//! wrapped here exactly as miette would (same width, indents of the same
//! display width), and remembered per thread.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The human report's width, fixed so that output (and its snapshots) do not
/// depend on the terminal.
pub const WIDTH: usize = 100;
/// The width miette wraps text to: the report's, less its margin.
const TEXT_WIDTH: usize = WIDTH - 2;

/// The two blocks miette wraps, by the indents it puts before their lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    /// `  × message`, continued after `  │ `.
    Message,
    /// `  help: text`, continued after eight spaces.
    Help,
}

impl Block {
    /// Stand-ins for miette's indents: plain spaces of the same display width.
    fn indent(self) -> &'static str {
        match self {
            Block::Message => "    ",
            Block::Help => "        ",
        }
    }
}

/// Distinct texts remembered per block and thread; past this the memory is
/// cleared (a run with more distinct texts only wraps some of them again).
const CACHE_LIMIT: usize = 4096;

thread_local! {
    static CACHE: RefCell<[HashMap<Box<str>, Rc<str>>; 2]> = RefCell::default();
}

/// `text` broken into the lines miette's own wrapping gives.
pub fn wrapped(text: &str, block: Block) -> Rc<str> {
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let cache = &mut cache[block as usize];
        if let Some(lines) = cache.get(text) {
            return Rc::clone(lines);
        }
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        let lines: Rc<str> = wrap(text, block).into();
        cache.insert(text.into(), Rc::clone(&lines));
        lines
    })
}

/// What `textwrap::fill` gives with miette's options, without the indents
/// (miette adds its own to each line).
fn wrap(text: &str, block: Block) -> String {
    let indent = block.indent();
    let options = textwrap::Options::new(TEXT_WIDTH)
        .initial_indent(indent)
        .subsequent_indent(indent);
    let lines = textwrap::wrap(text, options);
    let unindented: Vec<&str> = lines
        .iter()
        .map(|line| line.strip_prefix(indent).unwrap_or(line))
        .collect();
    unindented.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use miette::{GraphicalReportHandler, GraphicalTheme, MietteDiagnostic};

    fn render(handler: &GraphicalReportHandler, message: &str, help: &str) -> String {
        let diagnostic = MietteDiagnostic::new(message).with_help(help);
        let mut out = String::new();
        handler.render_report(&mut out, &diagnostic).unwrap();
        out
    }

    /// Pre-wrapped text on a handler that does not wrap prints exactly what
    /// miette's own wrapping prints, in both themes.
    #[test]
    fn prewrapped_text_renders_as_miettes_own_wrapping() {
        let long_word = "x".repeat(150);
        let texts = [
            "short".to_string(),
            "`AUTOINCREMENT` is SQLite-only; PostgreSQL rejects it as a syntax error".to_string(),
            "no column definition auto-numbers rows on both engines: either let the storage code assign ids (`id BIGINT PRIMARY KEY` with a UUID or a counter it keeps), or keep this table in per-engine migrations".to_string(),
            format!("a word too long for a line: {long_word} and after it"),
            "two\nlines, the second one long enough to need wrapping by itself because it goes on and on past the width".to_string(),
            "non-ASCII: café naïve München 東京 emoji 🎉 ".repeat(5),
            "  leading and trailing spaces  ".to_string(),
            "per-engine hyphen-ated words-that-could-break somewhere-near-the-end-of-a-line ".repeat(3),
        ];
        for theme in [GraphicalTheme::unicode_nocolor(), GraphicalTheme::unicode()] {
            let wrapping = GraphicalReportHandler::new_themed(theme.clone()).with_width(WIDTH);
            let prewrapped = wrapping.clone().with_wrap_lines(false);
            for text in &texts {
                let message = wrapped(text, Block::Message);
                let help = wrapped(text, Block::Help);
                assert_eq!(
                    render(&prewrapped, &message, &help),
                    render(&wrapping, text, text),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn a_text_is_wrapped_once_per_thread_and_block() {
        let text = "remembered ".repeat(20);
        let first = wrapped(&text, Block::Help);
        assert!(Rc::ptr_eq(&first, &wrapped(&text, Block::Help)));
        assert!(!Rc::ptr_eq(&first, &wrapped(&text, Block::Message)));
    }
}
