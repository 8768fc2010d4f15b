//! Copying files into and out of a root directory as tar streams (`cp`, `export`).
//!
//! Both sides of a copy work on a directory fd standing for `/`: the container's root, or the
//! host's. Paths given by the user are resolved with `openat2(RESOLVE_IN_ROOT)`, so a symlink in
//! a container pointing at `/etc` or `../../..` stays inside the container. The final name is
//! only followed on request (`-L`), by reading the link and resolving its target again in the
//! root. Archive entries are then written beneath the destination directory through
//! `rootpath`, which refuses `..` and symlinks anywhere in an entry's parent path: a hostile
//! stream cannot write outside the destination on either side.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::{AtFlags, OFlag, OpenHow, ResolveFlag, openat, openat2, readlinkat};
use nix::sys::stat::{
    FchmodatFlags, FileStat, Mode, SFlag, UtimensatFlags, fchmodat, fstat, major, makedev, minor, mkdirat, mknodat,
    utimensat,
};
use nix::sys::statfs::{CGROUP_SUPER_MAGIC, CGROUP2_SUPER_MAGIC, PROC_SUPER_MAGIC, SYSFS_MAGIC, fstatfs};
use nix::sys::time::TimeSpec;
use nix::unistd::{Gid, Uid, UnlinkatFlags, fchownat, linkat, symlinkat, unlinkat};

use super::rootpath::{self, ChildError, ResolveError};

/// How many symlinks `-L` follows before giving up, as the kernel's limit.
const MAX_LINKS: usize = 40;
const BUF_SIZE: usize = 1 << 20;

#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error("{path}: no such file or directory")]
    NotFound { path: String },
    #[error("{path}: not a directory")]
    NotDirectory { path: String },
    #[error("{path}: invalid path: {reason}")]
    InvalidPath { path: String, reason: String },
    #[error("{path}: too many levels of symbolic links")]
    Loop { path: String },
    #[error("destination directory {path} does not exist")]
    DestinationDirMissing { path: String },
    #[error("cannot copy a directory to the non-directory {path}")]
    DirectoryToFile { path: String },
    #[error("destination {path} must be a directory when copying an archive from stdin")]
    StreamToFile { path: String },
    #[error("cannot overwrite directory {path:?} with non-directory (use --overwrite)")]
    OverwriteDirectory { path: String },
    #[error("cannot overwrite non-directory {path:?} with directory (use --overwrite)")]
    OverwriteNonDirectory { path: String },
    #[error("archive entry {entry:?} escapes the destination directory")]
    Escapes { entry: String },
    #[error("archive entry {entry:?} goes through the symlink {link:?}")]
    ThroughSymlink { entry: String, link: PathBuf },
    #[error("archive entry {entry:?}: {reason}")]
    InvalidEntry { entry: String, reason: String },
    #[error("archive entry {entry:?}: {source}")]
    Entry { entry: String, source: io::Error },
    #[error("reading the archive: {0}")]
    Read(io::Error),
    #[error("writing the archive: {0}")]
    Write(io::Error),
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
}

pub type Result<T, E = CopyError> = std::result::Result<T, E>;

fn io_at(path: &str) -> impl Fn(Errno) -> CopyError + '_ {
    move |e| CopyError::Io {
        path: path.to_string(),
        source: e.into(),
    }
}

fn entry_err(entry: &str) -> impl Fn(Errno) -> CopyError + '_ {
    move |e| CopyError::Entry {
        entry: entry.to_string(),
        source: e.into(),
    }
}

/// Opens `path` (a trusted host path, `/` for the host side) as the root paths are resolved in.
pub fn open_root(path: &Path) -> Result<OwnedFd> {
    openat(
        nix::fcntl::AT_FDCWD,
        path,
        OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .map_err(io_at(&path.display().to_string()))
}

/// A user-given path as Docker reads it: the normalised components, and whether it ends in
/// `/` or `/.` (which make it name a directory, the latter its contents).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserPath {
    /// The path as given, for messages.
    pub raw: String,
    /// Components after lexical normalisation against `/` (`..` never climbs above it).
    pub components: Vec<OsString>,
    pub trailing_slash: bool,
    /// Ends in `/.`: a directory source copies its contents, not itself.
    pub contents_only: bool,
}

