//! What a container changed: an overlay upper directory compared with its lower layers, as a
//! change list (`diff`) and as an OCI layer tar of exactly the changed entries (`commit`, `build`).
//!
//! The upper directory belongs to the container and may change while it is read: it is walked
//! through directory fds, never following a symlink, and a file that shrinks while it is copied
//! is padded so the tar stays well formed. The lower layers are ferry's own unpacked layers.

use std::collections::{BTreeSet, HashMap};
use std::ffi::{OsStr, OsString};
use std::io::{self, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::{OFlag, openat};
use nix::sys::stat::{FileStat, Mode, SFlag, fstat, major, minor};

use super::manifest::MEDIA_OCI_LAYER;
use crate::store::blobs::{BlobInfo, BlobWriter};
use crate::store::digest::HashingWriter;
use crate::store::{Digest, Store, StoreError};
use crate::sys::{rootpath, xattr};
use tarsink::TarSink;

const WHITEOUT_PREFIX: &str = ".wh.";
const OPAQUE_MARKER: &str = ".wh..wh..opq";
const OPAQUE_XATTRS: [&str; 2] = ["trusted.overlay.opaque", "user.overlay.opaque"];
/// Newer kernels (and fuse-overlayfs) can also mark a whiteout as an empty file with this xattr.
const WHITEOUT_XATTRS: [&str; 2] = ["trusted.overlay.whiteout", "user.overlay.whiteout"];

#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("writing the layer: {source}")]
    Write { source: io::Error },
    #[error("{path}: invalid container spec: {source}")]
    Spec { path: PathBuf, source: serde_json::Error },
    #[error(transparent)]
    Store(#[from] StoreError),
}

type Result<T, E = DiffError> = std::result::Result<T, E>;

/// How a path differs from the lower layers, as `podman diff` prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    Added,
    Changed,
    Deleted,
}

impl ChangeKind {
    pub fn letter(self) -> char {
        match self {
            ChangeKind::Added => 'A',
            ChangeKind::Changed => 'C',
            ChangeKind::Deleted => 'D',
        }
    }
}

impl std::fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.letter())
    }
}

/// One changed path; `path` is absolute as the container sees it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    pub kind: ChangeKind,
    pub path: PathBuf,
}

/// What [`write_layer`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerStats {
    /// sha256 of the uncompressed tar.
    pub diff_id: Digest,
    pub size: u64,
    /// Tar entries written (whiteouts and opaque markers included).
    pub entries: usize,
}

/// A layer tar stored as an (uncompressed) blob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLayer {
    pub blob: BlobInfo,
    pub diff_id: Digest,
    pub media_type: &'static str,
    pub entries: usize,
}

/// The sorted change list of `upper` over `lowers` (top first). `exclude` lists container paths
/// that are ferry's own mount points: they are hidden when they are empty placeholders.
pub fn changes(upper: &Path, lowers: &[PathBuf], exclude: &[PathBuf]) -> Result<Vec<Change>> {
    let mut sink = ChangeSink::default();
    Walker::new(lowers, exclude, &mut sink, false).run(upper)?;
    let mut out = sink.changes;
    out.sort_by(|a, b| a.path.as_os_str().as_bytes().cmp(b.path.as_os_str().as_bytes()));
    Ok(out)
}

/// Streams an uncompressed layer tar of exactly the changed entries of `upper` into `out`, in a
/// deterministic order. Rootless, the caller is inside ferry's user namespace so that owners
/// read as the container's ids.
pub fn write_layer(upper: &Path, lowers: &[PathBuf], exclude: &[PathBuf], out: &mut dyn Write) -> Result<LayerStats> {
    let hashing = HashingWriter::new(io::BufWriter::with_capacity(256 * 1024, out));
    let mut sink = TarSink {
        builder: tar::Builder::new(hashing),
        entries: 0,
    };
    Walker::new(lowers, exclude, &mut sink, true).run(upper)?;
    let entries = sink.entries;
    let hashing = sink
        .builder
        .into_inner()
        .map_err(|source| DiffError::Write { source })?;
    let (mut buf, diff_id, size) = hashing.finish();
    buf.flush().map_err(|source| DiffError::Write { source })?;
    Ok(LayerStats { diff_id, size, entries })
}

/// [`write_layer`] into the blob store. The caller holds the content lock until an image
/// references the blob.
pub fn store_layer(store: &Store, upper: &Path, lowers: &[PathBuf], exclude: &[PathBuf]) -> Result<StoredLayer> {
    store_with(store, |w| write_layer(upper, lowers, exclude, w))
}

