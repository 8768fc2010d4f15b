//! `ferry run`: create a container from an image and run it in the foreground. ferry itself is
//! the container's supervisor: it forwards signals, waits, records the exit and cleans up `--rm`.
//! (Detached runs, terminals and the container log come with the monitor.)

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context as _, Result, anyhow, bail};

use super::pull::{Display, client_options};
use super::{Context, ExitStatus, warn};
use crate::cli::RunArgs;
use crate::config::registries::RegistriesConf;
use crate::image::{lookup, unpack};
use crate::registry::pull::policy::{PullPolicy, ensure_image};
use crate::registry::pull::{PlatformSpec, PullOptions};
use crate::runtime::launch::{self, Launch, LaunchError};
use crate::runtime::rootfs::{OverlayLayout, resolve_user};
use crate::runtime::spec::{self, NetworkMode, ResolvedUser, SpecOptions};
use crate::runtime::{security, spec::parse_ulimit};
use crate::store::containers::{ContainerState, NewContainer, Status};
use crate::store::{Digest, Store};

/// The container's command cannot be invoked (Podman's and Docker's code).
const CANNOT_INVOKE: ExitStatus = ExitStatus(126);
/// The container's command was not found.
const NOT_FOUND: ExitStatus = ExitStatus(127);

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

fn key_values(items: &[String], what: &str) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for it in items {
        let (k, v) = it.split_once('=').unwrap_or((it.as_str(), ""));
        if k.is_empty() {
            bail!("invalid {what} {it:?}: expected KEY=VALUE");
        }
        out.insert(k.to_string(), v.to_string());
    }
    Ok(out)
}

/// Turns the command line into spec options (everything that does not need the image).
fn spec_options(ctx: &Context, args: &RunArgs) -> Result<SpecOptions> {
    let network = match args.network.as_str() {
        "private" | "none" | "" => NetworkMode::Private,
        "host" => NetworkMode::Host,
        other => bail!("network mode {other:?} is not supported: use none, private or host"),
    };
    let mut env = Vec::new();
    let lookup = |k: &str| std::env::var(k).ok();
    for f in &args.env_file {
        let text = std::fs::read_to_string(f).with_context(|| format!("reading the env file {}", f.display()))?;
        env.extend(spec::parse_env_file(&text, lookup));
    }
    for e in &args.env {
        if e.is_empty() || e.starts_with('=') {
            bail!("invalid environment variable {e:?}: expected KEY=VALUE or KEY");
        }
        env.extend(spec::env_entry(e, lookup));
    }
    let mut opts = SpecOptions {
        entrypoint: args
            .entrypoint
            .as_ref()
            .map(|e| if e.is_empty() { Vec::new() } else { vec![e.clone()] }),
        command: args.command.clone(),
        env,
        workdir: args.workdir.clone(),
        hostname: args.hostname.clone(),
        network: Some(network),
        read_only: args.read_only,
        read_only_tmpfs: args.read_only_tmpfs,
        labels: key_values(&args.label, "label")?,
        annotations: key_values(&args.annotation, "annotation")?,
        cap_add: args.cap_add.clone(),
        cap_drop: args.cap_drop.clone(),
        privileged: args.privileged,
        ..Default::default()
    };
    if let Some(w) = &opts.workdir
        && !w.starts_with('/')
    {
        bail!("workdir {w:?} must be an absolute path");
    }
    for u in &args.ulimit {
        opts.rlimits
            .push(parse_ulimit(u, !ctx.host.rootless, spec::current_hard_limit)?);
    }
    for s in &args.security_opt {
        spec::apply_security_opt(&mut opts, s)?;
    }
    // Fail on an unknown capability now rather than after creating the container.
    spec::capabilities(&opts)?;
    if ctx.host.rootless {
        opts.userns = ctx.mapping();
    }
    Ok(opts)
}

/// The image's layer chain from the top: overlay link names and diff directories.
fn layer_chain(store: &Store, top: &Option<Digest>) -> Result<(Vec<String>, Vec<PathBuf>)> {
    let (mut links, mut dirs) = (Vec::new(), Vec::new());
    let mut cur = top.clone();
    while let Some(c) = cur {
        let info = store.layers().get(&c)?;
        links.push(format!("l/{}", info.link));
        dirs.push(store.layers().diff_dir(&c));
        cur = info.parent;
    }
    Ok((links, dirs))
}

