//! `ferry build` / `ferry image build`: builds an image from a Containerfile, printing Podman's
//! step narrative (`STEP 1/3: FROM busybox`, `--> Using cache …`, `COMMIT name`, the id).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;

use anyhow::{Context as _, Result, anyhow, bail};

use crate::build::context;
use crate::build::executor::{self, BuildError, BuildOptions, Format, Progress, StepError};
use crate::build::run_step::RunError;
use crate::cli::BuildArgs;
use crate::commands::{Context, ExitStatus, client_options, warn};
use crate::config::registries::RegistriesConf;
use crate::engine::image::{self, BuildRequest, ContainerfileSource, ContextSource};
use crate::image::reference::Reference;
use crate::network;
use crate::output::progress::Display;
use crate::registry::pull::policy::PullPolicy;
use crate::registry::pull::{PlatformSpec, PullOptions};
use crate::runtime::envfile;

struct Narrative {
    quiet: bool,
    /// The first name as the user typed it, for `COMMIT`.
    shown_name: Option<String>,
}

impl Progress for Narrative {
    fn step(&mut self, text: &str) {
        if !self.quiet {
            println!("{text}");
        }
    }
    fn cached(&mut self, id: &str) {
        if !self.quiet {
            println!("--> Using cache {id}");
        }
    }
    fn done(&mut self, id: &str) {
        if !self.quiet {
            println!("--> {id}");
        }
    }
    fn commit(&mut self, _names: &[String]) {
        if !self.quiet {
            match &self.shown_name {
                Some(n) => println!("COMMIT {n}"),
                None => println!("COMMIT"),
            }
        }
    }
    fn warn(&mut self, message: &str) {
        warn(message);
    }
}

/// `NAME=VALUE` or `NAME` (from ferry's environment, dropped when unset), as Podman reads them.
fn parse_build_args(args: &BuildArgs) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    let mut add = |raw: &str| -> Result<()> {
        let raw = raw.trim();
        if raw.is_empty() || raw.starts_with('#') {
            return Ok(());
        }
        if raw.contains('\0') {
            bail!("invalid build argument {raw:?}: it contains a NUL byte");
        }
        match raw.split_once('=') {
            Some(("", _)) => bail!("invalid build argument {raw:?}: expected NAME=VALUE"),
            Some((k, v)) => {
                out.insert(k.to_string(), v.to_string());
            }
            None => {
                if let Ok(v) = std::env::var(raw) {
                    out.insert(raw.to_string(), v);
                }
            }
        }
        Ok(())
    };
    for f in &args.build_arg_file {
        let lines = envfile::read_lines(f).context("reading the build argument file")?;
        for (number, line) in lines {
            add(&line).with_context(|| format!("{}:{number}", f.display()))?;
        }
    }
    for a in &args.build_arg {
        add(a)?;
    }
    Ok(out)
}

/// `--secret id=ID,src=PATH` (also `source=`; a missing `id` takes the file name).
fn parse_secrets(items: &[String]) -> Result<BTreeMap<String, PathBuf>> {
    let mut out = BTreeMap::new();
    for raw in items {
        let (mut id, mut src) = (None, None);
        for part in raw.split(',') {
            match part.split_once('=') {
                Some(("id", v)) if !v.is_empty() => id = Some(v.to_string()),
                Some(("src" | "source", v)) if !v.is_empty() => src = Some(PathBuf::from(v)),
                Some(("type", "file")) => {}
                _ => bail!("invalid secret {raw:?}: expected id=ID,src=PATH"),
            }
        }
        let src = src.ok_or_else(|| anyhow!("invalid secret {raw:?}: src=PATH is required"))?;
        let src = std::fs::canonicalize(&src).with_context(|| format!("secret file {}", src.display()))?;
        let id = match id {
            Some(i) => i,
            None => src
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .ok_or_else(|| anyhow!("invalid secret {raw:?}: id=ID is required"))?,
        };
        out.insert(id, src);
    }
    Ok(out)
}

/// The exit status of the RUN command a build failed on, if that is why it failed.
fn run_status(e: &BuildError) -> Option<i32> {
    match e {
        BuildError::Step { source, .. } => match source.as_ref() {
            StepError::Run(RunError::Exit(code)) => Some(*code),
            _ => None,
        },
        _ => None,
    }
}

