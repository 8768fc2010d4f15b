//! Copying files into and out of a root directory as tar streams (`cp`, `export`).
//!
//! Both sides of a copy work on a directory fd standing for `/`: the container's root, or the
//! host's. Paths given by the user are resolved with `openat2(RESOLVE_IN_ROOT)` (retried on `EAGAIN`), so a symlink in
//! a container pointing at `/etc` or `../../..` stays inside the container. The final name is
//! only followed on request (`-L`), by reading the link and resolving its target again in the
//! root. Archive entries are then written beneath the destination directory through
//! `rootpath`, which refuses `..` and symlinks anywhere in an entry's parent path: a hostile
//! stream cannot write outside the destination on either side.

mod extract;
#[cfg(test)]
mod tests;
mod write;

use std::ffi::{OsStr, OsString};
use std::io::{self, Read};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::{OFlag, OpenHow, ResolveFlag, openat, readlinkat};
use nix::sys::stat::{FileStat, Mode, SFlag};

use crate::sys::rootpath;

pub use extract::{ExtractOptions, Owner};
use extract::{Target, extract};
pub use write::{TarOptions, write_tar};

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
    #[error("archive entry {entry:?}: {source}")]
    Sparse {
        entry: String,
        source: crate::image::sparse::SparseError,
    },
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
            let dir = rootpath::openat2_retrying(root, ".", in_root_how(OFlag::O_PATH | OFlag::O_DIRECTORY))
                .map_err(io_at("/"))?;
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
        let dir = rootpath::openat2_retrying(root, &parent_path, in_root_how(OFlag::O_PATH | OFlag::O_DIRECTORY))
            .map_err(|e| match e {
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
    // A followed symlink's target keeps its own name, as Podman names it.
    let top = if located.name == "." {
        path.base_name()
    } else {
        located.name.clone()
    };
    Ok(Source { located, top })
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
