use std::collections::BTreeMap;

use super::*;
use crate::kube::parse_str;

fn no_stored(_: &str) -> Option<BTreeMap<String, Vec<u8>>> {
    None
}

fn plan_of(text: &str) -> Plan {
    let manifest = parse_str(text, "k.yaml").unwrap_or_else(|e| panic!("{e}"));
    plan(&manifest, &PlayOptions::default(), &no_stored).unwrap_or_else(|e| panic!("{e}"))
}

fn plan_error(text: &str, options: &PlayOptions) -> String {
    let manifest = parse_str(text, "k.yaml").unwrap_or_else(|e| panic!("{e}"));
    plan(&manifest, options, &no_stored).unwrap_err().to_string()
}

const WEB: &str = r#"apiVersion: v1
kind: ConfigMap
metadata: {name: web-config}
data:
  GREETING: hello
  nginx.conf: "server {}\n"
---
apiVersion: v1
kind: Secret
metadata: {name: db}
data: {password: c2VjcmV0}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: content
  annotations:
    volume.podman.io/driver: local
    volume.podman.io/mount-options: nodev
    volume.podman.io/uid: "1000"
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 2Gi}}
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  hostname: web-host
  hostAliases: [{ip: 10.1.2.3, hostnames: [db]}]
  dnsConfig: {nameservers: [9.9.9.9], options: [{name: ndots, value: "1"}]}
  securityContext: {runAsUser: 101, runAsGroup: 101}
  containers:
  - name: server
    image: docker.io/library/nginx:1.25
    args: [nginx, -g, daemon off;]
    ports:
    - {containerPort: 80, hostPort: 8080, name: http}
    - {containerPort: 53, hostPort: 5353, protocol: UDP, hostIP: 127.0.0.1}
    envFrom: [{configMapRef: {name: web-config}, prefix: CFG_}]
    env:
    - {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}
    - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
    - {name: APP, valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}}
    - {name: MEM, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}
    - {name: URL, value: "http://$(POD_NAME):80/$(UNKNOWN)/$$(POD_NAME)"}
    resources: {limits: {cpu: 1500m, memory: 256Mi, nvidia.com/gpu: 1}, requests: {cpu: 100m}}
    securityContext:
      runAsUser: 0
      capabilities: {add: [net_bind_service], drop: [CAP_MKNOD, ALL]}
      allowPrivilegeEscalation: false
    livenessProbe: {httpGet: {port: http, path: /health}, initialDelaySeconds: 2}
    volumeMounts:
    - {name: content, mountPath: /usr/share/nginx/html, readOnly: true}
    - {name: conf, mountPath: /etc/nginx/conf.d}
    - {name: cache, mountPath: /var/cache/nginx}
    - {name: logs, mountPath: /var/log/nginx}
    - {name: named, mountPath: /named}
  - name: sidecar
    image: busybox
    command: [sh, -c, 'echo $(GREETING)']
    env: [{name: GREETING, valueFrom: {configMapKeyRef: {name: web-config, key: GREETING}}}]
    volumeMounts: [{name: logs, mountPath: /logs, subPath: nginx}]
  volumes:
  - {name: content, persistentVolumeClaim: {claimName: content}}
  - {name: conf, configMap: {name: web-config, items: [{key: nginx.conf, path: default.conf, mode: 0600}]}}
  - {name: cache, emptyDir: {}}
  - {name: logs, emptyDir: {medium: Memory, sizeLimit: 16Mi}}
  - {name: named, hostPath: {path: shared-data}}
"#;

