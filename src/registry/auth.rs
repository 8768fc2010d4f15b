//! Credentials: auth.json files, `WWW-Authenticate` challenges, bearer tokens.
//!
//! Which auth files are read, in order (the first file with a matching key wins):
//! - `--authfile` alone when given;
//! - otherwise `$XDG_RUNTIME_DIR/containers/auth.json`, then `~/.config/containers/auth.json`
//!   (`$XDG_CONFIG_HOME`), then `~/.docker/config.json`.
//!
//! `login` and `logout` write the first of these. Without `XDG_RUNTIME_DIR`, a rootless user's runtime file is
//! `/run/user/<uid>/containers/auth.json` when `/run/user/<uid>` exists (what Podman sets XDG_RUNTIME_DIR to),
//! otherwise `~/.config/containers/auth.json`, so credentials still persist; root uses
//! `/run/containers/0/auth.json` as containers/image does.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Map, Value};

use super::RegistryError;
use crate::image::reference::Reference;

/// Auth files larger than this are refused rather than read into memory.
const MAX_AUTH_FILE: u64 = 4 << 20;

/// A username and password (or identity token).
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

// Never print passwords, not even in debug output.
impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

impl Credentials {
    /// `user:pass` for the `auth` field of auth.json and for HTTP basic auth.
    pub fn encode(&self) -> String {
        BASE64.encode(format!("{}:{}", self.username, self.password))
    }

    /// The inverse of [`encode`](Self::encode). The error never contains the decoded text.
    pub fn decode(auth: &str) -> Result<Credentials, &'static str> {
        let raw = BASE64.decode(auth.trim()).map_err(|_| "invalid base64")?;
        let text = String::from_utf8(raw).map_err(|_| "not UTF-8")?;
        let (user, pass) = text.split_once(':').ok_or("expected base64 of \"username:password\"")?;
        if user.is_empty() {
            return Err("empty username");
        }
        Ok(Credentials {
            username: user.to_string(),
            password: pass.to_string(),
        })
    }
}

/// `user[:pass]` as given to `--creds`; the password is None when there is no `:`.
pub fn split_creds(s: &str) -> Result<(String, Option<String>), &'static str> {
    let (user, pass) = match s.split_once(':') {
        Some((u, p)) => (u, Some(p.to_string())),
        None => (s, None),
    };
    if user.is_empty() {
        return Err("--creds: the username must not be empty");
    }
    Ok((user.to_string(), pass))
}

/// `user:pass` as given to `--creds` (or an API's credentials field), password required.
pub fn parse_creds(s: &str) -> Result<Credentials, &'static str> {
    let (username, password) = split_creds(s)?;
    let password = password.ok_or("--creds: no password given (use --creds USERNAME:PASSWORD, or ferry login)")?;
    Ok(Credentials { username, password })
}

/// The auth.json key for a `login`/`logout` argument: `host[:port][/namespace…]`, without the scheme or
/// trailing slash Docker users sometimes type; Docker Hub's aliases become `docker.io`.
pub fn auth_key(input: &str) -> Result<String, RegistryError> {
    let trimmed = input.trim();
    let lower = trimmed.to_ascii_lowercase();
    let without_scheme = if lower.starts_with("https://") || lower.starts_with("http://") {
        trimmed.split_once("://").map_or(trimmed, |(_, rest)| rest)
    } else {
        trimmed
    };
    let key = without_scheme.trim_end_matches('/');
    let key = match key.split_once('/') {
        Some(("index.docker.io" | "registry-1.docker.io", rest)) if rest == "v1" || rest == "v2" => "docker.io",
        None if key == "index.docker.io" || key == "registry-1.docker.io" => "docker.io",
        _ => key,
    };
    let probe = format!("{key}/x");
    let host = key.split('/').next().unwrap_or("");
    let valid = !key.contains(['@', ' ', '*'])
        && !Reference::is_short_name(&probe)
        && Reference::parse(&probe).is_ok_and(|r| r.registry == host && r.tag.as_deref() == Some("latest"));
    if !valid {
        return Err(RegistryError::InvalidRegistry {
            input: input.to_string(),
        });
    }
    Ok(key.to_string())
}

/// The inputs of the auth file search path, read once from the environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthLocations {
    /// `$XDG_RUNTIME_DIR`, when set and not empty.
    pub runtime_dir: Option<PathBuf>,
    /// `$XDG_CONFIG_HOME/containers` or `~/.config/containers`.
    pub config_dir: Option<PathBuf>,
    pub home: Option<PathBuf>,
    /// The user's uid outside ferry's user namespace.
    pub uid: u32,
}

