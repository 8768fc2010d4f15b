//! Image archives: `docker-archive` and `oci-archive` tarballs, read into the store (`load`) and
//! written from it (`save`).
//!
//! Loading extracts the (possibly gzip- or zstd-compressed) tarball into a temp directory on the
//! store's filesystem, hashing every member as it is written, so blobs can later be verified
//! without reading them again and renamed into the blob store instead of copied. Member names
//! are validated before anything is written; symlinks are never created on disk but kept in a
//! table and resolved by [`Extracted::resolve`], so no path lookup ever leaves the temp directory.

pub mod docker;
pub mod oci;

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufReader, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::apply::ApplyOptions;
use super::lookup::LocalImage;
use super::manifest::{ImageConfig, Manifest, decompress};
use super::reference::Reference;
use super::unpack::{UnpackError, unpack_image};
use crate::store::blobs::BlobInfo;
use crate::store::digest::HashingWriter;
use crate::store::images::Descriptor;
use crate::store::{Digest, Store, StoreError, atomic};

/// JSON members (manifest.json, index.json, manifests, configs) larger than this are refused
/// rather than read into memory.
const MAX_JSON: u64 = 64 << 20;

/// How many symlinks one lookup may follow (as Linux's MAXSYMLINKS).
const MAX_LINKS: usize = 40;

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("reading the archive: {0}")]
    Read(#[source] io::Error),
    #[error("writing the archive: {0}")]
    Write(#[source] io::Error),
    #[error("archive member {member:?}: {reason}")]
    Member { member: String, reason: String },
    #[error("{member} is not in the archive")]
    Missing { member: String },
    #[error("{member}: invalid JSON: {source}")]
    Json { member: String, source: serde_json::Error },
    #[error("{member}: {reason}")]
    Invalid { member: String, reason: String },
    #[error(
        "{member} does not match its descriptor: expected {expected} ({expected_size} bytes), got {actual} ({actual_size} bytes)"
    )]
    BlobMismatch {
        member: String,
        expected: Digest,
        expected_size: u64,
        actual: Digest,
        actual_size: u64,
    },
    #[error("not a docker-archive or oci-archive: neither manifest.json nor index.json is in the archive")]
    UnknownFormat,
    #[error("invalid image name {name:?}: {source}")]
    Name {
        name: String,
        source: super::reference::ReferenceError,
    },
    #[error("{member}: no image for linux/{arch}")]
    NoPlatform { member: String, arch: String },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("layer {blob} of image {image}: {reason}")]
    Layer {
        image: String,
        blob: Digest,
        reason: String,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Unpack(#[from] UnpackError),
}

pub type Result<T, E = ArchiveError> = std::result::Result<T, E>;

/// An image added to the store by [`load`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedImage {
    pub id: Digest,
    /// Full names, as given in the archive and normalized.
    pub names: Vec<String>,
}

/// An image to write into an archive, under `names` (full names; may be empty).
#[derive(Debug, Clone)]
pub struct SaveImage {
    pub image: LocalImage,
    pub names: Vec<String>,
}

/// An image whose blobs are in the store but that is not yet unpacked nor named.
struct Staged {
    manifest_desc: Descriptor,
    manifest: Manifest,
    config: ImageConfig,
    names: Vec<String>,
}

/// What a load put into the store that was not there before: blobs and unpacked layers (chain
/// ids). After a failed load they are unreferenced, and `gc::remove_unreferenced` takes them
/// away once the content lock is released.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Added {
    pub blobs: Vec<Digest>,
    pub layers: Vec<Digest>,
}

