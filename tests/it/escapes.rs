//! Hostile containers against what ferry puts next to them: the processes that enter a running
//! container (`exec`) or start it (`run`), the caller's environment, terminal and files. Each
//! test runs an attacker program from `support/attackers/` inside a container, root and
//! rootless, and shows that it gets nothing.

use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::exec::{Running, running};
use crate::support::tmux::{Tmux, user_line};
use crate::support::*;

const IMG: &str = "hostile:latest";
/// Set in the environment of the ferry commands the attackers look at.
const TOKEN: &str = "FERRY_CALLER_SECRET=7d41c2e9a8";
/// What the exe scanner appends to a host file it manages to open for writing.
const MARKER: &str = "\nferry-escape-marker\n";

/// The shared libraries a dynamically linked binary loads (as `ldd` lists them).
fn shared_libraries(bin: &Path) -> Vec<PathBuf> {
    let out = std::process::Command::new("ldd").arg(bin).output().expect("ldd runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().find(|w| w.starts_with('/')))
        .map(PathBuf::from)
        .collect()
}

/// Busybox, the attackers under /attack, and what the runc CVE-2019-5736 exploit plants: a
/// script `/evil` whose interpreter is `/proc/self/exe`, with the loader and libraries the host's
/// ferry binary needs to run inside the container (so that a ferry process executing `/evil`
/// would run the host binary in the container, where the scanner can take hold of it).
fn image() -> FixtureImage {
    let mut extra =
        attackers::layer(&["proc_scanner", "tty_inject", "stdio_probe"]).file("evil", 0o755, "#!/proc/self/exe\n");
    let mut dirs = std::collections::BTreeSet::new();
    let libs = shared_libraries(ferry_bin());
    for lib in &libs {
        let rel = lib.strip_prefix("/").unwrap();
        for a in rel.ancestors().skip(1).filter(|a| !a.as_os_str().is_empty()) {
            dirs.insert(a.to_path_buf());
        }
    }
    for d in &dirs {
        extra = extra.dir(d.to_str().unwrap(), 0o755);
    }
    for lib in &libs {
        let data = std::fs::read(lib).unwrap_or_else(|e| panic!("{}: {e}", lib.display()));
        extra = extra.file(lib.strip_prefix("/").unwrap().to_str().unwrap(), 0o755, data);
    }
    FixtureImage::from_layers(vec![fixtures::busybox_layer(), extra]).label("hostile")
}

/// A second installation of ferry (as after an upgrade, or another install path), owned by the
/// mode's user: the file that the container's monitor runs is busy while the container runs,
/// this one only while a command from it does.
fn second_install(ctx: &TestContext) -> PathBuf {
    let dir = ctx.dir.join("second-install");
    std::fs::create_dir(&dir).unwrap();
    let bin = dir.join("ferry");
    std::fs::copy(ferry_bin(), &bin).unwrap();
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    if ctx.mode == Mode::Rootless {
        let u = test_user();
        std::os::unix::fs::chown(&bin, Some(u.uid), Some(u.gid)).unwrap();
    }
    bin
}

fn logs(ctx: &TestContext, name: &str) -> String {
    ctx.ferry(&["logs", name]).success().stdout()
}

#[track_caller]
fn wait_for_log(ctx: &TestContext, name: &str, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let text = logs(ctx, name);
        if text.lines().any(|l| l == needle) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {needle:?} in the logs:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Starts the scanner in a container named `name`, once it watches.
fn scanner<'a>(ctx: &'a TestContext, name: &str, flags: &[&str]) -> Running<'a> {
    let mut args = vec!["--name", name];
    args.extend_from_slice(flags);
    let c = running(
        ctx,
        IMG,
        &args,
        &format!("exec /attack/proc_scanner {TOKEN} '{MARKER}'"),
    );
    wait_for_log(ctx, name, "READY");
    c
}

