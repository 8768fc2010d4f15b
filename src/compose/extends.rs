//! `extends`: a service built on another one, from the same file or another file (whose relative
//! paths are resolved against its own directory), merged by the same rules as `-f` files, with
//! chains followed and cycles refused.

use std::path::{Path, PathBuf};

use crate::yaml::{Node, Value};

use super::load::Reader;
use super::{Error, merge, paths};

/// Resolves `extends` in every service of one document.
pub(super) fn resolve(doc: &mut Node, file: &Path, reader: &mut Reader<'_>) -> Result<(), Error> {
    let Some(services) = doc.get("services").cloned() else {
        return Ok(());
    };
    let Some(entries) = services.as_map() else {
        return Ok(());
    };
    for (key, service) in entries {
        if service.get("extends").is_none() {
            continue;
        }
        let mut chain = vec![(file.to_path_buf(), key.text.clone())];
        let resolved = resolve_service(service.clone(), &key.text, file, &services, reader, &mut chain)?;
        if let Some(slot) = doc.get_mut("services").and_then(|s| s.get_mut(&key.text)) {
            *slot = resolved;
        }
    }
    Ok(())
}

/// One service with its `extends` chain applied. `services` is the mapping of its file.
fn resolve_service(
    mut service: Node,
    name: &str,
    file: &Path,
    services: &Node,
    reader: &mut Reader<'_>,
    chain: &mut Vec<(PathBuf, String)>,
) -> Result<Node, Error> {
    let Some((_, spec)) = service.remove("extends") else {
        return Ok(service);
    };
    let invalid = |message: String| Error::Invalid {
        mark: Some(spec.mark.clone()),
        message,
    };
    let (base_name, base_file) = match &spec.value {
        Value::Scalar { text, .. } if !spec.is_null() => (text.clone(), None),
        Value::Map(_) => {
            for (k, _) in spec.as_map().into_iter().flatten() {
                if k.text != "service" && k.text != "file" {
                    return Err(Error::Invalid {
                        mark: Some(k.mark.clone()),
                        message: format!("services.{name}.extends: unknown key {:?}", k.text),
                    });
                }
            }
            let Some(base) = spec.get("service").and_then(Node::as_str) else {
                return Err(invalid(format!("services.{name}.extends: missing key \"service\"")));
            };
            let file = spec.get("file").and_then(Node::as_str).map(str::to_string);
            (base.to_string(), file)
        }
        _ => {
            return Err(invalid(format!(
                "services.{name}.extends: expected a service name or a mapping, found {}",
                spec.kind()
            )));
        }
    };
    let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
    let (base_path, base_services) = match base_file {
        None => (file.to_path_buf(), services.clone()),
        Some(f) => {
            let path = PathBuf::from(paths::absolute(&f, &dir, reader.home.as_deref()));
            let mut merged: Option<Node> = None;
            for mut doc in reader.parse(&path)? {
                reader.prepare(&mut doc)?;
                let s = doc.remove("services").map(|(_, s)| s);
                merged = match (merged, s) {
                    (None, s) => s,
                    (Some(a), Some(b)) => Some(merge::merge(a, b, &mut vec!["services".to_string()])?),
                    (a, None) => a,
                };
            }
            let services = merged.unwrap_or_else(|| Node::null(spec.mark.clone()));
            (path, services)
        }
    };
    let link = (base_path.clone(), base_name.clone());
    if chain.contains(&link) {
        let mut names: Vec<String> = chain.iter().map(|(_, s)| s.clone()).collect();
        names.push(base_name);
        return Err(invalid(format!("circular extends: {}", names.join(" -> "))));
    }
    let Some(base) = base_services.get(&base_name).cloned() else {
        return Err(invalid(format!(
            "services.{name}.extends: no service {base_name:?} in {}",
            base_path.display()
        )));
    };
    chain.push(link);
    let mut base = resolve_service(base, &base_name, &base_path, &base_services, reader, chain)?;
    chain.pop();
    if base_path != file {
        paths::resolve_service(
            &mut base,
            base_path.parent().unwrap_or(Path::new("/")),
            reader.home.as_deref(),
        );
    }
    merge::strip_tags(&mut base);
    let mut path = vec!["services".to_string(), name.to_string()];
    Ok(merge::merge(base, service, &mut path)?)
}
