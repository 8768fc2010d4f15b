//! A container's network: the mode (`--network`), its published ports, the files that make its
//! name resolution (/etc/hosts, /etc/resolv.conf), and the user-mode network helper (pasta or
//! slirp4netns) that connects a private network namespace to the outside.
//!
//! The helper is a child of the container's supervisor (the foreground ferry or the detached
//! monitor): [`start`] runs once the init exists (its network namespace too) and before it
//! goes on, [`stop`] when it has exited. Its pid is kept in the container's directory.

pub mod bridge;
pub mod detached;
pub mod join;
pub mod pasta;
pub mod publish;
pub mod slirp;

use std::io::Read;
use std::net::{IpAddr, Ipv4Addr};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use nix::errno::Errno;
use serde::{Deserialize, Serialize};

pub use publish::{PortError, PortMapping, Protocol};

#[derive(Debug, thiserror::Error)]
pub enum NetworkError {
    #[error(
        "unknown network mode {0:?}: use none, host, private, pasta[:OPTIONS], slirp4netns[:OPTIONS], ns:PATH or container:NAME"
    )]
    UnknownMode(String),
    #[error("network mode {mode}: {reason}")]
    Unsupported { mode: String, reason: String },
    #[error("invalid slirp4netns option {option:?}: {reason}")]
    SlirpOption { option: String, reason: String },
    #[error("invalid --add-host {0:?}: expected HOST:IP (or HOST:host-gateway)")]
    AddHost(String),
    #[error("invalid --dns {0:?}: expected an IP address")]
    Dns(String),
    #[error("cannot publish ports with network mode {0}")]
    PortsWithoutNetwork(String),
    #[error(transparent)]
    Port(#[from] PortError),
    #[error(
        "neither pasta nor slirp4netns is installed: install the passt or slirp4netns package, or use --network none"
    )]
    NoHelper,
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: {source}")]
    Json { path: PathBuf, source: serde_json::Error },
    #[error("cannot join the network of container {name}: {reason}")]
    JoinContainer { name: String, reason: String },
    #[error("starting {helper}: {source}")]
    Spawn {
        helper: &'static str,
        source: std::io::Error,
    },
    #[error("{helper} failed to set up the container's network{}", detail(message))]
    Failed { helper: &'static str, message: String },
    #[error("{helper} did not set up the container's network within {seconds} seconds")]
    Timeout { helper: &'static str, seconds: u64 },
    #[error("slirp4netns refused to publish port {port}/{protocol}: {message}")]
    Forward {
        port: u16,
        protocol: Protocol,
        message: String,
    },
    #[error("creating a network namespace: {0}")]
    Namespace(Errno),
    #[error("{0}")]
    Sys(#[from] Errno),
}

fn detail(message: &str) -> String {
    if message.is_empty() {
        String::new()
    } else {
        format!(": {message}")
    }
}

pub type Result<T, E = NetworkError> = std::result::Result<T, E>;

/// How the container is networked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "lowercase")]
pub enum Mode {
    /// A network namespace of its own with only `lo`.
    None,
    /// The host's network namespace.
    Host,
    /// A private namespace connected by pasta; `options` are passed through.
    Pasta { options: Vec<String> },
    /// A private namespace connected by slirp4netns.
    Slirp4netns { options: slirp::SlirpOptions },
    /// `ns:PATH`: an existing network namespace.
    Ns { path: PathBuf },
    /// `container:NAME`: another container's network namespace, looked up at every start.
    Container { name: String },
}

impl Mode {
    /// Parses `--network`; `private` (and the empty default) is pasta when installed, else
    /// slirp4netns.
    pub fn parse(text: &str) -> Result<Mode> {
        let (name, opts) = match text.split_once(':') {
            Some((n, o)) => (n, Some(o)),
            None => (text, None),
        };
        match (name, opts) {
            ("none", None) => Ok(Mode::None),
            ("host", None) => Ok(Mode::Host),
            ("private" | "", None) => default_mode(),
            ("pasta", opts) => Ok(Mode::Pasta {
                options: opts
                    .map(|o| o.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect())
                    .unwrap_or_default(),
            }),
            ("slirp4netns", opts) => Ok(Mode::Slirp4netns {
                options: slirp::SlirpOptions::parse(opts.unwrap_or(""))?,
            }),
            ("bridge", _) => Err(NetworkError::Unsupported {
                mode: text.into(),
                reason: "bridge networks are not supported yet: use private (pasta or slirp4netns)".into(),
            }),
            ("ns", Some(p)) if p.starts_with('/') => Ok(Mode::Ns { path: PathBuf::from(p) }),
            ("ns", Some(_)) => Err(NetworkError::Unsupported {
                mode: text.into(),
                reason: "the path of a network namespace must be absolute".into(),
            }),
            ("container", Some(n)) if !n.is_empty() => Ok(Mode::Container { name: n.to_string() }),
            _ => Err(NetworkError::UnknownMode(text.into())),
        }
    }

    /// The name `inspect` shows (`NetworkMode`).
    pub fn name(&self) -> &'static str {
        match self {
            Mode::None => "none",
            Mode::Host => "host",
            Mode::Pasta { .. } => "pasta",
            Mode::Slirp4netns { .. } => "slirp4netns",
            Mode::Ns { .. } => "ns",
            Mode::Container { .. } => "container",
        }
    }

    /// Whether a helper process connects the namespace.
    pub fn needs_helper(&self) -> bool {
        matches!(self, Mode::Pasta { .. } | Mode::Slirp4netns { .. })
    }

    /// The container shares the host's network namespace.
    pub fn is_host(&self) -> bool {
        matches!(self, Mode::Host)
    }
}

/// Finds a helper in $PATH (and the usual system directories, which a minimal $PATH may lack).
fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var("PATH").unwrap_or_default();
    path.split(':')
        .filter(|d| !d.is_empty())
        .chain(["/usr/bin", "/usr/local/bin", "/usr/sbin"])
        .map(|d| Path::new(d).join(name))
        .find(|p| p.is_file())
}

