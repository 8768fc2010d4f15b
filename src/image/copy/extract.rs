//! Extracting a tar stream beneath a destination directory, refusing `..` and symlinks in
//! entries' parent paths.

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::{AtFlags, OFlag, openat};
use nix::sys::stat::{FchmodatFlags, Mode, SFlag, UtimensatFlags, fchmodat, makedev, mkdirat, mknodat, utimensat};
use nix::sys::time::TimeSpec;
use nix::unistd::{Gid, Uid, UnlinkatFlags, fchownat, linkat, symlinkat, unlinkat};

use super::{BUF_SIZE, CopyError, NameMap, Result, entry_err};
use crate::image::sparse::{self, SpaceBudget, Sparse, SparseError};
use crate::sys::rootpath::{self, ChildError, ResolveError};

/// Who owns what is extracted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// The numeric ids in the archive (`-a`).
    Keep,
    /// These ids (the container's root).
    Set(u32, u32),
    /// Whoever this process is (copies to the host).
    Process,
}

#[derive(Debug, Clone, Copy)]
pub struct ExtractOptions {
    pub owner: Owner,
    /// Replace directories by non-directories and the reverse.
    pub overwrite: bool,
}

/// The first entry of an archive: the copy's top item.
#[derive(Debug)]
pub struct TopEntry {
    pub is_dir: bool,
}

/// The directory entries are extracted beneath, and how their names map.
pub struct Target {
    pub dir: OwnedFd,
    pub map: NameMap,
}

/// Extracts `tar` beneath a directory chosen by `decide` once the first entry is known.
/// Returns warnings (device nodes that could not be created). A copy that fails leaves
/// nothing of itself where nothing was: the top entry it created is removed.
pub fn extract(
    tar: &mut dyn Read,
    opts: ExtractOptions,
    decide: &mut dyn FnMut(&TopEntry) -> Result<Target>,
) -> Result<Vec<String>> {
    let mut created = None;
    let result = extract_entries(tar, opts, decide, &mut created);
    if result.is_err()
        && let Some((dir, name)) = created
    {
        let _ = rootpath::remove_all_at(dir.as_fd(), &name);
    }
    result
}

/// The copy's top entry in the target directory, when it does not exist yet (the copy will
/// create it); `None` for a copy of a directory's contents into another.
fn new_top(target: &Target, first: &[u8]) -> Option<(OwnedFd, OsString)> {
    let name = match &target.map {
        NameMap::RenameTop(n) => n.clone(),
        NameMap::AsIs => rootpath::clean(first).ok()?.iter().next()?.to_os_string(),
        NameMap::StripTop => return None,
    };
    match rootpath::lstat_at(target.dir.as_fd(), &name) {
        Ok(None) => Some((target.dir.try_clone().ok()?, name)),
        _ => None,
    }
}

fn extract_entries(
    tar: &mut dyn Read,
    opts: ExtractOptions,
    decide: &mut dyn FnMut(&TopEntry) -> Result<Target>,
    created: &mut Option<(OwnedFd, OsString)>,
) -> Result<Vec<String>> {
    let mut archive = tar::Archive::new(io::BufReader::with_capacity(BUF_SIZE, tar));
    let mut ex: Option<Extractor> = None;
    for entry in archive.entries().map_err(CopyError::Read)? {
        let mut entry = entry.map_err(CopyError::Read)?;
        let kind = entry.header().entry_type();
        if kind.is_pax_global_extensions() || kind.is_pax_local_extensions() || kind.is_gnu_longname() {
            continue;
        }
        let sparse = sparse::detect(&mut entry).map_err(|source| CopyError::Sparse {
            entry: String::from_utf8_lossy(&entry.path_bytes()).into_owned(),
            source,
        })?;
        // A PAX sparse file's entry has a made-up name; its real one is in its records.
        let raw = match sparse.as_ref().and_then(Sparse::name) {
            Some(real) => real.to_vec(),
            None => entry.path_bytes().into_owned(),
        };
        if ex.is_none() {
            // An archive may leave out its top directory's own entry and start with a child.
            let depth = rootpath::clean(&raw).map_or(0, |p| p.iter().count());
            let is_dir = kind.is_dir() || depth > 1;
            let target = decide(&TopEntry { is_dir })?;
            *created = new_top(&target, &raw);
            ex = Some(Extractor {
                dir: target.dir,
                map: target.map,
                opts,
                dir_times: Vec::new(),
                warnings: Vec::new(),
                buf: vec![0; BUF_SIZE],
                budget: SpaceBudget::default(),
            });
        }
        if let Some(ex) = ex.as_mut() {
            ex.entry(&mut entry, &raw, sparse.as_ref())?;
        }
    }
    let Some(ex) = ex else {
        return Ok(Vec::new());
    };
    // The parser stops at the first zero block of the end of the archive, or where the
    // stream stops: a second block must follow, or the writer failed halfway (the other side
    // of a copy died), and the copy is incomplete.
    let mut rest = archive.into_inner();
    let mut probe = [0u8; 1];
    if matches!(rest.read(&mut probe), Ok(0)) {
        return Err(CopyError::Read(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the archive ends early, without its end-of-archive blocks",
        )));
    }
    ex.finish()
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

