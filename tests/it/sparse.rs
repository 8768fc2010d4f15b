//! Sparse files in layers and archives, written by GNU tar in its GNU and PAX formats: `load`,
//! `import` and `build`'s ADD store them sparse under their real names with their content,
//! and one larger than the store's free space is refused with a clear error, leaving nothing.

use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use crate::hostile::assert_no_leftovers;
use crate::support::fixtures::{DockerLayout, busybox_layer, docker_archive};
use crate::support::*;

const GIB: u64 = 1 << 30;
/// What each test file holds, and where (the rest are holes).
const PARTS: [(u64, &[u8]); 3] = [
    (0, b"sparse-head"),
    (GIB / 2, b"sparse-middle"),
    (GIB - 10, b"sparse-end"),
];

/// A 1 GiB sparse file with `PARTS` at `dir/name`.
fn sparse_file(dir: &Path, name: &str, size: u64) {
    std::fs::create_dir_all(dir).unwrap();
    let f = std::fs::File::create(dir.join(name)).unwrap();
    f.set_len(size).unwrap();
    for (off, data) in PARTS.iter().filter(|(o, _)| *o < size) {
        f.write_all_at(data, *off).unwrap();
    }
}

/// GNU tar's archive of `paths` under `dir`, sparse, in the format `args` say.
fn gnu_tar(dir: &Path, args: &[&str], paths: &[&str]) -> Vec<u8> {
    let out = std::process::Command::new("tar")
        .args(args)
        .args([
            "--sparse",
            "--numeric-owner",
            "--owner=0",
            "--group=0",
            "-cf",
            "-",
            "-C",
        ])
        .arg(dir)
        .args(paths)
        .output()
        .unwrap();
    assert!(out.status.success(), "tar: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.len() < 1 << 20, "GNU tar stored the files sparse");
    out.stdout
}

/// Size, allocated bytes and the `PARTS` bytes of a file in `image`, read in a container.
#[track_caller]
fn assert_sparse_in(ctx: &TestContext, image: &str, path: &str) {
    let mut script = format!("stat -c '%s %b %B' {path}");
    for (off, data) in PARTS {
        script.push_str(&format!(
            "; busybox dd if={path} bs=1 skip={off} count={} 2>/dev/null; echo",
            data.len()
        ));
    }
    let out = ctx
        .ferry(&["run", "--rm", image, "sh", "-c", &script])
        .success()
        .stdout();
    let mut lines = out.lines();
    let stat: Vec<u64> = lines.next().unwrap().split(' ').map(|n| n.parse().unwrap()).collect();
    assert_eq!(stat[0], GIB, "{path}: {out}");
    let allocated = stat[1] * stat[2];
    assert!(
        allocated <= 256 << 10,
        "{path}: {allocated} bytes allocated for a 1 GiB sparse file"
    );
    let content: Vec<&str> = lines.collect();
    let want: Vec<&str> = PARTS.iter().map(|(_, d)| std::str::from_utf8(d).unwrap()).collect();
    assert_eq!(content, want, "{path}");
}

fn free_bytes(dir: &Path) -> u64 {
    let st = nix::sys::statvfs::statvfs(dir).unwrap();
    st.blocks_available() * st.fragment_size()
}

both_modes!(sparse_files_stay_sparse_through_load_import_and_add, |ctx| {
    ctx.load(&FixtureImage::busybox(), &["busybox"]);
    let src = ctx.file("src");
    sparse_file(&src.join("gnu"), "big.img", GIB);
    sparse_file(&src.join("pax10"), "big.img", GIB);
    sparse_file(&src.join("pax01"), "big.img", GIB);
    let gnu = gnu_tar(&src, &["--format=gnu"], &["gnu"]);
    let pax10 = gnu_tar(&src, &["--format=posix", "--sparse-version=1.0"], &["pax10"]);
    let pax01 = gnu_tar(&src, &["--format=posix", "--sparse-version=0.1"], &["pax01"]);

    // load: one layer per format.
    let img = FixtureImage::from_layers(vec![
        busybox_layer(),
        LayerSpec::from_tar(gnu.clone()),
        LayerSpec::from_tar(pax10.clone()),
        LayerSpec::from_tar(pax01),
    ])
    .build();
    let archive = ctx.file("sparse-image.tar");
    std::fs::write(
        &archive,
        docker_archive(&[(&img, &["localhost/sparse:latest"])], DockerLayout::Flat),
    )
    .unwrap();
    ctx.ferry(&["load", "-i", p(&archive)]).success();
    for dir in ["gnu", "pax10", "pax01"] {
        assert_sparse_in(ctx, "localhost/sparse", &format!("/{dir}/big.img"));
    }
    // Under their real names only.
    let listing = ctx
        .ferry(&["run", "--rm", "localhost/sparse", "ls", "/", "/pax10", "/pax01"])
        .success()
        .stdout();
    assert!(!listing.contains("GNUSparseFile"), "{listing}");

    // import: a root filesystem tarball in the PAX format.
    let rootfs = ctx.file("rootfs.tar");
    let mut with_busybox = busybox_layer().tar();
    with_busybox.truncate(with_busybox.len() - 1024);
    with_busybox.extend_from_slice(&pax10);
    std::fs::write(&rootfs, with_busybox).unwrap();
    ctx.ferry(&["import", p(&rootfs), "localhost/imported"]).success();
    assert_sparse_in(ctx, "localhost/imported", "/pax10/big.img");

    // build: ADD of a local tar (GNU format) unpacks it.
    let context = ctx.file("ctx");
    std::fs::create_dir_all(&context).unwrap();
    std::fs::write(context.join("gnu.tar"), &gnu).unwrap();
    std::fs::write(context.join("Containerfile"), "FROM busybox\nADD gnu.tar /added/\n").unwrap();
    ctx.ferry(&["build", "-t", "added", p(&context)]).success();
    assert_sparse_in(ctx, "added", "/added/gnu/big.img");

    // commit: a sparse file made in a container stays sparse in the layer and the archive.
    let mut script = format!("busybox truncate -s {GIB} /made.img");
    for (off, data) in PARTS {
        script.push_str(&format!(
            "; printf {} | busybox dd of=/made.img bs=1 seek={off} conv=notrunc 2>/dev/null",
            std::str::from_utf8(data).unwrap()
        ));
    }
    ctx.ferry(&["run", "--name", "maker", "busybox", "sh", "-c", &script])
        .success();
    ctx.ferry(&["commit", "-q", "maker", "localhost/made"]).success();
    assert_sparse_in(ctx, "localhost/made", "/made.img");
    let saved = ctx.file("made.tar");
    ctx.ferry(&["save", "-o", p(&saved), "localhost/made"]).success();
    let saved_size = std::fs::metadata(&saved).unwrap().len();
    assert!(saved_size < 8 << 20, "the saved image takes {saved_size} bytes");
});

both_modes!(sparse_files_larger_than_the_free_space_are_refused, |ctx| {
    ctx.load(&FixtureImage::busybox(), &["busybox"]);
    let before = ctx.image_ids();
    let src = ctx.file("src");
    // Larger than what the store's filesystem has left (GNU tar reads it by its holes).
    let huge = free_bytes(&ctx.dir) + 4 * GIB;
    sparse_file(&src, "huge.img", huge);
    for (format, args) in [("gnu", &["--format=gnu"][..]), ("pax", &["--format=posix"])] {
        let tar = gnu_tar(&src, args, &["huge.img"]);
        let img = FixtureImage::from_layers(vec![busybox_layer(), LayerSpec::from_tar(tar.clone())]).build();
        let archive = ctx.file(&format!("huge-{format}.tar"));
        std::fs::write(
            &archive,
            docker_archive(&[(&img, &["localhost/huge:latest"])], DockerLayout::Flat),
        )
        .unwrap();
        let out = ctx.ferry(&["load", "-i", p(&archive)]).code(125);
        assert!(out.stderr.contains("\"huge.img\""), "{format}: {}", out.stderr);
        assert!(
            out.stderr
                .contains(&format!("the sparse file's size ({huge} bytes) exceeds the")),
            "{format}: {}",
            out.stderr
        );
        assert_eq!(ctx.image_ids(), before, "{format}");
        assert_no_leftovers(ctx);
        // The same through import.
        let rootfs: PathBuf = ctx.file(&format!("huge-rootfs-{format}.tar"));
        std::fs::write(&rootfs, &tar).unwrap();
        let out = ctx.ferry(&["import", p(&rootfs), "localhost/huge"]).code(125);
        assert!(out.stderr.contains("exceeds the"), "{format}: {}", out.stderr);
        assert_eq!(ctx.image_ids(), before, "{format}");
        assert_no_leftovers(ctx);
    }
});
