//! `ferry cp [-a] [--overwrite] SRC DST`: copies between the host and a container (created,
//! stopped or running) with Docker's rules, except that a symlink given as the source is
//! followed (inside the container for a container path) and its target copied, as Podman does.
//! The copy itself is `engine::container::fs::copy`.

use std::fs::File;
use std::os::fd::{AsFd, OwnedFd};

use anyhow::{Context as _, Result, bail};

use crate::cli::CpArgs;
use crate::commands::{Context, ExitStatus, warn};
use crate::engine::container::fs::{self, CopyEnds, CopyOptions};
use crate::image::copy::UserPath;

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
    let (name, ends) = match (src, dst) {
        (Side::Container { .. }, Side::Container { .. }) => bail!("copying between containers is not supported"),
        (Side::Stream, Side::Container { name, path }) => (
            name,
            CopyEnds::StreamIn {
                input: File::from(dup(std::io::stdin().as_fd(), "stdin")?),
                dst: UserPath::parse(path)?,
            },
        ),
        (Side::Host(host), Side::Container { name, path }) => (
            name,
            CopyEnds::HostIn {
                src: host_path(host)?,
                dst: UserPath::parse(path)?,
            },
        ),
        (Side::Container { name, path }, Side::Stream) => (
            name,
            CopyEnds::StreamOut {
                src: UserPath::parse(path)?,
                out: File::from(dup(std::io::stdout().as_fd(), "stdout")?),
            },
        ),
        (Side::Container { name, path }, Side::Host(host)) => (
            name,
            CopyEnds::HostOut {
                src: UserPath::parse(path)?,
                dst: host_path(host)?,
            },
        ),
        _ => bail!(
            "invalid arguments {}, {}: one of them must be a container path (CONTAINER:PATH)",
            args.source,
            args.destination
        ),
    };
    let store = ctx.store()?.clone();
    let rec = store.containers().lookup(name)?;
    let opts = CopyOptions {
        archive: args.archive,
        overwrite: args.overwrite,
    };
    // The far end of a pipe may go away (an error on its side): writes must fail, not kill us.
    // SAFETY: changing a signal disposition; ferry is single-threaded.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    let result = fs::copy(&ctx.engine, &store, &rec, ends, opts, warn);
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