/// Stops the scanner and returns what it reported.
fn scanner_report(ctx: &TestContext, name: &str) -> String {
    ctx.ferry(&["exec", name, "touch", "/tmp/stop"]).success();
    wait_for_log(ctx, name, "DONE")
}

fn count(report: &str, key: &str) -> u64 {
    report
        .lines()
        .find_map(|l| l.strip_prefix(key)?.trim().parse().ok())
        .unwrap_or_else(|| panic!("no {key} in the scanner's report:\n{report}"))
}

/// Execs with the second installation while the scanner watches for the processes they put in
/// the container; the runs are enough for the scanner to catch a ferry process before its
/// exec hundreds of times when the helper is reachable. Each runs `sleep 0.05`, long enough for
/// the scanner to count it even on a busy machine (its count shows it was watching).
const EXECS: usize = 20;

both_modes!(exec_cannot_reach_the_host_binary, |ctx| {
    ctx.load(&image(), &[IMG]);
    let second = second_install(ctx);
    // With CAP_SYS_PTRACE the scanner can look into processes that are not dumpable too: what
    // it finds there must still be nothing of the host's.
    let _c = scanner(ctx, "victim", &["--cap-add", "SYS_PTRACE"]);
    for _ in 0..EXECS {
        let cmd = ctx.ferry_command_at(&second, &["exec", "victim", "sleep", "0.05"]);
        let out = run(cmd, None);
        assert!(
            !out.stderr.contains("Text file busy"),
            "the container holds the host's ferry binary open for writing:\n{}",
            out.stderr
        );
        out.success();
    }
    // The CVE-2019-5736 shape: the command is a script whose interpreter is /proc/self/exe, the
    // executable of the process that executes it. Whatever that runs must not be the host's ferry.
    for _ in 0..5 {
        let cmd = ctx.ferry_command_at(&second, &["exec", "victim", "/evil", "--version"]);
        let out = run(cmd, None);
        assert!(
            !out.stdout().contains("ferry"),
            "the host's ferry binary ran in the container:\n{}",
            out.stdout()
        );
    }
    // Nothing executes the second installation now: a descriptor kept from it could be
    // reopened for writing from here on.
    std::thread::sleep(Duration::from_millis(300));
    let report = scanner_report(ctx, "victim");
    assert!(
        count(&report, "PIDS") >= EXECS as u64 / 2,
        "the scanner did not see the exec processes:\n{report}"
    );
    assert!(
        !report.lines().any(|l| l.starts_with("WROTE")),
        "the container wrote to a host file:\n{report}"
    );
    // The only executable of another origin it may see is the sealed stub's memfd (when the
    // container runs it itself through /proc/self/exe): never a ferry binary of the host.
    for bin in [ferry_bin(), second.as_path()] {
        let m = std::fs::metadata(bin).unwrap();
        let id = format!(
            "{}:{}",
            std::os::unix::fs::MetadataExt::dev(&m),
            std::os::unix::fs::MetadataExt::ino(&m)
        );
        assert!(
            !report.lines().any(|l| l.ends_with(&format!(" {id}"))),
            "the container reached a process running the host's ferry ({}):\n{report}",
            bin.display()
        );
    }
    assert!(
        std::fs::read(&second).unwrap() == std::fs::read(ferry_bin()).unwrap(),
        "the host's ferry binary was modified:\n{report}"
    );
});

