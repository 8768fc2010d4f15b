//! `images`: the images in local storage, filtered, newest first.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Error, image_size, repo_digests};
use crate::image::lookup::{self, LocalImage};
use crate::image::reference::{Reference, matches_short};
use crate::store::Store;

/// One image of a listing with the facts every front end shows.
pub struct ImageListing {
    pub image: LocalImage,
    /// Uncompressed size of all layers.
    pub size: u64,
    /// RFC 3339 creation time as recorded in the config (empty when unknown).
    pub created: String,
    pub created_unix: i64,
}

/// Podman's JSON for one image in `images --format json` (field order as Podman prints it).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ImageSummary {
    pub id: String,
    pub parent_id: String,
    /// Null for an image without names.
    pub repo_tags: Option<Vec<String>>,
    pub repo_digests: Vec<String>,
    pub created: i64,
    pub size: u64,
    pub shared_size: u64,
    pub virtual_size: u64,
    pub labels: BTreeMap<String, String>,
    pub containers: u64,
    pub names: Option<Vec<String>>,
    pub digest: String,
    pub history: Vec<String>,
    pub created_at: String,
    pub dangling: bool,
}

impl ImageListing {
    pub fn new(store: &Store, image: LocalImage) -> ImageListing {
        let size = image_size(store, &image);
        let created = image.config.created.clone().unwrap_or_default();
        let created_unix = chrono::DateTime::parse_from_rfc3339(&created)
            .map(|t| t.timestamp())
            .unwrap_or(0);
        ImageListing {
            image,
            size,
            created,
            created_unix,
        }
    }

    pub fn summary(&self) -> ImageSummary {
        let r = &self.image.record;
        let names = (!r.names.is_empty()).then(|| r.names.clone());
        ImageSummary {
            id: r.id.hex().to_string(),
            parent_id: String::new(),
            repo_tags: names.clone(),
            repo_digests: repo_digests(r),
            created: self.created_unix,
            size: self.size,
            shared_size: 0,
            virtual_size: self.size,
            labels: self.image.config.labels(),
            containers: 0,
            names,
            digest: r.manifest.digest.to_string(),
            history: r.names.clone(),
            created_at: self.created.clone(),
            dangling: r.names.is_empty(),
        }
    }
}

/// One filter of `images --filter`; all must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListFilter {
    /// A name matching this pattern (`*` and `?` globs, a repository without tag, a short name).
    Reference(String),
    Dangling(bool),
    Label(String, Option<String>),
    /// Created before the image this selects.
    Before(String),
    /// Created after the image this selects.
    Since(String),
}

impl ListFilter {
    /// `key=value` as `--filter` and the API's filters give it.
    pub fn parse(f: &str) -> Result<ListFilter, Error> {
        let invalid = |reason: &str| Error::InvalidFilter {
            filter: f.to_string(),
            reason: reason.to_string(),
        };
        let Some((k, v)) = f.split_once('=') else {
            return Err(invalid("expected key=value"));
        };
        Ok(match k {
            "reference" => ListFilter::Reference(v.to_string()),
            "dangling" => match v {
                "true" => ListFilter::Dangling(true),
                "false" => ListFilter::Dangling(false),
                _ => return Err(invalid("dangling takes true or false")),
            },
            "label" => match v.split_once('=') {
                Some((lk, lv)) => ListFilter::Label(lk.to_string(), Some(lv.to_string())),
                None => ListFilter::Label(v.to_string(), None),
            },
            "before" => ListFilter::Before(v.to_string()),
            "since" => ListFilter::Since(v.to_string()),
            _ => {
                return Err(invalid(
                    "supported filters are reference, dangling, label, before and since",
                ));
            }
        })
    }
}

/// A filter with the images it refers to resolved to their creation times.
enum Resolved<'a> {
    Reference(&'a str),
    Dangling(bool),
    Label(&'a str, Option<&'a str>),
    Before(i64),
    Since(i64),
}

