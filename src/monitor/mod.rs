//! The per-container supervisor: copies the container's output to its log (and, in the
//! foreground, to ferry's own stdout and stderr), waits for it, records its exit and performs
//! `--rm` cleanup.
//!
//! A foreground `run` is its own supervisor ([`pump`]). A detached container gets a monitor
//! ([`spawn`]): ferry forks twice (the monitor is re-parented away from the CLI and starts its
//! own session), the monitor starts the container as its child and then re-executes the ferry
//! binary under the hidden role [`ROLE`] so that it keeps none of the CLI's memory. It exits
//! with its container. There is no daemon.
//!
//! If the monitor is killed, the container dies with it (its init has PDEATHSIG set), so the
//! next command that reads the record sees a dead supervisor and can honestly say "exited".

pub mod attach;
pub mod logs;
pub mod signal;
pub mod supervise;

use std::ffi::{CString, OsString};
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::unistd::Pid;

use crate::runtime::launch::{self, Launch, LaunchError};
use crate::store::Store;
use crate::store::containers::{ContainerError, LogDriver};
use logs::{LogWriter, Stream};

/// `argv[1]` of a ferry process that is a container's monitor (checked before parsing the
/// command line).
pub const ROLE: &str = "__monitor";

#[derive(Debug, thiserror::Error)]
pub enum MonitorError {
    #[error("{0}")]
    Sys(#[from] Errno),
    #[error("opening the container log {path}: {source}")]
    Log {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] ContainerError),
    #[error(transparent)]
    Launch(#[from] LaunchError),
    #[error(transparent)]
    Supervise(#[from] supervise::SuperviseError),
    /// The container could not start; `code` is what `run` exits with.
    #[error("{message}")]
    Start { code: i32, message: String },
    #[error("the container monitor exited before reporting")]
    Lost,
}

pub type Result<T, E = MonitorError> = std::result::Result<T, E>;

/// A pipe pair for one output stream: (read end, write end), both close-on-exec.
pub fn output_pipes() -> Result<((OwnedFd, OwnedFd), (OwnedFd, OwnedFd))> {
    let (or, ow) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
    let (er, ew) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
    Ok(((or, er), (ow, ew)))
}

fn pidfd_open(pid: Pid) -> Result<OwnedFd> {
    // SAFETY: pidfd_open with a pid and no flags; a non-negative result is a new descriptor.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid.as_raw(), 0) };
    if fd < 0 {
        return Err(Errno::last().into());
    }
    // SAFETY: the descriptor was just created and is owned by nobody else.
    Ok(unsafe { OwnedFd::from_raw_fd(fd as RawFd) })
}

/// Sends `sig` to the process `pidfd` refers to (never to a process that reused its pid).
fn pidfd_signal(pidfd: &OwnedFd, sig: i32) -> std::result::Result<(), Errno> {
    // SAFETY: pidfd_send_signal on a pidfd we own, with no siginfo and no flags.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_pidfd_send_signal,
            pidfd.as_raw_fd(),
            sig,
            std::ptr::null::<libc::siginfo_t>(),
            0u32,
        )
    };
    if rc < 0 { Err(Errno::last()) } else { Ok(()) }
}

/// [`pidfd_signal`] for callers that only try (the process may be gone already).
fn send_signal(pidfd: &OwnedFd, sig: i32) {
    let _ = pidfd_signal(pidfd, sig);
}

/// Sends `sig` to the process `pid` if it is still the one that started at `start` (field 22
/// of /proc/PID/stat, as recorded in a container's state): the pid is pinned with a pidfd
/// before the start time is compared, so a recycled pid is never signalled. Returns whether
/// the signal was sent (false: the process is gone).
///
/// Rootless, the caller must be in a user namespace that owns the container's: the host user's
/// own namespace (the owner of every namespace ferry creates) or the one the container was
/// started in. From a sibling namespace (the one another ferry command created for itself)
/// the kernel refuses (EPERM) for processes running as any id but ferry's own.
pub fn signal_process(pid: i32, start: u64, sig: i32) -> std::result::Result<bool, Errno> {
    if pid <= 0 {
        return Ok(false);
    }
    let pidfd = match pidfd_open(Pid::from_raw(pid)) {
        Ok(fd) => fd,
        Err(MonitorError::Sys(Errno::ESRCH)) => return Ok(false),
        Err(MonitorError::Sys(e)) => return Err(e),
        Err(_) => return Err(Errno::EINVAL),
    };
    if crate::sys::process::start_time(pid) != Some(start) {
        return Ok(false);
    }
    match pidfd_signal(&pidfd, sig) {
        Ok(()) => Ok(true),
        Err(Errno::ESRCH) => Ok(false),
        Err(e) => Err(e),
    }
}

