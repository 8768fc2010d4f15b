//! The test guest: a Debian 12 virtual machine with systemd as PID 1 on the unified cgroup
//! hierarchy only (cgroup v2, `cgroup_no_v1=all`), and a rootless user whose systemd manager
//! (`user@1000.service`, started at boot by lingering) has the `cpu cpuset io memory pids`
//! controllers delegated, as on a desktop. Tests of what this host cannot show (it is cgroup v1
//! hybrid without systemd) run their commands there, with the ferry binary under test.
//!
//! # Use
//!
//! ```ignore
//! use crate::support::guest::{Guest, GuestContext};
//!
//! // One guest per test process, booted by the first test that asks, shared by all of them.
//! let g = Guest::get();
//! g.root("stat -fc %T /sys/fs/cgroup").success().stdout_contains("cgroup2fs");
//! g.user("cat /proc/self/cgroup"); // in user@1000.service, with the session's environment
//! g.login("systemctl --user is-system-running"); // a login session (session-N.scope), as ssh
//!
//! // Like both_modes!: `root` runs as root with --root/--runroot in the test's directory,
//! // `rootless` as the user inside user@1000.service with HOME and XDG_* in the directory.
//! guest_both_modes!(hello, |ctx| {
//!     ctx.load(&FixtureImage::busybox(), &["busybox"]);
//!     ctx.ferry(&["run", "--rm", "busybox", "echo", "hello"]).success();
//!     // One job, several commands: each job costs a round trip and a bash.
//!     ctx.sh("ferry run -d --name a busybox sleep 60 && ferry ps --format '{{.Names}}'").success();
//! });
//!
//! // A store per mode shared by the whole process, busybox loaded once (as `busybox`): for tests
//! // that need no store of their own (name containers uniquely; never `rm -a`).
//! let ctx = GuestContext::shared(Mode::Rootless);
//! ```
//!
//! Every call is one job: a bash script run to completion in the guest, returned as an
//! [`Output`] (stdout, stderr, exit code; 128+N when a signal ended the script). Jobs of
//! concurrent tests run concurrently. In a [`GuestContext`] script, `ferry` is a shell function
//! that adds the context's store options, the working directory is the context's `files/`, and
//! [`GuestContext::dir`] is the directory. [`Guest::share_file`] passes other files in (attacker
//! programs, scripts); the guest sees the share at `/share`.
//!
//! # Accounts ([`GuestUser`])
//!
//! - `Root`: uid 0 in `system.slice/ferry-agent.service`, HOME=/root, cwd /root.
//! - `User`: `ferrytest` (uid 1000, subordinate ids 200000:65536 as on the host) in
//!   `user.slice/user-1000.slice/user@1000.service/app.slice/ferry-user-agent.service`: a service
//!   of the user's manager, as programs of a desktop session are, with its environment
//!   (XDG_RUNTIME_DIR=/run/user/1000, DBUS_SESSION_BUS_ADDRESS of the user bus); cwd HOME. The
//!   cgroup is the user's, in the delegated subtree; it is not empty (the agent lives in it), as
//!   a terminal's scope is not.
//! - `Login`: `ferrytest` through `runuser -l` and pam_systemd: a new login session,
//!   `user-1000.slice/session-cN.scope` (root's, not delegated), as over ssh; a few seconds more
//!   per job.
//!
//! # The machine
//!
//! The image (kernel, initramfs, ext4 root) is built by `tests/guest/build-image.sh` with
//! debootstrap from the Debian mirror apt uses, cached in /var/cache/ferry-test-guest/ under a
//! hash of tests/guest/ (a changed file there builds a new one; `.ci/run` builds it ahead; the
//! first test builds it when missing: 2.5 to 5 minutes here). qemu boots it directly
//! (`-kernel`/`-initrd`) as a throwaway snapshot: nothing a test writes survives the process.
//! The guest has 2 CPUs, 2 GiB, about 3 GiB free disk, a network device on qemu's restricted user
//! network (10.0.2.15/24, default route, no DNS; nothing leaves qemu) and no udev. Shares (9p):
//! `/share` (jobs and their output, [`Guest::share_file`] files, fixture archives; uncached) and
//! `/opt/ferry` (the binary under test without debug info, read-only and cached;
//! `/usr/local/bin/ferry` points there).
//!
//! # Accelerator and cost
//!
//! KVM when `/dev/kvm` is hardware virtualization (kvm_intel or kvm_amd), else qemu's TCG
//! emulation. This machine's (and CI's) `/dev/kvm` is kvm_pvm, which runs only kernels built as
//! PVM guests, never Debian's (it hangs after the real-mode setup), so here the guest is
//! emulated, 15 to 30 times slower than the host, and it shares the host's two CPUs with the
//! other tests. Measured here (load average 8 to 20 from other builds): boot to the agent's
//! "ready" 36 to 100 s; a job running `true` 0.3 to 2 s; `ferry --version` 0.5 to 3 s; `ferry
//! load` of busybox 25 to 35 s; `ferry run --rm busybox true` 5 to 15 s. So: few commands per
//! test, several per job where the test allows, and [`GuestContext::shared`] rather than a
//! `ferry load` per test. `FERRY_GUEST_ACCEL=kvm|tcg` forces a choice (kvm fails when it
//! cannot run the guest).
//!
//! # When it fails
//!
//! A guest that does not come up fails every guest test with the reason and the tail of its
//! serial console (kernel, systemd and agent errors), never skips; a job that fails or times out
//! shows the console tail too. The guest's directory (`/tmp/ferry-guest-<pid>/`: console.log,
//! qemu.log, the shares) and qemu go away when the test process exits, unless
//! FERRY_KEEP_TEST_DIRS is set (qemu is killed all the same); a stale one is removed by the next
//! run.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

