//! Attacker programs: small C programs (`<name>.c` in this directory) that hostile-container
//! tests run inside containers to show that an isolation property holds. Each is compiled once
//! per test run, statically (the fixture images have no libc), with the host's gcc.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;
use std::sync::{Mutex, OnceLock};

/// The static binary of attacker `name`.
pub fn binary(name: &str) -> Vec<u8> {
    static BUILT: OnceLock<Mutex<HashMap<String, Vec<u8>>>> = OnceLock::new();
    let mut built = BUILT.get_or_init(Default::default).lock().unwrap();
    if let Some(b) = built.get(name) {
        return b.clone();
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/it/support/attackers/{name}.c"));
    let dir = std::env::temp_dir().join(format!("ferry-it-attackers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join(name);
    let result = Command::new("gcc")
        .args(["-static", "-O2", "-Wall", "-Wextra", "-Werror", "-o"])
        .arg(&out)
        .arg(&src)
        .output()
        .unwrap_or_else(|e| panic!("running gcc (the attacker programs need gcc and libc6-dev; run .ci/run): {e}"));
    assert!(
        result.status.success(),
        "compiling {}:\n{}",
        src.display(),
        String::from_utf8_lossy(&result.stderr)
    );
    let bin = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    built.insert(name.to_string(), bin.clone());
    bin
}
