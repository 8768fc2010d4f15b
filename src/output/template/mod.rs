//! Go text/template, written for ferry, evaluated over JSON values: the engine behind every `--format`.
//!
//! Supported: text with `{{- -}}` trim markers and comments, fields, variables (`$`, `:=`, `=`), literals,
//! parenthesized pipelines, `|`, if/else if/range/with/else/break/continue, Go's builtin functions and
//! Podman's extra ones (json, join, lower, upper, title, split, truncate, pad). Values print as Go's fmt
//! prints `interface{}` data. Depth, steps and output size are bounded so hostile formats fail cleanly.

mod exec;
mod funcs;
mod gofmt;
mod lex;
mod parse;
#[cfg(test)]
mod tests;

use serde_json::Value;
use thiserror::Error;

/// A parse or execution failure, with the 1-based line and column in the format string.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("template: {line}:{col}: {message}")]
pub struct TemplateError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl TemplateError {
    fn at(src: &str, pos: usize, message: impl Into<String>) -> TemplateError {
        let pos = floor_char_boundary(src, pos.min(src.len()));
        let before = &src[..pos];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        TemplateError {
            line,
            col,
            message: message.into(),
        }
    }
}

type Result<T> = std::result::Result<T, TemplateError>;

/// A parsed format string.
#[derive(Debug, Clone)]
pub struct Template {
    src: String,
    nodes: Vec<parse::Node>,
}

impl Template {
    /// Parses a Go template; the two-character escapes `\t` and `\n` in text become tab and newline, as
    /// Podman's CLI does.
    pub fn parse(src: &str) -> Result<Template> {
        Template::parse_with(src, false)
    }

    /// Like [`Template::parse`] for the body of a `table …` format: spaces in text also separate columns
    /// (Podman turns them into tabs).
    pub fn parse_table(src: &str) -> Result<Template> {
        Template::parse_with(src, true)
    }

    fn parse_with(src: &str, table: bool) -> Result<Template> {
        let nodes = parse::parse(src, table)?;
        Ok(Template {
            src: src.to_string(),
            nodes,
        })
    }

    /// Executes the template with `data` as dot and `$`.
    pub fn render(&self, data: &Value) -> Result<String> {
        exec::render(&self.src, &self.nodes, data)
    }

    /// Top-level field names the template reads from its data, in order of first use: the columns of a
    /// table (`{{.Repository}}\t{{.Tag}}` gives `["Repository", "Tag"]`). Fields read inside `range` and
    /// `with` bodies belong to another dot and are not listed.
    pub fn fields(&self) -> Vec<String> {
        let mut out = Vec::new();
        parse::collect_nodes(&self.nodes, &mut out);
        out
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Go's `%.<precision>g`.
pub(super) fn format_g(value: f64, precision: usize) -> String {
    gofmt::float(value, 'g', Some(precision))
}