struct Extractor {
    dir: OwnedFd,
    map: NameMap,
    opts: ExtractOptions,
    /// Directory modes and times, set last: writing children changes the times, and a
    /// read-only directory would refuse its children to a caller without CAP_DAC_OVERRIDE.
    dir_times: Vec<(PathBuf, u32, TimeSpec)>,
    warnings: Vec<String>,
    buf: Vec<u8>,
    /// What sparse files may still take of the destination's filesystem.
    budget: SpaceBudget,
}

impl Extractor {
    /// The destination-relative path of an archive name; `None` for the destination itself.
    fn map_name(&self, raw: &[u8], entry: &str) -> Result<Option<PathBuf>> {
        let rel = rootpath::clean(raw).map_err(|e| match e {
            rootpath::CleanError::DotDot => CopyError::Escapes {
                entry: entry.to_string(),
            },
            e => CopyError::InvalidEntry {
                entry: entry.to_string(),
                reason: e.to_string(),
            },
        })?;
        // Mapped on the raw components: the top of a copy of `/` is `.`, which `clean` drops.
        let mut parts = raw
            .split(|&b| b == b'/')
            .filter(|p| !p.is_empty())
            .map(OsStr::from_bytes);
        let mapped: PathBuf = match &self.map {
            NameMap::AsIs => rel,
            NameMap::RenameTop(new) => {
                parts.next();
                std::iter::once(new.as_os_str())
                    .chain(parts.filter(|p| *p != "."))
                    .collect()
            }
            NameMap::StripTop => {
                parts.next();
                parts.filter(|p| *p != ".").collect()
            }
        };
        Ok((!mapped.as_os_str().is_empty()).then_some(mapped))
    }

    /// Resolves the parent directory of an entry beneath the destination, creating missing
    /// directories and refusing symlinks.
    fn parent(&self, rel: &Path, entry: &str) -> Result<OwnedFd> {
        match rootpath::open_beneath(self.dir.as_fd(), rel) {
            Ok(fd) => return Ok(fd),
            Err(ResolveError::NotFound { .. }) => {}
            Err(e) => return Err(self.resolve_error(entry, e)),
        }
        let mut cur =
            rootpath::open_beneath(self.dir.as_fd(), Path::new("")).map_err(|e| self.resolve_error(entry, e))?;
        let mut done = PathBuf::new();
        for name in rel.iter() {
            done.push(name);
            cur = match rootpath::open_child_dir(cur.as_fd(), name) {
                Ok(fd) => fd,
                Err(ChildError::NotFound) => {
                    match mkdirat(cur.as_fd(), name, Mode::from_bits_truncate(0o755)) {
                        Ok(()) | Err(Errno::EEXIST) => {}
                        Err(e) => return Err(entry_err(entry)(e)),
                    }
                    rootpath::open_child_dir(cur.as_fd(), name).map_err(|e| self.resolve_error(entry, e.at(&done)))?
                }
                Err(e) => return Err(self.resolve_error(entry, e.at(&done))),
            };
        }
        Ok(cur)
    }

    fn resolve_error(&self, entry: &str, e: ResolveError) -> CopyError {
        match e {
            ResolveError::Symlink { link } => CopyError::ThroughSymlink {
                entry: entry.to_string(),
                link,
            },
            ResolveError::Io { source, .. } => CopyError::Entry {
                entry: entry.to_string(),
                source,
            },
            e => CopyError::InvalidEntry {
                entry: entry.to_string(),
                reason: e.to_string(),
            },
        }
    }