fn default_mode() -> Result<Mode> {
    if find_program("pasta").is_some() {
        Ok(Mode::Pasta { options: Vec::new() })
    } else if find_program("slirp4netns").is_some() {
        Ok(Mode::Slirp4netns {
            options: slirp::SlirpOptions::default(),
        })
    } else {
        Err(NetworkError::NoHelper)
    }
}

/// `network.json` in the container's directory: fixed when the container is created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkConfig {
    #[serde(flatten)]
    pub mode: Mode,
    #[serde(default)]
    pub ports: Vec<PortMapping>,
}

const CONFIG_FILE: &str = "network.json";
const PID_FILE: &str = "network.pid";
const LOG_FILE: &str = "network.log";

impl NetworkConfig {
    /// The container's network; `None` for a container created before ferry recorded one (it
    /// has a private namespace with `lo` only).
    pub fn load(container_dir: &Path) -> Result<Option<NetworkConfig>> {
        let path = container_dir.join(CONFIG_FILE);
        match std::fs::read(&path) {
            Ok(data) => serde_json::from_slice(&data)
                .map(Some)
                .map_err(|source| NetworkError::Json { path, source }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(NetworkError::Io { path, source }),
        }
    }

    pub fn save(&self, container_dir: &Path) -> Result<()> {
        let path = container_dir.join(CONFIG_FILE);
        let json = serde_json::to_vec_pretty(self).expect("network config serializes");
        std::fs::write(&path, json).map_err(|source| NetworkError::Io { path, source })
    }
}

/// Resolves the ports of a new container: the `-p` mappings (parsed), the exposed ones for
/// `-P`; picks random host ports and checks that every host port can be bound now.
pub fn configure<'a>(
    mode: Mode,
    publish: &[PortMapping],
    publish_all: bool,
    exposed: impl IntoIterator<Item = &'a str>,
) -> Result<NetworkConfig> {
    let mut ports = publish.to_vec();
    if publish_all {
        publish::publish_all(&mut ports, &publish::exposed_ports(exposed));
    }
    if !ports.is_empty() && !mode.needs_helper() {
        if mode.is_host() {
            // Podman ignores published ports on the host network: the ports are the host's.
            ports.clear();
        } else {
            return Err(NetworkError::PortsWithoutNetwork(mode.name().into()));
        }
    }
    publish::reserve(&mut ports)?;
    Ok(NetworkConfig { mode, ports })
}

