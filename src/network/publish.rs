//! Published ports: `-p` parsing, the image's EXPOSE ports, random host ports, availability
//! checks, and the shapes `port`, `ps` and `inspect` show them in.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, UdpSocket};

use serde::{Deserialize, Serialize};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PortError {
    #[error("invalid port mapping {spec:?}: {reason}")]
    Invalid { spec: String, reason: String },
    #[error(
        "cannot publish port {port}/{protocol}: ports below {start} are privileged for rootless containers (lower the sysctl net.ipv4.ip_unprivileged_port_start to allow it)"
    )]
    Privileged { port: u16, protocol: Protocol, start: u16 },
    #[error("cannot publish port {port}/{protocol} on {address}: the address is already in use")]
    InUse {
        port: u16,
        protocol: Protocol,
        address: String,
    },
    #[error("cannot publish port {port}/{protocol} on {address}: {reason}")]
    Bind {
        port: u16,
        protocol: Protocol,
        address: String,
        reason: String,
    },
    #[error("no free host port for {count} consecutive {protocol} port(s)")]
    Exhausted { count: u16, protocol: Protocol },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    Tcp,
    Udp,
}

impl std::fmt::Display for Protocol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
        })
    }
}

impl std::str::FromStr for Protocol {
    type Err = String;
    fn from_str(s: &str) -> Result<Protocol, String> {
        match s.to_ascii_lowercase().as_str() {
            "tcp" => Ok(Protocol::Tcp),
            "udp" => Ok(Protocol::Udp),
            "sctp" => Err("sctp is not supported".into()),
            other => Err(format!("unknown protocol {other:?}: use tcp or udp")),
        }
    }
}

/// `range` consecutive host ports starting at `host_port` forward to as many container ports
/// starting at `container_port`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortMapping {
    /// The host address the ports are bound on; `None`: every address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_ip: Option<IpAddr>,
    /// 0 until a random port is chosen (when the container is created).
    pub host_port: u16,
    pub container_port: u16,
    pub range: u16,
    pub protocol: Protocol,
}

impl PortMapping {
    /// (host port, container port) for each port of the range.
    pub fn pairs(&self) -> impl Iterator<Item = (u16, u16)> + '_ {
        (0..self.range).map(|i| (self.host_port.wrapping_add(i), self.container_port + i))
    }

    fn host_address(&self) -> String {
        self.host_ip.map_or_else(|| "0.0.0.0".to_string(), |ip| ip.to_string())
    }
}

fn invalid(spec: &str, reason: impl Into<String>) -> PortError {
    PortError::Invalid {
        spec: spec.to_string(),
        reason: reason.into(),
    }
}

/// `N` or `N-M` (inclusive): (first, count).
fn parse_range(spec: &str, text: &str, what: &str, zero_ok: bool) -> Result<(u16, u16), PortError> {
    let number = |t: &str| -> Result<u16, PortError> {
        if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid(spec, format!("{what} {t:?} is not a port number")));
        }
        let n: u16 = t
            .parse()
            .map_err(|_| invalid(spec, format!("{what} {t} is out of range (1-65535)")))?;
        if n == 0 && !zero_ok {
            return Err(invalid(spec, format!("{what} 0 is not a valid port")));
        }
        Ok(n)
    };
    match text.split_once('-') {
        None => Ok((number(text)?, 1)),
        Some((a, b)) => {
            let (a, b) = (number(a)?, number(b)?);
            if a == 0 || b < a {
                return Err(invalid(spec, format!("{what} range {text} is empty or reversed")));
            }
            Ok((a, b - a + 1))
        }
    }
}

