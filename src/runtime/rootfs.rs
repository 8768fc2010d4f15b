//! The container's root filesystem: the overlay over the image's layers, the spec's mounts,
//! default devices, masked and read-only paths, pivot_root (all run in the container's init,
//! inside its mount namespace); and, for the parent, reading `/etc/passwd` and `/etc/group`
//! through the layers to resolve `-u user:group` before the container starts.

use std::ffi::OsStr;
use std::io::Read;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};

use nix::errno::Errno;
use nix::fcntl::{OFlag, OpenHow, ResolveFlag, openat, openat2};
use nix::mount::{MntFlags, MsFlags, mount, umount2};
use nix::sys::stat::{Mode, SFlag, mkdirat};
use oci_spec::runtime::{Mount, Spec};

use super::spec::ResolvedUser;
use crate::sys::{rootpath, xattr};

/// A failed step in the container's init: what it was doing and the errno.
#[derive(Debug)]
pub struct SetupError {
    pub what: String,
    pub errno: Errno,
}

impl SetupError {
    pub fn new(what: impl Into<String>, errno: Errno) -> SetupError {
        SetupError {
            what: what.into(),
            errno,
        }
    }
}

type SetupResult<T> = Result<T, SetupError>;

/// Where the overlay's directories are.
#[derive(Debug, Clone)]
pub struct OverlayLayout {
    /// `<root>/overlay`: the lower dirs are given relative to it to keep the options short.
    pub layers_dir: PathBuf,
    /// `l/<link>` names, top layer first.
    pub lowers: Vec<String>,
    pub upper: PathBuf,
    pub work: PathBuf,
    /// Rootless: overlay keeps its whiteouts and opaque markers in `user.` xattrs.
    pub userxattr: bool,
    /// Mount it `nodev`: device nodes in the image (or made in the container) cannot be opened,
    /// whatever the device rules say. Everything but `--privileged` (as Podman).
    pub nodev: bool,
}

impl OverlayLayout {
    /// The overlay mount options; the lower dirs are relative to `layers_dir`.
    pub fn options(&self) -> String {
        let mut o = format!(
            "lowerdir={},upperdir={},workdir={}",
            self.lowers.join(":"),
            self.upper.display(),
            self.work.display()
        );
        if self.userxattr {
            o.push_str(",userxattr");
        }
        o
    }
}

fn fd_path(fd: BorrowedFd<'_>) -> PathBuf {
    PathBuf::from(format!("/proc/self/fd/{}", fd.as_raw_fd()))
}

fn in_root_how(flags: OFlag) -> OpenHow {
    OpenHow::new()
        .flags(flags | OFlag::O_CLOEXEC)
        .resolve(ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Dir,
    File,
}

/// Opens `path` (absolute in the container) as an O_PATH fd, resolving symlinks as if `root`
/// were `/`, so nothing in the image can point us at host files. With `create`, missing
/// components are made (directories, and the last one as `create` says).
fn open_in_root(root: BorrowedFd<'_>, path: &str, create: Option<Kind>) -> SetupResult<Option<OwnedFd>> {
    let rel = rootpath::clean(path.as_bytes())
        .map_err(|_| SetupError::new(format!("invalid path {path:?}"), Errno::EINVAL))?;
    let target: &Path = if rel.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &rel
    };
    match openat2(root, target, in_root_how(OFlag::O_PATH)) {
        Ok(fd) => return Ok(Some(fd)),
        Err(Errno::ENOENT) if create.is_some() => {}
        Err(Errno::ENOENT) => return Ok(None),
        Err(e) => return Err(SetupError::new(format!("opening {path} in the container"), e)),
    }
    let comps: Vec<&OsStr> = rel.iter().collect();
    let mut parent = openat2(root, Path::new("."), in_root_how(OFlag::O_PATH | OFlag::O_DIRECTORY))
        .map_err(|e| SetupError::new("opening the container root", e))?;
    for (i, name) in comps.iter().enumerate() {
        let prefix: PathBuf = comps[..=i].iter().collect();
        let last = i + 1 == comps.len();
        match openat2(root, prefix.as_path(), in_root_how(OFlag::O_PATH)) {
            Ok(fd) => {
                parent = fd;
                continue;
            }
            Err(Errno::ENOENT) => {}
            Err(e) => {
                return Err(SetupError::new(
                    format!("opening /{} in the container", prefix.display()),
                    e,
                ));
            }
        }
        let err = |e| SetupError::new(format!("creating /{} in the container", prefix.display()), e);
        if last && create == Some(Kind::File) {
            let f = openat(
                parent.as_fd(),
                *name,
                OFlag::O_CREAT | OFlag::O_WRONLY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
                Mode::from_bits_truncate(0o644),
            )
            .map_err(err)?;
            drop(f);
        } else {
            match mkdirat(parent.as_fd(), *name, Mode::from_bits_truncate(0o755)) {
                Ok(()) | Err(Errno::EEXIST) => {}
                Err(e) => return Err(err(e)),
            }
        }
        parent = openat2(root, prefix.as_path(), in_root_how(OFlag::O_PATH)).map_err(err)?;
    }
    Ok(Some(parent))
}

