//! User mounts: `-v`, `--mount`, `--tmpfs` and `--volumes-from` from option strings to a typed
//! list ([`parse`]), that list to the mount records a container keeps and the OCI mounts of its
//! spec ([`resolve`], [`to_oci`]: volumes are created, image `VOLUME`s get anonymous ones); and,
//! in the container's init, mount attributes and the copy of image content into an empty volume
//! or tmpfs ([`set_attributes`], [`copy_up`]).

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::{AtFlags, OFlag, openat};
use nix::mount::MsFlags;
use nix::sys::stat::{FchmodatFlags, Mode, SFlag, UtimensatFlags, fstatat, mkdirat, mknodat};
use nix::unistd::{Gid, Uid};
use oci_spec::runtime::{Mount, MountBuilder};

use crate::store::Store;
use crate::store::containers::ContainerError;
use crate::store::volumes::{MountKind, MountRecord, NewVolume, VolumeError, valid_name};

#[derive(Debug, thiserror::Error)]
pub enum MountError {
    #[error("incorrect volume format {0:?}, should be [host-dir:]ctr-dir[:option]")]
    VolumeFormat(String),
    #[error("host directory cannot be empty")]
    EmptySource,
    #[error("invalid container path {0:?}, must be an absolute path")]
    RelativeDestination(String),
    #[error("invalid mount destination {0:?}: the container's root cannot be a mount point")]
    RootDestination(String),
    #[error("invalid option type {0:?}")]
    UnknownOption(String),
    #[error("cannot set the {0} option more than once")]
    Repeated(&'static str),
    #[error("invalid volume name {0:?}: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*")]
    VolumeName(String),
    #[error("statfs {}: {reason}", path.display())]
    HostPath { path: PathBuf, reason: String },
    #[error("invalid --mount {spec:?}: {reason}")]
    Mount { spec: String, reason: String },
    #[error("invalid --tmpfs {spec:?}: {reason}")]
    Tmpfs { spec: String, reason: String },
    #[error("duplicate mount destination {0:?}")]
    Duplicate(String),
    #[error("invalid --volumes-from {0:?}: expected CONTAINER[:ro|rw]")]
    VolumesFrom(String),
    #[error("chown {}: {source}", path.display())]
    Chown { path: PathBuf, source: std::io::Error },
    #[error("mounting image {reference}: {source}")]
    Image {
        reference: String,
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error(transparent)]
    Volume(#[from] VolumeError),
    #[error(transparent)]
    Container(#[from] ContainerError),
    #[error("building the mount on {destination}: {source}")]
    Oci {
        destination: String,
        source: oci_spec::OciSpecError,
    },
}

pub type Result<T, E = MountError> = std::result::Result<T, E>;

/// What is mounted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A host path (absolute).
    Host(PathBuf),
    /// A named volume, or a new anonymous one (`None`).
    Volume(Option<String>),
    Tmpfs,
    /// An image (a reference), mounted read-only.
    Image(String),
}

/// How it is mounted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flags {
    pub readonly: bool,
    /// `private`, `rshared`, ...; `rprivate` when none.
    pub propagation: Option<String>,
    /// `bind` rather than the default `rbind`.
    pub nonrecursive: bool,
    /// Do not copy the image's content into an empty volume (or tmpfs).
    pub nocopy: bool,
    /// `U`: chown the source to the container's user.
    pub chown: bool,
    pub exec: Option<bool>,
    pub suid: Option<bool>,
    pub dev: Option<bool>,
    /// tmpfs data: `size=`, `mode=`, `nr_inodes=`, `uid=`, `gid=`.
    pub data: Vec<String>,
}

/// One requested mount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MountRequest {
    pub source: Source,
    pub destination: String,
    pub flags: Flags,
}

/// Everything the command line asks to mount.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserMounts {
    pub mounts: Vec<MountRequest>,
    /// `--volumes-from`: a container and, when given, `ro` (true) or `rw` (false).
    pub volumes_from: Vec<(String, Option<bool>)>,
}

const PROPAGATIONS: &[&str] = &[
    "private",
    "rprivate",
    "shared",
    "rshared",
    "slave",
    "rslave",
    "unbindable",
    "runbindable",
];

/// A destination checked, and cleaned as Podman cleans it (`..` resolved lexically, as the
/// container's root is its own `/..`).
fn check_destination(dst: &str) -> Result<String> {
    if !dst.starts_with('/') || dst.contains('\0') {
        return Err(MountError::RelativeDestination(dst.to_string()));
    }
    let clean = clean_destination(dst);
    if clean == "/" {
        return Err(MountError::RootDestination(dst.to_string()));
    }
    Ok(clean)
}

/// A host path as given (absolute, or relative to `cwd`), which must exist: a missing one is an
/// error worded as Podman's, never created.
fn host_path(src: &str, cwd: &Path) -> Result<PathBuf> {
    if src.contains('\0') {
        return Err(MountError::HostPath {
            path: PathBuf::from(src.replace('\0', "\\0")),
            reason: "invalid argument".into(),
        });
    }
    let path = if src.starts_with('/') {
        PathBuf::from(src)
    } else {
        cwd.join(src)
    };
    if let Err(e) = std::fs::metadata(&path) {
        // "no such file or directory", as Go prints errno texts.
        let text = e
            .raw_os_error()
            .map(|n| Errno::from_raw(n).desc().to_string())
            .unwrap_or_else(|| e.to_string());
        let mut chars = text.chars();
        let reason = chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect())
            .unwrap_or_default();
        return Err(MountError::HostPath {
            path: PathBuf::from(src),
            reason,
        });
    }
    Ok(path)
}

/// Sets a once-only option, refusing a second one of the same group.
fn once<T>(slot: &mut Option<T>, value: T, group: &'static str) -> Result<()> {
    if slot.is_some() {
        return Err(MountError::Repeated(group));
    }
    *slot = Some(value);
    Ok(())
}

