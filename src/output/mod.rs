//! Output for people and scripts: tables, JSON, Go templates, sizes and times.

pub mod progress;
pub mod table;
pub mod template;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use thiserror::Error;

pub use table::Table;
pub use template::{Template, TemplateError};

#[derive(Debug, Error)]
pub enum OutputError {
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error("invalid timestamp {value:?}")]
    Timestamp {
        value: String,
        #[source]
        source: chrono::ParseError,
    },
    #[error("encode json")]
    Json(#[from] serde_json::Error),
}

/// Podman's test for a JSON format: `json`, or `{{json .}}` alone.
pub fn is_json(format: &str) -> bool {
    let format = format.trim();
    if format == "json" {
        return true;
    }
    let Some(inner) = format.strip_prefix("{{").and_then(|f| f.strip_suffix("}}")) else {
        return false;
    };
    inner
        .trim()
        .strip_prefix("json")
        .is_some_and(|rest| matches!(rest.trim(), "" | "."))
}

/// The body of a `table …` format; `table` alone stands for the command's default table.
fn table_body<'f>(format: &'f str, default_table: &'f str) -> Option<&'f str> {
    let rest = format.trim_start().strip_prefix("table")?;
    if rest.trim().is_empty() {
        return Some(table_body(default_table, "").unwrap_or(default_table));
    }
    rest.starts_with(char::is_whitespace).then(|| rest.trim_start())
}

/// Podman ends every format with a newline unless it already ends with one (escaped or not).
fn with_newline(format: &str) -> String {
    if format.ends_with('\n') || format.ends_with("\\n") {
        format.to_string()
    } else {
        format!("{format}\n")
    }
}

/// Pretty JSON with Podman's four-space indent, newline-terminated.
pub fn pretty_json<T: Serialize + ?Sized>(value: &T) -> Result<String, OutputError> {
    let mut buf = Vec::new();
    let mut ser =
        serde_json::Serializer::with_formatter(&mut buf, serde_json::ser::PrettyFormatter::with_indent(b"    "));
    value.serialize(&mut ser)?;
    let mut text = String::from_utf8_lossy(&buf).into_owned();
    text.push('\n');
    Ok(text)
}

/// A column header for a field: Podman's override if given (upper-cased), else the field name split at
/// its camel-case words and upper-cased (`CreatedAt` → `CREATED AT`).
pub fn header_name(field: &str, overrides: &[(&str, &str)]) -> String {
    if let Some((_, h)) = overrides.iter().find(|(f, _)| *f == field) {
        return h.to_uppercase();
    }
    camel_words(field).join(" ").to_uppercase()
}

fn camel_words(s: &str) -> Vec<String> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Lower,
        Upper,
        Digit,
        Other,
    }
    let class = |c: char| {
        if c.is_lowercase() {
            Class::Lower
        } else if c.is_uppercase() {
            Class::Upper
        } else if c.is_numeric() {
            Class::Digit
        } else {
            Class::Other
        }
    };
    let mut runs: Vec<(Class, Vec<char>)> = Vec::new();
    for c in s.chars() {
        match runs.last_mut() {
            Some((k, run)) if *k == class(c) => run.push(c),
            _ => runs.push((class(c), vec![c])),
        }
    }
    // "HTTPServer": the last capital of an upper-case run starts the next word.
    for i in 0..runs.len().saturating_sub(1) {
        if runs[i].0 == Class::Upper && runs[i + 1].0 == Class::Lower {
            let c = runs[i].1.pop().unwrap_or_default();
            runs[i + 1].1.insert(0, c);
        }
    }
    runs.into_iter()
        .filter(|(_, r)| !r.is_empty())
        .map(|(_, r)| r.into_iter().collect())
        .collect()
}

fn split_cells(text: &str) -> Vec<Vec<String>> {
    text.strip_suffix('\n')
        .unwrap_or(text)
        .split('\n')
        .map(|line| line.split('\t').map(str::to_string).collect())
        .collect()
}

