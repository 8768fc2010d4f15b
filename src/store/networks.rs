//! User-defined networks: their configs (`networks/<name>.json`, created and removed under
//! `networks.lock`), which networks each container is attached to (`userdata/networks.json`), and
//! the address leases of running containers (`<runroot>/networks/<name>.leases.json`, runtime state
//! that a reboot clears). The default network `podman` is implicit: it has no file.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io::Read;
use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::containers::{ContainerError, ContainerRecord};
use super::{Store, StoreError, atomic, io_err, lock};
use crate::sys::process::start_time;

/// The network every container without `--network` would join in Podman; always present.
pub const DEFAULT_NETWORK: &str = "podman";
const DEFAULT_SUBNET: &str = "10.88.0.0/16";
/// Podman's fixed id of its default network.
const DEFAULT_ID: &str = "2f259bab93aaaaa2542ba43ef33eb990d0999ee1b9924b557b7be53c0b7a1bb9";

#[derive(Debug, thiserror::Error)]
pub enum NetworkError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Container(#[from] ContainerError),
    #[error("unable to find network with name or ID {0}: network not found")]
    NotFound(String),
    #[error("network name {0} already used: network already exists")]
    Exists(String),
    #[error("invalid network name {0:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*")]
    InvalidName(String),
    #[error("unsupported driver {0:?}: ferry has the bridge driver only")]
    Driver(String),
    #[error("invalid subnet {0:?}: expected an IPv4 address/prefix such as 10.89.5.0/24")]
    Subnet(String),
    #[error("subnet {subnet} is already used on the host or by another network ({by})")]
    SubnetInUse { subnet: String, by: String },
    #[error("invalid gateway {gateway:?} for subnet {subnet}: it must be a host address inside the subnet")]
    Gateway { gateway: String, subnet: String },
    #[error("--gateway needs --subnet")]
    GatewayWithoutSubnet,
    #[error("could not find a free subnet for a new network: every 10.89.N.0/24 is in use")]
    NoSubnet,
    #[error("default network {0} cannot be removed")]
    RemoveDefault(String),
    #[error("network {name} is being used by the following container(s): {}: network is being used", containers.join(", "))]
    InUse { name: String, containers: Vec<String> },
    #[error("network {0} has no free address left")]
    Exhausted(String),
    #[error("invalid interface name {0:?}: up to 15 characters of [a-zA-Z0-9_.-]")]
    InvalidInterface(String),
    #[error("interface name {0} is already used on the host or by another network")]
    InterfaceInUse(String),
    #[error("invalid network alias {0:?}: aliases must match [a-zA-Z0-9][a-zA-Z0-9_.-]*")]
    InvalidAlias(String),
}

pub type Result<T, E = NetworkError> = std::result::Result<T, E>;

/// An IPv4 subnet, `addr/prefix`, with `addr` the network address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    pub addr: Ipv4Addr,
    pub prefix: u8,
}

impl Cidr {
    fn mask(&self) -> u32 {
        if self.prefix == 0 {
            0
        } else {
            u32::MAX << (32 - self.prefix)
        }
    }
    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        u32::from(ip) & self.mask() == u32::from(self.addr)
    }
    pub fn overlaps(&self, other: &Cidr) -> bool {
        let m = self.mask() & other.mask();
        u32::from(self.addr) & m == u32::from(other.addr) & m
    }
    pub fn broadcast(&self) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.addr) | !self.mask())
    }
    /// Whether `ip` is usable by a host: inside, and neither the network nor the broadcast address.
    pub fn is_host(&self, ip: Ipv4Addr) -> bool {
        self.contains(ip) && ip != self.addr && ip != self.broadcast()
    }
    pub fn first_host(&self) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.addr) + 1)
    }
    /// The usable host addresses, in order.
    pub fn hosts(&self) -> impl Iterator<Item = Ipv4Addr> {
        let (lo, hi) = (u32::from(self.addr), u32::from(self.broadcast()));
        (lo.saturating_add(1)..hi).map(Ipv4Addr::from)
    }
}

