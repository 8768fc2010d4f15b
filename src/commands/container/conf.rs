//! containers.conf as `create` and `run` apply it: read once per container, its defaults under
//! the command line's flags. The keys ferry has no feature for are named in a warning, never
//! dropped silently.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context as _, Result, anyhow, bail};

use crate::commands::warn;
use crate::network::Mode;
use crate::spec::containers_conf::{ContainersConf, LogDriver as ConfLogDriver, Settings, values};
use crate::store::containers::LogDriver;

/// Keys that change what a container gets in Podman and that ferry does not apply (yet): a file
/// that sets one of them gets a warning on every container made.
const NOT_APPLIED: &[(&str, &str)] = &[
    ("containers.annotations", "annotations"),
    ("containers.base_hosts_file", "a base /etc/hosts other than the host's"),
    ("containers.cgroupns", "a cgroup namespace mode"),
    ("containers.cgroups", "a cgroups mode"),
    ("containers.devices", "devices"),
    ("containers.env_host", "the host's environment"),
    ("containers.host_containers_internal_ip", "host.containers.internal"),
    ("containers.http_proxy", "proxy variables"),
    ("containers.init_path", "an init other than its own"),
    ("containers.ipcns", "an IPC namespace mode"),
    ("containers.log_tag", "log tags"),
    ("containers.netns", "a default network mode"),
    ("containers.pidns", "a PID namespace mode"),
    ("containers.seccomp_profile", "a default seccomp profile"),
    ("containers.userns", "a default user namespace mode"),
    ("containers.userns_size", "a user namespace size"),
    ("containers.utsns", "a UTS namespace mode"),
    ("containers.volumes", "default volumes"),
    ("engine.cgroup_manager", "a cgroup manager"),
    ("engine.events_logger", "an events logger"),
    ("engine.image_volume_mode", "an image volume mode"),
    ("engine.network_cmd_options", "slirp4netns or pasta options"),
    ("engine.network_cmd_path", "another network command"),
    ("network.default_rootless_network_cmd", "a rootless network command"),
    ("network.default_subnet", "a default subnet"),
    ("network.pasta_options", "pasta options"),
];

/// Reads containers.conf (before ferry's user namespace is entered: which files apply depends
/// on who runs ferry) and warns about what it cannot honour.
pub(crate) fn load() -> Result<Settings> {
    let settings = ContainersConf::load().context("reading containers.conf")?;
    for w in settings.warnings() {
        warn(&w);
    }
    for w in not_applied(&settings) {
        warn(&w);
    }
    Ok(settings)
}

/// A warning for each key of [`NOT_APPLIED`] a file set, naming where.
fn not_applied(settings: &Settings) -> Vec<String> {
    NOT_APPLIED
        .iter()
        .filter_map(|(key, what)| {
            let origin = settings.origin(key)?;
            Some(format!(
                "{origin}: {key} is not applied: ferry does not support {what} from containers.conf"
            ))
        })
        .collect()
}

/// The host's variables an `env` entry names: `KEY=VALUE` as is, `KEY` with the host's value
/// (none when unset), `PREFIX*` every host variable that starts with `PREFIX`.
pub(crate) fn expand_env(entries: &[String], host: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for e in entries {
        if e.contains('=') {
            out.push(e.clone());
        } else if let Some(prefix) = e.strip_suffix('*') {
            out.extend(
                host.iter()
                    .filter(|(k, _)| k.starts_with(prefix))
                    .map(|(k, v)| format!("{k}={v}")),
            );
        } else if let Some((k, v)) = host.iter().find(|(k, _)| k == e) {
            out.push(format!("{k}={v}"));
        }
    }
    out
}

/// `log_driver` as ferry's container settings take it.
pub(crate) fn log_driver(settings: &Settings) -> Result<LogDriver> {
    Ok(match settings.containers.log_driver {
        ConfLogDriver::K8sFile => LogDriver::K8sFile,
        ConfLogDriver::None => LogDriver::None,
        ConfLogDriver::Passthrough => LogDriver::Passthrough,
        ConfLogDriver::Journald => {
            let at = settings
                .origin("containers.log_driver")
                .map(|o| format!("{o}: "))
                .unwrap_or_default();
            bail!(
                "{at}containers.log_driver = \"journald\": ferry has no journald log driver; use k8s-file, none or passthrough, or pass --log-driver"
            )
        }
    })
}

