//! The typed parts of a container's inspect object (Podman's shape: serialised with
//! `serde_json`, it is the JSON `container inspect` prints).

use std::collections::BTreeMap;

use oci_spec::runtime::Spec;
use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::Value;

use super::error::Result;
use super::list::{ContainerSummary, status_name, summary};
use crate::store::Store;
use crate::store::containers::Status;
use crate::store::volumes::{MountKind, MountRecord};

/// Go's zero time, which Podman shows for times that never happened.
const ZERO_TIME: &str = "0001-01-01T00:00:00Z";

/// A JSON object whose keys keep the order they were found in.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderedMap<V>(pub Vec<(String, V)>);

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        OrderedMap(Vec::new())
    }
}

impl<V> OrderedMap<V> {
    /// Adds `key`, or replaces its value where it is (as a JSON object keeps one of each key).
    pub fn insert(&mut self, key: String, value: V) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((key, value)),
        }
    }
}

impl<V: Serialize> Serialize for OrderedMap<V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// One entry of `Mounts`: a bind mount, volume or image mount, as Podman shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MountPoint {
    #[serde(rename = "Type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub source: String,
    pub destination: String,
    pub driver: &'static str,
    pub mode: String,
    pub options: Vec<String>,
    #[serde(rename = "RW")]
    pub rw: bool,
    pub propagation: String,
}

/// One entry of `NetworkSettings.Networks` (user-defined networks).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkEndpoint {
    /// Its address while it runs, else empty.
    #[serde(rename = "IPAddress")]
    pub ip_address: String,
    #[serde(rename = "IPPrefixLen")]
    pub ip_prefix_len: u8,
    #[serde(rename = "Gateway")]
    pub gateway: String,
    #[serde(rename = "Aliases")]
    pub aliases: Vec<String>,
    #[serde(rename = "NetworkID")]
    pub network_id: String,
}

/// The container's mounts as resolved at creation (none when unreadable).
fn mount_records(store: &Store, id: &str) -> Vec<MountRecord> {
    store.volumes().read_mounts(id).unwrap_or_default()
}

/// `Mounts`: binds, volumes and image mounts (not tmpfs).
pub fn mounts(store: &Store, id: &str) -> Vec<MountPoint> {
    mount_records(store, id)
        .iter()
        .filter(|m| m.kind != MountKind::Tmpfs)
        .map(|m| {
            let kind = match m.kind {
                MountKind::Volume => "volume",
                MountKind::Image => "image",
                _ => "bind",
            };
            let options = m
                .options
                .iter()
                .filter(|o| {
                    !matches!(o.as_str(), "ro" | "rw" | "userxattr" | crate::runtime::mounts::COPY)
                        && *o != m.propagation()
                        && !o.starts_with("lowerdir=")
                })
                .cloned()
                .collect();
            MountPoint {
                kind,
                name: m.name.clone(),
                // An image mount's source is the image, as Podman shows it.
                source: m.image.clone().unwrap_or_else(|| m.source.display().to_string()),
                destination: m.destination.clone(),
                driver: if m.kind == MountKind::Volume { "local" } else { "" },
                mode: String::new(),
                options,
                rw: !m.readonly(),
                propagation: m.propagation().to_string(),
            }
        })
        .collect()
}

/// Options as Podman lists them in `HostConfig`: without ferry's own markers.
fn shown_options(m: &MountRecord) -> String {
    let opts: Vec<&str> = m
        .options
        .iter()
        .map(String::as_str)
        .filter(|o| !matches!(*o, crate::runtime::mounts::COPY | crate::runtime::mounts::TMPCOPYUP))
        .collect();
    opts.join(",")
}

