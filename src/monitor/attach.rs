//! The attach socket: the monitor of every detached container listens on a unix socket in the
//! container's directory; any number of clients (`attach`, `run -it`, `start -ai`) see the
//! container's output, may send it input and terminal sizes, and learn its exit code.
//!
//! The protocol is framed: one type byte, a little-endian u32 payload length, the payload.

use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::unistd::Pid;

use super::logs::{LogWriter, Stream};
use crate::runtime::tty::{self, OutStream, PeerStatus, RelayPeer, WinSize};

/// The socket's file name in the container's directory.
pub const SOCKET_NAME: &str = "attach";

/// The largest payload a peer may announce; anything bigger is a broken or hostile peer.
const MAX_PAYLOAD: usize = 1 << 20;
/// Output queued for a client that does not read; past this the client is dropped rather than
/// let it hold up the container or grow the monitor.
const MAX_QUEUED: usize = 1 << 20;
/// Input queued for a container that does not read its stdin; past this input is dropped.
const MAX_INPUT: usize = 256 << 10;
const HEADER: usize = 5;

const STDOUT: u8 = 1;
const STDERR: u8 = 2;
const STDIN: u8 = 3;
const STDIN_EOF: u8 = 4;
const RESIZE: u8 = 5;
const EXIT: u8 = 6;

