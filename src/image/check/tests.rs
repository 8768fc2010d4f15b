use std::fs;
use std::os::unix::fs::PermissionsExt;

use super::*;
use crate::image::manifest::{MEDIA_OCI_CONFIG, MEDIA_OCI_LAYER};
use crate::store::containers::{ContainerState, NewContainer, Status as CtrStatus};
use crate::store::images::{Descriptor, MEDIA_OCI_MANIFEST};
use crate::store::volumes::NewVolume;
use crate::sys::process::start_time;

struct TempStore {
    dir: PathBuf,
    store: Store,
}

impl TempStore {
    fn new() -> TempStore {
        let dir = std::env::temp_dir().join(atomic::unique_name("ferry-check-test-"));
        let store = Store::open(&dir.join("root"), &dir.join("run")).unwrap();
        TempStore { dir, store }
    }
}

impl Drop for TempStore {
    fn drop(&mut self) {
        let _ = atomic::remove_tree(&self.dir);
    }
}

const ROOT: ApplyOptions = ApplyOptions {
    rootless: false,
    squash_ownership: false,
};

fn opts(repair: bool, quick: bool) -> CheckOptions {
    CheckOptions {
        quick,
        repair,
        apply: ROOT,
    }
}

/// A one-file layer tar.
fn layer_tar(name: &str, content: &[u8]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_size(content.len() as u64);
    h.set_mode(0o644);
    h.set_mtime(1_600_000_000);
    b.append_data(&mut h, name, content).unwrap();
    b.into_inner().unwrap()
}

struct Image {
    id: Digest,
    manifest: Digest,
    layer_blobs: Vec<Digest>,
    chains: Vec<Digest>,
}

/// Stores, unpacks and names an image made of one-file layers, as `load` would.
fn add_image(store: &Store, name: &str, files: &[(&str, &[u8])]) -> Image {
    let mut layers = Vec::new();
    let mut diff_ids = Vec::new();
    for (file, content) in files {
        let tar = layer_tar(file, content);
        let info = store.blobs().put_bytes(&tar, None).unwrap();
        diff_ids.push(format!("\"{}\"", info.digest));
        layers.push(Descriptor::new(MEDIA_OCI_LAYER, info.digest, info.size));
    }
    let config = format!(
        r#"{{"architecture":"amd64","os":"linux","rootfs":{{"type":"layers","diff_ids":[{}]}}}}"#,
        diff_ids.join(",")
    );
    let cfg = store.blobs().put_bytes(config.as_bytes(), None).unwrap();
    let manifest = Manifest::oci(
        Descriptor::new(MEDIA_OCI_CONFIG, cfg.digest.clone(), cfg.size),
        layers.clone(),
    );
    let m = store
        .blobs()
        .put_bytes(&serde_json::to_vec(&manifest).unwrap(), None)
        .unwrap();
    let config: ImageConfig = serde_json::from_str(&config).unwrap();
    let top = unpack_image(store, &manifest, &config, &ROOT, &mut Vec::new()).unwrap();
    let id = store
        .images()
        .add(
            Descriptor::new(MEDIA_OCI_MANIFEST, m.digest.clone(), m.size),
            &[name.to_string()],
        )
        .unwrap();
    let mut chains = Vec::new();
    let mut cur = top;
    while let Some(c) = cur {
        cur = store.layers().get(&c).unwrap().parent;
        chains.insert(0, c);
    }
    Image {
        id,
        manifest: m.digest,
        layer_blobs: layers.into_iter().map(|l| l.digest).collect(),
        chains,
    }
}

fn add_container(store: &Store, name: &str, img: &Image) -> String {
    store
        .containers()
        .create(NewContainer {
            name: Some(name),
            image_id: img.id.clone(),
            image_name: "x".into(),
            top_layer: img.chains.last().cloned(),
        })
        .unwrap()
        .0
        .id
}

fn kinds(r: &CheckReport) -> Vec<(ProblemKind, Status)> {
    r.problems.iter().map(|p| (p.kind, p.status)).collect()
}

/// Checks, repairs, and checks again: the second check must find nothing.
fn repair_clean(s: &Store) -> CheckReport {
    let repaired = check(s, &opts(true, false)).unwrap();
    let after = check(s, &opts(false, false)).unwrap();
    assert!(after.problems.is_empty(), "left after repair: {:#?}", after.problems);
    repaired
}

