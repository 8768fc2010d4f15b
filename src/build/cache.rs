//! The build cache: what a step produced (the image config after it and its layers), filed
//! under a key over the parent state, the instruction after substitution, the build args it
//! uses and the content of the files it copies. Entries live in `<root>/build/cache/`; an entry
//! whose layers are gone from the store (removed with the last image using them) is a miss.
//!
//! Entries are garbage collection roots (`image::gc` reads their `top` and `layers`): their
//! layers stay until `image prune -a` clears the cache. RUN `--mount=type=cache` directories
//! persist in `<root>/build/mounts/`.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::image::manifest::ImageConfig;
use crate::store::digest::to_hex;
use crate::store::images::Descriptor;
use crate::store::{Digest, Store, StoreError, atomic};

/// Bumped when the meaning of a key or an entry changes.
const VERSION: &str = "ferry-build-cache-1";

/// The state of a stage after a step: enough to continue the build or to commit an image.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StepState {
    pub config: ImageConfig,
    /// The manifest's layer descriptors, one per `config.rootfs.diff_ids` entry.
    pub layers: Vec<Descriptor>,
    /// The chain id of the top layer in the layer store (`None` for no layers).
    pub top: Option<Digest>,
}

impl StepState {
    /// A stable id of this state: the digest of its config (whose diff ids name the layers),
    /// which is the id of the image committed from it, and the parent input of the next step's key.
    pub fn id(&self) -> String {
        let data = serde_json::to_vec(&self.config).expect("config serializes");
        to_hex(&Sha256::digest(&data))
    }
}

/// Builds a cache key from named parts.
pub struct KeyBuilder(Sha256);

impl KeyBuilder {
    pub fn new(parent: &str) -> KeyBuilder {
        let mut h = Sha256::new();
        h.update(VERSION.as_bytes());
        h.update(b"\0parent\0");
        h.update(parent.as_bytes());
        KeyBuilder(h)
    }

    pub fn add(&mut self, name: &str, value: &str) -> &mut Self {
        // Length-prefixed so that no two part lists hash alike.
        self.0
            .update(format!("\0{}:{name}\0{}:", name.len(), value.len()).as_bytes());
        self.0.update(value.as_bytes());
        self
    }

    pub fn finish(self) -> String {
        to_hex(&self.0.finalize())
    }
}

pub struct BuildCache<'a> {
    store: &'a Store,
    dir: PathBuf,
}

impl<'a> BuildCache<'a> {
    pub fn new(store: &'a Store) -> BuildCache<'a> {
        BuildCache {
            store,
            dir: store.root().join("build/cache"),
        }
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(key)
    }

    /// The stored state for `key`, when its layers and blobs are all still in the store.
    pub fn get(&self, key: &str) -> Option<StepState> {
        let data = std::fs::read(self.path(key)).ok()?;
        let state: StepState = serde_json::from_slice(&data).ok()?;
        if let Some(top) = &state.top
            && !self.store.layers().has(top)
        {
            return None;
        }
        if !state.layers.iter().all(|l| self.store.blobs().has(&l.digest)) {
            return None;
        }
        Some(state)
    }

    pub fn put(&self, key: &str, state: &StepState) -> Result<(), StoreError> {
        atomic::create_dir_all(&self.dir, 0o700)?;
        let data = serde_json::to_vec(state).expect("state serializes");
        atomic::write_file(&self.path(key), &data, 0o600)
    }
}

/// Forgets every cache entry (`image prune -a`): their layers become garbage unless an image
/// uses them.
pub fn clear(store: &Store) -> Result<(), StoreError> {
    atomic::remove_tree(&store.root().join("build/cache"))
}

/// The directory behind `RUN --mount=type=cache,id=…` (created on first use).
pub fn mount_dir(store: &Store, id: &str) -> Result<PathBuf, StoreError> {
    let name = to_hex(&Sha256::digest(id.as_bytes()));
    let dir = store.root().join("build/mounts").join(name);
    atomic::create_dir_all(&dir, 0o755)?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_depend_on_every_part() {
        let k = |parts: &[(&str, &str)]| {
            let mut b = KeyBuilder::new("p");
            for (n, v) in parts {
                b.add(n, v);
            }
            b.finish()
        };
        let base = k(&[("instr", "RUN a"), ("arg", "X=1")]);
        assert_eq!(base, k(&[("instr", "RUN a"), ("arg", "X=1")]));
        assert_ne!(base, k(&[("instr", "RUN a"), ("arg", "X=2")]));
        assert_ne!(base, k(&[("instr", "RUN a"), ("arg", "X=1"), ("x", "")]));
        assert_ne!(k(&[("a", "bc")]), k(&[("ab", "c")]));
        assert_ne!(KeyBuilder::new("p").finish(), KeyBuilder::new("q").finish());
    }

    #[test]
    fn entries_round_trip_and_vanish_with_their_layers() {
        let dir = std::env::temp_dir().join(atomic::unique_name("ferry-cache-"));
        let store = Store::open(&dir.join("root"), &dir.join("run")).unwrap();
        let cache = BuildCache::new(&store);
        let state = StepState {
            config: ImageConfig::new_for_host(vec![]),
            layers: vec![],
            top: None,
        };
        cache.put("k", &state).unwrap();
        assert_eq!(cache.get("k"), Some(state.clone()));
        assert!(cache.get("other").is_none());
        let gone = StepState {
            top: Some(Digest::of_bytes(b"x")),
            ..state
        };
        cache.put("k2", &gone).unwrap();
        assert!(cache.get("k2").is_none(), "a missing layer is a miss");
        std::fs::write(cache.path("bad"), "{").unwrap();
        assert!(cache.get("bad").is_none());
        assert!(mount_dir(&store, "id").unwrap().starts_with(store.root().join("build")));
        clear(&store).unwrap();
        assert!(cache.get("k").is_none(), "cleared");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
