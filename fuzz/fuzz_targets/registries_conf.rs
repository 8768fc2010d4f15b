//! registries.conf (TOML, v2 format): parsed, then used to resolve names as pull does.
#![no_main]

use ferry::config::registries::RegistriesConf;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(conf) = RegistriesConf::from_toml(text) else {
        return;
    };
    let _ = conf.search_registries();
    let _ = conf.short_name_mode();
    for name in [
        "busybox",
        "busybox:1.36",
        "library/alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000",
        "quay.io/podman/hello",
        "localhost:5000/a/b:c",
        "registry.example.com/ns/repo",
        "docker.io/library/busybox:latest",
    ] {
        let _ = conf.find_registry(name);
        let _ = conf.resolve_short_name(name);
    }
    for r in conf.registries() {
        let _ = conf.find_registry(&r.prefix);
        let _ = conf.resolve_short_name(&r.prefix);
    }
});