    /// Extracts `entry`, whose (real) name is `raw`.
    fn entry<R: Read>(&mut self, entry: &mut tar::Entry<'_, R>, raw: &[u8], sparse: Option<&Sparse>) -> Result<()> {
        let name = String::from_utf8_lossy(raw).into_owned();
        let Some(rel) = self.map_name(raw, &name)? else {
            return Ok(());
        };
        let (parent_rel, file) = rootpath::split(&rel).expect("non-empty path");
        let file = file.to_os_string();
        let h = entry.header().clone();
        let kind = h.entry_type();
        let bad = |what: &str, e: io::Error| CopyError::InvalidEntry {
            entry: name.clone(),
            reason: format!("bad {what} field: {e}"),
        };
        let old = h.as_old();
        let mode = lenient(h.mode().map(u64::from), &old.mode).map_err(|e| bad("mode", e))? as u32 & 0o7777;
        let uid = lenient(h.uid(), &old.uid).map_err(|e| bad("uid", e))?;
        let gid = lenient(h.gid(), &old.gid).map_err(|e| bad("gid", e))?;
        let secs = lenient(h.mtime(), &old.mtime).map_err(|e| bad("mtime", e))?;
        let mtime = TimeSpec::new(secs.min(i64::MAX as u64) as i64, 0);

        // Hardlink targets are checked before anything is removed.
        let link = if kind.is_hard_link() {
            let raw_target = entry.link_name_bytes().unwrap_or_default().into_owned();
            let target = self
                .map_name(&raw_target, &name)?
                .ok_or_else(|| CopyError::InvalidEntry {
                    entry: name.clone(),
                    reason: "hardlink to the destination directory".into(),
                })?;
            let (tp, tf) = rootpath::split(&target).expect("non-empty path");
            let tdir = rootpath::open_beneath(self.dir.as_fd(), tp).map_err(|e| self.resolve_error(&name, e))?;
            match rootpath::lstat_at(tdir.as_fd(), tf) {
                Ok(Some(st)) if rootpath::file_type(&st) != SFlag::S_IFDIR => {}
                _ => {
                    return Err(CopyError::InvalidEntry {
                        entry: name,
                        reason: format!("hardlink target {:?} is not a file extracted here", target),
                    });
                }
            }
            if target == rel {
                return Ok(());
            }
            Some((tdir, tf.to_os_string()))
        } else {
            None
        };

        let parent = self.parent(parent_rel, &name)?;
        let pfd = parent.as_fd();
        let existing = rootpath::lstat_at(pfd, &file).map_err(|source| CopyError::Entry {
            entry: name.clone(),
            source,
        })?;
        let existing_dir = existing.as_ref().map(|st| rootpath::file_type(st) == SFlag::S_IFDIR);
        let shown = rel.display().to_string();
        match (existing_dir, kind.is_dir()) {
            (Some(true), true) | (None, _) => {}
            (Some(true), false) => {
                if !self.opts.overwrite {
                    return Err(CopyError::OverwriteDirectory { path: shown });
                }
                rootpath::remove_all_at(pfd, &file).map_err(|source| CopyError::Entry {
                    entry: name.clone(),
                    source,
                })?;
            }
            (Some(false), true) if !self.opts.overwrite => {
                return Err(CopyError::OverwriteNonDirectory { path: shown });
            }
            // A file (or symlink: never written through) is replaced.
            (Some(false), _) => {
                unlinkat(pfd, file.as_os_str(), UnlinkatFlags::NoRemoveDir).map_err(entry_err(&name))?
            }
        }

        let chmod = if kind.is_dir() {
            if existing_dir != Some(true) {
                mkdirat(pfd, file.as_os_str(), Mode::from_bits_truncate(0o700)).map_err(entry_err(&name))?;
            }
            self.dir_times.push((rel.clone(), mode, mtime));
            false
        } else if kind.is_symlink() {
            let target = entry.link_name_bytes().ok_or_else(|| CopyError::InvalidEntry {
                entry: name.clone(),
                reason: "symlink without a target".into(),
            })?;
            symlinkat(OsStr::from_bytes(&target), pfd, file.as_os_str()).map_err(entry_err(&name))?;
            false
        } else if let Some((tdir, tname)) = link {
            // Without AT_SYMLINK_FOLLOW: a hardlink to a symlink links the symlink itself.
            return linkat(tdir.as_fd(), tname.as_os_str(), pfd, file.as_os_str(), AtFlags::empty())
                .map_err(entry_err(&name));
        } else if kind.is_character_special() || kind.is_block_special() || kind.is_fifo() {
            let (sflag, dev) = if kind.is_fifo() {
                (SFlag::S_IFIFO, 0)
            } else {
                let num =
                    |v: io::Result<Option<u32>>| v.map(|v| u64::from(v.unwrap_or(0))).map_err(|e| bad("device", e));
                let sflag = if kind.is_character_special() {
                    SFlag::S_IFCHR
                } else {
                    SFlag::S_IFBLK
                };
                (sflag, makedev(num(h.device_major())?, num(h.device_minor())?))
            };
            match mknodat(pfd, file.as_os_str(), sflag, Mode::from_bits_truncate(0o600), dev) {
                Ok(()) => true,
                Err(Errno::EPERM) if sflag != SFlag::S_IFIFO => {
                    self.warnings.push(format!(
                        "device node {name:?} skipped: creating device nodes needs real root"
                    ));
                    return Ok(());
                }
                Err(e) => return Err(entry_err(&name)(e)),
            }
        } else if let Some(s) = sparse {
            let fd = openat(
                pfd,
                file.as_os_str(),
                OFlag::O_WRONLY | OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
                Mode::from_bits_truncate(0o600),
            )
            .map_err(entry_err(&name))?;
            s.write(entry, &File::from(fd), &mut self.buf, &mut self.budget)
                .map_err(|source| match source {
                    SparseError::Read(e) => CopyError::Read(e),
                    source => CopyError::Sparse {
                        entry: name.clone(),
                        source,
                    },
                })?;
            true
        } else if kind.is_file() || kind.is_contiguous() {
            let fd = openat(
                pfd,
                file.as_os_str(),
                OFlag::O_WRONLY | OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
                Mode::from_bits_truncate(0o600),
            )
            .map_err(entry_err(&name))?;
            let mut f = File::from(fd);
            loop {
                let n = match entry.read(&mut self.buf) {
                    Ok(0) => break,
                    Ok(n) => n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(CopyError::Read(e)),
                };
                f.write_all(&self.buf[..n]).map_err(|source| CopyError::Entry {
                    entry: name.clone(),
                    source,
                })?;
            }
            true
        } else {
            return Err(CopyError::InvalidEntry {
                entry: name,
                reason: format!("unsupported entry type {:?}", kind.as_byte() as char),
            });
        };
        self.finish_node(&name, pfd, &file, mode, (uid, gid), mtime, chmod, kind.is_dir())
    }