/// One message of the attach protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame<'a> {
    Stdout(&'a [u8]),
    Stderr(&'a [u8]),
    Stdin(&'a [u8]),
    StdinEof,
    Resize(WinSize),
    Exit(i32),
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ProtocolError {
    #[error("unknown attach message type {0}")]
    UnknownType(u8),
    #[error("attach message of type {kind} has a payload of {len} bytes")]
    BadLength { kind: u8, len: usize },
}

/// Appends the encoding of `frame` to `out`.
pub fn encode(frame: &Frame<'_>, out: &mut Vec<u8>) {
    let (kind, payload): (u8, std::borrow::Cow<'_, [u8]>) = match frame {
        Frame::Stdout(d) => (STDOUT, (*d).into()),
        Frame::Stderr(d) => (STDERR, (*d).into()),
        Frame::Stdin(d) => (STDIN, (*d).into()),
        Frame::StdinEof => (STDIN_EOF, (&[][..]).into()),
        Frame::Resize(s) => {
            let mut p = s.rows.to_le_bytes().to_vec();
            p.extend_from_slice(&s.cols.to_le_bytes());
            (RESIZE, p.into())
        }
        Frame::Exit(code) => (EXIT, code.to_le_bytes().to_vec().into()),
    };
    out.push(kind);
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&payload);
}

/// Decodes the frame at the start of `buf`: `Ok(None)` when it is not complete yet, else the
/// frame and how many bytes it took.
pub fn decode(buf: &[u8]) -> Result<Option<(Frame<'_>, usize)>, ProtocolError> {
    let Some(header) = buf.get(..HEADER) else {
        return Ok(None);
    };
    let kind = header[0];
    let len = u32::from_le_bytes(header[1..5].try_into().expect("4 bytes")) as usize;
    let fixed = match kind {
        STDOUT | STDERR | STDIN => None,
        STDIN_EOF => Some(0),
        RESIZE | EXIT => Some(4),
        k => return Err(ProtocolError::UnknownType(k)),
    };
    if len > MAX_PAYLOAD || fixed.is_some_and(|f| f != len) {
        return Err(ProtocolError::BadLength { kind, len });
    }
    let Some(p) = buf.get(HEADER..HEADER + len) else {
        return Ok(None);
    };
    let frame = match kind {
        STDOUT => Frame::Stdout(p),
        STDERR => Frame::Stderr(p),
        STDIN => Frame::Stdin(p),
        STDIN_EOF => Frame::StdinEof,
        RESIZE => Frame::Resize(WinSize {
            rows: u16::from_le_bytes([p[0], p[1]]),
            cols: u16::from_le_bytes([p[2], p[3]]),
        }),
        _ => Frame::Exit(i32::from_le_bytes(p.try_into().expect("4 bytes"))),
    };
    Ok(Some((frame, HEADER + len)))
}

/// `/proc/self/fd/N/attach` for an `O_PATH` descriptor of the directory: container directories
/// are too deep for the 108 bytes of a socket address.
fn socket_address(dir: BorrowedFd<'_>) -> io::Result<nix::sys::socket::UnixAddr> {
    let path = format!("/proc/self/fd/{}/{SOCKET_NAME}", dir.as_raw_fd());
    nix::sys::socket::UnixAddr::new(Path::new(&path)).map_err(io::Error::from)
}

fn open_dir(dir: &Path) -> io::Result<OwnedFd> {
    use std::os::unix::fs::OpenOptionsExt;
    Ok(std::fs::File::options()
        .read(true)
        .custom_flags(libc::O_PATH | libc::O_DIRECTORY)
        .open(dir)?
        .into())
}

/// Creates the listening socket in `dir` (a stale one from an earlier run is replaced).
pub fn listen(dir: &Path) -> io::Result<OwnedFd> {
    use nix::sys::socket::{AddressFamily, SockFlag, SockType, bind, socket};
    let d = open_dir(dir)?;
    let _ = std::fs::remove_file(dir.join(SOCKET_NAME));
    let sock = socket(
        AddressFamily::Unix,
        SockType::Stream,
        SockFlag::SOCK_CLOEXEC | SockFlag::SOCK_NONBLOCK,
        None,
    )?;
    bind(sock.as_raw_fd(), &socket_address(d.as_fd())?)?;
    nix::sys::socket::listen(&sock, nix::sys::socket::Backlog::new(16).map_err(io::Error::from)?)?;
    Ok(sock)
}

/// Connects to the attach socket of the container whose directory is `dir`.
pub fn connect(dir: &Path) -> io::Result<OwnedFd> {
    use nix::sys::socket::{AddressFamily, SockFlag, SockType, connect, socket};
    let d = open_dir(dir)?;
    let sock = socket(AddressFamily::Unix, SockType::Stream, SockFlag::SOCK_CLOEXEC, None)?;
    connect(sock.as_raw_fd(), &socket_address(d.as_fd())?)?;
    Ok(sock)
}

/// The path of a container's attach socket, given its directory.
pub fn socket_path(dir: &Path) -> PathBuf {
    dir.join(SOCKET_NAME)
}

/// The container's standard streams as its monitor holds them.
pub enum ContainerIo {
    /// Pipes: the read ends of stdout and stderr, and with `-i` the write end of stdin.
    Pipes {
        stdout: OwnedFd,
        stderr: OwnedFd,
        stdin: Option<OwnedFd>,
    },
    /// A terminal's master; with `input`, clients' input goes to it.
    Tty { master: OwnedFd, input: bool },
}

/// A connected client, non-blocking, with what it sent that is not a whole frame yet and what
/// is queued for it.
struct Conn {
    fd: OwnedFd,
    inbuf: Vec<u8>,
    outbuf: Vec<u8>,
}

/// Where clients' input goes, with what is queued for it.
struct Sink {
    fd: Option<OwnedFd>,
    pending: Vec<u8>,
    /// Close once `pending` is written (a client sent end-of-input on a pipe).
    close: bool,
    /// Clients' input is taken (a terminal's master is also here without it: for sizes).
    input: bool,
    tty: bool,
}

fn read_some(fd: RawFd, buf: &mut [u8]) -> io::Result<usize> {
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

/// Writes what the descriptor takes now; returns false on an error other than "full".
fn flush(fd: RawFd, buf: &mut Vec<u8>) -> bool {
    while !buf.is_empty() {
        // SAFETY: writing from a buffer we own; MSG_NOSIGNAL-like safety comes from the
        // monitor ignoring SIGPIPE.
        let n = unsafe { libc::write(fd, buf.as_ptr().cast(), buf.len()) };
        if n < 0 {
            match Errno::last() {
                Errno::EINTR => continue,
                Errno::EAGAIN => return true,
                _ => return false,
            }
        }
        buf.drain(..n as usize);
    }
    true
}

fn set_nonblocking(fd: RawFd) {
    // SAFETY: fcntl flag calls on a descriptor we own.
    unsafe {
        let fl = libc::fcntl(fd, libc::F_GETFL);
        libc::fcntl(fd, libc::F_SETFL, fl | libc::O_NONBLOCK);
    }
}

/// The clients still connected when the container ended, to be told its exit code.
pub struct Clients(Vec<Conn>);

impl Clients {
    /// Sends the exit code to every client (giving each a moment to take its queued output)
    /// and disconnects them.
    pub fn announce_exit(self, code: i32) {
        let deadline = Instant::now() + Duration::from_secs(2);
        let mut conns = self.0;
        for c in &mut conns {
            encode(&Frame::Exit(code), &mut c.outbuf);
        }
        while !conns.is_empty() && Instant::now() < deadline {
            conns.retain_mut(|c| flush(c.fd.as_raw_fd(), &mut c.outbuf) && !c.outbuf.is_empty());
            if conns.is_empty() {
                break;
            }
            let mut fds: Vec<libc::pollfd> = conns
                .iter()
                .map(|c| libc::pollfd {
                    fd: c.fd.as_raw_fd(),
                    events: libc::POLLOUT,
                    revents: 0,
                })
                .collect();
            // SAFETY: poll over a vector of pollfd we own.
            unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, 100) };
        }
    }
}

/// The monitor's loop: copies the container's output to its log and to every client, clients'
/// input and sizes to the container, and accepts new clients, until the container `pid` has
/// exited and its output is drained. Does not reap. Single-threaded: one poll over the output,
/// a pidfd, the listening socket, the input sink, `removed` (readable once the container's
/// directory was removed or moved away: the container is then killed) and the clients.
pub fn serve(
    pid: Pid,
    io: ContainerIo,
    mut log: Option<&mut LogWriter>,
    listener: Option<OwnedFd>,
    first: Option<OwnedFd>,
    mut removed: Option<OwnedFd>,
) -> Result<Clients, Errno> {
    let pidfd = super::pidfd_open(pid).map_err(|_| Errno::last())?;
    let (mut outputs, mut sink): ([Option<OwnedFd>; 2], Sink) = match io {
        ContainerIo::Pipes { stdout, stderr, stdin } => (
            [Some(stdout), Some(stderr)],
            Sink {
                fd: stdin,
                pending: Vec::new(),
                close: false,
                input: true,
                tty: false,
            },
        ),
        ContainerIo::Tty { master, input } => {
            let dup = master
                .try_clone()
                .map_err(|e| Errno::from_raw(e.raw_os_error().unwrap_or(0)))?;
            (
                [Some(master), None],
                Sink {
                    fd: Some(dup),
                    pending: Vec::new(),
                    close: false,
                    input,
                    tty: true,
                },
            )
        }
    };
    if let Some(fd) = &sink.fd {
        set_nonblocking(fd.as_raw_fd());
    }
    let mut conns: Vec<Conn> = Vec::new();
    if let Some(fd) = first {
        set_nonblocking(fd.as_raw_fd());
        conns.push(Conn {
            fd,
            inbuf: Vec::new(),
            outbuf: Vec::new(),
        });
    }
    let mut exited_at: Option<Instant> = None;
    let mut buf = vec![0u8; 32 * 1024];
    let mut frame = Vec::new();
    loop {
        if outputs.iter().all(Option::is_none) && exited_at.is_some() {
            return Ok(Clients(conns));
        }
        let timeout = match exited_at {
            Some(t) => {
                let left = Duration::from_millis(500).saturating_sub(t.elapsed());
                if left.is_zero() {
                    return Ok(Clients(conns));
                }
                left.as_millis() as libc::c_int
            }
            None => -1,
        };
        let pfd = |fd: Option<RawFd>, events: libc::c_short| libc::pollfd {
            fd: fd.unwrap_or(-1),
            events,
            revents: 0,
        };
        let mut fds = vec![
            pfd(outputs[0].as_ref().map(|f| f.as_raw_fd()), libc::POLLIN),
            pfd(outputs[1].as_ref().map(|f| f.as_raw_fd()), libc::POLLIN),
            pfd(exited_at.is_none().then(|| pidfd.as_raw_fd()), libc::POLLIN),
            pfd(listener.as_ref().map(|f| f.as_raw_fd()), libc::POLLIN),
            pfd(
                sink.fd
                    .as_ref()
                    .filter(|_| !sink.pending.is_empty())
                    .map(|f| f.as_raw_fd()),
                libc::POLLOUT,
            ),
            pfd(removed.as_ref().map(|f| f.as_raw_fd()), libc::POLLIN),
        ];
        for c in &conns {
            let events = if c.outbuf.is_empty() {
                libc::POLLIN
            } else {
                libc::POLLIN | libc::POLLOUT
            };
            fds.push(pfd(Some(c.fd.as_raw_fd()), events));
        }
        // SAFETY: poll over a vector of pollfd we own.
        if unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout) } < 0 {
            match Errno::last() {
                Errno::EINTR => continue,
                e => return Err(e),
            }
        }
        // Output: to the log and every client.
        for i in 0..2 {
            if fds[i].revents == 0 {
                continue;
            }
            let Some(fd) = outputs[i].as_ref() else { continue };
            let n = match read_some(fd.as_raw_fd(), &mut buf) {
                // The master shares its non-blocking flag with the input sink's copy.
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                Ok(0) | Err(_) => {
                    // End of a pipe, or EIO on a master whose slaves are all closed.
                    outputs[i] = None;
                    continue;
                }
                Ok(n) => n,
            };
            let data = &buf[..n];
            let stream = if i == 0 { Stream::Stdout } else { Stream::Stderr };
            if let Some(log) = log.as_deref_mut() {
                // A full disk must not stop the container: its output is then lost, not blocked.
                let _ = log.write(stream, data);
            }
            frame.clear();
            encode(
                &if i == 0 {
                    Frame::Stdout(data)
                } else {
                    Frame::Stderr(data)
                },
                &mut frame,
            );
            for c in &mut conns {
                c.outbuf.extend_from_slice(&frame);
            }
        }
        if fds[2].revents != 0 {
            exited_at = Some(Instant::now());
        }
        if fds[5].revents != 0 {
            // Without its record nobody could stop the container: it stops now.
            super::send_signal(&pidfd, libc::SIGKILL);
            removed = None;
        }
        if fds[3].revents != 0
            && let Some(l) = &listener
        {
            loop {
                // SAFETY: accept4 on our listening socket; a non-negative result is a new descriptor.
                let fd = unsafe {
                    libc::accept4(
                        l.as_raw_fd(),
                        std::ptr::null_mut(),
                        std::ptr::null_mut(),
                        libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC,
                    )
                };
                if fd < 0 {
                    break;
                }
                conns.push(Conn {
                    // SAFETY: the descriptor was just created and is ours.
                    fd: unsafe { OwnedFd::from_raw_fd(fd) },
                    inbuf: Vec::new(),
                    outbuf: Vec::new(),
                });
            }
        }
        // Clients: their input and sizes, and their queued output. (Clients accepted just now
        // have no pollfd yet: they are served next round.)
        let polled = fds.len() - 6;
        let mut keep = Vec::with_capacity(conns.len());
        for (i, c) in conns.iter_mut().enumerate() {
            let revents = if i < polled { fds[6 + i].revents } else { 0 };
            let mut alive = c.outbuf.len() <= MAX_QUEUED;
            if alive && revents & libc::POLLOUT != 0 {
                alive = flush(c.fd.as_raw_fd(), &mut c.outbuf);
            }
            if alive && revents & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0 {
                alive = match read_some(c.fd.as_raw_fd(), &mut buf) {
                    Ok(0) => false,
                    Ok(n) => {
                        c.inbuf.extend_from_slice(&buf[..n]);
                        take_input(&mut c.inbuf, &mut sink)
                    }
                    Err(e) => e.kind() == io::ErrorKind::WouldBlock,
                };
            }
            keep.push(alive);
        }
        let mut it = keep.into_iter();
        conns.retain(|_| it.next().unwrap_or(true));
        if let Some(fd) = &sink.fd
            && (fds[4].revents != 0 || !sink.pending.is_empty() || sink.close)
        {
            // Closed on a broken pipe, or once the input that came before end-of-input is in.
            if !flush(fd.as_raw_fd(), &mut sink.pending) || (sink.close && sink.pending.is_empty()) {
                sink.fd = None;
            }
        }
        // Output also goes to clients that are ready right away (no extra poll round).
        for c in &mut conns {
            if !c.outbuf.is_empty() {
                let _ = flush(c.fd.as_raw_fd(), &mut c.outbuf);
            }
        }
    }
}

