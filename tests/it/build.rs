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
                .map(|e| e.unwrap().path().unwrap().to_string_lossy().trim_end_matches('/').to_string())
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
    let history = ctx.ferry(&["history", "--no-trunc", "--format", "json", "basic"]).success().json();
    let created_by: Vec<String> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["CreatedBy"].as_str().or(h["created_by"].as_str()).unwrap_or("").to_string())
        .collect();
    assert!(created_by.iter().any(|c| c == "/bin/sh -c #(nop) ENV GREETING=hello"), "{created_by:?}");
    assert!(created_by.iter().any(|c| c.starts_with("/bin/sh -c #(nop) COPY file:")), "{created_by:?}");
    assert!(created_by.iter().any(|c| c.starts_with("/bin/sh -c echo")), "{created_by:?}");
});
