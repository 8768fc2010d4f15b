//! containers.conf: the defaults it gives new containers (environment, DNS, capabilities,
//! ulimits, read-only root, init, stop timeout, log driver), the flags that override them, where
//! it is read from, and what a bad or unsupported setting tells the user.

use std::process::Command;

use crate::support::*;

const IMG: &str = "confimg:latest";

fn setup(ctx: &TestContext) {
    ctx.load(
        &FixtureImage::from_layers(vec![fixtures::busybox_layer()]).label("conf"),
        &[IMG],
    );
}

/// Writes `text` as a containers.conf under `files/` and returns its path.
fn conf_file(ctx: &TestContext, name: &str, text: &str) -> String {
    let path = ctx.file(name);
    std::fs::write(&path, text).unwrap();
    p(&path).to_string()
}

/// `ferry ARGS` with `CONTAINERS_CONF=conf`.
fn ferry_with(ctx: &TestContext, conf: &str, args: &[&str]) -> Output {
    let mut cmd = ctx.ferry_command(args);
    cmd.env("CONTAINERS_CONF", conf);
    run(cmd, None)
}

/// A script whose output shows every setting these tests change, one `name=value` per line.
const PROBE: &str = "echo env=$FROM_CONF/$KEEP; echo pid=$$; \
    echo caps=$(grep CapEff /proc/self/status | cut -f2); echo nofile=$(ulimit -n); \
    touch /probe 2>/dev/null && echo rw=yes || echo rw=no; \
    echo ns=$(grep ^nameserver /etc/resolv.conf | cut -d' ' -f2 | tr '\\n' ,); \
    echo search=$(grep ^search /etc/resolv.conf | cut -d' ' -f2-); \
    echo options=$(grep ^options /etc/resolv.conf | cut -d' ' -f2-)";

fn probe(out: Output) -> Vec<String> {
    out.success().lines()
}

const CONF: &str = r#"
[containers]
env = ["FROM_CONF=conf", "KEEP=conf"]
dns_servers = ["192.0.2.53"]
dns_searches = ["conf.example"]
dns_options = ["ndots:3"]
default_capabilities = ["CHOWN", "KILL"]
default_ulimits = ["nofile=512:512"]
read_only = true
init = true

[engine]
stop_timeout = 3
# Podman's OCI runtime: ferry is its own, and says nothing about it.
runtime = "runc"
# Documented as without effect in ferry.
num_locks = 4096
"#;

both_modes!(defaults_reach_the_container_and_flags_override_them, |ctx| {
    setup(ctx);
    let conf = conf_file(ctx, "containers.conf", CONF);
    let out = ferry_with(ctx, &conf, &["run", "--rm", IMG, "sh", "-c", PROBE]);
    assert!(!out.stderr.contains("WARN"), "nothing to warn about:\n{}", out.stderr);
    assert_eq!(
        probe(out),
        [
            "env=conf/conf",
            // With init = true the shell is not PID 1.
            "pid=2",
            // CHOWN (bit 0) and KILL (bit 5) only.
            "caps=0000000000000021",
            "nofile=512",
            "rw=no",
            "ns=192.0.2.53,",
            "search=conf.example",
            "options=ndots:3",
        ]
    );
    let flags = [
        "-e",
        "FROM_CONF=flag",
        "--cap-add",
        "SETUID",
        "--ulimit",
        "nofile=256:256",
        "--read-only=false",
        "--init=false",
        "--dns",
        "192.0.2.1",
        "--dns-search",
        "flag.example",
        "--dns-option",
        "ndots:1",
    ];
    let mut args = vec!["run", "--rm"];
    args.extend(flags);
    args.extend([IMG, "sh", "-c", PROBE]);
    assert_eq!(
        probe(ferry_with(ctx, &conf, &args)),
        [
            "env=flag/conf",
            "pid=1",
            // --cap-add adds to containers.conf's set: SETUID is bit 7.
            "caps=00000000000000a1",
            "nofile=256",
            "rw=yes",
            "ns=192.0.2.1,",
            "search=flag.example",
            "options=ndots:1",
        ]
    );
    // engine.stop_timeout is the container's, unless --stop-timeout says otherwise.
    ferry_with(ctx, &conf, &["create", "--name", "c1", IMG, "true"]).success();
    ferry_with(
        ctx,
        &conf,
        &["create", "--name", "c2", "--stop-timeout", "7", IMG, "true"],
    )
    .success();
    let stop_timeout = |name: &str| ctx.ferry(&["inspect", name]).success().json()[0]["Config"]["StopTimeout"].clone();
    assert_eq!(stop_timeout("c1"), 3);
    assert_eq!(stop_timeout("c2"), 7);
    // Without containers.conf: ferry's own defaults.
    assert_eq!(
        probe(ctx.ferry(&["run", "--rm", IMG, "sh", "-c", "echo env=$FROM_CONF; echo pid=$$"])),
        ["env=", "pid=1"]
    );
    // The image's environment is over containers.conf's.
    let path = ferry_with(ctx, &conf, &["run", "--rm", IMG, "sh", "-c", "echo $PATH"]).success();
    assert!(path.stdout().contains("/bin"), "{}", path.stdout());
});

