//! `ferry run`: create a container from an image and run it in the foreground. ferry itself is
//! the container's supervisor: it forwards signals, waits, records the exit and cleans up `--rm`.
//! (Detached runs and `run -t`, whose terminal its monitor holds while ferry attaches to it, go
//! through the monitor.) `create` and `start --attach` use the two halves, [`create`] and
//! [`start_container`].

use std::collections::BTreeMap;
use std::os::fd::{AsFd, OwnedFd};
use std::path::PathBuf;

use anyhow::{Context as _, Result, anyhow, bail};

use crate::cli::{ContainerOptions, RunArgs};
use crate::commands::{Context, ExitStatus, warn};
use crate::config::registries::RegistriesConf;
use crate::engine::container::{chain_digests, layer_chain, read_spec};
use crate::image::{lookup, unpack};
use crate::monitor::logs::LogWriter;
use crate::monitor::signal::parse_signal;
use crate::monitor::{self, MonitorError};
use crate::network;
use crate::registry::pull::policy::{PullPolicy, ensure_image};
use crate::registry::pull::{PlatformSpec, PullOptions};
use crate::runtime::cgroup::{self, Cgroup};
use crate::runtime::launch::{self, Launch, LaunchError, SignalProxy};
use crate::runtime::mounts;
use crate::runtime::rootfs::{OverlayLayout, resolve_user};
use crate::runtime::spec::{self, NetworkMode, SpecOptions};
use crate::runtime::tty::{self, DetachKeys, WinSize};
use crate::runtime::usermode::{self, UsernsMode};
use crate::runtime::{envfile, security, spec::parse_ulimit};
use crate::spec::containers_conf::{Settings, values};
use crate::store::Store;
use crate::store::containers::{ContainerRecord, ContainerState, LogDriver, NewContainer, RunSettings, Status};
use crate::store::lock::Lock;
use crate::store::shifted;
use crate::sys::idmap::IdMapping;
use crate::sys::now;
use crate::{commands::client_options, output::progress::Display};

/// The container's command cannot be invoked (Podman's and Docker's code).
const CANNOT_INVOKE: ExitStatus = ExitStatus(126);
/// The container's command was not found.
const NOT_FOUND: ExitStatus = ExitStatus(127);

pub(crate) fn key_values(items: &[String], what: &str) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for it in items {
        let (k, v) = it.split_once('=').unwrap_or((it.as_str(), ""));
        if k.is_empty() {
            bail!("invalid {what} {it:?}: expected KEY=VALUE");
        }
        out.insert(k.to_string(), v.to_string());
    }
    Ok(out)
}

/// Turns the command line into spec options (everything that does not need the image).
fn spec_options(
    ctx: &Context,
    args: &ContainerOptions,
    conf: &Settings,
    layout: &cgroup::Layout,
) -> Result<SpecOptions> {
    let mode = network::Mode::parse(crate::usernet::builtin_mode(&args.network))?;
    let network = match mode {
        network::Mode::Host => NetworkMode::Host,
        _ => NetworkMode::Private,
    };
    let defaults = &conf.containers;
    let host_env: Vec<(String, String)> = std::env::vars().collect();
    let mut env = Vec::new();
    let host = envfile::HostEnv::current();
    for f in &args.env_file {
        env.extend(envfile::read_env_file(f, &host).context("reading the env file")?);
    }
    for e in &args.env {
        let entries = envfile::entry(e, &host)
            .map_err(|reason| anyhow!("invalid environment variable {e:?}: {reason} (expected KEY=VALUE or KEY)"))?;
        env.extend(entries);
    }
    let mut opts = SpecOptions {
        entrypoint: args
            .entrypoint
            .as_ref()
            .map(|e| if e.is_empty() { Vec::new() } else { vec![e.clone()] }),
        command: args.command().to_vec(),
        env,
        default_env: super::conf::expand_env(&defaults.env, &host_env),
        workdir: args.workdir.clone(),
        hostname: args.hostname.clone(),
        network: Some(network),
        no_hosts: args.no_hosts.unwrap_or(defaults.no_hosts),
        read_only: args.read_only.unwrap_or(defaults.read_only),
        read_only_tmpfs: args.read_only_tmpfs,
        labels: key_values(&args.label, "label")?,
        annotations: key_values(&args.annotation, "annotation")?,
        default_caps: Some(defaults.default_capabilities.clone()),
        cap_add: args.cap_add.clone(),
        cap_drop: args.cap_drop.clone(),
        privileged: args.privileged,
        terminal: args.tty,
        ..Default::default()
    };
    if let Some(w) = &opts.workdir
        && !w.starts_with('/')
    {
        bail!("workdir {w:?} must be an absolute path");
    }
    for u in &args.ulimit {
        opts.rlimits
            .push(parse_ulimit(u, !ctx.engine.host.rootless, spec::current_hard_limit)?);
    }
    // `--ulimit` replaces the whole default list, as in Podman.
    if args.ulimit.is_empty() {
        for u in &defaults.default_ulimits {
            let limit =
                parse_ulimit(&u.spec, !ctx.engine.host.rootless, spec::current_hard_limit).with_context(|| {
                    let at = conf
                        .origin("containers.default_ulimits")
                        .map(|o| format!("{o}: "))
                        .unwrap_or_default();
                    format!("{at}containers.default_ulimits")
                })?;
            opts.rlimits.push(limit);
        }
    }
    for s in &args.security_opt {
        spec::apply_security_opt(&mut opts, s)?;
    }
    // Fail on an unknown capability now rather than after creating the container.
    spec::capabilities(&opts)?;
    if ctx.engine.host.rootless {
        opts.userns = ctx.engine.mapping();
    }
    opts.sysctls = sysctls(args, conf, &mode)?;
    let at = |key: &str| conf.origin(key).map(|o| format!("{o}: ")).unwrap_or_default();
    opts.localtime = match &args.tz {
        Some(tz) => Some(zone_file(&values::timezone(tz).map_err(|e| anyhow!("--tz: {e}"))?)?),
        None => match &defaults.tz {
            Some(tz) => Some(zone_file(tz).with_context(|| format!("{}containers.tz", at("containers.tz")))?),
            None => None,
        },
    };
    opts.umask = match &args.umask {
        Some(m) => Some(values::umask(m).map_err(|e| anyhow!("--umask: {e}"))?),
        None => defaults.umask,
    };
    opts.shm_size = Some(match &args.shm_size {
        Some(size) => values::size(size, 1024).map_err(|e| anyhow!("--shm-size: {e}"))?,
        None => defaults.shm_size,
    });
    let rootless = ctx.engine.host.rootless;
    let pids_limit = match args.pids_limit {
        Some(n) => {
            if n > 0 && !cgroup::can_limit(rootless, layout) {
                warn("--pids-limit is ignored: rootless on a cgroup v1 host a container has no cgroup to limit it");
            }
            Some(n).filter(|&n| n > 0)
        }
        None => defaults.pids_limit.map(|n| i64::try_from(n).unwrap_or(i64::MAX)),
    };
    opts.resources = cgroup::default_resources(args.privileged, rootless, layout, pids_limit);
    Ok(opts)
}

