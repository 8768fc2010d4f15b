//! Applies a (checksum-repaired) tar stream as a layer into an empty directory over a lower layer
//! whose symlinks point outside, and asserts that nothing outside the layer directory changed.
#![no_main]

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ferry::image::apply::{ApplyOptions, apply_layer};
use ferry::store::Digest;
use libfuzzer_sys::fuzz_target;

/// A fixed path hostile seeds can aim absolute symlinks at.
const SENTINEL: &str = "/dev/shm/ferry-fuzz-sentinel";

struct Env {
    top: PathBuf,
    dest: PathBuf,
    lower: PathBuf,
    before: Vec<String>,
    sentinel_before: Vec<String>,
}

fn env() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(|| {
        common::limit_file_size(8 << 20);
        let top = common::scratch("layer");
        let dest = top.join("dest");
        let lower = top.join("lower");
        let sentinel = Path::new(SENTINEL);
        std::fs::create_dir_all(&dest).unwrap();
        std::fs::create_dir_all(sentinel.join("sub")).unwrap();
        std::fs::write(sentinel.join("keep"), b"keep").unwrap();
        std::fs::create_dir_all(top.join("beside/sub")).unwrap();
        std::fs::write(top.join("beside/keep"), b"keep").unwrap();
        // A lower layer whose directories are symlinks out of the layer, as a hostile image could ship.
        std::fs::create_dir_all(lower.join("etc")).unwrap();
        std::fs::write(lower.join("etc/passwd"), b"root:x:0:0::/root:/bin/sh\n").unwrap();
        let _ = std::os::unix::fs::symlink(SENTINEL, lower.join("lib"));
        let _ = std::os::unix::fs::symlink("../beside", lower.join("up"));
        let _ = std::os::unix::fs::symlink("/", lower.join("root"));
        let before = common::snapshot(&top, &[&dest]);
        let sentinel_before = common::snapshot(sentinel, &[]);
        Env {
            top,
            dest,
            lower,
            before,
            sentinel_before,
        }
    })
}

const OPTS: ApplyOptions = ApplyOptions {
    rootless: false,
    squash_ownership: false,
};

fuzz_target!(|data: &[u8]| {
    let env = env();
    let mut tar = data.to_vec();
    common::fix_tar_checksums(&mut tar);
    let result = apply_layer(&mut &tar[..], &env.dest, std::slice::from_ref(&env.lower), &OPTS);
    assert_eq!(
        env.before,
        common::snapshot(&env.top, &[&env.dest]),
        "the layer wrote outside its directory ({result:?})"
    );
    assert_eq!(
        env.sentinel_before,
        common::snapshot(Path::new(SENTINEL), &[]),
        "the layer wrote through a symlink ({result:?})"
    );
    if let Ok(report) = result {
        // The whole stream is hashed, padding included: the diff id names exactly these bytes.
        assert_eq!(report.size, tar.len() as u64);
        assert_eq!(report.diff_id, Digest::of_bytes(&tar));
    }
    common::empty_dir(&env.dest);
});
