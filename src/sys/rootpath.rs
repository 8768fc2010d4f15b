//! The audited way to turn an untrusted path into a file descriptor beneath a root directory.
//!
//! Layer application, `cp` and `build` receive paths from images and users. No code joins such a
//! path onto a host path: it is first `clean`ed (no `..`, no NUL), then resolved relative to a
//! directory fd with `openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS)`, or,
//! where openat2 is unavailable, by an equivalent walk that opens one component at a time with
//! `O_NOFOLLOW`. Either way a symlink anywhere on the way is refused, never followed.

use std::ffi::{OsStr, OsString};
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::{AtFlags, OFlag, OpenHow, ResolveFlag, openat, openat2};
use nix::sys::stat::{FileStat, Mode, SFlag, fstatat};
use nix::unistd::{UnlinkatFlags, unlinkat};

/// Longest path accepted, as the kernel's PATH_MAX (including the terminating NUL).
const PATH_MAX: usize = 4096;

/// Why an untrusted path was refused before touching the filesystem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CleanError {
    #[error("path has a `..` component")]
    DotDot,
    #[error("path contains a NUL byte")]
    Nul,
    #[error("path is longer than {PATH_MAX} bytes")]
    TooLong,
}

/// Why a cleaned path could not be resolved beneath the root. Paths are relative to the root.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error("{link:?} is a symlink")]
    Symlink { link: PathBuf },
    #[error("{path:?} is not a directory")]
    NotDirectory { path: PathBuf },
    #[error("{path:?} does not exist")]
    NotFound { path: PathBuf },
    #[error("{path:?}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// Normalises an untrusted slash-separated path into a relative path: a leading `/`, `.` and
/// empty components are dropped (archives commonly carry `./x` or `/x`, meaning the same as `x`),
/// `..` anywhere and NUL bytes are refused. The empty result stands for the root itself.
pub fn clean(raw: &[u8]) -> Result<PathBuf, CleanError> {
    if raw.contains(&0) {
        return Err(CleanError::Nul);
    }
    if raw.len() >= PATH_MAX {
        return Err(CleanError::TooLong);
    }
    let mut out = PathBuf::new();
    for part in raw.split(|&b| b == b'/') {
        match part {
            b"" | b"." => {}
            b".." => return Err(CleanError::DotDot),
            name => out.push(OsStr::from_bytes(name)),
        }
    }
    Ok(out)
}

/// Splits a cleaned, non-empty path into its parent and final name.
pub fn split(rel: &Path) -> Option<(&Path, &OsStr)> {
    Some((rel.parent()?, rel.file_name()?))
}

/// A directory that untrusted paths are resolved beneath.
#[derive(Debug)]
pub struct Root {
    fd: OwnedFd,
}

impl Root {
    /// Opens `path` (a trusted host path; symlinks in it are followed) as a root.
    pub fn open(path: &Path) -> io::Result<Root> {
        let fd = openat(
            nix::fcntl::AT_FDCWD,
            path,
            OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
            Mode::empty(),
        )?;
        Ok(Root { fd })
    }

    /// Opens the directory at the cleaned path `rel` (empty for the root) as an `O_PATH` fd.
    pub fn open_dir(&self, rel: &Path) -> Result<OwnedFd, ResolveError> {
        open_beneath(self.fd.as_fd(), rel)
    }
}

impl AsFd for Root {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }
}

fn dir_flags() -> OFlag {
    OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC
}

/// Opens the directory at the cleaned relative path `rel` beneath `dir` (an `O_PATH` fd),
/// refusing symlinks, `..` and absolute components.
pub fn open_beneath(dir: BorrowedFd<'_>, rel: &Path) -> Result<OwnedFd, ResolveError> {
    let target: &Path = if rel.as_os_str().is_empty() {
        Path::new(".")
    } else {
        rel
    };
    let how = OpenHow::new()
        .flags(OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC)
        .resolve(ResolveFlag::RESOLVE_BENEATH | ResolveFlag::RESOLVE_NO_SYMLINKS | ResolveFlag::RESOLVE_NO_MAGICLINKS);
    match openat2(dir, target, how) {
        Ok(fd) => Ok(fd),
        // Any failure (including ENOSYS before Linux 5.6, EPERM from a seccomp filter, EAGAIN on
        // a concurrent rename) goes through the walk, which is just as strict and also names the
        // component that failed.
        Err(_) => walk(dir, rel),
    }
}