impl UserPath {
    /// Parses `raw`, an absolute path in the root (relative paths count from `/`).
    pub fn parse(raw: &str) -> Result<UserPath> {
        if raw.contains('\0') {
            return Err(CopyError::InvalidPath {
                path: raw.to_string(),
                reason: "NUL byte".into(),
            });
        }
        let components = normalize(&[], raw.as_bytes());
        Ok(UserPath {
            raw: raw.to_string(),
            trailing_slash: raw.ends_with('/') || raw.ends_with("/.") || raw == ".",
            // A copy of `/` copies what is in it.
            contents_only: raw.ends_with("/.") || raw == "." || components.is_empty(),
            components,
        })
    }

    /// Whether this is the root itself.
    pub fn is_root(&self) -> bool {
        self.components.is_empty()
    }

    /// The name of the top entry of a copy of this path: its last component (the root, whose
    /// contents are copied, gets a stand-in).
    pub fn base_name(&self) -> OsString {
        self.components.last().cloned().unwrap_or_else(|| "rootfs".into())
    }
}

/// Appends the components of `path` to `base`, resolving `.` and `..` lexically.
fn normalize(base: &[OsString], path: &[u8]) -> Vec<OsString> {
    let mut out: Vec<OsString> = if path.starts_with(b"/") {
        Vec::new()
    } else {
        base.to_vec()
    };
    for part in path.split(|&b| b == b'/') {
        match part {
            b"" | b"." => {}
            b".." => {
                out.pop();
            }
            name => out.push(OsStr::from_bytes(name).to_os_string()),
        }
    }
    out
}

fn in_root_how(flags: OFlag) -> OpenHow {
    OpenHow::new()
        .flags(flags | OFlag::O_CLOEXEC)
        .resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS)
}

fn display(components: &[OsString]) -> String {
    let mut s = String::new();
    for c in components {
        s.push('/');
        s.push_str(&c.to_string_lossy());
    }
    if s.is_empty() { "/".into() } else { s }
}

/// A path located in a root: its parent directory, resolved in the root, and its final name
/// (`.` when it is the root itself), which may or may not exist.
#[derive(Debug)]
pub struct Located {
    pub dir: OwnedFd,
    pub name: OsString,
    /// The path, normalised and with followed symlinks replaced, for messages.
    pub shown: String,
}

impl Located {
    /// `lstat` of the final name; `None` when it does not exist.
    pub fn stat(&self) -> Result<Option<FileStat>> {
        rootpath::lstat_at(self.dir.as_fd(), &self.name).map_err(|source| CopyError::Io {
            path: self.shown.clone(),
            source,
        })
    }

    /// Opens the located directory as an `O_PATH` fd (the final name must not be a symlink).
    pub fn open_dir(&self) -> Result<OwnedFd> {
        openat(
            self.dir.as_fd(),
            self.name.as_os_str(),
            OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| match e {
            Errno::ENOTDIR | Errno::ELOOP => CopyError::NotDirectory {
                path: self.shown.clone(),
            },
            Errno::ENOENT => CopyError::NotFound {
                path: self.shown.clone(),
            },
            e => io_at(&self.shown)(e),
        })
    }
}

/// Finds `path` in the root `root`: symlinks on the way are resolved inside the root; the final
/// name is followed (again inside the root) when `follow` is set.
pub fn locate(root: BorrowedFd<'_>, path: &UserPath, follow: bool) -> Result<Located> {
    let mut comps = path.components.clone();
    for _ in 0..=MAX_LINKS {
        let shown = display(&comps);
        let Some((name, parent)) = comps.split_last() else {
            let dir = openat2(root, ".", in_root_how(OFlag::O_PATH | OFlag::O_DIRECTORY)).map_err(io_at("/"))?;
            return Ok(Located {
                dir,
                name: ".".into(),
                shown,
            });
        };
        let parent_path: PathBuf = if parent.is_empty() {
            PathBuf::from(".")
        } else {
            parent.iter().collect()
        };
        let dir =
            openat2(root, &parent_path, in_root_how(OFlag::O_PATH | OFlag::O_DIRECTORY)).map_err(|e| match e {
                Errno::ENOENT => CopyError::NotFound { path: display(parent) },
                Errno::ENOTDIR => CopyError::NotDirectory { path: display(parent) },
                e => io_at(&shown)(e),
            })?;
        if follow {
            let st = rootpath::lstat_at(dir.as_fd(), name).map_err(|source| CopyError::Io {
                path: shown.clone(),
                source,
            })?;
            if st.is_some_and(|st| rootpath::file_type(&st) == SFlag::S_IFLNK) {
                let target = readlinkat(dir.as_fd(), name.as_os_str()).map_err(io_at(&shown))?;
                comps = normalize(parent, target.as_bytes());
                continue;
            }
        }
        return Ok(Located {
            dir,
            name: name.clone(),
            shown,
        });
    }
    Err(CopyError::Loop { path: path.raw.clone() })
}

