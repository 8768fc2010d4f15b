//! `ferry unshare`: a command in ferry's rootless user namespace sees image owners as they are
//! inside containers and can delete what the user alone cannot.

use crate::support::*;

#[test]
fn unshare_maps_store_owners_and_can_delete_them() {
    let ctx = &TestContext::new(Mode::Rootless);
    ctx.load(&FixtureImage::multilayer(), &["multi:1"]);
    let map = ctx.ferry(&["unshare", "cat", "/proc/self/uid_map"]).success().stdout();
    let map = map.split_whitespace().collect::<Vec<_>>().join(" ");
    let user = test_user();
    assert!(map.contains(&format!("1 {} 65536", user.subuid_start)), "{map}");

    // Files owned by uid 33 in the image are owned by 33 inside the namespace.
    let root = ctx.store_root();
    let script = format!(
        "find {} -user 33 | head -n 1 | xargs stat -c %u",
        p(&root.join("overlay"))
    );
    assert_eq!(
        ctx.ferry(&["unshare", "sh", "-c", &script]).success().stdout().trim(),
        "33"
    );

    // Outside, the user cannot remove the store; inside, it can.
    let copy = ctx.home().join("store-copy");
    let cp = format!("cp -a {} {}", p(&root.join("overlay")), p(&copy));
    ctx.ferry(&["unshare", "sh", "-c", &cp]).success();
    let mut rm = ctx.command("rm");
    rm.arg("-rf").arg(&copy);
    run(rm, None).failure();
    ctx.ferry(&["unshare", "rm", "-rf", p(&copy)]).success();
    assert!(!copy.exists());

    // The command's exit code is ferry's; a missing command is 127.
    ctx.ferry(&["unshare", "sh", "-c", "exit 4"]).code(4);
    ctx.ferry(&["unshare", "no-such-command"]).code(127);
}

#[test]
fn unshare_as_root_is_refused() {
    let ctx = &TestContext::new(Mode::Root);
    ctx.ferry(&["unshare", "true"])
        .code(125)
        .stderr_contains("please use unshare with rootless");
}
