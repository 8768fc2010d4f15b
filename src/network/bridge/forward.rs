//! Published ports of containers on user-defined networks: nftables DNAT from the host's ports
//! to the container's address on its first network. As root the rules are in the host's
//! namespace (with loopback sources allowed out the bridge, so `localhost:PORT` works too);
//! rootless the holder's slirp4netns forwards each host port to the same port on `tap0` of the
//! shared namespace, where the rules are.

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{BridgeError, BridgeNs, Result, cmd};
use crate::network::{Mode, NetworkConfig, PortMapping, publish};
use crate::store::{Store, atomic};

/// The API socket of the holder's slirp4netns, relative to the networks' run directory (a
/// socket path is limited to 108 bytes; the directory is reached through /proc/self/fd).
pub const API_SOCKET: &str = "rootless-netns.sock";
/// slirp4netns's address in the shared namespace (`--configure`).
const TAP_ADDRESS: &str = "10.0.2.100";

/// The network config of a new container on user-defined networks: its published ports (the
/// `-p` mappings, parsed, and the exposed ones for `-P`), with random host ports chosen and
/// every host port checked free now.
pub fn config<'a>(
    publish: &[PortMapping],
    publish_all: bool,
    exposed: impl IntoIterator<Item = &'a str>,
) -> Result<NetworkConfig> {
    let mut mappings = publish.to_vec();
    if publish_all {
        publish::publish_all(&mut mappings, &publish::exposed_ports(exposed));
    }
    if mappings.iter().any(|m| matches!(m.host_ip, Some(IpAddr::V6(_)))) {
        return Err(BridgeError::Ipv6Port);
    }
    publish::reserve(&mut mappings)?;
    Ok(NetworkConfig {
        mode: Mode::None,
        ports: mappings,
    })
}

fn table(id: &str) -> String {
    format!("ferry-p-{}", &id[..12.min(id.len())])
}

/// slirp4netns forwards to remove when the container stops (`<run>/networks/ports-<id>.json`).
#[derive(Debug, Default, Serialize, Deserialize)]
struct Forwards {
    ids: Vec<u64>,
}

fn forwards_path(store: &Store, id: &str) -> std::path::PathBuf {
    store.networks().run_dir().join(format!("ports-{id}.json"))
}

/// The nft rules that send the host ports of `mappings` to `target`; `from_tap`: only what
/// slirp4netns delivers on tap0 (rootless), else what arrives anywhere or is sent locally (root).
fn rules(id: &str, mappings: &[PortMapping], target: Ipv4Addr, from_tap: bool) -> String {
    let t = table(id);
    let mut pre = String::new();
    let mut out = String::new();
    for m in mappings {
        let daddr = match m.host_ip {
            Some(ip) if !from_tap => format!("ip daddr {ip} "),
            _ => String::new(),
        };
        for (host, ctr) in m.pairs() {
            let rule = format!("{} dport {host} dnat to {target}:{ctr}", m.protocol);
            if from_tap {
                pre.push_str(&format!("    iifname \"tap0\" {rule}\n"));
            } else {
                pre.push_str(&format!("    {daddr}{rule}\n"));
                out.push_str(&format!("    fib daddr type local {daddr}{rule}\n"));
            }
        }
    }
    let mut s = format!(
        "table ip {t} {{}}\ndelete table ip {t}\ntable ip {t} {{\n  chain prerouting {{\n    type nat hook prerouting priority dstnat; policy accept;\n{pre}  }}\n"
    );
    if !from_tap {
        s.push_str(&format!(
            "  chain output {{\n    type nat hook output priority -100; policy accept;\n{out}  }}\n  chain postrouting {{\n    type nat hook postrouting priority srcnat; policy accept;\n    ip saddr 127.0.0.0/8 ip daddr {target} masquerade\n  }}\n"
        ));
    }
    s.push_str("}\n");
    s
}

