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

pub mod convert;

pub use convert::ManifestFormat;
use convert::{LayerPlan, LayerType, plan, rewrite_manifest};

use super::RegistryError;
use super::client::Client;
use crate::image::manifest::Compression;
use crate::store::digest::{HashingWriter, VerifiedReader};
use crate::store::images::{Descriptor, ImageRecord};
use crate::store::{Digest, Store, StoreError, atomic};

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
    /// The push begins: the image and the destination are known.
    Started,
    /// An upload starts (blobs the registry has or mounts report only `BlobDone`).
    BlobStarted {
        kind: BlobKind,
        digest: &'a Digest,
        size: u64,
    },
    /// `bytes` of the blob have been sent.
    BlobProgress {
        digest: &'a Digest,
        bytes: u64,
    },
    BlobDone {
        kind: BlobKind,
        digest: &'a Digest,
        outcome: BlobOutcome,
    },
    WritingManifest,
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
    events(PushEvent::Started);
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
        (self.events)(PushEvent::BlobStarted {
            kind,
            digest: &digest,
            size,
        });
        let input: Box<dyn Read> = match &compressed {
            Some(t) => Box::new(File::open(&t.path).map_err(|source| PushError::Io {
                path: t.path.clone(),
                source,
            })?),
            None => {
                let f = self.store.blobs().open(&digest)?;
                Box::new(VerifiedReader::new(
                    BufReader::with_capacity(256 * 1024, f),
                    size,
                    digest.clone(),
                ))
            }
        };
        let mut input = Counting {
            inner: input,
            sent: 0,
            digest: &digest,
            events: self.events,
        };
        self.client.upload_blob(self.repo, &digest, size, &mut input, chunk)?;
        self.report(kind, &digest, BlobOutcome::Uploaded);
        Ok(pushed)
    }

    fn report(&self, kind: BlobKind, digest: &Digest, outcome: BlobOutcome) {
        (self.events)(PushEvent::BlobDone { kind, digest, outcome });
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
    let mut input = VerifiedReader::new(
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

/// Reports upload progress as the client reads.
struct Counting<'a, R> {
    inner: R,
    sent: u64,
    digest: &'a Digest,
    events: &'a (dyn Fn(PushEvent) + Sync),
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n > 0 {
            self.sent += n as u64;
            (self.events)(PushEvent::BlobProgress {
                digest: self.digest,
                bytes: self.sent,
            });
        }
        Ok(n)
    }
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

#[cfg(test)]
mod tests;