/// A copy source: located and checked against Docker's rules.
pub struct Source {
    pub located: Located,
    pub stat: FileStat,
    /// The name its top entry gets in the archive.
    pub top: OsString,
}

/// Locates and checks a copy source: it must exist, and name a directory when the path ends
/// in `/` or `/.`. `follow` is `-L`.
pub fn source(root: BorrowedFd<'_>, path: &UserPath, follow: bool) -> Result<Source> {
    let located = locate(root, path, follow || path.trailing_slash)?;
    let stat = located.stat()?.ok_or_else(|| CopyError::NotFound {
        path: located.shown.clone(),
    })?;
    if path.trailing_slash && rootpath::file_type(&stat) != SFlag::S_IFDIR {
        return Err(CopyError::NotDirectory {
            path: located.shown.clone(),
        });
    }
    Ok(Source {
        located,
        stat,
        top: path.base_name(),
    })
}

/// What a tar walk may skip.
#[derive(Debug, Clone, Copy, Default)]
pub struct TarOptions {
    /// Do not descend into directories on another filesystem (export: the container's own
    /// files, not /proc, /sys or /dev of a running container).
    pub one_file_system: bool,
}

/// Filesystems whose contents are never copied: kernel interfaces, not files.
fn pseudo_fs(fd: BorrowedFd<'_>) -> bool {
    fstatfs(fd).is_ok_and(|s| {
        let t = s.filesystem_type();
        t == PROC_SUPER_MAGIC || t == SYSFS_MAGIC || t == CGROUP_SUPER_MAGIC || t == CGROUP2_SUPER_MAGIC
    })
}

/// Writes `src` as a tar stream: its top entry is named `top` (with `None`, only what is below
/// a directory source is written, named relative to it). Ownership is written as this process
/// sees it, numerically; symlinks are archived, never followed.
pub fn write_tar(src: &Located, top: Option<&OsStr>, opts: TarOptions, out: &mut dyn Write) -> Result<()> {
    let mut w = TarWriter {
        builder: tar::Builder::new(out),
        links: HashMap::new(),
    };
    let st = src.stat()?.ok_or_else(|| CopyError::NotFound {
        path: src.shown.clone(),
    })?;
    let top_path = top.map(PathBuf::from).unwrap_or_default();
    if top.is_some() {
        w.entry(src.dir.as_fd(), &src.name, &st, &top_path, &src.shown)?;
    }
    if rootpath::file_type(&st) == SFlag::S_IFDIR {
        let dir = src.open_dir()?;
        if !pseudo_fs(dir.as_fd()) {
            w.walk(dir, &top_path, st.st_dev, opts, &src.shown)?;
        }
    }
    w.builder.finish().map_err(CopyError::Write)
}

struct TarWriter<'a> {
    builder: tar::Builder<&'a mut dyn Write>,
    /// Files with several links already written: (device, inode) to the entry name.
    links: HashMap<(u64, u64), PathBuf>,
}

/// One directory being walked: its path below the source and the names left to visit.
struct Frame {
    rel: PathBuf,
    names: Vec<OsString>,
    next: usize,
}

