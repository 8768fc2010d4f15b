//! One registry's HTTP API (`/v2/…`): keep-alive connections, bounded timeouts, retries with
//! backoff on connection errors and 5xx/429 (honouring `Retry-After`), bearer/basic auth with
//! tokens cached per scope, registry error bodies turned into clear messages, blob redirects
//! followed without forwarding `Authorization`.

use std::collections::{HashMap, HashSet};
use std::io::{self, Read};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use ureq::http::{Method, Request, Response};
use ureq::{Body, SendBody};

use super::RegistryError;
use super::auth::{self, AuthLocations, Challenge, Credentials};
use crate::store::Digest;

/// The manifest types ferry pulls, sent as `Accept`.
pub const MEDIA_OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const MEDIA_OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const MEDIA_DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const MEDIA_DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
const SCHEMA1_TYPES: [&str; 2] = [
    "application/vnd.docker.distribution.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.v1+prettyjws",
];

/// Manifests and tag lists bigger than this are refused (containers/image uses the same bound).
pub const MAX_MANIFEST_SIZE: u64 = 4 << 20;
/// How much of an error body or token response is read.
const MAX_SMALL_BODY: u64 = 1 << 20;
const MAX_REDIRECTS: usize = 10;
const MAX_RETRIES: u32 = 3;
/// Retry waits (from `Retry-After` or the backoff) are capped so a hostile server cannot park us.
const MAX_RETRY_WAIT: Duration = Duration::from_secs(10);
const RETRY_BASE: Duration = Duration::from_millis(500);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one read or write may wait: a stalled transfer fails after this instead of hanging.
const IO_TIMEOUT: Duration = Duration::from_secs(30);
/// Shortens both timeouts (seconds), for tests with stalling servers.
pub const TIMEOUT_ENV: &str = "FERRY_REGISTRY_TIMEOUT_SECS";
const MAX_TAG_PAGES: usize = 10_000;

/// How to reach and authenticate to registries; built by commands from flags and config files.
#[derive(Debug, Clone, Default)]
pub struct ClientOptions {
    /// `--tls-verify`: `Some(false)` allows plain HTTP and unverified TLS; `None` follows
    /// registries.conf (`insecure = true`).
    pub tls_verify: Option<bool>,
    /// `--creds user[:pass]`.
    pub creds: Option<super::auth::Credentials>,
    /// `--authfile`: read (and for login/logout, write) only this file.
    pub authfile: Option<PathBuf>,
    /// `--cert-dir`: use this directory instead of the certs.d search path.
    pub cert_dir: Option<PathBuf>,
    /// The user's uid outside ferry's user namespace (`ctx.engine.host.uid`), which picks the default auth.json when
    /// XDG_RUNTIME_DIR is unset. None: derived from /proc/self/uid_map (same result, for callers without a
    /// Context).
    pub host_uid: Option<u32>,
}

impl ClientOptions {
    /// The auth files to read, in order (`--authfile` alone when given).
    pub fn auth_files(&self) -> Vec<PathBuf> {
        match &self.authfile {
            Some(path) => vec![path.clone()],
            None => AuthLocations::from_env(self.uid()).search_path(),
        }
    }

    /// The auth file `login` writes and `logout` edits.
    pub fn primary_auth_file(&self) -> Option<PathBuf> {
        match &self.authfile {
            Some(path) => Some(path.clone()),
            None => AuthLocations::from_env(self.uid()).primary(),
        }
    }

    fn uid(&self) -> u32 {
        self.host_uid.unwrap_or_else(outer_uid)
    }
}

/// The current uid as seen from the initial user namespace: inside ferry's namespace getuid() is 0, but
/// auth file paths belong to the real user.
fn outer_uid() -> u32 {
    let uid = nix::unistd::getuid().as_raw();
    let map = std::fs::read_to_string("/proc/self/uid_map").unwrap_or_default();
    for line in map.lines() {
        let f: Vec<u64> = line.split_whitespace().filter_map(|x| x.parse().ok()).collect();
        if let [inside, outside, count] = f[..] {
            let uid = u64::from(uid);
            if uid >= inside && uid < inside + count {
                return u32::try_from(outside + (uid - inside)).unwrap_or(u32::MAX);
            }
        }
    }
    uid
}

/// A fetched manifest or index, verified against the digest when fetched by digest.
#[derive(Debug, Clone)]
pub struct FetchedManifest {
    pub data: Vec<u8>,
    pub media_type: String,
    pub digest: Digest,
}

/// A client for one registry host (`host[:port]`). Send + Sync: one client serves parallel downloads over
/// a shared pool of keep-alive connections.
pub struct Client {
    /// As named by the user and in auth files (`docker.io`).
    registry: String,
    /// The host really contacted (`registry-1.docker.io` for docker.io).
    api_host: String,
    insecure: bool,
    agent: ureq::Agent,
    creds: Option<Credentials>,
    auth_files: Vec<PathBuf>,
    /// Credentials found for each repository (auth files are read once per repository).
    found_creds: Mutex<HashMap<String, Option<Credentials>>>,
    state: Mutex<AuthState>,
    /// `https://host` or, for an insecure registry without TLS, `http://host`; decided by the first request.
    base: Mutex<Option<String>>,
}

#[derive(Default)]
struct AuthState {
    challenge: Option<Challenge>,
    /// Bearer tokens by scope list.
    tokens: HashMap<String, String>,
}

