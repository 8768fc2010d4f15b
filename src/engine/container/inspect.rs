//! The typed parts of a container's inspect object (Podman's shape: serialised with
//! `serde_json`, it is the JSON `container inspect` prints).

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::store::Store;
use crate::store::volumes::{MountKind, MountRecord};

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