/// `HostConfig.Binds`: `SOURCE:DESTINATION:OPTIONS` of bind mounts and volumes (by name).
pub fn binds(store: &Store, id: &str) -> Vec<String> {
    mount_records(store, id)
        .iter()
        .filter(|m| matches!(m.kind, MountKind::Bind | MountKind::Volume))
        .map(|m| {
            let source = m.name.clone().unwrap_or_else(|| m.source.display().to_string());
            format!("{source}:{}:{}", m.destination, shown_options(m))
        })
        .collect()
}

/// `HostConfig.Tmpfs`: destination → options.
pub fn tmpfs(store: &Store, id: &str) -> OrderedMap<String> {
    let mut out = OrderedMap::default();
    for m in mount_records(store, id).iter().filter(|m| m.kind == MountKind::Tmpfs) {
        out.insert(m.destination.clone(), shown_options(m));
    }
    out
}

/// `NetworkSettings.Networks` for a container on user-defined networks (None for others): per
/// network its address while it runs, gateway, aliases and id.
pub fn networks(store: &Store, id: &str) -> Option<OrderedMap<NetworkEndpoint>> {
    let nets = store.networks();
    let attachments = nets.attachments(id).ok().filter(|a| !a.is_empty())?;
    let mut out = OrderedMap::default();
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
            NetworkEndpoint {
                ip_address: ip,
                ip_prefix_len: prefix,
                gateway,
                aliases: a.aliases,
                network_id: net.id,
            },
        );
    }
    Some(out)
}