/// `--dns`, `--dns-search`, `--dns-option`.
#[derive(Debug, Clone, Default)]
pub struct DnsOptions {
    pub servers: Vec<String>,
    pub search: Vec<String>,
    pub options: Vec<String>,
}

/// The address containers behind pasta send DNS queries to; pasta forwards them to the host's
/// resolver (which may be a loopback stub the namespace cannot reach).
pub const PASTA_DNS: &str = "169.254.1.1";
/// slirp4netns's built-in DNS forwarder.
pub const SLIRP_DNS: &str = "10.0.2.3";
/// slirp4netns's address for the host's loopback (with `allow_host_loopback=true`).
pub const SLIRP_HOST_LOOPBACK: &str = "10.0.2.2";

fn is_loopback_nameserver(addr: &str) -> bool {
    addr.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// `/etc/resolv.conf` for a container, from the host's and the options.
pub fn resolv_conf(host: &str, mode: &Mode, dns: &DnsOptions) -> Result<String> {
    for s in &dns.servers {
        if s.parse::<IpAddr>().is_err() {
            return Err(NetworkError::Dns(s.clone()));
        }
    }
    let mut servers = Vec::new();
    let mut search = Vec::new();
    let mut options = Vec::new();
    for line in host.lines() {
        let mut words = line.split_whitespace();
        match words.next() {
            Some("nameserver") => servers.extend(words.next().map(str::to_string)),
            Some("search" | "domain") => search.extend(words.map(str::to_string)),
            Some("options") => options.extend(words.map(str::to_string)),
            _ => {}
        }
    }
    if !dns.servers.is_empty() {
        servers = dns.servers.clone();
    } else {
        match mode {
            Mode::Host => {}
            Mode::Pasta { .. } => servers = vec![PASTA_DNS.to_string()],
            Mode::Slirp4netns { .. } => servers = vec![SLIRP_DNS.to_string()],
            // Loopback resolvers (systemd-resolved's stub, dnsmasq) are unreachable from a
            // namespace of its own.
            Mode::None | Mode::Ns { .. } | Mode::Container { .. } => servers.retain(|s| !is_loopback_nameserver(s)),
        }
    }
    if !dns.search.is_empty() {
        search = dns.search.iter().filter(|s| s.as_str() != ".").cloned().collect();
    }
    if !dns.options.is_empty() {
        options = dns.options.clone();
    }
    let mut out = String::new();
    if !search.is_empty() {
        out.push_str(&format!("search {}\n", search.join(" ")));
    }
    for s in servers {
        out.push_str(&format!("nameserver {s}\n"));
    }
    if !options.is_empty() {
        out.push_str(&format!("options {}\n", options.join(" ")));
    }
    Ok(out)
}

/// One `--add-host HOST:IP` (`HOST:host-gateway` is the host's address as the container sees
/// it); several names may be joined with `;`.
pub fn parse_add_host(text: &str, gateway: Option<IpAddr>) -> Result<(String, IpAddr)> {
    let bad = || NetworkError::AddHost(text.to_string());
    let (names, addr) = text.split_once(':').or_else(|| text.split_once('=')).ok_or_else(bad)?;
    let valid_name = |n: &str| {
        !n.is_empty()
            && n.len() <= 253
            && n.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
    };
    if !names.split(';').all(valid_name) {
        return Err(bad());
    }
    let addr = addr.trim_start_matches('[').trim_end_matches(']');
    let ip = if addr == "host-gateway" {
        gateway.ok_or_else(bad)?
    } else {
        addr.parse().map_err(|_| bad())?
    };
    Ok((names.replace(';', " "), ip))
}

/// pasta's option that keeps the namespace's gateway address from reaching the host's
/// loopback (which pasta's default, --map-gw, does: services that listen on the host's
/// 127.0.0.1 would be open to the container).
pub const PASTA_NO_MAP_GW: &str = "--no-map-gw";

/// The address at which the container reaches the host's services
/// (`host.containers.internal`), if the mode has one.
pub fn host_address(mode: &Mode) -> Option<IpAddr> {
    match mode {
        // The namespace has copies of the addresses of the host's default interface, so
        // another of the host's addresses is the host (as Podman picks one).
        Mode::Pasta { options } if options.iter().any(|o| o == PASTA_NO_MAP_GW) => other_host_address().map(IpAddr::V4),
        // pasta maps the gateway's address to the host (its --map-gw default).
        Mode::Pasta { .. } => default_gateway().map(IpAddr::V4),
        Mode::Slirp4netns { options } if options.allow_host_loopback => SLIRP_HOST_LOOPBACK.parse().ok(),
        // slirp4netns reaches the host's own addresses through its NAT.
        Mode::Slirp4netns { .. } => primary_address(),
        Mode::Host | Mode::None | Mode::Ns { .. } | Mode::Container { .. } => None,
    }
}

/// The host's default IPv4 route (from /proc/net/route): its interface and gateway.
fn default_route() -> Option<(String, Ipv4Addr)> {
    let table = std::fs::read_to_string("/proc/net/route").ok()?;
    table.lines().skip(1).find_map(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        if f.len() > 2 && f[1] == "00000000" {
            let raw = u32::from_str_radix(f[2], 16).ok()?;
            // The file holds the address in the host's (little-endian) byte order.
            let gw = Ipv4Addr::from(raw.swap_bytes());
            (!gw.is_unspecified()).then(|| (f[0].to_string(), gw))
        } else {
            None
        }
    })
}