#[test]
fn a_healthy_store_has_no_problems() {
    let t = TempStore::new();
    let s = &t.store;
    let img = add_image(s, "localhost/a:1", &[("a", b"a"), ("b", b"b")]);
    add_container(s, "c1", &img);
    let vols = s.volumes();
    {
        let _l = vols.lock().unwrap();
        vols.create(NewVolume {
            name: Some("v".into()),
            ..Default::default()
        })
        .unwrap();
    }
    let r = check(s, &opts(false, false)).unwrap();
    assert!(r.problems.is_empty(), "{:#?}", r.problems);
    assert_eq!(
        (
            r.checked.images,
            r.checked.layers,
            r.checked.blobs,
            r.checked.containers,
            r.checked.volumes
        ),
        (1, 2, 4, 1, 1)
    );
    assert!(check(s, &opts(false, true)).unwrap().problems.is_empty());
}

#[test]
fn truncated_blob_is_found_and_its_image_forgotten() {
    let t = TempStore::new();
    let s = &t.store;
    let keep = add_image(s, "localhost/keep:1", &[("k", b"keep")]);
    let img = add_image(s, "localhost/a:1", &[("a", b"some content")]);
    let blob = s.blobs().path(&img.layer_blobs[0]);
    let len = fs::metadata(&blob).unwrap().len();
    fs::OpenOptions::new()
        .write(true)
        .open(&blob)
        .unwrap()
        .set_len(len / 2)
        .unwrap();

    // --quick sees the size, the full check the digest.
    for quick in [true, false] {
        let r = check(s, &opts(false, quick)).unwrap();
        assert_eq!(
            kinds(&r)[..2],
            [
                (ProblemKind::CorruptBlob, Status::Found),
                (ProblemKind::DamagedImage, Status::Found)
            ],
            "quick {quick}: {:#?}",
            r.problems
        );
        assert_eq!(r.remaining(), r.problems.len());
    }
    let r = repair_clean(s);
    assert!(
        r.problems.iter().all(|p| p.status == Status::Repaired),
        "{:#?}",
        r.problems
    );
    let ids: Vec<Digest> = s.images().list().unwrap().into_iter().map(|i| i.id).collect();
    assert_eq!(ids, vec![keep.id]);
    assert!(
        !s.blobs().has(&img.manifest),
        "the damaged image's other blobs went too"
    );
    assert!(!s.layers().has(&img.chains[0]));
}

#[test]
fn damaged_image_in_use_is_left_alone() {
    let t = TempStore::new();
    let s = &t.store;
    let img = add_image(s, "localhost/a:1", &[("a", b"x")]);
    add_container(s, "user", &img);
    fs::write(s.blobs().path(&img.layer_blobs[0]), b"garbage").unwrap();
    let r = check(s, &opts(true, false)).unwrap();
    let damaged = r.problems.iter().find(|p| p.kind == ProblemKind::DamagedImage).unwrap();
    assert_eq!(damaged.status, Status::NotRepairable);
    assert!(damaged.repair.contains("user"), "{damaged:?}");
    assert_eq!(r.remaining(), 1, "{:#?}", r.problems);
    assert_eq!(s.images().list().unwrap().len(), 1);
    assert!(s.layers().has(&img.chains[0]), "the container's layer stays");
}

#[test]
fn deleted_layer_is_unpacked_again() {
    let t = TempStore::new();
    let s = &t.store;
    let img = add_image(s, "localhost/a:1", &[("a", b"a"), ("b", b"b")]);
    let ctr = add_container(s, "c", &img);
    atomic::remove_tree(&s.layers().dir(&img.chains[0])).unwrap();
    let r = check(s, &opts(false, false)).unwrap();
    let k = kinds(&r);
    assert!(
        k.contains(&(ProblemKind::DamagedImage, Status::Found)),
        "{:#?}",
        r.problems
    );
    assert!(
        k.contains(&(ProblemKind::MissingLayer, Status::Found)),
        "{:#?}",
        r.problems
    );
    assert!(
        k.contains(&(ProblemKind::Orphan, Status::Found)),
        "the dangling link: {:#?}",
        r.problems
    );
    repair_clean(s);
    assert!(s.layers().diff_dir(&img.chains[0]).join("a").is_file());
    assert_eq!(s.containers().list().unwrap()[0].id, ctr);
}

