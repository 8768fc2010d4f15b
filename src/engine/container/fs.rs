//! A container's root filesystem as the host reaches it: its overlay layout, the view through
//! which its files are copied (`cp`, `export`), and the rule for mounting it (`mount`).

use std::fs::File;
use std::os::fd::AsFd;
use std::path::PathBuf;

use super::error::{Error, Result};
use crate::engine::Engine;
use crate::image::copy::{self, CopyError, ExtractOptions, Owner, TarOptions, UserPath};
use crate::image::diff::{self, Change};
use crate::image::lookup;
use crate::runtime::rootfs::OverlayLayout;
use crate::runtime::rootview::{self, Bind, RootViewError, View};
use crate::store::containers::{ContainerError, ContainerRecord, Status};
use crate::store::layers::chain_id;
use crate::store::{Digest, Store};
use crate::sys::idmap::IdMapping;

/// What the container was created with, read through the functions its creation uses.
fn config_error<E: std::error::Error + Send + Sync + 'static>(rec: &ContainerRecord) -> impl FnOnce(E) -> Error + '_ {
    |e| Error::Config {
        id: rec.id[..12].to_string(),
        source: Box::new(e),
    }
}

/// The overlay of a container's root filesystem, as its start mounts it.
pub fn overlay_layout(store: &Store, rec: &ContainerRecord) -> Result<OverlayLayout> {
    let containers = store.containers();
    let (lowers, _) = super::layer_chain(store, &rec.top_layer).map_err(config_error(rec))?;
    if lowers.is_empty() {
        return Err(Error::NoLayers {
            id: rec.id[..12].to_string(),
        });
    }
    let spec = super::read_spec(store, &rec.id).map_err(config_error(rec))?;
    // A container with a user namespace of its own runs on layer copies with shifted owners.
    let (layers_dir, lowers) = match containers.read_settings(&rec.id)?.userns {
        Some(m) => {
            let chain = super::chain_digests(store, &rec.top_layer).map_err(config_error(rec))?;
            let shifted = crate::store::shifted::ensure_chain(store, &chain, &m).map_err(ContainerError::from)?;
            (shifted.base, shifted.lowers)
        }
        None => (store.layers_dir(), lowers),
    };
    Ok(OverlayLayout {
        layers_dir,
        lowers,
        upper: containers.diff_dir(&rec.id),
        work: containers.work_dir(&rec.id),
        // Created rootless: the upper dir keeps overlay metadata in user.* xattrs.
        userxattr: spec.linux().as_ref().is_some_and(|l| l.uid_mappings().is_some()),
        // Seen from outside the container (cp, `ferry mount`): its device nodes are never opened.
        nodev: true,
    })
}

/// The user namespace a stopped container's files are seen through: ferry's (`ferry`, when
/// rootless), or the container's own (composed with ferry's when rootless), so that owners read
/// as inside.
fn view_mapping(store: &Store, rec: &ContainerRecord, ferry: Option<IdMapping>) -> Result<Option<IdMapping>> {
    Ok(match (store.containers().read_settings(&rec.id)?.userns, ferry) {
        (Some(own), Some(ferry)) => Some(own.then(&ferry)),
        (Some(own), None) => Some(own),
        (None, ferry) => ferry,
    })
}

/// How to reach the container's files: its live root while it runs, else its overlay.
pub fn container_view(engine: &Engine, store: &Store, rec: &ContainerRecord) -> Result<View> {
    let state = store.containers().refresh(rec)?;
    if state.status == Status::Running
        && let Some(pid) = state.pid
    {
        return Ok(View::Running {
            pid,
            start: state.pid_start,
        });
    }
    Ok(View::Stopped {
        overlay: overlay_layout(store, rec)?,
        mountpoint: store.containers().merged_dir(&rec.id),
        mapping: view_mapping(store, rec, engine.mapping())?,
        binds: binds(store, rec)?,
    })
}

/// The container's bind mounts and volumes from its spec, without the files ferry writes for
/// it (hosts, resolv.conf, hostname: a start fills them in).
fn binds(store: &Store, rec: &ContainerRecord) -> Result<Vec<Bind>> {
    let spec = super::read_spec(store, &rec.id).map_err(config_error(rec))?;
    let own = store.containers().dir(&rec.id);
    let mut out = Vec::new();
    for m in spec.mounts().as_deref().unwrap_or_default() {
        let options = m.options().as_deref().unwrap_or_default();
        let is_bind = m.typ().as_deref() == Some("bind") || options.iter().any(|o| o == "bind" || o == "rbind");
        let Some(source) = m.source() else { continue };
        if !is_bind || source.starts_with(&own) {
            continue;
        }
        out.push(Bind {
            source: source.clone(),
            destination: m.destination().to_string_lossy().into_owned(),
            read_only: options.iter().any(|o| o == "ro"),
        });
    }
    Ok(out)
}

/// Podman's refusal, for operations whose mounts a rootless user could not see outside ferry's
/// user and mount namespaces (`command` names the operation in the message).
pub fn refuse_rootless(engine: &Engine, command: &str) -> Result<()> {
    if engine.host.rootless {
        return Err(Error::RootlessMount {
            command: command.to_string(),
        });
    }
    Ok(())
}

