//! Merging Compose trees (several `-f` files, `extends`), by the Compose Specification's rules:
//! mappings merge key by key, sequences append, scalars are replaced; `command`, `entrypoint` and
//! `healthcheck.test` are replaced; `ports`, `volumes`, `secrets`, `configs` and `devices` are
//! unique by their key (entries with the same key merge); lists-or-mappings (`environment`,
//! `labels`, …) merge as mappings; `!reset` removes a value and `!override` replaces it whole.
//! Works on located trees, so that the typed model's errors still name the right file and line.

use crate::yaml::{Key, Mark, Node, Value};

use super::syntax;

pub const RESET: &str = "!reset";
pub const OVERRIDE: &str = "!override";

#[derive(Debug, thiserror::Error)]
#[error("{mark}: {path}: cannot merge {found} into {existing}")]
pub struct Error {
    pub mark: Mark,
    pub path: String,
    pub found: &'static str,
    pub existing: &'static str,
}

/// How the value at a path merges.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Rule {
    Default,
    Replace,
    /// `[K=V, K2]` or `{K: V}`: merged as a mapping.
    KeyValues,
    /// A list of names or a mapping (null values for list items), merged as a mapping.
    NameMap,
    DependsOn,
    Build,
    /// A scalar or a list; appended without repeating an item.
    UniqueList,
    ExtraHosts,
    Unique(Identity),
    Logging,
    IpamConfig,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Identity {
    Port,
    Volume,
    Secret,
    Config,
    Device,
}

fn rule(path: &[String]) -> Rule {
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    match p.as_slice() {
        ["services", _, "command" | "entrypoint"] | ["services", _, "healthcheck", "test"] => Rule::Replace,
        ["services", _, "build"] => Rule::Build,
        ["services", _, "environment" | "labels" | "sysctls"]
        | ["services", _, "build", "args" | "labels" | "additional_contexts"]
        | ["services", _, "logging", "options"]
        | ["networks" | "volumes", _, "labels" | "driver_opts"] => Rule::KeyValues,
        ["services", _, "networks"] => Rule::NameMap,
        ["services", _, "depends_on"] => Rule::DependsOn,
        ["services", _, "extra_hosts"] => Rule::ExtraHosts,
        [
            "services",
            _,
            "cap_add" | "cap_drop" | "dns" | "dns_opt" | "dns_search" | "tmpfs" | "env_file",
        ]
        | ["services", _, "expose" | "profiles" | "security_opt"]
        | ["services", _, "networks", _, "aliases"] => Rule::UniqueList,
        ["services", _, "ports"] => Rule::Unique(Identity::Port),
        ["services", _, "volumes"] => Rule::Unique(Identity::Volume),
        ["services", _, "secrets"] | ["services", _, "build", "secrets"] => Rule::Unique(Identity::Secret),
        ["services", _, "configs"] => Rule::Unique(Identity::Config),
        ["services", _, "devices"] => Rule::Unique(Identity::Device),
        ["services", _, "logging"] => Rule::Logging,
        ["networks", _, "ipam", "config"] => Rule::IpamConfig,
        _ => Rule::Default,
    }
}

/// Merges `over` onto `base` (`path` is where they are, from the file's root).
pub fn merge(base: Node, over: Node, path: &mut Vec<String>) -> Result<Node, Error> {
    if over.tag.as_deref() == Some(OVERRIDE) {
        return Ok(over);
    }
    match rule(path) {
        Rule::Replace => Ok(over),
        Rule::Build => merge_maps(build_map(base), build_map(over), path),
        Rule::KeyValues => merge_maps(key_values_map(base), key_values_map(over), path),
        Rule::NameMap => merge_maps(names_map(base, false), names_map(over, false), path),
        Rule::DependsOn => merge_maps(names_map(base, true), names_map(over, true), path),
        Rule::UniqueList => Ok(append_unique(to_list(base), to_list(over))),
        Rule::ExtraHosts => Ok(append_unique(hosts_list(base), hosts_list(over))),
        Rule::Unique(identity) => merge_unique(base, over, identity, path),
        Rule::Logging => {
            let driver = |n: &Node| n.get("driver").and_then(Node::as_str).map(str::to_string);
            match (driver(&base), driver(&over)) {
                (Some(a), Some(b)) if a != b => Ok(over),
                _ => default_merge(base, over, path),
            }
        }
        Rule::IpamConfig => merge_by(base, over, path, |n| {
            n.get("subnet").and_then(Node::as_str).map(str::to_string)
        }),
        Rule::Default => default_merge(base, over, path),
    }
}

