//! `ferry run`: create a container from an image and run it in the foreground. ferry itself is
//! the container's supervisor: it forwards signals, waits, records the exit and cleans up `--rm`.
//! (Detached runs, terminals and the container log come with the monitor.) `create` and
//! `start --attach` use the two halves, [`create`] and [`start_container`].

use std::collections::BTreeMap;
use std::os::fd::OwnedFd;
use std::path::PathBuf;

use anyhow::{Context as _, Result, anyhow, bail};

use super::pull::{Display, client_options};
use super::{Context, ExitStatus, warn};
use crate::cli::{ContainerOptions, RunArgs};
use crate::config::registries::RegistriesConf;
use crate::image::{lookup, unpack};
use crate::monitor::logs::LogWriter;
use crate::monitor::signal::parse_signal;
use crate::monitor::{self, MonitorError};
use crate::registry::pull::policy::{PullPolicy, ensure_image};
use crate::registry::pull::{PlatformSpec, PullOptions};
use crate::runtime::launch::{self, Launch, LaunchError, SignalProxy};
use crate::runtime::rootfs::{OverlayLayout, resolve_user};
use crate::runtime::spec::{self, NetworkMode, SpecOptions};
use crate::runtime::{security, spec::parse_ulimit};
use crate::store::containers::{
    ContainerRecord, ContainerState, LogDriver, NewContainer, RunSettings, Status, process_start_time,
};
use crate::store::{Digest, Store};

/// The container's command cannot be invoked (Podman's and Docker's code).
const CANNOT_INVOKE: ExitStatus = ExitStatus(126);
/// The container's command was not found.
const NOT_FOUND: ExitStatus = ExitStatus(127);

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

