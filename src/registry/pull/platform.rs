//! Choosing one image from an image index or Docker manifest list by platform (`os/arch[/variant]`).

use std::fmt;

use super::PullError;
use crate::image::manifest::host_arch;
use crate::store::images::{Descriptor, MEDIA_DOCKER_LIST, MEDIA_DOCKER_MANIFEST, MEDIA_OCI_INDEX, MEDIA_OCI_MANIFEST};

/// The platform to pull. `variant: None` means "this architecture's usual variant".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformSpec {
    pub os: String,
    pub arch: String,
    pub variant: Option<String>,
}

impl PlatformSpec {
    /// This host: linux and its architecture.
    pub fn host() -> PlatformSpec {
        PlatformSpec {
            os: "linux".to_string(),
            arch: host_arch().to_string(),
            variant: None,
        }
    }

    /// From `--platform os/arch[/variant]` and the `--os`, `--arch`, `--variant` overrides (as in Podman,
    /// the single flags win over the parts of `--platform`).
    pub fn from_options(
        platform: Option<&str>,
        os: Option<&str>,
        arch: Option<&str>,
        variant: Option<&str>,
    ) -> Result<PlatformSpec, PullError> {
        let mut spec = PlatformSpec::host();
        if let Some(p) = platform {
            let invalid = || PullError::InvalidPlatform(p.to_string());
            let parts: Vec<&str> = p.split('/').collect();
            if !(2..=3).contains(&parts.len()) || parts.iter().any(|s| !valid_word(s)) {
                return Err(invalid());
            }
            spec.os = parts[0].to_string();
            spec.arch = normalize_arch(parts[1]).to_string();
            spec.variant = parts.get(2).map(|v| v.to_string());
        }
        for (value, field) in [(os, &mut spec.os), (arch, &mut spec.arch)] {
            if let Some(v) = value {
                if !valid_word(v) {
                    return Err(PullError::InvalidPlatform(v.to_string()));
                }
                *field = v.to_string();
            }
        }
        spec.arch = normalize_arch(&spec.arch).to_string();
        if let Some(v) = variant {
            if !valid_word(v) {
                return Err(PullError::InvalidPlatform(v.to_string()));
            }
            spec.variant = Some(v.to_string());
        }
        Ok(spec)
    }

    /// Variants acceptable for this spec, best first; `None` stands for an entry without a variant.
    fn variant_preference(&self) -> Vec<Option<&str>> {
        match (self.variant.as_deref(), self.arch.as_str()) {
            // An arm64 entry without a variant is v8, and the reverse.
            (Some("v8") | None, "arm64") => vec![Some("v8"), None],
            (Some(v), _) => vec![Some(v)],
            // 32-bit arm: a v7 host runs v6 and v5 images too.
            (None, "arm") => vec![Some("v7"), Some("v6"), Some("v5"), None],
            (None, _) => vec![None],
        }
    }

    /// How well an entry matches: lower is better; None when it does not match.
    fn rank(&self, d: &Descriptor) -> Option<usize> {
        let p = d.platform.as_ref()?;
        if p.os != self.os || normalize_arch(&p.architecture) != self.arch {
            return None;
        }
        let prefs = self.variant_preference();
        let variant = p.variant.as_deref().filter(|v| !v.is_empty());
        match prefs.iter().position(|v| *v == variant) {
            Some(i) => Some(i),
            // No variant asked for: an entry with an unknown variant (amd64 v2/v3, ...) is still this
            // architecture, but the least preferred.
            None if self.variant.is_none() => Some(prefs.len()),
            None => None,
        }
    }
}

impl fmt::Display for PlatformSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.os, self.arch)?;
        if let Some(v) = &self.variant {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

fn valid_word(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
}

/// Go's names for architectures that people also call by their kernel names.
fn normalize_arch(arch: &str) -> &str {
    match arch {
        "x86_64" | "x86-64" => "amd64",
        "aarch64" => "arm64",
        "i386" | "i686" => "386",
        other => other,
    }
}

/// Whether a media type is an image index or manifest list.
pub fn is_index(media_type: &str) -> bool {
    matches!(media_type, MEDIA_OCI_INDEX | MEDIA_DOCKER_LIST)
}

/// Whether a media type is an image manifest this engine pulls.
pub fn is_manifest(media_type: &str) -> bool {
    matches!(media_type, MEDIA_OCI_MANIFEST | MEDIA_DOCKER_MANIFEST)
}

/// The best entry of `entries` for `spec` (the first of equally good ones, as in the index order).
/// Entries that are not image manifests or indexes (attestations, artifacts) are never chosen.
pub fn select<'a>(entries: &'a [Descriptor], spec: &PlatformSpec) -> Option<&'a Descriptor> {
    entries
        .iter()
        .filter(|d| is_manifest(&d.media_type) || is_index(&d.media_type))
        .filter_map(|d| spec.rank(d).map(|r| (r, d)))
        .min_by_key(|(r, _)| *r)
        .map(|(_, d)| d)
}

