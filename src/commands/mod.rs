//! One file per verb: each `exec(ctx, args)` turns options into engine calls and prints results.

use std::path::PathBuf;

use anyhow::{Context as _, Result};

use crate::cli::{GlobalOptions, LogLevel};
use crate::image::apply::ApplyOptions;
use crate::runtime::idmap::IdMapping;
use crate::runtime::userns;
use crate::store::Store;

/// How the process should exit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExitStatus(pub i32);

impl ExitStatus {
    pub const SUCCESS: ExitStatus = ExitStatus(0);
    pub const FAILURE: ExitStatus = ExitStatus(1);
    /// ferry itself failed (Podman's and Docker's convention).
    pub const ENGINE_ERROR: ExitStatus = ExitStatus(125);
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
    fn detect() -> Host {
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

/// State shared by all commands of one invocation.
pub struct Context {
    pub global: GlobalOptions,
    pub host: Host,
    store: Option<Store>,
    in_userns: bool,
}

impl Context {
    pub fn new(global: GlobalOptions) -> Context {
        Context {
            global,
            host: Host::detect(),
            store: None,
            in_userns: false,
        }
    }

    /// The store and runtime roots: flags and environment, else the XDG or system defaults.
    pub fn paths(&self) -> Result<(PathBuf, PathBuf)> {
        let root = match &self.global.root {
            Some(p) => p.clone(),
            None if !self.host.rootless => PathBuf::from("/var/lib/ferry"),
            None => {
                let dirs =
                    directories::BaseDirs::new().context("cannot determine the home directory (set HOME or --root)")?;
                dirs.data_dir().join("ferry")
            }
        };
        let runroot = match &self.global.runroot {
            Some(p) => p.clone(),
            None if !self.host.rootless => PathBuf::from("/run/ferry"),
            None => match std::env::var_os("XDG_RUNTIME_DIR").filter(|v| !v.is_empty()) {
                Some(d) => PathBuf::from(d).join("ferry"),
                None => PathBuf::from(format!("/tmp/ferry-{}", self.host.uid)),
            },
        };
        Ok((root, runroot))
    }

    /// Opens the store (created on first use).
    pub fn store(&mut self) -> Result<&Store> {
        if self.store.is_none() {
            let (root, runroot) = self.paths()?;
            debug(&format!(
                "store at {}, runtime state at {}",
                root.display(),
                runroot.display()
            ));
            let store =
                Store::open(&root, &runroot).with_context(|| format!("opening the store at {}", root.display()))?;
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
    /// any mapped id. Must run before any thread is started. A no-op as root.
    pub fn enter_userns(&mut self) -> Result<()> {
        if self.in_userns {
            return Ok(());
        }
        let Some(mapping) = self.mapping() else { return Ok(()) };
        // While containers use user-defined networks, their namespace's holder keeps a user
        // namespace with this mapping: joining it lets containers started here be wired to them.
        let run_dir = self.paths()?.1.join("networks");
        if crate::usernet::holder::join_userns(&run_dir) {
            self.in_userns = true;
            return Ok(());
        }
        if mapping.is_single() {
            warn(&format!(
                "no subordinate ids for user {:?} in /etc/subuid and /etc/subgid: files owned by other users in images will be owned by root",
                self.host.user
            ));
        }
        userns::enter(&mapping).context("entering the rootless user namespace")?;
        self.in_userns = true;
        Ok(())
    }

    /// Rootless: joins an existing user namespace (`owner`, which has ferry's mapping: the one
    /// a running container was started in) instead of creating one. Single-threaded callers only.
    pub fn join_userns(&mut self, owner: std::os::fd::OwnedFd) -> Result<()> {
        nix::sched::setns(owner, nix::sched::CloneFlags::CLONE_NEWUSER)
            .context("joining the user namespace of the network to share")?;
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

static LOG_LEVEL: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(2);

/// `outer: inner: innermost`, skipping a cause whose text the outer message already contains.
pub fn chain(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let s = cause.to_string();
        if out.contains(&s) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&s);
    }
    out
}

pub fn set_log_level(l: LogLevel) {
    LOG_LEVEL.store(l as u8, std::sync::atomic::Ordering::Relaxed);
}

/// Prints a warning on stderr unless `--log-level error`.
pub fn warn(msg: &str) {
    if LOG_LEVEL.load(std::sync::atomic::Ordering::Relaxed) <= LogLevel::Warn as u8 {
        eprintln!("WARN: {msg}");
    }
}

/// Prints a debug message on stderr with `--log-level debug`.
pub fn debug(msg: &str) {
    if LOG_LEVEL.load(std::sync::atomic::Ordering::Relaxed) == LogLevel::Debug as u8 {
        eprintln!("DEBUG: {msg}");
    }
}

pub mod compose;
pub mod container;
pub mod image;
pub mod inspect;
pub mod network;
pub mod registry;
pub mod system;
pub mod volume;
