//! Kubernetes YAML written by `ferry::kube` (what `kube generate` will print) checked by two
//! independent readers, offline: PyPI's kubernetes-validate against the Kubernetes OpenAPI
//! schemas in strict mode (unknown fields fail), and Debian's kubectl, which decodes each object
//! into Kubernetes' own Go types (`kubectl set … --local` needs no cluster) and prints what it
//! understood — a field it does not know is dropped, so the tests compare.
//!
//! Both are installed by `.ci/run`; a missing one fails the test rather than skipping it. Unit
//! tests until `kube generate` exists: then they check the command's output instead.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::kube::generate::{
    self, ContainerDescription, MountDescription, MountSource, PodDescription, PortDescription, VolumeDescription,
};
use crate::kube::model::{
    Base64Bytes, ConfigMap, HostPathType, Job, JobSpec, ObjectMeta, PodTemplateSpec, Protocol, RestartPolicy, Secret,
};
use crate::kube::play::{DnsPlan, HostEntry, ProbeCheck, ProbePlan, ResourcePlan, SecurityPlan};
use crate::kube::{Object, emit};
use serde_json::Value;

/// A directory for the files the readers read, removed when dropped.
struct TestDir(PathBuf);

impl TestDir {
    fn new(name: &str) -> TestDir {
        let dir = std::env::temp_dir().join(format!("ferry-kube-peers-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TestDir(dir)
    }

    fn file(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TestDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const KUBERNETES_VALIDATE: &str = "/opt/ferry-ci-venv/bin/kubernetes-validate";
/// Added by the kubectl reader (`set env` must change something to print the object).
const READER_MARK: &str = "FERRY_KUBECTL_READER";

fn kubernetes_validate() -> &'static str {
    assert!(
        Path::new(KUBERNETES_VALIDATE).exists(),
        "{KUBERNETES_VALIDATE} is missing: .ci/run installs kubernetes-validate into /opt/ferry-ci-venv"
    );
    KUBERNETES_VALIDATE
}

fn kubectl() -> PathBuf {
    let found = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|dir| dir.join("kubectl"))
        .find(|p| p.exists());
    found.expect("kubectl is missing: .ci/run installs Debian's kubernetes-client")
}

/// A web server with a sidecar and an init container, mounting a bind mount, a named volume and a
/// tmpfs, with limits, capabilities, probes, DNS and host entries.
fn web() -> PodDescription {
    let probe = |check| ProbePlan {
        check,
        initial_delay_seconds: 1,
        period_seconds: 30,
        timeout_seconds: 3,
        success_threshold: 1,
        failure_threshold: 3,
    };
    PodDescription {
        name: "web".into(),
        labels: BTreeMap::from([("app".into(), "web".into()), ("tier".into(), "front".into())]),
        annotations: BTreeMap::from([("ferry.example/owner".into(), "ops".into())]),
        hostname: Some("web".into()),
        host_network: false,
        share_pid: true,
        hosts: vec![HostEntry {
            ip: "10.0.0.5".into(),
            hostnames: vec!["db".into()],
        }],
        dns: DnsPlan {
            servers: vec!["192.0.2.53".into()],
            searches: vec!["example.com".into()],
            options: vec!["ndots:2".into(), "edns0".into()],
        },
        restart_policy: Some(RestartPolicy::Always),
        stop_timeout: Some(15),
        init_containers: vec![ContainerDescription {
            name: "setup".into(),
            image: "docker.io/library/busybox:1.36".into(),
            command: vec!["sh".into(), "-c".into(), "touch /work/ready".into()],
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
                    ("ENABLED".into(), "true".into()),
                    ("MODE".into(), "0755".into()),
                    ("EMPTY".into(), String::new()),
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
                ],
                mounts: vec![
                    MountDescription {
                        source: MountSource::HostPath {
                            path: "/srv/www".into(),
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
                    cap_drop: vec!["CAP_MKNOD".into(), "CAP_NET_RAW".into()],
                    ..SecurityPlan::default()
                },
                liveness: Some(probe(ProbeCheck::Exec(vec![
                    "/bin/sh".into(),
                    "-c".into(),
                    "wget -q -O- http://localhost/".into(),
                ]))),
                tty: true,
                stdin: true,
            },
            ContainerDescription {
                name: "logger".into(),
                image: "quay.io/example/logger:latest".into(),
                security: SecurityPlan {
                    privileged: true,
                    ..SecurityPlan::default()
                },
                liveness: Some(probe(ProbeCheck::HttpGet {
                    https: false,
                    host: "localhost".into(),
                    port: 9000,
                    path: "/health".into(),
                    headers: vec![("X-Probe".into(), "1".into())],
                })),
                ..ContainerDescription::default()
            },
        ],
    }
}

/// Every kind ferry writes, plus a ConfigMap, a Secret and a Job built from the model.
fn objects() -> Vec<Object> {
    let desc = web();
    let mut port = 30000;
    let job_pod = generate::pod(&PodDescription {
        name: "pi".into(),
        restart_policy: Some(RestartPolicy::Never),
        containers: vec![ContainerDescription {
            name: "pi".into(),
            image: "docker.io/library/perl:5.34".into(),
            command: vec![
                "perl".into(),
                "-Mbignum=bpi".into(),
                "-wle".into(),
                "print bpi(200)".into(),
            ],
            ..ContainerDescription::default()
        }],
        ..PodDescription::default()
    });
    vec![
        Object::Pod(generate::pod(&desc)),
        Object::Deployment(generate::deployment(&desc)),
        Object::DaemonSet(generate::daemon_set(&desc)),
        Object::Service(generate::service(&desc, &mut |_| {
            port += 1;
            port
        })),
        Object::PersistentVolumeClaim(generate::persistent_volume_claim(&VolumeDescription {
            name: "work".into(),
            labels: BTreeMap::from([("app".into(), "web".into())]),
            driver: Some("local".into()),
            options: BTreeMap::from([("o".into(), "nodev,noexec".into())]),
        })),
        Object::ConfigMap(ConfigMap::new(
            ObjectMeta::named("web-config"),
            BTreeMap::from([
                ("GREETING".into(), "hello: world".into()),
                ("empty".into(), String::new()),
            ]),
            BTreeMap::from([("blob.bin".into(), Base64Bytes(vec![0, 1, 2, 255]))]),
        )),
        Object::Secret(Secret::new(
            ObjectMeta::named("db"),
            BTreeMap::from([("password".into(), Base64Bytes(b"s3cr3t\n".to_vec()))]),
            BTreeMap::new(),
            Some("Opaque".into()),
        )),
        Object::Job(Job::new(
            ObjectMeta::named("pi"),
            JobSpec {
                template: PodTemplateSpec {
                    metadata: ObjectMeta::default(),
                    spec: job_pod.spec,
                },
                backoff_limit: Some(4),
            },
        )),
    ]
}

fn validate(file: &Path) -> (bool, String) {
    let out = Command::new(kubernetes_validate())
        .args(["--strict", "--no-warn"])
        .arg(file)
        .output()
        .expect("run kubernetes-validate");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn generated_yaml_validates_against_the_kubernetes_schemas() {
    let ctx = TestDir::new("validate");
    let objects = objects();
    let file = ctx.file("all.yaml");
    std::fs::write(&file, emit::manifest(&objects, "0.1.0")).unwrap();
    let (ok, report) = validate(&file);
    assert!(ok, "{report}");
    for object in &objects {
        let line = format!("{}/{}", object.kind().name().to_lowercase(), object.name());
        assert!(
            report.contains(&format!("passed for resource {line}")),
            "{line} not validated:\n{report}"
        );
    }

    // The validator is strict: a field Kubernetes does not know fails, so the check above can.
    let text = emit::document(&objects[0]).replace("      tty: true\n", "      tty: true\n      ttyy: true\n");
    assert!(text.contains("ttyy"), "{text}");
    let bad = ctx.file("bad.yaml");
    std::fs::write(&bad, text).unwrap();
    let (ok, report) = validate(&bad);
    assert!(!ok && report.contains("'ttyy' was unexpected"), "{report}");
}

/// Runs kubectl's typed reader on one object and returns what it understood.
fn kubectl_read(dir: &TestDir, object: &Object) -> Result<Value, String> {
    let file = dir.file(&format!("{}-{}.yaml", object.kind().name(), object.name()));
    std::fs::write(&file, emit::manifest(std::slice::from_ref(object), "0.1.0")).unwrap();
    kubectl_read_file(object, &file)
}

fn kubectl_read_file(object: &Object, file: &Path) -> Result<Value, String> {
    let mut cmd = Command::new(kubectl());
    cmd.env("HOME", file.parent().unwrap()).env("KUBECONFIG", "/dev/null");
    match object {
        Object::Service(s) => {
            let selector: Vec<String> = s.spec.selector.iter().map(|(k, v)| format!("{k}={v}")).collect();
            cmd.args(["set", "selector", "--local", "-o", "json", "-f"]).arg(file);
            cmd.arg(selector.join(","));
        }
        _ => {
            cmd.args(["set", "env", "--local", "-o", "json", "-f"])
                .arg(file)
                .arg(format!("{READER_MARK}=1"));
        }
    }
    let out = cmd.output().expect("run kubectl");
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let mut value: Value = serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
    strip_reader_mark(&mut value);
    Ok(value)
}

fn strip_reader_mark(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(env)) = map.get_mut("env") {
                env.retain(|e| e["name"] != READER_MARK);
                if env.is_empty() {
                    map.remove("env");
                }
            }
            map.values_mut().for_each(strip_reader_mark);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_reader_mark),
        _ => {}
    }
}

/// Every value of `ours` is in `theirs` at the same path (kubectl adds defaults, never drops
/// what it understood); the first difference otherwise.
fn contained(ours: &Value, theirs: &Value, path: &str) -> Result<(), String> {
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                let Some(w) = b.get(k) else {
                    return Err(format!("{path}.{k}: dropped by kubectl (ours: {v})"));
                };
                contained(v, w, &format!("{path}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                contained(v, w, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        _ if ours == theirs => Ok(()),
        _ => Err(format!("{path}: ours {ours}, kubectl's {theirs}")),
    }
}

#[test]
fn kubectl_reads_generated_yaml_back_unchanged() {
    let ctx = TestDir::new("kubectl");
    for object in objects() {
        let kind = object.kind();
        match kubectl_read(&ctx, &object) {
            Ok(theirs) => {
                if let Err(difference) = contained(&object.to_json(), &theirs, kind.name()) {
                    panic!("{difference}\nkubectl read:\n{theirs:#}");
                }
            }
            // `set env` decodes every object into its Go type before refusing kinds without a
            // pod template: that message is the proof of a clean typed decode.
            Err(message) => {
                let typed = format!("does not have a pod template: *v1.{}", kind.name());
                assert!(
                    message.contains(&typed),
                    "{kind} {}: kubectl failed: {message}",
                    object.name()
                );
            }
        }
    }

    // The comparison can fail: a misspelled field is dropped by kubectl's decoder.
    let pod = objects().remove(0);
    let file = ctx.file("bad.yaml");
    let text = emit::document(&pod).replace("    workingDir: /srv\n", "    workingDirectory: /srv\n");
    assert!(text.contains("workingDirectory"), "{text}");
    std::fs::write(&file, text).unwrap();
    let theirs = kubectl_read_file(&pod, &file).unwrap();
    let difference = contained(&pod.to_json(), &theirs, "Pod").unwrap_err();
    assert_eq!(
        difference,
        "Pod.spec.containers[0].workingDir: dropped by kubectl (ours: \"/srv\")"
    );

    // And a value of the wrong type fails kubectl's decoding outright.
    let file = ctx.file("bad-type.yaml");
    std::fs::write(
        &file,
        emit::document(&pod).replace("containerPort: 80", "containerPort: eighty"),
    )
    .unwrap();
    let message = kubectl_read_file(&pod, &file).unwrap_err();
    assert!(message.contains("unable to decode"), "{message}");
}

/// What the validators accept, ferry reads back to the same objects.
#[test]
fn validated_yaml_parses_back_to_the_same_objects() {
    let objects = objects();
    let text = emit::manifest(&objects, "0.1.0");
    let manifest = crate::kube::parse_str(&text, "generated.yaml").unwrap_or_else(|e| panic!("{e}"));
    assert!(manifest.warnings.is_empty(), "{:?}", manifest.warnings);
    let back: Vec<Object> = manifest.documents.into_iter().map(|d| d.object).collect();
    assert_eq!(back, objects);
}
