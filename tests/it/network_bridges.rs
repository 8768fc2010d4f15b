//! User-defined networks: `network` commands and their output, containers reaching each other
//! by name and alias over a bridge, isolation between networks, `--internal`, `connect` and
//! `disconnect`, and that nothing (bridge, rootless namespace holder, slirp4netns) outlives the
//! last container.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use crate::support::*;

const IMG: &str = "netimg:latest";

fn setup(ctx: &TestContext) {
    ctx.load(&FixtureImage::busybox(), &[IMG]);
}

/// Removes the test's containers at the end, also when an assertion failed, so that no bridge
/// or rootless network namespace is left behind.
struct Cleanup<'a>(&'a TestContext);

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        for id in self.0.ferry(&["ps", "-a", "-q"]).lines() {
            self.0.ferry(&["rm", "-f", &id]);
        }
    }
}

/// `network create` arguments for a network containers will use. As root the bridges share
/// the host's namespace with every other test's, so each gets its own subnet and bridge name;
/// rootless every test has a namespace of its own and ferry picks.
fn net_args(ctx: &TestContext, name: &str) -> Vec<String> {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let mut a = vec!["network".to_string(), "create".to_string()];
    if ctx.mode == Mode::Root {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let routes = std::process::Command::new("ip").arg("route").output().unwrap().stdout;
        let routes = String::from_utf8_lossy(&routes);
        let k = (0..50)
            .map(|i| 200 + (std::process::id() + n + i) % 50)
            .find(|k| !routes.contains(&format!("10.89.{k}.0/24")))
            .expect("a free test subnet");
        a.extend([
            "--subnet".to_string(),
            format!("10.89.{k}.0/24"),
            "--interface-name".to_string(),
            format!("ft{}x{n}", std::process::id() % 100_000),
        ]);
    }
    a.push(name.to_string());
    a
}

fn create_net(ctx: &TestContext, name: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = net_args(ctx, name);
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    ctx.ferry(&args).success();
    ctx.ferry(&["network", "inspect", name]).success().json()[0].clone()
}

/// Starts busybox httpd serving "hello from NAME" as container `name` on `network`.
fn web(ctx: &TestContext, name: &str, network: &str, extra: &[&str]) {
    let script = format!("echo hello from {name} > /var/www/index.html; exec busybox httpd -f -p 80 -h /var/www");
    let mut args = vec!["run", "-d", "--name", name, "--network", network];
    args.extend(extra);
    args.extend([IMG, "sh", "-c", &script]);
    ctx.ferry(&args).success();
}

/// A shell line fetching `url` (retried while the server starts), printing the page or FAILED.
fn fetch(url: &str) -> String {
    format!(
        "ok=; for i in 1 2 3 4 5 6 7 8 9 10; do if busybox wget -q -O- {url}; then ok=1; break; fi; sleep 0.3; done; [ -n \"$ok\" ] || echo FAILED"
    )
}

fn client(ctx: &TestContext, network: &str, script: &str) -> Output {
    ctx.ferry(&["run", "--rm", "--network", network, IMG, "sh", "-c", script])
}

/// The pid of the rootless network namespace's holder while it runs.
fn holder_pid(ctx: &TestContext) -> Option<i32> {
    let data = std::fs::read(ctx.runroot().join("networks/rootless-netns.json")).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&data).ok()?;
    v["pid"].as_i64().map(|p| p as i32)
}

/// Whether `pid` is a live process (a zombie is not: it only waits to be reaped).
fn alive(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| s.rsplit_once(')').map(|(_, rest)| rest.trim_start().to_string()))
        .is_some_and(|rest| !rest.starts_with('Z') && !rest.starts_with('X'))
}

