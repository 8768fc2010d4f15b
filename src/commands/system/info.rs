//! `ferry info`: host, store and version facts, as Podman-style YAML, JSON or a template.
//!
//! JSON keys follow Podman's JSON (`host.idMappings.uidmap`); templates see Podman's Go field
//! names instead (`{{.Host.IDMappings}}`, `{{.Store.GraphRoot}}`), because Podman's templates
//! run on its Go structs. `template_keys` converts one naming to the other.

use super::VersionInfo;
use std::collections::BTreeMap;

use anyhow::{Context as _, Result};
use serde::Serialize;
use serde_json::Value;

use crate::config::registries::RegistriesConf;

use crate::cli::InfoArgs;
use crate::commands::{Context, ExitStatus};
use crate::image::manifest::host_arch;
use crate::output;
use crate::runtime::probe;
use crate::sys::idmap::IdRange;

#[derive(Serialize)]
struct Info {
    host: HostInfo,
    registries: Value,
    store: StoreInfo,
    version: VersionInfo,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct HostInfo {
    arch: &'static str,
    os: &'static str,
    kernel: String,
    hostname: String,
    cgroup_version: &'static str,
    id_mappings: IdMappings,
    security: Security,
    /// ferry-specific: whether root in a user namespace can mount overlayfs.
    overlay_user_namespace: bool,
    mem_total: u64,
    mem_free: u64,
    swap_total: u64,
    swap_free: u64,
    cpus: usize,
    distribution: BTreeMap<String, String>,
}

/// `null` as root, as in Podman.
#[derive(Serialize)]
struct IdMappings {
    uidmap: Option<Vec<IdRange>>,
    gidmap: Option<Vec<IdRange>>,
}

#[derive(Serialize)]
struct Security {
    rootless: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StoreInfo {
    graph_root: String,
    run_root: String,
    graph_driver_name: &'static str,
    graph_root_allocated: u64,
    graph_root_used: u64,
    image_store: Count,
    container_store: ContainerCount,
}

#[derive(Serialize)]
struct Count {
    number: usize,
}

/// Containers come later; the counts keep Podman's shape for scripts.
#[derive(Serialize, Default)]
struct ContainerCount {
    number: usize,
    paused: usize,
    running: usize,
    stopped: usize,
}

pub fn exec(ctx: &mut Context, args: InfoArgs) -> Result<ExitStatus> {
    let mapping = ctx.engine.mapping();
    let rootless = ctx.engine.host.rootless;
    let store = ctx.store()?;
    let images = store.images().list().context("reading the image index")?;
    let (allocated, used) = fs_usage(store.root());
    let mem = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem = |key| meminfo(&mem, key).unwrap_or(0);
    let info = Info {
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
            security: Security { rootless },
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
    };
    let value = serde_json::to_value(&info).expect("info serializes");
    match args.format.as_deref() {
        None | Some("") => print!("{}", to_yaml(&value)),
        Some(f) if output::is_json(f) => print!("{}", output::pretty_json(&value)?),
        Some(t) => print!("{}", output::render_one(t, &template_keys(value))?),
    }
    Ok(ExitStatus::SUCCESS)
}

/// "v2" when /sys/fs/cgroup is the unified hierarchy, else "v1" (legacy or hybrid).
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

/// Renames JSON keys to Podman's Go field names, for templates: `graphRoot` → `GraphRoot`,
/// with the irregular ones spelled out.
fn template_keys(v: Value) -> Value {
    const IRREGULAR: &[(&str, &str)] = &[
        ("idMappings", "IDMappings"),
        ("uidmap", "UIDMap"),
        ("gidmap", "GIDMap"),
        ("container_id", "ContainerID"),
        ("host_id", "HostID"),
        ("cgroupVersion", "CgroupsVersion"),
        ("cpus", "CPUs"),
        ("os", "OS"),
    ];
    match v {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let k = match IRREGULAR.iter().find(|(from, _)| *from == k) {
                        Some((_, to)) => to.to_string(),
                        None => {
                            let mut c = k.chars();
                            c.next()
                                .map(|f| f.to_uppercase().chain(c).collect())
                                .unwrap_or_default()
                        }
                    };
                    (k, template_keys(v))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(template_keys).collect()),
        other => other,
    }
}

/// Renders a JSON value as block-style YAML the way Podman prints `info`: maps indented by two
/// spaces, sequence items at their key's indentation, strings quoted only where YAML would
/// read them as something else.
pub fn to_yaml(v: &Value) -> String {
    let mut out = String::new();
    match v {
        Value::Object(m) if !m.is_empty() => yaml_map(&mut out, m, 0),
        Value::Array(a) if !a.is_empty() => yaml_seq(&mut out, a, 0),
        scalar => {
            out.push_str(&yaml_scalar(scalar, 2));
            out.push('\n');
        }
    }
    out
}

fn yaml_map(out: &mut String, map: &serde_json::Map<String, Value>, indent: usize) {
    for (k, v) in map {
        out.push_str(&" ".repeat(indent));
        if is_plain(k) {
            out.push_str(k);
        } else {
            out.push_str(&serde_json::to_string(k).expect("strings serialize"));
        }
        out.push(':');
        match v {
            Value::Object(m) if !m.is_empty() => {
                out.push('\n');
                yaml_map(out, m, indent + 2);
            }
            Value::Array(a) if !a.is_empty() => {
                out.push('\n');
                yaml_seq(out, a, indent);
            }
            scalar => {
                out.push(' ');
                out.push_str(&yaml_scalar(scalar, indent + 2));
                out.push('\n');
            }
        }
    }
}

fn yaml_seq(out: &mut String, items: &[Value], indent: usize) {
    for item in items {
        let mut block = String::new();
        match item {
            Value::Object(m) if !m.is_empty() => yaml_map(&mut block, m, indent + 2),
            Value::Array(a) if !a.is_empty() => yaml_seq(&mut block, a, indent + 2),
            scalar => {
                block.push_str(&" ".repeat(indent + 2));
                block.push_str(&yaml_scalar(scalar, indent + 2));
                block.push('\n');
            }
        }
        // The item's first line starts right after the dash.
        out.push_str(&" ".repeat(indent));
        out.push_str("- ");
        out.push_str(&block[indent + 2..]);
    }
}

/// A scalar; `indent` is where continuation lines of a block string go.
fn yaml_scalar(v: &Value, indent: usize) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => yaml_string(s, indent),
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
    }
}

