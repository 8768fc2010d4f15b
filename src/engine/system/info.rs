//! `info`: the host (kernel, id mappings, memory, distribution), registries.conf's settings,
//! the store's paths and counts, and this ferry's version, in Podman's JSON shape (serialised,
//! the JSON `info --format json` prints).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::{Error, Result, VersionInfo};
use crate::config::registries::RegistriesConf;
use crate::engine::Engine;
use crate::image::manifest::host_arch;
use crate::runtime::probe;
use crate::store::Store;
use crate::sys::idmap::IdRange;

/// Everything `info` shows.
#[derive(Debug, Serialize)]
pub struct Info {
    pub host: HostInfo,
    pub registries: Value,
    pub store: StoreInfo,
    pub version: VersionInfo,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HostInfo {
    pub arch: &'static str,
    pub os: &'static str,
    pub kernel: String,
    pub hostname: String,
    pub cgroup_version: &'static str,
    pub id_mappings: IdMappings,
    pub security: Security,
    /// ferry-specific: whether root in a user namespace can mount overlayfs.
    pub overlay_user_namespace: bool,
    pub mem_total: u64,
    pub mem_free: u64,
    pub swap_total: u64,
    pub swap_free: u64,
    pub cpus: usize,
    pub distribution: BTreeMap<String, String>,
}

/// `null` as root, as in Podman.
#[derive(Debug, Serialize)]
pub struct IdMappings {
    pub uidmap: Option<Vec<IdRange>>,
    pub gidmap: Option<Vec<IdRange>>,
}

#[derive(Debug, Serialize)]
pub struct Security {
    pub rootless: bool,
}

/// Where the store is and what it holds.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoreInfo {
    pub graph_root: String,
    pub run_root: String,
    pub graph_driver_name: &'static str,
    pub graph_root_allocated: u64,
    pub graph_root_used: u64,
    pub image_store: Count,
    pub container_store: ContainerCount,
}

#[derive(Debug, Serialize)]
pub struct Count {
    pub number: usize,
}

/// Not counted yet (all zero); the counts keep Podman's shape for scripts.
#[derive(Debug, Serialize, Default)]
pub struct ContainerCount {
    pub number: usize,
    pub paused: usize,
    pub running: usize,
    pub stopped: usize,
}

/// The facts `info` shows, about `engine`'s host and user and its opened `store`.
pub fn info(engine: &Engine, store: &Store) -> Result<Info> {
    let mapping = engine.mapping();
    let images = store.images().list().map_err(Error::Index)?;
    let (allocated, used) = fs_usage(store.root());
    let mem = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem = |key| meminfo(&mem, key).unwrap_or(0);
    Ok(Info {
        host: HostInfo {
            arch: host_arch(),
            os: "linux",
            kernel: probe::kernel_release(),
            hostname: nix::unistd::gethostname()
                .map(|h| h.to_string_lossy().into_owned())
                .unwrap_or_default(),
            cgroup_version: cgroup_version(),
            id_mappings: IdMappings {
                uidmap: mapping.as_ref().map(|m| m.uids.clone()),
                gidmap: mapping.as_ref().map(|m| m.gids.clone()),
            },
            security: Security {
                rootless: engine.host.rootless,
            },
            overlay_user_namespace: probe::overlay_in_userns(store),
            mem_total: mem("MemTotal"),
            mem_free: mem("MemFree"),
            swap_total: mem("SwapTotal"),
            swap_free: mem("SwapFree"),
            cpus: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            distribution: distribution(&std::fs::read_to_string("/etc/os-release").unwrap_or_default()),
        },
        registries: registries_value(&RegistriesConf::load()?),
        store: StoreInfo {
            graph_root: store.root().display().to_string(),
            run_root: store.runroot().display().to_string(),
            graph_driver_name: "overlay",
            graph_root_allocated: allocated,
            graph_root_used: used,
            image_store: Count { number: images.len() },
            container_store: ContainerCount::default(),
        },
        version: VersionInfo::current(),
    })
}

