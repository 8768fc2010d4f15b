use std::path::{Path, PathBuf};

use oci_spec::runtime::{Capability, PosixRlimitType};

use super::*;

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("ferry-containers-conf-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    /// The standard places, under this directory.
    fn locations(&self, rootless: bool) -> Locations {
        Locations {
            containers_conf: None,
            override_conf: None,
            rootless,
            user_dir: Some(self.path("home/.config/containers")),
            vendor_dir: self.path("usr/share/containers"),
            system_dir: self.path("etc/containers"),
        }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const FILE: &str = "/test/containers.conf";

fn parse(text: &str) -> Result<Settings> {
    ContainersConf::from_toml(Path::new(FILE), text)
}

#[track_caller]
fn parse_ok(text: &str) -> Settings {
    parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

/// The error message for `text`, which must be refused.
#[track_caller]
fn error(text: &str) -> String {
    match parse(text) {
        Ok(s) => panic!("{text:?} was accepted: {s:?}"),
        Err(e) => e.to_string(),
    }
}

fn load(locations: &Locations) -> Result<Settings> {
    ContainersConf::locate(locations)?.read()
}

fn relative_files(dir: &TempDir, settings: &Settings) -> Vec<String> {
    settings
        .files()
        .iter()
        .map(|f| f.strip_prefix(&dir.0).unwrap_or(f).display().to_string())
        .collect()
}

#[test]
fn defaults_are_podmans_where_ferry_agrees() {
    let s = Settings::defaults(true);
    let c = &s.containers;
    assert_eq!(c.pids_limit, Some(2048));
    assert_eq!(c.shm_size, 65536 * 1024);
    assert_eq!(c.log_size_max, None);
    assert_eq!(c.log_driver, LogDriver::K8sFile);
    assert_eq!(c.umask, None);
    assert_eq!(c.userns, "host");
    assert_eq!(c.userns_size, 65536);
    assert_eq!(c.netns, "private");
    assert_eq!(c.ipcns, IpcMode::Shareable);
    assert_eq!(
        (c.pidns, c.utsns, c.cgroupns),
        (NamespaceMode::Private, NamespaceMode::Private, NamespaceMode::Private)
    );
    assert!(!c.http_proxy && !c.env_host && !c.init && !c.no_hosts && !c.read_only);
    assert!(c.env.is_empty() && c.volumes.is_empty() && c.devices.is_empty() && c.default_ulimits.is_empty());
    // The set ferry has always given containers: Podman 4.3's file in /usr/share, without
    // AUDIT_WRITE, MKNOD and NET_RAW.
    assert_eq!(c.default_capabilities, crate::runtime::spec::DEFAULT_CAPS);
    assert_eq!(c.default_capabilities.len(), 11);
    assert!(!c.default_capabilities.contains(&Capability::NetRaw));
    let e = &s.engine;
    assert_eq!(e.stop_timeout, 10);
    assert_eq!(e.events_logger, EventsLogger::File);
    assert_eq!(e.events_logfile_max_size, Some(1_000_000));
    assert_eq!(e.pull_policy, "missing");
    assert_eq!(e.detach_keys, "ctrl-p,ctrl-q");
    assert_eq!(e.image_volume_mode, ImageVolumeMode::Bind);
    assert_eq!(e.runtime, None);
    assert_eq!(s.network.default_subnet.to_string(), "10.88.0.0/16");
    assert_eq!(s.network.default_subnet_pools.len(), 5);
    assert_eq!(s.network.default_subnet_pools[4].base.to_string(), "10.128.0.0/9");
    assert_eq!(s.network.default_network, "podman");
    assert_eq!(s.secrets.driver, SecretsDriver::File);
    assert!(s.files().is_empty() && s.unknown_keys().is_empty() && s.warnings_for(|| true, || true).is_empty());
}

#[test]
fn reads_every_key_it_applies() {
    let s = parse_ok(
        r#"
[containers]
annotations = ["run.oci.keep_original_groups=1", "flag"]
base_hosts_file = "image"
cgroupns = "host"
cgroups = "no-conmon"
default_capabilities = ["chown", "CAP_NET_RAW", "Kill"]
default_sysctls = ["net.ipv4.ping_group_range=0 1000", "kernel.shmmax=4096"]
default_ulimits = ["nofile=1024:2048", "nproc=-1"]
devices = ["/dev/fuse", "/dev/sdc:/dev/xvdc:rw", "/dev/null:rm"]
dns_options = ["ndots:2"]
dns_searches = ["example.com"]
dns_servers = ["1.1.1.1", "fd00::1"]
env = ["TERM=xterm", "FROM_HOST", "PROXY_*"]
env_host = true
host_containers_internal_ip = "192.168.1.5"
http_proxy = true
init = true
init_path = "/usr/libexec/podman/catatonit"
ipcns = "private"
log_driver = "json-file"
log_size_max = 8192
log_tag = "{{.Name}}"
netns = "slirp4netns:allow_host_loopback=true"
no_hosts = true
pidns = "host"
pids_limit = 0
read_only = true
seccomp_profile = "/etc/containers/seccomp.json"
shm_size = "1.5g"
tz = "local"
umask = "0077"
userns = "keep-id:uid=1000"
userns_size = 1024
utsns = "host"
volumes = ["/srv:/srv:ro", "/cache"]

[engine]
cgroup_manager = "cgroupfs"
detach_keys = "ctrl-x"
env = ["http_proxy=http://proxy:3128"]
events_logfile_path = "/var/log/events.log"
events_logfile_max_size = "2m"
events_logger = "none"
helper_binaries_dir = ["/opt/podman/libexec"]
image_volume_mode = "tmpfs"
infra_image = "k8s.gcr.io/pause:3.5"
network_cmd_options = ["mtu=1500"]
network_cmd_path = "/usr/local/bin/slirp4netns"
pod_exit_policy = "stop"
pull_policy = "IfNotPresent"
runtime = "crun"
service_timeout = 0
stop_timeout = 42
volume_path = "/srv/volumes"

[network]
default_network = "mynet"
default_rootless_network_cmd = "slirp4netns"
default_subnet = "10.99.0.0/16"
default_subnet_pools = [{base = "10.100.0.0/16", size = 26}]
dns_bind_port = 5353
pasta_options = ["--mtu", "1500"]

[secrets]
driver = "pass"
[secrets.opts]
root = "/srv/secrets"
"#,
    );
    let c = &s.containers;
    assert_eq!(
        c.annotations,
        [
            ("run.oci.keep_original_groups".into(), "1".into()),
            ("flag".into(), String::new())
        ]
    );
    assert_eq!(c.base_hosts_file, BaseHostsFile::Image);
    assert_eq!(c.cgroupns, NamespaceMode::Host);
    assert_eq!(c.cgroups, CgroupsMode::NoConmon);
    assert_eq!(
        c.default_capabilities,
        [Capability::Chown, Capability::NetRaw, Capability::Kill]
    );
    assert_eq!(
        c.default_sysctls[0],
        ("net.ipv4.ping_group_range".into(), "0 1000".into())
    );
    assert_eq!(c.default_ulimits[0].spec, "nofile=1024:2048");
    assert_eq!(c.default_ulimits[0].limit.typ(), PosixRlimitType::RlimitNofile);
    assert_eq!(
        (c.default_ulimits[0].limit.soft(), c.default_ulimits[0].limit.hard()),
        (1024, 2048)
    );
    assert_eq!(c.default_ulimits[1].limit.hard(), libc::RLIM_INFINITY);
    let devices: Vec<_> = c
        .devices
        .iter()
        .map(|d| {
            (
                d.host.to_str().unwrap(),
                d.container.to_str().unwrap(),
                d.permissions.as_str(),
            )
        })
        .collect();
    assert_eq!(
        devices,
        [
            ("/dev/fuse", "/dev/fuse", "rwm"),
            ("/dev/sdc", "/dev/xvdc", "rw"),
            ("/dev/null", "/dev/null", "rm")
        ]
    );
    assert_eq!(c.dns_servers, ["1.1.1.1", "fd00::1"]);
    assert_eq!(c.env, ["TERM=xterm", "FROM_HOST", "PROXY_*"]);
    assert!(c.env_host && c.http_proxy && c.init && c.no_hosts && c.read_only);
    assert_eq!(c.host_containers_internal_ip.as_deref(), Some("192.168.1.5"));
    assert_eq!(c.init_path.as_deref(), Some(Path::new("/usr/libexec/podman/catatonit")));
    assert_eq!(c.ipcns, IpcMode::Private);
    assert_eq!(c.log_driver, LogDriver::K8sFile);
    assert_eq!(c.log_size_max, Some(8192));
    assert_eq!(c.log_tag.as_deref(), Some("{{.Name}}"));
    assert_eq!(c.netns, "slirp4netns:allow_host_loopback=true");
    assert_eq!(c.pidns, NamespaceMode::Host);
    assert_eq!(c.pids_limit, None);
    assert_eq!(
        c.seccomp_profile.as_deref(),
        Some(Path::new("/etc/containers/seccomp.json"))
    );
    assert_eq!(c.shm_size, 3 << 29);
    assert_eq!(c.tz.as_deref(), Some("local"));
    assert_eq!(c.umask, Some(0o077));
    assert_eq!(c.userns, "keep-id:uid=1000");
    assert_eq!(c.userns_size, 1024);
    assert_eq!(c.utsns, NamespaceMode::Host);
    assert_eq!(c.volumes, ["/srv:/srv:ro", "/cache"]);
    let e = &s.engine;
    assert_eq!(e.cgroup_manager, Some(CgroupManager::Cgroupfs));
    assert_eq!(s.cgroup_manager(), CgroupManager::Cgroupfs);
    assert_eq!(e.detach_keys, "ctrl-x");
    assert_eq!(e.env, [("http_proxy".into(), "http://proxy:3128".into())]);
    assert_eq!(e.events_logfile_path.as_deref(), Some(Path::new("/var/log/events.log")));
    assert_eq!(e.events_logfile_max_size, Some(2_000_000));
    assert_eq!(e.events_logger, EventsLogger::None);
    assert_eq!(e.helper_binaries_dir, [PathBuf::from("/opt/podman/libexec")]);
    assert_eq!(e.image_volume_mode, ImageVolumeMode::Tmpfs);
    assert_eq!(e.infra_image.as_deref(), Some("k8s.gcr.io/pause:3.5"));
    assert_eq!(e.network_cmd_options, ["mtu=1500"]);
    assert_eq!(
        e.network_cmd_path.as_deref(),
        Some(Path::new("/usr/local/bin/slirp4netns"))
    );
    assert_eq!(e.pod_exit_policy, PodExitPolicy::Stop);
    assert_eq!(e.pull_policy, "missing");
    assert_eq!(e.runtime.as_deref(), Some("crun"));
    assert_eq!((e.service_timeout, e.stop_timeout), (0, 42));
    assert_eq!(e.volume_path.as_deref(), Some(Path::new("/srv/volumes")));
    let n = &s.network;
    assert_eq!(n.default_network, "mynet");
    assert_eq!(n.default_rootless_network_cmd, Some(RootlessNetworkCmd::Slirp4netns));
    assert_eq!(n.default_subnet.to_string(), "10.99.0.0/16");
    assert_eq!(n.default_subnet_pools.len(), 1);
    assert_eq!(
        (
            n.default_subnet_pools[0].base.to_string(),
            n.default_subnet_pools[0].size
        ),
        ("10.100.0.0/16".into(), 26)
    );
    assert_eq!(n.dns_bind_port, 5353);
    assert_eq!(n.pasta_options, ["--mtu", "1500"]);
    assert_eq!(s.secrets.driver, SecretsDriver::Pass);
    assert_eq!(s.secrets.opts["root"], "/srv/secrets");
    assert!(s.unknown_keys().is_empty(), "{:?}", s.unknown_keys());
    assert_eq!(s.files(), [PathBuf::from(FILE)]);
}

#[test]
fn accepts_keys_without_effect_and_checks_their_types() {
    // What a Podman 4.3 installation's files may hold.
    let s = parse_ok(
        r#"
[containers]
apparmor_profile = "container-default"
keyring = true
label = false
prepare_volume_on_create = false
[engine]
active_service = "prod"
cgroup_check = false
conmon_env_vars = ["PATH=/usr/bin"]
conmon_path = ["/usr/libexec/podman/conmon"]
hooks_dir = ["/usr/share/containers/oci/hooks.d"]
image_default_transport = "docker://"
lock_type = "shm"
namespace = ""
num_locks = 2048
remote = false
runtime_supports_json = ["crun", "runc"]
[engine.runtimes]
runc = ["/usr/bin/runc"]
crun = ["/usr/bin/crun"]
[engine.volume_plugins]
testvol = "/run/docker/plugins/testvol.sock"
[engine.service_destinations.prod]
uri = "ssh://core@example.com/run/podman/podman.sock"
identity = "/home/me/.ssh/id"
is_machine = false
[network]
network_backend = "netavark"
cni_plugin_dirs = ["/usr/lib/cni"]
[machine]
cpus = 2
memory = 4096
image = "testing"
volumes = ["$HOME:$HOME"]
[configmaps]
driver = "file"
[configmaps.opts]
x = "y"
"#,
    );
    assert!(s.unknown_keys().is_empty(), "{:?}", s.unknown_keys());
    assert_eq!(s.origin("engine.num_locks").unwrap().line, 16);
    for (text, key) in [
        ("[engine]\nnum_locks = \"many\"", "engine.num_locks"),
        ("[engine]\nnum_locks = -1", "engine.num_locks"),
        ("[engine]\nconmon_path = \"/usr/bin/conmon\"", "engine.conmon_path"),
        ("[engine.runtimes]\nrunc = \"/usr/bin/runc\"", "engine.runtimes.runc"),
        (
            "[engine.service_destinations.x]\nuri = 5",
            "engine.service_destinations.x.uri",
        ),
        ("[containers]\nlabel = \"yes\"", "containers.label"),
        ("[machine]\ncpus = 1.5", "machine.cpus"),
    ] {
        let e = error(text);
        assert!(e.contains(&format!(": {key}: ")), "{text:?}: {e}");
        assert!(e.contains("expected"), "{text:?}: {e}");
    }
}

#[test]
fn vendor_file_as_debian_ships_it() {
    // The uncommented part of Debian 12's /usr/share/containers/containers.conf, and the empty
    // tables it declares.
    let s = parse_ok(
        r#"
[containers]
default_capabilities = [
  "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "NET_BIND_SERVICE",
  "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"
]
default_sysctls = [
  "net.ipv4.ping_group_range=0 0",
]
[secrets]
[secrets.opts]
[network]
[engine]
[engine.runtimes]
[engine.volume_plugins]
[machine]
"#,
    );
    let mut caps = s.containers.default_capabilities.clone();
    let mut ferry = crate::runtime::spec::DEFAULT_CAPS.to_vec();
    caps.sort_by_key(|c| c.to_string());
    ferry.sort_by_key(|c| c.to_string());
    assert_eq!(caps, ferry);
    assert!(s.unknown_keys().is_empty());
}

#[test]
fn errors_name_the_file_line_column_and_key() {
    let cases = [
        (
            "[containers]\npids_limit = \"2048\"\n",
            "/test/containers.conf:2:14: containers.pids_limit: expected an integer, found a string",
        ),
        (
            "[containers]\n\ninit = 1",
            "/test/containers.conf:3:8: containers.init: expected true or false, found an integer",
        ),
        (
            "[containers]\ndns_servers = [\n  \"1.1.1.1\",\n  \"dns.example\",\n]",
            "/test/containers.conf:4:3: containers.dns_servers: invalid DNS server \"dns.example\": expected an IP address or none",
        ),
        (
            "[containers]\nenv = \"A=1\"",
            "/test/containers.conf:2:7: containers.env: expected an array, found a string",
        ),
        (
            "[containers]\nenv = [1]",
            "/test/containers.conf:2:8: containers.env: expected an array of strings, found an integer",
        ),
        (
            "containers = 1",
            "/test/containers.conf:1:14: containers: expected a table, found an integer",
        ),
        (
            "[engine]\nevents_logger = \"syslog\"",
            "engine.events_logger: unknown value \"syslog\": expected file, journald, none",
        ),
        (
            "[containers]\nlog_driver = \"fluentd\"",
            "containers.log_driver: unknown value \"fluentd\"",
        ),
        (
            "[containers]\nipcns = \"shared\"",
            "containers.ipcns: unknown value \"shared\": expected host, none, private, shareable",
        ),
        (
            "[containers]\ndefault_ulimits = [\"nofile=2048:1024\"]",
            "containers.default_ulimits: ulimit nofile=2048:1024: the soft limit is above the hard limit",
        ),
        ("[containers]\ndefault_ulimits = [\"files=1\"]", "unknown resource name"),
        (
            "[containers]\ndefault_capabilities = [\"CHOWN\", \"MAKE_COFFEE\"]",
            "/test/containers.conf:2:34: containers.default_capabilities: unknown capability \"MAKE_COFFEE\"",
        ),
        (
            "[containers]\numask = \"0088\"",
            "containers.umask: invalid umask \"0088\"",
        ),
        (
            "[containers]\numask = 0o022",
            "containers.umask: expected a string, found an integer",
        ),
        (
            "[containers]\nshm_size = \"64q\"",
            "containers.shm_size: invalid size \"64q\"",
        ),
        (
            "[containers]\nlog_size_max = 100",
            "containers.log_size_max: 100 is too small",
        ),
        (
            "[containers]\ndevices = [\"/etc/passwd\"]",
            "the host device must be under /dev",
        ),
        (
            "[containers]\ndevices = [\"/dev/sda:rwx\"]",
            "the path in the container must be absolute",
        ),
        (
            "[containers]\ndevices = [\"/dev/sda:/dev/b:x\"]",
            "the permissions must be some of r, w and m",
        ),
        (
            "[containers]\ndevices = [\"/dev/a:/b:r:w\"]",
            "expected HOST[:CONTAINER][:PERMISSIONS]",
        ),
        (
            "[containers]\ndefault_sysctls = [\"kernel.core_pattern=|/x\"]",
            "sysctl \"kernel.core_pattern\" is not allowed",
        ),
        (
            "[containers]\ndefault_sysctls = [\"net.ipv4.ip_forward = 1\"]",
            "without spaces",
        ),
        ("[containers]\ndefault_sysctls = [\"net.ipv4\"]", "expected NAME=VALUE"),
        (
            "[containers]\nvolumes = [\"/a:b\"]",
            "the destination must be an absolute path",
        ),
        (
            "[containers]\nnetns = \"macvlan\"",
            "containers.netns: unknown network mode \"macvlan\"",
        ),
        (
            "[containers]\nuserns = \"shared\"",
            "containers.userns: unknown user namespace mode \"shared\"",
        ),
        ("[containers]\nbase_hosts_file = \"hosts\"", "expected an absolute path"),
        ("[containers]\nuserns_size = 0", "expected a positive number of ids"),
        ("[containers]\nannotations = [\"=x\"]", "invalid annotation"),
        ("[containers]\nenv = [\"=x\"]", "invalid environment variable"),
        (
            "[engine]\nstop_timeout = -1",
            "engine.stop_timeout: -1 is out of range: expected 0 to 4294967295 seconds",
        ),
        ("[engine]\nstop_timeout = 99999999999999999999", "is out of range"),
        ("[engine]\npull_policy = \"sometimes\"", "unknown pull policy"),
        ("[engine]\ndetach_keys = \"ctrl-\"", "engine.detach_keys:"),
        ("[engine]\nremote = true", "engine.remote: ferry has no remote mode"),
        (
            "[engine]\nevents_logfile_max_size = -5",
            "events_logfile_max_size: -5 is out of range",
        ),
        (
            "[engine]\nevents_logfile_path = \"events.log\"",
            "expected an absolute path",
        ),
        (
            "[network]\ndefault_subnet = \"10.88.0.0\"",
            "network.default_subnet: invalid subnet",
        ),
        (
            "[network]\ndefault_subnet_pools = [{base = \"10.89.0.0/16\", size = 8}]",
            "size 8 must be between the base's prefix (16) and 32",
        ),
        (
            "[network]\ndefault_subnet_pools = [{base = \"10.89.0.0/16\"}]",
            "a pool needs a base and a size",
        ),
        (
            "[network]\ndefault_subnet_pools = [\"10.89.0.0/16\"]",
            "expected an array of tables",
        ),
        (
            "[network]\ndns_bind_port = 65536",
            "network.dns_bind_port: 65536 is out of range",
        ),
        (
            "[network]\ndefault_rootless_network_cmd = \"vpnkit\"",
            "unknown value \"vpnkit\": expected slirp4netns, pasta",
        ),
        (
            "[secrets]\ndriver = \"vault\"",
            "secrets.driver: unknown value \"vault\"",
        ),
        ("[secrets.opts]\nroot = 1", "secrets.opts.root: expected a string"),
    ];
    for (text, want) in cases {
        let got = error(text);
        assert!(got.contains(want), "{text:?}\n got: {got}\nwant: {want}");
        assert!(got.starts_with("/test/containers.conf:"), "{got}");
    }
}

#[test]
fn syntax_errors_name_the_place() {
    for (text, want) in [
        ("[containers\ninit = true", "/test/containers.conf:1:"),
        ("[containers]\ninit = true\ninit = false", "/test/containers.conf:3:"),
        ("[containers]\n[containers]", "/test/containers.conf:2:"),
        ("[engine]\nenv = [\"a\",", "/test/containers.conf:2:"),
        ("x = \"unterminated", "/test/containers.conf:1:"),
    ] {
        let got = error(text);
        assert!(got.starts_with(want) && got.contains("invalid TOML"), "{text:?}: {got}");
        assert!(!got.contains('\n'), "one line: {got:?}");
    }
}

#[test]
fn hostile_input_is_refused_without_panicking() {
    let deep = format!("x = {}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_tables = format!("[{}]", vec!["a"; 10_000].join("."));
    let long_key = format!("[containers]\n{} = 1", "k".repeat(1 << 20));
    let many = "[containers]\nvolumes = [".to_string() + &"\"/x\",".repeat(100_000) + "]";
    for text in [
        deep.as_str(),
        deep_tables.as_str(),
        long_key.as_str(),
        many.as_str(),
        "\u{feff}[containers]\ninit = true",
        "[containers]\ntz = \"../../../etc/passwd\"",
        "[containers]\ntz = \"/etc/passwd\"",
        "[containers]\nshm_size = \"99999999999999999999p\"",
        "[containers]\nshm_size = \"1e3\"",
        "[containers]\ndefault_sysctls = [\"net.//.kernel.core_pattern=x\"]",
        "[containers]\ndefault_sysctls = [\"net..x=1\"]",
        "[containers]\ndevices = [\"/dev/../etc/shadow\u{0}\"]",
        "[containers]\nvolumes = [\"/a:/b\u{0}\"]",
        "[containers]\ninit_path = \"\u{0}\"",
        "[containers]\ndns_searches = [\"a b\"]",
        "[containers]\ndns_options = [\"\"]",
        "[\"containers\"]\n\"pids_limit\" = 1e400",
        "[engine]\nenv = [\"\\u0000=1\"]",
        "\0",
    ] {
        let r = parse(text);
        let brief: String = text.chars().take(60).collect();
        match r {
            Ok(s) => assert!(
                // Accepted only when harmless.
                text.starts_with('\u{feff}') && s.containers.init
                    || text.contains("[a.a") && s.unknown_keys().len() == 1
                    || text.contains("kkkk") && s.unknown_keys().len() == 1
                    || text.contains("\"/x\"") && s.containers.volumes.len() == 100_000
                    || text.starts_with("[engine]")
                        && s.engine.env.is_empty()
                        && s.warnings_for(|| false, || false).len() == 1,
                "{brief:?} accepted: {s:?}"
            ),
            Err(e) => assert!(e.to_string().starts_with("/test/containers.conf"), "{brief:?}: {e}"),
        }
    }
}

#[test]
fn unknown_keys_are_ignored_and_recorded() {
    let s = parse_ok(
        "[containers]\ninit = true\nbogus = 1\n\"pids_limit.x\" = \"not a number\"\n[engine.bogus]\nx = 1\n[podmansh]\nshell = \"/bin/sh\"\n[network]\ndefault_subnet_pools = [{base = \"10.1.0.0/16\", size = 24, gateway = \"x\"}]\n",
    );
    assert!(s.containers.init);
    assert_eq!(s.containers.pids_limit, Some(2048));
    let unknown: Vec<(String, usize)> = s
        .unknown_keys()
        .iter()
        .map(|u| (u.key.clone(), u.origin.line))
        .collect();
    assert_eq!(
        unknown,
        [
            ("containers.bogus".to_string(), 3),
            ("containers.pids_limit.x".to_string(), 4),
            ("engine.bogus".to_string(), 5),
            ("network.default_subnet_pools.gateway".to_string(), 10),
            ("podmansh".to_string(), 7),
        ]
    );
    assert_eq!(s.unknown_keys()[0].origin.path, Path::new(FILE));
    assert!(s.origin("containers.init").is_some() && s.origin("containers.bogus").is_none());
}

#[test]
fn empty_names_are_unknown_keys() {
    // From the containers_conf fuzz target: TOML allows empty quoted names; they are unknown
    // keys like any other, recorded as named, with their line.
    let s = parse_ok(
        "['']
[containers]
'' = 1
",
    );
    let unknown: Vec<(String, usize)> = s
        .unknown_keys()
        .iter()
        .map(|u| (u.key.clone(), u.origin.line))
        .collect();
    assert_eq!(unknown, [(String::new(), 1), ("containers.".to_string(), 3)]);
}

#[test]
fn warnings_for_what_ferry_cannot_honour() {
    let s = parse_ok(
        "[containers]\nlabel = true\napparmor_profile = \"mine\"\n[engine]\nenv = [\"NOEQUALS\", \"A=1\"]\nnamespace = \"ns1\"\n",
    );
    assert_eq!(s.engine.env, [("A".into(), "1".into())]);
    let off = s.warnings_for(|| false, || false);
    assert_eq!(off.len(), 2, "{off:?}");
    assert!(off[0].contains("/test/containers.conf:5: engine.env entry \"NOEQUALS\" is not KEY=VALUE"));
    assert!(off[1].contains("engine.namespace = \"ns1\""));
    let on = s.warnings_for(|| true, || true);
    assert_eq!(on.len(), 4, "{on:?}");
    assert!(on[2].contains("containers.label = true (/test/containers.conf:2)"));
    assert!(on[3].contains("containers.apparmor_profile (/test/containers.conf:3)"));
    let unset = parse_ok("[containers]\nlabel = false\n");
    assert!(unset.warnings_for(|| true, || true).is_empty());
}

#[test]
fn sizes_follow_go_units() {
    let kib = |s| values::size(s, 1024);
    let kb = |s| values::size(s, 1000);
    assert_eq!(kib("65536k"), Ok(64 << 20));
    assert_eq!(kib("64m"), Ok(64 << 20));
    assert_eq!(kib("64 MiB"), Ok(64 << 20));
    assert_eq!(kib("1.5g"), Ok(3 << 29));
    assert_eq!(kib("1T"), Ok(1 << 40));
    assert_eq!(kib("1p"), Ok(1 << 50));
    assert_eq!(kib("4096"), Ok(4096));
    assert_eq!(kib("10b"), Ok(10));
    assert_eq!(kib("0"), Ok(0));
    assert_eq!(kb("1m"), Ok(1_000_000));
    assert_eq!(kb("1Mi"), Ok(1_000_000));
    assert_eq!(kb("3g"), Ok(3_000_000_000));
    for bad in [
        "",
        "k",
        "m1",
        "1.",
        ".5",
        "1.2.3",
        "-1",
        "+1",
        "1x",
        "1 k b",
        "1  k",
        "1kk",
        "1e3",
        "8192p",
        "99999999999999999999",
        "1bi",
        " 1",
    ] {
        assert!(kib(bad).is_err(), "{bad:?} accepted: {:?}", kib(bad));
    }
}

#[test]
fn other_value_formats() {
    assert_eq!(values::umask("22"), Ok(0o22));
    assert_eq!(values::umask("7777"), Ok(0o7777));
    for bad in ["", "8", "00000", "0x12", "-1", "07 "] {
        assert!(values::umask(bad).is_err(), "{bad:?}");
    }
    let zones = TempDir::new("zones");
    zones.write("zoneinfo/Europe/Berlin", "TZif");
    let dirs = [zones.path("zoneinfo")];
    let dirs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
    assert_eq!(values::timezone_in("Europe/Berlin", &dirs), Ok("Europe/Berlin".into()));
    assert_eq!(values::timezone_in("local", &dirs), Ok("local".into()));
    for bad in [
        "Mars/Olympus",
        "Europe",
        "../zoneinfo/Europe/Berlin",
        "/Europe/Berlin",
        "Europe/../Europe/Berlin",
        "",
    ] {
        assert!(values::timezone_in(bad, &dirs).is_err(), "{bad:?}");
    }
    assert_eq!(values::userns_mode(""), Ok("host".into()));
    assert_eq!(values::network_mode(""), Ok("private".into()));
    assert_eq!(values::pull_policy("Never"), Ok("never".into()));
    assert_eq!(values::pull_policy(""), Ok("missing".into()));
    assert_eq!(values::pull_policy("IfNewer"), Ok("newer".into()));
    assert_eq!(
        values::sysctl("fs.mqueue.msg_max=20"),
        Ok(("fs.mqueue.msg_max".into(), "20".into()))
    );
    for bad in [
        "net.a/../b=1",
        "net.//.kernel.x=1",
        "net.=1",
        ".net.x=1",
        "net.x=1=2",
        "kernel.msgmax2=1",
    ] {
        assert!(values::sysctl(bad).is_err(), "{bad:?}");
    }
    assert_eq!("".parse::<BaseHostsFile>(), Ok(BaseHostsFile::Host));
    assert_eq!("none".parse::<BaseHostsFile>(), Ok(BaseHostsFile::None));
    assert_eq!(
        "/etc/hosts.base".parse::<BaseHostsFile>(),
        Ok(BaseHostsFile::Path("/etc/hosts.base".into()))
    );
    assert_eq!(LogDriver::K8sFile.as_str(), "k8s-file");
    assert_eq!(values::engine_env("A=b=c"), Some(("A".into(), "b=c".into())));
    assert_eq!(values::engine_env("=b"), None);
}

#[test]
fn empty_strings_mean_unset_as_in_podman() {
    let s = parse_ok(
        "[containers]\ntz = \"\"\ninit_path = \"\"\nlog_tag = \"\"\nhost_containers_internal_ip = \"\"\nseccomp_profile = \"/usr/share/containers/seccomp.json\"\n[engine]\nruntime = \"\"\nevents_logfile_max_size = \"\"\n",
    );
    assert_eq!(s.containers.tz, None);
    assert_eq!(s.containers.init_path, None);
    assert_eq!(s.containers.seccomp_profile, None);
    assert_eq!(s.engine.runtime, None);
    assert_eq!(s.engine.events_logfile_max_size, Some(1_000_000));
    let s = parse_ok("[engine]\nevents_logfile_max_size = 0\n[containers]\nlog_size_max = -1\npids_limit = -1\n");
    assert_eq!(s.engine.events_logfile_max_size, None);
    assert_eq!(s.containers.log_size_max, None);
    assert_eq!(s.containers.pids_limit, None);
    let s = parse_ok("[engine]\nevents_logfile_max_size = 123456\n");
    assert_eq!(s.engine.events_logfile_max_size, Some(123456));
}

#[test]
fn files_in_order_later_keys_override_earlier_ones() {
    let dir = TempDir::new("order");
    dir.write("usr/share/containers/containers.conf", "[containers]\npids_limit = 1\nshm_size = \"1m\"\ndns_servers = [\"1.1.1.1\", \"8.8.8.8\"]\n[secrets.opts]\na = \"vendor\"\nb = \"vendor\"\n");
    dir.write(
        "etc/containers/containers.conf",
        "[containers]\npids_limit = 2\n[secrets.opts]\nb = \"etc\"\n",
    );
    // Lexical order: "10-…" before "9-…".
    dir.write(
        "etc/containers/containers.conf.d/9-late.conf",
        "[containers]\nshm_size = \"9m\"\n",
    );
    dir.write(
        "etc/containers/containers.conf.d/10-early.conf",
        "[containers]\nshm_size = \"10m\"\ndns_servers = [\"9.9.9.9\"]\n",
    );
    dir.write("etc/containers/containers.conf.d/README", "not toml");
    dir.write("etc/containers/containers.conf.d/old.conf.bak", "not toml");
    std::fs::create_dir_all(dir.path("etc/containers/containers.conf.d/dir.conf")).unwrap();
    dir.write(
        "home/.config/containers/containers.conf",
        "[containers]\npids_limit = 3\n",
    );
    dir.write(
        "home/.config/containers/containers.conf.d/a.conf",
        "[engine]\nstop_timeout = 7\n",
    );

    let root = load(&dir.locations(false)).unwrap();
    assert_eq!(
        relative_files(&dir, &root),
        [
            "usr/share/containers/containers.conf",
            "etc/containers/containers.conf",
            "etc/containers/containers.conf.d/10-early.conf",
            "etc/containers/containers.conf.d/9-late.conf",
        ]
    );
    assert_eq!(root.containers.pids_limit, Some(2));
    assert_eq!(root.containers.shm_size, 9 << 20);
    // Arrays replace: nothing of the vendor's list is left.
    assert_eq!(root.containers.dns_servers, ["9.9.9.9"]);
    // Named tables merge name by name.
    assert_eq!(root.secrets.opts["a"], "vendor");
    assert_eq!(root.secrets.opts["b"], "etc");
    assert_eq!(root.engine.stop_timeout, 10);
    let origin = root.origin("containers.shm_size").unwrap();
    assert_eq!((origin.path.ends_with("9-late.conf"), origin.line), (true, 2));

    let rootless = load(&dir.locations(true)).unwrap();
    assert_eq!(
        relative_files(&dir, &rootless)[4..],
        [
            "home/.config/containers/containers.conf",
            "home/.config/containers/containers.conf.d/a.conf",
        ]
    );
    assert_eq!(rootless.containers.pids_limit, Some(3));
    assert_eq!(rootless.containers.shm_size, 9 << 20);
    assert_eq!(rootless.engine.stop_timeout, 7);
}

#[test]
fn missing_files_are_skipped_and_nothing_gives_the_defaults() {
    let dir = TempDir::new("none");
    let s = load(&dir.locations(true)).unwrap();
    assert!(s.files().is_empty());
    assert_eq!(s, Settings::defaults(true));
    // Drop-ins apply even without the main file; a file where the directory would be is
    // nothing to read, as in Podman.
    dir.write(
        "home/.config/containers/containers.conf.d/x.conf",
        "[engine]\nstop_timeout = 3\n",
    );
    dir.write("etc/containers/containers.conf.d", "a file");
    let s = load(&dir.locations(true)).unwrap();
    assert_eq!(
        relative_files(&dir, &s),
        ["home/.config/containers/containers.conf.d/x.conf"]
    );
    assert_eq!(s.engine.stop_timeout, 3);
    let no_home = Locations {
        user_dir: None,
        ..dir.locations(true)
    };
    assert!(load(&no_home).unwrap().files().is_empty());
}

#[test]
fn containers_conf_replaces_the_list_and_override_comes_last() {
    let dir = TempDir::new("env");
    dir.write("etc/containers/containers.conf", "[engine]\nstop_timeout = 1\n");
    dir.write(
        "home/.config/containers/containers.conf",
        "[engine]\nstop_timeout = 2\n",
    );
    let mine = dir.write(
        "test/mine.conf",
        "[engine]\nstop_timeout = 3\nevents_logger = \"none\"\n",
    );
    // Drop-ins next to $CONTAINERS_CONF are not read.
    dir.write("test/containers.conf.d/x.conf", "[engine]\nstop_timeout = 4\n");
    let last = dir.write("test/last.conf", "[engine]\nstop_timeout = 5\n");

    let only = Locations {
        containers_conf: Some(mine.clone()),
        ..dir.locations(true)
    };
    let s = load(&only).unwrap();
    assert_eq!(s.files(), std::slice::from_ref(&mine));
    assert_eq!(s.engine.stop_timeout, 3);

    let both = Locations {
        override_conf: Some(last.clone()),
        ..only.clone()
    };
    let s = load(&both).unwrap();
    assert_eq!(s.files(), [mine.clone(), last.clone()]);
    assert_eq!((s.engine.stop_timeout, s.engine.events_logger), (5, EventsLogger::None));

    let override_only = Locations {
        override_conf: Some(last.clone()),
        ..dir.locations(true)
    };
    let s = load(&override_only).unwrap();
    assert_eq!(
        relative_files(&dir, &s),
        [
            "etc/containers/containers.conf",
            "home/.config/containers/containers.conf",
            "test/last.conf"
        ]
    );
    assert_eq!(s.engine.stop_timeout, 5);

    for (locations, var) in [
        (
            Locations {
                containers_conf: Some(dir.path("test/missing.conf")),
                ..dir.locations(false)
            },
            "CONTAINERS_CONF",
        ),
        (
            Locations {
                override_conf: Some(dir.path("test/missing.conf")),
                ..dir.locations(false)
            },
            "CONTAINERS_CONF_OVERRIDE",
        ),
    ] {
        let e = load(&locations).unwrap_err().to_string();
        assert!(
            e.starts_with(&format!("{var}: ")) && e.contains("missing.conf") && e.contains("No such file"),
            "{e}"
        );
    }
}

#[test]
fn a_bad_file_stops_the_load_and_is_named() {
    let dir = TempDir::new("bad");
    dir.write("etc/containers/containers.conf", "[containers]\ninit = true\n");
    dir.write(
        "etc/containers/containers.conf.d/50-bad.conf",
        "[containers]\n\npids_limit = \"lots\"\n",
    );
    let e = load(&dir.locations(false)).unwrap_err().to_string();
    assert!(
        e.ends_with("etc/containers/containers.conf.d/50-bad.conf:3:14: containers.pids_limit: expected an integer, found a string"),
        "{e}"
    );
    std::fs::write(
        dir.path("etc/containers/containers.conf.d/50-bad.conf"),
        b"[containers]\ntz = \"\xff\"\n",
    )
    .unwrap();
    let e = load(&dir.locations(false)).unwrap_err().to_string();
    assert!(e.contains("50-bad.conf: stream did not contain valid UTF-8"), "{e}");
    // A directory where a drop-in would be read, through a symlink, is an error as in Podman.
    std::fs::remove_file(dir.path("etc/containers/containers.conf.d/50-bad.conf")).unwrap();
    std::os::unix::fs::symlink("/", dir.path("etc/containers/containers.conf.d/root.conf")).unwrap();
    let e = load(&dir.locations(false)).unwrap_err().to_string();
    assert!(e.contains("root.conf: Is a directory"), "{e}");
}

#[test]
fn cgroup_manager_default_follows_the_host() {
    let s = Settings::defaults(true);
    assert_eq!(s.cgroup_manager(), values::default_cgroup_manager(true));
    let systemd = std::fs::read_to_string("/proc/1/comm").is_ok_and(|c| c.trim_end() == "systemd");
    if !systemd {
        assert_eq!(s.cgroup_manager(), CgroupManager::Cgroupfs);
    }
}