pub fn exec(ctx: &mut Context, args: BuildArgs) -> Result<ExitStatus> {
    let policy: PullPolicy = args.pull.parse()?;
    let format = match args.format.to_ascii_lowercase().as_str() {
        "oci" => Format::Oci,
        "docker" => Format::Docker,
        other => bail!("unrecognized image format {other:?}: use oci or docker"),
    };
    // The private network's helper is looked for when a RUN step first needs it.
    let network = match args.network.as_str() {
        "private" | "default" | "" => None,
        other => match network::Mode::parse(other) {
            Ok(
                m @ (network::Mode::None
                | network::Mode::Host
                | network::Mode::Pasta { .. }
                | network::Mode::Slirp4netns { .. }),
            ) => Some(m),
            Err(e @ network::NetworkError::SlirpOption { .. }) => return Err(e.into()),
            Ok(_) | Err(_) => bail!(
                "network mode {other:?} is not supported for build: use private, pasta[:OPTIONS], slirp4netns[:OPTIONS], host or none"
            ),
        },
    };
    if let Some(p) = &args.platform {
        executor::check_platform(p).map_err(|e| anyhow!("{e}"))?;
    }
    let build_args = parse_build_args(&args)?;
    let labels = crate::spec::key_values(&args.label, "label")?;
    let annotations = crate::spec::key_values(&args.annotation, "annotation")?;
    let secrets = parse_secrets(&args.secret)?;
    let contexts = context::named_contexts(&args.build_context)?;
    let mut names = Vec::new();
    for t in &args.tag {
        let r = Reference::parse_local(t).map_err(|e| anyhow!("invalid tag {t:?}: {e}"))?;
        names.push(r.to_string());
    }
    let context_arg = args.context.clone().unwrap_or_else(|| ".".into());
    let from_stdin = context_arg == "-";
    let file_from_stdin = args.file.as_deref() == Some("-");
    if from_stdin && file_from_stdin {
        bail!("the build context and the Containerfile cannot both come from standard input");
    }
    let stdin_text = if file_from_stdin {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("reading the Containerfile from standard input")?;
        Some(s)
    } else {
        None
    };
    let pull = PullOptions {
        client: client_options(&args.registry, ctx.engine.host.uid)?,
        registries: RegistriesConf::load()?,
        platform: PlatformSpec::from_options(None, None, None, None)?,
        jobs: 3,
        apply: ctx.engine.apply_options(),
    };
    // The build enters the rootless user namespace itself, only when a step needs it: a fully
    // cached build never does.
    let userns = ctx.engine.mapping();
    if userns.as_ref().is_some_and(|m| m.is_single()) {
        warn(&format!(
            "no subordinate ids for user {:?} in /etc/subuid and /etc/subgid: files owned by other users in images will be owned by root",
            ctx.engine.host.user
        ));
    }
    let store = ctx.store()?.clone();
    let mut stdin = std::io::stdin().lock();
    let context = if from_stdin {
        ContextSource::Tar(&mut stdin)
    } else {
        ContextSource::Dir(PathBuf::from(&context_arg))
    };
    let containerfile = match (stdin_text, args.file.as_deref()) {
        (Some(text), _) => ContainerfileSource::Text(text),
        (None, Some(f)) => ContainerfileSource::Path(f.to_string()),
        (None, None) => ContainerfileSource::Default,
    };
    let options = BuildOptions {
        build_args,
        target: args.target.clone(),
        no_cache: args.no_cache,
        layers: args.layers,
        squash: args.squash,
        squash_all: args.squash_all,
        labels,
        annotations,
        names: names.clone(),
        format,
        network,
        pull: policy,
        pull_options: &pull,
        pull_progress: &Display::new(args.quiet),
        secrets,
        contexts,
        userns,
        apply: ctx.engine.apply_options(),
        quiet: args.quiet,
    };
    let mut narrative = Narrative {
        quiet: args.quiet,
        shown_name: args.tag.first().cloned(),
    };
    let request = BuildRequest {
        context,
        containerfile,
        options,
    };
    let built = match image::build(&store, request, &mut narrative) {
        Ok(b) => b,
        // As Podman: a failing RUN makes the build exit with the command's status.
        Err(image::Error::Build(e)) if run_status(&e).is_some() => {
            eprintln!("Error: {e}");
            return Ok(ExitStatus(run_status(&e).expect("checked")));
        }
        Err(e) => return Err(e.into()),
    };
    let hex = built.id.hex().to_string();
    if let Some(f) = &args.iidfile {
        std::fs::write(f, format!("sha256:{hex}"))
            .with_context(|| format!("writing the image id file {}", f.display()))?;
    }
    if !args.quiet {
        // Podman shows 11 hex digits here.
        println!("--> {}", &hex[..11]);
        for n in &built.names {
            println!("Successfully tagged {n}");
        }
    }
    println!("{hex}");
    Ok(ExitStatus::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_parse() {
        let f = std::env::temp_dir().join(crate::store::atomic::unique_name("ferry-secret-"));
        std::fs::write(&f, "s").unwrap();
        let m = parse_secrets(&[format!("id=tok,src={}", f.display())]).unwrap();
        assert_eq!(m["tok"], std::fs::canonicalize(&f).unwrap());
        for bad in ["", "id=x", "src=", "id=x,src=/nonexistent/file", "bogus=1"] {
            assert!(parse_secrets(&[bad.to_string()]).is_err(), "{bad}");
        }
        let _ = std::fs::remove_file(&f);
    }
}