/// Stores the layer tar `write` produces as a blob.
fn store_with(store: &Store, write: impl FnOnce(&mut dyn Write) -> Result<LayerStats>) -> Result<StoredLayer> {
    let mut w = BlobWriter::create(store)?;
    let stats = write(&mut w)?;
    let blob = w.commit(store, None)?;
    debug_assert_eq!(blob.digest, stats.diff_id);
    Ok(StoredLayer {
        blob,
        diff_id: stats.diff_id,
        media_type: MEDIA_OCI_LAYER,
        entries: stats.entries,
    })
}

/// The mount destinations of a container's runtime spec (`config.json`).
pub fn mount_destinations(config_json: &Path) -> Result<Vec<PathBuf>> {
    let data = std::fs::read(config_json).map_err(|source| DiffError::Io {
        path: config_json.to_path_buf(),
        source,
    })?;
    let spec: serde_json::Value = serde_json::from_slice(&data).map_err(|source| DiffError::Spec {
        path: config_json.to_path_buf(),
        source,
    })?;
    Ok(spec["mounts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["destination"].as_str())
        .map(PathBuf::from)
        .collect())
}

/// The diff directories under a container or layer whose top lower layer is `top`, top first.
pub fn container_lowers(store: &Store, top: Option<&Digest>) -> Result<Vec<PathBuf>> {
    Ok(match top {
        Some(t) => store.layers().chain_dirs(t)?,
        None => Vec::new(),
    })
}

/// Ownership, permissions, times and xattrs of an upper entry.
struct Meta {
    mode: u32,
    uid: u64,
    gid: u64,
    mtime: u64,
    xattrs: Vec<(Vec<u8>, Vec<u8>)>,
}

impl Meta {
    fn empty() -> Meta {
        Meta {
            mode: 0,
            uid: 0,
            gid: 0,
            mtime: 0,
            xattrs: Vec::new(),
        }
    }

    fn of(st: &FileStat) -> Meta {
        Meta {
            mode: st.st_mode & 0o7777,
            uid: st.st_uid.into(),
            gid: st.st_gid.into(),
            // Whole seconds, as most layer tars carry them: the same tree gives the same digest
            // whatever the tar reader's precision.
            mtime: u64::try_from(st.st_mtime).unwrap_or(0),
            xattrs: Vec::new(),
        }
    }
}

enum Node {
    Dir {
        opaque: bool,
    },
    File {
        size: u64,
    },
    HardLink {
        target: PathBuf,
    },
    Symlink {
        target: Vec<u8>,
    },
    Device {
        block: bool,
        major: u64,
        minor: u64,
    },
    Fifo,
    /// Deletion of the entry's path.
    Whiteout,
}

/// One layer entry; `at` is where a regular file's content is read from.
struct Entry<'a> {
    rel: &'a Path,
    node: Node,
    meta: Meta,
    at: Option<(BorrowedFd<'a>, &'a OsStr)>,
}

trait Sink {
    fn change(&mut self, kind: ChangeKind, rel: &Path);
    fn entry(&mut self, e: &Entry<'_>) -> Result<()>;
}

#[derive(Default)]
struct ChangeSink {
    changes: Vec<Change>,
}

impl Sink for ChangeSink {
    fn change(&mut self, kind: ChangeKind, rel: &Path) {
        self.changes.push(Change {
            kind,
            path: Path::new("/").join(rel),
        });
    }
    fn entry(&mut self, _: &Entry<'_>) -> Result<()> {
        Ok(())
    }
}

/// A directory whose tar entry is written only once something under it is (or it changed itself).
struct PendingDir {
    rel: PathBuf,
    meta: Meta,
    opaque: bool,
    written: bool,
}

/// What the lower layers show at a path.
struct Lower {
    /// The topmost visible entry.
    top: Option<std::fs::Metadata>,
    /// Lower layers (indexes) whose directory at the path merges into the view.
    dirs: Vec<usize>,
}

struct Walker<'a, S: Sink> {
    lowers: &'a [PathBuf],
    exclude: BTreeSet<PathBuf>,
    /// Parents of excluded paths: made by ferry when the image lacks them.
    exclude_parents: BTreeSet<PathBuf>,
    sink: &'a mut S,
    /// Whether tar entries are wanted (xattrs are read only then).
    tar: bool,
    pending: Vec<PendingDir>,
    /// (dev, ino) of multiply linked files already written → their path.
    links: HashMap<(u64, u64), PathBuf>,
    upper: PathBuf,
}