/// Publishes container `id`'s ports to `target` (its address on its first network, whose
/// bridge is `bridge`). Called under the network lock by `setup`.
pub(super) fn publish(store: &Store, id: &str, at: &BridgeNs, bridge: &str, target: Ipv4Addr) -> Result<()> {
    let dir = store.containers().dir(id);
    let Some(config) = NetworkConfig::load(&dir).ok().flatten() else {
        return Ok(());
    };
    if config.ports.is_empty() {
        return Ok(());
    }
    let rootless = at.file.is_some();
    cmd::nft(
        at.ns(),
        &rules(id, &config.ports, target, rootless),
        "publishing the container's ports",
    )?;
    if !rootless {
        // Connections to localhost:PORT leave through the bridge with a loopback source.
        let p = format!("/proc/sys/net/ipv4/conf/{bridge}/route_localnet");
        std::fs::write(&p, "1").map_err(|source| BridgeError::Io { path: p.into(), source })?;
        return Ok(());
    }
    let mut forwards = Forwards::default();
    let result = (|| {
        for m in &config.ports {
            let host_addr = m.host_ip.map_or_else(|| "0.0.0.0".to_string(), |ip| ip.to_string());
            for (host, _) in m.pairs() {
                let reply = api(
                    store,
                    serde_json::json!({
                        "execute": "add_hostfwd",
                        "arguments": {
                            "proto": m.protocol.to_string(),
                            "host_addr": host_addr,
                            "host_port": host,
                            "guest_addr": TAP_ADDRESS,
                            "guest_port": host,
                        }
                    }),
                )
                .map_err(|message| BridgeError::Forward { port: host, message })?;
                if let Some(n) = reply["return"]["id"].as_u64() {
                    forwards.ids.push(n);
                }
            }
        }
        Ok(())
    })();
    let json = serde_json::to_vec(&forwards).expect("forwards serialize");
    atomic::write_file(&forwards_path(store, id), &json, 0o600)?;
    result
}

/// Removes what [`publish`] set up for container `id` (best effort).
pub(super) fn unpublish(store: &Store, id: &str, at: &BridgeNs) {
    let _ = cmd::nft(at.ns(), &format!("delete table ip {}\n", table(id)), "");
    let path = forwards_path(store, id);
    if let Ok(data) = std::fs::read(&path)
        && let Ok(f) = serde_json::from_slice::<Forwards>(&data)
    {
        for n in f.ids {
            let _ = api(
                store,
                serde_json::json!({"execute": "remove_hostfwd", "arguments": {"id": n}}),
            );
        }
    }
    let _ = std::fs::remove_file(path);
}

/// One request to the holder's slirp4netns API; its reply, or why it failed.
fn api(store: &Store, request: serde_json::Value) -> Result<serde_json::Value, String> {
    let run = store.networks().run_dir();
    let dir = std::fs::File::open(&run).map_err(|e| format!("{}: {e}", run.display()))?;
    let socket = Path::new("/proc/self/fd")
        .join(dir.as_raw_fd().to_string())
        .join(API_SOCKET);
    let mut conn = UnixStream::connect(&socket).map_err(|e| format!("connecting to slirp4netns's API: {e}"))?;
    conn.write_all(request.to_string().as_bytes())
        .and_then(|()| conn.shutdown(std::net::Shutdown::Write))
        .map_err(|e| format!("writing to slirp4netns's API: {e}"))?;
    let mut reply = String::new();
    conn.read_to_string(&mut reply)
        .map_err(|e| format!("reading slirp4netns's reply: {e}"))?;
    let value: serde_json::Value = serde_json::from_str(&reply).map_err(|_| format!("unexpected reply {reply:?}"))?;
    if let Some(err) = value.get("error") {
        return Err(err["desc"].as_str().unwrap_or("unknown error").to_string());
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dnat_rules() {
        let m = publish::parse_publish("127.0.0.1:8080-8081:80-81").unwrap();
        let ip = Ipv4Addr::new(10, 89, 0, 2);
        let root = rules(&"ab".repeat(32), &m, ip, false);
        assert!(root.contains("table ip ferry-p-abababababab {\n"));
        assert!(root.contains("    ip daddr 127.0.0.1 tcp dport 8081 dnat to 10.89.0.2:81\n"));
        assert!(root.contains("fib daddr type local ip daddr 127.0.0.1 tcp dport 8080 dnat to 10.89.0.2:80"));
        assert!(root.contains("ip saddr 127.0.0.0/8 ip daddr 10.89.0.2 masquerade"));
        let m = publish::parse_publish("5353:53/udp").unwrap();
        let rootless = rules("c", &m, ip, true);
        assert!(rootless.contains("iifname \"tap0\" udp dport 5353 dnat to 10.89.0.2:53\n"));
        assert!(!rootless.contains("output") && !rootless.contains("masquerade"));
    }
}
