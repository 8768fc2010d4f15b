//! `ferry export`: a running or stopped container's merged root filesystem as one tar, without
//! whiteouts or the contents of /proc, /sys and /dev.

use std::time::{Duration, Instant};

use crate::cp::{TarEntry, tar_entries};
use crate::support::*;

const IMG: &str = "exportimg:latest";

fn names(entries: &[TarEntry]) -> Vec<String> {
    entries
        .iter()
        .map(|e| e.path.trim_start_matches("./").to_string())
        .collect()
}

#[track_caller]
fn check_merged_view(entries: &[TarEntry], extra: &str) {
    let n = names(entries);
    for want in [
        "bin/busybox",
        "etc/passwd",
        "data/old/c.txt",
        "srv/www/index.html",
        extra,
    ] {
        assert!(n.iter().any(|x| x == want), "{want} missing from {n:?}");
    }
    // Deleted by a layer, hidden by an opaque directory, deleted in the container.
    for gone in ["etc/removeme", "data/old/a.txt", "etc/motd"] {
        assert!(!n.iter().any(|x| x == gone), "{gone} in {n:?}");
    }
    assert!(!n.iter().any(|x| x.contains(".wh.")), "whiteouts in {n:?}");
    let www = entries.iter().find(|e| e.path == "srv/www/index.html").unwrap();
    assert_eq!((www.uid, www.gid, www.mode), (33, 33, 0o640));
    assert_eq!(www.data, b"<h1>hello</h1>\n");
    let suid = entries.iter().find(|e| e.path == "usr/local/bin/suid").unwrap();
    assert_eq!(suid.mode, 0o4755);
}

both_modes!(export_of_a_stopped_container_is_the_merged_view, |ctx| {
    ctx.load(&FixtureImage::multilayer(), &[IMG]);
    ctx.ferry(&[
        "run",
        "--name",
        "s",
        IMG,
        "sh",
        "-c",
        "rm /etc/motd && echo new > /tmp/added",
    ])
    .success();
    ctx.ferry(&["export", "-o", "s.tar", "s"]).success();
    let entries = tar_entries(&std::fs::read(ctx.file("s.tar")).unwrap());
    check_merged_view(&entries, "tmp/added");
    // To a pipe, the same; `container export` is the same command.
    let piped = ctx.ferry(&["container", "export", "s"]).success();
    assert_eq!(names(&tar_entries(&piped.stdout_bytes)), names(&entries));
    ctx.ferry(&["export", "nosuch"])
        .failure()
        .stderr_contains("no such container");
});

both_modes!(export_of_a_running_container_is_its_live_root, |ctx| {
    ctx.load(&FixtureImage::multilayer(), &[IMG]);
    ctx.ferry(&[
        "run",
        "-d",
        "--name",
        "r",
        IMG,
        "sh",
        "-c",
        "rm /etc/motd && echo live > /tmp/live && sleep 1000",
    ])
    .success();
    let deadline = Instant::now() + Duration::from_secs(20);
    let entries = loop {
        let o = ctx.ferry(&["export", "r"]).success();
        let entries = tar_entries(&o.stdout_bytes);
        if entries.iter().any(|e| e.path == "tmp/live") {
            break entries;
        }
        assert!(Instant::now() < deadline, "tmp/live never appeared");
        std::thread::sleep(Duration::from_millis(50));
    };
    check_merged_view(&entries, "tmp/live");
    let n = names(&entries);
    // Mount points are there, what is mounted on them is not.
    assert!(n.iter().any(|x| x == "proc"), "{n:?}");
    assert!(
        !n.iter().any(|x| x.starts_with("proc/") || x.starts_with("sys/")),
        "{n:?}"
    );
    ctx.ferry(&["rm", "-f", "r"]).success();
});

#[test]
fn export_refuses_a_terminal() {
    let ctx = &TestContext::new(Mode::Root);
    ctx.load(&FixtureImage::busybox(), &[IMG]);
    ctx.ferry(&["create", "--name", "t", IMG, "true"]).success();
    let tmux = crate::support::tmux::Tmux::start(ctx, &ctx.ferry_command(&["export", "t"]));
    let screen = tmux.wait_for("AFTER=");
    assert!(
        screen.contains("refusing to export to terminal. Use -o flag or redirect"),
        "{screen}"
    );
    assert_eq!(crate::support::tmux::field(&screen, "EXIT="), "125", "{screen}");
}
