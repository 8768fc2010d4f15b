//! `pull`: images from registries into local storage.

use super::Error;
use crate::registry::pull::policy::{PullPolicy, ensure_image};
use crate::registry::pull::{self, PullOptions, PullProgress, PulledImage};
use crate::store::images::ImageRecord;
use crate::store::{Digest, Store};

/// Which images of a reference to pull, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PullMode {
    /// The one image the reference names, as the policy says.
    Policy(PullPolicy),
    /// Every tag of the repository (always pulled).
    AllTags,
}

/// An image a pull left in local storage.
#[derive(Debug, Clone)]
pub enum Pulled {
    /// Fetched from a registry now.
    Fetched(PulledImage),
    /// What the policy settled on: the local image, or the one it fetched.
    Resolved(ImageRecord),
}

impl Pulled {
    pub fn id(&self) -> &Digest {
        match self {
            Pulled::Fetched(p) => &p.id,
            Pulled::Resolved(r) => &r.id,
        }
    }
}

/// Pulls `input` (a short or full name) into the store; progress goes to `progress`. Rootless
/// callers are in the user namespace (layers are unpacked).
pub fn pull(
    store: &Store,
    input: &str,
    mode: PullMode,
    opts: &PullOptions,
    progress: &dyn PullProgress,
) -> Result<Vec<Pulled>, Error> {
    Ok(match mode {
        PullMode::Policy(PullPolicy::Always) => vec![Pulled::Fetched(pull::pull(store, input, opts, progress)?)],
        PullMode::Policy(policy) => vec![Pulled::Resolved(ensure_image(store, input, policy, opts, progress)?)],
        PullMode::AllTags => pull::pull_all_tags(store, input, opts, progress)?
            .into_iter()
            .map(Pulled::Fetched)
            .collect(),
    })
}
