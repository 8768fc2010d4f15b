//! `ferry diff`: what a container changed in its filesystem, or what an image's top layer
//! changed over the layers below it.

use std::io::Write;

use anyhow::{Result, bail};
use serde_json::{Map, Value};

use crate::cli::DiffArgs;
use crate::commands::{Context, ExitStatus};
use crate::image::diff::{self, ChangeKind};
use crate::output;

pub fn exec(ctx: &mut Context, args: DiffArgs) -> Result<ExitStatus> {
    let json = match args.format.as_deref() {
        None => false,
        Some(f) if output::is_json(f) => true,
        Some(f) => bail!("invalid --format {f:?}: only json is supported"),
    };
    // Container files belong to the container's ids: read them as the container sees them.
    ctx.enter_userns()?;
    let changes = crate::engine::container::fs::diff(ctx.store()?, &args.target)?;
    print(&changes, json)
}

fn print(changes: &[diff::Change], json: bool) -> Result<ExitStatus> {
    let mut out = std::io::stdout().lock();
    if json {
        // Podman's report: one list per kind, absent when empty.
        let mut report = Map::new();
        for (key, kind) in [
            ("changed", ChangeKind::Changed),
            ("added", ChangeKind::Added),
            ("deleted", ChangeKind::Deleted),
        ] {
            let paths: Vec<Value> = changes
                .iter()
                .filter(|c| c.kind == kind)
                .map(|c| Value::String(c.path.to_string_lossy().into_owned()))
                .collect();
            if !paths.is_empty() {
                report.insert(key.to_string(), Value::Array(paths));
            }
        }
        out.write_all(output::pretty_json(&Value::Object(report))?.as_bytes())?;
    } else {
        for c in changes {
            writeln!(out, "{} {}", c.kind, c.path.to_string_lossy())?;
        }
    }
    Ok(ExitStatus::SUCCESS)
}