/// Opens the mount just made on `dest` again by its path, refusing anything but what was
/// mounted (`is_it` on its status): a symlink on the way that was swapped meanwhile (another
/// container can change a shared volume) is an error, and the mount's options never land on
/// something else.
fn reopen_mounted(
    root: BorrowedFd<'_>,
    dest: &str,
    is_it: impl Fn(&nix::sys::stat::FileStat) -> bool,
) -> SetupResult<OwnedFd> {
    let changed = || SetupError::new(format!("{dest} changed while it was being mounted"), Errno::ESTALE);
    let fd = open_in_root(root, dest, None)?.ok_or_else(changed)?;
    let st = nix::sys::stat::fstat(fd.as_fd()).map_err(|e| SetupError::new(format!("stat {dest}"), e))?;
    if !is_it(&st) {
        return Err(changed());
    }
    Ok(fd)
}

fn mount_err(what: &str, dest: &Path) -> impl Fn(Errno) -> SetupError {
    let msg = format!("mounting {what} on {}", dest.display());
    move |e| SetupError::new(msg.clone(), e)
}

/// Makes the mount at `fd` (and, with `recursive`, the mounts below it) read-only. Unlike a
/// remount, mount_setattr keeps the flags a user namespace is not allowed to clear.
fn make_readonly(fd: BorrowedFd<'_>, recursive: bool, what: &str) -> SetupResult<()> {
    super::mounts::set_attributes(fd, MsFlags::MS_RDONLY, &[], recursive)
        .map_err(|e| SetupError::new(format!("making {what} read-only"), e))
}

/// Splits OCI mount options into mount flags, data, and whether the mount is a (recursive) bind.
fn parse_options(options: &[String]) -> (MsFlags, Vec<String>, bool, bool) {
    let mut flags = MsFlags::empty();
    let mut data = Vec::new();
    let (mut bind, mut rbind) = (false, false);
    for o in options {
        match o.as_str() {
            "ro" => flags |= MsFlags::MS_RDONLY,
            "rw" | "rprivate" | "private" | "defaults" => {}
            // Applied after the mount (see `super::mounts`): propagation, ferry's copy-up markers,
            // and the flags that only say "do not add no…".
            "shared" | "rshared" | "slave" | "rslave" | "unbindable" | "runbindable" | "exec" | "suid" | "dev"
            | "copy" | "tmpcopyup" => {}
            "nosuid" => flags |= MsFlags::MS_NOSUID,
            "nodev" => flags |= MsFlags::MS_NODEV,
            "noexec" => flags |= MsFlags::MS_NOEXEC,
            "strictatime" => flags |= MsFlags::MS_STRICTATIME,
            "relatime" => flags |= MsFlags::MS_RELATIME,
            "noatime" => flags |= MsFlags::MS_NOATIME,
            "bind" => bind = true,
            "rbind" => rbind = true,
            other => data.push(other.to_string()),
        }
    }
    (flags, data, bind || rbind, rbind)
}

