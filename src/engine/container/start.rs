//! Starting a created (or exited) container: in the foreground, with the caller as its
//! supervisor ([`start_foreground`]), or under a detached monitor ([`start_detached`],
//! [`start_with_client`]). The caller is single-threaded, in the user namespace when rootless
//! (see [`super::enter_userns_networked`]), and holds the container's lock, released once the
//! container runs.

use std::os::fd::{BorrowedFd, OwnedFd};

use super::{RunError, RunResult, chain_digests, layer_chain, read_spec, short};
use crate::engine::{Engine, UsernsNotice};
use crate::monitor::logs::LogWriter;
use crate::monitor::{self, MonitorError, supervise};
use crate::network;
use crate::runtime::cgroup::{self, Cgroup};
use crate::runtime::launch::{self, Launch, SignalProxy};
use crate::runtime::rootfs::OverlayLayout;
use crate::runtime::security;
use crate::runtime::tty::WinSize;
use crate::store::containers::{ContainerError, ContainerRecord, LogDriver, Status};
use crate::store::lock::Lock;
use crate::store::{Store, shifted};

/// The caller's streams a foreground container is connected to (through pipes the caller's
/// process relays; only `--log-driver passthrough` hands the container the caller's own).
#[derive(Clone, Copy)]
pub struct Stdio<'a> {
    pub stdin: BorrowedFd<'a>,
    pub stdout: BorrowedFd<'a>,
    pub stderr: BorrowedFd<'a>,
}

/// How a foreground container is supervised.
#[derive(Debug, Clone, Copy, Default)]
pub struct ForegroundOptions {
    /// Forward the signals this process receives to the container.
    pub sig_proxy: bool,
    /// Relay `stdio.stdin` to the container (`-i`).
    pub keep_stdin: bool,
    /// Remove the container at its end, or when it could not start (`run --rm`).
    pub remove: bool,
}

/// Starts a created (or exited) container in the foreground and waits for it: the calling
/// process is its supervisor, recorded as its monitor, and relays its output to `stdio` (and its
/// log). Returns the container's exit code; a command that cannot be started comes back as
/// [`RunError::Command`] with the code `run` exits with.
pub fn start_foreground(
    store: &Store,
    rec: &ContainerRecord,
    opts: ForegroundOptions,
    stdio: Stdio<'_>,
    held: Lock,
) -> RunResult<i32> {
    let result = supervise_foreground(store, rec, opts, stdio, held);
    if opts.remove {
        remove_exited(store, rec)?;
    }
    result
}

/// `--rm` after the container's end (see `monitor::supervise::remove_exited`).
pub fn remove_exited(store: &Store, rec: &ContainerRecord) -> RunResult<()> {
    supervise::remove_exited(store, &rec.id).map_err(|source| RunError::Remove {
        id: short(&rec.id),
        source,
    })
}

