//! `run` in the foreground: what a process sees from inside the container (namespaces, ids,
//! capabilities, seccomp, masked paths, environment, users), exit codes, and that `--rm` leaves
//! nothing behind, even with 20 runs at once.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::*;

const IMG: &str = "runimg:latest";

/// Podman's default capabilities, by bit: CHOWN 0, DAC_OVERRIDE 1, FOWNER 3, FSETID 4, KILL 5,
/// SETGID 6, SETUID 7, SETPCAP 8, NET_BIND_SERVICE 10, SYS_CHROOT 18, SETFCAP 31.
const DEFAULT_CAPS: u64 =
    1 << 0 | 1 << 1 | 1 << 3 | 1 << 4 | 1 << 5 | 1 << 6 | 1 << 7 | 1 << 8 | 1 << 10 | 1 << 18 | 1 << 31;
const CAP_CHOWN: u64 = 1 << 0;
const CAP_KILL: u64 = 1 << 5;
const CAP_NET_ADMIN: u64 = 1 << 12;
const CAP_NET_RAW: u64 = 1 << 13;
const CAP_SYS_ADMIN: u64 = 1 << 21;
const CAP_SYS_RESOURCE: u64 = 1 << 24;

/// Applets the base fixture does not link.
const EXTRA_APPLETS: &[&str] = &["unshare", "pwd", "ip"];

/// Busybox plus a layer with what these tests look at: more applets, a script without the
/// execute bit, files owned by uid 33, and groups that list www-data as a member.
fn run_image() -> FixtureImage {
    let mut extra = LayerSpec::new().dir("bin", 0o755);
    for a in EXTRA_APPLETS {
        extra = extra.symlink(&format!("bin/{a}"), "busybox");
    }
    let extra = extra
        .file("bin/noexec", 0o644, "#!/bin/sh\necho this must not run\n")
        .dir("data", 0o755)
        .file("data/owned33", 0o640, "www\n")
        .owned(33, 33)
        .dir("etc", 0o755)
        .file(
            "etc/group",
            0o644,
            "root:x:0:\nwww-data:x:33:\nuser:x:1000:\nweb:x:2000:user,www-data\nlogs:x:2001:www-data\nnogroup:x:65534:\n",
        )
        .file("etc/motd", 0o644, "hello from the image\n");
    FixtureImage::from_layers(vec![fixtures::busybox_layer(), extra]).label("run")
}

fn setup(ctx: &TestContext) {
    ctx.load(&run_image(), &[IMG]);
}

/// `ferry run --rm FLAGS IMG sh -c SCRIPT`.
fn sh(ctx: &TestContext, flags: &[&str], script: &str) -> Output {
    let mut args = vec!["run", "--rm"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&[IMG, "sh", "-c", script]);
    ctx.ferry(&args)
}

/// Stdout of a script that must succeed, trimmed.
#[track_caller]
fn out(ctx: &TestContext, flags: &[&str], script: &str) -> String {
    sh(ctx, flags, script).success().stdout().trim().to_string()
}

/// The value of a `Name:\tvalue` line of /proc/self/status as the container's shell sees it.
#[track_caller]
fn status_field(ctx: &TestContext, flags: &[&str], field: &str) -> String {
    let text = out(ctx, flags, "cat /proc/self/status");
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status:\n{text}"))
        .trim()
        .to_string()
}

#[track_caller]
fn cap_eff(ctx: &TestContext, flags: &[&str]) -> u64 {
    let v = status_field(ctx, flags, "CapEff");
    u64::from_str_radix(&v, 16).unwrap_or_else(|e| panic!("CapEff {v:?}: {e}"))
}

/// A capability set of this (test) process.
fn host_caps(field: &str) -> u64 {
    let text = std::fs::read_to_string("/proc/self/status").unwrap();
    let v = text
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .unwrap()
        .trim();
    u64::from_str_radix(v, 16).unwrap()
}