use super::fixtures::sha256_hex;
use super::{BuiltImage, FixtureImage, Mode, Output, quote};

/// The rootless user in the guest (the same name and subordinate ids as on the host).
pub const GUEST_USER: &str = "ferrytest";
pub const GUEST_UID: u32 = 1000;
const MEMORY_MIB: u32 = 2048;
const CPUS: u32 = 2;
/// How long one job may run before the test fails (emulated machines are slow).
const JOB_TIMEOUT: Duration = Duration::from_secs(600);
const KERNEL_CMDLINE: &str = "root=/dev/vda rw console=ttyS0 quiet panic=-1 net.ifnames=0 fsck.mode=skip \
     mitigations=off systemd.unified_cgroup_hierarchy=1 cgroup_no_v1=all";

/// Who runs a job in the guest (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuestUser {
    Root,
    User,
    Login,
}

impl GuestUser {
    fn name(self) -> &'static str {
        match self {
            GuestUser::Root => "root",
            GuestUser::User => "user",
            GuestUser::Login => "login",
        }
    }
}

/// How qemu runs the guest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accel {
    Kvm,
    Tcg,
}

#[derive(Default)]
struct State {
    ready: bool,
    done: HashSet<u64>,
    /// Why the guest is gone (qemu exited, the agent hung up).
    dead: Option<String>,
}

type Shared = Arc<(Mutex<State>, Condvar)>;

/// A running guest and the channel to its agent.
pub struct Guest {
    dir: PathBuf,
    accel: Accel,
    boot_time: Duration,
    agent: Mutex<UnixStream>,
    state: Shared,
    next_job: AtomicU64,
    /// Fixture archives already in the share.
    archives: Mutex<HashSet<String>>,
}

/// qemu's pid and the guest's directory, for the exit handler.
static RUNNING: OnceLock<(i32, PathBuf)> = OnceLock::new();

