//! `ferry network inspect`: Podman 4's JSON for networks.

use anyhow::Result;
use serde_json::{Value, json};

use crate::cli::NetworkInspectArgs;
use crate::commands::{Context, ExitStatus};
use crate::output;
use crate::store::networks::Network;

/// Podman's object for one network (`network inspect`, `network ls --format json`).
pub(crate) fn network_json(net: &Network) -> Value {
    json!({
        "name": net.name,
        "id": net.id,
        "driver": net.driver,
        "network_interface": net.network_interface,
        "created": net.created,
        "subnets": net.subnets,
        "ipv6_enabled": net.ipv6_enabled,
        "internal": net.internal,
        "dns_enabled": net.dns_enabled,
        "labels": net.labels,
        "ipam_options": {"driver": "host-local"},
    })
}

pub fn exec(ctx: &mut Context, args: NetworkInspectArgs) -> Result<ExitStatus> {
    let nets = ctx.store()?.networks();
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for name in &args.names {
        match nets.get(name) {
            Ok(n) => found.push(network_json(&n)),
            Err(e) => errors.push(anyhow::Error::from(e)),
        }
    }
    match args.format.as_deref() {
        None | Some("json") => {
            if !found.is_empty() || errors.is_empty() {
                println!("{}", output::render_one("json", &Value::Array(found))?.trim_end());
            }
        }
        Some(fmt) => {
            for v in &found {
                print!("{}", output::render_one(fmt, &template_fields(v))?);
            }
        }
    }
    crate::commands::report_errors(errors)
}

/// The JSON object with Podman's Go field names added (`{{.Name}}`, `{{.NetworkInterface}}`), so
/// that templates written for Podman work; the JSON names stay usable too.
pub(crate) fn template_fields(v: &Value) -> Value {
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
