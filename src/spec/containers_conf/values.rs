//! The value formats of containers.conf: sizes, umasks, devices, sysctls, `KEY=VALUE` lists and
//! the names of modes, each checked as Podman 4.3 checks it. Errors are plain messages; the
//! reader adds the file, line and key.

use std::net::IpAddr;
use std::path::{Component, Path, PathBuf};
use std::str::FromStr;

use oci_spec::runtime::{Capability, PosixRlimit};

use crate::store::networks::Cidr;

/// Declares a mode enum with its names as containers.conf spells them.
macro_rules! named_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal $(| $alias:literal)*,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
        }

        impl $name {
            /// The name containers.conf uses.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<$name, String> {
                match s {
                    $($text $(| $alias)* => Ok($name::$variant),)+
                    _ => Err(format!(
                        "unknown value {s:?}: expected {}",
                        [$($text),+].join(", ")
                    )),
                }
            }
        }
    };
}

named_enum!(
    /// `cgroupns`, `pidns`, `utsns`.
    NamespaceMode {
        Private = "private",
        Host = "host",
    }
);

named_enum!(
    /// `ipcns`.
    IpcMode {
        Host = "host",
        /// Private, without /dev/shm.
        None = "none",
        /// Private; no other container may join it.
        Private = "private",
        /// Private; other containers may join it.
        Shareable = "shareable",
    }
);

named_enum!(
    /// `cgroups`.
    CgroupsMode {
        Enabled = "enabled",
        Disabled = "disabled",
        NoConmon = "no-conmon",
        Split = "split",
    }
);

named_enum!(
    /// `log_driver`; `json-file` is Podman's alias of `k8s-file`.
    LogDriver {
        K8sFile = "k8s-file" | "json-file",
        Journald = "journald",
        None = "none",
        Passthrough = "passthrough",
    }
);

named_enum!(
    /// `events_logger`.
    EventsLogger {
        File = "file",
        Journald = "journald",
        None = "none",
    }
);

named_enum!(
    /// `cgroup_manager`.
    CgroupManager {
        Systemd = "systemd",
        Cgroupfs = "cgroupfs",
    }
);

named_enum!(
    /// `image_volume_mode`: what to do with the volumes an image declares.
    ImageVolumeMode {
        Bind = "bind",
        Tmpfs = "tmpfs",
        Ignore = "ignore",
    }
);

named_enum!(
    /// `pod_exit_policy`.
    PodExitPolicy {
        Continue = "continue",
        Stop = "stop",
    }
);

named_enum!(
    /// `default_rootless_network_cmd`.
    RootlessNetworkCmd {
        Slirp4netns = "slirp4netns",
        Pasta = "pasta",
    }
);

named_enum!(
    /// `[secrets] driver`.
    SecretsDriver {
        File = "file",
        Pass = "pass",
        Shell = "shell",
    }
);

/// `base_hosts_file`: what the container's /etc/hosts starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BaseHostsFile {
    /// `""`: the host's /etc/hosts.
    Host,
    /// `image`: the image's /etc/hosts.
    Image,
    /// `none`: only the entries the engine adds.
    None,
    Path(PathBuf),
}

impl FromStr for BaseHostsFile {
    type Err = String;
    fn from_str(s: &str) -> Result<BaseHostsFile, String> {
        Ok(match s {
            "" => BaseHostsFile::Host,
            "image" => BaseHostsFile::Image,
            "none" => BaseHostsFile::None,
            p => BaseHostsFile::Path(absolute_path(p)?),
        })
    }
}

/// One `default_ulimits` entry, read with the rules of `--ulimit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ulimit {
    /// As written (`nofile=1024:2048`), for re-checking against ferry's own limits when rootless.
    pub spec: String,
    pub limit: PosixRlimit,
}

impl FromStr for Ulimit {
    type Err = String;
    fn from_str(s: &str) -> Result<Ulimit, String> {
        // Whether the limit can be raised is a question for the container's start, not for the
        // file: here every syntactically valid limit is accepted.
        let limit = crate::spec::ulimit::parse_ulimit(s, true, |_| libc::RLIM_INFINITY).map_err(|e| e.to_string())?;
        Ok(Ulimit {
            spec: s.to_string(),
            limit,
        })
    }
}

/// One `devices` entry: `HOST[:CONTAINER][:PERMISSIONS]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub host: PathBuf,
    pub container: PathBuf,
    /// Some of `r`, `w`, `m`, each at most once.
    pub permissions: String,
}

