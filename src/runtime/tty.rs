//! Terminals: a pseudo-terminal opened from the devpts of the current root (the container's,
//! once it has pivoted), its master passed to the supervisor over a socket (SCM_RIGHTS, as runc
//! and crun do with a console socket), window sizes, raw mode for the user's terminal, detach
//! keys, and the client relay that `attach`, `run -it` and `exec -t` share.

use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicI32, Ordering};

use nix::errno::Errno;
use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, sigaction};
use nix::sys::socket::{ControlMessage, ControlMessageOwned, MsgFlags, recvmsg, sendmsg};
use nix::sys::termios::{self, SetArg, Termios};

#[derive(Debug, thiserror::Error)]
pub enum TtyError {
    #[error("{what}: {source}")]
    Sys { what: &'static str, source: Errno },
    #[error("{what}: {source}")]
    Io { what: &'static str, source: io::Error },
    #[error("invalid detach keys {keys:?}: {reason}")]
    DetachKeys { keys: String, reason: String },
}

pub type Result<T, E = TtyError> = std::result::Result<T, E>;

fn sys(what: &'static str) -> impl Fn(Errno) -> TtyError {
    move |source| TtyError::Sys { what, source }
}

pub use crate::sys::tty::{WinSize, set_size};

/// The size of the terminal `fd` refers to; `None` when it is not a terminal (or has no size).
pub fn get_size(fd: BorrowedFd<'_>) -> Option<WinSize> {
    crate::sys::tty::size(fd).filter(|ws| ws.rows != 0 && ws.cols != 0)
}

/// Opens a new pseudo-terminal from `/dev/ptmx` of the current root and returns (master,
/// slave), both close-on-exec. Called in the container after pivot_root, the pty belongs to
/// the container's own devpts instance.
pub fn open_pty() -> Result<(OwnedFd, OwnedFd), Errno> {
    // SAFETY: open of a constant path; the result is checked.
    let m = unsafe { libc::open(c"/dev/ptmx".as_ptr(), libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC) };
    if m < 0 {
        return Err(Errno::last());
    }
    // SAFETY: a descriptor just opened and owned by nobody else.
    let master = unsafe { OwnedFd::from_raw_fd(m) };
    let unlock: libc::c_int = 0;
    // SAFETY: TIOCSPTLCK reads an int we own.
    if unsafe { libc::ioctl(m, libc::TIOCSPTLCK, &unlock) } != 0 {
        return Err(Errno::last());
    }
    // TIOCGPTPEER opens the slave through the master, with no path lookup in a /dev/pts the
    // container's processes could have replaced.
    // SAFETY: TIOCGPTPEER takes open flags and returns a new descriptor.
    let s = unsafe { libc::ioctl(m, libc::TIOCGPTPEER, libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC) };
    if s < 0 {
        return Err(Errno::last());
    }
    // SAFETY: as above.
    Ok((master, unsafe { OwnedFd::from_raw_fd(s) }))
}

/// Makes `slave` the controlling terminal of a new session led by this process, and its stdin,
/// stdout and stderr.
pub fn make_controlling(slave: BorrowedFd<'_>) -> Result<(), Errno> {
    nix::unistd::setsid()?;
    // SAFETY: TIOCSCTTY with an integer argument (0: do not steal).
    if unsafe { libc::ioctl(slave.as_raw_fd(), libc::TIOCSCTTY, 0) } != 0 {
        return Err(Errno::last());
    }
    for target in 0..3 {
        // SAFETY: dup2 of a descriptor we hold onto stdio.
        if unsafe { libc::dup2(slave.as_raw_fd(), target) } < 0 {
            return Err(Errno::last());
        }
    }
    Ok(())
}

/// In a container's init (or exec helper), after pivot_root or joining the container's mount
/// namespace: opens a pty from the container's devpts, sets its size, sends the master over
/// `socket` to the supervisor and returns the slave (for [`make_controlling`], or the exec's
/// stdio). `owner` (the uid the command will run as) gets the slave, so that it can reopen its
/// terminal after the init has dropped root.
pub fn console_in_root(socket: BorrowedFd<'_>, size: Option<WinSize>, owner: Option<u32>) -> Result<OwnedFd> {
    let (master, slave) = open_pty().map_err(sys("opening a terminal in the container (/dev/ptmx)"))?;
    if let Some(size) = size {
        set_size(master.as_fd(), size).map_err(sys("setting the terminal size"))?;
    }
    if let Some(uid) = owner {
        // Best effort: without subordinate ids the uid may not be mapped; the command still has
        // the slave open as its stdio.
        let _ = nix::unistd::fchown(slave.as_fd(), Some(nix::unistd::Uid::from_raw(uid)), None);
    }
    send_fd(socket, master.as_fd()).map_err(sys("sending the terminal to the supervisor"))?;
    Ok(slave)
}

/// Sends one descriptor over a unix socket (one data byte carries it).
pub fn send_fd(socket: BorrowedFd<'_>, fd: BorrowedFd<'_>) -> Result<(), Errno> {
    let fds = [fd.as_raw_fd()];
    let iov = [io::IoSlice::new(&[0u8])];
    loop {
        match sendmsg::<()>(
            socket.as_raw_fd(),
            &iov,
            &[ControlMessage::ScmRights(&fds)],
            MsgFlags::empty(),
            None,
        ) {
            Err(Errno::EINTR) => continue,
            r => return r.map(drop),
        }
    }
}

/// Receives one descriptor sent by [`send_fd`] (close-on-exec); `None` when the peer closed the
/// socket without sending one.
pub fn recv_fd(socket: BorrowedFd<'_>) -> Result<Option<OwnedFd>, Errno> {
    let mut byte = [0u8; 1];
    let mut space = nix::cmsg_space!([RawFd; 1]);
    loop {
        let mut iov = [io::IoSliceMut::new(&mut byte)];
        let msg = match recvmsg::<()>(
            socket.as_raw_fd(),
            &mut iov,
            Some(&mut space),
            MsgFlags::MSG_CMSG_CLOEXEC,
        ) {
            Err(Errno::EINTR) => continue,
            r => r?,
        };
        let mut found = None;
        for c in msg.cmsgs()? {
            if let ControlMessageOwned::ScmRights(fds) = c {
                for fd in fds {
                    // SAFETY: the kernel just installed this descriptor in our table.
                    let owned = unsafe { OwnedFd::from_raw_fd(fd) };
                    if found.is_none() {
                        found = Some(owned);
                    }
                }
            }
        }
        return Ok(found);
    }
}

/// While alive, the terminal on a descriptor is in raw mode (no echo, no line editing, no
/// signals from keys: Ctrl-C is just a byte for the container); dropping it restores the saved
/// settings, on every way out that unwinds.
pub struct RawTerminal {
    fd: RawFd,
    saved: Termios,
}

impl RawTerminal {
    /// Puts `fd` in raw mode; `None` when it is not a terminal.
    pub fn new(fd: BorrowedFd<'_>) -> Result<Option<RawTerminal>> {
        let saved = match termios::tcgetattr(fd) {
            Ok(t) => t,
            Err(Errno::ENOTTY | Errno::EINVAL | Errno::EBADF) => return Ok(None),
            Err(e) => return Err(sys("reading the terminal settings")(e)),
        };
        let mut raw = saved.clone();
        termios::cfmakeraw(&mut raw);
        termios::tcsetattr(fd, SetArg::TCSANOW, &raw).map_err(sys("switching the terminal to raw mode"))?;
        Ok(Some(RawTerminal {
            fd: fd.as_raw_fd(),
            saved,
        }))
    }
}

impl Drop for RawTerminal {
    fn drop(&mut self) {
        // SAFETY: the descriptor (stdin) outlives the guard; it is only borrowed here.
        let fd = unsafe { BorrowedFd::borrow_raw(self.fd) };
        let _ = termios::tcsetattr(fd, SetArg::TCSANOW, &self.saved);
    }
}

/// The detach sequence when none is given (Docker's and Podman's).
pub const DEFAULT_DETACH_KEYS: &str = "ctrl-p,ctrl-q";

/// A key sequence that detaches a client from its container; empty means detaching is off.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DetachKeys(Vec<u8>);

impl DetachKeys {
    /// Parses Docker's syntax: comma-separated keys, each a single character or `ctrl-X` with X
    /// one of `a`..`z`, `@`, `[`, `\`, `]`, `^`, `_`. The empty string disables detaching.
    pub fn parse(s: &str) -> Result<DetachKeys> {
        let bad = |reason: String| TtyError::DetachKeys {
            keys: s.to_string(),
            reason,
        };
        if s.is_empty() {
            return Ok(DetachKeys(Vec::new()));
        }
        let mut out = Vec::new();
        for key in s.split(',') {
            let b = key.as_bytes();
            let code = match b {
                [c] if c.is_ascii() => *c,
                _ => {
                    let Some(rest) = key.strip_prefix("ctrl-") else {
                        return Err(bad(format!("unknown key {key:?}")));
                    };
                    match rest.as_bytes() {
                        [c @ b'a'..=b'z'] => c - b'a' + 1,
                        [c @ b'A'..=b'Z'] => c - b'A' + 1,
                        [b'@'] => 0,
                        [b'['] => 27,
                        [b'\\'] => 28,
                        [b']'] => 29,
                        [b'^'] => 30,
                        [b'_'] => 31,
                        _ => return Err(bad(format!("unknown key {key:?}"))),
                    }
                }
            };
            out.push(code);
        }
        Ok(DetachKeys(out))
    }
}

/// Finds the detach sequence in a stream of input, holding back a partial match until the next
/// byte decides: a lone first key followed by something else passes both through.
#[derive(Debug, Clone)]
pub struct DetachMatcher {
    keys: Vec<u8>,
    held: Vec<u8>,
}

impl DetachMatcher {
    pub fn new(keys: &DetachKeys) -> DetachMatcher {
        DetachMatcher {
            keys: keys.0.clone(),
            held: Vec::new(),
        }
    }

    /// Appends to `out` the bytes of `input` to forward; true when the sequence was completed
    /// (the rest of `input` is then dropped).
    pub fn feed(&mut self, input: &[u8], out: &mut Vec<u8>) -> bool {
        if self.keys.is_empty() {
            out.extend_from_slice(input);
            return false;
        }
        for &b in input {
            self.held.push(b);
            while !self.keys.starts_with(&self.held) {
                out.push(self.held.remove(0));
            }
            if self.held.len() == self.keys.len() {
                self.held.clear();
                return true;
            }
        }
        false
    }

    /// The bytes held back as a possible start of the sequence (at end of input they are sent).
    pub fn take_held(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.held)
    }
}

/// Which of the container's streams a piece of output came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutStream {
    Stdout,
    Stderr,
}

