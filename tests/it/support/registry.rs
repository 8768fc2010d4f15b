//! Registries for the tests: Debian's `docker-registry` (distribution 2.8) on 127.0.0.1 with a
//! random port (plain HTTP, TLS with a test CA, htpasswd basic auth, or bearer tokens from a
//! token service implemented here), and a hand-written hostile registry that misbehaves in one
//! chosen way. skopeo, an independent implementation, fills registries and checks what ferry
//! pushed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::{Value, json};

use super::fixtures::{BuiltImage, digest};
use super::{Output, run};

/// The user the htpasswd registry and the token service accept.
pub const USER: &str = "ferryuser";
/// That user's password.
pub const PASSWORD: &str = "pa55-w0rd!";
/// The `service` the token-auth registry names in its challenge (the token audience).
pub const TOKEN_SERVICE: &str = "ferry-test-registry";
const TOKEN_ISSUER: &str = "ferry-test-token-issuer";
const REGISTRY_BIN: &str = "/usr/bin/docker-registry";
const STARTUP_TIMEOUT: Duration = Duration::from_secs(20);

const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";

/// A fresh world-readable directory under /tmp, removed on drop. The rootless user reads
/// certificates from it, so it is 0755.
struct TempDir(PathBuf);

impl TempDir {
    fn new(what: &str) -> TempDir {
        static N: AtomicU32 = AtomicU32::new(0);
        let dir = PathBuf::from(format!(
            "/tmp/ferry-it-{what}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("mkdir {}: {e}", dir.display()));
        chmod(&dir, 0o755);
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .unwrap_or_else(|e| panic!("chmod {}: {e}", path.display()));
}

fn write_file(path: &Path, data: impl AsRef<[u8]>) {
    std::fs::write(path, data).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
    chmod(path, 0o644);
}

/// Runs a helper tool (openssl, htpasswd) and returns its stdout, panicking with its stderr.
fn tool(program: &str, args: &[&str], cwd: &Path, input: Option<&[u8]>) -> Vec<u8> {
    let mut cmd = Command::new(program);
    cmd.args(args).current_dir(cwd);
    let out = run(cmd, input);
    assert!(
        out.code == Some(0),
        "{} failed ({:?}): {}",
        out.cmdline,
        out.code,
        out.stderr
    );
    out.stdout_bytes
}

/// A port nobody listens on right now (the registry binds it a moment later; a clash makes the
/// registry exit, and the fixture retries with another port).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A test certificate authority and a server certificate for 127.0.0.1 and localhost, made
/// with the openssl CLI.
struct TlsFiles {
    ca_cert: PathBuf,
    server_cert: PathBuf,
    server_key: PathBuf,
}

fn make_tls(dir: &Path) -> TlsFiles {
    std::fs::create_dir_all(dir).unwrap();
    chmod(dir, 0o755);
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    let mut args = vec!["req", "-x509"];
    args.extend(ec);
    args.extend([
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "3650",
        "-subj",
        "/CN=ferry test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    tool("openssl", &args, dir, None);
    let mut args = vec!["req"];
    args.extend(ec);
    args.extend(["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"]);
    tool("openssl", &args, dir, None);
    write_file(
        &dir.join("server.ext"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=critical,CA:FALSE\n\
         keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n",
    );
    tool(
        "openssl",
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.crt",
            "-days",
            "3650",
            "-extfile",
            "server.ext",
        ],
        dir,
        None,
    );
    TlsFiles {
        ca_cert: dir.join("ca.crt"),
        server_cert: dir.join("server.crt"),
        server_key: dir.join("server.key"),
    }
}

/// How the registry authenticates clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    None,
    /// Basic auth against an htpasswd file holding [`USER`] (bcrypt).
    Htpasswd,
    /// Bearer tokens from a [`TokenServer`]: anonymous clients may pull repositories under
    /// `public/`; [`USER`] may pull and push everything.
    Token,
}

/// A running `docker-registry`, killed and its storage removed on drop.
pub struct Registry {
    /// `127.0.0.1:PORT`.
    pub host: String,
    pub auth: Auth,
    child: Child,
    tls: Option<TlsFiles>,
    token: Option<TokenServer>,
    dir: TempDir,
}

impl Registry {
    /// Plain HTTP, no authentication.
    pub fn plain() -> Registry {
        Registry::start(false, Auth::None)
    }

    /// HTTPS with a certificate from a test CA (see [`Registry::certs_d`]).
    pub fn tls() -> Registry {
        Registry::start(true, Auth::None)
    }

    /// Plain HTTP with htpasswd basic auth.
    pub fn htpasswd() -> Registry {
        Registry::start(false, Auth::Htpasswd)
    }

    /// Plain HTTP with bearer-token auth from a test token service.
    pub fn token() -> Registry {
        Registry::start(false, Auth::Token)
    }

    pub fn start(tls: bool, auth: Auth) -> Registry {
        assert!(
            Path::new(REGISTRY_BIN).exists(),
            "{REGISTRY_BIN} is missing: install Debian's docker-registry (run .ci/run)"
        );
        let dir = TempDir::new("registry");
        let tls = tls.then(|| make_tls(&dir.0.join("tls")));
        let mut auth_yaml = String::new();
        let mut token = None;
        match auth {
            Auth::None => {}
            Auth::Htpasswd => {
                let line = tool("htpasswd", &["-Bbn", USER, PASSWORD], &dir.0, None);
                let path = dir.0.join("htpasswd");
                write_file(&path, line);
                auth_yaml = format!(
                    "auth:\n  htpasswd:\n    realm: ferry-test\n    path: {}\n",
                    path.display()
                );
            }
            Auth::Token => {
                let server = TokenServer::start(&dir.0.join("token"));
                auth_yaml = format!(
                    "auth:\n  token:\n    realm: http://{}/token\n    service: {TOKEN_SERVICE}\n    issuer: {TOKEN_ISSUER}\n    rootcertbundle: {}\n",
                    server.host,
                    server.root_cert.display()
                );
                token = Some(server);
            }
        }
        let tls_yaml = tls.as_ref().map_or(String::new(), |t| {
            format!(
                "  tls:\n    certificate: {}\n    key: {}\n",
                t.server_cert.display(),
                t.server_key.display()
            )
        });
        let storage = dir.0.join("storage");
        std::fs::create_dir_all(&storage).unwrap();
        let mut last_log = String::new();
        for _attempt in 0..5 {
            let host = format!("127.0.0.1:{}", free_port());
            let config = format!(
                "version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: false\nstorage:\n  filesystem:\n    rootdirectory: {}\n  delete:\n    enabled: true\n  maintenance:\n    uploadpurging:\n      enabled: false\nhttp:\n  addr: {host}\n  secret: ferry-test-secret\n{tls_yaml}{auth_yaml}",
                storage.display()
            );
            let config_path = dir.0.join("config.yml");
            write_file(&config_path, config);
            let log_path = dir.0.join("registry.log");
            let log = std::fs::File::create(&log_path).unwrap();
            let child = Command::new(REGISTRY_BIN)
                .arg("serve")
                .arg(&config_path)
                .env_clear()
                .env("PATH", "/usr/bin:/bin")
                .stdin(Stdio::null())
                .stdout(log.try_clone().unwrap())
                .stderr(log)
                .spawn()
                .unwrap_or_else(|e| panic!("starting {REGISTRY_BIN}: {e}"));
            let mut registry = Registry {
                host,
                auth,
                child,
                tls: None,
                token: None,
                dir: TempDir(PathBuf::new()),
            };
            if registry.wait_ready(&log_path, tls.is_some()) {
                registry.tls = tls;
                registry.token = token;
                registry.dir = dir;
                return registry;
            }
            last_log = std::fs::read_to_string(&log_path).unwrap_or_default();
        }
        panic!("docker-registry did not start; its log:\n{last_log}");
    }

    /// Waits until the registry answers (TCP accept for TLS, `GET /v2/` for plain HTTP).
    /// False when it exited (e.g. the port was taken meanwhile).
    fn wait_ready(&mut self, log: &Path, tls: bool) -> bool {
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        while Instant::now() < deadline {
            if self.child.try_wait().unwrap().is_some() {
                return false;
            }
            if let Ok(mut s) = TcpStream::connect(&self.host) {
                if tls {
                    return true;
                }
                let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
                let req = format!("GET /v2/ HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.host);
                let mut resp = String::new();
                if s.write_all(req.as_bytes()).is_ok()
                    && s.read_to_string(&mut resp).is_ok()
                    && (resp.starts_with("HTTP/1.1 200") || resp.starts_with("HTTP/1.1 401"))
                {
                    return true;
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        panic!(
            "docker-registry at {} did not answer within {STARTUP_TIMEOUT:?}; log:\n{}",
            self.host,
            std::fs::read_to_string(log).unwrap_or_default()
        );
    }

    /// How many times the access log shows a `GET` of blob `digest` (`sha256:…`).
    pub fn blob_gets(&self, digest: &str) -> usize {
        self.log()
            .lines()
            .filter(|l| l.contains("\"GET /v2/") && l.contains(&format!("/blobs/{digest}")))
            .count()
    }

    /// `127.0.0.1:PORT/<name>` for `name` like `ns/img:tag`.
    pub fn reference(&self, name: &str) -> String {
        format!("{}/{name}", self.host)
    }

    /// A certs.d directory holding `<host:port>/ca.crt` for this TLS registry (for
    /// `FERRY_CERTS_D`); [`Registry::cert_dir`] is the inner directory (for `--cert-dir`).
    pub fn certs_d(&self) -> PathBuf {
        let tls = self.tls.as_ref().expect("certs_d() is for the TLS registry");
        let certs_d = self.dir.0.join("certs.d");
        let inner = certs_d.join(&self.host);
        if !inner.exists() {
            std::fs::create_dir_all(&inner).unwrap();
            chmod(&certs_d, 0o755);
            chmod(&inner, 0o755);
            std::fs::copy(&tls.ca_cert, inner.join("ca.crt")).unwrap();
            chmod(&inner.join("ca.crt"), 0o644);
        }
        certs_d
    }

    /// `<certs_d>/<host:port>`.
    pub fn cert_dir(&self) -> PathBuf {
        self.certs_d().join(&self.host)
    }

    /// An empty certs.d directory (the CA is nowhere to be found).
    pub fn empty_certs_d(&self) -> PathBuf {
        let d = self.dir.0.join("empty-certs.d");
        std::fs::create_dir_all(&d).unwrap();
        chmod(&d, 0o755);
        d
    }

    /// The registry's log so far, for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.0.join("registry.log")).unwrap_or_default()
    }

    /// Writes a registries.conf marking this registry insecure, optionally as the only
    /// unqualified-search registry, and returns its path (for `CONTAINERS_REGISTRIES_CONF`).
    pub fn registries_conf(&self, search: bool) -> PathBuf {
        let path = self
            .dir
            .0
            .join(format!("registries-{}.conf", if search { "search" } else { "plain" }));
        let mut text = String::new();
        if search {
            text.push_str(&format!("unqualified-search-registries = [\"{}\"]\n\n", self.host));
        }
        text.push_str(&format!(
            "[[registry]]\nlocation = \"{}\"\ninsecure = true\n",
            self.host
        ));
        write_file(&path, text);
        path
    }

    /// skopeo as root in a clean environment (no credentials of its own).
    pub fn skopeo(&self, args: &[&str]) -> Output {
        let home = self.dir.0.join("skopeo-home");
        std::fs::create_dir_all(&home).unwrap();
        let mut cmd = Command::new("/usr/bin/skopeo");
        cmd.env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("HOME", &home)
            .env("TMPDIR", &home)
            .env("XDG_RUNTIME_DIR", &home)
            .current_dir(&home)
            .arg("--insecure-policy")
            .args(args);
        run(cmd, None)
    }

    fn creds(&self) -> Option<String> {
        (self.auth != Auth::None).then(|| format!("{USER}:{PASSWORD}"))
    }

    /// `skopeo copy SRC docker://<host>/<dest> EXTRA…` (credentials added when needed).
    #[track_caller]
    pub fn copy_in(&self, src: &str, dest: &str, extra: &[&str]) -> Output {
        let dest = format!("docker://{}", self.reference(dest));
        let mut args = vec!["copy", "--dest-tls-verify=false"];
        let creds = self.creds();
        if let Some(c) = &creds {
            args.extend(["--dest-creds", c]);
        }
        args.extend(extra);
        args.extend([src, &dest]);
        let out = self.skopeo(&args);
        assert!(
            out.code == Some(0),
            "skopeo copy into the registry failed: {}\n{}\nregistry log:\n{}",
            out.cmdline,
            out.stderr,
            self.log()
        );
        out
    }

    /// Pushes an image into `dest` (`ns/img:tag`) from an oci-archive written from `built`.
    #[track_caller]
    pub fn push_built(&self, built: &BuiltImage, dest: &str, extra: &[&str]) {
        let path = self.scratch(".tar");
        std::fs::write(&path, super::fixtures::oci_archive(&[(built, &[])])).unwrap();
        self.copy_in(&format!("oci-archive:{}", path.display()), dest, extra);
    }

    /// A fresh path in the registry's directory.
    pub fn scratch(&self, suffix: &str) -> PathBuf {
        static N: AtomicU32 = AtomicU32::new(0);
        self.dir
            .0
            .join(format!("scratch-{}{suffix}", N.fetch_add(1, Ordering::Relaxed)))
    }

    /// `skopeo inspect [--raw] docker://<host>/<name>`: the output on success.
    #[track_caller]
    pub fn inspect(&self, name: &str, raw: bool) -> Output {
        let src = format!("docker://{}", self.reference(name));
        let mut args = vec!["inspect", "--tls-verify=false"];
        let creds = self.creds();
        if let Some(c) = &creds {
            args.extend(["--creds", c]);
        }
        if raw {
            args.push("--raw");
        }
        args.push(&src);
        self.skopeo(&args)
    }

    /// The manifest (or index) bytes the registry serves for `name`.
    #[track_caller]
    pub fn raw_manifest(&self, name: &str) -> Vec<u8> {
        let out = self.inspect(name, true);
        assert!(out.code == Some(0), "{}: {}", out.cmdline, out.stderr);
        out.stdout_bytes
    }

    /// The manifest the registry serves for `name`, parsed.
    pub fn manifest_json(&self, name: &str) -> Value {
        serde_json::from_slice(&self.raw_manifest(name)).unwrap()
    }

    /// The digest of the manifest the registry serves for `name`.
    pub fn manifest_digest(&self, name: &str) -> String {
        digest(&self.raw_manifest(name))
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            eprintln!("registry {} log:\n{}", self.host, self.log());
        }
    }
}

/// A copy of `built` whose config says `arch` (and so has another id and manifest).
pub fn with_arch(built: &BuiltImage, arch: &str) -> BuiltImage {
    let mut config: Value = serde_json::from_slice(&built.config).unwrap();
    config["architecture"] = Value::String(arch.into());
    let config = serde_json::to_vec(&config).unwrap();
    let mut manifest: Value = serde_json::from_slice(&built.manifest).unwrap();
    manifest["config"]["digest"] = Value::String(digest(&config));
    manifest["config"]["size"] = json!(config.len());
    let manifest = serde_json::to_vec(&manifest).unwrap();
    BuiltImage {
        id: super::fixtures::sha256_hex(&config),
        config,
        manifest,
        layers: built.layers.clone(),
    }
}

/// The OCI name of this machine's architecture.
pub fn host_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    }
}

/// An architecture that is not this machine's.
pub fn other_arch() -> &'static str {
    if host_arch() == "arm64" { "amd64" } else { "arm64" }
}

/// Writes an OCI layout at `dir` whose only entry is an image index over `images` (each with
/// its platform `linux/<arch>`), for `skopeo copy --all oci:<dir> …`. Returns the index bytes.
pub fn write_index_layout(dir: &Path, images: &[(&BuiltImage, &str)]) -> Vec<u8> {
    let blobs = dir.join("blobs/sha256");
    std::fs::create_dir_all(&blobs).unwrap();
    let put = |data: &[u8]| {
        let d = digest(data);
        std::fs::write(blobs.join(d.trim_start_matches("sha256:")), data).unwrap();
        d
    };
    let mut manifests = Vec::new();
    for (img, arch) in images {
        put(&img.config);
        for l in &img.layers {
            put(&l.blob);
        }
        let d = put(&img.manifest);
        manifests.push(json!({
            "mediaType": OCI_MANIFEST,
            "digest": d,
            "size": img.manifest.len(),
            "platform": {"architecture": arch, "os": "linux"},
        }));
    }
    let index = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": OCI_INDEX,
        "manifests": manifests,
    }))
    .unwrap();
    let index_digest = put(&index);
    std::fs::write(dir.join("oci-layout"), br#"{"imageLayoutVersion":"1.0.0"}"#).unwrap();
    let top = json!({
        "schemaVersion": 2,
        "manifests": [{"mediaType": OCI_INDEX, "digest": index_digest, "size": index.len()}],
    });
    std::fs::write(dir.join("index.json"), serde_json::to_vec(&top).unwrap()).unwrap();
    index
}

// ---------------------------------------------------------------------------------------------
// A tiny HTTP/1.1 server: one thread per connection, one request per connection.

/// One parsed request.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The path without the query.
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                match std::str::from_utf8(&b[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut r = BufReader::new(stream);
    let mut line = String::new();
    r.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if r.read_line(&mut h).ok()? == 0 {
            return None;
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    // Bodies (an upload to a hostile server) are read and dropped.
    let len: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let _ = std::io::copy(&mut r.by_ref().take(len as u64), &mut std::io::sink());
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let query = query
        .split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect();
    Some(Request {
        method,
        path: percent_decode(path),
        query,
        headers,
    })
}

/// Writes a complete response and closes the connection.
fn respond(stream: &mut TcpStream, status: &str, headers: &[(&str, String)], body: &[u8], head: bool) {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    let _ = stream.write_all(out.as_bytes());
    if !head {
        let _ = stream.write_all(body);
    }
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Both);
}

type Handler = dyn Fn(Request, TcpStream, &AtomicBool) + Send + Sync;

/// A listener on 127.0.0.1 with a random port, handling each connection on its own thread.
/// Dropping it stops accepting and tells handlers (through the flag) to give up stalls.
struct HttpServer {
    host: String,
    stop: Arc<AtomicBool>,
    requests: Arc<Mutex<Vec<String>>>,
}

impl HttpServer {
    fn start(handler: Arc<Handler>) -> HttpServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let host = listener.local_addr().unwrap().to_string();
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (stop2, requests2) = (stop.clone(), requests.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let (handler, stop, requests) = (handler.clone(), stop2.clone(), requests2.clone());
                std::thread::spawn(move || {
                    let _ = conn.set_read_timeout(Some(Duration::from_secs(30)));
                    if let Some(req) = read_request(&conn) {
                        requests.lock().unwrap().push(format!("{} {}", req.method, req.path));
                        handler(req, conn, &stop);
                    }
                });
            }
        });
        HttpServer { host, stop, requests }
    }
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(&self.host);
    }
}

