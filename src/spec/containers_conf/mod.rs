//! `containers.conf` (containers.conf(5), as Podman 4.3 reads it): the engine's defaults for new
//! containers, events, networks and secrets, resolved once into one [`Settings`].
//!
//! Which files are read, in this order, each overriding the keys the earlier ones set:
//! - `$CONTAINERS_CONF` alone when it is set (it must exist; no drop-ins), otherwise
//!   `/usr/share/containers/containers.conf`, `/etc/containers/containers.conf`, the `*.conf`
//!   files of `/etc/containers/containers.conf.d/` in lexical order, and, rootless,
//!   `$XDG_CONFIG_HOME/containers/containers.conf` (`~/.config/…`) and its `containers.conf.d/`,
//!   each when it exists (no Podman version has drop-ins for the `/usr/share` file);
//! - then `$CONTAINERS_CONF_OVERRIDE` (it must exist), after everything else. This variable comes
//!   from Podman 4.5; 4.3 does not know it.
//!
//! A key replaces the value the earlier files gave it, arrays included (Podman 4.3 has no way to
//! append); the named tables (`[engine.runtimes]`, `[secrets.opts]`, …) are merged name by name.
//! Keys Podman 4.3 does not know are ignored, as Podman ignores them (it logs them at debug
//! level; so does `ferry info --log-level debug`), and so are tables it does not know. A known key
//! with a value Podman would refuse is an error naming the file, line, column and key. A value
//! Podman accepts but ferry cannot honour is not an error here: the place that applies the key
//! reports it, so that a Podman configuration never stops every ferry command.
//!
//! Besides Podman 4.3's keys ferry reads `[containers] read_only` (Podman 4.4) and
//! `[network] default_rootless_network_cmd` and `pasta_options` (Podman 4.6), which ferry's
//! pasta-first networking has a use for. Keys that are accepted but have no effect in ferry are
//! listed in [`read`]'s documentation.

mod read;
pub mod values;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use oci_spec::runtime::Capability;

pub use values::{
    BaseHostsFile, CgroupManager, CgroupsMode, Device, EventsLogger, ImageVolumeMode, IpcMode, LogDriver,
    NamespaceMode, PodExitPolicy, RootlessNetworkCmd, SecretsDriver, SubnetPool, Ulimit,
};

use crate::store::networks::Cidr;

pub const FILE_NAME: &str = "containers.conf";
pub const DROP_IN_DIR_NAME: &str = "containers.conf.d";
/// Replaces the list of files.
pub const ENV_VAR: &str = "CONTAINERS_CONF";
/// Read after all the others.
pub const OVERRIDE_ENV_VAR: &str = "CONTAINERS_CONF_OVERRIDE";
/// The distribution's file.
pub const VENDOR_DIR: &str = "/usr/share/containers";

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `CONTAINERS_CONF` or `CONTAINERS_CONF_OVERRIDE` names a file that cannot be read.
    #[error("{var}: {path}: {source}")]
    EnvFile {
        var: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}:{line}:{column}: invalid TOML: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// A known key with a value of the wrong type or outside what Podman accepts.
    #[error("{path}:{line}:{column}: {key}: {message}")]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        key: String,
        message: String,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where a setting was read: the file and the line of the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub path: PathBuf,
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.path.display(), self.line)
    }
}

/// A key Podman 4.3 does not know (`containers.bogus`, or a whole unknown table `foo`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    pub key: String,
    pub origin: Origin,
}

