//! Applying a layer's tar stream to an empty layer directory, never writing outside it.
//!
//! The tar crate only parses headers; every filesystem write here is relative to a directory fd
//! obtained through `rootpath`, and the final component is never followed. The result is an
//! overlayfs layer: whiteouts become 0/0 character devices, opaque directories get the overlay
//! opaque xattr.

mod meta;
mod overlay;
#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashMap};
use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use nix::errno::Errno;
use nix::fcntl::{AtFlags, OFlag, openat};
use nix::sys::stat::{
    FchmodatFlags, Mode, SFlag, UtimensatFlags, fchmod, fchmodat, futimens, makedev, mkdirat, mknodat, utimensat,
};
use nix::sys::time::TimeSpec;
use nix::unistd::{UnlinkatFlags, linkat, symlinkat, unlinkat};

use super::sparse::{self, SpaceBudget, Sparse, SparseError};
use crate::store::Digest;
use crate::store::digest::HashingReader;
use crate::sys::rootpath::{self, CleanError, ResolveError, Root};

use meta::{Meta, set_xattr_at, set_xattr_fd};
use overlay::{WHITEOUT_PREFIX, is_whiteout};

/// Size of the read buffer in front of the tar parser and of the file copy buffer.
const BUF_SIZE: usize = 1 << 20;

pub struct ApplyOptions {
    /// rootless: opaque dirs use `user.overlay.opaque` (overlay's userxattr mode); device nodes that cannot
    /// be created are skipped with a warning; `trusted.*` xattrs skipped with a warning
    pub rootless: bool,
    /// no subordinate ids: every entry is owned by 0:0 (one warning, given by the caller)
    pub squash_ownership: bool,
}

#[derive(Debug)]
pub struct ApplyReport {
    pub diff_id: Digest,
    pub size: u64,
    pub warnings: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error("opening layer directory {path}: {source}")]
    Dest { path: PathBuf, source: io::Error },
    #[error("reading layer: {source}")]
    Tar { source: io::Error },
    #[error("layer entry {entry:?} escapes the layer root")]
    EscapesRoot { entry: String },
    #[error("layer entry {entry:?}: {reason}")]
    InvalidEntry { entry: String, reason: String },
    #[error("layer entry {entry:?} goes through the symlink {link:?}")]
    ThroughSymlink { entry: String, link: PathBuf },
    #[error("layer entry {entry:?} is a hardlink to {target:?}, which is not a file of this layer")]
    HardlinkOutside { entry: String, target: String },
    #[error("layer entry {entry:?} has unsupported type {kind:?}")]
    UnsupportedType { entry: String, kind: char },
    #[error("layer entry {entry:?}: chown to {uid}:{gid}: {source}")]
    Chown {
        entry: String,
        uid: u64,
        gid: u64,
        source: io::Error,
    },
    #[error("layer entry {entry:?}: {source}")]
    Io { entry: String, source: io::Error },
    #[error("layer entry {entry:?}: {source}")]
    Sparse { entry: String, source: SparseError },
}

type Result<T, E = ApplyError> = std::result::Result<T, E>;

fn tar_err(source: io::Error) -> ApplyError {
    ApplyError::Tar { source }
}

fn io_err(entry: &str) -> impl FnOnce(Errno) -> ApplyError + '_ {
    move |e| ApplyError::Io {
        entry: entry.to_string(),
        source: e.into(),
    }
}

