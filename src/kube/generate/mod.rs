//! Kubernetes objects from plain descriptions of containers, pods and volumes, for
//! `kube generate`: the engine fills a [`PodDescription`] from inspect data and calls [`pod`],
//! [`deployment`], [`daemon_set`], [`service`] or [`persistent_volume_claim`]; [`describe`]
//! reads a pod template back into a description (the round trip the tests check).
//!
//! As Podman writes them: the pod (or template) is labelled `app: <name>`, bind mounts become
//! `hostPath` volumes named after the path with `-host`, named volumes become claims named
//! `<volume>-pvc`, health checks become liveness probes.

use std::collections::BTreeMap;

use super::model::{
    Capabilities, Container, ContainerPort, DaemonSet, DaemonSetSpec, Deployment, DeploymentSpec, EmptyDirVolumeSource,
    EnvVar, ExecAction, HostAlias, HostPathType, HostPathVolumeSource, HttpGetAction, HttpHeader, HttpScheme,
    IntOrString, LabelSelector, ObjectMeta, PersistentVolumeClaim, PersistentVolumeClaimSpec,
    PersistentVolumeClaimVolumeSource, Pod, PodDnsConfig, PodDnsConfigOption, PodSecurityContext, PodSpec,
    PodTemplateSpec, Probe, Protocol, QuantityValue, ResourceRequirements, RestartPolicy, SecurityContext, Service,
    ServicePort, ServiceSpec, ServiceType, TcpSocketAction, Volume, VolumeMount,
};
use super::play::{DnsPlan, HostEntry, ProbeCheck, ProbePlan, ResourcePlan, SecurityPlan};
use super::quantity::{format_bytes, format_cpu_millis};

