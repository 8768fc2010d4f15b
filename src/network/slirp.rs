//! slirp4netns: Podman's option syntax (`slirp4netns:allow_host_loopback=true,mtu=1500`), the
//! command line, and published ports through its API socket (`add_hostfwd`).

use std::io::{Read, Write};
use std::net::IpAddr;
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::publish::PortMapping;
use super::{NetworkError, Result};

/// The API socket, in the container's directory (reached through a directory descriptor, as
/// the full path can pass the 108 bytes a socket address holds).
const API_SOCKET: &str = "slirp.sock";

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SlirpOptions {
    /// `allow_host_loopback=true`: 10.0.2.2 reaches the host's loopback.
    pub allow_host_loopback: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mtu: Option<u32>,
    /// `cidr=10.0.2.0/24`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr: Option<String>,
    pub enable_ipv6: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outbound_addr: Option<String>,
}

fn bad(option: &str, reason: &str) -> NetworkError {
    NetworkError::SlirpOption {
        option: option.into(),
        reason: reason.into(),
    }
}

fn boolean(option: &str, v: &str) -> Result<bool> {
    match v {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(bad(option, "expected true or false")),
    }
}

impl SlirpOptions {
    /// Parses the comma-separated `KEY=VALUE` list after `slirp4netns:`.
    pub fn parse(text: &str) -> Result<SlirpOptions> {
        let mut o = SlirpOptions::default();
        for opt in text.split(',').filter(|s| !s.is_empty()) {
            let (k, v) = opt.split_once('=').ok_or_else(|| bad(opt, "expected KEY=VALUE"))?;
            match k {
                "allow_host_loopback" => o.allow_host_loopback = boolean(opt, v)?,
                "enable_ipv6" => o.enable_ipv6 = boolean(opt, v)?,
                "mtu" => {
                    let mtu: u32 = v.parse().map_err(|_| bad(opt, "expected a number"))?;
                    if !(68..=65521).contains(&mtu) {
                        return Err(bad(opt, "the MTU must be between 68 and 65521"));
                    }
                    o.mtu = Some(mtu);
                }
                "cidr" => {
                    let (net, bits) = v.split_once('/').ok_or_else(|| bad(opt, "expected ADDRESS/BITS"))?;
                    let ok = net.parse::<std::net::Ipv4Addr>().is_ok()
                        && bits.parse::<u8>().is_ok_and(|b| (1..=25).contains(&b));
                    if !ok {
                        return Err(bad(opt, "expected an IPv4 network with a prefix of at most 25 bits"));
                    }
                    o.cidr = Some(v.to_string());
                }
                "outbound_addr" => {
                    let ok = !v.is_empty()
                        && !v.starts_with('-')
                        && v.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b':' | b'-' | b'_'));
                    if !ok {
                        return Err(bad(opt, "expected an address or an interface name"));
                    }
                    o.outbound_addr = Some(v.to_string());
                }
                "port_handler" => match v {
                    "slirp4netns" => {}
                    "rootlesskit" => return Err(bad(opt, "ferry publishes ports through slirp4netns itself")),
                    _ => return Err(bad(opt, "expected slirp4netns")),
                },
                _ => return Err(bad(opt, "unknown option")),
            }
        }
        Ok(o)
    }
}

/// The arguments: namespace at descriptor 3, readiness at descriptor 4, `tap0` configured.
pub fn args(o: &SlirpOptions, api: bool) -> Vec<String> {
    let mut a = vec![
        "--configure".to_string(),
        format!("--mtu={}", o.mtu.unwrap_or(65520)),
        "--ready-fd=4".into(),
        "--netns-type=path".into(),
    ];
    if !o.allow_host_loopback {
        a.push("--disable-host-loopback".into());
    }
    if let Some(c) = &o.cidr {
        a.push(format!("--cidr={c}"));
    }
    if o.enable_ipv6 {
        a.push("--enable-ipv6".into());
    }
    if let Some(addr) = &o.outbound_addr {
        a.push(format!("--outbound-addr={addr}"));
    }
    if api {
        a.push(format!("--api-socket={API_SOCKET}"));
    }
    a.push("/proc/self/fd/3".into());
    a.push("tap0".into());
    a
}

