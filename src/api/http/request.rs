//! Requests: the head parsed by httparse within strict limits, the body's framing decided once
//! (Content-Length or chunked, never both), the query string and the body reader handlers get.

use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;

use super::chunked::ChunkedDecoder;
use crate::api::conn::ConnReader;
use crate::api::error::ApiError;
use crate::api::version::ApiVersion;

/// Limits on what one request may send; see `server::Limits` for the values used.
#[derive(Debug, Clone, Copy)]
pub struct HeadLimits {
    /// Request line and headers together, in bytes.
    pub max_head: usize,
    pub max_headers: usize,
    /// From the request's first byte to the end of its head.
    pub head_timeout: Duration,
}

/// Why a request head was refused. Each has the status the client is told before the
/// connection is closed.
#[derive(Debug, thiserror::Error)]
pub enum HeadError {
    #[error("request headers larger than {0} bytes")]
    TooLarge(usize),
    #[error("more than {0} request headers")]
    TooManyHeaders(usize),
    #[error("malformed request: {0}")]
    Malformed(String),
    #[error("request target must be a path beginning with \"/\"")]
    NotOriginForm,
    #[error("missing required Host header")]
    MissingHost,
    #[error("request has both Content-Length and Transfer-Encoding")]
    LengthAndChunked,
    #[error("invalid Content-Length {0:?}")]
    BadContentLength(String),
    #[error("unsupported Transfer-Encoding {0:?}: only chunked is accepted")]
    UnsupportedTransferEncoding(String),
    #[error("Transfer-Encoding is not allowed in an HTTP/1.0 request")]
    TransferEncodingHttp10,
    #[error("timed out reading the request headers")]
    Timeout,
    #[error("connection closed inside the request headers")]
    Closed,
    #[error("reading the request: {0}")]
    Io(#[from] io::Error),
}

impl HeadError {
    /// The status to answer with, or `None` when the client is gone and nothing can be sent.
    pub fn status(&self) -> Option<u16> {
        match self {
            HeadError::TooLarge(_) | HeadError::TooManyHeaders(_) => Some(431),
            HeadError::Malformed(_)
            | HeadError::NotOriginForm
            | HeadError::MissingHost
            | HeadError::LengthAndChunked
            | HeadError::BadContentLength(_)
            | HeadError::TransferEncodingHttp10 => Some(400),
            HeadError::UnsupportedTransferEncoding(_) => Some(501),
            HeadError::Timeout => Some(408),
            HeadError::Closed | HeadError::Io(_) => None,
        }
    }
}

/// Request headers in arrival order; names compare case-insensitively.
#[derive(Debug, Clone, Default)]
pub struct Headers(Vec<(String, Vec<u8>)>);

impl Headers {
    /// The first value of `name`, when it is UTF-8.
    pub fn get<'a>(&'a self, name: &'a str) -> Option<&'a str> {
        self.get_all(name).next().and_then(|v| std::str::from_utf8(v).ok())
    }

    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.0
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_slice())
    }

    /// Whether any value of `name` lists `token` (comma-separated, any case): `Connection: close`.
    pub fn has_token(&self, name: &str, token: &str) -> bool {
        self.get_all(name).any(|v| {
            v.split(|b| *b == b',')
                .any(|t| t.trim_ascii().eq_ignore_ascii_case(token.as_bytes()))
        })
    }
}

/// The parsed request line and headers.
#[derive(Debug, Clone)]
pub struct Head {
    pub method: String,
    /// The request target as sent: path and query, still percent-encoded.
    pub target: String,
    pub http10: bool,
    pub headers: Headers,
}

impl Head {
    /// Whether the connection may carry another request after this one.
    pub fn keep_alive(&self) -> bool {
        if self.http10 {
            self.headers.has_token("connection", "keep-alive")
        } else {
            !self.headers.has_token("connection", "close")
        }
    }

    /// The path part of the target (before `?`).
    pub fn path(&self) -> &str {
        self.target.split_once('?').map_or(&self.target, |(p, _)| p)
    }

    pub fn query_string(&self) -> &str {
        self.target.split_once('?').map_or("", |(_, q)| q)
    }
}

/// How the request's body is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    None,
    Length(u64),
    Chunked,
}