/// `[containers]`: defaults for every new container. The comments say how each is applied (see
/// also the crate's report of where each key is wired).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Containers {
    /// `KEY=VALUE` pairs (a missing `=` gives an empty value); `--annotation` overrides per key.
    pub annotations: Vec<(String, String)>,
    /// Only recorded to decide whether to warn (see [`Settings::warnings`]).
    pub apparmor_profile: Option<String>,
    pub base_hosts_file: BaseHostsFile,
    /// ferry's containers always get a cgroup namespace of their own (Podman's default is
    /// `host` on cgroup v1 hosts).
    pub cgroupns: NamespaceMode,
    pub cgroups: CgroupsMode,
    /// Replaces the default set (before `--cap-add`/`--cap-drop`); only for root in the
    /// container, as in Podman.
    pub default_capabilities: Vec<Capability>,
    pub default_sysctls: Vec<(String, String)>,
    /// The list `--ulimit` replaces.
    pub default_ulimits: Vec<Ulimit>,
    pub devices: Vec<Device>,
    pub dns_options: Vec<String>,
    pub dns_searches: Vec<String>,
    /// IP addresses, or `none` (no /etc/resolv.conf is made).
    pub dns_servers: Vec<String>,
    /// `KEY=VALUE`, `KEY` (the host's value) or `PREFIX*` (the host's variables with it), under
    /// the image's environment.
    pub env: Vec<String>,
    pub env_host: bool,
    /// An IP address or `none`; None when unset (ferry picks the address).
    pub host_containers_internal_ip: Option<String>,
    pub http_proxy: bool,
    pub init: bool,
    pub init_path: Option<PathBuf>,
    pub ipcns: IpcMode,
    /// Only recorded to decide whether to warn (see [`Settings::warnings`]).
    pub label: Option<bool>,
    pub log_driver: LogDriver,
    /// Bytes; None: no limit.
    pub log_size_max: Option<u64>,
    pub log_tag: Option<String>,
    /// A `--network` value.
    pub netns: String,
    pub no_hosts: bool,
    pub pidns: NamespaceMode,
    /// None: no limit (Podman's 0 and negative values).
    pub pids_limit: Option<u64>,
    pub read_only: bool,
    /// None: ferry's built-in profile (also what Podman's default path names).
    pub seccomp_profile: Option<PathBuf>,
    /// Bytes.
    pub shm_size: u64,
    /// An IANA zone name or `local`; None: the image's.
    pub tz: Option<String>,
    /// None: the process keeps ferry's own umask, as ferry has always done (Podman sets 0022).
    pub umask: Option<u32>,
    /// A `--userns` value.
    pub userns: String,
    pub userns_size: u32,
    pub utsns: NamespaceMode,
    /// `-v` values; the list `-v` replaces.
    pub volumes: Vec<String>,
}

/// `[engine]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Engine {
    /// None: decided by the host (see [`Settings::cgroup_manager`]).
    pub cgroup_manager: Option<CgroupManager>,
    pub detach_keys: String,
    /// Set in ferry's own environment when not already there.
    pub env: Vec<(String, String)>,
    /// None: ferry's default place (in the run root).
    pub events_logfile_path: Option<PathBuf>,
    /// Bytes (powers of 1000, as Podman reads them); None: never rotated.
    pub events_logfile_max_size: Option<u64>,
    pub events_logger: EventsLogger,
    pub helper_binaries_dir: Vec<PathBuf>,
    pub image_volume_mode: ImageVolumeMode,
    pub infra_command: Option<String>,
    pub infra_image: Option<String>,
    pub network_cmd_options: Vec<String>,
    pub network_cmd_path: Option<PathBuf>,
    pub pod_exit_policy: PodExitPolicy,
    /// `always`, `missing`, `never` or `newer` (Podman's other spellings normalized).
    pub pull_policy: String,
    /// The OCI runtime Podman would use; ferry is its own runtime.
    pub runtime: Option<String>,
    pub service_timeout: u32,
    pub stop_timeout: u32,
    pub volume_path: Option<PathBuf>,
}

/// `[network]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Network {
    pub default_network: String,
    pub default_rootless_network_cmd: Option<RootlessNetworkCmd>,
    pub default_subnet: Cidr,
    pub default_subnet_pools: Vec<SubnetPool>,
    /// 0: the DNS server's default port (53).
    pub dns_bind_port: u16,
    pub pasta_options: Vec<String>,
}

/// `[secrets]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Secrets {
    pub driver: SecretsDriver,
    pub opts: BTreeMap<String, String>,
}

/// The resolved containers.conf: built-in defaults, then every file in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub containers: Containers,
    pub engine: Engine,
    pub network: Network,
    pub secrets: Secrets,
    rootless: bool,
    files: Vec<PathBuf>,
    origins: BTreeMap<String, Origin>,
    unknown: Vec<UnknownKey>,
    warnings: Vec<String>,
}

