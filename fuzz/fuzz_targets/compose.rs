//! The Compose loader: the input is split at NUL bytes into `compose.yaml`, `compose.override.yaml`
//! and `.env`, written to a scratch project directory and loaded as `ferry compose config` loads
//! them (interpolation, merge, extends, include, normalization, validation), with and without
//! interpolation; a loaded project is serialized and emitted as `config` prints it. A string is
//! also interpolated on its own against fixed variables.
#![no_main]

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use ferry::compose::{self, LoadOptions, interpolate};
use ferry::yaml::emit;
use libfuzzer_sys::fuzz_target;

fn dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        common::limit_file_size(1 << 20);
        common::scratch("compose")
    })
}

fn env() -> BTreeMap<String, String> {
    [
        ("HOME", "/root"),
        ("PATH", "/usr/bin:/bin"),
        ("TAG", "1.2"),
        ("EMPTY", ""),
        ("PORT", "8080"),
        ("NESTED", "${TAG}"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\0');
    let main = parts.next().unwrap_or_default();
    let over = parts.next();
    let dotenv = parts.next();

    let vars = env();
    let _ = interpolate::interpolate(main, &vars);

    let dir = dir();
    common::empty_dir(dir);
    let write = |name: &str, content: &str| std::fs::write(dir.join(name), content).expect("writing a scratch file");
    write("compose.yaml", main);
    if let Some(o) = over {
        write("compose.override.yaml", o);
    }
    if let Some(e) = dotenv {
        write(".env", e);
    }
    for interpolate in [true, false] {
        let mut opts = LoadOptions::new(dir.clone(), vars.clone());
        opts.interpolate = interpolate;
        if let Ok(model) = compose::load_model(&opts)
            && let Ok(value) = ferry::yaml::de::from_node::<serde_json::Value>(&model.tree)
        {
            let _ = emit::to_string(&value);
        }
        if let Ok(loaded) = compose::load(&opts) {
            let value = serde_json::to_value(&loaded.project).expect("a loaded project serializes");
            let _ = emit::to_string(&value);
        }
    }
});