extern "C" fn stop_guest() {
    if let Some((pid, dir)) = RUNNING.get() {
        // SAFETY: kill(2) with a pid this process started; no memory is involved.
        unsafe { libc::kill(*pid, libc::SIGKILL) };
        if std::env::var_os("FERRY_KEEP_TEST_DIRS").is_none() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

impl Guest {
    /// The guest of this test process, booted by the first caller. Panics with the reason when
    /// it cannot run (every later caller gets the same reason at once).
    pub fn get() -> &'static Guest {
        static GUEST: OnceLock<Result<Guest, String>> = OnceLock::new();
        match GUEST.get_or_init(Guest::boot) {
            Ok(g) => g,
            Err(e) => panic!("the test guest is not available: {e}"),
        }
    }

    pub fn accel(&self) -> Accel {
        self.accel
    }

    /// From starting qemu to the agent's "ready".
    pub fn boot_time(&self) -> Duration {
        self.boot_time
    }

    /// Runs `script` (bash) as root.
    pub fn root(&self, script: &str) -> Output {
        self.run(GuestUser::Root, script)
    }

    /// Runs `script` as the rootless user inside its systemd manager (user@1000.service).
    pub fn user(&self, script: &str) -> Output {
        self.run(GuestUser::User, script)
    }

    /// Runs `script` as the rootless user in a new login session.
    pub fn login(&self, script: &str) -> Output {
        self.run(GuestUser::Login, script)
    }

    /// Runs `script` (bash) as `who` and waits for it.
    pub fn run(&self, who: GuestUser, script: &str) -> Output {
        self.job(who, script, format!("[guest {}] {script}", who.name()))
    }

    /// Writes `data` into the share as `name` (a plain file name; mode 0755 so that it can be a
    /// program) and returns its path in the guest.
    pub fn share_file(&self, name: &str, data: &[u8]) -> String {
        assert!(
            !name.is_empty() && !name.contains('/') && name != "." && name != "..",
            "share_file takes a plain file name, not {name:?}"
        );
        let dir = self.dir.join("share/files");
        let tmp = dir.join(format!(".{name}.{}", std::process::id()));
        std::fs::write(&tmp, data).unwrap_or_else(|e| panic!("write {}: {e}", tmp.display()));
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::rename(&tmp, dir.join(name)).unwrap();
        format!("/share/files/{name}")
    }

    fn job(&self, who: GuestUser, script: &str, cmdline: String) -> Output {
        let id = self.next_job.fetch_add(1, Ordering::Relaxed);
        let dir = self.dir.join("share/jobs").join(id.to_string());
        std::fs::create_dir(&dir).unwrap_or_else(|e| panic!("mkdir {}: {e}", dir.display()));
        std::fs::write(dir.join("script"), script).unwrap();
        std::fs::write(dir.join("as"), who.name()).unwrap();
        {
            let mut agent = self.agent.lock().unwrap_or_else(|e| e.into_inner());
            if let Err(e) = writeln!(agent, "{id}") {
                panic!("cannot send job {id} to the guest: {e}\n{}", self.diagnostics());
            }
        }
        let deadline = Instant::now() + JOB_TIMEOUT;
        let (lock, cvar) = &*self.state;
        let mut st = lock.lock().unwrap_or_else(|e| e.into_inner());
        while !st.done.remove(&id) {
            if let Some(why) = &st.dead {
                panic!("{cmdline}\nthe guest died: {why}\n{}", self.diagnostics());
            }
            let now = Instant::now();
            if now >= deadline {
                panic!(
                    "timed out after {JOB_TIMEOUT:?} in the guest: {cmdline}\n{}",
                    self.diagnostics()
                );
            }
            st = cvar
                .wait_timeout(st, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        drop(st);
        let read = |name: &str| std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("job {id}: {name}: {e}"));
        let rc = String::from_utf8_lossy(&read("rc")).trim().to_string();
        let out = Output {
            cmdline,
            code: Some(rc.parse().unwrap_or_else(|_| panic!("job {id}: exit code {rc:?}"))),
            stdout_bytes: read("stdout"),
            stderr: String::from_utf8_lossy(&read("stderr")).into_owned(),
        };
        let _ = std::fs::remove_dir_all(&dir);
        out
    }

    /// Where to look when the guest misbehaves: the tail of its console.
    fn diagnostics(&self) -> String {
        console_tail(&self.dir)
    }

    fn boot() -> Result<Guest, String> {
        let started = Instant::now();
        let qemu = Path::new("/usr/bin/qemu-system-x86_64");
        if !qemu.exists() {
            return Err(format!(
                "{} is missing: install qemu-system-x86 (.ci/run does)",
                qemu.display()
            ));
        }
        let accel = accel()?;
        let image = guest_image()?;
        let dir = PathBuf::from(format!("/tmp/ferry-guest-{}", std::process::id()));
        remove_stale_dirs();
        let _ = std::fs::remove_dir_all(&dir);
        for d in ["share/jobs", "share/files", "share/images", "bin", "tmp"] {
            std::fs::create_dir_all(dir.join(d)).map_err(|e| format!("mkdir {}: {e}", dir.join(d).display()))?;
        }
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).map_err(|e| e.to_string())?;
        share_binary(&dir.join("bin/ferry"))?;

        let state: Shared = Arc::default();
        let pid = spawn_qemu(qemu, accel, &image, &dir, state.clone())?;
        let _ = RUNNING.set((pid, dir.clone()));
        // SAFETY: registers a function without arguments that only calls kill(2) and removes
        // a directory; it runs once when the process exits.
        unsafe { libc::atexit(stop_guest) };

        let fail = |why: String| -> String {
            // SAFETY: kill(2) with the pid of the qemu this process started.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            format!(
                "{why} ({accel:?}, after {:.0?})\n{}",
                started.elapsed(),
                console_tail(&dir)
            )
        };
        let agent = connect(&dir.join("agent.sock"), &state).map_err(fail)?;
        let reader = agent.try_clone().map_err(|e| e.to_string())?;
        let st = state.clone();
        std::thread::spawn(move || read_agent(reader, st));

        let boot_timeout = match accel {
            Accel::Kvm => Duration::from_secs(180),
            Accel::Tcg => Duration::from_secs(900),
        };
        let (lock, cvar) = &*state;
        let mut st = lock.lock().unwrap();
        while !st.ready {
            if let Some(why) = st.dead.clone() {
                return Err(fail(format!("the guest died while booting: {why}")));
            }
            let left = boot_timeout.saturating_sub(started.elapsed());
            if left.is_zero() {
                return Err(fail(format!("the guest did not come up within {boot_timeout:?}")));
            }
            st = cvar.wait_timeout(st, left).unwrap().0;
        }
        drop(st);
        Ok(Guest {
            dir,
            accel,
            boot_time: started.elapsed(),
            agent: Mutex::new(agent),
            state,
            next_job: AtomicU64::new(0),
            archives: Mutex::default(),
        })
    }
}

