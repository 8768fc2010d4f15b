//! The HTTP layer end to end in one process: a server on a real UNIX socket with test routes,
//! and clients writing raw bytes (hostile ones included) and reading what comes back.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::api::error::ApiError;
use crate::api::http::{MULTIPLEXED_STREAM, RAW_STREAM, Request, Response};
use crate::api::listen::{SocketOptions, bind_unix};
use crate::api::mux::{MuxWriter, StdStream};
use crate::api::router::{Route, Router, not_implemented, serve, unsupported};
use crate::api::server::{Exit, Limits, ServeOptions, Server};
use crate::api::{Service, ServiceInfo, system};

fn echo_json(_: &Service, req: &mut Request<'_>) -> Result<Response, ApiError> {
    let v: serde_json::Value = req.json()?;
    Ok(Response::json(200, &v))
}

fn echo_raw(_: &Service, req: &mut Request<'_>) -> Result<Response, ApiError> {
    let mut data = Vec::new();
    req.body
        .read_to_end(&mut data)
        .map_err(|e| ApiError::bad_request(format!("reading the body: {e}")))?;
    Ok(Response::bytes(200, "application/octet-stream", data))
}

fn ignore_body(_: &Service, _: &mut Request<'_>) -> Result<Response, ApiError> {
    Ok(Response::empty(204))
}

