//! The container process's capability sets (bounding, effective, permitted, inheritable, ambient) from the
//! OCI spec, applied in the child with the `caps` crate in runc's order.

use caps::{CapSet, Capability as Cap, CapsHashSet};
use oci_spec::runtime::{Capabilities, LinuxCapabilities};

#[derive(Debug, thiserror::Error)]
pub enum CapsError {
    #[error("unknown capability {name}")]
    Unknown { name: String },
    #[error("set {set} capabilities: {message}")]
    Apply { set: &'static str, message: String },
}

/// The five sets; `None` leaves a set as the process has it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CapSets {
    pub bounding: Option<CapsHashSet>,
    pub effective: Option<CapsHashSet>,
    pub permitted: Option<CapsHashSet>,
    pub inheritable: Option<CapsHashSet>,
    pub ambient: Option<CapsHashSet>,
}

fn convert(set: &Option<Capabilities>) -> Result<Option<CapsHashSet>, CapsError> {
    let Some(set) = set else { return Ok(None) };
    let mut out = CapsHashSet::new();
    for cap in set {
        let name = format!("CAP_{cap}");
        out.insert(name.parse::<Cap>().map_err(|_| CapsError::Unknown { name })?);
    }
    Ok(Some(out))
}

fn apply_err(set: &'static str) -> impl FnOnce(caps::errors::CapsError) -> CapsError {
    move |e| CapsError::Apply {
        set,
        message: e.to_string(),
    }
}

impl CapSets {
    pub fn from_spec(spec: &LinuxCapabilities) -> Result<Self, CapsError> {
        Ok(CapSets {
            bounding: convert(spec.bounding())?,
            effective: convert(spec.effective())?,
            permitted: convert(spec.permitted())?,
            inheritable: convert(spec.inheritable())?,
            ambient: convert(spec.ambient())?,
        })
    }

    /// Makes the permitted set effective again: a setuid away from 0 (with PR_SET_KEEPCAPS) empties the
    /// effective set, and dropping the bounding set and installing seccomp need CAP_SETPCAP/CAP_SYS_ADMIN.
    pub fn regain_effective() -> Result<(), CapsError> {
        let permitted = caps::read(None, CapSet::Permitted).map_err(apply_err("permitted"))?;
        caps::set(None, CapSet::Effective, &permitted).map_err(apply_err("effective"))
    }

    /// Drops every capability this kernel knows that is not in the bounding set (needs CAP_SETPCAP).
    pub fn apply_bounding(&self) -> Result<(), CapsError> {
        let Some(bounding) = &self.bounding else { return Ok(()) };
        let current = caps::read(None, CapSet::Bounding).map_err(apply_err("bounding"))?;
        for cap in current.difference(bounding) {
            caps::drop(None, CapSet::Bounding, *cap).map_err(apply_err("bounding"))?;
        }
        Ok(())
    }

    /// Sets inheritable, effective, permitted, then ambient. Inheritable goes first, while the permitted set
    /// may still hold what it needs; ambient last, as it must be a subset of permitted and inheritable.
    pub fn apply(&self) -> Result<(), CapsError> {
        if let Some(set) = &self.inheritable {
            caps::set(None, CapSet::Inheritable, set).map_err(apply_err("inheritable"))?;
        }
        if let Some(set) = &self.effective {
            caps::set(None, CapSet::Effective, set).map_err(apply_err("effective"))?;
        }
        if let Some(set) = &self.permitted {
            caps::set(None, CapSet::Permitted, set).map_err(apply_err("permitted"))?;
        }
        if let Some(set) = &self.ambient {
            caps::clear(None, CapSet::Ambient).map_err(apply_err("ambient"))?;
            for cap in set {
                caps::raise(None, CapSet::Ambient, *cap).map_err(apply_err("ambient"))?;
            }
        }
        Ok(())
    }
}

/// Keeps the permitted set across the container's setuid (cleared again by `apply` after the switch).
pub fn set_keep_caps(keep: bool) -> Result<(), CapsError> {
    caps::securebits::set_keepcaps(keep).map_err(apply_err("keepcaps"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use oci_spec::runtime::{Capability, LinuxCapabilitiesBuilder};

    #[test]
    fn converts_spec_sets() {
        let set: Capabilities = [Capability::SysAdmin, Capability::Kill].into_iter().collect();
        let spec = LinuxCapabilitiesBuilder::default()
            .bounding(set.clone())
            .effective(set)
            .ambient(Capabilities::new())
            .build()
            .unwrap();
        let sets = CapSets::from_spec(&spec).unwrap();
        let want: CapsHashSet = [Cap::CAP_SYS_ADMIN, Cap::CAP_KILL].into_iter().collect();
        assert_eq!(sets.bounding.as_ref(), Some(&want));
        assert_eq!(sets.effective.as_ref(), Some(&want));
        assert_eq!(sets.ambient, Some(CapsHashSet::new()));
    }
}
