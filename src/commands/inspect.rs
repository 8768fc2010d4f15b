//! `ferry inspect` / `ferry image inspect`: Podman's JSON for images and containers.

use anyhow::Result;
use serde_json::Value;

use super::{Context, ExitStatus};
use crate::cli::{InspectArgs, InspectType};
use crate::image::lookup;
use crate::output;

pub fn exec(ctx: &mut Context, args: InspectArgs) -> Result<ExitStatus> {
    let store = ctx.store()?;
    let records = store.images().list()?;
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for name in &args.names {
        // As Podman: with --type all, a container of that name or id wins over an image.
        if args.kind != InspectType::Image {
            match crate::engine::container::inspect::inspect(store, name) {
                Ok(v) => {
                    found.push(serde_json::to_value(v)?);
                    continue;
                }
                Err(e) if args.kind == InspectType::Container => {
                    errors.push(e.into());
                    continue;
                }
                Err(_) => {}
            }
        }
        match lookup::find_in(&records, name)
            .map_err(anyhow::Error::from)
            .and_then(|r| Ok(lookup::open(store, r)?))
        {
            Ok(img) => found.push(serde_json::to_value(crate::engine::image::inspect_image(store, &img))?),
            Err(e) => errors.push(match args.kind {
                InspectType::All => anyhow::anyhow!("no such object: {name:?}"),
                _ => e,
            }),
        }
    }
    match args.format.as_deref() {
        None | Some("json") => {
            if !found.is_empty() || errors.is_empty() {
                println!("{}", output::render_one("json", &Value::Array(found))?.trim_end());
            }
        }
        Some(fmt) => {
            for v in &found {
                let s = output::render_one(fmt, v)?;
                println!("{}", s.trim_end_matches('\n'));
            }
        }
    }
    super::report_errors(errors)
}