fn key_values(items: &[String], what: &str) -> Result<BTreeMap<String, String>> {
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
fn spec_options(ctx: &Context, args: &ContainerOptions) -> Result<SpecOptions> {
    let network = match args.network.as_str() {
        "private" | "none" | "" => NetworkMode::Private,
        "host" => NetworkMode::Host,
        other => bail!("network mode {other:?} is not supported: use none, private or host"),
    };
    let mut env = Vec::new();
    let lookup = |k: &str| std::env::var(k).ok();
    for f in &args.env_file {
        let text = std::fs::read_to_string(f).with_context(|| format!("reading the env file {}", f.display()))?;
        env.extend(spec::parse_env_file(&text, lookup));
    }
    for e in &args.env {
        if e.is_empty() || e.starts_with('=') {
            bail!("invalid environment variable {e:?}: expected KEY=VALUE or KEY");
        }
        env.extend(spec::env_entry(e, lookup));
    }
    let mut opts = SpecOptions {
        entrypoint: args
            .entrypoint
            .as_ref()
            .map(|e| if e.is_empty() { Vec::new() } else { vec![e.clone()] }),
        command: args.command().to_vec(),
        env,
        workdir: args.workdir.clone(),
        hostname: args.hostname.clone(),
        network: Some(network),
        read_only: args.read_only,
        read_only_tmpfs: args.read_only_tmpfs,
        labels: key_values(&args.label, "label")?,
        annotations: key_values(&args.annotation, "annotation")?,
        cap_add: args.cap_add.clone(),
        cap_drop: args.cap_drop.clone(),
        privileged: args.privileged,
        ..Default::default()
    };
    if let Some(w) = &opts.workdir
        && !w.starts_with('/')
    {
        bail!("workdir {w:?} must be an absolute path");
    }
    for u in &args.ulimit {
        opts.rlimits
            .push(parse_ulimit(u, !ctx.host.rootless, spec::current_hard_limit)?);
    }
    for s in &args.security_opt {
        spec::apply_security_opt(&mut opts, s)?;
    }
    // Fail on an unknown capability now rather than after creating the container.
    spec::capabilities(&opts)?;
    if ctx.host.rootless {
        opts.userns = ctx.mapping();
    }
    Ok(opts)
}

/// The image's layer chain from the top: overlay link names and diff directories.
fn layer_chain(store: &Store, top: &Option<Digest>) -> Result<(Vec<String>, Vec<PathBuf>)> {
    let (mut links, mut dirs) = (Vec::new(), Vec::new());
    let mut cur = top.clone();
    while let Some(c) = cur {
        let info = store.layers().get(&c)?;
        links.push(format!("l/{}", info.link));
        dirs.push(store.layers().diff_dir(&c));
        cur = info.parent;
    }
    Ok((links, dirs))
}

pub fn exec(ctx: &mut Context, args: RunArgs) -> Result<ExitStatus> {
    let rec = create(ctx, &args.opts)?;
    let store = ctx.store()?.clone();
    if args.detach {
        return run_detached(&store, &rec, args.rm);
    }
    let result = start_container(&store, &rec, args.sig_proxy, args.opts.interactive);
    if args.rm {
        store
            .containers()
            .remove(&rec.id)
            .with_context(|| format!("removing container {}", &rec.id[..12]))?;
    }
    result
}

/// `run -d`: starts the container under its monitor (which removes it at the end with `--rm`)
/// and prints its id.
fn run_detached(store: &Store, rec: &ContainerRecord, remove: bool) -> Result<ExitStatus> {
    let containers = store.containers();
    if remove {
        let mut settings = containers.read_settings(&rec.id)?;
        settings.remove = true;
        containers.write_settings(&rec.id, &settings)?;
    }
    match start_detached(store, rec) {
        Ok(()) => {
            println!("{}", rec.id);
            Ok(ExitStatus::SUCCESS)
        }
        Err(e) => {
            if remove {
                let _ = containers.remove(&rec.id);
            }
            match e.downcast_ref::<MonitorError>() {
                Some(MonitorError::Start { code, message }) if *code != ExitStatus::ENGINE_ERROR.0 => {
                    eprintln!("Error: {message}");
                    Ok(ExitStatus(*code))
                }
                _ => Err(e),
            }
        }
    }
}

/// The container's run settings from the command line and the image (`StopSignal`).
fn run_settings(args: &ContainerOptions, image: &crate::image::manifest::RunConfig) -> Result<RunSettings> {
    let log_driver = match args.log_driver.as_str() {
        "k8s-file" | "" => LogDriver::K8sFile,
        "none" => LogDriver::None,
        "passthrough" => LogDriver::Passthrough,
        other => bail!("unsupported log driver {other:?}: use k8s-file, none or passthrough"),
    };
    let mut log_max_size = None;
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
        init: args.init,
        interactive: args.interactive,
        stop_signal,
        stop_timeout: args.stop_timeout,
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
pub(super) fn create(ctx: &mut Context, args: &ContainerOptions) -> Result<ContainerRecord> {
    let policy: PullPolicy = args.pull.parse()?;
    let mut opts = spec_options(ctx, args)?;
    if let Some(f) = &args.cidfile
        && f.exists()
    {
        bail!(
            "container id file {} exists: remove it or use another path",
            f.display()
        );
    }
    let pull = PullOptions {
        client: client_options(&args.registry, ctx.host.uid)?,
        // Read before entering the user namespace: which file applies depends on being rootless.
        registries: RegistriesConf::load()?,
        platform: PlatformSpec::from_options(None, None, None, None)?,
        jobs: 3,
        apply: ctx.apply_options(),
    };
    ctx.enter_userns()?;
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
    let user = match args
        .user
        .as_deref()
        .or(run_config.user.as_deref().filter(|u| !u.is_empty()))
    {
        Some(u) => resolve_user(&layer_dirs, u)?,
        None => resolve_user(&layer_dirs, "0")?,
    };
    opts.user = user;

    let containers = store.containers();
    let rec = containers.create(NewContainer {
        name: args.name.as_deref(),
        image_id: record.id.clone(),
        image_name: lookup::selected_name(&record, args.image()).unwrap_or_else(|| args.image().to_string()),
        top_layer: top.clone(),
    })?;
    drop(content_lock);
    if let Err(e) = write_container(&store, args, opts, &run_config, &rec) {
        let _ = containers.remove(&rec.id);
        return Err(e);
    }
    Ok(rec)
}

/// Writes the container id file, the files bind-mounted into the container, the runtime spec
/// and the `created` state.
fn write_container(
    store: &Store,
    args: &ContainerOptions,
    mut opts: SpecOptions,
    image: &crate::image::manifest::RunConfig,
    rec: &ContainerRecord,
) -> Result<()> {
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
    let hostname = opts.hostname.clone().unwrap_or_else(|| id[..12].to_string());
    let userdata = containers.userdata_dir(id);
    let write = |name: &str, data: String| {
        let p = userdata.join(name);
        std::fs::write(&p, data).with_context(|| format!("writing {}", p.display()))
    };
    write("hostname", format!("{hostname}\n"))?;
    write("hosts", spec::hosts_file(&hostname, &rec.name))?;
    let host_resolv = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    write(
        "resolv.conf",
        if opts.network == Some(NetworkMode::Host) {
            host_resolv
        } else {
            spec::resolv_conf(&host_resolv)
        },
    )?;
    let spec = spec::build(image, &opts)?;
    let json = serde_json::to_vec_pretty(&spec).context("serializing the runtime spec")?;
    containers.write_config(id, &json)?;
    containers.write_settings(id, &run_settings(args, image)?)?;
    containers.write_state(id, &ContainerState::default())?;
    Ok(())
}

/// Reads a container's runtime spec back from its `config.json`.
pub(super) fn read_spec(store: &Store, id: &str) -> Result<oci_spec::runtime::Spec> {
    let path = store.containers().config_path(id);
    let data = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_slice(&data).with_context(|| format!("parsing the runtime spec {}", path.display()))
}

/// Starts a created (or exited) container in the foreground and waits for it: ferry is its
/// supervisor, recorded as its monitor. The caller is in the user namespace when rootless and
/// single-threaded.
pub(super) fn start_container(
    store: &Store,
    rec: &ContainerRecord,
    sig_proxy: bool,
    keep_stdin: bool,
) -> Result<ExitStatus> {
    let containers = store.containers();
    let id = rec.id.as_str();
    let spec = read_spec(store, id)?;
    let settings = containers.read_settings(id)?;
    // The log is opened before the container starts: failing later would leave it unsupervised.
    let (log, readers, output) = match settings.log_driver {
        LogDriver::K8sFile => {
            let path = containers.log_path(id);
            let log = LogWriter::open(&path, settings.log_max_size)
                .with_context(|| format!("opening the container log {}", path.display()))?;
            let (readers, writers) = monitor::output_pipes()?;
            (Some(log), Some(readers), Some(writers))
        }
        LogDriver::None | LogDriver::Passthrough => (None, None, None),
    };
    let launch = prepare_launch(store, rec, &spec, keep_stdin, settings.init, output)?;
    let mut state = containers.read_state(id)?;
    let started = launch::start(&launch);
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
    let me = std::process::id() as i32;
    state.status = Status::Running;
    state.pid = Some(pid.as_raw());
    state.pid_start = process_start_time(pid.as_raw());
    state.monitor_pid = Some(me);
    state.monitor_start = process_start_time(me);
    state.exit_code = None;
    state.started_at = Some(now());
    state.finished_at = None;
    containers.write_state(id, &state)?;
    let code = match (readers, log) {
        (Some(pipes), Some(mut log)) => {
            let proxy = if sig_proxy {
                Some(SignalProxy::install(pid)?)
            } else {
                None
            };
            let pumped = monitor::pump(pid, pipes, Some(&mut log), true);
            let code = launch::reap_exit(pid)?;
            drop(proxy);
            pumped.context("copying the container's output")?;
            code
        }
        _ => launch::wait(pid, sig_proxy)?,
    };
    finish(&mut state, code)?;
    Ok(ExitStatus(code))
}

/// Everything a start needs from the stored container: spec, overlay layers, security.
fn prepare_launch<'a>(
    store: &Store,
    rec: &ContainerRecord,
    spec: &'a oci_spec::runtime::Spec,
    keep_stdin: bool,
    init: bool,
    output: Option<(OwnedFd, OwnedFd)>,
) -> Result<Launch<'a>> {
    let containers = store.containers();
    let id = rec.id.as_str();
    let (lowers, _) = layer_chain(store, &rec.top_layer)?;
    let cache = store.root().join("cache");
    std::fs::create_dir_all(&cache).with_context(|| format!("creating {}", cache.display()))?;
    let security = security::prepare(spec, &cache).context("preparing the security settings")?;
    Ok(Launch {
        spec,
        overlay: OverlayLayout {
            layers_dir: store.layers_dir(),
            lowers,
            upper: containers.diff_dir(id),
            work: containers.work_dir(id),
            // Rootless (a user namespace with id mappings): only user.* xattrs can be set.
            userxattr: spec.linux().as_ref().is_some_and(|l| l.uid_mappings().is_some()),
        },
        security,
        keep_stdin,
        output,
        init,
    })
}

