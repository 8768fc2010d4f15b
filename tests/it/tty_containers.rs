//! Containers with a terminal, at a real terminal (tmux): `run -it`, window sizes, Ctrl-C,
//! detach keys, `attach` (several at once, with and without a terminal), `start -ai`, and the
//! user's terminal restored on every way out.

use std::time::{Duration, Instant};

use crate::support::tmux::{Tmux, field};
use crate::support::*;

const IMG: &str = "ttyimg:latest";

fn setup(ctx: &TestContext) {
    ctx.load(&FixtureImage::from_layers(vec![fixtures::busybox_layer()]), &[IMG]);
}

fn status(ctx: &TestContext, name: &str) -> String {
    ctx.ferry(&["container", "inspect", "--format", "{{.State.Status}}", name])
        .success()
        .stdout()
        .trim()
        .to_string()
}

#[track_caller]
fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The terminal settings before ferry ran and after it ended are the same.
#[track_caller]
fn assert_restored(screen: &str) {
    assert_eq!(
        field(screen, "BEFORE="),
        field(screen, "AFTER="),
        "terminal settings restored:\n{screen}"
    );
}

/// Runs a command in the shell on the screen and waits for its (computed) output.
#[track_caller]
fn shell(tmux: &Tmux, command: &str, expect: &str) -> String {
    tmux.type_text(command);
    tmux.send(&["Enter"]);
    tmux.wait_for(expect)
}

both_modes!(run_it_shell, |ctx| {
    setup(ctx);
    let tmux = Tmux::start(ctx, &ctx.ferry_command(&["run", "-it", "--name", "sh1", IMG, "sh"]));
    tmux.wait_for("# ");
    shell(&tmux, "echo out-$((6*7))", "out-42");
    // The terminal is the container's own, its size the window's.
    shell(&tmux, "busybox tty; echo tty-done", "tty-done");
    assert!(tmux.screen().contains("/dev/pts/0"), "{}", tmux.screen());
    shell(&tmux, "echo size-$(busybox stty size)", "size-40 150");
    tmux.resize(100, 30);
    shell(&tmux, "echo size-$(busybox stty size)", "size-30 100");
    // Ctrl-C interrupts the foreground command in the container, not ferry.
    tmux.type_text("sleep 100");
    tmux.send(&["Enter"]);
    std::thread::sleep(Duration::from_millis(500));
    let t = Instant::now();
    tmux.send(&["C-c"]);
    shell(&tmux, "echo alive-$((1+1))", "alive-2");
    assert!(t.elapsed() < Duration::from_secs(20));
    tmux.type_text("exit 3");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("AFTER=");
    assert_eq!(field(&screen, "EXIT="), "3", "{screen}");
    assert_restored(&screen);
    assert_eq!(status(ctx, "sh1"), "exited");
    // The terminal's output is logged (one stream: stdout).
    let logs = ctx.ferry(&["logs", "sh1"]).success();
    assert!(logs.stdout().contains("out-42"), "{}", logs.stdout());
});

both_modes!(detach_and_attach, |ctx| {
    setup(ctx);
    let tmux = Tmux::start(
        ctx,
        &ctx.ferry_command(&["run", "-it", "--rm", "--name", "d", IMG, "sh"]),
    );
    tmux.wait_for("# ");
    shell(&tmux, "echo one-$((1+1))", "one-2");
    tmux.send(&["C-p", "C-q"]);
    let screen = tmux.wait_for("AFTER=");
    assert_eq!(field(&screen, "EXIT="), "0", "{screen}");
    assert_restored(&screen);
    assert_eq!(status(ctx, "d"), "running");
    let ps = ctx.ferry(&["ps", "--format", "{{.Names}}"]).success().stdout();
    assert!(ps.lines().any(|l| l == "d"), "{ps}");

    let again = Tmux::start_named(ctx, "again", &ctx.ferry_command(&["attach", "d"]));
    shell(&again, "echo two-$((2+2))", "two-4");
    // A lone ctrl-p followed by another key reaches the container as both bytes.
    shell(&again, "busybox cat -v", "cat -v");
    again.send(&["C-p"]);
    again.type_text("x");
    again.send(&["Enter"]);
    again.wait_for("^Px");
    again.send(&["C-d"]);
    // Other detach keys; the default ones then pass through.
    shell(&again, "exit 3", "AFTER=");
    let screen = again.screen();
    assert_eq!(field(&screen, "EXIT="), "3", "{screen}");
    assert_restored(&screen);
    // --rm: the monitor removed it before telling the client.
    ctx.ferry(&["container", "exists", "d"]).code(1);
});

