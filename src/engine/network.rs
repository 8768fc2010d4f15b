//! Network operations on user-defined bridge networks: create, inspect, list with filters,
//! remove, prune, connect and disconnect. Typed options in, typed reports out; multi-network
//! operations report per network. Rootless, the bridges live in the network namespace of the
//! rootless holder: the caller enters the user namespace first where an operation touches them
//! or removes containers (noted on each function).

use std::collections::BTreeMap;

use serde::Serialize;

use super::container::ErrorKind;
use super::filter::{self, LabelFilter};
use crate::network::bridge::{self, BridgeError};
use crate::store::Store;
use crate::store::containers::{ContainerError, ContainerRecord, Status};
use crate::store::networks::{self, Attachment, DEFAULT_NETWORK, Network, NetworkError, NewNetwork};

/// Why a network operation failed; each variant names the network, container or filter involved.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No such network, one that exists already or is in use, bad settings, and the store's own
    /// failures.
    #[error(transparent)]
    Store(#[from] NetworkError),
    /// Looking up or reading the state of a container.
    #[error(transparent)]
    Container(#[from] ContainerError),
    /// Stopping or removing the containers on a network removed with force.
    #[error(transparent)]
    Containers(#[from] super::container::Error),
    /// Connected already, or not connected.
    #[error(transparent)]
    Attachment(BridgeError),
    #[error(
        "container {container} is not on a bridge network: only containers created with --network NAME can be connected to networks"
    )]
    NotBridged { container: String },
    #[error("connecting container {container} to network {network}")]
    Connect {
        container: String,
        network: String,
        #[source]
        source: BridgeError,
    },
    #[error("disconnecting container {container} from network {network}")]
    Disconnect {
        container: String,
        network: String,
        #[source]
        source: BridgeError,
    },
    #[error("removing network {name}")]
    Remove {
        name: String,
        #[source]
        source: NetworkError,
    },
    #[error("invalid filter {filter:?}: {reason}")]
    InvalidFilter { filter: String, reason: &'static str },
}

impl Error {
    /// What kind of failure this is, for front ends that map failures to codes.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Store(e) => match e {
                NetworkError::NotFound(_) => ErrorKind::NotFound,
                NetworkError::Exists(_)
                | NetworkError::InUse { .. }
                | NetworkError::SubnetInUse { .. }
                | NetworkError::InterfaceInUse(_) => ErrorKind::StateImproper,
                NetworkError::InvalidName(_)
                | NetworkError::Driver(_)
                | NetworkError::Subnet(_)
                | NetworkError::Gateway { .. }
                | NetworkError::GatewayWithoutSubnet
                | NetworkError::RemoveDefault(_)
                | NetworkError::InvalidInterface(_)
                | NetworkError::InvalidAlias(_) => ErrorKind::InvalidArgument,
                _ => ErrorKind::Internal,
            },
            Error::Container(ContainerError::NotFound(_)) => ErrorKind::NotFound,
            Error::Container(ContainerError::Ambiguous(_)) => ErrorKind::InvalidArgument,
            Error::Containers(e) => e.kind(),
            Error::Attachment(_) | Error::NotBridged { .. } => ErrorKind::StateImproper,
            Error::InvalidFilter { .. } => ErrorKind::InvalidArgument,
            _ => ErrorKind::Internal,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One result per network of a multi-network operation, in the order given.
pub type PerItem<T> = Vec<(String, Result<T>)>;

/// What `network create` makes.
#[derive(Debug, Clone, Default)]
pub struct CreateOptions {
    /// None: the first free `ferryN`.
    pub name: Option<String>,
    pub driver: String,
    /// An IPv4 subnet (`10.89.5.0/24`); None: the first free `10.89.N.0/24`.
    pub subnet: Option<String>,
    /// None: the subnet's first host address.
    pub gateway: Option<String>,
    /// No route out: containers reach each other only.
    pub internal: bool,
    /// The bridge's name; None: the first free `ferryN`.
    pub interface: Option<String>,
    pub labels: BTreeMap<String, String>,
    /// A network of that name that exists already is the result, not an error.
    pub ignore_existing: bool,
}

/// Creates a network (its bridge is made when a container first uses it), avoiding the
/// subnets and interface names the host uses; returns its name.
pub fn create(store: &Store, options: CreateOptions) -> Result<String> {
    let nets = store.networks();
    let _l = nets.lock()?;
    let host = networks::HostView {
        routes: networks::host_routes(),
        interfaces: bridge::cmd::interfaces("self"),
    };
    let new = NewNetwork {
        name: options.name,
        driver: Some(options.driver),
        subnet: options.subnet,
        gateway: options.gateway,
        internal: options.internal,
        labels: options.labels,
        interface: options.interface,
    };
    match nets.create(new, &host) {
        Ok(n) => Ok(n.name),
        Err(NetworkError::Exists(n)) if options.ignore_existing => Ok(n),
        Err(e) => Err(e.into()),
    }
}

/// Whether `key` names a network (or starts one's id).
pub fn exists(store: &Store, key: &str) -> bool {
    store.networks().exists(key)
}

/// Podman 4's inspect object for one network (`network inspect`, `network ls --format json`):
/// the network's record, then how addresses are handed out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkInspect {
    #[serde(flatten)]
    pub network: Network,
    pub ipam_options: IpamOptions,
}

