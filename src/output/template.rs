//! Go text/template, written for ferry, evaluated over JSON values: the engine behind every `--format`.
//!
//! Supported: text with `{{- -}}` trim markers and comments, fields, variables (`$`, `:=`, `=`), literals,
//! parenthesized pipelines, `|`, if/else if/range/with/else/break/continue, Go's builtin functions and
//! Podman's extra ones (json, join, lower, upper, title, split, truncate, pad). Values print as Go's fmt
//! prints `interface{}` data. Depth, steps and output size are bounded so hostile formats fail cleanly.

use serde_json::{Number, Value};
use thiserror::Error;

/// Nesting of blocks and parentheses; deeper formats are refused instead of overflowing the stack.
const MAX_DEPTH: usize = 100;
/// Nodes walked plus loop iterations in one render; stops `{{range 100000000000}}`.
const MAX_STEPS: u64 = 5_000_000;
/// Bytes one render may produce.
const MAX_OUTPUT: usize = 64 << 20;
/// Largest printf width or precision, as Go's fmt (larger ones print `%!(BADWIDTH)`).
const MAX_WIDTH: i128 = 1_000_000;

static NULL: Value = Value::Null;

const FUNCTIONS: &[&str] = &[
    "and", "or", "not", "len", "index", "slice", "print", "printf", "println", "eq", "ne", "lt", "le", "gt", "ge",
    "html", "urlquery", "json", "join", "lower", "upper", "title", "split", "truncate", "pad",
];

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
    nodes: Vec<Node>,
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
        let toks = lex(src, table)?;
        let mut parser = Parser {
            src,
            toks,
            i: 0,
            vars: vec!["$".to_string()],
            depth: 0,
            range_depth: 0,
        };
        let nodes = parser.root()?;
        Ok(Template {
            src: src.to_string(),
            nodes,
        })
    }

    /// Executes the template with `data` as dot and `$`.
    pub fn render(&self, data: &Value) -> Result<String> {
        let mut exec = Exec {
            src: &self.src,
            vars: vec![("$".to_string(), data.clone())],
            out: String::new(),
            steps: 0,
        };
        match exec.walk(data, &self.nodes) {
            Ok(()) => Ok(exec.out),
            Err(Stop::Fail(err)) => Err(err),
            // The parser only accepts break and continue inside range, which catches them.
            Err(Stop::Break | Stop::Continue) => Ok(exec.out),
        }
    }

    /// Top-level field names the template reads from its data, in order of first use: the columns of a
    /// table (`{{.Repository}}\t{{.Tag}}` gives `["Repository", "Tag"]`). Fields read inside `range` and
    /// `with` bodies belong to another dot and are not listed.
    pub fn fields(&self) -> Vec<String> {
        let mut out = Vec::new();
        collect_nodes(&self.nodes, &mut out);
        out
    }
}

