//! Creating a container: pulls the image if the policy asks, unpacks it, records the container
//! and writes its runtime spec, files and `created` state. Everything the user wrote comes in
//! parsed ([`CreateOptions`]); what only the image can say (its user, stop signal, exposed
//! ports, volumes) is resolved here.

use std::path::PathBuf;

use super::{RunError, RunResult, chain_digests, layer_chain};
use crate::engine::Engine;
use crate::image::manifest::RunConfig;
use crate::image::{lookup, unpack};
use crate::network::{self, DnsOptions, Mode, PortMapping};
use crate::registry::pull::PullOptions;
use crate::registry::pull::PullProgress;
use crate::registry::pull::policy::{PullPolicy, ensure_image};
use crate::runtime::cgroup;
use crate::runtime::mounts::{self, UserMounts};
use crate::runtime::rootfs::resolve_user;
use crate::runtime::spec::{self, SpecOptions};
use crate::runtime::userns_mode::{self, UsernsMode};
use crate::store::containers::{ContainerRecord, ContainerState, LogDriver, NewContainer, RunSettings};
use crate::store::lock::Lock;
use crate::store::{Store, shifted};
use crate::sys::idmap::{IdMapping, IdRange, map_id};

/// A container to create, as the user asked for it (parsed; see `crate::spec` for the parsers
/// of the CLI's syntax).
pub struct CreateOptions {
    /// The image reference.
    pub image: String,
    pub name: Option<String>,
    pub pull_policy: PullPolicy,
    pub pull: PullOptions,
    /// The runtime spec's options that do not need the image (command, environment, limits,
    /// capabilities, security options…); the user and mounts are filled in here.
    pub spec: SpecOptions,
    /// `--user` (a name or id, resolved in the image's files); `None`: the image's.
    pub user: Option<String>,
    pub mounts: UserMounts,
    /// The built-in network mode (`none` under user-defined networks).
    pub network: Mode,
    /// The user-defined networks to join, if any, and the container's aliases there.
    pub bridges: Option<Vec<String>>,
    pub aliases: Vec<String>,
    /// `-p`, and `-P` (publish the image's exposed ports).
    pub publish: Vec<PortMapping>,
    pub publish_all: bool,
    /// `--add-host NAME:IP` entries.
    pub add_hosts: Vec<String>,
    pub dns: DnsOptions,
    /// `--userns`, `--uidmap`, `--gidmap`.
    pub userns: UsernsMode,
    pub uidmap: Vec<IdRange>,
    pub gidmap: Vec<IdRange>,
    /// Where to write the new container's id (must not exist).
    pub cidfile: Option<PathBuf>,
    pub log_driver: LogDriver,
    pub log_max_size: Option<u64>,
    pub init: bool,
    pub interactive: bool,
    /// `None`: the image's, else SIGTERM.
    pub stop_signal: Option<i32>,
    pub stop_timeout: u32,
    /// This host's cgroups (where the container's will be; `Layout::detect`).
    pub cgroup_layout: cgroup::Layout,
}

/// A new container and its lock, held from before its record existed: whoever creates a
/// container to run it keeps it until it runs, so that a concurrent `rm` waits.
pub struct Created {
    pub record: ContainerRecord,
    pub lock: Lock,
}

