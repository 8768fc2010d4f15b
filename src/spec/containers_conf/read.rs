//! Applies one containers.conf file over the settings read so far: a walk over its TOML tables
//! that types every known key, keeps where each was set and notes the keys Podman 4.3 would not
//! know.
//!
//! Keys ferry accepts, checks for their type, and then has no use for, because ferry does not
//! have the part of Podman they configure:
//! - `[containers]`: `apparmor_profile` and `label` (no AppArmor or SELinux support: ignored
//!   where the host has them disabled, as Podman ignores them there, with a warning where it has
//!   them enabled), `keyring`, `prepare_volume_on_create`;
//! - `[engine]`: `active_service`, `service_destinations`, `remote_uri`, `remote_identity`,
//!   `ssh_config` (connections to a remote Podman service, which ferry never makes; `remote =
//!   true` is refused), `cgroup_check`, `conmon_env_vars`, `conmon_path`, `conmonrs_path` (ferry
//!   supervises containers itself), `compat_api_enforce_docker_hub`, `compression_format`,
//!   `chown_copied_files`, `enable_port_reservation`, `exit_command_delay`, `hooks_dir` (ferry runs
//!   no OCI hooks), `image_build_format`, `image_default_format`, `image_default_transport` (Podman
//!   4.3 does not use it either), `image_copy_tmp_dir`, `image_parallel_copies`, `init_path`,
//!   `lock_type`, `machine_enabled`, `multi_image_archive`, `namespace` (a warning when set),
//!   `no_pivot_root`, `num_locks` (ferry's locks are files, as many as needed), `runtime_path`,
//!   `runtime_supports_json`, `runtime_supports_kvm`, `runtime_supports_nocgroup`,
//!   `[engine.runtimes]`, `static_dir`, `tmp_dir`, `volume_plugin_timeout`,
//!   `[engine.volume_plugins]`;
//! - `[network]`: `cni_plugin_dirs`, `network_backend`, `network_config_dir`;
//! - `[machine]` and `[configmaps]` (no `machine` or `configmap` commands).

use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Error, Origin, Result, Settings, UnknownKey, values};

/// The file being read, for turning byte offsets into lines and columns.
struct File<'a> {
    path: &'a Path,
    text: &'a str,
}

impl File<'_> {
    /// 1-based line and column (in characters) of a byte offset.
    fn position(&self, offset: usize) -> (usize, usize) {
        let before = &self.text.as_bytes()[..offset.min(self.text.len())];
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
        (line, column)
    }

    fn origin(&self, span: &Range<usize>) -> Origin {
        Origin {
            path: self.path.to_path_buf(),
            line: self.position(span.start).0,
        }
    }
}

/// One key and its value, with what is needed to report a bad value.
struct Field<'a, 'i> {
    file: &'a File<'a>,
    /// `table.key`.
    key: String,
    /// `key` alone (which may contain dots when quoted).
    name: String,
    key_span: Range<usize>,
    value: &'a Spanned<DeValue<'i>>,
}

