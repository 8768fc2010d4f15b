//! Docker/Podman-format seccomp profiles (JSON) and their resolution to an OCI `LinuxSeccomp`: rules are
//! kept or dropped by their `includes`/`excludes` conditions (capabilities, architecture, kernel version),
//! exactly once, when the container's capability set is known.

use std::path::{Path, PathBuf};

use oci_spec::runtime::{
    Arch, Capabilities, LinuxSeccomp, LinuxSeccompAction, LinuxSeccompArgBuilder, LinuxSeccompFilterFlag,
    LinuxSeccompOperator, LinuxSyscall,
};
use serde::{Deserialize, Serialize};

use super::SeccompError;

/// Largest profile file accepted; the Docker default is about 20 KiB.
const MAX_PROFILE_SIZE: u64 = 4 << 20;

/// A profile in the Docker/Podman JSON format.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub default_action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_errno_ret: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub architectures: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub arch_map: Vec<ArchMapEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listener_path: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub syscalls: Vec<SyscallRule>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArchMapEntry {
    pub architecture: String,
    #[serde(default)]
    pub sub_architectures: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SyscallRule {
    /// Deprecated single-name form, still accepted by Docker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    pub action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errno_ret: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<ArgRule>,
    #[serde(default, skip_serializing_if = "Condition::is_empty")]
    pub includes: Condition,
    #[serde(default, skip_serializing_if = "Condition::is_empty")]
    pub excludes: Condition,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArgRule {
    pub index: u32,
    pub value: u64,
    #[serde(default)]
    pub value_two: u64,
    pub op: ArgOp,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ArgOp {
    #[serde(rename = "SCMP_CMP_NE")]
    Ne,
    #[serde(rename = "SCMP_CMP_LT")]
    Lt,
    #[serde(rename = "SCMP_CMP_LE")]
    Le,
    #[default]
    #[serde(rename = "SCMP_CMP_EQ")]
    Eq,
    #[serde(rename = "SCMP_CMP_GE")]
    Ge,
    #[serde(rename = "SCMP_CMP_GT")]
    Gt,
    #[serde(rename = "SCMP_CMP_MASKED_EQ")]
    MaskedEq,
}

/// `includes`/`excludes`: Docker's conditions on a rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caps: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub arches: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_kernel: Option<String>,
}

impl Condition {
    fn is_empty(&self) -> bool {
        self.caps.is_empty() && self.arches.is_empty() && self.min_kernel.is_none()
    }
}

/// What rule conditions are evaluated against.
#[derive(Debug, Clone)]
pub struct Environment {
    /// Capability names with the `CAP_` prefix, e.g. `CAP_SYS_ADMIN`.
    pub caps: Vec<String>,
    /// Go architecture name of the host (`amd64`, `arm64`), as Docker profiles spell it.
    pub arch: &'static str,
    /// Running kernel (major, minor).
    pub kernel: (u32, u32),
}

impl Environment {
    /// The host's architecture and kernel with the given capability set.
    pub fn host(caps: &Capabilities) -> Self {
        let release = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
        Environment {
            caps: caps.iter().map(|c| format!("CAP_{c}")).collect(),
            arch: native_go_arch(),
            kernel: parse_kernel_version(release.trim()).unwrap_or((0, 0)),
        }
    }
}

fn native_go_arch() -> &'static str {
    if cfg!(target_arch = "x86_64") {
        "amd64"
    } else if cfg!(target_arch = "aarch64") {
        "arm64"
    } else if cfg!(target_arch = "x86") {
        "386"
    } else {
        std::env::consts::ARCH
    }
}

/// `6.1.0-13-amd64` → (6, 1).
fn parse_kernel_version(s: &str) -> Option<(u32, u32)> {
    let mut parts = s.split(|c: char| !c.is_ascii_digit());
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next().unwrap_or("0").parse().unwrap_or(0);
    Some((major, minor))
}

/// Reads and resolves a profile file against the container's capability set (its bounding set).
pub fn load_profile_for(path: &Path, caps: &Capabilities) -> Result<LinuxSeccomp, SeccompError> {
    use std::io::Read;
    let read_err = |source| SeccompError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_err)?;
    let mut data = Vec::new();
    file.take(MAX_PROFILE_SIZE + 1)
        .read_to_end(&mut data)
        .map_err(read_err)?;
    if data.len() as u64 > MAX_PROFILE_SIZE {
        return Err(invalid(path, format!("larger than {MAX_PROFILE_SIZE} bytes")));
    }
    parse_profile(path, &data)?.resolve(path, &Environment::host(caps))
}