/// The live slirp4netns processes attached to the namespace of holder `pid`.
fn slirp_of(pid: i32) -> Vec<i32> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Some(p) = e.file_name().to_str().and_then(|s| s.parse::<i32>().ok()) else {
            continue;
        };
        let cmdline = std::fs::read(format!("/proc/{p}/cmdline")).unwrap_or_default();
        let args: Vec<String> = cmdline
            .split(|b| *b == 0)
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        if args.first().is_some_and(|a| a.ends_with("slirp4netns")) && args.contains(&pid.to_string()) && alive(p) {
            out.push(p);
        }
    }
    out
}

fn wait_until(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn bridge_exists(name: &str) -> bool {
    std::path::Path::new("/sys/class/net").join(name).exists()
}

both_modes!(network_commands_and_output, |ctx| {
    let out = ctx.ferry(&["network", "ls"]).success();
    assert_eq!(
        out.lines()[0].split_whitespace().collect::<Vec<_>>(),
        ["NETWORK", "ID", "NAME", "DRIVER"]
    );
    assert!(out.lines()[1].starts_with("2f259bab93aa  podman"), "{}", out.stdout());
    // No name: ferryN with a free 10.89.N.0/24.
    ctx.ferry(&["network", "create"]).success().stdout_contains("ferry1");
    ctx.ferry(&[
        "network",
        "create",
        "--subnet",
        "192.168.240.0/24",
        "--gateway",
        "192.168.240.254",
        "--internal",
        "--label",
        "team=blue",
        "lab",
    ])
    .success();
    let v = ctx.ferry(&["network", "inspect", "lab"]).success().json();
    let v = &v[0];
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "name",
            "id",
            "driver",
            "network_interface",
            "created",
            "subnets",
            "ipv6_enabled",
            "internal",
            "dns_enabled",
            "labels",
            "ipam_options"
        ]
    );
    assert_eq!(v["name"], "lab");
    assert_eq!(v["driver"], "bridge");
    assert_eq!(v["id"].as_str().unwrap().len(), 64);
    assert_eq!(v["subnets"][0]["subnet"], "192.168.240.0/24");
    assert_eq!(v["subnets"][0]["gateway"], "192.168.240.254");
    assert_eq!(v["internal"], true);
    assert_eq!(v["ipv6_enabled"], false);
    assert_eq!(v["labels"]["team"], "blue");
    assert!(v["created"].as_str().unwrap().starts_with("20"));
    let auto = ctx.ferry(&["network", "inspect", "ferry1"]).success().json();
    let subnet = auto[0]["subnets"][0]["subnet"].as_str().unwrap().to_string();
    assert!(subnet.starts_with("10.89.") && subnet.ends_with(".0/24"), "{subnet}");
    // Inspect by id prefix, with a Go template over Podman's field names.
    let id = v["id"].as_str().unwrap();
    ctx.ferry(&[
        "network",
        "inspect",
        &id[..12],
        "--format",
        "{{.Name}} {{.Internal}} {{.NetworkInterface}}",
    ])
    .success()
    .stdout_contains(&format!("lab true {}", v["network_interface"].as_str().unwrap()));
    assert_eq!(
        ctx.ferry(&["network", "ls", "-q"]).success().lines(),
        ["podman", "ferry1", "lab"]
    );
    assert_eq!(
        ctx.ferry(&["network", "ls", "-q", "--filter", "label=team=blue"])
            .success()
            .lines(),
        ["lab"]
    );
    assert_eq!(
        ctx.ferry(&[
            "network",
            "ls",
            "--filter",
            "name=ferry",
            "--format",
            "{{.Name}}\t{{.Driver}}"
        ])
        .success()
        .lines(),
        ["ferry1\tbridge"]
    );
    let all = ctx.ferry(&["network", "ls", "--format", "json"]).success().json();
    assert_eq!(all.as_array().unwrap().len(), 3);
    assert_eq!(all[2]["name"], "lab");
    ctx.ferry(&["network", "exists", "lab"]).success();
    ctx.ferry(&["network", "exists", "nope"]).code(1);
    // Bad input.
    ctx.ferry(&["network", "create", "lab"])
        .failure()
        .stderr_contains("already exists");
    ctx.ferry(&["network", "create", "lab", "--ignore"]).success();
    ctx.ferry(&["network", "create", "--subnet", "10.0.0.0/33", "x"])
        .failure()
        .stderr_contains("invalid subnet");
    ctx.ferry(&["network", "create", "--subnet", "192.168.240.128/25", "x"])
        .failure()
        .stderr_contains("already used");
    ctx.ferry(&[
        "network",
        "create",
        "--subnet",
        "10.77.0.0/24",
        "--gateway",
        "10.78.0.1",
        "x",
    ])
    .failure()
    .stderr_contains("invalid gateway");
    ctx.ferry(&["network", "create", "--interface-name", "lo", "x"])
        .failure()
        .stderr_contains("interface name lo is already used");
    ctx.ferry(&["network", "create", "-d", "macvlan", "x"])
        .failure()
        .stderr_contains("bridge");
    ctx.ferry(&["network", "create", "../x"])
        .failure()
        .stderr_contains("invalid network name");
    ctx.ferry(&["network", "inspect", "nope"])
        .failure()
        .stderr_contains("unable to find network with name or ID nope");
    ctx.ferry(&["network", "rm", "podman"])
        .failure()
        .stderr_contains("cannot be removed");
    ctx.ferry(&["network", "rm", "nope"])
        .code(1)
        .stderr_contains("network not found");
    // Removal and prune (the default network stays).
    ctx.ferry(&["network", "rm", "ferry1"])
        .success()
        .stdout_contains("ferry1");
    ctx.ferry(&["network", "create", "spare"]).success();
    let pruned = ctx.ferry(&["network", "prune", "-f"]).success().lines();
    assert_eq!(pruned, ["lab", "spare"]);
    assert_eq!(ctx.ferry(&["network", "ls", "-q"]).success().lines(), ["podman"]);
});

