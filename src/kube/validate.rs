//! The checks Kubernetes' API server makes that matter for running an object here: names,
//! references between containers, mounts and volumes, one source per volume/env/probe, port
//! ranges, selectors that match their template, Job restart policies, requests within limits.
//! Cluster-only requirements (a PVC's size, access modes) are not enforced, as Podman does not.

use std::collections::BTreeSet;

use crate::yaml::de::Segment;

use super::model::{
    Container, EnvVar, IntOrString, Kind, LabelSelector, Object, ObjectMeta, PodSpec, PodTemplateSpec, Probe,
    ResourceRequirements, RestartPolicy, ServiceType, Volume,
};

/// What is wrong and where (key path from the document's root).
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub path: Vec<Segment>,
    pub message: String,
}

type Check = Result<(), Problem>;

struct Path(Vec<Segment>);

impl Path {
    fn key(&self, k: &str) -> Path {
        let mut p = self.0.clone();
        p.push(Segment::Key(k.to_string()));
        Path(p)
    }

    fn at(&self, k: &str, i: usize) -> Path {
        let mut p = self.key(k).0;
        p.push(Segment::Index(i));
        Path(p)
    }

    fn fail(&self, message: impl Into<String>) -> Check {
        Err(Problem {
            path: self.0.clone(),
            message: message.into(),
        })
    }
}

pub fn object(object: &Object) -> Check {
    let root = Path(Vec::new());
    let kind = object.kind();
    meta_name(object.metadata(), kind, &root)?;
    match object {
        Object::Pod(pod) => pod_spec(&pod.spec, &root.key("spec"), kind),
        Object::Deployment(d) => {
            let spec = root.key("spec");
            if d.spec.replicas.is_some_and(|r| r < 0) {
                return spec.key("replicas").fail("must be greater than or equal to 0");
            }
            selector(&d.spec.selector, &d.spec.template, &spec)?;
            template(&d.spec.template, &spec.key("template"), kind)
        }
        Object::DaemonSet(d) => {
            let spec = root.key("spec");
            selector(&d.spec.selector, &d.spec.template, &spec)?;
            template(&d.spec.template, &spec.key("template"), kind)
        }
        Object::Job(j) => {
            let spec = root.key("spec");
            if j.spec.backoff_limit.is_some_and(|b| b < 0) {
                return spec.key("backoffLimit").fail("must be greater than or equal to 0");
            }
            template(&j.spec.template, &spec.key("template"), kind)
        }
        Object::PersistentVolumeClaim(pvc) => {
            if pvc.spec.volume_mode.as_deref().is_some_and(|m| m != "Filesystem") {
                return root
                    .key("spec")
                    .key("volumeMode")
                    .fail("only volumeMode Filesystem is supported");
            }
            if let Some(resources) = &pvc.spec.resources {
                quantities(resources, &root.key("spec").key("resources"))?;
            }
            Ok(())
        }
        Object::ConfigMap(cm) => {
            for key in cm.data.keys() {
                data_key(key, &root.key("data"))?;
                if cm.binary_data.contains_key(key) {
                    return root.key("binaryData").fail(format!("key {key:?} is also in data"));
                }
            }
            for key in cm.binary_data.keys() {
                data_key(key, &root.key("binaryData"))?;
            }
            Ok(())
        }
        Object::Secret(secret) => {
            for key in secret.data.keys() {
                data_key(key, &root.key("data"))?;
            }
            for key in secret.string_data.keys() {
                data_key(key, &root.key("stringData"))?;
            }
            Ok(())
        }
        Object::Service(svc) => {
            let spec = root.key("spec");
            let node_ports = matches!(svc.spec.type_, Some(ServiceType::NodePort | ServiceType::LoadBalancer));
            for (i, port) in svc.spec.ports.iter().enumerate() {
                let at = spec.at("ports", i);
                port_range(port.port, &at.key("port"))?;
                if let Some(node_port) = port.node_port {
                    if !node_ports {
                        return at
                            .key("nodePort")
                            .fail("may be used only when type is NodePort or LoadBalancer");
                    }
                    port_range(node_port, &at.key("nodePort"))?;
                }
                if let Some(IntOrString::Int(target)) = port.target_port {
                    port_range(target, &at.key("targetPort"))?;
                }
            }
            Ok(())
        }
    }
}

