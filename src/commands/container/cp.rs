//! `ferry cp [-a] [--overwrite] SRC DST`: copies between the host and a container (created,
//! stopped or running) with Docker's rules, except that a symlink given as the source is
//! followed (inside the container for a container path) and its target copied, as Podman does. One side of the copy runs in a child that sees the
//! container's root (see `runtime::rootview`), the other here on the host; a tar stream over a
//! pipe carries the files, whichever the direction.

use std::fs::File;
use std::os::fd::{AsFd, OwnedFd};

use anyhow::{Context as _, Result, anyhow, bail};

use crate::cli::CpArgs;
use crate::commands::{Context, ExitStatus, warn};
use crate::engine::container::fs::container_view;
use crate::image::copy::{self, CopyError, ExtractOptions, Owner, TarOptions, UserPath};
use crate::runtime::rootview::{self, RootViewError};

/// As Podman: the source's own symlink is followed (in its root), and its target copied, so
/// a container cannot plant a symlink on the host by being copied from.
const FOLLOW: bool = true;

/// One side of a copy as given on the command line.
#[derive(Debug, PartialEq, Eq)]
enum Side<'a> {
    /// `-`: a tar stream on stdin or stdout.
    Stream,
    Host(&'a str),
    Container {
        name: &'a str,
        path: &'a str,
    },
}

/// `CTR:path` names a container path unless the part before the colon looks like a path
/// (contains `/` or starts with `.`), as Docker reads it.
fn parse_side(arg: &str) -> Side<'_> {
    if arg == "-" {
        return Side::Stream;
    }
    match arg.split_once(':') {
        Some((name, path)) if !name.is_empty() && !name.contains('/') && !name.starts_with('.') => Side::Container {
            name,
            path: if path.is_empty() { "/" } else { path },
        },
        _ => Side::Host(arg),
    }
}

/// The result of a copy from both sides. When the host side failed on the stream itself (the
/// other end went away), the container side's error is the cause.
fn finish<T>(host: Result<T, CopyError>, container: Result<(), RootViewError>) -> Result<()> {
    match (host, container) {
        (Ok(_), Ok(())) => Ok(()),
        (Ok(_), Err(e)) => Err(e.into()),
        (Err(e @ (CopyError::Read(_) | CopyError::Write(_))), Err(c)) => Err(anyhow!(c).context(e.to_string())),
        (Err(e), _) => Err(e.into()),
    }
}

fn pipe() -> Result<(File, File)> {
    let (r, w) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).context("creating a pipe")?;
    Ok((File::from(r), File::from(w)))
}

/// A host path as an absolute path (relative ones count from the working directory), keeping
/// a trailing `/` or `/.`.
fn host_path(raw: &str) -> Result<UserPath> {
    if raw.is_empty() {
        bail!("empty host path");
    }
    let abs = if raw.starts_with('/') {
        raw.to_string()
    } else {
        let cwd = std::env::current_dir().context("reading the working directory")?;
        format!("{}/{raw}", cwd.display())
    };
    Ok(UserPath::parse(&abs)?)
}

fn dup(fd: std::os::fd::BorrowedFd<'_>, what: &str) -> Result<OwnedFd> {
    fd.try_clone_to_owned().with_context(|| format!("duplicating {what}"))
}

pub fn exec(ctx: &mut Context, args: CpArgs) -> Result<ExitStatus> {
    let (src, dst) = (parse_side(&args.source), parse_side(&args.destination));
    let (name, into) = match (&src, &dst) {
        (Side::Container { .. }, Side::Container { .. }) => bail!("copying between containers is not supported"),
        (Side::Container { name, .. }, _) => (*name, false),
        (_, Side::Container { name, .. }) => (*name, true),
        _ => bail!(
            "invalid arguments {}, {}: one of them must be a container path (CONTAINER:PATH)",
            args.source,
            args.destination
        ),
    };
    let store = ctx.store()?.clone();
    let rec = store.containers().lookup(name)?;
    let view = container_view(&ctx.engine, &store, &rec)?;
    // The far end of a pipe may go away (an error on its side): writes must fail, not kill us.
    // SAFETY: changing a signal disposition; ferry is single-threaded.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    // Files copied into a container belong to its root unless -a keeps the archive's owners.
    let into_container = ExtractOptions {
        owner: if args.archive { Owner::Keep } else { Owner::Set(0, 0) },
        overwrite: args.overwrite,
    };
    // Copied out they belong to the invoking user (only root can keep other owners).
    let onto_host = ExtractOptions {
        owner: if args.archive && !ctx.engine.host.rootless {
            Owner::Keep
        } else {
            Owner::Process
        },
        overwrite: args.overwrite,
    };
    let result = match (src, dst, into) {
        (Side::Stream, Side::Container { path, .. }, true) => {
            let dst = UserPath::parse(path)?;
            let mut input = File::from(dup(std::io::stdin().as_fd(), "stdin")?);
            let child = rootview::spawn(&view, &[], move |root| {
                let warnings =
                    copy::extract_stream_to(root, &dst, &mut input, into_container).map_err(|e| e.to_string())?;
                warnings.iter().for_each(|w| warn(w));
                Ok(())
            })?;
            child.wait().map_err(anyhow::Error::from)
        }
        (Side::Host(host), Side::Container { path, .. }, true) => {
            let src_path = host_path(host)?;
            let host_root = copy::open_root(std::path::Path::new("/"))?;
            let source = copy::source(host_root.as_fd(), &src_path, FOLLOW)?;
            let dst = UserPath::parse(path)?;
            let (mut r, mut w) = pipe()?;
            let contents_only = src_path.contents_only;
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
        (Side::Container { path, .. }, Side::Stream, false) => {
            let src = UserPath::parse(path)?;
            let mut out = File::from(dup(std::io::stdout().as_fd(), "stdout")?);
            let child = rootview::spawn(&view, &[], move |root| {
                let source = copy::source(root, &src, FOLLOW).map_err(|e| e.to_string())?;
                // The root's files are streamed as they are named in it, as by export.
                let top = (!src.is_root()).then_some(source.top.as_os_str());
                copy::write_tar(&source.located, top, TarOptions::default(), &mut out).map_err(|e| e.to_string())
            })?;
            child.wait().map_err(anyhow::Error::from)
        }
        (Side::Container { path, .. }, Side::Host(host), false) => {
            let src = UserPath::parse(path)?;
            let contents_only = src.contents_only;
            let dst = host_path(host)?;
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
        _ => bail!("copying between a tar stream and the host is not supported"),
    };
    // SAFETY: restoring the default disposition (a closed stdout ends ferry quietly).
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    result.with_context(|| format!("copying {} to {}", args.source, args.destination))?;
    Ok(ExitStatus::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_follow_docker() {
        assert_eq!(parse_side("-"), Side::Stream);
        assert_eq!(
            parse_side("ctr:/etc"),
            Side::Container {
                name: "ctr",
                path: "/etc"
            }
        );
        assert_eq!(parse_side("ctr:"), Side::Container { name: "ctr", path: "/" });
        assert_eq!(
            parse_side("ctr:rel/x"),
            Side::Container {
                name: "ctr",
                path: "rel/x"
            }
        );
        assert_eq!(parse_side("./ctr:/x"), Side::Host("./ctr:/x"));
        assert_eq!(parse_side("/abs/a:b"), Side::Host("/abs/a:b"));
        assert_eq!(parse_side("dir/a:b"), Side::Host("dir/a:b"));
        assert_eq!(parse_side(":x"), Side::Host(":x"));
        assert_eq!(parse_side("plain"), Side::Host("plain"));
    }
}
