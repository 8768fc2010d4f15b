//! Builds the OCI runtime spec of a container from its image config and the run options.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use oci_spec::runtime::{
    Capability, LinuxBuilder, LinuxCapabilitiesBuilder, LinuxIdMappingBuilder, LinuxNamespaceBuilder,
    LinuxNamespaceType, LinuxResources, Mount, MountBuilder, PosixRlimit, PosixRlimitType, ProcessBuilder, RootBuilder,
    Spec, SpecBuilder, UserBuilder,
};

use crate::image::manifest::RunConfig;
use crate::sys::idmap::IdMapping;

#[derive(Debug, thiserror::Error)]
pub enum SpecError {
    #[error("no command specified: the image has no entrypoint or command and none was given")]
    NoCommand,
    #[error("invalid ulimit {0:?}: expected NAME=SOFT[:HARD]")]
    UlimitSyntax(String),
    #[error("invalid ulimit {0:?}: unknown resource name")]
    UlimitName(String),
    #[error("ulimit {spec}: the soft limit is above the hard limit")]
    UlimitOrder { spec: String },
    #[error("ulimit {spec}: cannot raise the hard limit above {current}")]
    UlimitAboveHard { spec: String, current: String },
    #[error("unknown capability {0:?}")]
    Capability(String),
    #[error("invalid security option {0:?}: expected no-new-privileges, seccomp=…, mask=… or unmask=…")]
    SecurityOpt(String),
    #[error(transparent)]
    Seccomp(#[from] super::seccomp::SeccompError),
    #[error("building the runtime spec: {0}")]
    Oci(#[from] oci_spec::OciSpecError),
}

pub type Result<T, E = SpecError> = std::result::Result<T, E>;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SeccompChoice {
    #[default]
    Default,
    Unconfined,
    Profile(PathBuf),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkMode {
    /// A new network namespace with only the loopback interface, up.
    Private,
    /// The host's network namespace.
    Host,
}

/// The process identity, with names already resolved in the container's files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResolvedUser {
    pub uid: u32,
    pub gid: u32,
    pub additional_gids: Vec<u32>,
    /// What the user asked for (`-u` or the image's User), for the spec's `username`.
    pub name: Option<String>,
    /// The home directory from the container's /etc/passwd, for HOME.
    pub home: Option<String>,
}

/// Everything besides the image config that shapes the spec.
#[derive(Debug, Clone, Default)]
pub struct SpecOptions {
    pub id: String,
    /// The root filesystem mount point.
    pub rootfs: PathBuf,
    /// Directory holding the generated hosts, hostname and resolv.conf.
    pub userdata: PathBuf,
    /// `--entrypoint`: `Some(vec![])` clears the image's.
    pub entrypoint: Option<Vec<String>>,
    /// Trailing arguments: replace the image's Cmd.
    pub command: Vec<String>,
    /// `KEY=VALUE` entries from `-e` and `--env-file`, in order; they override the image's.
    pub env: Vec<String>,
    /// `KEY=VALUE` entries the image's own override (containers.conf's `env`).
    pub default_env: Vec<String>,
    pub workdir: Option<String>,
    pub user: ResolvedUser,
    pub hostname: Option<String>,
    pub network: Option<NetworkMode>,
    /// `--no-hosts`: the image's /etc/hosts stays.
    pub no_hosts: bool,
    pub read_only: bool,
    pub read_only_tmpfs: bool,
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
    pub rlimits: Vec<PosixRlimit>,
    /// The set `--cap-add`/`--cap-drop` start from; None: [`DEFAULT_CAPS`].
    pub default_caps: Option<Vec<Capability>>,
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub privileged: bool,
    pub no_new_privileges: bool,
    /// `seccomp=unconfined` or `seccomp=PROFILE.json`; the built-in profile otherwise.
    pub seccomp: SeccompChoice,
    /// Extra masked paths (`mask=`), and paths to leave unmasked (`unmask=`; `ALL` for every one).
    pub mask: Vec<String>,
    pub unmask: Vec<String>,
    /// Rootless: the container shares ferry's user namespace, whose mapping is this.
    pub userns: Option<IdMapping>,
    /// User mounts (`-v`, `--mount`, `--tmpfs`, volumes; see `super::mounts`), parents first;
    /// a default mount at the same destination gives way to one of these.
    pub user_mounts: Vec<Mount>,
    /// `-t`: the command gets a pseudo-terminal (`process.terminal`).
    pub terminal: bool,
    /// `linux.resources`: device rules and limits the container's cgroup applies (see
    /// `super::cgroup::default_resources`).
    pub resources: Option<LinuxResources>,
    /// `linux.sysctl`: namespaced kernel parameters the init writes under /proc/sys.
    pub sysctls: BTreeMap<String, String>,
    /// The size of /dev/shm in bytes; None: [`DEFAULT_SHM_SIZE`].
    pub shm_size: Option<u64>,
    /// `process.user.umask`; None: the process keeps ferry's own.
    pub umask: Option<u32>,
    /// A host file bind-mounted read-only on /etc/localtime (`--tz`).
    pub localtime: Option<PathBuf>,
}

/// The size of a container's /dev/shm unless told otherwise (Podman's `shm_size`).
pub const DEFAULT_SHM_SIZE: u64 = 64 << 20;

pub const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// Podman's default capability set.
pub const DEFAULT_CAPS: &[Capability] = &[
    Capability::Chown,
    Capability::DacOverride,
    Capability::Fowner,
    Capability::Fsetid,
    Capability::Kill,
    Capability::NetBindService,
    Capability::Setfcap,
    Capability::Setgid,
    Capability::Setpcap,
    Capability::Setuid,
    Capability::SysChroot,
];

/// Podman's masked paths: files and directories a container must not read.
pub const MASKED_PATHS: &[&str] = &[
    "/proc/acpi",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/sys/firmware",
    "/sys/fs/selinux",
    "/sys/dev/block",
];

/// Podman's read-only paths.
pub const READONLY_PATHS: &[&str] = &[
    "/proc/asound",
    "/proc/bus",
    "/proc/fs",
    "/proc/irq",
    "/proc/sys",
    "/proc/sysrq-trigger",
];

/// Parses `--security-opt` values into `opts`.
pub fn apply_security_opt(opts: &mut SpecOptions, raw: &str) -> Result<()> {
    let bad = || SpecError::SecurityOpt(raw.to_string());
    let split = |v: &str| {
        v.split(':')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    match raw.split_once(['=', ':']) {
        None if raw == "no-new-privileges" => opts.no_new_privileges = true,
        Some(("no-new-privileges", v)) => opts.no_new_privileges = v.parse().map_err(|_| bad())?,
        Some(("seccomp", "unconfined")) => opts.seccomp = SeccompChoice::Unconfined,
        Some(("seccomp", path)) if !path.is_empty() => opts.seccomp = SeccompChoice::Profile(PathBuf::from(path)),
        Some(("mask", v)) if v.starts_with('/') => opts.mask.extend(split(v)),
        Some(("unmask", v)) if v == "ALL" || v.starts_with('/') => opts.unmask.extend(split(v)),
        _ => return Err(bad()),
    }
    Ok(())
}

/// The kernel resource number of an OCI rlimit type.
pub fn rlimit_resource(t: PosixRlimitType) -> libc::__rlimit_resource_t {
    use PosixRlimitType::*;
    match t {
        RlimitCore => libc::RLIMIT_CORE,
        RlimitCpu => libc::RLIMIT_CPU,
        RlimitData => libc::RLIMIT_DATA,
        RlimitFsize => libc::RLIMIT_FSIZE,
        RlimitLocks => libc::RLIMIT_LOCKS,
        RlimitMemlock => libc::RLIMIT_MEMLOCK,
        RlimitMsgqueue => libc::RLIMIT_MSGQUEUE,
        RlimitNice => libc::RLIMIT_NICE,
        RlimitNofile => libc::RLIMIT_NOFILE,
        RlimitNproc => libc::RLIMIT_NPROC,
        RlimitRss => libc::RLIMIT_RSS,
        RlimitRtprio => libc::RLIMIT_RTPRIO,
        RlimitRttime => libc::RLIMIT_RTTIME,
        RlimitSigpending => libc::RLIMIT_SIGPENDING,
        RlimitStack => libc::RLIMIT_STACK,
        RlimitAs => libc::RLIMIT_AS,
    }
}

/// ferry's own hard limit for a resource.
pub fn current_hard_limit(resource: libc::__rlimit_resource_t) -> u64 {
    let mut r = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes into the struct we pass.
    if unsafe { libc::getrlimit(resource, &mut r) } == 0 {
        r.rlim_max
    } else {
        libc::RLIM_INFINITY
    }
}

pub(crate) fn parse_cap(name: &str) -> Result<Capability> {
    let upper = name.to_ascii_uppercase();
    let full = if upper.starts_with("CAP_") {
        upper
    } else {
        format!("CAP_{upper}")
    };
    serde_json::from_value(serde_json::Value::String(full)).map_err(|_| SpecError::Capability(name.to_string()))
}

/// "All" capabilities: those ferry itself may pass on (its bounding set), which in a nested
/// container or a restricted service can be fewer than the kernel knows.
fn all_caps() -> HashSet<Capability> {
    caps::read(None, caps::CapSet::Bounding)
        .unwrap_or_else(|_| caps::all())
        .into_iter()
        .filter_map(|c| parse_cap(&c.to_string()).ok())
        .collect()
}

/// The capability set after `--privileged`, `--cap-drop` and `--cap-add` (drops first, as Podman).
pub fn capabilities(opts: &SpecOptions) -> Result<HashSet<Capability>> {
    if opts.privileged {
        return Ok(all_caps());
    }
    let defaults = opts.default_caps.as_deref().unwrap_or(DEFAULT_CAPS);
    let mut set: HashSet<Capability> = defaults.iter().copied().collect();
    for d in &opts.cap_drop {
        if d.eq_ignore_ascii_case("all") {
            set.clear();
        } else {
            set.remove(&parse_cap(d)?);
        }
    }
    for a in &opts.cap_add {
        if a.eq_ignore_ascii_case("all") {
            set.extend(all_caps());
        } else {
            set.insert(parse_cap(a)?);
        }
    }
    Ok(set)
}

/// Image Env, then the options' env (same key replaces), then PATH and HOSTNAME if absent.
pub fn environment(image: &[String], extra: &[String], hostname: &str, home: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in image.iter().chain(extra) {
        let key = e.split_once('=').map_or(e.as_str(), |(k, _)| k);
        out.retain(|o| o.split_once('=').map_or(o.as_str(), |(k, _)| k) != key);
        out.push(e.clone());
    }
    let has = |out: &[String], k: &str| out.iter().any(|o| o.split_once('=').is_some_and(|(ok, _)| ok == k));
    if !has(&out, "PATH") {
        out.insert(0, format!("PATH={DEFAULT_PATH}"));
    }
    if !has(&out, "HOSTNAME") {
        out.push(format!("HOSTNAME={hostname}"));
    }
    // As Podman: HOME from the user's passwd entry, else /.
    if !has(&out, "HOME") {
        out.push(format!("HOME={}", home.filter(|h| !h.is_empty()).unwrap_or("/")));
    }
    out
}

/// Entrypoint + Cmd after the overrides: `--entrypoint` replaces the entrypoint and drops the
/// image's Cmd; trailing arguments replace the Cmd.
pub fn process_args(image: &RunConfig, entrypoint: Option<&[String]>, command: &[String]) -> Vec<String> {
    let (ep, default_cmd): (Vec<String>, Vec<String>) = match entrypoint {
        Some(ep) => (ep.to_vec(), Vec::new()),
        None => (
            image.entrypoint.clone().unwrap_or_default(),
            image.cmd.clone().unwrap_or_default(),
        ),
    };
    let cmd = if command.is_empty() {
        default_cmd
    } else {
        command.to_vec()
    };
    ep.into_iter().chain(cmd).collect()
}

fn mount(dest: &str, typ: &str, source: &str, options: &[&str]) -> Result<Mount> {
    Ok(MountBuilder::default()
        .destination(dest)
        .typ(typ)
        .source(source)
        .options(options.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        .build()?)
}

fn mounts(opts: &SpecOptions) -> Result<Vec<Mount>> {
    let mut m = vec![
        mount("/proc", "proc", "proc", &["nosuid", "noexec", "nodev"])?,
        mount(
            "/dev",
            "tmpfs",
            "tmpfs",
            &["nosuid", "strictatime", "mode=755", "size=65536k"],
        )?,
        mount(
            "/dev/pts",
            "devpts",
            "devpts",
            &["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"],
        )?,
        mount("/dev/mqueue", "mqueue", "mqueue", &["nosuid", "noexec", "nodev"])?,
        mount(
            "/dev/shm",
            "tmpfs",
            "shm",
            &[
                "nosuid",
                "noexec",
                "nodev",
                "mode=1777",
                &format!("size={}k", opts.shm_size.unwrap_or(DEFAULT_SHM_SIZE).div_ceil(1024)),
            ],
        )?,
    ];
    // sysfs can only be mounted by a user namespace that owns the network namespace: a rootless
    // container on the host network gets a read-only view of the host's instead.
    if opts.userns.is_some() && opts.network == Some(NetworkMode::Host) {
        m.push(mount(
            "/sys",
            "bind",
            "/sys",
            &["rbind", "nosuid", "noexec", "nodev", "ro"],
        )?);
    } else {
        m.push(mount("/sys", "sysfs", "sysfs", &["nosuid", "noexec", "nodev", "ro"])?);
    }
    if opts.read_only && opts.read_only_tmpfs {
        for d in ["/tmp", "/var/tmp", "/run"] {
            m.push(mount(d, "tmpfs", "tmpfs", &["rw", "nosuid", "nodev"])?);
        }
    }
    if let Some(zone) = &opts.localtime {
        m.push(mount(
            "/etc/localtime",
            "bind",
            &zone.to_string_lossy(),
            &["bind", "rprivate", "ro"],
        )?);
    }
    for f in ["hosts", "hostname", "resolv.conf"] {
        if f == "hosts" && opts.no_hosts {
            continue;
        }
        let src = opts.userdata.join(f);
        m.push(mount(
            &format!("/etc/{f}"),
            "bind",
            &src.to_string_lossy(),
            &["bind", "rprivate"],
        )?);
    }
    m.retain(|d| !opts.user_mounts.iter().any(|u| u.destination() == d.destination()));
    m.extend(opts.user_mounts.iter().cloned());
    Ok(m)
}

fn masked(opts: &SpecOptions) -> (Vec<String>, Vec<String>) {
    if opts.privileged || opts.unmask.iter().any(|u| u == "ALL") {
        return (opts.mask.clone(), Vec::new());
    }
    let keep = |p: &&&str| !opts.unmask.iter().any(|u| u == **p);
    let mut masked: Vec<String> = MASKED_PATHS.iter().filter(keep).map(|s| s.to_string()).collect();
    masked.extend(opts.mask.iter().cloned());
    let ro = READONLY_PATHS.iter().filter(keep).map(|s| s.to_string()).collect();
    (masked, ro)
}

/// The runtime spec of a container.
pub fn build(image: &RunConfig, opts: &SpecOptions) -> Result<Spec> {
    let args = process_args(image, opts.entrypoint.as_deref(), &opts.command);
    if args.is_empty() {
        return Err(SpecError::NoCommand);
    }
    let hostname = opts
        .hostname
        .clone()
        .unwrap_or_else(|| opts.id[..12.min(opts.id.len())].to_string());
    let under: Vec<String> = opts
        .default_env
        .iter()
        .chain(image.env.as_deref().unwrap_or_default())
        .cloned()
        .collect();
    let mut env = environment(&under, &opts.env, &hostname, opts.user.home.as_deref());
    // As Podman: a terminal without a TERM would leave programs guessing its capabilities.
    if opts.terminal && !env.iter().any(|e| e.starts_with("TERM=")) {
        env.push("TERM=xterm".to_string());
    }
    let cwd = opts
        .workdir
        .clone()
        .or_else(|| image.working_dir.clone().filter(|w| !w.is_empty()))
        .unwrap_or_else(|| "/".into());
    let caps = capabilities(opts)?;
    let mut user = UserBuilder::default().uid(opts.user.uid).gid(opts.user.gid);
    if !opts.user.additional_gids.is_empty() {
        user = user.additional_gids(opts.user.additional_gids.clone());
    }
    if let Some(n) = &opts.user.name {
        user = user.username(n.clone());
    }
    if let Some(mask) = opts.umask {
        user = user.umask(mask);
    }
    // A non-root process starts with no effective capabilities, only the bounding set (as Podman).
    let empty = HashSet::new();
    let running = if opts.user.uid == 0 { &caps } else { &empty };
    let capabilities = LinuxCapabilitiesBuilder::default()
        .bounding(caps.clone())
        .effective(running.clone())
        .permitted(running.clone())
        .inheritable(HashSet::new())
        .ambient(HashSet::new())
        .build()?;
    let mut process = ProcessBuilder::default()
        .terminal(opts.terminal)
        .user(user.build()?)
        .args(args)
        .env(env)
        .cwd(cwd)
        .capabilities(capabilities)
        .no_new_privileges(opts.no_new_privileges);
    // Always set: ProcessBuilder's default carries NOFILE 1024, and the default is to inherit.
    process = process.rlimits(opts.rlimits.clone());

    let mut ns_types = Vec::new();
    if opts.userns.is_some() {
        ns_types.push(LinuxNamespaceType::User);
    }
    ns_types.extend([
        LinuxNamespaceType::Pid,
        LinuxNamespaceType::Ipc,
        LinuxNamespaceType::Uts,
        LinuxNamespaceType::Mount,
        LinuxNamespaceType::Cgroup,
    ]);
    if opts.network != Some(NetworkMode::Host) {
        ns_types.push(LinuxNamespaceType::Network);
    }
    let namespaces = ns_types
        .into_iter()
        .map(|t| LinuxNamespaceBuilder::default().typ(t).build())
        .collect::<Result<Vec<_>, _>>()?;
    let (masked_paths, readonly_paths) = masked(opts);
    let mut linux = LinuxBuilder::default()
        .namespaces(namespaces)
        .masked_paths(masked_paths)
        .readonly_paths(readonly_paths)
        .rootfs_propagation("private");
    let seccomp = match (&opts.seccomp, opts.privileged) {
        (SeccompChoice::Unconfined, _) | (SeccompChoice::Default, true) => None,
        (SeccompChoice::Default, false) => Some(super::seccomp::default_linux_seccomp_for(&caps)),
        (SeccompChoice::Profile(p), _) => Some(super::seccomp::load_profile_for(p, &caps)?),
    };
    if let Some(s) = seccomp {
        linux = linux.seccomp(s);
    }
    if let Some(r) = &opts.resources {
        linux = linux.resources(r.clone());
    }
    if !opts.sysctls.is_empty() {
        linux = linux.sysctl(opts.sysctls.clone().into_iter().collect::<HashMap<_, _>>());
    }
    if let Some(m) = &opts.userns {
        let conv = |ranges: &[crate::sys::idmap::IdRange]| {
            ranges
                .iter()
                .map(|r| {
                    LinuxIdMappingBuilder::default()
                        .container_id(r.container)
                        .host_id(r.host)
                        .size(r.size)
                        .build()
                })
                .collect::<Result<Vec<_>, _>>()
        };
        linux = linux.uid_mappings(conv(&m.uids)?).gid_mappings(conv(&m.gids)?);
    }
    let mut annotations: HashMap<String, String> = opts.annotations.clone().into_iter().collect();
    for (k, v) in &opts.labels {
        annotations
            .entry(format!("io.ferry.label.{k}"))
            .or_insert_with(|| v.clone());
    }
    let mut spec = SpecBuilder::default()
        .version("1.0.2")
        .root(
            RootBuilder::default()
                .path(opts.rootfs.clone())
                .readonly(opts.read_only)
                .build()?,
        )
        .hostname(hostname)
        .process(process.build()?)
        .mounts(mounts(opts)?)
        .linux(linux.build()?)
        .build()?;
    if !annotations.is_empty() {
        spec.set_annotations(Some(annotations));
    }
    Ok(spec)
}

/// `/etc/hosts` for a container: loopback names and the container's hostname.
pub fn hosts_file(hostname: &str, name: &str) -> String {
    format!(
        "127.0.0.1\tlocalhost localhost.localdomain\n::1\tlocalhost localhost.localdomain\n127.0.1.1\t{hostname} {name}\n"
    )
}

/// Where a spec's root is mounted.
pub fn root_path(spec: &Spec) -> &Path {
    spec.root()
        .as_ref()
        .map(|r| r.path().as_path())
        .unwrap_or(Path::new("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> SpecOptions {
        SpecOptions {
            id: "0123456789abcdef".repeat(4),
            rootfs: "/r".into(),
            userdata: "/u".into(),
            ..Default::default()
        }
    }

    fn image(ep: Option<&[&str]>, cmd: Option<&[&str]>) -> RunConfig {
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect();
        RunConfig {
            entrypoint: ep.map(v),
            cmd: cmd.map(v),
            env: Some(vec!["A=1".into(), "PATH=/x".into()]),
            ..Default::default()
        }
    }

    #[test]
    fn sysctls_umask_shm_size_and_localtime_reach_the_spec() {
        let img = image(None, Some(&["true"]));
        let plain = build(&img, &opts()).unwrap();
        assert!(plain.linux().as_ref().unwrap().sysctl().is_none());
        assert_eq!(plain.process().as_ref().unwrap().user().umask(), None);
        let shm = |s: &Spec| {
            let m = s.mounts().as_ref().unwrap();
            let shm = m.iter().find(|m| m.destination() == Path::new("/dev/shm")).unwrap();
            shm.options().as_ref().unwrap().last().unwrap().clone()
        };
        assert_eq!(shm(&plain), "size=65536k");
        assert!(
            !plain
                .mounts()
                .as_ref()
                .unwrap()
                .iter()
                .any(|m| m.destination() == Path::new("/etc/localtime"))
        );
        let mut o = opts();
        o.sysctls.insert("net.ipv4.ping_group_range".into(), "0 0".into());
        o.umask = Some(0o077);
        o.shm_size = Some(1000);
        o.localtime = Some("/u/localtime".into());
        let s = build(&img, &o).unwrap();
        let sysctl = s.linux().as_ref().unwrap().sysctl().clone().unwrap();
        assert_eq!(sysctl.get("net.ipv4.ping_group_range").map(String::as_str), Some("0 0"));
        assert_eq!(s.process().as_ref().unwrap().user().umask(), Some(0o077));
        // Rounded up to whole KiB: never smaller than asked.
        assert_eq!(shm(&s), "size=1k");
        let lt = s
            .mounts()
            .as_ref()
            .unwrap()
            .iter()
            .find(|m| m.destination() == Path::new("/etc/localtime"))
            .unwrap();
        assert_eq!(lt.source().as_deref(), Some(Path::new("/u/localtime")));
        assert!(lt.options().as_ref().unwrap().iter().any(|o| o == "ro"));
    }

    #[test]
    fn args_follow_docker_rules() {
        let img = image(Some(&["/ep"]), Some(&["c1"]));
        assert_eq!(process_args(&img, None, &[]), ["/ep", "c1"]);
        assert_eq!(process_args(&img, None, &["x".into()]), ["/ep", "x"]);
        assert_eq!(process_args(&img, Some(&["/e2".into()]), &[]), ["/e2"]);
        assert_eq!(process_args(&img, Some(&[]), &["ls".into()]), ["ls"]);
        assert!(build(&image(None, None), &opts()).is_err());
    }

    #[test]
    fn env_overrides_by_key() {
        let env = environment(
            &["A=1".into(), "PATH=/x".into()],
            &["A=2".into(), "B".into()],
            "h",
            None,
        );
        assert_eq!(env, ["PATH=/x", "A=2", "B", "HOSTNAME=h", "HOME=/"]);
        let defaults = environment(&[], &[], "h", Some("/root"));
        assert_eq!(defaults[0], format!("PATH={DEFAULT_PATH}"));
        assert!(defaults.contains(&"HOME=/root".to_string()));
        let explicit = environment(&[], &["HOME=/x".into()], "h", Some("/root"));
        assert!(explicit.contains(&"HOME=/x".to_string()) && !explicit.contains(&"HOME=/root".to_string()));
    }

    #[test]
    fn caps_and_security_opts() {
        let mut o = opts();
        o.cap_drop = vec!["all".into()];
        o.cap_add = vec!["net_admin".into(), "CAP_CHOWN".into()];
        let c = capabilities(&o).unwrap();
        assert_eq!(c, [Capability::NetAdmin, Capability::Chown].into_iter().collect());
        o.cap_add = vec!["bogus".into()];
        assert!(capabilities(&o).is_err());
        let mut o = opts();
        apply_security_opt(&mut o, "no-new-privileges").unwrap();
        apply_security_opt(&mut o, "unmask=/proc/kcore:/proc/keys").unwrap();
        apply_security_opt(&mut o, "mask=/secret").unwrap();
        apply_security_opt(&mut o, "seccomp=unconfined").unwrap();
        assert!(o.no_new_privileges && o.seccomp == SeccompChoice::Unconfined);
        let (m, _) = masked(&o);
        assert!(m.contains(&"/secret".to_string()) && !m.contains(&"/proc/kcore".to_string()));
        for bad in ["", "nnp", "mask=rel", "unmask=", "label=x", "no-new-privileges=maybe"] {
            assert!(apply_security_opt(&mut opts(), bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn spec_round_trips_as_json() {
        let mut o = opts();
        o.labels.insert("l".into(), "v".into());
        let spec = build(&image(Some(&["/ep"]), None), &o).unwrap();
        let json = serde_json::to_string(&spec).unwrap();
        let back: Spec = serde_json::from_str(&json).unwrap();
        assert_eq!(back, spec);
        assert_eq!(spec.hostname().as_deref(), Some("0123456789ab"));
        let ns = spec.linux().as_ref().unwrap().namespaces().as_ref().unwrap();
        assert!(ns.iter().any(|n| n.typ() == LinuxNamespaceType::Network));
        assert!(!ns.iter().any(|n| n.typ() == LinuxNamespaceType::User));
    }
}