/// The options of `-v SRC:DST:OPTS`, as Podman validates them.
fn volume_options(raw: &str) -> Result<Flags> {
    let mut f = Flags::default();
    let (mut rw, mut relabel, mut prop, mut bind) = (None, None, None, None);
    let (mut exec, mut suid, mut dev, mut copy) = (None, None, None, None);
    for o in raw.split(',') {
        match o {
            "ro" | "rw" => once(&mut rw, o == "ro", "ro/rw")?,
            "z" | "Z" => once(&mut relabel, (), "z/Z")?,
            "bind" | "rbind" => once(&mut bind, o == "bind", "bind/rbind")?,
            "exec" | "noexec" => once(&mut exec, o == "exec", "exec/noexec")?,
            "suid" | "nosuid" => once(&mut suid, o == "suid", "suid/nosuid")?,
            "dev" | "nodev" => once(&mut dev, o == "dev", "dev/nodev")?,
            "copy" | "nocopy" => once(&mut copy, o == "nocopy", "copy/nocopy")?,
            "U" => f.chown = true,
            p if PROPAGATIONS.contains(&p) => once(&mut prop, p.to_string(), "propagation")?,
            other => return Err(MountError::UnknownOption(other.to_string())),
        }
    }
    f.readonly = rw.unwrap_or(false);
    f.propagation = prop;
    f.nonrecursive = bind.unwrap_or(false);
    f.nocopy = copy.unwrap_or(false);
    (f.exec, f.suid, f.dev) = (exec, suid, dev);
    Ok(f)
}

/// `-v [SRC:]DST[:OPTS]`: SRC is a host path when it starts with `/` or `.`, else a volume name;
/// DST alone is an anonymous volume.
pub fn parse_volume(raw: &str, cwd: &Path) -> Result<MountRequest> {
    let parts: Vec<&str> = raw.split(':').collect();
    let (src, dst, opts) = match parts.as_slice() {
        [dst] => (None, *dst, None),
        [src, dst] => (Some(*src), *dst, None),
        [src, dst, opts] => (Some(*src), *dst, Some(*opts)),
        _ => return Err(MountError::VolumeFormat(raw.to_string())),
    };
    let flags = match opts {
        Some(o) => volume_options(o)?,
        None => Flags::default(),
    };
    let dst = check_destination(dst)?;
    let source = match src {
        None => Source::Volume(None),
        Some("") => return Err(MountError::EmptySource),
        Some(s) if s.starts_with('/') || s.starts_with('.') => Source::Host(host_path(s, cwd)?),
        Some(name) if valid_name(name) => Source::Volume(Some(name.to_string())),
        Some(name) => return Err(MountError::VolumeName(name.to_string())),
    };
    Ok(MountRequest {
        source,
        destination: dst,
        flags,
    })
}

fn parse_bool(v: Option<&str>) -> Option<bool> {
    match v {
        None | Some("true" | "1") => Some(true),
        Some("false" | "0") => Some(false),
        _ => None,
    }
}

fn tmpfs_size(v: &str) -> bool {
    let digits = v.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(&v[digits..], "" | "k" | "m" | "g" | "K" | "M" | "G" | "%")
}

fn octal_mode(v: &str) -> bool {
    !v.is_empty() && v.len() <= 4 && v.bytes().all(|b| (b'0'..=b'7').contains(&b))
}

/// `--mount type=bind|volume|tmpfs,src=…,dst=…,…` in Docker's syntax (type defaults to volume).
pub fn parse_mount(raw: &str, cwd: &Path) -> Result<MountRequest> {
    let bad = |reason: String| MountError::Mount {
        spec: raw.to_string(),
        reason,
    };
    let mut kind = "volume";
    let (mut src, mut dst): (Option<&str>, Option<&str>) = (None, None);
    let mut f = Flags::default();
    let mut writable = false;
    // Fields only some types accept, to refuse them on the others.
    let mut only: Vec<(&str, &str)> = Vec::new();
    for field in raw.split(',') {
        let (k, v) = match field.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (field, None),
        };
        let flag = || parse_bool(v).ok_or_else(|| bad(format!("invalid value {:?} for {k:?}", v.unwrap_or(""))));
        let value = || {
            v.filter(|v| !v.is_empty())
                .ok_or_else(|| bad(format!("field {k:?} needs a value")))
        };
        match k {
            "type" => kind = value()?,
            "src" | "source" => src = Some(value()?),
            "dst" | "destination" | "target" => dst = Some(value()?),
            "ro" | "readonly" => {
                f.readonly = flag()?;
                writable = !f.readonly;
            }
            "rw" => {
                f.readonly = !flag()?;
                writable = !f.readonly;
            }
            "bind-propagation" => {
                let p = value()?;
                if !PROPAGATIONS.contains(&p) {
                    return Err(bad(format!("invalid bind-propagation {p:?}")));
                }
                f.propagation = Some(p.to_string());
                only.push((k, "bind"));
            }
            "bind-nonrecursive" => {
                f.nonrecursive = flag()?;
                only.push((k, "bind"));
            }
            "volume-nocopy" => {
                f.nocopy = flag()?;
                only.push((k, "volume"));
            }
            "volume-driver" => {
                if value()? != "local" {
                    return Err(bad(format!("volume driver {:?} is not supported", v.unwrap_or(""))));
                }
                only.push((k, "volume"));
            }
            "tmpfs-size" | "size" => {
                let s = value()?;
                if !tmpfs_size(s) {
                    return Err(bad(format!("invalid tmpfs size {s:?}")));
                }
                f.data.push(format!("size={s}"));
                only.push((k, "tmpfs"));
            }
            "tmpfs-mode" | "mode" => {
                let m = value()?;
                if !octal_mode(m) {
                    return Err(bad(format!("invalid tmpfs mode {m:?}: expected octal")));
                }
                f.data.push(format!("mode={m}"));
                only.push((k, "tmpfs"));
            }
            "notmpcopyup" => {
                f.nocopy = true;
                only.push((k, "tmpfs"));
            }
            "tmpcopyup" => only.push((k, "tmpfs")),
            "U" | "chown" => f.chown = flag()?,
            "exec" | "noexec" => f.exec = Some(k == "exec"),
            "suid" | "nosuid" => f.suid = Some(k == "suid"),
            "dev" | "nodev" => f.dev = Some(k == "dev"),
            "z" | "Z" | "relabel" | "consistency" => {}
            "" => return Err(bad("empty field".into())),
            other => return Err(bad(format!("unknown field {other:?}"))),
        }
    }
    if let Some((field, t)) = only.iter().find(|(_, t)| *t != kind) {
        return Err(bad(format!("field {field:?} is only valid with type={t}")));
    }
    let dst = dst.ok_or_else(|| bad("destination is required (dst=…)".into()))?;
    let dst = check_destination(dst).map_err(|e| bad(e.to_string()))?;
    let source = match kind {
        "bind" => {
            let s = src.ok_or_else(|| bad("a bind mount needs a source (src=…)".into()))?;
            Source::Host(host_path(s, cwd)?)
        }
        "volume" => match src {
            None => Source::Volume(None),
            Some(n) if valid_name(n) => Source::Volume(Some(n.to_string())),
            Some(n) => return Err(bad(format!("invalid volume name {n:?}"))),
        },
        "tmpfs" => {
            if src.is_some() {
                return Err(bad("a tmpfs mount takes no source".into()));
            }
            Source::Tmpfs
        }
        "image" => {
            if writable {
                return Err(bad("image mounts are read-only".into()));
            }
            f.readonly = true;
            Source::Image(
                src.ok_or_else(|| bad("an image mount needs a source (src=IMAGE)".into()))?
                    .to_string(),
            )
        }
        other => return Err(bad(format!("unknown type {other:?}: use bind, volume, tmpfs or image"))),
    };
    Ok(MountRequest {
        source,
        destination: dst,
        flags: f,
    })
}

