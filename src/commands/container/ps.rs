//! `ferry ps` / `ferry container ls`: containers with their honest state (a container whose
//! supervisor died is shown exited), as Podman's table, JSON or a Go template.

use anyhow::Result;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::cli::PsArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::container::list::{self, ContainerSummary, Filter, ListOptions, status_name};
use crate::output;
use crate::store::containers::{ContainerState, Status};

const DEFAULT_TABLE: &str =
    "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.CreatedHuman}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";
const HEADERS: &[(&str, &str)] = &[("ID", "CONTAINER ID"), ("CreatedHuman", "CREATED")];

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
fn status_text(state: &ContainerState, now: DateTime<Utc>) -> String {
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
fn row_json(f: &ContainerSummary, no_trunc: bool, now: DateTime<Utc>) -> Value {
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
        "Ports": crate::network::publish::ps_column(f.ports()),
        "Names": r.name,
        "Labels": f.labels,
        "Pid": f.state.pid.unwrap_or(0),
        "Mounts": "",
        "Networks": "",
        "Size": "",
    })
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
fn list_json(f: &ContainerSummary, now: DateTime<Utc>) -> Value {
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
        "Ports": if f.ports().is_empty() { Value::Null } else { ports_json(f.ports()) },
        "StartedAt": unix(s.started_at.as_deref()),
        "State": status_name(s),
        "Status": status_text(s, now),
    })
}

pub fn exec(ctx: &mut Context, args: PsArgs) -> Result<ExitStatus> {
    let filters = args
        .filter
        .iter()
        .map(|f| f.parse::<Filter>())
        .collect::<Result<Vec<_>, _>>()?;
    let options = ListOptions {
        all: args.all,
        filters,
        limit: if args.latest { Some(1) } else { args.last },
    };
    let list = list::list(ctx.store()?, &options)?;
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
}