// ---------------------------------------------------------------------------------------------
// The token service (Docker's token authentication specification).

/// Issues RS256 JWTs carrying an `x5c` chain whose root is in the registry's
/// `rootcertbundle`. Anonymous clients get `pull` on `public/…`; [`USER`] gets `pull` and
/// `push` everywhere; a wrong password gets 401.
pub struct TokenServer {
    pub host: String,
    root_cert: PathBuf,
    _server: HttpServer,
}

impl TokenServer {
    fn start(dir: &Path) -> TokenServer {
        std::fs::create_dir_all(dir).unwrap();
        tool(
            "openssl",
            &[
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "root.key",
                "-out",
                "root.crt",
                "-days",
                "3650",
                "-subj",
                "/CN=ferry token root",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
            ],
            dir,
            None,
        );
        tool(
            "openssl",
            &[
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "signing.key",
                "-out",
                "signing.csr",
                "-subj",
                "/CN=ferry token signer",
            ],
            dir,
            None,
        );
        write_file(
            &dir.join("signing.ext"),
            "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n",
        );
        tool(
            "openssl",
            &[
                "x509",
                "-req",
                "-in",
                "signing.csr",
                "-CA",
                "root.crt",
                "-CAkey",
                "root.key",
                "-CAcreateserial",
                "-out",
                "signing.crt",
                "-days",
                "3650",
                "-extfile",
                "signing.ext",
            ],
            dir,
            None,
        );
        let der = tool("openssl", &["x509", "-in", "signing.crt", "-outform", "DER"], dir, None);
        let x5c = STANDARD.encode(der);
        let key = dir.join("signing.key");
        let dir_owned = dir.to_path_buf();
        let handler = move |req: Request, mut conn: TcpStream, _stop: &AtomicBool| {
            if req.path != "/token" {
                respond(&mut conn, "404 Not Found", &[], b"not found", false);
                return;
            }
            let subject = match req.header("authorization") {
                None => None,
                Some(h) => {
                    let decoded = h
                        .strip_prefix("Basic ")
                        .and_then(|b| STANDARD.decode(b.trim()).ok())
                        .map(|b| String::from_utf8_lossy(&b).into_owned());
                    if decoded.as_deref() != Some(&format!("{USER}:{PASSWORD}")) {
                        let body = br#"{"errors":[{"code":"UNAUTHORIZED","message":"invalid username or password"}]}"#;
                        respond(
                            &mut conn,
                            "401 Unauthorized",
                            &[("Content-Type", "application/json".into())],
                            body,
                            false,
                        );
                        return;
                    }
                    Some(USER.to_string())
                }
            };
            let mut access = Vec::new();
            for (k, v) in &req.query {
                if k != "scope" {
                    continue;
                }
                for scope in v.split(' ') {
                    let Some((kind, rest)) = scope.split_once(':') else {
                        continue;
                    };
                    let Some((name, actions)) = rest.rsplit_once(':') else {
                        continue;
                    };
                    if kind != "repository" {
                        continue;
                    }
                    let allowed: Vec<&str> = actions
                        .split(',')
                        .filter(|a| match &subject {
                            Some(_) => ["pull", "push", "delete", "*"].contains(a),
                            None => *a == "pull" && name.starts_with("public/"),
                        })
                        .collect();
                    access.push(json!({"type": "repository", "name": name, "actions": allowed}));
                }
            }
            let service = req
                .query
                .iter()
                .find(|(k, _)| k == "service")
                .map_or(TOKEN_SERVICE.to_string(), |(_, v)| v.clone());
            let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
            static JTI: AtomicU32 = AtomicU32::new(0);
            let header = json!({"typ": "JWT", "alg": "RS256", "x5c": [x5c]});
            let claims = json!({
                "iss": TOKEN_ISSUER,
                "sub": subject.unwrap_or_default(),
                "aud": service,
                "exp": now + 300,
                "nbf": now - 10,
                "iat": now,
                "jti": format!("ferry-{}-{}", std::process::id(), JTI.fetch_add(1, Ordering::Relaxed)),
                "access": access,
            });
            let signing_input = format!(
                "{}.{}",
                URL_SAFE_NO_PAD.encode(serde_json::to_vec(&header).unwrap()),
                URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims).unwrap())
            );
            let sig = tool(
                "openssl",
                &["dgst", "-sha256", "-sign", key.to_str().unwrap()],
                &dir_owned,
                Some(signing_input.as_bytes()),
            );
            let jwt = format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(sig));
            let body = serde_json::to_vec(&json!({"token": jwt, "access_token": jwt, "expires_in": 300})).unwrap();
            respond(
                &mut conn,
                "200 OK",
                &[("Content-Type", "application/json".into())],
                &body,
                false,
            );
        };
        let server = HttpServer::start(Arc::new(handler));
        TokenServer {
            host: server.host.clone(),
            root_cert: dir.join("root.crt"),
            _server: server,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The hostile registry.

/// How the hostile registry misbehaves. Repository `hostile/img`, tag `latest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// No fault: a well-behaved registry (for checking the server itself).
    None,
    /// Serves the manifest by digest with content that does not hash to that digest (and a
    /// `Docker-Content-Digest` header that lies).
    WrongManifestDigest,
    /// The layer blob's bytes differ from its digest (same length).
    BadBlob,
    /// The layer blob's Content-Length is larger than what is sent before the connection closes.
    TruncatedBlob,
    /// The layer blob stops mid-way and the connection stays open.
    StallBlob,
    /// Every manifest and blob request fails with 503 twice, then succeeds.
    Flaky503,
    /// The manifest is not JSON.
    MalformedManifest,
    /// The layer blob redirects forever.
    RedirectLoop,
    /// A schema1 (signed) manifest.
    Schema1,
}