both_modes!(custom_detach_keys, |ctx| {
    setup(ctx);
    let id = ctx.ferry(&["run", "-dit", "--name", "k", IMG, "sh"]).success().stdout();
    let id = id.trim();
    let tmux = Tmux::start(ctx, &ctx.ferry_command(&["attach", "--detach-keys", "ctrl-x,y", "k"]));
    shell(&tmux, "echo in-$((5+5))", "in-10");
    // ctrl-p ctrl-q is not the sequence here: it goes to the container (whose shell's line
    // editor takes ctrl-p; ctrl-c then gives a fresh prompt).
    tmux.send(&["C-p", "C-q"]);
    tmux.send(&["C-c"]);
    shell(&tmux, "echo still-$((1+2))", "still-3");
    tmux.send(&["C-x"]);
    tmux.type_text("y");
    let screen = tmux.wait_for("AFTER=");
    assert_eq!(field(&screen, "EXIT="), "0", "{screen}");
    assert_restored(&screen);
    assert_eq!(status(ctx, "k"), "running");
    // The monitor holding a terminal and serving clients stays small.
    let state = std::fs::read(ctx.store_root().join("containers").join(id).join("state.json")).unwrap();
    let monitor = serde_json::from_slice::<serde_json::Value>(&state).unwrap()["monitorPid"].clone();
    let st = std::fs::read_to_string(format!("/proc/{monitor}/status")).unwrap();
    let anon: u64 = st
        .lines()
        .find_map(|l| l.strip_prefix("RssAnon:"))
        .unwrap()
        .trim()
        .trim_end_matches(" kB")
        .parse()
        .unwrap();
    assert!(anon < 2048, "{st}");
    ctx.ferry(&["attach", "--detach-keys", "ctrl-1", "k"])
        .code(125)
        .stderr_contains("invalid detach keys");
    ctx.ferry(&["run", "--detach-keys", "bad-key", "-it", IMG, "true"])
        .code(125)
        .stderr_contains("invalid detach keys");
    ctx.ferry(&["rm", "-f", "k"]).success();
});

both_modes!(two_attaches_see_the_output, |ctx| {
    setup(ctx);
    ctx.ferry(&["run", "-dit", "--name", "two", IMG, "sh"]).success();
    let a = Tmux::start_named(ctx, "a", &ctx.ferry_command(&["attach", "two"]));
    let b = Tmux::start_named(ctx, "b", &ctx.ferry_command(&["attach", "two"]));
    // Both are connected once both see output typed in one.
    wait_for("both clients", || {
        a.type_text("echo ping");
        a.send(&["Enter"]);
        std::thread::sleep(Duration::from_millis(300));
        b.screen().contains("ping")
    });
    shell(&a, "echo both-$((3*3))", "both-9");
    b.wait_for("both-9");
    shell(&b, "echo from-b-$((4*4))", "from-b-16");
    a.wait_for("from-b-16");
    b.send(&["C-p", "C-q"]);
    let screen = b.wait_for("AFTER=");
    assert_eq!(field(&screen, "EXIT="), "0", "{screen}");
    shell(&a, "exit 5", "AFTER=");
    assert_eq!(field(&a.screen(), "EXIT="), "5", "{}", a.screen());
    assert_eq!(status(ctx, "two"), "exited");
});

both_modes!(start_ai_a_created_tty_container, |ctx| {
    setup(ctx);
    ctx.ferry(&[
        "create",
        "-t",
        "-i",
        "--name",
        "c",
        IMG,
        "sh",
        "-c",
        "echo started; read x; echo got-$x; exit 4",
    ])
    .success();
    let config = ctx
        .ferry(&["inspect", "--format", "{{.Config.Tty}} {{.Config.OpenStdin}}", "c"])
        .success()
        .stdout();
    assert_eq!(config.trim(), "true true");
    let tmux = Tmux::start(ctx, &ctx.ferry_command(&["start", "-ai", "c"]));
    tmux.wait_for("started");
    tmux.type_text("hi");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("AFTER=");
    assert!(screen.contains("got-hi"), "{screen}");
    assert_eq!(field(&screen, "EXIT="), "4", "{screen}");
    assert_restored(&screen);
});

