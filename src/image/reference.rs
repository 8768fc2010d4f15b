//! Image references (`[registry/]repository[:tag][@digest]`): parsing, Docker-style normalization and
//! Podman-style short-name matching.
//!
//! The grammar is the one of Docker's distribution/reference package:
//! ```text
//! reference  := name [ ":" tag ] [ "@" digest ]
//! name       := [ domain "/" ] path
//! domain     := host [ ":" port ]           host: DNS labels joined by ".", or "[" IPv6 "]"
//! path       := component ( "/" component )*
//! component  := alnum ( separator alnum )*  alnum: [a-z0-9]+, separator: "." | "_" | "__" | "-"+
//! tag        := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
//! ```
//! The first `/`-separated part is a domain only when it contains `.` or `:` or is `localhost`;
//! otherwise the whole name is a repository path on docker.io.

use std::fmt;
use std::str::FromStr;

use crate::store::Digest;

/// The registry of names given without one (Docker's default).
pub const DEFAULT_REGISTRY: &str = "docker.io";
/// The registry Podman gives to locally created images named without one.
pub const LOCAL_REGISTRY: &str = "localhost";
pub const DEFAULT_TAG: &str = "latest";
/// The longest `registry/repository`, as in Docker.
pub const NAME_MAX_LEN: usize = 255;
const TAG_MAX_LEN: usize = 128;
/// Docker's old name for its registry; references using it name the same images as docker.io.
const LEGACY_DEFAULT_REGISTRY: &str = "index.docker.io";
/// How much of a rejected input an error message repeats.
const QUOTE_MAX_CHARS: usize = 80;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    #[error("invalid reference format: empty reference")]
    Empty,
    #[error("invalid reference format: name too long ({len} characters, at most {NAME_MAX_LEN}) in {}", quote(.input))]
    NameTooLong { input: String, len: usize },
    #[error("invalid reference format: repository name must be lowercase in {}", quote(.input))]
    Uppercase { input: String },
    #[error("invalid reference format: invalid repository name {} in {}", quote(.path), quote(.input))]
    Repository { input: String, path: String },
    #[error("invalid reference format: invalid registry {} in {}", quote(.registry), quote(.input))]
    Registry { input: String, registry: String },
    #[error("invalid reference format: invalid tag {} in {}", quote(.tag), quote(.input))]
    Tag { input: String, tag: String },
    #[error("invalid reference format: invalid digest {} in {} (expected sha256:<64 lowercase hex digits>)", quote(.digest), quote(.input))]
    Digest { input: String, digest: String },
    #[error("invalid reference format: {} is a 64-hex-digit image id, not a repository name", quote(.input))]
    ImageId { input: String },
}

impl ReferenceError {}

/// Quotes user input for an error message, cutting very long input so one bad argument cannot flood the terminal.
fn quote(s: &str) -> String {
    match s.char_indices().nth(QUOTE_MAX_CHARS) {
        Some((cut, _)) => format!("{:?}…", &s[..cut]),
        None => format!("{s:?}"),
    }
}

/// A fully-qualified, normalized image reference.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference {
    /// `docker.io`, `quay.io`, `localhost:5000`, ...
    pub registry: String,
    /// The path inside the registry: `library/busybox`, `user/repo`.
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<Digest>,
}

/// A syntactically valid reference before any default is filled in.
#[derive(Debug)]
struct Parts {
    registry: Option<String>,
    path: String,
    tag: Option<String>,
    digest: Option<Digest>,
}

impl Reference {
    /// Parses and normalizes; a missing registry becomes docker.io (library/ for one-component paths); a
    /// missing tag becomes `latest` unless a digest is given.
    pub fn parse(s: &str) -> Result<Reference, ReferenceError> {
        let parts = split(s)?;
        let (registry, repository) = match parts.registry {
            Some(r) if r == LEGACY_DEFAULT_REGISTRY => (DEFAULT_REGISTRY.to_string(), parts.path),
            Some(r) => (r, parts.path),
            None => (DEFAULT_REGISTRY.to_string(), parts.path),
        };
        let repository = if registry == DEFAULT_REGISTRY && !repository.contains('/') {
            format!("library/{repository}")
        } else {
            repository
        };
        finish(s, registry, repository, parts.tag, parts.digest)
    }

