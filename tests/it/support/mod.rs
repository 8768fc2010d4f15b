//! The test bed: a fresh directory per test, and ferry run in it as root or as the unprivileged
//! `ferrytest` user (whose machine setup is done by `.ci/run`).

pub mod attackers;
pub mod fixtures;
pub mod guest;
pub mod registry;
pub mod tmux;

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

pub use fixtures::{BuiltImage, Compression, FixtureImage, LayerSpec};

/// The unprivileged user rootless tests run as.
pub const TEST_USER: &str = "ferrytest";
/// How long one command may run before the test kills it and fails.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(300);
const PATH_ENV: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// Generates `mod $name { fn root(); fn rootless(); }`, running the body once in each mode, so
/// that `cargo test rootless` or `cargo test load::` selects as expected.
macro_rules! both_modes {
    ($name:ident, |$ctx:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[test]
            fn root() {
                let $ctx = &$crate::support::TestContext::new($crate::support::Mode::Root);
                $body
            }

            #[test]
            fn rootless() {
                let $ctx = &$crate::support::TestContext::new($crate::support::Mode::Rootless);
                $body
            }
        }
    };
}

/// As `both_modes!`, for tests that run in the test guest (`support::guest`): the body gets a
/// `&GuestContext` for the root and the rootless mode.
macro_rules! guest_both_modes {
    ($name:ident, |$ctx:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[test]
            fn root() {
                let $ctx = &$crate::support::guest::GuestContext::new($crate::support::Mode::Root);
                $body
            }

            #[test]
            fn rootless() {
                let $ctx = &$crate::support::guest::GuestContext::new($crate::support::Mode::Rootless);
                $body
            }
        }
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The test process's own uid 0, with `--root`/`--runroot` in the test directory.
    Root,
    /// The `ferrytest` user with HOME and XDG directories in the test directory and no
    /// `--root`, so ferry's default path logic is what runs.
    Rootless,
}

/// The rootless user as this machine has it set up.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub uid: u32,
    pub gid: u32,
    /// First host id of the subordinate ranges (container id 1 maps here).
    pub subuid_start: u32,
    pub subgid_start: u32,
}

const SETUP_HINT: &str =
    "run `bash .ci/run` as root once (or `CI_SETUP_ONLY=1 bash .ci/run` to only set up the machine)";

fn first_subid(file: &str, user: &str, uid: u32) -> Result<u32, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    text.lines()
        .filter_map(|l| {
            let mut it = l.trim().split(':');
            let (name, start, count) = (it.next()?, it.next()?, it.next()?);
            let (start, count) = (start.parse::<u32>().ok()?, count.parse::<u32>().ok()?);
            ((name == user || name == uid.to_string()) && count >= 65536).then_some(start)
        })
        .next()
        .ok_or_else(|| format!("{file} has no range of at least 65536 ids for {user}"))
}

/// The `ferrytest` user, or a panic explaining how to set the machine up. Rootless tests never
/// skip: a machine without the user is a broken test machine.
pub fn test_user() -> &'static TestUser {
    static USER: OnceLock<Result<TestUser, String>> = OnceLock::new();
    let user = USER.get_or_init(|| {
        if !nix::unistd::geteuid().is_root() {
            return Err("rootless tests switch to the ferrytest user, so the test process must run as root".into());
        }
        let pw = nix::unistd::User::from_name(TEST_USER)
            .map_err(|e| format!("looking up user {TEST_USER}: {e}"))?
            .ok_or_else(|| format!("user {TEST_USER} does not exist"))?;
        let (uid, gid) = (pw.uid.as_raw(), pw.gid.as_raw());
        for tool in ["/usr/bin/newuidmap", "/usr/bin/newgidmap", "/usr/bin/setpriv"] {
            if !Path::new(tool).exists() {
                return Err(format!("{tool} is missing"));
            }
        }
        Ok(TestUser {
            uid,
            gid,
            subuid_start: first_subid("/etc/subuid", TEST_USER, uid)?,
            subgid_start: first_subid("/etc/subgid", TEST_USER, uid)?,
        })
    });
    match user {
        Ok(u) => u,
        Err(e) => panic!("rootless test machine is not set up: {e}; {SETUP_HINT}"),
    }
}

