//! The service loop: accept connections, serve each on its own thread (up to a cap), and exit
//! after the idle timeout or on SIGTERM/SIGINT.
//!
//! Why our own HTTP/1.1 framing over httparse rather than a server crate: hyper needs an async
//! runtime; tiny_http runs its own thread pool with fixed, non-configurable limits, decodes
//! chunked bodies leniently and has no notion of "busy" for an idle timeout. What Docker's API
//! needs beyond parsing — hijacking a connection mid-request (attach, exec), chunked streams,
//! strict framing against smuggling, per-phase timeouts, and counting open requests and streams
//! for `--time` — is a few hundred lines here, and httparse (already in the build through ureq)
//! does the part where hostile bytes are hardest to get right.

use std::io::{self, Read, Write};
use std::net::Shutdown;
use std::os::fd::{AsFd, BorrowedFd};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};

use crate::api::Service;
use crate::api::conn::{Conn, ConnReader};
use crate::api::error::ApiError;
use crate::api::http::request::{self, Framing, HeadLimits, percent_decode};
use crate::api::http::response::{HijackFn, StreamWriter, head_bytes};
use crate::api::http::{Body, Head, Query, Request, Response, ResponseBody};
use crate::api::listen::Listener;
use crate::api::router::{Handler, Match, Router};
use crate::api::version::{self, ApiVersion};

/// Limits on clients. The defaults are what `ferry system service` uses; tests shorten them.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub head: HeadLimits,
    /// A new connection must begin its first request within this.
    pub first_request_timeout: Duration,
    /// An idle kept-alive connection is closed after this.
    pub keepalive_timeout: Duration,
    /// The most a JSON request body may be.
    pub max_json_body: u64,
    /// One read of a request body may wait this long.
    pub body_read_timeout: Duration,
    /// One write to a client that does not read may wait this long.
    pub write_timeout: Duration,
    /// Connections served at once; more are answered 503 and closed.
    pub max_connections: usize,
    /// After an error, how long the rest of what the client sends is read and dropped so that
    /// it sees the answer instead of a reset connection.
    pub linger: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            head: HeadLimits {
                max_head: 256 * 1024,
                max_headers: 100,
                head_timeout: Duration::from_secs(10),
            },
            first_request_timeout: Duration::from_secs(10),
            keepalive_timeout: Duration::from_secs(60),
            max_json_body: 4 * 1024 * 1024,
            body_read_timeout: Duration::from_secs(60),
            write_timeout: Duration::from_secs(60),
            max_connections: 128,
            linger: Duration::from_secs(2),
        }
    }
}

/// The most of an unread request body drained to keep a connection alive.
const DRAIN_LIMIT: u64 = 64 * 1024;
/// The most read and dropped while lingering before a close.
const LINGER_BYTES: usize = 16 * 1024 * 1024;
/// While requests are open the idle clock is checked this often.
const BUSY_RECHECK: Duration = Duration::from_millis(250);

pub struct ServeOptions {
    /// Exit after this long without open requests or streams; `None`: never.
    pub idle_timeout: Option<Duration>,
    pub limits: Limits,
    /// Print each request's method, target and status on stderr.
    pub log_requests: bool,
}

/// Why the service stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Idle,
    Stopped,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("waiting for connections: {0}")]
    Poll(Errno),
}

/// What every connection thread shares.
struct App {
    service: Service,
    router: Router,
    limits: Limits,
    log_requests: bool,
    activity: Mutex<Activity>,
}

/// Open requests and streams, connections, and since when nothing has been open.
struct Activity {
    busy: usize,
    connections: usize,
    idle_since: Instant,
}

impl App {
    fn activity(&self) -> MutexGuard<'_, Activity> {
        self.activity.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Held while a request (from its first byte to the end of its response, stream or hijacked
/// session) is open; the idle clock starts when the last one is dropped.
struct Busy(Arc<App>);

impl Busy {
    fn new(app: &Arc<App>) -> Busy {
        app.activity().busy += 1;
        Busy(app.clone())
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        let mut a = self.0.activity();
        a.busy -= 1;
        if a.busy == 0 {
            a.idle_since = Instant::now();
        }
    }
}

/// One connection's place under `max_connections`.
struct Slot(Arc<App>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.activity().connections -= 1;
    }
}

pub struct Server {
    listeners: Vec<Listener>,
    app: Arc<App>,
    idle_timeout: Option<Duration>,
}

impl Server {
    pub fn new(listeners: Vec<Listener>, service: Service, router: Router, options: ServeOptions) -> Server {
        Server {
            listeners,
            idle_timeout: options.idle_timeout,
            app: Arc::new(App {
                service,
                router,
                limits: options.limits,
                log_requests: options.log_requests,
                activity: Mutex::new(Activity {
                    busy: 0,
                    connections: 0,
                    idle_since: Instant::now(),
                }),
            }),
        }
    }

