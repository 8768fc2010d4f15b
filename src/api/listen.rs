//! Where the service listens: a UNIX socket it creates (with its final mode from the start and
//! never through a symlink), a TCP address when asked explicitly, or sockets inherited by socket
//! activation (`LISTEN_FDS`, as systemd and other activators pass them).

use std::io;
use std::net::TcpListener;
use std::os::fd::{AsFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};

use nix::sys::socket::{AddressFamily, SockaddrLike, SockaddrStorage, getsockname, getsockopt, sockopt};

use crate::api::conn::Conn;

/// The first inherited descriptor (`SD_LISTEN_FDS_START`).
const LISTEN_FDS_START: RawFd = 3;
/// More inherited sockets than this is a broken activator, not a configuration.
const MAX_LISTEN_FDS: usize = 64;

#[derive(Debug, thiserror::Error)]
pub enum ListenError {
    #[error("unsupported service URI {0:?}: use unix:///PATH or tcp://HOST:PORT")]
    BadUri(String),
    #[error("{0}: refusing to replace a symlink with the API socket")]
    Symlink(PathBuf),
    #[error("{0} exists and is not a socket")]
    NotASocket(PathBuf),
    #[error("{0}: another service is listening on this socket")]
    InUse(PathBuf),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("listening on {addr}: {source}")]
    Tcp { addr: String, source: io::Error },
    #[error("socket activation: {0}")]
    Activation(String),
}

fn io_at(path: &Path) -> impl FnOnce(io::Error) -> ListenError + '_ {
    move |source| ListenError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A service URI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    Unix(PathBuf),
    Tcp(String),
}

impl Endpoint {
    pub fn parse(uri: &str) -> Result<Endpoint, ListenError> {
        let bad = || ListenError::BadUri(uri.to_string());
        if let Some(path) = uri.strip_prefix("unix://") {
            if !path.starts_with('/') || path.contains('\0') {
                return Err(bad());
            }
            return Ok(Endpoint::Unix(PathBuf::from(path)));
        }
        if let Some(addr) = uri.strip_prefix("tcp://") {
            let addr = addr.trim_end_matches('/');
            // HOST:PORT with a numeric port (`[::1]:80` for IPv6); an empty host is every address.
            let (host, port) = addr.rsplit_once(':').ok_or_else(bad)?;
            if port.is_empty() || port.parse::<u16>().is_err() || host.contains('/') {
                return Err(bad());
            }
            let host = if host.is_empty() { "0.0.0.0" } else { host };
            return Ok(Endpoint::Tcp(format!("{host}:{port}")));
        }
        Err(bad())
    }
}

/// A listening socket and the URI clients reach it by.
#[derive(Debug)]
pub struct Listener {
    socket: Socket,
    uri: String,
}

#[derive(Debug)]
enum Socket {
    Unix(UnixListener),
    Tcp(TcpListener),
}

impl Listener {
    fn new(socket: Socket) -> io::Result<Listener> {
        let uri = match &socket {
            Socket::Unix(l) => match l.local_addr()?.as_pathname() {
                Some(p) => format!("unix://{}", p.display()),
                None => "unix socket".to_string(),
            },
            Socket::Tcp(l) => format!("tcp://{}", l.local_addr()?),
        };
        match &socket {
            Socket::Unix(l) => l.set_nonblocking(true)?,
            Socket::Tcp(l) => l.set_nonblocking(true)?,
        }
        Ok(Listener { socket, uri })
    }

    /// Accepts one connection (the listener is non-blocking: `WouldBlock` when none is waiting).
    pub fn accept(&self) -> io::Result<Conn> {
        let conn = match &self.socket {
            Socket::Unix(l) => Conn::Unix(l.accept()?.0),
            Socket::Tcp(l) => Conn::Tcp(l.accept()?.0),
        };
        match &conn {
            Conn::Unix(s) => s.set_nonblocking(false)?,
            Conn::Tcp(s) => s.set_nonblocking(false)?,
        }
        Ok(conn)
    }

