//! The container operations every front end calls: creating and starting containers (in the
//! foreground with the caller as supervisor, or under a detached monitor), and the helpers the
//! other container operations share (the stored runtime spec, the image's layer chain, entering
//! the right user namespace before a start).

pub mod attach;
pub mod create;
pub mod exec;
pub mod start;

use std::path::PathBuf;

use crate::engine::{Engine, UsernsNotice};
use crate::network::{self, NetworkError};
use crate::runtime::launch::LaunchError;
use crate::runtime::security::SecurityError;
use crate::store::containers::ContainerError;
use crate::store::{Digest, Store, StoreError};
use crate::usernet::{self, UsernetError};

/// Why a container operation failed. Each variant names the container, path or step, so that a
/// front end can print it (the CLI: `Error: …` with the causes) or map it (the API: HTTP codes);
/// [`Error::exit_code`] is the code `run` exits with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
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
    Bridge(#[from] UsernetError),
    #[error("{0}")]
    Sys(#[from] nix::Error),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("reading {path}")]
    ReadSpec {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("parsing the runtime spec {path}")]
    ParseSpec {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("starting the rootless network namespace")]
    NetworkHolder(#[source] UsernetError),
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
    Userns(#[from] crate::runtime::usermode::UsermodeError),
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

impl Error {
    /// The exit code of a `run` that failed so: the command's 126 or 127, else 125.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Command { code, .. } => *code,
            _ => 125,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The first 12 characters of a container id, as messages show it.
fn short(id: &str) -> String {
    id.chars().take(12).collect()
}

/// Reads a container's runtime spec back from its `config.json`.
pub fn read_spec(store: &Store, id: &str) -> Result<oci_spec::runtime::Spec> {
    let path = store.containers().config_path(id);
    let data = match std::fs::read(&path) {
        Ok(data) => data,
        Err(source) => return Err(Error::ReadSpec { path, source }),
    };
    serde_json::from_slice(&data).map_err(|source| Error::ParseSpec { path, source })
}

/// The image's layer chain from the top: overlay link names and diff directories.
pub fn layer_chain(store: &Store, top: &Option<Digest>) -> Result<(Vec<String>, Vec<PathBuf>), StoreError> {
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

/// The image's layer chain ids from the top.
pub fn chain_digests(store: &Store, top: &Option<Digest>) -> Result<Vec<Digest>, StoreError> {
    let mut out = Vec::new();
    let mut cur = top.clone();
    while let Some(c) = cur {
        cur = store.layers().get(&c)?.parent;
        out.push(c);
    }
    Ok(out)
}

/// Rootless: a container that joins another namespace must be started from the user namespace
/// that owns it (ferry's own would be a sibling without rights there). Joins it for the first of
/// `keys` whose network says so; the caller then enters no other.
pub fn join_network_owner(engine: &mut Engine, keys: &[String]) -> Result<()> {
    if !engine.host.rootless {
        return Ok(());
    }
    let store = engine.store()?.clone();
    for k in keys {
        let Ok(rec) = store.containers().lookup(k) else {
            continue;
        };
        let Some(cfg) = network::NetworkConfig::load(&store.containers().dir(&rec.id))? else {
            continue;
        };
        if let Some(path) = network::join::target(&store, &cfg.mode)? {
            if let Some(owner) = network::join::owner_userns(&path)? {
                engine.join_userns(owner)?;
            }
            return Ok(());
        }
    }
    Ok(())
}

/// Enters the rootless user namespace for operations that start containers. When one of them
/// uses user-defined networks (`networked`), this happens under the network lock with the
/// rootless network namespace's holder started in it: concurrent starts then all join the
/// holder's user namespace, from which alone its bridges can be wired to their containers.
/// Returns what the caller should tell the user (see [`Engine::enter_userns`]).
pub fn enter_userns_networked(engine: &mut Engine, networked: bool) -> Result<Vec<UsernsNotice>> {
    if !networked || !engine.host.rootless {
        return Ok(engine.enter_userns()?);
    }
    let store = engine.store()?.clone();
    let nets = store.networks();
    let _l = nets.lock()?;
    let notices = engine.enter_userns()?;
    usernet::holder::ensure(&store).map_err(Error::NetworkHolder)?;
    Ok(notices)
}

/// Whether any of the containers `keys` names is on a user-defined network.
pub fn any_networked(store: &Store, keys: &[String]) -> bool {
    keys.iter().any(|k| {
        store
            .containers()
            .lookup(k)
            .is_ok_and(|r| store.networks().attachments(&r.id).is_ok_and(|a| !a.is_empty()))
    })
}
