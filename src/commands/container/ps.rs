//! `ferry ps` / `ferry container ls`: containers with their honest state (a container whose
//! supervisor died is shown exited), as Podman's table, JSON or a Go template.

use anyhow::{Result, bail};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::cli::PsArgs;
use crate::commands::{Context, ExitStatus};
use crate::image::reference::{Reference, matches_short};
use crate::output;
use crate::store::Store;
use crate::store::containers::{ContainerRecord, ContainerState, Status};

const DEFAULT_TABLE: &str =
    "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.CreatedHuman}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";
const HEADERS: &[(&str, &str)] = &[("ID", "CONTAINER ID"), ("CreatedHuman", "CREATED")];

/// One container as the listing and inspection commands see it.
pub(crate) struct ContainerFacts {
    pub record: ContainerRecord,
    pub state: ContainerState,
    /// The process arguments of the runtime spec (empty when it cannot be read).
    pub command: Vec<String>,
    pub labels: serde_json::Map<String, Value>,
    /// The network it was created with (`None` for containers from before it was recorded).
    pub network: Option<crate::network::NetworkConfig>,
}

/// Reads a container's state (refreshed) and the parts of its spec that listings show.
pub(crate) fn facts(store: &Store, record: ContainerRecord) -> Result<ContainerFacts> {
    let state = store.containers().refresh(&record)?;
    let spec = super::run::read_spec(store, &record.id).ok();
    let command = spec
        .as_ref()
        .and_then(|s| s.process().as_ref().and_then(|p| p.args().clone()))
        .unwrap_or_default();
    let labels = spec
        .as_ref()
        .and_then(|s| s.annotations().clone())
        .map(|a| labels_of(&a))
        .unwrap_or_default();
    let network = crate::network::NetworkConfig::load(&store.containers().dir(&record.id))
        .ok()
        .flatten();
    Ok(ContainerFacts {
        record,
        state,
        command,
        labels,
        network,
    })
}

/// The container's labels: the spec keeps them as annotations under [`LABEL_PREFIX`].
fn labels_of(annotations: &std::collections::HashMap<String, String>) -> serde_json::Map<String, Value> {
    let mut keys: Vec<&String> = annotations.keys().collect();
    keys.sort();
    keys.into_iter()
        .filter_map(|k| {
            k.strip_prefix(LABEL_PREFIX)
                .map(|l| (l.to_string(), json!(annotations[k])))
        })
        .collect()
}

/// Where `run --label` puts labels in the runtime spec (see `runtime::spec::build`).
pub(crate) const LABEL_PREFIX: &str = "io.ferry.label.";

fn parse_time(t: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(t).ok().map(|t| t.with_timezone(&Utc))
}

fn unix(t: Option<&str>) -> i64 {
    t.and_then(parse_time).map(|t| t.timestamp()).unwrap_or(0)
}

fn since(t: Option<&str>, now: DateTime<Utc>) -> u64 {
    t.and_then(parse_time)
        .and_then(|t| u64::try_from((now - t).num_seconds()).ok())
        .unwrap_or(0)
}

/// Podman's STATUS column: `Up 3 seconds`, `Exited (3) 2 seconds ago`, `Created`.
pub(crate) fn status_text(state: &ContainerState, now: DateTime<Utc>) -> String {
    match state.status {
        Status::Created => "Created".to_string(),
        Status::Running if state.stopping => "Stopping".to_string(),
        Status::Running => format!("Up {}", output::human_duration(since(state.started_at.as_deref(), now))),
        Status::Exited => format!(
            "Exited ({}) {} ago",
            state.exit_code.unwrap_or(-1),
            output::human_duration(since(state.finished_at.as_deref(), now))
        ),
    }
}

pub(crate) fn status_name(state: &ContainerState) -> &'static str {
    match state.status {
        Status::Created => "created",
        Status::Running if state.stopping => "stopping",
        Status::Running => "running",
        Status::Exited => "exited",
    }
}

/// Podman truncates the command to 17 characters unless `--no-trunc`.
fn command_text(command: &[String], no_trunc: bool) -> String {
    let c = command.join(" ");
    if no_trunc || c.chars().count() <= 17 {
        c
    } else {
        format!("{}...", c.chars().take(17).collect::<String>())
    }
}