/// containers.conf's `default_sysctls` under `--sysctl` (a flag replaces the entry of the same
/// name). As Podman: a `net.*` sysctl needs a network namespace of the container's own, so with
/// the host's network it is an error from a flag and skipped from containers.conf, which also
/// leaves the namespaces of `container:` and `ns:` networks alone. (The container always has
/// IPC and UTS namespaces of its own.)
fn sysctls(args: &ContainerOptions, conf: &Settings, mode: &network::Mode) -> Result<BTreeMap<String, String>> {
    let own_net = !matches!(
        mode,
        network::Mode::Host | network::Mode::Ns { .. } | network::Mode::Container { .. }
    );
    let mut out: BTreeMap<String, String> = conf
        .containers
        .default_sysctls
        .iter()
        .filter(|(name, _)| own_net || !name.starts_with("net."))
        .cloned()
        .collect();
    for raw in &args.sysctl {
        let (name, value) = values::sysctl(raw).map_err(|e| anyhow!("--sysctl: {e}"))?;
        if name.starts_with("net.") && matches!(mode, network::Mode::Host) {
            bail!(
                "--sysctl {name}={value}: a net.* sysctl cannot be set with --network host: the container shares the host's network namespace"
            );
        }
        out.insert(name, value);
    }
    Ok(out)
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

/// The ids nested user namespaces may use: ferry's own ids rootless; as root, the range of the
/// "containers" user in /etc/subuid and /etc/subgid (as Podman's `--userns=auto`).
fn userns_pool(ctx: &Context) -> usermode::Pool {
    if let Some(m) = ctx.engine.mapping() {
        let count = |r: &[crate::sys::idmap::IdRange]| r.iter().map(|r| r.size as u64).sum::<u64>();
        return usermode::Pool::Rootless {
            size: count(&m.uids).min(count(&m.gids)),
        };
    }
    match IdMapping::rootless_from_system("containers", u32::MAX, u32::MAX) {
        Some(m) if m.uids.len() > 1 && m.gids.len() > 1 => usermode::Pool::Root {
            uid_start: m.uids[1].host,
            gid_start: m.gids[1].host,
            size: m.uids[1].size.min(m.gids[1].size),
        },
        _ => usermode::Pool::RootNone,
    }
}

/// The uid ranges other containers' own user namespaces use, so `auto` picks a fresh one.
fn auto_ranges_in_use(store: &Store) -> Result<Vec<crate::sys::idmap::IdRange>> {
    let containers = store.containers();
    let mut out = Vec::new();
    for rec in containers.list()? {
        if let Ok(s) = containers.read_settings(&rec.id)
            && let Some(m) = s.userns
        {
            out.extend(m.uids.iter().filter(|r| r.host != 0));
        }
    }
    Ok(out)
}

pub fn exec(ctx: &mut Context, args: RunArgs) -> Result<ExitStatus> {
    let detach_keys = DetachKeys::parse(&args.detach_keys)?;
    super::attach::warn_if_not_a_terminal(args.opts.tty, args.opts.interactive);
    // The new container stays locked until it runs: an `rm` of it waits until then.
    let (rec, held) = create(ctx, &args.opts)?;
    let store = ctx.store()?.clone();
    if args.detach {
        return run_detached(&store, &rec, args.rm, held);
    }
    if args.opts.tty {
        return run_attached(&store, &rec, &args, detach_keys, held);
    }
    let result = start_container(&store, &rec, args.sig_proxy, args.opts.interactive, held);
    if args.rm {
        remove_after_run(&store, &rec)?;
    }
    result
}

/// `--rm` after a foreground run: removes the container unless another process holds its lock
/// (an `rm -f` that killed it, which removes it; see `store::lock`).
fn remove_after_run(store: &Store, rec: &ContainerRecord) -> Result<()> {
    if let Ok(Some(_held)) = store.containers().try_lock(&rec.id) {
        store
            .volumes()
            .remove_container(&rec.id)
            .with_context(|| format!("removing container {}", &rec.id[..12]))?;
    }
    Ok(())
}

/// `run -t` in the foreground: the container runs under its monitor, which holds its terminal,
/// and ferry attaches to it ([`start_attached`]).
fn run_attached(
    store: &Store,
    rec: &ContainerRecord,
    args: &RunArgs,
    detach_keys: DetachKeys,
    held: Lock,
) -> Result<ExitStatus> {
    let containers = store.containers();
    if args.rm {
        let mut settings = containers.read_settings(&rec.id)?;
        settings.remove = true;
        containers.write_settings(&rec.id, &settings)?;
    }
    let session = super::attach::Session {
        stdin: args.opts.interactive,
        tty: true,
        detach_keys,
        sig_proxy: args.sig_proxy,
    };
    let result = start_attached(store, rec, session, held);
    // The monitor removes what it supervised; a container that never started is left to us (one
    // that still runs, after a detach, is the monitor's).
    if args.rm && containers.refresh(rec).is_ok_and(|s| s.status != Status::Running) {
        let _ = remove_after_run(store, rec);
    }
    result
}

/// Starts a container with a terminal under its monitor with ferry as an attach client that is
/// connected from the start (so it sees all the output); returns the container's exit code,
/// or 0 when the user detaches (`run -it`, `start -ai`). `held`, the container's lock, is
/// released once it runs.
pub(crate) fn start_attached(
    store: &Store,
    rec: &ContainerRecord,
    session: super::attach::Session,
    held: Lock,
) -> Result<ExitStatus> {
    use nix::sys::socket::{AddressFamily, SockFlag, SockType, socketpair};
    let (ours, theirs) = socketpair(AddressFamily::Unix, SockType::Stream, None, SockFlag::SOCK_CLOEXEC)
        .context("creating the attach connection")?;
    let size = tty::get_size(std::io::stdin().as_fd()).or_else(|| tty::get_size(std::io::stdout().as_fd()));
    let started = start_monitored(store, rec, Some(theirs), size);
    drop(held);
    if let Err(e) = started {
        return match e.downcast_ref::<MonitorError>() {
            Some(MonitorError::Start { code, message }) if *code != ExitStatus::ENGINE_ERROR.0 => {
                eprintln!("Error: {message}");
                Ok(ExitStatus(*code))
            }
            _ => Err(e),
        };
    }
    super::attach::relay_attached(store, rec, ours, session)
}

/// `run -d`: starts the container under its monitor (which removes it at the end with `--rm`)
/// and prints its id. `held` is the container's lock, released once it runs (or is removed).
fn run_detached(store: &Store, rec: &ContainerRecord, remove: bool, held: Lock) -> Result<ExitStatus> {
    let containers = store.containers();
    if remove {
        let mut settings = containers.read_settings(&rec.id)?;
        settings.remove = true;
        containers.write_settings(&rec.id, &settings)?;
    }
    let started = start_detached(store, rec);
    if started.is_err() && remove {
        let _ = store.volumes().remove_container(&rec.id);
    }
    drop(held);
    match started {
        Ok(()) => {
            println!("{}", rec.id);
            Ok(ExitStatus::SUCCESS)
        }
        Err(e) => match e.downcast_ref::<MonitorError>() {
            Some(MonitorError::Start { code, message }) if *code != ExitStatus::ENGINE_ERROR.0 => {
                eprintln!("Error: {message}");
                Ok(ExitStatus(*code))
            }
            _ => Err(e),
        },
    }
}

/// The container's run settings from the command line and the image (`StopSignal`).
fn run_settings(
    args: &ContainerOptions,
    image: &crate::image::manifest::RunConfig,
    conf: &Settings,
) -> Result<RunSettings> {
    let log_driver = match args.log_driver.as_deref() {
        Some("k8s-file" | "json-file" | "") => LogDriver::K8sFile,
        Some("none") => LogDriver::None,
        Some("passthrough") => LogDriver::Passthrough,
        Some(other) => bail!("unsupported log driver {other:?}: use k8s-file, none or passthrough"),
        None => super::conf::log_driver(conf)?,
    };
    let mut log_max_size = conf.containers.log_size_max;
    for o in &args.log_opt {
        match o.split_once('=') {
            Some(("max-size", v)) => {
                log_max_size = Some(parse_size(v).ok_or_else(|| anyhow!("invalid log max-size {v:?}"))?);
            }
            _ => bail!("unsupported log option {o:?}: ferry knows max-size=SIZE"),
        }
    }
    let signal = args
        .stop_signal
        .as_deref()
        .or(image.stop_signal.as_deref().filter(|s| !s.is_empty()));
    let stop_signal = match signal {
        Some(s) => parse_signal(s).ok_or_else(|| anyhow!("invalid stop signal {s:?}"))?,
        None => libc::SIGTERM,
    };
    Ok(RunSettings {
        log_driver,
        log_max_size,
        remove: false,
        init: args.init.unwrap_or(conf.containers.init),
        interactive: args.interactive,
        stop_signal,
        stop_timeout: args.stop_timeout.unwrap_or(conf.engine.stop_timeout),
        userns: None,
        privileged: args.privileged,
    })
}

/// `10mb`, `512k`, `1g`, `4096` (bytes), as Podman's `--log-opt max-size` takes them.
fn parse_size(s: &str) -> Option<u64> {
    let lower = s.trim().to_ascii_lowercase();
    let digits = lower.bytes().take_while(u8::is_ascii_digit).count();
    let (num, unit) = lower.split_at(digits);
    let mult: u64 = match unit.trim_end_matches(['b', 'i']) {
        "" => 1,
        "k" => 1 << 10,
        "m" => 1 << 20,
        "g" => 1 << 30,
        _ => return None,
    };
    if !unit.is_empty() && !matches!(unit, "b" | "k" | "kb" | "kib" | "m" | "mb" | "mib" | "g" | "gb" | "gib") {
        return None;
    }
    num.parse::<u64>().ok()?.checked_mul(mult).filter(|&n| n > 0)
}

/// Pulls the image if the policy asks, unpacks it, records the container and writes its
/// spec, files and `created` state: all of `create`, and `run` before it starts. Rootless, this
/// enters the user namespace.
/// Creates a container as `args` say; returns its record and its lock (see `store::lock`),
/// held from before the record existed.
pub(crate) fn create(ctx: &mut Context, args: &ContainerOptions) -> Result<(ContainerRecord, Lock)> {
    let policy: PullPolicy = args.pull.parse()?;
    // Read before entering the user namespace: which files apply depends on being rootless.
    let conf = super::conf::load()?;
    let layout = cgroup::Layout::detect();
    let mut opts = spec_options(ctx, args, &conf, &layout)?;
    let cwd = std::env::current_dir().context("reading the current directory")?;
    let user_mounts = mounts::parse(&args.volume, &args.mount, &args.tmpfs, &args.volumes_from, &cwd)?;
    if let Some(f) = &args.cidfile
        && f.exists()
    {
        bail!(
            "container id file {} exists: remove it or use another path",
            f.display()
        );
    }
    let pull = PullOptions {
        client: client_options(&args.registry, ctx.engine.host.uid)?,
        // Read before entering the user namespace: which file applies depends on being rootless.
        registries: RegistriesConf::load()?,
        platform: PlatformSpec::from_options(None, None, None, None)?,
        jobs: 3,
        apply: ctx.engine.apply_options(),
    };
    let userns_mode: UsernsMode = args.userns.parse()?;
    let uidmap = args
        .uidmap
        .iter()
        .map(|m| usermode::parse_range("--uidmap", m))
        .collect::<Result<Vec<_>, _>>()?;
    let gidmap = args
        .gidmap
        .iter()
        .map(|m| usermode::parse_range("--gidmap", m))
        .collect::<Result<Vec<_>, _>>()?;
    let pool = userns_pool(ctx);
    // Unknown networks fail before anything is made (or the rootless network namespace starts).
    let attachments = match crate::usernet::requested(&args.network) {
        Some(names) => Some(crate::usernet::resolve(ctx.store()?, &names, &args.network_alias)?),
        None if !args.network_alias.is_empty() => {
            bail!("--network-alias needs --network NAME: aliases are names on user-defined networks")
        }
        None => None,
    };
    if ctx.engine.host.rootless {
        let mode = network::Mode::parse(crate::usernet::builtin_mode(&args.network))?;
        if let Some(path) = network::join::target(ctx.store()?, &mode)?
            && let Some(owner) = network::join::owner_userns(&path)?
        {
            ctx.engine.join_userns(owner)?;
        }
    }
    crate::commands::network::connect::enter_userns_networked(ctx, attachments.is_some())?;
    let store = ctx.store()?.clone();
    // Keeps a concurrent rmi or prune from removing the image's layers until the container
    // record (a garbage collection root) exists.
    let content_lock = store.content_lock()?;
    let record = ensure_image(&store, args.image(), policy, &pull, &Display::new(false))?;
    let image = lookup::open(&store, &record)?;
    let mut warnings = Vec::new();
    let top = unpack::unpack_image(&store, &image.manifest, &image.config, &pull.apply, &mut warnings)
        .with_context(|| format!("unpacking image {}", record.id.short()))?;
    for w in &warnings {
        warn(w);
    }
    let (lowers, layer_dirs) = layer_chain(&store, &top)?;
    if lowers.is_empty() {
        bail!("image {} has no layers", record.id.short());
    }
    let run_config = image.config.run_config();
    // Before the container exists: a port that cannot be published leaves nothing behind.
    let exposed = run_config
        .exposed_ports
        .iter()
        .flat_map(|p| p.keys())
        .map(String::as_str);
    let net = if attachments.is_some() {
        crate::usernet::ports::config(&args.publish, args.publish_all, exposed)?
    } else {
        network::configure(
            network::Mode::parse(crate::usernet::builtin_mode(&args.network))?,
            &args.publish,
            args.publish_all,
            exposed,
        )?
    };
    let nested = if userns_mode == UsernsMode::Default && uidmap.is_empty() && gidmap.is_empty() {
        None
    } else {
        let taken = auto_ranges_in_use(&store)?;
        let env = usermode::Environment {
            host_uid: ctx.engine.host.uid,
            host_gid: ctx.engine.host.gid,
            pool,
            taken: &taken,
        };
        usermode::nested_mapping(&userns_mode, &uidmap, &gidmap, &env)?
    };
    // keep-id runs as the user's ids unless told otherwise, as Podman does.
    let keep_id_user = match &userns_mode {
        UsernsMode::KeepId { uid, gid } => Some(format!(
            "{}:{}",
            uid.unwrap_or(ctx.engine.host.uid),
            gid.unwrap_or(ctx.engine.host.gid)
        )),
        _ => None,
    };
    let user = match args
        .user
        .as_deref()
        .or(keep_id_user.as_deref())
        .or(run_config.user.as_deref().filter(|u| !u.is_empty()))
    {
        Some(u) => resolve_user(&layer_dirs, u)?,
        None => resolve_user(&layer_dirs, "0")?,
    };
    opts.user = user;
    if let Some(m) = &nested {
        let chain = chain_digests(&store, &top)?;
        shifted::ensure_chain(&store, &chain, m).with_context(|| {
            format!(
                "preparing the layers of image {} for the user namespace",
                record.id.short()
            )
        })?;
        opts.userns = Some(m.clone());
    }

    let containers = store.containers();
    let (rec, held) = containers.create(NewContainer {
        name: args.name.as_deref(),
        image_id: record.id.clone(),
        image_name: lookup::selected_name(&record, args.image()).unwrap_or_else(|| args.image().to_string()),
        top_layer: top.clone(),
    })?;
    if let Some(a) = &attachments
        && let Err(e) = crate::usernet::record(&store, &rec.id, a)
    {
        let _ = store.volumes().remove_container(&rec.id);
        return Err(e.into());
    }
    // `U` chowns to the container user's ids as ferry's user namespace sees them.
    let owner = match &nested {
        Some(m) => (
            crate::sys::idmap::map_id(&m.uids, opts.user.uid).unwrap_or(opts.user.uid),
            crate::sys::idmap::map_id(&m.gids, opts.user.gid).unwrap_or(opts.user.gid),
        ),
        None => (opts.user.uid, opts.user.gid),
    };
    let image_volumes = mounts::image_volumes(&run_config.volumes);
    let userxattr = opts.userns.is_some();
    let mut images = |reference: &str| -> Result<mounts::ImageLayers, Box<dyn std::error::Error + Send + Sync>> {
        Ok(mount_image(&store, reference, policy, &pull, userxattr)?)
    };
    let attached = mounts::attach(&store, &rec.id, &user_mounts, &image_volumes, owner, &mut images);
    // Mounted images' layers are garbage collection roots once the mounts are recorded.
    drop(content_lock);
    let written = attached.map_err(anyhow::Error::from).and_then(|m| {
        opts.user_mounts = m;
        write_container(&store, args, &conf, opts, &run_config, &rec, nested, &net, &layout)
    });
    if let Err(e) = written {
        let _ = store.volumes().remove_container(&rec.id);
        return Err(e);
    }
    Ok((rec, held))
}

/// The layers of an image mounted with `--mount type=image` (pulled per the policy, unpacked).
fn mount_image(
    store: &Store,
    reference: &str,
    policy: PullPolicy,
    pull: &PullOptions,
    userxattr: bool,
) -> Result<mounts::ImageLayers> {
    let record = ensure_image(store, reference, policy, pull, &Display::new(false))?;
    let image = lookup::open(store, &record)?;
    let mut warnings = Vec::new();
    let top = unpack::unpack_image(store, &image.manifest, &image.config, &pull.apply, &mut warnings)
        .with_context(|| format!("unpacking image {}", record.id.short()))?;
    for w in &warnings {
        warn(w);
    }
    let (_, dirs) = layer_chain(store, &top)?;
    let top = top.ok_or_else(|| anyhow!("image {} has no layers", record.id.short()))?;
    Ok(mounts::ImageLayers {
        id: record.id.hex().to_string(),
        top,
        dirs,
        userxattr,
    })
}

/// Writes the container id file, the files bind-mounted into the container, the runtime spec
/// and the `created` state (with where its cgroup will be on this host's `layout`). (`args` and
/// `conf` are the two halves of what was asked for.)
#[allow(clippy::too_many_arguments)]
fn write_container(
    store: &Store,
    args: &ContainerOptions,
    conf: &Settings,
    mut opts: SpecOptions,
    image: &crate::image::manifest::RunConfig,
    rec: &ContainerRecord,
    nested: Option<IdMapping>,
    net: &network::NetworkConfig,
    layout: &cgroup::Layout,
) -> Result<()> {
    let rootless = opts.userns.is_some();
    let containers = store.containers();
    let id = rec.id.as_str();
    if let Some(f) = &args.cidfile {
        use std::io::Write;
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(f)
            .and_then(|mut file| file.write_all(id.as_bytes()))
            .with_context(|| format!("writing the container id file {}", f.display()))?;
    }
    opts.id = id.to_string();
    opts.rootfs = containers.merged_dir(id);
    opts.userdata = containers.userdata_dir(id);
    // A copy, as Podman makes: the container keeps its zone when the host's changes.
    if let Some(zone) = opts.localtime.take() {
        let copy = opts.userdata.join("localtime");
        std::fs::copy(&zone, &copy).with_context(|| format!("copying {} to {}", zone.display(), copy.display()))?;
        opts.localtime = Some(copy);
    }
    let hostname = opts.hostname.clone().unwrap_or_else(|| id[..12].to_string());
    let userdata = containers.userdata_dir(id);
    let write = |name: &str, data: String| {
        let p = userdata.join(name);
        std::fs::write(&p, data).with_context(|| format!("writing {}", p.display()))
    };
    write("hostname", format!("{hostname}\n"))?;
    let gateway = network::host_address(&net.mode);
    let add_hosts = args
        .add_host
        .iter()
        .map(|h| network::parse_add_host(h, gateway))
        .collect::<Result<Vec<_>, _>>()?;
    write(
        "hosts",
        network::hosts_file(&spec::hosts_file(&hostname, &rec.name), &net.mode, &add_hosts),
    )?;
    let host_resolv = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    // Each flag replaces its containers.conf list.
    let or_conf = |flag: &Vec<String>, conf: &Vec<String>| if flag.is_empty() { conf.clone() } else { flag.clone() };
    let dns = network::DnsOptions {
        servers: or_conf(&args.dns, &conf.containers.dns_servers),
        search: or_conf(&args.dns_search, &conf.containers.dns_searches),
        options: or_conf(&args.dns_option, &conf.containers.dns_options),
    };
    let resolv = network::resolv_conf(&host_resolv, &net.mode, &dns).with_context(|| {
        match conf.origin("containers.dns_servers").filter(|_| args.dns.is_empty()) {
            Some(o) => format!("{o}: containers.dns_servers"),
            None => "--dns".to_string(),
        }
    })?;
    write("resolv.conf", resolv)?;
    net.save(&containers.dir(id))?;
    let spec = spec::build(image, &opts)?;
    let json = serde_json::to_vec_pretty(&spec).context("serializing the runtime spec")?;
    containers.write_config(id, &json)?;
    let mut settings = run_settings(args, image, conf)?;
    if let Some(m) = &nested {
        // The container's root directory is the upper directory's: owned by its root.
        let root_uid = crate::sys::idmap::map_id(&m.uids, 0);
        let root_gid = crate::sys::idmap::map_id(&m.gids, 0);
        for d in [containers.diff_dir(id), containers.work_dir(id)] {
            std::os::unix::fs::chown(&d, root_uid, root_gid).with_context(|| format!("chown {}", d.display()))?;
        }
        // Its root may be none of ferry's ids: it must be able to reach its directories (as
        // Podman, the store becomes traversable, not readable, by others).
        if !m.uids.iter().any(|r| r.host == 0) {
            use std::os::unix::fs::PermissionsExt;
            for a in store.root().ancestors().skip(1) {
                let mode = std::fs::metadata(a).map(|m| m.permissions().mode()).unwrap_or(0);
                if mode & 0o001 == 0 {
                    bail!(
                        "this user namespace does not map your own id, so the container's root must be able to reach the store {}: {} is not searchable by other users (chmod o+x {} to allow it)",
                        store.root().display(),
                        a.display(),
                        a.display()
                    );
                }
            }
            let dir = containers.dir(id);
            for d in [store.root(), dir.parent().unwrap_or(store.root()), dir.as_path()] {
                std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o711))
                    .with_context(|| format!("chmod {}", d.display()))?;
            }
        }
    }
    settings.userns = nested;
    containers.write_settings(id, &settings)?;
    // Where its cgroup will be, known from now on: a run killed right after making it leaves
    // nothing that `rm` would not find.
    let state = ContainerState {
        cgroups: cgroup::planned_paths(layout, id, rootless),
        ..Default::default()
    };
    containers.write_state(id, &state)?;
    Ok(())
}