/// `--tmpfs DST[:OPTS]`.
pub fn parse_tmpfs(raw: &str) -> Result<MountRequest> {
    let bad = |reason: String| MountError::Tmpfs {
        spec: raw.to_string(),
        reason,
    };
    let (dst, opts) = match raw.split_once(':') {
        Some((d, o)) => (d, Some(o)),
        None => (raw, None),
    };
    let dst = check_destination(dst)?;
    let mut f = Flags::default();
    for o in opts.into_iter().flat_map(|o| o.split(',')) {
        let (k, v) = o.split_once('=').unwrap_or((o, ""));
        match (k, v) {
            ("ro" | "rw", "") => f.readonly = k == "ro",
            ("exec" | "noexec", "") => f.exec = Some(k == "exec"),
            ("suid" | "nosuid", "") => f.suid = Some(k == "suid"),
            ("dev" | "nodev", "") => f.dev = Some(k == "dev"),
            ("notmpcopyup", "") => f.nocopy = true,
            ("tmpcopyup", "") => f.nocopy = false,
            ("size", s) if tmpfs_size(s) => f.data.push(o.to_string()),
            ("mode", m) if octal_mode(m) => f.data.push(o.to_string()),
            ("nr_inodes" | "uid" | "gid", n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                f.data.push(o.to_string())
            }
            _ => return Err(bad(format!("invalid option {o:?}"))),
        }
    }
    Ok(MountRequest {
        source: Source::Tmpfs,
        destination: dst,
        flags: f,
    })
}

/// `--volumes-from CTR[:ro|rw]`.
pub fn parse_volumes_from(raw: &str) -> Result<(String, Option<bool>)> {
    let bad = || MountError::VolumesFrom(raw.to_string());
    let (ctr, opts) = match raw.split_once(':') {
        Some((c, o)) => (c, Some(o)),
        None => (raw, None),
    };
    if ctr.is_empty() {
        return Err(bad());
    }
    let mut ro = None;
    for o in opts.into_iter().flat_map(|o| o.split(',')) {
        match o {
            "ro" | "rw" if ro.is_none() => ro = Some(o == "ro"),
            "z" | "Z" => {}
            _ => return Err(bad()),
        }
    }
    Ok((ctr.to_string(), ro))
}

/// All of a container's mount options, checked: host paths must exist, destinations be unique.
pub fn parse(
    volumes: &[String],
    mounts: &[String],
    tmpfs: &[String],
    volumes_from: &[String],
    cwd: &Path,
) -> Result<UserMounts> {
    let mut out = UserMounts::default();
    for v in volumes {
        out.mounts.push(parse_volume(v, cwd)?);
    }
    for m in mounts {
        out.mounts.push(parse_mount(m, cwd)?);
    }
    for t in tmpfs {
        out.mounts.push(parse_tmpfs(t)?);
    }
    let mut seen = BTreeSet::new();
    for m in &out.mounts {
        if !seen.insert(clean_destination(&m.destination)) {
            return Err(MountError::Duplicate(m.destination.clone()));
        }
    }
    for v in volumes_from {
        out.volumes_from.push(parse_volumes_from(v)?);
    }
    Ok(out)
}

