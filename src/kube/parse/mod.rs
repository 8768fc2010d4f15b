//! Reading manifests: multi-document YAML from a file, a reader (stdin) or bytes, through the
//! located YAML trees of `crate::yaml` (anchors, merge keys, input limits), into typed objects.
//! Every error names the document (its number and kind/name), the key path and the line.

use std::fmt;
use std::io::Read;
use std::path::Path;

use crate::yaml::de::{Error as TypeError, Segment, from_node};
use crate::yaml::{self, Limits, Mark, Node, Value};

use super::Error;
use super::fields;
use super::model::{ConfigMap, DaemonSet, Deployment, Job, Kind, Object, PersistentVolumeClaim, Pod, Secret, Service};
use super::validate;

/// One object of a manifest with where it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// 1-based position among the input's documents (empty ones count).
    pub number: usize,
    pub mark: Mark,
    pub object: Object,
}

/// The objects of a manifest, in input order, and what was read but not applied.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Manifest {
    pub documents: Vec<Document>,
    pub warnings: Vec<Warning>,
}

/// A field Kubernetes knows that ferry drops (see `kube::fields`).
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub at: Location,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.at, self.message)
    }
}

/// Where in a manifest something is: line, document, object and key path. Displays as a prefix
/// ending in `: `.
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    pub mark: Mark,
    pub document: usize,
    pub kind: Option<String>,
    pub name: Option<String>,
    pub path: String,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: document {}", self.mark, self.document)?;
        match (&self.kind, &self.name) {
            (Some(kind), Some(name)) => write!(f, " ({kind} {name:?})")?,
            (Some(kind), None) => write!(f, " ({kind})")?,
            _ => {}
        }
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        f.write_str(": ")
    }
}

/// Input bounds: Kubernetes' own request limit is 3 MiB; manifests are far smaller.
pub fn limits() -> Limits {
    Limits {
        max_bytes: 4 << 20,
        max_depth: 64,
        max_nodes: 200_000,
    }
}