fn do_mount(root: BorrowedFd<'_>, m: &Mount) -> SetupResult<()> {
    let dest = m.destination();
    let dest_s = dest.to_string_lossy();
    let options = m.options().as_deref().unwrap_or_default();
    let (flags, data, bind, rbind) = parse_options(options);
    let typ = m.typ().as_deref().unwrap_or("none");
    let source = m.source().clone().unwrap_or_else(|| PathBuf::from(typ));
    let bind = bind || typ == "bind";
    let kind = if bind && !source.is_dir() {
        Kind::File
    } else {
        Kind::Dir
    };
    let target = open_in_root(root, &dest_s, Some(kind))?.expect("created");
    let tpath = fd_path(target.as_fd());
    if bind {
        let mut bflags = MsFlags::MS_BIND;
        if rbind {
            bflags |= MsFlags::MS_REC;
        }
        if super::mounts::wants_copy(options) && kind == Kind::Dir {
            let volume = std::fs::File::open(&source).map_err(|e| {
                SetupError::new(
                    format!("opening {}", source.display()),
                    Errno::from_raw(e.raw_os_error().unwrap_or(libc::EIO)),
                )
            })?;
            super::mounts::copy_up(target.as_fd(), volume.as_fd())
                .map_err(|e| SetupError::new(format!("copying the image's {dest_s} into its volume"), e))?;
        }
        mount(Some(&source), &tpath, None::<&str>, bflags, None::<&str>)
            .map_err(mount_err(&source.display().to_string(), dest))?;
        let src =
            nix::sys::stat::stat(&source).map_err(|e| SetupError::new(format!("stat {}", source.display()), e))?;
        let mounted = reopen_mounted(root, &dest_s, |st| (st.st_dev, st.st_ino) == (src.st_dev, src.st_ino))?;
        super::mounts::set_attributes(mounted.as_fd(), flags, options, rbind)
            .map_err(|e| SetupError::new(format!("setting the mount options of {dest_s}"), e))?;
        return Ok(());
    }
    let attempt = |data: &[String]| {
        let joined = data.join(",");
        mount(
            Some(&source),
            &tpath,
            Some(typ),
            flags,
            (!joined.is_empty()).then_some(joined.as_str()),
        )
    };
    let mounted = match attempt(&data) {
        Ok(()) => Ok(()),
        // Without subordinate groups, gid 5 (tty) is not mapped and devpts refuses it.
        Err(Errno::EINVAL) if typ == "devpts" && data.iter().any(|d| d.starts_with("gid=")) => {
            let fewer: Vec<String> = data.into_iter().filter(|d| !d.starts_with("gid=")).collect();
            attempt(&fewer).map_err(mount_err(typ, dest))
        }
        Err(e) => Err(mount_err(typ, dest)(e)),
    };
    mounted?;
    if super::mounts::wants_copy(options) {
        // `target` still opens the image's directory under the new mount.
        let below = nix::sys::stat::fstat(target.as_fd()).map_err(|e| SetupError::new(format!("stat {dest_s}"), e))?;
        let fresh = reopen_mounted(root, &dest_s, |st| st.st_dev != below.st_dev)?;
        super::mounts::copy_up(target.as_fd(), fresh.as_fd())
            .map_err(|e| SetupError::new(format!("copying the image's {dest_s} into the {typ}"), e))?;
    }
    Ok(())
}

/// The devices every container gets, bind-mounted from the host (mknod is not allowed in a
/// user namespace, and a bind works the same as root).
const DEVICES: &[&str] = &["null", "zero", "full", "random", "urandom", "tty"];