// ---------------------------------------------------------------------------------------------------------
// Lexer

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keyword {
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
enum Tok {
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
struct Token {
    tok: Tok,
    pos: usize,
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

fn is_alnum(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
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

fn lex(src: &str, table: bool) -> Result<Vec<Token>> {
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

// ---------------------------------------------------------------------------------------------------------
// Parser

#[derive(Debug, Clone)]
enum Node {
    Text(String),
    Action(Pipeline),
    If(Box<Branch>),
    Range(Box<Branch>),
    With(Box<Branch>),
    Break,
    Continue,
}

#[derive(Debug, Clone)]
struct Branch {
    pipe: Pipeline,
    list: Vec<Node>,
    else_list: Vec<Node>,
}

#[derive(Debug, Clone)]
struct Pipeline {
    decl: Vec<String>,
    is_assign: bool,
    cmds: Vec<Command>,
}

#[derive(Debug, Clone)]
struct Command {
    pos: usize,
    text: String,
    args: Vec<Arg>,
}

#[derive(Debug, Clone)]
enum Arg {
    Dot,
    Nil,
    Bool(bool),
    Num(Number),
    Str(String),
    Field(Vec<String>),
    Var(String, Vec<String>),
    Ident(String),
    Pipe(Box<Pipeline>),
    Chain(Box<Arg>, Vec<String>),
}

enum Item {
    Node(Node),
    End,
    Else,
    /// `{{else if …}}` or `{{else with …}}`: the keyword is the next token.
    ElseChain,
}

enum ListEnd {
    Eof,
    End(usize),
    Else(usize),
    ElseChain(usize),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Close {
    Delim,
    Paren,
}

struct Parser<'s> {
    src: &'s str,
    toks: Vec<Token>,
    i: usize,
    vars: Vec<String>,
    depth: usize,
    range_depth: usize,
}

fn describe(tok: &Tok) -> String {
    match tok {
        Tok::Text(_) => "text".into(),
        Tok::Left => "\"{{\"".into(),
        Tok::Right => "\"}}\"".into(),
        Tok::Space => "space".into(),
        Tok::Field(f) => format!("field \".{f}\""),
        Tok::Var(v) => format!("variable {v:?}"),
        Tok::Dot => "\".\"".into(),
        Tok::Ident(i) => format!("{i:?}"),
        Tok::Str(s) => format!("string {s:?}"),
        Tok::Num(n) => format!("number {n}"),
        Tok::Bool(b) => format!("{b}"),
        Tok::Nil => "nil".into(),
        Tok::Pipe => "\"|\"".into(),
        Tok::LParen => "\"(\"".into(),
        Tok::RParen => "\")\"".into(),
        Tok::Declare => "\":=\"".into(),
        Tok::Assign => "\"=\"".into(),
        Tok::Comma => "\",\"".into(),
        Tok::Kw(k) => format!("<{}>", format!("{k:?}").to_lowercase()),
        Tok::Eof => "EOF".into(),
    }
}

impl Parser<'_> {
    fn err<T>(&self, pos: usize, message: impl Into<String>) -> Result<T> {
        Err(TemplateError::at(self.src, pos, message))
    }

    fn next(&mut self) -> Token {
        let t = self.toks[self.i].clone();
        if self.i + 1 < self.toks.len() {
            self.i += 1;
        }
        t
    }

    fn peek(&self) -> &Token {
        &self.toks[self.i]
    }

    fn skip_spaces(&mut self) {
        while self.peek().tok == Tok::Space {
            self.i += 1;
        }
    }

    fn next_non_space(&mut self) -> Token {
        self.skip_spaces();
        self.next()
    }

    fn enter(&mut self, pos: usize) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.err(pos, format!("template nested more than {MAX_DEPTH} levels deep"));
        }
        Ok(())
    }

    fn root(&mut self) -> Result<Vec<Node>> {
        let (nodes, end) = self.list()?;
        match end {
            ListEnd::Eof => Ok(nodes),
            ListEnd::End(pos) => self.err(pos, "unexpected {{end}}"),
            ListEnd::Else(pos) | ListEnd::ElseChain(pos) => self.err(pos, "unexpected {{else}}"),
        }
    }

    fn list(&mut self) -> Result<(Vec<Node>, ListEnd)> {
        let mut nodes = Vec::new();
        loop {
            let t = self.next();
            match t.tok {
                Tok::Eof => return Ok((nodes, ListEnd::Eof)),
                Tok::Text(s) => nodes.push(Node::Text(s)),
                Tok::Left => match self.action(t.pos)? {
                    Item::Node(n) => nodes.push(n),
                    Item::End => return Ok((nodes, ListEnd::End(t.pos))),
                    Item::Else => return Ok((nodes, ListEnd::Else(t.pos))),
                    Item::ElseChain => return Ok((nodes, ListEnd::ElseChain(t.pos))),
                },
                other => return self.err(t.pos, format!("unexpected {}", describe(&other))),
            }
        }
    }

    fn expect_right(&mut self, context: &str) -> Result<()> {
        let t = self.next_non_space();
        if t.tok != Tok::Right {
            return self.err(t.pos, format!("unexpected {} in {context}", describe(&t.tok)));
        }
        Ok(())
    }

    fn action(&mut self, pos: usize) -> Result<Item> {
        self.skip_spaces();
        let t = self.peek().clone();
        let Tok::Kw(kw) = t.tok else {
            return Ok(Item::Node(Node::Action(self.pipeline("command", Close::Delim)?)));
        };
        self.next();
        match kw {
            Keyword::If | Keyword::Range | Keyword::With => Ok(Item::Node(self.control(kw, pos)?)),
            Keyword::End => self.expect_right("end").map(|()| Item::End),
            Keyword::Else => {
                self.skip_spaces();
                if matches!(self.peek().tok, Tok::Kw(Keyword::If | Keyword::With)) {
                    return Ok(Item::ElseChain);
                }
                self.expect_right("else").map(|()| Item::Else)
            }
            Keyword::Break | Keyword::Continue => {
                let name = if kw == Keyword::Break { "break" } else { "continue" };
                if self.range_depth == 0 {
                    return self.err(t.pos, format!("{{{{{name}}}}} outside {{{{range}}}}"));
                }
                self.expect_right(name)?;
                Ok(Item::Node(if kw == Keyword::Break {
                    Node::Break
                } else {
                    Node::Continue
                }))
            }
            Keyword::Define | Keyword::Template | Keyword::Block => {
                self.err(t.pos, "{{define}}, {{template}} and {{block}} are not supported")
            }
        }
    }

    fn control(&mut self, kw: Keyword, pos: usize) -> Result<Node> {
        self.enter(pos)?;
        let mark = self.vars.len();
        let context = match kw {
            Keyword::If => "if",
            Keyword::Range => "range",
            _ => "with",
        };
        let pipe = self.pipeline(context, Close::Delim)?;
        if kw == Keyword::Range {
            self.range_depth += 1;
        }
        let body = self.list();
        if kw == Keyword::Range {
            self.range_depth -= 1;
        }
        let (list, end) = body?;
        let else_list = match end {
            ListEnd::Eof => return self.err(self.src.len(), "unexpected EOF"),
            ListEnd::End(_) => Vec::new(),
            ListEnd::Else(_) => match self.list()? {
                (l, ListEnd::End(_)) => l,
                (_, ListEnd::Eof) => return self.err(self.src.len(), "unexpected EOF"),
                (_, ListEnd::Else(p) | ListEnd::ElseChain(p)) => {
                    return self.err(p, "expected end; found {{else}}");
                }
            },
            ListEnd::ElseChain(p) => {
                let t = self.next_non_space();
                let Tok::Kw(chained) = t.tok else {
                    unreachable!("ElseChain is only returned before if/with")
                };
                if chained == Keyword::With && kw != Keyword::With {
                    return self.err(p, format!("unexpected {{{{else with}}}} in {context}"));
                }
                vec![self.control(chained, p)?]
            }
        };
        self.vars.truncate(mark);
        self.depth -= 1;
        let branch = Box::new(Branch { pipe, list, else_list });
        Ok(match kw {
            Keyword::If => Node::If(branch),
            Keyword::Range => Node::Range(branch),
            _ => Node::With(branch),
        })
    }

    fn declared(&self, name: &str) -> bool {
        self.vars.iter().any(|v| v == name)
    }

    fn declarations(&mut self, context: &str) -> Result<(Vec<String>, bool)> {
        let save = self.i;
        let first = self.next_non_space();
        let Tok::Var(name) = first.tok else {
            self.i = save;
            return Ok((Vec::new(), false));
        };
        let mut names = vec![(name, first.pos)];
        let op = self.next_non_space();
        let op = match op.tok {
            Tok::Declare | Tok::Assign => op,
            Tok::Comma if context == "range" => {
                let second = self.next_non_space();
                let Tok::Var(name) = second.tok else {
                    return self.err(second.pos, "range can only initialize variables");
                };
                names.push((name, second.pos));
                let op = self.next_non_space();
                if !matches!(op.tok, Tok::Declare | Tok::Assign) {
                    return self.err(op.pos, format!("unexpected {} in range", describe(&op.tok)));
                }
                op
            }
            Tok::Comma => return self.err(op.pos, format!("too many declarations in {context}")),
            _ => {
                self.i = save;
                return Ok((Vec::new(), false));
            }
        };
        let is_assign = op.tok == Tok::Assign;
        for (name, pos) in &names {
            if is_assign && !self.declared(name) {
                return self.err(*pos, format!("undefined variable {name:?}"));
            }
        }
        let names: Vec<String> = names.into_iter().map(|(n, _)| n).collect();
        if !is_assign {
            self.vars.extend(names.iter().cloned());
        }
        Ok((names, is_assign))
    }

    fn pipeline(&mut self, context: &str, close: Close) -> Result<Pipeline> {
        self.skip_spaces();
        let pos = self.peek().pos;
        let (decl, is_assign) = self.declarations(context)?;
        let mut cmds = Vec::new();
        let mut after_pipe = false;
        loop {
            let t = self.next_non_space();
            match t.tok {
                Tok::Right if close == Close::Delim && !after_pipe => break,
                Tok::RParen if close == Close::Paren && !after_pipe => break,
                Tok::LParen
                | Tok::Bool(_)
                | Tok::Dot
                | Tok::Field(_)
                | Tok::Ident(_)
                | Tok::Num(_)
                | Tok::Nil
                | Tok::Str(_)
                | Tok::Var(_) => {
                    self.i -= 1;
                    let (cmd, piped) = self.command()?;
                    cmds.push(cmd);
                    after_pipe = piped;
                }
                Tok::Right | Tok::RParen if after_pipe => return self.err(t.pos, "missing command after \"|\""),
                other => return self.err(t.pos, format!("unexpected {} in {context}", describe(&other))),
            }
        }
        if cmds.is_empty() {
            return self.err(pos, format!("missing value for {context}"));
        }
        for (i, c) in cmds.iter().enumerate().skip(1) {
            if matches!(
                c.args[0],
                Arg::Bool(_) | Arg::Dot | Arg::Nil | Arg::Num(_) | Arg::Str(_)
            ) {
                return self.err(c.pos, format!("non executable command in pipeline stage {}", i + 1));
            }
        }
        Ok(Pipeline { decl, is_assign, cmds })
    }

    fn command(&mut self) -> Result<(Command, bool)> {
        self.skip_spaces();
        let start = self.peek().pos;
        let mut args = Vec::new();
        let piped = loop {
            self.skip_spaces();
            if let Some(arg) = self.operand()? {
                args.push(arg);
            }
            let t = self.next();
            match t.tok {
                Tok::Space => continue,
                Tok::Right | Tok::RParen => {
                    self.i -= 1;
                    break false;
                }
                Tok::Pipe => break true,
                other => return self.err(t.pos, format!("unexpected {} in operand", describe(&other))),
            }
        };
        if args.is_empty() {
            return self.err(start, "empty command");
        }
        // The command ends where its closing token (the pipe, or the delimiter or paren) begins.
        let end = self.toks[if piped { self.i - 1 } else { self.i }].pos.max(start);
        let text = self.src[start..end]
            .trim_end_matches(['|', ' ', '\t', '\r', '\n'])
            .to_string();
        Ok((Command { pos: start, text, args }, piped))
    }

    fn operand(&mut self) -> Result<Option<Arg>> {
        let pos = self.peek().pos;
        let Some(term) = self.term()? else { return Ok(None) };
        let mut fields = Vec::new();
        while let Tok::Field(f) = &self.peek().tok {
            fields.push(f.clone());
            self.next();
        }
        if fields.is_empty() {
            return Ok(Some(term));
        }
        Ok(Some(match term {
            Arg::Field(mut path) => {
                path.extend(fields);
                Arg::Field(path)
            }
            Arg::Var(name, mut path) => {
                path.extend(fields);
                Arg::Var(name, path)
            }
            Arg::Pipe(_) | Arg::Ident(_) => Arg::Chain(Box::new(term), fields),
            _ => return self.err(pos, "unexpected . after term"),
        }))
    }

    fn term(&mut self) -> Result<Option<Arg>> {
        let t = self.next_non_space();
        Ok(Some(match t.tok {
            Tok::Ident(name) => {
                if !FUNCTIONS.contains(&name.as_str()) {
                    return self.err(t.pos, format!("function {name:?} not defined"));
                }
                Arg::Ident(name)
            }
            Tok::Dot => Arg::Dot,
            Tok::Nil => Arg::Nil,
            Tok::Bool(b) => Arg::Bool(b),
            Tok::Num(n) => Arg::Num(n),
            Tok::Str(s) => Arg::Str(s),
            Tok::Field(f) => Arg::Field(vec![f]),
            Tok::Var(name) => {
                if !self.declared(&name) {
                    return self.err(t.pos, format!("undefined variable {name:?}"));
                }
                Arg::Var(name, Vec::new())
            }
            Tok::LParen => {
                self.enter(t.pos)?;
                let pipe = self.pipeline("parenthesized pipeline", Close::Paren)?;
                self.depth -= 1;
                Arg::Pipe(Box::new(pipe))
            }
            _ => {
                self.i -= 1;
                return Ok(None);
            }
        }))
    }
}

fn push_field(out: &mut Vec<String>, name: &str) {
    if !out.iter().any(|f| f == name) {
        out.push(name.to_string());
    }
}

fn collect_nodes(nodes: &[Node], out: &mut Vec<String>) {
    for node in nodes {
        match node {
            Node::Text(_) | Node::Break | Node::Continue => {}
            Node::Action(p) => collect_pipe(p, out),
            Node::If(b) => {
                collect_pipe(&b.pipe, out);
                collect_nodes(&b.list, out);
                collect_nodes(&b.else_list, out);
            }
            // The body of range and with sees another dot.
            Node::Range(b) | Node::With(b) => {
                collect_pipe(&b.pipe, out);
                collect_nodes(&b.else_list, out);
            }
        }
    }
}

fn collect_pipe(pipe: &Pipeline, out: &mut Vec<String>) {
    for cmd in &pipe.cmds {
        for arg in &cmd.args {
            collect_arg(arg, out);
        }
    }
}

fn collect_arg(arg: &Arg, out: &mut Vec<String>) {
    match arg {
        Arg::Field(path) => push_field(out, &path[0]),
        Arg::Var(name, path) if name == "$" && !path.is_empty() => push_field(out, &path[0]),
        Arg::Pipe(p) => collect_pipe(p, out),
        Arg::Chain(inner, _) => collect_arg(inner, out),
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------------------
// Execution

enum Stop {
    Break,
    Continue,
    Fail(TemplateError),
}

type Flow<T> = std::result::Result<T, Stop>;

struct Exec<'t> {
    src: &'t str,
    vars: Vec<(String, Value)>,
    out: String,
    steps: u64,
}

/// Go's truth: false, 0, "", nil and empty collections are false.
fn truth(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(m) => !m.is_empty(),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "nil",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "map",
    }
}

impl Exec<'_> {
    fn fail(&self, pos: usize, message: impl Into<String>) -> Stop {
        Stop::Fail(TemplateError::at(self.src, pos, message))
    }

    fn fail_at(&self, cmd: &Command, message: impl std::fmt::Display) -> Stop {
        self.fail(cmd.pos, format!("executing at <{}>: {message}", cmd.text))
    }

    fn step(&mut self, pos: usize) -> Flow<()> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return Err(self.fail(pos, format!("execution stopped after {MAX_STEPS} steps")));
        }
        Ok(())
    }

    fn emit(&mut self, s: &str, pos: usize) -> Flow<()> {
        if self.out.len() + s.len() > MAX_OUTPUT {
            return Err(self.fail(pos, format!("output larger than {MAX_OUTPUT} bytes")));
        }
        self.out.push_str(s);
        Ok(())
    }

    fn walk(&mut self, dot: &Value, nodes: &[Node]) -> Flow<()> {
        for node in nodes {
            let pos = node_pos(node);
            self.step(pos)?;
            match node {
                Node::Text(s) => self.emit(s, pos)?,
                Node::Action(p) => {
                    let v = self.pipeline(dot, p)?;
                    if p.decl.is_empty() {
                        let text = if v.is_null() {
                            "<no value>".to_string()
                        } else {
                            sprint_v(&v)
                        };
                        self.emit(&text, pos)?;
                    }
                }
                Node::If(b) | Node::With(b) => {
                    let mark = self.vars.len();
                    let result = self.pipeline(dot, &b.pipe).and_then(|v| match (node, truth(&v)) {
                        (Node::With(_), true) => self.walk(&v, &b.list),
                        (_, true) => self.walk(dot, &b.list),
                        (_, false) => self.walk(dot, &b.else_list),
                    });
                    self.vars.truncate(mark);
                    result?;
                }
                Node::Range(b) => {
                    let mark = self.vars.len();
                    let result = self.range(dot, b, pos);
                    self.vars.truncate(mark);
                    result?;
                }
                Node::Break => return Err(Stop::Break),
                Node::Continue => return Err(Stop::Continue),
            }
        }
        Ok(())
    }

    fn range(&mut self, dot: &Value, b: &Branch, pos: usize) -> Flow<()> {
        let collection = self.commands(dot, &b.pipe.cmds)?;
        let items: Box<dyn Iterator<Item = (Value, Value)>> = match &collection {
            Value::Null => Box::new(std::iter::empty()),
            Value::Array(a) => Box::new(a.iter().enumerate().map(|(i, v)| (Value::from(i), v.clone()))),
            Value::Object(m) => {
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                Box::new(keys.into_iter().map(|k| (Value::from(k.clone()), m[k].clone())))
            }
            Value::Number(n) if n.as_i64().is_some() || n.as_u64().is_some() => {
                if b.pipe.decl.len() > 1 {
                    return Err(self.fail(pos, "can't use two variables to range over an integer"));
                }
                let count = n.as_u64().unwrap_or(0);
                Box::new((0..count).map(|i| (Value::from(i), Value::from(i))))
            }
            other => return Err(self.fail(pos, format!("range can't iterate over {}", sprint_v(other)))),
        };
        let slots = if b.pipe.is_assign {
            None
        } else {
            let base = self.vars.len();
            for name in &b.pipe.decl {
                self.vars.push((name.clone(), Value::Null));
            }
            Some(base)
        };
        let mut any = false;
        for (key, elem) in items {
            any = true;
            self.step(pos)?;
            let values = if b.pipe.decl.len() == 2 {
                vec![key, elem.clone()]
            } else {
                vec![elem.clone()]
            };
            for (i, (name, value)) in b.pipe.decl.iter().zip(values).enumerate() {
                match slots {
                    Some(base) => self.vars[base + i].1 = value,
                    None => self.assign(name, value),
                }
            }
            let mark = self.vars.len();
            let result = self.walk(&elem, &b.list);
            self.vars.truncate(mark);
            match result {
                Ok(()) | Err(Stop::Continue) => {}
                Err(Stop::Break) => break,
                Err(fail) => return Err(fail),
            }
        }
        if !any {
            self.walk(dot, &b.else_list)?;
        }
        Ok(())
    }

    fn assign(&mut self, name: &str, value: Value) {
        // The parser refused assignments to undeclared variables.
        if let Some(slot) = self.vars.iter_mut().rev().find(|(n, _)| n == name) {
            slot.1 = value;
        }
    }

    fn lookup(&self, name: &str) -> &Value {
        self.vars
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map_or(&NULL, |(_, v)| v)
    }

    fn commands(&mut self, dot: &Value, cmds: &[Command]) -> Flow<Value> {
        let mut value = None;
        for cmd in cmds {
            value = Some(self.command(dot, cmd, value)?);
        }
        Ok(value.unwrap_or(Value::Null))
    }

    fn pipeline(&mut self, dot: &Value, pipe: &Pipeline) -> Flow<Value> {
        let value = self.commands(dot, &pipe.cmds)?;
        for name in &pipe.decl {
            if pipe.is_assign {
                self.assign(name, value.clone());
            } else {
                self.vars.push((name.clone(), value.clone()));
            }
        }
        Ok(value)
    }

    fn command(&mut self, dot: &Value, cmd: &Command, last: Option<Value>) -> Flow<Value> {
        let first = &cmd.args[0];
        if let Arg::Ident(name) = first {
            return self.call(dot, cmd, name, &cmd.args[1..], last);
        }
        if cmd.args.len() > 1 || last.is_some() {
            return Err(self.fail_at(cmd, "can't give argument to non-function"));
        }
        if let Arg::Nil = first {
            return Err(self.fail_at(cmd, "nil is not a command"));
        }
        self.arg(dot, cmd, first)
    }

    fn fields(&self, cmd: &Command, value: &Value, path: &[String]) -> Flow<Value> {
        let mut cur = value;
        for field in path {
            cur = match cur {
                Value::Object(m) => m.get(field).unwrap_or(&NULL),
                Value::Null => &NULL,
                other => {
                    return Err(self.fail_at(cmd, format!("can't evaluate field {field} in type {}", kind(other))));
                }
            };
        }
        Ok(cur.clone())
    }

    fn arg(&mut self, dot: &Value, cmd: &Command, arg: &Arg) -> Flow<Value> {
        Ok(match arg {
            Arg::Dot => dot.clone(),
            Arg::Nil => Value::Null,
            Arg::Bool(b) => Value::Bool(*b),
            Arg::Num(n) => Value::Number(n.clone()),
            Arg::Str(s) => Value::String(s.clone()),
            Arg::Field(path) => self.fields(cmd, dot, path)?,
            Arg::Var(name, path) => self.fields(cmd, self.lookup(name), path)?,
            Arg::Pipe(p) => self.pipeline(dot, p)?,
            Arg::Ident(name) => self.call(dot, cmd, name, &[], None)?,
            Arg::Chain(inner, path) => {
                let v = self.arg(dot, cmd, inner)?;
                self.fields(cmd, &v, path)?
            }
        })
    }

    fn call(&mut self, dot: &Value, cmd: &Command, name: &str, args: &[Arg], last: Option<Value>) -> Flow<Value> {
        if name == "and" || name == "or" {
            // Short-circuit like Go: later arguments are not evaluated once the result is known.
            if args.is_empty() && last.is_none() {
                return Err(self.fail_at(cmd, format!("wrong number of args for {name}: want at least 1 got 0")));
            }
            let mut result = Value::Null;
            for arg in args {
                result = self.arg(dot, cmd, arg)?;
                if truth(&result) == (name == "or") {
                    return Ok(result);
                }
            }
            return Ok(last.unwrap_or(result));
        }
        let mut values = Vec::with_capacity(args.len() + 1);
        for arg in args {
            values.push(self.arg(dot, cmd, arg)?);
        }
        values.extend(last);
        funcs::call(name, &values).map_err(|m| self.fail_at(cmd, m))
    }
}

