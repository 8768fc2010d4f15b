//! Pushing a local image to a registry: blobs the registry already has are skipped, blobs another
//! repository of the same registry has are mounted, the rest are uploaded. A pulled image goes
//! back byte for byte (same blobs, same manifest bytes, same digest); uncompressed layers are
//! compressed on the way, and the manifest is converted between OCI and Docker schema2 on request.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde_json::{Map, Value};

use super::RegistryError;
use super::client::Client;
use crate::image::manifest::{
    Compression, MEDIA_OCI_CONFIG, MEDIA_OCI_LAYER, MEDIA_OCI_LAYER_GZIP, MEDIA_OCI_LAYER_ZSTD, Manifest,
};
use crate::store::digest::{Hasher, HashingWriter};
use crate::store::images::{Descriptor, ImageRecord, MEDIA_DOCKER_MANIFEST, MEDIA_OCI_MANIFEST};
use crate::store::{Digest, Store, StoreError, atomic};

pub const MEDIA_DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";
pub const MEDIA_DOCKER_LAYER: &str = "application/vnd.docker.image.rootfs.diff.tar";
pub const MEDIA_DOCKER_LAYER_GZIP: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";
pub const MEDIA_DOCKER_FOREIGN_LAYER: &str = "application/vnd.docker.image.rootfs.foreign.diff.tar";
pub const MEDIA_DOCKER_FOREIGN_LAYER_GZIP: &str = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
pub const MEDIA_OCI_NONDISTRIBUTABLE_LAYER: &str = "application/vnd.oci.image.layer.nondistributable.v1.tar";
pub const MEDIA_OCI_NONDISTRIBUTABLE_LAYER_GZIP: &str = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
pub const MEDIA_OCI_NONDISTRIBUTABLE_LAYER_ZSTD: &str = "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";

/// Blobs above this size are uploaded in chunks by default (registries and proxies often limit
/// the size of one request).
pub const DEFAULT_CHUNK_THRESHOLD: u64 = 64 << 20;
pub const DEFAULT_CHUNK_SIZE: u64 = 16 << 20;
/// Largest stored manifest we agree to read into memory.
const MAX_MANIFEST: u64 = 4 << 20;

#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error(transparent)]
    Registry(#[from] RegistryError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("stored manifest {digest}: {reason}")]
    Manifest { digest: Digest, reason: String },
    #[error("manifest {digest}: layer {layer}: unsupported media type {media_type:?}")]
    LayerMediaType {
        digest: Digest,
        layer: Digest,
        media_type: String,
    },
    #[error("zstd-compressed layers cannot be pushed in Docker schema2 format (layer {layer}): use --format oci")]
    ZstdInDockerFormat { layer: Digest },
    #[error("blob {digest}: {source}")]
    Blob { digest: Digest, source: io::Error },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("the pushed manifest has digest {actual}, but the destination asks for {expected}")]
    DestinationDigest { expected: Digest, actual: Digest },
}

pub type Result<T, E = PushError> = std::result::Result<T, E>;

/// A manifest format the registry receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestFormat {
    Oci,
    DockerV2S2,
}

impl ManifestFormat {
    pub fn media_type(self) -> &'static str {
        match self {
            ManifestFormat::Oci => MEDIA_OCI_MANIFEST,
            ManifestFormat::DockerV2S2 => MEDIA_DOCKER_MANIFEST,
        }
    }

    fn config_media_type(self) -> &'static str {
        match self {
            ManifestFormat::Oci => MEDIA_OCI_CONFIG,
            ManifestFormat::DockerV2S2 => MEDIA_DOCKER_CONFIG,
        }
    }
}

/// What a layer media type says about its content: compression, and whether it is a
/// "foreign"/"non-distributable" layer that registries may not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayerType {
    pub compression: Compression,
    pub foreign: bool,
}

/// Every layer media type ferry knows, by manifest format.
const LAYER_TYPES: &[(&str, ManifestFormat, Compression, bool)] = &[
    (MEDIA_OCI_LAYER, ManifestFormat::Oci, Compression::None, false),
    (MEDIA_OCI_LAYER_GZIP, ManifestFormat::Oci, Compression::Gzip, false),
    (MEDIA_OCI_LAYER_ZSTD, ManifestFormat::Oci, Compression::Zstd, false),
    (
        MEDIA_OCI_NONDISTRIBUTABLE_LAYER,
        ManifestFormat::Oci,
        Compression::None,
        true,
    ),
    (
        MEDIA_OCI_NONDISTRIBUTABLE_LAYER_GZIP,
        ManifestFormat::Oci,
        Compression::Gzip,
        true,
    ),
    (
        MEDIA_OCI_NONDISTRIBUTABLE_LAYER_ZSTD,
        ManifestFormat::Oci,
        Compression::Zstd,
        true,
    ),
    (MEDIA_DOCKER_LAYER, ManifestFormat::DockerV2S2, Compression::None, false),
    (
        MEDIA_DOCKER_LAYER_GZIP,
        ManifestFormat::DockerV2S2,
        Compression::Gzip,
        false,
    ),
    (
        MEDIA_DOCKER_FOREIGN_LAYER,
        ManifestFormat::DockerV2S2,
        Compression::None,
        true,
    ),
    (
        MEDIA_DOCKER_FOREIGN_LAYER_GZIP,
        ManifestFormat::DockerV2S2,
        Compression::Gzip,
        true,
    ),
];

