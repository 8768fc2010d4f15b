//! The container's init, in the child between clone and exec: root filesystem, hostname,
//! loopback, resource limits, identity, security settings, then the user's command through the
//! sealed exec stub (see `stub`). Failures go to the parent over a close-on-exec pipe as
//! `kind, errno, message`.
//!
//! The init runs in a session of its own: with a terminal (`-t`), its own pty from the
//! container's devpts is its controlling terminal; without one it has none, so no container
//! process can reach the caller's terminal through /dev/tty. Its standard streams are pipes to
//! its supervisor (or /dev/null), never the caller's descriptors.

use std::ffi::CString;
use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use oci_spec::runtime::Spec;

use super::rootfs::{self, OverlayLayout, SetupError};
use super::security::Prepared;
use super::stub;

/// What the parent learns when the child fails before exec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InitFailure {
    /// A setup step failed.
    Setup { message: String, errno: i32 },
    /// The command does not exist in the container.
    NotFound { command: String },
    /// The command exists but cannot be executed.
    CannotExecute { command: String, errno: i32 },
}

impl InitFailure {
    pub fn encode(&self) -> Vec<u8> {
        let (kind, errno, text) = match self {
            InitFailure::Setup { message, errno } => (0u8, *errno, message.as_str()),
            InitFailure::NotFound { command } => (1, libc::ENOENT, command.as_str()),
            InitFailure::CannotExecute { command, errno } => (2, *errno, command.as_str()),
        };
        let mut out = vec![kind];
        out.extend_from_slice(&errno.to_le_bytes());
        out.extend_from_slice(text.as_bytes());
        out
    }

    /// Decodes what the child wrote; `None` when there is nothing valid (exec succeeded).
    pub fn decode(data: &[u8]) -> Option<InitFailure> {
        if data.len() < 5 {
            return None;
        }
        let errno = i32::from_le_bytes(data[1..5].try_into().expect("4 bytes"));
        let text = String::from_utf8_lossy(&data[5..]).into_owned();
        match data[0] {
            0 => Some(InitFailure::Setup { message: text, errno }),
            1 => Some(InitFailure::NotFound { command: text }),
            2 => Some(InitFailure::CannotExecute { command: text, errno }),
            _ => None,
        }
    }
}

/// What the init needs; everything is computed by the parent before clone.
pub struct InitConfig<'a> {
    pub spec: &'a Spec,
    pub overlay: &'a OverlayLayout,
    pub security: &'a Prepared,
    /// A new network namespace: bring `lo` up.
    pub new_net: bool,
    /// The descriptor to make the container's stdin (`-i`: a pipe its supervisor writes);
    /// `None` reads /dev/null.
    pub stdin: Option<RawFd>,
    /// Descriptors to make the container's stdout and stderr (pipes to its supervisor).
    pub output: Option<(RawFd, RawFd)>,
    /// The sealed exec stub (see `stub::sealed`).
    pub stub: RawFd,
    /// `--init`: stay PID 1 as a minimal init and run the command as a child.
    pub init: bool,
    /// `-t`: a socket to send the master of the container's terminal over; the slave becomes
    /// the command's controlling terminal and stdio.
    pub console: Option<RawFd>,
    /// A nested user namespace: the read end of a pipe the parent writes to once the
    /// namespace's mapping is in place.
    pub userns_ready: Option<RawFd>,
    /// A network namespace to enter (`--network ns:…|container:…`).
    pub join_net: Option<RawFd>,
    /// The nested namespace does not map ferry's own id: become its root before setting up
    /// (overlay refuses a mounter whose id the namespace does not map).
    pub userns_become_root: bool,
    /// A network helper is set up by the parent: the read end of a pipe it writes to once the
    /// network is up (the command must not start before).
    pub network_ready: Option<RawFd>,
}

fn setup_failure(e: SetupError) -> InitFailure {
    InitFailure::Setup {
        message: e.what,
        errno: e.errno as i32,
    }
}