fn kind(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl<'a, 'i> Field<'a, 'i> {
    fn new(
        file: &'a File<'a>,
        table: &str,
        key: &'a Spanned<std::borrow::Cow<'i, str>>,
        value: &'a Spanned<DeValue<'i>>,
    ) -> Self {
        let name = key.get_ref().as_ref();
        Field {
            file,
            key: if table.is_empty() {
                name.to_string()
            } else {
                format!("{table}.{name}")
            },
            name: name.to_string(),
            key_span: key.span(),
            value,
        }
    }

    /// The key's own name, without its table.
    fn name(&self) -> &str {
        &self.name
    }

    fn fail_at<T>(&self, span: Range<usize>, message: impl Into<String>) -> Result<T> {
        let (line, column) = self.file.position(span.start);
        Err(Error::Invalid {
            path: self.file.path.to_path_buf(),
            line,
            column,
            key: self.key.clone(),
            message: message.into(),
        })
    }

    fn fail<T>(&self, message: impl Into<String>) -> Result<T> {
        self.fail_at(self.value.span(), message)
    }

    fn expected<T>(&self, what: &str, v: &Spanned<DeValue<'_>>) -> Result<T> {
        self.fail_at(v.span(), format!("expected {what}, found {}", kind(v.get_ref())))
    }

    fn string(&self) -> Result<&'a str> {
        match self.value.get_ref() {
            DeValue::String(s) => Ok(s.as_ref()),
            _ => self.expected("a string", self.value),
        }
    }

    /// A string read by `parse`.
    fn parse<T>(&self, parse: impl Fn(&str) -> Result<T, String>) -> Result<T> {
        let s = self.string()?;
        parse(s).or_else(|m| self.fail(m))
    }

    /// A string, None when empty (Podman's "unset").
    fn optional<T>(&self, parse: impl Fn(&str) -> Result<T, String>) -> Result<Option<T>> {
        match self.string()? {
            "" => Ok(None),
            _ => self.parse(parse).map(Some),
        }
    }

    fn bool(&self) -> Result<bool> {
        match self.value.get_ref() {
            DeValue::Boolean(b) => Ok(*b),
            _ => self.expected("true or false", self.value),
        }
    }

    fn integer(&self) -> Result<i64> {
        match self.value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .or_else(|_| self.fail(format!("{} is out of range", i.as_str()))),
            _ => self.expected("an integer", self.value),
        }
    }

    /// An integer that fits `T` (which says the range in the message).
    fn int_in<T: TryFrom<i64>>(&self, range: &str) -> Result<T> {
        let n = self.integer()?;
        T::try_from(n).or_else(|_| self.fail(format!("{n} is out of range: expected {range}")))
    }

    fn array(&self) -> Result<&'a [Spanned<DeValue<'i>>]> {
        match self.value.get_ref() {
            DeValue::Array(a) => Ok(a),
            _ => self.expected("an array", self.value),
        }
    }

    /// An array of strings, each read by `parse`; an error points at the element.
    fn list<T>(&self, parse: impl Fn(&str) -> Result<T, String>) -> Result<Vec<T>> {
        self.array()?
            .iter()
            .map(|item| match item.get_ref() {
                DeValue::String(s) => parse(s).or_else(|m| self.fail_at(item.span(), m)),
                _ => self.expected("an array of strings", item),
            })
            .collect()
    }

    fn strings(&self) -> Result<Vec<String>> {
        self.list(|s| Ok(s.to_string()))
    }

    fn table(&self) -> Result<&'a DeTable<'i>> {
        match self.value.get_ref() {
            DeValue::Table(t) => Ok(t),
            _ => self.expected("a table", self.value),
        }
    }

    /// The entries of a table value, as fields named `table.key.entry`.
    fn entries(&self) -> Result<Vec<Field<'a, 'i>>> {
        Ok(self
            .table()?
            .iter()
            .map(|(k, v)| Field::new(self.file, &self.key, k, v))
            .collect())
    }
}

/// Reads `text` (the file `path`) over `settings`.
pub(super) fn apply(settings: &mut Settings, path: &Path, text: &str) -> Result<()> {
    let file = File { path, text };
    let doc = DeTable::parse(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| file.position(s.start));
        Error::Syntax {
            path: path.to_path_buf(),
            line,
            column,
            message: e.message().trim_end().replace('\n', "; "),
        }
    })?;
    for (name, value) in doc.get_ref().iter() {
        let table = Field::new(&file, "", name, value);
        let apply_key: fn(&mut Settings, &Field<'_, '_>) -> Result<bool> = match table.name() {
            "containers" => containers,
            "engine" => engine,
            "network" => network,
            "secrets" => secrets,
            "machine" => machine,
            "configmaps" => configmaps,
            _ => {
                unknown(settings, &table);
                continue;
            }
        };
        for field in table.entries()? {
            if apply_key(settings, &field)? {
                settings.origins.insert(field.key.clone(), file.origin(&field.key_span));
            } else {
                unknown(settings, &field);
            }
        }
    }
    settings.files.push(path.to_path_buf());
    Ok(())
}