/// Applies an uncompressed tar stream to `dest` (an empty layer directory). `lowers` are the diff dirs of the
/// parent layers, top first, used to refuse entries whose parent path goes through a symlink in a lower layer.
/// Hashes the whole stream (reading to EOF, including tar padding) to give the diff id and size.
pub fn apply_layer(
    tar: &mut dyn Read,
    dest: &Path,
    lowers: &[PathBuf],
    opts: &ApplyOptions,
) -> Result<ApplyReport, ApplyError> {
    let root = Root::open(dest).map_err(|source| ApplyError::Dest {
        path: dest.to_path_buf(),
        source,
    })?;
    let mut hashing = HashingReader::new(tar);
    let mut applier = Applier {
        root: &root,
        lowers,
        opts,
        parent_cache: None,
        dir_times: HashMap::new(),
        buf: vec![0; BUF_SIZE],
        skipped_devices: Vec::new(),
        warnings: BTreeSet::new(),
        budget: SpaceBudget::default(),
    };
    {
        let mut archive = tar::Archive::new(BufReader::with_capacity(BUF_SIZE, &mut hashing));
        for entry in archive.entries().map_err(tar_err)? {
            let mut entry = entry.map_err(tar_err)?;
            applier.apply_entry(&mut entry)?;
        }
    }
    let warnings = applier.finish()?;
    let (diff_id, size) = hashing.finish().map_err(tar_err)?;
    // One syncfs instead of an fsync per file: the layer only becomes visible when the caller
    // renames it into place afterwards.
    nix::unistd::syncfs(root.as_fd()).map_err(|e| ApplyError::Dest {
        path: dest.to_path_buf(),
        source: e.into(),
    })?;
    Ok(ApplyReport {
        diff_id,
        size,
        warnings,
    })
}

/// What was at an entry's path before the entry was written.
#[derive(PartialEq)]
enum Prior {
    Nothing,
    /// A directory the new directory entry merges into.
    Dir,
    /// A whiteout from earlier in this layer, which a new directory must keep effective.
    Whiteout,
}

struct Applier<'a> {
    root: &'a Root,
    lowers: &'a [PathBuf],
    opts: &'a ApplyOptions,
    /// The last parent directory resolved: archives list a directory's entries together.
    parent_cache: Option<(PathBuf, Rc<OwnedFd>)>,
    /// Directory times, set at the end because writing children changes them.
    dir_times: HashMap<PathBuf, (TimeSpec, TimeSpec)>,
    buf: Vec<u8>,
    skipped_devices: Vec<String>,
    warnings: BTreeSet<String>,
    /// What sparse files may still take of the layer's filesystem.
    budget: SpaceBudget,
}

