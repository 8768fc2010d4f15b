//! `build`: real Containerfiles over the busybox fixture, rootless and as root: what the built
//! images contain and do at run time, their layers, the cache, and bad input.

use std::path::{Path, PathBuf};

use crate::support::*;

/// Writes `files` (path, content) under `files/<name>/` and returns that directory.
fn context(ctx: &TestContext, name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = ctx.file(name);
    for (path, content) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
    }
    dir
}

fn build(ctx: &TestContext, dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build"];
    args.extend_from_slice(extra);
    args.push(p(dir));
    ctx.ferry(&args)
}

fn with_busybox(ctx: &TestContext) {
    ctx.load(&FixtureImage::busybox(), &["busybox"]);
}

/// The last line of a build's output: the full image id.
fn built_id(out: &Output) -> String {
    out.stdout().lines().last().unwrap_or_default().trim().to_string()
}

fn run_out(ctx: &TestContext, args: &[&str]) -> String {
    let mut a = vec!["run", "--rm"];
    a.extend_from_slice(args);
    ctx.ferry(&a).success().stdout()
}

/// Entry names of the layer tars of `image`, one list per layer, via `save` (docker-archive).
fn layer_entries(ctx: &TestContext, image: &str) -> Vec<Vec<String>> {
    let tarball = ctx.file(&format!("save-{}.tar", image.replace([':', '/'], "_")));
    ctx.ferry(&["save", "-o", p(&tarball), image]).success();
    let data = std::fs::read(&tarball).unwrap();
    let mut outer = tar::Archive::new(&data[..]);
    let mut files: std::collections::BTreeMap<String, Vec<u8>> = Default::default();
    for e in outer.entries().unwrap() {
        let mut e = e.unwrap();
        let name = e.path().unwrap().to_string_lossy().into_owned();
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut buf).unwrap();
        files.insert(name, buf);
    }
    let manifest: serde_json::Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    manifest[0]["Layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let data = &files[l.as_str().unwrap()];
            let mut ar = tar::Archive::new(&data[..]);
            ar.entries()
                .unwrap()
                .map(|e| {
                    e.unwrap()
                        .path()
                        .unwrap()
                        .to_string_lossy()
                        .trim_end_matches('/')
                        .to_string()
                })
                .collect()
        })
        .collect()
}

