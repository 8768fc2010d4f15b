//! `--ulimit name=soft[:hard]`.

use oci_spec::runtime::{PosixRlimit, PosixRlimitBuilder, PosixRlimitType};

use crate::runtime::spec::{Result, SpecError, rlimit_resource};

fn rlimit_type(name: &str) -> Option<PosixRlimitType> {
    use PosixRlimitType::*;
    Some(
        match name
            .strip_prefix("RLIMIT_")
            .unwrap_or(name)
            .to_ascii_lowercase()
            .as_str()
        {
            "core" => RlimitCore,
            "cpu" => RlimitCpu,
            "data" => RlimitData,
            "fsize" => RlimitFsize,
            "locks" => RlimitLocks,
            "memlock" => RlimitMemlock,
            "msgqueue" => RlimitMsgqueue,
            "nice" => RlimitNice,
            "nofile" => RlimitNofile,
            "nproc" => RlimitNproc,
            "rss" => RlimitRss,
            "rtprio" => RlimitRtprio,
            "rttime" => RlimitRttime,
            "sigpending" => RlimitSigpending,
            "stack" => RlimitStack,
            "as" => RlimitAs,
            _ => return None,
        },
    )
}

fn parse_limit(v: &str) -> Option<u64> {
    if v == "-1" || v == "unlimited" {
        Some(libc::RLIM_INFINITY)
    } else {
        v.parse().ok()
    }
}

/// Parses `--ulimit name=soft[:hard]`. `current_hard` is ferry's own hard limit for the resource;
/// when `can_raise` is false (rootless), asking for more is an error rather than a failure at start.
pub fn parse_ulimit(
    raw: &str,
    can_raise: bool,
    current_hard: impl Fn(libc::__rlimit_resource_t) -> u64,
) -> Result<PosixRlimit> {
    let (name, value) = raw
        .split_once('=')
        .ok_or_else(|| SpecError::UlimitSyntax(raw.to_string()))?;
    let typ = rlimit_type(name).ok_or_else(|| SpecError::UlimitName(raw.to_string()))?;
    let (soft, hard) = match value.split_once(':') {
        Some((s, h)) => (s, h),
        None => (value, value),
    };
    let soft = parse_limit(soft).ok_or_else(|| SpecError::UlimitSyntax(raw.to_string()))?;
    let hard = parse_limit(hard).ok_or_else(|| SpecError::UlimitSyntax(raw.to_string()))?;
    if soft > hard {
        return Err(SpecError::UlimitOrder { spec: raw.to_string() });
    }
    let cur = current_hard(rlimit_resource(typ));
    if !can_raise && hard > cur {
        return Err(SpecError::UlimitAboveHard {
            spec: raw.to_string(),
            current: if cur == libc::RLIM_INFINITY {
                "unlimited".into()
            } else {
                cur.to_string()
            },
        });
    }
    Ok(PosixRlimitBuilder::default().typ(typ).soft(soft).hard(hard).build()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ulimits() {
        let hard = |_| 4096;
        let r = parse_ulimit("nofile=1024:2048", false, hard).unwrap();
        assert_eq!((r.soft(), r.hard()), (1024, 2048));
        let r = parse_ulimit("RLIMIT_CORE=-1", true, hard).unwrap();
        assert_eq!(r.hard(), libc::RLIM_INFINITY);
        assert_eq!(
            parse_ulimit("nofile=10000", false, hard).unwrap_err().to_string(),
            "ulimit nofile=10000: cannot raise the hard limit above 4096"
        );
        for bad in [
            "",
            "nofile",
            "nofile=",
            "bogus=1",
            "nofile=2:1",
            "nofile=a",
            "nofile=1:2:3",
            "=1",
            "nofile=-2",
        ] {
            assert!(parse_ulimit(bad, true, hard).is_err(), "{bad:?}");
        }
    }
}