impl FromStr for Device {
    type Err = String;
    /// As Podman: the second field is the permissions when it reads as permissions, else the
    /// path in the container, which must be absolute; the host path must be under /dev.
    fn from_str(s: &str) -> Result<Device, String> {
        let bad = |why: &str| Err(format!("invalid device {s:?}: {why}"));
        let parts: Vec<&str> = s.split(':').collect();
        if parts.len() > 3 {
            return bad("expected HOST[:CONTAINER][:PERMISSIONS]");
        }
        if s.contains('\0') {
            return bad("contains a NUL byte");
        }
        let mut permissions = "rwm";
        if let Some(p) = parts.get(2) {
            if !is_device_mode(p) {
                return bad("the permissions must be some of r, w and m");
            }
            permissions = p;
        }
        let mut container = None;
        if let Some(second) = parts.get(1) {
            if is_device_mode(second) {
                permissions = second;
            } else if second.starts_with('/') {
                container = Some(*second);
            } else {
                return bad("the path in the container must be absolute");
            }
        }
        let host = parts[0];
        if !host.starts_with("/dev/") {
            return bad("the host device must be under /dev");
        }
        Ok(Device {
            host: PathBuf::from(host),
            container: PathBuf::from(container.unwrap_or(host)),
            permissions: permissions.to_string(),
        })
    }
}

fn is_device_mode(mode: &str) -> bool {
    let mut seen = Vec::new();
    !mode.is_empty()
        && mode.chars().all(|c| {
            let fresh = matches!(c, 'r' | 'w' | 'm') && !seen.contains(&c);
            seen.push(c);
            fresh
        })
}

/// One `[network] default_subnet_pools` entry: subnets of `size` bits are carved out of `base`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubnetPool {
    pub base: Cidr,
    pub size: u8,
}

/// A subnet (`10.88.0.0/16`) as ferry's networks take it (IPv4).
pub fn subnet(s: &str) -> Result<Cidr, String> {
    s.parse::<Cidr>().map_err(|e| e.to_string())
}

/// A capability name, with or without `CAP_`, in any case (as Podman adds the prefix).
pub fn capability(s: &str) -> Result<Capability, String> {
    crate::runtime::spec::parse_cap(s).map_err(|e| e.to_string())
}

/// A byte size as go-units writes it: digits with an optional fraction, an optional space, an
/// optional unit letter (k, m, g, t, p in any case), an optional `i` and an optional `b`.
/// Podman reads the unit in powers of 1024 for some keys (`shm_size`) and of 1000 for others
/// (`events_logfile_max_size`): `base` says which.
pub fn size(s: &str, base: u64) -> Result<u64, String> {
    let bad = || format!("invalid size {s:?}: expected a number with an optional unit (b, k, m, g, t, p)");
    let digits = s.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(s.len());
    let (number, unit) = s.split_at(digits);
    let unit = unit.strip_prefix(' ').unwrap_or(unit).to_ascii_lowercase();
    let unit = unit.strip_suffix('b').unwrap_or(&unit);
    let unit = unit.strip_suffix('i').unwrap_or(unit);
    let power = match unit {
        "" => 0,
        "k" => 1,
        "m" => 2,
        "g" => 3,
        "t" => 4,
        "p" => 5,
        _ => return Err(bad()),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() || (number.contains('.') && (fraction.is_empty() || fraction.contains('.'))) {
        return Err(bad());
    }
    let multiplier = base.checked_pow(power).ok_or_else(bad)?;
    if fraction.is_empty() {
        return whole
            .parse::<u64>()
            .ok()
            .and_then(|n| n.checked_mul(multiplier))
            .filter(|&n| i64::try_from(n).is_ok())
            .ok_or_else(bad);
    }
    let bytes = number.parse::<f64>().map_err(|_| bad())? * multiplier as f64;
    if !bytes.is_finite() || bytes >= i64::MAX as f64 {
        return Err(bad());
    }
    Ok(bytes as u64)
}

/// `umask`: one to four octal digits.
pub fn umask(s: &str) -> Result<u32, String> {
    if (1..=4).contains(&s.len()) && s.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        u32::from_str_radix(s, 8).map_err(|e| e.to_string())
    } else {
        Err(format!(
            "invalid umask {s:?}: expected up to four octal digits such as 0022"
        ))
    }
}

/// `KEY=VALUE` for annotations: the value may be empty or missing, the key may not.
pub fn annotation(s: &str) -> Result<(String, String), String> {
    let (k, v) = s.split_once('=').unwrap_or((s, ""));
    if k.is_empty() {
        return Err(format!("invalid annotation {s:?}: expected KEY=VALUE"));
    }
    Ok((k.to_string(), v.to_string()))
}

