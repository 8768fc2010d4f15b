//! The supervision routine both supervisors share: the foreground `run` (the CLI process
//! supervises its container, `engine::container::start::start_foreground`) and the detached
//! monitor ([`super::spawn`]). They differ only in where the output goes and who waits; starting
//! the container with its network, what a failed start exits with, recording the exit, releasing
//! the network and the `--rm` cleanup are done here, once.

use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};

use nix::unistd::Pid;

use crate::network::NetworkConfig;
use crate::runtime::exec::ExecError;
use crate::runtime::launch::{self, Launch, LaunchError};
use crate::store::Store;
use crate::store::containers::{ContainerError, ContainerState, Status};
use crate::store::volumes::VolumeError;

/// ferry itself failed (Podman's and Docker's code).
pub const ENGINE_FAILED: i32 = 125;
/// The command cannot be invoked.
pub const CANNOT_INVOKE: i32 = 126;
/// The command was not found.
pub const NOT_FOUND: i32 = 127;

/// How a command that could not be started ends: the exit code of `run` (or `exec`) and
/// Podman's wording. One mapping for containers and exec sessions.
pub trait StartFailure: std::fmt::Display {
    /// The command does not exist in the container.
    fn not_found(&self) -> bool;
    /// The command exists but cannot be executed.
    fn cannot_execute(&self) -> bool;

    /// `(code, message)`: 127 and 126 with Podman's explanations, else 125 and the error.
    fn exit_report(&self) -> (i32, String) {
        if self.not_found() {
            (
                NOT_FOUND,
                format!("{self}: OCI runtime attempted to invoke a command that was not found"),
            )
        } else if self.cannot_execute() {
            (CANNOT_INVOKE, format!("{self}: OCI permission denied"))
        } else {
            (ENGINE_FAILED, self.to_string())
        }
    }
}

impl StartFailure for LaunchError {
    fn not_found(&self) -> bool {
        matches!(self, LaunchError::NotFound { .. })
    }
    fn cannot_execute(&self) -> bool {
        matches!(self, LaunchError::CannotExecute { .. })
    }
}

impl StartFailure for ExecError {
    fn not_found(&self) -> bool {
        matches!(self, ExecError::NotFound { .. })
    }
    fn cannot_execute(&self) -> bool {
        matches!(self, ExecError::CannotExecute { .. })
    }
}

/// What supervising a container can fail at, besides starting it ([`Failed`]).
#[derive(Debug, thiserror::Error)]
pub enum SuperviseError {
    #[error(transparent)]
    NetworkConfig(#[from] crate::network::NetworkError),
    #[error(transparent)]
    Attachments(#[from] crate::store::networks::NetworkError),
    #[error(transparent)]
    Container(#[from] ContainerError),
    #[error(transparent)]
    Volume(#[from] VolumeError),
}

/// A container that could not be started: recorded as exited with `code`, its network down.
#[derive(Debug)]
pub struct Failed {
    pub code: i32,
    pub message: String,
    pub error: LaunchError,
}

/// A container's network as its start needs it, read before the start.
pub struct Networking {
    /// The container's directory, where a network helper keeps its pid file.
    dir: PathBuf,
    /// pasta or slirp4netns with its options, for a container that needs a helper.
    helper: Option<NetworkConfig>,
    /// On user-defined networks.
    bridged: bool,
}

impl Networking {
    pub fn load(store: &Store, id: &str) -> Result<Networking, SuperviseError> {
        let dir = store.containers().dir(id);
        let helper = NetworkConfig::load(&dir)?.filter(|n| n.mode.needs_helper());
        let bridged = !store.networks().attachments(id)?.is_empty();
        Ok(Networking { dir, helper, bridged })
    }
}

/// Starts the container of `launch` with its network set up once its init exists (and so its
/// network namespace): the init's pid and, with a terminal, the pty's master. A start that
/// fails is recorded as the container's exit with `run`'s code, its network taken down.
pub fn start(
    store: &Store,
    id: &str,
    network: &Networking,
    launch: &Launch<'_>,
) -> Result<(Pid, Option<OwnedFd>), Failed> {
    let setup = |pid: Pid| match &network.helper {
        Some(n) => crate::network::start(&network.dir, n, pid.as_raw()).map_err(|e| e.to_string()),
        None => crate::network::bridge::setup(store, id, pid.as_raw()).map_err(|e| e.to_string()),
    };
    let wired = network.helper.is_some() || network.bridged;
    match launch::start_networked(launch, wired.then_some(&setup as launch::NetworkSetup)) {
        Ok(started) => Ok(started),
        Err(error) => {
            let (code, message) = error.exit_report();
            // The network may be up when the command could not be executed; the cgroup is
            // empty (nothing of the container is left), and nobody else would remove it.
            crate::network::stop(&network.dir);
            if let Some(c) = &launch.cgroup {
                let _ = c.remove();
            }
            let containers = store.containers();
            let mut state = containers.read_state(id).unwrap_or_default();
            record_exit(&mut state, code);
            let _ = containers.write_state(id, &state);
            Err(Failed { code, message, error })
        }
    }
}

/// The state of a container that exited with `code`.
fn record_exit(state: &mut ContainerState, code: i32) {
    state.status = Status::Exited;
    state.exit_code = Some(code);
    state.finished_at = Some(crate::sys::now());
    state.pid = None;
    state.pid_start = None;
    state.monitor_pid = None;
    state.monitor_start = None;
}

/// After the container exited with `code`: releases its network (`dir` is the container's
/// directory, or a path to it as opened at the start), records the exit and, with `remove`
/// (`--rm`), removes the container with its anonymous volumes.
pub fn finish(store: &Store, id: &str, dir: &Path, code: i32, remove: bool) -> Result<(), SuperviseError> {
    // A helper with published ports is gone when this returns (the ports are free), before
    // the exit is recorded: whoever waits for the exit may publish the same ports at once.
    crate::network::stop(dir);
    crate::network::bridge::release(store, id);
    let containers = store.containers();
    let recorded = containers.read_state(id).and_then(|mut state| {
        record_exit(&mut state, code);
        containers.write_state(id, &state)
    });
    if remove {
        // As Podman's `run --rm`: the container's anonymous volumes go with it (also when its
        // exit could not be recorded, on a full disk).
        Ok(remove_exited(store, id)?)
    } else {
        recorded?;
        let _ = std::fs::remove_file(super::attach::socket_path(&containers.dir(id)));
        Ok(())
    }
}

/// `--rm` after the container's end: removes it with its anonymous volumes unless another
/// process holds its lock (`rm` or `system reset` removing it, or a `start` starting it again,
/// whose end removes it; see `store::lock`).
pub fn remove_exited(store: &Store, id: &str) -> Result<(), VolumeError> {
    if let Ok(Some(_held)) = store.containers().try_lock(id) {
        store.volumes().remove_container(id)?;
    }
    Ok(())
}