/// Reads a manifest file.
pub fn parse_file(path: &Path) -> Result<Manifest, Error> {
    let file = std::fs::File::open(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let name = path.display().to_string();
    let bytes = read_bounded(file, &name).map_err(|e| match e {
        ReadError::Io(source) => Error::Read {
            path: path.to_path_buf(),
            source,
        },
        ReadError::Limit(e) => e,
    })?;
    parse_bytes(&bytes, &name)
}

/// Reads a manifest from a reader (`-` for stdin), bounded like a file.
pub fn parse_reader(reader: impl Read, source: &str) -> Result<Manifest, Error> {
    let bytes = read_bounded(reader, source).map_err(|e| match e {
        ReadError::Io(error) => Error::ReadStream {
            source_name: source.to_string(),
            error,
        },
        ReadError::Limit(e) => e,
    })?;
    parse_bytes(&bytes, source)
}

enum ReadError {
    Io(std::io::Error),
    Limit(Error),
}

fn read_bounded(reader: impl Read, source: &str) -> Result<Vec<u8>, ReadError> {
    let limit = limits().max_bytes;
    let mut bytes = Vec::new();
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() > limit {
        return Err(ReadError::Limit(Error::TooLarge {
            source_name: source.to_string(),
            limit,
        }));
    }
    Ok(bytes)
}

/// Reads a manifest from bytes; `source` names it in messages.
pub fn parse_bytes(bytes: &[u8], source: &str) -> Result<Manifest, Error> {
    let text = std::str::from_utf8(bytes).map_err(|_| Error::NotUtf8 {
        source_name: source.to_string(),
    })?;
    parse_str(text, source)
}

/// Reads a manifest from text; `source` names it in messages.
pub fn parse_str(text: &str, source: &str) -> Result<Manifest, Error> {
    let docs = yaml::parse(text, source, limits()).map_err(|error| Error::Yaml {
        document: document_at(text, error_line(&error)),
        error,
    })?;
    let mut manifest = Manifest::default();
    for (i, doc) in docs.into_iter().enumerate() {
        if doc.is_null() {
            continue;
        }
        let (object, warnings) = read_document(doc, i + 1)?;
        manifest.warnings.extend(warnings);
        manifest.documents.push(object);
    }
    Ok(manifest)
}

fn error_line(error: &yaml::Error) -> usize {
    match error {
        yaml::Error::Syntax { mark, .. }
        | yaml::Error::TooDeep { mark, .. }
        | yaml::Error::TooManyNodes { mark, .. }
        | yaml::Error::UnknownAlias { mark, .. }
        | yaml::Error::DuplicateKey { mark, .. }
        | yaml::Error::ComplexKey { mark }
        | yaml::Error::BadMerge { mark, .. }
        | yaml::Error::BadTag { mark, .. } => mark.line,
        yaml::Error::TooLarge { .. } => 1,
    }
}

/// The number of the document holding `line`, from the `---` separators before it (a separator
/// before any content starts the first document).
fn document_at(text: &str, line: usize) -> usize {
    let mut number = 1;
    let mut content = false;
    for (i, l) in text.lines().enumerate() {
        if i + 1 >= line {
            break;
        }
        if l == "---" || l.starts_with("--- ") || l.starts_with("---\t") {
            if content {
                number += 1;
            }
            content = true;
        } else if !l.trim().is_empty() && !l.trim_start().starts_with('#') && !l.starts_with('%') {
            content = true;
        }
    }
    number
}

fn read_document(mut doc: Node, number: usize) -> Result<(Document, Vec<Warning>), Error> {
    let mut at = Location {
        mark: doc.mark.clone(),
        document: number,
        kind: None,
        name: None,
        path: String::new(),
    };
    if !matches!(doc.value, Value::Map(_)) {
        return Err(Error::Invalid {
            message: format!("expected a mapping (a Kubernetes object), found {}", doc.kind()),
            at: Box::new(at),
        });
    }
    let kind_text = match doc.get("kind") {
        None => {
            return Err(Error::Invalid {
                at: Box::new(at),
                message: "missing key \"kind\"".to_string(),
            });
        }
        Some(node) => match &node.value {
            Value::Scalar { text, .. } if !node.is_null() => {
                at.mark = node.mark.clone();
                text.clone()
            }
            _ => {
                return Err(Error::Invalid {
                    at: Box::new(Location {
                        mark: node.mark.clone(),
                        path: "kind".to_string(),
                        ..at
                    }),
                    message: format!("expected a string, found {}", node.kind()),
                });
            }
        },
    };
    at.name = doc
        .get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(|n| n.as_str())
        .map(str::to_string);
    let Some(kind) = Kind::from_name(&kind_text) else {
        at.kind = Some(kind_text.clone());
        return Err(Error::UnsupportedKind {
            at: Box::new(at),
            kind: kind_text,
        });
    };
    at.kind = Some(kind.name().to_string());
    let api_version = doc.get("apiVersion").and_then(|n| n.as_str()).map(str::to_string);
    if api_version.as_deref() != Some(kind.api_version()) {
        let mark = doc.get("apiVersion").map_or(at.mark.clone(), |n| n.mark.clone());
        let message = match api_version {
            None => format!("missing key \"apiVersion\" ({kind} is {})", kind.api_version()),
            Some(found) => format!("{kind} is apiVersion {}, not {found:?}", kind.api_version()),
        };
        return Err(Error::Invalid {
            at: Box::new(Location {
                mark,
                path: "apiVersion".to_string(),
                ..at
            }),
            message,
        });
    }
    let dropped = fields::strip(&mut doc, kind).map_err(|refused| Error::Invalid {
        at: Box::new(Location {
            mark: refused.mark.clone(),
            path: path_text(&refused.path),
            ..at.clone()
        }),
        message: refused.message,
    })?;
    let warnings = dropped
        .into_iter()
        .map(|d| Warning {
            at: Location {
                mark: d.mark,
                path: path_text(&d.path),
                ..at.clone()
            },
            message: d.message,
        })
        .collect();
    let typing = |e: TypeError| Error::Invalid {
        at: Box::new(Location {
            mark: e.mark.clone().unwrap_or_else(|| at.mark.clone()),
            path: e.path_text(),
            ..at.clone()
        }),
        message: e.message,
    };
    let object = match kind {
        Kind::Pod => Object::Pod(from_node::<Pod>(&doc).map_err(typing)?),
        Kind::Deployment => Object::Deployment(from_node::<Deployment>(&doc).map_err(typing)?),
        Kind::DaemonSet => Object::DaemonSet(from_node::<DaemonSet>(&doc).map_err(typing)?),
        Kind::Job => Object::Job(from_node::<Job>(&doc).map_err(typing)?),
        Kind::PersistentVolumeClaim => {
            Object::PersistentVolumeClaim(from_node::<PersistentVolumeClaim>(&doc).map_err(typing)?)
        }
        Kind::ConfigMap => Object::ConfigMap(from_node::<ConfigMap>(&doc).map_err(typing)?),
        Kind::Secret => Object::Secret(from_node::<Secret>(&doc).map_err(typing)?),
        Kind::Service => Object::Service(from_node::<Service>(&doc).map_err(typing)?),
    };
    if let Err(problem) = validate::object(&object) {
        return Err(Error::Invalid {
            at: Box::new(Location {
                mark: locate(&doc, &problem.path).unwrap_or_else(|| at.mark.clone()),
                path: path_text(&problem.path),
                ..at
            }),
            message: problem.message,
        });
    }
    Ok((
        Document {
            number,
            mark: doc.mark.clone(),
            object,
        },
        warnings,
    ))
}

/// The dotted path (`spec.containers[0].image`).
pub fn path_text(path: &[Segment]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Segment::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Segment::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// The line of the deepest node along `path` that exists (a key's own line for mappings); `None`
/// when not even the first key is written (the caller names the object's `kind` line).
fn locate(root: &Node, path: &[Segment]) -> Option<Mark> {
    let mut node = root;
    let mut mark = None;
    for seg in path {
        let next = match (seg, &node.value) {
            (Segment::Key(k), Value::Map(entries)) => entries.iter().find(|(key, _)| &key.text == k).map(|(key, v)| {
                mark = Some(key.mark.clone());
                v
            }),
            (Segment::Index(i), Value::Seq(items)) => items.get(*i).inspect(|item| mark = Some(item.mark.clone())),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => break,
        }
    }
    mark
}

#[cfg(test)]
mod tests;