fn supervise_foreground(
    store: &Store,
    rec: &ContainerRecord,
    opts: ForegroundOptions,
    stdio: Stdio<'_>,
    held: Lock,
) -> RunResult<i32> {
    let containers = store.containers();
    let id = rec.id.as_str();
    let spec = read_spec(store, id)?;
    let settings = containers.read_settings(id)?;
    // The log is opened before the container starts: failing later would leave it unsupervised.
    let mut log = match settings.log_driver {
        LogDriver::K8sFile => {
            let path = containers.log_path(id);
            match LogWriter::open(&path, settings.log_max_size) {
                Ok(log) => Some(log),
                Err(source) => return Err(RunError::OpenLog { path, source }),
            }
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
        let (readers, writers) = monitor::output_pipes().map_err(RunError::Supervisor)?;
        (Some(readers), Some(writers))
    };
    let (stdin, input) = match (opts.keep_stdin, passthrough) {
        (false, _) => (None, None),
        (true, true) => (Some(stdio.stdin.try_clone_to_owned()?), None),
        (true, false) => {
            let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
            (Some(r), Some(w))
        }
    };
    let mut launch = prepare_launch(store, rec, &spec, stdin, settings.init, output)?;
    let network = supervise::Networking::load(store, id)?;
    launch.cgroup = container_cgroup(rec, &spec)?;
    let started = supervise::start(store, id, &network, &launch).map(|(p, _)| p);
    let cgroup = launch.cgroup.take();
    // Closes ferry's copies of the pipes' write ends: end-of-file then means the container is done.
    drop(launch);
    let pid = match started {
        Ok(pid) => pid,
        Err(supervise::Failed { code, message, error }) => {
            return Err(if code == supervise::ENGINE_FAILED {
                RunError::Launch {
                    id: short(id),
                    source: error,
                }
            } else {
                RunError::Command { code, message }
            });
        }
    };
    let mut state = containers.read_state(id)?;
    state.mark_running(pid.as_raw(), std::process::id() as i32, crate::sys::now());
    state.cgroups = cgroup.as_ref().map(|c| c.paths().to_vec()).unwrap_or_default();
    containers.write_state(id, &state)?;
    drop(held);
    let code = match readers {
        Some(pipes) => {
            let proxy = if opts.sig_proxy {
                Some(SignalProxy::install(pid).map_err(RunError::Process)?)
            } else {
                None
            };
            let pumped = monitor::pump(pid, pipes, input, log.as_mut(), Some((stdio.stdout, stdio.stderr)));
            let code = launch::reap_exit(pid).map_err(RunError::Process)?;
            drop(proxy);
            pumped.map_err(RunError::Relay)?;
            code
        }
        None => launch::wait(pid, opts.sig_proxy).map_err(RunError::Process)?,
    };
    // The init is reaped, so its pid namespace is empty: nothing is left in the cgroup. What
    // cannot be removed stays recorded for `rm`.
    if let Some(c) = &cgroup {
        let _ = c.remove();
    }
    supervise::finish(store, id, &containers.dir(id), code, false)?;
    Ok(code)
}

/// Everything a start needs from the stored container: spec, overlay layers, security.
fn prepare_launch<'a>(
    store: &Store,
    rec: &ContainerRecord,
    spec: &'a oci_spec::runtime::Spec,
    stdin: Option<OwnedFd>,
    init: bool,
    output: Option<(OwnedFd, OwnedFd)>,
) -> RunResult<Launch<'a>> {
    let containers = store.containers();
    let id = rec.id.as_str();
    let (lowers, _) = layer_chain(store, &rec.top_layer)?;
    let settings = containers.read_settings(id)?;
    let userns = settings.userns;
    let (layers_dir, lowers) = match &userns {
        Some(m) => {
            let chain = chain_digests(store, &rec.top_layer)?;
            let shifted = shifted::ensure_chain(store, &chain, m)
                .map_err(|source| RunError::ShiftLayers { id: short(id), source })?;
            (shifted.base, shifted.lowers)
        }
        None => (store.layers_dir(), lowers),
    };
    let cache = store.root().join("cache");
    if let Err(source) = std::fs::create_dir_all(&cache) {
        return Err(RunError::CreateDir { path: cache, source });
    }
    let security = security::prepare(spec, &cache).map_err(RunError::Security)?;
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

/// Creates the cgroup of a container that is about to start (see `runtime::cgroup`).
fn container_cgroup(rec: &ContainerRecord, spec: &oci_spec::runtime::Spec) -> RunResult<Option<Cgroup>> {
    let linux = spec.linux().as_ref();
    let request = cgroup::Request {
        id: &rec.id,
        // A rootless container's spec carries ferry's user namespace mapping.
        rootless: linux.is_some_and(|l| l.uid_mappings().is_some()),
        resources: linux.and_then(|l| l.resources().as_ref()),
    };
    Cgroup::create(&cgroup::Layout::detect(), &request).map_err(|source| RunError::Cgroup {
        id: short(&rec.id),
        source,
    })
}

/// The network namespace a `--network ns:…|container:…` container enters, opened now (a
/// container's namespace is looked up at every start: its pid changes).
fn join_network(store: &Store, rec: &ContainerRecord) -> RunResult<Option<OwnedFd>> {
    let Some(cfg) = network::NetworkConfig::load(&store.containers().dir(&rec.id))? else {
        return Ok(None);
    };
    match network::join::target(store, &cfg.mode)? {
        Some(path) => Ok(Some(network::join::open(&path)?)),
        None => Ok(None),
    }
}

/// Starts a created or exited container in the background under its own monitor (see
/// `crate::monitor`) and returns once it runs; its output goes to its log per its settings.
/// A container that cannot start comes back as [`RunError::Command`] (with `run`'s exit code).
pub fn start_detached(store: &Store, rec: &ContainerRecord) -> RunResult<()> {
    start_monitored(store, rec, None, None)
}

/// [`start_detached`] with an attach client connected from the start (`run -it`, `start -ai`:
/// it sees all the output): returns the client's end of the attach connection, to relay with
/// `monitor::attach::AttachClient`. `size` is the caller's terminal size, for a container with a
/// terminal. `held`, the container's lock, is released once the container runs.
pub fn start_with_client(
    store: &Store,
    rec: &ContainerRecord,
    size: Option<WinSize>,
    held: Lock,
) -> RunResult<OwnedFd> {
    use nix::sys::socket::{AddressFamily, SockFlag, SockType, socketpair};
    let (ours, theirs) = socketpair(AddressFamily::Unix, SockType::Stream, None, SockFlag::SOCK_CLOEXEC)
        .map_err(RunError::AttachConnection)?;
    let started = start_monitored(store, rec, Some(theirs), size);
    drop(held);
    started.map(|()| ours)
}