fn populate_dev(root: BorrowedFd<'_>) -> SetupResult<()> {
    for d in DEVICES {
        let dest = format!("/dev/{d}");
        let target = open_in_root(root, &dest, Some(Kind::File))?.expect("created");
        mount(
            Some(Path::new(&dest)),
            &fd_path(target.as_fd()),
            None::<&str>,
            MsFlags::MS_BIND,
            None::<&str>,
        )
        .map_err(mount_err(&dest, Path::new(&dest)))?;
    }
    let dev = open_in_root(root, "/dev", None)?
        .ok_or_else(|| SetupError::new("opening /dev in the container", Errno::ENOENT))?;
    let dev = openat(
        dev.as_fd(),
        ".",
        OFlag::O_DIRECTORY | OFlag::O_RDONLY | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| SetupError::new("opening /dev in the container", e))?;
    for (link, target) in [
        ("ptmx", "pts/ptmx"),
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
        ("core", "/proc/kcore"),
    ] {
        match nix::unistd::symlinkat(target, dev.as_fd(), link) {
            Ok(()) | Err(Errno::EEXIST) => {}
            Err(e) => return Err(SetupError::new(format!("creating /dev/{link}"), e)),
        }
    }
    Ok(())
}

fn mask_paths(root: BorrowedFd<'_>, masked: &[String], readonly: &[String]) -> SetupResult<()> {
    for p in masked {
        let Some(fd) = open_in_root(root, p, None)? else {
            continue;
        };
        let tpath = fd_path(fd.as_fd());
        let st = nix::sys::stat::fstat(fd.as_fd()).map_err(|e| SetupError::new(format!("stat {p}"), e))?;
        let res = if rootpath::file_type(&st) == SFlag::S_IFDIR {
            mount(
                Some("tmpfs"),
                &tpath,
                Some("tmpfs"),
                MsFlags::MS_RDONLY | MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC,
                Some("size=0"),
            )
        } else {
            mount(Some("/dev/null"), &tpath, None::<&str>, MsFlags::MS_BIND, None::<&str>)
        };
        res.map_err(mount_err("a mask", Path::new(p)))?;
    }
    for p in readonly {
        let Some(fd) = open_in_root(root, p, None)? else {
            continue;
        };
        let tpath = fd_path(fd.as_fd());
        mount(
            Some(&tpath),
            &tpath,
            None::<&str>,
            MsFlags::MS_BIND | MsFlags::MS_REC,
            None::<&str>,
        )
        .map_err(mount_err(p, Path::new(p)))?;
        let st = nix::sys::stat::fstat(fd.as_fd()).map_err(|e| SetupError::new(format!("stat {p}"), e))?;
        let again = reopen_mounted(root, p, |s| (s.st_dev, s.st_ino) == (st.st_dev, st.st_ino))?;
        make_readonly(again.as_fd(), true, p)?;
    }
    Ok(())
}

/// The file under /proc/sys of a sysctl name: dots separate its parts, a slash stands for a dot
/// in a part (as runc reads them).
fn sysctl_path(name: &str) -> PathBuf {
    PathBuf::from(
        name.chars()
            .map(|c| match c {
                '.' => '/',
                '/' => '.',
                c => c,
            })
            .collect::<String>(),
    )
}

/// Writes each sysctl to the container's own /proc/sys (its proc mount, never a file another
/// mount or a symlink leads to).
fn write_sysctls(root: BorrowedFd<'_>, sysctls: &std::collections::HashMap<String, String>) -> SetupResult<()> {
    let proc_sys = open_in_root(root, "/proc/sys", None)?
        .ok_or_else(|| SetupError::new("opening /proc/sys in the container", Errno::ENOENT))?;
    for (name, value) in sysctls {
        let what = |e| SetupError::new(format!("setting the sysctl {name}={value}"), e);
        let how = OpenHow::new()
            .flags(OFlag::O_WRONLY | OFlag::O_TRUNC | OFlag::O_CLOEXEC)
            .resolve(ResolveFlag::RESOLVE_BENEATH | ResolveFlag::RESOLVE_NO_XDEV | ResolveFlag::RESOLVE_NO_SYMLINKS);
        let fd = openat2(proc_sys.as_fd(), &sysctl_path(name), how).map_err(what)?;
        nix::unistd::write(&fd, value.as_bytes()).map_err(what)?;
    }
    Ok(())
}

