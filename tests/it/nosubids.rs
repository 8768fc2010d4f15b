//! A user without subordinate ids: ferry falls back to mapping only the user, warns, and files
//! owned by other users in images end up owned by the user.

use std::os::unix::fs::MetadataExt;
use std::process::Command;

use crate::support::*;

/// Created by .ci/run without /etc/subuid or /etc/subgid entries.
const NOSUB_USER: &str = "ferrynosub";

#[test]
fn load_without_subordinate_ids_warns_and_squashes_owners() {
    let ctx = TestContext::new(Mode::Root);
    let user = nix::unistd::User::from_name(NOSUB_USER)
        .unwrap()
        .unwrap_or_else(|| panic!("user {NOSUB_USER} does not exist; run `bash .ci/run` as root once"));
    for file in ["/etc/subuid", "/etc/subgid"] {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        assert!(
            !text.lines().any(|l| l.starts_with(&format!("{NOSUB_USER}:"))),
            "{file} must have no range for {NOSUB_USER}"
        );
    }
    let home = ctx.dir.join("nosub-home");
    let run_dir = ctx.dir.join("nosub-run");
    for d in [&home, &run_dir] {
        std::fs::create_dir(d).unwrap();
        nix::unistd::chown(d, Some(user.uid), Some(user.gid)).unwrap();
    }
    let archive = ctx.file("multi.tar");
    let image = FixtureImage::multilayer();
    image.write_docker_archive(&archive, &["multi:1"]);

    let ferry = |args: &[&str]| {
        let mut cmd = Command::new("/usr/bin/setpriv");
        cmd.args([
            &format!("--reuid={NOSUB_USER}"),
            &format!("--regid={NOSUB_USER}"),
            "--init-groups",
            "--",
        ])
        .arg(ferry_bin())
        .args(args)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", &home)
        .env("USER", NOSUB_USER)
        .env("XDG_RUNTIME_DIR", &run_dir);
        run(cmd, None)
    };
    ferry(&["load", "-i", p(&archive)])
        .success()
        .stderr_contains("no subordinate ids for user \"ferrynosub\"");
    ferry(&["image", "exists", "multi:1"]).success();
    // Every unpacked file belongs to the user: there is nobody else to give it to.
    let overlay = home.join(".local/share/ferry/overlay");
    let mut files = 0;
    for path in walk(&overlay) {
        let meta = std::fs::symlink_metadata(&path).unwrap();
        assert_eq!(
            meta.uid(),
            user.uid.as_raw(),
            "{} owned by {}",
            path.display(),
            meta.uid()
        );
        files += 1;
    }
    assert!(files > 10, "layers were unpacked under {}", overlay.display());
}
