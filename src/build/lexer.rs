//! Physical lines to logical instruction lines: parser directives, BOM, CRLF, continuations
//! with the escape character, comments, and the bodies of heredocs.

use super::ast::{Directives, Heredoc};
use super::heredoc;

/// One instruction's text, continuations joined, with the heredoc bodies that followed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct LogicalLine {
    pub line: usize,
    pub end_line: usize,
    pub text: String,
    pub heredocs: Vec<Heredoc>,
}

/// A lexing failure at a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct LexError {
    pub line: usize,
    pub message: String,
}

fn err(line: usize, message: impl Into<String>) -> LexError {
    LexError {
        line,
        message: message.into(),
    }
}

/// Splits `text` into lines, dropping a leading BOM and the `\r` of CRLF endings.
pub(super) fn physical_lines(text: &str) -> Vec<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect()
}

/// Reads the parser directives at the top; returns them and the index of the first line that
/// is not one (that line is processed normally: a comment, a blank line or an instruction).
pub(super) fn directives(lines: &[&str]) -> Result<(Directives, usize), LexError> {
    let mut d = Directives::default();
    let mut seen: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((name, value)) = directive(line) else {
            return Ok((d, i));
        };
        match name.as_str() {
            "syntax" | "escape" | "check" => {}
            // An unknown directive is a comment, and ends the directive section.
            _ => return Ok((d, i)),
        }
        if seen.contains(&name) {
            return Err(err(i + 1, format!("only one {name} parser directive can be used")));
        }
        seen.push(name.clone());
        match name.as_str() {
            "syntax" => d.syntax = Some(value),
            "check" => d.check = Some(value),
            _ => {
                d.escape = match value.as_str() {
                    "\\" => '\\',
                    "`" => '`',
                    _ => return Err(err(i + 1, format!("invalid escape token {value:?}: use ` or \\"))),
                }
            }
        }
    }
    Ok((d, lines.len()))
}

/// `# name = value` (name lowercased) when the line has the shape of a directive.
fn directive(line: &str) -> Option<(String, String)> {
    let rest = line.trim_start().strip_prefix('#')?.trim_start_matches([' ', '\t']);
    let name_len = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
    let name = &rest[..name_len];
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let value = rest[name_len..].trim_start_matches([' ', '\t']).strip_prefix('=')?;
    let value = value.trim_matches([' ', '\t']);
    if value.is_empty() {
        return None;
    }
    Some((name.to_ascii_lowercase(), value.to_string()))
}

/// Whether `line` (already joined) ends with the escape character, ignoring trailing blanks;
/// returns the line without it.
fn continued(line: &str, escape: char) -> Option<&str> {
    line.trim_end_matches([' ', '\t']).strip_suffix(escape)
}

fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

/// Joins continuation lines into logical lines from `lines[start..]` and reads the heredoc bodies
/// of RUN/COPY/ADD lines. Comment lines are dropped, also inside a continuation, and so are blank
/// lines inside one. A continuation still open at the end of the file ends the instruction.
pub(super) fn logical_lines(lines: &[&str], start: usize, escape: char) -> Result<Vec<LogicalLine>, LexError> {
    let mut out = Vec::new();
    let mut i = start;
    while i < lines.len() {
        let first = lines[i].trim_start();
        i += 1;
        if first.is_empty() || first.starts_with('#') {
            continue;
        }
        let line = i;
        let mut text = String::new();
        let mut piece = first;
        loop {
            match continued(piece, escape) {
                Some(head) => {
                    text.push_str(head);
                    // Skip comments and blank lines inside the continuation.
                    while i < lines.len() && (lines[i].trim().is_empty() || is_comment(lines[i])) {
                        i += 1;
                    }
                    match lines.get(i) {
                        Some(next) => {
                            piece = next;
                            i += 1;
                        }
                        None => break,
                    }
                }
                None => {
                    text.push_str(piece);
                    break;
                }
            }
        }
        let text = text.trim_end().to_string();
        let mut heredocs = Vec::new();
        let openers = heredoc_openers(&text, escape);
        for o in &openers {
            let h = heredoc::read_body(o, lines, &mut i).map_err(|()| {
                err(
                    line,
                    format!("unterminated heredoc {:?}: no line {:?} follows", o.name, o.name),
                )
            })?;
            heredocs.push(h);
        }
        out.push(LogicalLine {
            line,
            end_line: i.max(line),
            text,
            heredocs,
        });
    }
    Ok(out)
}

/// The heredoc openers of a logical line, for the instructions that take heredocs (RUN, COPY,
/// ADD in shell form).
fn heredoc_openers(text: &str, escape: char) -> Vec<heredoc::Opener> {
    let (keyword, rest) = split_keyword(text);
    let allow_fd = match keyword.to_ascii_uppercase().as_str() {
        "RUN" => true,
        "COPY" | "ADD" => false,
        _ => return Vec::new(),
    };
    if rest.trim_start().starts_with('[') && super::parser::json_strings(rest.trim()).is_some() {
        return Vec::new();
    }
    heredoc::openers(&split_words(rest, escape), escape, allow_fd)
        .into_iter()
        .map(|(_, _, o)| o)
        .collect()
}

/// `KEYWORD rest...` → (`KEYWORD`, `rest...`), the rest with leading blanks removed.
pub(super) fn split_keyword(text: &str) -> (&str, &str) {
    let text = text.trim_start();
    match text.find(char::is_whitespace) {
        Some(n) => (&text[..n], text[n..].trim_start()),
        None => (text, ""),
    }
}