fn unknown(settings: &mut Settings, f: &Field<'_, '_>) {
    settings.unknown.push(UnknownKey {
        key: f.key.clone(),
        origin: f.file.origin(&f.key_span),
    });
}

/// Type-checks the entries of a table whose values are all of one kind, for keys without effect.
fn check_entries(f: &Field<'_, '_>, check: impl Fn(&Field<'_, '_>) -> Result<()>) -> Result<()> {
    f.entries()?.iter().try_for_each(check)
}

/// `[containers]`; false for an unknown key.
fn containers(s: &mut Settings, f: &Field<'_, '_>) -> Result<bool> {
    let c = &mut s.containers;
    match f.name() {
        "annotations" => c.annotations = f.list(values::annotation)?,
        "apparmor_profile" => c.apparmor_profile = Some(f.string()?.to_string()),
        "base_hosts_file" => c.base_hosts_file = f.parse(str::parse)?,
        "cgroupns" => c.cgroupns = f.parse(str::parse)?,
        "cgroups" => c.cgroups = f.parse(str::parse)?,
        "default_capabilities" => c.default_capabilities = f.list(values::capability)?,
        "default_sysctls" => c.default_sysctls = f.list(values::sysctl)?,
        "default_ulimits" => c.default_ulimits = f.list(str::parse)?,
        "devices" => c.devices = f.list(str::parse)?,
        "dns_options" => c.dns_options = f.list(values::resolv_word)?,
        "dns_searches" => c.dns_searches = f.list(values::resolv_word)?,
        "dns_servers" => c.dns_servers = f.list(values::dns_server)?,
        "env" => c.env = f.list(values::container_env)?,
        "env_host" => c.env_host = f.bool()?,
        "host_containers_internal_ip" => c.host_containers_internal_ip = f.optional(values::host_ip)?,
        "http_proxy" => c.http_proxy = f.bool()?,
        "init" => c.init = f.bool()?,
        "init_path" => c.init_path = f.optional(values::absolute_path)?,
        "ipcns" => c.ipcns = f.parse(str::parse)?,
        "keyring" | "prepare_volume_on_create" => {
            f.bool()?;
        }
        "label" => c.label = Some(f.bool()?),
        "log_driver" => c.log_driver = f.parse(str::parse)?,
        "log_size_max" => {
            let n = f.integer()?;
            if (0..8192).contains(&n) {
                return f.fail(format!(
                    "{n} is too small: expected a negative number (no limit) or at least 8192"
                ));
            }
            c.log_size_max = u64::try_from(n).ok();
        }
        "log_tag" => c.log_tag = f.optional(|s| Ok(s.to_string()))?,
        "netns" => c.netns = f.parse(values::network_mode)?,
        "no_hosts" => c.no_hosts = f.bool()?,
        "pidns" => c.pidns = f.parse(str::parse)?,
        "pids_limit" => c.pids_limit = u64::try_from(f.integer()?).ok().filter(|&n| n > 0),
        "read_only" => c.read_only = f.bool()?,
        "seccomp_profile" => {
            c.seccomp_profile = f
                .optional(values::absolute_path)?
                .filter(|p| p != Path::new("/usr/share/containers/seccomp.json"));
        }
        "shm_size" => c.shm_size = f.parse(|v| values::size(v, 1024))?,
        "tz" => c.tz = f.optional(values::timezone)?,
        "umask" => c.umask = Some(f.parse(values::umask)?),
        "userns" => c.userns = f.parse(values::userns_mode)?,
        "userns_size" => {
            c.userns_size = match f.int_in::<u32>("1 to 4294967295 ids")? {
                0 => return f.fail("expected a positive number of ids"),
                n => n,
            };
        }
        "utsns" => c.utsns = f.parse(str::parse)?,
        "volumes" => c.volumes = f.list(values::volume)?,
        _ => return Ok(false),
    }
    Ok(true)
}

