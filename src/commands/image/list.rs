//! `ferry images` / `ferry image ls`.

use std::collections::BTreeSet;

use anyhow::Result;
use serde_json::{Value, json};

use crate::cli::ImagesArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::image::{self, ImageListing, ListFilter};
use crate::image::reference::Reference;
use crate::output;

const DEFAULT_TABLE: &str = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Created}}\t{{.Size}}";
const DIGEST_TABLE: &str = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.Created}}\t{{.Size}}";
const HEADERS: &[(&str, &str)] = &[
    ("ID", "IMAGE ID"),
    ("CreatedSince", "CREATED"),
    ("CreatedAt", "CREATED AT"),
];

/// One table row (per name) with the fields Podman's templates use.
fn row_json(f: &ImageListing, name: Option<&str>, no_trunc: bool) -> Value {
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
    let mut filters = args
        .filter
        .iter()
        .map(|f| ListFilter::parse(f))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(r) = &args.reference {
        filters.push(ListFilter::Reference(r.clone()));
    }
    let all = image::list(store, &filters)?;

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
        let list = all
            .iter()
            .map(|f| serde_json::to_value(f.summary()))
            .collect::<Result<Vec<Value>, _>>()?;
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
