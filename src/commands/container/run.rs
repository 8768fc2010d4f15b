//! `ferry run`: create a container from an image and run it in the foreground. ferry itself is
//! the container's supervisor: it forwards signals, waits, records the exit and cleans up `--rm`.
//! (Detached runs and `run -t`, whose terminal its monitor holds while ferry attaches to it, go
//! through the monitor.) `create` and `start --attach` use the two halves, [`create`] and
//! `super::start_foreground`.

use anyhow::{Context as _, Result, anyhow, bail};

use crate::cli::{ContainerOptions, RunArgs};
use crate::commands::image::pull::{Display, client_options};
use crate::commands::{Context, ExitStatus, warn};
use crate::config::registries::RegistriesConf;
use crate::engine::container as engine;
use crate::image::{lookup, unpack};
use crate::monitor::signal::parse_signal;
use crate::network;
use crate::registry::pull::policy::{PullPolicy, ensure_image};
use crate::registry::pull::{PlatformSpec, PullOptions};
use crate::runtime::idmap::IdMapping;
use crate::runtime::mounts;
use crate::runtime::rootfs::resolve_user;
use crate::runtime::spec::parse_ulimit;
use crate::runtime::spec::{self, NetworkMode, SpecOptions};
use crate::runtime::tty::DetachKeys;
use crate::runtime::usermode::{self, UsernsMode};
use crate::store::Store;
use crate::store::containers::{ContainerRecord, ContainerState, LogDriver, NewContainer, RunSettings, Status};
use crate::store::lock::Lock;
use crate::store::shifted;

/// Turns the command line into spec options (everything that does not need the image).
fn spec_options(ctx: &Context, args: &ContainerOptions) -> Result<SpecOptions> {
    let network = match network::Mode::parse(crate::usernet::builtin_mode(&args.network))? {
        network::Mode::Host => NetworkMode::Host,
        _ => NetworkMode::Private,
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
        command: args.command().to_vec(),
        env,
        workdir: args.workdir.clone(),
        hostname: args.hostname.clone(),
        network: Some(network),
        no_hosts: args.no_hosts,
        read_only: args.read_only,
        read_only_tmpfs: args.read_only_tmpfs,
        labels: crate::spec::key_values(&args.label, "label")?,
        annotations: crate::spec::key_values(&args.annotation, "annotation")?,
        cap_add: args.cap_add.clone(),
        cap_drop: args.cap_drop.clone(),
        privileged: args.privileged,
        terminal: args.tty,
        ..Default::default()
    };
    if let Some(w) = &opts.workdir
        && !w.starts_with('/')
    {
        bail!("workdir {w:?} must be an absolute path");
    }
    for u in &args.ulimit {
        opts.rlimits
            .push(parse_ulimit(u, !ctx.engine.host.rootless, spec::current_hard_limit)?);
    }
    for s in &args.security_opt {
        spec::apply_security_opt(&mut opts, s)?;
    }
    // Fail on an unknown capability now rather than after creating the container.
    spec::capabilities(&opts)?;
    if ctx.engine.host.rootless {
        opts.userns = ctx.engine.mapping();
    }
    Ok(opts)
}

/// The ids nested user namespaces may use: ferry's own ids rootless; as root, the range of the
/// "containers" user in /etc/subuid and /etc/subgid (as Podman's `--userns=auto`).
fn userns_pool(ctx: &Context) -> usermode::Pool {
    if let Some(m) = ctx.engine.mapping() {
        let count = |r: &[crate::runtime::idmap::IdRange]| r.iter().map(|r| r.size as u64).sum::<u64>();
        return usermode::Pool::Rootless {
            size: count(&m.uids).min(count(&m.gids)),
        };
    }
    match IdMapping::rootless_from_system("containers", u32::MAX, u32::MAX) {
        Some(m) if m.uids.len() > 1 && m.gids.len() > 1 => usermode::Pool::Root {
            uid_start: m.uids[1].host,
            gid_start: m.gids[1].host,
            size: m.uids[1].size.min(m.gids[1].size),
        },
        _ => usermode::Pool::RootNone,
    }
}

