//! The short string syntaxes of list entries: ports, volumes, devices, and shell-split commands.

use crate::compose::model::{BindOptions, Device, MountKind, Port, ServiceVolume, VolumeOptions};

/// Splits a command line into words: whitespace separates, quotes group, backslash escapes.
pub fn split_words(s: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err(format!("unterminated single quote in {s:?}")),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some('\n') => {}
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err(format!("unterminated double quote in {s:?}")),
                        },
                        Some(c) => word.push(c),
                        None => return Err(format!("unterminated double quote in {s:?}")),
                    }
                }
            }
            '\\' => {
                in_word = true;
                match chars.next() {
                    Some('\n') => {}
                    Some(c) => word.push(c),
                    None => word.push('\\'),
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

/// `N` or `N-M` (ports): the first and last port.
pub fn parse_range(s: &str) -> Result<(u16, u16), String> {
    let port = |p: &str| {
        p.parse::<u16>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("invalid port {p:?} in {s:?}"))
    };
    match s.split_once('-') {
        None => port(s).map(|p| (p, p)),
        Some((a, b)) => {
            let (a, b) = (port(a)?, port(b)?);
            if a > b {
                return Err(format!("invalid port range {s:?}"));
            }
            Ok((a, b))
        }
    }
}

/// `[[IP:]HOST:]CONTAINER[/PROTOCOL]`, with ranges: one `Port` per container port.
pub fn parse_port(s: &str) -> Result<Vec<Port>, String> {
    let (spec, protocol) = s.rsplit_once('/').unwrap_or((s, "tcp"));
    if !matches!(protocol, "tcp" | "udp" | "sctp") {
        return Err(format!("invalid protocol {protocol:?} in port {s:?}"));
    }
    let (rest, container) = match spec.rsplit_once(':') {
        Some((rest, c)) => (Some(rest), c),
        None => (None, spec),
    };
    let (host_ip, host) = match rest {
        None => (None, None),
        Some(rest) => match rest.rsplit_once(':') {
            // `::1:6000:6000`: everything before the last two fields is the address.
            Some((ip, host)) => (Some(ip.trim_start_matches('[').trim_end_matches(']')), Some(host)),
            None if rest.starts_with('[') => return Err(format!("invalid port {s:?}")),
            None => (None, Some(rest)),
        },
    };
    if let Some(ip) = host_ip
        && ip.parse::<std::net::IpAddr>().is_err()
    {
        return Err(format!("invalid host address {ip:?} in port {s:?}"));
    }
    let (c_first, c_last) = parse_range(container)?;
    let host = host.filter(|h| !h.is_empty());
    let host_range = host.map(parse_range).transpose()?;
    let count = c_last - c_first;
    let mut out = Vec::new();
    for i in 0..=count {
        let published = match host_range {
            None => None,
            // Equal ranges pair up; a host range for one container port lets the engine pick in it.
            Some((h_first, h_last)) if h_last - h_first == count => Some((h_first + i).to_string()),
            Some(_) if count == 0 => host.map(str::to_string),
            Some(_) => return Err(format!("invalid port {s:?}: host and container ranges differ in size")),
        };
        out.push(Port {
            mode: "ingress".to_string(),
            host_ip: host_ip.map(str::to_string),
            target: c_first + i,
            published,
            protocol: protocol.to_string(),
            name: None,
            app_protocol: None,
        });
    }
    Ok(out)
}

/// Whether a short volume source is a host path rather than a volume name.
fn is_path(source: &str) -> bool {
    source.starts_with(['/', '.', '~'])
}

/// `[SOURCE:]TARGET[:MODE,…]` as a mount.
pub fn parse_volume(s: &str) -> Result<ServiceVolume, String> {
    let parts: Vec<&str> = s.split(':').collect();
    let (source, target, mode) = match parts.as_slice() {
        [t] => (None, *t, None),
        [a, b] if b.starts_with('/') => (Some(*a), *b, None),
        // `/target:ro`: an anonymous volume with options.
        [t, m] => (None, *t, Some(*m)),
        [a, b, m] => (Some(*a), *b, Some(*m)),
        _ => return Err(format!("invalid volume {s:?}: expected [SOURCE:]TARGET[:MODE]")),
    };
    if target.is_empty() || !target.starts_with('/') {
        return Err(format!("invalid volume {s:?}: the target must be an absolute path"));
    }
    let source = source.filter(|s| !s.is_empty());
    let bind = source.is_some_and(is_path);
    let mut volume = ServiceVolume {
        kind: if bind { MountKind::Bind } else { MountKind::Volume },
        source: source.map(str::to_string),
        target: target.to_string(),
        ..ServiceVolume::default()
    };
    let mut bind_opts = BindOptions {
        create_host_path: true,
        ..BindOptions::default()
    };
    let mut volume_opts = VolumeOptions::default();
    for opt in mode.into_iter().flat_map(|m| m.split(',')).filter(|o| !o.is_empty()) {
        match opt {
            "ro" => volume.read_only = true,
            "rw" => volume.read_only = false,
            "z" | "Z" if bind => bind_opts.selinux = Some(opt.to_string()),
            "shared" | "rshared" | "slave" | "rslave" | "private" | "rprivate" if bind => {
                bind_opts.propagation = Some(opt.to_string())
            }
            "nocopy" if !bind => volume_opts.nocopy = true,
            _ => return Err(format!("invalid volume {s:?}: unknown option {opt:?}")),
        }
    }
    if bind {
        volume.bind = Some(bind_opts);
    } else {
        volume.volume = Some(volume_opts);
    }
    Ok(volume)
}

/// `HOST[:CONTAINER[:PERMISSIONS]]`.
pub fn parse_device(s: &str) -> Result<Device, String> {
    let parts: Vec<&str> = s.split(':').collect();
    let (source, target, permissions) = match parts.as_slice() {
        [h] => (*h, *h, "rwm"),
        [h, c] if c.chars().all(|p| "rwm".contains(p)) && !c.is_empty() => (*h, *h, *c),
        [h, c] => (*h, *c, "rwm"),
        [h, c, p] => (*h, *c, *p),
        _ => return Err(format!("invalid device {s:?}")),
    };
    if !source.starts_with('/') || !target.starts_with('/') {
        return Err(format!("invalid device {s:?}: paths must be absolute"));
    }
    if permissions.is_empty() || !permissions.chars().all(|p| "rwm".contains(p)) {
        return Err(format!("invalid device permissions {permissions:?} in {s:?}"));
    }
    Ok(Device {
        source: source.to_string(),
        target: target.to_string(),
        permissions: permissions.to_string(),
    })
}
