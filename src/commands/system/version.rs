//! `ferry version`: Podman's `Client:` block, JSON or a template over `{"Client": {...}}`.

use anyhow::Result;
use serde::Serialize;

use crate::cli::VersionArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::system::VersionInfo;

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct VersionReport {
    client: VersionInfo,
}

pub fn exec(_ctx: &mut Context, args: VersionArgs) -> Result<ExitStatus> {
    let report = VersionReport {
        client: VersionInfo::current(),
    };
    match args.format.as_deref() {
        None | Some("") => {
            let c = &report.client;
            println!("Client:       ferry");
            println!("Version:      {}", c.version);
            println!("OS/Arch:      {}", c.os_arch);
        }
        Some(f) => {
            let value = serde_json::to_value(&report).expect("version serializes");
            print!("{}", crate::output::render_one(f, &value)?);
        }
    }
    Ok(ExitStatus::SUCCESS)
}
