//! The on-disk store: paths, locks, atomic writes, the OCI blob layout, unpacked layers and image names.
//!
//! Layout under the root directory (`--root`):
//! ```text
//! oci/                 an OCI image layout (oci-layout, index.json, blobs/sha256/<hex>)
//! overlay/<chain-hex>/ one unpacked layer per layer chain: diff/ (an overlay lower dir), layer.json
//! overlay/l/<short>    short symlinks to overlay/<chain-hex>/diff, to keep lowerdir= small
//! containers/<id>/    one container: config.json (runtime spec), state.json, userdata/, diff/, work/, merged/
//! containers.json      the container records (id, name, image, top layer)
//! trash/<id>           a container directory whose removal began (renamed here first, then
//!                      deleted); anything here that no process holds locked is garbage
//! reserve              space kept free for deletions on a full disk (see `Store::freeing`)
//! volumes/<name>/      one volume: _data/ (what containers mount), volume.json
//! networks/<name>.json one user-defined network (runtime leases: <runroot>/networks/)
//! tmp/                 in-flight downloads and unpacks; anything here not locked is garbage
//! build/cache/<key>    `build`'s step results (config + layers; garbage collection roots)
//! build/mounts/<id>/   `RUN --mount=type=cache` directories
//! gc.lock, index.lock, volumes.lock, networks.lock, containers.lock  see `lock` for the lock order
//! ```
//!
//! Removing a container is restartable (see `containers::ContainerStore::remove`): its
//! directory is renamed into `trash/`, its record dropped from `containers.json`, then the
//! directory deleted. What an interrupted removal can leave, and what `container prune` and
//! `system prune` finish: an entry in `trash/`; a record whose directory is gone; a directory
//! under `containers/` without a record (a leftover only when no container is being created,
//! i.e. under the exclusive `gc.lock`).

pub mod atomic;
pub mod blobs;
pub mod containers;
pub mod digest;
pub mod images;
pub mod layers;
pub mod lock;
pub mod networks;
pub mod shifted;
pub mod volumes;

use std::path::{Path, PathBuf};

pub use digest::Digest;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("locking {path}: {source}")]
    Lock { path: PathBuf, source: std::io::Error },
    #[error("{path}: invalid JSON: {source}")]
    Json { path: PathBuf, source: serde_json::Error },
    #[error("blob {expected} failed verification: got {actual} ({size} bytes)")]
    DigestMismatch {
        expected: Digest,
        actual: Digest,
        size: u64,
    },
    #[error("blob {digest} has size {actual}, expected {expected}")]
    SizeMismatch { digest: Digest, expected: u64, actual: u64 },
    #[error("blob {0} is not in the store")]
    BlobUnknown(Digest),
    #[error("layer {0} is not in the store")]
    LayerUnknown(Digest),
    #[error("{path}: {message}")]
    Corrupt { path: PathBuf, message: String },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl From<crate::sys::Error> for StoreError {
    fn from(e: crate::sys::Error) -> StoreError {
        match e {
            crate::sys::Error::Lock { path, source } => StoreError::Lock { path, source },
            crate::sys::Error::Io { path, source } | crate::sys::Error::Xattr { path, source, .. } => {
                StoreError::Io { path, source }
            }
        }
    }
}

/// Errors that can say the filesystem is full (for [`Store::freeing`]).
pub trait NoSpace {
    fn is_no_space(&self) -> bool;
}

impl NoSpace for StoreError {
    fn is_no_space(&self) -> bool {
        matches!(self, StoreError::Io { source, .. } if source.raw_os_error() == Some(libc::ENOSPC))
    }
}

/// The space [`Store::freeing`] can give back on a full disk: enough for a rewrite of
/// `containers.json` or `index.json` with thousands of entries.
pub const RESERVE_BYTES: i64 = 1 << 20;

pub(crate) fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The store root and runtime root, with everything derived from them.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
    runroot: PathBuf,
}

