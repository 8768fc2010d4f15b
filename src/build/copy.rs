//! COPY and ADD: which files a step copies (globs, ignore rules, `--exclude`), a digest of their
//! content for the cache, and writing them into the step's root with Docker's rules for where
//! they land; ADD's local archive extraction and URL downloads.

use std::ffi::OsString;
use std::io::Read;
use std::os::fd::AsFd;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::fcntl::OFlag;
use sha2::{Digest as _, Sha256};

use super::ignore::{self, Ignore, IgnoreError};
use super::workspace::{self, EntryMeta, FsError, Owner, RootDir};
use crate::image::sparse::{self, SpaceBudget, Sparse};
use crate::store::digest::to_hex;

#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error("{0:?} is outside the build context")]
    Outside(String),
    #[error("{0:?}: no such file or directory (or excluded by the ignore file)")]
    Missing(String),
    #[error("no source files were specified")]
    NoSources,
    #[error("invalid pattern {pattern:?}: {source}")]
    Pattern { pattern: String, source: IgnoreError },
    #[error(transparent)]
    Fs(#[from] FsError),
    #[error("reading {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("archive {archive}: entry {entry:?}: {reason}")]
    Archive {
        archive: String,
        entry: String,
        reason: String,
    },
    #[error("{0}: xz and bzip2 archives are not supported by ADD (use tar, tar.gz or tar.zst)")]
    ArchiveFormat(PathBuf),
    #[error("downloading {url}: {message}")]
    Download { url: String, message: String },
    #[error("{url}: checksum mismatch: expected {expected}, got sha256:{actual}")]
    Checksum {
        url: String,
        expected: String,
        actual: String,
    },
    #[error("invalid checksum {0:?}: expected sha256:<64 hex digits>")]
    ChecksumSyntax(String),
}

pub type Result<T, E = CopyError> = std::result::Result<T, E>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    File { size: u64 },
    Dir,
    Symlink(OsString),
}

/// One file, directory or symlink to copy.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Where it is, relative to the source root.
    pub src: PathBuf,
    /// Where it goes relative to the item's destination (empty for the item itself).
    pub rel: PathBuf,
    pub kind: Kind,
    pub mode: u32,
    pub mtime: (i64, i64),
}

/// One top-level source: a file (copied to or into the destination) or a directory (its
/// contents copied into the destination).
#[derive(Debug, Clone)]
pub struct Item {
    pub name: OsString,
    /// The matched path relative to the source root (for `--parents`).
    pub path: PathBuf,
    pub is_dir: bool,
    pub entries: Vec<Entry>,
}

/// What a COPY/ADD step copies from one source root, and the digest of it all.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub items: Vec<Item>,
    /// Inline files (heredocs): name and content.
    pub inline: Vec<(String, Vec<u8>)>,
}

