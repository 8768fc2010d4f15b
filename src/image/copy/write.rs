//! Writing a path beneath a root as a tar stream, without following symlinks.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::fcntl::{OFlag, openat, readlinkat};
use nix::sys::stat::{FileStat, Mode, SFlag, fstat, major, minor};
use nix::sys::statfs::{CGROUP_SUPER_MAGIC, CGROUP2_SUPER_MAGIC, PROC_SUPER_MAGIC, SYSFS_MAGIC, fstatfs};

use super::{CopyError, Located, Result, io_at};
use crate::sys::rootpath::{self, ResolveError};

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
