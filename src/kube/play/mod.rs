//! What `kube play` does, as data: a [`Plan`] of secrets to store, named volumes to create and
//! pods to create with their containers, every value resolved (environment from ConfigMaps and
//! Secrets, named ports, defaults Kubernetes applies), so the engine only executes it.
//!
//! Names follow Podman: a Pod keeps its name, a Deployment plays as `<name>-pod-0` (one replica,
//! as Podman 4.3 names its first), a DaemonSet or Job as `<name>-pod`; containers are
//! `<pod>-<container>`. A `hostPath` without a `/` names a volume (Podman's rule); a Service's
//! `nodePort` publishes its target port on the host for the pods its selector matches.

mod env;

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::Manifest;
use super::model::{
    ConfigMap, Container, HostPathType, HttpScheme, IntOrString, Kind, Object, ObjectMeta, PodSecurityContext, PodSpec,
    Probe, Protocol, PullPolicy, RestartPolicy, SeLinuxOptions, SeccompProfile, Service, ServiceType,
};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("container {container:?}: {message}")]
    Env { container: String, message: String },
    #[error("pod {pod:?}: volume {volume:?}: {message}")]
    Volume {
        pod: String,
        volume: String,
        message: String,
    },
    #[error("pod {pod:?}: container {container:?}: {message}")]
    Container {
        pod: String,
        container: String,
        message: String,
    },
    #[error("pod {pod:?}: Service {service:?}: {message}")]
    Service {
        pod: String,
        service: String,
        message: String,
    },
    #[error("pod {pod:?}: host port {port}/{protocol} is published twice")]
    PortConflict {
        pod: String,
        port: u16,
        protocol: &'static str,
    },
    #[error("{kind} {name:?} is defined twice in the input")]
    Duplicate { kind: Kind, name: String },
    #[error("the input has no pod, deployment, daemon set, job, volume claim or secret to play")]
    Nothing,
}

/// Inputs besides the manifest.
#[derive(Debug, Clone, Default)]
pub struct PlayOptions {
    /// ConfigMaps from `--configmap` files, consulted after the manifest's own.
    pub config_maps: Vec<ConfigMap>,
}

/// A ConfigMap's or Secret's keys and values.
pub type KeyValues = BTreeMap<String, Vec<u8>>;

/// The engine's secret store, by secret name (`None` when there is no such secret).
pub type SecretLookup<'a> = &'a dyn Fn(&str) -> Option<KeyValues>;

/// Where values referenced by name come from: the manifest first, then the options, then (for
/// secrets) the secret store through the caller's lookup.
pub(crate) struct Sources<'a> {
    config_maps: Vec<&'a ConfigMap>,
    secrets: BTreeMap<&'a str, BTreeMap<String, Vec<u8>>>,
    stored_secret: SecretLookup<'a>,
}