    /// For naming local images (tag, import, load): a short name gets `localhost/` as Podman does
    /// (`myimg` → `localhost/myimg:latest`, `user/img` → `localhost/user/img:latest`).
    pub fn parse_local(s: &str) -> Result<Reference, ReferenceError> {
        let parts = split(s)?;
        if parts.registry.is_some() {
            return Reference::parse(s);
        }
        finish(s, LOCAL_REGISTRY.to_string(), parts.path, parts.tag, parts.digest)
    }

    /// Whether the input had no registry part (a "short name"). Says nothing about validity.
    pub fn is_short_name(s: &str) -> bool {
        domain_split(name_part(s)).0.is_none()
    }

    /// `registry/repository`, without tag or digest.
    pub fn name(&self) -> String {
        format!("{}/{}", self.registry, self.repository)
    }
}

impl FromStr for Reference {
    type Err = ReferenceError;
    fn from_str(s: &str) -> Result<Reference, ReferenceError> {
        Reference::parse(s)
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.registry, self.repository)?;
        if let Some(tag) = &self.tag {
            write!(f, ":{tag}")?;
        }
        if let Some(digest) = &self.digest {
            write!(f, "@{digest}")?;
        }
        Ok(())
    }
}

/// Whether a stored full name matches what a user typed (`busybox`, `library/busybox:latest`,
/// `docker.io/library/busybox`, `localhost/x`, ...), following Podman: a fully-qualified input must equal the
/// stored name; a short input matches when it is a suffix of the stored `registry/repository` at a `/`
/// boundary. The tag must be the same (`latest` when neither tag nor digest is typed); a typed digest must equal
/// the stored one. Invalid input matches nothing.
pub fn matches_short(stored: &Reference, typed: &str) -> bool {
    let Ok(parts) = split(typed) else { return false };
    let (tag, digest) = match (parts.tag, parts.digest) {
        (None, None) => (Some(DEFAULT_TAG.to_string()), None),
        other => other,
    };
    if tag.is_some() && stored.tag != tag {
        return false;
    }
    if digest.is_some() && stored.digest != digest {
        return false;
    }
    if parts.registry.is_some() {
        return Reference::parse(typed)
            .is_ok_and(|r| r.registry == stored.registry && r.repository == stored.repository);
    }
    let full = stored.name();
    full.strip_suffix(parts.path.as_str())
        .is_some_and(|head| head.ends_with('/'))
}

/// Fills in the default tag and applies the length limit, which counts the normalized name.
fn finish(
    input: &str,
    registry: String,
    repository: String,
    tag: Option<String>,
    digest: Option<Digest>,
) -> Result<Reference, ReferenceError> {
    let len = registry.len() + 1 + repository.len();
    if len > NAME_MAX_LEN {
        return Err(ReferenceError::NameTooLong {
            input: input.to_string(),
            len,
        });
    }
    let tag = match (tag, &digest) {
        (None, None) => Some(DEFAULT_TAG.to_string()),
        (tag, _) => tag,
    };
    Ok(Reference {
        registry,
        repository,
        tag,
        digest,
    })
}

/// The name as typed, before any `:tag` and `@digest` (`user/repo` of `user/repo:v1@sha256:…`); the rest of
/// the input is `&s[name_part(s).len()..]`.
pub fn name_part(s: &str) -> &str {
    let without_digest = s.split_once('@').map_or(s, |(n, _)| n);
    split_tag(without_digest).0
}

/// Splits `name[:tag]`: a `:` is a tag separator only after the last `/` (before it, it introduces a port).
fn split_tag(s: &str) -> (&str, Option<&str>) {
    let last_slash = s.rfind('/').map_or(0, |i| i + 1);
    match s[last_slash..].rfind(':') {
        Some(i) => (&s[..last_slash + i], Some(&s[last_slash + i + 1..])),
        None => (s, None),
    }
}

/// Splits a name into (domain, path) by the first component's shape.
fn domain_split(name: &str) -> (Option<&str>, &str) {
    match name.split_once('/') {
        Some((first, rest)) if first.contains(['.', ':']) || first == LOCAL_REGISTRY => (Some(first), rest),
        _ => (None, name),
    }
}