impl LayerType {
    /// The layer type of a media type of either format; `None` for anything else.
    pub fn parse(media_type: &str) -> Option<LayerType> {
        LAYER_TYPES
            .iter()
            .find(|(m, ..)| *m == media_type)
            .map(|&(_, _, compression, foreign)| LayerType { compression, foreign })
    }

    /// The media type of this layer type in `format`; `None` when the format cannot express it
    /// (zstd in Docker schema2).
    pub fn media_type(self, format: ManifestFormat) -> Option<&'static str> {
        LAYER_TYPES
            .iter()
            .find(|&&(_, f, c, foreign)| f == format && c == self.compression && foreign == self.foreign)
            .map(|(m, ..)| *m)
    }
}

/// The config media type in `format`, for the config media types of either format.
pub fn config_media_type(media_type: &str, format: ManifestFormat) -> Option<&'static str> {
    (media_type == MEDIA_OCI_CONFIG || media_type == MEDIA_DOCKER_CONFIG).then(|| format.config_media_type())
}

/// How to push.
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// Compression for layers stored uncompressed (`None` pushes them as they are).
    pub compression: Compression,
    /// The manifest format to push; `None` keeps the image's own (switching a Docker manifest to
    /// OCI only when zstd compression requires it).
    pub format: Option<ManifestFormat>,
    /// Blobs larger than this are uploaded in chunks of `chunk_size`.
    pub chunk_threshold: u64,
    pub chunk_size: u64,
    /// Other repositories on the destination registry that may hold the image's blobs
    /// (cross-repository mounts).
    pub mount_from: Vec<String>,
    /// Blobs uploaded at once.
    pub jobs: usize,
}

impl Default for PushOptions {
    fn default() -> Self {
        PushOptions {
            compression: Compression::Gzip,
            format: None,
            chunk_threshold: DEFAULT_CHUNK_THRESHOLD,
            chunk_size: DEFAULT_CHUNK_SIZE,
            mount_from: Vec::new(),
            jobs: 3,
        }
    }
}

/// Where the image goes on the client's registry.
#[derive(Debug, Clone)]
pub struct Destination {
    pub repository: String,
    /// The manifest is put under this tag; without one, under its digest.
    pub tag: Option<String>,
    /// When given, the pushed manifest must have this digest.
    pub digest: Option<Digest>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlobKind {
    Layer,
    Config,
}

/// How a blob got to the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlobOutcome {
    /// The destination repository already had it.
    Exists,
    /// Mounted from another repository of the same registry.
    Mounted {
        from: String,
    },
    Uploaded,
    /// A foreign layer the store does not hold; clients fetch it from its URLs.
    Foreign,
}

/// Progress reports, for the command to print.
#[derive(Debug)]
pub enum PushEvent<'a> {
    Blob {
        kind: BlobKind,
        digest: &'a Digest,
        outcome: BlobOutcome,
    },
    WritingManifest,
}

/// One layer of a push plan.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerPlan {
    pub source: Descriptor,
    /// Compress the stored (uncompressed) blob with this before uploading.
    pub compress: Option<Compression>,
    /// The media type in the pushed manifest.
    pub media_type: String,
}

/// What a push sends, decided from the stored manifest and the options before any I/O.
#[derive(Debug, Clone)]
pub struct Plan {
    pub format: ManifestFormat,
    /// The media type of the pushed manifest.
    pub media_type: String,
    pub config: Descriptor,
    pub config_media_type: String,
    pub layers: Vec<LayerPlan>,
    /// The stored manifest bytes can be pushed as they are.
    pub unchanged: bool,
}

