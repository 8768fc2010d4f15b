//! The container verbs (`ferry run`, `ps`, `container …`): one file per verb, and the CLI
//! helpers several of them share (entering the user namespace with warnings, reporting a start
//! that failed, relaying an attached terminal).

pub mod attach;
pub mod commit;
mod conf;
pub mod cp;
pub mod create;
pub mod diff;
pub mod exec;
pub mod exists;
pub mod export;
pub mod inspect;
pub mod kill;
pub mod logs;
pub mod mount;
pub mod port;
pub mod prune;
pub mod ps;
pub mod rename;
pub mod restart;
pub mod rm;
pub mod run;
pub mod start;
pub mod stop;
pub mod top;
pub mod unmount;
pub mod wait;

use std::io::{IsTerminal, Write};
use std::os::fd::{AsFd, OwnedFd};

use anyhow::{Context as _, Result, anyhow, bail};

use crate::cli::ContainerOptions;
use crate::commands::{Context, ExitStatus, client_options, warn};
use crate::config::registries::RegistriesConf;
use crate::engine::container as engine;
use crate::engine::container::lifecycle::Targets;
use crate::monitor::attach::AttachClient;
use crate::output::progress::Display;
use crate::registry::pull::policy::PullPolicy;
use crate::registry::pull::{PlatformSpec, PullOptions};
use crate::runtime::cgroup;
use crate::runtime::envfile::HostEnv;
use crate::runtime::spec::{self as runtime_spec, NetworkMode, SpecOptions};
use crate::runtime::tty::{self, DetachKeys, RawTerminal, RelayEnd, RelayOptions};
use crate::spec::containers_conf::values;
use crate::store::Store;
use crate::store::containers::{ContainerRecord, LogDriver, Status};