fn meta_name(meta: &ObjectMeta, kind: Kind, at: &Path) -> Check {
    let at = at.key("metadata").key("name");
    let Some(name) = meta.name.as_deref() else {
        return at.fail("a name is required");
    };
    // Services become DNS names of one label; everything else may be a dotted subdomain.
    let ok = if kind == Kind::Service {
        dns_label(name) && name.starts_with(|c: char| c.is_ascii_lowercase())
    } else {
        dns_subdomain(name)
    };
    if ok {
        Ok(())
    } else {
        at.fail(format!(
            "invalid name {name:?}: use lowercase letters, digits and '-'{}, starting and ending with a letter or digit",
            if kind == Kind::Service { "" } else { " or '.'" }
        ))
    }
}

pub(crate) fn dns_label(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

fn dns_subdomain(s: &str) -> bool {
    s.len() <= 253 && s.split('.').all(dns_label)
}

fn data_key(key: &str, at: &Path) -> Check {
    let ok = !key.is_empty()
        && key.len() <= 253
        && key != "."
        && key != ".."
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    if ok {
        Ok(())
    } else {
        at.fail(format!("invalid key {key:?}: use letters, digits, '-', '_' or '.'"))
    }
}

fn port_range(port: i32, at: &Path) -> Check {
    if (1..=65535).contains(&port) {
        Ok(())
    } else {
        at.fail(format!("port {port} is not between 1 and 65535"))
    }
}

fn selector(sel: &LabelSelector, tmpl: &PodTemplateSpec, spec: &Path) -> Check {
    let at = spec.key("selector");
    if sel.is_empty() {
        return at.fail("a selector is required (matchLabels or matchExpressions)");
    }
    match sel.matches(&tmpl.metadata.labels) {
        None => at.fail("matchExpressions operators are In, NotIn, Exists and DoesNotExist"),
        Some(false) => at.fail("the selector does not match the template's labels"),
        Some(true) => Ok(()),
    }
}

fn template(tmpl: &PodTemplateSpec, at: &Path, kind: Kind) -> Check {
    pod_spec(&tmpl.spec, &at.key("spec"), kind)
}

fn pod_spec(spec: &PodSpec, at: &Path, kind: Kind) -> Check {
    match (kind, spec.restart_policy) {
        (Kind::Job, None | Some(RestartPolicy::Always)) => {
            return at
                .key("restartPolicy")
                .fail("a Job's pods need restartPolicy OnFailure or Never");
        }
        (Kind::Deployment | Kind::DaemonSet, Some(p)) if p != RestartPolicy::Always => {
            return at
                .key("restartPolicy")
                .fail(format!("{kind} pods must use restartPolicy Always, not {}", p.as_str()));
        }
        _ => {}
    }
    if spec.containers.is_empty() {
        return at.key("containers").fail("a pod needs at least one container");
    }
    let mut volumes = BTreeSet::new();
    for (i, volume) in spec.volumes.iter().enumerate() {
        let vat = at.at("volumes", i);
        if !dns_label(&volume.name) {
            return vat.key("name").fail(format!("invalid volume name {:?}", volume.name));
        }
        if !volumes.insert(volume.name.as_str()) {
            return vat
                .key("name")
                .fail(format!("volume {:?} is defined twice", volume.name));
        }
        volume_source(volume, &vat)?;
    }
    let mut names = BTreeSet::new();
    let all = spec
        .init_containers
        .iter()
        .enumerate()
        .map(|(i, c)| (at.at("initContainers", i), c))
        .chain(
            spec.containers
                .iter()
                .enumerate()
                .map(|(i, c)| (at.at("containers", i), c)),
        );
    for (cat, c) in all {
        if !dns_label(&c.name) {
            return cat.key("name").fail(format!(
                "invalid container name {:?}: use lowercase letters, digits and '-'",
                c.name
            ));
        }
        if !names.insert(c.name.as_str()) {
            return cat
                .key("name")
                .fail(format!("container name {:?} is used twice", c.name));
        }
        container(c, &cat, &volumes)?;
    }
    Ok(())
}

fn volume_source(volume: &Volume, at: &Path) -> Check {
    let sources = [
        volume.host_path.is_some(),
        volume.persistent_volume_claim.is_some(),
        volume.config_map.is_some(),
        volume.secret.is_some(),
        volume.empty_dir.is_some(),
    ];
    match sources.iter().filter(|s| **s).count() {
        1 => {}
        0 => {
            return at
                .fail("a volume needs one source (hostPath, persistentVolumeClaim, configMap, secret or emptyDir)");
        }
        _ => return at.fail("a volume may have only one source"),
    }
    let items = volume
        .config_map
        .as_ref()
        .map(|c| (&c.items, c.default_mode, "configMap"))
        .or(volume.secret.as_ref().map(|s| (&s.items, s.default_mode, "secret")));
    if let Some((items, default_mode, key)) = items {
        let at = at.key(key);
        if let Some(mode) = default_mode {
            file_mode(mode, &at.key("defaultMode"))?;
        }
        for (i, item) in items.iter().enumerate() {
            let iat = at.at("items", i);
            if !relative_path(&item.path) {
                return iat
                    .key("path")
                    .fail(format!("{:?} must be a relative path without '..'", item.path));
            }
            if let Some(mode) = item.mode {
                file_mode(mode, &iat.key("mode"))?;
            }
        }
    }
    if let Some(host) = &volume.host_path
        && host.path.is_empty()
    {
        return at.key("hostPath").key("path").fail("a path is required");
    }
    if let Some(size) = volume.empty_dir.as_ref().and_then(|e| e.size_limit.as_ref())
        && let Err(e) = size.bytes()
    {
        return at.key("emptyDir").key("sizeLimit").fail(e.to_string());
    }
    if let Some(medium) = volume.empty_dir.as_ref().and_then(|e| e.medium.as_deref())
        && !matches!(medium, "" | "Memory")
    {
        return at
            .key("emptyDir")
            .key("medium")
            .fail(format!("medium {medium:?} is not supported (use \"\" or Memory)"));
    }
    Ok(())
}

fn file_mode(mode: i32, at: &Path) -> Check {
    if (0..=0o777).contains(&mode) {
        Ok(())
    } else {
        at.fail(format!("mode {mode} is not between 0 and 0777 (511)"))
    }
}

fn relative_path(p: &str) -> bool {
    !p.is_empty() && !p.starts_with('/') && !p.split('/').any(|c| c == "..")
}

fn container(c: &Container, at: &Path, volumes: &BTreeSet<&str>) -> Check {
    if c.image.as_deref().is_none_or(str::is_empty) {
        return at.key("image").fail("an image is required");
    }
    let mut port_names = BTreeSet::new();
    for (i, port) in c.ports.iter().enumerate() {
        let pat = at.at("ports", i);
        port_range(port.container_port, &pat.key("containerPort"))?;
        if let Some(host) = port.host_port
            && host != 0
        {
            port_range(host, &pat.key("hostPort"))?;
        }
        if let Some(name) = &port.name {
            let ok = dns_label(name) && name.len() <= 15 && name.bytes().any(|b| b.is_ascii_lowercase());
            if !ok {
                return pat.key("name").fail(format!(
                    "invalid port name {name:?}: at most 15 lowercase letters, digits and '-', with a letter"
                ));
            }
            if !port_names.insert(name.as_str()) {
                return pat.key("name").fail(format!("port name {name:?} is used twice"));
            }
        }
    }
    for (i, e) in c.env.iter().enumerate() {
        env_var(e, &at.at("env", i))?;
    }
    for (i, e) in c.env_from.iter().enumerate() {
        if e.config_map_ref.is_some() == e.secret_ref.is_some() {
            return at
                .at("envFrom", i)
                .fail("set exactly one of configMapRef and secretRef");
        }
    }
    let mut paths = BTreeSet::new();
    for (i, m) in c.volume_mounts.iter().enumerate() {
        let mat = at.at("volumeMounts", i);
        if !volumes.contains(m.name.as_str()) {
            return mat.key("name").fail(format!("no volume named {:?} in the pod", m.name));
        }
        if !m.mount_path.starts_with('/') {
            return mat
                .key("mountPath")
                .fail(format!("{:?} must be an absolute path", m.mount_path));
        }
        if !paths.insert(m.mount_path.trim_end_matches('/')) {
            return mat
                .key("mountPath")
                .fail(format!("{:?} is mounted twice", m.mount_path));
        }
        if let Some(sub) = &m.sub_path
            && !sub.is_empty()
            && !relative_path(sub)
        {
            return mat
                .key("subPath")
                .fail(format!("{sub:?} must be a relative path without '..'"));
        }
    }
    if let Some(resources) = &c.resources {
        quantities(resources, &at.key("resources"))?;
    }
    for (key, probe) in [
        ("livenessProbe", &c.liveness_probe),
        ("readinessProbe", &c.readiness_probe),
        ("startupProbe", &c.startup_probe),
    ] {
        if let Some(probe) = probe {
            probe_handler(probe, &at.key(key))?;
        }
    }
    if let Some(caps) = c.security_context.as_ref().and_then(|s| s.capabilities.as_ref()) {
        for (key, list) in [("add", &caps.add), ("drop", &caps.drop)] {
            for (i, cap) in list.iter().enumerate() {
                if cap.is_empty() || !cap.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                    return at
                        .key("securityContext")
                        .key("capabilities")
                        .at(key, i)
                        .fail(format!("invalid capability {cap:?}"));
                }
            }
        }
    }
    Ok(())
}