/// Starts a created (or exited) container in the foreground and waits for it: ferry is its
/// supervisor, recorded as its monitor. The caller is in the user namespace when rootless and
/// single-threaded, and holds the container's lock (`held`), released once it runs.
pub(crate) fn start_container(
    store: &Store,
    rec: &ContainerRecord,
    sig_proxy: bool,
    keep_stdin: bool,
    held: Lock,
) -> Result<ExitStatus> {
    let containers = store.containers();
    let id = rec.id.as_str();
    let spec = read_spec(store, id)?;
    let settings = containers.read_settings(id)?;
    // The log is opened before the container starts: failing later would leave it unsupervised.
    let mut log = match settings.log_driver {
        LogDriver::K8sFile => {
            let path = containers.log_path(id);
            Some(
                LogWriter::open(&path, settings.log_max_size)
                    .with_context(|| format!("opening the container log {}", path.display()))?,
            )
        }
        LogDriver::None | LogDriver::Passthrough => None,
    };
    // The container's streams are pipes that ferry relays: it never holds the caller's
    // descriptors (its terminal, or a file stdout is redirected to), except when the user asks
    // for exactly that with `--log-driver passthrough`.
    let passthrough = settings.log_driver == LogDriver::Passthrough;
    let (readers, output) = if passthrough {
        (None, None)
    } else {
        let (readers, writers) = monitor::output_pipes()?;
        (Some(readers), Some(writers))
    };
    let (stdin, input) = match (keep_stdin, passthrough) {
        (false, _) => (None, None),
        (true, true) => (Some(std::io::stdin().as_fd().try_clone_to_owned()?), None),
        (true, false) => {
            let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
            (Some(r), Some(w))
        }
    };
    let mut launch = prepare_launch(store, rec, &spec, stdin, settings.init, output)?;
    let mut state = containers.read_state(id)?;
    let dir = containers.dir(id);
    let net = network::NetworkConfig::load(&dir)?.filter(|n| n.mode.needs_helper());
    let setup = |pid: nix::unistd::Pid| match &net {
        Some(n) => network::start(&dir, n, pid.as_raw()).map_err(|e| e.to_string()),
        None => crate::usernet::setup(store, id, pid.as_raw()).map_err(|e| e.to_string()),
    };
    let bridged = !store.networks().attachments(id)?.is_empty();
    launch.cgroup = container_cgroup(rec, &spec)?;
    let started = launch::start_networked(
        &launch,
        (net.is_some() || bridged).then_some(&setup as launch::NetworkSetup),
    )
    .map(|(p, _)| p);
    let cgroup = launch.cgroup.take();
    // Closes ferry's copies of the pipes' write ends: end-of-file then means the container is done.
    drop(launch);
    let finish = |state: &mut ContainerState, code: i32| {
        state.status = Status::Exited;
        state.pid = None;
        state.pid_start = None;
        state.monitor_pid = None;
        state.monitor_start = None;
        state.exit_code = Some(code);
        state.finished_at = Some(now());
        // The init is reaped, so its pid namespace is empty: nothing is left in the cgroup.
        // What cannot be removed stays recorded for `rm`.
        if let Some(c) = &cgroup {
            let _ = c.remove();
        }
        containers.write_state(id, state)
    };
    let pid = match started {
        Ok(pid) => pid,
        Err(e) => {
            let code = match &e {
                LaunchError::NotFound { .. } => NOT_FOUND,
                LaunchError::CannotExecute { .. } => CANNOT_INVOKE,
                _ => ExitStatus::ENGINE_ERROR,
            };
            // The network may be up when the command could not be executed.
            network::stop(&dir);
            finish(&mut state, code.0)?;
            return match e {
                LaunchError::NotFound { .. } => {
                    eprintln!("Error: {e}: OCI runtime attempted to invoke a command that was not found");
                    Ok(code)
                }
                LaunchError::CannotExecute { .. } => {
                    eprintln!("Error: {e}: OCI permission denied");
                    Ok(code)
                }
                e => Err(anyhow!(e).context(format!("starting container {}", &id[..12]))),
            };
        }
    };
    state.mark_running(pid.as_raw(), std::process::id() as i32, now());
    state.cgroups = cgroup.as_ref().map(|c| c.paths().to_vec()).unwrap_or_default();
    containers.write_state(id, &state)?;
    drop(held);
    let code = match readers {
        Some(pipes) => {
            let proxy = if sig_proxy {
                Some(SignalProxy::install(pid)?)
            } else {
                None
            };
            let (out, err) = (std::io::stdout(), std::io::stderr());
            let pumped = monitor::pump(pid, pipes, input, log.as_mut(), Some((out.as_fd(), err.as_fd())));
            let code = launch::reap_exit(pid)?;
            drop(proxy);
            pumped.context("relaying the container's input and output")?;
            code
        }
        None => launch::wait(pid, sig_proxy)?,
    };
    network::stop(&dir);
    crate::usernet::release(store, id);
    finish(&mut state, code)?;
    Ok(ExitStatus(code))
}