impl AuthLocations {
    pub fn from_env(uid: u32) -> AuthLocations {
        AuthLocations {
            runtime_dir: std::env::var_os("XDG_RUNTIME_DIR")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            config_dir: crate::config::user_config_dir(),
            home: directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf()),
            uid,
        }
    }

    /// The file `login` writes and `logout` edits when there is no `--authfile`.
    pub fn primary(&self) -> Option<PathBuf> {
        if let Some(dir) = &self.runtime_dir {
            return Some(dir.join("containers/auth.json"));
        }
        if self.uid == 0 {
            return Some(PathBuf::from("/run/containers/0/auth.json"));
        }
        let run_user = PathBuf::from(format!("/run/user/{}", self.uid));
        if run_user.is_dir() {
            return Some(run_user.join("containers/auth.json"));
        }
        self.config_dir.as_ref().map(|d| d.join("auth.json"))
    }

    /// Every file to read, in order, without duplicates.
    pub fn search_path(&self) -> Vec<PathBuf> {
        let candidates = [
            self.primary(),
            self.config_dir.as_ref().map(|d| d.join("auth.json")),
            self.home.as_ref().map(|h| h.join(".docker/config.json")),
        ];
        let mut out: Vec<PathBuf> = Vec::new();
        for path in candidates.into_iter().flatten() {
            if !out.contains(&path) {
                out.push(path);
            }
        }
        out
    }
}

/// The keys to look up for `registry` and `repository`, most specific first:
/// `reg/ns/repo`, `reg/ns`, `reg`.
pub fn lookup_keys(registry: &str, repository: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut path = repository;
    while !path.is_empty() {
        keys.push(format!("{registry}/{path}"));
        path = path.rsplit_once('/').map(|(head, _)| head).unwrap_or("");
    }
    keys.push(registry.to_string());
    keys
}

/// A key as written by Docker (`https://index.docker.io/v1/`, `http://host:5000`) normalized to
/// ferry's form (`docker.io`, `host:5000`); other keys are returned unchanged.
fn normalize_key(key: &str) -> String {
    let Some((_, rest)) = key.split_once("://") else {
        return key.to_string();
    };
    let host = rest.split('/').next().unwrap_or(rest);
    match host {
        "index.docker.io" | "registry-1.docker.io" => "docker.io".to_string(),
        _ => host.to_string(),
    }
}

/// One parsed auth.json (or Docker config.json), keeping unknown fields so rewriting preserves them.
#[derive(Debug, Clone, Default)]
pub struct AuthFile {
    root: Map<String, Value>,
}