/// An inotify descriptor that becomes readable when the container directory `dir` is
/// deleted or renamed (a removal moves it into the trash first). `None` when inotify is not
/// available: the monitor then only misses this safety net.
fn watch_removal(dir: &std::path::Path) -> Option<OwnedFd> {
    let path = CString::new(dir.as_os_str().as_bytes()).ok()?;
    // SAFETY: inotify_init1 with flags only; a non-negative result is a new descriptor.
    let fd = unsafe { libc::inotify_init1(libc::IN_CLOEXEC | libc::IN_NONBLOCK) };
    if fd < 0 {
        return None;
    }
    // SAFETY: the descriptor was just created and is owned by nobody else.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    // SAFETY: inotify_add_watch on our descriptor with a NUL-terminated path.
    let wd = unsafe {
        libc::inotify_add_watch(
            fd.as_raw_fd(),
            path.as_ptr(),
            libc::IN_DELETE_SELF | libc::IN_MOVE_SELF | libc::IN_ONLYDIR,
        )
    };
    (wd >= 0).then_some(fd)
}

/// Writes all of `data` to this process's stdout or stderr (`fd`), waiting while a
/// non-blocking descriptor is full; the error that ends it otherwise.
fn write_all_fd(fd: RawFd, mut data: &[u8]) -> Result<(), Errno> {
    while !data.is_empty() {
        // SAFETY: writing from a valid buffer to a descriptor this process has open.
        let n = unsafe { libc::write(fd, data.as_ptr().cast(), data.len()) };
        if n < 0 {
            match Errno::last() {
                Errno::EINTR => continue,
                Errno::EAGAIN => {
                    let mut p = libc::pollfd {
                        fd,
                        events: libc::POLLOUT,
                        revents: 0,
                    };
                    // SAFETY: poll over one pollfd we own.
                    unsafe { libc::poll(&mut p, 1, -1) };
                    continue;
                }
                e => return Err(e),
            }
        }
        if n == 0 {
            return Err(Errno::EIO);
        }
        data = &data[n as usize..];
    }
    Ok(())
}

/// While alive, SIGPIPE is ignored: a caller that stops reading ferry's output is an EPIPE
/// the relay passes on to the container, not the end of ferry (and of the container with it).
struct IgnoreSigpipe(libc::sighandler_t);

impl IgnoreSigpipe {
    fn new() -> IgnoreSigpipe {
        // SAFETY: replacing the disposition of SIGPIPE; the old one comes back on drop.
        IgnoreSigpipe(unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) })
    }
}

impl Drop for IgnoreSigpipe {
    fn drop(&mut self) {
        // SAFETY: restoring the disposition saved in `new`.
        unsafe { libc::signal(libc::SIGPIPE, self.0) };
    }
}

/// The caller's stdin on its way to the container's stdin pipe.
struct Input {
    /// The pipe's write end (non-blocking); `None` once closed.
    pipe: Option<OwnedFd>,
    /// Read from stdin, not yet taken by the pipe.
    pending: Vec<u8>,
    /// Stdin ended: the pipe closes once `pending` is in.
    eof: bool,
}

impl Input {
    /// Writes what the pipe takes now; a container that closed its stdin ends the forwarding.
    fn flush(&mut self) {
        let Some(pipe) = &self.pipe else { return };
        while !self.pending.is_empty() {
            // SAFETY: writing from a buffer we own to our pipe.
            let n = unsafe { libc::write(pipe.as_raw_fd(), self.pending.as_ptr().cast(), self.pending.len()) };
            if n < 0 {
                match Errno::last() {
                    Errno::EINTR => continue,
                    Errno::EAGAIN => return,
                    _ => {
                        self.pending.clear();
                        self.pipe = None;
                        return;
                    }
                }
            }
            self.pending.drain(..n as usize);
        }
        if self.eof {
            self.pipe = None;
        }
    }
}

fn pollfd(fd: Option<RawFd>, events: libc::c_short) -> libc::pollfd {
    libc::pollfd {
        fd: fd.unwrap_or(-1),
        events,
        revents: 0,
    }
}