/// The uid ranges other containers' own user namespaces use, so `auto` picks a fresh one.
fn auto_ranges_in_use(store: &Store) -> Result<Vec<crate::runtime::idmap::IdRange>> {
    let containers = store.containers();
    let mut out = Vec::new();
    for rec in containers.list()? {
        if let Ok(s) = containers.read_settings(&rec.id)
            && let Some(m) = s.userns
        {
            out.extend(m.uids.iter().filter(|r| r.host != 0));
        }
    }
    Ok(out)
}

pub fn exec(ctx: &mut Context, args: RunArgs) -> Result<ExitStatus> {
    let detach_keys = DetachKeys::parse(&args.detach_keys)?;
    super::warn_if_not_a_terminal(args.opts.tty, args.opts.interactive);
    // The new container stays locked until it runs: an `rm` of it waits until then.
    let (rec, held) = create(ctx, &args.opts)?;
    let store = ctx.store()?.clone();
    if args.detach {
        return run_detached(&store, &rec, args.rm, held);
    }
    if args.opts.tty {
        return run_attached(&store, &rec, &args, detach_keys, held);
    }
    let result = super::start_foreground(&store, &rec, args.sig_proxy, args.opts.interactive, held);
    if args.rm {
        remove_after_run(&store, &rec)?;
    }
    result
}

/// `--rm` after a foreground run: removes the container unless another process holds its lock
/// (an `rm -f` that killed it, which removes it; see `store::lock`).
fn remove_after_run(store: &Store, rec: &ContainerRecord) -> Result<()> {
    if let Ok(Some(_held)) = store.containers().try_lock(&rec.id) {
        store
            .volumes()
            .remove_container(&rec.id)
            .with_context(|| format!("removing container {}", &rec.id[..12]))?;
    }
    Ok(())
}

/// `run -t` in the foreground: the container runs under its monitor, which holds its terminal,
/// and ferry attaches to it (`super::start_attached`).
fn run_attached(
    store: &Store,
    rec: &ContainerRecord,
    args: &RunArgs,
    detach_keys: DetachKeys,
    held: Lock,
) -> Result<ExitStatus> {
    let containers = store.containers();
    if args.rm {
        let mut settings = containers.read_settings(&rec.id)?;
        settings.remove = true;
        containers.write_settings(&rec.id, &settings)?;
    }
    let session = super::Session {
        stdin: args.opts.interactive,
        tty: true,
        detach_keys,
        sig_proxy: args.sig_proxy,
    };
    let result = super::start_attached(store, rec, session, held);
    // The monitor removes what it supervised; a container that never started is left to us (one
    // that still runs, after a detach, is the monitor's).
    if args.rm && containers.refresh(rec).is_ok_and(|s| s.status != Status::Running) {
        let _ = remove_after_run(store, rec);
    }
    result
}

/// `run -d`: starts the container under its monitor (which removes it at the end with `--rm`)
/// and prints its id. `held` is the container's lock, released once it runs (or is removed).
fn run_detached(store: &Store, rec: &ContainerRecord, remove: bool, held: Lock) -> Result<ExitStatus> {
    let containers = store.containers();
    if remove {
        let mut settings = containers.read_settings(&rec.id)?;
        settings.remove = true;
        containers.write_settings(&rec.id, &settings)?;
    }
    let started = engine::start::start_detached(store, rec);
    if started.is_err() && remove {
        let _ = store.volumes().remove_container(&rec.id);
    }
    drop(held);
    match started {
        Ok(()) => {
            println!("{}", rec.id);
            Ok(ExitStatus::SUCCESS)
        }
        Err(e) => super::start_failed(e),
    }
}