/// Parses one `-p [ip:][hostPort:]containerPort[/tcp|udp[,…]]` (ports may be `N-M` ranges, an
/// IPv6 address goes in brackets); a missing or 0 host port is chosen at random later.
pub fn parse_publish(spec: &str) -> Result<Vec<PortMapping>, PortError> {
    let (addr_ports, protos) = match spec.rsplit_once('/') {
        Some((a, p)) => (a, p),
        None => (spec, "tcp"),
    };
    let mut protocols = Vec::new();
    for p in protos.split(',') {
        let p: Protocol = p.parse().map_err(|r: String| invalid(spec, r))?;
        if !protocols.contains(&p) {
            protocols.push(p);
        }
    }
    let (ip, rest) = if let Some(after) = addr_ports.strip_prefix('[') {
        let (ip, rest) = after
            .split_once(']')
            .ok_or_else(|| invalid(spec, "missing ] after the IPv6 address"))?;
        let rest = rest
            .strip_prefix(':')
            .ok_or_else(|| invalid(spec, "expected :PORT after the address"))?;
        (Some(ip), rest)
    } else {
        let parts: Vec<&str> = addr_ports.split(':').collect();
        match parts.len() {
            1 | 2 => (None, addr_ports),
            3 => (Some(parts[0]), &addr_ports[parts[0].len() + 1..]),
            _ => return Err(invalid(spec, "too many colons (put an IPv6 address in brackets)")),
        }
    };
    let host_ip = match ip {
        None | Some("") => None,
        Some(ip) => Some(
            ip.parse::<IpAddr>()
                .map_err(|_| invalid(spec, format!("{ip:?} is not an IP address")))?,
        ),
    };
    let (host, container) = match rest.split_once(':') {
        Some((h, c)) => (Some(h), c),
        None => (None, rest),
    };
    if container.contains(':') {
        return Err(invalid(spec, "too many colons"));
    }
    let (container_port, range) = parse_range(spec, container, "container port", false)?;
    let host_port = match host {
        None | Some("") => 0,
        Some(h) => {
            let (first, count) = parse_range(spec, h, "host port", true)?;
            if first != 0 && count != range {
                return Err(invalid(
                    spec,
                    format!("the host range has {count} port(s), the container range {range}"),
                ));
            }
            if first == 0 && count != 1 {
                return Err(invalid(spec, "host port 0 cannot start a range"));
            }
            first
        }
    };
    if u32::from(container_port) + u32::from(range) - 1 > 65535
        || (host_port != 0 && u32::from(host_port) + u32::from(range) - 1 > 65535)
    {
        return Err(invalid(spec, "the range ends beyond port 65535"));
    }
    Ok(protocols
        .into_iter()
        .map(|protocol| PortMapping {
            host_ip,
            host_port,
            container_port,
            range,
            protocol,
        })
        .collect())
}

/// The image's `ExposedPorts` keys (`80/tcp`, `53/udp`, `8080`, `7000-7002/tcp`) as
/// (container port, count, protocol); keys that do not parse are skipped, as Docker does.
pub fn exposed_ports<'a>(keys: impl IntoIterator<Item = &'a str>) -> Vec<(u16, u16, Protocol)> {
    let mut out = Vec::new();
    for key in keys {
        let (port, proto) = key.split_once('/').unwrap_or((key, "tcp"));
        let (Ok(proto), Ok((port, count))) = (proto.parse::<Protocol>(), parse_range(key, port, "port", false)) else {
            continue;
        };
        out.push((port, count, proto));
    }
    out
}

/// `-P`: the exposed ports not already published, each on a random host port.
pub fn publish_all(published: &mut Vec<PortMapping>, exposed: &[(u16, u16, Protocol)]) {
    for &(port, count, protocol) in exposed {
        // Inclusive: a range ending at 65535 must include it.
        for p in port..=port.saturating_add(count.saturating_sub(1)) {
            let taken = published
                .iter()
                .any(|m| m.protocol == protocol && m.pairs().any(|(_, c)| c == p));
            if !taken {
                published.push(PortMapping {
                    host_ip: None,
                    host_port: 0,
                    container_port: p,
                    range: 1,
                    protocol,
                });
            }
        }
    }
}

/// Two mappings may not bind the same host port of one protocol, nor forward to the same
/// container port twice from overlapping addresses.
pub fn check_conflicts(mappings: &[PortMapping]) -> Result<(), PortError> {
    for (i, a) in mappings.iter().enumerate() {
        for b in &mappings[i + 1..] {
            if a.protocol != b.protocol || a.host_port == 0 || b.host_port == 0 {
                continue;
            }
            let overlap_ip = a.host_ip.is_none() || b.host_ip.is_none() || a.host_ip == b.host_ip;
            let (a0, a1) = (u32::from(a.host_port), u32::from(a.host_port) + u32::from(a.range));
            let (b0, b1) = (u32::from(b.host_port), u32::from(b.host_port) + u32::from(b.range));
            if overlap_ip && a0 < b1 && b0 < a1 {
                return Err(invalid(
                    &format!("{}/{}", b.host_port, b.protocol),
                    "the host port is published twice",
                ));
            }
        }
    }
    Ok(())
}

