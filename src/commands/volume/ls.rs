//! `ferry volume ls`.

use anyhow::Result;
use serde_json::Value;

use crate::cli::VolumeLsArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::volume::{self, Filter};
use crate::output;

const DEFAULT_TABLE: &str = "table {{.Driver}}\t{{.Name}}";
const HEADERS: &[(&str, &str)] = &[("Name", "VOLUME NAME")];

pub fn exec(ctx: &mut Context, args: VolumeLsArgs) -> Result<ExitStatus> {
    let filters = Filter::parse_all(&args.filter)?;
    let volumes = volume::list(ctx.store()?, &filters)?;
    if args.quiet {
        for v in &volumes {
            println!("{}", v.name);
        }
        return Ok(ExitStatus::SUCCESS);
    }
    let rows = volumes
        .iter()
        .map(serde_json::to_value)
        .collect::<Result<Vec<Value>, _>>()?;
    print!(
        "{}",
        output::render_records(args.format.as_deref(), DEFAULT_TABLE, HEADERS, &rows, args.noheading)?
    );
    Ok(ExitStatus::SUCCESS)
}
