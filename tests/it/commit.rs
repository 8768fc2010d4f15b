//! `commit`: new images from containers' changes, runnable at once and portable.

use std::io::Read;
use std::time::{Duration, Instant};

use crate::diff::{CHANGES, EXPECTED};
use crate::support::*;

const IMG: &str = "commitbase:latest";

/// The entries of a layer tar, as `tar tv` would list them: "TYPE PATH [-> LINK] UID".
fn layer_entries(data: &[u8]) -> Vec<String> {
    let mut ar = tar::Archive::new(data);
    let mut out = Vec::new();
    for e in ar.entries().unwrap() {
        let e = e.unwrap();
        let h = e.header();
        let kind = match h.entry_type() {
            tar::EntryType::Directory => "d",
            tar::EntryType::Regular => "f",
            tar::EntryType::Link => "h",
            tar::EntryType::Symlink => "l",
            other => panic!("unexpected entry type {other:?}"),
        };
        let mut line = format!("{kind} {}", String::from_utf8_lossy(&e.path_bytes()));
        if let Some(l) = e.link_name_bytes() {
            line.push_str(&format!(" -> {}", String::from_utf8_lossy(&l)));
        }
        line.push_str(&format!(" {}", h.uid().unwrap()));
        out.push(line);
    }
    out
}

/// The members of a `ferry save` docker archive of `image`, and its parsed manifest.json.
fn saved(ctx: &TestContext, image: &str) -> (Vec<(String, Vec<u8>)>, serde_json::Value) {
    let archive = ctx.file(&format!("{}.tar", image.replace([':', '/'], "_")));
    ctx.ferry(&["save", "-o", p(&archive), image]).success();
    let data = std::fs::read(&archive).unwrap();
    let mut members: Vec<(String, Vec<u8>)> = Vec::new();
    for e in tar::Archive::new(data.as_slice()).entries().unwrap() {
        let mut e = e.unwrap();
        let name = e.path().unwrap().to_string_lossy().into_owned();
        let mut buf = Vec::new();
        e.read_to_end(&mut buf).unwrap();
        members.push((name, buf));
    }
    let manifest = members
        .iter()
        .find(|(n, _)| n == "manifest.json")
        .map(|(_, d)| serde_json::from_slice(d).unwrap())
        .expect("manifest.json in the archive");
    (members, manifest)
}

fn member(members: &[(String, Vec<u8>)], name: &str) -> Vec<u8> {
    members
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} not in the archive"))
        .1
        .clone()
}

