//! `ferry history`: an image's history entries, newest first.

use anyhow::Result;
use serde_json::{Value, json};

use crate::cli::HistoryArgs;
use crate::commands::{Context, ExitStatus};
use crate::image::lookup;
use crate::output;
use crate::store::Digest;
use crate::store::layers::chain_id;

const DEFAULT_TABLE: &str = "table {{.ID}}\t{{.Created}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
const HEADERS: &[(&str, &str)] = &[("ID", "ID"), ("CreatedBy", "CREATED BY"), ("CreatedAt", "CREATED AT")];

/// Podman cuts the command at 45 characters unless `--no-trunc`.
fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}...", s.chars().take(n - 3).collect::<String>())
    }
}

pub fn exec(ctx: &mut Context, args: HistoryArgs) -> Result<ExitStatus> {
    let store = ctx.store()?;
    let rec = lookup::find(store, &args.image)?;
    let img = lookup::open(store, &rec)?;

    // Sizes of the non-empty history entries come from the layers, in order.
    let mut sizes = Vec::new();
    let mut parent: Option<Digest> = None;
    for (i, d) in img.config.rootfs.diff_ids.iter().enumerate() {
        let chain = chain_id(parent.as_ref(), d);
        sizes.push(
            store
                .layers()
                .get(&chain)
                .map(|l| l.size)
                .unwrap_or_else(|_| img.manifest.layers.get(i).map(|l| l.size).unwrap_or(0)),
        );
        parent = Some(chain);
    }
    let mut history = img.config.history.clone();
    if history.is_empty() {
        history = img.config.rootfs.diff_ids.iter().map(|_| Default::default()).collect();
    }
    let mut layer = 0;
    let now = chrono::Utc::now();
    let mut rows: Vec<Value> = Vec::new();
    for h in &history {
        let size = if h.empty_layer {
            0
        } else {
            let s = sizes.get(layer).copied().unwrap_or(0);
            layer += 1;
            s
        };
        let created = h.created.clone().unwrap_or_default();
        let by = h.created_by.clone().unwrap_or_default();
        rows.push(json!({
            "ID": "<missing>",
            "Created": if args.human { output::time_ago(&created, now).unwrap_or_default() } else { created.clone() },
            "CreatedAt": created,
            "CreatedSince": output::time_ago(&created, now).unwrap_or_default(),
            "CreatedBy": if args.no_trunc { by.clone() } else { truncate(&by, 45) },
            "Size": if args.human { output::human_size(size) } else { size.to_string() },
            "Comment": h.comment.clone().unwrap_or_default(),
            "Tags": rec.names,
        }));
    }
    rows.reverse();
    if let Some(first) = rows.first_mut() {
        first["ID"] = json!(if args.no_trunc {
            rec.id.to_string()
        } else {
            rec.id.short().to_string()
        });
    }
    if args.quiet {
        for r in &rows {
            println!("{}", r["ID"].as_str().unwrap_or_default());
        }
        return Ok(ExitStatus::SUCCESS);
    }
    print!(
        "{}",
        output::render_records(args.format.as_deref(), DEFAULT_TABLE, HEADERS, &rows, false)?
    );
    Ok(ExitStatus::SUCCESS)
}