fn is_container_id(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// Nothing of any container is left: no container directories or records, nothing named by a
/// container id under the store or runroot, and no host mount under the test directory.
#[track_caller]
fn assert_no_container_state(ctx: &TestContext) {
    let containers = ctx.store_root().join("containers");
    if let Ok(rd) = std::fs::read_dir(&containers) {
        let left: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        assert!(left.is_empty(), "container directories left behind: {left:?}");
    }
    let index = ctx.store_root().join("containers.json");
    if let Ok(data) = std::fs::read(&index) {
        let v: serde_json::Value = serde_json::from_slice(&data).expect("containers.json is JSON");
        let records = v["containers"].as_array().cloned().unwrap_or_default();
        assert!(records.is_empty(), "containers.json still lists containers: {v}");
    }
    for root in [ctx.store_root(), ctx.runroot()] {
        let named: Vec<_> = walk(&root)
            .into_iter()
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| is_container_id(n.split('.').next().unwrap_or(n)) && !is_layer(ctx, p))
            })
            .collect();
        assert!(named.is_empty(), "paths named by a container id left behind: {named:?}");
    }
    let mountinfo = std::fs::read_to_string("/proc/self/mountinfo").unwrap();
    let dir = p(&ctx.dir);
    let mounts: Vec<&str> = mountinfo.lines().filter(|l| l.contains(dir)).collect();
    assert!(mounts.is_empty(), "mounts left under the test directory: {mounts:#?}");
}

/// Layers, blobs and cached seccomp filters are named by 64 hex digits too; they are not
/// container state.
fn is_layer(ctx: &TestContext, path: &Path) -> bool {
    ["overlay", "oci", "cache"]
        .iter()
        .any(|d| path.starts_with(ctx.store_root().join(d)))
}

both_modes!(pid_namespace, |ctx| {
    setup(ctx);
    assert_eq!(out(ctx, &[], "echo $$"), "1", "the container's process is PID 1");
    let listing = ctx.ferry(&["run", "--rm", IMG, "ls", "/proc"]).success();
    let pids: Vec<String> = listing
        .stdout()
        .split_whitespace()
        .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_string)
        .collect();
    assert_eq!(pids, ["1"], "host processes must be invisible:\n{}", listing.stdout());
});

both_modes!(hostname_and_cidfile, |ctx| {
    setup(ctx);
    let cidfile = ctx.file("cid");
    let host = ctx
        .ferry(&["run", "--rm", "--cidfile", p(&cidfile), IMG, "hostname"])
        .success()
        .stdout();
    let cid = std::fs::read_to_string(&cidfile).expect("--cidfile writes the id");
    let cid = cid.trim();
    assert!(is_container_id(cid), "cidfile holds a 64-hex id: {cid:?}");
    assert_eq!(host.trim(), &cid[..12], "the default hostname is the short id");
    // Podman refuses to overwrite an existing cidfile.
    ctx.ferry(&["run", "--rm", "--cidfile", p(&cidfile), IMG, "true"])
        .code(125);

    assert_eq!(
        out(ctx, &["--hostname", "box"], "hostname; cat /etc/hostname"),
        "box\nbox"
    );
});

both_modes!(generated_etc_files, |ctx| {
    setup(ctx);
    let hosts = out(ctx, &["--hostname", "box"], "cat /etc/hosts");
    assert!(hosts.contains("localhost"), "/etc/hosts:\n{hosts}");
    assert!(
        hosts.split_whitespace().any(|w| w == "box"),
        "/etc/hosts names the container:\n{hosts}"
    );
    sh(ctx, &[], "test -f /etc/resolv.conf").success();
});

both_modes!(id_mappings, |ctx| {
    setup(ctx);
    let maps = out(ctx, &[], "cat /proc/self/uid_map; echo --; cat /proc/self/gid_map");
    let (uid_map, gid_map) = maps.split_once("--").unwrap();
    let rows = |t: &str| -> Vec<String> {
        t.lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect()
    };
    match ctx.mode {
        Mode::Root => {
            assert_eq!(rows(uid_map), ["0 0 4294967295"], "root runs without a user namespace");
            assert_eq!(rows(gid_map), ["0 0 4294967295"]);
        }
        Mode::Rootless => {
            let u = test_user();
            assert_eq!(
                rows(uid_map),
                [format!("0 {} 1", u.uid), format!("1 {} 65536", u.subuid_start)]
            );
            assert_eq!(
                rows(gid_map),
                [format!("0 {} 1", u.gid), format!("1 {} 65536", u.subgid_start)]
            );
        }
    }
});

