//! The host's cgroup layout, from `/proc/self/mountinfo`: cgroup v1 hierarchies (a legacy host,
//! or a hybrid one that also mounts an unused v2 hierarchy, as systemd does), or the unified v2
//! hierarchy; and ferry's own v2 cgroup from `/proc/self/cgroup`.

use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};

use super::super::rootview::unescape;

/// The v1 controllers ferry uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Controller {
    Devices,
    Pids,
}

impl Controller {
    pub const ALL: [Controller; 2] = [Controller::Devices, Controller::Pids];

    pub fn name(self) -> &'static str {
        match self {
            Controller::Devices => "devices",
            Controller::Pids => "pids",
        }
    }
}

/// Where the cgroup hierarchies are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// cgroup v1: the mount point of each controller's hierarchy (`None`: not mounted).
    V1 {
        devices: Option<PathBuf>,
        pids: Option<PathBuf>,
    },
    /// The unified hierarchy: its mount point, and the cgroup (as `/proc/self/cgroup` names
    /// it) that the mount's root directory is.
    V2 { mount: PathBuf, root: String },
    /// No cgroup file system is mounted.
    Absent,
}

impl Layout {
    /// The layout of this host, as this process sees it.
    pub fn detect() -> Layout {
        std::fs::read_to_string("/proc/self/mountinfo")
            .map(|m| Layout::parse(&m))
            .unwrap_or(Layout::Absent)
    }

    /// The layout a mountinfo text describes: v1 when a v1 hierarchy has a controller ferry
    /// uses (a hybrid host binds every controller to v1), else v2 when the unified hierarchy is
    /// mounted. Lines that do not parse are ignored.
    pub fn parse(mountinfo: &str) -> Layout {
        let (mut devices, mut pids, mut unified) = (None, None, None);
        for m in mountinfo.lines().filter_map(Mount::parse) {
            match m.fstype {
                "cgroup" => {
                    for c in Controller::ALL {
                        let slot = match c {
                            Controller::Devices => &mut devices,
                            Controller::Pids => &mut pids,
                        };
                        if slot.is_none() && m.super_options.split(',').any(|o| o == c.name()) {
                            *slot = Some(m.mount_point.clone());
                        }
                    }
                }
                "cgroup2" if unified.is_none() => unified = Some((m.mount_point, m.root)),
                _ => {}
            }
        }
        match (devices, pids, unified) {
            (None, None, Some((mount, root))) => Layout::V2 { mount, root },
            (None, None, None) => Layout::Absent,
            (devices, pids, _) => Layout::V1 { devices, pids },
        }
    }

    /// The mount point of a v1 controller's hierarchy.
    pub fn v1(&self, c: Controller) -> Option<&Path> {
        match (self, c) {
            (Layout::V1 { devices, .. }, Controller::Devices) => devices.as_deref(),
            (Layout::V1 { pids, .. }, Controller::Pids) => pids.as_deref(),
            _ => None,
        }
    }
}

/// The fields of a mountinfo line that matter here.
struct Mount<'a> {
    root: String,
    mount_point: PathBuf,
    fstype: &'a str,
    super_options: &'a str,
}