pub fn exec(ctx: &mut Context, args: RunArgs) -> Result<ExitStatus> {
    let policy: PullPolicy = args.pull.parse()?;
    let mut opts = spec_options(ctx, &args)?;
    if let Some(f) = &args.cidfile
        && f.exists()
    {
        bail!(
            "container id file {} exists: remove it or use another path",
            f.display()
        );
    }
    let pull = PullOptions {
        client: client_options(&args.registry, ctx.host.uid)?,
        // Read before entering the user namespace: which file applies depends on being rootless.
        registries: RegistriesConf::load()?,
        platform: PlatformSpec::from_options(None, None, None, None)?,
        jobs: 3,
        apply: ctx.apply_options(),
    };
    ctx.enter_userns()?;
    let store = ctx.store()?.clone();
    // Keeps a concurrent rmi or prune from removing the image's layers until the container
    // record (a garbage collection root) exists.
    let content_lock = store.content_lock()?;
    let record = ensure_image(&store, &args.image, policy, &pull, &Display::new(false))?;
    let image = lookup::open(&store, &record)?;
    let mut warnings = Vec::new();
    let top = unpack::unpack_image(&store, &image.manifest, &image.config, &pull.apply, &mut warnings)
        .with_context(|| format!("unpacking image {}", record.id.short()))?;
    for w in &warnings {
        warn(w);
    }
    let (lowers, layer_dirs) = layer_chain(&store, &top)?;
    if lowers.is_empty() {
        bail!("image {} has no layers", record.id.short());
    }
    let run_config = image.config.run_config();
    let user = match args
        .user
        .as_deref()
        .or(run_config.user.as_deref().filter(|u| !u.is_empty()))
    {
        Some(u) => resolve_user(&layer_dirs, u)?,
        None => ResolvedUser::default(),
    };
    opts.user = user;

    let containers = store.containers();
    let rec = containers.create(NewContainer {
        name: args.name.as_deref(),
        image_id: record.id.clone(),
        image_name: args.image.clone(),
        top_layer: top.clone(),
    })?;
    drop(content_lock);
    let id = rec.id.clone();
    let result = run_container(&store, &args, opts, &run_config, &rec, lowers);
    if args.rm {
        containers
            .remove(&id)
            .with_context(|| format!("removing container {}", &id[..12]))?;
    }
    result
}

fn run_container(
    store: &Store,
    args: &RunArgs,
    mut opts: SpecOptions,
    image: &crate::image::manifest::RunConfig,
    rec: &crate::store::containers::ContainerRecord,
    lowers: Vec<String>,
) -> Result<ExitStatus> {
    let containers = store.containers();
    let id = rec.id.as_str();
    if let Some(f) = &args.cidfile {
        use std::io::Write;
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(f)
            .and_then(|mut file| file.write_all(id.as_bytes()))
            .with_context(|| format!("writing the container id file {}", f.display()))?;
    }
    opts.id = id.to_string();
    opts.rootfs = containers.merged_dir(id);
    opts.userdata = containers.userdata_dir(id);
    let hostname = opts.hostname.clone().unwrap_or_else(|| id[..12].to_string());
    let userdata = containers.userdata_dir(id);
    let write = |name: &str, data: String| {
        let p = userdata.join(name);
        std::fs::write(&p, data).with_context(|| format!("writing {}", p.display()))
    };
    write("hostname", format!("{hostname}\n"))?;
    write("hosts", spec::hosts_file(&hostname, &rec.name))?;
    let host_resolv = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    write(
        "resolv.conf",
        if opts.network == Some(NetworkMode::Host) {
            host_resolv
        } else {
            spec::resolv_conf(&host_resolv)
        },
    )?;
    let spec = spec::build(image, &opts)?;
    let json = serde_json::to_vec_pretty(&spec).context("serializing the runtime spec")?;
    containers.write_config(id, &json)?;
    let mut state = ContainerState {
        status: Status::Created,
        pid: None,
        exit_code: None,
        started_at: None,
        finished_at: None,
    };
    containers.write_state(id, &state)?;
    let cache = store.root().join("cache");
    std::fs::create_dir_all(&cache).with_context(|| format!("creating {}", cache.display()))?;
    let security = security::prepare(&spec, &cache).context("preparing the security settings")?;
    let launch = Launch {
        spec: &spec,
        overlay: OverlayLayout {
            layers_dir: store.layers_dir(),
            lowers,
            upper: containers.diff_dir(id),
            work: containers.work_dir(id),
            userxattr: opts.userns.is_some(),
        },
        security,
        keep_stdin: args.interactive,
    };
    let started = launch::start(&launch);
    let finish = |state: &mut ContainerState, code: i32| {
        state.status = Status::Exited;
        state.pid = None;
        state.exit_code = Some(code);
        state.finished_at = Some(now());
        containers.write_state(id, state)
    };
    let pid = match started {
        Ok(pid) => pid,
        Err(e) => {
            let code = match &e {
                LaunchError::NotFound { .. } => NOT_FOUND,
                LaunchError::CannotExecute { .. } => CANNOT_INVOKE,
                _ => ExitStatus::ENGINE_ERROR,
            };
            finish(&mut state, code.0)?;
            return match e {
                LaunchError::NotFound { .. } => {
                    eprintln!("Error: {e}: OCI runtime attempted to invoke a command that was not found");
                    Ok(code)
                }
                LaunchError::CannotExecute { .. } => {
                    eprintln!("Error: {e}: OCI permission denied");
                    Ok(code)
                }
                e => Err(anyhow!(e).context(format!("starting container {}", &id[..12]))),
            };
        }
    };
    state.status = Status::Running;
    state.pid = Some(pid.as_raw());
    state.started_at = Some(now());
    containers.write_state(id, &state)?;
    let code = launch::wait(pid, args.sig_proxy)?;
    finish(&mut state, code)?;
    Ok(ExitStatus(code))
}