/// The container's run settings from the command line and the image (`StopSignal`).
fn run_settings(args: &ContainerOptions, image: &crate::image::manifest::RunConfig) -> Result<RunSettings> {
    let log_driver = match args.log_driver.as_str() {
        "k8s-file" | "" => LogDriver::K8sFile,
        "none" => LogDriver::None,
        "passthrough" => LogDriver::Passthrough,
        other => bail!("unsupported log driver {other:?}: use k8s-file, none or passthrough"),
    };
    let mut log_max_size = None;
    for o in &args.log_opt {
        match o.split_once('=') {
            Some(("max-size", v)) => {
                log_max_size = Some(parse_size(v).ok_or_else(|| anyhow!("invalid log max-size {v:?}"))?);
            }
            _ => bail!("unsupported log option {o:?}: ferry knows max-size=SIZE"),
        }
    }
    let signal = args
        .stop_signal
        .as_deref()
        .or(image.stop_signal.as_deref().filter(|s| !s.is_empty()));
    let stop_signal = match signal {
        Some(s) => parse_signal(s).ok_or_else(|| anyhow!("invalid stop signal {s:?}"))?,
        None => libc::SIGTERM,
    };
    Ok(RunSettings {
        log_driver,
        log_max_size,
        remove: false,
        init: args.init,
        interactive: args.interactive,
        stop_signal,
        stop_timeout: args.stop_timeout,
        userns: None,
    })
}

/// `10mb`, `512k`, `1g`, `4096` (bytes), as Podman's `--log-opt max-size` takes them.
fn parse_size(s: &str) -> Option<u64> {
    let lower = s.trim().to_ascii_lowercase();
    let digits = lower.bytes().take_while(u8::is_ascii_digit).count();
    let (num, unit) = lower.split_at(digits);
    let mult: u64 = match unit.trim_end_matches(['b', 'i']) {
        "" => 1,
        "k" => 1 << 10,
        "m" => 1 << 20,
        "g" => 1 << 30,
        _ => return None,
    };
    if !unit.is_empty() && !matches!(unit, "b" | "k" | "kb" | "kib" | "m" | "mb" | "mib" | "g" | "gb" | "gib") {
        return None;
    }
    num.parse::<u64>().ok()?.checked_mul(mult).filter(|&n| n > 0)
}

