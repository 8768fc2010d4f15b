//! Named and anonymous volumes: `volumes/<name>/_data` (the content) with `volume.json` beside it,
//! created and removed under `volumes.lock`; and each container's `mounts.json` (what it mounts),
//! which tells which volumes are in use.
//!
//! Rootless, volumes are created inside ferry's user namespace so that the container's root owns
//! them; their content holds subordinate ids, so removing them needs the namespace too.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::containers::{ContainerError, ContainerRecord};
use super::{Digest, Store, StoreError, atomic, io_err, lock};

#[derive(Debug, thiserror::Error)]
pub enum VolumeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Container(#[from] ContainerError),
    #[error("no volume with name {0:?} found: no such volume")]
    NotFound(String),
    #[error("volume with name {0} already exists: volume already exists")]
    Exists(String),
    #[error("invalid volume name {0:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*")]
    InvalidName(String),
    #[error("volume {name} is being used by the following container(s): {}: volume is being used", containers.join(", "))]
    InUse { name: String, containers: Vec<String> },
    #[error("volume driver {0:?} is not supported: ferry has the local driver only")]
    Driver(String),
    #[error("volume option {0:?} is not supported: ferry's local driver knows o=uid=N,gid=N,nocopy (and uid=N, gid=N)")]
    Option(String),
}

pub type Result<T, E = VolumeError> = std::result::Result<T, E>;

/// `volume.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Volume {
    pub name: String,
    pub driver: String,
    /// RFC 3339.
    pub created_at: String,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub options: BTreeMap<String, String>,
    /// Made for one container (an image `VOLUME` or `-v /dst`): `rm -v` and `run --rm` remove it.
    #[serde(default)]
    pub anonymous: bool,
    /// No container has mounted it yet (the first one copies the image's content in).
    #[serde(default)]
    pub needs_copy_up: bool,
}

/// What a new volume is made with.
#[derive(Debug, Default)]
pub struct NewVolume {
    /// None: a random 64-hex name.
    pub name: Option<String>,
    pub driver: Option<String>,
    pub labels: BTreeMap<String, String>,
    pub options: BTreeMap<String, String>,
    pub anonymous: bool,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MountKind {
    Bind,
    Volume,
    Tmpfs,
    /// An image's root filesystem, read-only.
    Image,
}

/// One user mount of a container, as resolved at creation (in `containers/<id>/userdata/mounts.json`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct MountRecord {
    pub kind: MountKind,
    /// The volume's name (volumes only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The host path mounted (a volume's `_data`), or `tmpfs`.
    pub source: PathBuf,
    pub destination: String,
    /// The OCI mount options.
    pub options: Vec<String>,
    /// Image mounts: the image id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Image mounts: the image's top layer chain, which garbage collection keeps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_layer: Option<Digest>,
}

impl MountRecord {
    pub fn readonly(&self) -> bool {
        self.options.iter().any(|o| o == "ro")
    }

    /// The propagation option, `rprivate` when none was given.
    pub fn propagation(&self) -> &str {
        const KINDS: &[&str] = &[
            "private",
            "rprivate",
            "shared",
            "rshared",
            "slave",
            "rslave",
            "unbindable",
            "runbindable",
        ];
        self.options
            .iter()
            .find(|o| KINDS.contains(&o.as_str()))
            .map_or("rprivate", String::as_str)
    }
}

/// Podman's rule for volume names (the same as for container names).
pub fn valid_name(n: &str) -> bool {
    let mut b = n.bytes();
    matches!(b.next(), Some(c) if c.is_ascii_alphanumeric())
        && b.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
        && n.len() <= 253
}

fn random_name() -> Result<String> {
    let p = Path::new("/dev/urandom");
    let mut buf = [0u8; 32];
    fs::File::open(p)
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(io_err(p))?;
    Ok(super::digest::to_hex(&buf))
}

pub struct VolumeStore<'a> {
    store: &'a Store,
}

impl<'a> VolumeStore<'a> {
    pub(super) fn new(store: &'a Store) -> Self {
        VolumeStore { store }
    }

