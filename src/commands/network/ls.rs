//! `ferry network ls`.

use anyhow::Result;
use serde_json::Value;

use crate::cli::NetworkLsArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::network::{self, Filter};
use crate::output;

const DEFAULT_TABLE: &str = "table {{.ID}}\t{{.Name}}\t{{.Driver}}";
const HEADERS: &[(&str, &str)] = &[("ID", "NETWORK ID")];

pub fn exec(ctx: &mut Context, args: NetworkLsArgs) -> Result<ExitStatus> {
    let filters = Filter::parse_all(&args.filter)?;
    let nets = network::list(ctx.store()?, &filters)?;
    if args.quiet {
        for n in &nets {
            println!("{}", n.network.name);
        }
        return Ok(ExitStatus::SUCCESS);
    }
    if args.format.as_deref().is_some_and(output::is_json) {
        print!("{}", output::pretty_json(&nets)?);
        return Ok(ExitStatus::SUCCESS);
    }
    let mut rows = Vec::new();
    for n in &nets {
        let mut row = super::template_fields(&serde_json::to_value(n)?);
        if !args.no_trunc
            && let Some(id) = row.get("ID").and_then(Value::as_str)
        {
            row["ID"] = Value::String(id.chars().take(12).collect());
        }
        rows.push(row);
    }
    print!(
        "{}",
        output::render_records(args.format.as_deref(), DEFAULT_TABLE, HEADERS, &rows, args.noheading)?
    );
    Ok(ExitStatus::SUCCESS)
}