/// Parses profile JSON; `path` only names the profile in errors.
pub fn parse_profile(path: &Path, data: &[u8]) -> Result<Profile, SeccompError> {
    serde_json::from_slice(data).map_err(|source| SeccompError::Parse {
        path: path.to_path_buf(),
        source,
    })
}

fn invalid(path: &Path, message: String) -> SeccompError {
    SeccompError::Invalid {
        path: path.to_path_buf(),
        message,
    }
}

/// Maps a profile action name to the OCI action.
pub fn parse_action(s: &str) -> Option<LinuxSeccompAction> {
    Some(match s {
        "SCMP_ACT_KILL" | "SCMP_ACT_KILL_THREAD" => LinuxSeccompAction::ScmpActKillThread,
        "SCMP_ACT_KILL_PROCESS" => LinuxSeccompAction::ScmpActKillProcess,
        "SCMP_ACT_TRAP" => LinuxSeccompAction::ScmpActTrap,
        "SCMP_ACT_ERRNO" => LinuxSeccompAction::ScmpActErrno,
        "SCMP_ACT_TRACE" => LinuxSeccompAction::ScmpActTrace,
        "SCMP_ACT_LOG" => LinuxSeccompAction::ScmpActLog,
        "SCMP_ACT_ALLOW" => LinuxSeccompAction::ScmpActAllow,
        "SCMP_ACT_NOTIFY" => LinuxSeccompAction::ScmpActNotify,
        _ => return None,
    })
}

fn parse_arch(s: &str) -> Option<Arch> {
    Some(match s {
        "SCMP_ARCH_X86" => Arch::ScmpArchX86,
        "SCMP_ARCH_X86_64" => Arch::ScmpArchX86_64,
        "SCMP_ARCH_X32" => Arch::ScmpArchX32,
        "SCMP_ARCH_ARM" => Arch::ScmpArchArm,
        "SCMP_ARCH_AARCH64" => Arch::ScmpArchAarch64,
        "SCMP_ARCH_MIPS" => Arch::ScmpArchMips,
        "SCMP_ARCH_MIPS64" => Arch::ScmpArchMips64,
        "SCMP_ARCH_MIPS64N32" => Arch::ScmpArchMips64n32,
        "SCMP_ARCH_MIPSEL" => Arch::ScmpArchMipsel,
        "SCMP_ARCH_MIPSEL64" => Arch::ScmpArchMipsel64,
        "SCMP_ARCH_MIPSEL64N32" => Arch::ScmpArchMipsel64n32,
        "SCMP_ARCH_PPC" => Arch::ScmpArchPpc,
        "SCMP_ARCH_PPC64" => Arch::ScmpArchPpc64,
        "SCMP_ARCH_PPC64LE" => Arch::ScmpArchPpc64le,
        "SCMP_ARCH_S390" => Arch::ScmpArchS390,
        "SCMP_ARCH_S390X" => Arch::ScmpArchS390x,
        "SCMP_ARCH_PARISC" => Arch::ScmpArchParisc,
        "SCMP_ARCH_PARISC64" => Arch::ScmpArchParisc64,
        "SCMP_ARCH_RISCV64" => Arch::ScmpArchRiscv64,
        "SCMP_ARCH_LOONGARCH64" => Arch::ScmpArchLoongarch64,
        "SCMP_ARCH_M68K" => Arch::ScmpArchM68k,
        "SCMP_ARCH_SH" => Arch::ScmpArchSh,
        "SCMP_ARCH_SHEB" => Arch::ScmpArchSheb,
        _ => return None,
    })
}

fn parse_flag(s: &str) -> Option<LinuxSeccompFilterFlag> {
    Some(match s {
        "SECCOMP_FILTER_FLAG_LOG" => LinuxSeccompFilterFlag::SeccompFilterFlagLog,
        "SECCOMP_FILTER_FLAG_TSYNC" => LinuxSeccompFilterFlag::SeccompFilterFlagTsync,
        "SECCOMP_FILTER_FLAG_SPEC_ALLOW" => LinuxSeccompFilterFlag::SeccompFilterFlagSpecAllow,
        "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV" => LinuxSeccompFilterFlag::SeccompFilterFlagWaitKillableRecv,
        _ => return None,
    })
}

