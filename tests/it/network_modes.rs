//! Container networking: the default network (pasta, or slirp4netns) with outbound traffic,
//! published TCP and UDP ports, `-P`, `port`, DNS and hosts options, and bad input. Every
//! network helper must be gone once its container is.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::time::{Duration, Instant};

use crate::support::fixtures::FixtureImage;
use crate::support::{Mode, TestContext};

const IMG: &str = "netimg:latest";

fn setup(ctx: &TestContext) {
    ctx.load(&FixtureImage::busybox(), &["netimg"]);
}

/// Removes every container of the test, even when an assertion failed.
struct Cleanup<'a>(&'a TestContext);

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        let _ = self.0.ferry(&["rm", "-fa"]);
    }
}

/// pasta and slirp4netns processes working for this test's containers.
fn helpers(ctx: &TestContext) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let pid = e.file_name().to_string_lossy().into_owned();
        if !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let comm = std::fs::read_to_string(e.path().join("comm")).unwrap_or_default();
        // Helpers inherit ferry's environment, whose HOME is in the test directory.
        let environ = std::fs::read(e.path().join("environ")).unwrap_or_default();
        let home = format!("HOME={}", ctx.home().display());
        let ours = environ.split(|b| *b == 0).any(|v| v == home.as_bytes());
        if ours && (comm.starts_with("passt") || comm.starts_with("pasta") || comm.starts_with("slirp4netns")) {
            out.push(format!("{pid} {}", comm.trim()));
        }
    }
    out
}

/// Waits (briefly: supervisors stop their helper right after the container) until no helper
/// of the test runs.
#[track_caller]
pub(crate) fn assert_no_helpers(ctx: &TestContext) {
    let start = Instant::now();
    loop {
        let left = helpers(ctx);
        if left.is_empty() {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "network helpers still running: {left:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn free_tcp_port() -> u16 {
    TcpListener::bind("0.0.0.0:0").unwrap().local_addr().unwrap().port()
}

fn free_udp_port() -> u16 {
    UdpSocket::bind("0.0.0.0:0").unwrap().local_addr().unwrap().port()
}

/// An HTTP server on every host address that answers one request with `body`; returns its
/// port. (A client that half-closes first, as `nc` at the end of its input does, loses the
/// reply through pasta 2023-03: wget does not half-close.)
fn host_http_server(body: &'static str) -> (u16, std::thread::JoinHandle<bool>) {
    let listener = TcpListener::bind("0.0.0.0:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    let handle = std::thread::spawn(move || {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            match listener.accept() {
                Ok((mut conn, _)) => {
                    conn.set_nonblocking(false).unwrap();
                    conn.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                    let mut request = [0u8; 1024];
                    let _ = conn.read(&mut request);
                    let reply = format!("HTTP/1.0 200 OK\r\nContent-Length: {}\r\n\r\n{body}", body.len());
                    let _ = conn.write_all(reply.as_bytes());
                    return true;
                }
                Err(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        }
        false
    });
    (port, handle)
}

fn http_get(addr: SocketAddr) -> Option<String> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    s.write_all(b"GET / HTTP/1.0\r\nHost: test\r\n\r\n").ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    Some(out)
}

/// The body of `GET /`, retried until the server in the container answers.
#[track_caller]
fn http_get_retry(addr: SocketAddr) -> String {
    let start = Instant::now();
    loop {
        if let Some(r) = http_get(addr)
            && r.starts_with("HTTP/1.")
        {
            return r;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "no HTTP answer on {addr}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A detached busybox httpd serving `body` on port 80 of the container.
fn web(ctx: &TestContext, flags: &[&str], body: &str) -> String {
    web_from(ctx, IMG, flags, body)
}

fn web_from(ctx: &TestContext, image: &str, flags: &[&str], body: &str) -> String {
    let script = format!("echo {body} > /var/www/index.html; exec busybox httpd -f -p 80 -h /var/www");
    let mut args = vec!["run", "-d"];
    args.extend_from_slice(flags);
    args.extend([image, "sh", "-c", &script]);
    ctx.ferry(&args).success().stdout().trim().to_string()
}

fn loopback(port: u16) -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, port))
}

