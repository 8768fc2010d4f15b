use super::*;
use crate::kube::model::*;

fn parse(text: &str) -> Manifest {
    match parse_str(text, "k.yaml") {
        Ok(m) => m,
        Err(e) => panic!("{e}"),
    }
}

fn error(text: &str) -> String {
    match parse_str(text, "k.yaml") {
        Ok(m) => panic!("parsed: {m:?}"),
        Err(e) => e.to_string(),
    }
}

fn only(text: &str) -> Object {
    let mut m = parse(text);
    assert_eq!(m.documents.len(), 1);
    m.documents.remove(0).object
}

/// The Pod example of Kubernetes' "Pods" concept page, written from its description: one nginx
/// container exposing port 80.
#[test]
fn pod_from_the_kubernetes_docs() {
    let Object::Pod(pod) = only(
        "apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.14.2
    ports:
    - containerPort: 80
",
    ) else {
        panic!("not a pod")
    };
    assert_eq!(pod.metadata.name.as_deref(), Some("nginx"));
    let c = &pod.spec.containers[0];
    assert_eq!(c.image.as_deref(), Some("nginx:1.14.2"));
    assert_eq!(c.ports[0].container_port, 80);
    assert_eq!(c.ports[0].protocol, None);
}

/// The Deployment example of Kubernetes' "Deployments" page: three nginx replicas selected by
/// `app: nginx`.
#[test]
fn deployment_from_the_kubernetes_docs() {
    let Object::Deployment(d) = only(
        "apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
",
    ) else {
        panic!("not a deployment")
    };
    assert_eq!(d.spec.replicas, Some(3));
    assert_eq!(d.spec.selector.match_labels["app"], "nginx");
    assert_eq!(d.spec.template.spec.containers[0].name, "nginx");
}

/// The Job example of Kubernetes' "Jobs" page: computing pi in perl, never restarted in place,
/// four retries.
#[test]
fn job_from_the_kubernetes_docs() {
    let Object::Job(j) = only(
        r#"apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl",  "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
  backoffLimit: 4
"#,
    ) else {
        panic!("not a job")
    };
    assert_eq!(j.spec.backoff_limit, Some(4));
    assert_eq!(j.spec.template.spec.restart_policy, Some(RestartPolicy::Never));
    assert_eq!(j.spec.template.spec.containers[0].command[3], "print bpi(2000)");
}

/// A ConfigMap used the ways Kubernetes' "ConfigMaps" page shows: single keys as variables,
/// the whole map as variables, and as files in a volume; plus a Secret read by key.
#[test]
fn configmap_and_secret_usage_from_the_kubernetes_docs() {
    let m = parse(
        r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: game-demo
data:
  player_initial_lives: "3"
  ui_properties_file_name: "user-interface.properties"
  game.properties: |
    enemy.types=aliens,monsters
    player.maximum-lives=5
---
apiVersion: v1
kind: Secret
metadata:
  name: mysecret
type: Opaque
data:
  username: YWRtaW4=
stringData:
  password: s3cr3t
---
apiVersion: v1
kind: Pod
metadata:
  name: configmap-demo-pod
spec:
  containers:
    - name: demo
      image: alpine
      command: ["sleep", "3600"]
      env:
        - name: PLAYER_INITIAL_LIVES
          valueFrom:
            configMapKeyRef:
              name: game-demo
              key: player_initial_lives
        - name: SECRET_USERNAME
          valueFrom:
            secretKeyRef:
              name: mysecret
              key: username
              optional: false
      envFrom:
        - configMapRef:
            name: game-demo
      volumeMounts:
      - name: config
        mountPath: "/config"
        readOnly: true
  volumes:
  - name: config
    configMap:
      name: game-demo
      items:
      - key: "game.properties"
        path: "game.properties"
"#,
    );
    assert_eq!(m.documents.len(), 3);
    assert_eq!(m.documents[2].number, 3);
    let Object::ConfigMap(cm) = &m.documents[0].object else {
        panic!()
    };
    assert_eq!(cm.data["player_initial_lives"], "3");
    assert!(cm.data["game.properties"].ends_with("lives=5\n"));
    let Object::Secret(s) = &m.documents[1].object else {
        panic!()
    };
    assert_eq!(s.values()["username"], b"admin");
    assert_eq!(s.values()["password"], b"s3cr3t");
    assert_eq!(s.type_.as_deref(), Some("Opaque"));
    let Object::Pod(p) = &m.documents[2].object else {
        panic!()
    };
    let c = &p.spec.containers[0];
    assert_eq!(
        c.env[0]
            .value_from
            .as_ref()
            .unwrap()
            .config_map_key_ref
            .as_ref()
            .unwrap()
            .key,
        "player_initial_lives"
    );
    assert!(c.volume_mounts[0].read_only);
    assert_eq!(
        p.spec.volumes[0].config_map.as_ref().unwrap().items[0].path,
        "game.properties"
    );
}