/// Creates a container. Rootless, this enters the user namespace (the caller must be
/// single-threaded). `progress` sees the pulls; `warn` gets what the user should know (no
/// subordinate ids, layers unpacked with a loss), as it happens.
pub fn create(
    engine: &mut Engine,
    mut opts: CreateOptions,
    progress: &dyn PullProgress,
    warn: &mut dyn FnMut(&str),
) -> RunResult<Created> {
    if let Some(f) = &opts.cidfile
        && f.exists()
    {
        return Err(RunError::CidfileExists(f.clone()));
    }
    let pool = userns_pool(engine);
    // Unknown networks fail before anything is made (or the rootless network namespace starts).
    let attachments = match &opts.bridges {
        Some(names) => Some(crate::network::bridge::resolve(engine.store()?, names, &opts.aliases)?),
        None if !opts.aliases.is_empty() => return Err(RunError::AliasWithoutNetwork),
        None => None,
    };
    if engine.host.rootless
        && let Some(path) = network::join::target(engine.store()?, &opts.network)?
        && let Some(owner) = network::join::owner_userns(&path)?
    {
        engine.join_userns(owner)?;
    }
    for notice in super::enter_userns_networked(engine, attachments.is_some())? {
        warn(&notice.to_string());
    }
    if engine.host.rootless {
        opts.spec.userns = engine.mapping();
    }
    let store = engine.store()?.clone();
    // Keeps a concurrent rmi or prune from removing the image's layers until the container
    // record (a garbage collection root) exists.
    let content_lock = store.content_lock()?;
    let record = ensure_image(&store, &opts.image, opts.pull_policy, &opts.pull, progress)?;
    let image = lookup::open(&store, &record)?;
    let top = unpack_image(&store, &image, &record, &opts.pull, warn)?;
    let (lowers, layer_dirs) = layer_chain(&store, &top)?;
    if lowers.is_empty() {
        return Err(RunError::NoLayers(record.id.short().to_string()));
    }
    let run_config = image.config.run_config();
    // Before the container exists: a port that cannot be published leaves nothing behind.
    let exposed = run_config
        .exposed_ports
        .iter()
        .flat_map(|p| p.keys())
        .map(String::as_str);
    let net = if attachments.is_some() {
        crate::network::bridge::forward::config(&opts.publish, opts.publish_all, exposed)?
    } else {
        network::configure(opts.network.clone(), &opts.publish, opts.publish_all, exposed)?
    };
    let nested = if opts.userns == UsernsMode::Default && opts.uidmap.is_empty() && opts.gidmap.is_empty() {
        None
    } else {
        let taken = auto_ranges_in_use(&store)?;
        let env = userns_mode::Environment {
            host_uid: engine.host.uid,
            host_gid: engine.host.gid,
            pool,
            taken: &taken,
        };
        userns_mode::nested_mapping(&opts.userns, &opts.uidmap, &opts.gidmap, &env)?
    };
    // keep-id runs as the user's ids unless told otherwise, as Podman does.
    let keep_id_user = match &opts.userns {
        UsernsMode::KeepId { uid, gid } => Some(format!(
            "{}:{}",
            uid.unwrap_or(engine.host.uid),
            gid.unwrap_or(engine.host.gid)
        )),
        _ => None,
    };
    let user = opts
        .user
        .as_deref()
        .or(keep_id_user.as_deref())
        .or(run_config.user.as_deref().filter(|u| !u.is_empty()))
        .unwrap_or("0");
    opts.spec.user = resolve_user(&layer_dirs, user)?;
    if let Some(m) = &nested {
        let chain = chain_digests(&store, &top)?;
        shifted::ensure_chain(&store, &chain, m).map_err(|source| RunError::ShiftImage {
            image: record.id.short().to_string(),
            source,
        })?;
        opts.spec.userns = Some(m.clone());
    }

    let containers = store.containers();
    let (rec, held) = containers.create(NewContainer {
        name: opts.name.as_deref(),
        image_id: record.id.clone(),
        image_name: lookup::selected_name(&record, &opts.image).unwrap_or_else(|| opts.image.clone()),
        top_layer: top.clone(),
    })?;
    if let Some(a) = &attachments
        && let Err(e) = crate::network::bridge::record(&store, &rec.id, a)
    {
        let _ = store.volumes().remove_container(&rec.id);
        return Err(e.into());
    }
    // `U` chowns to the container user's ids as ferry's user namespace sees them.
    let (uid, gid) = (opts.spec.user.uid, opts.spec.user.gid);
    let owner = match &nested {
        Some(m) => (map_id(&m.uids, uid).unwrap_or(uid), map_id(&m.gids, gid).unwrap_or(gid)),
        None => (uid, gid),
    };
    let image_volumes = mounts::image_volumes(&run_config.volumes);
    let userxattr = opts.spec.userns.is_some();
    let (policy, pull) = (opts.pull_policy, &opts.pull);
    let mut images = |reference: &str| -> RunResult<mounts::ImageLayers, Box<dyn std::error::Error + Send + Sync>> {
        Ok(mount_image(&store, reference, policy, pull, userxattr, progress, warn)?)
    };
    let attached = mounts::attach(&store, &rec.id, &opts.mounts, &image_volumes, owner, &mut images);
    // Mounted images' layers are garbage collection roots once the mounts are recorded.
    drop(content_lock);
    let written = attached.map_err(RunError::from).and_then(|m| {
        opts.spec.user_mounts = m;
        write_container(&store, opts, &run_config, &rec, nested, &net)
    });
    if let Err(e) = written {
        let _ = store.volumes().remove_container(&rec.id);
        return Err(e);
    }
    Ok(Created {
        record: rec,
        lock: held,
    })
}