/// A hand-written registry serving one gzip busybox image with one fault.
pub struct HostileRegistry {
    pub host: String,
    pub image: BuiltImage,
    server: HttpServer,
}

impl HostileRegistry {
    pub const REPO: &'static str = "hostile/img";

    pub fn start(fault: Fault) -> HostileRegistry {
        let image = super::FixtureImage::busybox()
            .compression(super::Compression::Gzip)
            .label("hostile")
            .build();
        let img = image.clone();
        let failures: Arc<Mutex<std::collections::HashMap<String, u32>>> = Arc::default();
        let handler = move |req: Request, mut conn: TcpStream, stop: &AtomicBool| {
            let head = req.method == "HEAD";
            let json_err = |code: &str, msg: &str| {
                serde_json::to_vec(&json!({"errors": [{"code": code, "message": msg}]})).unwrap()
            };
            if req.path == "/v2/" || req.path == "/v2" {
                respond(
                    &mut conn,
                    "200 OK",
                    &[("Docker-Distribution-API-Version", "registry/2.0".into())],
                    b"{}",
                    head,
                );
                return;
            }
            if fault == Fault::Flaky503 && req.path.starts_with("/v2/") {
                let mut f = failures.lock().unwrap();
                let n = f.entry(format!("{} {}", req.method, req.path)).or_insert(0);
                if *n < 2 {
                    *n += 1;
                    drop(f);
                    respond(
                        &mut conn,
                        "503 Service Unavailable",
                        &[("Content-Type", "application/json".into())],
                        &json_err("UNAVAILABLE", "try again later"),
                        head,
                    );
                    return;
                }
            }
            if req.path.starts_with("/loop/") {
                let next = if req.path == "/loop/a" { "/loop/b" } else { "/loop/a" };
                respond(
                    &mut conn,
                    "307 Temporary Redirect",
                    &[("Location", next.into())],
                    b"",
                    head,
                );
                return;
            }
            let prefix = format!("/v2/{}/", HostileRegistry::REPO);
            let Some(rest) = req.path.strip_prefix(&prefix) else {
                respond(
                    &mut conn,
                    "404 Not Found",
                    &[("Content-Type", "application/json".into())],
                    &json_err("NAME_UNKNOWN", "repository name not known to registry"),
                    head,
                );
                return;
            };
            let manifest_digest = img.manifest_digest();
            if let Some(reference) = rest.strip_prefix("manifests/") {
                if reference != "latest" && reference != manifest_digest {
                    respond(
                        &mut conn,
                        "404 Not Found",
                        &[("Content-Type", "application/json".into())],
                        &json_err("MANIFEST_UNKNOWN", "manifest unknown"),
                        head,
                    );
                    return;
                }
                let (media_type, body): (&str, Vec<u8>) = match fault {
                    Fault::WrongManifestDigest => {
                        let mut m = img.manifest.clone();
                        m.extend_from_slice(b"\n ");
                        (OCI_MANIFEST, m)
                    }
                    Fault::MalformedManifest => (OCI_MANIFEST, b"{\"schemaVersion\": 2, \"layers\": [".to_vec()),
                    Fault::Schema1 => (
                        "application/vnd.docker.distribution.manifest.v1+prettyjws",
                        serde_json::to_vec_pretty(&json!({
                            "schemaVersion": 1,
                            "name": HostileRegistry::REPO,
                            "tag": "latest",
                            "architecture": "amd64",
                            "fsLayers": [{"blobSum": img.layers[0].digest}],
                            "history": [{"v1Compatibility": "{\"id\":\"0123\"}"}],
                            "signatures": [],
                        }))
                        .unwrap(),
                    ),
                    _ => (OCI_MANIFEST, img.manifest.clone()),
                };
                let reported = if fault == Fault::WrongManifestDigest {
                    manifest_digest.clone()
                } else {
                    digest(&body)
                };
                respond(
                    &mut conn,
                    "200 OK",
                    &[("Content-Type", media_type.into()), ("Docker-Content-Digest", reported)],
                    &body,
                    head,
                );
                return;
            }
            let Some(d) = rest.strip_prefix("blobs/") else {
                respond(
                    &mut conn,
                    "405 Method Not Allowed",
                    &[],
                    &json_err("UNSUPPORTED", "unsupported"),
                    head,
                );
                return;
            };
            let config_digest = digest(&img.config);
            let layer = &img.layers[0];
            let data = if d == config_digest {
                img.config.clone()
            } else if d == layer.digest {
                layer.blob.clone()
            } else {
                respond(
                    &mut conn,
                    "404 Not Found",
                    &[("Content-Type", "application/json".into())],
                    &json_err("BLOB_UNKNOWN", "blob unknown to registry"),
                    head,
                );
                return;
            };
            let is_layer = d == layer.digest;
            let headers = vec![
                ("Content-Type", "application/octet-stream".to_string()),
                ("Docker-Content-Digest", d.to_string()),
            ];
            match fault {
                Fault::BadBlob if is_layer => {
                    let mut bad = data;
                    let mid = bad.len() / 2;
                    bad[mid] ^= 0xff;
                    respond(&mut conn, "200 OK", &headers, &bad, head);
                }
                Fault::RedirectLoop if is_layer => {
                    respond(
                        &mut conn,
                        "307 Temporary Redirect",
                        &[("Location", "/loop/a".into())],
                        b"",
                        head,
                    );
                }
                Fault::TruncatedBlob | Fault::StallBlob if is_layer && !head => {
                    let mut out = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n", data.len());
                    for (k, v) in &headers {
                        out.push_str(&format!("{k}: {v}\r\n"));
                    }
                    out.push_str("\r\n");
                    let _ = conn.write_all(out.as_bytes());
                    let _ = conn.write_all(&data[..data.len() / 2]);
                    let _ = conn.flush();
                    if fault == Fault::StallBlob {
                        // Holds the connection open without sending more, until the test ends.
                        let deadline = Instant::now() + Duration::from_secs(120);
                        while !stop.load(Ordering::SeqCst) && Instant::now() < deadline {
                            std::thread::sleep(Duration::from_millis(100));
                        }
                    }
                    let _ = conn.shutdown(Shutdown::Both);
                }
                _ => respond(&mut conn, "200 OK", &headers, &data, head),
            }
        };
        let server = HttpServer::start(Arc::new(handler));
        HostileRegistry {
            host: server.host.clone(),
            image,
            server,
        }
    }