fn node_pos(node: &Node) -> usize {
    match node {
        Node::Action(p) => p.cmds.first().map_or(0, |c| c.pos),
        Node::If(b) | Node::Range(b) | Node::With(b) => b.pipe.cmds.first().map_or(0, |c| c.pos),
        Node::Text(_) | Node::Break | Node::Continue => 0,
    }
}

// ---------------------------------------------------------------------------------------------------------
// Functions

mod funcs {
    use super::{MAX_WIDTH, gofmt, kind, sprint_v, truth};

    use serde_json::Value;

    type Res = std::result::Result<Value, String>;

    fn arity(name: &str, args: &[Value], want: usize) -> std::result::Result<(), String> {
        if args.len() != want {
            return Err(format!(
                "wrong number of args for {name}: want {want} got {}",
                args.len()
            ));
        }
        Ok(())
    }

    /// A string parameter; a missing value counts as "", as a Go struct's zero value would.
    fn string(v: &Value) -> std::result::Result<&str, String> {
        match v {
            Value::String(s) => Ok(s),
            Value::Null => Ok(""),
            other => Err(format!("wrong type for value; expected string; got {}", kind(other))),
        }
    }

    pub(super) fn int(v: &Value) -> std::result::Result<i128, String> {
        match v {
            Value::Number(n) => n
                .as_i64()
                .map(i128::from)
                .or_else(|| n.as_u64().map(i128::from))
                .or_else(|| {
                    n.as_f64()
                        .filter(|f| f.fract() == 0.0 && f.abs() < 1e18)
                        .map(|f| f as i128)
                })
                .ok_or_else(|| format!("wrong type for value; expected int; got {n}")),
            Value::Null => Ok(0),
            other => Err(format!("wrong type for value; expected int; got {}", kind(other))),
        }
    }

