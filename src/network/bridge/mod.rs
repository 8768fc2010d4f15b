//! User-defined bridge networks at run time: one Linux bridge per network (with nftables NAT out
//! and isolation from other networks), a veth pair per container and network with an address
//! leased from the network's subnet, and name resolution through each container's /etc/hosts,
//! rewritten whenever a container on one of its networks starts or stops.
//!
//! As root the bridges live in the host's network namespace. Rootless they live in one network
//! namespace shared by the user's containers (see [`holder`]), which slirp4netns connects to the
//! outside. The container's own namespace is made by its clone; [`setup`] wires it between clone
//! and exec, [`release`] after the container exited.

pub mod cmd;
pub mod forward;
pub mod holder;

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::Write;
use std::path::PathBuf;

use crate::store::networks::{Attachment, DEFAULT_NETWORK, Lease, Network, NetworkError, check_alias};
use crate::store::{Store, StoreError};
use crate::sys::process::start_time;

/// Host ends of container veths start with this (the holder counts them).
pub const HOST_VETH_PREFIX: &str = "fv";
/// Everything after this line of a container's hosts file is ferry's to rewrite.
const HOSTS_MARKER: &str = "# ferry networks";

#[derive(Debug, thiserror::Error)]
pub enum BridgeError {
    #[error(transparent)]
    Network(#[from] NetworkError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{tool}: {what}: {message}")]
    Tool {
        tool: &'static str,
        what: String,
        message: String,
    },
    #[error("{0} is not installed: user-defined networks need it")]
    Missing(&'static str),
    #[error("the rootless network namespace: {0}")]
    Holder(String),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{0}")]
    Sys(nix::errno::Errno),
    #[error("container {container} is not connected to network {network}")]
    NotConnected { container: String, network: String },
    #[error("container {container} is already connected to network {network}")]
    AlreadyConnected { container: String, network: String },
    #[error(
        "interface {bridge} exists without network {network}'s gateway address: it belongs to something else (recreate the network with another --interface-name)"
    )]
    BridgeTaken { bridge: String, network: String },
    #[error(transparent)]
    Port(#[from] crate::network::PortError),
    #[error("ports on user-defined networks are published on IPv4 addresses only")]
    Ipv6Port,
    #[error("slirp4netns refused to publish port {port}: {message}")]
    Forward { port: u16, message: String },
}

pub type Result<T, E = BridgeError> = std::result::Result<T, E>;

/// The network names `--network` gives, or `None` for one of the built-in modes (none, host,
/// private, pasta, slirp4netns, ns:…, container:…). `bridge` is the default network.
pub fn requested(network: &str) -> Option<Vec<String>> {
    let mode = network.split_once(':').map_or(network, |(m, _)| m);
    if network.contains(':')
        || matches!(
            mode,
            "" | "none" | "host" | "private" | "pasta" | "slirp4netns" | "ns" | "container"
        )
    {
        return None;
    }
    Some(
        network
            .split(',')
            .map(|n| if n == "bridge" { DEFAULT_NETWORK } else { n })
            .map(str::to_string)
            .collect(),
    )
}

/// The built-in mode a container on user-defined networks has underneath: a namespace of its
/// own with no helper (ferry wires it itself); other values are left as they are.
pub fn builtin_mode(network: &str) -> &str {
    if requested(network).is_some() { "none" } else { network }
}

/// Checks that the networks exist and the aliases are valid; returns the attachments to record
/// (network names resolved from id prefixes, each network once).
pub fn resolve(store: &Store, names: &[String], aliases: &[String]) -> Result<Vec<Attachment>> {
    for a in aliases {
        check_alias(a)?;
    }
    let mut out: Vec<Attachment> = Vec::new();
    for n in names {
        let net = store.networks().get(n)?;
        if !out.iter().any(|a| a.network == net.name) {
            out.push(Attachment {
                network: net.name,
                aliases: aliases.to_vec(),
            });
        }
    }
    Ok(out)
}

/// Records a new container's networks.
pub fn record(store: &Store, id: &str, attachments: &[Attachment]) -> Result<()> {
    let nets = store.networks();
    let _l = nets.lock()?;
    nets.write_attachments(id, attachments)?;
    Ok(())
}

/// Whether this process works for a rootless user (in its user namespace, or not root).
fn rootless() -> bool {
    let identity = std::fs::read_to_string("/proc/self/uid_map")
        .map(|m| m.split_whitespace().collect::<Vec<_>>() == ["0", "0", "4294967295"])
        .unwrap_or(false);
    !identity || !nix::unistd::geteuid().is_root()
}

fn open(path: String) -> Result<File> {
    File::open(&path).map_err(|source| BridgeError::Io {
        path: path.into(),
        source,
    })
}

/// Where the bridges are: the host's namespace (None) or the holder's.
struct BridgeNs {
    file: Option<File>,
    /// `/proc/<this>/net/dev` lists its interfaces.
    proc_pid: String,
}

impl BridgeNs {
    /// As root, the host's namespace; rootless, the holder's (started when needed).
    fn get(store: &Store) -> Result<BridgeNs> {
        if !rootless() {
            return Ok(BridgeNs {
                file: None,
                proc_pid: "self".into(),
            });
        }
        let pid = holder::ensure(store)?;
        Ok(BridgeNs {
            file: Some(open(format!("/proc/{pid}/ns/net"))?),
            proc_pid: pid.to_string(),
        })
    }

