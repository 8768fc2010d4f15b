//! Container records: `containers.json` (ids, names, images; changed under `containers.lock`) and
//! one directory per container with its runtime spec, state and overlay directories.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Digest, Store, StoreError, atomic, io_err, lock};

#[derive(Debug, thiserror::Error)]
pub enum ContainerError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "the container name {name:?} is already in use by {id}. You have to remove that container to be able to reuse that name"
    )]
    NameInUse { name: String, id: String },
    #[error("invalid container name {0:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*")]
    InvalidName(String),
}

pub type Result<T, E = ContainerError> = std::result::Result<T, E>;

/// One entry of `containers.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ContainerRecord {
    pub id: String,
    pub name: String,
    /// The image id (config digest).
    pub image_id: Digest,
    /// The name the user gave for the image.
    pub image_name: String,
    /// The top layer chain of the image: the container's overlay lower layers start here.
    pub top_layer: Option<Digest>,
    /// RFC 3339.
    pub created: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Created,
    Running,
    Exited,
}

/// `state.json`: what the container is doing, replaced atomically on every change.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ContainerState {
    pub status: Status,
    /// Host pid of the container's init while running.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Index {
    containers: Vec<ContainerRecord>,
}

pub struct ContainerStore<'a> {
    store: &'a Store,
}

/// What a new container is created from.
pub struct NewContainer<'s> {
    pub name: Option<&'s str>,
    pub image_id: Digest,
    pub image_name: String,
    pub top_layer: Option<Digest>,
}

impl<'a> ContainerStore<'a> {
    pub(super) fn new(store: &'a Store) -> Self {
        ContainerStore { store }
    }

    fn index_path(&self) -> PathBuf {
        self.store.root().join("containers.json")
    }

    pub fn dir(&self, id: &str) -> PathBuf {
        self.store.root().join("containers").join(id)
    }
    pub fn config_path(&self, id: &str) -> PathBuf {
        self.dir(id).join("config.json")
    }
    pub fn state_path(&self, id: &str) -> PathBuf {
        self.dir(id).join("state.json")
    }
    pub fn userdata_dir(&self, id: &str) -> PathBuf {
        self.dir(id).join("userdata")
    }
    /// The overlay upper directory.
    pub fn diff_dir(&self, id: &str) -> PathBuf {
        self.dir(id).join("diff")
    }
    /// The overlay work directory.
    pub fn work_dir(&self, id: &str) -> PathBuf {
        self.dir(id).join("work")
    }
    /// Where the root filesystem is mounted (in the container's mount namespace only).
    pub fn merged_dir(&self, id: &str) -> PathBuf {
        self.dir(id).join("merged")
    }

    fn read_index(&self) -> Result<Index> {
        let p = self.index_path();
        match fs::read(&p) {
            Ok(data) => Ok(serde_json::from_slice(&data).map_err(|source| StoreError::Json { path: p, source })?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Index::default()),
            Err(e) => Err(StoreError::Io { path: p, source: e }.into()),
        }
    }

    fn update<T>(&self, f: impl FnOnce(&mut Index) -> Result<T>) -> Result<T> {
        let _l = lock::lock(&self.store.root().join("containers.lock"), lock::Mode::Exclusive)?;
        let mut idx = self.read_index()?;
        let out = f(&mut idx)?;
        let json = serde_json::to_vec_pretty(&idx).expect("container index serializes");
        atomic::write_file(&self.index_path(), &json, 0o600)?;
        Ok(out)
    }

    pub fn list(&self) -> Result<Vec<ContainerRecord>> {
        Ok(self.read_index()?.containers)
    }

    /// Records a new container with a fresh id and a unique name, and creates its directories.
    pub fn create(&self, new: NewContainer<'_>) -> Result<ContainerRecord> {
        if let Some(n) = new.name
            && !valid_name(n)
        {
            return Err(ContainerError::InvalidName(n.to_string()));
        }
        let id = random_id()?;
        let dir = self.dir(&id);
        atomic::create_dir_all(&self.store.root().join("containers"), 0o700)?;
        fs::create_dir(&dir).map_err(io_err(&dir))?;
        let made = (|| {
            for d in [
                self.userdata_dir(&id),
                self.diff_dir(&id),
                self.work_dir(&id),
                self.merged_dir(&id),
            ] {
                fs::create_dir(&d).map_err(io_err(&d))?;
            }
            self.update(|idx| {
                let name = match new.name {
                    Some(n) => {
                        if let Some(other) = idx.containers.iter().find(|c| c.name == n) {
                            return Err(ContainerError::NameInUse {
                                name: n.to_string(),
                                id: other.id.clone(),
                            });
                        }
                        n.to_string()
                    }
                    None => loop {
                        let n = generate_name()?;
                        if !idx.containers.iter().any(|c| c.name == n) {
                            break n;
                        }
                    },
                };
                let rec = ContainerRecord {
                    id: id.clone(),
                    name,
                    image_id: new.image_id.clone(),
                    image_name: new.image_name.clone(),
                    top_layer: new.top_layer.clone(),
                    created: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
                };
                idx.containers.push(rec.clone());
                Ok(rec)
            })
        })();
        if made.is_err() {
            let _ = atomic::remove_tree(&dir);
        }
        made
    }

    /// Removes a container's record, then its directory (the caller has unmounted everything
    /// and, when rootless, entered the user namespace: the upper dir holds subordinate ids).
    pub fn remove(&self, id: &str) -> Result<()> {
        self.update(|idx| {
            idx.containers.retain(|c| c.id != id);
            Ok(())
        })?;
        atomic::remove_tree(&self.dir(id))?;
        Ok(())
    }

