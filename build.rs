//! Builds the container-side exec stub `ferry-init` (src/runtime/stub.c, embedded by
//! src/runtime/stub.rs): a static program without a C library, compiled with the target's C
//! compiler as the `cc` crate finds it (the one that links Rust programs for that target).

use std::path::PathBuf;

fn main() {
    let src = "src/runtime/stub.c";
    println!("cargo:rerun-if-changed={src}");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("ferry-init");
    let mut cmd = cc::Build::new()
        .cargo_metadata(false)
        .opt_level_str("s")
        .debug(false)
        .get_compiler()
        .to_command();
    cmd.args([
        "-static",
        "-nostdlib",
        "-nostartfiles",
        "-ffreestanding",
        "-fno-builtin",
        "-fno-stack-protector",
        "-fno-asynchronous-unwind-tables",
        "-fno-unwind-tables",
        "-fno-pie",
        "-no-pie",
        "-Wall",
        "-Wextra",
        "-Werror",
        "-s",
        "-Wl,--build-id=none",
        "-Wl,-z,noexecstack",
        "-o",
    ])
    .arg(&out)
    .arg(src);
    let status = cmd
        .status()
        .unwrap_or_else(|e| panic!("running the C compiler for {src}: {e}"));
    assert!(status.success(), "compiling {src} failed: {status}");
}
