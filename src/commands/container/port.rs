//! `ferry port` / `ferry container port`: a container's published ports, as Podman lists them.

use anyhow::{Result, bail};

use crate::cli::PortArgs;
use crate::commands::{Context, ExitStatus};
use crate::network::publish;

pub fn exec(ctx: &mut Context, args: PortArgs) -> Result<ExitStatus> {
    let mappings = crate::engine::container::inspect::ports(ctx.store()?, &args.container)?;
    match &args.private_port {
        None => {
            for line in publish::port_lines(&mappings, None) {
                println!("{line}");
            }
        }
        Some(p) => {
            let (port, proto) = publish::parse_port_filter(p)?;
            let lines = publish::port_lines(&mappings, Some((port, proto)));
            if lines.is_empty() {
                bail!(
                    "failed to find published port \"{port}/{}\"",
                    proto.map_or_else(|| "tcp".to_string(), |p| p.to_string())
                );
            }
            // With a port given, Podman prints only the host side.
            for line in lines {
                println!("{}", line.split_once(" -> ").map_or(line.as_str(), |(_, host)| host));
            }
        }
    }
    Ok(ExitStatus::SUCCESS)
}
