//! `--log-driver` and `--log-opt`.

use super::Error;
use crate::store::containers::LogDriver;

/// Where a container's output is kept, as `--log-driver` and `--log-opt` say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogOptions {
    pub driver: LogDriver,
    /// `max-size`: the log is rotated at this many bytes.
    pub max_size: Option<u64>,
}

/// Parses `--log-driver` (`None`: `defaults.driver`; empty: k8s-file, as is `json-file`,
/// Docker's name for a file log) and the `--log-opt` items (over `defaults.max_size`).
pub fn parse(driver: Option<&str>, options: &[String], defaults: LogOptions) -> Result<LogOptions, Error> {
    let driver = match driver {
        None => defaults.driver,
        Some("k8s-file" | "json-file" | "") => LogDriver::K8sFile,
        Some("none") => LogDriver::None,
        Some("passthrough") => LogDriver::Passthrough,
        Some(other) => return Err(Error::LogDriver(other.to_string())),
    };
    let mut max_size = defaults.max_size;
    for o in options {
        match o.split_once('=') {
            Some(("max-size", v)) => {
                max_size = Some(parse_size(v).ok_or_else(|| Error::LogSize(v.to_string()))?);
            }
            _ => return Err(Error::LogOption(o.clone())),
        }
    }
    Ok(LogOptions { driver, max_size })
}

/// `10mb`, `512k`, `1g`, `4096` (bytes), as Podman's `--log-opt max-size` takes them.
fn parse_size(s: &str) -> Option<u64> {
    let lower = s.trim().to_ascii_lowercase();
    let digits = lower.bytes().take_while(u8::is_ascii_digit).count();
    let (num, unit) = lower.split_at(digits);
    let mult: u64 = match unit.trim_end_matches(['b', 'i']) {
        "" => 1,
        "k" => 1 << 10,
        "m" => 1 << 20,
        "g" => 1 << 30,
        _ => return None,
    };
    if !unit.is_empty() && !matches!(unit, "b" | "k" | "kb" | "kib" | "m" | "mb" | "mib" | "g" | "gb" | "gib") {
        return None;
    }
    num.parse::<u64>().ok()?.checked_mul(mult).filter(|&n| n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_in_podman_units() {
        assert_eq!(parse_size("4096"), Some(4096));
        assert_eq!(parse_size("10mb"), Some(10 << 20));
        assert_eq!(parse_size("512K"), Some(512 << 10));
        assert_eq!(parse_size("1GiB"), Some(1 << 30));
        for bad in ["", "0", "k", "1t", "1kbb", "-1", "99999999999999999999", "1 m", "1mi"] {
            assert_eq!(parse_size(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn drivers_and_options() {
        let k8s = LogOptions {
            driver: LogDriver::K8sFile,
            max_size: None,
        };
        let o = parse(Some(""), &["max-size=1k".to_string()], k8s).unwrap();
        assert_eq!((o.driver, o.max_size), (LogDriver::K8sFile, Some(1024)));
        assert_eq!(parse(Some("none"), &[], k8s).unwrap().driver, LogDriver::None);
        assert_eq!(parse(Some("json-file"), &[], k8s).unwrap().driver, LogDriver::K8sFile);
        let conf = LogOptions {
            driver: LogDriver::None,
            max_size: Some(7),
        };
        assert_eq!(parse(None, &[], conf).unwrap(), conf);
        assert_eq!(
            parse(None, &["max-size=8".to_string()], conf).unwrap().max_size,
            Some(8)
        );
        assert_eq!(
            parse(Some("journald"), &[], k8s).unwrap_err().to_string(),
            "unsupported log driver \"journald\": use k8s-file, none or passthrough"
        );
        assert_eq!(
            parse(None, &["tag=x".to_string()], k8s).unwrap_err().to_string(),
            "unsupported log option \"tag=x\": ferry knows max-size=SIZE"
        );
        assert_eq!(
            parse(None, &["max-size=lots".to_string()], k8s)
                .unwrap_err()
                .to_string(),
            "invalid log max-size \"lots\""
        );
    }
}
