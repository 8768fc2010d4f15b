//! Ownership, permissions, times and xattrs of entries: read from tar headers and PAX records, applied
//! to what was written.

use std::ffi::OsStr;
use std::io::{self, Read};
use std::os::fd::BorrowedFd;
use std::path::Path;

use nix::errno::Errno;
use nix::fcntl::AtFlags;
use nix::sys::time::TimeSpec;
use nix::unistd::{Gid, Uid, fchown, fchownat};

use crate::sys::{self, rootpath, xattr};

use super::{Applier, ApplyError, Result, tar_err};

/// Ownership, permissions, times and xattrs of one entry.
pub(super) struct Meta {
    pub(super) mode: u32,
    pub(super) uid: u64,
    pub(super) gid: u64,
    pub(super) atime: TimeSpec,
    pub(super) mtime: TimeSpec,
    pub(super) xattrs: Vec<(Vec<u8>, Vec<u8>)>,
}

impl Meta {
    pub(super) fn read<R: Read>(entry: &mut tar::Entry<'_, R>, name: &str) -> Result<Meta> {
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
pub(super) fn parse_pax_time(v: &[u8]) -> Option<TimeSpec> {
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

impl Applier<'_> {
    fn ids(&self, meta: &Meta) -> (u64, u64) {
        if self.opts.squash_ownership {
            (0, 0)
        } else {
            (meta.uid, meta.gid)
        }
    }

    pub(super) fn chown_fd(&self, name: &str, fd: BorrowedFd<'_>, meta: &Meta, existing: bool) -> Result<()> {
        let (uid, gid) = self.ids(meta);
        // New files are created 0:0 already (we are root, possibly in a user namespace).
        if uid == 0 && gid == 0 && !existing {
            return Ok(());
        }
        let (u, g) = self.id_pair(name, uid, gid)?;
        fchown(fd, Some(u), Some(g)).map_err(|e| chown_error(name, uid, gid, e))
    }

    pub(super) fn chown_at(
        &self,
        name: &str,
        dir: BorrowedFd<'_>,
        file: &OsStr,
        meta: &Meta,
        existing: bool,
    ) -> Result<()> {
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
    pub(super) fn set_xattrs(
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

pub(super) fn set_xattr_fd(fd: BorrowedFd<'_>, key: &[u8], value: &[u8]) -> io::Result<()> {
    xattr::set_fd(fd, key, value).map_err(sys::Error::into_io)
}

/// Sets an xattr on `file` in `dir` without following `file` if it is a symlink. `file` "."
/// means `dir` itself.
pub(super) fn set_xattr_at(dir: BorrowedFd<'_>, file: &OsStr, key: &[u8], value: &[u8]) -> io::Result<()> {
    // `/proc/self/fd/N` is a magic link to `dir` itself: following it reaches exactly that
    // directory.
    xattr::set(&rootpath::fd_path(dir, file), key, value, file == ".").map_err(sys::Error::into_io)
}

/// An xattr value of a trusted host path (lower layer directories, or a `/proc/self/fd` path
/// to a directory fd, whose magic link is followed to that directory); `None` when it is not
/// set or cannot be read.
pub(super) fn get_xattr(path: &Path, key: &str) -> Option<Vec<u8>> {
    xattr::get(path, key, true).ok().flatten()
}