/// The record templates and the table see: Podman's `ps` fields, with `Names` a string.
fn row_json(f: &ContainerFacts, no_trunc: bool, now: DateTime<Utc>) -> Value {
    let r = &f.record;
    let created = r.created.as_str();
    json!({
        "ID": if no_trunc { r.id.clone() } else { r.id[..12].to_string() },
        "Id": r.id,
        "Image": r.image_name,
        "ImageID": r.image_id.hex(),
        "Command": command_text(&f.command, no_trunc),
        "Created": output::time_ago(created, now).unwrap_or_default(),
        "CreatedHuman": output::time_ago(created, now).unwrap_or_default(),
        "CreatedAt": created,
        "Status": status_text(&f.state, now),
        "State": status_name(&f.state),
        "ExitCode": f.state.exit_code.unwrap_or(0),
        "Exited": f.state.status == Status::Exited,
        "Ports": crate::network::ports::ps_column(ports_of(f)),
        "Names": r.name,
        "Labels": f.labels,
        "Pid": f.state.pid.unwrap_or(0),
        "Mounts": "",
        "Networks": "",
        "Size": "",
    })
}

fn ports_of(f: &ContainerFacts) -> &[crate::network::PortMapping] {
    f.network.as_ref().map(|n| n.ports.as_slice()).unwrap_or_default()
}

/// Podman's `ps --format json` port objects.
fn ports_json(ports: &[crate::network::PortMapping]) -> Value {
    ports
        .iter()
        .map(|m| {
            json!({
                "host_ip": m.host_ip.map(|ip| ip.to_string()).unwrap_or_default(),
                "container_port": m.container_port,
                "host_port": m.host_port,
                "range": m.range,
                "protocol": m.protocol.to_string(),
            })
        })
        .collect()
}

/// Podman's `ps --format json` object.
fn list_json(f: &ContainerFacts, now: DateTime<Utc>) -> Value {
    let r = &f.record;
    let s = &f.state;
    json!({
        "AutoRemove": false,
        "Command": f.command,
        "Created": unix(Some(&r.created)),
        "CreatedAt": output::time_ago(&r.created, now).unwrap_or_default(),
        "Exited": s.status == Status::Exited,
        "ExitedAt": unix(s.finished_at.as_deref()),
        "ExitCode": s.exit_code.unwrap_or(0),
        "Id": r.id,
        "Image": r.image_name,
        "ImageID": r.image_id.hex(),
        "IsInfra": false,
        "Labels": f.labels,
        "Mounts": [],
        "Names": [r.name],
        "Pid": s.pid.unwrap_or(0),
        "Ports": if ports_of(f).is_empty() { Value::Null } else { ports_json(ports_of(f)) },
        "StartedAt": unix(s.started_at.as_deref()),
        "State": status_name(s),
        "Status": status_text(s, now),
    })
}

#[derive(Debug, PartialEq)]
enum Filter {
    Status(Status),
    /// `status=stopping`: running, and `stop` is waiting for it.
    Stopping,
    Name(String),
    Id(String),
    Label(String, Option<String>),
    Ancestor(String),
    Exited(i32),
}

fn parse_filter(f: &str) -> Result<Filter> {
    let Some((k, v)) = f.split_once('=') else {
        bail!("invalid filter {f:?}: expected key=value")
    };
    if v.is_empty() && k != "name" {
        bail!("invalid filter {f:?}: empty value");
    }
    Ok(match k {
        "status" => Filter::Status(match v {
            "created" => Status::Created,
            "running" => Status::Running,
            "exited" | "stopped" => Status::Exited,
            "stopping" => return Ok(Filter::Stopping),
            _ => bail!("invalid filter {f:?}: status must be created, running, stopping, exited or stopped"),
        }),
        "name" => Filter::Name(v.to_string()),
        "id" => Filter::Id(v.to_string()),
        "label" => match v.split_once('=') {
            Some((lk, lv)) => Filter::Label(lk.to_string(), Some(lv.to_string())),
            None => Filter::Label(v.to_string(), None),
        },
        "ancestor" => Filter::Ancestor(v.to_string()),
        "exited" => Filter::Exited(
            v.parse()
                .map_err(|_| anyhow::anyhow!("invalid filter {f:?}: exited takes an exit code"))?,
        ),
        _ => bail!("invalid filter {f:?}: supported filters are status, name, id, label, ancestor and exited"),
    })
}

/// Filters of the same key are alternatives (Podman ORs them); different keys must all match.
fn keep(f: &ContainerFacts, filters: &[Filter]) -> bool {
    let one = |flt: &Filter| match flt {
        Filter::Status(s) => f.state.status == *s,
        Filter::Stopping => f.state.stopping,
        Filter::Name(n) => f.record.name.contains(n.as_str()),
        Filter::Id(id) => f.record.id.starts_with(id.as_str()),
        Filter::Label(k, v) => match (f.labels.get(k), v) {
            (Some(_), None) => true,
            (Some(have), Some(want)) => have.as_str() == Some(want.as_str()),
            (None, _) => false,
        },
        Filter::Ancestor(a) => {
            let name = &f.record.image_name;
            // The image by id prefix, or by name with or without tag, short or full.
            name == a
                || (!a.is_empty() && f.record.image_id.hex().starts_with(a.trim_start_matches("sha256:")))
                || Reference::parse(name).is_ok_and(|stored| {
                    let any_tag = format!("{a}:{}", stored.tag.as_deref().unwrap_or("latest"));
                    stored.name() == *a
                        || matches_short(&stored, a)
                        || (!a.contains([':', '@']) && matches_short(&stored, &any_tag))
                })
        }
        Filter::Exited(code) => f.state.status == Status::Exited && f.state.exit_code == Some(*code),
    };
    let kind = |flt: &Filter| std::mem::discriminant(flt);
    filters
        .iter()
        .all(|flt| filters.iter().filter(|g| kind(g) == kind(flt)).any(one))
}

