//! `ferry pull`: images from registries, with Podman's narrative on stderr and the image id on stdout.

use anyhow::{Result, bail};

use crate::cli::PullArgs;
use crate::commands::{Context, ExitStatus, client_options, debug, warn};
use crate::config::registries::RegistriesConf;
use crate::engine::image::{self, PullMode, Pulled};
use crate::output::progress::Display;
use crate::registry::pull::policy::PullPolicy;
use crate::registry::pull::{PlatformSpec, PullOptions};

pub fn exec(ctx: &mut Context, args: PullArgs) -> Result<ExitStatus> {
    let platform = PlatformSpec::from_options(
        args.platform.as_deref(),
        args.os.as_deref(),
        args.arch.as_deref(),
        args.variant.as_deref(),
    )?;
    let client = client_options(&args.registry, ctx.engine.host.uid)?;
    // Read before entering the user namespace: which file applies depends on being rootless.
    let registries = RegistriesConf::load()?;
    ctx.enter_userns()?;
    let opts = PullOptions {
        client,
        registries,
        platform,
        jobs: usize::from(args.jobs),
        apply: ctx.engine.apply_options(),
    };
    let store = ctx.store()?;
    let display = Display::new(args.quiet);
    let policy: PullPolicy = args.policy.parse()?;
    let mode = match (args.all_tags, policy) {
        (false, policy) => PullMode::Policy(policy),
        (true, PullPolicy::Always) => PullMode::AllTags,
        (true, _) => bail!(
            "--all-tags pulls every tag: it cannot be combined with --policy {}",
            args.policy
        ),
    };
    for input in &args.images {
        for pulled in image::pull(store, input, mode, &opts, &display)? {
            if let Pulled::Fetched(p) = &pulled {
                for w in &p.warnings {
                    warn(w);
                }
                let from_index = p
                    .index_digest
                    .as_ref()
                    .map(|d| format!(" (from image index {d})"))
                    .unwrap_or_default();
                debug(&format!(
                    "stored {} as {}, manifest {}{from_index}",
                    p.id, p.name, p.manifest_digest
                ));
            }
            println!("{}", pulled.id().hex());
        }
    }
    Ok(ExitStatus::SUCCESS)
}