fn start_monitored(
    store: &Store,
    rec: &ContainerRecord,
    client: Option<OwnedFd>,
    size: Option<WinSize>,
) -> RunResult<()> {
    let containers = store.containers();
    let mut spec = read_spec(store, &rec.id)?;
    let settings = containers.read_settings(&rec.id)?;
    let terminal = spec.process().as_ref().and_then(|p| p.terminal()).unwrap_or(false);
    if let (Some(size), Some(process)) = (size, spec.process_mut().as_mut()) {
        let b = oci_spec::runtime::BoxBuilder::default()
            .height(size.rows)
            .width(size.cols)
            .build()
            .map_err(RunError::ConsoleSize)?;
        process.set_console_size(Some(b));
    }
    // Pipes whatever the log driver: clients attached to the monitor see the output.
    let (readers, output) = if terminal {
        (None, None)
    } else {
        let (readers, writers) = monitor::output_pipes().map_err(RunError::Supervisor)?;
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
            MonitorError::Start { code, message } => RunError::Command { code, message },
            source => RunError::Monitor {
                id: short(&rec.id),
                source,
            },
        })
        .map(drop)
}

/// Enters the user namespace the containers `keys` names must be started from (rootless): the
/// owner of the network namespace one of them joins, or ferry's own, with the rootless network
/// namespace's holder when one is on user-defined networks. Returns what the caller should
/// tell the user. Single-threaded callers only.
pub fn enter_for_start(engine: &mut Engine, keys: &[String]) -> RunResult<Vec<UsernsNotice>> {
    super::join_network_owner(engine, keys)?;
    let networked = super::any_networked(engine.store()?, keys);
    super::enter_userns_networked(engine, networked)
}

/// Starts each container `names` gives in the background under its monitor (one that runs
/// already is left as it is, as in Podman); the result per name, in order.
pub fn start_detached_each(store: &Store, names: &[String]) -> Vec<(String, RunResult<()>)> {
    let containers = store.containers();
    names
        .iter()
        .map(|name| {
            let started = containers.lookup(name).map_err(RunError::from).and_then(|rec| {
                let _held = containers.lock(&rec.id)?;
                if containers.refresh(&rec)?.status == Status::Running {
                    return Ok(());
                }
                start_detached(store, &rec)
            });
            (name.clone(), started)
        })
        .collect()
}

/// A stopped container locked for a start the caller attaches to (`start --attach`).
pub struct ToStart {
    pub record: ContainerRecord,
    /// Held until the container runs: a concurrent `rm` or `start` waits.
    pub lock: Lock,
    /// It has a terminal (which lives in its monitor: start it with [`start_with_client`]).
    pub terminal: bool,
}

/// Looks up and locks the container `name` for an attached start; it must not be running.
pub fn lock_for_start(store: &Store, name: &str) -> RunResult<ToStart> {
    let containers = store.containers();
    let record = containers.lookup(name)?;
    let lock = containers.lock(&record.id)?;
    if containers.refresh(&record)?.status == Status::Running {
        return Err(RunError::AlreadyRunning(record.id));
    }
    let spec = read_spec(store, &record.id)?;
    let terminal = spec.process().as_ref().and_then(|p| p.terminal()).unwrap_or(false);
    Ok(ToStart { record, lock, terminal })
}

/// Starts a container again after `restart` stopped it (unless someone else did meanwhile).
pub fn start_again(store: &Store, rec: &ContainerRecord) -> RunResult<()> {
    let containers = store.containers();
    let _held = match containers.lock(&rec.id) {
        Ok(held) => held,
        Err(ContainerError::NotFound(_)) => return Err(RunError::RemovedWhenStopped(rec.id.clone())),
        Err(e) => return Err(e.into()),
    };
    if containers.refresh(rec)?.status == Status::Running {
        return Ok(());
    }
    start_detached(store, rec)
}

/// Marks a new container for removal at its end (`run --rm` under a monitor, which removes it).
pub fn remove_at_exit(store: &Store, rec: &ContainerRecord) -> RunResult<()> {
    let containers = store.containers();
    let mut settings = containers.read_settings(&rec.id)?;
    settings.remove = true;
    containers.write_settings(&rec.id, &settings)?;
    Ok(())
}