/// Podman's `container inspect` object for one container.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ContainerInspect {
    pub id: String,
    pub created: String,
    pub path: String,
    pub args: Vec<String>,
    pub state: InspectState,
    pub image: String,
    pub image_digest: String,
    pub image_name: String,
    pub rootfs: String,
    #[serde(rename = "OCIConfigPath")]
    pub oci_config_path: String,
    /// ferry-specific: the OCI runtime spec the container runs with (null when unreadable).
    #[serde(rename = "OCISpec")]
    pub oci_spec: Value,
    pub resolv_conf_path: String,
    pub hostname_path: String,
    pub hosts_path: String,
    pub name: String,
    pub restart_count: u32,
    pub driver: &'static str,
    pub mount_label: String,
    pub process_label: String,
    pub mounts: Vec<MountPoint>,
    pub config: InspectConfig,
    pub network_settings: InspectNetworkSettings,
    pub host_config: InspectHostConfig,
    pub effective_caps: Vec<String>,
    pub graph_driver: GraphDriver,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InspectState {
    pub oci_version: String,
    pub status: &'static str,
    pub running: bool,
    pub paused: bool,
    pub restarting: bool,
    #[serde(rename = "OOMKilled")]
    pub oom_killed: bool,
    pub dead: bool,
    pub pid: i32,
    pub exit_code: i32,
    pub error: String,
    pub started_at: String,
    pub finished_at: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InspectConfig {
    pub hostname: String,
    pub user: String,
    pub env: Vec<String>,
    /// The spec keeps entrypoint and command as one argument list.
    pub cmd: Vec<String>,
    pub image: String,
    pub working_dir: String,
    pub tty: bool,
    pub open_stdin: bool,
    pub entrypoint: Vec<String>,
    pub labels: serde_json::Map<String, Value>,
    pub annotations: BTreeMap<String, String>,
    pub stop_signal: String,
    pub stop_timeout: u32,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InspectNetworkSettings {
    pub ports: BTreeMap<String, Vec<Value>>,
    pub networks: OrderedMap<NetworkEndpoint>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InspectHostConfig {
    pub network_mode: &'static str,
    pub port_bindings: BTreeMap<String, Vec<Value>>,
    pub privileged: bool,
    pub readonly_rootfs: bool,
    /// As Podman: 0 for no limit.
    pub pids_limit: i64,
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub security_opt: Vec<String>,
    pub ulimits: Vec<Ulimit>,
    pub auto_remove: bool,
    pub binds: Vec<String>,
    pub tmpfs: OrderedMap<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Ulimit {
    pub name: String,
    pub soft: u64,
    pub hard: u64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GraphDriver {
    pub name: &'static str,
    pub data: GraphDriverData,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GraphDriverData {
    pub upper_dir: String,
    pub work_dir: String,
    pub merged_dir: String,
}

fn caps_of(spec: &Spec) -> Vec<String> {
    let mut caps: Vec<String> = spec
        .process()
        .as_ref()
        .and_then(|p| p.capabilities().as_ref())
        .and_then(|c| c.bounding().as_ref())
        .map(|b| b.iter().map(|c| c.to_string()).collect())
        .unwrap_or_default();
    caps.sort();
    caps
}

/// `--privileged` leaves no masked paths (the trace it leaves in the spec of a container created
/// before its run settings recorded it).
fn privileged(spec: Option<&Spec>) -> bool {
    spec.and_then(|sp| sp.linux().as_ref())
        .is_some_and(|l| l.masked_paths().as_ref().is_none_or(|m| m.is_empty()))
}

/// The inspect object of the container `name` (a name, id or unique id prefix).
pub fn inspect(store: &Store, name: &str) -> Result<ContainerInspect> {
    let rec = store.containers().lookup(name)?;
    Ok(inspect_summary(store, &summary(store, rec)?))
}

/// The inspect object of a container already read.
pub fn inspect_summary(store: &Store, f: &ContainerSummary) -> ContainerInspect {
    let r = &f.record;
    let s = &f.state;
    let containers = store.containers();
    let spec = super::read_spec(store, &r.id).ok();
    let process = spec.as_ref().and_then(|sp| sp.process().clone());
    let args = &f.command;
    let env = process.as_ref().and_then(|p| p.env().clone()).unwrap_or_default();
    let cwd = process
        .as_ref()
        .map(|p| p.cwd().display().to_string())
        .unwrap_or_default();
    let user = process
        .as_ref()
        .map(|p| format!("{}:{}", p.user().uid(), p.user().gid()))
        .unwrap_or_default();
    let annotations: BTreeMap<String, String> = spec
        .as_ref()
        .and_then(|sp| sp.annotations().clone())
        .map(|a| a.into_iter().collect())
        .unwrap_or_default();
    let hostname = spec.as_ref().and_then(|sp| sp.hostname().clone()).unwrap_or_default();
    let read_only = spec
        .as_ref()
        .and_then(|sp| sp.root().as_ref())
        .and_then(|root| root.readonly())
        .unwrap_or(false);
    let namespaces = spec
        .as_ref()
        .and_then(|sp| sp.linux().as_ref())
        .and_then(|l| l.namespaces().clone())
        .unwrap_or_default();
    let user_networks = networks(store, &r.id);
    let network_mode = if user_networks.is_some() {
        "bridge"
    } else if let Some(n) = &f.network {
        n.mode.name()
    } else if namespaces
        .iter()
        .any(|n| n.typ() == oci_spec::runtime::LinuxNamespaceType::Network)
    {
        "bridge"
    } else {
        "host"
    };
    let no_new_privs = process.as_ref().and_then(|p| p.no_new_privileges()).unwrap_or(false);
    let mut security_opt = Vec::new();
    if no_new_privs {
        security_opt.push("no-new-privileges".to_string());
    }
    let seccomp = spec
        .as_ref()
        .and_then(|sp| sp.linux().as_ref())
        .is_some_and(|l| l.seccomp().is_some());
    if !seccomp {
        security_opt.push("seccomp=unconfined".to_string());
    }
    let ulimits = process
        .as_ref()
        .and_then(|p| p.rlimits().clone())
        .unwrap_or_default()
        .iter()
        .map(|rl| Ulimit {
            name: format!("{:?}", rl.typ()).to_uppercase(),
            soft: rl.soft(),
            hard: rl.hard(),
        })
        .collect();
    let settings = containers.read_settings(&r.id).unwrap_or_default();
    let ports = crate::network::publish::inspect_map(f.ports());
    let stop_signal = nix::sys::signal::Signal::try_from(settings.stop_signal)
        .map(|sig| sig.as_str().to_string())
        .unwrap_or_else(|_| settings.stop_signal.to_string());
    ContainerInspect {
        id: r.id.clone(),
        created: r.created.clone(),
        path: args.first().cloned().unwrap_or_default(),
        args: args.iter().skip(1).cloned().collect(),
        state: InspectState {
            oci_version: spec.as_ref().map(|sp| sp.version().clone()).unwrap_or_default(),
            status: status_name(s),
            running: s.status == Status::Running,
            paused: false,
            restarting: false,
            oom_killed: false,
            dead: false,
            pid: s.pid.unwrap_or(0),
            exit_code: s.exit_code.unwrap_or(0),
            error: String::new(),
            started_at: s.started_at.clone().unwrap_or_else(|| ZERO_TIME.to_string()),
            finished_at: s.finished_at.clone().unwrap_or_else(|| ZERO_TIME.to_string()),
        },
        image: r.image_id.hex().to_string(),
        image_digest: r.image_id.to_string(),
        image_name: r.image_name.clone(),
        rootfs: String::new(),
        oci_config_path: containers.config_path(&r.id).display().to_string(),
        oci_spec: spec
            .as_ref()
            .and_then(|sp| serde_json::to_value(sp).ok())
            .unwrap_or(Value::Null),
        resolv_conf_path: containers.userdata_dir(&r.id).join("resolv.conf").display().to_string(),
        hostname_path: containers.userdata_dir(&r.id).join("hostname").display().to_string(),
        hosts_path: containers.userdata_dir(&r.id).join("hosts").display().to_string(),
        name: r.name.clone(),
        restart_count: 0,
        driver: "overlay",
        mount_label: String::new(),
        process_label: String::new(),
        mounts: mounts(store, &r.id),
        config: InspectConfig {
            hostname,
            user,
            env,
            cmd: args.clone(),
            image: r.image_name.clone(),
            working_dir: cwd,
            tty: process.as_ref().and_then(|p| p.terminal()).unwrap_or(false),
            open_stdin: settings.interactive,
            entrypoint: Vec::new(),
            labels: f.labels.clone(),
            annotations,
            stop_signal,
            stop_timeout: settings.stop_timeout,
        },
        network_settings: InspectNetworkSettings {
            ports: ports.clone(),
            networks: user_networks.unwrap_or_default(),
        },
        host_config: InspectHostConfig {
            network_mode,
            port_bindings: ports,
            privileged: settings.privileged || privileged(spec.as_ref()),
            readonly_rootfs: read_only,
            pids_limit: spec
                .as_ref()
                .and_then(|sp| sp.linux().as_ref())
                .and_then(|l| l.resources().as_ref())
                .and_then(|r| r.pids().as_ref())
                .map_or(0, |p| p.limit().max(0)),
            cap_add: Vec::new(),
            cap_drop: Vec::new(),
            security_opt,
            ulimits,
            auto_remove: settings.remove,
            binds: binds(store, &r.id),
            tmpfs: tmpfs(store, &r.id),
        },
        effective_caps: spec.as_ref().map(caps_of).unwrap_or_default(),
        graph_driver: GraphDriver {
            name: "overlay",
            data: GraphDriverData {
                upper_dir: containers.diff_dir(&r.id).display().to_string(),
                work_dir: containers.work_dir(&r.id).display().to_string(),
                merged_dir: containers.merged_dir(&r.id).display().to_string(),
            },
        },
    }
}

/// The ports the container `name` publishes.
pub fn ports(store: &Store, name: &str) -> Result<Vec<crate::network::PortMapping>> {
    let containers = store.containers();
    let rec = containers.lookup(name)?;
    Ok(crate::network::NetworkConfig::load(&containers.dir(&rec.id))?
        .map(|n| n.ports)
        .unwrap_or_default())
}