both_modes!(exec_and_run_keep_the_callers_environment, |ctx| {
    ctx.load(&image(), &[IMG]);
    let (key, value) = TOKEN.split_once('=').unwrap();
    // `run`: with --init, PID 1 is ferry's until the container ends.
    for flags in [&["--init"][..], &[]] {
        let mut args = vec!["run", "-d", "--name", "run-scanner"];
        args.extend_from_slice(flags);
        args.extend_from_slice(&[IMG, "/attack/proc_scanner", TOKEN, MARKER]);
        let mut cmd = ctx.ferry_command(&args);
        cmd.env(key, value);
        run(cmd, None).success();
        wait_for_log(ctx, "run-scanner", "READY");
        let report = scanner_report(ctx, "run-scanner");
        assert!(
            !report.contains("ENVIRON"),
            "run {flags:?}: the container read the caller's environment:\n{report}"
        );
        ctx.ferry(&["rm", "-f", "run-scanner"]).success();
    }
    // `exec`: the processes that enter the container.
    let _c = scanner(ctx, "victim", &[]);
    for _ in 0..EXECS {
        let mut cmd = ctx.ferry_command(&["exec", "victim", "sleep", "0.05"]);
        cmd.env(key, value);
        run(cmd, None).success();
    }
    let report = scanner_report(ctx, "victim");
    assert!(
        count(&report, "PIDS") >= EXECS as u64 / 2,
        "the scanner saw nothing:\n{report}"
    );
    assert!(
        !report.contains("ENVIRON"),
        "exec: the container read the caller's environment:\n{report}"
    );
});

// Runs each ferry command in an interactive shell on a real terminal; the container tries to
// type `touch MARKER` into that terminal. The shell must never run it.
both_modes!(containers_cannot_type_into_the_callers_terminal, |ctx| {
    ctx.load(&image(), &[IMG]);
    let _c = running(ctx, IMG, &["--name", "victim"], "exec sleep 1000");
    let mut shell = ctx.command("/bin/sh");
    shell.arg("-i");
    let tmux = Tmux::start(ctx, &shell);
    let cases: [(&str, &[&str], bool); 6] = [
        ("run", &["run", "--rm", IMG], false),
        ("run-i", &["run", "--rm", "-i", IMG], false),
        ("exec", &["exec", "victim"], false),
        ("exec-i", &["exec", "-i", "victim"], false),
        ("run-t", &["run", "--rm", "-t", IMG], true),
        ("exec-t", &["exec", "-t", "victim"], true),
    ];
    for (label, flags, tty) in cases {
        let marker = ctx.file(&format!("injected-{label}"));
        let inject = format!("touch {}", marker.display());
        let mut args = flags.to_vec();
        args.extend_from_slice(&["/attack/tty_inject", &inject]);
        let line = user_line(&ctx.ferry_command(&args));
        tmux.type_text(&format!("{line}; echo END-$?-{label}"));
        tmux.send(&["Enter"]);
        let done = |s: &str| {
            s.lines()
                .any(|l| l.trim().starts_with("END-") && l.trim().ends_with(&format!("-{label}")))
        };
        let screen = tmux.wait_until(&format!("END-?-{label}"), done);
        // Whatever was pushed into the terminal's input is read by the shell now.
        tmux.type_text(&format!("echo CHECK-{label}"));
        tmux.send(&["Enter"]);
        tmux.wait_until(&format!("CHECK-{label}"), |s| {
            s.lines().any(|l| l.trim() == format!("CHECK-{label}"))
        });
        std::thread::sleep(Duration::from_millis(200));
        assert!(
            !marker.exists(),
            "{label}: the container typed a command into the host's shell:\n{screen}"
        );
        // The attacker's own report, between the command line and its end.
        let lines: Vec<&str> = screen.lines().map(str::trim).collect();
        let end = lines
            .iter()
            .rposition(|l| l.starts_with("END-") && l.ends_with(&format!("-{label}")))
            .unwrap();
        let start = lines[..end]
            .iter()
            .rposition(|l| l.contains(&format!("echo END-$?-{label}")))
            .unwrap();
        let report = lines[start + 1..end].join("\n");
        assert!(report.contains("INJECT-DONE"), "{label}: no report:\n{screen}");
        assert_eq!(lines[end], format!("END-0-{label}"), "{label}:\n{screen}");
        if !tty {
            assert!(
                report.contains("DEVTTY ENXIO"),
                "{label}: the container has a controlling terminal:\n{report}"
            );
            assert!(
                !report.contains("TIOCSTI"),
                "{label}: the container holds a terminal:\n{report}"
            );
        }
    }
});