    pub fn root(&self) -> PathBuf {
        self.store.root().join("volumes")
    }
    pub fn dir(&self, name: &str) -> PathBuf {
        self.root().join(name)
    }
    /// The volume's content: what containers mount.
    pub fn data_dir(&self, name: &str) -> PathBuf {
        self.dir(name).join("_data")
    }
    fn meta_path(&self, name: &str) -> PathBuf {
        self.dir(name).join("volume.json")
    }
    fn mounts_path(&self, container_id: &str) -> PathBuf {
        self.store.containers().userdata_dir(container_id).join("mounts.json")
    }

    /// Held (exclusive) while volumes are created or removed, and while a container that mounts
    /// volumes is being created (until its `mounts.json` is written), so that a volume in use is
    /// never removed. See `lock` for the order.
    pub fn lock(&self) -> Result<lock::Lock> {
        atomic::create_dir_all(&self.root(), 0o700)?;
        Ok(lock::lock(
            &self.store.root().join("volumes.lock"),
            lock::Mode::Exclusive,
        )?)
    }

    /// Creates a volume. The caller holds [`VolumeStore::lock`].
    pub fn create(&self, new: NewVolume) -> Result<Volume> {
        let driver = new.driver.unwrap_or_else(|| "local".into());
        if driver != "local" {
            return Err(VolumeError::Driver(driver));
        }
        let opts = parse_options(&new.options)?;
        let name = match new.name {
            Some(n) if !valid_name(&n) => return Err(VolumeError::InvalidName(n)),
            Some(n) => n,
            None => random_name()?,
        };
        let dir = self.dir(&name);
        atomic::create_dir_all(&self.root(), 0o700)?;
        match fs::create_dir(&dir) {
            Ok(()) => {}
            // A directory without a record is what an interrupted `volume create` or `volume rm`
            // left (the lock keeps anyone else from making one now): it is replaced.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && !self.meta_path(&name).exists() => {
                atomic::remove_tree(&dir)?;
                fs::create_dir(&dir).map_err(io_err(&dir))?;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(VolumeError::Exists(name)),
            Err(e) => return Err(StoreError::Io { path: dir, source: e }.into()),
        }
        let vol = Volume {
            name: name.clone(),
            driver,
            created_at: crate::sys::now(),
            labels: new.labels,
            options: new.options,
            anonymous: new.anonymous,
            needs_copy_up: true,
        };
        let made = (|| {
            let data = self.data_dir(&name);
            atomic::create_dir_all(&data, 0o755)?;
            if opts.uid.is_some() || opts.gid.is_some() {
                std::os::unix::fs::chown(&data, opts.uid, opts.gid).map_err(io_err(&data))?;
            }
            self.write(&vol)
        })();
        if let Err(e) = made {
            let _ = atomic::remove_tree(&dir);
            return Err(e);
        }
        Ok(vol)
    }

    /// Writes a record with default settings for volume directory `name`, whose record is
    /// missing or unreadable (`system check --repair`), creating `_data` when it is missing too;
    /// the content stays. The caller holds the lock.
    pub fn restore_record(&self, name: &str) -> Result<Volume> {
        if !valid_name(name) {
            return Err(VolumeError::InvalidName(name.to_string()));
        }
        let data = self.data_dir(name);
        atomic::create_dir_all(&data, 0o755)?;
        let empty = fs::read_dir(&data).map_err(io_err(&data))?.next().is_none();
        let vol = Volume {
            name: name.to_string(),
            driver: "local".into(),
            created_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
            labels: BTreeMap::new(),
            options: BTreeMap::new(),
            anonymous: false,
            needs_copy_up: empty,
        };
        self.write(&vol)?;
        Ok(vol)
    }

    fn write(&self, vol: &Volume) -> Result<()> {
        let json = serde_json::to_vec_pretty(vol).expect("volume metadata serializes");
        Ok(atomic::write_file(&self.meta_path(&vol.name), &json, 0o600)?)
    }

