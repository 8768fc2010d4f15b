//! One file per verb: each `exec(ctx, args)` turns options into engine calls and prints results.

use std::io::{BufRead, Write};

use anyhow::{Context as _, Result, anyhow};

use crate::cli::registry::RegistryOptions;
use crate::cli::{GlobalOptions, LogLevel};
use crate::engine::container::ErrorKind;
use crate::engine::{Engine, EngineOptions};
use crate::registry::auth::parse_creds;
use crate::registry::client::ClientOptions;
use crate::store::Store;

/// How the process should exit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExitStatus(pub i32);

impl ExitStatus {
    pub const SUCCESS: ExitStatus = ExitStatus(0);
    pub const FAILURE: ExitStatus = ExitStatus(1);
    /// ferry itself failed (Podman's and Docker's convention).
    pub const ENGINE_ERROR: ExitStatus = ExitStatus(125);
}

/// State shared by all commands of one invocation: the global flags and the engine.
pub struct Context {
    pub global: GlobalOptions,
    pub engine: Engine,
}

impl Context {
    pub fn new(global: GlobalOptions) -> Context {
        let engine = Engine::new(EngineOptions {
            root: global.root.clone(),
            runroot: global.runroot.clone(),
        });
        Context { global, engine }
    }

    /// Opens the store (created on first use).
    pub fn store(&mut self) -> Result<&Store> {
        if !self.engine.store_opened() {
            let (root, runroot) = self.engine.paths()?;
            debug(&format!(
                "store at {}, runtime state at {}",
                root.display(),
                runroot.display()
            ));
        }
        Ok(self.engine.store()?)
    }

    /// Rootless: moves this process into ferry's user namespace (see `Engine::enter_userns`),
    /// warning about what the user should know.
    pub fn enter_userns(&mut self) -> Result<()> {
        for notice in self.engine.enter_userns()? {
            warn(&notice.to_string());
        }
        Ok(())
    }
}

static LOG_LEVEL: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(2);

/// `outer: inner: innermost`, skipping a cause whose text the outer message already contains.
pub fn chain(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let s = cause.to_string();
        if out.contains(&s) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&s);
    }
    out
}

/// Prints one failed item of a multi-item command (`Error: outer: cause`), as Podman does for
/// each id it could not handle; the command goes on with the others.
pub fn report_error(err: &anyhow::Error) {
    eprintln!("Error: {}", chain(err));
}

/// Podman's exit code for one item a multi-item command failed on: 1 when there is no such
/// object, 2 when its state forbids the operation (running, in use), else 125.
pub fn exit_code(kind: ErrorKind) -> ExitStatus {
    match kind {
        ErrorKind::NotFound => ExitStatus::FAILURE,
        ErrorKind::StateImproper => ExitStatus(2),
        ErrorKind::InvalidArgument | ErrorKind::Internal => ExitStatus::ENGINE_ERROR,
    }
}

/// Prints all but the last error, and returns the last as the command's error (exit 125).
pub fn report_errors(mut errors: Vec<anyhow::Error>) -> Result<ExitStatus> {
    let Some(last) = errors.pop() else {
        return Ok(ExitStatus::SUCCESS);
    };
    for e in errors {
        eprintln!("Error: {e:#}");
    }
    Err(last)
}

/// Prints what an inspect verb found (one result per name): by default (or with `json`) one
/// JSON array of the objects, left out when nothing was found but something failed; with a
/// template, `render(template, object)` for each object. Then the failures, as
/// [`report_errors`].
pub fn print_inspected<T: serde::Serialize, E: Into<anyhow::Error>>(
    results: impl IntoIterator<Item = (String, Result<T, E>)>,
    format: Option<&str>,
    render: impl Fn(&str, &serde_json::Value) -> Result<String>,
) -> Result<ExitStatus> {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for (_, result) in results {
        match result {
            Ok(object) => found.push(serde_json::to_value(object)?),
            Err(e) => errors.push(e.into()),
        }
    }
    match format {
        None | Some("json") => {
            if !found.is_empty() || errors.is_empty() {
                let json = crate::output::render_one("json", &serde_json::Value::Array(found))?;
                println!("{}", json.trim_end());
            }
        }
        Some(template) => {
            for v in &found {
                print!("{}", render(template, v)?);
            }
        }
    }
    report_errors(errors)
}

/// A template's output for one object as a line of its own (trailing newlines folded into
/// one), as `inspect` and `container inspect` print it.
pub fn template_line(template: &str, object: &serde_json::Value) -> Result<String> {
    let text = crate::output::render_one(template, object)?;
    Ok(format!("{}\n", text.trim_end_matches('\n')))
}

pub fn set_log_level(l: LogLevel) {
    LOG_LEVEL.store(l as u8, std::sync::atomic::Ordering::Relaxed);
}

/// Prints a warning on stderr unless `--log-level error`.
pub fn warn(msg: &str) {
    if LOG_LEVEL.load(std::sync::atomic::Ordering::Relaxed) <= LogLevel::Warn as u8 {
        eprintln!("WARN: {msg}");
    }
}

/// Prints a debug message on stderr with `--log-level debug`.
pub fn debug(msg: &str) {
    if LOG_LEVEL.load(std::sync::atomic::Ordering::Relaxed) == LogLevel::Debug as u8 {
        eprintln!("DEBUG: {msg}");
    }
}

/// Asks on stdout, as Podman does; only an answer starting with `y` goes ahead (EOF does not).
pub fn confirm(warning: &str) -> Result<bool> {
    let mut out = std::io::stdout().lock();
    write!(out, "{warning}Are you sure you want to continue? [y/N] ")?;
    out.flush()?;
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .context("reading the answer")?;
    Ok(answer.trim_start().starts_with(['y', 'Y']))
}

/// The registry client settings from the shared registry flags; `host_uid` is the user's uid
/// outside any user namespace (`ctx.engine.host.uid`).
pub fn client_options(o: &RegistryOptions, host_uid: u32) -> Result<ClientOptions> {
    let creds = match &o.creds {
        Some(c) => Some(parse_creds(c).map_err(|e| anyhow!(e))?),
        None => None,
    };
    Ok(ClientOptions {
        tls_verify: o.tls_verify,
        creds,
        authfile: o.authfile.clone(),
        cert_dir: o.cert_dir.clone(),
        host_uid: Some(host_uid),
    })
}

pub mod compose;
pub mod container;
pub mod image;
pub mod inspect;
pub mod network;
pub mod registry;
pub mod system;
pub mod volume;