fn sys(what: &str) -> impl Fn(Errno) -> InitFailure + '_ {
    move |e| InitFailure::Setup {
        message: what.to_string(),
        errno: e as i32,
    }
}

fn loopback_up() -> Result<(), InitFailure> {
    // SAFETY: plain socket/ioctl calls on a struct ifreq we own; the fd is closed by OwnedFd.
    unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0);
        if fd < 0 {
            return Err(sys("creating a socket to configure lo")(Errno::last()));
        }
        let _guard = <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd);
        let mut req: libc::ifreq = std::mem::zeroed();
        for (i, b) in b"lo\0".iter().enumerate() {
            req.ifr_name[i] = *b as libc::c_char;
        }
        if libc::ioctl(fd, libc::SIOCGIFFLAGS, &mut req) < 0 {
            return Err(sys("reading the flags of lo")(Errno::last()));
        }
        req.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short;
        if libc::ioctl(fd, libc::SIOCSIFFLAGS, &req) < 0 {
            return Err(sys("bringing lo up")(Errno::last()));
        }
    }
    Ok(())
}

pub(super) fn set_rlimits(spec: &Spec) -> Result<(), InitFailure> {
    let Some(limits) = spec.process().as_ref().and_then(|p| p.rlimits().clone()) else {
        return Ok(());
    };
    for l in limits {
        let r = libc::rlimit {
            rlim_cur: l.soft(),
            rlim_max: l.hard(),
        };
        // SAFETY: setrlimit with a valid resource number and struct.
        if unsafe { libc::setrlimit(super::spec::rlimit_resource(l.typ()), &r) } != 0 {
            return Err(sys("setting a resource limit")(Errno::last()));
        }
    }
    Ok(())
}

pub(super) fn set_identity(spec: &Spec, security: &Prepared) -> Result<(), InitFailure> {
    let Some(process) = spec.process() else { return Ok(()) };
    let user = process.user();
    let groups: Vec<nix::unistd::Gid> = user
        .additional_gids()
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(|g| nix::unistd::Gid::from_raw(*g))
        .collect();
    match nix::unistd::setgroups(&groups) {
        Ok(()) => {}
        // Without subordinate ids the user namespace denies setgroups; no groups is then all we can have.
        Err(Errno::EPERM) if groups.is_empty() => {}
        Err(e) => return Err(sys("setting supplementary groups")(e)),
    }
    let gid = nix::unistd::Gid::from_raw(user.gid());
    nix::unistd::setresgid(gid, gid, gid).map_err(sys("setting the group id"))?;
    security.before_setuid().map_err(|e| InitFailure::Setup {
        message: e.to_string(),
        errno: 0,
    })?;
    let uid = nix::unistd::Uid::from_raw(user.uid());
    nix::unistd::setresuid(uid, uid, uid).map_err(sys("setting the user id"))?;
    Ok(())
}

/// Finds the command in the container (after pivot_root), as execvp would.
pub(super) fn lookup(cmd: &str, env: &[String]) -> Result<PathBuf, InitFailure> {
    if cmd.contains('/') {
        return Ok(PathBuf::from(cmd));
    }
    let path = env
        .iter()
        .find_map(|e| e.strip_prefix("PATH="))
        .unwrap_or(super::spec::DEFAULT_PATH);
    let mut denied = None;
    for dir in path.split(':') {
        let dir = if dir.is_empty() { "." } else { dir };
        let cand = Path::new(dir).join(cmd);
        match std::fs::metadata(&cand) {
            Ok(m) if m.is_file() && m.permissions().mode() & 0o111 != 0 => return Ok(cand),
            Ok(m) if m.is_file() => denied = Some(cand),
            _ => {}
        }
    }
    match denied {
        Some(p) => Ok(p),
        None => Err(InitFailure::NotFound {
            command: cmd.to_string(),
        }),
    }
}