/// What a walked subtree produced.
#[derive(Default)]
struct Outcome {
    /// Some change or tar entry below (or at) the path.
    emitted: bool,
    /// This path's change kind, if it is reported.
    reported: Option<ChangeKind>,
}

impl<'a, S: Sink> Walker<'a, S> {
    fn new(lowers: &'a [PathBuf], exclude: &[PathBuf], sink: &'a mut S, tar: bool) -> Self {
        let (exclude, exclude_parents) = exclusions(exclude);
        Walker {
            lowers,
            exclude,
            exclude_parents,
            sink,
            tar,
            pending: Vec::new(),
            links: HashMap::new(),
            upper: PathBuf::new(),
        }
    }

    fn run(mut self, upper: &Path) -> Result<()> {
        self.upper = upper.to_path_buf();
        let root = openat(
            nix::fcntl::AT_FDCWD,
            upper,
            OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| self.io(Path::new(""), e.into()))?;
        let all: Vec<usize> = (0..self.lowers.len()).collect();
        self.walk_dir(root.as_fd(), Path::new(""), &all, false)?;
        Ok(())
    }

    fn io(&self, rel: &Path, source: io::Error) -> DiffError {
        DiffError::Io {
            path: self.upper.join(rel),
            source,
        }
    }

    /// Walks the children of the upper directory `dir` at `rel`. `visible` are the lower layers
    /// whose directory at `rel` shows through; `force` means the lower view is hidden (an opaque
    /// directory above), so every entry must be written. Returns whether a direct child was
    /// added or deleted, and whether anything was emitted.
    fn walk_dir(&mut self, dir: BorrowedFd<'_>, rel: &Path, visible: &[usize], force: bool) -> Result<(bool, bool)> {
        let mut names = list_dir(dir).map_err(|e| self.io(rel, e))?;
        names.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
        let mut child_add_del = false;
        let mut emitted = false;
        for name in names {
            let child = rel.join(&name);
            let out = self.walk_entry(dir, &name, &child, visible, force)?;
            emitted |= out.emitted;
            if matches!(out.reported, Some(ChangeKind::Added) | Some(ChangeKind::Deleted)) {
                child_add_del = true;
            }
        }
        Ok((child_add_del, emitted))
    }

    fn walk_entry(
        &mut self,
        dir: BorrowedFd<'_>,
        name: &OsStr,
        rel: &Path,
        visible: &[usize],
        force: bool,
    ) -> Result<Outcome> {
        // Gone since the listing (a running container): nothing to record.
        let Some(st) = rootpath::lstat_at(dir, name).map_err(|e| self.io(rel, e))? else {
            return Ok(Outcome::default());
        };
        let lower = self.lookup(visible, rel)?;
        let ft = rootpath::file_type(&st);
        if is_whiteout(dir, name, &st) {
            if lower.top.is_none() {
                return Ok(Outcome::default());
            }
            self.emit(Entry {
                rel,
                node: Node::Whiteout,
                meta: Meta::of(&st),
                at: None,
            })?;
            self.sink.change(ChangeKind::Deleted, rel);
            return Ok(Outcome {
                emitted: true,
                reported: Some(ChangeKind::Deleted),
            });
        }
        let kind = if lower.top.is_some() {
            ChangeKind::Changed
        } else {
            ChangeKind::Added
        };
        if ft == SFlag::S_IFDIR {
            return self.walk_subdir(dir, name, rel, &st, lower, force);
        }
        if ft == SFlag::S_IFSOCK {
            // Sockets cannot be carried in a layer (as in Docker and Podman).
            return Ok(Outcome::default());
        }
        if lower.top.is_none() && ft == SFlag::S_IFREG && st.st_size == 0 && self.exclude.contains(rel) {
            // The empty file ferry made for a bind mount (/etc/hosts and the like).
            return Ok(Outcome::default());
        }
        let mut meta = Meta::of(&st);
        if self.tar {
            meta.xattrs = read_xattrs(dir, name).map_err(|e| self.io(rel, e))?;
        }
        let key = (st.st_dev, st.st_ino);
        let node = if st.st_nlink > 1
            && let Some(first) = self.links.get(&key)
        {
            Node::HardLink { target: first.clone() }
        } else {
            if st.st_nlink > 1 {
                self.links.insert(key, rel.to_path_buf());
            }
            node_of(dir, name, &st).map_err(|e| self.io(rel, e))?
        };
        self.emit(Entry {
            rel,
            node,
            meta,
            at: Some((dir, name)),
        })?;
        self.sink.change(kind, rel);
        Ok(Outcome {
            emitted: true,
            reported: Some(kind),
        })
    }