#[test]
fn every_kind() {
    let m = parse(
        "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      hostNetwork: true
      containers: [{name: a, image: busybox}]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
  annotations: {volume.podman.io/driver: local}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
  storageClassName: fast
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: http, nodePort: 30080, protocol: TCP}
  - {port: 53, targetPort: 5353, protocol: UDP}
",
    );
    let kinds: Vec<Kind> = m.documents.iter().map(|d| d.object.kind()).collect();
    assert_eq!(kinds, [Kind::DaemonSet, Kind::PersistentVolumeClaim, Kind::Service]);
    let Object::PersistentVolumeClaim(pvc) = &m.documents[1].object else {
        panic!()
    };
    let storage = &pvc.spec.resources.as_ref().unwrap().requests["storage"];
    assert_eq!(storage.bytes().unwrap(), 1 << 30);
    let Object::Service(s) = &m.documents[2].object else {
        panic!()
    };
    assert_eq!(s.spec.ports[0].target_port, Some(IntOrString::String("http".into())));
    assert_eq!(s.spec.ports[1].target_port, Some(IntOrString::Int(5353)));
    assert_eq!(s.spec.ports[1].protocol, Some(Protocol::Udp));
    assert_eq!(s.spec.ports[0].node_port, Some(30080));
}

#[test]
fn container_fields() {
    let Object::Pod(p) = only(
        r#"apiVersion: v1
kind: Pod
metadata:
  name: full
  labels: {app: full, version: 2}
  annotations: {note: "x"}
spec:
  restartPolicy: OnFailure
  hostname: box
  shareProcessNamespace: true
  terminationGracePeriodSeconds: 5
  hostAliases: [{ip: 10.0.0.1, hostnames: [db, db.local]}]
  dnsConfig:
    nameservers: [1.1.1.1]
    searches: [example.com]
    options: [{name: ndots, value: "2"}, {name: edns0}]
  securityContext: {runAsUser: 1000, sysctls: [{name: net.core.somaxconn, value: "1024"}]}
  initContainers: [{name: init, image: busybox, command: [true]}]
  containers:
  - name: app
    image: registry.example/app:1.0
    imagePullPolicy: IfNotPresent
    command: [/bin/app]
    args: [--port, 8080]
    workingDir: /srv
    stdin: true
    tty: true
    env:
    - {name: A, value: 1}
    - {name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
    ports: [{containerPort: 8080, hostPort: 18080, hostIP: 127.0.0.1, name: http}]
    resources:
      limits: {cpu: 500m, memory: 128Mi}
      requests: {cpu: 0.25, memory: 1e6}
    securityContext:
      capabilities: {add: [NET_ADMIN], drop: [ALL]}
      runAsGroup: 100
      readOnlyRootFilesystem: true
      privileged: false
      allowPrivilegeEscalation: false
      seLinuxOptions: {type: spc_t, level: "s0:c1,c2"}
      seccompProfile: {type: RuntimeDefault}
    livenessProbe: {httpGet: {path: /healthz, port: http}, periodSeconds: 3}
    readinessProbe: {tcpSocket: {port: 8080}}
    startupProbe: {exec: {command: [cat, /ready]}, failureThreshold: 30}
    volumeMounts:
    - {name: data, mountPath: /data, subPath: sub}
    - {name: scratch, mountPath: /tmp}
    - {name: host, mountPath: /host, readOnly: true}
    - {name: secret, mountPath: /s}
  volumes:
  - {name: data, persistentVolumeClaim: {claimName: data}}
  - {name: scratch, emptyDir: {medium: Memory, sizeLimit: 64Mi}}
  - {name: host, hostPath: {path: /etc, type: Directory}}
  - {name: secret, secret: {secretName: s, defaultMode: 0400}}
"#,
    ) else {
        panic!()
    };
    assert_eq!(
        p.metadata.labels["version"], "2",
        "a number in a string field reads as its text"
    );
    let s = &p.spec;
    assert_eq!(s.restart_policy, Some(RestartPolicy::OnFailure));
    assert_eq!(s.dns_config.as_ref().unwrap().options[1].value, None);
    assert_eq!(s.init_containers[0].command, ["true"]);
    let c = &s.containers[0];
    assert_eq!(c.args, ["--port", "8080"]);
    assert_eq!(c.env[0].value.as_deref(), Some("1"));
    assert_eq!(c.ports[0].host_ip.as_deref(), Some("127.0.0.1"));
    let r = c.resources.as_ref().unwrap();
    assert_eq!(r.limits["cpu"].millis().unwrap(), 500);
    assert_eq!(r.requests["cpu"].millis().unwrap(), 250);
    assert_eq!(r.requests["memory"].bytes().unwrap(), 1_000_000);
    let sc = c.security_context.as_ref().unwrap();
    assert_eq!(sc.capabilities.as_ref().unwrap().drop, ["ALL"]);
    assert_eq!(sc.se_linux_options.as_ref().unwrap().level.as_deref(), Some("s0:c1,c2"));
    assert_eq!(
        c.liveness_probe.as_ref().unwrap().http_get.as_ref().unwrap().port,
        IntOrString::String("http".into())
    );
    assert_eq!(
        s.volumes[3].secret.as_ref().unwrap().default_mode,
        Some(0o400),
        "a leading zero is octal, as Kubernetes reads modes"
    );
    assert_eq!(
        s.volumes[2].host_path.as_ref().unwrap().type_,
        Some(HostPathType::Directory)
    );
}

#[test]
fn anchors_merge_keys_and_empty_documents() {
    let m = parse(
        "# leading comment
---
---
apiVersion: v1
kind: ConfigMap
metadata: {name: one}
data: {k: v}
---
apiVersion: v1
kind: Pod
metadata: {name: two}
spec:
  containers:
  - &base
    name: a
    image: busybox
    env: [{name: MODE, value: fast}]
  - <<: *base
    name: b
...
",
    );
    assert_eq!(m.documents.len(), 2);
    assert_eq!(m.documents[0].number, 2);
    let Object::Pod(pod) = &m.documents[1].object else {
        panic!("not a pod")
    };
    let b = &pod.spec.containers[1];
    assert_eq!((b.name.as_str(), b.image.as_deref()), ("b", Some("busybox")));
    assert_eq!(b.env[0].name, "MODE");
    assert_eq!(parse("").documents.len(), 0);
    assert_eq!(parse("---\n# nothing\n").documents.len(), 0);
    // Anchors belong to their document (YAML; kubectl reads each document alone).
    let e = error(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: one}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: *m\n",
    );
    assert_eq!(
        e,
        "k.yaml:7: alias *m refers to no anchor defined before it (document 2)"
    );
}