/// Unpacks an image's layers (those not in the store yet); returns its top layer.
fn unpack_image(
    store: &Store,
    image: &lookup::LocalImage,
    record: &crate::store::images::ImageRecord,
    pull: &PullOptions,
    warn: &mut dyn FnMut(&str),
) -> RunResult<Option<crate::store::Digest>> {
    let mut warnings = Vec::new();
    let top =
        unpack::unpack_image(store, &image.manifest, &image.config, &pull.apply, &mut warnings).map_err(|source| {
            RunError::Unpack {
                image: record.id.short().to_string(),
                source,
            }
        })?;
    for w in &warnings {
        warn(w);
    }
    Ok(top)
}

/// The ids nested user namespaces may use: ferry's own ids rootless; as root, the range of the
/// "containers" user in /etc/subuid and /etc/subgid (as Podman's `--userns=auto`).
fn userns_pool(engine: &Engine) -> userns_mode::Pool {
    if let Some(m) = engine.mapping() {
        let count = |r: &[IdRange]| r.iter().map(|r| r.size as u64).sum::<u64>();
        return userns_mode::Pool::Rootless {
            size: count(&m.uids).min(count(&m.gids)),
        };
    }
    match IdMapping::rootless_from_system("containers", u32::MAX, u32::MAX) {
        Some(m) if m.uids.len() > 1 && m.gids.len() > 1 => userns_mode::Pool::Root {
            uid_start: m.uids[1].host,
            gid_start: m.gids[1].host,
            size: m.uids[1].size.min(m.gids[1].size),
        },
        _ => userns_mode::Pool::RootNone,
    }
}

