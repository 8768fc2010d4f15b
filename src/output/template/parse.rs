//! The parser: turns tokens into the node tree that execution walks, checking names and nesting.

use super::lex::{Keyword, Tok, Token, lex};
use super::{Result, TemplateError};
use serde_json::Number;

/// Nesting of blocks and parentheses; deeper formats are refused instead of overflowing the stack.
const MAX_DEPTH: usize = 100;

const FUNCTIONS: &[&str] = &[
    "and", "or", "not", "len", "index", "slice", "print", "printf", "println", "eq", "ne", "lt", "le", "gt", "ge",
    "html", "urlquery", "json", "join", "lower", "upper", "title", "split", "truncate", "pad",
];

#[derive(Debug, Clone)]
pub(super) enum Node {
    Text(String),
    Action(Pipeline),
    If(Box<Branch>),
    Range(Box<Branch>),
    With(Box<Branch>),
    Break,
    Continue,
}

#[derive(Debug, Clone)]
pub(super) struct Branch {
    pub(super) pipe: Pipeline,
    pub(super) list: Vec<Node>,
    pub(super) else_list: Vec<Node>,
}

#[derive(Debug, Clone)]
pub(super) struct Pipeline {
    pub(super) decl: Vec<String>,
    pub(super) is_assign: bool,
    pub(super) cmds: Vec<Command>,
}

#[derive(Debug, Clone)]
pub(super) struct Command {
    pub(super) pos: usize,
    pub(super) text: String,
    pub(super) args: Vec<Arg>,
}

#[derive(Debug, Clone)]
pub(super) enum Arg {
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

/// Lexes and parses `src` into the node tree that execution walks.
pub(super) fn parse(src: &str, table: bool) -> Result<Vec<Node>> {
    let toks = lex(src, table)?;
    let mut parser = Parser {
        src,
        toks,
        i: 0,
        vars: vec!["$".to_string()],
        depth: 0,
        range_depth: 0,
    };
    parser.root()
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

pub(super) fn collect_nodes(nodes: &[Node], out: &mut Vec<String>) {
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
