//! The engine: the operations on containers, images, volumes and networks that every front end
//! (the CLI verbs, the API service, compose, `kube play`) calls. It takes typed options and returns
//! typed results; it never prints, prompts, reads CLI types or exits the process.

pub mod container;
pub mod filter;
pub mod image;
pub mod network;
pub mod object;
pub mod registry;
pub mod system;
pub mod volume;

use std::path::PathBuf;

use crate::image::apply::ApplyOptions;
use crate::runtime::userns;
use crate::store::Store;
use crate::sys::idmap::IdMapping;

/// The engine's failures that are not an operation's own.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot determine the home directory (set HOME or --root)")]
    NoHome,
    #[error("opening the store at {path}")]
    OpenStore {
        path: PathBuf,
        #[source]
        source: crate::store::StoreError,
    },
    #[error("entering the rootless user namespace")]
    EnterUserns(#[source] crate::runtime::userns::UsernsError),
    #[error("joining the user namespace of the network to share")]
    JoinUserns(#[source] nix::Error),
}

/// Who is running ferry, read before entering any user namespace.
#[derive(Debug, Clone)]
pub struct Host {
    pub uid: u32,
    pub gid: u32,
    pub user: String,
    pub rootless: bool,
}

impl Host {
    pub fn detect() -> Host {
        let uid = nix::unistd::getuid().as_raw();
        let gid = nix::unistd::getgid().as_raw();
        let user = nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid))
            .ok()
            .flatten()
            .map(|u| u.name)
            .or_else(|| std::env::var("USER").ok())
            .unwrap_or_else(|| uid.to_string());
        Host {
            uid,
            gid,
            user,
            rootless: uid != 0,
        }
    }
}

/// Where the engine keeps its state: `None` takes the XDG or system default.
#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    pub root: Option<PathBuf>,
    pub runroot: Option<PathBuf>,
}

/// What entering the user namespace found worth telling the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsernsNotice {
    /// No subordinate ids: files owned by other users in images will be owned by root.
    NoSubordinateIds { user: String },
}

impl std::fmt::Display for UsernsNotice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UsernsNotice::NoSubordinateIds { user } => write!(
                f,
                "no subordinate ids for user {user:?} in /etc/subuid and /etc/subgid: files owned by other users in images will be owned by root"
            ),
        }
    }
}

/// One engine per process: the host user, the store (opened on first use) and the rootless
/// user namespace state.
pub struct Engine {
    pub host: Host,
    options: EngineOptions,
    store: Option<Store>,
    in_userns: bool,
}

impl Engine {
    pub fn new(options: EngineOptions) -> Engine {
        Engine {
            host: Host::detect(),
            options,
            store: None,
            in_userns: false,
        }
    }

    /// The store and runtime roots: the options, else the XDG or system defaults.
    pub fn paths(&self) -> Result<(PathBuf, PathBuf), Error> {
        let root = match &self.options.root {
            Some(p) => p.clone(),
            None if !self.host.rootless => PathBuf::from("/var/lib/ferry"),
            None => directories::BaseDirs::new()
                .ok_or(Error::NoHome)?
                .data_dir()
                .join("ferry"),
        };
        let runroot = match &self.options.runroot {
            Some(p) => p.clone(),
            None if !self.host.rootless => PathBuf::from("/run/ferry"),
            None => match std::env::var_os("XDG_RUNTIME_DIR").filter(|v| !v.is_empty()) {
                Some(d) => PathBuf::from(d).join("ferry"),
                None => PathBuf::from(format!("/tmp/ferry-{}", self.host.uid)),
            },
        };
        Ok((root, runroot))
    }

    /// Whether the store was opened already (nothing to report otherwise).
    pub fn store_opened(&self) -> bool {
        self.store.is_some()
    }

    /// Opens the store (created on first use).
    pub fn store(&mut self) -> Result<&Store, Error> {
        if self.store.is_none() {
            let (root, runroot) = self.paths()?;
            let store = Store::open(&root, &runroot).map_err(|source| Error::OpenStore { path: root, source })?;
            self.store = Some(store);
        }
        Ok(self.store.as_ref().expect("just set"))
    }

    /// The id mapping ferry uses: the subordinate ranges when rootless, none as root.
    pub fn mapping(&self) -> Option<IdMapping> {
        if !self.host.rootless {
            return None;
        }
        Some(
            IdMapping::rootless_from_system(&self.host.user, self.host.uid, self.host.gid)
                .unwrap_or_else(|| IdMapping::single(self.host.uid, self.host.gid)),
        )
    }

    /// Rootless: moves this process into ferry's user namespace, where it can own files with
    /// any mapped id. Must run before any thread is started. A no-op as root, or when already
    /// inside. Returns what the caller should tell the user.
    pub fn enter_userns(&mut self) -> Result<Vec<UsernsNotice>, Error> {
        if self.in_userns {
            return Ok(Vec::new());
        }
        let Some(mapping) = self.mapping() else {
            return Ok(Vec::new());
        };
        // While containers use user-defined networks, their namespace's holder keeps a user
        // namespace with this mapping: joining it lets containers started here be wired to them.
        let run_dir = self.paths()?.1.join("networks");
        if crate::network::bridge::holder::join_userns(&run_dir) {
            self.in_userns = true;
            return Ok(Vec::new());
        }
        let mut notices = Vec::new();
        if mapping.is_single() {
            notices.push(UsernsNotice::NoSubordinateIds {
                user: self.host.user.clone(),
            });
        }
        userns::enter(&mapping).map_err(Error::EnterUserns)?;
        self.in_userns = true;
        Ok(notices)
    }

    /// Rootless: joins an existing user namespace (`owner`, which has ferry's mapping: the one
    /// a running container was started in) instead of creating one. Single-threaded callers only.
    pub fn join_userns(&mut self, owner: std::os::fd::OwnedFd) -> Result<(), Error> {
        nix::sched::setns(owner, nix::sched::CloneFlags::CLONE_NEWUSER).map_err(Error::JoinUserns)?;
        self.in_userns = true;
        Ok(())
    }

    /// How layers are applied for this invocation: rootless, and whether every file must be
    /// owned by root because there are no subordinate ids.
    pub fn apply_options(&self) -> ApplyOptions {
        ApplyOptions {
            rootless: self.host.rootless,
            squash_ownership: self.mapping().map(|m| m.is_single()).unwrap_or(false),
        }
    }
}
