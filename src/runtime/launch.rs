//! Starting a container and waiting for it, in the foreground: one clone(2) creates the init
//! with all its namespaces (the new PID namespace makes it PID 1), no helper process, no
//! re-exec of ferry; the init ends by executing the sealed exec stub (see `stub`), which
//! executes the command (or, with `--init`, stays PID 1). Rootless, ferry is already in its
//! user namespace, whose mapping is the container's, so the container's namespaces are simply
//! created inside it.

use std::io::Read;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::sync::atomic::{AtomicI32, Ordering};

use nix::errno::Errno;
use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, sigaction};
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::Pid;
use oci_spec::runtime::{LinuxNamespaceType, Spec};

use super::process::{self, InitConfig, InitFailure};
use super::rootfs::OverlayLayout;
use super::security::Prepared;

#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    #[error("creating the container process: {0}")]
    Clone(Errno),
    #[error("{0}")]
    Network(String),
    #[error("{0}")]
    Sys(Errno),
    #[error("{message}{}", errno_text(*errno))]
    Setup { message: String, errno: i32 },
    #[error("the kernel does not support overlayfs in a user namespace (Linux 5.11 or later is needed for rootless containers): {message}: {}", Errno::from_raw(*errno).desc())]
    OverlayUnsupported { message: String, errno: i32 },
    #[error("executable file `{command}` not found in $PATH: No such file or directory")]
    NotFound { command: String },
    #[error("{command}: cannot execute: {}", Errno::from_raw(*errno).desc())]
    CannotExecute { command: String, errno: i32 },
}

/// `: <description>` of an errno, or nothing for 0 (an error without one).
pub(super) fn errno_text(errno: i32) -> String {
    if errno == 0 {
        String::new()
    } else {
        format!(": {}", Errno::from_raw(errno).desc())
    }
}

/// A container to start.
pub struct Launch<'a> {
    pub spec: &'a Spec,
    pub overlay: OverlayLayout,
    pub security: Prepared,
    /// `-i`: the read end of the pipe that becomes the container's stdin (its supervisor
    /// writes the other end); `None` gives it /dev/null.
    pub stdin: Option<OwnedFd>,
    /// Where the container's stdout and stderr go (pipes to its supervisor); `None` keeps
    /// ferry's own (`--log-driver passthrough` only).
    pub output: Option<(OwnedFd, OwnedFd)>,
    /// `--init`: PID 1 stays a minimal init that runs the command as its child.
    pub init: bool,
    /// A user namespace of the container's own, nested in ferry's (or, as root, the first):
    /// its mapping (container ids → ferry's or the host's), written before the init goes on.
    pub userns: Option<crate::sys::idmap::IdMapping>,
    /// `--network ns:…|container:…`: the network namespace to join instead of a new one.
    pub join_net: Option<OwnedFd>,
    /// The container's cgroup: its init is in it before anything of the container runs, and its
    /// cgroup namespace is rooted there.
    pub cgroup: Option<super::cgroup::Cgroup>,
}

/// The pid signals are forwarded to (0: none).
static CONTAINER_PID: AtomicI32 = AtomicI32::new(0);

extern "C" fn forward(sig: libc::c_int) {
    let pid = CONTAINER_PID.load(Ordering::Relaxed);
    if pid > 0 {
        // SAFETY: kill is async-signal-safe.
        unsafe { libc::kill(pid, sig) };
    }
}

/// The signals a foreground run forwards to its container.
const PROXIED: [Signal; 6] = [
    Signal::SIGINT,
    Signal::SIGTERM,
    Signal::SIGHUP,
    Signal::SIGQUIT,
    Signal::SIGUSR1,
    Signal::SIGUSR2,
];