fn require_root() {
    assert!(
        nix::unistd::geteuid().is_root(),
        "root-mode tests must run as root; {SETUP_HINT} and run the tests as root"
    );
}

/// True when every directory above `path` can be searched and the file read and executed by
/// any user.
pub fn world_executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if meta.mode() & 0o005 != 0o005 {
        return false;
    }
    path.ancestors()
        .skip(1)
        .filter(|a| !a.as_os_str().is_empty())
        .all(|a| std::fs::metadata(a).is_ok_and(|m| m.mode() & 0o001 != 0))
}

/// The ferry binary, at a path the rootless user can execute.
pub fn ferry_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let built = PathBuf::from(env!("CARGO_BIN_EXE_ferry"));
        if world_executable(&built) {
            return built;
        }
        // The build directory is private (e.g. a checkout under /root): copy the binary to a
        // world-readable place, named by its size and mtime so a rebuild gets a fresh copy.
        let meta = std::fs::metadata(&built).expect("ferry binary exists");
        let dir = PathBuf::from(format!(
            "/tmp/ferry-it-bin/{}-{}",
            meta.len(),
            meta.mtime_nsec() + meta.mtime() * 1_000_000_000
        ));
        let dest = dir.join("ferry");
        if !dest.exists() {
            std::fs::create_dir_all(&dir).expect("create binary copy dir");
            for d in [dir.parent().unwrap(), dir.as_path()] {
                std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
            }
            let tmp = dir.join(format!("ferry.{}", std::process::id()));
            std::fs::copy(&built, &tmp).expect("copy ferry binary");
            std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o755)).unwrap();
            std::fs::rename(&tmp, &dest).expect("rename ferry binary copy");
        }
        dest
    })
}

fn chown(path: &Path, uid: u32, gid: u32) {
    std::os::unix::fs::chown(path, Some(uid), Some(gid)).unwrap_or_else(|e| panic!("chown {}: {e}", path.display()));
}