/// Relays a container's standard streams in the foreground (`run`, `start -a`, `exec`, build
/// steps): copies its stdout and stderr (the read ends of its pipes) to the log and to `echo`
/// (ferry's own stdout and stderr, usually), and this process's stdin to `input` (the write end
/// of the container's stdin pipe, closed at end of input), until the process `pid` has exited
/// and its output is drained. The container never holds the caller's descriptors. A closed
/// echo destination closes the container's pipe in turn (its writes then fail with EPIPE, as
/// they would without ferry in between). Does not reap. Single-threaded: one poll over the
/// pipes, stdin and a pidfd.
pub fn pump(
    pid: Pid,
    pipes: (OwnedFd, OwnedFd),
    input: Option<OwnedFd>,
    mut log: Option<&mut LogWriter>,
    echo: Option<(BorrowedFd<'_>, BorrowedFd<'_>)>,
) -> Result<()> {
    let pidfd = pidfd_open(pid)?;
    let _sigpipe = echo.is_some().then(IgnoreSigpipe::new);
    let mut open = [Some(pipes.0), Some(pipes.1)];
    let mut input = Input {
        pipe: input,
        pending: Vec::new(),
        eof: false,
    };
    if let Some(p) = &input.pipe {
        // SAFETY: fcntl flag calls on our own pipe end.
        unsafe {
            let fl = libc::fcntl(p.as_raw_fd(), libc::F_GETFL);
            libc::fcntl(p.as_raw_fd(), libc::F_SETFL, fl | libc::O_NONBLOCK);
        }
    }
    let mut exited_at: Option<Instant> = None;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        if open.iter().all(Option::is_none) && exited_at.is_some() {
            return Ok(());
        }
        let forwarding = input.pipe.as_ref().map(|p| p.as_raw_fd());
        let reading = forwarding.is_some() && input.pending.is_empty() && !input.eof;
        let mut fds = [
            pollfd(open[0].as_ref().map(|f| f.as_raw_fd()), libc::POLLIN),
            pollfd(open[1].as_ref().map(|f| f.as_raw_fd()), libc::POLLIN),
            pollfd(exited_at.is_none().then(|| pidfd.as_raw_fd()), libc::POLLIN),
            pollfd(reading.then_some(0), libc::POLLIN),
            pollfd(forwarding.filter(|_| !input.pending.is_empty()), libc::POLLOUT),
        ];
        // Once the process is gone (for `run`, the rest of the namespace dies with it) the
        // pipes reach end-of-file; a process that escaped and keeps a pipe open only delays the
        // end briefly.
        let timeout = match exited_at {
            Some(t) => {
                let left = Duration::from_millis(500).saturating_sub(t.elapsed());
                if left.is_zero() {
                    return Ok(());
                }
                left.as_millis() as libc::c_int
            }
            None => -1,
        };
        // SAFETY: poll over an array of pollfd we own.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout) };
        if n < 0 {
            match Errno::last() {
                Errno::EINTR => continue,
                e => return Err(e.into()),
            }
        }
        for (i, stream) in [Stream::Stdout, Stream::Stderr].into_iter().enumerate() {
            if fds[i].revents == 0 {
                continue;
            }
            let Some(fd) = open[i].as_ref() else { continue };
            // SAFETY: reading into a buffer we own from a readable descriptor.
            let r = unsafe { libc::read(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
            if r < 0 && Errno::last() == Errno::EINTR {
                continue;
            }
            if r <= 0 {
                open[i] = None;
                continue;
            }
            let data = &buf[..r as usize];
            if let Some(log) = log.as_deref_mut() {
                // A full disk must not stop the container: its output is then lost, not blocked.
                let _ = log.write(stream, data);
            }
            if let Some((out, err)) = echo
                && write_all_fd(if i == 0 { out } else { err }.as_raw_fd(), data) == Err(Errno::EPIPE)
            {
                open[i] = None;
            }
        }
        if fds[2].revents != 0 {
            exited_at = Some(Instant::now());
            input.pipe = None;
        }
        if fds[3].revents != 0 {
            // SAFETY: reading into a buffer we own from stdin, which poll found ready.
            let r = unsafe { libc::read(0, buf.as_mut_ptr().cast(), buf.len()) };
            match r {
                n if n > 0 => input.pending.extend_from_slice(&buf[..n as usize]),
                -1 if matches!(Errno::last(), Errno::EINTR | Errno::EAGAIN) => {}
                // End of input, or a stdin that cannot be read (closed, a hung-up terminal).
                _ => input.eof = true,
            }
        }
        input.flush();
    }
}

/// The container's streams as a new monitor gets them.
#[derive(Default)]
pub struct MonitorIo {
    /// The read ends of the stdout and stderr pipes whose write ends are `launch.output`;
    /// `None` for a container with a terminal (or whose output is discarded).
    pub readers: Option<(OwnedFd, OwnedFd)>,
    /// `-i` without a terminal: the write end of the stdin pipe whose read end is
    /// `launch.stdin`; the monitor keeps it for its attach clients' input.
    pub stdin: Option<OwnedFd>,
    /// A connected attach client (`run -it`, `start -ai`): it sees the output from the start.
    pub client: Option<OwnedFd>,
}

/// Descriptor slots of the monitor's new image (after exec), named by the letters of its
/// `IO` argument: `p` stdout and stderr pipes at 3 and 4 (`t`: the terminal's master at 3),
/// `i` the stdin pipe at 5, `l` the attach socket at 6, `c` a first client at 7.
const SLOT_OUT: RawFd = 3;
const SLOT_ERR: RawFd = 4;
const SLOT_STDIN: RawFd = 5;
const SLOT_LISTENER: RawFd = 6;
const SLOT_CLIENT: RawFd = 7;

/// Starts the container under a new detached monitor and returns the container's pid once it
/// runs (its state, with the monitor's pid, is then recorded as running). A container whose
/// spec asks for a terminal gets one; its monitor holds the master.
///
/// The caller must be single-threaded (and in the user namespace, rootless).
pub fn spawn(store: &Store, id: &str, launch: &Launch<'_>, io: MonitorIo) -> Result<Pid> {
    let exe = CString::new("/proc/self/exe").expect("no NUL");
    let arg = |s: &std::ffi::OsStr| CString::new(s.as_bytes()).map_err(|_| MonitorError::Sys(Errno::EINVAL));
    let argv = [
        arg("ferry".as_ref())?,
        arg(ROLE.as_ref())?,
        arg(store.root().as_os_str())?,
        arg(store.runroot().as_os_str())?,
        arg(id.as_ref())?,
    ];
    let (status_r, status_w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
    // The caller is single-threaded; the closure's drop closes `status_w` and `io` here.
    crate::sys::process::spawn_detached(|| monitor_child(store, id, launch, io, status_w, &exe, &argv))?;
    let mut data = Vec::new();
    let _ = std::fs::File::from(status_r).read_to_end(&mut data);
    match data.first() {
        Some(0) if data.len() == 5 => Ok(Pid::from_raw(i32::from_le_bytes(data[1..5].try_into().expect("4")))),
        Some(1) if data.len() >= 5 => Err(MonitorError::Start {
            code: i32::from_le_bytes(data[1..5].try_into().expect("4")),
            message: String::from_utf8_lossy(&data[5..]).into_owned(),
        }),
        _ => Err(MonitorError::Lost),
    }
}

/// Tells the CLI that the container could not start (`code` is `run`'s) and leaves the forked
/// monitor.
fn fail(status: &mut std::fs::File, code: i32, message: &str) -> ! {
    let mut msg = vec![1u8];
    msg.extend_from_slice(&code.to_le_bytes());
    msg.extend_from_slice(message.as_bytes());
    let _ = status.write_all(&msg);
    // SAFETY: leaving the forked child without running destructors.
    unsafe { libc::_exit(1) }
}

/// The monitor between fork and exec: starts the container, records it as running, tells the
/// CLI, then becomes a fresh ferry process under [`ROLE`].
fn monitor_child(
    store: &Store,
    id: &str,
    launch: &Launch<'_>,
    io: MonitorIo,
    status: OwnedFd,
    exe: &CString,
    argv: &[CString],
) -> ! {
    // Out of the way of the descriptor slots set up below.
    // SAFETY: F_DUPFD_CLOEXEC of a descriptor we own; the original closes with `status`.
    let moved = unsafe { libc::fcntl(status.as_raw_fd(), libc::F_DUPFD_CLOEXEC, 10) };
    drop(status);
    // SAFETY: a fresh descriptor (or -1, on which writes simply fail).
    let mut status = unsafe { std::fs::File::from_raw_fd(moved) };
    // A session of its own: no terminal, and no signals meant for the CLI's process group.
    let _ = nix::unistd::setsid();
    let containers = store.containers();
    let network = match supervise::Networking::load(store, id) {
        Ok(n) => n,
        Err(e) => fail(&mut status, supervise::ENGINE_FAILED, &e.to_string()),
    };
    let (pid, master) = match supervise::start(store, id, &network, launch) {
        Ok(started) => started,
        Err(failed) => fail(&mut status, failed.code, &failed.message),
    };
    let mut state = containers.read_state(id).unwrap_or_default();
    // Listening before the CLI hears "running": an `attach` right after `run -d` finds it.
    // Without it the container still runs, only nobody can attach.
    let listener = attach::listen(&containers.dir(id)).ok();
    state.mark_running(pid.as_raw(), nix::unistd::getpid().as_raw(), crate::sys::now());
    state.cgroups = launch.cgroup.as_ref().map(|c| c.paths().to_vec()).unwrap_or_default();
    if let Err(e) = containers.write_state(id, &state) {
        let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
        let _ = launch::reap_exit(pid);
        if let Some(c) = &launch.cgroup {
            let _ = c.remove();
        }
        fail(&mut status, supervise::ENGINE_FAILED, &e.to_string());
    }
    let mut flags = String::new();
    let (out, err) = match (&master, &io.readers) {
        (Some(m), _) => {
            flags.push('t');
            (Some(m.as_raw_fd()), None)
        }
        (None, Some((o, e))) => {
            flags.push('p');
            (Some(o.as_raw_fd()), Some(e.as_raw_fd()))
        }
        (None, None) => (None, None),
    };
    let stdin = io.stdin.as_ref().map(|w| w.as_raw_fd());
    let listen_fd = listener.as_ref().map(|l| l.as_raw_fd());
    let client = io.client.as_ref().map(|c| c.as_raw_fd());
    for (letter, fd) in [('i', stdin), ('l', listen_fd), ('c', client)] {
        if fd.is_some() {
            flags.push(letter);
        }
    }
    // Descriptors for the new image in their slots, everything else on /dev/null or closed,
    // so that nobody waiting for the CLI's output waits for the monitor too.
    // SAFETY: plain descriptor calls on descriptors this process owns. The sources are first
    // copied above the slots (so no dup2 overwrites a source), then dup2 puts them in place and
    // clears close-on-exec there; unused slots are closed.
    unsafe {
        let slots = [
            (SLOT_OUT, out),
            (SLOT_ERR, err),
            (SLOT_STDIN, stdin),
            (SLOT_LISTENER, listen_fd),
            (SLOT_CLIENT, client),
        ];
        let high: Vec<(RawFd, Option<RawFd>)> = slots
            .iter()
            .map(|&(slot, fd)| (slot, fd.map(|fd| libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 10))))
            .collect();
        for (slot, fd) in high {
            match fd {
                Some(fd) => libc::dup2(fd, slot),
                None => libc::close(slot),
            };
        }
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR | libc::O_CLOEXEC);
        for fd in 0..3 {
            libc::dup2(null, fd);
        }
    }
    let mut msg = vec![0u8];
    msg.extend_from_slice(&pid.as_raw().to_le_bytes());
    let _ = status.write_all(&msg);
    drop(status);
    let Ok(flags) = CString::new(flags) else {
        // SAFETY: as above.
        unsafe { libc::_exit(1) }
    };
    let mut argv = argv.to_vec();
    argv.push(flags);
    // Nothing the CLI inherited from its caller stays open in the monitor.
    // SAFETY: closing descriptors this process no longer uses, just before exec.
    unsafe { libc::syscall(libc::SYS_close_range, (SLOT_CLIENT + 1) as u32, u32::MAX, 0u32) };
    let _ = nix::unistd::execv(exe, &argv);
    // Without its monitor nobody would record the container's end: take it down.
    let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
    // SAFETY: as above.
    unsafe { libc::_exit(1) }
}

