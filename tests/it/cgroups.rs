//! A container's devices and processes are confined: device nodes shipped in an image or made
//! with CAP_MKNOD cannot reach the host's devices (a `nodev` root filesystem and the default
//! device allow-list in the container's cgroup), a fork bomb stops at the default pids limit,
//! the container sees its own cgroup namespace, `exec` joins its cgroup, and no cgroup is left
//! behind however the container ends. The attacker is `support/attackers/devices.c`.
//!
//! Rootless containers have no device rules (a user namespace can neither create device nodes
//! nor use those of its mounts, which the attacks show) and, on a cgroup v1 host, no cgroup at
//! all: no pids limit, as with rootless Podman. On v2 a rootless container gets a cgroup only in
//! a subtree delegated to the user; the tests check whatever was recorded is consistent and
//! removed.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use ferry::runtime::cgroup::{self, Cgroup, Controller, Layout};

use crate::support::attackers;
use crate::support::*;

const IMAGE: &str = "devices:latest";

/// Device nodes the image ships (all 0666): kvm, fuse, kmsg, loop0 and a null device.
const IMAGE_NODES: [&str; 5] = ["/devs/kvm", "/devs/fuse", "/devs/kmsg", "/devs/loop0", "/devs/null"];

/// busybox, the attacker at /bin/devices, and device nodes as a hostile image would ship them.
fn load_image(ctx: &TestContext) {
    let layer = LayerSpec::new()
        .dir("bin", 0o755)
        .file("bin/devices", 0o755, attackers::binary("devices").to_vec())
        .dir("devs", 0o755)
        .char_device("devs/kvm", 10, 232, 0o666)
        .char_device("devs/fuse", 10, 229, 0o666)
        .char_device("devs/kmsg", 1, 11, 0o666)
        .block_device("devs/loop0", 7, 0, 0o666)
        .char_device("devs/null", 1, 3, 0o666);
    ctx.load(
        &FixtureImage::from_layers(vec![fixtures::busybox_layer(), layer]),
        &[IMAGE],
    );
}

/// The attacker's result lines that report a success.
fn successes(out: &str) -> Vec<&str> {
    out.lines().filter(|l| l.contains("=ok")).collect()
}

/// The `what=RESULT` value of the line about `path`.
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

fn state(ctx: &TestContext, id: &str) -> serde_json::Value {
    let p = ctx.store_root().join("containers").join(id).join("state.json");
    serde_json::from_slice(&std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))).unwrap()
}

/// The cgroup directories recorded for the container's current run.
fn recorded_cgroups(ctx: &TestContext, id: &str) -> Vec<PathBuf> {
    state(ctx, id)["cgroups"]
        .as_array()
        .map(|a| a.iter().map(|p| PathBuf::from(p.as_str().unwrap())).collect())
        .unwrap_or_default()
}

#[track_caller]
fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Where the container's cgroup would be as root on this host (see `runtime::cgroup`).
fn root_cgroup_dirs(id: &str) -> Vec<PathBuf> {
    let leaf = cgroup::leaf_name(id);
    match Layout::detect() {
        Layout::V1 { .. } => Controller::ALL
            .iter()
            .filter_map(|c| Layout::detect().v1(*c).map(|m| m.join(cgroup::PARENT).join(&leaf)))
            .collect(),
        Layout::V2 { mount, .. } => vec![mount.join(cgroup::PARENT).join(&leaf)],
        Layout::Absent => Vec::new(),
    }
}

/// Every directory named after one of `ids` under the hierarchies' `ferry` parents, and under
/// the user's delegated subtree (rootless on v2).
fn leftovers(ids: &[String]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for id in ids {
        found.extend(root_cgroup_dirs(id).into_iter().filter(|d| d.exists()));
    }
    if let Layout::V2 { mount, .. } = Layout::detect() {
        for entry in walk(&mount) {
            let name = entry.file_name().unwrap_or_default().to_string_lossy().into_owned();
            if ids.iter().any(|id| name == cgroup::leaf_name(id)) {
                found.push(entry);
            }
        }
    }
    found
}