both_modes!(containers_reach_each_other_by_name_and_alias, |ctx| {
    setup(ctx);
    let _cleanup = Cleanup(ctx);
    let net = create_net(ctx, "front", &[]);
    let other = create_net(ctx, "back", &[]);
    web(ctx, "web", "front", &["--network-alias", "www"]);
    let out = client(
        ctx,
        "front",
        &format!("{}; {}; cat /etc/hosts", fetch("http://web/"), fetch("http://www/")),
    )
    .success();
    assert_eq!(
        out.lines()[..2],
        ["hello from web", "hello from web"],
        "{}",
        out.stdout()
    );
    let out = out.stdout_contains("\tweb www");
    // The address is from the network's subnet, with a default route via its gateway.
    let gateway = net["subnets"][0]["gateway"].as_str().unwrap();
    client(ctx, "front", "busybox ip route")
        .success()
        .stdout_contains(&format!("default via {gateway}"));
    let web_ip = out
        .lines()
        .into_iter()
        .find(|l| l.ends_with("\tweb www"))
        .and_then(|l| l.split('\t').next().map(str::to_string))
        .unwrap();
    // A container on another network can reach neither the name nor the address.
    let prefix = other["subnets"][0]["subnet"]
        .as_str()
        .unwrap()
        .rsplit_once('.')
        .unwrap()
        .0
        .to_string();
    let out = client(
        ctx,
        "back",
        &format!("busybox ip addr; busybox timeout 3 busybox wget -q -O- http://{web_ip}/; busybox timeout 3 busybox wget -q -O- http://web/; true"),
    )
    .success();
    assert!(!out.stdout().contains("hello from"), "{}", out.stdout());
    out.stdout_contains(&format!("inet {prefix}."));
    let v = ctx.ferry(&["container", "inspect", "web"]).success().json();
    let n = &v[0]["NetworkSettings"]["Networks"]["front"];
    assert_eq!(n["IPAddress"], web_ip.as_str(), "{n}");
    assert_eq!(n["Gateway"], gateway);
    assert_eq!(n["Aliases"], serde_json::json!(["www"]));
    assert_eq!(n["NetworkID"], net["id"]);
    assert_eq!(v[0]["HostConfig"]["NetworkMode"], "bridge");
    // A restarted container gets its address and names back.
    ctx.ferry(&["restart", "-t", "0", "web"]).success();
    client(ctx, "front", &fetch("http://www/"))
        .success()
        .stdout_contains("hello from web");
    // A network in use cannot be removed.
    ctx.ferry(&["network", "rm", "front"])
        .code(2)
        .stderr_contains("network is being used");
    // The hosts file follows containers as they come and go.
    web(ctx, "api", "front", &[]);
    client(ctx, "front", &fetch("http://api/"))
        .success()
        .stdout_contains("hello from api");
    ctx.ferry(&["rm", "-f", "api"]).success();
    let hosts = client(ctx, "front", "cat /etc/hosts").success().stdout();
    assert!(!hosts.contains("api"), "{hosts}");
    let holder = holder_pid(ctx);
    match ctx.mode {
        Mode::Root => {
            let bridge = net["network_interface"].as_str().unwrap();
            assert!(bridge_exists(bridge));
            ctx.ferry(&["rm", "-f", "web"]).success();
            assert!(!bridge_exists(bridge), "the bridge outlived its last container");
        }
        Mode::Rootless => {
            let holder = holder.expect("a holder runs while containers use networks");
            assert!(alive(holder));
            let slirp = slirp_of(holder);
            assert_eq!(slirp.len(), 1, "one slirp4netns per rootless network namespace");
            ctx.ferry(&["rm", "-f", "web"]).success();
            wait_until("the holder and slirp4netns exit", || {
                !alive(holder) && slirp.iter().all(|p| !alive(*p))
            });
            assert_eq!(holder_pid(ctx), None);
        }
    }
    ctx.ferry(&["network", "rm", "front", "back"]).success();
});