fn clone_flags(spec: &Spec) -> (libc::c_ulong, bool) {
    let mut flags: libc::c_ulong = 0;
    let mut new_net = false;
    let namespaces = spec
        .linux()
        .as_ref()
        .and_then(|l| l.namespaces().clone())
        .unwrap_or_default();
    for ns in namespaces {
        let f = match ns.typ() {
            // Rootless containers share ferry's user namespace (entered before).
            LinuxNamespaceType::User => continue,
            LinuxNamespaceType::Mount => libc::CLONE_NEWNS,
            LinuxNamespaceType::Pid => libc::CLONE_NEWPID,
            LinuxNamespaceType::Ipc => libc::CLONE_NEWIPC,
            LinuxNamespaceType::Uts => libc::CLONE_NEWUTS,
            LinuxNamespaceType::Cgroup => libc::CLONE_NEWCGROUP,
            LinuxNamespaceType::Network => {
                new_net = true;
                libc::CLONE_NEWNET
            }
            LinuxNamespaceType::Time => libc::CLONE_NEWTIME,
        };
        flags |= f as libc::c_ulong;
    }
    (flags, new_net)
}

/// Creates the container's init and waits until it has exec'd the command (or failed).
/// The caller must be single-threaded. Returns the init's pid. A container with a terminal
/// needs [`start_console`] (its terminal would be closed here).
pub fn start(launch: &Launch<'_>) -> Result<Pid, LaunchError> {
    start_console(launch).map(|(pid, _)| pid)
}

/// [`start`], and for a container whose spec asks for a terminal (`process.terminal`), the
/// master of the pty its init opened in the container's own devpts.
pub fn start_console(launch: &Launch<'_>) -> Result<(Pid, Option<OwnedFd>), LaunchError> {
    start_networked(launch, None)
}

/// Sets up the container's network once its init (and so its network namespace) exists.
pub type NetworkSetup<'a> = &'a dyn Fn(Pid) -> Result<(), String>;

