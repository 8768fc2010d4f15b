//! The cgroup v2 side of `cgroups.rs`, in the test guest (systemd, unified hierarchy only; see
//! `support::guest`): as root the container's cgroup is `/sys/fs/cgroup/ferry/ferry-<id>` with
//! the pids controller enabled and the BPF device filter attached; rootless, in the user's
//! delegated `user@1000.service`, with the pids limit and no device filter (the user namespace
//! is enough). The same attacker program as on the host; each job runs several commands, as the
//! guest is slow when emulated.

use crate::support::attackers;
use crate::support::guest::{GUEST_UID, GuestContext};
use crate::support::*;

const IMAGE: &str = "devices:latest";

fn load_image(ctx: &GuestContext) {
    let layer = LayerSpec::new()
        .dir("bin", 0o755)
        .file("bin/devices", 0o755, attackers::binary("devices").to_vec())
        .dir("devs", 0o755)
        .char_device("devs/kvm", 10, 232, 0o666)
        .char_device("devs/null", 1, 3, 0o666);
    ctx.load(
        &FixtureImage::from_layers(vec![fixtures::busybox_layer(), layer]),
        &[IMAGE],
    );
}

/// The `what=RESULT` value of the attacker's line about `path`.
#[track_caller]
fn result<'a>(out: &'a str, path: &str, what: &str) -> &'a str {
    let line = out
        .lines()
        .find(|l| l.split(' ').next() == Some(path))
        .unwrap_or_else(|| panic!("no line about {path} in:\n{out}"));
    line.split(' ')
        .find_map(|f| f.strip_prefix(what).and_then(|r| r.strip_prefix('=')))
        .unwrap_or_else(|| panic!("no {what}= in {line:?}"))
}

/// The value of the `key VALUE` line a script printed.
#[track_caller]
fn field<'a>(out: &'a str, key: &str) -> &'a str {
    out.lines()
        .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix(' ')))
        .unwrap_or_else(|| panic!("no {key} line in:\n{out}"))
}

/// Where the container's cgroup is in this mode, as `/proc/PID/cgroup` names it.
fn expected_cgroup(ctx: &GuestContext, id: &str) -> String {
    match ctx.mode {
        Mode::Root => format!("/ferry/ferry-{id}"),
        Mode::Rootless => format!("/user.slice/user-{GUEST_UID}.slice/user@{GUEST_UID}.service/ferry/ferry-{id}"),
    }
}

/// Prints the container's cgroup (`cgroup`), its directory's `pids.max` and process count, what
/// the container and an exec see, then removes it and says whether the cgroup went (`after`).
const DETACHED: &str = r#"
set -e
id=$(ferry run -d --network none devices:latest sleep 300)
echo "id $id"
pid=$(ferry inspect --format '{{.State.Pid}}' "$id")
cg=$(sed -n 's/^0:://p' /proc/$pid/cgroup)
echo "cgroup $cg"
echo "pidsmax $(cat /sys/fs/cgroup$cg/pids.max)"
echo "parent_controllers $(cat /sys/fs/cgroup$cg/../cgroup.subtree_control)"
echo "inside $(ferry exec "$id" cat /proc/self/cgroup)"
ferry exec -d "$id" sleep 301
for i in $(seq 50); do [ "$(wc -l < /sys/fs/cgroup$cg/cgroup.procs)" = 2 ] && break; sleep 0.2; done
echo "procs $(wc -l < /sys/fs/cgroup$cg/cgroup.procs)"
ferry rm -f "$id" >/dev/null
echo "after $(test -e /sys/fs/cgroup$cg && echo left || echo gone)"
"#;

/// A container whose monitor is killed: the next command removes its cgroup.
const KILLED_MONITOR: &str = r#"
set -e
id=$(ferry run -d --network none devices:latest sleep 300)
pid=$(ferry inspect --format '{{.State.Pid}}' "$id")
cg=$(sed -n 's/^0:://p' /proc/$pid/cgroup)
echo "before $(test -d /sys/fs/cgroup$cg && echo there || echo missing)"
mon=$(grep -o '"monitorPid": [0-9]*' "$STATE_DIR/$id/state.json" | grep -o '[0-9]*$')
kill -9 "$mon"
for i in $(seq 100); do kill -0 "$mon" 2>/dev/null || break; sleep 0.1; done
ferry ps -a >/dev/null
echo "after $(test -e /sys/fs/cgroup$cg && echo left || echo gone)"
ferry rm -f "$id" >/dev/null
"#;