#[test]
fn dropped_fields_warn_with_their_line() {
    let m = parse(
        "apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: prod
  creationTimestamp: null
spec:
  nodeSelector: {disk: ssd}
  serviceAccountName: app
  containers:
  - name: c
    image: busybox
    lifecycle: {preStop: {exec: {command: [x]}}}
status: {}
",
    );
    let warnings: Vec<String> = m.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert_eq!(
        warnings[0],
        "k.yaml:8: document 1 (Pod \"p\"): spec.nodeSelector: ignored: scheduling has no meaning on one host"
    );
    assert!(warnings[2].starts_with("k.yaml:13: document 1 (Pod \"p\"): spec.containers[0].lifecycle: ignored"));
}

#[test]
fn unknown_fields_are_errors_with_document_path_and_line() {
    let e = error(
        "apiVersion: v1
kind: ConfigMap
metadata: {name: c}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        imagee: nginx
",
    );
    assert_eq!(
        e,
        "k.yaml:16: document 2 (Deployment \"web\"): spec.template.spec.containers[0]: unknown key \"imagee\" (did you mean \"image\"?)"
    );
}

#[test]
fn wrong_types_name_the_field() {
    let e = error(
        "apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: c
    image: busybox
    ports:
    - containerPort: eighty
",
    );
    assert_eq!(
        e,
        "k.yaml:9: document 1 (Pod \"p\"): spec.containers[0].ports[0].containerPort: expected an integer, found \"eighty\""
    );
    let e = error("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: {name: c}\n");
    assert!(
        e.starts_with("k.yaml:5: document 1 (Pod \"p\"): spec.containers: "),
        "{e}"
    );
    assert!(e.contains("found a mapping"), "{e}");
    let e = error(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: i\n    resources: {limits: {memory: 12XB}}\n",
    );
    assert!(
        e.starts_with(
            "k.yaml:8: document 1 (Pod \"p\"): spec.containers[0].resources.limits.memory: invalid quantity \"12XB\""
        ),
        "{e}"
    );
    let e = error(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: Sometimes\n  containers: [{name: c, image: i}]\n",
    );
    assert!(e.contains("spec.restartPolicy: unknown variant `Sometimes`"), "{e}");
    let e = error("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {k: \"not base64!\"}\n");
    assert!(
        e.starts_with("k.yaml:4: document 1 (Secret \"s\"): data.k: invalid base64"),
        "{e}"
    );
}