/// KVM when /dev/kvm is hardware virtualization, else TCG; `FERRY_GUEST_ACCEL` decides when set.
fn accel() -> Result<Accel, String> {
    let hardware = ["kvm_intel", "kvm_amd"]
        .iter()
        .any(|m| Path::new("/sys/module").join(m).exists());
    let usable = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/kvm")
        .is_ok();
    match std::env::var("FERRY_GUEST_ACCEL").as_deref() {
        Ok("tcg") => Ok(Accel::Tcg),
        Ok("kvm") if usable && hardware => Ok(Accel::Kvm),
        Ok("kvm") if usable => Err("FERRY_GUEST_ACCEL=kvm, but /dev/kvm is not hardware virtualization \
             (no kvm_intel or kvm_amd module; kvm_pvm runs only PVM guest kernels)"
            .into()),
        Ok("kvm") => Err("FERRY_GUEST_ACCEL=kvm, but /dev/kvm is missing or cannot be opened".into()),
        Ok(other) if !other.is_empty() => Err(format!("FERRY_GUEST_ACCEL={other}: expected kvm or tcg")),
        _ => Ok(if usable && hardware { Accel::Kvm } else { Accel::Tcg }),
    }
}

/// The directory of the cached guest image, built first when missing.
fn guest_image() -> Result<PathBuf, String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/guest/build-image.sh");
    let out = Command::new("bash")
        .arg(&script)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", script.display()))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        let tail: Vec<&str> = stderr.lines().rev().take(30).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!(
            "{} failed ({}):\n{}",
            script.display(),
            out.status,
            tail.join("\n")
        ));
    }
    let dir = String::from_utf8_lossy(&out.stdout)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string();
    let dir = PathBuf::from(dir);
    if !dir.join("complete").exists() {
        return Err(format!(
            "{} printed no complete image directory: {}",
            script.display(),
            dir.display()
        ));
    }
    Ok(dir)
}

