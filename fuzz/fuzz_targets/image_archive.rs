//! Loads a (checksum-repaired) docker-archive or oci-archive into a fresh store, and checks that
//! whatever a successful load added is complete: every image opens, its layers are unpacked, and
//! the store's own check finds nothing wrong.
#![no_main]

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use ferry::image::apply::ApplyOptions;
use ferry::image::{archive, check, gc, lookup};
use ferry::store::Store;
use ferry::store::layers::chain_id;
use libfuzzer_sys::fuzz_target;

fn top() -> &'static PathBuf {
    static TOP: OnceLock<PathBuf> = OnceLock::new();
    TOP.get_or_init(|| {
        common::limit_file_size(8 << 20);
        common::scratch("archive")
    })
}

const OPTS: ApplyOptions = ApplyOptions {
    rootless: false,
    squash_ownership: false,
};

const CHECK: check::CheckOptions = check::CheckOptions {
    quick: false,
    repair: false,
    apply: OPTS,
};

fuzz_target!(|data: &[u8]| {
    let top = top();
    let mut input = data.to_vec();
    common::fix_tar_checksums(&mut input);
    let store = Store::open(&top.join("root"), &top.join("run")).expect("opening the scratch store");
    let mut warnings = Vec::new();
    let mut added = archive::Added::default();
    let result = archive::load(&store, &mut &input[..], &OPTS, &mut warnings, &mut added);
    if let Ok(loaded) = &result {
        let records = store.images().list().expect("listing images after a load");
        for img in loaded {
            let rec = records
                .iter()
                .find(|r| r.id == img.id)
                .expect("a loaded image is listed");
            let local = lookup::open(&store, rec).expect("a loaded image opens");
            let mut parent = None;
            for diff in &local.config.rootfs.diff_ids {
                let chain = chain_id(parent.as_ref(), diff);
                assert!(store.layers().has(&chain), "layer {chain} of a loaded image is missing");
                parent = Some(chain);
            }
        }
        let report = check::check(&store, &CHECK).expect("checking the store");
        assert!(
            report.problems.is_empty(),
            "a load left problems: {:?}",
            report.problems
        );
    }
    // A failed load leaves nothing behind but what it recorded as added, and removing that (as
    // `load` does) leaves a clean store.
    if result.is_err() {
        let report = check::check(&store, &CHECK).expect("checking the store");
        assert!(
            report.problems.iter().all(|p| p.kind.is_garbage()),
            "a failed load left problems: {:?}",
            report.problems
        );
        gc::remove_unreferenced(&store, &added.blobs, &added.layers).expect("removing what the failed load added");
        let report = check::check(&store, &CHECK).expect("checking the store");
        assert!(
            report.problems.is_empty(),
            "after removing what a failed load added: {:?}",
            report.problems
        );
    }
    common::empty_dir(top);
});
