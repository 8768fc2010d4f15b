//! `registries.conf` (containers-registries.conf(5), version 2): search registries for short names, per-prefix
//! registry settings (insecure, blocked, mirrors) and short-name aliases, with `registries.conf.d/` drop-ins.
//!
//! Which files are read:
//! - `$CONTAINERS_REGISTRIES_CONF` when set, plus the drop-ins next to it (and nothing else, so tests and
//!   scripts get exactly the configuration they name);
//! - otherwise, rootless, `$XDG_CONFIG_HOME/containers/registries.conf` (`~/.config/…`) when it exists;
//! - otherwise `/etc/containers/registries.conf` when it exists.
//!
//! Then the `*.conf` files of `/etc/containers/registries.conf.d/` and of the `registries.conf.d/` next to the
//! chosen file, each directory in lexical order, later files overriding earlier ones: a set
//! `unqualified-search-registries` or `short-name-mode` replaces the previous value, a `[[registry]]` replaces
//! the one with the same prefix, an alias replaces the same alias.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{ConfigError, SYSTEM_CONFIG_DIR};
use crate::image::reference::{self, Reference};

pub const FILE_NAME: &str = "registries.conf";
pub const DROP_IN_DIR_NAME: &str = "registries.conf.d";
pub const ENV_VAR: &str = "CONTAINERS_REGISTRIES_CONF";

/// What to do with a short name that could come from several registries (Podman's `short-name-mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ShortNameMode {
    /// Ask on a terminal, fail otherwise.
    Enforcing,
    /// Ask on a terminal, otherwise try the search registries in order.
    Permissive,
    /// Try the search registries in order.
    Disabled,
}

/// The settings of one `[[registry]]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registry {
    /// `host[:port][/namespace…][/repo][:tag|@digest]`, or `*.domain` for all subdomains.
    pub prefix: String,
    /// Where images matching the prefix are really pulled from: the prefix is replaced by this. Empty for a
    /// wildcard prefix (no rewriting).
    pub location: String,
    /// Allow plain HTTP and unverified TLS.
    pub insecure: bool,
    /// Refuse to pull from it.
    pub blocked: bool,
    /// Tried in order before `location`.
    pub mirrors: Vec<Mirror>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mirror {
    pub location: String,
    pub insecure: bool,
}

/// The merged configuration from registries.conf and its drop-ins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegistriesConf {
    search: Vec<String>,
    short_name_mode: Option<ShortNameMode>,
    registries: Vec<Registry>,
    aliases: BTreeMap<String, String>,
    files: Vec<PathBuf>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawFile {
    unqualified_search_registries: Option<Vec<String>>,
    short_name_mode: Option<ShortNameMode>,
    #[serde(default)]
    registry: Vec<RawRegistry>,
    #[serde(default)]
    aliases: BTreeMap<String, String>,
    /// Only read to refuse the version 1 format, whose search list would otherwise be silently ignored.
    registries: Option<toml::Value>,
}

#[derive(Debug, Deserialize)]
struct RawRegistry {
    prefix: Option<String>,
    location: Option<String>,
    #[serde(default)]
    insecure: bool,
    #[serde(default)]
    blocked: bool,
    #[serde(default)]
    mirror: Vec<RawMirror>,
}

#[derive(Debug, Deserialize)]
struct RawMirror {
    location: String,
    #[serde(default)]
    insecure: bool,
}

/// The files to read, in order.
#[derive(Debug, PartialEq, Eq)]
struct Sources {
    /// The main file and whether its absence is an error.
    main: Option<(PathBuf, bool)>,
    drop_in_dirs: Vec<PathBuf>,
}

impl RegistriesConf {
    /// Loads the configuration from the standard places (see the module documentation). No file at all gives
    /// an empty configuration.
    pub fn load() -> Result<RegistriesConf, ConfigError> {
        let sources = locate(
            std::env::var_os(ENV_VAR).filter(|v| !v.is_empty()).map(PathBuf::from),
            super::rootless(),
            super::user_config_dir(),
            Path::new(SYSTEM_CONFIG_DIR),
        );
        load_sources(&sources)
    }