    fn walk_subdir(
        &mut self,
        dir: BorrowedFd<'_>,
        name: &OsStr,
        rel: &Path,
        st: &FileStat,
        lower: Lower,
        force: bool,
    ) -> Result<Outcome> {
        let fd = match openat(
            dir,
            name,
            OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
            Mode::empty(),
        ) {
            Ok(fd) => fd,
            // Replaced or removed since the lstat.
            Err(Errno::ENOENT | Errno::ENOTDIR | Errno::ELOOP) => return Ok(Outcome::default()),
            Err(e) => return Err(self.io(rel, e.into())),
        };
        let st = fstat(fd.as_fd()).unwrap_or(*st);
        let lower_dir = lower.top.as_ref().filter(|m| m.is_dir());
        // The opaque mark only matters over a lower directory it hides.
        let opaque = lower_dir.is_some() && is_opaque(fd.as_fd());
        let meta_changed = match (&lower.top, lower_dir) {
            (Some(_), None) => true,
            (Some(_), Some(l)) => {
                l.mode() & 0o7777 != st.st_mode & 0o7777
                    || l.uid() != st.st_uid
                    || l.gid() != st.st_gid
                    || l.mtime() != st.st_mtime
                    || l.mtime_nsec() != st.st_mtime_nsec
            }
            (None, _) => false,
        };
        let placeholder = lower.top.is_none() && (self.exclude.contains(rel) || self.exclude_parents.contains(rel));
        let mut meta = Meta::of(&st);
        if self.tar {
            meta.xattrs = read_xattrs(fd.as_fd(), OsStr::new(".")).map_err(|e| self.io(rel, e))?;
        }
        self.pending.push(PendingDir {
            rel: rel.to_path_buf(),
            meta,
            opaque,
            written: false,
        });
        let own = force || opaque || meta_changed || (lower.top.is_none() && !placeholder);
        if own {
            self.flush()?;
        }
        let child_visible = if lower_dir.is_some() { lower.dirs } else { Vec::new() };
        let (child_add_del, emitted) = self.walk_dir(fd.as_fd(), rel, &child_visible, force || opaque)?;
        self.pending.pop();
        let emitted = emitted || own;
        // As Podman: a directory that replaces a lower one is a deletion (its new entries show as
        // added), a directory is changed when its metadata changed or an entry was added to or
        // removed from it.
        let reported = if !emitted {
            None
        } else if lower.top.is_none() {
            Some(ChangeKind::Added)
        } else if opaque {
            Some(ChangeKind::Deleted)
        } else if meta_changed || child_add_del {
            Some(ChangeKind::Changed)
        } else {
            None
        };
        if let Some(k) = reported {
            self.sink.change(k, rel);
        }
        Ok(Outcome { emitted, reported })
    }

    /// Writes the pending parent directories, then `e`.
    fn emit(&mut self, e: Entry<'_>) -> Result<()> {
        self.flush()?;
        self.sink.entry(&e)
    }

    fn flush(&mut self) -> Result<()> {
        for p in self.pending.iter_mut().filter(|p| !p.written) {
            p.written = true;
            let meta = std::mem::replace(&mut p.meta, Meta::empty());
            self.sink.entry(&Entry {
                rel: &p.rel,
                node: Node::Dir { opaque: p.opaque },
                meta,
                at: None,
            })?;
        }
        Ok(())
    }

    /// What the lower layers `visible` (top first, those whose parent directory shows) have at `rel`.
    fn lookup(&self, visible: &[usize], rel: &Path) -> Result<Lower> {
        let mut out = Lower {
            top: None,
            dirs: Vec::new(),
        };
        for &i in visible {
            let p = self.lowers[i].join(rel);
            let md = match std::fs::symlink_metadata(&p) {
                Ok(md) => md,
                Err(e) if matches!(e.raw_os_error(), Some(libc::ENOENT) | Some(libc::ENOTDIR)) => continue,
                Err(source) => return Err(DiffError::Io { path: p, source }),
            };
            let ft = md.file_type();
            if ft.is_char_device() && md.rdev() == 0 {
                // A whiteout hides this path in every layer below.
                break;
            }
            if !ft.is_dir() {
                if out.top.is_none() {
                    out.top = Some(md);
                }
                break;
            }
            let opaque = OPAQUE_XATTRS
                .iter()
                .any(|x| get_xattr_path(&p, x, false).ok().flatten().is_some_and(|v| v == b"y"));
            if out.top.is_none() {
                out.top = Some(md);
            }
            out.dirs.push(i);
            if opaque {
                break;
            }
        }
        Ok(out)
    }
}

