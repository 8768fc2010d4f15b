//! Layers with shifted ownership, for containers with a user namespace of their own
//! (`--userns=keep-id|auto|nomap`, `--uidmap`).
//!
//! Such a container sees file owners through its own mapping, so a layer whose files belong to
//! container root (ferry's id 0) would show them as the wrong user. Rootless ferry cannot use
//! idmapped mounts (they need privilege over the layers' filesystem), so each layer is copied
//! once per mapping with every owner translated, into
//! `overlay-shifted/<mapping-key>/<chain-hex>/diff`. Later containers with the same mapping
//! (every `keep-id` container of the user, for instance) reuse the copy: only the first start
//! pays for it. A copy is built under a `.tmp-` name and renamed into place when complete.
//! Overlay xattrs become `user.overlay.*`, because a nested user namespace mounts the overlay
//! with `userxattr`.

use std::collections::HashMap;
use std::ffi::CString;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use super::digest::{Digest, to_hex};
use super::{Result, Store, StoreError, io_err};
use crate::sys::idmap::{IdMapping, IdRange};
use crate::sys::xattr;

/// Where the copies for one mapping live, and the lower directories of a chain there.
pub struct ShiftedChain {
    /// `overlay-shifted/<key>`: the lower directories are relative to it.
    pub base: PathBuf,
    /// `<chain-hex>/diff`, top layer first.
    pub lowers: Vec<String>,
}

/// A short stable key for a mapping.
pub fn mapping_key(mapping: &IdMapping) -> String {
    let mut text = String::new();
    for r in &mapping.uids {
        text.push_str(&format!("u{r};"));
    }
    for r in &mapping.gids {
        text.push_str(&format!("g{r};"));
    }
    to_hex(&Sha256::digest(text.as_bytes()))[..16].to_string()
}

/// The directory holding every mapping's copies.
pub fn shifted_root(store: &Store) -> PathBuf {
    store.root().join("overlay-shifted")
}

/// Makes sure every layer of `chain` (top first) has a copy shifted by `mapping` (container
/// id → the id ferry or the host sees) and returns where they are. Must run where ferry can
/// set any owner (rootless: in its user namespace).
pub fn ensure_chain(store: &Store, chain: &[Digest], mapping: &IdMapping) -> Result<ShiftedChain> {
    let base = shifted_root(store).join(mapping_key(mapping));
    fs::create_dir_all(&base).map_err(io_err(&base))?;
    let mut lowers = Vec::new();
    for c in chain {
        let dest = base.join(c.hex());
        if !dest.join("diff").exists() {
            let tmp = base.join(format!(".tmp-{}-{}", c.hex(), std::process::id()));
            let _ = fs::remove_dir_all(&tmp);
            fs::create_dir(&tmp).map_err(io_err(&tmp))?;
            let src = store.layers().diff_dir(c);
            let mut copier = Copier {
                mapping,
                links: HashMap::new(),
            };
            if let Err(e) = copier.copy(&src, &tmp.join("diff")) {
                let _ = fs::remove_dir_all(&tmp);
                return Err(e);
            }
            if let Err(e) = fs::rename(&tmp, &dest) {
                let _ = fs::remove_dir_all(&tmp);
                // Another ferry made the same copy meanwhile: use it.
                if !dest.join("diff").exists() {
                    return Err(io_err(&dest)(e));
                }
            }
        }
        lowers.push(format!("{}/diff", c.hex()));
    }
    Ok(ShiftedChain { base, lowers })
}

/// Removes the shifted copies of layers that are no longer in the store.
pub fn remove_unused(store: &Store) -> Result<()> {
    let root = shifted_root(store);
    let Ok(maps) = fs::read_dir(&root) else { return Ok(()) };
    for m in maps.flatten() {
        let Ok(entries) = fs::read_dir(m.path()) else { continue };
        for e in entries.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            let stale = match Digest::from_hex(&name) {
                Ok(d) => !store.layers().has(&d),
                // Leftovers of an interrupted copy.
                Err(_) => name.starts_with(".tmp-"),
            };
            if stale {
                fs::remove_dir_all(e.path()).map_err(io_err(&e.path()))?;
            }
        }
    }
    Ok(())
}

fn map(ranges: &[IdRange], id: u32, path: &Path) -> Result<u32> {
    crate::sys::idmap::map_id(ranges, id).ok_or_else(|| StoreError::Corrupt {
        path: path.to_path_buf(),
        message: format!("owner id {id} is outside the container's user namespace mapping"),
    })
}

fn cpath(p: &Path) -> CString {
    CString::new(p.as_os_str().as_bytes()).expect("paths from the filesystem have no NUL")
}

fn last_os_error(path: &Path) -> StoreError {
    io_err(path)(std::io::Error::last_os_error())
}

struct Copier<'m> {
    mapping: &'m IdMapping,
    /// Hard links: (dev, inode) of the source → the first copy.
    links: HashMap<(u64, u64), PathBuf>,
}

