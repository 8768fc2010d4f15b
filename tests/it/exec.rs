//! `ferry exec`: the container's namespaces and filesystem, users, exit codes, environment and
//! working directory, detached and interactive execs, privileges and seccomp.

use std::time::{Duration, Instant};

use crate::support::tmux::{Tmux, field};
use crate::support::*;

const IMG: &str = "execimg:latest";

/// Busybox plus `unshare`, a script without the execute bit, and groups with members, so that
/// `-u` has supplementary groups to find.
pub fn exec_image() -> FixtureImage {
    let extra = LayerSpec::new()
        .dir("bin", 0o755)
        .symlink("bin/unshare", "busybox")
        .symlink("bin/tr", "busybox")
        .symlink("bin/tty", "busybox")
        .symlink("bin/stty", "busybox")
        .file("bin/noexec", 0o644, "#!/bin/sh\necho this must not run\n")
        .dir("etc", 0o755)
        .file(
            "etc/group",
            0o644,
            "root:x:0:\nwww-data:x:33:\nuser:x:1000:\nweb:x:2000:user,www-data\nnogroup:x:65534:\n",
        )
        .dir("srv", 0o755)
        .dir("srv/app", 0o755);
    FixtureImage::from_layers(vec![fixtures::busybox_layer(), extra]).label("exec")
}

/// A running container, removed (with `rm -f`) when dropped.
pub struct Running<'a> {
    ctx: &'a TestContext,
    pub id: String,
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        let _ = self.ctx.ferry(&["rm", "-f", &self.id]);
    }
}

/// `ferry run -d FLAGS IMG sh -c SCRIPT`, once the script has started.
pub fn running<'a>(ctx: &'a TestContext, img: &str, flags: &[&str], script: &str) -> Running<'a> {
    let mut args = vec!["run", "-d"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&[img, "sh", "-c", script]);
    let id = ctx.ferry(&args).success().stdout().trim().to_string();
    Running { ctx, id }
}

fn setup(ctx: &TestContext) -> Running<'_> {
    ctx.load(&exec_image(), &[IMG]);
    running(
        ctx,
        IMG,
        &["--name", "box"],
        "echo from-init > /tmp/init-file; exec sleep 1000",
    )
}

/// `ferry exec FLAGS box sh -c SCRIPT`.
fn sh(ctx: &TestContext, flags: &[&str], script: &str) -> Output {
    let mut args = vec!["exec"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&["box", "sh", "-c", script]);
    ctx.ferry(&args)
}

#[track_caller]
fn out(ctx: &TestContext, flags: &[&str], script: &str) -> String {
    sh(ctx, flags, script).success().stdout().trim().to_string()
}

#[track_caller]
fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn cap_eff(ctx: &TestContext, flags: &[&str]) -> u64 {
    let text = out(ctx, flags, "cat /proc/self/status");
    let v = text
        .lines()
        .find_map(|l| l.strip_prefix("CapEff:"))
        .unwrap_or_else(|| panic!("no CapEff:\n{text}"))
        .trim()
        .to_string();
    u64::from_str_radix(&v, 16).unwrap()
}

both_modes!(same_pid_namespace_and_filesystem, |ctx| {
    let _c = setup(ctx);
    wait_for("the init's file", || {
        sh(ctx, &[], "test -f /tmp/init-file").code == Some(0)
    });
    // PID 1 is the container's command; the exec's shell is in the same namespace.
    assert_eq!(out(ctx, &[], "cat /proc/1/cmdline | tr '\\0' ' '"), "sleep 1000");
    let ps = out(ctx, &[], "ps -o pid,args");
    assert!(
        ps.lines()
            .any(|l| l.trim_start().starts_with("1 ") && l.contains("sleep 1000")),
        "{ps}"
    );
    assert_eq!(out(ctx, &[], "cat /tmp/init-file"), "from-init");
    sh(ctx, &[], "echo from-exec > /srv/app/exec-file").success();
    assert_eq!(out(ctx, &[], "cat /srv/app/exec-file"), "from-exec");
    // The container's hostname (its short id) and its own network namespace.
    assert_eq!(out(ctx, &[], "hostname"), &_c.id[..12]);
    // Rootless, the exec's root is the container's root: it writes where that root can.
    sh(ctx, &[], "mkdir /root/x && touch /root/x/y && chown 33:33 /root/x/y").success();
    assert_eq!(out(ctx, &[], "stat -c %u:%g /root/x/y"), "33:33");
});

