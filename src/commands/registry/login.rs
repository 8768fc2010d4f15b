//! `ferry login`: asks for missing credentials, checks them against the registry, then stores them in the
//! first auth file (mode 0600) — or, with `--get-login`, prints the stored username.

use std::io::{BufRead, Read, Write};
use std::os::fd::AsFd;

use anyhow::{Context as _, Result, bail};

use crate::cli::LoginArgs;
use crate::commands::{Context, ExitStatus};
use crate::config::registries::RegistriesConf;
use crate::engine::registry;
use crate::registry::auth::{self, Credentials};
use crate::registry::client::ClientOptions;

pub fn exec(ctx: &mut Context, args: LoginArgs) -> Result<ExitStatus> {
    let key = auth::auth_key(&args.registry)?;
    let o = &args.registry_options;
    let client = ClientOptions {
        tls_verify: o.tls_verify,
        creds: None,
        authfile: o.authfile.clone(),
        cert_dir: o.cert_dir.clone(),
        host_uid: Some(ctx.engine.host.uid),
    };
    let stored = registry::stored_login(&key, &client)?;
    if args.get_login {
        match stored {
            Some(username) => println!("{username}"),
            None => bail!("not logged into {key}"),
        }
        return Ok(ExitStatus::SUCCESS);
    }
    let path = registry::login_file(&client)?;
    if args.password.is_some() && args.password_stdin {
        bail!("--password and --password-stdin are mutually exclusive");
    }
    let from_creds = match &o.creds {
        Some(c) => Some(auth::split_creds(c).map_err(anyhow::Error::msg)?),
        None => None,
    };
    let username = match (args.username, &from_creds) {
        (Some(u), _) => u,
        (None, Some((u, _))) => u.clone(),
        (None, None) if args.password_stdin => bail!("--password-stdin needs --username"),
        (None, None) => prompt_username(stored.as_deref())?,
    };
    if username.is_empty() {
        bail!("the username must not be empty");
    }
    let password = match (args.password, from_creds.and_then(|(_, p)| p)) {
        (Some(p), _) => p,
        (None, _) if args.password_stdin => read_password_stdin()?,
        (None, Some(p)) => p,
        (None, None) => prompt_password()?,
    };
    if password.is_empty() {
        bail!("the password must not be empty");
    }
    let creds = Credentials { username, password };
    let registries = RegistriesConf::load()?;
    registry::login(&key, creds, &client, &registries, &path)?;
    println!("Login Succeeded!");
    Ok(ExitStatus::SUCCESS)
}

fn prompt_username(stored: Option<&str>) -> Result<String> {
    match stored {
        Some(u) => eprint!("Username ({u}): "),
        None => eprint!("Username: "),
    }
    std::io::stderr().flush().ok();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the username from stdin")?;
    let name = line.trim().to_string();
    Ok(match (name.is_empty(), stored) {
        (true, Some(u)) => u.to_string(),
        _ => name,
    })
}

fn read_password_stdin() -> Result<String> {
    let mut text = String::new();
    std::io::stdin()
        .take(64 * 1024)
        .read_to_string(&mut text)
        .context("reading the password from stdin")?;
    Ok(text.trim_end_matches(['\n', '\r']).to_string())
}

/// Reads a password on the terminal without echo, restoring the terminal afterwards.
fn prompt_password() -> Result<String> {
    use nix::sys::termios::{self, LocalFlags, SetArg};
    let mut tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .map_err(|_| anyhow::anyhow!("no terminal to read the password from: use --password-stdin or --password"))?;
    let saved = termios::tcgetattr(tty.as_fd()).context("reading the terminal settings")?;
    let mut quiet = saved.clone();
    quiet.local_flags.remove(LocalFlags::ECHO);
    quiet.local_flags.insert(LocalFlags::ECHONL);
    tty.write_all(b"Password: ").context("writing to the terminal")?;
    termios::tcsetattr(tty.as_fd(), SetArg::TCSAFLUSH, &quiet).context("turning off terminal echo")?;
    let mut line = String::new();
    let read = std::io::BufReader::new(&tty).read_line(&mut line);
    // Restore echo even when reading failed.
    let restored = termios::tcsetattr(tty.as_fd(), SetArg::TCSAFLUSH, &saved);
    read.context("reading the password from the terminal")?;
    restored.context("restoring the terminal settings")?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}
