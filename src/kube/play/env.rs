//! A container's environment as Kubernetes builds it: `envFrom` sources in order, then `env`
//! entries (later wins), values from ConfigMaps, Secrets, the pod's fields and the container's
//! resources, and `$(VAR)` references to variables defined before (`$$` escapes).

use std::collections::BTreeMap;

use super::{Error, Sources};
use crate::kube::model::{Container, ObjectMeta, QuantityValue, ResourceFieldSelector};
use crate::kube::quantity::Quantity;

/// Resolved variables in definition order (a later definition replaces an earlier one in place).
#[derive(Debug, Default)]
pub(super) struct Env {
    pub vars: Vec<(String, String)>,
}

impl Env {
    fn set(&mut self, name: &str, value: String) {
        match self.vars.iter_mut().find(|(k, _)| k == name) {
            Some(slot) => slot.1 = value,
            None => self.vars.push((name.to_string(), value)),
        }
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Expands `$(NAME)` with the variables defined so far; unknown references stay as written
    /// and `$$` is a literal `$`, as the kubelet does.
    pub fn expand(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(i) = rest.find('$') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            if let Some(stripped) = after.strip_prefix('$') {
                out.push('$');
                rest = stripped;
            } else if let Some(body) = after.strip_prefix('(')
                && let Some(end) = body.find(')')
            {
                let name = &body[..end];
                match self.get(name) {
                    Some(value) => out.push_str(value),
                    None => {
                        out.push_str("$(");
                        out.push_str(name);
                        out.push(')');
                    }
                }
                rest = &body[end + 1..];
            } else {
                out.push('$');
                rest = after;
            }
        }
        out.push_str(rest);
        out
    }
}

fn text(bytes: Vec<u8>, what: impl FnOnce() -> String) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|_| Error::Env {
        container: String::new(),
        message: format!("{} is not UTF-8 text", what()),
    })
}

/// The environment of `c` in a pod with `meta`; `all` are the pod's containers (for
/// `resourceFieldRef` naming another one). Names invalid as variables are skipped with a warning.
pub(super) fn resolve(
    c: &Container,
    meta: &ObjectMeta,
    pod_name: &str,
    all: &[&Container],
    sources: &Sources<'_>,
    warnings: &mut Vec<String>,
) -> Result<Env, Error> {
    let fail = |message: String| Error::Env {
        container: c.name.clone(),
        message,
    };
    let with_container = |e: Error| match e {
        Error::Env { message, .. } => fail(message),
        other => other,
    };
    let mut env = Env::default();
    for from in &c.env_from {
        let prefix = from.prefix.as_deref().unwrap_or("");
        let (values, what, name, optional) = if let Some(r) = &from.config_map_ref {
            (sources.config_map(&r.name), "configmap", &r.name, r.optional)
        } else if let Some(r) = &from.secret_ref {
            (sources.secret(&r.name), "secret", &r.name, r.optional)
        } else {
            continue;
        };
        let Some(values) = values else {
            if optional {
                continue;
            }
            return Err(fail(format!("envFrom: {what} {name:?} not found")));
        };
        for (key, value) in values {
            let var = format!("{prefix}{key}");
            if var.is_empty() || var.contains('=') || var.contains('\0') {
                warnings.push(format!(
                    "container {:?}: envFrom {what} {name:?}: key {key:?} is not a valid variable name, skipped",
                    c.name
                ));
                continue;
            }
            let value = text(value, || format!("{what} {name:?} key {key:?}")).map_err(with_container)?;
            env.set(&var, value);
        }
    }
    for e in &c.env {
        let value = match &e.value_from {
            None => env.expand(e.value.as_deref().unwrap_or("")),
            Some(from) => {
                let found = if let Some(r) = &from.config_map_key_ref {
                    key_value(sources.config_map(&r.name), "configmap", &r.name, &r.key, r.optional)
                } else if let Some(r) = &from.secret_key_ref {
                    key_value(sources.secret(&r.name), "secret", &r.name, &r.key, r.optional)
                } else if let Some(f) = &from.field_ref {
                    field_value(&f.field_path, meta, pod_name).map(Some)
                } else if let Some(r) = &from.resource_field_ref {
                    resource_value(r, c, all).map(Some)
                } else {
                    Ok(None)
                };
                match found.map_err(|m| fail(format!("env {}: {m}", e.name)))? {
                    Some(v) => v,
                    None => continue,
                }
            }
        };
        env.set(&e.name, value);
    }
    Ok(env)
}

