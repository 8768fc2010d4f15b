//! From merged tree to `Project`: typing (unknown keys and wrong types reported with file, line
//! and key path), Docker Compose's implicit defaults (the `default` network, resource names,
//! build defaults, env files folded into `environment`, dependencies implied by
//! `network_mode: service:…`), profiles, and the consistency checks Compose makes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::yaml::Node;
use crate::yaml::de::{Error as TypeError, Segment, closest, from_node};

use super::load::{LoadOptions, Model, mark_at};
use super::model::{Dependency, FileModel, FileObject, MountKind, Network, Project, Service, Volume};
use super::{Error, dotenv, plan};

/// Types and normalizes a merged model.
pub(super) fn project(model: &mut Model, opts: &LoadOptions) -> Result<Project, Error> {
    let file: FileModel = from_node(&model.tree).map_err(|e| Error::Type(explain(e)))?;
    let tree = &model.tree;
    let mut services = BTreeMap::new();
    for (name, mut service) in file.services {
        normalize_service(&name, &mut service, model, tree)?;
        services.insert(name, service);
    }
    let name = &model.name;
    let mut networks: BTreeMap<String, Network> = file
        .networks
        .into_iter()
        .map(|(k, n)| (k, n.unwrap_or_default()))
        .collect();
    let uses_default = services.values().any(|s| s.networks.contains_key("default"));
    if uses_default && !networks.contains_key("default") {
        networks.insert("default".to_string(), Network::default());
    }
    for (key, network) in &mut networks {
        network
            .name
            .get_or_insert_with(|| resource_name(name, key, network.external));
    }
    let mut volumes: BTreeMap<String, Volume> = file
        .volumes
        .into_iter()
        .map(|(k, v)| (k, v.unwrap_or_default()))
        .collect();
    for (key, volume) in &mut volumes {
        volume
            .name
            .get_or_insert_with(|| resource_name(name, key, volume.external));
    }
    let mut secrets = file.secrets;
    let mut configs = file.configs;
    for (section, objects) in [("secrets", &mut secrets), ("configs", &mut configs)] {
        for (key, object) in objects.iter_mut() {
            file_object(section, key, object, tree)?;
            object.name.get_or_insert_with(|| format!("{name}_{key}"));
        }
    }
    let mut project = Project {
        name: model.name.clone(),
        working_dir: model.working_dir.clone(),
        config_files: model.config_files.clone(),
        environment: model.environment.clone(),
        env_files: model.env_files.clone(),
        services,
        disabled_services: BTreeMap::new(),
        networks,
        volumes,
        secrets,
        configs,
        extensions: file.extensions,
    };
    apply_profiles(&mut project, opts, &mut model.warnings)?;
    validate(&project, &model.tree, &mut model.warnings)?;
    Ok(project)
}

fn resource_name(project: &str, key: &str, external: bool) -> String {
    if external {
        key.to_string()
    } else {
        format!("{project}_{key}")
    }
}

fn file_object(section: &str, key: &str, object: &FileObject, tree: &Node) -> Result<(), Error> {
    if object.file.is_none() {
        return Err(Error::Invalid {
            mark: mark_at(tree, &[section, key]),
            message: format!("{section}.{key}: a file is required (ferry supports file sources only)"),
        });
    }
    Ok(())
}