/// The IPv4 gateway of the host's default route.
fn default_gateway() -> Option<Ipv4Addr> {
    default_route().map(|(_, gw)| gw)
}

/// An IPv4 address of the host on an interface other than loopback and the default route's.
fn other_host_address() -> Option<Ipv4Addr> {
    let default_if = default_route().map(|(name, _)| name);
    let mut list: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs fills `list` with a list we free below.
    if unsafe { libc::getifaddrs(&mut list) } != 0 {
        return None;
    }
    let mut found = None;
    let mut cur = list;
    while !cur.is_null() && found.is_none() {
        // SAFETY: `cur` is a node of the list getifaddrs returned, not yet freed.
        let ifa = unsafe { &*cur };
        cur = ifa.ifa_next;
        // SAFETY: a non-null ifa_addr points to a sockaddr of the family it names.
        if ifa.ifa_addr.is_null() || i32::from(unsafe { (*ifa.ifa_addr).sa_family }) != libc::AF_INET {
            continue;
        }
        // SAFETY: an AF_INET address is a sockaddr_in; the name is a C string.
        let (addr, name) = unsafe {
            let sin = &*(ifa.ifa_addr as *const libc::sockaddr_in);
            (
                Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr)),
                std::ffi::CStr::from_ptr(ifa.ifa_name).to_string_lossy().into_owned(),
            )
        };
        if !addr.is_loopback() && default_if.as_deref() != Some(name.as_str()) {
            found = Some(addr);
        }
    }
    // SAFETY: the list came from getifaddrs and is freed once.
    unsafe { libc::freeifaddrs(list) };
    found
}

/// The host's source address towards its default gateway (no packet is sent).
fn primary_address() -> Option<IpAddr> {
    let gw = default_gateway()?;
    let s = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    s.connect((gw, 9)).ok()?;
    s.local_addr().ok().map(|a| a.ip())
}

/// `/etc/hosts` for a container: the loopback names, the container's own name, `--add-host`
/// entries and `host.containers.internal`.
pub fn hosts_file(base: &str, mode: &Mode, add_hosts: &[(String, IpAddr)]) -> String {
    let mut out = base.to_string();
    for (names, ip) in add_hosts {
        out.push_str(&format!("{ip}\t{names}\n"));
    }
    let defined = add_hosts
        .iter()
        .any(|(n, _)| n.split(' ').any(|n| n == "host.containers.internal"));
    if !defined && let Some(ip) = host_address(mode) {
        out.push_str(&format!("{ip}\thost.containers.internal host.docker.internal\n"));
    }
    out
}

/// A running helper.
struct Spawned {
    child: std::process::Child,
    helper: &'static str,
}