    /// Rootless, the holder's namespace only if it runs (and is reachable from here).
    fn existing(store: &Store) -> Option<BridgeNs> {
        if !rootless() {
            return Some(BridgeNs {
                file: None,
                proc_pid: "self".into(),
            });
        }
        let pid = holder::live(&store.networks().run_dir())?;
        Some(BridgeNs {
            file: File::open(format!("/proc/{pid}/ns/net")).ok(),
            proc_pid: pid.to_string(),
        })
        .filter(|b| b.file.is_some())
    }

    fn ns(&self) -> cmd::Netns<'_> {
        self.file.as_ref()
    }
}

fn table_name(net: &Network) -> String {
    format!("ferry-{}", net.network_interface)
}

/// Creates the network's bridge with its gateway address and its firewall table, unless the
/// bridge exists.
fn ensure_bridge(net: &Network, at: &BridgeNs) -> Result<()> {
    let b = &net.network_interface;
    let (cidr, gw) = net.ipv4()?;
    if cmd::interfaces(&at.proc_pid).iter().any(|i| i == b) {
        // As root the host's namespace is shared with other stores and programs: only a
        // bridge with this network's gateway address is this network's.
        let what = format!("reading the addresses of {b}");
        let addrs = cmd::run(at.ns(), "ip", &["-o", "-4", "addr", "show", "dev", b], "", &what)?;
        if !addrs.contains(&format!("inet {gw}/{} ", cidr.prefix)) {
            return Err(BridgeError::BridgeTaken {
                bridge: b.clone(),
                network: net.name.clone(),
            });
        }
        return Ok(());
    }
    cmd::ip(
        at.ns(),
        &format!(
            "link add {b} type bridge\naddr add {gw}/{} dev {b}\nlink set {b} up\n",
            cidr.prefix
        ),
        &format!("creating the bridge {b} of network {}", net.name),
    )?;
    // New connections into the network come only from its own members (replies and NAT pass);
    // an internal network also sends nothing out; others masquerade what leaves the subnet.
    let t = table_name(net);
    let mut script = format!(
        "table ip {t} {{}}\ndelete table ip {t}\ntable ip {t} {{\n  chain forward {{\n    type filter hook forward priority filter; policy accept;\n    oifname \"{b}\" iifname != \"{b}\" ct state established,related accept\n    oifname \"{b}\" iifname != \"{b}\" ct status dnat accept\n    oifname \"{b}\" iifname != \"{b}\" drop\n"
    );
    if net.internal {
        script.push_str(&format!("    iifname \"{b}\" oifname != \"{b}\" drop\n  }}\n"));
    } else {
        script.push_str(&format!(
            "  }}\n  chain postrouting {{\n    type nat hook postrouting priority srcnat; policy accept;\n    ip saddr {cidr} ip daddr != {cidr} masquerade\n  }}\n"
        ));
    }
    script.push_str("}\n");
    if let Err(e) = cmd::nft(
        at.ns(),
        &script,
        &format!("setting up the firewall of network {}", net.name),
    ) {
        let _ = cmd::ip(at.ns(), &format!("link del {b}\n"), "");
        return Err(e);
    }
    if !net.internal && at.file.is_none() {
        // Root: the host must route between the bridge and its uplink (the holder enables it in
        // its own namespace).
        std::fs::write("/proc/sys/net/ipv4/ip_forward", "1").map_err(|source| BridgeError::Io {
            path: "/proc/sys/net/ipv4/ip_forward".into(),
            source,
        })?;
    }
    Ok(())
}