/// How addresses are handed out: from the subnet, by ferry (Podman's `host-local`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IpamOptions {
    pub driver: &'static str,
}

impl From<Network> for NetworkInspect {
    fn from(network: Network) -> NetworkInspect {
        NetworkInspect {
            network,
            ipam_options: IpamOptions { driver: "host-local" },
        }
    }
}

/// The inspect objects of the networks `keys` (names or id prefixes), one result each.
pub fn inspect(store: &Store, keys: &[String]) -> PerItem<NetworkInspect> {
    let nets = store.networks();
    keys.iter()
        .map(|key| {
            (
                key.clone(),
                nets.get(key).map(NetworkInspect::from).map_err(Error::from),
            )
        })
        .collect()
}

/// One `--filter` of `network ls` and `network prune`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// Names containing this.
    Name(String),
    /// Ids starting with this.
    Id(String),
    Driver(String),
    Label(LabelFilter),
}

impl Filter {
    /// `key=value` as `--filter` gives it: name, id, driver, label or label!.
    pub fn parse(f: &str) -> Result<Filter> {
        let Some((k, v)) = f.split_once('=') else {
            return Err(Error::InvalidFilter {
                filter: f.to_string(),
                reason: "expected key=value",
            });
        };
        Ok(match k {
            "name" => Filter::Name(v.to_string()),
            "id" => Filter::Id(v.to_string()),
            "driver" => Filter::Driver(v.to_string()),
            "label" => Filter::Label(LabelFilter::parse(v, false)),
            "label!" => Filter::Label(LabelFilter::parse(v, true)),
            other => {
                return Err(Error::InvalidFilter {
                    filter: other.to_string(),
                    reason: "use name, id, driver, label or label!",
                });
            }
        })
    }

    /// Every filter of a `--filter` list.
    pub fn parse_all(raw: &[String]) -> Result<Vec<Filter>> {
        raw.iter().map(|f| Filter::parse(f)).collect()
    }
}

/// Whether `net` passes every filter.
fn matches(filters: &[Filter], net: &Network) -> bool {
    filter::combine(
        filters,
        |f| matches!(f, Filter::Label(l) if l.negate),
        |f| match f {
            Filter::Name(n) => net.name.contains(n.as_str()),
            Filter::Id(i) => net.id.starts_with(i.as_str()),
            Filter::Driver(d) => &net.driver == d,
            Filter::Label(l) => l.matches(&net.labels),
        },
    )
}

