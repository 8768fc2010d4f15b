//! Registry commands at a real terminal (tmux): the interactive `login` prompt reads the password
//! without echoing it and restores the terminal, and `pull` draws its progress on a terminal.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::registry::*;
use crate::support::*;

/// A tmux server of its own (private socket) running one command in a 150x40 window.
struct Tmux {
    socket: PathBuf,
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// `cmd` as a shell command line: its directory, its whole environment and its arguments.
fn shell_line(cmd: &Command) -> String {
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

impl Tmux {
    /// Starts `cmd` in a terminal; when it ends the pane shows `EXIT=<code>` and the terminal
    /// settings (`stty -g`) before and after.
    fn start(ctx: &TestContext, cmd: &Command) -> Tmux {
        let socket = ctx.dir.join("tmux.sock");
        let script = format!(
            "echo BEFORE=$(stty -g); {}; echo EXIT=$?; echo AFTER=$(stty -g); sleep 600",
            shell_line(cmd)
        );
        let status = Command::new("tmux")
            .arg("-S")
            .arg(&socket)
            .args(["new-session", "-d", "-x", "150", "-y", "40", "sh", "-c", &script])
            .status()
            .expect("tmux runs");
        assert!(status.success(), "tmux new-session failed");
        Tmux { socket }
    }

    fn send(&self, keys: &[&str]) {
        let status = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("send-keys")
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(["capture-pane", "-p", "-J", "-S", "-200"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    #[track_caller]
    fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {needle:?}; the screen:\n{screen}"
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

fn field<'a>(screen: &'a str, key: &str) -> &'a str {
    screen
        .lines()
        .find_map(|l| l.trim().strip_prefix(key))
        .unwrap_or_else(|| panic!("no {key} on the screen:\n{screen}"))
}

both_modes!(login_prompts_without_echo, |ctx| {
    let registry = Registry::htpasswd();
    let runtime = ctx.dir.join("run");
    let mut cmd = ctx.ferry_command(&["login", "--tls-verify=false", &registry.host]);
    cmd.env("XDG_RUNTIME_DIR", &runtime);
    let tmux = Tmux::start(ctx, &cmd);
    tmux.wait_for("Username:");
    tmux.send(&[USER, "Enter"]);
    tmux.wait_for("Password:");
    tmux.send(&[PASSWORD, "Enter"]);
    let screen = tmux.wait_for("AFTER=");
    assert!(screen.contains("Login Succeeded"), "{screen}");
    assert_eq!(field(&screen, "EXIT="), "0", "{screen}");
    assert!(!screen.contains(PASSWORD), "the password was echoed:\n{screen}");
    assert_eq!(
        field(&screen, "BEFORE="),
        field(&screen, "AFTER="),
        "terminal settings restored"
    );
    let saved = std::fs::read_to_string(runtime.join("containers/auth.json")).unwrap();
    assert!(saved.contains(&registry.host), "{saved}");
});

both_modes!(pull_on_a_terminal, |ctx| {
    let registry = Registry::plain();
    let img = FixtureImage::multilayer().compression(Compression::Gzip).build();
    registry.push_built(&img, "ns/multi:1", &[]);
    let cmd = ctx.ferry_command(&["pull", "--tls-verify=false", &registry.reference("ns/multi:1")]);
    let tmux = Tmux::start(ctx, &cmd);
    let screen = tmux.wait_for("AFTER=");
    assert_eq!(field(&screen, "EXIT="), "0", "{screen}");
    assert!(screen.contains(&img.id), "the image id is printed:\n{screen}");
    for layer in &img.layers {
        let short = &layer.digest.trim_start_matches("sha256:")[..12];
        assert!(screen.contains(short), "blob {short} has a progress line:\n{screen}");
    }
    assert_eq!(ctx.image_ids(), vec![img.id.clone()]);
});