both_modes!(image_file_owners, |ctx| {
    setup(ctx);
    assert_eq!(out(ctx, &[], "stat -c %u:%g /var/www /data/owned33"), "33:33\n33:33");
    assert_eq!(out(ctx, &[], "stat -c %u:%g /etc/motd"), "0:0");
    // A file created in the container belongs to the container's root.
    assert_eq!(out(ctx, &[], "touch /tmp/new && stat -c %u:%g /tmp/new"), "0:0");
});

both_modes!(capabilities, |ctx| {
    setup(ctx);
    assert_eq!(DEFAULT_CAPS, 0x8004_05fb);
    assert_eq!(cap_eff(ctx, &[]), DEFAULT_CAPS, "default CapEff");
    assert_eq!(
        u64::from_str_radix(&status_field(ctx, &[], "CapBnd"), 16).unwrap(),
        DEFAULT_CAPS,
        "default CapBnd"
    );
    assert_eq!(cap_eff(ctx, &["--cap-add", "NET_ADMIN"]), DEFAULT_CAPS | CAP_NET_ADMIN);
    assert_eq!(cap_eff(ctx, &["--cap-add", "cap_net_raw"]), DEFAULT_CAPS | CAP_NET_RAW);
    assert_eq!(cap_eff(ctx, &["--cap-drop", "CHOWN"]), DEFAULT_CAPS & !CAP_CHOWN);
    assert_eq!(cap_eff(ctx, &["--cap-drop", "all"]), 0);
    assert_eq!(cap_eff(ctx, &["--cap-drop", "ALL", "--cap-add", "KILL"]), CAP_KILL);
    // --privileged: every capability the bounding set allows is effective.
    let privileged = out(ctx, &["--privileged"], "grep -E '^Cap(Eff|Bnd):' /proc/self/status");
    let caps: Vec<u64> = privileged
        .lines()
        .map(|l| u64::from_str_radix(l.split_whitespace().nth(1).unwrap(), 16).unwrap())
        .collect();
    assert_eq!(caps.len(), 2, "{privileged}");
    assert_eq!(caps[0], caps[1], "--privileged: CapEff equals CapBnd\n{privileged}");
    assert_eq!(
        caps[0] & (DEFAULT_CAPS | CAP_SYS_ADMIN),
        DEFAULT_CAPS | CAP_SYS_ADMIN,
        "--privileged"
    );
    // A non-root user keeps the bounding set but has no effective capabilities.
    assert_eq!(cap_eff(ctx, &["-u", "33"]), 0, "CapEff of uid 33");
    ctx.ferry(&["run", "--rm", "--cap-add", "NOT_A_CAP", IMG, "true"])
        .code(125);
});

both_modes!(no_new_privileges, |ctx| {
    setup(ctx);
    assert_eq!(status_field(ctx, &[], "NoNewPrivs"), "0");
    assert_eq!(
        status_field(ctx, &["--security-opt", "no-new-privileges"], "NoNewPrivs"),
        "1"
    );
});

both_modes!(seccomp_default_and_unconfined, |ctx| {
    setup(ctx);
    assert_eq!(
        status_field(ctx, &[], "Seccomp"),
        "2",
        "a filter is installed by default"
    );
    // The default profile allows new user namespaces only with CAP_SYS_ADMIN.
    sh(ctx, &[], "unshare -U true").failure();
    // Everyday file system calls are allowed (rmdir(2) was once missing from the list).
    sh(
        ctx,
        &[],
        "mkdir /tmp/d && rmdir /tmp/d && mkdir -p /tmp/e/f && rm -r /tmp/e && ln -s x /tmp/l && rm /tmp/l",
    )
    .success();
    let unconfined = ["--security-opt", "seccomp=unconfined"];
    assert_eq!(status_field(ctx, &unconfined, "Seccomp"), "0");
    sh(ctx, &unconfined, "unshare -U true").success();
    // The profile's rules that depend on capabilities follow the container's set.
    sh(ctx, &["--cap-add", "SYS_ADMIN"], "unshare -U true").success();
    assert_eq!(status_field(ctx, &["--privileged"], "Seccomp"), "0", "--privileged");
});