const BASIC: &str = "FROM busybox
ENV GREETING=hello
WORKDIR /app
COPY hello.txt ./
RUN echo \"$GREETING from run\" > /app/run.txt && cat /app/hello.txt
CMD [\"cat\", \"/app/run.txt\"]
";

both_modes!(builds_runs_and_rebuilds_from_cache, |ctx| {
    with_busybox(ctx);
    let dir = context(ctx, "ctx", &[("Containerfile", BASIC), ("hello.txt", "hi there\n")]);
    let out = build(ctx, &dir, &["-t", "basic"]).success();
    let text = out.stdout();
    assert!(text.contains("STEP 1/6: FROM busybox"), "{text}");
    assert!(text.contains("STEP 5/6: RUN echo"), "{text}");
    assert!(text.contains("hi there"), "RUN output is shown: {text}");
    assert!(text.contains("COMMIT basic"), "{text}");
    assert!(text.contains("Successfully tagged localhost/basic:latest"), "{text}");
    let id = built_id(&out);
    assert_eq!(id.len(), 64, "{text}");
    assert_eq!(run_out(ctx, &["basic"]), "hello from run\n");
    assert_eq!(run_out(ctx, &["basic", "sh", "-c", "pwd"]), "/app\n");
    assert_eq!(run_out(ctx, &["basic", "cat", "/app/hello.txt"]), "hi there\n");

    // Everything cached: same id, no container, every step says so.
    let again = build(ctx, &dir, &["-t", "basic"]).success();
    let text = again.stdout();
    assert_eq!(text.matches("--> Using cache ").count(), 5, "{text}");
    assert!(!text.contains("hi there"), "no RUN ran: {text}");
    assert_eq!(built_id(&again), id);

    // Image config and history as Buildah writes them.
    let inspect = ctx.inspect("basic");
    let config = &inspect["Config"];
    assert_eq!(config["WorkingDir"], "/app", "{inspect}");
    assert_eq!(config["Cmd"], serde_json::json!(["cat", "/app/run.txt"]));
    let history = ctx
        .ferry(&["history", "--no-trunc", "--format", "json", "basic"])
        .success()
        .json();
    let created_by: Vec<String> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            h["CreatedBy"]
                .as_str()
                .or(h["created_by"].as_str())
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert!(
        created_by.iter().any(|c| c == "/bin/sh -c #(nop) ENV GREETING=hello"),
        "{created_by:?}"
    );
    assert!(
        created_by.iter().any(|c| c.starts_with("/bin/sh -c #(nop) COPY file:")),
        "{created_by:?}"
    );
    assert!(
        created_by.iter().any(|c| c.starts_with("/bin/sh -c echo")),
        "{created_by:?}"
    );
});

both_modes!(
    multi_stage_copies_from_an_earlier_stage_only_building_what_is_needed,
    |ctx| {
        with_busybox(ctx);
        let file = "FROM busybox AS builder
RUN mkdir -p /out && echo built > /out/artifact
FROM busybox AS unused
RUN echo UNUSED-STAGE-RAN
FROM busybox
COPY --from=builder /out/artifact /artifact
COPY --from=0 /out /copied/
CMD [\"cat\", \"/artifact\"]
";
        let dir = context(ctx, "ctx", &[("Containerfile", file)]);
        let out = build(ctx, &dir, &["-t", "multi"]).success();
        let text = out.stdout();
        assert!(text.contains("[1/3] STEP 1/2: FROM busybox AS builder"), "{text}");
        assert!(!text.contains("UNUSED-STAGE-RAN"), "{text}");
        assert_eq!(run_out(ctx, &["multi"]), "built\n");
        assert_eq!(run_out(ctx, &["multi", "cat", "/copied/artifact"]), "built\n");
        // --target stops at a stage.
        let out = build(ctx, &dir, &["--target", "builder", "-t", "stage1"]).success();
        assert!(!out.stdout().contains("STEP 1/4"), "{}", out.stdout());
        assert_eq!(run_out(ctx, &["stage1", "cat", "/out/artifact"]), "built\n");
        // A missing stage or image is an error with the location and no image.
        let bad = context(
            ctx,
            "bad",
            &[("Containerfile", "FROM busybox\nCOPY --from=nosuchstage /x /x\n")],
        );
        build(ctx, &bad, &["--pull=never", "-t", "bad"])
            .failure()
            .stderr_contains("Containerfile:2")
            .stderr_contains("nosuchstage");
        let bad = context(ctx, "bad2", &[("Containerfile", "FROM nosuchimage\nRUN true\n")]);
        build(ctx, &bad, &["--pull=never", "-t", "bad"])
            .failure()
            .stderr_contains("Containerfile:1")
            .stderr_contains("nosuchimage");
        ctx.ferry(&["image", "exists", "bad"]).code(1);
    }
);

const HEREDOCS: &str = r#"ARG BASE=busybox
FROM $BASE
ARG WHO=world
ARG UNUSED
RUN <<EOF
echo "hello $WHO" > /greeting
EOF
COPY <<EOT /etc/motd
welcome $WHO
EOT
COPY <<'EOT' /etc/raw
not $WHO
EOT
SHELL ["/bin/sh", "-e", "-c"]
RUN echo "shell: $0 $-" > /shell.txt
RUN echo "proxy=$HTTP_PROXY" > /proxy.txt
USER user
WORKDIR /home/user/work
ENV MODE=prod
CMD ["sh", "-c", "id -u; pwd; echo $MODE; cat /greeting /etc/motd /etc/raw"]
"#;

both_modes!(heredocs_shell_and_args, |ctx| {
    with_busybox(ctx);
    let dir = context(ctx, "ctx", &[("Containerfile", HEREDOCS)]);
    build(
        ctx,
        &dir,
        &[
            "-t",
            "hd",
            "--build-arg",
            "WHO=ferry",
            "--build-arg",
            "HTTP_PROXY=http://proxy:3128",
        ],
    )
    .success();
    // Predefined proxy args reach RUN without an ARG, and stay out of history.
    assert_eq!(run_out(ctx, &["hd", "cat", "/proxy.txt"]), "proxy=http://proxy:3128\n");
    assert_eq!(
        run_out(ctx, &["hd"]),
        "1000\n/home/user/work\nprod\nhello ferry\nwelcome ferry\nnot $WHO\n"
    );
    let shell = run_out(ctx, &["hd", "cat", "/shell.txt"]);
    assert!(shell.starts_with("shell: /bin/sh") && shell.contains('e'), "{shell}");
    // The build arg is in the RUN history entry, as Buildah writes it.
    let history = ctx.ferry(&["history", "--no-trunc", "hd"]).success().stdout();
    assert!(history.contains("|1 WHO=ferry /bin/sh -c"), "{history}");
    assert!(!history.contains("proxy:3128"), "{history}");
    // A build arg file works the same.
    let args = ctx.file("args.env");
    std::fs::write(&args, "WHO=file\n").unwrap();
    build(ctx, &dir, &["-t", "hd2", "--build-arg-file", p(&args)]).success();
    assert!(run_out(ctx, &["hd2", "cat", "/greeting"]).contains("hello file"));
});

both_modes!(cache_mount_keeps_files_between_builds, |ctx| {
    with_busybox(ctx);
    let file = "FROM busybox
ARG N
RUN --mount=type=cache,target=/cache echo \"run $N\" >> /cache/log && cat /cache/log > /seen
";
    let dir = context(ctx, "ctx", &[("Containerfile", file)]);
    build(ctx, &dir, &["-t", "c1", "--build-arg", "N=1"]).success();
    build(ctx, &dir, &["-t", "c2", "--build-arg", "N=2"]).success();
    assert_eq!(run_out(ctx, &["c2", "cat", "/seen"]), "run 1\nrun 2\n");
    // The cache directory is not part of the image.
    ctx.ferry(&["run", "--rm", "c2", "test", "-e", "/cache/log"]).code(1);
});

both_modes!(ignore_file_chown_chmod_and_add_tar, |ctx| {
    with_busybox(ctx);
    let file = "FROM busybox
COPY . /ctx/
COPY --chown=user:user --chmod=0750 tool.sh /usr/local/bin/tool
ADD files.tar /unpacked/
ADD --chown=33:33 plain.txt /plain.txt
";
    let dir = context(
        ctx,
        "ctx",
        &[
            ("Containerfile", file),
            (".dockerignore", "*.log\nsecret/\n!keep.log\n"),
            ("a.log", "ignored\n"),
            ("keep.log", "kept\n"),
            ("secret/key", "nope\n"),
            ("sub/b.txt", "b\n"),
            ("tool.sh", "#!/bin/sh\necho tool\n"),
            ("plain.txt", "plain\n"),
        ],
    );
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_path("inner/x.txt").unwrap();
    h.set_size(2);
    h.set_mode(0o644);
    h.set_cksum();
    b.append(&h, &b"x\n"[..]).unwrap();
    std::fs::write(dir.join("files.tar"), b.into_inner().unwrap()).unwrap();
    build(ctx, &dir, &["-t", "ign"]).success();
    let listing = run_out(ctx, &["ign", "sh", "-c", "cd /ctx && ls -a | sort | tr '\\n' ' '"]);
    assert_eq!(
        listing,
        ". .. .dockerignore Containerfile files.tar keep.log plain.txt sub tool.sh "
    );
    let st = run_out(ctx, &["ign", "stat", "-c", "%u:%g %a", "/usr/local/bin/tool"]);
    assert_eq!(st, "1000:1000 750\n");
    assert_eq!(run_out(ctx, &["ign", "stat", "-c", "%u:%g", "/plain.txt"]), "33:33\n");
    assert_eq!(run_out(ctx, &["ign", "cat", "/unpacked/inner/x.txt"]), "x\n");
    // Leaving the context is an error with the location, and no image is made.
    let bad = context(ctx, "bad", &[("Containerfile", "FROM busybox\nCOPY ../outside /x\n")]);
    build(ctx, &bad, &["-t", "bad"])
        .failure()
        .stderr_contains("Containerfile:2")
        .stderr_contains("outside the build context");
    ctx.ferry(&["image", "exists", "bad"]).code(1);
});

both_modes!(onbuild_triggers_run_in_the_child, |ctx| {
    with_busybox(ctx);
    let parent = context(
        ctx,
        "parent",
        &[(
            "Containerfile",
            "FROM busybox\nONBUILD RUN echo triggered > /onbuild.txt\nONBUILD COPY data /data\n",
        )],
    );
    build(ctx, &parent, &["-t", "parent"]).success();
    ctx.ferry(&["run", "--rm", "parent", "test", "-e", "/onbuild.txt"])
        .code(1);
    let child = context(
        ctx,
        "child",
        &[("Containerfile", "FROM parent\nRUN true\n"), ("data", "d\n")],
    );
    build(ctx, &child, &["-t", "child"]).success();
    assert_eq!(
        run_out(ctx, &["child", "cat", "/onbuild.txt", "/data"]),
        "triggered\nd\n"
    );
    // Triggers do not pass on to grandchildren.
    let inspect = ctx.inspect("child");
    let onbuild = &inspect["Config"]["OnBuild"];
    assert!(onbuild.is_null() || onbuild == &serde_json::json!([]), "{inspect}");
});

both_modes!(deletions_become_whiteouts_and_layers_hold_only_changes, |ctx| {
    with_busybox(ctx);
    let file = "FROM busybox
RUN mkdir /data && echo a > /data/a && echo b > /data/b
RUN rm /data/a /etc/group && echo c > /data/c
";
    let dir = context(ctx, "ctx", &[("Containerfile", file)]);
    build(ctx, &dir, &["-t", "wh"]).success();
    let layers = layer_entries(ctx, "wh");
    assert_eq!(layers.len(), 3, "{layers:?}");
    let mut second = layers[1].clone();
    second.sort();
    assert_eq!(second, ["data", "data/a", "data/b"], "{layers:?}");
    let mut third = layers[2].clone();
    third.sort();
    assert_eq!(
        third,
        ["data", "data/.wh.a", "data/c", "etc", "etc/.wh.group"],
        "{layers:?}"
    );
    assert_eq!(run_out(ctx, &["wh", "ls", "/data"]), "b\nc\n");
});

const MATRIX: &str = "FROM busybox
COPY a.txt /a.txt
ARG V=1
COPY b.txt /b.txt
RUN cat /a.txt /b.txt > /ab && echo RAN-FIRST
RUN echo \"v=$V\" > /v && echo RAN-SECOND
CMD [\"cat\", \"/ab\", \"/v\"]
";

/// How many steps a build took from the cache, and whether any RUN ran.
fn cache_hits(out: &Output) -> (usize, bool) {
    let text = out.stdout();
    let ran = text.lines().any(|l| l.starts_with("RAN-"));
    (text.matches("--> Using cache ").count(), ran)
}

both_modes!(cache_matrix, |ctx| {
    with_busybox(ctx);
    let dir = context(
        ctx,
        "ctx",
        &[
            ("Containerfile", MATRIX),
            (".dockerignore", "*.log\n"),
            ("a.txt", "a\n"),
            ("b.txt", "b\n"),
        ],
    );
    let first = build(ctx, &dir, &["-t", "m"]).success();
    assert_eq!(cache_hits(&first), (0, true), "{}", first.stdout());
    let id = built_id(&first);

    // Unchanged: every step after FROM from the cache (ARG included), no container started.
    let again = build(ctx, &dir, &["-t", "m"]).success();
    assert_eq!(cache_hits(&again), (6, false), "{}", again.stdout());
    assert_eq!(built_id(&again), id);

    // Unrelated and ignored files, and a new mtime on a copied file, do not bust the cache.
    std::fs::write(dir.join("unrelated.txt"), "x").unwrap();
    std::fs::write(dir.join("debug.log"), "x").unwrap();
    std::fs::write(dir.join("a.txt"), "a\n").unwrap();
    let touched = build(ctx, &dir, &["-t", "m"]).success();
    assert_eq!(cache_hits(&touched), (6, false), "{}", touched.stdout());

    // Changing a copied file busts that step and the ones after it.
    std::fs::write(dir.join("b.txt"), "B\n").unwrap();
    let changed = build(ctx, &dir, &["-t", "m"]).success();
    assert_eq!(cache_hits(&changed), (2, true), "{}", changed.stdout());
    assert_eq!(run_out(ctx, &["m"]), "a\nB\nv=1\n");

    // Changing a build arg busts only the steps that use it (RUN sees every ARG).
    let arg = build(ctx, &dir, &["-t", "m", "--build-arg", "V=2"]).success();
    let text = arg.stdout();
    assert_eq!(cache_hits(&arg), (3, true), "{text}");
    assert!(
        text.contains("\nRAN-FIRST\n") && text.contains("\nRAN-SECOND\n"),
        "{text}"
    );
    assert_eq!(run_out(ctx, &["m"]), "a\nB\nv=2\n");

    // --no-cache runs everything again.
    let fresh = build(ctx, &dir, &["-t", "m", "--no-cache"]).success();
    assert_eq!(cache_hits(&fresh), (0, true), "{}", fresh.stdout());

    // The cache survives pruning unrelated images.
    ctx.load(&FixtureImage::multilayer(), &["unrelated"]);
    ctx.ferry(&["rmi", "unrelated"]).success();
    ctx.ferry(&["image", "prune", "-f"]).success();
    let after_prune = build(ctx, &dir, &["-t", "m"]).success();
    assert_eq!(cache_hits(&after_prune), (6, false), "{}", after_prune.stdout());
});

both_modes!(bad_input_is_a_clear_error_and_makes_no_image, |ctx| {
    with_busybox(ctx);
    let before = ctx.image_ids();
    for (name, file, needle) in [
        (
            "unknown",
            "FROM busybox\nFORM x\n",
            "Containerfile:2: unknown instruction",
        ),
        ("heredoc", "FROM busybox\nRUN <<EOF\necho hi\n", "Containerfile:2"),
        ("noimage", "FROM does-not-exist\n", "Containerfile:1"),
    ] {
        let dir = context(ctx, name, &[("Containerfile", file)]);
        let out = build(ctx, &dir, &["--pull=never", "-t", name]).code(125);
        assert!(out.stderr.contains(needle), "{name}: {}", out.stderr);
        assert!(out.stderr.starts_with("Error: "), "{name}: {}", out.stderr);
    }
    let dir = context(
        ctx,
        "failing",
        &[(
            "Containerfile",
            "FROM busybox\nRUN echo visible-output\nRUN echo before-fail && false\n",
        )],
    );
    // As Podman, a failing RUN makes the build exit with the command's status.
    let out = build(ctx, &dir, &["-t", "failing"]).code(1);
    assert!(out.stdout().contains("before-fail"), "{}", out.stdout());
    assert!(
        out.stderr.contains(
            "Containerfile:3: building at STEP \"RUN echo before-fail && false\": while running runtime: exit status 1"
        ),
        "{}",
        out.stderr
    );
    ctx.ferry(&["image", "exists", "failing"]).code(1);
    assert_eq!(ctx.image_ids(), before, "no image from failed builds");
});

both_modes!(expansion_bombs_are_bounded, |ctx| {
    with_busybox(ctx);
    let before = ctx.image_ids();
    let doubling = "ARG A=${A}${A}\n".repeat(40);
    // In a stage and among the global ARGs before FROM: the value doubles line after line
    // until it passes the bound (1 MiB after 20 doublings), and the error names that line.
    for (name, file) in [
        ("stage", format!("FROM busybox\nARG A=x\n{doubling}RUN true\n")),
        ("global", format!("ARG A=x\n{doubling}FROM busybox\n")),
    ] {
        let dir = context(ctx, name, &[("Containerfile", &file)]);
        let started = std::time::Instant::now();
        let mut cmd = ctx.command("/usr/bin/time");
        cmd.args(["-f", "maxrss=%M"]).arg(ferry_bin());
        if ctx.mode == Mode::Root {
            cmd.args(["--root", p(&ctx.store_root()), "--runroot", p(&ctx.runroot())]);
        }
        cmd.args(["build", "-t", name, p(&dir)]);
        let out = run(cmd, None).code(125);
        let line = if name == "stage" { 23 } else { 22 };
        assert!(
            out.stderr.contains(&format!("Containerfile:{line}: ")),
            "{name}: {}",
            out.stderr
        );
        assert!(
            out.stderr
                .contains("\"${A}${A}\": the expanded value is longer than 1048576 bytes"),
            "{name}: {}",
            out.stderr
        );
        let rss: u64 = out.stderr.rsplit("maxrss=").next().unwrap().trim().parse().unwrap();
        assert!(rss < 200 * 1024, "{name}: {rss} KiB");
        assert!(started.elapsed() < std::time::Duration::from_secs(60));
    }
    // Copies of a large value, line after line, are bounded too.
    let copies: String = (0..12).map(|i| format!("ARG C{i}=$A\n")).collect();
    let file = format!(
        "FROM busybox\nARG A=x\n{}{copies}RUN true\n",
        "ARG A=${A}${A}\n".repeat(20)
    );
    let dir = context(ctx, "copies", &[("Containerfile", &file)]);
    let out = build(ctx, &dir, &["-t", "copies"]).code(125);
    assert!(
        out.stderr
            .contains("the stage's ARG, ENV, LABEL, EXPOSE and VOLUME values take more than 8388608 bytes"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("Containerfile:29: "), "{}", out.stderr);
    // A build argument file is read by bounded lines.
    let out = build(ctx, &dir, &["--build-arg-file", "/dev/zero", "-t", "x"]).code(125);
    assert!(
        out.stderr.contains("/dev/zero:1: the line is longer than 65536 bytes"),
        "{}",
        out.stderr
    );
    assert_eq!(ctx.image_ids(), before, "no image from refused builds");
});

both_modes!(built_image_saves_loads_and_pushes, |ctx| {
    with_busybox(ctx);
    let dir = context(
        ctx,
        "ctx",
        &[(
            "Containerfile",
            "FROM busybox\nRUN echo data > /data\nLABEL a=b\nCMD [\"cat\", \"/data\"]\n",
        )],
    );
    let iid = ctx.file("iid");
    let out = build(
        ctx,
        &dir,
        &["-t", "app:1", "-t", "app:2", "--iidfile", p(&iid), "--label", "x=y"],
    )
    .success();
    let id = built_id(&out);
    assert_eq!(std::fs::read_to_string(&iid).unwrap(), format!("sha256:{id}"));
    let labels = &ctx.inspect("app:1")["Config"]["Labels"];
    assert_eq!(
        (labels["a"].as_str(), labels["x"].as_str()),
        (Some("b"), Some("y")),
        "{labels}"
    );
    let archive = ctx.file("app.tar");
    ctx.ferry(&["save", "-o", p(&archive), "app:1"]).success();
    ctx.ferry(&["rmi", "-f", &id]).success();
    ctx.ferry(&["load", "-i", p(&archive)]).success();
    assert_eq!(run_out(ctx, &["app:1"]), "data\n");
    let registry = crate::support::registry::Registry::plain();
    let dest = registry.reference("built/app:1");
    ctx.ferry(&["push", "--tls-verify=false", "app:1", &dest]).success();
    let m = registry.manifest_json("built/app:1");
    assert_eq!(
        m["config"]["digest"].as_str(),
        Some(format!("sha256:{id}").as_str()),
        "{m}"
    );
    // -q prints only the id; the docker format is a Docker schema 2 image.
    let q = build(ctx, &dir, &["-q", "--format", "docker", "-t", "app:docker"]).success();
    assert_eq!(q.stdout().lines().count(), 1, "{}", q.stdout());
    let inspect = ctx.inspect("app:docker");
    assert!(
        inspect["ManifestType"].as_str().unwrap_or_default().contains("docker")
            || inspect
                .to_string()
                .contains("application/vnd.docker.distribution.manifest.v2+json"),
        "{inspect}"
    );
});

both_modes!(context_and_containerfile_from_stdin, |ctx| {
    with_busybox(ctx);
    let mut b = tar::Builder::new(Vec::new());
    for (name, data) in [
        ("Containerfile", &b"FROM busybox\nCOPY f.txt /f.txt\n"[..]),
        ("f.txt", &b"from tar\n"[..]),
    ] {
        let mut h = tar::Header::new_gnu();
        h.set_path(name).unwrap();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        b.append(&h, data).unwrap();
    }
    let data = b.into_inner().unwrap();
    ctx.ferry_stdin(&["build", "-t", "fromtar", "-"], &data).success();
    assert_eq!(run_out(ctx, &["fromtar", "cat", "/f.txt"]), "from tar\n");
    let dir = context(ctx, "ctx", &[("f.txt", "from dir\n")]);
    ctx.ferry_stdin(
        &["build", "-t", "fromstdin", "-f", "-", p(&dir)],
        b"FROM busybox\nCOPY f.txt /f.txt\n",
    )
    .success();
    assert_eq!(run_out(ctx, &["fromstdin", "cat", "/f.txt"]), "from dir\n");
});

both_modes!(secrets_binds_network_and_squash, |ctx| {
    with_busybox(ctx);
    let file = "FROM busybox AS tools
RUN echo tool > /tool
FROM busybox
RUN --mount=type=secret,id=tok cat /run/secrets/tok > /seen-secret
RUN --mount=type=bind,from=tools,source=/tool,target=/mnt/tool cat /mnt/tool > /seen-tool
RUN --mount=type=bind,source=ctx.txt,target=/ctx.txt cat /ctx.txt > /seen-ctx
RUN --network=none cat /proc/net/dev | grep -c : > /ifaces
";
    let dir = context(ctx, "ctx", &[("Containerfile", file), ("ctx.txt", "ctx\n")]);
    let secret = ctx.file("secret.txt");
    std::fs::write(&secret, "s3cret\n").unwrap();
    let sarg = format!("id=tok,src={}", p(&secret));
    build(ctx, &dir, &["-t", "sec", "--secret", &sarg]).success();
    assert_eq!(
        run_out(
            ctx,
            &["sec", "cat", "/seen-secret", "/seen-tool", "/seen-ctx", "/ifaces"]
        ),
        "s3cret\ntool\nctx\n1\n"
    );
    // The secret itself is in no layer.
    for layer in layer_entries(ctx, "sec") {
        assert!(!layer.iter().any(|e| e.starts_with("run/secrets")), "{layer:?}");
    }
    // --squash: one new layer on the base; --squash-all: one layer; --layers=false: no cache.
    build(ctx, &dir, &["-t", "sq", "--squash", "--secret", &sarg]).success();
    assert_eq!(layer_entries(ctx, "sq").len(), 2);
    build(ctx, &dir, &["-t", "sqa", "--squash-all", "--secret", &sarg]).success();
    assert_eq!(layer_entries(ctx, "sqa").len(), 1);
    assert_eq!(run_out(ctx, &["sqa", "cat", "/seen-tool"]), "tool\n");
    let nl = build(ctx, &dir, &["-t", "nolayers", "--layers=false", "--secret", &sarg]).success();
    assert!(!nl.stdout().contains("Using cache"), "{}", nl.stdout());
});

/// Metadata of every path in an image's merged filesystem (whiteouts applied), from a
/// docker-archive: `path -> "type mode uid:gid size link"`, without times.
fn merged_listing(archive: &Path) -> std::collections::BTreeMap<String, String> {
    let data = std::fs::read(archive).unwrap();
    let mut files: std::collections::BTreeMap<String, Vec<u8>> = Default::default();
    for e in tar::Archive::new(&data[..]).entries().unwrap() {
        let mut e = e.unwrap();
        let name = e.path().unwrap().to_string_lossy().into_owned();
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut buf).unwrap();
        files.insert(name, buf);
    }
    let manifest: serde_json::Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for layer in manifest[0]["Layers"].as_array().unwrap() {
        let data = &files[layer.as_str().unwrap()];
        for e in tar::Archive::new(&data[..]).entries().unwrap() {
            let e = e.unwrap();
            let path = e
                .path()
                .unwrap()
                .to_string_lossy()
                .trim_end_matches('/')
                .trim_start_matches("./")
                .to_string();
            let (dir, name) = path.rsplit_once('/').unwrap_or(("", path.as_str()));
            let prefix = if dir.is_empty() {
                String::new()
            } else {
                format!("{dir}/")
            };
            if name == ".wh..wh..opq" {
                out.retain(|k: &String, _| !k.starts_with(&prefix));
                continue;
            }
            if let Some(gone) = name.strip_prefix(".wh.") {
                let full = format!("{prefix}{gone}");
                out.retain(|k: &String, _| k != &full && !k.starts_with(&format!("{full}/")));
                continue;
            }
            let h = e.header();
            let link = e
                .link_name()
                .unwrap()
                .map(|l| l.to_string_lossy().into_owned())
                .unwrap_or_default();
            let size = if h.entry_type().is_file() { h.size().unwrap() } else { 0 };
            out.insert(
                path.clone(),
                format!(
                    "{:?} {:o} {}:{} {size} {link}",
                    h.entry_type(),
                    h.mode().unwrap() & 0o7777,
                    h.uid().unwrap(),
                    h.gid().unwrap()
                ),
            );
        }
    }
    out
}

const COMPARED: &str = "FROM localhost/bb
RUN mkdir -p /data/sub && echo x > /data/x && echo y > /data/sub/y && rm /etc/group
RUN rm -r /data/sub && chmod 700 /data
WORKDIR /app
COPY f.txt .
COPY --chown=1000:1000 --chmod=640 f.txt /app/owned.txt
ADD inner.tar /unpacked/
USER user
RUN echo user-file > /tmp/userfile
";

both_modes!(same_filesystem_as_podman_build, |ctx| {
    if !std::process::Command::new("podman")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        eprintln!("podman is not installed: comparison skipped");
        return;
    }
    let rootfs = ctx.file("rootfs.tar");
    FixtureImage::busybox().write_rootfs_tar(&rootfs);
    let dir = context(ctx, "ctx", &[("Containerfile", COMPARED), ("f.txt", "file\n")]);
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_path("in/z.txt").unwrap();
    h.set_size(2);
    h.set_mode(0o600);
    h.set_cksum();
    b.append(&h, &b"z\n"[..]).unwrap();
    std::fs::write(dir.join("inner.tar"), b.into_inner().unwrap()).unwrap();

    // Podman as root, with storage in the test directory and runc (crun refuses hybrid cgroups).
    // podman's runroot path must be short; one per test (root and rootless run at once).
    let short = PathBuf::from(format!("/tmp/fpb-{}-{:?}", std::process::id(), ctx.mode));
    let podman = |args: &[&str]| {
        let mut cmd = std::process::Command::new("podman");
        cmd.arg("--root")
            .arg(ctx.dir.join("podman-root"))
            .arg("--runroot")
            .arg(&short)
            .args([
                "--storage-driver",
                "vfs",
                "--runtime",
                "runc",
                "--cgroup-manager",
                "cgroupfs",
            ])
            .args(args);
        run(cmd, None)
    };
    podman(&["import", p(&rootfs), "localhost/bb"]).success();
    podman(&[
        "build",
        "--network",
        "none",
        "--isolation",
        "oci",
        "-t",
        "localhost/cmp",
        p(&dir),
    ])
    .success();
    let podman_archive = ctx.file("podman.tar");
    podman(&["save", "-o", p(&podman_archive), "localhost/cmp"]).success();
    let _ = std::fs::remove_dir_all(&short);

    ctx.ferry(&["import", p(&rootfs), "localhost/bb"]).success();
    build(ctx, &dir, &["-t", "cmp"]).success();
    let ferry_archive = ctx.file("ferry.tar");
    ctx.ferry(&["save", "-o", p(&ferry_archive), "cmp"]).success();

    let (mut theirs, ours) = (merged_listing(&podman_archive), merged_listing(&ferry_archive));
    // Buildah leaves the empty mount points of its RUN containers in the layers; ferry does not.
    for placeholder in [
        "dev",
        "proc",
        "sys",
        "run",
        "etc/hostname",
        "etc/hosts",
        "etc/resolv.conf",
    ] {
        if !ours.contains_key(placeholder) {
            theirs.remove(placeholder);
        }
    }
    assert!(
        ours.contains_key("unpacked/in/z.txt") && !ours.contains_key("etc/group"),
        "{ours:?}"
    );
    let differ: Vec<_> = theirs
        .keys()
        .chain(ours.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|k| theirs.get(*k) != ours.get(*k))
        .map(|k| format!("{k}: podman {:?} ferry {:?}", theirs.get(k), ours.get(k)))
        .collect();
    assert!(differ.is_empty(), "{differ:#?}");
});

const METADATA: &str = r#"FROM busybox
MAINTAINER someone@example.com
ARG PORT=8080
EXPOSE $PORT 53/udp
VOLUME ["/data"]
VOLUME /cache /logs
STOPSIGNAL SIGINT
HEALTHCHECK --interval=30s --retries=3 CMD wget -q localhost || exit 1
LABEL org.example.name="my app" version=1
ENTRYPOINT ["/bin/echo"]
CMD ["default-arg"]
"#;

both_modes!(image_config_from_metadata_instructions, |ctx| {
    with_busybox(ctx);
    let dir = context(ctx, "ctx", &[("Dockerfile", METADATA)]);
    // Dockerfile is the fallback name; `image build` is the same command; annotations go to the manifest.
    ctx.ferry(&[
        "image",
        "build",
        "-t",
        "meta",
        "--annotation",
        "org.example.a=b",
        p(&dir),
    ])
    .success();
    let inspect = ctx.inspect("meta");
    let c = &inspect["Config"];
    assert_eq!(inspect["Author"], "someone@example.com", "{inspect}");
    let ports: Vec<&String> = c["ExposedPorts"].as_object().unwrap().keys().collect();
    assert_eq!(ports, ["53/udp", "8080/tcp"], "{inspect}");
    let vols: Vec<&String> = c["Volumes"].as_object().unwrap().keys().collect();
    assert_eq!(vols, ["/cache", "/data", "/logs"], "{inspect}");
    assert_eq!(c["StopSignal"], "SIGINT");
    assert_eq!(
        c["Healthcheck"]["Test"],
        serde_json::json!(["CMD-SHELL", "wget -q localhost || exit 1"])
    );
    assert_eq!(c["Healthcheck"]["Interval"], 30_000_000_000u64);
    assert_eq!(c["Labels"]["org.example.name"], "my app");
    assert_eq!(c["Entrypoint"], serde_json::json!(["/bin/echo"]));
    assert_eq!(run_out(ctx, &["meta"]), "default-arg\n");
    // Metadata steps are empty layers in history.
    let layers = layer_entries(ctx, "meta");
    assert_eq!(layers.len(), 1, "metadata instructions add no layer");
    // Platforms other than this host's are refused clearly, on the command line and in FROM.
    build(ctx, &dir, &["--platform", "windows/arm64"])
        .failure()
        .stderr_contains("only");
    let other = context(
        ctx,
        "other",
        &[("Containerfile", "FROM --platform=linux/s390x busybox\n")],
    );
    build(ctx, &other, &[]).failure().stderr_contains("Containerfile:1");
});

both_modes!(add_downloads_urls_with_checksums, |ctx| {
    with_busybox(ctx);
    let body = b"downloaded content\n".to_vec();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let served = body.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut buf = [0u8; 4096];
            let _ = std::io::Read::read(&mut s, &mut buf);
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                served.len()
            );
            let _ = std::io::Write::write_all(&mut s, head.as_bytes());
            let _ = std::io::Write::write_all(&mut s, &served);
        }
    });
    let sum = crate::support::fixtures::sha256_hex(&body);
    let file = format!(
        "FROM busybox\nADD --checksum=sha256:{sum} http://127.0.0.1:{port}/files/data.txt /downloads/\nADD http://127.0.0.1:{port}/x /named.txt\n"
    );
    let dir = context(ctx, "ctx", &[("Containerfile", &file)]);
    build(ctx, &dir, &["-t", "dl"]).success();
    assert_eq!(
        run_out(ctx, &["dl", "cat", "/downloads/data.txt", "/named.txt"]),
        "downloaded content\ndownloaded content\n"
    );
    let bad = format!(
        "FROM busybox\nADD --checksum=sha256:{} http://127.0.0.1:{port}/f /f\n",
        "0".repeat(64)
    );
    let dir = context(ctx, "bad", &[("Containerfile", &bad)]);
    build(ctx, &dir, &["-t", "dlbad"])
        .failure()
        .stderr_contains("Containerfile:2")
        .stderr_contains("checksum mismatch");
});