/// Waits until `ready` has data (success) or end-of-file, or the timeout passes; on failure
/// the helper is killed and its log explains why.
fn wait_ready(mut spawned: Spawned, ready: OwnedFd, log: &Path) -> Result<std::process::Child> {
    const TIMEOUT: Duration = Duration::from_secs(10);
    let started = Instant::now();
    let mut buf = [0u8; 32];
    let mut ready = std::fs::File::from(ready);
    loop {
        let left = TIMEOUT.saturating_sub(started.elapsed());
        let mut fds = [libc::pollfd {
            fd: ready.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        }];
        // SAFETY: poll over one pollfd we own.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), 1, left.as_millis() as libc::c_int) };
        if n < 0 && Errno::last() == Errno::EINTR {
            continue;
        }
        if n == 0 {
            let _ = spawned.child.kill();
            let _ = spawned.child.wait();
            return Err(NetworkError::Timeout {
                helper: spawned.helper,
                seconds: TIMEOUT.as_secs(),
            });
        }
        match ready.read(&mut buf) {
            Ok(n) if n > 0 => return Ok(spawned.child),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            _ => {
                let _ = spawned.child.kill();
                let _ = spawned.child.wait();
                return Err(NetworkError::Failed {
                    helper: spawned.helper,
                    message: helper_message(log),
                });
            }
        }
    }
}

/// The helper's own error lines from its log (pasta also reports its failing syslog writes).
fn helper_message(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("Failed to send") && !l.starts_with("WARNING: "))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Spawns `program` with the container's network namespace at descriptor 3 and the write end
/// of a readiness pipe at 4; its stderr goes to the log file. The helper gets SIGTERM if its
/// supervisor dies.
fn spawn(
    helper: &'static str,
    program: &Path,
    args: &[String],
    netns: &OwnedFd,
    ready: &OwnedFd,
    log: &Path,
    cwd: &Path,
) -> Result<Spawned> {
    let log_file = std::fs::File::create(log).map_err(|source| NetworkError::Io {
        path: log.to_path_buf(),
        source,
    })?;
    let (ns, rd) = (netns.as_raw_fd(), ready.as_raw_fd());
    let mut cmd = std::process::Command::new(program);
    cmd.args(args)
        .current_dir(cwd)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(log_file);
    // SAFETY: only async-signal-safe calls (dup2, prctl) between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            // dup2 clears close-on-exec on the copies (a descriptor duplicated onto itself
            // keeps the flag, so go through a spare number first).
            let spare_ns = libc::fcntl(ns, libc::F_DUPFD, 10);
            let spare_rd = libc::fcntl(rd, libc::F_DUPFD, 10);
            if spare_ns < 0 || spare_rd < 0 || libc::dup2(spare_ns, 3) < 0 || libc::dup2(spare_rd, 4) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            libc::close(spare_ns);
            libc::close(spare_rd);
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM, 0, 0, 0);
            Ok(())
        });
    }
    let child = cmd.spawn().map_err(|source| NetworkError::Spawn { helper, source })?;
    Ok(Spawned { child, helper })
}

/// Connects the network namespace of the container's init `pid` (a child of this process)
/// as `config` says, publishes its ports, and records the helper's pid in `container_dir`.
/// Returns once the network is up. Does nothing for modes without a helper.
pub fn start(container_dir: &Path, config: &NetworkConfig, pid: i32) -> Result<()> {
    if !config.mode.needs_helper() {
        return Ok(());
    }
    let ns_path = PathBuf::from(format!("/proc/{pid}/ns/net"));
    // The helper gets the namespace as a descriptor: opening /proc/PID/ns/net itself would
    // need ptrace access to the init, which pasta drops before it opens the path.
    let netns: OwnedFd = std::fs::File::open(&ns_path)
        .map_err(|source| NetworkError::Io { path: ns_path, source })?
        .into();
    start_in(container_dir, config, netns)
}

