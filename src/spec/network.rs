//! `--network` and `-p`/`--publish`.

use super::Error;
use crate::network::{Mode, PortMapping, publish};

/// What `--network` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Network {
    /// The built-in mode (for a container on user-defined networks: a namespace of its own,
    /// `none`, that ferry wires itself).
    pub mode: Mode,
    /// The user-defined networks named (`bridge` is the default one), or `None` for a built-in
    /// mode.
    pub bridges: Option<Vec<String>>,
}

/// Parses `--network`: a built-in mode (`none`, `host`, `private`, `pasta[:…]`,
/// `slirp4netns[:…]`, `ns:PATH`, `container:NAME`) or user-defined network names, comma-separated.
pub fn parse(text: &str) -> Result<Network, Error> {
    Ok(Network {
        mode: Mode::parse(crate::network::bridge::builtin_mode(text))?,
        bridges: crate::network::bridge::requested(text),
    })
}

/// Parses every `-p` value.
pub fn publish(values: &[String]) -> Result<Vec<PortMapping>, Error> {
    let mut out = Vec::new();
    for p in values {
        out.extend(publish::parse_publish(p)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_modes_and_networks() {
        assert_eq!(
            parse("host").unwrap(),
            Network {
                mode: Mode::Host,
                bridges: None
            }
        );
        let n = parse("a,bridge").unwrap();
        assert_eq!(n.mode, Mode::None);
        assert_eq!(
            n.bridges,
            Some(vec![
                "a".to_string(),
                crate::store::networks::DEFAULT_NETWORK.to_string()
            ])
        );
        assert!(parse("ns:relative").is_err());
        assert!(parse("container:").is_err());
    }

    #[test]
    fn publish_refuses_bad_ports() {
        assert_eq!(publish(&["8080:80".to_string()]).unwrap().len(), 1);
        for bad in ["", "x", "70000:80", "1:2:3:4", "80/sctp-ish"] {
            assert!(publish(&[bad.to_string()]).is_err(), "{bad:?}");
        }
    }
}
