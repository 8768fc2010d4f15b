//! Device access rules: the default allow-list every container gets (runc's, which is what
//! Podman's containers get), the OCI form they are stored in (`linux.resources.devices` of the
//! runtime spec), and their normalized form for the v1 `devices` controller and the v2 BPF filter.
//!
//! Rules apply in order, the last one that matches deciding, starting from "everything allowed"
//! (what a new cgroup inherits): an allow rule matches an access whose every kind (read, write,
//! mknod) it lists, a deny rule one it shares a kind with — the v1 controller's semantics.

use oci_spec::runtime::{LinuxDeviceCgroup, LinuxDeviceType};

use super::CgroupError;

/// Access kinds, as the kernel's BPF device context encodes them (BPF_DEVCG_ACC_*).
pub const MKNOD: u8 = 1;
pub const READ: u8 = 2;
pub const WRITE: u8 = 4;
pub const ALL_ACCESS: u8 = MKNOD | READ | WRITE;

/// Device kinds, as the BPF device context encodes them (BPF_DEVCG_DEV_*).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    All,
    Block = 1,
    Char = 2,
}

/// One rule, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub allow: bool,
    pub kind: Kind,
    /// `None`: any.
    pub major: Option<u32>,
    pub minor: Option<u32>,
    pub access: u8,
}

/// runc's default device list (what `devices.list` of a Podman container shows): mknod of any
/// node, and read/write of /dev/null, zero, full, random, urandom, tty, ptmx, the pty slaves
/// (/dev/pts/*) and /dev/net/tun. Nothing else: not the image's device nodes, not kmsg, kvm,
/// fuse, loop or disks.
const DEFAULT_ALLOWED: [(LinuxDeviceType, Option<i64>, Option<i64>, &str); 11] = [
    (LinuxDeviceType::C, None, None, "m"),
    (LinuxDeviceType::B, None, None, "m"),
    (LinuxDeviceType::C, Some(1), Some(3), "rwm"),
    (LinuxDeviceType::C, Some(1), Some(5), "rwm"),
    (LinuxDeviceType::C, Some(1), Some(7), "rwm"),
    (LinuxDeviceType::C, Some(1), Some(8), "rwm"),
    (LinuxDeviceType::C, Some(1), Some(9), "rwm"),
    (LinuxDeviceType::C, Some(5), Some(0), "rwm"),
    (LinuxDeviceType::C, Some(5), Some(2), "rwm"),
    (LinuxDeviceType::C, Some(10), Some(200), "rwm"),
    (LinuxDeviceType::C, Some(136), None, "rwm"),
];

fn oci_rule(
    allow: bool,
    typ: LinuxDeviceType,
    major: Option<i64>,
    minor: Option<i64>,
    access: &str,
) -> LinuxDeviceCgroup {
    let mut r = LinuxDeviceCgroup::default();
    r.set_allow(allow);
    r.set_typ(Some(typ));
    r.set_major(major);
    r.set_minor(minor);
    r.set_access(Some(access.to_string()));
    r
}

/// The rules of a container: everything for `--privileged` (as Podman), else every device denied
/// and then the default list allowed.
pub fn container_rules(privileged: bool) -> Vec<LinuxDeviceCgroup> {
    if privileged {
        return vec![oci_rule(true, LinuxDeviceType::A, None, None, "rwm")];
    }
    let mut rules = vec![oci_rule(false, LinuxDeviceType::A, None, None, "rwm")];
    rules.extend(
        DEFAULT_ALLOWED
            .iter()
            .map(|&(t, major, minor, access)| oci_rule(true, t, major, minor, access)),
    );
    rules
}

fn number(rule: &LinuxDeviceCgroup, v: Option<i64>) -> Result<Option<u32>, CgroupError> {
    match v {
        None | Some(-1) => Ok(None),
        // The BPF filter compares 32-bit immediates; real majors have 12 bits, minors 20.
        Some(n) if (0..=i64::from(i32::MAX)).contains(&n) => Ok(Some(n as u32)),
        Some(n) => Err(CgroupError::DeviceRule {
            rule: rule.to_string(),
            reason: format!("device number {n} is out of range"),
        }),
    }
}

/// Checks and normalizes an OCI rule; `None` for a rule the device controller does not apply to
/// (a FIFO).
pub fn normalize(rule: &LinuxDeviceCgroup) -> Result<Option<Rule>, CgroupError> {
    let bad = |reason: &str| CgroupError::DeviceRule {
        rule: rule.to_string(),
        reason: reason.to_string(),
    };
    let kind = match rule.typ().unwrap_or(LinuxDeviceType::A) {
        LinuxDeviceType::A => Kind::All,
        LinuxDeviceType::B => Kind::Block,
        LinuxDeviceType::C | LinuxDeviceType::U => Kind::Char,
        LinuxDeviceType::P => return Ok(None),
    };
    let mut access = 0;
    for c in rule.access().as_deref().unwrap_or("").chars() {
        access |= match c {
            'r' => READ,
            'w' => WRITE,
            'm' => MKNOD,
            _ => return Err(bad("access must be made of r, w and m")),
        };
    }
    if access == 0 {
        access = ALL_ACCESS;
    }
    let (major, minor) = (number(rule, rule.major())?, number(rule, rule.minor())?);
    // "a" means every device, whatever else the rule says (as the v1 controller reads it).
    if kind == Kind::All {
        return Ok(Some(Rule {
            allow: rule.allow(),
            kind,
            major: None,
            minor: None,
            access: ALL_ACCESS,
        }));
    }
    Ok(Some(Rule {
        allow: rule.allow(),
        kind,
        major,
        minor,
        access,
    }))
}

