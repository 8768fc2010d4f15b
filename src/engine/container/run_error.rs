//! The failures of the operations that make, start and join containers (create, start, attach,
//! exec): each variant names the container, path or step.

use std::path::PathBuf;

use crate::network::NetworkError;
use crate::network::bridge::BridgeError;
use crate::runtime::launch::LaunchError;
use crate::runtime::security::SecurityError;
use crate::store::StoreError;
use crate::store::containers::ContainerError;

/// Why a container operation failed. Each variant names the container, path or step, so that a
/// front end can print it (the CLI: `Error: …` with the causes) or map it (the API: HTTP codes);
/// [`Error::exit_code`] is the code `run` exits with.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Engine(#[from] crate::engine::Error),
    #[error(transparent)]
    Container(#[from] ContainerError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    NetworkRecords(#[from] crate::store::networks::NetworkError),
    #[error(transparent)]
    Network(#[from] NetworkError),
    #[error(transparent)]
    Bridge(#[from] BridgeError),
    #[error("{0}")]
    Sys(#[from] nix::Error),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The container operations shared with the other front ends (reading the stored spec, the
    /// lifecycle steps).
    #[error(transparent)]
    Ops(#[from] super::Error),
    #[error("starting the rootless network namespace")]
    NetworkHolder(#[source] BridgeError),
    #[error("opening the container log {path}")]
    OpenLog {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("preparing the layers of container {id} for its user namespace")]
    ShiftLayers {
        id: String,
        #[source]
        source: StoreError,
    },
    #[error("creating {path}")]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("preparing the security settings")]
    Security(#[source] SecurityError),
    #[error("setting the terminal size")]
    ConsoleSize(#[source] oci_spec::OciSpecError),
    #[error("creating the attach connection")]
    AttachConnection(#[source] nix::Error),
    #[error("starting container {id}")]
    Launch {
        id: String,
        #[source]
        source: LaunchError,
    },
    #[error("creating the cgroup of container {id}")]
    Cgroup {
        id: String,
        #[source]
        source: crate::runtime::cgroup::CgroupError,
    },
    #[error("joining the cgroup of container {id}")]
    JoinCgroup {
        id: String,
        #[source]
        source: crate::runtime::cgroup::CgroupError,
    },
    #[error("starting container {id}")]
    Monitor {
        id: String,
        #[source]
        source: crate::monitor::MonitorError,
    },
    #[error(transparent)]
    Process(LaunchError),
    #[error(transparent)]
    Supervisor(crate::monitor::MonitorError),
    #[error("removing container {id}")]
    Remove {
        id: String,
        #[source]
        source: crate::store::volumes::VolumeError,
    },
    #[error(transparent)]
    Supervise(#[from] crate::monitor::supervise::SuperviseError),
    #[error("relaying the container's input and output")]
    Relay(#[source] crate::monitor::MonitorError),
    #[error("container id file {} exists: remove it or use another path", .0.display())]
    CidfileExists(PathBuf),
    #[error("--network-alias needs --network NAME: aliases are names on user-defined networks")]
    AliasWithoutNetwork,
    #[error(transparent)]
    Pull(#[from] crate::registry::pull::PullError),
    #[error(transparent)]
    Lookup(#[from] crate::image::lookup::LookupError),
    #[error("unpacking image {image}")]
    Unpack {
        image: String,
        #[source]
        source: crate::image::unpack::UnpackError,
    },
    #[error("image {0} has no layers")]
    NoLayers(String),
    #[error(transparent)]
    User(#[from] crate::runtime::rootfs::UserError),
    #[error(transparent)]
    Userns(#[from] crate::runtime::userns_mode::UsernsModeError),
    #[error("preparing the layers of image {image} for the user namespace")]
    ShiftImage {
        image: String,
        #[source]
        source: StoreError,
    },
    #[error(transparent)]
    Mount(#[from] crate::runtime::mounts::MountError),
    #[error(transparent)]
    Spec(#[from] crate::runtime::spec::SpecError),
    #[error("serializing the runtime spec")]
    SerializeSpec(#[source] serde_json::Error),
    #[error("writing the container id file {}", path.display())]
    WriteCidfile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("writing {}", path.display())]
    WriteFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("copying {} to {}", from.display(), to.display())]
    CopyZone {
        from: PathBuf,
        to: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("chown {}", path.display())]
    Chown {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("chmod {}", path.display())]
    Chmod {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "this user namespace does not map your own id, so the container's root must be able to reach the store {}: {} is not searchable by other users (chmod o+x {} to allow it)",
        store.display(),
        dir.display(),
        dir.display()
    )]
    StoreNotSearchable { store: PathBuf, dir: PathBuf },
    #[error("invalid stop signal {0:?}")]
    StopSignal(String),
    #[error("{0}")]
    NotRunning(String),
    #[error("container {0} is already running: container state improper")]
    AlreadyRunning(String),
    #[error("container {0} was removed when it stopped (--rm)")]
    RemovedWhenStopped(String),
    #[error("you can only attach to running containers")]
    AttachNotRunning,
    #[error("connecting to the monitor of container {id}")]
    ConnectMonitor {
        id: String,
        #[source]
        source: std::io::Error,
    },
    #[error("joining container {id}")]
    Join {
        id: String,
        #[source]
        source: crate::runtime::nsenter::NsenterError,
    },
    #[error(transparent)]
    ExecSetup(crate::runtime::exec::ExecError),
    #[error("exec in container {id}")]
    Exec {
        id: String,
        #[source]
        source: crate::runtime::exec::ExecError,
    },
    #[error("creating the terminal socket")]
    TerminalSocket(#[source] std::io::Error),
    #[error("the exec process did not send its terminal")]
    NoTerminal,
    #[error("receiving the exec's terminal")]
    ReceiveTerminal(#[source] nix::Error),
    #[error("relaying the exec's input and output")]
    RelayExec(#[source] crate::monitor::MonitorError),
    #[error("keeping the detached exec session's terminal")]
    KeepTerminal(#[source] std::io::Error),
    /// The container's command could not be started; `code` is what `run` exits with (127 not
    /// found, 126 cannot be invoked, 125 anything else) and `message` Podman's wording.
    #[error("{message}")]
    Command { code: i32, message: String },
}

impl RunError {
    /// The exit code of a `run` that failed so: the command's 126 or 127, else 125.
    pub fn exit_code(&self) -> i32 {
        match self {
            RunError::Command { code, .. } => *code,
            _ => 125,
        }
    }
}

pub type RunResult<T, E = RunError> = std::result::Result<T, E>;