#[test]
fn unsupported_kinds_and_versions() {
    let e = error("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\n");
    assert_eq!(
        e,
        "k.yaml:2: document 1 (Ingress \"web\"): kind \"Ingress\" is not supported (supported kinds: Pod, Deployment, DaemonSet, Job, PersistentVolumeClaim, ConfigMap, Secret, Service)"
    );
    let e = error("apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\n");
    assert_eq!(
        e,
        "k.yaml:1: document 1 (Deployment \"d\"): apiVersion: Deployment is apiVersion apps/v1, not \"extensions/v1beta1\""
    );
    let e = error("apiVersion: v1\nmetadata: {name: d}\n");
    assert_eq!(e, "k.yaml:1: document 1: missing key \"kind\"");
    let e = error("- a\n- b\n");
    assert_eq!(
        e,
        "k.yaml:1: document 1: expected a mapping (a Kubernetes object), found a sequence"
    );
    let e = error("apiVersion: v1\nkind: ConfigMap\n");
    assert_eq!(e, "k.yaml:2: document 1 (ConfigMap): metadata.name: a name is required");
}

#[test]
fn refused_fields() {
    let e = error(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: i}]\n  volumes:\n  - name: n\n    nfs: {server: s, path: /}\n",
    );
    assert_eq!(
        e,
        "k.yaml:8: document 1 (Pod \"p\"): spec.volumes[0].nfs: volume type nfs is not supported (supported: hostPath, persistentVolumeClaim, configMap, secret, emptyDir)"
    );
    let e = error(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: i\n    livenessProbe: {grpc: {port: 1}}\n",
    );
    assert!(
        e.contains("spec.containers[0].livenessProbe.grpc: gRPC probes are not supported"),
        "{e}"
    );
}