/// Builds the container's root at the spec's root path and pivots into it. Runs in the
/// container's init, in its own mount namespace.
pub fn setup(spec: &Spec, overlay: &OverlayLayout, cwd: &str) -> SetupResult<()> {
    mount(
        None::<&str>,
        "/",
        None::<&str>,
        MsFlags::MS_REC | MsFlags::MS_PRIVATE,
        None::<&str>,
    )
    .map_err(|e| SetupError::new("making mounts private", e))?;
    let rootfs = super::spec::root_path(spec);
    nix::unistd::chdir(&overlay.layers_dir)
        .map_err(|e| SetupError::new(format!("chdir {}", overlay.layers_dir.display()), e))?;
    let flags = if overlay.nodev {
        MsFlags::MS_NODEV
    } else {
        MsFlags::empty()
    };
    mount(
        Some("overlay"),
        rootfs,
        Some("overlay"),
        flags,
        Some(overlay.options().as_str()),
    )
    .map_err(|e| SetupError::new(format!("mounting the overlay on {}", rootfs.display()), e))?;
    let root = openat(
        nix::fcntl::AT_FDCWD,
        rootfs,
        OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| SetupError::new("opening the root filesystem", e))?;
    let root = root.as_fd();
    for m in spec.mounts().as_deref().unwrap_or_default() {
        do_mount(root, m)?;
        if m.destination() == Path::new("/dev") {
            populate_dev(root)?;
        }
    }
    if open_in_root(root, cwd, None)?.is_none() {
        // As Podman: a working directory the image lacks is created for the container's user.
        let dir = open_in_root(root, cwd, Some(Kind::Dir))?.expect("created");
        if let Some(p) = spec.process() {
            let (uid, gid) = (p.user().uid(), p.user().gid());
            nix::unistd::chown(&fd_path(dir.as_fd()), Some(uid.into()), Some(gid.into()))
                .map_err(|e| SetupError::new(format!("chown {cwd}"), e))?;
        }
    }
    if let Some(linux) = spec.linux() {
        // Before /proc/sys becomes read-only, in the namespaces the init already is in.
        if let Some(sysctls) = linux.sysctl().as_ref().filter(|s| !s.is_empty()) {
            write_sysctls(root, sysctls)?;
        }
        mask_paths(
            root,
            linux.masked_paths().as_deref().unwrap_or_default(),
            linux.readonly_paths().as_deref().unwrap_or_default(),
        )?;
    }
    if spec.root().as_ref().is_some_and(|r| r.readonly() == Some(true)) {
        make_readonly(root, false, "the root filesystem")?;
    }
    nix::unistd::fchdir(root).map_err(|e| SetupError::new("chdir to the root filesystem", e))?;
    nix::unistd::pivot_root(".", ".").map_err(|e| SetupError::new("pivot_root", e))?;
    umount2(".", MntFlags::MNT_DETACH).map_err(|e| SetupError::new("detaching the old root", e))?;
    nix::unistd::chdir("/").map_err(|e| SetupError::new("chdir /", e))?;
    Ok(())
}

/// Why `-u user[:group]` could not be resolved.
#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("unable to find user {0}: no matching entries in passwd file")]
    NoUser(String),
    #[error("unable to find group {0}: no matching entries in group file")]
    NoGroup(String),
    #[error("reading /etc/{file} of the image: {source}")]
    Read { file: &'static str, source: std::io::Error },
}

const OPAQUE_XATTRS: [&str; 2] = ["trusted.overlay.opaque", "user.overlay.opaque"];

fn is_opaque(dir: BorrowedFd<'_>) -> bool {
    // `/proc/self/fd/N` is a magic link to `dir`: followed, it reaches exactly that directory
    // (not followed, the attributes asked for are the link's own, which has none).
    let p = rootpath::fd_path(dir, OsStr::new("."));
    OPAQUE_XATTRS
        .iter()
        .any(|name| matches!(xattr::get(&p, name, true), Ok(Some(v)) if v == b"y"))
}

