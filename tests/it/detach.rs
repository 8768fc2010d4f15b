//! Detached containers and their monitor: `run -d`, the container log and `logs`, `stop`,
//! `kill`, `restart`, `--init`, a killed monitor, `run -d --rm`, and the monitor's size.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::*;

const IMG: &str = "detachimg:latest";

fn setup(ctx: &TestContext) {
    ctx.load(&FixtureImage::from_layers(vec![fixtures::busybox_layer()]), &[IMG]);
}

/// `ferry run -d FLAGS IMG sh -c SCRIPT`: the container's full id.
#[track_caller]
fn detach(ctx: &TestContext, flags: &[&str], script: &str) -> String {
    let mut args = vec!["run", "-d"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&[IMG, "sh", "-c", script]);
    let id = ctx.ferry(&args).success().stdout().trim().to_string();
    assert!(
        id.len() == 64 && id.bytes().all(|b| b.is_ascii_hexdigit()),
        "not an id: {id:?}"
    );
    id
}

fn state(ctx: &TestContext, id: &str) -> serde_json::Value {
    let p = ctx.store_root().join("containers").join(id).join("state.json");
    serde_json::from_slice(&std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))).unwrap()
}

fn status(ctx: &TestContext, id: &str) -> String {
    ctx.ferry(&["container", "inspect", "--format", "{{.State.Status}}", id])
        .success()
        .stdout()
        .trim()
        .to_string()
}

#[track_caller]
fn wait_for(what: &str, timeout: Duration, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn logs(ctx: &TestContext, args: &[&str]) -> String {
    let mut a = vec!["logs"];
    a.extend_from_slice(args);
    ctx.ferry(&a).success().stdout()
}

/// Whether a process is alive (a zombie counts as gone).
fn alive(pid: i64) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| !s[s.rfind(')').unwrap() + 1..].trim_start().starts_with('Z'))
        .unwrap_or(false)
}

both_modes!(run_detached_and_logs, |ctx| {
    setup(ctx);
    let started = Instant::now();
    let id = detach(
        ctx,
        &["--name", "bg"],
        "echo out1; echo err1 >&2; printf 'no newline'; sleep 0.3; echo; echo out2; sleep 30",
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "run -d took {:?}",
        started.elapsed()
    );
    assert_eq!(status(ctx, "bg"), "running");
    let pid = state(ctx, &id)["pid"].as_i64().unwrap();
    assert!(alive(pid));
    wait_for("the log", Duration::from_secs(10), || {
        logs(ctx, &["bg"]).contains("out2")
    });
    let out = ctx.ferry(&["logs", "bg"]).success();
    // stdout and stderr keep their streams, and the partial line is joined.
    assert_eq!(out.stdout(), "out1\nno newline\nout2\n");
    assert_eq!(out.stderr.clone(), "err1\n");
    assert_eq!(logs(ctx, &["--tail", "1", "bg"]), "out2\n");
    assert_eq!(logs(ctx, &["--tail", "0", "bg"]), "");
    assert_eq!(
        logs(ctx, &["--since", "2000-01-01T00:00:00Z", "--until", "1h", "bg"]),
        ""
    );
    let stamped = logs(ctx, &["-t", "--tail", "1", &id[..12]]);
    assert!(
        stamped.ends_with("Z out2\n") && stamped.starts_with("20"),
        "{stamped:?}"
    );
    // The k8s-file format on disk.
    let raw = std::fs::read_to_string(ctx.store_root().join("containers").join(&id).join("ctr.log")).unwrap();
    assert!(raw.lines().any(|l| l.ends_with(" stdout P no newline")), "{raw}");
    assert!(raw.lines().any(|l| l.ends_with(" stderr F err1")), "{raw}");
    ctx.ferry(&["kill", "bg"]).success().stdout_contains("bg");
    wait_for("the exit", Duration::from_secs(10), || status(ctx, "bg") == "exited");
    assert_eq!(state(ctx, &id)["exitCode"], 137);
    assert!(!alive(pid));
});