#[test]
fn web_server_with_sidecar_configmap_secret_and_claim() {
    let plan = plan_of(WEB);
    assert_eq!(plan.secrets.len(), 1);
    assert_eq!(plan.secrets[0].values["password"], b"secret");
    let volume = &plan.volumes[0];
    assert_eq!(volume.name, "content");
    assert_eq!(volume.driver.as_deref(), Some("local"));
    assert_eq!(volume.options["o"], "nodev");
    assert_eq!(volume.options["uid"], "1000");
    assert_eq!(volume.size, Some(2 << 30));

    let pod = &plan.pods[0];
    assert_eq!(pod.name, "web");
    assert_eq!(pod.source, (Kind::Pod, "web".to_string()));
    assert_eq!(pod.hostname.as_deref(), Some("web-host"));
    assert_eq!(pod.hosts[0].hostnames, ["db"]);
    assert_eq!(pod.dns.options, ["ndots:1"]);
    assert_eq!(pod.restart_policy, RestartPolicy::Always);
    assert_eq!(
        pod.publish,
        [
            Publication {
                host_ip: None,
                host_port: 8080,
                container_port: 80,
                protocol: Protocol::Tcp
            },
            Publication {
                host_ip: Some("127.0.0.1".into()),
                host_port: 5353,
                container_port: 53,
                protocol: Protocol::Udp
            },
        ]
    );
    let names: Vec<&str> = pod.containers.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["web-server", "web-sidecar"]);

    let server = &pod.containers[0];
    assert_eq!(server.pull_policy, PullPolicy::IfNotPresent);
    assert_eq!(server.command, None);
    assert_eq!(
        server.args.as_deref(),
        Some(&["nginx".to_string(), "-g".into(), "daemon off;".into()][..])
    );
    let env: BTreeMap<&str, &str> = server.env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(env["CFG_GREETING"], "hello");
    assert_eq!(env["CFG_nginx.conf"], "server {}\n");
    assert_eq!(env["DB_PASSWORD"], "secret");
    assert_eq!(env["POD_NAME"], "web");
    assert_eq!(env["APP"], "web");
    assert_eq!(env["MEM"], "256");
    assert_eq!(env["URL"], "http://web:80/$(UNKNOWN)/$(POD_NAME)");
    assert_eq!(server.env[0].0, "CFG_GREETING", "envFrom comes first, in key order");
    assert_eq!(
        server.resources,
        ResourcePlan {
            cpu_limit_millis: Some(1500),
            cpu_request_millis: Some(100),
            memory_limit_bytes: Some(256 << 20),
            memory_request_bytes: None,
        }
    );
    assert!(
        plan.warnings
            .iter()
            .any(|w| w.contains("resources.limits.nvidia.com/gpu: ignored")),
        "{:?}",
        plan.warnings
    );
    let s = &server.security;
    assert_eq!(
        s.run_as_user,
        Some(0),
        "the container's own setting wins over the pod's"
    );
    assert_eq!(s.run_as_group, Some(101), "the pod's default applies");
    assert_eq!(s.cap_add, ["CAP_NET_BIND_SERVICE"]);
    assert_eq!(s.cap_drop, ["CAP_MKNOD", "ALL"]);
    assert!(s.no_new_privileges);
    let live = server.liveness.as_ref().unwrap();
    assert_eq!(
        live.check,
        ProbeCheck::HttpGet {
            https: false,
            host: "localhost".into(),
            port: 80,
            path: "/health".into(),
            headers: vec![]
        }
    );
    assert_eq!(
        (live.initial_delay_seconds, live.period_seconds, live.failure_threshold),
        (2, 10, 3)
    );
    assert!(server.mounts[0].read_only);

    let sidecar = &pod.containers[1];
    assert_eq!(sidecar.pull_policy, PullPolicy::Always, "no tag means latest");
    assert_eq!(
        sidecar.command.as_ref().unwrap()[2],
        "echo hello",
        "$(VAR) expands in command"
    );
    assert_eq!(
        sidecar.argv(&["/entry".into()], &["cmd".into()]),
        ["sh", "-c", "echo hello"]
    );
    assert_eq!(sidecar.mounts[0].sub_path.as_deref(), Some("nginx"));

    let volumes: BTreeMap<&str, &VolumeSource> = pod.volumes.iter().map(|v| (v.name.as_str(), &v.source)).collect();
    assert_eq!(
        volumes["content"],
        &VolumeSource::Named {
            name: "content".into(),
            read_only: false
        }
    );
    assert_eq!(
        volumes["conf"],
        &VolumeSource::Files {
            from: (Kind::ConfigMap, "web-config".into()),
            files: vec![FileEntry {
                path: "default.conf".into(),
                data: b"server {}\n".to_vec(),
                mode: 0o600
            }]
        }
    );
    assert_eq!(volumes["cache"], &VolumeSource::EmptyDir { size_limit: None });
    assert_eq!(
        volumes["logs"],
        &VolumeSource::Tmpfs {
            size_limit: Some(16 << 20)
        }
    );
    assert_eq!(
        volumes["named"],
        &VolumeSource::Named {
            name: "shared-data".into(),
            read_only: false
        },
        "a hostPath without a slash names a volume, as Podman reads it"
    );
}