/// Reads `/etc/<name>` as the merged root would show it, from the layer directories (top
/// first): a whiteout or an opaque `/etc` hides the layers below. Symlinks are not followed.
fn read_etc(layers: &[PathBuf], name: &'static str) -> Result<Option<Vec<u8>>, UserError> {
    let read_err = |source| UserError::Read { file: name, source };
    for layer in layers {
        let Ok(root) = rootpath::Root::open(layer) else {
            continue;
        };
        let etc_st = rootpath::lstat_at(root.as_fd(), OsStr::new("etc")).map_err(read_err)?;
        match etc_st {
            None => continue,
            Some(st) if rootpath::file_type(&st) != SFlag::S_IFDIR => return Ok(None),
            Some(_) => {}
        }
        let etc = match root.open_dir(Path::new("etc")) {
            Ok(fd) => fd,
            Err(_) => return Ok(None),
        };
        match rootpath::lstat_at(etc.as_fd(), OsStr::new(name)).map_err(read_err)? {
            Some(st) if rootpath::file_type(&st) == SFlag::S_IFREG => {
                let fd = openat(
                    etc.as_fd(),
                    name,
                    OFlag::O_RDONLY | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC,
                    Mode::empty(),
                )
                .map_err(|e| read_err(e.into()))?;
                let mut data = Vec::new();
                std::fs::File::from(fd).read_to_end(&mut data).map_err(read_err)?;
                return Ok(Some(data));
            }
            // A whiteout, a symlink or anything else: nothing readable below.
            Some(_) => return Ok(None),
            None if is_opaque(etc.as_fd()) => return Ok(None),
            None => continue,
        }
    }
    Ok(None)
}

/// `name:x:uid:gid:...` lines of passwd, and `name:x:gid:members` lines of group.
fn entries(data: &[u8]) -> impl Iterator<Item = Vec<&str>> {
    std::str::from_utf8(data)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split(':').collect::<Vec<_>>())
}