/// Creates the cgroup of a container that is about to start (see `runtime::cgroup`).
fn container_cgroup(rec: &ContainerRecord, spec: &oci_spec::runtime::Spec) -> Result<Option<Cgroup>> {
    let linux = spec.linux().as_ref();
    let request = cgroup::Request {
        id: &rec.id,
        // A rootless container's spec carries ferry's user namespace mapping.
        rootless: linux.is_some_and(|l| l.uid_mappings().is_some()),
        resources: linux.and_then(|l| l.resources().as_ref()),
    };
    Cgroup::create(&cgroup::Layout::detect(), &request)
        .with_context(|| format!("creating the cgroup of container {}", &rec.id[..12]))
}

/// Everything a start needs from the stored container: spec, overlay layers, security.
fn prepare_launch<'a>(
    store: &Store,
    rec: &ContainerRecord,
    spec: &'a oci_spec::runtime::Spec,
    stdin: Option<OwnedFd>,
    init: bool,
    output: Option<(OwnedFd, OwnedFd)>,
) -> Result<Launch<'a>> {
    let containers = store.containers();
    let id = rec.id.as_str();
    let (lowers, _) = layer_chain(store, &rec.top_layer)?;
    let settings = containers.read_settings(id)?;
    let userns = settings.userns;
    let (layers_dir, lowers) = match &userns {
        Some(m) => {
            let chain = chain_digests(store, &rec.top_layer)?;
            let shifted = shifted::ensure_chain(store, &chain, m)
                .with_context(|| format!("preparing the layers of container {} for its user namespace", &id[..12]))?;
            (shifted.base, shifted.lowers)
        }
        None => (store.layers_dir(), lowers),
    };
    let cache = store.root().join("cache");
    std::fs::create_dir_all(&cache).with_context(|| format!("creating {}", cache.display()))?;
    let security = security::prepare(spec, &cache).context("preparing the security settings")?;
    Ok(Launch {
        spec,
        overlay: OverlayLayout {
            layers_dir,
            lowers,
            upper: containers.diff_dir(id),
            work: containers.work_dir(id),
            // Rootless (a user namespace with id mappings): only user.* xattrs can be set.
            userxattr: spec.linux().as_ref().is_some_and(|l| l.uid_mappings().is_some()),
            nodev: !settings.privileged,
        },
        security,
        stdin,
        output,
        init,
        userns,
        join_net: join_network(store, rec)?,
        // Made right before the start (see `container_cgroup`): nothing may fail in between.
        cgroup: None,
    })
}