/// The platforms an index offers, for the error when none matches.
pub fn available(entries: &[Descriptor]) -> String {
    let mut out: Vec<String> = entries
        .iter()
        .filter_map(|d| d.platform.as_ref())
        .map(|p| match p.variant.as_deref().filter(|v| !v.is_empty()) {
            Some(v) => format!("{}/{}/{v}", p.os, p.architecture),
            None => format!("{}/{}", p.os, p.architecture),
        })
        .collect();
    out.dedup();
    if out.is_empty() {
        "none".to_string()
    } else {
        out.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::images::Index;

    fn spec(s: &str) -> PlatformSpec {
        PlatformSpec::from_options(Some(s), None, None, None).unwrap()
    }

    const INDEX: &str = r#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":1,"platform":{"architecture":"amd64","os":"linux"}},
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:2222222222222222222222222222222222222222222222222222222222222222","size":1,"platform":{"architecture":"arm","os":"linux","variant":"v6"}},
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:3333333333333333333333333333333333333333333333333333333333333333","size":1,"platform":{"architecture":"arm","os":"linux","variant":"v7"}},
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:4444444444444444444444444444444444444444444444444444444444444444","size":1,"platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:5555555555555555555555555555555555555555555555555555555555555555","size":1,"platform":{"architecture":"unknown","os":"unknown"}},
        {"mediaType":"application/vnd.in-toto+json","digest":"sha256:6666666666666666666666666666666666666666666666666666666666666666","size":1,"platform":{"architecture":"s390x","os":"linux"}}
    ]}"#;

    fn pick(spec: &PlatformSpec) -> Option<char> {
        let idx: Index = serde_json::from_str(INDEX).unwrap();
        select(&idx.manifests, spec).map(|d| d.digest.hex().chars().next().unwrap())
    }

    #[test]
    fn parses_platform_options() {
        assert_eq!(
            spec("linux/arm64/v8"),
            PlatformSpec {
                os: "linux".into(),
                arch: "arm64".into(),
                variant: Some("v8".into())
            }
        );
        assert_eq!(spec("linux/x86_64").arch, "amd64");
        let s = PlatformSpec::from_options(Some("linux/arm/v6"), Some("freebsd"), Some("aarch64"), Some("v9")).unwrap();
        assert_eq!(s.to_string(), "freebsd/arm64/v9");
        let s = PlatformSpec::from_options(None, None, Some("arm"), None).unwrap();
        assert_eq!((s.os.as_str(), s.variant), ("linux", None));
        for bad in [
            "",
            "linux",
            "linux/",
            "/amd64",
            "linux/amd64/v8/x",
            "linux/am d64",
            "../..//x",
            "linux/amd64\n",
        ] {
            assert!(
                PlatformSpec::from_options(Some(bad), None, None, None).is_err(),
                "{bad:?}"
            );
        }
        assert!(PlatformSpec::from_options(None, Some(""), None, None).is_err());
        assert!(PlatformSpec::from_options(None, None, Some("a/b"), None).is_err());
        assert!(PlatformSpec::from_options(None, None, None, Some("v8;")).is_err());
    }

    #[test]
    fn selects_best_variant() {
        assert_eq!(pick(&spec("linux/amd64")), Some('1'));
        assert_eq!(pick(&spec("linux/arm")), Some('3'));
        assert_eq!(pick(&spec("linux/arm/v6")), Some('2'));
        assert_eq!(pick(&spec("linux/arm/v5")), None);
        assert_eq!(pick(&spec("linux/arm64")), Some('4'));
        assert_eq!(pick(&spec("linux/arm64/v8")), Some('4'));
        assert_eq!(pick(&spec("windows/amd64")), None);
        // Artifacts are never chosen even when their platform matches.
        assert_eq!(pick(&spec("linux/s390x")), None);
    }

    #[test]
    fn arm64_without_variant_matches_v8() {
        let raw = r#"[{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"sha256:7777777777777777777777777777777777777777777777777777777777777777","size":1,"platform":{"architecture":"arm64","os":"linux"}}]"#;
        let entries: Vec<Descriptor> = serde_json::from_str(raw).unwrap();
        assert!(select(&entries, &spec("linux/arm64/v8")).is_some());
        assert!(select(&entries, &spec("linux/arm64")).is_some());
        assert!(select(&entries, &spec("linux/arm64/v9")).is_none());
    }

    #[test]
    fn hostile_indexes() {
        // Entries without platforms, empty variants, duplicate entries: nothing panics, nothing odd is chosen.
        let raw = r#"[
            {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:8888888888888888888888888888888888888888888888888888888888888888","size":1},
            {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:9999999999999999999999999999999999999999999999999999999999999999","size":1,"platform":{"architecture":"amd64","os":"linux","variant":""}},
            {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","size":1,"platform":{"architecture":"amd64","os":"linux","variant":"v3"}}
        ]"#;
        let entries: Vec<Descriptor> = serde_json::from_str(raw).unwrap();
        assert_eq!(
            select(&entries, &spec("linux/amd64")).unwrap().digest.hex().as_bytes()[0],
            b'9'
        );
        assert_eq!(
            select(&entries, &spec("linux/amd64/v3"))
                .unwrap()
                .digest
                .hex()
                .as_bytes()[0],
            b'a'
        );
        assert_eq!(available(&entries), "linux/amd64, linux/amd64/v3");
        assert_eq!(available(&entries[..1]), "none");
        for bad in [
            r#"{"schemaVersion":2,"manifests":[{"digest":"sha256:1","size":1}]}"#,
            r#"{"schemaVersion":2,"manifests":[{"mediaType":"x","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":-1}]}"#,
            r#"{"schemaVersion":2,"manifests":[{"mediaType":"x","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":1,"platform":{"os":"linux"}}]}"#,
            r#"{"schemaVersion":2,"manifests":{}}"#,
            r#"{"schemaVersion":2}"#,
        ] {
            assert!(serde_json::from_str::<Index>(bad).is_err(), "{bad}");
        }
    }
}
