//! Garbage collection: deletes blobs and layers that nothing references, and the leftovers of
//! interrupted work (including interrupted container removals), under the exclusive gc lock.
//!
//! Roots are the images in `index.json` plus extra layer chains the caller names (containers'
//! layers, once containers exist). Rootless callers must already be in the user namespace, since
//! layer files belong to subordinate ids.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::store::{Digest, Store, StoreError, atomic, lock};

#[derive(Debug, thiserror::Error)]
pub enum GcError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Containers(#[from] crate::store::containers::ContainerError),
    #[error("removing {path}: {source}")]
    Remove { path: PathBuf, source: io::Error },
}

/// What a collection removed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct GcReport {
    /// Unreferenced blobs (manifests, configs, compressed layers).
    pub blobs: usize,
    /// Unreferenced unpacked layers.
    pub layers: usize,
    /// Leftovers of interrupted work: temp files and directories, dangling layer links.
    pub garbage: usize,
    /// Disk space freed, as `du` counts it.
    pub bytes: u64,
}

/// Removes everything not reachable from `index.json` or from `extra_layer_roots` (layer chain
/// ids whose parents are kept too), plus the garbage `Store::garbage` lists.
///
/// Takes `gc.lock` and then `index.lock` (the store's lock order), so the caller must hold
/// neither.
pub fn collect(store: &Store) -> Result<GcReport, GcError> {
    collect_with(store, || extra_roots(store))
}

/// The layer chains that are kept besides the images': containers' layers, images mounted
/// into containers, the build cache's steps.
fn extra_roots(store: &Store) -> Result<Vec<Digest>, GcError> {
    let mut roots = store.containers().layer_roots()?;
    // Images mounted into containers (`--mount type=image`) keep their layers too.
    roots.extend(store.volumes().image_layer_roots()?);
    // So do the build cache's steps (until `image prune -a` forgets them).
    roots.extend(build_cache_roots(store).0);
    Ok(roots)
}

/// Removes `blobs` and `layers` (chain ids) unless something references them: what a failed
/// operation added, taken away at once rather than left for `system prune`. Under the gc lock
/// as [`collect`] (the caller holds no store lock), so content another operation is adding
/// meanwhile, the same blob perhaps, is not touched.
pub fn remove_unreferenced(store: &Store, blobs: &[Digest], layers: &[Digest]) -> Result<(), GcError> {
    if blobs.is_empty() && layers.is_empty() {
        return Ok(());
    }
    let _gc = store.gc_lock()?;
    let _index = lock::lock(&store.root().join("index.lock"), lock::Mode::Exclusive)?;
    let mut reachable = store.images().reachable()?;
    reachable.blobs.extend(build_cache_roots(store).1);
    let keep_layers = with_parents(store, reachable.layers, &extra_roots(store)?);
    for d in blobs.iter().filter(|d| !reachable.blobs.contains(d)) {
        store.blobs().remove(d)?;
    }
    // Top layers first: a parent goes only once its children are gone.
    for chain in layers.iter().rev().filter(|c| !keep_layers.contains(c)) {
        if let Ok(info) = store.layers().get(chain) {
            let doomed = store.layers().unlink(&info)?;
            remove_path(&doomed)?;
        }
    }
    Ok(())
}

/// The fields of a build cache entry (`build::cache::StepState`) that hold content.
#[derive(serde::Deserialize)]
pub(crate) struct CacheEntryRefs {
    pub(crate) top: Option<Digest>,
    #[serde(default)]
    pub(crate) layers: Vec<CacheLayerRef>,
}

#[derive(serde::Deserialize)]
pub(crate) struct CacheLayerRef {
    pub(crate) digest: Digest,
}

/// The top layers and layer blobs the build cache (`<root>/build/cache/`) refers to.
pub(crate) fn build_cache_roots(store: &Store) -> (Vec<Digest>, Vec<Digest>) {
    let (mut layers, mut blobs) = (Vec::new(), Vec::new());
    let Ok(dir) = fs::read_dir(store.root().join("build/cache")) else {
        return (layers, blobs);
    };
    for ent in dir.flatten() {
        let Ok(data) = fs::read(ent.path()) else { continue };
        let Ok(refs) = serde_json::from_slice::<CacheEntryRefs>(&data) else {
            continue;
        };
        layers.extend(refs.top);
        blobs.extend(refs.layers.into_iter().map(|l| l.digest));
    }
    (layers, blobs)
}