/// Splits on whitespace outside quotes, keeping quotes and escapes in the words (Docker's word
/// splitting for ENV, LABEL, ARG; quotes are removed later by substitution). An unterminated
/// quote runs to the end of the text.
pub(super) fn split_words(text: &str, escape: char) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                word.push(c);
                if c == q {
                    quote = None;
                } else if c == escape
                    && q == '"'
                    && let Some(n) = chars.next()
                {
                    word.push(n);
                }
            }
            None if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            None => {
                in_word = true;
                word.push(c);
                if c == '"' || c == '\'' {
                    quote = Some(c);
                } else if c == escape
                    && let Some(n) = chars.next()
                {
                    word.push(n);
                }
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<(usize, String)> {
        let lines = physical_lines(src);
        let (d, start) = directives(&lines).unwrap();
        logical_lines(&lines, start, d.escape)
            .unwrap()
            .into_iter()
            .map(|l| (l.line, l.text))
            .collect()
    }

    #[test]
    fn directives_only_at_top() {
        let lines = physical_lines("# syntax=docker/dockerfile:1\n#ESCAPE = `\n# check=skip=all\nFROM x\n");
        let (d, start) = directives(&lines).unwrap();
        assert_eq!(d.syntax.as_deref(), Some("docker/dockerfile:1"));
        assert_eq!(d.escape, '`');
        assert_eq!(d.check.as_deref(), Some("skip=all"));
        assert_eq!(start, 3);

        // After a comment, a blank line or an unknown directive, directives are comments.
        for src in [
            "# hello\n# escape=`\nFROM x",
            "\n# escape=`\nFROM x",
            "# foo=bar\n# escape=`\nFROM x",
        ] {
            let lines = physical_lines(src);
            assert_eq!(directives(&lines).unwrap().0.escape, '\\', "{src:?}");
        }
        assert!(directives(&physical_lines("# escape=`\n# escape=\\\n")).is_err());
        assert!(directives(&physical_lines("# escape=x\n")).is_err());
        assert!(directives(&physical_lines("# escape=\n")).unwrap().0.escape == '\\');
        assert_eq!(
            directives(&physical_lines("  #\tEscape =  `  \n")).unwrap().0.escape,
            '`'
        );
        // A BOM before the directive.
        let lines = physical_lines("\u{feff}# escape=`\r\nFROM x\r\n");
        assert_eq!(directives(&lines).unwrap().0.escape, '`');
        assert_eq!(lines[1], "FROM x");
    }

    #[test]
    fn continuations_and_comments() {
        let src = "FROM x\n\n  # comment\nRUN a \\\n  b \\  \n# inside\n\n   \\\n  c\nrun d\n";
        assert_eq!(
            texts(src),
            vec![
                (1, "FROM x".to_string()),
                (4, "RUN a   b      c".to_string()),
                (10, "run d".to_string())
            ]
        );
        // The escape directive changes the continuation character.
        let src = "# escape=`\nFROM x\nRUN dir c:\\ `\n  && echo\n";
        assert_eq!(texts(src)[1], (3, "RUN dir c:\\   && echo".to_string()));
        // A trailing continuation at end of file ends the instruction.
        assert_eq!(texts("FROM x \\"), vec![(1, "FROM x".to_string())]);
        assert_eq!(texts("FROM x \\\n# c\n"), vec![(1, "FROM x".to_string())]);
    }

    #[test]
    fn heredoc_bodies() {
        let src =
            "FROM x\nRUN <<A cat - && 3<<'B' cat\na1\n# not a comment\nA\n\tb1\nB\nCOPY <<-C /d\n\tc\n\tC\nCMD x\n";
        let lines = physical_lines(src);
        let ll = logical_lines(&lines, 0, '\\').unwrap();
        assert_eq!(ll.len(), 4);
        assert_eq!((ll[1].line, ll[1].end_line), (2, 7));
        assert_eq!(ll[1].heredocs[0].content, "a1\n# not a comment\n");
        assert_eq!(ll[1].heredocs[1].content, "\tb1\n");
        assert!(!ll[1].heredocs[1].expand);
        assert_eq!(ll[2].heredocs[0].content, "c\n");
        assert_eq!(ll[3].text, "CMD x");
        // No heredocs for other instructions, for quoted words or for exec form.
        for src in [
            "FROM x\nENV a=<<EOF\n",
            "FROM x\nRUN echo '<<EOF'\n",
            "FROM x\nRUN [\"<<EOF\"]\n",
        ] {
            let lines = physical_lines(src);
            assert!(
                logical_lines(&lines, 0, '\\').unwrap()[1].heredocs.is_empty(),
                "{src:?}"
            );
        }
        let lines = physical_lines("FROM x\nRUN <<EOF\nnever closed\n");
        let e = logical_lines(&lines, 0, '\\').unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("unterminated heredoc"), "{}", e.message);
    }

    #[test]
    fn words() {
        assert_eq!(
            split_words(r#"a=1 b="x y" c='p q' d=e\ f  "g"=h"#, '\\'),
            vec!["a=1", "b=\"x y\"", "c='p q'", "d=e\\ f", "\"g\"=h"]
        );
        assert_eq!(split_words(r#"a="unterminated x"#, '\\'), vec!["a=\"unterminated x"]);
        assert_eq!(split_words(r#"a="q\"q" b"#, '\\'), vec![r#"a="q\"q""#, "b"]);
        assert_eq!(split_words("a=x` y", '`'), vec!["a=x` y"]);
        assert_eq!(split_words("   ", '\\'), Vec::<String>::new());
        assert_eq!(split_words("trailing\\", '\\'), vec!["trailing\\"]);
    }
}