/// The uid ranges other containers' own user namespaces use, so `auto` picks a fresh one.
fn auto_ranges_in_use(store: &Store) -> RunResult<Vec<IdRange>> {
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

/// The layers of an image mounted with `--mount type=image` (pulled per the policy, unpacked).
fn mount_image(
    store: &Store,
    reference: &str,
    policy: PullPolicy,
    pull: &PullOptions,
    userxattr: bool,
    progress: &dyn PullProgress,
    warn: &mut dyn FnMut(&str),
) -> RunResult<mounts::ImageLayers> {
    let record = ensure_image(store, reference, policy, pull, progress)?;
    let image = lookup::open(store, &record)?;
    let top = unpack_image(store, &image, &record, pull, warn)?;
    let (_, dirs) = layer_chain(store, &top)?;
    let top = top.ok_or_else(|| RunError::NoLayers(record.id.short().to_string()))?;
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
    opts: CreateOptions,
    image: &RunConfig,
    rec: &ContainerRecord,
    nested: Option<IdMapping>,
    net: &network::NetworkConfig,
) -> RunResult<()> {
    let containers = store.containers();
    let id = rec.id.as_str();
    if let Some(f) = &opts.cidfile {
        use std::io::Write;
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(f)
            .and_then(|mut file| file.write_all(id.as_bytes()))
            .map_err(|source| RunError::WriteCidfile {
                path: f.clone(),
                source,
            })?;
    }
    let mut spec_opts = opts.spec;
    let rootless = spec_opts.userns.is_some();
    spec_opts.id = id.to_string();
    spec_opts.rootfs = containers.merged_dir(id);
    spec_opts.userdata = containers.userdata_dir(id);
    // A copy, as Podman makes: the container keeps its zone when the host's changes.
    if let Some(zone) = spec_opts.localtime.take() {
        let copy = spec_opts.userdata.join("localtime");
        std::fs::copy(&zone, &copy).map_err(|source| RunError::CopyZone {
            from: zone.clone(),
            to: copy.clone(),
            source,
        })?;
        spec_opts.localtime = Some(copy);
    }
    let hostname = spec_opts.hostname.clone().unwrap_or_else(|| id[..12].to_string());
    let userdata = containers.userdata_dir(id);
    let write = |name: &str, data: String| {
        let path = userdata.join(name);
        std::fs::write(&path, data).map_err(|source| RunError::WriteFile { path, source })
    };
    write("hostname", format!("{hostname}\n"))?;
    let gateway = network::host_address(&net.mode);
    let add_hosts = opts
        .add_hosts
        .iter()
        .map(|h| network::parse_add_host(h, gateway))
        .collect::<RunResult<Vec<_>, _>>()?;
    write(
        "hosts",
        network::hosts_file(&spec::hosts_file(&hostname, &rec.name), &net.mode, &add_hosts),
    )?;
    let host_resolv = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    write("resolv.conf", network::resolv_conf(&host_resolv, &net.mode, &opts.dns)?)?;
    net.save(&containers.dir(id))?;
    let runtime_spec = spec::build(image, &spec_opts)?;
    let privileged = spec_opts.privileged;
    let json = serde_json::to_vec_pretty(&runtime_spec).map_err(RunError::SerializeSpec)?;
    containers.write_config(id, &json)?;
    let stop_signal = match opts.stop_signal {
        Some(s) => s,
        None => match image.stop_signal.as_deref().filter(|s| !s.is_empty()) {
            Some(s) => crate::monitor::signal::parse_signal(s).ok_or_else(|| RunError::StopSignal(s.to_string()))?,
            None => libc::SIGTERM,
        },
    };
    if let Some(m) = &nested {
        // The container's root directory is the upper directory's: owned by its root.
        let root_uid = map_id(&m.uids, 0);
        let root_gid = map_id(&m.gids, 0);
        for d in [containers.diff_dir(id), containers.work_dir(id)] {
            std::os::unix::fs::chown(&d, root_uid, root_gid).map_err(|source| RunError::Chown { path: d, source })?;
        }
        // Its root may be none of ferry's ids: it must be able to reach its directories (as
        // Podman, the store becomes traversable, not readable, by others).
        if !m.uids.iter().any(|r| r.host == 0) {
            use std::os::unix::fs::PermissionsExt;
            for a in store.root().ancestors().skip(1) {
                let mode = std::fs::metadata(a).map(|m| m.permissions().mode()).unwrap_or(0);
                if mode & 0o001 == 0 {
                    return Err(RunError::StoreNotSearchable {
                        store: store.root().to_path_buf(),
                        dir: a.to_path_buf(),
                    });
                }
            }
            let dir = containers.dir(id);
            for d in [store.root(), dir.parent().unwrap_or(store.root()), dir.as_path()] {
                std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o711)).map_err(|source| {
                    RunError::Chmod {
                        path: d.to_path_buf(),
                        source,
                    }
                })?;
            }
        }
    }
    let settings = RunSettings {
        log_driver: opts.log_driver,
        log_max_size: opts.log_max_size,
        remove: false,
        init: opts.init,
        interactive: opts.interactive,
        stop_signal,
        stop_timeout: opts.stop_timeout,
        userns: nested,
        privileged,
    };
    containers.write_settings(id, &settings)?;
    // Where its cgroup will be, known from now on: a run killed right after making it leaves
    // nothing that `rm` would not find.
    let state = ContainerState {
        cgroups: cgroup::planned_paths(&opts.cgroup_layout, id, rootless),
        ..Default::default()
    };
    containers.write_state(id, &state)?;
    Ok(())
}