/// Normalizes a list of rules.
pub fn normalize_all(rules: &[LinuxDeviceCgroup]) -> Result<Vec<Rule>, CgroupError> {
    Ok(rules
        .iter()
        .map(normalize)
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .collect())
}

impl Rule {
    /// The rule as the v1 controller's `devices.allow` / `devices.deny` take it.
    pub fn v1_text(&self) -> String {
        let kind = match self.kind {
            Kind::All => return "a".into(),
            Kind::Block => 'b',
            Kind::Char => 'c',
        };
        let num = |n: Option<u32>| n.map_or_else(|| "*".to_string(), |n| n.to_string());
        let mut access = String::new();
        for (bit, c) in [(READ, 'r'), (WRITE, 'w'), (MKNOD, 'm')] {
            if self.access & bit != 0 {
                access.push(c);
            }
        }
        format!("{kind} {}:{} {access}", num(self.major), num(self.minor))
    }

    /// Whether the rule applies to an access of kinds `access` to a device.
    pub fn matches(&self, kind: Kind, major: u32, minor: u32, access: u8) -> bool {
        (self.kind == Kind::All || self.kind == kind)
            && self.major.is_none_or(|m| m == major)
            && self.minor.is_none_or(|m| m == minor)
            && if self.allow {
                access & !self.access == 0
            } else {
                access & self.access != 0
            }
    }
}

/// Whether `rules` let a process access a device: the last matching rule decides; none
/// matching allows (a new cgroup inherits its parent's "everything").
pub fn permits(rules: &[Rule], kind: Kind, major: u32, minor: u32, access: u8) -> bool {
    rules
        .iter()
        .rev()
        .find(|r| r.matches(kind, major, minor, access))
        .is_none_or(|r| r.allow)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rules: &[Rule]) -> Vec<String> {
        rules.iter().map(Rule::v1_text).collect()
    }

    #[test]
    fn default_list_is_runcs() {
        let rules = normalize_all(&container_rules(false)).unwrap();
        assert_eq!(
            texts(&rules),
            [
                "a",
                "c *:* m",
                "b *:* m",
                "c 1:3 rwm",
                "c 1:5 rwm",
                "c 1:7 rwm",
                "c 1:8 rwm",
                "c 1:9 rwm",
                "c 5:0 rwm",
                "c 5:2 rwm",
                "c 10:200 rwm",
                "c 136:* rwm"
            ]
        );
        assert!(!rules[0].allow && rules[1..].iter().all(|r| r.allow));
        let rw = READ | WRITE;
        assert!(permits(&rules, Kind::Char, 1, 3, rw));
        assert!(permits(&rules, Kind::Char, 136, 7, rw));
        assert!(permits(&rules, Kind::Char, 1, 11, MKNOD), "mknod of anything");
        assert!(permits(&rules, Kind::Block, 7, 0, MKNOD));
        for (kind, major, minor) in [
            (Kind::Char, 1, 11),
            (Kind::Char, 10, 232),
            (Kind::Char, 10, 229),
            (Kind::Block, 7, 0),
            (Kind::Block, 8, 0),
            (Kind::Char, 1, 1),
        ] {
            assert!(!permits(&rules, kind, major, minor, READ), "{major}:{minor}");
            assert!(!permits(&rules, kind, major, minor, WRITE), "{major}:{minor}");
        }
        let all = normalize_all(&container_rules(true)).unwrap();
        assert_eq!(texts(&all), ["a"]);
        assert!(permits(&all, Kind::Block, 8, 0, rw | MKNOD));
    }

    #[test]
    fn rules_are_checked() {
        let rule = |t, major, minor, access: &str| oci_rule(true, t, major, minor, access);
        let r = normalize(&rule(LinuxDeviceType::U, Some(4), Some(-1), ""))
            .unwrap()
            .unwrap();
        assert_eq!(r.v1_text(), "c 4:* rwm");
        assert_eq!(normalize(&rule(LinuxDeviceType::P, None, None, "rw")).unwrap(), None);
        let a = normalize(&rule(LinuxDeviceType::A, Some(1), Some(2), "r"))
            .unwrap()
            .unwrap();
        assert_eq!((a.major, a.access), (None, ALL_ACCESS));
        for bad in [
            rule(LinuxDeviceType::C, Some(1), Some(3), "rwx"),
            rule(LinuxDeviceType::C, Some(-2), None, "r"),
            rule(LinuxDeviceType::C, Some(1), Some(1 << 40), "r"),
            rule(LinuxDeviceType::B, Some(i64::MIN), None, "r"),
            rule(LinuxDeviceType::C, None, None, "r\n"),
        ] {
            assert!(normalize(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn last_match_decides_with_v1_access_semantics() {
        let deny_w = Rule {
            allow: false,
            kind: Kind::Char,
            major: Some(1),
            minor: Some(3),
            access: WRITE,
        };
        let allow_all = Rule {
            allow: true,
            kind: Kind::All,
            major: None,
            minor: None,
            access: ALL_ACCESS,
        };
        let rules = [allow_all, deny_w];
        assert!(permits(&rules, Kind::Char, 1, 3, READ));
        assert!(
            !permits(&rules, Kind::Char, 1, 3, READ | WRITE),
            "a deny shares one kind"
        );
        let allow_r = Rule {
            allow: true,
            access: READ,
            ..deny_w
        };
        let deny_all = Rule {
            allow: false,
            ..allow_all
        };
        let rules = [deny_all, allow_r];
        assert!(permits(&rules, Kind::Char, 1, 3, READ));
        assert!(
            !permits(&rules, Kind::Char, 1, 3, READ | WRITE),
            "an allow must cover all kinds"
        );
        assert!(permits(&[], Kind::Block, 8, 0, WRITE));
    }
}