impl Copier<'_> {
    fn copy(&mut self, src: &Path, dst: &Path) -> Result<()> {
        let meta = fs::symlink_metadata(src).map_err(io_err(src))?;
        let ft = meta.file_type();
        if ft.is_dir() {
            fs::create_dir(dst).map_err(io_err(dst))?;
            let mut names: Vec<_> = fs::read_dir(src)
                .map_err(io_err(src))?
                .map(|e| e.map(|e| e.file_name()))
                .collect::<std::io::Result<_>>()
                .map_err(io_err(src))?;
            names.sort();
            for n in names {
                self.copy(&src.join(&n), &dst.join(&n))?;
            }
        } else if ft.is_file() {
            if meta.nlink() > 1 {
                let key = (meta.dev(), meta.ino());
                if let Some(first) = self.links.get(&key) {
                    return fs::hard_link(first, dst).map_err(io_err(dst));
                }
                self.links.insert(key, dst.to_path_buf());
            }
            fs::copy(src, dst).map_err(io_err(dst))?;
        } else if ft.is_symlink() {
            let target = fs::read_link(src).map_err(io_err(src))?;
            std::os::unix::fs::symlink(target, dst).map_err(io_err(dst))?;
        } else {
            // Devices, fifos, sockets and overlay whiteouts (0/0 character devices).
            // SAFETY: mknod with a NUL-terminated path and the source's mode and device.
            if unsafe { libc::mknod(cpath(dst).as_ptr(), meta.mode(), meta.rdev()) } != 0 {
                return Err(last_os_error(dst));
            }
        }
        self.metadata(src, dst, &meta)
    }

    /// Owner, mode, xattrs and times, in the order that keeps them: chown clears set-id bits.
    fn metadata(&self, src: &Path, dst: &Path, meta: &fs::Metadata) -> Result<()> {
        let uid = map(&self.mapping.uids, meta.uid(), src)?;
        let gid = map(&self.mapping.gids, meta.gid(), src)?;
        std::os::unix::fs::lchown(dst, Some(uid), Some(gid)).map_err(io_err(dst))?;
        let symlink = meta.file_type().is_symlink();
        if !symlink {
            fs::set_permissions(dst, fs::Permissions::from_mode(meta.mode() & 0o7777)).map_err(io_err(dst))?;
        }
        copy_xattrs(src, dst)?;
        let times = [
            libc::timespec {
                tv_sec: meta.atime(),
                tv_nsec: meta.atime_nsec(),
            },
            libc::timespec {
                tv_sec: meta.mtime(),
                tv_nsec: meta.mtime_nsec(),
            },
        ];
        // SAFETY: utimensat with a NUL-terminated path and a two-element timespec array.
        if unsafe {
            libc::utimensat(
                libc::AT_FDCWD,
                cpath(dst).as_ptr(),
                times.as_ptr(),
                libc::AT_SYMLINK_NOFOLLOW,
            )
        } != 0
        {
            return Err(last_os_error(dst));
        }
        Ok(())
    }
}

fn copy_xattrs(src: &Path, dst: &Path) -> Result<()> {
    for name in xattr::list(src, false)? {
        // Overlay markers move to the user namespace's `user.overlay.` names; other trusted
        // and security attributes cannot be set from a user namespace and are not copied.
        let target: Vec<u8> = if let Some(rest) = name.strip_prefix(b"trusted.overlay.") {
            [&b"user.overlay."[..], rest].concat()
        } else if name.starts_with(b"user.") {
            name.clone()
        } else {
            continue;
        };
        // Gone since it was listed: nothing to copy.
        let Some(value) = xattr::get(src, &name, false)? else {
            continue;
        };
        xattr::set(dst, &target, &value, false)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(v: &[(u32, u32, u32)]) -> Vec<IdRange> {
        v.iter()
            .map(|&(c, h, s)| IdRange {
                container: c,
                host: h,
                size: s,
            })
            .collect()
    }

    #[test]
    fn keys_differ_by_mapping() {
        let a = IdMapping {
            uids: ranges(&[(0, 1, 10)]),
            gids: ranges(&[(0, 1, 10)]),
        };
        let b = IdMapping {
            uids: ranges(&[(0, 2, 10)]),
            gids: ranges(&[(0, 1, 10)]),
        };
        assert_ne!(mapping_key(&a), mapping_key(&b));
        assert_eq!(mapping_key(&a), mapping_key(&a.clone()));
    }

    #[test]
    fn copies_with_owners_modes_links_and_times() {
        // Runs as whoever runs the tests: shift own ids to themselves, which exercises the
        // walk, hard links, symlinks and times without privilege.
        let uid = nix::unistd::getuid().as_raw();
        let gid = nix::unistd::getgid().as_raw();
        let dir = std::env::temp_dir().join(format!("ferry-shift-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let src = dir.join("src");
        fs::create_dir_all(src.join("d/e")).unwrap();
        fs::write(src.join("d/f"), b"data").unwrap();
        fs::set_permissions(src.join("d/f"), fs::Permissions::from_mode(0o751)).unwrap();
        fs::hard_link(src.join("d/f"), src.join("g")).unwrap();
        std::os::unix::fs::symlink("../nowhere", src.join("d/l")).unwrap();
        let mapping = IdMapping {
            uids: ranges(&[(uid, uid, 1)]),
            gids: ranges(&[(gid, gid, 1)]),
        };
        let mut c = Copier {
            mapping: &mapping,
            links: HashMap::new(),
        };
        c.copy(&src, &dir.join("dst")).unwrap();
        let f = fs::metadata(dir.join("dst/d/f")).unwrap();
        assert_eq!(f.mode() & 0o7777, 0o751);
        assert_eq!(f.ino(), fs::metadata(dir.join("dst/g")).unwrap().ino());
        assert_eq!(fs::read(dir.join("dst/g")).unwrap(), b"data");
        assert_eq!(fs::read_link(dir.join("dst/d/l")).unwrap(), Path::new("../nowhere"));
        assert_eq!(f.mtime(), fs::metadata(src.join("d/f")).unwrap().mtime());
        // An owner outside the mapping is an error, not a silent nobody.
        let none = IdMapping {
            uids: ranges(&[(uid + 1, 0, 1)]),
            gids: ranges(&[(gid, gid, 1)]),
        };
        let mut c = Copier {
            mapping: &none,
            links: HashMap::new(),
        };
        assert!(c.copy(&src, &dir.join("dst2")).is_err());
        fs::remove_dir_all(&dir).unwrap();
    }
}