    /// The URI a client uses: `unix:///run/ferry/ferry.sock`, `tcp://127.0.0.1:2375`.
    pub fn uri(&self) -> &str {
        &self.uri
    }
}

impl AsFd for Listener {
    fn as_fd(&self) -> BorrowedFd<'_> {
        match &self.socket {
            Socket::Unix(l) => l.as_fd(),
            Socket::Tcp(l) => l.as_fd(),
        }
    }
}

/// How to create a UNIX socket.
#[derive(Debug, Clone, Copy)]
pub struct SocketOptions {
    /// The socket's permission bits (0600 rootless, 0660 root).
    pub mode: u32,
    /// The group owning the socket (root's `--group`).
    pub gid: Option<u32>,
}

/// The socket file this service created, so that it removes only its own on exit.
#[derive(Debug)]
pub struct CreatedSocket {
    pub path: PathBuf,
    dev: u64,
    ino: u64,
}

impl CreatedSocket {
    /// Removes the socket unless something else has replaced it meanwhile.
    pub fn remove(&self) {
        if let Ok(meta) = std::fs::symlink_metadata(&self.path)
            && meta.dev() == self.dev
            && meta.ino() == self.ino
        {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Creates the socket at `path`: bound inside a fresh private directory next to it, given its
/// mode and group there, then renamed into place, so that it never exists at `path` with other
/// permissions. A symlink, a non-socket or a live socket at `path` is refused; a stale socket
/// (left by a killed service) is replaced.
pub fn bind_unix(path: &Path, opts: SocketOptions) -> Result<(Listener, CreatedSocket), ListenError> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .ok_or_else(|| ListenError::BadUri(format!("unix://{}", path.display())))?;
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_at(path)(e)),
        Ok(meta) if meta.file_type().is_symlink() => return Err(ListenError::Symlink(path.to_path_buf())),
        Ok(meta) if !std::os::unix::fs::FileTypeExt::is_socket(&meta.file_type()) => {
            return Err(ListenError::NotASocket(path.to_path_buf()));
        }
        Ok(_) => match std::os::unix::net::UnixStream::connect(path) {
            Ok(_) => return Err(ListenError::InUse(path.to_path_buf())),
            Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {}
            Err(e) => return Err(io_at(path)(e)),
        },
    }
    let private = nix::unistd::mkdtemp(&parent.join(".fXXXXXX")).map_err(|e| io_at(parent)(io::Error::from(e)))?;
    let result = bind_in(&private, path, opts);
    let _ = std::fs::remove_dir(&private);
    result
}

fn bind_in(private: &Path, path: &Path, opts: SocketOptions) -> Result<(Listener, CreatedSocket), ListenError> {
    let tmp = private.join("s");
    let listener = UnixListener::bind(&tmp).map_err(io_at(path))?;
    let cleanup = |e: ListenError| {
        let _ = std::fs::remove_file(&tmp);
        e
    };
    // The private directory is ours and 0700: nobody can reach the socket before the rename.
    std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(opts.mode))
        .map_err(io_at(&tmp))
        .map_err(cleanup)?;
    if let Some(gid) = opts.gid {
        std::os::unix::fs::chown(&tmp, None, Some(gid))
            .map_err(io_at(&tmp))
            .map_err(cleanup)?;
    }
    // rename(2) replaces a symlink that appeared meanwhile instead of following it.
    std::fs::rename(&tmp, path).map_err(io_at(path)).map_err(cleanup)?;
    let meta = std::fs::symlink_metadata(path).map_err(io_at(path))?;
    let mut listener = Listener::new(Socket::Unix(listener)).map_err(io_at(path))?;
    // Bound under the private directory's name; clients use the final one.
    listener.uri = format!("unix://{}", path.display());
    Ok((
        listener,
        CreatedSocket {
            path: path.to_path_buf(),
            dev: meta.dev(),
            ino: meta.ino(),
        },
    ))
}

pub fn bind_tcp(addr: &str) -> Result<Listener, ListenError> {
    let tcp = |source| ListenError::Tcp {
        addr: addr.to_string(),
        source,
    };
    Listener::new(Socket::Tcp(TcpListener::bind(addr).map_err(tcp)?)).map_err(tcp)
}