/// What reading a peer's output found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeerStatus {
    /// More may come.
    Open,
    /// The output ended (the terminal's last user closed it, or the peer went away).
    Closed,
    /// The container (or process) exited with this code.
    Exited(i32),
}

/// The other end of a relay: a pty master (exec -t) or a monitor's attach socket.
pub trait RelayPeer {
    /// The descriptor to poll for output.
    fn output_fd(&self) -> BorrowedFd<'_>;
    /// Reads what is available and hands each piece of output to `out`.
    fn read_output(&mut self, out: &mut dyn FnMut(OutStream, &[u8])) -> io::Result<PeerStatus>;
    /// Forwards input to the container.
    fn write_input(&mut self, data: &[u8]) -> io::Result<()>;
    /// Tells the container its input ended.
    fn close_input(&mut self) -> io::Result<()>;
    /// Tells the container's terminal its new size.
    fn resize(&mut self, size: WinSize) -> io::Result<()>;
}

/// A pty master as a relay peer (`exec -t`: ferry holds the master itself).
pub struct PtyPeer {
    pub master: OwnedFd,
}

/// The byte a terminal in canonical mode reads as end-of-file (VEOF, Ctrl-D).
const EOF_BYTE: u8 = 0x04;

fn read_fd(fd: RawFd, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        // SAFETY: reading into a buffer we own.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n >= 0 {
            return Ok(n as usize);
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

/// Writes all of `data` to a (blocking) descriptor.
pub fn write_all_fd(fd: RawFd, mut data: &[u8]) -> io::Result<()> {
    while !data.is_empty() {
        // SAFETY: writing from a buffer we own.
        let n = unsafe { libc::write(fd, data.as_ptr().cast(), data.len()) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        data = &data[n as usize..];
    }
    Ok(())
}

impl RelayPeer for PtyPeer {
    fn output_fd(&self) -> BorrowedFd<'_> {
        self.master.as_fd()
    }

    fn read_output(&mut self, out: &mut dyn FnMut(OutStream, &[u8])) -> io::Result<PeerStatus> {
        let mut buf = [0u8; 16 * 1024];
        match read_fd(self.master.as_raw_fd(), &mut buf) {
            // EIO: every slave descriptor is closed.
            Ok(0) => Ok(PeerStatus::Closed),
            Err(e) if e.raw_os_error() == Some(libc::EIO) => Ok(PeerStatus::Closed),
            Err(e) => Err(e),
            Ok(n) => {
                out(OutStream::Stdout, &buf[..n]);
                Ok(PeerStatus::Open)
            }
        }
    }

    fn write_input(&mut self, data: &[u8]) -> io::Result<()> {
        write_all_fd(self.master.as_raw_fd(), data)
    }

    fn close_input(&mut self) -> io::Result<()> {
        write_all_fd(self.master.as_raw_fd(), &[EOF_BYTE])
    }

    fn resize(&mut self, size: WinSize) -> io::Result<()> {
        set_size(self.master.as_fd(), size).map_err(io::Error::from)
    }
}

/// How a relay runs.
pub struct RelayOptions<'a> {
    /// Forward ferry's stdin (otherwise it is not read).
    pub stdin: bool,
    /// The container has a terminal: follow SIGWINCH and send the size at the start.
    pub tty: bool,
    /// The detach sequence (empty: none).
    pub detach_keys: DetachKeys,
    /// Signal proxy: SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1 and SIGUSR2 ferry receives are
    /// handed to it (to forward to the container) and the relay goes on. Without it, SIGINT,
    /// SIGTERM, SIGHUP and SIGQUIT end the relay with [`RelayEnd::Signaled`].
    pub on_signal: Option<&'a mut dyn FnMut(i32)>,
}

