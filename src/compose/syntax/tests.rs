use super::*;
use crate::compose::model::{MountKind, VolumeOptions};

fn port(s: &str) -> Vec<(Option<String>, u16, Option<String>, String)> {
    parse_port(s)
        .unwrap()
        .into_iter()
        .map(|p| (p.host_ip, p.target, p.published, p.protocol))
        .collect()
}

fn p(
    ip: Option<&str>,
    target: u16,
    published: Option<&str>,
    proto: &str,
) -> (Option<String>, u16, Option<String>, String) {
    (
        ip.map(str::to_string),
        target,
        published.map(str::to_string),
        proto.to_string(),
    )
}

/// The short forms the specification lists for `ports`, read as it describes them.
#[test]
fn ports_short_syntax() {
    assert_eq!(port("3000"), [p(None, 3000, None, "tcp")]);
    assert_eq!(
        port("3000-3002"),
        [
            p(None, 3000, None, "tcp"),
            p(None, 3001, None, "tcp"),
            p(None, 3002, None, "tcp")
        ]
    );
    assert_eq!(port("8000:8000"), [p(None, 8000, Some("8000"), "tcp")]);
    assert_eq!(
        port("9090-9091:8080-8081"),
        [p(None, 8080, Some("9090"), "tcp"), p(None, 8081, Some("9091"), "tcp")]
    );
    assert_eq!(port("49100:22"), [p(None, 22, Some("49100"), "tcp")]);
    assert_eq!(port("8000-9000:80"), [p(None, 80, Some("8000-9000"), "tcp")]);
    assert_eq!(
        port("127.0.0.1:8001:8001"),
        [p(Some("127.0.0.1"), 8001, Some("8001"), "tcp")]
    );
    assert_eq!(port("127.0.0.1:5000-5001:5000-5001").len(), 2);
    assert_eq!(port("::1:6000:6000"), [p(Some("::1"), 6000, Some("6000"), "tcp")]);
    assert_eq!(port("[::1]:6001:6001"), [p(Some("::1"), 6001, Some("6001"), "tcp")]);
    assert_eq!(port("6060:6060/udp"), [p(None, 6060, Some("6060"), "udp")]);
    assert_eq!(port("127.0.0.1::5000"), [p(Some("127.0.0.1"), 5000, None, "tcp")]);
}

#[test]
fn ports_bad() {
    for bad in [
        "",
        "abc",
        "0",
        "70000",
        "1:2:3:4",
        "80/icmp",
        "9090-9092:8080-8081",
        "80-70",
        "x.y:80:80",
        "80:80-81",
    ] {
        assert!(parse_port(bad).is_err(), "{bad:?} accepted");
    }
}

#[test]
fn volumes_short_syntax() {
    let v = parse_volume("./data:/data:ro").unwrap();
    assert_eq!(
        (v.kind, v.source.as_deref(), v.target.as_str(), v.read_only),
        (MountKind::Bind, Some("./data"), "/data", true)
    );
    assert!(v.bind.unwrap().create_host_path);
    let v = parse_volume("db:/var/lib/db").unwrap();
    assert_eq!((v.kind, v.source.as_deref()), (MountKind::Volume, Some("db")));
    assert_eq!(v.volume, Some(VolumeOptions::default()));
    let v = parse_volume("/cache").unwrap();
    assert_eq!((v.kind, v.source), (MountKind::Volume, None));
    let v = parse_volume("/cache:ro").unwrap();
    assert!(v.read_only && v.source.is_none());
    let v = parse_volume("~/x:/x:rw,Z,rshared").unwrap();
    let b = v.bind.unwrap();
    assert_eq!(
        (b.selinux.as_deref(), b.propagation.as_deref()),
        (Some("Z"), Some("rshared"))
    );
    assert!(parse_volume("v:/x:nocopy").unwrap().volume.unwrap().nocopy);
    for bad in ["", "x", "a:b", "a:/b:bogus", "a:/b:c:d", "v:/x:Z"] {
        assert!(parse_volume(bad).is_err(), "{bad:?} accepted");
    }
}

#[test]
fn devices() {
    let d = parse_device("/dev/ttyUSB0:/dev/ttyUSB1:r").unwrap();
    assert_eq!(
        (d.source.as_str(), d.target.as_str(), d.permissions.as_str()),
        ("/dev/ttyUSB0", "/dev/ttyUSB1", "r")
    );
    assert_eq!(parse_device("/dev/fuse").unwrap().permissions, "rwm");
    assert_eq!(parse_device("/dev/a:rw").unwrap().target, "/dev/a");
    assert!(parse_device("dev/a").is_err());
    assert!(parse_device("/dev/a:/dev/b:x").is_err());
}

#[test]
fn durations_read_and_print_as_go_does() {
    let cases = [
        ("10s", "10s"),
        ("90s", "1m30s"),
        ("1m30s", "1m30s"),
        ("1h", "1h0m0s"),
        ("1.5s", "1.5s"),
        ("500ms", "500ms"),
        ("1.5ms", "1.5ms"),
        ("2us", "2µs"),
        ("3ns", "3ns"),
        ("0", "0s"),
        ("0s", "0s"),
        ("1h0.5s", "1h0m0.5s"),
        (".5m", "30s"),
    ];
    for (input, printed) in cases {
        assert_eq!(Duration::parse(input).unwrap().to_string(), printed, "{input}");
    }
    for bad in ["", "10", "s", "1x", "-1s", "1..2s", "99999999999999999999h"] {
        assert!(Duration::parse(bad).is_err(), "{bad:?} accepted");
    }
}

#[test]
fn byte_sizes() {
    let cases = [
        ("1024", 1024),
        ("64m", 64 << 20),
        ("64M", 64 << 20),
        ("1gb", 1 << 30),
        ("512kb", 512 << 10),
        ("1.5g", 3 << 29),
        ("2b", 2),
        ("1 GiB", 1 << 30),
    ];
    for (input, bytes) in cases {
        assert_eq!(ByteSize::parse(input).unwrap().0, bytes, "{input}");
    }
    for bad in ["", "m", "1x", "-1", "1mbb", "99999999999999999999999", "1e400g"] {
        assert!(ByteSize::parse(bad).is_err(), "{bad:?} accepted");
    }
}

#[test]
fn shell_words() {
    assert_eq!(
        split_words("echo 'a b' \"c \\\"d\\\"\" e\\ f").unwrap(),
        ["echo", "a b", "c \"d\"", "e f"]
    );
    assert_eq!(
        split_words("  sh -c 'x=1; echo $x'  ").unwrap(),
        ["sh", "-c", "x=1; echo $x"]
    );
    assert_eq!(split_words("''").unwrap(), [""]);
    assert!(split_words("").unwrap().is_empty());
    assert!(split_words("echo 'open").is_err());
    assert!(split_words("echo \"open").is_err());
}

#[test]
fn split_words_never_panics() {
    for s in ["\\", "\"\\", "'", "\u{0}", "a\\\nb", "\"\\\n\""] {
        let _ = split_words(s);
    }
}
