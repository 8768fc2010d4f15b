//! `ferry mount` / `unmount`: as root the overlay is mounted at the container's merged dir on
//! the host; rootless only inside `ferry unshare`, in its mount namespace. Mounts are counted,
//! and removing a container unmounts it.

use crate::support::*;

const IMG: &str = "mountimg:latest";

fn mounted_here(path: &str) -> bool {
    std::fs::read_to_string("/proc/self/mountinfo")
        .unwrap()
        .lines()
        .any(|l| l.split(' ').nth(4) == Some(path))
}

#[test]
fn mount_as_root_is_counted_and_rm_unmounts() {
    let ctx = &TestContext::new(Mode::Root);
    ctx.load(&FixtureImage::busybox(), &[IMG]);
    ctx.ferry(&["create", "--name", "m", IMG, "cat", "/from-mount"])
        .success();
    let path = ctx.ferry(&["mount", "m"]).success().stdout().trim().to_string();
    assert!(path.ends_with("/merged"), "{path}");
    assert!(std::path::Path::new(&path).join("bin/busybox").is_file());
    assert!(mounted_here(&path));
    // Writes go to the container: its start sees them (the mount does not disturb the start).
    std::fs::write(
        std::path::Path::new(&path).join("from-mount"),
        "written through the mount\n",
    )
    .unwrap();
    ctx.ferry(&["start", "-a", "m"])
        .success()
        .stdout_contains("written through the mount");
    // Listed; counted.
    let list = ctx.ferry(&["mount"]).success().stdout();
    assert!(list.contains(&path), "{list}");
    assert_eq!(ctx.ferry(&["container", "mount", "m"]).success().stdout().trim(), path);
    ctx.ferry(&["umount", "m"]).success();
    assert!(mounted_here(&path), "unmounted while another mount was counted");
    ctx.ferry(&["unmount", "m"]).success();
    assert!(!mounted_here(&path));
    assert!(!ctx.ferry(&["mount"]).success().stdout().contains(&path));
    // -a and -f.
    ctx.ferry(&["mount", "m"]).success();
    ctx.ferry(&["mount", "m"]).success();
    ctx.ferry(&["unmount", "-a", "-f"]).success();
    assert!(!mounted_here(&path));
    // rm of a mounted container leaves nothing mounted.
    ctx.ferry(&["mount", "m"]).success();
    ctx.ferry(&["rm", "m"]).success();
    assert!(!mounted_here(&path));
    ctx.ferry(&["mount", "nosuch"])
        .failure()
        .stderr_contains("no such container");
}

#[test]
fn mount_rootless_needs_unshare() {
    let ctx = &TestContext::new(Mode::Rootless);
    ctx.load(&FixtureImage::busybox(), &[IMG]);
    ctx.ferry(&["create", "--name", "m", IMG, "true"]).success();
    ctx.ferry(&["mount", "m"])
        .code(125)
        .stderr_contains("cannot run command \"ferry mount\" in rootless mode, must execute `ferry unshare` first");
    ctx.ferry(&["unmount", "m"])
        .code(125)
        .stderr_contains("must execute `ferry unshare` first");
    let ferry = p(ferry_bin());
    let script = format!(
        "set -e; p=$({ferry} mount m); test -x \"$p/bin/busybox\"; echo inside > \"$p/tmp/x\"; \
         {ferry} mount | grep -q \"$p\"; grep -q \" $p \" /proc/self/mountinfo; \
         {ferry} unmount m; ! grep -q \" $p \" /proc/self/mountinfo; \
         {ferry} mount m >/dev/null; {ferry} rm m; ! grep -q \" $p \" /proc/self/mountinfo; echo ok"
    );
    ctx.ferry(&["unshare", "sh", "-c", &script])
        .success()
        .stdout_contains("ok");
    // Nothing leaks into the host's mount namespace.
    assert!(
        !std::fs::read_to_string("/proc/self/mountinfo")
            .unwrap()
            .contains(p(&ctx.store_root()))
    );
}

#[test]
fn mount_inside_unshare_writes_to_the_container() {
    let ctx = &TestContext::new(Mode::Rootless);
    ctx.load(&FixtureImage::busybox(), &[IMG]);
    ctx.ferry(&["create", "--name", "m", IMG, "cat", "/tmp/x"]).success();
    let ferry = p(ferry_bin());
    let script = format!("set -e; p=$({ferry} mount m); echo via-unshare > \"$p/tmp/x\"; {ferry} unmount m");
    ctx.ferry(&["unshare", "sh", "-c", &script]).success();
    ctx.ferry(&["start", "-a", "m"])
        .success()
        .stdout_contains("via-unshare");
}