/// The SCMP_ARCH_* name of the host architecture, used to pick the `archMap` entry.
fn native_scmp_arch(go_arch: &str) -> &'static str {
    match go_arch {
        "amd64" => "SCMP_ARCH_X86_64",
        "arm64" => "SCMP_ARCH_AARCH64",
        "386" => "SCMP_ARCH_X86",
        "arm" => "SCMP_ARCH_ARM",
        _ => "",
    }
}

fn version_at_least(kernel: (u32, u32), min: &str) -> Option<bool> {
    let want = parse_kernel_version(min)?;
    Some(kernel >= want)
}

impl Profile {
    /// Resolves the profile for one container: keeps the rules whose conditions hold in `env`, validates
    /// actions, arguments and architectures, and returns the OCI form.
    pub fn resolve(&self, path: &Path, env: &Environment) -> Result<LinuxSeccomp, SeccompError> {
        let action = |s: &str| {
            let a = parse_action(s).ok_or_else(|| invalid(path, format!("unknown action {s:?}")))?;
            if a == LinuxSeccompAction::ScmpActNotify {
                return Err(invalid(
                    path,
                    "SCMP_ACT_NOTIFY needs a seccomp agent, which ferry does not support".into(),
                ));
            }
            Ok(a)
        };
        let default_action = action(&self.default_action)?;
        let mut seccomp = LinuxSeccomp::default();
        seccomp.set_default_action(default_action);
        seccomp.set_default_errno_ret(self.default_errno_ret);

        if !self.architectures.is_empty() && !self.arch_map.is_empty() {
            return Err(invalid(path, "use either architectures or archMap, not both".into()));
        }
        let mut arch_names: Vec<&str> = self.architectures.iter().map(String::as_str).collect();
        let native = native_scmp_arch(env.arch);
        for entry in &self.arch_map {
            // Docker keeps only the entry of the host's architecture; the others can never run here.
            if entry.architecture == native {
                arch_names.push(&entry.architecture);
                arch_names.extend(entry.sub_architectures.iter().map(String::as_str));
            } else if parse_arch(&entry.architecture).is_none() {
                return Err(invalid(path, format!("unknown architecture {:?}", entry.architecture)));
            }
        }
        let mut arches = Vec::new();
        for name in arch_names {
            let arch = parse_arch(name).ok_or_else(|| invalid(path, format!("unknown architecture {name:?}")))?;
            if !arches.contains(&arch) {
                arches.push(arch);
            }
        }
        if !arches.is_empty() {
            seccomp.set_architectures(Some(arches));
        }

        let mut flags = Vec::new();
        for f in &self.flags {
            flags.push(parse_flag(f).ok_or_else(|| invalid(path, format!("unknown flag {f:?}")))?);
        }
        if !flags.is_empty() {
            seccomp.set_flags(Some(flags));
        }
        if self.listener_path.is_some() {
            return Err(invalid(path, "listenerPath (seccomp notify) is not supported".into()));
        }

        let mut syscalls = Vec::new();
        for rule in &self.syscalls {
            if !rule.applies(path, env)? {
                continue;
            }
            let names: Vec<String> = match (&rule.name, rule.names.is_empty()) {
                (Some(_), false) => return Err(invalid(path, "a rule has both name and names".into())),
                (Some(n), true) => vec![n.clone()],
                (None, false) => rule.names.clone(),
                (None, true) => return Err(invalid(path, "a rule has no syscall names".into())),
            };
            if names.iter().any(|n| n.is_empty()) {
                return Err(invalid(path, "empty syscall name".into()));
            }
            let rule_action = action(&rule.action)?;
            let mut args = Vec::new();
            for a in &rule.args {
                if a.index > 5 {
                    return Err(invalid(
                        path,
                        format!("{}: argument index {} is out of range 0-5", names[0], a.index),
                    ));
                }
                let mut arg = LinuxSeccompArgBuilder::default()
                    .index(a.index as usize)
                    .value(a.value)
                    .op(match a.op {
                        ArgOp::Ne => LinuxSeccompOperator::ScmpCmpNe,
                        ArgOp::Lt => LinuxSeccompOperator::ScmpCmpLt,
                        ArgOp::Le => LinuxSeccompOperator::ScmpCmpLe,
                        ArgOp::Eq => LinuxSeccompOperator::ScmpCmpEq,
                        ArgOp::Ge => LinuxSeccompOperator::ScmpCmpGe,
                        ArgOp::Gt => LinuxSeccompOperator::ScmpCmpGt,
                        ArgOp::MaskedEq => LinuxSeccompOperator::ScmpCmpMaskedEq,
                    });
                if a.op == ArgOp::MaskedEq || a.value_two != 0 {
                    arg = arg.value_two(a.value_two);
                }
                let arg = arg.build().map_err(|e| invalid(path, format!("{}: {e}", names[0])))?;
                args.push(arg);
            }
            let mut sc = LinuxSyscall::default();
            sc.set_names(names);
            sc.set_action(rule_action);
            sc.set_errno_ret(rule.errno_ret);
            if !args.is_empty() {
                sc.set_args(Some(args));
            }
            syscalls.push(sc);
        }
        seccomp.set_syscalls(Some(syscalls));
        Ok(seccomp)
    }
}