/// Deletes the network's bridge and firewall table (best effort).
fn remove_bridge(net: &Network, at: &BridgeNs) {
    let _ = cmd::ip(at.ns(), &format!("link del {}\n", net.network_interface), "");
    let _ = cmd::nft(at.ns(), &format!("delete table ip {}\n", table_name(net)), "");
}

/// One container interface to make.
struct Plug<'a> {
    id: &'a str,
    name: &'a str,
    aliases: &'a [String],
    pid: i32,
    pid_start: u64,
    index: usize,
    default_route: bool,
}

/// Leases an address on `net` and plugs the container into its bridge as `eth<index>`.
fn plug(store: &Store, net: &Network, at: &BridgeNs, ctr_ns: &File, p: &Plug<'_>) -> Result<Lease> {
    let nets = store.networks();
    ensure_bridge(net, at)?;
    let mut leases = nets.leases(&net.name)?;
    leases.retain(|l| l.container_id != p.id);
    let ip = nets.free_address(net, &leases)?;
    let (cidr, gw) = net.ipv4()?;
    let short = &p.id[..9.min(p.id.len())];
    let host_if = format!("{HOST_VETH_PREFIX}{short}{}", p.index);
    let tmp_if = format!("fc{short}{}", p.index);
    let eth = format!("eth{}", p.index);
    // The veth of this container's previous run may still be on its way out with the old
    // namespace.
    let _ = cmd::ip(at.ns(), &format!("link del {host_if}\n"), "");
    cmd::ip(
        at.ns(),
        &format!(
            "link add {host_if} type veth peer name {tmp_if} netns {}\nlink set {host_if} master {} up\n",
            p.pid, net.network_interface
        ),
        &format!("connecting the container to network {}", net.name),
    )?;
    let mut script = format!(
        "link set lo up\nlink set {tmp_if} name {eth}\naddr add {ip}/{} dev {eth}\nlink set {eth} up\n",
        cidr.prefix
    );
    if p.default_route {
        script.push_str(&format!("route add default via {gw}\n"));
    }
    cmd::ip(
        Some(ctr_ns),
        &script,
        &format!("configuring the container's interface on network {}", net.name),
    )?;
    let lease = Lease {
        container_id: p.id.to_string(),
        container_name: p.name.to_string(),
        aliases: p.aliases.to_vec(),
        ip,
        interface: eth,
        host_interface: host_if,
        pid: p.pid,
        pid_start: p.pid_start,
    };
    leases.push(lease.clone());
    nets.write_leases(&net.name, &leases)?;
    Ok(lease)
}

fn container_name(store: &Store, id: &str) -> Result<String> {
    Ok(store
        .containers()
        .list()
        .map_err(NetworkError::from)?
        .into_iter()
        .find(|c| c.id == id)
        .map(|c| c.name)
        .unwrap_or_else(|| id[..12.min(id.len())].to_string()))
}