both_modes!(default_network_reaches_the_host, |ctx| {
    setup(ctx);
    let _cleanup = Cleanup(ctx);
    let (port, server) = host_http_server("hello from the host\n");
    let script = format!(
        "busybox ip -o link; cat /etc/hosts /etc/resolv.conf; busybox wget -q -O - http://host.containers.internal:{port}/"
    );
    let out = ctx.ferry(&["run", "--rm", IMG, "sh", "-c", &script]).success().stdout();
    assert!(server.join().unwrap(), "the container did not connect: {out}");
    assert!(out.contains("hello from the host"), "{out}");
    let links: Vec<&str> = out.lines().filter(|l| l.contains(": <")).collect();
    assert!(links.len() >= 2, "an interface besides lo: {links:?}");
    assert!(out.contains("host.containers.internal"), "{out}");
    assert!(out.contains("nameserver "), "{out}");
    assert_no_helpers(ctx);
    // `--network none` stays loopback only, without a helper.
    let out = ctx
        .ferry(&[
            "run",
            "--rm",
            "--network",
            "none",
            IMG,
            "cat",
            "/proc/net/dev",
            "/etc/hosts",
        ])
        .success()
        .stdout();
    let ifaces: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split_once(':').map(|(n, _)| n.trim()))
        .filter(|n| !n.contains(' ') && !n.is_empty() && !n.contains('.'))
        .collect();
    assert_eq!(ifaces, ["lo"], "{out}");
    assert!(!out.contains("host.containers.internal"), "{out}");
});

both_modes!(published_tcp_port_serves_http, |ctx| {
    setup(ctx);
    let _cleanup = Cleanup(ctx);
    let port = free_tcp_port();
    let id = web(ctx, &["--name", "web", "-p", &format!("{port}:80")], "hello-published");
    let reply = http_get_retry(loopback(port));
    assert!(reply.contains("hello-published"), "{reply}");
    let expected = format!("80/tcp -> 0.0.0.0:{port}");
    assert_eq!(ctx.ferry(&["port", "web"]).success().stdout().trim(), expected);
    assert_eq!(
        ctx.ferry(&["container", "port", &id[..12], "80/tcp"])
            .success()
            .stdout()
            .trim(),
        format!("0.0.0.0:{port}")
    );
    ctx.ferry(&["port", "web", "81"])
        .code(125)
        .stderr_contains("failed to find published port \"81/tcp\"");
    ctx.ferry(&["ps", "--format", "{{.Ports}}"])
        .success()
        .stdout_contains(&format!("0.0.0.0:{port}->80/tcp"));
    let inspect = ctx.ferry(&["container", "inspect", "web"]).success().json();
    let c = &inspect[0];
    assert_eq!(c["NetworkSettings"]["Ports"]["80/tcp"][0]["HostPort"], port.to_string());
    assert_eq!(
        c["HostConfig"]["PortBindings"]["80/tcp"][0]["HostPort"],
        port.to_string()
    );
    assert!(
        matches!(c["HostConfig"]["NetworkMode"].as_str(), Some("pasta" | "slirp4netns")),
        "{}",
        c["HostConfig"]["NetworkMode"]
    );
    assert_eq!(helpers(ctx).len(), 1, "one helper for the running container");
    ctx.ferry(&["rm", "-f", "web"]).success();
    assert_no_helpers(ctx);
    // A random host port and a port range, on the loopback address only.
    let first = free_tcp_port();
    ctx.ferry(&[
        "run",
        "-d",
        "--name",
        "ranged",
        "-p",
        "127.0.0.1::80",
        "-p",
        &format!("127.0.0.1:{first}-{}:80-81", first + 1),
        IMG,
        "sh",
        "-c",
        "echo ranged > /var/www/index.html; exec busybox httpd -f -p 80 -h /var/www",
    ])
    .success();
    let lines = ctx.ferry(&["port", "ranged"]).success().lines();
    assert_eq!(lines.len(), 3, "{lines:?}");
    let random: u16 = lines[0].rsplit_once(':').unwrap().1.parse().unwrap();
    assert!(lines[0].starts_with("80/tcp -> 127.0.0.1:"), "{lines:?}");
    assert_eq!(lines[1], format!("80/tcp -> 127.0.0.1:{first}"));
    assert_eq!(lines[2], format!("81/tcp -> 127.0.0.1:{}", first + 1));
    assert!(http_get_retry(loopback(random)).contains("ranged"));
    assert!(http_get_retry(loopback(first)).contains("ranged"));
    ctx.ferry(&["rm", "-f", "ranged"]).success();
    assert_no_helpers(ctx);
});