fn mkdir(path: &Path, mode: u32) {
    std::fs::create_dir_all(path).unwrap_or_else(|e| panic!("mkdir {}: {e}", path.display()));
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// One test's world: a fresh directory under /tmp and the mode ferry runs in.
///
/// Layout: `files/` (fixtures and outputs, writable by the mode's user), `home/` (HOME; when
/// rootless also the XDG data and config homes, so the store is `home/.local/share/ferry`),
/// `run/` (XDG_RUNTIME_DIR, 0700), and in root mode `root/` and `runroot/` (`--root`, `--runroot`).
pub struct TestContext {
    pub mode: Mode,
    pub dir: PathBuf,
}

impl TestContext {
    pub fn new(mode: Mode) -> TestContext {
        match mode {
            Mode::Root => require_root(),
            Mode::Rootless => {
                test_user();
            }
        }
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let name: String = std::thread::current()
            .name()
            .unwrap_or("test")
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '-' })
            .collect();
        let dir = PathBuf::from(format!(
            "/tmp/ferry-it-{}-{}-{}",
            name.replace("--", "-"),
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        mkdir(&dir, 0o755);
        let ctx = TestContext { mode, dir };
        mkdir(&ctx.files(), 0o755);
        mkdir(&ctx.home(), 0o755);
        mkdir(&ctx.dir.join("run"), 0o700);
        mkdir(&ctx.dir.join("tmp"), 0o1777);
        if mode == Mode::Rootless {
            let u = test_user();
            for d in [ctx.files(), ctx.home(), ctx.dir.join("run")] {
                chown(&d, u.uid, u.gid);
            }
        }
        ctx
    }

    /// Fixtures and command outputs go here; readable by everyone, writable by the mode's user.
    pub fn files(&self) -> PathBuf {
        self.dir.join("files")
    }

    /// A path under `files/`.
    pub fn file(&self, name: &str) -> PathBuf {
        self.files().join(name)
    }

    pub fn home(&self) -> PathBuf {
        self.dir.join("home")
    }

    /// Where ferry keeps its store in this mode.
    pub fn store_root(&self) -> PathBuf {
        match self.mode {
            Mode::Root => self.dir.join("root"),
            Mode::Rootless => self.home().join(".local/share/ferry"),
        }
    }

    /// Where ferry keeps runtime state in this mode.
    pub fn runroot(&self) -> PathBuf {
        match self.mode {
            Mode::Root => self.dir.join("runroot"),
            Mode::Rootless => self.dir.join("run/ferry"),
        }
    }

    /// The store's OCI layout directory.
    pub fn oci_dir(&self) -> PathBuf {
        self.store_root().join("oci")
    }

    /// The host uid that a file owned by `uid` inside an image is stored as.
    pub fn host_uid(&self, uid: u32) -> u32 {
        match (self.mode, uid) {
            (Mode::Root, _) => uid,
            (Mode::Rootless, 0) => test_user().uid,
            (Mode::Rootless, n) => test_user().subuid_start + n - 1,
        }
    }

    /// The host gid that a file owned by `gid` inside an image is stored as.
    pub fn host_gid(&self, gid: u32) -> u32 {
        match (self.mode, gid) {
            (Mode::Root, _) => gid,
            (Mode::Rootless, 0) => test_user().gid,
            (Mode::Rootless, n) => test_user().subgid_start + n - 1,
        }
    }

    /// The xattr namespace ferry marks opaque directories with: only real root may set
    /// `trusted.*`, so rootless ferry uses overlayfs's `userxattr` names.
    pub fn overlay_xattr(&self, name: &str) -> String {
        match self.mode {
            Mode::Root => format!("trusted.overlay.{name}"),
            Mode::Rootless => format!("user.overlay.{name}"),
        }
    }

    /// A command running `program` as this mode's user, with a clean environment that points
    /// HOME (and, rootless, the XDG directories) into the test directory.
    pub fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut cmd = match self.mode {
            Mode::Root => Command::new(program),
            Mode::Rootless => {
                let mut c = Command::new("/usr/bin/setpriv");
                c.args([
                    format!("--reuid={TEST_USER}"),
                    format!("--regid={TEST_USER}"),
                    "--init-groups".to_string(),
                    "--".to_string(),
                ]);
                c.arg(program);
                c
            }
        };
        cmd.env_clear()
            .current_dir(self.files())
            .env("PATH", PATH_ENV)
            .env("HOME", self.home())
            .env("TMPDIR", self.dir.join("tmp"))
            .env("LANG", "C.UTF-8")
            .env("RUST_BACKTRACE", "1")
            .stdin(Stdio::null());
        match self.mode {
            Mode::Root => {
                cmd.env("USER", "root").env("LOGNAME", "root");
            }
            Mode::Rootless => {
                cmd.env("USER", TEST_USER)
                    .env("LOGNAME", TEST_USER)
                    .env("XDG_DATA_HOME", self.home().join(".local/share"))
                    .env("XDG_CONFIG_HOME", self.home().join(".config"))
                    .env("XDG_RUNTIME_DIR", self.dir.join("run"));
            }
        }
        cmd
    }

    /// `ferry ARGS` as a command, for tests that spawn and signal it themselves.
    pub fn ferry_command(&self, args: &[&str]) -> Command {
        self.ferry_command_at(ferry_bin(), args)
    }

    /// [`TestContext::ferry_command`] with the ferry binary at `bin` (a second installation).
    /// containers.conf is empty unless a test sets `CONTAINERS_CONF` (or removes it to read the
    /// machine's and the user's files): the host's Podman configuration is not ferry's tests'.
    pub fn ferry_command_at(&self, bin: &Path, args: &[&str]) -> Command {
        let mut cmd = self.command(bin);
        cmd.env("CONTAINERS_CONF", "/dev/null");
        if self.mode == Mode::Root {
            cmd.arg("--root")
                .arg(self.store_root())
                .arg("--runroot")
                .arg(self.runroot());
        }
        cmd.args(args);
        cmd
    }

    /// Runs `ferry ARGS` to completion.
    pub fn ferry(&self, args: &[&str]) -> Output {
        run(self.ferry_command(args), None)
    }

    /// Runs `ferry ARGS` with `input` on its standard input.
    pub fn ferry_stdin(&self, args: &[&str], input: &[u8]) -> Output {
        run(self.ferry_command(args), Some(input))
    }

    /// Runs skopeo as this mode's user (so it reads ferry's store with the same rights).
    pub fn skopeo(&self, args: &[&str]) -> Output {
        let mut cmd = self.command("/usr/bin/skopeo");
        // The tests only move local archives and layouts; a minimal install may lack policy.json.
        cmd.arg("--insecure-policy").args(args);
        run(cmd, None)
    }

    /// Writes a docker-archive of `image` under `files/` and loads it; returns what was built.
    #[track_caller]
    pub fn load(&self, image: &FixtureImage, names: &[&str]) -> BuiltImage {
        static N: AtomicU32 = AtomicU32::new(0);
        let path = self.file(&format!("load-{}.tar", N.fetch_add(1, Ordering::Relaxed)));
        let built = image.write_docker_archive(&path, names);
        self.ferry(&["load", "-i", path.to_str().unwrap()]).success();
        built
    }

    /// `ferry images --format json`, parsed.
    #[track_caller]
    pub fn images_json(&self) -> Vec<serde_json::Value> {
        match self.ferry(&["images", "--format", "json"]).success().json() {
            serde_json::Value::Array(v) => v,
            other => panic!("images --format json is not an array: {other}"),
        }
    }

    /// Full ids of the images `ferry images -q --no-trunc` lists, sorted.
    #[track_caller]
    pub fn image_ids(&self) -> Vec<String> {
        let out = self.ferry(&["images", "-q", "--no-trunc"]).success();
        let mut ids: Vec<String> = out
            .stdout()
            .lines()
            .map(|l| l.trim().trim_start_matches("sha256:").to_string())
            .collect();
        ids.retain(|l| !l.is_empty());
        ids.sort();
        ids.dedup();
        ids
    }

    /// `ferry image inspect NAME`, the first (only) object.
    #[track_caller]
    pub fn inspect(&self, name: &str) -> serde_json::Value {
        match self.ferry(&["image", "inspect", name]).success().json() {
            serde_json::Value::Array(mut v) if v.len() == 1 => v.remove(0),
            other => panic!("image inspect {name} did not print a one-element array: {other}"),
        }
    }
}