fn has_meta(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// Lists the sources of a step. `ignore` applies to the build context only; `exclude` are the
/// step's `--exclude` patterns.
pub fn plan(root: &RootDir, ignore: Option<&Ignore>, sources: &[String], exclude: &[String]) -> Result<Plan> {
    let excl = if exclude.is_empty() {
        None
    } else {
        Some(Ignore::parse(&exclude.join("\n")).map_err(|source| CopyError::Pattern {
            pattern: exclude.join(" "),
            source,
        })?)
    };
    let mut plan = Plan::default();
    for raw in sources {
        let rel = workspace::normalize(raw).ok_or_else(|| CopyError::Outside(raw.clone()))?;
        let rel_s = rel.to_string_lossy().into_owned();
        let matches: Vec<String> = if has_meta(&rel_s) {
            ignore::match_sources(root.path(), &rel_s).map_err(|source| CopyError::Pattern {
                pattern: raw.clone(),
                source,
            })?
        } else {
            vec![rel_s.clone()]
        };
        // Ignore rules see paths from the context root; `--exclude` patterns also match paths
        // inside a copied directory.
        let excluded = |p: &str, inner: &str| {
            ignore.is_some_and(|i| !p.is_empty() && i.is_excluded(p))
                || excl
                    .as_ref()
                    .is_some_and(|e| e.is_excluded(p) || (!inner.is_empty() && e.is_excluded(inner)))
        };
        let mut found = false;
        for m in matches {
            if excluded(&m, "") {
                continue;
            }
            let path = Path::new("/").join(&m);
            let Some(fd) = root.open_in(&path, OFlag::O_PATH)? else {
                continue;
            };
            found = true;
            let st = workspace::fd_stat(fd.as_fd())?;
            let name = Path::new(&m).file_name().map(|n| n.to_os_string()).unwrap_or_default();
            let mtime = (st.st_mtime, st.st_mtime_nsec);
            let mode = st.st_mode & 0o7777;
            if st.st_mode & libc::S_IFMT == libc::S_IFDIR {
                let mut entries = vec![Entry {
                    src: PathBuf::from(&m),
                    rel: PathBuf::new(),
                    kind: Kind::Dir,
                    mode,
                    mtime,
                }];
                walk(
                    root,
                    &PathBuf::from(&m),
                    &PathBuf::new(),
                    &excluded,
                    ignore,
                    &mut entries,
                )?;
                plan.items.push(Item {
                    name,
                    path: PathBuf::from(&m),
                    is_dir: true,
                    entries,
                });
            } else {
                let kind = match st.st_mode & libc::S_IFMT {
                    libc::S_IFREG => Kind::File {
                        size: st.st_size as u64,
                    },
                    // A named fifo or device in a context is not copyable content.
                    _ => continue,
                };
                plan.items.push(Item {
                    name,
                    path: PathBuf::from(&m),
                    is_dir: false,
                    entries: vec![Entry {
                        src: PathBuf::from(&m),
                        rel: PathBuf::new(),
                        kind,
                        mode,
                        mtime,
                    }],
                });
            }
        }
        if !found && !has_meta(&rel_s) {
            return Err(CopyError::Missing(raw.clone()));
        }
    }
    Ok(plan)
}

fn walk(
    root: &RootDir,
    dir: &Path,
    rel: &Path,
    excluded: &dyn Fn(&str, &str) -> bool,
    ignore: Option<&Ignore>,
    out: &mut Vec<Entry>,
) -> Result<()> {
    let Some(fd) = root.open_in(&Path::new("/").join(dir), OFlag::O_PATH | OFlag::O_DIRECTORY)? else {
        return Ok(());
    };
    for name in workspace::read_dir_names(fd.as_fd())? {
        let src = dir.join(&name);
        let src_s = src.to_string_lossy();
        let is_excl = excluded(&src_s, &rel.join(&name).to_string_lossy());
        let st = match nix::sys::stat::fstatat(fd.as_fd(), name.as_os_str(), nix::fcntl::AtFlags::AT_SYMLINK_NOFOLLOW) {
            Ok(st) => st,
            Err(_) => continue,
        };
        let child_rel = rel.join(&name);
        let mtime = (st.st_mtime, st.st_mtime_nsec);
        let mode = st.st_mode & 0o7777;
        match st.st_mode & libc::S_IFMT {
            libc::S_IFDIR => {
                if is_excl && !ignore.is_some_and(|i| i.may_contain_included(&src_s)) {
                    continue;
                }
                if !is_excl {
                    out.push(Entry {
                        src: src.clone(),
                        rel: child_rel.clone(),
                        kind: Kind::Dir,
                        mode,
                        mtime,
                    });
                }
                walk(root, &src, &child_rel, excluded, ignore, out)?;
            }
            _ if is_excl => {}
            libc::S_IFREG => out.push(Entry {
                src,
                rel: child_rel,
                kind: Kind::File {
                    size: st.st_size as u64,
                },
                mode,
                mtime,
            }),
            libc::S_IFLNK => {
                let target = nix::fcntl::readlinkat(fd.as_fd(), name.as_os_str()).map_err(|e| CopyError::Read {
                    path: root.path().join(&src),
                    source: e.into(),
                })?;
                out.push(Entry {
                    src,
                    rel: child_rel,
                    kind: Kind::Symlink(target),
                    mode,
                    mtime,
                });
            }
            _ => {}
        }
    }
    Ok(())
}

/// The content digest of what a plan copies (names, types, modes, file contents, link
/// targets; not times or owners), as Buildah writes it in history: `file:<hex>` for one file,
/// `dir:<hex>` for one directory, `multi:<hex>` otherwise.
pub fn digest(root: &RootDir, plan: &Plan) -> Result<String> {
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    for item in &plan.items {
        h.update(b"item\0");
        h.update(item.name.as_bytes());
        for e in &item.entries {
            h.update(b"\0");
            h.update(e.rel.as_os_str().as_bytes());
            h.update(format!("\0{:o}\0", e.mode).as_bytes());
            match &e.kind {
                Kind::Dir => h.update(b"d"),
                Kind::Symlink(t) => {
                    h.update(b"l");
                    h.update(t.as_bytes());
                }
                Kind::File { .. } => {
                    h.update(b"f");
                    let mut f = open_file(root, &e.src)?;
                    loop {
                        let n = f.read(&mut buf).map_err(|source| CopyError::Read {
                            path: root.path().join(&e.src),
                            source,
                        })?;
                        if n == 0 {
                            break;
                        }
                        h.update(&buf[..n]);
                    }
                }
            }
        }
    }
    for (name, data) in &plan.inline {
        h.update(b"inline\0");
        h.update(name.as_bytes());
        h.update(b"\0");
        h.update(data);
    }
    let hex = to_hex(&h.finalize());
    let kind = match (plan.items.as_slice(), plan.inline.len()) {
        ([one], 0) if !one.is_dir => "file",
        ([one], 0) if one.is_dir => "dir",
        ([], 1) => "file",
        _ => "multi",
    };
    Ok(format!("{kind}:{hex}"))
}

fn open_file(root: &RootDir, src: &Path) -> Result<std::fs::File> {
    let fd = root
        // A top-level source may be a symlink: followed, but only inside the root (RESOLVE_IN_ROOT).
        .open_in(&Path::new("/").join(src), OFlag::O_RDONLY | OFlag::O_NONBLOCK)?
        .ok_or_else(|| CopyError::Missing(src.display().to_string()))?;
    Ok(std::fs::File::from(fd))
}

/// How copied entries are owned and moded.
#[derive(Debug, Clone, Copy)]
pub struct CopyOptions {
    pub owner: Owner,
    /// `--chmod`: every copied entry gets this mode.
    pub chmod: Option<u32>,
    /// ADD: extract local tar archives instead of copying them.
    pub extract: bool,
    /// `COPY --parents`: each source keeps its path (from the source root) below the destination.
    pub parents: bool,
}

/// Whether `dest` (absolute, normalised) names a directory for this copy: it ends with `/`,
/// several things are copied, or it already is one in the image.
fn dest_is_dir(raw_dest: &str, plan: &Plan, target: &RootDir, dest: &Path, parents: bool) -> Result<bool> {
    Ok(parents
        || raw_dest.ends_with('/')
        || raw_dest.ends_with("/.")
        || plan.items.len() + plan.inline.len() > 1
        || target.is_dir(dest)?)
}

/// Copies a plan from `src` into `target` at `raw_dest` (absolute).
pub fn copy(src: &RootDir, plan: &Plan, target: &RootDir, raw_dest: &str, opts: &CopyOptions) -> Result<()> {
    let dest = Path::new("/").join(workspace::normalize(raw_dest).unwrap_or_default());
    let into_dir = dest_is_dir(raw_dest, plan, target, &dest, opts.parents)?;
    let meta = |mode: u32, mtime: Option<(i64, i64)>| EntryMeta {
        mode: opts.chmod.unwrap_or(mode),
        owner: opts.owner,
        parent_owner: opts.owner,
        mtime,
    };
    if into_dir {
        target.mkdir_all(&dest, 0o755, opts.owner)?;
    }
    for item in &plan.items {
        if !item.is_dir && opts.extract {
            let mut f = open_file(src, &item.entries[0].src)?;
            if is_archive(&mut f, &src.path().join(&item.entries[0].src))? {
                target.mkdir_all(&dest, 0o755, opts.owner)?;
                extract(&mut f, &item.name.to_string_lossy(), target, &dest)?;
                continue;
            }
        }
        let base = if opts.parents {
            dest.join(&item.path)
        } else if item.is_dir {
            dest.clone()
        } else if into_dir {
            dest.join(&item.name)
        } else {
            dest.clone()
        };
        for e in &item.entries {
            let to = if e.rel.as_os_str().is_empty() {
                base.clone()
            } else {
                base.join(&e.rel)
            };
            let m = meta(e.mode, Some(e.mtime));
            match &e.kind {
                Kind::Dir => target.make_dir(&to, &m)?,
                Kind::Symlink(t) => target.symlink(&to, t, &m)?,
                Kind::File { .. } => {
                    let mut f = open_file(src, &e.src)?;
                    target.write_file(&to, &mut f, &m)?;
                }
            }
        }
    }
    for (name, data) in &plan.inline {
        let to = if into_dir { dest.join(name) } else { dest.clone() };
        target.write_file(&to, &mut &data[..], &meta(0o644, None))?;
    }
    Ok(())
}

/// Sniffs a tar archive (plain, gzip or zstd) without consuming the file.
fn is_archive(f: &mut std::fs::File, path: &Path) -> Result<bool> {
    use std::io::{Seek, SeekFrom};
    let mut head = [0u8; 512];
    let read_err = |source| CopyError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut n = 0;
    while n < head.len() {
        let r = f.read(&mut head[n..]).map_err(read_err)?;
        if r == 0 {
            break;
        }
        n += r;
    }
    f.seek(SeekFrom::Start(0)).map_err(read_err)?;
    if head[..n].starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0]) || head[..n].starts_with(b"BZh") {
        return Err(CopyError::ArchiveFormat(path.to_path_buf()));
    }
    let compressed = !matches!(
        crate::image::manifest::Compression::sniff(&head[..n]),
        crate::image::manifest::Compression::None
    );
    Ok(compressed || (n >= 262 && &head[257..262] == b"ustar"))
}