impl AuthFile {
    /// Reads `path`; a missing file is an empty one.
    pub fn load(path: &Path) -> Result<AuthFile, RegistryError> {
        use std::io::Read;
        let io = |source| RegistryError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(AuthFile::default()),
            Err(e) => return Err(io(e)),
        };
        let mut text = Vec::new();
        file.take(MAX_AUTH_FILE + 1).read_to_end(&mut text).map_err(io)?;
        if text.len() as u64 > MAX_AUTH_FILE {
            return Err(RegistryError::AuthFile {
                path: path.to_path_buf(),
                message: format!("larger than {MAX_AUTH_FILE} bytes"),
            });
        }
        AuthFile::parse(&text).map_err(|message| RegistryError::AuthFile {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Parses the JSON text; an empty file is an empty configuration.
    pub fn parse(text: &[u8]) -> Result<AuthFile, String> {
        if text.iter().all(u8::is_ascii_whitespace) {
            return Ok(AuthFile::default());
        }
        // serde_json's error says where, never echoes the (possibly secret) content.
        let value: Value = serde_json::from_slice(text).map_err(|e| format!("invalid JSON: {e}"))?;
        let Value::Object(root) = value else {
            return Err("expected a JSON object".to_string());
        };
        match root.get("auths") {
            None | Some(Value::Object(_)) => {}
            Some(_) => return Err("\"auths\" must be an object".to_string()),
        }
        Ok(AuthFile { root })
    }

    fn auths(&self) -> Option<&Map<String, Value>> {
        self.root.get("auths").and_then(Value::as_object)
    }

    /// The credentials stored under exactly `key` (Docker-style keys with a scheme match their host).
    /// Entries without `auth` (identity tokens, credential helpers) are skipped.
    pub fn get(&self, key: &str) -> Result<Option<Credentials>, String> {
        let Some(auths) = self.auths() else { return Ok(None) };
        let entry = auths
            .get(key)
            .or_else(|| auths.iter().find(|(k, _)| normalize_key(k) == key).map(|(_, v)| v));
        let Some(entry) = entry else { return Ok(None) };
        let Some(obj) = entry.as_object() else {
            return Err(format!("entry {key:?} is not an object"));
        };
        match obj.get("auth") {
            None => Ok(None),
            Some(Value::String(s)) if s.is_empty() => Ok(None),
            Some(Value::String(s)) => Credentials::decode(s)
                .map(Some)
                .map_err(|why| format!("entry {key:?}: \"auth\": {why}")),
            Some(_) => Err(format!("entry {key:?}: \"auth\" is not a string")),
        }
    }

    /// The first of `keys` with credentials.
    pub fn find(&self, keys: &[String]) -> Result<Option<Credentials>, String> {
        for key in keys {
            if let Some(c) = self.get(key)? {
                return Ok(Some(c));
            }
        }
        Ok(None)
    }

    pub fn set(&mut self, key: &str, creds: &Credentials) {
        let auths = self.root.entry("auths").or_insert_with(|| Value::Object(Map::new()));
        if !auths.is_object() {
            *auths = Value::Object(Map::new());
        }
        let auths = auths.as_object_mut().expect("just made an object");
        let mut entry = match auths.remove(key) {
            Some(Value::Object(o)) => o,
            _ => Map::new(),
        };
        entry.insert("auth".to_string(), Value::String(creds.encode()));
        auths.insert(key.to_string(), Value::Object(entry));
    }

    /// Removes `key` (and its Docker-style spellings); false when it was not there.
    pub fn remove(&mut self, key: &str) -> bool {
        let Some(Value::Object(auths)) = self.root.get_mut("auths") else {
            return false;
        };
        let before = auths.len();
        auths.retain(|k, _| k != key && normalize_key(k) != key);
        auths.len() != before
    }

    /// Removes every entry; false when there was none.
    pub fn remove_all(&mut self) -> bool {
        match self.root.get_mut("auths") {
            Some(Value::Object(auths)) if !auths.is_empty() => {
                auths.clear();
                true
            }
            _ => false,
        }
    }

    /// Writes atomically with mode 0600, creating missing parent directories with mode 0700.
    pub fn save(&self, path: &Path) -> Result<(), RegistryError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::store::atomic::create_dir_all(dir, 0o700)?;
        }
        let mut text =
            serde_json::to_vec_pretty(&Value::Object(self.root.clone())).map_err(|e| RegistryError::AuthFile {
                path: path.to_path_buf(),
                message: e.to_string(),
            })?;
        text.push(b'\n');
        crate::store::atomic::write_file(path, &text, 0o600)?;
        Ok(())
    }
}