/// `/a//b/./c/../` → `/a/b`, to compare destinations.
fn clean_destination(d: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for p in d.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

/// The OCI options for a request.
fn options(m: &MountRequest) -> Vec<String> {
    let f = &m.flags;
    let mut o: Vec<String> = Vec::new();
    let tmpfs = m.source == Source::Tmpfs;
    let volume = matches!(m.source, Source::Volume(_));
    if !tmpfs {
        o.push(if f.nonrecursive { "bind" } else { "rbind" }.into());
        o.push(f.propagation.clone().unwrap_or_else(|| "rprivate".into()));
    }
    o.push(if f.readonly { "ro" } else { "rw" }.into());
    // Podman's defaults: volumes nosuid,nodev; tmpfs noexec,nosuid,nodev; binds as the host has them.
    let flag = |set: Option<bool>, default_off: bool, on: &str, off: &str| match set {
        Some(true) => Some(on.to_string()),
        Some(false) => Some(off.to_string()),
        None if default_off => Some(off.to_string()),
        None => None,
    };
    o.extend(flag(f.exec, tmpfs, "exec", "noexec"));
    o.extend(flag(f.suid, tmpfs || volume, "suid", "nosuid"));
    o.extend(flag(f.dev, tmpfs || volume, "dev", "nodev"));
    o.extend(f.data.iter().cloned());
    if !f.nocopy && volume {
        o.push(COPY.into());
    }
    if !f.nocopy && tmpfs {
        o.push(TMPCOPYUP.into());
    }
    o
}

/// ferry's own mount options (in the spec ferry's init reads): copy the image's content at the
/// destination into an empty volume, or into a new tmpfs.
pub const COPY: &str = "copy";
pub const TMPCOPYUP: &str = "tmpcopyup";

/// An image's unpacked layers, for an image mount.
pub struct ImageLayers {
    /// The image id.
    pub id: String,
    /// The top layer chain.
    pub top: crate::store::Digest,
    /// The layers' directories, top first.
    pub dirs: Vec<PathBuf>,
    /// The overlay reads whiteouts from `user.` xattrs (in a user namespace).
    pub userxattr: bool,
}

/// Finds (pulling and unpacking as needed) the image a `type=image` mount names.
pub type ImageResolver<'a> = dyn FnMut(&str) -> Result<ImageLayers, Box<dyn std::error::Error + Send + Sync>> + 'a;

/// Resolves the mounts of container `id` (being created), records them in its `mounts.json` and
/// returns them as the spec's mounts: creates the named volumes that do not exist yet and
/// anonymous ones (for `-v /dst` and the image's `VOLUME`s not otherwise mounted), adds the
/// mounts of `--volumes-from` containers, and chowns `U` sources to `uid:gid` (ids as ferry's
/// user namespace has them: rootless, the caller is in it). Images come from `images`; the
/// caller keeps their layers from garbage collection (holds the content lock) until this returns.
/// Parents come before children.
pub fn attach(
    store: &Store,
    id: &str,
    user: &UserMounts,
    image_volumes: &[String],
    owner: (u32, u32),
    images: &mut ImageResolver<'_>,
) -> Result<Vec<Mount>> {
    let volumes = store.volumes();
    // Held until the records are written, so that no volume they name is removed meanwhile.
    let _lock = volumes.lock()?;
    let records = resolve(store, user, image_volumes, owner, images)?;
    // Readers take a missing record as "no mounts": the common case writes (and syncs) nothing.
    if !records.is_empty() {
        volumes.write_mounts(id, &records)?;
    }
    records.iter().map(to_oci).collect()
}

fn resolve(
    store: &Store,
    user: &UserMounts,
    image_volumes: &[String],
    (uid, gid): (u32, u32),
    images: &mut ImageResolver<'_>,
) -> Result<Vec<MountRecord>> {
    let volumes = store.volumes();
    let mut records = Vec::new();
    let mut dests = BTreeSet::new();
    let volume_record = |name: Option<&str>, m: &MountRequest| -> Result<MountRecord> {
        let mut vol = match name {
            Some(n) => volumes.get_or_create(n)?,
            None => volumes.create(NewVolume {
                anonymous: true,
                ..Default::default()
            })?,
        };
        volumes.mark_used(&mut vol)?;
        let mut options = options(m);
        // `volume create --opt o=nocopy`: no mount copies into it.
        if crate::store::volumes::parse_options(&vol.options).is_ok_and(|o| o.nocopy) {
            options.retain(|o| o != COPY);
        }
        Ok(MountRecord {
            kind: MountKind::Volume,
            source: volumes.data_dir(&vol.name),
            name: Some(vol.name),
            destination: m.destination.clone(),
            options,
            image: None,
            top_layer: None,
        })
    };
    for m in &user.mounts {
        let rec = match &m.source {
            Source::Host(p) => MountRecord {
                kind: MountKind::Bind,
                name: None,
                source: p.clone(),
                destination: m.destination.clone(),
                options: options(m),
                image: None,
                top_layer: None,
            },
            Source::Volume(name) => volume_record(name.as_deref(), m)?,
            Source::Tmpfs => MountRecord {
                kind: MountKind::Tmpfs,
                name: None,
                source: PathBuf::from("tmpfs"),
                destination: m.destination.clone(),
                options: options(m),
                image: None,
                top_layer: None,
            },
            Source::Image(reference) => {
                let layers = images(reference).map_err(|source| MountError::Image {
                    reference: reference.clone(),
                    source,
                })?;
                image_record(m, layers)
            }
        };
        if m.flags.chown && matches!(rec.kind, MountKind::Bind | MountKind::Volume) {
            chown_tree(&rec.source, uid, gid)?;
        }
        dests.insert(clean_destination(&rec.destination));
        records.push(rec);
    }
    for (ctr, ro) in &user.volumes_from {
        let other = store.containers().lookup(ctr)?;
        for mut rec in volumes.read_mounts(&other.id).map_err(VolumeError::from)? {
            let shared = matches!(rec.kind, MountKind::Bind | MountKind::Volume);
            if !shared || !dests.insert(clean_destination(&rec.destination)) {
                continue;
            }
            if let Some(ro) = ro {
                for o in rec.options.iter_mut().filter(|o| *o == "ro" || *o == "rw") {
                    *o = if *ro { "ro" } else { "rw" }.into();
                }
            }
            records.push(rec);
        }
    }
    for dst in image_volumes {
        if !dst.starts_with('/') || !dests.insert(clean_destination(dst)) {
            continue;
        }
        let req = MountRequest {
            source: Source::Volume(None),
            destination: dst.clone(),
            flags: Flags::default(),
        };
        records.push(volume_record(None, &req)?);
    }
    records.sort_by_key(|r| clean_destination(&r.destination).matches('/').count());
    Ok(records)
}

/// An image mount: a read-only bind of a one-layer image's directory, or a read-only overlay of
/// the layers (an overlay without an upper directory needs two lower ones at least).
fn image_record(m: &MountRequest, layers: ImageLayers) -> MountRecord {
    let mut options: Vec<String> = vec!["ro".into(), "nosuid".into(), "nodev".into()];
    let source = match layers.dirs.as_slice() {
        [one] => {
            options.splice(0..0, ["rbind".to_string(), "rprivate".to_string()]);
            one.clone()
        }
        dirs => {
            let lower: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
            options.push(format!("lowerdir={}", lower.join(":")));
            if layers.userxattr {
                options.push("userxattr".into());
            }
            PathBuf::from(OVERLAY)
        }
    };
    MountRecord {
        kind: MountKind::Image,
        name: None,
        source,
        destination: m.destination.clone(),
        options,
        image: Some(layers.id),
        top_layer: Some(layers.top),
    }
}

const OVERLAY: &str = "overlay";

/// The OCI mount of a record.
pub fn to_oci(rec: &MountRecord) -> Result<Mount> {
    let typ = match rec.kind {
        MountKind::Tmpfs => "tmpfs",
        MountKind::Image if rec.source == Path::new(OVERLAY) => OVERLAY,
        _ => "bind",
    };
    MountBuilder::default()
        .destination(&rec.destination)
        .typ(typ)
        .source(&rec.source)
        .options(rec.options.clone())
        .build()
        .map_err(|source| MountError::Oci {
            destination: rec.destination.clone(),
            source,
        })
}

/// Chowns `root` and everything below it to `uid:gid`. The walk goes through directory fds
/// and never follows a symlink, so a running container that swaps a directory of a shared
/// volume for a symlink cannot point it at host files.
fn chown_tree(root: &Path, uid: u32, gid: u32) -> Result<()> {
    let err = |e: Errno| MountError::Chown {
        path: root.to_path_buf(),
        source: e.into(),
    };
    let (uid, gid) = (Some(Uid::from_raw(uid)), Some(Gid::from_raw(gid)));
    let st = nix::sys::stat::lstat(root).map_err(err)?;
    nix::unistd::fchownat(nix::fcntl::AT_FDCWD, root, uid, gid, AtFlags::AT_SYMLINK_NOFOLLOW).map_err(err)?;
    if SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT != SFlag::S_IFDIR {
        return Ok(());
    }
    let dir = openat(
        nix::fcntl::AT_FDCWD,
        root,
        OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .map_err(err)?;
    chown_below(dir.as_fd(), uid, gid).map_err(err)
}

fn chown_below(dir: BorrowedFd<'_>, uid: Option<Uid>, gid: Option<Gid>) -> Result<(), Errno> {
    let mut listing = nix::dir::Dir::from_fd(open_dir(dir, OsStr::new("."))?)?;
    let names: Vec<std::ffi::CString> = listing
        .iter()
        .flatten()
        .map(|e| e.file_name().to_owned())
        .filter(|n| !matches!(n.to_bytes(), b"." | b".."))
        .collect();
    for name in names {
        let name = OsStr::from_bytes(name.to_bytes());
        nix::unistd::fchownat(dir, name, uid, gid, AtFlags::AT_SYMLINK_NOFOLLOW)?;
        match open_dir(dir, name) {
            Ok(sub) => chown_below(sub.as_fd(), uid, gid)?,
            // Not a directory (or a symlink): nothing below it.
            Err(Errno::ENOTDIR | Errno::ELOOP) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[repr(C)]
struct MountAttr {
    attr_set: u64,
    attr_clr: u64,
    propagation: u64,
    userns_fd: u64,
}

const MOUNT_ATTR_RDONLY: u64 = 0x1;
const MOUNT_ATTR_NOSUID: u64 = 0x2;
const MOUNT_ATTR_NODEV: u64 = 0x4;
const MOUNT_ATTR_NOEXEC: u64 = 0x8;
const AT_RECURSIVE: libc::c_uint = 0x8000;

/// Sets read-only, nosuid, nodev and noexec (those of `flags`) and the propagation named in
/// `options` on the mount at `fd`, with `recursive` on the mounts below it too. mount_setattr,
/// unlike a remount, keeps the flags a user namespace may not clear (rootless binds of host paths).
pub fn set_attributes(fd: BorrowedFd<'_>, flags: MsFlags, options: &[String], recursive: bool) -> Result<(), Errno> {
    let mut set = 0;
    for (ms, attr) in [
        (MsFlags::MS_RDONLY, MOUNT_ATTR_RDONLY),
        (MsFlags::MS_NOSUID, MOUNT_ATTR_NOSUID),
        (MsFlags::MS_NODEV, MOUNT_ATTR_NODEV),
        (MsFlags::MS_NOEXEC, MOUNT_ATTR_NOEXEC),
    ] {
        if flags.contains(ms) {
            set |= attr;
        }
    }
    let propagation = options.iter().find_map(|o| match o.trim_start_matches('r') {
        "private" => Some(MsFlags::MS_PRIVATE),
        "shared" => Some(MsFlags::MS_SHARED),
        "slave" => Some(MsFlags::MS_SLAVE),
        "unbindable" => Some(MsFlags::MS_UNBINDABLE),
        _ => None,
    });
    if set == 0 && propagation.is_none() {
        return Ok(());
    }
    let attr = MountAttr {
        attr_set: set,
        attr_clr: 0,
        propagation: propagation.map_or(0, |p| p.bits()),
        userns_fd: 0,
    };
    let flags = libc::AT_EMPTY_PATH as libc::c_uint | if recursive { AT_RECURSIVE } else { 0 };
    // SAFETY: mount_setattr with a valid fd, an empty path and a properly sized attribute struct.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_mount_setattr,
            fd.as_raw_fd(),
            c"".as_ptr(),
            flags,
            &attr as *const MountAttr,
            std::mem::size_of::<MountAttr>(),
        )
    };
    if rc != 0 {
        return Err(Errno::last());
    }
    Ok(())
}

/// Whether `options` ask for the image's content to be copied in.
pub fn wants_copy(options: &[String]) -> bool {
    options.iter().any(|o| o == COPY || o == TMPCOPYUP)
}

fn open_dir(fd: BorrowedFd<'_>, name: &OsStr) -> Result<OwnedFd, Errno> {
    openat(
        fd,
        name,
        OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
}

fn is_empty(dir: BorrowedFd<'_>) -> Result<bool, Errno> {
    let fd = open_dir(dir, OsStr::new("."))?;
    let mut d = nix::dir::Dir::from_fd(fd)?;
    Ok(d.iter()
        .flatten()
        .all(|e| matches!(e.file_name().to_bytes(), b"." | b"..")))
}

/// Copies the directory `src` (the image's content at a mount point, opened before the mount
/// hides it) into `dst` when `dst` is empty: files, directories, symlinks and special files with
/// their owners, modes and times (Docker's volume copy-up). Runs in the container's init, which
/// may own any mapped id. A `src` that is not a directory copies nothing.
pub fn copy_up(src: BorrowedFd<'_>, dst: BorrowedFd<'_>) -> Result<(), Errno> {
    let st = nix::sys::stat::fstat(src)?;
    if SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT != SFlag::S_IFDIR || !is_empty(dst)? {
        return Ok(());
    }
    let src = open_dir(src, OsStr::new("."))?;
    let dst = open_dir(dst, OsStr::new("."))?;
    copy_dir(src.as_fd(), dst.as_fd())?;
    // The volume's root takes the image directory's owner and mode, as Docker's does.
    nix::unistd::fchown(
        dst.as_fd(),
        Some(Uid::from_raw(st.st_uid)),
        Some(Gid::from_raw(st.st_gid)),
    )?;
    nix::sys::stat::fchmod(dst.as_fd(), Mode::from_bits_truncate(st.st_mode & 0o7777))?;
    Ok(())
}

fn copy_dir(src: BorrowedFd<'_>, dst: BorrowedFd<'_>) -> Result<(), Errno> {
    let listing = open_dir(src, OsStr::new("."))?;
    let mut dir = nix::dir::Dir::from_fd(listing)?;
    let names: Vec<std::ffi::CString> = dir
        .iter()
        .flatten()
        .map(|e| e.file_name().to_owned())
        .filter(|n| !matches!(n.to_bytes(), b"." | b".."))
        .collect();
    for name in names {
        copy_entry(src, dst, OsStr::from_bytes(name.to_bytes()))?;
    }
    Ok(())
}

fn copy_entry(src: BorrowedFd<'_>, dst: BorrowedFd<'_>, name: &OsStr) -> Result<(), Errno> {
    let st = fstatat(src, name, AtFlags::AT_SYMLINK_NOFOLLOW)?;
    let kind = SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT;
    let mode = Mode::from_bits_truncate(st.st_mode & 0o7777);
    match kind {
        SFlag::S_IFDIR => {
            mkdirat(dst, name, Mode::from_bits_truncate(0o700))?;
            let s = open_dir(src, name)?;
            let d = open_dir(dst, name)?;
            copy_dir(s.as_fd(), d.as_fd())?;
        }
        SFlag::S_IFREG => {
            let s = openat(
                src,
                name,
                OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
                Mode::empty(),
            )?;
            let d = openat(
                dst,
                name,
                OFlag::O_WRONLY | OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
                Mode::from_bits_truncate(0o600),
            )?;
            let (mut s, mut d) = (std::fs::File::from(s), std::fs::File::from(d));
            std::io::copy(&mut s, &mut d).map_err(|e| Errno::from_raw(e.raw_os_error().unwrap_or(libc::EIO)))?;
        }
        SFlag::S_IFLNK => {
            let target = nix::fcntl::readlinkat(src, name)?;
            nix::unistd::symlinkat(target.as_os_str(), dst, name)?;
        }
        _ => match mknodat(dst, name, kind, mode, st.st_rdev) {
            Ok(()) => {}
            // Devices cannot be made in a user namespace: leave them out, as a rootless copy must.
            Err(Errno::EPERM) => return Ok(()),
            Err(e) => return Err(e),
        },
    }
    nix::unistd::fchownat(
        dst,
        name,
        Some(Uid::from_raw(st.st_uid)),
        Some(Gid::from_raw(st.st_gid)),
        AtFlags::AT_SYMLINK_NOFOLLOW,
    )?;
    if kind != SFlag::S_IFLNK {
        // After the chown, which clears setuid bits.
        nix::sys::stat::fchmodat(dst, name, mode, FchmodatFlags::FollowSymlink)?;
    }
    let times = (
        nix::sys::time::TimeSpec::new(st.st_atime, st.st_atime_nsec),
        nix::sys::time::TimeSpec::new(st.st_mtime, st.st_mtime_nsec),
    );
    nix::sys::stat::utimensat(dst, name, &times.0, &times.1, UtimensatFlags::NoFollowSymlink)?;
    Ok(())
}

/// The image's `VOLUME` destinations.
pub fn image_volumes(config: &Option<BTreeMap<String, serde_json::Value>>) -> Vec<String> {
    config.iter().flat_map(|m| m.keys().cloned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cwd() -> PathBuf {
        std::env::temp_dir()
    }

    #[test]
    fn volume_flags() {
        let tmp = std::env::temp_dir();
        let t = tmp.to_str().unwrap();
        let m = parse_volume(&format!("{t}:/data:ro,z,rslave,nosuid,U"), &cwd()).unwrap();
        assert_eq!(m.source, Source::Host(tmp.clone()));
        assert!(m.flags.readonly && m.flags.chown && m.flags.suid == Some(false));
        assert_eq!(m.flags.propagation.as_deref(), Some("rslave"));
        assert_eq!(options(&m), ["rbind", "rslave", "ro", "nosuid"]);
        let v = parse_volume("data:/d", &cwd()).unwrap();
        assert_eq!(v.source, Source::Volume(Some("data".into())));
        assert_eq!(options(&v), ["rbind", "rprivate", "rw", "nosuid", "nodev", "copy"]);
        let n = parse_volume("data:/d:nocopy,bind,exec", &cwd()).unwrap();
        assert_eq!(options(&n), ["bind", "rprivate", "rw", "exec", "nosuid", "nodev"]);
        let anon = parse_volume("/anon", &cwd()).unwrap();
        assert_eq!(anon.source, Source::Volume(None));
        let rel = parse_volume(".:/here", &tmp).unwrap();
        assert_eq!(rel.source, Source::Host(tmp.join(".")));
    }

    #[test]
    fn volume_hostile_input() {
        let t = std::env::temp_dir();
        let t = t.to_str().unwrap();
        let cases: &[(&str, &str)] = &[
            ("", "invalid container path"),
            ("rel", "invalid container path"),
            ("a:b:c:d", "incorrect volume format"),
            (":/d", "host directory cannot be empty"),
            (
                "/nonexistent-ferry-path:/d",
                "statfs /nonexistent-ferry-path: no such file or directory",
            ),
            ("bad name:/d", "invalid volume name"),
            ("a/b:/d", "invalid volume name"),
            ("v:/d:ro,rw", "more than once"),
            ("v:/d:shared,private", "more than once"),
            ("v:/d:bogus", "invalid option type \"bogus\""),
            ("v:/d:", "invalid option type \"\""),
            ("v:/d:O", "invalid option type"),
            ("v:d", "invalid container path"),
            ("/x\0:/d", "statfs"),
            ("v:/d\0", "invalid container path"),
            ("v:/", "root cannot be a mount point"),
            ("/tmp://./", "root cannot be a mount point"),
            (
                "/etc:/dev/../../..",
                "invalid mount destination \"/dev/../../..\": the container's root",
            ),
            ("v:/a/..", "root cannot be a mount point"),
        ];
        for (raw, want) in cases {
            let raw = raw.replace("TMP", t);
            let err = parse_volume(&raw, &cwd()).unwrap_err().to_string();
            assert!(err.contains(want), "{raw:?}: {err}");
        }
        // Destinations are cleaned as Podman cleans them; `..` never leaves the root.
        assert_eq!(parse_volume("v:/a/./../b//c/", &cwd()).unwrap().destination, "/b/c");
        assert_eq!(parse_volume("v:/../../x", &cwd()).unwrap().destination, "/x");
        assert_eq!(parse_tmpfs("/t/../u").unwrap().destination, "/u");
    }

    #[test]
    fn mount_syntax() {
        let t = std::env::temp_dir();
        let t = t.to_str().unwrap();
        let b = parse_mount(
            &format!("type=bind,src={t},dst=/b,readonly,bind-propagation=shared"),
            &cwd(),
        )
        .unwrap();
        assert_eq!(options(&b), ["rbind", "shared", "ro"]);
        let v = parse_mount("type=volume,source=vol,target=/v,volume-nocopy,ro=false", &cwd()).unwrap();
        assert_eq!(v.source, Source::Volume(Some("vol".into())));
        assert!(v.flags.nocopy && !v.flags.readonly);
        let img = parse_mount("type=image,src=docker.io/library/busybox:latest,dst=/img,ro", &cwd()).unwrap();
        assert_eq!(img.source, Source::Image("docker.io/library/busybox:latest".into()));
        assert!(img.flags.readonly);
        let layers = |n: usize| ImageLayers {
            id: "i".into(),
            top: crate::store::Digest::of_bytes(b"x"),
            dirs: (0..n).map(|i| PathBuf::from(format!("/l{i}"))).collect(),
            userxattr: true,
        };
        let one = image_record(&img, layers(1));
        assert_eq!(one.source, Path::new("/l0"));
        assert_eq!(one.options, ["rbind", "rprivate", "ro", "nosuid", "nodev"]);
        assert_eq!(to_oci(&one).unwrap().typ().as_deref(), Some("bind"));
        let two = image_record(&img, layers(2));
        assert_eq!(two.options, ["ro", "nosuid", "nodev", "lowerdir=/l0:/l1", "userxattr"]);
        assert_eq!(to_oci(&two).unwrap().typ().as_deref(), Some("overlay"));
        let anon = parse_mount("destination=/a", &cwd()).unwrap();
        assert_eq!(anon.source, Source::Volume(None));
        let tm = parse_mount("type=tmpfs,dst=/t,tmpfs-size=64m,tmpfs-mode=1777", &cwd()).unwrap();
        assert_eq!(
            options(&tm),
            ["rw", "noexec", "nosuid", "nodev", "size=64m", "mode=1777", "tmpcopyup"]
        );
        let cases: &[(&str, &str)] = &[
            ("", "empty field"),
            ("type=bind,dst=/b", "needs a source"),
            ("type=volume", "destination is required"),
            ("type=volume,dst=rel", "must be an absolute path"),
            ("type=bogus,dst=/x", "unknown type \"bogus\""),
            ("type=image,dst=/x", "an image mount needs a source"),
            ("type=image,src=busybox,dst=/x,rw", "image mounts are read-only"),
            (
                "type=image,src=busybox,dst=/x,readonly=false",
                "image mounts are read-only",
            ),
            ("type=tmpfs,src=x,dst=/t", "takes no source"),
            ("type=volume,dst=/x,colour=red", "unknown field \"colour\""),
            ("type=tmpfs,dst=/", "root cannot be a mount point"),
            ("type=volume,dst=/x,ro=maybe", "invalid value \"maybe\" for \"ro\""),
            (
                "type=volume,dst=/x,bind-propagation=rshared",
                "only valid with type=bind",
            ),
            ("type=bind,src=/,dst=/x,volume-nocopy", "only valid with type=volume"),
            ("type=tmpfs,dst=/t,tmpfs-size=lots", "invalid tmpfs size"),
            ("type=tmpfs,dst=/t,tmpfs-mode=999", "expected octal"),
            (
                "type=bind,src=/,dst=/x,bind-propagation=sideways",
                "invalid bind-propagation",
            ),
            ("type=volume,src=../x,dst=/x", "invalid volume name"),
            ("type=volume,dst=/x,volume-driver=nfs", "not supported"),
            ("type=,dst=/x", "needs a value"),
            ("type=bind,src=/nonexistent-ferry,dst=/x", "statfs /nonexistent-ferry"),
            (",,,", "empty field"),
        ];
        for (raw, want) in cases {
            let err = parse_mount(raw, &cwd()).unwrap_err().to_string();
            assert!(err.contains(want), "{raw:?}: {err}");
            if !err.starts_with("statfs") {
                assert!(err.starts_with("invalid --mount"), "{raw:?}: {err}");
            }
        }
    }

    #[test]
    fn tmpfs_and_volumes_from() {
        let t = parse_tmpfs("/t").unwrap();
        assert_eq!(options(&t), ["rw", "noexec", "nosuid", "nodev", "tmpcopyup"]);
        let t = parse_tmpfs("/t:ro,exec,size=1g,mode=700,notmpcopyup,uid=1000").unwrap();
        assert_eq!(
            options(&t),
            ["ro", "exec", "nosuid", "nodev", "size=1g", "mode=700", "uid=1000"]
        );
        for bad in [
            "",
            "t",
            "/t:size=",
            "/t:size=1x",
            "/t:mode=rwx",
            "/t:bogus",
            "/t:uid=-1",
            "/t:,",
        ] {
            assert!(parse_tmpfs(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse_volumes_from("c").unwrap(), ("c".into(), None));
        assert_eq!(parse_volumes_from("c:ro").unwrap(), ("c".into(), Some(true)));
        assert_eq!(parse_volumes_from("c:rw,z").unwrap(), ("c".into(), Some(false)));
        for bad in ["", ":ro", "c:ro,rw", "c:x", "c:"] {
            assert!(parse_volumes_from(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn duplicates_and_order() {
        let d = parse(&["a:/d".into()], &["dst=/d/".into()], &[], &[], &cwd());
        assert!(matches!(d, Err(MountError::Duplicate(_))), "{d:?}");
        let ok = parse(&["a:/d".into()], &[], &["/t".into()], &["c:ro".into()], &cwd()).unwrap();
        assert_eq!(ok.mounts.len(), 2);
        assert_eq!(ok.volumes_from, [("c".to_string(), Some(true))]);
        assert_eq!(clean_destination("//a/./b/"), "/a/b");
    }

    #[test]
    fn chown_does_not_follow_symlinks() {
        if !nix::unistd::geteuid().is_root() {
            return;
        }
        use std::os::unix::fs::MetadataExt;
        let base = std::env::temp_dir().join(crate::store::atomic::unique_name("ferry-chown-"));
        let (tree, outside) = (base.join("tree"), base.join("outside"));
        std::fs::create_dir_all(tree.join("sub")).unwrap();
        std::fs::write(tree.join("sub/f"), "x").unwrap();
        std::fs::write(&outside, "host").unwrap();
        std::os::unix::fs::symlink(&outside, tree.join("link")).unwrap();
        std::os::unix::fs::symlink(&base, tree.join("dirlink")).unwrap();
        chown_tree(&tree, 12345, 23456).unwrap();
        for p in ["", "sub", "sub/f"] {
            let m = std::fs::metadata(tree.join(p)).unwrap();
            assert_eq!((m.uid(), m.gid()), (12345, 23456), "{p}");
        }
        let link = std::fs::symlink_metadata(tree.join("link")).unwrap();
        assert_eq!(link.uid(), 12345);
        assert_eq!(std::fs::metadata(&outside).unwrap().uid(), 0);
        assert_eq!(std::fs::metadata(&base).unwrap().uid(), 0);
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn copies_trees() {
        let base = std::env::temp_dir().join(crate::store::atomic::unique_name("ferry-copyup-"));
        let (src, dst) = (base.join("src"), base.join("dst"));
        std::fs::create_dir_all(src.join("sub")).unwrap();
        std::fs::create_dir_all(&dst).unwrap();
        std::fs::write(src.join("sub/f"), "hello").unwrap();
        std::os::unix::fs::symlink("/etc/passwd", src.join("link")).unwrap();
        let open = |p: &Path| std::fs::File::open(p).unwrap();
        let (s, d) = (open(&src), open(&dst));
        copy_up(s.as_fd(), d.as_fd()).unwrap();
        assert_eq!(std::fs::read_to_string(dst.join("sub/f")).unwrap(), "hello");
        assert_eq!(std::fs::read_link(dst.join("link")).unwrap(), Path::new("/etc/passwd"));
        // A non-empty destination is left alone.
        std::fs::write(src.join("new"), "x").unwrap();
        copy_up(s.as_fd(), d.as_fd()).unwrap();
        assert!(!dst.join("new").exists());
        let _ = std::fs::remove_dir_all(&base);
    }
}