    #[cfg(test)]
    /// Loads `path` (which must exist) and the drop-ins of the `registries.conf.d/` next to it.
    pub fn load_from(path: &Path) -> Result<RegistriesConf, ConfigError> {
        load_sources(&Sources {
            main: Some((path.to_path_buf(), true)),
            drop_in_dirs: vec![drop_in_dir_of(path)],
        })
    }

    /// Parses one file's text (tests elsewhere and the fuzz targets).
    pub fn from_toml(text: &str) -> Result<RegistriesConf, ConfigError> {
        let mut conf = RegistriesConf::default();
        conf.apply(Path::new("/test/registries.conf"), text).map(|_| conf)
    }

    /// The registries to try for a short name, in order.
    pub fn search_registries(&self) -> &[String] {
        &self.search
    }

    /// None when no file sets it; Podman then behaves as `enforcing`.
    pub fn short_name_mode(&self) -> Option<ShortNameMode> {
        self.short_name_mode
    }

    pub fn registries(&self) -> &[Registry] {
        &self.registries
    }

    /// The files that were read, in the order they were applied.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// The `[[registry]]` whose prefix matches the longest part of `ref_name` (a full reference such as
    /// `quay.io/ns/repo:tag`). A prefix matches the whole name or a part followed by `/`, `@`, or (when the prefix
    /// names a repository) `:`; `*.example.com` matches the hosts under example.com.
    pub fn find_registry(&self, ref_name: &str) -> Option<&Registry> {
        self.registries
            .iter()
            .filter_map(|r| prefix_match_len(ref_name, &r.prefix).map(|len| ((len, !r.prefix.starts_with("*.")), r)))
            .max_by_key(|(key, _)| *key)
            .map(|(_, r)| r)
    }

    /// The candidate full references for `input` in the order to try them: a fully-qualified input is itself;
    /// a short name with an alias is the alias (keeping the typed tag or digest); otherwise one candidate per
    /// search registry. With no search registries a short name resolves on docker.io, as in Docker.
    pub fn resolve_short_name(&self, input: &str) -> Result<Vec<Reference>, ConfigError> {
        let parsed = Reference::parse(input)?;
        if !Reference::is_short_name(input) {
            return Ok(vec![parsed]);
        }
        let name = reference::name_part(input);
        let suffix = &input[name.len()..];
        if let Some(alias) = self.aliases.get(name) {
            return Ok(vec![Reference::parse(&format!("{alias}{suffix}"))?]);
        }
        if self.search.is_empty() {
            return Ok(vec![parsed]);
        }
        self.search
            .iter()
            .map(|registry| Reference::parse(&format!("{registry}/{input}")).map_err(ConfigError::from))
            .collect()
    }

    /// Applies one file over what was read before.
    fn apply(&mut self, path: &Path, text: &str) -> Result<(), ConfigError> {
        let raw: RawFile = toml::from_str(text).map_err(|source| ConfigError::Toml {
            path: path.to_path_buf(),
            source,
        })?;
        let invalid = |field: &'static str, value: &str, reason: &str| ConfigError::Invalid {
            path: path.to_path_buf(),
            field,
            value: value.to_string(),
            reason: reason.to_string(),
        };
        if raw.registries.is_some() {
            return Err(invalid(
                "table",
                "registries",
                "the version 1 format is not supported: use unqualified-search-registries and [[registry]]",
            ));
        }
        if let Some(search) = raw.unqualified_search_registries {
            for registry in &search {
                if !is_host(registry) {
                    return Err(invalid(
                        "unqualified-search-registries entry",
                        registry,
                        "expected host[:port]",
                    ));
                }
            }
            self.search = search;
        }
        if let Some(mode) = raw.short_name_mode {
            self.short_name_mode = Some(mode);
        }
        for raw_registry in raw.registry {
            let registry = Registry::from_raw(raw_registry, &invalid)?;
            match self.registries.iter_mut().find(|r| r.prefix == registry.prefix) {
                Some(existing) => *existing = registry,
                None => self.registries.push(registry),
            }
        }
        for (alias, target) in raw.aliases {
            if !Reference::is_short_name(&alias)
                || reference::name_part(&alias) != alias
                || Reference::parse(&alias).is_err()
            {
                return Err(invalid("alias", &alias, "expected a short name without tag or digest"));
            }
            if Reference::is_short_name(&target) || Reference::parse(&target).is_err() {
                return Err(invalid(
                    "alias target",
                    &target,
                    "expected a fully-qualified image name",
                ));
            }
            self.aliases.insert(alias, target);
        }
        self.files.push(path.to_path_buf());
        Ok(())
    }
}

