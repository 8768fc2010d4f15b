//! Applying a layer's tar stream to an empty layer directory, never writing outside it.
//!
//! The tar crate only parses headers; every filesystem write here is relative to a directory fd
//! obtained through `rootpath`, and the final component is never followed. The result is an
//! overlayfs layer: whiteouts become 0/0 character devices, opaque directories get the overlay
//! opaque xattr.

use std::collections::{BTreeSet, HashMap};
use std::ffi::{CString, OsStr};
use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use nix::errno::Errno;
use nix::fcntl::{AtFlags, OFlag, openat};
use nix::sys::stat::{
    FchmodatFlags, Mode, SFlag, UtimensatFlags, fchmod, fchmodat, futimens, makedev, mkdirat, mknodat, utimensat,
};
use nix::sys::time::TimeSpec;
use nix::unistd::{Gid, Uid, UnlinkatFlags, fchown, fchownat, linkat, symlinkat, unlinkat};

use super::rootpath::{self, ChildError, CleanError, ResolveError, Root};
use crate::store::Digest;
use crate::store::digest::HashingReader;

/// Size of the read buffer in front of the tar parser and of the file copy buffer.
const BUF_SIZE: usize = 1 << 20;
const WHITEOUT_PREFIX: &[u8] = b".wh.";
const OPAQUE_MARKER: &[u8] = b".wh..wh..opq";
const OPAQUE_XATTR_ROOT: &str = "trusted.overlay.opaque";
const OPAQUE_XATTR_USER: &str = "user.overlay.opaque";

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

/// Ownership, permissions, times and xattrs of one entry.
struct Meta {
    mode: u32,
    uid: u64,
    gid: u64,
    atime: TimeSpec,
    mtime: TimeSpec,
    xattrs: Vec<(Vec<u8>, Vec<u8>)>,
}

impl Meta {
    fn read<R: Read>(entry: &mut tar::Entry<'_, R>, name: &str) -> Result<Meta> {
        let h = entry.header();
        let bad = |what: &str, e: io::Error| ApplyError::InvalidEntry {
            entry: name.to_string(),
            reason: format!("bad {what} field: {e}"),
        };
        let old = h.as_old();
        let mode = lenient(h.mode().map(u64::from), &old.mode).map_err(|e| bad("mode", e))? as u32 & 0o7777;
        // The tar crate already folds PAX uid/gid into the header.
        let uid = lenient(h.uid(), &old.uid).map_err(|e| bad("uid", e))?;
        let gid = lenient(h.gid(), &old.gid).map_err(|e| bad("gid", e))?;
        let secs = lenient(h.mtime(), &old.mtime).map_err(|e| bad("mtime", e))?;
        let mut mtime = TimeSpec::new(secs.min(i64::MAX as u64) as i64, 0);
        let mut atime = None;
        let mut xattrs = Vec::new();
        if let Some(exts) = entry.pax_extensions().map_err(tar_err)? {
            for ext in exts {
                let ext = ext.map_err(tar_err)?;
                match ext.key_bytes() {
                    b"mtime" => mtime = parse_pax_time(ext.value_bytes()).unwrap_or(mtime),
                    b"atime" => atime = parse_pax_time(ext.value_bytes()),
                    key => {
                        if let Some(x) = key.strip_prefix(b"SCHILY.xattr.") {
                            xattrs.push((x.to_vec(), ext.value_bytes().to_vec()));
                        }
                    }
                }
            }
        }
        Ok(Meta {
            mode,
            uid,
            gid,
            atime: atime.unwrap_or(mtime),
            mtime,
            xattrs,
        })
    }
}

/// An empty numeric field reads as 0, as other tar implementations (Go's, GNU tar) read it.
fn lenient(parsed: io::Result<u64>, raw: &[u8]) -> io::Result<u64> {
    parsed.or_else(|e| {
        if raw.iter().all(|&b| b == 0 || b == b' ') {
            Ok(0)
        } else {
            Err(e)
        }
    })
}