    /// Records that a container has mounted the volume (no copy-up is pending any more).
    /// The caller holds [`VolumeStore::lock`].
    pub fn mark_used(&self, vol: &mut Volume) -> Result<()> {
        if vol.needs_copy_up {
            vol.needs_copy_up = false;
            self.write(vol)?;
        }
        Ok(())
    }

    pub fn get(&self, name: &str) -> Result<Volume> {
        if !valid_name(name) {
            return Err(VolumeError::NotFound(name.to_string()));
        }
        let p = self.meta_path(name);
        match fs::read(&p) {
            Ok(data) => Ok(serde_json::from_slice(&data).map_err(|source| StoreError::Json { path: p, source })?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(VolumeError::NotFound(name.to_string())),
            Err(e) => Err(StoreError::Io { path: p, source: e }.into()),
        }
    }

    pub fn exists(&self, name: &str) -> bool {
        self.get(name).is_ok()
    }

    /// The volume `name`, created (with defaults) when there is none. The caller holds the lock.
    pub fn get_or_create(&self, name: &str) -> Result<Volume> {
        match self.get(name) {
            Err(VolumeError::NotFound(_)) => self.create(NewVolume {
                name: Some(name.to_string()),
                ..Default::default()
            }),
            other => other,
        }
    }

    /// All volumes, by name. A directory without readable metadata (a half-made volume) is skipped.
    pub fn list(&self) -> Result<Vec<Volume>> {
        let root = self.root();
        let rd = match fs::read_dir(&root) {
            Ok(rd) => rd,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::Io { path: root, source: e }.into()),
        };
        let mut out = Vec::new();
        for ent in rd {
            let ent = ent.map_err(io_err(&root))?;
            if let Some(name) = ent.file_name().to_str()
                && let Ok(v) = self.get(name)
            {
                out.push(v);
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Deletes a volume and its content. The caller holds the lock and has checked it is unused.
    pub fn remove(&self, name: &str) -> Result<()> {
        let dir = self.dir(name);
        // The metadata goes first: a half-removed volume is then no longer listed.
        match fs::remove_file(self.meta_path(name)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(VolumeError::NotFound(name.into())),
            Err(e) => return Err(StoreError::Io { path: dir, source: e }.into()),
        }
        atomic::remove_tree(&dir)?;
        Ok(())
    }

    /// Bytes used by the volume's files.
    pub fn size(&self, name: &str) -> u64 {
        fn du(p: &Path) -> u64 {
            let Ok(m) = fs::symlink_metadata(p) else { return 0 };
            let mut n = if m.is_file() { m.len() } else { 0 };
            if m.is_dir()
                && let Ok(rd) = fs::read_dir(p)
            {
                n += rd.flatten().map(|e| du(&e.path())).sum::<u64>();
            }
            n
        }
        du(&self.data_dir(name))
    }

    /// Records what container `id` mounts.
    pub fn write_mounts(&self, container_id: &str, mounts: &[MountRecord]) -> Result<()> {
        let json = serde_json::to_vec_pretty(mounts).expect("mount records serialize");
        let p = self.mounts_path(container_id);
        Ok(atomic::write_file(&p, &json, 0o600)?)
    }

    /// What container `id` mounts (nothing for a container made before volumes existed).
    pub fn read_mounts(&self, container_id: &str) -> super::Result<Vec<MountRecord>> {
        let p = self.mounts_path(container_id);
        match fs::read(&p) {
            Ok(data) => serde_json::from_slice(&data).map_err(|source| StoreError::Json { path: p, source }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(StoreError::Io { path: p, source: e }),
        }
    }

    /// The top layers of the images mounted into containers (`--mount type=image`): roots for
    /// garbage collection, like the containers' own images.
    pub fn image_layer_roots(&self) -> Result<Vec<Digest>, ContainerError> {
        let mut out = Vec::new();
        for rec in self.store.containers().list()? {
            out.extend(self.read_mounts(&rec.id)?.into_iter().filter_map(|m| m.top_layer));
        }
        Ok(out)
    }

    /// Volume name → the containers that mount it.
    pub fn users(&self) -> Result<BTreeMap<String, Vec<ContainerRecord>>> {
        let mut out: BTreeMap<String, Vec<ContainerRecord>> = BTreeMap::new();
        for rec in self.store.containers().list()? {
            let names: BTreeSet<String> = self
                .read_mounts(&rec.id)?
                .into_iter()
                .filter(|m| m.kind == MountKind::Volume)
                .filter_map(|m| m.name)
                .collect();
            for n in names {
                out.entry(n).or_default().push(rec.clone());
            }
        }
        Ok(out)
    }

    /// The anonymous volumes container `id` mounts; read before removing the container, then
    /// given to [`VolumeStore::remove_unused`] after.
    pub fn anonymous_of(&self, container_id: &str) -> Vec<String> {
        self.read_mounts(container_id)
            .unwrap_or_default()
            .into_iter()
            .filter(|m| m.kind == MountKind::Volume)
            .filter_map(|m| m.name)
            .filter(|n| self.get(n).is_ok_and(|v| v.anonymous))
            .collect()
    }

    /// Removes container `id` (see `ContainerStore::remove`), then its anonymous volumes that no
    /// other container mounts: what `rm -v` and `run --rm` do. Returns the volumes removed.
    pub fn remove_container(&self, id: &str) -> Result<Vec<String>> {
        let anonymous = self.anonymous_of(id);
        self.store.containers().remove(id)?;
        self.remove_unused(&anonymous)
    }

    /// Removes those of `names` that no container mounts (any more); returns the removed ones.
    pub fn remove_unused(&self, names: &[String]) -> Result<Vec<String>> {
        if names.is_empty() {
            return Ok(Vec::new());
        }
        let _l = self.lock()?;
        let users = self.users()?;
        let mut removed = Vec::new();
        for n in names {
            if users.contains_key(n) || removed.contains(n) {
                continue;
            }
            match self.remove(n) {
                Ok(()) => removed.push(n.clone()),
                Err(VolumeError::NotFound(_)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(removed)
    }
}

/// What a volume's `--opt`s ask for.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct VolumeOptions {
    /// The owner of the volume's root, as the container sees it.
    pub uid: Option<u32>,
    pub gid: Option<u32>,
    /// No container copies the image's content in.
    pub nocopy: bool,
}

/// Podman's local-driver options without a mount: `o=uid=N,gid=N,nocopy` (and `uid=N`, `gid=N`
/// alone). `type=`, `device=` and mount options in `o=` would mount a filesystem: refused.
pub fn parse_options(options: &BTreeMap<String, String>) -> Result<VolumeOptions> {
    let mut out = VolumeOptions::default();
    let bad = |o: &str| VolumeError::Option(o.to_string());
    let id = |o: &str, v: &str| v.parse::<u32>().map_err(|_| bad(o));
    let mut one = |o: &str| -> Result<()> {
        match o.split_once('=') {
            Some(("uid", v)) => out.uid = Some(id(o, v)?),
            Some(("gid", v)) => out.gid = Some(id(o, v)?),
            None if o == "nocopy" => out.nocopy = true,
            None if o == "copy" => out.nocopy = false,
            _ => return Err(bad(o)),
        }
        Ok(())
    };
    for (k, v) in options {
        match k.as_str() {
            "o" => {
                for o in v.split(',') {
                    one(o)?;
                }
            }
            "uid" | "gid" => one(&format!("{k}={v}"))?,
            _ => return Err(bad(&format!("{k}={v}"))),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Tmp(PathBuf);
    impl Drop for Tmp {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn store() -> (Tmp, Store) {
        let d = Tmp(std::env::temp_dir().join(atomic::unique_name("ferry-vol-test-")));
        let s = Store::open(&d.0.join("root"), &d.0.join("run")).unwrap();
        (d, s)
    }

    /// Found by the crash harness: a `volume create` killed before it wrote volume.json left a
    /// directory that made every later `volume create` of the name fail with "already exists",
    /// though no volume of that name was listed.
    #[test]
    fn create_replaces_what_an_interrupted_create_or_rm_left() {
        let (_d, s) = store();
        let v = s.volumes();
        let _l = v.lock().unwrap();
        fs::create_dir_all(v.data_dir("half")).unwrap();
        fs::write(v.data_dir("half").join("old"), b"left by an interrupted rm").unwrap();
        let vol = v
            .create(NewVolume {
                name: Some("half".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(vol.name, "half");
        assert!(v.exists("half"));
        assert!(!v.data_dir("half").join("old").exists());
        let again = v.create(NewVolume {
            name: Some("half".into()),
            ..Default::default()
        });
        assert!(matches!(again, Err(VolumeError::Exists(_))), "{again:?}");
    }

    #[test]
    fn create_get_list_remove() {
        let (_d, s) = store();
        let v = s.volumes();
        let _l = v.lock().unwrap();
        let a = v
            .create(NewVolume {
                name: Some("data".into()),
                labels: [("k".to_string(), "v".to_string())].into(),
                ..Default::default()
            })
            .unwrap();
        assert!(a.needs_copy_up && !a.anonymous && a.driver == "local");
        assert!(v.data_dir("data").is_dir());
        assert!(matches!(
            v.create(NewVolume {
                name: Some("data".into()),
                ..Default::default()
            }),
            Err(VolumeError::Exists(_))
        ));
        let anon = v
            .create(NewVolume {
                anonymous: true,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(anon.name.len(), 64);
        assert_eq!(v.get_or_create("data").unwrap(), a);
        assert_eq!(v.list().unwrap().len(), 2);
        v.remove("data").unwrap();
        assert!(!v.dir("data").exists());
        assert!(matches!(v.get("data"), Err(VolumeError::NotFound(_))));
        assert!(matches!(v.remove("data"), Err(VolumeError::NotFound(_))));
    }

    #[test]
    fn hostile_names_and_options() {
        let (_d, s) = store();
        let v = s.volumes();
        for bad in ["", "../x", "a/b", ".hidden", "-x", "a b", "x\0", &"a".repeat(300)] {
            let r = v.create(NewVolume {
                name: Some(bad.to_string()),
                ..Default::default()
            });
            assert!(matches!(r, Err(VolumeError::InvalidName(_))), "{bad:?}");
            assert!(matches!(v.get(bad), Err(VolumeError::NotFound(_))), "{bad:?}");
        }
        for (k, val) in [
            ("type", "tmpfs"),
            ("uid", "x"),
            ("device", "/dev/sda"),
            ("gid", "-1"),
            ("o", "size=1m"),
            ("o", "uid=1,,"),
            ("o", ""),
        ] {
            let r = v.create(NewVolume {
                name: Some("o".into()),
                options: [(k.to_string(), val.to_string())].into(),
                ..Default::default()
            });
            assert!(matches!(r, Err(VolumeError::Option(_))), "{k}={val}");
        }
        let r = v.create(NewVolume {
            driver: Some("nfs".into()),
            ..Default::default()
        });
        assert!(matches!(r, Err(VolumeError::Driver(_))));
        assert!(v.list().unwrap().is_empty(), "nothing half-made is listed");
    }

    #[test]
    fn driver_options() {
        let o = |pairs: &[(&str, &str)]| {
            parse_options(&pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
        };
        assert_eq!(
            o(&[("o", "uid=1000,gid=100,nocopy")]).unwrap(),
            VolumeOptions {
                uid: Some(1000),
                gid: Some(100),
                nocopy: true
            }
        );
        assert_eq!(o(&[("uid", "5")]).unwrap().uid, Some(5));
        assert!(o(&[("o", "nodev")]).is_err());
    }

    #[test]
    fn mount_records() {
        let m = MountRecord {
            kind: MountKind::Volume,
            name: Some("v".into()),
            source: "/x".into(),
            destination: "/d".into(),
            options: vec!["rbind".into(), "ro".into(), "rslave".into()],
            image: None,
            top_layer: None,
        };
        assert!(m.readonly());
        assert_eq!(m.propagation(), "rslave");
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<MountRecord>(&json).unwrap(), m);
    }
}