    fn count(v: &Value) -> std::result::Result<usize, String> {
        let n = int(v)?;
        if !(0..=MAX_WIDTH).contains(&n) {
            return Err(format!("count {n} out of range"));
        }
        Ok(n as usize)
    }

    pub(super) fn call(name: &str, args: &[Value]) -> Res {
        let called = |e: String| format!("error calling {name}: {e}");
        match name {
            "not" => {
                arity(name, args, 1)?;
                Ok(Value::Bool(!truth(&args[0])))
            }
            "len" => {
                arity(name, args, 1)?;
                match &args[0] {
                    Value::String(s) => Ok(s.len().into()),
                    Value::Array(a) => Ok(a.len().into()),
                    Value::Object(m) => Ok(m.len().into()),
                    other => Err(called(format!("len of type {}", kind(other)))),
                }
            }
            "index" => {
                let Some((item, indices)) = args.split_first() else {
                    return Err("wrong number of args for index: want at least 1 got 0".into());
                };
                let mut cur = item.clone();
                for idx in indices {
                    cur = index(&cur, idx).map_err(called)?;
                }
                Ok(cur)
            }
            "slice" => {
                let Some((item, indices)) = args.split_first() else {
                    return Err("wrong number of args for slice: want at least 1 got 0".into());
                };
                slice(item, indices).map_err(called)
            }
            "print" => Ok(Value::String(gofmt::sprint(args))),
            "println" => Ok(Value::String(gofmt::sprintln(args))),
            "printf" => {
                let Some((format, rest)) = args.split_first() else {
                    return Err("wrong number of args for printf: want at least 1 got 0".into());
                };
                Ok(Value::String(gofmt::sprintf(string(format)?, rest)))
            }
            "eq" => {
                let Some((first, rest)) = args.split_first() else {
                    return Err(called("missing argument for comparison".into()));
                };
                if rest.is_empty() {
                    return Err(called("missing argument for comparison".into()));
                }
                for other in rest {
                    if equal(first, other).map_err(called)? {
                        return Ok(Value::Bool(true));
                    }
                }
                Ok(Value::Bool(false))
            }
            "ne" => {
                arity(name, args, 2)?;
                Ok(Value::Bool(!equal(&args[0], &args[1]).map_err(called)?))
            }
            "lt" | "le" | "gt" | "ge" => {
                arity(name, args, 2)?;
                let ord = compare(&args[0], &args[1]).map_err(called)?;
                Ok(Value::Bool(match name {
                    "lt" => ord.is_lt(),
                    "le" => ord.is_le(),
                    "gt" => ord.is_gt(),
                    _ => ord.is_ge(),
                }))
            }
            "html" => Ok(Value::String(html(&text_of(args)))),
            "urlquery" => Ok(Value::String(urlquery(&text_of(args)))),
            "json" => {
                arity(name, args, 1)?;
                Ok(Value::String(super::compact_json(&args[0])))
            }
            "join" => {
                arity(name, args, 2)?;
                let sep = string(&args[1])?;
                match &args[0] {
                    Value::Array(a) => {
                        let parts: Vec<String> = a
                            .iter()
                            .map(|v| {
                                if let Value::String(s) = v {
                                    s.clone()
                                } else {
                                    sprint_v(v)
                                }
                            })
                            .collect();
                        Ok(Value::String(parts.join(sep)))
                    }
                    Value::Null => Ok(Value::String(String::new())),
                    other => Err(format!("wrong type for value; expected array; got {}", kind(other))),
                }
            }
            "lower" | "upper" | "title" => {
                arity(name, args, 1)?;
                let s = string(&args[0])?;
                Ok(Value::String(match name {
                    "lower" => s.to_lowercase(),
                    "upper" => s.to_uppercase(),
                    _ => title(s),
                }))
            }
            "split" => {
                arity(name, args, 2)?;
                let (s, sep) = (string(&args[0])?, string(&args[1])?);
                let parts: Vec<Value> = if sep.is_empty() {
                    s.chars().map(|c| Value::String(c.to_string())).collect()
                } else {
                    s.split(sep).map(|p| Value::String(p.to_string())).collect()
                };
                Ok(Value::Array(parts))
            }
            "truncate" => {
                arity(name, args, 2)?;
                let s = string(&args[0])?;
                let n = int(&args[1])?;
                if n < 0 {
                    return Err(called(format!("negative length {n}")));
                }
                let cut = super::floor_char_boundary(s, (n as usize).min(s.len()));
                Ok(Value::String(s[..cut].to_string()))
            }
            "pad" => {
                arity(name, args, 3)?;
                let s = string(&args[0])?;
                let (before, after) = (count(&args[1]).map_err(called)?, count(&args[2]).map_err(called)?);
                Ok(Value::String(format!("{}{s}{}", " ".repeat(before), " ".repeat(after))))
            }
            _ => Err(format!("function {name:?} not defined")),
        }
    }

    fn text_of(args: &[Value]) -> String {
        match args {
            [Value::String(s)] => s.clone(),
            _ => gofmt::sprint(args),
        }
    }

    fn index(item: &Value, idx: &Value) -> Res {
        match item {
            Value::Array(a) => {
                let i = int(idx)?;
                usize::try_from(i)
                    .ok()
                    .and_then(|i| a.get(i))
                    .cloned()
                    .ok_or_else(|| format!("index out of range: {i}"))
            }
            Value::String(s) => {
                let i = int(idx)?;
                usize::try_from(i)
                    .ok()
                    .and_then(|i| s.as_bytes().get(i))
                    .map(|b| Value::from(*b))
                    .ok_or_else(|| format!("index out of range: {i}"))
            }
            Value::Object(m) => match idx {
                Value::String(k) => Ok(m.get(k).cloned().unwrap_or(Value::Null)),
                other => Err(format!("value has type {}; should be string", kind(other))),
            },
            Value::Null => Err("index of untyped nil".into()),
            other => Err(format!("can't index item of type {}", kind(other))),
        }
    }