    pub fn write_config(&self, id: &str, json: &[u8]) -> Result<()> {
        Ok(replace_unsynced(&self.config_path(id), json)?)
    }

    pub fn write_state(&self, id: &str, state: &ContainerState) -> Result<()> {
        let json = serde_json::to_vec_pretty(state).expect("container state serializes");
        Ok(replace_unsynced(&self.state_path(id), &json)?)
    }

    /// The top layer chains of the images containers use, which garbage collection must keep.
    pub fn layer_roots(&self) -> Result<Vec<Digest>> {
        Ok(self.list()?.into_iter().filter_map(|c| c.top_layer).collect())
    }

    /// Ids of the containers created from the image `image_id`.
    pub fn users_of(&self, image_id: &Digest) -> Result<Vec<String>> {
        Ok(self
            .list()?
            .into_iter()
            .filter(|c| &c.image_id == image_id)
            .map(|c| c.id)
            .collect())
    }
}

/// Replaces a file by rename, without fsync: readers see the old or the new content, never a
/// torn one, but a crash may lose the update. Used for a container's spec and state, which
/// describe processes a crash ends anyway; a `run` would otherwise spend most of its time in
/// fsync. The record in `containers.json` is written durably.
fn replace_unsynced(path: &Path, data: &[u8]) -> Result<(), StoreError> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(atomic::unique_name(".tmp-"));
    let res = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)
        .and_then(|mut f| f.write_all(data))
        .and_then(|()| fs::rename(&tmp, path));
    if res.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    res.map_err(io_err(path))
}

/// Podman's rule for container names.
fn valid_name(n: &str) -> bool {
    let mut b = n.bytes();
    matches!(b.next(), Some(c) if c.is_ascii_alphanumeric())
        && b.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
        && n.len() <= 253
}

fn random_bytes<const N: usize>() -> Result<[u8; N]> {
    let p = Path::new("/dev/urandom");
    let mut buf = [0u8; N];
    fs::File::open(p)
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(io_err(p))?;
    Ok(buf)
}

/// 64 random hex characters; never all digits, so a short id cannot be mistaken for a number.
fn random_id() -> Result<String> {
    loop {
        let id = super::digest::to_hex(&random_bytes::<32>()?);
        if !id[..12].bytes().all(|b| b.is_ascii_digit()) {
            return Ok(id);
        }
    }
}

const ADJECTIVES: &[&str] = &[
    "agile", "bold", "brave", "bright", "calm", "clever", "cool", "eager", "fancy", "gentle", "happy", "jolly", "keen",
    "kind", "lucid", "merry", "nimble", "proud", "quiet", "quirky", "relaxed", "sharp", "silly", "steady", "sunny",
    "swift", "tender", "vivid", "wise", "witty", "zealous", "zen",
];
const NOUNS: &[&str] = &[
    "albatross",
    "badger",
    "beaver",
    "cormorant",
    "dolphin",
    "eagle",
    "falcon",
    "ferret",
    "gannet",
    "heron",
    "ibis",
    "jackal",
    "kestrel",
    "lemur",
    "marten",
    "narwhal",
    "otter",
    "osprey",
    "pelican",
    "puffin",
    "quokka",
    "raven",
    "salmon",
    "seal",
    "tern",
    "turtle",
    "urchin",
    "vole",
    "walrus",
    "wombat",
    "yak",
    "zebra",
];

fn generate_name() -> Result<String> {
    let [a, b] = random_bytes::<2>()?;
    Ok(format!(
        "{}_{}",
        ADJECTIVES[usize::from(a) % ADJECTIVES.len()],
        NOUNS[usize::from(b) % NOUNS.len()]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempdir::Dir, Store) {
        let d = tempdir::Dir::new();
        let s = Store::open(&d.0.join("root"), &d.0.join("run")).unwrap();
        (d, s)
    }

    mod tempdir {
        pub struct Dir(pub std::path::PathBuf);
        impl Dir {
            pub fn new() -> Dir {
                let p = std::env::temp_dir().join(crate::store::atomic::unique_name("ferry-ctr-test-"));
                std::fs::create_dir_all(&p).unwrap();
                Dir(p)
            }
        }
        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    fn new(name: Option<&str>) -> NewContainer<'_> {
        NewContainer {
            name,
            image_id: Digest::of_bytes(b"img"),
            image_name: "busybox".into(),
            top_layer: Some(Digest::of_bytes(b"layer")),
        }
    }

    #[test]
    fn names_are_unique() {
        let (_d, s) = store();
        let c = s.containers();
        let a = c.create(new(Some("web"))).unwrap();
        assert_eq!(a.id.len(), 64);
        let err = c.create(new(Some("web"))).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "the container name \"web\" is already in use by {}. You have to remove that container to be able to reuse that name",
                a.id
            )
        );
        let b = c.create(new(None)).unwrap();
        assert!(b.name.contains('_'));
        assert_eq!(c.list().unwrap().len(), 2);
        assert_eq!(c.layer_roots().unwrap().len(), 2);
        c.remove(&a.id).unwrap();
        assert!(!c.dir(&a.id).exists());
        assert!(c.list().unwrap().iter().all(|r| r.name != "web"));
        assert_eq!(c.users_of(&Digest::of_bytes(b"img")).unwrap(), vec![b.id]);
    }

    #[test]
    fn rejects_hostile_names() {
        let (_d, s) = store();
        for bad in ["", "-x", "a/b", "../x", "a b", "a\0b", ".hidden", &"a".repeat(300)] {
            assert!(matches!(
                s.containers().create(new(Some(bad))),
                Err(ContainerError::InvalidName(_))
            ));
        }
    }
}