both_modes!(users_and_groups, |ctx| {
    let _c = setup(ctx);
    assert_eq!(out(ctx, &[], "id"), "uid=0(root) gid=0(root)");
    assert_eq!(
        out(ctx, &["-u", "33"], "id"),
        "uid=33(www-data) gid=33(www-data) groups=2000(web)"
    );
    assert_eq!(
        out(ctx, &["-u", "nobody:nogroup"], "id"),
        "uid=65534(nobody) gid=65534(nogroup)"
    );
    assert_eq!(out(ctx, &["-u", "www-data"], "echo $HOME"), "/var/www");
    // Names resolve through the container's current files, not the image's.
    sh(ctx, &[], "echo 'late:x:4242:4242:late:/srv:/bin/sh' >> /etc/passwd").success();
    assert_eq!(out(ctx, &["-u", "late"], "id -u; echo $HOME"), "4242\n/srv");
    sh(ctx, &["-u", "nosuchuser"], "true")
        .code(125)
        .stderr_contains("unable to find user nosuchuser");
    // Not root: no effective capabilities.
    assert_eq!(cap_eff(ctx, &["-u", "33"]), 0);
    // A passwd that is a symlink (here, to the host's file) is not followed out of the container.
    sh(
        ctx,
        &[],
        "rm /etc/passwd && ln -s ../../../../../../etc/passwd /etc/passwd",
    )
    .success();
    sh(ctx, &["-u", TEST_USER], "true")
        .code(125)
        .stderr_contains(&format!("unable to find user {TEST_USER}"));
    assert_eq!(out(ctx, &["-u", "33:33"], "id -u"), "33");
});

both_modes!(exit_codes, |ctx| {
    let _c = setup(ctx);
    sh(ctx, &[], "exit 7").code(7);
    ctx.ferry(&["exec", "box", "nosuchcommand"])
        .code(127)
        .stderr_contains("executable file `nosuchcommand` not found in $PATH");
    ctx.ferry(&["exec", "box", "/bin/noexec"])
        .code(126)
        .stderr_contains("permission denied");
    ctx.ferry(&["exec", "nosuchcontainer", "true"]).code(125);
    ctx.ferry(&["exec", "-w", "/nonexistent", "box", "true"])
        .code(125)
        .stderr_contains("/nonexistent");
});

both_modes!(host_network_and_alias, |ctx| {
    ctx.load(&exec_image(), &[IMG]);
    let _c = running(ctx, IMG, &["--name", "box", "--network", "host"], "exec sleep 1000");
    // The host's network namespace is shared already: it is not joined again (rootless could not).
    let o = ctx
        .ferry(&["container", "exec", "box", "readlink", "/proc/self/ns/net"])
        .success();
    let ours = std::fs::read_link("/proc/self/ns/net").unwrap();
    assert_eq!(o.stdout().trim(), ours.to_str().unwrap());
    assert_ne!(
        ctx.ferry(&["container", "exec", "box", "readlink", "/proc/self/ns/pid"])
            .success()
            .stdout()
            .trim(),
        std::fs::read_link("/proc/self/ns/pid").unwrap().to_str().unwrap()
    );
});

both_modes!(not_running, |ctx| {
    ctx.load(&exec_image(), &[IMG]);
    ctx.ferry(&["create", "--name", "created", IMG, "sleep", "100"])
        .success();
    ctx.ferry(&["exec", "created", "true"])
        .code(125)
        .stderr_contains("can only create exec sessions on running containers: container state improper");
    ctx.ferry(&["run", "--name", "exited", IMG, "true"]).success();
    ctx.ferry(&["exec", "exited", "true"])
        .code(125)
        .stderr_contains("container state improper");
});