impl FromStr for Cidr {
    type Err = NetworkError;
    /// `10.89.5.0/24`; host bits are cleared (`10.89.5.7/24` is `10.89.5.0/24`). Prefixes longer
    /// than /30 leave no room for a gateway and a container.
    fn from_str(s: &str) -> Result<Cidr> {
        let bad = || NetworkError::Subnet(s.to_string());
        let (a, p) = s.split_once('/').ok_or_else(bad)?;
        let addr: Ipv4Addr = a.parse().map_err(|_| bad())?;
        if p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let prefix: u8 = p.parse().map_err(|_| bad())?;
        if !(8..=30).contains(&prefix) {
            return Err(bad());
        }
        let c = Cidr { addr, prefix };
        Ok(Cidr {
            addr: Ipv4Addr::from(u32::from(addr) & c.mask()),
            prefix,
        })
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// One subnet of a network, as Podman's network JSON has it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Subnet {
    pub subnet: String,
    pub gateway: String,
}

impl Subnet {
    pub fn cidr(&self) -> Result<Cidr> {
        self.subnet.parse()
    }
    pub fn gateway_ip(&self) -> Result<Ipv4Addr> {
        self.gateway
            .parse()
            .map_err(|_| NetworkError::Subnet(self.gateway.clone()))
    }
}

/// `networks/<name>.json`: Podman 4's network config.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Network {
    pub name: String,
    pub id: String,
    pub driver: String,
    /// The bridge interface.
    pub network_interface: String,
    /// RFC 3339.
    pub created: String,
    pub subnets: Vec<Subnet>,
    pub ipv6_enabled: bool,
    /// No route out: containers reach each other only.
    pub internal: bool,
    pub dns_enabled: bool,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
}

impl Network {
    /// The network's (first) subnet and its gateway.
    pub fn ipv4(&self) -> Result<(Cidr, Ipv4Addr)> {
        let s = self
            .subnets
            .first()
            .ok_or_else(|| NetworkError::Subnet(String::new()))?;
        Ok((s.cidr()?, s.gateway_ip()?))
    }
}

/// The implicit default network.
pub fn default_network() -> Network {
    Network {
        name: DEFAULT_NETWORK.into(),
        id: DEFAULT_ID.into(),
        driver: "bridge".into(),
        network_interface: "ferry0".into(),
        created: "1970-01-01T00:00:00Z".into(),
        subnets: vec![Subnet {
            subnet: DEFAULT_SUBNET.into(),
            gateway: "10.88.0.1".into(),
        }],
        ipv6_enabled: false,
        internal: false,
        dns_enabled: false,
        labels: BTreeMap::new(),
    }
}

/// What `network create` asks for.
#[derive(Debug, Default)]
pub struct NewNetwork {
    /// None: `ferryN`.
    pub name: Option<String>,
    pub driver: Option<String>,
    pub subnet: Option<String>,
    pub gateway: Option<String>,
    pub internal: bool,
    pub labels: BTreeMap<String, String>,
    /// The bridge's name; None: the first free `ferryN`.
    pub interface: Option<String>,
}

/// What the host already uses, which a new network must avoid.
#[derive(Debug, Default)]
pub struct HostView {
    /// Routed destinations (see [`host_routes`]).
    pub routes: Vec<Cidr>,
    /// Interface names.
    pub interfaces: Vec<String>,
}

/// One network a container is attached to (`userdata/networks.json`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Attachment {
    pub network: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// The address of one running container on a network.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Lease {
    pub container_id: String,
    pub container_name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub ip: Ipv4Addr,
    /// The interface in the container (`eth0`, ...) and the host end of its veth pair.
    pub interface: String,
    pub host_interface: String,
    /// The container's init: a lease whose process is gone is free again.
    pub pid: i32,
    pub pid_start: u64,
}

impl Lease {
    pub fn alive(&self) -> bool {
        self.pid > 0 && start_time(self.pid) == Some(self.pid_start)
    }
}

/// A Linux interface name that is safe to pass to `ip` and `nft`.
fn valid_interface(n: &str) -> bool {
    super::volumes::valid_name(n) && n.len() <= 15
}

/// Podman's rule for network names (the same as for containers).
pub fn valid_name(n: &str) -> bool {
    super::volumes::valid_name(n) && n.len() <= 200
}

fn random_id() -> Result<String> {
    let p = Path::new("/dev/urandom");
    let mut buf = [0u8; 32];
    fs::File::open(p)
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(io_err(p))?;
    Ok(super::digest::to_hex(&buf))
}