/// A pod (or a lone container, as a pod of one) to write.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PodDescription {
    pub name: String,
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
    pub hostname: Option<String>,
    pub host_network: bool,
    pub share_pid: bool,
    pub hosts: Vec<HostEntry>,
    pub dns: DnsPlan,
    pub restart_policy: Option<RestartPolicy>,
    /// Seconds between the stop signal and SIGKILL.
    pub stop_timeout: Option<u64>,
    pub init_containers: Vec<ContainerDescription>,
    pub containers: Vec<ContainerDescription>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContainerDescription {
    /// The name inside the pod (Podman writes the container's own name).
    pub name: String,
    pub image: String,
    /// The entrypoint as run (Kubernetes' `command`); empty to keep the image's.
    pub command: Vec<String>,
    /// The cmd as run (Kubernetes' `args`).
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    pub working_dir: Option<String>,
    pub ports: Vec<PortDescription>,
    pub mounts: Vec<MountDescription>,
    pub resources: ResourcePlan,
    pub security: SecurityPlan,
    pub liveness: Option<ProbePlan>,
    pub tty: bool,
    pub stdin: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortDescription {
    pub container_port: u16,
    pub host_port: Option<u16>,
    pub host_ip: Option<String>,
    pub protocol: Protocol,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MountDescription {
    pub source: MountSource,
    pub destination: String,
    pub read_only: bool,
    pub sub_path: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MountSource {
    /// A bind mount: `Directory` or `File` for what exists on the host, `DirectoryOrCreate`
    /// when nothing does (Podman's choice).
    HostPath { path: String, type_: HostPathType },
    /// A named volume, written as a claim of that name.
    Volume { name: String },
    /// A tmpfs, written as an `emptyDir` with medium Memory.
    Tmpfs { size_limit: Option<u64> },
}

/// A named volume to write as a PersistentVolumeClaim.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VolumeDescription {
    pub name: String,
    pub labels: BTreeMap<String, String>,
    pub driver: Option<String>,
    /// `volume create --opt` keys: `device`, `type`, `o`, `uid`, `gid`.
    pub options: BTreeMap<String, String>,
}

/// The Pod for `desc`.
pub fn pod(desc: &PodDescription) -> Pod {
    let template = template(desc);
    Pod::new(template.metadata, template.spec)
}

/// A Deployment of one replica whose template is `desc` (restartPolicy Always), selected by
/// `app: <name>`.
pub fn deployment(desc: &PodDescription) -> Deployment {
    let template = template(desc);
    Deployment::new(
        ObjectMeta {
            name: Some(desc.name.clone()),
            labels: app_labels(desc),
            annotations: BTreeMap::new(),
        },
        DeploymentSpec {
            replicas: Some(1),
            selector: app_selector(desc),
            template: controller_template(template),
        },
    )
}

/// A DaemonSet whose template is `desc` (restartPolicy Always), selected by `app: <name>`.
pub fn daemon_set(desc: &PodDescription) -> DaemonSet {
    let template = template(desc);
    DaemonSet::new(
        ObjectMeta {
            name: Some(desc.name.clone()),
            labels: app_labels(desc),
            annotations: BTreeMap::new(),
        },
        DaemonSetSpec {
            selector: app_selector(desc),
            template: controller_template(template),
        },
    )
}

/// A Service selecting the pod by `app: <name>` with one port per published container port;
/// `node_port` picks the node port for each (Podman picks a free one in 30000-32767).
pub fn service(desc: &PodDescription, node_port: &mut dyn FnMut(&PortDescription) -> u16) -> Service {
    let mut ports = Vec::new();
    for c in desc.init_containers.iter().chain(&desc.containers) {
        for p in c.ports.iter().filter(|p| p.host_port.is_some()) {
            ports.push(ServicePort {
                name: Some(format!("{}-{}", p.container_port, p.protocol.as_lower())),
                protocol: Some(p.protocol),
                port: i32::from(p.container_port),
                target_port: Some(IntOrString::Int(i32::from(p.container_port))),
                node_port: Some(i32::from(node_port(p))),
            });
        }
    }
    let type_ = (!ports.is_empty()).then_some(ServiceType::NodePort);
    Service::new(
        ObjectMeta {
            name: Some(desc.name.clone()),
            labels: BTreeMap::new(),
            annotations: BTreeMap::new(),
        },
        ServiceSpec {
            type_,
            selector: app_labels(desc),
            ports,
        },
    )
}

/// A claim for a named volume, with the driver and options as `volume.podman.io/` annotations.
pub fn persistent_volume_claim(desc: &VolumeDescription) -> PersistentVolumeClaim {
    let mut annotations = BTreeMap::new();
    if let Some(driver) = &desc.driver {
        annotations.insert("volume.podman.io/driver".to_string(), driver.clone());
    }
    for (option, annotation) in [
        ("device", "volume.podman.io/device"),
        ("type", "volume.podman.io/type"),
        ("uid", "volume.podman.io/uid"),
        ("gid", "volume.podman.io/gid"),
        ("o", "volume.podman.io/mount-options"),
    ] {
        if let Some(value) = desc.options.get(option) {
            annotations.insert(annotation.to_string(), value.clone());
        }
    }
    let mut requests = BTreeMap::new();
    requests.insert(
        "storage".to_string(),
        QuantityValue::parse("1Gi").expect("1Gi is a quantity"),
    );
    PersistentVolumeClaim::new(
        ObjectMeta {
            name: Some(desc.name.clone()),
            labels: desc.labels.clone(),
            annotations,
        },
        PersistentVolumeClaimSpec {
            access_modes: vec!["ReadWriteOnce".to_string()],
            resources: Some(ResourceRequirements {
                limits: BTreeMap::new(),
                requests,
            }),
            storage_class_name: None,
            volume_mode: None,
        },
    )
}

fn app_labels(desc: &PodDescription) -> BTreeMap<String, String> {
    let mut labels = BTreeMap::new();
    labels.insert("app".to_string(), app_value(desc));
    labels
}

fn app_value(desc: &PodDescription) -> String {
    desc.labels.get("app").cloned().unwrap_or_else(|| desc.name.clone())
}

fn app_selector(desc: &PodDescription) -> LabelSelector {
    LabelSelector {
        match_labels: app_labels(desc),
        match_expressions: Vec::new(),
    }
}

/// A template for a Deployment or DaemonSet: no name of its own, and restartPolicy Always, the
/// only policy Kubernetes accepts for their pods (a container's on-failure or no policy cannot
/// be carried over).
fn controller_template(mut template: PodTemplateSpec) -> PodTemplateSpec {
    template.metadata.name = None;
    template.spec.restart_policy = Some(RestartPolicy::Always);
    template
}

/// The pod's metadata and spec; volumes collected from the containers' mounts, one per source.
fn template(desc: &PodDescription) -> PodTemplateSpec {
    let mut labels = desc.labels.clone();
    labels.entry("app".to_string()).or_insert_with(|| desc.name.clone());
    let mut volumes: Vec<Volume> = Vec::new();
    let mut build = |c: &ContainerDescription| container(c, &mut volumes);
    let init_containers = desc.init_containers.iter().map(&mut build).collect();
    let containers = desc.containers.iter().map(&mut build).collect();
    let dns_config = (desc.dns != DnsPlan::default()).then(|| PodDnsConfig {
        nameservers: desc.dns.servers.clone(),
        searches: desc.dns.searches.clone(),
        options: desc
            .dns
            .options
            .iter()
            .map(|o| match o.split_once(':') {
                Some((name, value)) => PodDnsConfigOption {
                    name: name.to_string(),
                    value: Some(value.to_string()),
                },
                None => PodDnsConfigOption {
                    name: o.clone(),
                    value: None,
                },
            })
            .collect(),
    });
    PodTemplateSpec {
        metadata: ObjectMeta {
            name: Some(desc.name.clone()),
            labels,
            annotations: desc.annotations.clone(),
        },
        spec: PodSpec {
            init_containers,
            containers,
            volumes,
            restart_policy: desc.restart_policy,
            hostname: desc.hostname.clone(),
            host_network: desc.host_network,
            share_process_namespace: desc.share_pid,
            host_aliases: desc
                .hosts
                .iter()
                .map(|h| HostAlias {
                    ip: h.ip.clone(),
                    hostnames: h.hostnames.clone(),
                })
                .collect(),
            dns_config,
            security_context: None::<PodSecurityContext>,
            termination_grace_period_seconds: desc.stop_timeout.map(|s| i64::try_from(s).unwrap_or(i64::MAX)),
        },
    }
}

/// A volume name valid in Kubernetes (a DNS label) from `base`, unique among `volumes`.
fn volume_name(base: &str, suffix: &str, volumes: &[Volume]) -> String {
    let mut name: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    name = name.trim_matches('-').to_string();
    while name.contains("--") {
        name = name.replace("--", "-");
    }
    if name.is_empty() {
        name = "root".to_string();
    }
    let keep = 63 - suffix.len() - 4;
    if name.len() > keep {
        name.truncate(keep);
        name = name.trim_end_matches('-').to_string();
    }
    let mut candidate = format!("{name}{suffix}");
    let mut n = 1;
    while volumes.iter().any(|v| v.name == candidate) {
        n += 1;
        candidate = format!("{name}{n}{suffix}");
    }
    candidate
}

fn volume_for(source: &MountSource, volumes: &mut Vec<Volume>) -> String {
    let existing = volumes.iter().find(|v| match source {
        MountSource::HostPath { path, .. } => v.host_path.as_ref().is_some_and(|h| &h.path == path),
        MountSource::Volume { name } => v
            .persistent_volume_claim
            .as_ref()
            .is_some_and(|c| &c.claim_name == name),
        MountSource::Tmpfs { .. } => false,
    });
    if let Some(v) = existing {
        return v.name.clone();
    }
    let volume = match source {
        MountSource::HostPath { path, type_ } => Volume {
            name: volume_name(path, "-host", volumes),
            host_path: Some(HostPathVolumeSource {
                path: path.clone(),
                type_: (*type_ != HostPathType::Unset).then_some(*type_),
            }),
            ..Volume::default()
        },
        MountSource::Volume { name } => Volume {
            name: volume_name(name, "-pvc", volumes),
            persistent_volume_claim: Some(PersistentVolumeClaimVolumeSource {
                claim_name: name.clone(),
                read_only: false,
            }),
            ..Volume::default()
        },
        MountSource::Tmpfs { size_limit } => Volume {
            name: volume_name("tmpfs", "", volumes),
            empty_dir: Some(EmptyDirVolumeSource {
                medium: Some("Memory".to_string()),
                size_limit: size_limit.map(|b| QuantityValue::parse(&format_bytes(b)).expect("formatted bytes parse")),
            }),
            ..Volume::default()
        },
    };
    let name = volume.name.clone();
    volumes.push(volume);
    name
}

fn container(c: &ContainerDescription, volumes: &mut Vec<Volume>) -> Container {
    let volume_mounts = c
        .mounts
        .iter()
        .map(|m| VolumeMount {
            name: volume_for(&m.source, volumes),
            mount_path: m.destination.clone(),
            sub_path: m.sub_path.clone(),
            read_only: m.read_only,
        })
        .collect();
    let r = &c.resources;
    let mut limits = BTreeMap::new();
    let mut requests = BTreeMap::new();
    let quantity = |text: String| QuantityValue::parse(&text).expect("formatted quantities parse");
    if let Some(m) = r.cpu_limit_millis {
        limits.insert("cpu".to_string(), quantity(format_cpu_millis(m)));
    }
    if let Some(b) = r.memory_limit_bytes {
        limits.insert("memory".to_string(), quantity(format_bytes(b)));
    }
    if let Some(m) = r.cpu_request_millis {
        requests.insert("cpu".to_string(), quantity(format_cpu_millis(m)));
    }
    if let Some(b) = r.memory_request_bytes {
        requests.insert("memory".to_string(), quantity(format_bytes(b)));
    }
    let resources = (!limits.is_empty() || !requests.is_empty()).then_some(ResourceRequirements { limits, requests });
    Container {
        name: c.name.clone(),
        image: Some(c.image.clone()),
        command: c.command.clone(),
        args: c.args.clone(),
        working_dir: c.working_dir.clone(),
        env: c
            .env
            .iter()
            .map(|(name, value)| EnvVar {
                name: name.clone(),
                // An empty value is written as none, as Kubernetes' own types print it.
                value: (!value.is_empty()).then(|| value.clone()),
                value_from: None,
            })
            .collect(),
        env_from: Vec::new(),
        ports: c
            .ports
            .iter()
            .map(|p| ContainerPort {
                name: None,
                container_port: i32::from(p.container_port),
                host_port: p.host_port.map(i32::from),
                protocol: (p.protocol != Protocol::Tcp).then_some(p.protocol),
                host_ip: p.host_ip.clone(),
            })
            .collect(),
        volume_mounts,
        resources,
        security_context: security_context(&c.security),
        liveness_probe: c.liveness.as_ref().map(probe),
        readiness_probe: None,
        startup_probe: None,
        stdin: c.stdin,
        tty: c.tty,
        image_pull_policy: None,
    }
}

fn security_context(s: &SecurityPlan) -> Option<SecurityContext> {
    // Kubernetes spells capabilities without the CAP_ prefix.
    let strip = |v: &Vec<String>| {
        v.iter()
            .map(|c| c.strip_prefix("CAP_").unwrap_or(c).to_string())
            .collect::<Vec<_>>()
    };
    let capabilities = (!s.cap_add.is_empty() || !s.cap_drop.is_empty()).then(|| Capabilities {
        add: strip(&s.cap_add),
        drop: strip(&s.cap_drop),
    });
    let sc = SecurityContext {
        capabilities,
        privileged: s.privileged.then_some(true),
        run_as_user: s.run_as_user,
        run_as_group: s.run_as_group,
        run_as_non_root: s.run_as_non_root.then_some(true),
        read_only_root_filesystem: s.read_only_root_filesystem.then_some(true),
        allow_privilege_escalation: s.no_new_privileges.then_some(false),
        se_linux_options: s.se_linux.clone(),
        seccomp_profile: s.seccomp.clone(),
    };
    (sc != SecurityContext::default()).then_some(sc)
}

fn probe(p: &ProbePlan) -> Probe {
    let mut probe = Probe {
        initial_delay_seconds: Some(p.initial_delay_seconds as i32),
        period_seconds: Some(p.period_seconds as i32),
        timeout_seconds: Some(p.timeout_seconds as i32),
        success_threshold: Some(p.success_threshold as i32),
        failure_threshold: Some(p.failure_threshold as i32),
        ..Probe::default()
    };
    match &p.check {
        ProbeCheck::Exec(command) => {
            probe.exec = Some(ExecAction {
                command: command.clone(),
            })
        }
        ProbeCheck::HttpGet {
            https,
            host,
            port,
            path,
            headers,
        } => {
            probe.http_get = Some(HttpGetAction {
                path: Some(path.clone()),
                port: IntOrString::Int(i32::from(*port)),
                host: (host != "localhost").then(|| host.clone()),
                scheme: Some(if *https { HttpScheme::Https } else { HttpScheme::Http }),
                http_headers: headers
                    .iter()
                    .map(|(name, value)| HttpHeader {
                        name: name.clone(),
                        value: value.clone(),
                    })
                    .collect(),
            })
        }
        ProbeCheck::TcpSocket { host, port } => {
            probe.tcp_socket = Some(TcpSocketAction {
                port: IntOrString::Int(i32::from(*port)),
                host: (host != "localhost").then(|| host.clone()),
            })
        }
    }
    probe
}

/// Reads a pod's metadata and spec back into a description: the inverse of [`pod`] for what
/// it writes (env values given inline, volumes of the three kinds it makes).
pub fn describe(meta: &ObjectMeta, spec: &PodSpec) -> PodDescription {
    let describe_container = |c: &Container| {
        let plan_security = c.security_context.clone().unwrap_or_default();
        let caps = plan_security.capabilities.clone().unwrap_or_default();
        let resources = c.resources.clone().unwrap_or_default();
        let millis = |q: Option<&QuantityValue>| q.and_then(|q| q.millis().ok());
        let bytes = |q: Option<&QuantityValue>| q.and_then(|q| q.bytes().ok());
        ContainerDescription {
            name: c.name.clone(),
            image: c.image.clone().unwrap_or_default(),
            command: c.command.clone(),
            args: c.args.clone(),
            env: c
                .env
                .iter()
                .map(|e| (e.name.clone(), e.value.clone().unwrap_or_default()))
                .collect(),
            working_dir: c.working_dir.clone(),
            ports: c
                .ports
                .iter()
                .map(|p| PortDescription {
                    container_port: p.container_port as u16,
                    host_port: p.host_port.map(|h| h as u16),
                    host_ip: p.host_ip.clone(),
                    protocol: p.protocol.unwrap_or_default(),
                })
                .collect(),
            mounts: c
                .volume_mounts
                .iter()
                .filter_map(|m| {
                    let v = spec.volumes.iter().find(|v| v.name == m.name)?;
                    let source = if let Some(h) = &v.host_path {
                        MountSource::HostPath {
                            path: h.path.clone(),
                            type_: h.type_.unwrap_or(HostPathType::Unset),
                        }
                    } else if let Some(c) = &v.persistent_volume_claim {
                        MountSource::Volume {
                            name: c.claim_name.clone(),
                        }
                    } else if let Some(e) = &v.empty_dir {
                        MountSource::Tmpfs {
                            size_limit: e.size_limit.as_ref().and_then(|q| q.bytes().ok()),
                        }
                    } else {
                        return None;
                    };
                    Some(MountDescription {
                        source,
                        destination: m.mount_path.clone(),
                        read_only: m.read_only,
                        sub_path: m.sub_path.clone(),
                    })
                })
                .collect(),
            resources: ResourcePlan {
                cpu_limit_millis: millis(resources.limits.get("cpu")),
                cpu_request_millis: millis(resources.requests.get("cpu")),
                memory_limit_bytes: bytes(resources.limits.get("memory")),
                memory_request_bytes: bytes(resources.requests.get("memory")),
            },
            security: SecurityPlan {
                run_as_user: plan_security.run_as_user,
                run_as_group: plan_security.run_as_group,
                run_as_non_root: plan_security.run_as_non_root.unwrap_or(false),
                supplemental_groups: Vec::new(),
                privileged: plan_security.privileged.unwrap_or(false),
                read_only_root_filesystem: plan_security.read_only_root_filesystem.unwrap_or(false),
                no_new_privileges: plan_security.allow_privilege_escalation == Some(false),
                cap_add: caps.add.iter().map(|n| super::play::capability_name(n)).collect(),
                cap_drop: caps.drop.iter().map(|n| super::play::capability_name(n)).collect(),
                se_linux: plan_security.se_linux_options.clone(),
                seccomp: plan_security.seccomp_profile.clone(),
            },
            liveness: c.liveness_probe.as_ref().and_then(|p| describe_probe(p, c)),
            tty: c.tty,
            stdin: c.stdin,
        }
    };
    PodDescription {
        name: meta.name.clone().unwrap_or_default(),
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
        dns: spec.dns_config.as_ref().map_or_else(DnsPlan::default, |d| DnsPlan {
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
        }),
        restart_policy: spec.restart_policy,
        stop_timeout: spec.termination_grace_period_seconds.map(|s| s.max(0) as u64),
        init_containers: spec.init_containers.iter().map(describe_container).collect(),
        containers: spec.containers.iter().map(describe_container).collect(),
    }
}

fn describe_probe(p: &Probe, c: &Container) -> Option<ProbePlan> {
    let port = |port: &IntOrString| match port {
        IntOrString::Int(n) => u16::try_from(*n).ok(),
        IntOrString::String(name) => c
            .ports
            .iter()
            .find(|p| p.name.as_deref() == Some(name))
            .and_then(|p| u16::try_from(p.container_port).ok()),
    };
    let check = if let Some(e) = &p.exec {
        ProbeCheck::Exec(e.command.clone())
    } else if let Some(h) = &p.http_get {
        ProbeCheck::HttpGet {
            https: h.scheme == Some(HttpScheme::Https),
            host: h.host.clone().unwrap_or_else(|| "localhost".to_string()),
            port: port(&h.port)?,
            path: h.path.clone().unwrap_or_else(|| "/".to_string()),
            headers: h
                .http_headers
                .iter()
                .map(|x| (x.name.clone(), x.value.clone()))
                .collect(),
        }
    } else {
        let t = p.tcp_socket.as_ref()?;
        ProbeCheck::TcpSocket {
            host: t.host.clone().unwrap_or_else(|| "localhost".to_string()),
            port: port(&t.port)?,
        }
    };
    let secs = |v: Option<i32>, default: u32| v.map_or(default, |v| v.max(0) as u32);
    Some(ProbePlan {
        check,
        initial_delay_seconds: secs(p.initial_delay_seconds, 0),
        period_seconds: secs(p.period_seconds, 10),
        timeout_seconds: secs(p.timeout_seconds, 1),
        success_threshold: secs(p.success_threshold, 1),
        failure_threshold: secs(p.failure_threshold, 3),
    })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod peers;