/// Parses a PAX time (`seconds[.fraction]`, possibly negative) with nanosecond precision.
fn parse_pax_time(v: &[u8]) -> Option<TimeSpec> {
    let s = std::str::from_utf8(v).ok()?;
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secs: i64 = whole.parse().ok()?;
    let mut nanos: i64 = 0;
    for (i, d) in frac.bytes().take(9).enumerate() {
        nanos += i64::from(d - b'0') * 10i64.pow(8 - i as u32);
    }
    Some(if !neg {
        TimeSpec::new(secs, nanos)
    } else if nanos == 0 {
        TimeSpec::new(-secs, 0)
    } else {
        TimeSpec::new(-secs - 1, 1_000_000_000 - nanos)
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
}

fn is_whiteout(st: &nix::sys::stat::FileStat) -> bool {
    rootpath::file_type(st) == SFlag::S_IFCHR && st.st_rdev == 0
}

impl Applier<'_> {
    fn apply_entry<R: Read>(&mut self, entry: &mut tar::Entry<'_, R>) -> Result<()> {
        let kind = entry.header().entry_type();
        if kind.is_pax_global_extensions() {
            return Ok(());
        }
        let raw = entry.path_bytes().into_owned();
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
            self.regular(&name, entry, pfd, file, &meta)
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

    /// Walks `rel` component by component, creating missing directories. A missing component is
    /// looked up in the lower layers as the merged filesystem would show it: a symlink there is
    /// refused (the entry would land elsewhere in the container), and a directory there lends the
    /// new one its ownership, mode and mtime.
    fn create_parents(&mut self, name: &str, rel: &Path) -> Result<OwnedFd> {
        let through = |link: &Path| ApplyError::ThroughSymlink {
            entry: name.to_string(),
            link: link.to_path_buf(),
        };
        let mut cur = self.root.open_dir(Path::new("")).map_err(|e| resolve_error(name, e))?;
        let mut done = PathBuf::new();
        // Lower layers whose directory at `done` shows through in the merged view.
        let mut visible: Vec<usize> = (0..self.lowers.len()).collect();
        for comp in rel.iter() {
            done.push(comp);
            match rootpath::open_child_dir(cur.as_fd(), comp) {
                Ok(fd) => {
                    visible = if !visible.is_empty() && self.is_opaque(&rootpath::fd_path(fd.as_fd(), OsStr::new(".")))
                    {
                        Vec::new()
                    } else {
                        self.merged_lowers(name, &visible, &done, true)?
                    };
                    cur = fd;
                    continue;
                }
                Err(ChildError::Symlink) => return Err(through(&done)),
                Err(ChildError::NotFound) => {}
                Err(ChildError::NotDirectory) => {
                    let st = rootpath::lstat_at(cur.as_fd(), comp).map_err(|source| ApplyError::Io {
                        entry: name.to_string(),
                        source,
                    })?;
                    if !st.is_some_and(|st| is_whiteout(&st)) {
                        return Err(ApplyError::InvalidEntry {
                            entry: name.to_string(),
                            reason: format!("{done:?} is not a directory"),
                        });
                    }
                    // A directory under a path whited out earlier in this layer: the whiteout
                    // still hides the lower layers, so the new directory is opaque.
                    unlinkat(cur.as_fd(), comp, UnlinkatFlags::NoRemoveDir).map_err(io_err(name))?;
                    mkdirat(cur.as_fd(), comp, Mode::from_bits_truncate(0o755)).map_err(io_err(name))?;
                    self.set_opaque(name, cur.as_fd(), comp)?;
                    visible.clear();
                    cur = rootpath::open_child_dir(cur.as_fd(), comp).map_err(|e| resolve_error(name, e.at(&done)))?;
                    continue;
                }
                Err(ChildError::Io(source)) => {
                    return Err(ApplyError::Io {
                        entry: name.to_string(),
                        source,
                    });
                }
            }
            visible = self.merged_lowers(name, &visible, &done, false)?;
            let lower_meta = visible
                .first()
                .and_then(|&i| std::fs::symlink_metadata(self.lowers[i].join(&done)).ok());
            mkdirat(cur.as_fd(), comp, Mode::from_bits_truncate(0o700)).map_err(io_err(name))?;
            let dir = rootpath::open_child_dir(cur.as_fd(), comp).map_err(|e| resolve_error(name, e.at(&done)))?;
            if let Some(md) = lower_meta {
                use std::os::unix::fs::MetadataExt;
                let meta = Meta {
                    mode: md.mode() & 0o7777,
                    uid: md.uid().into(),
                    gid: md.gid().into(),
                    atime: TimeSpec::new(md.atime(), md.atime_nsec()),
                    mtime: TimeSpec::new(md.mtime(), md.mtime_nsec()),
                    xattrs: Vec::new(),
                };
                self.chown_at(name, cur.as_fd(), comp, &meta, true)?;
                // The directory was just made by mkdirat, which fails on an existing name, so
                // it is not a symlink.
                fchmodat(
                    cur.as_fd(),
                    comp,
                    Mode::from_bits_truncate(meta.mode),
                    FchmodatFlags::FollowSymlink,
                )
                .map_err(io_err(name))?;
                self.dir_times.insert(done.clone(), (meta.atime, meta.mtime));
            } else {
                fchmodat(
                    cur.as_fd(),
                    comp,
                    Mode::from_bits_truncate(0o755),
                    FchmodatFlags::FollowSymlink,
                )
                .map_err(io_err(name))?;
            }
            cur = dir;
        }
        Ok(cur)
    }

    /// Of the lower layers `visible` at the parent of `rel`, those whose directory at `rel` is
    /// merged into the view, top first. Refuses a symlink at `rel` that the merged view would show.
    fn merged_lowers(&self, name: &str, visible: &[usize], rel: &Path, upper_dir: bool) -> Result<Vec<usize>> {
        let mut out = Vec::new();
        let mut found_dir = upper_dir;
        for &i in visible {
            let p = self.lowers[i].join(rel);
            let md = match std::fs::symlink_metadata(&p) {
                Ok(md) => md,
                Err(e) if matches!(e.raw_os_error(), Some(libc::ENOENT) | Some(libc::ENOTDIR)) => continue,
                Err(source) => {
                    return Err(ApplyError::Io {
                        entry: name.to_string(),
                        source,
                    });
                }
            };
            let ft = md.file_type();
            if ft.is_dir() {
                found_dir = true;
                out.push(i);
                if self.is_opaque(&p) {
                    break;
                }
            } else if ft.is_symlink() && !found_dir {
                return Err(ApplyError::ThroughSymlink {
                    entry: name.to_string(),
                    link: rel.to_path_buf(),
                });
            } else {
                // A whiteout, a file, or a symlink hidden by a directory above it: nothing
                // further down shows through.
                break;
            }
        }
        Ok(out)
    }

    fn is_opaque(&self, path: &Path) -> bool {
        [OPAQUE_XATTR_ROOT, OPAQUE_XATTR_USER]
            .iter()
            .any(|x| get_xattr(path, x).is_some_and(|v| v == b"y"))
    }

    fn opaque_xattr(&self) -> &'static str {
        if self.opts.rootless {
            OPAQUE_XATTR_USER
        } else {
            OPAQUE_XATTR_ROOT
        }
    }

    fn set_opaque(&self, name: &str, dir: BorrowedFd<'_>, file: &OsStr) -> Result<()> {
        set_xattr_at(dir, file, self.opaque_xattr().as_bytes(), b"y").map_err(|source| ApplyError::Io {
            entry: name.to_string(),
            source,
        })
    }

    /// `.wh.<base>` in `parent`: a whiteout, an opaque marker, or aufs metadata (ignored).
    fn whiteout(&mut self, name: &str, parent: &Path, base: &[u8]) -> Result<()> {
        if base == &OPAQUE_MARKER[WHITEOUT_PREFIX.len()..] {
            let fd = self.parent_dir(name, parent)?;
            return self.set_opaque(name, fd.as_fd(), OsStr::new("."));
        }
        if base.starts_with(WHITEOUT_PREFIX) {
            return Ok(());
        }
        match base {
            b".." => {
                return Err(ApplyError::EscapesRoot {
                    entry: name.to_string(),
                });
            }
            b"" | b"." => {
                return Err(ApplyError::InvalidEntry {
                    entry: name.to_string(),
                    reason: "whiteout without a name".into(),
                });
            }
            _ => {}
        }
        let fd = self.parent_dir(name, parent)?;
        let file = OsStr::from_bytes(base);
        let st = rootpath::lstat_at(fd.as_fd(), file).map_err(|source| ApplyError::Io {
            entry: name.to_string(),
            source,
        })?;
        match st {
            // Whiteouts hide lower layers only: an entry of this layer at the same path stays,
            // and a directory of this layer must no longer merge with the lower ones.
            Some(st) if rootpath::file_type(&st) == SFlag::S_IFDIR => self.set_opaque(name, fd.as_fd(), file),
            Some(_) => Ok(()),
            None => mknodat(fd.as_fd(), file, SFlag::S_IFCHR, Mode::empty(), makedev(0, 0)).map_err(io_err(name)),
        }
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
        loop {
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

    fn ids(&self, meta: &Meta) -> (u64, u64) {
        if self.opts.squash_ownership {
            (0, 0)
        } else {
            (meta.uid, meta.gid)
        }
    }

    fn chown_fd(&self, name: &str, fd: BorrowedFd<'_>, meta: &Meta, existing: bool) -> Result<()> {
        let (uid, gid) = self.ids(meta);
        // New files are created 0:0 already (we are root, possibly in a user namespace).
        if uid == 0 && gid == 0 && !existing {
            return Ok(());
        }
        let (u, g) = self.id_pair(name, uid, gid)?;
        fchown(fd, Some(u), Some(g)).map_err(|e| chown_error(name, uid, gid, e))
    }

    fn chown_at(&self, name: &str, dir: BorrowedFd<'_>, file: &OsStr, meta: &Meta, existing: bool) -> Result<()> {
        let (uid, gid) = self.ids(meta);
        if uid == 0 && gid == 0 && !existing {
            return Ok(());
        }
        let (u, g) = self.id_pair(name, uid, gid)?;
        fchownat(dir, file, Some(u), Some(g), AtFlags::AT_SYMLINK_NOFOLLOW).map_err(|e| chown_error(name, uid, gid, e))
    }

    fn id_pair(&self, name: &str, uid: u64, gid: u64) -> Result<(Uid, Gid)> {
        // (uid_t)-1 means "unchanged" to chown, so it cannot be an owner.
        match (u32::try_from(uid), u32::try_from(gid)) {
            (Ok(u), Ok(g)) if u != u32::MAX && g != u32::MAX => Ok((Uid::from_raw(u), Gid::from_raw(g))),
            _ => Err(ApplyError::Chown {
                entry: name.to_string(),
                uid,
                gid,
                source: io::Error::new(io::ErrorKind::InvalidInput, "id out of range"),
            }),
        }
    }

    /// Sets the entry's xattrs, skipping (with a warning) those a layer must not or cannot set.
    fn set_xattrs(
        &mut self,
        name: &str,
        meta: &Meta,
        mut set: impl FnMut(&[u8], &[u8]) -> io::Result<()>,
    ) -> Result<()> {
        for (key, value) in &meta.xattrs {
            let k = String::from_utf8_lossy(key);
            // Layers must not carry overlayfs' own metadata: it would change how the merged
            // view is built (opaque directories come from `.wh..wh..opq` only).
            if key.starts_with(b"trusted.overlay.") || key.starts_with(b"user.overlay.") {
                self.warnings
                    .insert(format!("xattr {k} skipped: overlay metadata is not taken from layers"));
                continue;
            }
            if self.opts.rootless && key.starts_with(b"trusted.") {
                self.warnings
                    .insert(format!("xattr {k} skipped: trusted.* xattrs need real root"));
                continue;
            }
            match set(key, value) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::InvalidInput => {
                    self.warnings.insert(format!("xattr {k:?} skipped: invalid name"));
                }
                Err(e)
                    if matches!(
                        e.raw_os_error(),
                        Some(libc::EPERM) | Some(libc::EOPNOTSUPP) | Some(libc::EACCES)
                    ) =>
                {
                    self.warnings
                        .insert(format!("xattr {k} could not be set and was skipped: {e}"));
                }
                Err(source) => {
                    return Err(ApplyError::Io {
                        entry: name.to_string(),
                        source,
                    });
                }
            }
        }
        Ok(())
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

/// Explains EINVAL from chown inside a user namespace: the id has no mapping.
fn chown_error(name: &str, uid: u64, gid: u64, e: Errno) -> ApplyError {
    let source = if e == Errno::EINVAL {
        let msg = if !id_mapped("/proc/self/uid_map", uid) {
            format!("uid {uid} is outside the user namespace's mapping (check /etc/subuid)")
        } else {
            format!("gid {gid} is outside the user namespace's mapping (check /etc/subgid)")
        };
        io::Error::new(io::ErrorKind::InvalidInput, msg)
    } else {
        e.into()
    };
    ApplyError::Chown {
        entry: name.to_string(),
        uid,
        gid,
        source,
    }
}

/// Whether `id` falls in one of the ranges of a `/proc/self/{uid,gid}_map` file.
fn id_mapped(map: &str, id: u64) -> bool {
    let Ok(text) = std::fs::read_to_string(map) else {
        return true;
    };
    text.lines().any(|l| {
        let f: Vec<u64> = l.split_whitespace().filter_map(|x| x.parse().ok()).collect();
        f.len() == 3 && id >= f[0] && id < f[0] + f[2]
    })
}

fn xattr_name(key: &[u8]) -> io::Result<CString> {
    CString::new(key).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))
}

fn set_xattr_fd(fd: BorrowedFd<'_>, key: &[u8], value: &[u8]) -> io::Result<()> {
    let k = xattr_name(key)?;
    // SAFETY: `k` is a NUL-terminated string and `value` a valid buffer of the given length,
    // both alive for the duration of the call; `fd` is an open descriptor.
    let rc = unsafe { libc::fsetxattr(fd.as_raw_fd(), k.as_ptr(), value.as_ptr().cast(), value.len(), 0) };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Sets an xattr on `file` in `dir` without following `file` if it is a symlink. `file` "."
/// means `dir` itself.
fn set_xattr_at(dir: BorrowedFd<'_>, file: &OsStr, key: &[u8], value: &[u8]) -> io::Result<()> {
    let k = xattr_name(key)?;
    let path = rootpath::fd_path(dir, file);
    let p = CString::new(path.as_os_str().as_bytes()).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))?;
    // SAFETY: both strings are NUL-terminated and `value` is a valid buffer of the given length,
    // all alive for the duration of the call.
    let rc = unsafe {
        if file == "." {
            // `/proc/self/fd/N` is a magic link to `dir` itself: following it reaches exactly
            // that directory.
            libc::setxattr(p.as_ptr(), k.as_ptr(), value.as_ptr().cast(), value.len(), 0)
        } else {
            libc::lsetxattr(p.as_ptr(), k.as_ptr(), value.as_ptr().cast(), value.len(), 0)
        }
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// A short xattr value of a trusted host path (lower layer directories, or a `/proc/self/fd`
/// path to a directory fd, whose magic link is followed to that directory).
fn get_xattr(path: &Path, key: &str) -> Option<Vec<u8>> {
    let p = CString::new(path.as_os_str().as_bytes()).ok()?;
    let k = CString::new(key).ok()?;
    let mut buf = [0u8; 16];
    // SAFETY: NUL-terminated strings and a writable buffer of the given length.
    let n = unsafe { libc::getxattr(p.as_ptr(), k.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    usize::try_from(n).ok().map(|n| buf[..n].to_vec())
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    use std::process::Command;

    use tar::{Builder, EntryType, Header};

    use super::*;

    /// A temp dir holding `dest` and, next to it, a `sentinel` dir that hostile layers aim at.
    struct Env {
        top: PathBuf,
        dest: PathBuf,
    }

    impl Env {
        fn new() -> Env {
            let top = std::env::temp_dir().join(crate::store::atomic::unique_name("ferry-apply-"));
            let dest = top.join("dest");
            std::fs::create_dir_all(&dest).unwrap();
            std::fs::create_dir_all(top.join("sentinel/sub")).unwrap();
            std::fs::write(top.join("sentinel/keep"), b"keep").unwrap();
            Env { top, dest }
        }

        fn sentinel(&self) -> PathBuf {
            self.top.join("sentinel")
        }

        /// Everything outside `dest`, with type, mode, size, mtime and link target.
        fn outside(&self) -> Vec<String> {
            fn walk(dir: &Path, skip: &Path, out: &mut Vec<String>) {
                let mut ents: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
                ents.sort();
                for p in ents {
                    if p == skip {
                        continue;
                    }
                    let md = std::fs::symlink_metadata(&p).unwrap();
                    let link = std::fs::read_link(&p).ok();
                    out.push(format!(
                        "{p:?} {:o} {} {} {link:?}",
                        md.mode(),
                        md.len(),
                        md.mtime_nsec() + md.mtime()
                    ));
                    if md.is_dir() {
                        walk(&p, skip, out);
                    }
                }
            }
            let mut out = Vec::new();
            walk(&self.top, &self.dest, &mut out);
            out
        }

        fn apply(&self, tar: &[u8], lowers: &[PathBuf], opts: &ApplyOptions) -> Result<ApplyReport> {
            apply_layer(&mut &tar[..], &self.dest, lowers, opts)
        }
    }

    impl Drop for Env {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.top);
        }
    }

    const ROOT: ApplyOptions = ApplyOptions {
        rootless: false,
        squash_ownership: false,
    };

    fn header(kind: EntryType, size: usize, mode: u32) -> Header {
        let mut h = Header::new_gnu();
        h.set_entry_type(kind);
        h.set_size(size as u64);
        h.set_mode(mode);
        h.set_mtime(1_600_000_000);
        h
    }

    fn add(b: &mut Builder<Vec<u8>>, path: &str, kind: EntryType, data: &[u8], mode: u32) {
        let mut h = header(kind, data.len(), mode);
        b.append_data(&mut h, path, data).unwrap();
    }

    fn link(b: &mut Builder<Vec<u8>>, path: &str, kind: EntryType, target: &str) {
        let mut h = header(kind, 0, 0o777);
        b.append_link(&mut h, path, target).unwrap();
    }

    /// An entry whose name and link name are written as raw bytes, as the builder refuses `..`.
    fn raw(b: &mut Builder<Vec<u8>>, name: &[u8], kind: EntryType, target: &[u8], data: &[u8]) {
        let mut h = header(kind, data.len(), 0o644);
        let g = h.as_gnu_mut().unwrap();
        g.name[..name.len()].copy_from_slice(name);
        g.linkname[..target.len()].copy_from_slice(target);
        h.set_cksum();
        b.append(&h, data).unwrap();
    }

    fn tarball(build: impl FnOnce(&mut Builder<Vec<u8>>)) -> Vec<u8> {
        let mut b = Builder::new(Vec::new());
        build(&mut b);
        b.into_inner().unwrap()
    }

    /// Applies a hostile layer, checks nothing outside `dest` changed, and returns the error.
    fn hostile(env: &Env, lowers: &[PathBuf], build: impl FnOnce(&mut Builder<Vec<u8>>, &Env)) -> ApplyError {
        let tar = tarball(|b| build(b, env));
        let before = env.outside();
        let err = env.apply(&tar, lowers, &ROOT).expect_err("hostile layer was applied");
        assert_eq!(before, env.outside(), "something outside dest changed: {err}");
        err
    }

    fn xattr(path: &Path, key: &str) -> Option<Vec<u8>> {
        get_xattr(path, key)
    }

    #[test]
    fn every_type_and_metadata() {
        let env = Env::new();
        let tar = tarball(|b| {
            add(b, "./", EntryType::Directory, b"", 0o755);
            add(b, "d", EntryType::Directory, b"", 0o700);
            let mut h = header(EntryType::Regular, 5, 0o4755);
            h.set_uid(1000);
            h.set_gid(1001);
            b.append_pax_extensions([
                ("mtime", &b"1600000000.123456789"[..]),
                ("SCHILY.xattr.user.test", b"v"),
            ])
            .unwrap();
            b.append_data(&mut h, "d/f", &b"hello"[..]).unwrap();
            // The same directory again: metadata merges, content stays.
            let mut h = header(EntryType::Directory, 0, 0o1777);
            h.set_uid(1000);
            h.set_gid(1002);
            h.set_mtime(1_500_000_000);
            b.append_data(&mut h, "d/", &b""[..]).unwrap();
            let mut h = header(EntryType::Symlink, 0, 0o777);
            h.set_uid(5);
            h.set_gid(6);
            b.append_link(&mut h, "l", "d/f").unwrap();
            link(b, "hard", EntryType::Link, "d/f");
            let mut h = header(EntryType::Char, 0, 0o666);
            h.set_device_major(1).unwrap();
            h.set_device_minor(3).unwrap();
            b.append_data(&mut h, "null", &b""[..]).unwrap();
            let mut h = header(EntryType::Block, 0, 0o660);
            h.set_device_major(7).unwrap();
            h.set_device_minor(0).unwrap();
            b.append_data(&mut h, "loop0", &b""[..]).unwrap();
            add(b, "fifo", EntryType::Fifo, b"", 0o620);
            add(b, "r", EntryType::Regular, b"one", 0o644);
            add(b, "r", EntryType::Regular, b"two!", 0o600);
            add(b, "implicit/sub/file", EntryType::Regular, b"", 0o644);
            let long = format!("{}/{}", "x".repeat(150), "y".repeat(150));
            add(b, &long, EntryType::Regular, b"long", 0o644);
        });
        let rep = env.apply(&tar, &[], &ROOT).unwrap();
        assert_eq!(rep.diff_id, Digest::of_bytes(&tar));
        assert_eq!(rep.size, tar.len() as u64);
        assert!(rep.warnings.is_empty(), "{:?}", rep.warnings);

        let d = &env.dest;
        let md = std::fs::symlink_metadata(d.join("d/f")).unwrap();
        assert_eq!(
            (md.mode() & 0o7777, md.uid(), md.gid(), md.nlink()),
            (0o4755, 1000, 1001, 2)
        );
        assert_eq!((md.mtime(), md.mtime_nsec()), (1_600_000_000, 123_456_789));
        assert_eq!(std::fs::read(d.join("hard")).unwrap(), b"hello");
        assert_eq!(xattr(&d.join("d/f"), "user.test").as_deref(), Some(&b"v"[..]));
        let md = std::fs::symlink_metadata(d.join("d")).unwrap();
        assert_eq!((md.mode() & 0o7777, md.uid(), md.gid()), (0o1777, 1000, 1002));
        assert_eq!(md.mtime(), 1_500_000_000, "directory mtime is set after its children");
        let md = std::fs::symlink_metadata(d.join("l")).unwrap();
        assert!(md.file_type().is_symlink());
        assert_eq!((md.uid(), md.gid(), md.mtime()), (5, 6, 1_600_000_000));
        assert_eq!(std::fs::read_link(d.join("l")).unwrap(), Path::new("d/f"));
        let md = std::fs::symlink_metadata(d.join("null")).unwrap();
        assert!(md.file_type().is_char_device());
        assert_eq!((md.rdev(), md.mode() & 0o7777), (makedev(1, 3), 0o666));
        let md = std::fs::symlink_metadata(d.join("loop0")).unwrap();
        assert!(md.file_type().is_block_device());
        assert_eq!(md.rdev(), makedev(7, 0));
        let md = std::fs::symlink_metadata(d.join("fifo")).unwrap();
        assert!(md.file_type().is_fifo());
        assert_eq!(md.mode() & 0o7777, 0o620);
        let md = std::fs::symlink_metadata(d.join("r")).unwrap();
        assert_eq!((md.mode() & 0o7777, md.len()), (0o600, 4));
        let md = std::fs::symlink_metadata(d.join("implicit/sub")).unwrap();
        assert_eq!((md.mode() & 0o7777, md.uid()), (0o755, 0));
        assert_eq!(
            std::fs::read(d.join("x".repeat(150)).join("y".repeat(150))).unwrap(),
            b"long"
        );
        let md = std::fs::symlink_metadata(d).unwrap();
        assert_eq!((md.mode() & 0o7777, md.mtime()), (0o755, 1_600_000_000));
    }

    #[test]
    fn whiteouts_and_opaque_dirs() {
        let env = Env::new();
        let tar = tarball(|b| {
            add(b, "a/.wh.gone", EntryType::Regular, b"", 0o644);
            add(b, "d/.wh..wh..opq", EntryType::Regular, b"", 0o644);
            add(b, "d/keep", EntryType::Regular, b"k", 0o644);
            add(b, ".wh..wh.plnk", EntryType::Directory, b"", 0o755);
            // Same layer: a whiteout does not hide this layer's own directory, but must keep
            // hiding the lower one, in either order.
            add(b, "x/f", EntryType::Regular, b"", 0o644);
            add(b, ".wh.x", EntryType::Regular, b"", 0o644);
            add(b, ".wh.y", EntryType::Regular, b"", 0o644);
            add(b, "y/f", EntryType::Regular, b"", 0o644);
            add(b, ".wh.z", EntryType::Regular, b"", 0o644);
            add(b, "z", EntryType::Regular, b"file", 0o644);
        });
        env.apply(&tar, &[], &ROOT).unwrap();
        let d = &env.dest;
        let md = std::fs::symlink_metadata(d.join("a/gone")).unwrap();
        assert!(md.file_type().is_char_device());
        assert_eq!(md.rdev(), 0);
        assert!(!d.join("a/.wh.gone").exists());
        assert_eq!(xattr(&d.join("d"), OPAQUE_XATTR_ROOT).as_deref(), Some(&b"y"[..]));
        assert!(d.join("d/keep").exists());
        assert!(!d.join(".wh..wh.plnk").exists());
        for dir in ["x", "y"] {
            assert!(d.join(dir).join("f").exists());
            assert_eq!(
                xattr(&d.join(dir), OPAQUE_XATTR_ROOT).as_deref(),
                Some(&b"y"[..]),
                "{dir}"
            );
        }
        assert_eq!(std::fs::read(d.join("z")).unwrap(), b"file");
    }

    fn assert_escapes(err: ApplyError, want: &str) {
        match err {
            ApplyError::EscapesRoot { entry } => assert_eq!(entry, want),
            e => panic!("{want}: {e}"),
        }
    }

    fn assert_through(err: ApplyError, want_entry: &str, want_link: &str) {
        match err {
            ApplyError::ThroughSymlink { entry, link } => {
                assert_eq!((entry.as_str(), link.as_path()), (want_entry, Path::new(want_link)))
            }
            e => panic!("{want_entry}: {e}"),
        }
    }

    #[test]
    fn dotdot_is_refused() {
        let env = Env::new();
        let e = hostile(&env, &[], |b, _| raw(b, b"../escape", EntryType::Regular, b"", b"x"));
        assert_eq!(e.to_string(), r#"layer entry "../escape" escapes the layer root"#);
        assert_escapes(e, "../escape");
        let e = hostile(&env, &[], |b, _| {
            raw(b, b"a/../../escape", EntryType::Regular, b"", b"x")
        });
        assert_escapes(e, "a/../../escape");
        let e = hostile(&env, &[], |b, _| raw(b, b"d/.wh...", EntryType::Regular, b"", b""));
        assert_escapes(e, "d/.wh...");
        let e = hostile(&env, &[], |b, _| raw(b, b"..", EntryType::Directory, b"", b""));
        assert_escapes(e, "..");
    }

    #[test]
    fn absolute_paths_are_normalised_into_dest() {
        let env = Env::new();
        let tar = tarball(|b| {
            raw(b, b"/etc/x", EntryType::Regular, b"", b"x");
            raw(b, b"./etc/y", EntryType::Regular, b"", b"y");
            raw(b, b"/etc/hl", EntryType::Link, b"/etc/x", b"");
        });
        let before = env.outside();
        env.apply(&tar, &[], &ROOT).unwrap();
        assert_eq!(before, env.outside());
        assert_eq!(std::fs::read(env.dest.join("etc/x")).unwrap(), b"x");
        assert_eq!(std::fs::read(env.dest.join("etc/y")).unwrap(), b"y");
        assert_eq!(std::fs::read(env.dest.join("etc/hl")).unwrap(), b"x");
    }

    #[test]
    fn symlinked_parents_are_refused() {
        let env = Env::new();
        let e = hostile(&env, &[], |b, env| {
            link(b, "evil", EntryType::Symlink, env.sentinel().to_str().unwrap());
            add(b, "evil/file", EntryType::Regular, b"x", 0o644);
        });
        assert_through(e, "evil/file", "evil");

        let env = Env::new();
        let e = hostile(&env, &[], |b, _| {
            link(b, "evil", EntryType::Symlink, "..");
            add(b, "evil/x", EntryType::Regular, b"x", 0o644);
        });
        assert_through(e, "evil/x", "evil");

        let env = Env::new();
        let e = hostile(&env, &[], |b, env| {
            add(b, "d/", EntryType::Directory, b"", 0o755);
            link(b, "d/a", EntryType::Symlink, "b");
            link(b, "d/b", EntryType::Symlink, env.sentinel().to_str().unwrap());
            add(b, "d/a/sub/x", EntryType::Regular, b"x", 0o644);
        });
        assert_through(e, "d/a/sub/x", "d/a");

        // Opaque markers and whiteouts resolve their directory the same way.
        let env = Env::new();
        let e = hostile(&env, &[], |b, env| {
            link(b, "evil", EntryType::Symlink, env.sentinel().to_str().unwrap());
            add(b, "evil/.wh..wh..opq", EntryType::Regular, b"", 0o644);
        });
        assert_through(e, "evil/.wh..wh..opq", "evil");
        let env = Env::new();
        let e = hostile(&env, &[], |b, env| {
            link(b, "evil", EntryType::Symlink, env.sentinel().to_str().unwrap());
            add(b, "evil/.wh.keep", EntryType::Regular, b"", 0o644);
        });
        assert_through(e, "evil/.wh.keep", "evil");
    }

    #[test]
    fn hostile_hardlinks_are_refused() {
        let env = Env::new();
        let e = hostile(&env, &[], |b, _| {
            raw(b, b"h", EntryType::Link, b"../../etc/passwd", b"")
        });
        match e {
            ApplyError::HardlinkOutside { entry, target } => assert_eq!((&*entry, &*target), ("h", "../../etc/passwd")),
            e => panic!("{e}"),
        }
        let e = hostile(&env, &[], |b, env| {
            link(b, "evil", EntryType::Symlink, env.sentinel().to_str().unwrap());
            link(b, "h", EntryType::Link, "evil/keep");
        });
        assert_through(e, "h", "evil");

        // Not written by this layer (it exists on the host, not in the layer).
        let env = Env::new();
        let e = hostile(&env, &[], |b, _| link(b, "h", EntryType::Link, "etc/passwd"));
        assert!(
            matches!(e, ApplyError::HardlinkOutside { ref entry, .. } if entry == "h"),
            "{e}"
        );
        let e = hostile(&env, &[], |b, _| {
            add(b, "dir/", EntryType::Directory, b"", 0o755);
            link(b, "h", EntryType::Link, "dir");
        });
        assert!(
            matches!(e, ApplyError::HardlinkOutside { ref entry, .. } if entry == "h"),
            "{e}"
        );
    }

    #[test]
    fn lower_layer_symlinks_are_refused() {
        let env = Env::new();
        let low1 = env.top.join("low1");
        let low2 = env.top.join("low2");
        std::fs::create_dir_all(low1.join("opq")).unwrap();
        std::fs::create_dir_all(low1.join("merged")).unwrap();
        std::fs::create_dir_all(low2.join("opq")).unwrap();
        std::fs::create_dir_all(low2.join("merged")).unwrap();
        std::os::unix::fs::symlink(env.sentinel(), low1.join("lib")).unwrap();
        std::os::unix::fs::symlink(env.sentinel(), low2.join("opq/s")).unwrap();
        std::os::unix::fs::symlink(env.sentinel(), low2.join("merged/s")).unwrap();
        std::os::unix::fs::symlink(env.sentinel(), low2.join("wh")).unwrap();
        nix::sys::stat::mknod(&low1.join("wh"), SFlag::S_IFCHR, Mode::empty(), 0).unwrap();
        set_xattr_at(
            Root::open(&low1).unwrap().as_fd(),
            OsStr::new("opq"),
            OPAQUE_XATTR_ROOT.as_bytes(),
            b"y",
        )
        .unwrap();
        let lowers = [low1.clone(), low2.clone()];

        let e = hostile(&env, &lowers, |b, _| add(b, "lib/x", EntryType::Regular, b"x", 0o644));
        assert_through(e, "lib/x", "lib");
        let e = hostile(&env, &lowers, |b, _| {
            add(b, "merged/s/x", EntryType::Regular, b"x", 0o644)
        });
        assert_through(e, "merged/s/x", "merged/s");

        // Hidden by a whiteout or an opaque directory above: not a symlink in the merged view.
        let tar = tarball(|b| {
            add(b, "wh/x", EntryType::Regular, b"x", 0o644);
            add(b, "opq/s/x", EntryType::Regular, b"x", 0o644);
            // This layer's own opaque directory hides the lower symlink too.
            add(b, "merged/.wh..wh..opq", EntryType::Regular, b"", 0o644);
            add(b, "merged/s/x", EntryType::Regular, b"x", 0o644);
            // Replacing the lower symlink itself is fine.
            add(b, "lib", EntryType::Regular, b"file", 0o644);
        });
        let before = env.outside();
        env.apply(&tar, &lowers, &ROOT).unwrap();
        assert_eq!(before, env.outside());
        for f in ["wh/x", "opq/s/x", "merged/s/x"] {
            assert!(env.dest.join(f).is_file(), "{f}");
        }

        // A directory present only in a lower layer lends its metadata to the one created here.
        let env = Env::new();
        let low = env.top.join("low");
        std::fs::create_dir_all(low.join("usr")).unwrap();
        std::fs::set_permissions(low.join("usr"), std::os::unix::fs::PermissionsExt::from_mode(0o750)).unwrap();
        std::os::unix::fs::chown(low.join("usr"), Some(3), Some(4)).unwrap();
        let tar = tarball(|b| add(b, "usr/bin/x", EntryType::Regular, b"x", 0o644));
        env.apply(&tar, &[low], &ROOT).unwrap();
        let md = std::fs::metadata(env.dest.join("usr")).unwrap();
        assert_eq!((md.mode() & 0o7777, md.uid(), md.gid()), (0o750, 3, 4));
    }

    #[test]
    fn entries_replace_symlinks_instead_of_following_them() {
        let env = Env::new();
        let tar = tarball(|b| {
            link(b, "evil", EntryType::Symlink, env.sentinel().to_str().unwrap());
            add(b, "evil", EntryType::Regular, b"data", 0o644);
            link(b, "evil2", EntryType::Symlink, env.sentinel().to_str().unwrap());
            add(b, "evil2", EntryType::Directory, b"", 0o777);
            link(
                b,
                "evil3",
                EntryType::Symlink,
                env.sentinel().join("keep").to_str().unwrap(),
            );
            link(b, "evil3", EntryType::Symlink, "elsewhere");
            link(b, "evil4", EntryType::Symlink, env.sentinel().to_str().unwrap());
            add(b, "evil4", EntryType::Fifo, b"", 0o600);
            add(b, "dir/sub/f", EntryType::Regular, b"", 0o644);
            add(b, "dir", EntryType::Regular, b"replaced a tree", 0o644);
        });
        let before = env.outside();
        env.apply(&tar, &[], &ROOT).unwrap();
        assert_eq!(before, env.outside());
        let d = &env.dest;
        assert_eq!(std::fs::read(d.join("evil")).unwrap(), b"data");
        assert!(std::fs::symlink_metadata(d.join("evil2")).unwrap().is_dir());
        assert_eq!(std::fs::read_link(d.join("evil3")).unwrap(), Path::new("elsewhere"));
        assert!(
            std::fs::symlink_metadata(d.join("evil4"))
                .unwrap()
                .file_type()
                .is_fifo()
        );
        assert_eq!(std::fs::read(d.join("dir")).unwrap(), b"replaced a tree");
        assert_eq!(std::fs::read(env.sentinel().join("keep")).unwrap(), b"keep");
    }

    #[test]
    fn hostile_names_are_refused() {
        let env = Env::new();
        let e = hostile(&env, &[], |b, _| {
            b.append_pax_extensions([("path", "a/".repeat(3000).as_bytes())])
                .unwrap();
            add(b, "short", EntryType::Regular, b"", 0o644);
        });
        assert!(
            matches!(e, ApplyError::InvalidEntry { ref reason, .. } if reason.contains("longer")),
            "{e}"
        );
        let long = format!("d/{}", "n".repeat(300));
        let e = hostile(&env, &[], |b, _| add(b, &long, EntryType::Regular, b"", 0o644));
        assert!(matches!(e, ApplyError::Io { ref entry, .. } if *entry == long), "{e}");
        let e = hostile(&env, &[], |b, _| {
            b.append_pax_extensions([("path", &b"a\0/../../x"[..])]).unwrap();
            add(b, "short", EntryType::Regular, b"", 0o644);
        });
        assert!(
            matches!(e, ApplyError::InvalidEntry { ref entry, .. } if entry == "a\0/../../x"),
            "{e}"
        );
        let e = hostile(&env, &[], |b, _| {
            b.append_pax_extensions([("linkpath", &b"/tmp\0x"[..])]).unwrap();
            link(b, "s", EntryType::Symlink, "t");
        });
        assert!(
            matches!(e, ApplyError::InvalidEntry { ref entry, .. } if entry == "s"),
            "{e}"
        );
        let e = hostile(&env, &[], |b, _| raw(b, b"./", EntryType::Regular, b"", b""));
        assert!(matches!(e, ApplyError::InvalidEntry { .. }), "{e}");
        let e = hostile(&env, &[], |b, _| raw(b, b"v", EntryType::new(b'V'), b"", b""));
        assert!(
            matches!(e, ApplyError::UnsupportedType { ref entry, kind: 'V' } if entry == "v"),
            "{e}"
        );
        let e = hostile(&env, &[], |b, _| {
            add(b, "f", EntryType::Regular, b"", 0o644);
            add(b, "f/x", EntryType::Regular, b"", 0o644);
        });
        assert!(
            matches!(e, ApplyError::InvalidEntry { ref entry, .. } if entry == "f/x"),
            "{e}"
        );
    }

    #[test]
    fn stream_is_hashed_to_eof_and_truncation_fails() {
        let env = Env::new();
        let mut tar = tarball(|b| add(b, "f", EntryType::Regular, b"abc", 0o644));
        tar.extend_from_slice(&[0u8; 4096]);
        let rep = env.apply(&tar, &[], &ROOT).unwrap();
        assert_eq!((rep.diff_id, rep.size), (Digest::of_bytes(&tar), tar.len() as u64));
        let env = Env::new();
        let tar = tarball(|b| add(b, "f", EntryType::Regular, &[7u8; 2000], 0o644));
        assert!(matches!(
            env.apply(&tar[..1200], &[], &ROOT),
            Err(ApplyError::Tar { .. })
        ));
    }

    #[test]
    fn pax_times_parse() {
        assert_eq!(parse_pax_time(b"12.5"), Some(TimeSpec::new(12, 500_000_000)));
        assert_eq!(parse_pax_time(b"12"), Some(TimeSpec::new(12, 0)));
        assert_eq!(parse_pax_time(b"-1.25"), Some(TimeSpec::new(-2, 750_000_000)));
        assert_eq!(parse_pax_time(b"1.1234567891"), Some(TimeSpec::new(1, 123_456_789)));
        for bad in [&b""[..], b".5", b"1e3", b"1.x", b"--1"] {
            assert_eq!(parse_pax_time(bad), None, "{bad:?}");
        }
    }

    /// Runs `rootless_body` in a child process inside a new user namespace mapping only 0.
    #[test]
    fn rootless_in_user_namespace() {
        if std::env::var_os("FERRY_APPLY_USERNS_CHILD").is_some() {
            return rootless_body();
        }
        let out = Command::new("unshare")
            .args(["--user", "--map-root-user", "--"])
            .arg(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "image::apply::tests::rootless_in_user_namespace",
                "--test-threads=1",
            ])
            .env("FERRY_APPLY_USERNS_CHILD", "1")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains("1 passed"),
            "{text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn rootless_body() {
        let rootless = ApplyOptions {
            rootless: true,
            squash_ownership: false,
        };
        let env = Env::new();
        let tar = tarball(|b| {
            let mut h = header(EntryType::Char, 0, 0o666);
            h.set_device_major(1).unwrap();
            h.set_device_minor(3).unwrap();
            b.append_data(&mut h, "dev/null", &b""[..]).unwrap();
            add(b, ".wh.gone", EntryType::Regular, b"", 0o644);
            add(b, "d/.wh..wh..opq", EntryType::Regular, b"", 0o644);
            add(b, "fifo", EntryType::Fifo, b"", 0o644);
            b.append_pax_extensions([("SCHILY.xattr.trusted.x", &b"1"[..]), ("SCHILY.xattr.user.y", b"2")])
                .unwrap();
            add(b, "f", EntryType::Regular, b"", 0o644);
        });
        let rep = env.apply(&tar, &[], &rootless).unwrap();
        assert!(!env.dest.join("dev/null").exists());
        assert!(
            rep.warnings
                .iter()
                .any(|w| w.contains("device node") && w.contains("dev/null")),
            "{rep:?}"
        );
        assert!(rep.warnings.iter().any(|w| w.contains("trusted.x")), "{rep:?}");
        let md = std::fs::symlink_metadata(env.dest.join("gone")).unwrap();
        assert!(md.file_type().is_char_device() && md.rdev() == 0);
        assert_eq!(
            xattr(&env.dest.join("d"), OPAQUE_XATTR_USER).as_deref(),
            Some(&b"y"[..])
        );
        assert_eq!(xattr(&env.dest.join("f"), "user.y").as_deref(), Some(&b"2"[..]));
        assert!(
            std::fs::symlink_metadata(env.dest.join("fifo"))
                .unwrap()
                .file_type()
                .is_fifo()
        );

        let env = Env::new();
        let tar = tarball(|b| {
            let mut h = header(EntryType::Regular, 0, 0o644);
            h.set_uid(70000);
            b.append_data(&mut h, "owned", &b""[..]).unwrap();
        });
        let e = env.apply(&tar, &[], &rootless).unwrap_err();
        assert!(
            matches!(e, ApplyError::Chown { ref entry, uid: 70000, .. } if entry == "owned"),
            "{e}"
        );
        assert!(
            e.to_string()
                .contains("uid 70000 is outside the user namespace's mapping (check /etc/subuid)"),
            "{e}"
        );
        let env = Env::new();
        let squash = ApplyOptions {
            rootless: true,
            squash_ownership: true,
        };
        env.apply(&tar, &[], &squash).unwrap();
        assert_eq!(std::fs::metadata(env.dest.join("owned")).unwrap().uid(), 0);
    }
}
