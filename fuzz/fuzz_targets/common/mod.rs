//! Helpers shared by the fuzz targets: scratch directories, tar checksum repair, tree snapshots.
#![allow(dead_code)] // each target uses part of this module

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// A directory for this fuzzing process under /dev/shm (tmpfs: no disk syncs per run), created
/// on first use and emptied by the caller between runs.
pub fn scratch(name: &str) -> PathBuf {
    let base = std::env::var_os("FERRY_FUZZ_SCRATCH")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/dev/shm"));
    let dir = base.join(format!("ferry-fuzz-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("creating the scratch directory");
    dir
}

/// Caps the size of any file this process writes (writes past it fail with EFBIG instead of
/// raising SIGXFSZ), so an input declaring a huge file cannot fill the scratch tmpfs.
pub fn limit_file_size(bytes: u64) {
    // SAFETY: setting a signal disposition to SIG_IGN and a resource limit; no memory is shared.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let lim = libc::rlimit {
            rlim_cur: bytes,
            rlim_max: libc::RLIM_INFINITY,
        };
        libc::setrlimit(libc::RLIMIT_FSIZE, &lim);
    }
}

/// Removes everything below `dir` (keeping `dir`), whatever the modes of its subdirectories.
pub fn empty_dir(dir: &Path) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for ent in rd.flatten() {
        let p = ent.path();
        let _ = ferry::store::atomic::remove_tree(&p);
        let _ = std::fs::remove_file(&p);
    }
}

/// Every entry under `dir` except `skip`, with type, mode, size, mtime and link target: two equal
/// snapshots mean nothing was written there.
pub fn snapshot(dir: &Path, skip: &[&Path]) -> Vec<String> {
    fn walk(dir: &Path, skip: &[&Path], out: &mut Vec<String>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            out.push(format!("{dir:?} unreadable"));
            return;
        };
        let mut ents: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        ents.sort();
        for p in ents {
            if skip.contains(&p.as_path()) {
                continue;
            }
            let Ok(md) = std::fs::symlink_metadata(&p) else {
                continue;
            };
            let link = std::fs::read_link(&p).ok();
            out.push(format!(
                "{p:?} {:o} {} {}.{} {link:?}",
                md.mode(),
                md.len(),
                md.mtime(),
                md.mtime_nsec()
            ));
            if md.is_dir() {
                walk(&p, skip, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, skip, &mut out);
    out
}

/// Rewrites the checksum of every tar header in `data` (walking header, data, header, ...), so
/// that mutated archives get past the checksum test and reach the code under test.
pub fn fix_tar_checksums(data: &mut [u8]) {
    let mut off = 0usize;
    while off + 512 <= data.len() {
        let block = &mut data[off..off + 512];
        if block.iter().all(|&b| b == 0) {
            off += 512;
            continue;
        }
        let size = octal_or_binary(&block[124..136]);
        block[148..156].fill(b' ');
        let sum: u32 = block.iter().map(|&b| u32::from(b)).sum();
        let text = format!("{sum:06o}\0 ");
        block[148..156].copy_from_slice(text.as_bytes());
        let blocks = size.div_ceil(512);
        let Some(next) = blocks
            .checked_mul(512)
            .and_then(|n| n.checked_add(512))
            .and_then(|n| usize::try_from(n).ok())
            .and_then(|n| off.checked_add(n))
        else {
            return;
        };
        off = next;
    }
}

fn octal_or_binary(field: &[u8]) -> u64 {
    if field[0] & 0x80 != 0 {
        return field[1..]
            .iter()
            .fold(0u64, |acc, &b| acc.wrapping_shl(8) | u64::from(b));
    }
    let text: String = field.iter().map(|&b| b as char).take_while(|c| *c != '\0').collect();
    u64::from_str_radix(text.trim(), 8).unwrap_or(0)
}