/// The last layer of an image, read from a `ferry save` docker archive.
fn top_layer(ctx: &TestContext, image: &str) -> Vec<u8> {
    let (members, manifest) = saved(ctx, image);
    member(
        &members,
        manifest[0]["Layers"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()
            .as_str()
            .unwrap(),
    )
}

/// The image config as stored, read from a `ferry save` docker archive.
fn raw_config(ctx: &TestContext, image: &str) -> serde_json::Value {
    let (members, manifest) = saved(ctx, image);
    serde_json::from_slice(&member(&members, manifest[0]["Config"].as_str().unwrap())).unwrap()
}

both_modes!(commit_then_run, |ctx| {
    ctx.load(&FixtureImage::busybox(), &[IMG]);
    let script = format!("{CHANGES} && chown 33:33 /tmp/a && ln /tmp/a /tmp/hard && ln -s /tmp/a /x/sym");
    ctx.ferry(&["run", "--name", "work", IMG, "sh", "-c", &script])
        .success();
    let out = ctx
        .ferry(&[
            "commit",
            "-q",
            "--change",
            r#"CMD ["sh","-c","echo FOO=$FOO; ls -a /var/www; stat -c '%u:%g %n' /tmp/a /tmp/hard; cat /etc/passwd || echo passwd-gone"]"#,
            "-c",
            "ENV=FOO=bar",
            "--author",
            "Test Author <t@example.com>",
            "work",
            "committed:v1",
        ])
        .success();
    let id = out.stdout().trim().to_string();
    assert!(id.len() == 64 && id.bytes().all(|b| b.is_ascii_hexdigit()), "{id:?}");
    let v = ctx.inspect("committed:v1");
    assert_eq!(v["Id"].as_str().unwrap().trim_start_matches("sha256:"), id);
    assert_eq!(v["Author"], "Test Author <t@example.com>");
    let history = v["History"].as_array().unwrap();
    let last = history.last().unwrap();
    assert_eq!(last["created_by"], "/bin/sh");
    // As Podman: the image the container was created from.
    assert_eq!(last["comment"], format!("FROM docker.io/library/{IMG}"));
    assert_eq!(v["RootFS"]["Layers"].as_array().unwrap().len(), 2);
    assert!(
        v["Config"]["Env"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("FOO=bar")),
        "{v}"
    );

    // The new image runs at once, with the container's changes and the new CMD.
    let run = ctx.ferry(&["run", "--rm", "committed:v1"]).success();
    let text = run.stdout();
    assert!(text.contains("FOO=bar"), "{text}");
    // Opaque: only the new file, none of the image's old /var/www.
    assert!(text.contains(".\n..\nn\n"), "{text}");
    assert!(text.contains("33:33 /tmp/a\n33:33 /tmp/hard"), "{text}");
    assert!(text.contains("passwd-gone"), "/etc/passwd is deleted: {text}");

    // The layer holds exactly the changes, with the container's own ids.
    let entries = layer_entries(&top_layer(ctx, "committed:v1"));
    assert_eq!(
        entries,
        [
            "d etc/ 0",
            // In the order of the names in the container: the whiteout sorts as "passwd".
            "f etc/group 0",
            "f etc/.wh.passwd 0",
            "d tmp/ 0",
            "f tmp/a 33",
            "h tmp/hard -> tmp/a 33",
            "d var/ 0",
            "d var/www/ 0",
            "f var/www/.wh..wh..opq 0",
            "f var/www/n 0",
            "d x/ 0",
            "l x/sym -> /tmp/a 0",
            "d x/y/ 0",
        ]
    );
    // And `diff` of the image shows what `diff` of the container showed.
    let mut expected: Vec<String> = EXPECTED.iter().map(|s| s.to_string()).collect();
    expected.extend(["A /tmp/hard".to_string(), "A /x/sym".to_string()]);
    expected.sort_by(|a, b| a[2..].cmp(&b[2..]));
    assert_eq!(ctx.ferry(&["diff", "committed:v1"]).success().lines(), expected);
});

both_modes!(commit_a_running_container, |ctx| {
    ctx.load(&FixtureImage::busybox(), &[IMG]);
    let id = ctx
        .ferry(&[
            "run",
            "-d",
            "--name",
            "busy",
            IMG,
            "sh",
            "-c",
            "echo started > /tmp/started; while true; do date > /tmp/tick; sleep 0.05; done",
        ])
        .success()
        .stdout()
        .trim()
        .to_string();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !ctx.ferry(&["diff", &id]).success().stdout().contains("/tmp/started") {
        assert!(Instant::now() < deadline, "the container never started writing");
        std::thread::sleep(Duration::from_millis(50));
    }
    for (i, pause) in ["--pause=true", "--pause=false"].iter().enumerate() {
        let name = format!("snap:{i}");
        ctx.ferry(&["container", "commit", "-q", pause, "busy", &name])
            .success();
        let out = ctx.ferry(&["run", "--rm", &name, "cat", "/tmp/started"]).success();
        assert_eq!(out.stdout(), "started\n");
    }
    // The container runs on, not left stopped.
    let pid: i64 = ctx
        .ferry(&["container", "inspect", "--format", "{{.State.Pid}}", "busy"])
        .success()
        .stdout()
        .trim()
        .parse()
        .unwrap();
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let state = stat[stat.rfind(')').unwrap() + 1..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    assert_ne!(state, "T", "the container's init is still stopped");
    let status = ctx
        .ferry(&["container", "inspect", "--format", "{{.State.Status}}", "busy"])
        .success()
        .stdout();
    assert_eq!(status.trim(), "running");
    ctx.ferry(&["rm", "-f", "busy"]).success();
});

both_modes!(commit_metadata_only_and_docker_format_interop, |ctx| {
    ctx.load(&FixtureImage::busybox(), &[IMG]);
    ctx.ferry(&["create", "--name", "idle", IMG, "true"]).success();
    ctx.ferry(&[
        "commit",
        "-q",
        "-f",
        "docker",
        "-m",
        "a message",
        "-c",
        "LABEL a=b",
        "-c",
        "ONBUILD RUN echo hi",
        "-c",
        "EXPOSE 8080",
        "-c",
        "WORKDIR /srv",
        "idle",
        "dockerfmt",
    ])
    .success();
    let v = ctx.inspect("dockerfmt");
    assert_eq!(
        v["ManifestType"],
        "application/vnd.docker.distribution.manifest.v2+json"
    );
    assert_eq!(v["Labels"]["a"], "b");
    assert_eq!(v["Config"]["WorkingDir"], "/srv");
    // Nothing changed: the new layer is an empty tar.
    assert!(layer_entries(&top_layer(ctx, "dockerfmt")).is_empty());

    let archive = ctx.file("dockerfmt.tar");
    ctx.ferry(&["save", "-o", p(&archive), "dockerfmt"]).success();
    let cfg = raw_config(ctx, "dockerfmt");
    // Docker's config keeps the message (Podman stores it only in this format).
    assert_eq!(cfg["comment"], "a message", "{cfg}");
    assert_eq!(cfg["config"]["OnBuild"], serde_json::json!(["RUN echo hi"]));
    assert!(cfg["config"]["ExposedPorts"]["8080/tcp"].is_object(), "{cfg}");
    let out = ctx
        .skopeo(&["inspect", "--config", &format!("docker-archive:{}", p(&archive))])
        .success()
        .json();
    assert_eq!(out["config"]["WorkingDir"], "/srv", "{out}");
    let oci = ctx.file("dockerfmt-oci.tar");
    ctx.ferry(&["save", "--format", "oci-archive", "-o", p(&oci), "dockerfmt"])
        .success();
    ctx.skopeo(&["inspect", &format!("oci-archive:{}", p(&oci))]).success();
    if ctx.mode == Mode::Root {
        let store = ctx.dir.join("podman-root");
        let runroot = std::path::PathBuf::from(format!("/tmp/fpc-{}", std::process::id()));
        let mut cmd = std::process::Command::new("podman");
        cmd.arg("--root")
            .arg(&store)
            .arg("--runroot")
            .arg(&runroot)
            .arg("--storage-driver")
            .arg("vfs")
            .args(["load", "-i", p(&archive)]);
        run(cmd, None).success().stdout_contains("localhost/dockerfmt:latest");
        let _ = std::fs::remove_dir_all(&runroot);
    }
});

both_modes!(commit_hostile_names_create_nothing, |ctx| {
    ctx.load(&FixtureImage::busybox(), &[IMG]);
    ctx.ferry(&["run", "--name", "c", IMG, "sh", "-c", "echo x > /x"])
        .success();
    let blobs = || std::fs::read_dir(ctx.oci_dir().join("blobs/sha256")).unwrap().count();
    let before = (ctx.image_ids(), blobs());
    for bad in ["Bad:Name:!", "UPPER", "a@sha256:1234", "x:", "a b", "a//b"] {
        ctx.ferry(&["commit", "c", bad]).code(125).stderr_contains("invalid");
    }
    for bad_change in ["RUN echo", "CMD", "ONBUILD FROM x", "EXPOSE 99999"] {
        ctx.ferry(&["commit", "-c", bad_change, "c", "fine"]).code(125);
    }
    ctx.ferry(&["commit", "-f", "v2s1", "c", "fine"])
        .code(125)
        .stderr_contains("oci or docker");
    ctx.ferry(&["commit", "nosuchcontainer", "fine"])
        .code(125)
        .stderr_contains("no such container");
    assert_eq!((ctx.image_ids(), blobs()), before, "a refused commit stores nothing");
    // No name: an untagged image.
    let id = ctx.ferry(&["commit", "-q", "c"]).success().stdout().trim().to_string();
    assert!(ctx.image_ids().contains(&id));
});

both_modes!(commit_squash, |ctx| {
    ctx.load(&FixtureImage::busybox(), &[IMG]);
    ctx.ferry(&[
        "run",
        "--name",
        "sq",
        IMG,
        "sh",
        "-c",
        "echo new > /tmp/a && chown 33:33 /tmp/a && rm /etc/group",
    ])
    .success();
    ctx.ferry(&["commit", "-q", "--squash", "sq", "squashed"]).success();
    let v = ctx.inspect("squashed");
    assert_eq!(v["RootFS"]["Layers"].as_array().unwrap().len(), 1, "{v}");
    let history = v["History"].as_array().unwrap();
    assert_eq!(
        history.iter().filter(|h| h["empty_layer"] != true).count(),
        1,
        "one history entry per layer: {v}"
    );
    let entries = layer_entries(&top_layer(ctx, "squashed"));
    assert!(entries.contains(&"f tmp/a 33".to_string()), "{entries:?}");
    assert!(entries.contains(&"f bin/busybox 0".to_string()), "{entries:?}");
    assert!(entries.contains(&"d var/www/ 33".to_string()), "{entries:?}");
    assert!(
        !entries.iter().any(|e| e.contains("etc/group") || e.contains(".wh.")),
        "{entries:?}"
    );
    let out = ctx
        .ferry(&[
            "run",
            "--rm",
            "squashed",
            "sh",
            "-c",
            "stat -c '%u %n' /tmp/a /var/www; ls /etc",
        ])
        .success()
        .stdout();
    assert!(out.contains("33 /tmp/a\n33 /var/www\n"), "{out}");
    assert!(!out.contains("group"), "{out}");
});
