//! YAML documents as trees whose every node knows its file, line and column, for front ends that
//! must point at the offending line (Compose files, later Kubernetes manifests).
//!
//! Parsing (saphyr-parser's event stream) resolves anchors, aliases and `<<` merge keys here, and
//! is bounded against hostile input: the input size, the nesting depth and the number of nodes
//! after alias expansion (the "billion laughs") have limits with clear errors. `de` turns a tree
//! into typed values through serde with the location in every error; `emit` writes JSON-shaped
//! values back as YAML.

pub mod de;
pub mod emit;

use std::fmt;
use std::sync::Arc;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

/// Where a node starts: the source's name (usually a path), 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub source: Arc<str>,
    pub line: usize,
    pub col: usize,
}

impl fmt::Display for Mark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.source, self.line)
    }
}

/// One node of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub mark: Mark,
    /// A tag other than the core schema's (e.g. `!reset`), with its handle: the front end decides
    /// what it means. Core tags (`!!str`, `!!int`…) are applied while parsing.
    pub tag: Option<Box<str>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A scalar as written; `plain` scalars are typed on use (`8080`, `true`, `null`), quoted and
    /// block scalars are always strings.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    /// Entries in document order; keys are scalars (complex keys are refused) and unique.
    Map(Vec<(Key, Node)>),
}

/// A mapping key and where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub text: String,
    pub mark: Mark,
}

impl Node {
    pub fn new(value: Value, mark: Mark) -> Node {
        Node { value, mark, tag: None }
    }

    pub fn string(text: impl Into<String>, mark: Mark) -> Node {
        Node::new(
            Value::Scalar {
                text: text.into(),
                plain: false,
            },
            mark,
        )
    }

    pub fn null(mark: Mark) -> Node {
        Node::new(
            Value::Scalar {
                text: String::new(),
                plain: true,
            },
            mark,
        )
    }