/// Whether a process is alive (a zombie counts as gone).
fn alive(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| !s[s.rfind(')').unwrap() + 1..].trim_start().starts_with('Z'))
        .unwrap_or(false)
}

/// The pids of the processes in a cgroup directory.
fn procs(dir: &std::path::Path) -> Vec<i32> {
    std::fs::read_to_string(dir.join("cgroup.procs"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.parse().ok())
        .collect()
}

both_modes!(image_device_nodes_cannot_be_opened, |ctx| {
    load_image(ctx);
    // Nodes an image ships (rootless: dropped when the layer is unpacked, since a user cannot
    // create them) and nodes planted in the container's upper directory by the host's root
    // (rootless: the only way such a node gets into a rootless container's file system), opened
    // by the container's root and by uid 1000.
    let planted = ["/planted/kvm", "/planted/null"];
    for user in [None, Some("1000")] {
        let mut args = vec!["create"];
        if let Some(u) = user {
            args.extend(["-u", u]);
        }
        args.extend([IMAGE, "/bin/devices", "open"]);
        args.extend(IMAGE_NODES);
        args.extend(planted);
        let id = ctx.ferry(&args).success().stdout().trim().to_string();
        let upper = ctx.store_root().join("containers").join(&id).join("diff/planted");
        std::fs::create_dir_all(&upper).unwrap();
        for (name, major, minor) in [("kvm", 10, 232), ("null", 1, 3)] {
            let node = upper.join(name);
            nix::sys::stat::mknod(
                &node,
                nix::sys::stat::SFlag::S_IFCHR,
                nix::sys::stat::Mode::from_bits_truncate(0o666),
                nix::sys::stat::makedev(major, minor),
            )
            .unwrap();
            std::fs::set_permissions(&node, std::os::unix::fs::PermissionsExt::from_mode(0o666)).unwrap();
        }
        let out = ctx.ferry(&["start", "-a", &id]).success().stdout();
        assert!(successes(&out).is_empty(), "user {user:?} opened device nodes:\n{out}");
        // nodev says no before any device rule is asked: even the null device, which the rules
        // allow, is refused when the node is on the container's root filesystem.
        for p in planted {
            assert_eq!(result(&out, p, "rw"), "EACCES", "{out}");
        }
        for p in IMAGE_NODES {
            let expected = match ctx.mode {
                Mode::Root => "EACCES",
                Mode::Rootless => "ENOENT",
            };
            assert_eq!(result(&out, p, "rw"), expected, "{out}");
        }
    }
});

/// A block device of the host (its first disk), as major and minor.
fn host_block_device() -> (String, String) {
    let first = std::fs::read_dir("/sys/dev/block")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .min()
        .unwrap_or_else(|| "7:0".into());
    let (major, minor) = first.split_once(':').unwrap();
    (major.to_string(), minor.to_string())
}

both_modes!(mknod_cannot_reach_host_devices, |ctx| {
    load_image(ctx);
    let (major, minor) = host_block_device();
    let bind = ctx.file("bind");
    std::fs::create_dir(&bind).unwrap();
    std::fs::set_permissions(&bind, std::os::unix::fs::PermissionsExt::from_mode(0o777)).unwrap();
    // The kernel log (kmsg), KVM and a host disk, made in /dev (a tmpfs, where device nodes
    // would work), on the root filesystem, in a volume, a --tmpfs and a bind mount.
    let script = format!(
        "/bin/devices mknod /dev/kmsg2 c 1 11; /bin/devices mknod /tmp/kmsg2 c 1 11; \
         /bin/devices mknod /dev/kvm2 c 10 232; /bin/devices mknod /dev/disk2 b {major} {minor}; \
         /bin/devices mknod /vol/kmsg2 c 1 11; /bin/devices mknod /tmpfs/kmsg2 c 1 11; \
         /bin/devices mknod /bind/kmsg2 c 1 11"
    );
    let volume = "vol:/vol".to_string();
    let bind_mount = format!("{}:/bind", p(&bind));
    let out = ctx
        .ferry(&[
            "run",
            "--rm",
            "--cap-add",
            "MKNOD",
            "-v",
            &volume,
            "--tmpfs",
            "/tmpfs",
            "-v",
            &bind_mount,
            IMAGE,
            "sh",
            "-c",
            &script,
        ])
        .success()
        .stdout();
    for node in [
        "/dev/kmsg2",
        "/tmp/kmsg2",
        "/dev/kvm2",
        "/dev/disk2",
        "/vol/kmsg2",
        "/tmpfs/kmsg2",
        "/bind/kmsg2",
    ] {
        match ctx.mode {
            Mode::Root => {
                // mknod is allowed (as in Podman); using the node is not: the root filesystem,
                // volumes and tmpfs are nodev (EACCES), /dev is not but the device rules deny
                // (EPERM), a bind mount has the host directory's flags (either).
                assert_eq!(result(&out, node, "mknod"), "ok", "{out}");
                let open = result(&out, node, "open");
                match node.split('/').nth(1) {
                    Some("dev") => assert_eq!(open, "EPERM", "{out}"),
                    Some("bind") => assert!(open == "EPERM" || open == "EACCES", "{out}"),
                    _ => assert_eq!(open, "EACCES", "{out}"),
                }
            }
            Mode::Rootless => assert_eq!(result(&out, node, "mknod"), "EPERM", "{out}"),
        }
    }
    assert!(!out.contains("write="), "wrote to a host device:\n{out}");
});

both_modes!(privileged_can_use_devices, |ctx| {
    load_image(ctx);
    let out = ctx
        .ferry(&[
            "run",
            "--rm",
            "--privileged",
            IMAGE,
            "sh",
            "-c",
            "/bin/devices open /dev/null /devs/null; /bin/devices mknod /dev/null2 c 1 3",
        ])
        .success()
        .stdout();
    assert_eq!(result(&out, "/dev/null", "rw"), "ok", "{out}");
    match ctx.mode {
        Mode::Root => {
            // As Podman: every device, and a root filesystem without nodev.
            assert_eq!(result(&out, "/devs/null", "rw"), "ok", "{out}");
            assert_eq!(result(&out, "/dev/null2", "write"), "ok", "{out}");
        }
        Mode::Rootless => {
            assert_eq!(result(&out, "/devs/null", "rw"), "ENOENT", "{out}");
            assert_eq!(result(&out, "/dev/null2", "mknod"), "EPERM", "{out}");
        }
    }
});

// Rootless on a cgroup v1 host there is no cgroup and so no pids limit (as rootless Podman);
// README says so. Only root is tested here.
#[test]
fn pids_limit_stops_a_fork_bomb() {
    let ctx = &TestContext::new(Mode::Root);
    load_image(ctx);
    let out = ctx
        .ferry(&["run", "--rm", IMAGE, "/bin/devices", "forks", "3000"])
        .success()
        .stdout();
    // The attacker is one of the 2048.
    assert_eq!(
        out.trim(),
        format!("forked={} error=EAGAIN", cgroup::DEFAULT_PIDS_LIMIT - 1),
        "{out}"
    );
}

// `--pids-limit` and containers.conf's `pids_limit`: as root the limit holds (0 and -1: none);
// rootless on this cgroup v1 host there is no cgroup, and a limit asked for is warned about.
both_modes!(pids_limit_flag_and_containers_conf, |ctx| {
    load_image(ctx);
    let conf = ctx.file("pids.conf");
    std::fs::write(&conf, "[containers]\npids_limit = 20\n").unwrap();
    let forks = |args: &[&str]| {
        let mut all = vec!["run", "--rm"];
        all.extend_from_slice(args);
        all.extend_from_slice(&[IMAGE, "/bin/devices", "forks", "50"]);
        let mut cmd = ctx.ferry_command(&all);
        cmd.env("CONTAINERS_CONF", &conf);
        run(cmd, None).success()
    };
    let from_conf = forks(&[]);
    let flag = forks(&["--pids-limit", "10"]);
    let unlimited = forks(&["--pids-limit", "-1"]);
    let zero = forks(&["--pids-limit", "0"]);
    assert_eq!(
        unlimited.stdout().trim(),
        "forked=50 error=none",
        "{}",
        unlimited.stdout()
    );
    assert_eq!(zero.stdout().trim(), "forked=50 error=none", "{}", zero.stdout());
    match ctx.mode {
        Mode::Root => {
            assert_eq!(from_conf.stdout().trim(), "forked=19 error=EAGAIN");
            assert_eq!(flag.stdout().trim(), "forked=9 error=EAGAIN");
            assert!(!flag.stderr.contains("WARN"), "{}", flag.stderr);
        }
        Mode::Rootless => {
            assert_eq!(from_conf.stdout().trim(), "forked=50 error=none");
            assert!(!from_conf.stderr.contains("WARN"), "{}", from_conf.stderr);
            assert_eq!(flag.stdout().trim(), "forked=50 error=none");
            assert!(flag.stderr.contains("--pids-limit is ignored"), "{}", flag.stderr);
        }
    }
});

both_modes!(container_cgroup_namespace_and_exec, |ctx| {
    load_image(ctx);
    let id = ctx
        .ferry(&["run", "-d", IMAGE, "sleep", "300"])
        .success()
        .stdout()
        .trim()
        .to_string();
    let pid = state(ctx, &id)["pid"].as_i64().unwrap();
    let host_view = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).unwrap();
    let dirs = recorded_cgroups(ctx, &id);
    let leaf = cgroup::leaf_name(&id);
    match ctx.mode {
        Mode::Root => {
            assert_eq!(dirs, root_cgroup_dirs(&id), "{host_view}");
            for d in &dirs {
                assert_eq!(procs(d), [pid as i32], "{}", d.display());
            }
            match Layout::detect() {
                Layout::V1 { .. } => {
                    for c in ["devices", "pids"] {
                        assert!(
                            host_view.lines().any(|l| l.ends_with(&format!(":{c}:/ferry/{leaf}"))),
                            "{host_view}"
                        );
                    }
                    let devices = std::fs::read_to_string(dirs[0].join("devices.list")).unwrap();
                    assert_eq!(
                        devices.lines().collect::<Vec<_>>(),
                        [
                            "c *:* m",
                            "b *:* m",
                            "c 1:3 rwm",
                            "c 1:5 rwm",
                            "c 1:7 rwm",
                            "c 1:8 rwm",
                            "c 1:9 rwm",
                            "c 5:0 rwm",
                            "c 5:2 rwm",
                            "c 10:200 rwm",
                            "c 136:* rwm"
                        ]
                    );
                }
                _ => assert!(host_view.contains(&format!("0::/ferry/{leaf}\n")), "{host_view}"),
            }
            let pids = dirs
                .iter()
                .find(|d| d.join("pids.max").exists())
                .expect("a pids cgroup");
            assert_eq!(std::fs::read_to_string(pids.join("pids.max")).unwrap().trim(), "2048");
        }
        // Recorded only where the user has a delegated subtree (v2), and then it holds the init.
        Mode::Rootless => {
            assert_eq!(dirs.is_empty(), !host_view.contains(&leaf), "{host_view}");
            for d in &dirs {
                assert_eq!(procs(d), [pid as i32], "{}", d.display());
            }
        }
    }
    // The limit is in the spec, so inspect shows it (0, Podman's "none", rootless on v1).
    let limit = ctx
        .ferry(&["container", "inspect", "--format", "{{.HostConfig.PidsLimit}}", &id])
        .success()
        .stdout();
    let expected = if ctx.mode == Mode::Root || matches!(Layout::detect(), Layout::V2 { .. }) {
        "2048"
    } else {
        "0"
    };
    assert_eq!(limit.trim(), expected);
    // Inside, its own cgroup is the root of the namespace, for the init and for exec.
    let inside = ctx.ferry(&["exec", &id, "cat", "/proc/self/cgroup"]).success().stdout();
    for line in inside.lines() {
        assert!(line.ends_with(":/"), "not the namespace's root: {line:?} in\n{inside}");
    }
    // A detached exec's process stays in the container's cgroup.
    ctx.ferry(&["exec", "-d", &id, "sleep", "301"]).success();
    for d in &dirs {
        wait_for("the exec in the cgroup", || procs(d).len() == 2);
    }
    ctx.ferry(&["rm", "-f", &id]).success();
    assert!(leftovers(std::slice::from_ref(&id)).is_empty());
});