/// Decides the body framing. Both headers at once, several differing lengths, a length that is
/// not plain digits or a coding other than `chunked` are refused: these are exactly the
/// ambiguities request smuggling relies on.
pub fn framing(head: &Head) -> Result<Framing, HeadError> {
    let te: Vec<&[u8]> = head.headers.get_all("transfer-encoding").collect();
    let cl: Vec<&[u8]> = head.headers.get_all("content-length").collect();
    if !te.is_empty() {
        if head.http10 {
            return Err(HeadError::TransferEncodingHttp10);
        }
        if !cl.is_empty() {
            return Err(HeadError::LengthAndChunked);
        }
        let joined = te
            .iter()
            .map(|v| String::from_utf8_lossy(v).into_owned())
            .collect::<Vec<_>>()
            .join(", ");
        if te.len() != 1 || !te[0].trim_ascii().eq_ignore_ascii_case(b"chunked") {
            return Err(HeadError::UnsupportedTransferEncoding(joined));
        }
        return Ok(Framing::Chunked);
    }
    let Some(first) = cl.first() else {
        return Ok(Framing::None);
    };
    let text = String::from_utf8_lossy(first).into_owned();
    if cl.iter().any(|v| v != first) || first.is_empty() || first.len() > 19 || !first.iter().all(u8::is_ascii_digit) {
        let all = cl
            .iter()
            .map(|v| String::from_utf8_lossy(v))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(HeadError::BadContentLength(all));
    }
    let n: u64 = text.parse().map_err(|_| HeadError::BadContentLength(text.clone()))?;
    Ok(if n == 0 { Framing::None } else { Framing::Length(n) })
}

fn is_timeout(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut)
}

/// Reads one request head. `Ok(None)`: the client closed the connection or sent nothing for
/// `idle_wait`, both normal ends of a connection. `on_first_byte` runs once the request has
/// begun (the service is busy from then on).
pub fn read_head(
    reader: &mut ConnReader,
    limits: &HeadLimits,
    idle_wait: Duration,
    mut on_first_byte: impl FnMut(),
) -> Result<Option<Head>, HeadError> {
    let mut deadline: Option<Instant> = None;
    loop {
        if !reader.buffered().is_empty() {
            if deadline.is_none() {
                deadline = Some(Instant::now() + limits.head_timeout);
                on_first_byte();
            }
            if let Some((head, used)) = parse_head(reader.buffered(), limits)? {
                reader.consume(used);
                return Ok(Some(head));
            }
            if reader.buffered().len() > limits.max_head {
                return Err(HeadError::TooLarge(limits.max_head));
            }
        }
        let wait = match deadline {
            None => idle_wait,
            Some(d) => match d.checked_duration_since(Instant::now()) {
                Some(left) if !left.is_zero() => left,
                _ => return Err(HeadError::Timeout),
            },
        };
        reader.conn().set_read_timeout(Some(wait))?;
        match reader.fill_more() {
            Ok(0) if deadline.is_none() => return Ok(None),
            Ok(0) => return Err(HeadError::Closed),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) if is_timeout(&e) && deadline.is_none() => return Ok(None),
            Err(e) if is_timeout(&e) => return Err(HeadError::Timeout),
            Err(e) if e.kind() == io::ErrorKind::ConnectionReset && deadline.is_none() => return Ok(None),
            Err(e) => return Err(HeadError::Io(e)),
        }
    }
}

/// Parses a complete head from `buf`, or `None` when more bytes are needed.
fn parse_head(buf: &[u8], limits: &HeadLimits) -> Result<Option<(Head, usize)>, HeadError> {
    let mut slots = vec![httparse::EMPTY_HEADER; limits.max_headers];
    let mut req = httparse::Request::new(&mut slots);
    let used = match req.parse(buf) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => return Err(HeadError::TooManyHeaders(limits.max_headers)),
        Err(e) => return Err(HeadError::Malformed(e.to_string())),
    };
    if used > limits.max_head {
        return Err(HeadError::TooLarge(limits.max_head));
    }
    let method = req.method.unwrap_or_default().to_string();
    let target = req.path.unwrap_or_default().to_string();
    let http10 = req.version == Some(0);
    let headers = Headers(
        req.headers
            .iter()
            .map(|h| (h.name.to_string(), h.value.to_vec()))
            .collect(),
    );
    if !target.starts_with('/') {
        return Err(HeadError::NotOriginForm);
    }
    let head = Head {
        method,
        target,
        http10,
        headers,
    };
    if !head.http10 && head.headers.get_all("host").next().is_none() {
        return Err(HeadError::MissingHost);
    }
    Ok(Some((head, used)))
}

