//! `--userns` and `--uidmap`/`--gidmap`: containers with a user namespace of their own. What
//! the container sees (its mapping, its ids, the owners of the image's files) and what the host
//! sees of the files it creates; `keep-id` (rootless), `auto` (as root, from the "containers"
//! range `.ci/run` sets up), explicit maps, and the reuse and cleanup of the shifted layer copies.

use std::os::unix::fs::MetadataExt;
use std::path::Path;

use crate::support::*;

const IMG: &str = "usernsimg:latest";

/// Busybox with a directory owned by uid 33 and a world-writable /tmp.
fn image() -> FixtureImage {
    let extra = LayerSpec::new()
        .dir("srv", 0o755)
        .owned(33, 33)
        .file("srv/owned33", 0o644, "www\n")
        .owned(33, 33)
        .dir("tmp", 0o1777);
    FixtureImage::from_layers(vec![fixtures::busybox_layer(), extra]).label("userns")
}

#[track_caller]
fn out(ctx: &TestContext, flags: &[&str], script: &str) -> String {
    let mut args = vec!["run", "--rm"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&[IMG, "sh", "-c", script]);
    ctx.ferry(&args).success().stdout().trim().to_string()
}

/// `uid_map` lines as (inside, outside, count).
fn map_lines(text: &str) -> Vec<(u64, u64, u64)> {
    text.lines()
        .filter_map(|l| {
            let v: Vec<u64> = l.split_whitespace().filter_map(|x| x.parse().ok()).collect();
            (v.len() == 3).then(|| (v[0], v[1], v[2]))
        })
        .collect()
}

/// The owners the container sees: `uid:gid` of /, of /srv/owned33, and its own `id -u`.
const OWNERS: &str = "stat -c %u:%g / /srv/owned33; id -u; id -g";

fn shifted_copies(ctx: &TestContext) -> usize {
    let dir = ctx.store_root().join("overlay-shifted");
    std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0)
}

fn container_upper(ctx: &TestContext, id: &str) -> std::path::PathBuf {
    ctx.store_root().join("containers").join(id).join("diff")
}

mod keep_id {
    use super::*;

    #[test]
    fn rootless() {
        let ctx = &TestContext::new(Mode::Rootless);
        ctx.load(&image(), &[IMG]);
        let user = test_user();
        let map = out(ctx, &["--userns=keep-id"], "cat /proc/self/uid_map");
        // The user's uid is ferry's 0 inside ferry's namespace, which keep-id maps to the uid.
        assert!(
            map_lines(&map).contains(&(user.uid as u64, 0, 1)),
            "keep-id mapping {map:?} does not map {} to ferry's 0",
            user.uid
        );
        let owners = out(ctx, &["--userns=keep-id"], OWNERS);
        assert_eq!(
            owners.lines().collect::<Vec<_>>(),
            vec!["0:0", "33:33", &user.uid.to_string(), &user.gid.to_string()],
            "image files keep their owners and the process runs as the user"
        );
        // A file the container creates belongs to the user on the host.
        let id = ctx
            .ferry(&["create", "--userns=keep-id", IMG, "sh", "-c", "echo x > /tmp/made"])
            .success()
            .stdout()
            .trim()
            .to_string();
        ctx.ferry(&["start", "-a", &id]).success();
        let made = container_upper(ctx, &id).join("tmp/made");
        let meta = std::fs::metadata(&made).unwrap_or_else(|e| panic!("{}: {e}", made.display()));
        assert_eq!((meta.uid(), meta.gid()), (user.uid, user.gid));
        // cp and export of the stopped container see owners as the container does.
        let host_file = ctx.file("copied");
        std::fs::write(&host_file, "c\n").unwrap();
        ctx.ferry(&["cp", host_file.to_str().unwrap(), &format!("{id}:/tmp/copied")])
            .success();
        let copied = std::fs::metadata(container_upper(ctx, &id).join("tmp/copied")).unwrap();
        assert_eq!(
            copied.uid(),
            ctx.host_uid(1),
            "container root is ferry's 1 under keep-id"
        );
        let owners = tar_owners(&ctx.ferry(&["export", &id]).success().stdout_bytes);
        for (path, want) in [
            ("tmp/copied", (0, 0)),
            ("srv/owned33", (33, 33)),
            ("bin/busybox", (0, 0)),
        ] {
            assert_eq!(owners.get(path), Some(&want), "{path} in {owners:?}");
        }
        assert_eq!(owners.get("tmp/made"), Some(&(user.uid as u64, user.gid as u64)));
        ctx.ferry(&["rm", &id]).success();

        let custom = out(
            ctx,
            &["--userns=keep-id:uid=5,gid=6"],
            "cat /proc/self/uid_map; id -u; id -g",
        );
        assert!(map_lines(&custom).contains(&(5, 0, 1)), "{custom}");
        assert!(custom.ends_with("5\n6"), "{custom}");
        // `-u` still wins over keep-id's default user.
        assert_eq!(out(ctx, &["--userns=keep-id", "-u", "0"], "id -u"), "0");
    }