#[test]
fn half_applied_and_broken_layers() {
    let t = TempStore::new();
    let s = &t.store;
    let img = add_image(s, "localhost/a:1", &[("a", b"a")]);
    let chain = &img.chains[0];
    // A layer directory whose record is gone (as if renamed into place half-made).
    fs::remove_file(s.layers().dir(chain).join("layer.json")).unwrap();
    // A half-applied layer under a temp name, with a directory nobody may write to.
    let pending = s.layers().begin().unwrap();
    fs::create_dir_all(pending.dir().join("ro/closed")).unwrap();
    fs::set_permissions(pending.dir().join("ro/closed"), fs::Permissions::from_mode(0o0)).unwrap();
    fs::set_permissions(pending.dir().join("ro"), fs::Permissions::from_mode(0o555)).unwrap();
    let r = check(s, &opts(false, false)).unwrap();
    let k = kinds(&r);
    assert!(k.contains(&(ProblemKind::Leftover, Status::Found)), "{:#?}", r.problems);
    assert!(
        k.contains(&(ProblemKind::IncompleteLayer, Status::Found)),
        "{:#?}",
        r.problems
    );
    assert!(
        k.contains(&(ProblemKind::DamagedImage, Status::Found)),
        "{:#?}",
        r.problems
    );
    repair_clean(s);
    assert!(!pending.path().exists());
    assert!(s.layers().get(chain).is_ok(), "unpacked again");
}

#[test]
fn wrong_short_link_is_relinked() {
    let t = TempStore::new();
    let s = &t.store;
    let img = add_image(s, "localhost/a:1", &[("a", b"a")]);
    let info = s.layers().get(&img.chains[0]).unwrap();
    let link = s.layers_dir().join("l").join(&info.link);
    fs::remove_file(&link).unwrap();
    let r = check(s, &opts(false, false)).unwrap();
    assert_eq!(kinds(&r), [(ProblemKind::LayerLink, Status::Found)]);
    repair_clean(s);
    assert_eq!(
        fs::read_link(&link).unwrap(),
        Path::new("..").join(info.chain_id.hex()).join("diff")
    );
}

#[test]
fn leftovers_of_dead_processes_only() {
    let t = TempStore::new();
    let s = &t.store;
    // pid 1 lives; pid 0 never names a live process.
    let alive = s.tmp_dir().join("load-1-0-00000000");
    let dead = s
        .tmp_dir()
        .join(atomic::unique_name("load-").replace(&format!("-{}-", std::process::id()), "-0-"));
    let half_write = s.oci_dir().join(".tmp-0-3-0000abcd");
    let removal = s.layers_dir().join(".tmp-rm-0-1-12345678");
    fs::create_dir(&alive).unwrap();
    fs::create_dir(&dead).unwrap();
    fs::write(&half_write, b"{").unwrap();
    fs::create_dir_all(removal.join("diff/x")).unwrap();
    let r = check(s, &opts(false, false)).unwrap();
    let paths: Vec<&Path> = r.problems.iter().map(|p| p.path.as_path()).collect();
    assert_eq!(paths.len(), 3, "{:#?}", r.problems);
    for p in [&dead, &half_write, &removal] {
        assert!(paths.contains(&p.as_path()), "{} not reported: {paths:?}", p.display());
    }
    assert!(r.problems.iter().all(|p| p.kind == ProblemKind::Leftover));
    repair_clean(s);
    assert!(alive.exists(), "a live process's temp dir stays");
    assert!(!dead.exists() && !half_write.exists() && !removal.exists());
}

#[test]
fn container_records_and_directories() {
    let t = TempStore::new();
    let s = &t.store;
    let img = add_image(s, "localhost/a:1", &[("a", b"a")]);
    let gone = add_container(s, "gone", &img);
    let kept = add_container(s, "kept", &img);
    atomic::remove_tree(&s.containers().dir(&gone)).unwrap();
    // A directory whose record is gone (an interrupted rm), another whose process still runs.
    let orphan = s.containers().dir(&"ab".repeat(32));
    fs::create_dir_all(orphan.join("diff/data")).unwrap();
    let running = s.containers().dir(&"cd".repeat(32));
    fs::create_dir_all(&running).unwrap();
    let me = std::process::id() as i32;
    let state = ContainerState {
        status: CtrStatus::Running,
        pid: Some(me),
        pid_start: start_time(me),
        ..Default::default()
    };
    fs::write(running.join("state.json"), serde_json::to_vec(&state).unwrap()).unwrap();
    // A stray file among the container directories is removed, not handled as a container.
    let stray = s.root().join("containers/stray");
    fs::write(&stray, b"x").unwrap();
    let r = check(s, &opts(true, false)).unwrap();
    let find = |path: &Path| {
        r.problems
            .iter()
            .find(|p| p.path == path)
            .unwrap_or_else(|| panic!("{:#?}", r.problems))
    };
    assert_eq!(find(&s.containers().dir(&gone)).kind, ProblemKind::DanglingRecord);
    assert_eq!(find(&s.containers().dir(&gone)).status, Status::Repaired);
    assert_eq!(find(&orphan).status, Status::Repaired);
    assert_eq!(find(&running).status, Status::NotRepairable);
    assert!(!orphan.exists());
    assert!(running.exists(), "a running container's directory stays");
    assert_eq!(find(&stray).status, Status::Repaired);
    assert!(!stray.exists());
    let ids: Vec<String> = s.containers().list().unwrap().into_iter().map(|c| c.id).collect();
    assert_eq!(ids, vec![kept]);
}

