//! `scripts/demo.sh`, README's first command, run end to end as a new user would run it: as
//! root, so that it creates its demo user and runs the tour rootless as that user. It is the
//! first thing a user sees of ferry, so it must keep working; and it must leave nothing behind.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::support::*;

/// The user the demo creates (its default).
const DEMO_USER: &str = "ferrydemo";

/// The demo's own temporary directories under /tmp.
fn demo_dirs() -> Vec<String> {
    let mut dirs: Vec<String> = std::fs::read_dir("/tmp")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("ferry-demo"))
        .collect();
    dirs.sort();
    dirs
}

/// The user's processes that have not exited: exited ones (zombies) are only waiting for this
/// machine's PID 1 to reap them, which it does lazily.
fn live_processes(user: &str) -> String {
    let mut cmd = Command::new("ps");
    cmd.args(["-u", user, "-o", "pid=,stat=,args="]);
    let out = run(cmd, None).stdout();
    out.lines()
        .filter(|l| l.split_whitespace().nth(1).is_some_and(|stat| !stat.starts_with('Z')))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn demo_runs_the_everyday_workflow_rootless_and_cleans_up() {
    assert!(nix::unistd::geteuid().is_root(), "the demo test runs the demo as root");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/demo.sh");
    let before = demo_dirs();
    let start = Instant::now();
    // One stream, in the order a user sees it (`ferry logs` and push progress are on stderr).
    let mut cmd = Command::new("bash");
    cmd.args(["-c", "exec bash \"$0\" 2>&1"])
        .arg(&script)
        .current_dir("/")
        .env("FERRY", ferry_bin())
        // A fresh machine has no containers.conf; the test machine has podman's (installed for
        // the comparison tests), whose keys ferry does not apply are warned about on every
        // container, and whose settings would make the tour differ from a new user's.
        .env("CONTAINERS_CONF", "/dev/null")
        .env_remove("DEMO_USER");
    let out = run(cmd, None);
    let elapsed = start.elapsed();
    let stdout = out.stdout();
    assert!(
        out.code == Some(0),
        "{} failed ({:?}):\n{stdout}\n{}",
        out.cmdline,
        out.code,
        out.stderr
    );
    eprintln!("the demo took {elapsed:?}");

    // What the tour shows: every step ran and printed what a user expects.
    let expect = [
        format!("rootless as {DEMO_USER}"),
        "$ ferry build -t webapp .".to_string(),
        "Successfully tagged localhost/webapp:latest".to_string(),
        "$ ferry run -d --init --name web -v ".to_string(),
        "<p>This page was built in the first stage of a multi-stage build.</p>".to_string(),
        "hello from the host directory mounted at /app".to_string(),
        "edited on the host".to_string(),
        // httpd's access log, through `ferry logs web`.
        "response:200".to_string(),
        "app -> /app".to_string(),
        "pid 1 is ".to_string(),
        "$ ferry push --tls-verify=false webapp 127.0.0.1:".to_string(),
        "Writing manifest to image destination".to_string(),
        "$ ferry pull --tls-verify=false 127.0.0.1:".to_string(),
        "written by the first container".to_string(),
        "$ ferry network create demo-net".to_string(),
    ];
    for line in &expect {
        assert!(
            stdout.contains(line.as_str()),
            "the demo's output lacks {line:?}:\n{stdout}"
        );
    }
    // The page fetched by name over the network: served a second time, from the pulled image.
    let (_, after_network) = stdout
        .split_once("$ ferry run --rm --network demo-net busybox")
        .unwrap_or_else(|| panic!("no network step in:\n{stdout}"));
    assert!(
        after_network.contains("<h1>Hello from ferry</h1>"),
        "the second container did not reach `api` by name:\n{stdout}"
    );
    // The final image list is empty: only the header is left.
    let last_images = stdout.rsplit("$ ferry images\n").next().unwrap();
    assert_eq!(
        last_images
            .lines()
            .next()
            .map(|l| l.split_whitespace().collect::<Vec<_>>()),
        Some(vec!["REPOSITORY", "TAG", "IMAGE", "ID", "CREATED", "SIZE"]),
        "{stdout}"
    );
    assert!(!last_images.contains("localhost/"), "images left at the end:\n{stdout}");
    assert!(!stdout.contains("Error"), "{stdout}");

    // Nothing left behind: no process of the demo user (containers, monitors, the network
    // holder, slirp4netns, pasta, the registry) and none of its directories.
    let procs = live_processes(DEMO_USER);
    assert!(procs.is_empty(), "the demo left processes of {DEMO_USER}:\n{procs}");
    assert_eq!(demo_dirs(), before, "the demo left directories in /tmp");
    assert!(
        elapsed.as_secs() < 120,
        "the demo took {elapsed:?}: a first impression should take well under two minutes"
    );
}