both_modes!(env_and_workdir, |ctx| {
    ctx.load(&exec_image(), &[IMG]);
    let _c = running(
        ctx,
        IMG,
        &["--name", "box", "-e", "A=from-run", "-e", "B=b", "-w", "/srv"],
        "exec sleep 1000",
    );
    assert_eq!(out(ctx, &[], "echo $A $B; pwd"), "from-run b\n/srv");
    let env_file = ctx.file("env");
    std::fs::write(&env_file, "C=from-file\nA=file\n").unwrap();
    assert_eq!(
        out(
            ctx,
            &["-e", "A=from-exec", "--env-file", p(&env_file), "-w", "/srv/app"],
            "echo $A $B $C; pwd"
        ),
        "from-exec b from-file\n/srv/app"
    );
});

both_modes!(detached_and_interactive, |ctx| {
    let _c = setup(ctx);
    ctx.ferry(&["exec", "-d", "box", "sh", "-c", "echo started > /tmp/d; exec sleep 999"])
        .success();
    wait_for("the detached exec", || {
        sh(ctx, &[], "cat /tmp/d").stdout().trim() == "started"
    });
    // Still running, as a child of the container's init.
    let ps = out(ctx, &[], "ps -o pid,ppid,args");
    assert!(
        ps.lines()
            .any(|l| l.split_whitespace().nth(1) == Some("1") && l.contains("sleep 999")),
        "{ps}"
    );
    let o = ctx.ferry_stdin(&["exec", "-i", "box", "sh", "-c", "wc -l; cat /dev/null"], b"a\nb\nc\n");
    assert_eq!(o.success().stdout().trim(), "3");
    // Without -i the command reads nothing.
    let o = ctx.ferry_stdin(&["exec", "box", "wc", "-c"], b"ignored");
    assert_eq!(o.success().stdout().trim(), "0");
});

both_modes!(privileges_and_seccomp, |ctx| {
    let _c = setup(ctx);
    let default = cap_eff(ctx, &[]);
    let privileged = cap_eff(ctx, &["--privileged"]);
    assert_ne!(default, privileged);
    assert_eq!(default & !privileged, 0, "--privileged must only add");
    // The container's seccomp filter applies to the exec as to the container.
    sh(ctx, &[], "unshare -U true").failure();
    sh(ctx, &["--privileged"], "unshare -U true").success();
});

both_modes!(signals_reach_the_exec, |ctx| {
    let _c = setup(ctx);
    let mut child = ctx
        .ferry_command(&[
            "exec",
            "box",
            "sh",
            "-c",
            "trap 'echo got-term; exit 3' TERM; while :; do sleep 0.1; done",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the shell runs (two sh processes: the init's exec'd sleep is not one).
    wait_for("the exec's shell", || {
        sh(ctx, &[], "ps -o args | grep -c '^sh -c trap'").stdout().trim() == "1"
    });
    // SAFETY: signals the ferry process this test spawned.
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGTERM) }, 0);
    let status = child.wait().unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(child.stdout.as_mut().unwrap(), &mut text).unwrap();
    assert_eq!(status.code(), Some(3), "{text}");
    assert_eq!(text.trim(), "got-term");
});

/// Whether a line of the screen starts with `key` followed by a digit or a letter (output, not
/// the command line that prints it).
fn output_line(screen: &str, key: &str) -> bool {
    screen.lines().any(|l| {
        l.strip_prefix(key)
            .is_some_and(|v| v.starts_with(|c: char| c.is_ascii_alphanumeric()))
    })
}