fn list_dir(parent: BorrowedFd<'_>, name: &OsStr, shown: &str) -> Result<(Vec<OsString>, OwnedFd)> {
    let fd = openat(
        parent,
        name,
        OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .map_err(io_at(shown))?;
    let mut names = Vec::new();
    let mut dir = nix::dir::Dir::from_fd(fd.try_clone().map_err(|e| CopyError::Io {
        path: shown.to_string(),
        source: e,
    })?)
    .map_err(io_at(shown))?;
    for ent in dir.iter() {
        let ent = ent.map_err(io_at(shown))?;
        let n = ent.file_name().to_bytes();
        if n != b"." && n != b".." {
            names.push(OsStr::from_bytes(n).to_os_string());
        }
    }
    names.sort();
    Ok((names, fd))
}

impl TarWriter<'_> {
    /// Walks the directory `dir` without recursion and without keeping one fd per level (a
    /// hostile tree may be deeper than the fd limit): the current directory is reopened from
    /// `dir`, beneath it and refusing symlinks, when the walk returns to it.
    fn walk(&mut self, dir: OwnedFd, top: &Path, root_dev: u64, opts: TarOptions, shown: &str) -> Result<()> {
        let (names, _) = list_dir(dir.as_fd(), OsStr::new("."), shown)?;
        let mut stack = vec![Frame {
            rel: PathBuf::new(),
            names,
            next: 0,
        }];
        let mut current: Option<(PathBuf, OwnedFd)> = None;
        while let Some(frame) = stack.last_mut() {
            let Some(name) = frame.names.get(frame.next).cloned() else {
                stack.pop();
                continue;
            };
            frame.next += 1;
            let rel = frame.rel.clone();
            if current.as_ref().is_none_or(|(p, _)| *p != rel) {
                let fd = rootpath::open_beneath(dir.as_fd(), &rel).map_err(|e| resolve_io(shown, e))?;
                current = Some((rel.clone(), fd));
            }
            let parent = current.as_ref().expect("just set").1.as_fd();
            let child_rel = rel.join(&name);
            let child_shown = format!("{}/{}", shown.trim_end_matches('/'), child_rel.display());
            // Gone since the listing: a live container changes under us.
            let Some(st) = rootpath::lstat_at(parent, &name).map_err(|source| CopyError::Io {
                path: child_shown.clone(),
                source,
            })?
            else {
                continue;
            };
            let entry_path = top.join(&child_rel);
            self.entry(parent, &name, &st, &entry_path, &child_shown)?;
            if rootpath::file_type(&st) != SFlag::S_IFDIR {
                continue;
            }
            let (names, fd) = match list_dir(parent, &name, &child_shown) {
                Ok(x) => x,
                Err(CopyError::Io { source, .. }) if source.raw_os_error() == Some(libc::ENOENT) => continue,
                Err(e) => return Err(e),
            };
            let st_now = fstat(fd.as_fd()).map_err(io_at(&child_shown))?;
            let descend = if opts.one_file_system {
                st_now.st_dev == root_dev
            } else {
                !pseudo_fs(fd.as_fd())
            };
            if descend {
                stack.push(Frame {
                    rel: child_rel,
                    names,
                    next: 0,
                });
            }
        }
        Ok(())
    }

    /// Appends one entry for `name` in `parent`, whose lstat is `st`.
    fn entry(&mut self, parent: BorrowedFd<'_>, name: &OsStr, st: &FileStat, path: &Path, shown: &str) -> Result<()> {
        let mut h = tar::Header::new_gnu();
        h.set_mode(st.st_mode & 0o7777);
        h.set_uid(u64::from(st.st_uid));
        h.set_gid(u64::from(st.st_gid));
        h.set_mtime(st.st_mtime.max(0) as u64);
        h.set_size(0);
        let ft = rootpath::file_type(st);
        // The top entry of a whole-root export has no name: it is not written.
        let path: &Path = if path.as_os_str().is_empty() {
            Path::new(".")
        } else {
            path
        };
        let write = CopyError::Write;
        match ft {
            SFlag::S_IFDIR => {
                h.set_entry_type(tar::EntryType::Directory);
                self.builder.append_data(&mut h, path, io::empty()).map_err(write)
            }
            SFlag::S_IFLNK => {
                let target = readlinkat(parent, name).map_err(io_at(shown))?;
                h.set_entry_type(tar::EntryType::Symlink);
                self.builder.append_link(&mut h, path, &target).map_err(write)
            }
            SFlag::S_IFREG => {
                let key = (st.st_dev, st.st_ino);
                if st.st_nlink > 1 {
                    if let Some(first) = self.links.get(&key) {
                        h.set_entry_type(tar::EntryType::Link);
                        let first = first.clone();
                        return self.builder.append_link(&mut h, path, &first).map_err(write);
                    }
                    self.links.insert(key, path.to_path_buf());
                }
                let fd = openat(
                    parent,
                    name,
                    OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_NOCTTY | OFlag::O_NONBLOCK | OFlag::O_CLOEXEC,
                    Mode::empty(),
                )
                .map_err(io_at(shown))?;
                let size = fstat(fd.as_fd()).map_err(io_at(shown))?.st_size.max(0) as u64;
                h.set_entry_type(tar::EntryType::Regular);
                h.set_size(size);
                let reader = ExactReader {
                    inner: File::from(fd),
                    left: size,
                };
                self.builder.append_data(&mut h, path, reader).map_err(write)
            }
            SFlag::S_IFCHR | SFlag::S_IFBLK | SFlag::S_IFIFO => {
                h.set_entry_type(match ft {
                    SFlag::S_IFCHR => tar::EntryType::Char,
                    SFlag::S_IFBLK => tar::EntryType::Block,
                    _ => tar::EntryType::Fifo,
                });
                if ft != SFlag::S_IFIFO {
                    h.set_device_major(major(st.st_rdev) as u32).map_err(write)?;
                    h.set_device_minor(minor(st.st_rdev) as u32).map_err(write)?;
                }
                self.builder.append_data(&mut h, path, io::empty()).map_err(write)
            }
            // Sockets cannot be archived (Docker skips them too).
            _ => Ok(()),
        }
    }
}

