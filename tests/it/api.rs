//! `ferry system service`: the Docker Engine API served to real clients (the docker CLI,
//! curl, python3-docker), idle exit, socket activation, the socket's mode, and hostile
//! requests — never with a Docker daemon.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::MetadataExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::*;

const PING: &[u8] = b"GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n";

/// A running `ferry system service`, killed when dropped.
struct Service {
    child: Child,
    uri: String,
    stderr: Arc<Mutex<String>>,
}

impl Service {
    /// Starts `ferry system service ARGS` and waits for it to say where it listens.
    fn start(ctx: &TestContext, args: &[&str]) -> Service {
        let mut all = vec!["system", "service"];
        all.extend_from_slice(args);
        Service::spawn(ctx.ferry_command(&all))
    }

    fn spawn(cmd: Command) -> Service {
        let (mut svc, rx) = Service::spawn_quiet(cmd);
        svc.uri = wait_banner(&rx, &svc.stderr);
        svc
    }

    /// Starts the command without waiting for the banner (an activator prints it only after a
    /// first connection); the receiver gets stderr's lines.
    fn spawn_quiet(mut cmd: Command) -> (Service, Receiver<String>) {
        let mut child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start ferry system service");
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = channel();
        let pipe = child.stderr.take().unwrap();
        let log = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                log.lock().unwrap().push_str(&format!("{line}\n"));
                let _ = tx.send(line);
            }
        });
        (
            Service {
                child,
                uri: String::new(),
                stderr,
            },
            rx,
        )
    }

    fn socket(&self) -> PathBuf {
        PathBuf::from(self.uri.strip_prefix("unix://").expect("a unix:// URI"))
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Waits for the service to exit on its own.
    fn wait_exit(&mut self, within: Duration) -> ExitStatus {
        let t = Instant::now();
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                return st;
            }
            assert!(
                t.elapsed() < within,
                "the service did not exit within {within:?}\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn signal(&self, sig: nix::sys::signal::Signal) {
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(self.child.id() as i32), sig).unwrap();
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_banner(rx: &Receiver<String>, log: &Arc<Mutex<String>>) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) => {
                if let Some(uri) = line.strip_prefix("ferry API service listening on ") {
                    return uri.to_string();
                }
            }
            Err(_) => panic!(
                "the service never said where it listens; stderr:\n{}",
                log.lock().unwrap()
            ),
        }
    }
}

/// One raw request on a new connection; the status, headers and body of the answer.
fn raw(socket: &Path, request: &[u8]) -> (u16, String, Vec<u8>) {
    let mut s = UnixStream::connect(socket).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    // The service may answer and close before reading all of a hostile request.
    let _ = s.write_all(request);
    read_response(&mut BufReader::new(s))
}

fn read_response(r: &mut impl BufRead) -> (u16, String, Vec<u8>) {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {head:?}"));
    let len = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length: ")
                .map(|v| v.trim().parse::<usize>().unwrap())
        })
        .unwrap_or(0);
    let mut body = vec![0u8; len];
    r.read_exact(&mut body).unwrap();
    (status, head, body)
}

fn message(body: &[u8]) -> String {
    let v: serde_json::Value = serde_json::from_slice(body)
        .unwrap_or_else(|e| panic!("not a JSON error body ({e}): {:?}", String::from_utf8_lossy(body)));
    v["message"].as_str().expect("a message").to_string()
}

/// True when the service closed the connection.
fn closed(s: &mut UnixStream) -> bool {
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut rest = Vec::new();
    matches!(s.read_to_end(&mut rest), Ok(_) | Err(_)) && rest.is_empty()
}

/// The docker clients on this machine: Debian's 20.10 (`docker.io`, installed by .ci/run) and a
/// newer one some machine images carry. Each is tested.
fn docker_clients() -> Vec<&'static str> {
    let clients: Vec<_> = ["/usr/bin/docker", "/usr/local/bin/docker"]
        .into_iter()
        .filter(|p| Path::new(p).exists())
        .collect();
    assert!(
        !clients.is_empty(),
        "no docker client: install docker.io (`bash .ci/run` does)"
    );
    clients
}

/// curl as the mode's user.
fn curl(ctx: &TestContext, socket: &Path, args: &[&str]) -> Output {
    let mut cmd = ctx.command("/usr/bin/curl");
    cmd.args(["-sS", "--max-time", "30", "--unix-socket", p(socket)])
        .args(args);
    run(cmd, None)
}