/// Decides formats, media types and compression for a stored manifest.
pub fn plan(manifest_digest: &Digest, data: &[u8], opts: &PushOptions) -> Result<Plan> {
    let bad = |reason: String| PushError::Manifest {
        digest: manifest_digest.clone(),
        reason,
    };
    let manifest: Manifest = serde_json::from_slice(data).map_err(|e| bad(format!("invalid JSON: {e}")))?;
    if manifest.schema_version != 2 {
        return Err(bad(format!("unsupported schemaVersion {}", manifest.schema_version)));
    }
    let source = match manifest.kind() {
        MEDIA_OCI_MANIFEST => ManifestFormat::Oci,
        MEDIA_DOCKER_MANIFEST => ManifestFormat::DockerV2S2,
        other => return Err(bad(format!("unsupported manifest media type {other:?}"))),
    };
    let compress = |l: &Descriptor| {
        LayerType::parse(&l.media_type).is_some_and(|t| t.compression == Compression::None)
            && opts.compression != Compression::None
    };
    let needs_zstd = opts.compression == Compression::Zstd && manifest.layers.iter().any(compress);
    let format = match opts.format {
        Some(f) => f,
        // Docker schema2 has no zstd media type; Podman switches to OCI in this case too.
        None if needs_zstd => ManifestFormat::Oci,
        None => source,
    };
    let converting = format != source;
    let config_media_type = if converting {
        config_media_type(&manifest.config.media_type, format).ok_or_else(|| {
            bad(format!(
                "config media type {:?} cannot be converted",
                manifest.config.media_type
            ))
        })?
    } else {
        &manifest.config.media_type
    };
    let mut layers = Vec::with_capacity(manifest.layers.len());
    for l in &manifest.layers {
        let compress = compress(l).then_some(opts.compression);
        let media_type = if converting || compress.is_some() {
            let mut t = LayerType::parse(&l.media_type).ok_or_else(|| PushError::LayerMediaType {
                digest: manifest_digest.clone(),
                layer: l.digest.clone(),
                media_type: l.media_type.clone(),
            })?;
            if let Some(c) = compress {
                t.compression = c;
            }
            t.media_type(format)
                .ok_or_else(|| PushError::ZstdInDockerFormat {
                    layer: l.digest.clone(),
                })?
                .to_string()
        } else {
            l.media_type.clone()
        };
        layers.push(LayerPlan {
            source: l.clone(),
            compress,
            media_type,
        });
    }
    let unchanged = !converting && layers.iter().all(|l| l.compress.is_none());
    let media_type = if unchanged {
        manifest.kind()
    } else {
        format.media_type()
    };
    Ok(Plan {
        format,
        media_type: media_type.to_string(),
        config: manifest.config.clone(),
        config_media_type: config_media_type.to_string(),
        layers,
        unchanged,
    })
}

/// The manifest to push when it differs from the stored one: the stored JSON with new media
/// types and layer descriptors, keeping unknown fields; Docker schema2 gets only the fields it
/// defines (it has no annotations).
pub fn rewrite_manifest(stored: &[u8], plan: &Plan, layers: &[Descriptor]) -> Result<Vec<u8>, serde_json::Error> {
    let mut doc: Map<String, Value> = serde_json::from_slice(stored)?;
    let docker = plan.format == ManifestFormat::DockerV2S2;
    let descriptor = |d: &Descriptor| -> Result<Value, serde_json::Error> {
        let mut v = serde_json::to_value(d)?;
        if docker && let Value::Object(m) = &mut v {
            m.retain(|k, _| matches!(k.as_str(), "mediaType" | "size" | "digest" | "urls"));
        }
        Ok(v)
    };
    if docker {
        doc.retain(|k, _| matches!(k.as_str(), "schemaVersion" | "mediaType" | "config" | "layers"));
    }
    doc.insert("mediaType".into(), Value::String(plan.format.media_type().into()));
    let mut config = plan.config.clone();
    config.media_type = plan.config_media_type.clone();
    doc.insert("config".into(), descriptor(&config)?);
    let layers = layers.iter().map(descriptor).collect::<Result<Vec<_>, _>>()?;
    doc.insert("layers".into(), Value::Array(layers));
    // Keep the usual field order (schemaVersion, mediaType first) for readability.
    let mut out = Map::new();
    for k in ["schemaVersion", "mediaType", "config", "layers"] {
        if let Some(v) = doc.remove(k) {
            out.insert(k.into(), v);
        }
    }
    out.extend(doc);
    serde_json::to_vec(&Value::Object(out))
}

/// Pushes the image `record` to `dest` through `client`; returns the manifest digest. `events`
/// is called from several threads.
pub fn push(
    store: &Store,
    record: &ImageRecord,
    client: &Client,
    dest: &Destination,
    opts: &PushOptions,
    events: &(dyn Fn(PushEvent) + Sync),
) -> Result<Digest> {
    let mdigest = &record.manifest.digest;
    let msize = store.blobs().size(mdigest)?;
    if msize > MAX_MANIFEST {
        return Err(PushError::Manifest {
            digest: mdigest.clone(),
            reason: format!("{msize} bytes is too large for a manifest"),
        });
    }
    let stored = store.blobs().read(mdigest)?;
    let plan = plan(mdigest, &stored, opts)?;
    let pusher = Pusher {
        store,
        client,
        repo: &dest.repository,
        opts,
        events,
    };
    let layers = pusher.layers(&plan.layers)?;
    pusher.blob(BlobKind::Config, &plan.config, None)?;
    let data = if plan.unchanged {
        stored
    } else {
        rewrite_manifest(&stored, &plan, &layers).map_err(|e| PushError::Manifest {
            digest: mdigest.clone(),
            reason: format!("invalid JSON: {e}"),
        })?
    };
    let digest = Digest::of_bytes(&data);
    if let Some(expected) = &dest.digest
        && expected != &digest
    {
        return Err(PushError::DestinationDigest {
            expected: expected.clone(),
            actual: digest,
        });
    }
    events(PushEvent::WritingManifest);
    let reference = dest.tag.clone().unwrap_or_else(|| digest.to_string());
    client.put_manifest(&dest.repository, &reference, &plan.media_type, &data)?;
    Ok(digest)
}