fn yaml_string(s: &str, indent: usize) -> String {
    if is_plain(s) {
        return s.to_string();
    }
    if let Some(block) = yaml_block(s, indent) {
        return block;
    }
    serde_json::to_string(s).expect("strings serialize")
}

/// A literal block (`|-`) for multi-line text that survives one unchanged.
fn yaml_block(s: &str, indent: usize) -> Option<String> {
    let body = s.strip_suffix('\n');
    let (header, body) = match body {
        Some(b) => ("|", b),
        None => ("|-", s),
    };
    if !body.contains('\n')
        || body.ends_with('\n')
        || body.starts_with([' ', '\n'])
        || body.chars().any(|c| c.is_control() && c != '\n')
        || body.lines().any(|l| l.ends_with(' '))
    {
        return None;
    }
    let pad = " ".repeat(indent);
    let mut out = header.to_string();
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    Some(out)
}

/// Whether `s` can be written unquoted and still be read back as the same string.
fn is_plain(s: &str) -> bool {
    const INDICATORS: &[char] = &[
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '.', '+', '~',
    ];
    let Some(first) = s.chars().next() else { return false };
    if INDICATORS.contains(&first)
        || s.starts_with(char::is_whitespace)
        || s.ends_with(char::is_whitespace)
        || s.ends_with(':')
        || s.contains(": ")
        || s.contains(" #")
        || s.chars().any(|c| c.is_control() || c == '\u{feff}')
    {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    ) {
        return false;
    }
    // Numbers, YAML 1.1 sexagesimals (1:20) and dates (2024-01-02) in any spelling.
    let numeric = s.parse::<f64>().is_ok()
        || s.chars().all(|c| c.is_ascii_digit() || c == '_')
        || (s.contains(':') && s.chars().all(|c| c.is_ascii_digit() || "_:.".contains(c)))
        || lower.starts_with("0x")
        || lower.starts_with("0o")
        || lower.starts_with("0b");
    let b = s.as_bytes();
    let date = b.len() >= 8 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-';
    !numeric && !date
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn yaml_looks_like_podman_info() {
        let v = json!({
            "host": {
                "arch": "amd64",
                "cgroupControllers": ["cpu", "memory"],
                "distribution": {"distribution": "debian", "version": "12"},
                "idMappings": {
                    "gidmap": null,
                    "uidmap": [{"container_id": 0, "host_id": 1000, "size": 1}, {"container_id": 1, "host_id": 100000, "size": 65536}]
                },
                "security": {"rootless": true},
                "empty": {},
                "none": []
            },
            "store": {"graphRoot": "/var/lib/ferry", "imageStore": {"number": 2}}
        });
        let want = "\
host:
  arch: amd64
  cgroupControllers:
  - cpu
  - memory
  distribution:
    distribution: debian
    version: \"12\"
  idMappings:
    gidmap: null
    uidmap:
    - container_id: 0
      host_id: 1000
      size: 1
    - container_id: 1
      host_id: 100000
      size: 65536
  security:
    rootless: true
  empty: {}
  none: []
store:
  graphRoot: /var/lib/ferry
  imageStore:
    number: 2
";
        assert_eq!(to_yaml(&v), want);
    }

    #[test]
    fn yaml_quotes_what_would_change_meaning() {
        for s in [
            "",
            "12",
            "1.5",
            "-3",
            "1e3",
            "0x1f",
            "1:20",
            "1_000",
            "2024-01-02",
            "true",
            "No",
            "null",
            "~",
            "a: b",
            "x #c",
            "end:",
            " lead",
            "trail ",
            "- item",
            "[x]",
            "{x}",
            "*ref",
            "&anchor",
            "!tag",
            "'q'",
            "\"q\"",
            "%p",
            "@a",
            "`b",
            "tab\there",
            "nul\0",
            ".inf",
            "+1",
            "inf",
            "NaN",
            "1999-01-01x",
        ] {
            let y = to_yaml(&json!({ "k": s }));
            let quoted = y.strip_prefix("k: \"").is_some();
            assert!(quoted, "{s:?} rendered as {y:?}");
            let back: String = serde_json::from_str(y.trim_end().strip_prefix("k: ").unwrap()).unwrap();
            assert_eq!(back, s);
        }
        for s in [
            "amd64",
            "6.1.0-18-amd64",
            "/var/lib/ferry",
            "v1",
            "a:b",
            "C#",
            "debian",
            "über",
            "aüü-üü-x",
            "0.1.0",
            "1.2.3-rc1",
        ] {
            assert_eq!(to_yaml(&json!({ "k": s })), format!("k: {s}\n"));
        }
    }

    #[test]
    fn yaml_multiline_strings_become_blocks() {
        let v = json!({"a": {"version": "crun 1.9\ncommit: abc\n\n+SYSTEMD"}, "b": "two\nlines\n"});
        assert_eq!(
            to_yaml(&v),
            "a:\n  version: |-\n    crun 1.9\n    commit: abc\n\n    +SYSTEMD\nb: |\n  two\n  lines\n"
        );
        // Text a literal block cannot hold exactly falls back to a quoted string.
        for s in ["x\n\n", " lead\nx", "trail \nx", "ctl\u{7}\nx"] {
            let y = to_yaml(&json!({ "k": s }));
            assert!(y.starts_with("k: \""), "{s:?} rendered as {y:?}");
        }
    }

    #[test]
    fn yaml_nested_sequences_and_scalars() {
        assert_eq!(to_yaml(&json!([[1, 2], "x", {}])), "- - 1\n  - 2\n- x\n- {}\n");
        assert_eq!(to_yaml(&json!("plain")), "plain\n");
        assert_eq!(to_yaml(&json!({})), "{}\n");
        assert_eq!(to_yaml(&json!({"weird key: x": 1})), "\"weird key: x\": 1\n");
    }

    #[test]
    fn template_keys_use_go_field_names() {
        let v = json!({"host": {"idMappings": {"uidmap": [{"container_id": 0, "host_id": 1, "size": 1}]}, "cpus": 2, "os": "linux"},
                       "store": {"graphRoot": "/x"}, "version": {"OsArch": "linux/amd64"}});
        let t = template_keys(v);
        assert_eq!(t["Host"]["IDMappings"]["UIDMap"][0]["HostID"], 1);
        assert_eq!(t["Host"]["CPUs"], 2);
        assert_eq!(t["Host"]["OS"], "linux");
        assert_eq!(t["Store"]["GraphRoot"], "/x");
        assert_eq!(t["Version"]["OsArch"], "linux/amd64");
    }

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