fn key_value(
    values: Option<BTreeMap<String, Vec<u8>>>,
    what: &str,
    name: &str,
    key: &str,
    optional: bool,
) -> Result<Option<String>, String> {
    let Some(mut values) = values else {
        return if optional {
            Ok(None)
        } else {
            Err(format!("{what} {name:?} not found"))
        };
    };
    match values.remove(key) {
        Some(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| format!("{what} {name:?} key {key:?} is not UTF-8 text")),
        None if optional => Ok(None),
        None => Err(format!("{what} {name:?} has no key {key:?}")),
    }
}

/// The pod fields a manifest may read that are known before the pod runs.
fn field_value(path: &str, meta: &ObjectMeta, pod_name: &str) -> Result<String, String> {
    let indexed = |prefix: &str| {
        path.strip_prefix(prefix)
            .and_then(|r| r.strip_prefix("['").or_else(|| r.strip_prefix("[\"")))
            .and_then(|r| r.strip_suffix("']").or_else(|| r.strip_suffix("\"]")))
    };
    match path {
        "metadata.name" => Ok(pod_name.to_string()),
        "metadata.namespace" => Ok("default".to_string()),
        _ => {
            if let Some(key) = indexed("metadata.labels") {
                Ok(meta.labels.get(key).cloned().unwrap_or_default())
            } else if let Some(key) = indexed("metadata.annotations") {
                Ok(meta.annotations.get(key).cloned().unwrap_or_default())
            } else {
                Err(format!(
                    "fieldRef {path:?} is not supported (supported: metadata.name, metadata.namespace, metadata.labels['KEY'], metadata.annotations['KEY'])"
                ))
            }
        }
    }
}

fn resource_value(r: &ResourceFieldSelector, this: &Container, all: &[&Container]) -> Result<String, String> {
    let target = match r.container_name.as_deref() {
        None | Some("") => this,
        Some(name) => all
            .iter()
            .find(|c| c.name == name)
            .copied()
            .ok_or_else(|| format!("resourceFieldRef names no container {name:?}"))?,
    };
    let (section, resource) = r
        .resource
        .split_once('.')
        .ok_or_else(|| format!("resourceFieldRef resource {:?} is not supported", r.resource))?;
    let resources = target.resources.clone().unwrap_or_default();
    let map = match section {
        "limits" => &resources.limits,
        "requests" => &resources.requests,
        _ => return Err(format!("resourceFieldRef resource {:?} is not supported", r.resource)),
    };
    let Some(q) = map.get(resource) else {
        return Err(format!(
            "resourceFieldRef {:?}: container {:?} sets no {section}.{resource} (ferry does not substitute the host's capacity)",
            r.resource, target.name
        ));
    };
    let one = QuantityValue {
        text: "1".to_string(),
        value: Quantity::parse("1").expect("1 is a quantity"),
    };
    let divisor = r.divisor.as_ref().unwrap_or(&one);
    let err = |e: crate::kube::quantity::Error| e.to_string();
    let (value, per) = match resource {
        "cpu" => (q.nanos().map_err(err)?, divisor.nanos().map_err(err)?),
        "memory" | "ephemeral-storage" => (q.bytes().map_err(err)?, divisor.bytes().map_err(err)?),
        _ => return Err(format!("resourceFieldRef resource {:?} is not supported", r.resource)),
    };
    if per == 0 {
        return Err("resourceFieldRef divisor must not be zero".to_string());
    }
    Ok(value.div_ceil(per).to_string())
}