/// Applies the whole frames a client sent; false when the client broke the protocol.
fn take_input(inbuf: &mut Vec<u8>, sink: &mut Sink) -> bool {
    let mut used = 0;
    loop {
        match decode(&inbuf[used..]) {
            Ok(None) => break,
            Err(_) => return false,
            Ok(Some((frame, n))) => {
                used += n;
                match frame {
                    // Input past the limit is dropped: the container does not read it.
                    Frame::Stdin(data)
                        if sink.input
                            && sink.fd.is_some()
                            && !sink.close
                            && sink.pending.len() + data.len() <= MAX_INPUT =>
                    {
                        sink.pending.extend_from_slice(data);
                    }
                    Frame::StdinEof if sink.input && sink.fd.is_some() => {
                        if sink.tty {
                            // A terminal has no end of input of its own: send its EOF key.
                            sink.pending.push(0x04);
                        } else {
                            sink.close = true;
                        }
                    }
                    Frame::Resize(size) => {
                        if let Some(fd) = &sink.fd
                            && sink.tty
                        {
                            let _ = tty::set_size(fd.as_fd(), size);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    inbuf.drain(..used);
    true
}

/// The client side of the attach socket, as a relay peer.
pub struct AttachClient {
    sock: OwnedFd,
    inbuf: Vec<u8>,
    frame: Vec<u8>,
}

impl AttachClient {
    /// Wraps a connected (blocking) socket.
    pub fn new(sock: OwnedFd) -> AttachClient {
        AttachClient {
            sock,
            inbuf: Vec::new(),
            frame: Vec::new(),
        }
    }

    fn send(&mut self, frame: &Frame<'_>) -> io::Result<()> {
        self.frame.clear();
        encode(frame, &mut self.frame);
        let mut data = &self.frame[..];
        while !data.is_empty() {
            // MSG_NOSIGNAL: a monitor that went away is an error here, not a SIGPIPE that would
            // kill ferry before it restores the terminal.
            // SAFETY: sending from a buffer we own on our socket.
            let n = unsafe {
                libc::send(
                    self.sock.as_raw_fd(),
                    data.as_ptr().cast(),
                    data.len(),
                    libc::MSG_NOSIGNAL,
                )
            };
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
}

impl RelayPeer for AttachClient {
    fn output_fd(&self) -> BorrowedFd<'_> {
        self.sock.as_fd()
    }

    fn read_output(&mut self, out: &mut dyn FnMut(OutStream, &[u8])) -> io::Result<PeerStatus> {
        let mut buf = [0u8; 32 * 1024];
        let n = read_some(self.sock.as_raw_fd(), &mut buf)?;
        if n == 0 {
            return Ok(PeerStatus::Closed);
        }
        self.inbuf.extend_from_slice(&buf[..n]);
        let mut used = 0;
        let mut status = PeerStatus::Open;
        while let Some((frame, len)) = decode(&self.inbuf[used..]).map_err(io::Error::other)? {
            used += len;
            match frame {
                Frame::Stdout(d) => out(OutStream::Stdout, d),
                Frame::Stderr(d) => out(OutStream::Stderr, d),
                Frame::Exit(code) => status = PeerStatus::Exited(code),
                _ => {}
            }
        }
        self.inbuf.drain(..used);
        Ok(status)
    }

    fn write_input(&mut self, data: &[u8]) -> io::Result<()> {
        for chunk in data.chunks(MAX_PAYLOAD) {
            self.send(&Frame::Stdin(chunk))?;
        }
        Ok(())
    }

    fn close_input(&mut self) -> io::Result<()> {
        self.send(&Frame::StdinEof)
    }

    fn resize(&mut self, size: WinSize) -> io::Result<()> {
        self.send(&Frame::Resize(size))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip() {
        let frames = [
            Frame::Stdout(b"hello"),
            Frame::Stderr(b""),
            Frame::Stdin(b"\x03\x10"),
            Frame::StdinEof,
            Frame::Resize(WinSize { rows: 40, cols: 150 }),
            Frame::Exit(-1),
            Frame::Exit(137),
        ];
        let mut buf = Vec::new();
        for f in &frames {
            encode(f, &mut buf);
        }
        let mut at = 0;
        for f in &frames {
            let (got, n) = decode(&buf[at..]).unwrap().unwrap();
            assert_eq!(&got, f);
            at += n;
        }
        assert_eq!(at, buf.len());
        // Every strict prefix of a frame is incomplete, not an error.
        let mut one = Vec::new();
        encode(&Frame::Stdout(b"abcdef"), &mut one);
        for i in 0..one.len() {
            assert_eq!(decode(&one[..i]), Ok(None));
        }
    }

    #[test]
    fn rejects_hostile_frames() {
        assert_eq!(decode(b"\x09\0\0\0\0"), Err(ProtocolError::UnknownType(9)));
        assert_eq!(decode(b"\0\0\0\0\0"), Err(ProtocolError::UnknownType(0)));
        assert_eq!(
            decode(b"\x01\xff\xff\xff\xff"),
            Err(ProtocolError::BadLength {
                kind: 1,
                len: u32::MAX as usize
            })
        );
        assert!(decode(b"\x05\x03\0\0\0abc").is_err());
        assert!(decode(b"\x06\x05\0\0\0abcde").is_err());
        assert!(decode(b"\x04\x01\0\0\0a").is_err());
        // A maximal announced length is merely incomplete.
        let mut big = vec![STDIN];
        big.extend_from_slice(&(MAX_PAYLOAD as u32).to_le_bytes());
        assert_eq!(decode(&big), Ok(None));
    }

    #[test]
    fn input_goes_to_the_sink_until_eof() {
        let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).unwrap();
        let mut sink = Sink {
            fd: Some(w),
            pending: Vec::new(),
            close: false,
            input: true,
            tty: false,
        };
        let mut inbuf = Vec::new();
        encode(&Frame::Stdin(b"ab"), &mut inbuf);
        encode(&Frame::Stdin(b"c"), &mut inbuf);
        encode(&Frame::StdinEof, &mut inbuf);
        encode(&Frame::Stdin(b"late"), &mut inbuf);
        inbuf.extend_from_slice(&[STDIN, 9, 0]);
        assert!(take_input(&mut inbuf, &mut sink));
        assert_eq!(sink.pending, b"abc");
        assert!(sink.close);
        assert_eq!(inbuf, [STDIN, 9, 0]);
        assert!(flush(sink.fd.as_ref().unwrap().as_raw_fd(), &mut sink.pending));
        drop(sink);
        let mut got = String::new();
        std::io::Read::read_to_string(&mut std::fs::File::from(r), &mut got).unwrap();
        assert_eq!(got, "abc");
        let mut junk = vec![0xEE, 0, 0, 0, 0];
        let mut sink = Sink {
            fd: None,
            pending: Vec::new(),
            close: false,
            input: true,
            tty: false,
        };
        assert!(!take_input(&mut junk, &mut sink));
    }
}