/// Loads every image of a docker-archive or oci-archive read from `input`. Images are added to
/// `index.json` only once all of them are stored and unpacked. The caller holds the content lock
/// (and, rootless, is inside the user namespace); what the load added to the store is recorded
/// in `added`, failed or not.
pub fn load(
    store: &Store,
    input: &mut dyn Read,
    opts: &ApplyOptions,
    warnings: &mut Vec<String>,
    added: &mut Added,
) -> Result<Vec<LoadedImage>> {
    let tmp = store.temp_dir("load-")?;
    let result = (|| {
        let mut x = Extracted::extract(input, &tmp)?;
        let staged = if x.is_file("manifest.json") {
            docker::stage(store, &mut x)
        } else if x.is_file("index.json") {
            oci::stage(store, &mut x, warnings)
        } else {
            Err(ArchiveError::UnknownFormat)
        };
        added.blobs.append(&mut x.added);
        let staged = staged?;
        for s in &staged {
            let mut chains = Vec::new();
            let mut parent: Option<Digest> = None;
            for diff in &s.config.rootfs.diff_ids {
                let chain = crate::store::layers::chain_id(parent.as_ref(), diff);
                chains.push((store.layers().has(&chain), chain.clone()));
                parent = Some(chain);
            }
            let unpacked = unpack_image(store, &s.manifest, &s.config, opts, warnings);
            added.layers.extend(
                chains
                    .into_iter()
                    .filter(|(had, chain)| !had && store.layers().has(chain))
                    .map(|(_, chain)| chain),
            );
            unpacked?;
        }
        let mut out = Vec::new();
        for s in staged {
            let id = store.images().add(s.manifest_desc, &s.names)?;
            out.push(LoadedImage { id, names: s.names });
        }
        Ok(out)
    })();
    // What is left is garbage for `system prune`; it must not turn a finished load into a failure.
    if let Err(e) = atomic::remove_tree(&tmp) {
        warnings.push(format!("removing temporary files: {e}"));
    }
    result
}

/// Parses an image name found in an archive into its full form.
fn full_name(name: &str) -> Result<String> {
    Reference::parse(name)
        .map(|r| r.to_string())
        .map_err(|source| ArchiveError::Name {
            name: name.to_string(),
            source,
        })
}

/// A regular file extracted from the archive: where it is and what it hashes to.
#[derive(Debug, Clone)]
struct Member {
    info: BlobInfo,
    /// Set once the file has been renamed into the blob store.
    moved: bool,
}

/// An archive extracted into a directory, with every member's digest and its symlink table.
pub(crate) struct Extracted {
    root: PathBuf,
    files: BTreeMap<String, Member>,
    dirs: BTreeSet<String>,
    /// Link name to its target, both normalized archive paths.
    links: BTreeMap<String, String>,
    /// Blobs the staging put into the store that were not there before.
    added: Vec<Digest>,
}

impl Extracted {
    /// Extracts a tar stream (plain, gzip or zstd) into `root`, an existing empty directory.
    pub(crate) fn extract(input: &mut dyn Read, root: &Path) -> Result<Extracted> {
        let stream = decompress(BufReader::with_capacity(256 * 1024, input)).map_err(ArchiveError::Read)?;
        let mut archive = tar::Archive::new(stream);
        let mut x = Extracted {
            root: root.to_path_buf(),
            files: BTreeMap::new(),
            dirs: BTreeSet::new(),
            links: BTreeMap::new(),
            added: Vec::new(),
        };
        for entry in archive.entries().map_err(ArchiveError::Read)? {
            let mut entry = entry.map_err(ArchiveError::Read)?;
            let raw = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
            let kind = entry.header().entry_type();
            if kind == tar::EntryType::XGlobalHeader {
                continue;
            }
            let member_err = |reason: &str| ArchiveError::Member {
                member: raw.clone(),
                reason: reason.to_string(),
            };
            let parts = member_name(&raw).map_err(&member_err)?;
            if parts.is_empty() {
                if kind.is_dir() {
                    continue;
                }
                return Err(member_err("empty name"));
            }
            let key = parts.join("/");
            x.make_parents(&parts, &raw)?;
            match kind {
                tar::EntryType::Directory => {
                    if x.files.contains_key(&key) || x.links.contains_key(&key) {
                        return Err(member_err("a directory replaces a file"));
                    }
                    if x.dirs.insert(key.clone()) {
                        let p = root.join(&key);
                        fs::create_dir(&p).map_err(|source| ArchiveError::Io { path: p, source })?;
                    }
                }
                tar::EntryType::Regular | tar::EntryType::Continuous => {
                    if x.dirs.contains(&key) {
                        return Err(member_err("a file replaces a directory"));
                    }
                    x.links.remove(&key);
                    let info = x.write_file(&key, &mut entry)?;
                    x.files.insert(key, Member { info, moved: false });
                }
                tar::EntryType::Symlink => {
                    if x.dirs.contains(&key) {
                        return Err(member_err("a symlink replaces a directory"));
                    }
                    let target = entry
                        .link_name_bytes()
                        .map(|t| String::from_utf8_lossy(&t).into_owned())
                        .unwrap_or_default();
                    let resolved = link_target(&parts, &target).map_err(&member_err)?;
                    if x.files.remove(&key).is_some() {
                        let p = root.join(&key);
                        fs::remove_file(&p).map_err(|source| ArchiveError::Io { path: p, source })?;
                    }
                    x.links.insert(key, resolved);
                }
                _ => return Err(member_err("only regular files, directories and symlinks are allowed")),
            }
        }
        Ok(x)
    }