impl Drop for TestContext {
    fn drop(&mut self) {
        if std::thread::panicking() {
            if std::env::var_os("FERRY_KEEP_TEST_DIRS").is_some() {
                eprintln!("test directory kept: {}", self.dir.display());
                return;
            }
            eprintln!(
                "test directory: {} (set FERRY_KEEP_TEST_DIRS=1 to keep it)",
                self.dir.display()
            );
        }
        // The test process is root, so it can delete files owned by subordinate ids too.
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// What a finished command did.
pub struct Output {
    /// The command line, shell-quoted, for failure messages.
    pub cmdline: String,
    /// The exit code, or None when a signal ended it.
    pub code: Option<i32>,
    pub stdout_bytes: Vec<u8>,
    pub stderr: String,
}

/// `s` as one shell word.
pub fn quote(s: &OsStr) -> String {
    let s = s.to_string_lossy();
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:,@+%".contains(c)) {
        s.into_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

fn describe(cmd: &Command) -> String {
    let mut s = String::new();
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v
            && k != "PATH"
            && k != "LANG"
            && k != "RUST_BACKTRACE"
        {
            let _ = write!(s, "{}={} ", k.to_string_lossy(), quote(v));
        }
    }
    s.push_str(&quote(cmd.get_program()));
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&quote(a));
    }
    s
}

fn reader<R: Read + Send + 'static>(mut r: R) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = r.read_to_end(&mut buf);
        buf
    })
}