both_modes!(internal_network_has_no_route_out, |ctx| {
    setup(ctx);
    let _cleanup = Cleanup(ctx);
    create_net(ctx, "inside", &["--internal"]);
    web(ctx, "db", "inside", &[]);
    let out = client(ctx, "inside", &format!("{}; busybox ip route", fetch("http://db/"))).success();
    let out = out.stdout_contains("hello from db");
    assert!(!out.stdout().contains("default"), "{}", out.stdout());
    ctx.ferry(&["rm", "-f", "db"]).success();
});

both_modes!(unknown_network_is_a_clear_error, |ctx| {
    setup(ctx);
    ctx.ferry(&["run", "--rm", "--network", "nosuch", IMG, "true"])
        .code(125)
        .stderr_contains("unable to find network with name or ID nosuch: network not found");
    ctx.ferry(&["create", "--name", "c", "--network", "nosuch", IMG, "true"])
        .code(125);
    ctx.ferry(&["run", "--network", "podman", "-p", "[::1]:8080:80", IMG, "true"])
        .failure()
        .stderr_contains("IPv4 addresses only");
    assert!(ctx.ferry(&["ps", "-a", "-q"]).success().lines().is_empty());
    ctx.ferry(&[
        "run",
        "--rm",
        "--network",
        "podman",
        "--network-alias",
        "a b",
        IMG,
        "true",
    ])
    .failure()
    .stderr_contains("invalid network alias");
    ctx.ferry(&["run", "--rm", "--network-alias", "a", IMG, "true"])
        .failure()
        .stderr_contains("--network-alias needs --network NAME");
});