struct Pusher<'a> {
    store: &'a Store,
    client: &'a Client,
    repo: &'a str,
    opts: &'a PushOptions,
    events: &'a (dyn Fn(PushEvent) + Sync),
}

impl Pusher<'_> {
    /// Pushes every layer, `opts.jobs` at once; returns the pushed descriptors in order. After a
    /// failure no new layer is started, and the first failing layer's error is returned.
    fn layers(&self, layers: &[LayerPlan]) -> Result<Vec<Descriptor>> {
        let next = AtomicUsize::new(0);
        let failed = AtomicBool::new(false);
        let results: Vec<Mutex<Option<Result<Descriptor>>>> = layers.iter().map(|_| Mutex::new(None)).collect();
        let work = || {
            while !failed.load(Ordering::Relaxed) {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(l) = layers.get(i) else { break };
                let r = self.blob(BlobKind::Layer, &l.source, l.compress).map(|mut d| {
                    d.media_type = l.media_type.clone();
                    d
                });
                if r.is_err() {
                    failed.store(true, Ordering::Relaxed);
                }
                *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
            }
        };
        let jobs = self.opts.jobs.clamp(1, layers.len().max(1));
        std::thread::scope(|s| {
            for _ in 1..jobs {
                s.spawn(work);
            }
            work();
        });
        let mut out = Vec::with_capacity(layers.len());
        let mut first_err = None;
        for r in results {
            match r.into_inner().unwrap_or_else(|e| e.into_inner()) {
                Some(Ok(d)) => out.push(d),
                Some(Err(e)) => {
                    first_err.get_or_insert(e);
                }
                // Not started because another layer failed: only happens with an error to return.
                None => {}
            }
        }
        if let Some(e) = first_err {
            return Err(e);
        }
        Ok(out)
    }

    /// Gets one blob to the registry; returns its descriptor as pushed (the source's, or the
    /// compressed blob's).
    fn blob(&self, kind: BlobKind, source: &Descriptor, compress: Option<Compression>) -> Result<Descriptor> {
        if !self.store.blobs().has(&source.digest)
            && source.urls.is_some()
            && LayerType::parse(&source.media_type).is_some_and(|t| t.foreign)
        {
            self.report(kind, &source.digest, BlobOutcome::Foreign);
            return Ok(source.clone());
        }
        let stored_size = self.store.blobs().size(&source.digest)?;
        if stored_size != source.size {
            return Err(StoreError::SizeMismatch {
                digest: source.digest.clone(),
                expected: source.size,
                actual: stored_size,
            }
            .into());
        }
        let compressed = match compress {
            Some(c) if c != Compression::None => Some(compress_layer(self.store, source, c)?),
            _ => None,
        };
        let (digest, size) = match &compressed {
            Some(t) => (t.digest.clone(), t.size),
            None => (source.digest.clone(), source.size),
        };
        let mut pushed = source.clone();
        pushed.digest = digest.clone();
        pushed.size = size;
        if self.client.blob_exists(self.repo, &digest)? {
            self.report(kind, &digest, BlobOutcome::Exists);
            return Ok(pushed);
        }
        for from in &self.opts.mount_from {
            if self.client.mount_blob(self.repo, &digest, from)? {
                self.report(kind, &digest, BlobOutcome::Mounted { from: from.clone() });
                return Ok(pushed);
            }
        }
        let chunk = (size > self.opts.chunk_threshold).then_some(self.opts.chunk_size.max(1));
        match &compressed {
            Some(t) => {
                let mut f = File::open(&t.path).map_err(|source| PushError::Io {
                    path: t.path.clone(),
                    source,
                })?;
                self.client.upload_blob(self.repo, &digest, size, &mut f, chunk)?;
            }
            None => {
                let f = self.store.blobs().open(&digest)?;
                let mut r = Verified::new(BufReader::with_capacity(256 * 1024, f), size, digest.clone());
                self.client.upload_blob(self.repo, &digest, size, &mut r, chunk)?;
            }
        }
        self.report(kind, &digest, BlobOutcome::Uploaded);
        Ok(pushed)
    }

    fn report(&self, kind: BlobKind, digest: &Digest, outcome: BlobOutcome) {
        (self.events)(PushEvent::Blob { kind, digest, outcome });
    }
}

