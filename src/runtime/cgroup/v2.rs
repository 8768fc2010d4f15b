//! cgroup v2: one directory in the unified hierarchy (as root under the mount's root, rootless in
//! the user's delegated subtree), the pids controller enabled down to it, the device rules as a
//! BPF program attached to it (root only: loading one needs privileges a user does not have).

use std::os::fd::AsFd;
use std::path::{Path, PathBuf};

use nix::unistd::{AccessFlags, access};

use super::layout::{own_v2_cgroup, v2_dir};
use super::{
    Cgroup, CgroupError, PARENT, Request, Result, Version, devices, devices_bpf, leaf_name, make_fresh, write_file,
};

/// The cgroup the `ferry` parent is made in: the mount's root as root, the user's delegated
/// cgroup rootless (`None` when there is none).
pub(super) fn base(mount: &Path, root: &str, rootless: bool) -> Option<PathBuf> {
    if rootless {
        delegated(mount, root)
    } else {
        Some(mount.to_path_buf())
    }
}

pub(super) fn create(mount: &Path, root: &str, req: &Request<'_>) -> Result<Option<Cgroup>> {
    let Some(base) = base(mount, root, req.rootless) else {
        return Ok(None);
    };
    let parent = base.join(PARENT);
    let dir = parent.join(leaf_name(req.id));
    make_fresh(&dir, &parent)?;
    let made =
        Cgroup::new(Version::V2, vec![dir.clone()]).and_then(|cg| apply(&cg, &base, &parent, &dir, req).map(|()| cg));
    match made {
        Ok(cg) => Ok(Some(cg)),
        Err(e) => {
            let _ = crate::store::containers::remove_cgroup_dirs(std::slice::from_ref(&dir));
            Err(e)
        }
    }
}

fn writable(p: &Path) -> bool {
    access(p, AccessFlags::W_OK).is_ok()
}

/// The user's delegated cgroup: the highest one at or above ferry's own (within the mount)
/// whose processes and controllers the user may change; `None` when ferry's own cgroup is not
/// the user's to change.
fn delegated(mount: &Path, root: &str) -> Option<PathBuf> {
    let text = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let own = v2_dir(mount, root, own_v2_cgroup(&text)?)?;
    highest_delegated(mount, own, writable)
}

/// The walk of [`delegated`] from ferry's own cgroup directory `own`, with `writable` telling
/// which files the user may write.
fn highest_delegated(mount: &Path, own: PathBuf, writable: impl Fn(&Path) -> bool) -> Option<PathBuf> {
    if !writable(&own.join("cgroup.procs")) {
        return None;
    }
    let mut top = own;
    while top != mount {
        let Some(up) = top.parent().filter(|u| u.starts_with(mount)) else {
            break;
        };
        if !(writable(&up.join("cgroup.procs")) && writable(&up.join("cgroup.subtree_control"))) {
            break;
        }
        top = up.to_path_buf();
    }
    Some(top)
}

/// Whether a controller's files are in `dir`, enabling it on the way from `base` first when they
/// are not (a cgroup with processes of its own, or a controller its parent lacks, refuses: the
/// controller is then not available).
fn controller_available(base: &Path, parent: &Path, dir: &Path, name: &str, file: &str) -> bool {
    if dir.join(file).exists() {
        return true;
    }
    let enable = format!("+{name}");
    for p in [base, parent] {
        let _ = write_file(&p.join("cgroup.subtree_control"), &enable);
    }
    dir.join(file).exists()
}

fn apply(cg: &Cgroup, base: &Path, parent: &Path, dir: &Path, req: &Request<'_>) -> Result<()> {
    let Some(resources) = req.resources else {
        return Ok(());
    };
    // The default limit is dropped where the pids controller is not available, as Podman does
    // (a user's delegated subtree without it, a kernel without it).
    if let Some(p) = resources.pids()
        && controller_available(base, parent, dir, "pids", "pids.max")
    {
        let value = if p.limit() > 0 {
            p.limit().to_string()
        } else {
            "max".to_string()
        };
        write_file(&dir.join("pids.max"), &value)?;
    }
    if !req.rootless {
        let rules = devices::normalize_all(resources.devices().as_deref().unwrap_or_default())?;
        if let (Some(prog), Some(fd)) = (devices_bpf::compile(&rules), cg.dir_fd.as_ref()) {
            let loaded = devices_bpf::load(&prog).map_err(|e| CgroupError::BpfLoad {
                path: dir.to_path_buf(),
                errno: e.errno,
                log: e.log,
            })?;
            devices_bpf::attach(loaded.as_fd(), fd.as_fd()).map_err(|errno| CgroupError::BpfAttach {
                path: dir.to_path_buf(),
                errno,
            })?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delegated_subtree_is_the_highest_one_the_user_may_manage() {
        let mount = Path::new("/sys/fs/cgroup");
        let user = mount.join("user.slice/user-1000.slice/user@1000.service");
        let own = user.join("app.slice/run-1.scope");
        // systemd chowns user@1000.service and everything below to the user.
        let delegated = |p: &Path| p.starts_with(&user);
        assert_eq!(highest_delegated(mount, own.clone(), delegated), Some(user.clone()));
        // A login session's scope (root's) is not the user's.
        let session = mount.join("user.slice/user-1000.slice/session-3.scope");
        assert_eq!(highest_delegated(mount, session, delegated), None);
        // Only the own cgroup's processes: that one, however deep.
        let procs_only = |p: &Path| p == own.join("cgroup.procs");
        assert_eq!(highest_delegated(mount, own.clone(), procs_only), Some(own.clone()));
        // A whole hierarchy delegated (a container's own cgroup namespace): never above the mount.
        assert_eq!(highest_delegated(mount, own, |_| true), Some(mount.to_path_buf()));
        assert_eq!(
            highest_delegated(mount, mount.to_path_buf(), |_| true),
            Some(mount.to_path_buf())
        );
    }
}
