//! `ferry network ls`, and the network filters `network prune` shares.

use anyhow::{Result, bail};
use serde_json::Value;

use crate::cli::NetworkLsArgs;
use crate::commands::{Context, ExitStatus};
use crate::output;
use crate::store::networks::Network;

const DEFAULT_TABLE: &str = "table {{.ID}}\t{{.Name}}\t{{.Driver}}";
const HEADERS: &[(&str, &str)] = &[("ID", "NETWORK ID")];

#[derive(Debug, PartialEq)]
pub(crate) enum Filter {
    Name(String),
    Id(String),
    Driver(String),
    /// `label=key[=value]`; `false` for `label!=`.
    Label(String, Option<String>, bool),
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
            "id" => Filter::Id(v.to_string()),
            "driver" => Filter::Driver(v.to_string()),
            "label" => label(v, true),
            "label!" => label(v, false),
            other => bail!("invalid filter {other:?}: use name, id, driver, label or label!"),
        });
    }
    Ok(out)
}

/// Whether `net` passes every filter; several filters of one kind match when any does (negated
/// label filters must all hold), as Podman combines them.
pub(crate) fn matches(filters: &[Filter], net: &Network) -> bool {
    let kinds: [fn(&Filter) -> bool; 4] = [
        |f| matches!(f, Filter::Name(_)),
        |f| matches!(f, Filter::Id(_)),
        |f| matches!(f, Filter::Driver(_)),
        |f| matches!(f, Filter::Label(..)),
    ];
    let one = |f: &Filter| match f {
        Filter::Name(n) => net.name.contains(n.as_str()),
        Filter::Id(i) => net.id.starts_with(i.as_str()),
        Filter::Driver(d) => &net.driver == d,
        Filter::Label(k, v, want) => {
            let has = net
                .labels
                .get(k)
                .is_some_and(|have| v.as_ref().is_none_or(|v| v == have));
            has == *want
        }
    };
    kinds.iter().all(|is_kind| {
        let of_kind: Vec<&Filter> = filters.iter().filter(|f| is_kind(f)).collect();
        of_kind.is_empty()
            || if of_kind.iter().any(|f| matches!(f, Filter::Label(_, _, false))) {
                of_kind.iter().all(|f| one(f))
            } else {
                of_kind.iter().any(|f| one(f))
            }
    })
}

pub fn exec(ctx: &mut Context, args: NetworkLsArgs) -> Result<ExitStatus> {
    let filters = parse_filters(&args.filter)?;
    let nets: Vec<Network> = ctx
        .store()?
        .networks()
        .list()?
        .into_iter()
        .filter(|n| matches(&filters, n))
        .collect();
    if args.quiet {
        for n in &nets {
            println!("{}", n.name);
        }
        return Ok(ExitStatus::SUCCESS);
    }
    let json: Vec<Value> = nets.iter().map(super::inspect::network_json).collect();
    if args.format.as_deref().is_some_and(output::is_json) {
        print!("{}", output::pretty_json(&json)?);
        return Ok(ExitStatus::SUCCESS);
    }
    let rows: Vec<Value> = json
        .iter()
        .map(|v| {
            let mut row = super::inspect::template_fields(v);
            if !args.no_trunc
                && let Some(id) = row.get("ID").and_then(Value::as_str)
            {
                row["ID"] = Value::String(id.chars().take(12).collect());
            }
            row
        })
        .collect();
    print!(
        "{}",
        output::render_records(args.format.as_deref(), DEFAULT_TABLE, HEADERS, &rows, args.noheading)?
    );
    Ok(ExitStatus::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::networks::default_network;

    #[test]
    fn filters() {
        let f = |raw: &[&str]| parse_filters(&raw.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
        let mut n = default_network();
        n.labels.insert("env".into(), "prod".into());
        assert!(matches(&f(&["name=pod"]), &n));
        assert!(!matches(&f(&["name=web"]), &n));
        assert!(matches(&f(&["name=web", "name=podman"]), &n));
        assert!(matches(&f(&["id=2f259b", "driver=bridge"]), &n));
        assert!(!matches(&f(&["id=00"]), &n));
        assert!(matches(&f(&["label=env=prod"]), &n));
        assert!(!matches(&f(&["label=env=dev"]), &n));
        assert!(!matches(&f(&["label!=env"]), &n));
        assert!(!matches(&f(&["driver=macvlan"]), &n));
        for bad in ["", "name", "colour=red", "=x", "dangling=true"] {
            assert!(parse_filters(&[bad.to_string()]).is_err(), "{bad:?}");
        }
    }
}