/// The host's own address on its default route (pasta gives the container the same one, and
/// replies to UDP clients on the host's loopback get lost in pasta 2023-03's spliced path).
fn host_address() -> Ipv4Addr {
    let s = UdpSocket::bind("0.0.0.0:0").unwrap();
    s.connect("192.0.2.255:9")
        .or_else(|_| s.connect("10.255.255.255:9"))
        .unwrap();
    match s.local_addr().unwrap().ip() {
        std::net::IpAddr::V4(a) => a,
        other => panic!("no IPv4 source address: {other}"),
    }
}

both_modes!(published_udp_port_echoes, |ctx| {
    setup(ctx);
    let _cleanup = Cleanup(ctx);
    // busybox has no UDP server: the host's perl (perl-base is essential on Debian) echoes.
    let perl = r#"$|=1; $s=IO::Socket::INET->new(LocalPort=>9999,Proto=>"udp") or die "socket: $!"; print "ready\n"; while ($s->recv($m, 1024)) { $s->send("echo:$m") }"#;
    let port = free_udp_port();
    ctx.ferry(&[
        "run",
        "-d",
        "--name",
        "echo",
        "-p",
        &format!("{port}:9999/udp"),
        "-v",
        "/:/host:ro",
        IMG,
        "busybox",
        "chroot",
        "/host",
        "perl",
        "-MIO::Socket::INET",
        "-e",
        perl,
    ])
    .success();
    let sock = UdpSocket::bind("0.0.0.0:0").unwrap();
    sock.set_read_timeout(Some(Duration::from_millis(300))).unwrap();
    let target = SocketAddr::from((host_address(), port));
    let start = Instant::now();
    let mut buf = [0u8; 64];
    let reply = loop {
        sock.send_to(b"ping", target).unwrap();
        if let Ok((n, _)) = sock.recv_from(&mut buf) {
            break String::from_utf8_lossy(&buf[..n]).into_owned();
        }
        let logs = ctx.ferry(&["logs", "echo"]).stdout();
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no UDP echo from {target}; logs: {logs}"
        );
    };
    assert_eq!(reply, "echo:ping");
    assert_eq!(
        ctx.ferry(&["port", "echo"]).success().stdout().trim(),
        format!("9999/udp -> 0.0.0.0:{port}")
    );
    ctx.ferry(&["rm", "-f", "echo"]).success();
    assert_no_helpers(ctx);
});

both_modes!(publish_all_maps_exposed_ports, |ctx| {
    setup(ctx);
    let _cleanup = Cleanup(ctx);
    ctx.ferry(&["create", "--name", "base", IMG, "true"]).success();
    ctx.ferry(&["commit", "-q", "--change", "EXPOSE 80 53/udp", "base", "exposed"])
        .success();
    ctx.ferry(&["rm", "base"]).success();
    let id = web_from(ctx, "exposed", &["-P"], "hello-exposed");
    let lines = ctx.ferry(&["port", &id]).success().lines();
    assert_eq!(lines.len(), 2, "{lines:?}");
    let tcp = lines
        .iter()
        .find(|l| l.starts_with("80/tcp -> 0.0.0.0:"))
        .expect("80/tcp published");
    assert!(lines.iter().any(|l| l.starts_with("53/udp -> 0.0.0.0:")), "{lines:?}");
    let port: u16 = tcp.rsplit_once(':').unwrap().1.parse().unwrap();
    assert!(http_get_retry(loopback(port)).contains("hello-exposed"));
    // -p for an exposed port wins over -P's random one.
    let fixed = free_tcp_port();
    let id2 = ctx
        .ferry(&["create", "-P", "-p", &format!("{fixed}:80"), "exposed", "true"])
        .success()
        .stdout()
        .trim()
        .to_string();
    let lines = ctx.ferry(&["port", &id2, "80"]).success().lines();
    assert_eq!(lines, [format!("0.0.0.0:{fixed}")]);
});

