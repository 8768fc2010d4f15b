//! Where build steps change files: overlay mounts made by ferry itself (in a private mount
//! namespace of its own), and file operations beneath such a root that resolve every untrusted
//! path with `openat2(RESOLVE_IN_ROOT)`, so symlinks in an image or a context never lead out.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use nix::errno::Errno;
use nix::fcntl::{AtFlags, OFlag, OpenHow, ResolveFlag, openat, openat2};
use nix::mount::{MntFlags, MsFlags, mount, umount2};
use nix::sys::stat::{Mode, UtimensatFlags, fstat, mkdirat, utimensat};
use nix::sys::time::TimeSpec;
use nix::unistd::{Gid, Uid, fchownat};

#[derive(Debug, thiserror::Error)]
#[error("{what} {}: {}", path.display(), errno.desc())]
pub struct FsError {
    pub what: &'static str,
    pub path: PathBuf,
    pub errno: Errno,
}

pub type Result<T, E = FsError> = std::result::Result<T, E>;

fn fs_err(what: &'static str, path: impl AsRef<Path>) -> impl Fn(Errno) -> FsError {
    let path = path.as_ref().to_path_buf();
    move |errno| FsError {
        what,
        path: path.clone(),
        errno,
    }
}

fn io_errno(e: std::io::Error) -> Errno {
    Errno::from_raw(e.raw_os_error().unwrap_or(libc::EIO))
}

static IN_MOUNT_NS: AtomicBool = AtomicBool::new(false);

/// Moves ferry into a mount namespace of its own (once), so the overlays it mounts to copy files
/// are invisible to the host and vanish with the process. Rootless, the caller is already in
/// ferry's user namespace, which owns the new mount namespace.
pub fn private_mounts() -> Result<()> {
    if IN_MOUNT_NS.load(Ordering::Relaxed) {
        return Ok(());
    }
    nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNS).map_err(fs_err("unshare the mount namespace", "/"))?;
    mount(
        None::<&str>,
        "/",
        None::<&str>,
        MsFlags::MS_REC | MsFlags::MS_PRIVATE,
        None::<&str>,
    )
    .map_err(fs_err("making mounts private", "/"))?;
    IN_MOUNT_NS.store(true, Ordering::Relaxed);
    Ok(())
}

/// An overlay mounted by ferry; unmounted when dropped.
#[derive(Debug)]
pub struct Mounted {
    path: PathBuf,
}

impl Mounted {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = umount2(&self.path, MntFlags::MNT_DETACH);
    }
}

/// Mounts an overlay of `lowers` (absolute, top first; at least one) at `target`, writable
/// through `upper`/`work` when given, read-only otherwise. `userxattr`: rootless overlay.
pub fn mount_overlay(
    target: &Path,
    lowers: &[PathBuf],
    upper: Option<(&Path, &Path)>,
    userxattr: bool,
) -> Result<Mounted> {
    private_mounts()?;
    let mut opts = format!(
        "lowerdir={}",
        lowers
            .iter()
            .map(|l| l.display().to_string())
            .collect::<Vec<_>>()
            .join(":")
    );
    if let Some((u, w)) = upper {
        opts.push_str(&format!(",upperdir={},workdir={}", u.display(), w.display()));
    }
    if userxattr {
        opts.push_str(",userxattr");
    }
    let flags = if upper.is_some() {
        MsFlags::empty()
    } else {
        MsFlags::MS_RDONLY
    };
    mount(Some("overlay"), target, Some("overlay"), flags, Some(opts.as_str()))
        .map_err(fs_err("mounting an overlay on", target))?;
    Ok(Mounted {
        path: target.to_path_buf(),
    })
}

/// Lexically normalises a path taken from a Containerfile relative to a root: `.` and empty
/// components dropped, `..` applied; `None` when `..` would climb above the root.
pub fn normalize(path: &str) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in Path::new(path).components() {
        match c {
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(n) => out.push(n),
        }
    }
    Some(out)
}

/// A directory that paths are resolved in as if it were `/`.
#[derive(Debug)]
pub struct RootDir {
    fd: OwnedFd,
    path: PathBuf,
}

fn in_root(flags: OFlag) -> OpenHow {
    OpenHow::new()
        .flags(flags | OFlag::O_CLOEXEC)
        .resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS)
}

/// Ownership and mode for entries a step creates.
#[derive(Debug, Clone, Copy, Default)]
pub struct Owner {
    pub uid: u32,
    pub gid: u32,
}

impl RootDir {
    pub fn open(path: &Path) -> Result<RootDir> {
        let fd = openat(
            nix::fcntl::AT_FDCWD,
            path,
            OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
            Mode::empty(),
        )
        .map_err(fs_err("opening", path))?;
        Ok(RootDir {
            fd,
            path: path.to_path_buf(),
        })
    }