fn read_json<T: serde::de::DeserializeOwned + Default>(p: &Path) -> Result<T> {
    match fs::read(p) {
        Ok(data) => Ok(serde_json::from_slice(&data).map_err(|source| StoreError::Json {
            path: p.to_path_buf(),
            source,
        })?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(T::default()),
        Err(e) => Err(StoreError::Io {
            path: p.to_path_buf(),
            source: e,
        }
        .into()),
    }
}

/// The IPv4 destinations routed on the host (from `/proc/net/route`), so a new subnet avoids them.
pub fn host_routes() -> Vec<Cidr> {
    let Ok(text) = fs::read_to_string("/proc/net/route") else {
        return Vec::new();
    };
    parse_routes(&text)
}

fn parse_routes(text: &str) -> Vec<Cidr> {
    let hex = |s: &str| u32::from_str_radix(s, 16).ok().map(|v| Ipv4Addr::from(u32::from_be(v)));
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let (dest, mask) = (hex(f.get(1)?)?, hex(f.get(7)?)?);
            let prefix = u32::from(mask).leading_ones() as u8;
            // The default route overlaps everything; it is no reason to avoid a subnet.
            (prefix > 0).then_some(Cidr { addr: dest, prefix })
        })
        .collect()
}

pub struct NetworkStore<'a> {
    store: &'a Store,
}

impl<'a> NetworkStore<'a> {
    pub(super) fn new(store: &'a Store) -> Self {
        NetworkStore { store }
    }

    fn root(&self) -> PathBuf {
        self.store.root().join("networks")
    }
    fn config_path(&self, name: &str) -> PathBuf {
        self.root().join(format!("{name}.json"))
    }
    /// Runtime state: leases and the bridges that exist.
    pub fn run_dir(&self) -> PathBuf {
        self.store.runroot().join("networks")
    }
    fn leases_path(&self, name: &str) -> PathBuf {
        self.run_dir().join(format!("{name}.leases.json"))
    }
    fn attachments_path(&self, container_id: &str) -> PathBuf {
        self.store.containers().userdata_dir(container_id).join("networks.json")
    }

    /// Held (exclusive) while networks are created or removed, while a container's attachments
    /// change, and around every read-modify-write of leases. See `lock` for the order.
    pub fn lock(&self) -> Result<lock::Lock> {
        atomic::create_dir_all(&self.root(), 0o700)?;
        Ok(lock::lock(&self.lock_path(), lock::Mode::Exclusive)?)
    }

    /// The file [`NetworkStore::lock`] locks.
    pub fn lock_path(&self) -> PathBuf {
        self.store.root().join("networks.lock")
    }

    /// The network named `key`, or whose id starts with `key`.
    pub fn get(&self, key: &str) -> Result<Network> {
        if key == DEFAULT_NETWORK {
            return Ok(default_network());
        }
        if valid_name(key) {
            let p = self.config_path(key);
            if let Ok(data) = fs::read(&p) {
                return Ok(serde_json::from_slice(&data).map_err(|source| StoreError::Json { path: p, source })?);
            }
        }
        let is_hex = !key.is_empty() && key.bytes().all(|b| b.is_ascii_hexdigit());
        if is_hex {
            let mut found = self.list()?.into_iter().filter(|n| n.id.starts_with(key));
            if let (Some(n), None) = (found.next(), found.next()) {
                return Ok(n);
            }
        }
        Err(NetworkError::NotFound(key.to_string()))
    }

    pub fn exists(&self, key: &str) -> bool {
        self.get(key).is_ok()
    }