/// Resolves `user[:group]` (names or numbers) the way the container would: through its
/// `/etc/passwd` and `/etc/group`, read from the image's `layers` (top first).
pub fn resolve_user(layers: &[PathBuf], spec: &str) -> Result<ResolvedUser, UserError> {
    let (user, group) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let user = if user.is_empty() { "0" } else { user };
    let passwd = read_etc(layers, "passwd")?.unwrap_or_default();
    let groups = read_etc(layers, "group")?.unwrap_or_default();
    let numeric = user.parse::<u32>().ok();
    let pw = entries(&passwd)
        .find(|e| e.len() >= 4 && (e[0] == user || (numeric.is_some() && e[2].parse::<u32>().ok() == numeric)));
    let home = pw.as_ref().and_then(|e| e.get(5)).map(|h| h.to_string());
    let (uid, mut gid, name) = match (numeric, &pw) {
        (Some(n), Some(e)) => (n, e[3].parse().unwrap_or(0), Some(e[0].to_string())),
        (Some(n), None) => (n, 0, None),
        (None, Some(e)) => match e[2].parse() {
            Ok(u) => (u, e[3].parse().unwrap_or(0), Some(e[0].to_string())),
            Err(_) => return Err(UserError::NoUser(user.to_string())),
        },
        (None, None) => return Err(UserError::NoUser(user.to_string())),
    };
    if let Some(g) = group.filter(|g| !g.is_empty()) {
        gid = match g.parse::<u32>() {
            Ok(n) => n,
            Err(_) => entries(&groups)
                .find(|e| e.len() >= 3 && e[0] == g)
                .and_then(|e| e[2].parse().ok())
                .ok_or_else(|| UserError::NoGroup(g.to_string()))?,
        };
    }
    let mut additional_gids = Vec::new();
    if let Some(n) = &name {
        for e in entries(&groups) {
            if e.len() >= 4
                && e[3].split(',').any(|m| m == n)
                && let Ok(g) = e[2].parse::<u32>()
                && g != gid
                && !additional_gids.contains(&g)
            {
                additional_gids.push(g);
            }
        }
    }
    Ok(ResolvedUser {
        uid,
        gid,
        additional_gids,
        name: Some(spec.to_string()),
        home,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Tmp(PathBuf);
    impl Drop for Tmp {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn layer(base: &Path, n: &str, files: &[(&str, &str)]) -> PathBuf {
        let d = base.join(n);
        std::fs::create_dir_all(d.join("etc")).unwrap();
        for (f, c) in files {
            std::fs::write(d.join("etc").join(f), c).unwrap();
        }
        d
    }

    #[test]
    fn resolves_names_through_layers() {
        let t = Tmp(std::env::temp_dir().join(crate::store::atomic::unique_name("ferry-user-")));
        let low = layer(
            &t.0,
            "low",
            &[
                ("passwd", "root:x:0:0::/root:/bin/sh\nwww:x:33:33::/var/www:/bin/sh\n"),
                ("group", "root:x:0:\nwww:x:33:\nadm:x:4:www,other\ndisk:x:6:www\n"),
            ],
        );
        let top = layer(
            &t.0,
            "top",
            &[("passwd", "root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/:/bin/sh\n")],
        );
        let layers = vec![top.clone(), low.clone()];
        let u = resolve_user(&layers, "app").unwrap();
        assert_eq!((u.uid, u.gid), (1000, 1000));
        assert!(
            resolve_user(&layers, "www").is_err(),
            "the top passwd hides the lower one"
        );
        // An opaque /etc (as overlayfs marks a directory replaced in an upper layer) hides the
        // lower layers' files even where it has none of its own.
        let opaque = layer(&t.0, "opaque", &[]);
        crate::sys::xattr::set(&opaque.join("etc"), "user.overlay.opaque", b"y", false).unwrap();
        assert!(
            resolve_user(&[opaque.clone(), low.clone()], "www").is_err(),
            "an opaque /etc hides the lower passwd"
        );
        assert_eq!(resolve_user(&[opaque, low.clone()], "0:0").unwrap().uid, 0);
        let u = resolve_user(std::slice::from_ref(&low), "www:adm").unwrap();
        assert_eq!((u.uid, u.gid, u.additional_gids.clone()), (33, 4, vec![6]));
        let u = resolve_user(std::slice::from_ref(&low), "33").unwrap();
        assert_eq!((u.uid, u.gid), (33, 33));
        let u = resolve_user(std::slice::from_ref(&low), "4242:7").unwrap();
        assert_eq!((u.uid, u.gid), (4242, 7));
        assert!(resolve_user(std::slice::from_ref(&low), "www:nogroup").is_err());
        for bad in ["nobody", "x:y:z", "-1", "\0", "../etc"] {
            assert!(resolve_user(std::slice::from_ref(&low), bad).is_err(), "{bad:?}");
        }
        // A symlinked passwd is not followed to the host.
        let evil = t.0.join("evil");
        std::fs::create_dir_all(evil.join("etc")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", evil.join("etc/passwd")).unwrap();
        assert!(resolve_user(std::slice::from_ref(&evil), "root").is_err());
        assert_eq!(resolve_user(&[evil], "0").unwrap().uid, 0);
        assert!(resolve_user(&[t.0.join("evil")], "daemon").is_err());
    }

    #[test]
    fn sysctl_names_become_paths_under_proc_sys() {
        assert_eq!(
            sysctl_path("net.ipv4.ping_group_range"),
            Path::new("net/ipv4/ping_group_range")
        );
        assert_eq!(
            sysctl_path("net.ipv4.conf.eth0/1.forwarding"),
            Path::new("net/ipv4/conf/eth0.1/forwarding")
        );
    }

    #[test]
    fn mount_options() {
        let o: Vec<String> = ["nosuid", "ro", "mode=755", "rbind"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let (f, d, bind, rbind) = parse_options(&o);
        assert!(f.contains(MsFlags::MS_NOSUID | MsFlags::MS_RDONLY));
        assert_eq!(d, ["mode=755"]);
        assert!(bind && rbind);
    }
}
