//! `ferry container inspect` (and containers in `ferry inspect`): Podman's JSON for containers.

use anyhow::Result;
use oci_spec::runtime::Spec;
use serde_json::{Value, json};

use super::ps::{ContainerFacts, facts, status_name};
use crate::cli::ContainerInspectArgs;
use crate::commands::{Context, ExitStatus};
use crate::store::Store;
use crate::store::containers::{ContainerRecord, Status};

/// Go's zero time, which Podman shows for times that never happened.
const ZERO_TIME: &str = "0001-01-01T00:00:00Z";

fn caps_of(spec: &Spec) -> Vec<String> {
    let mut caps: Vec<String> = spec
        .process()
        .as_ref()
        .and_then(|p| p.capabilities().as_ref())
        .and_then(|c| c.bounding().as_ref())
        .map(|b| b.iter().map(|c| c.to_string()).collect())
        .unwrap_or_default();
    caps.sort();
    caps
}

/// Podman's `container inspect` object for one container.
pub(crate) fn container_inspect_json(store: &Store, f: &ContainerFacts) -> Value {
    let r = &f.record;
    let s = &f.state;
    let containers = store.containers();
    let spec = super::run::read_spec(store, &r.id).ok();
    let process = spec.as_ref().and_then(|sp| sp.process().clone());
    let args = &f.command;
    let env = process.as_ref().and_then(|p| p.env().clone()).unwrap_or_default();
    let cwd = process
        .as_ref()
        .map(|p| p.cwd().display().to_string())
        .unwrap_or_default();
    let user = process
        .as_ref()
        .map(|p| format!("{}:{}", p.user().uid(), p.user().gid()))
        .unwrap_or_default();
    let annotations: serde_json::Map<String, Value> = spec
        .as_ref()
        .and_then(|sp| sp.annotations().clone())
        .map(|a| {
            let mut v: Vec<_> = a.into_iter().collect();
            v.sort();
            v.into_iter().map(|(k, v)| (k, json!(v))).collect()
        })
        .unwrap_or_default();
    let hostname = spec.as_ref().and_then(|sp| sp.hostname().clone()).unwrap_or_default();
    let read_only = spec
        .as_ref()
        .and_then(|sp| sp.root().as_ref())
        .and_then(|root| root.readonly())
        .unwrap_or(false);
    let namespaces = spec
        .as_ref()
        .and_then(|sp| sp.linux().as_ref())
        .and_then(|l| l.namespaces().clone())
        .unwrap_or_default();
    let user_networks = crate::engine::container::inspect::networks(store, &r.id);
    let network_mode = if user_networks.is_some() {
        "bridge"
    } else if let Some(n) = &f.network {
        n.mode.name()
    } else if namespaces
        .iter()
        .any(|n| n.typ() == oci_spec::runtime::LinuxNamespaceType::Network)
    {
        "bridge"
    } else {
        "host"
    };
    let no_new_privs = process.as_ref().and_then(|p| p.no_new_privileges()).unwrap_or(false);
    let mut security_opt = Vec::new();
    if no_new_privs {
        security_opt.push("no-new-privileges".to_string());
    }
    let seccomp = spec
        .as_ref()
        .and_then(|sp| sp.linux().as_ref())
        .is_some_and(|l| l.seccomp().is_some());
    if !seccomp {
        security_opt.push("seccomp=unconfined".to_string());
    }
    let ulimits: Vec<Value> = process
        .as_ref()
        .and_then(|p| p.rlimits().clone())
        .unwrap_or_default()
        .iter()
        .map(|rl| json!({"Name": format!("{:?}", rl.typ()).to_uppercase(), "Soft": rl.soft(), "Hard": rl.hard()}))
        .collect();
    let settings = containers.read_settings(&r.id).unwrap_or_default();
    let ports = f.network.as_ref().map(|n| n.ports.as_slice()).unwrap_or_default();
    let stop_signal = nix::sys::signal::Signal::try_from(settings.stop_signal)
        .map(|sig| sig.as_str().to_string())
        .unwrap_or_else(|_| settings.stop_signal.to_string());
    json!({
        "Id": r.id,
        "Created": r.created,
        "Path": args.first().cloned().unwrap_or_default(),
        "Args": args.iter().skip(1).collect::<Vec<_>>(),
        "State": {
            "OciVersion": spec.as_ref().map(|sp| sp.version().clone()).unwrap_or_default(),
            "Status": status_name(s),
            "Running": s.status == Status::Running,
            "Paused": false,
            "Restarting": false,
            "OOMKilled": false,
            "Dead": false,
            "Pid": s.pid.unwrap_or(0),
            "ExitCode": s.exit_code.unwrap_or(0),
            "Error": "",
            "StartedAt": s.started_at.clone().unwrap_or_else(|| ZERO_TIME.to_string()),
            "FinishedAt": s.finished_at.clone().unwrap_or_else(|| ZERO_TIME.to_string()),
        },
        "Image": r.image_id.hex(),
        "ImageDigest": r.image_id.to_string(),
        "ImageName": r.image_name,
        "Rootfs": "",
        "OCIConfigPath": containers.config_path(&r.id).display().to_string(),
        // ferry-specific: the OCI runtime spec the container runs with.
        "OCISpec": spec.as_ref().and_then(|sp| serde_json::to_value(sp).ok()).unwrap_or(Value::Null),
        "ResolvConfPath": containers.userdata_dir(&r.id).join("resolv.conf").display().to_string(),
        "HostnamePath": containers.userdata_dir(&r.id).join("hostname").display().to_string(),
        "HostsPath": containers.userdata_dir(&r.id).join("hosts").display().to_string(),
        "Name": r.name,
        "RestartCount": 0,
        "Driver": "overlay",
        "MountLabel": "",
        "ProcessLabel": "",
        "Mounts": crate::engine::container::inspect::mounts(store, &r.id),
        "Config": {
            "Hostname": hostname,
            "User": user,
            "Env": env,
            // The spec keeps entrypoint and command as one argument list.
            "Cmd": args,
            "Image": r.image_name,
            "WorkingDir": cwd,
            "Tty": spec.as_ref().and_then(|sp| sp.process().as_ref()).and_then(|p| p.terminal()).unwrap_or(false),
            "OpenStdin": settings.interactive,
            "Entrypoint": [],
            "Labels": f.labels,
            "Annotations": annotations,
            "StopSignal": stop_signal,
            "StopTimeout": settings.stop_timeout,
        },
        "NetworkSettings": {
            "Ports": crate::network::ports::inspect_map(ports),
            "Networks": user_networks.unwrap_or_default(),
        },
        "HostConfig": {
            "NetworkMode": network_mode,
            "PortBindings": crate::network::ports::inspect_map(ports),
            "Privileged": settings.privileged || privileged(spec.as_ref()),
            "ReadonlyRootfs": read_only,
            // As Podman: 0 for no limit.
            "PidsLimit": spec
                .as_ref()
                .and_then(|sp| sp.linux().as_ref())
                .and_then(|l| l.resources().as_ref())
                .and_then(|r| r.pids().as_ref())
                .map_or(0, |p| p.limit().max(0)),
            "CapAdd": [],
            "CapDrop": [],
            "SecurityOpt": security_opt,
            "Ulimits": ulimits,
            "AutoRemove": settings.remove,
            "Binds": crate::engine::container::inspect::binds(store, &r.id),
            "Tmpfs": crate::engine::container::inspect::tmpfs(store, &r.id),
        },
        "EffectiveCaps": spec.as_ref().map(caps_of).unwrap_or_default(),
        "GraphDriver": {
            "Name": "overlay",
            "Data": {
                "UpperDir": containers.diff_dir(&r.id).display().to_string(),
                "WorkDir": containers.work_dir(&r.id).display().to_string(),
                "MergedDir": containers.merged_dir(&r.id).display().to_string(),
            },
        },
    })
}

/// `--privileged` leaves no masked paths (the trace it leaves in the spec of a container created
/// before its run settings recorded it).
fn privileged(spec: Option<&Spec>) -> bool {
    spec.and_then(|sp| sp.linux().as_ref())
        .is_some_and(|l| l.masked_paths().as_ref().is_none_or(|m| m.is_empty()))
}

/// The inspect object of the container `name`, if there is one.
pub(crate) fn find(store: &Store, name: &str) -> Result<Value> {
    let rec: ContainerRecord = store.containers().lookup(name)?;
    Ok(container_inspect_json(store, &facts(store, rec)?))
}

pub fn exec(ctx: &mut Context, args: ContainerInspectArgs) -> Result<ExitStatus> {
    crate::commands::inspect::exec(
        ctx,
        crate::cli::InspectArgs {
            names: args.names,
            format: args.format,
            kind: crate::cli::InspectType::Container,
        },
    )
}
