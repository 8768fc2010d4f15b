//! Relative paths in a Compose tree made absolute against a directory (the project directory,
//! an extended file's directory, an included project's): build contexts and additional
//! contexts, env files, bind-mount sources, secret and config files. `~` is the user's home.

use std::path::{Component, Path, PathBuf};

use crate::yaml::{Node, Value};

/// Makes the relative paths of a whole file's tree absolute.
pub fn resolve_file(root: &mut Node, dir: &Path, home: Option<&Path>) {
    if let Some(services) = root.get_mut("services").and_then(Node::as_map_mut) {
        for (_, service) in services {
            resolve_service(service, dir, home);
        }
    }
    for section in ["secrets", "configs"] {
        if let Some(entries) = root.get_mut(section).and_then(Node::as_map_mut) {
            for (_, object) in entries {
                if let Some(file) = object.get_mut("file") {
                    resolve_scalar(file, dir, home);
                }
            }
        }
    }
}

/// Makes one service's relative paths absolute.
pub fn resolve_service(service: &mut Node, dir: &Path, home: Option<&Path>) {
    if let Some(build) = service.get_mut("build") {
        match &mut build.value {
            Value::Scalar { .. } => resolve_context(build, dir, home),
            Value::Map(_) => {
                if let Some(context) = build.get_mut("context") {
                    resolve_context(context, dir, home);
                }
                if let Some(extra) = build.get_mut("additional_contexts") {
                    match &mut extra.value {
                        Value::Map(entries) => {
                            for (_, v) in entries {
                                resolve_context(v, dir, home);
                            }
                        }
                        Value::Seq(items) => {
                            for item in items {
                                if let Value::Scalar { text, .. } = &mut item.value
                                    && let Some((k, v)) = text.split_once('=')
                                    && is_local(v)
                                {
                                    *text = format!("{k}={}", absolute(v, dir, home));
                                }
                            }
                        }
                        Value::Scalar { .. } => {}
                    }
                }
            }
            Value::Seq(_) => {}
        }
    }
    if let Some(env_file) = service.get_mut("env_file") {
        match &mut env_file.value {
            Value::Scalar { .. } => resolve_scalar(env_file, dir, home),
            Value::Seq(items) => {
                for item in items {
                    match &mut item.value {
                        Value::Scalar { .. } => resolve_scalar(item, dir, home),
                        Value::Map(_) => {
                            if let Some(p) = item.get_mut("path") {
                                resolve_scalar(p, dir, home);
                            }
                        }
                        Value::Seq(_) => {}
                    }
                }
            }
            Value::Map(_) => {}
        }
    }
    if let Some(Value::Seq(volumes)) = service.get_mut("volumes").map(|v| &mut v.value) {
        for volume in volumes {
            resolve_volume(volume, dir, home);
        }
    }
}

fn resolve_volume(volume: &mut Node, dir: &Path, home: Option<&Path>) {
    match &mut volume.value {
        Value::Scalar { text, .. } => {
            // Only a path-like source (`./x:/y`, `~/x:/y`) is relative to the directory.
            let Some((source, rest)) = text.split_once(':') else {
                return;
            };
            if source.starts_with('.') || source.starts_with('~') {
                *text = format!("{}:{rest}", absolute(source, dir, home));
            }
        }
        Value::Map(_) => {
            let is_bind = volume.get("type").and_then(Node::as_str) == Some("bind");
            if is_bind && let Some(source) = volume.get_mut("source") {
                resolve_scalar(source, dir, home);
            }
        }
        Value::Seq(_) => {}
    }
}

/// A build context: a local directory is resolved; URLs and image references stay.
fn resolve_context(node: &mut Node, dir: &Path, home: Option<&Path>) {
    if let Value::Scalar { text, .. } = &mut node.value
        && is_local(text)
    {
        *text = absolute(text, dir, home);
    }
}

fn is_local(context: &str) -> bool {
    !(context.contains("://") || context.starts_with("git@") || context.starts_with("service:"))
}

fn resolve_scalar(node: &mut Node, dir: &Path, home: Option<&Path>) {
    if node.is_null() {
        return;
    }
    if let Value::Scalar { text, .. } = &mut node.value {
        *text = absolute(text, dir, home);
    }
}

/// `path` made absolute against `dir` (or the home directory for `~/…`), lexically cleaned.
pub fn absolute(path: &str, dir: &Path, home: Option<&Path>) -> String {
    let joined = match (path.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => home.join(rest.trim_start_matches('/')),
        _ => dir.join(path),
    };
    clean(&joined).to_string_lossy().into_owned()
}

/// Removes `.` and resolves `..` without touching the filesystem.
pub fn clean(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{Limits, parse_one};

    #[test]
    fn resolves_what_is_a_path_and_nothing_else() {
        let mut root = parse_one(
            "services:\n  a:\n    build: ./app\n    env_file: [.env.a, {path: ../b.env}]\n    volumes:\n      - ./data:/data:ro\n      - named:/n\n      - /abs:/abs\n      - ~/cache:/c\n      - {type: bind, source: src, target: /s}\n      - {type: volume, source: v, target: /v}\n  b:\n    build:\n      context: https://example.com/repo.git\n      additional_contexts: {x: ../x, y: docker-image://alpine}\nsecrets:\n  s: {file: ./secret.txt}\n",
            "f",
            Limits::default(),
        )
        .unwrap()
        .unwrap();
        resolve_file(&mut root, Path::new("/proj"), Some(Path::new("/home/u")));
        let v: serde_json::Value = crate::yaml::de::from_node(&root).unwrap();
        let a = &v["services"]["a"];
        assert_eq!(a["build"], "/proj/app");
        assert_eq!(a["env_file"][0], "/proj/.env.a");
        assert_eq!(a["env_file"][1]["path"], "/b.env");
        assert_eq!(a["volumes"][0], "/proj/data:/data:ro");
        assert_eq!(a["volumes"][1], "named:/n");
        assert_eq!(a["volumes"][2], "/abs:/abs");
        assert_eq!(a["volumes"][3], "/home/u/cache:/c");
        assert_eq!(a["volumes"][4]["source"], "/proj/src");
        assert_eq!(a["volumes"][5]["source"], "v");
        let b = &v["services"]["b"]["build"];
        assert_eq!(b["context"], "https://example.com/repo.git");
        assert_eq!(b["additional_contexts"]["x"], "/x");
        assert_eq!(b["additional_contexts"]["y"], "docker-image://alpine");
        assert_eq!(v["secrets"]["s"]["file"], "/proj/secret.txt");
    }
}
