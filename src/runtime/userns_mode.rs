//! `--userns`, `--uidmap` and `--gidmap`: which user namespace a container gets.
//!
//! By default a rootless container shares ferry's user namespace (container ids are ferry's
//! ids) and a container started by root has none. The other modes give the container a user
//! namespace of its own, nested in ferry's when rootless, whose mapping is computed here:
//! `keep-id` (the user's uid and gid keep their values inside), `auto` (a range no other
//! container uses) and explicit `--uidmap`/`--gidmap` ranges. The host side of a nested
//! mapping is in ferry's ids when rootless (0 is the user, 1.. the subordinate ids), as with
//! Podman.

use crate::sys::idmap::{IdMapping, IdRange};

#[derive(Debug, thiserror::Error)]
pub enum UsernsModeError {
    #[error("invalid --userns {0:?}: use host, auto[:size=N], keep-id[:uid=U,gid=G] or nomap")]
    Mode(String),
    #[error("invalid {flag} {value:?}: expected CONTAINER_ID:HOST_ID:SIZE")]
    Range { flag: &'static str, value: String },
    #[error("keep-id is only supported in rootless mode")]
    KeepIdAsRoot,
    #[error("nomap is only supported in rootless mode")]
    NomapAsRoot,
    #[error("--userns={0} cannot be combined with --uidmap or --gidmap")]
    WithMaps(String),
    #[error("{what} maps ids outside the {available} ids ferry has: {range}")]
    OutOfRange {
        what: &'static str,
        range: String,
        available: u64,
    },
    #[error(
        "no free range of {size} ids left for --userns=auto ({available} ids available): remove containers or use auto:size=N"
    )]
    Exhausted { size: u32, available: u64 },
    #[error(
        "--userns=auto as root needs subordinate ids for the user \"containers\" in /etc/subuid and /etc/subgid (e.g. containers:2147483647:2147483648)"
    )]
    NoContainersRange,
}

pub type Result<T, E = UsernsModeError> = std::result::Result<T, E>;

/// The user namespace a container asked for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum UsernsMode {
    /// No flag: ferry's namespace rootless, none as root.
    #[default]
    Default,
    /// `host`: the same as the default (ferry's namespace rootless, the host's as root).
    Host,
    /// `auto[:size=N]`: a range of its own.
    Auto { size: Option<u32> },
    /// `keep-id[:uid=U,gid=G]`: the user's ids keep their value (or become U/G).
    KeepId { uid: Option<u32>, gid: Option<u32> },
    /// `nomap`: the user's own id is not mapped into the container.
    NoMap,
}

/// Default size of an `auto` range, as Podman's minimum.
pub const AUTO_SIZE: u32 = 1024;

/// What the mapping is computed against.
pub struct Environment<'a> {
    /// Rootless: the user's uid and gid on the host.
    pub host_uid: u32,
    pub host_gid: u32,
    /// Rootless: how many ids ferry's namespace has (1 + the subordinate ids). As root: the
    /// range of the "containers" user in /etc/subuid and /etc/subgid, if any.
    pub pool: Pool,
    /// Ranges (on the host side) that other containers' `auto` namespaces use.
    pub taken: &'a [IdRange],
}

/// Ids a nested namespace may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pool {
    /// Rootless: ferry's ids `0..size`.
    Rootless { size: u64 },
    /// Root: `auto` takes ranges from `start..start+size` (uids; gids from the same offsets).
    Root { uid_start: u32, gid_start: u32, size: u32 },
    /// Root without a "containers" range.
    RootNone,
}