both_modes!(user_file_and_drop_ins_are_read_rootless_only, |ctx| {
    setup(ctx);
    let config = ctx.home().join(".config");
    let dir = config.join("containers");
    std::fs::create_dir_all(dir.join("containers.conf.d")).unwrap();
    std::fs::write(
        dir.join("containers.conf"),
        "[containers]\nenv = [\"FROM_CONF=user\"]\ninit = true\n",
    )
    .unwrap();
    // A drop-in replaces the keys it sets; the others stay.
    std::fs::write(
        dir.join("containers.conf.d/50-env.conf"),
        "[containers]\nenv = [\"FROM_CONF=drop-in\"]\n",
    )
    .unwrap();
    let mut cmd: Command = ctx.ferry_command(&["run", "--rm", IMG, "sh", "-c", "echo $FROM_CONF $$"]);
    cmd.env_remove("CONTAINERS_CONF").env("XDG_CONFIG_HOME", &config);
    let out = run(cmd, None).success();
    match ctx.mode {
        // Podman reads the user's files only rootless; root has /etc/containers.
        Mode::Root => assert_eq!(out.stdout().trim(), "1"),
        Mode::Rootless => assert_eq!(out.stdout().trim(), "drop-in 2"),
    }
});

both_modes!(bad_settings_are_errors_naming_the_place, |ctx| {
    setup(ctx);
    for (text, place) in [
        (
            "[containers]\n\nenv = \"A=1\"\n",
            "bad.conf:3:7: containers.env: expected an array",
        ),
        ("[containers\n", "bad.conf:1:"),
        (
            "[engine]\nstop_timeout = 99999999999\n",
            "bad.conf:2:16: engine.stop_timeout",
        ),
        ("[containers]\ndefault_capabilities = [\"CAP_NOPE\"]\n", "bad.conf:2:"),
        (
            "[containers]\nlog_driver = \"journald\"\n",
            "bad.conf:2: containers.log_driver",
        ),
    ] {
        let conf = conf_file(ctx, "bad.conf", text);
        let out = ferry_with(ctx, &conf, &["run", "--name", "nope", IMG, "true"]).code(125);
        assert!(out.stderr.contains(place), "{text:?}: {}", out.stderr);
    }
    // Nothing was created.
    assert_eq!(ctx.ferry(&["ps", "-a", "-q"]).success().stdout().trim(), "");
    // A missing $CONTAINERS_CONF is an error too.
    ferry_with(ctx, "/nonexistent/containers.conf", &["run", "--rm", IMG, "true"])
        .code(125)
        .stderr_contains("CONTAINERS_CONF: /nonexistent/containers.conf");
});