impl Default for Containers {
    fn default() -> Containers {
        Containers {
            annotations: Vec::new(),
            apparmor_profile: None,
            base_hosts_file: BaseHostsFile::Host,
            cgroupns: NamespaceMode::Private,
            cgroups: CgroupsMode::Enabled,
            default_capabilities: crate::runtime::spec::DEFAULT_CAPS.to_vec(),
            default_sysctls: Vec::new(),
            default_ulimits: Vec::new(),
            devices: Vec::new(),
            dns_options: Vec::new(),
            dns_searches: Vec::new(),
            dns_servers: Vec::new(),
            env: Vec::new(),
            env_host: false,
            host_containers_internal_ip: None,
            http_proxy: false,
            init: false,
            init_path: None,
            ipcns: IpcMode::Shareable,
            label: None,
            log_driver: LogDriver::K8sFile,
            log_size_max: None,
            log_tag: None,
            netns: "private".into(),
            no_hosts: false,
            pidns: NamespaceMode::Private,
            pids_limit: Some(2048),
            read_only: false,
            seccomp_profile: None,
            shm_size: 64 << 20,
            tz: None,
            umask: None,
            userns: "host".into(),
            userns_size: 65536,
            utsns: NamespaceMode::Private,
            volumes: Vec::new(),
        }
    }
}

impl Default for Engine {
    fn default() -> Engine {
        Engine {
            cgroup_manager: None,
            detach_keys: "ctrl-p,ctrl-q".into(),
            env: Vec::new(),
            events_logfile_path: None,
            events_logfile_max_size: Some(1_000_000),
            events_logger: EventsLogger::File,
            helper_binaries_dir: [
                "/usr/local/libexec/podman",
                "/usr/local/lib/podman",
                "/usr/libexec/podman",
                "/usr/lib/podman",
            ]
            .map(PathBuf::from)
            .to_vec(),
            image_volume_mode: ImageVolumeMode::Bind,
            infra_command: None,
            infra_image: None,
            network_cmd_options: Vec::new(),
            network_cmd_path: None,
            pod_exit_policy: PodExitPolicy::Continue,
            pull_policy: "missing".into(),
            runtime: None,
            service_timeout: 5,
            stop_timeout: 10,
            volume_path: None,
        }
    }
}

impl Default for Network {
    fn default() -> Network {
        Network {
            default_network: "podman".into(),
            default_rootless_network_cmd: None,
            default_subnet: Cidr {
                addr: [10, 88, 0, 0].into(),
                prefix: 16,
            },
            default_subnet_pools: [
                ([10, 89, 0, 0], 16),
                ([10, 90, 0, 0], 15),
                ([10, 92, 0, 0], 14),
                ([10, 96, 0, 0], 11),
                ([10, 128, 0, 0], 9),
            ]
            .map(|(addr, prefix)| SubnetPool {
                base: Cidr {
                    addr: addr.into(),
                    prefix,
                },
                size: 24,
            })
            .to_vec(),
            dns_bind_port: 0,
            pasta_options: Vec::new(),
        }
    }
}

impl Default for Secrets {
    fn default() -> Secrets {
        Secrets {
            driver: SecretsDriver::File,
            opts: BTreeMap::new(),
        }
    }
}

impl Settings {
    /// The built-in defaults, with no file read.
    pub fn defaults(rootless: bool) -> Settings {
        Settings {
            containers: Containers::default(),
            engine: Engine::default(),
            network: Network::default(),
            secrets: Secrets::default(),
            rootless,
            files: Vec::new(),
            origins: BTreeMap::new(),
            unknown: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The files read, in the order they were applied.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// Where `table.key` (e.g. `containers.pids_limit`) was last set; None for a built-in default.
    pub fn origin(&self, key: &str) -> Option<&Origin> {
        self.origins.get(key)
    }

    /// Keys and tables Podman 4.3 does not know, which were ignored.
    pub fn unknown_keys(&self) -> &[UnknownKey] {
        &self.unknown
    }

    /// What the user should know about settings ferry reads but cannot honour on this host: an
    /// `[engine] env` entry without `=` (Podman skips it with a warning too), and SELinux labels
    /// or an AppArmor profile asked for on a host where they are enabled (ferry applies neither;
    /// where they are disabled Podman does nothing with these keys either, and neither does ferry).
    pub fn warnings(&self) -> Vec<String> {
        self.warnings_for(values::selinux_enabled, values::apparmor_enabled)
    }

    fn warnings_for(&self, selinux: impl Fn() -> bool, apparmor: impl Fn() -> bool) -> Vec<String> {
        let mut out = self.warnings.clone();
        let at = |key: &str| self.origin(key).map(|o| format!(" ({o})")).unwrap_or_default();
        if self.containers.label == Some(true) && selinux() {
            out.push(format!(
                "containers.label = true{}: ferry does not apply SELinux labels; containers run with the label ferry itself has",
                at("containers.label")
            ));
        }
        if self.containers.apparmor_profile.is_some() && apparmor() {
            out.push(format!(
                "containers.apparmor_profile{}: ferry does not apply AppArmor profiles; containers run with ferry's own profile",
                at("containers.apparmor_profile")
            ));
        }
        out
    }

    /// `[engine] cgroup_manager`, else Podman's choice for the host: `systemd` when systemd is
    /// PID 1, except rootless on cgroup v1, else `cgroupfs`.
    pub fn cgroup_manager(&self) -> CgroupManager {
        self.engine
            .cgroup_manager
            .unwrap_or_else(|| values::default_cgroup_manager(self.rootless))
    }
}

/// The inputs that decide which files are read.
#[derive(Debug, Clone)]
struct Locations {
    containers_conf: Option<PathBuf>,
    override_conf: Option<PathBuf>,
    rootless: bool,
    /// `$XDG_CONFIG_HOME/containers`.
    user_dir: Option<PathBuf>,
    vendor_dir: PathBuf,
    system_dir: PathBuf,
}

/// The list of files to read, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainersConf {
    files: Vec<PathBuf>,
    rootless: bool,
}

impl ContainersConf {
    /// Reads the files the environment and the user decide (see the module documentation).
    /// Call it before entering ferry's user namespace, where every user looks like root.
    pub fn load() -> Result<Settings> {
        let env_path = |var| std::env::var_os(var).filter(|v| !v.is_empty()).map(PathBuf::from);
        let locations = Locations {
            containers_conf: env_path(ENV_VAR),
            override_conf: env_path(OVERRIDE_ENV_VAR),
            rootless: crate::config::rootless(),
            user_dir: crate::config::user_config_dir(),
            vendor_dir: PathBuf::from(VENDOR_DIR),
            system_dir: PathBuf::from(crate::config::SYSTEM_CONFIG_DIR),
        };
        ContainersConf::locate(&locations)?.read()
    }