impl<'a> Mount<'a> {
    /// `ID PARENT MAJ:MIN ROOT MOUNT-POINT OPTIONS [OPTIONAL…] - FSTYPE SOURCE SUPER-OPTIONS`.
    fn parse(line: &'a str) -> Option<Mount<'a>> {
        let (before, after) = line.split_once(" - ")?;
        let mut f = before.split(' ');
        let root = String::from_utf8(unescape(f.nth(3)?)).ok()?;
        let mount_point = PathBuf::from(std::ffi::OsString::from_vec(unescape(f.next()?)));
        let mut a = after.split(' ');
        let fstype = a.next()?;
        let super_options = a.nth(1)?;
        if !root.starts_with('/') || !mount_point.has_root() {
            return None;
        }
        Some(Mount {
            root,
            mount_point,
            fstype,
            super_options,
        })
    }
}

/// The v2 cgroup of the process a `/proc/PID/cgroup` text belongs to (the `0::/path` line).
pub fn own_v2_cgroup(proc_cgroup: &str) -> Option<&str> {
    proc_cgroup
        .lines()
        .find_map(|l| l.strip_prefix("0::"))
        .filter(|p| p.starts_with('/') && !p.split('/').any(|c| c == ".." || c == "."))
}

/// The directory of cgroup `path` (as `/proc/self/cgroup` names it) under a v2 mount whose root
/// directory is cgroup `root`; `None` when the cgroup is not below that root.
pub fn v2_dir(mount: &Path, root: &str, path: &str) -> Option<PathBuf> {
    let rel = if root == "/" {
        path
    } else {
        let rest = path.strip_prefix(root)?;
        if !rest.is_empty() && !rest.starts_with('/') {
            return None;
        }
        rest
    };
    Some(mount.join(rel.trim_start_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HYBRID: &str = "\
31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
36 31 0:33 / /sys/fs/cgroup/devices rw,nosuid shared:9 - cgroup cgroup rw,devices
39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
";

    #[test]
    fn hybrid_and_legacy_hosts_are_v1() {
        assert_eq!(
            Layout::parse(HYBRID),
            Layout::V1 {
                devices: Some("/sys/fs/cgroup/devices".into()),
                pids: Some("/sys/fs/cgroup/pids".into()),
            }
        );
        // Co-mounted controllers, a space in the mount point, no pids hierarchy.
        let legacy = "1 0 0:1 / /cg/a\\040b rw - cgroup cgroup rw,cpu,devices,cpuacct\n";
        let l = Layout::parse(legacy);
        assert_eq!(l.v1(Controller::Devices), Some(Path::new("/cg/a b")));
        assert_eq!(l.v1(Controller::Pids), None);
    }

    #[test]
    fn unified_hosts_are_v2() {
        let text = "25 1 0:22 / /sys/fs/cgroup rw,nosuid shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n\
                    30 1 0:22 /user.slice /mnt/cg rw - cgroup2 cgroup2 rw\n";
        assert_eq!(
            Layout::parse(text),
            Layout::V2 {
                mount: "/sys/fs/cgroup".into(),
                root: "/".into()
            }
        );
        // A named v1 hierarchy alone (no controller) leaves the host unified.
        let named = format!("{text}40 1 0:37 / /run/cg rw - cgroup cgroup rw,name=systemd\n");
        assert!(matches!(Layout::parse(&named), Layout::V2 { .. }));
        assert_eq!(Layout::parse(""), Layout::Absent);
        assert!(Layout::v1(&Layout::parse(text), Controller::Pids).is_none());
    }

    #[test]
    fn hostile_mountinfo_is_ignored() {
        for junk in [
            "x",
            " - cgroup cgroup rw,devices",
            "1 2 3:4 / /a rw - cgroup",
            "1 2 3:4 relative /a rw - cgroup cgroup rw,devices",
            "1 2 3:4 / relative rw - cgroup cgroup rw,devices",
            "1 2 3:4 /\\377 /a rw - cgroup2 cgroup2 rw",
            "1 2 3:4 / /a rw - cgroup cgroup rw,devicesx",
            "\u{0}\u{0} - - - -",
        ] {
            assert_eq!(Layout::parse(junk), Layout::Absent, "{junk:?}");
        }
    }

    #[test]
    fn own_cgroup_and_its_directory() {
        let text = "12:pids:/user.slice\n0::/user.slice/user-1000.slice/user@1000.service/app.slice/x.scope\n";
        let own = own_v2_cgroup(text).unwrap();
        assert_eq!(
            v2_dir(Path::new("/sys/fs/cgroup"), "/", own).unwrap(),
            Path::new("/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/app.slice/x.scope")
        );
        assert_eq!(
            v2_dir(Path::new("/m"), "/user.slice", own).unwrap(),
            Path::new("/m/user-1000.slice/user@1000.service/app.slice/x.scope")
        );
        assert_eq!(
            v2_dir(Path::new("/m"), "/user.slice", "/user.slice").unwrap(),
            Path::new("/m")
        );
        assert_eq!(v2_dir(Path::new("/m"), "/user", "/user.slice/a"), None);
        assert_eq!(v2_dir(Path::new("/m"), "/other", own), None);
        for bad in ["", "0::", "0::relative", "0::/a/../b", "1:name=x:/a", "0::/./a"] {
            assert_eq!(own_v2_cgroup(bad), None, "{bad:?}");
        }
    }
}