/// Compresses a stored uncompressed layer into a temp file, verifying the stored blob and
/// hashing the output, so the upload knows its digest and size up front.
fn compress_layer(store: &Store, source: &Descriptor, c: Compression) -> Result<TempBlob> {
    let path = store.tmp_dir().join(atomic::unique_name("push-"));
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)
        .map_err(|e| PushError::Io {
            path: path.clone(),
            source: e,
        })?;
    let mut temp = TempBlob {
        path,
        digest: source.digest.clone(),
        size: 0,
    };
    let input = store.blobs().open(&source.digest)?;
    let mut input = Verified::new(
        BufReader::with_capacity(256 * 1024, input),
        source.size,
        source.digest.clone(),
    );
    let out = HashingWriter::new(BufWriter::with_capacity(256 * 1024, file));
    let blob_err = |e: io::Error| PushError::Blob {
        digest: source.digest.clone(),
        source: e,
    };
    let out = match c {
        Compression::Gzip => {
            let mut enc = flate2::write::GzEncoder::new(out, flate2::Compression::default());
            io::copy(&mut input, &mut enc).map_err(blob_err)?;
            enc.finish().map_err(blob_err)?
        }
        Compression::Zstd => {
            let mut enc = zstd::stream::write::Encoder::new(out, 3).map_err(blob_err)?;
            io::copy(&mut input, &mut enc).map_err(blob_err)?;
            enc.finish().map_err(blob_err)?
        }
        Compression::None => {
            let mut out = out;
            io::copy(&mut input, &mut out).map_err(blob_err)?;
            out
        }
    };
    let (mut buf, digest, size) = out.finish();
    buf.flush().map_err(|e| PushError::Io {
        path: temp.path.clone(),
        source: e,
    })?;
    temp.digest = digest;
    temp.size = size;
    Ok(temp)
}

/// A compressed layer in `tmp/`, removed when dropped.
struct TempBlob {
    path: PathBuf,
    digest: Digest,
    size: u64,
}

