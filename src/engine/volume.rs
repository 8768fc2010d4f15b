//! Volume operations: create, inspect, list with filters, remove, prune, export and import.
//! Typed options in, typed reports out; multi-volume operations report per volume. Rootless,
//! the caller enters the user namespace first where an operation creates, removes or reads
//! volume content (noted on each function): the content belongs to the containers' ids.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};

use serde::Serialize;

use super::container::ErrorKind;
use super::filter::{self, LabelFilter};
use crate::store::Store;
use crate::store::containers::{ContainerRecord, Status};
use crate::store::volumes::{NewVolume, Volume, VolumeError};

/// Why a volume operation failed; each variant names the volume (or filter) involved.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No such volume, one that exists already or is in use, a bad name, driver or option, and
    /// the store's own failures.
    #[error(transparent)]
    Store(#[from] VolumeError),
    #[error("invalid filter {filter:?}: {reason}")]
    InvalidFilter { filter: String, reason: &'static str },
    #[error("invalid dangling filter value {value:?}: expected true or false")]
    InvalidDangling { value: String },
    #[error("removing volume {name}")]
    Remove {
        name: String,
        #[source]
        source: VolumeError,
    },
    /// Stopping or removing the containers that use a volume removed with force.
    #[error(transparent)]
    Container(#[from] super::container::Error),
    #[error("archiving volume {name}")]
    Export {
        name: String,
        #[source]
        source: std::io::Error,
    },
    #[error("writing the archive")]
    WriteArchive(#[source] std::io::Error),
    #[error("importing into volume {name}")]
    Import {
        name: String,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// What kind of failure this is, for front ends that map failures to codes.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Store(VolumeError::NotFound(_)) => ErrorKind::NotFound,
            Error::Store(VolumeError::Exists(_) | VolumeError::InUse { .. }) => ErrorKind::StateImproper,
            Error::Store(VolumeError::InvalidName(_) | VolumeError::Driver(_) | VolumeError::Option(_))
            | Error::InvalidFilter { .. }
            | Error::InvalidDangling { .. } => ErrorKind::InvalidArgument,
            Error::Container(e) => e.kind(),
            _ => ErrorKind::Internal,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One result per volume of a multi-volume operation, in the order given.
pub type PerItem<T> = Vec<(String, Result<T>)>;

/// What `volume create` makes.
#[derive(Debug, Clone, Default)]
pub struct CreateOptions {
    /// None: a random 64-hex name.
    pub name: Option<String>,
    pub driver: String,
    pub labels: BTreeMap<String, String>,
    /// The local driver's options (`o=uid=N,gid=N,nocopy`).
    pub options: BTreeMap<String, String>,
    /// A volume of that name that exists already is the result, not an error.
    pub ignore_existing: bool,
}

/// Creates a volume; returns its name. Rootless callers are in the user namespace (the
/// content belongs to the containers' root).
pub fn create(store: &Store, options: CreateOptions) -> Result<String> {
    let volumes = store.volumes();
    let _l = volumes.lock()?;
    let new = NewVolume {
        name: options.name,
        driver: Some(options.driver),
        labels: options.labels,
        options: options.options,
        ..Default::default()
    };
    match volumes.create(new) {
        Ok(v) => Ok(v.name),
        Err(VolumeError::Exists(n)) if options.ignore_existing => Ok(n),
        Err(e) => Err(e.into()),
    }
}

pub fn exists(store: &Store, name: &str) -> bool {
    store.volumes().exists(name)
}

/// Podman's inspect object for one volume (`volume inspect`, `volume ls --format json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct VolumeInspect {
    pub name: String,
    pub driver: String,
    pub mountpoint: String,
    pub created_at: String,
    pub labels: BTreeMap<String, String>,
    pub scope: &'static str,
    pub options: BTreeMap<String, String>,
    /// The running containers that mount it.
    pub mount_count: usize,
    pub needs_copy_up: bool,
    pub needs_chown: bool,
    /// The owner `o=uid=N,gid=N` gives the volume's root.
    #[serde(rename = "UID", skip_serializing_if = "Option::is_none")]
    pub uid: Option<u32>,
    #[serde(rename = "GID", skip_serializing_if = "Option::is_none")]
    pub gid: Option<u32>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub anonymous: bool,
}

impl VolumeInspect {
    /// The object for `vol`, which the containers `users` mount.
    fn new(store: &Store, vol: Volume, users: &[ContainerRecord]) -> VolumeInspect {
        let containers = store.containers();
        let mount_count = users
            .iter()
            .filter(|c| containers.refresh(c).is_ok_and(|s| s.status == Status::Running))
            .count();
        let owner = crate::store::volumes::parse_options(&vol.options).unwrap_or_default();
        VolumeInspect {
            mountpoint: store.volumes().data_dir(&vol.name).display().to_string(),
            name: vol.name,
            driver: vol.driver,
            created_at: vol.created_at,
            labels: vol.labels,
            scope: "local",
            options: vol.options,
            mount_count,
            needs_copy_up: vol.needs_copy_up,
            needs_chown: vol.needs_copy_up,
            uid: owner.uid,
            gid: owner.gid,
            anonymous: vol.anonymous,
        }
    }
}

/// The names of all volumes, sorted.
pub fn names(store: &Store) -> Result<Vec<String>> {
    Ok(store.volumes().list()?.into_iter().map(|v| v.name).collect())
}

/// The inspect objects of the volumes `names`, one result each.
pub fn inspect(store: &Store, names: &[String]) -> Result<PerItem<VolumeInspect>> {
    let volumes = store.volumes();
    let users = volumes.users()?;
    Ok(names
        .iter()
        .map(|name| {
            let found = volumes
                .get(name)
                .map(|v| VolumeInspect::new(store, v, users.get(name).map_or(&[], Vec::as_slice)))
                .map_err(Error::from);
            (name.clone(), found)
        })
        .collect())
}

/// One `--filter` of `volume ls` and `volume prune`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// Names containing this.
    Name(String),
    Driver(String),
    Label(LabelFilter),
    /// Whether no container uses it.
    Dangling(bool),
}

impl Filter {
    /// `key=value` as `--filter` gives it: name, driver, label, label! or dangling.
    pub fn parse(f: &str) -> Result<Filter> {
        let Some((k, v)) = f.split_once('=') else {
            return Err(Error::InvalidFilter {
                filter: f.to_string(),
                reason: "expected key=value",
            });
        };
        Ok(match k {
            "name" => Filter::Name(v.to_string()),
            "driver" => Filter::Driver(v.to_string()),
            "label" => Filter::Label(LabelFilter::parse(v, false)),
            "label!" => Filter::Label(LabelFilter::parse(v, true)),
            "dangling" => match v {
                "true" | "1" => Filter::Dangling(true),
                "false" | "0" => Filter::Dangling(false),
                _ => return Err(Error::InvalidDangling { value: v.to_string() }),
            },
            other => {
                return Err(Error::InvalidFilter {
                    filter: other.to_string(),
                    reason: "use name, driver, label, label! or dangling",
                });
            }
        })
    }

    /// Every filter of a `--filter` list.
    pub fn parse_all(raw: &[String]) -> Result<Vec<Filter>> {
        raw.iter().map(|f| Filter::parse(f)).collect()
    }
}

/// Whether `vol` (mounted by `users` containers) passes every filter.
fn matches(filters: &[Filter], vol: &Volume, users: usize) -> bool {
    filter::combine(
        filters,
        |f| matches!(f, Filter::Label(l) if l.negate),
        |f| match f {
            Filter::Name(n) => vol.name.contains(n.as_str()),
            Filter::Driver(d) => &vol.driver == d,
            Filter::Label(l) => l.matches(&vol.labels),
            Filter::Dangling(d) => (users == 0) == *d,
        },
    )
}

/// The volumes that pass `filters`, by name.
pub fn list(store: &Store, filters: &[Filter]) -> Result<Vec<VolumeInspect>> {
    let volumes = store.volumes();
    let users = volumes.users()?;
    let mut out = Vec::new();
    for vol in volumes.list()? {
        let used = users.get(&vol.name).map_or(&[][..], Vec::as_slice);
        if matches(filters, &vol, used.len()) {
            out.push(VolumeInspect::new(store, vol, used));
        }
    }
    Ok(out)
}

/// Phase one of a forced removal: kills the containers that use any of the volumes `names`
/// (see `engine::container::remove`) and returns them, for [`remove`] to remove. Rootless,
/// call it before entering the user namespace.
pub fn kill_users(store: &Store, names: &[String]) -> Result<Vec<ContainerRecord>> {
    let mut users = store.volumes().users()?;
    let targets = names.iter().filter_map(|n| users.remove(n)).flatten().collect();
    Ok(super::container::remove::kill_and_wait_all(store, targets)?)
}

/// Removes the volumes `names` that no container uses, one result each. `users` (what
/// [`kill_users`] returned, for a forced removal) are removed first, with their anonymous
/// volumes, under their locks (which come before the volume lock). A volume used by a
/// container (one created since, with force) is refused as in use. Rootless callers are in the
/// user namespace.
pub fn remove(store: &Store, names: &[String], users: &[ContainerRecord]) -> Result<PerItem<()>> {
    let volumes = store.volumes();
    let mut gone = BTreeSet::new();
    for rec in users {
        gone.extend(super::container::remove::remove_one(store, rec, true, true)?);
    }
    let mut out = Vec::new();
    for name in names {
        let _l = volumes.lock()?;
        let result = if gone.contains(name) {
            // An anonymous volume that went with its container.
            Ok(())
        } else {
            remove_unused(store, name)
        };
        out.push((name.clone(), result));
    }
    Ok(out)
}

/// Removes volume `name` unless a container uses it. The caller holds the volume lock.
fn remove_unused(store: &Store, name: &str) -> Result<()> {
    let volumes = store.volumes();
    volumes.get(name)?;
    let users = volumes.users()?.remove(name).unwrap_or_default();
    if !users.is_empty() {
        return Err(VolumeError::InUse {
            name: name.to_string(),
            containers: users.iter().map(|c| c.id.clone()).collect(),
        }
        .into());
    }
    volumes.remove(name).map_err(|source| Error::Remove {
        name: name.to_string(),
        source,
    })
}

/// What `volume prune` removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pruned {
    pub names: Vec<String>,
    /// The bytes their content took.
    pub bytes: u64,
}

/// Removes the volumes no container uses that pass `filters`. Rootless callers are in the
/// user namespace.
pub fn prune(store: &Store, filters: &[Filter]) -> Result<Pruned> {
    let volumes = store.volumes();
    let _l = volumes.lock()?;
    let users = volumes.users()?;
    let mut pruned = Pruned::default();
    for vol in volumes.list()? {
        if users.contains_key(&vol.name) || !matches(filters, &vol, 0) {
            continue;
        }
        pruned.bytes += volumes.size(&vol.name);
        volumes.remove(&vol.name).map_err(|source| Error::Remove {
            name: vol.name.clone(),
            source,
        })?;
        pruned.names.push(vol.name);
    }
    Ok(pruned)
}

/// One volume's share of the disk (`system df`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumeUsage {
    pub name: String,
    /// The containers that mount it.
    pub links: usize,
    pub size: u64,
}

/// Every volume's size and users.
pub fn usage(store: &Store) -> Result<Vec<VolumeUsage>> {
    let volumes = store.volumes();
    let users = volumes.users()?;
    Ok(volumes
        .list()?
        .into_iter()
        .map(|v| VolumeUsage {
            links: users.get(&v.name).map_or(0, Vec::len),
            size: volumes.size(&v.name),
            name: v.name,
        })
        .collect())
}

/// Writes volume `name`'s content to `out` as a tar archive. Rootless callers are in the user
/// namespace: there the owners read as the container sees them, and every file is readable.
pub fn export(store: &Store, name: &str, out: &mut dyn Write) -> Result<()> {
    let volumes = store.volumes();
    volumes.get(name)?;
    let data = volumes.data_dir(name);
    let mut tar = tar::Builder::new(std::io::BufWriter::new(out));
    tar.follow_symlinks(false);
    tar.mode(tar::HeaderMode::Complete);
    tar.append_dir_all(".", &data).map_err(|source| Error::Export {
        name: name.to_string(),
        source,
    })?;
    tar.into_inner()
        .and_then(|mut w| w.flush())
        .map_err(Error::WriteArchive)
}

/// Unpacks the tar archive `input` into the existing volume `name`, replacing files of the
/// same names. Rootless callers are in the user namespace: the archive's owners are container
/// ids, which only there can be set.
pub fn import(store: &Store, name: &str, input: &mut dyn Read) -> Result<()> {
    let volumes = store.volumes();
    volumes.get(name)?;
    let data = volumes.data_dir(name);
    let mut archive = tar::Archive::new(std::io::BufReader::new(input));
    archive.set_preserve_permissions(true);
    archive.set_preserve_ownerships(true);
    archive.set_overwrite(true);
    // tar's unpack refuses entries (and links) that would land outside the volume.
    archive.unpack(&data).map_err(|source| Error::Import {
        name: name.to_string(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vol(name: &str, labels: &[(&str, &str)]) -> Volume {
        Volume {
            name: name.into(),
            driver: "local".into(),
            created_at: String::new(),
            labels: labels.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            options: Default::default(),
            anonymous: false,
            needs_copy_up: false,
        }
    }

    #[test]
    fn filters() {
        let f = |raw: &[&str]| Filter::parse_all(&raw.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
        let a = vol("alpha", &[("env", "prod")]);
        assert!(matches(&f(&["name=alp"]), &a, 0));
        assert!(!matches(&f(&["name=beta"]), &a, 0));
        assert!(matches(&f(&["name=beta", "name=alpha"]), &a, 0));
        assert!(matches(&f(&["label=env"]), &a, 0));
        assert!(matches(&f(&["label=env=prod", "dangling=true"]), &a, 0));
        assert!(!matches(&f(&["dangling=true"]), &a, 1));
        assert!(matches(&f(&["dangling=false"]), &a, 2));
        assert!(!matches(&f(&["label!=env"]), &a, 0));
        assert!(matches(&f(&["label!=env=dev"]), &a, 0));
        assert!(!matches(&f(&["driver=nfs"]), &a, 0));
        for bad in ["", "name", "dangling=maybe", "colour=red", "=x"] {
            assert!(Filter::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn filter_errors_name_the_filter() {
        let msg = |f: &str| Filter::parse(f).unwrap_err().to_string();
        assert_eq!(msg("name"), "invalid filter \"name\": expected key=value");
        assert_eq!(
            msg("colour=red"),
            "invalid filter \"colour\": use name, driver, label, label! or dangling"
        );
        assert_eq!(
            msg("dangling=maybe"),
            "invalid dangling filter value \"maybe\": expected true or false"
        );
    }
}