/// A container environment entry: `KEY=VALUE`, `KEY` or `PREFIX*` with a non-empty key.
pub fn container_env(s: &str) -> Result<String, String> {
    let key = s.split_once('=').map_or(s, |(k, _)| k);
    if key.is_empty() || key.chars().any(char::is_whitespace) || s.contains('\0') {
        return Err(format!("invalid environment variable {s:?}: expected KEY=VALUE"));
    }
    Ok(s.to_string())
}

/// The sysctls a container may set because they belong to its own namespaces (Podman's list).
const NAMESPACED_SYSCTLS: &[&str] = &[
    "kernel.msgmax",
    "kernel.msgmnb",
    "kernel.msgmni",
    "kernel.sem",
    "kernel.shmall",
    "kernel.shmmax",
    "kernel.shmmni",
    "kernel.shm_rmid_forced",
];
const NAMESPACED_SYSCTL_PREFIXES: &[&str] = &["net.", "fs.mqueue."];

/// `NAME=VALUE` of a namespaced sysctl, without spaces around the `=`.
pub fn sysctl(s: &str) -> Result<(String, String), String> {
    let Some((name, value)) = s.split_once('=') else {
        return Err(format!("invalid sysctl {s:?}: expected NAME=VALUE"));
    };
    if name.trim() != name || value.trim() != value || value.contains('=') || s.contains('\0') {
        return Err(format!(
            "invalid sysctl {s:?}: expected NAME=VALUE without spaces around the names"
        ));
    }
    // Runtimes turn dots into slashes and slashes into dots to find the file under
    // /proc/sys: no name may become a path with `.` or `..` in it.
    let as_path: String = name
        .chars()
        .map(|c| match c {
            '.' => '/',
            '/' => '.',
            c => c,
        })
        .collect();
    if as_path
        .split('/')
        .any(|part| part.is_empty() || part == "." || part == "..")
    {
        return Err(format!("invalid sysctl name {name:?}"));
    }
    if !NAMESPACED_SYSCTLS.contains(&name) && !NAMESPACED_SYSCTL_PREFIXES.iter().any(|p| name.starts_with(p)) {
        return Err(format!(
            "sysctl {name:?} is not allowed: only net.*, fs.mqueue.* and the IPC kernel.* sysctls belong to a container"
        ));
    }
    Ok((name.to_string(), value.to_string()))
}

/// A `dns_servers` entry: an IP address or `none`.
pub fn dns_server(s: &str) -> Result<String, String> {
    if s == "none" || s.parse::<IpAddr>().is_ok() {
        Ok(s.to_string())
    } else {
        Err(format!("invalid DNS server {s:?}: expected an IP address or none"))
    }
}

/// A `dns_searches` or `dns_options` entry: one word for resolv.conf.
pub fn resolv_word(s: &str) -> Result<String, String> {
    if s.is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Err(format!("invalid resolv.conf entry {s:?}: expected one word"))
    } else {
        Ok(s.to_string())
    }
}

/// `host_containers_internal_ip`: an IP address or `none`.
pub fn host_ip(s: &str) -> Result<String, String> {
    if s == "none" || s.parse::<IpAddr>().is_ok() {
        Ok(s.to_string())
    } else {
        Err(format!("invalid address {s:?}: expected an IP address or none"))
    }
}

/// A `volumes` entry: `[SOURCE:]DESTINATION[:OPTIONS]` with an absolute destination. The rest
/// is checked where the volume is mounted, as for `-v`.
pub fn volume(s: &str) -> Result<String, String> {
    let parts: Vec<&str> = s.split(':').collect();
    let destination = match parts.as_slice() {
        [dst] | [_, dst] | [_, dst, _] => dst,
        _ => return Err(format!("invalid volume {s:?}: expected [SOURCE:]DESTINATION[:OPTIONS]")),
    };
    if !destination.starts_with('/') || s.contains('\0') {
        return Err(format!(
            "invalid volume {s:?}: the destination must be an absolute path"
        ));
    }
    Ok(s.to_string())
}

/// The mode names Podman accepts for `netns` (the part before `:`).
const NETWORK_MODES: &[&str] = &[
    "bridge",
    "host",
    "none",
    "private",
    "slirp4netns",
    "pasta",
    "ns",
    "container",
];

/// `netns`: a `--network` value (empty is `private`); the mode's options are checked where it
/// is applied.
pub fn network_mode(s: &str) -> Result<String, String> {
    if s.is_empty() {
        return Ok("private".into());
    }
    let name = s.split_once(':').map_or(s, |(n, _)| n);
    if NETWORK_MODES.contains(&name) && !s.contains('\0') {
        Ok(s.to_string())
    } else {
        Err(format!(
            "unknown network mode {s:?}: expected one of {}",
            NETWORK_MODES.join(", ")
        ))
    }
}

