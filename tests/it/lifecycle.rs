//! Containers and disk space are never lost: containers running as a non-root user are
//! stopped, killed, restarted and removed (rootless too); `system reset` leaves no process;
//! `run -d` racing `rm -f` leaves no orphan; an interrupted `rm` is finished by `prune`; a full
//! store can be freed; published ports are free when `stop` and `rm` return.

use std::net::TcpListener;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::*;

const IMG: &str = "lifeimg:latest";

fn setup(ctx: &TestContext) {
    ctx.load(&FixtureImage::busybox(), &["lifeimg"]);
}

/// Removes every container of the test, even when an assertion failed.
struct Cleanup<'a>(&'a TestContext);

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        let _ = self.0.ferry(&["rm", "-fa"]);
    }
}

/// An argument for `sleep` that no other test uses, so that this test's container processes
/// can be told from everyone else's.
fn marker() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    (3_000_000 + (std::process::id() % 100_000) * 10 + N.fetch_add(1, Ordering::Relaxed)).to_string()
}

fn state(ctx: &TestContext, id: &str) -> serde_json::Value {
    let p = ctx.store_root().join("containers").join(id).join("state.json");
    serde_json::from_slice(&std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))).unwrap()
}

fn pid_of(ctx: &TestContext, id: &str) -> i32 {
    state(ctx, id)["pid"]
        .as_i64()
        .unwrap_or_else(|| panic!("container {id} has no pid")) as i32
}

fn status(ctx: &TestContext, name: &str) -> String {
    ctx.ferry(&["container", "inspect", "--format", "{{.State.Status}}", name])
        .success()
        .stdout()
        .trim()
        .to_string()
}

/// Whether a process is alive (a zombie counts as gone).
fn alive(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| !s[s.rfind(')').unwrap() + 1..].trim_start().starts_with('Z'))
        .unwrap_or(false)
}

#[track_caller]
fn wait_for(what: &str, timeout: Duration, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Full ids of every container `ps -a` lists.
fn container_ids(ctx: &TestContext) -> Vec<String> {
    ctx.ferry(&["ps", "-a", "-q", "--no-trunc"]).success().lines()
}

/// Processes working for this test's store: its monitors and network helpers (they inherit
/// HOME, which is in the test directory) and container processes running `sleep MARKER`.
fn our_processes(ctx: &TestContext, marker: &str) -> Vec<String> {
    let home = format!("HOME={}", ctx.home().display());
    let me = std::process::id().to_string();
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let pid = e.file_name().to_string_lossy().into_owned();
        if !pid.bytes().all(|b| b.is_ascii_digit()) || pid == me || !alive(pid.parse().unwrap()) {
            continue;
        }
        let cmdline = std::fs::read(e.path().join("cmdline")).unwrap_or_default();
        let args: Vec<String> = cmdline
            .split(|b| *b == 0)
            .filter(|a| !a.is_empty())
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        let environ = std::fs::read(e.path().join("environ")).unwrap_or_default();
        let ours = environ.split(|b| *b == 0).any(|v| v == home.as_bytes());
        let container = args.len() == 2 && args[0].ends_with("sleep") && args[1] == marker;
        if ours || container {
            out.push(format!("{pid} {}", args.join(" ")));
        }
    }
    out
}

