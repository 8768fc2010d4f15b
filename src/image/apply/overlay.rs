//! The layer as overlayfs sees it: whiteouts, opaque directories, and the lower layers that show through
//! a directory.

use std::ffi::OsStr;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::sys::stat::{FchmodatFlags, Mode, SFlag, fchmodat, makedev, mkdirat, mknodat};
use nix::sys::time::TimeSpec;
use nix::unistd::{UnlinkatFlags, unlinkat};

use crate::sys::rootpath::{self, ChildError};

use super::meta::{Meta, get_xattr, set_xattr_at};
use super::{Applier, ApplyError, Result, io_err, resolve_error};

pub(super) const WHITEOUT_PREFIX: &[u8] = b".wh.";
const OPAQUE_MARKER: &[u8] = b".wh..wh..opq";
pub(super) const OPAQUE_XATTR_ROOT: &str = "trusted.overlay.opaque";
pub(super) const OPAQUE_XATTR_USER: &str = "user.overlay.opaque";

pub(super) fn is_whiteout(st: &nix::sys::stat::FileStat) -> bool {
    rootpath::file_type(st) == SFlag::S_IFCHR && st.st_rdev == 0
}

impl Applier<'_> {
    /// Walks `rel` component by component, creating missing directories. A missing component is
    /// looked up in the lower layers as the merged filesystem would show it: a symlink there is
    /// refused (the entry would land elsewhere in the container), and a directory there lends the
    /// new one its ownership, mode and mtime.
    pub(super) fn create_parents(&mut self, name: &str, rel: &Path) -> Result<OwnedFd> {
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

    pub(super) fn set_opaque(&self, name: &str, dir: BorrowedFd<'_>, file: &OsStr) -> Result<()> {
        set_xattr_at(dir, file, self.opaque_xattr().as_bytes(), b"y").map_err(|source| ApplyError::Io {
            entry: name.to_string(),
            source,
        })
    }

    /// `.wh.<base>` in `parent`: a whiteout, an opaque marker, or aufs metadata (ignored).
    pub(super) fn whiteout(&mut self, name: &str, parent: &Path, base: &[u8]) -> Result<()> {
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
}
