//! Kubernetes YAML text: one document per object after a comment naming the writer, keys in
//! the order `kubectl get -o yaml` and `podman kube generate` print them (sorted at every level,
//! which puts apiVersion, kind, metadata, spec first).

use serde_json::Value;

use super::model::Object;

/// The documents for `objects`, separated by `---`, after a comment naming ferry's `version`.
pub fn manifest(objects: &[Object], version: &str) -> String {
    let mut out = format!(
        "# Kubernetes objects written by ferry {version}.\n# Create them in a cluster with `kubectl create -f FILE`.\n"
    );
    for (i, object) in objects.iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        out.push_str(&document(object));
    }
    out
}

/// One object's YAML, without header or separator.
pub fn document(object: &Object) -> String {
    crate::yaml::emit::to_string(&sorted(object.to_json()))
}

fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}