fn bind(ip: IpAddr, port: u16, protocol: Protocol) -> std::io::Result<Option<u16>> {
    let addr = SocketAddr::new(ip, port);
    match protocol {
        Protocol::Tcp => TcpListener::bind(addr).map(|l| l.local_addr().ok().map(|a| a.port())),
        Protocol::Udp => UdpSocket::bind(addr).map(|s| s.local_addr().ok().map(|a| a.port())),
    }
}

/// The sysctl below which binding needs privileges (1024 when unreadable).
pub fn unprivileged_port_start() -> u16 {
    std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(1024)
}

/// Chooses the random host ports (consecutive for a range) and checks that every host port
/// can be bound now, so that a container is not created with a port it cannot get (rootless,
/// a privileged port is refused with the sysctl that allows it).
pub fn reserve(mappings: &mut [PortMapping]) -> Result<(), PortError> {
    let start = unprivileged_port_start();
    for i in 0..mappings.len() {
        let m = mappings[i].clone();
        let ip = m.host_ip.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        if m.host_port == 0 {
            mappings[i].host_port = random_ports(ip, m.range, m.protocol, &mappings[..i])?;
            continue;
        }
        for (host, _) in m.pairs() {
            if let Err(e) = bind(ip, host, m.protocol) {
                return Err(match e.raw_os_error() {
                    Some(libc::EADDRINUSE) => PortError::InUse {
                        port: host,
                        protocol: m.protocol,
                        address: m.host_address(),
                    },
                    Some(libc::EACCES) => PortError::Privileged {
                        port: host,
                        protocol: m.protocol,
                        start,
                    },
                    _ => PortError::Bind {
                        port: host,
                        protocol: m.protocol,
                        address: m.host_address(),
                        reason: e.to_string(),
                    },
                });
            }
        }
    }
    check_conflicts(mappings)
}

/// `count` consecutive free ports: the kernel picks the first, the others are tried after it;
/// ports an earlier mapping already took are avoided.
fn random_ports(ip: IpAddr, count: u16, protocol: Protocol, taken: &[PortMapping]) -> Result<u16, PortError> {
    let used = |p: u16| {
        taken
            .iter()
            .any(|m| m.protocol == protocol && m.pairs().any(|(h, _)| h == p))
    };
    for _ in 0..64 {
        let Ok(Some(first)) = bind(ip, 0, protocol) else {
            continue;
        };
        if u32::from(first) + u32::from(count) - 1 > 65535 {
            continue;
        }
        let last = first + (count.max(1) - 1);
        let all_free = (first..=last).all(|p| !used(p) && (p == first || bind(ip, p, protocol).is_ok()));
        if all_free {
            return Ok(first);
        }
    }
    Err(PortError::Exhausted { count, protocol })
}

/// `port CTR` lines: `80/tcp -> 0.0.0.0:8080`, one per port; `only` keeps one container port
/// (and protocol, when given).
pub fn port_lines(mappings: &[PortMapping], only: Option<(u16, Option<Protocol>)>) -> Vec<String> {
    let mut out = Vec::new();
    for m in mappings {
        for (host, ctr) in m.pairs() {
            if let Some((p, proto)) = only
                && (p != ctr || proto.is_some_and(|x| x != m.protocol))
            {
                continue;
            }
            let addr = match m.host_ip {
                Some(IpAddr::V6(ip)) => format!("[{ip}]"),
                _ => m.host_address(),
            };
            out.push(format!("{ctr}/{} -> {addr}:{host}", m.protocol));
        }
    }
    out
}

