//! `ferry system check`: verifies the store (and repairs it with `--repair`), printing one row
//! per problem; exits 1 while problems remain.

use anyhow::{Context as _, Result};

use crate::cli::SystemCheckArgs;
use crate::commands::{Context, ExitStatus};
use crate::image::check::{self, CheckOptions, CheckReport, Status};
use crate::output;

const DEFAULT_TABLE: &str = "table {{.Kind}}\t{{.Object}}\t{{.Message}}\t{{.Status}}\t{{.Repair}}";

pub fn exec(ctx: &mut Context, args: SystemCheckArgs) -> Result<ExitStatus> {
    // Repairs remove files owned by mapped ids; reading needs no more, but one way is simpler.
    ctx.enter_userns()?;
    let opts = CheckOptions {
        quick: args.quick,
        repair: args.repair,
        apply: ctx.engine.apply_options(),
    };
    let store = ctx.store()?;
    let report = check::check(store, &opts).context("checking the store")?;
    let format = args.format.as_deref();
    if format.is_some_and(output::is_json) {
        print!("{}", output::pretty_json(&report)?);
    } else {
        let rows: Vec<serde_json::Value> = report
            .problems
            .iter()
            .map(|p| {
                let mut v = serde_json::to_value(p).expect("problems serialize");
                if p.status == Status::RepairFailed
                    && let Some(e) = &p.error
                {
                    v["Repair"] = format!("{}: {e}", p.repair).into();
                }
                v
            })
            .collect();
        if !rows.is_empty() {
            print!(
                "{}",
                output::render_records(format, DEFAULT_TABLE, &[("Message", "PROBLEM")], &rows, false)?
            );
        }
        if format.is_none() {
            println!("{}", summary(&report));
        }
    }
    Ok(if report.remaining() > 0 {
        ExitStatus::FAILURE
    } else {
        ExitStatus::SUCCESS
    })
}

fn summary(report: &CheckReport) -> String {
    let c = &report.checked;
    let n = |count: usize, what: &str| format!("{count} {what}{}", if count == 1 { "" } else { "s" });
    let checked = format!(
        "Checked {}, {}, {}, {}, {}, {}",
        n(c.images, "image"),
        n(c.layers, "layer"),
        n(c.blobs, "blob"),
        n(c.containers, "container"),
        n(c.volumes, "volume"),
        n(c.networks, "network")
    );
    let total = report.problems.len();
    if total == 0 {
        return format!("{checked}: no problems found");
    }
    let repaired = total - report.remaining();
    format!(
        "{checked}: {}, {repaired} repaired, {} remaining",
        n(total, "problem"),
        report.remaining()
    )
}