/// Extracts a tar archive into `dest` in `target`, keeping the entries' owners and modes;
/// entries leaving `dest`, and device nodes, are refused.
pub fn extract(input: &mut dyn Read, archive: &str, target: &RootDir, dest: &Path) -> Result<()> {
    let bad = |entry: &str, reason: &str| CopyError::Archive {
        archive: archive.to_string(),
        entry: entry.to_string(),
        reason: reason.to_string(),
    };
    let io = |e: std::io::Error| bad("", &e.to_string());
    let reader = crate::image::manifest::decompress(std::io::BufReader::new(input)).map_err(io)?;
    let mut ar = tar::Archive::new(reader);
    let mut budget = SpaceBudget::default();
    let mut buf = vec![0; 1 << 20];
    for entry in ar.entries().map_err(io)? {
        let mut entry = entry.map_err(io)?;
        let named = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let sparse = sparse::detect(&mut entry).map_err(|e| bad(&named, &e.to_string()))?;
        // A PAX sparse file's entry has a made-up name; its real one is in its records.
        let raw = match sparse.as_ref().and_then(Sparse::name) {
            Some(real) => String::from_utf8_lossy(real).into_owned(),
            None => named,
        };
        let rel = workspace::normalize(&raw).ok_or_else(|| bad(&raw, "leads outside the destination"))?;
        if rel.as_os_str().is_empty() {
            continue;
        }
        let path = dest.join(&rel);
        let h = entry.header();
        let owner = Owner {
            uid: h.uid().unwrap_or(0) as u32,
            gid: h.gid().unwrap_or(0) as u32,
        };
        let meta = EntryMeta {
            mode: h.mode().unwrap_or(0o644) & 0o7777,
            owner,
            parent_owner: Owner::default(),
            mtime: h.mtime().ok().map(|t| (t as i64, 0)),
        };
        if let Some(s) = &sparse {
            target.create_file(&path, &meta, |f, _| {
                s.write(&mut entry, f, &mut buf, &mut budget)
                    .map_err(|e| bad(&raw, &e.to_string()))
            })?;
            continue;
        }
        match h.entry_type() {
            tar::EntryType::Directory => target.make_dir(&path, &meta)?,
            tar::EntryType::Regular | tar::EntryType::Continuous => target.write_file(&path, &mut entry, &meta)?,
            tar::EntryType::Symlink => {
                let t = entry
                    .link_name()
                    .map_err(io)?
                    .ok_or_else(|| bad(&raw, "symlink without target"))?
                    .into_owned();
                target.symlink(&path, t.as_os_str(), &meta)?;
            }
            tar::EntryType::Link => {
                let t = entry
                    .link_name_bytes()
                    .map(|t| String::from_utf8_lossy(&t).into_owned())
                    .ok_or_else(|| bad(&raw, "hard link without target"))?;
                let trel = workspace::normalize(&t).ok_or_else(|| bad(&raw, "hard link target leaves the archive"))?;
                target.hardlink(&path, &dest.join(trel), &meta)?;
            }
            tar::EntryType::XGlobalHeader | tar::EntryType::XHeader | tar::EntryType::GNULongName => {}
            _ => return Err(bad(&raw, "device nodes and fifos are not extracted")),
        }
    }
    Ok(())
}

