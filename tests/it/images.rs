//! Loading archives and looking at the result: `load`, `images`, `image inspect`, `history`.

use serde_json::Value;

use crate::support::fixtures::{LABEL_KEY, PATH_ENV};
use crate::support::*;

const BUSYBOX: &str = "docker.io/library/busybox:latest";
const MULTI: &str = "docker.io/library/multi:v1";

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|s| s.as_str().unwrap_or_else(|| panic!("not a string: {s}")).to_string())
        .collect()
}

fn id_of(v: &Value) -> String {
    let id = v
        .get("Id")
        .or_else(|| v.get("ID"))
        .unwrap_or_else(|| panic!("no Id in {v}"));
    id.as_str().unwrap().trim_start_matches("sha256:").to_string()
}

/// Loads busybox from a docker-archive and multilayer from an oci-archive.
fn load_both(ctx: &TestContext) -> (BuiltImage, BuiltImage) {
    let bb = FixtureImage::busybox().write_docker_archive(&ctx.file("bb.tar"), &["busybox:latest"]);
    let out = ctx.ferry(&["load", "-i", p(&ctx.file("bb.tar"))]).success();
    out.stdout_contains(BUSYBOX);
    let multi = FixtureImage::multilayer().write_oci_archive(&ctx.file("multi.tar"), &[MULTI]);
    ctx.ferry(&["load", "-i", p(&ctx.file("multi.tar"))])
        .success()
        .stdout_contains(MULTI);
    (bb, multi)
}

both_modes!(load_and_list, |ctx| {
    let (bb, multi) = load_both(ctx);
    let mut expect = vec![bb.id.clone(), multi.id.clone()];
    expect.sort();
    assert_eq!(ctx.image_ids(), expect);

    let table = ctx.ferry(&["images"]).success();
    let lines = table.lines();
    assert!(
        lines[0].contains("REPOSITORY") && lines[0].contains("IMAGE ID"),
        "header: {}",
        lines[0]
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("docker.io/library/busybox") && l.contains("latest") && l.contains(bb.short_id())),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("docker.io/library/multi") && l.contains("v1")),
        "{lines:#?}"
    );
    assert_eq!(lines.len(), 3, "{lines:#?}");

    let mut quiet = ctx.ferry(&["images", "-q"]).success().lines();
    quiet.sort();
    quiet.dedup();
    let mut short = vec![bb.short_id().to_string(), multi.short_id().to_string()];
    short.sort();
    assert_eq!(quiet, short);

    let noheading = ctx.ferry(&["images", "--noheading"]).success().lines();
    assert_eq!(noheading.len(), 2, "{noheading:#?}");

    let formatted = ctx
        .ferry(&["images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"])
        .success()
        .lines();
    assert!(
        formatted.contains(&format!("{BUSYBOX} {}", bb.short_id())),
        "{formatted:#?}"
    );
    assert!(
        formatted.contains(&format!("{MULTI} {}", multi.short_id())),
        "{formatted:#?}"
    );

    let json = ctx.images_json();
    assert_eq!(json.len(), 2, "{json:#?}");
    let entry = json.iter().find(|v| id_of(v) == bb.id).expect("busybox in images json");
    assert!(strings(&entry["Names"]).contains(&BUSYBOX.to_string()), "{entry}");

    let filtered = ctx.ferry(&["images", "-q", "busybox"]).success().lines();
    assert_eq!(filtered, vec![bb.short_id().to_string()]);
});

both_modes!(inspect_fields, |ctx| {
    let (bb, multi) = load_both(ctx);
    let v = ctx.inspect("busybox");
    assert_eq!(id_of(&v), bb.id);
    assert!(strings(&v["RepoTags"]).contains(&BUSYBOX.to_string()), "{v}");
    assert_eq!(strings(&v["RootFS"]["Layers"]), bb.diff_ids());
    assert_eq!(v["RootFS"]["Type"], "layers");
    assert_eq!(strings(&v["Config"]["Cmd"]), vec!["sh"]);
    assert!(strings(&v["Config"]["Env"]).contains(&PATH_ENV.to_string()));
    assert_eq!(v["Config"]["Labels"][LABEL_KEY], "busybox");
    assert_eq!(v["Os"], "linux");
    assert!(v["Architecture"].as_str().is_some_and(|a| !a.is_empty()), "{v}");
    let size = v["Size"].as_u64().unwrap_or_else(|| panic!("Size: {v}"));
    assert!(
        size >= 1_000_000 && size <= bb.size() * 2,
        "Size {size} vs layers {}",
        bb.size()
    );

    // By short id, by full id, by sha256: id, and with the top-level verb.
    for name in [bb.short_id().to_string(), bb.id.clone(), format!("sha256:{}", bb.id)] {
        assert_eq!(id_of(&ctx.inspect(&name)), bb.id);
    }
    let both = ctx.ferry(&["inspect", "busybox", "multi:v1"]).success().json();
    assert_eq!(both.as_array().map(Vec::len), Some(2));
    assert_eq!(strings(&ctx.inspect(MULTI)["RootFS"]["Layers"]), multi.diff_ids());

    let id = ctx
        .ferry(&["image", "inspect", "--format", "{{.Id}}", "busybox"])
        .success();
    assert_eq!(id.stdout().trim().trim_start_matches("sha256:"), bb.id);

    ctx.ferry(&["image", "inspect", "nosuchimage"])
        .code(125)
        .stderr_contains("nosuchimage");
});