/// The images matching every filter, newest first.
pub fn list(store: &Store, filters: &[ListFilter]) -> Result<Vec<ImageListing>, Error> {
    let mut resolved = Vec::new();
    for f in filters {
        resolved.push(match f {
            ListFilter::Reference(p) => Resolved::Reference(p),
            ListFilter::Dangling(d) => Resolved::Dangling(*d),
            ListFilter::Label(k, v) => Resolved::Label(k, v.as_deref()),
            ListFilter::Before(i) | ListFilter::Since(i) => {
                let rec = lookup::find(store, i)?;
                let img = lookup::open(store, &rec)?;
                let t = ImageListing::new(store, img).created_unix;
                if matches!(f, ListFilter::Before(_)) {
                    Resolved::Before(t)
                } else {
                    Resolved::Since(t)
                }
            }
        });
    }
    let mut all = Vec::new();
    for rec in store.images().list().map_err(Error::ListImages)? {
        let img = match lookup::open(store, &rec) {
            Ok(img) => img,
            // Removed by a concurrent command since the index was read.
            Err(lookup::LookupError::NotKnown(_)) => continue,
            Err(source) => {
                return Err(Error::Open {
                    id: rec.id.short().to_string(),
                    source: Box::new(source),
                });
            }
        };
        let f = ImageListing::new(store, img);
        if keep(&f, &resolved) {
            all.push(f);
        }
    }
    all.sort_by_key(|f| std::cmp::Reverse(f.created_unix));
    Ok(all)
}

/// Glob match with `*` and `?` (what Podman's reference filter uses).
fn glob(pat: &str, s: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pat.chars().collect(), s.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(sp) = star {
            pi = sp + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// Whether a stored name matches a `reference=` filter or the positional argument.
fn name_matches(name: &str, pattern: &str) -> bool {
    if glob(pattern, name) {
        return true;
    }
    let Ok(stored) = Reference::parse(name) else {
        return false;
    };
    if pattern.contains('*') || pattern.contains('?') {
        // Match the pattern against the repository path with or without the registry, and with the tag.
        let repo_tag = format!("{}:{}", stored.repository, stored.tag.clone().unwrap_or_default());
        return glob(pattern, &stored.repository)
            || glob(pattern, &repo_tag)
            || stored
                .repository
                .rsplit('/')
                .next()
                .is_some_and(|last| glob(pattern, last));
    }
    if pattern.contains(':') || pattern.contains('@') {
        return matches_short(&stored, pattern) || Reference::parse(pattern).is_ok_and(|r| r.to_string() == name);
    }
    // Without a tag, every tag of the repository matches.
    let with_tag = format!("{pattern}:{}", stored.tag.clone().unwrap_or_default());
    matches_short(&stored, &with_tag) || Reference::parse(&with_tag).is_ok_and(|r| r.to_string() == name)
}

fn keep(f: &ImageListing, filters: &[Resolved]) -> bool {
    let names = &f.image.record.names;
    filters.iter().all(|flt| match flt {
        Resolved::Reference(p) => names.iter().any(|n| name_matches(n, p)),
        Resolved::Dangling(d) => names.is_empty() == *d,
        Resolved::Label(k, v) => {
            let labels = f.image.config.labels();
            match v {
                Some(v) => labels.get(*k).map(String::as_str) == Some(*v),
                None => labels.contains_key(*k),
            }
        }
        Resolved::Before(t) => f.created_unix < *t,
        Resolved::Since(t) => f.created_unix > *t,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_filter_matching() {
        let n = "docker.io/library/busybox:latest";
        assert!(name_matches(n, "busybox"));
        assert!(name_matches(n, "busybox:latest"));
        assert!(name_matches(n, "docker.io/library/busybox"));
        assert!(name_matches(n, "busy*"));
        assert!(name_matches(n, "*box:latest"));
        assert!(!name_matches(n, "busybox:1.0"));
        assert!(!name_matches(n, "box"));
        assert!(!name_matches(n, "alpine*"));
        assert!(glob("a*b?c", "axxbyc"));
        assert!(!glob("a*b?c", "axxbc"));
    }

    #[test]
    fn parses_list_filters() {
        assert_eq!(
            ListFilter::parse("label=a=b=c").unwrap(),
            ListFilter::Label("a".into(), Some("b=c".into()))
        );
        assert_eq!(ListFilter::parse("dangling=true").unwrap(), ListFilter::Dangling(true));
        assert_eq!(
            ListFilter::parse("before=x:1").unwrap(),
            ListFilter::Before("x:1".into())
        );
        assert_eq!(
            ListFilter::parse("reference=").unwrap(),
            ListFilter::Reference(String::new())
        );
        for bad in ["", "dangling", "dangling=yes", "until=1h", "=x", "label", "\0=\0"] {
            let err = ListFilter::parse(bad).unwrap_err();
            assert_eq!(
                err.kind(),
                crate::engine::container::ErrorKind::InvalidArgument,
                "{bad:?}"
            );
            assert!(err.to_string().starts_with("invalid filter"), "{err}");
        }
    }
}
