use super::*;
use crate::kube::model::{Kind, Object, SeLinuxOptions};
use crate::kube::play::{self, PlayOptions};
use crate::kube::{emit, parse_str};

/// A pod of two containers with most of what inspect data can carry.
pub(crate) fn sample() -> PodDescription {
    PodDescription {
        name: "web".into(),
        labels: BTreeMap::from([("app".into(), "web".into()), ("tier".into(), "front".into())]),
        annotations: BTreeMap::from([("io.podman.annotations.autoremove".into(), "FALSE".into())]),
        hostname: Some("web".into()),
        host_network: false,
        share_pid: true,
        hosts: vec![HostEntry {
            ip: "10.0.0.5".into(),
            hostnames: vec!["db".into(), "db.local".into()],
        }],
        dns: DnsPlan {
            servers: vec!["1.1.1.1".into()],
            searches: vec!["example.com".into()],
            options: vec!["ndots:2".into(), "edns0".into()],
        },
        restart_policy: Some(RestartPolicy::OnFailure),
        stop_timeout: Some(15),
        init_containers: vec![ContainerDescription {
            name: "setup".into(),
            image: "docker.io/library/busybox:1.36".into(),
            command: vec!["sh".into(), "-c".into(), "echo ready > /work/flag".into()],
            mounts: vec![MountDescription {
                source: MountSource::Volume { name: "work".into() },
                destination: "/work".into(),
                read_only: false,
                sub_path: None,
            }],
            ..ContainerDescription::default()
        }],
        containers: vec![
            ContainerDescription {
                name: "server".into(),
                image: "docker.io/library/nginx:1.25".into(),
                command: vec!["/docker-entrypoint.sh".into()],
                args: vec!["nginx".into(), "-g".into(), "daemon off;".into()],
                env: vec![
                    ("PATH".into(), "/usr/local/sbin:/usr/bin".into()),
                    ("NGINX_VERSION".into(), "1.25.3".into()),
                    ("EMPTY".into(), String::new()),
                    ("YES".into(), "yes".into()),
                    ("NUMBER".into(), "0755".into()),
                ],
                working_dir: Some("/srv".into()),
                ports: vec![
                    PortDescription {
                        container_port: 80,
                        host_port: Some(8080),
                        host_ip: None,
                        protocol: Protocol::Tcp,
                    },
                    PortDescription {
                        container_port: 53,
                        host_port: Some(5353),
                        host_ip: Some("127.0.0.1".into()),
                        protocol: Protocol::Udp,
                    },
                    PortDescription {
                        container_port: 9000,
                        host_port: None,
                        host_ip: None,
                        protocol: Protocol::Tcp,
                    },
                ],
                mounts: vec![
                    MountDescription {
                        source: MountSource::HostPath {
                            path: "/srv/www/Site_1".into(),
                            type_: HostPathType::Directory,
                        },
                        destination: "/usr/share/nginx/html".into(),
                        read_only: true,
                        sub_path: None,
                    },
                    MountDescription {
                        source: MountSource::Volume { name: "work".into() },
                        destination: "/work".into(),
                        read_only: false,
                        sub_path: Some("nginx".into()),
                    },
                    MountDescription {
                        source: MountSource::Tmpfs {
                            size_limit: Some(64 << 20),
                        },
                        destination: "/var/cache/nginx".into(),
                        read_only: false,
                        sub_path: None,
                    },
                    MountDescription {
                        source: MountSource::HostPath {
                            path: "/".into(),
                            type_: HostPathType::Unset,
                        },
                        destination: "/host".into(),
                        read_only: true,
                        sub_path: None,
                    },
                ],
                resources: ResourcePlan {
                    cpu_limit_millis: Some(1500),
                    cpu_request_millis: Some(250),
                    memory_limit_bytes: Some(512 << 20),
                    memory_request_bytes: Some(1_000_000),
                },
                security: SecurityPlan {
                    run_as_user: Some(101),
                    run_as_group: Some(101),
                    read_only_root_filesystem: true,
                    no_new_privileges: true,
                    cap_add: vec!["CAP_NET_BIND_SERVICE".into()],
                    cap_drop: vec!["CAP_MKNOD".into(), "CAP_NET_RAW".into(), "CAP_AUDIT_WRITE".into()],
                    se_linux: Some(SeLinuxOptions {
                        type_: Some("spc_t".into()),
                        level: Some("s0:c1,c2".into()),
                        ..SeLinuxOptions::default()
                    }),
                    ..SecurityPlan::default()
                },
                liveness: Some(ProbePlan {
                    check: ProbeCheck::Exec(vec![
                        "/bin/sh".into(),
                        "-c".into(),
                        "curl -f http://localhost/ || exit 1".into(),
                    ]),
                    initial_delay_seconds: 5,
                    period_seconds: 30,
                    timeout_seconds: 3,
                    success_threshold: 1,
                    failure_threshold: 3,
                }),
                tty: true,
                stdin: true,
            },
            ContainerDescription {
                name: "sidecar".into(),
                image: "quay.io/example/logger:latest".into(),
                security: SecurityPlan {
                    privileged: true,
                    ..SecurityPlan::default()
                },
                liveness: Some(ProbePlan {
                    check: ProbeCheck::TcpSocket {
                        host: "localhost".into(),
                        port: 9000,
                    },
                    initial_delay_seconds: 0,
                    period_seconds: 10,
                    timeout_seconds: 1,
                    success_threshold: 1,
                    failure_threshold: 3,
                }),
                ..ContainerDescription::default()
            },
        ],
    }
}