fn default_merge(base: Node, over: Node, path: &mut Vec<String>) -> Result<Node, Error> {
    match (&base.value, &over.value) {
        (Value::Map(_), Value::Map(_)) => merge_maps(base, over, path),
        (Value::Seq(_), Value::Seq(_)) => {
            let mut base = base;
            if let (Value::Seq(items), Value::Seq(more)) = (&mut base.value, over.value) {
                items.extend(more);
            }
            Ok(base)
        }
        (Value::Map(_), _) | (_, Value::Map(_)) if !over.is_null() && !base.is_null() => Err(Error {
            path: path.join("."),
            found: over.kind(),
            existing: base.kind(),
            mark: over.mark,
        }),
        _ if over.is_null() && matches!(base.value, Value::Map(_)) => Ok(base),
        _ => Ok(over),
    }
}

fn merge_maps(mut base: Node, over: Node, path: &mut Vec<String>) -> Result<Node, Error> {
    let Value::Map(over_entries) = over.value else {
        return default_merge(base, over, path);
    };
    if !matches!(base.value, Value::Map(_)) {
        return Ok(Node {
            value: Value::Map(over_entries),
            ..over
        });
    }
    for (key, value) in over_entries {
        if value.tag.as_deref() == Some(RESET) {
            base.remove(&key.text);
            continue;
        }
        let existing = base.remove_keep_position(&key.text);
        match existing {
            None => base.insert(key, value),
            Some((index, old_key, old)) => {
                path.push(key.text.clone());
                let merged = merge(old, value, path);
                path.pop();
                if let Some(entries) = base.as_map_mut() {
                    entries.insert(index, (old_key, merged?));
                }
            }
        }
    }
    Ok(base)
}

impl Node {
    /// Removes an entry, returning where it was so it can be put back in place.
    fn remove_keep_position(&mut self, key: &str) -> Option<(usize, Key, Node)> {
        let entries = self.as_map_mut()?;
        let i = entries.iter().position(|(k, _)| k.text == key)?;
        let (k, v) = entries.remove(i);
        Some((i, k, v))
    }
}

/// `build: dir` as `build: {context: dir}`.
fn build_map(node: Node) -> Node {
    match &node.value {
        Value::Scalar { .. } if !node.is_null() => {
            let mark = node.mark.clone();
            let key = Key {
                text: "context".to_string(),
                mark: mark.clone(),
            };
            Node {
                value: Value::Map(vec![(key, node)]),
                mark,
                tag: None,
            }
        }
        _ => node,
    }
}

/// `[K=V, K2]` as `{K: V, K2: null}`.
fn key_values_map(node: Node) -> Node {
    let Value::Seq(items) = node.value else { return node };
    let mut entries: Vec<(Key, Node)> = Vec::new();
    for item in items {
        let text = item.as_str().unwrap_or_default().to_string();
        let (k, v) = match text.split_once('=') {
            Some((k, v)) => (k.to_string(), Node::string(v, item.mark.clone())),
            None => (text.clone(), Node::null(item.mark.clone())),
        };
        entries.retain(|(e, _)| e.text != k);
        entries.push((
            Key {
                text: k,
                mark: item.mark.clone(),
            },
            v,
        ));
    }
    Node {
        value: Value::Map(entries),
        ..node
    }
}

/// `[a, b]` as `{a: null, b: null}` (or Docker Compose's defaults for `depends_on`).
fn names_map(node: Node, depends_on: bool) -> Node {
    let Value::Seq(items) = node.value else { return node };
    let entries = items
        .into_iter()
        .map(|item| {
            let mark = item.mark.clone();
            let key = Key {
                text: item.as_str().unwrap_or_default().to_string(),
                mark: mark.clone(),
            };
            let value = if depends_on {
                let field = |k: &str, v: &str| {
                    (
                        Key {
                            text: k.to_string(),
                            mark: mark.clone(),
                        },
                        Node::new(
                            Value::Scalar {
                                text: v.to_string(),
                                plain: true,
                            },
                            mark.clone(),
                        ),
                    )
                };
                Node::new(
                    Value::Map(vec![field("condition", "service_started"), field("required", "true")]),
                    mark.clone(),
                )
            } else {
                Node::null(mark)
            };
            (key, value)
        })
        .collect();
    Node {
        value: Value::Map(entries),
        ..node
    }
}

fn to_list(node: Node) -> Node {
    match node.value {
        Value::Scalar { .. } if node.is_null() => Node {
            value: Value::Seq(Vec::new()),
            ..node
        },
        Value::Scalar { .. } => {
            let mark = node.mark.clone();
            Node::new(Value::Seq(vec![node]), mark)
        }
        _ => node,
    }
}