#[test]
fn deployment_with_env_from_a_secret() {
    let plan = plan_of(
        "apiVersion: v1
kind: Secret
metadata: {name: creds}
stringData: {USER: admin, TOKEN: abc}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 3
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - name: api
        image: quay.io/x/api:latest
        envFrom: [{secretRef: {name: creds}}]
        command: [/api]
",
    );
    let pod = &plan.pods[0];
    assert_eq!(pod.name, "api-pod-0");
    assert_eq!(pod.source, (Kind::Deployment, "api".to_string()));
    assert_eq!(pod.labels["app"], "api");
    let c = &pod.containers[0];
    assert_eq!(c.name, "api-pod-0-api");
    assert_eq!(c.pull_policy, PullPolicy::Always);
    assert_eq!(
        c.env,
        [
            ("TOKEN".to_string(), "abc".to_string()),
            ("USER".into(), "admin".into())
        ]
    );
    assert_eq!(
        c.argv(&["/entry".into()], &["serve".into()]),
        ["/api"],
        "command drops the image's cmd"
    );
    assert_eq!(
        plan.warnings,
        ["Deployment \"api\": playing one replica of 3 (one host runs one copy)"]
    );
}

#[test]
fn job_and_daemon_set() {
    let plan = plan_of(
        "apiVersion: batch/v1
kind: Job
metadata: {name: pi}
spec:
  template:
    spec:
      restartPolicy: OnFailure
      containers: [{name: pi, image: perl, args: [x]}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchExpressions: [{key: app, operator: In, values: [agent]}]}
  template:
    metadata: {labels: {app: agent}}
    spec:
      hostNetwork: true
      shareProcessNamespace: true
      terminationGracePeriodSeconds: 3
      containers: [{name: agent, image: busybox@sha256:0000000000000000000000000000000000000000000000000000000000000000}]
",
    );
    let job = &plan.pods[0];
    assert_eq!(job.name, "pi-pod");
    assert_eq!(job.restart_policy, RestartPolicy::OnFailure);
    assert_eq!(job.backoff_limit, Some(6), "Kubernetes' default");
    assert_eq!(job.containers[0].argv(&["perl".into()], &["-v".into()]), ["perl", "x"]);
    let ds = &plan.pods[1];
    assert_eq!(ds.name, "agent-pod");
    assert!(ds.host_network && ds.share_pid);
    assert_eq!(ds.stop_timeout, Some(3));
    assert_eq!(
        ds.containers[0].pull_policy,
        PullPolicy::IfNotPresent,
        "a digest is fixed"
    );
}

#[test]
fn service_node_ports_publish_on_selected_pods() {
    let plan = plan_of(
        "apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  selector: {app: web}
  ports:
  - {port: 80, targetPort: http, nodePort: 30080}
  - {port: 9000, nodePort: 30090, protocol: UDP}
  - {port: 7000}
---
apiVersion: v1
kind: Service
metadata: {name: other}
spec:
  type: NodePort
  selector: {app: other}
  ports: [{port: 1, nodePort: 30001}]
---
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers: [{name: c, image: i, ports: [{containerPort: 8080, name: http}]}]
",
    );
    let publish = &plan.pods[0].publish;
    assert_eq!(publish.len(), 2);
    assert_eq!((publish[0].host_port, publish[0].container_port), (30080, 8080));
    assert_eq!(
        (publish[1].host_port, publish[1].container_port, publish[1].protocol),
        (30090, 9000, Protocol::Udp)
    );
    assert!(plan.warnings.iter().any(|w| w.contains("port 7000 has no nodePort")));
}

#[test]
fn configmap_from_options_and_stored_secrets() {
    let text = "apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: c
    image: i
    env:
    - {name: A, valueFrom: {configMapKeyRef: {name: extra, key: a}}}
    - {name: B, valueFrom: {secretKeyRef: {name: stored, key: b}}}
    - {name: C, valueFrom: {secretKeyRef: {name: gone, key: c, optional: true}}}
";
    let manifest = parse_str(text, "k.yaml").unwrap();
    let extra = parse_str(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata: {a: from-file}\n",
        "cm.yaml",
    )
    .unwrap();
    let crate::kube::Object::ConfigMap(cm) = extra.documents[0].object.clone() else {
        panic!()
    };
    let options = PlayOptions { config_maps: vec![cm] };
    let stored = |name: &str| (name == "stored").then(|| BTreeMap::from([("b".to_string(), b"kept".to_vec())]));
    let plan = plan(&manifest, &options, &stored).unwrap();
    assert_eq!(
        plan.pods[0].containers[0].env,
        [("A".to_string(), "from-file".to_string()), ("B".into(), "kept".into())]
    );
    let e = plan_error(text, &PlayOptions::default());
    assert_eq!(e, "container \"c\": env A: configmap \"extra\" not found");
}