#[test]
fn semantic_errors() {
    let pod = |spec: &str| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n{spec}");
    let cases = [
        (
            pod("  containers:\n  - {name: c, image: i, volumeMounts: [{name: missing, mountPath: /m}]}\n"),
            "k.yaml:6: document 1 (Pod \"p\"): spec.containers[0].volumeMounts[0].name: no volume named \"missing\" in the pod",
        ),
        (
            pod("  containers:\n  - {name: c, image: i}\n  - {name: c, image: j}\n"),
            "k.yaml:7: document 1 (Pod \"p\"): spec.containers[1].name: container name \"c\" is used twice",
        ),
        (
            pod("  containers:\n  - name: c\n"),
            "k.yaml:6: document 1 (Pod \"p\"): spec.containers[0].image: an image is required",
        ),
        (
            pod("  containers:\n  - {name: c, image: i, ports: [{containerPort: 70000}]}\n"),
            "k.yaml:6: document 1 (Pod \"p\"): spec.containers[0].ports[0].containerPort: port 70000 is not between 1 and 65535",
        ),
        (
            pod("  containers: []\n"),
            "k.yaml:5: document 1 (Pod \"p\"): spec.containers: a pod needs at least one container",
        ),
        (
            pod("  containers:\n  - name: c\n    image: i\n    resources: {limits: {cpu: 1}, requests: {cpu: 2}}\n"),
            "k.yaml:8: document 1 (Pod \"p\"): spec.containers[0].resources.requests.cpu: must be less than or equal to the cpu limit (1)",
        ),
        (
            pod("  containers: [{name: c, image: i}]\n  volumes: [{name: v}]\n"),
            "k.yaml:6: document 1 (Pod \"p\"): spec.volumes[0]: a volume needs one source (hostPath, persistentVolumeClaim, configMap, secret or emptyDir)",
        ),
        (
            pod("  containers:\n  - name: c\n    image: i\n    env: [{name: A, value: x, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]\n"),
            "k.yaml:8: document 1 (Pod \"p\"): spec.containers[0].env[0]: value and valueFrom are exclusive",
        ),
        (
            "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: i}]\n".to_string(),
            "k.yaml:6: document 1 (Job \"j\"): spec.template.spec.restartPolicy: a Job's pods need restartPolicy OnFailure or Never",
        ),
        (
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: y}}\n    spec:\n      containers: [{name: c, image: i}]\n".to_string(),
            "k.yaml:5: document 1 (Deployment \"d\"): spec.selector: the selector does not match the template's labels",
        ),
        (
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80, nodePort: 30001}]\n".to_string(),
            "k.yaml:5: document 1 (Service \"s\"): spec.ports[0].nodePort: may be used only when type is NodePort or LoadBalancer",
        ),
        (
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n".to_string(),
            "k.yaml:3: document 1 (ConfigMap \"Bad_Name\"): metadata.name: invalid name \"Bad_Name\": use lowercase letters, digits and '-' or '.', starting and ending with a letter or digit",
        ),
    ];
    let wrong: Vec<String> = cases
        .iter()
        .filter(|(input, expected)| error(input) != *expected)
        .map(|(input, expected)| format!("{input}\n  got:      {}\n  expected: {expected}", error(input)))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn invalid_yaml_names_the_document_and_line() {
    let e = error(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: [b}\n",
    );
    assert!(e.starts_with("k.yaml:7: invalid YAML: "), "{e}");
    assert!(e.ends_with("(document 2)"), "{e}");
    let e = error("---\napiVersion: v1\nkind: ConfigMap\nkind: Secret\n");
    assert_eq!(e, "k.yaml:4: duplicate key \"kind\" (first at line 3) (document 1)");
    let e = error("a: *nothing\n");
    assert!(
        e.starts_with("k.yaml:1: invalid YAML: ") && e.contains("unknown anchor"),
        "{e}"
    );
}

#[test]
fn hostile_input_is_bounded() {
    // Billion laughs: each level doubles the nodes an alias expands to.
    let mut text = String::from("a0: &a0 [x, x]\n");
    for i in 1..40 {
        text.push_str(&format!("a{i}: &a{i} [*a{}, *a{}]\n", i - 1, i - 1));
    }
    let e = error(&text);
    assert!(e.contains("more than 200000 nodes"), "{e}");
    let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
    assert!(error(&deep).contains("nesting is deeper than 64 levels"));
    let big = "#".repeat(5 << 20);
    assert_eq!(error(&big), "k.yaml: file is larger than 4194304 bytes (document 1)");
    let e = parse_bytes(b"kind: \xff\xfe", "bin").unwrap_err().to_string();
    assert_eq!(e, "bin: not UTF-8 text");
    let e = parse_reader(std::io::repeat(b'#').take(5 << 20), "-")
        .unwrap_err()
        .to_string();
    assert_eq!(e, "-: input is larger than 4194304 bytes");
    // Many small documents stay within the node limit.
    let many = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n".repeat(30_000);
    assert!(error(&many).contains("more than 200000 nodes"));
}