/// [`start`] for the network namespace `netns`, which needs not belong to a process.
pub fn start_in(container_dir: &Path, config: &NetworkConfig, netns: OwnedFd) -> Result<()> {
    if !config.mode.needs_helper() {
        return Ok(());
    }
    // The ports were free when the container was created; a clear error beats the helper's
    // (pasta 2023-03 even starts without a port it cannot bind).
    publish::reserve(&mut config.ports.clone())?;
    let (ready_r, ready_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
    let log = container_dir.join(LOG_FILE);
    let (spawned, api) = match &config.mode {
        Mode::Pasta { options } => {
            let program = find_program("pasta").ok_or(NetworkError::Unsupported {
                mode: "pasta".into(),
                reason: "pasta is not installed (the passt package)".into(),
            })?;
            let args = pasta::args(options, &config.ports);
            (
                spawn("pasta", &program, &args, &netns, &ready_w, &log, container_dir)?,
                false,
            )
        }
        Mode::Slirp4netns { options } => {
            let program = find_program("slirp4netns").ok_or(NetworkError::Unsupported {
                mode: "slirp4netns".into(),
                reason: "slirp4netns is not installed".into(),
            })?;
            let args = slirp::args(options, !config.ports.is_empty());
            (
                spawn("slirp4netns", &program, &args, &netns, &ready_w, &log, container_dir)?,
                true,
            )
        }
        Mode::None | Mode::Host | Mode::Ns { .. } | Mode::Container { .. } => {
            unreachable!("modes without a helper returned above")
        }
    };
    drop(ready_w);
    drop(netns);
    let mut child = wait_ready(spawned, ready_r, &log)?;
    if api && let Err(e) = slirp::publish(container_dir, &config.ports) {
        let _ = child.kill();
        let _ = child.wait();
        return Err(e);
    }
    let pid_path = container_dir.join(PID_FILE);
    if let Err(source) = std::fs::write(&pid_path, child.id().to_string()) {
        let _ = child.kill();
        let _ = child.wait();
        return Err(NetworkError::Io { path: pid_path, source });
    }
    // The supervisor reaps it in `stop` (by pid: the monitor re-executes between the two).
    std::mem::forget(child);
    Ok(())
}

/// Ends the container's network helper (a child of this process) after the container exited.
/// It has nothing to flush, so it is killed. With published ports it is waited for: its
/// listening sockets close as it exits, and the ports must be free once the container's exit is
/// recorded (`stop`, `rm -f` and a `run -p` of the same port right after them). Without, it is
/// reaped here if already gone, else by init once the supervisor, which is about to exit
/// itself, has: pasta takes ~25 ms to exit (it unmaps tens of megabytes of tables), which a
/// `run --rm` need not wait for.
pub fn stop(container_dir: &Path) {
    let pid_path = container_dir.join(PID_FILE);
    let Some(pid) = std::fs::read_to_string(&pid_path)
        .ok()
        .and_then(|s| s.trim().parse::<i32>().ok())
        .filter(|&p| p > 0)
    else {
        return;
    };
    let pid = nix::unistd::Pid::from_raw(pid);
    let no_hang = Some(nix::sys::wait::WaitPidFlag::WNOHANG);
    // Only our own child is ours to signal: a stale file must not hit an unrelated process.
    if let Ok(nix::sys::wait::WaitStatus::StillAlive) = nix::sys::wait::waitpid(pid, no_hang) {
        let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
        let published = NetworkConfig::load(container_dir).is_ok_and(|c| c.is_some_and(|c| !c.ports.is_empty()));
        let wait = if published { None } else { no_hang };
        while let Err(Errno::EINTR) = nix::sys::wait::waitpid(pid, wait) {}
    }
    let _ = std::fs::remove_file(pid_path);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes() {
        assert_eq!(Mode::parse("none").unwrap(), Mode::None);
        assert_eq!(
            Mode::parse("ns:/run/netns/x").unwrap(),
            Mode::Ns {
                path: PathBuf::from("/run/netns/x")
            }
        );
        assert_eq!(
            Mode::parse("container:web").unwrap(),
            Mode::Container { name: "web".into() }
        );
        for bad in ["ns:", "ns:relative", "container:", "ns", "container"] {
            assert!(Mode::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Mode::parse("host").unwrap(), Mode::Host);
        assert_eq!(
            Mode::parse("pasta:-T,8000,--mtu,1500").unwrap(),
            Mode::Pasta {
                options: vec!["-T".into(), "8000".into(), "--mtu".into(), "1500".into()]
            }
        );
        match Mode::parse("slirp4netns:allow_host_loopback=true,mtu=1500").unwrap() {
            Mode::Slirp4netns { options } => {
                assert!(options.allow_host_loopback);
                assert_eq!(options.mtu, Some(1500));
            }
            m => panic!("{m:?}"),
        }
        for bad in ["bogus", "none:x", "host:1", "slirp4netns:nope=1", "NONE", "bridge"] {
            assert!(Mode::parse(bad).is_err(), "{bad}");
        }
        let cfg = NetworkConfig {
            mode: Mode::parse("slirp4netns:cidr=10.5.0.0/24").unwrap(),
            ports: publish::parse_publish("8080:80").unwrap(),
        };
        let json = serde_json::to_string(&cfg).unwrap();
        assert_eq!(serde_json::from_str::<NetworkConfig>(&json).unwrap(), cfg);
    }

    #[test]
    fn resolv() {
        let host = "# comment\nnameserver 127.0.0.53\nnameserver 10.1.1.1\nsearch example.com\noptions edns0\n";
        let pasta = Mode::Pasta { options: vec![] };
        let r = resolv_conf(host, &pasta, &DnsOptions::default()).unwrap();
        assert_eq!(r, "search example.com\nnameserver 169.254.1.1\noptions edns0\n");
        let r = resolv_conf(host, &Mode::None, &DnsOptions::default()).unwrap();
        assert_eq!(r, "search example.com\nnameserver 10.1.1.1\noptions edns0\n");
        let r = resolv_conf(host, &Mode::Host, &DnsOptions::default()).unwrap();
        assert!(r.contains("nameserver 127.0.0.53"));
        let dns = DnsOptions {
            servers: vec!["1.1.1.1".into(), "2001:db8::1".into()],
            search: vec!["a.test".into(), "b.test".into()],
            options: vec!["ndots:2".into()],
        };
        let r = resolv_conf(host, &pasta, &dns).unwrap();
        assert_eq!(
            r,
            "search a.test b.test\nnameserver 1.1.1.1\nnameserver 2001:db8::1\noptions ndots:2\n"
        );
        let no_search = DnsOptions {
            search: vec![".".into()],
            ..Default::default()
        };
        assert!(!resolv_conf(host, &pasta, &no_search).unwrap().contains("search"));
        for bad in ["", "example.com", "1.2.3", "1.1.1.1\nnameserver 6.6.6.6"] {
            let dns = DnsOptions {
                servers: vec![bad.into()],
                ..Default::default()
            };
            assert!(resolv_conf(host, &pasta, &dns).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn add_host() {
        let gw_ip: IpAddr = "192.0.2.1".parse().unwrap();
        let gw = Some(gw_ip);
        assert_eq!(
            parse_add_host("db:10.0.0.5", gw).unwrap(),
            ("db".to_string(), "10.0.0.5".parse().unwrap())
        );
        assert_eq!(
            parse_add_host("v6:2001:db8::2", gw).unwrap().1,
            "2001:db8::2".parse::<IpAddr>().unwrap()
        );
        assert_eq!(
            parse_add_host("v6:[::1]", gw).unwrap().1,
            "::1".parse::<IpAddr>().unwrap()
        );
        assert_eq!(parse_add_host("a;b:1.2.3.4", gw).unwrap().0, "a b");
        assert_eq!(parse_add_host("gw:host-gateway", gw).unwrap().1, gw_ip);
        assert_eq!(parse_add_host("eq=1.2.3.4", gw).unwrap().0, "eq");
        for bad in [
            "",
            "db",
            ":1.2.3.4",
            "db:",
            "db:nope",
            "d b:1.2.3.4",
            "db\n1.2.3.4 evil:1.2.3.4",
            "db:1.2.3.4\nx",
            "db;:1.2.3.4",
        ] {
            assert!(parse_add_host(bad, gw).is_err(), "{bad:?}");
        }
        assert!(parse_add_host("gw:host-gateway", None).is_err());
    }

    #[test]
    fn hosts() {
        let base = "127.0.0.1\tlocalhost\n";
        let add = vec![("db".to_string(), "10.0.0.5".parse().unwrap())];
        let h = hosts_file(base, &Mode::None, &add);
        assert_eq!(h, "127.0.0.1\tlocalhost\n10.0.0.5\tdb\n");
        let h = hosts_file(
            base,
            &Mode::Slirp4netns {
                options: slirp::SlirpOptions {
                    allow_host_loopback: true,
                    ..Default::default()
                },
            },
            &[],
        );
        assert!(
            h.ends_with("10.0.2.2\thost.containers.internal host.docker.internal\n"),
            "{h}"
        );
        let own = vec![("host.containers.internal".to_string(), "10.9.9.9".parse().unwrap())];
        let h = hosts_file(base, &Mode::Pasta { options: vec![] }, &own);
        assert_eq!(h.matches("host.containers.internal").count(), 1);
    }
}