    fn slice(item: &Value, indices: &[Value]) -> Res {
        if indices.len() > 3 {
            return Err(format!("too many slice indexes: {}", indices.len()));
        }
        let len = match item {
            Value::String(s) => s.len(),
            Value::Array(a) => a.len(),
            Value::Null => return Err("slice of untyped nil".into()),
            other => return Err(format!("can't slice item of type {}", kind(other))),
        };
        if indices.len() == 3 && item.is_string() {
            return Err("cannot 3-index slice a string".into());
        }
        let mut bounds = [0, len, len];
        for (i, idx) in indices.iter().enumerate() {
            let n = int(idx)?;
            bounds[i] = usize::try_from(n)
                .ok()
                .filter(|n| *n <= len)
                .ok_or_else(|| format!("index out of range: {n}"))?;
        }
        let (lo, hi) = (bounds[0], bounds[1]);
        if lo > hi || (indices.len() == 3 && hi > bounds[2]) {
            return Err(format!("invalid slice index: {lo} > {hi}"));
        }
        match item {
            Value::String(s) => s
                .get(lo..hi)
                .map(|s| Value::String(s.to_string()))
                .ok_or_else(|| "slice splits a character".to_string()),
            Value::Array(a) => Ok(Value::Array(a[lo..hi].to_vec())),
            _ => unreachable!("checked above"),
        }
    }

    fn equal(a: &Value, b: &Value) -> std::result::Result<bool, String> {
        match (a, b) {
            (Value::Null, Value::Null) => Ok(true),
            (Value::Null, _) | (_, Value::Null) => Ok(false),
            (Value::Array(_) | Value::Object(_), _) | (_, Value::Array(_) | Value::Object(_)) => {
                Err("non-comparable type".into())
            }
            (Value::Bool(x), Value::Bool(y)) => Ok(x == y),
            (Value::String(x), Value::String(y)) => Ok(x == y),
            (Value::Number(_), Value::Number(_)) => Ok(compare(a, b)?.is_eq()),
            _ => Err("incompatible types for comparison".into()),
        }
    }

    fn compare(a: &Value, b: &Value) -> std::result::Result<std::cmp::Ordering, String> {
        match (a, b) {
            (Value::String(x), Value::String(y)) => Ok(x.as_bytes().cmp(y.as_bytes())),
            (Value::Number(x), Value::Number(y)) => {
                if let (Ok(i), Ok(j)) = (int(a), int(b))
                    && !x.is_f64()
                    && !y.is_f64()
                {
                    return Ok(i.cmp(&j));
                }
                let (x, y) = (x.as_f64().unwrap_or(0.0), y.as_f64().unwrap_or(0.0));
                x.partial_cmp(&y)
                    .ok_or_else(|| "invalid type for comparison".to_string())
            }
            (Value::String(_), Value::Number(_)) | (Value::Number(_), Value::String(_)) => {
                Err("incompatible types for comparison".into())
            }
            _ => Err("invalid type for comparison".into()),
        }
    }