fn lines(_: &Service, req: &mut Request<'_>) -> Result<Response, ApiError> {
    let n = req.query.int("n")?.unwrap_or(3);
    Ok(Response::stream(200, "application/json", move |out| {
        for i in 0..n {
            writeln!(out, "{{\"line\":{i}}}")?;
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(())
    }))
}

/// Streams (one byte at first) until the client leaves; counts streams that ended.
static HOLDS_ENDED: AtomicUsize = AtomicUsize::new(0);

fn hold(_: &Service, req: &mut Request<'_>) -> Result<Response, ApiError> {
    let limit = Duration::from_millis(req.query.int("ms")?.unwrap_or(10_000) as u64);
    Ok(Response::stream(200, "text/plain", move |out| {
        out.write_all(b".")?;
        let start = Instant::now();
        while !out.client_gone() && start.elapsed() < limit {
            std::thread::sleep(Duration::from_millis(10));
        }
        HOLDS_ENDED.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }))
}

/// Echoes the client's bytes back as stdout frames (multiplexed) or raw, until EOF.
fn attach(_: &Service, req: &mut Request<'_>) -> Result<Response, ApiError> {
    let tty = req.query.bool("tty");
    let ct = if tty { RAW_STREAM } else { MULTIPLEXED_STREAM };
    Ok(Response::hijack(ct, move |mut conn| {
        let Ok(out) = conn.writer() else { return };
        let mut mux = MuxWriter::new(out);
        let mut buf = [0u8; 1024];
        loop {
            let n = match conn.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            let written = if tty {
                conn.write_all(&buf[..n])
            } else {
                mux.write_frame(StdStream::Stdout, &buf[..n])
            };
            if written.is_err() {
                break;
            }
        }
        let _ = conn.close_write();
    }))
}

static TEST_ROUTES: &[Route] = &[
    serve("GET", "/_ping", system::ping),
    serve("HEAD", "/_ping", system::ping),
    serve("POST", "/json", echo_json),
    serve("POST", "/raw", echo_raw),
    serve("POST", "/ignore", ignore_body),
    serve("GET", "/lines", lines),
    serve("GET", "/hold", hold),
    serve("POST", "/containers/{id}/attach", attach),
    not_implemented("GET", "/containers/{id}/stats"),
    unsupported("/swarm/{rest*}", "swarm mode"),
];

fn limits() -> Limits {
    let mut l = Limits::default();
    l.head.max_head = 4096;
    l.head.max_headers = 20;
    l.head.head_timeout = Duration::from_millis(400);
    l.first_request_timeout = Duration::from_secs(5);
    l.max_json_body = 1024;
    l.linger = Duration::from_millis(200);
    l
}

struct TestServer {
    dir: PathBuf,
    path: PathBuf,
    stop: Option<OwnedFd>,
    thread: Option<JoinHandle<Exit>>,
}

impl TestServer {
    fn start(name: &str, idle: Option<Duration>, limits: Limits) -> TestServer {
        let dir = std::env::temp_dir().join(format!("ferry-api-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("api.sock");
        let (listener, _) = bind_unix(&path, SocketOptions { mode: 0o600, gid: None }).unwrap();
        let (stop_read, stop_write) = nix::unistd::pipe().unwrap();
        let service = Service {
            info: ServiceInfo {
                version: "9.9.9".into(),
                arch: "amd64".into(),
                kernel: "6.1.0".into(),
            },
        };
        let server = Server::new(
            vec![listener],
            service,
            Router::new(TEST_ROUTES),
            ServeOptions {
                idle_timeout: idle,
                limits,
                log_requests: false,
            },
        );
        let thread = std::thread::spawn(move || server.run(Some(stop_read.as_fd())).unwrap());
        TestServer {
            dir,
            path,
            stop: Some(stop_write),
            thread: Some(thread),
        }
    }

    fn connect(&self) -> UnixStream {
        let s = UnixStream::connect(&self.path).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s
    }

    /// Sends `raw` on a new connection and reads one response (a server that answered early
    /// and closed may refuse part of what is sent).
    fn exchange(&self, raw: &[u8]) -> Reply {
        let mut s = self.connect();
        let _ = s.write_all(raw);
        read_reply(&mut BufReader::new(s))
    }

    fn stop(mut self) -> Exit {
        nix::unistd::write(self.stop.take().unwrap(), b"x").unwrap();
        self.thread.take().unwrap().join().unwrap()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(fd) = self.stop.take() {
            let _ = nix::unistd::write(fd, b"x");
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn message(&self) -> String {
        let v: serde_json::Value = serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "error body is not JSON ({e}): {:?}",
                String::from_utf8_lossy(&self.body)
            )
        });
        v["message"].as_str().expect("message").to_string()
    }
}

/// A client-side reader of one response (Content-Length, chunked, or until close), written
/// independently of the server's code.
fn read_reply(r: &mut impl BufRead) -> Reply {
    let mut line = String::new();
    r.read_line(&mut line).unwrap();
    let status: u16 = line
        .split(' ')
        .nth(1)
        .unwrap_or_else(|| panic!("status line {line:?}"))
        .parse()
        .unwrap();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        r.read_line(&mut h).unwrap();
        let h = h.trim_end_matches("\r\n");
        if h.is_empty() {
            break;
        }
        let (n, v) = h.split_once(": ").unwrap();
        headers.push((n.to_string(), v.to_string()));
    }
    let mut reply = Reply {
        status,
        headers,
        body: Vec::new(),
    };
    if status < 200 || status == 204 || status == 304 {
        return reply;
    }
    if let Some(n) = reply.header("content-length") {
        let mut body = vec![0u8; n.parse().unwrap()];
        r.read_exact(&mut body).unwrap();
        reply.body = body;
    } else if reply.header("transfer-encoding") == Some("chunked") {
        loop {
            let mut size = String::new();
            r.read_line(&mut size).unwrap();
            let n = usize::from_str_radix(size.trim_end(), 16).unwrap();
            let mut chunk = vec![0u8; n + 2];
            r.read_exact(&mut chunk).unwrap();
            assert_eq!(&chunk[n..], b"\r\n");
            if n == 0 {
                break;
            }
            reply.body.extend_from_slice(&chunk[..n]);
        }
    } else {
        r.read_to_end(&mut reply.body).unwrap();
    }
    reply
}

/// True when the server closed the connection (EOF) within the read timeout.
fn closed(r: &mut impl Read) -> bool {
    let mut b = [0u8; 1];
    matches!(r.read(&mut b), Ok(0) | Err(_))
}

const PING: &[u8] = b"GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n";

#[test]
fn ping_and_docker_headers() {
    let srv = TestServer::start("ping", None, limits());
    let r = srv.exchange(PING);
    assert_eq!(r.status, 200);
    assert_eq!(r.body, b"OK");
    assert_eq!(r.header("api-version"), Some("1.50"));
    assert_eq!(r.header("ostype"), Some("linux"));
    assert_eq!(r.header("docker-experimental"), Some("false"));
    assert_eq!(r.header("server"), Some("ferry/9.9.9 (linux)"));
    let h = srv.exchange(b"HEAD /v1.41/_ping HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!((h.status, h.header("content-length")), (200, Some("0")));
    assert!(h.body.is_empty());
    assert_eq!(srv.stop(), Exit::Stopped);
}

#[test]
fn errors_name_the_problem() {
    let srv = TestServer::start("errors", None, limits());
    let r = srv.exchange(b"GET /v1.41/containers/abc/stats HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(
        (r.status, r.message().as_str()),
        (501, "GET /containers/{id}/stats is not implemented by ferry")
    );
    let r = srv.exchange(b"POST /swarm/init HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(r.status, 501);
    assert!(r.message().contains("swarm mode is not supported"), "{}", r.message());
    let r = srv.exchange(b"GET /v4.0.0/libpod/info HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(r.status, 501);
    assert!(r.message().contains("libpod"), "{}", r.message());
    let r = srv.exchange(b"GET /nope HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!((r.status, r.message().as_str()), (404, "page not found"));
    let r = srv.exchange(b"GET /containers/abc/attach HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!((r.status, r.header("allow")), (405, Some("POST")));
    let r = srv.exchange(b"GET /v1.12/_ping HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(r.status, 400);
    assert!(r.message().contains("too old"), "{}", r.message());
    let r = srv.exchange(b"GET /_ping?a=%zz HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(r.status, 400);
    let r = srv.exchange(b"GET /%ff HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(r.status, 400);
}

#[test]
fn keep_alive_and_pipelined_requests() {
    let srv = TestServer::start("keepalive", None, limits());
    let mut s = srv.connect();
    let body = br#"{"a":[1,2]}"#;
    let mut two = format!(
        "POST /json HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    two.extend_from_slice(body);
    two.extend_from_slice(PING);
    s.write_all(&two).unwrap();
    let mut r = BufReader::new(s.try_clone().unwrap());
    let first = read_reply(&mut r);
    assert_eq!((first.status, first.body.as_slice()), (200, &b"{\"a\":[1,2]}\n"[..]));
    assert_eq!(read_reply(&mut r).body, b"OK");
    // A handler that ignores a small body still leaves the connection usable.
    s.write_all(b"POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")
        .unwrap();
    assert_eq!(read_reply(&mut r).status, 204);
    s.write_all(b"GET /_ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let last = read_reply(&mut r);
    assert_eq!(last.header("connection"), Some("close"));
    assert!(closed(&mut r));
}

#[test]
fn chunked_bodies_decoded_and_malformed_ones_refused() {
    let srv = TestServer::start("chunked", None, limits());
    let r = srv.exchange(
        b"POST /raw HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1;x=y\r\n!\r\n0\r\n\r\n",
    );
    assert_eq!((r.status, r.body.as_slice()), (200, &b"hello!"[..]));
    for bad in [
        &b"5\r\nhello\r\nzz\r\n"[..],
        b"5\r\nhelloXX0\r\n\r\n",
        b"5\nhello\r\n0\r\n\r\n",
        b"10000000000000000\r\nx\r\n",
    ] {
        let mut req = b"POST /raw HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        req.extend_from_slice(bad);
        let mut s = srv.connect();
        s.write_all(&req).unwrap();
        let mut r = BufReader::new(s);
        let reply = read_reply(&mut r);
        assert_eq!(reply.status, 400, "{:?}", String::from_utf8_lossy(bad));
        assert!(
            reply.message().contains("malformed chunked body"),
            "{}",
            reply.message()
        );
        assert_eq!(reply.header("connection"), Some("close"));
        assert!(closed(&mut r));
    }
    assert_eq!(srv.exchange(PING).status, 200, "still serving");
}

#[test]
fn smuggling_shapes_refused_and_connection_closed() {
    let srv = TestServer::start("smuggle", None, limits());
    // Content-Length says the "body" is the second request; Transfer-Encoding says it is empty.
    // Either reading would be a desync: both are refused, and nothing after it is served.
    let hidden = "GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n";
    for framing in [
        format!("Content-Length: {}\r\nTransfer-Encoding: chunked", hidden.len() + 5),
        format!("Transfer-Encoding: chunked\r\nContent-Length: {}", hidden.len() + 5),
        "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity".to_string(),
        "Transfer-Encoding: gzip, chunked".to_string(),
        "Content-Length: 5\r\nContent-Length: 50".to_string(),
        "Content-Length: 5 ".to_string() + "\r\nContent-Length: +5",
    ] {
        let req = format!("POST /raw HTTP/1.1\r\nHost: x\r\n{framing}\r\n\r\n0\r\n\r\n{hidden}");
        let mut s = srv.connect();
        s.write_all(req.as_bytes()).unwrap();
        let mut r = BufReader::new(s);
        let reply = read_reply(&mut r);
        assert!([400, 501].contains(&reply.status), "{framing:?}: {}", reply.status);
        assert!(closed(&mut r), "{framing:?}: the hidden request must not be answered");
    }
}

#[test]
fn size_limits() {
    let srv = TestServer::start("limits", None, limits());
    let big = format!("[{}1]", "1,".repeat(600));
    let req = format!(
        "POST /json HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n{big}",
        big.len()
    );
    let r = srv.exchange(req.as_bytes());
    assert_eq!(r.status, 413);
    assert!(r.message().contains("larger than 1024 bytes"), "{}", r.message());
    let chunked = format!(
        "POST /json HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{big}\r\n0\r\n\r\n",
        big.len()
    );
    assert_eq!(srv.exchange(chunked.as_bytes()).status, 413);
    let r = srv.exchange(b"POST /json HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n{\"a\":");
    assert_eq!(r.status, 400);
    assert!(r.message().contains("invalid JSON"), "{}", r.message());

    let huge = format!("GET /_ping HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n", "a".repeat(5000));
    let r = srv.exchange(huge.as_bytes());
    assert_eq!(r.status, 431);
    let many: String = (0..30).map(|i| format!("X-{i}: v\r\n")).collect();
    let r = srv.exchange(format!("GET /_ping HTTP/1.1\r\nHost: x\r\n{many}\r\n").as_bytes());
    assert_eq!(r.status, 431);
    // Headers that never end are cut off at the limit, not buffered forever.
    let mut s = srv.connect();
    s.write_all(b"GET /_ping HTTP/1.1\r\nHost: x\r\n").unwrap();
    let mut refused = false;
    for _ in 0..100 {
        if s.write_all(b"X-Endless: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n")
            .is_err()
        {
            refused = true;
            break;
        }
    }
    let reply = read_reply(&mut BufReader::new(s));
    assert_eq!(reply.status, 431, "write refused early: {refused}");
    assert_eq!(srv.exchange(PING).status, 200, "still serving");
}

#[test]
fn slow_client_does_not_block_others_and_times_out() {
    let srv = TestServer::start("slowloris", None, limits());
    let mut slow = srv.connect();
    slow.write_all(b"GET /_ping HTTP/1.1\r\nHo").unwrap();
    let t = Instant::now();
    assert_eq!(srv.exchange(PING).status, 200);
    assert!(t.elapsed() < Duration::from_millis(300), "{:?}", t.elapsed());
    let r = read_reply(&mut BufReader::new(slow));
    assert_eq!(r.status, 408);
    assert!(t.elapsed() >= Duration::from_millis(350), "{:?}", t.elapsed());
}

#[test]
fn expect_continue_is_answered_before_the_body() {
    let srv = TestServer::start("continue", None, limits());
    let mut s = srv.connect();
    s.write_all(b"POST /raw HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
        .unwrap();
    let mut r = BufReader::new(s.try_clone().unwrap());
    let interim = read_reply(&mut r);
    assert_eq!(interim.status, 100);
    s.write_all(b"data").unwrap();
    let reply = read_reply(&mut r);
    assert_eq!((reply.status, reply.body.as_slice()), (200, &b"data"[..]));
    // Refused before reading: no 100, and the connection closes (the body may never come).
    let mut s = srv.connect();
    s.write_all(b"POST /nope HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
        .unwrap();
    let mut r = BufReader::new(s);
    assert_eq!(read_reply(&mut r).status, 404);
    assert!(closed(&mut r));
}

#[test]
fn streams_are_chunked_on_http11_and_raw_on_http10() {
    let srv = TestServer::start("streams", None, limits());
    let mut s = srv.connect();
    s.write_all(b"GET /lines?n=3 HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut r = BufReader::new(s.try_clone().unwrap());
    let reply = read_reply(&mut r);
    assert_eq!(reply.header("transfer-encoding"), Some("chunked"));
    assert_eq!(reply.body, b"{\"line\":0}\n{\"line\":1}\n{\"line\":2}\n");
    // The connection carries on after the stream.
    s.write_all(PING).unwrap();
    assert_eq!(read_reply(&mut r).body, b"OK");
    let old = srv.exchange(b"GET /lines?n=2 HTTP/1.0\r\n\r\n");
    assert_eq!(old.header("transfer-encoding"), None);
    assert_eq!(old.body, b"{\"line\":0}\n{\"line\":1}\n");
}

#[test]
fn hijack_with_and_without_upgrade() {
    let srv = TestServer::start("hijack", None, limits());
    let mut s = srv.connect();
    // Input sent right behind the head reaches the handler too.
    s.write_all(b"POST /v1.44/containers/c1/attach?stream=1 HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\nhello")
        .unwrap();
    let mut r = BufReader::new(s.try_clone().unwrap());
    let head = read_reply(&mut r);
    assert_eq!(head.status, 101);
    assert_eq!(head.header("upgrade"), Some("tcp"));
    assert_eq!(head.header("content-type"), Some(MULTIPLEXED_STREAM));
    let mut frame = [0u8; 13];
    r.read_exact(&mut frame).unwrap();
    assert_eq!(&frame, b"\x01\x00\x00\x00\x00\x00\x00\x05hello");
    s.write_all(b"again").unwrap();
    r.read_exact(&mut frame).unwrap();
    assert_eq!(&frame[8..], b"again");
    s.shutdown(std::net::Shutdown::Write).unwrap();
    assert!(closed(&mut r), "the handler ends the stream after the client's EOF");

    // Docker's plain hijack for clients that do not ask to upgrade: 200 and a raw stream.
    let mut s = srv.connect();
    s.write_all(b"POST /containers/c1/attach?tty=1 HTTP/1.1\r\nHost: x\r\n\r\nraw")
        .unwrap();
    let mut r = BufReader::new(s.try_clone().unwrap());
    let head = read_reply_head(&mut r);
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-type"), Some(RAW_STREAM));
    let mut three = [0u8; 3];
    r.read_exact(&mut three).unwrap();
    assert_eq!(&three, b"raw");
}

/// The status line and headers only (a hijacked 200 has no length: the stream follows).
fn read_reply_head(r: &mut impl BufRead) -> Reply {
    let mut line = String::new();
    r.read_line(&mut line).unwrap();
    let status = line.split(' ').nth(1).unwrap().parse().unwrap();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        r.read_line(&mut h).unwrap();
        let h = h.trim_end_matches("\r\n");
        if h.is_empty() {
            break;
        }
        let (n, v) = h.split_once(": ").unwrap();
        headers.push((n.to_string(), v.to_string()));
    }
    Reply {
        status,
        headers,
        body: Vec::new(),
    }
}

#[test]
fn idle_exit_waits_for_open_streams() {
    let idle = Duration::from_millis(300);
    let srv = TestServer::start("idle", Some(idle), limits());
    let start = Instant::now();
    // A stream open for a second keeps the service up past the idle timeout.
    let mut s = srv.connect();
    s.write_all(b"GET /hold?ms=1000 HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let reply = read_reply(&mut BufReader::new(s));
    assert_eq!(reply.body, b".");
    let stream_end = Instant::now();
    assert!(stream_end - start >= Duration::from_millis(1000));
    let mut srv = srv;
    let exit = srv.thread.take().unwrap().join().unwrap();
    assert_eq!(exit, Exit::Idle);
    let after = stream_end.elapsed();
    assert!(
        after >= Duration::from_millis(250) && after < Duration::from_millis(1000),
        "exited {after:?} after the stream ended"
    );
}

#[test]
fn client_leaving_ends_its_stream() {
    let srv = TestServer::start("gone", None, limits());
    let before = HOLDS_ENDED.load(Ordering::SeqCst);
    let mut s = srv.connect();
    s.write_all(b"GET /hold HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut r = BufReader::new(s.try_clone().unwrap());
    let head = read_reply_head(&mut r);
    assert_eq!(head.status, 200);
    let mut first = [0u8; 6];
    r.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"1\r\n.\r\n", "the stream is running");
    drop(r);
    drop(s);
    let t = Instant::now();
    while HOLDS_ENDED.load(Ordering::SeqCst) == before {
        assert!(
            t.elapsed() < Duration::from_secs(3),
            "the stream did not notice the client left: {:?}",
            t.elapsed()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn connections_over_the_cap_get_503() {
    let mut l = limits();
    l.max_connections = 2;
    let srv = TestServer::start("cap", None, l);
    let a = srv.connect();
    let b = srv.connect();
    // Both are accepted before the third arrives.
    std::thread::sleep(Duration::from_millis(100));
    let r = srv.exchange(PING);
    assert_eq!(r.status, 503);
    assert!(r.message().contains("too many connections"), "{}", r.message());
    drop(a);
    drop(b);
    let t = Instant::now();
    while srv.exchange(PING).status != 200 {
        assert!(t.elapsed() < Duration::from_secs(3), "slots are not given back");
        std::thread::sleep(Duration::from_millis(20));
    }
}