/// Parses the options of `create` and `run` into the engine's (every piece of user syntax
/// once, before anything is made), with containers.conf's defaults under the flags. Runs before
/// ferry's user namespace is entered: which configuration files apply depends on being rootless.
fn create_options(ctx: &Context, args: &ContainerOptions) -> Result<engine::create::CreateOptions> {
    let pull_policy: PullPolicy = args.pull.parse()?;
    let conf = conf::load()?;
    let layout = cgroup::Layout::detect();
    let defaults = &conf.containers;
    let rootless = ctx.engine.host.rootless;
    let network = crate::spec::network::parse(&args.network)?;
    let host = HostEnv::current();
    let env = crate::spec::environment(&args.env_file, &args.env, &host)?;
    let host_env: Vec<(String, String)> = std::env::vars().collect();
    let mut spec = SpecOptions {
        entrypoint: args
            .entrypoint
            .as_ref()
            .map(|e| if e.is_empty() { Vec::new() } else { vec![e.clone()] }),
        command: args.command().to_vec(),
        env,
        default_env: conf::expand_env(&defaults.env, &host_env),
        workdir: args.workdir.clone(),
        hostname: args.hostname.clone(),
        network: Some(match network.mode {
            crate::network::Mode::Host => NetworkMode::Host,
            _ => NetworkMode::Private,
        }),
        no_hosts: args.no_hosts.unwrap_or(defaults.no_hosts),
        read_only: args.read_only.unwrap_or(defaults.read_only),
        read_only_tmpfs: args.read_only_tmpfs,
        labels: crate::spec::key_values(&args.label, "label")?,
        annotations: crate::spec::key_values(&args.annotation, "annotation")?,
        default_caps: Some(defaults.default_capabilities.clone()),
        cap_add: args.cap_add.clone(),
        cap_drop: args.cap_drop.clone(),
        privileged: args.privileged,
        terminal: args.tty,
        ..Default::default()
    };
    if let Some(w) = &spec.workdir
        && !w.starts_with('/')
    {
        bail!("workdir {w:?} must be an absolute path");
    }
    for u in &args.ulimit {
        spec.rlimits.push(crate::spec::ulimit::parse_ulimit(
            u,
            !rootless,
            runtime_spec::current_hard_limit,
        )?);
    }
    // `--ulimit` replaces the whole default list, as in Podman.
    if args.ulimit.is_empty() {
        for u in &defaults.default_ulimits {
            let limit = crate::spec::ulimit::parse_ulimit(&u.spec, !rootless, runtime_spec::current_hard_limit)
                .with_context(|| {
                    format!(
                        "{}containers.default_ulimits",
                        conf::at(&conf, "containers.default_ulimits")
                    )
                })?;
            spec.rlimits.push(limit);
        }
    }
    for s in &args.security_opt {
        runtime_spec::apply_security_opt(&mut spec, s)?;
    }
    // Fail on an unknown capability now rather than after creating the container.
    runtime_spec::capabilities(&spec)?;
    spec.sysctls = conf::sysctls(&args.sysctl, &conf, &network.mode)?;
    spec.localtime = conf::localtime(args.tz.as_deref(), &conf)?;
    spec.umask = match &args.umask {
        Some(m) => Some(values::umask(m).map_err(|e| anyhow!("--umask: {e}"))?),
        None => defaults.umask,
    };
    spec.shm_size = Some(match &args.shm_size {
        Some(size) => values::size(size, 1024).map_err(|e| anyhow!("--shm-size: {e}"))?,
        None => defaults.shm_size,
    });
    let pids_limit = match args.pids_limit {
        Some(n) => {
            if n > 0 && !cgroup::can_limit(rootless, &layout) {
                warn("--pids-limit is ignored: rootless on a cgroup v1 host a container has no cgroup to limit it");
            }
            Some(n).filter(|&n| n > 0)
        }
        None => defaults.pids_limit.map(|n| i64::try_from(n).unwrap_or(i64::MAX)),
    };
    spec.resources = cgroup::default_resources(args.privileged, rootless, &layout, pids_limit);
    let cwd = std::env::current_dir().context("reading the current directory")?;
    let mounts = crate::spec::mounts::parse(&args.volume, &args.mount, &args.tmpfs, &args.volumes_from, &cwd)?;
    let publish = crate::spec::network::publish(&args.publish)?;
    let default_log = crate::spec::log::LogOptions {
        // containers.conf's driver matters (and may be refused) only without --log-driver.
        driver: match args.log_driver {
            Some(_) => LogDriver::K8sFile,
            None => conf::log_driver(&conf)?,
        },
        max_size: defaults.log_size_max,
    };
    let log = crate::spec::log::parse(args.log_driver.as_deref(), &args.log_opt, default_log)?;
    let stop_signal = args.stop_signal.as_deref().map(crate::spec::stop_signal).transpose()?;
    let pull = PullOptions {
        client: client_options(&args.registry, ctx.engine.host.uid)?,
        registries: RegistriesConf::load()?,
        platform: PlatformSpec::from_options(None, None, None, None)?,
        jobs: 3,
        apply: ctx.engine.apply_options(),
    };
    let userns = crate::spec::userns::parse_mode(&args.userns)?;
    let range = |flag, values: &[String]| {
        values
            .iter()
            .map(|m| crate::spec::userns::parse_range(flag, m))
            .collect::<Result<Vec<_>, _>>()
    };
    // Each flag replaces its containers.conf list.
    let or_conf = |flag: &Vec<String>, conf: &Vec<String>| if flag.is_empty() { conf.clone() } else { flag.clone() };
    Ok(engine::create::CreateOptions {
        image: args.image().to_string(),
        name: args.name.clone(),
        pull_policy,
        pull,
        spec,
        user: args.user.clone(),
        mounts,
        network: network.mode,
        bridges: network.bridges,
        aliases: args.network_alias.clone(),
        publish,
        publish_all: args.publish_all,
        add_hosts: args.add_host.clone(),
        dns: crate::network::DnsOptions {
            servers: or_conf(&args.dns, &defaults.dns_servers),
            search: or_conf(&args.dns_search, &defaults.dns_searches),
            options: or_conf(&args.dns_option, &defaults.dns_options),
        },
        userns,
        uidmap: range("--uidmap", &args.uidmap)?,
        gidmap: range("--gidmap", &args.gidmap)?,
        cidfile: args.cidfile.clone(),
        log_driver: log.driver,
        log_max_size: log.max_size,
        init: args.init.unwrap_or(defaults.init),
        interactive: args.interactive,
        stop_signal,
        stop_timeout: args.stop_timeout.unwrap_or(conf.engine.stop_timeout),
        cgroup_layout: layout,
    })
}