const SOURCES: &str = r#"FROM busybox
COPY --from=busybox /etc/passwd /from-image/passwd
COPY --from=extra extra.txt /from-context.txt
COPY --parents src/a/one.txt src/b/two.txt /tree/
COPY --exclude=**/*.tmp src/ /filtered/
RUN <<EOF
#!/bin/sh -e
echo "script as $0" > /script.txt
EOF
"#;

both_modes!(copy_sources_from_images_named_contexts_and_parents, |ctx| {
    with_busybox(ctx);
    let dir = context(
        ctx,
        "ctx",
        &[
            ("Containerfile", SOURCES),
            ("src/a/one.txt", "1\n"),
            ("src/b/two.txt", "2\n"),
            ("src/b/junk.tmp", "x\n"),
        ],
    );
    let extra = context(ctx, "extra", &[("extra.txt", "extra\n")]);
    let named = format!("extra={}", p(&extra));
    build(ctx, &dir, &["-t", "src", "--build-context", &named]).success();
    let out = run_out(
        ctx,
        &[
            "src",
            "sh",
            "-c",
            "head -1 /from-image/passwd; cat /from-context.txt /tree/src/a/one.txt /tree/src/b/two.txt; ls /filtered/b; cat /script.txt",
        ],
    );
    assert_eq!(
        out,
        "root:x:0:0:root:/root:/bin/sh\nextra\n1\n2\ntwo.txt\nscript as /dev/pipes/EOF\n"
    );
});

both_modes!(builder_stage_cache_survives_rmi_and_prune_until_prune_all, |ctx| {
    with_busybox(ctx);
    let file = "FROM busybox AS builder\nRUN echo compiled > /out && echo COMPILING\nFROM busybox\nCOPY --from=builder /out /out\n";
    let dir = context(ctx, "ctx", &[("Containerfile", file)]);
    build(ctx, &dir, &["-t", "final"]).success();
    ctx.load(&FixtureImage::multilayer(), &["unrelated"]);
    ctx.ferry(&["rmi", "unrelated"]).success();
    ctx.ferry(&["image", "prune", "-f"]).success();
    let again = build(ctx, &dir, &["-t", "final"]).success();
    assert!(!again.stdout().lines().any(|l| l == "COMPILING"), "{}", again.stdout());
    ctx.ferry(&["image", "prune", "-a", "-f"]).success();
    with_busybox(ctx);
    let cold = build(ctx, &dir, &["-t", "final"]).success();
    assert!(cold.stdout().lines().any(|l| l == "COMPILING"), "{}", cold.stdout());
});

both_modes!(workdir_is_created_owned_by_root, |ctx| {
    with_busybox(ctx);
    let file = "FROM busybox\nUSER user\nWORKDIR /srv/app\nRUN id -u > /tmp/uid\n";
    let dir = context(ctx, "ctx", &[("Containerfile", file)]);
    build(ctx, &dir, &["-t", "wd"]).success();
    assert_eq!(run_out(ctx, &["wd", "stat", "-c", "%u:%g %a", "/srv/app"]), "0:0 755\n");
    assert_eq!(run_out(ctx, &["wd", "cat", "/tmp/uid"]), "1000\n");
});

both_modes!(run_mounts_stay_inside_their_sources, |ctx| {
    with_busybox(ctx);
    let file = "FROM busybox\nRUN --mount=type=cache,target=/c,uid=1000,mode=0700,sharing=locked stat -c '%u %a' /c > /cache-owner\n";
    let dir = context(ctx, "ctx", &[("Containerfile", file)]);
    build(ctx, &dir, &["-t", "cm"]).success();
    assert_eq!(run_out(ctx, &["cm", "cat", "/cache-owner"]), "1000 700\n");
    // A writable bind: the step may write, the writes are discarded (the context is untouched).
    let rw = context(
        ctx,
        "rw",
        &[(
            "Containerfile",
            "FROM busybox\nRUN --mount=type=bind,source=.,target=/src,rw touch /src/new && ls /src > /listing\n",
        )],
    );
    build(ctx, &rw, &["-t", "rw"]).success();
    assert_eq!(run_out(ctx, &["rw", "cat", "/listing"]), "Containerfile\nnew\n");
    assert!(!rw.join("new").exists(), "the context is not written to");
    // A context symlink to a host file resolves inside the context: nothing there, an error.
    let evil = context(
        ctx,
        "evil",
        &[(
            "Containerfile",
            "FROM busybox\nRUN --mount=type=bind,source=link,target=/x cat /x\n",
        )],
    );
    std::os::unix::fs::symlink("/etc/hostname", evil.join("link")).unwrap();
    build(ctx, &evil, &["-t", "evil"])
        .failure()
        .stderr_contains("Containerfile:2")
        .stderr_contains("no such file");
});

both_modes!(concurrent_builds_share_the_cache_safely, |ctx| {
    with_busybox(ctx);
    let file =
        "FROM busybox\nCOPY f /f\nRUN cat /f > /g\nRUN --mount=type=cache,target=/c,sharing=locked echo x >> /c/log\n";
    let dir = context(ctx, "ctx", &[("Containerfile", file), ("f", "f\n")]);
    let children: Vec<_> = (0..3)
        .map(|i| {
            let mut cmd = ctx.ferry_command(&["build", "-q", "-t", &format!("par{i}"), p(&dir)]);
            cmd.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            cmd.spawn().unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let again = build(ctx, &dir, &["-t", "par0"]).success();
    assert_eq!(
        again.stdout().matches("--> Using cache").count(),
        3,
        "{}",
        again.stdout()
    );
    assert_eq!(run_out(ctx, &["par1", "cat", "/g"]), "f\n");
});

/// A TCP server answering every connection with `body` until the returned flag is set; counts
/// the connections it accepted.
fn counting_server(
    addr: &str,
    body: &'static str,
) -> (
    u16,
    std::sync::Arc<std::sync::atomic::AtomicBool>,
    std::thread::JoinHandle<usize>,
) {
    use std::io::{Read, Write};
    use std::sync::atomic::Ordering;
    let listener = std::net::TcpListener::bind(addr).unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = stop.clone();
    let handle = std::thread::spawn(move || {
        let mut accepted = 0;
        while !flag.load(Ordering::Relaxed) {
            match listener.accept() {
                Ok((mut conn, _)) => {
                    accepted += 1;
                    conn.set_nonblocking(false).unwrap();
                    conn.set_read_timeout(Some(std::time::Duration::from_secs(5))).unwrap();
                    let mut request = [0u8; 1024];
                    let _ = conn.read(&mut request);
                    let reply = format!("HTTP/1.0 200 OK\r\nContent-Length: {}\r\n\r\n{body}", body.len());
                    let _ = conn.write_all(reply.as_bytes());
                }
                Err(_) => std::thread::sleep(std::time::Duration::from_millis(20)),
            }
        }
        accepted
    });
    (port, stop, handle)
}

/// A host address on an interface of its own (a bridge without ports), removed on drop: with
/// the build's default network, the host is reachable at its addresses other than those of the
/// default route's interface (which the namespace has copies of), and a test machine may have
/// no such address otherwise.
struct ExtraHostAddress(String);

impl ExtraHostAddress {
    fn add(n: u8) -> ExtraHostAddress {
        let name = format!("fbx{}{n}", std::process::id() % 100_000);
        let addr = format!("198.18.{}.{n}/32", std::process::id() % 250);
        for args in [
            vec!["link", "add", &name, "type", "bridge"],
            vec!["addr", "add", &addr, "dev", &name],
            vec!["link", "set", &name, "up"],
        ] {
            let st = std::process::Command::new("ip").args(&args).status().unwrap();
            assert!(st.success(), "ip {args:?}");
        }
        ExtraHostAddress(name)
    }
}

impl Drop for ExtraHostAddress {
    fn drop(&mut self) {
        let _ = std::process::Command::new("ip").args(["link", "del", &self.0]).status();
    }
}

/// The gateway of the host's default route (the build's pasta network copies it).
fn host_gateway() -> String {
    let table = std::fs::read_to_string("/proc/net/route").unwrap();
    let raw = table
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|f| f[1] == "00000000")
        .map(|f| u32::from_str_radix(f[2], 16).unwrap())
        .expect("a default route");
    std::net::Ipv4Addr::from(raw.swap_bytes()).to_string()
}

both_modes!(run_steps_get_a_private_network, |ctx| {
    with_busybox(ctx);
    let _extra = ExtraHostAddress::add(if ctx.mode == Mode::Root { 1 } else { 2 });
    // A service only the host's loopback serves, and one on every host address.
    let (local, stop_local, local_server) = counting_server("127.0.0.1:0", "host-loopback-secret");
    let (public, stop_public, public_server) = counting_server("0.0.0.0:0", "public-service");
    // The step's own loopback, pasta's gateway (which maps to the host's loopback unless told
    // not to) and the host's name: none may lead to the host's loopback. (busybox wget's own
    // timeout option crashes it.)
    let probe = |file: &str| {
        let mut script = String::new();
        for host in ["127.0.0.1", &host_gateway(), "host.containers.internal"] {
            script.push_str(&format!(
                "timeout 3 busybox wget -q -O - http://{host}:{local}/ >> /{file} 2>&1 || echo unreachable >> /{file}; "
            ));
        }
        script
    };
    let file = format!(
        "FROM busybox
RUN readlink /proc/self/ns/net > /netns; cat /proc/net/dev > /ifaces; cat /etc/hosts > /hosts
RUN {}
RUN busybox wget -q -O - http://host.containers.internal:{public}/ > /outside
RUN --network=none cat /proc/net/dev > /none
RUN --network=host timeout 3 busybox wget -q -O - http://127.0.0.1:{local}/ > /hostmode
",
        probe("loopback"),
    );
    let dir = context(ctx, "netctx", &[("Containerfile", &file)]);
    build(ctx, &dir, &["-t", "netbuild"]).success();
    stop_local.store(true, std::sync::atomic::Ordering::Relaxed);
    stop_public.store(true, std::sync::atomic::Ordering::Relaxed);
    let (local_hits, public_hits) = (local_server.join().unwrap(), public_server.join().unwrap());
    let show = |f: &str| run_out(ctx, &["netbuild", "cat", f]);
    let interfaces = |text: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.split_once(':').map(|(n, _)| n.trim().to_string()))
            .filter(|n| !n.is_empty() && !n.contains(' ') && !n.contains('|'))
            .collect()
    };
    // Not the host's namespace, and none of the host's interfaces but the one pasta mirrors.
    let host_ns = std::fs::read_link("/proc/self/ns/net").unwrap();
    assert_ne!(
        show("/netns").trim(),
        host_ns.to_string_lossy(),
        "RUN used the host's network"
    );
    let ifaces = interfaces(&show("/ifaces"));
    let host_ifaces = interfaces(&std::fs::read_to_string("/proc/net/dev").unwrap());
    assert!(ifaces.contains(&"lo".to_string()) && ifaces.len() == 2, "{ifaces:?}");
    assert!(host_ifaces.len() > ifaces.len(), "host {host_ifaces:?}, RUN {ifaces:?}");
    assert!(show("/hosts").contains("host.containers.internal"));
    // The host's loopback service stays out of reach; the network reaches the host.
    let loopback = show("/loopback");
    assert!(!loopback.contains("secret"), "{loopback}");
    assert_eq!(loopback.matches("unreachable").count(), 3, "{loopback}");
    assert_eq!(show("/outside"), "public-service");
    assert_eq!(public_hits, 1);
    // `--network=none` is loopback only; `--network=host` is the host's (so the probe works).
    assert_eq!(interfaces(&show("/none")), ["lo"]);
    assert_eq!(show("/hostmode"), "host-loopback-secret");
    assert_eq!(local_hits, 1, "only the host-network step reached the loopback service");
    // Every network helper of the build is gone with it.
    crate::network_modes::assert_no_helpers(ctx);
});