/// Resolves `rel` one component at a time with `O_NOFOLLOW`.
fn walk(dir: BorrowedFd<'_>, rel: &Path) -> Result<OwnedFd, ResolveError> {
    let mut cur = openat(dir, ".", dir_flags(), Mode::empty()).map_err(|e| ResolveError::Io {
        path: PathBuf::new(),
        source: e.into(),
    })?;
    let mut done = PathBuf::new();
    for comp in rel.components() {
        let Component::Normal(name) = comp else {
            // `clean` never produces these; refuse rather than interpret them.
            return Err(ResolveError::Io {
                path: rel.to_path_buf(),
                source: io::Error::new(io::ErrorKind::InvalidInput, "path is not a clean relative path"),
            });
        };
        done.push(name);
        cur = open_child_dir(cur.as_fd(), name).map_err(|e| e.at(&done))?;
    }
    Ok(cur)
}

/// What one component turned out to be when it could not be opened as a directory.
#[derive(Debug)]
pub enum ChildError {
    Symlink,
    NotDirectory,
    NotFound,
    Io(io::Error),
}

impl ChildError {
    /// The error for this component at `path` (relative to the root).
    pub fn at(self, path: &Path) -> ResolveError {
        let path = path.to_path_buf();
        match self {
            ChildError::Symlink => ResolveError::Symlink { link: path },
            ChildError::NotDirectory => ResolveError::NotDirectory { path },
            ChildError::NotFound => ResolveError::NotFound { path },
            ChildError::Io(source) => ResolveError::Io { path, source },
        }
    }
}

/// Opens the single component `name` of `dir` as an `O_PATH` directory fd, never following a
/// symlink.
pub fn open_child_dir(dir: BorrowedFd<'_>, name: &OsStr) -> Result<OwnedFd, ChildError> {
    match openat(dir, name, dir_flags(), Mode::empty()) {
        Ok(fd) => Ok(fd),
        Err(Errno::ENOENT) => Err(ChildError::NotFound),
        Err(e @ (Errno::ENOTDIR | Errno::ELOOP)) => match lstat_at(dir, name) {
            Ok(Some(st)) if file_type(&st) == SFlag::S_IFLNK => Err(ChildError::Symlink),
            Ok(Some(_)) => Err(ChildError::NotDirectory),
            Ok(None) => Err(ChildError::NotFound),
            Err(_) => Err(ChildError::Io(e.into())),
        },
        Err(e) => Err(ChildError::Io(e.into())),
    }
}