#[track_caller]
fn assert_no_processes(ctx: &TestContext, marker: &str) {
    let start = Instant::now();
    loop {
        let left = our_processes(ctx, marker);
        if left.is_empty() {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "processes of removed containers still run: {left:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The effective host uid of a process.
fn uid_of(pid: i32) -> u32 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("Uid:")).unwrap();
    line.split_whitespace().nth(2).unwrap().parse().unwrap()
}

fn free_tcp_port() -> u16 {
    TcpListener::bind("0.0.0.0:0").unwrap().local_addr().unwrap().port()
}

fn port_free(port: u16) -> bool {
    TcpListener::bind(("0.0.0.0", port)).is_ok()
}

both_modes!(nonroot_user_is_stopped_killed_restarted_and_removed, |ctx| {
    setup(ctx);
    let _cleanup = Cleanup(ctx);
    let m = marker();
    let id = ctx
        .ferry(&["run", "-d", "--name", "u", "--user", "1000", IMG, "sleep", &m])
        .success()
        .stdout()
        .trim()
        .to_string();
    let pid = pid_of(ctx, &id);
    assert_eq!(uid_of(pid), ctx.host_uid(1000), "the container runs as its user 1000");
    // sleep as PID 1 ignores SIGTERM: stop ends it with SIGKILL.
    ctx.ferry(&["stop", "-t", "0", "u"]).success().stdout_contains("u");
    assert!(!alive(pid), "stop left the container running");
    assert_eq!(status(ctx, "u"), "exited");
    ctx.ferry(&["start", "u"]).success();
    let pid = pid_of(ctx, &id);
    ctx.ferry(&["kill", "u"]).success().stdout_contains("u");
    wait_for("the exit", Duration::from_secs(10), || status(ctx, "u") == "exited");
    assert!(!alive(pid), "kill left the container running");
    ctx.ferry(&["restart", "-t", "0", "u"]).success();
    let first = pid_of(ctx, &id);
    ctx.ferry(&["restart", "-t", "0", "u"]).success();
    let second = pid_of(ctx, &id);
    assert!(!alive(first), "restart left the old process running");
    assert!(alive(second));
    ctx.ferry(&["rm", "-f", "u"]).success().stdout_contains(&id);
    assert!(!alive(second), "rm -f left the container running");
    assert!(container_ids(ctx).is_empty());
    assert_no_processes(ctx, &m);
});

both_modes!(system_reset_leaves_no_process, |ctx| {
    setup(ctx);
    let m = marker();
    let port = free_tcp_port();
    let publish = format!("{port}:8080");
    let web = ctx
        .ferry(&[
            "run", "-d", "--user", "1000", "-p", &publish, IMG, "busybox", "httpd", "-f", "-p", "8080",
        ])
        .success()
        .stdout()
        .trim()
        .to_string();
    let idle = ctx
        .ferry(&["run", "-d", "--user", "1000", IMG, "sleep", &m])
        .success()
        .stdout()
        .trim()
        .to_string();
    let mut pids = Vec::new();
    for id in [&web, &idle] {
        let st = state(ctx, id);
        pids.push(st["pid"].as_i64().unwrap() as i32);
        pids.push(st["monitorPid"].as_i64().unwrap() as i32);
    }
    assert!(!port_free(port), "the published port is held while the container runs");
    ctx.ferry(&["system", "reset", "-f"]).success();
    for pid in &pids {
        assert!(!alive(*pid), "process {pid} survived system reset");
    }
    assert_no_processes(ctx, &m);
    assert!(port_free(port), "port {port} is still held after system reset");
    assert!(!ctx.store_root().join("containers").exists());
});

/// Whether `containers.json` names a container `name` (a record exists, maybe still starting).
fn recorded(ctx: &TestContext, name: &str) -> bool {
    std::fs::read_to_string(ctx.store_root().join("containers.json"))
        .is_ok_and(|s| s.contains(&format!("\"name\": \"{name}\"")))
}

both_modes!(run_racing_rm_leaves_no_orphans, |ctx| {
    setup(ctx);
    let _cleanup = Cleanup(ctx);
    let m = marker();
    let quiet = |args: &[&str]| {
        ctx.ferry_command(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    for round in 0..20 {
        let mut run = quiet(&["run", "-d", "--name", "race", IMG, "sleep", &m]);
        // `rm -f` once the record exists (the container is being started): at once, or after
        // a delay that moves through the start from round to round.
        let start = Instant::now();
        while !recorded(ctx, "race") && start.elapsed() < Duration::from_secs(10) {
            if run.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        std::thread::sleep(Duration::from_millis(5 * (round % 10)));
        let mut rm = quiet(&["rm", "-f", "race"]);
        run.wait().unwrap();
        rm.wait().unwrap();
        // Whoever won, what is recorded can be removed, and nothing else runs.
        if container_ids(ctx).is_empty() {
            assert_no_processes(ctx, &m);
        } else {
            ctx.ferry(&["rm", "-f", "race"]).success();
        }
    }
    assert!(container_ids(ctx).is_empty());
    assert_no_processes(ctx, &m);
});

/// Entries of `dir` (none when it does not exist).
fn entries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Bytes allocated under `dir`.
fn disk_usage(dir: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    walk(dir)
        .iter()
        .filter_map(|p| std::fs::symlink_metadata(p).ok())
        .map(|m| m.blocks() * 512)
        .sum()
}

/// A stopped container whose upper directory holds 8 MiB and 3000 files (so that deleting it
/// takes a while).
fn bulky(ctx: &TestContext) -> String {
    let script = "mkdir /d && cd /d && i=0; while [ $i -lt 3000 ]; do echo $i > f$i; i=$((i+1)); done; \
                  cat /bin/busybox /bin/busybox /bin/busybox /bin/busybox > /big; head -c 8388608 /dev/zero > /zero";
    let id = ctx
        .ferry(&["run", "-d", IMG, "sh", "-c", script])
        .success()
        .stdout()
        .trim()
        .to_string();
    ctx.ferry(&["wait", &id]).success();
    id
}

both_modes!(interrupted_rm_is_finished_by_prune, |ctx| {
    setup(ctx);
    let _cleanup = Cleanup(ctx);
    let root = ctx.store_root();
    let before = disk_usage(&root.join("containers"));
    // Signals and moments: as soon as the record is gone (the directory is being deleted), and
    // at fixed delays after `rm` started.
    let trials: [(i32, Option<u64>, &str); 6] = [
        (libc::SIGKILL, None, "system"),
        (libc::SIGTERM, None, "container"),
        (libc::SIGHUP, None, "system"),
        (libc::SIGKILL, Some(0), "container"),
        (libc::SIGKILL, Some(5), "system"),
        (libc::SIGKILL, Some(15), "system"),
    ];
    let mut hit_deletion = 0;
    for (sig, delay, prune) in trials {
        let id = bulky(ctx);
        let dir = root.join("containers").join(&id);
        assert!(disk_usage(&dir) > 8 << 20);
        let mut rm = ctx
            .ferry_command(&["rm", "-f", &id])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        match delay {
            None => {
                let start = Instant::now();
                let records = root.join("containers.json");
                while std::fs::read_to_string(&records).is_ok_and(|s| s.contains(&id))
                    && start.elapsed() < Duration::from_secs(10)
                {
                    std::thread::sleep(Duration::from_micros(200));
                }
            }
            Some(ms) => std::thread::sleep(Duration::from_millis(ms)),
        }
        // SAFETY: signalling the ferry process this test started.
        unsafe { libc::kill(rm.id() as i32, sig) };
        rm.wait().unwrap();
        let left = dir.exists() || !entries(&root.join("trash")).is_empty();
        if !container_ids(ctx).contains(&id) && left {
            hit_deletion += 1;
        }
        match prune {
            "system" => ctx.ferry(&["system", "prune", "-f"]).success(),
            _ => ctx.ferry(&["container", "prune", "-f"]).success(),
        };
        // Nothing half done is left: the container is either fully there (and removable) or
        // fully gone, directory and disk space included.
        if container_ids(ctx).contains(&id) {
            assert!(dir.is_dir(), "container {id} is listed but its directory is gone");
            ctx.ferry(&["rm", "-f", &id]).success();
        }
        assert!(!dir.exists(), "{} survived prune", dir.display());
        assert!(
            entries(&root.join("trash")).is_empty(),
            "prune left the trash: {:?}",
            entries(&root.join("trash"))
        );
        assert!(entries(&root.join("containers")).is_empty());
        let now = disk_usage(&root.join("containers")) + disk_usage(&root.join("trash"));
        assert!(now <= before + (64 << 10), "{now} bytes left, {before} before");
    }
    assert!(hit_deletion >= 1, "no trial interrupted a deletion");
});

/// A tmpfs mounted over the store for the test's duration (owned by the mode's user).
struct SmallStore(std::path::PathBuf);

impl SmallStore {
    fn mount(ctx: &TestContext, size_mib: u32) -> SmallStore {
        let root = ctx.store_root();
        std::fs::create_dir_all(&root).unwrap();
        let (uid, gid) = (ctx.host_uid(0), ctx.host_gid(0));
        let opts = format!("size={size_mib}m,mode=0700,uid={uid},gid={gid}");
        nix::mount::mount(
            Some("tmpfs"),
            &root,
            Some("tmpfs"),
            nix::mount::MsFlags::empty(),
            Some(opts.as_str()),
        )
        .unwrap_or_else(|e| panic!("mounting a tmpfs on {}: {e}", root.display()));
        if ctx.mode == Mode::Rootless {
            for d in root
                .ancestors()
                .skip(1)
                .take_while(|d| d.starts_with(ctx.home()) && *d != ctx.home())
            {
                std::os::unix::fs::chown(d, Some(uid), Some(gid)).unwrap();
            }
        }
        SmallStore(root)
    }

    /// Fills the filesystem to the last byte with a file the test owns.
    fn fill(&self) {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.0.join("filler"))
            .unwrap();
        for chunk in [1 << 20, 4096, 1] {
            let buf = vec![0u8; chunk];
            while f.write_all(&buf).is_ok() {}
        }
        let _ = f.sync_all();
        assert_eq!(self.available(), 0, "the store is full");
    }

    fn available(&self) -> u64 {
        let st = nix::sys::statvfs::statvfs(&self.0).unwrap();
        st.blocks_available() as u64 * st.fragment_size() as u64
    }
}

impl Drop for SmallStore {
    fn drop(&mut self) {
        let _ = nix::mount::umount2(&self.0, nix::mount::MntFlags::MNT_DETACH);
    }
}

both_modes!(full_store_can_be_freed, |ctx| {
    let store = SmallStore::mount(ctx, 40);
    setup(ctx);
    let _cleanup = Cleanup(ctx);
    ctx.load(&FixtureImage::multilayer(), &["other:1"]);
    let filler = LayerSpec::new()
        .dir("data", 0o755)
        .file("data/x", 0o644, fixtures::pseudo_random(7, 1 << 20));
    ctx.load(&FixtureImage::from_layers(vec![filler]), &["dangling:1"]);
    ctx.ferry(&["untag", "dangling:1"]).success();
    let m = marker();
    ctx.ferry(&["run", "-d", "--name", "running", IMG, "sleep", &m])
        .success();
    // A container fills the store; the last bytes go to a file of the test.
    ctx.ferry(&["run", "--name", "filler", IMG, "sh", "-c", "cat /dev/zero > /big"])
        .failure();
    store.fill();
    // A failed `run --rm` leaves nothing behind.
    ctx.ferry(&["run", "--rm", IMG, "true"]).failure();
    assert_eq!(container_ids(ctx).len(), 2, "a failed run --rm left a container");
    // rm -a -f frees it.
    ctx.ferry(&["rm", "-a", "-f"]).success();
    assert!(container_ids(ctx).is_empty());
    assert!(entries(&ctx.store_root().join("containers")).is_empty());
    assert!(entries(&ctx.store_root().join("trash")).is_empty());
    assert_no_processes(ctx, &m);
    // Full again, with a volume this time (nothing a removal deletes frees it): a `run --rm`
    // that filled it is removed all the same.
    ctx.ferry(&[
        "run",
        "--rm",
        "-v",
        "fill:/data",
        IMG,
        "sh",
        "-c",
        "cat /dev/zero > /data/big",
    ])
    .failure();
    store.fill();
    assert!(
        container_ids(ctx).is_empty(),
        "run --rm left its container on a full disk"
    );
    // rmi.
    ctx.ferry(&["rmi", "other:1"]).success();
    let names = ctx.ferry(&["images", "--format", "{{.Repository}}"]).success().stdout();
    assert!(!names.contains("other"), "{names}");
    // system prune (the dangling image).
    store.fill();
    let images = ctx.image_ids().len();
    ctx.ferry(&["system", "prune", "-f"]).success();
    assert_eq!(ctx.image_ids().len(), images - 1, "the dangling image was not pruned");
    // Once space is back, everything works again.
    ctx.ferry(&["volume", "rm", "fill"]).success();
    std::fs::remove_file(store.0.join("filler")).unwrap();
    ctx.ferry(&["run", "--rm", IMG, "true"]).success();
});

/// Published ports are free the moment `stop` or `rm -f` returns: the port can be bound right
/// away, and a container started on it at once gets it, every time.
fn reuse_ports(ctx: &TestContext, extra: &[&str]) {
    let port = free_tcp_port();
    let publish = format!("{port}:8080");
    let web = |verb: &str, name: &str| {
        let mut args = vec![verb, "-d", "--name", name, "-p", &publish];
        args.extend_from_slice(extra);
        args.extend([IMG, "busybox", "httpd", "-f", "-p", "8080"]);
        args.iter().map(|a| a.to_string()).collect::<Vec<_>>()
    };
    // Waited for without polling: the port is checked the moment the command has exited.
    let quick = |args: &[String]| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let st = ctx
            .ferry_command(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        st.success()
    };
    let words = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    // Successes out of 5 of: port free right after stop, run -p right after that, port free
    // right after rm -f, start right after that.
    let mut counts = [0; 4];
    for i in 0..5 {
        let (a, b) = (format!("a{i}"), format!("b{i}"));
        assert!(quick(&web("run", &a)));
        assert!(quick(&words(&["stop", "-t", "0", &a])));
        counts[0] += u32::from(port_free(port));
        let started = quick(&web("run", &b));
        counts[1] += u32::from(started);
        if started {
            assert!(quick(&words(&["rm", "-f", &b])));
            counts[2] += u32::from(port_free(port));
        }
        counts[3] += u32::from(quick(&words(&["start", &a])));
        ctx.ferry(&["rm", "-fa"]).success();
    }
    assert_eq!(
        counts, [5; 4],
        "successes out of 5: port free after stop, run -p after stop, port free after rm -f, start after rm -f"
    );
}

both_modes!(published_ports_are_free_when_stop_and_rm_return, |ctx| {
    setup(ctx);
    let _cleanup = Cleanup(ctx);
    reuse_ports(ctx, &[]);
});

both_modes!(published_ports_on_a_network_are_free_when_stop_and_rm_return, |ctx| {
    setup(ctx);
    let _cleanup = Cleanup(ctx);
    let net = format!("life{}", std::process::id() % 100_000);
    ctx.ferry(&["network", "create", &net]).success();
    reuse_ports(ctx, &["--network", &net]);
    ctx.ferry(&["network", "rm", "-f", &net]).success();
});

both_modes!(monitor_stops_a_container_whose_directory_vanished, |ctx| {
    setup(ctx);
    let _cleanup = Cleanup(ctx);
    let m = marker();
    let id = ctx
        .ferry(&["run", "-d", "-p", "0:8080", IMG, "sleep", &m])
        .success()
        .stdout()
        .trim()
        .to_string();
    let st = state(ctx, &id);
    let (pid, monitor) = (
        st["pid"].as_i64().unwrap() as i32,
        st["monitorPid"].as_i64().unwrap() as i32,
    );
    // What a removal that did not stop the container would leave: its directory gone from
    // under it (here moved where an interrupted `rm` leaves it).
    let trash = ctx.store_root().join("trash");
    std::fs::create_dir_all(&trash).unwrap();
    std::fs::rename(ctx.store_root().join("containers").join(&id), trash.join(&id)).unwrap();
    wait_for("the container to stop", Duration::from_secs(10), || {
        !alive(pid) && !alive(monitor)
    });
    assert_no_processes(ctx, &m);
    // The record without its directory and the trash are finished by prune.
    ctx.ferry(&["system", "prune", "-f"]).success();
    assert!(container_ids(ctx).is_empty());
    assert!(entries(&trash).is_empty());
});