both_modes!(seccomp_profile_file, |ctx| {
    setup(ctx);
    let profile = ctx.file("profile.json");
    std::fs::write(
        &profile,
        r#"{
  "defaultAction": "SCMP_ACT_ALLOW",
  "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
  "syscalls": [
    {"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13}
  ]
}"#,
    )
    .unwrap();
    let opt = format!("seccomp={}", p(&profile));
    let denied = sh(ctx, &["--security-opt", &opt], "mkdir /tmp/d").failure();
    assert!(
        denied.stderr.contains("Permission denied"),
        "the rule's errno (EACCES) is returned:\n{}",
        denied.stderr
    );
    assert_eq!(out(ctx, &["--security-opt", &opt], "touch /tmp/f && echo ok"), "ok");
    std::fs::write(&profile, "{ not json").unwrap();
    ctx.ferry(&["run", "--rm", "--security-opt", &opt, IMG, "true"])
        .code(125);
});

both_modes!(masked_and_read_only_paths, |ctx| {
    setup(ctx);
    // The container's /proc is the same kernel's: mask what this kernel has (kcore needs
    // CONFIG_PROC_KCORE, sysrq-trigger CONFIG_MAGIC_SYSRQ).
    let present: Vec<&str> = ["/proc/kcore", "/proc/keys", "/proc/timer_list"]
        .into_iter()
        .filter(|f| Path::new(f).exists())
        .collect();
    assert!(!present.is_empty(), "this kernel has none of the masked /proc files");
    let stat = format!("stat -c %F {}", present.join(" "));
    let masked = vec!["character special file"; present.len()].join("\n");
    assert_eq!(out(ctx, &[], &stat), masked, "{present:?} are masked with /dev/null");
    assert_eq!(out(ctx, &[], &format!("wc -c < {}", present[0])), "0");
    assert_eq!(out(ctx, &[], "ls -A /sys/firmware | wc -l"), "0");
    let mounts = out(ctx, &[], "cat /proc/self/mountinfo");
    let options = |mountpoint: &str| -> String {
        mounts
            .lines()
            .filter_map(|l| {
                let f: Vec<&str> = l.split_whitespace().collect();
                (f.get(4) == Some(&mountpoint)).then(|| f[5].to_string())
            })
            .next_back()
            .unwrap_or_else(|| panic!("{mountpoint} is not a mount point:\n{mounts}"))
    };
    let mut read_only = vec!["/sys", "/proc/sys"];
    if Path::new("/proc/sysrq-trigger").exists() {
        read_only.push("/proc/sysrq-trigger");
    }
    for ro in read_only {
        let o = options(ro);
        assert!(o.split(',').any(|x| x == "ro"), "{ro} is read-only: {o}");
    }
    let unmask = format!("unmask={}", present[0]);
    let unmasked = out(ctx, &["--security-opt", &unmask], &format!("stat -c %F {}", present[0]));
    assert!(unmasked.starts_with("regular"), "{unmask}: {unmasked}");
    assert_eq!(
        out(
            ctx,
            &["--security-opt", "mask=/data:/etc/motd"],
            "ls -A /data | wc -l; wc -c < /etc/motd"
        ),
        "0\n0"
    );
    let privileged = out(ctx, &["--privileged"], &format!("stat -c %F {}", present[0]));
    assert!(
        privileged.starts_with("regular"),
        "--privileged masks nothing: {privileged}"
    );
});