/// The `PORTS` column of `ps`: `0.0.0.0:8080->80/tcp, 0.0.0.0:9000-9001->90-91/udp`.
pub fn ps_column(mappings: &[PortMapping]) -> String {
    mappings
        .iter()
        .map(|m| {
            let span = |first: u16| {
                if m.range == 1 {
                    first.to_string()
                } else {
                    // Parsing keeps the last port of a range at most 65535; first + range may not be.
                    format!("{first}-{}", first.saturating_add(m.range - 1))
                }
            };
            format!(
                "{}:{}->{}/{}",
                m.host_address(),
                span(m.host_port),
                span(m.container_port),
                m.protocol
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `{"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}`, as `inspect` shows
/// `NetworkSettings.Ports` and `HostConfig.PortBindings`.
pub fn inspect_map(mappings: &[PortMapping]) -> BTreeMap<String, Vec<serde_json::Value>> {
    let mut out: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
    for m in mappings {
        for (host, ctr) in m.pairs() {
            out.entry(format!("{ctr}/{}", m.protocol))
                .or_default()
                .push(serde_json::json!({
                    "HostIp": m.host_ip.map(|ip| ip.to_string()).unwrap_or_default(),
                    "HostPort": host.to_string(),
                }));
        }
    }
    out
}

/// `port CTR 80/udp` → (80, Some(Udp)); `80` → (80, None).
pub fn parse_port_filter(text: &str) -> Result<(u16, Option<Protocol>), PortError> {
    let (port, proto) = match text.split_once('/') {
        Some((p, proto)) => (p, Some(proto.parse::<Protocol>().map_err(|r| invalid(text, r))?)),
        None => (text, None),
    };
    let (port, count) = parse_range(text, port, "port", false)?;
    if count != 1 {
        return Err(invalid(text, "expected a single port"));
    }
    Ok((port, proto))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(spec: &str) -> PortMapping {
        let v = parse_publish(spec).unwrap();
        assert_eq!(v.len(), 1, "{spec}");
        v[0].clone()
    }

    #[test]
    fn publish_forms() {
        let m = one("8080:80");
        assert_eq!(
            (m.host_ip, m.host_port, m.container_port, m.range, m.protocol),
            (None, 8080, 80, 1, Protocol::Tcp)
        );
        assert_eq!(one("80").host_port, 0);
        assert_eq!(one(":80").host_port, 0);
        let m = one("127.0.0.1:8080:80/udp");
        assert_eq!(m.host_ip, Some("127.0.0.1".parse().unwrap()));
        assert_eq!(m.protocol, Protocol::Udp);
        let m = one("127.0.0.1::80");
        assert_eq!((m.host_port, m.container_port), (0, 80));
        let m = one("[::1]:8080:80");
        assert_eq!(m.host_ip, Some("::1".parse().unwrap()));
        let m = one("8080-8082:80-82");
        assert_eq!((m.host_port, m.container_port, m.range), (8080, 80, 3));
        assert_eq!(m.pairs().collect::<Vec<_>>(), [(8080, 80), (8081, 81), (8082, 82)]);
        let m = one("80-82");
        assert_eq!((m.host_port, m.range), (0, 3));
        let both = parse_publish("53:53/tcp,udp").unwrap();
        assert_eq!(
            both.iter().map(|m| m.protocol).collect::<Vec<_>>(),
            [Protocol::Tcp, Protocol::Udp]
        );
        assert_eq!(one("80/TCP").protocol, Protocol::Tcp);
        assert_eq!(one("0:80").host_port, 0);
    }

    #[test]
    fn hostile_publish() {
        for bad in [
            "",
            "/",
            "80/",
            "/tcp",
            "abc",
            "80:abc",
            "99999",
            "0",
            "-80",
            "80-",
            "82-80",
            "+80",
            " 80",
            "1:2:3:4",
            "::1:80:80",
            "[::1:80",
            "[::1]80",
            "[::1]:",
            "[nope]:80:80",
            "300.1.1.1:80:80",
            "127.0.0.1:x:80",
            "80/sctp",
            "80/icmp",
            "8080-8081:80",
            "8080:80-81",
            "0-2:80-82",
            "65535-65536:1-2",
            "65534-65535:65535-65536",
            "65535:65534-65535",
            "80:80:80:80/tcp",
            "8080:80\0",
            "８０",
        ] {
            assert!(parse_publish(bad).is_err(), "{bad:?} must be refused");
        }
    }

    #[test]
    fn exposed_and_publish_all() {
        let exposed = exposed_ports(["80/tcp", "53/udp", "8080", "7000-7001/tcp", "bogus", "1/sctp", "0/tcp"]);
        assert_eq!(
            exposed,
            [
                (80, 1, Protocol::Tcp),
                (53, 1, Protocol::Udp),
                (8080, 1, Protocol::Tcp),
                (7000, 2, Protocol::Tcp)
            ]
        );
        let mut published = parse_publish("9090:80").unwrap();
        publish_all(&mut published, &exposed);
        let ctr: Vec<(u16, Protocol)> = published.iter().map(|m| (m.container_port, m.protocol)).collect();
        assert_eq!(
            ctr,
            [
                (80, Protocol::Tcp),
                (53, Protocol::Udp),
                (8080, Protocol::Tcp),
                (7000, Protocol::Tcp),
                (7001, Protocol::Tcp)
            ]
        );
    }

    /// Found by fuzzing (run_specs): a range ending at port 65535 overflowed `first + range`.
    #[test]
    fn ranges_ending_at_the_last_port() {
        let all = one("1-65535:1-65535");
        assert_eq!(ps_column(std::slice::from_ref(&all)), "0.0.0.0:1-65535->1-65535/tcp");
        assert_eq!(all.pairs().last(), Some((65535, 65535)));
        assert_eq!(port_lines(std::slice::from_ref(&all), Some((65535, None))).len(), 1);
        let top = one("65535:65535");
        assert_eq!(ps_column(&[top]), "0.0.0.0:65535->65535/tcp");
        // -P publishes an exposed port 65535 (the range end was exclusive).
        let mut published = Vec::new();
        publish_all(&mut published, &exposed_ports(["65535/tcp", "65534-65535/udp"]));
        let ctr: Vec<(u16, Protocol)> = published.iter().map(|m| (m.container_port, m.protocol)).collect();
        assert_eq!(
            ctr,
            [(65535, Protocol::Tcp), (65534, Protocol::Udp), (65535, Protocol::Udp)]
        );
    }

    #[test]
    fn conflicts() {
        let mut v = parse_publish("8080:80").unwrap();
        v.extend(parse_publish("8080:81").unwrap());
        assert!(check_conflicts(&v).is_err());
        let mut v = parse_publish("8080:80").unwrap();
        v.extend(parse_publish("8080:80/udp").unwrap());
        assert!(check_conflicts(&v).is_ok());
        let mut v = parse_publish("8080-8082:80-82").unwrap();
        v.extend(parse_publish("8082:90").unwrap());
        assert!(check_conflicts(&v).is_err());
        let mut v = parse_publish("127.0.0.1:8080:80").unwrap();
        v.extend(parse_publish("127.0.0.2:8080:80").unwrap());
        assert!(check_conflicts(&v).is_ok());
    }

    #[test]
    fn reserve_random_and_in_use() {
        let mut v = parse_publish("127.0.0.1::80-82").unwrap();
        v.extend(parse_publish("127.0.0.1::53/udp").unwrap());
        reserve(&mut v).unwrap();
        assert!(v.iter().all(|m| m.host_port != 0));
        let busy = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = busy.local_addr().unwrap().port();
        let mut v = parse_publish(&format!("127.0.0.1:{port}:80")).unwrap();
        assert!(matches!(reserve(&mut v), Err(PortError::InUse { .. })));
        let e = PortError::Privileged {
            port: 80,
            protocol: Protocol::Tcp,
            start: 1024,
        };
        assert!(e.to_string().contains("net.ipv4.ip_unprivileged_port_start"), "{e}");
    }

    #[test]
    fn shapes() {
        let mut v = parse_publish("8080:80").unwrap();
        v.extend(parse_publish("127.0.0.1:9000-9001:90-91/udp").unwrap());
        v.extend(parse_publish("[::1]:7000:70").unwrap());
        assert_eq!(
            port_lines(&v, None),
            [
                "80/tcp -> 0.0.0.0:8080",
                "90/udp -> 127.0.0.1:9000",
                "91/udp -> 127.0.0.1:9001",
                "70/tcp -> [::1]:7000"
            ]
        );
        assert_eq!(port_lines(&v, Some((91, None))), ["91/udp -> 127.0.0.1:9001"]);
        assert!(port_lines(&v, Some((91, Some(Protocol::Tcp)))).is_empty());
        assert_eq!(
            ps_column(&v),
            "0.0.0.0:8080->80/tcp, 127.0.0.1:9000-9001->90-91/udp, ::1:7000->70/tcp"
        );
        let map = inspect_map(&v);
        assert_eq!(map["80/tcp"][0]["HostPort"], "8080");
        assert_eq!(map["80/tcp"][0]["HostIp"], "");
        assert_eq!(map["91/udp"][0]["HostIp"], "127.0.0.1");
        assert_eq!(parse_port_filter("80/udp").unwrap(), (80, Some(Protocol::Udp)));
        assert_eq!(parse_port_filter("80").unwrap(), (80, None));
        for bad in ["", "x", "80/", "80-81", "0", "80/sctp"] {
            assert!(parse_port_filter(bad).is_err(), "{bad:?}");
        }
    }
}
