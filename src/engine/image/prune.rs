//! `image prune`: removes dangling images (all unused ones), then the content nothing
//! references any more.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, TimeZone, Utc};

use super::Error;
use crate::image::gc;
use crate::image::manifest::ImageConfig;
use crate::store::{Digest, Store};

/// `image prune`: removes the dangling images (every unused image with `all`) matching all
/// filters, clears the build cache when `all` without filters, then collects the content nothing
/// references. Returns the removed ids in index order and how the cleanup after went (a failure
/// there does not undo the removals). Rootless callers are in the user namespace.
pub fn prune(store: &Store, all: bool, filters: &[PruneFilter]) -> Result<(Vec<Digest>, Result<(), Error>), Error> {
    let removed = prune_images(store, all, filters)?;
    let cleanup = (|| {
        if all && filters.is_empty() {
            crate::build::cache::clear(store).map_err(Error::ClearCache)?;
        }
        gc::collect(store).map_err(Error::Collect)?;
        Ok(())
    })();
    Ok((removed, cleanup))
}

/// Removes from the index the images that are dangling (any image with `all`) and match every
/// filter; returns their ids in index order. Content removal is left to `gc::collect`.
pub fn prune_images(store: &Store, all: bool, filters: &[PruneFilter]) -> Result<Vec<Digest>, Error> {
    let images = store.images();
    let mut candidates = BTreeSet::new();
    let used: BTreeSet<Digest> = store.containers().list()?.into_iter().map(|c| c.image_id).collect();
    for rec in images.list().map_err(Error::Index)? {
        if (!all && !rec.names.is_empty()) || used.contains(&rec.id) {
            continue;
        }
        if !filters.is_empty() {
            let config: ImageConfig = store
                .blobs()
                .read(&rec.id)
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok())
                .ok_or_else(|| Error::Config {
                    id: rec.id.short().to_string(),
                })?;
            if !filters.iter().all(|f| f.matches(&config)) {
                continue;
            }
        }
        candidates.insert(rec.id);
    }
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    // Decide again under the index lock: another process may have named an image meanwhile.
    // A full disk must not keep a prune from freeing it (see `Store::freeing`).
    let removed = store
        .freeing(|| {
            images.update(|idx| {
                let ids = idx
                    .manifests
                    .iter()
                    .map(|d| images.image_id(&d.digest))
                    .collect::<Result<Vec<_>, _>>()?;
                let named: BTreeSet<&Digest> = idx
                    .manifests
                    .iter()
                    .zip(&ids)
                    .filter(|(d, _)| d.ref_name().is_some())
                    .map(|(_, id)| id)
                    .collect();
                let doomed = |id: &Digest| candidates.contains(id) && (all || !named.contains(id));
                let mut removed: Vec<Digest> = Vec::new();
                for id in ids.iter().filter(|id| doomed(id)) {
                    if !removed.contains(id) {
                        removed.push(id.clone());
                    }
                }
                let mut keep = ids.iter().map(|id| !doomed(id));
                idx.manifests.retain(|_| keep.next().unwrap_or(true));
                Ok(removed)
            })
        })
        .map_err(Error::UpdateIndex)?;
    Ok(removed)
}

/// One `--filter` of `image prune`.
#[derive(Debug, Clone, PartialEq)]
pub enum PruneFilter {
    /// `label=key`, `label=key=value`; `label!=…` selects images without it.
    Label {
        key: String,
        value: Option<String>,
        negate: bool,
    },
    /// `until=…`: images created before this instant.
    Until(DateTime<Utc>),
}

impl PruneFilter {
    /// `label=…`, `label!=…` or `until=…`, relative to `now`.
    pub fn parse(s: &str, now: DateTime<Utc>) -> Result<PruneFilter, Error> {
        let invalid = |reason: String| Error::InvalidFilter {
            filter: s.to_string(),
            reason,
        };
        let Some((name, value)) = s.split_once('=') else {
            return Err(invalid("expected name=value".into()));
        };
        match name {
            "label" | "label!" => {
                let (key, val) = match value.split_once('=') {
                    Some((k, v)) => (k, Some(v.to_string())),
                    None => (value, None),
                };
                if key.is_empty() {
                    return Err(invalid("empty label name".into()));
                }
                Ok(PruneFilter::Label {
                    key: key.to_string(),
                    value: val,
                    negate: name == "label!",
                })
            }
            "until" => Ok(PruneFilter::Until(parse_time(value, now).map_err(invalid)?)),
            _ => Err(invalid("supported filters are label=, label!= and until=".into())),
        }
    }

    fn matches(&self, config: &ImageConfig) -> bool {
        match self {
            PruneFilter::Label { key, value, negate } => {
                let labels: BTreeMap<String, String> = config.labels();
                let has = match (labels.get(key), value) {
                    (Some(_), None) => true,
                    (Some(v), Some(want)) => v == want,
                    (None, _) => false,
                };
                has != *negate
            }
            // An image without a creation time is as old as it gets.
            PruneFilter::Until(t) => config
                .created
                .as_deref()
                .and_then(|c| DateTime::parse_from_rfc3339(c).ok())
                .is_none_or(|c| c.with_timezone(&Utc) < *t),
        }
    }
}

