//! `ferry volume ls`, and the volume filters `volume prune` shares.

use std::collections::BTreeMap;

use anyhow::{Result, bail};
use serde_json::Value;

use crate::cli::VolumeLsArgs;
use crate::commands::{Context, ExitStatus};
use crate::output;
use crate::store::containers::ContainerRecord;
use crate::store::volumes::Volume;

const DEFAULT_TABLE: &str = "table {{.Driver}}\t{{.Name}}";
const HEADERS: &[(&str, &str)] = &[("Name", "VOLUME NAME")];

#[derive(Debug, PartialEq)]
pub(crate) enum Filter {
    Name(String),
    Driver(String),
    /// `label=key[=value]`; `false` for `label!=`.
    Label(String, Option<String>, bool),
    Dangling(bool),
}

pub(crate) fn parse_filters(raw: &[String]) -> Result<Vec<Filter>> {
    let mut out = Vec::new();
    for f in raw {
        let Some((k, v)) = f.split_once('=') else {
            bail!("invalid filter {f:?}: expected key=value")
        };
        let label = |v: &str, want: bool| {
            let (lk, lv) = match v.split_once('=') {
                Some((a, b)) => (a.to_string(), Some(b.to_string())),
                None => (v.to_string(), None),
            };
            Filter::Label(lk, lv, want)
        };
        out.push(match k {
            "name" => Filter::Name(v.to_string()),
            "driver" => Filter::Driver(v.to_string()),
            "label" => label(v, true),
            "label!" => label(v, false),
            "dangling" => match v {
                "true" | "1" => Filter::Dangling(true),
                "false" | "0" => Filter::Dangling(false),
                _ => bail!("invalid dangling filter value {v:?}: expected true or false"),
            },
            other => bail!("invalid filter {other:?}: use name, driver, label, label! or dangling"),
        });
    }
    Ok(out)
}

/// Whether `vol` (mounted by `users` containers) passes every filter; several filters of one
/// kind match when any does, as Podman combines them.
pub(crate) fn matches(filters: &[Filter], vol: &Volume, users: usize) -> bool {
    let kinds: [fn(&Filter) -> bool; 4] = [
        |f| matches!(f, Filter::Name(_)),
        |f| matches!(f, Filter::Driver(_)),
        |f| matches!(f, Filter::Label(..)),
        |f| matches!(f, Filter::Dangling(_)),
    ];
    let one = |f: &Filter| match f {
        Filter::Name(n) => vol.name.contains(n.as_str()),
        Filter::Driver(d) => &vol.driver == d,
        Filter::Label(k, v, want) => {
            let has = vol
                .labels
                .get(k)
                .is_some_and(|have| v.as_ref().is_none_or(|v| v == have));
            has == *want
        }
        Filter::Dangling(d) => (users == 0) == *d,
    };
    kinds.iter().all(|is_kind| {
        let of_kind: Vec<&Filter> = filters.iter().filter(|f| is_kind(f)).collect();
        // Negated label filters must all hold.
        of_kind.is_empty()
            || if of_kind.iter().any(|f| matches!(f, Filter::Label(_, _, false))) {
                of_kind.iter().all(|f| one(f))
            } else {
                of_kind.iter().any(|f| one(f))
            }
    })
}

pub fn exec(ctx: &mut Context, args: VolumeLsArgs) -> Result<ExitStatus> {
    let filters = parse_filters(&args.filter)?;
    let store = ctx.store()?;
    let volumes = store.volumes();
    let users: BTreeMap<String, Vec<ContainerRecord>> = volumes.users()?;
    let none = Vec::new();
    let mut rows: Vec<Value> = Vec::new();
    for vol in volumes.list()? {
        let used = users.get(&vol.name).unwrap_or(&none);
        if !matches(&filters, &vol, used.len()) {
            continue;
        }
        if args.quiet {
            println!("{}", vol.name);
            continue;
        }
        rows.push(super::inspect::volume_json(store, &vol, used));
    }
    if args.quiet {
        return Ok(ExitStatus::SUCCESS);
    }
    print!(
        "{}",
        output::render_records(args.format.as_deref(), DEFAULT_TABLE, HEADERS, &rows, args.noheading)?
    );
    Ok(ExitStatus::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vol(name: &str, labels: &[(&str, &str)]) -> Volume {
        Volume {
            name: name.into(),
            driver: "local".into(),
            created_at: String::new(),
            labels: labels.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            options: Default::default(),
            anonymous: false,
            needs_copy_up: false,
        }
    }

    #[test]
    fn filters() {
        let f = |raw: &[&str]| parse_filters(&raw.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
        let a = vol("alpha", &[("env", "prod")]);
        assert!(matches(&f(&["name=alp"]), &a, 0));
        assert!(!matches(&f(&["name=beta"]), &a, 0));
        assert!(matches(&f(&["name=beta", "name=alpha"]), &a, 0));
        assert!(matches(&f(&["label=env"]), &a, 0));
        assert!(matches(&f(&["label=env=prod", "dangling=true"]), &a, 0));
        assert!(!matches(&f(&["dangling=true"]), &a, 1));
        assert!(matches(&f(&["dangling=false"]), &a, 2));
        assert!(!matches(&f(&["label!=env"]), &a, 0));
        assert!(matches(&f(&["label!=env=dev"]), &a, 0));
        assert!(!matches(&f(&["driver=nfs"]), &a, 0));
        for bad in ["", "name", "dangling=maybe", "colour=red", "=x"] {
            assert!(parse_filters(&[bad.to_string()]).is_err(), "{bad:?}");
        }
    }
}