both_modes!(no_cgroup_is_left_behind, |ctx| {
    load_image(ctx);
    let run_d = |extra: &[&str]| {
        let mut args = vec!["run", "-d"];
        args.extend(extra);
        args.extend([IMAGE, "sleep", "300"]);
        ctx.ferry(&args).success().stdout().trim().to_string()
    };
    let exists_now = |id: &str| {
        if ctx.mode == Mode::Root {
            let dirs = recorded_cgroups(ctx, id);
            assert!(!dirs.is_empty() && dirs.iter().all(|d| d.is_dir()), "{dirs:?}");
        }
    };
    let mut ids = Vec::new();

    // run --rm, and a plain run removed afterwards.
    let cid = ctx.file("cid-rm");
    ctx.ferry(&["run", "--rm", "--cidfile", p(&cid), IMAGE, "true"])
        .success();
    ids.push(std::fs::read_to_string(&cid).unwrap());
    let cid = ctx.file("cid-plain");
    ctx.ferry(&["run", "--cidfile", p(&cid), IMAGE, "true"]).success();
    ids.push(std::fs::read_to_string(&cid).unwrap());
    assert_eq!(leftovers(&ids), Vec::<PathBuf>::new(), "after run");

    // -d with an exec inside, then stop; -d --rm, then stop; -d, then rm -f.
    let id = run_d(&[]);
    ctx.ferry(&["exec", "-d", &id, "sleep", "300"]).success();
    exists_now(&id);
    ctx.ferry(&["stop", "-t", "0", &id]).success();
    ids.push(id);
    let id = run_d(&["--rm"]);
    ctx.ferry(&["stop", "-t", "0", &id]).success();
    let dir = ctx.store_root().join("containers").join(&id);
    wait_for("the --rm removal", || !dir.exists());
    ids.push(id);
    let id = run_d(&[]);
    ctx.ferry(&["rm", "-f", &id]).success();
    ids.push(id);
    assert_eq!(leftovers(&ids), Vec::<PathBuf>::new(), "after stop and rm");

    // The monitor killed: the next command that looks at the container removes its cgroup.
    let id = run_d(&[]);
    exists_now(&id);
    let monitor = state(ctx, &id)["monitorPid"].as_i64().unwrap() as i32;
    // SAFETY: signalling the monitor process this test started.
    assert_eq!(unsafe { libc::kill(monitor, libc::SIGKILL) }, 0);
    wait_for("the monitor to die", || !alive(monitor));
    ctx.ferry(&["ps", "-a"]).success();
    ids.push(id);
    assert_eq!(leftovers(&ids), Vec::<PathBuf>::new(), "after the monitor was killed");

    // The same for a foreground run (its own supervisor) killed.
    let cid = ctx.file("cid-fg");
    let mut fg = ctx
        .ferry_command(&["run", "--cidfile", p(&cid), IMAGE, "sleep", "300"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // The id file is written before the container's state: read both as they come.
    wait_for("the foreground container", || {
        std::fs::read_to_string(&cid).is_ok_and(|id| {
            let p = ctx.store_root().join("containers").join(id).join("state.json");
            std::fs::read(p)
                .ok()
                .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
                .is_some_and(|st| st["status"] == "running")
        })
    });
    let id = std::fs::read_to_string(&cid).unwrap();
    exists_now(&id);
    fg.kill().unwrap();
    fg.wait().unwrap();
    ctx.ferry(&["ps", "-a"]).success();
    ids.push(id);
    assert_eq!(
        leftovers(&ids),
        Vec::<PathBuf>::new(),
        "after the foreground run was killed"
    );

    // ferry killed after making the cgroup and before the run was recorded: a created container
    // already records where its cgroup will be, so `rm` finds it (made here by hand).
    let id = ctx
        .ferry(&["create", IMAGE, "true"])
        .success()
        .stdout()
        .trim()
        .to_string();
    let planned = recorded_cgroups(ctx, &id);
    if ctx.mode == Mode::Root {
        assert_eq!(planned, root_cgroup_dirs(&id));
    }
    for d in &planned {
        std::fs::create_dir_all(d).unwrap();
    }
    ctx.ferry(&["rm", &id]).success();
    ids.push(id);
    assert_eq!(
        leftovers(&ids),
        Vec::<PathBuf>::new(),
        "after rm of a container whose start was killed"
    );
    ctx.ferry(&["rm", "-a", "-f"]).success();
});

/// The cgroup v2 code on this host's unified hierarchy (on a hybrid host, the one systemd mounts
/// at /sys/fs/cgroup/unified, which has no controllers but runs device filters): the device
/// filter is loaded and attached, a child is born in the cgroup with its cgroup namespace rooted
/// there, the filter denies what the rules deny, and the cgroup goes away.
#[test]
fn v2_device_filter_and_placement_from_birth() {
    let _ctx = TestContext::new(Mode::Root);
    let mountinfo = std::fs::read_to_string("/proc/self/mountinfo").unwrap();
    let mount = mountinfo
        .lines()
        .find_map(|l| {
            let (before, after) = l.split_once(" - ")?;
            (after.split(' ').next() == Some("cgroup2")).then(|| PathBuf::from(before.split(' ').nth(4).unwrap()))
        })
        .expect("this host mounts the cgroup v2 hierarchy (hybrid or unified)");
    let layout = Layout::V2 {
        mount: mount.clone(),
        root: "/".into(),
    };
    let id = format!("v2test{}", std::process::id());
    let resources = cgroup::default_resources(false, false, &layout, Some(cgroup::DEFAULT_PIDS_LIMIT)).unwrap();
    let request = cgroup::Request {
        id: &id,
        rootless: false,
        resources: Some(&resources),
    };
    let cg = Cgroup::create(&layout, &request).unwrap().expect("a cgroup as root");
    let dir = mount.join(cgroup::PARENT).join(cgroup::leaf_name(&id));
    assert_eq!(cg.paths(), std::slice::from_ref(&dir));
    let controllers = std::fs::read_to_string(mount.join("cgroup.controllers")).unwrap_or_default();
    if controllers.split_whitespace().any(|c| c == "pids") {
        assert_eq!(std::fs::read_to_string(dir.join("pids.max")).unwrap().trim(), "2048");
    }
    let spawned = cgroup::clone_into(Some(&cg), (libc::SIGCHLD | libc::CLONE_NEWCGROUP) as u64).unwrap();
    if spawned.pid == 0 {
        // The child of a multi-threaded test process: raw system calls only.
        let mut code = 0;
        if spawned.settle(Some(&cg)).is_err() {
            code |= 1;
        }
        // SAFETY: open/read/close with NUL-terminated literals and a stack buffer.
        unsafe {
            let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
            if null < 0 {
                code |= 2;
            }
            if libc::open(c"/dev/kmsg".as_ptr(), libc::O_RDONLY) >= 0 || *libc::__errno_location() != libc::EPERM {
                code |= 4;
            }
            let mut buf = [0u8; 4096];
            let fd = libc::open(c"/proc/self/cgroup".as_ptr(), libc::O_RDONLY);
            let n = libc::read(fd, buf.as_mut_ptr().cast(), buf.len());
            let text = &buf[..n.max(0) as usize];
            if !(text.starts_with(b"0::/\n") || text.windows(6).any(|w| w == b"\n0::/\n")) {
                code |= 8;
            }
            libc::_exit(code);
        }
    }
    let mut status = 0;
    // SAFETY: waiting for the child just created.
    assert_eq!(unsafe { libc::waitpid(spawned.pid, &mut status, 0) }, spawned.pid);
    assert!(libc::WIFEXITED(status), "status {status:#x}");
    let code = libc::WEXITSTATUS(status);
    assert_eq!(
        code,
        0,
        "child failed: settle {}, /dev/null {}, /dev/kmsg not denied {}, cgroup namespace not rooted {}",
        code & 1 != 0,
        code & 2 != 0,
        code & 4 != 0,
        code & 8 != 0
    );
    cg.remove().unwrap();
    assert!(!dir.exists());
}
