//! cgroup v1 (and hybrid hosts): a directory per hierarchy ferry uses, the device rules written to
//! `devices.deny`/`devices.allow` in order, the pids limit to `pids.max`.

use std::path::PathBuf;

use super::{Cgroup, Controller, Layout, PARENT, Request, Result, Version, devices, leaf_name, make_fresh, write_file};

pub(super) fn create(layout: &Layout, req: &Request<'_>) -> Result<Option<Cgroup>> {
    let leaf = leaf_name(req.id);
    let mut made: Vec<(Controller, PathBuf)> = Vec::new();
    for c in Controller::ALL {
        let Some(mount) = layout.v1(c) else { continue };
        let parent = mount.join(PARENT);
        let dir = parent.join(&leaf);
        if let Err(e) = make_fresh(&dir, &parent) {
            let _ = crate::store::containers::remove_cgroup_dirs(&made.into_iter().map(|(_, d)| d).collect::<Vec<_>>());
            return Err(e);
        }
        made.push((c, dir));
    }
    if made.is_empty() {
        return Ok(None);
    }
    let paths: Vec<PathBuf> = made.iter().map(|(_, d)| d.clone()).collect();
    let applied = apply(&made, req).and_then(|()| Cgroup::new(Version::V1, paths.clone()));
    match applied {
        Ok(cg) => Ok(Some(cg)),
        Err(e) => {
            let _ = crate::store::containers::remove_cgroup_dirs(&paths);
            Err(e)
        }
    }
}

fn apply(dirs: &[(Controller, PathBuf)], req: &Request<'_>) -> Result<()> {
    let Some(resources) = req.resources else {
        return Ok(());
    };
    for (c, dir) in dirs {
        match c {
            Controller::Devices => {
                let rules = devices::normalize_all(resources.devices().as_deref().unwrap_or_default())?;
                for r in rules {
                    let file = if r.allow { "devices.allow" } else { "devices.deny" };
                    write_file(&dir.join(file), &r.v1_text())?;
                }
            }
            Controller::Pids => {
                if let Some(p) = resources.pids() {
                    let value = if p.limit() > 0 {
                        p.limit().to_string()
                    } else {
                        "max".to_string()
                    };
                    write_file(&dir.join("pids.max"), &value)?;
                }
            }
        }
    }
    Ok(())
}