/// `collect` with the extra layer roots (containers' images) computed by `roots` once the locks
/// are held, so a container created meanwhile cannot lose its layers.
fn collect_with(store: &Store, roots: impl FnOnce() -> Result<Vec<Digest>, GcError>) -> Result<GcReport, GcError> {
    let _gc = store.gc_lock()?;
    // Index updates (tag, rmi) do not take the gc lock; holding the index lock keeps their
    // in-flight `oci/.tmp-` files out of the garbage and the roots fixed while we work.
    let _index = lock::lock(&store.root().join("index.lock"), lock::Mode::Exclusive)?;
    let mut report = GcReport::default();
    // What interrupted container removals left (no container is being created now); their
    // records go before the roots are read, so their layers can go too.
    let (finished, freed) = store.containers().finish_removals(true, &disk_usage)?;
    report.garbage += finished.len();
    report.bytes += freed;
    let mut reachable = store.images().reachable()?;
    reachable.blobs.extend(build_cache_roots(store).1);
    let extra_layer_roots = roots()?;
    let keep_layers = with_parents(store, reachable.layers, &extra_layer_roots);

    for path in store.garbage()? {
        report.bytes += disk_usage(&path);
        remove_path(&path)?;
        report.garbage += 1;
    }

    let blobs = store.blobs();
    for digest in blobs.list()? {
        if reachable.blobs.contains(&digest) {
            continue;
        }
        report.bytes += disk_usage(&blobs.path(&digest));
        blobs.remove(&digest)?;
        report.blobs += 1;
    }

    let layers = store.layers();
    let layers_dir = store.layers_dir();
    for ent in read_dir(&layers_dir)? {
        let Ok(chain) = Digest::from_hex(&ent.file_name().to_string_lossy()) else {
            continue;
        };
        if keep_layers.contains(&chain) {
            continue;
        }
        let doomed = match layers.get(&chain) {
            Ok(info) => layers.unlink(&info)?,
            // A directory under a layer's name without a readable record cannot be used;
            // rename it away the same way `unlink` does.
            Err(_) => {
                let doomed = layers_dir.join(atomic::unique_name(".tmp-rm-"));
                fs::rename(ent.path(), &doomed).map_err(|source| GcError::Remove {
                    path: ent.path(),
                    source,
                })?;
                doomed
            }
        };
        report.bytes += disk_usage(&doomed);
        remove_path(&doomed)?;
        report.layers += 1;
    }

    // A process killed between creating a layer's short link and renaming the layer into place
    // leaves a link to nothing.
    let links_dir = layers_dir.join("l");
    for ent in read_dir(&links_dir)? {
        let link = ent.path();
        if fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink()) && fs::metadata(&link).is_err() {
            remove_path(&link)?;
            report.garbage += 1;
        }
    }
    // Copies made for containers with their own user namespace follow their layers.
    crate::store::shifted::remove_unused(store)?;
    Ok(report)
}

/// `roots` plus every extra root and its parent chain (as far as the layer records go).
pub(crate) fn with_parents(store: &Store, mut roots: BTreeSet<Digest>, extra: &[Digest]) -> BTreeSet<Digest> {
    for top in extra {
        let mut cur = Some(top.clone());
        while let Some(chain) = cur {
            cur = store.layers().get(&chain).ok().and_then(|info| info.parent);
            roots.insert(chain);
        }
    }
    roots
}

fn read_dir(dir: &Path) -> Result<Vec<fs::DirEntry>, GcError> {
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(StoreError::Io {
                path: dir.into(),
                source: e,
            }
            .into());
        }
    };
    rd.collect::<io::Result<Vec<_>>>().map_err(|source| {
        StoreError::Io {
            path: dir.into(),
            source,
        }
        .into()
    })
}

/// Removes a file, symlink or whole tree; a path already gone is fine.
fn remove_path(path: &Path) -> Result<(), GcError> {
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(GcError::Remove {
                path: path.into(),
                source,
            });
        }
    };
    if meta.is_dir() {
        return Ok(atomic::remove_tree(path)?);
    }
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(GcError::Remove {
            path: path.into(),
            source,
        }),
    }
}