/// Validates the syntax of `s` without filling in defaults.
fn split(s: &str) -> Result<Parts, ReferenceError> {
    if s.is_empty() {
        return Err(ReferenceError::Empty);
    }
    let input = || s.to_string();
    // Longer than any valid reference: refuse before looking further.
    if s.len() > NAME_MAX_LEN + 1 + TAG_MAX_LEN + 1 + "sha256:".len() + 64 {
        return Err(ReferenceError::NameTooLong {
            input: input(),
            len: s.len(),
        });
    }
    let (name_tag, digest) = match s.split_once('@') {
        Some((n, d)) => {
            let digest = d.parse::<Digest>().map_err(|_| ReferenceError::Digest {
                input: input(),
                digest: d.to_string(),
            })?;
            (n, Some(digest))
        }
        None => (s, None),
    };
    let (name, tag) = split_tag(name_tag);
    if let Some(tag) = tag
        && !valid_tag(tag)
    {
        return Err(ReferenceError::Tag {
            input: input(),
            tag: tag.to_string(),
        });
    }
    let (domain, path) = domain_split(name);
    if let Some(domain) = domain
        && !valid_domain(domain)
    {
        return Err(ReferenceError::Registry {
            input: input(),
            registry: domain.to_string(),
        });
    }
    // Docker reports case before anything else about the path, the most common mistake.
    if path.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(ReferenceError::Uppercase { input: input() });
    }
    if !path.split('/').all(valid_path_component) {
        return Err(ReferenceError::Repository {
            input: input(),
            path: path.to_string(),
        });
    }
    // A bare image id is never a repository name, so that `ferry rmi <id>` cannot mean docker.io/library/<id>.
    if domain.is_none() && tag.is_none() && digest.is_none() && path.len() == 64 && Digest::from_hex(path).is_ok() {
        return Err(ReferenceError::ImageId { input: input() });
    }
    Ok(Parts {
        registry: domain.map(str::to_string),
        path: path.to_string(),
        tag: tag.map(str::to_string),
        digest,
    })
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn valid_tag(tag: &str) -> bool {
    let b = tag.as_bytes();
    !b.is_empty() && b.len() <= TAG_MAX_LEN && is_word(b[0]) && b.iter().all(|&c| is_word(c) || c == b'.' || c == b'-')
}

/// `alnum (separator alnum)*` with lowercase alnum and separators `.`, `_`, `__`, `-`+.
fn valid_path_component(c: &str) -> bool {
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let b = c.as_bytes();
    if b.is_empty() || !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &b[start..i];
        let ok = matches!(sep, b"." | b"_" | b"__") || sep.iter().all(|&s| s == b'-');
        if !ok {
            return false;
        }
    }
    true
}