/// `fstatat(AT_SYMLINK_NOFOLLOW)`, with a missing entry as `None`.
pub fn lstat_at(dir: BorrowedFd<'_>, name: &OsStr) -> io::Result<Option<FileStat>> {
    match fstatat(dir, name, AtFlags::AT_SYMLINK_NOFOLLOW) {
        Ok(st) => Ok(Some(st)),
        Err(Errno::ENOENT) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The file type bits of a stat result.
pub fn file_type(st: &FileStat) -> SFlag {
    SFlag::from_bits_truncate(st.st_mode & SFlag::S_IFMT.bits())
}

/// Removes `name` in `dir` and, when it is a directory, everything under it, without following
/// symlinks.
pub fn remove_all_at(dir: BorrowedFd<'_>, name: &OsStr) -> io::Result<()> {
    let Some(st) = lstat_at(dir, name)? else {
        return Ok(());
    };
    if file_type(&st) != SFlag::S_IFDIR {
        return unlinkat(dir, name, UnlinkatFlags::NoRemoveDir).map_err(io::Error::from);
    }
    let fd = openat(
        dir,
        name,
        OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
        Mode::empty(),
    )?;
    // Read all names first: deleting while iterating a directory stream may skip entries.
    let mut names: Vec<OsString> = Vec::new();
    let mut listing = nix::dir::Dir::from_fd(fd.try_clone()?)?;
    for ent in listing.iter() {
        let ent = ent?;
        let n = ent.file_name().to_bytes();
        if n != b"." && n != b".." {
            names.push(OsStr::from_bytes(n).to_os_string());
        }
    }
    drop(listing);
    for n in &names {
        remove_all_at(fd.as_fd(), n)?;
    }
    unlinkat(dir, name, UnlinkatFlags::RemoveDir).map_err(io::Error::from)
}

/// A path naming `name` inside the directory open as `dir`, for the few calls (the xattr family)
/// that have no `*at` form. The `/proc/self/fd` magic link is only used to reach `dir` itself,
/// which is already resolved; the final component is looked up inside it as usual.
pub fn fd_path(dir: BorrowedFd<'_>, name: &OsStr) -> PathBuf {
    let mut p = PathBuf::from(format!("/proc/self/fd/{}", dir.as_raw_fd()));
    if name != "." {
        p.push(name);
    }
    p
}

/// How often an in-root open is retried when the kernel reports a concurrent rename or mount.
const OPENAT2_ATTEMPTS: usize = 64;

/// `openat2(2)`, retried while it fails with `EAGAIN`: with `RESOLVE_BENEATH` or
/// `RESOLVE_IN_ROOT` the kernel gives up on a lookup during which any rename or mount happened
/// on the system (its checks of `..` could otherwise be wrong), and asks the caller to retry.
pub fn openat2_retrying<P: ?Sized + nix::NixPath, Fd: AsFd>(dir: Fd, path: &P, how: OpenHow) -> nix::Result<OwnedFd> {
    let mut attempt = 1;
    loop {
        match openat2(dir.as_fd(), path, how) {
            Err(nix::errno::Errno::EAGAIN) if attempt < OPENAT2_ATTEMPTS => attempt += 1,
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_normalises_and_refuses() {
        for (raw, want) in [
            (&b"a/b"[..], "a/b"),
            (b"./a//b/", "a/b"),
            (b"/etc/x", "etc/x"),
            (b"./", ""),
            (b"a/./b/.", "a/b"),
            (b"...", "..."),
            (b"..a/b..", "..a/b.."),
        ] {
            assert_eq!(clean(raw).unwrap(), Path::new(want), "{raw:?}");
        }
        assert_eq!(clean(b"../x"), Err(CleanError::DotDot));
        assert_eq!(clean(b"a/../../x"), Err(CleanError::DotDot));
        assert_eq!(clean(b"a/.."), Err(CleanError::DotDot));
        assert_eq!(clean(b"/.."), Err(CleanError::DotDot));
        assert_eq!(clean(b"a\0b"), Err(CleanError::Nul));
        assert_eq!(clean(&vec![b'a'; 5000]), Err(CleanError::TooLong));
    }

    #[test]
    fn resolution_refuses_symlinks_and_names_them() {
        let tmp = std::env::temp_dir().join(crate::sys::atomic::unique_name("ferry-rootpath-"));
        std::fs::create_dir_all(tmp.join("root/a/b")).unwrap();
        std::os::unix::fs::symlink("/", tmp.join("root/a/up")).unwrap();
        std::os::unix::fs::symlink("b", tmp.join("root/a/rel")).unwrap();
        std::fs::write(tmp.join("root/a/file"), b"").unwrap();
        let root = Root::open(&tmp.join("root")).unwrap();
        assert!(root.open_dir(Path::new("a/b")).is_ok());
        assert!(root.open_dir(Path::new("")).is_ok());
        for (p, want) in [("a/up/etc", "a/up"), ("a/rel", "a/rel"), ("a/rel/x", "a/rel")] {
            match root.open_dir(Path::new(p)) {
                Err(ResolveError::Symlink { link }) => assert_eq!(link, Path::new(want)),
                other => panic!("{p}: {other:?}"),
            }
        }
        assert!(matches!(
            root.open_dir(Path::new("a/file/x")),
            Err(ResolveError::NotDirectory { .. })
        ));
        assert!(matches!(
            root.open_dir(Path::new("a/nope")),
            Err(ResolveError::NotFound { .. })
        ));
        // The fallback walk behaves the same.
        assert!(matches!(
            walk(root.as_fd(), Path::new("a/up/etc")),
            Err(ResolveError::Symlink { .. })
        ));
        assert!(walk(root.as_fd(), Path::new("../x")).is_err());
        remove_all_at(root.as_fd(), OsStr::new("a")).unwrap();
        assert!(!tmp.join("root/a").exists());
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