both_modes!(dev_contents, |ctx| {
    setup(ctx);
    let script = "echo x > /dev/null && head -c 4 /dev/zero | wc -c && head -c 4 /dev/urandom | wc -c \
        && test -c /dev/full && test -c /dev/random && test -c /dev/tty && test -e /dev/ptmx \
        && test -d /dev/pts && test -d /dev/shm && test -d /dev/mqueue && echo ok";
    assert_eq!(out(ctx, &[], script), "4\n4\nok");
    let allowed: BTreeSet<&str> = [
        "console", "core", "fd", "full", "mqueue", "null", "ptmx", "pts", "random", "shm", "stderr", "stdin", "stdout",
        "tty", "urandom", "zero",
    ]
    .into_iter()
    .collect();
    let listing = out(ctx, &[], "ls -A /dev");
    let extra: Vec<&str> = listing.split_whitespace().filter(|n| !allowed.contains(n)).collect();
    assert!(extra.is_empty(), "host devices visible in /dev: {extra:?}");
});

both_modes!(read_only_rootfs, |ctx| {
    setup(ctx);
    let refused = sh(ctx, &["--read-only"], "touch /x").failure();
    assert!(refused.stderr.contains("Read-only file system"), "{}", refused.stderr);
    // Podman's --read-only-tmpfs default keeps the usual scratch directories writable.
    sh(ctx, &["--read-only"], "touch /tmp/x /dev/shm/x").success();
    sh(ctx, &["--read-only", "--read-only-tmpfs=false"], "touch /tmp/x").failure();
    sh(ctx, &[], "touch /x").success();
});

both_modes!(environment, |ctx| {
    setup(ctx);
    let env_file = ctx.file("env.list");
    std::fs::write(&env_file, "# a comment\n\nX=1\nSPACED=a b c\nOVER=file\n").unwrap();
    let mut cmd = ctx.ferry_command(&[
        "run",
        "--rm",
        "-e",
        "A=B",
        "-e",
        "FROMHOST",
        "--env-file",
        p(&env_file),
        "-e",
        "OVER=flag",
        IMG,
        "env",
    ]);
    cmd.env("FROMHOST", "host value");
    let env: BTreeSet<String> = run(cmd, None).success().lines().into_iter().collect();
    for want in [
        "A=B",
        "FROMHOST=host value",
        "X=1",
        "SPACED=a b c",
        "OVER=flag",
        fixtures::PATH_ENV,
    ] {
        assert!(env.contains(want), "{want} missing from {env:?}");
    }
    assert!(
        !env.iter().any(|l| l.starts_with('#')),
        "comments are not variables: {env:?}"
    );
    assert_eq!(
        out(ctx, &["-e", "PATH=/bin"], "echo $PATH"),
        "/bin",
        "-e overrides the image"
    );
    ctx.ferry(&["run", "--rm", "--env-file", p(&ctx.file("missing.env")), IMG, "true"])
        .code(125);
});

