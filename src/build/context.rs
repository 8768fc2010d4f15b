//! The build context: a directory the Containerfile's sources are read from (never copied
//! wholesale), or a tar stream extracted to a private directory first, with its ignore rules;
//! and the named extra contexts of `--build-context name=path`.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::ignore::{Ignore, IgnoreError};
use super::workspace::{self, EntryMeta, FsError, Owner, RootDir};
use crate::image::sparse::{self, SpaceBudget, Sparse, SparseError};

#[derive(Debug, thiserror::Error)]
pub enum ContextError {
    #[error("build context {path}: {source}")]
    Open { path: PathBuf, source: std::io::Error },
    #[error("build context {0} is not a directory")]
    NotDir(PathBuf),
    #[error("reading the build context archive: {0}")]
    Tar(std::io::Error),
    #[error("build context archive entry {entry:?}: {reason}")]
    Hostile { entry: String, reason: &'static str },
    #[error("build context archive entry {entry:?}: {source}")]
    Sparse { entry: String, source: SparseError },
    #[error(transparent)]
    Fs(#[from] FsError),
    #[error("{path}: {source}")]
    Ignore { path: PathBuf, source: IgnoreError },
    #[error("invalid build context {0:?}: expected NAME=PATH")]
    Named(String),
}

pub type Result<T, E = ContextError> = std::result::Result<T, E>;

/// A context directory and its ignore rules.
#[derive(Debug)]
pub struct BuildContext {
    root: PathBuf,
    pub ignore: Ignore,
    /// Set when the context was extracted from a tar stream: removed on drop.
    extracted: Option<PathBuf>,
}

impl BuildContext {
    /// A context directory as it is on disk.
    pub fn dir(path: &Path) -> Result<BuildContext> {
        let root = std::fs::canonicalize(path).map_err(|source| ContextError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        if !root.is_dir() {
            return Err(ContextError::NotDir(path.to_path_buf()));
        }
        let ignore = Ignore::load(&root).map_err(|source| ContextError::Ignore {
            path: root.clone(),
            source,
        })?;
        Ok(BuildContext {
            root,
            ignore,
            extracted: None,
        })
    }

    /// Extracts a tar stream (plain or compressed) into `dest`, a fresh private directory that
    /// is removed when the context is dropped. Entries that would land outside `dest`, hard links
    /// to files outside the archive and device nodes are refused.
    pub fn from_tar(input: &mut dyn Read, dest: &Path) -> Result<BuildContext> {
        let mut ctx = BuildContext {
            root: dest.to_path_buf(),
            ignore: Ignore::default(),
            extracted: Some(dest.to_path_buf()),
        };
        extract_tar(input, dest)?;
        ctx.ignore = Ignore::load(dest).map_err(|source| ContextError::Ignore {
            path: dest.to_path_buf(),
            source,
        })?;
        Ok(ctx)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl Drop for BuildContext {
    fn drop(&mut self) {
        if let Some(p) = &self.extracted {
            let _ = crate::store::atomic::remove_tree(p);
        }
    }
}

/// Parses `--build-context name=path` values (only local directories are supported).
pub fn named_contexts(values: &[String]) -> Result<BTreeMap<String, PathBuf>> {
    let mut out = BTreeMap::new();
    for v in values {
        let (name, path) = v
            .split_once('=')
            .filter(|(n, p)| !n.is_empty() && !p.is_empty())
            .ok_or_else(|| ContextError::Named(v.clone()))?;
        let dir = std::fs::canonicalize(path).map_err(|source| ContextError::Open {
            path: PathBuf::from(path),
            source,
        })?;
        if !dir.is_dir() {
            return Err(ContextError::NotDir(dir));
        }
        out.insert(name.to_ascii_lowercase(), dir);
    }
    Ok(out)
}

fn extract_tar(input: &mut dyn Read, dest: &Path) -> Result<()> {
    let reader = crate::image::manifest::decompress(std::io::BufReader::new(input)).map_err(ContextError::Tar)?;
    let mut archive = tar::Archive::new(reader);
    let root = RootDir::open(dest)?;
    let me = Owner {
        uid: nix::unistd::geteuid().as_raw(),
        gid: nix::unistd::getegid().as_raw(),
    };
    let mut budget = SpaceBudget::default();
    let mut buf = vec![0; 1 << 20];
    for entry in archive.entries().map_err(ContextError::Tar)? {
        let mut entry = entry.map_err(ContextError::Tar)?;
        let named = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let sparse = sparse::detect(&mut entry).map_err(|source| ContextError::Sparse {
            entry: named.clone(),
            source,
        })?;
        // A PAX sparse file's entry has a made-up name; its real one is in its records.
        let raw = match sparse.as_ref().and_then(Sparse::name) {
            Some(real) => String::from_utf8_lossy(real).into_owned(),
            None => named,
        };
        let hostile = |reason| ContextError::Hostile {
            entry: raw.clone(),
            reason,
        };
        if raw.as_bytes().contains(&0) {
            return Err(hostile("NUL in the name"));
        }
        let rel = workspace::normalize(&raw).ok_or_else(|| hostile("path leads outside the context"))?;
        if rel.as_os_str().is_empty() {
            continue;
        }
        let path = Path::new("/").join(&rel);
        let header = entry.header();
        let meta = EntryMeta {
            mode: header.mode().unwrap_or(0o644) & 0o777,
            owner: me,
            parent_owner: me,
            mtime: header.mtime().ok().map(|t| (t as i64, 0)),
        };
        if let Some(s) = &sparse {
            root.create_file(&path, &meta, |f, _| {
                s.write(&mut entry, f, &mut buf, &mut budget)
                    .map_err(|source| ContextError::Sparse {
                        entry: raw.clone(),
                        source,
                    })
            })?;
            continue;
        }
        match header.entry_type() {
            tar::EntryType::Directory => root.make_dir(&path, &meta)?,
            tar::EntryType::Regular | tar::EntryType::Continuous => root.write_file(&path, &mut entry, &meta)?,
            tar::EntryType::Symlink => {
                let target = entry
                    .link_name()
                    .map_err(ContextError::Tar)?
                    .ok_or_else(|| hostile("symlink without a target"))?
                    .into_owned();
                root.symlink(&path, target.as_os_str(), &meta)?;
            }
            tar::EntryType::Link => {
                let target = entry
                    .link_name_bytes()
                    .map(|t| String::from_utf8_lossy(&t).into_owned())
                    .ok_or_else(|| hostile("hard link without a target"))?;
                let trel =
                    workspace::normalize(&target).ok_or_else(|| hostile("hard link target outside the context"))?;
                root.hardlink(&path, &Path::new("/").join(trel), &meta)?;
            }
            tar::EntryType::XGlobalHeader | tar::EntryType::XHeader | tar::EntryType::GNULongName => {}
            _ => return Err(hostile("device nodes and fifos are not allowed in a build context")),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tar_with(entries: &[(&str, tar::EntryType, &[u8], Option<&str>)]) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        for (name, kind, data, link) in entries {
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(*kind);
            h.set_mode(0o644);
            h.set_size(data.len() as u64);
            if let Some(l) = link {
                h.set_link_name(l).unwrap();
            }
            // set_path refuses `..`: write the raw name to test hostile archives.
            let bytes = name.as_bytes();
            h.as_old_mut().name[..bytes.len()].copy_from_slice(bytes);
            h.set_cksum();
            b.append(&h, *data).unwrap();
        }
        b.into_inner().unwrap()
    }

    fn tmp() -> PathBuf {
        let d = std::env::temp_dir().join(crate::store::atomic::unique_name("ferry-ctx-"));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn extracts_a_plain_context() {
        let d = tmp();
        let data = tar_with(&[
            ("Containerfile", tar::EntryType::Regular, b"FROM scratch\n", None),
            ("sub/", tar::EntryType::Directory, b"", None),
            ("sub/a.txt", tar::EntryType::Regular, b"a", None),
            ("link", tar::EntryType::Symlink, b"", Some("/etc/passwd")),
            ("hard", tar::EntryType::Link, b"", Some("sub/a.txt")),
        ]);
        let ctx = BuildContext::from_tar(&mut &data[..], &d.join("ctx")).unwrap_err();
        // The destination must exist: callers pass a fresh temp dir.
        assert!(matches!(ctx, ContextError::Fs(_)));
        std::fs::create_dir(d.join("ctx")).unwrap();
        let ctx = BuildContext::from_tar(&mut &data[..], &d.join("ctx")).unwrap();
        assert_eq!(std::fs::read(ctx.root().join("sub/a.txt")).unwrap(), b"a");
        assert_eq!(std::fs::read(ctx.root().join("hard")).unwrap(), b"a");
        let root = ctx.root().to_path_buf();
        drop(ctx);
        assert!(!root.exists(), "an extracted context is removed with it");
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn refuses_hostile_archives() {
        for entries in [
            vec![("../evil", tar::EntryType::Regular, &b"x"[..], None)],
            vec![("a/../../evil", tar::EntryType::Regular, &b"x"[..], None)],
            vec![("dev", tar::EntryType::Char, &b""[..], None)],
            vec![("h", tar::EntryType::Link, &b""[..], Some("../../etc/passwd"))],
        ] {
            let d = tmp();
            let data = tar_with(&entries);
            assert!(BuildContext::from_tar(&mut &data[..], &d).is_err(), "{entries:?}");
            assert!(!d.parent().unwrap().join("evil").exists());
            let _ = std::fs::remove_dir_all(&d);
        }
        // A symlink pointing out is kept as a symlink; writing through it stays inside.
        let d = tmp();
        let data = tar_with(&[
            ("out", tar::EntryType::Symlink, b"", Some("/tmp")),
            ("out/x", tar::EntryType::Regular, b"x", None),
        ]);
        let ctx = BuildContext::from_tar(&mut &data[..], &d).unwrap();
        assert!(ctx.root().join("tmp/x").exists());
        drop(ctx);
    }

    #[test]
    fn named_contexts_parse() {
        let d = tmp();
        let m = named_contexts(&[format!("Other={}", d.display())]).unwrap();
        assert_eq!(m["other"], std::fs::canonicalize(&d).unwrap());
        for bad in ["", "=x", "x=", "x", "y=/nonexistent/path"] {
            assert!(named_contexts(&[bad.to_string()]).is_err(), "{bad}");
        }
        let _ = std::fs::remove_dir_all(&d);
    }
}
