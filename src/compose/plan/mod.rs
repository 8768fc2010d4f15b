//! Pure planning over a loaded project, for the engine-backed commands: dependency order (with
//! the cycle named), which services `up SVC` starts, Docker Compose's resource names and labels,
//! and each service's config hash (what decides whether `up` recreates its containers).

use std::collections::{BTreeMap, BTreeSet};

use sha2::{Digest, Sha256};

use super::Error;
use super::model::{Project, Service};

pub const LABEL_PROJECT: &str = "com.docker.compose.project";
pub const LABEL_SERVICE: &str = "com.docker.compose.service";
pub const LABEL_CONTAINER_NUMBER: &str = "com.docker.compose.container-number";
pub const LABEL_CONFIG_HASH: &str = "com.docker.compose.config-hash";
pub const LABEL_WORKING_DIR: &str = "com.docker.compose.project.working_dir";
pub const LABEL_CONFIG_FILES: &str = "com.docker.compose.project.config_files";
pub const LABEL_ENVIRONMENT_FILE: &str = "com.docker.compose.project.environment_file";
pub const LABEL_ONEOFF: &str = "com.docker.compose.oneoff";
pub const LABEL_NETWORK: &str = "com.docker.compose.network";
pub const LABEL_VOLUME: &str = "com.docker.compose.volume";

/// How many containers a service runs: `scale`, else `deploy.replicas`, else 1.
pub fn replicas(service: &Service) -> u32 {
    service
        .scale
        .or_else(|| service.deploy.as_ref().and_then(|d| d.replicas))
        .unwrap_or(1)
}

/// Every enabled service, each after the services it depends on (ties in name order).
pub fn start_order(project: &Project) -> Result<Vec<String>, Error> {
    Ok(start_levels(project)?.into_iter().flatten().collect())
}

/// Services in waves: each wave depends only on earlier ones, so a wave's services can start
/// concurrently. Dependencies on services that are not enabled (optional ones) are ignored.
pub fn start_levels(project: &Project) -> Result<Vec<Vec<String>>, Error> {
    let deps: BTreeMap<&str, BTreeSet<&str>> = project
        .services
        .iter()
        .map(|(name, s)| {
            let d = s
                .depends_on
                .keys()
                .map(String::as_str)
                .filter(|d| project.services.contains_key(*d))
                .collect();
            (name.as_str(), d)
        })
        .collect();
    let mut done: BTreeSet<&str> = BTreeSet::new();
    let mut levels = Vec::new();
    while done.len() < deps.len() {
        let wave: Vec<&str> = deps
            .iter()
            .filter(|(name, d)| !done.contains(*name) && d.iter().all(|x| done.contains(x)))
            .map(|(name, _)| *name)
            .collect();
        if wave.is_empty() {
            return Err(Error::Cycle {
                cycle: find_cycle(&deps, &done),
            });
        }
        done.extend(wave.iter().copied());
        levels.push(wave.into_iter().map(str::to_string).collect());
    }
    Ok(levels)
}

/// A cycle among the services not yet ordered, as `a, b, …, a`.
fn find_cycle(deps: &BTreeMap<&str, BTreeSet<&str>>, done: &BTreeSet<&str>) -> Vec<String> {
    let start = deps.keys().find(|n| !done.contains(*n)).copied().unwrap_or_default();
    let mut path = vec![start];
    let mut current = start;
    loop {
        // Follow any unfinished dependency: every remaining service has one.
        let Some(next) = deps[current].iter().find(|d| !done.contains(*d)).copied() else {
            return path.into_iter().map(str::to_string).collect();
        };
        if let Some(i) = path.iter().position(|p| *p == next) {
            let mut cycle: Vec<String> = path[i..].iter().map(|s| s.to_string()).collect();
            cycle.push(next.to_string());
            return cycle;
        }
        path.push(next);
        current = next;
    }
}

/// The services `up [SERVICE…]` starts, in start order: all enabled services when none is
/// named; else the named ones and, unless `no_deps`, everything they depend on.
pub fn services_to_start(project: &Project, requested: &[String], no_deps: bool) -> Result<Vec<String>, Error> {
    for name in requested {
        if !project.services.contains_key(name) {
            return Err(Error::NoSuchService { name: name.clone() });
        }
    }
    let order = start_order(project)?;
    if requested.is_empty() {
        return Ok(order);
    }
    let mut wanted: BTreeSet<&str> = requested.iter().map(String::as_str).collect();
    if !no_deps {
        let mut stack: Vec<&str> = wanted.iter().copied().collect();
        while let Some(name) = stack.pop() {
            for dep in project.services[name].depends_on.keys() {
                if project.services.contains_key(dep) && wanted.insert(dep) {
                    stack.push(dep);
                }
            }
        }
    }
    Ok(order.into_iter().filter(|s| wanted.contains(s.as_str())).collect())
}

