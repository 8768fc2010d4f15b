//! The Docker API service's HTTP/1.1 side. The first byte picks what the rest is:
//! - 0: the bytes a client sends on one connection, to the real service (`api::Server` with
//!   ferry's router, on a UNIX socket in /dev/shm) running in this process: request heads,
//!   framing (Content-Length, chunked), bodies, pipelined requests, query strings, versioned
//!   paths and routing. The client then closes its sending side and reads every answer; each
//!   must be a well-formed HTTP/1.1 response and none a 500;
//! - 1: a chunked request body, decoded in pieces whose size the next byte picks: never more
//!   bytes out than came in, and a decoder that said "done" stays done;
//! - 2: a query string (parsed and read as handlers do: booleans, integers, `filters` JSON) and
//!   a request path (version prefix, percent-decoding, routing).
//!
//! No JSON request body is read by a served endpoint yet (only `/_ping` and `/version` are
//! served); `filters` is the JSON the service accepts today. Memory is bounded by libFuzzer's
//! `-rss_limit_mb`/`-malloc_limit_mb` (scripts/fuzz.sh): a head larger than the limit below or a
//! body the service buffers without bound shows up as an out-of-memory finding.
#![no_main]

mod common;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::Shutdown;
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use ferry::api::http::Query;
use ferry::api::http::chunked::ChunkedDecoder;
use ferry::api::http::request::{HeadLimits, percent_decode};
use ferry::api::listen::{SocketOptions, bind_unix};
use ferry::api::router::Router;
use ferry::api::version::{check, split_version};
use ferry::api::{Limits, ServeOptions, Server, Service, ServiceInfo, router};
use libfuzzer_sys::fuzz_target;

/// The most a fuzzed head may be: small, so that inputs of libFuzzer's sizes reach the limit.
const MAX_HEAD: usize = 2048;

/// The socket of the service, started on first use and serving until the process ends.
fn socket() -> &'static PathBuf {
    static SOCKET: OnceLock<PathBuf> = OnceLock::new();
    SOCKET.get_or_init(|| {
        // A client that writes after the service closed gets EPIPE, not a signal.
        // SAFETY: setting a signal disposition; no memory is shared.
        unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
        let path = common::scratch("api").join("api.sock");
        let _ = std::fs::remove_file(&path);
        let (listener, _created) =
            bind_unix(&path, SocketOptions { mode: 0o600, gid: None }).expect("binding the service socket");
        let limits = Limits {
            head: HeadLimits {
                max_head: MAX_HEAD,
                max_headers: 16,
                head_timeout: Duration::from_secs(5),
            },
            first_request_timeout: Duration::from_secs(5),
            keepalive_timeout: Duration::from_secs(5),
            max_json_body: 4096,
            body_read_timeout: Duration::from_secs(5),
            write_timeout: Duration::from_secs(5),
            max_connections: 64,
            linger: Duration::from_millis(200),
        };
        let service = Service {
            info: ServiceInfo {
                version: "0.0.0-fuzz".into(),
                arch: "amd64".into(),
                kernel: "6.1.0".into(),
            },
        };
        let options = ServeOptions {
            idle_timeout: None,
            limits,
            log_requests: false,
        };
        std::thread::spawn(move || {
            let server = Server::new(vec![listener], service, router(), options);
            let _ = server.run(None);
        });
        path
    })
}

/// Sends `data` as one client would and returns everything the service answered.
fn exchange(data: &[u8]) -> Vec<u8> {
    let mut client = UnixStream::connect(socket()).expect("connecting to the service");
    client.set_read_timeout(Some(Duration::from_secs(8))).unwrap();
    client.set_write_timeout(Some(Duration::from_secs(8))).unwrap();
    // The service may answer and close before reading everything (a refused head): fine.
    let _ = client.write_all(data);
    let _ = client.shutdown(Shutdown::Write);
    let mut answer = Vec::new();
    if let Err(e) = client.read_to_end(&mut answer) {
        assert!(
            e.kind() == std::io::ErrorKind::ConnectionReset,
            "reading the service's answer: {e} (after {} bytes)",
            answer.len()
        );
    }
    answer
}

/// Every response in `answer` begins with a status line; the first tells the status.
fn check_answer(answer: &[u8]) {
    if answer.is_empty() {
        return;
    }
    let line_end = answer
        .windows(2)
        .position(|w| w == b"\r\n")
        .unwrap_or_else(|| panic!("no status line in {:?}", String::from_utf8_lossy(answer)));
    let line = std::str::from_utf8(&answer[..line_end]).expect("status line is UTF-8");
    let status = line
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|s| s.parse::<u16>().ok())
        .unwrap_or_else(|| panic!("bad status line {line:?}"));
    assert!((100..600).contains(&status), "status {status}");
    assert_ne!(status, 500, "{}", String::from_utf8_lossy(answer));
}

fn chunked(data: &[u8]) {
    let Some((&step, mut src)) = data.split_first() else {
        return;
    };
    let input_len = src.len();
    let mut buf = vec![0u8; usize::from(step % 64) + 1];
    let mut dec = ChunkedDecoder::new();
    let mut total = 0usize;
    loop {
        match dec.read(&mut src, &mut buf) {
            Ok(0) => {
                assert!(dec.is_done(), "end of body before the last chunk");
                assert_eq!(dec.read(&mut src, &mut buf).unwrap(), 0, "data after the end");
                break;
            }
            Ok(n) => {
                assert!(n <= buf.len());
                total += n;
                assert!(total <= input_len, "{total} bytes decoded from {input_len}");
            }
            Err(e) => {
                assert!(!e.to_string().is_empty());
                break;
            }
        }
    }
}

fn query_and_path(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (path, query) = text.split_once('?').unwrap_or((text, ""));
    let _ = percent_decode(text, false);
    if let Ok(q) = Query::parse(query) {
        let keys: Vec<String> = query
            .split('&')
            .filter_map(|p| percent_decode(p.split('=').next().unwrap_or(""), true))
            .chain(["all", "filters", "tail", "t"].map(String::from))
            .collect();
        for key in &keys {
            let _ = q.bool(key);
            let _ = q.int(key);
            let _ = q.get_all(key).count();
            let _ = q.json::<serde_json::Value>(key);
            // Docker's filters: a map of names to a list or to a map of values.
            let _ = q.json::<HashMap<String, Vec<String>>>(key);
            let _ = q.json::<HashMap<String, HashMap<String, bool>>>(key);
        }
    }
    let (version, rest) = split_version(path);
    if let Some(v) = version {
        let _ = check(v);
    }
    let segments: Option<Vec<String>> = rest
        .trim_start_matches('/')
        .split('/')
        .map(|s| percent_decode(s, false))
        .collect();
    if let Some(segments) = segments {
        static ROUTER: OnceLock<Router> = OnceLock::new();
        let r = ROUTER.get_or_init(router);
        for method in ["GET", "POST", "HEAD", "DELETE", "PUT"] {
            let _ = r.find(method, &segments);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    match which % 3 {
        0 => check_answer(&exchange(rest)),
        1 => chunked(rest),
        _ => query_and_path(rest),
    }
});