pub(super) fn cstrings(v: &[String]) -> Result<Vec<CString>, InitFailure> {
    v.iter()
        .map(|s| {
            CString::new(s.as_bytes()).map_err(|_| sys("an argument or variable contains a NUL byte")(Errno::EINVAL))
        })
        .collect()
}

fn init(cfg: &InitConfig<'_>, error_pipe: RawFd) -> Result<std::convert::Infallible, InitFailure> {
    if let Some(fd) = cfg.userns_ready {
        let mut b = [0u8; 1];
        // SAFETY: reading one byte from a pipe the parent created for this.
        if unsafe { libc::read(fd, b.as_mut_ptr().cast(), 1) } != 1 {
            return Err(sys("waiting for the user namespace mapping")(Errno::last()));
        }
        if cfg.userns_become_root {
            let root = (nix::unistd::Gid::from_raw(0), nix::unistd::Uid::from_raw(0));
            nix::unistd::setresgid(root.0, root.0, root.0).map_err(sys("becoming root in the user namespace"))?;
            nix::unistd::setresuid(root.1, root.1, root.1).map_err(sys("becoming root in the user namespace"))?;
        }
    }
    if let Some(fd) = cfg.join_net {
        // SAFETY: setns on a namespace descriptor the parent opened for this.
        if unsafe { libc::setns(fd, libc::CLONE_NEWNET) } != 0 {
            return Err(sys("joining the network namespace")(Errno::last()));
        }
    }
    let spec = cfg.spec;
    let process = spec
        .process()
        .as_ref()
        .ok_or_else(|| sys("the spec has no process")(Errno::EINVAL))?;
    let null = match cfg.stdin {
        Some(_) => None,
        None => Some(
            std::fs::File::open("/dev/null")
                .map_err(|e| sys("opening /dev/null")(Errno::from_raw(e.raw_os_error().unwrap_or(0))))?,
        ),
    };
    let input = cfg.stdin.or(null.as_ref().map(|n| n.as_raw_fd()));
    // SAFETY: dup2 onto stdin of a descriptor the parent keeps open until the child has exec'd
    // (or of /dev/null, opened above).
    if let Some(fd) = input
        && unsafe { libc::dup2(fd, 0) } < 0
    {
        return Err(sys("redirecting stdin")(Errno::last()));
    }
    drop(null);
    if let Some((out, err)) = cfg.output {
        // SAFETY: dup2 of descriptors the parent keeps open until the child has exec'd.
        if unsafe { libc::dup2(out, 1) } < 0 || unsafe { libc::dup2(err, 2) } < 0 {
            return Err(sys("redirecting stdout and stderr")(Errno::last()));
        }
    }
    let cwd = process.cwd().to_string_lossy().into_owned();
    rootfs::setup(spec, cfg.overlay, &cwd).map_err(setup_failure)?;
    if let Some(h) = spec.hostname() {
        nix::unistd::sethostname(h).map_err(sys("setting the hostname"))?;
    }
    if cfg.new_net {
        loopback_up()?;
    }
    if cfg.console.is_none() {
        // A session of its own, without a controlling terminal: not the caller's.
        nix::unistd::setsid().map_err(sys("creating the container's session"))?;
    }
    if let Some(socket) = cfg.console {
        // After pivot_root: /dev/ptmx is the container's own devpts instance.
        // SAFETY: the socket stays open in this process until exec (close-on-exec).
        let socket = unsafe { std::os::fd::BorrowedFd::borrow_raw(socket) };
        let size = process
            .console_size()
            .map(|b| super::tty::WinSize {
                rows: b.height().min(u16::MAX as u64) as u16,
                cols: b.width().min(u16::MAX as u64) as u16,
            })
            .filter(|s| s.rows > 0 && s.cols > 0);
        let slave =
            super::tty::console_in_root(socket, size, Some(process.user().uid())).map_err(|e| InitFailure::Setup {
                message: e.to_string(),
                errno: 0,
            })?;
        super::tty::make_controlling(slave.as_fd())
            .map_err(sys("making the terminal the container's controlling terminal"))?;
    }
    if let Some(fd) = cfg.network_ready {
        let mut b = [0u8; 1];
        // SAFETY: reading one byte from a pipe the parent created for this.
        if unsafe { libc::read(fd, b.as_mut_ptr().cast(), 1) } != 1 {
            return Err(sys("waiting for the container's network")(Errno::last()));
        }
    }
    // The parent is done with this process's /proc files (maps, network namespace). Alone in
    // its PID namespace until it executes the stub, the init is out of every other process's
    // reach from here on too (a credential change below could make it dumpable again only with
    // fs.suid_dumpable=1: the stub's exec then decides).
    // SAFETY: prctl with integer arguments.
    unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0) };
    set_rlimits(spec)?;
    set_identity(spec, cfg.security)?;
    if let Some(mask) = process.user().umask() {
        // SAFETY: umask only changes this process's file mode creation mask; the command inherits it.
        unsafe { libc::umask(mask as libc::mode_t) };
    }
    nix::unistd::chdir(cwd.as_str()).map_err(|e| InitFailure::Setup {
        message: format!("chdir to {cwd}"),
        errno: e as i32,
    })?;
    let args = process.args().clone().unwrap_or_default();
    let env = process.env().clone().unwrap_or_default();
    let cmd = args.first().ok_or_else(|| sys("no command")(Errno::EINVAL))?;
    let path = lookup(cmd, &env)?;
    let c_path = CString::new(path.as_os_str().as_bytes()).map_err(|_| sys("NUL in the command")(Errno::EINVAL))?;
    let c_args = cstrings(&args)?;
    let c_env = cstrings(&env)?;
    cfg.security.apply().map_err(|e| InitFailure::Setup {
        message: e.to_string(),
        errno: 0,
    })?;
    // The container's supervisor (the foreground ferry or the detached monitor) is the only
    // one that records its exit: if it dies, so does the container, and "exited" stays true.
    // SAFETY: prctl with integer arguments.
    unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0) };
    // Descriptors ferry inherited from its caller must not leak into the container (nor keep
    // a caller waiting for end-of-file): all but stdio close on exec, the error pipe after the
    // stub's exec of the command.
    // SAFETY: close_range with CLOSE_RANGE_CLOEXEC only sets flags on this process's descriptors.
    unsafe { libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, libc::CLOSE_RANGE_CLOEXEC) };
    let mode = if cfg.init { stub::Mode::Init } else { stub::Mode::Exec };
    let argv = stub::argv(mode, error_pipe, &c_path, &c_args);
    // SAFETY: the stub's descriptor stays open in this process until exec.
    let stub_fd = unsafe { std::os::fd::BorrowedFd::borrow_raw(cfg.stub) };
    let errno = stub::exec(stub_fd, &[error_pipe], &argv, &c_env);
    Err(sys("executing the container's init (ferry-init)")(errno))
}

/// Runs the init in the cloned child; never returns.
pub fn run(cfg: &InitConfig<'_>, mut error_pipe: std::fs::File) -> ! {
    let Err(failure) = init(cfg, error_pipe.as_raw_fd());
    let _ = error_pipe.write_all(&failure.encode());
    // SAFETY: leaving the child without running the parent's destructors or atexit handlers.
    unsafe { libc::_exit(1) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_round_trip() {
        for f in [
            InitFailure::Setup {
                message: "mounting x".into(),
                errno: 22,
            },
            InitFailure::NotFound { command: "foo".into() },
            InitFailure::CannotExecute {
                command: "/etc".into(),
                errno: 13,
            },
        ] {
            assert_eq!(InitFailure::decode(&f.encode()), Some(f));
        }
        for junk in [&b""[..], b"\x07\0\0\0\0x", b"\x01\0"] {
            assert_eq!(InitFailure::decode(junk), None);
        }
    }
}