#[test]
fn files_and_readers() {
    let dir = std::env::temp_dir().join(format!("ferry-kube-parse-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("m.yaml");
    std::fs::write(
        &path,
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n",
    )
    .unwrap();
    let m = parse_file(&path).unwrap();
    assert_eq!(m.documents[0].mark.source.as_ref(), path.display().to_string());
    let e = parse_file(&dir.join("missing.yaml")).unwrap_err().to_string();
    assert!(
        e.starts_with(&format!("reading {}: ", dir.join("missing.yaml").display())),
        "{e}"
    );
    let m = parse_reader(&b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"[..], "-").unwrap();
    assert_eq!(m.documents[0].mark.to_string(), "-:1");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Huge numbers, wrong types and odd YAML get located errors, never a panic.
#[test]
fn hostile_values_get_located_errors() {
    let pod = |container: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n  - name: c\n    image: i\n{container}"
        )
    };
    let cases = [
        (
            pod("    ports: [{containerPort: 99999999999999999999999999}]\n"),
            "k.yaml:8: document 1 (Pod \"p\"): spec.containers[0].ports[0].containerPort: ",
        ),
        (
            pod("    ports: [{containerPort: -1}]\n"),
            "k.yaml:8: document 1 (Pod \"p\"): spec.containers[0].ports[0].containerPort: ",
        ),
        (
            pod("    resources: {limits: {memory: 99999999999999999999999999999999999999999999Ei}}\n"),
            "k.yaml:8: document 1 (Pod \"p\"): spec.containers[0].resources.limits.memory: ",
        ),
        (
            pod("    resources: {limits: {cpu: 1e99999999999999999999}}\n"),
            "k.yaml:8: document 1 (Pod \"p\"): spec.containers[0].resources.limits.cpu: ",
        ),
        (
            pod("    resources: {limits: {cpu: .inf}}\n"),
            "k.yaml:8: document 1 (Pod \"p\"): spec.containers[0].resources.limits.cpu: ",
        ),
        (
            pod("    command: {a: b}\n"),
            "k.yaml:8: document 1 (Pod \"p\"): spec.containers[0].command: ",
        ),
        (
            pod("    env: [{name: A, value: [x]}]\n"),
            "k.yaml:8: document 1 (Pod \"p\"): spec.containers[0].env[0].value: ",
        ),
        (
            pod("    tty: maybe\n"),
            "k.yaml:8: document 1 (Pod \"p\"): spec.containers[0].tty: ",
        ),
        (
            pod("    livenessProbe: {periodSeconds: 1e309, exec: {command: [x]}}\n"),
            "k.yaml:8: document 1 (Pod \"p\"): spec.containers[0].livenessProbe.periodSeconds: ",
        ),
        (
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 18446744073709551616\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec: {containers: [{name: c, image: i}]}\n".to_string(),
            "k.yaml:5: document 1 (Deployment \"d\"): spec.replicas: ",
        ),
        (
            "apiVersion: v1\nkind: [Pod]\n".to_string(),
            "k.yaml:2: document 1: kind: expected a string, found a sequence",
        ),
        (
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: {b: c}}\n".to_string(),
            "k.yaml:4: document 1 (ConfigMap \"c\"): data.a: ",
        ),
        (
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [c]}\n".to_string(),
            "k.yaml:3: document 1 (ConfigMap): metadata.name: ",
        ),
        ("just a string\n".to_string(), "k.yaml:1: document 1: expected a mapping"),
        ("? [a, b]\n: c\n".to_string(), "k.yaml:1: mapping keys must be scalars"),
    ];
    let wrong: Vec<String> = cases
        .iter()
        .filter(|(input, prefix)| !error(input).starts_with(prefix))
        .map(|(input, prefix)| format!("{input}\n  got:      {}\n  expected: {prefix}…", error(input)))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Deep nesting inside an accepted field, and an alias bomb inside a pod, stop at the limits.
    let deep = pod(&format!("    command: {}x{}\n", "[".repeat(80), "]".repeat(80)));
    assert!(
        error(&deep).contains("nesting is deeper than 64 levels"),
        "{}",
        error(&deep)
    );
    let mut bomb = String::from("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nx0: &x0 [a, a, a, a]\n");
    for i in 1..20 {
        bomb.push_str(&format!("x{i}: &x{i} [*x{0}, *x{0}, *x{0}, *x{0}]\n", i - 1));
    }
    assert!(error(&bomb).contains("more than 200000 nodes"), "{}", error(&bomb));
}