/// The ferry binary under test, without debug information (a quarter of the size: the guest
/// reads it over 9p), or as it is when objcopy fails.
fn share_binary(dest: &Path) -> Result<(), String> {
    let built = Path::new(env!("CARGO_BIN_EXE_ferry"));
    let stripped = Command::new("objcopy")
        .arg("--strip-debug")
        .arg(built)
        .arg(dest)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !stripped {
        std::fs::copy(built, dest).map_err(|e| format!("copy {} to {}: {e}", built.display(), dest.display()))?;
    }
    std::fs::set_permissions(dest, std::fs::Permissions::from_mode(0o755)).map_err(|e| e.to_string())
}

/// Removes the directories of guests whose test process is gone (killed before its exit handler).
fn remove_stale_dirs() {
    let Ok(entries) = std::fs::read_dir("/tmp") else { return };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix("ferry-guest-")) else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Starts qemu from a thread that lives as long as the process, so that the parent-death signal
/// (SIGKILL) reaches qemu when the test process ends, however it ends. The thread records qemu's
/// exit in `state`.
fn spawn_qemu(qemu: &Path, accel: Accel, image: &Path, dir: &Path, state: Shared) -> Result<i32, String> {
    let mut cmd = Command::new(qemu);
    match accel {
        Accel::Kvm => cmd.args(["-accel", "kvm", "-cpu", "host"]),
        // Without 5-level page tables, which only make the emulated page walks longer.
        Accel::Tcg => cmd.args(["-accel", "tcg,thread=multi", "-cpu", "max,la57=off"]),
    };
    let path = |p: PathBuf| p.to_str().expect("guest paths are UTF-8").to_string();
    cmd.args([
        "-machine",
        "q35",
        "-smp",
        &CPUS.to_string(),
        "-m",
        &MEMORY_MIB.to_string(),
    ])
    .args(["-nodefaults", "-no-user-config", "-display", "none", "-no-reboot"])
    .args([
        "-kernel",
        &path(image.join("vmlinuz")),
        "-initrd",
        &path(image.join("initrd.img")),
    ])
    .args(["-append", KERNEL_CMDLINE])
    // A throwaway snapshot: flushes need not reach the host's disk.
    .arg("-drive")
    .arg(format!(
        "file={},format=raw,if=virtio,snapshot=on,cache=unsafe",
        path(image.join("rootfs.img"))
    ))
    .arg("-virtfs")
    .arg(format!(
        "local,path={},mount_tag=ferry-share,security_model=none,id=share",
        path(dir.join("share"))
    ))
    .arg("-virtfs")
    .arg(format!(
        "local,path={},mount_tag=ferry-bin,security_model=none,readonly=on,id=bin",
        path(dir.join("bin"))
    ))
    .arg("-chardev")
    .arg(format!(
        "socket,id=agent,path={},server=on,wait=off",
        path(dir.join("agent.sock"))
    ))
    .args([
        "-device",
        "virtio-serial-pci",
        "-device",
        "virtserialport,chardev=agent,name=ferry.agent",
    ])
    .arg("-serial")
    .arg(format!("file:{}", path(dir.join("console.log"))))
    // A network device for the guest's own networking; restricted: nothing leaves qemu.
    .args(["-nic", "user,model=virtio-net-pci,restrict=on"])
    .env("TMPDIR", dir.join("tmp"))
    .stdin(Stdio::null())
    .stdout(Stdio::null());
    let log = std::fs::File::create(dir.join("qemu.log")).map_err(|e| e.to_string())?;
    cmd.stderr(log);
    // SAFETY: prctl(2) only, between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let qemu_log = dir.join("qemu.log");
    std::thread::spawn(move || {
        let mut child = match cmd.spawn() {
            Ok(c) => c,
            Err(e) => {
                let _ = tx.send(Err(format!("cannot start qemu: {e}")));
                return;
            }
        };
        let _ = tx.send(Ok(child.id() as i32));
        let status = child.wait();
        let log = std::fs::read_to_string(&qemu_log).unwrap_or_default();
        let (lock, cvar) = &*state;
        let mut st = lock.lock().unwrap_or_else(|e| e.into_inner());
        st.dead = Some(format!("qemu exited ({status:?}); its messages: {}", log.trim()));
        cvar.notify_all();
        drop(st);
        // Parent-death signals follow this thread: it must outlive qemu.
        loop {
            std::thread::park();
        }
    });
    rx.recv().map_err(|e| e.to_string())?
}