both_modes!(history, |ctx| {
    load_both(ctx);
    let lines = ctx
        .ferry(&["history", "--no-trunc", "--format", "{{.CreatedBy}}", "multi:v1"])
        .success()
        .lines();
    assert_eq!(lines.len(), 4, "{lines:#?}");
    assert!(lines[0].contains("CMD"), "newest first: {lines:#?}");
    assert!(lines[3].contains("ADD file:layer1 in /"), "{lines:#?}");
    let table = ctx.ferry(&["image", "history", "busybox"]).success().lines();
    assert!(table[0].contains("CREATED BY"), "{table:#?}");
    assert_eq!(table.len(), 3, "{table:#?}");
    let json = ctx.ferry(&["history", "--format", "json", "busybox"]).success().json();
    assert_eq!(json.as_array().map(Vec::len), Some(2), "{json}");
});

both_modes!(load_compressed_layers, |ctx| {
    for (i, c) in [Compression::Gzip, Compression::Zstd].into_iter().enumerate() {
        let name = format!("docker.io/library/compressed:{i}");
        let img = FixtureImage::multilayer().compression(c).label(&format!("c{i}"));
        let built = img.write_oci_archive(&ctx.file(&format!("c{i}.tar")), &[&name]);
        ctx.ferry(&["load", "-i", p(&ctx.file(&format!("c{i}.tar")))]).success();
        let v = ctx.inspect(&name);
        assert_eq!(id_of(&v), built.id);
        assert_eq!(strings(&v["RootFS"]["Layers"]), built.diff_ids());
    }
    // docker load accepts gzip-compressed layer.tar members too.
    let built = FixtureImage::busybox()
        .compression(Compression::Gzip)
        .write_docker_archive(&ctx.file("gz-docker.tar"), &["gz:latest"]);
    ctx.ferry(&["load", "-i", p(&ctx.file("gz-docker.tar"))]).success();
    assert_eq!(id_of(&ctx.inspect("docker.io/library/gz:latest")), built.id);
});

both_modes!(load_from_stdin_and_again, |ctx| {
    let built = FixtureImage::busybox().write_docker_archive(&ctx.file("bb.tar"), &["busybox"]);
    let data = std::fs::read(ctx.file("bb.tar")).unwrap();
    ctx.ferry_stdin(&["load"], &data).success().stdout_contains(BUSYBOX);
    // Loading the same archive twice is a no-op that succeeds.
    ctx.ferry_stdin(&["load", "-q"], &data).success();
    assert_eq!(ctx.image_ids(), vec![built.id.clone()]);
    // Two names in one docker-archive entry.
    let two = FixtureImage::busybox().write_docker_archive(&ctx.file("two.tar"), &["a:1", "b:2"]);
    assert_eq!(two.id, built.id);
    ctx.ferry(&["load", "-i", p(&ctx.file("two.tar"))]).success();
    let tags = strings(&ctx.inspect(&built.id)["RepoTags"]);
    for n in [BUSYBOX, "docker.io/library/a:1", "docker.io/library/b:2"] {
        assert!(tags.contains(&n.to_string()), "{tags:?}");
    }
});

both_modes!(load_multi_image_archive, |ctx| {
    let a = FixtureImage::busybox().label("a").build();
    let b = FixtureImage::multilayer().build();
    fixtures::write_docker_archive_multi(&ctx.file("ab.tar"), &[(&a, &["a:1"]), (&b, &["b:1"])]);
    ctx.ferry(&["load", "-i", p(&ctx.file("ab.tar"))]).success();
    let mut expect = vec![a.id.clone(), b.id.clone()];
    expect.sort();
    assert_eq!(ctx.image_ids(), expect);
});