impl Applier<'_> {
    fn apply_entry<R: Read>(&mut self, entry: &mut tar::Entry<'_, R>) -> Result<()> {
        let kind = entry.header().entry_type();
        if kind.is_pax_global_extensions() {
            return Ok(());
        }
        let sparse = sparse::detect(entry).map_err(|source| ApplyError::Sparse {
            entry: String::from_utf8_lossy(&entry.path_bytes()).into_owned(),
            source,
        })?;
        // A PAX sparse file's entry has a made-up name; its real one is in its records.
        let raw = match sparse.as_ref().and_then(Sparse::name) {
            Some(real) => real.to_vec(),
            None => entry.path_bytes().into_owned(),
        };
        let name = String::from_utf8_lossy(&raw).into_owned();
        let rel = rootpath::clean(&raw).map_err(|e| clean_error(&name, e))?;
        let Some((parent, file)) = rootpath::split(&rel) else {
            if kind.is_dir() {
                let meta = Meta::read(entry, &name)?;
                return self.directory(&name, &rel, None, Prior::Dir, &meta);
            }
            return Err(ApplyError::InvalidEntry {
                entry: name,
                reason: "a non-directory entry names the layer root".into(),
            });
        };
        if let Some(base) = file.as_bytes().strip_prefix(WHITEOUT_PREFIX) {
            return self.whiteout(&name, parent, base);
        }
        let parent_fd = self.parent_dir(&name, parent)?;
        let pfd = parent_fd.as_fd();

        // Hardlink targets are checked before anything at the entry's path is removed.
        let link_target = if kind.is_hard_link() {
            match self.hardlink_target(&name, entry)? {
                Some(t) if t.0 == rel => return Ok(()),
                t => t,
            }
        } else {
            None
        };
        if !(kind.is_file()
            || kind.is_contiguous()
            || kind.is_gnu_sparse()
            || kind.is_dir()
            || kind.is_symlink()
            || kind.is_hard_link()
            || kind.is_character_special()
            || kind.is_block_special()
            || kind.is_fifo())
        {
            return Err(ApplyError::UnsupportedType {
                entry: name,
                kind: kind.as_byte() as char,
            });
        }
        let meta = Meta::read(entry, &name)?;
        let prior = self.clear(&name, &rel, pfd, file, kind.is_dir())?;

        if kind.is_dir() {
            self.directory(&name, &rel, Some((pfd, file)), prior, &meta)
        } else if kind.is_symlink() {
            let target = entry.link_name_bytes().ok_or_else(|| ApplyError::InvalidEntry {
                entry: name.clone(),
                reason: "symlink without a target".into(),
            })?;
            if target.contains(&0) {
                return Err(ApplyError::InvalidEntry {
                    entry: name,
                    reason: "symlink target contains a NUL byte".into(),
                });
            }
            symlinkat(OsStr::from_bytes(&target), pfd, file).map_err(io_err(&name))?;
            self.finish_node(&name, pfd, file, &meta, false)
        } else if let Some((_, tdir, tname)) = link_target {
            // Without AT_SYMLINK_FOLLOW: a hardlink to a symlink links the symlink itself.
            linkat(tdir.as_fd(), tname.as_os_str(), pfd, file, AtFlags::empty()).map_err(io_err(&name))
        } else if kind.is_character_special() || kind.is_block_special() || kind.is_fifo() {
            self.special(&name, entry.header(), pfd, file, &meta)
        } else {
            self.regular(&name, entry, sparse.as_ref(), pfd, file, &meta)
        }
    }

    /// Resolves (creating when missing) the parent directory `rel` of entry `name`.
    fn parent_dir(&mut self, name: &str, rel: &Path) -> Result<Rc<OwnedFd>> {
        if let Some((p, fd)) = &self.parent_cache
            && p == rel
        {
            return Ok(fd.clone());
        }
        let fd = match self.root.open_dir(rel) {
            Ok(fd) => fd,
            Err(ResolveError::Symlink { link }) => {
                return Err(ApplyError::ThroughSymlink {
                    entry: name.to_string(),
                    link,
                });
            }
            Err(_) => self.create_parents(name, rel)?,
        };
        let fd = Rc::new(fd);
        self.parent_cache = Some((rel.to_path_buf(), fd.clone()));
        Ok(fd)
    }

    /// Validates a hardlink's target: it must be a non-directory already written by this layer,
    /// reached without symlinks. Returns its cleaned path, parent fd and name.
    fn hardlink_target<R: Read>(
        &self,
        name: &str,
        entry: &tar::Entry<'_, R>,
    ) -> Result<Option<(PathBuf, OwnedFd, std::ffi::OsString)>> {
        let raw = entry.link_name_bytes().unwrap_or_default().into_owned();
        let target = String::from_utf8_lossy(&raw).into_owned();
        let outside = || ApplyError::HardlinkOutside {
            entry: name.to_string(),
            target: target.clone(),
        };
        let rel = match rootpath::clean(&raw) {
            Ok(rel) => rel,
            Err(CleanError::DotDot) => return Err(outside()),
            Err(e) => {
                return Err(ApplyError::InvalidEntry {
                    entry: name.to_string(),
                    reason: format!("hardlink target: {e}"),
                });
            }
        };
        let Some((tparent, tfile)) = rootpath::split(&rel) else {
            return Err(outside());
        };
        let dir = match self.root.open_dir(tparent) {
            Ok(fd) => fd,
            Err(ResolveError::Symlink { link }) => {
                return Err(ApplyError::ThroughSymlink {
                    entry: name.to_string(),
                    link,
                });
            }
            Err(ResolveError::Io { source, .. }) => {
                return Err(ApplyError::Io {
                    entry: name.to_string(),
                    source,
                });
            }
            Err(_) => return Err(outside()),
        };
        match rootpath::lstat_at(dir.as_fd(), tfile) {
            Ok(Some(st)) if rootpath::file_type(&st) != SFlag::S_IFDIR => {}
            Ok(_) => return Err(outside()),
            Err(source) => {
                return Err(ApplyError::Io {
                    entry: name.to_string(),
                    source,
                });
            }
        }
        let tfile = tfile.to_os_string();
        Ok(Some((rel, dir, tfile)))
    }

    /// Removes whatever is at the entry's path, except a directory a new directory merges into.
    fn clear(&mut self, name: &str, rel: &Path, dir: BorrowedFd<'_>, file: &OsStr, new_is_dir: bool) -> Result<Prior> {
        let ioe = |source| ApplyError::Io {
            entry: name.to_string(),
            source,
        };
        let Some(st) = rootpath::lstat_at(dir, file).map_err(ioe)? else {
            return Ok(Prior::Nothing);
        };
        let ft = rootpath::file_type(&st);
        if ft == SFlag::S_IFDIR {
            if new_is_dir {
                return Ok(Prior::Dir);
            }
            rootpath::remove_all_at(dir, file).map_err(ioe)?;
            // Cached descriptors and recorded times may refer to what was just removed.
            self.parent_cache = None;
            self.dir_times.retain(|p, _| !p.starts_with(rel));
            return Ok(Prior::Nothing);
        }
        // unlinkat removes a symlink itself: nothing is ever written through it.
        unlinkat(dir, file, UnlinkatFlags::NoRemoveDir).map_err(io_err(name))?;
        Ok(if is_whiteout(&st) {
            Prior::Whiteout
        } else {
            Prior::Nothing
        })
    }

    fn directory(
        &mut self,
        name: &str,
        rel: &Path,
        at: Option<(BorrowedFd<'_>, &OsStr)>,
        prior: Prior,
        meta: &Meta,
    ) -> Result<()> {
        let (parent, file) = at.unwrap_or((self.root.as_fd(), OsStr::new(".")));
        if prior != Prior::Dir {
            mkdirat(parent, file, Mode::from_bits_truncate(0o700)).map_err(io_err(name))?;
        }
        let fd = openat(
            parent,
            file,
            OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
            Mode::empty(),
        )
        .map_err(io_err(name))?;
        self.chown_fd(name, fd.as_fd(), meta, prior == Prior::Dir)?;
        fchmod(fd.as_fd(), Mode::from_bits_truncate(meta.mode)).map_err(io_err(name))?;
        if prior == Prior::Whiteout {
            self.set_opaque(name, parent, file)?;
        }
        self.set_xattrs(name, meta, |k, v| set_xattr_fd(fd.as_fd(), k, v))?;
        self.dir_times.insert(rel.to_path_buf(), (meta.atime, meta.mtime));
        Ok(())
    }

    fn regular<R: Read>(
        &mut self,
        name: &str,
        entry: &mut tar::Entry<'_, R>,
        sparse: Option<&Sparse>,
        dir: BorrowedFd<'_>,
        file: &OsStr,
        meta: &Meta,
    ) -> Result<()> {
        // O_EXCL|O_NOFOLLOW: `clear` removed what was there, and a symlink is never opened.
        let fd = openat(
            dir,
            file,
            OFlag::O_WRONLY | OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
            Mode::from_bits_truncate(0o600),
        )
        .map_err(io_err(name))?;
        let mut f = File::from(fd);
        match sparse {
            Some(s) => s
                .write(entry, &f, &mut self.buf, &mut self.budget)
                .map_err(|source| match source {
                    SparseError::Read(source) => ApplyError::Tar { source },
                    source => ApplyError::Sparse {
                        entry: name.to_string(),
                        source,
                    },
                })?,
            None => loop {
                let n = match entry.read(&mut self.buf) {
                    Ok(0) => break,
                    Ok(n) => n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(source) => return Err(ApplyError::Tar { source }),
                };
                f.write_all(&self.buf[..n]).map_err(|source| ApplyError::Io {
                    entry: name.to_string(),
                    source,
                })?;
            },
        }
        self.chown_fd(name, f.as_fd(), meta, false)?;
        fchmod(f.as_fd(), Mode::from_bits_truncate(meta.mode)).map_err(io_err(name))?;
        self.set_xattrs(name, meta, |k, v| set_xattr_fd(f.as_fd(), k, v))?;
        futimens(f.as_fd(), &meta.atime, &meta.mtime).map_err(io_err(name))
    }

    fn special(&mut self, name: &str, h: &tar::Header, dir: BorrowedFd<'_>, file: &OsStr, meta: &Meta) -> Result<()> {
        let kind = h.entry_type();
        let (sflag, dev) = if kind.is_fifo() {
            (SFlag::S_IFIFO, 0)
        } else {
            let num = |v: io::Result<Option<u32>>| {
                v.map_err(|e| ApplyError::InvalidEntry {
                    entry: name.to_string(),
                    reason: format!("bad device number: {e}"),
                })
                .map(|v| u64::from(v.unwrap_or(0)))
            };
            let (major, minor) = (num(h.device_major())?, num(h.device_minor())?);
            let sflag = if kind.is_character_special() {
                SFlag::S_IFCHR
            } else {
                SFlag::S_IFBLK
            };
            (sflag, makedev(major, minor))
        };
        match mknodat(dir, file, sflag, Mode::from_bits_truncate(0o600), dev) {
            Ok(()) => {}
            Err(Errno::EPERM) if self.opts.rootless && sflag != SFlag::S_IFIFO => {
                self.skipped_devices.push(name.to_string());
                return Ok(());
            }
            Err(e) => return Err(io_err(name)(e)),
        }
        self.finish_node(name, dir, file, meta, true)
    }

    /// Ownership, mode, xattrs and times of a node that has no open fd (symlink, device, fifo).
    fn finish_node(&mut self, name: &str, dir: BorrowedFd<'_>, file: &OsStr, meta: &Meta, chmod: bool) -> Result<()> {
        self.chown_at(name, dir, file, meta, false)?;
        if chmod {
            // The node was just created by mknodat (which fails on an existing name), so it is
            // not a symlink; opening it could block (fifo) or reach a driver (device).
            fchmodat(
                dir,
                file,
                Mode::from_bits_truncate(meta.mode),
                FchmodatFlags::FollowSymlink,
            )
            .map_err(io_err(name))?;
        }
        self.set_xattrs(name, meta, |k, v| set_xattr_at(dir, file, k, v))?;
        utimensat(dir, file, &meta.atime, &meta.mtime, UtimensatFlags::NoFollowSymlink).map_err(io_err(name))
    }

    /// Sets directory times and gathers warnings.
    fn finish(mut self) -> Result<Vec<String>> {
        for (rel, (atime, mtime)) in std::mem::take(&mut self.dir_times) {
            let (parent, file) = rootpath::split(&rel).unwrap_or((Path::new(""), OsStr::new(".")));
            let name = rel.to_string_lossy();
            // Gone or replaced later in the layer: nothing to set.
            let Ok(fd) = self.root.open_dir(parent) else { continue };
            match utimensat(fd.as_fd(), file, &atime, &mtime, UtimensatFlags::NoFollowSymlink) {
                Ok(()) | Err(Errno::ENOENT) => {}
                Err(e) => return Err(io_err(&name)(e)),
            }
        }
        let mut out: Vec<String> = self.warnings.into_iter().collect();
        if let Some(first) = self.skipped_devices.first() {
            out.push(format!(
                "skipped {} device node(s) such as {first:?}: creating device nodes needs real root",
                self.skipped_devices.len()
            ));
        }
        Ok(out)
    }
}

fn clean_error(name: &str, e: CleanError) -> ApplyError {
    match e {
        CleanError::DotDot => ApplyError::EscapesRoot {
            entry: name.to_string(),
        },
        e => ApplyError::InvalidEntry {
            entry: name.to_string(),
            reason: e.to_string(),
        },
    }
}

fn resolve_error(name: &str, e: ResolveError) -> ApplyError {
    match e {
        ResolveError::Symlink { link } => ApplyError::ThroughSymlink {
            entry: name.to_string(),
            link,
        },
        ResolveError::Io { source, .. } => ApplyError::Io {
            entry: name.to_string(),
            source,
        },
        e => ApplyError::InvalidEntry {
            entry: name.to_string(),
            reason: e.to_string(),
        },
    }
}