both_modes!(env_files_follow_podman_and_are_bounded, |ctx| {
    setup(ctx);
    let env_file = ctx.file("vars.env");
    std::fs::write(
        &env_file,
        "# comment\n   \n\tINDENTED=yes\nCRLF=x\r\nQUOTED= \"q\" x\nFROMHOST\nUNSET_HERE\nFERRY_T_*\n",
    )
    .unwrap();
    let mut cmd = ctx.ferry_command(&["run", "--rm", "--env-file", p(&env_file), IMG, "env"]);
    cmd.env("FROMHOST", "host value")
        .env("FERRY_T_ONE", "1")
        .env("FERRY_T_TWO", "2");
    let env: BTreeSet<String> = run(cmd, None).success().lines().into_iter().collect();
    for want in [
        "INDENTED=yes",
        "CRLF=x",
        "QUOTED= \"q\" x",
        "FROMHOST=host value",
        "FERRY_T_ONE=1",
        "FERRY_T_TWO=2",
    ] {
        assert!(env.contains(want), "{want:?} missing from {env:?}");
    }
    assert!(!env.iter().any(|l| l.starts_with("UNSET_HERE")), "{env:?}");
    // A line without a name is an error naming the file and line, as in Podman.
    std::fs::write(&env_file, "A=1\n=bad\n").unwrap();
    let out = ctx
        .ferry(&["run", "--rm", "--env-file", p(&env_file), IMG, "true"])
        .code(125);
    assert!(
        out.stderr.contains(&format!(
            "{}:2: invalid environment variable \"=bad\": the name is empty",
            p(&env_file)
        )),
        "{}",
        out.stderr
    );
    // An endless line fails at once instead of being read into memory, for run and exec.
    let started = std::time::Instant::now();
    let out = ctx
        .ferry(&["run", "--rm", "--env-file", "/dev/zero", IMG, "true"])
        .code(125);
    assert!(
        out.stderr.contains("/dev/zero:1: the line is longer than 65536 bytes"),
        "{}",
        out.stderr
    );
    ctx.ferry(&["run", "-d", "--name", "envexec", IMG, "sleep", "60"])
        .success();
    let out = ctx
        .ferry(&["exec", "--env-file", "/dev/zero", "envexec", "true"])
        .code(125);
    assert!(
        out.stderr.contains("the line is longer than 65536 bytes"),
        "{}",
        out.stderr
    );
    let out = ctx.ferry(&["exec", "-e", "=x", "envexec", "true"]).code(125);
    assert!(out.stderr.contains("the name is empty"), "{}", out.stderr);
    ctx.ferry(&["rm", "-f", "envexec"]).success();
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    // No container was left by the refused runs.
    assert_eq!(ctx.ferry(&["ps", "-aq"]).success().stdout().trim(), "");
});

both_modes!(home_from_passwd, |ctx| {
    setup(ctx);
    assert_eq!(out(ctx, &[], "echo $HOME"), "/root");
    assert_eq!(out(ctx, &["-u", "www-data"], "echo $HOME"), "/var/www");
    assert_eq!(out(ctx, &["-u", "33"], "echo $HOME"), "/var/www");
    assert_eq!(out(ctx, &["-e", "HOME=/elsewhere"], "echo $HOME"), "/elsewhere");
});

both_modes!(workdir, |ctx| {
    setup(ctx);
    assert_eq!(out(ctx, &[], "pwd"), "/");
    assert_eq!(out(ctx, &["-w", "/tmp"], "pwd"), "/tmp");
    assert_eq!(out(ctx, &["--workdir", "/var/www"], "pwd"), "/var/www");
});

both_modes!(users_and_groups, |ctx| {
    setup(ctx);
    assert_eq!(out(ctx, &[], "id -u; id -g; id -G"), "0\n0\n0");
    assert_eq!(out(ctx, &["-u", "33"], "id -u"), "33");
    assert_eq!(out(ctx, &["-u", "www-data"], "id -u; id -g"), "33\n33");
    let mut groups: Vec<u32> = out(ctx, &["-u", "www-data"], "id -G")
        .split_whitespace()
        .map(|g| g.parse().unwrap())
        .collect();
    groups.sort();
    assert_eq!(groups, [33, 2000, 2001], "supplementary groups from /etc/group");
    assert_eq!(out(ctx, &["-u", "www-data:logs"], "id -u; id -g"), "33\n2001");
    assert_eq!(out(ctx, &["-u", "1000:1000"], "id -u; id -g"), "1000\n1000");
    assert_eq!(
        out(ctx, &["-u", "4242:4343"], "id -u; id -g"),
        "4242\n4343",
        "ids without names"
    );
    // www-data may read its own file; another user may not.
    assert_eq!(out(ctx, &["-u", "www-data"], "cat /data/owned33"), "www");
    sh(ctx, &["-u", "1000"], "cat /data/owned33").failure();
    let unknown = ctx.ferry(&["run", "--rm", "-u", "nosuchuser", IMG, "true"]).failure();
    assert!(unknown.stderr.contains("nosuchuser"), "{}", unknown.stderr);
});