/// Starts a created or exited container in the background under its own monitor (see
/// `crate::monitor`) and returns once it runs; its output goes to its log per its settings.
/// Used by `run -d` and `restart`; `start` without `--attach` calls it too. The caller must be
/// single-threaded and, rootless, in the user namespace. A container that cannot start comes
/// back as a `MonitorError::Start` (with `run`'s exit code) in the error chain.
pub fn start_detached(store: &Store, rec: &ContainerRecord) -> Result<()> {
    let containers = store.containers();
    let spec = read_spec(store, &rec.id)?;
    let settings = containers.read_settings(&rec.id)?;
    let (readers, output) = match settings.log_driver {
        LogDriver::K8sFile => {
            let (readers, writers) = monitor::output_pipes()?;
            (Some(readers), writers)
        }
        // Nobody is attached to a detached container: its output without a log is discarded.
        LogDriver::None | LogDriver::Passthrough => {
            let null = |()| {
                std::fs::OpenOptions::new()
                    .write(true)
                    .open("/dev/null")
                    .map(OwnedFd::from)
                    .context("opening /dev/null")
            };
            (None, (null(())?, null(())?))
        }
    };
    let launch = prepare_launch(store, rec, &spec, false, settings.init, Some(output))?;
    monitor::spawn(store, &rec.id, &launch, readers)
        .map_err(|e| match e {
            MonitorError::Start { .. } => anyhow!(e),
            e => anyhow!(e).context(format!("starting container {}", &rec.id[..12])),
        })
        .map(drop)
}