    /// Applies one file's text over the built-in defaults (as root); `path` only names it in
    /// errors. For tests and fuzzing, which have text and no files.
    pub fn from_toml(path: &Path, text: &str) -> Result<Settings> {
        let mut settings = Settings::defaults(false);
        read::apply(&mut settings, path, text)?;
        Ok(settings)
    }

    fn locate(l: &Locations) -> Result<ContainersConf> {
        let mut files = Vec::new();
        if let Some(path) = &l.containers_conf {
            must_exist(ENV_VAR, path)?;
            files.push(path.clone());
        } else {
            let vendor = l.vendor_dir.join(FILE_NAME);
            if vendor.exists() {
                files.push(vendor);
            }
            main_and_drop_ins(&mut files, &l.system_dir)?;
            if let Some(user_dir) = l.user_dir.as_deref().filter(|_| l.rootless) {
                main_and_drop_ins(&mut files, user_dir)?;
            }
        }
        if let Some(path) = &l.override_conf {
            must_exist(OVERRIDE_ENV_VAR, path)?;
            files.push(path.clone());
        }
        Ok(ContainersConf {
            files,
            rootless: l.rootless,
        })
    }

    /// Applies every file in order over the built-in defaults.
    fn read(&self) -> Result<Settings> {
        let mut settings = Settings::defaults(self.rootless);
        for path in &self.files {
            let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            read::apply(&mut settings, path, &text)?;
        }
        Ok(settings)
    }
}

/// `dir/containers.conf` when it exists, then the drop-ins of `dir/containers.conf.d/`.
fn main_and_drop_ins(files: &mut Vec<PathBuf>, dir: &Path) -> Result<()> {
    let main = dir.join(FILE_NAME);
    if main.exists() {
        files.push(main);
    }
    files.extend(drop_in_files(&dir.join(DROP_IN_DIR_NAME))?);
    Ok(())
}

fn must_exist(var: &'static str, path: &Path) -> Result<()> {
    std::fs::metadata(path).map(drop).map_err(|source| Error::EnvFile {
        var,
        path: path.to_path_buf(),
        source,
    })
}

/// The entries of `dir` named `*.conf` that are not directories, in lexical order; none when
/// `dir` does not exist or is not a directory. An unreadable directory is an error, as in Podman.
fn drop_in_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let io_err = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(Vec::new());
        }
        Err(e) => return Err(io_err(e)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io_err)?;
        let is_dir = entry.file_type().map_err(io_err)?.is_dir();
        if !is_dir && entry.file_name().as_encoded_bytes().ends_with(b".conf") {
            files.push(entry.path());
        }
    }
    files.sort();
    Ok(files)
}