    /// Creates the member's missing parent directories; refuses parents that are files or links
    /// (files are only ever written below real directories).
    fn make_parents(&mut self, parts: &[&str], raw: &str) -> Result<()> {
        for i in 1..parts.len() {
            let dir = parts[..i].join("/");
            if self.files.contains_key(&dir) || self.links.contains_key(&dir) {
                return Err(ArchiveError::Member {
                    member: raw.to_string(),
                    reason: format!("parent {dir:?} is not a directory"),
                });
            }
            if self.dirs.insert(dir.clone()) {
                let p = self.root.join(&dir);
                fs::create_dir(&p).map_err(|source| ArchiveError::Io { path: p, source })?;
            }
        }
        Ok(())
    }

    fn write_file(&self, key: &str, data: &mut dyn Read) -> Result<BlobInfo> {
        let p = self.root.join(key);
        let io_err = |source| ArchiveError::Io {
            path: p.clone(),
            source,
        };
        match fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_err(e)),
        }
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o644)
            .open(&p)
            .map_err(io_err)?;
        let mut w = HashingWriter::new(io::BufWriter::with_capacity(256 * 1024, file));
        // Reading the archive and writing the member fail for different reasons (a full disk
        // is not a broken archive): each error says which.
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            let n = match data.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(ArchiveError::Read(e)),
            };
            w.write_all(&chunk[..n]).map_err(io_err)?;
        }
        let (buf, digest, size) = w.finish();
        buf.into_inner().map_err(|e| io_err(e.into_error()))?;
        Ok(BlobInfo { digest, size })
    }

    pub(crate) fn is_file(&self, name: &str) -> bool {
        self.resolve(name).is_ok()
    }

    /// The key of the regular file `name` refers to, following symlinks inside the archive.
    /// `name` comes from the archive's own metadata, so it is as untrusted as member names.
    pub(crate) fn resolve(&self, name: &str) -> Result<String> {
        let invalid = |reason: &str| ArchiveError::Invalid {
            member: name.to_string(),
            reason: reason.to_string(),
        };
        let parts = member_name(name).map_err(&invalid)?;
        let mut cur: Vec<String> = parts.iter().map(|s| s.to_string()).collect();
        let mut hops = 0;
        'walk: loop {
            for i in 1..=cur.len() {
                let prefix = cur[..i].join("/");
                if let Some(target) = self.links.get(&prefix) {
                    hops += 1;
                    if hops > MAX_LINKS {
                        return Err(invalid("too many levels of symbolic links"));
                    }
                    let mut next: Vec<String> = target.split('/').filter(|s| !s.is_empty()).map(String::from).collect();
                    next.extend(cur[i..].iter().cloned());
                    cur = next;
                    continue 'walk;
                }
            }
            break;
        }
        let key = cur.join("/");
        if self.files.contains_key(&key) {
            Ok(key)
        } else if self.dirs.contains(&key) || key.is_empty() {
            Err(invalid("is a directory"))
        } else {
            Err(ArchiveError::Missing {
                member: name.to_string(),
            })
        }
    }

    fn member(&self, key: &str) -> &Member {
        self.files.get(key).expect("keys come from resolve")
    }

    /// Where a resolved member's bytes are now (the blob store once moved).
    fn path_of(&self, store: &Store, key: &str) -> PathBuf {
        let m = self.member(key);
        if m.moved {
            store.blobs().path(&m.info.digest)
        } else {
            self.root.join(key)
        }
    }

    pub(crate) fn info(&self, key: &str) -> &BlobInfo {
        &self.member(key).info
    }

    /// Reads a small (JSON) member into memory.
    fn read_json(&self, store: &Store, name: &str, key: &str) -> Result<Vec<u8>> {
        let info = self.info(key);
        if info.size > MAX_JSON {
            return Err(ArchiveError::Invalid {
                member: name.to_string(),
                reason: format!("{} bytes is too large for a JSON document", info.size),
            });
        }
        let p = self.path_of(store, key);
        fs::read(&p).map_err(|source| ArchiveError::Io { path: p, source })
    }

    fn parse_json<T: serde::de::DeserializeOwned>(&self, store: &Store, name: &str, key: &str) -> Result<T> {
        let data = self.read_json(store, name, key)?;
        serde_json::from_slice(&data).map_err(|source| ArchiveError::Json {
            member: name.to_string(),
            source,
        })
    }

    /// The first bytes of a member, to sniff its compression.
    fn head(&self, store: &Store, key: &str) -> Result<Vec<u8>> {
        let p = self.path_of(store, key);
        let mut head = Vec::with_capacity(8);
        File::open(&p)
            .and_then(|f| f.take(8).read_to_end(&mut head))
            .map_err(|source| ArchiveError::Io { path: p, source })?;
        Ok(head)
    }

    /// Moves a member into the blob store under its digest (computed while extracting).
    fn commit(&mut self, store: &Store, key: &str) -> Result<BlobInfo> {
        let root = self.root.clone();
        let m = self.files.get_mut(key).expect("keys come from resolve");
        if m.moved || store.blobs().has(&m.info.digest) {
            return Ok(m.info.clone());
        }
        let p = root.join(key);
        File::open(&p)
            .and_then(|f| f.sync_all())
            .map_err(|source| ArchiveError::Io {
                path: p.clone(),
                source,
            })?;
        store.blobs().commit_file(&p, &m.info.digest)?;
        m.moved = true;
        let info = m.info.clone();
        self.added.push(info.digest.clone());
        Ok(info)
    }

    /// Stores a blob made from the archive's metadata (a config or manifest it implies).
    fn put_bytes(&mut self, store: &Store, data: &[u8]) -> Result<BlobInfo> {
        let digest = Digest::of_bytes(data);
        let new = !store.blobs().has(&digest);
        let info = store.blobs().put_bytes(data, None)?;
        if new {
            self.added.push(info.digest.clone());
        }
        Ok(info)
    }
}

