//! Docker Engine API versions: the `/v1.41` path prefix, its parsing and the supported range.

use std::fmt;

/// An API version as Docker writes it (`1.41`). Docker compares versions component by component,
/// so `1.9` is older than `1.41`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ApiVersion {
    pub major: u32,
    pub minor: u32,
}

impl ApiVersion {
    pub const fn new(major: u32, minor: u32) -> ApiVersion {
        ApiVersion { major, minor }
    }

    /// The oldest version served: Docker 25 and later accept nothing older either.
    pub const MIN: ApiVersion = ApiVersion::new(1, 24);
    /// The newest version served: the Docker 28.2 client's; clients negotiate down from theirs.
    pub const MAX: ApiVersion = ApiVersion::new(1, 50);

    /// Parses `1.41` (also `1`, meaning `1.0`). A third component (`1.41.0`) is accepted and
    /// ignored, as Docker's comparison gives it no weight against two-part server versions.
    pub fn parse(text: &str) -> Option<ApiVersion> {
        let mut parts = text.split('.');
        let major = number(parts.next()?)?;
        let minor = match parts.next() {
            Some(p) => number(p)?,
            None => 0,
        };
        for rest in parts {
            number(rest)?;
        }
        Some(ApiVersion { major, minor })
    }
}

/// Decimal digits only (no sign, no spaces), at most 9 of them so the value fits.
fn number(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 9 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// Why a versioned path was refused; the messages are the ones Docker clients show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VersionError {
    #[error("invalid API version {0:?} in the request path")]
    Invalid(String),
    #[error(
        "client version {0} is too old. Minimum supported API version is {min}, please upgrade your client to a newer version",
        min = ApiVersion::MIN
    )]
    TooOld(String),
    #[error("client version {0} is too new. Maximum supported API version is {max}", max = ApiVersion::MAX)]
    TooNew(String),
}

/// Splits `/v1.41/containers/json` into the version and `/containers/json`. A path without a
/// version prefix gets [`ApiVersion::MAX`], as Docker serves unversioned requests at its newest.
/// Returns the version text as written too (for messages), or `None` when unversioned.
pub fn split_version(path: &str) -> (Option<&str>, &str) {
    let Some(rest) = path.strip_prefix("/v") else {
        return (None, path);
    };
    let end = rest.find('/').unwrap_or(rest.len());
    let (version, tail) = rest.split_at(end);
    // Docker's pattern is `v[0-9.]+`: anything else (`/volumes`, `/version`) is a plain path.
    if version.is_empty() || !version.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return (None, path);
    }
    (Some(version), if tail.is_empty() { "/" } else { tail })
}

/// Checks a version prefix against the supported range.
pub fn check(text: &str) -> Result<ApiVersion, VersionError> {
    let v = ApiVersion::parse(text).ok_or_else(|| VersionError::Invalid(text.to_string()))?;
    if v < ApiVersion::MIN {
        return Err(VersionError::TooOld(text.to_string()));
    }
    if v > ApiVersion::MAX {
        return Err(VersionError::TooNew(text.to_string()));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders_numerically() {
        assert_eq!(ApiVersion::parse("1.41"), Some(ApiVersion::new(1, 41)));
        assert_eq!(ApiVersion::parse("1"), Some(ApiVersion::new(1, 0)));
        assert_eq!(ApiVersion::parse("1.41.3"), Some(ApiVersion::new(1, 41)));
        assert!(ApiVersion::new(1, 9) < ApiVersion::new(1, 41));
        assert!(ApiVersion::new(2, 0) > ApiVersion::MAX);
        for bad in [
            "",
            ".",
            "1.",
            ".1",
            "1..2",
            "1.x",
            "-1.2",
            "+1.2",
            " 1.2",
            "1.99999999999",
        ] {
            assert_eq!(ApiVersion::parse(bad), None, "{bad:?}");
        }
        assert_eq!(ApiVersion::MAX.to_string(), "1.50");
    }

    #[test]
    fn splits_prefix_only_when_numeric() {
        assert_eq!(
            split_version("/v1.41/containers/json"),
            (Some("1.41"), "/containers/json")
        );
        assert_eq!(split_version("/v1.41"), (Some("1.41"), "/"));
        assert_eq!(split_version("/version"), (None, "/version"));
        assert_eq!(split_version("/volumes/x"), (None, "/volumes/x"));
        assert_eq!(split_version("/v/x"), (None, "/v/x"));
        assert_eq!(split_version("/v1..2/x"), (Some("1..2"), "/x"));
        assert_eq!(split_version("/_ping"), (None, "/_ping"));
    }

    #[test]
    fn range_is_enforced_with_dockers_messages() {
        assert_eq!(check("1.41"), Ok(ApiVersion::new(1, 41)));
        assert_eq!(check("1.24"), Ok(ApiVersion::MIN));
        assert_eq!(check("1.50"), Ok(ApiVersion::MAX));
        let old = check("1.12").unwrap_err().to_string();
        assert!(
            old.starts_with("client version 1.12 is too old. Minimum supported API version is 1.24"),
            "{old}"
        );
        let new = check("1.99").unwrap_err().to_string();
        assert_eq!(
            new,
            "client version 1.99 is too new. Maximum supported API version is 1.50"
        );
        assert!(matches!(check("1..2"), Err(VersionError::Invalid(_))));
    }
}