both_modes!(settings_ferry_does_not_apply_are_warned_about, |ctx| {
    setup(ctx);
    let conf = conf_file(ctx, "tz.conf", "[containers]\nutsns = \"host\"\nlog_tag = \"x\"\n");
    let out = ferry_with(ctx, &conf, &["run", "--rm", IMG, "true"]).success();
    for key in ["tz.conf:2: containers.utsns", "tz.conf:3: containers.log_tag"] {
        assert!(out.stderr.contains(key), "{key}: {}", out.stderr);
    }
    // --log-level error silences them.
    let quiet = ferry_with(ctx, &conf, &["--log-level", "error", "run", "--rm", IMG, "true"]).success();
    assert_eq!(quiet.stderr, "");
});

/// What `tz`, `umask`, `shm_size` and `default_sysctls` change, one `name=value` per line.
const CONTAINER_PROBE: &str = "echo tz=$(date +%Z%z); echo umask=$(umask); \
    echo shm=$(df -k /dev/shm | tail -n 1 | awk '{print $2}'); \
    echo ping=$(cat /proc/sys/net/ipv4/ping_group_range | tr '\\t' ' '); \
    echo keepalive=$(cat /proc/sys/net/ipv4/tcp_keepalive_time)";

const CONTAINER_CONF: &str = r#"
[containers]
tz = "Asia/Tokyo"
umask = "0077"
shm_size = "1m"
default_sysctls = ["net.ipv4.ping_group_range=0 0", "net.ipv4.tcp_keepalive_time=600"]
"#;

both_modes!(tz_umask_shm_size_and_sysctls_reach_the_container, |ctx| {
    setup(ctx);
    let conf = conf_file(ctx, "containers.conf", CONTAINER_CONF);
    let out = ferry_with(ctx, &conf, &["run", "--rm", IMG, "sh", "-c", CONTAINER_PROBE]);
    assert!(!out.stderr.contains("WARN"), "nothing to warn about:\n{}", out.stderr);
    assert_eq!(
        probe(out),
        ["tz=JST+0900", "umask=0077", "shm=1024", "ping=0 0", "keepalive=600"]
    );
    // Each flag overrides its key; a --sysctl replaces only the entry of its name.
    let out = ferry_with(
        ctx,
        &conf,
        &[
            "run",
            "--rm",
            "--tz",
            "America/Los_Angeles",
            "--umask",
            "0022",
            "--shm-size",
            "2m",
            "--sysctl",
            "net.ipv4.tcp_keepalive_time=700",
            IMG,
            "sh",
            "-c",
            CONTAINER_PROBE,
        ],
    );
    let lines = probe(out);
    assert!(matches!(lines[0].as_str(), "tz=PST-0800" | "tz=PDT-0700"), "{lines:?}");
    assert_eq!(lines[1..], ["umask=0022", "shm=2048", "ping=0 0", "keepalive=700"]);
    // Without containers.conf: the kernel's defaults in a new network namespace (ping_group_range
    // "1 0", which reads as unmapped ids rootless), 64m of /dev/shm.
    let out = ctx.ferry(&["run", "--rm", IMG, "sh", "-c", CONTAINER_PROBE]);
    let lines = probe(out);
    assert_eq!(lines[2], "shm=65536");
    assert!(
        matches!(lines[3].as_str(), "ping=1 0" | "ping=65534 65534"),
        "{lines:?}"
    );
    assert_eq!(lines[4], "keepalive=7200");
});

both_modes!(tz_local_is_the_hosts_zone, |ctx| {
    setup(ctx);
    let host = std::fs::read(std::fs::canonicalize("/etc/localtime").unwrap()).unwrap();
    let out = ctx
        .ferry(&["run", "--rm", "--tz", "local", IMG, "cat", "/etc/localtime"])
        .success();
    assert!(
        out.stdout_bytes == host,
        "the container's /etc/localtime is the host's zone"
    );
    ctx.ferry(&["run", "--rm", "--tz", "Nowhere/Atlantis", IMG, "true"])
        .code(125)
        .stderr_contains("Nowhere/Atlantis");
    ctx.ferry(&["run", "--rm", "--tz", "../../etc/passwd", IMG, "true"])
        .code(125)
        .stderr_contains("invalid time zone");
});