/// Disk space used by a file or tree, like `du -s`: allocated blocks, each inode counted once,
/// symlinks not followed. Parts that cannot be read are not counted.
pub fn disk_usage(path: &Path) -> u64 {
    let mut seen: HashSet<(u64, u64)> = HashSet::new();
    let mut total = 0u64;
    let mut todo = vec![path.to_path_buf()];
    while let Some(p) = todo.pop() {
        let Ok(meta) = fs::symlink_metadata(&p) else { continue };
        if meta.nlink() > 1 && !meta.is_dir() && !seen.insert((meta.dev(), meta.ino())) {
            continue;
        }
        total += meta.blocks() * 512;
        if meta.is_dir()
            && let Ok(rd) = fs::read_dir(&p)
        {
            todo.extend(rd.flatten().map(|e| e.path()));
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;
    use crate::store::images::{Descriptor, MEDIA_OCI_MANIFEST};
    use crate::store::layers::LayerInfo;

    struct TempStore {
        dir: PathBuf,
        store: Store,
    }

    impl TempStore {
        fn new() -> TempStore {
            let dir = std::env::temp_dir().join(atomic::unique_name("ferry-gc-test-"));
            let store = Store::open(&dir.join("root"), &dir.join("run")).unwrap();
            TempStore { dir, store }
        }
    }

    impl Drop for TempStore {
        fn drop(&mut self) {
            let _ = atomic::remove_tree(&self.dir);
        }
    }

    /// Unpacks a layer with one file `name` containing `content`.
    fn add_layer(store: &Store, parent: Option<&Digest>, name: &str, content: &[u8]) -> LayerInfo {
        let pending = store.layers().begin().unwrap();
        fs::write(pending.dir().join(name), content).unwrap();
        let diff_id = Digest::of_bytes(content);
        let (info, fresh) = store
            .layers()
            .commit(&pending, parent, &diff_id, content.len() as u64)
            .unwrap();
        assert!(fresh);
        info
    }

    /// Stores a config and manifest over `diff_ids` and names the image; returns the blobs.
    fn add_image(store: &Store, diff_ids: &[&Digest], name: Option<&str>) -> Vec<Digest> {
        let ids: Vec<String> = diff_ids.iter().map(|d| format!("\"{d}\"")).collect();
        let config = format!(r#"{{"rootfs":{{"type":"layers","diff_ids":[{}]}}}}"#, ids.join(","));
        let cfg = store.blobs().put_bytes(config.as_bytes(), None).unwrap();
        let layer_blob = store
            .blobs()
            .put_bytes(format!("tar of {name:?}").as_bytes(), None)
            .unwrap();
        let manifest = format!(
            r#"{{"schemaVersion":2,"config":{{"mediaType":"x","digest":"{}","size":{}}},"layers":[{{"mediaType":"y","digest":"{}","size":{}}}]}}"#,
            cfg.digest, cfg.size, layer_blob.digest, layer_blob.size
        );
        let m = store.blobs().put_bytes(manifest.as_bytes(), None).unwrap();
        let names: Vec<String> = name.into_iter().map(String::from).collect();
        store
            .images()
            .add(Descriptor::new(MEDIA_OCI_MANIFEST, m.digest.clone(), m.size), &names)
            .unwrap();
        vec![m.digest, cfg.digest, layer_blob.digest]
    }

    #[test]
    fn keeps_reachable_and_removes_the_rest() {
        let t = TempStore::new();
        let s = &t.store;
        let base = add_layer(s, None, "a", b"base");
        let top = add_layer(s, Some(&base.chain_id), "b", b"top");
        let kept = add_image(s, &[&base.diff_id, &top.diff_id], Some("localhost/kept:latest"));
        let orphan_layer = add_layer(s, None, "c", b"orphan");
        let orphan_blob = s.blobs().put_bytes(b"orphan blob", None).unwrap().digest;

        // Leftovers of killed processes: a temp download, a half-unpacked layer with
        // directories nobody may write to, a link to a layer that never got its name.
        fs::write(s.tmp_dir().join("blob-123"), b"partial").unwrap();
        let half = s.layers().begin().unwrap();
        let locked = half.dir().join("ro");
        fs::create_dir_all(locked.join("closed")).unwrap();
        fs::write(locked.join("file"), b"x").unwrap();
        fs::set_permissions(locked.join("closed"), fs::Permissions::from_mode(0o000)).unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
        std::os::unix::fs::symlink("../nothing/diff", s.layers_dir().join("l/dangling")).unwrap();

        let report = collect_with(s, || Ok(Vec::new())).unwrap();
        assert_eq!(report.blobs, 1);
        assert_eq!(report.layers, 1);
        assert_eq!(report.garbage, 3);
        assert!(report.bytes > 0);

        for d in &kept {
            assert!(s.blobs().has(d), "{d} was removed");
        }
        assert!(!s.blobs().has(&orphan_blob));
        assert!(s.layers().has(&base.chain_id) && s.layers().has(&top.chain_id));
        assert!(!s.layers().has(&orphan_layer.chain_id));
        assert!(!s.layers_dir().join("l").join(&orphan_layer.link).exists());
        assert!(s.layers_dir().join("l").join(&top.link).exists());
        assert!(!half.path().exists());
        assert_eq!(fs::read_dir(s.tmp_dir()).unwrap().count(), 0);
        assert!(fs::symlink_metadata(s.layers_dir().join("l/dangling")).is_err());

        // Nothing left to do the second time.
        assert_eq!(collect_with(s, || Ok(Vec::new())).unwrap(), GcReport::default());
    }

    #[test]
    fn dangling_images_still_hold_their_content() {
        let t = TempStore::new();
        let s = &t.store;
        let l = add_layer(s, None, "a", b"a");
        let blobs = add_image(s, &[&l.diff_id], None);
        let report = collect_with(s, || Ok(Vec::new())).unwrap();
        assert_eq!((report.blobs, report.layers), (0, 0));
        assert!(blobs.iter().all(|d| s.blobs().has(d)));
        assert!(s.layers().has(&l.chain_id));
    }

    #[test]
    fn extra_roots_keep_layers_and_their_parents() {
        let t = TempStore::new();
        let s = &t.store;
        let base = add_layer(s, None, "a", b"base");
        let top = add_layer(s, Some(&base.chain_id), "b", b"top");
        let other = add_layer(s, None, "c", b"other");
        let report = collect_with(s, || Ok(vec![top.chain_id.clone()])).unwrap();
        assert_eq!(report.layers, 1);
        assert!(s.layers().has(&base.chain_id) && s.layers().has(&top.chain_id));
        assert!(!s.layers().has(&other.chain_id));
        // An unknown root is no reason to fail.
        let unknown = Digest::of_bytes(b"unknown");
        assert_eq!(collect_with(s, || Ok(vec![unknown.clone()])).unwrap().layers, 2);
    }

    #[test]
    fn unrecorded_layer_directories_are_removed() {
        let t = TempStore::new();
        let s = &t.store;
        let bogus = s.layers_dir().join(Digest::of_bytes(b"bogus").hex());
        fs::create_dir_all(bogus.join("diff")).unwrap();
        fs::create_dir(s.layers_dir().join("not-a-layer")).unwrap();
        let report = collect_with(s, || Ok(Vec::new())).unwrap();
        assert_eq!(report.layers, 1);
        assert!(!bogus.exists());
        // Names that are not layers are not ours to judge.
        assert!(s.layers_dir().join("not-a-layer").exists());
    }

    #[test]
    fn disk_usage_counts_hard_links_once() {
        let t = TempStore::new();
        let d = t.dir.join("du");
        fs::create_dir(&d).unwrap();
        fs::write(d.join("a"), vec![1u8; 64 * 1024]).unwrap();
        let one = disk_usage(&d);
        assert!(one >= 64 * 1024);
        fs::hard_link(d.join("a"), d.join("b")).unwrap();
        std::os::unix::fs::symlink("a", d.join("c")).unwrap();
        assert!(disk_usage(&d) - one < 64 * 1024);
        assert_eq!(disk_usage(&t.dir.join("missing")), 0);
        assert!(disk_usage(&d.join("a")) >= 64 * 1024);
    }
}