/// The nested user namespace for `mode` and the explicit maps, or `None` when the container
/// shares ferry's namespace (rootless) or has none (root).
pub fn nested_mapping(
    mode: &UsernsMode,
    uidmap: &[IdRange],
    gidmap: &[IdRange],
    env: &Environment<'_>,
) -> Result<Option<IdMapping>> {
    if !uidmap.is_empty() || !gidmap.is_empty() {
        match mode {
            UsernsMode::Default => {}
            UsernsMode::Host => return Err(UsernsModeError::WithMaps("host".into())),
            UsernsMode::Auto { .. } => return Err(UsernsModeError::WithMaps("auto".into())),
            UsernsMode::KeepId { .. } => return Err(UsernsModeError::WithMaps("keep-id".into())),
            UsernsMode::NoMap => return Err(UsernsModeError::WithMaps("nomap".into())),
        }
        // As Podman: one of the two alone applies to both.
        let uids = if uidmap.is_empty() { gidmap } else { uidmap }.to_vec();
        let gids = if gidmap.is_empty() { uidmap } else { gidmap }.to_vec();
        if let Pool::Rootless { size } = env.pool {
            for (what, ranges) in [("--uidmap", &uids), ("--gidmap", &gids)] {
                for r in ranges.iter() {
                    if r.host as u64 + r.size as u64 > size {
                        return Err(UsernsModeError::OutOfRange {
                            what,
                            range: r.to_string(),
                            available: size,
                        });
                    }
                }
            }
        }
        return Ok(Some(IdMapping { uids, gids }));
    }
    match mode {
        UsernsMode::Default | UsernsMode::Host => Ok(None),
        UsernsMode::KeepId { uid, gid } => {
            let Pool::Rootless { size } = env.pool else {
                return Err(UsernsModeError::KeepIdAsRoot);
            };
            Ok(Some(IdMapping {
                uids: keep_id(uid.unwrap_or(env.host_uid), size),
                gids: keep_id(gid.unwrap_or(env.host_gid), size),
            }))
        }
        UsernsMode::NoMap => {
            let Pool::Rootless { size } = env.pool else {
                return Err(UsernsModeError::NomapAsRoot);
            };
            let rest = IdRange {
                container: 0,
                host: 1,
                size: (size - 1).min(u32::MAX as u64) as u32,
            };
            Ok(Some(IdMapping {
                uids: vec![rest],
                gids: vec![rest],
            }))
        }
        UsernsMode::Auto { size } => {
            let want = size.unwrap_or(AUTO_SIZE);
            let (uid_base, gid_base, first, end) = match env.pool {
                // ferry's 0 is the user: auto ranges never include it.
                Pool::Rootless { size } => (0u32, 0u32, 1u64, size),
                Pool::Root {
                    uid_start,
                    gid_start,
                    size,
                } => (uid_start, gid_start, 0, size as u64),
                Pool::RootNone => return Err(UsernsModeError::NoContainersRange),
            };
            let start = free_range(first, end, want, uid_base, env.taken).ok_or(UsernsModeError::Exhausted {
                size: want,
                available: end - first,
            })?;
            let range = |base: u32| IdRange {
                container: 0,
                host: base + start as u32,
                size: want,
            };
            Ok(Some(IdMapping {
                uids: vec![range(uid_base)],
                gids: vec![range(gid_base)],
            }))
        }
    }
}

/// `keep-id` for one id kind: `own` inside is ferry's 0 (the user); the ids below it take
/// ferry's 1..=own; the ids above it keep their value.
fn keep_id(own: u32, pool: u64) -> Vec<IdRange> {
    let pool = pool.min(u32::MAX as u64) as u32;
    let mut out = Vec::new();
    let below = own.min(pool.saturating_sub(1));
    if below > 0 {
        out.push(IdRange {
            container: 0,
            host: 1,
            size: below,
        });
    }
    out.push(IdRange {
        container: own,
        host: 0,
        size: 1,
    });
    if own + 1 < pool {
        out.push(IdRange {
            container: own + 1,
            host: own + 1,
            size: pool - own - 1,
        });
    }
    out
}