both_modes!(slirp4netns_backend, |ctx| {
    setup(ctx);
    let _cleanup = Cleanup(ctx);
    let (port, server) = host_http_server("hello via slirp\n");
    let script = format!(
        "cat /etc/hosts /etc/resolv.conf; busybox ip -o addr; busybox wget -q -O - http://host.containers.internal:{port}/"
    );
    let out = ctx
        .ferry(&[
            "run",
            "--rm",
            "--network",
            "slirp4netns:allow_host_loopback=true",
            IMG,
            "sh",
            "-c",
            &script,
        ])
        .success()
        .stdout();
    assert!(server.join().unwrap(), "{out}");
    assert!(out.contains("hello via slirp"), "{out}");
    assert!(out.contains("10.0.2.2\thost.containers.internal"), "{out}");
    assert!(out.contains("nameserver 10.0.2.3"), "{out}");
    assert!(out.contains("10.0.2.100/24"), "{out}");
    let web_port = free_tcp_port();
    web(
        ctx,
        &[
            "--name",
            "sweb",
            "--network",
            "slirp4netns",
            "-p",
            &format!("{web_port}:80"),
        ],
        "hello-slirp",
    );
    assert!(http_get_retry(loopback(web_port)).contains("hello-slirp"));
    ctx.ferry(&["rm", "-f", "sweb"]).success();
    assert_no_helpers(ctx);
});

both_modes!(dns_and_hosts_options, |ctx| {
    setup(ctx);
    let out = ctx
        .ferry(&[
            "run",
            "--rm",
            "--hostname",
            "myhost",
            "--dns",
            "192.0.2.53",
            "--dns-search",
            "a.test",
            "--dns-option",
            "ndots:3",
            "--add-host",
            "db:10.0.0.5",
            "--add-host",
            "gw:host-gateway",
            IMG,
            "sh",
            "-c",
            "cat /etc/resolv.conf /etc/hosts; hostname",
        ])
        .success()
        .stdout();
    assert!(
        out.contains("search a.test\nnameserver 192.0.2.53\noptions ndots:3\n"),
        "{out}"
    );
    assert!(out.contains("10.0.0.5\tdb\n"), "{out}");
    assert!(out.contains("\tgw\n"), "{out}");
    assert!(out.contains("myhost"), "{out}");
    // --no-hosts keeps the image's (the fixture has none).
    ctx.ferry(&["run", "--rm", "--no-hosts", IMG, "sh", "-c", "test ! -e /etc/hosts"])
        .success();
    ctx.ferry(&["run", "--rm", "--dns", "not-an-ip", IMG, "true"])
        .code(125)
        .stderr_contains("invalid --dns");
    ctx.ferry(&["run", "--rm", "--add-host", "db", IMG, "true"])
        .code(125)
        .stderr_contains("invalid --add-host");
    assert!(ctx.ferry(&["ps", "-aq"]).success().stdout().trim().is_empty());
    assert_no_helpers(ctx);
});

