//! Pulling images from registries into the store: reference resolution, platform selection, verified
//! and streamed layer downloads, and the pull policies used by `run`, `create` and `build`.
//!
//! Short names are resolved as Podman does with `short-name-mode` disabled or permissive without a
//! terminal: an alias when registries.conf has one, else each `unqualified-search-registries` entry in
//! order (docker.io when there are none), the first candidate whose manifest can be fetched wins.
//! Each candidate is tried on its endpoints in order (mirrors, then the primary location).
//!
//! Nothing becomes visible until everything is stored: blobs and layers are written under temporary
//! names and renamed into place only once verified, and the image enters `index.json` last. A killed
//! pull leaves garbage under `tmp/` and `overlay/.tmp-*` only; a rerun reuses every finished blob and
//! layer.

mod layers;
pub mod platform;
pub mod policy;

use std::collections::BTreeMap;
use std::io::Read;

use serde::Deserialize;

pub use self::platform::PlatformSpec;
use super::RegistryError;
use super::client::{Client, ClientOptions, FetchedManifest};
use super::endpoint::{Endpoint, endpoints};
use crate::config::ConfigError;
use crate::config::registries::RegistriesConf;
use crate::image::apply::ApplyOptions;
use crate::image::lookup::{INDEX_DIGEST_ANNOTATION, LookupError};
use crate::image::manifest::{ImageConfig, Manifest};
use crate::image::reference::{Reference, ReferenceError, name_part};
use crate::image::unpack::UnpackError;
use crate::store::blobs::BlobInfo;
use crate::store::images::{Descriptor, Index, MEDIA_OCI_INDEX, MEDIA_OCI_MANIFEST};
use crate::store::{Digest, Store, StoreError};

/// Configs larger than this are refused rather than read into memory (real ones are a few KiB).
const MAX_CONFIG: u64 = 16 << 20;

/// Indexes pointing at indexes deeper than this are refused (a hostile registry could chain them).
const MAX_INDEX_DEPTH: usize = 4;