/// The lowest offset in `first..end` (relative to `base`) where `size` ids are free of every
/// taken range.
fn free_range(first: u64, end: u64, size: u32, base: u32, taken: &[IdRange]) -> Option<u64> {
    let mut taken: Vec<(u64, u64)> = taken
        .iter()
        .map(|r| {
            let s = (r.host as u64).saturating_sub(base as u64);
            (s, s + r.size as u64)
        })
        .collect();
    taken.sort_unstable();
    let mut cand = first;
    for (s, e) in taken {
        if cand + size as u64 <= s {
            break;
        }
        cand = cand.max(e);
    }
    (cand + size as u64 <= end).then_some(cand)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::idmap::map_id;

    fn total(r: &[IdRange]) -> u64 {
        r.iter().map(|r| r.size as u64).sum()
    }

    fn env(taken: &[IdRange]) -> Environment<'_> {
        Environment {
            host_uid: 1000,
            host_gid: 1000,
            pool: Pool::Rootless { size: 65537 },
            taken,
        }
    }

    #[test]
    fn keep_id_moves_the_user() {
        let m = nested_mapping(&UsernsMode::KeepId { uid: None, gid: None }, &[], &[], &env(&[]))
            .unwrap()
            .unwrap();
        assert_eq!(map_id(&m.uids, 1000), Some(0));
        assert_eq!(map_id(&m.uids, 0), Some(1));
        assert_eq!(map_id(&m.uids, 999), Some(1000));
        assert_eq!(map_id(&m.uids, 1001), Some(1001));
        assert_eq!(map_id(&m.uids, 65536), Some(65536));
        assert_eq!(map_id(&m.uids, 65537), None);
        assert_eq!(total(&m.uids), 65537);
        // A uid beyond ferry's ids: everything below it that fits is mapped.
        let m = keep_id(100_000, 65537);
        assert_eq!(map_id(&m, 100_000), Some(0));
        assert_eq!(map_id(&m, 0), Some(1));
        assert_eq!(total(&m), 65537);
    }

    #[test]
    fn auto_ranges_do_not_overlap() {
        let mut taken = Vec::new();
        for _ in 0..3 {
            let m = nested_mapping(&UsernsMode::Auto { size: None }, &[], &[], &env(&taken))
                .unwrap()
                .unwrap();
            assert_eq!(m.uids.len(), 1);
            assert!(m.uids[0].host >= 1);
            for t in &taken {
                let (a, b) = (m.uids[0].host, m.uids[0].host + m.uids[0].size);
                assert!(b <= t.host || a >= t.host + t.size);
            }
            taken.push(m.uids[0]);
        }
        assert_eq!(taken[0].host, 1);
        assert_eq!(taken[1].host, 1 + AUTO_SIZE);
        let err = nested_mapping(&UsernsMode::Auto { size: Some(70000) }, &[], &[], &env(&[])).unwrap_err();
        assert!(matches!(err, UsernsModeError::Exhausted { .. }));
    }

    #[test]
    fn root_rules() {
        let root = Environment {
            host_uid: 0,
            host_gid: 0,
            pool: Pool::RootNone,
            taken: &[],
        };
        assert!(matches!(
            nested_mapping(&UsernsMode::KeepId { uid: None, gid: None }, &[], &[], &root),
            Err(UsernsModeError::KeepIdAsRoot)
        ));
        assert!(matches!(
            nested_mapping(&UsernsMode::Auto { size: None }, &[], &[], &root),
            Err(UsernsModeError::NoContainersRange)
        ));
        assert_eq!(nested_mapping(&UsernsMode::Host, &[], &[], &root).unwrap(), None);
        let with = Environment {
            pool: Pool::Root {
                uid_start: 100_000,
                gid_start: 200_000,
                size: 10_000,
            },
            ..root
        };
        let m = nested_mapping(&UsernsMode::Auto { size: None }, &[], &[], &with)
            .unwrap()
            .unwrap();
        assert_eq!(m.uids[0].host, 100_000);
        assert_eq!(m.gids[0].host, 200_000);
    }

    #[test]
    fn explicit_maps() {
        let r = IdRange {
            container: 0,
            host: 1,
            size: 100,
        };
        let m = nested_mapping(&UsernsMode::Default, &[r], &[], &env(&[]))
            .unwrap()
            .unwrap();
        assert_eq!(m.gids, vec![r]);
        let too_far = IdRange {
            container: 0,
            host: 60000,
            size: 10000,
        };
        assert!(nested_mapping(&UsernsMode::Default, &[too_far], &[], &env(&[])).is_err());
        assert!(nested_mapping(&UsernsMode::Host, &[r], &[], &env(&[])).is_err());
    }
}