/// What the activator's environment says was passed: descriptor numbers and their names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activation {
    pub fds: Vec<RawFd>,
    pub names: Vec<String>,
}

/// Reads the socket-activation variables as sd_listen_fds(3) defines them: `LISTEN_PID` must
/// name this process (else the variables were meant for a parent), `LISTEN_FDS` counts the
/// descriptors from 3 on, `LISTEN_FDNAMES` optionally names them (`:`-separated).
pub fn parse_activation(
    listen_pid: Option<&str>,
    listen_fds: Option<&str>,
    names: Option<&str>,
    own_pid: u32,
) -> Result<Option<Activation>, ListenError> {
    let (Some(pid), Some(count)) = (listen_pid, listen_fds) else {
        return Ok(None);
    };
    if pid.trim().parse::<u32>().ok() != Some(own_pid) {
        return Ok(None);
    }
    let count: usize = count
        .trim()
        .parse()
        .map_err(|_| ListenError::Activation(format!("LISTEN_FDS={count:?} is not a number")))?;
    if count == 0 {
        return Ok(None);
    }
    if count > MAX_LISTEN_FDS {
        return Err(ListenError::Activation(format!(
            "LISTEN_FDS={count}: more than {MAX_LISTEN_FDS} sockets"
        )));
    }
    let fds = (0..count).map(|i| LISTEN_FDS_START + i as RawFd).collect();
    let names = match names {
        Some(n) if n.split(':').count() == count => n.split(':').map(String::from).collect(),
        _ => Vec::new(),
    };
    Ok(Some(Activation { fds, names }))
}

/// Takes the inherited listening sockets when this process was socket-activated, and removes
/// the variables so that processes the service starts do not see them. Call before starting
/// any thread.
pub fn activated() -> Result<Option<Vec<Listener>>, ListenError> {
    let var = |k| std::env::var(k).ok();
    let Some(activation) = parse_activation(
        var("LISTEN_PID").as_deref(),
        var("LISTEN_FDS").as_deref(),
        var("LISTEN_FDNAMES").as_deref(),
        std::process::id(),
    )?
    else {
        return Ok(None);
    };
    for k in ["LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"] {
        // SAFETY: the service calls this before it starts any thread, so nothing reads the
        // environment concurrently.
        unsafe { std::env::remove_var(k) };
    }
    let mut listeners = Vec::new();
    for fd in activation.fds {
        listeners.push(inherited(fd)?);
    }
    Ok(Some(listeners))
}

