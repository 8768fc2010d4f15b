//! `ferry images` / `ferry image ls`.

use std::collections::BTreeSet;

use anyhow::{Context as _, Result, bail};
use serde_json::{Value, json};

use crate::cli::ImagesArgs;
use crate::commands::{Context, ExitStatus};
use crate::image::lookup::{self, LocalImage};
use crate::image::reference::{Reference, matches_short};
use crate::output;
use crate::store::Store;

const DEFAULT_TABLE: &str = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Created}}\t{{.Size}}";
const DIGEST_TABLE: &str = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.Created}}\t{{.Size}}";
pub const HEADERS: &[(&str, &str)] = &[
    ("ID", "IMAGE ID"),
    ("CreatedSince", "CREATED"),
    ("CreatedAt", "CREATED AT"),
];

/// The facts about one image that several commands show.
pub struct ImageFacts {
    pub image: LocalImage,
    /// Uncompressed size of all layers.
    pub size: u64,
    pub created: String,
    pub created_unix: i64,
}

pub fn facts(store: &Store, image: LocalImage) -> ImageFacts {
    let size = crate::commands::inspect::image_size(store, &image);
    let created = image.config.created.clone().unwrap_or_default();
    let created_unix = chrono::DateTime::parse_from_rfc3339(&created)
        .map(|t| t.timestamp())
        .unwrap_or(0);
    ImageFacts {
        image,
        size,
        created,
        created_unix,
    }
}

enum Filter {
    Reference(String),
    Dangling(bool),
    Label(String, Option<String>),
    Before(i64),
    Since(i64),
}

fn parse_filters(store: &Store, raw: &[String]) -> Result<Vec<Filter>> {
    let mut out = Vec::new();
    for f in raw {
        let Some((k, v)) = f.split_once('=') else {
            bail!("invalid filter {f:?}: expected key=value")
        };
        out.push(match k {
            "reference" => Filter::Reference(v.to_string()),
            "dangling" => match v {
                "true" => Filter::Dangling(true),
                "false" => Filter::Dangling(false),
                _ => bail!("invalid filter {f:?}: dangling takes true or false"),
            },
            "label" => match v.split_once('=') {
                Some((lk, lv)) => Filter::Label(lk.to_string(), Some(lv.to_string())),
                None => Filter::Label(v.to_string(), None),
            },
            "before" | "since" => {
                let rec = lookup::find(store, v)?;
                let img = lookup::open(store, &rec)?;
                let t = facts(store, img).created_unix;
                if k == "before" {
                    Filter::Before(t)
                } else {
                    Filter::Since(t)
                }
            }
            _ => bail!("invalid filter {f:?}: supported filters are reference, dangling, label, before and since"),
        });
    }
    Ok(out)
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

fn keep(f: &ImageFacts, filters: &[Filter]) -> bool {
    let names = &f.image.record.names;
    filters.iter().all(|flt| match flt {
        Filter::Reference(p) => names.iter().any(|n| name_matches(n, p)),
        Filter::Dangling(d) => names.is_empty() == *d,
        Filter::Label(k, v) => {
            let labels = f.image.config.labels();
            match v {
                Some(v) => labels.get(k) == Some(v),
                None => labels.contains_key(k),
            }
        }
        Filter::Before(t) => f.created_unix < *t,
        Filter::Since(t) => f.created_unix > *t,
    })
}

/// Podman's JSON for one image in `images --format json`.
fn image_json(f: &ImageFacts) -> Value {
    let r = &f.image.record;
    let repo_digests: Vec<String> = crate::commands::inspect::repo_digests(r);
    json!({
        "Id": r.id.hex(),
        "ParentId": "",
        "RepoTags": if r.names.is_empty() { Value::Null } else { json!(r.names) },
        "RepoDigests": repo_digests,
        "Created": f.created_unix,
        "Size": f.size,
        "SharedSize": 0,
        "VirtualSize": f.size,
        "Labels": f.image.config.labels(),
        "Containers": 0,
        "Names": if r.names.is_empty() { Value::Null } else { json!(r.names) },
        "Digest": r.manifest.digest.to_string(),
        "History": r.names,
        "CreatedAt": f.created,
        "Dangling": r.names.is_empty(),
    })
}

/// One table row (per name) with the fields Podman's templates use.
fn row_json(f: &ImageFacts, name: Option<&str>, no_trunc: bool) -> Value {
    let r = &f.image.record;
    let (repo, tag) = match name.and_then(|n| Reference::parse(n).ok()) {
        Some(rf) => (rf.name(), rf.tag.clone().unwrap_or_else(|| "<none>".into())),
        None => ("<none>".to_string(), "<none>".to_string()),
    };
    let id = if no_trunc {
        r.id.to_string()
    } else {
        r.id.short().to_string()
    };
    let now = chrono::Utc::now();
    let since = output::time_ago(&f.created, now).unwrap_or_default();
    json!({
        "ID": id,
        "Id": r.id.hex(),
        "Repository": repo,
        "Tag": tag,
        "Digest": r.manifest.digest.to_string(),
        "Created": since,
        "CreatedSince": since,
        "CreatedAt": f.created,
        "CreatedTime": f.created,
        "Size": output::human_size(f.size),
        "VirtualSize": output::human_size(f.size),
        "SharedSize": output::human_size(0),
        "Containers": 0,
        "Labels": f.image.config.labels(),
        "Names": r.names,
        "Dangling": r.names.is_empty(),
        "ReadOnly": false,
        "History": r.names,
    })
}

pub fn exec(ctx: &mut Context, args: ImagesArgs) -> Result<ExitStatus> {
    let store = ctx.store()?;
    let mut filters = parse_filters(store, &args.filter)?;
    if let Some(r) = &args.reference {
        filters.push(Filter::Reference(r.clone()));
    }
    let mut all = Vec::new();
    for rec in store.images().list().context("listing images")? {
        let img = match lookup::open(store, &rec) {
            Ok(img) => img,
            // Removed by a concurrent command since the index was read.
            Err(lookup::LookupError::NotKnown(_)) => continue,
            Err(e) => return Err(anyhow::Error::from(e).context(format!("reading image {}", rec.id.short()))),
        };
        let f = facts(store, img);
        if keep(&f, &filters) {
            all.push(f);
        }
    }
    all.sort_by_key(|f| std::cmp::Reverse(f.created_unix));

    if args.quiet {
        let mut seen = BTreeSet::new();
        for f in &all {
            let id = &f.image.record.id;
            if seen.insert(id.clone()) {
                println!(
                    "{}",
                    if args.no_trunc {
                        id.to_string()
                    } else {
                        id.short().to_string()
                    }
                );
            }
        }
        return Ok(ExitStatus::SUCCESS);
    }
    if args.format.as_deref() == Some("json") {
        let list: Vec<Value> = all.iter().map(image_json).collect();
        print!(
            "{}",
            output::render_records(Some("json"), DEFAULT_TABLE, HEADERS, &list, false)?
        );
        return Ok(ExitStatus::SUCCESS);
    }
    let mut rows = Vec::new();
    for f in &all {
        if f.image.record.names.is_empty() {
            rows.push(row_json(f, None, args.no_trunc));
        }
        for n in &f.image.record.names {
            rows.push(row_json(f, Some(n), args.no_trunc));
        }
    }
    let table = if args.digests { DIGEST_TABLE } else { DEFAULT_TABLE };
    print!(
        "{}",
        output::render_records(args.format.as_deref(), table, HEADERS, &rows, args.noheading)?
    );
    Ok(ExitStatus::SUCCESS)
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
}