    /// The host path of the root (for messages, and for walking trusted trees).
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn rel(path: &Path) -> &Path {
        let r = path.strip_prefix("/").unwrap_or(path);
        if r.as_os_str().is_empty() { Path::new(".") } else { r }
    }

    /// Opens `path` (inside the root; symlinks followed within it) with `flags`.
    pub fn open_in(&self, path: &Path, flags: OFlag) -> Result<Option<OwnedFd>> {
        match openat2(self.fd.as_fd(), Self::rel(path), in_root(flags)) {
            Ok(fd) => Ok(Some(fd)),
            Err(Errno::ENOENT) => Ok(None),
            Err(e) => Err(fs_err("opening", self.path.join(Self::rel(path)))(e)),
        }
    }

    /// Whether `path` resolves (following symlinks) to a directory.
    pub fn is_dir(&self, path: &Path) -> Result<bool> {
        Ok(self
            .open_in(path, OFlag::O_PATH | OFlag::O_DIRECTORY)
            .or_else(not_dir_none)?
            .is_some())
    }

    /// Creates the directory `path` and any missing parents (`mode`, `owner`); returns it open.
    pub fn mkdir_all(&self, path: &Path, mode: u32, owner: Owner) -> Result<OwnedFd> {
        self.mkdir_all_depth(path, mode, owner, 0)
    }

    fn mkdir_all_depth(&self, path: &Path, mode: u32, owner: Owner, depth: usize) -> Result<OwnedFd> {
        let full = self.path.join(Self::rel(path));
        // As the kernel's limit on nested symlinks.
        if depth > 40 {
            return Err(fs_err("creating directory", &full)(Errno::ELOOP));
        }
        if let Some(fd) = self.open_in(path, OFlag::O_PATH | OFlag::O_DIRECTORY)? {
            return Ok(fd);
        }
        // The root itself was found above unless it went away meanwhile.
        let (parent, name) = split(path).ok_or_else(|| fs_err("opening", &full)(Errno::ENOENT))?;
        let pfd = self.mkdir_all_depth(parent, mode, owner, depth + 1)?;
        match mkdirat(pfd.as_fd(), name, Mode::from_bits_truncate(mode)) {
            Ok(()) => set_owner_mode(pfd.as_fd(), name, owner, Some(mode), &full)?,
            // A dangling symlink is in the way: create its target, inside the root.
            Err(Errno::EEXIST) => {
                if let Ok(target) = nix::fcntl::readlinkat(pfd.as_fd(), name) {
                    let base = Path::new("/").join(parent);
                    let joined = if Path::new(&target).is_absolute() {
                        PathBuf::from(&target)
                    } else {
                        base.join(&target)
                    };
                    let inside = Path::new("/").join(clamp(&joined));
                    self.mkdir_all_depth(&inside, mode, owner, depth + 1)?;
                }
            }
            Err(e) => return Err(fs_err("creating directory", &full)(e)),
        }
        self.open_in(path, OFlag::O_PATH | OFlag::O_DIRECTORY)?
            .ok_or_else(|| fs_err("creating directory", &full)(Errno::ENOTDIR))
    }

    /// Removes whatever is at `name` in `dir` unless it is a directory and `keep_dir` (merging).
    fn clear(dir: BorrowedFd<'_>, name: &OsStr, keep_dir: bool, full: &Path) -> Result<bool> {
        match nix::sys::stat::fstatat(dir, name, AtFlags::AT_SYMLINK_NOFOLLOW) {
            Err(Errno::ENOENT) => Ok(false),
            Err(e) => Err(fs_err("stat", full)(e)),
            Ok(st) if st.st_mode & libc::S_IFMT == libc::S_IFDIR => {
                if keep_dir {
                    return Ok(true);
                }
                crate::sys::rootpath::remove_all_at(dir, name).map_err(|e| fs_err("removing", full)(io_errno(e)))?;
                Ok(false)
            }
            Ok(_) => {
                nix::unistd::unlinkat(dir, name, nix::unistd::UnlinkatFlags::NoRemoveDir)
                    .map_err(fs_err("removing", full))?;
                Ok(false)
            }
        }
    }

    /// Writes a regular file at `path` (replacing what is there) from `data`.
    pub fn write_file(&self, path: &Path, data: &mut dyn Read, meta: &EntryMeta) -> Result<()> {
        self.create_file(path, meta, |f, full| {
            std::io::copy(data, f).map_err(|e| fs_err("writing", full)(io_errno(e)))?;
            f.flush().map_err(|e| fs_err("writing", full)(io_errno(e)))
        })
    }