    /// Whether the node is YAML's null (`~`, `null`, nothing).
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true } if is_null_text(text))
    }

    /// The text of a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&Vec<(Key, Node)>> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_map_mut(&mut self) -> Option<&mut Vec<(Key, Node)>> {
        match &mut self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&Vec<Node>> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The value under `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?.iter().find(|(k, _)| k.text == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        self.as_map_mut()?
            .iter_mut()
            .find(|(k, _)| k.text == key)
            .map(|(_, v)| v)
    }

    /// Removes and returns the value under `key` in a mapping.
    pub fn remove(&mut self, key: &str) -> Option<(Key, Node)> {
        let entries = self.as_map_mut()?;
        let i = entries.iter().position(|(k, _)| k.text == key)?;
        Some(entries.remove(i))
    }

    /// Sets `key` in a mapping (replacing an existing entry in place).
    pub fn insert(&mut self, key: Key, value: Node) {
        if let Some(entries) = self.as_map_mut() {
            match entries.iter_mut().find(|(k, _)| k.text == key.text) {
                Some(slot) => slot.1 = value,
                None => entries.push((key, value)),
            }
        }
    }

    /// What kind of node this is, for messages.
    pub fn kind(&self) -> &'static str {
        match &self.value {
            Value::Scalar { .. } if self.is_null() => "null",
            Value::Scalar { .. } => "a scalar",
            Value::Seq(_) => "a sequence",
            Value::Map(_) => "a mapping",
        }
    }
}

/// YAML 1.2 core schema's nulls.
pub fn is_null_text(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// Bounds on what a document may cost to load.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Input size in bytes.
    pub max_bytes: usize,
    /// Nesting depth of sequences and mappings.
    pub max_depth: usize,
    /// Nodes in all documents of the input, counting every copy an alias makes.
    pub max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: 8 << 20,
            max_depth: 128,
            max_nodes: 250_000,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{mark}: invalid YAML: {message}")]
    Syntax { mark: Mark, message: String },
    #[error("{file}: file is larger than {limit} bytes")]
    TooLarge { file: Arc<str>, limit: usize },
    #[error("{mark}: nesting is deeper than {limit} levels")]
    TooDeep { mark: Mark, limit: usize },
    #[error("{mark}: document has more than {limit} nodes (after expanding aliases)")]
    TooManyNodes { mark: Mark, limit: usize },
    #[error("{mark}: alias *{name} refers to no anchor defined before it")]
    UnknownAlias { mark: Mark, name: String },
    #[error("{mark}: duplicate key {key:?} (first at line {first})")]
    DuplicateKey { mark: Mark, key: String, first: usize },
    #[error("{mark}: mapping keys must be scalars")]
    ComplexKey { mark: Mark },
    #[error("{mark}: a merge key (<<) takes a mapping or a sequence of mappings, not {found}")]
    BadMerge { mark: Mark, found: &'static str },
    #[error("{mark}: tag {tag} does not apply to {found}")]
    BadTag {
        mark: Mark,
        tag: String,
        found: &'static str,
    },
}

/// Parses every document of `text` (an empty input has none).
pub fn parse(text: &str, source: &str, limits: Limits) -> Result<Vec<Node>, Error> {
    let source: Arc<str> = Arc::from(source);
    if text.len() > limits.max_bytes {
        return Err(Error::TooLarge {
            file: source,
            limit: limits.max_bytes,
        });
    }
    Builder {
        source,
        limits,
        nodes: 0,
        anchors: Vec::new(),
        stack: Vec::new(),
        docs: Vec::new(),
    }
    .run(text)
}

/// Parses a single-document input; an empty input is `None`.
pub fn parse_one(text: &str, source: &str, limits: Limits) -> Result<Option<Node>, Error> {
    let mut docs = parse(text, source, limits)?;
    Ok(if docs.is_empty() {
        None
    } else {
        Some(docs.swap_remove(0))
    })
}

/// A sequence or mapping being built, with the anchor to register when it ends.
struct Open {
    node: Node,
    anchor: usize,
    /// For mappings: the key read, waiting for its value.
    pending_key: Option<Key>,
    /// Nodes inside (for the anchor's cost when an alias copies it).
    size: usize,
}

struct Builder {
    source: Arc<str>,
    limits: Limits,
    nodes: usize,
    /// anchor id → (node, nodes in it); ids are dense small integers from the parser.
    anchors: Vec<Option<(Node, usize)>>,
    stack: Vec<Open>,
    docs: Vec<Node>,
}

impl Builder {
    fn mark(&self, span: &Span) -> Mark {
        Mark {
            source: self.source.clone(),
            line: span.start.line(),
            col: span.start.col() + 1,
        }
    }

    fn run(mut self, text: &str) -> Result<Vec<Node>, Error> {
        let mut parser = Parser::new_from_str(text);
        while let Some(next) = parser.next_event() {
            let (event, span) = next.map_err(|e| Error::Syntax {
                mark: Mark {
                    source: self.source.clone(),
                    line: e.marker().line(),
                    col: e.marker().col() + 1,
                },
                message: e.info().to_string(),
            })?;
            let mark = self.mark(&span);
            match event {
                Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentStart(_) => {}
                Event::DocumentEnd => self.anchors.clear(),
                Event::Alias(id) => {
                    let Some(Some((_, size))) = self.anchors.get(id) else {
                        return Err(Error::UnknownAlias {
                            mark,
                            name: alias_name(text, &span),
                        });
                    };
                    let size = *size;
                    self.count(size, &mark)?;
                    let mut node = self.anchors[id].as_ref().expect("checked above").0.clone();
                    // The copy keeps the anchor's location for its content, but is placed here.
                    node.mark = mark;
                    self.push(node, size)?;
                }
                Event::Scalar(text, style, anchor, tag) => {
                    self.count(1, &mark)?;
                    let plain = style == ScalarStyle::Plain;
                    let mut node = Node::new(
                        Value::Scalar {
                            text: text.into_owned(),
                            plain,
                        },
                        mark,
                    );
                    if let Some(tag) = tag {
                        apply_tag(&mut node, &tag.handle, &tag.suffix)?;
                    }
                    self.anchor(anchor, &node, 1);
                    self.push(node, 1)?;
                }
                Event::SequenceStart(anchor, tag) => self.open(Value::Seq(Vec::new()), anchor, tag, mark)?,
                Event::MappingStart(anchor, tag) => self.open(Value::Map(Vec::new()), anchor, tag, mark)?,
                Event::SequenceEnd | Event::MappingEnd => {
                    let open = self.stack.pop().expect("parser balances collections");
                    let mut node = open.node;
                    if matches!(node.value, Value::Map(_)) {
                        apply_merge_keys(&mut node)?;
                    }
                    self.anchor(open.anchor, &node, open.size);
                    self.push(node, open.size)?;
                }
            }
        }
        Ok(self.docs)
    }

    fn open(
        &mut self,
        value: Value,
        anchor: usize,
        tag: Option<std::borrow::Cow<'_, saphyr_parser::Tag>>,
        mark: Mark,
    ) -> Result<(), Error> {
        self.count(1, &mark)?;
        if self.stack.len() >= self.limits.max_depth {
            return Err(Error::TooDeep {
                mark,
                limit: self.limits.max_depth,
            });
        }
        let mut node = Node::new(value, mark);
        if let Some(tag) = tag {
            apply_tag(&mut node, &tag.handle, &tag.suffix)?;
        }
        self.stack.push(Open {
            node,
            anchor,
            pending_key: None,
            size: 1,
        });
        Ok(())
    }

    fn count(&mut self, n: usize, mark: &Mark) -> Result<(), Error> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > self.limits.max_nodes {
            return Err(Error::TooManyNodes {
                mark: mark.clone(),
                limit: self.limits.max_nodes,
            });
        }
        Ok(())
    }

    fn anchor(&mut self, anchor: usize, node: &Node, size: usize) {
        if anchor == 0 {
            return;
        }
        if self.anchors.len() <= anchor {
            self.anchors.resize(anchor + 1, None);
        }
        self.anchors[anchor] = Some((node.clone(), size));
    }

    /// Adds a finished node to the collection being built, or ends a document.
    fn push(&mut self, node: Node, size: usize) -> Result<(), Error> {
        let Some(open) = self.stack.last_mut() else {
            self.docs.push(node);
            return Ok(());
        };
        open.size += size;
        match &mut open.node.value {
            Value::Seq(items) => items.push(node),
            Value::Map(entries) => match open.pending_key.take() {
                None => {
                    let Value::Scalar { text, .. } = node.value else {
                        return Err(Error::ComplexKey { mark: node.mark });
                    };
                    // A plain null key (`~: x`) is the text as written; Compose has no such keys.
                    if let Some((first, _)) = entries.iter().find(|(k, _)| k.text == text && text != "<<") {
                        return Err(Error::DuplicateKey {
                            first: first.mark.line,
                            mark: node.mark,
                            key: text,
                        });
                    }
                    open.pending_key = Some(Key { text, mark: node.mark });
                }
                Some(key) => entries.push((key, node)),
            },
            Value::Scalar { .. } => unreachable!("only collections are opened"),
        }
        Ok(())
    }
}

fn alias_name(text: &str, span: &Span) -> String {
    let start = span.start.index();
    let end = span.end.index();
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect::<String>()
        .trim_start_matches('*')
        .to_string()
}

/// Applies a tag: the core schema's change how a scalar is typed; others are kept for the caller.
fn apply_tag(node: &mut Node, handle: &str, suffix: &str) -> Result<(), Error> {
    if handle == "tag:yaml.org,2002:" {
        let found = node.kind();
        match (&mut node.value, suffix) {
            (Value::Scalar { plain, .. }, "str") => *plain = false,
            (Value::Scalar { .. }, "int" | "float" | "bool" | "null") => {}
            (Value::Seq(_), "seq") | (Value::Map(_), "map") => {}
            _ => {
                return Err(Error::BadTag {
                    mark: node.mark.clone(),
                    tag: format!("!!{suffix}"),
                    found,
                });
            }
        }
        return Ok(());
    }
    node.tag = Some(format!("{handle}{suffix}").into_boxed_str());
    Ok(())
}

/// Resolves `<<` entries of a finished mapping: keys written in the mapping win, then the merged
/// mappings in the order listed (YAML 1.1's merge key, which Compose files use with anchors).
fn apply_merge_keys(node: &mut Node) -> Result<(), Error> {
    let Value::Map(entries) = &mut node.value else {
        return Ok(());
    };
    if !entries.iter().any(|(k, _)| k.text == "<<") {
        return Ok(());
    }
    let mut explicit = Vec::new();
    let mut merged: Vec<(Key, Node)> = Vec::new();
    for (key, value) in std::mem::take(entries) {
        if key.text != "<<" {
            explicit.push((key, value));
            continue;
        }
        let sources = match value.value {
            Value::Map(m) => vec![m],
            Value::Seq(items) => {
                let mut maps = Vec::new();
                for item in items {
                    let found = item.kind();
                    match item.value {
                        Value::Map(m) => maps.push(m),
                        _ => return Err(Error::BadMerge { mark: item.mark, found }),
                    }
                }
                maps
            }
            Value::Scalar { .. } => {
                return Err(Error::BadMerge {
                    found: value.kind(),
                    mark: value.mark,
                });
            }
        };
        for source in sources {
            for (k, v) in source {
                if !merged.iter().any(|(m, _)| m.text == k.text) {
                    merged.push((k, v));
                }
            }
        }
    }
    merged.retain(|(k, _)| !explicit.iter().any(|(e, _)| e.text == k.text));
    explicit.extend(merged);
    *entries = explicit;
    Ok(())
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.value {
            Value::Scalar { text, .. } => write!(f, "{text:?}"),
            Value::Seq(_) => f.write_str("a sequence"),
            Value::Map(_) => f.write_str("a mapping"),
        }
    }
}

#[cfg(test)]
mod tests;