/// The networks that pass `filters`: the default first, then by name.
pub fn list(store: &Store, filters: &[Filter]) -> Result<Vec<NetworkInspect>> {
    Ok(store
        .networks()
        .list()?
        .into_iter()
        .filter(|n| matches(filters, n))
        .map(NetworkInspect::from)
        .collect())
}

/// Phase one of a forced removal: kills the containers on any of the networks `keys` (see
/// `engine::container::remove`) and returns them, for [`remove`] to remove. Not under the
/// network lock: a container's supervisor takes it when the container exits. Rootless, call it
/// before entering the user namespace.
pub fn kill_users(store: &Store, keys: &[String]) -> Result<Vec<ContainerRecord>> {
    let nets = store.networks();
    let mut users = nets.users()?;
    let mut targets = Vec::new();
    for key in keys {
        if let Ok(net) = nets.get(key) {
            targets.extend(users.remove(&net.name).unwrap_or_default());
        }
    }
    Ok(super::container::remove::kill_and_wait_all(store, targets)?)
}

/// Removes the networks `keys` that no container uses, and their bridges; reports each one's
/// name. `users` (what [`kill_users`] returned, for a forced removal) are removed first; with
/// `force` the in-use check before taking the lock is skipped, but a container attached
/// meanwhile still keeps its network. Rootless callers are in the user namespace.
pub fn remove(store: &Store, keys: &[String], users: &[ContainerRecord], force: bool) -> Result<PerItem<String>> {
    let nets = store.networks();
    for rec in users {
        super::container::remove::remove_one(store, rec, true, true)?;
    }
    let in_use = |net: &Network, users: Vec<ContainerRecord>| -> Error {
        NetworkError::InUse {
            name: net.name.clone(),
            containers: users.iter().map(|c| c.id.clone()).collect(),
        }
        .into()
    };
    let mut out = Vec::new();
    for key in keys {
        let net = match nets.get(key) {
            Ok(n) => n,
            Err(e) => {
                out.push((key.clone(), Err(e.into())));
                continue;
            }
        };
        let users = nets.users()?.remove(&net.name).unwrap_or_default();
        if !users.is_empty() && !force {
            out.push((key.clone(), Err(in_use(&net, users))));
            continue;
        }
        let _l = nets.lock()?;
        let left = nets.users()?.remove(&net.name).unwrap_or_default();
        if !left.is_empty() {
            out.push((key.clone(), Err(in_use(&net, left))));
            continue;
        }
        let removed = nets.remove(&net.name).map_err(Error::from).map(|()| {
            bridge::forget(store, &net);
            net.name
        });
        out.push((key.clone(), removed));
    }
    Ok(out)
}

/// Removes the networks no container uses that pass `filters` (never the default network), and
/// their bridges; returns their names. Rootless callers are in the user namespace.
pub fn prune(store: &Store, filters: &[Filter]) -> Result<Vec<String>> {
    let nets = store.networks();
    let _l = nets.lock()?;
    let users = nets.users()?;
    let mut removed = Vec::new();
    for net in nets.list()? {
        if net.name == DEFAULT_NETWORK || users.contains_key(&net.name) || !matches(filters, &net) {
            continue;
        }
        nets.remove(&net.name).map_err(|source| Error::Remove {
            name: net.name.clone(),
            source,
        })?;
        bridge::forget(store, &net);
        removed.push(net.name);
    }
    Ok(removed)
}

/// What `network connect` attaches.
#[derive(Debug, Clone, Default)]
pub struct ConnectOptions {
    /// The network's name or id prefix.
    pub network: String,
    /// The container's name or id prefix.
    pub container: String,
    /// More names the container has on that network.
    pub aliases: Vec<String>,
}