/// `host[:port]`: DNS labels (letters, digits, inner `-`) joined by `.`, or a bracketed IPv6 address.
fn valid_domain(d: &str) -> bool {
    let label_ok = |l: &str| {
        let b = l.as_bytes();
        !b.is_empty()
            && b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric()
            && b.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-')
    };
    let (host_ok, port) = if let Some(rest) = d.strip_prefix('[') {
        let Some((addr, after)) = rest.split_once(']') else {
            return false;
        };
        let port = match after {
            "" => None,
            _ => match after.strip_prefix(':') {
                Some(p) => Some(p),
                None => return false,
            },
        };
        let addr_ok = !addr.is_empty() && addr.bytes().all(|b| b.is_ascii_hexdigit() || b == b':');
        (addr_ok, port)
    } else {
        match d.split_once(':') {
            Some((host, port)) => (host.split('.').all(label_ok), Some(port)),
            None => (d.split('.').all(label_ok), None),
        }
    };
    host_ok && port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    fn full(s: &str) -> String {
        Reference::parse(s).unwrap_or_else(|e| panic!("{s}: {e}")).to_string()
    }

    #[test]
    fn normalizes_like_docker() {
        let cases = [
            ("busybox", "docker.io/library/busybox:latest"),
            ("busybox:1.36", "docker.io/library/busybox:1.36"),
            ("library/busybox", "docker.io/library/busybox:latest"),
            ("user/repo", "docker.io/user/repo:latest"),
            ("user/repo/sub:v1", "docker.io/user/repo/sub:v1"),
            ("docker.io/busybox", "docker.io/library/busybox:latest"),
            ("index.docker.io/busybox", "docker.io/library/busybox:latest"),
            ("quay.io/podman/hello", "quay.io/podman/hello:latest"),
            ("quay.io/hello", "quay.io/hello:latest"),
            ("localhost/x", "localhost/x:latest"),
            ("localhost:5000/ns/repo:tag", "localhost:5000/ns/repo:tag"),
            ("myhost:5000/repo", "myhost:5000/repo:latest"),
            ("127.0.0.1:5000/a/b:c", "127.0.0.1:5000/a/b:c"),
            ("[::1]:5000/repo", "[::1]:5000/repo:latest"),
            ("[fe80::1]/repo", "[fe80::1]/repo:latest"),
            ("Registry.Example.COM/repo", "Registry.Example.COM/repo:latest"),
            ("localhost", "docker.io/library/localhost:latest"),
            ("localhost:5000", "docker.io/library/localhost:5000"),
            ("a_b__c.d-e---f", "docker.io/library/a_b__c.d-e---f:latest"),
            ("busybox:_Tag.1-x", "docker.io/library/busybox:_Tag.1-x"),
        ];
        for (input, want) in cases {
            assert_eq!(full(input), want, "{input}");
        }
    }

    #[test]
    fn digests() {
        let r = Reference::parse(&format!("busybox@sha256:{HEX}")).unwrap();
        assert_eq!(r.tag, None);
        assert_eq!(r.digest.as_ref().unwrap().hex(), HEX);
        assert_eq!(r.to_string(), format!("docker.io/library/busybox@sha256:{HEX}"));
        let r = Reference::parse(&format!("quay.io/a/b:v2@sha256:{HEX}")).unwrap();
        assert_eq!(r.tag.as_deref(), Some("v2"));
        assert_eq!(r.to_string(), format!("quay.io/a/b:v2@sha256:{HEX}"));
        let r = Reference::parse(&format!("localhost:5000/a@sha256:{HEX}")).unwrap();
        assert_eq!((r.registry.as_str(), r.repository.as_str()), ("localhost:5000", "a"));
    }

    #[test]
    fn parts_and_names() {
        let r = Reference::parse("busybox").unwrap();
        assert_eq!(r.registry, "docker.io");
        assert_eq!(r.repository, "library/busybox");
        assert_eq!(r.name(), "docker.io/library/busybox");
        assert_eq!("busybox".parse::<Reference>().unwrap(), r);
    }

    #[test]
    fn local_names() {
        let local = |s: &str| Reference::parse_local(s).unwrap().to_string();
        assert_eq!(local("myimg"), "localhost/myimg:latest");
        assert_eq!(local("myimg:v1"), "localhost/myimg:v1");
        assert_eq!(local("user/img"), "localhost/user/img:latest");
        assert_eq!(local("localhost/x"), "localhost/x:latest");
        assert_eq!(local("quay.io/a/b:c"), "quay.io/a/b:c");
        assert_eq!(local("docker.io/busybox"), "docker.io/library/busybox:latest");
        assert!(Reference::parse_local("MyImg").is_err());
    }

    #[test]
    fn short_names() {
        for s in [
            "busybox",
            "busybox:1",
            "library/busybox",
            "user/repo:tag",
            "a@sha256:x",
            "localhost:5000",
        ] {
            assert!(Reference::is_short_name(s), "{s}");
        }
        for s in [
            "docker.io/busybox",
            "localhost/x",
            "host:5000/x",
            "quay.io/a/b:c",
            "[::1]/x",
        ] {
            assert!(!Reference::is_short_name(s), "{s}");
        }
    }

    #[test]
    fn short_name_matching() {
        let stored = Reference::parse("busybox").unwrap();
        for typed in [
            "busybox",
            "busybox:latest",
            "library/busybox",
            "library/busybox:latest",
            "docker.io/library/busybox",
            "docker.io/busybox:latest",
            "index.docker.io/library/busybox",
        ] {
            assert!(matches_short(&stored, typed), "{typed}");
        }
        for typed in [
            "busybox:1.36",
            "box",
            "ybox",
            "usybox",
            "io/library/busybox",
            "quay.io/library/busybox",
            "library",
            "",
            "BusyBox",
            &format!("busybox@sha256:{HEX}"),
        ] {
            assert!(!matches_short(&stored, typed), "{typed}");
        }
        let local = Reference::parse_local("x:v1").unwrap();
        assert!(matches_short(&local, "x:v1"));
        assert!(matches_short(&local, "localhost/x:v1"));
        assert!(!matches_short(&local, "x"));
        assert!(!matches_short(&local, "docker.io/x:v1"));
        let pinned = Reference::parse(&format!("quay.io/a/b@sha256:{HEX}")).unwrap();
        assert!(matches_short(&pinned, &format!("b@sha256:{HEX}")));
        assert!(!matches_short(&pinned, "b"));
    }

    #[test]
    fn hostile_input() {
        let long_path = "a".repeat(10_000);
        let long_tag = format!("busybox:{}", "t".repeat(129));
        let name_at_limit = format!("quay.io/{}", "a".repeat(NAME_MAX_LEN - "quay.io/".len()));
        let name_over_limit = format!("{name_at_limit}b");
        assert!(Reference::parse(&name_at_limit).is_ok());
        // Normalization counts: `docker.io/library/` is part of the name.
        assert!(Reference::parse(&"a".repeat(NAME_MAX_LEN - 10)).is_err());
        let bad = [
            "",
            ":",
            "@",
            ":latest",
            "@sha256:",
            "a@",
            "a:",
            "a@sha256:short",
            &format!("a@sha512:{HEX}"),
            &format!("a@sha256:{}", HEX.to_uppercase()),
            &format!("a@sha256:{HEX}@sha256:{HEX}"),
            "Busybox",
            "user/Repo",
            "..",
            ".",
            "a/../b",
            "a b",
            " busybox",
            "busybox ",
            "busybox:la test",
            "busyb\u{f6}x",
            "\u{1F4E6}",
            "a//b",
            "a/",
            "/a",
            "-leading",
            "trailing-",
            "a.-b",
            "a___b",
            "a..b",
            "_a",
            "busybox:-tag",
            "busybox:.tag",
            "busybox:a:b",
            &long_tag,
            "quay..io/a",
            "-quay.io/a",
            "quay.io:/a",
            "quay.io:50a/a",
            "[::1/a",
            "[zz]/a",
            "[]/a",
            "quay.io/",
            "localhost/",
            "a\0b",
            "a\nb",
            HEX,
            &long_path,
            &name_over_limit,
        ];
        for input in bad {
            let err = Reference::parse(input).expect_err(input);
            let msg = err.to_string();
            assert!(msg.starts_with("invalid reference format"), "{msg}");
            assert!(
                msg.len() < 400,
                "message too long for {} bytes of input: {msg}",
                input.len()
            );
            assert!(!msg.ends_with('.'), "{msg}");
            assert!(Reference::parse_local(input).is_err(), "{input}");
        }
    }

    #[test]
    fn error_messages() {
        let msg = |s: &str| Reference::parse(s).unwrap_err().to_string();
        assert_eq!(
            msg("Busybox"),
            "invalid reference format: repository name must be lowercase in \"Busybox\""
        );
        assert_eq!(
            msg("busybox:bad!tag"),
            "invalid reference format: invalid tag \"bad!tag\" in \"busybox:bad!tag\""
        );
        assert!(msg(&"a".repeat(300)).contains("name too long (318 characters, at most 255)"));
        assert!(msg(&"a".repeat(10_000)).contains("name too long"));
        assert!(msg("a@sha256:short").contains("invalid digest \"sha256:short\""));
        assert!(msg("a//b").contains("invalid repository name \"a//b\""));
        assert!(msg("quay..io/x").contains("invalid registry \"quay..io\""));
        assert!(msg(HEX).contains("image id"));
        assert_eq!(msg(""), "invalid reference format: empty reference");
        assert!(msg("a b").contains("\"a b\""));
    }

    #[test]
    fn image_id_with_tag_or_registry_is_a_name() {
        assert!(Reference::parse(&format!("{HEX}:v1")).is_ok());
        assert!(Reference::parse(&format!("quay.io/{HEX}")).is_ok());
    }
}