/// The monitor process (`ferry __monitor ROOT RUNROOT ID IO`): never returns.
pub fn main() -> ! {
    let args: Vec<OsString> = std::env::args_os().collect();
    let code = match supervise(&args) {
        Ok(()) => 0,
        Err(_) => 1,
    };
    std::process::exit(code)
}

/// Unmaps the file pages start-up touched (the kernel maps them in with generous read-around):
/// the monitor's loop needs few of them, and those fault back in from the page cache. Only
/// read-only file mappings without a single private (copied-on-write) page are dropped, so no
/// data is lost: the pages are re-read from the file on the next access.
fn shed_startup_pages() {
    let Ok(smaps) = std::fs::read_to_string("/proc/self/smaps") else {
        return;
    };
    let mut current: Option<(usize, usize)> = None;
    for line in smaps.lines() {
        let mut f = line.split_ascii_whitespace();
        let Some(first) = f.next() else { continue };
        if let Some((a, b)) = first.split_once('-')
            && let (Ok(a), Ok(b)) = (usize::from_str_radix(a, 16), usize::from_str_radix(b, 16))
        {
            let perms = f.next().unwrap_or("");
            let file_backed = f.nth(3).is_some_and(|path| path.starts_with('/'));
            current = (file_backed && matches!(perms, "r-xp" | "r--p")).then_some((a, b - a));
            continue;
        }
        if first == "Anonymous:"
            && f.next() == Some("0")
            && let Some((addr, len)) = current.take()
        {
            // SAFETY: MADV_DONTNEED on a private, read-only file mapping none of whose pages
            // was ever written only drops page table entries.
            unsafe { libc::madvise(addr as *mut libc::c_void, len, libc::MADV_DONTNEED) };
        }
    }
}