/// Runs `cmd` to completion (killing it after [`COMMAND_TIMEOUT`]), feeding `input` to stdin.
pub fn run(mut cmd: Command, input: Option<&[u8]>) -> Output {
    let cmdline = describe(&cmd);
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    if input.is_some() {
        cmd.stdin(Stdio::piped());
    }
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("cannot run {cmdline}: {e}"));
    let out = reader(child.stdout.take().unwrap());
    let err = reader(child.stderr.take().unwrap());
    let writer = input.map(|data| {
        let mut stdin = child.stdin.take().unwrap();
        let data = data.to_vec();
        // A command that exits without reading all input is not a test failure by itself.
        std::thread::spawn(move || {
            let _ = stdin.write_all(&data);
        })
    });
    let deadline = Instant::now() + COMMAND_TIMEOUT;
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait for child") {
            break st;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            let stderr = String::from_utf8_lossy(&err.join().unwrap_or_default()).into_owned();
            panic!("timed out after {COMMAND_TIMEOUT:?}: {cmdline}\n--- stderr ---\n{stderr}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    if let Some(w) = writer {
        let _ = w.join();
    }
    Output {
        cmdline,
        code: status.code(),
        stdout_bytes: out.join().unwrap_or_default(),
        stderr: String::from_utf8_lossy(&err.join().unwrap_or_default()).into_owned(),
    }
}

impl Output {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout_bytes).into_owned()
    }

    fn report(&self, what: &str) -> String {
        const MAX: usize = 4000;
        let clip = |s: &str| -> String {
            if s.len() > MAX {
                let mut end = MAX;
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                format!("{}… ({} bytes)", &s[..end], s.len())
            } else {
                s.to_string()
            }
        };
        format!(
            "{what}\ncommand: {}\nexit: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.cmdline,
            self.code.map_or("killed by a signal".to_string(), |c| c.to_string()),
            clip(&self.stdout()),
            clip(&self.stderr)
        )
    }

    /// Asserts exit code 0.
    #[track_caller]
    pub fn success(self) -> Output {
        assert!(self.code == Some(0), "{}", self.report("command failed"));
        self
    }

    /// Asserts a non-zero exit code.
    #[track_caller]
    pub fn failure(self) -> Output {
        assert!(
            self.code.is_some_and(|c| c != 0),
            "{}",
            self.report("command should have failed")
        );
        self
    }

    /// Asserts exit code `code`.
    #[track_caller]
    pub fn code(self, code: i32) -> Output {
        assert!(
            self.code == Some(code),
            "{}",
            self.report(&format!("expected exit code {code}"))
        );
        self
    }

    /// Asserts that stderr contains `needle`.
    #[track_caller]
    pub fn stderr_contains(self, needle: &str) -> Output {
        assert!(
            self.stderr.contains(needle),
            "{}",
            self.report(&format!("stderr should contain {needle:?}"))
        );
        self
    }

    /// Asserts that stdout contains `needle`.
    #[track_caller]
    pub fn stdout_contains(self, needle: &str) -> Output {
        assert!(
            self.stdout().contains(needle),
            "{}",
            self.report(&format!("stdout should contain {needle:?}"))
        );
        self
    }

    /// Parses stdout as JSON.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.stdout_bytes)
            .unwrap_or_else(|e| panic!("{}", self.report(&format!("stdout is not JSON: {e}"))))
    }

    /// Non-empty stdout lines, trimmed at the end.
    pub fn lines(&self) -> Vec<String> {
        self.stdout()
            .lines()
            .map(|l| l.trim_end().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    }
}

/// Every path under `dir` (not following symlinks), for "nothing escaped" checks.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for ent in rd.flatten() {
            let p = ent.path();
            if ent.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(p.clone());
            }
            out.push(p);
        }
    }
    out
}

/// The value of extended attribute `name` on `path` (not following a final symlink).
pub fn xattr(path: &Path, name: &str) -> Option<Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    let cpath = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    let cname = std::ffi::CString::new(name).unwrap();
    let mut buf = vec![0u8; 4096];
    // SAFETY: both strings are NUL-terminated and live across the call; buf is valid for
    // buf.len() bytes of writes.
    let n = unsafe { libc::lgetxattr(cpath.as_ptr(), cname.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    if n < 0 {
        return None;
    }
    buf.truncate(n as usize);
    Some(buf)
}

/// A path as `&str` (test paths are ASCII).
pub fn p(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}