fn connect(sock: &Path, state: &Shared) -> Result<UnixStream, String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(s) = UnixStream::connect(sock) {
            return Ok(s);
        }
        if let Some(why) = &state.0.lock().unwrap().dead {
            return Err(format!("qemu did not start: {why}"));
        }
        if Instant::now() > deadline {
            return Err(format!("qemu's agent socket {} did not appear", sock.display()));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Reads the agent's lines: "ready", then the ids of finished jobs.
fn read_agent(stream: UnixStream, state: Shared) {
    let (lock, cvar) = &*state;
    for line in BufReader::new(stream).lines() {
        let Ok(line) = line else { break };
        let mut st = lock.lock().unwrap_or_else(|e| e.into_inner());
        if line == "ready" {
            st.ready = true;
        } else if let Ok(id) = line.parse() {
            st.done.insert(id);
        }
        cvar.notify_all();
    }
    let mut st = lock.lock().unwrap_or_else(|e| e.into_inner());
    if st.dead.is_none() {
        st.dead = Some("the guest's agent hung up".into());
    }
    cvar.notify_all();
}

fn console_tail(dir: &Path) -> String {
    let path = dir.join("console.log");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let tail = lines[lines.len().saturating_sub(40)..].join("\n");
    format!("--- guest console ({}), last lines ---\n{tail}", path.display())
}

/// One test's world in the guest, as [`super::TestContext`] is on the host: a fresh directory
/// `/var/lib/ferry-it/<test>-<n>` with `files/` (the working directory), `home/`, `run/`, `tmp/`, and
/// ferry's store in it, owned by the mode's user. Root: `ferry --root DIR/root --runroot DIR/runroot`. Rootless (the
/// [`GuestUser::User`] account): HOME, XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_RUNTIME_DIR and
/// TMPDIR in the directory, DBUS_SESSION_BUS_ADDRESS still the user's bus.
pub struct GuestContext {
    pub guest: &'static Guest,
    pub mode: Mode,
    /// The directory in the guest.
    pub dir: String,
}

impl GuestContext {
    /// A fresh context named after the running test.
    pub fn new(mode: Mode) -> GuestContext {
        let name: String = std::thread::current()
            .name()
            .unwrap_or("test")
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '-' })
            .collect();
        GuestContext::named(mode, &name.replace("--", "-"))
    }

    /// The context of `mode` that every test of this process may share, with
    /// [`FixtureImage::busybox`] loaded as `busybox`. Its tests name their containers uniquely and
    /// remove only what they made.
    pub fn shared(mode: Mode) -> &'static GuestContext {
        static ROOT: OnceLock<GuestContext> = OnceLock::new();
        static ROOTLESS: OnceLock<GuestContext> = OnceLock::new();
        let cell = match mode {
            Mode::Root => &ROOT,
            Mode::Rootless => &ROOTLESS,
        };
        cell.get_or_init(|| {
            let ctx = GuestContext::named(mode, "shared");
            ctx.load(&FixtureImage::busybox(), &["busybox"]);
            ctx
        })
    }

    fn named(mode: Mode, name: &str) -> GuestContext {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let guest = Guest::get();
        let dir = format!("/var/lib/ferry-it/{name}-{}", COUNTER.fetch_add(1, Ordering::Relaxed));
        let ctx = GuestContext { guest, mode, dir };
        // Made by the mode's user, so owned by it (/var/lib/ferry-it is 1777 in the image).
        let d = &ctx.dir;
        guest
            .run(
                ctx.account(),
                &format!("mkdir -p {d}/files {d}/home {d}/tmp && mkdir -m 0700 {d}/run"),
            )
            .success();
        ctx
    }

    fn account(&self) -> GuestUser {
        match self.mode {
            Mode::Root => GuestUser::Root,
            Mode::Rootless => GuestUser::User,
        }
    }

    /// The environment and `ferry` function every script of this context starts with.
    fn prelude(&self) -> String {
        let d = &self.dir;
        match self.mode {
            Mode::Root => format!(
                "export HOME={d}/home TMPDIR={d}/tmp\n\
                 ferry() {{ command ferry --root {d}/root --runroot {d}/runroot \"$@\"; }}\n\
                 cd {d}/files || exit 125\n"
            ),
            Mode::Rootless => format!(
                "export HOME={d}/home TMPDIR={d}/tmp XDG_DATA_HOME={d}/home/.local/share \
                 XDG_CONFIG_HOME={d}/home/.config XDG_RUNTIME_DIR={d}/run \
                 DBUS_SESSION_BUS_ADDRESS=${{DBUS_SESSION_BUS_ADDRESS:-unix:path=/run/user/{GUEST_UID}/bus}}\n\
                 cd {d}/files || exit 125\n"
            ),
        }
    }

    /// Runs `script` (bash) in this context.
    pub fn sh(&self, script: &str) -> Output {
        let cmdline = format!("[guest {}] {script}", self.account().name());
        self.guest
            .job(self.account(), &format!("{}{script}", self.prelude()), cmdline)
    }

    /// Runs `ferry ARGS` in this context.
    pub fn ferry(&self, args: &[&str]) -> Output {
        let line: Vec<String> = std::iter::once("ferry")
            .chain(args.iter().copied())
            .map(|a| quote(OsStr::new(a)))
            .collect();
        self.sh(&line.join(" "))
    }

    /// Loads `image`, named `names`, into this context's store (a docker-archive in the share,
    /// written once per process); returns what was built.
    #[track_caller]
    pub fn load(&self, image: &FixtureImage, names: &[&str]) -> BuiltImage {
        let built = image.build();
        let key = sha256_hex(format!("{}\n{}", built.id, names.join("\n")).as_bytes());
        let file = format!("{}.tar", &key[..16]);
        {
            let mut written = self.guest.archives.lock().unwrap_or_else(|e| e.into_inner());
            if !written.contains(&file) {
                let path = self.guest.dir.join("share/images").join(&file);
                image.write_docker_archive(&path, names);
                written.insert(file.clone());
            }
        }
        self.ferry(&["load", "-i", &format!("/share/images/{file}")]).success();
        built
    }
}