    /// Creates the file `path` (replacing what is there), lets `fill` write it (given the file
    /// and its full path), then gives it `meta`.
    pub fn create_file<E: From<FsError>>(
        &self,
        path: &Path,
        meta: &EntryMeta,
        fill: impl FnOnce(&mut std::fs::File, &Path) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let (parent, name) = split(path).ok_or_else(|| fs_err("writing", &self.path)(Errno::EISDIR))?;
        let full = self.path.join(Self::rel(path));
        let dir = self.mkdir_all(parent, 0o755, meta.parent_owner)?;
        Self::clear(dir.as_fd(), name, false, &full)?;
        let fd = openat(
            dir.as_fd(),
            name,
            OFlag::O_WRONLY | OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
            Mode::from_bits_truncate(0o600),
        )
        .map_err(fs_err("creating", &full))?;
        fill(&mut std::fs::File::from(fd), &full)?;
        Ok(self.finish_entry(dir.as_fd(), name, meta, false, &full)?)
    }

    /// Creates (or keeps, when it exists) the directory `path` with `meta`.
    pub fn make_dir(&self, path: &Path, meta: &EntryMeta) -> Result<()> {
        let Some((parent, name)) = split(path) else {
            return Ok(());
        };
        let full = self.path.join(Self::rel(path));
        let dir = self.mkdir_all(parent, 0o755, meta.parent_owner)?;
        let existed = Self::clear(dir.as_fd(), name, true, &full)?;
        if !existed {
            mkdirat(dir.as_fd(), name, Mode::from_bits_truncate(0o700)).map_err(fs_err("creating directory", &full))?;
        }
        self.finish_entry(dir.as_fd(), name, meta, false, &full)
    }

    /// Creates a symlink at `path` pointing to `target` (replacing what is there).
    pub fn symlink(&self, path: &Path, target: &OsStr, meta: &EntryMeta) -> Result<()> {
        let (parent, name) = split(path).ok_or_else(|| fs_err("writing", &self.path)(Errno::EISDIR))?;
        let full = self.path.join(Self::rel(path));
        let dir = self.mkdir_all(parent, 0o755, meta.parent_owner)?;
        Self::clear(dir.as_fd(), name, false, &full)?;
        nix::unistd::symlinkat(target, dir.as_fd(), name).map_err(fs_err("creating symlink", &full))?;
        self.finish_entry(dir.as_fd(), name, meta, true, &full)
    }

    /// Creates a hard link at `path` to `target` (both inside the root).
    pub fn hardlink(&self, path: &Path, target: &Path, meta: &EntryMeta) -> Result<()> {
        let (parent, name) = split(path).ok_or_else(|| fs_err("writing", &self.path)(Errno::EISDIR))?;
        let full = self.path.join(Self::rel(path));
        let (tparent, tname) = split(target).ok_or_else(|| fs_err("linking to", &self.path)(Errno::EISDIR))?;
        let tdir = self
            .open_in(tparent, OFlag::O_PATH | OFlag::O_DIRECTORY)?
            .ok_or_else(|| fs_err("linking to", self.path.join(Self::rel(target)))(Errno::ENOENT))?;
        let dir = self.mkdir_all(parent, 0o755, meta.parent_owner)?;
        Self::clear(dir.as_fd(), name, false, &full)?;
        nix::unistd::linkat(tdir.as_fd(), tname, dir.as_fd(), name, AtFlags::empty())
            .map_err(fs_err("creating hard link", &full))
    }

    fn finish_entry(&self, dir: BorrowedFd<'_>, name: &OsStr, meta: &EntryMeta, link: bool, full: &Path) -> Result<()> {
        set_owner_mode(dir, name, meta.owner, (!link).then_some(meta.mode), full)?;
        if let Some((sec, nsec)) = meta.mtime {
            let t = TimeSpec::new(sec, nsec);
            utimensat(dir, name, &t, &t, UtimensatFlags::NoFollowSymlink).map_err(fs_err("setting times of", full))?;
        }
        Ok(())
    }
}

/// Sets the owner and (unless `None`, for symlinks) the mode of `name` in `dir`, never following
/// a symlink: the mode is set through an fd of the entry itself.
fn set_owner_mode(dir: BorrowedFd<'_>, name: &OsStr, owner: Owner, mode: Option<u32>, full: &Path) -> Result<()> {
    fchownat(
        dir,
        name,
        Some(Uid::from_raw(owner.uid)),
        Some(Gid::from_raw(owner.gid)),
        AtFlags::AT_SYMLINK_NOFOLLOW,
    )
    .map_err(fs_err("chown", full))?;
    if let Some(mode) = mode {
        // After chown, which clears set-id bits; O_PATH fds cannot fchmod, so open for reading.
        let fd = openat(
            dir,
            name,
            OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_NONBLOCK | OFlag::O_CLOEXEC,
            Mode::empty(),
        )
        .map_err(fs_err("opening", full))?;
        nix::sys::stat::fchmod(fd.as_fd(), Mode::from_bits_truncate(mode & 0o7777)).map_err(fs_err("chmod", full))?;
    }
    Ok(())
}