/// Wires the network namespace of container `id`'s init `pid` (created, not yet exec'd) to its
/// networks, and updates the hosts files of every container on them. Does nothing for a
/// container without networks. Called by the container's supervisor between clone and exec;
/// rootless, in the holder's user namespace (or a new one it then starts a holder in).
pub fn setup(store: &Store, id: &str, pid: i32) -> Result<()> {
    let nets = store.networks();
    let attachments = nets.attachments(id)?;
    if attachments.is_empty() {
        return Ok(());
    }
    let name = container_name(store, id)?;
    let _l = nets.lock()?;
    let at = BridgeNs::get(store)?;
    let ctr_ns = open(format!("/proc/{pid}/ns/net"))?;
    let pid_start = start_time(pid).unwrap_or(0);
    let mut routed = false;
    let mut first: Option<(String, Lease)> = None;
    let mut result = Ok(());
    for (index, a) in attachments.iter().enumerate() {
        let net = match nets.get(&a.network) {
            Ok(n) => n,
            Err(e) => {
                result = Err(e.into());
                break;
            }
        };
        let p = Plug {
            id,
            name: &name,
            aliases: &a.aliases,
            pid,
            pid_start,
            index,
            default_route: !routed && !net.internal,
        };
        match plug(store, &net, &at, &ctr_ns, &p) {
            Ok(lease) => {
                first.get_or_insert((net.network_interface.clone(), lease));
            }
            Err(e) => {
                result = Err(e);
                break;
            }
        }
        routed |= !net.internal;
    }
    if result.is_ok()
        && let Some((bridge, lease)) = &first
    {
        result = forward::publish(store, id, &at, bridge, lease.ip);
    }
    if result.is_err() {
        // The init is killed on error; its interfaces go with its namespace.
        forward::unpublish(store, id, &at);
        drop_leases(store, id, &attachments);
        remove_unused(store, &attachments);
    } else if at.file.is_some() {
        resolver_fallback(store, id)?;
    }
    rewrite_hosts(store, &attachments)?;
    result
}

/// Rootless: a container whose resolv.conf was left without a nameserver (the host has only a
/// loopback stub) asks slirp4netns's forwarder, which its network namespace reaches through
/// tap0.
fn resolver_fallback(store: &Store, id: &str) -> Result<()> {
    let path = store.containers().userdata_dir(id).join("resolv.conf");
    let Ok(current) = std::fs::read_to_string(&path) else {
        return Ok(());
    };
    if current.lines().any(|l| l.trim_start().starts_with("nameserver")) {
        return Ok(());
    }
    write_in_place(path, &format!("{current}nameserver {}\n", crate::network::SLIRP_DNS))
}

fn drop_leases(store: &Store, id: &str, attachments: &[Attachment]) {
    let nets = store.networks();
    for a in attachments {
        if let Ok(mut leases) = nets.leases(&a.network) {
            leases.retain(|l| l.container_id != id);
            let _ = nets.write_leases(&a.network, &leases);
        }
    }
}

/// After container `id` exited: frees its addresses, removes it from the other containers'
/// hosts files, deletes bridges no container uses any more (root) or ends the rootless
/// network namespace once no container uses any network. Best effort: never fails.
pub fn release(store: &Store, id: &str) {
    let nets = store.networks();
    let Ok(attachments) = nets.attachments(id) else { return };
    if attachments.is_empty() {
        return;
    }
    let Ok(_l) = nets.lock() else { return };
    if let Some(at) = BridgeNs::existing(store) {
        forward::unpublish(store, id, &at);
    }
    drop_leases(store, id, &attachments);
    let _ = rewrite_hosts(store, &attachments);
    remove_unused(store, &attachments);
}

/// Deletes the bridges of `attachments`' networks that no container uses any more (root), or
/// ends the rootless network namespace when no container uses any network. The caller holds
/// the network lock.
fn remove_unused(store: &Store, attachments: &[Attachment]) {
    let nets = store.networks();
    let all = nets.list().unwrap_or_default();
    let in_use = |n: &Network| nets.leases(&n.name).is_ok_and(|l| !l.is_empty());
    if rootless() {
        if !all.iter().any(in_use) {
            holder::stop(&nets.run_dir());
        }
        return;
    }
    let at = BridgeNs {
        file: None,
        proc_pid: "self".into(),
    };
    for net in all.iter().filter(|n| attachments.iter().any(|a| a.network == n.name)) {
        if !in_use(net) {
            remove_bridge(net, &at);
        }
    }
}