/// Looks up the credentials for `registry`/`repository` in `files`, in order.
pub fn find_credentials(
    files: &[PathBuf],
    registry: &str,
    repository: &str,
) -> Result<Option<Credentials>, RegistryError> {
    let keys = lookup_keys(registry, repository);
    for path in files {
        let file = AuthFile::load(path)?;
        let found = file.find(&keys).map_err(|message| RegistryError::AuthFile {
            path: path.clone(),
            message,
        })?;
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

/// One challenge from a `WWW-Authenticate` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Challenge {
    Bearer {
        realm: String,
        service: Option<String>,
        scope: Option<String>,
    },
    Basic,
}

/// Header values longer than this are refused (a hostile server could send megabytes).
const MAX_CHALLENGE_LEN: usize = 16 * 1024;

/// Parses a `WWW-Authenticate` value (RFC 7235: `scheme param=value, param="quoted", scheme2 …`) into the
/// challenges ferry can answer; unknown schemes and malformed parts are skipped, a Bearer without a realm is
/// dropped.
pub fn parse_challenges(header: &str) -> Vec<Challenge> {
    if header.len() > MAX_CHALLENGE_LEN {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut current: Option<(String, Vec<(String, String)>)> = None;
    let mut p = Parser {
        s: header.as_bytes(),
        i: 0,
    };
    loop {
        p.skip_separators();
        if p.at_end() {
            break;
        }
        let Some(token) = p.token() else {
            // Not a token: skip one byte so hostile input cannot stall the loop.
            p.i += 1;
            continue;
        };
        p.skip_spaces();
        if p.peek() == Some(b'=') {
            p.i += 1;
            p.skip_spaces();
            let value = if p.peek() == Some(b'"') {
                p.quoted()
            } else {
                p.token().unwrap_or_default()
            };
            if let Some((_, params)) = current.as_mut() {
                params.push((token.to_ascii_lowercase(), value));
            }
        } else {
            if let Some(done) = current.take() {
                out.extend(to_challenge(done));
            }
            current = Some((token.to_ascii_lowercase(), Vec::new()));
        }
    }
    if let Some(done) = current {
        out.extend(to_challenge(done));
    }
    out
}

fn to_challenge((scheme, params): (String, Vec<(String, String)>)) -> Option<Challenge> {
    let get = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    match scheme.as_str() {
        "bearer" => {
            let realm = get("realm").filter(|r| r.starts_with("https://") || r.starts_with("http://"))?;
            Some(Challenge::Bearer {
                realm,
                service: get("service"),
                scope: get("scope"),
            })
        }
        "basic" => Some(Challenge::Basic),
        _ => None,
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn at_end(&self) -> bool {
        self.i >= self.s.len()
    }
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }
    fn skip_separators(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b',')) {
            self.i += 1;
        }
    }
    /// An RFC 7230 token (plus `/` so unquoted URLs and scopes survive).
    fn token(&mut self) -> Option<String> {
        let start = self.i;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~/:".contains(&c) {
                self.i += 1;
            } else {
                break;
            }
        }
        (self.i > start).then(|| String::from_utf8_lossy(&self.s[start..self.i]).into_owned())
    }
    /// A quoted string starting at `"`, with `\` escapes; an unterminated one runs to the end.
    fn quoted(&mut self) -> String {
        self.i += 1;
        let mut out = Vec::new();
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    if let Some(next) = self.peek() {
                        out.push(next);
                        self.i += 1;
                    }
                }
                _ => out.push(c),
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// The token in a token endpoint's JSON answer (`token`, or OAuth2's `access_token`).
pub fn parse_token_response(body: &[u8]) -> Result<String, &'static str> {
    #[derive(serde::Deserialize)]
    struct TokenResponse {
        token: Option<String>,
        access_token: Option<String>,
    }
    let parsed: TokenResponse = serde_json::from_slice(body).map_err(|_| "invalid JSON in the token response")?;
    let token = parsed
        .token
        .filter(|t| !t.is_empty())
        .or(parsed.access_token.filter(|t| !t.is_empty()))
        .ok_or("the token response has no token")?;
    // The token goes into a header: refuse what would break it or smuggle another header.
    if token.bytes().any(|b| !(0x21..0x7f).contains(&b)) {
        return Err("the token response has an invalid token");
    }
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(u: &str, p: &str) -> Credentials {
        Credentials {
            username: u.into(),
            password: p.into(),
        }
    }

    #[test]
    fn debug_hides_the_password() {
        let c = creds("alice", "s3cret-pw");
        assert!(!format!("{c:?}").contains("s3cret"));
        assert!(format!("{c:?}").contains("alice"));
    }

    #[test]
    fn encode_decode_round_trip() {
        let c = creds("alice", "pa:ss:word");
        assert_eq!(Credentials::decode(&c.encode()).unwrap(), c);
        assert_eq!(Credentials::decode("dXNlcjo=").unwrap(), creds("user", ""));
        // The errors are static strings: they cannot carry the decoded secret.
        for bad in ["!!!", "dXNlcg==", "OnBhc3M=", "/w==", ""] {
            assert!(Credentials::decode(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn splits_creds() {
        assert_eq!(split_creds("u:p:q").unwrap(), ("u".into(), Some("p:q".into())));
        assert_eq!(split_creds("u").unwrap(), ("u".into(), None));
        assert_eq!(split_creds("u:").unwrap(), ("u".into(), Some(String::new())));
        assert!(split_creds(":p").is_err());
        assert!(split_creds("").is_err());
    }

    #[test]
    fn parses_creds_with_password() {
        let c = parse_creds("u:p:q").unwrap();
        assert_eq!((c.username.as_str(), c.password.as_str()), ("u", "p:q"));
        assert!(parse_creds("u").is_err());
        assert!(parse_creds(":p").is_err());
    }

    #[test]
    fn auth_keys() {
        assert_eq!(auth_key("localhost:5000").unwrap(), "localhost:5000");
        assert_eq!(auth_key("https://quay.io/").unwrap(), "quay.io");
        assert_eq!(auth_key("quay.io/ns/repo").unwrap(), "quay.io/ns/repo");
        assert_eq!(auth_key("https://index.docker.io/v1/").unwrap(), "docker.io");
        assert_eq!(auth_key("docker.io").unwrap(), "docker.io");
        assert_eq!(auth_key("127.0.0.1:5000").unwrap(), "127.0.0.1:5000");
        for bad in [
            "",
            "busybox",
            "quay.io/x:tag",
            "quay.io/x@sha256:00",
            "quay io",
            "*.quay.io",
            "quay.io//x",
            "https://",
        ] {
            assert!(auth_key(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn keys_most_specific_first() {
        assert_eq!(
            lookup_keys("quay.io", "ns/sub/repo"),
            ["quay.io/ns/sub/repo", "quay.io/ns/sub", "quay.io/ns", "quay.io"]
        );
        assert_eq!(
            lookup_keys("localhost:5000", "x"),
            ["localhost:5000/x", "localhost:5000"]
        );
    }

    #[test]
    fn finds_credentials_by_key() {
        let a = creds("a", "1").encode();
        let b = creds("b", "2").encode();
        let d = creds("d", "4").encode();
        let text = format!(
            r#"{{"auths":{{"quay.io":{{"auth":"{a}"}},"quay.io/ns":{{"auth":"{b}"}},
                "https://index.docker.io/v1/":{{"auth":"{d}"}},"ghcr.io":{{"identitytoken":"x"}}}},
                "credHelpers":{{}}}}"#
        );
        let file = AuthFile::parse(text.as_bytes()).unwrap();
        let find = |reg: &str, repo: &str| file.find(&lookup_keys(reg, repo)).unwrap().map(|c| c.username);
        assert_eq!(find("quay.io", "ns/repo").as_deref(), Some("b"));
        assert_eq!(find("quay.io", "other/repo").as_deref(), Some("a"));
        assert_eq!(find("docker.io", "library/busybox").as_deref(), Some("d"));
        assert_eq!(find("ghcr.io", "x/y"), None);
        assert_eq!(find("example.com", "x"), None);
    }

    #[test]
    fn hostile_auth_files() {
        for ok in ["", "  \n", "{}", r#"{"auths":{}}"#, r#"{"other":[1,2]}"#] {
            let file = AuthFile::parse(ok.as_bytes()).unwrap();
            assert_eq!(file.get("quay.io").unwrap(), None);
        }
        for bad in [
            "[]",
            "null",
            "\"x\"",
            "{",
            r#"{"auths":[]}"#,
            r#"{"auths":"x"}"#,
            "\u{0}",
        ] {
            assert!(AuthFile::parse(bad.as_bytes()).is_err(), "{bad}");
        }
        let secret = BASE64.encode("user-without-colon-secretpw");
        for entry in [
            "1".to_string(),
            r#"{"auth":5}"#.to_string(),
            r#"{"auth":"%%%"}"#.to_string(),
            format!(r#"{{"auth":"{secret}"}}"#),
        ] {
            let text = format!(r#"{{"auths":{{"quay.io":{entry}}}}}"#);
            let file = AuthFile::parse(text.as_bytes()).unwrap();
            let err = file.get("quay.io").unwrap_err();
            assert!(err.contains("quay.io") && !err.contains("secretpw"), "{err}");
        }
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(AuthFile::parse(deep.as_bytes()).is_err());
    }

    #[test]
    fn writes_preserving_other_entries() {
        let dir = std::env::temp_dir().join(crate::store::atomic::unique_name("ferry-auth-test-"));
        let path = dir.join("sub/auth.json");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(
            &path,
            r#"{"auths":{"other.io":{"auth":"b3RoZXI6cHc=","email":"x"}},"credHelpers":{"a":"b"}}"#,
        )
        .unwrap();
        let mut file = AuthFile::load(&path).unwrap();
        file.set("quay.io", &creds("alice", "pw"));
        file.save(&path).unwrap();
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        let mut file = AuthFile::load(&path).unwrap();
        assert_eq!(file.get("quay.io").unwrap(), Some(creds("alice", "pw")));
        assert_eq!(file.get("other.io").unwrap(), Some(creds("other", "pw")));
        assert!(file.remove("quay.io"));
        assert!(!file.remove("quay.io"));
        file.save(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("credHelpers") && text.contains("email") && !text.contains("quay.io"));
        assert!(file.remove_all());
        assert!(!file.remove_all());
        // A new file in a new directory: the directory is private.
        let fresh = dir.join("new/containers/auth.json");
        AuthFile::default().save(&fresh).unwrap();
        let mode = std::fs::metadata(fresh.parent().unwrap()).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn search_path_order() {
        let loc = AuthLocations {
            runtime_dir: Some("/run/user/1000".into()),
            config_dir: Some("/home/u/.config/containers".into()),
            home: Some("/home/u".into()),
            uid: 1000,
        };
        assert_eq!(
            loc.search_path(),
            [
                PathBuf::from("/run/user/1000/containers/auth.json"),
                "/home/u/.config/containers/auth.json".into(),
                "/home/u/.docker/config.json".into(),
            ]
        );
        let root = AuthLocations {
            runtime_dir: None,
            uid: 0,
            ..loc.clone()
        };
        assert_eq!(root.primary(), Some(PathBuf::from("/run/containers/0/auth.json")));
        // A uid with no /run/user directory: the config file is both first and written.
        let no_run = AuthLocations {
            runtime_dir: None,
            uid: 4_000_000_000,
            ..loc
        };
        assert_eq!(
            no_run.primary(),
            Some(PathBuf::from("/home/u/.config/containers/auth.json"))
        );
        assert_eq!(no_run.search_path().len(), 2);
    }

    #[test]
    fn parses_challenges() {
        let c = parse_challenges(
            r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull""#,
        );
        assert_eq!(
            c,
            [Challenge::Bearer {
                realm: "https://auth.docker.io/token".into(),
                service: Some("registry.docker.io".into()),
                scope: Some("repository:library/busybox:pull".into()),
            }]
        );
        assert_eq!(parse_challenges(r#"Basic realm="Registry Realm""#), [Challenge::Basic]);
        let two = parse_challenges(r#"Basic realm="x", BEARER realm=https://a/t, error="insufficient_scope""#);
        assert_eq!(two.len(), 2);
        assert_eq!(
            two[1],
            Challenge::Bearer {
                realm: "https://a/t".into(),
                service: None,
                scope: None
            }
        );
        let escaped = parse_challenges(r#"Bearer realm="https://a/t?x=\"y\"", service="s,v""#);
        assert_eq!(
            escaped,
            [Challenge::Bearer {
                realm: "https://a/t?x=\"y\"".into(),
                service: Some("s,v".into()),
                scope: None
            }]
        );
    }

    #[test]
    fn hostile_challenges() {
        for bad in [
            "",
            "Bearer",
            "Bearer realm=",
            "Bearer realm=\"file:///etc/passwd\"",
            "Bearer realm=\"ftp://x\"",
            "Bearer service=\"x\"",
            "Negotiate abc==",
            "=\"\"=,,,==",
            "\"unterminated",
            "Bearer realm=\"https://x",
            "\u{0}\u{1}\u{ff}",
        ] {
            let parsed = parse_challenges(bad);
            assert!(
                parsed
                    .iter()
                    .all(|c| matches!(c, Challenge::Bearer { realm, .. } if realm.starts_with("https://x"))),
                "{bad:?}: {parsed:?}"
            );
        }
        assert!(parse_challenges(&"Bearer realm=\"https://x\",".repeat(10_000)).is_empty());
        let many = "a=b,".repeat(2000);
        assert!(parse_challenges(&many).is_empty());
    }

    #[test]
    fn token_responses() {
        assert_eq!(parse_token_response(br#"{"token":"abc"}"#).unwrap(), "abc");
        assert_eq!(
            parse_token_response(br#"{"access_token":"xyz","expires_in":60}"#).unwrap(),
            "xyz"
        );
        assert_eq!(
            parse_token_response(br#"{"token":"","access_token":"xyz"}"#).unwrap(),
            "xyz"
        );
        for bad in [
            &b"{}"[..],
            b"[]",
            b"nope",
            br#"{"token":5}"#,
            b"{\"token\":\"a\\r\\nX-Evil: 1\"}",
            br#"{"token":"a b"}"#,
        ] {
            assert!(parse_token_response(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }
}