impl Store {
    /// Opens (creating when needed) the store at `root` with runtime state under `runroot`.
    pub fn open(root: &Path, runroot: &Path) -> Result<Store> {
        for dir in [root, runroot] {
            atomic::create_dir_all(dir, 0o700)?;
        }
        let store = Store {
            root: root.to_path_buf(),
            runroot: runroot.to_path_buf(),
        };
        for dir in [
            store.tmp_dir(),
            store.trash_dir(),
            store.blobs_dir(),
            store.layers_dir().join("l"),
        ] {
            atomic::create_dir_all(&dir, 0o700)?;
        }
        store.keep_reserve();
        let layout = store.oci_dir().join("oci-layout");
        if !layout.exists() {
            atomic::write_file(&layout, br#"{"imageLayoutVersion":"1.0.0"}"#, 0o644)?;
        }
        let index = store.oci_dir().join("index.json");
        if !index.exists() {
            let _l = lock::lock(&store.root.join("index.lock"), lock::Mode::Exclusive)?;
            if !index.exists() {
                atomic::write_file(&index, images::EMPTY_INDEX.as_bytes(), 0o644)?;
            }
        }
        Ok(store)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
    pub fn runroot(&self) -> &Path {
        &self.runroot
    }
    pub fn oci_dir(&self) -> PathBuf {
        self.root.join("oci")
    }
    pub fn blobs_dir(&self) -> PathBuf {
        self.root.join("oci/blobs/sha256")
    }
    pub fn layers_dir(&self) -> PathBuf {
        self.root.join("overlay")
    }
    pub fn tmp_dir(&self) -> PathBuf {
        self.root.join("tmp")
    }
    /// Container directories being deleted.
    pub fn trash_dir(&self) -> PathBuf {
        self.root.join("trash")
    }
    fn reserve_path(&self) -> PathBuf {
        self.root.join("reserve")
    }

    /// Makes sure the reserve file holds [`RESERVE_BYTES`] of allocated space (best effort: on
    /// a full disk it stays as it is, or absent).
    fn keep_reserve(&self) {
        let path = self.reserve_path();
        if std::fs::metadata(&path).is_ok_and(|m| m.len() >= RESERVE_BYTES as u64) {
            return;
        }
        let Ok(file) = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
        else {
            return;
        };
        let filled = match nix::fcntl::fallocate(&file, nix::fcntl::FallocateFlags::empty(), 0, RESERVE_BYTES) {
            Ok(()) => true,
            // A filesystem without fallocate gets the bytes written.
            Err(nix::errno::Errno::EOPNOTSUPP) => {
                use std::io::Write;
                (&file).write_all(&vec![0u8; RESERVE_BYTES as usize]).is_ok()
            }
            Err(_) => false,
        };
        if !filled {
            // Whatever part was allocated goes back: a full disk stays usable for the next write.
            let _ = std::fs::remove_file(&path);
        }
    }

    /// Runs `op`, a write that a deletion needs (a record or index rewritten by rename); when
    /// the disk is full, gives up the reserve and runs it once more, so that ferry can always
    /// free a full store. The reserve is set up again right after: the rewrite replaced a
    /// larger file, so its space is back (else the next `Store::open` with free space does it).
    pub fn freeing<T, E: NoSpace>(&self, mut op: impl FnMut() -> Result<T, E>) -> Result<T, E> {
        match op() {
            Err(e) if e.is_no_space() && std::fs::remove_file(self.reserve_path()).is_ok() => {
                let out = op();
                self.keep_reserve();
                out
            }
            other => other,
        }
    }

    /// Held while adding content, so that a concurrent garbage collection cannot remove it
    /// before it is referenced.
    pub fn content_lock(&self) -> Result<lock::Lock> {
        lock::lock(&self.root.join("gc.lock"), lock::Mode::Shared)
    }

    /// Held while deleting content.
    pub fn gc_lock(&self) -> Result<lock::Lock> {
        lock::lock(&self.root.join("gc.lock"), lock::Mode::Exclusive)
    }

    pub fn blobs(&self) -> blobs::BlobStore<'_> {
        blobs::BlobStore::new(self)
    }
    pub fn layers(&self) -> layers::LayerStore<'_> {
        layers::LayerStore::new(self)
    }
    pub fn images(&self) -> images::ImageStore<'_> {
        images::ImageStore::new(self)
    }
    pub fn containers(&self) -> containers::ContainerStore<'_> {
        containers::ContainerStore::new(self)
    }
    pub fn volumes(&self) -> volumes::VolumeStore<'_> {
        volumes::VolumeStore::new(self)
    }
    pub fn networks(&self) -> networks::NetworkStore<'_> {
        networks::NetworkStore::new(self)
    }

    /// Creates a fresh, uniquely named directory under `tmp/` for in-flight work.
    pub fn temp_dir(&self, prefix: &str) -> Result<PathBuf> {
        let p = self.tmp_dir().join(atomic::unique_name(prefix));
        std::fs::create_dir(&p).map_err(io_err(&p))?;
        Ok(p)
    }

    /// Entries left in `tmp/` and `overlay/` by killed processes. Only meaningful while
    /// holding the exclusive gc lock (no process is adding content then).
    pub fn garbage(&self) -> Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        for dir in [self.tmp_dir(), self.layers_dir(), self.blobs_dir(), self.oci_dir()] {
            let rd = match std::fs::read_dir(&dir) {
                Ok(rd) => rd,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(StoreError::Io { path: dir, source: e }),
            };
            for ent in rd {
                let ent = ent.map_err(io_err(&dir))?;
                let name = ent.file_name();
                let name = name.to_string_lossy();
                if dir == self.tmp_dir() || name.starts_with(".tmp-") {
                    out.push(ent.path());
                }
            }
        }
        Ok(out)
    }
}