fn hosts_list(node: Node) -> Node {
    let Value::Map(entries) = node.value else {
        return to_list(node);
    };
    let mut items = Vec::new();
    for (key, value) in entries {
        let ips: Vec<Node> = match value.value {
            Value::Seq(v) => v,
            _ => vec![value],
        };
        for ip in ips {
            let text = format!("{}={}", key.text, ip.as_str().unwrap_or_default());
            items.push(Node::string(text, ip.mark));
        }
    }
    Node {
        value: Value::Seq(items),
        ..node
    }
}

/// Appends the items of `over` that `base` does not already have (scalars compared as text).
fn append_unique(base: Node, over: Node) -> Node {
    let (Value::Seq(_), Value::Seq(more)) = (&base.value, over.value) else {
        return base;
    };
    let mut base = base;
    if let Value::Seq(items) = &mut base.value {
        for item in more {
            let dup = item.as_str().is_some() && items.iter().any(|i| i.as_str() == item.as_str());
            if !dup {
                items.push(item);
            }
        }
    }
    base
}

fn merge_unique(base: Node, over: Node, identity: Identity, path: &mut Vec<String>) -> Result<Node, Error> {
    merge_by(base, over, path, |n| identity_of(n, identity))
}

/// Appends `over`'s items to `base`'s; an item whose key (`key_of`) is already there merges
/// into it (two mappings) or replaces it.
fn merge_by(
    base: Node,
    over: Node,
    path: &mut Vec<String>,
    key_of: impl Fn(&Node) -> Option<String>,
) -> Result<Node, Error> {
    let (Value::Seq(_), Value::Seq(_)) = (&base.value, &over.value) else {
        return default_merge(base, over, path);
    };
    let Value::Seq(more) = over.value else { unreachable!() };
    let mut base = base;
    let Value::Seq(items) = &mut base.value else {
        unreachable!()
    };
    for item in more {
        let key = key_of(&item);
        let slot = key
            .as_ref()
            .and_then(|k| items.iter().position(|i| key_of(i).as_ref() == Some(k)));
        match slot {
            None => items.push(item),
            Some(i) => {
                let old = std::mem::replace(&mut items[i], Node::null(item.mark.clone()));
                items[i] = if matches!((&old.value, &item.value), (Value::Map(_), Value::Map(_))) {
                    merge_maps(old, item, path)?
                } else {
                    item
                };
            }
        }
    }
    Ok(base)
}

/// The key that makes an entry unique in its list (the spec's "unique resources").
fn identity_of(node: &Node, identity: Identity) -> Option<String> {
    let field = |k: &str| node.get(k).and_then(Node::as_str).map(str::to_string);
    match (&node.value, identity) {
        (Value::Scalar { text, .. }, Identity::Port) => match syntax::parse_port(text).ok()?.as_slice() {
            [p] => Some(format!(
                "{}|{}|{}|{}",
                p.host_ip.as_deref().unwrap_or(""),
                p.target,
                p.published.as_deref().unwrap_or(""),
                p.protocol
            )),
            _ => Some(text.clone()),
        },
        (Value::Map(_), Identity::Port) => Some(format!(
            "{}|{}|{}|{}",
            field("host_ip").unwrap_or_default(),
            field("target")?,
            field("published").unwrap_or_default(),
            field("protocol").unwrap_or_else(|| "tcp".to_string())
        )),
        (Value::Scalar { text, .. }, Identity::Volume) => syntax::parse_volume(text).ok().map(|v| v.target),
        (Value::Scalar { text, .. }, Identity::Device) => syntax::parse_device(text).ok().map(|d| d.target),
        (Value::Map(_), Identity::Volume) => field("target"),
        (Value::Map(_), Identity::Device) => field("target").or_else(|| field("source")),
        (Value::Scalar { text, .. }, Identity::Secret) => Some(text.clone()),
        (Value::Map(_), Identity::Secret) => field("target").or_else(|| field("source")),
        (Value::Scalar { text, .. }, Identity::Config) => Some(format!("/{text}")),
        (Value::Map(_), Identity::Config) => field("target").or_else(|| field("source").map(|s| format!("/{s}"))),
        _ => None,
    }
}

/// Applies what is left of `!reset`/`!override` in one tree (a first file may use them too):
/// reset entries are removed, override tags dropped.
pub fn strip_tags(node: &mut Node) {
    node.tag = node.tag.take().filter(|t| &**t != OVERRIDE && &**t != RESET);
    match &mut node.value {
        Value::Map(entries) => {
            entries.retain(|(_, v)| v.tag.as_deref() != Some(RESET));
            for (_, v) in entries {
                strip_tags(v);
            }
        }
        Value::Seq(items) => {
            items.retain(|v| v.tag.as_deref() != Some(RESET));
            for v in items {
                strip_tags(v);
            }
        }
        Value::Scalar { .. } => {}
    }
}

#[cfg(test)]
mod tests;