guest_both_modes!(v2_devices_pids_and_cleanup, |ctx| {
    load_image(ctx);

    // Device nodes made with CAP_MKNOD in /dev (the BPF filter refuses them, as root) and on the
    // nodev root filesystem, and those the image ships.
    let out = ctx
        .ferry(&[
            "run",
            "--rm",
            "--network",
            "none",
            "--cap-add",
            "MKNOD",
            IMAGE,
            "sh",
            "-c",
            "/bin/devices mknod /dev/kmsg2 c 1 11; /bin/devices mknod /tmp/kmsg2 c 1 11; \
             /bin/devices open /devs/kvm /devs/null /dev/null",
        ])
        .success()
        .stdout();
    assert!(!out.contains("write="), "wrote to a host device:\n{out}");
    assert_eq!(result(&out, "/dev/null", "rw"), "ok", "{out}");
    match ctx.mode {
        Mode::Root => {
            assert_eq!(result(&out, "/dev/kmsg2", "open"), "EPERM", "{out}");
            assert_eq!(result(&out, "/tmp/kmsg2", "open"), "EACCES", "{out}");
            assert_eq!(result(&out, "/devs/kvm", "rw"), "EACCES", "{out}");
            assert_eq!(result(&out, "/devs/null", "rw"), "EACCES", "{out}");
        }
        Mode::Rootless => {
            assert_eq!(result(&out, "/dev/kmsg2", "mknod"), "EPERM", "{out}");
            assert_eq!(result(&out, "/devs/kvm", "rw"), "ENOENT", "{out}");
        }
    }
    // --privileged: every device (root), as Podman.
    if ctx.mode == Mode::Root {
        let out = ctx
            .ferry(&[
                "run",
                "--rm",
                "--network",
                "none",
                "--privileged",
                IMAGE,
                "/bin/devices",
                "mknod",
                "/dev/null2",
                "c",
                "1",
                "3",
            ])
            .success()
            .stdout();
        assert_eq!(result(&out, "/dev/null2", "write"), "ok", "{out}");
    }

    // The pids limit, root and rootless (the user's manager delegates the pids controller).
    let out = ctx
        .ferry(&[
            "run",
            "--rm",
            "--network",
            "none",
            IMAGE,
            "/bin/devices",
            "forks",
            "3000",
        ])
        .success()
        .stdout();
    assert_eq!(out.trim(), "forked=2047 error=EAGAIN");

    // Where the cgroup is, what it holds, what the container sees, and that it goes.
    let out = ctx.sh(DETACHED).success().stdout();
    let id = field(&out, "id");
    assert_eq!(field(&out, "cgroup"), expected_cgroup(ctx, id), "{out}");
    assert_eq!(field(&out, "pidsmax"), "2048", "{out}");
    assert!(
        field(&out, "parent_controllers").split(' ').any(|c| c == "pids"),
        "{out}"
    );
    assert_eq!(field(&out, "inside"), "0::/", "{out}");
    assert_eq!(
        field(&out, "procs"),
        "2",
        "the exec is not in the container's cgroup\n{out}"
    );
    assert_eq!(field(&out, "after"), "gone", "{out}");

    let states = match ctx.mode {
        Mode::Root => format!("{}/root/containers", ctx.dir),
        Mode::Rootless => format!("{}/home/.local/share/ferry/containers", ctx.dir),
    };
    let out = ctx
        .sh(&format!("STATE_DIR={states}\n{KILLED_MONITOR}"))
        .success()
        .stdout();
    assert_eq!(field(&out, "before"), "there", "{out}");
    assert_eq!(field(&out, "after"), "gone", "{out}");
});

/// Rootless from a login session (as over ssh: a scope of root's, not delegated): a container
/// started there gets no cgroup; an exec from there into a container started in the user's
/// manager still works, its process staying where the caller is (as with runc and crun).
#[test]
fn v2_rootless_from_a_login_session() {
    let ctx = &GuestContext::new(Mode::Rootless);
    load_image(ctx);
    let d = &ctx.dir;
    let env = format!(
        "export HOME={d}/home XDG_DATA_HOME={d}/home/.local/share XDG_CONFIG_HOME={d}/home/.config \
         XDG_RUNTIME_DIR={d}/run TMPDIR={d}/tmp; cd {d}/files"
    );
    let id = ctx
        .ferry(&["run", "-d", "--network", "none", IMAGE, "sleep", "300"])
        .success()
        .stdout()
        .trim()
        .to_string();
    let out = ctx
        .guest
        .login(&format!(
            "{env}\nset -e\necho \"exec $(ferry exec {id} cat /proc/self/cgroup)\"\n\
             other=$(ferry run -d --network none {IMAGE} sleep 300)\n\
             pid=$(ferry inspect --format '{{{{.State.Pid}}}}' \"$other\")\n\
             echo \"session_container $(sed -n 's/^0:://p' /proc/$pid/cgroup)\"\n\
             echo \"recorded $(grep -c ferry- {d}/home/.local/share/ferry/containers/$other/state.json || true)\"\n\
             ferry rm -f {id} \"$other\" >/dev/null"
        ))
        .success()
        .stdout();
    // Not joined: the caller's session is outside the container's cgroup namespace root.
    let exec = field(&out, "exec");
    assert!(exec.starts_with("0::/..") && exec.contains("session-"), "{out}");
    assert!(field(&out, "session_container").contains("/session-"), "{out}");
    assert_eq!(
        field(&out, "recorded"),
        "0",
        "a cgroup was recorded outside a delegated subtree\n{out}"
    );
}