/// Excluded paths (relative) and their parent directories.
fn exclusions(exclude: &[PathBuf]) -> (BTreeSet<PathBuf>, BTreeSet<PathBuf>) {
    let exclude: BTreeSet<PathBuf> = exclude
        .iter()
        .filter_map(|p| rootpath::clean(p.as_os_str().as_bytes()).ok())
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    let parents = exclude
        .iter()
        .flat_map(|p| p.ancestors().skip(1))
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .collect();
    (exclude, parents)
}

/// The layer node of a non-directory entry.
fn node_of(dir: BorrowedFd<'_>, name: &OsStr, st: &FileStat) -> io::Result<Node> {
    let ft = rootpath::file_type(st);
    Ok(match ft {
        SFlag::S_IFREG => Node::File {
            size: u64::try_from(st.st_size).unwrap_or(0),
        },
        SFlag::S_IFLNK => Node::Symlink {
            target: nix::fcntl::readlinkat(dir, name)?.as_bytes().to_vec(),
        },
        SFlag::S_IFCHR | SFlag::S_IFBLK => Node::Device {
            block: ft == SFlag::S_IFBLK,
            major: major(st.st_rdev),
            minor: minor(st.st_rdev),
        },
        _ => Node::Fifo,
    })
}

/// An overlay whiteout: a 0/0 character device, or an empty file marked by xattr.
fn is_whiteout(dir: BorrowedFd<'_>, name: &OsStr, st: &FileStat) -> bool {
    match rootpath::file_type(st) {
        SFlag::S_IFCHR => st.st_rdev == 0,
        SFlag::S_IFREG if st.st_size == 0 => {
            let p = rootpath::fd_path(dir, name);
            WHITEOUT_XATTRS
                .iter()
                .any(|x| get_xattr_path(&p, x, false).ok().flatten().is_some())
        }
        _ => false,
    }
}

fn is_opaque(dir: BorrowedFd<'_>) -> bool {
    let p = rootpath::fd_path(dir, OsStr::new("."));
    OPAQUE_XATTRS
        .iter()
        .any(|x| get_xattr_path(&p, x, true).ok().flatten().is_some_and(|v| v == b"y"))
}

fn list_dir(dir: BorrowedFd<'_>) -> io::Result<Vec<OsString>> {
    let fd: OwnedFd = openat(
        dir,
        ".",
        OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        Mode::empty(),
    )?;
    let mut listing = nix::dir::Dir::from_fd(fd)?;
    let mut out = Vec::new();
    for ent in listing.iter() {
        let ent = ent?;
        let n = ent.file_name().to_bytes();
        if n != b"." && n != b".." {
            out.push(OsStr::from_bytes(n).to_os_string());
        }
    }
    Ok(out)
}

/// One xattr of `path`; `None` when it is not set or the file is gone. A final symlink is
/// followed only with `follow`, which is for `/proc/self/fd/N` magic links to a directory
/// ferry has open.
fn get_xattr_path(path: &Path, key: &str, follow: bool) -> io::Result<Option<Vec<u8>>> {
    xattr::get(path, key, follow).or_else(|e| xattr_absent(e.into_io()))
}

fn xattr_absent<T>(e: io::Error) -> io::Result<Option<T>> {
    match e.raw_os_error() {
        Some(libc::ENODATA) | Some(libc::ENOTSUP) | Some(libc::ENOENT) => Ok(None),
        _ => Err(e),
    }
}

/// The xattrs a layer carries for `name` in `dir` ("." for `dir` itself), sorted by name:
/// overlayfs' own and SELinux labels (which belong to the host) are left out.
fn read_xattrs(dir: BorrowedFd<'_>, name: &OsStr) -> io::Result<Vec<(Vec<u8>, Vec<u8>)>> {
    let path = rootpath::fd_path(dir, name);
    let follow = name == ".";
    let names = match xattr::list(&path, follow) {
        Ok(names) => names,
        Err(e) => {
            xattr_absent::<()>(e.into_io())?;
            return Ok(Vec::new());
        }
    };
    let mut out = Vec::new();
    for key in names {
        if key.starts_with(b"trusted.overlay.") || key.starts_with(b"user.overlay.") || key == b"security.selinux" {
            continue;
        }
        let Ok(k) = std::str::from_utf8(&key) else { continue };
        if let Some(v) = get_xattr_path(&path, k, follow)? {
            out.push((key, v));
        }
    }
    out.sort();
    Ok(out)
}

mod squash;
mod tarsink;
#[cfg(test)]
mod tests;

pub use squash::store_squashed;