#[derive(Debug, thiserror::Error)]
pub enum PullError {
    #[error(transparent)]
    Registry(#[from] RegistryError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Unpack(#[from] UnpackError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Reference(#[from] ReferenceError),
    #[error(transparent)]
    Lookup(#[from] LookupError),
    #[error("{reference}: invalid {what} {digest}: {reason}")]
    Invalid {
        reference: String,
        what: &'static str,
        digest: Digest,
        reason: String,
    },
    #[error("{reference}: no image for {wanted} in image index {digest} (available: {available})")]
    NoPlatform {
        reference: String,
        digest: Digest,
        wanted: String,
        available: String,
    },
    #[error("downloading blob {digest}: {source}")]
    Download { digest: Digest, source: std::io::Error },
    #[error("pulling {input}: {}", summary(.errors))]
    AllFailed {
        input: String,
        errors: Vec<(String, PullError)>,
    },
    #[error("invalid platform {0:?}: expected OS/ARCH[/VARIANT]")]
    InvalidPlatform(String),
    #[error("invalid pull policy {0:?}: expected always, missing, never or newer")]
    InvalidPolicy(String),
    #[error("{0}: a tag or digest cannot be used with --all-tags")]
    TagWithAllTags(String),
    #[error("{0}: the repository has no tags")]
    NoTags(String),
    #[error("{0}: no registry to pull from")]
    NoEndpoint(String),
}

fn summary(errors: &[(String, PullError)]) -> String {
    let parts: Vec<String> = errors.iter().map(|(r, e)| format!("{r}: {e}")).collect();
    format!("{} references tried: {}", errors.len(), parts.join("; "))
}

pub type Result<T, E = PullError> = std::result::Result<T, E>;

/// What a pull reports while it runs. Every method has a no-op default; implementations must be
/// callable from the download threads.
pub trait PullProgress: Sync {
    /// A line of Podman's narrative: `Trying to pull …`, `Writing manifest to image destination`, ….
    fn message(&self, _text: &str) {}
    /// A layer blob starts downloading; `size` is its compressed size.
    fn layer_started(&self, _digest: &Digest, _size: u64) {}
    /// `bytes` of the layer's compressed blob have been received so far.
    fn layer_progress(&self, _digest: &Digest, _bytes: u64) {}
    /// The blob is stored; `skipped` when it was already in the store.
    fn layer_done(&self, _digest: &Digest, _skipped: bool) {}
}

/// A progress sink that reports nothing.
pub struct Silent;
impl PullProgress for Silent {}

/// Everything a pull needs besides the store and the image name.
pub struct PullOptions {
    pub client: ClientOptions,
    pub registries: RegistriesConf,
    pub platform: PlatformSpec,
    /// Layers downloaded at once (at least 1).
    pub jobs: usize,
    pub apply: ApplyOptions,
}

/// An image now in the store.
#[derive(Debug, Clone)]
pub struct PulledImage {
    /// The image id (config digest).
    pub id: Digest,
    /// The full name it was stored under (`registry/repo:tag` or `registry/repo@sha256:…`).
    pub name: String,
    /// The digest of the stored image manifest.
    pub manifest_digest: Digest,
    /// The digest of the index or manifest list it was chosen from, if any.
    pub index_digest: Option<Digest>,
    pub warnings: Vec<String>,
}

/// A manifest or index found on a registry, and where it was found.
pub struct Located {
    /// The reference as the user knows it (before mirrors and location rewrites).
    pub reference: Reference,
    pub endpoint: Endpoint,
    pub client: Client,
    pub manifest: FetchedManifest,
}

/// The references to try for what the user typed, in order. A digest wins over a tag given with it.
pub fn candidates(input: &str, conf: &RegistriesConf) -> Result<Vec<Reference>> {
    let mut out = conf.resolve_short_name(input)?;
    for r in out.iter_mut() {
        if r.digest.is_some() {
            r.tag = None;
        }
    }
    Ok(out)
}

/// The tag or digest part used in `/manifests/<reference>`.
fn manifest_ref(r: &Reference) -> String {
    match (&r.digest, &r.tag) {
        (Some(d), _) => d.to_string(),
        (None, Some(t)) => t.clone(),
        (None, None) => crate::image::reference::DEFAULT_TAG.to_string(),
    }
}

/// Finds the manifest (or index) for `input`: each candidate in order, each on its endpoints in
/// order. Reports `Trying to pull <ref>...` for each candidate.
pub fn locate(
    input: &str,
    conf: &RegistriesConf,
    client_opts: &ClientOptions,
    progress: &dyn PullProgress,
) -> Result<Located> {
    let mut errors = Vec::new();
    for reference in candidates(input, conf)? {
        progress.message(&format!("Trying to pull {reference}..."));
        match locate_on(&reference, conf, client_opts, |client, ep| {
            client.get_manifest(&ep.repository, &manifest_ref(&reference))
        }) {
            Ok((endpoint, client, manifest)) => {
                return Ok(Located {
                    reference,
                    endpoint,
                    client,
                    manifest,
                });
            }
            Err(e) => errors.push((reference.to_string(), e)),
        }
    }
    if errors.len() == 1 {
        return Err(errors.pop().expect("one error").1);
    }
    Err(PullError::AllFailed {
        input: input.to_string(),
        errors,
    })
}

/// Runs `f` against each endpoint of `reference` until one succeeds; the last error otherwise.
fn locate_on<T>(
    reference: &Reference,
    conf: &RegistriesConf,
    client_opts: &ClientOptions,
    f: impl Fn(&Client, &Endpoint) -> Result<T, RegistryError>,
) -> Result<(Endpoint, Client, T)> {
    let mut last = None;
    for ep in endpoints(reference, conf)? {
        let attempt = Client::new(&ep.registry, ep.insecure, client_opts).and_then(|c| f(&c, &ep).map(|v| (c, v)));
        match attempt {
            Ok((client, v)) => return Ok((ep, client, v)),
            Err(e) => last = Some(e),
        }
    }
    Err(match last {
        Some(e) => e.into(),
        None => PullError::NoEndpoint(reference.to_string()),
    })
}

/// The media type a fetched manifest really has: its own `mediaType` field (which its digest
/// covers), else the Content-Type the registry sent, else guessed from its shape.
pub fn manifest_media_type(m: &FetchedManifest) -> Option<String> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Shape {
        media_type: Option<String>,
        manifests: Option<serde::de::IgnoredAny>,
        config: Option<serde::de::IgnoredAny>,
    }
    let shape: Shape = serde_json::from_slice(&m.data).ok()?;
    let known = |t: &str| platform::is_index(t) || platform::is_manifest(t);
    match shape.media_type {
        Some(t) => Some(t),
        None if known(&m.media_type) => Some(m.media_type.clone()),
        None if shape.manifests.is_some() => Some(MEDIA_OCI_INDEX.to_string()),
        None if shape.config.is_some() => Some(MEDIA_OCI_MANIFEST.to_string()),
        None => None,
    }
}

/// Pulls one image (`input` as typed: short or full name, tag or digest) and names it.
pub fn pull(store: &Store, input: &str, opts: &PullOptions, progress: &dyn PullProgress) -> Result<PulledImage> {
    let _lock = store.content_lock()?;
    let located = locate(input, &opts.registries, &opts.client, progress)?;
    pull_located(store, located, opts, progress)
}

/// Pulls every tag of a repository (`input` without tag or digest).
pub fn pull_all_tags(
    store: &Store,
    input: &str,
    opts: &PullOptions,
    progress: &dyn PullProgress,
) -> Result<Vec<PulledImage>> {
    if name_part(input) != input {
        return Err(PullError::TagWithAllTags(input.to_string()));
    }
    let mut errors = Vec::new();
    for reference in candidates(input, &opts.registries)? {
        let listed = locate_on(&reference, &opts.registries, &opts.client, |client, ep| {
            client.list_tags(&ep.repository)
        });
        let tags = match listed {
            Ok((_, _, tags)) => tags,
            Err(e) => {
                errors.push((reference.to_string(), e));
                continue;
            }
        };
        if tags.is_empty() {
            return Err(PullError::NoTags(reference.name()));
        }
        let mut out = Vec::new();
        for tag in tags {
            out.push(pull(store, &format!("{}:{tag}", reference.name()), opts, progress)?);
        }
        return Ok(out);
    }
    if errors.len() == 1 {
        return Err(errors.pop().expect("one error").1);
    }
    Err(PullError::AllFailed {
        input: input.to_string(),
        errors,
    })
}

/// The name a pulled image is stored under: `repo:tag`, or `repo@digest` for a pull by digest
/// (which `images` shows with tag `<none>`, as Podman does).
fn stored_name(r: &Reference) -> String {
    match &r.digest {
        Some(d) => format!("{}@{d}", r.name()),
        None => r.to_string(),
    }
}

fn pull_located(
    store: &Store,
    located: Located,
    opts: &PullOptions,
    progress: &dyn PullProgress,
) -> Result<PulledImage> {
    let Located {
        reference,
        endpoint,
        client,
        manifest: top,
    } = located;
    let shown = reference.to_string();
    let repo = endpoint.repository.as_str();
    let mut fetched = top;
    let mut index_digest = None;
    let mut media_type;
    let mut depth = 0;
    loop {
        let digest = fetched.digest.clone();
        media_type = manifest_media_type(&fetched).ok_or_else(|| PullError::Invalid {
            reference: shown.clone(),
            what: "manifest",
            digest: digest.clone(),
            reason: "neither an image manifest nor an image index".to_string(),
        })?;
        if !platform::is_index(&media_type) {
            break;
        }
        if depth == MAX_INDEX_DEPTH {
            return Err(PullError::Invalid {
                reference: shown,
                what: "image index",
                digest,
                reason: "image indexes nested too deeply".to_string(),
            });
        }
        depth += 1;
        let index: Index = serde_json::from_slice(&fetched.data).map_err(|e| PullError::Invalid {
            reference: shown.clone(),
            what: "image index",
            digest: digest.clone(),
            reason: e.to_string(),
        })?;
        let entry = platform::select(&index.manifests, &opts.platform).ok_or_else(|| PullError::NoPlatform {
            reference: shown.clone(),
            digest: digest.clone(),
            wanted: opts.platform.to_string(),
            available: platform::available(&index.manifests),
        })?;
        index_digest.get_or_insert(digest);
        let child = client.get_manifest(repo, &entry.digest.to_string())?;
        check_fetched(&shown, &child, entry)?;
        fetched = child;
    }
    if !platform::is_manifest(&media_type) {
        return Err(PullError::Invalid {
            reference: shown,
            what: "manifest",
            digest: fetched.digest.clone(),
            reason: format!("unsupported media type {media_type:?}"),
        });
    }
    let manifest_info = BlobInfo {
        digest: fetched.digest.clone(),
        size: fetched.data.len() as u64,
    };
    let invalid_manifest = |reason: String| PullError::Invalid {
        reference: shown.clone(),
        what: "manifest",
        digest: manifest_info.digest.clone(),
        reason,
    };
    let manifest: Manifest = serde_json::from_slice(&fetched.data).map_err(|e| invalid_manifest(e.to_string()))?;
    if manifest.schema_version != 2 {
        return Err(invalid_manifest(format!("schema version {}", manifest.schema_version)));
    }

    progress.message("Getting image source signatures");
    let config = fetch_config(store, &client, repo, &shown, &manifest.config)?;
    if manifest.layers.len() != config.rootfs.diff_ids.len() {
        return Err(UnpackError::LayerCount {
            layers: manifest.layers.len(),
            diff_ids: config.rootfs.diff_ids.len(),
        }
        .into());
    }
    let warnings = layers::fetch(&layers::Job {
        store,
        client: &client,
        repo,
        layers: &manifest.layers,
        diff_ids: &config.rootfs.diff_ids,
        apply: &opts.apply,
        jobs: opts.jobs.max(1),
        progress,
    })?;

    progress.message(&format!("Copying config {} done", manifest.config.digest.short()));
    progress.message("Writing manifest to image destination");
    store.blobs().put_bytes(&fetched.data, Some(&manifest_info))?;
    let mut desc = Descriptor::new(&media_type, manifest_info.digest.clone(), manifest_info.size);
    if let Some(d) = &index_digest {
        desc.annotations = Some(BTreeMap::from([(INDEX_DIGEST_ANNOTATION.to_string(), d.to_string())]));
    }
    let name = stored_name(&reference);
    let id = store.images().add(desc, std::slice::from_ref(&name))?;
    Ok(PulledImage {
        id,
        name,
        manifest_digest: manifest_info.digest,
        index_digest,
        warnings,
    })
}

/// Checks a manifest fetched by digest against the descriptor that pointed at it.
fn check_fetched(shown: &str, m: &FetchedManifest, desc: &Descriptor) -> Result<()> {
    let actual = BlobInfo {
        digest: m.digest.clone(),
        size: m.data.len() as u64,
    };
    let expected = BlobInfo {
        digest: desc.digest.clone(),
        size: desc.size,
    };
    crate::store::blobs::check(&expected, &actual).map_err(|e| PullError::Invalid {
        reference: shown.to_string(),
        what: "manifest",
        digest: desc.digest.clone(),
        reason: e.to_string(),
    })
}

/// The image config: from the store when present, else downloaded, verified and stored.
fn fetch_config(store: &Store, client: &Client, repo: &str, shown: &str, desc: &Descriptor) -> Result<ImageConfig> {
    let invalid = |reason: String| PullError::Invalid {
        reference: shown.to_string(),
        what: "config",
        digest: desc.digest.clone(),
        reason,
    };
    let data = if store.blobs().has(&desc.digest) {
        store.blobs().read(&desc.digest)?
    } else {
        if desc.size > MAX_CONFIG {
            return Err(invalid(format!("{} bytes is too large", desc.size)));
        }
        let mut data = Vec::new();
        client
            .get_blob(repo, &desc.digest)?
            .take(desc.size + 1)
            .read_to_end(&mut data)
            .map_err(|source| PullError::Download {
                digest: desc.digest.clone(),
                source,
            })?;
        let expected = BlobInfo {
            digest: desc.digest.clone(),
            size: desc.size,
        };
        store.blobs().put_bytes(&data, Some(&expected))?;
        data
    };
    serde_json::from_slice(&data).map_err(|e| invalid(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::images::{MEDIA_DOCKER_LIST, MEDIA_DOCKER_MANIFEST};

    fn fetched(data: &str, media_type: &str) -> FetchedManifest {
        FetchedManifest {
            data: data.as_bytes().to_vec(),
            media_type: media_type.to_string(),
            digest: Digest::of_bytes(data.as_bytes()),
        }
    }

    #[test]
    fn manifest_media_type_prefers_the_document() {
        let m = fetched(
            r#"{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[]}"#,
            "application/json",
        );
        assert_eq!(manifest_media_type(&m).as_deref(), Some(MEDIA_DOCKER_LIST));
        let m = fetched(r#"{"schemaVersion":2,"config":{},"layers":[]}"#, MEDIA_DOCKER_MANIFEST);
        assert_eq!(manifest_media_type(&m).as_deref(), Some(MEDIA_DOCKER_MANIFEST));
        let m = fetched(r#"{"schemaVersion":2,"manifests":[]}"#, "text/plain");
        assert_eq!(manifest_media_type(&m).as_deref(), Some(MEDIA_OCI_INDEX));
        let m = fetched(r#"{"schemaVersion":2,"config":{}}"#, "");
        assert_eq!(manifest_media_type(&m).as_deref(), Some(MEDIA_OCI_MANIFEST));
        for bad in ["", "null", "[]", "{", r#"{"schemaVersion":2}"#, r#"{"mediaType":5}"#] {
            assert_eq!(manifest_media_type(&fetched(bad, "text/html")), None, "{bad}");
        }
    }

    #[test]
    fn names_and_manifest_references() {
        let conf = RegistriesConf::default();
        let d = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        let c = candidates(&format!("quay.io/a/b:v1@{d}"), &conf).unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(manifest_ref(&c[0]), d);
        assert_eq!(stored_name(&c[0]), format!("quay.io/a/b@{d}"));
        assert!(Reference::parse(&stored_name(&c[0])).is_ok());
        let c = candidates("busybox", &conf).unwrap();
        assert_eq!(stored_name(&c[0]), "docker.io/library/busybox:latest");
        assert_eq!(manifest_ref(&c[0]), "latest");
        assert!(candidates("Busybox", &conf).is_err());
        assert!(candidates("", &conf).is_err());
    }
}