impl Registry {
    fn from_raw(
        raw: RawRegistry,
        invalid: &dyn Fn(&'static str, &str, &str) -> ConfigError,
    ) -> Result<Registry, ConfigError> {
        let location = raw.location.unwrap_or_default();
        let prefix = match raw.prefix {
            Some(p) if !p.is_empty() => p,
            _ if location.is_empty() => return Err(invalid("[[registry]]", "", "neither prefix nor location is set")),
            _ => location.clone(),
        };
        if let Some(domain) = prefix.strip_prefix("*.") {
            if !is_host(domain) || domain.contains(':') {
                return Err(invalid("prefix", &prefix, "a wildcard prefix must be *.<domain>"));
            }
            if !location.is_empty() {
                return Err(invalid("location", &location, "not allowed with a wildcard prefix"));
            }
        } else if !is_name_prefix(&prefix) {
            return Err(invalid(
                "prefix",
                &prefix,
                "expected host[:port][/namespace…][/repo][:tag|@digest]",
            ));
        }
        if !location.is_empty() && !is_location(&location) {
            return Err(invalid("location", &location, "expected host[:port][/namespace…]"));
        }
        let mirrors = raw
            .mirror
            .into_iter()
            .map(|m| {
                if is_location(&m.location) {
                    Ok(Mirror {
                        location: m.location,
                        insecure: m.insecure,
                    })
                } else {
                    Err(invalid(
                        "mirror location",
                        &m.location,
                        "expected host[:port][/namespace…]",
                    ))
                }
            })
            .collect::<Result<_, _>>()?;
        Ok(Registry {
            prefix,
            location,
            insecure: raw.insecure,
            blocked: raw.blocked,
            mirrors,
        })
    }
}

/// `host[:port]`, checked with the reference grammar.
fn is_host(s: &str) -> bool {
    !s.contains('/') && is_location(s)
}

/// `host[:port][/path]` without tag or digest.
fn is_location(s: &str) -> bool {
    let probe = format!("{s}/x");
    !s.contains(['@', '*']) && !Reference::is_short_name(&probe) && Reference::parse(&probe).is_ok()
}

/// A location, or a fully-qualified reference (a prefix may name one tag or digest).
fn is_name_prefix(s: &str) -> bool {
    is_location(s)
        || (!Reference::is_short_name(s) && s.contains('/') && !s.contains('*') && Reference::parse(s).is_ok())
}

/// How many bytes of `name` `prefix` matches, if it does.
fn prefix_match_len(name: &str, prefix: &str) -> Option<usize> {
    if let Some(domain) = prefix.strip_prefix("*.") {
        let host_port = name.split('/').next().unwrap_or(name);
        let host = host_port.split(':').next().unwrap_or(host_port);
        let under = host.strip_suffix(domain)?;
        return (under.len() > 1 && under.ends_with('.')).then_some(host.len());
    }
    let rest = name.strip_prefix(prefix)?;
    match rest.bytes().next() {
        None | Some(b'/' | b'@') => Some(prefix.len()),
        // A host-only prefix must not match another port on the same host.
        Some(b':') if prefix.contains('/') => Some(prefix.len()),
        _ => None,
    }
}

fn drop_in_dir_of(file: &Path) -> PathBuf {
    file.parent().unwrap_or(Path::new("/")).join(DROP_IN_DIR_NAME)
}

/// Decides which files to read; see the module documentation.
fn locate(env_file: Option<PathBuf>, rootless: bool, user_dir: Option<PathBuf>, system_dir: &Path) -> Sources {
    if let Some(file) = env_file {
        let drop_in_dirs = vec![drop_in_dir_of(&file)];
        return Sources {
            main: Some((file, true)),
            drop_in_dirs,
        };
    }
    let system_file = system_dir.join(FILE_NAME);
    let user_file = user_dir
        .filter(|_| rootless)
        .map(|d| d.join(FILE_NAME))
        .filter(|f| f.exists());
    let chosen = user_file.unwrap_or(system_file);
    let mut drop_in_dirs = vec![system_dir.join(DROP_IN_DIR_NAME)];
    let own = drop_in_dir_of(&chosen);
    if !drop_in_dirs.contains(&own) {
        drop_in_dirs.push(own);
    }
    Sources {
        main: Some((chosen, false)),
        drop_in_dirs,
    }
}

fn load_sources(sources: &Sources) -> Result<RegistriesConf, ConfigError> {
    let mut conf = RegistriesConf::default();
    if let Some((file, required)) = &sources.main {
        match std::fs::read_to_string(file) {
            Ok(text) => conf.apply(file, &text)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {}
            Err(source) => {
                return Err(ConfigError::Io {
                    path: file.clone(),
                    source,
                });
            }
        }
    }
    for dir in &sources.drop_in_dirs {
        for file in drop_in_files(dir)? {
            let text = std::fs::read_to_string(&file).map_err(|source| ConfigError::Io {
                path: file.clone(),
                source,
            })?;
            conf.apply(&file, &text)?;
        }
    }
    Ok(conf)
}

/// The `*.conf` files of `dir` in lexical order; none when it does not exist.
fn drop_in_files(dir: &Path) -> Result<Vec<PathBuf>, ConfigError> {
    let io_err = |source| ConfigError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_err(e)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(io_err)?.path();
        if path.extension().is_some_and(|e| e == "conf") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> TempDir {
            let dir = std::env::temp_dir().join(format!("ferry-registries-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }
        fn write(&self, rel: &str, text: &str) -> PathBuf {
            let path = self.0.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
            path
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn parse(text: &str) -> Result<RegistriesConf, ConfigError> {
        let mut conf = RegistriesConf::default();
        conf.apply(Path::new("/test/registries.conf"), text).map(|_| conf)
    }

    fn names(refs: Vec<Reference>) -> Vec<String> {
        refs.iter().map(ToString::to_string).collect()
    }

    const SAMPLE: &str = r#"
unqualified-search-registries = ["quay.io", "docker.io"]
short-name-mode = "permissive"

[[registry]]
prefix = "example.com/foo"
location = "internal.example.com/bar"
insecure = true

[[registry.mirror]]
location = "mirror-1.local/mirror-for-foo"

[[registry.mirror]]
location = "mirror-2.local:5000"
insecure = true

[[registry]]
location = "example.com"
blocked = true

[[registry]]
prefix = "*.wild.com"

[[registry]]
location = "localhost:5000"
insecure = true

[aliases]
"fedora" = "registry.fedoraproject.org/fedora"
"#;

    #[test]
    fn parses_version_2() {
        let conf = parse(SAMPLE).unwrap();
        assert_eq!(conf.search_registries(), ["quay.io", "docker.io"]);
        assert_eq!(conf.short_name_mode(), Some(ShortNameMode::Permissive));
        assert_eq!(conf.registries().len(), 4);
        let foo = conf.find_registry("example.com/foo/app:1").unwrap();
        assert_eq!(foo.location, "internal.example.com/bar");
        assert!(foo.insecure && !foo.blocked);
        assert_eq!(
            foo.mirrors,
            [
                Mirror {
                    location: "mirror-1.local/mirror-for-foo".into(),
                    insecure: false
                },
                Mirror {
                    location: "mirror-2.local:5000".into(),
                    insecure: true
                },
            ]
        );
        let bare = conf.find_registry("example.com/other").unwrap();
        assert_eq!((bare.prefix.as_str(), bare.blocked), ("example.com", true));
        assert_eq!(conf.find_registry("example.com/foo").unwrap().prefix, "example.com/foo");
        assert_eq!(
            conf.find_registry("example.com/foo:tag").unwrap().prefix,
            "example.com/foo"
        );
        assert_eq!(conf.find_registry("example.com/foobar").unwrap().prefix, "example.com");
        assert_eq!(conf.find_registry("example.com").unwrap().prefix, "example.com");
        assert!(conf.find_registry("example.com:5000/x").is_none());
        assert!(conf.find_registry("notexample.com/x").is_none());
        assert!(conf.find_registry("example.community/x").is_none());
        assert!(conf.find_registry("localhost:5000/x").unwrap().insecure);
        assert!(conf.find_registry("localhost:50001/x").is_none());
        assert_eq!(conf.find_registry("a.wild.com/x").unwrap().prefix, "*.wild.com");
        assert_eq!(conf.find_registry("a.b.wild.com:5000/x").unwrap().prefix, "*.wild.com");
        assert!(conf.find_registry("wild.com/x").is_none());
        assert!(conf.find_registry("awild.com/x").is_none());
        assert!(conf.find_registry("docker.io/library/a.wild.com").is_none());
    }

    #[test]
    fn wildcard_loses_to_an_exact_host() {
        let conf = parse(
            "[[registry]]\nprefix = \"*.example.com\"\n[[registry]]\nlocation = \"a.example.com\"\ninsecure = true\n",
        )
        .unwrap();
        assert_eq!(conf.find_registry("a.example.com/x").unwrap().prefix, "a.example.com");
        assert_eq!(conf.find_registry("b.example.com/x").unwrap().prefix, "*.example.com");
    }

    #[test]
    fn resolves_short_names() {
        let conf = parse(SAMPLE).unwrap();
        let resolve = |s: &str| names(conf.resolve_short_name(s).unwrap());
        assert_eq!(
            resolve("busybox"),
            ["quay.io/busybox:latest", "docker.io/library/busybox:latest"]
        );
        assert_eq!(resolve("user/app:v1"), ["quay.io/user/app:v1", "docker.io/user/app:v1"]);
        assert_eq!(resolve("ghcr.io/a/b"), ["ghcr.io/a/b:latest"]);
        assert_eq!(resolve("localhost/x:1"), ["localhost/x:1"]);
        assert_eq!(resolve("fedora:40"), ["registry.fedoraproject.org/fedora:40"]);
        assert_eq!(resolve("fedora"), ["registry.fedoraproject.org/fedora:latest"]);
        let hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert_eq!(
            resolve(&format!("alpine@sha256:{hex}")),
            [
                format!("quay.io/alpine@sha256:{hex}"),
                format!("docker.io/library/alpine@sha256:{hex}")
            ]
        );
        for bad in ["", "Busybox", "a//b", "busybox:", ":"] {
            let err = conf.resolve_short_name(bad).unwrap_err();
            assert!(matches!(err, ConfigError::Reference(_)), "{bad}: {err}");
        }
        let empty = RegistriesConf::default();
        assert_eq!(
            names(empty.resolve_short_name("busybox").unwrap()),
            ["docker.io/library/busybox:latest"]
        );
    }

    #[test]
    fn drop_ins_override_in_lexical_order() {
        let tmp = TempDir::new("dropins");
        let main = tmp.write("registries.conf", SAMPLE);
        tmp.write(
            "registries.conf.d/20-b.conf",
            "unqualified-search-registries = [\"registry.b\"]\n[[registry]]\nlocation = \"example.com\"\n",
        );
        tmp.write(
            "registries.conf.d/10-a.conf",
            "unqualified-search-registries = [\"registry.a\"]\nshort-name-mode = \"disabled\"\n",
        );
        tmp.write(
            "registries.conf.d/30-c.conf",
            "[[registry]]\nlocation = \"new.example\"\n",
        );
        tmp.write("registries.conf.d/99-ignored.txt", "this is not toml [[[");
        tmp.write("registries.conf.d/dir.conf/inner.conf", "ignored = [[[");
        let conf = RegistriesConf::load_from(&main).unwrap();
        assert_eq!(conf.search_registries(), ["registry.b"]);
        assert_eq!(conf.short_name_mode(), Some(ShortNameMode::Disabled));
        let replaced = conf.find_registry("example.com/x").unwrap();
        assert!(!replaced.blocked, "drop-in replaced the example.com entry");
        assert_eq!(conf.registries().len(), 5);
        assert!(conf.find_registry("new.example/x").is_some());
        let files: Vec<_> = conf
            .files()
            .iter()
            .map(|f| f.file_name().unwrap().to_str().unwrap())
            .collect();
        assert_eq!(files, ["registries.conf", "10-a.conf", "20-b.conf", "30-c.conf"]);
    }

    #[test]
    fn errors_name_the_file() {
        let tmp = TempDir::new("errors");
        let bad = tmp.write("registries.conf", "unqualified-search-registries = [\"quay.io\"\n");
        let msg = RegistriesConf::load_from(&bad).unwrap_err().to_string();
        assert!(msg.starts_with(&format!("{}: invalid TOML", bad.display())), "{msg}");
        let good = tmp.write("ok/registries.conf", "");
        tmp.write("ok/registries.conf.d/50.conf", "short-name-mode = \"sometimes\"\n");
        let msg = RegistriesConf::load_from(&good).unwrap_err().to_string();
        assert!(msg.contains("50.conf: invalid TOML"), "{msg}");
        let missing = tmp.0.join("missing.conf");
        let msg = RegistriesConf::load_from(&missing).unwrap_err().to_string();
        assert!(msg.starts_with(&missing.display().to_string()), "{msg}");
    }

    #[test]
    fn hostile_files() {
        let bad = [
            "unqualified-search-registries = \"quay.io\"",
            "unqualified-search-registries = [1, 2]",
            "unqualified-search-registries = [\"quay.io/ns\"]",
            "unqualified-search-registries = [\"\"]",
            "unqualified-search-registries = [\"https://quay.io\"]",
            "unqualified-search-registries = [\"Quay.io bad\"]",
            "short-name-mode = 3",
            "short-name-mode = \"Enforcing\"",
            "[[registry]]\ninsecure = true",
            "[[registry]]\nprefix = \"\"\nlocation = \"\"",
            "[[registry]]\nlocation = \"quay.io/UPPER\"",
            "[[registry]]\nlocation = \"quay.io/a:tag\"",
            "[[registry]]\nlocation = \"quay.io/a@sha256:0\"",
            "[[registry]]\nlocation = \"quay.io\"\ninsecure = \"yes\"",
            "[[registry]]\nprefix = \"*\"",
            "[[registry]]\nprefix = \"*.\"",
            "[[registry]]\nprefix = \"*.*.com\"",
            "[[registry]]\nprefix = \"a.*.com\"",
            "[[registry]]\nprefix = \"*.example.com:5000\"",
            "[[registry]]\nprefix = \"*.example.com\"\nlocation = \"other.com\"",
            "[[registry]]\nprefix = \"busybox\"",
            "[[registry]]\nlocation = \"quay.io\"\n[[registry.mirror]]\nlocation = \"\"",
            "[[registry]]\nlocation = \"quay.io\"\n[[registry.mirror]]\ninsecure = true",
            "[registries.search]\nregistries = [\"quay.io\"]",
            "registry = 5",
            "[aliases]\n\"quay.io/x\" = \"quay.io/x\"",
            "[aliases]\n\"x:tag\" = \"quay.io/x\"",
            "[aliases]\n\"x\" = \"y\"",
            "[aliases]\n\"x\" = 1",
            "= broken",
            "[[registry]\nlocation = \"quay.io\"",
            "\u{0}",
            "unqualified-search-registries = [\"quay.io\"]\nunqualified-search-registries = [\"docker.io\"]",
        ];
        for text in bad {
            let err = parse(text).expect_err(text);
            assert!(err.to_string().starts_with("/test/registries.conf: "), "{err}");
        }
        let deep = format!("x = {}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse(&deep).is_err());
        let long = format!("unqualified-search-registries = [\"{}.io\"]", "a".repeat(100_000));
        assert!(parse(&long).is_err());
    }

    #[test]
    fn accepts_unknown_keys_and_empty_files() {
        assert_eq!(parse("").unwrap().search_registries(), [] as [String; 0]);
        let conf =
            parse("credential-helpers = [\"x\"]\n[[registry]]\nlocation = \"quay.io\"\nmirror-by-digest-only = true\n");
        assert_eq!(conf.unwrap().registries().len(), 1);
        let conf = parse("[[registry]]\nprefix = \"quay.io/ns/repo:v1\"\nlocation = \"mirror.local/repo\"\n").unwrap();
        assert!(conf.find_registry("quay.io/ns/repo:v1").is_some());
        assert!(conf.find_registry("quay.io/ns/repo:v2").is_none());
    }

    #[test]
    fn search_order() {
        let tmp = TempDir::new("locate");
        let system = tmp.0.join("etc");
        let user = tmp.0.join("user");
        let env = locate(Some(tmp.0.join("x/custom.conf")), true, Some(user.clone()), &system);
        assert_eq!(
            env,
            Sources {
                main: Some((tmp.0.join("x/custom.conf"), true)),
                drop_in_dirs: vec![tmp.0.join("x/registries.conf.d")],
            }
        );
        // No user file: the system file, even rootless.
        let sys_sources = Sources {
            main: Some((system.join(FILE_NAME), false)),
            drop_in_dirs: vec![system.join(DROP_IN_DIR_NAME)],
        };
        assert_eq!(locate(None, true, Some(user.clone()), &system), sys_sources);
        tmp.write("user/registries.conf", "");
        assert_eq!(
            locate(None, true, Some(user.clone()), &system),
            Sources {
                main: Some((user.join(FILE_NAME), false)),
                drop_in_dirs: vec![system.join(DROP_IN_DIR_NAME), user.join(DROP_IN_DIR_NAME)],
            }
        );
        assert_eq!(locate(None, false, Some(user.clone()), &system), sys_sources);
        assert_eq!(locate(None, true, None, &system), sys_sources);
        // Nothing exists: an empty configuration, not an error.
        assert_eq!(load_sources(&sys_sources).unwrap(), RegistriesConf::default());
    }

    #[test]
    fn user_drop_ins_override_system_ones() {
        let tmp = TempDir::new("layers");
        tmp.write(
            "etc/registries.conf",
            "unqualified-search-registries = [\"system.io\"]\n",
        );
        tmp.write(
            "etc/registries.conf.d/50.conf",
            "unqualified-search-registries = [\"sysdrop.io\"]\n",
        );
        tmp.write(
            "user/registries.conf",
            "unqualified-search-registries = [\"user.io\"]\n",
        );
        tmp.write("user/registries.conf.d/10.conf", "short-name-mode = \"enforcing\"\n");
        let sources = locate(None, true, Some(tmp.0.join("user")), &tmp.0.join("etc"));
        let conf = load_sources(&sources).unwrap();
        // The user file replaces the system file; system drop-ins still apply, then the user's.
        assert_eq!(conf.search_registries(), ["sysdrop.io"]);
        assert_eq!(conf.short_name_mode(), Some(ShortNameMode::Enforcing));
        assert_eq!(conf.files().len(), 3);
    }
}