/// Pulls the image if the policy asks, unpacks it, records the container and writes its
/// spec, files and `created` state: all of `create`, and `run` before it starts. Rootless, this
/// enters the user namespace.
/// Creates a container as `args` say; returns its record and its lock (see `store::lock`),
/// held from before the record existed.
pub(crate) fn create(ctx: &mut Context, args: &ContainerOptions) -> Result<(ContainerRecord, Lock)> {
    let policy: PullPolicy = args.pull.parse()?;
    let mut opts = spec_options(ctx, args)?;
    let cwd = std::env::current_dir().context("reading the current directory")?;
    let user_mounts = mounts::parse(&args.volume, &args.mount, &args.tmpfs, &args.volumes_from, &cwd)?;
    if let Some(f) = &args.cidfile
        && f.exists()
    {
        bail!(
            "container id file {} exists: remove it or use another path",
            f.display()
        );
    }
    let pull = PullOptions {
        client: client_options(&args.registry, ctx.engine.host.uid)?,
        // Read before entering the user namespace: which file applies depends on being rootless.
        registries: RegistriesConf::load()?,
        platform: PlatformSpec::from_options(None, None, None, None)?,
        jobs: 3,
        apply: ctx.engine.apply_options(),
    };
    let userns_mode: UsernsMode = args.userns.parse()?;
    let uidmap = args
        .uidmap
        .iter()
        .map(|m| usermode::parse_range("--uidmap", m))
        .collect::<Result<Vec<_>, _>>()?;
    let gidmap = args
        .gidmap
        .iter()
        .map(|m| usermode::parse_range("--gidmap", m))
        .collect::<Result<Vec<_>, _>>()?;
    let pool = userns_pool(ctx);
    // Unknown networks fail before anything is made (or the rootless network namespace starts).
    let attachments = match crate::usernet::requested(&args.network) {
        Some(names) => Some(crate::usernet::resolve(ctx.store()?, &names, &args.network_alias)?),
        None if !args.network_alias.is_empty() => {
            bail!("--network-alias needs --network NAME: aliases are names on user-defined networks")
        }
        None => None,
    };
    if ctx.engine.host.rootless {
        let mode = network::Mode::parse(crate::usernet::builtin_mode(&args.network))?;
        if let Some(path) = network::join::target(ctx.store()?, &mode)?
            && let Some(owner) = network::join::owner_userns(&path)?
        {
            ctx.engine.join_userns(owner)?;
        }
    }
    super::enter_userns_networked(ctx, attachments.is_some())?;
    let store = ctx.store()?.clone();
    // Keeps a concurrent rmi or prune from removing the image's layers until the container
    // record (a garbage collection root) exists.
    let content_lock = store.content_lock()?;
    let record = ensure_image(&store, args.image(), policy, &pull, &Display::new(false))?;
    let image = lookup::open(&store, &record)?;
    let mut warnings = Vec::new();
    let top = unpack::unpack_image(&store, &image.manifest, &image.config, &pull.apply, &mut warnings)
        .with_context(|| format!("unpacking image {}", record.id.short()))?;
    for w in &warnings {
        warn(w);
    }
    let (lowers, layer_dirs) = engine::layer_chain(&store, &top)?;
    if lowers.is_empty() {
        bail!("image {} has no layers", record.id.short());
    }
    let run_config = image.config.run_config();
    // Before the container exists: a port that cannot be published leaves nothing behind.
    let exposed = run_config
        .exposed_ports
        .iter()
        .flat_map(|p| p.keys())
        .map(String::as_str);
    let net = if attachments.is_some() {
        crate::usernet::ports::config(&args.publish, args.publish_all, exposed)?
    } else {
        network::configure(
            network::Mode::parse(crate::usernet::builtin_mode(&args.network))?,
            &args.publish,
            args.publish_all,
            exposed,
        )?
    };
    let nested = if userns_mode == UsernsMode::Default && uidmap.is_empty() && gidmap.is_empty() {
        None
    } else {
        let taken = auto_ranges_in_use(&store)?;
        let env = usermode::Environment {
            host_uid: ctx.engine.host.uid,
            host_gid: ctx.engine.host.gid,
            pool,
            taken: &taken,
        };
        usermode::nested_mapping(&userns_mode, &uidmap, &gidmap, &env)?
    };
    // keep-id runs as the user's ids unless told otherwise, as Podman does.
    let keep_id_user = match &userns_mode {
        UsernsMode::KeepId { uid, gid } => Some(format!(
            "{}:{}",
            uid.unwrap_or(ctx.engine.host.uid),
            gid.unwrap_or(ctx.engine.host.gid)
        )),
        _ => None,
    };
    let user = match args
        .user
        .as_deref()
        .or(keep_id_user.as_deref())
        .or(run_config.user.as_deref().filter(|u| !u.is_empty()))
    {
        Some(u) => resolve_user(&layer_dirs, u)?,
        None => resolve_user(&layer_dirs, "0")?,
    };
    opts.user = user;
    if let Some(m) = &nested {
        let chain = engine::chain_digests(&store, &top)?;
        shifted::ensure_chain(&store, &chain, m).with_context(|| {
            format!(
                "preparing the layers of image {} for the user namespace",
                record.id.short()
            )
        })?;
        opts.userns = Some(m.clone());
    }

    let containers = store.containers();
    let (rec, held) = containers.create(NewContainer {
        name: args.name.as_deref(),
        image_id: record.id.clone(),
        image_name: lookup::selected_name(&record, args.image()).unwrap_or_else(|| args.image().to_string()),
        top_layer: top.clone(),
    })?;
    if let Some(a) = &attachments
        && let Err(e) = crate::usernet::record(&store, &rec.id, a)
    {
        let _ = store.volumes().remove_container(&rec.id);
        return Err(e.into());
    }
    // `U` chowns to the container user's ids as ferry's user namespace sees them.
    let owner = match &nested {
        Some(m) => (
            usermode::map_id(&m.uids, opts.user.uid).unwrap_or(opts.user.uid),
            usermode::map_id(&m.gids, opts.user.gid).unwrap_or(opts.user.gid),
        ),
        None => (opts.user.uid, opts.user.gid),
    };
    let image_volumes = mounts::image_volumes(&run_config.volumes);
    let userxattr = opts.userns.is_some();
    let mut images = |reference: &str| -> Result<mounts::ImageLayers, Box<dyn std::error::Error + Send + Sync>> {
        Ok(mount_image(&store, reference, policy, &pull, userxattr)?)
    };
    let attached = mounts::attach(&store, &rec.id, &user_mounts, &image_volumes, owner, &mut images);
    // Mounted images' layers are garbage collection roots once the mounts are recorded.
    drop(content_lock);
    let written = attached.map_err(anyhow::Error::from).and_then(|m| {
        opts.user_mounts = m;
        write_container(&store, args, opts, &run_config, &rec, nested, &net)
    });
    if let Err(e) = written {
        let _ = store.volumes().remove_container(&rec.id);
        return Err(e);
    }
    Ok((rec, held))
}

