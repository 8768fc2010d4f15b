//! pasta's command line: the container's namespace at descriptor 3, readiness (its pid file)
//! at descriptor 4, published ports as `-t`/`-u` specs, DNS forwarding to the host's resolver.

use super::publish::{PortMapping, Protocol};

/// One `-t`/`-u` spec: `[ADDR/]HOST[-END]:CTR[-END]`.
fn port_spec(m: &PortMapping) -> String {
    let mut s = String::new();
    if let Some(ip) = m.host_ip {
        s.push_str(&ip.to_string());
        s.push('/');
    }
    let last = |first: u16| first + (m.range - 1);
    s.push_str(&format!(
        "{}-{}:{}-{}",
        m.host_port,
        last(m.host_port),
        m.container_port,
        last(m.container_port)
    ));
    s
}

/// The arguments for a container with `ports` and the user's `options` (appended last, so
/// they can add to or override ferry's).
pub fn args(options: &[String], ports: &[PortMapping]) -> Vec<String> {
    let mut a: Vec<String> = [
        "--config-net",
        // In the foreground it stays the supervisor's child; its pid file is the readiness
        // signal, written once the namespace is configured.
        "--foreground",
        "--quiet",
        "--netns",
        "/proc/self/fd/3",
        "--pid",
        "/proc/self/fd/4",
        "--dns-forward",
        super::PASTA_DNS,
        // Nothing in the container is forwarded to the host's ports unless published.
        "-T",
        "none",
        "-U",
        "none",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // One option per mapping: an address prefix applies to a whole list.
    for (flag, proto) in [("-t", Protocol::Tcp), ("-u", Protocol::Udp)] {
        let specs: Vec<String> = ports.iter().filter(|m| m.protocol == proto).map(port_spec).collect();
        if specs.is_empty() {
            a.extend([flag.to_string(), "none".to_string()]);
        }
        for spec in specs {
            a.extend([flag.to_string(), spec]);
        }
    }
    // pasta's own default would let a rootless helper hand privileges to "nobody" and fail to
    // open the namespace descriptor; it runs as the supervisor does.
    if !options.iter().any(|o| o == "--runas") {
        a.push("--runas".into());
        // SAFETY: getuid cannot fail.
        a.push(unsafe { libc::getuid() }.to_string());
    }
    a.extend(options.iter().cloned());
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::publish::parse_publish;

    #[test]
    fn port_specs() {
        let mut ports = parse_publish("8080:80").unwrap();
        ports.extend(parse_publish("127.0.0.1:9000-9001:90-91/udp").unwrap());
        ports.extend(parse_publish("[::1]:7000:70").unwrap());
        let a = args(&["--mtu".into(), "1500".into()], &ports);
        let values = |f: &str| {
            a.iter()
                .zip(a.iter().skip(1))
                .filter(|(x, _)| *x == f)
                .map(|(_, v)| v.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(values("-t"), ["8080-8080:80-80", "::1/7000-7000:70-70"]);
        assert_eq!(values("-u"), ["127.0.0.1/9000-9001:90-91"]);
        assert_eq!(&a[a.len() - 2..], ["--mtu", "1500"]);
        assert!(a.contains(&"--runas".to_string()));
        let none = args(&[], &[]);
        assert_eq!(none[none.iter().position(|x| x == "-t").unwrap() + 1], "none");
    }
}