    /// Serves until idle for the idle timeout, or until `stop` becomes readable.
    pub fn run(&self, stop: Option<BorrowedFd<'_>>) -> Result<Exit, ServeError> {
        loop {
            let wait = self.wait_time();
            if wait == Some(Duration::ZERO) {
                return Ok(Exit::Idle);
            }
            let timeout = match wait {
                None => PollTimeout::NONE,
                Some(d) => PollTimeout::try_from(d.as_micros().div_ceil(1000)).unwrap_or(PollTimeout::MAX),
            };
            let mut fds: Vec<PollFd<'_>> = self
                .listeners
                .iter()
                .map(|l| PollFd::new(l.as_fd(), PollFlags::POLLIN))
                .collect();
            if let Some(s) = stop {
                fds.push(PollFd::new(s, PollFlags::POLLIN));
            }
            match poll(&mut fds, timeout) {
                Ok(_) => {}
                Err(Errno::EINTR) => continue,
                Err(e) => return Err(ServeError::Poll(e)),
            }
            let ready: Vec<bool> = fds.iter().map(|f| f.revents().is_some_and(|r| !r.is_empty())).collect();
            drop(fds);
            if stop.is_some() && ready.last() == Some(&true) {
                return Ok(Exit::Stopped);
            }
            for (listener, _) in self.listeners.iter().zip(&ready).filter(|(_, r)| **r) {
                self.accept_all(listener);
            }
        }
    }

    /// How long to wait for a connection: forever without an idle timeout, a short recheck
    /// while requests are open, else what is left of the timeout (zero: time to exit).
    fn wait_time(&self) -> Option<Duration> {
        let idle = self.idle_timeout?;
        let a = self.app.activity();
        if a.busy > 0 {
            return Some(BUSY_RECHECK);
        }
        Some(idle.saturating_sub(a.idle_since.elapsed()))
    }

    fn accept_all(&self, listener: &Listener) {
        loop {
            match listener.accept() {
                Ok(conn) => self.start(conn),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(e) if matches!(e.kind(), io::ErrorKind::Interrupted | io::ErrorKind::ConnectionAborted) => {}
                Err(e) => {
                    // Out of descriptors or memory: give running requests a moment to finish.
                    eprintln!("WARN: accepting a connection on {}: {e}", listener.uri());
                    std::thread::sleep(Duration::from_millis(100));
                    return;
                }
            }
        }
    }