/// Splits a member name into its components, refusing absolute names and `..`.
fn member_name(name: &str) -> std::result::Result<Vec<&str>, &'static str> {
    if name.starts_with('/') {
        return Err("absolute paths are not allowed");
    }
    if name.contains('\0') {
        return Err("NUL in name");
    }
    let mut out = Vec::new();
    for c in name.split('/') {
        match c {
            "" | "." => {}
            ".." => return Err("\"..\" is not allowed"),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Resolves a symlink target lexically against the link's directory; the result must stay
/// inside the archive.
fn link_target(link: &[&str], target: &str) -> std::result::Result<String, &'static str> {
    if target.is_empty() {
        return Err("empty symlink target");
    }
    if target.starts_with('/') {
        return Err("symlinks must be relative");
    }
    let mut cur: Vec<&str> = link[..link.len() - 1].to_vec();
    for c in target.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                if cur.pop().is_none() {
                    return Err("symlink points outside the archive");
                }
            }
            c => cur.push(c),
        }
    }
    Ok(cur.join("/"))
}

/// A tar header for a regular archive member with fixed, reproducible metadata.
fn file_header(path: &str, size: u64) -> io::Result<tar::Header> {
    let mut h = tar::Header::new_ustar();
    h.set_path(path)?;
    h.set_size(size);
    h.set_mode(0o644);
    h.set_uid(0);
    h.set_gid(0);
    h.set_mtime(0);
    h.set_entry_type(tar::EntryType::Regular);
    h.set_cksum();
    Ok(h)
}