    /// The everyday case: a work directory bind-mounted with keep-id keeps its owner both ways.
    #[test]
    fn bind_mount_keeps_owners() {
        let ctx = &TestContext::new(Mode::Rootless);
        ctx.load(&image(), &[IMG]);
        let user = test_user();
        let work = ctx.file("work");
        std::fs::create_dir(&work).unwrap();
        std::fs::write(work.join("from-host"), "h\n").unwrap();
        for p in [&work, &work.join("from-host")] {
            std::os::unix::fs::chown(p, Some(user.uid), Some(user.gid)).unwrap();
        }
        let vol = format!("{}:/work", work.display());
        let seen = out(
            ctx,
            &["--userns=keep-id", "-v", &vol],
            "stat -c %u:%g /work/from-host; echo c > /work/from-container",
        );
        assert_eq!(
            seen,
            format!("{}:{}", user.uid, user.gid),
            "the host file's owner inside"
        );
        let meta = std::fs::metadata(work.join("from-container")).unwrap();
        assert_eq!(
            (meta.uid(), meta.gid()),
            (user.uid, user.gid),
            "the container's file on the host"
        );
        // Without keep-id the same file is root's inside.
        assert_eq!(out(ctx, &["-v", &vol], "stat -c %u:%g /work/from-host"), "0:0");
    }

    #[test]
    fn reuses_and_removes_its_layer_copies() {
        let ctx = &TestContext::new(Mode::Rootless);
        ctx.load(&image(), &[IMG]);
        out(ctx, &["--userns=keep-id"], "true");
        let layers = |ctx: &TestContext| {
            let dir = ctx.store_root().join("overlay-shifted");
            std::fs::read_dir(&dir)
                .unwrap()
                .flatten()
                .map(|m| std::fs::read_dir(m.path()).unwrap().count())
                .sum::<usize>()
        };
        assert_eq!(shifted_copies(ctx), 1);
        assert_eq!(layers(ctx), 2, "one copy per layer");
        out(ctx, &["--userns=keep-id"], "true");
        assert_eq!(
            shifted_copies(ctx),
            1,
            "the second container reuses the first one's copies"
        );
        assert_eq!(layers(ctx), 2);
        ctx.ferry(&["rmi", IMG]).success();
        assert_eq!(layers(ctx), 0, "removing the image removes its copies");
    }

    #[test]
    fn is_rootless_only() {
        let ctx = &TestContext::new(Mode::Root);
        ctx.load(&image(), &[IMG]);
        let o = ctx.ferry(&["run", "--rm", "--userns=keep-id", IMG, "true"]).failure();
        assert_eq!(o.code, Some(125));
        assert!(
            o.stderr.contains("keep-id is only supported in rootless mode"),
            "{}",
            o.stderr
        );
        assert!(ctx.ferry(&["ps", "-aq"]).success().stdout().trim().is_empty());
    }
}

mod auto {
    use super::*;

    /// As root, `auto` takes a range from the "containers" user's subordinate ids, and two
    /// containers never share one.
    #[test]
    fn root() {
        let ctx = &TestContext::new(Mode::Root);
        ctx.load(&image(), &[IMG]);
        let subuid = std::fs::read_to_string("/etc/subuid").unwrap();
        let start: u64 = subuid
            .lines()
            .find_map(|l| l.strip_prefix("containers:"))
            .and_then(|r| r.split(':').next())
            .and_then(|s| s.parse().ok())
            .expect("a containers range in /etc/subuid (.ci/run adds it)");
        let a = ctx
            .ferry(&["run", "-d", "--userns=auto", IMG, "sleep", "60"])
            .success()
            .stdout()
            .trim()
            .to_string();
        let b = ctx
            .ferry(&["run", "-d", "--userns=auto:size=2000", IMG, "sleep", "60"])
            .success()
            .stdout()
            .trim()
            .to_string();
        let map_of = |id: &str| {
            let pid = ctx
                .ferry(&["inspect", "--format", "{{.State.Pid}}", id])
                .success()
                .stdout()
                .trim()
                .to_string();
            map_lines(&std::fs::read_to_string(format!("/proc/{pid}/uid_map")).unwrap())
        };
        let (ma, mb) = (map_of(&a), map_of(&b));
        assert_eq!(ma, vec![(0, start, 1024)]);
        assert_eq!(mb.len(), 1);
        assert_eq!(mb[0].2, 2000);
        assert!(mb[0].1 >= start + 1024, "ranges overlap: {ma:?} {mb:?}");
        // Owners inside are the image's; on the host they are shifted.
        assert_eq!(
            out(ctx, &["--userns=auto"], OWNERS).lines().collect::<Vec<_>>(),
            vec!["0:0", "33:33", "0", "0"]
        );
        // exec joins the container's own user namespace.
        let exec_map = ctx.ferry(&["exec", &a, "cat", "/proc/self/uid_map"]).success().stdout();
        assert_eq!(map_lines(&exec_map), ma);
        // A file a third container creates belongs to its range's first id on the host.
        let c = ctx
            .ferry(&[
                "create",
                "--userns=auto",
                IMG,
                "sh",
                "-c",
                "cat /proc/self/uid_map; echo x > /tmp/made",
            ])
            .success()
            .stdout()
            .trim()
            .to_string();
        let mc = map_lines(&ctx.ferry(&["start", "-a", &c]).success().stdout());
        assert_eq!(mc.len(), 1);
        assert!(mc[0].1 >= start + 1024 + 2000, "ranges overlap: {ma:?} {mb:?} {mc:?}");
        let made = container_upper(ctx, &c).join("tmp/made");
        assert_eq!(std::fs::metadata(&made).unwrap().uid() as u64, mc[0].1);
        // cp out of the stopped container and export see the owners as inside.
        let owners = tar_owners(&ctx.ferry(&["export", &c]).success().stdout_bytes);
        assert_eq!(owners.get("tmp/made"), Some(&(0, 0)));
        assert_eq!(owners.get("srv/owned33"), Some(&(33, 33)));
        ctx.ferry(&["rm", "-f", "-t", "0", &a, &b, &c]).success();
    }