/// What a request needs access to, which decides the bearer token scopes.
#[derive(Clone, Copy)]
enum Scope<'a> {
    Registry,
    Pull(&'a str),
    Push(&'a str),
    Mount { repo: &'a str, from: &'a str },
}

impl Scope<'_> {
    fn scopes(&self) -> Vec<String> {
        match self {
            Scope::Registry => Vec::new(),
            Scope::Pull(r) => vec![format!("repository:{r}:pull")],
            Scope::Push(r) => vec![format!("repository:{r}:pull,push")],
            Scope::Mount { repo, from } => {
                vec![
                    format!("repository:{repo}:pull,push"),
                    format!("repository:{from}:pull"),
                ]
            }
        }
    }
    fn repo(&self) -> &str {
        match self {
            Scope::Registry => "",
            Scope::Pull(r) | Scope::Push(r) | Scope::Mount { repo: r, .. } => r,
        }
    }
}

/// A request body: bytes can be sent again on retry, a stream only once.
enum ReqBody<'a> {
    Empty,
    Bytes(&'a [u8]),
    Stream(&'a mut dyn Read),
}

struct Req<'a> {
    method: Method,
    url: String,
    headers: Vec<(&'static str, String)>,
    body: ReqBody<'a>,
    scope: Scope<'a>,
}

impl<'a> Req<'a> {
    fn new(method: Method, url: String, scope: Scope<'a>) -> Req<'a> {
        Req {
            method,
            url,
            headers: Vec::new(),
            body: ReqBody::Empty,
            scope,
        }
    }
    fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
    fn body(mut self, body: ReqBody<'a>) -> Self {
        self.body = body;
        self
    }
    fn replayable(&self) -> bool {
        !matches!(self.body, ReqBody::Stream(..))
    }
}

/// A failed send: whether trying again could help.
struct SendError {
    error: ureq::Error,
    url: String,
}

impl Client {
    /// Connects lazily; `insecure` (from registries.conf) allows HTTP and unverified TLS.
    pub fn new(registry: &str, insecure: bool, opts: &ClientOptions) -> Result<Client, super::RegistryError> {
        let insecure = match opts.tls_verify {
            Some(verify) => !verify,
            None => insecure,
        };
        let dirs = super::tls::cert_dirs(registry, opts.cert_dir.as_deref());
        let tls = super::tls::config(&dirs, insecure)?;
        let (connect, io_timeout) = timeouts();
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(Some(connect))
            .timeout_per_read(Some(io_timeout))
            .timeout_per_write(Some(io_timeout))
            .max_idle_connections(64)
            .max_idle_connections_per_host(32)
            .user_agent(format!("ferry/{}", env!("CARGO_PKG_VERSION")))
            .tls_config(tls)
            .build()
            .new_agent();
        let api_host = match registry {
            "docker.io" => "registry-1.docker.io".to_string(),
            other => other.to_string(),
        };
        Ok(Client {
            registry: registry.to_string(),
            api_host,
            insecure,
            agent,
            creds: opts.creds.clone(),
            auth_files: opts.auth_files(),
            found_creds: Mutex::new(HashMap::new()),
            state: Mutex::new(AuthState::default()),
            base: Mutex::new(None),
        })
    }

    /// `GET /v2/`: checks reachability and credentials (used by login).
    pub fn ping(&self) -> Result<(), super::RegistryError> {
        let op = format!("pinging container registry {}", self.registry);
        let url = format!("{}/v2/", self.base(&op)?);
        let resp = self.execute(&op, Req::new(Method::GET, url, Scope::Registry))?;
        if resp.status().is_success() {
            Ok(())
        } else {
            Err(self.api_error(&op, resp))
        }
    }

    /// `GET /v2/<repo>/manifests/<reference>` accepting OCI and Docker schema2 manifests and
    /// indexes. Refuses schema1 with a clear message. Bounded in size.
    pub fn get_manifest(&self, repo: &str, reference: &str) -> Result<FetchedManifest, super::RegistryError> {
        let op = format!("reading manifest {reference} in {}/{repo}", self.registry);
        let url = format!("{}/v2/{repo}/manifests/{reference}", self.base(&op)?);
        let accept = [
            MEDIA_OCI_MANIFEST,
            MEDIA_OCI_INDEX,
            MEDIA_DOCKER_MANIFEST,
            MEDIA_DOCKER_LIST,
        ]
        .join(", ");
        let resp = self.execute(
            &op,
            Req::new(Method::GET, url, Scope::Pull(repo)).header("Accept", accept),
        )?;
        if !resp.status().is_success() {
            return Err(self.api_error(&op, resp));
        }
        let content_type = header(&resp, "content-type").unwrap_or_default();
        let content_type = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        let header_digest = header(&resp, "docker-content-digest");
        let data = self.read_limited(&op, resp, MAX_MANIFEST_SIZE, "manifest")?;
        if SCHEMA1_TYPES.contains(&content_type.as_str()) {
            return Err(self.schema1(&op));
        }
        let media_type = self.manifest_media_type(&op, &content_type, &data)?;
        let digest = Digest::of_bytes(&data);
        let expected = match reference.parse::<Digest>() {
            Ok(d) => Some(d),
            // Only sha256 is checked against the header; other algorithms are not ours to verify.
            Err(_) => header_digest.and_then(|h| h.trim().parse::<Digest>().ok()),
        };
        if let Some(expected) = expected.filter(|e| *e != digest) {
            return Err(RegistryError::DigestMismatch {
                registry: self.registry.clone(),
                operation: op,
                expected,
                actual: digest,
            });
        }
        Ok(FetchedManifest {
            data,
            media_type,
            digest,
        })
    }

    /// `GET /v2/<repo>/blobs/<digest>` as a stream (the caller verifies while reading).
    pub fn get_blob(&self, repo: &str, digest: &Digest) -> Result<Box<dyn Read + Send>, super::RegistryError> {
        let op = format!("reading blob {digest} from {}/{repo}", self.registry);
        let url = format!("{}/v2/{repo}/blobs/{digest}", self.base(&op)?);
        let resp = self.execute(&op, Req::new(Method::GET, url, Scope::Pull(repo)))?;
        if resp.status().as_u16() != 200 {
            return Err(self.api_error(&op, resp));
        }
        Ok(Box::new(BlobReader {
            inner: resp.into_body().into_reader(),
            operation: op,
        }))
    }

    /// `HEAD /v2/<repo>/blobs/<digest>`.
    pub fn blob_exists(&self, repo: &str, digest: &Digest) -> Result<bool, super::RegistryError> {
        let op = format!("checking blob {digest} in {}/{repo}", self.registry);
        let url = format!("{}/v2/{repo}/blobs/{digest}", self.base(&op)?);
        let resp = self.execute(&op, Req::new(Method::HEAD, url, Scope::Push(repo)))?;
        match resp.status().as_u16() {
            200 => Ok(true),
            404 => Ok(false),
            _ => Err(self.api_error(&op, resp)),
        }
    }

    /// Cross-repository mount; `Ok(false)` when the registry started an upload instead.
    pub fn mount_blob(&self, repo: &str, digest: &Digest, from: &str) -> Result<bool, super::RegistryError> {
        let op = format!("mounting blob {digest} from {from} into {}/{repo}", self.registry);
        let url = format!(
            "{}/v2/{repo}/blobs/uploads/?mount={}&from={}",
            self.base(&op)?,
            query_escape(&digest.to_string()),
            query_escape(from)
        );
        let req = Req::new(Method::POST, url.clone(), Scope::Mount { repo, from })
            .header("Content-Length", "0")
            .body(ReqBody::Bytes(&[]));
        let resp = self.execute(&op, req)?;
        match resp.status().as_u16() {
            201 => Ok(true),
            202 => {
                // The registry started an upload instead: cancel it so it does not linger (best effort, the
                // registry expires it anyway).
                if let Some(location) = header(&resp, "location").and_then(|l| resolve_url(&url, &l)) {
                    let _ = self.execute(&op, Req::new(Method::DELETE, location, Scope::Push(repo)));
                }
                Ok(false)
            }
            _ => Err(self.api_error(&op, resp)),
        }
    }

    /// Uploads a blob: monolithic when `chunk_size` is None, else PATCH chunks then PUT.
    pub fn upload_blob(
        &self,
        repo: &str,
        digest: &Digest,
        size: u64,
        data: &mut dyn Read,
        chunk_size: Option<u64>,
    ) -> Result<(), super::RegistryError> {
        let op = format!("uploading blob {digest} to {}/{repo}", self.registry);
        let url = format!("{}/v2/{repo}/blobs/uploads/", self.base(&op)?);
        let req = Req::new(Method::POST, url.clone(), Scope::Push(repo))
            .header("Content-Length", "0")
            .body(ReqBody::Bytes(&[]));
        let resp = self.execute(&op, req)?;
        if resp.status().as_u16() != 202 {
            return Err(self.api_error(&op, resp));
        }
        let mut location = self.location(&op, &url, &resp)?;
        let mut counted = CountingReader { inner: data, count: 0 };
        match chunk_size {
            None => {
                let put_url = with_query(&location, "digest", &digest.to_string());
                let req = Req::new(Method::PUT, put_url, Scope::Push(repo))
                    .header("Content-Type", "application/octet-stream")
                    .header("Content-Length", size.to_string())
                    .body(ReqBody::Stream(&mut counted));
                let resp = self.execute(&op, req)?;
                if !resp.status().is_success() {
                    return Err(self.api_error(&op, resp));
                }
            }
            Some(chunk) => {
                let chunk = usize::try_from(chunk.max(1)).unwrap_or(usize::MAX).min(1 << 30);
                let mut buf = Vec::new();
                while counted.count < size {
                    buf.clear();
                    let want = (size - counted.count).min(chunk as u64);
                    (&mut counted)
                        .take(want)
                        .read_to_end(&mut buf)
                        .map_err(|e| self.protocol(&op, format!("reading the blob to upload: {e}")))?;
                    if buf.is_empty() {
                        break;
                    }
                    let start = counted.count - buf.len() as u64;
                    let end = counted.count - 1;
                    let req = Req::new(Method::PATCH, location.clone(), Scope::Push(repo))
                        .header("Content-Type", "application/octet-stream")
                        .header("Content-Range", format!("{start}-{end}"))
                        .header("Content-Length", buf.len().to_string())
                        .body(ReqBody::Bytes(&buf));
                    let resp = self.execute(&op, req)?;
                    if resp.status().as_u16() != 202 {
                        return Err(self.api_error(&op, resp));
                    }
                    location = self.location(&op, &location, &resp)?;
                }
                let put_url = with_query(&location, "digest", &digest.to_string());
                let req = Req::new(Method::PUT, put_url, Scope::Push(repo))
                    .header("Content-Length", "0")
                    .body(ReqBody::Bytes(&[]));
                let resp = self.execute(&op, req)?;
                if !resp.status().is_success() {
                    return Err(self.api_error(&op, resp));
                }
            }
        }
        if counted.count != size {
            return Err(self.protocol(&op, format!("the blob has {} bytes, expected {size}", counted.count)));
        }
        Ok(())
    }

    /// `PUT /v2/<repo>/manifests/<reference>`; returns the digest the registry reports.
    pub fn put_manifest(
        &self,
        repo: &str,
        reference: &str,
        media_type: &str,
        data: &[u8],
    ) -> Result<Digest, super::RegistryError> {
        let op = format!("writing manifest {reference} to {}/{repo}", self.registry);
        let url = format!("{}/v2/{repo}/manifests/{reference}", self.base(&op)?);
        let req = Req::new(Method::PUT, url, Scope::Push(repo))
            .header("Content-Type", media_type)
            .header("Content-Length", data.len().to_string())
            .body(ReqBody::Bytes(data));
        let resp = self.execute(&op, req)?;
        if !resp.status().is_success() {
            return Err(self.api_error(&op, resp));
        }
        let computed = Digest::of_bytes(data);
        match header(&resp, "docker-content-digest").and_then(|h| h.trim().parse::<Digest>().ok()) {
            Some(reported) if reported != computed => Err(RegistryError::DigestMismatch {
                registry: self.registry.clone(),
                operation: op,
                expected: computed,
                actual: reported,
            }),
            _ => Ok(computed),
        }
    }

    /// `GET /v2/<repo>/tags/list`, following pagination.
    pub fn list_tags(&self, repo: &str) -> Result<Vec<String>, super::RegistryError> {
        #[derive(serde::Deserialize)]
        struct TagList {
            tags: Option<Vec<String>>,
        }
        let op = format!("listing tags of {}/{repo}", self.registry);
        let mut url = format!("{}/v2/{repo}/tags/list", self.base(&op)?);
        let mut seen = HashSet::new();
        let mut tags = Vec::new();
        loop {
            if !seen.insert(url.clone()) || seen.len() > MAX_TAG_PAGES {
                return Err(self.protocol(&op, "the tag list pagination loops".to_string()));
            }
            let resp = self.execute(&op, Req::new(Method::GET, url.clone(), Scope::Pull(repo)))?;
            if !resp.status().is_success() {
                return Err(self.api_error(&op, resp));
            }
            let next = header(&resp, "link").and_then(|l| next_link(&l));
            let data = self.read_limited(&op, resp, MAX_MANIFEST_SIZE, "tag list")?;
            let page: TagList = serde_json::from_slice(&data)
                .map_err(|e| self.protocol(&op, format!("invalid JSON in the tag list: {e}")))?;
            tags.extend(page.tags.unwrap_or_default());
            match next.and_then(|n| resolve_url(&url, &n)) {
                Some(n) => url = n,
                None => return Ok(tags),
            }
        }
    }

    /// The base URL, choosing between HTTPS and (insecure registries only) plain HTTP with a first `/v2/`
    /// request, which also learns how the registry wants to be authenticated.
    fn base(&self, op: &str) -> Result<String, RegistryError> {
        let mut base = self.base.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(b) = base.as_ref() {
            return Ok(b.clone());
        }
        let schemes: &[&str] = if self.insecure { &["https", "http"] } else { &["https"] };
        let mut last = None;
        for scheme in schemes {
            let candidate = format!("{scheme}://{}", self.api_host);
            let mut req = Req::new(Method::GET, format!("{candidate}/v2/"), Scope::Registry);
            match self.send_retrying(op, &mut req, None) {
                Ok(resp) => {
                    self.learn_challenge(&resp);
                    *base = Some(candidate.clone());
                    return Ok(candidate);
                }
                Err(e) => last = Some(e),
            }
        }
        Err(last.expect("at least one scheme"))
    }

    /// Sends with authentication: a 401 re-learns the challenge and fetches a new token once.
    fn execute(&self, op: &str, mut req: Req<'_>) -> Result<Response<Body>, RegistryError> {
        let base = self.base(op)?;
        let mut renewed = false;
        loop {
            let auth = if same_origin(&req.url, &base) {
                self.authorization(op, req.scope)?
            } else {
                None
            };
            let resp = self.send_retrying(op, &mut req, auth.as_deref())?;
            if resp.status().as_u16() == 401 && !renewed && req.replayable() {
                renewed = true;
                let had_token = auth.is_some();
                let learned = self.learn_challenge(&resp);
                if had_token || learned {
                    let key = req.scope.scopes().join(" ");
                    self.state.lock().unwrap_or_else(|p| p.into_inner()).tokens.remove(&key);
                    continue;
                }
            }
            return Ok(resp);
        }
    }

    /// Sends (following redirects) and retries connection errors and 5xx/429 answers with backoff.
    fn send_retrying(&self, op: &str, req: &mut Req<'_>, auth: Option<&str>) -> Result<Response<Body>, RegistryError> {
        let mut attempt = 0;
        loop {
            let retry_ok = attempt < MAX_RETRIES && req.replayable();
            match self.send_following(op, req, auth) {
                Err(Ok(fail)) if retry_ok && is_transient(&fail.error) => {}
                Err(Ok(fail)) => return Err(self.transport_error(op, &fail.url, fail.error)),
                Err(Err(e)) => return Err(e),
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    if !(retry_ok && (status >= 500 || status == 429)) {
                        return Ok(resp);
                    }
                    if let Some(wait) = header(&resp, "retry-after").and_then(|v| v.trim().parse::<u64>().ok()) {
                        std::thread::sleep(Duration::from_secs(wait).min(MAX_RETRY_WAIT));
                        attempt += 1;
                        continue;
                    }
                }
            }
            std::thread::sleep((RETRY_BASE * 2u32.pow(attempt)).min(MAX_RETRY_WAIT));
            attempt += 1;
        }
    }

    /// One attempt, following redirects of body-less requests; `Authorization` goes only to the
    /// registry's own origin, never to the storage a blob redirects to.
    fn send_following(
        &self,
        op: &str,
        req: &mut Req<'_>,
        auth: Option<&str>,
    ) -> Result<Response<Body>, Result<SendError, RegistryError>> {
        let mut url = req.url.clone();
        for _ in 0..=MAX_REDIRECTS {
            let auth = auth.filter(|_| same_origin(&url, &req.url));
            let mut builder = Request::builder().method(req.method.clone()).uri(url.as_str());
            for (name, value) in &req.headers {
                builder = builder.header(*name, value.as_str());
            }
            if let Some(a) = auth {
                builder = builder.header("Authorization", a);
            }
            let mut bytes: &[u8];
            let result = match &mut req.body {
                ReqBody::Empty => self.run(builder, SendBody::none()),
                ReqBody::Bytes(b) => {
                    bytes = b;
                    self.run(builder, SendBody::from_reader(&mut bytes))
                }
                ReqBody::Stream(r) => self.run(builder, SendBody::from_reader(&mut **r)),
            };
            let resp = match result {
                Ok(resp) => resp,
                Err(Some(error)) => {
                    return Err(Ok(SendError {
                        error,
                        url: url.clone(),
                    }));
                }
                Err(None) => return Err(Err(self.protocol(op, format!("invalid request URL {url:?}")))),
            };
            let status = resp.status().as_u16();
            let redirect = matches!(status, 301 | 302 | 303 | 307 | 308)
                && matches!(req.body, ReqBody::Empty)
                && (req.method == Method::GET || req.method == Method::HEAD);
            if !redirect {
                return Ok(resp);
            }
            let Some(next) = header(&resp, "location").and_then(|l| resolve_url(&url, &l)) else {
                return Err(Err(
                    self.protocol(op, format!("HTTP {status} redirect without a valid Location"))
                ));
            };
            url = next;
        }
        Err(Err(self.protocol(
            op,
            format!("more than {MAX_REDIRECTS} redirects (a redirect loop?)"),
        )))
    }

    /// Runs one request; `Err(None)` when the request cannot even be built (a bad URL).
    fn run(
        &self,
        builder: ureq::http::request::Builder,
        body: SendBody<'_>,
    ) -> Result<Response<Body>, Option<ureq::Error>> {
        let request = builder.body(body).map_err(|_| None)?;
        self.agent.run(request).map_err(Some)
    }

    /// Records the challenge of a 401 answer; true when there was one.
    fn learn_challenge(&self, resp: &Response<Body>) -> bool {
        if resp.status().as_u16() != 401 {
            return false;
        }
        let challenges: Vec<Challenge> = resp
            .headers()
            .get_all("www-authenticate")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(auth::parse_challenges)
            .collect();
        // Prefer a bearer token: it is what the registry asks for when it offers both.
        let chosen = challenges
            .iter()
            .find(|c| matches!(c, Challenge::Bearer { .. }))
            .or(challenges.first())
            .cloned();
        let found = chosen.is_some();
        if let Some(c) = chosen {
            self.state.lock().unwrap_or_else(|p| p.into_inner()).challenge = Some(c);
        }
        found
    }

    /// The credentials for a repository: `--creds`, else the auth files (most specific key first).
    fn credentials(&self, repo: &str) -> Result<Option<Credentials>, RegistryError> {
        if let Some(c) = &self.creds {
            return Ok(Some(c.clone()));
        }
        let mut cache = self.found_creds.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(found) = cache.get(repo) {
            return Ok(found.clone());
        }
        let found = auth::find_credentials(&self.auth_files, &self.registry, repo)?;
        cache.insert(repo.to_string(), found.clone());
        Ok(found)
    }

    /// The `Authorization` value for a request, fetching (and caching) a bearer token when needed.
    fn authorization(&self, op: &str, scope: Scope<'_>) -> Result<Option<String>, RegistryError> {
        let challenge = self.state.lock().unwrap_or_else(|p| p.into_inner()).challenge.clone();
        let creds = match &challenge {
            None => return Ok(None),
            Some(_) => self.credentials(scope.repo())?,
        };
        match challenge {
            None => Ok(None),
            Some(Challenge::Basic) => Ok(creds.map(|c| format!("Basic {}", c.encode()))),
            Some(Challenge::Bearer { realm, service, .. }) => {
                let scopes = scope.scopes();
                let key = scopes.join(" ");
                if let Some(t) = self.state.lock().unwrap_or_else(|p| p.into_inner()).tokens.get(&key) {
                    return Ok(Some(format!("Bearer {t}")));
                }
                let token = self.fetch_token(op, &realm, service.as_deref(), &scopes, creds.as_ref())?;
                let value = format!("Bearer {token}");
                self.state
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .tokens
                    .insert(key, token);
                Ok(Some(value))
            }
        }
    }

    /// Docker's token flow: `GET realm?service=…&scope=…`, with basic credentials when there are some.
    fn fetch_token(
        &self,
        op: &str,
        realm: &str,
        service: Option<&str>,
        scopes: &[String],
        creds: Option<&Credentials>,
    ) -> Result<String, RegistryError> {
        let mut url = realm.to_string();
        if let Some(s) = service {
            url = with_query(&url, "service", s);
        }
        for s in scopes {
            url = with_query(&url, "scope", s);
        }
        let mut req = Req::new(Method::GET, url, Scope::Registry);
        let basic = creds.map(|c| format!("Basic {}", c.encode()));
        // The realm may be another host, so send_following's same-origin rule does not apply here: the
        // credentials are meant for the token service the registry named.
        if let Some(b) = &basic {
            req = req.header("Authorization", b.clone());
        }
        let resp = self.send_retrying(op, &mut req, None)?;
        if !resp.status().is_success() {
            let err = self.api_error(op, resp);
            return Err(match err {
                RegistryError::Api {
                    registry,
                    operation,
                    status,
                    message,
                } => RegistryError::Api {
                    registry,
                    operation,
                    status,
                    message: format!("requesting a token: {message}"),
                },
                other => other,
            });
        }
        let data = self.read_limited(op, resp, MAX_SMALL_BODY, "token response")?;
        auth::parse_token_response(&data).map_err(|why| self.protocol(op, why.to_string()))
    }

    fn location(&self, op: &str, request_url: &str, resp: &Response<Body>) -> Result<String, RegistryError> {
        header(resp, "location")
            .and_then(|l| resolve_url(request_url, &l))
            .ok_or_else(|| self.protocol(op, "the upload answer has no valid Location header".to_string()))
    }

    /// Reads a whole (small) body, refusing more than `limit` bytes.
    fn read_limited(&self, op: &str, resp: Response<Body>, limit: u64, what: &str) -> Result<Vec<u8>, RegistryError> {
        let too_large = || self.protocol(op, format!("the {what} is larger than {limit} bytes"));
        if header(&resp, "content-length")
            .and_then(|v| v.trim().parse::<u64>().ok())
            .is_some_and(|n| n > limit)
        {
            return Err(too_large());
        }
        let mut data = Vec::new();
        resp.into_body()
            .into_reader()
            .take(limit + 1)
            .read_to_end(&mut data)
            .map_err(|e| RegistryError::Transport {
                registry: self.registry.clone(),
                operation: op.to_string(),
                message: format!("reading the {what}: {e}"),
            })?;
        if data.len() as u64 > limit {
            return Err(too_large());
        }
        Ok(data)
    }

    fn manifest_media_type(&self, op: &str, content_type: &str, data: &[u8]) -> Result<String, RegistryError> {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Probe {
            schema_version: Option<serde_json::Value>,
            media_type: Option<String>,
            manifests: Option<serde_json::Value>,
        }
        let probe: Probe = serde_json::from_slice(data)
            .map_err(|e| self.protocol(op, format!("invalid JSON in the manifest: {e}")))?;
        if probe.schema_version.as_ref().and_then(serde_json::Value::as_u64) == Some(1)
            || probe.media_type.as_deref().is_some_and(|m| SCHEMA1_TYPES.contains(&m))
        {
            return Err(self.schema1(op));
        }
        let known = [
            MEDIA_OCI_MANIFEST,
            MEDIA_OCI_INDEX,
            MEDIA_DOCKER_MANIFEST,
            MEDIA_DOCKER_LIST,
        ];
        if known.contains(&content_type) {
            return Ok(content_type.to_string());
        }
        if let Some(m) = probe.media_type.filter(|m| known.contains(&m.as_str())) {
            return Ok(m);
        }
        // A registry that answers text/plain or application/json: OCI without mediaType.
        Ok(if probe.manifests.is_some() {
            MEDIA_OCI_INDEX
        } else {
            MEDIA_OCI_MANIFEST
        }
        .to_string())
    }

    fn schema1(&self, op: &str) -> RegistryError {
        RegistryError::Schema1 {
            registry: self.registry.clone(),
            operation: op.to_string(),
        }
    }

    fn protocol(&self, op: &str, message: String) -> RegistryError {
        RegistryError::Protocol {
            registry: self.registry.clone(),
            operation: op.to_string(),
            message,
        }
    }

    /// An error answer turned into a message from its `errors` body or, without one, its status.
    fn api_error(&self, op: &str, resp: Response<Body>) -> RegistryError {
        let status = resp.status();
        let mut body = Vec::new();
        // A broken body still leaves the status to report.
        let _ = resp
            .into_body()
            .into_reader()
            .take(MAX_SMALL_BODY)
            .read_to_end(&mut body);
        RegistryError::Api {
            registry: self.registry.clone(),
            operation: op.to_string(),
            status: status.as_u16(),
            message: decode_error_body(status.as_u16(), status.canonical_reason(), &body),
        }
    }

    fn transport_error(&self, op: &str, url: &str, error: ureq::Error) -> RegistryError {
        let host = host_port(url);
        let message = match &error {
            ureq::Error::Timeout(_) => format!("timed out talking to {host}"),
            ureq::Error::HostNotFound => format!("cannot resolve host {host}"),
            ureq::Error::ConnectionFailed => format!("cannot connect to {host}"),
            ureq::Error::Io(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                format!("connecting to {host}: connection refused")
            }
            ureq::Error::Io(e) => match super::tls::describe_tls_error(&e.to_string()) {
                Some(tls) => format!("TLS handshake with {host}: {tls}"),
                None => format!("talking to {host}: {e}"),
            },
            ureq::Error::Rustls(e) => {
                let text = e.to_string();
                let tls = super::tls::describe_tls_error(&text).unwrap_or_else(|| format!("tls: {text}"));
                format!("TLS handshake with {host}: {tls}")
            }
            ureq::Error::Tls(e) => format!("TLS handshake with {host}: tls: {e}"),
            other => format!("talking to {host}: {other}"),
        };
        RegistryError::Transport {
            registry: self.registry.clone(),
            operation: op.to_string(),
            message,
        }
    }
}

/// The connect and per-read/write timeouts, shortened by [`TIMEOUT_ENV`].
fn timeouts() -> (Duration, Duration) {
    match std::env::var(TIMEOUT_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|s| *s > 0)
    {
        Some(secs) => {
            let d = Duration::from_secs(secs);
            (d.min(CONNECT_TIMEOUT), d.min(IO_TIMEOUT))
        }
        None => (CONNECT_TIMEOUT, IO_TIMEOUT),
    }
}

/// Connection failures worth another try; TLS failures (reported as I/O errors) are not.
fn is_transient(e: &ureq::Error) -> bool {
    match e {
        ureq::Error::Io(io) => super::tls::describe_tls_error(&io.to_string()).is_none(),
        ureq::Error::Timeout(_) | ureq::Error::ConnectionFailed | ureq::Error::Protocol(_) => true,
        _ => false,
    }
}

fn header(resp: &Response<Body>, name: &str) -> Option<String> {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// `scheme://host[:port]` of a URL.
fn origin(url: &str) -> &str {
    let after = url.find("://").map(|i| i + 3).unwrap_or(0);
    match url[after..].find(['/', '?', '#']) {
        Some(i) => &url[..after + i],
        None => url,
    }
}

fn host_port(url: &str) -> &str {
    let o = origin(url);
    o.split_once("://").map(|(_, h)| h).unwrap_or(o)
}

fn same_origin(a: &str, b: &str) -> bool {
    origin(a).eq_ignore_ascii_case(origin(b))
}

/// Resolves a `Location` or `Link` target against the URL it came from; None for a target that is not a
/// usable http(s) URL.
fn resolve_url(from: &str, target: &str) -> Option<String> {
    let target = target.trim();
    if target.is_empty() || target.bytes().any(|b| b <= b' ' || b == 0x7f) {
        return None;
    }
    let lower = target.to_ascii_lowercase();
    let resolved = if lower.starts_with("https://") || lower.starts_with("http://") {
        target.to_string()
    } else if let Some(rest) = target.strip_prefix("//") {
        let scheme = from.split_once("://").map(|(s, _)| s)?;
        format!("{scheme}://{rest}")
    } else if target.starts_with('/') {
        format!("{}{target}", origin(from))
    } else if lower.contains("://") {
        return None;
    } else {
        let path_end = from.find(['?', '#']).unwrap_or(from.len());
        let dir_end = from[..path_end].rfind('/')? + 1;
        if dir_end <= origin(from).len() {
            format!("{}/{target}", origin(from))
        } else {
            format!("{}{target}", &from[..dir_end])
        }
    };
    (!host_port(&resolved).is_empty()).then_some(resolved)
}

/// Percent-encodes a query value.
fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn with_query(url: &str, name: &str, value: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}{name}={}", query_escape(value))
}

/// The `rel="next"` target of a `Link` header.
fn next_link(link: &str) -> Option<String> {
    for part in link.split(',') {
        let (target, params) = part.trim().split_once(';')?;
        let target = target.trim().strip_prefix('<')?.strip_suffix('>')?;
        let is_next = params.split(';').any(|p| {
            p.trim()
                .split_once('=')
                .is_some_and(|(k, v)| k.trim().eq_ignore_ascii_case("rel") && v.trim().trim_matches('"') == "next")
        });
        if is_next {
            return Some(target.to_string());
        }
    }
    None
}

/// Keeps printable text only, bounded, so a hostile body cannot flood or garble the terminal.
fn sanitize(s: &str, max_chars: usize) -> String {
    let clean: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(max_chars)
        .collect();
    clean.trim().to_string()
}

/// The registry error code and a lowercase message: `manifest unknown`, `unauthorized: authentication
/// required`, `name unknown: repository name not known to registry`; without an `errors` body, the status.
fn decode_error_body(status: u16, reason: Option<&str>, body: &[u8]) -> String {
    #[derive(serde::Deserialize)]
    struct ErrorBody {
        errors: Vec<ErrorItem>,
    }
    #[derive(serde::Deserialize)]
    struct ErrorItem {
        code: Option<String>,
        message: Option<String>,
    }
    if let Ok(parsed) = serde_json::from_slice::<ErrorBody>(body) {
        let mut parts = Vec::new();
        for item in parsed.errors.iter().take(4) {
            let code = item.code.as_deref().map(|c| sanitize(c, 64)).unwrap_or_default();
            let code_text = code.to_lowercase().replace('_', " ");
            let message = item.message.as_deref().map(|m| sanitize(m, 300)).unwrap_or_default();
            let text = if message.is_empty() || message.eq_ignore_ascii_case(&code_text) {
                code_text
            } else if code_text.is_empty() {
                message
            } else {
                format!("{code_text}: {message}")
            };
            if !text.is_empty() {
                parts.push(text);
            }
        }
        if !parts.is_empty() {
            return parts.join("; ");
        }
    }
    match status {
        401 => "unauthorized: authentication required".to_string(),
        403 => "denied: access forbidden".to_string(),
        404 => "not found (HTTP 404)".to_string(),
        429 => "too many requests (HTTP 429)".to_string(),
        _ => {
            let reason = reason.map(|r| format!(" {r}")).unwrap_or_default();
            let text = String::from_utf8_lossy(body);
            let first = sanitize(text.lines().next().unwrap_or(""), 200);
            if first.is_empty() || first.starts_with('<') {
                format!("unexpected HTTP status {status}{reason}")
            } else {
                format!("unexpected HTTP status {status}{reason}: {first}")
            }
        }
    }
}

/// Counts what an upload reads, to check the source had exactly the announced size.
struct CountingReader<'a> {
    inner: &'a mut dyn Read,
    count: u64,
}

