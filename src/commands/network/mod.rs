//! The `ferry network …`: one file per verb, and the template fields `inspect` and `ls` share.

pub mod connect;
pub mod create;
pub mod disconnect;
pub mod exists;
pub mod inspect;
pub mod ls;
pub mod prune;
pub mod rm;

use serde_json::Value;

/// The JSON object with Podman's Go field names added (`{{.Name}}`, `{{.NetworkInterface}}`), so
/// that templates written for Podman work; the JSON names stay usable too.
fn template_fields(v: &Value) -> Value {
    let mut out = v.clone();
    let pairs = [
        ("name", "Name"),
        ("id", "ID"),
        ("driver", "Driver"),
        ("network_interface", "NetworkInterface"),
        ("created", "Created"),
        ("subnets", "Subnets"),
        ("ipv6_enabled", "IPv6Enabled"),
        ("internal", "Internal"),
        ("dns_enabled", "DNSEnabled"),
        ("labels", "Labels"),
        ("ipam_options", "IPAMOptions"),
    ];
    if let Value::Object(m) = &mut out {
        for (json_name, go_name) in pairs {
            if let Some(x) = v.get(json_name) {
                m.insert(go_name.to_string(), x.clone());
            }
        }
    }
    out
}