/// Decodes `%XX` escapes (and `+` as a space in query strings); a stray `%` or a result that is
/// not UTF-8 is refused.
pub fn percent_decode(text: &str, plus_is_space: bool) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hex = std::str::from_utf8(hex).ok()?;
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The decoded query string: `?all=1&filters={...}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query(Vec<(String, String)>);

impl Query {
    pub fn parse(text: &str) -> Result<Query, ApiError> {
        let mut pairs = Vec::new();
        for part in text.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            let bad = || ApiError::bad_request(format!("invalid query string: bad escape in {part:?}"));
            pairs.push((
                percent_decode(k, true).ok_or_else(bad)?,
                percent_decode(v, true).ok_or_else(bad)?,
            ));
        }
        Ok(Query(pairs))
    }

    /// The first value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// Every value of `key`, in order (`?t=a&t=b`).
    pub fn get_all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0.iter().filter(move |(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// Docker's boolean parameters: absent, empty, `0`, `no`, `false` and `none` are false,
    /// anything else is true.
    pub fn bool(&self, key: &str) -> bool {
        self.get(key).is_some_and(|v| {
            let v = v.trim().to_ascii_lowercase();
            !matches!(v.as_str(), "" | "0" | "no" | "false" | "none")
        })
    }

    /// An integer parameter; absent or empty is `None`, anything else must parse.
    pub fn int(&self, key: &str) -> Result<Option<i64>, ApiError> {
        match self.get(key).map(str::trim) {
            None | Some("") => Ok(None),
            Some(v) => v
                .parse()
                .map(Some)
                .map_err(|_| ApiError::bad_request(format!("invalid value for {key}: {v:?} is not an integer"))),
        }
    }

    /// A JSON-valued parameter (`filters`, `buildargs`); absent or empty is `None`.
    pub fn json<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, ApiError> {
        match self.get(key) {
            None | Some("") => Ok(None),
            Some(v) => serde_json::from_str(v)
                .map(Some)
                .map_err(|e| ApiError::bad_request(format!("invalid JSON in {key}: {e}"))),
        }
    }
}

/// The body as a handler reads it: exactly Content-Length bytes or the decoded chunks, after
/// telling a client that sent `Expect: 100-continue` to go ahead.
pub struct Body<'c> {
    reader: &'c mut ConnReader,
    state: BodyState,
    expect_continue: bool,
    read_timeout: Duration,
    /// Set when the framing failed: the connection cannot carry another request.
    broken: bool,
}

enum BodyState {
    Length(u64),
    Chunked(ChunkedDecoder),
    Done,
}

impl<'c> Body<'c> {
    pub(crate) fn new(
        reader: &'c mut ConnReader,
        framing: Framing,
        expect_continue: bool,
        read_timeout: Duration,
    ) -> Body<'c> {
        let state = match framing {
            Framing::None => BodyState::Done,
            Framing::Length(n) => BodyState::Length(n),
            Framing::Chunked => BodyState::Chunked(ChunkedDecoder::new()),
        };
        Body {
            reader,
            state,
            expect_continue: expect_continue && framing != Framing::None,
            read_timeout,
            broken: false,
        }
    }

    /// True when the request has no body or all of it was read.
    pub fn is_finished(&self) -> bool {
        matches!(self.state, BodyState::Done)
    }

    /// Whether the client was told to send the body (an unanswered `Expect: 100-continue`
    /// means it may never come, so it cannot be drained).
    pub(crate) fn awaiting_continue(&self) -> bool {
        self.expect_continue
    }

    pub(crate) fn is_broken(&self) -> bool {
        self.broken
    }

    /// Reads and drops what is left of the body, up to `limit` bytes; false when more remains
    /// or it failed (the connection must then close).
    pub(crate) fn drain(&mut self, limit: u64) -> bool {
        if self.expect_continue || self.broken {
            return self.is_finished();
        }
        let mut sink = [0u8; 8192];
        let mut total = 0u64;
        while !self.is_finished() {
            match self.read(&mut sink) {
                Ok(0) => break,
                Ok(n) => {
                    total += n as u64;
                    if total > limit {
                        return false;
                    }
                }
                Err(_) => return false,
            }
        }
        self.is_finished()
    }

    fn fail(&mut self, e: io::Error) -> io::Error {
        self.broken = true;
        self.state = BodyState::Done;
        e
    }
}

impl Read for Body<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() || self.is_finished() {
            return Ok(0);
        }
        if self.expect_continue {
            self.expect_continue = false;
            let sent = self.reader.conn_mut().write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
            sent.map_err(|e| self.fail(e))?;
        }
        self.reader
            .conn()
            .set_read_timeout(Some(self.read_timeout))
            .map_err(|e| self.fail(e))?;
        let result = match &mut self.state {
            BodyState::Done => Ok(0),
            BodyState::Length(left) => {
                let want = usize::try_from(*left).unwrap_or(usize::MAX).min(out.len());
                match self.reader.read(&mut out[..want]) {
                    Ok(0) => Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "the connection ended before the request body did",
                    )),
                    Ok(n) => {
                        *left -= n as u64;
                        if *left == 0 {
                            self.state = BodyState::Done;
                        }
                        Ok(n)
                    }
                    Err(e) => Err(e),
                }
            }
            BodyState::Chunked(dec) => {
                let r = dec.read(self.reader, out);
                if dec.is_done() {
                    self.state = BodyState::Done;
                }
                r
            }
        };
        match result {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Err(e),
            Err(e) => Err(self.fail(e)),
            ok => ok,
        }
    }
}

/// One request as a handler sees it.
pub struct Request<'c> {
    pub method: String,
    /// The path without the version prefix, still percent-encoded: `/containers/abc/json`.
    pub path: String,
    /// The version the client asked for (`/v1.41/…`), or the newest for unversioned paths.
    pub version: ApiVersion,
    pub query: Query,
    pub headers: Headers,
    /// Path parameters by the names in the route pattern (`{id}`), decoded.
    pub params: Vec<(&'static str, String)>,
    pub body: Body<'c>,
    /// The most bytes [`Request::json`] reads.
    pub(crate) max_json: u64,
}

impl Request<'_> {
    /// A path parameter of the matched route; routes only name parameters they have.
    pub fn param(&self, name: &str) -> &str {
        self.params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    }

    /// Reads the body as JSON of type `T`: 413 when larger than the JSON limit, 400 when it is
    /// not valid JSON of that shape. An empty body is `null` (Docker accepts an empty body for
    /// optional options).
    pub fn json<T: DeserializeOwned>(&mut self) -> Result<T, ApiError> {
        let mut data = Vec::new();
        let limit = self.max_json;
        let read = (&mut self.body).take(limit + 1).read_to_end(&mut data);
        read.map_err(|e| ApiError::bad_request(format!("reading the request body: {e}")))?;
        if data.len() as u64 > limit {
            return Err(ApiError::new(413, format!("request body larger than {limit} bytes")));
        }
        let text: &[u8] = if data.trim_ascii().is_empty() { b"null" } else { &data };
        serde_json::from_slice(text)
            .map_err(|e| ApiError::bad_request(format!("invalid JSON in the request body: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> HeadLimits {
        HeadLimits {
            max_head: 1024,
            max_headers: 8,
            head_timeout: Duration::from_secs(1),
        }
    }

    fn parse(text: &str) -> Result<Option<(Head, usize)>, HeadError> {
        parse_head(text.as_bytes(), &limits())
    }

    fn head(text: &str) -> Head {
        parse(text).unwrap().expect("complete head").0
    }

    #[test]
    fn parses_a_docker_client_request() {
        let (h, used) = parse(
            "GET /v1.41/version?x=1 HTTP/1.1\r\nHost: api.moby.localhost\r\nUser-Agent: Docker-Client/28\r\n\r\nrest",
        )
        .unwrap()
        .unwrap();
        assert_eq!(h.method, "GET");
        assert_eq!(h.path(), "/v1.41/version");
        assert_eq!(h.query_string(), "x=1");
        assert_eq!(h.headers.get("user-agent"), Some("Docker-Client/28"));
        assert!(h.keep_alive());
        assert_eq!(used, 91);
        assert!(parse("GET / HTTP/1.1\r\nHost: x\r\n").unwrap().is_none(), "partial");
    }

    #[test]
    fn refuses_hostile_heads() {
        let e = |t: &str| parse(t).map(|_| ()).unwrap_err();
        assert_eq!(e("GET / HTTP/1.1\r\n\r\n").status(), Some(400), "no Host");
        assert!(
            parse("GET / HTTP/1.0\r\n\r\n").unwrap().is_some(),
            "HTTP/1.0 needs no Host"
        );
        assert_eq!(e("GET http://x/ HTTP/1.1\r\nHost: x\r\n\r\n").status(), Some(400));
        assert_eq!(e("GET * HTTP/1.1\r\nHost: x\r\n\r\n").status(), Some(400));
        assert_eq!(
            e("GET / HTTP/1.1\r\nHost : x\r\n\r\n").status(),
            Some(400),
            "space before colon"
        );
        assert_eq!(
            e("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n").status(),
            Some(400),
            "obs-fold"
        );
        assert_eq!(e("GET / HTTP/2.0\r\nHost: x\r\n\r\n").status(), Some(400));
        assert_eq!(e("GET /\x00 HTTP/1.1\r\nHost: x\r\n\r\n").status(), Some(400));
        assert_eq!(e("G\x01T / HTTP/1.1\r\nHost: x\r\n\r\n").status(), Some(400));
        let many: String = (0..9).map(|i| format!("X-{i}: v\r\n")).collect();
        let err = e(&format!("GET / HTTP/1.1\r\nHost: x\r\n{many}\r\n"));
        assert!(matches!(err, HeadError::TooManyHeaders(8)), "{err}");
        assert_eq!(err.status(), Some(431));
    }

    #[test]
    fn framing_refuses_smuggling_shapes() {
        let f = |extra: &str| framing(&head(&format!("POST / HTTP/1.1\r\nHost: x\r\n{extra}\r\n")));
        assert_eq!(f("").unwrap(), Framing::None);
        assert_eq!(f("Content-Length: 0\r\n").unwrap(), Framing::None);
        assert_eq!(f("Content-Length: 12\r\n").unwrap(), Framing::Length(12));
        assert_eq!(
            f("Content-Length: 5\r\nContent-Length: 5\r\n").unwrap(),
            Framing::Length(5)
        );
        assert_eq!(f("Transfer-Encoding: chunked\r\n").unwrap(), Framing::Chunked);
        assert_eq!(f("Transfer-Encoding: Chunked \r\n").unwrap(), Framing::Chunked);
        for bad in [
            "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n",
            "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n",
            "Content-Length: 5\r\nContent-Length: 6\r\n",
            "Content-Length: -1\r\n",
            "Content-Length: +5\r\n",
            "Content-Length: 5, 5\r\n",
            "Content-Length: 0x10\r\n",
            "Content-Length: \r\n",
            "Content-Length: 99999999999999999999\r\n",
        ] {
            assert_eq!(f(bad).unwrap_err().status(), Some(400), "{bad:?}");
        }
        for unsupported in [
            "Transfer-Encoding: gzip, chunked\r\n",
            "Transfer-Encoding: chunked, identity\r\n",
            "Transfer-Encoding: xchunked\r\n",
            "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
            "Transfer-Encoding: identity\r\n",
        ] {
            assert_eq!(f(unsupported).unwrap_err().status(), Some(501), "{unsupported:?}");
        }
        let old = head("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n");
        assert_eq!(framing(&old).unwrap_err().status(), Some(400));
    }

    #[test]
    fn keep_alive_follows_version_and_connection() {
        assert!(!head("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").keep_alive());
        assert!(!head("GET / HTTP/1.1\r\nHost: x\r\nConnection: foo, Close\r\n\r\n").keep_alive());
        assert!(!head("GET / HTTP/1.0\r\n\r\n").keep_alive());
        assert!(head("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").keep_alive());
    }

    #[test]
    fn query_decoding_and_docker_booleans() {
        let q = Query::parse("all=1&filters=%7B%22label%22%3A%5B%22a%3Db%22%5D%7D&t=a+b&t=c&stream=false&e").unwrap();
        assert!(q.bool("all"));
        assert!(!q.bool("stream"));
        assert!(!q.bool("e"));
        assert!(!q.bool("missing"));
        assert_eq!(q.get_all("t").collect::<Vec<_>>(), ["a b", "c"]);
        let f: serde_json::Value = q.json("filters").unwrap().unwrap();
        assert_eq!(f["label"][0], "a=b");
        assert!(Query::parse("a=%zz").is_err());
        assert!(Query::parse("a=%4").is_err());
        assert!(Query::parse("a=%ff").is_err(), "not UTF-8");
        let n = Query::parse("tail=10&bad=x").unwrap();
        assert_eq!(n.int("tail").unwrap(), Some(10));
        assert_eq!(n.int("none").unwrap(), None);
        assert_eq!(n.int("bad").unwrap_err().status, 400);
        assert_eq!(percent_decode("a%2Fb+c", false).as_deref(), Some("a/b+c"));
    }
}