    /// All networks: the default first, then by name. An unreadable config is skipped.
    pub fn list(&self) -> Result<Vec<Network>> {
        let mut out = Vec::new();
        let root = self.root();
        match fs::read_dir(&root) {
            Ok(rd) => {
                for ent in rd {
                    let ent = ent.map_err(io_err(&root))?;
                    let name = ent.file_name();
                    let Some(name) = name.to_str().and_then(|n| n.strip_suffix(".json")) else {
                        continue;
                    };
                    if valid_name(name)
                        && let Ok(data) = fs::read(ent.path())
                        && let Ok(n) = serde_json::from_slice::<Network>(&data)
                    {
                        out.push(n);
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(StoreError::Io { path: root, source: e }.into()),
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out.insert(0, default_network());
        Ok(out)
    }

    /// Creates a network. The caller holds [`NetworkStore::lock`].
    pub fn create(&self, new: NewNetwork, host: &HostView) -> Result<Network> {
        let driver = new.driver.unwrap_or_else(|| "bridge".into());
        if driver != "bridge" {
            return Err(NetworkError::Driver(driver));
        }
        let existing = self.list()?;
        let name = match new.name {
            Some(n) if !valid_name(&n) => return Err(NetworkError::InvalidName(n)),
            Some(n) if existing.iter().any(|e| e.name == n) => return Err(NetworkError::Exists(n)),
            Some(n) => n,
            None => (1..)
                .map(|i| format!("ferry{i}"))
                .find(|n| !existing.iter().any(|e| &e.name == n))
                .expect("an unused name"),
        };
        let used: Vec<(Cidr, String)> = existing
            .iter()
            .filter_map(|n| n.ipv4().ok().map(|(c, _)| (c, format!("network {}", n.name))))
            .chain(host.routes.iter().map(|c| (*c, "a host route".to_string())))
            .collect();
        let (subnet, gateway) = match (new.subnet, new.gateway) {
            (Some(s), g) => {
                let cidr: Cidr = s.parse()?;
                if let Some((_, by)) = used.iter().find(|(c, _)| c.overlaps(&cidr)) {
                    return Err(NetworkError::SubnetInUse {
                        subnet: cidr.to_string(),
                        by: by.clone(),
                    });
                }
                let gw = match g {
                    Some(g) => match g.parse::<Ipv4Addr>() {
                        Ok(ip) if cidr.is_host(ip) => ip,
                        _ => {
                            return Err(NetworkError::Gateway {
                                gateway: g,
                                subnet: cidr.to_string(),
                            });
                        }
                    },
                    None => cidr.first_host(),
                };
                (cidr, gw)
            }
            (None, Some(_)) => return Err(NetworkError::GatewayWithoutSubnet),
            (None, None) => {
                let cidr = (0..=255u8)
                    .map(|n| Cidr {
                        addr: Ipv4Addr::new(10, 89, n, 0),
                        prefix: 24,
                    })
                    .find(|c| !used.iter().any(|(u, _)| u.overlaps(c)))
                    .ok_or(NetworkError::NoSubnet)?;
                (cidr, cidr.first_host())
            }
        };
        let taken =
            |i: &str| existing.iter().any(|e| e.network_interface == i) || host.interfaces.iter().any(|h| h == i);
        let interface = match new.interface {
            Some(i) if !valid_interface(&i) => return Err(NetworkError::InvalidInterface(i)),
            Some(i) if taken(&i) => return Err(NetworkError::InterfaceInUse(i)),
            Some(i) => i,
            None => (1..)
                .map(|i| format!("ferry{i}"))
                .find(|i| !taken(i))
                .expect("an unused interface name"),
        };
        let net = Network {
            name,
            id: random_id()?,
            driver,
            network_interface: interface,
            created: crate::sys::now(),
            subnets: vec![Subnet {
                subnet: subnet.to_string(),
                gateway: gateway.to_string(),
            }],
            ipv6_enabled: false,
            internal: new.internal,
            dns_enabled: false,
            labels: new.labels,
        };
        let json = serde_json::to_vec_pretty(&net).expect("network config serializes");
        atomic::write_file(&self.config_path(&net.name), &json, 0o600)?;
        Ok(net)
    }

    /// Deletes a network's config. The caller holds the lock and has checked it is unused.
    pub fn remove(&self, name: &str) -> Result<()> {
        if name == DEFAULT_NETWORK {
            return Err(NetworkError::RemoveDefault(name.into()));
        }
        let p = self.config_path(name);
        match fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(NetworkError::NotFound(name.into())),
            Err(e) => return Err(StoreError::Io { path: p, source: e }.into()),
        }
        let _ = fs::remove_file(self.leases_path(name));
        Ok(())
    }

    /// The networks container `id` is attached to (none for a container without any).
    pub fn attachments(&self, container_id: &str) -> Result<Vec<Attachment>> {
        read_json(&self.attachments_path(container_id))
    }

    /// Records the networks container `id` is attached to. The caller holds the lock.
    pub fn write_attachments(&self, container_id: &str, list: &[Attachment]) -> Result<()> {
        let json = serde_json::to_vec_pretty(list).expect("attachments serialize");
        Ok(atomic::write_file(&self.attachments_path(container_id), &json, 0o600)?)
    }

    /// Network name → the containers attached to it.
    pub fn users(&self) -> Result<BTreeMap<String, Vec<ContainerRecord>>> {
        let mut out: BTreeMap<String, Vec<ContainerRecord>> = BTreeMap::new();
        for rec in self.store.containers().list()? {
            for a in self.attachments(&rec.id)? {
                out.entry(a.network).or_default().push(rec.clone());
            }
        }
        Ok(out)
    }

    /// The live leases of network `name` (those of exited containers are dropped).
    pub fn leases(&self, name: &str) -> Result<Vec<Lease>> {
        let all: Vec<Lease> = read_json(&self.leases_path(name))?;
        Ok(all.into_iter().filter(Lease::alive).collect())
    }

    /// Replaces the leases of network `name`. The caller holds the lock.
    pub fn write_leases(&self, name: &str, leases: &[Lease]) -> Result<()> {
        atomic::create_dir_all(&self.run_dir(), 0o700)?;
        let p = self.leases_path(name);
        if leases.is_empty() {
            return match fs::remove_file(&p) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(StoreError::Io { path: p, source: e }.into()),
                _ => Ok(()),
            };
        }
        let json = serde_json::to_vec_pretty(leases).expect("leases serialize");
        Ok(atomic::write_file(&p, &json, 0o600)?)
    }

    /// The lowest free host address of `net` for a new lease (not the gateway, not leased).
    pub fn free_address(&self, net: &Network, leases: &[Lease]) -> Result<Ipv4Addr> {
        let (cidr, gw) = net.ipv4()?;
        cidr.hosts()
            .find(|ip| *ip != gw && !leases.iter().any(|l| l.ip == *ip))
            .ok_or_else(|| NetworkError::Exhausted(net.name.clone()))
    }
}

/// Checks `--network-alias` values.
pub fn check_alias(a: &str) -> Result<()> {
    if valid_name(a) {
        Ok(())
    } else {
        Err(NetworkError::InvalidAlias(a.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Tmp(PathBuf);
    impl Drop for Tmp {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn store() -> (Tmp, Store) {
        let d = Tmp(std::env::temp_dir().join(atomic::unique_name("ferry-net-test-")));
        let s = Store::open(&d.0.join("root"), &d.0.join("run")).unwrap();
        (d, s)
    }

    #[test]
    fn cidr_parsing_and_math() {
        let c: Cidr = "10.89.5.7/24".parse().unwrap();
        assert_eq!(c.to_string(), "10.89.5.0/24");
        assert_eq!(c.broadcast(), Ipv4Addr::new(10, 89, 5, 255));
        assert!(c.is_host(Ipv4Addr::new(10, 89, 5, 1)) && !c.is_host(c.broadcast()) && !c.is_host(c.addr));
        assert_eq!(c.hosts().count(), 254);
        let big: Cidr = "10.0.0.0/8".parse().unwrap();
        assert!(big.overlaps(&c) && c.overlaps(&big));
        assert!(!c.overlaps(&"10.89.6.0/24".parse().unwrap()));
        for bad in [
            "",
            "10.0.0.0",
            "10.0.0.0/",
            "10.0.0.0/33",
            "10.0.0.0/31",
            "10.0.0.0/4",
            "10.0.0/24",
            "x/24",
            "10.0.0.0/+8",
            "10.0.0.0/024",
            "::1/64",
            "10.0.0.0/24/1",
        ] {
            assert!(bad.parse::<Cidr>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn routes_from_proc() {
        let text = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n\
                    eth0\t00000000\t0102A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n\
                    eth0\t0002A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n\
                    junk\n";
        assert_eq!(parse_routes(text), vec!["192.168.2.0/24".parse().unwrap()]);
    }

    #[test]
    fn create_allocates_names_subnets_and_interfaces() {
        let (_d, s) = store();
        let n = s.networks();
        let _l = n.lock().unwrap();
        let taken: Cidr = "10.89.0.0/24".parse().unwrap();
        let host = HostView {
            routes: vec![taken],
            interfaces: vec!["eth0".into()],
        };
        let a = n.create(NewNetwork::default(), &host).unwrap();
        assert_eq!((a.name.as_str(), a.network_interface.as_str()), ("ferry1", "ferry1"));
        assert_eq!(a.subnets[0].subnet, "10.89.1.0/24");
        assert_eq!(a.subnets[0].gateway, "10.89.1.1");
        assert_eq!(a.id.len(), 64);
        let b = n
            .create(
                NewNetwork {
                    name: Some("web".into()),
                    subnet: Some("172.30.7.9/16".into()),
                    gateway: Some("172.30.0.254".into()),
                    internal: true,
                    ..Default::default()
                },
                &host,
            )
            .unwrap();
        assert_eq!(b.subnets[0].subnet, "172.30.0.0/16");
        assert_eq!(b.network_interface, "ferry2");
        assert!(b.internal);
        assert_eq!(n.get("web").unwrap(), b);
        assert_eq!(n.get(&b.id[..10]).unwrap(), b);
        let names: Vec<String> = n.list().unwrap().into_iter().map(|n| n.name).collect();
        assert_eq!(names, ["podman", "ferry1", "web"]);
        let err = |new| n.create(new, &host).unwrap_err();
        assert!(matches!(
            err(NewNetwork {
                name: Some("web".into()),
                ..Default::default()
            }),
            NetworkError::Exists(_)
        ));
        assert!(matches!(
            err(NewNetwork {
                name: Some("podman".into()),
                ..Default::default()
            }),
            NetworkError::Exists(_)
        ));
        assert!(matches!(
            err(NewNetwork {
                subnet: Some("172.30.9.0/24".into()),
                ..Default::default()
            }),
            NetworkError::SubnetInUse { .. }
        ));
        for gw in ["172.31.0.0", "172.31.0.255", "10.0.0.1", "x"] {
            let e = err(NewNetwork {
                subnet: Some("172.31.0.0/24".into()),
                gateway: Some(gw.into()),
                ..Default::default()
            });
            assert!(matches!(e, NetworkError::Gateway { .. }), "{gw}");
        }
        assert!(matches!(
            err(NewNetwork {
                gateway: Some("10.1.1.1".into()),
                ..Default::default()
            }),
            NetworkError::GatewayWithoutSubnet
        ));
        assert!(matches!(
            err(NewNetwork {
                driver: Some("macvlan".into()),
                ..Default::default()
            }),
            NetworkError::Driver(_)
        ));
        for bad in ["", "../x", "a/b", "-x", "a b", ".h"] {
            let e = err(NewNetwork {
                name: Some(bad.into()),
                ..Default::default()
            });
            assert!(matches!(e, NetworkError::InvalidName(_)), "{bad:?}");
            assert!(matches!(n.get(bad), Err(NetworkError::NotFound(_))), "{bad:?}");
        }
        for (iface, bad) in [
            ("eth0", false),
            ("ferry2", false),
            ("a b", true),
            ("abcdefghijklmnop", true),
        ] {
            let e = err(NewNetwork {
                interface: Some(iface.into()),
                ..Default::default()
            });
            assert_eq!(matches!(e, NetworkError::InvalidInterface(_)), bad, "{iface}");
            assert_eq!(matches!(e, NetworkError::InterfaceInUse(_)), !bad, "{iface}");
        }
        assert!(matches!(n.remove("podman"), Err(NetworkError::RemoveDefault(_))));
        n.remove("web").unwrap();
        assert!(matches!(n.remove("web"), Err(NetworkError::NotFound(_))));
        assert!(!n.exists("web") && n.exists("podman"));
    }

    #[test]
    fn leases_and_addresses() {
        let (_d, s) = store();
        let n = s.networks();
        let net = default_network();
        let me = std::process::id() as i32;
        let lease = |ip: Ipv4Addr, pid: i32| Lease {
            container_id: "c".into(),
            container_name: "n".into(),
            aliases: vec![],
            ip,
            interface: "eth0".into(),
            host_interface: "fv0".into(),
            pid,
            pid_start: start_time(me).unwrap(),
        };
        assert_eq!(n.free_address(&net, &[]).unwrap(), Ipv4Addr::new(10, 88, 0, 2));
        let live = lease(Ipv4Addr::new(10, 88, 0, 2), me);
        // A lease whose process is gone does not count.
        let dead = lease(Ipv4Addr::new(10, 88, 0, 3), i32::MAX);
        n.write_leases("podman", &[live.clone(), dead]).unwrap();
        let got = n.leases("podman").unwrap();
        assert_eq!(got, vec![live]);
        assert_eq!(n.free_address(&net, &got).unwrap(), Ipv4Addr::new(10, 88, 0, 3));
        n.write_leases("podman", &[]).unwrap();
        assert!(n.leases("podman").unwrap().is_empty());
        assert!(check_alias("web-1").is_ok() && check_alias("a b").is_err());
    }
}