/// [`start_console`]; with `network`, the init waits until that has run in this process
/// (a failure kills the init and is the start's error).
pub fn start_networked(
    launch: &Launch<'_>,
    network: Option<NetworkSetup<'_>>,
) -> Result<(Pid, Option<OwnedFd>), LaunchError> {
    let (mut flags, mut new_net) = clone_flags(launch.spec);
    if launch.join_net.is_some() {
        flags &= !(libc::CLONE_NEWNET as libc::c_ulong);
        new_net = false;
    }
    let network_sync = match network {
        Some(_) => Some(nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(LaunchError::Sys)?),
        None => None,
    };
    // The init waits on this pipe until its user namespace has its mapping.
    let userns_sync = match &launch.userns {
        Some(_) => {
            flags |= libc::CLONE_NEWUSER as libc::c_ulong;
            Some(nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(LaunchError::Sys)?)
        }
        None => None,
    };
    let stub = super::stub::sealed().map_err(|e| LaunchError::Setup {
        message: e.to_string(),
        errno: 0,
    })?;
    let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(LaunchError::Sys)?;
    let (mut r, w) = (std::fs::File::from(r), std::fs::File::from(w));
    let terminal = launch
        .spec
        .process()
        .as_ref()
        .and_then(|p| p.terminal())
        .unwrap_or(false);
    let console = if terminal {
        use nix::sys::socket::{AddressFamily, SockFlag, SockType, socketpair};
        Some(
            socketpair(AddressFamily::Unix, SockType::Stream, None, SockFlag::SOCK_CLOEXEC)
                .map_err(LaunchError::Sys)?,
        )
    } else {
        None
    };
    let cfg = InitConfig {
        console: console.as_ref().map(|(_, child)| child.as_raw_fd()),
        spec: launch.spec,
        overlay: &launch.overlay,
        security: &launch.security,
        new_net,
        stdin: launch.stdin.as_ref().map(|f| f.as_raw_fd()),
        output: launch.output.as_ref().map(|(o, e)| (o.as_raw_fd(), e.as_raw_fd())),
        stub: stub.as_raw_fd(),
        init: launch.init,
        userns_ready: userns_sync.as_ref().map(|(r, _)| r.as_raw_fd()),
        join_net: launch.join_net.as_ref().map(|f| f.as_raw_fd()),
        network_ready: network_sync.as_ref().map(|(r, _)| r.as_raw_fd()),
        userns_become_root: launch
            .userns
            .as_ref()
            .is_some_and(|m| !m.uids.iter().any(|r| r.host == 0)),
    };
    // The child gets a copy of the address space and only runs the init, which ends in exec or
    // _exit; the caller is single-threaded.
    let spawned = super::cgroup::clone_into(launch.cgroup.as_ref(), flags | libc::SIGCHLD as libc::c_ulong)
        .map_err(LaunchError::Clone)?;
    let rc = spawned.pid;
    if rc == 0 {
        drop(r);
        if let Err(e) = spawned.settle(launch.cgroup.as_ref()) {
            let failure = InitFailure::Setup {
                message: e.what.to_string(),
                errno: e.errno as i32,
            };
            let _ = std::io::Write::write_all(&mut &w, &failure.encode());
            // SAFETY: leaving the child without running the parent's destructors.
            unsafe { libc::_exit(1) }
        }
        // Only the parent may write: end-of-file then means it is gone.
        if let Some((_, w)) = &userns_sync {
            // SAFETY: closing the child's copy of the write end; the child never returns, so
            // the OwnedFd is never dropped here.
            unsafe { libc::close(w.as_raw_fd()) };
        }
        if let Some((_, w)) = &network_sync {
            // SAFETY: as above.
            unsafe { libc::close(w.as_raw_fd()) };
        }
        process::run(&cfg, w);
    }
    let pid = Pid::from_raw(rc);
    // The network comes first: the init is still blocked with ferry's credentials, so its
    // /proc/PID/ns/net can be opened (once it changed its ids in a nested user namespace, it is
    // not dumpable and only a capability in the host's namespace would open it).
    // When the set-up here fails, the init may have failed first (its namespaces are then
    // gone, which is why): its own report names the cause.
    let init_first = |r: &mut std::fs::File, w: std::fs::File, ours: LaunchError| {
        let _ = nix::sys::signal::kill(pid, Signal::SIGKILL);
        reap(pid);
        drop(w);
        let mut data = Vec::new();
        let _ = r.read_to_end(&mut data);
        InitFailure::decode(&data).map_or(ours, |f| failure_error(f, launch))
    };
    if let (Some(setup), Some((_, ready))) = (network, network_sync) {
        if let Err(message) = setup(pid) {
            return Err(init_first(&mut r, w, LaunchError::Network(message)));
        }
        let _ = nix::unistd::write(&ready, b"1");
    }
    if let (Some(mapping), Some((_, ready))) = (&launch.userns, userns_sync) {
        if let Err(e) = write_mapping(pid, mapping) {
            return Err(init_first(&mut r, w, e));
        }
        let _ = nix::unistd::write(&ready, b"1");
    }
    drop(w);
    let console = console.map(|(ours, _child)| ours);
    let mut data = Vec::new();
    let _ = r.read_to_end(&mut data);
    let Some(failure) = InitFailure::decode(&data) else {
        let Some(socket) = console else {
            return Ok((pid, None));
        };
        // The init sent the master before exec; it is waiting in the socket.
        return match super::tty::recv_fd(socket.as_fd()) {
            Ok(Some(master)) => Ok((pid, Some(master))),
            Ok(None) => {
                let _ = nix::sys::signal::kill(pid, Signal::SIGKILL);
                reap(pid);
                Err(LaunchError::Setup {
                    message: "the container's init sent no terminal".into(),
                    errno: 0,
                })
            }
            Err(e) => {
                let _ = nix::sys::signal::kill(pid, Signal::SIGKILL);
                reap(pid);
                Err(LaunchError::Sys(e))
            }
        };
    };
    reap(pid);
    Err(failure_error(failure, launch))
}

