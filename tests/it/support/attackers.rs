//! Attacker programs: small C programs under `support/attackers/` that a hostile container runs
//! to probe an isolation property. Each is compiled once per test process, statically (the test
//! images have no C library), with the host's gcc.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};

use super::fixtures::LayerSpec;

fn source_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/support/attackers")
}

/// The static binary of `attackers/NAME.c`.
#[track_caller]
pub fn binary(name: &str) -> Arc<Vec<u8>> {
    static BUILT: OnceLock<Mutex<HashMap<String, Arc<Vec<u8>>>>> = OnceLock::new();
    let mut built = BUILT
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(b) = built.get(name) {
        return b.clone();
    }
    let src = source_dir().join(format!("{name}.c"));
    let dir = std::env::temp_dir().join(format!("ferry-it-attackers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join(name);
    let result = Command::new("gcc")
        .args(["-static", "-O2", "-Wall", "-Werror", "-o"])
        .arg(&out)
        .arg(&src)
        .output()
        .unwrap_or_else(|e| panic!("gcc is needed to build the attacker programs (run .ci/run): {e}"));
    assert!(
        result.status.success(),
        "compiling {}:\n{}",
        src.display(),
        String::from_utf8_lossy(&result.stderr)
    );
    let bin = Arc::new(std::fs::read(&out).unwrap());
    let _ = std::fs::remove_file(&out);
    built.insert(name.to_string(), bin.clone());
    bin
}

/// A layer with the named attackers at `/attack/NAME`.
pub fn layer(names: &[&str]) -> LayerSpec {
    let mut l = LayerSpec::new().dir("attack", 0o755);
    for n in names {
        l = l.file(&format!("attack/{n}"), 0o755, binary(n).to_vec());
    }
    l
}