both_modes!(docker_version, |ctx| {
    let svc = Service::start(ctx, &["--time", "0"]);
    let socket = svc.socket();
    assert_eq!(socket, ctx.runroot().join("ferry.sock"), "the default socket");
    let meta = std::fs::symlink_metadata(&socket).unwrap();
    let (mode, uid) = match ctx.mode {
        Mode::Root => (0o660, 0),
        Mode::Rootless => (0o600, test_user().uid),
    };
    assert_eq!((meta.mode() & 0o777, meta.uid()), (mode, uid), "socket mode and owner");
    for docker in docker_clients() {
        let mut cmd = ctx.command(docker);
        cmd.env("DOCKER_HOST", &svc.uri).arg("version");
        let out = run(cmd, None).success();
        let text = out.stdout();
        let (client, server) = text
            .split_once("Server: ferry")
            .unwrap_or_else(|| panic!("{docker}: {text}"));
        assert!(client.starts_with("Client:"), "{docker}: {text}");
        assert!(
            server.contains(&format!("Version:          {}", env!("CARGO_PKG_VERSION"))),
            "{docker}: {text}"
        );
        assert!(
            server.contains("API version:      1.50 (minimum version 1.24)"),
            "{docker}: {text}"
        );
        let mut cmd = ctx.command(docker);
        cmd.env("DOCKER_HOST", &svc.uri)
            .args(["version", "--format", "{{.Server.Version}} {{.Client.APIVersion}}"]);
        let out = run(cmd, None).success();
        let (server, api) = out
            .stdout()
            .trim()
            .split_once(' ')
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .unwrap();
        assert_eq!(server, env!("CARGO_PKG_VERSION"));
        // The client negotiated: its own version when older than the service's newest.
        assert!(["1.41", "1.50"].contains(&api.as_str()), "{docker}: negotiated {api}");
    }
});

