//! `ferry system df`: space used by images and volumes (containers come later and show as an
//! empty row, as in Podman with none).

use anyhow::{Result, bail};
use serde::Serialize;

use crate::cli::SystemDfArgs;
use crate::commands::{Context, ExitStatus};
use crate::engine::system::{self, ImageUsage};
use crate::engine::volume::VolumeUsage;
use crate::output::{self, Table, human_size};

const DEFAULT_TABLE: &str = "table {{.Type}}\t{{.Total}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";

/// A summary row; JSON field names are Podman's (`RawSize`, plus Docker's `TotalCount`).
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Summary {
    #[serde(rename = "Type")]
    kind: &'static str,
    total: usize,
    total_count: usize,
    active: usize,
    raw_size: u64,
    raw_reclaimable: u64,
    size: String,
    reclaimable: String,
}

impl Summary {
    fn new(kind: &'static str, total: usize, active: usize, size: u64, reclaimable: u64) -> Summary {
        let percent = if size == 0 {
            0
        } else {
            (reclaimable as f64 / size as f64 * 100.0).round() as u64
        };
        Summary {
            kind,
            total,
            total_count: total,
            active,
            raw_size: size,
            raw_reclaimable: reclaimable,
            size: human_size(size),
            reclaimable: format!("{} ({percent}%)", human_size(reclaimable)),
        }
    }
}

pub fn exec(ctx: &mut Context, args: SystemDfArgs) -> Result<ExitStatus> {
    if args.verbose && args.format.is_some() {
        bail!("cannot combine --format and --verbose flags");
    }
    let usage = system::df(ctx.store()?)?;
    let images = &usage.images;
    if args.verbose {
        print_verbose(images, &usage.volumes);
        return Ok(ExitStatus::SUCCESS);
    }
    // Space held by images with containers is not reclaimable; there are no containers yet.
    let in_use: u64 = images
        .iter()
        .filter(|i| i.containers > 0)
        .map(|i| i.size - i.shared)
        .sum();
    let active = images.iter().filter(|i| i.containers > 0).count();
    let rows = [
        Summary::new(
            "Images",
            images.len(),
            active,
            usage.images_size,
            usage.images_size - in_use,
        ),
        Summary::new("Containers", 0, 0, 0, 0),
        volume_summary(&usage.volumes),
    ];
    let values: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| serde_json::to_value(r).expect("summary serializes"))
        .collect();
    print!(
        "{}",
        output::render_records(args.format.as_deref(), DEFAULT_TABLE, &[], &values, false)?
    );
    Ok(ExitStatus::SUCCESS)
}

fn cells<const N: usize>(cells: [&str; N]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

fn print_verbose(images: &[ImageUsage], volumes: &[VolumeUsage]) {
    println!("Images space usage:\n");
    let mut table = Table::new(cells([
        "REPOSITORY",
        "TAG",
        "IMAGE ID",
        "CREATED",
        "SIZE",
        "SHARED SIZE",
        "UNIQUE SIZE",
        "CONTAINERS",
    ]));
    let now = chrono::Utc::now();
    for img in images {
        let created = img
            .created
            .map(|c| output::human_duration(u64::try_from((now - c).num_seconds()).unwrap_or(0)))
            .unwrap_or_default();
        let (size, shared, unique) = (
            human_size(img.size),
            human_size(img.shared),
            human_size(img.size - img.shared),
        );
        let containers = img.containers.to_string();
        let names: Vec<(&str, &str)> = if img.names.is_empty() {
            vec![("<none>", "<none>")]
        } else {
            img.names.iter().map(|n| split_name(n)).collect()
        };
        for (repo, tag) in names {
            table.row(cells([
                repo,
                tag,
                img.id.short(),
                &created,
                &size,
                &shared,
                &unique,
                &containers,
            ]));
        }
    }
    print!("{}", table.render());
    println!("\nContainers space usage:\n");
    let containers = Table::new(cells([
        "CONTAINER ID",
        "IMAGE",
        "COMMAND",
        "LOCAL VOLUMES",
        "SIZE",
        "CREATED",
        "STATUS",
        "NAMES",
    ]));
    print!("{}", containers.render());
    println!("\nLocal Volumes space usage:\n");
    let mut table = Table::new(cells(["VOLUME NAME", "LINKS", "SIZE"]));
    for v in volumes {
        table.row(cells([&v.name, &v.links.to_string(), &human_size(v.size)]));
    }
    print!("{}", table.render());
}

/// `registry/repo:tag` → (`registry/repo`, `tag`); a digest reference has tag `<none>`.
fn split_name(name: &str) -> (&str, &str) {
    if let Some((repo, _)) = name.split_once('@') {
        return (repo, "<none>");
    }
    match name.rsplit_once(':') {
        Some((repo, tag)) if !tag.contains('/') => (repo, tag),
        _ => (name, "<none>"),
    }
}

/// The `Local Volumes` row: volumes in use by a container are active and not reclaimable.
fn volume_summary(usage: &[VolumeUsage]) -> Summary {
    let size = usage.iter().map(|v| v.size).sum();
    let unused = usage.iter().filter(|v| v.links == 0).map(|v| v.size).sum();
    let active = usage.iter().filter(|v| v.links > 0).count();
    Summary::new("Local Volumes", usage.len(), active, size, unused)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_names() {
        assert_eq!(
            split_name("docker.io/library/busybox:latest"),
            ("docker.io/library/busybox", "latest")
        );
        assert_eq!(split_name("localhost:5000/a/b"), ("localhost:5000/a/b", "<none>"));
        assert_eq!(split_name("localhost:5000/a/b:v1"), ("localhost:5000/a/b", "v1"));
        assert_eq!(split_name("a/b@sha256:abc"), ("a/b", "<none>"));
        assert_eq!(split_name(""), ("", "<none>"));
        assert_eq!(split_name(":"), ("", ""));
    }

    #[test]
    fn summary_percentages() {
        let s = Summary::new("Images", 1, 0, 0, 0);
        assert_eq!(s.reclaimable, format!("{} (0%)", human_size(0)));
        let s = Summary::new("Images", 2, 1, 300, 100);
        assert!(s.reclaimable.ends_with("(33%)"), "{}", s.reclaimable);
    }
}