    #[allow(clippy::too_many_arguments)]
    fn finish_node(
        &self,
        name: &str,
        dir: BorrowedFd<'_>,
        file: &OsStr,
        mode: u32,
        (uid, gid): (u64, u64),
        mtime: TimeSpec,
        chmod: bool,
        is_dir: bool,
    ) -> Result<()> {
        let ids = match self.opts.owner {
            Owner::Keep => Some((uid, gid)),
            Owner::Set(u, g) => Some((u64::from(u), u64::from(g))),
            Owner::Process => None,
        };
        if let Some((uid, gid)) = ids {
            let (u, g) = match (u32::try_from(uid), u32::try_from(gid)) {
                (Ok(u), Ok(g)) if u != u32::MAX && g != u32::MAX => (u, g),
                _ => {
                    return Err(CopyError::InvalidEntry {
                        entry: name.to_string(),
                        reason: format!("owner {uid}:{gid} out of range"),
                    });
                }
            };
            fchownat(
                dir,
                file,
                Some(Uid::from_raw(u)),
                Some(Gid::from_raw(g)),
                AtFlags::AT_SYMLINK_NOFOLLOW,
            )
            .map_err(|e| match e {
                Errno::EINVAL => CopyError::InvalidEntry {
                    entry: name.to_string(),
                    reason: format!("owner {uid}:{gid} is not mapped in the container's user namespace"),
                },
                e => entry_err(name)(e),
            })?;
        }
        if chmod {
            // Just created or a directory merged into: not a symlink (checked by lstat).
            fchmodat(dir, file, Mode::from_bits_truncate(mode), FchmodatFlags::FollowSymlink)
                .map_err(entry_err(name))?;
        }
        if !is_dir {
            utimensat(dir, file, &mtime, &mtime, UtimensatFlags::NoFollowSymlink).map_err(entry_err(name))?;
        }
        Ok(())
    }

    fn finish(self) -> Result<Vec<String>> {
        for (rel, mode, mtime) in self.dir_times.iter().rev() {
            let (parent, file) = rootpath::split(rel).expect("non-empty path");
            let name = rel.display().to_string();
            // Gone or replaced by a later entry: nothing to set.
            let Ok(fd) = rootpath::open_beneath(self.dir.as_fd(), parent) else {
                continue;
            };
            match rootpath::lstat_at(fd.as_fd(), file) {
                Ok(Some(st)) if rootpath::file_type(&st) == SFlag::S_IFDIR => {}
                _ => continue,
            }
            fchmodat(
                fd.as_fd(),
                file,
                Mode::from_bits_truncate(*mode),
                FchmodatFlags::FollowSymlink,
            )
            .map_err(entry_err(&name))?;
            match utimensat(fd.as_fd(), file, mtime, mtime, UtimensatFlags::NoFollowSymlink) {
                Ok(()) | Err(Errno::ENOENT) => {}
                Err(e) => return Err(entry_err(&name)(e)),
            }
        }
        Ok(self.warnings)
    }
}