fn resolve_io(shown: &str, e: ResolveError) -> CopyError {
    CopyError::Io {
        path: shown.to_string(),
        source: io::Error::other(e.to_string()),
    }
}

/// Reads exactly `left` bytes: a file that shrank while being archived is padded with zeros,
/// one that grew is cut, so the entry always matches the size in its header.
struct ExactReader {
    inner: File,
    left: u64,
}

impl Read for ExactReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            return Ok(0);
        }
        let want = buf.len().min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = match self.inner.read(&mut buf[..want])? {
            0 => {
                buf[..want].fill(0);
                want
            }
            n => n,
        };
        self.left -= n as u64;
        Ok(n)
    }
}

/// What the destination of a copy is, as found before the copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DestKind {
    Missing,
    Directory,
    Other,
}

/// How archive entry names map to names in the destination directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameMap {
    /// As they are.
    AsIs,
    /// The first component is replaced (a copy to a new name).
    RenameTop(OsString),
    /// The first component is dropped (a directory's contents, `SRC/.`).
    StripTop,
}

/// Where a copy goes: into the destination itself, or into its parent under a new name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    Into(NameMap),
    IntoParent(NameMap),
}

/// Docker's rules for a copy of a source (a directory or not) to the destination `dst`, found
/// as `kind` at `located` (whose final name a copy to a new name takes).
pub fn place(
    dst: &UserPath,
    located: &Located,
    kind: DestKind,
    src_is_dir: bool,
    contents_only: bool,
    overwrite: bool,
) -> Result<Placement> {
    let rename = || NameMap::RenameTop(located.name.clone());
    match (kind, src_is_dir) {
        (DestKind::Directory, true) if contents_only => Ok(Placement::Into(NameMap::StripTop)),
        (DestKind::Directory, _) => Ok(Placement::Into(NameMap::AsIs)),
        (DestKind::Other, true) if !overwrite => Err(CopyError::DirectoryToFile { path: dst.raw.clone() }),
        (DestKind::Other, false) if dst.trailing_slash => Err(CopyError::NotDirectory { path: dst.raw.clone() }),
        (DestKind::Missing, false) if dst.trailing_slash => {
            Err(CopyError::DestinationDirMissing { path: dst.raw.clone() })
        }
        (DestKind::Missing | DestKind::Other, _) => Ok(Placement::IntoParent(rename())),
    }
}

