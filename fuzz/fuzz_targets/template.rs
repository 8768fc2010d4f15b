//! Go templates (`--format`): parsed as a plain and as a table format, then executed against a
//! fixed value shaped like `ps`/`inspect` output.
#![no_main]

use std::sync::OnceLock;

use ferry::output::template::Template;
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

fn data() -> &'static Value {
    static DATA: OnceLock<Value> = OnceLock::new();
    DATA.get_or_init(|| {
        json!({
            "ID": "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "Names": ["web", "db"],
            "Image": "docker.io/library/busybox:latest",
            "Size": 4261550,
            "Ratio": 0.25,
            "Negative": -17,
            "Running": true,
            "Nothing": null,
            "Labels": {"a": "1", "b.c": "two", "": "empty"},
            "Ports": [{"HostPort": 8080, "ContainerPort": 80, "Protocol": "tcp"}],
            "State": {"Status": "running", "Pid": 42, "ExitCode": 0, "Health": {"Log": []}},
            "Mounts": [],
            "Config": {"Env": ["PATH=/bin", "A=b=c"], "Cmd": ["sh", "-c", "echo hi"]},
            "Big": 1.0e300,
            "Unicode": "héllo wörld ✓"
        })
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    for parsed in [Template::parse(src), Template::parse_table(src)] {
        let Ok(t) = parsed else { continue };
        let _ = t.fields();
        let _ = t.render(self::data());
        let _ = t.render(&Value::Null);
    }
});