/// Creates a container as `create` and `run` are told (rootless, this enters the user
/// namespace); returns it with its lock, held from before the record existed.
pub(crate) fn create_container(ctx: &mut Context, args: &ContainerOptions) -> Result<engine::create::Created> {
    let opts = create_options(ctx, args)?;
    ctx.store()?;
    Ok(engine::create::create(
        &mut ctx.engine,
        opts,
        &Display::new(false),
        &mut |w: &str| warn(w),
    )?)
}

/// Enters the user namespace to start the containers `keys` names (see
/// `engine::container::start::enter_for_start`), warning about what the user should know.
pub(crate) fn enter_for_start(ctx: &mut Context, keys: &[String]) -> Result<()> {
    ctx.store()?;
    for notice in engine::start::enter_for_start(&mut ctx.engine, keys)? {
        warn(&notice.to_string());
    }
    Ok(())
}

/// The containers a multi-container verb names, or with `all` every running one.
pub(crate) fn targets(names: &[String], all: bool) -> Targets<'_> {
    if all {
        Targets::AllRunning
    } else {
        Targets::Named(names)
    }
}

/// Prints each success as `ok` formats it and each failure as `Error: …`; the exit status is
/// 125 when any failed (Podman's for ferry's own failures).
pub(crate) fn report_each<T>(
    results: Vec<(String, Result<T, crate::engine::container::Error>)>,
    ok: impl Fn(&str, T) -> String,
) -> ExitStatus {
    let mut status = ExitStatus::SUCCESS;
    for (given, result) in results {
        match result {
            Ok(v) => println!("{}", ok(&given, v)),
            Err(e) => {
                crate::commands::report_error(&e.into());
                status = ExitStatus::ENGINE_ERROR;
            }
        }
    }
    status
}

/// A start that failed because the container's command could not run is reported as Podman
/// does (`Error: …`, exit 126 or 127); any other failure goes up as an error (exit 125).
pub(crate) fn start_failed(e: engine::RunError) -> Result<ExitStatus> {
    match e.exit_code() {
        125 => Err(e.into()),
        code => {
            eprintln!("Error: {e}");
            Ok(ExitStatus(code))
        }
    }
}

/// Starts a container in the foreground with ferry as its supervisor, relaying its output to
/// ferry's stdout and stderr (and ferry's stdin to it with `opts.keep_stdin`); returns its exit
/// code.
pub(crate) fn start_foreground(
    store: &Store,
    rec: &ContainerRecord,
    opts: engine::start::ForegroundOptions,
    held: crate::store::lock::Lock,
) -> Result<ExitStatus> {
    let (stdin, stdout, stderr) = (std::io::stdin(), std::io::stdout(), std::io::stderr());
    let stdio = engine::start::Stdio {
        stdin: stdin.as_fd(),
        stdout: stdout.as_fd(),
        stderr: stderr.as_fd(),
    };
    match engine::start::start_foreground(store, rec, opts, stdio, held) {
        Ok(code) => Ok(ExitStatus(code)),
        Err(e) => start_failed(e),
    }
}

/// The size of the user's terminal (stdin's, else stdout's), for a container with a terminal.
pub(crate) fn terminal_size() -> Option<tty::WinSize> {
    tty::get_size(std::io::stdin().as_fd()).or_else(|| tty::get_size(std::io::stdout().as_fd()))
}