/// The error for what the init reported.
fn failure_error(failure: InitFailure, launch: &Launch<'_>) -> LaunchError {
    match failure {
        InitFailure::Setup { message, errno }
            if message.starts_with("mounting the overlay")
                && matches!(Errno::from_raw(errno), Errno::EINVAL | Errno::EPERM)
                && launch.spec.linux().as_ref().is_some_and(|l| l.uid_mappings().is_some()) =>
        {
            LaunchError::OverlayUnsupported { message, errno }
        }
        InitFailure::Setup { message, errno } => LaunchError::Setup { message, errno },
        InitFailure::NotFound { command } => LaunchError::NotFound { command },
        InitFailure::CannotExecute { command, errno } => LaunchError::CannotExecute { command, errno },
    }
}

/// Writes the init's uid and gid maps (ferry is root in the parent namespace, so any of its
/// ids may be mapped, and setgroups stays allowed).
fn write_mapping(pid: Pid, mapping: &crate::sys::idmap::IdMapping) -> Result<(), LaunchError> {
    let text = |ranges: &[crate::sys::idmap::IdRange]| ranges.iter().map(|r| format!("{r}\n")).collect::<String>();
    for (file, ranges) in [("uid_map", &mapping.uids), ("gid_map", &mapping.gids)] {
        std::fs::write(format!("/proc/{pid}/{file}"), text(ranges)).map_err(|e| LaunchError::Setup {
            message: format!("writing the container's {file}"),
            errno: e.raw_os_error().unwrap_or(0),
        })?;
    }
    Ok(())
}

/// Collects a child that failed before exec (it exits right after reporting).
fn reap(pid: Pid) {
    while let Err(Errno::EINTR) = waitpid(pid, None) {}
}

/// While alive, the signals a terminal or `kill` send to ferry are forwarded to the container.
pub struct SignalProxy(());

impl SignalProxy {
    pub fn install(pid: Pid) -> Result<SignalProxy, LaunchError> {
        CONTAINER_PID.store(pid.as_raw(), Ordering::Relaxed);
        let action = SigAction::new(SigHandler::Handler(forward), SaFlags::SA_RESTART, SigSet::empty());
        for s in PROXIED {
            // SAFETY: the handler only calls kill, which is async-signal-safe.
            unsafe { sigaction(s, &action) }.map_err(LaunchError::Sys)?;
        }
        Ok(SignalProxy(()))
    }
}

impl Drop for SignalProxy {
    fn drop(&mut self) {
        CONTAINER_PID.store(0, Ordering::Relaxed);
        for s in PROXIED {
            // SAFETY: restoring the default disposition.
            let _ = unsafe {
                sigaction(
                    s,
                    &SigAction::new(SigHandler::SigDfl, SaFlags::empty(), SigSet::empty()),
                )
            };
        }
    }
}

/// Waits for the container's init to exit and returns its exit code (128+n for signal n).
/// With `sig_proxy`, the signals a terminal or `kill` send to ferry are forwarded to it.
pub fn wait(pid: Pid, sig_proxy: bool) -> Result<i32, LaunchError> {
    let _proxy = if sig_proxy {
        Some(SignalProxy::install(pid)?)
    } else {
        None
    };
    reap_exit(pid)
}

/// Waits for the container's init (a child of this process) and returns its exit code.
pub fn reap_exit(pid: Pid) -> Result<i32, LaunchError> {
    loop {
        match waitpid(pid, None) {
            Ok(WaitStatus::Exited(_, code)) => return Ok(code),
            Ok(WaitStatus::Signaled(_, sig, _)) => return Ok(128 + sig as i32),
            Ok(_) | Err(Errno::EINTR) => continue,
            Err(e) => return Err(LaunchError::Sys(e)),
        }
    }
}