fn dir_header(path: &str) -> io::Result<tar::Header> {
    let mut h = tar::Header::new_ustar();
    h.set_path(path)?;
    h.set_size(0);
    h.set_mode(0o755);
    h.set_mtime(0);
    h.set_entry_type(tar::EntryType::Directory);
    h.set_cksum();
    Ok(h)
}

/// Appends in-memory bytes as a member.
fn append_bytes<W: Write>(tar: &mut tar::Builder<W>, path: &str, data: &[u8]) -> Result<()> {
    let h = file_header(path, data.len() as u64).map_err(ArchiveError::Write)?;
    tar.append(&h, data).map_err(ArchiveError::Write)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Builds a tar in memory from (name, kind) members, bypassing the tar crate's own path
    /// checks so hostile names can be produced.
    pub(crate) enum M<'a> {
        File(&'a str, &'a [u8]),
        Dir(&'a str),
        Link(&'a str, &'a str),
        Hard(&'a str, &'a str),
        Fifo(&'a str),
    }

    pub(crate) fn build_tar(members: &[M]) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        for m in members {
            let mut h = tar::Header::new_gnu();
            let (name, kind, data, link): (&str, tar::EntryType, &[u8], Option<&str>) = match m {
                M::File(n, d) => (n, tar::EntryType::Regular, d, None),
                M::Dir(n) => (n, tar::EntryType::Directory, b"", None),
                M::Link(n, t) => (n, tar::EntryType::Symlink, b"", Some(t)),
                M::Hard(n, t) => (n, tar::EntryType::Link, b"", Some(t)),
                M::Fifo(n) => (n, tar::EntryType::Fifo, b"", None),
            };
            let bytes = name.as_bytes();
            h.as_old_mut().name[..bytes.len()].copy_from_slice(bytes);
            if let Some(t) = link {
                h.as_old_mut().linkname[..t.len()].copy_from_slice(t.as_bytes());
            }
            h.set_entry_type(kind);
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_cksum();
            b.append(&h, data).unwrap();
        }
        b.into_inner().unwrap()
    }

    fn extract(data: &[u8]) -> (tempdir::Dir, Result<Extracted>) {
        let dir = tempdir::Dir::new();
        let r = Extracted::extract(&mut &data[..], dir.path());
        (dir, r)
    }

    /// A self-removing scratch directory (no extra crate needed).
    pub(crate) mod tempdir {
        use std::path::{Path, PathBuf};

        pub struct Dir(PathBuf);
        impl Dir {
            pub fn new() -> Dir {
                let p = std::env::temp_dir().join(crate::store::atomic::unique_name("ferry-archive-test-"));
                std::fs::create_dir(&p).unwrap();
                Dir(p)
            }
            pub fn path(&self) -> &Path {
                &self.0
            }
        }
        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    #[test]
    fn extracts_and_resolves_symlinks() {
        let tar = build_tar(&[
            M::Dir("a/"),
            M::File("a/layer.tar", b"hello"),
            M::Dir("./b"),
            M::Link("b/layer.tar", "../a/layer.tar"),
            M::Link("c", "b"),
            M::File("./top.json", b"{}"),
        ]);
        let (_d, x) = extract(&tar);
        let x = x.unwrap();
        assert_eq!(x.resolve("a/layer.tar").unwrap(), "a/layer.tar");
        assert_eq!(x.resolve("b/layer.tar").unwrap(), "a/layer.tar");
        assert_eq!(x.resolve("./c/layer.tar").unwrap(), "a/layer.tar");
        assert_eq!(x.info("a/layer.tar").digest, Digest::of_bytes(b"hello"));
        assert!(x.is_file("top.json"));
        assert!(matches!(x.resolve("nope"), Err(ArchiveError::Missing { .. })));
        assert!(x.resolve("a").is_err());
        assert!(x.resolve("../a/layer.tar").is_err());
        assert!(x.resolve("/a/layer.tar").is_err());
    }

    #[test]
    fn compressed_archives_are_sniffed() {
        let tar = build_tar(&[M::File("x", b"data")]);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&tar).unwrap();
        let gz = gz.finish().unwrap();
        let zst = zstd::encode_all(&tar[..], 1).unwrap();
        for data in [gz, zst] {
            let (_d, x) = extract(&data);
            assert!(x.unwrap().is_file("x"));
        }
    }

    #[test]
    fn hostile_members_are_refused_by_name() {
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (build_tar(&[M::File("/etc/passwd", b"x")]), "/etc/passwd"),
            (build_tar(&[M::File("../evil", b"x")]), "../evil"),
            (build_tar(&[M::File("a/../../evil", b"x")]), "a/../../evil"),
            (build_tar(&[M::Link("l", "/etc")]), "\"l\""),
            (build_tar(&[M::Link("l", "../..")]), "\"l\""),
            (build_tar(&[M::Link("a/l", "../../x")]), "a/l"),
            (build_tar(&[M::Hard("h", "x")]), "\"h\""),
            (build_tar(&[M::Fifo("f")]), "\"f\""),
            (build_tar(&[M::Link("l", "."), M::File("l/x", b"x")]), "l/x"),
            (build_tar(&[M::File("f", b"x"), M::File("f/x", b"x")]), "f/x"),
            (build_tar(&[M::Dir("d"), M::File("d", b"x")]), "\"d\""),
        ];
        for (tar, name) in cases {
            let (d, r) = extract(&tar);
            let err = r.err().expect(name).to_string();
            assert!(err.contains(name), "{err} should name {name}");
            // Nothing escaped the extraction directory.
            assert!(!d.path().parent().unwrap().join("evil").exists());
        }
    }

    #[test]
    fn symlink_loops_and_escapes_fail_lookup() {
        let tar = build_tar(&[
            M::Link("a", "b"),
            M::Link("b", "a"),
            M::Link("up", "."),
            M::File("f", b""),
        ]);
        let (_d, x) = extract(&tar);
        let x = x.unwrap();
        assert!(x.resolve("a").unwrap_err().to_string().contains("too many levels"));
        assert_eq!(x.resolve("up/up/f").unwrap(), "f");
        assert!(x.resolve("up/../f").is_err());
    }

    #[test]
    fn garbage_and_truncated_input_are_read_errors() {
        let (_d, r) = extract(b"this is not a tar archive at all, just some text that is long enough");
        assert!(r.is_err() || !r.unwrap().is_file("manifest.json"));
        let tar = build_tar(&[M::File("big", &[7u8; 4096])]);
        let (_d, r) = extract(&tar[..1024]);
        assert!(matches!(r, Err(ArchiveError::Read(_))), "truncated archive must fail");
    }

    #[test]
    fn later_members_replace_earlier_ones() {
        let tar = build_tar(&[
            M::File("x", b"1"),
            M::File("x", b"22"),
            M::File("y", b"3"),
            M::Link("y", "x"),
        ]);
        let (_d, x) = extract(&tar);
        let x = x.unwrap();
        assert_eq!(x.info("x").size, 2);
        assert_eq!(x.resolve("y").unwrap(), "x");
    }
}