/// The network namespace a `--network ns:…|container:…` container enters, opened now (a
/// container's namespace is looked up at every start: its pid changes).
fn join_network(store: &Store, rec: &ContainerRecord) -> Result<Option<OwnedFd>> {
    let Some(cfg) = network::NetworkConfig::load(&store.containers().dir(&rec.id))? else {
        return Ok(None);
    };
    match network::join::target(store, &cfg.mode)? {
        Some(path) => Ok(Some(network::join::open(&path)?)),
        None => Ok(None),
    }
}

/// Rootless: a container that joins another namespace must be started from the user namespace
/// that owns it (ferry's own would be a sibling without rights there). Joins it for the first of
/// `keys` whose network says so; the caller then enters no other.
pub(crate) fn join_network_owner(ctx: &mut Context, keys: &[String]) -> Result<()> {
    if !ctx.engine.host.rootless {
        return Ok(());
    }
    let store = ctx.store()?.clone();
    for k in keys {
        let Ok(rec) = store.containers().lookup(k) else {
            continue;
        };
        let Some(cfg) = network::NetworkConfig::load(&store.containers().dir(&rec.id))? else {
            continue;
        };
        if let Some(path) = network::join::target(&store, &cfg.mode)? {
            if let Some(owner) = network::join::owner_userns(&path)? {
                ctx.engine.join_userns(owner)?;
            }
            return Ok(());
        }
    }
    Ok(())
}

