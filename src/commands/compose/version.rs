//! `ferry compose version`: the version of ferry's built-in Compose (ferry's own).

use anyhow::Result;

use crate::cli::{ComposeVersionArgs, ComposeVersionFormat};
use crate::commands::{Context, ExitStatus};

pub fn exec(_ctx: &mut Context, args: ComposeVersionArgs) -> Result<ExitStatus> {
    let version = env!("CARGO_PKG_VERSION");
    if args.short {
        println!("{version}");
    } else if args.format == ComposeVersionFormat::Json {
        println!("{}", serde_json::json!({ "version": version }));
    } else {
        println!("ferry compose version {version}");
    }
    Ok(ExitStatus::SUCCESS)
}
