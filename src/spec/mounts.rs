//! `-v`, `--mount`, `--tmpfs` and `--volumes-from`: from the user's strings to the typed
//! requests `runtime::mounts` resolves (host paths checked to exist, destinations unique).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use nix::errno::Errno;

use crate::runtime::mounts::{Flags, MountError, MountRequest, Result, Source, UserMounts, clean_destination};
use crate::store::volumes::valid_name;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::mounts::options;

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
}
