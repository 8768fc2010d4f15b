//! `include`: other Compose applications loaded as projects of their own (their own project
//! directory and `.env`, the including project's environment taking precedence), whose
//! resources are copied in; a resource defined differently on both sides is an error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::yaml::{Key, Node, Value, de::from_node};

use super::load::{LoadOptions, load_model};
use super::{Error, paths};

const SECTIONS: [&str; 5] = ["services", "networks", "volumes", "secrets", "configs"];

/// The including project, as far as loading an included one needs it.
pub(super) struct Parent<'a> {
    pub opts: &'a LoadOptions,
    pub files: &'a [PathBuf],
    pub environment: &'a BTreeMap<String, String>,
    pub name: &'a str,
}

/// Loads the projects listed by one file's `include` (paths relative to `dir`) into `tree`.
pub(super) fn apply(
    tree: &mut Node,
    list: &Node,
    dir: &Path,
    parent: &Parent<'_>,
    warnings: &mut Vec<String>,
) -> Result<(), Error> {
    let items: Vec<&Node> = match &list.value {
        Value::Seq(items) => items.iter().collect(),
        _ if list.is_null() => Vec::new(),
        _ => {
            return Err(Error::Invalid {
                mark: Some(list.mark.clone()),
                message: format!("include: expected a list, found {}", list.kind()),
            });
        }
    };
    for item in items {
        let entry = Entry::read(item, dir)?;
        let mut stack = parent.opts.include_stack.clone();
        stack.extend(parent.files.iter().cloned());
        if let Some(seen) = entry.paths.iter().find(|p| stack.contains(p)) {
            let mut names: Vec<String> = stack.iter().map(|p| p.display().to_string()).collect();
            names.push(seen.display().to_string());
            return Err(Error::Invalid {
                mark: Some(item.mark.clone()),
                message: format!("include cycle: {}", names.join(" -> ")),
            });
        }
        let opts = LoadOptions {
            files: entry.paths.clone(),
            project_name: Some(parent.name.to_string()),
            project_directory: entry.project_directory.clone(),
            env_files: entry.env_files.clone(),
            profiles: Vec::new(),
            services: Vec::new(),
            interpolate: parent.opts.interpolate,
            environment: parent.environment.clone(),
            working_dir: dir.to_path_buf(),
            stdin: None,
            include_stack: stack,
        };
        let included = load_model(&opts)?;
        warnings.extend(included.warnings);
        let from = entry.paths[0].display().to_string();
        copy_resources(tree, included.tree, &from)?;
    }
    Ok(())
}

struct Entry {
    paths: Vec<PathBuf>,
    project_directory: Option<PathBuf>,
    env_files: Vec<PathBuf>,
}

impl Entry {
    fn read(item: &Node, dir: &Path) -> Result<Entry, Error> {
        let abs = |n: &Node| -> Result<PathBuf, Error> {
            match n.as_str().filter(|_| !n.is_null()) {
                Some(p) => Ok(paths::clean(&dir.join(p))),
                None => Err(Error::Invalid {
                    mark: Some(n.mark.clone()),
                    message: format!("include: expected a path, found {}", n.kind()),
                }),
            }
        };
        let list = |n: &Node| -> Result<Vec<PathBuf>, Error> {
            match &n.value {
                Value::Seq(items) => items.iter().map(abs).collect(),
                _ => Ok(vec![abs(n)?]),
            }
        };
        match &item.value {
            Value::Scalar { .. } => Ok(Entry {
                paths: vec![abs(item)?],
                project_directory: None,
                env_files: Vec::new(),
            }),
            Value::Map(entries) => {
                for (k, _) in entries {
                    if !matches!(k.text.as_str(), "path" | "project_directory" | "env_file") {
                        return Err(Error::Invalid {
                            mark: Some(k.mark.clone()),
                            message: format!("include: unknown key {:?}", k.text),
                        });
                    }
                }
                let Some(path) = item.get("path") else {
                    return Err(Error::Invalid {
                        mark: Some(item.mark.clone()),
                        message: "include: missing key \"path\"".to_string(),
                    });
                };
                let paths = list(path)?;
                if paths.is_empty() {
                    return Err(Error::Invalid {
                        mark: Some(path.mark.clone()),
                        message: "include: path is empty".to_string(),
                    });
                }
                Ok(Entry {
                    paths,
                    project_directory: item.get("project_directory").map(abs).transpose()?,
                    env_files: item.get("env_file").map(list).transpose()?.unwrap_or_default(),
                })
            }
            Value::Seq(_) => Err(Error::Invalid {
                mark: Some(item.mark.clone()),
                message: "include: expected a path or a mapping, found a sequence".to_string(),
            }),
        }
    }
}

/// Adds the included project's resources; the same name defined differently is an error.
fn copy_resources(tree: &mut Node, included: Node, from: &str) -> Result<(), Error> {
    let Value::Map(sections) = included.value else {
        return Ok(());
    };
    for (section_key, section) in sections {
        if !SECTIONS.contains(&section_key.text.as_str()) {
            continue;
        }
        let Value::Map(entries) = section.value else { continue };
        if tree.get(&section_key.text).is_none_or(Node::is_null) {
            tree.insert(
                Key {
                    text: section_key.text.clone(),
                    mark: section_key.mark.clone(),
                },
                Node::new(Value::Map(Vec::new()), section_key.mark.clone()),
            );
        }
        let target = tree.get_mut(&section_key.text).expect("inserted above");
        for (key, value) in entries {
            match target.get(&key.text) {
                None => target.insert(key, value),
                Some(existing) => {
                    let same =
                        from_node::<serde_json::Value>(existing).ok() == from_node::<serde_json::Value>(&value).ok();
                    if !same {
                        return Err(Error::Invalid {
                            mark: Some(existing.mark.clone()),
                            message: format!(
                                "{}.{} conflicts with the one defined by the included {from}",
                                section_key.text, key.text
                            ),
                        });
                    }
                }
            }
        }
    }
    Ok(())
}