both_modes!(image_config_process, |ctx| {
    let tarball = ctx.file("rootfs.tar");
    FixtureImage::from_layers(vec![fixtures::busybox_layer().symlink("bin/pwd", "busybox")]).write_rootfs_tar(&tarball);
    ctx.ferry(&[
        "import",
        "-q",
        "--change",
        r#"ENTRYPOINT ["echo","ep"]"#,
        "--change",
        r#"CMD ["c1"]"#,
        "--change",
        "USER www-data",
        "--change",
        "WORKDIR /var/www",
        "--change",
        "ENV FROMIMAGE=yes",
        p(&tarball),
        "configured:1",
    ])
    .success();
    let run = |args: &[&str]| -> String {
        let mut a = vec!["run", "--rm"];
        a.extend_from_slice(args);
        ctx.ferry(&a).success().stdout().trim().to_string()
    };
    assert_eq!(run(&["configured:1"]), "ep c1");
    assert_eq!(
        run(&["configured:1", "x", "-n"]),
        "ep x -n",
        "trailing args replace Cmd"
    );
    let id = run(&["--entrypoint", "id", "configured:1"]);
    assert!(id.starts_with("uid=33(www-data) gid=33(www-data)"), "{id}");
    assert_eq!(run(&["--entrypoint", "pwd", "configured:1"]), "/var/www");
    let id = run(&["-u", "0", "--entrypoint", "id", "configured:1"]);
    assert!(id.starts_with("uid=0(root)"), "{id}");
    assert!(
        run(&["--entrypoint", "env", "configured:1"])
            .lines()
            .any(|l| l == "FROMIMAGE=yes")
    );
    assert_eq!(run(&["--entrypoint", "", "configured:1", "echo", "cleared"]), "cleared");
});

// Everything after the image is the container's command, even when it looks like a flag.
both_modes!(hyphen_args_after_image, |ctx| {
    setup(ctx);
    let o = ctx.ferry(&["run", "--rm", "--entrypoint", "sh", IMG, "-c", "echo hyphen"]);
    assert_eq!(o.success().stdout().trim(), "hyphen");
    let o = ctx.ferry(&["run", "--rm", "--entrypoint", "echo", IMG, "-u", "-e", "x"]);
    assert_eq!(o.success().stdout().trim(), "-u -e x");
});

both_modes!(exit_codes, |ctx| {
    setup(ctx);
    sh(ctx, &[], "exit 3").code(3);
    let missing = ctx.ferry(&["run", "--rm", IMG, "/nonexistent"]).code(127);
    assert!(missing.stderr.contains("not found"), "{}", missing.stderr);
    ctx.ferry(&["run", "--rm", IMG, "nosuchcommand"]).code(127);
    let noexec = ctx.ferry(&["run", "--rm", IMG, "/bin/noexec"]).code(126);
    assert!(
        noexec.stderr.to_lowercase().contains("permission denied"),
        "{}",
        noexec.stderr
    );
    ctx.ferry(&["run", "--rm", IMG, "/tmp"]).code(126);
    ctx.ferry(&["run", "--rm", "--pull=never", "nosuchimage:latest", "true"])
        .code(125)
        .stderr_contains("Error: ");
    ctx.ferry(&["run", "--rm", "--no-such-flag", IMG, "true"]).code(125);
    assert_no_container_state(ctx);
});

both_modes!(stdin_forwarding, |ctx| {
    setup(ctx);
    let echoed = ctx
        .ferry_stdin(&["run", "--rm", "-i", IMG, "cat"], b"through stdin\n")
        .success();
    assert_eq!(echoed.stdout(), "through stdin\n");
    let closed = ctx
        .ferry_stdin(&["run", "--rm", IMG, "cat"], b"not forwarded\n")
        .success();
    assert_eq!(closed.stdout(), "", "without -i the container's stdin is empty");
});

