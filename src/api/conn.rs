//! One client connection, over a UNIX or TCP socket, and the buffered reader the HTTP layer reads
//! requests through (whatever it read past a request belongs to the next one, or to a hijacked
//! stream).

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd};
use std::os::unix::net::UnixStream;
use std::time::Duration;

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::socket::{MsgFlags, send};

/// A connected client socket.
#[derive(Debug)]
pub enum Conn {
    Unix(UnixStream),
    Tcp(TcpStream),
}

impl Conn {
    pub fn try_clone(&self) -> io::Result<Conn> {
        Ok(match self {
            Conn::Unix(s) => Conn::Unix(s.try_clone()?),
            Conn::Tcp(s) => Conn::Tcp(s.try_clone()?),
        })
    }

    /// How long one read may wait (`None`: forever). Shared by every clone of the socket.
    pub fn set_read_timeout(&self, timeout: Option<Duration>) -> io::Result<()> {
        match self {
            Conn::Unix(s) => s.set_read_timeout(timeout),
            Conn::Tcp(s) => s.set_read_timeout(timeout),
        }
    }

    /// How long one write may wait for a client that does not read (`None`: forever).
    pub fn set_write_timeout(&self, timeout: Option<Duration>) -> io::Result<()> {
        match self {
            Conn::Unix(s) => s.set_write_timeout(timeout),
            Conn::Tcp(s) => s.set_write_timeout(timeout),
        }
    }

    pub fn shutdown(&self, how: Shutdown) -> io::Result<()> {
        match self {
            Conn::Unix(s) => s.shutdown(how),
            Conn::Tcp(s) => s.shutdown(how),
        }
    }

    /// True when the client has closed its end (or the connection failed): a stream that only
    /// writes (logs, events, progress) checks this while it waits for something to send.
    pub fn peer_closed(&self) -> bool {
        let mut fds = [PollFd::new(
            self.as_fd(),
            PollFlags::from_bits_retain(libc::POLLRDHUP) | PollFlags::POLLHUP | PollFlags::POLLERR,
        )];
        match poll(&mut fds, PollTimeout::ZERO) {
            Ok(n) if n > 0 => fds[0].revents().is_some_and(|r| !r.is_empty()),
            _ => false,
        }
    }
}

impl AsFd for Conn {
    fn as_fd(&self) -> BorrowedFd<'_> {
        match self {
            Conn::Unix(s) => s.as_fd(),
            Conn::Tcp(s) => s.as_fd(),
        }
    }
}

impl Read for Conn {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Conn::Unix(s) => s.read(buf),
            Conn::Tcp(s) => s.read(buf),
        }
    }
}

impl Write for Conn {
    /// MSG_NOSIGNAL: a client that went away is an EPIPE error for this connection, never a
    /// SIGPIPE for the whole service (ferry restores SIGPIPE's default action at start).
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        send(self.as_fd().as_raw_fd(), buf, MsgFlags::MSG_NOSIGNAL).map_err(io::Error::from)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Size of one read from the socket.
const READ_CHUNK: usize = 16 * 1024;

/// The connection with the bytes read from it but not consumed yet.
#[derive(Debug)]
pub struct ConnReader {
    conn: Conn,
    buf: Vec<u8>,
    pos: usize,
}

impl ConnReader {
    pub fn new(conn: Conn) -> ConnReader {
        ConnReader {
            conn,
            buf: Vec::new(),
            pos: 0,
        }
    }

    pub fn conn(&self) -> &Conn {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Conn {
        &mut self.conn
    }

    /// Bytes read from the socket and not consumed yet.
    pub fn buffered(&self) -> &[u8] {
        &self.buf[self.pos..]
    }

    pub fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.buf.len());
        if self.pos == self.buf.len() {
            self.buf.clear();
            self.pos = 0;
        }
    }

    /// Reads once more from the socket, appending to the buffer; 0 at end of stream.
    pub fn fill_more(&mut self) -> io::Result<usize> {
        if self.pos > 0 {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        let old = self.buf.len();
        self.buf.resize(old + READ_CHUNK, 0);
        let result = self.conn.read(&mut self.buf[old..]);
        let n = *result.as_ref().unwrap_or(&0);
        self.buf.truncate(old + n);
        result
    }

    /// The socket and the bytes already read from it, for a hijacked stream.
    pub fn into_parts(mut self) -> (Conn, Vec<u8>) {
        let rest = self.buf.split_off(self.pos);
        (self.conn, rest)
    }
}

impl Read for ConnReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.buffered().is_empty() {
            if out.len() >= READ_CHUNK {
                return self.conn.read(out);
            }
            if self.fill_more()? == 0 {
                return Ok(0);
            }
        }
        let n = self.buffered().len().min(out.len());
        out[..n].copy_from_slice(&self.buffered()[..n]);
        self.consume(n);
        Ok(n)
    }
}