/// Renders a list command's records the way Podman does for `--format`:
/// - `None`, `table`, or `table <template>`: a column-aligned table with a header row derived from the
///   template's fields (unless `noheading`); `None` and `table` use `default_table`
///   (e.g. `table {{.Repository}}\t{{.Tag}}\t{{.ID}}`); tabs and spaces separate columns;
/// - `json` or `{{json .}}`: a pretty JSON array (`[]` when empty);
/// - any other template: one rendered line per record, without a header.
///
/// Headers come from rendering the template over `{field: header}`, where a header is the
/// `header_overrides` entry for the field (e.g. `("ID", "IMAGE ID")`) or the field's camel-case words.
pub fn render_records(
    format: Option<&str>,
    default_table: &str,
    header_overrides: &[(&str, &str)],
    records: &[Value],
    noheading: bool,
) -> Result<String, OutputError> {
    let format = format.unwrap_or(default_table);
    if is_json(format) {
        return pretty_json(records);
    }
    let Some(body) = table_body(format, default_table) else {
        let tmpl = Template::parse(&with_newline(format))?;
        let mut out = String::new();
        for record in records {
            out.push_str(&tmpl.render(record)?);
        }
        return Ok(out);
    };
    let tmpl = Template::parse_table(&with_newline(body))?;
    let mut table = Table::new(Vec::new());
    if !noheading {
        let fields = tmpl.fields();
        let headers: serde_json::Map<String, Value> = fields
            .iter()
            .map(|f| (f.clone(), Value::String(header_name(f, header_overrides))))
            .collect();
        // A template that cannot run over header strings (`{{range .Names}}`) gets one header per field.
        let header_text = tmpl.render(&Value::Object(headers)).unwrap_or_else(|_| {
            let names: Vec<String> = fields.iter().map(|f| header_name(f, header_overrides)).collect();
            names.join("\t")
        });
        for line in split_cells(&header_text) {
            table.row(line);
        }
    }
    for record in records {
        for line in split_cells(&tmpl.render(record)?) {
            table.row(line);
        }
    }
    Ok(table.render())
}

/// Renders one object for inspect-style output: pretty JSON for `json`, else the template, newline-terminated.
pub fn render_one(format: &str, value: &Value) -> Result<String, OutputError> {
    if is_json(format) {
        return pretty_json(value);
    }
    Ok(Template::parse(&with_newline(format))?.render(value)?)
}

/// Docker's `units.HumanSizeWithPrecision(bytes, 3)`: decimal units, three significant digits.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 9] = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    let mut size = bytes as f64;
    let mut unit = 0;
    while size >= 1000.0 && unit < UNITS.len() - 1 {
        size /= 1000.0;
        unit += 1;
    }
    format!("{} {}", template::format_g(size, 3), UNITS[unit])
}

/// Docker's `units.HumanDuration`: "Less than a second", "About a minute", "3 hours", "2 weeks", ….
pub fn human_duration(secs: u64) -> String {
    let minutes = secs / 60;
    // Hours round to nearest, as Docker's `int(d.Hours() + 0.5)`.
    let hours = (secs as f64 / 3600.0 + 0.5) as u64;
    match secs {
        0 => "Less than a second".to_string(),
        1 => "1 second".to_string(),
        2..60 => format!("{secs} seconds"),
        _ if minutes == 1 => "About a minute".to_string(),
        _ if minutes < 60 => format!("{minutes} minutes"),
        _ if hours == 1 => "About an hour".to_string(),
        _ if hours < 48 => format!("{hours} hours"),
        _ if hours < 24 * 7 * 2 => format!("{} days", hours / 24),
        _ if hours < 24 * 30 * 2 => format!("{} weeks", hours / 24 / 7),
        _ if hours < 24 * 365 * 2 => format!("{} months", hours / 24 / 30),
        _ => format!("{} years", secs / 3600 / 24 / 365),
    }
}