/// The mode names Podman accepts for `userns` (the part before `:`); empty is `host`.
const USERNS_MODES: &[&str] = &["", "host", "private", "auto", "keep-id", "nomap", "ns", "container"];

/// `userns`: a `--userns` value; the mode's options are checked where it is applied.
pub fn userns_mode(s: &str) -> Result<String, String> {
    let name = s.split_once(':').map_or(s, |(n, _)| n);
    if USERNS_MODES.contains(&name) && !s.contains('\0') {
        Ok(if s.is_empty() { "host".into() } else { s.to_string() })
    } else {
        Err(format!(
            "unknown user namespace mode {s:?}: expected host, private, auto, keep-id, nomap, ns:PATH or container:NAME"
        ))
    }
}

/// `pull_policy`, normalized; Podman's other spellings (`IfNotPresent`, `ifnewer`, …) and its
/// empty value (`missing`) are accepted.
pub fn pull_policy(s: &str) -> Result<String, String> {
    let normal = match s.to_ascii_lowercase().as_str() {
        "always" => "always",
        "missing" | "ifnotpresent" | "" => "missing",
        "newer" | "ifnewer" => "newer",
        "never" => "never",
        _ => {
            return Err(format!(
                "unknown pull policy {s:?}: expected always, missing, newer or never"
            ));
        }
    };
    Ok(normal.to_string())
}

/// `detach_keys`, checked as `--detach-keys` is.
pub fn detach_keys(s: &str) -> Result<String, String> {
    crate::runtime::tty::DetachKeys::parse(s)
        .map(|_| s.to_string())
        .map_err(|e| e.to_string())
}

/// Where time zone files are looked for, in order.
pub const ZONEINFO_DIRS: &[&str] = &["/usr/share/zoneinfo", "/etc/zoneinfo"];

/// `tz`: `local`, or a zone that exists under /usr/share/zoneinfo or /etc/zoneinfo (Podman
/// checks the same places). A name that climbs out of those directories is refused.
pub fn timezone(s: &str) -> Result<String, String> {
    let dirs: Vec<&Path> = ZONEINFO_DIRS.iter().map(Path::new).collect();
    timezone_in(s, &dirs)
}

pub(super) fn timezone_in(s: &str, dirs: &[&Path]) -> Result<String, String> {
    if s == "local" {
        return Ok(s.to_string());
    }
    let relative = Path::new(s);
    let plain = !s.is_empty() && !s.contains('\0') && relative.components().all(|c| matches!(c, Component::Normal(_)));
    if !plain {
        return Err(format!(
            "invalid time zone {s:?}: expected local or a zone name such as Europe/Berlin"
        ));
    }
    if dirs.iter().any(|d| d.join(relative).is_file()) {
        Ok(s.to_string())
    } else {
        let places: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
        Err(format!("time zone {s:?} is not in {}", places.join(" or ")))
    }
}

/// A path that must be absolute.
pub fn absolute_path(s: &str) -> Result<PathBuf, String> {
    if s.starts_with('/') && !s.contains('\0') {
        Ok(PathBuf::from(s))
    } else {
        Err(format!("invalid path {s:?}: expected an absolute path"))
    }
}

/// An `[engine] env` entry, `KEY=VALUE`; None when it has no `=` (Podman skips it with a
/// warning).
pub fn engine_env(s: &str) -> Option<(String, String)> {
    let (k, v) = s.split_once('=')?;
    (!k.is_empty() && !s.contains('\0')).then(|| (k.to_string(), v.to_string()))
}

/// Whether SELinux is enabled on the host: its filesystem is mounted.
pub fn selinux_enabled() -> bool {
    Path::new("/sys/fs/selinux/enforce").exists()
}

/// Whether AppArmor is enabled on the host.
pub fn apparmor_enabled() -> bool {
    std::fs::read_to_string("/sys/module/apparmor/parameters/enabled").is_ok_and(|v| v.trim() == "Y")
}

/// Podman's default cgroup manager: systemd when it is PID 1, except rootless on cgroup v1.
pub fn default_cgroup_manager(rootless: bool) -> CgroupManager {
    let systemd = std::fs::read_to_string("/proc/1/comm").is_ok_and(|c| c.trim_end() == "systemd");
    let v2 = nix::sys::statfs::statfs("/sys/fs/cgroup")
        .is_ok_and(|s| s.filesystem_type() == nix::sys::statfs::CGROUP2_SUPER_MAGIC);
    if systemd && (v2 || !rootless) {
        CgroupManager::Systemd
    } else {
        CgroupManager::Cgroupfs
    }
}
