//! `system check`: a store damaged in each way a crash, a full disk or a stray hand can damage
//! it is reported, `--repair` fixes what it safely can, and containers keep working.

use std::os::unix::fs::MetadataExt;
use std::path::Path;

use crate::support::*;

const IMG: &str = "busybox:latest";

/// The problems of a `system check --format json` run: (kind, object, status) triples.
fn problems(v: &serde_json::Value) -> Vec<(String, String, String)> {
    v["Problems"]
        .as_array()
        .unwrap_or_else(|| panic!("no Problems in {v:#}"))
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap_or_default().to_string();
            (s("Kind"), s("Object"), s("Status"))
        })
        .collect()
}

fn has(list: &[(String, String, String)], kind: &str, object_part: &str, status: &str) -> bool {
    list.iter()
        .any(|(k, o, s)| k == kind && o.contains(object_part) && s == status)
}

/// Makes `path` belong to the store's owner, as if ferry had written it.
fn own(ctx: &TestContext, path: &Path) {
    let meta = std::fs::metadata(ctx.store_root()).unwrap();
    for p in walk(path).into_iter().chain([path.to_path_buf()]) {
        std::os::unix::fs::lchown(&p, Some(meta.uid()), Some(meta.gid())).unwrap();
    }
}

/// Removes `id`'s entry from containers.json in place (keeping the file's owner), as an `rm`
/// killed after forgetting the record and before deleting the directory leaves it.
fn drop_container_record(ctx: &TestContext, id: &str) {
    let path = ctx.store_root().join("containers.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    v["containers"].as_array_mut().unwrap().retain(|c| c["id"] != id);
    std::fs::write(&path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
}

both_modes!(check_reports_and_repairs_damage, |ctx| {
    let bb = ctx.load(&FixtureImage::busybox(), &[IMG]);
    let multi = ctx.load(&FixtureImage::multilayer(), &["multi:v1"]);
    let root = ctx.store_root();
    let clean = ctx.ferry(&["system", "check"]).success();
    clean.stdout_contains("no problems found");

    // A container whose layer directory is deleted, one that keeps running, one whose record is lost.
    ctx.ferry(&["create", "--name", "uses-layer", IMG, "cat", "/etc/passwd"])
        .success();
    ctx.ferry(&["run", "-d", "--name", "busy", IMG, "sleep", "300"])
        .success();
    let orphan = ctx
        .ferry(&["create", "--name", "orphaned", IMG, "true"])
        .success()
        .stdout()
        .trim()
        .to_string();
    drop_container_record(ctx, &orphan);
    let layer_dir = root
        .join("overlay")
        .join(bb.chain_ids()[0].trim_start_matches("sha256:"));
    std::fs::remove_dir_all(&layer_dir).unwrap();

    // A truncated layer blob of an image no container uses.
    let blob = root
        .join("oci/blobs/sha256")
        .join(multi.layers[1].digest.trim_start_matches("sha256:"));
    let len = std::fs::metadata(&blob).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&blob)
        .unwrap()
        .set_len(len - 10)
        .unwrap();

    // What an interrupted pull leaves (its pid is long gone), and a volume record cut short.
    let leftover = root.join("tmp/load-999999999-0-00000000");
    std::fs::create_dir_all(leftover.join("partial")).unwrap();
    std::fs::write(leftover.join("partial/blob"), b"half a blob").unwrap();
    own(ctx, &leftover);
    ctx.ferry(&["volume", "create", "data"]).success();
    let vol = root.join("volumes/data/volume.json");
    std::fs::write(&vol, b"{\"name\":\"da").unwrap();
    // A network record cut short: reported, not repairable.
    ctx.ferry(&["network", "create", "net1"]).success();
    let net = root.join("networks/net1.json");
    std::fs::write(&net, b"{").unwrap();

    let found = ctx.ferry(&["system", "check", "--format", "json"]).code(1).json();
    let list = problems(&found);
    for (kind, object, status) in [
        ("missing-layer", "container uses-layer", "found"),
        ("missing-layer", "container busy", "found"),
        ("damaged-image", bb.short_id(), "found"),
        (
            "corrupt-blob",
            &multi.layers[1].digest["sha256:".len()..][..12],
            "found",
        ),
        ("damaged-image", multi.short_id(), "found"),
        ("orphan", &format!("container directory {}", &orphan[..12]), "found"),
        ("leftover", "tmp/load-999999999-0-00000000", "found"),
        ("corrupt-record", "volume data", "found"),
        ("corrupt-record", "network net1", "not-repairable"),
    ] {
        assert!(
            has(&list, kind, object, status),
            "{kind} {object} {status} not in {list:#?}"
        );
    }
    // The human report names them too, and the exit code says problems remain.
    let table = ctx.ferry(&["system", "check", "--quick"]).code(1);
    table
        .stdout_contains("KIND")
        .stdout_contains("leftover")
        .stdout_contains("remaining");

    let repaired = ctx
        .ferry(&["system", "check", "--repair", "--format", "json"])
        .code(1)
        .json();
    let list = problems(&repaired);
    let unrepaired: Vec<_> = list.iter().filter(|(_, _, s)| s != "repaired").collect();
    assert_eq!(unrepaired.len(), 1, "only the network record stays: {list:#?}");
    assert!(
        has(&list, "corrupt-record", "network net1", "not-repairable"),
        "{list:#?}"
    );

    // The busybox layer was unpacked again: both containers work. The running one was not
    // stopped (its overlay still holds the deleted files' directory), and works after a restart.
    ctx.ferry(&["start", "-a", "uses-layer"])
        .success()
        .stdout_contains("root:x:0:0");
    let state = ctx
        .ferry(&["container", "inspect", "--format", "{{.State.Status}}", "busy"])
        .success();
    assert_eq!(state.stdout().trim(), "running");
    ctx.ferry(&["restart", "-t", "0", "busy"]).success();
    ctx.ferry(&["exec", "busy", "true"]).success();
    assert!(layer_dir.join("diff/bin/busybox").is_file());
    // The damaged image is forgotten, the lost container's directory and the leftover are gone,
    // the volume is back (its record rewritten).
    assert_eq!(ctx.image_ids(), vec![bb.id.clone()]);
    assert!(!root.join("containers").join(&orphan).exists());
    assert!(!leftover.exists());
    ctx.ferry(&["volume", "inspect", "data"]).success();

    std::fs::remove_file(&net).unwrap();
    ctx.ferry(&["system", "check"])
        .success()
        .stdout_contains("no problems found");
    ctx.ferry(&["rm", "-f", "busy", "uses-layer"]).success();
    ctx.ferry(&["system", "check", "--quick"]).success();
});

both_modes!(check_keeps_what_running_containers_use, |ctx| {
    ctx.load(&FixtureImage::busybox(), &[IMG]);
    let id = ctx
        .ferry(&["run", "-d", "--name", "lost", IMG, "sleep", "300"])
        .success()
        .stdout()
        .trim()
        .to_string();
    // The record is lost while the container runs: its directory is an orphan that must stay.
    drop_container_record(ctx, &id);
    let v = ctx
        .ferry(&["system", "check", "--repair", "--format", "json"])
        .code(1)
        .json();
    let list = problems(&v);
    assert!(has(&list, "orphan", &id[..12], "not-repairable"), "{list:#?}");
    assert!(ctx.store_root().join("containers").join(&id).is_dir());
    let msg = v["Problems"][0]["Message"].as_str().unwrap().to_string();
    assert!(msg.contains("still runs"), "{msg}");
    // Its processes are still there; ending its monitor ends it.
    let dir = ctx.store_root().join("containers").join(&id);
    let state: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("state.json")).unwrap()).unwrap();
    let (pid, monitor) = (state["pid"].as_i64().unwrap(), state["monitorPid"].as_i64().unwrap());
    assert!(
        Path::new(&format!("/proc/{pid}")).exists(),
        "the container's process was stopped"
    );
    // SAFETY: kill(2) on the monitor this test started.
    unsafe { libc::kill(monitor as i32, libc::SIGKILL) };
    for _ in 0..100 {
        if !Path::new(&format!("/proc/{pid}")).exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let v = ctx
        .ferry(&["system", "check", "--repair", "--format", "json"])
        .success()
        .json();
    assert!(has(&problems(&v), "orphan", &id[..12], "repaired"), "{v:#}");
    assert!(!dir.exists());
});