/// Lexically resolves `.` and `..` in an absolute path, with `..` at the root staying there
/// (as path resolution inside a root does); returns the path relative to the root.
fn clamp(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(n) => out.push(n),
            _ => {}
        }
    }
    out
}

/// `ENOTDIR` while resolving means "not there" for the callers that probe.
fn not_dir_none(e: FsError) -> Result<Option<OwnedFd>> {
    if e.errno == Errno::ENOTDIR { Ok(None) } else { Err(e) }
}

fn split(path: &Path) -> Option<(&Path, &OsStr)> {
    let rel = path.strip_prefix("/").unwrap_or(path);
    let name = rel.file_name()?;
    Some((rel.parent().unwrap_or(Path::new("")), name))
}

/// Metadata for an entry a step writes.
#[derive(Debug, Clone, Copy)]
pub struct EntryMeta {
    pub mode: u32,
    pub owner: Owner,
    /// Owner of missing parent directories created on the way.
    pub parent_owner: Owner,
    pub mtime: Option<(i64, i64)>,
}

/// An open regular file's size and mode, for callers holding an fd from `open_in`.
pub fn fd_stat(fd: BorrowedFd<'_>) -> Result<libc::stat> {
    fstat(fd).map_err(fs_err("stat", format!("/proc/self/fd/{}", fd.as_raw_fd())))
}

/// Names of a directory's entries (not `.`/`..`), sorted, from an `O_PATH` or real fd.
pub fn read_dir_names(dir: BorrowedFd<'_>) -> Result<Vec<std::ffi::OsString>> {
    let fd = openat(
        dir,
        ".",
        OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .map_err(fs_err(
        "opening directory",
        format!("/proc/self/fd/{}", dir.as_raw_fd()),
    ))?;
    let mut d = nix::dir::Dir::from_fd(fd).map_err(fs_err("reading directory", "."))?;
    let mut out: Vec<std::ffi::OsString> = d
        .iter()
        .filter_map(|e| e.ok())
        .map(|e| OsStr::from_bytes(e.file_name().to_bytes()).to_os_string())
        .filter(|n| n != "." && n != "..")
        .collect();
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_refuses_escapes() {
        assert_eq!(normalize("a/./b/../c").unwrap(), PathBuf::from("a/c"));
        assert_eq!(normalize("/x/y/").unwrap(), PathBuf::from("x/y"));
        assert_eq!(normalize(".").unwrap(), PathBuf::new());
        for bad in ["..", "../x", "a/../../b", "/..", "./../."] {
            assert!(normalize(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn writes_stay_inside_the_root() {
        let base = std::env::temp_dir().join(crate::store::atomic::unique_name("ferry-ws-"));
        let outside = base.join("outside");
        let root = base.join("root");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::create_dir_all(root.join("etc")).unwrap();
        std::os::unix::fs::symlink("/../../outside", root.join("evil")).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("abs")).unwrap();
        let r = RootDir::open(&root).unwrap();
        let me = Owner {
            uid: nix::unistd::getuid().as_raw(),
            gid: nix::unistd::getgid().as_raw(),
        };
        let meta = EntryMeta {
            mode: 0o640,
            owner: me,
            parent_owner: me,
            mtime: Some((1000, 0)),
        };
        r.write_file(Path::new("/evil/f"), &mut &b"x"[..], &meta).unwrap();
        r.write_file(Path::new("abs/g"), &mut &b"y"[..], &meta).unwrap();
        assert!(std::fs::read_dir(&outside).unwrap().next().is_none());
        assert_eq!(std::fs::read(root.join("outside/f")).unwrap(), b"x");
        r.symlink(Path::new("/etc/l"), OsStr::new("/nowhere"), &meta).unwrap();
        r.write_file(Path::new("/etc/l"), &mut &b"z"[..], &meta).unwrap();
        assert!(!Path::new("/nowhere").exists());
        use std::os::unix::fs::MetadataExt;
        let st = std::fs::symlink_metadata(root.join("etc/l")).unwrap();
        assert_eq!(st.mode() & 0o7777, 0o640);
        assert_eq!(st.mtime(), 1000);
        assert!(r.is_dir(Path::new("/evil")).unwrap());
        assert!(!r.is_dir(Path::new("/missing/x")).unwrap());
        let _ = std::fs::remove_dir_all(&base);
    }
}