both_modes!(bad_network_input_leaves_nothing_behind, |ctx| {
    setup(ctx);
    let _cleanup = Cleanup(ctx);
    let busy = TcpListener::bind("0.0.0.0:0").unwrap();
    let mapping = format!("{}:80", busy.local_addr().unwrap().port());
    for detach in [&["--rm"][..], &["-d"][..], &["-d", "--rm"][..]] {
        let mut args = vec!["run"];
        args.extend_from_slice(detach);
        args.extend(["-p", &mapping, IMG, "sleep", "100"]);
        ctx.ferry(&args).code(125).stderr_contains("already in use");
    }
    ctx.ferry(&["run", "--rm", "-p", "80x", IMG, "true"])
        .code(125)
        .stderr_contains("invalid port mapping \"80x\"");
    ctx.ferry(&["run", "--rm", "-p", "1:2:3:4", IMG, "true"]).code(125);
    ctx.ferry(&["run", "--rm", "--network", "no-such-network", IMG, "true"])
        .code(125);
    ctx.ferry(&["run", "--rm", "--network", "slirp4netns:bogus=1", IMG, "true"])
        .code(125)
        .stderr_contains("invalid slirp4netns option");
    ctx.ferry(&["run", "--rm", "--network", "none", "-p", "8080:80", IMG, "true"])
        .code(125)
        .stderr_contains("cannot publish ports with network mode none");
    if ctx.mode == Mode::Rootless {
        let start: u16 = std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start")
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        if start > 80 {
            ctx.ferry(&["run", "--rm", "-p", "80:80", IMG, "true"])
                .code(125)
                .stderr_contains("net.ipv4.ip_unprivileged_port_start");
        }
    }
    assert!(
        ctx.ferry(&["ps", "-aq"]).success().stdout().trim().is_empty(),
        "no container left"
    );
    assert_no_helpers(ctx);
    drop(busy);
    // A port taken between create and start: the start fails clearly, with no helper left.
    let port = free_tcp_port();
    let id = ctx
        .ferry(&["create", "-p", &format!("{port}:80"), IMG, "true"])
        .success()
        .stdout()
        .trim()
        .to_string();
    let taken = TcpListener::bind(("0.0.0.0", port)).unwrap();
    ctx.ferry(&["start", &id]).code(125).stderr_contains("already in use");
    assert_no_helpers(ctx);
    drop(taken);
});

// `--network container:NAME` and `--network ns:PATH` share another container's namespace: its
// loopback server answers, and the namespace is the same one. A container that is not
// running cannot be joined, and nothing is left behind.
both_modes!(joins_another_containers_network, |ctx| {
    setup(ctx);
    let id = web(ctx, &["--name", "target", "--network", "none"], "shared");
    let pid = ctx
        .ferry(&["inspect", "--format", "{{.State.Pid}}", &id])
        .success()
        .stdout()
        .trim()
        .to_string();
    let target_ns = std::fs::read_link(format!("/proc/{pid}/ns/net")).unwrap();
    let fetch = "for i in 1 2 3 4 5 6 7 8 9 10; do busybox wget -q -O - http://127.0.0.1:80/ && break; sleep 0.2; done; readlink /proc/self/ns/net";
    let ns_path = format!("ns:/proc/{pid}/ns/net");
    for mode in ["container:target", ns_path.as_str()] {
        let out = ctx
            .ferry(&["run", "--rm", "--network", mode, IMG, "sh", "-c", fetch])
            .success()
            .stdout();
        assert!(out.contains("shared"), "{mode}: {out}");
        assert!(
            out.contains(&target_ns.to_string_lossy().to_string()),
            "{mode}: {out} vs {target_ns:?}"
        );
    }
    // create + start resolves the container again at start.
    let joiner = ctx
        .ferry(&["create", "--network", "container:target", IMG, "sh", "-c", fetch])
        .success()
        .stdout()
        .trim()
        .to_string();
    assert!(
        ctx.ferry(&["start", "-a", &joiner])
            .success()
            .stdout()
            .contains("shared")
    );
    ctx.ferry(&["rm", "-f", "-t", "0", "target"]).success();
    ctx.ferry(&["start", &joiner])
        .code(125)
        .stderr_contains("cannot join the network of container target");
    ctx.ferry(&["rm", &joiner]).success();
    ctx.ferry(&["run", "--rm", "--network", "container:target", IMG, "true"])
        .code(125)
        .stderr_contains("cannot join the network of container target");
    ctx.ferry(&["run", "--rm", "--network", "ns:relative", IMG, "true"])
        .code(125)
        .stderr_contains("must be absolute");
    assert!(ctx.ferry(&["ps", "-aq"]).success().stdout().trim().is_empty());
});