both_modes!(signals_restore_the_terminal, |ctx| {
    setup(ctx);
    for (sig, name) in [(libc::SIGTERM, "term"), (libc::SIGHUP, "hup")] {
        let tmux = Tmux::start_named(
            ctx,
            name,
            &ctx.ferry_command(&["run", "-it", "--name", name, IMG, "sh"]),
        );
        tmux.wait_for("# ");
        // The client is the child of the pane's shell (env and setpriv exec it).
        let pane = std::process::Command::new("tmux")
            .arg("-S")
            .arg(ctx.dir.join(format!("{name}.sock")))
            .args(["display", "-p", "#{pane_pid}"])
            .output()
            .unwrap();
        let pane: i32 = String::from_utf8_lossy(&pane.stdout).trim().parse().unwrap();
        let children = std::fs::read_to_string(format!("/proc/{pane}/task/{pane}/children")).unwrap();
        let client: i32 = children.split_whitespace().next().unwrap().parse().unwrap();
        // SAFETY: signalling the ferry process this test started.
        assert_eq!(unsafe { libc::kill(client, sig) }, 0);
        let screen = tmux.wait_for("AFTER=");
        assert_eq!(field(&screen, "EXIT="), (128 + sig).to_string(), "{screen}");
        assert_restored(&screen);
        // The container goes on under its monitor.
        assert_eq!(status(ctx, name), "running");
        ctx.ferry(&["rm", "-f", name]).success();
    }
});

both_modes!(tty_without_a_terminal, |ctx| {
    setup(ctx);
    let out = ctx
        .ferry(&["run", "--rm", "-t", IMG, "sh", "-c", "busybox tty; echo out; exit 7"])
        .code(7);
    let text = out.stdout();
    assert!(text.contains("/dev/pts/0\r\nout\r\n"), "{text:?}");
    let out = ctx
        .ferry_stdin(
            &["run", "--rm", "-i", "-t", IMG, "sh", "-c", "read x; echo got-$x"],
            b"abc\n",
        )
        .success();
    assert!(out.stdout().contains("got-abc"), "{}", out.stdout());
    assert!(out.stderr.contains("The input device is not a TTY"), "{}", out.stderr);
    // Detached with a terminal, the output is logged.
    ctx.ferry(&["run", "-dt", "--name", "dt", IMG, "sh", "-c", "echo logged-line"])
        .success();
    wait_for("the exit", || status(ctx, "dt") == "exited");
    let logs = ctx.ferry(&["logs", "dt"]).success().stdout();
    assert!(logs.contains("logged-line"), "{logs:?}");
    ctx.ferry(&["run", "--rm", "-t", IMG, "nosuchcommand"])
        .code(127)
        .stderr_contains("nosuchcommand");
    let ps = ctx.ferry(&["ps", "-a", "-q"]).success().stdout();
    assert_eq!(ps.lines().count(), 1, "--rm containers are gone: {ps}");
});

both_modes!(attach_forwards_stdin_without_a_terminal, |ctx| {
    setup(ctx);
    ctx.ferry(&[
        "run",
        "-d",
        "-i",
        "--name",
        "pi",
        IMG,
        "sh",
        "-c",
        "while read l; do echo got-$l; echo err-$l >&2; done; echo eof; exit 5",
    ])
    .success();
    let out = ctx.ferry_stdin(&["attach", "pi"], b"one\ntwo\n").code(5);
    assert_eq!(out.stdout(), "got-one\ngot-two\neof\n");
    assert_eq!(out.stderr, "err-one\nerr-two\n");
    // A container that is not running cannot be attached to.
    ctx.ferry(&["attach", "pi"])
        .code(125)
        .stderr_contains("you can only attach to running containers");
    // Without -i, attach input is not forwarded but the output is.
    ctx.ferry(&[
        "run",
        "-d",
        "--name",
        "noi",
        IMG,
        "sh",
        "-c",
        "sleep 1; echo late; exit 2",
    ])
    .success();
    let out = ctx.ferry_stdin(&["attach", "--no-stdin", "noi"], b"ignored\n").code(2);
    assert_eq!(out.stdout(), "late\n");
});

both_modes!(resize_follows_without_input, |ctx| {
    setup(ctx);
    let script = "echo start-$(busybox stty size); while [ \"$(busybox stty size)\" = '40 150' ]; do sleep 0.1; done; \
                  echo now-$(busybox stty size)";
    let tmux = Tmux::start(ctx, &ctx.ferry_command(&["run", "--rm", "-t", IMG, "sh", "-c", script]));
    tmux.wait_for("start-40 150");
    tmux.resize(90, 20);
    let screen = tmux.wait_for("AFTER=");
    assert!(screen.contains("now-20 90"), "{screen}");
    assert_eq!(field(&screen, "EXIT="), "0", "{screen}");
    assert_restored(&screen);
});
