//! `ferry history`: an image's history entries, newest first.

use anyhow::Result;
use serde_json::{Value, json};

use crate::cli::HistoryArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::image;
use crate::output;

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
    let history = image::history(store, &args.image)?;
    let now = chrono::Utc::now();
    let mut rows: Vec<Value> = Vec::new();
    for h in &history.entries {
        let created = h.created.clone().unwrap_or_default();
        let by = h.created_by.clone().unwrap_or_default();
        rows.push(json!({
            "ID": "<missing>",
            "Created": if args.human { output::time_ago(&created, now).unwrap_or_default() } else { created.clone() },
            "CreatedAt": created,
            "CreatedSince": output::time_ago(&created, now).unwrap_or_default(),
            "CreatedBy": if args.no_trunc { by.clone() } else { truncate(&by, 45) },
            "Size": if args.human { output::human_size(h.size) } else { h.size.to_string() },
            "Comment": h.comment.clone().unwrap_or_default(),
            "Tags": history.names,
        }));
    }
    if let Some(first) = rows.first_mut() {
        first["ID"] = json!(if args.no_trunc {
            history.id.to_string()
        } else {
            history.id.short().to_string()
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