/// "2 weeks ago" for an RFC 3339 timestamp; times in the future count as now.
pub fn time_ago(rfc3339: &str, now: DateTime<Utc>) -> Result<String, OutputError> {
    let then = DateTime::parse_from_rfc3339(rfc3339).map_err(|source| OutputError::Timestamp {
        value: rfc3339.to_string(),
        source,
    })?;
    let secs = u64::try_from((now - then.with_timezone(&Utc)).num_seconds()).unwrap_or(0);
    Ok(format!("{} ago", human_duration(secs)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const IMAGES: &str = "table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{.CreatedSince}}\\t{{.Size}}";
    const OVERRIDES: &[(&str, &str)] = &[("ID", "image id"), ("CreatedSince", "CREATED")];

    fn records() -> Vec<Value> {
        vec![
            json!({"Repository": "docker.io/library/alpine", "Tag": "latest", "ID": "9c6f07244728",
            "CreatedSince": "2 weeks ago", "Size": "8.08 MB", "Names": ["a", "b"]}),
        ]
    }

    #[test]
    fn default_table() {
        let out = render_records(None, IMAGES, OVERRIDES, &records(), false).unwrap();
        assert_eq!(
            out,
            "REPOSITORY                TAG         IMAGE ID      CREATED      SIZE\n\
             docker.io/library/alpine  latest      9c6f07244728  2 weeks ago  8.08 MB\n"
        );
        assert_eq!(
            render_records(Some("table"), IMAGES, OVERRIDES, &[], false)
                .unwrap()
                .lines()
                .count(),
            1
        );
        assert_eq!(render_records(None, IMAGES, OVERRIDES, &[], true).unwrap(), "");
        let noheading = render_records(None, IMAGES, OVERRIDES, &records(), true).unwrap();
        assert!(noheading.starts_with("docker.io"));
    }

    #[test]
    fn user_table_and_plain_formats() {
        let out = render_records(
            Some("table {{.ID}} {{.Repository}}:{{.Tag}}"),
            IMAGES,
            OVERRIDES,
            &records(),
            false,
        );
        assert_eq!(
            out.unwrap(),
            "IMAGE ID      REPOSITORY:TAG\n9c6f07244728  docker.io/library/alpine:latest\n"
        );
        let ranged = render_records(
            Some("table {{.ID}}\t{{range .Names}}{{.}}{{end}}"),
            IMAGES,
            &[],
            &records(),
            false,
        );
        assert_eq!(ranged.unwrap(), "ID            NAMES\n9c6f07244728  ab\n");
        let plain = render_records(
            Some("{{.ID}}"),
            IMAGES,
            OVERRIDES,
            &[records()[0].clone(), json!({"ID": "x"})],
            false,
        );
        assert_eq!(plain.unwrap(), "9c6f07244728\nx\n");
        assert_eq!(
            render_records(Some("{{.ID}}\\n"), IMAGES, &[], &records(), false).unwrap(),
            "9c6f07244728\n"
        );
        let err = render_records(Some("{{.ID"), IMAGES, &[], &records(), false).unwrap_err();
        assert_eq!(err.to_string(), "template: 1:1: unclosed action");
    }

    #[test]
    fn json_formats() {
        assert_eq!(render_records(Some("json"), IMAGES, &[], &[], false).unwrap(), "[]\n");
        let out = render_records(Some(" {{ json . }} "), IMAGES, &[], &[json!({"A": 1})], false).unwrap();
        assert_eq!(out, "[\n    {\n        \"A\": 1\n    }\n]\n");
        assert_eq!(
            render_one("json", &json!({"A": [1]})).unwrap(),
            "{\n    \"A\": [\n        1\n    ]\n}\n"
        );
        assert_eq!(render_one("{{.A}}", &json!({"A": [1]})).unwrap(), "[1]\n");
        assert!(is_json("json") && is_json("{{json .}}") && is_json("{{json}}"));
        assert!(!is_json("{{json .A}}") && !is_json("jsonx"));
    }

    #[test]
    fn headers_split_camel_case() {
        assert_eq!(header_name("CreatedAt", &[]), "CREATED AT");
        assert_eq!(header_name("ID", &[]), "ID");
        assert_eq!(header_name("HTTPServer", &[]), "HTTP SERVER");
        assert_eq!(header_name("Size2", &[]), "SIZE 2");
        assert_eq!(header_name("ReadOnly", &[("ReadOnly", "r/o")]), "R/O");
    }

    #[test]
    fn sizes() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(799), "799 B");
        assert_eq!(human_size(1000), "1 kB");
        assert_eq!(human_size(4_860), "4.86 kB");
        assert_eq!(human_size(1_234_567), "1.23 MB");
        assert_eq!(human_size(5_830_000), "5.83 MB");
        assert_eq!(human_size(12_300_000_000), "12.3 GB");
        assert_eq!(human_size(999_999), "1e+03 kB");
        assert_eq!(human_size(u64::MAX), "18.4 EB");
    }

    #[test]
    fn durations() {
        let cases = [
            (0, "Less than a second"),
            (1, "1 second"),
            (59, "59 seconds"),
            (60, "About a minute"),
            (119, "About a minute"),
            (300, "5 minutes"),
            (3599, "59 minutes"),
            (3600, "About an hour"),
            (5399, "About an hour"),
            (5400, "2 hours"),
            (3 * 3600, "3 hours"),
            (2 * 86400, "2 days"),
            (21 * 86400, "3 weeks"),
            (120 * 86400, "4 months"),
            (2 * 365 * 86400, "2 years"),
        ];
        for (secs, want) in cases {
            assert_eq!(human_duration(secs), want, "{secs}");
        }
    }

    #[test]
    fn times_ago() {
        let now = DateTime::parse_from_rfc3339("2024-05-20T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(time_ago("2024-05-06T12:00:00.123456789Z", now).unwrap(), "2 weeks ago");
        assert_eq!(
            time_ago("2024-05-20T13:00:00+01:00", now).unwrap(),
            "Less than a second ago"
        );
        assert_eq!(time_ago("2025-01-01T00:00:00Z", now).unwrap(), "Less than a second ago");
        let err = time_ago("yesterday", now).unwrap_err();
        assert_eq!(err.to_string(), "invalid timestamp \"yesterday\"");
    }
}