/// Forwards every published port through the API socket of the slirp4netns running with its
/// working directory in `container_dir`.
pub fn publish(container_dir: &Path, ports: &[PortMapping]) -> Result<()> {
    if ports.is_empty() {
        return Ok(());
    }
    let dir = std::fs::File::open(container_dir).map_err(|source| NetworkError::Io {
        path: container_dir.to_path_buf(),
        source,
    })?;
    let socket = format!("/proc/self/fd/{}/{API_SOCKET}", dir.as_raw_fd());
    for m in ports {
        let host_addr = match m.host_ip {
            None => "0.0.0.0".to_string(),
            Some(IpAddr::V4(ip)) => ip.to_string(),
            Some(IpAddr::V6(_)) => {
                return Err(NetworkError::Forward {
                    port: m.host_port,
                    protocol: m.protocol,
                    message: "slirp4netns publishes ports on IPv4 addresses only".into(),
                });
            }
        };
        for (host, ctr) in m.pairs() {
            let request = serde_json::json!({
                "execute": "add_hostfwd",
                "arguments": {
                    "proto": m.protocol.to_string(),
                    "host_addr": host_addr,
                    "host_port": host,
                    "guest_port": ctr,
                }
            });
            let fail = |message: String| NetworkError::Forward {
                port: host,
                protocol: m.protocol,
                message,
            };
            let mut conn = UnixStream::connect(&socket).map_err(|e| fail(format!("connecting to its API: {e}")))?;
            conn.write_all(request.to_string().as_bytes())
                .and_then(|()| conn.shutdown(std::net::Shutdown::Write))
                .map_err(|e| fail(format!("writing to its API: {e}")))?;
            let mut reply = String::new();
            conn.read_to_string(&mut reply)
                .map_err(|e| fail(format!("reading its API's reply: {e}")))?;
            let value: serde_json::Value =
                serde_json::from_str(&reply).map_err(|_| fail(format!("unexpected reply {reply:?}")))?;
            if let Some(err) = value.get("error") {
                let desc = err.get("desc").and_then(|d| d.as_str()).unwrap_or("unknown error");
                return Err(fail(desc.to_string()));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options() {
        let o =
            SlirpOptions::parse("allow_host_loopback=true,mtu=1500,cidr=10.5.0.0/24,port_handler=slirp4netns").unwrap();
        assert!(o.allow_host_loopback);
        assert_eq!(o.mtu, Some(1500));
        assert_eq!(o.cidr.as_deref(), Some("10.5.0.0/24"));
        assert_eq!(SlirpOptions::parse("").unwrap(), SlirpOptions::default());
        for bad in [
            "allow_host_loopback",
            "allow_host_loopback=yes",
            "mtu=0",
            "mtu=abc",
            "mtu=99999999999",
            "cidr=10.0.0.0",
            "cidr=10.0.0.0/30",
            "cidr=nope/24",
            "port_handler=rootlesskit",
            "port_handler=x",
            "outbound_addr=",
            "outbound_addr=a b",
            "outbound_addr=--evil",
            "bogus=1",
            "=1",
        ] {
            assert!(SlirpOptions::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn command_line() {
        let a = args(&SlirpOptions::default(), true);
        assert!(a.contains(&"--disable-host-loopback".to_string()));
        assert!(a.contains(&"--api-socket=slirp.sock".to_string()));
        assert_eq!(&a[a.len() - 2..], ["/proc/self/fd/3", "tap0"]);
        let a = args(
            &SlirpOptions {
                allow_host_loopback: true,
                mtu: Some(1500),
                ..Default::default()
            },
            false,
        );
        assert!(
            !a.iter()
                .any(|x| x.starts_with("--disable-host-loopback") || x.starts_with("--api"))
        );
        assert!(a.contains(&"--mtu=1500".to_string()));
    }
}