    /// Go's strings.Title: upper-case the first letter of each word.
    fn title(s: &str) -> String {
        let separator = |c: char| {
            if c.is_ascii() {
                !(c.is_ascii_alphanumeric() || c == '_')
            } else {
                !c.is_alphanumeric() && c.is_whitespace()
            }
        };
        let mut out = String::with_capacity(s.len());
        let mut prev_sep = true;
        for c in s.chars() {
            if prev_sep {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            prev_sep = separator(c);
        }
        out
    }

    fn html(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '\'' => out.push_str("&#39;"),
                '"' => out.push_str("&#34;"),
                '\0' => out.push('\u{FFFD}'),
                c => out.push(c),
            }
        }
        out
    }

    fn urlquery(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for b in s.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
                b' ' => out.push('+'),
                b => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------------------
// Go's fmt for JSON values

/// `fmt.Sprint(v)` of the Go value a JSON value stands for: `[a b]`, `map[k:v]`, integers without a point.
fn sprint_v(v: &Value) -> String {
    let mut out = String::new();
    gofmt::print_arg(&mut out, v, &gofmt::Spec::verb('v'), 0);
    out
}

/// Compact JSON like Go's encoder with HTML escaping off, which still escapes U+2028 and U+2029.
pub(super) fn compact_json(v: &Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_default()
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// Go's `%.<precision>g`.
pub(super) fn format_g(value: f64, precision: usize) -> String {
    gofmt::float(value, 'g', Some(precision))
}

mod gofmt {
    use super::{MAX_WIDTH, funcs};
    use serde_json::{Number, Value};
    use std::fmt::Write as _;

    pub(super) struct Spec {
        verb: char,
        plus: bool,
        minus: bool,
        sharp: bool,
        space: bool,
        zero: bool,
        width: Option<usize>,
        prec: Option<usize>,
    }

    impl Spec {
        pub(super) fn verb(verb: char) -> Spec {
            Spec {
                verb,
                plus: false,
                minus: false,
                sharp: false,
                space: false,
                zero: false,
                width: None,
                prec: None,
            }
        }
    }

    fn go_type(v: &Value) -> &'static str {
        match v {
            Value::Null => "<nil>",
            Value::Bool(_) => "bool",
            Value::Number(n) if n.is_f64() => "float64",
            Value::Number(_) => "int",
            Value::String(_) => "string",
            Value::Array(_) => "[]interface {}",
            Value::Object(_) => "map[string]interface {}",
        }
    }

    pub(super) fn sprint(args: &[Value]) -> String {
        let mut out = String::new();
        let mut prev_string = false;
        for (i, a) in args.iter().enumerate() {
            let is_string = a.is_string();
            if i > 0 && !is_string && !prev_string {
                out.push(' ');
            }
            print_arg(&mut out, a, &Spec::verb('v'), 0);
            prev_string = is_string;
        }
        out
    }

    pub(super) fn sprintln(args: &[Value]) -> String {
        let mut out = String::new();
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            print_arg(&mut out, a, &Spec::verb('v'), 0);
        }
        out.push('\n');
        out
    }

    fn number_arg(args: &[Value], argi: &mut usize) -> Option<usize> {
        let v = args.get(*argi)?;
        *argi += 1;
        let n = funcs::int(v).ok().filter(|_| v.is_number())?;
        (0..=MAX_WIDTH).contains(&n).then_some(n as usize)
    }

    pub(super) fn sprintf(format: &str, args: &[Value]) -> String {
        let mut out = String::new();
        let mut argi = 0;
        let mut chars = format.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '%' {
                out.push(c);
                continue;
            }
            let mut spec = Spec::verb('v');
            while let Some(&f) = chars.peek() {
                match f {
                    '+' => spec.plus = true,
                    '-' => spec.minus = true,
                    '#' => spec.sharp = true,
                    ' ' => spec.space = true,
                    '0' => spec.zero = true,
                    _ => break,
                }
                chars.next();
            }
            let mut bad_width = false;
            if chars.peek() == Some(&'*') {
                chars.next();
                spec.width = number_arg(args, &mut argi);
                bad_width = spec.width.is_none();
            } else {
                spec.width = digits(&mut chars)
                    .map(|w| w.ok_or(()))
                    .transpose()
                    .unwrap_or_else(|()| {
                        bad_width = true;
                        None
                    });
            }
            if bad_width {
                out.push_str("%!(BADWIDTH)");
            }
            if chars.peek() == Some(&'.') {
                chars.next();
                let prec = if chars.peek() == Some(&'*') {
                    chars.next();
                    number_arg(args, &mut argi)
                } else {
                    digits(&mut chars).unwrap_or(Some(0))
                };
                if prec.is_none() {
                    out.push_str("%!(BADPREC)");
                }
                spec.prec = prec;
            }
            let Some(verb) = chars.next() else {
                out.push_str("%!(NOVERB)");
                break;
            };
            spec.verb = verb;
            if verb == '%' {
                out.push('%');
                continue;
            }
            let Some(arg) = args.get(argi) else {
                let _ = write!(out, "%!{verb}(MISSING)");
                continue;
            };
            argi += 1;
            print_arg(&mut out, arg, &spec, 0);
        }
        if argi < args.len() {
            out.push_str("%!(EXTRA ");
            for (i, a) in args[argi..].iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                if !a.is_null() {
                    out.push_str(go_type(a));
                    out.push('=');
                }
                print_arg(&mut out, a, &Spec::verb('v'), 0);
            }
            out.push(')');
        }
        out
    }

    /// A run of decimal digits: None when absent, Some(None) when too large.
    fn digits(chars: &mut std::iter::Peekable<std::str::Chars>) -> Option<Option<usize>> {
        let mut n: Option<i128> = None;
        while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
            chars.next();
            n = Some((n.unwrap_or(0) * 10 + i128::from(d)).min(MAX_WIDTH + 1));
        }
        n.map(|n| (n <= MAX_WIDTH).then_some(n as usize))
    }

    fn pad(out: &mut String, s: &str, spec: &Spec) {
        let len = s.chars().count();
        let fill = spec.width.unwrap_or(0).saturating_sub(len);
        if spec.minus {
            out.push_str(s);
            out.extend(std::iter::repeat_n(' ', fill));
        } else {
            out.extend(std::iter::repeat_n(' ', fill));
            out.push_str(s);
        }
    }

    /// Pads a signed number: zeros go between the sign (and prefix) and the digits.
    fn pad_number(out: &mut String, sign: &str, body: &str, spec: &Spec, zero_ok: bool) {
        if spec.zero && zero_ok && !spec.minus {
            let len = sign.chars().count() + body.chars().count();
            let fill = spec.width.unwrap_or(0).saturating_sub(len);
            out.push_str(sign);
            out.extend(std::iter::repeat_n('0', fill));
            out.push_str(body);
        } else {
            pad(out, &format!("{sign}{body}"), spec);
        }
    }

    fn bad_verb(out: &mut String, v: &Value, verb: char) {
        let _ = write!(out, "%!{verb}(");
        if v.is_null() {
            out.push_str("<nil>");
        } else {
            out.push_str(go_type(v));
            out.push('=');
            print_arg(out, v, &Spec::verb('v'), 0);
        }
        out.push(')');
    }

    pub(super) fn print_arg(out: &mut String, v: &Value, spec: &Spec, depth: usize) {
        if spec.verb == 'T' {
            pad(out, go_type(v), spec);
            return;
        }
        match v {
            Value::Null if depth > 0 || spec.verb == 'v' => pad(out, "<nil>", spec),
            Value::Null => bad_verb(out, v, spec.verb),
            Value::Bool(b) => match spec.verb {
                't' | 'v' => pad(out, if *b { "true" } else { "false" }, spec),
                _ => bad_verb(out, v, spec.verb),
            },
            Value::Number(n) => number(out, v, n, spec),
            Value::String(s) => match spec.verb {
                'v' | 's' => {
                    let s = match spec.prec {
                        Some(p) => s.chars().take(p).collect(),
                        None => s.clone(),
                    };
                    pad(out, &s, spec);
                }
                'q' => pad(out, &quote(s, '"'), spec),
                'x' | 'X' => {
                    let mut hex = String::new();
                    for (i, b) in s.bytes().enumerate() {
                        if spec.space && i > 0 {
                            hex.push(' ');
                        }
                        if spec.sharp && (spec.space || i == 0) {
                            hex.push_str(if spec.verb == 'x' { "0x" } else { "0X" });
                        }
                        let _ = if spec.verb == 'x' {
                            write!(hex, "{b:02x}")
                        } else {
                            write!(hex, "{b:02X}")
                        };
                    }
                    pad(out, &hex, spec);
                }
                _ => bad_verb(out, v, spec.verb),
            },
            Value::Array(a) => {
                out.push('[');
                for (i, e) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    print_arg(out, e, spec, depth + 1);
                }
                out.push(']');
            }
            Value::Object(m) => {
                out.push_str("map[");
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                for (i, k) in keys.into_iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    print_arg(out, &Value::String(k.clone()), spec, depth + 1);
                    out.push(':');
                    print_arg(out, &m[k], spec, depth + 1);
                }
                out.push(']');
            }
        }
    }

    fn sign_of(negative: bool, spec: &Spec) -> &'static str {
        match (negative, spec.plus, spec.space) {
            (true, _, _) => "-",
            (false, true, _) => "+",
            (false, false, true) => " ",
            _ => "",
        }
    }

    fn number(out: &mut String, v: &Value, n: &Number, spec: &Spec) {
        if n.is_f64() {
            let f = n.as_f64().unwrap_or(0.0);
            let (fmt, prec) = match spec.verb {
                'v' | 'g' | 'G' => ('g', spec.prec),
                'e' | 'E' => ('e', Some(spec.prec.unwrap_or(6))),
                'f' | 'F' => ('f', Some(spec.prec.unwrap_or(6))),
                _ => return bad_verb(out, v, spec.verb),
            };
            let mut body = float(f.abs(), fmt, prec);
            if spec.verb.is_ascii_uppercase() {
                body = body.to_uppercase();
            }
            let negative = f.is_sign_negative();
            return pad_number(out, sign_of(negative, spec), &body, spec, true);
        }
        let i = n
            .as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
            .unwrap_or(0);
        let magnitude = i.unsigned_abs();
        let (digits, prefix) = match spec.verb {
            'd' | 'v' => (magnitude.to_string(), ""),
            'b' => (format!("{magnitude:b}"), if spec.sharp { "0b" } else { "" }),
            'o' => (format!("{magnitude:o}"), if spec.sharp { "0" } else { "" }),
            'O' => (format!("{magnitude:o}"), "0o"),
            'x' => (format!("{magnitude:x}"), if spec.sharp { "0x" } else { "" }),
            'X' => (format!("{magnitude:X}"), if spec.sharp { "0X" } else { "" }),
            'c' | 'q' | 'U' => {
                let ch = u32::try_from(i).ok().and_then(char::from_u32).unwrap_or('\u{FFFD}');
                let s = match spec.verb {
                    'c' => ch.to_string(),
                    'q' => quote(&ch.to_string(), '\''),
                    _ => format!("U+{:04X}", u32::try_from(i).unwrap_or(0xFFFD)),
                };
                return pad(out, &s, spec);
            }
            _ => return bad_verb(out, v, spec.verb),
        };
        let digits = match spec.prec {
            Some(0) if i == 0 => String::new(),
            Some(p) if digits.len() < p => format!("{}{digits}", "0".repeat(p - digits.len())),
            _ => digits,
        };
        let sign = format!("{}{prefix}", sign_of(i < 0, spec));
        pad_number(out, &sign, &digits, spec, spec.prec.is_none());
    }

    /// Go's strconv.FormatFloat of a non-negative value for 'e', 'f' and 'g' (None = shortest).
    pub(super) fn float(f: f64, fmt: char, prec: Option<usize>) -> String {
        let sign = if f.is_sign_negative() { "-" } else { "" };
        let f = f.abs();
        if fmt == 'f' {
            return format!("{sign}{f:.*}", prec.unwrap_or(6));
        }
        // Decimal digits and exponent, from Rust's exactly rounded scientific formatting.
        let sci = match (fmt, prec) {
            ('e', Some(p)) => format!("{f:.p$e}"),
            (_, Some(p)) => format!("{f:.*e}", p.max(1) - 1),
            (_, None) => format!("{f:e}"),
        };
        let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        let mut digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
        if fmt == 'e' {
            return format!("{sign}{}", exp_form(&digits, exp, digits.len() - 1));
        }
        while digits.len() > 1 && digits.last() == Some(&b'0') {
            digits.pop();
        }
        let nd = digits.len();
        let eprec = match prec {
            None => 6,
            Some(p) => p.max(1),
        } as i32;
        let prec = prec.map_or(nd, |p| p.max(1));
        if exp < -4 || exp >= eprec {
            return format!("{sign}{}", exp_form(&digits, exp, prec.min(nd) - 1));
        }
        let dp = exp + 1;
        let prec = if prec as i32 > dp { nd } else { prec };
        let decimals = (prec as i32 - dp).max(0) as usize;
        let mut s = String::from(sign);
        if dp > 0 {
            for i in 0..dp as usize {
                s.push(digits.get(i).map_or('0', |d| *d as char));
            }
        } else {
            s.push('0');
        }
        if decimals > 0 {
            s.push('.');
            for i in 0..decimals as i32 {
                let at = dp + i;
                s.push(if at >= 0 {
                    digits.get(at as usize).map_or('0', |d| *d as char)
                } else {
                    '0'
                });
            }
        }
        s
    }

    fn exp_form(digits: &[u8], exp: i32, decimals: usize) -> String {
        let mut s = String::new();
        s.push(digits.first().map_or('0', |d| *d as char));
        if decimals > 0 {
            s.push('.');
            for i in 1..=decimals {
                s.push(digits.get(i).map_or('0', |d| *d as char));
            }
        }
        let _ = write!(s, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
        s
    }

    /// Go's strconv.Quote (or QuoteRune with `'`).
    fn quote(s: &str, q: char) -> String {
        let mut out = String::with_capacity(s.len() + 2);
        out.push(q);
        for c in s.chars() {
            match c {
                c if c == q || c == '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                '\x07' => out.push_str("\\a"),
                '\x08' => out.push_str("\\b"),
                '\x0c' => out.push_str("\\f"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\x0b' => out.push_str("\\v"),
                c if c.is_control() && (c as u32) < 0x80 => {
                    let _ = write!(out, "\\x{:02x}", c as u32);
                }
                c if c.is_control() && (c as u32) < 0x10000 => {
                    let _ = write!(out, "\\u{:04x}", c as u32);
                }
                c if c.is_control() => {
                    let _ = write!(out, "\\U{:08x}", c as u32);
                }
                c => out.push(c),
            }
        }
        out.push(q);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn render(src: &str, data: &Value) -> String {
        Template::parse(src)
            .unwrap_or_else(|e| panic!("{src}: {e}"))
            .render(data)
            .unwrap_or_else(|e| panic!("{src}: {e}"))
    }

    fn parse_err(src: &str) -> String {
        Template::parse(src).expect_err(src).to_string()
    }

    fn exec_err(src: &str, data: &Value) -> String {
        Template::parse(src).unwrap().render(data).expect_err(src).to_string()
    }

    fn image() -> Value {
        json!({
            "Repository": "docker.io/library/alpine", "Tag": "latest", "ID": "9c6f07244728", "Size": 8082000,
            "Dangling": false, "RepoTags": ["alpine:latest", "alpine:3"], "Labels": {"foo": "bar", "a b": "c"},
            "Config": {"Cmd": ["/bin/sh", "-c", "echo hi"], "Env": null}, "Ratio": 1.5, "Empty": "",
            "Names": ["x", "y"], "Neg": -42, "Big": 18446744073709551615u64, "Float": 1234567.0
        })
    }

    #[test]
    fn fields_and_text() {
        let d = image();
        assert_eq!(
            render("{{.Repository}}:{{.Tag}} {{.ID}}", &d),
            "docker.io/library/alpine:latest 9c6f07244728"
        );
        assert_eq!(render("{{.Config.Cmd}}", &d), "[/bin/sh -c echo hi]");
        assert_eq!(
            render("{{.Missing}}|{{.Missing.Deeper}}|{{.Config.Env}}", &d),
            "<no value>|<no value>|<no value>"
        );
        assert_eq!(render("{{.repository}}", &d), "<no value>");
        assert_eq!(render("{{.Labels}}", &d), "map[a b:c foo:bar]");
        assert_eq!(
            render("{{.Size}} {{.Neg}} {{.Big}} {{.Ratio}} {{.Float}} {{.Dangling}}", &d),
            "8082000 -42 18446744073709551615 1.5 1.234567e+06 false"
        );
        assert_eq!(render("a\\tb\\nc", &d), "a\tb\nc");
        assert_eq!(render("{{.}}", &json!("plain")), "plain");
        assert_eq!(render("{{.}}", &json!([1, null, "s", [true]])), "[1 <nil> s [true]]");
    }

    #[test]
    fn json_function() {
        let d = image();
        assert_eq!(render("{{json .Config.Cmd}}", &d), r#"["/bin/sh","-c","echo hi"]"#);
        // Keys keep the data's order (structs in Go keep field order; our data come from structs).
        assert_eq!(render("{{json .Labels}}", &d), r#"{"foo":"bar","a b":"c"}"#);
        assert_eq!(render("{{json .Missing}}", &d), "null");
        assert_eq!(render("{{json .}}", &json!("<&>\u{2028}")), "\"<&>\\u2028\"");
    }

    #[test]
    fn control_structures() {
        let d = image();
        assert_eq!(
            render("{{range .RepoTags}}{{.}} {{end}}", &d),
            "alpine:latest alpine:3 "
        );
        assert_eq!(
            render("{{range $i, $e := .RepoTags}}{{$i}}={{$e}};{{end}}", &d),
            "0=alpine:latest;1=alpine:3;"
        );
        assert_eq!(
            render("{{range $k, $v := .Labels}}{{$k}}={{$v}},{{end}}", &d),
            "a b=c,foo=bar,"
        );
        assert_eq!(render("{{range .Nothing}}x{{else}}none{{end}}", &d), "none");
        assert_eq!(render("{{range 3}}{{.}}{{end}}", &d), "012");
        assert_eq!(
            render("{{range .Names}}{{if eq . \"y\"}}{{break}}{{end}}{{.}}{{end}}", &d),
            "x"
        );
        assert_eq!(
            render("{{range .Names}}{{if eq . \"x\"}}{{continue}}{{end}}{{.}}{{end}}", &d),
            "y"
        );
        assert_eq!(render("{{if .Dangling}}x{{else}}y{{end}}", &d), "y");
        assert_eq!(render("{{if .Empty}}a{{else if .Tag}}b{{else}}c{{end}}", &d), "b");
        assert_eq!(render("{{with .Config}}{{.Cmd}}{{end}}", &d), "[/bin/sh -c echo hi]");
        assert_eq!(render("{{with .Empty}}x{{else}}empty{{end}}", &d), "empty");
        assert_eq!(render("{{with .Empty}}x{{else with .Tag}}{{.}}{{end}}", &d), "latest");
        assert_eq!(render("{{range .Names}}{{$.Tag}}{{end}}", &d), "latestlatest");
    }

    #[test]
    fn variables() {
        let d = image();
        assert_eq!(render("{{$x := .Tag}}{{$x}}", &d), "latest");
        assert_eq!(render("{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}", &d), "2");
        assert_eq!(render("{{$x := .Config}}{{$x.Cmd}}", &d), "[/bin/sh -c echo hi]");
        assert!(parse_err("{{if true}}{{$y := 1}}{{end}}{{$y}}").contains("undefined variable \"$y\""));
        assert!(parse_err("{{$z = 1}}").contains("undefined variable"));
    }

    #[test]
    fn trim_markers_and_comments() {
        let d = image();
        assert_eq!(render("a  {{- .Tag -}}  b", &d), "alatestb");
        assert_eq!(render("a {{/* hidden */}} b", &d), "a  b");
        assert_eq!(render("a {{- /* hidden */ -}} b", &d), "ab");
        assert_eq!(render("{{-3}}", &d), "-3");
        assert_eq!(render("{{range .Names -}}\n  {{.}}\n{{- end}}", &d), "xy");
    }

    #[test]
    fn functions() {
        let d = image();
        assert_eq!(render("{{index .Labels \"foo\"}}", &d), "bar");
        assert_eq!(render("{{index .Labels \"nope\"}}", &d), "<no value>");
        assert_eq!(render("{{index .RepoTags 1}}", &d), "alpine:3");
        assert_eq!(render("{{join .Names \",\"}}", &d), "x,y");
        assert_eq!(
            render("{{upper .Tag}} {{lower \"AbC\"}} {{title \"hello wide-world\"}}", &d),
            "LATEST abc Hello Wide-World"
        );
        assert_eq!(render("{{len .RepoTags}} {{len .Tag}} {{len .Labels}}", &d), "2 6 2");
        assert_eq!(render("{{.Size | printf \"%v\"}}", &d), "8082000");
        assert_eq!(render("{{printf \"%s-%d\" .Tag .Size}}", &d), "latest-8082000");
        assert_eq!(render("{{print .Tag 1 2 \"x\"}}", &d), "latest1 2x");
        assert_eq!(render("{{println .Tag 1}}", &d), "latest 1\n");
        assert_eq!(render("{{truncate .ID 4}} [{{pad .Tag 1 2}}]", &d), "9c6f [ latest  ]");
        assert_eq!(render("{{split \"a:b\" \":\"}}", &d), "[a b]");
        assert_eq!(
            render("{{not .Dangling}} {{and 1 0 2}} {{or 0 \"\" .Tag}} {{and 1 2}}", &d),
            "true 0 latest 2"
        );
        assert_eq!(
            render(
                "{{eq .Tag \"x\" \"latest\"}} {{ne 1 2}} {{lt 1 2}} {{ge \"b\" \"a\"}} {{le 1.5 1}}",
                &d
            ),
            "true true true true false"
        );
        assert_eq!(render("{{eq .Size 8082000}} {{eq .Missing nil}}", &d), "true true");
        assert_eq!(render("{{slice .Tag 1 3}} {{slice .Names 1}}", &d), "at [y]");
        assert_eq!(
            render("{{html \"<a&b>\"}} {{urlquery \"a b&c\"}}", &d),
            "&lt;a&amp;b&gt; a+b%26c"
        );
        assert_eq!(render("{{(index .RepoTags 0) | upper}}", &d), "ALPINE:LATEST");
        assert_eq!(render("{{(.Config).Cmd}}", &d), "[/bin/sh -c echo hi]");
        assert_eq!(
            render("{{`raw\\n`}} {{'a'}} {{0x1F}} {{1e3}} {{\"q\\\"\\u00e9\"}}", &d),
            "raw\\n 97 31 1000 q\"é"
        );
        // and/or short-circuit: the erroring index is never evaluated.
        assert_eq!(render("{{or .Tag (index .RepoTags 99)}}", &d), "latest");
    }

    #[test]
    fn printf_verbs() {
        let cases: &[(&str, Value, &str)] = &[
            (
                "%5d|%-5d|%05d|%+d|%x|%X|%#x|%o|%b|%c|%q|%U",
                json!([42, 42, -42, 42, 255, 255, 255, 8, 5, 65, 65, 65]),
                "   42|42   |-0042|+42|ff|FF|0xff|10|101|A|'A'|U+0041",
            ),
            (
                "%s|%q|%10s|%-4s|%.2s|%x",
                json!(["hi", "a\"b\n", "r", "l", "hello", "hi"]),
                "hi|\"a\\\"b\\n\"|         r|l   |he|6869",
            ),
            (
                "%f|%.2f|%e|%g|%v|%8.3f|%G",
                json!([1.5, 2.345, 123456.789, 0.000012, 1e21, 3.25159, 1e-7]),
                "1.500000|2.35|1.234568e+05|1.2e-05|1e+21|   3.252|1E-07",
            ),
            (
                "%t|%v|%v|%T|%T|%T",
                json!([true, null, {"b": 1, "a": [1, 2]}, "s", 1, 1.5]),
                "true|<nil>|map[a:[1 2] b:1]|string|int|float64",
            ),
            ("%d %d", json!([1]), "1 %!d(MISSING)"),
            ("%d", json!([1, "x", 2]), "1%!(EXTRA string=x, int=2)"),
            ("%d|%s|%z", json!(["x", 5, 1]), "%!d(string=x)|%!s(int=5)|%!z(int=1)"),
            ("%s", json!([null]), "%!s(<nil>)"),
            ("%d", json!([["a", 1]]), "[%!d(string=a) 1]"),
            ("100%%", json!([]), "100%"),
            ("%", json!([]), "%!(NOVERB)"),
            ("%*d|%.*f", json!([4, 7, 1, 2.25]), "   7|2.2"),
            ("%9999999d", json!([1]), "%!(BADWIDTH)1"),
        ];
        for (format, args, want) in cases {
            let args = args.as_array().unwrap();
            assert_eq!(gofmt::sprintf(format, args), *want, "{format}");
        }
    }

    #[test]
    fn go_float_formatting() {
        let g = |f: f64| sprint_v(&json!(f));
        assert_eq!(g(1.0), "1");
        assert_eq!(g(100000.0), "100000");
        assert_eq!(g(1000000.0), "1e+06");
        assert_eq!(g(0.0001), "0.0001");
        assert_eq!(g(0.00001), "1e-05");
        assert_eq!(g(-2.5), "-2.5");
        assert_eq!(g(123456789.0), "1.23456789e+08");
        assert_eq!(format_g(5.83, 3), "5.83");
        assert_eq!(format_g(5.8, 3), "5.8");
        assert_eq!(format_g(100.0, 3), "100");
        assert_eq!(format_g(999.9999, 3), "1e+03");
        assert_eq!(format_g(12.345, 3), "12.3");
        assert_eq!(format_g(0.0, 3), "0");
    }

    #[test]
    fn fields_list() {
        let t = Template::parse("{{.Repository}}\t{{.Tag}}\t{{json .Labels}}{{.Tag}}{{range .Names}}{{.Inner}}{{end}}{{if $.Dangling}}{{.Size}}{{end}}").unwrap();
        assert_eq!(t.fields(), ["Repository", "Tag", "Labels", "Names", "Dangling", "Size"]);
        assert_eq!(Template::parse("plain").unwrap().fields(), Vec::<String>::new());
    }

    #[test]
    fn table_mode_turns_text_spaces_into_tabs() {
        let t = Template::parse_table("{{.A}} {{index .L \"x y\"}}\\t{{.B}}").unwrap();
        assert_eq!(
            t.render(&json!({"A": "1", "L": {"x y": "2"}, "B": "3 4"})).unwrap(),
            "1\t2\t3 4"
        );
    }

    #[test]
    fn parse_errors_name_the_position() {
        assert_eq!(parse_err("a\n  {{.Foo"), "template: 2:3: unclosed action");
        assert_eq!(
            parse_err("ab\n{{.Foo }"),
            "template: 2:8: unrecognized character in action: U+007D '}'"
        );
        assert_eq!(parse_err("{{nope .X}}"), "template: 1:3: function \"nope\" not defined");
        assert!(parse_err("{{if .X}}").contains("unexpected EOF"));
        assert!(parse_err("{{end}}").contains("unexpected {{end}}"));
        assert!(parse_err("{{else}}").contains("unexpected {{else}}"));
        assert!(parse_err("{{}}").contains("missing value for command"));
        assert!(parse_err("{{.A | }}").contains("missing command"));
        assert!(parse_err("{{\"abc}}").contains("unterminated quoted string"));
        assert!(parse_err("{{(.A}}").contains("unclosed left paren"));
        assert!(parse_err("{{.A)}}").contains("unexpected right paren"));
        assert!(parse_err("{{/* x").contains("unclosed comment"));
        assert!(parse_err("{{break}}").contains("outside"));
        assert!(parse_err("{{template \"x\"}}").contains("not supported"));
        assert!(parse_err("{{.A | 3}}").contains("non executable command"));
        assert!(parse_err("{{1.2.3}}").contains("bad number syntax"));
        assert!(parse_err("{{.A+}}").contains("bad character"));
        assert!(parse_err("{{$x, $y := .A}}").contains("too many declarations"));
        assert!(parse_err("{{\"\\q\"}}").contains("bad string syntax"));
    }

    #[test]
    fn exec_errors() {
        let d = image();
        assert_eq!(
            exec_err("{{.Tag.X}}", &d),
            "template: 1:3: executing at <.Tag.X>: can't evaluate field X in type string"
        );
        assert!(exec_err("{{index .RepoTags 5}}", &d).contains("error calling index: index out of range: 5"));
        assert!(exec_err("{{index .Missing 0}}", &d).contains("index of untyped nil"));
        assert!(exec_err("{{len .Size}}", &d).contains("len of type int"));
        assert!(exec_err("{{upper .Size}}", &d).contains("expected string"));
        assert!(exec_err("{{len 1 2}}", &d).contains("wrong number of args for len: want 1 got 2"));
        assert!(exec_err("{{eq .Tag 1}}", &d).contains("incompatible types"));
        assert!(exec_err("{{eq .Names .Names}}", &d).contains("non-comparable"));
        assert!(exec_err("{{lt true false}}", &d).contains("invalid type for comparison"));
        assert!(exec_err("{{.Tag 1}}", &d).contains("can't give argument to non-function"));
        assert!(exec_err("{{nil}}", &d).contains("nil is not a command"));
        assert!(exec_err("{{range .Tag}}{{end}}", &d).contains("range can't iterate over latest"));
        assert!(exec_err("{{truncate .Tag -1}}", &d).contains("negative length"));
        assert!(exec_err("{{pad .Tag 99999999 0}}", &d).contains("out of range"));
    }

    #[test]
    fn hostile_input_fails_cleanly() {
        let deep = format!("{{{{{}1{}}}}}", "(".repeat(100_000), ")".repeat(100_000));
        assert!(parse_err(&deep).contains("nested more than"));
        let open = format!("{{{{{}", "(".repeat(100_000));
        assert!(parse_err(&open).contains("unclosed"));
        let ifs = "{{if 1}}".repeat(10_000);
        assert!(parse_err(&ifs).contains("nested more than"));
        assert!(exec_err("{{range 100000000000}}{{end}}", &json!({})).contains("steps"));
        assert!(
            exec_err(
                "{{range 10000000}}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{{end}}",
                &json!({})
            )
            .contains("bytes")
        );
        for src in [
            "{{",
            "}}",
            "{{{",
            "{{.}}}}",
            "{{'",
            "{{'ab'}}",
            "{{`",
            "{{$",
            "{{-",
            "{{- -}}",
            "{{\"\\",
            "é{{é}}",
            "{{.é}}",
            "{{(",
            ")",
            "{{,}}",
            "{{:}}",
            "{{range $a, $b, $c := .}}{{end}}",
            "{{else if 1}}",
            "{{if 1}}{{else}}{{else}}{{end}}",
            "{{0x}}",
            "{{1e999}}",
            "{{99999999999999999999999}}",
        ] {
            if let Ok(t) = Template::parse(src) {
                let _ = t.render(&image());
            }
        }
    }
}