both_modes!(logs_follow_streams_until_exit, |ctx| {
    setup(ctx);
    detach(
        ctx,
        &["--name", "f"],
        "echo first; sleep 1.5; echo second; sleep 0.5; echo third",
    );
    let mut child = ctx
        .ferry_command(&["logs", "-f", "f"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let t = Instant::now();
    assert_eq!(lines.next().unwrap().unwrap(), "first");
    // Streamed: the first line arrives while the container still runs.
    assert!(t.elapsed() < Duration::from_millis(1400), "{:?}", t.elapsed());
    assert_eq!(lines.next().unwrap().unwrap(), "second");
    assert_eq!(lines.next().unwrap().unwrap(), "third");
    assert!(lines.next().is_none());
    let st = child.wait().unwrap();
    assert!(st.success());
    assert!(t.elapsed() < Duration::from_secs(10));
});

both_modes!(foreground_run_is_logged, |ctx| {
    setup(ctx);
    let out = ctx
        .ferry(&["run", "--name", "fg", IMG, "sh", "-c", "echo hi; echo oops >&2; exit 4"])
        .code(4);
    assert_eq!(out.stdout(), "hi\n");
    assert!(out.stderr.clone().contains("oops"));
    let l = ctx.ferry(&["logs", "fg"]).success();
    assert_eq!(l.stdout(), "hi\n");
    assert_eq!(l.stderr.clone(), "oops\n");
    // passthrough and none keep no log.
    ctx.ferry(&["run", "--name", "pt", "--log-driver", "passthrough", IMG, "echo", "x"])
        .success()
        .stdout_contains("x");
    ctx.ferry(&["logs", "pt"])
        .failure()
        .stderr_contains("does not keep a log");
    ctx.ferry(&["run", "--rm", "--log-driver", "bogus", IMG, "true"])
        .code(125)
        .stderr_contains("unsupported log driver");
});

both_modes!(stop_sends_term_then_kill, |ctx| {
    setup(ctx);
    let id = detach(
        ctx,
        &["--name", "polite"],
        "trap 'echo got-term; exit 3' TERM; echo ready; while true; do sleep 0.1; done",
    );
    wait_for("ready", Duration::from_secs(10), || {
        logs(ctx, &["polite"]).contains("ready")
    });
    let t = Instant::now();
    ctx.ferry(&["stop", "polite"]).success().stdout_contains("polite");
    assert!(t.elapsed() < Duration::from_secs(5));
    assert!(logs(ctx, &["polite"]).contains("got-term"));
    assert_eq!(state(ctx, &id)["exitCode"], 3);
    assert_eq!(status(ctx, "polite"), "exited");

    let id = detach(
        ctx,
        &["--name", "stubborn"],
        "trap 'echo ignoring-term' TERM; echo ready; while true; do sleep 0.1; done",
    );
    wait_for("ready", Duration::from_secs(10), || {
        logs(ctx, &["stubborn"]).contains("ready")
    });
    let t = Instant::now();
    let mut stop = ctx
        .ferry_command(&["stop", "-t", "2", "stubborn"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // While `stop` waits out the timeout, the container is "stopping" (Podman's state).
    wait_for("stopping", Duration::from_secs(2), || {
        status(ctx, "stubborn") == "stopping"
    });
    let listed = ctx
        .ferry(&[
            "ps",
            "--filter",
            "status=stopping",
            "--format",
            "{{.Names}} {{.Status}}",
        ])
        .success()
        .stdout();
    assert_eq!(listed.trim(), "stubborn Stopping");
    assert!(stop.wait().unwrap().success());
    let took = t.elapsed();
    assert!(
        took >= Duration::from_millis(1900) && took < Duration::from_secs(9),
        "{took:?}"
    );
    assert_eq!(status(ctx, "stubborn"), "exited");
    assert!(logs(ctx, &["stubborn"]).contains("ignoring-term"));
    assert_eq!(state(ctx, &id)["exitCode"], 137);
    // Stopping a stopped container is fine; an unknown one is an error, the others still stop.
    ctx.ferry(&["stop", "stubborn", "nosuch"])
        .code(125)
        .stdout_contains("stubborn")
        .stderr_contains("no container with name or ID \"nosuch\" found");
});

both_modes!(kill_delivers_signals, |ctx| {
    setup(ctx);
    detach(
        ctx,
        &["--name", "k"],
        "trap 'echo got-usr1' USR1; echo ready; while true; do sleep 0.1; done",
    );
    wait_for("ready", Duration::from_secs(10), || logs(ctx, &["k"]).contains("ready"));
    ctx.ferry(&["kill", "-s", "USR1", "k"]).success().stdout_contains("k");
    wait_for("the trap", Duration::from_secs(10), || {
        logs(ctx, &["k"]).contains("got-usr1")
    });
    ctx.ferry(&["kill", "-s", "NOPE", "k"])
        .code(125)
        .stderr_contains("invalid signal");
    ctx.ferry(&["container", "kill", "-s", "9", "k"]).success();
    wait_for("the exit", Duration::from_secs(10), || status(ctx, "k") == "exited");
    ctx.ferry(&["kill", "k"])
        .code(125)
        .stderr_contains("can only kill running containers");
    // restart brings it back under a new monitor.
    ctx.ferry(&["restart", "k"]).success().stdout_contains("k");
    assert_eq!(status(ctx, "k"), "running");
    ctx.ferry(&["stop", "-t", "0", "k"]).success();
    assert_eq!(status(ctx, "k"), "exited");
});

both_modes!(init_reaps_zombies, |ctx| {
    setup(ctx);
    let script = "sh -c 'sleep 0.1 & exit 0'; sh -c 'true & true & exit 0'; sleep 0.6; \
                  cat /proc/1/stat; echo; for f in /proc/[0-9]*/stat; do cat $f; echo; done | grep -c ') Z ' ; exit 5";
    let out = ctx.ferry(&["run", "--rm", "--init", IMG, "sh", "-c", script]).code(5);
    let text = out.stdout();
    let mut lines = text.lines().filter(|l| !l.is_empty());
    let pid1 = lines.next().unwrap();
    assert!(pid1.starts_with("1 (ferry-init)"), "PID 1 is not the init: {pid1}");
    assert_eq!(lines.next(), Some("0"), "zombies left:\n{text}");
    // Signals reach the command through the init.
    let id = detach(
        ctx,
        &["--init", "--name", "i"],
        "trap 'echo got-term; exit 0' TERM; echo ready; while true; do sleep 0.1; done",
    );
    wait_for("ready", Duration::from_secs(10), || logs(ctx, &["i"]).contains("ready"));
    ctx.ferry(&["stop", "i"]).success();
    assert!(logs(ctx, &["i"]).contains("got-term"));
    assert_eq!(state(ctx, &id)["exitCode"], 0);
});

both_modes!(killed_monitor_means_exited, |ctx| {
    setup(ctx);
    let id = detach(ctx, &["--name", "orphan"], "sleep 60");
    let st = state(ctx, &id);
    let (monitor, pid) = (st["monitorPid"].as_i64().unwrap(), st["pid"].as_i64().unwrap());
    assert_ne!(monitor, pid);
    // SAFETY: signalling the monitor process this test started.
    assert_eq!(unsafe { libc::kill(monitor as i32, libc::SIGKILL) }, 0);
    wait_for("the container to die", Duration::from_secs(10), || !alive(pid));
    assert_eq!(status(ctx, "orphan"), "exited");
    assert_eq!(state(ctx, &id)["exitCode"], -1);
});

both_modes!(detached_rm_leaves_nothing, |ctx| {
    setup(ctx);
    let id = detach(ctx, &["--rm"], "echo bye; sleep 0.3");
    let dir = ctx.store_root().join("containers").join(&id);
    // The removal moves the directory away first and forgets the record last (so that an
    // interrupted removal can be finished): it is over when `ps -a` no longer lists it.
    let listed = || {
        ctx.ferry(&["ps", "-a", "-q", "--no-trunc"])
            .success()
            .stdout()
            .contains(&id)
    };
    let trash = ctx.store_root().join("trash").join(&id);
    wait_for("the removal", Duration::from_secs(10), || {
        !dir.exists() && !listed() && !trash.exists()
    });
});

both_modes!(monitor_is_small, |ctx| {
    setup(ctx);
    let id = detach(ctx, &[], "while true; do echo tick; sleep 0.05; done");
    wait_for("output", Duration::from_secs(10), || logs(ctx, &[&id]).contains("tick"));
    let monitor = state(ctx, &id)["monitorPid"].as_i64().unwrap();
    let status = std::fs::read_to_string(format!("/proc/{monitor}/status")).unwrap();
    let kib = |field: &str| -> u64 {
        status
            .lines()
            .find_map(|l| l.strip_prefix(field))
            .unwrap()
            .trim()
            .trim_end_matches(" kB")
            .parse()
            .unwrap()
    };
    eprintln!(
        "monitor VmRSS {} KiB (anon {} KiB, file {} KiB)",
        kib("VmRSS:"),
        kib("RssAnon:"),
        kib("RssFile:")
    );
    // The monitor keeps none of the CLI's heap.
    assert!(kib("RssAnon:") < 2048, "{status}");
    ctx.ferry(&["stop", "-t", "0", &id]).success();
});