/// The kind of a located destination (its final symlink already followed).
pub fn dest_kind(dst: &Located) -> Result<DestKind> {
    Ok(match dst.stat()? {
        None => DestKind::Missing,
        Some(st) if rootpath::file_type(&st) == SFlag::S_IFDIR => DestKind::Directory,
        Some(_) => DestKind::Other,
    })
}

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
/// Returns warnings (device nodes that could not be created).
pub fn extract(
    tar: &mut dyn Read,
    opts: ExtractOptions,
    decide: &mut dyn FnMut(&TopEntry) -> Result<Target>,
) -> Result<Vec<String>> {
    let mut archive = tar::Archive::new(io::BufReader::with_capacity(BUF_SIZE, tar));
    let mut ex: Option<Extractor> = None;
    for entry in archive.entries().map_err(CopyError::Read)? {
        let mut entry = entry.map_err(CopyError::Read)?;
        let kind = entry.header().entry_type();
        if kind.is_pax_global_extensions() || kind.is_pax_local_extensions() || kind.is_gnu_longname() {
            continue;
        }
        if ex.is_none() {
            // An archive may leave out its top directory's own entry and start with a child.
            let depth = rootpath::clean(&entry.path_bytes()).map_or(0, |p| p.iter().count());
            let is_dir = kind.is_dir() || depth > 1;
            let target = decide(&TopEntry { is_dir })?;
            ex = Some(Extractor {
                dir: target.dir,
                map: target.map,
                opts,
                dir_times: Vec::new(),
                warnings: Vec::new(),
                buf: vec![0; BUF_SIZE],
            });
        }
        ex.as_mut().expect("just set").entry(&mut entry)?;
    }
    match ex {
        Some(ex) => ex.finish(),
        None => Ok(Vec::new()),
    }
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

    fn entry<R: Read>(&mut self, entry: &mut tar::Entry<'_, R>) -> Result<()> {
        let raw = entry.path_bytes().into_owned();
        let name = String::from_utf8_lossy(&raw).into_owned();
        let Some(rel) = self.map_name(&raw, &name)? else {
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
        let mode = h.mode().map_err(|e| bad("mode", e))? & 0o7777;
        let uid = h.uid().map_err(|e| bad("uid", e))?;
        let gid = h.gid().map_err(|e| bad("gid", e))?;
        let mtime = TimeSpec::new(h.mtime().map_err(|e| bad("mtime", e))?.min(i64::MAX as u64) as i64, 0);

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

/// Extracts a copy's tar stream (as [`write_tar`] writes it, top entry first) to the path `dst`
/// in `root`, by Docker's rules: into `dst` when it is a directory, else as `dst`.
/// `contents_only` says the source was given as `DIR/.`.
pub fn extract_to(
    root: BorrowedFd<'_>,
    dst: &UserPath,
    tar: &mut dyn Read,
    opts: ExtractOptions,
    contents_only: bool,
) -> Result<Vec<String>> {
    let located = locate(root, dst, true)?;
    let kind = dest_kind(&located)?;
    extract(tar, opts, &mut |top| {
        Ok(
            match place(dst, &located, kind, top.is_dir, contents_only, opts.overwrite)? {
                Placement::Into(map) => Target {
                    dir: located.open_dir()?,
                    map,
                },
                Placement::IntoParent(map) => Target {
                    dir: located.dir.try_clone().map_err(|source| CopyError::Io {
                        path: located.shown.clone(),
                        source,
                    })?,
                    map,
                },
            },
        )
    })
}

/// Extracts an arbitrary tar stream (`cp - CTR:DIR`) into the existing directory `dst` in
/// `root`, names as they are.
pub fn extract_stream_to(
    root: BorrowedFd<'_>,
    dst: &UserPath,
    tar: &mut dyn Read,
    opts: ExtractOptions,
) -> Result<Vec<String>> {
    let located = locate(root, dst, true)?;
    match dest_kind(&located)? {
        DestKind::Directory => {}
        DestKind::Missing => return Err(CopyError::NotFound { path: dst.raw.clone() }),
        DestKind::Other => return Err(CopyError::StreamToFile { path: dst.raw.clone() }),
    }
    let mut dir = Some(located.open_dir()?);
    extract(tar, opts, &mut |_| {
        Ok(Target {
            dir: dir.take().expect("decided once"),
            map: NameMap::AsIs,
        })
    })
}
