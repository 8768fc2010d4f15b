//! The lexer: splits a format into text and the tokens of its `{{ }}` actions.

use super::{Result, TemplateError};
use serde_json::Number;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keyword {
    If,
    Else,
    End,
    Range,
    With,
    Break,
    Continue,
    Define,
    Template,
    Block,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Text(String),
    Left,
    Right,
    Space,
    Field(String),
    Var(String),
    Dot,
    Ident(String),
    Str(String),
    Num(Number),
    Bool(bool),
    Nil,
    Pipe,
    LParen,
    RParen,
    Declare,
    Assign,
    Comma,
    Kw(Keyword),
    Eof,
}

#[derive(Debug, Clone)]
pub(super) struct Token {
    pub(super) tok: Tok,
    pub(super) pos: usize,
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

fn is_alnum(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Length of the right delimiter at the start of `s` and whether it trims the following text.
fn right_delim(s: &str) -> Option<(usize, bool)> {
    if s.starts_with("}}") {
        return Some((2, false));
    }
    let b = s.as_bytes();
    if b.len() >= 4 && is_space(b[0] as char) && b[1] == b'-' && s[2..].starts_with("}}") {
        return Some((4, true));
    }
    None
}

fn unescape_text(text: &str, table: bool) -> String {
    let text = text.replace("\\t", "\t").replace("\\n", "\n");
    if table { text.replace(' ', "\t") } else { text }
}

pub(super) fn lex(src: &str, table: bool) -> Result<Vec<Token>> {
    let mut toks = Vec::new();
    let mut pos = 0;
    let mut trim_leading = false;
    loop {
        let open = src[pos..].find("{{").map(|i| pos + i);
        let end = open.unwrap_or(src.len());
        let trim_trailing = open.is_some_and(|o| {
            let b = &src.as_bytes()[o + 2..];
            b.len() >= 2 && b[0] == b'-' && is_space(b[1] as char)
        });
        let mut text = unescape_text(&src[pos..end], table);
        if trim_leading {
            text = text.trim_start_matches(is_space).to_string();
        }
        if trim_trailing {
            text.truncate(text.trim_end_matches(is_space).len());
        }
        if !text.is_empty() {
            toks.push(Token {
                tok: Tok::Text(text),
                pos,
            });
        }
        let Some(open) = open else { break };
        pos = open + 2 + if trim_trailing { 2 } else { 0 };
        if src[pos..].starts_with("/*") {
            let close = src[pos + 2..]
                .find("*/")
                .ok_or_else(|| TemplateError::at(src, open, "unclosed comment"))?;
            pos += 2 + close + 2;
            let (n, trim) = right_delim(&src[pos..])
                .ok_or_else(|| TemplateError::at(src, pos, "comment ends before closing delimiter"))?;
            pos += n;
            trim_leading = trim;
            continue;
        }
        toks.push(Token {
            tok: Tok::Left,
            pos: open,
        });
        let (after, trim) = lex_action(src, open, pos, &mut toks)?;
        pos = after;
        trim_leading = trim;
    }
    toks.push(Token {
        tok: Tok::Eof,
        pos: src.len(),
    });
    Ok(toks)
}

fn at_terminator(rest: &str) -> bool {
    match rest.chars().next() {
        None => true,
        Some(c) if is_space(c) || ".,|:()".contains(c) => true,
        _ => rest.starts_with("}}"),
    }
}

fn scan_while(src: &str, mut pos: usize, f: impl Fn(char) -> bool) -> usize {
    while let Some(c) = src[pos..].chars().next() {
        if !f(c) {
            break;
        }
        pos += c.len_utf8();
    }
    pos
}

fn describe_char(c: char) -> String {
    format!("U+{:04X} {c:?}", c as u32)
}

/// Lexes the action opened at `open`, from `pos` after `{{`; returns the position after `}}` and whether
/// it trims.
fn lex_action(src: &str, open: usize, mut pos: usize, toks: &mut Vec<Token>) -> Result<(usize, bool)> {
    let err = |p: usize, m: String| TemplateError::at(src, p, m);
    let mut parens = 0usize;
    loop {
        let rest = &src[pos..];
        if let Some((n, trim)) = right_delim(rest) {
            if parens > 0 {
                return Err(err(pos, "unclosed left paren".into()));
            }
            toks.push(Token { tok: Tok::Right, pos });
            return Ok((pos + n, trim));
        }
        let Some(c) = rest.chars().next() else {
            return Err(err(open, "unclosed action".into()));
        };
        let start = pos;
        let push = |tok: Tok, toks: &mut Vec<Token>| toks.push(Token { tok, pos: start });
        match c {
            c if is_space(c) => {
                let mut p = pos;
                while let Some(c) = src[p..].chars().next() {
                    if !is_space(c) || right_delim(&src[p..]).is_some_and(|(_, trim)| trim) {
                        break;
                    }
                    p += c.len_utf8();
                }
                if p == pos {
                    // A space that begins " -}}": handled as the delimiter on the next turn.
                    continue;
                }
                push(Tok::Space, toks);
                pos = p;
            }
            '=' => {
                push(Tok::Assign, toks);
                pos += 1;
            }
            ':' => {
                if !rest.starts_with(":=") {
                    return Err(err(pos, "expected :=".into()));
                }
                push(Tok::Declare, toks);
                pos += 2;
            }
            '|' => {
                push(Tok::Pipe, toks);
                pos += 1;
            }
            ',' => {
                push(Tok::Comma, toks);
                pos += 1;
            }
            '(' => {
                parens += 1;
                push(Tok::LParen, toks);
                pos += 1;
            }
            ')' => {
                if parens == 0 {
                    return Err(err(pos, "unexpected right paren".into()));
                }
                parens -= 1;
                push(Tok::RParen, toks);
                pos += 1;
            }
            '"' => {
                let mut p = pos + 1;
                loop {
                    match src[p..].chars().next() {
                        None | Some('\n') => return Err(err(pos, "unterminated quoted string".into())),
                        Some('\\') => {
                            p += 1;
                            match src[p..].chars().next() {
                                None | Some('\n') => {
                                    return Err(err(pos, "unterminated quoted string".into()));
                                }
                                Some(e) => p += e.len_utf8(),
                            }
                        }
                        Some('"') => break,
                        Some(c) => p += c.len_utf8(),
                    }
                }
                let value = unquote(&src[pos + 1..p])
                    .ok_or_else(|| err(pos, format!("bad string syntax: {}", &src[pos..=p])))?;
                push(Tok::Str(value), toks);
                pos = p + 1;
            }
            '`' => {
                let close = src[pos + 1..]
                    .find('`')
                    .ok_or_else(|| err(pos, "unterminated raw quoted string".into()))?;
                let value = src[pos + 1..pos + 1 + close].replace('\r', "");
                push(Tok::Str(value), toks);
                pos += close + 2;
            }
            '\'' => {
                let mut p = pos + 1;
                loop {
                    match src[p..].chars().next() {
                        None | Some('\n') => return Err(err(pos, "unterminated character constant".into())),
                        Some('\\') => {
                            p += 1;
                            if let Some(e) = src[p..].chars().next() {
                                p += e.len_utf8();
                            }
                        }
                        Some('\'') => break,
                        Some(c) => p += c.len_utf8(),
                    }
                }
                let body = &src[pos + 1..p];
                let value = if body == "\"" {
                    Some("\"".to_string())
                } else {
                    unquote(body)
                };
                let mut chars = value.as_deref().unwrap_or("").chars();
                let (Some(ch), None) = (chars.next(), chars.next()) else {
                    return Err(err(pos, format!("malformed character constant: {}", &src[pos..=p])));
                };
                push(Tok::Num(Number::from(ch as u32)), toks);
                pos = p + 1;
            }
            '$' => {
                let p = scan_while(src, pos + 1, is_alnum);
                if !at_terminator(&src[p..]) {
                    return Err(err(
                        p,
                        format!(
                            "bad character {}",
                            describe_char(src[p..].chars().next().unwrap_or(' '))
                        ),
                    ));
                }
                push(Tok::Var(src[pos..p].to_string()), toks);
                pos = p;
            }
            '.' if rest[1..].starts_with(|c: char| c.is_ascii_digit()) => {
                pos = lex_number(src, pos, toks)?;
            }
            '.' => {
                let p = scan_while(src, pos + 1, is_alnum);
                if !at_terminator(&src[p..]) {
                    return Err(err(
                        p,
                        format!(
                            "bad character {}",
                            describe_char(src[p..].chars().next().unwrap_or(' '))
                        ),
                    ));
                }
                if p == pos + 1 {
                    push(Tok::Dot, toks);
                } else {
                    push(Tok::Field(src[pos + 1..p].to_string()), toks);
                }
                pos = p;
            }
            '+' | '-' | '0'..='9' => {
                pos = lex_number(src, pos, toks)?;
            }
            c if is_alnum(c) => {
                let p = scan_while(src, pos, is_alnum);
                if !at_terminator(&src[p..]) {
                    return Err(err(
                        p,
                        format!(
                            "bad character {}",
                            describe_char(src[p..].chars().next().unwrap_or(' '))
                        ),
                    ));
                }
                let word = &src[pos..p];
                let tok = match word {
                    "if" => Tok::Kw(Keyword::If),
                    "else" => Tok::Kw(Keyword::Else),
                    "end" => Tok::Kw(Keyword::End),
                    "range" => Tok::Kw(Keyword::Range),
                    "with" => Tok::Kw(Keyword::With),
                    "break" => Tok::Kw(Keyword::Break),
                    "continue" => Tok::Kw(Keyword::Continue),
                    "define" => Tok::Kw(Keyword::Define),
                    "template" => Tok::Kw(Keyword::Template),
                    "block" => Tok::Kw(Keyword::Block),
                    "true" => Tok::Bool(true),
                    "false" => Tok::Bool(false),
                    "nil" => Tok::Nil,
                    _ => Tok::Ident(word.to_string()),
                };
                push(tok, toks);
                pos = p;
            }
            c => {
                return Err(err(
                    pos,
                    format!("unrecognized character in action: {}", describe_char(c)),
                ));
            }
        }
    }
}

fn lex_number(src: &str, pos: usize, toks: &mut Vec<Token>) -> Result<usize> {
    let mut p = pos;
    if src[p..].starts_with(['+', '-']) {
        p += 1;
    }
    let body_start = p;
    let hex = src[p..].starts_with("0x") || src[p..].starts_with("0X");
    while let Some(c) = src[p..].chars().next() {
        let exponent_sign = (c == '+' || c == '-')
            && p > body_start
            && matches!(src.as_bytes()[p - 1], b'e' | b'E' | b'p' | b'P')
            && (!hex || matches!(src.as_bytes()[p - 1], b'p' | b'P'));
        if !(c.is_ascii_alphanumeric() || c == '_' || c == '.' || exponent_sign) {
            break;
        }
        p += 1;
    }
    let text = &src[pos..p];
    let number = parse_number(text)
        .filter(|_| at_terminator(&src[p..]))
        .ok_or_else(|| TemplateError::at(src, pos, format!("bad number syntax: {text:?}")))?;
    toks.push(Token {
        tok: Tok::Num(number),
        pos,
    });
    Ok(p)
}

fn parse_number(text: &str) -> Option<Number> {
    let (neg, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let clean = body.replace('_', "");
    let lower = clean.to_ascii_lowercase();
    let radix = |prefix: &str, radix: u32| lower.strip_prefix(prefix).map(|d| i128::from_str_radix(d, radix));
    let int = if let Some(r) = radix("0x", 16).or_else(|| radix("0o", 8)).or_else(|| radix("0b", 2)) {
        r.ok()?
    } else if lower.contains(['.', 'e']) {
        let f: f64 = lower.parse().ok()?;
        return Number::from_f64(if neg { -f } else { f });
    } else if lower.len() > 1 && lower.starts_with('0') {
        i128::from_str_radix(&lower[1..], 8).ok()?
    } else {
        lower.parse::<i128>().ok()?
    };
    let int = if neg { -int } else { int };
    i64::try_from(int)
        .map(Number::from)
        .ok()
        .or_else(|| u64::try_from(int).ok().map(Number::from))
}

/// Go's interpreted string literal escapes.
fn unquote(body: &str) -> Option<String> {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let e = chars.next()?;
        let hex = |chars: &mut std::str::Chars, n: usize| -> Option<u32> {
            let digits: String = chars.by_ref().take(n).collect();
            if digits.len() != n {
                return None;
            }
            u32::from_str_radix(&digits, 16).ok()
        };
        match e {
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '\\' => out.push('\\'),
            '"' => out.push('"'),
            '\'' => out.push('\''),
            'x' => out.push(char::from_u32(hex(&mut chars, 2)?)?),
            'u' => out.push(char::from_u32(hex(&mut chars, 4)?)?),
            'U' => out.push(char::from_u32(hex(&mut chars, 8)?)?),
            '0'..='7' => {
                let rest: String = chars.by_ref().take(2).collect();
                let code = u32::from_str_radix(&format!("{e}{rest}"), 8)
                    .ok()
                    .filter(|_| rest.len() == 2)?;
                out.push(char::from_u32(code).filter(|_| code < 256)?);
            }
            _ => return None,
        }
    }
    Some(out)
}
