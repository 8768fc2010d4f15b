//! A real terminal for tests: a tmux server of its own (private socket) running one command.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use super::TestContext;

/// A tmux server running one command in a 150x40 window; killed on drop.
pub struct Tmux {
    socket: PathBuf,
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// `cmd` as a shell command line: its directory, its whole environment and its arguments.
pub fn shell_line(cmd: &Command) -> String {
    let mut line = String::new();
    if let Some(dir) = cmd.get_current_dir() {
        line.push_str(&format!("cd {} && ", quote(&dir.to_string_lossy())));
    }
    line.push_str("env -i");
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v {
            line.push_str(&format!(" {}={}", k.to_string_lossy(), quote(&v.to_string_lossy())));
        }
    }
    line.push(' ');
    line.push_str(&quote(&cmd.get_program().to_string_lossy()));
    for a in cmd.get_args() {
        line.push(' ');
        line.push_str(&quote(&a.to_string_lossy()));
    }
    line
}

/// `cmd` as a line to type into a shell that already runs as the mode's user: [`shell_line`]
/// without the `setpriv` that switches to that user (as that user, it could not init groups).
pub fn user_line(cmd: &Command) -> String {
    let program = cmd.get_program().to_string_lossy().into_owned();
    let args: Vec<String> = cmd.get_args().map(|a| a.to_string_lossy().into_owned()).collect();
    let (program, args) = match args.iter().position(|a| a == "--") {
        Some(i) if program.ends_with("/setpriv") && i + 1 < args.len() => (args[i + 1].clone(), args[i + 2..].to_vec()),
        _ => (program, args),
    };
    let mut line = String::from("env -i");
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v {
            line.push_str(&format!(" {}={}", k.to_string_lossy(), quote(&v.to_string_lossy())));
        }
    }
    line.push(' ');
    line.push_str(&quote(&program));
    for a in &args {
        line.push(' ');
        line.push_str(&quote(a));
    }
    line
}

impl Tmux {
    /// Starts `cmd` in a terminal; when it ends the pane shows `EXIT=<code>` and the terminal
    /// settings (`stty -g`) before and after.
    pub fn start(ctx: &TestContext, cmd: &Command) -> Tmux {
        Tmux::start_named(ctx, "tmux", cmd)
    }

    /// [`Tmux::start`] with a server of its own named `name` (for several terminals at once).
    pub fn start_named(ctx: &TestContext, name: &str, cmd: &Command) -> Tmux {
        let socket = ctx.dir.join(format!("{name}.sock"));
        let script = format!(
            "echo BEFORE=$(stty -g); {}; echo EXIT=$?; echo AFTER=$(stty -g); sleep 600",
            shell_line(cmd)
        );
        let status = Command::new("tmux")
            .arg("-S")
            .arg(&socket)
            .args([
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                "150",
                "-y",
                "40",
                "sh",
                "-c",
                &script,
            ])
            .status()
            .expect("tmux runs");
        assert!(status.success(), "tmux new-session failed");
        let tmux = Tmux { socket };
        // Keys sent earlier would land in the middle of the settings line.
        tmux.wait_for("BEFORE=");
        tmux
    }

    fn tmux(&self, args: &[&str]) {
        let status = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .status()
            .unwrap();
        assert!(status.success(), "tmux {args:?} failed");
    }

    /// Sends keys as tmux names them (`Enter`, `C-c`, or text).
    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Types `text` literally (no key names), without Enter.
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-l", text]);
    }

    /// Resizes the window.
    pub fn resize(&self, cols: u16, rows: u16) {
        self.tmux(&["resize-window", "-x", &cols.to_string(), "-y", &rows.to_string()]);
    }

    /// The pane's content, with history.
    pub fn screen(&self) -> String {
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(["capture-pane", "-p", "-J", "-S", "-200"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits (up to 60 s) until the screen contains `needle`; returns the screen.
    #[track_caller]
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_until(needle, |s| s.contains(needle))
    }

    /// Waits (up to 60 s) until `f` holds for the screen; `what` names it in the failure.
    #[track_caller]
    pub fn wait_until(&self, what: &str, f: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let screen = self.screen();
            if f(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what:?}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .status();
    }
}

/// The value after `key` on the first screen line that starts with it.
#[track_caller]
pub fn field<'a>(screen: &'a str, key: &str) -> &'a str {
    screen
        .lines()
        .find_map(|l| l.trim().strip_prefix(key))
        .unwrap_or_else(|| panic!("no {key} on the screen:\n{screen}"))
}