fn normalize_service(name: &str, service: &mut Service, model: &Model, tree: &Node) -> Result<(), Error> {
    let at = |path: &[&str]| {
        let mut full = vec!["services", name];
        full.extend_from_slice(path);
        mark_at(tree, &full)
    };
    if let Some(build) = &mut service.build {
        if build.context.is_none() {
            build.context = Some(model.working_dir.display().to_string());
        }
        if build.dockerfile.is_none() {
            build.dockerfile = Some("Dockerfile".to_string());
        }
        // Arguments without a value take the environment's, or are left out.
        build.args = std::mem::take(&mut build.args)
            .into_iter()
            .filter_map(|(k, v)| match v {
                Some(v) => Some((k, Some(v))),
                None => model.environment.get(&k).map(|v| (k, Some(v.clone()))),
            })
            .collect();
    }
    // env_file values under `environment`, later files over earlier ones.
    let mut environment: BTreeMap<String, Option<String>> = BTreeMap::new();
    for env_file in &service.env_file {
        let path = Path::new(&env_file.path);
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !env_file.required => continue,
            Err(source) => {
                return Err(Error::EnvFile {
                    service: name.to_string(),
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        let lookup = |k: &str| model.environment.get(k).cloned();
        for (k, v) in dotenv::parse(&text, &env_file.path, &lookup)? {
            environment.insert(k, Some(v));
        }
    }
    environment.append(&mut service.environment);
    for (k, v) in environment.iter_mut() {
        if v.is_none() {
            *v = model.environment.get(k).cloned();
        }
    }
    service.environment = environment;

    if service.network_mode.is_none() && service.networks.is_empty() {
        service.networks.insert("default".to_string(), None);
    }
    // Sharing another service's namespace makes it a dependency.
    let shared = [&service.network_mode, &service.ipc, &service.pid];
    let implied: Vec<String> = shared
        .iter()
        .filter_map(|m| m.as_deref()?.strip_prefix("service:").map(str::to_string))
        .collect();
    for other in implied {
        service.depends_on.entry(other).or_insert(Dependency {
            restart: true,
            ..Dependency::default()
        });
    }
    for volume in &mut service.volumes {
        volume.target = super::paths::clean(Path::new(&volume.target)).display().to_string();
        if volume.kind == MountKind::Bind && volume.source.is_none() {
            return Err(Error::Invalid {
                mark: at(&["volumes"]),
                message: format!(
                    "services.{name}.volumes: a bind mount of {} needs a source",
                    volume.target
                ),
            });
        }
        if volume.kind == MountKind::Tmpfs && volume.source.is_some() {
            return Err(Error::Invalid {
                mark: at(&["volumes"]),
                message: format!(
                    "services.{name}.volumes: a tmpfs mount of {} takes no source",
                    volume.target
                ),
            });
        }
    }
    for device in &mut service.devices {
        if device.target.is_empty() {
            device.target = device.source.clone();
        }
    }
    if let (Some(scale), Some(replicas)) = (service.scale, service.deploy.as_ref().and_then(|d| d.replicas))
        && scale != replicas
    {
        return Err(Error::Invalid {
            mark: at(&["scale"]),
            message: format!("services.{name}: scale ({scale}) and deploy.replicas ({replicas}) disagree"),
        });
    }
    Ok(())
}

/// Keeps the services whose profiles are active (plus those named on the command line, whose
/// profiles become active); `*` activates every profile.
fn apply_profiles(project: &mut Project, opts: &LoadOptions, warnings: &mut Vec<String>) -> Result<(), Error> {
    let mut active: BTreeSet<String> = if opts.profiles.is_empty() {
        project
            .environment
            .get("COMPOSE_PROFILES")
            .map(|v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    } else {
        opts.profiles.iter().cloned().collect()
    };
    for name in &opts.services {
        let Some(service) = project.services.get(name) else {
            return Err(Error::NoSuchService { name: name.clone() });
        };
        active.extend(service.profiles.iter().cloned());
    }
    let all = active.contains("*");
    let known: BTreeSet<&String> = project.services.values().flat_map(|s| &s.profiles).collect();
    for profile in &active {
        if profile != "*" && !known.contains(profile) {
            warnings.push(format!("no service uses the profile {profile:?}"));
        }
    }
    let (enabled, disabled): (BTreeMap<_, _>, BTreeMap<_, _>) = std::mem::take(&mut project.services)
        .into_iter()
        .partition(|(_, s)| s.profiles.is_empty() || all || s.profiles.iter().any(|p| active.contains(p)));
    project.services = enabled;
    project.disabled_services = disabled;
    Ok(())
}

fn validate(project: &Project, tree: &Node, warnings: &mut Vec<String>) -> Result<(), Error> {
    let invalid = |path: &[&str], message: String| Error::Invalid {
        mark: mark_at(tree, path),
        message,
    };
    let mut container_names: BTreeMap<&str, &str> = BTreeMap::new();
    for (name, service) in &project.services {
        if service.image.is_none() && service.build.is_none() {
            return Err(invalid(
                &["services", name],
                format!("service {name:?} has neither an image nor a build context specified"),
            ));
        }
        for (dep, spec) in &service.depends_on {
            if project.services.contains_key(dep) {
                continue;
            }
            let why = if project.disabled_services.contains_key(dep) {
                "is disabled by its profiles"
            } else {
                "is not defined"
            };
            if spec.required {
                return Err(invalid(
                    &["services", name, "depends_on", dep],
                    format!("service {name:?} depends on service {dep:?}, which {why}"),
                ));
            }
            warnings.push(format!(
                "service {name:?} depends on service {dep:?}, which {why} (not required: ignored)"
            ));
        }
        if let Some(mode) = &service.network_mode {
            if let Some(other) = mode.strip_prefix("service:")
                && !project.services.contains_key(other)
            {
                return Err(invalid(
                    &["services", name, "network_mode"],
                    format!("service {name:?} uses the network of service {other:?}, which is not enabled"),
                ));
            }
            let explicit = service.networks.keys().any(|n| n != "default") || service.networks.len() > 1;
            if explicit {
                return Err(invalid(
                    &["services", name, "network_mode"],
                    format!("service {name:?}: network_mode and networks cannot be combined"),
                ));
            }
        }
        for network in service.networks.keys() {
            if !project.networks.contains_key(network) {
                return Err(invalid(
                    &["services", name, "networks", network],
                    format!("service {name:?} refers to undefined network {network:?}"),
                ));
            }
        }
        for volume in &service.volumes {
            if let (MountKind::Volume, Some(source)) = (volume.kind, &volume.source)
                && !project.volumes.contains_key(source)
            {
                return Err(invalid(
                    &["services", name, "volumes"],
                    format!("service {name:?} refers to undefined volume {source:?}"),
                ));
            }
        }
        let refs = [
            ("secrets", &service.secrets, &project.secrets),
            ("configs", &service.configs, &project.configs),
        ];
        for (section, list, defined) in refs {
            for r in list {
                if !defined.contains_key(&r.source) {
                    return Err(invalid(
                        &["services", name, section],
                        format!(
                            "service {name:?} refers to undefined {} {:?}",
                            &section[..section.len() - 1],
                            r.source
                        ),
                    ));
                }
            }
        }
        if let Some(b) = &service.build {
            for r in &b.secrets {
                if !project.secrets.contains_key(&r.source) {
                    return Err(invalid(
                        &["services", name, "build", "secrets"],
                        format!("service {name:?} refers to undefined secret {:?}", r.source),
                    ));
                }
            }
        }
        if let Some(container) = &service.container_name {
            if plan::replicas(service) > 1 {
                return Err(invalid(
                    &["services", name, "container_name"],
                    format!("service {name:?}: container_name {container:?} cannot be used with more than one replica"),
                ));
            }
            if let Some(other) = container_names.insert(container, name) {
                return Err(invalid(
                    &["services", name, "container_name"],
                    format!("services {other:?} and {name:?} have the same container_name {container:?}"),
                ));
            }
        }
    }
    plan::start_order(project)?;
    Ok(())
}

/// Keys the Compose Specification defines that ferry does not (yet) support, per place, so that
/// such a key is told apart from a typo.
fn spec_only_keys(path: &[Segment]) -> &'static [&'static str] {
    let keys: Vec<&str> = path
        .iter()
        .map(|s| match s {
            Segment::Key(k) => k.as_str(),
            Segment::Index(_) => "[]",
        })
        .collect();
    match keys.as_slice() {
        [] => &["models"],
        ["services", _] => &[
            "annotations",
            "attach",
            "blkio_config",
            "cpu_count",
            "cpu_percent",
            "cpu_shares",
            "cpu_period",
            "cpu_quota",
            "cpu_rt_runtime",
            "cpu_rt_period",
            "cpus",
            "cpuset",
            "cgroup",
            "cgroup_parent",
            "credential_spec",
            "develop",
            "device_cgroup_rules",
            "external_links",
            "gpus",
            "group_add",
            "isolation",
            "label_file",
            "links",
            "mac_address",
            "mem_limit",
            "mem_reservation",
            "mem_swappiness",
            "memswap_limit",
            "models",
            "oom_kill_disable",
            "oom_score_adj",
            "pids_limit",
            "post_start",
            "pre_start",
            "pre_stop",
            "provider",
            "runtime",
            "storage_opt",
            "use_api_socket",
            "userns_mode",
            "uts",
            "volumes_from",
        ],
        ["services", _, "build"] => &[
            "dockerfile_inline",
            "ssh",
            "cache_from",
            "cache_to",
            "entitlements",
            "extra_hosts",
            "isolation",
            "privileged",
            "no_cache",
            "pull",
            "network",
            "shm_size",
            "tags",
            "ulimits",
            "platforms",
            "provenance",
            "sbom",
        ],
        ["services", _, "deploy"] => &[
            "endpoint_mode",
            "labels",
            "mode",
            "placement",
            "restart_policy",
            "rollback_config",
            "update_config",
        ],
        ["services", _, "deploy", "resources", "reservations"] => &["devices", "generic_resources"],
        ["services", _, "networks", _] => &[
            "interface_name",
            "ipv6_address",
            "link_local_ips",
            "mac_address",
            "driver_opts",
            "gw_priority",
            "priority",
        ],
        ["services", _, "volumes", "[]"] => &["image", "consistency"],
        ["networks", _] => &["attachable", "enable_ipv4", "enable_ipv6"],
        ["secrets" | "configs", _] => &["environment", "external", "content"],
        _ => &[],
    }
}

/// Keys ferry reads where the typed struct cannot list them itself (mappings that also take
/// `x-` extensions), for suggestions.
fn known_keys(path: &[Segment]) -> &'static [&'static str] {
    let keys: Vec<&str> = path
        .iter()
        .map(|s| match s {
            Segment::Key(k) => k.as_str(),
            Segment::Index(_) => "[]",
        })
        .collect();
    match keys.as_slice() {
        [] => &[
            "name", "services", "networks", "volumes", "secrets", "configs", "include",
        ],
        ["services", _] => &SERVICE_KEYS,
        ["services", _, "build"] => &[
            "context",
            "dockerfile",
            "args",
            "target",
            "labels",
            "additional_contexts",
            "secrets",
        ],
        ["networks", _] => &[
            "name",
            "driver",
            "driver_opts",
            "external",
            "internal",
            "ipam",
            "labels",
        ],
        ["volumes", _] => &["name", "driver", "driver_opts", "external", "labels"],
        ["secrets" | "configs", _] => &["name", "file"],
        _ => &[],
    }
}

/// The service keys ferry reads (besides `extends`, resolved before typing).
pub const SERVICE_KEYS: [&str; 50] = [
    "build",
    "cap_add",
    "cap_drop",
    "command",
    "configs",
    "container_name",
    "depends_on",
    "deploy",
    "devices",
    "dns",
    "dns_opt",
    "dns_search",
    "domainname",
    "entrypoint",
    "env_file",
    "environment",
    "expose",
    "extends",
    "extra_hosts",
    "healthcheck",
    "hostname",
    "image",
    "init",
    "ipc",
    "labels",
    "logging",
    "network_mode",
    "networks",
    "pid",
    "platform",
    "ports",
    "privileged",
    "profiles",
    "pull_policy",
    "read_only",
    "restart",
    "scale",
    "secrets",
    "security_opt",
    "shm_size",
    "stdin_open",
    "stop_grace_period",
    "stop_signal",
    "sysctls",
    "tmpfs",
    "tty",
    "ulimits",
    "user",
    "volumes",
    "working_dir",
];

/// Rewrites an unknown-key error: a Compose key ferry lacks says so; a typo gets a suggestion.
fn explain(mut e: TypeError) -> TypeError {
    let Some(key) = e.unknown_key.clone() else { return e };
    if spec_only_keys(&e.path).contains(&key.as_str()) {
        e.message = format!("{key:?} is part of the Compose Specification but ferry does not support it");
    } else if !e.message.contains("did you mean")
        && let Some(close) = closest(&key, known_keys(&e.path))
    {
        e.message = format!("unknown key {key:?} (did you mean {close:?}?)");
    }
    e
}
