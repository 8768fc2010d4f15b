//! `ferry system service`: the Docker Engine API on a socket for as long as it is used.

use std::os::fd::AsFd;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::Path;
use std::time::Duration;

use anyhow::{Context as _, Result, bail};

use crate::api::listen::{self, Endpoint, SocketOptions};
use crate::api::{self, Exit, Limits, ServeOptions, Server, Service, ServiceInfo};
use crate::cli::{LogLevel, ServiceArgs};
use crate::commands::{Context, ExitStatus, debug, warn};
use crate::image::manifest::host_arch;
use crate::runtime::probe;

/// The socket's name in the runtime directory.
const SOCKET_NAME: &str = "ferry.sock";

pub fn exec(ctx: &mut Context, args: ServiceArgs) -> Result<ExitStatus> {
    let endpoint = args.uri.as_deref().map(Endpoint::parse).transpose()?;
    let gid = match &args.group {
        None => None,
        Some(_) if ctx.host.rootless => {
            bail!("--group is for the root service: a rootless service's socket is only for its user")
        }
        Some(group) => Some(group_id(group)?),
    };
    // An explicit URI wins over inherited sockets, as in Podman. Read while single-threaded.
    let inherited = match endpoint {
        None => listen::activated()?,
        Some(_) => None,
    };
    // Rootless, handlers work in ferry's user namespace as the CLI does: it is entered once for
    // the whole process, before any thread exists.
    ctx.enter_userns()?;

    let mut created = None;
    let listeners = match inherited {
        Some(listeners) => listeners,
        None => {
            let default = endpoint.is_none();
            let endpoint = match endpoint {
                Some(e) => e,
                None => Endpoint::Unix(ctx.paths()?.1.join(SOCKET_NAME)),
            };
            match endpoint {
                Endpoint::Unix(path) => {
                    if default {
                        prepare_default_dir(&path, gid)?;
                    }
                    let mode = if ctx.host.rootless { 0o600 } else { 0o660 };
                    let (listener, socket) = listen::bind_unix(&path, SocketOptions { mode, gid })?;
                    created = Some(socket);
                    vec![listener]
                }
                Endpoint::Tcp(addr) => {
                    let listener = listen::bind_tcp(&addr)?;
                    warn(&format!(
                        "{} is not authenticated: anyone who can connect to it controls ferry as {}",
                        listener.uri(),
                        ctx.host.user
                    ));
                    vec![listener]
                }
            }
        }
    };
    for l in &listeners {
        eprintln!("ferry API service listening on {}", l.uri());
    }
    let stop = api::stop::install().context("installing the SIGTERM and SIGINT handlers")?;
    let service = Service {
        info: ServiceInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            arch: host_arch().to_string(),
            kernel: probe::kernel_release(),
        },
    };
    let options = ServeOptions {
        idle_timeout: (args.time > 0).then(|| Duration::from_secs(args.time)),
        limits: Limits::default(),
        log_requests: ctx.global.log_level == LogLevel::Debug,
    };
    let server = Server::new(listeners, service, api::router(), options);
    let result = server.run(Some(stop.as_fd()));
    if let Some(socket) = &created {
        socket.remove();
    }
    match result? {
        Exit::Idle => debug(&format!("no requests for {} s: exiting", args.time)),
        Exit::Stopped => debug("stopped by a signal"),
    }
    Ok(ExitStatus::SUCCESS)
}

/// A group name or number.
fn group_id(group: &str) -> Result<u32> {
    if let Ok(gid) = group.parse::<u32>() {
        return Ok(gid);
    }
    match nix::unistd::Group::from_name(group) {
        Ok(Some(g)) => Ok(g.gid.as_raw()),
        Ok(None) => bail!("--group: no group named {group:?}"),
        Err(e) => bail!("--group: looking up group {group:?}: {e}"),
    }
}

/// The runtime directory holding the default socket: created private like the store creates
/// it, and, with `--group`, searchable by that group (who may use the socket anyway).
fn prepare_default_dir(socket: &Path, gid: Option<u32>) -> Result<()> {
    let Some(dir) = socket.parent() else { return Ok(()) };
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .with_context(|| format!("creating {}", dir.display()))?;
    if let Some(gid) = gid {
        std::os::unix::fs::chown(dir, None, Some(gid))
            .with_context(|| format!("changing the group of {}", dir.display()))?;
        let mode = std::fs::metadata(dir)
            .with_context(|| format!("reading {}", dir.display()))?
            .permissions()
            .mode();
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode((mode & 0o7777) | 0o010))
            .with_context(|| format!("making {} searchable by its group", dir.display()))?;
    }
    Ok(())
}