both_modes!(network_modes, |ctx| {
    setup(ctx);
    let names = |text: &str| -> BTreeSet<String> {
        text.lines()
            .skip(2)
            .filter_map(|l| l.split_once(':').map(|(n, _)| n.trim().to_string()))
            .collect()
    };
    let lo_only: BTreeSet<String> = ["lo".to_string()].into_iter().collect();
    // The default (private) network has an interface more: see network.rs.
    let none = &["--network", "none"][..];
    assert_eq!(names(&out(ctx, none, "cat /proc/net/dev")), lo_only);
    let link = out(ctx, none, "ip -o link show lo");
    assert!(link.contains("UP"), "loopback is up: {link}");
    // The host's own namespace (not a comparison of interface lists: root-mode network tests
    // running at the same time add and remove bridges and veths on the host).
    let host = std::fs::read_link("/proc/self/ns/net").unwrap();
    assert_eq!(
        out(ctx, &["--network", "host"], "readlink /proc/self/ns/net"),
        host.to_string_lossy()
    );
    ctx.ferry(&["run", "--rm", "--network", "bogus", IMG, "true"]).code(125);
});

/// This process's hard limit on open files (ferry inherits it through setpriv).
fn hard_nofile() -> u64 {
    let limits = std::fs::read_to_string("/proc/self/limits").unwrap();
    let line = limits.lines().find(|l| l.starts_with("Max open files")).unwrap();
    line.split_whitespace().nth(4).unwrap().parse().unwrap()
}

both_modes!(ulimits, |ctx| {
    setup(ctx);
    assert_eq!(
        out(ctx, &["--ulimit", "nofile=512:1024"], "ulimit -n; ulimit -Hn"),
        "512\n1024"
    );
    let hard = hard_nofile();
    assert_eq!(
        out(ctx, &[], "ulimit -Hn"),
        hard.to_string(),
        "the hard limit is inherited"
    );
    if ctx.mode == Mode::Rootless || host_caps("CapEff") & CAP_SYS_RESOURCE == 0 {
        let above = format!("nofile={0}:{0}", hard + 1);
        ctx.ferry(&["run", "--rm", "--ulimit", &above, IMG, "true"]).code(125);
    }
    ctx.ferry(&["run", "--rm", "--ulimit", "nosuchlimit=1", IMG, "true"])
        .code(125);
});

both_modes!(pull_policy, |ctx| {
    setup(ctx);
    ctx.ferry(&["run", "--rm", "--pull=never", IMG, "true"]).success();
    ctx.ferry(&["run", "--rm", "--pull", "missing", IMG, "true"]).success();
    ctx.ferry(&["run", "--rm", "--pull=sometimes", IMG, "true"]).code(125);
});

both_modes!(rm_leaves_nothing, |ctx| {
    setup(ctx);
    sh(ctx, &[], "touch /tmp/scratch && echo done").success();
    sh(ctx, &["--read-only"], "true").success();
    sh(ctx, &[], "exit 7").code(7);
    assert_no_container_state(ctx);
});

both_modes!(names, |ctx| {
    setup(ctx);
    ctx.ferry(&["run", "--name", "web", IMG, "true"]).success();
    ctx.ferry(&["run", "--name", "web", IMG, "true"])
        .code(125)
        .stderr_contains("already in use");
    ctx.ferry(&["run", "--rm", "--name", "web", IMG, "true"]).code(125);
    // A name used with --rm is free again once the container is gone.
    for _ in 0..2 {
        ctx.ferry(&["run", "--rm", "--name", "again", IMG, "true"]).success();
    }
    ctx.ferry(&["run", "--rm", "--name", "bad/name", IMG, "true"]).code(125);
});

both_modes!(twenty_parallel_runs, |ctx| {
    setup(ctx);
    let failures = std::sync::Mutex::new(Vec::<String>::new());
    std::thread::scope(|s| {
        for i in 0..20 {
            let failures = &failures;
            s.spawn(move || {
                let script = format!("echo run{i} > /tmp/f && cat /tmp/f");
                let o = sh(ctx, &[], &script);
                if o.code != Some(0) || o.stdout().trim() != format!("run{i}") {
                    failures
                        .lock()
                        .unwrap()
                        .push(format!("run {i}: exit {:?}\n{}\n{}", o.code, o.stdout(), o.stderr));
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} of 20 runs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_no_container_state(ctx);
});