    fn start(&self, conn: Conn) {
        {
            let mut a = self.app.activity();
            if a.connections >= self.app.limits.max_connections {
                drop(a);
                refuse(conn, &self.app);
                return;
            }
            a.connections += 1;
        }
        let slot = Slot(self.app.clone());
        // A new connection keeps the service up until its first request has been answered.
        let busy = Busy::new(&self.app);
        let app = self.app.clone();
        let spawned = std::thread::Builder::new().name("ferry-api".into()).spawn(move || {
            let _slot = slot;
            serve_connection(conn, &app, busy);
        });
        if let Err(e) = spawned {
            eprintln!("WARN: starting a thread for an API connection: {e}");
        }
    }
}

/// Answers 503 to a connection over the cap without reading from it.
fn refuse(mut conn: Conn, app: &App) {
    let _ = conn.set_write_timeout(Some(Duration::from_millis(200)));
    let err = ApiError::new(
        503,
        format!(
            "too many connections: ferry serves {} at once",
            app.limits.max_connections
        ),
    );
    let mut headers = standard_headers(&app.service);
    headers.push(("Connection".into(), "close".into()));
    let _ = send_bytes(&mut conn, Response::error(&err), headers, false);
}

fn standard_headers(service: &Service) -> Vec<(String, String)> {
    vec![
        ("Api-Version".into(), ApiVersion::MAX.to_string()),
        ("Docker-Experimental".into(), "false".into()),
        ("Ostype".into(), "linux".into()),
        ("Server".into(), format!("ferry/{} (linux)", service.info.version)),
        (
            "Date".into(),
            chrono::Utc::now().format("%a, %d %b %Y %H:%M:%S GMT").to_string(),
        ),
    ]
}

/// What the connection does after one exchange.
enum Next {
    KeepAlive,
    Close,
    /// The client is gone or the response was cut off: nothing more to send or read.
    Gone,
    Hijack(HijackFn, bool),
}

fn serve_connection(conn: Conn, app: &Arc<App>, first: Busy) {
    let limits = app.limits;
    let _ = conn.set_write_timeout(Some(limits.write_timeout));
    let mut reader = ConnReader::new(conn);
    let mut busy = Some(first);
    let mut idle_wait = limits.first_request_timeout;
    loop {
        let head = request::read_head(&mut reader, &limits.head, idle_wait, || {
            if busy.is_none() {
                busy = Some(Busy::new(app));
            }
        });
        idle_wait = limits.keepalive_timeout;
        let head = match head {
            Ok(Some(head)) => head,
            Ok(None) => return,
            Err(e) => {
                if let Some(status) = e.status() {
                    let mut headers = standard_headers(&app.service);
                    headers.push(("Connection".into(), "close".into()));
                    let _ = send_bytes(
                        reader.conn_mut(),
                        Response::error(&ApiError::new(status, e.to_string())),
                        headers,
                        false,
                    );
                    drop(busy);
                    linger_close(reader, limits.linger);
                }
                return;
            }
        };
        match exchange(app, &mut reader, &head) {
            Next::KeepAlive => busy = None,
            Next::Close => {
                drop(busy);
                linger_close(reader, limits.linger);
                return;
            }
            Next::Gone => return,
            Next::Hijack(run, upgraded) => {
                let _ = reader.conn().set_read_timeout(None);
                let _ = reader.conn().set_write_timeout(None);
                let (conn, pending) = reader.into_parts();
                run(crate::api::http::Hijacked::new(conn, pending, upgraded));
                return;
            }
        }
    }
}

/// Closes after an error: stop writing, then read and drop what the client is still sending
/// for a moment, so it reads the answer rather than a reset.
fn linger_close(mut reader: ConnReader, linger: Duration) {
    let _ = reader.conn().shutdown(Shutdown::Write);
    let deadline = Instant::now() + linger;
    let mut sink = vec![0u8; 16 * 1024];
    let mut total = 0;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        if left.is_zero() || total > LINGER_BYTES || reader.conn().set_read_timeout(Some(left)).is_err() {
            return;
        }
        match reader.conn_mut().read(&mut sink) {
            Ok(0) => return,
            Ok(n) => total += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
}

/// One request and its response.
fn exchange(app: &Arc<App>, reader: &mut ConnReader, head: &Head) -> Next {
    let mut headers = standard_headers(&app.service);
    let framing = match request::framing(head) {
        Ok(f) => f,
        Err(e) => {
            let status = e.status().unwrap_or(400);
            log(app, head, status);
            headers.push(("Connection".into(), "close".into()));
            let _ = send_bytes(
                reader.conn_mut(),
                Response::error(&ApiError::new(status, e.to_string())),
                headers,
                false,
            );
            return Next::Close;
        }
    };
    let keep_alive = head.keep_alive();
    let expect_continue = !head.http10 && head.headers.has_token("expect", "100-continue");
    let upgrade = head.headers.has_token("connection", "upgrade") && head.headers.has_token("upgrade", "tcp");
    let is_head = head.method == "HEAD";

    let (response, reusable) = {
        let body = Body::new(reader, framing, expect_continue, app.limits.body_read_timeout);
        handle(app, head, body, framing)
    };
    log(app, head, response.status);
    let keep = keep_alive && reusable;
    for (name, value) in response.headers {
        if !["content-length", "transfer-encoding", "connection"]
            .iter()
            .any(|h| name.eq_ignore_ascii_case(h))
        {
            headers.push((name, value));
        }
    }
    let status = response.status;
    let conn = reader.conn_mut();
    match response.body {
        ResponseBody::Empty | ResponseBody::Bytes(_) => {
            if !keep {
                headers.push(("Connection".into(), "close".into()));
            }
            let r = Response {
                status,
                headers: Vec::new(),
                body: response.body,
            };
            match send_bytes(conn, r, headers, is_head) {
                Ok(()) if keep => Next::KeepAlive,
                Ok(()) => Next::Close,
                Err(_) => Next::Gone,
            }
        }
        ResponseBody::Stream(write) => {
            let chunked = !head.http10;
            if chunked {
                headers.push(("Transfer-Encoding".into(), "chunked".into()));
            }
            if !keep || !chunked {
                headers.push(("Connection".into(), "close".into()));
            }
            if conn.write_all(&head_bytes(status, &headers)).is_err() {
                return Next::Gone;
            }
            if is_head {
                return if keep && chunked { Next::KeepAlive } else { Next::Close };
            }
            let mut out = StreamWriter::new(conn, chunked);
            match write(&mut out) {
                Ok(()) => match out.finish() {
                    Ok(()) if keep && chunked => Next::KeepAlive,
                    Ok(()) => Next::Close,
                    Err(_) => Next::Gone,
                },
                // Cut off without the last chunk: the client sees the stream failed.
                Err(_) => Next::Gone,
            }
        }
        ResponseBody::Hijack(run) => {
            let status = if upgrade {
                headers.push(("Connection".into(), "Upgrade".into()));
                headers.push(("Upgrade".into(), "tcp".into()));
                101
            } else {
                status
            };
            if conn.write_all(&head_bytes(status, &headers)).is_err() {
                return Next::Gone;
            }
            Next::Hijack(run, upgrade)
        }
    }
}

fn log(app: &App, head: &Head, status: u16) {
    if app.log_requests {
        eprintln!("DEBUG: api: {} {} {status}", head.method, head.target);
    }
}

/// Writes a complete response: Content-Length (none for 1xx, 204 and 304) and the body unless
/// the request was HEAD.
fn send_bytes(
    conn: &mut Conn,
    response: Response,
    mut headers: Vec<(String, String)>,
    is_head: bool,
) -> io::Result<()> {
    headers.extend(response.headers);
    let body = match response.body {
        ResponseBody::Bytes(b) => b,
        _ => Vec::new(),
    };
    let status = response.status;
    if !(status < 200 || status == 204 || status == 304) {
        headers.push(("Content-Length".into(), body.len().to_string()));
    }
    let mut out = head_bytes(status, &headers);
    if !is_head {
        out.extend_from_slice(&body);
    }
    conn.write_all(&out)
}

/// Routes and runs the handler, then settles the body: whether the connection can carry
/// another request depends on the body having been read to its end.
fn handle(app: &App, head: &Head, body: Body<'_>, framing: Framing) -> (Response, bool) {
    let (response, mut body) = match resolve(app, head) {
        Err(response) => (response, body),
        Ok(target) => {
            let mut req = Request {
                method: head.method.clone(),
                path: target.path,
                version: target.version,
                query: target.query,
                headers: head.headers.clone(),
                params: target.params,
                body,
                max_json: app.limits.max_json_body,
            };
            let response = match (target.handler)(&app.service, &mut req) {
                Ok(r) => r,
                Err(e) => Response::error(&e),
            };
            (response, req.body)
        }
    };
    let reusable = match framing {
        Framing::None => true,
        _ if body.is_broken() => false,
        _ if body.is_finished() => true,
        _ if body.awaiting_continue() => false,
        _ => body.drain(DRAIN_LIMIT),
    };
    (response, reusable)
}

struct Target {
    handler: crate::api::router::HandlerFn,
    version: ApiVersion,
    path: String,
    query: Query,
    params: Vec<(&'static str, String)>,
}

/// The handler for a request, or the error response: 400 for a bad version or query, 404 for
/// an unknown path, 405 for a known path with another method, 501 for what ferry does not serve.
fn resolve(app: &App, head: &Head) -> Result<Target, Response> {
    let fail = |e: ApiError| Response::error(&e);
    let (version_text, path) = version::split_version(head.path());
    if path == "/libpod" || path.starts_with("/libpod/") {
        return Err(fail(ApiError::new(
            501,
            format!(
                "{} {path}: Podman's libpod API is not implemented by ferry (the Docker API is)",
                head.method
            ),
        )));
    }
    let version = match version_text {
        Some(text) => version::check(text).map_err(|e| fail(ApiError::bad_request(e.to_string())))?,
        None => ApiVersion::MAX,
    };
    let query = Query::parse(head.query_string()).map_err(fail)?;
    let segments = path
        .trim_start_matches('/')
        .split('/')
        .map(|s| percent_decode(s, false))
        .collect::<Option<Vec<String>>>()
        .ok_or_else(|| fail(ApiError::bad_request(format!("invalid escape in path {path:?}"))))?;
    match app.router.find(&head.method, &segments) {
        Match::Found(route, params) => match route.handler {
            Handler::Serve(handler) => Ok(Target {
                handler,
                version,
                path: path.to_string(),
                query,
                params,
            }),
            Handler::NotImplemented => Err(fail(ApiError::not_implemented(
                &head.method,
                &route.pattern.replace("*}", "}"),
            ))),
            Handler::Unsupported(what) => Err(fail(ApiError::new(
                501,
                format!("{what} is not supported by ferry ({} {path})", head.method),
            ))),
        },
        Match::MethodNotAllowed(allowed) => {
            let allowed = allowed.join(", ");
            Err(fail(ApiError::new(
                405,
                format!("method {} is not allowed on {path} (allowed: {allowed})", head.method),
            ))
            .header("Allow", allowed))
        }
        Match::NotFound => Err(fail(ApiError::not_found("page not found"))),
    }
}
