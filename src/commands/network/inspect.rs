//! `ferry network inspect`: Podman 4's JSON for networks.

use anyhow::Result;
use serde_json::{Value, json};

use crate::cli::NetworkInspectArgs;
use crate::commands::{Context, ExitStatus};
use crate::output;
use crate::store::Store;
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

/// `NetworkSettings.Networks` of `container inspect` for a container on user-defined networks
/// (None for others): per network its address while it runs, gateway, aliases and id.
pub(crate) fn container_networks_json(store: &Store, id: &str) -> Option<Value> {
    let nets = store.networks();
    let attachments = nets.attachments(id).ok().filter(|a| !a.is_empty())?;
    let mut out = serde_json::Map::new();
    for a in attachments {
        let Ok(net) = nets.get(&a.network) else { continue };
        let lease = nets
            .leases(&net.name)
            .unwrap_or_default()
            .into_iter()
            .find(|l| l.container_id == id);
        let (ip, prefix, gateway) = match (&lease, net.ipv4()) {
            (Some(l), Ok((cidr, gw))) => (l.ip.to_string(), cidr.prefix, gw.to_string()),
            _ => (String::new(), 0, String::new()),
        };
        out.insert(
            net.name.clone(),
            json!({
                "IPAddress": ip,
                "IPPrefixLen": prefix,
                "Gateway": gateway,
                "Aliases": a.aliases,
                "NetworkID": net.id,
            }),
        );
    }
    Some(Value::Object(out))
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
    crate::commands::inspect::report_errors(errors)
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
