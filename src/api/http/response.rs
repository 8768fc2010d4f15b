//! Responses: a complete body, a stream written while the handler's work goes on (chunked on
//! HTTP/1.1), or a hijacked connection for attach and exec.

use std::io::{self, Read, Write};
use std::net::Shutdown;

use serde::Serialize;

use super::chunked::ChunkedEncoder;
use crate::api::conn::Conn;
use crate::api::error::ApiError;

/// Docker's content type of a raw (TTY) attach or exec stream.
pub const RAW_STREAM: &str = "application/vnd.docker.raw-stream";
/// Docker's content type of a stream of stdout/stderr frames (see `api::mux`), API 1.42 and later.
pub const MULTIPLEXED_STREAM: &str = "application/vnd.docker.multiplexed-stream";

/// Writes a streamed body; runs after the status and headers were sent.
pub type StreamFn = Box<dyn FnOnce(&mut StreamWriter<'_>) -> io::Result<()>>;
/// Takes over the connection after the switch was announced.
pub type HijackFn = Box<dyn FnOnce(Hijacked)>;

pub enum ResponseBody {
    Empty,
    Bytes(Vec<u8>),
    Stream(StreamFn),
    Hijack(HijackFn),
}

/// What a handler answers.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: ResponseBody,
}

impl Response {
    /// `status` with `value` as JSON (and Go's trailing newline).
    pub fn json<T: Serialize + ?Sized>(status: u16, value: &T) -> Response {
        match serde_json::to_vec(value) {
            Ok(mut body) => {
                body.push(b'\n');
                Response::bytes(status, "application/json", body)
            }
            Err(e) => Response::error(&ApiError::internal(format!("encoding the response: {e}"))),
        }
    }

    pub fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: ResponseBody::Bytes(body),
        }
    }

    /// A status without a body (204 No Content, 304 Not Modified, 201 Created without one).
    pub fn empty(status: u16) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body: ResponseBody::Empty,
        }
    }

    /// The `{"message": ...}` body of an error.
    pub fn error(err: &ApiError) -> Response {
        Response::bytes(err.status, "application/json", err.body())
    }

    /// A body produced by `write` after the head is sent: progress, logs, events, stats, tar
    /// exports. Each `write` reaches the client at once. Returning an error cuts the body off
    /// (the client sees an incomplete response), as a daemon does when a stream fails midway.
    pub fn stream(
        status: u16,
        content_type: &str,
        write: impl FnOnce(&mut StreamWriter<'_>) -> io::Result<()> + 'static,
    ) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: ResponseBody::Stream(Box::new(write)),
        }
    }

    /// Takes the connection over, as attach and exec start do: the client is sent
    /// `101 UPGRADED` (`Upgrade: tcp` requests) or `200 OK` (older clients' plain hijack) with
    /// `content_type`, then `run` owns the raw socket in both directions until it returns.
    pub fn hijack(content_type: &str, run: impl FnOnce(Hijacked) + 'static) -> Response {
        Response {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: ResponseBody::Hijack(Box::new(run)),
        }
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> Response {
        self.headers.push((name.into(), value.into()));
        self
    }
}

pub fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        101 => "UPGRADED",
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

/// Serialises a status line and headers.
pub fn head_bytes(status: u16, headers: &[(String, String)]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        // Values come from handlers: a CR or LF would split the response.
        let value: String = value.chars().filter(|c| *c != '\r' && *c != '\n').collect();
        out.push_str(name);
        out.push_str(": ");
        out.push_str(&value);
        out.push_str("\r\n");
    }
    out.push_str("\r\n");
    out.into_bytes()
}

/// Where a streamed body goes: chunks on HTTP/1.1, raw bytes until close on HTTP/1.0.
pub struct StreamWriter<'a> {
    out: StreamOut<'a>,
}

enum StreamOut<'a> {
    Chunked(ChunkedEncoder<&'a mut Conn>),
    Raw(&'a mut Conn),
}

impl<'a> StreamWriter<'a> {
    pub(crate) fn new(conn: &'a mut Conn, chunked: bool) -> StreamWriter<'a> {
        StreamWriter {
            out: if chunked {
                StreamOut::Chunked(ChunkedEncoder::new(conn))
            } else {
                StreamOut::Raw(conn)
            },
        }
    }

    /// True when the client has closed the connection: a stream waiting for something to send
    /// (a followed log, events) checks it between waits and returns, so that no thread stays
    /// behind for a client that left.
    pub fn client_gone(&self) -> bool {
        match &self.out {
            StreamOut::Chunked(c) => c.get_ref().peer_closed(),
            StreamOut::Raw(c) => c.peer_closed(),
        }
    }

    pub(crate) fn finish(self) -> io::Result<()> {
        match self.out {
            StreamOut::Chunked(c) => c.finish().map(drop),
            StreamOut::Raw(_) => Ok(()),
        }
    }
}

impl Write for StreamWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.out {
            StreamOut::Chunked(c) => c.write(buf),
            StreamOut::Raw(c) => c.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A connection taken over by a handler: what the client sends (including bytes it sent right
/// after the request head) and a socket to write the container's output to.
pub struct Hijacked {
    conn: Conn,
    pending: Vec<u8>,
    /// Whether the client asked for `Upgrade: tcp` (and got `101`), or was sent `200` as
    /// Docker does for clients that hijack without asking.
    pub upgraded: bool,
}

impl Hijacked {
    pub(crate) fn new(conn: Conn, pending: Vec<u8>, upgraded: bool) -> Hijacked {
        Hijacked {
            conn,
            pending,
            upgraded,
        }
    }

    /// A second handle on the socket for writing while another thread reads (stdin and output
    /// copied at once).
    pub fn writer(&self) -> io::Result<Conn> {
        self.conn.try_clone()
    }

    /// Ends the output direction: the client sees end of stream but may still send input.
    pub fn close_write(&self) -> io::Result<()> {
        self.conn.shutdown(Shutdown::Write)
    }
}

impl Read for Hijacked {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if !self.pending.is_empty() {
            let n = self.pending.len().min(out.len());
            out[..n].copy_from_slice(&self.pending[..n]);
            self.pending.drain(..n);
            return Ok(n);
        }
        self.conn.read(out)
    }
}

impl Write for Hijacked {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.conn.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values_cannot_split_the_response() {
        let head = head_bytes(200, &[("X-Name".into(), "a\r\nSet-Cookie: x".into())]);
        let text = String::from_utf8(head).unwrap();
        assert_eq!(text, "HTTP/1.1 200 OK\r\nX-Name: aSet-Cookie: x\r\n\r\n");
    }

    #[test]
    fn json_has_go_newline() {
        let r = Response::json(200, &serde_json::json!({"a": 1}));
        match r.body {
            ResponseBody::Bytes(b) => assert_eq!(b, b"{\"a\":1}\n"),
            _ => panic!("bytes body"),
        }
    }
}