both_modes!(curl_ping_errors, |ctx| {
    let svc = Service::start(ctx, &["--time", "0"]);
    let socket = svc.socket();
    let ping = curl(ctx, &socket, &["-i", "http://d/_ping"]).success().stdout();
    let (head, body) = ping.split_once("\r\n\r\n").unwrap();
    assert_eq!(body, "OK");
    for header in [
        "HTTP/1.1 200 OK",
        "Api-Version: 1.50",
        "Docker-Experimental: false",
        "Ostype: linux",
        "Builder-Version: 1",
        &format!("Server: ferry/{} (linux)", env!("CARGO_PKG_VERSION")),
    ] {
        assert!(head.lines().any(|l| l == header), "{header:?} missing in\n{head}");
    }
    let head = curl(ctx, &socket, &["-I", "http://d/v1.41/_ping"]).success().stdout();
    assert!(
        head.contains("Api-Version: 1.50") && head.contains("Content-Length: 0"),
        "{head}"
    );

    let status_body = |path: &str| {
        let out = curl(ctx, &socket, &["-w", "\n%{http_code}", &format!("http://d{path}")])
            .success()
            .stdout();
        let (body, code) = out.rsplit_once('\n').unwrap();
        (code.parse::<u16>().unwrap(), message(body.as_bytes()))
    };
    let v: serde_json::Value =
        serde_json::from_str(&curl(ctx, &socket, &["http://d/v1.41/version"]).success().stdout()).unwrap();
    assert_eq!(v["Version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        (v["ApiVersion"].as_str(), v["MinAPIVersion"].as_str()),
        (Some("1.50"), Some("1.24"))
    );
    assert_eq!(v["Components"][0]["Name"], "Engine");
    assert_eq!(v["Os"], "linux");
    assert_eq!(
        status_body("/v1.99/version"),
        (
            400,
            "client version 1.99 is too new. Maximum supported API version is 1.50".to_string()
        )
    );
    let (code, msg) = status_body("/v1.23/version");
    assert!(
        code == 400 && msg.contains("client version 1.23 is too old"),
        "{code} {msg}"
    );
    assert_eq!(status_body("/v1.41/no/such/thing"), (404, "page not found".to_string()));
    assert_eq!(
        status_body("/v1.41/containers/json?all=1"),
        (501, "GET /containers/json is not implemented by ferry".to_string())
    );
    assert_eq!(
        status_body("/images/registry:5000/ns/img:1/json"),
        (501, "GET /images/{name}/json is not implemented by ferry".to_string())
    );
});

both_modes!(python_sdk, |ctx| {
    let svc = Service::start(ctx, &["--time", "0"]);
    let script = r#"
import docker
client = docker.from_env()
print("ping", client.ping())
v = client.version()
print("version", v["Version"], v["ApiVersion"])
print("api", client.api.api_version)
"#;
    let mut cmd = ctx.command("/usr/bin/python3");
    cmd.env("DOCKER_HOST", &svc.uri).args(["-c", script]);
    let out = run(cmd, None).success();
    let lines = out.lines();
    assert_eq!(lines[0], "ping True");
    assert_eq!(lines[1], format!("version {} 1.50", env!("CARGO_PKG_VERSION")));
    assert!(lines[2].starts_with("api 1."), "{lines:?}");
});

both_modes!(idle_exit, |ctx| {
    let mut svc = Service::start(ctx, &["--time", "1"]);
    let socket = svc.socket();
    curl(ctx, &socket, &["http://d/_ping"]).success();
    let last = Instant::now();
    assert!(svc.wait_exit(Duration::from_secs(10)).success());
    let idle = last.elapsed();
    assert!(
        idle >= Duration::from_millis(900) && idle < Duration::from_secs(4),
        "exited {idle:?} after the last request"
    );
    assert!(!socket.exists(), "the socket is removed on exit");

    let mut svc = Service::start(ctx, &["--time", "1"]);
    let socket = svc.socket();
    // A request that has begun keeps the service up beyond the idle time.
    let mut open = UnixStream::connect(&socket).unwrap();
    open.write_all(b"GET /_ping HTTP/1.1\r\nHo").unwrap();
    std::thread::sleep(Duration::from_millis(2500));
    assert!(svc.running(), "exited while a request was open\n{}", svc.stderr());
    open.write_all(b"st: d\r\nConnection: close\r\n\r\n").unwrap();
    let (status, _, body) = read_response(&mut BufReader::new(open.try_clone().unwrap()));
    assert_eq!((status, body.as_slice()), (200, &b"OK"[..]));
    drop(open);
    let done = Instant::now();
    assert!(svc.wait_exit(Duration::from_secs(10)).success());
    assert!(done.elapsed() >= Duration::from_millis(900), "{:?}", done.elapsed());
});

both_modes!(sigterm, |ctx| {
    let mut svc = Service::start(ctx, &["--time", "0"]);
    let socket = svc.socket();
    // Rootless, the service works in ferry's user namespace (entered before any thread), where
    // handlers can do what the CLI does.
    let uid_map = std::fs::read_to_string(format!("/proc/{}/uid_map", svc.child.id())).unwrap();
    let first: Vec<u64> = uid_map
        .lines()
        .next()
        .unwrap()
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    match ctx.mode {
        Mode::Root => assert_eq!(first, [0, 0, 4294967295], "root stays in the initial namespace"),
        Mode::Rootless => {
            assert_eq!(first, [0, u64::from(test_user().uid), 1], "{uid_map}");
            assert!(uid_map.contains(&test_user().subuid_start.to_string()), "{uid_map}");
        }
    }
    std::thread::sleep(Duration::from_secs(2));
    assert!(svc.running());
    svc.signal(nix::sys::signal::Signal::SIGTERM);
    assert!(svc.wait_exit(Duration::from_secs(10)).success());
    assert!(!socket.exists());
});

/// The service as a socket-activated process: `LISTEN_PID` is its own pid (the shell execs it),
/// the listening socket is descriptor 3.
fn activated(ctx: &TestContext, listener: &UnixListener, listen_pid: &str) -> Command {
    let mut cmd = ctx.command("/bin/sh");
    let script = format!("export LISTEN_PID={listen_pid} LISTEN_FDS=1 LISTEN_FDNAMES=ferry.socket; exec \"$@\"");
    cmd.args(["-c", &script, "sh"]).arg(ferry_bin());
    if ctx.mode == Mode::Root {
        cmd.arg("--root")
            .arg(ctx.store_root())
            .arg("--runroot")
            .arg(ctx.runroot());
    }
    cmd.args(["system", "service", "--time", "1"]);
    let fd = listener.as_raw_fd();
    // SAFETY: dup2 and fcntl are async-signal-safe; the descriptor stays open in the parent.
    unsafe {
        cmd.pre_exec(move || {
            if fd == 3 {
                if libc::fcntl(3, libc::F_SETFD, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
            } else if libc::dup2(fd, 3) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd
}

both_modes!(activation, |ctx| {
    let path = ctx.file("activator.sock");
    let listener = UnixListener::bind(&path).unwrap();
    for round in 0..2 {
        // As with systemd, the client connects first; the service is started for it.
        let mut early = UnixStream::connect(&path).unwrap();
        early.write_all(PING).unwrap();
        let mut svc = Service::spawn(activated(ctx, &listener, "$$"));
        assert_eq!(svc.uri, format!("unix://{}", p(&path)), "round {round}");
        let (status, _, body) = read_response(&mut BufReader::new(early));
        assert_eq!((status, body.as_slice()), (200, &b"OK"[..]), "round {round}");
        assert!(
            svc.wait_exit(Duration::from_secs(10)).success(),
            "idle exit, round {round}"
        );
        assert!(path.exists(), "the activator's socket stays");
        assert!(!ctx.runroot().join("ferry.sock").exists(), "no socket of its own");
    }
    // Variables meant for another process are ignored: the service makes its own socket.
    let svc = Service::spawn(activated(ctx, &listener, "1"));
    assert_eq!(svc.socket(), ctx.runroot().join("ferry.sock"));
});

both_modes!(systemd_socket_activate, |ctx| {
    // systemd's own activator (the protocol as systemd implements it) execs the service on the
    // first connection, with the listening socket as descriptor 3.
    let path = ctx.file("sd.sock");
    let mut cmd = ctx.command("/usr/bin/systemd-socket-activate");
    cmd.args(["-l", p(&path), "--fdname=ferry.socket"]).arg(ferry_bin());
    if ctx.mode == Mode::Root {
        cmd.arg("--root")
            .arg(ctx.store_root())
            .arg("--runroot")
            .arg(ctx.runroot());
    }
    cmd.args(["system", "service", "--time", "1"]);
    let (mut svc, rx) = Service::spawn_quiet(cmd);
    // The activator binds the path before it calls listen(): until then a connection is refused.
    let t = Instant::now();
    while UnixStream::connect(&path).is_err() {
        assert!(
            t.elapsed() < Duration::from_secs(10),
            "the activator did not listen\n{}",
            svc.stderr()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let (status, _, body) = raw(&path, PING);
    assert_eq!((status, body.as_slice()), (200, &b"OK"[..]));
    assert_eq!(wait_banner(&rx, &svc.stderr), format!("unix://{}", p(&path)));
    assert!(svc.wait_exit(Duration::from_secs(10)).success(), "{}", svc.stderr());
    assert!(!ctx.runroot().join("ferry.sock").exists(), "no socket of its own");
});

/// The shipped unit files are valid for systemd (checked offline, with ExecStart pointing at
/// this build) and match what the service expects.
#[test]
fn systemd_units_verify() {
    let ctx = &TestContext::new(Mode::Root);
    let contrib = Path::new(env!("CARGO_MANIFEST_DIR")).join("contrib/systemd");
    for instance in ["system", "user"] {
        let dir = ctx.file(instance);
        std::fs::create_dir_all(&dir).unwrap();
        for unit in ["ferry.socket", "ferry.service"] {
            let text = std::fs::read_to_string(contrib.join(instance).join(unit)).unwrap();
            if unit == "ferry.socket" {
                assert!(
                    text.contains("ListenStream=%t/ferry/ferry.sock\n"),
                    "{instance}/{unit}: the default socket"
                );
                let mode = if instance == "system" {
                    "SocketMode=0660\n"
                } else {
                    "SocketMode=0600\n"
                };
                assert!(text.contains(mode), "{instance}/{unit}: {mode}");
            } else {
                assert!(
                    text.contains("KillMode=process\n"),
                    "{instance}/{unit}: containers outlive the service"
                );
                assert!(
                    text.contains("ExecStart=/usr/local/bin/ferry system service"),
                    "{instance}/{unit}"
                );
            }
            let text = text.replace("/usr/local/bin/ferry", p(ferry_bin()));
            std::fs::write(dir.join(unit), text).unwrap();
        }
        let mut cmd = Command::new("/usr/bin/systemd-analyze");
        cmd.args(["verify", "--man=no"])
            .arg(dir.join("ferry.socket"))
            .arg(dir.join("ferry.service"))
            .env("SYSTEMD_LOG_LEVEL", "notice");
        let out = run(cmd, None).success();
        assert!(
            out.stderr.trim().is_empty() && out.stdout().trim().is_empty(),
            "{instance}: {}{}",
            out.stdout(),
            out.stderr
        );
    }
}

both_modes!(refusals, |ctx| {
    let target = ctx.file("target");
    std::fs::write(&target, "keep").unwrap();
    let link = ctx.file("link.sock");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let uri = format!("unix://{}", p(&link));
    ctx.ferry(&["system", "service", &uri])
        .code(125)
        .stderr_contains("refusing to replace a symlink");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    ctx.ferry(&["system", "service", &format!("unix://{}", p(&target))])
        .code(125)
        .stderr_contains("exists and is not a socket");
    ctx.ferry(&["system", "service", "http://localhost:80"])
        .code(125)
        .stderr_contains("unsupported service URI");

    let svc = Service::start(ctx, &["--time", "0"]);
    ctx.ferry(&["system", "service", "--time", "0"])
        .code(125)
        .stderr_contains("another service is listening");
    assert_eq!(raw(&svc.socket(), PING).0, 200, "the first service is untouched");
    if ctx.mode == Mode::Rootless {
        ctx.ferry(&["system", "service", "--group", "ferrytest"])
            .code(125)
            .stderr_contains("--group is for the root service");
    }
});

#[test]
fn group_access() {
    let ctx = &TestContext::new(Mode::Root);
    let user = test_user();
    let as_user = |socket: &Path| {
        let mut cmd = Command::new("/usr/bin/setpriv");
        cmd.args(["--reuid=ferrytest", "--regid=ferrytest", "--init-groups", "--"])
            .args(["/usr/bin/curl", "-sS", "--unix-socket", p(socket), "http://d/_ping"]);
        run(cmd, None)
    };
    let svc = Service::start(ctx, &["--time", "0", "--group", "ferrytest"]);
    let socket = svc.socket();
    let meta = std::fs::symlink_metadata(&socket).unwrap();
    assert_eq!((meta.mode() & 0o777, meta.uid(), meta.gid()), (0o660, 0, user.gid));
    let dir = std::fs::metadata(ctx.runroot()).unwrap();
    assert_eq!(
        (dir.mode() & 0o777, dir.gid()),
        (0o710, user.gid),
        "runroot searchable by the group only"
    );
    assert_eq!(as_user(&socket).success().stdout(), "OK");
    drop(svc);
    // Without --group the same user is refused.
    let _svc = Service::start(ctx, &["--time", "0"]);
    let meta = std::fs::symlink_metadata(&socket).unwrap();
    assert_eq!((meta.mode() & 0o777, meta.gid()), (0o660, 0));
    as_user(&socket).failure().stderr_contains("Couldn't connect");
}

both_modes!(tcp_warns, |ctx| {
    let svc = Service::start(ctx, &["--time", "0", "tcp://127.0.0.1:0"]);
    let addr = svc
        .uri
        .strip_prefix("tcp://127.0.0.1:")
        .expect("a tcp URI with the port");
    assert_ne!(addr, "0");
    assert!(
        svc.stderr().contains("WARN: tcp://127.0.0.1:") && svc.stderr().contains("is not authenticated"),
        "{}",
        svc.stderr()
    );
    let mut cmd = ctx.command("/usr/bin/curl");
    cmd.args(["-sS", "--max-time", "30", &format!("http://127.0.0.1:{addr}/_ping")]);
    assert_eq!(run(cmd, None).success().stdout(), "OK");
    assert!(!ctx.runroot().join("ferry.sock").exists());
});

both_modes!(hostile, |ctx| {
    let mut svc = Service::start(ctx, &["--time", "0"]);
    let socket = svc.socket();
    let ok = |svc: &mut Service| {
        assert!(svc.running(), "{}", svc.stderr());
        assert_eq!(raw(&socket, PING).0, 200);
    };

    // A slow client holding a partial request does not hold up others; it is cut off.
    let mut slow = UnixStream::connect(&socket).unwrap();
    slow.write_all(b"POST /v1.41/containers/create HTTP/1.1\r\nHost: d\r\nContent-Le")
        .unwrap();
    let t = Instant::now();
    ok(&mut svc);
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());

    // Oversized headers.
    let big = format!(
        "GET /_ping HTTP/1.1\r\nHost: d\r\nX-Big: {}\r\n\r\n",
        "a".repeat(300 * 1024)
    );
    let (status, _, body) = raw(&socket, big.as_bytes());
    assert_eq!(status, 431);
    assert!(message(&body).contains("larger than"), "{}", message(&body));
    let many: String = (0..150).map(|i| format!("X-H{i}: v\r\n")).collect();
    let (status, _, body) = raw(
        &socket,
        format!("GET /_ping HTTP/1.1\r\nHost: d\r\n{many}\r\n").as_bytes(),
    );
    assert_eq!(
        (status, message(&body)),
        (431, "more than 100 request headers".to_string())
    );
    ok(&mut svc);

    // Smuggling shapes: refused, and what hides behind them is never answered.
    let hidden = "GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n";
    for (framing, code) in [
        (
            format!("Content-Length: {}\r\nTransfer-Encoding: chunked", hidden.len() + 5),
            400,
        ),
        ("Content-Length: 3\r\nContent-Length: 40".to_string(), 400),
        ("Content-Length: -1".to_string(), 400),
        ("Transfer-Encoding: gzip, chunked".to_string(), 501),
    ] {
        let mut s = UnixStream::connect(&socket).unwrap();
        s.write_all(
            format!("POST /v1.41/containers/create HTTP/1.1\r\nHost: d\r\n{framing}\r\n\r\n0\r\n\r\n{hidden}")
                .as_bytes(),
        )
        .unwrap();
        let mut r = BufReader::new(s.try_clone().unwrap());
        let (status, head, body) = read_response(&mut r);
        assert_eq!(status, code, "{framing:?}: {}", String::from_utf8_lossy(&body));
        assert!(head.contains("Connection: close"), "{head}");
        let mut rest = Vec::new();
        let _ = r.read_to_end(&mut rest);
        assert!(
            rest.is_empty(),
            "{framing:?}: answered the hidden request: {}",
            String::from_utf8_lossy(&rest)
        );
    }
    ok(&mut svc);

    // A malformed chunked body: answered, then the connection is closed (its framing is lost).
    let mut s = UnixStream::connect(&socket).unwrap();
    s.write_all(b"POST /v1.41/containers/create HTTP/1.1\r\nHost: d\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\nGET /_ping HTTP/1.1\r\nHost: d\r\n\r\n")
        .unwrap();
    let mut r = BufReader::new(s.try_clone().unwrap());
    let (status, _, body) = read_response(&mut r);
    assert_eq!(
        (status, message(&body)),
        (501, "POST /containers/create is not implemented by ferry".to_string())
    );
    assert!(closed(&mut s), "the connection must close after a malformed body");

    // A large JSON body to an endpoint: a clear answer, not a hang or a crash.
    let mut cmd = ctx.command("/usr/bin/curl");
    let big_json = ctx.file("big.json");
    std::fs::write(&big_json, format!("{{\"Env\":[\"{}\"]}}", "x".repeat(8 << 20))).unwrap();
    cmd.args([
        "-sS",
        "--unix-socket",
        p(&socket),
        "-H",
        "Content-Type: application/json",
    ])
    .args(["--data-binary", &format!("@{}", p(&big_json)), "-w", "\n%{http_code}"])
    .arg("http://d/v1.41/containers/create");
    let out = run(cmd, None).stdout();
    assert!(out.ends_with("\n501"), "{out}");

    // Unknown endpoints and garbage.
    assert_eq!(raw(&socket, b"GET /v1.41/nope HTTP/1.1\r\nHost: d\r\n\r\n").0, 404);
    assert_eq!(raw(&socket, b"GARBAGE\x00\x01\r\n\r\n").0, 400);
    assert_eq!(raw(&socket, b"GET / HTTP/1.1\r\n\r\n").0, 400, "no Host");
    ok(&mut svc);

    // The slow client is cut off after the head timeout (10 s) with 408.
    let (status, _, body) = read_response(&mut BufReader::new(slow));
    assert_eq!(
        (status, message(&body)),
        (408, "timed out reading the request headers".to_string())
    );
    assert!(t.elapsed() >= Duration::from_secs(9), "{:?}", t.elapsed());
    ok(&mut svc);
});