#[test]
fn plan_errors() {
    let pod = |spec: &str| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n{spec}");
    let none = PlayOptions::default();
    let e = plan_error(
        &pod(
            "  containers: [{name: c, image: i, env: [{name: X, valueFrom: {fieldRef: {fieldPath: status.podIP}}}]}]\n",
        ),
        &none,
    );
    assert!(
        e.starts_with("container \"c\": env X: fieldRef \"status.podIP\" is not supported"),
        "{e}"
    );
    let e = plan_error(
        &pod(
            "  containers:\n  - {name: a, image: i, ports: [{containerPort: 80, hostPort: 8080}]}\n  - {name: b, image: i, ports: [{containerPort: 81, hostPort: 8080}]}\n",
        ),
        &none,
    );
    assert_eq!(e, "pod \"p\": host port 8080/tcp is published twice");
    let e = plan_error(
        &pod("  containers: [{name: c, image: i, livenessProbe: {tcpSocket: {port: web}}}]\n"),
        &none,
    );
    assert_eq!(e, "pod \"p\": container \"c\": no port named \"web\"");
    let e = plan_error(
        &pod("  containers: [{name: c, image: i}]\n  volumes: [{name: v, secret: {secretName: nope}}]\n"),
        &none,
    );
    assert_eq!(e, "pod \"p\": volume \"v\": secret \"nope\" not found");
    let e = plan_error(
        &pod(
            "  containers: [{name: c, image: i, env: [{name: M, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}]}]\n",
        ),
        &none,
    );
    assert!(
        e.contains("sets no limits.cpu (ferry does not substitute the host's capacity)"),
        "{e}"
    );
    let e = plan_error("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n", &none);
    assert_eq!(
        e,
        "the input has no pod, deployment, daemon set, job, volume claim or secret to play"
    );
    let twice = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n";
    assert_eq!(
        plan_error(twice, &none),
        "ConfigMap \"c\" is defined twice in the input"
    );
}

#[test]
fn optional_sources_and_whole_maps_as_files() {
    let plan = plan_of(
        "apiVersion: v1
kind: Secret
metadata: {name: tls}
data: {tls.crt: Y2VydA==, tls.key: a2V5}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: c
    image: i
    envFrom: [{configMapRef: {name: missing, optional: true}}]
    volumeMounts: [{name: tls, mountPath: /tls}, {name: opt, mountPath: /opt/x}]
  volumes:
  - {name: tls, secret: {secretName: tls, defaultMode: 0400}}
  - {name: opt, configMap: {name: missing, optional: true}}
",
    );
    let pod = &plan.pods[0];
    assert!(pod.containers[0].env.is_empty());
    let VolumeSource::Files { files, .. } = &pod.volumes[0].source else {
        panic!()
    };
    assert_eq!(files.len(), 2);
    assert_eq!(
        (files[0].path.as_str(), files[0].mode, &files[0].data[..]),
        ("tls.crt", 0o400, &b"cert"[..])
    );
    let VolumeSource::Files { files, .. } = &pod.volumes[1].source else {
        panic!()
    };
    assert!(files.is_empty());
}

#[test]
fn expansion_rules() {
    let mut env = env::Env::default();
    env.vars.push(("A".into(), "1".into()));
    assert_eq!(env.expand("$(A)$(A)"), "11");
    assert_eq!(env.expand("$$(A)"), "$(A)");
    assert_eq!(env.expand("$A $(B) $(A"), "$A $(B) $(A");
    assert_eq!(env.expand("$$$(A)"), "$1");
    assert_eq!(env.expand("end$"), "end$");
}

#[test]
fn pull_policy_defaults() {
    assert_eq!(default_pull_policy("nginx"), PullPolicy::Always);
    assert_eq!(default_pull_policy("nginx:latest"), PullPolicy::Always);
    assert_eq!(default_pull_policy("localhost:5000/nginx"), PullPolicy::Always);
    assert_eq!(default_pull_policy("localhost:5000/nginx:1"), PullPolicy::IfNotPresent);
    assert_eq!(default_pull_policy("nginx@sha256:abc"), PullPolicy::IfNotPresent);
}
