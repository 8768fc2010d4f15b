//! `ferry compose config`: the project as Compose reads it, normalized and interpolated, as YAML
//! or JSON; or one list (services, volumes, networks, profiles, images, config hashes).

use std::collections::BTreeSet;

use anyhow::{Context as _, Result};

use crate::cli::{ComposeConfigArgs, ComposeConfigFormat, ComposeProjectOptions};
use crate::commands::{Context, ExitStatus, warn};
use crate::compose::{self, Project, plan};
use crate::yaml;

pub fn exec(_ctx: &mut Context, project: &ComposeProjectOptions, args: ComposeConfigArgs) -> Result<ExitStatus> {
    let mut opts = super::load_options(project, &args.services)?;
    opts.interpolate = !args.no_interpolate;
    let listing = args.services_only || args.volumes || args.networks || args.profiles || args.images;
    if args.no_interpolate && !listing && args.hash.is_none() {
        // The merged files as written: variables stay, nothing is typed or defaulted.
        let model = compose::load_model(&opts)?;
        for w in &model.warnings {
            warn(w);
        }
        if !args.services.is_empty() {
            warn("services are not selected with --no-interpolate: the whole model is printed");
        }
        let value: serde_json::Value = yaml::de::from_node(&model.tree)?;
        return write(&args, &render(&value, args.format, false));
    }
    let loaded = compose::load(&opts)?;
    for w in &loaded.warnings {
        warn(w);
    }
    let mut project = loaded.project;
    if !args.services.is_empty() {
        select(&mut project, &args.services)?;
    }
    let mut lines: Vec<String> = Vec::new();
    if args.services_only {
        lines = plan::start_order(&project)?;
    } else if args.volumes {
        lines = project.volumes.keys().cloned().collect();
    } else if args.networks {
        lines = project.networks.keys().cloned().collect();
    } else if args.profiles {
        let all = project.services.values().chain(project.disabled_services.values());
        let set: BTreeSet<&String> = all.flat_map(|s| &s.profiles).collect();
        lines = set.into_iter().cloned().collect();
    } else if args.images {
        for (name, service) in &project.services {
            // A service built without an image name gets Compose's `<project>-<service>`.
            let image = service
                .image
                .clone()
                .unwrap_or_else(|| format!("{}-{name}", project.name));
            lines.push(image);
        }
    } else if let Some(which) = &args.hash {
        let names: Vec<String> = if which == "*" {
            project.services.keys().cloned().collect()
        } else {
            which.split(',').map(|s| s.trim().to_string()).collect()
        };
        for name in names {
            let service = project
                .services
                .get(&name)
                .ok_or_else(|| compose::Error::NoSuchService { name: name.clone() })?;
            lines.push(format!("{name} {}", plan::config_hash(service)));
        }
    } else {
        let value = serde_json::to_value(&project).context("serializing the project")?;
        return write(&args, &render(&value, args.format, true));
    }
    if !args.quiet {
        for line in lines {
            println!("{line}");
        }
    }
    Ok(ExitStatus::SUCCESS)
}

/// Keeps the named services, what they depend on, and the resources those use.
fn select(project: &mut Project, names: &[String]) -> Result<()> {
    let keep: BTreeSet<String> = plan::services_to_start(project, names, false)?.into_iter().collect();
    project.services.retain(|name, _| keep.contains(name));
    let used_networks: BTreeSet<String> = project
        .services
        .values()
        .flat_map(|s| s.networks.keys().cloned())
        .collect();
    project.networks.retain(|k, _| used_networks.contains(k));
    let used_volumes: BTreeSet<String> = project
        .services
        .values()
        .flat_map(|s| s.volumes.iter().filter_map(|v| v.source.clone()))
        .collect();
    project.volumes.retain(|k, _| used_volumes.contains(k));
    Ok(())
}

/// YAML or JSON text; interpolated output doubles `$` so that it reads back as the same model.
fn render(value: &serde_json::Value, format: ComposeConfigFormat, escape: bool) -> String {
    let text = match format {
        ComposeConfigFormat::Yaml => yaml::emit::to_string(value),
        ComposeConfigFormat::Json => {
            let mut t = serde_json::to_string_pretty(value).expect("JSON values serialize");
            t.push('\n');
            t
        }
    };
    if escape { text.replace('$', "$$") } else { text }
}

fn write(args: &ComposeConfigArgs, text: &str) -> Result<ExitStatus> {
    if args.quiet {
        return Ok(ExitStatus::SUCCESS);
    }
    match &args.output {
        Some(path) => std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?,
        None => print!("{text}"),
    }
    Ok(ExitStatus::SUCCESS)
}
