//! Listing containers: each with its honest state (a container whose supervisor died is
//! exited), the parts of its spec that listings show, filtered as `ps --filter` asks.

use std::str::FromStr;

use serde_json::{Value, json};

use super::error::{Error, Result};
use crate::image::reference::{Reference, matches_short};
use crate::network::{NetworkConfig, PortMapping};
use crate::store::Store;
use crate::store::containers::{ContainerRecord, ContainerState, Status};

/// Where `run --label` puts labels in the runtime spec (see `runtime::spec::build`).
pub const LABEL_PREFIX: &str = "io.ferry.label.";

/// One container as the listing and inspection operations see it.
#[derive(Debug, Clone)]
pub struct ContainerSummary {
    pub record: ContainerRecord,
    /// Refreshed: a container whose supervisor died reads as exited.
    pub state: ContainerState,
    /// The process arguments of the runtime spec (empty when it cannot be read).
    pub command: Vec<String>,
    /// The container's labels, sorted by key.
    pub labels: serde_json::Map<String, Value>,
    /// The network it was created with (`None` for containers from before it was recorded).
    pub network: Option<NetworkConfig>,
}

impl ContainerSummary {
    /// Its published ports.
    pub fn ports(&self) -> &[PortMapping] {
        self.network.as_ref().map(|n| n.ports.as_slice()).unwrap_or_default()
    }
}

/// Reads a container's state (refreshed) and the parts of its spec that listings show.
pub fn summary(store: &Store, record: ContainerRecord) -> Result<ContainerSummary> {
    let state = store.containers().refresh(&record)?;
    let spec = super::read_spec(store, &record.id).ok();
    let command = spec
        .as_ref()
        .and_then(|s| s.process().as_ref().and_then(|p| p.args().clone()))
        .unwrap_or_default();
    let labels = spec
        .as_ref()
        .and_then(|s| s.annotations().clone())
        .map(|a| labels_of(&a))
        .unwrap_or_default();
    let network = NetworkConfig::load(&store.containers().dir(&record.id)).ok().flatten();
    Ok(ContainerSummary {
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

/// The state's name as Podman shows it (`State` of `ps`, `State.Status` of inspect).
pub fn status_name(state: &ContainerState) -> &'static str {
    match state.status {
        Status::Created => "created",
        Status::Running if state.stopping => "stopping",
        Status::Running => "running",
        Status::Exited => "exited",
    }
}

/// One `ps --filter KEY=VALUE`.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    Status(Status),
    /// `status=stopping`: running, and `stop` is waiting for it.
    Stopping,
    /// Containers whose name contains this.
    Name(String),
    /// Containers whose id starts with this.
    Id(String),
    Label(String, Option<String>),
    /// Containers of this image (by id prefix, or by name with or without tag, short or full).
    Ancestor(String),
    Exited(i32),
}

impl FromStr for Filter {
    type Err = Error;

    fn from_str(f: &str) -> Result<Filter> {
        let invalid = |why: &str| Error::InvalidFilter {
            filter: f.to_string(),
            why: why.to_string(),
        };
        let Some((k, v)) = f.split_once('=') else {
            return Err(invalid("expected key=value"));
        };
        if v.is_empty() && k != "name" {
            return Err(invalid("empty value"));
        }
        Ok(match k {
            "status" => Filter::Status(match v {
                "created" => Status::Created,
                "running" => Status::Running,
                "exited" | "stopped" => Status::Exited,
                "stopping" => return Ok(Filter::Stopping),
                _ => return Err(invalid("status must be created, running, stopping, exited or stopped")),
            }),
            "name" => Filter::Name(v.to_string()),
            "id" => Filter::Id(v.to_string()),
            "label" => match v.split_once('=') {
                Some((lk, lv)) => Filter::Label(lk.to_string(), Some(lv.to_string())),
                None => Filter::Label(v.to_string(), None),
            },
            "ancestor" => Filter::Ancestor(v.to_string()),
            "exited" => Filter::Exited(v.parse().map_err(|_| invalid("exited takes an exit code"))?),
            _ => {
                return Err(invalid(
                    "supported filters are status, name, id, label, ancestor and exited",
                ));
            }
        })
    }
}

impl Filter {
    /// Whether the filter selects by state (then stopped containers are listed too).
    fn is_about_state(&self) -> bool {
        !matches!(
            self,
            Filter::Name(_) | Filter::Id(_) | Filter::Label(..) | Filter::Ancestor(_)
        )
    }

    fn matches(&self, f: &ContainerSummary) -> bool {
        match self {
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
        }
    }
}

/// Filters of the same key are alternatives (Podman ORs them); different keys must all match.
fn keep(f: &ContainerSummary, filters: &[Filter]) -> bool {
    let kind = |flt: &Filter| std::mem::discriminant(flt);
    filters
        .iter()
        .all(|flt| filters.iter().filter(|g| kind(g) == kind(flt)).any(|g| g.matches(f)))
}

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct ListOptions {
    /// Stopped and created containers too (implied by `limit` and by state filters).
    pub all: bool,
    pub filters: Vec<Filter>,
    /// Only the newest N.
    pub limit: Option<usize>,
}

/// Every container, refreshed, newest first.
pub fn all(store: &Store) -> Result<Vec<ContainerSummary>> {
    let mut out = Vec::new();
    for rec in store.containers().list()? {
        match summary(store, rec) {
            Ok(f) => out.push(f),
            // Removed by a concurrent command since the index was read.
            Err(e) if is_gone(&e) => continue,
            Err(e) => return Err(e),
        }
    }
    out.sort_by(|a, b| b.record.created.cmp(&a.record.created));
    Ok(out)
}

/// The containers `options` select, newest first.
pub fn list(store: &Store, options: &ListOptions) -> Result<Vec<ContainerSummary>> {
    let mut list = all(store)?;
    let all = options.all || options.limit.is_some() || options.filters.iter().any(Filter::is_about_state);
    list.retain(|f| (all || f.state.status == Status::Running) && keep(f, &options.filters));
    if let Some(n) = options.limit {
        list.truncate(n);
    }
    Ok(list)
}

fn is_gone(e: &Error) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cur {
        if c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
        {
            return true;
        }
        cur = c.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse() {
        assert_eq!(
            "status=exited".parse::<Filter>().unwrap(),
            Filter::Status(Status::Exited)
        );
        assert_eq!("exited=3".parse::<Filter>().unwrap(), Filter::Exited(3));
        assert_eq!(
            "label=a=b=c".parse::<Filter>().unwrap(),
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
            assert!(bad.parse::<Filter>().is_err(), "{bad:?}");
        }
    }
}