/// Attaches a container already on a bridge network to one more; a running container gets its
/// interface now (when that fails, the attachment is undone), others at their next start.
/// Rootless callers are in the user namespace.
pub fn connect(store: &Store, options: ConnectOptions) -> Result<()> {
    let nets = store.networks();
    let net = nets.get(&options.network)?;
    let rec = store.containers().lookup(&options.container)?;
    for a in &options.aliases {
        networks::check_alias(a)?;
    }
    let attachment = Attachment {
        network: net.name.clone(),
        aliases: options.aliases,
    };
    {
        let _l = nets.lock()?;
        let mut list = nets.attachments(&rec.id)?;
        if list.is_empty() {
            return Err(Error::NotBridged { container: rec.name });
        }
        if list.iter().any(|a| a.network == net.name) {
            return Err(Error::Attachment(BridgeError::AlreadyConnected {
                container: rec.name,
                network: net.name,
            }));
        }
        list.push(attachment.clone());
        nets.write_attachments(&rec.id, &list)?;
    }
    let state = store.containers().refresh(&rec)?;
    if state.status == Status::Running
        && let Some(pid) = state.pid
        && let Err(source) = bridge::connect_running(store, &rec.id, pid, &attachment)
    {
        let _l = nets.lock()?;
        let mut list = nets.attachments(&rec.id)?;
        list.retain(|a| a.network != net.name);
        nets.write_attachments(&rec.id, &list)?;
        return Err(Error::Connect {
            container: rec.name,
            network: net.name,
            source,
        });
    }
    Ok(())
}

/// Detaches a container from a network; a running container loses its interface now.
/// Rootless callers are in the user namespace.
pub fn disconnect(store: &Store, network: &str, container: &str) -> Result<()> {
    let nets = store.networks();
    let net = nets.get(network)?;
    let rec = store.containers().lookup(container)?;
    {
        let _l = nets.lock()?;
        let mut list = nets.attachments(&rec.id)?;
        if !list.iter().any(|a| a.network == net.name) {
            return Err(Error::Attachment(BridgeError::NotConnected {
                container: rec.name,
                network: net.name,
            }));
        }
        list.retain(|a| a.network != net.name);
        nets.write_attachments(&rec.id, &list)?;
    }
    let state = store.containers().refresh(&rec)?;
    if state.status == Status::Running
        && let Some(pid) = state.pid
    {
        bridge::disconnect_running(store, &rec.id, pid, &net.name).map_err(|source| Error::Disconnect {
            container: rec.name,
            network: net.name,
            source,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::networks::default_network;

    #[test]
    fn filters() {
        let f = |raw: &[&str]| Filter::parse_all(&raw.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
        let mut n = default_network();
        n.labels.insert("env".into(), "prod".into());
        assert!(matches(&f(&["name=pod"]), &n));
        assert!(!matches(&f(&["name=web"]), &n));
        assert!(matches(&f(&["name=web", "name=podman"]), &n));
        assert!(matches(&f(&["id=2f259b", "driver=bridge"]), &n));
        assert!(!matches(&f(&["id=00"]), &n));
        assert!(matches(&f(&["label=env=prod"]), &n));
        assert!(!matches(&f(&["label=env=dev"]), &n));
        assert!(!matches(&f(&["label!=env"]), &n));
        assert!(!matches(&f(&["driver=macvlan"]), &n));
        for bad in ["", "name", "colour=red", "=x", "dangling=true"] {
            assert!(Filter::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            Filter::parse("colour=red").unwrap_err().to_string(),
            "invalid filter \"colour\": use name, id, driver, label or label!"
        );
    }

    #[test]
    fn inspect_object_has_podmans_keys_in_order() {
        let v = serde_json::to_value(NetworkInspect::from(default_network())).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "name",
                "id",
                "driver",
                "network_interface",
                "created",
                "subnets",
                "ipv6_enabled",
                "internal",
                "dns_enabled",
                "labels",
                "ipam_options"
            ]
        );
        assert_eq!(v["ipam_options"]["driver"], "host-local");
    }
}
