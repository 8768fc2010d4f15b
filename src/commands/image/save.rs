//! `ferry save`: images to a docker-archive or oci-archive, in a file or on stdout.

use std::fs::{self, File};
use std::io::{BufWriter, IsTerminal, Write};
use std::path::Path;

use anyhow::{Context as _, Result, bail};

use crate::cli::{ArchiveFormat, SaveArgs};
use crate::commands::{Context, ExitStatus};
use crate::image::archive::{self, SaveImage};
use crate::image::lookup;
use crate::image::reference::{Reference, matches_short};
use crate::store::images::ImageRecord;
use crate::store::{Store, atomic};

pub fn exec(ctx: &mut Context, args: SaveArgs) -> Result<ExitStatus> {
    // Nothing but errors is ever printed; -q and -m are accepted for compatibility.
    let _ = (args.quiet, args.multi_image_archive);
    if args.output.is_none() && std::io::stdout().is_terminal() {
        bail!("refusing to save to terminal. Use -o flag or redirect");
    }
    let store = ctx.store()?.clone();
    // Keeps rmi and prune from deleting blobs while they are being copied.
    let _lock = store.content_lock()?;
    let records = store.images().list()?;
    let mut images: Vec<SaveImage> = Vec::new();
    for input in &args.images {
        let record = lookup::find_in(&records, input)?;
        let names = names_for(record, input);
        match images.iter_mut().find(|s| s.image.record.id == record.id) {
            Some(s) => {
                for n in names {
                    if !s.names.contains(&n) {
                        s.names.push(n);
                    }
                }
            }
            None => images.push(SaveImage {
                image: lookup::open(&store, record)?,
                names,
            }),
        }
    }
    match &args.output {
        Some(path) => write_file(&store, &images, args.format, path),
        None => {
            let out = BufWriter::new(std::io::stdout().lock());
            let mut out = write(&store, &images, args.format, out)?;
            out.flush().context("writing to stdout")?;
            Ok(())
        }
    }?;
    Ok(ExitStatus::SUCCESS)
}

fn write<W: Write>(store: &Store, images: &[SaveImage], format: ArchiveFormat, out: W) -> Result<W> {
    Ok(match format {
        ArchiveFormat::DockerArchive => archive::docker::write(store, images, out)?,
        ArchiveFormat::OciArchive => archive::oci::write(store, images, out)?,
    })
}

/// Writes under a temp name next to `path` and renames at the end, so a failed save never
/// leaves a half-written archive under the final name.
fn write_file(store: &Store, images: &[SaveImage], format: ArchiveFormat, path: &Path) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = dir.join(atomic::unique_name(".ferry-save-"));
    let result = (|| {
        let f = File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        let out = write(store, images, format, BufWriter::with_capacity(256 * 1024, f))?;
        let f = out
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("writing {}", tmp.display()))?;
        f.sync_all().with_context(|| format!("writing {}", tmp.display()))?;
        fs::rename(&tmp, path).with_context(|| format!("renaming {} to {}", tmp.display(), path.display()))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.with_context(|| format!("saving to {}", path.display()))
}

/// The names an argument saves its image under: the name it selected, none when it selected
/// by id or digest (as Podman and Docker do).
fn names_for(record: &ImageRecord, input: &str) -> Vec<String> {
    let hex = input.strip_prefix("sha256:").unwrap_or(input);
    if !hex.is_empty() && record.id.hex().starts_with(hex) {
        return Vec::new();
    }
    for candidate in [Reference::parse_local(input), Reference::parse(input)]
        .into_iter()
        .flatten()
    {
        if candidate.digest.is_some() {
            return Vec::new();
        }
        let full = candidate.to_string();
        if record.names.contains(&full) {
            return vec![full];
        }
    }
    record
        .names
        .iter()
        .find(|n| Reference::parse(n).is_ok_and(|r| matches_short(&r, input)))
        .map(|n| vec![n.clone()])
        .unwrap_or_default()
}