#[test]
fn corrupt_records() {
    let t = TempStore::new();
    let s = &t.store;
    let img = add_image(s, "localhost/a:1", &[("a", b"a")]);
    let id = add_container(s, "c", &img);
    fs::write(s.containers().state_path(&id), b"{\"status\":").unwrap();
    let r = check(s, &opts(true, false)).unwrap();
    assert_eq!(kinds(&r), [(ProblemKind::CorruptRecord, Status::NotRepairable)]);
    assert!(r.problems[0].message.contains("state.json"), "{:#?}", r.problems);

    // An unreadable containers.json: reported, and no container directory becomes an orphan.
    fs::write(s.root().join("containers.json"), b"not json").unwrap();
    let r = check(s, &opts(true, false)).unwrap();
    assert_eq!(kinds(&r), [(ProblemKind::CorruptRecord, Status::NotRepairable)]);
    assert!(s.containers().dir(&id).exists());
    assert!(
        s.layers().has(&img.chains[0]),
        "layers stay while their users are unknown"
    );

    fs::write(s.oci_dir().join("index.json"), b"[").unwrap();
    let r = check(s, &opts(true, false)).unwrap();
    assert_eq!(r.remaining(), 2, "{:#?}", r.problems);
    assert!(s.blobs().has(&img.manifest), "blobs stay while the index is unreadable");
}

#[test]
fn volumes_without_records() {
    let t = TempStore::new();
    let s = &t.store;
    let vols = s.volumes();
    {
        let _l = vols.lock().unwrap();
        for n in ["half", "used", "bad"] {
            vols.create(NewVolume {
                name: Some(n.into()),
                ..Default::default()
            })
            .unwrap();
        }
    }
    let img = add_image(s, "localhost/a:1", &[("a", b"a")]);
    let id = add_container(s, "c", &img);
    let mount = crate::store::volumes::MountRecord {
        kind: crate::store::volumes::MountKind::Volume,
        name: Some("used".into()),
        source: vols.data_dir("used"),
        destination: "/data".into(),
        options: Vec::new(),
        image: None,
        top_layer: None,
    };
    vols.write_mounts(&id, &[mount]).unwrap();
    fs::write(vols.data_dir("used").join("keep"), b"data").unwrap();
    for n in ["half", "used"] {
        fs::remove_file(vols.dir(n).join("volume.json")).unwrap();
    }
    fs::write(vols.dir("bad").join("volume.json"), b"{").unwrap();
    let r = check(s, &opts(false, false)).unwrap();
    let by = |n: &str| {
        r.problems
            .iter()
            .find(|p| p.object == format!("volume {n}"))
            .unwrap()
            .kind
    };
    assert_eq!(by("half"), ProblemKind::Orphan);
    assert_eq!(by("used"), ProblemKind::DanglingRecord);
    assert_eq!(by("bad"), ProblemKind::CorruptRecord);
    repair_clean(s);
    assert!(!vols.dir("half").exists());
    assert_eq!(fs::read(vols.data_dir("used").join("keep")).unwrap(), b"data");
    assert!(vols.exists("used") && vols.exists("bad"));
}

#[test]
fn unused_content_is_orphaned() {
    let t = TempStore::new();
    let s = &t.store;
    let img = add_image(s, "localhost/a:1", &[("a", b"a")]);
    s.images().remove(&img.id).unwrap();
    let r = check(s, &opts(false, true)).unwrap();
    assert!(!r.problems.is_empty());
    assert!(
        r.problems.iter().all(|p| p.kind == ProblemKind::Orphan),
        "{:#?}",
        r.problems
    );
    repair_clean(s);
    assert!(s.blobs().list().unwrap().is_empty());
    assert!(!s.layers().has(&img.chains[0]));
}

#[test]
fn temp_names_give_their_creator() {
    assert_eq!(creator_pid("load-123-0-0abc1234"), Some(123));
    assert_eq!(creator_pid(".tmp-rm-77-12-ffffffff"), Some(77));
    assert_eq!(
        creator_pid(&atomic::unique_name("build-context-")),
        Some(std::process::id() as i32)
    );
    assert_eq!(creator_pid(&format!(".tmp-{}-42", "a".repeat(64))), Some(42));
    for junk in ["", "x", "load-", "load-1-2", "a-b-c-d", ".tmp-zz-1", "blob-1-2-xyz"] {
        assert_eq!(creator_pid(junk), None, "{junk:?}");
    }
    assert!(
        !creator_alive(&atomic::unique_name("x-")),
        "our own names are not in flight"
    );
}