/// The containers mounted with [`mount`], with where.
pub fn mounted(store: &Store) -> Result<Vec<(ContainerRecord, PathBuf)>> {
    let containers = store.containers();
    let mut out = Vec::new();
    for rec in containers.list()? {
        let merged = containers.merged_dir(&rec.id);
        if rootview::mount_count(&merged, &containers.mount_count_path(&rec.id)) > 0 {
            out.push((rec, merged));
        }
    }
    Ok(out)
}

/// Mounts the container's root filesystem at its merged directory (counted: each mount needs
/// an unmount) and returns where. Root only (see [`refuse_rootless`]).
pub fn mount(store: &Store, rec: &ContainerRecord) -> Result<PathBuf> {
    let containers = store.containers();
    let merged = containers.merged_dir(&rec.id);
    rootview::mount_counted(
        &overlay_layout(store, rec)?,
        &merged,
        &containers.mount_count_path(&rec.id),
    )?;
    Ok(merged)
}

/// Undoes one [`mount`] (every one with `force`): the last unmounts.
pub fn unmount(store: &Store, rec: &ContainerRecord, force: bool) -> Result<()> {
    let containers = store.containers();
    rootview::unmount_counted(
        &containers.merged_dir(&rec.id),
        &containers.mount_count_path(&rec.id),
        force,
    )?;
    Ok(())
}

/// Writes the container's root filesystem to `out` as one flattened tar (the merged view, no
/// whiteouts), running or not. Volumes are not part of it (as Docker's export). The caller is
/// single-threaded and, rootless, outside the user namespace (see `rootview::spawn`).
pub fn export(engine: &Engine, store: &Store, rec: &ContainerRecord, mut out: File) -> Result<()> {
    let mut view = container_view(engine, store, rec)?;
    if let View::Stopped { binds, .. } = &mut view {
        binds.clear();
    }
    let child = rootview::spawn(&view, &[], move |root| {
        let all =
            copy::locate(root, &UserPath::parse("/").map_err(|e| e.to_string())?, false).map_err(|e| e.to_string())?;
        // Not /proc, /sys, /dev or volumes of a running container: only its own files.
        copy::write_tar(&all, None, TarOptions { one_file_system: true }, &mut out).map_err(|e| e.to_string())
    })?;
    child.wait().map_err(|source| Error::Export {
        id: rec.id[..12].to_string(),
        source,
    })
}

/// What the container `target` changed in its filesystem, or (when no container has that
/// name) what the image `target`'s top layer changed over the layers below it. Rootless, the
/// caller is in the user namespace (the files belong to the container's ids).
pub fn diff(store: &Store, target: &str) -> Result<Vec<Change>> {
    let (upper, lowers, exclude) = match store.containers().lookup(target) {
        Ok(rec) => {
            let lowers = diff::container_lowers(store, rec.top_layer.as_ref())?;
            let config = store.containers().config_path(&rec.id);
            // A spec that is missing (a container being created) has no mounts to hide yet.
            let exclude = if config.exists() {
                diff::mount_destinations(&config)?
            } else {
                Vec::new()
            };
            (store.containers().diff_dir(&rec.id), lowers, exclude)
        }
        Err(ContainerError::NotFound(_)) => match image_layers(store, target)? {
            Some((upper, lowers)) => (upper, lowers, Vec::new()),
            None => return Ok(Vec::new()),
        },
        Err(e) => return Err(e.into()),
    };
    diff::changes(&upper, &lowers, &exclude).map_err(|source| Error::Diff {
        target: target.to_string(),
        source,
    })
}

/// An image's top layer and the layers below it (None for an image without layers).
fn image_layers(store: &Store, name: &str) -> Result<Option<(PathBuf, Vec<PathBuf>)>> {
    let rec = lookup::find(store, name).map_err(|e| match e {
        lookup::LookupError::NotKnown(_) => Error::NoSuchObject { name: name.to_string() },
        e => e.into(),
    })?;
    let img = lookup::open(store, &rec)?;
    let mut chain: Option<Digest> = None;
    let mut parent: Option<Digest> = None;
    for d in &img.config.rootfs.diff_ids {
        parent = chain.clone();
        chain = Some(chain_id(chain.as_ref(), d));
    }
    let Some(top) = chain else { return Ok(None) };
    if !store.layers().has(&top) {
        return Err(Error::NotUnpacked {
            id: rec.id.short().to_string(),
        });
    }
    let lowers = diff::container_lowers(store, parent.as_ref())?;
    Ok(Some((store.layers().diff_dir(&top), lowers)))
}

/// The two ends of a copy between the host and a container.
#[derive(Debug)]
pub enum CopyEnds {
    /// A tar stream read from `input`, extracted at `dst` in the container.
    StreamIn { input: File, dst: UserPath },
    /// The host's `src` (absolute) copied to `dst` in the container.
    HostIn { src: UserPath, dst: UserPath },
    /// The container's `src` written to `out` as a tar stream.
    StreamOut { src: UserPath, out: File },
    /// The container's `src` copied to the host's `dst` (absolute).
    HostOut { src: UserPath, dst: UserPath },
}

