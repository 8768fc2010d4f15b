//! `ferry pull`: images from registries, with Podman's narrative on stderr and the image id on stdout.

use anyhow::{Result, bail};

use crate::cli::PullArgs;
use crate::commands::{Context, ExitStatus, client_options, debug, warn};
use crate::config::registries::RegistriesConf;
use crate::output::progress::Display;
use crate::registry::pull::policy::{PullPolicy, ensure_image};
use crate::registry::pull::{self, PlatformSpec, PullOptions};

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
    let store = ctx.store()?.clone();
    let display = Display::new(args.quiet);
    let policy: PullPolicy = args.policy.parse()?;
    if args.all_tags && policy != PullPolicy::Always {
        bail!(
            "--all-tags pulls every tag: it cannot be combined with --policy {}",
            args.policy
        );
    }
    for image in &args.images {
        if policy != PullPolicy::Always {
            let record = ensure_image(&store, image, policy, &opts, &display)?;
            println!("{}", record.id.hex());
            continue;
        }
        let pulled = if args.all_tags {
            pull::pull_all_tags(&store, image, &opts, &display)?
        } else {
            vec![pull::pull(&store, image, &opts, &display)?]
        };
        for p in pulled {
            for w in &p.warnings {
                warn(w);
            }
            let from_index = p
                .index_digest
                .map(|d| format!(" (from image index {d})"))
                .unwrap_or_default();
            debug(&format!(
                "stored {} as {}, manifest {}{from_index}",
                p.id, p.name, p.manifest_digest
            ));
            println!("{}", p.id.hex());
        }
    }
    Ok(ExitStatus::SUCCESS)
}