/// After a network was removed: deletes its bridge and firewall table if they exist.
pub fn forget(store: &Store, net: &Network) {
    if let Some(at) = BridgeNs::existing(store)
        && cmd::interfaces(&at.proc_pid).contains(&net.network_interface)
    {
        remove_bridge(net, &at);
    }
}

/// The hosts-file lines of one container: every container on each of its networks (itself
/// included), by address, with names and aliases.
fn hosts_entries(leases: &BTreeMap<String, Vec<Lease>>, networks: &[String]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for n in networks {
        for l in leases.get(n).into_iter().flatten() {
            let mut names = vec![l.container_name.clone()];
            names.extend(l.aliases.iter().cloned());
            let line = format!("{}\t{}", l.ip, names.join(" "));
            if seen.insert(line.clone()) {
                out.push(line);
            }
        }
    }
    out
}

/// The hosts file `current` with ferry's block replaced by `entries`.
fn with_entries(current: &str, entries: &[String]) -> String {
    let mut out = String::new();
    for line in current.lines() {
        if line == HOSTS_MARKER {
            break;
        }
        out.push_str(line);
        out.push('\n');
    }
    if !entries.is_empty() {
        out.push_str(HOSTS_MARKER);
        out.push('\n');
        for e in entries {
            out.push_str(e);
            out.push('\n');
        }
    }
    out
}

/// Rewrites the hosts files of the containers with a lease on any of `changed`'s networks. A
/// hosts file is bind-mounted into its running container, so it is rewritten in place (same
/// inode), never replaced.
fn rewrite_hosts(store: &Store, changed: &[Attachment]) -> Result<()> {
    let nets = store.networks();
    let mut leases: BTreeMap<String, Vec<Lease>> = BTreeMap::new();
    for n in nets.list()? {
        let l = nets.leases(&n.name)?;
        if !l.is_empty() {
            leases.insert(n.name, l);
        }
    }
    let mut containers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for a in changed {
        for l in leases.get(&a.network).into_iter().flatten() {
            containers.entry(l.container_id.clone()).or_default();
        }
    }
    for (name, ls) in &leases {
        for l in ls {
            if let Some(v) = containers.get_mut(&l.container_id) {
                v.push(name.clone());
            }
        }
    }
    for (id, networks) in containers {
        let path = store.containers().userdata_dir(&id).join("hosts");
        let Ok(current) = std::fs::read_to_string(&path) else {
            continue;
        };
        let text = with_entries(&current, &hosts_entries(&leases, &networks));
        if text != current {
            write_in_place(path, &text)?;
        }
    }
    Ok(())
}

/// `network connect` for a running container (`pid`, its init): plugs it in now.
pub fn connect_running(store: &Store, id: &str, pid: i32, attachment: &Attachment) -> Result<()> {
    let nets = store.networks();
    let net = nets.get(&attachment.network)?;
    let name = container_name(store, id)?;
    let _l = nets.lock()?;
    let at = BridgeNs::get(store)?;
    let ctr_ns = open(format!("/proc/{pid}/ns/net"))?;
    // The next free ethN: interfaces of other networks keep theirs.
    let used: Vec<String> = nets
        .list()?
        .iter()
        .flat_map(|n| nets.leases(&n.name).unwrap_or_default())
        .filter(|l| l.container_id == id)
        .map(|l| l.interface)
        .collect();
    let index = (0..)
        .find(|i| !used.contains(&format!("eth{i}")))
        .expect("a free index");
    let p = Plug {
        id,
        name: &name,
        aliases: &attachment.aliases,
        pid,
        pid_start: start_time(pid).unwrap_or(0),
        index,
        default_route: used.is_empty() && !net.internal,
    };
    plug(store, &net, &at, &ctr_ns, &p)?;
    rewrite_hosts(store, std::slice::from_ref(attachment))
}