impl Sources<'_> {
    fn config_map(&self, name: &str) -> Option<BTreeMap<String, Vec<u8>>> {
        self.config_maps
            .iter()
            .find(|c| c.metadata.name.as_deref() == Some(name))
            .map(|c| c.values())
    }

    fn secret(&self, name: &str) -> Option<BTreeMap<String, Vec<u8>>> {
        match self.secrets.get(name) {
            Some(values) => Some(values.clone()),
            None => (self.stored_secret)(name),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Secret objects to store (as `secret create` would), before the pods that read them.
    pub secrets: Vec<SecretPlan>,
    /// PersistentVolumeClaims: named volumes to create unless they exist.
    pub volumes: Vec<VolumePlan>,
    pub pods: Vec<PodPlan>,
    /// Fields read but not applied, and simplifications made (one replica).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SecretPlan {
    pub name: String,
    pub values: BTreeMap<String, Vec<u8>>,
    pub type_: Option<String>,
    pub labels: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VolumePlan {
    pub name: String,
    /// From the `volume.podman.io/driver` annotation.
    pub driver: Option<String>,
    /// Driver options from `volume.podman.io/{device,type,uid,gid,mount-options}` (keys
    /// `device`, `type`, `uid`, `gid`, `o`, as `volume create --opt` takes them).
    pub options: BTreeMap<String, String>,
    pub labels: BTreeMap<String, String>,
    /// `resources.requests.storage` in bytes, informational.
    pub size: Option<u64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PodPlan {
    pub name: String,
    /// The object it comes from (kind and name), for `kube down` and messages.
    pub source: (Kind, String),
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
    pub hostname: Option<String>,
    pub host_network: bool,
    pub share_pid: bool,
    pub hosts: Vec<HostEntry>,
    pub dns: DnsPlan,
    /// Kubernetes' default is Always; a Job's is required to be OnFailure or Never.
    pub restart_policy: RestartPolicy,
    /// A Job's retries before it counts as failed (Kubernetes' default 6).
    pub backoff_limit: Option<u32>,
    /// Host ports for the pod's network namespace (containers' `hostPort` and Services'
    /// `nodePort`).
    pub publish: Vec<Publication>,
    /// Seconds between the stop signal and SIGKILL.
    pub stop_timeout: Option<u64>,
    pub sysctls: Vec<(String, String)>,
    pub volumes: Vec<PodVolume>,
    /// Run to completion, in order, before `containers` start.
    pub init_containers: Vec<ContainerPlan>,
    pub containers: Vec<ContainerPlan>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostEntry {
    pub ip: String,
    pub hostnames: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DnsPlan {
    pub servers: Vec<String>,
    pub searches: Vec<String>,
    /// resolv.conf options: `name` or `name:value`.
    pub options: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publication {
    pub host_ip: Option<String>,
    pub host_port: u16,
    pub container_port: u16,
    pub protocol: Protocol,
}

/// A volume of the pod, mounted by name into its containers.
#[derive(Debug, Clone, PartialEq)]
pub struct PodVolume {
    pub name: String,
    pub source: VolumeSource,
}

#[derive(Debug, Clone, PartialEq)]
pub enum VolumeSource {
    /// A bind mount of a host path, checked or created as `type` says.
    HostPath { path: PathBuf, type_: HostPathType },
    /// A named volume (a claim's name, or a `hostPath` without `/`), created when missing.
    Named { name: String, read_only: bool },
    /// A new anonymous volume removed with the pod.
    EmptyDir { size_limit: Option<u64> },
    /// A tmpfs (`emptyDir` with medium Memory).
    Tmpfs { size_limit: Option<u64> },
    /// Files made from a ConfigMap or Secret (empty for a missing optional one).
    Files {
        from: (Kind, String),
        files: Vec<FileEntry>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    /// Relative path inside the volume.
    pub path: String,
    pub data: Vec<u8>,
    pub mode: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ContainerPlan {
    /// `<pod>-<container>`.
    pub name: String,
    /// The container's name in the YAML.
    pub short_name: String,
    pub image: String,
    /// Kubernetes' default: Always for `:latest` or no tag, else IfNotPresent.
    pub pull_policy: PullPolicy,
    /// Replaces the image's entrypoint (`$(VAR)` expanded); see [`ContainerPlan::argv`].
    pub command: Option<Vec<String>>,
    /// Replaces the image's cmd (`$(VAR)` expanded).
    pub args: Option<Vec<String>>,
    pub env: Vec<(String, String)>,
    pub working_dir: Option<String>,
    pub tty: bool,
    pub stdin: bool,
    pub ports: Vec<PortPlan>,
    pub mounts: Vec<MountPlan>,
    pub resources: ResourcePlan,
    pub security: SecurityPlan,
    pub liveness: Option<ProbePlan>,
    pub readiness: Option<ProbePlan>,
    pub startup: Option<ProbePlan>,
}

impl ContainerPlan {
    /// The process to run given the image's entrypoint and cmd, by Kubernetes' rule: `command`
    /// replaces the entrypoint and drops the image's cmd; `args` replaces the cmd.
    pub fn argv(&self, image_entrypoint: &[String], image_cmd: &[String]) -> Vec<String> {
        match (&self.command, &self.args) {
            (Some(command), Some(args)) => command.iter().chain(args).cloned().collect(),
            (Some(command), None) => command.clone(),
            (None, Some(args)) => image_entrypoint.iter().chain(args).cloned().collect(),
            (None, None) => image_entrypoint.iter().chain(image_cmd).cloned().collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortPlan {
    pub name: Option<String>,
    pub container_port: u16,
    pub protocol: Protocol,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MountPlan {
    /// The pod volume's name.
    pub volume: String,
    pub destination: String,
    pub sub_path: Option<String>,
    pub read_only: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResourcePlan {
    pub cpu_limit_millis: Option<u64>,
    pub cpu_request_millis: Option<u64>,
    pub memory_limit_bytes: Option<u64>,
    pub memory_request_bytes: Option<u64>,
}

/// The container's security settings with the pod's defaults applied.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SecurityPlan {
    pub run_as_user: Option<i64>,
    pub run_as_group: Option<i64>,
    /// Refuse to start when the process would run as uid 0.
    pub run_as_non_root: bool,
    pub supplemental_groups: Vec<i64>,
    pub privileged: bool,
    pub read_only_root_filesystem: bool,
    /// `allowPrivilegeEscalation: false`.
    pub no_new_privileges: bool,
    /// `CAP_`-prefixed upper-case names, or `ALL`.
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub se_linux: Option<SeLinuxOptions>,
    pub seccomp: Option<SeccompProfile>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbePlan {
    pub check: ProbeCheck,
    pub initial_delay_seconds: u32,
    pub period_seconds: u32,
    pub timeout_seconds: u32,
    pub success_threshold: u32,
    pub failure_threshold: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProbeCheck {
    Exec(Vec<String>),
    HttpGet {
        https: bool,
        host: String,
        port: u16,
        path: String,
        headers: Vec<(String, String)>,
    },
    TcpSocket {
        host: String,
        port: u16,
    },
}

/// Plans `manifest`. `stored_secret` looks up a secret referenced by name that the manifest
/// does not define (the engine's secret store); return `None` when there is none.
pub fn plan(manifest: &Manifest, options: &PlayOptions, stored_secret: SecretLookup<'_>) -> Result<Plan, Error> {
    let mut plan = Plan {
        secrets: Vec::new(),
        volumes: Vec::new(),
        pods: Vec::new(),
        warnings: manifest.warnings.iter().map(|w| w.to_string()).collect(),
    };
    let mut seen = BTreeMap::new();
    for doc in &manifest.documents {
        let key = (doc.object.kind(), doc.object.name().to_string());
        if seen.insert(key.clone(), ()).is_some() {
            return Err(Error::Duplicate {
                kind: key.0,
                name: key.1,
            });
        }
    }
    let objects = || manifest.documents.iter().map(|d| &d.object);
    let mut sources = Sources {
        config_maps: objects()
            .filter_map(|o| match o {
                Object::ConfigMap(c) => Some(c),
                _ => None,
            })
            .collect(),
        secrets: BTreeMap::new(),
        stored_secret,
    };
    sources.config_maps.extend(options.config_maps.iter());
    for object in objects() {
        if let Object::Secret(s) = object {
            let name = s.metadata.name.clone().unwrap_or_default();
            sources
                .secrets
                .insert(s.metadata.name.as_deref().unwrap_or(""), s.values());
            plan.secrets.push(SecretPlan {
                name,
                values: s.values(),
                type_: s.type_.clone(),
                labels: s.metadata.labels.clone(),
            });
        }
    }
    let services: Vec<&Service> = objects()
        .filter_map(|o| match o {
            Object::Service(s) => Some(s),
            _ => None,
        })
        .collect();
    for object in objects() {
        match object {
            Object::PersistentVolumeClaim(pvc) => plan.volumes.push(volume_plan(pvc)),
            Object::Pod(p) => {
                let name = p.metadata.name.clone().unwrap_or_default();
                let pod = pod_plan(
                    &name,
                    (Kind::Pod, &name),
                    &p.metadata,
                    &p.spec,
                    &sources,
                    &services,
                    &mut plan.warnings,
                )?;
                plan.pods.push(pod);
            }
            Object::Deployment(d) => {
                let name = d.metadata.name.as_deref().unwrap_or("");
                if let Some(replicas) = d.spec.replicas.filter(|r| *r > 1) {
                    plan.warnings.push(format!(
                        "Deployment {name:?}: playing one replica of {replicas} (one host runs one copy)"
                    ));
                }
                let pod_name = format!("{name}-pod-0");
                let t = &d.spec.template;
                let pod = pod_plan(
                    &pod_name,
                    (Kind::Deployment, name),
                    &t.metadata,
                    &t.spec,
                    &sources,
                    &services,
                    &mut plan.warnings,
                )?;
                plan.pods.push(pod);
            }
            Object::DaemonSet(d) => {
                let name = d.metadata.name.as_deref().unwrap_or("");
                let t = &d.spec.template;
                let pod = pod_plan(
                    &format!("{name}-pod"),
                    (Kind::DaemonSet, name),
                    &t.metadata,
                    &t.spec,
                    &sources,
                    &services,
                    &mut plan.warnings,
                )?;
                plan.pods.push(pod);
            }
            Object::Job(j) => {
                let name = j.metadata.name.as_deref().unwrap_or("");
                let t = &j.spec.template;
                let mut pod = pod_plan(
                    &format!("{name}-pod"),
                    (Kind::Job, name),
                    &t.metadata,
                    &t.spec,
                    &sources,
                    &services,
                    &mut plan.warnings,
                )?;
                pod.backoff_limit = Some(j.spec.backoff_limit.map_or(6, |b| b.max(0) as u32));
                plan.pods.push(pod);
            }
            Object::ConfigMap(_) | Object::Secret(_) | Object::Service(_) => {}
        }
    }
    if plan.pods.is_empty() && plan.volumes.is_empty() && plan.secrets.is_empty() {
        return Err(Error::Nothing);
    }
    Ok(plan)
}

fn volume_plan(pvc: &super::model::PersistentVolumeClaim) -> VolumePlan {
    let annotations = &pvc.metadata.annotations;
    let mut options = BTreeMap::new();
    for (annotation, option) in [
        ("volume.podman.io/device", "device"),
        ("volume.podman.io/type", "type"),
        ("volume.podman.io/uid", "uid"),
        ("volume.podman.io/gid", "gid"),
        ("volume.podman.io/mount-options", "o"),
    ] {
        if let Some(value) = annotations.get(annotation) {
            options.insert(option.to_string(), value.clone());
        }
    }
    VolumePlan {
        name: pvc.metadata.name.clone().unwrap_or_default(),
        driver: annotations.get("volume.podman.io/driver").cloned(),
        options,
        labels: pvc.metadata.labels.clone(),
        size: pvc
            .spec
            .resources
            .as_ref()
            .and_then(|r| r.requests.get("storage"))
            .and_then(|q| q.bytes().ok()),
    }
}

#[allow(clippy::too_many_arguments)]
fn pod_plan(
    pod_name: &str,
    source: (Kind, &str),
    meta: &ObjectMeta,
    spec: &PodSpec,
    sources: &Sources<'_>,
    services: &[&Service],
    warnings: &mut Vec<String>,
) -> Result<PodPlan, Error> {
    let volumes = spec
        .volumes
        .iter()
        .map(|v| pod_volume(pod_name, v, sources))
        .collect::<Result<Vec<_>, _>>()?;
    let all: Vec<&Container> = spec.init_containers.iter().chain(&spec.containers).collect();
    let mut publish = Vec::new();
    let plan_one = |c: &Container, publish: &mut Vec<Publication>, warnings: &mut Vec<String>| {
        container_plan(
            pod_name,
            c,
            meta,
            spec.security_context.as_ref(),
            &all,
            sources,
            publish,
            warnings,
        )
    };
    let init_containers = spec
        .init_containers
        .iter()
        .map(|c| plan_one(c, &mut publish, warnings))
        .collect::<Result<Vec<_>, _>>()?;
    let containers = spec
        .containers
        .iter()
        .map(|c| plan_one(c, &mut publish, warnings))
        .collect::<Result<Vec<_>, _>>()?;
    for service in services {
        service_publications(service, meta, &spec.containers, pod_name, &mut publish, warnings)?;
    }
    let mut seen = BTreeMap::new();
    for p in &publish {
        let key = (p.host_port, p.protocol.as_lower(), p.host_ip.clone());
        if let Some(previous) = seen.insert(key, p.container_port)
            && previous != p.container_port
        {
            return Err(Error::PortConflict {
                pod: pod_name.to_string(),
                port: p.host_port,
                protocol: p.protocol.as_lower(),
            });
        }
    }
    publish.dedup();
    let dns = spec.dns_config.as_ref().map_or_else(DnsPlan::default, |d| DnsPlan {
        servers: d.nameservers.clone(),
        searches: d.searches.clone(),
        options: d
            .options
            .iter()
            .map(|o| match &o.value {
                Some(v) => format!("{}:{v}", o.name),
                None => o.name.clone(),
            })
            .collect(),
    });
    Ok(PodPlan {
        name: pod_name.to_string(),
        source: (source.0, source.1.to_string()),
        labels: meta.labels.clone(),
        annotations: meta.annotations.clone(),
        hostname: spec.hostname.clone(),
        host_network: spec.host_network,
        share_pid: spec.share_process_namespace,
        hosts: spec
            .host_aliases
            .iter()
            .map(|h| HostEntry {
                ip: h.ip.clone(),
                hostnames: h.hostnames.clone(),
            })
            .collect(),
        dns,
        restart_policy: spec.restart_policy.unwrap_or(RestartPolicy::Always),
        backoff_limit: None,
        publish,
        stop_timeout: spec.termination_grace_period_seconds.map(|s| s.max(0) as u64),
        sysctls: spec
            .security_context
            .iter()
            .flat_map(|s| s.sysctls.iter().map(|x| (x.name.clone(), x.value.clone())))
            .collect(),
        volumes,
        init_containers,
        containers,
    })
}

fn pod_volume(pod: &str, v: &super::model::Volume, sources: &Sources<'_>) -> Result<PodVolume, Error> {
    let fail = |message: String| Error::Volume {
        pod: pod.to_string(),
        volume: v.name.clone(),
        message,
    };
    let size =
        |q: Option<&super::model::QuantityValue>| q.map(|q| q.bytes()).transpose().map_err(|e| fail(e.to_string()));
    let source = if let Some(h) = &v.host_path {
        if h.path.contains('/') {
            VolumeSource::HostPath {
                path: PathBuf::from(&h.path),
                type_: h.type_.unwrap_or(HostPathType::Unset),
            }
        } else {
            VolumeSource::Named {
                name: h.path.clone(),
                read_only: false,
            }
        }
    } else if let Some(c) = &v.persistent_volume_claim {
        VolumeSource::Named {
            name: c.claim_name.clone(),
            read_only: c.read_only,
        }
    } else if let Some(e) = &v.empty_dir {
        let size_limit = size(e.size_limit.as_ref())?;
        if e.medium.as_deref() == Some("Memory") {
            VolumeSource::Tmpfs { size_limit }
        } else {
            VolumeSource::EmptyDir { size_limit }
        }
    } else if let Some(c) = &v.config_map {
        let values = sources.config_map(&c.name);
        files_source((Kind::ConfigMap, &c.name), values, &c.items, c.default_mode, c.optional).map_err(fail)?
    } else if let Some(s) = &v.secret {
        let values = sources.secret(&s.secret_name);
        files_source(
            (Kind::Secret, &s.secret_name),
            values,
            &s.items,
            s.default_mode,
            s.optional,
        )
        .map_err(fail)?
    } else {
        return Err(fail("no volume source".to_string()));
    };
    Ok(PodVolume {
        name: v.name.clone(),
        source,
    })
}

fn files_source(
    from: (Kind, &str),
    values: Option<BTreeMap<String, Vec<u8>>>,
    items: &[super::model::KeyToPath],
    default_mode: Option<i32>,
    optional: bool,
) -> Result<VolumeSource, String> {
    let what = if from.0 == Kind::Secret { "secret" } else { "configmap" };
    let mode = |m: Option<i32>| m.or(default_mode).map_or(0o644, |m| m as u32 & 0o777);
    let mut files = Vec::new();
    match values {
        None if optional => {}
        None => return Err(format!("{what} {:?} not found", from.1)),
        Some(values) if items.is_empty() => {
            for (key, data) in values {
                files.push(FileEntry {
                    path: key,
                    data,
                    mode: mode(None),
                });
            }
        }
        Some(mut values) => {
            for item in items {
                match values.remove(&item.key) {
                    Some(data) => files.push(FileEntry {
                        path: item.path.clone(),
                        data,
                        mode: mode(item.mode),
                    }),
                    None if optional => {}
                    None => return Err(format!("{what} {:?} has no key {:?}", from.1, item.key)),
                }
            }
        }
    }
    Ok(VolumeSource::Files {
        from: (from.0, from.1.to_string()),
        files,
    })
}

#[allow(clippy::too_many_arguments)]
fn container_plan(
    pod: &str,
    c: &Container,
    meta: &ObjectMeta,
    pod_security: Option<&PodSecurityContext>,
    all: &[&Container],
    sources: &Sources<'_>,
    publish: &mut Vec<Publication>,
    warnings: &mut Vec<String>,
) -> Result<ContainerPlan, Error> {
    let fail = |message: String| Error::Container {
        pod: pod.to_string(),
        container: c.name.clone(),
        message,
    };
    let env = env::resolve(c, meta, pod, all, sources, warnings)?;
    let image = c.image.clone().unwrap_or_default();
    let pull_policy = c.image_pull_policy.unwrap_or_else(|| default_pull_policy(&image));
    let expand = |v: &Vec<String>| (!v.is_empty()).then(|| v.iter().map(|a| env.expand(a)).collect::<Vec<_>>());
    let mut ports = Vec::new();
    for p in &c.ports {
        let protocol = p.protocol.unwrap_or_default();
        let container_port = p.container_port as u16;
        ports.push(PortPlan {
            name: p.name.clone(),
            container_port,
            protocol,
        });
        if let Some(host_port) = p.host_port.filter(|h| *h > 0) {
            publish.push(Publication {
                host_ip: p.host_ip.clone().filter(|ip| !ip.is_empty()),
                host_port: host_port as u16,
                container_port,
                protocol,
            });
        }
    }
    let mounts = c
        .volume_mounts
        .iter()
        .map(|m| MountPlan {
            volume: m.name.clone(),
            destination: m.mount_path.clone(),
            sub_path: m.sub_path.clone().filter(|s| !s.is_empty()),
            read_only: m.read_only,
        })
        .collect();
    let resources = resource_plan(c, pod, warnings).map_err(&fail)?;
    let probe = |p: &Option<Probe>| p.as_ref().map(|p| probe_plan(p, c)).transpose().map_err(&fail);
    Ok(ContainerPlan {
        name: format!("{pod}-{}", c.name),
        short_name: c.name.clone(),
        image,
        pull_policy,
        command: expand(&c.command),
        args: expand(&c.args),
        env: env.vars,
        working_dir: c.working_dir.clone().filter(|w| !w.is_empty()),
        tty: c.tty,
        stdin: c.stdin,
        ports,
        mounts,
        resources,
        security: security_plan(c, pod_security),
        liveness: probe(&c.liveness_probe)?,
        readiness: probe(&c.readiness_probe)?,
        startup: probe(&c.startup_probe)?,
    })
}

/// Kubernetes' default pull policy: Always for `:latest` or an untagged name, else IfNotPresent.
pub fn default_pull_policy(image: &str) -> PullPolicy {
    if image.contains('@') {
        return PullPolicy::IfNotPresent;
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.split_once(':') {
        None => PullPolicy::Always,
        Some((_, "latest")) => PullPolicy::Always,
        Some(_) => PullPolicy::IfNotPresent,
    }
}

fn resource_plan(c: &Container, pod: &str, warnings: &mut Vec<String>) -> Result<ResourcePlan, String> {
    let Some(r) = &c.resources else {
        return Ok(ResourcePlan::default());
    };
    for (section, map) in [("limits", &r.limits), ("requests", &r.requests)] {
        for name in map.keys().filter(|k| *k != "cpu" && *k != "memory") {
            warnings.push(format!(
                "pod {pod:?}: container {:?}: resources.{section}.{name}: ignored: ferry applies cpu and memory",
                c.name
            ));
        }
    }
    let millis = |q: Option<&super::model::QuantityValue>| q.map(|q| q.millis()).transpose().map_err(|e| e.to_string());
    let bytes = |q: Option<&super::model::QuantityValue>| q.map(|q| q.bytes()).transpose().map_err(|e| e.to_string());
    Ok(ResourcePlan {
        cpu_limit_millis: millis(r.limits.get("cpu"))?,
        cpu_request_millis: millis(r.requests.get("cpu"))?,
        memory_limit_bytes: bytes(r.limits.get("memory"))?,
        memory_request_bytes: bytes(r.requests.get("memory"))?,
    })
}

/// `NET_ADMIN`, `net_admin` and `CAP_NET_ADMIN` name one capability.
pub fn capability_name(name: &str) -> String {
    let upper = name.to_ascii_uppercase();
    if upper == "ALL" || upper.starts_with("CAP_") {
        upper
    } else {
        format!("CAP_{upper}")
    }
}

fn security_plan(c: &Container, pod: Option<&PodSecurityContext>) -> SecurityPlan {
    let own = c.security_context.clone().unwrap_or_default();
    let pod = pod.cloned().unwrap_or_default();
    let caps = own.capabilities.unwrap_or_default();
    SecurityPlan {
        run_as_user: own.run_as_user.or(pod.run_as_user),
        run_as_group: own.run_as_group.or(pod.run_as_group),
        run_as_non_root: own.run_as_non_root.or(pod.run_as_non_root).unwrap_or(false),
        supplemental_groups: pod.supplemental_groups,
        privileged: own.privileged.unwrap_or(false),
        read_only_root_filesystem: own.read_only_root_filesystem.unwrap_or(false),
        no_new_privileges: own.allow_privilege_escalation == Some(false),
        cap_add: caps.add.iter().map(|n| capability_name(n)).collect(),
        cap_drop: caps.drop.iter().map(|n| capability_name(n)).collect(),
        se_linux: own.se_linux_options.or(pod.se_linux_options),
        seccomp: own.seccomp_profile.or(pod.seccomp_profile),
    }
}

/// A port given by number or by the name of one of the container's ports.
fn resolve_port(port: &IntOrString, c: &Container) -> Result<u16, String> {
    let number = match port {
        IntOrString::Int(n) => *n,
        IntOrString::String(s) => match s.parse::<i32>() {
            Ok(n) => n,
            Err(_) => c
                .ports
                .iter()
                .find(|p| p.name.as_deref() == Some(s))
                .map(|p| p.container_port)
                .ok_or_else(|| format!("no port named {s:?}"))?,
        },
    };
    u16::try_from(number)
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("port {number} is not between 1 and 65535"))
}

fn probe_plan(p: &Probe, c: &Container) -> Result<ProbePlan, String> {
    let check = if let Some(e) = &p.exec {
        ProbeCheck::Exec(e.command.clone())
    } else if let Some(h) = &p.http_get {
        ProbeCheck::HttpGet {
            https: h.scheme == Some(HttpScheme::Https),
            host: h
                .host
                .clone()
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "localhost".to_string()),
            port: resolve_port(&h.port, c)?,
            path: h
                .path
                .clone()
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "/".to_string()),
            headers: h
                .http_headers
                .iter()
                .map(|x| (x.name.clone(), x.value.clone()))
                .collect(),
        }
    } else if let Some(t) = &p.tcp_socket {
        ProbeCheck::TcpSocket {
            host: t
                .host
                .clone()
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "localhost".to_string()),
            port: resolve_port(&t.port, c)?,
        }
    } else {
        return Err("a probe needs exec, httpGet or tcpSocket".to_string());
    };
    let secs = |v: Option<i32>, default: u32| v.map_or(default, |v| v.max(0) as u32);
    Ok(ProbePlan {
        check,
        initial_delay_seconds: secs(p.initial_delay_seconds, 0),
        period_seconds: secs(p.period_seconds, 10).max(1),
        timeout_seconds: secs(p.timeout_seconds, 1).max(1),
        success_threshold: secs(p.success_threshold, 1).max(1),
        failure_threshold: secs(p.failure_threshold, 3).max(1),
    })
}

/// A Service's node ports for a pod it selects, published on the host like a `hostPort`.
fn service_publications(
    service: &Service,
    meta: &ObjectMeta,
    containers: &[Container],
    pod: &str,
    publish: &mut Vec<Publication>,
    warnings: &mut Vec<String>,
) -> Result<(), Error> {
    let selector = &service.spec.selector;
    if selector.is_empty() || selector.iter().any(|(k, v)| meta.labels.get(k) != Some(v)) {
        return Ok(());
    }
    let name = service.metadata.name.as_deref().unwrap_or("");
    if !matches!(
        service.spec.type_,
        Some(ServiceType::NodePort | ServiceType::LoadBalancer)
    ) {
        return Ok(());
    }
    for port in &service.spec.ports {
        let Some(node_port) = port.node_port else {
            warnings.push(format!(
                "Service {name:?}: port {} has no nodePort: not published (ferry does not pick one)",
                port.port
            ));
            continue;
        };
        let target = port.target_port.clone().unwrap_or(IntOrString::Int(port.port));
        let container_port = match &target {
            IntOrString::Int(n) => u16::try_from(*n).unwrap_or(0),
            IntOrString::String(s) => containers
                .iter()
                .flat_map(|c| &c.ports)
                .find(|p| p.name.as_deref() == Some(s.as_str()))
                .map(|p| p.container_port as u16)
                .ok_or_else(|| Error::Service {
                    pod: pod.to_string(),
                    service: name.to_string(),
                    message: format!("target port {s:?} is not the name of a container port"),
                })?,
        };
        publish.push(Publication {
            host_ip: None,
            host_port: node_port as u16,
            container_port,
            protocol: port.protocol.unwrap_or_default(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests;