/// Why a relay ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelayEnd {
    /// The user typed the detach sequence.
    Detached,
    /// The peer's output ended without an exit code.
    Closed,
    /// The container exited with this code.
    Exited(i32),
    /// ferry got this signal (and no proxy was asked for).
    Signaled(i32),
}

static SIGNAL_PIPE: AtomicI32 = AtomicI32::new(-1);

extern "C" fn note_signal(sig: libc::c_int) {
    let fd = SIGNAL_PIPE.load(Ordering::Relaxed);
    if fd >= 0 {
        let b = sig as u8;
        // SAFETY: write is async-signal-safe; the pipe is non-blocking, a full pipe drops it.
        unsafe { libc::write(fd, (&b as *const u8).cast(), 1) };
    }
}

/// Signals turned into bytes on a pipe for the relay's poll loop; the previous dispositions
/// come back on drop.
struct SignalPipe {
    read: OwnedFd,
    _write: OwnedFd,
    saved: Vec<(Signal, SigAction)>,
}

impl SignalPipe {
    fn install(signals: &[Signal]) -> Result<SignalPipe> {
        let (read, write) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC | nix::fcntl::OFlag::O_NONBLOCK)
            .map_err(sys("creating a signal pipe"))?;
        SIGNAL_PIPE.store(write.as_raw_fd(), Ordering::Relaxed);
        let mut pipe = SignalPipe {
            read,
            _write: write,
            saved: Vec::new(),
        };
        let action = SigAction::new(SigHandler::Handler(note_signal), SaFlags::SA_RESTART, SigSet::empty());
        for &s in signals {
            // SAFETY: the handler only writes to a pipe, which is async-signal-safe.
            let old = unsafe { sigaction(s, &action) }.map_err(sys("installing a signal handler"))?;
            pipe.saved.push((s, old));
        }
        Ok(pipe)
    }
}