/// The container's view of its descriptors, from the probe's stderr: (fd, target).
fn descriptors(stderr: &str) -> Vec<(u32, String)> {
    stderr
        .lines()
        .filter_map(|l| {
            let (fd, target) = l.strip_prefix("FD ")?.split_once(" -> ")?;
            Some((fd.parse().ok()?, target.to_string()))
        })
        .collect()
}

both_modes!(containers_never_hold_the_callers_files, |ctx| {
    ctx.load(&image(), &[IMG]);
    let _c = running(ctx, IMG, &["--name", "victim"], "exec sleep 1000");
    let cases: [(&str, &[&str], bool); 6] = [
        ("run", &["run", "--rm", IMG], false),
        ("run-i", &["run", "--rm", "-i", IMG], true),
        ("run-log-none", &["run", "--rm", "--log-driver", "none", IMG], false),
        ("start-a", &["start", "-a", "created"], false),
        ("exec", &["exec", "victim"], false),
        ("exec-i", &["exec", "-i", "victim"], true),
    ];
    ctx.ferry(&["create", "--name", "created", IMG, "/attack/stdio_probe"])
        .success();
    for (label, flags, input) in cases {
        let out_path = ctx.file(&format!("stdout-{label}"));
        std::fs::write(&out_path, "host-secret\n").unwrap();
        let in_path = ctx.file(&format!("stdin-{label}"));
        std::fs::write(&in_path, "host-input\n").unwrap();
        let mut args = flags.to_vec();
        if label != "start-a" {
            args.push("/attack/stdio_probe");
        }
        let mut cmd = ctx.ferry_command(&args);
        cmd.stdout(std::fs::OpenOptions::new().append(true).open(&out_path).unwrap())
            .stderr(Stdio::piped());
        if input {
            cmd.stdin(std::fs::File::open(&in_path).unwrap());
        }
        let out = cmd.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{label}: {stderr}");
        assert_eq!(
            std::fs::read_to_string(&out_path).unwrap(),
            "host-secret\ncontainer-line\n",
            "{label}: the host file changed:\n{stderr}"
        );
        assert_eq!(std::fs::read_to_string(&in_path).unwrap(), "host-input\n", "{label}");
        assert!(
            !stderr.contains("READ"),
            "{label}: the container read the host file:\n{stderr}"
        );
        let fds = descriptors(&stderr);
        assert_eq!(
            fds.iter().map(|(fd, _)| *fd).collect::<Vec<_>>(),
            [0, 1, 2],
            "{label}: {stderr}"
        );
        for (fd, target) in &fds {
            let fine = target.starts_with("pipe:[") || target.ends_with("/null");
            assert!(fine, "{label}: the container's fd {fd} is {target}:\n{stderr}");
        }
    }
    // A build's RUN step: its output reaches ferry's stdout (the host file) through ferry.
    let dir = ctx.file("context");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("Containerfile"),
        format!("FROM {IMG}\nRUN /attack/stdio_probe\n"),
    )
    .unwrap();
    let out_path = ctx.file("stdout-build");
    std::fs::write(&out_path, "host-secret\n").unwrap();
    let mut cmd = ctx.ferry_command(&["build", "--network", "none", "-t", "probed", dir.to_str().unwrap()]);
    cmd.stdout(std::fs::OpenOptions::new().append(true).open(&out_path).unwrap())
        .stderr(Stdio::piped());
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "build: {stderr}");
    let written = std::fs::read_to_string(&out_path).unwrap();
    assert!(
        written.starts_with("host-secret\n") && written.contains("container-line\n"),
        "build: the host file changed:\n{written}\n{stderr}"
    );
    assert!(
        !stderr.contains("READ"),
        "build: the step read the host file:\n{stderr}"
    );
    for (fd, target) in descriptors(&stderr) {
        assert!(
            target.starts_with("pipe:[") || target.ends_with("/null"),
            "build: the step's fd {fd} is {target}:\n{stderr}"
        );
    }
});

