//! The test guest itself (support::guest): it is the machine the cgroup v2 and systemd tests
//! need, its harness reports what commands did, and ferry runs containers in it as root and as
//! the rootless user.

use crate::support::guest::{GUEST_UID, GUEST_USER, Guest, GuestContext};
use crate::support::*;

/// The controllers a desktop's systemd delegates to the user's manager (the image's drop-in).
const DELEGATED: [&str; 5] = ["cpu", "cpuset", "io", "memory", "pids"];

#[test]
fn guest_runs_systemd_on_the_unified_hierarchy() {
    let g = Guest::get();
    let out = g
        .root(
            "stat -fc %T /sys/fs/cgroup; cat /proc/1/comm; cat /proc/self/cgroup; \
             awk '$3 == \"cgroup\"' /proc/self/mounts | wc -l; cat /proc/cmdline; systemctl is-system-running --wait",
        )
        .success();
    let lines = out.lines();
    assert_eq!(lines[0], "cgroup2fs", "/sys/fs/cgroup is not cgroup v2\n{lines:?}");
    assert_eq!(lines[1], "systemd", "PID 1 is not systemd\n{lines:?}");
    assert_eq!(lines[2], "0::/system.slice/ferry-agent.service", "{lines:?}");
    assert_eq!(lines[3], "0", "a cgroup v1 hierarchy is mounted\n{lines:?}");
    assert!(lines[4].split(' ').any(|w| w == "cgroup_no_v1=all"), "{lines:?}");
    assert_eq!(lines[5], "running", "the guest's systemd has failed units\n{lines:?}");
    eprintln!("guest: {:?}, booted in {:.1?}", g.accel(), g.boot_time());
}

#[test]
fn rootless_user_runs_in_its_delegated_systemd_manager() {
    let g = Guest::get();
    let manager = format!("/user.slice/user-{GUEST_UID}.slice/user@{GUEST_UID}.service");
    let out = g
        .user(&format!(
            "id -u; cat /proc/self/cgroup; cat /sys/fs/cgroup{manager}/cgroup.controllers; \
             stat -c %U /sys/fs/cgroup{manager}; echo $XDG_RUNTIME_DIR; systemctl --user is-system-running --wait; \
             grep ^ferrytest: /etc/subuid"
        ))
        .success();
    let lines = out.lines();
    assert_eq!(lines[0], GUEST_UID.to_string(), "{lines:?}");
    assert_eq!(
        lines[1],
        format!("0::{manager}/app.slice/ferry-user-agent.service"),
        "the user's jobs do not run in its manager's tree\n{lines:?}"
    );
    let controllers: Vec<&str> = lines[2].split(' ').collect();
    for c in DELEGATED {
        assert!(
            controllers.contains(&c),
            "{c} is not delegated to the user's manager: {controllers:?}"
        );
    }
    assert_eq!(
        lines[3], GUEST_USER,
        "the user does not own its manager's cgroup\n{lines:?}"
    );
    assert_eq!(lines[4], format!("/run/user/{GUEST_UID}"), "{lines:?}");
    assert_eq!(lines[5], "running", "the user's manager has failed units\n{lines:?}");
    assert_eq!(lines[6], "ferrytest:200000:65536", "{lines:?}");

    // A login session (as over ssh) is a scope of its own beside the manager, not delegated.
    let out = g.login("cat /proc/self/cgroup; echo $XDG_RUNTIME_DIR").success();
    let lines = out.lines();
    let cgroup = lines[0].strip_prefix(&format!("0::/user.slice/user-{GUEST_UID}.slice/session-"));
    assert!(cgroup.is_some_and(|s| s.ends_with(".scope")), "{lines:?}");
    assert_eq!(lines[1], format!("/run/user/{GUEST_UID}"), "{lines:?}");
}

#[test]
fn guest_jobs_report_output_and_exit_codes() {
    let g = Guest::get();
    let out = g.root("echo out; echo err >&2; exit 7").code(7);
    assert_eq!(out.stdout(), "out\n");
    assert_eq!(out.stderr, "err\n");
    let out = g.user("id -un; echo oops >&2; exit 3").code(3);
    assert_eq!(out.stdout(), format!("{GUEST_USER}\n"));
    assert_eq!(out.stderr, "oops\n");
    g.root("kill -KILL $$").code(128 + 9);
    let path = g.share_file("greeting", b"#!/bin/sh\necho hi from the share\n");
    g.user(&path).success().stdout_contains("hi from the share");
}

guest_both_modes!(guest_runs_a_container, |ctx| {
    let busybox = ctx.load(&FixtureImage::busybox(), &["busybox"]);
    let out = ctx.ferry(&["run", "--rm", "busybox", "echo", "hello"]).success();
    assert_eq!(out.stdout(), "hello\n");
    // The context's own store holds the image, and ferry ran as the mode's user.
    let out = ctx.sh("ferry images -q --no-trunc; id -u").success();
    let lines = out.lines();
    assert_eq!(lines[0].trim_start_matches("sha256:"), busybox.id, "{lines:?}");
    let uid = match ctx.mode {
        Mode::Root => "0".to_string(),
        Mode::Rootless => GUEST_UID.to_string(),
    };
    assert_eq!(lines[1], uid, "{lines:?}");
});

#[test]
fn guest_shared_contexts_have_busybox() {
    for mode in [Mode::Root, Mode::Rootless] {
        let ctx = GuestContext::shared(mode);
        assert!(
            std::ptr::eq(ctx, GuestContext::shared(mode)),
            "one shared context per mode"
        );
        let out = ctx.ferry(&["run", "--rm", "busybox", "id", "-u"]).success();
        assert_eq!(out.stdout(), "0\n", "{mode:?}");
    }
}