both_modes!(connect_and_disconnect, |ctx| {
    setup(ctx);
    let _cleanup = Cleanup(ctx);
    create_net(ctx, "one", &[]);
    create_net(ctx, "two", &[]);
    ctx.ferry(&[
        "create",
        "--name",
        "c",
        "--network",
        "one",
        IMG,
        "sh",
        "-c",
        "busybox ip -o -4 addr; sleep 60",
    ])
    .success();
    // A created container: recorded, wired at its start.
    ctx.ferry(&["network", "connect", "two", "c", "--alias", "cee"])
        .success();
    ctx.ferry(&["network", "connect", "two", "c"])
        .failure()
        .stderr_contains("already connected");
    ctx.ferry(&["start", "c"]).success();
    wait_until("the container printed its addresses", || {
        ctx.ferry(&["logs", "c"]).stdout().contains("eth1")
    });
    let logs = ctx.ferry(&["logs", "c"]).success().stdout();
    assert!(logs.contains("eth0") && logs.contains("eth1"), "{logs}");
    client(ctx, "two", "cat /etc/hosts")
        .success()
        .stdout_contains("\tc cee");
    // A running container: unplugged now.
    ctx.ferry(&["network", "disconnect", "two", "c"]).success();
    let hosts = client(ctx, "two", "cat /etc/hosts").success().stdout();
    assert!(!hosts.contains("\tc cee"), "{hosts}");
    ctx.ferry(&["network", "disconnect", "two", "c"])
        .failure()
        .stderr_contains("not connected");
    // And plugged in again while it runs.
    ctx.ferry(&["network", "connect", "two", "c"]).success();
    client(ctx, "two", "cat /etc/hosts").success().stdout_contains("\tc\n");
    ctx.ferry(&["network", "rm", "-f", "two"]).success();
    assert!(ctx.ferry(&["ps", "-a", "-q"]).success().lines().is_empty());
    ctx.ferry(&["network", "rm", "one"]).success();
});

both_modes!(concurrent_starts_share_one_network, |ctx| {
    setup(ctx);
    let _cleanup = Cleanup(ctx);
    create_net(ctx, "busy", &[]);
    // Rootless, the first start makes the shared namespace; the others must join it.
    std::thread::scope(|s| {
        for i in 0..4 {
            s.spawn(move || {
                let name = format!("c{i}");
                ctx.ferry(&["run", "-d", "--name", &name, "--network", "busy", IMG, "sleep", "60"])
                    .success();
            });
        }
    });
    let hosts = client(ctx, "busy", "cat /etc/hosts").success().stdout();
    let mut ips = Vec::new();
    for i in 0..4 {
        let line = hosts
            .lines()
            .find(|l| l.ends_with(&format!("\tc{i}")))
            .unwrap_or_else(|| panic!("c{i} is missing from {hosts}"));
        ips.push(line.split('\t').next().unwrap().to_string());
    }
    ips.sort();
    ips.dedup();
    assert_eq!(ips.len(), 4, "{hosts}");
});

/// `GET /` on the host's `127.0.0.1:port`, retried while the server starts.
fn http_get(port: u16) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let attempt = (|| -> std::io::Result<String> {
            let mut s = std::net::TcpStream::connect(("127.0.0.1", port))?;
            s.set_read_timeout(Some(Duration::from_secs(5)))?;
            s.write_all(b"GET / HTTP/1.0\r\n\r\n")?;
            let mut body = String::new();
            s.read_to_string(&mut body)?;
            Ok(body)
        })();
        match attempt {
            Ok(body) if body.contains("200") => return body,
            other if Instant::now() > deadline => panic!("GET 127.0.0.1:{port}: {other:?}"),
            _ => std::thread::sleep(Duration::from_millis(200)),
        }
    }
}

both_modes!(published_ports_on_a_network, |ctx| {
    setup(ctx);
    let _cleanup = Cleanup(ctx);
    create_net(ctx, "pub", &[]);
    web(ctx, "site", "pub", &["-p", "80"]);
    let line = ctx.ferry(&["port", "site", "80"]).success().stdout();
    let port: u16 = line.trim().rsplit_once(':').unwrap().1.parse().unwrap();
    assert!(http_get(port).contains("hello from site"));
    // The container still reaches its network by name.
    web(ctx, "other", "pub", &[]);
    ctx.ferry(&["exec", "site", "sh", "-c", &fetch("http://other/")])
        .success()
        .stdout_contains("hello from other");
    ctx.ferry(&["rm", "-f", "site"]).success();
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
        "port {port} is still published"
    );
});