both_modes!(terminal, |ctx| {
    let _c = setup(ctx);
    let t = Tmux::start(ctx, &ctx.ferry_command(&["exec", "-it", "box", "sh"]));
    t.wait_for("# ");
    t.type_text("tty; echo TERM=$TERM; echo SIZE=$(stty size)");
    t.send(&["Enter"]);
    let screen = t.wait_until("the size", |s| output_line(s, "SIZE="));
    // The terminal is the container's own (its devpts), sized like ferry's.
    assert!(screen.contains("/dev/pts/0"), "{screen}");
    assert_eq!(field(&screen, "TERM="), "xterm");
    let size = field(&screen, "SIZE=").to_string();
    assert!(size.ends_with(" 150"), "{screen}");
    t.resize(100, 30);
    t.type_text("echo NEW=$(stty size)");
    t.send(&["Enter"]);
    let screen = t.wait_until("the new size", |s| output_line(s, "NEW="));
    assert!(field(&screen, "NEW=").ends_with(" 100"), "{screen}");
    // Ctrl-C is a byte for the container's shell, not the end of ferry.
    t.type_text("sleep 30");
    t.send(&["Enter"]);
    std::thread::sleep(Duration::from_millis(300));
    t.send(&["C-c"]);
    t.type_text("echo ALIVE");
    t.send(&["Enter"]);
    t.wait_until("the shell after Ctrl-C", |s| s.lines().any(|l| l.trim() == "ALIVE"));
    t.type_text("exit 5");
    t.send(&["Enter"]);
    let screen = t.wait_for("AFTER=");
    assert_eq!(field(&screen, "EXIT="), "5");
    assert_eq!(
        field(&screen, "BEFORE="),
        field(&screen, "AFTER="),
        "terminal settings restored"
    );

    // The detach keys end ferry with 0, and the session goes on without it, as with Podman.
    let t = Tmux::start_named(ctx, "detach", &ctx.ferry_command(&["exec", "-it", "box", "sh"]));
    t.wait_for("# ");
    t.type_text("echo $$ > /tmp/session");
    t.send(&["Enter"]);
    wait_for("the session's pid", || {
        sh(ctx, &[], "test -s /tmp/session").code == Some(0)
    });
    t.send(&["C-p", "C-q"]);
    let screen = t.wait_for("AFTER=");
    assert!(screen.contains("EXIT=0"), "{screen}");
    std::thread::sleep(Duration::from_millis(300));
    sh(ctx, &[], "kill -0 $(cat /tmp/session)").success();
    // It ends normally later: its terminal is kept by a drain that goes with it.
    sh(ctx, &[], "kill -HUP $(cat /tmp/session)").success();
    wait_for("the detached session to end", || {
        sh(ctx, &[], "kill -0 $(cat /tmp/session)").code != Some(0)
    });
});

/// A user without subordinate ids: the container's user namespace maps only the user, and
/// denies setgroups; exec joins it all the same.
#[test]
fn without_subordinate_ids() {
    const NOSUB_USER: &str = "ferrynosub";
    let ctx = TestContext::new(Mode::Root);
    let user = nix::unistd::User::from_name(NOSUB_USER)
        .unwrap()
        .unwrap_or_else(|| panic!("user {NOSUB_USER} does not exist; run `bash .ci/run` as root once"));
    let home = ctx.dir.join("nosub-home");
    let run_dir = ctx.dir.join("nosub-run");
    for d in [&home, &run_dir] {
        std::fs::create_dir(d).unwrap();
        nix::unistd::chown(d, Some(user.uid), Some(user.gid)).unwrap();
    }
    let archive = ctx.file("exec.tar");
    exec_image().write_docker_archive(&archive, &[IMG]);
    let ferry = |args: &[&str]| {
        let mut cmd = std::process::Command::new("/usr/bin/setpriv");
        cmd.args([
            &format!("--reuid={NOSUB_USER}"),
            &format!("--regid={NOSUB_USER}"),
            "--init-groups",
            "--",
        ])
        .arg(ferry_bin())
        .args(args)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", &home)
        .env("USER", NOSUB_USER)
        .env("XDG_RUNTIME_DIR", &run_dir);
        run(cmd, None)
    };
    ferry(&["load", "-i", p(&archive)]).success();
    ferry(&["run", "-d", "--name", "box", IMG, "sleep", "1000"]).success();
    let id = ferry(&["exec", "box", "id"]).success().stdout();
    // setgroups is denied: the groups ferry was started with stay, as in `run`.
    assert!(id.starts_with("uid=0(root) gid=0(root)"), "{id}");
    ferry(&["exec", "box", "sh", "-c", "echo x > /root/f && cat /root/f"])
        .success()
        .stdout_contains("x");
    let rows = ferry(&["top", "box", "pid,user,args"]).success().lines();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[1].starts_with("1 ") && rows[1].contains("root") && rows[1].ends_with("sleep 1000"));
    ferry(&["rm", "-f", "box"]).success();
}