impl Drop for TempBlob {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Reads exactly `size` bytes and fails on the last chunk (before the reader reports all of
/// them) unless they hash to `expected`: a store blob that no longer matches its digest must not
/// reach a registry, whether or not the uploader reads to the end of the stream.
struct Verified<R> {
    inner: R,
    remaining: u64,
    hasher: Hasher,
    expected: Digest,
    checked: bool,
}

impl<R: Read> Verified<R> {
    fn new(inner: R, size: u64, expected: Digest) -> Self {
        Verified {
            inner,
            remaining: size,
            hasher: Hasher::default(),
            expected,
            checked: false,
        }
    }

    fn check(&mut self) -> io::Result<()> {
        if self.checked {
            return Ok(());
        }
        let mut extra = [0u8; 1];
        if self.inner.read(&mut extra)? != 0 {
            return Err(io::Error::other(format!(
                "stored blob {} is longer than recorded",
                self.expected
            )));
        }
        let actual = std::mem::take(&mut self.hasher).finish();
        if actual != self.expected {
            return Err(io::Error::other(format!(
                "stored blob {} failed verification: content hashes to {actual}",
                self.expected
            )));
        }
        self.checked = true;
        Ok(())
    }
}

impl<R: Read> Read for Verified<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.remaining == 0 {
            self.check()?;
            return Ok(0);
        }
        let want = buf.len().min(usize::try_from(self.remaining).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("stored blob {} is shorter than recorded", self.expected),
            ));
        }
        self.hasher.update(&buf[..n]);
        self.remaining -= n as u64;
        if self.remaining == 0 {
            self.check()?;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const D1: &str = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    const D2: &str = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    const D3: &str = "sha256:3333333333333333333333333333333333333333333333333333333333333333";

    fn manifest(media: Option<&str>, config: &str, layers: &[&str]) -> Vec<u8> {
        let layers: Vec<Value> = layers
            .iter()
            .enumerate()
            .map(|(i, m)| serde_json::json!({"mediaType": m, "digest": if i == 0 { D2 } else { D3 }, "size": 10 + i}))
            .collect();
        let mut v = serde_json::json!({
            "schemaVersion": 2,
            "config": {"mediaType": config, "digest": D1, "size": 5},
            "layers": layers,
        });
        if let Some(m) = media {
            v["mediaType"] = Value::String(m.to_string());
        }
        serde_json::to_vec(&v).unwrap()
    }

    fn opts(compression: Compression, format: Option<ManifestFormat>) -> PushOptions {
        PushOptions {
            compression,
            format,
            ..PushOptions::default()
        }
    }

    fn md() -> Digest {
        Digest::of_bytes(b"manifest")
    }

    #[test]
    fn layer_media_types_map_between_formats() {
        use ManifestFormat::*;
        let pairs = [
            (MEDIA_OCI_LAYER, MEDIA_DOCKER_LAYER),
            (MEDIA_OCI_LAYER_GZIP, MEDIA_DOCKER_LAYER_GZIP),
            (MEDIA_OCI_NONDISTRIBUTABLE_LAYER, MEDIA_DOCKER_FOREIGN_LAYER),
            (MEDIA_OCI_NONDISTRIBUTABLE_LAYER_GZIP, MEDIA_DOCKER_FOREIGN_LAYER_GZIP),
        ];
        for (oci, docker) in pairs {
            assert_eq!(LayerType::parse(oci).unwrap().media_type(DockerV2S2), Some(docker));
            assert_eq!(LayerType::parse(docker).unwrap().media_type(Oci), Some(oci));
            assert_eq!(LayerType::parse(oci).unwrap().media_type(Oci), Some(oci));
        }
        for zstd in [MEDIA_OCI_LAYER_ZSTD, MEDIA_OCI_NONDISTRIBUTABLE_LAYER_ZSTD] {
            assert_eq!(LayerType::parse(zstd).unwrap().compression, Compression::Zstd);
            assert_eq!(LayerType::parse(zstd).unwrap().media_type(DockerV2S2), None);
        }
        for unknown in ["", "application/json", "application/vnd.oci.image.layer.v1.tar+lz4"] {
            assert_eq!(LayerType::parse(unknown), None);
        }
        assert_eq!(
            config_media_type(MEDIA_OCI_CONFIG, DockerV2S2),
            Some(MEDIA_DOCKER_CONFIG)
        );
        assert_eq!(config_media_type(MEDIA_DOCKER_CONFIG, Oci), Some(MEDIA_OCI_CONFIG));
        assert_eq!(config_media_type("application/vnd.example+json", Oci), None);
    }

    #[test]
    fn pulled_images_push_unchanged() {
        let m = manifest(
            Some(MEDIA_DOCKER_MANIFEST),
            MEDIA_DOCKER_CONFIG,
            &[MEDIA_DOCKER_LAYER_GZIP, MEDIA_DOCKER_LAYER_GZIP],
        );
        for o in [
            opts(Compression::Gzip, None),
            opts(Compression::Zstd, None),
            opts(Compression::Gzip, Some(ManifestFormat::DockerV2S2)),
        ] {
            let p = plan(&md(), &m, &o).unwrap();
            assert!(p.unchanged);
            assert_eq!(p.media_type, MEDIA_DOCKER_MANIFEST);
            assert!(p.layers.iter().all(|l| l.compress.is_none()));
        }
        // An OCI manifest without a mediaType field is OCI, and keeps even unknown layer types.
        let m = manifest(None, MEDIA_OCI_CONFIG, &[MEDIA_OCI_LAYER_ZSTD, "application/x-custom"]);
        let p = plan(&md(), &m, &opts(Compression::Gzip, None)).unwrap();
        assert!(p.unchanged);
        assert_eq!(p.format, ManifestFormat::Oci);
        assert_eq!(p.layers[1].media_type, "application/x-custom");
    }

    #[test]
    fn uncompressed_layers_are_compressed() {
        let m = manifest(
            Some(MEDIA_OCI_MANIFEST),
            MEDIA_OCI_CONFIG,
            &[MEDIA_OCI_LAYER, MEDIA_OCI_LAYER_GZIP],
        );
        let p = plan(&md(), &m, &opts(Compression::Gzip, None)).unwrap();
        assert!(!p.unchanged);
        assert_eq!(p.layers[0].compress, Some(Compression::Gzip));
        assert_eq!(p.layers[0].media_type, MEDIA_OCI_LAYER_GZIP);
        assert_eq!(p.layers[1].compress, None);
        let p = plan(&md(), &m, &opts(Compression::Zstd, None)).unwrap();
        assert_eq!(p.layers[0].media_type, MEDIA_OCI_LAYER_ZSTD);
        assert_eq!(p.layers[1].media_type, MEDIA_OCI_LAYER_GZIP);
        let p = plan(&md(), &m, &opts(Compression::None, None)).unwrap();
        assert!(p.unchanged);
    }

    #[test]
    fn formats_convert() {
        let oci = manifest(
            Some(MEDIA_OCI_MANIFEST),
            MEDIA_OCI_CONFIG,
            &[MEDIA_OCI_LAYER_GZIP, MEDIA_OCI_LAYER],
        );
        let p = plan(&md(), &oci, &opts(Compression::Gzip, Some(ManifestFormat::DockerV2S2))).unwrap();
        assert!(!p.unchanged);
        assert_eq!(p.media_type, MEDIA_DOCKER_MANIFEST);
        assert_eq!(p.config_media_type, MEDIA_DOCKER_CONFIG);
        assert_eq!(p.layers[0].media_type, MEDIA_DOCKER_LAYER_GZIP);
        assert_eq!(p.layers[1].media_type, MEDIA_DOCKER_LAYER_GZIP);
        let docker = manifest(
            Some(MEDIA_DOCKER_MANIFEST),
            MEDIA_DOCKER_CONFIG,
            &[MEDIA_DOCKER_LAYER_GZIP, MEDIA_DOCKER_FOREIGN_LAYER_GZIP],
        );
        let p = plan(&md(), &docker, &opts(Compression::Gzip, Some(ManifestFormat::Oci))).unwrap();
        assert_eq!(p.media_type, MEDIA_OCI_MANIFEST);
        assert_eq!(p.config_media_type, MEDIA_OCI_CONFIG);
        assert_eq!(p.layers[0].media_type, MEDIA_OCI_LAYER_GZIP);
        assert_eq!(p.layers[1].media_type, MEDIA_OCI_NONDISTRIBUTABLE_LAYER_GZIP);
        // zstd needs OCI: an implicit format switches, an explicit v2s2 is refused.
        let docker_plain = manifest(Some(MEDIA_DOCKER_MANIFEST), MEDIA_DOCKER_CONFIG, &[MEDIA_DOCKER_LAYER]);
        let p = plan(&md(), &docker_plain, &opts(Compression::Zstd, None)).unwrap();
        assert_eq!(p.format, ManifestFormat::Oci);
        assert_eq!(p.layers[0].media_type, MEDIA_OCI_LAYER_ZSTD);
        let e = plan(
            &md(),
            &docker_plain,
            &opts(Compression::Zstd, Some(ManifestFormat::DockerV2S2)),
        );
        assert!(matches!(e, Err(PushError::ZstdInDockerFormat { .. })), "{e:?}");
        let oci_zstd = manifest(Some(MEDIA_OCI_MANIFEST), MEDIA_OCI_CONFIG, &[MEDIA_OCI_LAYER_ZSTD]);
        let e = plan(
            &md(),
            &oci_zstd,
            &opts(Compression::Gzip, Some(ManifestFormat::DockerV2S2)),
        );
        let msg = e.unwrap_err().to_string();
        assert!(
            msg.contains("zstd") && msg.contains("--format oci") && msg.contains(D2),
            "{msg}"
        );
    }

    #[test]
    fn rewritten_manifests() {
        let mut v: Value = serde_json::from_slice(&manifest(
            Some(MEDIA_OCI_MANIFEST),
            MEDIA_OCI_CONFIG,
            &[MEDIA_OCI_LAYER],
        ))
        .unwrap();
        v["annotations"] = serde_json::json!({"a": "b"});
        v["layers"][0]["annotations"] = serde_json::json!({"c": "d"});
        v["subject"] = serde_json::json!({"mediaType": MEDIA_OCI_MANIFEST, "digest": D1, "size": 1});
        let stored = serde_json::to_vec(&v).unwrap();
        let pushed_layer = |p: &Plan| {
            let mut d = p.layers[0].source.clone();
            d.media_type = p.layers[0].media_type.clone();
            d.digest = D3.parse().unwrap();
            d.size = 7;
            d
        };
        // To Docker schema2: only the fields schema2 defines.
        let p = plan(
            &md(),
            &stored,
            &opts(Compression::Gzip, Some(ManifestFormat::DockerV2S2)),
        )
        .unwrap();
        let out = rewrite_manifest(&stored, &p, &[pushed_layer(&p)]).unwrap();
        let back: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(back["mediaType"], MEDIA_DOCKER_MANIFEST);
        assert_eq!(back["config"]["mediaType"], MEDIA_DOCKER_CONFIG);
        assert_eq!(back["config"]["digest"], D1);
        assert_eq!(back["layers"][0]["mediaType"], MEDIA_DOCKER_LAYER_GZIP);
        assert_eq!(back["layers"][0]["digest"], D3);
        assert_eq!(back["layers"][0]["size"], 7);
        assert!(back.get("annotations").is_none() && back.get("subject").is_none());
        assert!(back["layers"][0].get("annotations").is_none());
        assert!(
            String::from_utf8(out)
                .unwrap()
                .starts_with(r#"{"schemaVersion":2,"mediaType""#)
        );
        // Compressed in OCI: other fields are kept.
        let p = plan(&md(), &stored, &opts(Compression::Gzip, None)).unwrap();
        let out = rewrite_manifest(&stored, &p, &[pushed_layer(&p)]).unwrap();
        let back: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(back["mediaType"], MEDIA_OCI_MANIFEST);
        assert_eq!(back["layers"][0]["mediaType"], MEDIA_OCI_LAYER_GZIP);
        assert_eq!(back["annotations"]["a"], "b");
        assert_eq!(back["layers"][0]["annotations"]["c"], "d");
        assert_eq!(back["subject"]["digest"], D1);
        assert_ne!(Digest::of_bytes(&out), Digest::of_bytes(&stored));
    }

    #[test]
    fn hostile_stored_manifests_are_refused() {
        let layer = |m: &str| manifest(Some(MEDIA_OCI_MANIFEST), MEDIA_OCI_CONFIG, &[m]);
        let cases: Vec<(Vec<u8>, PushOptions, &str)> = vec![
            (b"".to_vec(), PushOptions::default(), "invalid JSON"),
            (b"{".to_vec(), PushOptions::default(), "invalid JSON"),
            (b"[]".to_vec(), PushOptions::default(), "invalid JSON"),
            (b"null".to_vec(), PushOptions::default(), "invalid JSON"),
            (br#"{"schemaVersion":2}"#.to_vec(), PushOptions::default(), "invalid JSON"),
            (
                br#"{"schemaVersion":2,"config":{"mediaType":"x","digest":"sha256:../../etc/passwd","size":1},"layers":[]}"#
                    .to_vec(),
                PushOptions::default(),
                "invalid JSON",
            ),
            (
                br#"{"schemaVersion":2,"config":{"mediaType":"x","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":-1},"layers":[]}"#
                    .to_vec(),
                PushOptions::default(),
                "invalid JSON",
            ),
            (
                r#"{"schemaVersion":1,"config":{"mediaType":"x","digest":"D1","size":1},"layers":[]}"#
                    .replace("D1", D1)
                    .into_bytes(),
                PushOptions::default(),
                "schemaVersion 1",
            ),
            (
                manifest(Some(crate::store::images::MEDIA_OCI_INDEX), MEDIA_OCI_CONFIG, &[]),
                PushOptions::default(),
                "unsupported manifest media type",
            ),
            (
                manifest(Some("application/vnd.docker.distribution.manifest.v1+prettyjws"), "x", &[]),
                PushOptions::default(),
                "unsupported manifest media type",
            ),
            (
                layer("application/x-mystery"),
                opts(Compression::Gzip, Some(ManifestFormat::DockerV2S2)),
                "unsupported media type \"application/x-mystery\"",
            ),
            (
                manifest(Some(MEDIA_OCI_MANIFEST), "application/x-conf", &[MEDIA_OCI_LAYER_GZIP]),
                opts(Compression::Gzip, Some(ManifestFormat::DockerV2S2)),
                "config media type",
            ),
        ];
        for (data, o, want) in cases {
            let err = plan(&md(), &data, &o).unwrap_err().to_string();
            assert!(err.contains(want), "{err} should contain {want}");
            assert!(
                err.contains(&md().to_string()) || err.contains("zstd"),
                "{err} should name the manifest"
            );
        }
        // A huge layer list is only a list: planning does no I/O and allocates per entry.
        let many: Vec<&str> = vec![MEDIA_OCI_LAYER_GZIP; 5000];
        assert_eq!(
            plan(&md(), &layer_list(&many), &PushOptions::default())
                .unwrap()
                .layers
                .len(),
            5000
        );
    }

    fn layer_list(types: &[&str]) -> Vec<u8> {
        manifest(Some(MEDIA_OCI_MANIFEST), MEDIA_OCI_CONFIG, types)
    }

    #[test]
    fn verified_reader_checks_length_and_digest() {
        let read = |data: &'static [u8], size: u64, of: &[u8]| {
            let mut out = Vec::new();
            Verified::new(data, size, Digest::of_bytes(of))
                .read_to_end(&mut out)
                .map(|_| out)
        };
        assert_eq!(read(b"abc", 3, b"abc").unwrap(), b"abc");
        assert_eq!(read(b"", 0, b"").unwrap(), b"");
        assert!(read(b"ab", 3, b"abc").is_err());
        assert!(read(b"abcd", 3, b"abc").is_err());
        assert!(read(b"abd", 3, b"abc").is_err());
        assert!(read(b"x", 0, b"").is_err());
        // The mismatch shows before the reader hands out the last bytes, so an uploader reading
        // exactly `size` bytes still sees it.
        let mut r = Verified::new(&b"abd"[..], 3, Digest::of_bytes(b"abc"));
        let mut buf = [0u8; 3];
        assert!(r.read_exact(&mut buf).is_err());
    }

    fn test_store() -> (crate::image::archive::tests::tempdir::Dir, Store) {
        let dir = crate::image::archive::tests::tempdir::Dir::new();
        let store = Store::open(&dir.path().join("root"), &dir.path().join("run")).unwrap();
        (dir, store)
    }

    #[test]
    fn compresses_layers_through_a_temp_file() {
        let (_d, store) = test_store();
        let data: Vec<u8> = (0..200_000u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
        let info = store.blobs().put_bytes(&data, None).unwrap();
        let source = Descriptor::new(MEDIA_OCI_LAYER, info.digest.clone(), info.size);
        for c in [Compression::Gzip, Compression::Zstd] {
            let t = compress_layer(&store, &source, c).unwrap();
            let packed = fs::read(&t.path).unwrap();
            assert_eq!(Digest::of_bytes(&packed), t.digest);
            assert_eq!(packed.len() as u64, t.size);
            assert_eq!(Compression::sniff(&packed), c);
            let mut plain = Vec::new();
            crate::image::manifest::decompress(&packed[..])
                .unwrap()
                .read_to_end(&mut plain)
                .unwrap();
            assert_eq!(plain, data);
            let path = t.path.clone();
            drop(t);
            assert!(!path.exists(), "temp file removed");
        }
        // Deterministic: pushing the same image twice gives the same blob.
        let a = compress_layer(&store, &source, Compression::Gzip).unwrap();
        let b = compress_layer(&store, &source, Compression::Gzip).unwrap();
        assert_eq!(a.digest, b.digest);
    }

    #[test]
    fn corrupt_stored_layers_are_not_compressed() {
        let (_d, store) = test_store();
        let info = store.blobs().put_bytes(b"original layer", None).unwrap();
        fs::write(store.blobs().path(&info.digest), b"tampered layer").unwrap();
        let source = Descriptor::new(MEDIA_OCI_LAYER, info.digest.clone(), info.size);
        let err = compress_layer(&store, &source, Compression::Gzip)
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("failed verification"), "{err}");
        assert_eq!(fs::read_dir(store.tmp_dir()).unwrap().count(), 0, "no temp file left");
    }
}