/// How files are copied.
#[derive(Debug, Clone, Copy, Default)]
pub struct CopyOptions {
    /// Keep the archive's owners (`-a`); otherwise files copied in belong to the container's
    /// root and files copied out to the invoking user.
    pub archive: bool,
    /// Replace directories by non-directories and the reverse.
    pub overwrite: bool,
}

/// As Podman: the source's own symlink is followed (in its root), and its target copied, so
/// a container cannot plant a symlink on the host by being copied from.
const FOLLOW: bool = true;

/// The result of a copy from both sides. When the host side failed on the stream itself (the
/// other end went away), the container side's error is the cause.
fn finish<T>(host: std::result::Result<T, CopyError>, container: std::result::Result<(), RootViewError>) -> Result<()> {
    match (host, container) {
        (Ok(_), Ok(())) => Ok(()),
        (Ok(_), Err(e)) => Err(e.into()),
        (Err(e @ (CopyError::Read(_) | CopyError::Write(_))), Err(source)) => Err(Error::CopyAborted {
            message: e.to_string(),
            source,
        }),
        (Err(e), _) => Err(e.into()),
    }
}

fn pipe() -> Result<(File, File)> {
    let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(Error::Pipe)?;
    Ok((File::from(r), File::from(w)))
}

/// Copies between the host and the container (created, stopped or running) with Docker's
/// rules, except that a symlink given as the source is followed (in its root), as Podman does. One side runs in a child that sees the container's root (see `runtime::rootview`),
/// the other here; a tar stream over a pipe carries the files. `warn` is called (in whichever
/// process extracts) for each file whose owner or mode could not be kept. The caller is
/// single-threaded, ignores SIGPIPE (a far end that goes away must fail writes, not kill it)
/// and, rootless, is outside the user namespace.
pub fn copy(
    engine: &Engine,
    store: &Store,
    rec: &ContainerRecord,
    ends: CopyEnds,
    opts: CopyOptions,
    warn: fn(&str),
) -> Result<()> {
    let view = container_view(engine, store, rec)?;
    // Files copied into a container belong to its root unless -a keeps the archive's owners.
    let into_container = ExtractOptions {
        owner: if opts.archive { Owner::Keep } else { Owner::Set(0, 0) },
        overwrite: opts.overwrite,
    };
    // Copied out they belong to the invoking user (only root can keep other owners).
    let onto_host = ExtractOptions {
        owner: if opts.archive && !engine.host.rootless {
            Owner::Keep
        } else {
            Owner::Process
        },
        overwrite: opts.overwrite,
    };
    match ends {
        CopyEnds::StreamIn { mut input, dst } => {
            let child = rootview::spawn(&view, &[], move |root| {
                let warnings =
                    copy::extract_stream_to(root, &dst, &mut input, into_container).map_err(|e| e.to_string())?;
                warnings.iter().for_each(|w| warn(w));
                Ok(())
            })?;
            Ok(child.wait()?)
        }
        CopyEnds::HostIn { src, dst } => {
            let host_root = copy::open_root(std::path::Path::new("/"))?;
            let source = copy::source(host_root.as_fd(), &src, FOLLOW)?;
            let (mut r, mut w) = pipe()?;
            let contents_only = src.contents_only;
            let child = rootview::spawn(&view, &[w.as_fd()], move |root| {
                let warnings =
                    copy::extract_to(root, &dst, &mut r, into_container, contents_only).map_err(|e| e.to_string())?;
                warnings.iter().for_each(|w| warn(w));
                Ok(())
            })?;
            let sent = copy::write_tar(&source.located, Some(&source.top), TarOptions::default(), &mut w);
            drop(w);
            finish(sent, child.wait())
        }
        CopyEnds::StreamOut { src, mut out } => {
            let child = rootview::spawn(&view, &[], move |root| {
                let source = copy::source(root, &src, FOLLOW).map_err(|e| e.to_string())?;
                // The root's files are streamed as they are named in it, as by export.
                let top = (!src.is_root()).then_some(source.top.as_os_str());
                copy::write_tar(&source.located, top, TarOptions::default(), &mut out).map_err(|e| e.to_string())
            })?;
            Ok(child.wait()?)
        }
        CopyEnds::HostOut { src, dst } => {
            let contents_only = src.contents_only;
            let (mut r, mut w) = pipe()?;
            let child = rootview::spawn(&view, &[r.as_fd()], move |root| {
                let source = copy::source(root, &src, FOLLOW).map_err(|e| e.to_string())?;
                copy::write_tar(&source.located, Some(&source.top), TarOptions::default(), &mut w)
                    .map_err(|e| e.to_string())
            })?;
            let host_root = copy::open_root(std::path::Path::new("/"))?;
            let got = copy::extract_to(host_root.as_fd(), &dst, &mut r, onto_host, contents_only);
            drop(r);
            if let Ok(warnings) = &got {
                warnings.iter().for_each(|w| warn(w));
            }
            finish(got, child.wait())
        }
    }
}