/// Every container, refreshed, newest first.
pub(crate) fn all_facts(store: &Store) -> Result<Vec<ContainerFacts>> {
    let mut out = Vec::new();
    for rec in store.containers().list()? {
        match facts(store, rec) {
            Ok(f) => out.push(f),
            // Removed by a concurrent command since the index was read.
            Err(e) if is_gone(&e) => continue,
            Err(e) => return Err(e),
        }
    }
    out.sort_by(|a, b| b.record.created.cmp(&a.record.created));
    Ok(out)
}

fn is_gone(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
    })
}

pub fn exec(ctx: &mut Context, args: PsArgs) -> Result<ExitStatus> {
    let filters = args
        .filter
        .iter()
        .map(|f| parse_filter(f))
        .collect::<Result<Vec<_>>>()?;
    let store = ctx.store()?;
    let mut list = all_facts(store)?;
    let limit = if args.latest { Some(1) } else { args.last };
    let all = args.all
        || limit.is_some()
        || filters.iter().any(|f| {
            !matches!(
                f,
                Filter::Name(_) | Filter::Id(_) | Filter::Label(..) | Filter::Ancestor(_)
            )
        });
    list.retain(|f| (all || f.state.status == Status::Running) && keep(f, &filters));
    if let Some(n) = limit {
        list.truncate(n);
    }
    let now = Utc::now();
    if args.quiet {
        for f in &list {
            println!(
                "{}",
                if args.no_trunc {
                    &f.record.id[..]
                } else {
                    &f.record.id[..12]
                }
            );
        }
        return Ok(ExitStatus::SUCCESS);
    }
    let records: Vec<Value> = if args.format.as_deref().is_some_and(output::is_json) {
        list.iter().map(|f| list_json(f, now)).collect()
    } else {
        list.iter().map(|f| row_json(f, args.no_trunc, now)).collect()
    };
    print!(
        "{}",
        output::render_records(args.format.as_deref(), DEFAULT_TABLE, HEADERS, &records, args.noheading)?
    );
    Ok(ExitStatus::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(status: Status, code: Option<i32>, at: &str) -> ContainerState {
        ContainerState {
            status,
            exit_code: code,
            started_at: Some(at.to_string()),
            finished_at: Some(at.to_string()),
            ..Default::default()
        }
    }

    #[test]
    fn status_texts() {
        let now = parse_time("2024-05-20T12:00:10Z").unwrap();
        let at = "2024-05-20T12:00:07.5Z";
        assert_eq!(status_text(&state(Status::Running, None, at), now), "Up 2 seconds");
        assert_eq!(
            status_text(&state(Status::Exited, Some(3), at), now),
            "Exited (3) 2 seconds ago"
        );
        assert_eq!(status_text(&state(Status::Created, None, at), now), "Created");
        assert_eq!(
            status_text(&state(Status::Exited, None, "garbage"), now),
            "Exited (-1) Less than a second ago"
        );
    }

    #[test]
    fn commands_truncate() {
        let c = vec!["sh".to_string(), "-c".to_string(), "echo hello world".to_string()];
        assert_eq!(command_text(&c, false), "sh -c echo hello ...");
        assert_eq!(command_text(&c, true), "sh -c echo hello world");
        assert_eq!(command_text(&["ü".repeat(20)], false), format!("{}...", "ü".repeat(17)));
    }

    #[test]
    fn filters_parse() {
        assert_eq!(parse_filter("status=exited").unwrap(), Filter::Status(Status::Exited));
        assert_eq!(parse_filter("exited=3").unwrap(), Filter::Exited(3));
        assert_eq!(
            parse_filter("label=a=b=c").unwrap(),
            Filter::Label("a".into(), Some("b=c".into()))
        );
        for bad in [
            "",
            "status",
            "status=",
            "status=sleeping",
            "exited=x",
            "exited=",
            "bogus=1",
            "=x",
            "id=",
        ] {
            assert!(parse_filter(bad).is_err(), "{bad:?}");
        }
    }
}