impl SyscallRule {
    /// Docker's semantics: every `includes` condition must hold and no `excludes` condition may.
    fn applies(&self, path: &Path, env: &Environment) -> Result<bool, SeccompError> {
        let kernel_ok = |min: &Option<String>| -> Result<Option<bool>, SeccompError> {
            match min {
                None => Ok(None),
                Some(v) => version_at_least(env.kernel, v)
                    .map(Some)
                    .ok_or_else(|| invalid(path, format!("bad minKernel {v:?}"))),
            }
        };
        let inc = &self.includes;
        if !inc.arches.is_empty() && !inc.arches.iter().any(|a| a == env.arch) {
            return Ok(false);
        }
        if !inc.caps.iter().all(|c| env.caps.contains(c)) {
            return Ok(false);
        }
        if kernel_ok(&inc.min_kernel)? == Some(false) {
            return Ok(false);
        }
        let exc = &self.excludes;
        if exc.arches.iter().any(|a| a == env.arch) {
            return Ok(false);
        }
        if exc.caps.iter().any(|c| env.caps.contains(c)) {
            return Ok(false);
        }
        if kernel_ok(&exc.min_kernel)? == Some(true) {
            return Ok(false);
        }
        Ok(true)
    }
}

/// The placeholder path used in errors for profiles that do not come from a file.
pub(super) fn builtin_path() -> PathBuf {
    PathBuf::from("<builtin default>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(caps: &[&str]) -> Environment {
        Environment {
            caps: caps.iter().map(|s| s.to_string()).collect(),
            arch: "amd64",
            kernel: (6, 1),
        }
    }

    fn resolve(json: &str, caps: &[&str]) -> Result<LinuxSeccomp, SeccompError> {
        let p = Path::new("test.json");
        parse_profile(p, json.as_bytes())?.resolve(p, &env(caps))
    }

    fn names(s: &LinuxSeccomp) -> Vec<String> {
        s.syscalls()
            .as_ref()
            .unwrap()
            .iter()
            .flat_map(|r| r.names().clone())
            .collect()
    }

    #[test]
    fn docker_format_with_conditions() {
        let json = r#"{
            "defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1,
            "archMap": [
                {"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]},
                {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]}
            ],
            "syscalls": [
                {"names": ["getpid"], "action": "SCMP_ACT_ALLOW", "comment": "ignored field"},
                {"name": "mount", "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
                {"names": ["clone"], "action": "SCMP_ACT_ALLOW",
                 "args": [{"index": 0, "value": 2114060288, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}],
                 "excludes": {"caps": ["CAP_SYS_ADMIN"], "arches": ["s390x"]}},
                {"names": ["arch_prctl"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["amd64", "x32"]}},
                {"names": ["set_tls"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["arm64"]}},
                {"names": ["ptrace"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "4.8"}},
                {"names": ["newer"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "7.0"}},
                {"names": ["clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38}
            ]
        }"#;
        let s = resolve(json, &[]).unwrap();
        assert_eq!(s.default_action(), LinuxSeccompAction::ScmpActErrno);
        assert_eq!(s.default_errno_ret(), Some(1));
        assert_eq!(
            s.architectures().as_ref().unwrap(),
            &vec![Arch::ScmpArchX86_64, Arch::ScmpArchX86, Arch::ScmpArchX32]
        );
        assert_eq!(names(&s), ["getpid", "clone", "arch_prctl", "ptrace", "clone3"]);
        let clone = &s.syscalls().as_ref().unwrap()[1];
        let arg = clone.args().as_ref().unwrap()[0];
        assert_eq!(arg.op(), LinuxSeccompOperator::ScmpCmpMaskedEq);
        assert_eq!((arg.value(), arg.value_two()), (2114060288, Some(0)));
        assert_eq!(s.syscalls().as_ref().unwrap()[4].errno_ret(), Some(38));

        let admin = resolve(json, &["CAP_SYS_ADMIN"]).unwrap();
        assert_eq!(names(&admin), ["getpid", "mount", "arch_prctl", "ptrace", "clone3"]);
    }

    #[test]
    fn hostile_profiles_are_refused() {
        let bad = [
            "",
            "{",
            "[]",
            "null",
            r#"{"defaultAction": 5}"#,
            r#"{"syscalls": []}"#,
            r#"{"defaultAction": "SCMP_ACT_EXPLODE"}"#,
            r#"{"defaultAction": "SCMP_ACT_NOTIFY"}"#,
            r#"{"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_VAX"]}"#,
            r#"{"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86"],
                "archMap": [{"architecture": "SCMP_ARCH_X86_64"}]}"#,
            r#"{"defaultAction": "SCMP_ACT_ALLOW", "flags": ["SECCOMP_FILTER_FLAG_NOPE"]}"#,
            r#"{"defaultAction": "SCMP_ACT_ALLOW", "listenerPath": "/run/agent.sock"}"#,
            r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_NOPE"}]}"#,
            r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["read"]}]}"#,
            r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"action": "SCMP_ACT_ERRNO"}]}"#,
            r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": [""], "action": "SCMP_ACT_ERRNO"}]}"#,
            r#"{"defaultAction": "SCMP_ACT_ALLOW",
                "syscalls": [{"name": "a", "names": ["b"], "action": "SCMP_ACT_ERRNO"}]}"#,
            r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ERRNO",
                "args": [{"index": 6, "value": 0, "op": "SCMP_CMP_EQ"}]}]}"#,
            r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ERRNO",
                "args": [{"index": 0, "value": -1, "op": "SCMP_CMP_EQ"}]}]}"#,
            r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ERRNO",
                "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_SIMILAR"}]}]}"#,
            r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ERRNO",
                "includes": {"minKernel": "latest"}}]}"#,
            r#"{"defaultAction": "SCMP_ACT_ALLOW", "defaultErrnoRet": 99999999999}"#,
        ];
        for json in bad {
            assert!(resolve(json, &[]).is_err(), "accepted {json}");
        }
    }

    #[test]
    fn kernel_versions() {
        assert_eq!(parse_kernel_version("6.18.44-fc-v657"), Some((6, 18)));
        assert_eq!(parse_kernel_version("5"), Some((5, 0)));
        assert_eq!(parse_kernel_version("x"), None);
        assert_eq!(version_at_least((4, 8), "4.8"), Some(true));
        assert_eq!(version_at_least((4, 7), "4.8"), Some(false));
        assert_eq!(version_at_least((5, 0), "4.18"), Some(true));
    }

    #[test]
    fn load_profile_reads_files() {
        let dir = std::env::temp_dir().join(format!("ferry-seccomp-profile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("p.json");
        std::fs::write(
            &path,
            r#"{"defaultAction": "SCMP_ACT_LOG", "architectures": ["SCMP_ARCH_X86_64"]}"#,
        )
        .unwrap();
        let s = load_profile_for(&path, &Capabilities::new()).unwrap();
        assert_eq!(s.default_action(), LinuxSeccompAction::ScmpActLog);
        let missing = load_profile_for(&dir.join("missing.json"), &Capabilities::new()).unwrap_err();
        assert!(matches!(missing, SeccompError::Read { .. }));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