both_modes!(sysctls_outside_the_containers_namespaces_are_refused, |ctx| {
    setup(ctx);
    // A host-wide sysctl, and a net.* one without a network namespace of its own: errors at
    // create, and nothing is made.
    ctx.ferry(&["run", "--rm", "--sysctl", "kernel.panic=1", IMG, "true"])
        .code(125)
        .stderr_contains("\"kernel.panic\" is not allowed");
    ctx.ferry(&["run", "--rm", "--sysctl", "net.ipv4.ip_forward", IMG, "true"])
        .code(125)
        .stderr_contains("expected NAME=VALUE");
    ctx.ferry(&[
        "run",
        "--rm",
        "--network",
        "host",
        "--sysctl",
        "net.ipv4.tcp_keepalive_time=700",
        IMG,
        "true",
    ])
    .code(125)
    .stderr_contains("--network host");
    assert_eq!(ctx.ferry(&["ps", "-a", "-q"]).success().stdout().trim(), "");
    // containers.conf's net.* sysctls are left out on the host's network (as Podman), and the
    // host's value is untouched.
    let conf = conf_file(ctx, "containers.conf", CONTAINER_CONF);
    let before = std::fs::read_to_string("/proc/sys/net/ipv4/tcp_keepalive_time").unwrap();
    let out = ferry_with(
        ctx,
        &conf,
        &[
            "run",
            "--rm",
            "--network",
            "host",
            IMG,
            "cat",
            "/proc/sys/net/ipv4/tcp_keepalive_time",
        ],
    );
    assert_eq!(out.success().stdout(), before);
    // An IPC sysctl: the container's IPC namespace is its own.
    let out = ctx.ferry(&[
        "run",
        "--rm",
        "--sysctl",
        "kernel.shm_rmid_forced=1",
        IMG,
        "cat",
        "/proc/sys/kernel/shm_rmid_forced",
    ]);
    assert_eq!(out.success().stdout().trim(), "1");
    assert_eq!(
        std::fs::read_to_string("/proc/sys/kernel/shm_rmid_forced")
            .unwrap()
            .trim(),
        "0",
        "the host's value is untouched"
    );
});

// Debian's podman package installs a containers.conf with a net.* default sysctl: every
// network mode must still run, and the sysctl holds wherever the container has a network
// namespace of its own.
both_modes!(debians_default_sysctl_in_every_network_mode, |ctx| {
    setup(ctx);
    let conf = conf_file(
        ctx,
        "containers.conf",
        "[containers]\ndefault_sysctls = [\"net.ipv4.ping_group_range=0 0\"]\n",
    );
    let read = ["cat", "/proc/sys/net/ipv4/ping_group_range"];
    let net = format!("sysctlnet{}", std::process::id() % 100_000);
    ctx.ferry(&["network", "create", &net]).success();
    for mode in ["private", "none", net.as_str()] {
        let mut args = vec!["run", "--rm", "--network", mode, IMG];
        args.extend(read);
        let out = ferry_with(ctx, &conf, &args);
        assert!(!out.stderr.contains("WARN"), "{mode}: {}", out.stderr);
        assert_eq!(out.success().stdout().trim(), "0\t0", "{mode}");
    }
    // A container that joins another's network namespace leaves it as it is.
    ferry_with(ctx, &conf, &["run", "-d", "--name", "owner", IMG, "sleep", "60"]).success();
    let mut args = vec!["run", "--rm", "--network", "container:owner", IMG];
    args.extend(read);
    assert_eq!(ferry_with(ctx, &conf, &args).success().stdout().trim(), "0\t0");
    ctx.ferry(&["rm", "-f", "owner"]).success();
    ctx.ferry(&["network", "rm", &net]).success();
});
