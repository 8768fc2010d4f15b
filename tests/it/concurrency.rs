//! Many ferry processes at once: loads, tags and removals racing on one store must leave it
//! consistent (index.json valid, every referenced blob and layer present).

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::support::*;

fn read_json(path: &Path) -> Value {
    let data = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&data).unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display()))
}

/// Walks index.json and every manifest, config and layer it references.
pub fn check_layout(ctx: &TestContext) {
    let oci = ctx.oci_dir();
    let blob = |d: &str| {
        let (alg, hex) = d.split_once(':').unwrap_or_else(|| panic!("bad digest {d}"));
        assert_eq!(alg, "sha256");
        oci.join("blobs/sha256").join(hex)
    };
    let check_desc = |d: &Value| -> Vec<u8> {
        let digest = d["digest"]
            .as_str()
            .unwrap_or_else(|| panic!("descriptor without digest: {d}"));
        let path = blob(digest);
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("blob {digest} referenced but missing: {e}"));
        assert_eq!(fixtures::digest(&data), digest, "blob {} content", path.display());
        assert_eq!(data.len() as u64, d["size"].as_u64().unwrap(), "blob {digest} size");
        data
    };
    let index = read_json(&oci.join("index.json"));
    let mut names = BTreeSet::new();
    for m in index["manifests"].as_array().expect("index.json has manifests") {
        if let Some(n) = m["annotations"]["org.opencontainers.image.ref.name"].as_str() {
            assert!(names.insert(n.to_string()), "name {n} appears twice in index.json");
        }
        let manifest: Value = serde_json::from_slice(&check_desc(m)).expect("manifest is JSON");
        let config: Value = serde_json::from_slice(&check_desc(&manifest["config"])).expect("config is JSON");
        for l in manifest["layers"].as_array().unwrap() {
            check_desc(l);
        }
        let mut parent: Option<String> = None;
        for d in config["rootfs"]["diff_ids"].as_array().unwrap() {
            let d = d.as_str().unwrap();
            let chain = match &parent {
                None => d.to_string(),
                Some(p) => fixtures::digest(format!("{p} {d}").as_bytes()),
            };
            let dir = ctx
                .store_root()
                .join("overlay")
                .join(chain.trim_start_matches("sha256:"));
            assert!(
                dir.join("layer.json").is_file(),
                "layer {chain} of {} missing",
                m["digest"]
            );
            parent = Some(chain);
        }
    }
}

both_modes!(twenty_processes, |ctx| {
    let shared: Vec<BuiltImage> = (0..4)
        .map(|k| {
            let img = if k == 3 {
                FixtureImage::multilayer()
            } else {
                FixtureImage::busybox().label(&format!("s{k}"))
            };
            img.write_docker_archive(&ctx.file(&format!("shared{k}.tar")), &[&format!("shared{k}:latest")])
        })
        .collect();
    let failures = std::sync::Mutex::new(Vec::<String>::new());
    std::thread::scope(|s| {
        for i in 0..20 {
            let failures = &failures;
            s.spawn(move || {
                let k = i % 4;
                let shared_name = format!("shared{k}:latest");
                let tag = format!("t{i}:1");
                let unique = ctx.file(&format!("unique{i}.tar"));
                FixtureImage::busybox()
                    .label(&format!("u{i}"))
                    .write_docker_archive(&unique, &[&format!("u{i}:1")]);
                let steps: Vec<Vec<String>> = vec![
                    vec![
                        "load".into(),
                        "-i".into(),
                        p(&ctx.file(&format!("shared{k}.tar"))).into(),
                    ],
                    vec!["tag".into(), shared_name.clone(), tag.clone()],
                    vec!["load".into(), "-q".into(), "-i".into(), p(&unique).into()],
                    vec!["image".into(), "inspect".into(), tag.clone()],
                    vec!["images".into(), "--format".into(), "json".into()],
                    vec!["rmi".into(), tag.clone()],
                    vec!["rmi".into(), format!("u{i}:1")],
                    if i % 5 == 0 {
                        vec!["image".into(), "prune".into(), "-f".into()]
                    } else {
                        vec!["image".into(), "exists".into(), shared_name.clone()]
                    },
                ];
                for step in steps {
                    let args: Vec<&str> = step.iter().map(String::as_str).collect();
                    let out = ctx.ferry(&args);
                    if out.code != Some(0) {
                        let line = format!("ferry {} -> {:?}: {}", step.join(" "), out.code, out.stderr.trim());
                        failures.lock().unwrap().push(line);
                    }
                    if step[0] == "images" && out.code == Some(0) {
                        out.json();
                    }
                }
            });
        }
    });
    // Shown before the store checks, which may fail for the same reason.
    let failures = failures.into_inner().unwrap();
    for f in &failures {
        eprintln!("{f}");
    }

    let mut expect: Vec<String> = shared.iter().map(|b| b.id.clone()).collect();
    expect.sort();
    assert_eq!(ctx.image_ids(), expect);
    for entry in ctx.images_json() {
        let id = entry["Id"].as_str().unwrap_or_else(|| panic!("no Id: {entry}"));
        ctx.inspect(id);
    }
    check_layout(ctx);
    for k in 0..4 {
        let reference = format!("oci:{}:docker.io/library/shared{k}:latest", p(&ctx.oci_dir()));
        ctx.skopeo(&["inspect", &reference]).success();
    }
    // Removing everything afterwards leaves an empty but valid store.
    ctx.ferry(&["rmi", "-a"]).success();
    check_layout(ctx);
    crate::hostile::assert_no_leftovers(ctx);
    assert!(
        failures.is_empty(),
        "{} concurrent commands failed (listed above)",
        failures.len()
    );
});
