//! User and group id mappings: `/etc/subuid` and `/etc/subgid` ranges and the rootless mapping
//! built from them (container 0 → the user, container 1.. → the subordinate range).

use std::fmt;
use std::path::Path;

/// One line of a `uid_map`/`gid_map`: `container host size`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IdRange {
    #[serde(rename = "container_id")]
    pub container: u32,
    #[serde(rename = "host_id")]
    pub host: u32,
    pub size: u32,
}

impl fmt::Display for IdRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.container, self.host, self.size)
    }
}

/// The uid and gid mappings of a user namespace.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IdMapping {
    pub uids: Vec<IdRange>,
    pub gids: Vec<IdRange>,
}

impl IdMapping {
    /// Maps only `uid`/`gid` to root: all a user without subordinate ranges can have.
    pub fn single(uid: u32, gid: u32) -> IdMapping {
        IdMapping {
            uids: vec![IdRange {
                container: 0,
                host: uid,
                size: 1,
            }],
            gids: vec![IdRange {
                container: 0,
                host: gid,
                size: 1,
            }],
        }
    }

    /// This mapping followed by `outer` (which maps this mapping's host side further out):
    /// container ids straight to `outer`'s host ids. Ids `outer` does not map are left out.
    pub fn then(&self, outer: &IdMapping) -> IdMapping {
        IdMapping {
            uids: compose(&self.uids, &outer.uids),
            gids: compose(&self.gids, &outer.gids),
        }
    }

    /// Whether `host_id` (on this mapping's host side) is mapped.
    pub fn maps_host_uid(&self, host_id: u32) -> bool {
        self.uids
            .iter()
            .any(|r| host_id >= r.host && ((host_id - r.host) as u64) < r.size as u64)
    }

    /// Whether this mapping has more than the user's own id.
    pub fn is_single(&self) -> bool {
        self.uids.iter().map(|r| r.size as u64).sum::<u64>() <= 1
    }

    /// The rootless mapping for `user`: 0 → uid, then each subordinate range in file order.
    /// `None` when the user has no range in either file.
    pub fn rootless(user: &str, uid: u32, gid: u32, subuid: &str, subgid: &str) -> Option<IdMapping> {
        let u = ranges_for(subuid, user, uid);
        let g = ranges_for(subgid, user, uid);
        if u.is_empty() || g.is_empty() {
            return None;
        }
        Some(IdMapping {
            uids: stack(uid, &u),
            gids: stack(gid, &g),
        })
    }

    /// Reads `/etc/subuid` and `/etc/subgid` (missing files mean no ranges).
    pub fn rootless_from_system(user: &str, uid: u32, gid: u32) -> Option<IdMapping> {
        let read = |p: &str| std::fs::read_to_string(Path::new(p)).unwrap_or_default();
        IdMapping::rootless(user, uid, gid, &read("/etc/subuid"), &read("/etc/subgid"))
    }
}

/// Maps an id through `ranges` (container → host side).
pub fn map_id(ranges: &[IdRange], id: u32) -> Option<u32> {
    ranges
        .iter()
        .find(|r| id >= r.container && (id - r.container) < r.size)
        .map(|r| r.host + (id - r.container))
}

fn compose(inner: &[IdRange], outer: &[IdRange]) -> Vec<IdRange> {
    let mut out = Vec::new();
    for i in inner {
        let (start, end) = (i.host as u64, i.host as u64 + i.size as u64);
        for o in outer {
            let (os, oe) = (o.container as u64, o.container as u64 + o.size as u64);
            let (s, e) = (start.max(os), end.min(oe));
            if s < e {
                out.push(IdRange {
                    container: (i.container as u64 + (s - start)) as u32,
                    host: (o.host as u64 + (s - os)) as u32,
                    size: (e - s) as u32,
                });
            }
        }
    }
    out.sort_by_key(|r| r.container);
    out
}

fn stack(own: u32, ranges: &[(u32, u32)]) -> Vec<IdRange> {
    let mut out = vec![IdRange {
        container: 0,
        host: own,
        size: 1,
    }];
    let mut next = 1u32;
    for &(start, count) in ranges {
        out.push(IdRange {
            container: next,
            host: start,
            size: count,
        });
        next = next.saturating_add(count);
    }
    out
}

/// `(start, count)` ranges for the user, matched by name or numeric uid. Malformed lines are
/// ignored, as shadow-utils does.
fn ranges_for(file: &str, user: &str, uid: u32) -> Vec<(u32, u32)> {
    let uid_s = uid.to_string();
    let mut out = Vec::new();
    for line in file.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split(':');
        let (Some(who), Some(start), Some(count), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if who != user && who != uid_s {
            continue;
        }
        if let (Ok(s), Ok(c)) = (start.parse::<u32>(), count.parse::<u32>())
            && c > 0
            && s.checked_add(c).is_some()
        {
            out.push((s, c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_rootless_mapping() {
        let subuid = "other:1000:10\nalice:100000:65536\n# comment\n1001:300000:5\nbad line\nalice:x:1\n";
        let subgid = "alice:200000:65536\n";
        let m = IdMapping::rootless("alice", 1001, 1001, subuid, subgid).unwrap();
        assert_eq!(
            m.uids,
            vec![
                IdRange {
                    container: 0,
                    host: 1001,
                    size: 1
                },
                IdRange {
                    container: 1,
                    host: 100000,
                    size: 65536
                },
                IdRange {
                    container: 65537,
                    host: 300000,
                    size: 5
                },
            ]
        );
        assert_eq!(
            m.gids[1],
            IdRange {
                container: 1,
                host: 200000,
                size: 65536
            }
        );
        assert!(!m.is_single());
    }

    #[test]
    fn composes_nested_mappings() {
        let outer = IdMapping::rootless("alice", 1000, 1000, "alice:100000:65536\n", "alice:100000:65536\n").unwrap();
        // keep-id for uid 1000 inside ferry's ids.
        let r = |container, host, size| IdRange { container, host, size };
        let keep = IdMapping {
            uids: vec![r(0, 1, 1000), r(1000, 0, 1), r(1001, 1001, 64536)],
            gids: vec![r(0, 1, 1000), r(1000, 0, 1), r(1001, 1001, 64536)],
        };
        let c = keep.then(&outer);
        assert_eq!(
            c.uids,
            vec![r(0, 100000, 1000), r(1000, 1000, 1), r(1001, 101000, 64536)]
        );
        assert!(c.maps_host_uid(1000));
        assert!(!c.maps_host_uid(99999));
        // Ranges the outer mapping lacks are dropped, and a range spanning two outer ranges splits.
        let wide = IdMapping {
            uids: vec![r(0, 0, 70000)],
            gids: vec![],
        };
        let c = wide.then(&outer);
        assert_eq!(c.uids, vec![r(0, 1000, 1), r(1, 100000, 65536)]);
    }

    #[test]
    fn no_ranges_means_none() {
        assert!(IdMapping::rootless("bob", 1002, 1002, "alice:1:2\n", "bob:1:2\n").is_none());
        assert!(IdMapping::rootless("bob", 1002, 1002, "", "").is_none());
        assert!(IdMapping::rootless("bob", 1002, 1002, "bob:4294967295:2\n", "bob:1:2\n").is_none());
        assert!(IdMapping::single(5, 6).is_single());
    }
}