// Output through the relay: the whole output of short-lived containers, in order, and the
// exit code, many times over (a relay that stops reading at the container's exit loses the end).
both_modes!(relay_keeps_output_and_exit_codes, |ctx| {
    ctx.load(&image(), &[IMG]);
    let _c = running(ctx, IMG, &["--name", "victim"], "exec sleep 1000");
    let script = "echo one; echo two; echo err >&2; echo three; exit 7";
    for _ in 0..10 {
        let out = ctx.ferry(&["run", "--rm", IMG, "echo", "hello"]).success();
        assert_eq!(out.stdout(), "hello\n");
        let out = ctx.ferry(&["run", "--rm", IMG, "sh", "-c", script]).code(7);
        assert_eq!(out.stdout(), "one\ntwo\nthree\n");
        assert_eq!(out.stderr, "err\n");
        let out = ctx.ferry(&["exec", "victim", "sh", "-c", script]).code(7);
        assert_eq!(out.stdout(), "one\ntwo\nthree\n");
        assert_eq!(out.stderr, "err\n");
    }
    // End of input reaches the container, which goes on after it.
    for args in [&["run", "--rm", "-i", IMG][..], &["exec", "-i", "victim"]] {
        let mut a = args.to_vec();
        a.extend_from_slice(&["sh", "-c", "cat; echo after-eof"]);
        let out = ctx.ferry_stdin(&a, b"in\n").success();
        assert_eq!(out.stdout(), "in\nafter-eof\n", "{args:?}");
    }
    // A container that does not read its input does not hold up the caller.
    let out = ctx.ferry_stdin(&["run", "--rm", "-i", IMG, "true"], &vec![b'x'; 4 << 20]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
});

// 100 MiB both ways through `cat`, in `run -i` and `exec -i`.
both_modes!(relay_carries_large_input_and_output, |ctx| {
    ctx.load(&image(), &[IMG]);
    let _c = running(ctx, IMG, &["--name", "victim"], "exec sleep 1000");
    let data = fixtures::pseudo_random(11, 100 << 20);
    for args in [&["run", "--rm", "-i", IMG, "cat"][..], &["exec", "-i", "victim", "cat"]] {
        let started = Instant::now();
        let out = ctx.ferry_stdin(args, &data).success();
        let took = started.elapsed();
        assert_eq!(out.stdout_bytes.len(), data.len(), "{args:?}");
        assert!(out.stdout_bytes == data, "{args:?}: the output differs from the input");
        eprintln!("{args:?}: 100 MiB through cat in {took:?}");
    }
});

// A caller that stops reading (`ferry run … | head -1`): the container sees its output closed,
// as it would without ferry in between, and ferry reports how it ended and still cleans up.
both_modes!(closed_stdout_reaches_the_container, |ctx| {
    ctx.load(&image(), &[IMG]);
    let _c = running(ctx, IMG, &["--name", "victim"], "exec sleep 1000");
    // A PID 1 is immune to signals it does not handle: `run`'s shell sees EPIPE and ends the
    // loop (exit 3); `exec`'s is killed by SIGPIPE (141).
    let script = "while echo y; do :; done; exit 3";
    for (args, code) in [
        (&["run", "--rm", "--name", "yes", IMG][..], 3),
        (&["exec", "victim"], 141),
    ] {
        let mut a = args.to_vec();
        a.extend_from_slice(&["sh", "-c", script]);
        let mut cmd = ctx.ferry_command(&a);
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert_eq!(first, "y\n");
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            assert!(
                Instant::now() < deadline,
                "{args:?}: ferry did not end after its stdout closed"
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut stderr = String::new();
        child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        assert_eq!(status.code(), Some(code), "{args:?}: {stderr}");
    }
    assert!(
        !ctx.ferry(&["ps", "-a", "--format", "{{.Names}}"])
            .success()
            .stdout()
            .contains("yes"),
        "run --rm left its container"
    );
});