fn env_var(e: &EnvVar, at: &Path) -> Check {
    if e.name.is_empty() || e.name.contains('=') {
        return at.key("name").fail(format!("invalid variable name {:?}", e.name));
    }
    if let Some(from) = &e.value_from {
        if e.value.as_deref().is_some_and(|v| !v.is_empty()) {
            return at.fail("value and valueFrom are exclusive");
        }
        let n = [
            from.config_map_key_ref.is_some(),
            from.secret_key_ref.is_some(),
            from.field_ref.is_some(),
            from.resource_field_ref.is_some(),
        ]
        .iter()
        .filter(|s| **s)
        .count();
        if n != 1 {
            return at
                .key("valueFrom")
                .fail("set exactly one of configMapKeyRef, secretKeyRef, fieldRef and resourceFieldRef");
        }
    }
    Ok(())
}

fn probe_handler(p: &Probe, at: &Path) -> Check {
    let n = [p.exec.is_some(), p.http_get.is_some(), p.tcp_socket.is_some()]
        .iter()
        .filter(|s| **s)
        .count();
    if n != 1 {
        return at.fail("set exactly one of exec, httpGet and tcpSocket");
    }
    if p.exec.as_ref().is_some_and(|e| e.command.is_empty()) {
        return at.key("exec").key("command").fail("a command is required");
    }
    for (key, value) in [
        ("initialDelaySeconds", p.initial_delay_seconds),
        ("periodSeconds", p.period_seconds),
        ("timeoutSeconds", p.timeout_seconds),
        ("successThreshold", p.success_threshold),
        ("failureThreshold", p.failure_threshold),
    ] {
        if value.is_some_and(|v| v < 0) {
            return at.key(key).fail("must be greater than or equal to 0");
        }
    }
    Ok(())
}

fn quantities(r: &ResourceRequirements, at: &Path) -> Check {
    for (key, map) in [("limits", &r.limits), ("requests", &r.requests)] {
        for (name, q) in map {
            if let Err(e) = q.bytes() {
                return at.key(key).key(name).fail(e.to_string());
            }
        }
    }
    for name in ["cpu", "memory"] {
        if let (Some(limit), Some(request)) = (r.limits.get(name), r.requests.get(name))
            && let (Ok(l), Ok(q)) = (limit.nanos(), request.nanos())
            && q > l
        {
            return at.key("requests").key(name).fail(format!(
                "must be less than or equal to the {name} limit ({})",
                limit.text
            ));
        }
    }
    Ok(())
}