    /// Rootless, `auto` takes ferry's ids other than the user's own. Its root is then none of
    /// the user's ids, so the store must be reachable by others.
    #[test]
    fn rootless() {
        let ctx = &TestContext::new(Mode::Rootless);
        ctx.load(&image(), &[IMG]);
        let o = ctx.ferry(&["run", "--rm", "--userns=auto", IMG, "true"]);
        let share = ctx.home().join(".local/share");
        let closed: Vec<_> = [ctx.home().join(".local"), share]
            .into_iter()
            .filter(|d| !world_executable(d))
            .collect();
        if !closed.is_empty() {
            let o = o.failure();
            assert!(o.stderr.contains("is not searchable by other users"), "{}", o.stderr);
            for d in closed {
                set_mode(&d, 0o711);
            }
        }
        let map = map_lines(&out(ctx, &["--userns=auto"], "cat /proc/self/uid_map"));
        assert_eq!(map.len(), 1);
        assert_eq!(map[0].0, 0);
        assert!(map[0].1 >= 1, "auto must not map the user's own id: {map:?}");
        assert_eq!(
            out(ctx, &["--userns=auto"], OWNERS).lines().collect::<Vec<_>>(),
            vec!["0:0", "33:33", "0", "0"]
        );
    }
}

mod maps {
    use super::*;

    #[test]
    fn root_uidmap() {
        let ctx = &TestContext::new(Mode::Root);
        ctx.load(&image(), &[IMG]);
        let text = out(
            ctx,
            &["--uidmap", "0:300000:5000", "--gidmap", "0:310000:5000"],
            "cat /proc/self/uid_map /proc/self/gid_map",
        );
        assert_eq!(map_lines(&text), vec![(0, 300000, 5000), (0, 310000, 5000)]);
        let o = ctx.ferry(&["run", "--rm", "--uidmap", "0:1", IMG, "true"]).failure();
        assert_eq!(o.code, Some(125));
        assert!(o.stderr.contains("invalid --uidmap"), "{}", o.stderr);
        let o = ctx.ferry(&["run", "--rm", "--userns=bogus", IMG, "true"]).failure();
        assert!(o.stderr.contains("invalid --userns"), "{}", o.stderr);
    }

    /// An image file owned by an id the mapping lacks is a clear error, not a silent nobody.
    #[test]
    fn root_too_small() {
        let ctx = &TestContext::new(Mode::Root);
        ctx.load(&image(), &[IMG]);
        let o = ctx
            .ferry(&["run", "--rm", "--uidmap", "0:300000:10", IMG, "true"])
            .failure();
        assert_eq!(o.code, Some(125));
        assert!(
            o.stderr.contains("outside the container's user namespace mapping"),
            "{}",
            o.stderr
        );
    }

    #[test]
    fn host_is_the_default() {
        for mode in [Mode::Root, Mode::Rootless] {
            let ctx = &TestContext::new(mode);
            ctx.load(&image(), &[IMG]);
            let plain = out(ctx, &[], "cat /proc/self/uid_map");
            assert_eq!(out(ctx, &["--userns=host"], "cat /proc/self/uid_map"), plain);
        }
    }
}

/// Owners of a tar stream's entries by path (without a leading `./` or trailing `/`).
fn tar_owners(data: &[u8]) -> std::collections::BTreeMap<String, (u64, u64)> {
    let mut out = std::collections::BTreeMap::new();
    for e in tar::Archive::new(data).entries().unwrap() {
        let e = e.unwrap();
        let path = e
            .path()
            .unwrap()
            .to_string_lossy()
            .trim_start_matches("./")
            .trim_end_matches('/')
            .to_string();
        out.insert(path, (e.header().uid().unwrap(), e.header().gid().unwrap()));
    }
    out
}

fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}