/// Podman's `registries` section: the search list, then one entry per `[[registry]]` prefix.
fn registries_value(conf: &RegistriesConf) -> Value {
    let mut map = serde_json::Map::new();
    map.insert("search".into(), serde_json::json!(conf.search_registries()));
    if let Some(mode) = conf.short_name_mode() {
        map.insert(
            "shortNameMode".into(),
            serde_json::to_value(mode).unwrap_or(Value::Null),
        );
    }
    map.insert("configFiles".into(), serde_json::json!(conf.files()));
    for r in conf.registries() {
        let mirrors: Vec<Value> = r
            .mirrors
            .iter()
            .map(|m| serde_json::json!({"Location": m.location, "Insecure": m.insecure}))
            .collect();
        map.insert(
            r.prefix.clone(),
            serde_json::json!({
                "Prefix": r.prefix,
                "Location": r.location,
                "Insecure": r.insecure,
                "Blocked": r.blocked,
                "Mirrors": mirrors,
            }),
        );
    }
    Value::Object(map)
}

/// "v2" when /sys/fs/cgroup is the unified hierarchy, else "v1" (legacy or hybrid).
fn cgroup_version() -> &'static str {
    use nix::sys::statfs::{CGROUP2_SUPER_MAGIC, statfs};
    match statfs("/sys/fs/cgroup") {
        Ok(s) if s.filesystem_type() == CGROUP2_SUPER_MAGIC => "v2",
        _ => "v1",
    }
}

/// Total and used bytes of the filesystem holding `path`.
fn fs_usage(path: &std::path::Path) -> (u64, u64) {
    match nix::sys::statvfs::statvfs(path) {
        Ok(s) => {
            let frag = s.fragment_size();
            let total = s.blocks() * frag;
            (total, total.saturating_sub(s.blocks_free() * frag))
        }
        Err(_) => (0, 0),
    }
}

/// A `/proc/meminfo` value in bytes (the file says kB, meaning KiB).
fn meminfo(text: &str, key: &str) -> Option<u64> {
    text.lines().find_map(|line| {
        let (k, rest) = line.split_once(':')?;
        if k != key {
            return None;
        }
        let mut parts = rest.split_whitespace();
        let n: u64 = parts.next()?.parse().ok()?;
        match parts.next() {
            Some("kB") => n.checked_mul(1024),
            None => Some(n),
            Some(_) => None,
        }
    })
}

/// Podman's `distribution` block from os-release: distribution, version, codename.
fn distribution(os_release: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in os_release.lines() {
        let Some((k, v)) = line.trim().split_once('=') else {
            continue;
        };
        let key = match k {
            "ID" => "distribution",
            "VERSION_ID" => "version",
            "VERSION_CODENAME" => "codename",
            "VARIANT_ID" => "variant",
            _ => continue,
        };
        let v = v.trim();
        let v = v
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .or_else(|| v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
            .unwrap_or(v);
        if !v.is_empty() {
            out.insert(key.to_string(), v.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meminfo_parses_and_rejects_garbage() {
        let text = "MemTotal:       24684092 kB\nMemFree: 5 kB\nHugePages_Total:       0\nBad: x kB\nOdd: 5 MB\n";
        assert_eq!(meminfo(text, "MemTotal"), Some(24684092 * 1024));
        assert_eq!(meminfo(text, "HugePages_Total"), Some(0));
        assert_eq!(meminfo(text, "Bad"), None);
        assert_eq!(meminfo(text, "Odd"), None);
        assert_eq!(meminfo(text, "Missing"), None);
        assert_eq!(meminfo("MemTotal: 99999999999999999999 kB", "MemTotal"), None);
        assert_eq!(meminfo("", "MemTotal"), None);
    }

    #[test]
    fn distribution_from_os_release() {
        let d = distribution("ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nNAME=\"Debian\"\n");
        assert_eq!(d["distribution"], "debian");
        assert_eq!(d["version"], "12");
        assert_eq!(d["codename"], "bookworm");
        assert_eq!(d.len(), 3);
        let d = distribution("garbage\n=\nID=\nID='fedora'\nVERSION_ID=\"\nVARIANT_ID=\"x\"\0\n");
        assert_eq!(d["distribution"], "fedora");
        assert_eq!(d["version"], "\"");
        assert!(d.contains_key("variant"));
    }
}