/// Checks that `fd` is a listening stream socket and takes ownership of it.
fn inherited(fd: RawFd) -> Result<Listener, ListenError> {
    let err = |what: String| ListenError::Activation(format!("descriptor {fd}: {what}"));
    // SAFETY: only borrowed for the checks below; fstat fails cleanly on a closed descriptor.
    let borrowed = unsafe { BorrowedFd::borrow_raw(fd) };
    let stat = nix::sys::stat::fstat(borrowed).map_err(|e| err(format!("not open: {e}")))?;
    if stat.st_mode & libc::S_IFMT != libc::S_IFSOCK {
        return Err(err("not a socket".into()));
    }
    match getsockopt(&borrowed, sockopt::SockType) {
        Ok(nix::sys::socket::SockType::Stream) => {}
        _ => return Err(err("not a stream socket".into())),
    }
    if !getsockopt(&borrowed, sockopt::AcceptConn).unwrap_or(false) {
        return Err(err("not a listening socket".into()));
    }
    let family = getsockname::<SockaddrStorage>(fd)
        .ok()
        .and_then(|a| a.family())
        .ok_or_else(|| err("no address".into()))?;
    nix::fcntl::fcntl(borrowed, nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::FD_CLOEXEC))
        .map_err(|e| err(format!("setting close-on-exec: {e}")))?;
    // SAFETY: the activator passed this descriptor to this process (LISTEN_PID matched), it is an
    // open listening socket, and it is taken exactly once (the variables are removed).
    let owned = unsafe { OwnedFd::from_raw_fd(fd) };
    let socket = match family {
        AddressFamily::Unix => Socket::Unix(UnixListener::from(owned)),
        AddressFamily::Inet | AddressFamily::Inet6 => Socket::Tcp(TcpListener::from(owned)),
        other => return Err(err(format!("unsupported address family {other:?}"))),
    };
    Listener::new(socket).map_err(|e| err(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_uris() {
        assert_eq!(
            Endpoint::parse("unix:///run/ferry/ferry.sock").unwrap(),
            Endpoint::Unix("/run/ferry/ferry.sock".into())
        );
        assert_eq!(
            Endpoint::parse("tcp://127.0.0.1:2375").unwrap(),
            Endpoint::Tcp("127.0.0.1:2375".into())
        );
        assert_eq!(
            Endpoint::parse("tcp://:2375").unwrap(),
            Endpoint::Tcp("0.0.0.0:2375".into())
        );
        assert_eq!(
            Endpoint::parse("tcp://[::1]:80/").unwrap(),
            Endpoint::Tcp("[::1]:80".into())
        );
        for bad in [
            "unix://relative.sock",
            "unix://",
            "/run/x.sock",
            "http://localhost:80",
            "tcp://localhost",
            "tcp://localhost:http",
            "tcp://localhost:99999",
            "fd://",
        ] {
            assert!(Endpoint::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn activation_variables() {
        let me = 4242;
        assert_eq!(parse_activation(None, Some("1"), None, me).unwrap(), None);
        assert_eq!(
            parse_activation(Some("1"), Some("1"), None, me).unwrap(),
            None,
            "another process's"
        );
        assert_eq!(parse_activation(Some("4242"), Some("0"), None, me).unwrap(), None);
        let a = parse_activation(Some("4242"), Some("2"), Some("api:other"), me)
            .unwrap()
            .unwrap();
        assert_eq!(a.fds, [3, 4]);
        assert_eq!(a.names, ["api", "other"]);
        let a = parse_activation(Some("4242"), Some("1"), Some("a:b"), me)
            .unwrap()
            .unwrap();
        assert!(a.names.is_empty(), "names that do not match the count are ignored");
        assert!(parse_activation(Some("4242"), Some("x"), None, me).is_err());
        assert!(parse_activation(Some("4242"), Some("-1"), None, me).is_err());
        assert!(parse_activation(Some("4242"), Some("100000"), None, me).is_err());
    }

    fn tempdir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ferry-listen-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn socket_gets_its_mode_and_refuses_symlinks() {
        let dir = tempdir("mode");
        let path = dir.join("api.sock");
        let (listener, created) = bind_unix(&path, SocketOptions { mode: 0o600, gid: None }).unwrap();
        let meta = std::fs::symlink_metadata(&path).unwrap();
        assert_eq!(meta.mode() & 0o777, 0o600);
        assert!(std::os::unix::fs::FileTypeExt::is_socket(&meta.file_type()));
        assert_eq!(listener.uri(), format!("unix://{}", path.display()));
        // The private directory is gone.
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["api.sock"]);
        // A live socket is not taken over.
        assert!(matches!(
            bind_unix(&path, SocketOptions { mode: 0o600, gid: None }),
            Err(ListenError::InUse(_))
        ));
        drop(listener);
        // A stale one is replaced.
        let (_l, again) = bind_unix(&path, SocketOptions { mode: 0o660, gid: None }).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().mode() & 0o777, 0o660);
        created.remove();
        assert!(
            path.exists(),
            "the first service's record does not remove the second's socket"
        );
        again.remove();
        assert!(!path.exists());

        let target = dir.join("target");
        std::fs::write(&target, "keep").unwrap();
        let link = dir.join("link.sock");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(matches!(
            bind_unix(&link, SocketOptions { mode: 0o600, gid: None }),
            Err(ListenError::Symlink(_))
        ));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
        assert!(matches!(
            bind_unix(&target, SocketOptions { mode: 0o600, gid: None }),
            Err(ListenError::NotASocket(_))
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
