//! User mounts: the typed list `-v`, `--mount`, `--tmpfs` and `--volumes-from` give (parsed by
//! `crate::spec::mounts`) to the mount records a container keeps and the OCI mounts of its
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
use crate::store::volumes::{MountKind, MountRecord, NewVolume, VolumeError};

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

/// `/a//b/./c/../` → `/a/b`, to compare destinations.
pub(crate) fn clean_destination(d: &str) -> String {
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
pub(crate) fn options(m: &MountRequest) -> Vec<String> {
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

    #[test]
    fn image_mount_records() {
        let img = MountRequest {
            source: Source::Image("busybox".into()),
            destination: "/img".into(),
            flags: Flags {
                readonly: true,
                ..Flags::default()
            },
        };
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