/// Where `key` was set, as a prefix for messages (`FILE:LINE: `), or nothing.
pub(crate) fn at(settings: &Settings, key: &str) -> String {
    settings.origin(key).map(|o| format!("{o}: ")).unwrap_or_default()
}

/// containers.conf's `default_sysctls` under `--sysctl` (a flag replaces the entry of the same
/// name). As Podman: a `net.*` sysctl needs a network namespace of the container's own, so with
/// the host's network it is an error from a flag and skipped from containers.conf, which also
/// leaves the namespaces of `container:` and `ns:` networks alone. (The container always has
/// IPC and UTS namespaces of its own.)
pub(crate) fn sysctls(flags: &[String], settings: &Settings, mode: &Mode) -> Result<BTreeMap<String, String>> {
    let own_net = !matches!(mode, Mode::Host | Mode::Ns { .. } | Mode::Container { .. });
    let mut out: BTreeMap<String, String> = settings
        .containers
        .default_sysctls
        .iter()
        .filter(|(name, _)| own_net || !name.starts_with("net."))
        .cloned()
        .collect();
    for raw in flags {
        let (name, value) = values::sysctl(raw).map_err(|e| anyhow!("--sysctl: {e}"))?;
        if name.starts_with("net.") && matches!(mode, Mode::Host) {
            bail!(
                "--sysctl {name}={value}: a net.* sysctl cannot be set with --network host: the container shares the host's network namespace"
            );
        }
        out.insert(name, value);
    }
    Ok(out)
}

/// The host file of the container's time zone: `--tz`, else containers.conf's `tz`, else none.
pub(crate) fn localtime(flag: Option<&str>, settings: &Settings) -> Result<Option<PathBuf>> {
    Ok(match flag {
        Some(tz) => Some(zone_file(&values::timezone(tz).map_err(|e| anyhow!("--tz: {e}"))?)?),
        None => match &settings.containers.tz {
            Some(tz) => Some(zone_file(tz).with_context(|| format!("{}containers.tz", at(settings, "containers.tz")))?),
            None => None,
        },
    })
}

/// The host file of a time zone (`local`: the host's /etc/localtime), symlinks resolved.
fn zone_file(tz: &str) -> Result<PathBuf> {
    let path = if tz == "local" {
        PathBuf::from("/etc/localtime")
    } else {
        values::ZONEINFO_DIRS
            .iter()
            .map(|d| std::path::Path::new(d).join(tz))
            .find(|p| p.is_file())
            .ok_or_else(|| anyhow!("time zone {tz:?} is not installed on this host"))?
    };
    std::fs::canonicalize(&path).with_context(|| format!("finding the time zone file {}", path.display()))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn env_entries_expand_like_podman() {
        let host = [("HOSTVAR", "h"), ("PRE_A", "a"), ("PRE_B", "b"), ("OTHER", "o")]
            .map(|(k, v)| (k.to_string(), v.to_string()));
        let entries = ["A=1", "HOSTVAR", "MISSING", "PRE_*", "B="].map(String::from);
        assert_eq!(
            expand_env(&entries, &host),
            ["A=1", "HOSTVAR=h", "PRE_A=a", "PRE_B=b", "B="]
        );
    }

    #[test]
    fn keys_ferry_does_not_apply_are_named_with_their_place() {
        let s = ContainersConf::from_toml(
            Path::new("/x/containers.conf"),
            "[containers]\nenv = [\"A=1\"]\n\nutsns = \"host\"\ntz = \"local\"\numask = \"0077\"\nshm_size = \"1m\"\npids_limit = 5\ndefault_sysctls = [\"net.ipv4.ping_group_range=0 0\"]\n[engine]\nnum_locks = 5\nruntime = \"runc\"\n",
        )
        .unwrap();
        assert_eq!(
            not_applied(&s),
            [
                "/x/containers.conf:4: containers.utsns is not applied: ferry does not support a UTS namespace mode from containers.conf"
            ]
        );
    }

    #[test]
    fn journald_is_refused_with_its_place() {
        let s = ContainersConf::from_toml(Path::new("/c.conf"), "[containers]\nlog_driver = \"journald\"\n").unwrap();
        let e = log_driver(&s).unwrap_err().to_string();
        assert!(e.starts_with("/c.conf:2: containers.log_driver"), "{e}");
        let s = ContainersConf::from_toml(Path::new("/c.conf"), "[containers]\nlog_driver = \"json-file\"\n").unwrap();
        assert_eq!(log_driver(&s).unwrap(), LogDriver::K8sFile);
    }
}
