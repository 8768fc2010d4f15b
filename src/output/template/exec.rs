//! Execution: walks the node tree over a JSON value, within the step and output bounds.

use super::gofmt::sprint_v;
use super::parse::{Arg, Branch, Command, Node, Pipeline};
use super::{Result, TemplateError, funcs};
use serde_json::Value;

/// Nodes walked plus loop iterations in one render; stops `{{range 100000000000}}`.
const MAX_STEPS: u64 = 5_000_000;
/// Bytes one render may produce.
const MAX_OUTPUT: usize = 64 << 20;

static NULL: Value = Value::Null;

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
pub(super) fn truth(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(m) => !m.is_empty(),
    }
}

pub(super) fn kind(v: &Value) -> &'static str {
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

/// Executes `nodes`, parsed from `src`, with `data` as dot and `$`.
pub(super) fn render(src: &str, nodes: &[Node], data: &Value) -> Result<String> {
    let mut exec = Exec {
        src,
        vars: vec![("$".to_string(), data.clone())],
        out: String::new(),
        steps: 0,
    };
    match exec.walk(data, nodes) {
        Ok(()) => Ok(exec.out),
        Err(Stop::Fail(err)) => Err(err),
        // The parser only accepts break and continue inside range, which catches them.
        Err(Stop::Break | Stop::Continue) => Ok(exec.out),
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