/// The order to stop services in: dependents before what they depend on.
pub fn stop_order(project: &Project) -> Result<Vec<String>, Error> {
    let mut order = start_order(project)?;
    order.reverse();
    Ok(order)
}

/// A service container's name: `container_name`, else `<project>-<service>-<n>`.
pub fn container_name(project: &str, service_name: &str, service: &Service, number: u32) -> String {
    match &service.container_name {
        Some(name) => name.clone(),
        None => format!("{project}-{service_name}-{number}"),
    }
}

/// A one-off (`compose run`) container's name: `<project>-<service>-run-<first 12 of slug>`.
pub fn oneoff_container_name(project: &str, service_name: &str, slug: &str) -> String {
    let short: String = slug.chars().take(12).collect();
    format!("{project}-{service_name}-run-{short}")
}

/// The engine's name of a project network (`<project>_<key>` unless named or external).
pub fn network_name(project: &Project, key: &str) -> String {
    project
        .networks
        .get(key)
        .and_then(|n| n.name.clone())
        .unwrap_or_else(|| format!("{}_{key}", project.name))
}

/// The engine's name of a project volume (`<project>_<key>` unless named or external).
pub fn volume_name(project: &Project, key: &str) -> String {
    project
        .volumes
        .get(key)
        .and_then(|v| v.name.clone())
        .unwrap_or_else(|| format!("{}_{key}", project.name))
}

/// The labels Docker Compose puts on a service container (tools find projects by them).
pub fn container_labels(
    project: &Project,
    service_name: &str,
    number: u32,
    oneoff: bool,
) -> Result<BTreeMap<String, String>, Error> {
    let service = project.services.get(service_name).ok_or_else(|| Error::NoSuchService {
        name: service_name.to_string(),
    })?;
    let mut labels = service.labels.clone();
    let files: Vec<String> = project.config_files.iter().map(|f| f.display().to_string()).collect();
    let mut set = |k: &str, v: String| {
        labels.insert(k.to_string(), v);
    };
    set(LABEL_PROJECT, project.name.clone());
    set(LABEL_SERVICE, service_name.to_string());
    set(LABEL_CONTAINER_NUMBER, number.to_string());
    set(LABEL_CONFIG_HASH, config_hash(service));
    set(LABEL_WORKING_DIR, project.working_dir.display().to_string());
    set(LABEL_CONFIG_FILES, files.join(","));
    set(LABEL_ONEOFF, if oneoff { "True" } else { "False" }.to_string());
    if !project.env_files.is_empty() {
        let env: Vec<String> = project.env_files.iter().map(|f| f.display().to_string()).collect();
        set(LABEL_ENVIRONMENT_FILE, env.join(","));
    }
    Ok(labels)
}

/// Labels of a project network (Compose checks them to tell its networks from others).
pub fn network_labels(project: &Project, key: &str) -> BTreeMap<String, String> {
    let mut labels = project.networks.get(key).map(|n| n.labels.clone()).unwrap_or_default();
    labels.insert(LABEL_PROJECT.to_string(), project.name.clone());
    labels.insert(LABEL_NETWORK.to_string(), key.to_string());
    labels
}

/// Labels of a project volume.
pub fn volume_labels(project: &Project, key: &str) -> BTreeMap<String, String> {
    let mut labels = project.volumes.get(key).map(|v| v.labels.clone()).unwrap_or_default();
    labels.insert(LABEL_PROJECT.to_string(), project.name.clone());
    labels.insert(LABEL_VOLUME.to_string(), key.to_string());
    labels
}

/// A digest of what the service's containers are created from: it changes exactly when the
/// normalized service changes in a way that needs new containers. Left out, as in Docker
/// Compose: how the image is built or pulled, the number of replicas, dependencies and profiles.
/// (The engine adds the image's id to its decision: a rebuilt image also means new containers.)
pub fn config_hash(service: &Service) -> String {
    let mut s = service.clone();
    s.build = None;
    s.pull_policy = None;
    s.scale = None;
    if let Some(deploy) = &mut s.deploy {
        deploy.replicas = None;
    }
    if s.deploy == Some(Default::default()) {
        s.deploy = None;
    }
    s.depends_on.clear();
    s.profiles.clear();
    let json = serde_json::to_vec(&s).expect("services serialize");
    let digest = Sha256::digest(&json);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests;