    /// `127.0.0.1:PORT/hostile/img:latest`.
    pub fn reference(&self) -> String {
        format!("{}/{}:latest", self.host, HostileRegistry::REPO)
    }

    /// `127.0.0.1:PORT/hostile/img@<manifest digest>`.
    pub fn digest_reference(&self) -> String {
        format!(
            "{}/{}@{}",
            self.host,
            HostileRegistry::REPO,
            self.image.manifest_digest()
        )
    }

    /// `METHOD PATH` of every request served so far.
    pub fn requests(&self) -> Vec<String> {
        self.server.requests.lock().unwrap().clone()
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers for the tests.

/// Runs `ferry ARGS` with extra environment variables.
pub fn ferry_env(ctx: &super::TestContext, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = ctx.ferry_command(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    run(cmd, None)
}

/// Names in the store's `oci/blobs/sha256` (after making sure the store exists).
pub fn blob_names(ctx: &super::TestContext) -> Vec<String> {
    ctx.ferry(&["images"]).success();
    let mut names: Vec<String> = std::fs::read_dir(ctx.oci_dir().join("blobs/sha256"))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Asserts that stderr (lowercased) contains one of `needles` (lowercase).
#[track_caller]
pub fn stderr_any(out: &Output, needles: &[&str]) {
    let err = out.stderr.to_lowercase();
    assert!(
        needles.iter().any(|n| err.contains(n)),
        "stderr should mention one of {needles:?}\ncommand: {}\nexit: {:?}\n--- stderr ---\n{}",
        out.cmdline,
        out.code,
        out.stderr
    );
}