impl Read for CountingReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

/// A blob body whose errors (timeouts, truncation) name the blob and registry.
struct BlobReader {
    inner: ureq::BodyReader<'static>,
    operation: String,
}

impl Read for BlobReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner
            .read(buf)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", self.operation)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Client>();
    }

    #[test]
    fn decodes_error_bodies() {
        let d = |status, body: &str| decode_error_body(status, None, body.as_bytes());
        assert_eq!(
            d(
                404,
                r#"{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"x"}}]}"#
            ),
            "manifest unknown"
        );
        assert_eq!(
            d(
                401,
                r#"{"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":null}]}"#
            ),
            "unauthorized: authentication required"
        );
        assert_eq!(
            d(
                404,
                r#"{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]}"#
            ),
            "name unknown: repository name not known to registry"
        );
        assert_eq!(
            d(
                404,
                r#"{"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown to registry"}]}"#
            ),
            "blob unknown: blob unknown to registry"
        );
        assert_eq!(d(403, r#"{"errors":[{"code":"DENIED"}]}"#), "denied");
        assert_eq!(d(404, ""), "not found (HTTP 404)");
        assert_eq!(d(401, ""), "unauthorized: authentication required");
        assert_eq!(
            decode_error_body(500, Some("Internal Server Error"), b"boom\nmore"),
            "unexpected HTTP status 500 Internal Server Error: boom"
        );
        assert_eq!(
            d(502, "<html><body>bad gateway</body></html>"),
            "unexpected HTTP status 502"
        );
        // Hostile bodies: control characters, huge messages, wrong types, empty lists.
        let evil = d(
            400,
            "{\"errors\":[{\"code\":\"X\",\"message\":\"a\\u001b[2Jb\\r\\nc\"}]}",
        );
        assert!(!evil.chars().any(char::is_control), "{evil:?}");
        let long = format!(r#"{{"errors":[{{"code":"X","message":"{}"}}]}}"#, "m".repeat(100_000));
        assert!(d(400, &long).len() < 400);
        assert_eq!(d(404, r#"{"errors":[]}"#), "not found (HTTP 404)");
        assert_eq!(d(404, r#"{"errors":[{"code":5}]}"#), "not found (HTTP 404)");
        assert_eq!(d(404, r#"{"errors":"x"}"#), "not found (HTTP 404)");
        assert_eq!(d(400, "\u{0}\u{1}"), "unexpected HTTP status 400");
    }

    #[test]
    fn resolves_locations() {
        let from = "https://reg:5000/v2/a/b/blobs/uploads/";
        assert_eq!(
            resolve_url(from, "/v2/a/b/blobs/uploads/u1?_state=x").unwrap(),
            "https://reg:5000/v2/a/b/blobs/uploads/u1?_state=x"
        );
        assert_eq!(
            resolve_url(from, "https://s3.example/x?sig=1").unwrap(),
            "https://s3.example/x?sig=1"
        );
        assert_eq!(resolve_url(from, "//cdn.example/y").unwrap(), "https://cdn.example/y");
        assert_eq!(
            resolve_url(from, "u2").unwrap(),
            "https://reg:5000/v2/a/b/blobs/uploads/u2"
        );
        assert_eq!(resolve_url("http://h/v2/x?q=/a/b", "z").unwrap(), "http://h/v2/z");
        assert_eq!(resolve_url("http://h", "z").unwrap(), "http://h/z");
        for bad in [
            "",
            "   ",
            "file:///etc/passwd",
            "a b",
            "x\r\nInjected: 1",
            "https://",
            "ftp://x/y",
        ] {
            assert_eq!(resolve_url(from, bad), None, "{bad:?}");
        }
    }

    #[test]
    fn origins() {
        assert!(same_origin("https://reg:5000/v2/x", "https://REG:5000"));
        assert!(!same_origin("https://reg:5000/v2/x", "https://reg:5001/v2/x"));
        assert!(!same_origin("https://reg/v2/x", "http://reg/v2/x"));
        assert!(!same_origin("https://reg.evil/v2", "https://reg"));
        assert_eq!(host_port("https://reg:5000/v2/x?y"), "reg:5000");
    }

    #[test]
    fn queries_and_links() {
        assert_eq!(
            query_escape("repository:a/b:pull,push"),
            "repository%3Aa%2Fb%3Apull%2Cpush"
        );
        assert_eq!(
            with_query("http://h/u?x=1", "digest", "sha256:ab"),
            "http://h/u?x=1&digest=sha256%3Aab"
        );
        assert_eq!(
            next_link(r#"</v2/x/tags/list?n=2&last=b>; rel="next""#).unwrap(),
            "/v2/x/tags/list?n=2&last=b"
        );
        assert_eq!(
            next_link(r#"<https://h/a>; rel=prev, <https://h/b>; rel=next"#).unwrap(),
            "https://h/b"
        );
        for bad in ["", "garbage", "<x>", "<x>; rel=\"prev\"", "x; rel=next", ";;;"] {
            assert_eq!(next_link(bad), None, "{bad}");
        }
    }

    #[test]
    fn scopes() {
        assert_eq!(Scope::Pull("a/b").scopes(), ["repository:a/b:pull"]);
        assert_eq!(Scope::Push("a").scopes(), ["repository:a:pull,push"]);
        assert_eq!(
            Scope::Mount { repo: "a", from: "b" }.scopes(),
            ["repository:a:pull,push", "repository:b:pull"]
        );
        assert!(Scope::Registry.scopes().is_empty());
    }

    #[test]
    fn timeout_env() {
        // Read-only check of the defaults; the variable itself is exercised by the integration tests.
        if std::env::var_os(TIMEOUT_ENV).is_none() {
            assert_eq!(timeouts(), (CONNECT_TIMEOUT, IO_TIMEOUT));
        }
    }
}