#[test]
fn small_pod_text() {
    let desc = PodDescription {
        name: "hello".into(),
        containers: vec![ContainerDescription {
            name: "hello".into(),
            image: "docker.io/library/busybox:latest".into(),
            command: vec!["echo".into(), "hi: there".into()],
            env: vec![("TERM".into(), "xterm".into()), ("N".into(), "1".into())],
            ports: vec![PortDescription {
                container_port: 80,
                host_port: Some(8080),
                host_ip: None,
                protocol: Protocol::Tcp,
            }],
            resources: ResourcePlan {
                cpu_limit_millis: Some(500),
                memory_limit_bytes: Some(128 << 20),
                ..ResourcePlan::default()
            },
            security: SecurityPlan {
                cap_drop: vec!["CAP_MKNOD".into()],
                ..SecurityPlan::default()
            },
            ..ContainerDescription::default()
        }],
        ..PodDescription::default()
    };
    let text = emit::manifest(&[Object::Pod(pod(&desc))], "1.2.3");
    assert_eq!(
        text,
        r#"# Kubernetes objects written by ferry 1.2.3.
# Create them in a cluster with `kubectl create -f FILE`.
apiVersion: v1
kind: Pod
metadata:
  labels:
    app: hello
  name: hello
spec:
  containers:
    - command:
        - echo
        - "hi: there"
      env:
        - name: TERM
          value: xterm
        - name: "N"
          value: "1"
      image: docker.io/library/busybox:latest
      name: hello
      ports:
        - containerPort: 80
          hostPort: 8080
      resources:
        limits:
          cpu: 500m
          memory: 128Mi
      securityContext:
        capabilities:
          drop:
            - MKNOD
"#
    );
}

/// generate → emit → parse → describe gives the description back (for Deployments and
/// DaemonSets with restartPolicy Always, the only one Kubernetes accepts there).
#[test]
fn round_trip_through_yaml() {
    let desc = sample();
    for object in [
        Object::Pod(pod(&desc)),
        Object::Deployment(deployment(&desc)),
        Object::DaemonSet(daemon_set(&desc)),
    ] {
        let kind = object.kind();
        let text = emit::manifest(&[object], "0.1.0");
        let manifest = parse_str(&text, "generated.yaml").unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert!(manifest.warnings.is_empty(), "{:?}", manifest.warnings);
        let (meta, spec) = match &manifest.documents[0].object {
            Object::Pod(p) => (p.metadata.clone(), &p.spec),
            Object::Deployment(d) => (
                ObjectMeta {
                    name: d.metadata.name.clone(),
                    ..d.spec.template.metadata.clone()
                },
                &d.spec.template.spec,
            ),
            Object::DaemonSet(d) => (
                ObjectMeta {
                    name: d.metadata.name.clone(),
                    ..d.spec.template.metadata.clone()
                },
                &d.spec.template.spec,
            ),
            other => panic!("{other:?}"),
        };
        let expected = match kind {
            Kind::Pod => desc.clone(),
            _ => PodDescription {
                restart_policy: Some(RestartPolicy::Always),
                ..desc.clone()
            },
        };
        assert_eq!(describe(&meta, spec), expected, "{kind}:\n{text}");
    }
}

