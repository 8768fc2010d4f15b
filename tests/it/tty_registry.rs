//! Registry commands at a real terminal (tmux): the interactive `login` prompt reads the password
//! without echoing it and restores the terminal, and `pull` draws its progress on a terminal.

use crate::support::registry::*;
use crate::support::tmux::{Tmux, field};
use crate::support::*;

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