/// The layers of an image mounted with `--mount type=image` (pulled per the policy, unpacked).
fn mount_image(
    store: &Store,
    reference: &str,
    policy: PullPolicy,
    pull: &PullOptions,
    userxattr: bool,
) -> Result<mounts::ImageLayers> {
    let record = ensure_image(store, reference, policy, pull, &Display::new(false))?;
    let image = lookup::open(store, &record)?;
    let mut warnings = Vec::new();
    let top = unpack::unpack_image(store, &image.manifest, &image.config, &pull.apply, &mut warnings)
        .with_context(|| format!("unpacking image {}", record.id.short()))?;
    for w in &warnings {
        warn(w);
    }
    let (_, dirs) = engine::layer_chain(store, &top)?;
    let top = top.ok_or_else(|| anyhow!("image {} has no layers", record.id.short()))?;
    Ok(mounts::ImageLayers {
        id: record.id.hex().to_string(),
        top,
        dirs,
        userxattr,
    })
}

/// Writes the container id file, the files bind-mounted into the container, the runtime spec
/// and the `created` state.
fn write_container(
    store: &Store,
    args: &ContainerOptions,
    mut opts: SpecOptions,
    image: &crate::image::manifest::RunConfig,
    rec: &ContainerRecord,
    nested: Option<IdMapping>,
    net: &network::NetworkConfig,
) -> Result<()> {
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
    let gateway = network::host_address(&net.mode);
    let add_hosts = args
        .add_host
        .iter()
        .map(|h| network::parse_add_host(h, gateway))
        .collect::<Result<Vec<_>, _>>()?;
    write(
        "hosts",
        network::hosts_file(&spec::hosts_file(&hostname, &rec.name), &net.mode, &add_hosts),
    )?;
    let host_resolv = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    let dns = network::DnsOptions {
        servers: args.dns.clone(),
        search: args.dns_search.clone(),
        options: args.dns_option.clone(),
    };
    write("resolv.conf", network::resolv_conf(&host_resolv, &net.mode, &dns)?)?;
    net.save(&containers.dir(id))?;
    let spec = spec::build(image, &opts)?;
    let json = serde_json::to_vec_pretty(&spec).context("serializing the runtime spec")?;
    containers.write_config(id, &json)?;
    let mut settings = run_settings(args, image)?;
    if let Some(m) = &nested {
        // The container's root directory is the upper directory's: owned by its root.
        let root_uid = usermode::map_id(&m.uids, 0);
        let root_gid = usermode::map_id(&m.gids, 0);
        for d in [containers.diff_dir(id), containers.work_dir(id)] {
            std::os::unix::fs::chown(&d, root_uid, root_gid).with_context(|| format!("chown {}", d.display()))?;
        }
        // Its root may be none of ferry's ids: it must be able to reach its directories (as
        // Podman, the store becomes traversable, not readable, by others).
        if !m.uids.iter().any(|r| r.host == 0) {
            use std::os::unix::fs::PermissionsExt;
            for a in store.root().ancestors().skip(1) {
                let mode = std::fs::metadata(a).map(|m| m.permissions().mode()).unwrap_or(0);
                if mode & 0o001 == 0 {
                    bail!(
                        "this user namespace does not map your own id, so the container's root must be able to reach the store {}: {} is not searchable by other users (chmod o+x {} to allow it)",
                        store.root().display(),
                        a.display(),
                        a.display()
                    );
                }
            }
            let dir = containers.dir(id);
            for d in [store.root(), dir.parent().unwrap_or(store.root()), dir.as_path()] {
                std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o711))
                    .with_context(|| format!("chmod {}", d.display()))?;
            }
        }
    }
    settings.userns = nested;
    containers.write_settings(id, &settings)?;
    containers.write_state(id, &ContainerState::default())?;
    Ok(())
}