fn supervise(args: &[OsString]) -> Result<()> {
    let [_, _, root, runroot, id, flags] = args else {
        return Err(Errno::EINVAL.into());
    };
    let id = id.to_str().ok_or(Errno::EINVAL)?;
    let flags = flags.to_str().ok_or(Errno::EINVAL)?;
    let has = |c: char| flags.contains(c);
    // SAFETY: the slots named in `flags` were set up by `monitor_child` for this process, and
    // each is taken once.
    let take = |slot: RawFd| unsafe { OwnedFd::from_raw_fd(slot) };
    let store = Store::open(root.as_ref(), runroot.as_ref()).map_err(ContainerError::from)?;
    let containers = store.containers();
    let settings = containers.read_settings(id)?;
    let started = containers.read_state(id)?;
    let pid = Pid::from_raw(started.pid.ok_or(Errno::ESRCH)?);
    let io = if has('t') {
        Some(attach::ContainerIo::Tty {
            master: take(SLOT_OUT),
            input: settings.interactive,
        })
    } else if has('p') {
        Some(attach::ContainerIo::Pipes {
            stdout: take(SLOT_OUT),
            stderr: take(SLOT_ERR),
            stdin: has('i').then(|| take(SLOT_STDIN)),
        })
    } else {
        None
    };
    let listener = has('l').then(|| take(SLOT_LISTENER));
    let client = has('c').then(|| take(SLOT_CLIENT));
    let dir = containers.dir(id);
    // A removal between the start and the watch is noticed by the check after it.
    let removed = watch_removal(&dir);
    // The directory as it was opened: the network helper's pid file is found there even if
    // the directory was moved away meanwhile.
    let opened = std::fs::File::open(&dir);
    if opened.is_err()
        && let Ok(pidfd) = pidfd_open(pid)
    {
        send_signal(&pidfd, libc::SIGKILL);
    }
    let here = match &opened {
        Ok(f) => std::path::PathBuf::from(format!("/proc/self/fd/{}", f.as_raw_fd())),
        Err(_) => dir.clone(),
    };
    let mut clients = None;
    if let Some(io) = io {
        let path = containers.log_path(id);
        let mut log = match settings.log_driver {
            LogDriver::K8sFile => Some(
                LogWriter::open(&path, settings.log_max_size).map_err(|source| MonitorError::Log { path, source })?,
            ),
            LogDriver::None | LogDriver::Passthrough => None,
        };
        shed_startup_pages();
        clients = Some(attach::serve(pid, io, log.as_mut(), listener, client, removed)?);
    }
    let code = launch::reap_exit(pid)?;
    // First, before anything that may fail (the record may be gone after `rm -f`): the init is
    // reaped, so its pid namespace is empty and nothing is left in the cgroup. What cannot be
    // removed stays recorded for `rm`.
    crate::store::containers::remove_cgroup_dirs(&started.cgroups);
    supervise::finish(&store, id, &here, code, settings.remove)?;
    // Last: a client that learns the code (`run -it --rm`) finds the container recorded or gone.
    if let Some(clients) = clients {
        clients.announce_exit(code);
    }
    Ok(())
}