/// What `kube play` would run from generated YAML matches the description.
#[test]
fn generated_yaml_plays_as_described() {
    let desc = sample();
    let text = emit::manifest(&[Object::Pod(pod(&desc))], "0.1.0");
    let manifest = parse_str(&text, "generated.yaml").unwrap();
    let plan = play::plan(&manifest, &PlayOptions::default(), &|_| None).unwrap();
    let pod = &plan.pods[0];
    assert_eq!(pod.name, "web");
    assert_eq!(pod.restart_policy, RestartPolicy::OnFailure);
    assert_eq!(pod.publish.len(), 2);
    let server = &pod.containers[0];
    assert_eq!(server.name, "web-server");
    assert_eq!(server.env, desc.containers[0].env);
    assert_eq!(
        server.argv(&[], &[]),
        ["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"]
    );
    assert_eq!(server.resources, desc.containers[0].resources);
    assert_eq!(server.security.cap_drop, desc.containers[0].security.cap_drop);
    assert_eq!(server.liveness, desc.containers[0].liveness);
    assert_eq!(pod.init_containers[0].name, "web-setup");
    let host = pod
        .volumes
        .iter()
        .find(|v| v.name == "root-host")
        .expect("/ is named root-host");
    assert!(matches!(&host.source, play::VolumeSource::HostPath { path, .. } if path.as_os_str() == "/"));
    let site = pod
        .volumes
        .iter()
        .find(|v| v.name == "srv-www-site-1-host")
        .expect("path-derived name");
    assert!(matches!(
        &site.source,
        play::VolumeSource::HostPath {
            type_: HostPathType::Directory,
            ..
        }
    ));
    let work: Vec<_> = pod.volumes.iter().filter(|v| v.name == "work-pvc").collect();
    assert_eq!(
        work.len(),
        1,
        "one volume per source, shared by the containers mounting it"
    );
}

#[test]
fn service_and_claim() {
    let desc = sample();
    let mut next = 30000;
    let svc = service(&desc, &mut |_| {
        next += 1;
        next
    });
    assert_eq!(svc.spec.type_, Some(ServiceType::NodePort));
    assert_eq!(svc.spec.selector["app"], "web");
    let ports: Vec<(i32, Option<i32>, Option<String>)> = svc
        .spec
        .ports
        .iter()
        .map(|p| (p.port, p.node_port, p.name.clone()))
        .collect();
    assert_eq!(
        ports,
        [
            (80, Some(30001), Some("80-tcp".into())),
            (53, Some(30002), Some("53-udp".into()))
        ]
    );
    let pvc = persistent_volume_claim(&VolumeDescription {
        name: "work".into(),
        labels: BTreeMap::new(),
        driver: Some("local".into()),
        options: BTreeMap::from([("o".into(), "nodev".into()), ("type".into(), "tmpfs".into())]),
    });
    let text = emit::manifest(&[Object::Service(svc), Object::PersistentVolumeClaim(pvc)], "0.1.0");
    let manifest = parse_str(&text, "g.yaml").unwrap();
    let plan = play::plan(&manifest, &PlayOptions::default(), &|_| None).unwrap();
    assert_eq!(plan.volumes[0].driver.as_deref(), Some("local"));
    assert_eq!(plan.volumes[0].options["o"], "nodev");
    assert_eq!(plan.volumes[0].options["type"], "tmpfs");
    assert_eq!(plan.volumes[0].size, Some(1 << 30));
    assert!(
        text.contains("---\napiVersion: v1\nkind: PersistentVolumeClaim\n"),
        "{text}"
    );
}

#[test]
fn volume_names_are_dns_labels() {
    let mut volumes = Vec::new();
    let long = format!("/{}", "Very_Long.Path/".repeat(10));
    for path in ["/", "/a/b/", "/A B/c", &long, "/a/b"] {
        let name = volume_for(
            &MountSource::HostPath {
                path: path.to_string(),
                type_: HostPathType::Unset,
            },
            &mut volumes,
        );
        assert!(crate::kube::validate::dns_label(&name), "{name:?}");
    }
    let names: Vec<&str> = volumes.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names[..3], ["root-host", "a-b-host", "a-b-c-host"]);
    assert_eq!(
        volumes.len(),
        5,
        "/a/b and /a/b/ are different paths and get different names"
    );
    assert_eq!(names[4], "a-b2-host");
}