impl Drop for SignalPipe {
    fn drop(&mut self) {
        for (s, old) in self.saved.drain(..).rev() {
            // SAFETY: restoring the disposition saved at install.
            let _ = unsafe { sigaction(s, &old) };
        }
        SIGNAL_PIPE.store(-1, Ordering::Relaxed);
    }
}

const PROXIED: [Signal; 6] = [
    Signal::SIGINT,
    Signal::SIGTERM,
    Signal::SIGHUP,
    Signal::SIGQUIT,
    Signal::SIGUSR1,
    Signal::SIGUSR2,
];
const ENDING: [Signal; 4] = [Signal::SIGINT, Signal::SIGTERM, Signal::SIGHUP, Signal::SIGQUIT];

/// Copies ferry's stdin to `peer` (watching for the detach keys) and the peer's output to ferry's
/// stdout and stderr, until the output ends, the container exits, the user detaches, or a signal
/// ends it. Single-threaded: one poll over stdin, the peer and a signal pipe. The caller owns
/// the terminal mode ([`RawTerminal`]) and restores it by dropping the guard after this returns.
pub fn relay(peer: &mut dyn RelayPeer, opts: RelayOptions<'_>) -> Result<RelayEnd> {
    let RelayOptions {
        stdin,
        tty,
        detach_keys,
        mut on_signal,
    } = opts;
    let mut signals: Vec<Signal> = if on_signal.is_some() {
        PROXIED.to_vec()
    } else {
        ENDING.to_vec()
    };
    if tty {
        signals.push(Signal::SIGWINCH);
    }
    let pipe = SignalPipe::install(&signals)?;
    let io_err = |what: &'static str| move |source: io::Error| TtyError::Io { what, source };
    let stdin_fd = io::stdin().as_raw_fd();
    let terminal_size = || get_size(io::stdin().as_fd()).or_else(|| get_size(io::stdout().as_fd()));
    if tty && let Some(size) = terminal_size() {
        peer.resize(size).map_err(io_err("sending the terminal size"))?;
    }
    let mut matcher = DetachMatcher::new(&detach_keys);
    let mut stdin_open = stdin;
    let mut buf = vec![0u8; 16 * 1024];
    let mut forward = Vec::new();
    let mut write_out = |stream: OutStream, data: &[u8]| {
        let fd = if stream == OutStream::Stdout { 1 } else { 2 };
        // A closed stdout must not stop the container: its output is then dropped.
        let _ = write_all_fd(fd, data);
    };
    loop {
        let mut fds = [
            libc::pollfd {
                fd: peer.output_fd().as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: if stdin_open { stdin_fd } else { -1 },
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: pipe.read.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        // SAFETY: poll over an array of pollfd we own.
        if unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, -1) } < 0 {
            match Errno::last() {
                Errno::EINTR => continue,
                e => return Err(sys("waiting for input")(e)),
            }
        }
        if fds[2].revents != 0 {
            let mut sigs = [0u8; 64];
            let n = read_fd(pipe.read.as_raw_fd(), &mut sigs).unwrap_or(0);
            for &s in &sigs[..n] {
                let s = s as i32;
                if s == libc::SIGWINCH {
                    if let Some(size) = terminal_size() {
                        peer.resize(size).map_err(io_err("sending the terminal size"))?;
                    }
                } else if let Some(proxy) = on_signal.as_deref_mut() {
                    proxy(s);
                } else {
                    return Ok(RelayEnd::Signaled(s));
                }
            }
        }
        if fds[1].revents != 0 {
            match read_fd(stdin_fd, &mut buf) {
                Ok(n) if n > 0 => {
                    forward.clear();
                    let detached = matcher.feed(&buf[..n], &mut forward);
                    if !forward.is_empty() {
                        peer.write_input(&forward).map_err(io_err("forwarding input"))?;
                    }
                    if detached {
                        return Ok(RelayEnd::Detached);
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                // End of input (or an unreadable stdin): what was held back goes, then EOF.
                _ => {
                    let held = matcher.take_held();
                    if !held.is_empty() {
                        peer.write_input(&held).map_err(io_err("forwarding input"))?;
                    }
                    peer.close_input().map_err(io_err("closing the container's input"))?;
                    stdin_open = false;
                }
            }
        }
        if fds[0].revents != 0 {
            match peer
                .read_output(&mut write_out)
                .map_err(io_err("reading the container's output"))?
            {
                PeerStatus::Open => {}
                PeerStatus::Closed => return Ok(RelayEnd::Closed),
                PeerStatus::Exited(code) => return Ok(RelayEnd::Exited(code)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<u8> {
        DetachKeys::parse(s).unwrap().0
    }

    #[test]
    fn parses_docker_key_syntax() {
        assert_eq!(keys(DEFAULT_DETACH_KEYS), vec![0x10, 0x11]);
        assert_eq!(keys(""), Vec::<u8>::new());
        assert_eq!(keys("ctrl-a"), vec![1]);
        assert_eq!(keys("ctrl-Z"), vec![26]);
        assert_eq!(
            keys("ctrl-@,ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_"),
            vec![0, 27, 28, 29, 30, 31]
        );
        assert_eq!(keys("a,b,ctrl-x"), vec![b'a', b'b', 24]);
    }

    #[test]
    fn rejects_hostile_keys() {
        for bad in [
            ",",
            "ctrl-p,",
            ",ctrl-q",
            "ctrl-p,,ctrl-q",
            "ctrl-",
            "ctrl-1",
            "ctrl-pq",
            "ctrl+p",
            "ctl-p",
            "ab",
            "é",
            "ctrl-é",
            " ctrl-p",
            "ctrl-p ",
            "\0\0",
            "ctrl-\u{0}x",
        ] {
            let e = DetachKeys::parse(bad).unwrap_err();
            assert!(e.to_string().starts_with("invalid detach keys"), "{bad:?}: {e}");
        }
        let long = "a,".repeat(10_000) + "a";
        assert_eq!(DetachKeys::parse(&long).unwrap().0.len(), 10_001);
    }

    fn run(keys: &str, chunks: &[&[u8]]) -> (Vec<u8>, bool) {
        let mut m = DetachMatcher::new(&DetachKeys::parse(keys).unwrap());
        let mut out = Vec::new();
        for c in chunks {
            if m.feed(c, &mut out) {
                return (out, true);
            }
        }
        out.extend(m.take_held());
        (out, false)
    }

    #[test]
    fn matcher_detaches_and_passes_partial_sequences() {
        assert_eq!(
            run(DEFAULT_DETACH_KEYS, &[b"ls\r\x10\x11rest"]),
            (b"ls\r".to_vec(), true)
        );
        // Split across reads.
        assert_eq!(run(DEFAULT_DETACH_KEYS, &[b"a\x10", b"\x11"]), (b"a".to_vec(), true));
        // A lone ctrl-p followed by another key: both bytes go through.
        assert_eq!(run(DEFAULT_DETACH_KEYS, &[b"\x10", b"x"]), (b"\x10x".to_vec(), false));
        assert_eq!(
            run(DEFAULT_DETACH_KEYS, &[b"\x10x\x10"]),
            (b"\x10x\x10".to_vec(), false)
        );
        // ctrl-p ctrl-p ctrl-q: the first ctrl-p passes, the rest detaches.
        assert_eq!(run(DEFAULT_DETACH_KEYS, &[b"\x10\x10\x11"]), (b"\x10".to_vec(), true));
        // Overlapping prefixes.
        assert_eq!(run("a,a,b", &[b"aaab"]), (b"a".to_vec(), true));
        assert_eq!(run("a,b,a,c", &[b"ababac"]), (b"ab".to_vec(), true));
        // Disabled: everything passes.
        assert_eq!(run("", &[b"\x10\x11"]), (b"\x10\x11".to_vec(), false));
        // Single key.
        assert_eq!(run("ctrl-x", &[b"ab\x18cd"]), (b"ab".to_vec(), true));
    }

    #[test]
    fn pty_round_trip_and_fd_passing() {
        let (master, slave) = open_pty().unwrap();
        set_size(master.as_fd(), WinSize { rows: 33, cols: 101 }).unwrap();
        assert_eq!(get_size(slave.as_fd()), Some(WinSize { rows: 33, cols: 101 }));
        let (a, b) = nix::sys::socket::socketpair(
            nix::sys::socket::AddressFamily::Unix,
            nix::sys::socket::SockType::Stream,
            None,
            nix::sys::socket::SockFlag::SOCK_CLOEXEC,
        )
        .unwrap();
        send_fd(a.as_fd(), master.as_fd()).unwrap();
        drop(master);
        let got = recv_fd(b.as_fd()).unwrap().unwrap();
        assert_eq!(get_size(got.as_fd()), Some(WinSize { rows: 33, cols: 101 }));
        drop(a);
        assert!(recv_fd(b.as_fd()).unwrap().is_none());
        assert!(get_size(b.as_fd()).is_none());
        assert!(RawTerminal::new(b.as_fd()).unwrap().is_none());
        {
            let _raw = RawTerminal::new(slave.as_fd()).unwrap().unwrap();
            let t = termios::tcgetattr(slave.as_fd()).unwrap();
            assert!(!t.local_flags.contains(termios::LocalFlags::ECHO));
        }
        let t = termios::tcgetattr(slave.as_fd()).unwrap();
        assert!(t.local_flags.contains(termios::LocalFlags::ECHO));
    }
}