/// `network disconnect` for a running container: removes its interface on the network now.
pub fn disconnect_running(store: &Store, id: &str, pid: i32, network: &str) -> Result<()> {
    let nets = store.networks();
    let _l = nets.lock()?;
    let mut leases = nets.leases(network)?;
    if let Some(l) = leases.iter().find(|l| l.container_id == id) {
        let ctr_ns = open(format!("/proc/{pid}/ns/net"))?;
        cmd::ip(
            Some(&ctr_ns),
            &format!("link del {}\n", l.interface),
            &format!("disconnecting from network {network}"),
        )?;
    }
    leases.retain(|l| l.container_id != id);
    nets.write_leases(network, &leases)?;
    let gone = Attachment {
        network: network.to_string(),
        aliases: Vec::new(),
    };
    rewrite_hosts(store, std::slice::from_ref(&gone))?;
    // The container's own file no longer lists the network's members.
    let path = store.containers().userdata_dir(id).join("hosts");
    if let Ok(current) = std::fs::read_to_string(&path) {
        let mut all: BTreeMap<String, Vec<Lease>> = BTreeMap::new();
        let mut mine = Vec::new();
        for n in nets.list()? {
            let l = nets.leases(&n.name)?;
            if l.iter().any(|x| x.container_id == id) {
                mine.push(n.name.clone());
            }
            all.insert(n.name, l);
        }
        write_in_place(path, &with_entries(&current, &hosts_entries(&all, &mine)))?;
    }
    Ok(())
}

/// Rewrites a container's hosts or resolv.conf file in place: it is bind-mounted into the
/// container, so a new file renamed over it would not be seen there.
fn write_in_place(path: PathBuf, text: &str) -> Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|source| BridgeError::Io { path, source })
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;

    use super::*;

    #[test]
    fn network_values() {
        assert_eq!(requested("web"), Some(vec!["web".to_string()]));
        assert_eq!(requested("a,bridge"), Some(vec!["a".to_string(), "podman".to_string()]));
        for builtin in [
            "",
            "none",
            "host",
            "private",
            "pasta",
            "slirp4netns:mtu=1500",
            "ns:/x",
            "container:c",
        ] {
            assert_eq!(requested(builtin), None, "{builtin:?}");
        }
        // Not names, but not built-ins either: `resolve` rejects them.
        assert_eq!(requested("a,,b").map(|v| v.len()), Some(3));
    }

    fn lease(id: &str, name: &str, aliases: &[&str], ip: [u8; 4]) -> Lease {
        Lease {
            container_id: id.into(),
            container_name: name.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            ip: Ipv4Addr::from(ip),
            interface: "eth0".into(),
            host_interface: "fv".into(),
            pid: 1,
            pid_start: 1,
        }
    }

    #[test]
    fn hosts_block() {
        let mut leases = BTreeMap::new();
        leases.insert(
            "a".to_string(),
            vec![
                lease("1", "web", &["www"], [10, 89, 0, 2]),
                lease("2", "cli", &[], [10, 89, 0, 3]),
            ],
        );
        leases.insert("b".to_string(), vec![lease("1", "web", &["www"], [10, 89, 1, 2])]);
        let e = hosts_entries(&leases, &["a".into(), "b".into()]);
        assert_eq!(e, ["10.89.0.2\tweb www", "10.89.0.3\tcli", "10.89.1.2\tweb www"]);
        let base = "127.0.0.1\tlocalhost\n10.0.0.5\tdb\n";
        let once = with_entries(base, &e);
        assert!(once.starts_with(base) && once.contains("# ferry networks\n10.89.0.2\tweb www\n"));
        // Rewriting replaces the block, and an empty block leaves the base.
        assert_eq!(with_entries(&once, &e), once);
        assert_eq!(with_entries(&once, &[]), base);
    }
}