/// Podman's timestamps: a Go duration before `now` (`10m`, `1h30m`), Unix seconds
/// (`1700000000.5`), RFC 3339, or a local date and time (`2024-01-02`, `2024-01-02T15:04:05`).
fn parse_time(s: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    if let Some(d) = parse_go_duration(s) {
        return chrono::Duration::from_std(d)
            .ok()
            .and_then(|d| now.checked_sub_signed(d))
            .ok_or_else(|| "duration too long".to_string());
    }
    if let Some((secs, frac)) = unix_seconds(s) {
        return DateTime::from_timestamp(secs, frac).ok_or_else(|| "timestamp out of range".to_string());
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        });
    match naive.map(|n| Local.from_local_datetime(&n).earliest()) {
        Some(Some(t)) => Ok(t.with_timezone(&Utc)),
        _ => Err(format!(
            "{s:?} is not a duration (10m), Unix time or RFC 3339 timestamp"
        )),
    }
}

/// `123` or `123.456` (fraction up to nanoseconds).
fn unix_seconds(s: &str) -> Option<(i64, u32)> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if frac.len() > 9 || (s.contains('.') && frac.is_empty()) {
        return None;
    }
    let secs = int.parse().ok()?;
    let nanos = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<9}").parse().ok()?
    };
    Some((secs, nanos))
}

/// Go's `time.ParseDuration` for non-negative values: `1h30m`, `1.5h`, `300ms`.
fn parse_go_duration(s: &str) -> Option<Duration> {
    if s.is_empty() {
        return None;
    }
    let mut rest = s;
    let mut total = 0f64;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(rest.len());
        let num: f64 = rest[..num_len].parse().ok()?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let scale = match &rest[..unit_len] {
            "ns" => 1e-9,
            "us" | "µs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return None,
        };
        rest = &rest[unit_len..];
        total += num * scale;
    }
    Duration::try_from_secs_f64(total).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2024-06-01T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn config(created: Option<&str>, labels: &[(&str, &str)]) -> ImageConfig {
        let labels: BTreeMap<&str, &str> = labels.iter().copied().collect();
        let mut v = serde_json::json!({"rootfs": {"type": "layers", "diff_ids": []}, "config": {"Labels": labels}});
        if let Some(c) = created {
            v["created"] = c.into();
        }
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn parses_filters() {
        assert_eq!(
            PruneFilter::parse("label=a=b=c", now()).unwrap(),
            PruneFilter::Label {
                key: "a".into(),
                value: Some("b=c".into()),
                negate: false
            }
        );
        assert_eq!(
            PruneFilter::parse("label!=a", now()).unwrap(),
            PruneFilter::Label {
                key: "a".into(),
                value: None,
                negate: true
            }
        );
        let hour_ago = now() - chrono::Duration::hours(1);
        assert_eq!(
            PruneFilter::parse("until=1h", now()).unwrap(),
            PruneFilter::Until(hour_ago)
        );
        assert_eq!(
            PruneFilter::parse("until=30m30m", now()).unwrap(),
            PruneFilter::Until(hour_ago)
        );
        assert_eq!(
            PruneFilter::parse("until=1717243200", now()).unwrap(),
            PruneFilter::Until(now())
        );
        assert_eq!(
            PruneFilter::parse("until=2024-06-01T12:00:00Z", now()).unwrap(),
            PruneFilter::Until(now())
        );
        assert!(PruneFilter::parse("until=2024-06-01", now()).is_ok());
        assert!(PruneFilter::parse("until=2024-06-01T10:00:00", now()).is_ok());
    }

    #[test]
    fn rejects_hostile_filters() {
        for bad in [
            "",
            "label",
            "label=",
            "label==x",
            "dangling=true",
            "until=",
            "until=yesterday",
            "until=-1h",
            "until=1x",
            "until=1.2.3",
            "until=1.",
            "until=h",
            "until=99999999999999999999",
            "until=1e400h",
            "until=1.0000000001",
            "until=2024-13-01",
            "until=\0",
        ] {
            assert!(PruneFilter::parse(bad, now()).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn go_durations() {
        assert_eq!(parse_go_duration("1h30m"), Some(Duration::from_secs(5400)));
        assert_eq!(parse_go_duration("1.5h"), Some(Duration::from_secs(5400)));
        assert_eq!(parse_go_duration("300ms"), Some(Duration::from_millis(300)));
        assert_eq!(parse_go_duration("0"), None);
        assert_eq!(parse_go_duration("ms"), None);
        assert_eq!(parse_go_duration("1hh"), None);
    }

    #[test]
    fn filters_match_configs() {
        let label = |s| PruneFilter::parse(s, now()).unwrap();
        let c = config(Some("2024-01-01T00:00:00Z"), &[("a", "1")]);
        assert!(label("label=a").matches(&c));
        assert!(label("label=a=1").matches(&c));
        assert!(!label("label=a=2").matches(&c));
        assert!(!label("label=b").matches(&c));
        assert!(!label("label!=a").matches(&c));
        assert!(label("label!=a=2").matches(&c));
        assert!(label("until=1h").matches(&c));
        assert!(!label("until=2023-12-31T00:00:00Z").matches(&c));
        assert!(label("until=1h").matches(&config(None, &[])));
        assert!(label("until=1h").matches(&config(Some("garbage"), &[])));
    }
}
