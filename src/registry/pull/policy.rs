//! Pull policies (`--pull=always|missing|never|newer`) and making sure an image is present, for the
//! commands that need an image: `run`, `create` and `build`.

use std::str::FromStr;

use super::{PullError, PullOptions, PullProgress, Result, Silent, locate, pull};
use crate::image::lookup::{self, INDEX_DIGEST_ANNOTATION, LookupError};
use crate::store::images::ImageRecord;
use crate::store::{Digest, Store};

/// When to pull (`--pull=` of `run`, `create` and `build`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PullPolicy {
    /// Always pull; a failure is an error even when the image exists locally.
    Always,
    /// Pull only when the image is not in the store.
    Missing,
    /// Never pull; a missing image is an error.
    Never,
    /// Pull when the registry's manifest digest differs from the local image's; registry errors
    /// are ignored when the image exists locally.
    Newer,
}

impl FromStr for PullPolicy {
    type Err = PullError;
    fn from_str(s: &str) -> Result<PullPolicy> {
        // Podman accepts Docker's `true`/`false` spellings of --pull as well.
        match s.to_ascii_lowercase().as_str() {
            "always" | "true" => Ok(PullPolicy::Always),
            "missing" | "ifmissing" | "ifnotpresent" => Ok(PullPolicy::Missing),
            "never" | "false" => Ok(PullPolicy::Never),
            "newer" | "ifnewer" => Ok(PullPolicy::Newer),
            _ => Err(PullError::InvalidPolicy(s.to_string())),
        }
    }
}

/// The digest of the manifest (or index) the registry has for `input`, without pulling.
pub fn remote_digest(input: &str, opts: &PullOptions) -> Result<Digest> {
    let located = locate(input, &opts.registries, &opts.client, &Silent)?;
    Ok(located.manifest.digest)
}

/// Whether a local image is what the registry now serves for its name.
fn is_current(record: &ImageRecord, remote: &Digest) -> bool {
    &record.manifest.digest == remote
        || record
            .manifest
            .annotations
            .as_ref()
            .and_then(|a| a.get(INDEX_DIGEST_ANNOTATION))
            .is_some_and(|d| *d == remote.to_string())
}

/// Makes sure the image `name` is in the store according to `policy` and returns it. The caller
/// has entered the user namespace when rootless (layers may be unpacked).
pub fn ensure_image(
    store: &Store,
    name: &str,
    policy: PullPolicy,
    opts: &PullOptions,
    progress: &dyn PullProgress,
) -> Result<ImageRecord> {
    let local = match lookup::find(store, name) {
        Ok(r) => Some(r),
        Err(LookupError::NotKnown(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let pull_and_find = || -> Result<ImageRecord> {
        let pulled = pull(store, name, opts, progress)?;
        lookup::find(store, &pulled.id.to_string()).map_err(PullError::from)
    };
    match (policy, local) {
        (PullPolicy::Never, Some(r)) | (PullPolicy::Missing, Some(r)) => Ok(r),
        (PullPolicy::Never, None) => Err(LookupError::NotKnown(name.to_string()).into()),
        (PullPolicy::Always, _) | (PullPolicy::Missing, None) | (PullPolicy::Newer, None) => pull_and_find(),
        (PullPolicy::Newer, Some(r)) => match remote_digest(name, opts) {
            Ok(d) if is_current(&r, &d) => Ok(r),
            Ok(_) => pull_and_find().or(Ok(r)),
            // As in Podman: with a local copy, not reaching the registry is not an error.
            Err(_) => Ok(r),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pull_policies() {
        for (s, p) in [
            ("always", PullPolicy::Always),
            ("Always", PullPolicy::Always),
            ("true", PullPolicy::Always),
            ("missing", PullPolicy::Missing),
            ("ifnotpresent", PullPolicy::Missing),
            ("never", PullPolicy::Never),
            ("false", PullPolicy::Never),
            ("newer", PullPolicy::Newer),
            ("ifnewer", PullPolicy::Newer),
        ] {
            assert_eq!(s.parse::<PullPolicy>().unwrap(), p, "{s}");
        }
        for bad in ["", "sometimes", "always ", "missing\n", "nevers", "\u{0}"] {
            let e = bad.parse::<PullPolicy>().unwrap_err();
            assert!(e.to_string().starts_with("invalid pull policy"), "{e}");
        }
    }

    /// A store in a scratch directory with one image named docker.io/library/busybox:latest.
    struct Scratch(std::path::PathBuf, Store);

    impl Scratch {
        fn new() -> Scratch {
            let dir = std::env::temp_dir().join(crate::store::atomic::unique_name("ferry-policy-test-"));
            let store = Store::open(&dir.join("root"), &dir.join("run")).unwrap();
            let config = br#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"#;
            let c = store.blobs().put_bytes(config, None).unwrap();
            let manifest = format!(
                r#"{{"schemaVersion":2,"config":{{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{}","size":{}}},"layers":[]}}"#,
                c.digest, c.size
            );
            let m = store.blobs().put_bytes(manifest.as_bytes(), None).unwrap();
            let desc =
                crate::store::images::Descriptor::new(crate::store::images::MEDIA_OCI_MANIFEST, m.digest, m.size);
            store
                .images()
                .add(desc, &["docker.io/library/busybox:latest".to_string()])
                .unwrap();
            Scratch(dir, store)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn offline_options() -> PullOptions {
        PullOptions {
            client: Default::default(),
            registries: Default::default(),
            platform: crate::registry::pull::PlatformSpec::host(),
            jobs: 1,
            apply: crate::image::apply::ApplyOptions {
                rootless: false,
                squash_ownership: false,
            },
        }
    }

    #[test]
    fn local_images_satisfy_missing_and_never() {
        let s = Scratch::new();
        let opts = offline_options();
        for policy in [PullPolicy::Missing, PullPolicy::Never] {
            let r = ensure_image(&s.1, "busybox", policy, &opts, &Silent).unwrap();
            assert_eq!(r.names, vec!["docker.io/library/busybox:latest".to_string()]);
        }
        let e = ensure_image(&s.1, "alpine", PullPolicy::Never, &opts, &Silent).unwrap_err();
        assert_eq!(e.to_string(), "alpine: image not known");
    }
}