/// `[engine]`; false for an unknown key.
fn engine(s: &mut Settings, f: &Field<'_, '_>) -> Result<bool> {
    let e = &mut s.engine;
    match f.name() {
        "cgroup_manager" => e.cgroup_manager = Some(f.parse(str::parse)?),
        "detach_keys" => e.detach_keys = f.parse(values::detach_keys)?,
        "env" => {
            let mut env = Vec::new();
            for entry in f.strings()? {
                match values::engine_env(&entry) {
                    Some(pair) => env.push(pair),
                    None => s.warnings.push(format!(
                        "{}: engine.env entry {entry:?} is not KEY=VALUE: ignored",
                        f.file.origin(&f.key_span)
                    )),
                }
            }
            s.engine.env = env;
        }
        "events_logfile_path" => e.events_logfile_path = f.optional(values::absolute_path)?,
        "events_logfile_max_size" => {
            let bytes = match f.value.get_ref() {
                DeValue::Integer(_) => f.int_in::<u64>("a size that is not negative")?,
                // Podman leaves the size as it was for an empty string.
                DeValue::String(v) if v.is_empty() => return Ok(true),
                _ => f.parse(|v| values::size(v, 1000))?,
            };
            e.events_logfile_max_size = Some(bytes).filter(|&b| b > 0);
        }
        "events_logger" => e.events_logger = f.parse(str::parse)?,
        "helper_binaries_dir" => e.helper_binaries_dir = f.list(|d| Ok(d.into()))?,
        "image_volume_mode" => e.image_volume_mode = f.parse(str::parse)?,
        "infra_command" => e.infra_command = f.optional(|v| Ok(v.to_string()))?,
        "infra_image" => e.infra_image = f.optional(|v| Ok(v.to_string()))?,
        "network_cmd_options" => e.network_cmd_options = f.strings()?,
        "network_cmd_path" => e.network_cmd_path = f.optional(values::absolute_path)?,
        "pod_exit_policy" => e.pod_exit_policy = f.parse(str::parse)?,
        "pull_policy" => e.pull_policy = f.parse(values::pull_policy)?,
        "runtime" => e.runtime = f.optional(|v| Ok(v.to_string()))?,
        "service_timeout" => e.service_timeout = f.int_in("0 to 4294967295 seconds")?,
        "stop_timeout" => e.stop_timeout = f.int_in("0 to 4294967295 seconds")?,
        "volume_path" => e.volume_path = f.optional(values::absolute_path)?,
        "remote" => {
            if f.bool()? {
                return f.fail("ferry has no remote mode (it never connects to a Podman service): set it to false");
            }
        }
        "namespace" => {
            let ns = f.string()?;
            if !ns.is_empty() {
                s.warnings.push(format!(
                    "{}: engine.namespace = {ns:?}: ferry has no libpod namespaces; every container is visible",
                    f.file.origin(&f.key_span)
                ));
            }
        }
        "active_service"
        | "compression_format"
        | "image_build_format"
        | "image_copy_tmp_dir"
        | "image_default_format"
        | "image_default_transport"
        | "init_path"
        | "lock_type"
        | "remote_identity"
        | "remote_uri"
        | "ssh_config"
        | "static_dir"
        | "tmp_dir" => {
            f.string()?;
        }
        "cgroup_check"
        | "chown_copied_files"
        | "compat_api_enforce_docker_hub"
        | "enable_port_reservation"
        | "machine_enabled"
        | "multi_image_archive"
        | "no_pivot_root" => {
            f.bool()?;
        }
        "exit_command_delay" | "image_parallel_copies" | "volume_plugin_timeout" => {
            f.int_in::<u64>("a number that is not negative")?;
        }
        "num_locks" => {
            f.int_in::<u32>("0 to 4294967295")?;
        }
        "conmon_env_vars"
        | "conmon_path"
        | "conmonrs_path"
        | "hooks_dir"
        | "runtime_path"
        | "runtime_supports_json"
        | "runtime_supports_kvm"
        | "runtime_supports_nocgroup" => {
            f.strings()?;
        }
        "runtimes" => check_entries(f, |r| r.strings().map(drop))?,
        "volume_plugins" => check_entries(f, |p| p.string().map(drop))?,
        "service_destinations" => {
            for destination in f.entries()? {
                for d in destination.entries()? {
                    match d.name() {
                        "uri" | "identity" => drop(d.string()?),
                        "is_machine" => drop(d.bool()?),
                        _ => unknown(s, &d),
                    }
                }
            }
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// `[network]`; false for an unknown key.
fn network(s: &mut Settings, f: &Field<'_, '_>) -> Result<bool> {
    let n = &mut s.network;
    match f.name() {
        "default_network" => {
            n.default_network = f.parse(|v| match v {
                "" => Err("expected a network name".to_string()),
                v => Ok(v.to_string()),
            })?;
        }
        "default_rootless_network_cmd" => n.default_rootless_network_cmd = f.optional(str::parse)?,
        "default_subnet" => n.default_subnet = f.parse(values::subnet)?,
        "default_subnet_pools" => {
            let mut pools = Vec::new();
            for item in f.array()? {
                let DeValue::Table(t) = item.get_ref() else {
                    return f.expected("an array of tables such as {base = \"10.89.0.0/16\", size = 24}", item);
                };
                let (mut base, mut size) = (None, None);
                for (k, v) in t.iter() {
                    let p = Field::new(f.file, &f.key, k, v);
                    match p.name() {
                        "base" => base = Some(p.parse(values::subnet)?),
                        "size" => size = Some(p.int_in::<u8>("0 to 32")?),
                        _ => unknown(s, &p),
                    }
                }
                let (Some(base), Some(size)) = (base, size) else {
                    return f.fail_at(item.span(), "a pool needs a base and a size");
                };
                if size > 32 || size < base.prefix {
                    return f.fail_at(
                        item.span(),
                        format!("size {size} must be between the base's prefix ({}) and 32", base.prefix),
                    );
                }
                pools.push(values::SubnetPool { base, size });
            }
            s.network.default_subnet_pools = pools;
        }
        "dns_bind_port" => n.dns_bind_port = f.int_in("a port number")?,
        "pasta_options" => n.pasta_options = f.strings()?,
        "network_backend" | "network_config_dir" => {
            f.string()?;
        }
        "cni_plugin_dirs" => {
            f.strings()?;
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// `[secrets]`; false for an unknown key.
fn secrets(s: &mut Settings, f: &Field<'_, '_>) -> Result<bool> {
    match f.name() {
        "driver" => s.secrets.driver = f.parse(str::parse)?,
        "opts" => {
            for o in f.entries()? {
                let value = o.string()?.to_string();
                s.secrets.opts.insert(o.name().to_string(), value);
            }
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// `[machine]`: checked, without effect; false for an unknown key.
fn machine(_: &mut Settings, f: &Field<'_, '_>) -> Result<bool> {
    match f.name() {
        "cpus" | "disk_size" | "memory" => drop(f.int_in::<u64>("a number that is not negative")?),
        "image" | "user" => drop(f.string()?),
        "volumes" => drop(f.strings()?),
        _ => return Ok(false),
    }
    Ok(true)
}

/// `[configmaps]`: checked, without effect; false for an unknown key.
fn configmaps(_: &mut Settings, f: &Field<'_, '_>) -> Result<bool> {
    match f.name() {
        "driver" => drop(f.string()?),
        "opts" => check_entries(f, |o| o.string().map(drop))?,
        _ => return Ok(false),
    }
    Ok(true)
}