/// Starts a container with a terminal under its monitor with ferry as an attach client that is
/// connected from the start (so it sees all the output); returns the container's exit code,
/// or 0 when the user detaches (`run -it`, `start -ai`). `held`, the container's lock, is
/// released once it runs.
pub(crate) fn start_attached(
    store: &Store,
    rec: &ContainerRecord,
    session: Session,
    held: crate::store::lock::Lock,
) -> Result<ExitStatus> {
    match engine::start::start_with_client(store, rec, terminal_size(), held) {
        Ok(sock) => relay_attached(store, rec, sock, session),
        Err(e) => start_failed(e),
    }
}

/// How a client is attached.
pub(crate) struct Session {
    /// Forward ferry's stdin.
    pub stdin: bool,
    /// The container has a terminal.
    pub tty: bool,
    pub detach_keys: DetachKeys,
    /// Forward the signals ferry gets (only when the user's terminal is not in raw mode: then
    /// keys are bytes for the container, and a signal ends the client).
    pub sig_proxy: bool,
}

/// Relays between the user's terminal and a connection to the container's monitor until the
/// container exits (its code is returned), the user detaches (0), or a signal ends ferry
/// (128+n; the container keeps running). The terminal is in raw mode meanwhile, and restored
/// on every way out.
pub(crate) fn relay_attached(
    store: &Store,
    rec: &ContainerRecord,
    sock: OwnedFd,
    session: Session,
) -> Result<ExitStatus> {
    let containers = store.containers();
    let raw = if session.tty && session.stdin {
        RawTerminal::new(std::io::stdin().as_fd())?
    } else {
        None
    };
    let mut proxy = |sig: i32| {
        // The container may just be exiting; its exit is reported by the relay.
        let _ = crate::engine::container::lifecycle::signal(&containers, rec, sig);
    };
    let on_signal: Option<&mut dyn FnMut(i32)> = if session.sig_proxy && raw.is_none() {
        Some(&mut proxy)
    } else {
        None
    };
    let mut peer = AttachClient::new(sock);
    let end = tty::relay(
        &mut peer,
        RelayOptions {
            stdin: session.stdin,
            tty: session.tty,
            detach_keys: session.detach_keys,
            on_signal,
        },
    );
    let was_raw = raw.is_some();
    drop(raw);
    let end = end.with_context(|| format!("attached to container {}", &rec.id[..12]))?;
    if matches!(end, RelayEnd::Detached) || (was_raw && matches!(end, RelayEnd::Signaled(_))) {
        // As Podman: the user's prompt starts on a line of its own, not after the container's.
        let mut out = std::io::stdout();
        let _ = out.write_all(b"\n").and_then(|()| out.flush());
    }
    match end {
        RelayEnd::Detached => Ok(ExitStatus::SUCCESS),
        RelayEnd::Exited(code) => Ok(ExitStatus(code)),
        RelayEnd::Signaled(sig) => Ok(ExitStatus(128 + sig)),
        RelayEnd::Closed => {
            // The monitor went away without a word: the record says how the container ended.
            let state = match containers.refresh(rec) {
                Ok(s) => s,
                Err(_) => bail!("container {} is gone", &rec.id[..12]),
            };
            match (state.status, state.exit_code) {
                (Status::Exited, Some(code)) => Ok(ExitStatus(code)),
                _ => bail!("lost the connection to the monitor of container {}", &rec.id[..12]),
            }
        }
    }
}

/// Podman's warning for `-t` with `-i` when stdin is not a terminal.
pub(crate) fn warn_if_not_a_terminal(tty: bool, interactive: bool) {
    if tty && interactive && !std::io::stdin().is_terminal() {
        crate::commands::warn(
            "The input device is not a TTY. The --tty and --interactive flags might not work properly",
        );
    }
}