/// Downloads an ADD URL, checking `--checksum` when given; returns the file name the URL
/// suggests and the content.
pub fn download(agent: &ureq::Agent, url: &str, checksum: Option<&str>) -> Result<(String, Vec<u8>)> {
    let expected = match checksum {
        Some(c) => Some(
            c.strip_prefix("sha256:")
                .filter(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()))
                .map(str::to_ascii_lowercase)
                .ok_or_else(|| CopyError::ChecksumSyntax(c.to_string()))?,
        ),
        None => None,
    };
    let fail = |message: String| CopyError::Download {
        url: url.to_string(),
        message,
    };
    let resp = agent.get(url).call().map_err(|e| fail(e.to_string()))?;
    let mut data = Vec::new();
    resp.into_body()
        .into_reader()
        .take(1 << 32)
        .read_to_end(&mut data)
        .map_err(|e| fail(e.to_string()))?;
    let actual = to_hex(&Sha256::digest(&data));
    if let Some(exp) = expected
        && exp != actual
    {
        return Err(CopyError::Checksum {
            url: url.to_string(),
            expected: format!("sha256:{exp}"),
            actual,
        });
    }
    let name = url
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .rsplit('/')
        .find(|s| !s.is_empty() && !s.contains(':'))
        .unwrap_or("download")
        .to_string();
    Ok((name, data))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp() -> PathBuf {
        let d = std::env::temp_dir().join(crate::store::atomic::unique_name("ferry-copy-"));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn me() -> Owner {
        Owner {
            uid: nix::unistd::getuid().as_raw(),
            gid: nix::unistd::getgid().as_raw(),
        }
    }

    #[test]
    fn plans_copies_and_digests_content() {
        let d = tmp();
        let ctx = d.join("ctx");
        std::fs::create_dir_all(ctx.join("dir/sub")).unwrap();
        std::fs::write(ctx.join("a.txt"), "a").unwrap();
        std::fs::write(ctx.join("b.txt"), "b").unwrap();
        std::fs::write(ctx.join("dir/sub/c"), "c").unwrap();
        std::fs::write(ctx.join("dir/skip.log"), "x").unwrap();
        let root = RootDir::open(&ctx).unwrap();
        let p = plan(&root, None, &["dir".into()], &["*.log".into()]).unwrap();
        let rels: Vec<_> = p.items[0].entries.iter().map(|e| e.rel.clone()).collect();
        assert_eq!(rels, [PathBuf::new(), "sub".into(), "sub/c".into()]);
        let d1 = digest(&root, &p).unwrap();
        assert!(d1.starts_with("dir:"));
        std::fs::write(ctx.join("dir/sub/c"), "C").unwrap();
        assert_ne!(digest(&root, &p).unwrap(), d1, "content changes the digest");
        let p = plan(&root, None, &["*.txt".into()], &[]).unwrap();
        assert_eq!(p.items.len(), 2);
        assert!(matches!(
            plan(&root, None, &["../x".into()], &[]),
            Err(CopyError::Outside(_))
        ));
        assert!(matches!(
            plan(&root, None, &["nope".into()], &[]),
            Err(CopyError::Missing(_))
        ));

        let out = d.join("out");
        std::fs::create_dir_all(out.join("existing")).unwrap();
        let target = RootDir::open(&out).unwrap();
        let opts = CopyOptions {
            owner: me(),
            chmod: Some(0o600),
            extract: false,
            parents: false,
        };
        copy(&root, &p, &target, "/app/", &opts).unwrap();
        assert_eq!(std::fs::read(out.join("app/a.txt")).unwrap(), b"a");
        let single = plan(&root, None, &["a.txt".into()], &[]).unwrap();
        copy(&root, &single, &target, "/renamed", &opts).unwrap();
        copy(&root, &single, &target, "/existing", &opts).unwrap();
        assert_eq!(std::fs::read(out.join("renamed")).unwrap(), b"a");
        assert!(out.join("existing/a.txt").exists());
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(out.join("renamed")).unwrap().permissions().mode() & 0o777,
            0o600
        );
        std::os::unix::fs::symlink("../../dir/sub/c", ctx.join("link")).unwrap();
        let linked = plan(&root, None, &["link".into()], &[]).unwrap();
        copy(&root, &linked, &target, "/linked", &opts).unwrap();
        assert_eq!(
            std::fs::read(out.join("linked")).unwrap(),
            b"C",
            "a source symlink is followed inside"
        );
        let nested = plan(&root, None, &["dir/sub/c".into()], &[]).unwrap();
        let keep = CopyOptions { parents: true, ..opts };
        copy(&root, &nested, &target, "/p", &keep).unwrap();
        assert_eq!(std::fs::read(out.join("p/dir/sub/c")).unwrap(), b"C");
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn extracts_archives_inside_the_destination() {
        let d = tmp();
        let mut b = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_path("x/y.txt").unwrap();
        h.set_size(2);
        h.set_mode(0o640);
        h.set_uid(me().uid as u64);
        h.set_gid(me().gid as u64);
        h.set_cksum();
        b.append(&h, &b"hi"[..]).unwrap();
        let data = b.into_inner().unwrap();
        let target = RootDir::open(&d).unwrap();
        extract(&mut &data[..], "a.tar", &target, Path::new("/dest")).unwrap();
        assert_eq!(std::fs::read(d.join("dest/x/y.txt")).unwrap(), b"hi");
        let mut h = tar::Header::new_gnu();
        h.as_old_mut().name[..6].copy_from_slice(b"../../");
        h.set_size(0);
        h.set_cksum();
        let mut b = tar::Builder::new(Vec::new());
        b.append(&h, &b""[..]).unwrap();
        let evil = b.into_inner().unwrap();
        assert!(extract(&mut &evil[..], "e.tar", &target, Path::new("/dest")).is_err());
        let _ = std::fs::remove_dir_all(&d);
    }
}