/// Starts a created or exited container in the background under its own monitor (see
/// `crate::monitor`) and returns once it runs; its output goes to its log per its settings.
/// Used by `run -d` and `restart`; `start` without `--attach` calls it too. The caller must be
/// single-threaded, hold the container's lock and, rootless, be in the user namespace. A container that cannot start comes
/// back as a `MonitorError::Start` (with `run`'s exit code) in the error chain.
pub fn start_detached(store: &Store, rec: &ContainerRecord) -> Result<()> {
    start_monitored(store, rec, None, None)
}

/// [`start_detached`], with an attach client that is connected from the start (`run -it`,
/// `start -ai`: it sees all the output) and the size of the user's terminal for a container
/// with a terminal.
pub(crate) fn start_monitored(
    store: &Store,
    rec: &ContainerRecord,
    client: Option<OwnedFd>,
    size: Option<WinSize>,
) -> Result<()> {
    let containers = store.containers();
    let mut spec = read_spec(store, &rec.id)?;
    let settings = containers.read_settings(&rec.id)?;
    let terminal = spec.process().as_ref().and_then(|p| p.terminal()).unwrap_or(false);
    if let (Some(size), Some(process)) = (size, spec.process_mut().as_mut()) {
        let b = oci_spec::runtime::BoxBuilder::default()
            .height(size.rows)
            .width(size.cols)
            .build()
            .context("setting the terminal size")?;
        process.set_console_size(Some(b));
    }
    // Pipes whatever the log driver: clients attached to the monitor see the output.
    let (readers, output) = if terminal {
        (None, None)
    } else {
        let (readers, writers) = monitor::output_pipes()?;
        (Some(readers), Some(writers))
    };
    // `-i` without a terminal: the monitor keeps the container's stdin open for attach clients.
    let (stdin, input) = if settings.interactive && !terminal {
        let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
        (Some(r), Some(w))
    } else {
        (None, None)
    };
    let mut launch = prepare_launch(store, rec, &spec, stdin, settings.init, output)?;
    let io = monitor::MonitorIo {
        readers,
        stdin: input,
        client,
    };
    launch.cgroup = container_cgroup(rec, &spec)?;
    let spawned = monitor::spawn(store, &rec.id, &launch, io);
    // Once the container runs, its monitor removes the cgroup; if it never ran, nobody else will.
    if spawned.is_err()
        && let Some(c) = &launch.cgroup
    {
        let _ = c.remove();
    }
    spawned
        .map_err(|e| match e {
            MonitorError::Start { .. } => anyhow!(e),
            e => anyhow!(e).context(format!("starting container {}", &rec.id[..12])),
        })
        .map(drop)
}
