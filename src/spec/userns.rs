//! `--userns`, `--uidmap` and `--gidmap`.

use crate::runtime::userns_mode::{Result, UsernsMode, UsernsModeError};
use crate::sys::idmap::IdRange;

/// Parses `--userns`: empty (the default), `host`, `nomap`, `auto[:size=N]` or
/// `keep-id[:uid=U,gid=G]`.
pub fn parse_mode(s: &str) -> Result<UsernsMode> {
    let bad = || UsernsModeError::Mode(s.to_string());
    let (name, opts, plain) = match s.split_once(':') {
        Some((n, o)) => (n, o, false),
        None => (s, "", true),
    };
    let pairs = || -> Result<Vec<(&str, u32)>> {
        if opts.is_empty() {
            return Ok(Vec::new());
        }
        opts.split(',')
            .map(|kv| {
                let (k, v) = kv.split_once('=').ok_or_else(bad)?;
                Ok((k, v.parse::<u32>().map_err(|_| bad())?))
            })
            .collect()
    };
    match name {
        "" if plain => Ok(UsernsMode::Default),
        "host" if plain => Ok(UsernsMode::Host),
        "nomap" if plain => Ok(UsernsMode::NoMap),
        "auto" => {
            let mut size = None;
            for (k, v) in pairs()? {
                match k {
                    "size" if v > 0 => size = Some(v),
                    _ => return Err(bad()),
                }
            }
            Ok(UsernsMode::Auto { size })
        }
        "keep-id" => {
            let (mut uid, mut gid) = (None, None);
            for (k, v) in pairs()? {
                match k {
                    "uid" => uid = Some(v),
                    "gid" => gid = Some(v),
                    _ => return Err(bad()),
                }
            }
            Ok(UsernsMode::KeepId { uid, gid })
        }
        _ => Err(bad()),
    }
}

/// Parses one `--uidmap`/`--gidmap` value `container:host:size`.
pub fn parse_range(flag: &'static str, value: &str) -> Result<IdRange> {
    let bad = || UsernsModeError::Range {
        flag,
        value: value.to_string(),
    };
    let mut it = value.split(':').map(|p| p.trim().parse::<u32>().map_err(|_| bad()));
    let (Some(c), Some(h), Some(n), None) = (it.next(), it.next(), it.next(), it.next()) else {
        return Err(bad());
    };
    let (c, h, n) = (c?, h?, n?);
    if n == 0 || c.checked_add(n).is_none() || h.checked_add(n).is_none() {
        return Err(bad());
    }
    Ok(IdRange {
        container: c,
        host: h,
        size: n,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_modes() {
        assert_eq!(parse_mode("").unwrap(), UsernsMode::Default);
        assert_eq!(parse_mode("host").unwrap(), UsernsMode::Host);
        assert_eq!(parse_mode("auto").unwrap(), UsernsMode::Auto { size: None });
        assert_eq!(
            parse_mode("auto:size=500").unwrap(),
            UsernsMode::Auto { size: Some(500) }
        );
        assert_eq!(
            parse_mode("keep-id:uid=5,gid=6").unwrap(),
            UsernsMode::KeepId {
                uid: Some(5),
                gid: Some(6)
            }
        );
        for bad in [
            "bogus",
            "auto:size=0",
            "auto:size=x",
            "auto:uid=1",
            "keep-id:uid",
            "keep-id:uid=-1",
            "host:x",
            ":",
            "auto:size=1,,",
            "keep-id:uid=99999999999",
        ] {
            assert!(parse_mode(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn parses_ranges() {
        assert_eq!(
            parse_range("--uidmap", "0:1:1000").unwrap(),
            IdRange {
                container: 0,
                host: 1,
                size: 1000
            }
        );
        for bad in ["", "0:1", "0:1:0", "a:b:c", "0:1:2:3", "4294967295:0:2", "-1:0:1"] {
            assert!(parse_range("--uidmap", bad).is_err(), "{bad}");
        }
    }
}
