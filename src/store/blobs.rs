//! Content-addressed blobs in the OCI layout (`oci/blobs/sha256/<hex>`), verified before they
//! get their final name.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::digest::{Digest, HashingWriter};
use super::{Result, Store, StoreError, atomic, io_err};

pub struct BlobStore<'a> {
    store: &'a Store,
}

/// What a verified blob is: its digest and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlobInfo {
    pub digest: Digest,
    pub size: u64,
}

impl<'a> BlobStore<'a> {
    pub(super) fn new(store: &'a Store) -> Self {
        BlobStore { store }
    }

    pub fn path(&self, digest: &Digest) -> PathBuf {
        self.store.blobs_dir().join(digest.hex())
    }

    pub fn has(&self, digest: &Digest) -> bool {
        self.path(digest).exists()
    }

    pub fn size(&self, digest: &Digest) -> Result<u64> {
        let p = self.path(digest);
        match fs::metadata(&p) {
            Ok(m) => Ok(m.len()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(StoreError::BlobUnknown(digest.clone())),
            Err(e) => Err(StoreError::Io { path: p, source: e }),
        }
    }

    pub fn open(&self, digest: &Digest) -> Result<File> {
        let p = self.path(digest);
        File::open(&p).map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                StoreError::BlobUnknown(digest.clone())
            } else {
                StoreError::Io { path: p, source: e }
            }
        })
    }

    /// Reads a whole blob (manifests, configs) and checks it still matches its digest.
    pub fn read(&self, digest: &Digest) -> Result<Vec<u8>> {
        let p = self.path(digest);
        let mut data = Vec::new();
        self.open(digest)?.read_to_end(&mut data).map_err(io_err(&p))?;
        let actual = Digest::of_bytes(&data);
        if &actual != digest {
            return Err(StoreError::DigestMismatch {
                expected: digest.clone(),
                actual,
                size: data.len() as u64,
            });
        }
        Ok(data)
    }

    /// Stores bytes already in memory.
    pub fn put_bytes(&self, data: &[u8], expected: Option<&BlobInfo>) -> Result<BlobInfo> {
        self.put(&mut &data[..], expected)
    }

    /// Streams `reader` into a temp file, verifies it against `expected` (when given), then
    /// renames it into place. Nothing is stored when verification fails.
    pub fn put(&self, reader: &mut dyn Read, expected: Option<&BlobInfo>) -> Result<BlobInfo> {
        let tmp = self.store.tmp_dir().join(atomic::unique_name("blob-"));
        let res = (|| {
            let file = OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o644)
                .open(&tmp)
                .map_err(io_err(&tmp))?;
            let mut w = HashingWriter::new(io::BufWriter::with_capacity(256 * 1024, file));
            io::copy(reader, &mut w).map_err(io_err(&tmp))?;
            let (buf, digest, size) = w.finish();
            let file = buf.into_inner().map_err(|e| StoreError::Io {
                path: tmp.clone(),
                source: e.into_error(),
            })?;
            file.sync_all().map_err(io_err(&tmp))?;
            let info = BlobInfo { digest, size };
            if let Some(exp) = expected {
                check(exp, &info)?;
            }
            self.commit_file(&tmp, &info.digest)?;
            Ok(info)
        })();
        if res.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        res
    }

    /// Moves a fully written and fsynced temp file, already known to hash to `digest`, into place.
    pub fn commit_file(&self, tmp: &Path, digest: &Digest) -> Result<()> {
        let dest = self.path(digest);
        fs::rename(tmp, &dest).map_err(io_err(&dest))?;
        atomic::sync_dir(&self.store.blobs_dir())
    }

    /// Every blob digest present.
    pub fn list(&self) -> Result<Vec<Digest>> {
        let dir = self.store.blobs_dir();
        let mut out = Vec::new();
        for ent in fs::read_dir(&dir).map_err(io_err(&dir))? {
            let ent = ent.map_err(io_err(&dir))?;
            if let Ok(d) = Digest::from_hex(&ent.file_name().to_string_lossy()) {
                out.push(d);
            }
        }
        Ok(out)
    }

    pub fn remove(&self, digest: &Digest) -> Result<()> {
        let p = self.path(digest);
        match fs::remove_file(&p) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(StoreError::Io { path: p, source: e }),
        }
    }
}

/// Verifies size first (cheap and a clearer message for truncation), then digest.
pub fn check(expected: &BlobInfo, actual: &BlobInfo) -> Result<()> {
    if expected.size != actual.size {
        return Err(StoreError::SizeMismatch {
            digest: expected.digest.clone(),
            expected: expected.size,
            actual: actual.size,
        });
    }
    if expected.digest != actual.digest {
        return Err(StoreError::DigestMismatch {
            expected: expected.digest.clone(),
            actual: actual.digest.clone(),
            size: actual.size,
        });
    }
    Ok(())
}

/// Writer for streaming a blob whose digest is learned at the end (e.g. an archive member).
pub struct BlobWriter {
    tmp: PathBuf,
    w: Option<HashingWriter<io::BufWriter<File>>>,
}

impl BlobWriter {
    pub fn create(store: &Store) -> Result<BlobWriter> {
        let tmp = store.tmp_dir().join(atomic::unique_name("blob-"));
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o644)
            .open(&tmp)
            .map_err(io_err(&tmp))?;
        Ok(BlobWriter {
            tmp,
            w: Some(HashingWriter::new(io::BufWriter::with_capacity(256 * 1024, file))),
        })
    }

    /// fsyncs and commits under the computed digest, verifying against `expected` if given.
    pub fn commit(mut self, store: &Store, expected: Option<&BlobInfo>) -> Result<BlobInfo> {
        let tmp = self.tmp.clone();
        let w = self.w.take().expect("writer present until commit");
        let (buf, digest, size) = w.finish();
        let file = buf.into_inner().map_err(|e| StoreError::Io {
            path: tmp.clone(),
            source: e.into_error(),
        })?;
        file.sync_all().map_err(io_err(&tmp))?;
        let info = BlobInfo { digest, size };
        if let Some(exp) = expected {
            check(exp, &info)?;
        }
        store.blobs().commit_file(&tmp, &info.digest)?;
        Ok(info)
    }
}

impl Write for BlobWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.w.as_mut().expect("writer present until commit").write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.w.as_mut().expect("writer present until commit").flush()
    }
}

impl Drop for BlobWriter {
    fn drop(&mut self) {
        // Committed files have been renamed away; anything left is an abandoned write.
        let _ = fs::remove_file(&self.tmp);
    }
}
